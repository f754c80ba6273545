// The warm Planner with floors (contract sections 7, 8, 9 and 12) against brute force over
// every plan of small random instances: the plan is match()'s, a re-plan is the least total
// shortfall first, then section 7's order (placements, kept, score; score objective: kept,
// score), and a suggestion's cost is P against the brute-force best plan with the pair
// pinned in that order. The rules of section 3 are written again in
// tests/brute_force_support.hpp and the floors' arithmetic again here from the contract.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <tuple>

#include <unistd.h>

#include "brute_force_support.hpp"
#include "cli_support.hpp"
#include "detail/floor_paths.hpp"
#include "placematch/plan/audit.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/planner/planner.hpp"
#include "placematch/rules/decisions.hpp"
#include "placematch/synth/generate.hpp"
#include "test_files.hpp"

using namespace placematch;
using namespace pmtest;

namespace {

std::size_t at(std::int64_t i) { return static_cast<std::size_t>(i); }

// Every floor's shortfall, from the contract: ceil(share x residents), placed counted here.
std::int64_t shortfall(const Instance& in, const std::vector<char>& placed) {
  std::int64_t total = 0;
  for (const Floor& f : in.floors) {
    std::int64_t residents = 0, got = 0;
    for (std::size_t c = 0; c < in.citizens.size(); ++c) {
      const bool member =
          f.scope == FloorScope::Group ? in.citizens[c].target_group == f.code : in.citizens[c].area == f.code;
      residents += member;
      got += member && placed[c];
    }
    const auto required = static_cast<std::int64_t>(std::ceil(f.min_share * static_cast<double>(residents) - 1e-9));
    total += std::max<std::int64_t>(0, required - got);
  }
  return total;
}

// A small random instance where residents compete, with random group and area floors; with
// `mentor_share` >= 0 that share of the residents needs a mentor (pools that bind); up to
// two pins.
// `scopes`: 1 group floors only, 2 area floors only, 3 both.
Instance floors_instance(std::uint64_t seed, double mentor_share = -1, bool pins = true, int citizens = 6,
                         int scopes = 3) {
  Instance in = random_instance(seed, small_shape(citizens, 1));
  loosen_for_competition(in);
  Rng r(seed * 131 + 5);
  if (mentor_share >= 0)
    for (Citizen& c : in.citizens) c.needs_mentor = r.chance(mentor_share);
  const double shares[] = {0.0, 0.25, 0.34, 0.5, 0.75, 1.0};
  std::vector<CodeId> seen;
  for (const Citizen& c : in.citizens)
    if (std::find(seen.begin(), seen.end(), c.target_group) == seen.end()) seen.push_back(c.target_group);
  for (CodeId code : seen)
    if (r.chance(0.7) && (scopes & 1)) in.floors.push_back({FloorScope::Group, code, shares[r.integer(1, 5)], "test"});
  for (Index a = 0; a < static_cast<Index>(in.areas.size()); ++a)
    if (r.chance(0.6) && (scopes & 2)) in.floors.push_back({FloorScope::Area, a, shares[r.integer(1, 5)], "test"});
  if (in.floors.empty() && (scopes & 2)) in.floors.push_back({FloorScope::Area, 0, 1.0, "test"});
  if (in.floors.empty()) in.floors.push_back({FloorScope::Group, seen.front(), 1.0, "test"});
  in.finalize();
  if (pins) add_random_pins(in, seed, 0.35);
  return in;
}

// One plan of the brute force: per citizen the opening (kNone) and the pair's score.
struct World {
  std::vector<std::vector<Index>> plans;
  std::vector<std::int64_t> score, shortfall, placed;
};

World enumerate(const Instance& in, const CandidateGraph& g) {
  World w;
  for_each_plan(in, g, [&](const std::vector<std::int64_t>& choice) {
    std::vector<Index> plan(choice.size(), kNone);
    std::vector<char> placed(choice.size(), 0);
    std::int64_t score = 0, n = 0;
    for (std::size_t c = 0; c < choice.size(); ++c)
      if (choice[c] >= 0) {
        plan[c] = g.opening[at(choice[c])];
        placed[c] = 1;
        score += g.score[at(choice[c])];
        ++n;
      }
    w.plans.push_back(std::move(plan));
    w.score.push_back(score);
    w.placed.push_back(n);
    w.shortfall.push_back(shortfall(in, placed));
  });
  return w;
}

// A value in the order with floors: least shortfall, then section 7's order.
struct Lex {
  std::int64_t shortfall = -1, placed = -1, kept = -1, score = -1;
};

// The brute-force best plan against `earlier` (per citizen an opening or kNone), among the
// plans that hold (pin_c, pin_o) when given; `floors` false: section 7's order alone.
Lex best(const World& w, const std::vector<Index>& earlier, Objective objective, bool floors = true,
         Index pin_c = kNone, Index pin_o = kNone) {
  Lex b;
  for (std::size_t i = 0; i < w.plans.size(); ++i) {
    const auto& p = w.plans[i];
    if (pin_c != kNone && p[at(pin_c)] != pin_o) continue;
    Lex v{floors ? w.shortfall[i] : 0, w.placed[i], 0, w.score[i]};
    for (std::size_t c = 0; c < p.size(); ++c) v.kept += p[c] != kNone && earlier[c] == p[c];
    const std::int64_t placed = objective == Objective::Placements ? v.placed : 0;
    const std::int64_t b_placed = objective == Objective::Placements ? b.placed : 0;
    if (b.shortfall < 0 || std::make_tuple(-v.shortfall, placed, v.kept, v.score) >
                               std::make_tuple(-b.shortfall, b_placed, b.kept, b.score))
      b = v;
  }
  return b;
}

Lex value_of(const Instance& in, const Plan& plan, const std::vector<Index>& earlier) {
  Lex v{0, plan.placed, 0, plan.score};
  std::vector<char> placed(in.citizens.size(), 0);
  for (const Placement& x : plan.placements) {
    placed[at(x.citizen)] = 1;
    v.kept += earlier[at(x.citizen)] == x.opening;
  }
  v.shortfall = shortfall(in, placed);
  return v;
}

// An earlier plan drawn at random (feasible pairs mostly, some not).
PreviousPlan random_previous(const Instance& in, const CandidateGraph& g, std::uint64_t seed,
                             std::vector<Index>& earlier) {
  Rng r(seed * 31 + 11);
  PreviousPlan p;
  earlier.assign(in.citizens.size(), kNone);
  for (std::size_t c = 0; c < in.citizens.size(); ++c) {
    if (!r.chance(0.7)) continue;
    const auto ci = static_cast<Index>(c);
    Index o = r.integer(0, static_cast<int>(in.openings.size()) - 1);
    if (g.end(ci) > g.begin(ci) && r.chance(0.8))
      o = g.opening[at(r.integer(static_cast<int>(g.begin(ci)), static_cast<int>(g.end(ci)) - 1))];
    earlier[c] = o;
    p.placements.push_back({in.citizens[c].id, in.openings[at(o)].id, std::nullopt});
  }
  return p;
}

struct Coverage {
  const char* name;
  int instances = 0, floors_changed = 0, kept_changed = 0, with_pins = 0, costly_shortfall = 0, priced = 0,
      impossible = 0, orders_differ = 0;
  std::int64_t floor_met_pairs = 0, floor_missed_pairs = 0;  // the Planner's: pairs priced from P's residual graph
  // The Planner's, with floors that bind: pairs priced from the floors' reduction's residual
  // graph (of them, after a mentor pool's price was shifted), and pairs re-solved.
  std::int64_t floor_cycle_pairs = 0, floor_pool_pairs = 0, resolved_pairs = 0;
  ~Coverage() {
    std::printf("%s: %d instances, %d where floors change the re-plan, %d where keeping changes it, %d with pins, "
                "%d pairs priced, %d adding shortfall, %d impossible, %d where (shortfall, kept, score) places fewer, "
                "%lld pairs whose residual plan met the floors, %lld re-solved after it left one short, "
                "%lld priced from the floors' reduction (%lld after a pool shift), %lld re-solved\n",
                name, instances, floors_changed, kept_changed, with_pins, priced, costly_shortfall, impossible,
                orders_differ, static_cast<long long>(floor_met_pairs), static_cast<long long>(floor_missed_pairs),
                static_cast<long long>(floor_cycle_pairs), static_cast<long long>(floor_pool_pairs),
                static_cast<long long>(resolved_pairs));
  }
};

// The matching problem on section 7's re-planning weights against `earlier`: every arc to
// its citizen's earlier opening weighs KEEP more, KEEP = 1 + the sum of the citizens' best
// arc scores (planner.hpp), written here independently of the Planner.
MatchingProblem replanning_problem(const Instance& in, const CandidateGraph& g, const std::vector<Index>& earlier) {
  MatchingProblem p = make_problem(in, g);
  std::int64_t keep_unit = 1;
  for (Index c = 0; c < p.num_citizens; ++c) {
    std::int64_t top = 0;
    for (auto e = p.arc_begin[at(c)]; e < p.arc_begin[at(c) + 1]; ++e) top = std::max(top, p.arc_score[at(e)]);
    keep_unit += top;
  }
  for (Index c = 0; c < p.num_citizens; ++c)
    for (auto e = p.arc_begin[at(c)]; e < p.arc_begin[at(c) + 1]; ++e)
      if (g.opening[at(e)] == earlier[at(c)]) p.arc_score[at(e)] += keep_unit;
  return p;
}

MatchOptions options_for(Objective objective, int threads = 1) {
  MatchOptions opt;
  opt.solve.objective = objective;
  opt.solve.threads = threads;
  return opt;
}

void check_replan(std::uint64_t seed, Objective objective, double mentor_share, LexicographicScaling scaling,
                  Coverage& cov) {
  SCOPED_TRACE("seed " + std::to_string(seed));
  const Instance in = floors_instance(seed, mentor_share);
  ASSERT_TRUE(check_decisions(in).empty());
  Planner planner(in, options_for(objective));
  planner.scaling(scaling);
  const World w = enumerate(in, planner.graph());
  ASSERT_FALSE(w.plans.empty());
  std::vector<Index> earlier;
  const PreviousPlan prev = random_previous(in, planner.graph(), seed, earlier);
  const Replan r = planner.replan(prev);
  ASSERT_TRUE(check_plan(in, planner.graph(), r.plan).empty());
  const Lex truth = best(w, earlier, objective);
  const Lex got = value_of(in, r.plan, earlier);
  ++cov.instances;
  cov.with_pins += std::any_of(in.decisions.begin(), in.decisions.end(),
                               [](const Decision& d) { return d.kind == DecisionKind::Pin; });
  const Lex bare = best(w, earlier, objective, false);
  cov.floors_changed += bare.placed != truth.placed || bare.kept != truth.kept || bare.score != truth.score;
  EXPECT_EQ(r.plan.status, Status::Optimal);
  EXPECT_EQ(got.shortfall, truth.shortfall);
  if (objective == Objective::Placements) EXPECT_EQ(got.placed, truth.placed);
  EXPECT_EQ(got.kept, truth.kept);
  EXPECT_EQ(got.score, truth.score);
  EXPECT_EQ(r.previous.kept, truth.kept);
  ASSERT_TRUE(r.plan.floors.has_value());
  EXPECT_EQ(r.plan.floors->shortfall, truth.shortfall);
  EXPECT_EQ(r.plan.floors->shortfall_bound, truth.shortfall);
  // The price against the re-plan without floors (section 7's order alone).
  EXPECT_EQ(r.plan.floors->price_placed, bare.placed - got.placed);
  EXPECT_EQ(r.plan.floors->price_score, bare.score - got.score);
  EXPECT_TRUE(r.plan.floors->price_exact);
  // Keeping the earlier plan matters here when the plan without an earlier plan differs.
  const Lex fresh = best(w, std::vector<Index>(in.citizens.size(), kNone), objective);
  cov.kept_changed += fresh.score != truth.score;
}

TEST(PlannerFloors, PlanIsMatchsPlan) {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Instance in = floors_instance(seed, seed % 3 == 0 ? 0.6 : -1);
    const Objective objective = seed % 2 ? Objective::Placements : Objective::Score;
    const MatchResult m = match(in, options_for(objective));
    Planner planner(in, options_for(objective));
    const Plan& p = planner.plan().plan;
    ASSERT_TRUE(p.floors.has_value());
    ASSERT_TRUE(m.plan.floors.has_value());
    EXPECT_EQ(p.status, m.plan.status);
    EXPECT_EQ(p.placed, m.plan.placed);
    EXPECT_EQ(p.score, m.plan.score);
    EXPECT_EQ(p.bound_placed, m.plan.bound_placed);
    EXPECT_EQ(p.bound_score, m.plan.bound_score);
    EXPECT_EQ(p.floors->shortfall, m.plan.floors->shortfall);
    EXPECT_EQ(p.floors->shortfall_bound, m.plan.floors->shortfall_bound);
    EXPECT_EQ(p.floors->price_placed, m.plan.floors->price_placed);
    EXPECT_EQ(p.floors->price_score, m.plan.floors->price_score);
    EXPECT_EQ(p.floors->price_exact, m.plan.floors->price_exact);
    ASSERT_EQ(p.placements.size(), m.plan.placements.size());
    for (std::size_t i = 0; i < p.placements.size(); ++i) {
      EXPECT_EQ(p.placements[i].citizen, m.plan.placements[i].citizen);
      EXPECT_EQ(p.placements[i].opening, m.plan.placements[i].opening);
      EXPECT_EQ(p.placements[i].mentor, m.plan.placements[i].mentor);
    }
    ASSERT_EQ(p.unplaced.size(), m.plan.unplaced.size());
    for (std::size_t i = 0; i < p.unplaced.size(); ++i) EXPECT_EQ(p.unplaced[i].reason_code, m.plan.unplaced[i].reason_code);
    // And P is the brute force's optimum (least shortfall, then the objective).
    const World w = enumerate(in, planner.graph());
    const std::vector<Index> none(in.citizens.size(), kNone);
    const Lex truth = best(w, none, objective);
    const Lex got = value_of(in, p, none);
    EXPECT_EQ(got.shortfall, truth.shortfall);
    if (objective == Objective::Placements) EXPECT_EQ(got.placed, truth.placed);
    EXPECT_EQ(got.score, truth.score);
  }
}

