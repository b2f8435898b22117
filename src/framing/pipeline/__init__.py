"""The one cached pipeline: corpus -> Parquet store, on all cores or a Dask cluster.

- :func:`analyze` — the whole pipeline in one call, returning :class:`Tables` (notebooks);
- :func:`process` — the same into a store folder of Parquet tables (``framing process``);
- :func:`open_store` — read a store back.

See docs/scale.md for the cache, memory, parallelism and Dask.
"""

from __future__ import annotations

from .engine import Run, analyze, default_cache_dir, process
from .store import TABLES, Tables, open_store, read_table

__all__ = ["TABLES", "Run", "Tables", "analyze", "default_cache_dir", "open_store", "process", "read_table"]
