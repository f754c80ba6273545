// Plans with floors (placematch/planner/floors.hpp): the floors as virtual openings of one
// matching problem, solved by the engine (see the header for the reduction and its proof).
#include "placematch/planner/floors.hpp"

#include <coin/ClpSimplex.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include "detail/floor_paths.hpp"
#include "detail/progress_relay.hpp"
#include "placematch/plan/audit.hpp"

namespace placematch {

namespace {

using i128 = __int128;

std::size_t at(std::int64_t i) { return static_cast<std::size_t>(i); }

constexpr i128 kMaxScore = i128{1} << 52;  // MatchingProblem::max_score's range
constexpr i128 kFlowRange = i128{1} << 61;  // the flow core's: largest cost x (nodes + 1)
// The priced path run first: with at most this many floors, its calls share this many times
// the caller's work limit (plan_with_floors).
constexpr std::size_t kPricedFirstFloors = 8;
constexpr std::int64_t kPricedFirstScale = 4;

// The floors that can fall short (required > 0; the others always hold), each citizen's.
struct FloorSet {
  std::vector<std::int64_t> members, required;        // per kept floor
  std::vector<FloorScope> scope;                      // per kept floor
  std::vector<std::int32_t> group_floor, area_floor;  // per citizen: its kept floor, or -1
  bool groups = false, areas = false;
  std::int64_t members_total = 0;  // sum over the kept floors of their residents
};

FloorSet read_floors(const Instance& in) {
  const std::size_t n = in.citizens.size();
  std::map<std::pair<FloorScope, std::int64_t>, std::size_t> index;  // (scope, code) -> floor of `in`
  for (std::size_t k = 0; k < in.floors.size(); ++k)
    index.emplace(std::pair{in.floors[k].scope, std::int64_t{in.floors[k].code}}, k);
  std::vector<std::int64_t> members(in.floors.size(), 0);
  std::vector<std::int32_t> group_of(n, -1), area_of(n, -1);  // floors of `in`
  for (std::size_t c = 0; c < n; ++c) {
    const Citizen& ci = in.citizens[c];
    if (auto it = index.find({FloorScope::Group, std::int64_t{ci.target_group}}); it != index.end()) {
      group_of[c] = static_cast<std::int32_t>(it->second);
      ++members[it->second];
    }
    if (auto it = index.find({FloorScope::Area, std::int64_t{ci.area}}); it != index.end()) {
      area_of[c] = static_cast<std::int32_t>(it->second);
      ++members[it->second];
    }
  }
  FloorSet f;
  std::vector<std::int32_t> kept(in.floors.size(), -1);
  for (std::size_t k = 0; k < in.floors.size(); ++k) {
    const std::int64_t required = in.floors[k].required(members[k]);
    if (required <= 0) continue;
    kept[k] = static_cast<std::int32_t>(f.members.size());
    f.members.push_back(members[k]);
    f.required.push_back(required);
    f.scope.push_back(in.floors[k].scope);
    f.members_total += members[k];
    (in.floors[k].scope == FloorScope::Group ? f.groups : f.areas) = true;
  }
  f.group_floor.assign(n, -1);
  f.area_floor.assign(n, -1);
  for (std::size_t c = 0; c < n; ++c) {
    if (group_of[c] >= 0) f.group_floor[c] = kept[at(group_of[c])];
    if (area_of[c] >= 0) f.area_floor[c] = kept[at(area_of[c])];
  }
  return f;
}

// The reduction: the real problem, then per floored resident its virtual arcs (header).
struct Reduction {
  MatchingProblem prob;
  std::vector<ArcIndex> real_arc;      // per arc of prob: the real problem's arc, or kNone
  std::vector<std::int8_t> cover;      // per arc: floors a virtual arc covers (0 for real arcs)
  std::vector<std::int8_t> floored;    // per citizen: its floored scopes (0, 1, 2)
  std::vector<std::int64_t> score;     // per arc: the real score (0 for virtual arcs)
};

Reduction reduce(const MatchingProblem& p, const FloorSet& f) {
  Reduction r;
  MatchingProblem& x = r.prob;
  const Index n = p.num_citizens;
  // With both scopes, one scope's floors are mentor-pool-like limits (the other's cap
  // groups): the scope with fewer floored residents, so fewer arcs carry a price.
  std::int64_t in_scope[2] = {0, 0};
  for (std::size_t k = 0; k < f.members.size(); ++k) in_scope[f.scope[k] == FloorScope::Area] += f.members[k];
  const bool both = f.groups && f.areas;
  const FloorScope pooled_scope = in_scope[1] <= in_scope[0] ? FloorScope::Area : FloorScope::Group;
  x.num_citizens = n;
  x.seats = p.seats;
  x.opening_cap_group = p.opening_cap_group;
  x.cap_group_limit = p.cap_group_limit;
  x.opening_pool = p.opening_pool;
  x.pool_limit = p.pool_limit;
  // Per kept floor: its virtual opening, and its cap group or pool.
  std::vector<Index> single(f.members.size(), kNone);
  std::vector<Index> limit_group(f.members.size(), kNone), limit_pool(f.members.size(), kNone);
  auto add_opening = [&](Index cap_group, Index pool) {
    x.seats.push_back(0);
    x.opening_cap_group.push_back(cap_group);
    x.opening_pool.push_back(pool);
    return static_cast<Index>(x.seats.size() - 1);
  };
  // With floors of one scope, each resident has one virtual arc, into its floor's opening
  // alone: the slack is that opening's seats (no cap group; the flow core's searches then
  // stop at the opening instead of walking its members through a full cap group).
  // With both scopes, U_g and U_ga share g's limit: a cap group (or pool) over them.
  for (std::size_t k = 0; k < f.members.size(); ++k) {
    const auto slack = static_cast<std::int32_t>(f.members[k] - f.required[k]);
    if (both && f.scope[k] == pooled_scope) {
      limit_pool[k] = static_cast<Index>(x.pool_limit.size());
      x.pool_limit.push_back(slack);
    } else if (both) {
      limit_group[k] = static_cast<Index>(x.cap_group_limit.size());
      x.cap_group_limit.push_back(slack);
    }
    single[k] = add_opening(limit_group[k], limit_pool[k]);
  }
  std::map<std::pair<std::int32_t, std::int32_t>, Index> pair_opening;  // (group floor, area floor)
  x.arc_begin.assign(at(n) + 1, 0);
  r.floored.assign(at(n), 0);
  std::vector<ArcIndex> pins_at(p.arc_opening.size(), kNone);
  for (Index c = 0; c < n; ++c) {
    for (ArcIndex e = p.arc_begin[at(c)]; e < p.arc_begin[at(c) + 1]; ++e) {
      pins_at[at(e)] = static_cast<ArcIndex>(x.arc_opening.size());
      x.arc_opening.push_back(p.arc_opening[at(e)]);
      x.arc_pooled.push_back(p.arc_pooled[at(e)]);
      r.real_arc.push_back(e);
      r.cover.push_back(0);
      r.score.push_back(p.arc_score[at(e)]);
    }
    auto add_arc = [&](Index o, std::int8_t cover) {
      ++x.seats[at(o)];
      x.arc_opening.push_back(o);
      x.arc_pooled.push_back(x.opening_pool[at(o)] != kNone ? 1 : 0);
      r.real_arc.push_back(kNone);
      r.cover.push_back(cover);
      r.score.push_back(0);
    };
    const std::int32_t g = f.group_floor[at(c)], a = f.area_floor[at(c)];
    if (g >= 0) add_arc(single[at(g)], 1);
    if (a >= 0) add_arc(single[at(a)], 1);
    if (g >= 0 && a >= 0) {
      auto [it, fresh] = pair_opening.try_emplace({g, a}, kNone);
      if (fresh)
        it->second = pooled_scope == FloorScope::Area ? add_opening(limit_group[at(g)], limit_pool[at(a)])
                                                      : add_opening(limit_group[at(a)], limit_pool[at(g)]);
      add_arc(it->second, 2);
    }
    r.floored[at(c)] = static_cast<std::int8_t>((g >= 0) + (a >= 0));
    x.arc_begin[at(c) + 1] = static_cast<ArcIndex>(x.arc_opening.size());
  }
  x.num_openings = static_cast<Index>(x.seats.size());
  if (!both)  // the seats counted its arcs; its slack instead
    for (std::size_t k = 0; k < f.members.size(); ++k)
      x.seats[at(single[k])] = static_cast<std::int32_t>(f.members[k] - f.required[k]);
  for (ArcIndex e : p.pinned_arcs) x.pinned_arcs.push_back(pins_at[at(e)]);
  x.arc_score.assign(x.arc_opening.size(), 0);
  return r;
}

// Per citizen: the real arc of a solution of the reduction (virtual arcs: unplaced).
std::vector<ArcIndex> real_plan(const Reduction& r, const Solution& s) {
  std::vector<ArcIndex> chosen(s.citizen_arc.size(), kNone);
  for (std::size_t c = 0; c < chosen.size(); ++c)
    if (s.citizen_arc[c] != kNone) chosen[c] = r.real_arc[at(s.citizen_arc[c])];
  return chosen;
}

// A plan's value in the order of floors, then the objective.
struct Value {
  std::int64_t shortfall = 0, placed = 0, score = 0;
};

bool better(const Value& a, const Value& b, Objective objective) {
  if (a.shortfall != b.shortfall) return a.shortfall < b.shortfall;
  if (objective == Objective::Placements && a.placed != b.placed) return a.placed > b.placed;
  return a.score > b.score;
}

Value value_of(const Instance& in, const Plan& plan) {
  std::int64_t s = 0;
  for (const FloorRow& row : floor_rows(in, plan)) s += row.shortfall;
  return {s, plan.placed, plan.score};
}

// Adds `delta` to the placed count `got` of each kept floor of citizen c (`group_floor`,
// `area_floor`: FloorSet's, per citizen its kept floor or -1).
void add_placed(const std::vector<std::int32_t>& group_floor, const std::vector<std::int32_t>& area_floor, std::size_t c,
                std::int64_t delta, std::vector<std::int64_t>& got) {
  if (group_floor[c] >= 0) got[at(group_floor[c])] += delta;
  if (area_floor[c] >= 0) got[at(area_floor[c])] += delta;
}

// The total shortfall of the kept floors (`required`) with `got` of each placed.
std::int64_t total_shortfall(const std::vector<std::int64_t>& required, const std::vector<std::int64_t>& got) {
  std::int64_t total = 0;
  for (std::size_t k = 0; k < got.size(); ++k) total += std::max<std::int64_t>(0, required[k] - got[k]);
  return total;
}

// A plan's value: (shortfall of the kept floors, placements, total arc_score of `problem`).
Value arc_value(const FloorSet& f, const MatchingProblem& problem, const std::vector<ArcIndex>& chosen) {
  std::vector<std::int64_t> got(f.members.size(), 0);
  Value v;
  for (std::size_t c = 0; c < chosen.size(); ++c) {
    if (chosen[c] == kNone) continue;
    ++v.placed;
    v.score += problem.arc_score[at(chosen[c])];
    add_placed(f.group_floor, f.area_floor, c, 1, got);
  }
  v.shortfall = total_shortfall(f.required, got);
  return v;
}

// What a solve of the reduction gives: a plan (when there is one), whether it is proven
// optimal in the order of floors, then the objective, and a proven lower bound on the
// total shortfall of the kept floors.
struct Outcome {
  bool solved = false;
  std::vector<ArcIndex> chosen;
  bool proven = false;
  std::int64_t shortfall_bound = 0;
  /// A proven bound on the objective of the plans whose shortfall is shortfall_bound
  /// (placements: most placements, then the best score with that many; score: the score).
  std::optional<std::int64_t> bound_placed, bound_score;
  /// The folded calls: the engine's proven bound on the folded weight.
  i128 weight_bound = 0;
};

// The engine's options for a solve of the reduction: objective Score on the folded weights,
// whose incumbent and bound mean nothing to a person (only the phase and nodes are passed);
// the pool LP started from the flow's basis (it binds on every reduction measured).
SolveOptions folded_options(const SolveOptions& options) {
  SolveOptions s = options;
  s.objective = Objective::Score;
  s.cutoff.reset();
  s.progress = detail::without_figures(options.progress);
  s.lp_dual_start = true;  // the pool LP from the flow's basis (speed only; SolveOptions)
  return s;
}

// Whether weights up to `top` are within the engine's exact range on this problem (the
// flow core's test, with the whole problem's nodes: a component has no more).
bool in_range(const MatchingProblem& x, i128 top) {
  const i128 nodes = i128{x.num_citizens} + x.num_openings + static_cast<i128>(x.cap_group_limit.size()) + 3;
  return top >= 1 && top <= kMaxScore && top * (nodes + 1) <= kFlowRange / 2;
}

class FloorSolver {
 public:
  FloorSolver(const MatchingProblem& p, const FloorSet& f, Objective objective, const SolveOptions& options)
      : f_(f), objective_(objective), options_(folded_options(options)), original_(p), r_(reduce(p, f)) {
    // D: the most total score any plan can have; P: the most placements (citizens with an arc).
    for (Index c = 0; c < p.num_citizens; ++c) {
      if (p.arc_begin[at(c)] == p.arc_begin[at(c) + 1]) continue;
      ++placeable_;
      std::int64_t best = 0;
      for (ArcIndex e = p.arc_begin[at(c)]; e < p.arc_begin[at(c) + 1]; ++e) best = std::max(best, p.arc_score[at(e)]);
      max_total_score_ += best;
      top_score_ = std::max(top_score_, best);
    }
  }

