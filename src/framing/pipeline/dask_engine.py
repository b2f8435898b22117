"""The Dask engine: the same chunk function on a ``dask.distributed`` cluster.

The client streams the corpus in chunks (as the local engine does) and submits each
chunk whose cache entries are missing to the cluster; workers run
:func:`framing.pipeline.engine.run_chunk` and write the cache entries themselves, so
the cache folder must be reachable by every worker (a shared filesystem). Each table is
then written as a folder of ``part-NNNNNN.parquet`` files, one per chunk, by the
workers; :func:`framing.open_store` reads them back in order, identical to the local
engine's tables. Needs the ``[dask]`` extra (``pip install 'framing[dask]'``).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from ..errors import ParameterError
from .engine import (
    DEFAULT_CHUNK_SIZE,
    TABLE_STAGES,
    Run,
    Settings,
    _check_not_empty,
    _entry_paths,
    errors_frame,
    execute,
    run_manifest,
    table_schema,
    write_run_stats,
)
from .store import MANIFEST


def _client(scheduler, jobs: int | None = None):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as err:  # pragma: no cover - depends on the install
        raise ParameterError("--engine dask needs dask.distributed; install framing[dask]") from err
    if scheduler is None:
        # the stages are pure Python: one single-threaded worker process per core
        n = jobs or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster), True
    if isinstance(scheduler, str):
        return Client(scheduler), True
    return scheduler, False  # a Client (or anything with submit) given by the caller


def write_part(src: str, dest: str, schema) -> str:
    """Copy one chunk entry to a store part, cast to the table's schema (on a worker)."""
    import pyarrow.parquet as pq

    from .._io import atomic_path
    from .cache import read_entry
    from .store import PARQUET_OPTIONS, conform

    with atomic_path(dest) as tmp:
        pq.write_table(conform(read_entry(src), schema), tmp, **PARQUET_OPTIONS)
    return dest


def process_dask(
    corpus,
    store,
    settings: Settings,
    *,
    scheduler=None,
    jobs: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    strict: bool = False,
    progress: bool | None = None,
    **load_options,
) -> Run:
    """:func:`framing.process` with ``engine="dask"``: chunks run on the cluster at
    ``scheduler`` (an address, a ``Client``, or None for a local cluster)."""
    from .._io import atomic_write, write_table

    client, own = _client(scheduler, jobs)
    try:
        workers = len(client.scheduler_info().get("workers", {})) if hasattr(client, "scheduler_info") else 1
        run = execute(
            corpus, settings, jobs=max(jobs or 0, workers, 1), chunk_size=chunk_size, executor=_DaskExecutor(client),
            progress=progress, strict=strict, **load_options,
        )
        _check_not_empty(run, corpus)
        store = Path(store).resolve()  # workers write the parts: an absolute path
        store.mkdir(parents=True, exist_ok=True)
        manifest = run_manifest(run, corpus)
        (store / MANIFEST).unlink(missing_ok=True)
        futures = []
        for name, stage in TABLE_STAGES.items():
            paths = _entry_paths(run, stage)
            folder = store / name
            single = store / f"{name}.parquet"
            single.unlink(missing_ok=True)
            if folder.is_dir():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
            schema = table_schema(paths)
            for i, src in enumerate(paths):
                dest = folder / f"part-{i:06d}.parquet"
                futures.append(client.submit(write_part, str(src), str(dest), schema, pure=False))
        for f in futures:
            f.result()
        write_table(errors_frame(run.errors), store / "errors.parquet")
        manifest["engine"] = "dask"
        with atomic_write(store / MANIFEST) as fh:
            json.dump(manifest, fh, indent=2, sort_keys=True)
            fh.write("\n")
        run.store = store
        run.written = True
        write_run_stats(run, store)
        return run
    finally:
        if own:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()


class _DaskExecutor:
    def __init__(self, client):
        self.client = client

    def submit(self, fn, *args):
        return self.client.submit(fn, *args, pure=False)

    def close(self):
        pass
