// The warm planner (contract v2, sections 6-9) against independent oracles on small random
// instances: every plan of the instance is enumerated once (the rules of section 3 written
// again in tests/brute_force_support.hpp), and each question is answered by scanning them in the lexicographic order
// of section 7 — re-plans, suggestion costs, empty-seat reasons and why-rules.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "brute_force_support.hpp"
#include "detail/residual_pricing.hpp"
#include "placematch/engine/solve.hpp"
#include "placematch/explain/empty_seats.hpp"
#include "placematch/planner/planner.hpp"
#include "placematch/rules/decisions.hpp"

using namespace placematch;
using namespace pmtest;

namespace {

std::size_t at(Index i) { return static_cast<std::size_t>(i); }

// Every plan that keeps the rules of section 3 (pins included): per citizen the chosen
// opening or kNone.
struct World {
  std::vector<std::vector<Index>> plans;
  std::vector<std::vector<std::int32_t>> scores;  // per plan, per citizen: the score (0 if none)
};

World enumerate(const Instance& in, const CandidateGraph& g) {
  World w;
  for_each_plan(in, g, [&](const std::vector<std::int64_t>& choice) {
    std::vector<Index> plan(choice.size(), kNone);
    std::vector<std::int32_t> sc(choice.size(), 0);
    for (std::size_t c = 0; c < choice.size(); ++c)
      if (choice[c] >= 0) {
        plan[c] = g.opening[static_cast<std::size_t>(choice[c])];
        sc[c] = g.score[static_cast<std::size_t>(choice[c])];
      }
    w.plans.push_back(std::move(plan));
    w.scores.push_back(std::move(sc));
  });
  return w;
}

struct Lex {
  std::int64_t placed = -1, kept = -1, score = -1;
};

// Plan i's value against `earlier`: placements, earlier placements kept, score.
Lex value_of(const World& w, std::size_t i, const std::vector<Index>& earlier) {
  Lex v{0, 0, 0};
  for (std::size_t c = 0; c < w.plans[i].size(); ++c) {
    if (w.plans[i][c] == kNone) continue;
    ++v.placed;
    v.kept += earlier[c] == w.plans[i][c];
    v.score += w.scores[i][c];
  }
  return v;
}

// The best plan in section 7's order against `earlier` (per citizen: an opening or kNone): of every plan, of the plans that
// hold the pair (pin_c, pin_o), or (without_pair) of those that do not.
Lex best(const World& w, const std::vector<Index>& earlier, Objective objective, Index pin_c = kNone,
         Index pin_o = kNone, bool without_pair = false) {
  Lex b;
  for (std::size_t i = 0; i < w.plans.size(); ++i) {
    const auto& p = w.plans[i];
    if (pin_c != kNone && (p[at(pin_c)] == pin_o) == without_pair) continue;
    const Lex v = value_of(w, i, earlier);
    const bool better = objective == Objective::Placements
                            ? std::tie(v.placed, v.kept, v.score) > std::tie(b.placed, b.kept, b.score)
                            : std::tie(v.kept, v.score) > std::tie(b.kept, b.score);
    if (better) b = v;
  }
  return b;
}

Instance small_instance(std::uint64_t seed, int citizens = 6) {
  Instance in = competing_instance(seed, citizens);
  add_random_pins(in, seed, 0.4);
  return in;
}

// An earlier plan drawn at random: some citizens in random openings (feasible or not),
// plus a citizen and an opening that are not in the instance.
PreviousPlan random_previous(const Instance& in, const CandidateGraph& g, std::uint64_t seed,
                             std::vector<Index>& earlier) {
  Rng r(seed * 31 + 7);
  PreviousPlan p;
  earlier.assign(in.citizens.size(), kNone);
  for (std::size_t c = 0; c < in.citizens.size(); ++c) {
    if (!r.chance(0.6)) continue;
    Index o = r.integer(0, static_cast<int>(in.openings.size()) - 1);
    const auto ci = static_cast<Index>(c);
    if (g.end(ci) > g.begin(ci) && r.chance(0.7))
      o = g.opening[static_cast<std::size_t>(r.integer(static_cast<int>(g.begin(ci)), static_cast<int>(g.end(ci)) - 1))];
    if (r.chance(0.1)) {
      p.placements.push_back({in.citizens[c].id, "gone_opening", std::nullopt});
      continue;
    }
    earlier[c] = o;
    p.placements.push_back({in.citizens[c].id, in.openings[at(o)].id, std::nullopt});
  }
  if (r.chance(0.5)) p.placements.push_back({"gone_citizen", in.openings[0].id, std::nullopt});
  return p;
}

struct Coverage {
  int instances = 0, moved_or_lost = 0, kept_some = 0, impossible = 0, priced = 0, costly = 0, with_pins = 0;
  int kept_prices = 0;  // re-solves whose root the first run's pool prices closed (no pool LP)
};

void check_replan(std::uint64_t seed, Objective objective, LexicographicScaling scaling, Coverage& cov) {
  Instance in = small_instance(seed);
  ASSERT_TRUE(check_decisions(in).empty());
  MatchOptions opt;
  opt.solve.objective = objective;
  opt.solve.threads = 1;
  Planner planner(in, opt);
  planner.scaling(scaling);
  const World w = enumerate(in, planner.graph());
  ASSERT_FALSE(w.plans.empty());
  std::vector<Index> earlier;
  const PreviousPlan prev = random_previous(in, planner.graph(), seed, earlier);
  const Replan r = planner.replan(prev);
  ++cov.instances;
  cov.with_pins += std::any_of(in.decisions.begin(), in.decisions.end(),
                               [](const Decision& d) { return d.kind == DecisionKind::Pin; });
  const Lex truth = best(w, earlier, objective);
  ASSERT_EQ(r.plan.status, Status::Optimal) << "seed " << seed;
  std::int64_t kept = 0;
  for (const Placement& p : r.plan.placements) kept += earlier[at(p.citizen)] == p.opening;
  EXPECT_EQ(kept, truth.kept) << "seed " << seed;
  EXPECT_EQ(r.previous.kept, truth.kept) << "seed " << seed;
  EXPECT_EQ(r.plan.score, truth.score) << "seed " << seed;
  if (objective == Objective::Placements) EXPECT_EQ(r.plan.placed, truth.placed) << "seed " << seed;
  cov.kept_some += truth.kept > 0;
  EXPECT_TRUE(check_plan(in, planner.graph(), r.plan).empty());
  // The summary and the changes, recomputed from the two plans.
  ForbiddenPairs forbidden(in);
  std::int64_t still = 0;
  for (std::size_t c = 0; c < in.citizens.size(); ++c)
    if (earlier[c] != kNone && feasible(in, forbidden, static_cast<Index>(c), earlier[c])) ++still;
  EXPECT_EQ(r.previous.still_feasible, still);
  EXPECT_EQ(r.previous.placements, static_cast<std::int64_t>(prev.placements.size()));
  std::vector<std::string> expect;
  std::map<std::string, std::string> before;
  for (const auto& e : prev.placements) before[e.citizen] = e.opening;
  std::vector<Index> now(in.citizens.size(), kNone);
  for (const Placement& p : r.plan.placements) now[at(p.citizen)] = p.opening;
  for (std::size_t c = 0; c < in.citizens.size(); ++c) {
    const auto it = before.find(in.citizens[c].id);
    const std::string b = it == before.end() ? "-" : it->second;
    const std::string a = now[c] == kNone ? "-" : in.openings[at(now[c])].id;
    if (a == b) continue;
    const std::string kind = b == "-" ? "placed" : a == "-" ? "unplaced" : "moved";
    expect.push_back(in.citizens[c].id + " " + b + " " + a + " " + kind);
  }
  for (const auto& e : prev.placements)
    if (e.citizen == "gone_citizen") expect.push_back("gone_citizen " + e.opening + " - gone");
  std::vector<std::string> got;
  for (const PlanChange& ch : r.changes)
    got.push_back(ch.citizen_id + " " + ch.before.value_or("-") + " " + ch.after.value_or("-") + " " +
                  std::string(to_string(ch.kind)));
  EXPECT_EQ(got, expect) << "seed " << seed;
  cov.moved_or_lost += std::any_of(r.changes.begin(), r.changes.end(), [](const PlanChange& ch) {
    return ch.kind == PlanChange::Kind::Moved || ch.kind == PlanChange::Kind::Unplaced;
  });
}

// `prepare`: Planner::prepare_questions first (the re-solves then start from the prepared
// re-planning Matcher).
void check_suggestions(std::uint64_t seed, Objective objective, LexicographicScaling scaling, Coverage& cov,
                       PairPricing pricing = PairPricing::Auto, bool prepare = false) {
  Instance in = small_instance(seed);
  MatchOptions opt;
  opt.solve.objective = objective;
  opt.solve.threads = 1;
  Planner planner(in, opt);
  planner.scaling(scaling);
  planner.pricing(pricing);
  const World w = enumerate(in, planner.graph());
  const Plan& p = planner.plan().plan;
  ASSERT_EQ(p.status, Status::Optimal);
  if (prepare) planner.prepare_questions();
  std::vector<Index> earlier(in.citizens.size(), kNone);
  for (const Placement& x : p.placements) earlier[at(x.citizen)] = x.opening;
  const Index o = static_cast<Index>(seed % in.openings.size());
  const auto list = planner.suggest_for_opening(o, 0);
  std::size_t pairs = 0;
  for (std::size_t c = 0; c < in.citizens.size(); ++c) pairs += planner.graph().find(static_cast<Index>(c), o) >= 0;
  ASSERT_EQ(list.size(), pairs);
  for (const Suggestion& s : list) {
    ++cov.priced;
    EXPECT_EQ(s.opening, o);
    const Lex q = best(w, earlier, objective, s.citizen, o);
    if (q.placed < 0) {
      EXPECT_FALSE(s.possible) << "seed " << seed << " citizen " << s.citizen;
      ++cov.impossible;
      continue;
    }
    ASSERT_TRUE(s.possible) << "seed " << seed << " citizen " << s.citizen;
    ASSERT_TRUE(s.optimal);
    EXPECT_EQ(s.in_plan, earlier[at(s.citizen)] == o);
    EXPECT_EQ(s.cost.placed, p.placed - q.placed) << "seed " << seed;
    EXPECT_EQ(s.cost.moved, p.placed - q.kept) << "seed " << seed;
    EXPECT_EQ(s.cost.score, p.score - q.score) << "seed " << seed;
    cov.costly += s.cost.moved > 0 || s.cost.placed > 0;
    // The changes say the pair's own citizen is where the pair puts it.
    if (!s.in_plan) {
      bool own = false;
      for (const PlanChange& ch : s.changes) own |= ch.citizen == s.citizen && ch.after == in.openings[at(o)].id;
      EXPECT_TRUE(own) << "seed " << seed;
      EXPECT_EQ(static_cast<std::int64_t>(std::count_if(s.changes.begin(), s.changes.end(),
                                                        [](const PlanChange& ch) { return ch.before.has_value(); })),
                s.cost.moved);
    }
  }
  // Sorted as section 8 says.
  for (std::size_t i = 1; i < list.size(); ++i) {
    const Suggestion &a = list[i - 1], &b = list[i];
    if (a.possible != b.possible) {
      EXPECT_TRUE(a.possible);
      continue;
    }
    if (!a.possible) continue;
    auto key = [&](const Suggestion& s) {
      return std::make_tuple(objective == Objective::Placements ? s.cost.placed : 0, s.cost.moved, s.cost.score,
                             -planner.graph().score[static_cast<std::size_t>(s.arc)], in.citizens[at(s.citizen)].id);
    };
    EXPECT_LT(key(a), key(b)) << "seed " << seed;
  }
  cov.kept_prices += static_cast<int>(planner.pricing_stats().resolves_kept_prices);
}

}  // namespace