  // The reduction with the folded weights of the order (shortfall, `tiers`): `f`, the weight
  // of one floor covered, and `big`, of one placement; nullopt when they leave the exact range.
  struct Folded {
    MatchingProblem x;
    i128 f = 0, big = 0;
  };
  std::optional<Folded> folded_problem(Objective tiers) const {
    // Lower tiers: BIG placed + score, at most BIG P + D; F above any of their totals.
    Folded out;
    out.big = tiers == Objective::Placements ? i128{max_total_score_} + 1 : 0;
    out.f = out.big * placeable_ + max_total_score_ + 1;
    const i128 top = 2 * out.f + out.big + top_score_;
    if (!in_range(r_.prob, top)) return std::nullopt;
    out.x = r_.prob;
    for (std::size_t e = 0; e < out.x.arc_score.size(); ++e) {
      const i128 w = r_.real_arc[e] != kNone ? out.f * r_.floored[at(citizen_of(e))] + out.big + r_.score[e]
                                             : out.f * r_.cover[e];
      out.x.arc_score[e] = static_cast<std::int64_t>(w);
    }
    out.x.max_score = static_cast<std::int64_t>(top);
    return out;
  }

  // BIG of the order (shortfall, `tiers`): one placement outweighs every total score.
  i128 big(Objective tiers) const { return tiers == Objective::Placements ? i128{max_total_score_} + 1 : 0; }

  // Whether the folded weights of the order (shortfall, `tiers`) are within the exact range.
  bool folded_fits(Objective tiers) const {
    const i128 f = big(tiers) * placeable_ + max_total_score_ + 1;
    return in_range(r_.prob, 2 * f + big(tiers) + top_score_);
  }

  const Reduction& reduction() const { return r_; }
  const SolveOptions& engine_options() const { return options_; }

