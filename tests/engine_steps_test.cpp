// The steps of one component's solve, each against its own contract, on small random
// problems judged by the brute force over every plan (tests/brute_force_support.hpp):
// - repair (src/engine/repair.cpp): a priced plan that overfills mentor pools comes back
//   keeping every rule, worth at least the plan with the overfill simply dropped;
// - the Lagrangian node (src/engine/lagrangian.cpp): every priced flow's bound, and the
//   node's, is at least the node's optimum; `violated` iff some pool is over, with each
//   pool's excess; an exact node's bound is its optimum;
// - LP rounding (src/engine/lp_rounding.cpp): the rounded plan keeps every rule and is
//   worth at most the LP's bound, which is at least the optimum.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "brute_force_support.hpp"
#include "detail/component_solver.hpp"

namespace placematch::detail {

// Drives the private steps of a ComponentSolver set up as SolverState::run would (the
// same BIG, a run started).
struct ComponentSolverProbe {
  using Restriction = ComponentSolver::Restriction;
  using Residual = ComponentSolver::Residual;
  using Plan = ComponentSolver::Plan;

  ComponentSolverProbe(const MatchingProblem& p, Objective objective)
      : solver(p),
        big(objective == Objective::Placements ? p.max_score * (std::int64_t{p.num_citizens} + 1) : 0) {
    SolveOptions options;
    options.objective = objective;
    solver.start_run(options, big, deadline_after(600), out);
  }

  Residual residual(const Restriction& r) const { return solver.residual(r); }
  // One flow on `res` priced by `lambda` (none: plain) and its plan.
  bool flow(const Residual& res, const std::vector<std::int64_t>* lambda) { return solver.flow(res, lambda); }
  Plan plan(const Residual& res, const Restriction& r) const { return solver.current_plan(res, r); }
  Plan repair(Plan plan, const Restriction& r) { return solver.repair(std::move(plan), r); }
  ComponentSolver::PricedFlow priced_flow(const Residual& res, const Restriction& r,
                                          const std::vector<std::int64_t>& lambda) const {
    return solver.priced_flow(res, r, lambda);
  }
  ComponentSolver::NodeOutcome solve_node(const Restriction& r, std::vector<std::int64_t> lambda, int iterations) {
    return solver.solve_node(r, std::move(lambda), iterations);
  }
  PoolLpResult solve_lp(const Residual& res) { return solver.solve_lp(res); }
  double lp_scale() const { return solver.lp_scale(); }
  void round_lp(const PoolLpResult& lp, const Residual& res, const Restriction& r) { solver.round_lp(lp, res, r); }
  void forget_incumbent() { solver.have_incumbent_ = false; }
  const Plan* incumbent() const { return solver.have_incumbent_ ? &solver.incumbent_ : nullptr; }

  ComponentSolver solver;
  std::int64_t big;
  Solution out;
};

}  // namespace placematch::detail

using namespace placematch;
using placematch::detail::ComponentSolverProbe;
using Restriction = ComponentSolverProbe::Restriction;

