// The what-if (contract section 10) against brute force: every step's figure is the
// optimum of the changed instance, built here by hand (seats added, an opening added, a
// course applied) and solved by enumerating every plan; every greedy choice is checked
// against every alternative at its step; budgets are never exceeded; bad files located.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>

#include "brute_force_support.hpp"
#include "detail/seat_gains.hpp"
#include "placematch/candidates/candidates.hpp"
#include "placematch/io/files.hpp"
#include "placematch/io/whatif_files.hpp"
#include "placematch/planner/whatif.hpp"
#include "placematch/rules/decisions.hpp"
#include "test_files.hpp"

using namespace placematch;
using namespace pmtest;

namespace {

// Every plan that keeps section 3 (tests/brute_force_support.hpp): the best by
// placements, then score.
Best brute_force(const Instance& in) { return best_plan(in, build_candidates(in)); }

Best of(const WhatIfValue& v) { return {v.placed, v.score}; }

// Seat steps of `in` by two routes (`steps`, `other`), each step against the brute force of
// the instance changed so far: proven, the best choice (the brute force's best seat, so
// also the same choice by both routes), and both figures the changed instance's optimum.
void expect_brute_force_steps(const Instance& in, std::uint64_t seed, const std::vector<SeatStep>& steps,
                              const std::vector<SeatStep>& other, int& steps_seen) {
  ASSERT_EQ(steps.size(), other.size()) << "seed " << seed;
  Instance cur = in;
  Best before = brute_force(cur);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const SeatStep& s = steps[i];
    ++steps_seen;
    ASSERT_TRUE(s.value.optimal) << "seed " << seed;
    const BestSeat alt = best_seat(cur);
    EXPECT_TRUE(lex_less(before, alt.best)) << "seed " << seed;
    EXPECT_EQ(s.opening, alt.opening) << "seed " << seed << " step " << i;
    EXPECT_EQ(other[i].opening, s.opening) << "seed " << seed << " step " << i;
    ++cur.openings[static_cast<std::size_t>(s.opening)].seats;
    const Best after = brute_force(cur);
    EXPECT_EQ(of(s.value), after) << "seed " << seed << " step " << i;
    EXPECT_EQ(of(other[i].value), after) << "seed " << seed << " step " << i;
    before = after;
  }
}

}  // namespace

TEST(WhatIf, CeilingIsTheOptimumWithUnlimitedSeats) {
  int unreachable_seen = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    Instance in = competing_instance(seed, 6, seed % 2 == 0);
    const Ceiling c = whatif_ceiling(in);
    Instance open = in;
    for (Opening& o : open.openings) o.seats = static_cast<int>(in.citizens.size());
    ASSERT_TRUE(c.value.optimal);
    EXPECT_EQ(of(c.value), brute_force(open)) << "seed " << seed;
    // Unreachable: no feasible pair, or only pairs at openings whose company may take no
    // capped placement at all (oracle: the rules of section 2 and 3 written here).
    const CandidateGraph g = build_candidates(in);
    int expected = 0;
    for (Index ci = 0; ci < static_cast<Index>(in.citizens.size()); ++ci) {
      bool reachable = false;
      for (std::int64_t a = g.begin(ci); a < g.end(ci); ++a) {
        const Opening& o = in.openings[static_cast<std::size_t>(g.opening[static_cast<std::size_t>(a)])];
        const Company& k = in.companies[static_cast<std::size_t>(o.company)];
        const bool capped = o.kind == OpeningKind::Internship || o.kind == OpeningKind::WageSubsidy;
        if (!(capped && k.employees && reasonableness_cap(*k.employees, k.supported_now) <= 0)) reachable = true;
      }
      expected += !reachable;
    }
    EXPECT_EQ(c.unreachable, expected) << "seed " << seed;
    int cells = 0, residents = 0;
    for (const CeilingCell& cell : c.cells) {
      int rules = 0;
      for (const auto& [rule, k] : cell.by_rule) rules += k;
      EXPECT_EQ(rules, cell.unreachable);
      EXPECT_LE(cell.placed_today, cell.placed_ceiling + cell.residents);  // sanity of counts
      cells += cell.unreachable;
      residents += cell.residents;
    }
    EXPECT_EQ(cells, c.unreachable);
    EXPECT_EQ(residents, static_cast<int>(in.citizens.size()));
    unreachable_seen += expected;
  }
  EXPECT_GT(unreachable_seen, 0);  // the check above was exercised
}