  // One engine call on the folded weights of the order (shortfall, `tiers`); nullopt when
  // they leave the exact range. `work_limit`: a cap on this call's share of the work limit.
  // `closed`: arcs of the reduction left out (the priced path's face; then its bounds hold
  // for the plans without them only, and the caller proves the plan by value).
  std::optional<Outcome> folded(Objective tiers, std::optional<std::int64_t> work_limit = std::nullopt,
                                const std::vector<ArcIndex>& closed = {}) {
    std::optional<Folded> weights = folded_problem(tiers);
    if (!weights) return std::nullopt;
    const i128 f = weights->f, big = weights->big;
    const Solution s = run_engine(std::move(weights->x), closed, budgeted(work_limit));
    spend(s);
    if (s.status != Status::Optimal && s.status != Status::Feasible) return std::nullopt;
    Outcome out;
    out.solved = true;
    out.chosen = real_plan(r_, s);
    out.proven = s.status == Status::Optimal;
    out.weight_bound = s.score_bound;
    // weight = F covered + (lower tiers < F): covered <= bound / F, and a plan that covers
    // that many has lower tiers of at most the rest.
    const i128 covered = i128{s.score_bound} / f, rest = i128{s.score_bound} - covered * f;
    out.shortfall_bound = std::max<std::int64_t>(0, f_.members_total - static_cast<std::int64_t>(covered));
    if (tiers == Objective::Placements) {
      out.bound_placed = static_cast<std::int64_t>(rest / big);
      out.bound_score = static_cast<std::int64_t>(rest - big * *out.bound_placed);
    } else {
      out.bound_score = static_cast<std::int64_t>(rest);
    }
    return out;
  }

  // Two engine calls when the folded weights are too large: the shortfall (and for
  // Placements the placements) alone with small weights, then the score on the optimal
  // face of the first call's certificate (header).
  Outcome tiered(const std::vector<ArcIndex>& closed_before = {}) {
    Outcome out;
    const i128 unit = objective_ == Objective::Placements ? i128{placeable_} + 1 : 1;
    const std::int64_t real_extra = objective_ == Objective::Placements ? 1 : 0;
    const std::size_t arcs = r_.prob.arc_opening.size();
    std::vector<std::int64_t> w1(arcs);
    for (std::size_t e = 0; e < arcs; ++e)
      w1[e] = static_cast<std::int64_t>(r_.real_arc[e] != kNone ? unit * r_.floored[at(citizen_of(e))] + real_extra
                                                                : unit * r_.cover[e]);
    const i128 top1 = 2 * unit + real_extra;
    if (!in_range(r_.prob, top1)) return out;
    MatchingProblem x = r_.prob;
    x.arc_score = w1;
    x.max_score = static_cast<std::int64_t>(std::max<i128>(1, top1));
    const Solution s1 = run_engine(x, closed_before, budgeted());
    spend(s1);
    if (s1.status != Status::Optimal && s1.status != Status::Feasible) return out;
    out.solved = true;
    out.chosen = real_plan(r_, s1);
    const auto covered = static_cast<std::int64_t>(i128{s1.score_bound} / unit);
    out.shortfall_bound = std::max<std::int64_t>(0, f_.members_total - covered);
    // The face: only when the first call is proven by a certificate without gap.
    if (s1.status != Status::Optimal || s1.cert_citizen_dual.empty() || s1.cert_gap != 0) return out;
    const auto& u = s1.cert_citizen_dual;
    const auto& v = s1.cert_opening_dual;
    const auto& z = s1.cert_cap_group_dual;
    const auto& price = s1.cert_opening_price;
    std::vector<std::uint8_t> pinned(at(x.num_citizens), 0);
    for (ArcIndex e : x.pinned_arcs) pinned[at(citizen_of(at(e)))] = 1;
    const i128 k = i128{max_total_score_} + 1;
    const i128 top2 = 4 * k + top_score_;
    if (!in_range(x, top2)) return out;
    std::vector<ArcIndex> closed = closed_before;
    std::vector<std::uint8_t> shut(x.arc_opening.size(), 0);  // closed before: no dual row of theirs
    for (ArcIndex e : closed_before) shut[at(e)] = 1;
    for (Index c = 0; c < x.num_citizens; ++c)
      for (ArcIndex e = x.arc_begin[at(c)]; e < x.arc_begin[at(c) + 1]; ++e) {
        if (shut[at(e)]) continue;
        const Index o = x.arc_opening[at(e)];
        const Index g = x.opening_cap_group[at(o)];
        const bool priced = x.arc_pooled[at(e)] && price[at(o)] > 0;
        const i128 reduced =
            i128{u[at(c)]} + v[at(o)] + (g != kNone ? z[at(g)] : 0) - w1[at(e)] + (priced ? price[at(o)] : 0);
        if (reduced < 0 && !pinned[at(c)]) return out;  // not a certificate: the first plan stands, unproven
        if (reduced > 0 && !pinned[at(c)]) closed.push_back(e);
        const int ones = (u[at(c)] > 0) + (v[at(o)] > 0) + (g != kNone && z[at(g)] > 0) + priced;
        x.arc_score[at(e)] = static_cast<std::int64_t>(k * ones + r_.score[at(e)]);
      }
    x.max_score = static_cast<std::int64_t>(top2);
    Matcher m(std::move(x));
    for (ArcIndex e : closed) m.forbid(e);
    m.options(budgeted());
    const Status st = m.run();
    spend(m.solution());
    if (st != Status::Optimal && st != Status::Feasible) return out;
    // The second plan must be optimal for the first order (the face holds its optima only).
    std::int64_t w_first = 0, w_second = 0;
    for (std::size_t c = 0; c < s1.citizen_arc.size(); ++c) {
      if (s1.citizen_arc[c] != kNone) w_first += w1[at(s1.citizen_arc[c])];
      if (m.solution().citizen_arc[c] != kNone) w_second += w1[at(m.solution().citizen_arc[c])];
    }
    if (w_second != w_first) return out;
    out.chosen = real_plan(r_, m.solution());
    out.proven = st == Status::Optimal;
    return out;
  }

