"""The Dask example on a two-worker LocalCluster: every run comes back, and each equals the
same run made in this process (same input and options -> same plan, on any worker)."""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
distributed = pytest.importorskip("distributed")

import dask_scenarios  # noqa: E402


def test_two_worker_local_cluster_matches_local_runs():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    client = distributed.Client(cluster)
    try:
        results = dask_scenarios.run(client, municipalities=3, citizens=150, openings=50)
        workers = client.run(lambda: os.getpid())
        assert len(workers) == 2
    finally:
        client.close()
        cluster.close()
    expected = [dask_scenarios.plan_municipality(seed, 150, 50, objective)
                for seed, objective in dask_scenarios.scenarios(3)]
    assert results == expected
    assert len(results) == 6
    for r in results:
        assert r["status"] in ("optimal", "feasible")
        if r["status"] == "optimal" and r["objective"] == "placements":
            assert r["placed"] == r["bound_placed"]
