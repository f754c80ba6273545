// One component's solver: the steps every phase shares — capacities left after the pins,
// one flow on them (weights priced or plain), its plan, and the rule check of a plan
// from elsewhere (see src/detail/component_solver.hpp).
#include "detail/component_solver.hpp"
#include "detail/csr.hpp"

#include <algorithm>

namespace placematch::detail {

ComponentSolver::ComponentSolver(const MatchingProblem& p) : p_(p), score_(p.arc_score.data()), core_(p) {
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
  lp_unit_ = std::max<std::int64_t>(1, max_score_);
}

void ComponentSolver::set_score(ArcIndex arc, std::int64_t score) {
  if (own_score_.empty()) {
    own_score_ = p_.arc_score;
    score_ = own_score_.data();
  }
  if (own_score_[at(arc)] == score) return;
  if (rescored_from_.empty() && have_incumbent_) rescored_from_ = incumbent_.arc;
  own_score_[at(arc)] = score;
  // M (the flows' cost constant, start_run) moves with the largest score; raised at once to
  // the problem's bound, so that later changes keep it and the flows stay warm.
  if (score > max_score_) max_score_ = std::max(score, p_.max_score);
  weights_big_ = spare_big_ = -1;  // the next flows fill every weight again; each core compares them
  ++score_version_;
  tree_.valid = false;
}

void ComponentSolver::pin(ArcIndex arc, bool on) {
  auto it = std::lower_bound(pins_.begin(), pins_.end(), arc);
  if (on && (it == pins_.end() || *it != arc)) pins_.insert(it, arc);
  if (!on && it != pins_.end() && *it == arc) pins_.erase(it);
}

// The run's settings. BIG depends on the citizens only, so that changes of seats keep the
// weights (and the kept flow) valid; the work limit counts from this run's start (the
// cores' counters keep growing).
void ComponentSolver::start_run(const SolveOptions& options, std::int64_t big, Clock::time_point deadline,
                                Solution& out) {
  out = Solution{};
  out.objective = options.objective;
  stats_ = &out.stats;
  deadline_ = deadline;
  work_limit_ = options.work_limit > 0 ? options.work_limit + settled() : 0;
  run_lp_pivots_ = lp_pivots_;
  have_incumbent_ = false;
  range_ok_ = true;
  cert_.valid = false;
  capture_ = false;
  big_ = big;
  out.big = big_;
  big_m_ = std::max<std::int64_t>(1, p_.arc_score.empty() ? 0 : big_ + max_score_);
  if (lp_unit_version_ != score_version_) {  // scores changed since: the LP's unit taken again
    lp_unit_ = 1;
    for (std::size_t e = 0; e < own_score_.size(); ++e) lp_unit_ = std::max(lp_unit_, own_score_[e]);
    lp_unit_version_ = score_version_;
  }
  warm_ = options.warm_start;
  cutoff_ = options.cutoff.value_or(kNoCutoff);
  cut_ = false;
  arcs_per_citizen_ = options.arcs_per_citizen;
  arcs_per_seat_ = options.arcs_per_seat;
  lp_dual_start_ = options.lp_dual_start;
}

ComponentSolver::Residual ComponentSolver::residual(const Restriction& r) const {
  Residual res;
  res.active.assign(at(p_.num_citizens), 1);
  res.seats = seats_;
  res.limit = p_.cap_group_limit;
  res.pool = p_.pool_limit;
  res.closed = forbidden_;
  for (ArcIndex e : r.closed) res.closed[at(e)] = 1;
  auto take = [&](ArcIndex e) {
    const Index c = arc_citizen(e);
    if (!res.active[at(c)] || res.closed[at(e)]) res.feasible = false;
    res.active[at(c)] = 0;
    const Index o = p_.arc_opening[at(e)];
    if (--res.seats[at(o)] < 0) res.feasible = false;
    const Index g = p_.opening_cap_group[at(o)];
    if (g != kNone && --res.limit[at(g)] < 0) res.feasible = false;
    if (pool_of(e) != kNone && --res.pool[at(pool_of(e))] < 0) res.feasible = false;
    res.pinned_value += weight(e);
  };
  for (ArcIndex e : pins_) take(e);
  // (A node's pin may be pinned since its tree was kept: SolveOptions::from_tree.)
  for (ArcIndex e : r.pins)
    if (!std::binary_search(pins_.begin(), pins_.end(), e)) take(e);
  return res;
}

// The flow's weights, in the buffer of its kind (plain or priced; the other one kept aside,
// see spare_weight_): filled when big_ or the scores changed since that buffer was filled;
// after that only the pooled arcs of pools whose price changed since the buffer was last
// set (the price subtracted, or restored to 0 for the plain weights), through the arcs
// listed by pool. O(pools + the arcs of the pools whose price changed).
void ComponentSolver::fill_weights(const std::vector<std::int64_t>* lambda) {
  FlowInput& in = flow_input_;
  const std::size_t arcs = p_.arc_score.size();
  const std::size_t pools = p_.pool_limit.size();
  // The buffer of this kind of flow (plain or priced), with its prices and big_.
  if (const bool priced = lambda != nullptr; priced != weights_priced_) {
    std::swap(in.weight, spare_weight_);
    std::swap(weight_price_, spare_price_);
    std::swap(weights_big_, spare_big_);
    weights_priced_ = priced;
  }
  if (weights_big_ != big_ || in.weight.size() != arcs) {
    in.weight.resize(arcs);
    for (std::size_t e = 0; e < arcs; ++e) in.weight[e] = weight(static_cast<ArcIndex>(e));
    weights_big_ = big_;
    weight_price_.assign(pools, 0);
  }
  if (pool_arcs_begin_.empty() && !arc_pool_.empty())  // the pooled arcs by pool, once
    group_by(pools, Indices{static_cast<std::int64_t>(arc_pool_.size())},
             [&](std::int64_t e) { return arc_pool_[at(e)]; }, pool_arcs_begin_, pool_arcs_);
  if (arc_pool_.empty()) return;  // no pooled arc: the plain weights are the only ones
  const std::int64_t* score = score_;
  std::int64_t* w = in.weight.data();
  const std::int64_t big = big_;
  for (std::size_t k = 0; k < pools; ++k) {
    const std::int64_t price = lambda ? (*lambda)[k] : 0;
    if (price == weight_price_[k]) continue;
    weight_price_[k] = price;
    for (std::int64_t i = pool_arcs_begin_[k]; i < pool_arcs_begin_[k + 1]; ++i) {
      const ArcIndex e = pool_arcs_[at(i)];
      w[e] = big + score[e] - price;
    }
  }
}

bool ComponentSolver::flow(const Residual& res, const std::vector<std::int64_t>* lambda, bool for_repair) {
  if (for_repair && !repair_core_) {
    // In a warm run (a re-solve) the repairs start from core_'s flow, as the priced core
    // does: a first repair from nothing would solve every citizen's row again.
    repair_core_ = warm_ ? std::make_unique<FlowCore>(core_) : std::make_unique<FlowCore>(p_);
    repair_base_settled_ = repair_core_->settled_nodes();
    repair_weights_ = warm_ ? plain_weights_ : CoreWeights{};
  }
  FlowCore& core = for_repair ? *repair_core_ : lambda ? priced_core() : core_;
  last_core_ = &core;
  fill_weights(lambda);
  FlowInput& in = flow_input_;  // kept: its buffers are reused from one flow to the next
  // The weights this core last solved with differ from these only on the arcs of pools
  // whose price differs (none for the plain weights after a plain flow).
  CoreWeights& known = for_repair ? repair_weights_ : lambda ? priced_weights_ : plain_weights_;
  in.changed_weights = nullptr;
  if (known.valid && known.big == big_ && known.score_version == score_version_) {
    changed_arcs_.clear();
    for (std::size_t k = 0; k < known.price.size(); ++k)
      if (known.price[k] != weight_price_[k])
        changed_arcs_.insert(changed_arcs_.end(), pool_arcs_.begin() + pool_arcs_begin_[k],
                             pool_arcs_.begin() + pool_arcs_begin_[k + 1]);
    in.changed_weights = &changed_arcs_;
  }
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
  // (FlowCore counts it).
  const auto restarts_before = core.cold_restarts();
  if (!for_repair && seed_) {  // a warm start from elsewhere: the first flow repairs it
    if (warm_) core.seed(in, seed_->arcs, seed_->opening_dual, seed_->group_dual);
    seed_.reset();
  }
  const bool ok = warm_ ? core.resolve(in) : core.solve(in);
  in.changed_weights = nullptr;
  known.valid = ok;  // the core holds these weights now (or no state: not ok)
  known.price = weight_price_;
  known.big = big_;
  known.score_version = score_version_;
  stats_->flow_restarts += core.cold_restarts() - restarts_before;
  stats_->dijkstra_runs += core.dijkstra_runs() - before;
  stats_->settled_nodes += core.settled_nodes() - settled_before;
  ++stats_->flow_solves;
  if (!ok) range_ok_ = false;
  return ok;
}

FlowCore& ComponentSolver::priced_core() {
  if (!priced_core_) {  // core_'s flow, as the shared core had it before its first priced flow
    priced_core_ = std::make_unique<FlowCore>(core_);
    priced_base_settled_ = core_.settled_nodes();
    priced_weights_ = plain_weights_;
  }
  return *priced_core_;
}

void ComponentSolver::drop_priced_core() {
  retired_priced_settled_ = priced_settled();
  priced_core_.reset();
  priced_weights_.valid = false;
}

void ComponentSolver::place_pins(Plan& plan, const Restriction& r) const {
  for (ArcIndex e : pins_) plan.arc[at(arc_citizen(e))] = e;
  for (ArcIndex e : r.pins) plan.arc[at(arc_citizen(e))] = e;
}

ComponentSolver::Plan ComponentSolver::current_plan(const Residual& res, const Restriction& r) const {
  Plan plan;
  plan.arc = last_core_->assignment();
  plan.value = res.pinned_value;
  for (Index c = 0; c < p_.num_citizens; ++c)
    if (plan.arc[at(c)] != kNone) plan.value += weight(plan.arc[at(c)]);
  place_pins(plan, r);
  return plan;
}

std::vector<std::int32_t> ComponentSolver::pooled_counts(const Plan& plan) const {
  std::vector<std::int32_t> count(p_.pool_limit.size(), 0);
  for (ArcIndex e : plan.arc)
    if (e != kNone && pool_of(e) != kNone) ++count[at(pool_of(e))];
  return count;
}

void ComponentSolver::offer(const Plan& plan) {
  if (!have_incumbent_ || plan.value > incumbent_.value) {
    incumbent_ = plan;
    have_incumbent_ = true;
  }
}

void ComponentSolver::offer_if_kept(Plan plan, const Restriction& r) {
  if (!keeps_rules(plan, r)) return;
  plan.value = 0;
  for (ArcIndex e : plan.arc)
    if (e != kNone) plan.value += weight(e);
  offer(plan);
}

// Every rule, checked on a plan from outside the flow (the LP): its arcs taken as pins
// of the residual (one arc per citizen, open arcs, seats, cap groups, pools), and every
// pin in it. O(citizens log citizens + openings + pools).
bool ComponentSolver::keeps_rules(const Plan& plan, const Restriction& r) const {
  if (plan.arc.size() != at(p_.num_citizens)) return false;
  Restriction all;
  all.closed = r.closed;
  for (Index c = 0; c < p_.num_citizens; ++c) {
    const ArcIndex e = plan.arc[at(c)];
    if (e == kNone) continue;
    if (e < p_.arc_begin[at(c)] || e >= p_.arc_begin[at(c) + 1]) return false;
    if (!std::binary_search(pins_.begin(), pins_.end(), e)) all.pins.push_back(e);  // pins_: taken anyway
  }
  for (ArcIndex e : pins_)
    if (plan.arc[at(arc_citizen(e))] != e) return false;
  for (ArcIndex e : r.pins)
    if (plan.arc[at(arc_citizen(e))] != e) return false;
  return residual(all).feasible;
}

}  // namespace placematch::detail