TEST(WhatIf, EverySeatStepIsTheBruteForceOptimumAndTheBestChoice) {
  int steps_seen = 0, ties_seen = 0, pinned_seen = 0;
  for (std::uint64_t seed = 1; seed <= 160; ++seed) {
    Instance in = competing_instance(seed, 7);
    if (seed > 120) {  // with pins: the steps run on the certificate of the problem
      add_random_pins(in, seed, 1.0);  // with the pins' citizens removed, their seats taken
      if (in.decisions.empty() || brute_force(in).placed < 0) continue;
      ++pinned_seen;
    }
    const std::vector<SeatStep> steps = whatif_seats(in, 3, std::nullopt);
    Instance cur = in;
    Best before = brute_force(cur);
    for (const SeatStep& s : steps) {
      ++steps_seen;
      ASSERT_TRUE(s.value.optimal);
      // Every alternative: one more seat at any opening, solved by brute force.
      const BestSeat alt = best_seat(cur);
      ties_seen += alt.ties;
      EXPECT_TRUE(lex_less(before, alt.best)) << "seed " << seed << ": a step although no seat helps";
      EXPECT_EQ(s.opening, alt.opening) << "seed " << seed;
      ++cur.openings[static_cast<std::size_t>(s.opening)].seats;
      EXPECT_EQ(s.seats, cur.openings[static_cast<std::size_t>(s.opening)].seats);
      const Best after = brute_force(cur);
      EXPECT_EQ(of(s.value), after) << "seed " << seed;
      before = after;
    }
    if (steps.size() < 3) {
      // Stopped: no seat anywhere adds anything.
      for (Index o = 0; o < static_cast<Index>(cur.openings.size()); ++o) {
        Instance alt = cur;
        ++alt.openings[static_cast<std::size_t>(o)].seats;
        EXPECT_FALSE(lex_less(before, brute_force(alt))) << "seed " << seed;
      }
    }
  }
  EXPECT_GT(steps_seen, 80);
  EXPECT_GT(ties_seen, 0);
  EXPECT_GT(pinned_seen, 20);
}

// Seat steps whose tries search from the state's kept tree (WhatIfOptions::seat_tree), on
// instances where most residents need a mentor and mentors are few (pools that bind, so
// the searches branch and keep trees of several leaves): every step's figure is the
// brute-force optimum of the changed instance and its opening the best choice; the steps
// are those of the search from the root. The tries that started from kept leaves are
// counted, so the test cannot pass without taking that path.
TEST(WhatIf, SeatStepsFromTheKeptTreeAreTheBruteForceOptimumWithBindingPools) {
  int steps_seen = 0, from_tree = 0, instances = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    Instance in = random_instance(seed, small_shape(7, 1));
    loosen_for_competition(in);
    Rng r(seed * 17 + 3);
    for (Citizen& c : in.citizens) c.needs_mentor = r.chance(0.85);
    for (Mentor& m : in.mentors) m.capacity = m.carrying_now + r.integer(0, 2);
    in.finalize();
    if (brute_force(in).placed < 0) continue;
    ++instances;
    WhatIfOptions tree;
    tree.threads = 1;
    tree.seat_tree = true;
    tree.search.lp_prices = false;  // the subgradient alone, few steps: the searches branch
    tree.search.root_lagrangian_iterations = 2;
    tree.search.node_lagrangian_iterations = 1;
    WhatIfOptions root = tree;
    root.seat_tree = false;
    const std::vector<SeatStep> steps = whatif_seats(in, 3, std::nullopt, tree);
    const std::vector<SeatStep> from_root = whatif_seats(in, 3, std::nullopt, root);
    expect_brute_force_steps(in, seed, steps, from_root, steps_seen);
    for (std::size_t i = 0; i < steps.size() && i < from_root.size(); ++i) {
      from_tree += static_cast<int>(steps[i].from_tree);
      EXPECT_EQ(from_root[i].from_tree, 0);
    }
  }
  std::printf("seat steps from the kept tree: %d instances, %d steps, %d tries from kept leaves\n", instances,
              steps_seen, from_tree);
  EXPECT_GT(steps_seen, 100);
  EXPECT_GT(from_tree, 50);
}

