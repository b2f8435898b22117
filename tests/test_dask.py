"""The Dask engine gives the same tables as the local engine (on a LocalCluster)."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.pipeline import open_store, process

from test_pipeline import LEXICON, write_corpus

distributed = pytest.importorskip("dask.distributed")


def test_dask_local_cluster_gives_identical_tables(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 10)
    (corpus / "world" / "empty.txt").write_bytes(b"")
    lexicon = tmp_path / "frames.yaml"
    lexicon.write_text(LEXICON, encoding="utf-8")
    local = process(corpus, tmp_path / "local", lexicons=[lexicon], jobs=1, chunk_size=3)
    with distributed.LocalCluster(
        processes=False, n_workers=2, threads_per_worker=1, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        run = process(corpus, tmp_path / "dask", lexicons=[lexicon], engine="dask", scheduler=client, chunk_size=3)
    assert run.computed["scores"] == 10 and len(run.chunks) == len(local.chunks) == 4
    parts = sorted(p.name for p in (tmp_path / "dask" / "quotes").glob("*.parquet"))
    assert parts == [f"part-{i:06d}.parquet" for i in range(4)]
    a, b = open_store(tmp_path / "local"), open_store(tmp_path / "dask")
    for name, df in a.items():
        assert len(df) == len(getattr(b, name))
        pd.testing.assert_frame_equal(df, getattr(b, name), obj=name)
    assert len(b.errors) == 1 and b.errors["source"].iloc[0].endswith("empty.txt")
    assert b.manifest["engine"] == "dask"
