"""Shared by the Python tests of the command line (tests/py/*_test.py, run by ctest with
/usr/bin/python3): failures collected and reported at the end, the tool run as a
subprocess, the contract's CSV files read, and the board report's self-containment checked.

Usage:
    import pmtest
    pmtest.check(ok, "what was expected")        # collects, prints FAIL lines
    p = pmtest.run(PM, "match", folder, "--quiet")
    rows = pmtest.read_csv(folder, "citizens.csv")
    pmtest.finish()                                # exit 1 when anything failed
"""
import csv
import os
import re
import subprocess
import sys

failures = []


def check(ok, what):
    """Records a failure (and prints it) when `ok` is false; the test goes on."""
    if not ok:
        failures.append(what)
        print("FAIL", what)


def run(pm, *args, timeout=600):
    """Runs the tool `pm` with `args`; its stdout and stderr as text."""
    return subprocess.run([pm, *args], capture_output=True, text=True, timeout=timeout)


def read_csv(folder, name):
    """The rows of a contract CSV file (UTF-8, a BOM allowed) as dictionaries."""
    with open(os.path.join(folder, name), encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def self_contained(page, name):
    """The board report needs nothing from outside: no script, link, import or url(), and
    no address but the SVG namespace's name."""
    low = page.lower()
    check("<script" not in low and "<link" not in low and "@import" not in low and "url(" not in low,
          "%s: no script, link, import or url()" % name)
    check(re.findall(r"(?:https?:)?//[^\s\"'<>]+", page.replace("http://www.w3.org/2000/svg", "")) == [],
          "%s: no external address" % name)


def finish():
    """Prints the count and exits: 1 when a check failed, else 0."""
    print("%d failure(s)" % len(failures))
    sys.exit(1 if failures else 0)