TEST(PlannerFloors, ReplanPlacementsOrderAgainstBruteForce) {
  Coverage cov{"planner floors re-plan (placements)"};
  for (std::uint64_t seed = 1; seed <= 100; ++seed)
    check_replan(seed, Objective::Placements, -1, LexicographicScaling::Auto, cov);
  EXPECT_GE(cov.floors_changed, 10);
  EXPECT_GE(cov.with_pins, 10);
}

TEST(PlannerFloors, ReplanScoreOrderAgainstBruteForce) {
  Coverage cov{"planner floors re-plan (score)"};
  for (std::uint64_t seed = 101; seed <= 200; ++seed)
    check_replan(seed, Objective::Score, -1, LexicographicScaling::Auto, cov);
  EXPECT_GE(cov.floors_changed, 10);
}

TEST(PlannerFloors, ReplanWithBindingMentorPoolsAgainstBruteForce) {
  Coverage cov{"planner floors re-plan (binding pools)"};
  for (std::uint64_t seed = 201; seed <= 320; ++seed)
    check_replan(seed, seed % 2 ? Objective::Placements : Objective::Score, 0.6, LexicographicScaling::Auto, cov);
  EXPECT_GE(cov.floors_changed, 10);
}

// The verified LAMBDA of the re-plan without floors (the candidate) changes nothing.
TEST(PlannerFloors, ReplanVerifiedScalingAgainstBruteForce) {
  Coverage cov{"planner floors re-plan (verified scaling)"};
  for (std::uint64_t seed = 321; seed <= 380; ++seed)
    check_replan(seed, Objective::Placements, 0.4, LexicographicScaling::Verified, cov);
}

