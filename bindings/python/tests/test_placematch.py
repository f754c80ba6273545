"""The Python module, used as another program would: load, validate, candidates as numpy
arrays, match. Oracles: the contract's data read with Python's own csv module, a brute
force over every plan of tiny instances, and the command line's messages for the same file."""
import csv
import itertools
import json
import os
import pathlib
import subprocess

import numpy as np
import pytest

import placematch

SOURCE = pathlib.Path(os.environ.get("PLACEMATCH_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[3]))
SONDERBORG = SOURCE / "data" / "sonderborg"


def test_version_is_the_projects():
    assert placematch.__version__ == os.environ.get("PLACEMATCH_PROJECT_VERSION", placematch.__version__)


def test_enums_are_enums():
    assert placematch.Objective.SCORE != placematch.Objective.PLACEMENTS
    assert placematch.Status.OPTIMAL.name == "OPTIMAL"
    assert int(placematch.OpeningKind.SMALL_JOB) == 1


def test_match_keeps_every_rule_read_independently():
    inst = placematch.load(str(SONDERBORG))
    assert inst.num_citizens == 265
    assert placematch.validate(inst) == []
    g = placematch.candidates(inst, threads=1)
    assert g.citizen.dtype == np.int32 and g.opening.dtype == np.int32
    assert g.score.dtype == np.float64 and g.offsets.dtype == np.int64
    assert len(g.citizen) == len(g.opening) == len(g.score) == g.num_pairs
    assert np.all((g.score >= 0) & (g.score <= 1))
    assert np.all(np.diff(g.citizen) >= 0)
    r = placematch.match(inst, threads=1)
    assert r.status == placematch.Status.OPTIMAL and r.optimal
    assert r.placed == len(r.placements) == r.bound_placed
    assert r.placed + len(r.unplaced) == inst.num_citizens
    # Seats, read from openings.csv by Python itself.
    with open(SONDERBORG / "openings.csv", newline="") as f:
        seats = {row["id"]: int(row["seats"] or 1) for row in csv.DictReader(f)}
    used = {}
    for p in r.placements:
        used[p["opening"]] = used.get(p["opening"], 0) + 1
    assert all(used[o] <= seats[o] for o in used)
    assert len({p["citizen"] for p in r.placements}) == r.placed
    # Every placement is a candidate pair, with its score; the total is their sum.
    cids, oids = inst.citizen_ids, inst.opening_ids
    pair_score = {(cids[c], oids[o]): s for c, o, s in zip(g.citizen, g.opening, g.score_millionths)}
    total = 0
    for p in r.placements:
        assert (p["citizen"], p["opening"]) in pair_score
        total += pair_score[(p["citizen"], p["opening"])]
    assert total == r.score_millionths
    # citizen_opening agrees with the placements
    choice = r.citizen_opening
    assert choice.dtype == np.int32 and int((choice >= 0).sum()) == r.placed
    # The same plan for any thread count.
    r2 = placematch.match(inst, threads=2)
    assert np.array_equal(r2.citizen_opening, choice)
    j = json.loads(r.to_json())
    assert j["format"] == "placematch-result/2" and j["placematch_version"] == placematch.__version__
    assert j["objective"]["placed"] == r.placed


def tiny(seed):
    """A tiny instance (no mentors, no reasonableness rule) from the tests' seeded LCG."""
    state = seed

    def rnd(n):
        nonlocal state
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        return (state >> 33) % n

    comps = ["forklift", "danish", "care"]
    data = {
        "areas": [{"id": "a", "lat": 54.91, "lon": 9.79}],
        "companies": [{"id": f"k{k}", "lat": 54.91 + rnd(10) / 1000, "lon": 9.79, "sector": "retail"} for k in range(2)],
        "openings": [],
        "citizens": [],
    }
    for o in range(3):
        data["openings"].append({"id": f"o{o}", "company": f"k{rnd(2)}", "kind": "small_job", "seats": 1 + rnd(2),
                                 "hours_min": 5, "hours_max": 20,
                                 "desires": [f"{c}:{1 + rnd(5)}" for c in comps if rnd(2)]})
    for c in range(5):
        data["citizens"].append({"id": f"c{c}", "area": "a", "age": 20 + rnd(40), "hours": 8 + rnd(10),
                                 "max_km": 1 + rnd(5), "competences": [f"{x}:{1 + rnd(5)}" for x in comps if rnd(2)],
                                 "interests": ["retail"] if rnd(2) else []})
    return data


def test_match_equals_brute_force_on_tiny_instances():
    for seed in range(1, 9):
        data = tiny(seed)
        inst = placematch.Instance.from_dict(data)
        g = placematch.candidates(inst)
        seat_of = {i: d.get("seats", 1) for i, d in enumerate(data["openings"])}
        best = (0, 0)
        options = [[None] + list(range(g.offsets[c], g.offsets[c + 1])) for c in range(inst.num_citizens)]
        for choice in itertools.product(*options):
            used = {}
            placed = score = 0
            for e in choice:
                if e is None:
                    continue
                o = int(g.opening[e])
                used[o] = used.get(o, 0) + 1
                placed += 1
                score += int(g.score_millionths[e])
            if all(used[o] <= seat_of[o] for o in used):
                best = max(best, (placed, score))
        r = placematch.match(inst)
        assert (r.placed, r.score_millionths) == best, seed
        r = placematch.match(inst, objective=placematch.Objective.SCORE)
        assert r.objective == placematch.Objective.SCORE


def test_input_errors_carry_the_command_lines_messages(tmp_path):
    data = tiny(3)
    data["citizens"][1]["max_km"] = -3
    data["citizens"][2]["area"] = "nowhere"
    data["openings"][0]["kind"] = "party"
    with pytest.raises(placematch.InputError) as info:
        placematch.Instance.from_dict(data)
    errors = info.value.errors
    assert len(errors) == 3
    assert isinstance(info.value, ValueError)
    # The same file through the command line: the same lines.
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(data))
    cli = os.environ.get("PLACEMATCH_CLI")
    if cli:
        out = subprocess.run([cli, "validate", str(path)], capture_output=True, text=True)
        assert out.returncode == 2
        assert out.stderr.splitlines() == errors
    with pytest.raises(placematch.InputError) as info2:
        placematch.load(str(path))
    assert info2.value.errors == errors
    assert errors[0].startswith("instance.json:citizens[1]: max_km: ")


def test_missing_path_and_misuse():
    with pytest.raises(placematch.InputError) as info:
        placematch.load("/nonexistent/placematch")
    assert info.value.errors[0].startswith("/nonexistent/placematch:0: file: ")
    inst = placematch.Instance.from_dict(tiny(1))
    with pytest.raises(IndexError, match="opening index 3 out of range"):
        inst.opening_kind(3)
    assert inst.opening_kind(0) == placematch.OpeningKind.SMALL_JOB
    with pytest.raises(ValueError):
        placematch.match(inst, threads=-1)
    with pytest.raises(TypeError):
        placematch.match(inst, objective="score")
