// Floors (contract section 12): the plan against brute force over every plan of small
// random instances — least total shortfall first, then the objective — with the rules of
// section 3 (tests/brute_force_support.hpp) and the floors' arithmetic written again from
// the contract; and the floors file's located errors.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "brute_force_support.hpp"
#include "detail/floor_paths.hpp"
#include "placematch/io/files.hpp"
#include "placematch/plan/audit.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/report/report.hpp"
#include "placematch/rules/decisions.hpp"
#include "placematch/synth/generate.hpp"
#include "test_files.hpp"

using namespace placematch;
using namespace pmtest;

namespace {

std::size_t at(std::int64_t i) { return static_cast<std::size_t>(i); }

struct Value {
  std::int64_t shortfall = -1, placed = -1, score = -1;
};

bool better(const Value& a, const Value& b, Objective objective) {
  if (b.shortfall < 0) return true;
  if (a.shortfall != b.shortfall) return a.shortfall < b.shortfall;
  if (objective == Objective::Placements && a.placed != b.placed) return a.placed > b.placed;
  return a.score > b.score;
}

// Every floor's shortfall, from the contract: ceil(share x residents), placed counted here.
std::int64_t shortfall(const Instance& in, const std::vector<char>& placed) {
  std::int64_t total = 0;
  for (const Floor& f : in.floors) {
    std::int64_t residents = 0, got = 0;
    for (std::size_t c = 0; c < in.citizens.size(); ++c) {
      const bool member = f.scope == FloorScope::Group ? in.citizens[c].target_group == f.code : in.citizens[c].area == f.code;
      residents += member;
      got += member && placed[c];
    }
    const auto required = static_cast<std::int64_t>(std::ceil(f.min_share * static_cast<double>(residents) - 1e-9));
    total += std::max<std::int64_t>(0, required - got);
  }
  return total;
}

// A plan's value, its shortfall recomputed from its placements by the contract's rule.
Value value_of(const Instance& in, const Plan& p) {
  std::vector<char> placed(in.citizens.size());
  for (const Placement& x : p.placements) placed[at(x.citizen)] = 1;
  return {shortfall(in, placed), p.placed, p.score};
}

// What a plan with floors keeps against the brute force's optimum, proven or not: the
// shortfall it reports is its own, its shortfall bound a lower bound, and it is no better
// than the optimum.
void expect_within_optimum(const Plan& p, const Value& got, const Value& best, Objective objective) {
  EXPECT_EQ(p.floors->shortfall, got.shortfall);
  EXPECT_LE(p.floors->shortfall_bound, best.shortfall);  // a proven lower bound
  EXPECT_FALSE(better(got, best, objective));           // no plan better than the optimum
}

// The best plan over every plan that keeps section 3 (tests/brute_force_support.hpp):
// least shortfall, then the objective.
Value brute_force(const Instance& in, const CandidateGraph& g, Objective objective) {
  Value best;
  for_each_plan(in, g, [&](const std::vector<std::int64_t>& choice) {
    std::vector<char> placed(choice.size());
    Value v{0, 0, 0};
    for (std::size_t c = 0; c < choice.size(); ++c) {
      if (choice[c] < 0) continue;
      placed[c] = 1;
      ++v.placed;
      v.score += g.score[at(choice[c])];
    }
    v.shortfall = shortfall(in, placed);
    if (better(v, best, objective)) best = v;
  });
  return best;
}

struct Coverage {
  int instances = 0, proven = 0, floors_moved_plan = 0, with_floors = 0, met_without = 0;
  ~Coverage() {
    std::printf("floors coverage: %d instances, %d with floors, %d where floors change the optimum, %d proven, "
                "%d where the plan without floors meets floors that can fall short\n",
                instances, with_floors, floors_moved_plan, proven, met_without);
  }
};

// A small random instance where residents compete, with random floors of the given scopes;
// with `mentor_share` >= 0 that share of the residents needs a mentor (pools that bind).
Instance floors_instance(std::uint64_t seed, bool groups, bool areas, double mentor_share = -1) {
  Instance in = random_instance(seed, small_shape(7, 1));
  loosen_for_competition(in);
  Rng r(seed * 31 + 7);
  if (mentor_share >= 0)
    for (Citizen& c : in.citizens) c.needs_mentor = r.chance(mentor_share);
  const double shares[] = {0.0, 0.25, 0.34, 0.5, 0.75, 1.0};
  if (groups) {
    std::vector<CodeId> seen;
    for (const Citizen& c : in.citizens)
      if (std::find(seen.begin(), seen.end(), c.target_group) == seen.end()) seen.push_back(c.target_group);
    for (CodeId code : seen)
      if (r.chance(0.7)) in.floors.push_back({FloorScope::Group, code, shares[r.integer(0, 5)], "test"});
  }
  if (areas)
    for (Index a = 0; a < static_cast<Index>(in.areas.size()); ++a)
      if (r.chance(0.8)) in.floors.push_back({FloorScope::Area, a, shares[r.integer(0, 5)], "test"});
  in.finalize();
  // Maybe one pin, kept when the pin check accepts it.
  if (r.chance(0.4)) add_random_pin(in, r);
  return in;
}

void check(std::uint64_t seed, Objective objective, bool groups, bool areas, Coverage& cov) {
  SCOPED_TRACE("seed " + std::to_string(seed));
  const Instance in = floors_instance(seed, groups, areas);
  MatchOptions opt;
  opt.solve.objective = objective;
  opt.solve.threads = 1;
  const MatchResult r = match(in, opt);  // check_plan runs inside
  const Plan& p = r.plan;
  ASSERT_TRUE(check_plan(in, r.graph, p).empty());
  const Value best = brute_force(in, r.graph, objective);
  ASSERT_GE(best.shortfall, 0);
  const Value got = value_of(in, p);
  ++cov.instances;
  if (in.floors.empty()) return;
  ++cov.with_floors;
  ASSERT_TRUE(p.floors.has_value());
  expect_within_optimum(p, got, best, objective);
  // The price of the floors against the plan without floors.
  Instance bare = in;
  bare.floors.clear();
  const MatchResult without = match(bare, opt);
  EXPECT_EQ(p.floors->price_placed, without.plan.placed - p.placed);
  EXPECT_EQ(p.floors->price_score, without.plan.score - p.score);
  cov.floors_moved_plan += value_of(in, without.plan).shortfall > best.shortfall;
  // Floors that can fall short (placing nobody leaves one short) which the plan without
  // floors meets: plan_with_floors keeps that plan, proven, without solving the reduction.
  const bool can_fall_short = shortfall(in, std::vector<char>(in.citizens.size(), 0)) > 0;
  cov.met_without += can_fall_short && value_of(in, without.plan).shortfall == 0;
  // The reduction is exact: every plan is proven, with the brute force's value.
  EXPECT_EQ(p.status, Status::Optimal);
  cov.proven += p.status == Status::Optimal;
  EXPECT_EQ(got.shortfall, best.shortfall);
  EXPECT_EQ(p.floors->shortfall_bound, best.shortfall);
  if (objective == Objective::Placements) EXPECT_EQ(got.placed, best.placed);
  EXPECT_EQ(got.score, best.score);
}

// The best plan in the order of floors with the mentors' room unlimited: better than the
// instance's own optimum exactly when the mentor pools bind.
Value brute_force_without_pools(const Instance& in, const CandidateGraph& g, Objective objective) {
  Instance roomy = in;
  for (Mentor& m : roomy.mentors) {
    m.capacity = 99;
    m.carrying_now = 0;
  }
  return brute_force(roomy, g, objective);
}

struct ExactCoverage {
  int instances = 0, pools_bind = 0, floors_moved = 0, objective_gave_way = 0, orders_differ = 0;
  ~ExactCoverage() {
    std::printf("floors exact coverage: %d instances, %d with binding mentor pools, %d where floors change the "
                "optimum, %d where they cost objective, %d where (shortfall, score) places fewer\n",
                instances, pools_bind, floors_moved, objective_gave_way, orders_differ);
  }
};

// Group and area floors with binding mentor pools, on the given path: the plan must be the
// brute force's optimum in the order (shortfall, objective), proven, with the exact bound
// and price; and the shortfall tier comes first even where the objective prefers otherwise.
// The plan without floors on graph `g`, as match() makes it (engine, plan, status, bound).
MatchResult plan_without(const Instance& in, const CandidateGraph& g, const SolveOptions& options) {
  MatchResult r;
  r.graph = g;
  r.solution = solve(make_problem(in, g), options);
  r.plan = make_plan(in, g, r.solution.citizen_arc);
  r.plan.objective = options.objective;
  r.plan.status = r.solution.status;
  r.plan.bound_placed = r.solution.placed_bound;
  r.plan.bound_score = r.solution.score_bound;
  return r;
}

// `skew`: the candidate graph's scores redrawn, a few high and many low, so that one good
// placement often outscores two poor ones (the orders (shortfall, score) and (shortfall,
// placements, score) then differ).
void check_exact(std::uint64_t seed, Objective objective, detail::FloorPath path, ExactCoverage& cov,
                 bool skew = false, bool groups = true, bool areas = true, detail::FloorTrace* trace = nullptr) {
  SCOPED_TRACE("seed " + std::to_string(seed));
  const Instance in = floors_instance(seed, groups, areas, 0.6);
  MatchOptions opt;
  opt.solve.objective = objective;
  opt.solve.threads = 1;
  Instance bare = in;
  bare.floors.clear();
  CandidateGraph graph = build_candidates(in);
  if (skew) {
    Rng r(seed * 7 + 3);
    for (auto& score : graph.score) score = r.chance(0.3) ? r.integer(700'000, 1'000'000) : r.integer(0, 150'000);
  }
  const MatchResult without = plan_without(bare, graph, opt.solve);
  const CandidateGraph& g = without.graph;
  const Plan p = detail::plan_with_floors(in, g, without.plan, objective, opt.solve, path, trace);
  ASSERT_TRUE(check_plan(in, g, p).empty()) << check_plan(in, g, p).front();
  const Value best = brute_force(in, g, objective);
  ASSERT_GE(best.shortfall, 0);
  const Value got = value_of(in, p);
  ++cov.instances;
  ASSERT_TRUE(p.floors.has_value());
  EXPECT_EQ(p.status, Status::Optimal);
  EXPECT_EQ(got.shortfall, best.shortfall);
  EXPECT_EQ(p.floors->shortfall, best.shortfall);
  EXPECT_EQ(p.floors->shortfall_bound, best.shortfall);
  if (objective == Objective::Placements) EXPECT_EQ(got.placed, best.placed);
  EXPECT_EQ(got.score, best.score);
  EXPECT_EQ(p.floors->price_placed, without.plan.placed - p.placed);
  EXPECT_EQ(p.floors->price_score, without.plan.score - p.score);
  EXPECT_TRUE(p.floors->price_exact);
  // Coverage, from the brute force alone.
  const Value roomy = brute_force_without_pools(in, g, objective);
  cov.pools_bind += better(roomy, best, objective);
  cov.floors_moved += value_of(in, without.plan).shortfall > best.shortfall;
  if (objective == Objective::Placements)
    cov.orders_differ += brute_force(in, g, Objective::Score).placed < best.placed;
  const Best unfloored = best_plan(in, g, objective);
  const bool fewer = best.placed < unfloored.placed;
  const bool lower = best.score < unfloored.score;
  cov.objective_gave_way +=
      objective == Objective::Placements ? (fewer || (best.placed == unfloored.placed && lower)) : lower;
}

}  // namespace

