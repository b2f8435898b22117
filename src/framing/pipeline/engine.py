"""The pipeline engine: chunks of documents through every stage, cached, on all cores.

``process(corpus, store)`` streams the corpus in chunks (``iter_documents``), hashes
each chunk, skips every stage whose cache entry exists, sends the rest to a pool of
worker processes (or a Dask cluster, see :mod:`framing.pipeline.dask_engine`) and
finally streams the cached chunk tables, in corpus order, into the store's Parquet
files. Memory holds a few chunks at a time, never the whole corpus. The tables do not
depend on the number of processes: every chunk is computed by the same function and
written in corpus order.

Stages (cache names) and what they depend on::

    documents   the loaded chunk (text and metadata)
    sentences   segment(documents)
    quotes_raw  extract_quotes(documents)
    quotes      apply_speakers(quotes_raw, speaker table)        + speaker table
    scores      score_and_match(quote, sentence, document units) + lexicons, sentiment
    matches     the same pass's matches in quotes and sentences   + lexicons

A stage failing on a chunk is retried document by document; documents it cannot
handle are reported in the errors table instead of stopping the run (not with
``strict``). A run over unchanged corpus files (path, size, modification time) reuses
the remembered chunk keys without reading the corpus.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import functools
import gc
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import pandas as pd

from ..errors import FramingError, ParameterError
from .cache import (Cache, code_version, doc_keys, document_keys, file_digest, frame_digest, metadata_key, digest,
                    stage_key)
from .store import ERROR_COLUMNS, MANIFEST, PARQUET_OPTIONS, TABLES, Tables, conform, from_arrow, to_arrow, unify_schemas

STAGES = ("documents", "sentences", "quotes_raw", "quotes", "scores", "matches")
# store table -> cache stage it is made of
TABLE_STAGES = {
    "documents": "documents",
    "sentences": "sentences",
    "quotes": "quotes",
    "scores": "scores",
    "matches": "matches",
}
DEFAULT_CHUNK_SIZE = 200
DEFAULT_LEXICONS = ("news_frames",)
DEFAULT_SENTIMENT = "reference"
# the garbage collector's first threshold while the stages run (see _fewer_collections)
GC_GEN0_THRESHOLD = 50_000


# --------------------------------------------------------------------------- settings


@dataclasses.dataclass(frozen=True)
class Settings:
    """Everything a worker needs besides the documents (picklable)."""

    cache_dir: str
    # the objects (equality and hashing use their content keys only)
    lexicons: tuple = dataclasses.field(default=DEFAULT_LEXICONS, compare=False)
    lexicon_key: str = ""
    sentiment: Any = dataclasses.field(default=DEFAULT_SENTIMENT, compare=False)
    sentiment_key: str = DEFAULT_SENTIMENT
    speakers: Any = dataclasses.field(default=None, compare=False)
    speakers_key: str = ""

    def deps(self, stage: str) -> tuple[str, ...]:
        if stage == "quotes":
            return (self.speakers_key,)
        if stage == "scores":
            return (self.lexicon_key, self.sentiment_key)
        if stage == "matches":
            return (self.lexicon_key,)
        return ()


def _lexicon_key(lexicons: Sequence) -> str:
    """Hash of the lexicons' content (file bytes for paths; entries for names/objects)."""
    from .. import lexicon as lexicon_module

    load_lexicon = lexicon_module.load_lexicon
    builtin = getattr(lexicon_module, "_builtin_names", lambda: [])()
    parts = []
    for spec in lexicons:
        if isinstance(spec, str) and spec in builtin and not Path(spec).suffix:
            parts.append(f"builtin:{spec}")  # its file is package data, part of code_version()
            continue
        if isinstance(spec, (str, os.PathLike)) and Path(spec).is_file():
            load_lexicon(spec)  # a malformed file fails here, with its line, not in a worker
            parts.append(file_digest(spec))
            continue
        lex = spec if not isinstance(spec, (str, os.PathLike)) else load_lexicon(spec)
        parts.append(_object_digest(lex))
    return digest(*parts)


def _object_digest(obj) -> str:
    """Content hash of a Lexicon-like object."""
    for attr in ("content_hash", "digest", "sha256", "hash"):
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            return digest(value)
    for attr in ("entries", "table", "frame"):
        value = getattr(obj, attr, None)
        if isinstance(value, pd.DataFrame):
            return digest(frame_digest(value), repr(getattr(obj, "name", "")))
    if dataclasses.is_dataclass(obj):
        return digest(json.dumps(dataclasses.asdict(obj), default=repr, sort_keys=True))
    return digest(repr(obj))


def _sentiment_key(sentiment) -> str:
    """The variant and the fingerprint of its rules and lexicon."""
    if sentiment in (None, False, "none"):
        return "none"
    if isinstance(sentiment, str):
        from ..sentiment import VARIANTS, VaderScorer

        if sentiment not in VARIANTS:
            raise ParameterError(f"unknown sentiment variant {sentiment!r}; choose one of {', '.join(VARIANTS)} or 'none'")
        scorer = VaderScorer(sentiment)
        return f"{sentiment}:{getattr(scorer, 'fingerprint', '')}"
    return _object_digest(sentiment)


def _speakers_key(speakers) -> str:
    if speakers is None:
        return "no-speakers"
    if isinstance(speakers, pd.DataFrame):
        return frame_digest(speakers)
    return file_digest(speakers)


def make_settings(
    cache_dir, *, lexicons=DEFAULT_LEXICONS, sentiment=DEFAULT_SENTIMENT, speakers=None
) -> Settings:
    """Check the parameters and hash the inputs the stages depend on."""
    if isinstance(lexicons, (str, os.PathLike)):
        lexicons = (lexicons,)
    lexicons = tuple(str(x) if isinstance(x, os.PathLike) else x for x in (lexicons or ()))
    if speakers is not None and not isinstance(speakers, pd.DataFrame):
        path = Path(speakers)
        if not path.is_file():
            from ..errors import InputError

            raise InputError("speaker table not found; give a YAML or CSV file (see 'framing speakers')", source=path)
        from ..speakers import load_speakers

        load_speakers(path)  # fail early, in the parent, with the file's line
        speakers = str(path)
    sentiment_key = _sentiment_key(sentiment)
    return Settings(
        cache_dir=str(Path(cache_dir).resolve()),  # workers (Dask: other machines) may run elsewhere
        lexicons=lexicons,
        lexicon_key=_lexicon_key(lexicons),
        sentiment=sentiment,
        sentiment_key=str(sentiment_key),
        speakers=speakers,
        speakers_key=_speakers_key(speakers),
    )