namespace {

std::size_t at(std::int64_t i) { return static_cast<std::size_t>(i); }

// Pool-heavy random problems: most arcs pooled, small pool limits.
pmtest::ProblemShape pool_heavy() {
  pmtest::ProblemShape k;
  k.pools = 3;
  k.pooled_share = 0.85;
  k.pin_chance = 0.2;
  return k;
}

// A plan's value on the weights big + score_e, and its placements, counted here.
std::int64_t weight_of(const MatchingProblem& p, std::int64_t big, const std::vector<std::int64_t>& plan) {
  std::int64_t value = 0;
  for (auto e : plan)
    if (e >= 0) value += big + p.arc_score[at(e)];
  return value;
}
std::int64_t placed_of(const std::vector<std::int64_t>& plan) {
  return std::count_if(plan.begin(), plan.end(), [](std::int64_t e) { return e >= 0; });
}

Index citizen_of(const MatchingProblem& p, std::int64_t e) {
  Index c = 0;
  while (p.arc_begin[at(c) + 1] <= e) ++c;
  return c;
}

// A random restriction of the kind branching makes: an arc closed, an arc fixed (as a
// branch fixes it: of a citizen the problem does not pin).
Restriction random_restriction(const MatchingProblem& p, pmtest::Rng& rng) {
  Restriction r;
  const int arcs = static_cast<int>(p.arc_opening.size());
  if (arcs == 0) return r;
  if (rng.chance(0.5)) r.closed.push_back(rng.integer(0, arcs - 1));
  if (rng.chance(0.4)) {
    const std::int64_t e = rng.integer(0, arcs - 1);
    const bool pinned = std::any_of(p.pinned_arcs.begin(), p.pinned_arcs.end(),
                                    [&](std::int64_t pin) { return citizen_of(p, pin) == citizen_of(p, e); });
    if (!pinned) r.pins.push_back(e);
  }
  return r;
}

// Whether a plan holds the restriction: no closed arc, every fixed arc.
bool holds(const Restriction& r, const std::vector<std::int64_t>& plan) {
  for (auto e : r.closed)
    if (std::find(plan.begin(), plan.end(), e) != plan.end()) return false;
  for (auto e : r.pins)
    if (std::find(plan.begin(), plan.end(), e) == plan.end()) return false;
  return true;
}

// The node's optimum on the weights: the brute force over the plans that hold `r`.
pmtest::ProblemBest node_optimum(const MatchingProblem& p, const Restriction& r) {
  return pmtest::brute_force(p, [&](const std::vector<std::int64_t>& plan) { return holds(r, plan); });
}

// Random pool prices >= 0 on the weight scale (zero, small, around one placement, large).
std::vector<std::int64_t> random_prices(const MatchingProblem& p, std::int64_t big, pmtest::Rng& rng) {
  const std::int64_t unit = big > 0 ? big : p.max_score;
  std::vector<std::int64_t> lambda(p.pool_limit.size());
  for (auto& l : lambda) {
    const int kind = rng.integer(0, 3);
    l = kind == 0 ? 0 : kind == 1 ? rng.integer(0, 1000) : kind == 2 ? unit / 2 + rng.integer(0, 1000) : 2 * unit;
  }
  return lambda;
}

// The plan with each overfull pool's lowest-weight free pooled placements dropped until it
// fits (the fixed arcs are the problem's pins and the restriction's): what repair must at
// least keep. Computed here from the plan alone.
std::int64_t truncated_value(const MatchingProblem& p, std::int64_t big, const std::vector<std::int64_t>& plan,
                             const Restriction& r) {
  const std::vector<int> count = pmtest::pooled_per_pool(p, plan);
  std::int64_t value = weight_of(p, big, plan);
  for (std::size_t k = 0; k < count.size(); ++k) {
    if (count[k] <= p.pool_limit[k]) continue;
    std::vector<std::int64_t> free;
    for (auto e : plan) {
      if (e < 0 || !p.arc_pooled[at(e)] || p.opening_pool[at(p.arc_opening[at(e)])] != static_cast<Index>(k)) continue;
      const bool fixed = std::count(p.pinned_arcs.begin(), p.pinned_arcs.end(), e) > 0 ||
                         std::count(r.pins.begin(), r.pins.end(), e) > 0;
      if (!fixed) free.push_back(big + p.arc_score[at(e)]);
    }
    std::sort(free.begin(), free.end());
    for (int d = 0; d < count[k] - p.pool_limit[k] && d < static_cast<int>(free.size()); ++d) value -= free[at(d)];
  }
  return value;
}

bool overfills(const MatchingProblem& p, const std::vector<std::int64_t>& plan) {
  const std::vector<int> count = pmtest::pooled_per_pool(p, plan);
  for (std::size_t k = 0; k < count.size(); ++k)
    if (count[k] > p.pool_limit[k]) return true;
  return false;
}

// Runs `check(probe, p, r, truth, i, where, rng)` on `count` random pool-heavy problems
// from `seed`, for both objectives: `r` is none for every other problem (always, with
// `at_root`) and a random branching restriction otherwise, `truth` the brute force over
// the plans that hold it, `probe` a fresh solver of `p` with its run started.
template <class Check>
void for_each_node(std::uint32_t seed, int count, bool at_root, Check&& check) {
  pmtest::Rng rng(seed);
  for (int i = 0; i < count; ++i) {
    const MatchingProblem p = pmtest::random_problem(rng, pool_heavy());
    const Restriction r = at_root || i % 2 == 0 ? Restriction{} : random_restriction(p, rng);
    const pmtest::ProblemBest truth = node_optimum(p, r);
    for (auto objective : {Objective::Placements, Objective::Score}) {
      const std::string where = "instance " + std::to_string(i) + (objective == Objective::Score ? " score" : "");
      ComponentSolverProbe probe(p, objective);
      check(probe, p, r, truth, i, where, rng);
    }
  }
}

}  // namespace