// The floors' optimizer on re-planning weights KEEP * kept + score, on each path: the
// tiered path is the one large instances take (folded weights beyond int64).
TEST(PlannerFloors, OptimizerPathsOnReplanWeightsAgainstBruteForce) {
  int instances = 0;
  for (std::uint64_t seed = 401; seed <= 520; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Objective objective = seed % 2 ? Objective::Placements : Objective::Score;
    const Instance in = floors_instance(seed, seed % 3 ? 0.6 : -1);
    const CandidateGraph g = build_candidates(in);
    const World w = enumerate(in, g);
    std::vector<Index> earlier;
    random_previous(in, g, seed, earlier);
    const Lex truth = best(w, earlier, objective);
    MatchingProblem p = replanning_problem(in, g, earlier);
    for (const detail::FloorPath path : {detail::FloorPath::Folded, detail::FloorPath::Tiered, detail::FloorPath::Auto}) {
      SolveOptions so;
      so.objective = objective;
      so.threads = 1;
      const detail::FloorOptimum f = detail::optimize_with_floors(in, p, objective, std::nullopt, nullptr, false, so, path);
      ASSERT_TRUE(f.found);
      EXPECT_TRUE(f.proven);
      Lex v{0, 0, 0, 0};
      std::vector<char> placed(in.citizens.size(), 0);
      for (std::size_t c = 0; c < f.chosen.size(); ++c) {
        if (f.chosen[c] < 0) continue;
        placed[c] = 1;
        ++v.placed;
        v.kept += g.opening[at(f.chosen[c])] == earlier[c];
        v.score += g.score[at(f.chosen[c])];
      }
      v.shortfall = shortfall(in, placed);
      EXPECT_EQ(v.shortfall, truth.shortfall);
      EXPECT_EQ(f.shortfall, truth.shortfall);
      EXPECT_EQ(f.shortfall_bound, truth.shortfall);
      if (objective == Objective::Placements) EXPECT_EQ(v.placed, truth.placed);
      EXPECT_EQ(v.kept, truth.kept);
      EXPECT_EQ(v.score, truth.score);
    }
    ++instances;
  }
  EXPECT_EQ(instances, 120);
}