// The bound that orders the seat steps (detail/seat_gains.hpp) against brute force: never
// below the exact gain of one more seat at any opening (weight scale: BIG x placements +
// score), and equal to it when no mentor pool and no reasonableness group is in play.
TEST(WhatIf, SeatGainBoundsAreUpperBoundsAndExactForAPlainFlow) {
  int exact = 0, bounded = 0, gains = 0;
  for (std::uint64_t seed = 1; seed <= 90; ++seed) {
    Instance in = competing_instance(seed, 7);
    const bool plain = seed % 2 == 0;
    if (plain) {
      for (Citizen& c : in.citizens) c.needs_mentor = false;
      for (Opening& o : in.openings) o.mentor_required = false;
      for (Company& k : in.companies) k.employees.reset();
      in.finalize();
    }
    if (seed % 3 == 0) {
      add_random_pins(in, seed, 1.0);
      if (brute_force(in).placed < 0) continue;
    }
    const CandidateGraph g = build_candidates(in);
    const MatchingProblem p = make_problem(in, g);
    Matcher m(p);
    ASSERT_EQ(m.run(), Status::Optimal) << "seed " << seed;
    const std::vector<std::int64_t> bound = detail::seat_gain_bounds(m.problem(), p.seats, {}, m.solution());
    if (plain) ASSERT_EQ(bound.size(), in.openings.size()) << "seed " << seed;
    if (bound.empty()) continue;
    const std::int64_t big = m.solution().big;
    const Best today = brute_force(in);
    for (Index o = 0; o < static_cast<Index>(in.openings.size()); ++o) {
      Instance alt = in;
      ++alt.openings[static_cast<std::size_t>(o)].seats;
      const Best b = brute_force(alt);
      const std::int64_t gain = big * (b.placed - today.placed) + (b.score - today.score);
      EXPECT_GE(bound[static_cast<std::size_t>(o)], gain) << "seed " << seed << " opening " << o;
      if (plain) EXPECT_EQ(bound[static_cast<std::size_t>(o)], gain) << "seed " << seed << " opening " << o;
      ++(plain ? exact : bounded);
      gains += gain > 0;
    }
  }
  EXPECT_GT(exact, 100);
  EXPECT_GT(bounded, 50);
  EXPECT_GT(gains, 30);
}

namespace {

// Small instances where most residents need a mentor and mentors are few: pools that bind,
// so the searches branch and keep trees of several leaves (with the few subgradient steps
// of `binding_pool_options`).
Instance binding_pool_instance(std::uint64_t seed) {
  Instance in = random_instance(seed, small_shape(7, 1));
  loosen_for_competition(in);
  Rng r(seed * 17 + 3);
  for (Citizen& c : in.citizens) c.needs_mentor = r.chance(0.85);
  for (Mentor& m : in.mentors) m.capacity = m.carrying_now + r.integer(0, 2);
  in.finalize();
  return in;
}

WhatIfOptions binding_pool_options() {
  WhatIfOptions o;
  o.threads = 1;
  o.search.lp_prices = false;  // the subgradient alone, few steps: the searches branch
  o.search.root_lagrangian_iterations = 2;
  o.search.node_lagrangian_iterations = 1;
  return o;
}

}  // namespace