# --------------------------------------------------------------------------- stages


@functools.lru_cache(maxsize=4)
def _resources(settings: Settings) -> dict:
    """Lexicons, matcher, sentiment scorer and speaker table, loaded once per process.

    The matcher and the scorer keep their caches (token lookups; scores of repeated
    texts, e.g. duplicated wire copy) from chunk to chunk.
    """
    from ..lexicon import load_lexicon
    from ..matching import DictionaryMatcher

    lexicons = [load_lexicon(x) if isinstance(x, (str, os.PathLike)) else x for x in settings.lexicons]
    if settings.speakers is None:
        from ..speakers import SPEAKER_COLUMNS

        table = pd.DataFrame({c: pd.Series([], dtype=object) for c in SPEAKER_COLUMNS})
    elif isinstance(settings.speakers, pd.DataFrame):
        table = settings.speakers
    else:
        from ..speakers import load_speakers

        table = load_speakers(settings.speakers)
    scorer = settings.sentiment
    if isinstance(scorer, str) and scorer != "none":
        from ..sentiment import VaderScorer

        scorer = VaderScorer(scorer)
    return {"lexicons": lexicons, "matcher": DictionaryMatcher(lexicons), "speakers": table, "sentiment": scorer}


def build_units(quotes: pd.DataFrame, sentences: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Quote, sentence and document units of a chunk, in that order.

    Equal to ``concat([quote_units(quotes), sentence_units(sentences),
    document_units(sentences, documents)])`` (framing.units), built from column lists
    in one pass: the units helpers iterate rows and group, which costs more than the
    scoring on a large corpus. Its columns have dtype object.
    """
    from ..units import FRAGMENT_SEP, UNIT_COLUMNS

    doc_col: list = []
    id_col: list = []
    kind_col: list = []
    text_col: list = []
    frag_col: list = []
    if len(quotes):
        n = len(quotes)
        doc_col += quotes["doc_id"].tolist()
        id_col += quotes["quote_id"].tolist()
        kind_col += ["quote"] * n
        text_col += quotes["text"].tolist()
        frag_col += [[[int(a), int(b)] for a, b in f] for f in quotes["fragments"].tolist()]
    groups: dict = {}
    if len(sentences):
        docs_ = sentences["doc_id"].tolist()
        texts = sentences["text"].tolist()
        starts = [int(x) for x in sentences["start"].tolist()]
        ends = [int(x) for x in sentences["end"].tolist()]
        doc_col += docs_
        id_col += sentences["sent_id"].tolist()
        kind_col += ["sentence"] * len(docs_)
        text_col += texts
        frag_col += [[[a, b]] for a, b in zip(starts, ends)]
        for d, t, a, b in zip(docs_, texts, starts, ends):
            g = groups.get(d)
            if g is None:
                groups[d] = g = ([], [])
            g[0].append(t)
            g[1].append([a, b])
    for d, (texts, frags) in groups.items():
        doc_col.append(d)
        id_col.append(d)
        kind_col.append("document")
        text_col.append(FRAGMENT_SEP.join(texts))
        frag_col.append(frags)
    for d in documents["doc_id"].tolist():
        if d not in groups:
            doc_col.append(d)
            id_col.append(d)
            kind_col.append("document")
            text_col.append("")
            frag_col.append([])
    # object columns: the units live only in memory, where the scorers read them back as
    # Python lists; str (Arrow) columns would convert every text there and back
    columns = (doc_col, id_col, kind_col, text_col, frag_col)
    return pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in zip(UNIT_COLUMNS, columns)}, copy=False)


def _run_stage(stage: str, inputs: dict, settings: Settings, memo: dict | None = None) -> pd.DataFrame:
    """Compute one stage's table from its inputs (a dict of upstream tables).

    ``scores`` and ``matches`` come from one pass (``score_and_match``): computing
    one leaves the other in ``memo`` for the same documents.
    """
    docs = inputs["documents"]
    memo = {} if memo is None else memo
    if stage == "sentences":
        from ..segment import segment

        return segment(docs)
    if stage == "quotes_raw":
        from ..quotes import extract_quotes

        return extract_quotes(docs)
    if stage == "quotes":
        from ..speakers import apply_speakers

        return apply_speakers(inputs["quotes_raw"], _resources(settings)["speakers"])
    if stage in ("scores", "matches"):
        ids = tuple(docs["doc_id"].tolist())
        if (stage, ids) in memo:
            return memo.pop((stage, ids))
        from ..scoring import score_and_match

        res = _resources(settings)
        scores, matches = score_and_match(
            inputs["units"], lexicons=res["lexicons"], sentiment=res["sentiment"], matcher=res["matcher"],
            reuse_sentences=True,
        )
        # a document unit is its sentences: its matches would repeat the sentences' rows
        if len(matches):
            matches = matches[matches["unit_id"].astype(str) != matches["doc_id"].astype(str)].reset_index(drop=True)
        other = "matches" if stage == "scores" else "scores"
        memo[(other, ids)] = matches if other == "matches" else scores
        return scores if stage == "scores" else matches
    raise ValueError(f"unknown stage {stage!r}")


STAGE_INPUTS = {
    "documents": (),
    "sentences": ("documents",),
    "quotes_raw": ("documents",),
    "quotes": ("documents", "quotes_raw"),
    "scores": ("documents", "units"),
    "matches": ("documents", "units"),
    "units": ("documents", "sentences", "quotes_raw"),  # built in memory, never cached
}


# stage tables later stages read: handed on as they read back from the cache, so
# fresh and resumed runs compute from the same values
# (the sentences table, plain strings, integers and booleans, reads back unchanged:
# it is handed on as computed)
CONSUMED = {"quotes_raw"}


def _order_by_doc(df: pd.DataFrame, order: dict[str, int]) -> pd.DataFrame:
    """Rows grouped by document in corpus order, keeping each document's row order."""
    if df.empty or "doc_id" not in df.columns:
        return df.reset_index(drop=True)
    import numpy as np

    ids = df["doc_id"].tolist()
    if not all(map(str.__instancecheck__, ids)):
        ids = df["doc_id"].astype(str).tolist()
    pos = np.fromiter(map(order.__getitem__, ids), dtype=np.int64, count=len(df))
    if len(pos) < 2 or bool((pos[1:] >= pos[:-1]).all()):
        return df.reset_index(drop=True)
    return df.iloc[np.argsort(pos, kind="stable")].reset_index(drop=True)


# --------------------------------------------------------------------------- chunks


@dataclasses.dataclass
class ChunkTask:
    index: int
    documents: pd.DataFrame | None
    doc_keys: list
    keys: dict  # stage -> entry key
    settings: Settings
    run_id: str = ""
    strict: bool = False


@functools.lru_cache(maxsize=2)
def _open_cache(root: str, run_id: str) -> Cache:
    """One Cache (and its lazily built document index) per run and process."""
    return Cache(root)


@dataclasses.dataclass
class ChunkResult:
    index: int
    keys: dict
    n_docs: int
    computed: dict  # stage -> number of documents computed
    seconds: dict  # stage -> seconds spent computing
    errors: list = dataclasses.field(default_factory=list)  # documents a stage failed on


def chunk_keys(documents: pd.DataFrame, keys: list[str], settings: Settings) -> dict[str, str]:
    """The cache key of every stage for a chunk of documents with content ``keys``."""
    out = {stage: stage_key(stage, keys, *settings.deps(stage)) for stage in STAGES}
    out["documents"] = stage_key("documents", keys, metadata_key(documents))
    return out


@contextlib.contextmanager
def _fewer_collections(gen0: int | None = None) -> Iterator[None]:
    """Run a block with the cyclic garbage collector's first threshold raised to ``gen0``.

    The stages allocate millions of short-lived objects (tokens, spans, tuples) and
    hardly any reference cycle; with the default threshold (700) the collector sweeps
    young objects thousands of times per chunk, 10-15% of the CPU time. Collections
    still run (every ``gen0`` net allocations), so memory stays bounded. Restores the
    previous thresholds; a no-op when they are already as high (nested use) or the
    collector is off.
    """
    gen0 = GC_GEN0_THRESHOLD if gen0 is None else gen0
    old = gc.get_threshold()
    if old[0] == 0 or old[0] >= gen0:
        yield
        return
    gc.set_threshold(gen0, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def run_chunk(task: ChunkTask) -> ChunkResult:
    """Compute (or reuse) every stage of one chunk, writing missing cache entries.

    Runs in a worker process (or Dask worker); returns only keys and counts. When a
    stage fails on the chunk, each document is tried alone: the ones a stage cannot
    handle are left out (reported in ``errors`` with the stage and the error) and the
    chunk is computed without them, so one hostile document never sinks a run.
    """
    with _fewer_collections():
        try:
            return _run_chunk_isolating(task)
        finally:
            gc.collect(1)  # the chunk's reference cycles (young objects: cheap), not left for later


def _run_chunk_isolating(task: ChunkTask) -> ChunkResult:
    try:
        return _run_chunk(task)
    except FramingError:
        raise
    except Exception as err:  # noqa: BLE001 - isolated below or raised again
        if task.strict or len(task.documents) == 0:
            raise
        first = err
    bad = []
    docs = task.documents
    for i in range(len(docs)):
        one = docs.iloc[i : i + 1].reset_index(drop=True)
        failure = _try_document(one, task.settings)
        if failure:
            source = str(one["source"].iloc[0]) if "source" in one.columns else str(one["doc_id"].iloc[0])
            bad.append((i, {"source": source, "reason": f"doc_id {one['doc_id'].iloc[0]}: {failure}"}))
    if not bad:  # fails together but not alone: not a document problem
        raise first
    keep = docs.drop(index=[i for i, _ in bad]).reset_index(drop=True)
    errors = [e for _, e in bad]
    if keep.empty:
        return ChunkResult(task.index, None, 0, {}, {}, errors)
    keys_ = doc_keys(keep)
    sub = dataclasses.replace(task, documents=keep, doc_keys=keys_, keys=chunk_keys(keep, keys_, task.settings))
    result = _run_chunk(sub)
    result.errors = errors
    return result


def _try_document(one: pd.DataFrame, settings: Settings) -> str:
    """The failing stage and error of one document through every stage ("" if none)."""
    from ..segment import reuse_spans

    with reuse_spans():
        return _try_stages(one, settings)


def _try_stages(one: pd.DataFrame, settings: Settings) -> str:
    tables = {"documents": one}
    memo: dict = {}
    for stage in ("sentences", "quotes_raw", "quotes", "units", "scores"):
        try:
            if stage == "units":
                tables[stage] = build_units(tables["quotes_raw"], tables["sentences"], one)
            else:
                tables[stage] = _run_stage(stage, {s: tables[s] for s in STAGE_INPUTS[stage]}, settings, memo)
        except Exception as err:  # noqa: BLE001 - reported, never hidden
            msg = str(err).splitlines()[0] if str(err) else ""
            return f"{stage} failed ({type(err).__name__}: {msg})"[:500]
    return ""


def _run_chunk(task: ChunkTask) -> ChunkResult:
    settings = task.settings
    cache = _open_cache(settings.cache_dir, task.run_id) if task.run_id else Cache(settings.cache_dir)
    docs = task.documents
    order = {d: i for i, d in reversed(list(enumerate(docs["doc_id"].astype(str))))}
    unique_ids = len(order) == len(docs)
    tables: dict[str, pd.DataFrame] = {}
    memo: dict = {}
    computed: dict[str, int] = {}
    seconds: dict[str, float] = {}

    def get(stage: str) -> pd.DataFrame:
        if stage == "documents":
            return docs  # stages always see the documents as loaded (cached or not)
        if stage in tables:
            return tables[stage]
        if stage == "units":
            quotes_raw, sentences = get("quotes_raw"), get("sentences")
            t0 = _cpu()
            tables[stage] = build_units(quotes_raw, sentences, docs)
            seconds["units"] = _cpu() - t0
            return tables[stage]
        key = task.keys[stage]
        if cache.has(stage, key):
            tables[stage] = cache.read(stage, key)
            return tables[stage]
        inputs = {s: get(s) for s in STAGE_INPUTS[stage]}
        t0 = _cpu()
        table, per_doc, n = _compute(stage, inputs, settings, cache, task.doc_keys, docs, order, unique_ids, memo)
        t1 = _cpu()
        arrow = to_arrow(table)
        writes.append(pool.submit(_cpu_of, cache.write, stage, key, arrow, per_doc))
        if stage in CONSUMED:  # later stages read it as it reads back from the cache
            table = from_arrow(arrow)
        seconds[stage] = t1 - t0
        seconds["cache"] = seconds.get("cache", 0.0) + _cpu() - t1
        computed[stage] = n
        tables[stage] = table
        return table

    # entries are compressed and written by a thread (Arrow releases the GIL) while
    # the next stage computes; all are on disk before the chunk is reported done
    pool = _write_pool(os.getpid())
    writes: list = []
    from ..segment import reuse_spans

    try:
        if not cache.has("documents", task.keys["documents"]):
            writes.append(pool.submit(_cpu_of, cache.write, "documents", task.keys["documents"], docs))
            computed["documents"] = len(docs)
        with reuse_spans():  # quote extraction reuses the segmentation's spans
            for stage in STAGES[1:]:
                if not cache.has(stage, task.keys[stage]):
                    get(stage)
    finally:
        spent = sum(f.result() for f in writes)  # every entry is on disk before the chunk is reported done
        seconds["cache"] = seconds.get("cache", 0.0) + spent
    return ChunkResult(task.index, task.keys, len(docs), computed, seconds)


# stage timings are CPU seconds of the thread doing the work: unlike wall time, they do
# not grow when other processes compete for the cores
_cpu = time.thread_time


def _cpu_of(fn, *args) -> float:
    """Run ``fn(*args)``; the CPU seconds it took (in this thread)."""
    t0 = _cpu()
    fn(*args)
    return _cpu() - t0


@functools.lru_cache(maxsize=None)
def _write_pool(pid: int):
    """One cache-writing thread per process (keyed by pid: a forked child gets its own)."""
    import concurrent.futures

    return concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="framing-cache")


def _compute(stage, inputs, settings, cache, keys, docs, order, unique_ids, memo=None):
    """Compute ``stage`` for the documents no older entry holds; reuse the others."""
    ids = docs["doc_id"].astype(str).tolist()
    per_doc = document_keys(stage, keys, *settings.deps(stage))
    reuse: dict[str, list[str]] = {}
    if unique_ids:
        index = cache.index(stage)
        for doc_id, pk in zip(ids, per_doc):
            if pk in index:
                reuse.setdefault(index[pk], []).append(doc_id)
    reused = {d for group in reuse.values() for d in group}
    parts = []
    if len(reused) < len(ids):
        todo = {k: _subset(v, reused, exclude=True) for k, v in inputs.items()}
        parts.append(_run_stage(stage, todo, settings, memo))
    for entry, members in sorted(reuse.items()):
        parts.append(_subset(cache.read(stage, entry), set(members)))
    table = parts[0] if len(parts) == 1 else _concat(parts)
    return _order_by_doc(table, order), list(zip(ids, per_doc)), len(ids) - len(reused)


def _subset(df: pd.DataFrame, doc_ids: set, exclude: bool = False) -> pd.DataFrame:
    if not doc_ids:
        return df if exclude else df.iloc[0:0]
    mask = df["doc_id"].astype(str).isin(doc_ids)
    return df[~mask if exclude else mask].reset_index(drop=True)


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    from .store import to_arrow
    import pyarrow as pa

    tables = [to_arrow(p) for p in parts]
    schema = unify_schemas(t.schema for t in tables)
    return from_arrow(pa.concat_tables([conform(t, schema) for t in tables]))


# --------------------------------------------------------------------------- corpus


def iter_chunks(corpus, *, chunk_size: int, strict: bool = False, **load_options) -> Iterator[pd.DataFrame]:
    """The corpus (a path or a documents DataFrame) as DataFrames of ``chunk_size``
    documents; each chunk's ``attrs["errors"]`` lists members skipped while reading it."""
    if isinstance(corpus, pd.DataFrame):
        errors = list(corpus.attrs.get("errors", []))
        for start in range(0, max(len(corpus), 1), chunk_size):
            chunk = corpus.iloc[start : start + chunk_size].reset_index(drop=True)
            chunk.attrs = {"errors": errors if start == 0 else []}
            yield chunk
        return
    from .. import corpus as corpus_module

    options = dict(load_options)
    options.setdefault("errors", "raise" if strict else "collect")
    iterate = getattr(corpus_module, "iter_documents", None)
    if iterate is not None:
        yield from iterate(corpus, chunk_size=chunk_size, **options)
        return
    documents = corpus_module.load_corpus(corpus, **options)  # pragma: no cover - loader without chunks
    yield from iter_chunks(documents, chunk_size=chunk_size)


# --------------------------------------------------------------------------- executors


class _Inline:
    """Runs tasks in this process (jobs=1)."""

    class _Done:
        def __init__(self, value):
            self._value = value

        def result(self):
            return self._value

    def submit(self, fn, *args):
        return self._Done(fn(*args))

    def close(self):
        pass


def _warm(settings: Settings) -> None:
    """Import the stages and load lexicons before forking: workers inherit them."""
    import importlib

    for name in ("segment", "quotes", "speakers", "units", "sentiment", "matching", "scoring"):
        importlib.import_module(f"framing.{name}")
    import pyarrow.ipc  # noqa: F401 - the cache entries' format

    _resources(settings)
    # one tiny document through every stage builds what the stages build lazily on first
    # use (cue patterns, VADER tables, compiled regular expressions): once, not per worker
    _try_stages(pd.DataFrame({"doc_id": ["warm-up"], "title": ["Warm up"], "excluded": [[]], "text": [
        'Warm up\n\n"This is very good news," said John Smith, the minister. He added that it was not bad.']}),
        settings)
    import gc

    gc.freeze()  # the workers' collections skip (and so do not copy) everything inherited


class _Pool:
    """A pool of worker processes (fork where available: workers inherit imports)."""

    def __init__(self, jobs: int):
        import concurrent.futures
        import multiprocessing

        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        self._pool = concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)

    def submit(self, fn, *args):
        return self._pool.submit(fn, *args)

    def close(self):
        self._pool.shutdown(wait=True, cancel_futures=True)


