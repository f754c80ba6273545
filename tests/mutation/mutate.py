#!/usr/bin/python3
"""Mutation testing: does the test suite catch plausible one-line bugs?

Each mutation below changes one line of product code (the `old` text, which must occur
exactly once in its file, becomes `new`). Each is applied alone, in a scratch copy of
the tree (never the real one), rebuilt incrementally, and the test suite is run; the
suite must fail. A mutation the suite does not catch is a survivor and fails the run.

    tests/mutation/mutate.py [--build-dir DIR] [--only N,...] [--jobs N]
    tests/mutation/mutate.py --check-anchors     # each `old` text is still there, once

The scratch copy and its build live in DIR (default build-mutation); object files are
reused between runs and mutants (only the mutated file and the links are redone). First
the unmutated suite must pass. Per mutant the GoogleTest suite runs with --gtest_fail_fast
(the suites named in `first` run before the rest, so a mutant usually dies in seconds);
when it survives the whole suite, the contract's conformance kit runs too. A mutant that
does not compile is an error of this list, not a catch. A hang counts as caught after
PLACEMATCH_MUTANT_TIMEOUT seconds (default 300: the suite's own ctest timeout).
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# (file, old, new, what the bug is, GoogleTest filter to run first)
MUTATIONS = [
    # Rules (src/rules/rules.cpp)
    ("src/rules/rules.cpp", "return km <= c.max_km + kEps;", "return km <= c.max_km;",
     "rules: distance tolerance dropped", "CaughtBugs.*:RulesTest.*"),
    ("src/rules/rules.cpp", "return lo <= hi + kEps;", "return lo < hi;",
     "rules: hours bands sharing an end do not overlap", "RulesTest.*"),
    ("src/rules/rules.cpp", "if (held < need.level) return need;", "if (held + 1 < need.level) return need;",
     "rules: a competence one level short accepted", "RulesTest.*:Broken.*"),
    ("src/rules/rules.cpp", "if (lim->code == b.code && b.level > lim->level) return b;",
     "if (lim->code == b.code && b.level > lim->level + 1) return b;",
     "rules: a barrier one over its limit accepted", "RulesTest.*:Broken.*"),
    ("src/rules/rules.cpp", "if (o.age_max && c.age > *o.age_max) return false;", "",
     "rules: age_max ignored", "RulesTest.*:Candidates*"),
    ("src/rules/rules.cpp", "if (o.kind == OpeningKind::LeisureJob && (c.age < 13 || c.age > 17)) return false;",
     "if (o.kind == OpeningKind::LeisureJob && (c.age < 13 || c.age > 18)) return false;",
     "rules: an 18-year-old in a leisure job", "RulesTest.*:Candidates*"),
    # Candidates (src/candidates/candidates.cpp): their own implementation of the rules
    ("src/candidates/candidates.cpp", "const double max_km = c.max_km + 1e-9;", "const double max_km = c.max_km;",
     "candidates: distance tolerance dropped", "CaughtBugs.*:RulesTest.*"),
    ("src/candidates/candidates.cpp", "<= std::min(c_hi, r.hours_max) + 1e-9;", "< std::min(c_hi, r.hours_max);",
     "candidates: hours bands sharing an end do not overlap", "RulesTest.*:Candidates*"),
    # Scoring (src/candidates/scoring.cpp)
    ("src/candidates/scoring.cpp", "out[1] = max_km_ > 0 ? clip01(1.0 - km / max_km_) : 0.0;",
     "out[1] = max_km_ > 0 ? clip01(1.0 - km / (2 * max_km_)) : 0.0;",
     "scoring: distance component halved", "Scoring*"),
    ("src/candidates/scoring.cpp", "const double months = std::min(1.0, c.months_unemployed / 24.0);",
     "const double months = std::min(1.0, c.months_unemployed / 12.0);",
     "scoring: priority saturates after 12 months", "Scoring*"),
    # Loaders (src/io)
    ("src/io/load_common.cpp", 'c.age = row.integer("age", 13, 70).value_or(0);',
     'c.age = row.integer("age", 13, 71).value_or(0);',
     "loader: a citizen aged 71 accepted", "LoadInstance*"),
    ("src/io/csv.cpp", "            cell += '\"';\n            pos_ += 2;", "            cell += '\"';\n            pos_ += 1;",
     "CSV reader: an escaped quote read as two", "Csv*"),
    ("src/io/load_csv.cpp", "if (cell.find_first_not_of(\" \\t\") == std::string::npos) continue;  // empty: not given",
     "if (cell.empty()) continue;  // empty: not given",
     "CSV loader: a cell of spaces taken as given", "LoadInstance*"),
    # Flow core (src/engine/flow_core.cpp)
    ("src/engine/flow_core.cpp", "if (static_cast<std::int32_t>(list.size()) < seats[o]) {",
     "if (static_cast<std::int32_t>(list.size()) <= seats[o]) {",
     "flow core: an opening takes one more than its seats", "Flow*"),
    # (Not "the root's potential too low", std::max -> std::min in queue_root: that one is
    # equivalent. Every arc out of the root changes its reduced cost by the same constant,
    # so every distance of the search and D shift alike, p += d - D moves every potential
    # as before, and the root ends at p - D either way: no test can tell.)
    ("src/engine/flow_core.cpp", "for (Index c : list) relax(c, du - own_cost[c] + pu - pot[c], u, kNone);",
     "for (Index c : list) relax(c, du + own_cost[c] + pu - pot[c], u, kNone);",
     "flow core: a member's way back to its opening costed with the wrong sign", "Flow*"),
    ("src/engine/flow_core.cpp", "if (!ok) {  // broken potentials: start afresh", "if (false) {  // broken potentials: start afresh",
     "flow core: the warm re-solve never falls back to a cold solve", "FlowWarmStart.*"),
    ("src/engine/flow_core.cpp", "if (price_arcs(round >= kRounds) == 0) return certified();",
     "if (price_arcs(round >= kRounds) == 0) return true;",
     "flow core: the optimality check always passes", "FlowWarmStart.*"),
    ("src/engine/flow_core.cpp",
     "if (i >= 0 && packed_[at(i)].cost != kDeadCost) packed_[at(i)].cost = big_m_ - input.weight[at(e)];",
     "(void)i;",
     "flow core: the hinted arcs' packed costs left at their old weights", "FlowWarmStart.Hinted*"),
    ("src/engine/component_solver.cpp",
     "  weights_big_ = spare_big_ = -1;  // the next flows fill every weight again; each core compares them",
     "",
     "engine: a changed score (Matcher::set_score) left out of the flows' weights", "PoolBruteForce.WarmScore*"),
    ("src/engine/component_solver.cpp",
     "  if (known.valid && known.big == big_ && known.score_version == score_version_) {",
     "  if (known.valid) {",
     "engine: a flow core told only the repriced pools' arcs changed after a change of scores",
     "PoolBruteForce.WarmScore*"),
    ("src/engine/pool_lp.cpp",
     "  const bool rescored = input.score_version != score_version_ || input.scale != scale_;",
     "  const bool rescored = false;",
     "pool LP: a re-solve after a change of scores kept the old objective", "PoolLp.WarmReSolvesReachTheColdOptimumAfterChangedScores"),
    # Pool search (src/engine/lagrangian.cpp, repair.cpp)
    ("src/engine/lagrangian.cpp", "if (out.excess[k] > 0) out.violated = true;", "if (out.excess[k] > 1) out.violated = true;",
     "pool search: a pool one over its limit taken as kept", "EngineSteps.*:Pool*"),
    # (Not "value + 1 >= bound": one unit of the lexicographic weight, a millionth of a
    # score point, separates no instance the tests or users have; the slip below does.)
    ("src/engine/lagrangian.cpp", "if (priced.plan.value == priced.bound || zero) {  // complementary slackness: solved",
     "if (priced.plan.value <= priced.bound || zero) {  // complementary slackness: solved",
     "pool search: a feasible priced plan taken as optimal (no complementary slackness)", "EngineSteps.*:Pool*"),
    ("src/engine/branch_and_bound.cpp",
     "if (node.infeasible || !have_incumbent_ || node.bound > incumbent_.value) {",
     "if (node.infeasible || !have_incumbent_) {",
     "question re-solves: a root priced from kept prices taken as closed without its bound",
     "PlannerPricing.*:PlannerFloors.WarmFloors*"),
    ("src/engine/local_prices.cpp", "out[k] = std::llround(std::clamp(-y[pool_row[k]] * scale,",
     "out[k] = std::llround(std::clamp(y[pool_row[k]] * scale,",
     "question re-solves: the local LP's pool duals taken with the wrong sign (zero prices)",
     "PlannerPricing.SeveralPoolPairsAgreeWithWarmResolves"),
    ("src/planner/floors.cpp",
     "const std::int64_t unit = objective == Objective::Placements ? std::int64_t{problem.num_citizens} + 1 : 1;",
     "const std::int64_t unit = 1;",
     "floors' reduction pricing: a floor place worth one placement", "PlannerFloors.*"),
    ("src/engine/lagrangian.cpp", "lambda[k] = std::clamp<std::int64_t>(lambda[k] + d, 0, big_m_);",
     "lambda[k] = std::max<std::int64_t>(0, lambda[k] + d);",
     "pool search: subgradient prices unbounded above (weights leave the exact range)", "PoolBruteForce.*"),
    ("src/engine/repair.cpp", "for (std::int32_t drop = 0; drop < count[k] - p_.pool_limit[k]; ++drop) {",
     "for (std::int32_t drop = 1; drop < count[k] - p_.pool_limit[k]; ++drop) {",
     "pool search: the repair leaves a pool one over", "EngineSteps.*:Pool*"),
    # check_plan (src/plan/plan.cpp)
    ("src/plan/plan.cpp", "if (per_opening[o] > in.openings[o].seats)", "if (false && per_opening[o] > in.openings[o].seats)",
     "check_plan: seats not checked", "Broken.*"),
    ("src/plan/plan.cpp", "if (cap && capped[k] > std::max(0, *cap))", "if (false && cap && capped[k] > std::max(0, *cap))",
     "check_plan: reasonableness not checked", "Broken.*"),
    ("src/plan/plan.cpp", "if (!within_distance_km(c, km))", "if (false && !within_distance_km(c, km))",
     "check_plan: distance not re-checked", "Broken.*"),
    ("src/plan/plan.cpp", "else if (d.mentor != kNone && it->second != d.mentor) say(",
     "else if (false && d.mentor != kNone && it->second != d.mentor) say(",
     "check_plan: a pin's changed mentor not seen", "Broken.*"),
    # Naming mentors (src/plan/plan.cpp)
    ("src/plan/plan.cpp", "auto it = agreed.find({placements[p].citizen, placements[p].opening});",
     "auto it = agreed.end();",
     "naming: agreed mentors of pins ignored", "CaughtBugs.*"),
    ("src/plan/plan.cpp", "room[j] = std::max(0, in.mentors[at(mentors[j])].free_capacity());",
     "room[j] = std::max(0, in.mentors[at(mentors[j])].capacity);",
     "naming: a mentor's current load ignored", "Match*:Broken.*"),
]


def run(cmd, **kw):
    return subprocess.run(cmd, **kw)


def check_anchors(root):
    bad = 0
    for i, (path, old, new, what, _) in enumerate(MUTATIONS):
        if not os.path.isfile(os.path.join(root, path)):
            print(f"mutation {i} ({what}): no file {path}")
            bad += 1
            continue
        text = open(os.path.join(root, path), encoding="utf-8").read()
        n = text.count(old)
        if n != 1:
            print(f"mutation {i} ({what}): {path} holds its text {n} times, expected once:\n  {old!r}")
            bad += 1
        if old == new:
            print(f"mutation {i} ({what}): changes nothing")
            bad += 1
    if len(MUTATIONS) < 20:
        print(f"only {len(MUTATIONS)} mutations (at least 20 expected)")
        bad += 1
    print(f"{len(MUTATIONS)} mutations, {bad} problems")
    return bad == 0


def copy_tree(src, dst):
    """The tracked and untracked-but-not-ignored files of the tree, into dst (changed ones only)."""
    files = run(["git", "-C", src, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                check=True, capture_output=True).stdout.decode().split("\0")
    for rel in files:
        if not rel or rel.startswith("build"):
            continue
        s, d = os.path.join(src, rel), os.path.join(dst, rel)
        if not os.path.isfile(s):
            continue
        os.makedirs(os.path.dirname(d), exist_ok=True)
        if os.path.exists(d) and open(s, "rb").read() == open(d, "rb").read():
            continue
        shutil.copy2(s, d)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build-mutation"))
    ap.add_argument("--only", default="")
    ap.add_argument("--jobs", default=os.environ.get("PLACEMATCH_JOBS", "2"))
    ap.add_argument("--check-anchors", action="store_true")
    args = ap.parse_args()
    if not check_anchors(ROOT):
        return 1
    if args.check_anchors:
        return 0
    timeout = int(os.environ.get("PLACEMATCH_MUTANT_TIMEOUT", "300"))
    build_dir = os.path.abspath(args.build_dir)  # the suite runs in a folder of its own
    tree = os.path.join(build_dir, "tree")
    build = os.path.join(build_dir, "build")
    os.makedirs(tree, exist_ok=True)
    copy_tree(ROOT, tree)
    env = dict(os.environ)
    run(["cmake", "-S", tree, "-B", build, "-DCMAKE_BUILD_TYPE=Release", "-DCMAKE_CXX_FLAGS_RELEASE=-O1",
         "-DPLACEMATCH_BUILD_BENCHMARKS=OFF", "-DPLACEMATCH_BUILD_EXAMPLES=OFF",
         f"-DPLACEMATCH_CONFORMANCE={conformance_kit()}"],
        check=True, stdout=subprocess.DEVNULL)
    tests = os.path.join(build, "tests", "placematch_tests")

    def build_ok():
        r = run(["cmake", "--build", build, "-j", args.jobs, "--target", "placematch_tests", "placematch_cli"],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return r.returncode == 0, r.stderr.decode(errors="replace")[-3000:]

    def suite_fails(first):
        """True when the suite fails (the mutant is caught)."""
        scratch = os.path.join(build_dir, "scratch")
        os.makedirs(scratch, exist_ok=True)
        for flt in ([first, "-" + first] if first else ["*"]):
            try:
                r = run([tests, "--gtest_fail_fast", "--gtest_brief=1", f"--gtest_filter={flt}"],
                        cwd=scratch, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)
            except subprocess.TimeoutExpired:
                return True, "timeout"
            if r.returncode != 0:
                return True, flt
        kit = conformance_kit()
        if kit:
            r = run(["/usr/bin/python3", kit, os.path.join(build, "placematch")],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if r.returncode != 0:
                return True, "conformance kit"
        return False, ""

    print("== mutation testing: the unmutated suite", flush=True)
    ok, err = build_ok()
    if not ok:
        print(err)
        return 1
    failed, where = suite_fails("")
    if failed:
        print(f"the unmutated suite fails ({where}): fix it first")
        return 1
    chosen = [int(x) for x in args.only.split(",") if x] or range(len(MUTATIONS))
    survivors, errors = [], []
    for i in chosen:
        path, old, new, what, first = MUTATIONS[i]
        target = os.path.join(tree, path)
        original = open(target, encoding="utf-8").read()
        t0 = time.time()
        try:
            with open(target, "w", encoding="utf-8") as f:
                f.write(original.replace(old, new, 1))
            ok, err = build_ok()
            if not ok:
                errors.append(what)
                print(f"[{i:2}] ERROR (does not compile) {what}\n{err}", flush=True)
                continue
            caught, where = suite_fails(first)
        finally:
            with open(target, "w", encoding="utf-8") as f:
                f.write(original)
        print(f"[{i:2}] {'caught  ' if caught else 'SURVIVED'} {what}  ({where or 'whole suite'}, {time.time() - t0:.0f} s)",
              flush=True)
        if not caught:
            survivors.append(what)
    build_ok()  # leave the scratch build unmutated
    print(f"== {len(chosen) - len(survivors) - len(errors)} of {len(chosen)} mutations caught; "
          f"{len(survivors)} survived, {len(errors)} did not compile")
    return 0 if not survivors and not errors else 1


def conformance_kit():
    for p in (os.environ.get("PLACEMATCH_CONFORMANCE", ""), os.path.join(ROOT, "..", "shared", "conformance", "check"),
              "/work/shared/conformance/check"):
        if p and os.path.exists(p):
            return os.path.abspath(p)
    return ""


if __name__ == "__main__":
    sys.exit(main())
