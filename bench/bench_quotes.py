"""Quote extraction speed: words per CPU second of ``extract_quotes`` on the BBC corpus.

Loads ../shared/corpora/bbc-news (skips cleanly, exit 0, when it is absent), then runs
``framing.extract_quotes`` on all of it ``--repeat`` times on one core and prints the CPU
seconds (``time.process_time``) and wall seconds of each run, their median, and words per
CPU second (words = whitespace-separated tokens of the texts). Loading is not timed.

Usage: python bench/bench_quotes.py [--repeat 3] [--limit N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "bbc-news"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="timed runs (default 3; the median is reported)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found (the shared corpora are not available here)")
        return 0
    from framing.corpus import load_corpus
    from framing.quotes import extract_quotes

    docs = load_corpus(CORPUS)
    if args.limit is not None:
        docs = docs.head(args.limit)
    words = int(docs["text"].str.split().str.len().sum())
    cpus, walls, n = [], [], 0
    for r in range(max(1, args.repeat)):
        t0, c0 = time.perf_counter(), time.process_time()
        quotes = extract_quotes(docs)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        cpus.append(cpu)
        walls.append(wall)
        n = len(quotes)
        print(f"run {r + 1}: {cpu:.2f} s CPU, {wall:.2f} s wall")
    cpu = statistics.median(cpus)
    print(f"BBC: {len(docs):,} articles, {words:,} words, {n:,} quotes; extract_quotes median of {len(cpus)}: "
          f"{cpu:.2f} s CPU, {statistics.median(walls):.2f} s wall, {words / cpu / 1e6:.2f} M words per CPU second")
    return 0


if __name__ == "__main__":
    sys.exit(main())