class _LazyPool:
    """A :class:`_Pool` started on the first task that is not alone: a corpus of one
    chunk runs in this process, without paying for worker start-up."""

    def __init__(self, jobs: int, settings: Settings):
        self.jobs, self.settings, self._pool = jobs, settings, None

    def submit(self, fn, *args, alone: bool = False):
        if self._pool is None:
            if alone:
                return _Inline._Done(fn(*args))
            _warm(self.settings)
            self._pool = _Pool(self.jobs)
        return self._pool.submit(fn, *args)

    def close(self):
        if self._pool is not None:
            self._pool.close()


def _progress(total: int | None, enabled: bool | None, desc: str):
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="doc", file=sys.stderr, dynamic_ncols=True)


# --------------------------------------------------------------------------- runs


@dataclasses.dataclass
class Run:
    """What a pipeline run did: chunk keys in corpus order, errors, counters."""

    chunks: list = dataclasses.field(default_factory=list)  # [{stage: key}]
    errors: list = dataclasses.field(default_factory=list)
    warnings: list = dataclasses.field(default_factory=list)  # the loader's (encoding fallbacks, dates)
    n_documents: int = 0
    computed: dict = dataclasses.field(default_factory=lambda: {s: 0 for s in STAGES})
    cached_chunks: int = 0
    # CPU seconds: parent-side "load" (reading the corpus), "hash", "write" (the store);
    # summed over workers for each stage (compute time, not wall time, so contention
    # for the cores does not inflate them), "units" building them, "cache" converting
    # and writing cache entries
    seconds: dict = dataclasses.field(
        default_factory=lambda: {s: 0.0 for s in ("load", "hash", *STAGES[1:], "units", "cache", "write")}
    )
    settings: Settings | None = None
    store: Path | None = None
    written: bool = False
    wall_seconds: float = 0.0
    pruned: int = 0  # cache files deleted (prune=True)

    @property
    def partial(self) -> bool:
        return bool(self.errors)

    def tables(self) -> Tables:
        """The run's tables, read from the store (or assembled from the cache)."""
        if self.store is not None:
            from .store import open_store

            return open_store(self.store)
        return assemble_tables(self)