// Repair: from the plain flow and from flows under random prices, at the root and under a
// random branching restriction, for both objectives.
TEST(EngineSteps, RepairKeepsEveryRuleAndAtLeastTheTruncatedPlan) {
  int repaired_overfull = 0, improved = 0, restricted = 0;
  for_each_node(20261202u, 400, false, [&](ComponentSolverProbe& probe, const MatchingProblem& p, const Restriction& r,
                                           const pmtest::ProblemBest& truth, int i, const std::string& where,
                                           pmtest::Rng& rng) {
    const auto res = probe.residual(r);
    if (!res.feasible) return;  // the pins cannot hold together: no node to repair
    restricted += !r.pins.empty() || !r.closed.empty();
    const std::vector<std::int64_t> lambda = random_prices(p, probe.big, rng);
    ASSERT_TRUE(probe.flow(res, i % 3 == 0 ? nullptr : &lambda)) << where;
    const auto priced = probe.plan(res, r);
    const std::int64_t floor = truncated_value(p, probe.big, priced.arc, r);
    const bool over = overfills(p, priced.arc);
    const auto plan = probe.repair(priced, r);
    EXPECT_TRUE(pmtest::keeps_every_rule(p, plan.arc)) << where;
    EXPECT_TRUE(holds(r, plan.arc)) << where;
    EXPECT_EQ(plan.value, weight_of(p, probe.big, plan.arc)) << where;
    EXPECT_GE(plan.value, floor) << where;
    EXPECT_LE(plan.value, truth.weight_optimum(probe.big)) << where;
    if (!over) EXPECT_EQ(plan.arc, priced.arc) << where << ": a plan within its pools is kept as it is";
    repaired_overfull += over;
    improved += over && plan.value > floor;
  });
  std::printf("repair: %d overfull plans repaired, %d better than truncated, %d under a restriction\n",
              repaired_overfull, improved, restricted);
  EXPECT_GE(repaired_overfull, 100);
  EXPECT_GE(improved, 10) << "the re-solves must refill some dropped placements";
  EXPECT_GE(restricted, 50);
}

// One priced flow: its bound is a Lagrangian bound for every price vector >= 0, so at least
// the node's optimum; `violated` iff some pool is over; excess = pooled - limit per pool.
TEST(EngineSteps, PricedFlowBoundsTheOptimumAndSaysWhichPoolIsOver) {
  int violated = 0, kept = 0;
  for_each_node(20261203u, 400, false, [&](ComponentSolverProbe& probe, const MatchingProblem& p, const Restriction& r,
                                           const pmtest::ProblemBest& truth, int, const std::string& where,
                                           pmtest::Rng& rng) {
    const auto res = probe.residual(r);
    if (!res.feasible) {
      EXPECT_FALSE(truth.any) << where << ": feasible pins lost";
      return;
    }
    ASSERT_TRUE(truth.any) << where;
    const std::vector<std::int64_t> lambda = random_prices(p, probe.big, rng);
    ASSERT_TRUE(probe.flow(res, &lambda)) << where;
    const auto priced = probe.priced_flow(res, r, lambda);
    EXPECT_GE(priced.bound, truth.weight_optimum(probe.big)) << where;
    EXPECT_TRUE(holds(r, priced.plan.arc)) << where;
    EXPECT_EQ(priced.plan.value, weight_of(p, probe.big, priced.plan.arc)) << where;
    const std::vector<int> count = pmtest::pooled_per_pool(p, priced.plan.arc);
    bool over = false;
    ASSERT_EQ(priced.excess.size(), count.size()) << where;
    for (std::size_t k = 0; k < count.size(); ++k) {
      EXPECT_EQ(priced.excess[k], count[k] - p.pool_limit[k]) << where << " pool " << k;
      over |= count[k] > p.pool_limit[k];
    }
    EXPECT_EQ(priced.violated, over) << where;
    violated += over;
    kept += !over;
  });
  EXPECT_GE(violated, 100);
  EXPECT_GE(kept, 100);
}

