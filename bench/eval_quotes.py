"""Quote extraction on PolNeAR (../shared/corpora/polnear-train): the numbers in docs/quotes.md.

Runs extract_quotes on the gold articles' texts, scores with framing.evaluate.quotes
(Dice >= 0.5 and >= 0.9; subsets quoted, speech, all; speaker accuracy; end-to-end F1),
prints a table and the extraction time. Also times extraction on the BBC corpus.
Skips (exit 0) when ../shared is absent.

    python bench/eval_quotes.py [--limit N] [--no-bbc] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
POLNEAR = SHARED / "polnear-train" / "train.jsonl"
BBC = SHARED / "bbc-news"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N PolNeAR articles")
    ap.add_argument("--no-bbc", action="store_true", help="skip the BBC timing")
    ap.add_argument("--json", default=None, help="also write the full result as JSON")
    args = ap.parse_args(argv)
    if not POLNEAR.is_file():
        print(f"skipped: {POLNEAR} not found (the shared corpora are not available here)")
        return 0
    from framing.evaluate.quotes import evaluate_quotes, format_results, gold_documents, load_gold
    from framing.quotes import extract_quotes

    gold = load_gold(POLNEAR)[: args.limit]
    docs = gold_documents(gold)
    words = int(docs["text"].str.split().str.len().sum())
    t0, c0 = time.perf_counter(), time.process_time()
    pred = extract_quotes(docs)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    result = evaluate_quotes(gold, pred)
    print(f"PolNeAR train: {len(docs)} articles, {words:,} words, {len(pred):,} predicted quotes; "
          f"extraction {dt:.2f} s wall, {cpu:.2f} s CPU ({words / cpu / 1e6:.2f} M words per CPU second, one core)")
    print(format_results(result))
    merged = evaluate_quotes(gold, extract_quotes(docs, continuations="merge"))["thresholds"]["0.5"]["quoted"]
    print(f"with continuations='merge' (PolNeAR's convention): quoted F1 {merged['f1']:.3f}, "
          f"speaker accuracy {merged['speaker_accuracy']:.3f} at Dice 0.5")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    if not args.no_bbc and BBC.is_dir():
        from framing.corpus import load_corpus

        bbc = load_corpus(BBC)
        bw = int(bbc["text"].str.split().str.len().sum())
        t0, c0 = time.perf_counter(), time.process_time()
        bq = extract_quotes(bbc)
        bt, bcpu = time.perf_counter() - t0, time.process_time() - c0
        types = bq["type"].value_counts().to_dict()
        print(f"BBC: {len(bbc)} articles, {bw:,} words, {len(bq):,} quotes {types}, "
              f"{(bq['speaker'] != '').mean():.1%} attributed; extraction {bt:.2f} s wall, {bcpu:.2f} s CPU "
              f"({bw / bcpu / 1e6:.2f} M words per CPU second)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