def execute(
    corpus,
    settings: Settings,
    *,
    jobs: int = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    executor=None,
    progress: bool | None = None,
    strict: bool = False,
    on_chunk=None,
    **load_options,
) -> Run:
    """Run every stage over every chunk of ``corpus`` (cached); return the :class:`Run`.

    ``on_chunk(keys)`` is called with each finished chunk's entry keys, in corpus order.
    """
    with _fewer_collections():  # reading the corpus allocates as much as a stage (workers inherit it)
        return _execute(corpus, settings, jobs=jobs, chunk_size=chunk_size, executor=executor, progress=progress,
                        strict=strict, on_chunk=on_chunk, **load_options)


def _execute(corpus, settings: Settings, *, jobs: int, chunk_size: int, executor, progress: bool | None,
             strict: bool, on_chunk, **load_options) -> Run:
    if chunk_size < 1:
        raise ParameterError(f"chunk_size must be at least 1, not {chunk_size}")
    t0 = time.perf_counter()
    cache = Cache(settings.cache_dir)
    signature = corpus_signature(corpus, settings, chunk_size=chunk_size, strict=strict, **load_options)
    known = _known_run(cache, signature)
    if known is not None:
        known.settings = settings
        known.wall_seconds = time.perf_counter() - t0
        return known
    run = Run(settings=settings)
    run_id = f"{os.getpid()}-{time.time_ns()}"
    own = executor is None
    if own:
        executor = _Inline() if jobs <= 1 else _LazyPool(jobs, settings)
    bar = _progress(None, progress, "framing")
    inflight: collections.deque = collections.deque()
    limit = max(2, 2 * max(jobs, 1))

    def collect(item):
        index, future, n = item
        result = future.result() if future is not None else None
        if result is not None:
            run.chunks[index] = result.keys
            if result.errors:
                run.errors.extend(result.errors)
                run.n_documents -= len(result.errors)
            for stage, n_docs in result.computed.items():
                run.computed[stage] += n_docs
            for stage, sec in result.seconds.items():
                run.seconds[stage] = run.seconds.get(stage, 0.0) + sec
        if on_chunk is not None and run.chunks[index] is not None:
            on_chunk(run.chunks[index])
        if bar is not None:
            bar.update(n)

    chunks = iter_chunks(corpus, chunk_size=chunk_size, strict=strict, **load_options)
    t_load = _cpu()
    upcoming = next(chunks, None)
    run.seconds["load"] += _cpu() - t_load
    try:
        while upcoming is not None:
            chunk = upcoming
            t_load = _cpu()
            upcoming = next(chunks, None)  # one chunk ahead: a corpus of one chunk needs no pool
            t_hash = _cpu()
            run.seconds["load"] += t_hash - t_load
            run.errors.extend(chunk.attrs.get("errors", []) or [])
            run.warnings.extend(chunk.attrs.get("warnings", []) or [])
            if len(chunk) == 0:
                continue
            keys_ = doc_keys(chunk)
            keys = chunk_keys(chunk, keys_, settings)
            run.seconds["hash"] += _cpu() - t_hash
            run.chunks.append(keys)
            run.n_documents += len(chunk)
            slot = len(run.chunks) - 1
            if all(cache.has(stage, keys[stage]) for stage in STAGES):
                run.cached_chunks += 1
                inflight.append((slot, None, len(chunk)))
            else:
                task = ChunkTask(slot, chunk, keys_, keys, settings, run_id, strict)
                if isinstance(executor, _LazyPool):
                    future = executor.submit(run_chunk, task, alone=upcoming is None and not inflight)
                else:
                    future = executor.submit(run_chunk, task)
                inflight.append((slot, future, len(chunk)))
            del chunk
            if jobs > 1:
                gc.collect(1)  # the chunk's reference cycles in this process (see _fewer_collections)
            while len(inflight) >= limit or (inflight and inflight[0][1] is None):
                collect(inflight.popleft())
        while inflight:
            collect(inflight.popleft())
        run.chunks = [keys for keys in run.chunks if keys is not None]
    finally:
        if own:
            executor.close()
        if bar is not None:
            bar.close()
    run.wall_seconds = time.perf_counter() - t0
    _remember_run(cache, signature, run)
    return run