TEST(FloorsBruteForce, GroupFloors) {
  Coverage cov;
  for (std::uint64_t seed = 1; seed <= 120; ++seed) check(seed, seed % 2 ? Objective::Placements : Objective::Score, true, false, cov);
  // The test must exercise what it claims: floors that change the plan, proofs.
  EXPECT_GE(cov.floors_moved_plan, 10);
  EXPECT_GE(cov.met_without, 10);
  EXPECT_GE(cov.proven * 10, cov.instances * 8);
}

TEST(FloorsBruteForce, AreaFloors) {
  Coverage cov;
  for (std::uint64_t seed = 201; seed <= 300; ++seed) check(seed, Objective::Placements, false, true, cov);
  EXPECT_GE(cov.floors_moved_plan, 5);
}

TEST(FloorsBruteForce, GroupAndAreaFloors) {
  Coverage cov;
  for (std::uint64_t seed = 401; seed <= 520; ++seed) check(seed, seed % 2 ? Objective::Placements : Objective::Score, true, true, cov);
  EXPECT_GE(cov.floors_moved_plan, 10);
  EXPECT_GE(cov.met_without, 10);
}

TEST(FloorsBruteForce, GroupAndAreaFloorsWithBindingPools) {
  ExactCoverage cov;
  for (std::uint64_t seed = 601; seed <= 700; ++seed)
    check_exact(seed, seed % 2 ? Objective::Placements : Objective::Score, detail::FloorPath::Auto, cov);
  EXPECT_GE(cov.pools_bind, 10);
  EXPECT_GE(cov.floors_moved, 10);
  EXPECT_GE(cov.objective_gave_way, 10);
}

