#!/usr/bin/python3
"""The progress line on a terminal (README, "Progress"): a run of more than a second with
standard error on a pseudo-terminal shows one updating line (carriage returns, the phase,
for the mentor-pool search the bound and the gap; with --lang da in Danish) ended by a
newline, while the same run with standard error in a file writes nothing there, and both
write the same plan (the result JSON without its timings) and the same table.

The match runs on a generated mentor-heavy instance and the what-if on the sample, then on a
generated municipal-size instance, each made larger until a run takes more than 1.5 s on
this machine (a faster run shows no
line, by design, and proves nothing).

usage: progress_tty_test.py PATH/TO/placematch
"""
import json
import os
import pty
import select
import subprocess
import sys
import tempfile
import time

import pmtest  # tests/py/pmtest.py: check, run, read_csv, self_contained, finish
from pmtest import check

PM = sys.argv[1]


def run_on_tty(args, stdout_path):
    """Runs with standard error on a pseudo-terminal; returns (code, stderr bytes, seconds)."""
    master, slave = pty.openpty()
    t0 = time.monotonic()
    with open(stdout_path, "wb") as out:
        proc = subprocess.Popen([PM, *args], stdout=out, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    data = b""
    while True:
        ready, _, _ = select.select([master], [], [], 600)
        if not ready:
            proc.kill()
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        data += chunk
    code = proc.wait()
    os.close(master)
    return code, data, time.monotonic() - t0


def run_to_file(args, stdout_path, stderr_path):
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        return subprocess.run([PM, *args], stdout=out, stderr=err, stdin=subprocess.DEVNULL, timeout=600).returncode


def plan_without_timings(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    doc.pop("stats", None)
    return doc


def read(path):
    with open(path, "rb") as f:
        return f.read()


SAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "sonderborg")

with tempfile.TemporaryDirectory() as tmp:
    shown = False
    for citizens, openings in ((8000, 2400), (20000, 6000), (50000, 15000)):
        inst = os.path.join(tmp, "inst%d" % citizens)
        gen = subprocess.run([PM, "generate", "--citizens", str(citizens), "--openings", str(openings), "--seed", "5",
                              "--mentor-heavy", inst], capture_output=True, text=True, timeout=600)
        check(gen.returncode == 0, "generate %d: %s" % (citizens, gen.stderr))
        # A fixed work limit: the same (deterministic) search in both runs.
        args = ["match", inst, "--work-limit", "3000000", "--threads", "1", "--lang", "da"]
        tty_json, file_json = os.path.join(tmp, "tty.json"), os.path.join(tmp, "file.json")
        code, err, seconds = run_on_tty(args + ["--json", tty_json], os.path.join(tmp, "tty.out"))
        check(code == 0, "match on a terminal exits 0 (%d): %r" % (code, err[-500:]))
        if seconds < 1.5:
            continue  # too fast here to show a line: a larger instance
        shown = True
        text = err.decode("utf-8", "replace")
        check(text.startswith("\r"), "the line is rewritten in place (\\r): %r" % text[:300])
        check(text.endswith("\n"), "the line is ended by a newline: %r" % text[-200:])
        check(any(p in text for p in ("planlægger", "søger i mentorpuljerne", "prissætter mentorpuljerne",
                                      "finder de mulige par", "navngiver mentorer")),
              "a phase in Danish: %r" % text[:300])
        last = text.rstrip("\r\n").split("\r")[-1]
        check("placeret (grænse" in last and "match-score" in last and "afstand til grænsen" in last,
              "the line ends with the plan's bound and gap: %r" % last)
        code2 = run_to_file(args + ["--json", file_json], os.path.join(tmp, "file.out"), os.path.join(tmp, "file.err"))
        check(code2 == 0, "match with standard error in a file exits 0")
        check(read(os.path.join(tmp, "file.err")) == b"", "no progress in a file: %r" % read(os.path.join(tmp, "file.err"))[:300])
        check(plan_without_timings(tty_json) == plan_without_timings(file_json), "the same plan with and without the line")
        check(read(os.path.join(tmp, "tty.out")) == read(os.path.join(tmp, "file.out")), "the same table on standard output")
        break
    check(shown, "no match took more than 1.5 s, even on the largest instance")

    # The what-if's seat steps count step i of n on the line: on the sample, then on a
    # generated municipal-size instance (the sample's steps may all be faster than 1.5 s).
    shown = False
    muni = os.path.join(tmp, "muni")
    gen = subprocess.run([PM, "generate", "--citizens", "2000", "--openings", "600", "--seed", "5", muni],
                         capture_output=True, text=True, timeout=600)
    check(gen.returncode == 0, "generate 2000: %s" % gen.stderr)
    for folder, seats in ((SAMPLE, 130), (muni, 100), (muni, 150), (muni, 250)):
        wargs = ["whatif", folder, "--seats", str(seats), "--json", os.path.join(tmp, "w_tty.json")]
        code, err, seconds = run_on_tty(wargs, os.path.join(tmp, "w_tty.out"))
        check(code == 0, "whatif on a terminal exits 0")
        if seconds < 1.5:
            continue
        shown = True
        text = err.decode("utf-8", "replace")
        check(("what-if seats: step" in text) and ("of %d" % seats) in text, "the what-if's step i of n: %r" % text[:300])
        wargs[-1] = os.path.join(tmp, "w_file.json")
        code2 = run_to_file(wargs, os.path.join(tmp, "w_file.out"), os.path.join(tmp, "w_file.err"))
        check(code2 == 0 and read(os.path.join(tmp, "w_file.err")) == b"", "the what-if writes no progress to a file")
        check(read(os.path.join(tmp, "w_tty.json")) == read(os.path.join(tmp, "w_file.json")), "the same what-if answer")
        break
    check(shown, "no what-if took more than 1.5 s")

pmtest.finish()
