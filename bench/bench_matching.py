"""Dictionary matching speed: tokens/s of a whole-corpus pass with a 500-term dictionary.

Reads ../shared/corpora/bbc-news (skips cleanly when absent), builds one document unit per
article, and times ``DictionaryMatcher.match_and_rate`` (every match with offsets, plus rates)
with a 500-term dictionary drawn from the built-in lexicons (words, wildcards and phrases), on
one core. Baseline: one compiled regular expression per term (``\\bterm\\b``, wildcards as
``\\w*``) over a sample of the articles, the straightforward approach. Also: sentence units
plus document units (as the pipeline scores them), scanning both vs summing each
document's rates from its sentences' matches (``reuse_sentences``).

Usage: python bench/bench_matching.py [--repeat 7] [--sample 200]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "bbc-news"


def load_units(folder: Path):
    import pandas as pd

    rows = []
    for path in sorted(folder.rglob("*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        doc_id = path.relative_to(folder).as_posix()
        rows.append({"doc_id": doc_id, "unit_id": doc_id, "unit": "document", "text": text,
                     "fragments": [[0, len(text)]]})
    return pd.DataFrame(rows)


def dictionary_500(seed: int = 0):
    """500 (term, category) entries from the built-in lexicons, as one Lexicon."""
    import pandas as pd

    from framing.lexicon import Lexicon, load_lexicon

    frames = []
    for name in ("news_frames", "policy_frames", "diplomacy"):
        e = load_lexicon(name).entries.copy()
        e["category"] = name + "_" + e["category"]
        frames.append(e)
    entries = pd.concat(frames).drop_duplicates("term").reset_index(drop=True)
    rng = random.Random(seed)
    idx = sorted(rng.sample(range(len(entries)), 500))
    return Lexicon(name="bench500", entries=entries.iloc[idx].reset_index(drop=True))


def naive_pattern(term: str) -> re.Pattern:
    words = []
    for w in term.split():
        star = w.endswith("*")
        words.append(re.escape(w.rstrip("*")) + (r"\w*" if star else ""))
    return re.compile(r"\b" + r"\W+".join(words) + r"\b", re.IGNORECASE)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--sample", type=int, default=200, help="articles for the one-regex-per-term baseline")
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        print(f"skip: {CORPUS} not found (the shared corpora are not available here)")
        return 0
    from framing.matching import DictionaryMatcher

    units = load_units(CORPUS)
    lex = dictionary_500()
    n_terms = len(lex.entries)
    print(f"corpus: {CORPUS} ({len(units)} articles); dictionary: {n_terms} terms "
          f"({int(lex.entries.term.str.contains(r'[*]').sum())} wildcards, "
          f"{int(lex.entries.term.str.contains(' ').sum())} phrases) in {len(lex.categories)} categories")
    import os
    import statistics

    def timed(fn, repeat):
        """(median, best) CPU seconds of ``fn()`` over ``repeat`` runs, and its last result."""
        times, out = [], None
        for _ in range(repeat):
            c0 = time.process_time()
            out = fn()
            times.append(time.process_time() - c0)
        return statistics.median(times), min(times), out

    # fresh matcher each run: compiling the lexicon and building the token cache are in the time
    full_med, full_best, (matches, rates) = timed(lambda: DictionaryMatcher([lex]).match_and_rate(units), args.repeat)
    tokens = int(rates["n_tokens"].sum())
    rate_med, rate_best, _ = timed(lambda: DictionaryMatcher([lex]).rates(units), args.repeat)
    warm = DictionaryMatcher([lex])
    warm.rates(units)
    warm_med, warm_best, _ = timed(lambda: warm.match_and_rate(units), args.repeat)
    texts = [t.lower() for t in units["text"]]
    tok_re = re.compile(r"\w+")
    bare_med, bare_best, n_plain = timed(lambda: sum(len(tok_re.findall(t)) for t in texts), args.repeat)
    mt = lambda sec: tokens / sec / 1e6  # noqa: E731
    print(f"CPU time, median (best) of {args.repeat} runs, M tokens/s on {tokens:,} tokens "
          f"(load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
    print(f"  every match with offsets + rates (match_and_rate), fresh matcher: {mt(full_med):.2f} ({mt(full_best):.2f})"
          f"  [{len(matches):,} matches]")
    print(f"  rates only (rates, what score_units needs), fresh matcher:        {mt(rate_med):.2f} ({mt(rate_best):.2f})")
    print(f"  every match + rates, warm token cache (later chunks of a run):    {mt(warm_med):.2f} ({mt(warm_best):.2f})")
    print(f"  calibration, a bare regex tokenizer (\\w+ findall, nothing else): {n_plain / bare_med / 1e6:.2f} "
          f"({n_plain / bare_best / 1e6:.2f})")
    print(f"the full pass runs at {bare_med / full_med:.0%} of the bare tokenizer's speed (rates only: "
          f"{bare_med / rate_med:.0%}); goal: 3 M tokens/s for the full pass")
    # the pipeline scores sentence units and document units made of them: a document's
    # rates are summed from its sentences' matches (reuse_sentences), not a second scan
    import pandas as pd

    import framing

    docs = units.drop(columns=["unit_id", "unit", "fragments"])
    sentences = framing.segment(docs)
    both = pd.concat([framing.sentence_units(sentences), framing.document_units(sentences, docs)], ignore_index=True)
    sent_units = framing.sentence_units(sentences)
    sent_med, sent_best, (_m, r_sent) = timed(lambda: DictionaryMatcher([lex]).match_and_rate(sent_units), args.repeat)
    sent_tokens = int(r_sent["n_tokens"].sum())
    print(f"sentence units ({len(sent_units):,}, {sent_tokens:,} tokens), every match + rates, fresh matcher: "
          f"{sent_tokens / sent_med / 1e6:.2f} ({sent_tokens / sent_best / 1e6:.2f}) M tokens/s")
    matcher = DictionaryMatcher([lex])
    matcher.rates(both)  # compiled, token cache warm: the two ways below differ only in the work they do
    scan_med, _b, (_m, r_scan) = timed(lambda: matcher.match_and_rate(both), args.repeat)
    reuse_med, _b, (_m, r_reuse) = timed(lambda: matcher.match_and_rate(both, reuse_sentences=True), args.repeat)
    same = r_scan.equals(r_reuse)
    n_docs = int((both["unit"] == "document").sum())
    print(f"sentence + document units ({len(both) - n_docs:,} + {n_docs:,}): scanning both {scan_med:.3f} s CPU, "
          f"documents summed from sentences {reuse_med:.3f} s CPU ({scan_med / reuse_med:.2f}x; "
          f"{len(matcher.sentence_documents(both)):,} documents reused; rates identical: {same})")

    sample = units.iloc[:: max(1, len(units) // args.sample)].head(args.sample)
    patterns = [naive_pattern(t) for t in lex.entries["term"]]
    sample_tokens = int(DictionaryMatcher([lex]).rates(sample)["n_tokens"].sum())
    t0 = time.process_time()
    n = 0
    for text in sample["text"]:
        for p in patterns:
            for _m in p.finditer(text):
                n += 1
    dt_naive = time.process_time() - t0
    naive_rate = sample_tokens / dt_naive
    print(f"baseline, one regex per term: {sample_tokens:,} tokens ({len(sample)} articles), {n:,} matches in "
          f"{dt_naive:.2f} s = {naive_rate / 1e6:.3f} M tokens/s")
    print(f"speed-up of the full pass (median): {tokens / full_med / naive_rate:.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
