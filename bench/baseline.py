"""The straightforward pipeline framing is measured against (issue 6).

Reads every .txt file of a folder, splits sentences with a regex, scores every
sentence with NLTK's VADER port and counts dictionary words per sentence with a
token set. No quotes, no offsets, no cache, one process. NLTK's own VADER lexicon
is not downloadable here, so its SentimentIntensityAnalyzer reads the vaderSentiment
package's vader_lexicon.txt (the same file) through a temporary NLTK data folder.

Usage:
  python bench/baseline.py CORPUS_FOLDER [--out FILE.csv]

Prints documents, sentences, words and words/s (process start excluded; the
benchmark times the whole process from outside).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")
WORD = re.compile(r"\S+")
# a token-set framing dictionary (economic / conflict / morality / responsibility terms)
DICTIONARY = frozenset(
    """economy economic economics market markets cost costs costly price prices budget tax taxes
    jobs unemployment growth recession inflation profit profits investment spending deficit debt
    war conflict fight fighting attack attacks battle crisis threat threats dispute clash clashes
    rival rivals opponent opponents criticism criticised criticized accused accuse blame blamed
    moral morality ethics ethical values faith god church religious right wrong duty
    responsible responsibility government minister ministers policy law laws regulation solution
    reform reforms failure failed fault""".split()
)


def sentiment_analyzer():
    """NLTK's SentimentIntensityAnalyzer on vaderSentiment's lexicon file."""
    import nltk
    import vaderSentiment
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    src = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
    data = tempfile.mkdtemp(prefix="nltk-data-")
    (Path(data) / "sentiment").mkdir()
    shutil.copy(src, Path(data) / "sentiment" / "vader_lexicon.txt")
    nltk.data.path.insert(0, data)
    try:
        return SentimentIntensityAnalyzer(lexicon_file="sentiment/vader_lexicon.txt")
    finally:
        shutil.rmtree(data, ignore_errors=True)


def run(folder: Path, out: Path | None = None) -> dict:
    sia = sentiment_analyzer()
    rows = []
    n_docs = n_words = 0
    for path in sorted(folder.rglob("*.txt")):
        if path.name.upper().startswith("README"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            text = path.read_text(encoding="cp1252", errors="replace")
        n_docs += 1
        n_words += len(WORD.findall(text))
        doc_id = path.relative_to(folder).as_posix()
        for i, m in enumerate(SENTENCE.finditer(text)):
            sentence = m.group().strip()
            if not sentence:
                continue
            scores = sia.polarity_scores(sentence)
            tokens = TOKEN.findall(sentence.lower())
            hits = sum(1 for t in tokens if t in DICTIONARY)
            rows.append((doc_id, i, scores["compound"], hits, len(tokens)))
    if out is not None:
        import csv

        with open(out, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["doc_id", "sentence", "compound", "dictionary_hits", "n_tokens"])
            w.writerows(rows)
    return {"documents": n_docs, "sentences": len(rows), "words": n_words}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"baseline: {args.corpus}: not a folder", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    stats = run(args.corpus, args.out)
    sec = time.perf_counter() - t0
    print(
        f"baseline: {stats['documents']} documents, {stats['sentences']} sentences, {stats['words']} words "
        f"in {sec:.2f} s = {stats['words'] / sec:,.0f} words/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
