"""Every dictionary match with its offsets, to check and highlight what produced a score.

Writes one row per match: doc_id, unit_id, lexicon, category, term (the dictionary entry),
match (the text as written), start, end (character offsets in the document), weight, negated
(a negator such as "not" or "n't" in the few tokens before). Without -o, prints each match in
context (keyword in context). Same options as `framing score`.

Example:
  framing matches data/000_a750b09d9d126d2a.txt --lexicon diplomacy --unit sentence
  framing matches articles/ --lexicon my_frames.dic --unit quote -o matches.csv
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from .score import add_unit_options

    add_unit_options(parser)
    parser.add_argument("--category", action="append", default=None, metavar="NAME",
                        help="only this category (lexicon.category or category); repeat for several")
    parser.add_argument("--width", type=int, default=40, help="context characters on each side in the listing (default 40)")
    parser.add_argument("-o", "--output", metavar="OUT", default=None,
                        help="write the matches (.csv, .tsv, .jsonl or .parquet); default: print them in context")


def run(args: argparse.Namespace) -> int:
    from ..matching import keywords_in_context
    from .quotes import load_documents, report_skipped
    from .score import build_units, make_matcher

    matcher = make_matcher(args)
    matcher.columns
    docs, skipped = load_documents(args)
    units = build_units(docs, args)
    matches = matcher.match(units)
    if args.category:
        wanted = set(args.category)
        keep = matches["category"].isin(wanted) | (matches["lexicon"] + "." + matches["category"]).isin(wanted)
        matches = matches[keep].reset_index(drop=True)
    report_skipped(skipped)
    what = f"{len(matches)} matches in {len(units)} {args.unit}s of {len(docs)} documents"
    if args.output:
        from .._io import write_table

        path = write_table(matches, args.output)
        print(f"{what}; wrote {path}", file=sys.stderr)
    else:
        kwic = keywords_in_context(matches, docs, width=args.width)
        for r in kwic.itertuples(index=False):
            neg = " (negated)" if r.negated else ""
            print(f"{r.doc_id}:{r.start}  {r.lexicon}.{r.category:<24} {r.left:>{args.width}} [{r.match}] {r.right}{neg}")
        print(what, file=sys.stderr)
    return 3 if skipped else 0
