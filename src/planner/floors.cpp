// Plans with floors (placematch/planner/floors.hpp).
#include "placematch/planner/floors.hpp"

#include <algorithm>
#include <memory>
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

// One scope's floors as a flow (see the header): each floored class gets a virtual
// opening that takes the residents the floor lets go unplaced; a round solves the flow on
// what the fixed placements leave, and where the plan overfills mentor pools their best
// pooled placements are fixed and the rest of those pools closed, until a plan keeps them.
class ScopeFlow {
 public:
  ScopeFlow(const Instance& in, const MatchingProblem& p, Objective objective, FloorScope scope)
      : in_(in), p_(p), n_(p.num_citizens), m_(p.num_openings), class_of_(at(n_), -1), fixed_(at(n_), 0),
        fixed_arc_(at(n_), -1), seats_left_(p.seats), limit_left_(p.cap_group_limit), pool_left_(p.pool_limit) {
    read_classes(scope);
    fixed_in_class_.assign(required_.size(), 0);
    for (std::int64_t e : p.pinned_arcs) fix(e);
    build_extended(objective);
  }

  Candidate solve();

 private:
  void read_classes(FloorScope scope);
  void fix(std::int64_t e);
  void build_extended(Objective objective);
  void set_capacities();
  std::vector<std::int64_t> read_plan() const;
  std::vector<std::vector<std::int64_t>> free_pooled(const std::vector<std::int64_t>& chosen) const;
  void keep_best_and_close(std::size_t pool, std::vector<std::int64_t>& list);
  std::int64_t shortfall_of(const std::vector<std::int64_t>& chosen) const;

  Index arc_citizen(std::int64_t e) const {
    return static_cast<Index>(std::upper_bound(p_.arc_begin.begin(), p_.arc_begin.end(), e) - p_.arc_begin.begin() - 1);
  }

  const Instance& in_;
  const MatchingProblem& p_;
  const Index n_, m_;
  std::vector<std::int32_t> class_of_;               // per citizen: its floored class, or -1
  std::vector<std::int64_t> required_, members_;     // per class
  // Fixed placements (pins, then the kept pooled placements of repairs) and what they use.
  std::vector<std::uint8_t> fixed_;
  std::vector<std::int64_t> fixed_arc_;
  std::vector<std::int32_t> seats_left_, limit_left_, pool_left_;
  std::vector<std::int64_t> fixed_in_class_;
  // The extended problem: every citizen's arcs, then its virtual arc (floored classes).
  MatchingProblem ext_;
  std::vector<std::int64_t> base_arc_;  // per extended arc: the problem's arc, or -1
  std::vector<std::uint8_t> closed_;    // per extended arc
  detail::FlowInput input_;
  std::unique_ptr<detail::FlowCore> core_;
};

// The classes: the floors of this scope, each citizen's class, members and required.
void ScopeFlow::read_classes(FloorScope scope) {
  std::vector<std::int32_t> floor_of_code;
  for (const Floor& f : in_.floors) {
    if (f.scope != scope) continue;
    if (at(f.code) >= floor_of_code.size()) floor_of_code.resize(at(f.code) + 1, -1);
    floor_of_code[at(f.code)] = static_cast<std::int32_t>(required_.size());
    required_.push_back(0);
    members_.push_back(0);
  }
  for (Index c = 0; c < n_; ++c) {
    const Citizen& ci = in_.citizens[at(c)];
    const std::int32_t code = scope == FloorScope::Group ? ci.target_group : ci.area;
    if (code >= 0 && at(code) < floor_of_code.size() && floor_of_code[at(code)] >= 0) {
      class_of_[at(c)] = floor_of_code[at(code)];
      ++members_[at(class_of_[at(c)])];
    }
  }
  std::size_t k = 0;
  for (const Floor& f : in_.floors)
    if (f.scope == scope) {
      required_[k] = f.required(members_[k]);
      ++k;
    }
}

