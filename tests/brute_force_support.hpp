#pragma once
// Test support: brute force over every plan of small instances and problems, and the small
// random instances they run on. The rules are written again here from the contract
// (section 3: seats, mentor pools, the reasonableness rule, pins) or, for a bare
// MatchingProblem, from its definition in engine/solve.hpp — independent of the engine, so
// the suites (match, planner, what-if, floors, pools, the engine's steps) judge the engine
// with an oracle of their own. Exponential: only for a handful of citizens.
#include <algorithm>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "candidates_support.hpp"
#include "placematch/candidates/candidates.hpp"
#include "placematch/engine/solve.hpp"
#include "placematch/rules/decisions.hpp"
#include "test_random.hpp"

namespace pmtest {

using namespace placematch;

// ---------------------------------------------------------------------------------------
// Instances: every plan of the candidate graph that keeps the rules of section 3.

/// LAB § 48 as the contract states it: the capped placements (internships, wage-subsidy
/// jobs) a company with `employees` may take beyond the `supported` it has now (may be
/// negative; the rule allows max(0, this)).
inline int reasonableness_cap(int employees, int supported) {
  return std::max(1, std::min(employees, 50) / 5) + std::max(0, employees - 50) / 10 - supported;
}

/// Whether `choice` (per citizen: an arc of `g`, or -1 for unplaced) keeps every rule of
/// section 3: seats, mentor pools (free capacity of the company's mentors), the
/// reasonableness rule, and every pin.
inline bool keeps_section3(const Instance& in, const CandidateGraph& g, const std::vector<std::int64_t>& choice) {
  std::map<Index, int> seats, pool, capped;
  for (std::size_t c = 0; c < choice.size(); ++c) {
    if (choice[c] < 0) continue;
    const auto a = static_cast<std::size_t>(choice[c]);
    const Opening& o = in.openings[static_cast<std::size_t>(g.opening[a])];
    ++seats[g.opening[a]];
    if (in.citizens[c].needs_mentor || o.mentor_required) ++pool[o.company];
    if (o.kind == OpeningKind::Internship || o.kind == OpeningKind::WageSubsidy) ++capped[o.company];
  }
  for (auto [o, used] : seats)
    if (used > in.openings[static_cast<std::size_t>(o)].seats) return false;
  for (auto [k, used] : pool) {
    int room = 0;
    for (const Mentor& m : in.mentors)
      if (m.company == k) room += std::max(0, m.capacity - m.carrying_now);
    if (used > room) return false;
  }
  for (auto [k, used] : capped) {
    const Company& co = in.companies[static_cast<std::size_t>(k)];
    if (co.employees && used > std::max(0, reasonableness_cap(*co.employees, co.supported_now))) return false;
  }
  for (const Decision& d : in.decisions) {
    if (d.kind != DecisionKind::Pin) continue;
    const std::int64_t a = choice[static_cast<std::size_t>(d.citizen)];
    if (a < 0 || g.opening[static_cast<std::size_t>(a)] != d.opening) return false;
  }
  return true;
}

/// Calls `visit(choice)` for every assignment of citizens to their feasible pairs in `g`
/// (or nothing: -1) that keeps every rule of section 3. O(prod (pairs_c + 1)).
template <class Visit>
void for_each_plan(const Instance& in, const CandidateGraph& g, Visit&& visit) {
  const std::size_t n = in.citizens.size();
  std::vector<std::int64_t> choice(n, -1);
  auto rec = [&](auto&& self, std::size_t c) -> void {
    if (c == n) {
      if (keeps_section3(in, g, choice)) visit(static_cast<const std::vector<std::int64_t>&>(choice));
      return;
    }
    choice[c] = -1;
    self(self, c + 1);
    for (std::int64_t a = g.begin(static_cast<Index>(c)); a < g.end(static_cast<Index>(c)); ++a) {
      choice[c] = a;
      self(self, c + 1);
    }
    choice[c] = -1;
  };
  rec(rec, 0);
}

/// A plan's value: placements and total score (-1: no plan at all).
struct Best {
  std::int64_t placed = -1;
  std::int64_t score = -1;
  friend bool operator==(const Best&, const Best&) = default;
};

/// Placements first, then score.
inline bool lex_less(const Best& a, const Best& b) {
  return a.placed != b.placed ? a.placed < b.placed : a.score < b.score;
}

/// The optimum over every plan that keeps section 3: most placements then best score, or
/// (Objective::Score) best score alone (then `placed` is that of the first such plan).
/// {-1, -1} when no plan keeps the rules (pins that cannot hold together).
inline Best best_plan(const Instance& in, const CandidateGraph& g, Objective objective = Objective::Placements) {
  Best best;
  for_each_plan(in, g, [&](const std::vector<std::int64_t>& choice) {
    Best v{0, 0};
    for (const std::int64_t a : choice)
      if (a >= 0) {
        ++v.placed;
        v.score += g.score[static_cast<std::size_t>(a)];
      }
    const bool better = objective == Objective::Score ? v.score > best.score : lex_less(best, v);
    if (better) best = v;
  });
  return best;
}

/// The best seat step by brute force (the what-if's oracle): one more seat at each opening
/// of `in` in turn, each changed instance's best plan; the first opening (lowest index)
/// whose plan is best, that plan's value, and how often an opening tied with the best so far.
struct BestSeat {
  Best best;
  Index opening = kNone;
  int ties = 0;
};
inline BestSeat best_seat(const Instance& in) {
  BestSeat out;
  for (Index o = 0; o < static_cast<Index>(in.openings.size()); ++o) {
    Instance alt = in;
    ++alt.openings[static_cast<std::size_t>(o)].seats;
    const Best b = best_plan(alt, build_candidates(alt));
    if (lex_less(out.best, b)) {
      out.best = b;
      out.opening = o;
    } else if (b == out.best) {
      ++out.ties;
    }
  }
  return out;
}

/// A small random instance's shape: 2 areas, 3 companies, 4 openings.
inline RandomShape small_shape(int citizens = 6, int forbids = 2) {
  RandomShape shape;
  shape.areas = 2;
  shape.companies = 3;
  shape.openings = 4;
  shape.citizens = citizens;
  shape.forbids = forbids;
  return shape;
}

/// Loosens reach, hours and requirements so that residents compete for seats, mentors and
/// the reasonableness cap (the rules themselves are tested with the candidates);
/// `keep_rules` keeps requirements and barriers. The caller finalizes.
inline void loosen_for_competition(Instance& in, bool keep_rules = false) {
  for (Citizen& c : in.citizens) {
    c.max_km = std::max(c.max_km, 60.0);
    c.hours_tolerance += 12;
    if (!keep_rules) c.barriers.clear();
  }
  for (Opening& o : in.openings) {
    if (!keep_rules) o.required.clear();
    o.groups.clear();
    o.age_min.reset();
    o.age_max.reset();
  }
}

/// random_instance(seed, small_shape(citizens)) loosened for competition, finalized.
inline Instance competing_instance(std::uint64_t seed, int citizens = 6, bool keep_rules = false) {
  Instance in = random_instance(seed, small_shape(citizens));
  loosen_for_competition(in, keep_rules);
  in.finalize();
  return in;
}

/// Pins one feasible pair drawn with `r`, kept only when the pin check accepts it (so the
/// instance stays valid input). False when the instance has no feasible pair.
inline bool add_random_pin(Instance& in, Rng& r) {
  const CandidateGraph g = build_candidates(in);
  if (g.size() == 0) return false;
  const std::int64_t a = r.integer(0, static_cast<int>(g.size()) - 1);
  Index c = 0;
  while (g.end(c) <= a) ++c;
  Instance copy = in;
  add_decision(copy, c, g.opening[static_cast<std::size_t>(a)], DecisionKind::Pin);
  copy.finalize();
  if (check_decisions(copy).empty()) in = std::move(copy);
  return true;
}

/// Up to two random pins (each tried with probability `chance`), from a generator of its
/// own seeded by `seed`.
inline void add_random_pins(Instance& in, std::uint64_t seed, double chance) {
  Rng r(seed * 7919 + 1);
  for (int tries = 0; tries < 2; ++tries) {
    if (!r.chance(chance)) continue;
    if (!add_random_pin(in, r)) return;
  }
}

// ---------------------------------------------------------------------------------------
// Problems: every plan of a MatchingProblem (engine/solve.hpp), its rules written again.

/// The shape of random_problem's problems.
struct ProblemShape {
  int max_citizens = 7;
  int max_openings = 4;
  int groups = 2;
  int pools = 2;
  double pooled_share = 0.5;
  double pin_chance = 0.3;
  bool tie_scores = false;
};

/// A random problem with cap groups, mentor pools (limits 0-2) and pins, drawn from `rng`.
inline MatchingProblem random_problem(Rng& rng, const ProblemShape& k) {
  auto pick = [&](int lo, int hi) { return rng.integer(lo, hi); };
  auto chance = [&](double p) { return rng.chance(p); };
  MatchingProblem p;
  p.num_citizens = pick(0, k.max_citizens);
  p.num_openings = pick(1, k.max_openings);
  const int groups = pick(0, k.groups), pools = pick(0, k.pools);
  for (Index o = 0; o < p.num_openings; ++o) {
    p.seats.push_back(pick(1, 3));
    p.opening_cap_group.push_back(groups > 0 && chance(0.6) ? pick(0, groups - 1) : kNone);
    p.opening_pool.push_back(pools > 0 && chance(0.8) ? pick(0, pools - 1) : kNone);
  }
  for (int g = 0; g < groups; ++g) p.cap_group_limit.push_back(pick(0, 3));
  for (int q = 0; q < pools; ++q) p.pool_limit.push_back(pick(0, 2));
  p.arc_begin = {0};
  for (Index c = 0; c < p.num_citizens; ++c) {
    for (Index o = 0; o < p.num_openings; ++o) {
      if (!chance(0.6)) continue;
      p.arc_opening.push_back(o);
      p.arc_score.push_back(k.tie_scores ? 250'000 * pick(0, 4) : pick(0, 1'000'000));
      p.arc_pooled.push_back(chance(k.pooled_share) ? 1 : 0);
    }
    p.arc_begin.push_back(static_cast<std::int64_t>(p.arc_opening.size()));
  }
  if (!p.arc_opening.empty() && chance(k.pin_chance)) {
    const int pins = pick(1, 2);
    for (int i = 0; i < pins; ++i)
      p.pinned_arcs.push_back(pick(0, static_cast<int>(p.arc_opening.size()) - 1));
  }
  return p;
}

/// Per pool: the pooled placements of `plan` (per citizen an arc or -1), counted here.
inline std::vector<int> pooled_per_pool(const MatchingProblem& p, const std::vector<std::int64_t>& plan) {
  std::vector<int> pool(p.pool_limit.size());
  for (const auto e : plan) {
    if (e < 0) continue;
    const Index k = p.opening_pool[static_cast<std::size_t>(p.arc_opening[static_cast<std::size_t>(e)])];
    if (p.arc_pooled[static_cast<std::size_t>(e)] && k >= 0) ++pool[static_cast<std::size_t>(k)];
  }
  return pool;
}

/// Independent feasibility check of a plan: every rule of the problem (one arc of the
/// citizen's own, seats, cap groups, pools, pins).
inline bool keeps_every_rule(const MatchingProblem& p, const std::vector<std::int64_t>& plan) {
  if (plan.size() != static_cast<std::size_t>(p.num_citizens)) return false;
  std::vector<int> seats(p.seats.size()), group(p.cap_group_limit.size());
  for (Index c = 0; c < p.num_citizens; ++c) {
    const auto e = plan[static_cast<std::size_t>(c)];
    if (e == -1) continue;
    if (e < p.arc_begin[static_cast<std::size_t>(c)] || e >= p.arc_begin[static_cast<std::size_t>(c) + 1]) return false;
    const Index o = p.arc_opening[static_cast<std::size_t>(e)];
    if (++seats[static_cast<std::size_t>(o)] > p.seats[static_cast<std::size_t>(o)]) return false;
    const Index g = p.opening_cap_group[static_cast<std::size_t>(o)];
    if (g >= 0 && ++group[static_cast<std::size_t>(g)] > p.cap_group_limit[static_cast<std::size_t>(g)]) return false;
  }
  const std::vector<int> pool = pooled_per_pool(p, plan);
  for (std::size_t k = 0; k < pool.size(); ++k)
    if (pool[k] > p.pool_limit[k]) return false;
  for (auto e : p.pinned_arcs) {
    Index owner = 0;
    while (p.arc_begin[static_cast<std::size_t>(owner) + 1] <= e) ++owner;
    if (plan[static_cast<std::size_t>(owner)] != e) return false;
  }
  return true;
}

/// The optima of a problem over every plan that keeps its rules (and `admit`, a filter on
/// the plan for restricted problems: arcs closed or fixed).
struct ProblemBest {
  bool any = false;
  std::int64_t lex_placed = -1, lex_score = -1;  // Placements objective
  std::int64_t best_score = -1;                  // Score objective
  /// The optimum of the weights big + score_e (big > 0: placements first; 0: score).
  std::int64_t weight_optimum(std::int64_t big) const { return big > 0 ? big * lex_placed + lex_score : best_score; }
};

template <class Admit>
ProblemBest brute_force(const MatchingProblem& p, Admit&& admit) {
  ProblemBest best;
  std::vector<std::int64_t> plan(static_cast<std::size_t>(p.num_citizens), -1);
  // Odometer over each citizen's choice: -1 or one of its arcs.
  for (;;) {
    if (keeps_every_rule(p, plan) && admit(static_cast<const std::vector<std::int64_t>&>(plan))) {
      std::int64_t placed = 0, score = 0;
      for (auto e : plan)
        if (e >= 0) {
          ++placed;
          score += p.arc_score[static_cast<std::size_t>(e)];
        }
      best.any = true;
      if (placed > best.lex_placed || (placed == best.lex_placed && score > best.lex_score)) {
        best.lex_placed = placed;
        best.lex_score = score;
      }
      best.best_score = std::max(best.best_score, score);
    }
    Index c = 0;
    for (; c < p.num_citizens; ++c) {
      auto& e = plan[static_cast<std::size_t>(c)];
      const auto begin = p.arc_begin[static_cast<std::size_t>(c)], end = p.arc_begin[static_cast<std::size_t>(c) + 1];
      if (e == -1 && begin < end) {
        e = begin;
        break;
      }
      if (e >= 0 && e + 1 < end) {
        ++e;
        break;
      }
      e = -1;
    }
    if (c == p.num_citizens) break;
  }
  return best;
}

inline ProblemBest brute_force(const MatchingProblem& p) {
  return brute_force(p, [](const std::vector<std::int64_t>&) { return true; });
}

}  // namespace pmtest
