#!/usr/bin/python3
"""End-to-end wall time of the consultant's commands on the Sønderborg sample.

Usage: /usr/bin/python3 benchmarks/cli_timing.py PATH/TO/placematch [DATA_DIR] [--runs N]

Runs each command N times (default 7) as a separate process, from start to exit (loading,
planning, writing), and prints the median and the slowest wall time per command, and the
median CPU time (user + system of the process: what the command itself costs when the
machine is shared), with the goal of issue 11 (<= 0.1 s each). Exit code 1 when a command fails (its exit code is not 0);
the times are reported either way (a goal not met is a figure, not a failure).
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--runs")]
    runs = 7
    for a in sys.argv[1:]:
        if a.startswith("--runs="):
            runs = int(a.split("=", 1)[1])
    if not args:
        print(__doc__)
        return 2
    exe = args[0]
    data = args[1] if len(args) > 1 else os.path.join(os.path.dirname(__file__), "..", "data", "sonderborg")
    tmp = tempfile.mkdtemp(prefix="pm-cli-timing-")
    plan = os.path.join(tmp, "plan.json")
    subprocess.run([exe, "match", data, "--json", plan], check=True, stdout=subprocess.DEVNULL)
    commands = [
        ("validate", ["validate", data]),
        ("candidates", ["candidates", data, "--csv", os.path.join(tmp, "pairs.csv")]),
        ("match --json", ["match", data, "--json", os.path.join(tmp, "p2.json")]),
        ("match --previous", ["match", data, "--previous", plan, "--json", os.path.join(tmp, "p3.json")]),
        ("suggest --opening o12", ["suggest", data, "--opening", "o12"]),
        ("suggest --citizen c045", ["suggest", data, "--citizen", "c045"]),
        ("why --citizen c045", ["why", data, "--citizen", "c045"]),
        ("why --citizen c045 --opening o12", ["why", data, "--citizen", "c045", "--opening", "o12"]),
        ("whatif --seats 1", ["whatif", data, "--seats", "1", "--quiet"]),
        ("report --html", ["report", data, "--html", os.path.join(tmp, "report.html")]),
    ]
    failed = False
    print(f"{'command':40s} {'median s':>9s} {'max s':>9s} {'cpu s':>9s}  goal <= 0.1 s (wall)")
    for name, cmd in commands:
        times, cpu = [], []
        code = 0
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            r = subprocess.run([exe] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            times.append(time.perf_counter() - t0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            code = code or r.returncode
        med, top = statistics.median(times), max(times)
        note = "met" if med <= 0.1 else "NOT met"
        if code != 0:
            note = f"exit {code}"
            failed = True
        print(f"{name:40s} {med:9.3f} {top:9.3f} {statistics.median(cpu):9.3f}  {note}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
