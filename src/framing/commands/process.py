"""Run the whole cached pipeline into a Parquet store.

Loads the corpus in chunks, then segments, extracts quotes, applies the speaker
table, scores quotes, sentences and documents (VADER and dictionary rates) and
records every dictionary match. Writes documents, sentences, quotes, scores,
matches and errors tables as Parquet files in STORE, with manifest.json
(parameters, input hashes, package versions). Results are cached per chunk in
STORE/cache (or --cache): a rerun recomputes only what changed, and a killed run
resumes where it stopped. Read the store with framing.open_store(STORE).

Bad corpus members (undecodable, empty, binary files, broken rows) are skipped,
listed in the errors table and named at the end; the exit code is then 3.
--strict stops at the first one instead (exit 2).

Example:
  framing process ../shared/corpora/bbc-news -o store/bbc
  framing process articles/ -o store/study --speakers speakers.yaml --lexicon news_frames --lexicon my.yaml
  framing process corpus.jsonl -o s3-store --engine dask --scheduler tcp://10.0.0.5:8786
"""

from __future__ import annotations

import argparse
import sys

_LOADER_SKIP = {"path", "corpus", "chunk_size", "errors", "self"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    try:
        from .corpus import add_corpus_arguments  # the loader's own options, when defined
    except ImportError:
        add_corpus_arguments = None
    if add_corpus_arguments is not None:
        add_corpus_arguments(parser)
    else:
        parser.add_argument("corpus", help="a .txt file, a folder of .txt files, a .csv/.tsv/.jsonl/.parquet table, or a .zip")
    parser.add_argument("-o", "--output", "--store", dest="store", required=True, metavar="STORE",
                        help="folder for the Parquet tables (created if missing)")
    parser.add_argument("--speakers", metavar="FILE", help="speaker table (YAML or CSV) giving side and role")
    parser.add_argument("--lexicon", action="append", metavar="NAME|FILE",
                        help="dictionary to score and match, by bundled name or file; repeat for several "
                             "(default: news_frames)")
    parser.add_argument("--sentiment", default="reference", metavar="VARIANT",
                        help="VADER variant (default: reference)")
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                        help="worker processes (default: every core; 1 runs in this process)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="local processes, or a Dask cluster (needs the [dask] extra)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="Dask scheduler address (default with --engine dask: a local cluster)")
    parser.add_argument("--chunk-size", type=int, default=None, metavar="DOCS",
                        help="documents per chunk, the unit of caching and parallel work (default: 200)")
    parser.add_argument("--cache", metavar="DIR", help="cache folder (default: STORE/cache)")
    parser.add_argument("--prune-cache", action="store_true",
                        help="afterwards, delete cache entries this run did not use (older lexicons, code, documents)")
    if "--strict" not in parser._option_string_actions:  # the loader's options may define it
        parser.add_argument("--strict", action="store_true", help="stop at the first bad corpus member")
    parser.add_argument("--progress", dest="progress", action="store_true", default=None,
                        help="always show a progress bar (default: only on a terminal)")
    parser.add_argument("--no-progress", dest="progress", action="store_false", help="never show a progress bar")


def _load_options(args: argparse.Namespace) -> dict:
    """The corpus options of ``args`` that the loader accepts."""
    import inspect

    from .. import corpus

    fn = getattr(corpus, "iter_documents", None) or corpus.load_corpus
    params = inspect.signature(fn).parameters
    return {
        name: getattr(args, name)
        for name in params
        if name not in _LOADER_SKIP and getattr(args, name, None) is not None
    }


def _table_sizes(store) -> dict[str, int]:
    """Rows per table of a store, from the Parquet footers (no data read)."""
    import pyarrow.parquet as pq

    from ..pipeline.store import TABLES, table_path

    sizes = {}
    for name in TABLES:
        path = table_path(store, name)
        if path is None:
            continue
        files = [path] if path.is_file() else sorted(path.glob("part-*.parquet"))
        sizes[name] = sum(pq.read_metadata(f).num_rows for f in files)
    return sizes


def run(args: argparse.Namespace) -> int:
    import time

    from ..errors import ParameterError
    from ..pipeline.engine import DEFAULT_CHUNK_SIZE, DEFAULT_LEXICONS, process

    if args.scheduler and args.engine != "dask":
        raise ParameterError("--scheduler needs --engine dask")
    if args.jobs is not None and args.jobs < 1:
        raise ParameterError(f"--jobs must be at least 1, not {args.jobs}")
    corpus = args.corpus
    if not corpus:
        from ..paths import default_corpus

        corpus = default_corpus()
    t0 = time.perf_counter()
    run_ = process(
        corpus,
        args.store,
        speakers=args.speakers,
        lexicons=tuple(args.lexicon) if args.lexicon else DEFAULT_LEXICONS,
        sentiment=args.sentiment,
        jobs=args.jobs,
        engine=args.engine,
        scheduler=args.scheduler,
        chunk_size=args.chunk_size or DEFAULT_CHUNK_SIZE,
        cache_dir=args.cache,
        strict=args.strict,
        progress=args.progress,
        prune=args.prune_cache,
        **_load_options(args),
    )
    seconds = time.perf_counter() - t0
    computed = run_.computed.get("sentences", 0)
    scored = run_.computed.get("scores", 0)
    how = "all from cache" if not any(run_.computed.values()) else (
        f"{computed} segmented, {scored} scored, {run_.n_documents - max(computed, scored)} from cache"
    )
    print(
        f"framing process: {run_.n_documents} documents ({how}) -> {args.store} in {seconds:.1f} s",
        file=sys.stderr,
    )
    if run_.pruned:
        print(f"  pruned {run_.pruned} unused cache file(s)", file=sys.stderr)
    sizes = _table_sizes(args.store)
    if sizes:
        print("  " + ", ".join(f"{n:,} {name}" for name, n in sizes.items()), file=sys.stderr)
    if run_.warnings:
        shown = run_.warnings[:5]
        more = f" (and {len(run_.warnings) - len(shown)} more in manifest.json)" if len(run_.warnings) > len(shown) else ""
        print(f"framing process: {len(run_.warnings)} warning(s){more}:", file=sys.stderr)
        for w in shown:
            print(f"  {w.get('source')}: {w.get('reason')}", file=sys.stderr)
    if run_.errors:
        shown = run_.errors[:20]
        print(f"framing process: skipped {len(run_.errors)} bad member(s) (errors table):", file=sys.stderr)
        for err in shown:
            print(f"  {err.get('source')}: {err.get('reason')}", file=sys.stderr)
        if len(run_.errors) > len(shown):
            print(f"  ... and {len(run_.errors) - len(shown)} more", file=sys.stderr)
        return 3
    return 0