// Skewed scores: the order (shortfall, score), which Auto solves first under Placements,
// often places fewer; its plan must then not be taken as the placements order's optimum.
TEST(FloorsBruteForce, SkewedScoresWithBindingPools) {
  ExactCoverage cov;
  for (std::uint64_t seed = 1201; seed <= 1400; ++seed)
    check_exact(seed, seed % 4 ? Objective::Placements : Objective::Score, detail::FloorPath::Auto, cov, true);
  EXPECT_GE(cov.orders_differ, 5);
  EXPECT_GE(cov.pools_bind, 5);
}

// The folded weights of the objective alone (Auto may prove a plan before them).
TEST(FloorsBruteForce, FoldedPathWithBindingPools) {
  ExactCoverage cov;
  for (std::uint64_t seed = 701; seed <= 780; ++seed)
    check_exact(seed, seed % 2 ? Objective::Placements : Objective::Score, detail::FloorPath::Folded, cov);
  EXPECT_GE(cov.pools_bind, 8);
  EXPECT_GE(cov.objective_gave_way, 8);
}

// The two-call path (taken when the folded weights leave the exact range) forced on small
// instances: the score on the first call's optimal face must be the same optimum.
TEST(FloorsBruteForce, TieredPathWithBindingPools) {
  ExactCoverage cov;
  for (std::uint64_t seed = 801; seed <= 880; ++seed)
    check_exact(seed, seed % 2 ? Objective::Placements : Objective::Score, detail::FloorPath::Tiered, cov);
  EXPECT_GE(cov.pools_bind, 8);
  EXPECT_GE(cov.objective_gave_way, 8);
}