// The kept tree's bound (detail::tree_seat_gain_bounds: the best over the leaves of the
// leaf's Lagrangian bound plus its flow's gain by the seat) against brute force: never
// below the exact gain of one more seat at any opening (its form from the leaves' duals
// alone never below the one from their paths; searched up to a threshold, the same above
// it and never above both it and the full bound), after a search from the root and
// after one from a kept tree with a seat changed since. Counted: the openings where it is
// below the certificate's bound (so the test does not pass on a bound that never bites).
TEST(WhatIf, LeafSeatBoundsAreUpperBoundsWithBindingPools) {
  int checked = 0, tighter = 0, trees = 0, above = 0;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    Instance in = binding_pool_instance(seed);
    if (brute_force(in).placed < 0) continue;
    const CandidateGraph g = build_candidates(in);
    MatchingProblem p = make_problem(in, g);
    Matcher m(p);
    SolveOptions o = binding_pool_options().search;
    o.threads = 1;
    o.keep_tree = true;
    m.options(o);
    for (int round = 0; round < 2; ++round) {
      if (round == 1) {  // a seat more somewhere, searched from the kept tree
        const Index at_o = static_cast<Index>(seed % in.openings.size());
        ++in.openings[static_cast<std::size_t>(at_o)].seats;
        ++p.seats[static_cast<std::size_t>(at_o)];
        m.set_seats(at_o, p.seats[static_cast<std::size_t>(at_o)]);
        o.from_tree = true;
        m.options(o);
      }
      ASSERT_EQ(m.run(), Status::Optimal) << "seed " << seed;
      const std::vector<std::int64_t> leaf = detail::tree_seat_gain_bounds(m.problem(), p.seats, {}, m.solution());
      // and from the leaves' duals alone (no paths): looser, never below the paths' bound
      const std::vector<std::int64_t> duals = detail::tree_seat_gain_bounds(m.problem(), p.seats, {}, m.solution(), false);
      ASSERT_EQ(leaf.size(), duals.size()) << "seed " << seed;
      if (leaf.empty()) continue;
      // and with the paths searched only up to a threshold (here: opening 0's bound less 1)
      const std::int64_t threshold = leaf[0] == detail::kNoSeatBound ? 0 : leaf[0] - 1;
      const std::vector<std::int64_t> near =
          detail::tree_seat_gain_bounds(m.problem(), p.seats, {}, m.solution(), true, threshold);
      ASSERT_EQ(near.size(), leaf.size());
      ++trees;
      const std::vector<std::int64_t> cert = detail::seat_gain_bounds(m.problem(), p.seats, {}, m.solution());
      const std::int64_t big = m.solution().big;
      const Best today = brute_force(in);
      ASSERT_EQ(big * today.placed + today.score, big * m.solution().placed + m.solution().score);
      for (Index at_o = 0; at_o < static_cast<Index>(in.openings.size()); ++at_o) {
        const std::int64_t bound = leaf[static_cast<std::size_t>(at_o)];
        if (bound == detail::kNoSeatBound) continue;
        Instance alt = in;
        ++alt.openings[static_cast<std::size_t>(at_o)].seats;
        const Best b = brute_force(alt);
        const std::int64_t gain = big * (b.placed - today.placed) + (b.score - today.score);
        EXPECT_GE(bound, gain) << "seed " << seed << " round " << round << " opening " << at_o;
        EXPECT_GE(duals[static_cast<std::size_t>(at_o)], bound) << "seed " << seed << " round " << round << " opening " << at_o;
        const std::int64_t cut = near[static_cast<std::size_t>(at_o)];
        EXPECT_GE(cut, gain) << "seed " << seed << " round " << round << " opening " << at_o;
        if (bound > threshold)
          EXPECT_EQ(cut, bound) << "seed " << seed << " round " << round << " opening " << at_o;
        else
          EXPECT_LE(cut, std::max(threshold, bound)) << "seed " << seed << " round " << round << " opening " << at_o;
        above += bound > threshold;
        ++checked;
        // The certificate's bound as the seat steps take it (its plain form cert_gap + v_o
        // when its duals are not potentials of the plan's residual graph).
        const Solution& sol = m.solution();
        const std::int64_t certified = !cert.empty() ? cert[static_cast<std::size_t>(at_o)]
                                                     : sol.cert_gap + sol.cert_opening_dual[static_cast<std::size_t>(at_o)];
        if (bound < certified) ++tighter;
      }
    }
  }
  std::printf("leaf seat bounds: %d trees, %d openings checked, %d below the certificate's bound\n", trees, checked,
              tighter);
  EXPECT_GT(trees, 30);
  EXPECT_GT(checked, 200);
  EXPECT_GT(tighter, 30);
  EXPECT_GT(above, 20);
  EXPECT_LT(above, checked);
}

// Seat steps whose tries are ordered and pruned by the kept tree's leaf bound too
// (WhatIfOptions::seat_leaf_bound): every step's figure is the brute-force optimum of the
// changed instance, its opening the best choice (ties to the opening listed first) and the
// same as with the certificate's bound alone. The tries the leaf bound ruled out are
// counted (SeatStep::leaf_skipped), so the test cannot pass without skipping any.
TEST(WhatIf, SeatStepsPrunedByTheLeafBoundAreTheBruteForceOptimum) {
  int steps_seen = 0, skipped = 0, instances = 0;
  for (std::uint64_t seed = 301; seed <= 560; ++seed) {
    Instance in = binding_pool_instance(seed);
    if (seed % 4 == 0) add_random_pins(in, seed, 0.5);
    if (brute_force(in).placed < 0) continue;
    ++instances;
    const WhatIfOptions leaf = binding_pool_options();
    WhatIfOptions cert_only = leaf;
    cert_only.seat_leaf_bound = false;
    const std::vector<SeatStep> steps = whatif_seats(in, 3, std::nullopt, leaf);
    const std::vector<SeatStep> without = whatif_seats(in, 3, std::nullopt, cert_only);
    expect_brute_force_steps(in, seed, steps, without, steps_seen);
    for (std::size_t i = 0; i < steps.size() && i < without.size(); ++i) {
      skipped += static_cast<int>(steps[i].leaf_skipped);
      EXPECT_EQ(without[i].leaf_skipped, 0);
    }
  }
  std::printf("seat steps with the leaf bound: %d instances, %d steps, %d tries ruled out\n", instances, steps_seen,
              skipped);
  EXPECT_GT(steps_seen, 100);
  EXPECT_GT(skipped, 8);
}