TEST(PlannerReplan, PlacementsOrderAgainstBruteForce) {
  Coverage cov;
  for (std::uint64_t seed = 1; seed <= 150; ++seed)
    check_replan(seed, Objective::Placements, LexicographicScaling::Auto, cov);
  std::printf("coverage: %d instances, %d keep some, %d move or unplace someone, %d with pins\n", cov.instances,
              cov.kept_some, cov.moved_or_lost, cov.with_pins);
  EXPECT_GE(cov.kept_some, 100);
  EXPECT_GE(cov.moved_or_lost, 30);
  EXPECT_GE(cov.with_pins, 20);
}

TEST(PlannerReplan, VerifiedScalingAgainstBruteForce) {
  Coverage cov;
  for (std::uint64_t seed = 201; seed <= 320; ++seed)
    check_replan(seed, Objective::Placements, LexicographicScaling::Verified, cov);
  EXPECT_GE(cov.kept_some, 80);
}

TEST(PlannerReplan, ScoreOrderAgainstBruteForce) {
  Coverage cov;
  for (std::uint64_t seed = 401; seed <= 520; ++seed)
    check_replan(seed, Objective::Score, LexicographicScaling::Auto, cov);
  EXPECT_GE(cov.kept_some, 80);
}

TEST(PlannerSuggest, CostsAgainstBruteForce) {
  Coverage cov;
  for (std::uint64_t seed = 601; seed <= 800; ++seed)
    check_suggestions(seed, Objective::Placements, seed % 2 ? LexicographicScaling::Auto : LexicographicScaling::Verified,
                      cov);
  std::printf("coverage: %d pairs priced, %d with a cost in placements or moves, %d impossible\n", cov.priced,
              cov.costly, cov.impossible);
  EXPECT_GE(cov.priced, 300);
  EXPECT_GE(cov.costly, 50);
}

// Every pair by a warm re-solve on the verified LAMBDA: a re-solve that keeps P's
// placements is accepted without the verification solve (P is optimal, so no plan with the
// pin has more), the others are verified; all against the brute force.
TEST(PlannerSuggest, VerifiedResolvesAgainstBruteForce) {
  Coverage cov;
  for (std::uint64_t seed = 601; seed <= 800; ++seed)
    check_suggestions(seed, Objective::Placements, LexicographicScaling::Verified, cov, PairPricing::Resolve);
  std::printf("coverage: %d pairs priced, %d re-solves closed by the first run's pool prices\n", cov.priced,
              cov.kept_prices);
  EXPECT_GE(cov.priced, 300);
  EXPECT_GE(cov.costly, 50);
}

// The same pairs after Planner::prepare_questions: re-solves (every pair, or those the
// residual graph leaves) start from the re-planning Matcher solved without a pin; their
// costs are still the brute force's.
TEST(PlannerSuggest, PreparedQuestionsAgainstBruteForce) {
  Coverage cov;
  for (std::uint64_t seed = 601; seed <= 800; ++seed)
    check_suggestions(seed, Objective::Placements, seed % 3 ? LexicographicScaling::Verified : LexicographicScaling::Auto,
                      cov, seed % 2 ? PairPricing::Resolve : PairPricing::Auto, true);
  std::printf("coverage: %d pairs priced, %d re-solves closed by the first run's pool prices\n", cov.priced,
              cov.kept_prices);
  EXPECT_GE(cov.priced, 300);
  EXPECT_GE(cov.costly, 50);
}

TEST(PlannerSuggest, ScoreObjectiveCostsAgainstBruteForce) {
  Coverage cov;
  for (std::uint64_t seed = 801; seed <= 900; ++seed)
    check_suggestions(seed, Objective::Score, LexicographicScaling::Auto, cov);
  EXPECT_GE(cov.priced, 150);
}

namespace {

// The contract's rules of section 2, written again rule by rule: the codes `why` must give.
std::vector<std::string> expected_rules(const Instance& in, Index ci, Index oi) {
  const Citizen& c = in.citizens[at(ci)];
  const Opening& o = in.openings[at(oi)];
  const Company& k = in.companies[at(o.company)];
  const Area& a = in.areas[at(c.area)];
  std::vector<std::string> out;
  if (oracle_km(a.lat, a.lon, k.lat, k.lon) > c.max_km + 1e-9) out.push_back("distance");
  if (std::max(c.hours - c.hours_tolerance, o.hours_min) > std::min(c.hours + c.hours_tolerance, o.hours_max) + 1e-9)
    out.push_back("hours");
  bool lacks = false;
  for (const CodeLevel& r : o.required) {
    int has = 0;
    for (const CodeLevel& x : c.competences)
      if (x.code == r.code) has = x.level;
    lacks |= has < r.level;
  }
  if (lacks) out.push_back("competences");
  bool blocked = false;
  for (const CodeLevel& b : c.barriers)
    for (const CodeLevel& l : o.barrier_limits)
      if (b.code == l.code && b.level > l.level) blocked = true;
  if (blocked) out.push_back("barriers");
  bool group_age = false;
  if (!o.groups.empty() && std::find(o.groups.begin(), o.groups.end(), c.target_group) == o.groups.end())
    group_age = true;
  if (o.age_min && c.age < *o.age_min) group_age = true;
  if (o.age_max && c.age > *o.age_max) group_age = true;
  if (c.age < 18 && o.kind != OpeningKind::LeisureJob && o.kind != OpeningKind::Internship) group_age = true;
  if (o.kind == OpeningKind::LeisureJob && (c.age < 13 || c.age > 17)) group_age = true;
  if (group_age) out.push_back("group_or_age");
  if (std::find(c.excluded_companies.begin(), c.excluded_companies.end(), o.company) != c.excluded_companies.end())
    out.push_back("excluded");
  for (const Decision& d : in.decisions)
    if (d.kind == DecisionKind::Forbid && d.citizen == ci && d.opening == oi) {
      out.push_back("forbidden");
      break;
    }
  if (c.needs_mentor || o.mentor_required) {
    bool free = false;
    for (const Mentor& m : in.mentors) free |= m.company == o.company && m.capacity - m.carrying_now >= 1;
    if (!free) out.push_back("no_mentor");
  }
  return out;
}

// The empty-seat reason of section 6, recomputed from the plan and the rules.
std::string expected_empty_reason(const Instance& in, const Plan& plan, Index oi) {
  const Opening& o = in.openings[at(oi)];
  const Company& k = in.companies[at(o.company)];
  ForbiddenPairs forbidden(in);
  std::vector<char> placed(in.citizens.size(), 0);
  for (const Placement& p : plan.placements) placed[at(p.citizen)] = 1;
  std::vector<Index> fit;
  for (std::size_t c = 0; c < in.citizens.size(); ++c)
    if (expected_rules(in, static_cast<Index>(c), oi).empty()) fit.push_back(static_cast<Index>(c));
  if (fit.empty()) return "no_candidate";
  const bool capped_kind = o.kind == OpeningKind::Internship || o.kind == OpeningKind::WageSubsidy;
  if (capped_kind && k.employees) {
    int used = 0;
    for (const Placement& p : plan.placements) {
      const Opening& q = in.openings[at(p.opening)];
      used += q.company == o.company && (q.kind == OpeningKind::Internship || q.kind == OpeningKind::WageSubsidy);
    }
    if (used >= std::max(0, reasonableness_cap(*k.employees, k.supported_now))) return "reasonableness";
  }
  bool all_need = true;
  for (Index c : fit)
    if (!placed[at(c)] && !(in.citizens[at(c)].needs_mentor || o.mentor_required)) all_need = false;
  int room = 0, mentored = 0;
  for (const Mentor& m : in.mentors)
    if (m.company == o.company) room += std::max(0, m.capacity - m.carrying_now);
  for (const Placement& p : plan.placements) {
    const Opening& q = in.openings[at(p.opening)];
    mentored += q.company == o.company && (in.citizens[at(p.citizen)].needs_mentor || q.mentor_required);
  }
  if (all_need && mentored >= room) return "no_mentor";
  return "candidates_placed_elsewhere";
}

}  // namespace

TEST(PlannerWhy, EveryBrokenRuleInTheContractsOrder) {
  int pairs = 0, broken = 0, several = 0;
  std::set<std::string> codes;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    RandomShape shape;
    shape.citizens = 12;
    shape.openings = 10;
    Instance in = random_instance(seed, shape);
    Planner planner(in);
    for (Index c = 0; c < static_cast<Index>(in.citizens.size()); ++c) {
      for (Index o = 0; o < static_cast<Index>(in.openings.size()); ++o) {
        const Why w = planner.why(c, o);
        ASSERT_EQ(w.openings.size(), 1u);
        const WhyOpening& wo = w.openings[0];
        std::vector<std::string> got;
        for (const BrokenRule& r : wo.rules) {
          got.push_back(r.code);
          EXPECT_TRUE(r.message.find(in.citizens[at(c)].id) != std::string::npos ||
                      r.message.find(in.openings[at(o)].id) != std::string::npos)
              << r.message;
        }
        const auto want = expected_rules(in, c, o);
        EXPECT_EQ(got, want) << "seed " << seed << " " << in.citizens[at(c)].id << "/" << in.openings[at(o)].id;
        EXPECT_EQ(wo.feasible, want.empty());
        EXPECT_EQ(planner.graph().find(c, o) >= 0, want.empty());
        ++pairs;
        broken += !want.empty();
        several += want.size() >= 2;
        codes.insert(want.begin(), want.end());
      }
    }
  }
  EXPECT_GE(broken, 1000);
  EXPECT_GE(several, 300);
  EXPECT_EQ(codes.size(), 8u);  // every rule code seen
}

