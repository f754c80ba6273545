// The matching engine against an independent brute force over every plan
// (tests/brute_force_support.hpp), on small random problems with cap groups, mentor pools
// and pins, for both objectives.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "detail/pool_lp.hpp"
#include "placematch/engine/solve.hpp"
#include "brute_force_support.hpp"

using namespace placematch;

namespace {

using pmtest::brute_force;
using pmtest::keeps_every_rule;
using pmtest::random_problem;
using Best = pmtest::ProblemBest;

// The random problems' shape, and the solver's limits (small ones stop the search early).
struct Knobs : pmtest::ProblemShape {
  std::int64_t max_nodes = 1'000'000;
  int root_iterations = 60;
  std::int64_t work_limit = SolveOptions{}.work_limit;
  bool lp_dual_start = false;  // SolveOptions::lp_dual_start
};

void check_against_brute_force(const MatchingProblem& p, const Best& truth, Objective objective,
                               const std::string& where, int& optimal_count, int& branched, bool warm,
                               const Knobs& knobs, std::int32_t arcs_per_citizen, bool lp_prices = true,
                               Solution* solution = nullptr) {
  SolveOptions options;
  options.lp_prices = lp_prices;  // off: the subgradient prices alone
  options.objective = objective;
  options.warm_start = warm;
  options.arcs_per_citizen = arcs_per_citizen;  // 1 and 2 make the flow core price arcs in
  options.arcs_per_seat = arcs_per_citizen == 2 ? 1 : 0;
  options.max_nodes = knobs.max_nodes;
  options.root_lagrangian_iterations = knobs.root_iterations;
  options.work_limit = knobs.work_limit;
  options.lp_dual_start = knobs.lp_dual_start;
  const Solution s = solve(p, options);
  if (solution) *solution = s;
  if (s.stats.bb_nodes > 0) ++branched;
  if (!truth.any) {
    EXPECT_EQ(s.status, Status::Infeasible) << where;
    return;
  }
  ASSERT_TRUE(s.status == Status::Optimal || s.status == Status::Feasible) << where << " " << to_string(s.status);
  ASSERT_TRUE(keeps_every_rule(p, s.citizen_arc)) << where;
  std::int64_t placed = 0, score = 0;
  for (auto e : s.citizen_arc)
    if (e >= 0) {
      ++placed;
      score += p.arc_score[static_cast<std::size_t>(e)];
    }
  EXPECT_EQ(s.placed, placed) << where;
  EXPECT_EQ(s.score, score) << where;
  if (objective == Objective::Placements) {
    ASSERT_TRUE(s.placed_bound.has_value()) << where;
    const std::int64_t pb = *s.placed_bound;
    EXPECT_TRUE(pb > truth.lex_placed || (pb == truth.lex_placed && s.score_bound >= truth.lex_score))
        << where << " bound below the optimum";
    EXPECT_TRUE(placed < truth.lex_placed || (placed == truth.lex_placed && score <= truth.lex_score))
        << where << " plan above the optimum";
    if (s.status == Status::Optimal) {
      ++optimal_count;
      EXPECT_EQ(placed, truth.lex_placed) << where;
      EXPECT_EQ(score, truth.lex_score) << where;
      EXPECT_EQ(pb, placed) << where;
      EXPECT_EQ(s.score_bound, score) << where;
    }
  } else {
    EXPECT_FALSE(s.placed_bound.has_value()) << where;
    EXPECT_GE(s.score_bound, truth.best_score) << where;
    EXPECT_LE(score, truth.best_score) << where << " plan above the optimum";
    if (s.status == Status::Optimal) {
      ++optimal_count;
      EXPECT_EQ(score, truth.best_score) << where;
      EXPECT_EQ(s.score_bound, score) << where;
    }
  }
}

void run_suite(std::uint32_t seed, int instances, const Knobs& knobs, int min_branched) {
  pmtest::Rng rng(seed);
  int optimal = 0, solvable = 0, branched = 0;
  for (int i = 0; i < instances; ++i) {
    const MatchingProblem p = random_problem(rng, knobs);
    const Best truth = brute_force(p);
    solvable += truth.any ? 2 : 0;
    const std::string where = "seed " + std::to_string(seed) + " instance " + std::to_string(i);
    const std::int32_t arcs = i % 3;  // 0 (every arc from the start), 1, 2
    const bool lp = i % 4 < 2;  // with and without LP prices, each with and without warm starts
    check_against_brute_force(p, truth, Objective::Placements, where, optimal, branched, i % 2 == 0, knobs, arcs, lp);
    check_against_brute_force(p, truth, Objective::Score, where, optimal, branched, i % 2 == 0, knobs, arcs, lp);
  }
  // Branch and bound closes the gap on problems this small: every status is Optimal.
  if (knobs.max_nodes >= 1'000'000) EXPECT_EQ(optimal, solvable);
  if (knobs.max_nodes < 1'000'000) EXPECT_LT(optimal, solvable) << "the limits must stop some searches";
  // The suite must reach the pool machinery (a binding pool), not only the plain flow.
  EXPECT_GE(branched, min_branched) << "branched " << branched;
}

}  // namespace

TEST(PoolBruteForce, CapGroupsPoolsAndPins) { run_suite(20261122u, 400, Knobs{}, 40); }

TEST(PoolBruteForce, TightPoolsManyPooledArcs) {
  Knobs k;
  k.pooled_share = 0.9;
  k.groups = 1;
  k.pools = 3;
  k.pin_chance = 0.1;
  run_suite(7u, 300, k, 60);
}