// Floors of one scope with binding mentor pools, on every path: the reduction's floors are
// then its virtual openings' seats (floors.hpp), the mentor pools the engine's only limits
// beyond seats and caps. Group floors and area floors in turn, some instances pinned.
TEST(FloorsBruteForce, OneScopeWithBindingPools) {
  const detail::FloorPath paths[] = {detail::FloorPath::Auto, detail::FloorPath::Folded, detail::FloorPath::Tiered};
  ExactCoverage cov;
  for (std::uint64_t seed = 1501; seed <= 1800; ++seed)
    check_exact(seed, (seed / 2) % 2 ? Objective::Placements : Objective::Score, paths[(seed / 4) % 3], cov,
                seed % 5 == 0, seed % 2 == 0, seed % 2 == 1);
  EXPECT_GE(cov.pools_bind, 20);
  EXPECT_GE(cov.floors_moved, 20);
  EXPECT_GE(cov.objective_gave_way, 20);
}

// The floors priced on the original problem (the Lagrangian path, floors.hpp), then the
// reduction's paths where it does not prove its plan: every plan the brute force's optimum,
// proven. The trace counts the runs the priced path proved and those it gave way on, so the
// test fails if either never happens.
TEST(FloorsBruteForce, PricedPathFirstWithBindingPools) {
  ExactCoverage cov;
  detail::FloorTrace trace, capped;
  capped.max_priced_evaluations = 0;  // no call beyond the plan without floors: most runs give way
  for (std::uint64_t seed = 2001; seed <= 2160; ++seed)
    check_exact(seed, seed % 2 ? Objective::Placements : Objective::Score, detail::FloorPath::PricedFirst, cov,
                seed % 5 == 0, seed % 3 != 1, seed % 3 != 2, seed % 4 == 0 ? &capped : &trace);
  std::printf("floors priced: %lld evaluations, %lld runs proved, %lld gave way\n",
              static_cast<long long>(trace.priced_evaluations), static_cast<long long>(trace.priced_closed),
              static_cast<long long>(trace.priced_gave_way));
  std::printf("floors priced, one call: %lld runs proved, %lld gave way\n", static_cast<long long>(capped.priced_closed),
              static_cast<long long>(capped.priced_gave_way));
  EXPECT_GE(trace.priced_closed, 90);
  EXPECT_GE(capped.priced_gave_way, 10);
  EXPECT_GE(cov.pools_bind, 10);
  EXPECT_GE(cov.floors_moved, 10);
}