  // The priced path (header, "The floors priced"): the Lagrangian of the floor rows on the
  // original problem. `start`: the plan without floors as the point mu = 0 (its residents
  // placed per kept floor, its weight big placed + score and a proven bound on that
  // weight's optimum), or nullopt to solve it. nullopt when an engine call fails or mu has
  // no room in the exact range; else the best plan found, proven when its folded value
  // meets the least bound D(mu) found.
  static constexpr int kMaxPricedEvaluations = 60;
  struct Start {
    std::vector<ArcIndex> chosen;  // per citizen: its arc, or kNone
    i128 bound = 0;                // proven: no plan weighs more (big placed + score)
  };
  std::optional<Outcome> priced(const std::optional<Start>& start, detail::FloorTrace* trace, bool fresh_budget,
                                std::int64_t budget_scale = 1) {
    if (fresh_budget) spent_ = 0;  // the last calls: the caller's whole work limit again
    limit_scale_ = std::max<std::int64_t>(1, budget_scale);
    struct Restore {
      std::int64_t& scale;
      ~Restore() { scale = 1; }
    } restore{limit_scale_};
    const std::size_t floors = f_.members.size();
    const i128 big = this->big(objective_);
    const i128 f = big * placeable_ + max_total_score_ + 1;  // the folded order's F (header)
    const MatchingProblem& p = original_;
    const i128 nodes = i128{p.num_citizens} + p.num_openings + static_cast<i128>(p.cap_group_limit.size()) + 3;
    const i128 top_max = std::min<i128>(kMaxScore, kFlowRange / 2 / (nodes + 1));
    const i128 cap = std::min<i128>(f, (top_max - big - top_score_) / 2);  // mu_k in [0, cap]
    if (cap < 1) return std::nullopt;
    // The required counts of D (header): r_k, or the proven most of floor k that any plan
    // places where that is fewer (a floor that cannot be met).
    std::vector<std::int64_t> required = f_.required;

    struct Point {
      std::vector<std::int64_t> mu, placed;  // placed: the plan's residents per kept floor
      i128 weight = 0;                       // the plan's weight at mu
      std::optional<i128> bound;             // the engine's proven bound on that weight's optimum
    };
    std::vector<Point> points;
    std::set<std::vector<std::int64_t>> seen;
    int evaluations = 0;
    i128 best_primal = -1;
    Outcome out;
    out.solved = false;
    // D(mu)'s constant: sum_k (F - mu_k) r_k.
    auto constant = [&](const std::vector<std::int64_t>& mu) {
      i128 c = 0;
      for (std::size_t k = 0; k < floors; ++k) c += (f - mu[k]) * required[k];
      return c;
    };
    auto value = [&](const Point& pt) { return pt.weight + constant(pt.mu); };
    auto slope = [&](const Point& pt, std::size_t k) { return pt.placed[k] - required[k]; };
    // The least proven D(mu) over the points, and the point that has it (-1: none).
    auto least_bound = [&](i128& bound) {
      std::ptrdiff_t at_point = -1;
      for (std::size_t i = 0; i < points.size(); ++i)
        if (points[i].bound && (at_point < 0 || *points[i].bound + constant(points[i].mu) < bound)) {
          bound = *points[i].bound + constant(points[i].mu);
          at_point = static_cast<std::ptrdiff_t>(i);
        }
      return at_point;
    };
    // A plan: its residents per floor, and its folded value (the order's, with the true r_k)
    // as a candidate.
    auto placed_of = [&](const std::vector<ArcIndex>& chosen) {
      std::vector<std::int64_t> placed(floors, 0);
      i128 primal = 0;
      for (std::size_t c = 0; c < chosen.size(); ++c) {
        if (chosen[c] == kNone) continue;
        primal += big + p.arc_score[at(chosen[c])];
        if (f_.group_floor[c] >= 0) ++placed[at(f_.group_floor[c])];
        if (f_.area_floor[c] >= 0) ++placed[at(f_.area_floor[c])];
      }
      for (std::size_t k = 0; k < floors; ++k) primal += f * std::min(placed[k], f_.required[k]);
      if (primal > best_primal) {
        best_primal = primal;
        out.solved = true;
        out.chosen = chosen;
      }
      return placed;
    };
    // A plan's weight at mu: sum over its placements of big + score + mu of its floors.
    auto weight_at = [&](const std::vector<std::int64_t>& mu, const std::vector<ArcIndex>& chosen) {
      i128 w = 0;
      for (std::size_t c = 0; c < chosen.size(); ++c) {
        if (chosen[c] == kNone) continue;
        w += big + p.arc_score[at(chosen[c])];
        if (f_.group_floor[c] >= 0) w += mu[at(f_.group_floor[c])];
        if (f_.area_floor[c] >= 0) w += mu[at(f_.area_floor[c])];
      }
      return w;
    };
    auto record = [&](std::vector<std::int64_t> mu, const std::vector<ArcIndex>& chosen, std::optional<i128> bound) {
      Point pt;
      pt.placed = placed_of(chosen);
      pt.weight = weight_at(mu, chosen);
      pt.bound = bound;
      pt.mu = std::move(mu);
      if (pt.bound) seen.insert(pt.mu);
      points.push_back(std::move(pt));
    };
    // The inner problem at mu: the original with a bonus mu_k on every arc of a resident of floor k.
    // What every arc of citizen c gains over its score at mu: big and its floors' prices.
    auto bonus = [&](const std::vector<std::int64_t>& mu, Index c) {
      const std::int32_t g = f_.group_floor[at(c)], a = f_.area_floor[at(c)];
      return big + (g >= 0 ? mu[at(g)] : 0) + (a >= 0 ? mu[at(a)] : 0);
    };
    auto inner = [&](const std::vector<std::int64_t>& mu) {
      MatchingProblem x = p;
      std::int64_t most = 0;
      for (std::int64_t m : mu) most = std::max(most, m);
      for (Index c = 0; c < x.num_citizens; ++c) {
        const i128 b = bonus(mu, c);
        for (ArcIndex e = x.arc_begin[at(c)]; e < x.arc_begin[at(c) + 1]; ++e)
          x.arc_score[at(e)] = static_cast<std::int64_t>(p.arc_score[at(e)] + b);
      }
      x.max_score = static_cast<std::int64_t>(std::max<i128>(1, big + top_score_ + 2 * i128{most}));
      return x;
    };
    // The inner problems solved by one Matcher, warm from one price vector to the next
    // (Matcher::set_score): a step of mu_k moves every arc of floor k's residents by one
    // amount, which the flows absorb in those residents' potentials, and the pool LP keeps
    // its basis. Made at mu = 0 with a bound on its scores that holds for every mu in the
    // box: the first scores set above the others raise the flows' cost constant to it, once,
    // before the first run when that is not at mu = 0.
    std::unique_ptr<Matcher> warm;
    std::vector<std::int64_t> warm_mu;  // the prices its scores hold
    auto solve_at = [&](const std::vector<std::int64_t>& mu) {
      if (!warm) {
        MatchingProblem x = inner(std::vector<std::int64_t>(floors, 0));
        x.max_score = static_cast<std::int64_t>(std::max<i128>(1, big + top_score_ + 2 * cap));
        warm = std::make_unique<Matcher>(std::move(x));
        warm_mu.assign(floors, 0);
      }
      for (Index c = 0; c < p.num_citizens; ++c) {
        const i128 b = bonus(mu, c);
        if (b == bonus(warm_mu, c)) continue;  // its floors' prices did not move
        for (ArcIndex e = p.arc_begin[at(c)]; e < p.arc_begin[at(c) + 1]; ++e)
          warm->set_score(e, static_cast<std::int64_t>(p.arc_score[at(e)] + b));
      }
      warm_mu = mu;
      warm->options(budgeted());
      warm->run();
      return warm->solution();
    };
    std::optional<Solution> least_solution;  // the engine's solution at the point of least bound
    std::ptrdiff_t least_point = -1;
    // Per arc of the original problem: in no plan better than the best one found (fixed by
    // its reduced cost at some point, below).
    std::vector<std::uint8_t> fixed(p.arc_opening.size(), 0);
    auto fix = [&](const std::vector<std::int64_t>& mu, const MatchingProblem& x, const Solution& s) {
      // The certificate's Lagrangian bound at mu, as a bound on the folded value.
      const i128 lagrangian = weight_at(mu, s.citizen_arc) + s.cert_gap + constant(mu);
      return fix_by_reduced_cost(x, s, lagrangian - best_primal, fixed);
    };
    auto evaluate = [&](const std::vector<std::int64_t>& mu) -> bool {
      const MatchingProblem x = inner(mu);
      Solution s = solve_at(mu);
      spend(s);
      ++evaluations;
      if (trace) ++trace->priced_evaluations;
      if (s.status != Status::Optimal && s.status != Status::Feasible) return false;
      record(mu, s.citizen_arc, s.score_bound);
      fix(mu, x, s);
      i128 bound = 0;
      if (least_bound(bound) == static_cast<std::ptrdiff_t>(points.size() - 1)) {
        least_solution = std::move(s);
        least_point = static_cast<std::ptrdiff_t>(points.size() - 1);
      }
      return true;
    };
    const std::vector<std::int64_t> zero(floors, 0);
    if (start) {
      // The plan without floors at mu = 0: there the weights are the original's, big + score.
      record(zero, start->chosen, start->bound);
    } else if (!evaluate(zero)) {
      return std::nullopt;
    }
    // Floors that cannot be met (header): for each floor the plan at mu = 0 leaves short, a
    // proven bound m_k on the most of it any plan places: the most of its residents the
    // openings' seats can take (a bipartite flow, no other rule). Where m_k < r_k, D takes
    // m_k for r_k. (Where a price reaches its cap, the engine's bound is sought too, below.)
    std::vector<std::uint8_t> checked(floors, 0);  // the engine's bound sought
    for (std::size_t k = 0; k < floors; ++k) {
      if (points.front().placed[k] >= f_.required[k]) continue;
      const std::int64_t most = most_by_seats(k);
      if (most < f_.required[k]) {
        required[k] = most;
        checked[k] = 1;
        if (trace) ++trace->unmeetable_floors;
      }
    }
    // The engine's bound on the most of floor k any plan places: one call on the original
    // problem with weight 1 on the arcs of its residents (objective Score, a sixteenth of
    // the work limit); its plan is a candidate. True when D then takes it for r_k.
    auto engine_most = [&](std::size_t k) -> std::optional<bool> {
      checked[k] = 1;
      MatchingProblem x = p;
      for (Index c = 0; c < x.num_citizens; ++c) {
        const bool member = f_.group_floor[at(c)] == static_cast<std::int32_t>(k) ||
                            f_.area_floor[at(c)] == static_cast<std::int32_t>(k);
        for (ArcIndex e = x.arc_begin[at(c)]; e < x.arc_begin[at(c) + 1]; ++e) x.arc_score[at(e)] = member ? 1 : 0;
      }
      x.max_score = 1;
      std::optional<std::int64_t> share;
      if (options_.work_limit > 0) share = std::max<std::int64_t>(1, options_.work_limit / 16);
      SolveOptions o = budgeted(share);
      o.objective = Objective::Score;
      const Solution s = solve(x, o);
      spend(s);
      if (trace) ++trace->unmeetable_calls;
      if (s.status != Status::Optimal && s.status != Status::Feasible) return std::nullopt;
      placed_of(s.citizen_arc);  // a plan of the instance: a candidate
      if (s.score_bound >= required[k]) return false;
      required[k] = s.score_bound;
      if (trace) {
        ++trace->unmeetable_floors;
        ++trace->unmeetable_by_engine;
      }
      return true;
    };
    i128 best_bound = 0;
    least_bound(best_bound);
    // Kelley's cutting planes in a trust region (a box of radius r around the centre, the
    // point of least value so far): the model max_i value_i + slope_i (mu - mu_i) is below
    // D, its least point in the box (an LP on K + 1 columns) is rounded and evaluated.
    std::unique_ptr<ClpSimplex> lp;
    i128 origin = 0;
    auto add_cut = [&](const Point& pt) {
      std::vector<int> columns;
      std::vector<double> elements;
      double rhs = static_cast<double>(value(pt) - origin);
      for (std::size_t k = 0; k < floors; ++k) {
        columns.push_back(static_cast<int>(k));
        elements.push_back(-static_cast<double>(slope(pt, k)));
        rhs -= static_cast<double>(slope(pt, k)) * static_cast<double>(pt.mu[k]);
      }
      columns.push_back(static_cast<int>(floors));
      elements.push_back(1.0);
      lp->addRow(static_cast<int>(columns.size()), columns.data(), elements.data(), rhs, COIN_DBL_MAX);
    };
    // The model afresh from every point (after D took an m_k for some r_k: new values, slopes).
    auto build_model = [&] {
      lp = std::make_unique<ClpSimplex>();
      lp->setLogLevel(0);
      lp->messageHandler()->setLogLevel(0);
      lp->resize(0, static_cast<int>(floors) + 1);
      lp->setColumnLower(static_cast<int>(floors), -COIN_DBL_MAX);
      lp->setColumnUpper(static_cast<int>(floors), COIN_DBL_MAX);
      lp->setObjectiveCoefficient(static_cast<int>(floors), 1.0);
      origin = value(points.front());
      for (const Point& pt : points) add_cut(pt);
    };
    build_model();
    std::size_t centre = 0;
    i128 radius = std::max<i128>(1, top_score_ / 8);
    bool converged = false;  // stopped at the model's least point (not by the call cap or work limit)
    while (best_primal < best_bound) {
      if (evaluations >= (trace ? trace->max_priced_evaluations : kMaxPricedEvaluations)) break;
      if (options_.work_limit > 0 && spent_ >= limit()) break;
      const Point& c = points[centre];
      for (std::size_t k = 0; k < floors; ++k) {
        lp->setColumnLower(static_cast<int>(k), static_cast<double>(std::max<i128>(0, c.mu[k] - radius)));
        lp->setColumnUpper(static_cast<int>(k), static_cast<double>(std::min<i128>(cap, c.mu[k] + radius)));
      }
      lp->primal();
      if (lp->status() != 0) break;
      const double predicted = static_cast<double>(value(c) - origin) - lp->objectiveValue();
      if (predicted < 1.0) {  // the centre minimises the model, hence D: the gap is a tie's
        converged = true;
        break;
      }
      std::vector<std::int64_t> mu(floors);
      const double* x = lp->primalColumnSolution();
      for (std::size_t k = 0; k < floors; ++k)
        mu[k] = static_cast<std::int64_t>(std::clamp<i128>(std::llround(x[k]), 0, cap));
      // A price at its cap: the floor may not be met at all; where the engine's bound says
      // so, D takes it for r_k, and the model is built again (values and slopes change).
      bool retaken = false;
      for (std::size_t k = 0; k < floors; ++k) {
        if (mu[k] < cap || checked[k]) continue;
        const std::optional<bool> taken = engine_most(k);
        if (!taken) return std::nullopt;
        retaken = retaken || *taken;
      }
      if (retaken) {
        build_model();
        least_bound(best_bound);
        for (std::size_t i = 0; i < points.size(); ++i)
          if (value(points[i]) < value(points[centre])) centre = i;
        continue;
      }
      if (seen.count(mu)) {
        if (radius == 1) {
          converged = true;
          break;
        }
        radius = std::max<i128>(1, radius / 2);
        continue;
      }
      const i128 centre_value = value(c);
      if (!evaluate(mu)) return std::nullopt;
      least_bound(best_bound);
      add_cut(points.back());
      const double actual = static_cast<double>(centre_value - value(points.back()));
      if (actual >= 0.1 * predicted) {
        centre = points.size() - 1;
        if (actual >= 0.5 * predicted) radius = std::min<i128>(cap, 2 * radius);
      } else {
        radius = std::max<i128>(1, radius / 2);
      }
    }
    // Ties at the least point (header, "Closing the gap"): where the cutting planes have
    // converged with a gap, the arcs that no plan better than the best found uses, fixed by
    // their reduced costs at the points solved, are closed, and the order is solved on the
    // reduction without them (a quarter of the work limit): every better plan is a plan of
    // that problem, so its bound, or the best value found where higher, bounds every plan.
    i128 least = 0;
    const std::ptrdiff_t least_now = least_bound(least);
    if (converged && best_primal < best_bound && least_now >= 0 && (least_now != least_point || !least_solution)) {
      // The least point's own solution (the start point, or one before D took m_k): solved again.
      least_solution = solve_at(points[at(least_now)].mu);
      spend(*least_solution);
      least_point = least_now;
    }
    if (converged && best_primal < best_bound && least_point >= 0 && least_solution &&
        (least_solution->status == Status::Optimal || least_solution->status == Status::Feasible) &&
        fix(points[at(least_point)].mu, inner(points[at(least_point)].mu), *least_solution)) {
      if (trace) ++trace->face_tries;
      std::vector<ArcIndex> to_reduced(p.arc_opening.size(), kNone);
      for (std::size_t e = 0; e < r_.real_arc.size(); ++e)
        if (r_.real_arc[e] != kNone) to_reduced[at(r_.real_arc[e])] = static_cast<ArcIndex>(e);
      std::vector<ArcIndex> closed;
      for (std::size_t e = 0; e < fixed.size(); ++e)
        if (fixed[e]) closed.push_back(to_reduced[e]);
      const i128 before = best_primal;
      std::optional<i128> rest_bound;  // on the folded value of the plans without the closed arcs
      spent_ = 0;                      // a work limit of its own: a quarter of the caller's
      std::optional<std::int64_t> quarter;
      if (options_.work_limit > 0) quarter = std::max<std::int64_t>(1, options_.work_limit / 4);
      if (folded_fits(objective_) && !(trace && trace->tiered_closing)) {
        if (std::optional<Outcome> o = folded(objective_, quarter, closed)) {
          placed_of(o->chosen);
          i128 slack = 0;  // the folded weight is the value plus F (sum_k n_k - r_k) (floors.hpp)
          for (std::size_t k = 0; k < floors; ++k) slack += f * (f_.members[k] - f_.required[k]);
          rest_bound = o->weight_bound - slack;
        }
      } else {
        spent_ = quarter ? limit() - *quarter : 0;
        const Outcome o = tiered(closed);
        if (o.solved) {
          placed_of(o.chosen);
          if (o.proven) rest_bound = best_primal;  // that problem's optimum: at most the best found
        }
      }
      if (rest_bound) best_bound = std::min(best_bound, std::max(before, *rest_bound));
      if (trace && best_primal >= best_bound) ++trace->face_closed;
    }
    if (!out.solved) return std::nullopt;
    out.proven = best_primal >= best_bound;
    // F sum_k min(placed_k, r_k) + lower tiers (>= 0) <= best_bound for every plan.
    i128 total_required = 0;
    for (std::int64_t r : f_.required) total_required += r;
    out.shortfall_bound = static_cast<std::int64_t>(std::max<i128>(0, total_required - best_bound / f));
    if (trace) {
      (out.proven ? trace->priced_closed : trace->priced_gave_way) += 1;
      trace->last_shortfall_bound = out.shortfall_bound;
    }
    return out;
  }