TEST(PlannerWhy, UnplacedResidentListsOpeningsInReachCheapestFirst) {
  int checked = 0;
  for (std::uint64_t seed = 901; seed <= 960; ++seed) {
    Instance in = small_instance(seed, 7);
    Planner planner(in);
    const Plan& p = planner.plan().plan;
    for (const Unplaced& u : p.unplaced) {
      const Why w = planner.why(u.citizen);
      EXPECT_FALSE(w.placed.has_value());
      EXPECT_EQ(w.reason_code, std::string(to_string(u.reason_code)));
      const Citizen& c = in.citizens[at(u.citizen)];
      std::size_t in_reach = 0;
      for (Index o = 0; o < static_cast<Index>(in.openings.size()); ++o) {
        const Opening& op = in.openings[at(o)];
        const Area& a = in.areas[at(c.area)];
        const Company& k = in.companies[at(op.company)];
        in_reach += oracle_km(a.lat, a.lon, k.lat, k.lon) <= c.max_km + 1e-9;
      }
      EXPECT_EQ(w.openings.size(), in_reach);
      EXPECT_EQ(w.nearest.has_value(), in_reach == 0);
      bool seen_infeasible = false;
      for (std::size_t i = 0; i < w.openings.size(); ++i) {
        const WhyOpening& wo = w.openings[i];
        if (!wo.feasible) {
          seen_infeasible = true;
          continue;
        }
        EXPECT_FALSE(seen_infeasible) << "feasible openings come first";
        ASSERT_TRUE(wo.price.has_value());
        const auto direct = planner.price(u.citizen, wo.opening);
        EXPECT_EQ(direct->cost.placed, wo.price->cost.placed);
        EXPECT_EQ(direct->cost.moved, wo.price->cost.moved);
        EXPECT_EQ(direct->cost.score, wo.price->cost.score);
        std::vector<Index> holders;
        for (const Placement& x : p.placements)
          if (x.opening == wo.opening) holders.push_back(x.citizen);
        EXPECT_EQ(wo.holders, holders);
        if (i > 0 && w.openings[i - 1].feasible && wo.price->possible && w.openings[i - 1].price->possible) {
          const auto& a = w.openings[i - 1].price->cost;
          const auto& b = wo.price->cost;
          EXPECT_LE(std::tie(a.placed, a.moved, a.score), std::tie(b.placed, b.moved, b.score));
        }
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 20);
}

TEST(PlannerEmptySeats, ReasonsRecomputedFromTheRules) {
  std::map<std::string, int> seen;
  for (std::uint64_t seed = 1; seed <= 120; ++seed) {
    RandomShape shape;
    shape.citizens = 25;
    shape.openings = 14;
    Instance in = random_instance(seed, shape);
    // Tighter companies: more reasonableness caps and mentor pools that bind.
    for (std::size_t k = 0; k < in.companies.size(); ++k)
      if (seed % 3 == 0 && in.companies[k].employees) in.companies[k].employees = std::min(*in.companies[k].employees, 12);
    for (Citizen& c : in.citizens) c.max_km = std::max(c.max_km, 25.0);
    in.finalize();
    Planner planner(in);
    const Plan& p = planner.plan().plan;
    std::vector<int> taken(in.openings.size(), 0);
    for (const Placement& x : p.placements) ++taken[at(x.opening)];
    std::size_t listed = 0;
    for (Index o = 0; o < static_cast<Index>(in.openings.size()); ++o) {
      const int free = in.openings[at(o)].seats - taken[at(o)];
      if (free <= 0) continue;
      ASSERT_LT(listed, p.empty_seats.size());
      const EmptySeat& e = p.empty_seats[listed++];
      EXPECT_EQ(e.opening, o);
      EXPECT_EQ(e.free, free);
      EXPECT_EQ(e.reason_code, expected_empty_reason(in, p, o)) << "seed " << seed << " " << in.openings[at(o)].id;
      EXPECT_FALSE(e.reason.empty());
      ++seen[e.reason_code];
    }
    EXPECT_EQ(listed, p.empty_seats.size());
  }
  for (const char* code : {"no_candidate", "reasonableness", "no_mentor", "candidates_placed_elsewhere"})
    EXPECT_GE(seen[code], 5) << code;
}

// ---- Pricing from the residual graph (planner.hpp, detail/residual_pricing.hpp) ----

namespace {

// Finalizes an instance changed after it was built; a pin the changes broke drops the pins.
void finalize_dropping_broken_pins(Instance& in) {
  in.finalize();
  if (check_decisions(in).empty()) return;
  in.decisions.erase(std::remove_if(in.decisions.begin(), in.decisions.end(),
                                    [](const Decision& d) { return d.kind == DecisionKind::Pin; }),
                     in.decisions.end());
  in.finalize();
}

// The small instances of the pricing tests: as small_instance, and by seed mod 3 also
// without mentors needed (a pure flow), or with reasonableness caps that bind.
Instance pricing_instance(std::uint64_t seed) {
  Instance in = small_instance(seed, 6 + static_cast<int>(seed % 2));
  if (seed % 3 == 0) {
    for (Citizen& c : in.citizens) c.needs_mentor = false;
    for (Opening& o : in.openings) o.mentor_required = false;
  } else if (seed % 3 == 2) {
    for (Company& k : in.companies)
      if (k.employees) k.employees = std::min(*k.employees, 12);
  }
  finalize_dropping_broken_pins(in);
  return in;
}

// The index of plan `q` (per citizen an opening) among the world's plans, or -1.
long find_plan(const World& w, const std::vector<Index>& q) {
  for (std::size_t i = 0; i < w.plans.size(); ++i)
    if (w.plans[i] == q) return static_cast<long>(i);
  return -1;
}

// What the residual-pricing checks reached (defined beside their checks).
struct SeveralCoverage;
struct TreeCoverage;

struct PricingCoverage {
  int instances = 0, certified = 0, exact = 0, pool_broken = 0, impossible = 0, costly = 0, released = 0;
  int raised = 0, raise_failed = 0, up = 0, down = 0, bounded = 0, pool_priced = 0, repaired = 0, unpriced = 0;
  int together = 0, together_priced = 0;
  int several = 0;  // the Planner's pairs priced after a joint shift of several pools
  int unfixed = 0, unfixed_priced = 0;  // pools lowered to 0 for want of F, and pairs priced after that
  int resolved = 0, resolves_bounded = 0;  // the Planner's re-solves, and those its residual bound proved
  int union_priced = 0;                 // the Planner's pairs priced after every group's pools shifted at once
  int slow_resolved = 0, slow_kept_prices = 0;  // the re-solves-only Planner's re-solves, and those whose root the
                                                // first run's pool prices closed (no pool LP)
  int slow_local_prices = 0;  // of those, the ones closed after the local LP's prices
};

// P of a pricing instance with its residual certificate: the setup of the residual-pricing
// checks below (the brute force's world and P's openings per citizen beside it).
struct PricedPlan {
  static MatchOptions options(Objective objective) {
    MatchOptions opt;
    opt.solve.objective = objective;
    opt.solve.threads = 1;
    return opt;
  }
  static std::vector<Index> openings_of(const Instance& in, const Plan& plan) {
    std::vector<Index> earlier(in.citizens.size(), kNone);
    for (const Placement& x : plan.placements) earlier[at(x.citizen)] = x.opening;
    return earlier;
  }
  // P's pooled placements per mentor pool.
  static std::vector<std::int64_t> pooled(const MatchingProblem& problem, const std::vector<ArcIndex>& plan) {
    std::vector<std::int64_t> used(problem.pool_limit.size(), 0);
    for (std::int64_t e : plan)
      if (e >= 0 && problem.arc_pooled[at(e)] && problem.opening_pool[at(problem.arc_opening[at(e)])] != kNone)
        ++used[at(problem.opening_pool[at(problem.arc_opening[at(e)])])];
    return used;
  }
  PricedPlan(std::uint64_t seed, Objective objective)
      : in(pricing_instance(seed)),
        planner(in, options(objective)),
        r(planner.plan()),
        g(planner.graph()),
        w(enumerate(in, g)),
        earlier(openings_of(in, r.plan)),
        problem(make_problem(in, g)),
        pricer(problem, r.solution.citizen_arc, objective),
        pool_used(pooled(problem, r.solution.citizen_arc)),
        seed(seed),
        objective(objective) {}
  // The residual-pricing checks below, run on this P.
  void check_residual(PricingCoverage& cov);
  void check_raised(PricingCoverage& cov);
  void check_several(SeveralCoverage& cov);
  void check_sink_trees(TreeCoverage& cov);
  // An exact price `q` of the pair (c, o) against the brute-force optimum `truth` with the
  // pair pinned: q's figures are P's less the truth's, and q's moves applied to P give a
  // plan of the brute-force world that holds the pair and has the truth's value.
  void expect_exact(const detail::ResidualPricer::Priced& q, Index c, Index o, const Lex& truth) const {
    EXPECT_EQ(q.placed, r.plan.placed - truth.placed) << "seed " << seed << " pair " << c << "/" << o;
    EXPECT_EQ(q.moved, r.plan.placed - truth.kept) << "seed " << seed << " pair " << c << "/" << o;
    EXPECT_EQ(q.score, r.plan.score - truth.score) << "seed " << seed << " pair " << c << "/" << o;
    std::vector<Index> plan = earlier;
    for (const auto& mv : q.moves) plan[at(mv.citizen)] = mv.arc >= 0 ? g.opening[at(mv.arc)] : kNone;
    EXPECT_EQ(plan[at(c)], o);
    const long idx = find_plan(w, plan);
    ASSERT_GE(idx, 0) << "seed " << seed << " pair " << c << "/" << o;
    const Lex v = value_of(w, static_cast<std::size_t>(idx), earlier);
    EXPECT_EQ(v.placed, truth.placed);
    EXPECT_EQ(v.kept, truth.kept);
    EXPECT_EQ(v.score, truth.score);
  }
  const Instance in;
  Planner planner;
  const MatchResult& r;
  const CandidateGraph& g;
  const World w;
  const std::vector<Index> earlier;  // P's opening per citizen
  const MatchingProblem problem;
  detail::ResidualPricer pricer;
  const std::vector<std::int64_t> pool_used;  // P's pooled placements per pool
  const std::uint64_t seed;
  const Objective objective;
};

// Every pair not in P, priced by the residual searches (per opening and per citizen),
// against the brute-force optimum in section 7's order with the pair pinned.
void check_residual(std::uint64_t seed, Objective objective, PricingCoverage& cov) { PricedPlan(seed, objective).check_residual(cov); }

void PricedPlan::check_residual(PricingCoverage& cov) {
  ASSERT_EQ(r.plan.status, Status::Optimal);
  ++cov.instances;
  if (!pricer.certified()) return;
  ++cov.certified;
  auto check = [&](const detail::ResidualPricer::Priced& q, const char* how) {
    const Index c = static_cast<Index>(std::upper_bound(g.offsets.begin(), g.offsets.end(), q.arc) - g.offsets.begin() - 1);
    const Index o = g.opening[at(q.arc)];
    const Lex truth = best(w, earlier, objective, c, o);
    if (!q.possible) {
      EXPECT_LT(truth.placed, 0) << how << " seed " << seed << " pair " << c << "/" << o;
      ++cov.impossible;
      return;
    }
    // Q = P with the cycle's moves.
    std::vector<Index> plan = earlier;
    for (const auto& mv : q.moves) plan[at(mv.citizen)] = mv.arc >= 0 ? g.opening[at(mv.arc)] : kNone;
    EXPECT_EQ(plan[at(c)], o);
    for (std::size_t i = 1; i < q.moves.size(); ++i) EXPECT_LT(q.moves[i - 1].citizen, q.moves[i].citizen);
    const long idx = find_plan(w, plan);
    if (!q.keeps_pools) {  // Q breaks a pool or a priced pool's slackness: the caller re-solves
      ++cov.pool_broken;
      if (idx >= 0) {  // a plan after all: never better than the best
        const Lex v = value_of(w, static_cast<std::size_t>(idx), earlier);
        if (objective == Objective::Placements) {
          EXPECT_LE(std::tie(v.placed, v.kept, v.score), std::tie(truth.placed, truth.kept, truth.score));
        } else {
          EXPECT_LE(std::tie(v.kept, v.score), std::tie(truth.kept, truth.score));
        }
      }
      return;
    }
    ASSERT_GE(truth.placed, 0) << how << " seed " << seed;
    ASSERT_GE(idx, 0) << how << " seed " << seed << ": the cycle's plan breaks a rule";
    const Lex got = value_of(w, static_cast<std::size_t>(idx), earlier);
    EXPECT_EQ(got.placed, truth.placed);
    EXPECT_EQ(got.kept, truth.kept);
    EXPECT_EQ(got.score, truth.score);
    EXPECT_EQ(q.placed, r.plan.placed - truth.placed) << how << " seed " << seed;
    EXPECT_EQ(q.moved, r.plan.placed - truth.kept) << how << " seed " << seed;
    EXPECT_EQ(q.score, r.plan.score - truth.score) << how << " seed " << seed;
    ++cov.exact;
    cov.costly += q.moved > 1 || q.placed > 0;
  };
  for (Index o = 0; o < static_cast<Index>(in.openings.size()); ++o) {
    std::vector<ArcIndex> arcs;
    for (Index c = 0; c < static_cast<Index>(in.citizens.size()); ++c) {
      const ArcIndex e = g.find(c, o);
      if (e >= 0 && r.solution.citizen_arc[at(c)] != e) arcs.push_back(e);
    }
    for (const auto& q : pricer.price_opening(o, arcs)) check(q, "opening");
  }
  for (Index c = 0; c < static_cast<Index>(in.citizens.size()); ++c) {
    std::vector<ArcIndex> arcs;
    for (ArcIndex e = g.begin(c); e < g.end(c); ++e)
      if (r.solution.citizen_arc[at(c)] != e) arcs.push_back(e);
    for (const auto& q : pricer.price_citizen(c, arcs)) check(q, "citizen");
  }
  // Releasing a placement (a forbid of a pair in P): the best plan without the pair.
  std::vector<char> pinned(in.citizens.size(), 0);
  for (const Decision& d : in.decisions) pinned[at(d.citizen)] |= d.kind == DecisionKind::Pin;
  for (const Placement& x : r.plan.placements) {
    if (pinned[at(x.citizen)]) continue;
    const auto q = pricer.release(x.arc);
    ASSERT_TRUE(q.possible);  // unplacing the citizen is always a plan
    const Lex truth = best(w, earlier, objective, x.citizen, x.opening, true);
    std::vector<Index> plan = earlier;
    for (const auto& mv : q.moves) plan[at(mv.citizen)] = mv.arc >= 0 ? g.opening[at(mv.arc)] : kNone;
    EXPECT_NE(plan[at(x.citizen)], x.opening);
    if (!q.keeps_pools) continue;
    ASSERT_GE(find_plan(w, plan), 0) << "seed " << seed;
    EXPECT_EQ(q.placed, r.plan.placed - truth.placed) << "release seed " << seed;
    EXPECT_EQ(q.moved, r.plan.placed - truth.kept) << "release seed " << seed;
    EXPECT_EQ(q.score, r.plan.score - truth.score) << "release seed " << seed;
    ++cov.released;
  }
}

// The planner's suggestions by the residual path (Auto) and by warm re-solves only agree on
// every pair, and both equal the brute force; the changes are the diff of P and a best Q.
void check_paths_agree(std::uint64_t seed, Objective objective, PricingCoverage& cov,
                       LexicographicScaling scaling = LexicographicScaling::Auto) {
  const Instance in = pricing_instance(seed);
  MatchOptions opt;
  opt.solve.objective = objective;
  opt.solve.threads = 1;
  Planner fast(in, opt), slow(in, opt);
  fast.scaling(scaling);
  slow.scaling(scaling);
  slow.pricing(PairPricing::Resolve);
  const Plan& p = fast.plan().plan;
  ASSERT_EQ(p.status, Status::Optimal);
  const World w = enumerate(in, fast.graph());
  std::vector<Index> earlier(in.citizens.size(), kNone);
  for (const Placement& x : p.placements) earlier[at(x.citizen)] = x.opening;
  ++cov.instances;
  auto same = [&](const std::vector<Suggestion>& a, const std::vector<Suggestion>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      const Suggestion &x = a[i], &y = b[i];
      EXPECT_EQ(x.arc, y.arc) << "seed " << seed;
      EXPECT_EQ(x.possible, y.possible) << "seed " << seed;
      EXPECT_EQ(x.in_plan, y.in_plan);
      EXPECT_EQ(x.optimal, y.optimal);
      EXPECT_EQ(x.cost.placed, y.cost.placed) << "seed " << seed;
      EXPECT_EQ(x.cost.moved, y.cost.moved) << "seed " << seed;
      EXPECT_EQ(x.cost.score, y.cost.score) << "seed " << seed;
      if (!x.possible || x.in_plan) continue;
      const Lex truth = best(w, earlier, objective, x.citizen, x.opening);
      ASSERT_GE(truth.placed, 0);
      EXPECT_EQ(x.cost.placed, p.placed - truth.placed);
      EXPECT_EQ(x.cost.moved, p.placed - truth.kept);
      EXPECT_EQ(x.cost.score, p.score - truth.score);
      // The changes turn P into a plan of the world with that value.
      std::vector<Index> q = earlier;
      for (const PlanChange& ch : x.changes)
        q[at(ch.citizen)] = ch.after ? in.opening_index.at(*ch.after) : kNone;
      const long idx = find_plan(w, q);
      ASSERT_GE(idx, 0) << "seed " << seed;
      const Lex v = value_of(w, static_cast<std::size_t>(idx), earlier);
      EXPECT_EQ(v.placed, truth.placed);
      EXPECT_EQ(v.kept, truth.kept);
      EXPECT_EQ(v.score, truth.score);
      cov.costly += x.cost.moved > 1 || x.cost.placed > 0;
      ++cov.exact;
    }
  };
  for (Index o = 0; o < static_cast<Index>(in.openings.size()); ++o)
    same(fast.suggest_for_opening(o, 0), slow.suggest_for_opening(o, 0));
  for (Index c = 0; c < static_cast<Index>(in.citizens.size()); ++c)
    same(fast.suggest_for_citizen(c, 0), slow.suggest_for_citizen(c, 0));
  cov.pool_priced += static_cast<int>(fast.pricing_stats().pool_priced_pairs);
  cov.several += static_cast<int>(fast.pricing_stats().several_pool_pairs);
  cov.union_priced += static_cast<int>(fast.pricing_stats().union_pool_pairs);
  cov.resolved += static_cast<int>(fast.pricing_stats().resolved_pairs);
  cov.resolves_bounded += static_cast<int>(fast.pricing_stats().resolves_bounded);
  cov.slow_resolved += static_cast<int>(slow.pricing_stats().resolved_pairs);
  cov.slow_kept_prices += static_cast<int>(slow.pricing_stats().resolves_kept_prices);
  cov.slow_local_prices += static_cast<int>(slow.pricing_stats().resolves_local_prices);
}

}  // namespace

TEST(PlannerPricing, ResidualCyclesAgainstBruteForce) {
  PricingCoverage cov;
  for (std::uint64_t seed = 1001; seed <= 1300; ++seed)
    check_residual(seed, seed % 4 == 0 ? Objective::Score : Objective::Placements, cov);
  std::printf("coverage: %d instances, %d certified, %d pairs exact, %d break a pool, %d impossible, %d costly, %d released\n",
              cov.instances, cov.certified, cov.exact, cov.pool_broken, cov.impossible, cov.costly, cov.released);
  EXPECT_GE(cov.certified, 150);
  EXPECT_GE(cov.exact, 1500);
  EXPECT_GE(cov.pool_broken, 10);
  EXPECT_GE(cov.costly, 100);
  EXPECT_GE(cov.released, 300);
}

namespace {

// Pairs whose cheapest cycle breaks one mentor pool by one place (Priced::broken_pool:
// overfilled, or priced and left one short), priced again after shifting that pool's
// multiplier (ResidualPricer::shift_pool). Against the brute force of section 7's order
// with the pair pinned: every shifted search's priced cost is a lower bound (Lagrangian)
// on the best plan holding the pair; every pair the shift prices (the new cycle keeps the
// pools, or the cycle plus F does) costs exactly the brute-force optimum, and its moves
// turn P into a plan of that value; a pair no plan can hold is never priced; and
// restoring the pool brings back the first prices.
void check_raised(std::uint64_t seed, Objective objective, PricingCoverage& cov) { PricedPlan(seed, objective).check_raised(cov); }

void PricedPlan::check_raised(PricingCoverage& cov) {
  ASSERT_EQ(r.plan.status, Status::Optimal);
  ++cov.instances;
  if (!pricer.certified()) return;
  ++cov.certified;
  const std::int64_t K = pricer.keep_unit();
  using Key = std::pair<std::int64_t, std::int64_t>;
  const std::vector<std::int64_t>& used = pool_used;
  // Per opening (searches from it), then per resident (searches into it).
  const auto openings = static_cast<Index>(in.openings.size());
  for (Index root = 0; root < openings + static_cast<Index>(in.citizens.size()); ++root) {
    const bool by_opening = root < openings;
    auto price = [&](const std::vector<std::int64_t>& list) {
      return by_opening ? pricer.price_opening(root, list) : pricer.price_citizen(root - openings, list);
    };
    std::vector<std::int64_t> arcs;
    for (std::int64_t a = 0; a < static_cast<std::int64_t>(g.size()); ++a) {
      const Index c = static_cast<Index>(std::upper_bound(g.offsets.begin(), g.offsets.end(), a) - g.offsets.begin() - 1);
      if ((by_opening ? g.opening[at(a)] == root : c == root - openings) && earlier[at(c)] != g.opening[at(a)])
        arcs.push_back(a);
    }
    if (arcs.empty()) continue;
    const auto first = price(arcs);
    std::vector<std::pair<Index, int>> pools;
    for (const auto& q : first)
      if (q.possible && q.broken_pool != kNone) pools.emplace_back(q.broken_pool, q.broken_by);
    std::sort(pools.begin(), pools.end());
    pools.erase(std::unique(pools.begin(), pools.end()), pools.end());
    auto check_shifted = [&](const std::vector<std::int64_t>& again) {
      for (const auto& q : price(again)) {
        const Index c = static_cast<Index>(std::upper_bound(g.offsets.begin(), g.offsets.end(), q.arc) - g.offsets.begin() - 1);
        const Index o = g.opening[at(q.arc)];
        const Lex truth = best(w, earlier, objective, c, o);
        std::optional<detail::ResidualPricer::Priced> exact;
        if (q.possible && q.keeps_pools) exact = q;
        else if (auto rq = pricer.repaired(q)) {
          exact = rq;
          ++cov.repaired;
        }
        if (truth.placed < 0) {  // no plan holds the pair: nothing may be priced
          EXPECT_FALSE(exact.has_value()) << "seed " << seed << " pair " << c << "/" << o;
          continue;
        }
        ASSERT_TRUE(q.possible) << "seed " << seed;
        const Key loss{objective == Objective::Placements ? r.plan.placed - truth.placed : 0,
                       K * (r.plan.placed - truth.kept) + r.plan.score - truth.score};
        EXPECT_LE(Key(q.bound_placed, q.bound_weight), loss) << "the raised bound, seed " << seed << " pair " << c << "/" << o;
        ++cov.bounded;
        if (!exact) {
          ++cov.unpriced;
          continue;
        }
        expect_exact(*exact, c, o, truth);
        ++cov.pool_priced;
      }
    };
    for (const auto& [k, by] : pools) {
      std::vector<std::int64_t> again;
      for (const auto& q : first)
        if (q.possible && q.broken_pool == k && q.broken_by == by) again.push_back(q.arc);
      const std::int64_t unfixed_before = pricer.unfixed_shifts();
      if (!pricer.shift_pool(k, by)) {
        ++cov.raise_failed;
        continue;
      }
      ++cov.raised;
      (by > 0 ? cov.up : cov.down) += 1;
      const int priced_before = cov.pool_priced;
      check_shifted(again);
      if (pricer.unfixed_shifts() > unfixed_before) {  // k lowered to 0: no cycle F brings a resident in
        ++cov.unfixed;
        cov.unfixed_priced += cov.pool_priced - priced_before;
      }
      pricer.restore_pool();
      const auto back = price(arcs);  // the first certificate again
      ASSERT_EQ(back.size(), first.size());
      for (std::size_t i = 0; i < back.size(); ++i) {
        EXPECT_EQ(back[i].bound_placed, first[i].bound_placed) << "seed " << seed;
        EXPECT_EQ(back[i].bound_weight, first[i].bound_weight) << "seed " << seed;
      }
    }
    // Every broken pool shifted at once (shift_pools), with every other full pool's price
    // raised too: the same properties for all pairs.
    if (!pools.empty()) {
      std::vector<std::pair<Index, int>> ways;  // one way per pool
      for (const auto& kb : pools)
        if (ways.empty() || ways.back().first != kb.first) ways.push_back(kb);
      for (std::size_t k = 0; k < problem.pool_limit.size(); ++k) {
        if (used[k] < problem.pool_limit[k]) continue;
        if (std::none_of(ways.begin(), ways.end(), [&](const auto& kb) { return at(kb.first) == k; }))
          ways.emplace_back(static_cast<Index>(k), 1);
      }
      if (ways.size() < 2) continue;
      std::vector<std::int64_t> again;
      for (const auto& q : first)
        if (q.possible && q.broken_pool != kNone) again.push_back(q.arc);
      const int before = cov.pool_priced;
      if (pricer.shift_pools(ways)) {
        ++cov.together;
        check_shifted(again);
        cov.together_priced += cov.pool_priced - before;
        pricer.restore_pool();
      }
    }
  }
}

}  // namespace

TEST(PlannerPricing, ShiftedPoolPricesAgainstBruteForce) {
  PricingCoverage cov;
  for (std::uint64_t seed = 3002; seed <= 6000; seed += 3)  // seed % 3 == 2: small mentor pools
    check_raised(seed, seed % 4 == 0 ? Objective::Score : Objective::Placements, cov);
  std::printf("coverage: %d instances, %d certified, %d shifts (%d up, %d down; %d failed), %d pairs bounded, %d "
              "priced exactly (%d repaired by F), %d left to a re-solve\n",
              cov.instances, cov.certified, cov.raised, cov.up, cov.down, cov.raise_failed, cov.bounded, cov.pool_priced,
              cov.repaired, cov.unpriced);
  std::printf("coverage: %d shifts of several pools at once, %d pairs priced exactly after them\n", cov.together,
              cov.together_priced);
  std::printf("coverage: %d pools lowered to 0 for want of a cycle F, %d pairs priced exactly after them\n", cov.unfixed,
              cov.unfixed_priced);
  EXPECT_GE(cov.up, 120);
  EXPECT_GE(cov.down, 20);
  EXPECT_GE(cov.pool_priced, 250);
  EXPECT_GE(cov.repaired, 150);
  EXPECT_GE(cov.together, 20);
  EXPECT_GE(cov.unfixed, 20);
  EXPECT_GE(cov.unfixed_priced, 20);
}

namespace {

// Pairs whose cheapest cycle breaks two or more mentor pools (Priced::faults), priced as the
// Planner does: every pool the cycle broke shifted together (shift_pools), searched again,
// exact when the new cycle keeps the pools or it plus one F per pool it breaks meets the
// shifted bound (repaired()), else the pools the new cycle breaks added and shifted again.
// Against the brute force of section 7's order with the pair pinned: every shifted bound is
// a lower bound on the best plan holding the pair, every pair priced costs exactly the
// brute-force optimum and its moves turn P into a plan of that value, and a pair no plan
// holds is never priced.
struct SeveralCoverage {
  int instances = 0, certified = 0, several_broken = 0, shifts = 0, failed = 0, bounded = 0, priced = 0,
      priced_several = 0, repaired_several = 0, rounds_past_first = 0, impossible = 0, compared = 0, tree_lowered = 0,
      refused = 0, mixed_lowered = 0, tree_only = 0, scan_compared = 0;
};

void check_several(std::uint64_t seed, Objective objective, SeveralCoverage& cov) { PricedPlan(seed, objective).check_several(cov); }

void PricedPlan::check_several(SeveralCoverage& cov) {
  ASSERT_EQ(r.plan.status, Status::Optimal);
  ++cov.instances;
  if (!pricer.certified()) return;
  ++cov.certified;
  // The same shifts with the potentials lowered arc by arc everywhere (relabel) instead of
  // through the sink tree: the same bounds (shortest distances do not depend on them).
  detail::ResidualPricer plain(problem, r.solution.citizen_arc, objective);
  plain.lowering(detail::ResidualPricer::Lowering::ArcByArc);
  pricer.lowering(detail::ResidualPricer::Lowering::SinkTree);
  pricer.sink_trees();
  // And with the trees priced again below dearer hops found by scanning every node instead
  // of from the shifted and barred pools' nodes: the same trees, so the same answers, moves
  // included.
  detail::ResidualPricer scanned(problem, r.solution.citizen_arc, objective);
  scanned.lowering(detail::ResidualPricer::Lowering::SinkTree);
  scanned.scan_repricing(true);
  scanned.sink_trees();
  const std::int64_t K = pricer.keep_unit();
  using Key = std::pair<std::int64_t, std::int64_t>;
  using Ways = std::vector<std::pair<Index, int>>;
  const auto openings = static_cast<Index>(in.openings.size());
  for (Index root = 0; root < openings + static_cast<Index>(in.citizens.size()); ++root) {
    const bool by_opening = root < openings;
    auto price_on = [&](detail::ResidualPricer& on, const std::vector<std::int64_t>& list) {
      return by_opening ? on.price_opening(root, list) : on.price_citizen(root - openings, list);
    };
    auto price = [&](const std::vector<std::int64_t>& list) { return price_on(pricer, list); };
    std::vector<std::int64_t> arcs;
    for (std::int64_t a = 0; a < static_cast<std::int64_t>(g.size()); ++a) {
      const Index c = static_cast<Index>(std::upper_bound(g.offsets.begin(), g.offsets.end(), a) - g.offsets.begin() - 1);
      if ((by_opening ? g.opening[at(a)] == root : c == root - openings) && earlier[at(c)] != g.opening[at(a)])
        arcs.push_back(a);
    }
    if (arcs.empty()) continue;
    const auto first = price(arcs);
    // Every pool broken by one pair or another, shifted at once on both pricers.
    {
      Ways all;
      for (const auto& q : first)
        for (const auto& f : q.faults)
          if (std::none_of(all.begin(), all.end(), [&](const auto& kb) { return kb.first == f.first; })) all.push_back(f);
      std::sort(all.begin(), all.end());
      if (!all.empty()) {
        const bool a = pricer.shift_pools(all), b = plain.shift_pools(all);
        // The tree lowering falls back to the arc-by-arc one: it holds wherever that holds,
        // and may hold where that runs out (its potentials are then checked whole below).
        EXPECT_TRUE(a || !b) << "seed " << seed;
        cov.tree_only += a && !b;
        // The corrected potentials hold on every residual arc, not only on those the
        // correction checked (the tree lowering trusts its tree for the rest).
        if (a) EXPECT_TRUE(pricer.potentials_hold()) << "seed " << seed;
        if (b) EXPECT_TRUE(plain.potentials_hold()) << "seed " << seed;
        // The answers of another pricer after the same shift: the same bounds (and moves).
        auto same_answers = [&](detail::ResidualPricer& other, bool moves) {
          const auto x = price(arcs), y = price_on(other, arcs);
          for (std::size_t i = 0; i < x.size(); ++i) {
            EXPECT_EQ(x[i].possible, y[i].possible) << "seed " << seed;
            EXPECT_EQ(x[i].bound_placed, y[i].bound_placed) << "seed " << seed;
            EXPECT_EQ(x[i].bound_weight, y[i].bound_weight) << "seed " << seed;
            if (!moves) continue;
            ASSERT_EQ(x[i].moves.size(), y[i].moves.size()) << "seed " << seed;
            for (std::size_t j = 0; j < x[i].moves.size(); ++j) {
              EXPECT_EQ(x[i].moves[j].citizen, y[i].moves[j].citizen) << "seed " << seed;
              EXPECT_EQ(x[i].moves[j].arc, y[i].moves[j].arc) << "seed " << seed;
            }
          }
        };
        if (a && b) {
          ++cov.compared;
          same_answers(plain, false);
        }
        const bool s = scanned.shift_pools(all);
        EXPECT_EQ(a, s) << "seed " << seed;
        if (a && s) {
          ++cov.scan_compared;
          same_answers(scanned, true);
        }
        pricer.restore_pool();
        plain.restore_pool();
        scanned.restore_pool();
      }
    }
    for (const auto& q : first) {
      if (!q.possible || q.faults.size() < 2) continue;
      ++cov.several_broken;
      const Index c = static_cast<Index>(std::upper_bound(g.offsets.begin(), g.offsets.end(), q.arc) - g.offsets.begin() - 1);
      const Index o = g.opening[at(q.arc)];
      const Lex truth = best(w, earlier, objective, c, o);
      cov.impossible += truth.placed < 0;
      Ways ways = q.faults, tried;
      for (int round = 0; round < 4; ++round) {
        Ways can;
        for (const auto& kb : ways)
          if (pricer.shiftable(kb.first, kb.second)) can.push_back(kb);
        if (can.empty() || can == tried) break;
        tried = can;
        if (!pricer.shift_pools(can)) {
          ++cov.failed;
          break;
        }
        EXPECT_TRUE(pricer.potentials_hold()) << "seed " << seed;
        ++cov.shifts;
        const auto q2 = price({q.arc}).front();
        std::optional<detail::ResidualPricer::Priced> exact;
        if (q2.possible && q2.keeps_pools) exact = q2;
        else if (auto rq = pricer.repaired(q2)) {
          exact = rq;
          cov.repaired_several += q2.faults.size() >= 2;
        }
        pricer.restore_pool();
        if (truth.placed < 0) {  // no plan holds the pair: nothing may be priced
          EXPECT_FALSE(exact.has_value()) << "seed " << seed << " pair " << c << "/" << o;
          break;
        }
        ASSERT_TRUE(q2.possible) << "seed " << seed;
        const Key loss{objective == Objective::Placements ? r.plan.placed - truth.placed : 0,
                       K * (r.plan.placed - truth.kept) + r.plan.score - truth.score};
        EXPECT_LE(Key(q2.bound_placed, q2.bound_weight), loss) << "the joint bound, seed " << seed << " pair " << c << "/" << o;
        ++cov.bounded;
        if (exact) {
          expect_exact(*exact, c, o, truth);
          ++cov.priced;
          cov.priced_several += can.size() >= 2;
          cov.rounds_past_first += round > 0;
          break;
        }
        for (const auto& f : q2.faults)  // the pools the new cycle breaks, added (one way per pool)
          if (std::none_of(ways.begin(), ways.end(), [&](const auto& kb) { return kb.first == f.first; }))
            ways.insert(std::upper_bound(ways.begin(), ways.end(), f), f);
      }
    }
  }
  cov.tree_lowered += static_cast<int>(pricer.tree_lowerings());
  cov.refused += static_cast<int>(pricer.repairs_refused());
  cov.mixed_lowered += static_cast<int>(pricer.mixed_tree_lowerings());
}

}  // namespace

TEST(PlannerPricing, SeveralPoolShiftsAgainstBruteForce) {
  SeveralCoverage cov;
  for (std::uint64_t seed = 6002; seed <= 18000; seed += 3)  // seed % 3 == 2: small mentor pools
    check_several(seed, seed % 4 == 0 ? Objective::Score : Objective::Placements, cov);
  std::printf("coverage: %d instances, %d certified, %d pairs break several pools (%d held by no plan); %d joint "
              "shifts (%d failed), %d bounds checked, %d priced exactly (%d after shifting several pools, %d repaired "
              "by several F, %d after a second round)\n",
              cov.instances, cov.certified, cov.several_broken, cov.impossible, cov.shifts, cov.failed, cov.bounded,
              cov.priced, cov.priced_several, cov.repaired_several, cov.rounds_past_first);
  std::printf("coverage: %d shifts compared with the potentials lowered arc by arc; %d shifts lowered through the "
              "sink tree (%d where some multiplier fell: the tree priced again below the dearer arcs; %d held where "
              "the arc-by-arc correction gave up)\n",
              cov.compared, cov.tree_lowered, cov.mixed_lowered, cov.tree_only);
  std::printf("coverage: %d shifts compared with the trees priced again by scanning every node\n", cov.scan_compared);
  EXPECT_GE(cov.several_broken, 120);
  EXPECT_GE(cov.scan_compared, 1000);
  EXPECT_GE(cov.priced_several, 20);
  EXPECT_GE(cov.compared, 1000);
  EXPECT_GE(cov.tree_lowered, 1000);
  EXPECT_GE(cov.mixed_lowered, 200);
}

// The Planner's suggestions on instances whose cycles break several pools, against warm
// re-solves and the brute force (check_paths_agree); pairs priced after a joint shift occur.
TEST(PlannerPricing, SeveralPoolPairsAgreeWithWarmResolves) {
  PricingCoverage cov;
  for (std::uint64_t seed = 6002; seed <= 9002; seed += 3)
    check_paths_agree(seed, seed % 4 == 0 ? Objective::Score : Objective::Placements, cov);
  std::printf("coverage: %d instances, %d pairs priced, %d priced after shifting a pool's price, %d after a joint shift "
              "of several pools (%d after every group's pools shifted at once)\n",
              cov.instances, cov.exact, cov.pool_priced, cov.several, cov.union_priced);
  std::printf("coverage: %d warm re-solves (every pair), %d of them closed at the root by the first run's pool "
              "prices (%d after the local LP priced the pools out of balance again)\n",
              cov.slow_resolved, cov.slow_kept_prices, cov.slow_local_prices);
  EXPECT_GE(cov.exact, 4000);
  EXPECT_GE(cov.slow_kept_prices, 500);
  EXPECT_GE(cov.slow_local_prices, 100);  // 114; zeros in place of the LP's prices: 76
  EXPECT_GE(cov.several, 12);
  EXPECT_GE(cov.union_priced, 1);
}

// The pairs left to a warm re-solve, on the verified LAMBDA (the scaling of large instances,
// where the exact one leaves the int64 range): a re-solve whose placements reach the bound
// the residual certificate proved for the pair needs no verifying solve of the plain problem.
// Against the re-solves that verify every plan and the brute force (check_paths_agree).
TEST(PlannerPricing, ResolvesProvedByTheResidualBoundAgainstBruteForce) {
  PricingCoverage cov;
  for (std::uint64_t seed = 6002; seed <= 9002; seed += 3)
    check_paths_agree(seed, Objective::Placements, cov, LexicographicScaling::Verified);
  std::printf("coverage: %d instances, %d pairs priced, %d re-solved, %d of them proved by the residual bound\n",
              cov.instances, cov.exact, cov.resolved, cov.resolves_bounded);
  EXPECT_GE(cov.exact, 3000);
  EXPECT_GE(cov.resolves_bounded, 10);
}

// A plan repaired() builds (Q' + the F of each pool Q' breaks) may keep every rule and still
// cost more than its bound, when an F crosses another shifted pool; it is then not claimed.
// Such plans are rare: these seeds are where they occurred among 66,000 instances of the two
// suites above (seeds 6002-150000 and 6002-60002, step 3). Claiming them anyway (the check
// of the cost against the bound removed) fails this test at seeds 72059, 32459 and 56021.
TEST(PlannerPricing, RepairedPlansDearerThanTheirBoundAreNotClaimed) {
  SeveralCoverage cov;
  check_several(72059, Objective::Placements, cov);
  EXPECT_GE(cov.refused, 1);  // the case is reached
  PricingCoverage paths;
  for (std::uint64_t seed : {32459, 55445, 56021}) check_paths_agree(seed, Objective::Placements, paths);
}

namespace {

// The searches that stop at the sink and finish through the sink trees (the default)
// against the plain searches that expand the sink (use_sink_trees(false)) on the same P,
// and both against the brute force of section 7's order with the pair pinned: every pair
// of every opening and resident and every release. Same `possible` and the same priced
// cost (both are shortest distances; the cycle may differ on ties); the priced cost is a
// lower bound on the best plan holding the pair; a cycle that keeps the pools costs
// exactly the brute-force optimum and its moves turn P into a plan of the world whose
// difference from P is exactly the moved residents. Then each broken pool is shifted on
// both (their cycles F are barred searches): the same outcome and the same bounds after.
struct TreeCoverage {
  int instances = 0, certified = 0, pairs = 0, exact = 0, unplaced_targets = 0, with_pins = 0, with_pools = 0,
      shifts = 0, tie_differs = 0;
  std::int64_t via_sink = 0, loops_cut = 0;
};

void check_sink_trees(std::uint64_t seed, Objective objective, TreeCoverage& cov) { PricedPlan(seed, objective).check_sink_trees(cov); }

void PricedPlan::check_sink_trees(TreeCoverage& cov) {
  ASSERT_EQ(r.plan.status, Status::Optimal);
  ++cov.instances;
  detail::ResidualPricer& fast = pricer;
  detail::ResidualPricer plain(problem, r.solution.citizen_arc, objective);
  plain.use_sink_trees(false);
  ASSERT_EQ(fast.certified(), plain.certified());
  if (!fast.certified()) return;
  ++cov.certified;
  const std::int64_t K = fast.keep_unit();
  using Key = std::pair<std::int64_t, std::int64_t>;
  cov.with_pins += std::any_of(in.decisions.begin(), in.decisions.end(),
                               [](const Decision& d) { return d.kind == DecisionKind::Pin; });
  {
    bool full = false;
    for (std::size_t k = 0; k < pool_used.size(); ++k) full |= pool_used[k] >= problem.pool_limit[k];
    cov.with_pools += full;
  }
  auto citizen_of = [&](std::int64_t arc) {
    return static_cast<Index>(std::upper_bound(g.offsets.begin(), g.offsets.end(), arc) - g.offsets.begin() - 1);
  };
  // One answer of the trees' search against the plain search's and the brute force; a
  // release when `released` (then the pair is the one left, not held).
  auto check = [&](const detail::ResidualPricer::Priced& q, const detail::ResidualPricer::Priced& plain_q,
                   bool released) {
    const Index c = citizen_of(q.arc);
    const Index o = g.opening[at(q.arc)];
    ++cov.pairs;
    cov.unplaced_targets += earlier[at(c)] == kNone;
    EXPECT_EQ(q.arc, plain_q.arc);
    EXPECT_EQ(q.possible, plain_q.possible) << "seed " << seed << " pair " << c << "/" << o;
    if (!q.possible) return;
    EXPECT_EQ(q.bound_placed, plain_q.bound_placed) << "seed " << seed << " pair " << c << "/" << o;
    EXPECT_EQ(q.bound_weight, plain_q.bound_weight) << "seed " << seed << " pair " << c << "/" << o;
    cov.tie_differs += q.keeps_pools != plain_q.keeps_pools;
    // The brute-force optimum: with the pair held, or (released) without it.
    const Lex truth = best(w, earlier, objective, c, o, released);
    // The moves: each changes its resident; the pair's resident ends on the pair (or off it).
    std::vector<Index> plan = earlier;
    for (const auto& mv : q.moves) {
      const Index to = mv.arc >= 0 ? g.opening[at(mv.arc)] : kNone;
      EXPECT_NE(to, earlier[at(mv.citizen)]) << "seed " << seed << ": a move that moves nobody";
      if (mv.arc >= 0) EXPECT_EQ(citizen_of(mv.arc), mv.citizen);
      plan[at(mv.citizen)] = to;
    }
    std::size_t differ = 0;
    for (std::size_t x = 0; x < plan.size(); ++x) differ += plan[x] != earlier[x];
    EXPECT_EQ(differ, q.moves.size()) << "seed " << seed;
    if (released)
      EXPECT_NE(plan[at(c)], o);
    else
      EXPECT_EQ(plan[at(c)], o);
    if (truth.placed < 0) {
      EXPECT_FALSE(q.keeps_pools) << "seed " << seed << ": a plan priced where none holds the pair";
      return;
    }
    const Key loss{objective == Objective::Placements ? r.plan.placed - truth.placed : 0,
                   K * (r.plan.placed - truth.kept) + r.plan.score - truth.score};
    EXPECT_LE(Key(q.bound_placed, q.bound_weight), loss) << "seed " << seed << " pair " << c << "/" << o;
    if (!q.keeps_pools) return;
    const long idx = find_plan(w, plan);
    ASSERT_GE(idx, 0) << "seed " << seed << " pair " << c << "/" << o << ": the cycle's plan breaks a rule";
    const Lex v = value_of(w, static_cast<std::size_t>(idx), earlier);
    EXPECT_EQ(v.placed, truth.placed) << "seed " << seed << " pair " << c << "/" << o;
    EXPECT_EQ(v.kept, truth.kept) << "seed " << seed << " pair " << c << "/" << o;
    EXPECT_EQ(v.score, truth.score) << "seed " << seed << " pair " << c << "/" << o;
    EXPECT_EQ(q.placed, r.plan.placed - truth.placed);
    EXPECT_EQ(q.moved, r.plan.placed - truth.kept);
    EXPECT_EQ(q.score, r.plan.score - truth.score);
    ++cov.exact;
  };
  const auto openings = static_cast<Index>(in.openings.size());
  for (Index root = 0; root < openings + static_cast<Index>(in.citizens.size()); ++root) {
    const bool by_opening = root < openings;
    std::vector<std::int64_t> arcs;
    for (std::int64_t a = 0; a < static_cast<std::int64_t>(g.size()); ++a) {
      const Index c = citizen_of(a);
      if ((by_opening ? g.opening[at(a)] == root : c == root - openings) && r.solution.citizen_arc[at(c)] != a)
        arcs.push_back(a);
    }
    if (arcs.empty()) continue;
    auto price = [&](detail::ResidualPricer& x) {
      return by_opening ? x.price_opening(root, arcs) : x.price_citizen(root - openings, arcs);
    };
    const auto got = price(fast), want = price(plain);
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) check(got[i], want[i], false);
    // Each broken pool shifted on both (F found by barred searches): the same outcome, the
    // same bounds after the shift and after the restore.
    std::vector<std::pair<Index, int>> pools;
    for (const auto& q : want)
      if (q.possible && q.broken_pool != kNone) pools.emplace_back(q.broken_pool, q.broken_by);
    std::sort(pools.begin(), pools.end());
    pools.erase(std::unique(pools.begin(), pools.end()), pools.end());
    for (const auto& [k, by] : pools) {
      const bool a = fast.shift_pool(k, by), b = plain.shift_pool(k, by);
      EXPECT_EQ(a, b) << "seed " << seed << " pool " << k;
      if (a && b) {
        ++cov.shifts;
        const auto shifted = price(fast), shifted_plain = price(plain);
        for (std::size_t i = 0; i < shifted.size(); ++i) {
          EXPECT_EQ(shifted[i].possible, shifted_plain[i].possible) << "seed " << seed;
          EXPECT_EQ(shifted[i].bound_placed, shifted_plain[i].bound_placed) << "seed " << seed;
          EXPECT_EQ(shifted[i].bound_weight, shifted_plain[i].bound_weight) << "seed " << seed;
        }
      }
      fast.restore_pool();
      plain.restore_pool();
      const auto back = price(fast);
      for (std::size_t i = 0; i < back.size(); ++i) check(back[i], want[i], false);
    }
  }
  std::vector<char> pinned(in.citizens.size(), 0);
  for (const Decision& d : in.decisions) pinned[at(d.citizen)] |= d.kind == DecisionKind::Pin;
  for (const Placement& x : r.plan.placements)
    if (!pinned[at(x.citizen)]) check(fast.release(x.arc), plain.release(x.arc), true);
  cov.via_sink += fast.via_sink();
  cov.loops_cut += fast.loops_cut();
  EXPECT_EQ(plain.via_sink(), 0);
}

}  // namespace

