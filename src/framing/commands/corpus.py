"""Load a corpus and print a summary: documents, words, dates, outlets, sections, problems.

Reads a .txt file (title line, blank line, body), a folder of .txt files (sub-folders
become sections; a metadata.csv keyed by file name adds outlet/date/url), or a table
(.csv, .tsv, .jsonl, .json, .parquet; name its columns with --text-col etc.). Reports
boilerplate lines left out of the analysis, files that are not UTF-8 (decoded as
cp1252/latin-1), double-encoded text (mojibake), exact duplicate texts (skipped with
--drop-duplicates), unparseable dates, and bad members (empty,
binary, undecodable, malformed rows), which are skipped (exit code 3) unless --strict
(then the first one is an error, exit code 2). Without PATH: the bundled seed article.

Example:
  framing corpus data/000_a750b09d9d126d2a.txt
  framing corpus ../shared/corpora/bbc-news
  framing corpus articles.csv --text-col body --id-col article_id --date-col published
  framing corpus articles/ --metadata sources.csv --json
  framing corpus articles/ -o results/documents.parquet
"""

from __future__ import annotations

import argparse
import sys


def add_corpus_arguments(parser: argparse.ArgumentParser) -> None:
    """The corpus argument and the loader's options (shared by every command reading a corpus)."""
    parser.add_argument("corpus", nargs="?", default=None, metavar="PATH",
                        help="a .txt file, a folder or .zip of .txt files, or a .csv/.tsv/.jsonl/.json/.parquet "
                             "table (also .gz/.bz2/.xz) (default: the bundled seed article)")
    group = parser.add_argument_group("corpus options")
    group.add_argument("--format", default=None, choices=["txt", "csv", "tsv", "jsonl", "json", "parquet"],
                       help="input format when the file suffix does not tell")
    group.add_argument("--id-col", default="id", metavar="COL", help="table column with a stable document id "
                       "(default: id, else doc_id, else a hash of the text)")
    group.add_argument("--text-col", default="text", metavar="COL", help="table column with the article text (default: text)")
    group.add_argument("--title-col", default="title", metavar="COL", help="table column with the headline (default: title)")
    group.add_argument("--date-col", default="date", metavar="COL", help="table column with the publication date (default: date)")
    group.add_argument("--metadata", default=None, metavar="CSV",
                       help="sidecar metadata keyed by file name or id (default: metadata.csv in a corpus folder)")
    group.add_argument("--encoding", default=None, help="force this text encoding (default: UTF-8, else cp1252/latin-1, reported)")
    group.add_argument("--drop-duplicates", action="store_true",
                       help="skip documents whose text repeats an earlier one exactly (listed as warnings)")
    group.add_argument("--strict", action="store_true",
                       help="stop at the first bad member (exit 2) instead of skipping it and exiting with 3")


def load_options(args: argparse.Namespace) -> dict:
    """The :func:`framing.load_corpus` keyword arguments given by the corpus options."""
    return dict(
        format=getattr(args, "format", None),
        id_col=getattr(args, "id_col", None) or "id",
        text_col=getattr(args, "text_col", None) or "text",
        title_col=getattr(args, "title_col", None) or "title",
        date_col=getattr(args, "date_col", None) or "date",
        metadata=getattr(args, "metadata", None),
        encoding=getattr(args, "encoding", None),
        errors="raise" if getattr(args, "strict", False) else "collect",
        duplicates="drop" if getattr(args, "drop_duplicates", False) else "keep",
    )


def corpus_path(args: argparse.Namespace):
    """The corpus argument, or the bundled seed article."""
    from ..paths import default_corpus

    return args.corpus if getattr(args, "corpus", None) else default_corpus()


def load_from_args(args: argparse.Namespace):
    """Load the corpus named by :func:`add_corpus_arguments` options; bad members are
    collected in ``attrs["errors"]`` unless ``--strict``."""
    from ..corpus import load_corpus

    return load_corpus(corpus_path(args), **load_options(args))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("-o", "--output", metavar="OUT", default=None,
                        help="also write the documents table to OUT (.csv, .tsv, .jsonl or .parquet; "
                             "excluded spans as JSON text)")
    parser.add_argument("--top", type=int, default=10, metavar="N", help="outlets/sections listed (default 10)")