// Fixes arc e (its citizen placed there, out of the flow) and takes what it uses.
void ScopeFlow::fix(std::int64_t e) {
  const Index c = arc_citizen(e);
  if (fixed_[at(c)]) return;
  fixed_[at(c)] = 1;
  fixed_arc_[at(c)] = e;
  const Index o = p_.arc_opening[at(e)];
  --seats_left_[at(o)];
  if (const Index g = p_.opening_cap_group[at(o)]; g >= 0) --limit_left_[at(g)];
  if (p_.arc_pooled[at(e)] && p_.opening_pool[at(o)] >= 0) --pool_left_[at(p_.opening_pool[at(o)])];
  if (class_of_[at(c)] >= 0) ++fixed_in_class_[at(class_of_[at(c)])];
}

// The extended problem and its weights: a floored citizen's every arc carries the floor
// weight (above any plan's objective), so the flow first places as many floored residents
// as the virtual openings force, then follows the objective.
void ScopeFlow::build_extended(Objective objective) {
  const std::size_t classes = required_.size();
  ext_.num_citizens = n_;
  ext_.num_openings = m_ + static_cast<Index>(classes);
  ext_.arc_begin.assign(at(n_) + 1, 0);
  for (Index c = 0; c < n_; ++c)
    ext_.arc_begin[at(c) + 1] =
        ext_.arc_begin[at(c)] + (p_.arc_begin[at(c) + 1] - p_.arc_begin[at(c)]) + (class_of_[at(c)] >= 0);
  const std::size_t arcs = at(ext_.arc_begin.back());
  ext_.arc_opening.resize(arcs);
  base_arc_.assign(arcs, -1);
  const std::int64_t big = objective == Objective::Placements ? 1'000'000LL * (static_cast<std::int64_t>(n_) + 1) : 0;
  const std::int64_t floor_weight = (big + 1'000'000LL) * (static_cast<std::int64_t>(n_) + 1);
  input_.weight.resize(arcs);
  for (Index c = 0; c < n_; ++c) {
    std::int64_t x = ext_.arc_begin[at(c)];
    const std::int64_t f = class_of_[at(c)] >= 0 ? floor_weight : 0;
    for (std::int64_t e = p_.arc_begin[at(c)]; e < p_.arc_begin[at(c) + 1]; ++e, ++x) {
      ext_.arc_opening[at(x)] = p_.arc_opening[at(e)];
      base_arc_[at(x)] = e;
      input_.weight[at(x)] = f + big + p_.arc_score[at(e)];
    }
    if (class_of_[at(c)] >= 0) {
      ext_.arc_opening[at(x)] = m_ + class_of_[at(c)];
      input_.weight[at(x)] = floor_weight;
    }
  }
  ext_.arc_score.assign(arcs, 0);
  ext_.arc_pooled.assign(arcs, 0);
  ext_.seats = p_.seats;
  ext_.seats.resize(at(ext_.num_openings), 1);
  ext_.opening_cap_group = p_.opening_cap_group;
  ext_.opening_cap_group.resize(at(ext_.num_openings), kNone);
  ext_.cap_group_limit = p_.cap_group_limit;
  ext_.opening_pool.assign(at(ext_.num_openings), kNone);
  core_ = std::make_unique<detail::FlowCore>(ext_);
  closed_.assign(arcs, 0);
}

// The flow's capacities for this round: what the fixed placements leave, and per class
// as many virtual seats as its residents still to plan minus those its floor still needs.
void ScopeFlow::set_capacities() {
  input_.closed = closed_;
  input_.active.assign(at(n_), 1);
  for (Index c = 0; c < n_; ++c)
    if (fixed_[at(c)]) input_.active[at(c)] = 0;
  input_.seats.assign(at(ext_.num_openings), 0);
  for (Index o = 0; o < m_; ++o) input_.seats[at(o)] = std::max(0, seats_left_[at(o)]);
  for (std::size_t k = 0; k < required_.size(); ++k) {
    const std::int64_t active = members_[k] - fixed_in_class_[k];
    const std::int64_t still = std::max<std::int64_t>(0, required_[k] - fixed_in_class_[k]);
    input_.seats[at(m_) + k] = static_cast<std::int32_t>(std::max<std::int64_t>(0, active - still));
  }
  input_.limit.assign(limit_left_.size(), 0);
  for (std::size_t g = 0; g < limit_left_.size(); ++g) input_.limit[g] = std::max(0, limit_left_[g]);
}

