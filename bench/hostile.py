"""Hostile documents through the command line: no exception, every span inside its text.

Generates N documents (default 3,000) from a seeded generator into a temporary folder:
quotation marks of every kind, balanced or not (" ' “ ” ‘ ’ « » „ ‹ › 「 」 `` ''),
quotations interrupted by their attribution, control characters, emoji, right-to-left
marks and overrides, combining accents, very long lines, blank-line runs, "More news:"
link lines, CRLF line ends and random unicode (no NUL). A few documents are all control
characters (the loader must skip and report them, exit 3). Then runs, as subprocesses,

  framing quotes DIR -o quotes.parquet
  framing score DIR --counts -o scores.parquet              (quote units)
  framing matches DIR --unit quote -o matches.parquet
  framing score DIR --unit sentence --counts -o sentences.parquet
  framing process DIR -o store -j 1                          (unless --no-process)

and checks: exit code 0 or 3, no traceback; every quote fragment, cue, mention and match
inside its document's text; text[start:end] equals the recorded fragment/cue/mention/match;
quote text = FRAGMENT_SEP.join(fragments); per-unit match counts equal the match table.
Prints counts and times. Exit status 1 when any check fails.

Usage: python bench/hostile.py [--docs 3000] [--seed 0] [--keep DIR] [--no-process]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

MARKS = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "\u2039", "\u203a",
         "\u300c", "\u300d", "``", "''", "\u201a"]
PAIRS = [('"', '"'), ("\u201c", "\u201d"), ("\u2018", "\u2019"), ("\u00ab", "\u00bb"), ("\u201e", "\u201c"),
         ("\u2039", "\u203a"), ("\u300c", "\u300d"), ("'", "'"), ("``", "''"), ("\u201d", "\u201d")]
INNER = ["We", "will", "not", "accept", "this", "conflict", "crisis", "the economy", "is", "good", "at odds",
         "war of words", "talks", "peace", "terrible", "never", "rift", "U.S.", "Dr.", "it's", "scandal",
         "a threat", "\U0001f600", "\u200f", "\u202e", "e\u0301", "\u05e9\u05dc\u05d5\u05dd", "\u0627\u0644\u0633\u0644\u0627\u0645"]
SPEAKERS = ["Anna Brekke", "he", "she", "the minister", "Mr. Dascal", "a source, who asked not to be named,",
            "they", "Brekke", "President Miro Dascal", "Sen. O'Neill", "", "\u00c9lodie Ng"]
CUES = ["said", "says", "told reporters", "added", "warned", "claimed", "insisted", "according to", "denied",
        "slammed", "said on Monday", ""]
ODD = ["\u200f", "\u200e", "\u202e", "\u202c", "\u2066", "\u2069", "\ufeff", "\u00ad", "\u200b", "\u2028", "\u2029",
       "\x85", "\x0b", "\x0c", "\x1b", "\x7f", "\t", "\r\n", "\U0001f600", "\U0001f44d\U0001f3fd",
       "\U0001f1fa\U0001f1f8", "\ufffd", "\uffff", "\U0010ffff", "\u4e2d\u6587", "\u0130", "\u00df", "\ufb01"]
FILLER = ["The", "talks", "resumed", "on", "Monday", "after", "a", "long", "dispute", "over", "the", "border", "(AP)",
          "--", "\u2014", ":", ";", "...", "\u2026", "(", ")", "[", "]", "U.S.", "Jan.", "No.", "3.5", "per", "cent"]


def random_unicode(rng: random.Random, n: int) -> str:
    out = []
    while len(out) < n:
        cp = rng.choice([rng.randrange(0x20, 0x250), rng.randrange(0x370, 0x3000), rng.randrange(0x1F300, 0x1FAFF),
                         rng.randrange(0x4E00, 0x9FFF), rng.randrange(1, 0x110000)])
        if 0xD800 <= cp <= 0xDFFF or cp == 0:
            continue
        out.append(chr(cp))
    return "".join(out)


def quotation(rng: random.Random) -> str:
    op, cl = rng.choice(PAIRS)
    inner = " ".join(rng.choices(INNER, k=rng.randint(1, 14))) + rng.choice([",", ".", "", "?", "!", "..."])
    if rng.random() < 0.3:
        cl = rng.choice(["", cl + cl, "\n\n", rng.choice(MARKS)])
    speaker, cue = rng.choice(SPEAKERS), rng.choice(CUES)
    shape = rng.randrange(5)
    if shape == 0:
        return f"{op}{inner}{cl} {speaker} {cue}."
    if shape == 1:
        return f"{speaker} {cue}: {op}{inner}{cl}"
    if shape == 2:
        rest = " ".join(rng.choices(INNER, k=rng.randint(1, 8)))
        return f"{op}{inner}{cl} {speaker} {cue}. {op}{rest}.{cl}"
    if shape == 3:
        return f"{speaker} {cue} that {inner}."
    return f"{speaker} {cue} the plan was {op}{rng.choice(INNER)}{cl}."


def piece(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.35:
        return quotation(rng)
    if r < 0.60:
        return " ".join(rng.choices(FILLER + INNER, k=rng.randint(3, 25))) + "."
    if r < 0.68:
        return rng.choice(MARKS) * rng.randint(1, 5)
    if r < 0.76:
        return rng.choice(ODD)
    if r < 0.84:
        return random_unicode(rng, rng.randint(1, 40))
    if r < 0.88:
        return "\nMore news: " + " | ".join(" ".join(rng.choices(FILLER, k=4)) for _ in range(3)) + "\n"
    if r < 0.92:  # a very long line
        return rng.choice(["word ", "\u201c", "x", "a. ", "\u2019s ", "said "]) * rng.randint(200, 3000)
    return rng.choice(["\n", "\n\n", "\n\n\n\n", "  ", "\u00a0", "\u3000", "\r\n\r\n"])


def document(rng: random.Random, i: int) -> str:
    if i % 500 == 499:  # all control characters: a bad member the loader must report
        return "".join(rng.choice("\x01\x02\x03\x1b\x7f") for _ in range(200))
    title = " ".join(rng.choices(FILLER + INNER + MARKS, k=rng.randint(1, 10)))
    body = []
    for _ in range(rng.randint(1, 40)):
        body.append(piece(rng))
        body.append(rng.choice([" ", " ", "\n", "\n\n", ""]))
    return title + "\n\n" + "".join(body) + "\n"


def generate(folder: Path, n: int, seed: int) -> int:
    rng = random.Random(seed)
    total = 0
    for i in range(n):
        data = document(rng, i).encode("utf-8")
        (folder / f"{i // 1000:02d}" / f"{i:05d}.txt").parent.mkdir(exist_ok=True)
        (folder / f"{i // 1000:02d}" / f"{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def framing(*args: str) -> tuple[int, str, float]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "framing.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    return proc.returncode, proc.stderr, time.perf_counter() - t0


def check_spans(texts: dict, quotes, matches, sentences=None) -> list[str]:
    """Quote fragments, cues, mentions, sentences and matches inside their document's text and
    equal to what was recorded; returns the problems found (empty when all hold)."""
    from framing.units import FRAGMENT_SEP

    problems = []

    def inside(doc_id, s, e, what, expected=None):
        text = texts.get(doc_id)
        if text is None:
            problems.append(f"{what}: unknown document {doc_id}")
        elif not (0 <= s <= e <= len(text)):
            problems.append(f"{what}: [{s}, {e}) outside {doc_id} ({len(text)} characters)")
        elif expected is not None and text[s:e] != expected:
            problems.append(f"{what}: text[{s}:{e}] != recorded {expected[:40]!r} in {doc_id}")

    for q in quotes.itertuples(index=False):
        frags = [list(map(int, f)) for f in q.fragments]
        for s, e in frags:
            inside(q.doc_id, s, e, f"quote {q.quote_id} fragment")
        if q.doc_id in texts and q.text != FRAGMENT_SEP.join(texts[q.doc_id][s:e] for s, e in frags):
            problems.append(f"quote {q.quote_id}: text is not the join of its fragments")
        if q.cue:
            inside(q.doc_id, int(q.cue_start), int(q.cue_end), f"quote {q.quote_id} cue", q.cue)
        if q.mention:
            inside(q.doc_id, int(q.mention_start), int(q.mention_end), f"quote {q.quote_id} mention", q.mention)
    frags_of = {q.quote_id: [list(map(int, f)) for f in q.fragments] for q in quotes.itertuples(index=False)}
    if sentences is not None:
        for x in sentences.itertuples(index=False):
            inside(x.doc_id, int(x.start), int(x.end), f"sentence {x.sent_id}", x.text)
            frags_of[x.sent_id] = [[int(x.start), int(x.end)]]
    for m in matches.itertuples(index=False):
        one = any(s <= m.start and m.end <= e for s, e in frags_of.get(m.unit_id, []))
        inside(m.doc_id, int(m.start), int(m.end), f"match {m.unit_id}", m.match if one else None)
    return problems


def check(folder: Path, out: Path) -> list[str]:
    """Every check on the outputs of the four commands (see the module docstring)."""
    import pandas as pd

    from framing.corpus import load_corpus

    docs = load_corpus(folder, errors="collect")
    texts = dict(zip(docs["doc_id"], docs["text"]))
    quotes = pd.read_parquet(out / "quotes.parquet")
    matches = pd.read_parquet(out / "matches.parquet")
    problems = check_spans(texts, quotes, matches)
    scores = pd.read_parquet(out / "scores.parquet")
    if list(scores["unit_id"]) != list(quotes["quote_id"]):
        problems.append(f"scores: {len(scores)} units but {len(quotes)} quotes (was quotes.py edited between the runs?)")
    counted = matches.groupby(["unit_id", "lexicon", "category"]).size()
    for col in [c for c in scores.columns if c.endswith(".n")]:
        lexicon, category = col[:-2].split(".", 1)
        for unit_id, n in scores.set_index("unit_id")[col].items():
            if counted.get((unit_id, lexicon, category), 0) != n:
                problems.append(f"scores {unit_id} {col} = {n}, match table has {counted.get((unit_id, lexicon, category), 0)}")
    sentences = pd.read_parquet(out / "sentences.parquet")
    for col in ("neg", "neu", "pos"):
        if not pd.concat([scores[col], sentences[col]]).between(0, 1).all():
            problems.append(f"{col} outside [0, 1]")
    return problems[:50] + ([f"... {len(problems) - 50} more"] if len(problems) > 50 else [])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", default=None, help="generate into this folder and keep it")
    ap.add_argument("--no-process", dest="process", action="store_false",
                    help="skip `framing process` (the cached pipeline) on the same folder")
    args = ap.parse_args(argv)
    tmp = tempfile.TemporaryDirectory(prefix="framing-hostile-")
    base = Path(args.keep) if args.keep else Path(tmp.name)
    folder, out = base / "corpus", base / "out"
    folder.mkdir(parents=True, exist_ok=True)
    out.mkdir(exist_ok=True)
    t0 = time.perf_counter()
    size = generate(folder, args.docs, args.seed)
    print(f"generated {args.docs:,} hostile documents ({size / 1e6:.1f} MB, seed {args.seed}) "
          f"in {time.perf_counter() - t0:.1f}s")
    runs = [
        ("quotes", ["quotes", str(folder), "-o", str(out / "quotes.parquet")]),
        ("score (quotes)", ["score", str(folder), "--counts", "-o", str(out / "scores.parquet")]),
        ("matches (quotes)", ["matches", str(folder), "--unit", "quote", "-o", str(out / "matches.parquet")]),
        ("score (sentences)", ["score", str(folder), "--unit", "sentence", "--counts", "-o", str(out / "sentences.parquet")]),
    ]
    failed = False
    reasons: set[str] = set()
    expected_bad = sum(1 for i in range(args.docs) if i % 500 == 499)
    for label, cmd in runs:
        code, err, seconds = framing(*cmd)
        skipped = [line for line in err.splitlines() if line.startswith("skipped ")]
        last = [line for line in err.splitlines() if not line.startswith("skipped ")][-1:] or [""]
        # the all-control-character documents must be among the skipped (short documents with
        # a few control characters may be too: the loader's 1% rule)
        named = all(any(f"{i:05d}.txt" in line for line in skipped) for i in range(args.docs) if i % 500 == 499)
        ok = code == (3 if skipped else 0) and "Traceback" not in err and named and len(skipped) >= expected_bad
        reasons.update(line.split(": ", 1)[1].split(" (")[0].split(":")[0] for line in skipped)
        skipped = len(skipped)
        failed |= not ok
        print(f"framing {label:<18} exit {code}  {seconds:6.1f}s  {args.docs / seconds:7.0f} docs/s  "
              f"skipped {skipped}  {last[0]}" + ("" if ok else "  FAILED"))
        if "Traceback" in err:
            print(err[-3000:])
    if args.process:
        code, err, seconds = framing("process", str(folder), "-o", str(out / "store"), "-j", "1", "--no-progress")
        ok = code in (0, 3) and "Traceback" not in err
        failed |= not ok
        summary = [line.strip() for line in err.splitlines() if " documents, " in line][:1] or [""]
        print(f"framing {'process (-j 1)':<18} exit {code}  {seconds:6.1f}s  {args.docs / seconds:7.0f} docs/s  "
              f"{summary[0]}" + ("" if ok else "  FAILED"))
        if ok:
            from framing.pipeline import open_store

            store = open_store(out / "store")
            texts = dict(zip(store.documents["doc_id"], store.documents["text"]))
            problems = check_spans(texts, store.quotes, store.matches, store.sentences)
            print(f"store: {len(store.quotes):,} quotes, {len(store.sentences):,} sentences, {len(store.matches):,} "
                  f"matches, {len(store.errors)} errors: {len(problems)} span problem(s)")
            for p in problems[:20]:
                print("  " + p)
            failed |= bool(problems)
    if reasons:
        print(f"skipped for: {'; '.join(sorted(reasons))}")
    if not failed:
        t0 = time.perf_counter()
        problems = check(folder, out)
        import pandas as pd

        q = pd.read_parquet(out / "quotes.parquet")
        m = pd.read_parquet(out / "matches.parquet")
        print(f"checked {len(q):,} quotes ({int((q['fragments'].map(len) > 1).sum()):,} with several fragments, "
              f"{int((q['cue'] != '').sum()):,} cues, {int((q['mention'] != '').sum()):,} mentions) and {len(m):,} matches "
              f"in {time.perf_counter() - t0:.1f}s: {len(problems)} problem(s)")
        for p in problems:
            print("  " + p)
        failed |= bool(problems)
    print("FAIL" if failed else "OK: no exception, every span inside its text")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