def corpus_signature(corpus, settings: Settings, **options) -> str | None:
    """A key for "these corpus files, unchanged, with these settings": every file's
    path, size and modification time (nanoseconds) under a corpus path, the options,
    the stage settings and the code version. None for a DataFrame corpus.

    A rerun whose signature is known skips reading the corpus at all (its chunk keys
    are remembered); any touched, added or removed file falls back to reading and
    hashing every document (content keys decide what is recomputed).
    """
    if isinstance(corpus, pd.DataFrame):
        return None
    root = Path(corpus)
    try:
        entries = []
        cache_dir = Path(settings.cache_dir).resolve()
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
                here = Path(dirpath)
                if here.resolve() == cache_dir:
                    dirnames[:] = []
                    continue
                dirnames.sort()
                rel = here.relative_to(root).as_posix()
                prefix = "" if rel == "." else f"{rel}/"
                for name in sorted(filenames):
                    st = os.stat(os.path.join(dirpath, name))
                    entries.append(f"{prefix}{name}\t{st.st_size}\t{st.st_mtime_ns}")
        else:
            st = root.stat()
            entries.append(f"{root.name}\t{st.st_size}\t{st.st_mtime_ns}")
        extra = []
        for name, value in sorted(options.items()):
            extra.append(f"{name}={value!r}")
            if isinstance(value, (str, os.PathLike)) and Path(value).is_file():  # e.g. a metadata sidecar
                st = Path(value).stat()
                extra.append(f"{st.st_size}\t{st.st_mtime_ns}")
    except OSError:
        return None
    return digest(
        "corpus-signature", code_version(), str(root.resolve()), *extra, settings.lexicon_key,
        settings.sentiment_key, settings.speakers_key, *entries,
    )


