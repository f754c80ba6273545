#!/usr/bin/python3
"""placematch report --html (contract section 11) rendered in headless Chromium: the file is
self-contained (no script, no resource from elsewhere), the screenshot is not blank, and
the DOM Chromium builds holds the same numbers as the result JSON of the same run,
recounted here from the JSON and the instance's CSV files (an independent reader).

usage: report_browser_test.py PATH/TO/placematch PATH/TO/chromium SAMPLE_FOLDER
"""
import html.parser
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib

import pmtest  # tests/py/pmtest.py: check, run, read_csv, self_contained, finish
from pmtest import check

PM, CHROMIUM, SAMPLE = sys.argv[1], sys.argv[2], sys.argv[3]


def run(*args):
    return pmtest.run(PM, *args)


def chromium(tmp, *args):
    profile = tempfile.mkdtemp(dir=tmp)
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--user-data-dir=" + profile, *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def png_pixels(path):
    """A minimal PNG decoder (8-bit RGB or RGBA, no interlace): rows of (r, g, b)."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, ctype = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 255
            elif ftype == 2:
                line[i] = (line[i] + b) & 255
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(width)])
        prev = line
    return rows


class Figures(html.parser.HTMLParser):
    """Collects the text of every element carrying data-figure or data-group attributes."""

    def __init__(self):
        super().__init__()
        self.stack, self.found = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        keep = "data-figure" in a or "data-group" in a or "data-change" in a
        if self.stack:
            self.stack[-1][2] += " "  # an element boundary separates words
        self.stack.append([tag, a, "", keep])

    def handle_endtag(self, tag):
        while self.stack:
            t, a, text, keep = self.stack.pop()
            if self.stack:
                self.stack[-1][2] += text
            if keep:
                self.found.append((a, text))
            if t == tag:
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][2] += data


def percent(rate, lang):
    p = "%.1f" % (100.0 * rate + 1e-12)
    return p.replace(".", ",") + " %" if lang == "da" else p + "%"


def check_report(tmp, inst, lang, previous=None, name="report"):
    out_html, out_json = os.path.join(tmp, name + ".html"), os.path.join(tmp, name + ".json")
    args = ["report", inst, "--html", out_html, "--json", out_json, "--lang", lang]
    if previous:
        args += ["--previous", previous]
    p = run(*args)
    check(p.returncode == 0, "%s: exit %d %s" % (name, p.returncode, p.stderr[:300]))
    with open(out_html, encoding="utf-8") as f:
        page = f.read()
    with open(out_json, encoding="utf-8") as f:
        result = json.load(f)
    # Self-contained: no script, no link, no external URL (the SVG namespace is a name).
    pmtest.self_contained(page, name)
    low = page.lower()
    check(" src=" not in low and " href=" not in low, "%s: no src or href" % name)

    # The DOM as Chromium builds it.
    dom = chromium(tmp, "--dump-dom", "file://" + out_html)
    check(dom.returncode == 0 and "</html>" in dom.stdout, "%s: chromium --dump-dom" % name)
    parser = Figures()
    parser.feed(dom.stdout)
    figs = parser.found

    citizens = pmtest.read_csv(inst, "citizens.csv")
    openings = {o["id"]: o for o in pmtest.read_csv(inst, "openings.csv")}
    placed_ids = {r["citizen"]: r["opening"] for r in result["placements"]}

    def one(figure):
        vals = [t.strip() for a, t in figs if a.get("data-figure") == figure]
        check(len(vals) == 1, "%s: one %s figure (%d)" % (name, figure, len(vals)))
        return vals[0] if vals else ""

    check(one("placed") == str(len(result["placements"])), "%s: placed" % name)
    check(one("residents") == str(len(citizens)), "%s: residents" % name)
    check(one("rate") == percent(len(result["placements"]) / max(1, len(citizens)), lang), "%s: rate" % name)

    # Target group x area cells, recounted from citizens.csv and the JSON's placements.
    want = {}
    for c in citizens:
        g = c.get("target_group") or "OTHER"
        for key in ((g, c["area"]), (g, ""), ("", c["area"]), ("", "")):
            r, p_ = want.get(key, (0, 0))
            want[key] = (r + 1, p_ + (c["id"] in placed_ids))
    cells = {}
    for a, t in figs:
        if "data-group" in a:
            m = re.match(r"\s*(\d+) / (\d+)", t)
            check(m is not None, "%s: cell text %r" % (name, t))
            if m and (m.group(1), m.group(2)) != ("0", "0"):  # a group with nobody in an area
                cells[(a["data-group"], a["data-area"])] = (int(m.group(2)), int(m.group(1)))
    diff = sorted(set(cells.items()) ^ set(want.items()))[:6]
    check(cells == want, "%s: target group x area cells (%d cells, want %d; differing %s)"
          % (name, len(cells), len(want), diff))

    # Placements by kind, unplaced by reason.
    kinds = {}
    for o in placed_ids.values():
        k = openings[o]["kind"].strip().lower()
        kinds[k] = kinds.get(k, 0) + 1
    got = {a["data-code"]: int(t) for a, t in figs if a.get("data-figure") == "kind"}
    check({k: v for k, v in got.items() if v} == kinds, "%s: placements by kind %s vs %s" % (name, got, kinds))
    reasons = {}
    for u in result["unplaced"]:
        reasons[u["reason_code"]] = reasons.get(u["reason_code"], 0) + 1
    got = {a["data-code"]: int(t) for a, t in figs if a.get("data-figure") == "unplaced"}
    check(got == reasons, "%s: unplaced by reason %s vs %s" % (name, got, reasons))

    if previous:
        with open(previous, encoding="utf-8") as f:
            before = {r["citizen"]: r["opening"] for r in json.load(f)["placements"]}
        ids = {c["id"] for c in citizens}
        want_changes = {}
        for c in sorted(set(before) | set(placed_ids)):
            b, a = before.get(c), placed_ids.get(c)
            if b == a:
                continue
            want_changes[c] = "gone" if c not in ids else "placed" if b is None else "unplaced" if a is None else "moved"
        rows = [(a["data-change"], a.get("data-citizen", "")) for a, t in figs if "data-change" in a]
        got_changes = {cid: change for change, cid in rows}
        shown = min(60, len(want_changes))
        check(len(rows) == shown and all(want_changes.get(c) == ch for c, ch in got_changes.items()),
              "%s: changes (%d rows, want %d)" % (name, len(rows), shown))

    # Screenshot: not blank (many colours, much of the page not background).
    shot = os.path.join(tmp, name + ".png")
    s = chromium(tmp, "--screenshot=" + shot, "--window-size=900,1400", "--hide-scrollbars", "file://" + out_html)
    check(s.returncode == 0 and os.path.exists(shot), "%s: screenshot" % name)
    if os.path.exists(shot):
        rows = png_pixels(shot)
        colours, ink = set(), 0
        for row in rows[::4]:
            for px in row[::4]:
                colours.add(px)
                ink += px != (255, 255, 255) and px != (244, 246, 248)
        total = len(rows[::4]) * len(rows[0][::4])
        check(len(colours) > 40 and ink > total // 50, "%s: screenshot not blank (%d colours, %d of %d inked)"
              % (name, len(colours), ink, total))
    return result


with tempfile.TemporaryDirectory() as tmp:
    check_report(tmp, SAMPLE, "da", name="sample-da")
    gen = os.path.join(tmp, "gen")
    run("generate", "--citizens", "300", "--openings", "90", "--seed", "9", gen)
    prev = os.path.join(tmp, "prev.json")
    run("match", gen, "--objective", "score", "--quiet", "--json", prev)
    check_report(tmp, gen, "en", previous=prev, name="generated-en")

    # Bad input: exit 2 and no file; an instance with no residents gives a sensible report.
    bad = os.path.join(tmp, "bad.html")
    for args in (["--goal", "0"], ["--goal", "1.5"], ["--goal", "x"], ["--lang", "de"], ["--baseline", "-0.1"]):
        p = run("report", SAMPLE, "--html", bad, *args)
        check(p.returncode == 2 and not os.path.exists(bad), "report %s: exit %d" % (args, p.returncode))
    p = run("report", SAMPLE, "--html", os.path.join(tmp, "missing", "r.html"))
    check(p.returncode == 2 and "missing" in p.stderr, "report into a missing folder: exit %d" % p.returncode)
    junk = os.path.join(tmp, "junk.json")
    with open(junk, "w") as f:
        f.write("{not json")
    p = run("report", SAMPLE, "--html", bad, "--previous", junk)
    check(p.returncode == 2 and "junk.json:0: file: " in p.stderr and not os.path.exists(bad),
          "report --previous junk: exit %d %s" % (p.returncode, p.stderr))
    empty = os.path.join(tmp, "empty")
    os.makedirs(empty)
    for n in ("areas", "companies", "openings", "mentors"):
        with open(os.path.join(SAMPLE, n + ".csv"), encoding="utf-8") as f, \
                open(os.path.join(empty, n + ".csv"), "w", encoding="utf-8") as g:
            g.write(f.read())
    with open(os.path.join(SAMPLE, "citizens.csv"), encoding="utf-8") as f, \
            open(os.path.join(empty, "citizens.csv"), "w", encoding="utf-8") as g:
        g.write(f.readline())
    p = run("report", empty, "--html", os.path.join(tmp, "empty.html"))
    check(p.returncode == 0 and os.path.getsize(os.path.join(tmp, "empty.html")) > 1000,
          "report of no residents: exit %d %s" % (p.returncode, p.stderr[:200]))

pmtest.finish()