TEST(PlannerPricing, SinkTreesAgainstPlainSearchAndBruteForce) {
  TreeCoverage cov;
  for (std::uint64_t seed = 7001; seed <= 7400; ++seed)
    check_sink_trees(seed, seed % 4 == 0 ? Objective::Score : Objective::Placements, cov);
  std::printf("coverage: %d instances (%d with pins, %d with a full mentor pool), %d certified, %d pairs (%d of unplaced "
              "residents), %d exact, %lld answers through a sink tree (%lld loops cut), %d pool shifts, %d pairs "
              "whose tied cycle keeps the pools only one way\n",
              cov.instances, cov.with_pins, cov.with_pools, cov.certified, cov.pairs, cov.unplaced_targets, cov.exact,
              static_cast<long long>(cov.via_sink), static_cast<long long>(cov.loops_cut), cov.shifts, cov.tie_differs);
  EXPECT_GE(cov.certified, 200);
  EXPECT_GE(cov.exact, 2000);
  EXPECT_GE(cov.unplaced_targets, 300);
  EXPECT_GE(cov.via_sink, 1000);
  EXPECT_GE(cov.loops_cut, 20);
  EXPECT_GE(cov.shifts, 50);
  EXPECT_GE(cov.with_pins, 50);
  EXPECT_GE(cov.with_pools, 50);
  EXPECT_LE(cov.with_pools, cov.instances - 20);
}