def _known_run(cache: Cache, signature: str | None) -> Run | None:
    """The remembered run of ``signature``, if every one of its cache entries exists."""
    if signature is None:
        return None
    path = cache.root / "runs" / f"{signature}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    chunks = data.get("chunks", [])
    if not all(cache.has(stage, keys[stage]) for keys in chunks for stage in STAGES):
        return None
    run = Run(chunks=chunks, errors=data.get("errors", []), warnings=data.get("warnings", []),
              n_documents=int(data.get("n_documents", 0)))
    run.cached_chunks = len(chunks)
    return run


def _remember_run(cache: Cache, signature: str | None, run: Run) -> None:
    if signature is None:
        return
    from .._io import atomic_path

    record = {"chunks": run.chunks, "errors": run.errors, "warnings": run.warnings, "n_documents": run.n_documents}
    with atomic_path(cache.root / "runs" / f"{signature}.json") as tmp:
        tmp.write_text(json.dumps(record, default=str), encoding="utf-8")


# --------------------------------------------------------------------------- output


def _entry_paths(run: Run, stage: str) -> list[Path]:
    cache = Cache(run.settings.cache_dir)
    return [cache.path(stage, keys[stage]) for keys in run.chunks]


def table_schema(paths: Sequence[Path]):
    """The unified schema of a table's chunk entries (from their footers only)."""
    from .cache import entry_schema

    return unify_schemas(entry_schema(p) for p in paths)


def errors_frame(errors: Iterable[dict]) -> pd.DataFrame:
    rows = [{"source": str(e.get("source", "")), "reason": str(e.get("reason", ""))} for e in errors]
    return pd.DataFrame(rows, columns=ERROR_COLUMNS).astype(object)


def assemble_tables(run: Run) -> Tables:
    """The run's tables in memory, read from its cache entries in corpus order."""
    import pyarrow as pa

    from .cache import read_entry

    out = Tables()
    for name, stage in TABLE_STAGES.items():
        paths = _entry_paths(run, stage)
        if not paths:
            continue
        schema = table_schema(paths)
        setattr(out, name, from_arrow(pa.concat_tables([conform(read_entry(p), schema) for p in paths])))
    out.errors = errors_frame(run.errors)
    return out