// The warm per-pair solve (order: least shortfall, then the most total re-planning weight
// KEEP * kept + score) for every arc pinned in turn, against the brute force with that pin.
TEST(PlannerFloors, WarmFloorsEveryPinAgainstBruteForce) {
  int pins = 0, differ = 0, kept_prices = 0;
  for (std::uint64_t seed = 1001; seed <= 1150; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Instance in = floors_instance(seed, seed % 2 ? 0.6 : -1, false, 7);
    const CandidateGraph g = build_candidates(in);
    const World w = enumerate(in, g);
    std::vector<Index> earlier;
    random_previous(in, g, seed, earlier);
    MatchingProblem p = replanning_problem(in, g, earlier);
    SolveOptions so;
    so.threads = 1;
    detail::WarmFloors warm(in, p, so);
    for (Index c = 0; c < p.num_citizens; ++c)
      for (auto e = p.arc_begin[at(c)]; e < p.arc_begin[at(c) + 1]; ++e) {
        const Lex truth = best(w, earlier, Objective::Score, true, c, g.opening[at(e)]);
        const auto got = warm.solve(e);
        ASSERT_TRUE(got.has_value());
        if (truth.shortfall < 0) {
          EXPECT_FALSE(got->found);
          continue;
        }
        ASSERT_TRUE(got->found);
        EXPECT_TRUE(got->proven);
        ++pins;
        kept_prices += got->kept_root_closes > 0;
        std::vector<char> placed(in.citizens.size(), 0);
        Lex v{0, 0, 0, 0};
        for (std::size_t ci = 0; ci < got->chosen.size(); ++ci) {
          const auto a = got->chosen[ci];
          if (a < 0) continue;
          placed[ci] = 1;
          v.kept += g.opening[at(a)] == earlier[ci];
          v.score += g.score[at(a)];
        }
        EXPECT_EQ(got->chosen[at(c)], e);
        EXPECT_EQ(shortfall(in, placed), truth.shortfall) << "pin " << c << " " << e;
        EXPECT_EQ(got->shortfall, truth.shortfall);
        EXPECT_EQ(v.kept, truth.kept) << "pin " << c << " " << e;
        EXPECT_EQ(v.score, truth.score) << "pin " << c << " " << e;
        differ += best(w, earlier, Objective::Score, false, c, g.opening[at(e)]).kept != truth.kept;
      }
  }
  std::printf("warm floors: %d pins priced, %d where the floors change the kept placements, %d closed at the root by "
              "the first run's pool prices\n",
              pins, differ, kept_prices);
  EXPECT_GE(pins, 500);
  EXPECT_GE(differ, 20);
  EXPECT_GE(kept_prices, 300);
}