TEST(PlannerPricing, ResidualPathAgreesWithWarmResolves) {
  PricingCoverage cov;
  for (std::uint64_t seed = 1401; seed <= 1560; ++seed)
    check_paths_agree(seed, seed % 4 == 0 ? Objective::Score : Objective::Placements, cov);
  std::printf("coverage: %d instances, %d pairs priced, %d costly, %d priced after shifting a pool's price\n",
              cov.instances, cov.exact, cov.costly, cov.pool_priced);
  EXPECT_GE(cov.exact, 1000);
  EXPECT_GE(cov.costly, 50);
  EXPECT_GE(cov.pool_priced, 20);
}

// After a decision the Planner prices pairs from the new plan's residual graph, trying the
// pool multipliers that certified the plan before first: every cost still equals the brute
// force of the changed instance with the new plan as the earlier plan.
TEST(PlannerPricing, AfterADecisionCostsAgainstBruteForce) {
  int priced = 0;
  for (std::uint64_t seed = 1601; seed <= 1840; ++seed) {
    const Instance start = pricing_instance(seed);
    const Objective objective = seed % 4 == 0 ? Objective::Score : Objective::Placements;
    MatchOptions opt;
    opt.solve.objective = objective;
    opt.solve.threads = 1;
    Planner planner(start, opt);
    const Plan before = planner.plan().plan;
    if (before.status != Status::Optimal || planner.graph().size() == 0) continue;
    for (Index o = 0; o < static_cast<Index>(start.openings.size()); ++o) planner.suggest_for_opening(o, 0);
    // Pin the first pair the plan does not hold that can be pinned.
    std::vector<Index> held(start.citizens.size(), kNone);
    for (const Placement& x : before.placements) held[at(x.citizen)] = x.opening;
    bool pinned = false;
    const CandidateGraph g0 = planner.graph();
    for (Index c = 0; c < static_cast<Index>(start.citizens.size()) && !pinned; ++c)
      for (std::int64_t a = g0.begin(c); a < g0.end(c) && !pinned; ++a) {
        if (g0.opening[at(a)] == held[at(c)]) continue;
        try {
          planner.pin(c, g0.opening[at(a)]);
          pinned = true;
        } catch (const InputError&) {
        }
      }
    if (!pinned) continue;
    const Plan& p = planner.plan().plan;
    const World w = enumerate(planner.instance(), planner.graph());
    std::vector<Index> earlier(start.citizens.size(), kNone);
    for (const Placement& x : p.placements) earlier[at(x.citizen)] = x.opening;
    for (Index o = 0; o < static_cast<Index>(start.openings.size()); ++o)
      for (const Suggestion& x : planner.suggest_for_opening(o, 0)) {
        if (x.in_plan) continue;
        const Lex truth = best(w, earlier, objective, x.citizen, x.opening);
        EXPECT_EQ(x.possible, truth.placed >= 0) << "seed " << seed;
        if (!x.possible || truth.placed < 0) continue;
        EXPECT_TRUE(x.optimal) << "seed " << seed;
        EXPECT_EQ(x.cost.placed, p.placed - truth.placed) << "seed " << seed;
        EXPECT_EQ(x.cost.moved, p.placed - truth.kept) << "seed " << seed;
        EXPECT_EQ(x.cost.score, p.score - truth.score) << "seed " << seed;
        ++priced;
      }
  }
  EXPECT_GE(priced, 300);
}

