// The matching engine: pins, the flow core, Lagrangian pricing of mentor pools, repair,
// and branch and bound (see solve.hpp).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include "detail/flow_core.hpp"
#include "detail/pool_lp.hpp"
#include "placematch/engine/solve.hpp"
#include "detail/index.hpp"

namespace placematch {

namespace detail {

namespace {
using Clock = std::chrono::steady_clock;

void require(bool ok, const char* what) {  // a literal: no string is built unless it fails
  if (!ok) throw std::invalid_argument(std::string("MatchingProblem: ") + what);
}

void validate(const MatchingProblem& p) {
  require(p.num_citizens >= 0 && p.num_openings >= 0, "negative sizes");
  require(p.arc_begin.size() == at(p.num_citizens) + 1, "arc_begin must have num_citizens + 1 entries");
  require(p.arc_begin.front() == 0, "arc_begin[0] must be 0");
  for (Index c = 0; c < p.num_citizens; ++c)
    require(p.arc_begin[at(c)] <= p.arc_begin[at(c) + 1], "arc_begin must not decrease");
  const std::size_t arcs = at(p.arc_begin.back());
  require(p.arc_opening.size() == arcs && p.arc_score.size() == arcs && p.arc_pooled.size() == arcs,
          "arc arrays must have arc_begin.back() entries");
  require(p.seats.size() == at(p.num_openings) && p.opening_cap_group.size() == at(p.num_openings) &&
              p.opening_pool.size() == at(p.num_openings),
          "opening arrays must have num_openings entries");
  for (std::size_t e = 0; e < arcs; ++e) {
    require(p.arc_opening[e] >= 0 && p.arc_opening[e] < p.num_openings, "arc opening out of range");
    require(p.arc_score[e] >= 0 && p.arc_score[e] <= 1'000'000, "arc score outside [0, 1e6]");
  }
  for (Index o = 0; o < p.num_openings; ++o) {
    require(p.seats[at(o)] >= 0, "negative seats");
    const Index g = p.opening_cap_group[at(o)];
    require(g == kNone || (g >= 0 && at(g) < p.cap_group_limit.size()), "cap group out of range");
    const Index k = p.opening_pool[at(o)];
    require(k == kNone || (k >= 0 && at(k) < p.pool_limit.size()), "pool out of range");
  }
  for (auto l : p.cap_group_limit) require(l >= 0, "negative cap group limit");
  for (auto l : p.pool_limit) require(l >= 0, "negative pool limit");
  for (auto e : p.pinned_arcs) require(e >= 0 && at(e) < arcs, "pinned arc out of range");
}
}  // namespace

Clock::time_point deadline_after(double seconds) {
  return Clock::now() + std::chrono::duration_cast<Clock::duration>(
                            std::chrono::duration<double>(std::min(std::max(0.0, seconds), 1e7)));
}

/// One connected component's state kept between runs: the flow cores and the
/// problem's derived arrays (the component's own MatchingProblem, local indices).
class ComponentSolver {
 public:
  explicit ComponentSolver(const MatchingProblem& p) : p_(p), core_(p) {
    if (!p.pool_limit.empty()) {  // without pools: no array, every arc is unpooled
      arc_pool_.assign(p.arc_opening.size(), kNone);
      for (std::size_t e = 0; e < p.arc_opening.size(); ++e)
        if (p.arc_pooled[e]) arc_pool_[e] = p.opening_pool[at(p.arc_opening[e])];
    }
    pins_ = p.pinned_arcs;  // an arc listed twice is one pin
    std::sort(pins_.begin(), pins_.end());
    pins_.erase(std::unique(pins_.begin(), pins_.end()), pins_.end());
    seats_ = p.seats;
    forbidden_.assign(p.arc_opening.size(), 0);
    if (!p.arc_score.empty()) max_score_ = *std::max_element(p.arc_score.begin(), p.arc_score.end());
  }

  // Incremental changes (see Matcher): they apply from the next run on.
  void set_seats(Index o, std::int32_t seats) { seats_[at(o)] = seats; }
  void forbid(ArcIndex arc, bool on) { forbidden_[at(arc)] = on ? 1 : 0; }
  void pin(ArcIndex arc, bool on) {
    auto it = std::lower_bound(pins_.begin(), pins_.end(), arc);
    if (on && (it == pins_.end() || *it != arc)) pins_.insert(it, arc);
    if (!on && it != pins_.end() && *it == arc) pins_.erase(it);
  }

  /// Solves with the given BIG (the same for every component, so weights and duals share
  /// one scale); `bound` receives the proven bound on the weight scale.
  void run(const SolveOptions& options, std::int64_t big, Clock::time_point deadline, Solution& out);

 private:
  struct Restriction {
    std::vector<std::int64_t> pins;    // arcs fixed to 1 (beyond the problem's pins)
    std::vector<std::int64_t> closed;  // arcs fixed to 0
  };
  struct Residual {  // capacities left after all pins
    bool feasible = true;
    std::vector<std::uint8_t> active;
    std::vector<std::int32_t> seats, limit, pool;
    std::vector<std::uint8_t> closed;
    std::int64_t pinned_value = 0;
  };
  struct Plan {
    std::vector<ArcIndex> arc;  // per citizen, kNone unplaced
    std::int64_t value = 0;
  };
  struct NodeOutcome {
    bool infeasible = false;
    std::int64_t bound = 0;
    bool exact = false;       // the node's optimum is known (= bound)
    ArcIndex branch_arc = kNone;
    std::vector<std::int64_t> lambda;  // prices of the best bound
  };

