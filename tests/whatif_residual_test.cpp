// Seat steps priced from the plan's residual graph (SeatPricing::Residual,
// ResidualPricer::price_seats on the plain objective) against brute force: per opening, the
// plan with one more seat is the optimum of the changed problem whenever it keeps the mentor
// pools, and its priced cost bounds the gain otherwise; the what-if's steps with that
// pricing are the brute-force optima and the best choices, as with re-solves.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "brute_force_support.hpp"
#include "detail/residual_pricing.hpp"
#include "placematch/candidates/candidates.hpp"
#include "placematch/engine/solve.hpp"
#include "placematch/planner/whatif.hpp"

using namespace placematch;
using namespace pmtest;

namespace {

std::int64_t weight_of(const MatchingProblem& p, const std::vector<std::int64_t>& plan, std::int64_t big) {
  std::int64_t w = 0;
  for (auto e : plan)
    if (e >= 0) w += big + p.arc_score[static_cast<std::size_t>(e)];
  return w;
}

}  // namespace

// Random problems with cap groups, mentor pools (limits 0-2) and pins; P is the engine's
// optimum (its value checked against brute force first), priced without the kept tier.
TEST(WhatIfResidual, EverySeatPricedFromTheResidualGraphAgainstBruteForce) {
  int certified = 0, exact_gains = 0, bounded = 0, tight_bounds = 0, through_group = 0;
  for (const Objective objective : {Objective::Placements, Objective::Score}) {
    Rng rng(objective == Objective::Placements ? 4242 : 4343);
    ProblemShape shape;
    shape.max_citizens = 7;
    shape.max_openings = 4;
    shape.pooled_share = 0.8;  // pools bind often
    for (int i = 0; i < 1500; ++i) {
      const MatchingProblem p = random_problem(rng, shape);
      const std::string where = "objective " + std::to_string(static_cast<int>(objective)) + " instance " + std::to_string(i);
      const ProblemBest truth = brute_force(p);
      if (!truth.any) continue;
      SolveOptions o;
      o.objective = objective;
      const Solution s = solve(p, o);
      ASSERT_EQ(s.status, Status::Optimal) << where;
      const std::int64_t big = s.big;
      ASSERT_EQ(weight_of(p, s.citizen_arc, big), truth.weight_optimum(big)) << where;
      detail::ResidualPricer pricer(p, s.citizen_arc, objective, {}, false);
      if (!pricer.certified()) continue;
      ++certified;
      std::vector<Index> all;
      for (Index op = 0; op < p.num_openings; ++op) all.push_back(op);
      const std::vector<detail::ResidualPricer::Priced> priced = pricer.price_seats(all);
      ASSERT_EQ(priced.size(), all.size());
      for (Index op = 0; op < p.num_openings; ++op) {
        MatchingProblem more = p;
        ++more.seats[static_cast<std::size_t>(op)];
        const std::int64_t best = brute_force(more).weight_optimum(big);
        const std::int64_t gain = best - truth.weight_optimum(big);
        const detail::ResidualPricer::Priced& q = priced[static_cast<std::size_t>(op)];
        ASSERT_TRUE(q.possible) << where;
        EXPECT_EQ(q.seat, op) << where;
        if (q.keeps_pools) {
          // Exact: the plan P + the cycle keeps every rule with the seat and is the optimum.
          std::vector<std::int64_t> plan = s.citizen_arc;
          for (const auto& mv : q.moves) plan[static_cast<std::size_t>(mv.citizen)] = mv.arc;
          EXPECT_TRUE(keeps_every_rule(more, plan)) << where << " opening " << op;
          EXPECT_EQ(weight_of(more, plan, big), best) << where << " opening " << op;
          EXPECT_EQ(-(big * q.placed + q.score), gain) << where << " opening " << op;
          exact_gains += gain > 0;
          if (gain > 0 && p.opening_cap_group[static_cast<std::size_t>(op)] != kNone) ++through_group;
        } else {
          // A Lagrangian bound on the gain (placements first, then score).
          const std::int64_t ub = big * -q.bound_placed + std::max<std::int64_t>(0, -q.bound_weight);
          EXPECT_GE(ub, gain) << where << " opening " << op;
          ++bounded;
          tight_bounds += ub == gain;
        }
      }
    }
  }
  // The suite reaches every case: certified plans, exact gains (also through a cap group),
  // and seats whose cycle breaks a pool.
  std::printf("certified %d exact gains %d (through a group %d) bounded %d (tight %d)\n", certified, exact_gains,
              through_group, bounded, tight_bounds);
  EXPECT_GT(certified, 2000);
  EXPECT_GT(exact_gains, 500);
  EXPECT_GT(through_group, 50);
  EXPECT_GT(bounded, 30);
  EXPECT_GT(tight_bounds, 5);
}

// The what-if's seat steps with SeatPricing::Residual: each step's figure the brute-force
// optimum of the changed instance, each choice the best (lowest opening among equals), the
// same steps as with re-solves; and steps found without any re-solve are counted, so the
// priced path is taken (mentor pools bind in these instances).
TEST(WhatIfResidual, SeatStepsPricedFromTheResidualGraphAreTheBruteForceOptima) {
  int steps_seen = 0, priced_steps = 0, resolved_steps = 0;
  for (std::uint64_t seed = 1; seed <= 120; ++seed) {
    Instance in = competing_instance(seed, 7);
    if (seed > 90) {
      add_random_pins(in, seed, 1.0);
      if (best_plan(in, build_candidates(in)).placed < 0) continue;
    }
    WhatIfOptions residual;
    residual.seat_pricing = SeatPricing::Residual;
    const std::vector<SeatStep> steps = whatif_seats(in, 3, std::nullopt, residual);
    const std::vector<SeatStep> resolved = whatif_seats(in, 3, std::nullopt);
    ASSERT_EQ(steps.size(), resolved.size()) << "seed " << seed;
    Instance cur = in;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const SeatStep& s = steps[i];
      ++steps_seen;
      priced_steps += s.priced > 0 && s.resolved == 0;
      resolved_steps += s.resolved > 0;
      EXPECT_EQ(s.opening, resolved[i].opening) << "seed " << seed;
      ASSERT_TRUE(s.value.optimal);
      EXPECT_EQ(s.opening, best_seat(cur).opening) << "seed " << seed;
      ++cur.openings[static_cast<std::size_t>(s.opening)].seats;
      EXPECT_EQ(s.seats, cur.openings[static_cast<std::size_t>(s.opening)].seats);
      const Best after = best_plan(cur, build_candidates(cur));
      EXPECT_EQ((Best{s.value.placed, s.value.score}), after) << "seed " << seed;
      EXPECT_EQ(s.value.placed, resolved[i].value.placed);
      EXPECT_EQ(s.value.score, resolved[i].value.score);
    }
  }
  EXPECT_GT(steps_seen, 60);
  EXPECT_GT(priced_steps, 30);  // the priced path is taken (no re-solve in the step)
  EXPECT_GT(resolved_steps, 0);
}
