"""The Parquet store: the tables of one pipeline run, and how they are read back.

A store is a folder holding one Parquet file per table (``documents.parquet``,
``sentences.parquet``, ``quotes.parquet``, ``scores.parquet``, ``matches.parquet``,
``errors.parquet``; the Dask engine writes a folder of ``part-NNNNNN.parquet`` files per
table instead) and ``manifest.json`` (parameters, input hashes, package versions).
:func:`open_store` reads either layout back into a :class:`Tables`.

Arrow cannot hold every Python object pandas can (a list mixing numbers and strings,
such as ``excluded`` spans ``[start, end, reason]``); such columns are stored as JSON
strings and decoded on reading, so a table read back equals the table written.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

TABLES = ("documents", "sentences", "quotes", "scores", "matches", "errors")
ERROR_COLUMNS = ["source", "reason"]
MANIFEST = "manifest.json"
# columns always stored as JSON text (their lists mix numbers and strings)
JSON_COLUMNS = frozenset({"excluded"})
_JSON_KEY = b"framing.json_columns"
# fast and compact (smaller than snappy at the same speed); read by every Parquet reader
PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 1}


@dataclass
class Tables:
    """The tables of a pipeline run (see docs/tables.md for their columns).

    ``scores`` holds one row per unit with a ``unit`` column: ``quote``, ``sentence``
    and ``document`` rows; :meth:`unit_scores` picks one kind. ``quotes`` has the
    speaker table applied (``side``, ``role``). ``errors`` lists skipped corpus members
    (``source``, ``reason``).
    """

    documents: pd.DataFrame = field(default_factory=pd.DataFrame)
    sentences: pd.DataFrame = field(default_factory=pd.DataFrame)
    quotes: pd.DataFrame = field(default_factory=pd.DataFrame)
    scores: pd.DataFrame = field(default_factory=pd.DataFrame)
    matches: pd.DataFrame = field(default_factory=pd.DataFrame)
    errors: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ERROR_COLUMNS))
    manifest: dict = field(default_factory=dict, repr=False, compare=False)

    def unit_scores(self, unit: str = "quote") -> pd.DataFrame:
        """Scores of one kind of unit (``quote``, ``sentence`` or ``document``)."""
        if unit not in ("quote", "sentence", "document"):
            from ..errors import ParameterError

            raise ParameterError(f"unknown unit {unit!r}; use quote, sentence or document")
        if self.scores.empty:
            return self.scores
        return self.scores[self.scores["unit"] == unit].reset_index(drop=True)

    @property
    def quote_scores(self) -> pd.DataFrame:
        """Quotes joined with their scores (one row per quote)."""
        scores = self.unit_scores("quote").drop(columns=["doc_id", "unit"], errors="ignore")
        return self.quotes.merge(scores, left_on="quote_id", right_on="unit_id", how="left").drop(
            columns=["unit_id"], errors="ignore"
        )

    def items(self) -> Iterator[tuple[str, pd.DataFrame]]:
        """(name, table) pairs in store order."""
        for name in TABLES:
            yield name, getattr(self, name)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(df)}" for name, df in self.items())
        return f"Tables({sizes})"


# --------------------------------------------------------------------------- arrow


def to_arrow(df: pd.DataFrame):
    """A pyarrow Table of ``df`` (no index); unconvertible columns become JSON text."""
    import pyarrow as pa

    df = df.reset_index(drop=True)
    as_json = [c for c in df.columns if c in JSON_COLUMNS and df[c].dtype == object]
    try:
        # one thread: the frames are chunk-sized, a thread pool costs more than it saves
        table = pa.Table.from_pandas(_encode(df, as_json), preserve_index=False, nthreads=1)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        for c in df.columns:
            if c in as_json:
                continue
            try:
                pa.array(df[c], from_pandas=True)
            except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
                as_json.append(c)
        table = pa.Table.from_pandas(_encode(df, as_json), preserve_index=False, nthreads=1)
    table = table.cast(_canonical_schema(table.schema))
    meta = {_JSON_KEY: json.dumps(sorted(as_json)).encode()} if as_json else None
    return table.replace_schema_metadata(meta)


def _canonical_type(t):
    """One Arrow type per kind of value, whatever pandas dtype it came from (str dtype
    gives large_string, object gives string): equal tables give equal bytes. List items
    are named ``element``, as Parquet names them (a table read back from Parquet has
    the same schema as the one written)."""
    import pyarrow as pa

    if pa.types.is_large_string(t):
        return pa.string()
    if pa.types.is_large_binary(t):
        return pa.binary()
    if pa.types.is_large_list(t) or pa.types.is_list(t):
        return pa.list_(pa.field("element", _canonical_type(t.value_type), t.value_field.nullable))
    if pa.types.is_struct(t):
        return pa.struct([pa.field(f.name, _canonical_type(f.type)) for f in t])
    return t


def _canonical_schema(schema):
    import pyarrow as pa

    return pa.schema([pa.field(f.name, _canonical_type(f.type), f.nullable) for f in schema])


def _encode(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    if not columns:
        return df
    df = df.copy()
    for c in columns:
        df[c] = pd.Series([_json(v) for v in df[c]], index=df.index, dtype=object)
    return df


def _json(value) -> str:
    import numpy as np

    def default(o):
        if isinstance(o, np.generic):
            return o.item()
        if isinstance(o, np.ndarray):
            return o.tolist()
        return str(o)

    return json.dumps(value, ensure_ascii=False, default=default)


def from_arrow(table) -> pd.DataFrame:
    """The DataFrame of a Table written by :func:`to_arrow`: JSON columns decoded,
    list columns as Python lists (not numpy arrays)."""
    import pyarrow as pa

    meta = table.schema.metadata or {}
    as_json = set(json.loads(meta[_JSON_KEY])) if _JSON_KEY in meta else set()
    list_columns = [
        f.name
        for f in table.schema
        if pa.types.is_list(f.type) or pa.types.is_large_list(f.type) or pa.types.is_struct(f.type)
    ]
    df = table.to_pandas()
    for name in list_columns:
        df[name] = pd.Series(table.column(name).to_pylist(), index=df.index, dtype=object)
    for name in as_json & set(df.columns):
        df[name] = pd.Series(
            [json.loads(v) if isinstance(v, str) else v for v in df[name]], index=df.index, dtype=object
        )
    return df


def unify_schemas(schemas: Iterable):
    """One schema every table of a kind can be cast to (null columns take the type
    seen elsewhere; columns missing in some chunks are added as nulls)."""
    import pyarrow as pa

    schemas = list(schemas)
    if not schemas:
        return pa.schema([])
    unified = pa.unify_schemas(schemas, promote_options="permissive")
    meta = {}
    for s in schemas:
        for k, v in (s.metadata or {}).items():
            if k == _JSON_KEY:
                old = set(json.loads(meta.get(k, b"[]")))
                meta[k] = json.dumps(sorted(old | set(json.loads(v)))).encode()
            else:
                meta.setdefault(k, v)
    return unified.with_metadata(meta)


def conform(table, schema):
    """``table`` with exactly ``schema``'s columns, in its order and types."""
    import pyarrow as pa

    columns = []
    for f in schema:
        if f.name in table.column_names:
            col = table.column(f.name)
            if not col.type.equals(f.type):
                col = col.cast(f.type)
        else:
            col = pa.nulls(len(table), type=f.type)
        columns.append(col)
    return pa.Table.from_arrays(columns, schema=schema)