namespace {

// Decisions changed on a warm Planner (a pin, a forbid, the pin removed, a forbid of a
// pair the plan holds) against the brute-force re-plan of the changed instance with the
// plan before as the earlier plan, and against a Planner that always solves again.
void check_decisions_warm(std::uint64_t seed, Objective objective, PricingCoverage& cov) {
  const Instance start = pricing_instance(seed);
  MatchOptions opt;
  opt.solve.objective = objective;
  opt.solve.threads = 1;
  Planner warm(start, opt), cold(start, opt);
  cold.pricing(PairPricing::Resolve);
  Rng rng(seed * 104729 + 3);
  ++cov.instances;
  for (int step = 0; step < 4; ++step) {
    const Plan before = warm.plan().plan;
    const CandidateGraph& g = warm.graph();
    if (g.size() == 0) return;
    std::vector<Index> earlier(warm.instance().citizens.size(), kNone);
    for (const Placement& x : before.placements) earlier[at(x.citizen)] = x.opening;
    // step 0: pin a pair; 1: forbid a pair the plan holds; 2: forbid any pair; 3: unpin.
    std::int64_t a = rng.integer(0, static_cast<int>(g.size()) - 1);
    if (step == 1 && !before.placements.empty())
      a = before.placements[static_cast<std::size_t>(rng.integer(0, static_cast<int>(before.placements.size()) - 1))].arc;
    Index c = 0;
    while (g.end(c) <= a) ++c;
    Index o = g.opening[at(a)];
    if (step == 3) {
      const auto& ds = warm.instance().decisions;
      auto it = std::find_if(ds.begin(), ds.end(), [](const Decision& d) { return d.kind == DecisionKind::Pin; });
      if (it == ds.end()) return;
      c = it->citizen;
      o = it->opening;
    }
    auto act = [&](Planner& pl) {
      if (step == 0) return pl.pin(c, o);
      if (step == 3) return pl.unpin(c, o);
      return pl.forbid(c, o);
    };
    Replan w, k;
    bool warm_threw = false, cold_threw = false;
    try {
      w = act(warm);
    } catch (const InputError&) {
      warm_threw = true;
    }
    try {
      k = act(cold);
    } catch (const InputError&) {
      cold_threw = true;
    }
    ASSERT_EQ(warm_threw, cold_threw) << "seed " << seed << " step " << step;
    if (warm_threw) return;
    const Instance& now = warm.instance();
    // The graph kept warm is the graph of the changed instance.
    const CandidateGraph fresh = build_candidates(now);
    ASSERT_EQ(warm.graph().offsets, fresh.offsets);
    ASSERT_EQ(warm.graph().opening, fresh.opening);
    ASSERT_EQ(warm.graph().score, fresh.score);
    const World world = enumerate(now, fresh);
    const Lex truth = best(world, earlier, objective);
    ASSERT_GE(truth.placed, 0);
    EXPECT_EQ(w.plan.status, Status::Optimal);
    if (objective == Objective::Placements) {
      EXPECT_EQ(w.plan.placed, truth.placed) << "seed " << seed << " step " << step;
    }
    EXPECT_EQ(w.previous.kept, truth.kept) << "seed " << seed << " step " << step;
    EXPECT_EQ(w.plan.score, truth.score) << "seed " << seed << " step " << step;
    EXPECT_EQ(w.plan.placed, k.plan.placed);
    EXPECT_EQ(w.previous.kept, k.previous.kept);
    EXPECT_EQ(w.previous.still_feasible, k.previous.still_feasible);
    EXPECT_EQ(w.plan.score, k.plan.score);
    EXPECT_TRUE(check_plan(now, warm.graph(), w.plan).empty());
    // The changes are the diff of the two plans.
    std::vector<Index> after(now.citizens.size(), kNone);
    for (const Placement& x : w.plan.placements) after[at(x.citizen)] = x.opening;
    std::size_t diffs = 0;
    for (std::size_t i = 0; i < after.size(); ++i) diffs += after[i] != earlier[i];
    EXPECT_EQ(w.changes.size(), diffs);
    for (const PlanChange& ch : w.changes) {
      EXPECT_EQ(ch.before.has_value(), earlier[at(ch.citizen)] != kNone);
      EXPECT_EQ(ch.after.has_value(), after[at(ch.citizen)] != kNone);
    }
    // The warm Planner's new P answers the next question like a fresh one.
    EXPECT_EQ(warm.plan().plan.placed, w.plan.placed);
    // A re-plan against P itself keeps P (warm), as the re-solving Planner finds.
    const PreviousPlan self = as_previous(now, w.plan);
    const Replan again = warm.replan(self), again_cold = cold.replan(as_previous(now, k.plan));
    EXPECT_EQ(again.previous.kept, w.plan.placed);
    EXPECT_EQ(again.plan.placed, again_cold.plan.placed);
    EXPECT_EQ(again.plan.score, again_cold.plan.score);
    EXPECT_TRUE(again.changes.empty());
    ++cov.exact;
    cov.costly += !w.changes.empty();
  }
}

}  // namespace

