"""Write a methods paragraph for a paper from a store made by 'framing process'.

Reads STORE/manifest.json (versions, parameters, input hashes) and the store's quotes and
scores tables, and prints a Markdown paragraph: corpus size, how quotations were found and
attributed (counts by type, share attributed), the extractor's validation on PolNeAR,
sentiment and dictionaries with their versions, a reproducibility line, and the references
to cite. Every number comes from the run; adapt the wording to your paper.

Example:
  framing process articles/ -o store --lexicon news_frames --speakers speakers.yaml
  framing methods store -o methods.md
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("store", metavar="STORE", help="a folder written by 'framing process CORPUS -o STORE'")
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="write the Markdown to FILE (default: print it)")


def run(args: argparse.Namespace) -> int:
    from ..methods import methods_text

    text = methods_text(args.store)
    if args.output:
        from .._io import atomic_write

        with atomic_write(args.output) as fh:
            fh.write(text)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
