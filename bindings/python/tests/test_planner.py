"""The warm Planner through the Python module: suggest, why, re-plan, pin/forbid/unpin,
what-if and snapshots. Each answer is checked against another answer of the library
computed independently through the binding: a suggestion's cost against the re-plan with
the pair pinned on a fresh planner, a what-if seat step against match() of the instance
with that seat added, a warm plan against a cold one."""
import json
import os

import pytest

import placematch


def instance(seed, citizens=60, openings=20):
    return placematch.generate(citizens=citizens, openings=openings, seed=seed)


def pairs(result):
    return {(p["citizen"], p["opening"]) for p in result.placements}


def with_change(inst, change):
    data = json.loads(inst.to_json())
    change(data)
    return placematch.Instance.from_dict(data)


def test_suggest_cost_is_the_replan_with_the_pin():
    checked = 0
    for seed in (3, 4, 5):
        inst = instance(seed)
        planner = placematch.Planner(inst, threads=1)
        p = planner.plan()
        assert p.status == placematch.Status.OPTIMAL
        for opening in inst.opening_ids[:8]:
            doc = planner.suggest(opening=opening, top=0)
            assert doc["format"] == "placematch-suggest/1"
            for s in doc["suggestions"]:
                if s["in_plan"] or not s["possible"] or checked > 40:
                    continue
                q = placematch.Planner(inst, threads=1).pin(s["citizen"], opening)
                assert (s["citizen"], opening) in pairs(q)
                cost = s["cost"]
                assert cost["placed"] == p.placed - q.placed
                assert round(cost["score"] * 1e6) == p.score_millionths - q.score_millionths
                assert cost["moved"] == len(pairs(p) - pairs(q))
                assert {c["citizen"] for c in s["changes"]} == {c["citizen"] for c in q.changes}
                checked += 1
    assert checked > 5


def test_prepared_planner_answers_as_an_unprepared_one():
    for seed in (3, 6):
        inst = instance(seed)
        plain = placematch.Planner(inst, threads=1)
        prepared = placematch.Planner(inst, threads=1)
        prepared.prepare_questions()
        for opening in inst.opening_ids[:6]:
            a = plain.suggest(opening=opening, top=0)["suggestions"]
            b = prepared.suggest(opening=opening, top=0)["suggestions"]
            assert [(s["citizen"], s["possible"], s.get("cost")) for s in a] == \
                [(s["citizen"], s["possible"], s.get("cost")) for s in b]


def test_why_agrees_with_the_plan_candidates_and_suggest():
    inst = instance(6)
    planner = placematch.Planner(inst, threads=1)
    p = planner.plan()
    g = placematch.candidates(inst)
    cids, oids = inst.citizen_ids, inst.opening_ids
    feasible = {(cids[c], oids[o]) for c, o in zip(g.citizen, g.opening)}
    reasons = {u["citizen"]: u["reason_code"] for u in p.unplaced}
    for citizen in cids[:15]:
        w = planner.why(citizen)
        assert w["format"] == "placematch-why/1" and w["citizen"] == citizen
        if citizen in reasons:
            assert w["placed"] is None and w["reason_code"] == reasons[citizen]
        else:
            assert w["placed"]["opening"] in {o for (c, o) in pairs(p) if c == citizen}
    # With an opening: infeasible pairs list their rules, feasible ones are priced as suggest prices them.
    citizen = cids[0]
    for opening in oids:
        row = planner.why(citizen, opening=opening)["openings"][0]
        assert row["feasible"] == ((citizen, opening) in feasible)
        if not row["feasible"]:
            assert row["rules"] and all(r["rule"] and r["message"] for r in row["rules"])
        elif not row["in_plan"] and row["possible"]:
            s = [x for x in planner.suggest(citizen=citizen, top=0)["suggestions"] if x["opening"] == opening]
            assert s[0]["cost"] == row["cost"]


def test_replan_keeps_an_earlier_plan_and_reports_changes():
    inst = instance(7)
    planner = placematch.Planner(inst, threads=1)
    p = planner.plan()
    r = planner.replan(p)
    assert r.previous == {"placements": p.placed, "kept": p.placed, "still_feasible": p.placed}
    assert r.changes == []
    assert r.to_dict()["previous"]["kept"] == p.placed
    # A list of dicts with a citizen no longer there: a `gone` change.
    earlier = [{"citizen": "nobody", "opening": inst.opening_ids[0]}] + [
        {"citizen": c, "opening": o} for (c, o) in sorted(pairs(p))]
    r = planner.replan(earlier)
    assert [c for c in r.changes if c["change"] == "gone"] == [
        {"citizen": "nobody", "before": inst.opening_ids[0], "after": None, "change": "gone"}]


def test_forbid_and_unpin_replan_against_the_current_plan():
    inst = instance(8)
    planner = placematch.Planner(inst, threads=1)
    p = planner.plan()
    citizen, opening = sorted(pairs(p))[0]
    r = planner.forbid(citizen, opening)
    assert (citizen, opening) not in pairs(r)
    # The most placements with the forbid, computed independently by match().
    forbidden = with_change(inst, lambda d: d.setdefault("decisions", []).append(
        {"citizen": citizen, "opening": opening, "decision": "forbid"}))
    assert r.placed == placematch.match(forbidden).placed
    assert any(c["citizen"] == citizen for c in r.changes)
    # The planner now plans the changed instance; unpin removes the forbid again.
    assert planner.plan().placed == r.placed
    back = planner.unpin(citizen, opening)
    assert back.placed == p.placed