  Residual residual(const Restriction& r) const;
  bool flow(const Residual& res, const std::vector<std::int64_t>* lambda, bool for_repair = false);
  Plan current_plan(const Residual& res, const Restriction& r) const;
  std::vector<std::int32_t> pooled_counts(const Plan& plan, const Restriction& r) const;
  void offer(const Plan& plan);
  Plan repair(Plan plan, const Restriction& r);
  NodeOutcome solve_node(const Restriction& r, std::vector<std::int64_t> lambda, int iterations);
  bool keeps_rules(const Plan& plan, const Restriction& r) const;
  std::vector<std::int64_t> lp_prices(const Residual& res, const Restriction& r);
  // The deterministic work limit first; the wall clock is a safety net.
  bool out_of_time() const {
    return (work_limit_ > 0 && settled() >= work_limit_) ||
           Clock::now() >= deadline_;
  }

  const MatchingProblem& p_;
  FlowCore core_;         // the relaxations (warm from one to the next)
  std::unique_ptr<FlowCore> repair_core_;  // the repairs (made when first needed)
  // The work done so far: nodes settled by both cores, plus the LP's simplex pivots at
  // kLpPivotWork nodes each. (On the build machine a pivot costs about as much time as
  // 150-450 settled nodes: 3,500-10,000 pivots and 1.3-3e6 nodes a second; 250 lets the
  // national LP's first stage, 80,000 pivots, finish within the default work limit.)
  static constexpr std::int64_t kLpPivotWork = 250;
  std::int64_t lp_pivots_ = 0;
  std::int64_t settled() const {
    return core_.settled_nodes() + (repair_core_ ? repair_core_->settled_nodes() : 0) + kLpPivotWork * lp_pivots_;
  }
  FlowCore* last_core_ = &core_;
  Index arc_citizen(std::int64_t e) const {  // O(log citizens); used for pins only
    const auto it = std::upper_bound(p_.arc_begin.begin(), p_.arc_begin.end(), e);
    return static_cast<Index>(it - p_.arc_begin.begin()) - 1;
  }
  std::vector<Index> arc_pool_;  // per arc: its pool when pooled, else kNone (empty: no pools)
  Index pool_of(std::int64_t e) const { return arc_pool_.empty() ? kNone : arc_pool_[at(e)]; }
  std::vector<std::int64_t> pins_;  // the pinned arcs, sorted, unique
  std::vector<std::int32_t> seats_;  // per opening (the problem's, or as changed since)
  std::vector<std::uint8_t> forbidden_;  // per arc: closed by a change since
  std::int64_t weight(std::int64_t e) const { return big_ + p_.arc_score[at(e)]; }  // per arc
  FlowInput flow_input_;
  bool input_priced_ = true;  // flow_input_.weight may differ from the plain weights
  std::int64_t weights_big_ = -1;  // the big_ flow_input_.weight was filled with (-1: none)
  std::int64_t big_ = 0;
  std::int64_t big_m_ = 0;  // M of the flow costs: the largest weight, fixed for a run
  std::int64_t max_score_ = 0;
  bool warm_ = true;        // re-solve warm from the previous flow
  std::int32_t arcs_per_citizen_ = 4;
  std::int32_t arcs_per_seat_ = 6;
  bool range_ok_ = true;
  Plan incumbent_;
  bool have_incumbent_ = false;
  Clock::time_point deadline_;
  std::int64_t work_limit_ = 0;  // settled nodes, over both cores and every run
  SolveStats* stats_ = nullptr;
};

ComponentSolver::Residual ComponentSolver::residual(const Restriction& r) const {
  Residual res;
  res.active.assign(at(p_.num_citizens), 1);
  res.seats = seats_;
  res.limit = p_.cap_group_limit;
  res.pool = p_.pool_limit;
  res.closed = forbidden_;
  for (auto e : r.closed) res.closed[at(e)] = 1;
  auto take = [&](std::int64_t e) {
    const Index c = arc_citizen(e);
    if (!res.active[at(c)] || res.closed[at(e)]) res.feasible = false;
    res.active[at(c)] = 0;
    const Index o = p_.arc_opening[at(e)];
    if (--res.seats[at(o)] < 0) res.feasible = false;
    const Index g = p_.opening_cap_group[at(o)];
    if (g >= 0 && --res.limit[at(g)] < 0) res.feasible = false;
    if (pool_of(e) >= 0 && --res.pool[at(pool_of(e))] < 0) res.feasible = false;
    res.pinned_value += weight(e);
  };
  for (auto e : pins_) take(e);
  for (auto e : r.pins) take(e);
  return res;
}

bool ComponentSolver::flow(const Residual& res, const std::vector<std::int64_t>* lambda, bool for_repair) {
  if (for_repair && !repair_core_) repair_core_ = std::make_unique<FlowCore>(p_);
  FlowCore& core = for_repair ? *repair_core_ : core_;
  last_core_ = &core;
  FlowInput& in = flow_input_;  // kept: its buffers are reused from one flow to the next
  // The weights: filled once a run (big_ is fixed for a run); after that only pooled
  // arcs change (their pool's price subtracted, or restored when unpriced).
  const std::size_t arcs = p_.arc_score.size();
  if (weights_big_ != big_ || in.weight.size() != arcs) {
    in.weight.resize(arcs);
    for (std::size_t e = 0; e < arcs; ++e) in.weight[e] = weight(static_cast<std::int64_t>(e));
    weights_big_ = big_;
    input_priced_ = false;
  }
  if (lambda || input_priced_) {  // local pointers: the stores cannot alias the reads
    const Index* pool = arc_pool_.data();
    const std::int64_t* score = p_.arc_score.data();
    const std::int64_t* price = lambda ? lambda->data() : nullptr;
    std::int64_t* w = in.weight.data();
    const std::int64_t big = big_;
    const std::size_t pooled = arc_pool_.size();
    for (std::size_t e = 0; e < pooled; ++e)
      if (const Index k = pool[e]; k >= 0) w[e] = big + score[e] - (price ? price[k] : 0);
  }
  input_priced_ = lambda != nullptr;
  in.closed = res.closed;
  in.active = res.active;
  in.seats = res.seats;
  in.limit = res.limit;
  in.big_m = big_m_;
  in.arcs_per_citizen = arcs_per_citizen_;
  in.arcs_per_seat = arcs_per_seat_;
  const auto before = core.dijkstra_runs();
  const auto settled_before = core.settled_nodes();
  // Repairs are warm too. A warm re-solve that finds its potentials broken restarts cold
  // (FlowCore counts it): seen once on the generated 2,000 x 600 mentor-heavy instance,
  // seed 1, where it used to loop without end.
  const auto restarts_before = core.cold_restarts();
  const bool ok = warm_ ? core.resolve(in) : core.solve(in);
  stats_->flow_restarts += core.cold_restarts() - restarts_before;
  stats_->dijkstra_runs += core.dijkstra_runs() - before;
  stats_->settled_nodes += core.settled_nodes() - settled_before;
  ++stats_->flow_solves;
  if (!ok) range_ok_ = false;
  return ok;
}

ComponentSolver::Plan ComponentSolver::current_plan(const Residual& res, const Restriction& r) const {
  Plan plan;
  plan.arc = last_core_->assignment();
  plan.value = res.pinned_value;
  for (Index c = 0; c < p_.num_citizens; ++c)
    if (plan.arc[at(c)] >= 0) plan.value += weight(plan.arc[at(c)]);
  for (auto e : pins_) plan.arc[at(arc_citizen(e))] = e;
  for (auto e : r.pins) plan.arc[at(arc_citizen(e))] = e;
  return plan;
}

std::vector<std::int32_t> ComponentSolver::pooled_counts(const Plan& plan, const Restriction&) const {
  std::vector<std::int32_t> count(p_.pool_limit.size(), 0);
  for (auto e : plan.arc)
    if (e >= 0 && pool_of(e) >= 0) ++count[at(pool_of(e))];
  return count;
}

void ComponentSolver::offer(const Plan& plan) {
  if (!have_incumbent_ || plan.value > incumbent_.value) {
    incumbent_ = plan;
    have_incumbent_ = true;
  }
}

// Drops the lowest-weight pooled placements at every overfull pool, then re-solves the
// rest with the kept pooled placements pinned and the full pools' pooled arcs closed.
ComponentSolver::Plan ComponentSolver::repair(Plan plan, const Restriction& base) {
  Restriction r = base;
  std::vector<std::uint8_t> is_fixed(p_.arc_opening.size(), 0);
  for (auto e : pins_) is_fixed[at(e)] = 1;
  for (auto e : base.pins) is_fixed[at(e)] = 1;
  const std::size_t pools = p_.pool_limit.size();
  // A few rounds of re-solving with more pooled placements fixed, then every free pooled
  // arc closed (that last re-solve cannot overfill a pool).
  const std::size_t rounds = std::min<std::size_t>(pools, 3) + 1;
  for (std::size_t round = 0; round <= rounds; ++round) {
    auto count = pooled_counts(plan, r);
    // Per overfull pool, the citizens holding a free (not fixed) pooled arc in it: one pass.
    std::vector<std::vector<Index>> holders_of(pools);
    for (Index c = 0; c < p_.num_citizens; ++c) {
      const auto e = plan.arc[at(c)];
      if (e < 0 || pool_of(e) < 0 || is_fixed[at(e)]) continue;
      const auto k = at(pool_of(e));
      if (count[k] > p_.pool_limit[k]) holders_of[k].push_back(c);
    }
    bool over = false;
    for (std::size_t k = 0; k < pools; ++k) {
      if (count[k] <= p_.pool_limit[k]) continue;
      over = true;
      std::vector<Index>& holders = holders_of[k];
      std::sort(holders.begin(), holders.end(), [&](Index a, Index b) {
        const auto ea = plan.arc[at(a)], eb = plan.arc[at(b)];
        if (weight(ea) != weight(eb)) return weight(ea) < weight(eb);
        return ea > eb;
      });
      for (std::int32_t drop = 0; drop < count[k] - p_.pool_limit[k]; ++drop) {
        const Index c = holders[at(drop)];
        plan.value -= weight(plan.arc[at(c)]);
        plan.arc[at(c)] = kNone;
      }
    }
    if (!over || round == rounds || out_of_time()) break;
    // Pin every pooled placement kept; close pooled arcs of pools now full.
    count = pooled_counts(plan, r);
    for (Index c = 0; c < p_.num_citizens; ++c) {
      const auto e = plan.arc[at(c)];
      if (e >= 0 && pool_of(e) >= 0 && !is_fixed[at(e)]) {
        r.pins.push_back(e);
        is_fixed[at(e)] = 1;
      }
    }
    const bool last = round + 1 == rounds;
    for (std::size_t e = 0; e < arc_pool_.size(); ++e) {
      const Index k = pool_of(e);
      if (k >= 0 && !is_fixed[e] && (last || count[at(k)] >= p_.pool_limit[at(k)])) r.closed.push_back(static_cast<std::int64_t>(e));
    }
    Residual res = residual(r);
    if (!res.feasible || !flow(res, nullptr, true)) break;
    Plan next = current_plan(res, r);
    if (next.value < plan.value) break;  // cannot happen: the truncated plan is feasible there
    plan = std::move(next);
  }
  return plan;
}

// Every rule, checked on a plan from outside the flow (the LP): its arcs taken as pins
// of the residual (one arc per citizen, open arcs, seats, cap groups, pools), and every
// pin in it. O(citizens log citizens + openings + pools).
bool ComponentSolver::keeps_rules(const Plan& plan, const Restriction& r) const {
  if (plan.arc.size() != at(p_.num_citizens)) return false;
  Restriction all;
  all.closed = r.closed;
  for (Index c = 0; c < p_.num_citizens; ++c) {
    const auto e = plan.arc[at(c)];
    if (e < 0) continue;
    if (e < p_.arc_begin[at(c)] || e >= p_.arc_begin[at(c) + 1]) return false;
    if (!std::binary_search(pins_.begin(), pins_.end(), e)) all.pins.push_back(e);  // pins_: taken anyway
  }
  for (auto e : pins_)
    if (plan.arc[at(arc_citizen(e))] != e) return false;
  for (auto e : r.pins)
    if (plan.arc[at(arc_citizen(e))] != e) return false;
  return residual(all).feasible;
}

// Pool prices from the LP relaxation on the weights (pool_lp.hpp): column generation on
// CLP from each citizen's two arcs of least reduced cost against the plain flow's duals
// and its arc in that flow (the flow last solved on core_), the first basis at that
// flow's plan. Returns the prices on the weight scale (empty when the LP did not finish).
// An integral LP optimum that keeps every rule is offered as a plan; unless it is the
// optimum of the weights (stage two, or the score objective), the LP is also rounded:
// its whole pooled placements fixed, completed by one flow and repaired into a plan.
// (A placements-stage optimum is often integral but blind to scores: on the regional
// mentor-heavy instance with stage two left out, its plan scores 10,367.6 and its
// rounding 10,536.1, against the optimum's 10,596.8.)
std::vector<std::int64_t> ComponentSolver::lp_prices(const Residual& res, const Restriction& r) {
  std::vector<std::int64_t> u, v, z;
  core_.duals(u, v, z);
  PoolLpInput in;
  in.problem = &p_;
  in.active = &res.active;
  in.closed = &res.closed;
  in.seats = &res.seats;
  in.limit = &res.limit;
  in.pool = &res.pool;
  in.big = big_;
  in.scale = big_ > 0 ? static_cast<double>(big_) : 1e6;
  for (Index c = 0; c < p_.num_citizens; ++c) {
    if (!res.active[at(c)]) continue;
    std::int64_t best[2] = {-1, -1}, best_rc[2] = {0, 0};
    for (std::int64_t e = p_.arc_begin[at(c)]; e < p_.arc_begin[at(c) + 1]; ++e) {
      if (res.closed[at(e)]) continue;
      const Index o = p_.arc_opening[at(e)];
      const Index g = p_.opening_cap_group[at(o)];
      const std::int64_t rc = u[at(c)] + v[at(o)] + (g >= 0 ? z[at(g)] : 0) - weight(e);
      if (best[0] < 0 || rc < best_rc[0]) {
        best[1] = best[0], best_rc[1] = best_rc[0];
        best[0] = e, best_rc[0] = rc;
      } else if (best[1] < 0 || rc < best_rc[1]) {
        best[1] = e, best_rc[1] = rc;
      }
    }
    for (auto e : best)
      if (e >= 0) in.start_arcs.push_back(e);
    if (const auto e = core_.arc(c); e >= 0 && e != best[0] && e != best[1]) in.start_arcs.push_back(e);
    if (const auto e = core_.arc(c); e >= 0) in.start_at_one.push_back(e);
  }
  in.seconds = std::max(0.0, std::chrono::duration<double>(deadline_ - Clock::now()).count());
  if (work_limit_ > 0) in.max_iterations = std::max<std::int64_t>(1, (work_limit_ - settled()) / kLpPivotWork);
  const PoolLpResult lp = solve_pool_lp(in);
  lp_pivots_ += lp.iterations;
  stats_->lp_rounds += lp.rounds;
  if (!lp.optimal) return {};
  std::vector<std::int64_t> lambda(lp.pool_price.size());
  for (std::size_t k = 0; k < lambda.size(); ++k) lambda[k] = std::llround(in.scale * lp.pool_price[k]);
  if (!lp.arc.empty()) {
    Plan plan;
    plan.arc = lp.arc;
    for (auto e : pins_) plan.arc[at(arc_citizen(e))] = e;
    for (auto e : r.pins) plan.arc[at(arc_citizen(e))] = e;
    for (auto e : plan.arc)
      if (e >= 0) plan.value += weight(e);
    if (keeps_rules(plan, r)) offer(plan);
  }
  if ((lp.arc.empty() || lp.stage == 1) && !out_of_time()) {
    // Rounding: the LP's whole pooled placements (they keep every pool together) are
    // fixed, the pooled arcs of pools they fill are closed, and one flow places the rest
    // by weight (the LP's other placements ignored scores in its placements stage); the
    // flow's plan is then repaired where it overfills a pool with room left.
    Restriction rounded = r;
    std::vector<std::int32_t> left = res.pool;
    std::vector<std::uint8_t> whole(at(p_.num_citizens), 0);
    for (std::size_t j = 0; j < lp.column_arc.size(); ++j) {
      if (lp.x[j] < 1 - 1e-6) continue;
      const auto e = lp.column_arc[j];
      if (pool_of(e) < 0) continue;
      rounded.pins.push_back(e);
      whole[at(arc_citizen(e))] = 1;
      --left[at(pool_of(e))];
    }
    for (Index c = 0; c < p_.num_citizens; ++c) {
      if (!res.active[at(c)] || whole[at(c)]) continue;
      for (std::int64_t e = p_.arc_begin[at(c)]; e < p_.arc_begin[at(c) + 1]; ++e)
        if (pool_of(e) >= 0 && left[at(pool_of(e))] <= 0) rounded.closed.push_back(e);
    }
    Residual rest = residual(rounded);
    if (rest.feasible && flow(rest, nullptr, true)) offer(repair(current_plan(rest, rounded), rounded));
  }
  return lambda;
}

ComponentSolver::NodeOutcome ComponentSolver::solve_node(const Restriction& r, std::vector<std::int64_t> lambda,
                                                 int iterations) {
  NodeOutcome out;
  Residual res = residual(r);
  if (!res.feasible) {
    out.infeasible = true;
    return out;
  }
  const std::size_t pools = p_.pool_limit.size();
  out.bound = std::numeric_limits<std::int64_t>::max();
  out.lambda = lambda;
  double theta = 1.0;
  int stale = 0;
  std::vector<double> direction(pools, 0.0);  // the deflected subgradient
  bool tried_zero = false;
  for (int it = 0; it < iterations || (out.branch_arc < 0 && !out.exact); ++it) {
    if (it >= iterations) {  // no violated plan seen yet: the plain relaxation decides
      if (tried_zero) break;
      std::fill(lambda.begin(), lambda.end(), 0);
    }
    bool zero = std::all_of(lambda.begin(), lambda.end(), [](std::int64_t l) { return l == 0; });
    tried_zero = tried_zero || zero;
    if (!flow(res, &lambda)) return out;
    ++stats_->lagrangian_iterations;
    Plan plan = current_plan(res, r);
    std::int64_t bound = plan.value;  // Lagrangian: priced flow value + sum lambda * limit
    std::vector<std::int32_t> count = pooled_counts(plan, r);
    std::vector<std::int64_t> sub(pools, 0);  // pooled - limit (over pins included)
    bool violated = false;
    for (std::size_t k = 0; k < pools; ++k) {
      const std::int64_t flow_pooled = count[k] - (p_.pool_limit[k] - res.pool[k]);
      bound += lambda[k] * (res.pool[k] - flow_pooled);
      sub[k] = count[k] - p_.pool_limit[k];
      if (sub[k] > 0) violated = true;
    }
    if (bound < out.bound) {
      out.bound = bound;
      out.lambda = lambda;
      stale = 0;
      theta = std::min(theta * 1.5, 4.0);  // still improving: longer steps
    } else if (++stale >= 2) {
      theta /= 2;
      stale = 0;
    }
    if (!violated) {
      offer(plan);
      if (plan.value == bound || zero) {  // complementary slackness: the node is solved
        out.bound = std::min(out.bound, plan.value);
        out.exact = true;
        return out;
      }
    } else {
      // Branch candidate: in the most violated pool, the free pooled arc of highest weight
      // (its "closed" child, explored first, loses the most: on ten generated regional
      // instances the slowest proof took 45 s instead of 92 s with the lowest-weight arc,
      // all ten 171 s instead of 206 s).
      std::size_t worst = 0;
      for (std::size_t k = 1; k < pools; ++k)
        if (sub[k] > sub[worst]) worst = k;
      ArcIndex pick = kNone;
      for (Index c = 0; c < p_.num_citizens; ++c) {
        const auto e = plan.arc[at(c)];
        if (e < 0 || pool_of(e) != static_cast<Index>(worst) || !res.active[at(c)]) continue;
        if (pick < 0 || weight(e) > weight(pick) || (weight(e) == weight(pick) && e < pick)) pick = e;
      }
      if (pick >= 0) out.branch_arc = pick;
      // Repairs cost a flow or more each: every fifth iteration, and the last.
      if (it % 5 == 0 || it + 1 >= iterations) offer(repair(std::move(plan), r));
    }
    if (have_incumbent_ && out.bound <= incumbent_.value) return out;  // pruned
    if (out_of_time()) return out;
    if (it + 1 >= iterations) continue;
    // Subgradient step (Polyak, target = the incumbent), integer prices.
    // Projected direction: a free pool whose price is already 0 does not move.
    for (std::size_t k = 0; k < pools; ++k)
      if (lambda[k] == 0 && sub[k] < 0) sub[k] = 0;
    // Deflected direction (half of the previous one added): it damps the zig-zag of plain
    // subgradient steps across thousands of pools. On generated 2,000 x 600 instances it
    // took the proof from 25 s (and some not closed in 30 s) to 0.2-7 s, every one closed.
    constexpr double kDeflection = 0.5;
    double norm = 0;
    for (std::size_t k = 0; k < pools; ++k) {
      direction[k] = static_cast<double>(sub[k]) + kDeflection * direction[k];
      if (lambda[k] == 0 && direction[k] < 0) direction[k] = 0;
      norm += direction[k] * direction[k];
    }
    if (norm == 0) norm = 1;
    const double gap = static_cast<double>(bound - (have_incumbent_ ? incumbent_.value : 0));
    const double step = theta * std::max(gap, 1.0) / norm;
    for (std::size_t k = 0; k < pools; ++k) {
      if (direction[k] == 0) continue;
      double delta = step * direction[k];
      auto d = static_cast<std::int64_t>(std::llround(delta));
      if (d == 0) d = direction[k] > 0 ? 1 : -1;
      lambda[k] = std::max<std::int64_t>(0, lambda[k] + d);
    }
  }
  return out;
}

void ComponentSolver::run(const SolveOptions& options, std::int64_t big, Clock::time_point deadline,
                          Solution& out) {
  const auto start = Clock::now();
  out = Solution{};
  out.objective = options.objective;
  stats_ = &out.stats;
  deadline_ = deadline;
  // The work limit counts from this run's start (the cores' counters keep growing).
  work_limit_ = options.work_limit > 0
                    ? options.work_limit + settled()
                    : 0;
  have_incumbent_ = false;
  range_ok_ = true;

  // BIG > any plan's total score; it depends on the citizens only, so that changes of
  // seats keep the weights (and the kept flow) valid.
  big_ = big;
  out.big = big_;
  big_m_ = std::max<std::int64_t>(1, p_.arc_score.empty() ? 0 : big_ + max_score_);
  warm_ = options.warm_start;
  arcs_per_citizen_ = options.arcs_per_citizen;
  arcs_per_seat_ = options.arcs_per_seat;

  auto finish = [&](Status status, std::int64_t bound) {
    out.status = status;
    out.stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (status == Status::Infeasible || status == Status::BadCostRange) {
      out.citizen_arc.assign(at(p_.num_citizens), kNone);
      return;
    }
    out.citizen_arc = incumbent_.arc;
    for (auto e : out.citizen_arc)
      if (e >= 0) {
        ++out.placed;
        out.score += p_.arc_score[at(e)];
      }
    if (big_ > 0) {
      const std::int64_t placed = bound / big_;
      out.placed_bound = static_cast<Index>(placed);
      out.score_bound = std::min(bound - placed * big_, placed * 1'000'000);
    } else {
      out.score_bound = bound;
    }
  };

  Restriction root;
  Residual res = residual(root);
  if (!res.feasible) return finish(Status::Infeasible, 0);
  // The trivial plan (pins only) keeps every rule.
  incumbent_.arc.assign(at(p_.num_citizens), kNone);
  for (auto e : pins_) incumbent_.arc[at(arc_citizen(e))] = e;
  incumbent_.value = res.pinned_value;
  have_incumbent_ = true;

  // The plain flow first: when it keeps every pool, it is optimal and has duals.
  if (!flow(res, nullptr)) return finish(Status::BadCostRange, 0);
  Plan plain = current_plan(res, root);
  {
    auto count = pooled_counts(plain, root);
    bool violated = false;
    for (std::size_t k = 0; k < count.size(); ++k) violated |= count[k] > p_.pool_limit[k];
    if (!violated) {
      offer(plain);
      core_.duals(out.citizen_dual, out.opening_dual, out.cap_group_dual);
      return finish(Status::Optimal, plain.value);
    }
  }
  // The root's prices from the LP, and its rounding as the first incumbent; without the
  // LP (off, or stopped by its limits), zero prices and the plain flow repaired.
  std::vector<std::int64_t> root_lambda;
  if (options.lp_prices) root_lambda = lp_prices(res, root);
  if (root_lambda.empty()) {
    offer(repair(std::move(plain), root));
    root_lambda.assign(p_.pool_limit.size(), 0);
  }

  // Branch and bound, depth first; each entry carries its parent's bound and prices.
  struct Entry {
    Restriction r;
    std::vector<std::int64_t> lambda;
    std::int64_t parent_bound;
  };
  std::vector<Entry> stack;
  stack.push_back({root, std::move(root_lambda), std::numeric_limits<std::int64_t>::max()});
  std::int64_t root_bound = std::numeric_limits<std::int64_t>::max();
  std::int64_t open_bound = std::numeric_limits<std::int64_t>::min();  // of nodes left unsolved
  bool first = true;
  while (!stack.empty()) {
    if (!first && (out_of_time() || out.stats.bb_nodes >= options.max_nodes || !range_ok_)) {
      for (const auto& e : stack) open_bound = std::max(open_bound, e.parent_bound);
      break;
    }
    Entry entry = std::move(stack.back());
    stack.pop_back();
    if (entry.parent_bound <= incumbent_.value) continue;
    ++out.stats.bb_nodes;
    NodeOutcome node = solve_node(entry.r, entry.lambda,
                                  first ? options.root_lagrangian_iterations : options.node_lagrangian_iterations);
    if (!range_ok_) return finish(Status::BadCostRange, 0);
    const std::int64_t node_bound = std::min(node.bound, entry.parent_bound);
    if (first) root_bound = node_bound;
    first = false;
    if (node.infeasible || node.exact || node_bound <= incumbent_.value) continue;
    if (node.branch_arc < 0) {  // stopped (time) before the node was resolved
      open_bound = std::max(open_bound, node_bound);
      continue;
    }
    Entry pin{entry.r, node.lambda, node_bound};
    pin.r.pins.push_back(node.branch_arc);
    Entry close{std::move(entry.r), node.lambda, node_bound};
    close.r.closed.push_back(node.branch_arc);
    stack.push_back(std::move(pin));
    stack.push_back(std::move(close));  // explored first
  }
  const std::int64_t bound = std::min(root_bound, std::max(incumbent_.value, open_bound));
  finish(bound == incumbent_.value ? Status::Optimal : Status::Feasible, bound);
}


/// The state kept between runs: the problem split into its connected components
/// (citizens, openings, cap groups and pools joined by arcs and memberships), each with
/// its own ComponentSolver on a sub-problem with local indices. No rule crosses a
/// component, so the plan is the union of the components' plans, the bound the sum of
/// their bounds, and pool prices and branching stay local to a component.
class SolverState {
 public:
  explicit SolverState(const MatchingProblem& p) : p_(p) {
    const Index n = p.num_citizens, m = p.num_openings;
    const auto groups = static_cast<Index>(p.cap_group_limit.size());
    const auto pools = static_cast<Index>(p.pool_limit.size());
    // Union-find over citizens [0, n), openings [n, n+m), groups, pools.
    std::vector<Index> parent(at(n) + at(m) + at(groups) + at(pools));
    for (std::size_t i = 0; i < parent.size(); ++i) parent[i] = static_cast<Index>(i);
    auto find = [&](Index x) {
      while (parent[at(x)] != x) {
        parent[at(x)] = parent[at(parent[at(x)])];
        x = parent[at(x)];
      }
      return x;
    };
    auto unite = [&](Index a, Index b) {
      a = find(a);
      b = find(b);
      if (a != b) parent[at(std::max(a, b))] = std::min(a, b);
    };
    for (Index c = 0; c < n; ++c)
      for (std::int64_t e = p.arc_begin[at(c)]; e < p.arc_begin[at(c) + 1]; ++e) unite(c, n + p.arc_opening[at(e)]);
    for (Index o = 0; o < m; ++o) {
      if (p.opening_cap_group[at(o)] != kNone) unite(n + o, n + m + p.opening_cap_group[at(o)]);
      if (p.opening_pool[at(o)] != kNone) unite(n + o, n + m + groups + p.opening_pool[at(o)]);
    }
    // One component holding every arc (the usual case for a municipality): the problem is
    // used as it is, with identity maps — no copy of its arrays.
    {
      Index root = kNone;
      bool single = true;
      for (Index c = 0; c < n && single; ++c) {
        if (p.arc_begin[at(c)] == p.arc_begin[at(c) + 1]) continue;
        const Index r = find(c);
        if (root == kNone) root = r;
        single = r == root;
      }
      if (single && root != kNone) {
        parts_.emplace_back();
        Part& part = parts_.front();
        part.source = &p;
        part.citizens.resize(at(n));
        part.openings.resize(at(m));
        part.groups.resize(at(groups));
        for (Index c = 0; c < n; ++c) part.citizens[at(c)] = c;
        for (Index o = 0; o < m; ++o) part.openings[at(o)] = o;
        for (Index g = 0; g < groups; ++g) part.groups[at(g)] = g;
        citizen_comp_.assign(at(n), 0);
        citizen_local_ = part.citizens;
        opening_comp_.assign(at(m), 0);
        opening_local_ = part.openings;
        part.solver = std::make_unique<ComponentSolver>(p);
        order_ = {0};
        return;
      }
    }
    // Components that hold an arc, numbered by their first citizen.
    std::vector<Index> comp_of_root(parent.size(), kNone);
    citizen_comp_.assign(at(n), kNone);
    citizen_local_.assign(at(n), kNone);
    for (Index c = 0; c < n; ++c) {
      if (p.arc_begin[at(c)] == p.arc_begin[at(c) + 1]) continue;
      const Index root = find(c);
      if (comp_of_root[at(root)] == kNone) {
        comp_of_root[at(root)] = static_cast<Index>(parts_.size());
        parts_.emplace_back();
      }
      Part& part = parts_[at(comp_of_root[at(root)])];
      citizen_comp_[at(c)] = comp_of_root[at(root)];
      citizen_local_[at(c)] = part.problem.num_citizens++;
      part.citizens.push_back(c);
    }
    opening_local_.assign(at(m), kNone);
    opening_comp_.assign(at(m), kNone);
    std::vector<Index> group_local(at(groups), kNone), pool_local(at(pools), kNone);
    for (Index o = 0; o < m; ++o) {
      const Index k = comp_of_root[at(find(n + o))];
      if (k == kNone) continue;
      Part& part = parts_[at(k)];
      MatchingProblem& q = part.problem;
      opening_comp_[at(o)] = k;
      opening_local_[at(o)] = q.num_openings++;
      part.openings.push_back(o);
      q.seats.push_back(p.seats[at(o)]);
      const Index g = p.opening_cap_group[at(o)];
      if (g != kNone && group_local[at(g)] == kNone) {
        group_local[at(g)] = static_cast<Index>(q.cap_group_limit.size());
        q.cap_group_limit.push_back(p.cap_group_limit[at(g)]);
        part.groups.push_back(g);
      }
      q.opening_cap_group.push_back(g == kNone ? kNone : group_local[at(g)]);
      const Index pl = p.opening_pool[at(o)];
      if (pl != kNone && pool_local[at(pl)] == kNone) {
        pool_local[at(pl)] = static_cast<Index>(q.pool_limit.size());
        q.pool_limit.push_back(p.pool_limit[at(pl)]);
      }
      q.opening_pool.push_back(pl == kNone ? kNone : pool_local[at(pl)]);
    }
    {  // exact sizes first: no re-allocation of the large arrays
      std::vector<std::int64_t> arcs_of(parts_.size(), 0);
      for (Index c = 0; c < n; ++c)
        if (citizen_comp_[at(c)] != kNone) arcs_of[at(citizen_comp_[at(c)])] += p.arc_begin[at(c) + 1] - p.arc_begin[at(c)];
      for (std::size_t k = 0; k < parts_.size(); ++k) {
        MatchingProblem& q = parts_[k].problem;
        const auto a = static_cast<std::size_t>(arcs_of[k]);
        q.arc_opening.reserve(a);
        q.arc_score.reserve(a);
        q.arc_pooled.reserve(a);
        q.arc_begin.reserve(at(q.num_citizens) + 1);
      }
    }
    for (Index c = 0; c < n; ++c) {
      if (citizen_comp_[at(c)] == kNone) continue;
      Part& part = parts_[at(citizen_comp_[at(c)])];
      MatchingProblem& q = part.problem;
      for (std::int64_t e = p.arc_begin[at(c)]; e < p.arc_begin[at(c) + 1]; ++e) {
        q.arc_opening.push_back(opening_local_[at(p.arc_opening[at(e)])]);
        q.arc_score.push_back(p.arc_score[at(e)]);
        q.arc_pooled.push_back(p.arc_pooled[at(e)]);
      }
      q.arc_begin.push_back(static_cast<std::int64_t>(q.arc_opening.size()));
    }
    for (auto e : p.pinned_arcs) {
      Part& part = parts_[at(citizen_comp_[at(arc_citizen(e))])];
      part.problem.pinned_arcs.push_back(arc_local(e));
    }
    for (auto& part : parts_) part.solver = std::make_unique<ComponentSolver>(part.problem);
    // Smallest components first: they finish quickly, and the largest gets the time left.
    order_.resize(parts_.size());
    for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
      return parts_[a].prob().arc_opening.size() < parts_[b].prob().arc_opening.size();
    });
  }