  // Marks in `fixed` the arcs of the original problem `x` that no plan of weight above W -
  // `margin` uses (W: the Lagrangian bound of the certificate of `s`, its plan's weight +
  // cert_gap): those whose reduced cost under it is at least `margin`, since every plan
  // weighs at most W minus the reduced costs of its arcs. Pinned citizens' arcs stay (the
  // certificate is of the problem without them). False (nothing marked) without a
  // certificate or when an arc's reduced cost is negative (not a certificate).
  bool fix_by_reduced_cost(const MatchingProblem& x, const Solution& s, i128 margin,
                           std::vector<std::uint8_t>& fixed) const {
    if (s.cert_citizen_dual.empty()) return false;
    const auto& u = s.cert_citizen_dual;
    const auto& v = s.cert_opening_dual;
    const auto& z = s.cert_cap_group_dual;
    const auto& price = s.cert_opening_price;
    std::vector<std::uint8_t> pinned(at(x.num_citizens), 0);
    for (ArcIndex e : x.pinned_arcs) pinned[at(citizen_of_original(e))] = 1;
    std::vector<ArcIndex> closed;
    for (Index c = 0; c < x.num_citizens; ++c) {
      if (pinned[at(c)]) continue;
      for (ArcIndex e = x.arc_begin[at(c)]; e < x.arc_begin[at(c) + 1]; ++e) {
        const Index o = x.arc_opening[at(e)];
        const Index g = x.opening_cap_group[at(o)];
        const bool priced = x.arc_pooled[at(e)] && price[at(o)] > 0;
        const i128 reduced = i128{u[at(c)]} + v[at(o)] + (g != kNone ? z[at(g)] : 0) - x.arc_score[at(e)] +
                             (priced ? price[at(o)] : 0);
        if (reduced < 0) return false;
        if (reduced >= margin) closed.push_back(e);
      }
    }
    for (ArcIndex e : closed) fixed[at(e)] = 1;
    return true;
  }

