"""Sentiment and dictionary rates per quote, sentence or document.

Writes one row per unit: doc_id, unit_id, unit, n_tokens (dictionary tokens), VADER neg, neu,
pos, compound (reference = the original vaderSentiment rules exactly; news = with news
vocabulary; a document's sentiment averages its sentences), and for every category of every
lexicon a rate per 1,000 tokens named <lexicon>.<category>. With no --lexicon: news_frames.
--counts adds <lexicon>.<category>.n (matches) and .negated (matches after "not", "no"...).
Units: quotes (default; found as `framing quotes` does), sentences, or whole documents.
Without -o, prints the mean rates. `framing matches` lists the words behind each rate.

Example:
  framing score data/000_a750b09d9d126d2a.txt --lexicon diplomacy
  framing score articles/ --unit sentence --lexicon news_frames --lexicon my_frames.yaml -o scores.parquet
  framing score articles/ --unit document --sentiment news --counts -o doc_scores.csv
"""

from __future__ import annotations

import argparse
import sys

UNITS = ("quote", "sentence", "document")


def add_unit_options(parser: argparse.ArgumentParser) -> None:
    """--lexicon, --unit and matching options (shared with `framing matches`)."""
    from .quotes import add_corpus_options, add_quote_options

    add_corpus_options(parser)
    parser.add_argument("--lexicon", action="append", metavar="NAME|FILE", default=None,
                        help="built-in lexicon (framing lexicon list) or dictionary file (.dic, .lc3, .cat, .ykd, .yaml, .json, .csv); "
                             "repeat for several (default: news_frames)")
    parser.add_argument("--unit", choices=UNITS, default="quote", help="what to score (default: quote)")
    parser.add_argument("--negation-window", type=int, default=3, metavar="N",
                        help="flag matches with not/no/never/without/n't in the N tokens before (0: off; default 3)")
    parser.add_argument("--case-sensitive", action="store_true", help="match dictionary terms case-sensitively")
    add_quote_options(parser)


def build_units(docs, args: argparse.Namespace):
    """The units table of ``docs`` for ``args.unit``."""
    from .. import units as U

    if args.unit == "quote":
        from .quotes import find_quotes

        return U.quote_units(find_quotes(docs, args))
    from ..segment import segment

    sentences = segment(docs)
    if args.unit == "sentence":
        return U.sentence_units(sentences)
    return U.document_units(sentences, docs)


def make_matcher(args: argparse.Namespace):
    from ..errors import ParameterError
    from ..lexicon import load_lexicons
    from ..matching import DictionaryMatcher

    if args.negation_window < 0:
        raise ParameterError("--negation-window must be 0 or more")
    lexicons = load_lexicons(args.lexicon or ["news_frames"])
    return DictionaryMatcher(lexicons, negation_window=args.negation_window, case_sensitive=args.case_sensitive)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_unit_options(parser)
    parser.add_argument("--sentiment", choices=("reference", "news", "none"), default="reference",
                        help="VADER variant (default: reference, the original rules exactly)")
    parser.add_argument("--counts", action="store_true", help="add match counts <lexicon>.<category>.n and .negated")
    parser.add_argument("-o", "--output", metavar="OUT", default=None,
                        help="write the scores (.csv, .tsv, .jsonl or .parquet); default: print mean rates")


def summary_table(scores, columns: list[str]):
    """Mean, share of units with any match, per rate column."""
    import pandas as pd

    rows = [{"column": c, "mean_rate": scores[c].mean(), "units_with_match": (scores[c] > 0).mean()} for c in columns]
    return pd.DataFrame(rows)


def run(args: argparse.Namespace) -> int:
    from ..scoring import score_units
    from .quotes import load_documents, report_skipped

    matcher = make_matcher(args)  # bad lexicons fail before the corpus is read
    matcher.columns
    docs, skipped = load_documents(args)
    units = build_units(docs, args)
    scores = score_units(units, lexicons=(), sentiment=args.sentiment, counts=args.counts, matcher=matcher)
    report_skipped(skipped)
    what = f"{len(scores)} {args.unit}{'s' if len(scores) != 1 else ''} in {len(docs)} document{'s' if len(docs) != 1 else ''}"
    if args.output:
        from .._io import write_table

        path = write_table(scores, args.output)
        print(f"{what}; wrote {path}", file=sys.stderr)
    else:
        if len(scores):
            if "compound" in scores.columns:
                print(f"mean compound {scores['compound'].mean():+.3f} (neg {scores['neg'].mean():.3f}, "
                      f"neu {scores['neu'].mean():.3f}, pos {scores['pos'].mean():.3f})")
            table = summary_table(scores, matcher.columns)
            print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
        print(f"{what}; rates are matches per 1,000 tokens; -o OUT writes one row per {args.unit}", file=sys.stderr)
    return 3 if skipped else 0