// Suggestions and why with floors: every cost against the brute force with the pair pinned,
// P as the earlier plan; sorted by shortfall first.
// `prepare`: Planner::prepare_questions first (the re-planning Matcher solved once).
void check_suggest(std::uint64_t seed, Objective objective, double mentor_share, Coverage& cov, int citizens = 6,
                   PairPricing pricing = PairPricing::Auto, bool prepare = false, int scopes = 3) {
  SCOPED_TRACE("seed " + std::to_string(seed));
  const Instance in = floors_instance(seed, mentor_share, true, citizens, scopes);
  Planner planner(in, options_for(objective));
  planner.pricing(pricing);
  const World w = enumerate(in, planner.graph());
  const Plan& p = planner.plan().plan;
  ASSERT_EQ(p.status, Status::Optimal);
  if (prepare) planner.prepare_questions();
  std::vector<Index> earlier(in.citizens.size(), kNone);
  for (const Placement& x : p.placements) earlier[at(x.citizen)] = x.opening;
  const Lex pv = value_of(in, p, earlier);
  ++cov.instances;
  auto expect_cost = [&](const Suggestion& s) {
    ++cov.priced;
    const Lex q = best(w, earlier, objective, true, s.citizen, s.opening);
    if (q.shortfall < 0) {
      EXPECT_FALSE(s.possible) << "citizen " << s.citizen << " opening " << s.opening;
      ++cov.impossible;
      return;
    }
    ASSERT_TRUE(s.possible) << "citizen " << s.citizen << " opening " << s.opening;
    EXPECT_TRUE(s.optimal);
    EXPECT_EQ(s.cost.shortfall, q.shortfall - pv.shortfall) << "citizen " << s.citizen << " opening " << s.opening;
    EXPECT_EQ(s.cost.placed, pv.placed - q.placed) << "citizen " << s.citizen << " opening " << s.opening;
    EXPECT_EQ(s.cost.moved, pv.placed - q.kept) << "citizen " << s.citizen << " opening " << s.opening;
    EXPECT_EQ(s.cost.score, pv.score - q.score) << "citizen " << s.citizen << " opening " << s.opening;
    cov.costly_shortfall += s.cost.shortfall > 0;
    // Where the order without the placements tier places fewer, Q must still place most.
    if (objective == Objective::Placements)
      cov.orders_differ += best(w, earlier, Objective::Score, true, s.citizen, s.opening).placed < q.placed;
    if (!s.in_plan) {
      EXPECT_EQ(static_cast<std::int64_t>(std::count_if(s.changes.begin(), s.changes.end(),
                                                        [](const PlanChange& ch) { return ch.before.has_value(); })),
                s.cost.moved);
    }
  };
  const Index o = static_cast<Index>(seed % in.openings.size());
  const auto list = planner.suggest_for_opening(o, 0);
  for (const Suggestion& s : list) expect_cost(s);
  for (std::size_t i = 1; i < list.size(); ++i) {
    const Suggestion &a = list[i - 1], &b = list[i];
    if (!a.possible || !b.possible) {
      EXPECT_TRUE(a.possible || !b.possible);
      continue;
    }
    auto key = [&](const Suggestion& s) {
      return std::make_tuple(s.cost.shortfall, objective == Objective::Placements ? s.cost.placed : 0, s.cost.moved,
                             s.cost.score, -planner.graph().score[at(s.arc)], in.citizens[at(s.citizen)].id);
    };
    EXPECT_LT(key(a), key(b));
  }
  const Index c = static_cast<Index>(seed % in.citizens.size());
  for (const Suggestion& s : planner.suggest_for_citizen(c, 0)) expect_cost(s);
  const Why why = planner.why(c);
  for (const WhyOpening& wo : why.openings)
    if (wo.feasible && wo.price) expect_cost(*wo.price);
  const PricingStats& ps = planner.pricing_stats();
  cov.floor_met_pairs += ps.floor_met_pairs;
  cov.floor_missed_pairs += ps.floor_missed_pairs;
  cov.floor_cycle_pairs += ps.floor_cycle_pairs;
  if (ps.floor_cycle_pairs > 0) cov.floor_pool_pairs += ps.pool_priced_pairs;
  cov.resolved_pairs += ps.resolved_pairs;
}

TEST(PlannerFloors, SuggestAndWhyCostsAgainstBruteForce) {
  Coverage cov{"planner floors suggest/why"};
  for (std::uint64_t seed = 601; seed <= 680; ++seed)
    check_suggest(seed, seed % 2 ? Objective::Placements : Objective::Score, seed % 3 ? -1 : 0.6, cov);
  EXPECT_GE(cov.costly_shortfall, 10);
  EXPECT_GE(cov.impossible, 1);
  // Both ways of a pair when P without floors meets them: its residual plan taken, or
  // re-solved because that plan leaves a floor short.
  EXPECT_GE(cov.floor_met_pairs, 20);
  EXPECT_GE(cov.floor_missed_pairs, 10);
  // Where the floors bind (both scopes on most instances): pairs from the floors' reduction.
  EXPECT_GE(cov.floor_cycle_pairs, 40);
}

// Floors of one scope (group floors, or area floors): where they bind, pairs are priced
// from the floors' reduction's residual graph (ResidualPricer with Levels), also after a
// mentor pool's price was shifted; the others are re-solved. Every cost against the brute
// force, with and without binding mentor pools, pins on some instances.
TEST(PlannerFloors, OneScopeSuggestAndWhyAgainstBruteForce) {
  Coverage cov{"planner floors suggest/why (one scope)"};
  for (std::uint64_t seed = 2001; seed <= 2160; ++seed)
    check_suggest(seed, (seed / 2) % 2 ? Objective::Placements : Objective::Score, seed % 4 < 2 ? 0.6 : -1, cov,
                  seed % 3 ? 6 : 7, PairPricing::Auto, seed % 5 == 0, seed % 2 ? 1 : 2);
  EXPECT_GE(cov.costly_shortfall, 10);
  EXPECT_GE(cov.floor_cycle_pairs, 100);
  EXPECT_GE(cov.floor_pool_pairs, 5);
  EXPECT_GE(cov.resolved_pairs, 5);
}

