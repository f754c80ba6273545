"""Many plans at once: municipalities (or what-if scenarios) spread over a Dask cluster.

One national plan fits one machine (about a minute). A ministry that plans every
municipality nightly, or runs thousands of what-if scenarios, needs many solver runs, not
a bigger one: each run is independent, so they spread over the workers of a Dask cluster
(Debian: python3-distributed), each worker calling the Python binding. Results are small
summaries; the same input and options give the same plan on any worker.

Run (from a build tree):
    PYTHONPATH=BUILD/bindings/python /usr/bin/python3 examples/python/dask_scenarios.py \
        [--workers 2] [--municipalities 8] [--citizens 400] [--scheduler tcp://host:8786]
"""
import argparse
import sys

import placematch


def plan_municipality(seed, citizens, openings, objective="placements"):
    """Runs on a worker: generates municipality `seed`, plans it, returns a summary."""
    inst = placematch.generate(citizens=citizens, openings=openings, seed=seed)
    obj = placematch.Objective.SCORE if objective == "score" else placematch.Objective.PLACEMENTS
    r = placematch.match(inst, objective=obj, threads=1)
    return {
        "seed": seed,
        "objective": objective,
        "citizens": inst.num_citizens,
        "placed": r.placed,
        "score_millionths": r.score_millionths,
        "status": r.status.name.lower(),
        "bound_placed": r.bound_placed,
        "bound_score_millionths": r.bound_score_millionths,
    }


def scenarios(municipalities):
    """The runs of one night: each municipality under both objectives."""
    for seed in range(1, municipalities + 1):
        for objective in ("placements", "score"):
            yield seed, objective


def run(client, municipalities, citizens, openings):
    """Submits every run to the cluster; returns the summaries in submission order."""
    futures = [client.submit(plan_municipality, seed, citizens, openings, objective, pure=False)
               for seed, objective in scenarios(municipalities)]
    return client.gather(futures)


def main(argv=None):
    from distributed import Client, LocalCluster

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--municipalities", type=int, default=8)
    ap.add_argument("--citizens", type=int, default=400)
    ap.add_argument("--openings", type=int, default=120)
    ap.add_argument("--scheduler", help="an existing cluster's scheduler address (default: a LocalCluster)")
    a = ap.parse_args(argv)
    if a.scheduler:
        client = Client(a.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        for s in run(client, a.municipalities, a.citizens, a.openings):
            print(f"municipality {s['seed']:3d} {s['objective']:10s} placed {s['placed']:5d}/{s['citizens']}"
                  f"  score {s['score_millionths'] / 1e6:12.6f}  {s['status']}")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