 private:
  // The engine's options for the next call: the caller's work limit is shared by all the
  // calls (what the earlier ones settled is spent), `cap` bounds this one further.
  SolveOptions budgeted(std::optional<std::int64_t> cap = std::nullopt) const {
    SolveOptions o = options_;
    if (o.work_limit > 0) {
      o.work_limit = std::max<std::int64_t>(1, limit() - spent_);
      if (cap) o.work_limit = std::min(o.work_limit, std::max<std::int64_t>(1, *cap));
    }
    return o;
  }
  void spend(const Solution& s) { spent_ += s.stats.settled_nodes; }
  // The work limit the calls share: the caller's, times the priced path's scale while it runs.
  std::int64_t limit() const { return options_.work_limit * limit_scale_; }

  // One engine call on `x` with the arcs `closed` left out.
  static Solution run_engine(MatchingProblem x, const std::vector<ArcIndex>& closed, const SolveOptions& o) {
    if (closed.empty()) return solve(x, o);
    Matcher m(std::move(x));
    for (ArcIndex e : closed) m.forbid(e);
    m.options(o);
    m.run();
    return m.solution();
  }

  // The most residents of kept floor k that the openings' seats can take, each at one of
  // its arcs: a bipartite b-matching by augmenting paths (Kuhn's), O(members x arcs). An
  // upper bound on the floor's placed residents in any plan (the other rules only take
  // plans away; pinned residents are residents with an arc).
  std::int64_t most_by_seats(std::size_t k) const {
    const MatchingProblem& p = original_;
    std::vector<Index> members;
    for (Index c = 0; c < p.num_citizens; ++c)
      if (f_.group_floor[at(c)] == static_cast<std::int32_t>(k) || f_.area_floor[at(c)] == static_cast<std::int32_t>(k))
        members.push_back(c);
    std::vector<std::vector<Index>> holds(at(p.num_openings));  // per opening: the members it takes
    std::vector<std::int64_t> stamp(at(p.num_openings), -1);
    std::int64_t round = 0, matched = 0;
    auto augment = [&](auto&& self, Index c) -> bool {
      for (ArcIndex e = p.arc_begin[at(c)]; e < p.arc_begin[at(c) + 1]; ++e) {
        const Index o = p.arc_opening[at(e)];
        if (stamp[at(o)] == round) continue;
        stamp[at(o)] = round;
        auto& h = holds[at(o)];
        if (static_cast<std::int64_t>(h.size()) < p.seats[at(o)]) {
          h.push_back(c);
          return true;
        }
        for (Index& other : h)
          if (self(self, other)) {
            other = c;
            return true;
          }
      }
      return false;
    };
    for (Index c : members) {
      ++round;
      matched += augment(augment, c);
    }
    return matched;
  }

  Index citizen_of_original(ArcIndex e) const {
    const auto& b = original_.arc_begin;
    return static_cast<Index>(std::upper_bound(b.begin(), b.end(), e) - b.begin() - 1);
  }
  Index citizen_of(std::size_t e) const {
    const auto& b = r_.prob.arc_begin;
    return static_cast<Index>(std::upper_bound(b.begin(), b.end(), static_cast<ArcIndex>(e)) - b.begin() - 1);
  }

