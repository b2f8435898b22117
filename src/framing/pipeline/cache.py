"""The pipeline cache: one Parquet file per stage per chunk of documents.

An entry's key hashes everything its table depends on:

- the content of the chunk's documents (``doc_id``, ``text``, ``excluded`` spans), in order;
- the code: ``framing.__version__``, the stage's version constant, the source of the
  stage modules and the package data (so an edited rule never serves stale results);
- the stage's own inputs: lexicon content and sentiment variant for ``scores`` and
  ``matches``, the speaker table for ``quotes``.

Changing a lexicon therefore recomputes only ``scores`` and ``matches``; changing the
speaker table only ``quotes`` (the extraction, ``quotes_raw``, is reused); new
documents only the chunks they fall in. Entries are written to a temporary file and
renamed into place, so a killed run leaves whole entries or none, and the next run
resumes from them.

Layout: ``<cache>/<stage>/<key[:2]>/<key>.arrow``, each with a ``.docs.json``
sidecar listing ``[doc_id, doc_key]`` of its documents, which lets a new chunk reuse
the documents it shares with older entries. Entries are Arrow IPC files (LZ4
compressed): written and read back several times faster than Parquet, holding
exactly the Arrow table the stage produced; the store's tables are Parquet.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from .._io import atomic_path

# bump a stage's number when its output changes for the same inputs and code
STAGE_VERSIONS = {
    "documents": 1,
    "sentences": 1,
    "quotes_raw": 1,
    "quotes": 1,
    "scores": 1,
    "matches": 1,
}
ENTRY_SUFFIX = ".arrow"
ENTRY_COMPRESSION = "lz4"
# framing modules whose source is part of every key (the stages and their helpers);
# everything else (pipeline, CLI, figures, notebooks) can change without invalidating.
_NOT_STAGE_MODULES = {
    "pipeline", "commands", "cli", "plots", "aggregate", "runner", "evaluate", "induce",
    "paths", "errors", "_io", "params", "report", "__init__", "__main__",
}


def digest(*parts: str | bytes) -> str:
    """A 32-hex-digit hash of ``parts`` (separated, so ("ab", "c") != ("a", "bc"))."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def file_digest(path: str | os.PathLike) -> str:
    """Hash of a file's bytes."""
    h = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def frame_digest(df: pd.DataFrame) -> str:
    """Hash of a DataFrame's columns and values (order-sensitive)."""
    records = json.dumps(
        {"columns": [str(c) for c in df.columns], "rows": df.astype(object).where(df.notna(), None).values.tolist()},
        default=str,
        ensure_ascii=False,
    )
    return digest(records)


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of framing's version and the source of its stage modules."""
    import framing

    root = Path(framing.__file__).parent
    parts: list[str | bytes] = [framing.__version__]
    files = [*root.rglob("*.py"), *(p for p in (root / "data").rglob("*") if p.is_file())]
    for path in sorted(files):
        rel = path.relative_to(root)
        top = rel.parts[0].removesuffix(".py")
        if top in _NOT_STAGE_MODULES or "__pycache__" in rel.parts:
            continue
        parts += [rel.as_posix(), path.read_bytes()]
    return digest(*parts)


def doc_keys(documents: pd.DataFrame) -> list[str]:
    """One content key per document: its id, text and excluded spans."""
    texts = documents["text"].tolist()
    ids = documents["doc_id"].astype(str).tolist()
    if "excluded" in documents.columns:
        excl = [json.dumps(e, default=str) if e is not None and len(e) else "" for e in documents["excluded"]]
    else:
        excl = [""] * len(texts)
    return [digest(i, t, e) for i, t, e in zip(ids, texts, excl)]


def metadata_key(documents: pd.DataFrame) -> str:
    """Hash of the documents' metadata columns (everything but the text)."""
    meta = documents.drop(columns=["text"], errors="ignore")
    return frame_digest(meta)


def stage_key(stage: str, keys: Sequence[str], *deps: str) -> str:
    """The cache key of ``stage`` over documents with content ``keys``."""
    return digest(stage, str(STAGE_VERSIONS[stage]), code_version(), *deps, *keys)


def document_keys(stage: str, keys: Sequence[str], *deps: str) -> list[str]:
    """``[stage_key(stage, [k], *deps) for k in keys]``, hashing the common prefix once."""
    prefix = hashlib.blake2b(digest_size=16)
    for part in (stage, str(STAGE_VERSIONS[stage]), code_version(), *deps):
        data = part.encode("utf-8", "surrogatepass")
        prefix.update(len(data).to_bytes(8, "little"))
        prefix.update(data)
    out = []
    for k in keys:
        h = prefix.copy()
        data = k.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
        out.append(h.hexdigest())
    return out


class Cache:
    """Stage tables of document chunks on disk, written atomically."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self._index: dict[str, dict[str, str]] = {}

    def path(self, stage: str, key: str) -> Path:
        return self.root / stage / key[:2] / f"{key}{ENTRY_SUFFIX}"

    def has(self, stage: str, key: str) -> bool:
        return self.path(stage, key).is_file()

    def read_arrow(self, stage: str, key: str):
        return read_entry(self.path(stage, key))

    def read(self, stage: str, key: str) -> pd.DataFrame:
        from .store import from_arrow

        return from_arrow(self.read_arrow(stage, key))

    def write(self, stage: str, key: str, df, docs: Iterable[tuple[str, str]] = ()) -> Path:
        """Write ``df`` (a DataFrame or an Arrow table from ``store.to_arrow``) as the
        entry ``stage/key``; ``docs`` are its (doc_id, doc_key) pairs (the
        stage-specific per-document keys), for reuse by other chunks."""
        from .store import to_arrow

        path = self.path(stage, key)
        table = to_arrow(df) if isinstance(df, pd.DataFrame) else df
        with atomic_path(path) as tmp:
            write_entry(table, tmp)
        docs = list(docs)
        if docs:
            # rename without fsync: atomic against a killed run (not a power cut), and cheap
            with atomic_path(path.with_suffix(".docs.json")) as tmp:
                tmp.write_text(json.dumps(docs), encoding="utf-8")
        return path

    def index(self, stage: str) -> dict[str, str]:
        """per-document key -> entry key, over every entry of ``stage``."""
        if stage not in self._index:
            index: dict[str, str] = {}
            folder = self.root / stage
            if folder.is_dir():
                for side in sorted(folder.glob("*/*.docs.json")):
                    key = side.name.removesuffix(".docs.json")
                    if not side.with_name(f"{key}{ENTRY_SUFFIX}").is_file():
                        continue
                    try:
                        pairs = json.loads(side.read_text(encoding="utf-8"))
                    except (OSError, ValueError):
                        continue
                    for _doc_id, dk in pairs:
                        index.setdefault(dk, key)
            self._index[stage] = index
        return self._index[stage]


def write_entry(table, path: str | os.PathLike) -> None:
    """Write an Arrow table as a cache entry file (Arrow IPC, LZ4-compressed buffers)."""
    import pyarrow as pa

    options = pa.ipc.IpcWriteOptions(compression=ENTRY_COMPRESSION)
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema, options=options) as writer:
        writer.write_table(table)


def read_entry(path: str | os.PathLike):
    """The Arrow table of a cache entry file."""
    import pyarrow as pa

    with pa.OSFile(str(path), "rb") as source:
        return pa.ipc.open_file(source).read_all()


def entry_schema(path: str | os.PathLike):
    """The schema of a cache entry file (read from its footer)."""
    import pyarrow as pa

    with pa.OSFile(str(path), "rb") as source:
        return pa.ipc.open_file(source).schema