// The floors' reduction pricing weighs a floor place covered above every placement (its
// first level's F' = citizens + 1 per place, plus 1 per placement): a pair's best plan keeps
// a floor place even where giving it up would place two more. Such pairs are rare: these are
// the instances where they occurred among 36,000 (seeds 3000-9000, 7 residents, one scope
// or both, with and without mentor pools); with F' = 1 (a floor place worth one placement)
// this test fails at each of them.
TEST(PlannerFloors, FloorPlacesOutweighPlacementsInTheReductionsPricing) {
  struct Case {
    std::uint64_t seed;
    int scopes;
    double mentor_share;
  };
  const Case cases[] = {{3436, 1, -1},  {3436, 3, -1},  {4292, 1, -1},  {8058, 1, -1}, {5496, 2, -1},
                        {3339, 1, 0.6}, {3343, 1, 0.6}, {5592, 1, 0.6}, {3339, 2, 0.6}};
  Coverage cov{"planner floors suggest/why (a floor place against placements)"};
  for (const Case& c : cases)
    check_suggest(c.seed, Objective::Placements, c.mentor_share, cov, 7, PairPricing::Auto, false, c.scopes);
  EXPECT_GE(cov.floor_cycle_pairs, 9);
}

// The same after Planner::prepare_questions (floors: every pair is re-solved, from the
// prepared re-planning Matcher).
TEST(PlannerFloors, PreparedSuggestAndWhyAgainstBruteForce) {
  Coverage cov{"planner floors suggest/why (prepared)"};
  for (std::uint64_t seed = 601; seed <= 640; ++seed)
    check_suggest(seed, seed % 2 ? Objective::Placements : Objective::Score, seed % 3 ? -1 : 0.6, cov, 6,
                  PairPricing::Auto, true);
  EXPECT_GE(cov.costly_shortfall, 5);
}

// The same with every pair's floors solved from scratch (the path when the warm solve does
// not prove Q).
TEST(PlannerFloors, SuggestAndWhyColdPathAgainstBruteForce) {
  Coverage cov{"planner floors suggest/why (cold)"};
  for (std::uint64_t seed = 601; seed <= 660; ++seed)
    check_suggest(seed, seed % 2 ? Objective::Placements : Objective::Score, seed % 3 ? -1 : 0.6, cov, 6,
                  PairPricing::Resolve);
  EXPECT_GE(cov.costly_shortfall, 10);
}

// Seven residents, placements objective. The counter says how often the order (shortfall,
// kept, score) alone, which the warm solve per pair uses, places fewer than Q (its plan is
// then not taken; on these instances it never does).
TEST(PlannerFloors, SuggestSevenResidentsAgainstBruteForce) {
  Coverage cov{"planner floors suggest (7 residents)"};
  for (std::uint64_t seed = 901; seed <= 960; ++seed) check_suggest(seed, Objective::Placements, seed % 2 ? -1 : 0.5, cov, 7);
  EXPECT_GE(cov.costly_shortfall, 10);
}

// A decision changed with floors: the new P is the brute-force re-plan of the changed
// instance against the old P, least shortfall first.
TEST(PlannerFloors, PinAndForbidReplanAgainstBruteForce) {
  int changed = 0, asked = 0;
  std::int64_t residual_pairs = 0;  // pairs after the decision priced from the new P's residual graph
  for (std::uint64_t seed = 701; seed <= 1000; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Objective objective = seed % 2 ? Objective::Placements : Objective::Score;
    const Instance in = floors_instance(seed, seed % 3 ? -1 : 0.6, false);
    Planner planner(in, options_for(objective));
    const Plan p = planner.plan().plan;
    std::vector<Index> earlier(in.citizens.size(), kNone);
    for (const Placement& x : p.placements) earlier[at(x.citizen)] = x.opening;
    const CandidateGraph& g = planner.graph();
    if (g.size() == 0) continue;
    Rng r(seed);
    const std::int64_t a = r.integer(0, static_cast<int>(g.size()) - 1);
    Index c = 0;
    while (g.end(c) <= a) ++c;
    const Index o = g.opening[at(a)];
    const bool pin = seed % 4 < 2;
    Instance changed_in = in;
    add_decision(changed_in, c, o, pin ? DecisionKind::Pin : DecisionKind::Forbid);
    changed_in.finalize();
    if (!check_decisions(changed_in).empty()) continue;
    const Replan rp = pin ? planner.pin(c, o) : planner.forbid(c, o);
    const CandidateGraph changed_g = build_candidates(changed_in);
    const World w = enumerate(changed_in, changed_g);
    const Lex truth = best(w, earlier, objective);
    const Lex got = value_of(changed_in, rp.plan, earlier);
    EXPECT_EQ(rp.plan.status, Status::Optimal);
    EXPECT_EQ(got.shortfall, truth.shortfall);
    if (objective == Objective::Placements) EXPECT_EQ(got.placed, truth.placed);
    EXPECT_EQ(got.kept, truth.kept);
    EXPECT_EQ(got.score, truth.score);
    ASSERT_TRUE(rp.plan.floors.has_value());
    EXPECT_EQ(rp.plan.floors->shortfall, truth.shortfall);
    // The next question is asked of the new P.
    EXPECT_EQ(planner.plan().plan.score, rp.plan.score);
    ++changed;
    // And so are suggestions: each cost against the brute force with the new P as the
    // earlier plan (the floors counted on the new P, not on the plain plan of the changed
    // instance).
    std::vector<Index> now(changed_in.citizens.size(), kNone);
    for (const Placement& x : rp.plan.placements) now[at(x.citizen)] = x.opening;
    const Lex pv = value_of(changed_in, rp.plan, now);
    const Index qo = static_cast<Index>(seed % changed_in.openings.size());
    const std::int64_t met_before = planner.pricing_stats().floor_met_pairs;
    const auto list = planner.suggest_for_opening(qo, 0);
    residual_pairs += planner.pricing_stats().floor_met_pairs - met_before;
    for (const Suggestion& s : list) {
      if (s.in_plan) continue;
      const Lex q = best(w, now, objective, true, s.citizen, s.opening);
      if (q.shortfall < 0) {
        EXPECT_FALSE(s.possible);
        continue;
      }
      ASSERT_TRUE(s.possible) << "citizen " << s.citizen << " opening " << s.opening;
      EXPECT_EQ(s.cost.shortfall, q.shortfall - pv.shortfall) << "citizen " << s.citizen << " opening " << s.opening;
      if (objective == Objective::Placements) EXPECT_EQ(s.cost.placed, pv.placed - q.placed);
      EXPECT_EQ(s.cost.moved, pv.placed - q.kept) << "citizen " << s.citizen << " opening " << s.opening;
      EXPECT_EQ(s.cost.score, pv.score - q.score) << "citizen " << s.citizen << " opening " << s.opening;
      ++asked;
    }
  }
  EXPECT_GE(changed, 150);
  EXPECT_GE(asked, 150);
  EXPECT_GE(residual_pairs, 20);  // the path that takes a residual plan meeting every floor
  std::printf("planner floors decisions: %d changed, %d pairs asked after, %lld of them priced from the residual graph\n",
              changed, asked, static_cast<long long>(residual_pairs));
}