  const FloorSet& f_;
  Objective objective_;
  SolveOptions options_;
  MatchingProblem original_;  // the caller's problem (the priced path's inner problems)
  Reduction r_;
  std::int64_t placeable_ = 0, max_total_score_ = 0;
  std::int64_t top_score_ = 1'000'000;  // the largest arc score (at least a pair's largest)
  std::int64_t spent_ = 0;  // nodes settled by the calls so far (the work limit's measure)
  std::int64_t limit_scale_ = 1;  // priced(): its budget_scale while it runs
};

}  // namespace

detail::FloorOptimum detail::optimize_with_floors(const Instance& in, const MatchingProblem& problem,
                                                  Objective objective, std::optional<std::int64_t> most_placed,
                                                  const std::vector<ArcIndex>* without, bool without_proven,
                                                  const SolveOptions& options, FloorPath path) {
  const FloorSet f = read_floors(in);
  auto value = [&](const std::vector<ArcIndex>& chosen) { return arc_value(f, problem, chosen); };
  FloorOptimum best;
  Value best_value;
  auto consider = [&](const Outcome& o) {
    if (!o.solved || best.proven) return;
    best.shortfall_bound = std::max(best.shortfall_bound, o.shortfall_bound);
    const Value v = value(o.chosen);
    if (o.proven || !best.found || better(v, best_value, objective)) {
      best.found = true;
      best.proven = o.proven;
      best.chosen = o.chosen;
      best_value = v;
    }
  };
  if (without) {
    Outcome o;
    o.solved = true;
    o.chosen = *without;
    // Proven when no floor can fall short, or (Auto; the paths forced by tests still run)
    // when it meets every floor: no plan has less shortfall than none, and none is better
    // in the order without floors.
    o.proven = without_proven && (f.members.empty() || (path == FloorPath::Auto && value(*without).shortfall == 0));
    consider(o);
  }
  if (!f.members.empty() && !best.proven) {
    FloorSolver solver(problem, f, objective, options);
    if (path == FloorPath::Tiered) consider(solver.tiered());
    if (path == FloorPath::Folded)
      if (const std::optional<Outcome> o = solver.folded(objective)) consider(*o);
    bool tiered_tried = false;
    if (path == FloorPath::Auto && objective == Objective::Placements && most_placed) {
      // As in plan_with_floors: the order (shortfall, arc_score) first; its optimum is the
      // placements order's when it places as many as any plan can.
      std::optional<std::int64_t> quarter;
      if (options.work_limit > 0) quarter = std::max<std::int64_t>(1, options.work_limit / 4);
      if (std::optional<Outcome> o = solver.folded(Objective::Score, quarter)) {
        std::int64_t placed = 0;
        for (ArcIndex e : o->chosen) placed += e != kNone;
        o->proven = o->proven && placed == *most_placed;
        consider(*o);
      }
      if (!best.proven && !(f.groups && f.areas)) {
        consider(solver.tiered());
        tiered_tried = true;
      }
    }
    if (path == FloorPath::Auto && !best.proven) {
      if (const std::optional<Outcome> o = solver.folded(objective)) consider(*o);
      else if (!tiered_tried) consider(solver.tiered());
    }
  }
  best.shortfall = best_value.shortfall;
  if (best.proven) best.shortfall_bound = best.shortfall;
  best.shortfall_bound = std::min(best.shortfall_bound, best.shortfall);
  return best;
}

struct detail::WarmFloors::Impl {
  FloorSet f;
  MatchingProblem original;              // the caller's problem (its arc_score: the lower tiers)
  std::unique_ptr<FloorSolver> solver;   // its reduction and folded weights (order (shortfall, arc_score))
  std::vector<ArcIndex> to_reduced;      // per arc of `original`: its arc in the reduction
  i128 unit = 0;                         // F: one floor covered outweighs every lower tier
  std::unique_ptr<Matcher> matcher;      // null: no floor can fall short, or weights beyond range
};

detail::WarmFloors::WarmFloors(const Instance& in, const MatchingProblem& problem, const SolveOptions& options)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.f = read_floors(in);
  if (m.f.members.empty()) return;
  m.original = problem;
  m.solver = std::make_unique<FloorSolver>(problem, m.f, Objective::Score, options);
  const Reduction& r = m.solver->reduction();
  m.to_reduced.assign(problem.arc_opening.size(), kNone);
  for (std::size_t e = 0; e < r.real_arc.size(); ++e)
    if (r.real_arc[e] != kNone) m.to_reduced[at(r.real_arc[e])] = static_cast<ArcIndex>(e);
  std::optional<FloorSolver::Folded> weights = m.solver->folded_problem(Objective::Score);
  if (!weights) return;
  m.unit = weights->f;
  m.matcher = std::make_unique<Matcher>(std::move(weights->x));
  SolveOptions o = m.solver->engine_options();
  o.kept_root_prices = true;  // one pin per pair on the same problem
  m.matcher->options(o);
}

detail::WarmFloors::~WarmFloors() = default;

std::optional<detail::FloorOptimum> detail::WarmFloors::solve(ArcIndex arc) {
  Impl& m = *impl_;
  if (!m.matcher) return std::nullopt;
  const ArcIndex pinned = m.to_reduced[at(arc)];
  m.matcher->pin(pinned);
  const Status st = m.matcher->run();
  m.matcher->pin(pinned, false);
  FloorOptimum out;
  if (st != Status::Optimal && st != Status::Feasible) return out;
  const Solution& s = m.matcher->solution();
  out.found = true;
  out.proven = st == Status::Optimal;
  out.chosen = real_plan(m.solver->reduction(), s);
  out.kept_root_closes = s.stats.kept_root_closes;
  out.shortfall = arc_value(m.f, m.original, out.chosen).shortfall;
  const i128 covered = i128{s.score_bound} / m.unit;
  out.shortfall_bound = std::min(out.shortfall, std::max<std::int64_t>(0, m.f.members_total - static_cast<std::int64_t>(covered)));
  if (out.proven) out.shortfall_bound = out.shortfall;
  return out;
}

std::optional<detail::FloorPricing> detail::floor_pricing(const Instance& in, const MatchingProblem& problem,
                                                          Objective objective, const std::vector<ArcIndex>& plan) {
  const FloorSet f = read_floors(in);
  if (f.members.empty() || plan.size() != at(problem.num_citizens)) return std::nullopt;
  Reduction r = reduce(problem, f);
  FloorPricing out;
  out.problem = std::move(r.prob);
  MatchingProblem& x = out.problem;
  x.arc_score = r.score;
  x.max_score = problem.max_score;
  const std::int64_t unit = objective == Objective::Placements ? std::int64_t{problem.num_citizens} + 1 : 1;
  const std::int64_t placement = objective == Objective::Placements ? 1 : 0;
  const std::size_t arcs = x.arc_opening.size();
  out.level.resize(arcs);
  out.counted.resize(arcs);
  out.to_reduced.assign(problem.arc_opening.size(), kNone);
  for (Index c = 0; c < x.num_citizens; ++c)
    for (ArcIndex e = x.arc_begin[at(c)]; e < x.arc_begin[at(c) + 1]; ++e) {
      const bool real = r.real_arc[at(e)] != kNone;
      out.level[at(e)] = real ? unit * r.floored[at(c)] + placement : unit * r.cover[at(e)];
      out.counted[at(e)] = real ? 1 : 0;
      if (real) out.to_reduced[at(r.real_arc[at(e)])] = e;
    }
  // The plan: real arcs mapped, and the unplaced floored residents on virtual arcs so that
  // they cover the most floor places (then the plan is as good in the reduction as in the
  // order with floors: its first level counts the places covered, its virtual arcs weigh
  // nothing else).
  out.plan.assign(plan.size(), kNone);
  out.real_arc = std::move(r.real_arc);
  if (f.groups && f.areas) {
    // Both scopes: a resident's three virtual arcs share limits (the reduction's cap groups
    // and pools). One engine call: the placed residents pinned, the unplaced ones' real
    // arcs closed, the virtual arcs weighing the floors they cover.
    MatchingProblem y = x;
    y.pinned_arcs.clear();
    for (Index c = 0; c < y.num_citizens; ++c)
      if (plan[at(c)] != kNone) y.pinned_arcs.push_back(out.to_reduced[at(plan[at(c)])]);
    for (std::size_t e = 0; e < arcs; ++e) y.arc_score[e] = out.real_arc[e] != kNone ? 0 : r.cover[e];
    y.max_score = 2;
    Matcher m(std::move(y));
    for (Index c = 0; c < x.num_citizens; ++c)
      if (plan[at(c)] == kNone)
        for (ArcIndex e = x.arc_begin[at(c)]; e < x.arc_begin[at(c) + 1]; ++e)
          if (out.real_arc[at(e)] != kNone) m.forbid(e);
    SolveOptions o;
    o.objective = Objective::Score;
    o.threads = 1;
    m.options(o);
    if (m.run() != Status::Optimal) return std::nullopt;
    out.plan = m.solution().citizen_arc;
    return out;
  }
  // One scope: each floored resident has one virtual arc (its last), taken while its
  // floor's virtual opening has seats.
  std::vector<std::int32_t> used(at(x.num_openings), 0);
  for (Index c = 0; c < x.num_citizens; ++c) {
    if (plan[at(c)] != kNone) {
      out.plan[at(c)] = out.to_reduced[at(plan[at(c)])];
      continue;
    }
    if (r.floored[at(c)] == 0) continue;
    const ArcIndex v = x.arc_begin[at(c) + 1] - 1;
    const Index o = x.arc_opening[at(v)];
    if (used[at(o)] < x.seats[at(o)]) {
      ++used[at(o)];
      out.plan[at(c)] = v;
    }
  }
  return out;
}