// The priced path alone: a plan it proves is the brute force's optimum; one it does not
// prove keeps the rules, and its shortfall bound holds.
TEST(FloorsBruteForce, PricedPathAlone) {
  int proven = 0, unproven = 0, moved = 0;
  for (std::uint64_t seed = 2201; seed <= 2440; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Instance in = floors_instance(seed, seed % 3 != 1, seed % 3 != 2, seed % 2 ? 0.6 : -1);
    const Objective objective = (seed / 2) % 2 ? Objective::Placements : Objective::Score;
    MatchOptions opt;
    opt.solve.objective = objective;
    opt.solve.threads = 1;
    Instance bare = in;
    bare.floors.clear();
    const MatchResult without = match(bare, opt);
    detail::FloorTrace trace;
    if (seed % 3 == 0) trace.max_priced_evaluations = 2;  // often stopped with a gap: then not proven
    const Plan p = detail::plan_with_floors(in, without.graph, without.plan, objective, opt.solve,
                                            detail::FloorPath::Priced, &trace);
    ASSERT_TRUE(check_plan(in, without.graph, p).empty());
    ASSERT_TRUE(p.floors.has_value());
    if (seed % 4 == 1) {  // the same plan whatever the thread count
      SolveOptions threads = opt.solve;
      threads.threads = 2;
      detail::FloorTrace again = trace;
      again.priced_closed = again.priced_gave_way = again.priced_evaluations = 0;
      const Plan q = detail::plan_with_floors(in, without.graph, without.plan, objective, threads,
                                              detail::FloorPath::Priced, &again);
      ASSERT_EQ(q.placements.size(), p.placements.size());
      for (std::size_t i = 0; i < p.placements.size(); ++i) EXPECT_EQ(q.placements[i].arc, p.placements[i].arc);
      EXPECT_EQ(q.status, p.status);
    }
    const Value best = brute_force(in, without.graph, objective);
    const Value got = value_of(in, p);
    expect_within_optimum(p, got, best, objective);
    if (value_of(in, without.plan).shortfall == best.shortfall) continue;  // the plan without floors may stand
    ++moved;
    if (p.status != Status::Optimal) {
      ++unproven;
      EXPECT_EQ(trace.priced_gave_way, 1);
      continue;
    }
    ++proven;
    EXPECT_EQ(trace.priced_closed, 1);
    EXPECT_EQ(got.shortfall, best.shortfall);
    if (objective == Objective::Placements) EXPECT_EQ(got.placed, best.placed);
    EXPECT_EQ(got.score, best.score);
  }
  std::printf("floors priced alone: %d where floors change the optimum, %d of them proven, %d not\n", moved, proven,
              unproven);
  EXPECT_GE(moved, 30);
  EXPECT_GE(proven, 20);
  EXPECT_GE(unproven, 5);
}

TEST(FloorsBruteForce, TieredPathOneScope) {
  int moved = 0;
  for (std::uint64_t seed = 901; seed <= 960; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Instance in = floors_instance(seed, seed % 2 == 0, seed % 2 == 1);
    MatchOptions opt;
    opt.solve.threads = 1;
    opt.solve.objective = seed % 3 ? Objective::Placements : Objective::Score;
    Instance bare = in;
    bare.floors.clear();
    const MatchResult without = match(bare, opt);
    const Plan p = detail::plan_with_floors(in, without.graph, without.plan, opt.solve.objective, opt.solve,
                                            detail::FloorPath::Tiered);
    const Value best = brute_force(in, without.graph, opt.solve.objective);
    EXPECT_EQ(p.status, Status::Optimal);
    EXPECT_EQ(value_of(in, p).shortfall, best.shortfall);
    if (opt.solve.objective == Objective::Placements) EXPECT_EQ(p.placed, best.placed);
    EXPECT_EQ(p.score, best.score);
    moved += value_of(in, without.plan).shortfall > best.shortfall;
  }
  EXPECT_GE(moved, 5);
}

