// The warm planner (contract v2, sections 6-9) against independent oracles on small random
// instances: every plan of the instance is enumerated once (the rules of section 3 written
// again here), and each question is answered by scanning them in the lexicographic order
// of section 7 — re-plans, suggestion costs, empty-seat reasons and why-rules.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "candidates_support.hpp"
#include "placematch/explain/empty_seats.hpp"
#include "placematch/planner/planner.hpp"
#include "placematch/rules/decisions.hpp"

using namespace placematch;
using namespace pmtest;

namespace {

std::size_t at(Index i) { return static_cast<std::size_t>(i); }

int cap_of(int e, int supported) {
  return std::max(1, std::min(e, 50) / 5) + std::max(0, e - 50) / 10 - supported;
}

// Every plan that keeps the rules of section 3 (pins included): per citizen the chosen
// opening or kNone.
struct World {
  std::vector<std::vector<Index>> plans;
  std::vector<std::vector<std::int32_t>> scores;  // per plan, per citizen: the score (0 if none)
};

World enumerate(const Instance& in, const CandidateGraph& g) {
  const std::size_t n = in.citizens.size();
  World w;
  std::vector<std::int64_t> choice(n, -1);
  std::vector<std::pair<Index, Index>> pins;
  for (const Decision& d : in.decisions)
    if (d.kind == DecisionKind::Pin) pins.emplace_back(d.citizen, d.opening);
  auto evaluate = [&] {
    std::map<Index, int> seats, pool, capped;
    for (std::size_t c = 0; c < n; ++c) {
      if (choice[c] < 0) continue;
      const std::size_t a = static_cast<std::size_t>(choice[c]);
      const Opening& o = in.openings[at(g.opening[a])];
      ++seats[g.opening[a]];
      if (in.citizens[c].needs_mentor || o.mentor_required) ++pool[o.company];
      if (o.kind == OpeningKind::Internship || o.kind == OpeningKind::WageSubsidy) ++capped[o.company];
    }
    for (auto [o, used] : seats)
      if (used > in.openings[at(o)].seats) return;
    for (auto [k, used] : pool) {
      int room = 0;
      for (const Mentor& m : in.mentors)
        if (m.company == k) room += std::max(0, m.capacity - m.carrying_now);
      if (used > room) return;
    }
    for (auto [k, used] : capped) {
      const Company& co = in.companies[at(k)];
      if (co.employees && used > std::max(0, cap_of(*co.employees, co.supported_now))) return;
    }
    for (auto [c, o] : pins) {
      const std::int64_t a = choice[at(c)];
      if (a < 0 || g.opening[static_cast<std::size_t>(a)] != o) return;
    }
    std::vector<Index> plan(n, kNone);
    std::vector<std::int32_t> sc(n, 0);
    for (std::size_t c = 0; c < n; ++c)
      if (choice[c] >= 0) {
        plan[c] = g.opening[static_cast<std::size_t>(choice[c])];
        sc[c] = g.score[static_cast<std::size_t>(choice[c])];
      }
    w.plans.push_back(std::move(plan));
    w.scores.push_back(std::move(sc));
  };
  auto rec = [&](auto&& self, std::size_t c) -> void {
    if (c == n) return evaluate();
    choice[c] = -1;
    self(self, c + 1);
    for (std::int64_t a = g.begin(static_cast<Index>(c)); a < g.end(static_cast<Index>(c)); ++a) {
      choice[c] = a;
      self(self, c + 1);
    }
    choice[c] = -1;
  };
  rec(rec, 0);
  return w;
}

struct Lex {
  std::int64_t placed = -1, kept = -1, score = -1;
};

// The best plan of section 7's order against `earlier` (per citizen: an opening or kNone),
// among the plans that also hold (pin_c, pin_o) when given.
Lex best(const World& w, const std::vector<Index>& earlier, Objective objective, Index pin_c = kNone,
         Index pin_o = kNone) {
  Lex b;
  for (std::size_t i = 0; i < w.plans.size(); ++i) {
    const auto& p = w.plans[i];
    if (pin_c != kNone && p[at(pin_c)] != pin_o) continue;
    Lex v{0, 0, 0};
    for (std::size_t c = 0; c < p.size(); ++c) {
      if (p[c] == kNone) continue;
      ++v.placed;
      v.kept += earlier[c] == p[c];
      v.score += w.scores[i][c];
    }
    const bool better = objective == Objective::Placements
                            ? std::tie(v.placed, v.kept, v.score) > std::tie(b.placed, b.kept, b.score)
                            : std::tie(v.kept, v.score) > std::tie(b.kept, b.score);
    if (better) b = v;
  }
  return b;
}

void add_random_pins(Instance& in, std::uint64_t seed) {
  Rng r(seed * 7919 + 1);
  for (int tries = 0; tries < 2; ++tries) {
    if (!r.chance(0.4)) continue;
    CandidateGraph g = build_candidates(in);
    if (g.size() == 0) return;
    const std::int64_t a = r.integer(0, static_cast<int>(g.size()) - 1);
    Index c = 0;
    while (g.end(c) <= a) ++c;
    Instance copy = in;
    add_decision(copy, c, g.opening[static_cast<std::size_t>(a)], DecisionKind::Pin);
    copy.finalize();
    if (check_decisions(copy).empty()) in = std::move(copy);
  }
}

Instance small_instance(std::uint64_t seed, int citizens = 6) {
  RandomShape shape;
  shape.areas = 2;
  shape.companies = 3;
  shape.openings = 4;
  shape.citizens = citizens;
  shape.forbids = 2;
  Instance in = random_instance(seed, shape);
  for (Citizen& c : in.citizens) {
    c.max_km = std::max(c.max_km, 60.0);
    c.hours_tolerance += 12;
    c.barriers.clear();
  }
  for (Opening& o : in.openings) {
    o.required.clear();
    o.groups.clear();
    o.age_min.reset();
    o.age_max.reset();
  }
  in.finalize();
  add_random_pins(in, seed);
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

void check_suggestions(std::uint64_t seed, Objective objective, LexicographicScaling scaling, Coverage& cov) {
  Instance in = small_instance(seed);
  MatchOptions opt;
  opt.solve.objective = objective;
  opt.solve.threads = 1;
  Planner planner(in, opt);
  planner.scaling(scaling);
  const World w = enumerate(in, planner.graph());
  const Plan& p = planner.plan().plan;
  ASSERT_EQ(p.status, Status::Optimal);
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

TEST(PlannerSuggest, ScoreObjectiveCostsAgainstBruteForce) {
  Coverage cov;
  for (std::uint64_t seed = 801; seed <= 900; ++seed)
    check_suggestions(seed, Objective::Score, LexicographicScaling::Auto, cov);
  EXPECT_GE(cov.priced, 150);
}
