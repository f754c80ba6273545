#!/usr/bin/python3
"""Floors (contract section 12) in the board's report (report --html) and the workbook
(match --xlsx): the Sønderborg sample with a floors.csv added. Every floor's row in the
page and in the workbook holds the numbers of the result JSON of `match` on the same folder
(a separate run, read back with Python's html.parser and openpyxl), recounted from the
instance's CSV files as well; the price of the floors is the JSON's. In English and Danish.
Without floors there is no floors section and no floors sheet.

usage: floors_report_test.py PATH/TO/placematch SAMPLE_FOLDER
"""
import html.parser
import json
import math
import os
import shutil
import sys
import tempfile

import openpyxl

import pmtest  # tests/py/pmtest.py: check, run, read_csv, self_contained, finish
from pmtest import check

PM, SAMPLE = sys.argv[1], sys.argv[2]


def run(*args):
    return pmtest.run(PM, *args)


class Page(html.parser.HTMLParser):
    """The floors table's rows (data-floor), the text of every data-figure element and
    whether a floors section is there."""

    def __init__(self):
        super().__init__()
        self.stack, self.figures, self.rows, self.sections = [], [], {}, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-section" in a:
            self.sections.append(a["data-section"])
        if "data-floor" in a:
            self.rows[a["data-floor"]] = {"class": a.get("class") or "", "cells": []}
            self.current = a["data-floor"]
        self.stack.append([tag, a, ""])

    def handle_endtag(self, tag):
        while self.stack:
            t, a, text = self.stack.pop()
            if self.stack:
                self.stack[-1][2] += text
            if "data-figure" in a:
                self.figures.append((a, text.strip()))
            if t == "td" and getattr(self, "current", None) and tag == "td":
                self.rows[self.current]["cells"].append(text.strip())
            if t == "tr":
                self.current = None
            if t == tag:
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][2] += data


