"""``gongkai corpus import --scheduler``: the same import on a real dask.distributed cluster (a
scheduler and two worker processes on loopback) gives the same database as the local pool."""

from __future__ import annotations

import random

import pytest
from bench.corpus_data import narrative, rendered, report

from gongkai.cli import main

from .test_corpus_import import _tables


@pytest.fixture(scope="module")
def cluster():
    import distributed
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, scheduler_port=0) as local:
        yield local


def test_a_dask_import_stores_what_a_local_import_stores(tmp_path, cluster):
    rng = random.Random(8)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(50):
        doc = report(f"第{i // 2}测试县人民政府", 2021 + i % 2, new=rng.randint(0, 30), carried_in=i % 3,
                     sections=narrative(rng))
        (folder / f"{i:03d}.md").write_bytes(rendered(doc))
    (folder / "cut.docx").write_bytes(rendered(report("朗县人民政府", 2022), "docx")[:3000])
    local, remote = str(tmp_path / "local.duckdb"), str(tmp_path / "dask.duckdb")
    assert main(["corpus", "import", str(folder), "--db", local, "--jobs", "2"]) == 0
    assert main(["corpus", "import", str(folder), "--db", remote, "--scheduler", cluster.scheduler_address]) == 0
    tables = _tables(remote)
    assert len(tables["reports"]) == 51 and sum(r[8] is not None for r in tables["reports"]) == 1
    assert tables == _tables(local)
    # The cluster still has both workers (none was lost on the way).
    assert len(cluster.scheduler_info["workers"]) == 2