// The plan of the flow just solved, on the problem's arcs (per citizen an arc or -1).
std::vector<std::int64_t> ScopeFlow::read_plan() const {
  std::vector<std::int64_t> chosen(at(n_), -1);
  for (Index c = 0; c < n_; ++c) {
    if (fixed_[at(c)])
      chosen[at(c)] = fixed_arc_[at(c)];
    else if (const std::int64_t x = core_->arc(c); x >= 0)
      chosen[at(c)] = base_arc_[at(x)];
  }
  return chosen;
}

// Per mentor pool: the plan's pooled placements that are not fixed.
std::vector<std::vector<std::int64_t>> ScopeFlow::free_pooled(const std::vector<std::int64_t>& chosen) const {
  std::vector<std::vector<std::int64_t>> pooled(p_.pool_limit.size());
  for (Index c = 0; c < n_; ++c) {
    const std::int64_t e = chosen[at(c)];
    if (e < 0 || fixed_[at(c)] || !p_.arc_pooled[at(e)]) continue;
    const Index k = p_.opening_pool[at(p_.arc_opening[at(e)])];
    if (k >= 0) pooled[at(k)].push_back(e);
  }
  return pooled;
}

// An overfull pool: its best pooled placements (by score) fixed up to its room, every
// other pooled arc into it closed.
void ScopeFlow::keep_best_and_close(std::size_t pool, std::vector<std::int64_t>& list) {
  const std::int64_t room = std::max(0, pool_left_[pool]);
  std::stable_sort(list.begin(), list.end(),
                   [&](std::int64_t a, std::int64_t b) { return p_.arc_score[at(a)] > p_.arc_score[at(b)]; });
  for (std::int64_t i = 0; i < room; ++i) fix(list[at(i)]);
  for (Index c = 0; c < n_; ++c) {
    std::int64_t x = ext_.arc_begin[at(c)];
    for (std::int64_t e = p_.arc_begin[at(c)]; e < p_.arc_begin[at(c) + 1]; ++e, ++x)
      if (p_.arc_pooled[at(e)] && p_.opening_pool[at(p_.arc_opening[at(e)])] == static_cast<Index>(pool))
        closed_[at(x)] = 1;
  }
}

std::int64_t ScopeFlow::shortfall_of(const std::vector<std::int64_t>& chosen) const {
  std::vector<std::int64_t> placed(required_.size(), 0);
  for (Index c = 0; c < n_; ++c)
    if (chosen[at(c)] >= 0 && class_of_[at(c)] >= 0) ++placed[at(class_of_[at(c)])];
  std::int64_t s = 0;
  for (std::size_t k = 0; k < required_.size(); ++k) s += std::max<std::int64_t>(0, required_[k] - placed[k]);
  return s;
}

// Rounds until a plan keeps every pool; the first round is the scope's relaxation.
Candidate ScopeFlow::solve() {
  Candidate out;
  for (int round = 0;; ++round) {
    set_capacities();
    if (!core_->solve(input_)) return out;  // beyond exact int64: out.ok stays false
    std::vector<std::int64_t> chosen = read_plan();
    std::vector<std::vector<std::int64_t>> pooled = free_pooled(chosen);
    bool overfull = false;
    for (std::size_t k = 0; k < pooled.size(); ++k)
      overfull = overfull || static_cast<std::int64_t>(pooled[k].size()) > std::max(0, pool_left_[k]);
    if (round == 0) {
      out.relaxation_kept_pools = !overfull;
      out.relaxed_shortfall = shortfall_of(chosen);
    }
    if (!overfull) {
      out.chosen = std::move(chosen);
      out.ok = true;
      return out;
    }
    for (std::size_t k = 0; k < pooled.size(); ++k)
      if (static_cast<std::int64_t>(pooled[k].size()) > std::max(0, pool_left_[k])) keep_best_and_close(k, pooled[k]);
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
    Candidate c = ScopeFlow(in, p, objective, scope).solve();
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