std::int64_t detail::floors_shortfall(const Instance& in, const std::vector<ArcIndex>& chosen) {
  return FloorCounts(in, chosen).shortfall_with({});
}

detail::FloorCounts::FloorCounts(const Instance& in, const std::vector<ArcIndex>& base) {
  FloorSet f = read_floors(in);
  group_floor_ = std::move(f.group_floor);
  area_floor_ = std::move(f.area_floor);
  required_ = std::move(f.required);
  got_.assign(required_.size(), 0);
  placed_.assign(group_floor_.size(), 0);
  for (std::size_t c = 0; c < placed_.size() && c < base.size(); ++c) {
    if (base[c] == kNone) continue;
    placed_[c] = 1;
    add_placed(group_floor_, area_floor_, c, 1, got_);
  }
}

std::int64_t detail::FloorCounts::shortfall_with(const std::vector<std::pair<Index, ArcIndex>>& moves) const {
  std::vector<std::int64_t> got = got_;
  for (const auto& [c, arc] : moves) {
    const int change = (arc != kNone ? 1 : 0) - placed_[at(c)];
    if (change != 0) add_placed(group_floor_, area_floor_, at(c), change, got);
  }
  return total_shortfall(required_, got);
}

Plan plan_with_floors(const Instance& in, const CandidateGraph& graph, const Plan& without, Objective objective,
                      const SolveOptions& options) {
  return detail::plan_with_floors(in, graph, without, objective, options, detail::FloorPath::Auto);
}

Plan detail::plan_with_floors(const Instance& in, const CandidateGraph& graph, const Plan& without,
                              Objective objective, const SolveOptions& options, FloorPath path, FloorTrace* trace) {
  const FloorSet f = read_floors(in);
  // Candidates: the plan without floors, then the reduction's; a proven one is kept, else
  // the better one in the order of floors, then the objective.
  Plan best = without;
  Value best_value = value_of(in, without);
  // The plan without floors is the answer, proven, when no floor can fall short or (Auto;
  // the paths forced by tests still run) when it meets every floor: no plan has less
  // shortfall than none, and none is better in the order without floors.
  bool proven = without.status == Status::Optimal &&
                (f.members.empty() || (path == FloorPath::Auto && best_value.shortfall == 0));
  std::int64_t bound = 0;
  std::optional<std::int64_t> bound_placed, bound_score;  // of the least-shortfall plans
  auto consider = [&](const Outcome& o) {
    if (!o.solved || proven) return;
    bound = std::max(bound, o.shortfall_bound);
    Plan plan = make_plan(in, graph, o.chosen);
    const Value v = value_of(in, plan);
    if (o.proven || better(v, best_value, objective)) {
      proven = o.proven;
      best = std::move(plan);
      best_value = v;
      bound_placed = o.bound_placed;
      bound_score = o.bound_score;
    }
  };
  if (!f.members.empty() && !proven) {
    FloorSolver solver(make_problem(in, graph), f, objective, options);
    // The priced path first where the folded weights of the objective leave the exact range
    // (the reduction's calls are slowest there and prove least; header), or when asked.
    auto run_priced = [&](bool fresh_budget, std::int64_t budget_scale) {
      std::optional<FloorSolver::Start> start;
      if (without.bound_score && (objective == Objective::Score || without.bound_placed)) {
        // The plan without floors, weighed big placed + score, and its proven bound.
        FloorSolver::Start s;
        s.chosen.assign(in.citizens.size(), kNone);
        for (const Placement& x : without.placements) s.chosen[at(x.citizen)] = x.arc;
        const i128 big = solver.big(objective);
        s.bound = big * (objective == Objective::Placements ? *without.bound_placed : 0) + *without.bound_score;
        start = std::move(s);
      }
      if (std::optional<Outcome> o = solver.priced(start, trace, fresh_budget, budget_scale)) consider(*o);
    };
    const bool priced_first = path == FloorPath::Priced || path == FloorPath::PricedFirst ||
                              (path == FloorPath::Auto && !solver.folded_fits(objective));
    if (priced_first) {
      // With few floors (kPricedFirstFloors) the cutting planes converge in a few calls per
      // floor, and at regional scale the shared work limit fits about 30 calls: four times
      // it, so that they finish (benchmarks/README.md, "Floors priced warm": regional group
      // floors proven in 5 minutes, where the shared limit stopped them unproven after 4).
      // With many floors (a housing area's each) they do not converge within the calls'
      // cap, and the shared limit stands.
      run_priced(false, f.members.size() <= kPricedFirstFloors ? kPricedFirstScale : 1);
      if (proven) path = FloorPath::Priced;  // nothing more to solve
      if (path == FloorPath::PricedFirst) path = FloorPath::Auto;
    }
    if (path == FloorPath::Tiered) consider(solver.tiered());
    if (path == FloorPath::Folded)
      if (const std::optional<Outcome> o = solver.folded(objective)) consider(*o);
    bool tiered_tried = false;
    if (path == FloorPath::Auto && objective == Objective::Placements && without.bound_placed) {
      // First the order (shortfall, score): F is then D + 1 instead of about D P, a range
      // the pool prices (an LP in floating point) resolve far better. Its optimum is also
      // the placements order's when it places as many as any plan can (the bound without
      // floors): no plan with its least shortfall places more, or scores more with as
      // many. A quarter of the work limit: where it does not prove that, the calls below do.
      std::optional<std::int64_t> quarter;
      if (options.work_limit > 0) quarter = std::max<std::int64_t>(1, options.work_limit / 4);
      if (std::optional<Outcome> o = solver.folded(Objective::Score, quarter)) {
        std::int64_t placed = 0;
        for (ArcIndex e : o->chosen) placed += e != kNone;
        o->proven = o->proven && placed == std::int64_t{*without.bound_placed};
        if (!o->proven) o->bound_placed = o->bound_score = std::nullopt;  // bounds of another order
        consider(*o);
      }
      // Floors of one scope: the two small-weight calls next (benchmarks/README.md, "Floors").
      if (!proven && !(f.groups && f.areas)) {
        consider(solver.tiered());
        tiered_tried = true;
      }
    }
    if (path == FloorPath::Auto && !proven) {
      if (const std::optional<Outcome> o = solver.folded(objective)) consider(*o);
      else if (!tiered_tried) consider(solver.tiered());
    }
    // Still not proven: the priced path's plans are candidates, and its bound may prove one
    // (with a work limit of its own: the calls above may have spent theirs).
    if (path == FloorPath::Auto && !proven && !priced_first) run_priced(true, 1);
  }
  FloorsOutcome out;
  out.shortfall = best_value.shortfall;
  out.shortfall_bound = proven ? best_value.shortfall : std::min(bound, best_value.shortfall);
  best.objective = objective;
  best.status = proven ? Status::Optimal : Status::Feasible;
  best.bound_placed = without.bound_placed;
  best.bound_score = without.bound_score;
  if (proven) {
    best.bound_placed = objective == Objective::Placements ? std::optional<Index>(best.placed) : std::nullopt;
    best.bound_score = best.score;
  } else if (best_value.shortfall == out.shortfall_bound && bound_score) {
    // The plan has the least shortfall: the reduction's bound on the objective of those
    // plans, where it is below the bound without floors (both hold).
    const bool score_lower = *bound_score < without.bound_score.value_or(*bound_score + 1);
    const bool tighter = objective == Objective::Placements
                             ? (!without.bound_placed || *bound_placed < *without.bound_placed ||
                                (*bound_placed == *without.bound_placed && score_lower))
                             : score_lower;
    if (tighter) {
      if (objective == Objective::Placements) best.bound_placed = static_cast<Index>(*bound_placed);
      best.bound_score = *bound_score;
    }
  }
  out.price_placed = without.placed - best.placed;
  out.price_score = without.score - best.score;
  out.price_exact = proven && without.status == Status::Optimal;
  best.floors = out;
  return best;
}

}  // namespace placematch