TEST(WhatIf, SeatsStopAtTheTargetRate) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Instance in = competing_instance(seed);
    const std::vector<SeatStep> steps = whatif_seats(in, std::nullopt, 0.5);
    const double n = static_cast<double>(in.citizens.size());
    for (std::size_t i = 0; i + 1 < steps.size(); ++i)
      EXPECT_LT(static_cast<double>(steps[i].value.placed), 0.5 * n) << "seed " << seed;
    const std::vector<SeatStep> unbounded = whatif_seats(in, 100, std::nullopt);
    // The target steps are the first steps of the unbounded greedy.
    ASSERT_LE(steps.size(), unbounded.size());
    for (std::size_t i = 0; i < steps.size(); ++i) EXPECT_EQ(steps[i].opening, unbounded[i].opening);
  }
}

TEST(WhatIf, EachProposedOpeningAloneIsTheBruteForceOptimum) {
  int gains = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    Instance base = competing_instance(seed, 7);
    Instance ext = base;
    Rng r(seed * 31 + 7);
    for (int p = 0; p < 3; ++p) {
      Opening& o = add_opening(ext, "p" + std::to_string(p), r.integer(0, 2),
                               static_cast<OpeningKind>(r.integer(0, 3)), r.integer(5, 20), 37);
      o.seats = r.integer(1, 2);
      o.mentor_required = r.chance(0.3);
    }
    ext.finalize();
    const Index first = static_cast<Index>(base.openings.size());
    const std::vector<OpeningGain> gains_list = whatif_openings(ext, first);
    ASSERT_EQ(gains_list.size(), 3u);
    const Best today = brute_force(base);
    Best prev{1 << 30, 0};
    for (const OpeningGain& g : gains_list) {
      Instance alone = base;
      alone.openings.push_back(ext.openings[static_cast<std::size_t>(g.opening)]);
      alone.finalize();
      const Best b = brute_force(alone);
      EXPECT_EQ(of(g.value), b) << "seed " << seed;
      EXPECT_EQ(g.gain_placed, b.placed - today.placed);
      EXPECT_EQ(g.gain_score, b.score - today.score);
      const Best gain{g.gain_placed, g.gain_score};
      EXPECT_FALSE(lex_less(prev, gain)) << "seed " << seed << ": not best first";
      prev = gain;
      gains += g.gain_placed > 0;
    }
  }
  EXPECT_GT(gains, 0);
}

namespace {

// The contract's order of gains per krone, written again: a free course first, then
// placements per krone, then score per krone; the tie rules of whatif.hpp after that.
struct Alt {
  Best gain;
  double cost;
  Index citizen, course;
};
bool alt_better(const Alt& a, const Alt& b) {
  if ((a.cost == 0) != (b.cost == 0)) return a.cost == 0;
  if (a.cost == 0) {
    if (a.gain.placed != b.gain.placed) return a.gain.placed > b.gain.placed;
    if (a.gain.score != b.gain.score) return a.gain.score > b.gain.score;
  } else {
    const long double pa = static_cast<long double>(a.gain.placed) * b.cost,
                      pb = static_cast<long double>(b.gain.placed) * a.cost;
    if (pa != pb) return pa > pb;
    const long double sa = static_cast<long double>(a.gain.score) * b.cost,
                      sb = static_cast<long double>(b.gain.score) * a.cost;
    if (sa != sb) return sa > sb;
    if (a.cost != b.cost) return a.cost < b.cost;
  }
  if (a.citizen != b.citizen) return a.citizen < b.citizen;
  return a.course < b.course;
}

std::vector<Course> random_courses(Instance& in, std::uint64_t seed) {
  Rng r(seed * 977 + 3);
  const char* comps[] = {"forklift", "danish", "driving_b", "cleaning"};
  const char* barriers[] = {"language", "health", "anxiety"};
  std::vector<Course> out;
  for (int s = 0; s < 3; ++s) {
    Course c;
    c.id = "s" + std::to_string(s);
    c.cost = r.chance(0.2) ? 0 : r.integer(1, 10) * 1000;
    c.grants = levels(in, std::string(comps[r.integer(0, 3)]) + ":" + std::to_string(r.integer(1, 4)));
    if (r.chance(0.5)) c.eases = levels(in, std::string(barriers[r.integer(0, 2)]) + ":" + std::to_string(r.integer(0, 1)));
    if (r.chance(0.3)) c.groups = codes(in, "6.2;6.3;OTHER;INT-SHP");
    out.push_back(c);
  }
  return out;
}

}  // namespace

