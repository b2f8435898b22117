"""Draft an editable speaker table from the quotes found in a corpus.

Lists every speaker found with the names and descriptors the articles use for them
and how many quotes they have. Edit the file (canonical name, aliases, side, role,
any other field), then apply it on later runs with --speakers. With --speakers
EXISTING the draft starts from your table: your names, sides, roles and fields are
kept (also for speakers with no quote in this corpus), newly seen aliases are added,
and new speakers get side "unknown". Output .yaml (commented) or .csv/.tsv; without
-o the YAML is printed. See docs/speakers.md.

Example:
  framing speakers articles/ -o speakers.yaml --min-quotes 2
  (edit speakers.yaml: merge aliases, set side: US / DPRK / ...)
  framing quotes articles/ --speakers speakers.yaml -o quotes.parquet
  framing speakers more_articles/ --speakers speakers.yaml -o speakers-v2.yaml
"""

from __future__ import annotations

import argparse
import sys

from .quotes import add_corpus_options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_options(parser)
    parser.add_argument("--speakers", metavar="EXISTING", default=None,
                        help="start from this speaker table (.yaml or .csv): its entries are kept and extended")
    parser.add_argument("--cues", metavar="FILE", default=None, help="cue-verb list to use instead of the built-in one")
    parser.add_argument("--min-quotes", metavar="N", type=int, default=1,
                        help="leave out new speakers with fewer than N quotes (default 1; entries of --speakers are always kept)")
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="write the table to FILE (.yaml, .yml, .csv or .tsv); default: print YAML")


def run(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone
    from pathlib import Path

    from ..errors import ParameterError
    from ..speakers import DRAFT_HEADER, draft_speakers, speakers_yaml, write_speakers
    from .quotes import find_quotes, load_documents, report_skipped

    if args.min_quotes < 0:
        raise ParameterError(f"--min-quotes must be 0 or more, not {args.min_quotes}")
    if args.output and Path(args.output).suffix.lower() not in (".yaml", ".yml", ".csv", ".tsv"):
        raise ParameterError(f"cannot write a speaker table as {Path(args.output).suffix or 'a file without suffix'}; "
                             "use .yaml, .csv or .tsv", source=args.output)
    docs, skipped = load_documents(args)
    quotes = find_quotes(docs, args)
    table = draft_speakers(quotes, existing=args.speakers, min_quotes=args.min_quotes)
    report_skipped(skipped)

    when = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    stats = (f"{len(quotes)} quotes in {len(docs)} document{'s' if len(docs) != 1 else ''}, "
             f"{table.attrs.get('unattributed', 0)} unattributed, {len(table)} speakers")
    origin = f" from {args.corpus or docs['source'].iloc[0] if len(docs) else args.corpus} on {when} ({stats})"
    name = Path(args.output).name if args.output else "speakers.yaml"
    header = DRAFT_HEADER.format(origin=origin, name=name)
    if args.output:
        path = write_speakers(table, args.output, header=header)
        print(f"{stats}; wrote {path}; edit it, then use --speakers {path}", file=sys.stderr)
    else:
        sys.stdout.write(speakers_yaml(table, header=header))
    return 3 if skipped else 0
