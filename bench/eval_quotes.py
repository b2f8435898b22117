"""Quote extraction on PolNeAR (../shared/corpora/polnear-train): the numbers in docs/quotes.md.

Runs extract_quotes on the gold articles' texts, scores with framing.evaluate.quotes
(Dice >= 0.5 and >= 0.9; subsets quoted, speech, all; speaker accuracy; end-to-end F1),
prints a table, the same for the two halves of the corpus by article index (rules are
developed on the even half and checked on the odd one), and the extraction time. Also
times extraction on the BBC corpus and counts its quotes.
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
    merged_pred = extract_quotes(docs, continuations="merge")
    merged = evaluate_quotes(gold, merged_pred)["thresholds"]["0.5"]["quoted"]
    print(f"with continuations='merge' (PolNeAR's convention): quoted F1 {merged['f1']:.3f}, "
          f"speaker accuracy {merged['speaker_accuracy']:.3f} at Dice 0.5")
    # the rules are developed on one half (even article index) and checked on the other
    print("halves by article index (development: even; held out: odd):")
    print(f"{'half':<5} {'docs':>4} {'q.5 P':>6} {'R':>6} {'F1':>6} {'spk':>6} {'E2E':>6} {'sp.5 F1':>7} "
          f"{'q.9 F1':>6} {'merge q.5 F1':>12}")
    for name, parity in (("even", 0), ("odd", 1)):
        part = [a for i, a in enumerate(gold) if i % 2 == parity]
        ids = {str(a.get("id", a.get("doc_id"))) for a in part}
        r = evaluate_quotes(part, pred[pred["doc_id"].isin(ids)])["thresholds"]
        rm = evaluate_quotes(part, merged_pred[merged_pred["doc_id"].isin(ids)])["thresholds"]["0.5"]["quoted"]
        q5, s5, q9 = r["0.5"]["quoted"], r["0.5"]["speech"], r["0.9"]["quoted"]
        print(f"{name:<5} {len(part):>4} {q5['precision']:>6.3f} {q5['recall']:>6.3f} {q5['f1']:>6.3f} "
              f"{q5['speaker_accuracy']:>6.3f} {q5['e2e_f1']:>6.3f} {s5['f1']:>7.3f} {q9['f1']:>6.3f} {rm['f1']:>12.3f}")
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