// Same input, same options: the same re-plan and costs whatever the thread count.
TEST(PlannerFloors, SameAnswersWithOneAndTwoThreads) {
  for (std::uint64_t seed = 801; seed <= 830; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Objective objective = seed % 2 ? Objective::Placements : Objective::Score;
    const Instance in = floors_instance(seed, seed % 3 ? -1 : 0.6);
    Planner one(in, options_for(objective, 1)), two(in, options_for(objective, 2));
    std::vector<Index> earlier;
    const PreviousPlan prev = random_previous(in, one.graph(), seed, earlier);
    const Replan a = one.replan(prev), b = two.replan(prev);
    EXPECT_EQ(as_previous(in, a.plan).placements.size(), as_previous(in, b.plan).placements.size());
    for (std::size_t i = 0; i < a.plan.placements.size() && i < b.plan.placements.size(); ++i) {
      EXPECT_EQ(a.plan.placements[i].citizen, b.plan.placements[i].citizen);
      EXPECT_EQ(a.plan.placements[i].opening, b.plan.placements[i].opening);
      EXPECT_EQ(a.plan.placements[i].mentor, b.plan.placements[i].mentor);
    }
    const Index o = static_cast<Index>(seed % in.openings.size());
    const auto sa = one.suggest_for_opening(o, 0), sb = two.suggest_for_opening(o, 0);
    ASSERT_EQ(sa.size(), sb.size());
    for (std::size_t i = 0; i < sa.size(); ++i) {
      EXPECT_EQ(sa[i].citizen, sb[i].citizen);
      EXPECT_EQ(sa[i].cost.shortfall, sb[i].cost.shortfall);
      EXPECT_EQ(sa[i].cost.moved, sb[i].cost.moved);
      EXPECT_EQ(sa[i].cost.score, sb[i].cost.score);
    }
  }
}

// The tool: `match --previous`, `--save`/`--warm`, `suggest` and `why` with floors.csv plan with
// the floors, and print no warning about them.
TEST(PlannerFloors, CliPreviousSaveWarmSuggestWithFloors) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("pm_planner_floors_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path inst = dir / "inst";
  fs::copy(fs::path(PLACEMATCH_SOURCE_DIR) / "data" / "sonderborg", inst);
  std::ofstream(inst / "floors.csv") << "scope,code,min_share\ngroup,6.1,0.6\narea,stenbjergparken,0.6\n";
  const std::string p = inst.string();
  CliOutcome first = run_cli("match " + p + " --quiet --json " + (dir / "first.json").string());
  ASSERT_EQ(first.code, 0) << first.out;
  const auto j1 = nlohmann::json::parse(slurp(dir / "first.json"));
  ASSERT_EQ(j1["floors"].size(), 2u);
  // An earlier plan: the first plan with its first ten placements dropped.
  nlohmann::json earlier = j1;
  auto& pl = earlier["placements"];
  pl.erase(pl.begin(), pl.begin() + 10);
  std::ofstream(dir / "earlier.json") << earlier.dump();
  CliOutcome again = run_cli("match " + p + " --quiet --previous " + (dir / "earlier.json").string() + " --json " +
                             (dir / "again.json").string());
  ASSERT_EQ(again.code, 0) << again.out;
  EXPECT_EQ(again.out.find("warning"), std::string::npos) << again.out;
  EXPECT_EQ(again.out.find("floors"), std::string::npos) << again.out;
  const auto j2 = nlohmann::json::parse(slurp(dir / "again.json"));
  ASSERT_EQ(j2["floors"].size(), 2u);
  ASSERT_TRUE(j2.contains("price_of_floors"));
  // The re-plan has the least shortfall too: no more than the plan's (which is least).
  std::int64_t s1 = 0, s2 = 0;
  for (const auto& f : j1["floors"]) s1 += f["shortfall"].get<std::int64_t>();
  for (const auto& f : j2["floors"]) s2 += f["shortfall"].get<std::int64_t>();
  if (j1["status"] == "optimal" && j2["status"] == "optimal") EXPECT_EQ(s2, s1);
  EXPECT_GT(j1["floors"][0]["required"].get<std::int64_t>(), 0);
  // The warm planner keeps and restarts the plan with floors.
  CliOutcome save = run_cli("match " + p + " --quiet --save " + (dir / "s.pms").string() + " --json " +
                            (dir / "saved.json").string());
  ASSERT_EQ(save.code, 0) << save.out;
  CliOutcome warm = run_cli("match " + p + " --quiet --warm " + (dir / "s.pms").string() + " --json " +
                            (dir / "warm.json").string());
  ASSERT_EQ(warm.code, 0) << warm.out;
  const auto js = nlohmann::json::parse(slurp(dir / "saved.json"));
  const auto jw = nlohmann::json::parse(slurp(dir / "warm.json"));
  EXPECT_EQ(js["floors"], j1["floors"]);
  EXPECT_EQ(js["placements"].size(), j1["placements"].size());
  std::int64_t sw = 0;
  for (const auto& f : jw["floors"]) sw += f["shortfall"].get<std::int64_t>();
  if (jw["status"] == "optimal" && j1["status"] == "optimal") EXPECT_EQ(sw, s1);
  // Suggestions carry the shortfall in their cost.
  const std::string opening = j1["placements"][0]["opening"].get<std::string>();
  CliOutcome sug = run_cli("suggest " + p + " --opening " + opening + " --top 3 --json " + (dir / "s.json").string());
  ASSERT_EQ(sug.code, 0) << sug.out;
  const auto jsug = nlohmann::json::parse(slurp(dir / "s.json"));
  bool priced = false;
  for (const auto& s : jsug["suggestions"])
    if (s["possible"].get<bool>()) {
      EXPECT_TRUE(s["cost"].contains("shortfall")) << s.dump();
      priced = true;
    }
  EXPECT_TRUE(priced);
  fs::remove_all(dir);
}

}  // namespace