TEST(WhatIf, EveryCourseStepIsTheBruteForceOptimumAndTheBestChoiceWithinBudget) {
  int steps_seen = 0, placements_gained = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    Instance in = competing_instance(seed, 5, true);
    const std::vector<Course> courses = random_courses(in, seed);
    const double budget = (seed % 4) * 6000.0 + 2000;
    const CoursesResult res = whatif_courses(in, courses, budget);
    Instance cur = in;
    std::vector<bool> taken(in.citizens.size(), false);
    Best before = brute_force(cur);
    EXPECT_EQ(of(res.before), before);
    double spent = 0;
    for (const CourseStep& st : res.steps) {
      ++steps_seen;
      ASSERT_TRUE(st.value.optimal);
      // Every affordable alternative at this step, by brute force.
      std::optional<Alt> best;
      for (Index c = 0; c < static_cast<Index>(cur.citizens.size()); ++c) {
        if (taken[static_cast<std::size_t>(c)]) continue;
        for (Index s = 0; s < static_cast<Index>(courses.size()); ++s) {
          const Course& course = courses[static_cast<std::size_t>(s)];
          if (spent + course.cost > budget || !course_eligible(cur.citizens[static_cast<std::size_t>(c)], course)) continue;
          Instance alt = cur;
          alt.citizens[static_cast<std::size_t>(c)] = apply_course(alt.citizens[static_cast<std::size_t>(c)], course);
          const Best b = brute_force(alt);
          const Alt a{{b.placed - before.placed, b.score - before.score}, course.cost, c, s};
          if (!lex_less(Best{0, 0}, a.gain)) continue;  // adds nothing
          if (!best || alt_better(a, *best)) best = a;
        }
      }
      ASSERT_TRUE(best.has_value()) << "seed " << seed << ": a step although nothing helps";
      EXPECT_EQ(st.citizen, best->citizen) << "seed " << seed;
      EXPECT_EQ(st.course, best->course) << "seed " << seed;
      const Course& course = courses[static_cast<std::size_t>(st.course)];
      spent += course.cost;
      EXPECT_LE(spent, budget);
      EXPECT_DOUBLE_EQ(st.budget_left, budget - spent);
      EXPECT_GE(st.budget_left, 0);
      taken[static_cast<std::size_t>(st.citizen)] = true;
      cur.citizens[static_cast<std::size_t>(st.citizen)] = apply_course(cur.citizens[static_cast<std::size_t>(st.citizen)], course);
      const Best after = brute_force(cur);
      EXPECT_EQ(of(st.value), after) << "seed " << seed;
      placements_gained += after.placed > before.placed;
      before = after;
    }
    EXPECT_LE(res.spent, budget);
    EXPECT_EQ(of(res.after), before);
    // The bound: every eligible resident takes every course; it is not below the greedy.
    Instance all = in;
    for (Citizen& c : all.citizens)
      for (const Course& course : courses)
        if (course_eligible(c, course)) c = apply_course(c, course);
    EXPECT_EQ(res.bound_all_courses.placed, brute_force(all).placed) << "seed " << seed;
    EXPECT_GE(res.bound_all_courses.placed, res.after.placed);
  }
  EXPECT_GT(steps_seen, 20);
  EXPECT_GT(placements_gained, 0);
}