// Stopped early by the work limit, a plan may be unproven; its bounds must still hold: the
// shortfall bound below the least shortfall, and when the plan reaches that bound, the
// objective bound above the best objective of the plans with the least shortfall.
TEST(FloorsBruteForce, BoundsHoldWhenStoppedEarly) {
  int unproven = 0, objective_bounded = 0;
  for (std::uint64_t seed = 1001; seed <= 1100; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Instance in = floors_instance(seed, true, true, 0.6);
    const Objective objective = seed % 2 ? Objective::Placements : Objective::Score;
    MatchOptions opt;
    opt.solve.objective = objective;
    opt.solve.threads = 1;
    Instance bare = in;
    bare.floors.clear();
    const MatchResult without = match(bare, opt);
    MatchOptions early = opt;
    early.solve.work_limit = 1;
    early.solve.lp_prices = false;
    early.solve.root_lagrangian_iterations = 1;
    const Plan p = plan_with_floors(in, without.graph, without.plan, objective, early.solve);
    ASSERT_TRUE(check_plan(in, without.graph, p).empty());
    ASSERT_TRUE(p.floors.has_value());
    const Value best = brute_force(in, without.graph, objective);
    EXPECT_LE(p.floors->shortfall_bound, best.shortfall);
    EXPECT_GE(p.floors->shortfall, best.shortfall);
    if (p.status == Status::Optimal) {
      EXPECT_EQ(p.floors->shortfall, best.shortfall);
      EXPECT_EQ(p.score, best.score);
      continue;
    }
    ++unproven;
    if (p.floors->shortfall != p.floors->shortfall_bound || !p.bound_score) continue;
    ++objective_bounded;
    if (objective == Objective::Placements) {
      ASSERT_TRUE(p.bound_placed.has_value());
      EXPECT_TRUE(*p.bound_placed > best.placed || (*p.bound_placed == best.placed && *p.bound_score >= best.score));
    } else {
      EXPECT_GE(*p.bound_score, best.score);
    }
  }
  std::printf("floors stopped early: %d unproven, %d with the objective bounded\n", unproven, objective_bounded);
  EXPECT_GE(unproven, 1);
}

TEST(Floors, FileErrorsAreLocated) {
  TempDir dir("floors", "errors");
  write_instance_csv(generate_sonderborg_sample(), dir.path());
  auto write = [&](const std::string& text) {
    std::ofstream(dir.path() / "floors.csv", std::ios::binary) << text;
  };
  auto errors = [&] {
    std::vector<std::string> out;
    for (const Diagnostic& d : load_instance(dir.path()).errors) out.push_back(d.str());
    return out;
  };
  write("scope,code,min_share\ngroup,6.3,0.3\narea,stenbjergparken,0.5\n");
  const LoadResult ok = load_instance(dir.path());
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok.instance->floors.size(), 2u);
  EXPECT_EQ(ok.instance->floors[0].required(70), 21);  // 0.3 x 70 is 21, not 22
  write("scope,code,min_share\ngroup,6.3,0.3\ngroup,6.3,0.4\narea,nowhere,0.5\ngroup,7.7,0.1\ngroup,6.1,1.5\nteam,6.1,0.2\n");
  const auto e = errors();
  ASSERT_EQ(e.size(), 5u);
  EXPECT_NE(e[0].find("floors.csv:3: code:"), std::string::npos) << e[0];
  EXPECT_NE(e[0].find("already given at line 2"), std::string::npos) << e[0];
  EXPECT_NE(e[1].find("floors.csv:4: code: unknown housing area"), std::string::npos) << e[1];
  EXPECT_NE(e[2].find("floors.csv:5: code: unknown target group"), std::string::npos) << e[2];
  EXPECT_NE(e[3].find("floors.csv:6: min_share: expected a number in [0, 1]"), std::string::npos) << e[3];
  EXPECT_NE(e[4].find("floors.csv:7: scope: expected group or area"), std::string::npos) << e[4];
}

TEST(Floors, ResultJsonAndTable) {
  Instance in = generate_sonderborg_sample();
  in.floors.push_back({FloorScope::Group, in.target_group_code("6.1"), 0.5, "test"});
  in.floors.push_back({FloorScope::Area, 0, 0.45, "test"});
  MatchOptions opt;
  opt.solve.threads = 1;
  const MatchResult r = match(in, opt);
  const auto j = nlohmann::json::parse(result_json(in, r.plan, RunStats{}));
  ASSERT_EQ(j["floors"].size(), 2u);
  // Recount the 6.1 floor from the JSON's placements.
  std::map<std::string, const Citizen*> by_id;
  for (const Citizen& c : in.citizens) by_id[c.id] = &c;
  std::int64_t residents = 0, placed = 0;
  for (const Citizen& c : in.citizens) residents += in.codes.name(c.target_group) == "6.1";
  for (const auto& p : j["placements"]) placed += in.codes.name(by_id.at(p["citizen"].get<std::string>())->target_group) == "6.1";
  EXPECT_EQ(j["floors"][0]["residents"].get<std::int64_t>(), residents);
  EXPECT_EQ(j["floors"][0]["required"].get<std::int64_t>(), (residents + 1) / 2);
  EXPECT_EQ(j["floors"][0]["placed"].get<std::int64_t>(), placed);
  EXPECT_EQ(j["floors"][0]["shortfall"].get<std::int64_t>(), std::max<std::int64_t>(0, (residents + 1) / 2 - placed));
  EXPECT_TRUE(j.contains("price_of_floors"));
  EXPECT_NE(plan_table(in, r.plan).find("price of the floors"), std::string::npos);
}