// The pool LP started from the flow's basis (SolveOptions::lp_dual_start, as the floors'
// reductions run it), on pools that bind: the same optima and honest bounds.
TEST(PoolBruteForce, LpFromTheFlowsBasis) {
  Knobs k;
  k.lp_dual_start = true;
  run_suite(20261202u, 300, k, 40);
  k.pooled_share = 0.9;
  k.groups = 1;
  k.pools = 3;
  k.pin_chance = 0.1;
  run_suite(20261203u, 300, k, 60);
}

TEST(PoolBruteForce, StoppedEarlyReportsAnHonestBound) {
  // One node, two subgradient steps: many runs end Feasible; their bounds must still be
  // at least the true optimum and their plans keep every rule.
  Knobs k;
  k.pooled_share = 0.9;
  k.max_nodes = 1;
  k.root_iterations = 2;
  run_suite(31337u, 300, k, 60);
}

TEST(PoolBruteForce, TiedScores) {
  Knobs k;
  k.tie_scores = true;
  run_suite(99u, 300, k, 30);
}

TEST(PoolBruteForce, NoPoolsNoGroupsLargerRows) {
  Knobs k;
  k.groups = 0;
  k.pools = 0;
  k.max_citizens = 8;
  k.max_openings = 3;
  run_suite(5u, 200, k, 0);
}

