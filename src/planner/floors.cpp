// Plans with floors (placematch/planner/floors.hpp).
#include "placematch/planner/floors.hpp"

#include <algorithm>
#include <numeric>

#include "detail/flow_core.hpp"
#include "placematch/plan/audit.hpp"

namespace placematch {

namespace {

std::size_t at(std::int64_t i) { return static_cast<std::size_t>(i); }

struct Candidate {
  std::vector<std::int64_t> chosen;  // per citizen: base arc or -1
  bool ok = false;                   // the flow was solved (weights within range)
  bool relaxation_kept_pools = false;
  std::int64_t relaxed_shortfall = 0;  // the relaxation's least shortfall of this scope
};

// One scope's floors as a flow (see the header): class of each citizen, required per class.
Candidate solve_scope(const Instance& in, const MatchingProblem& p, Objective objective, FloorScope scope) {
  Candidate out;
  const Index n = p.num_citizens;
  const Index m = p.num_openings;
  // Classes: the floors of this scope.
  std::vector<std::int32_t> class_of(at(n), -1);
  std::vector<std::int64_t> required, members;
  {
    std::vector<std::int32_t> floor_of_code;
    for (const Floor& f : in.floors) {
      if (f.scope != scope) continue;
      if (at(f.code) >= floor_of_code.size()) floor_of_code.resize(at(f.code) + 1, -1);
      floor_of_code[at(f.code)] = static_cast<std::int32_t>(required.size());
      required.push_back(0);
      members.push_back(0);
    }
    for (Index c = 0; c < n; ++c) {
      const Citizen& ci = in.citizens[at(c)];
      const std::int32_t code = scope == FloorScope::Group ? ci.target_group : ci.area;
      if (code >= 0 && at(code) < floor_of_code.size() && floor_of_code[at(code)] >= 0) {
        class_of[at(c)] = floor_of_code[at(code)];
        ++members[at(class_of[at(c)])];
      }
    }
    std::size_t k = 0;
    for (const Floor& f : in.floors)
      if (f.scope == scope) {
        required[k] = f.required(members[k]);
        ++k;
      }
  }
  const std::size_t classes = required.size();

  // Fixed placements (pins, later the kept pooled placements of repairs) and what they use.
  std::vector<std::uint8_t> fixed(at(n), 0), closed;
  std::vector<std::int64_t> fixed_arc(at(n), -1);
  std::vector<std::int32_t> seats_left = p.seats, limit_left = p.cap_group_limit, pool_left = p.pool_limit;
  std::vector<std::int64_t> fixed_in_class(classes, 0);
  auto arc_citizen = [&](std::int64_t e) {
    return static_cast<Index>(std::upper_bound(p.arc_begin.begin(), p.arc_begin.end(), e) - p.arc_begin.begin() - 1);
  };
  auto fix = [&](std::int64_t e) {
    const Index c = arc_citizen(e);
    if (fixed[at(c)]) return;
    fixed[at(c)] = 1;
    fixed_arc[at(c)] = e;
    const Index o = p.arc_opening[at(e)];
    --seats_left[at(o)];
    if (const Index g = p.opening_cap_group[at(o)]; g >= 0) --limit_left[at(g)];
    if (p.arc_pooled[at(e)] && p.opening_pool[at(o)] >= 0) --pool_left[at(p.opening_pool[at(o)])];
    if (class_of[at(c)] >= 0) ++fixed_in_class[at(class_of[at(c)])];
  };
  for (std::int64_t e : p.pinned_arcs) fix(e);

  // The extended problem: every citizen's arcs, then its virtual arc (floored classes).
  MatchingProblem ext;
  ext.num_citizens = n;
  ext.num_openings = m + static_cast<Index>(classes);
  ext.arc_begin.assign(at(n) + 1, 0);
  for (Index c = 0; c < n; ++c)
    ext.arc_begin[at(c) + 1] = ext.arc_begin[at(c)] + (p.arc_begin[at(c) + 1] - p.arc_begin[at(c)]) + (class_of[at(c)] >= 0);
  const std::size_t arcs = at(ext.arc_begin.back());
  ext.arc_opening.resize(arcs);
  std::vector<std::int64_t> base_arc(arcs, -1);
  const std::int64_t big = objective == Objective::Placements ? 1'000'000LL * (static_cast<std::int64_t>(n) + 1) : 0;
  const std::int64_t floor_weight = (big + 1'000'000LL) * (static_cast<std::int64_t>(n) + 1);
  detail::FlowInput input;
  input.weight.resize(arcs);
  for (Index c = 0; c < n; ++c) {
    std::int64_t x = ext.arc_begin[at(c)];
    const std::int64_t f = class_of[at(c)] >= 0 ? floor_weight : 0;
    for (std::int64_t e = p.arc_begin[at(c)]; e < p.arc_begin[at(c) + 1]; ++e, ++x) {
      ext.arc_opening[at(x)] = p.arc_opening[at(e)];
      base_arc[at(x)] = e;
      input.weight[at(x)] = f + big + p.arc_score[at(e)];
    }
    if (class_of[at(c)] >= 0) {
      ext.arc_opening[at(x)] = m + class_of[at(c)];
      input.weight[at(x)] = floor_weight;
    }
  }
  ext.arc_score.assign(arcs, 0);
  ext.arc_pooled.assign(arcs, 0);
  ext.seats = p.seats;
  ext.seats.resize(at(ext.num_openings), 1);
  ext.opening_cap_group = p.opening_cap_group;
  ext.opening_cap_group.resize(at(ext.num_openings), kNone);
  ext.cap_group_limit = p.cap_group_limit;
  ext.opening_pool.assign(at(ext.num_openings), kNone);
  detail::FlowCore core(ext);
  closed.assign(arcs, 0);

  auto shortfall_of = [&](const std::vector<std::int64_t>& chosen) {
    std::vector<std::int64_t> placed(classes, 0);
    for (Index c = 0; c < n; ++c)
      if (chosen[at(c)] >= 0 && class_of[at(c)] >= 0) ++placed[at(class_of[at(c)])];
    std::int64_t s = 0;
    for (std::size_t k = 0; k < classes; ++k) s += std::max<std::int64_t>(0, required[k] - placed[k]);
    return s;
  };

  for (int round = 0;; ++round) {
    input.closed = closed;
    input.active.assign(at(n), 1);
    for (Index c = 0; c < n; ++c)
      if (fixed[at(c)]) input.active[at(c)] = 0;
    input.seats.assign(at(ext.num_openings), 0);
    for (Index o = 0; o < m; ++o) input.seats[at(o)] = std::max(0, seats_left[at(o)]);
    for (std::size_t k = 0; k < classes; ++k) {
      // Residents of the class still to plan, and how many of them the floor still needs.
      const std::int64_t active = members[k] - fixed_in_class[k];
      const std::int64_t still = std::max<std::int64_t>(0, required[k] - fixed_in_class[k]);
      input.seats[at(m) + k] = static_cast<std::int32_t>(std::max<std::int64_t>(0, active - still));
    }
    input.limit.assign(limit_left.size(), 0);
    for (std::size_t g = 0; g < limit_left.size(); ++g) input.limit[g] = std::max(0, limit_left[g]);
    if (!core.solve(input)) return out;  // beyond exact int64: out.ok stays false
    std::vector<std::int64_t> chosen(at(n), -1);
    for (Index c = 0; c < n; ++c) {
      if (fixed[at(c)]) chosen[at(c)] = fixed_arc[at(c)];
      else if (const std::int64_t x = core.arc(c); x >= 0) chosen[at(c)] = base_arc[at(x)];
    }
    // Mentor pools: the pooled placements beyond each pool's room.
    std::vector<std::vector<std::int64_t>> pooled(p.pool_limit.size());
    for (Index c = 0; c < n; ++c) {
      const std::int64_t e = chosen[at(c)];
      if (e < 0 || fixed[at(c)] || !p.arc_pooled[at(e)]) continue;
      const Index k = p.opening_pool[at(p.arc_opening[at(e)])];
      if (k >= 0) pooled[at(k)].push_back(e);
    }
    bool overfull = false;
    for (std::size_t k = 0; k < pooled.size(); ++k)
      overfull = overfull || static_cast<std::int64_t>(pooled[k].size()) > std::max(0, pool_left[k]);
    if (round == 0) {
      out.relaxation_kept_pools = !overfull;
      out.relaxed_shortfall = shortfall_of(chosen);
    }
    if (!overfull) {
      out.chosen = std::move(chosen);
      out.ok = true;
      return out;
    }
    // Keep the best pooled placements of each overfull pool, close its other pooled arcs.
    for (std::size_t k = 0; k < pooled.size(); ++k) {
      auto& list = pooled[k];
      const std::int64_t room = std::max(0, pool_left[k]);
      if (static_cast<std::int64_t>(list.size()) <= room) continue;
      std::stable_sort(list.begin(), list.end(), [&](std::int64_t a, std::int64_t b) {
        return p.arc_score[at(a)] > p.arc_score[at(b)];
      });
      for (std::int64_t i = 0; i < room; ++i) fix(list[at(i)]);
      for (Index c = 0; c < n; ++c) {
        std::int64_t x = ext.arc_begin[at(c)];
        for (std::int64_t e = p.arc_begin[at(c)]; e < p.arc_begin[at(c) + 1]; ++e, ++x)
          if (p.arc_pooled[at(e)] && p.opening_pool[at(p.arc_opening[at(e)])] == static_cast<Index>(k)) closed[at(x)] = 1;
      }
    }
  }
}

struct Value {
  std::int64_t shortfall, placed, score;
};

// Whether a is better than b in the order of floors, then the objective.
bool better(const Value& a, const Value& b, Objective objective) {
  if (a.shortfall != b.shortfall) return a.shortfall < b.shortfall;
  if (objective == Objective::Placements && a.placed != b.placed) return a.placed > b.placed;
  return a.score > b.score;
}

Value value_of(const Instance& in, const Plan& plan) {
  std::int64_t s = 0;
  for (const FloorRow& r : floor_rows(in, plan)) s += r.shortfall;
  return {s, plan.placed, plan.score};
}

}  // namespace

Plan plan_with_floors(const Instance& in, const CandidateGraph& graph, const Plan& without, Objective objective) {
  const MatchingProblem p = make_problem(in, graph);
  bool has_scope[2] = {false, false};
  for (const Floor& f : in.floors) has_scope[f.scope == FloorScope::Area] = true;

  // Candidates: the plan without floors, then each scope's flow plan. `exact`: optimal for
  // (placements, score) among the plans of least shortfall in its own relaxation (the plan
  // without floors: among all plans).
  struct Option {
    Plan plan;
    Value value;
    bool exact;
  };
  std::vector<Option> options;
  options.push_back({without, value_of(in, without), without.status == Status::Optimal});
  std::int64_t bound = 0;  // sum over the solved scopes of their relaxations' least shortfall
  for (FloorScope scope : {FloorScope::Group, FloorScope::Area}) {
    if (!has_scope[scope == FloorScope::Area]) continue;
    Candidate c = solve_scope(in, p, objective, scope);
    if (!c.ok) continue;  // beyond exact int64 weights: this scope gives no plan or bound
    bound += c.relaxed_shortfall;
    Plan plan = make_plan(in, graph, c.chosen);
    const Value v = value_of(in, plan);
    options.push_back({std::move(plan), v, c.relaxation_kept_pools});
  }
  std::size_t pick = 0;
  for (std::size_t i = 1; i < options.size(); ++i)
    if (better(options[i].value, options[pick].value, objective)) pick = i;
  const Value best_value = options[pick].value;
  // A plan whose total shortfall reaches the bound has, in every solved scope, that scope's
  // least shortfall; an exact option with that value has the best objective among them.
  bool proven = false;
  if (best_value.shortfall == bound)
    for (const Option& o : options)
      proven = proven || (o.exact && !better(best_value, o.value, objective) && o.value.shortfall == bound);
  Plan best = std::move(options[pick].plan);
  FloorsOutcome out;
  out.shortfall = best_value.shortfall;
  out.shortfall_bound = bound;
  best.objective = objective;
  best.status = proven ? Status::Optimal : Status::Feasible;
  if (proven) {
    best.bound_placed = objective == Objective::Placements ? std::optional<Index>(best.placed) : std::nullopt;
    best.bound_score = best.score;
  } else {
    best.bound_placed = without.bound_placed;
    best.bound_score = without.bound_score;
  }
  out.price_placed = without.placed - best.placed;
  out.price_score = without.score - best.score;
  out.price_exact = proven && without.status == Status::Optimal;
  best.floors = out;
  return best;
}

}  // namespace placematch