def run_manifest(run: Run, corpus) -> dict:
    """Parameters, input hashes and package versions of a run."""
    from importlib import metadata

    import framing

    s = run.settings
    versions = {}
    for pkg in ("pandas", "pyarrow", "vaderSentiment", "nltk", "numpy"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            pass
    entries = {stage: [k[stage] for k in run.chunks] for stage in TABLE_STAGES.values()}
    return {
        "framing_version": framing.__version__,
        "code_version": code_version(),
        "python": sys.version.split()[0],
        "packages": versions,
        "corpus": str(corpus) if not isinstance(corpus, pd.DataFrame) else "<DataFrame>",
        "parameters": {
            "lexicons": [str(x) if isinstance(x, (str, os.PathLike)) else repr(x) for x in s.lexicons],
            "sentiment": str(s.sentiment),
            "speakers": str(s.speakers) if isinstance(s.speakers, (str, os.PathLike)) else (
                None if s.speakers is None else "<DataFrame>"
            ),
        },
        "inputs": {
            "lexicons": s.lexicon_key,
            "speakers": s.speakers_key,
            "documents": digest(*[k["documents"] for k in run.chunks]),
        },
        "n_documents": run.n_documents,
        "n_errors": len(run.errors),
        "warnings": [{"source": str(w.get("source", "")), "reason": str(w.get("reason", ""))} for w in run.warnings],
        "entries": digest(json.dumps(entries, sort_keys=True), json.dumps(run.errors, sort_keys=True, default=str)),
    }


class _TableStream:
    """The store's tables written while the chunks are computed.

    Each finished chunk's entries (in corpus order) are appended, by one background
    thread of the parent, to a hidden Parquet file per table, exactly as
    :func:`write_store` would write them when every chunk has the schema of the first
    (the usual case); :meth:`finish` moves such a file into place, so the store is not
    read and written again after the last chunk. A table whose chunks differ in schema
    is left to :func:`write_store`. Files of a killed run are removed by the next one.
    """

    PREFIX = ".stream-"

    def __init__(self, store: Path, cache_dir: str):
        import concurrent.futures

        self.store = Path(store)
        self.cache = Cache(cache_dir)
        try:
            self.store.mkdir(parents=True, exist_ok=True)
            for old in self.store.glob(f"{self.PREFIX}*.parquet"):
                old.unlink(missing_ok=True)
        except OSError as err:
            from ..errors import InputError

            raise InputError(f"cannot write here ({err.strerror or err}); choose a writable folder for the store",
                             source=self.store) from None
        self.files: dict[str, list] = {}  # name -> [path, writer, schema, first schema, chunks]
        self.broken: set[str] = set()
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="framing-store")
        self.pending: list = []
        self.seconds = 0.0  # CPU seconds spent writing

    def __call__(self, keys: dict) -> None:
        self.pending = [f for f in self.pending if not f.done()]
        self.pending.append(self.pool.submit(self._append, keys))

    def _append(self, keys: dict) -> None:
        t0 = _cpu()
        try:
            self._append_tables(keys)
        finally:
            self.seconds += _cpu() - t0

    def _append_tables(self, keys: dict) -> None:
        import pyarrow.parquet as pq

        from .cache import read_entry

        for name, stage in TABLE_STAGES.items():
            if name in self.broken:
                continue
            try:
                table = read_entry(self.cache.path(stage, keys[stage]))
                entry = self.files.get(name)
                if entry is None:
                    schema = unify_schemas([table.schema])  # what write_store makes of equal schemas
                    path = self.store / f"{self.PREFIX}{name}-{os.getpid()}.parquet"
                    writer = pq.ParquetWriter(path, schema, **PARQUET_OPTIONS)
                    self.files[name] = entry = [path, writer, schema, table.schema, 0]
                elif not table.schema.equals(entry[3], check_metadata=True):
                    self._drop(name)
                    continue
                entry[1].write_table(conform(table, entry[2]))
                entry[4] += 1
            except Exception:  # noqa: BLE001 - write_store writes this table instead
                self._drop(name)

    def _drop(self, name: str) -> None:
        self.broken.add(name)
        entry = self.files.pop(name, None)
        if entry is not None:
            try:
                entry[1].close()
            finally:
                entry[0].unlink(missing_ok=True)

    def _wait(self) -> None:
        for f in self.pending:
            f.result()
        self.pending = []

    def finish(self, name: str, schema, n_chunks: int, dest: Path) -> bool:
        """Move the streamed ``name`` table to ``dest`` if it holds all ``n_chunks``
        chunks with exactly ``schema``; False (nothing done) otherwise."""
        self._wait()
        entry = self.files.get(name)
        if entry is None or name in self.broken or entry[4] != n_chunks or not schema.equals(
                entry[2], check_metadata=True):
            return False
        entry[1].close()
        from .._io import _umask

        os.chmod(entry[0], 0o666 & ~_umask())  # as every file written through framing._io.atomic_path
        os.replace(entry[0], dest)
        del self.files[name]
        return True

    def discard(self) -> None:
        """Stop and remove every file not moved into place."""
        self._wait()
        for name in list(self.files):
            self._drop(name)
        self.pool.shutdown(wait=True)


def write_store(run: Run, store: str | os.PathLike, corpus=None, stream: "_TableStream | None" = None) -> bool:
    """Stream the run's chunk tables into ``store/<table>.parquet`` (atomic per file).

    Returns False when the store already holds exactly these tables (nothing written).
    ``stream``: the tables already written while the chunks were computed; a table
    whose file there has the final schema is moved into place, the others are written
    here.
    """
    import pyarrow.parquet as pq

    from .._io import atomic_path, atomic_write, write_table
    from .cache import read_entry

    store = Path(store)
    store.mkdir(parents=True, exist_ok=True)
    manifest = run_manifest(run, corpus)
    old_path = store / MANIFEST
    if old_path.is_file():
        try:
            old = json.loads(old_path.read_text(encoding="utf-8"))
        except ValueError:
            old = {}
        same = all(old.get(k) == manifest[k] for k in ("entries", "corpus", "parameters"))
        if same and all((store / f"{t}.parquet").is_file() for t in TABLES):
            if stream is not None:
                stream.discard()
            return False
    # the manifest goes first: a run killed while writing leaves no stale "complete" mark
    old_path.unlink(missing_ok=True)
    def write_one(name: str, stage: str) -> None:
        parts = store / name  # a partitioned table left by a Dask run
        if parts.is_dir() and any(parts.glob("part-*.parquet")):
            import shutil

            shutil.rmtree(parts)
        paths = _entry_paths(run, stage)
        schema = table_schema(paths) if paths else None
        if stream is not None and schema is not None and stream.finish(name, schema, len(paths), store / f"{name}.parquet"):
            return
        with atomic_path(store / f"{name}.parquet") as tmp:
            if schema is None:
                pd.DataFrame().to_parquet(tmp, index=False)
                return
            with pq.ParquetWriter(tmp, schema, **PARQUET_OPTIONS) as writer:
                for p in paths:
                    writer.write_table(conform(read_entry(p), schema))

    # Arrow reads and writes Parquet without the GIL: the tables are written in parallel
    import concurrent.futures

    t0 = _cpu()
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=min(len(TABLE_STAGES), os.cpu_count() or 1)) as pool:
            spent = [pool.submit(_cpu_of, write_one, name, stage) for name, stage in TABLE_STAGES.items()]
            run.seconds["write"] = run.seconds.get("write", 0.0) + sum(f.result() for f in spent)
    finally:
        if stream is not None:
            stream.discard()  # whatever was not moved into place
    write_table(errors_frame(run.errors), store / "errors.parquet")
    with atomic_write(old_path) as fh:
        json.dump(manifest, fh, indent=2, sort_keys=True)
        fh.write("\n")
    run.seconds["write"] = run.seconds.get("write", 0.0) + _cpu() - t0
    return True


# --------------------------------------------------------------------------- public


def default_cache_dir() -> Path:
    """``$FRAMING_CACHE``, else ``<project>/.framing-cache`` (ignored by git)."""
    env = os.environ.get("FRAMING_CACHE")
    if env:
        return Path(env).expanduser()
    from ..paths import project_root

    return project_root() / ".framing-cache"


def _jobs(jobs: int | None) -> int:
    if jobs is None or jobs == 0:
        return os.cpu_count() or 1
    if jobs < 0:
        return max(1, (os.cpu_count() or 1) + 1 + jobs)
    return int(jobs)