TEST(Pool, LimitZeroKeepsPooledArcsOut) {
  // Two citizens, one opening with two seats in pool 0 of limit 0; citizen 0's arc is pooled.
  MatchingProblem p;
  p.num_citizens = 2;
  p.num_openings = 1;
  p.arc_begin = {0, 1, 2};
  p.arc_opening = {0, 0};
  p.arc_score = {900'000, 100'000};
  p.arc_pooled = {1, 0};
  p.seats = {2};
  p.opening_cap_group = {kNone};
  p.opening_pool = {0};
  p.pool_limit = {0};
  const Solution s = solve(p);
  EXPECT_EQ(s.status, Status::Optimal);
  EXPECT_EQ(s.citizen_arc, (std::vector<std::int64_t>{-1, 1}));
  EXPECT_EQ(s.placed, 1);
  EXPECT_EQ(s.score, 100'000);
}

TEST(Pool, LagrangianGapIsClosedByBranching) {
  // A pool of limit 1 shared by three pooled arcs at two openings, plus unpooled
  // alternatives: the relaxation wants both pooled placements, the optimum takes one.
  MatchingProblem p;
  p.num_citizens = 3;
  p.num_openings = 3;
  p.arc_begin = {0, 2, 4, 5};
  p.arc_opening = {0, 2, 1, 2, 2};
  p.arc_score = {1'000'000, 200'000, 1'000'000, 300'000, 500'000};
  p.arc_pooled = {1, 0, 1, 0, 0};
  p.seats = {1, 1, 1};
  p.opening_cap_group = {kNone, kNone, kNone};
  p.opening_pool = {0, 0, kNone};
  p.pool_limit = {1};
  SolveOptions o;
  o.objective = Objective::Score;
  const Solution s = solve(p, o);
  // Best: c0 -> o0 (1.0, pooled), c1 -> o2 (0.3) or c2 -> o2 (0.5): 1.5; or c1 -> o1 (1.0),
  // c0 -> o2 (0.2): 1.2. So 1'500'000.
  EXPECT_EQ(s.status, Status::Optimal);
  EXPECT_EQ(s.score, 1'500'000);
  EXPECT_EQ(s.score_bound, 1'500'000);
}

namespace {
// The pool LP's input over `p` with the given bounds (held by reference: they must outlive
// it), on the objective's weight scale (BIG = 1e6 (citizens + 1) for Placements).
detail::PoolLpInput lp_input(const MatchingProblem& p, Objective objective, const std::vector<std::uint8_t>& active,
                             const std::vector<std::uint8_t>& closed, const std::vector<std::int32_t>& seats,
                             const std::vector<std::int32_t>& limit, const std::vector<std::int32_t>& pool) {
  detail::PoolLpInput in;
  in.problem = &p;
  in.active = &active;
  in.closed = &closed;
  in.seats = &seats;
  in.limit = &limit;
  in.pool = &pool;
  in.big = objective == Objective::Placements ? 1'000'000 * (std::int64_t{p.num_citizens} + 1) : 0;
  in.scale = in.big > 0 ? static_cast<double>(in.big) : 1e6;
  return in;
}

// Appends q to p as a disjoint part (its openings, groups and pools renumbered after p's).
void append_part(MatchingProblem& p, const MatchingProblem& q) {
  const Index o0 = p.num_openings;
  const auto g0 = static_cast<Index>(p.cap_group_limit.size()), k0 = static_cast<Index>(p.pool_limit.size());
  const std::int64_t e0 = p.arc_begin.back();
  for (Index c = 0; c < q.num_citizens; ++c) p.arc_begin.push_back(e0 + q.arc_begin[static_cast<std::size_t>(c) + 1]);
  for (auto o : q.arc_opening) p.arc_opening.push_back(o0 + o);
  p.arc_score.insert(p.arc_score.end(), q.arc_score.begin(), q.arc_score.end());
  p.arc_pooled.insert(p.arc_pooled.end(), q.arc_pooled.begin(), q.arc_pooled.end());
  p.seats.insert(p.seats.end(), q.seats.begin(), q.seats.end());
  for (auto g : q.opening_cap_group) p.opening_cap_group.push_back(g == kNone ? kNone : g0 + g);
  for (auto k : q.opening_pool) p.opening_pool.push_back(k == kNone ? kNone : k0 + k);
  p.cap_group_limit.insert(p.cap_group_limit.end(), q.cap_group_limit.begin(), q.cap_group_limit.end());
  p.pool_limit.insert(p.pool_limit.end(), q.pool_limit.begin(), q.pool_limit.end());
  for (auto e : q.pinned_arcs) p.pinned_arcs.push_back(e0 + e);
  p.num_citizens += q.num_citizens;
  p.num_openings += q.num_openings;
}
}  // namespace

TEST(PoolBruteForce, DisjointPartsOnOneAndTwoThreads) {
  // Three independent random parts in one problem: the optimum of the whole is the sum of
  // the parts' brute-force optima, and one or two threads give the very same solution.
  pmtest::Rng rng(424242u);
  Knobs k;
  k.max_citizens = 5;
  k.pooled_share = 0.8;
  int optimal = 0, branched = 0, multi = 0;
  for (int i = 0; i < 120; ++i) {
    MatchingProblem p;
    Best truth{true, 0, 0, 0};
    for (int part = 0; part < 3; ++part) {
      const MatchingProblem q = random_problem(rng, k);
      const Best t = brute_force(q);
      truth.any = truth.any && t.any;
      truth.lex_placed += t.lex_placed;
      truth.lex_score += t.lex_score;
      truth.best_score += t.best_score;
      append_part(p, q);
    }
    const std::string where = "joined instance " + std::to_string(i);
    check_against_brute_force(p, truth, Objective::Placements, where, optimal, branched, true, k, 1);
    check_against_brute_force(p, truth, Objective::Score, where, optimal, branched, i % 2 == 0, k, 2);
    for (auto objective : {Objective::Placements, Objective::Score}) {
      SolveOptions one, two;
      one.objective = two.objective = objective;
      two.threads = 2;
      const Solution a = solve(p, one), b = solve(p, two);
      EXPECT_EQ(a.status, b.status) << where;
      EXPECT_EQ(a.citizen_arc, b.citizen_arc) << where;
      EXPECT_EQ(a.placed_bound, b.placed_bound) << where;
      EXPECT_EQ(a.score_bound, b.score_bound) << where;
      EXPECT_EQ(a.citizen_dual, b.citizen_dual) << where;
      EXPECT_EQ(a.stats.bb_nodes, b.stats.bb_nodes) << where;
      multi += a.stats.bb_nodes > 1 ? 1 : 0;
    }
  }
  EXPECT_GE(branched, 20);
  EXPECT_GE(multi, 5) << "some joined problems must branch in more than one node";
}

// The pool LP (column generation on CLP) against the brute force: its optimum is at least
// the best plan's value and at most the plain flow's (pools dropped); started from one arc
// per citizen it reaches the same optimum as started from every arc (the pricing misses
// nothing); prices are >= 0; an integral optimum is a plan that keeps every rule.
TEST(PoolLp, RelaxationLiesBetweenTheOptimumAndTheFlowWithoutPools) {
  pmtest::Rng rng(20261123u);
  Knobs k;
  k.pin_chance = 0;
  k.pooled_share = 0.7;
  int integral = 0, fractional = 0;
  for (int i = 0; i < 300; ++i) {
    const MatchingProblem p = random_problem(rng, k);
    const Best truth = brute_force(p);
    const std::string where = "instance " + std::to_string(i);
    MatchingProblem no_pools = p;
    for (auto& q : no_pools.opening_pool) q = kNone;
    no_pools.pool_limit.clear();
    const std::vector<std::uint8_t> active(static_cast<std::size_t>(p.num_citizens), 1);
    const std::vector<std::uint8_t> closed(p.arc_opening.size(), 0);
    for (auto objective : {Objective::Placements, Objective::Score}) {
      detail::PoolLpInput in = lp_input(p, objective, active, closed, p.seats, p.cap_group_limit, p.pool_limit);
      const std::int64_t big = in.big;
      for (Index c = 0; c < p.num_citizens; ++c)
        if (p.arc_begin[static_cast<std::size_t>(c)] < p.arc_begin[static_cast<std::size_t>(c) + 1])
          in.start_arcs.push_back(p.arc_begin[static_cast<std::size_t>(c)]);
      const detail::PoolLpResult lp = detail::solve_pool_lp(in);
      in.start_arcs.clear();
      for (std::int64_t e = 0; e < p.arc_begin.back(); ++e) in.start_arcs.push_back(e);
      const detail::PoolLpResult all = detail::solve_pool_lp(in);
      ASSERT_TRUE(lp.optimal && all.optimal) << where;
      EXPECT_NEAR(lp.value, all.value, 1e-7) << where;
      const double best = objective == Objective::Placements
                              ? static_cast<double>(truth.lex_placed * big + truth.lex_score) / in.scale
                              : static_cast<double>(truth.best_score) / in.scale;
      EXPECT_GE(lp.value, best - 1e-7) << where;
      SolveOptions o;
      o.objective = objective;
      const Solution flow = solve(no_pools, o);
      const double flow_value = static_cast<double>(flow.placed * big + flow.score) / in.scale;
      EXPECT_LE(lp.value, flow_value + 1e-7) << where;
      for (double price : lp.pool_price) EXPECT_GE(price, 0) << where;
      EXPECT_EQ(lp.stage, 2) << where;
      {  // From the flow's basis (the plain flow's plan and duals, PoolLpInput::start_citizen_dual):
         // the same optimum, whatever the basis it starts from.
        detail::PoolLpInput warm = in;
        warm.big = flow.big;
        warm.scale = flow.big > 0 ? static_cast<double>(flow.big) : 1e6;
        warm.start_arcs.clear();
        for (Index c = 0; c < p.num_citizens; ++c) {
          const auto first = p.arc_begin[static_cast<std::size_t>(c)];
          if (first < p.arc_begin[static_cast<std::size_t>(c) + 1]) warm.start_arcs.push_back(first);
          if (const ArcIndex e = flow.citizen_arc[static_cast<std::size_t>(c)]; e != kNone) {
            if (e != first) warm.start_arcs.push_back(e);
            warm.start_at_one.push_back(e);
          }
        }
        warm.start_citizen_dual = flow.citizen_dual;
        warm.start_opening_dual = flow.opening_dual;
        warm.start_group_dual = flow.cap_group_dual;
        ASSERT_EQ(warm.start_citizen_dual.size(), static_cast<std::size_t>(p.num_citizens)) << where;
        detail::PoolLpInput cold = warm;
        cold.start_citizen_dual.clear();
        const detail::PoolLpResult from_flow = detail::solve_pool_lp(warm);
        const detail::PoolLpResult from_slack = detail::solve_pool_lp(cold);
        ASSERT_TRUE(from_flow.optimal && from_slack.optimal) << where;
        EXPECT_NEAR(from_flow.value, from_slack.value, 1e-7) << where;
        for (double price : from_flow.pool_price) EXPECT_GE(price, 0) << where;
      }
      if (objective == Objective::Placements) {  // stage one alone: the most placements
        in.scores = false;
        const detail::PoolLpResult one = detail::solve_pool_lp(in);
        ASSERT_TRUE(one.optimal) << where;
        EXPECT_EQ(one.stage, 1) << where;
        EXPECT_GE(one.value, static_cast<double>(truth.lex_placed) - 1e-7) << where;
        EXPECT_LE(one.value, static_cast<double>(flow.placed) + 1e-7) << where;
        EXPECT_LE(one.value, lp.value + 1e-7) << where;  // the weights add scores >= 0
      }
      if (lp.arc.empty()) {
        ++fractional;
        continue;
      }
      ++integral;
      EXPECT_TRUE(keeps_every_rule(p, lp.arc)) << where;
      double value = 0;
      for (auto e : lp.arc)
        if (e >= 0) value += static_cast<double>(big + p.arc_score[static_cast<std::size_t>(e)]) / in.scale;
      EXPECT_NEAR(value, lp.value, 1e-7) << where;
    }
  }
  EXPECT_GT(integral, 0);
  EXPECT_GT(fractional, 0) << "some relaxations must be fractional (pools that bind)";
}

// The cutoff (SolveOptions::cutoff) against the brute force, on problems whose pools bind:
// with the cutoff below the optimum's weight the run is exact as without one; at or above
// it, the plan still keeps every rule and the proven bound still holds the optimum.
TEST(PoolCutoff, ExactAboveTheCutoffAndAProvenBoundAtOrBelowIt) {
  pmtest::Rng rng(20261203u);
  Knobs k;  // tight pools, as TightPoolsManyPooledArcs: the search branches often
  k.pooled_share = 0.9;
  k.groups = 1;
  k.pools = 3;
  int exact = 0, stopped = 0;
  for (int i = 0; i < 300; ++i) {
    const MatchingProblem p = random_problem(rng, k);
    const Best truth = brute_force(p);
    if (!truth.any) continue;
    for (auto objective : {Objective::Placements, Objective::Score}) {
      SolveOptions o;
      o.objective = objective;
      o.threads = 1;
      o.lp_prices = i % 2 == 0;  // without the LP the first incumbent is weaker: more is cut
      o.root_lagrangian_iterations = i % 3 == 0 ? 3 : 60;
      const std::int64_t big = solve(p, o).big;
      const std::int64_t best =
          objective == Objective::Placements ? big * truth.lex_placed + truth.lex_score : truth.best_score;
      for (std::int64_t delta : {std::int64_t{-1'000'000}, std::int64_t{-1}, std::int64_t{0}, std::int64_t{1},
                                 std::int64_t{1'000'000}}) {
        const std::string where = "instance " + std::to_string(i) + " delta " + std::to_string(delta);
        o.cutoff = best + delta;
        const Solution s = solve(p, o);
        ASSERT_TRUE(s.status == Status::Optimal || s.status == Status::Feasible) << where;
        ASSERT_TRUE(keeps_every_rule(p, s.citizen_arc)) << where;
        const std::int64_t value = big * s.placed + s.score;
        EXPECT_LE(value, best) << where;
        if (s.status == Status::Optimal) EXPECT_EQ(value, best) << where << " claimed optimal";
        if (objective == Objective::Placements) {
          ASSERT_TRUE(s.placed_bound.has_value()) << where;
          EXPECT_TRUE(*s.placed_bound > truth.lex_placed ||
                      (*s.placed_bound == truth.lex_placed && s.score_bound >= truth.lex_score))
              << where << " bound below the optimum";
        } else {
          EXPECT_GE(s.score_bound, truth.best_score) << where << " bound below the optimum";
        }
        if (best > *o.cutoff) {
          EXPECT_EQ(s.status, Status::Optimal) << where;
          EXPECT_EQ(value, best) << where;
          ++exact;
        } else {
          stopped += s.status == Status::Feasible;
        }
      }
    }
  }
  std::printf("coverage: %d runs exact above the cutoff, %d stopped at it\n", exact, stopped);
  EXPECT_GT(exact, 0);
  EXPECT_GT(stopped, 0) << "some runs must end at the cutoff with a plan below the optimum's bound";
}

// One re-solve of the kept LP against a cold solve of the same LP whose pricing passes read
// every arc: the first columns are each active citizen's first arc; both must be optimal,
// with the same value (within abs_tol + rel_tol max(1, |value|)), the same stage and prices >= 0.
static void kept_solve_as_cold(detail::PoolLp& kept, detail::PoolLpInput& in, const MatchingProblem& p,
                               const std::vector<std::uint8_t>& active, double abs_tol, double rel_tol,
                               const std::string& where, detail::PoolLpResult& w) {
  in.start_arcs.clear();
  for (Index c = 0; c < p.num_citizens; ++c)
    if (active[static_cast<std::size_t>(c)] &&
        p.arc_begin[static_cast<std::size_t>(c)] < p.arc_begin[static_cast<std::size_t>(c) + 1])
      in.start_arcs.push_back(p.arc_begin[static_cast<std::size_t>(c)]);
  w = kept.solve(in);
  detail::PoolLpInput every = in;  // the reference: every pass reads every arc
  every.passes = detail::PoolLpInput::Passes::Every;
  const detail::PoolLpResult cold = detail::solve_pool_lp(every);
  ASSERT_TRUE(w.optimal && cold.optimal) << where;
  EXPECT_NEAR(w.value, cold.value, abs_tol + rel_tol * std::max(1.0, std::abs(cold.value))) << where;
  EXPECT_EQ(w.stage, cold.stage) << where;
  for (double price : w.pool_price) EXPECT_GE(price, 0) << where;
}

// The LP kept warm (PoolLp) after random changes of bounds — seats, closed arcs, citizens
// taken out (pins), pool and cap-group room — reaches the optimum a cold column
// generation reaches on the same residual, for both objectives; every price >= 0; an
// integral optimum places no closed arc and no inactive citizen. Two instances in three price
// incrementally on every pass (on these small problems most passes would read every arc).
TEST(PoolLp, WarmReSolvesReachTheColdOptimumAfterChangedBounds) {
  pmtest::Rng rng(20261202u);
  Knobs k;
  k.pin_chance = 0;
  k.pooled_share = 0.7;
  Knobs big = k;  // for the incremental passes: more arcs than the LP takes in at once
  big.max_citizens = 40;
  big.max_openings = 12;
  big.pools = 4;
  big.groups = 3;
  int warm = 0, steps = 0;
  for (int i = 0; i < 450; ++i) {
    const MatchingProblem p = random_problem(rng, i % 3 ? big : k);
    if (p.arc_begin.back() == 0) continue;
    for (auto objective : {Objective::Placements, Objective::Score}) {
      std::vector<std::uint8_t> active(static_cast<std::size_t>(p.num_citizens), 1);
      std::vector<std::uint8_t> closed(p.arc_opening.size(), 0);
      std::vector<std::int32_t> seats = p.seats, limit = p.cap_group_limit, pool = p.pool_limit;
      detail::PoolLpInput in = lp_input(p, objective, active, closed, seats, limit, pool);
      in.passes = i % 3 ? detail::PoolLpInput::Passes::Moved : detail::PoolLpInput::Passes::Auto;
      detail::PoolLp kept;
      for (int step = 0; step < 8; ++step) {
        const std::string where = "instance " + std::to_string(i) + " step " + std::to_string(step);
        if (step > 0) {  // one or two changes of bounds
          for (int change = rng.integer(1, 2); change > 0; --change) {
            switch (rng.integer(0, 4)) {
              case 0: {
                auto& s = seats[static_cast<std::size_t>(rng.integer(0, p.num_openings - 1))];
                s = std::max(0, s + (rng.chance(0.5) ? 1 : -1));
                break;
              }
              case 1: {
                auto& c = closed[static_cast<std::size_t>(rng.integer(0, static_cast<int>(p.arc_begin.back()) - 1))];
                c = !c;
                break;
              }
              case 2: {
                auto& a = active[static_cast<std::size_t>(rng.integer(0, p.num_citizens - 1))];
                a = !a;
                break;
              }
              case 3:
                if (!pool.empty()) {
                  auto& q = pool[static_cast<std::size_t>(rng.integer(0, static_cast<int>(pool.size()) - 1))];
                  q = std::max(0, q + (rng.chance(0.5) ? 1 : -1));
                }
                break;
              default:
                if (!limit.empty()) {
                  auto& g = limit[static_cast<std::size_t>(rng.integer(0, static_cast<int>(limit.size()) - 1))];
                  g = std::max(0, g + (rng.chance(0.5) ? 1 : -1));
                }
            }
          }
        }
        detail::PoolLpResult w;
        ASSERT_NO_FATAL_FAILURE(kept_solve_as_cold(kept, in, p, active, 1e-7, 0, where, w));
        for (std::size_t c = 0; c < w.arc.size(); ++c) {
          const auto e = w.arc[c];
          if (e < 0) continue;
          EXPECT_TRUE(active[c]) << where;
          EXPECT_FALSE(closed[static_cast<std::size_t>(e)]) << where;
        }
        warm += w.warm;
        ++steps;
      }
    }
  }
  std::printf("coverage: %d LP solves, %d of them warm\n", steps, warm);
  EXPECT_GE(warm, steps / 2) << "most re-solves must take the warm path";
}

// The kept LP after changes of scores (PoolLpInput::arc_scores and score_version, as
// Matcher::set_score passes them) and of the objective's unit (the Score objective's scale,
// the largest score in effect), mixed with changes of bounds: every warm re-solve reaches
// the optimum of a cold solve of the same LP (its value), in the stage the cold solve ends in.
TEST(PoolLp, WarmReSolvesReachTheColdOptimumAfterChangedScores) {
  pmtest::Rng rng(20261206u);
  Knobs k;
  k.pin_chance = 0;
  k.pooled_share = 0.7;
  k.max_citizens = 30;
  k.max_openings = 10;
  k.pools = 3;
  int warm = 0, steps = 0, rescored = 0;
  for (int i = 0; i < 200; ++i) {
    const MatchingProblem p = random_problem(rng, k);
    if (p.arc_begin.back() == 0) continue;
    for (auto objective : {Objective::Placements, Objective::Score}) {
      std::vector<std::uint8_t> active(static_cast<std::size_t>(p.num_citizens), 1);
      std::vector<std::uint8_t> closed(p.arc_opening.size(), 0);
      std::vector<std::int32_t> seats = p.seats, limit = p.cap_group_limit, pool = p.pool_limit;
      std::vector<std::int64_t> scores = p.arc_score;
      detail::PoolLpInput in = lp_input(p, objective, active, closed, seats, limit, pool);
      in.arc_scores = scores.data();
      detail::PoolLp kept;
      for (int step = 0; step < 8; ++step) {
        const std::string where = "instance " + std::to_string(i) + " step " + std::to_string(step);
        if (step > 0) {
          const int what = rng.integer(0, 3);
          if (what <= 1) {  // one citizen's arcs moved by one amount
            const auto c = static_cast<std::size_t>(rng.integer(0, p.num_citizens - 1));
            const std::int64_t delta = rng.integer(-300'000, 2'000'000);
            for (auto e = p.arc_begin[c]; e < p.arc_begin[c + 1]; ++e)
              scores[static_cast<std::size_t>(e)] = std::max<std::int64_t>(0, scores[static_cast<std::size_t>(e)] + delta);
            ++in.score_version;
            ++rescored;
          } else if (what == 2) {  // one arc
            scores[static_cast<std::size_t>(rng.integer(0, static_cast<int>(p.arc_begin.back()) - 1))] =
                rng.integer(0, 3'000'000);
            ++in.score_version;
            ++rescored;
          } else {
            auto& s = seats[static_cast<std::size_t>(rng.integer(0, p.num_openings - 1))];
            s = std::max(0, s + (rng.chance(0.5) ? 1 : -1));
          }
          if (objective == Objective::Score)  // the unit: the largest score in effect
            in.scale = static_cast<double>(std::max<std::int64_t>(1, *std::max_element(scores.begin(), scores.end())));
        }
        detail::PoolLpResult w;  // (active: every citizen, so each one's first arc)
        ASSERT_NO_FATAL_FAILURE(kept_solve_as_cold(kept, in, p, active, 0, 1e-6, where, w));
        warm += w.warm;
        ++steps;
      }
    }
  }
  std::printf("coverage: %d LP solves (%d after a change of scores), %d of them warm\n", steps, rescored, warm);
  EXPECT_GE(warm, steps / 2) << "most re-solves must take the warm path";
}

// The smallest work limit leaves the LP one pivot: it stops, and the search falls back to
// zero prices and the plain flow repaired. The plan still keeps every rule and the bound
// still holds the optimum (the brute force), for both objectives.
TEST(PoolLp, StoppedLpFallsBackToTheRepairedFlow) {
  pmtest::Rng rng(20261124u);
  Knobs k;
  k.pooled_share = 0.8;
  k.work_limit = 1;
  int checked = 0, optimal = 0, branched = 0;
  for (int i = 0; i < 150; ++i) {
    const MatchingProblem p = random_problem(rng, k);
    const Best truth = brute_force(p);
    if (!truth.any) continue;
    const std::string where = "instance " + std::to_string(i);
    for (auto objective : {Objective::Placements, Objective::Score}) {
      Solution s;
      check_against_brute_force(p, truth, objective, where, optimal, branched, true, k, 4, true, &s);
      checked += s.stats.lp_rounds > 0 ? 1 : 0;
    }
  }
  EXPECT_GT(checked, 0) << "the LP must have been tried";
}

// A work limit of 1e5 leaves the LP about 400 pivots: enough for the placements stage of
// these small problems, not for the weights stage (which waits for 3,000 pivots of room),
// so the prices and the rounding come from the placements stage alone (its optimum, when
// integral, is blind to scores and rounded as well). Plans keep every rule, bounds hold
// the brute-force optimum, and a proven plan is the optimum.
TEST(PoolLp, PlacementsStageAloneUnderASmallWorkLimit) {
  pmtest::Rng rng(20261125u);
  Knobs k;
  k.pooled_share = 0.8;
  k.work_limit = 100'000;
  int optimal = 0, runs = 0, branched = 0;
  for (int i = 0; i < 200; ++i) {
    const MatchingProblem p = random_problem(rng, k);
    const Best truth = brute_force(p);
    if (!truth.any) continue;
    const std::string where = "instance " + std::to_string(i);
    for (auto objective : {Objective::Placements, Objective::Score}) {
      check_against_brute_force(p, truth, objective, where, optimal, branched, true, k, 4);
      ++runs;
    }
  }
  EXPECT_GT(optimal, runs / 2) << "most of these small problems are still proven";
}

// One Matcher kept warm through a long sequence of changes (seats up and down, arcs
// forbidden and allowed again), each re-solved warm — with a cutoff below, at or above the
// optimum now and then — equals the brute force of the changed problem at every step.
// The warm state crosses runs in each of its parts (the plain flow, the priced flow, the
// repairs, the LP), so the sequence re-uses every one of them after many changes.
// A problem changed step by step through a Matcher, with the same changes on a copy for
// the brute force: a seat more or less at an opening, an arc forbidden or allowed again.
struct Changed {
  MatchingProblem now;
  std::vector<std::uint8_t> forbidden;
  explicit Changed(const MatchingProblem& p) : now(p), forbidden(p.arc_opening.size(), 0) {}
  void change_seats(pmtest::Rng& rng, Matcher& m) {
    const auto op = static_cast<std::size_t>(rng.integer(0, now.num_openings - 1));
    now.seats[op] = std::max(0, now.seats[op] + (rng.chance(0.5) ? 1 : -1));
    m.set_seats(static_cast<Index>(op), now.seats[op]);
  }
  void toggle_forbidden(pmtest::Rng& rng, Matcher& m) {
    const auto e = static_cast<std::size_t>(rng.integer(0, static_cast<int>(now.arc_opening.size()) - 1));
    forbidden[e] = !forbidden[e];
    m.forbid(static_cast<ArcIndex>(e), forbidden[e] != 0);
  }
  Best truth() const {
    return brute_force(now, [&](const std::vector<std::int64_t>& plan) {
      for (auto e : plan)
        if (e >= 0 && forbidden[static_cast<std::size_t>(e)]) return false;
      return true;
    });
  }
};

TEST(PoolBruteForce, LongWarmSequencesOfChangesAreEachTheOptimum) {
  pmtest::Rng rng(20261212u);
  Knobs k;
  k.max_citizens = 6;
  k.pooled_share = 0.8;
  k.pin_chance = 0.2;
  int runs = 0, priced = 0, cut = 0;
  for (int i = 0; i < 300; ++i) {
    const MatchingProblem p = random_problem(rng, k);
    if (p.arc_opening.empty()) continue;
    const Objective objective = i % 2 == 0 ? Objective::Placements : Objective::Score;
    Matcher m(p);
    SolveOptions o;
    o.objective = objective;
    o.threads = 1;
    o.arcs_per_citizen = i % 3;  // 1 and 2: the flow cores price arcs in
    m.options(o);
    const std::int64_t big = solve(p, o).big;  // the weights' BIG (0 for the score objective)
    Changed changed(p);  // the changed problem, for the brute force
    const MatchingProblem& now = changed.now;
    const std::vector<std::uint8_t>& forbidden = changed.forbidden;
    for (int step = 0; step < 12; ++step) {
      const std::string where = "instance " + std::to_string(i) + " step " + std::to_string(step);
      if (step > 0) {
        if (rng.chance(0.5))
          changed.change_seats(rng, m);
        else
          changed.toggle_forbidden(rng, m);
      }
      const Best truth = changed.truth();
      // Without a cutoff, or one below, at or above the optimum (when there is one).
      const int kind = truth.any ? rng.integer(0, 3) : 0;
      SolveOptions run = o;
      if (kind > 0) run.cutoff = truth.weight_optimum(big) + (kind == 1 ? -1 : kind == 2 ? 0 : 1);
      m.options(run);
      const Status s = m.run();
      ++runs;
      priced += m.solution().stats.bb_nodes > 0;
      if (!truth.any) {
        EXPECT_EQ(s, Status::Infeasible) << where;
        continue;
      }
      ASSERT_TRUE(s == Status::Optimal || s == Status::Feasible) << where << " " << to_string(s);
      const Solution& sol = m.solution();
      ASSERT_TRUE(keeps_every_rule(now, sol.citizen_arc)) << where;
      for (auto e : sol.citizen_arc) ASSERT_FALSE(e >= 0 && forbidden[static_cast<std::size_t>(e)]) << where;
      const std::int64_t value = objective == Objective::Placements ? sol.big * sol.placed + sol.score : sol.score;
      const std::int64_t best = truth.weight_optimum(big);
      EXPECT_LE(value, best) << where << " plan above the optimum";
      if (!run.cutoff || best > *run.cutoff) {
        EXPECT_EQ(s, Status::Optimal) << where;
        EXPECT_EQ(value, best) << where;
      } else {
        cut += s == Status::Feasible;
      }
    }
  }
  std::printf("coverage: %d warm runs, %d of them searched with pool prices, %d stopped at a cutoff\n", runs, priced,
              cut);
  EXPECT_GE(priced, runs / 10) << "the sequence must reach the priced flows (binding pools)";
}

// Matcher::set_score: one problem under a sequence of weightings (the floors' prices move
// every arc of a group's residents by one amount; single arcs change too), each run warm
// from the last — flows, pool LP, kept root prices and a kept search tree — against the
// brute force of the problem with the scores in effect, with seats and forbidden arcs
// changed in between. The problem's bound on the scores is above every score at first, so
// the first raise above the old largest moves the flows' cost constant once.
TEST(PoolBruteForce, WarmScoreChangesAreEachTheOptimum) {
  pmtest::Rng rng(20261205u);
  Knobs k;
  k.max_citizens = 6;
  k.pooled_share = 0.8;
  k.pin_chance = 0.2;
  int runs = 0, priced = 0, kept_closes = 0, shifted = 0;
  for (int i = 0; i < 300; ++i) {
    MatchingProblem p = random_problem(rng, k);
    if (p.arc_opening.empty()) continue;
    p.max_score = 3'000'000;
    const Objective objective = i % 2 == 0 ? Objective::Placements : Objective::Score;
    Matcher m(p);
    SolveOptions o;
    o.objective = objective;
    o.threads = 1;
    o.arcs_per_citizen = i % 3;  // 1 and 2: the flow cores price arcs in
    o.kept_root_prices = i % 4 < 2;
    o.keep_tree = i % 5 == 0;
    o.from_tree = i % 5 == 0;
    o.lp_dual_start = i % 7 == 0;
    m.options(o);
    Changed changed(p);  // the problem with the scores in effect, for the brute force
    MatchingProblem& now = changed.now;
    const std::vector<std::uint8_t>& forbidden = changed.forbidden;
    for (int step = 0; step < 10; ++step) {
      const std::string where = "instance " + std::to_string(i) + " step " + std::to_string(step);
      if (step > 0) {
        const int what = rng.integer(0, 5);
        if (what <= 2) {  // one citizen's arcs all moved by one amount
          const Index c = rng.integer(0, p.num_citizens - 1);
          const std::int64_t delta = rng.integer(-400'000, 900'000);
          for (ArcIndex e = p.arc_begin[static_cast<std::size_t>(c)]; e < p.arc_begin[static_cast<std::size_t>(c) + 1]; ++e) {
            auto& s = now.arc_score[static_cast<std::size_t>(e)];
            s = std::clamp<std::int64_t>(s + delta, 0, p.max_score);
            m.set_score(e, s);
          }
          ++shifted;
        } else if (what == 3) {  // one arc
          const auto e = static_cast<std::size_t>(rng.integer(0, static_cast<int>(p.arc_opening.size()) - 1));
          now.arc_score[e] = rng.integer(0, 3'000'000);
          m.set_score(static_cast<ArcIndex>(e), now.arc_score[e]);
        } else if (what == 4) {
          changed.change_seats(rng, m);
        } else {
          changed.toggle_forbidden(rng, m);
        }
      }
      const Best truth = changed.truth();
      const Status s = m.run();
      ++runs;
      const Solution& sol = m.solution();
      priced += sol.stats.bb_nodes > 0;
      kept_closes += static_cast<int>(sol.stats.kept_root_closes);
      if (!truth.any) {
        EXPECT_EQ(s, Status::Infeasible) << where;
        continue;
      }
      ASSERT_EQ(s, Status::Optimal) << where << " " << to_string(s);
      ASSERT_TRUE(keeps_every_rule(now, sol.citizen_arc)) << where;
      std::int64_t score = 0, placed = 0;
      for (auto e : sol.citizen_arc)
        if (e >= 0) {
          ASSERT_FALSE(forbidden[static_cast<std::size_t>(e)]) << where;
          score += now.arc_score[static_cast<std::size_t>(e)];
          ++placed;
        }
      EXPECT_EQ(sol.score, score) << where << ": Solution::score counts the scores in effect";
      EXPECT_EQ(sol.placed, placed) << where;
      if (objective == Objective::Placements) {
        EXPECT_EQ(placed, truth.lex_placed) << where;
        EXPECT_EQ(score, truth.lex_score) << where;
        EXPECT_EQ(sol.placed_bound.value_or(-1), truth.lex_placed) << where;
      } else {
        EXPECT_EQ(score, truth.best_score) << where;
      }
      EXPECT_EQ(sol.score_bound, score) << where << ": the bound of an optimal run is its value";
    }
  }
  std::printf("coverage: %d warm runs (%d shifts of a citizen's arcs), %d searched with pool prices, %d roots "
              "closed by the kept prices\n",
              runs, shifted, priced, kept_closes);
  EXPECT_GE(priced, runs / 10) << "the sequence must reach the priced flows (binding pools)";
  EXPECT_GE(kept_closes, 20) << "the kept root prices must close some roots after a change of scores";
}

TEST(Incremental, SetScoreIsValidated) {
  MatchingProblem p;
  p.num_citizens = 1;
  p.num_openings = 1;
  p.seats = {1};
  p.opening_cap_group = {kNone};
  p.opening_pool = {kNone};
  p.arc_begin = {0, 1};
  p.arc_opening = {0};
  p.arc_score = {10};
  p.arc_pooled = {0};
  p.max_score = 100;
  Matcher m(p);
  EXPECT_THROW(m.set_score(1, 5), std::invalid_argument);
  EXPECT_THROW(m.set_score(-1, 5), std::invalid_argument);
  EXPECT_THROW(m.set_score(0, 101), std::invalid_argument);
  EXPECT_THROW(m.set_score(0, -1), std::invalid_argument);
  m.set_score(0, 100);
  EXPECT_EQ(m.run(), Status::Optimal);
  EXPECT_EQ(m.solution().score, 100);
  EXPECT_EQ(m.problem().arc_score[0], 10) << "the problem itself is not modified";
}

// Scores near the top of the exact int64 range of the flows: on a problem of ~200 nodes the
// largest weight (2^52, the most a score may be) is a third of the span a flow's costs may
// take. The Lagrangian steps keep every pool price at most the largest weight (a higher
// price bounds no plan better, and would push the priced weights out of that span), so
// every run stays exact: never BadCostRange, its plan keeping every rule, its bound at
// least its plan's score — with and without LP prices, and cut short by a node limit.
TEST(PoolBruteForce, PricesStayWithinTheExactRange) {
  pmtest::Rng rng(20261205u);
  Knobs k;
  k.max_citizens = 150;
  k.max_openings = 40;
  k.pooled_share = 0.9;
  k.pools = 3;
  k.groups = 2;
  k.pin_chance = 0.1;
  int bad = 0, runs = 0, branched = 0;
  for (int i = 0; i < 60; ++i) {
    MatchingProblem p = random_problem(rng, k);
    std::int64_t top = 1;
    for (const std::int64_t s : p.arc_score) top = std::max(top, s);
    const std::int64_t factor = ((std::int64_t{1} << 52) - 1) / top;
    for (std::int64_t& s : p.arc_score) s *= factor;
    p.max_score = top * factor;
    for (const bool lp : {false, true}) {
      SolveOptions options;
      options.objective = Objective::Score;
      options.lp_prices = lp;
      options.max_nodes = 200;
      const Solution s = solve(p, options);
      ++runs;
      if (s.status == Status::BadCostRange) { ++bad; continue; }
      if (s.stats.bb_nodes > 0) ++branched;
      if (s.status == Status::Infeasible) continue;
      ASSERT_TRUE(s.status == Status::Optimal || s.status == Status::Feasible) << i;
      ASSERT_TRUE(pmtest::keeps_every_rule(p, s.citizen_arc)) << i;
      EXPECT_GE(s.score_bound, s.score) << i;
    }
  }
  EXPECT_EQ(bad, 0) << "of " << runs;
  EXPECT_GE(branched, 20) << "branched " << branched;
}
