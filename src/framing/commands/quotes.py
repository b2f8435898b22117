"""Find quotations and their speakers in a corpus.

Writes one row per quote (columns in docs/tables.md: offsets, fragments, type, cue and
its class, mention, speaker and the rule that found it, paragraph, sentence). With
--speakers, names are mapped onto your speaker table and side, role and your extra
columns are added (speakers not in it get side "unknown"; no quote is dropped).
Lists (fragments) are stored as JSON text in CSV. Without -o, prints a short listing.

Example:
  framing quotes data/000_a750b09d9d126d2a.txt
  framing quotes articles/ --speakers speakers.yaml -o results/quotes.parquet
  framing speakers articles/ -o speakers.yaml   # draft the table to edit first
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys


def add_corpus_options(parser: argparse.ArgumentParser) -> None:
    """The corpus argument and the loader's options (shared with `framing corpus`)."""
    try:
        from .corpus import add_corpus_arguments  # the loader's own options, when defined
    except ImportError:
        add_corpus_arguments = None
    if add_corpus_arguments is not None:
        add_corpus_arguments(parser)
        return
    parser.add_argument("corpus", help="a .txt file, a folder of .txt files, a .csv/.tsv/.jsonl/.parquet table, or a .zip")
    group = parser.add_argument_group("corpus options")
    group.add_argument("--format", default=None, help="input format when the suffix does not tell (txt, csv, tsv, jsonl, parquet)")
    group.add_argument("--text-col", default=None, help="column holding the article text (tables)")
    group.add_argument("--id-col", default=None, help="column holding a stable document id (tables)")
    group.add_argument("--title-col", default=None, help="column holding the headline (tables)")
    group.add_argument("--date-col", default=None, help="column holding the publication date (tables)")
    group.add_argument("--encoding", default=None, help="text encoding when not UTF-8 (default: detect, fall back to cp1252)")
    group.add_argument("--strict", action="store_true", help="stop at the first bad corpus member (default: skip and report it, exit 3)")


_FALLBACK_OPTIONS = ("format", "text_col", "id_col", "title_col", "date_col", "encoding")
_NOT_LOADER_OPTIONS = {"path", "corpus", "errors", "self", "chunk_size", "speakers", "cues", "output"}


def load_documents(args: argparse.Namespace):
    """Load the corpus named in ``args``, passing every option ``load_corpus`` accepts;
    bad members are skipped and collected (``--strict``: stop at the first).

    Returns (documents, skipped) where skipped lists ``{"source", "reason"}`` of the
    members the loader reported bad.
    """
    try:
        from .corpus import load_from_args  # the loader's own translation, when defined
    except ImportError:
        load_from_args = None
    if load_from_args is not None:
        docs = load_from_args(args)
    else:
        from ..corpus import load_corpus

        params = inspect.signature(load_corpus).parameters
        options = {
            name: getattr(args, name)
            for name in params
            if name not in _NOT_LOADER_OPTIONS and getattr(args, name, None) is not None
        }
        unsupported = [n for n in _FALLBACK_OPTIONS if getattr(args, n, None) is not None and n not in params]
        if unsupported:
            from ..errors import ParameterError

            raise ParameterError(f"--{unsupported[0].replace('_', '-')} is not supported by this corpus loader")
        if "errors" in params:
            options["errors"] = "raise" if getattr(args, "strict", False) else "collect"
        docs = load_corpus(args.corpus, **options)
    return docs, list(docs.attrs.get("errors") or [])


def add_quote_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--speakers", metavar="FILE", default=None,
                        help="speaker table (.yaml or .csv) mapping names and aliases to canonical speakers with side and role")
    parser.add_argument("--cues", metavar="FILE", default=None,
                        help="cue-verb list (CSV like framing/data/cue_verbs.csv) to use instead of the built-in one")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_options(parser)
    add_quote_options(parser)
    parser.add_argument("-o", "--output", metavar="OUT", default=None,
                        help="write the quotes to OUT (.csv, .tsv, .jsonl or .parquet); default: print a listing")
    parser.add_argument("--width", type=int, default=100, help="characters of quote text shown per line in the listing (default 100)")


def find_quotes(docs, args: argparse.Namespace):
    """extract_quotes (+ apply_speakers) on ``docs`` with the --speakers/--cues options."""
    from ..errors import ParameterError
    from ..quotes import extract_quotes

    params = inspect.signature(extract_quotes).parameters
    options = {}
    if getattr(args, "speakers", None):
        from ..speakers import load_speakers

        # one path with the Python API: extract_quotes(speakers=) applies the table with
        # apply_speakers (speaker_how keeps the rule; speaker_found, table_match, side, role added)
        options["speakers"] = load_speakers(args.speakers)
    if getattr(args, "cues", None):
        if "cues" not in params:
            raise ParameterError("--cues is not supported by this version of extract_quotes")
        options["cues"] = args.cues
    return extract_quotes(docs, **options)


def for_csv(df):
    """A copy with list, tuple, dict and array cells as JSON text (CSV has no lists)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype != object:
            continue
        if out[col].map(lambda v: isinstance(v, (list, tuple, dict)) or hasattr(v, "tolist")).any():
            out[col] = out[col].map(_json_cell)
    return out


def _json_cell(value):
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    return value


def _json_default(value):
    if hasattr(value, "tolist"):
        return value.tolist()
    return str(value)


def _short(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: max(width - 1, 1)].rstrip() + "\u2026"


def listing(quotes, *, width: int = 100) -> str:
    """A compact human-readable listing: per document, one line per quote."""
    lines = []
    has_side = "side" in quotes.columns
    for doc_id, group in quotes.groupby("doc_id", sort=False):
        lines.append(f"{doc_id}  ({len(group)} quote{'s' if len(group) != 1 else ''})")
        for q in group.itertuples(index=False):
            speaker = q.speaker or "(unattributed)"
            if has_side and q.speaker:
                speaker += f" [{q.side}]"
            how = f" ({q.speaker_how})" if getattr(q, "speaker_how", "") else ""
            cue = " ".join(str(getattr(q, "cue", "") or "").split()) or "(no cue)"
            mark = '"' if q.type in ("direct", "partial") else ""
            lines.append(f"  {q.type:<8} {speaker}{how} {cue}: {mark}{_short(q.text, width)}{mark}")
    return "\n".join(lines)


def summary(quotes, n_docs: int) -> str:
    n = len(quotes)
    unattributed = int((quotes["speaker"] == "").sum()) if n else 0
    types = quotes["type"].value_counts().to_dict() if n else {}
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(types.items()))
    speakers = quotes.loc[quotes["speaker"] != "", "speaker"].nunique() if n else 0
    return (f"{n} quotes in {n_docs} document{'s' if n_docs != 1 else ''}"
            + (f" ({kinds})" if kinds else "")
            + f"; {speakers} speakers; {unattributed} unattributed")


def report_skipped(skipped: list) -> None:
    for err in skipped:
        print(f"skipped {err.get('source')}: {err.get('reason')}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    docs, skipped = load_documents(args)
    quotes = find_quotes(docs, args)
    report_skipped(skipped)
    if args.output:
        from pathlib import Path

        from .._io import write_table

        out = for_csv(quotes) if Path(args.output).suffix.lower() in (".csv", ".tsv") else quotes
        path = write_table(out, args.output)
        print(f"{summary(quotes, len(docs))}; wrote {path}", file=sys.stderr)
    else:
        text = listing(quotes, width=args.width)
        if text:
            print(text)
        print(summary(quotes, len(docs)), file=sys.stderr)
    return 3 if skipped else 0