with tempfile.TemporaryDirectory() as tmp:
    inst = os.path.join(tmp, "sample")
    shutil.copytree(SAMPLE, inst)
    # Floors of both scopes; the first area cannot have every resident placed, so even the
    # optimal plan leaves a shortfall (checked below).
    citizens = pmtest.read_csv(inst, "citizens.csv")
    areas = pmtest.read_csv(inst, "areas.csv")
    groups = pmtest.read_csv(inst, "target_groups.csv")
    floors = [("group", "6.1", 1.0), ("group", "6.3", 0.3), ("area", areas[0]["id"], 1.0)]
    with open(os.path.join(inst, "floors.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("scope,code,min_share\n" + "".join("%s,%s,%s\n" % fl for fl in floors))

    for lang in ("en", "da"):
        out_json, out_xlsx, out_html = (os.path.join(tmp, lang + n) for n in (".json", ".xlsx", ".html"))
        p = run("match", inst, "--quiet", "--lang", lang, "--json", out_json, "--xlsx", out_xlsx)
        check(p.returncode == 0, "%s: match exit %d %s" % (lang, p.returncode, p.stderr[:300]))
        p = run("report", inst, "--html", out_html, "--lang", lang)
        check(p.returncode == 0, "%s: report exit %d %s" % (lang, p.returncode, p.stderr[:300]))
        with open(out_json, encoding="utf-8") as f:
            result = json.load(f)
        with open(out_html, encoding="utf-8") as f:
            page = f.read()
        pmtest.self_contained(page, lang)

        # The JSON's floors, recounted from the CSV files and its placements.
        placed = {r["citizen"] for r in result["placements"]}
        check(len(result["floors"]) == len(floors), "%s: %d floors in the JSON" % (lang, len(result["floors"])))
        for (scope, code, share), fl in zip(floors, result["floors"]):
            members = [c for c in citizens if (c["target_group"] if scope == "group" else c["area"]) == code]
            required = max(0, math.ceil(share * len(members) - 1e-9))
            got = sum(c["id"] in placed for c in members)
            check((fl["scope"], fl["code"], fl["residents"], fl["required"], fl["placed"], fl["shortfall"]) ==
                  (scope, code, len(members), required, got, max(0, required - got)),
                  "%s: JSON floor %s against the CSV files" % (lang, fl))
        check(any(fl["shortfall"] > 0 for fl in result["floors"]), "%s: a floor is not reached (a shortfall to highlight)" % lang)

        # The page: one row per floor with the JSON's numbers, a shortfall highlighted.
        pg = Page()
        pg.feed(page)
        check(pg.sections.count("floors") == 1, "%s: one floors section (%s)" % (lang, pg.sections))
        check(len(pg.rows) == len(floors), "%s: %d floor rows" % (lang, len(pg.rows)))
        names = {g["code"]: g["name"] for g in groups}
        names.update({a["id"]: a["name"] for a in areas})
        for fl in result["floors"]:
            key = fl["scope"] + ":" + fl["code"]
            row = pg.rows.get(key)
            check(row is not None, "%s: a row for floor %s" % (lang, key))
            if not row:
                continue
            cells = row["cells"]
            check(len(cells) == 7 and cells[1] == fl["code"] and
                  [int(x) for x in cells[3:]] == [fl["residents"], fl["required"], fl["placed"], fl["shortfall"]],
                  "%s: row of %s: %s vs %s" % (lang, key, cells, fl))
            check(fl["scope"] != "area" or cells[2] == names[fl["code"]], "%s: area name of %s: %s" % (lang, key, cells))
            check(fl["scope"] != "group" or lang != "en" or cells[2] == names[fl["code"]],
                  "%s: group name of %s: %s" % (lang, key, cells))
            check(("low" in row["class"]) == (fl["shortfall"] > 0), "%s: highlight of %s" % (lang, key))
            for what in ("residents", "required", "placed", "shortfall"):
                vals = [t for a, t in pg.figures if a.get("data-figure") == "floor-" + what and a.get("data-code") == key]
                check(vals == [str(fl[what])], "%s: %s of %s: %s" % (lang, what, key, vals))
        price = result["price_of_floors"]
        fig = {a["data-figure"]: t for a, t in pg.figures}
        score = "%.6f" % price["score"]
        if lang == "da":
            score = score.replace(".", ",")
        check(fig.get("price-placed") == str(price["placed"]), "%s: price placed %s vs %s" % (lang, fig.get("price-placed"), price))
        check(fig.get("price-score") == score, "%s: price score %s vs %s" % (lang, fig.get("price-score"), score))
        word = {"en": "price of the floors", "da": "gulvenes pris"}[lang]
        check(word in fig.get("price-of-floors", "").lower(), "%s: the price sentence %r" % (lang, fig.get("price-of-floors")))
        check(("exact" if lang == "en" else "nøjagtig") in fig.get("price-of-floors", "") or not price.get("exact", True),
              "%s: an exact price says so" % lang)
        check(str(result["shortfall"]["total"]) in fig.get("floors-shortfall", ""), "%s: total shortfall" % lang)

        # The workbook: a floors sheet, numbers as numbers, equal to the JSON.
        wb = openpyxl.load_workbook(out_xlsx)
        sheet = {"en": "floors", "da": "gulve"}[lang]
        check(sheet in wb.sheetnames, "%s: sheet %s in %s" % (lang, sheet, wb.sheetnames))
        if sheet in wb.sheetnames:
            ws = wb[sheet]
            check(ws.freeze_panes == "A2", "%s: floors header frozen" % lang)
            rows = list(ws.iter_rows(min_row=2, values_only=True))
            body = rows[:len(floors)]
            check([(r[1], r[3], r[4], r[5], r[6]) for r in body] ==
                  [(fl["code"], fl["residents"], fl["required"], fl["placed"], fl["shortfall"]) for fl in result["floors"]],
                  "%s: floors sheet rows %s" % (lang, body))
            check(all(isinstance(v, (int, float)) and not isinstance(v, bool) for r in body for v in r[3:7]),
                  "%s: floors sheet numbers are numbers" % lang)
            tail = [r for r in rows[len(floors):] if any(v is not None for v in r)]
            check(len(tail) == 3, "%s: total shortfall and price rows %s" % (lang, tail))
            if len(tail) == 3:
                check(tail[0][6] == result["shortfall"]["total"], "%s: sheet total shortfall %s" % (lang, tail[0]))
                check(tail[1][5] == price["placed"], "%s: sheet price placed %s" % (lang, tail[1]))
                check(isinstance(tail[2][5], float) and abs(tail[2][5] - price["score"]) < 1e-9,
                      "%s: sheet price score %s" % (lang, tail[2]))

    # Without floors: no floors section, no floors sheet.
    os.remove(os.path.join(inst, "floors.csv"))
    out_html, out_xlsx = os.path.join(tmp, "plain.html"), os.path.join(tmp, "plain.xlsx")
    check(run("report", inst, "--html", out_html).returncode == 0, "plain: report")
    check(run("match", inst, "--quiet", "--xlsx", out_xlsx).returncode == 0, "plain: match")
    with open(out_html, encoding="utf-8") as f:
        page = f.read()
    pg = Page()
    pg.feed(page)
    check("floors" not in pg.sections and not pg.rows and "price of the floors" not in page.lower(),
          "plain: no floors section")
    check("floors" not in openpyxl.load_workbook(out_xlsx).sheetnames, "plain: no floors sheet")

pmtest.finish()