namespace {

// The priced path alone on one instance against the brute force: the plan keeps the rules,
// its shortfall and bound hold, and a plan it proves is the optimum in the order. `flat`:
// every pair's score the same (many plans tie, at every price vector); `all_or_nothing`:
// every floor asks for every resident of its group or area (most cannot be met).
// Returns whether the plan was proven.
bool check_priced_alone(std::uint64_t seed, bool flat, bool all_or_nothing, detail::FloorTrace& trace) {
  SCOPED_TRACE("seed " + std::to_string(seed));
  Instance in = flat ? floors_instance(seed, true, true, seed % 2 ? 0.6 : -1)
                     : floors_instance(seed, seed % 3 != 1, seed % 3 != 2, seed % 2 ? 0.6 : -1);
  if (all_or_nothing)
    for (Floor& f : in.floors) f.min_share = 1.0;
  const Objective objective = (seed / 2) % 2 ? Objective::Placements : Objective::Score;
  MatchOptions opt;
  opt.solve.objective = objective;
  opt.solve.threads = 1;
  CandidateGraph graph = build_candidates(in);
  if (flat)
    for (auto& score : graph.score) score = 500'000;
  Instance bare = in;
  bare.floors.clear();
  const MatchResult without = plan_without(bare, graph, opt.solve);
  trace.last_shortfall_bound = -1;
  const Plan p = detail::plan_with_floors(in, graph, without.plan, objective, opt.solve, detail::FloorPath::Priced,
                                          &trace);
  EXPECT_TRUE(check_plan(in, graph, p).empty());
  EXPECT_TRUE(p.floors.has_value());
  if (!p.floors) return false;
  const Value best = brute_force(in, graph, objective);
  EXPECT_LE(trace.last_shortfall_bound, best.shortfall);  // the least D's own bound, before a proof replaces it
  const Value got = value_of(in, p);
  expect_within_optimum(p, got, best, objective);
  if (seed % 4 == 1) {  // the same plan whatever the thread count
    SolveOptions two = opt.solve;
    two.threads = 2;
    detail::FloorTrace again;
    again.tiered_closing = trace.tiered_closing;
    const Plan q = detail::plan_with_floors(in, graph, without.plan, objective, two, detail::FloorPath::Priced, &again);
    EXPECT_EQ(q.status, p.status);
    EXPECT_EQ(q.placements.size(), p.placements.size());
    for (std::size_t i = 0; i < std::min(p.placements.size(), q.placements.size()); ++i)
      EXPECT_EQ(q.placements[i].arc, p.placements[i].arc);
  }
  if (p.status != Status::Optimal) return false;
  EXPECT_EQ(got.shortfall, best.shortfall);
  EXPECT_EQ(p.floors->shortfall_bound, best.shortfall);
  if (objective == Objective::Placements) EXPECT_EQ(got.placed, best.placed);
  EXPECT_EQ(got.score, best.score);
  return true;
}

}  // namespace

// Floors that cannot be met (floors.hpp, "The floors priced"): every floor asks for all its
// residents, so most cannot be met; D takes the proven most of such a floor for r_k, and the
// priced path proves its plans. The trace counts the floors found, so the test fails if the
// step never runs.
TEST(FloorsBruteForce, PricedPathFloorsThatCannotBeMet) {
  detail::FloorTrace trace;
  int proven = 0, runs = 0;
  for (std::uint64_t seed = 3001; seed <= 3120; ++seed, ++runs) proven += check_priced_alone(seed, false, true, trace);
  std::printf("floors priced, floors that cannot be met: %d runs, %d proven, %lld floors found (%lld by the engine's "
              "bound in %lld calls, the others by the seats)\n",
              runs, proven, static_cast<long long>(trace.unmeetable_floors),
              static_cast<long long>(trace.unmeetable_by_engine), static_cast<long long>(trace.unmeetable_calls));
  EXPECT_GE(trace.unmeetable_floors - trace.unmeetable_by_engine, 50);
  EXPECT_GE(trace.unmeetable_by_engine, 10);
  EXPECT_GE(proven * 10, runs * 9);
}