  void set_seats(Index o, std::int32_t seats) {
    if (opening_local_[at(o)] == kNone) return;  // no arc reaches it
    parts_[at(opening_comp_[at(o)])].solver->set_seats(opening_local_[at(o)], seats);
  }
  void forbid(ArcIndex arc, bool on) {
    parts_[at(citizen_comp_[at(arc_citizen(arc))])].solver->forbid(arc_local(arc), on);
  }
  void pin(ArcIndex arc, bool on) {
    parts_[at(citizen_comp_[at(arc_citizen(arc))])].solver->pin(arc_local(arc), on);
  }

  void run(const SolveOptions& options, Solution& out);

 private:
  struct Part {
    MatchingProblem problem;  // local indices (unused when `source` is set)
    const MatchingProblem* source = nullptr;  // the whole problem, when it is one component
    const MatchingProblem& prob() const { return source ? *source : problem; }
    std::vector<Index> citizens, openings, groups;  // local -> global
    std::unique_ptr<ComponentSolver> solver;
    Solution solution;
  };
  // The component-local index of global arc e (same offset from the citizen's first arc).
  ArcIndex arc_local(ArcIndex e) const {
    const Index c = arc_citizen(e);
    const MatchingProblem& q = parts_[at(citizen_comp_[at(c)])].prob();
    return q.arc_begin[at(citizen_local_[at(c)])] + (e - p_.arc_begin[at(c)]);
  }
  Index arc_citizen(std::int64_t e) const {
    const auto it = std::upper_bound(p_.arc_begin.begin(), p_.arc_begin.end(), e);
    return static_cast<Index>(it - p_.arc_begin.begin()) - 1;
  }
  const MatchingProblem& p_;
  std::vector<Part> parts_;
  std::vector<Index> citizen_comp_, citizen_local_, opening_comp_, opening_local_;
  std::vector<std::size_t> order_;  // the order in which components are solved
};