// The Sønderborg sample with floors of one scope that bind: every suggestion of a dozen
// openings and every answer of `why` for a dozen residents priced from the floors'
// reduction's residual graph (Auto) equals the same pair re-solved warm (Resolve, itself
// checked against the brute force above): the same cost, status and changes. The
// instance is too large for the brute force; the re-solve is the oracle here.
TEST(PlannerFloors, SonderborgReductionPricingEqualsResolve) {
  // (Both scopes are left to the brute-force tests above: a re-solve with both takes about
  // two seconds on this sample, the comparison minutes.)
  for (const int scopes : {1, 2}) {  // group floors, area floors
    const char* name = scopes == 1 ? "group" : scopes == 2 ? "area" : "group and area";
    SCOPED_TRACE(name);
    Instance in = generate_sonderborg_sample();
    if (scopes & 1)
      for (const char* code : {"6.1", "6.2", "6.3", "INT-SHP"})
        in.floors.push_back({FloorScope::Group, in.target_group_code(code), 0.5, "test"});
    if (scopes & 2)
      for (Index a = 0; a < static_cast<Index>(in.areas.size()); ++a) in.floors.push_back({FloorScope::Area, a, 0.6, "test"});
    in.finalize();
    Planner fast(in, options_for(Objective::Placements));
    Planner slow(in, options_for(Objective::Placements));
    slow.pricing(PairPricing::Resolve);
    ASSERT_TRUE(fast.plan().plan.floors.has_value());
    const FloorsOutcome& fo = *fast.plan().plan.floors;
    ASSERT_TRUE(fo.shortfall > 0 || fo.price_score + fo.price_placed > 0);  // the plan without floors is not P
    auto same = [&](const Suggestion& a, const Suggestion& b) {
      EXPECT_EQ(a.citizen, b.citizen);
      EXPECT_EQ(a.opening, b.opening);
      EXPECT_EQ(a.possible, b.possible);
      EXPECT_EQ(a.optimal, b.optimal);
      EXPECT_EQ(a.cost.shortfall, b.cost.shortfall) << "c" << a.citizen << " o" << a.opening;
      EXPECT_EQ(a.cost.placed, b.cost.placed) << "c" << a.citizen << " o" << a.opening;
      EXPECT_EQ(a.cost.moved, b.cost.moved) << "c" << a.citizen << " o" << a.opening;
      EXPECT_EQ(a.cost.score, b.cost.score) << "c" << a.citizen << " o" << a.opening;
      EXPECT_EQ(a.changes.size(), b.changes.size()) << "c" << a.citizen << " o" << a.opening;
    };
    for (Index o = 0; o < static_cast<Index>(in.openings.size()); o += 12) {
      const auto x = fast.suggest_for_opening(o, 0), y = slow.suggest_for_opening(o, 0);
      ASSERT_EQ(x.size(), y.size());
      for (std::size_t i = 0; i < x.size(); ++i) same(x[i], y[i]);
    }
    for (Index c = 0; c < static_cast<Index>(in.citizens.size()); c += 29) {
      const Why x = fast.why(c), y = slow.why(c);
      ASSERT_EQ(x.openings.size(), y.openings.size());
      for (std::size_t i = 0; i < x.openings.size(); ++i) {
        ASSERT_EQ(x.openings[i].price.has_value(), y.openings[i].price.has_value());
        if (x.openings[i].price) same(*x.openings[i].price, *y.openings[i].price);
      }
    }
    std::printf("sonderborg %s floors: %lld pairs from the floors' reduction, %lld re-solved\n", name,
                static_cast<long long>(fast.pricing_stats().floor_cycle_pairs),
                static_cast<long long>(fast.pricing_stats().resolved_pairs));
    EXPECT_GE(fast.pricing_stats().floor_cycle_pairs, 20);
  }
}
