#!/usr/bin/python3
"""match --xlsx and --excel (contract section 11), read back with independent readers:
openpyxl for the workbook, Python's csv module for the Danish CSV dialect. Every figure
is compared with the result JSON of the same run and with a recount from the instance
files, never with numbers the workbook writer computed itself.

usage: spreadsheet_test.py PATH/TO/placematch
"""
import csv
import io
import json
import os
import sys
import tempfile

import openpyxl

import pmtest  # tests/py/pmtest.py: check, run, read_csv, self_contained, finish
from pmtest import check

PM = sys.argv[1]


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def run(*args):
    return pmtest.run(PM, *args, timeout=120)


with tempfile.TemporaryDirectory() as tmp:
    inst = os.path.join(tmp, "inst")
    # Ids that look like numbers must stay text; names with Danish letters and a ';'.
    run("generate", "--citizens", "120", "--openings", "40", "--seed", "3", inst)
    with open(os.path.join(inst, "citizens.csv"), encoding="utf-8") as f:
        text = f.read()
    first_id = text.splitlines()[1].split(",")[0]
    text = text.replace(first_id + ",", "0042,", 1)
    write(os.path.join(inst, "citizens.csv"), text)
    with open(os.path.join(inst, "decisions.csv"), encoding="utf-8") as f:
        dec = f.read()
    write(os.path.join(inst, "decisions.csv"), dec.replace("\n" + first_id + ",", "\n0042,"))
    with open(os.path.join(inst, "companies.csv"), encoding="utf-8") as f:
        comp = list(csv.DictReader(f))
    comp[0]["name"] = "Købmand Æblegård; Søn & Co"
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(comp[0].keys()), lineterminator="\n")
    w.writeheader()
    w.writerows(comp)
    write(os.path.join(inst, "companies.csv"), buf.getvalue())

    out_json, out_xlsx, out_csv = (os.path.join(tmp, n) for n in ("plan.json", "plan.xlsx", "plan.csv"))
    p = run("match", inst, "--lang", "da", "--json", out_json, "--xlsx", out_xlsx, "--csv", out_csv, "--excel")
    check(p.returncode == 0, "match exit %d: %s" % (p.returncode, p.stderr[:300]))
    with open(out_json, encoding="utf-8") as f:
        result = json.load(f)
    placements = result["placements"]
    check(any(r["citizen"] == "0042" for r in placements + result["unplaced"]), "citizen 0042 in the plan")

    wb = openpyxl.load_workbook(out_xlsx)
    check(wb.sheetnames == ["placeringer", "ikke placeret", "ledige pladser", "oversigt"],
          "sheet names %s" % wb.sheetnames)
    for ws in wb.worksheets:
        check(ws.freeze_panes == "A2", "%s: header row frozen (%s)" % (ws.title, ws.freeze_panes))
        check(bool(ws.auto_filter.ref) and ws.auto_filter.ref.startswith("A1:"),
              "%s: header row filtered (%s)" % (ws.title, ws.auto_filter.ref))

    # Placements: same pairs, numbers as numbers equal to the JSON, ids as text.
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    check(len(rows) == len(placements), "placements: %d rows, JSON %d" % (len(rows), len(placements)))
    pins = set()
    with open(os.path.join(inst, "decisions.csv"), encoding="utf-8") as f:
        for d in csv.DictReader(f):
            if d["decision"].strip().lower() == "pin":
                pins.add((d["citizen"], d["opening"]))
    for row, want in zip(rows, placements):
        citizen, opening, company, _name, _kind, _group, _area, mentor, hours, km, score, pinned = row
        check(isinstance(citizen, str) and citizen == want["citizen"], "citizen %r vs %r" % (citizen, want["citizen"]))
        check(opening == want["opening"] and company == want["company"], "opening/company of %s" % citizen)
        check(mentor == want["mentor"], "mentor of %s: %r vs %r" % (citizen, mentor, want["mentor"]))
        for name, got, exp in (("hours", hours, want["hours"]), ("km", km, want["km"]), ("score", score, want["score"])):
            check(isinstance(got, (int, float)) and not isinstance(got, bool) and abs(got - exp) < 1e-9,
                  "%s of %s: %r vs %r" % (name, citizen, got, exp))
        check(pinned == ("ja" if (citizen, opening) in pins else "nej"), "pinned of %s: %r" % (citizen, pinned))
    check(any(r[0] == "0042" for r in list(wb.worksheets[0].iter_rows(min_row=2, values_only=True)) +
              list(wb.worksheets[1].iter_rows(min_row=2, values_only=True))), "0042 kept as text")

    # Unplaced: the same citizens, codes and (Danish) reasons as the JSON.
    rows = list(wb.worksheets[1].iter_rows(min_row=2, values_only=True))
    check([(r[0], r[3], r[4]) for r in rows] ==
          [(u["citizen"], u["reason_code"], u["reason"]) for u in result["unplaced"]], "unplaced rows")

    # Empty seats: recounted from openings.csv and the JSON's placements.
    with open(os.path.join(inst, "openings.csv"), encoding="utf-8") as f:
        seats = {o["id"]: int(o["seats"] or 1) for o in csv.DictReader(f)}
    taken = {}
    for r in placements:
        taken[r["opening"]] = taken.get(r["opening"], 0) + 1
    want_free = {o: s - taken.get(o, 0) for o, s in seats.items() if s > taken.get(o, 0)}
    rows = list(wb.worksheets[2].iter_rows(min_row=2, values_only=True))
    check({r[0]: r[6] for r in rows} == want_free, "empty seats")

    # Summary: residents and placed per target group and area, as the JSON's audit.
    rows = list(wb.worksheets[3].iter_rows(min_row=2, values_only=True))
    got = [(r[1], r[3], r[4]) for r in rows]
    want = [(g["code"], g["residents"], g["placed"]) for g in result["groups"] + result["areas"]]
    check(got == want, "summary rows")
    check(all(isinstance(r[5], float) or r[5] == 0 for r in rows), "rates are numbers")

    # The Danish CSV dialect: BOM, ';', CRLF, decimal comma; read back by the csv module.
    with open(out_csv, "rb") as f:
        raw = f.read()
    check(raw.startswith(b"\xef\xbb\xbf"), "--excel: byte-order mark")
    check(raw.count(b"\n") == raw.count(b"\r\n") and raw.count(b"\r\n") > 0, "--excel: CRLF line ends")
    rows = list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"), newline=""), delimiter=";"))
    placed_rows = [r for r in rows if r["citizen"] and r["opening"]]
    check(len(placed_rows) == len(placements), "--excel: placements")
    for r, want in zip(placed_rows, placements):
        check("." not in r["score"] and abs(float(r["score"].replace(",", ".")) - want["score"]) < 1e-9,
              "--excel: score %r of %s" % (r["score"], r["citizen"]))
        check(abs(float(r["km"].replace(",", ".")) - want["km"]) < 1e-9, "--excel: km of %s" % r["citizen"])
    p = run("candidates", inst, "--csv", os.path.join(tmp, "pairs.csv"), "--excel")
    check(p.returncode == 0, "candidates --excel exit %d" % p.returncode)
    with open(os.path.join(tmp, "pairs.csv"), "rb") as f:
        raw = f.read()
    check(raw.startswith(b"\xef\xbb\xbfcitizen;opening;score;km;needs_mentor\r\n"), "candidates --excel header")

    # Bad output paths: exit 2, nothing written.
    missing = os.path.join(tmp, "no-such-folder", "plan.xlsx")
    p = run("match", inst, "--json", os.path.join(tmp, "second.json"), "--xlsx", missing)
    check(p.returncode == 2 and "no-such-folder" in p.stderr, "missing folder: exit %d %s" % (p.returncode, p.stderr))
    check(not os.path.exists(os.path.join(tmp, "second.json")), "missing folder: nothing written")

pmtest.finish()