void SolverState::run(const SolveOptions& options, Solution& out) {
  const auto start = Clock::now();
  const auto deadline = deadline_after(options.time_limit_seconds);
  out = Solution{};
  out.objective = options.objective;
  const std::int64_t big =
      options.objective == Objective::Placements ? 1'000'000 * (std::int64_t{p_.num_citizens} + 1) : 0;
  out.big = big;
  // Components are claimed smallest first by `threads` workers; each writes only its own
  // Part, and the merge below runs in component order, so the result does not depend on
  // the thread count (except where the wall-clock limit stops a search).
  const int wanted = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  const int threads = std::max(1, std::min<int>(wanted, static_cast<int>(parts_.size())));
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    try {
      for (std::size_t i; (i = next.fetch_add(1)) < parts_.size();) {
        Part& part = parts_[order_[i]];
        part.solver->run(options, big, deadline, part.solution);
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = parts_.size();
    }
  };
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
  }
  if (failure) std::rethrow_exception(failure);

  bool infeasible = false, bad_range = false, optimal = true, duals = true;
  for (const auto& part : parts_) {
    const Solution& s = part.solution;
    infeasible |= s.status == Status::Infeasible;
    bad_range |= s.status == Status::BadCostRange;
    optimal &= s.status == Status::Optimal;
    duals &= !s.citizen_dual.empty() || part.prob().num_citizens == 0;
    out.stats.dijkstra_runs += s.stats.dijkstra_runs;
    out.stats.settled_nodes += s.stats.settled_nodes;
    out.stats.flow_solves += s.stats.flow_solves;
    out.stats.flow_restarts += s.stats.flow_restarts;
    out.stats.bb_nodes += s.stats.bb_nodes;
    out.stats.lagrangian_iterations += s.stats.lagrangian_iterations;
    out.stats.lp_rounds += s.stats.lp_rounds;
  }
  out.citizen_arc.assign(at(p_.num_citizens), kNone);
  out.stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (bad_range || infeasible) {
    out.status = bad_range ? Status::BadCostRange : Status::Infeasible;
    return;
  }
  out.status = optimal ? Status::Optimal : Status::Feasible;
  // Bounds add up: a plan with sum placed_bound placements has exactly placed_bound_k in
  // every component, so its score is at most sum score_bound_k.
  Index placed_bound = 0;
  if (duals) {
    out.citizen_dual.assign(at(p_.num_citizens), 0);
    out.opening_dual.assign(at(p_.num_openings), 0);
    out.cap_group_dual.assign(p_.cap_group_limit.size(), 0);
  }
  for (const auto& part : parts_) {
    const Solution& s = part.solution;
    for (std::size_t c = 0; c < part.citizens.size(); ++c) {
      const auto e = s.citizen_arc[c];
      if (e < 0) continue;
      // A citizen's arcs keep their order in its component: same offset from its first.
      const Index g = part.citizens[c];
      out.citizen_arc[at(g)] = p_.arc_begin[at(g)] + (e - part.prob().arc_begin[c]);
      ++out.placed;
      out.score += part.prob().arc_score[at(e)];
    }
    placed_bound += s.placed_bound.value_or(0);
    out.score_bound += s.score_bound;
    if (duals) {
      for (std::size_t c = 0; c < part.citizens.size(); ++c) out.citizen_dual[at(part.citizens[c])] = s.citizen_dual[c];
      for (std::size_t o = 0; o < part.openings.size(); ++o) out.opening_dual[at(part.openings[o])] = s.opening_dual[o];
      for (std::size_t g = 0; g < part.groups.size(); ++g) out.cap_group_dual[at(part.groups[g])] = s.cap_group_dual[g];
    }
  }
  if (big > 0) out.placed_bound = placed_bound;
}

}  // namespace detail