// Ties at the least point: every pair scores the same, so many plans are optimal at every
// price vector and the calls need not return one that meets the floors; where the cutting
// planes converge with a gap, the order is solved without the arcs fixed by their reduced
// costs. The trace counts those runs and the ones they proved.
TEST(FloorsBruteForce, PricedPathTiesAtTheLeastPoint) {
  detail::FloorTrace trace;
  int proven = 0, runs = 0;
  std::vector<std::uint64_t> gaps;  // the seeds that took the closing step
  for (std::uint64_t seed = 3201; seed <= 4400; ++seed, ++runs) {
    const std::int64_t before = trace.face_tries;
    proven += check_priced_alone(seed, true, false, trace);
    if (trace.face_tries > before) gaps.push_back(seed);
  }
  std::printf("floors priced, flat scores: %d runs, %d proven, %lld converged with a gap, %lld of them closed\n", runs,
              proven, static_cast<long long>(trace.face_tries), static_cast<long long>(trace.face_closed));
  EXPECT_GE(trace.face_tries, 5);
  EXPECT_GE(trace.face_closed, 5);
  // The same seeds with the closing step by the two small-weight calls (taken where the
  // folded weights leave the exact range): it proves fewer (its second call needs a
  // certificate without gap from the first), but what it proves is the optimum.
  detail::FloorTrace tiered;
  tiered.tiered_closing = true;
  int tiered_proven = 0;
  for (std::uint64_t seed : gaps) tiered_proven += check_priced_alone(seed, true, false, tiered);
  std::printf("floors priced, flat scores, closing by two calls: %zu runs, %d proven, %lld closed\n", gaps.size(),
              tiered_proven, static_cast<long long>(tiered.face_closed));
  EXPECT_EQ(tiered.face_tries, static_cast<std::int64_t>(gaps.size()));
  EXPECT_GE(tiered.face_closed, 1);
}

namespace {

// FloorCounts (the Planner's check of a pair's plan against the floors, from its moves)
// against the contract's shortfall computed above: random base plans and random moves.
TEST(FloorCounts, ShortfallOfMovedPlansMatchesTheContract) {
  int checked = 0, short_plans = 0;
  for (std::uint64_t seed = 1101; seed <= 1160; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Instance in = floors_instance(seed, true, true);
    const CandidateGraph g = build_candidates(in);
    Rng r(seed * 17 + 1);
    const std::size_t n = in.citizens.size();
    auto random_arc = [&](std::size_t c) -> ArcIndex {
      const auto b = g.begin(static_cast<Index>(c)), e = g.end(static_cast<Index>(c));
      if (e <= b || r.chance(0.4)) return kNone;
      return static_cast<ArcIndex>(r.integer(static_cast<int>(b), static_cast<int>(e) - 1));
    };
    std::vector<ArcIndex> base(n);
    for (std::size_t c = 0; c < n; ++c) base[c] = random_arc(c);
    const detail::FloorCounts counts(in, base);
    for (int trial = 0; trial < 20; ++trial) {
      std::vector<std::pair<Index, ArcIndex>> moves;
      std::vector<char> placed(n);
      for (std::size_t c = 0; c < n; ++c) {
        ArcIndex now = base[c];
        if (r.chance(0.3)) {
          now = random_arc(c);
          moves.emplace_back(static_cast<Index>(c), now);
        }
        placed[c] = now != kNone;
      }
      const std::int64_t want = shortfall(in, placed);
      EXPECT_EQ(counts.shortfall_with(moves), want);
      short_plans += want > 0;
      ++checked;
    }
    std::vector<char> placed_base(n);
    for (std::size_t c = 0; c < n; ++c) placed_base[c] = base[c] != kNone;
    EXPECT_EQ(detail::floors_shortfall(in, base), shortfall(in, placed_base));
  }
  EXPECT_GE(checked, 1000);
  EXPECT_GE(short_plans, 100);
  EXPECT_LT(short_plans, checked);
}

}  // namespace
