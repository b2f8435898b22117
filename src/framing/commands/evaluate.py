"""Compare quotes or scores with human annotations.

`framing evaluate quotes` scores quote extraction and speaker attribution against gold
attributions in PolNeAR-style JSONL (one article per line with "text" and "quotes"):
one-to-one matching by character Dice >= 0.5 and >= 0.9; precision, recall and F1 for
direct + mixed quotes ("quoted"), those plus indirect speech ("speech") and all
attributions; speaker accuracy on matched quotes; end-to-end F1; recall by gold type.
Without --pred, the quotes are extracted from the gold file's own texts first.
`framing evaluate scores` compares sentiment scores or frame labels with human codes.

Example:
  framing evaluate quotes --gold ../shared/corpora/polnear-train/train.jsonl
  framing quotes gold_texts.jsonl -o pred.parquet
  framing evaluate quotes --gold gold.jsonl --pred pred.parquet --json
  framing evaluate scores --gold ratings.csv --pred scores.csv
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="what", metavar="{quotes,scores}", required=True)
    q = sub.add_parser("quotes", help="quote extraction and speakers against gold attributions (JSONL)",
                       description="Quote extraction and speaker attribution against gold attributions.")
    q.add_argument("--gold", required=True, metavar="GOLD.jsonl",
                   help="gold articles, one JSON object per line with id, text and quotes (see docs/quotes.md)")
    q.add_argument("--pred", default=None, metavar="PRED",
                   help="predicted quotes (.jsonl, .csv, .tsv or .parquet from `framing quotes -o`); "
                        "default: run extract_quotes on the gold texts")
    q.add_argument("--cues", default=None, metavar="FILE", help="cue-verb CSV to use when extracting (form,lemma,class)")
    q.add_argument("--continuations", choices=("separate", "merge"), default="separate",
                   help="when extracting: a cue-less quote paragraph after a quote is its own quote (separate, "
                        "default) or one more fragment of it (merge, PolNeAR's convention)")
    q.add_argument("--json", action="store_true", help="print the full result as JSON instead of a table")
    q.add_argument("-o", "--output", default=None, metavar="OUT.json", help="also write the full result as JSON")
    s = sub.add_parser("scores", help="sentiment scores or frame labels against human codes",
                       description="Sentiment scores or frame labels against human codes.")
    try:
        from ..evaluate.scores import add_arguments as add_score_arguments
    except ImportError:
        add_score_arguments = None
    if add_score_arguments is not None:
        add_score_arguments(s)
    else:
        s.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)


def _run_quotes(args: argparse.Namespace) -> int:
    import json
    import time

    from ..evaluate.quotes import evaluate_quotes, format_results, gold_documents, load_gold

    gold = load_gold(args.gold)
    pred = args.pred
    seconds = None
    if pred is None:
        from ..quotes import extract_quotes

        docs = gold_documents(gold)
        t0 = time.perf_counter()
        pred = extract_quotes(docs, cues=args.cues, continuations=args.continuations)
        seconds = time.perf_counter() - t0
    result = evaluate_quotes(gold, pred)
    if seconds is not None:
        result["extraction_seconds"] = round(seconds, 3)
    if args.output:
        from .._io import atomic_write

        with atomic_write(args.output) as fh:
            json.dump(result, fh, indent=1)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(format_results(result))
        if seconds is not None:
            print(f"extraction: {seconds:.2f} s", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    if args.what == "quotes":
        return _run_quotes(args)
    try:
        from ..evaluate import scores
    except ImportError:
        print("framing evaluate scores: error: framing.evaluate.scores is not available in this installation",
              file=sys.stderr)
        return 1
    return int(scores.run(args) or 0)