TEST(WhatIf, WholeRequestAgreesWithItsParts) {
  Instance in = competing_instance(5, 6, true);
  WhatIfRequest req;
  req.seats = 2;
  req.courses = random_courses(in, 5);
  req.budget = 10000;
  const WhatIfResult r = whatif(in, req);
  EXPECT_EQ(of(r.today), brute_force(in));
  EXPECT_EQ(r.residents, 6);
  const auto seats = whatif_seats(in, 2, std::nullopt);
  ASSERT_EQ(r.seats.size(), seats.size());
  for (std::size_t i = 0; i < seats.size(); ++i) EXPECT_EQ(r.seats[i].opening, seats[i].opening);
  ASSERT_TRUE(r.courses.has_value());
  EXPECT_EQ(of(r.courses->after), of(whatif_courses(in, req.courses, 10000).after));
}

TEST(WhatIf, StoppedAnswersKeepAPrefixOfTheStepsEachStillTheOptimum) {
  // Stopping after k questions of the stop function: the steps made are the first steps of
  // the answer that is not stopped, and each figure is still the brute-force optimum of the
  // instance with the seats (or courses) so far.
  int stopped_seen = 0, complete_seen = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    Instance in = competing_instance(seed, 6, seed % 2 == 0);
    WhatIfRequest req;
    req.seats = 3;
    req.courses = random_courses(in, seed);
    req.budget = 12000;
    const WhatIfResult full = whatif(in, req);
    ASSERT_FALSE(full.stopped);
    for (int k = 0; k < 5000; ++k) {  // until a k that asks more often than the run does
      int asked = 0;
      WhatIfRequest r = req;
      r.options.stop = [&asked, k]() { return asked++ >= k; };
      const WhatIfResult got = whatif(in, r);
      const bool complete = !got.stopped;
      (complete ? complete_seen : stopped_seen)++;
      ASSERT_LE(got.seats.size(), full.seats.size()) << "seed " << seed << " k " << k;
      Instance cur = in;
      for (std::size_t i = 0; i < got.seats.size(); ++i) {
        EXPECT_EQ(got.seats[i].opening, full.seats[i].opening) << "seed " << seed << " k " << k;
        cur.openings[static_cast<std::size_t>(got.seats[i].opening)].seats += 1;
        EXPECT_EQ(of(got.seats[i].value), brute_force(cur)) << "seed " << seed << " k " << k;
      }
      if (got.courses) {
        ASSERT_LE(got.courses->steps.size(), full.courses->steps.size());
        for (std::size_t i = 0; i < got.courses->steps.size(); ++i) {
          EXPECT_EQ(got.courses->steps[i].citizen, full.courses->steps[i].citizen);
          EXPECT_EQ(got.courses->steps[i].course, full.courses->steps[i].course);
          EXPECT_EQ(of(got.courses->steps[i].value), of(full.courses->steps[i].value));
        }
        EXPECT_EQ(got.courses->stopped, got.stopped);
      }
      if (complete) {
        EXPECT_EQ(got.seats.size(), full.seats.size());
        ASSERT_TRUE(got.courses.has_value());
        EXPECT_EQ(got.courses->steps.size(), full.courses->steps.size());
        EXPECT_EQ(of(got.courses->bound_all_courses), of(full.courses->bound_all_courses));
        break;  // a larger k asks no more
      }
    }
  }
  EXPECT_GT(stopped_seen, 20);
  EXPECT_EQ(complete_seen, 12);
}

namespace {
void write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}
bool has(const Diagnostics& d, const std::string& where, const std::string& column) {
  return std::any_of(d.begin(), d.end(), [&](const Diagnostic& x) { return x.where == where && x.column == column; });
}
const std::string kSonderborg = std::string(PLACEMATCH_SOURCE_DIR) + "/data/sonderborg";
}  // namespace

TEST(WhatIfFiles, SampleCoursesAndOpeningsLoad) {
  const LoadResult in = load_instance(kSonderborg);
  ASSERT_TRUE(in.ok());
  const CoursesLoad c = load_courses(kSonderborg + "/courses.csv", *in.instance);
  EXPECT_TRUE(c.ok());
  EXPECT_GE(c.courses.size(), 5u);
  const ExtendedLoad e = load_instance_with_openings(kSonderborg, kSonderborg + "/proposed_openings.csv");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e.first_proposed, static_cast<Index>(in.instance->openings.size()));
  EXPECT_GT(e.load.instance->openings.size(), in.instance->openings.size());
}