Matcher::Matcher(const MatchingProblem& problem) : problem_(&problem) {
  detail::validate(problem);
  state_ = std::make_unique<detail::SolverState>(problem);
}
Matcher::~Matcher() = default;
Matcher::Matcher(Matcher&&) noexcept = default;
Matcher& Matcher::operator=(Matcher&&) noexcept = default;

Matcher& Matcher::objective(Objective objective) {
  options_.objective = objective;
  return *this;
}
Matcher& Matcher::time_limit(double seconds) {
  options_.time_limit_seconds = seconds;
  return *this;
}
Matcher& Matcher::options(const SolveOptions& options) {
  options_ = options;
  return *this;
}

Matcher& Matcher::set_seats(Index opening, std::int32_t seats) {
  if (opening < 0 || opening >= problem_->num_openings || seats < 0)
    throw std::invalid_argument("Matcher::set_seats: opening out of range or negative seats");
  state_->set_seats(opening, seats);
  return *this;
}
Matcher& Matcher::forbid(ArcIndex arc, bool forbidden) {
  if (arc < 0 || arc >= problem_->arc_begin.back()) throw std::invalid_argument("Matcher::forbid: arc out of range");
  state_->forbid(arc, forbidden);
  return *this;
}
Matcher& Matcher::pin(ArcIndex arc, bool pinned) {
  if (arc < 0 || arc >= problem_->arc_begin.back()) throw std::invalid_argument("Matcher::pin: arc out of range");
  state_->pin(arc, pinned);
  return *this;
}

Status Matcher::run() {
  state_->run(options_, solution_);
  return solution_.status;
}

Solution solve(const MatchingProblem& problem, const SolveOptions& options) {
  Matcher m(problem);
  m.options(options).run();
  return m.solution();
}

}  // namespace placematch