# --------------------------------------------------------------------------- reading


def table_path(store: str | os.PathLike, name: str) -> Path | None:
    """The file (local engine) or folder (Dask engine) of table ``name``, or None."""
    store = Path(store)
    single = store / f"{name}.parquet"
    if single.is_file():
        return single
    folder = store / name
    if folder.is_dir():
        return folder
    return None


def read_table(store: str | os.PathLike, name: str) -> pd.DataFrame:
    """One table of a store as a DataFrame (parts of a partitioned table in order)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = table_path(store, name)
    if path is None:
        from ..errors import InputError

        raise InputError(f"no {name!r} table in this store; run 'framing process CORPUS -o STORE' first", source=store)
    if path.is_file():
        return from_arrow(pq.read_table(path))
    parts = sorted(p for p in path.glob("part-*.parquet"))
    tables = [pq.read_table(p) for p in parts]
    if not tables:
        return pd.DataFrame()
    schema = unify_schemas(t.schema for t in tables)
    return from_arrow(pa.concat_tables([conform(t, schema) for t in tables]))


def open_store(path: str | os.PathLike, tables: Iterable[str] | None = None) -> Tables:
    """Read the tables of a store written by :func:`framing.process` (or
    ``framing process``) back into a :class:`Tables`.

    ``tables`` limits reading to some of them (the others are empty frames).
    """
    from ..errors import InputError

    path = Path(path)
    if not path.is_dir():
        raise InputError("no such store folder; run 'framing process CORPUS -o STORE' first", source=path)
    wanted = set(TABLES if tables is None else tables)
    unknown = wanted - set(TABLES)
    if unknown:
        from ..errors import ParameterError

        raise ParameterError(f"unknown table {sorted(unknown)[0]!r}; choose from {', '.join(TABLES)}")
    out = Tables()
    for name in TABLES:
        if name in wanted:
            setattr(out, name, read_table(path, name))
    manifest = path / MANIFEST
    if manifest.is_file():
        out.manifest = json.loads(manifest.read_text(encoding="utf-8"))
    return out


def table_names() -> list[str]:
    """The names of the store's tables, in order."""
    return [f.name for f in fields(Tables) if f.name in TABLES]