TEST(PlannerDecisions, WarmPinForbidUnpinAgainstBruteForceAndCold) {
  PricingCoverage cov;
  for (std::uint64_t seed = 1601; seed <= 1760; ++seed)
    check_decisions_warm(seed, seed % 4 == 0 ? Objective::Score : Objective::Placements, cov);
  std::printf("coverage: %d instances, %d decisions re-planned, %d with changes\n", cov.instances, cov.exact, cov.costly);
  EXPECT_GE(cov.exact, 300);
  EXPECT_GE(cov.costly, 60);
}

namespace {

// Section 8's order of two priced pairs (placements objective): possible first; then
// cost placed, moved, score; then the pair's own score (higher first); then the id.
struct Expected {
  Index citizen = kNone, opening = kNone;
  bool possible = false;
  std::int64_t placed = 0, moved = 0, score = 0;
};

// suggest_for_opening(o, top) and suggest_for_citizen(c, top) against the first `top` pairs
// of the brute-force list: every feasible pair's cost from its best plan in section 7's
// order with the pair held, sorted by section 8's order. The pairs a cut list leaves out
// unpriced (PricingStats::left_out_pairs) must be exactly the ones past the first `top`.
// Ties: with `twins`, the second resident becomes the first one's twin (same profile,
// its own id), so pairs of the two tie on cost and on score and only the id orders them.
Instance twin_instance(std::uint64_t seed) {
  Instance in = pricing_instance(seed);
  Citizen twin = in.citizens[0];
  twin.id = in.citizens[1].id;
  in.citizens[1] = twin;
  finalize_dropping_broken_pins(in);
  return in;
}

void check_top(std::uint64_t seed, std::int64_t& left_out, int& lists, bool twins = false) {
  Instance in = twins ? twin_instance(seed) : pricing_instance(seed);
  MatchOptions opt;
  opt.solve.objective = Objective::Placements;
  opt.solve.threads = 1;
  Planner planner(in, opt);
  const World w = enumerate(in, planner.graph());
  const Plan& p = planner.plan().plan;
  ASSERT_EQ(p.status, Status::Optimal);
  const CandidateGraph& g = planner.graph();
  std::vector<Index> earlier(in.citizens.size(), kNone);
  for (const Placement& x : p.placements) earlier[at(x.citizen)] = x.opening;
  auto expected = [&](Index c, Index o) {
    Expected e;
    e.citizen = c;
    e.opening = o;
    const Lex q = best(w, earlier, Objective::Placements, c, o);
    e.possible = q.placed >= 0;
    if (e.possible) {
      e.placed = p.placed - q.placed;
      e.moved = p.placed - q.kept;
      e.score = p.score - q.score;
    }
    return e;
  };
  auto sorted = [&](std::vector<Expected> list, bool by_citizen_id) {
    auto key = [&](const Expected& e) {
      const std::int64_t arc = g.find(e.citizen, e.opening);
      return std::make_tuple(!e.possible, e.possible ? e.placed : 0, e.possible ? e.moved : 0,
                             e.possible ? e.score : 0, -static_cast<std::int64_t>(g.score[static_cast<std::size_t>(arc)]),
                             by_citizen_id ? in.citizens[at(e.citizen)].id : in.openings[at(e.opening)].id);
    };
    std::sort(list.begin(), list.end(), [&](const Expected& a, const Expected& b) { return key(a) < key(b); });
    return list;
  };
  auto compare = [&](const std::vector<Suggestion>& got, const std::vector<Expected>& all, std::size_t top,
                     const char* what) {
    const std::size_t n = std::min(top, all.size());
    ASSERT_EQ(got.size(), n) << what << " seed " << seed << " top " << top;
    for (std::size_t i = 0; i < n; ++i) {
      const Suggestion& s = got[i];
      const Expected& e = all[i];
      EXPECT_EQ(s.citizen, e.citizen) << what << " seed " << seed << " top " << top << " at " << i;
      EXPECT_EQ(s.opening, e.opening) << what << " seed " << seed << " top " << top << " at " << i;
      EXPECT_EQ(s.possible, e.possible) << what << " seed " << seed;
      if (!e.possible || !s.possible) continue;
      EXPECT_TRUE(s.optimal) << what << " seed " << seed;
      EXPECT_EQ(s.cost.placed, e.placed) << what << " seed " << seed << " top " << top << " at " << i;
      EXPECT_EQ(s.cost.moved, e.moved) << what << " seed " << seed << " top " << top << " at " << i;
      EXPECT_EQ(s.cost.score, e.score) << what << " seed " << seed << " top " << top << " at " << i;
    }
  };
  // One list: `all` its pairs, `ask` the planner's cut list; counts what it left out.
  auto check_list = [&](const std::vector<Expected>& all, std::size_t top, bool by_opening, auto ask) {
    if (all.empty()) return;
    const std::int64_t before = planner.pricing_stats().left_out_pairs;
    compare(ask(), sorted(all, by_opening), top, by_opening ? "opening" : "citizen");
    const std::int64_t out = planner.pricing_stats().left_out_pairs - before;
    EXPECT_LE(out, static_cast<std::int64_t>(all.size()) - static_cast<std::int64_t>(std::min(top, all.size())));
    left_out += out;
    ++lists;
  };
  for (std::size_t top : {1, 2, 3}) {
    for (Index o = 0; o < static_cast<Index>(in.openings.size()); ++o) {
      std::vector<Expected> all;
      for (std::size_t c = 0; c < in.citizens.size(); ++c)
        if (g.find(static_cast<Index>(c), o) >= 0) all.push_back(expected(static_cast<Index>(c), o));
      check_list(all, top, true, [&] { return planner.suggest_for_opening(o, top); });
    }
    for (Index c = 0; c < static_cast<Index>(in.citizens.size()); ++c) {
      std::vector<Expected> all;
      for (std::int64_t e = g.begin(c); e < g.end(c); ++e) all.push_back(expected(c, g.opening[static_cast<std::size_t>(e)]));
      check_list(all, top, false, [&] { return planner.suggest_for_citizen(c, top); });
    }
  }
}

}  // namespace

// A list cut to its first K (`suggest --top K`, the default 10) leaves the pairs whose
// proven lower bound is above K priced costs unpriced (no pool shift, no re-solve): the
// lists are still the first K of the brute-force order, on instances with binding mentor
// pools, reasonableness caps and pins; on half of them two residents are twins, so that
// costs tie and only the ids order the pairs.
TEST(PlannerSuggest, TopListsLeaveOutOnlyPairsPastTheTopAgainstBruteForce) {
  std::int64_t left_out = 0;
  int lists = 0;
  for (std::uint64_t seed = 9101; seed <= 9400; ++seed) check_top(seed, left_out, lists, seed % 2 == 0);
  std::printf("coverage: %d lists, %lld pairs left out unpriced\n", lists, static_cast<long long>(left_out));
  EXPECT_GE(lists, 3000);
  EXPECT_GE(left_out, 20);
}