def process(
    corpus,
    store,
    *,
    speakers=None,
    lexicons=DEFAULT_LEXICONS,
    sentiment=DEFAULT_SENTIMENT,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    cache_dir=None,
    strict: bool = False,
    progress: bool | None = None,
    prune: bool = False,
    **load_options,
) -> Run:
    """Run load -> segment -> quotes -> speakers -> scores -> matches over ``corpus``
    (a path, or a documents DataFrame) and write the tables into the folder ``store``.

    Results are cached per chunk of ``chunk_size`` documents in ``cache_dir`` (default
    ``<store>/cache``): a rerun with the same inputs recomputes nothing, a changed
    lexicon only scores and matches, a changed speaker table only the speaker columns,
    new documents only their chunks. ``jobs`` worker processes (default: every core)
    give the same tables as one. ``engine="dask"`` runs the chunks on a Dask cluster
    (``scheduler`` address, default a local cluster) and writes partitioned tables.
    ``strict`` stops at the first bad corpus member instead of skipping it. ``prune``
    deletes the cache entries this run does not use (see :func:`prune_cache`).

    Returns a :class:`Run` (``.errors``, ``.computed`` documents per stage,
    ``.tables()``). Read the store back with :func:`framing.open_store`.
    """
    if engine not in ("local", "dask"):
        raise ParameterError(f"unknown engine {engine!r}; use 'local' or 'dask'")
    store = Path(store)
    if store.exists() and not store.is_dir():
        raise ParameterError(f"store {store} is a file; give a folder for the tables")
    cache_dir = Path(cache_dir) if cache_dir is not None else store / "cache"
    settings = make_settings(cache_dir, lexicons=lexicons, sentiment=sentiment, speakers=speakers)
    if engine == "dask":
        from .dask_engine import process_dask

        run = process_dask(
            corpus, store, settings, scheduler=scheduler, jobs=jobs, chunk_size=chunk_size,
            strict=strict, progress=progress, **load_options,
        )
        if prune:
            run.pruned = prune_cache(run)
        return run
    # the store's tables are written while the chunks are computed (and moved into place at the end)
    stream = _TableStream(store, settings.cache_dir)
    try:
        run = execute(
            corpus, settings, jobs=_jobs(jobs), chunk_size=chunk_size, progress=progress, strict=strict,
            on_chunk=stream, **load_options,
        )
        _check_not_empty(run, corpus)
        run.store = store
        run.written = write_store(run, store, corpus, stream)
    finally:
        stream.discard()
    run.seconds["write"] = run.seconds.get("write", 0.0) + stream.seconds
    if prune:
        run.pruned = prune_cache(run)
    write_run_stats(run, store)
    return run


def prune_cache(run: Run) -> int:
    """Delete the cache entries (and remembered runs) ``run`` does not use; returns the
    number of files removed. For a cache that serves one store: it keeps exactly what
    the store was made of (a later run with other lexicons or code recomputes)."""
    cache = Cache(run.settings.cache_dir)
    keep = {(stage, keys[stage]) for keys in run.chunks for stage in STAGES}
    removed = 0
    for stage in STAGES:
        folder = cache.root / stage
        if not folder.is_dir():
            continue
        for path in folder.glob("*/*"):
            key = path.name.split(".", 1)[0]
            if (stage, key) not in keep:
                path.unlink(missing_ok=True)
                removed += 1
    runs = cache.root / "runs"
    if runs.is_dir():
        for path in runs.glob("*.json"):
            try:
                chunks = json.loads(path.read_text(encoding="utf-8")).get("chunks", [])
            except (OSError, ValueError):
                chunks = None
            if chunks != run.chunks:
                path.unlink(missing_ok=True)
                removed += 1
    return removed


def write_run_stats(run: Run, store: Path) -> None:
    """``store/run.json``: what the last run computed and where its time went (not
    part of the reproducible outputs)."""
    from .._io import atomic_write

    stats = {
        "n_documents": run.n_documents,
        "n_chunks": len(run.chunks),
        "cached_chunks": run.cached_chunks,
        "computed_documents": run.computed,
        "seconds": {k: round(v, 4) for k, v in run.seconds.items()},
        "wall_seconds": round(run.wall_seconds, 4),
    }
    with atomic_write(store / "run.json", fsync=False) as fh:  # timings: not worth a disk flush
        json.dump(stats, fh, indent=2)
        fh.write("\n")


def _check_not_empty(run: Run, corpus) -> None:
    if run.n_documents == 0:
        from ..errors import InputError

        detail = f"; {len(run.errors)} member(s) skipped, first: {run.errors[0].get('reason')}" if run.errors else ""
        raise InputError(f"no readable document in this corpus{detail}", source=str(corpus) if not isinstance(corpus, pd.DataFrame) else None)


def analyze(
    corpus,
    *,
    speakers=None,
    lexicons=DEFAULT_LEXICONS,
    sentiment=DEFAULT_SENTIMENT,
    store=None,
    cache: bool | str | os.PathLike = True,
    jobs: int | None = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: bool | None = None,
    **load_options,
) -> Tables:
    """The whole pipeline in one call, for notebooks: documents, sentences, quotes
    (speakers applied), scores (quote, sentence and document units), matches, errors.

    ``corpus`` is a path (file or folder, see :func:`framing.load_corpus`) or a
    documents DataFrame. With ``store`` the tables are also written there (as
    :func:`process` does). Results are cached in ``cache`` (default
    ``<project>/.framing-cache``, or ``<store>/cache`` with a store; ``False``: no
    cache), so rerunning a notebook recomputes only what changed.
    """
    if store is not None:
        run = process(
            corpus, store, speakers=speakers, lexicons=lexicons, sentiment=sentiment, jobs=jobs,
            chunk_size=chunk_size, cache_dir=None if cache is True else (cache or None),
            progress=progress, **load_options,
        )
        return run.tables()
    tmp = None
    if cache is False:
        tmp = tempfile.TemporaryDirectory(prefix="framing-")
        cache_dir = Path(tmp.name)
    else:
        cache_dir = default_cache_dir() if cache is True else Path(cache)
    try:
        settings = make_settings(cache_dir, lexicons=lexicons, sentiment=sentiment, speakers=speakers)
        run = execute(corpus, settings, jobs=_jobs(jobs), chunk_size=chunk_size, progress=progress, **load_options)
        _check_not_empty(run, corpus)
        tables = assemble_tables(run)
        tables.manifest = run_manifest(run, corpus)
        return tables
    finally:
        if tmp is not None:
            tmp.cleanup()