def _counts(counts: dict[str, int], top: int) -> str:
    items = list(counts.items())
    shown = ", ".join(f"{k} {v:,}" for k, v in items[:top])
    if len(items) > top:
        shown += f", ... ({len(items) - top} more)"
    return shown


def format_summary(s: dict, *, top: int = 10) -> str:
    """The human-readable summary of :func:`framing.corpus.corpus_summary`."""
    lines = [f"documents   {s['documents']:,}" + (f" ({s['untitled']:,} without a title)" if s.get("untitled") else ""),
             f"words       {s['words']:,}"]
    per = s.get("words_per_document")
    if per:
        lines[-1] += f" (per document: median {per['median']:,.0f}, {per['min']:,} to {per['max']:,})"
    if s["date_min"]:
        lines.append(f"dates       {s['date_min'][:10]} to {s['date_max'][:10]} "
                     f"({s['documents_with_date']:,} of {s['documents']:,} documents dated)")
    else:
        lines.append("dates       none")
    lines.append(f"outlets     {len(s['outlets'])}" + (f": {_counts(s['outlets'], top)}" if s["outlets"] else ""))
    lines.append(f"sections    {len(s['sections'])}" + (f": {_counts(s['sections'], top)}" if s["sections"] else ""))
    reasons = ", ".join(f"{k} {v}" for k, v in sorted(s["boilerplate_reasons"].items()))
    lines.append(f"boilerplate {s['boilerplate_spans']:,} line(s) left out in {s['boilerplate_documents']:,} document(s)"
                 + (f" ({reasons})" if reasons else ""))
    lines.append(f"encodings   {', '.join(f'{k} {v:,}' for k, v in s['encodings'].items())}")
    for fb in s["encoding_fallbacks"]:
        lines.append(f"  not UTF-8: {fb['source']} (decoded as {fb['encoding']})")
    if s["duplicate_texts"]:
        lines.append(f"duplicates  {s['duplicate_texts']:,} document(s) repeat an earlier text exactly "
                     "(--drop-duplicates skips them)")
    if s.get("dropped_duplicates"):
        lines.append(f"duplicates  {s['dropped_duplicates']:,} exact duplicate(s) dropped")
    other = [w for w in s["warnings"] if not w["reason"].startswith(("not UTF-8", "dropped: exact duplicate"))]
    if other:
        lines.append(f"warnings    {len(other):,}")
        for w in other[:top]:
            lines.append(f"  {w['source']}: {w['reason']}")
        if len(other) > top:
            lines.append(f"  ... ({len(other) - top} more)")
    ignored = s.get("ignored_files") or []
    if ignored:
        shown = ", ".join(ignored[:5]) + (f", ... ({len(ignored) - 5} more)" if len(ignored) > 5 else "")
        lines.append(f"ignored     {len(ignored):,} other file(s): {shown}")
    if s["skipped"]:
        lines.append(f"skipped     {len(s['skipped']):,} bad member(s)")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    import json

    from ..corpus import corpus_summary
    from ..errors import ParameterError

    if args.top < 1:
        raise ParameterError(f"--top must be at least 1, not {args.top}")
    if args.output:
        docs = load_from_args(args)
        summary = corpus_summary(docs)
    else:  # stream: bounded memory on corpora larger than memory
        from ..corpus import CorpusSummary, iter_documents

        acc = CorpusSummary()
        for chunk in iter_documents(corpus_path(args), chunk_size=2000, **load_options(args)):
            acc.add(chunk)
        summary = acc.result()
    if args.output:
        from pathlib import Path

        from .._io import write_table

        out = docs.copy()  # excluded spans [start, end, reason] mix types: stored as JSON text (as in the store)
        out["excluded"] = [json.dumps([list(map(_plain, span)) for span in ex]) for ex in docs["excluded"]]
        if Path(args.output).suffix.lower() in (".csv", ".tsv"):
            for col in out.columns:
                if out[col].dtype == object and out[col].map(lambda v: isinstance(v, (list, dict))).any():
                    out[col] = out[col].map(lambda v: json.dumps(v, default=str) if isinstance(v, (list, dict)) else v)
        write_table(out, args.output)
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        print(format_summary(summary, top=args.top))
        if args.output:
            print(f"wrote {args.output}")
    for err in summary["skipped"]:
        print(f"skipped {err['source']}: {err['reason']}", file=sys.stderr)
    return 3 if summary["skipped"] else 0


def _plain(value):
    return value.item() if hasattr(value, "item") else value