TEST(WhatIfFiles, BadCoursesAreLocated) {
  TempDir dir("whatif", "courses");
  const LoadResult in = load_instance(kSonderborg);
  ASSERT_TRUE(in.ok());
  const auto file = dir.path() / "courses.csv";
  write(file,
        "id,name,cost,grants,eases,groups\n"
        "a,A,100,forklift:2,,\n"            // line 2: fine
        "b,B,-5,forklift:2,,\n"             // line 3: negative cost
        "a,C,10,forklift:2,,\n"             // line 4: duplicate id
        "d,D,10,forkliftt:2,,\n"            // line 5: unknown competence
        "e,E,ten,,,\n"                      // line 6: not a number
        "f,F,10,,language:4,\n"             // line 7: severity out of range
        "g,G,10,,,6.9\n"                    // line 8: unknown target group
        "h,H,10,,lenguage:0,\n"             // line 9: unknown barrier
        "i,I,,danish:2,,\n");               // line 10: cost missing
  const CoursesLoad c = load_courses(file, *in.instance);
  EXPECT_FALSE(c.ok());
  const std::string f = file.string();
  EXPECT_TRUE(has(c.errors, f + ":3", "cost"));
  EXPECT_TRUE(has(c.errors, f + ":4", "id"));
  EXPECT_TRUE(has(c.errors, f + ":5", "grants"));
  EXPECT_TRUE(has(c.errors, f + ":6", "cost"));
  EXPECT_TRUE(has(c.errors, f + ":7", "eases"));
  EXPECT_TRUE(has(c.errors, f + ":8", "groups"));
  EXPECT_TRUE(has(c.errors, f + ":9", "eases"));
  EXPECT_TRUE(has(c.errors, f + ":10", "cost"));
  EXPECT_FALSE(has(c.errors, f + ":2", "cost"));
  EXPECT_EQ(c.errors.size(), 8u);
  EXPECT_TRUE(c.courses.empty());

  write(file, "");
  EXPECT_TRUE(has(load_courses(file, *in.instance).errors, f + ":0", "file"));
  write(file, "id,name,grants\nx,X,danish:1\n");
  EXPECT_TRUE(has(load_courses(file, *in.instance).errors, f + ":1", "cost"));
  EXPECT_TRUE(has(load_courses(dir.path() / "absent.csv", *in.instance).errors,
                  (dir.path() / "absent.csv").string() + ":0", "file"));
}

TEST(WhatIfFiles, BadProposedOpeningsAreLocated) {
  TempDir dir("whatif", "openings");
  const auto file = dir.path() / "proposed.csv";
  write(file,
        "id,company,kind,seats,hours_min,hours_max\n"
        "p1,alssund_super,small_job,1,10,14\n"   // line 2: fine
        "o01,alssund_super,small_job,1,10,14\n"  // line 3: id of today's opening
        "p3,no_such_company,internship,1,10,14\n" // line 4: unknown company
        "p1,alssund_super,internship,1,10,14\n"  // line 5: duplicate id
        "p5,alssund_super,internship,1,20,14\n"); // line 6: hours_max < hours_min
  const ExtendedLoad e = load_instance_with_openings(kSonderborg, file);
  EXPECT_FALSE(e.ok());
  const std::string f = file.string();
  EXPECT_TRUE(has(e.load.errors, f + ":3", "id"));
  EXPECT_TRUE(has(e.load.errors, f + ":4", "company"));
  EXPECT_TRUE(has(e.load.errors, f + ":5", "id"));
  EXPECT_TRUE(has(e.load.errors, f + ":6", "hours_max"));
  EXPECT_EQ(e.load.errors.size(), 4u);
  for (const Diagnostic& d : e.load.errors) EXPECT_EQ(d.where.rfind(f, 0), 0u) << d.str();
}

TEST(WhatIfCli, BadCoursesFileExitsTwoWithALocatedMessage) {
  TempDir dir("whatif", "cli");
  const auto file = dir.path() / "courses.csv";
  write(file, "id,cost\nx,-1\n");
  const std::string cmd = std::string(PLACEMATCH_CLI) + " whatif " + kSonderborg + " --courses " +
                          file.string() + " --budget 1000 > " + (dir.path() / "out").string() + " 2> " +
                          (dir.path() / "err").string();
  const int rc = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(rc));
  EXPECT_EQ(WEXITSTATUS(rc), 2);
  EXPECT_NE(slurp(dir.path() / "err").find(file.string() + ":2: cost: "), std::string::npos)
      << slurp(dir.path() / "err");
}
