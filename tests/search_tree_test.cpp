// The search from a kept tree (SolveOptions::keep_tree, from_tree) against an independent
// brute force over every plan (tests/brute_force_support.hpp): after a run keeps its tree,
// the problem is changed at random (seats up or down, arcs forbidden or opened, pins set or
// taken off) and each run that starts from the kept leaves must give the brute-force
// optimum of the changed problem, with or without a cutoff below it. Small Lagrangian
// iteration counts and no pool LP make the small problems branch, so that the trees have
// many leaves; the runs that did start from kept leaves are counted (the path is taken).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "brute_force_support.hpp"
#include "placematch/engine/solve.hpp"

using namespace placematch;

namespace {

std::size_t at(std::int64_t i) { return static_cast<std::size_t>(i); }

struct Counts {
  int runs = 0, from_tree = 0, branched = 0, infeasible = 0, cut = 0;
};

// The problem as changed: seats, the pins now held, the arcs forbidden.
struct Changed {
  MatchingProblem p;
  std::set<ArcIndex> forbidden;
};

void expect_optimum(Matcher& m, const Changed& c, Objective objective, const std::string& where, Counts& n,
                    std::optional<std::int64_t> cutoff = std::nullopt) {
  const pmtest::ProblemBest truth = pmtest::brute_force(c.p, [&](const std::vector<std::int64_t>& plan) {
    for (const auto e : plan)
      if (e >= 0 && c.forbidden.count(e)) return false;
    return true;
  });
  SolveOptions o = m.options();
  o.cutoff = cutoff;
  m.options(o);
  const Status s = m.run();
  const Solution& sol = m.solution();
  ++n.runs;
  n.from_tree += sol.stats.tree_leaves > 0;
  n.branched += sol.stats.bb_nodes > 1;
  if (!truth.any) {
    ++n.infeasible;
    EXPECT_EQ(s, Status::Infeasible) << where;
    return;
  }
  ASSERT_TRUE(s == Status::Optimal || (cutoff && s == Status::Feasible)) << where << " status " << to_string(s);
  const std::int64_t optimum = truth.weight_optimum(sol.big);
  std::int64_t value = sol.big * sol.placed + sol.score;
  EXPECT_TRUE(pmtest::keeps_every_rule(c.p, sol.citizen_arc)) << where;
  for (const auto e : sol.citizen_arc) EXPECT_FALSE(e >= 0 && c.forbidden.count(e)) << where;
  if (objective == Objective::Placements) {
    EXPECT_EQ(sol.placed, truth.lex_placed) << where;
    EXPECT_EQ(sol.score, truth.lex_score) << where;
  } else {
    EXPECT_EQ(sol.score, truth.best_score) << where;
    value = sol.score;
  }
  EXPECT_EQ(value, optimum) << where;
  EXPECT_EQ(s, Status::Optimal) << where;  // a cutoff below the optimum keeps the run exact
  n.cut += cutoff.has_value();
}

void random_changes(std::uint64_t seed, Objective objective, Counts& n) {
  pmtest::Rng rng(seed);
  pmtest::ProblemShape shape;
  shape.max_citizens = 8;
  shape.max_openings = 4;
  shape.pools = 2;
  shape.pooled_share = 0.8;
  shape.pin_chance = 0.2;
  Changed c{pmtest::random_problem(rng, shape), {}};
  if (c.p.arc_opening.empty()) return;
  std::sort(c.p.pinned_arcs.begin(), c.p.pinned_arcs.end());
  c.p.pinned_arcs.erase(std::unique(c.p.pinned_arcs.begin(), c.p.pinned_arcs.end()), c.p.pinned_arcs.end());
  Matcher m(c.p);
  SolveOptions o;
  o.objective = objective;
  o.threads = 1;
  o.lp_prices = false;  // the subgradient alone, few steps: small problems branch
  o.root_lagrangian_iterations = 2;
  o.node_lagrangian_iterations = 1;
  o.keep_tree = true;
  m.options(o);
  const std::string where = "seed " + std::to_string(seed) + (objective == Objective::Score ? " score" : "");
  expect_optimum(m, c, objective, where + " first run", n);
  if (::testing::Test::HasFatalFailure()) return;
  o.from_tree = true;
  const int arcs = static_cast<int>(c.p.arc_opening.size());
  for (int k = 0; k < 6; ++k) {
    const std::string step = where + " change " + std::to_string(k);
    const int what = rng.integer(0, 3);
    if (what <= 1) {  // a seat more (most often) or less
      const Index op = rng.integer(0, static_cast<int>(c.p.num_openings) - 1);
      auto& seats = c.p.seats[at(op)];
      seats = what == 0 || seats == 0 ? seats + 1 : seats - 1;
      m.set_seats(op, seats);
    } else if (what == 2) {  // an arc forbidden or opened again
      const ArcIndex a = rng.integer(0, arcs - 1);
      const bool on = !c.forbidden.count(a);
      if (on)
        c.forbidden.insert(a);
      else
        c.forbidden.erase(a);
      m.forbid(a, on);
    } else {  // a pin set or taken off
      const ArcIndex a = rng.integer(0, arcs - 1);
      auto it = std::lower_bound(c.p.pinned_arcs.begin(), c.p.pinned_arcs.end(), a);
      const bool on = it == c.p.pinned_arcs.end() || *it != a;
      if (on)
        c.p.pinned_arcs.insert(it, a);
      else
        c.p.pinned_arcs.erase(it);
      m.pin(a, on);
    }
    o.keep_tree = rng.chance(0.5);  // the tree kept is sometimes refined, sometimes an older one
    m.options(o);
    expect_optimum(m, c, objective, step, n);
    if (::testing::Test::HasFatalFailure()) return;
    // Again with a cutoff just below the optimum (the what-if's tries): still exact.
    if (m.solution().status == Status::Optimal) {
      const Solution& s = m.solution();
      const std::int64_t value = (objective == Objective::Placements ? s.big * s.placed : 0) + s.score;
      expect_optimum(m, c, objective, step + " cutoff", n, value - 1);
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
}

}  // namespace

TEST(SearchTree, EveryRunFromAKeptTreeIsTheBruteForceOptimumOfTheChangedProblem) {
  Counts n;
  for (std::uint64_t seed = 1; seed <= 300; ++seed)
    for (Objective objective : {Objective::Placements, Objective::Score}) random_changes(seed, objective, n);
  std::printf("search tree coverage: %d runs, %d from a kept tree, %d branched, %d infeasible, %d with a cutoff\n",
              n.runs, n.from_tree, n.branched, n.infeasible, n.cut);
  EXPECT_GT(n.from_tree, 300);  // the kept leaves were searched (the path is not vacuous)
  EXPECT_GT(n.infeasible, 0);
}