def test_whatif_steps_are_the_optimum_of_the_changed_instance():
    inst = instance(9, citizens=80, openings=15)
    w = placematch.whatif(inst, seats=2)
    assert w["today"]["placed"] == placematch.match(inst).placed
    assert w["ceiling"]["placed"] >= w["today"]["placed"]
    assert 1 <= len(w["seats"]) <= 2
    first = w["seats"][0]

    def add_seat(d):
        for o in d["openings"]:
            if o["id"] == first["opening"]:
                o["seats"] = first["seats"]
    m = placematch.match(with_change(inst, add_seat))
    assert (m.placed, m.score_millionths) == (first["placed"], round(first["score"] * 1e6))
    with pytest.raises(ValueError):
        placematch.whatif(inst, target=1.5)


def test_whatif_proposed_openings_each_the_optimum_with_it_alone(tmp_path):
    inst = instance(11, citizens=80, openings=12)
    data = json.loads(inst.to_json())
    today = len(data["openings"])
    # Two proposals: copies of today's first two openings under new ids, one seat each.
    proposed = []
    for k, o in enumerate(data["openings"][:2]):
        p = dict(o)
        p["id"] = "new%d" % k
        p["seats"] = 1
        proposed.append(p)
    data["openings"] = data["openings"] + proposed
    extended = placematch.Instance.from_dict(data)
    w = placematch.whatif(extended, first_proposed=today)
    base = placematch.match(inst)
    assert w["today"]["placed"] == base.placed
    assert sorted(g["opening"] for g in w["openings"]) == ["new0", "new1"]
    for g in w["openings"]:
        # Independently: today's instance with this proposal alone, matched from scratch.
        alone = json.loads(inst.to_json())
        alone["openings"].append(next(p for p in proposed if p["id"] == g["opening"]))
        m = placematch.match(placematch.Instance.from_dict(alone))
        assert (g["placed"], round(g["score"] * 1e6)) == (m.placed, m.score_millionths)
        assert g["gain"]["placed"] == m.placed - base.placed
    with pytest.raises(IndexError):
        placematch.whatif(extended, first_proposed=today + 3)


def test_load_with_openings_reads_the_proposals_file(tmp_path):
    sample = os.path.join(os.path.dirname(__file__), "..", "..", "..", "data", "sonderborg")
    inst = placematch.load(sample)
    header = open(os.path.join(sample, "openings.csv"), encoding="utf-8").readline()
    row = open(os.path.join(sample, "openings.csv"), encoding="utf-8").readlines()[1]
    cells = row.rstrip("\n").split(",")
    cells[0] = "proposed1"
    path = tmp_path / "proposed.csv"
    path.write_text(header + ",".join(cells) + "\n", encoding="utf-8")
    extended, first_proposed = placematch.load_with_openings(sample, str(path))
    assert first_proposed == len(json.loads(inst.to_json())["openings"])
    assert json.loads(extended.to_json())["openings"][first_proposed]["id"] == "proposed1"
    bad = tmp_path / "bad.csv"
    bad.write_text(header + ",".join([row.split(",")[0]] + cells[1:]) + "\n", encoding="utf-8")
    with pytest.raises(placematch.InputError) as e:
        placematch.load_with_openings(sample, str(bad))
    assert "bad.csv:2" in str(e.value)


def test_snapshots_round_trip_warm_and_refuse_damage(tmp_path):
    inst = instance(10)
    planner = placematch.Planner(inst, threads=1)
    p = planner.plan()
    snap = planner.snapshot()
    assert isinstance(snap, bytes) and snap.startswith(b"placematch-snap\0")
    again = placematch.Planner.from_snapshot(snap, threads=1)
    assert again.instance.citizen_ids == inst.citizen_ids
    assert (again.plan().placed, again.plan().score_millionths) == (p.placed, p.score_millionths)
    path = tmp_path / "state.pms"
    planner.save(str(path))
    assert path.read_bytes()[:16] == snap[:16]
    # Warm from the snapshot on a changed instance: the value and status of a cold match.
    changed = with_change(inst, lambda d: [o.update(seats=o.get("seats", 1) + 1) for o in d["openings"][:5]])
    warm = placematch.Planner(changed, threads=1)
    warm.warm_start(str(path))
    cold = placematch.match(changed, threads=1)
    assert (warm.plan().status, warm.plan().placed, warm.plan().score_millionths) == (
        cold.status, cold.placed, cold.score_millionths)
    # Damage: a located input error, never a crash.
    for bad in (snap[:-1], snap[:20], snap[:100] + bytes([snap[100] ^ 1]) + snap[101:], b"{}"):
        with pytest.raises(placematch.InputError) as info:
            placematch.Planner.from_snapshot(bad)
        assert info.value.errors[0].startswith("snapshot:0: file: ")
    with pytest.raises(placematch.InputError) as info:
        warm.warm_start(str(tmp_path / "missing.pms"))
    assert info.value.errors[0].startswith("missing.pms:0: file: ")


def test_misuse_names_the_element():
    inst = instance(11)
    planner = placematch.Planner(inst, threads=1)
    with pytest.raises(KeyError, match='no citizen "nobody"'):
        planner.why("nobody")
    with pytest.raises(IndexError, match="citizen index 100000 out of range"):
        planner.why(100000)
    with pytest.raises(IndexError, match="opening index -1 out of range"):
        planner.suggest(opening=-1)
    with pytest.raises(ValueError, match="exactly one"):
        planner.suggest(opening=0, citizen=0)
    with pytest.raises(TypeError):
        planner.why(1.5)
    # A pin that cannot hold is an input error, and the planner keeps its plan.
    placed = planner.plan().placed
    g = placematch.candidates(inst)
    feasible = {(int(c), int(o)) for c, o in zip(g.citizen, g.opening)}
    bad = next((c, o) for c in range(inst.num_citizens) for o in range(inst.num_openings) if (c, o) not in feasible)
    with pytest.raises(placematch.InputError):
        planner.pin(*bad)
    assert planner.plan().placed == placed