// A whole node (subgradient steps from random prices): infeasible iff no plan holds its
// restriction; its bound is at least its optimum, and equal to it when the node is exact;
// a branch arc is a free pooled arc of the node; the plans it offers keep every rule.
TEST(EngineSteps, LagrangianNodeBoundIsAtLeastTheNodeOptimum) {
  int exact = 0, branched = 0, infeasible = 0;
  for_each_node(20261204u, 300, false, [&](ComponentSolverProbe& probe, const MatchingProblem& p, const Restriction& r,
                                           const pmtest::ProblemBest& truth, int i, const std::string& where,
                                           pmtest::Rng& rng) {
    const auto node = probe.solve_node(r, random_prices(p, probe.big, rng), 1 + i % 12);
    EXPECT_EQ(node.infeasible, !truth.any) << where;
    if (node.infeasible) {
      ++infeasible;
      return;
    }
    const std::int64_t optimum = truth.weight_optimum(probe.big);
    EXPECT_GE(node.bound, optimum) << where;
    for (auto l : node.lambda) EXPECT_GE(l, 0) << where;
    if (node.exact) {
      ++exact;
      EXPECT_EQ(node.bound, optimum) << where;
    }
    if (node.branch_arc != kNone) {
      ++branched;
      EXPECT_TRUE(p.arc_pooled[at(node.branch_arc)]) << where;
      EXPECT_NE(p.opening_pool[at(p.arc_opening[at(node.branch_arc)])], kNone) << where;
      EXPECT_EQ(std::count(r.pins.begin(), r.pins.end(), node.branch_arc), 0) << where;
      EXPECT_EQ(std::count(p.pinned_arcs.begin(), p.pinned_arcs.end(), node.branch_arc), 0) << where;
    }
    if (const auto* best = probe.incumbent()) {
      EXPECT_TRUE(pmtest::keeps_every_rule(p, best->arc)) << where;
      EXPECT_TRUE(holds(r, best->arc)) << where;
      EXPECT_EQ(best->value, weight_of(p, probe.big, best->arc)) << where;
      EXPECT_LE(best->value, optimum) << where;
    }
  });
  std::printf("lagrangian nodes: %d exact, %d with a branch arc, %d infeasible\n", exact, branched, infeasible);
  EXPECT_GE(exact, 50);
  EXPECT_GE(branched, 50);
  EXPECT_GE(infeasible, 5);
}

// LP rounding at the root: the LP's value is at least the optimum (it is a relaxation);
// the rounded plan keeps every rule and is worth at most the LP's bound — on the weights
// (stage two, or the score objective) or in placements (stage one).
TEST(EngineSteps, LpRoundingKeepsEveryRuleAndStaysBelowTheLpBound) {
  int rounded = 0, fractional = 0;
  for_each_node(20261205u, 300, true, [&](ComponentSolverProbe& probe, const MatchingProblem& p, const Restriction& root,
                                          const pmtest::ProblemBest& truth, int, const std::string& where,
                                          pmtest::Rng&) {
    const auto res = probe.residual(root);
    if (!res.feasible) return;
    ASSERT_TRUE(truth.any) << where;
    ASSERT_TRUE(probe.flow(res, nullptr)) << where;  // the LP's start columns read its duals
    const placematch::detail::PoolLpResult lp = probe.solve_lp(res);
    ASSERT_TRUE(lp.optimal) << where;
    // The LP is the node's after its pins: its bound adds the pins' value (weights) or
    // their count (placements).
    const double scale = probe.lp_scale();
    const double tolerance = 1e-6;
    const bool weights = lp.stage == 2 || probe.big == 0;
    const auto pinned = std::count(res.active.begin(), res.active.end(), 0);
    const double bound = weights ? lp.value + static_cast<double>(res.pinned_value) / scale
                                 : lp.value + static_cast<double>(pinned);
    if (weights)
      EXPECT_GE(bound, static_cast<double>(truth.weight_optimum(probe.big)) / scale - tolerance) << where;
    else
      EXPECT_GE(bound, static_cast<double>(truth.lex_placed) - tolerance) << where;
    fractional += lp.arc.empty();
    probe.forget_incumbent();
    probe.round_lp(lp, res, root);
    const auto* plan = probe.incumbent();
    if (!plan) return;
    ++rounded;
    EXPECT_TRUE(pmtest::keeps_every_rule(p, plan->arc)) << where;
    EXPECT_EQ(plan->value, weight_of(p, probe.big, plan->arc)) << where;
    if (weights)
      EXPECT_LE(static_cast<double>(plan->value) / scale, bound + tolerance) << where;
    else
      EXPECT_LE(static_cast<double>(placed_of(plan->arc)), bound + tolerance) << where;
    EXPECT_LE(plan->value, truth.weight_optimum(probe.big)) << where;
  });
  std::printf("lp rounding: %d rounded plans, %d fractional optima\n", rounded, fractional);
  EXPECT_GE(rounded, 200);
  EXPECT_GE(fractional, 20);
}
