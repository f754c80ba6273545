// One branch-and-bound node: the Lagrangian relaxation of its mentor pools, solved by
// projected, deflected subgradient steps (see engine/solve.hpp and
// src/detail/component_solver.hpp).
#include <algorithm>
#include <cmath>
#include <limits>

#include "detail/component_solver.hpp"

namespace placematch::detail {

// The flow priced by `lambda` just solved, read as a plan and a bound:
// bound = priced flow value + sum_k lambda_k * (room left in pool k after the pins),
// and each pool's excess (pooled placements, pins included, minus its limit).
ComponentSolver::PricedFlow ComponentSolver::priced_flow(const Residual& res, const Restriction& r,
                                                        const std::vector<std::int64_t>& lambda) const {
  PricedFlow out;
  out.plan = current_plan(res, r);
  out.bound = out.plan.value;
  const std::vector<std::int32_t> count = pooled_counts(out.plan);
  const std::size_t pools = p_.pool_limit.size();
  out.excess.assign(pools, 0);
  for (std::size_t k = 0; k < pools; ++k) {
    const std::int64_t flow_pooled = count[k] - (p_.pool_limit[k] - res.pool[k]);
    out.bound += lambda[k] * (res.pool[k] - flow_pooled);
    out.excess[k] = count[k] - p_.pool_limit[k];
    if (out.excess[k] > 0) out.violated = true;
  }
  return out;
}

// The arc to branch on: in the most violated pool, the free pooled arc of highest weight
// (its "closed" child, explored first, loses the most; see benchmarks/README.md for the
// measurements behind this choice). kNone when the pool holds only pins.
ArcIndex ComponentSolver::branch_arc(const Plan& plan, const Residual& res, const std::vector<std::int64_t>& excess) const {
  std::size_t worst = 0;
  for (std::size_t k = 1; k < excess.size(); ++k)
    if (excess[k] > excess[worst]) worst = k;
  ArcIndex pick = kNone;
  for (Index c = 0; c < p_.num_citizens; ++c) {
    const ArcIndex e = plan.arc[at(c)];
    if (e == kNone || pool_of(e) != static_cast<Index>(worst) || !res.active[at(c)]) continue;
    if (pick == kNone || weight(e) > weight(pick) || (weight(e) == weight(pick) && e < pick)) pick = e;
  }
  return pick;
}

// One subgradient step on the prices (Polyak, target = the incumbent), integer prices in
// [0, M], M the largest weight (big_m_): for a price above M the pool's arcs weigh <= 0 in
// the priced flow whatever it is, so M bounds at least as well (the node's pool room is
// >= 0), and a long step far beyond it would push the priced weights out of the flows'
// exact int64 range (BadCostRange: PoolBruteForce.PricesStayWithinTheExactRange).
// The direction is projected (a free pool whose price is already 0 does not move) and
// deflected (half of the previous direction added, which damps the zig-zag of plain
// steps across thousands of pools).
void ComponentSolver::subgradient_step(std::vector<std::int64_t>& lambda, std::vector<std::int64_t> excess,
                                       std::int64_t bound, StepControl& step) const {
  const std::size_t pools = lambda.size();
  for (std::size_t k = 0; k < pools; ++k)
    if (lambda[k] == 0 && excess[k] < 0) excess[k] = 0;
  constexpr double kDeflection = 0.5;
  double norm = 0;
  for (std::size_t k = 0; k < pools; ++k) {
    step.direction[k] = static_cast<double>(excess[k]) + kDeflection * step.direction[k];
    if (lambda[k] == 0 && step.direction[k] < 0) step.direction[k] = 0;
    norm += step.direction[k] * step.direction[k];
  }
  if (norm == 0) norm = 1;
  const double gap = static_cast<double>(bound - (have_incumbent_ ? incumbent_.value : 0));
  const double length = step.theta * std::max(gap, 1.0) / norm;
  for (std::size_t k = 0; k < pools; ++k) {
    if (step.direction[k] == 0) continue;
    auto d = static_cast<std::int64_t>(std::llround(length * step.direction[k]));
    if (d == 0) d = step.direction[k] > 0 ? 1 : -1;
    lambda[k] = std::clamp<std::int64_t>(lambda[k] + d, 0, big_m_);
  }
}

// Up to `iterations` priced flows from `lambda`; the node's bound is the best Lagrangian
// bound seen. A priced plan that keeps every pool is offered, and solves the node when
// it meets the bound (or the prices are all zero); a violating one names the branch arc
// and is repaired now and then. Without any violated plan after the iterations, the
// plain relaxation (zero prices) decides.
ComponentSolver::NodeOutcome ComponentSolver::solve_node(const Restriction& r, std::vector<std::int64_t> lambda,
                                                         int iterations) {
  NodeOutcome out;
  Residual res = residual(r);
  if (!res.feasible) {
    out.infeasible = true;
    return out;
  }
  out.bound = std::numeric_limits<std::int64_t>::max();
  out.lambda = lambda;
  StepControl step;
  step.direction.assign(p_.pool_limit.size(), 0.0);
  bool tried_zero = false;
  for (int it = 0; it < iterations || (out.branch_arc == kNone && !out.exact); ++it) {
    if (it >= iterations) {  // no violated plan seen yet: the plain relaxation decides
      if (tried_zero) break;
      std::fill(lambda.begin(), lambda.end(), 0);
    }
    const bool zero = std::all_of(lambda.begin(), lambda.end(), [](std::int64_t l) { return l == 0; });
    tried_zero = tried_zero || zero;
    if (!flow(res, &lambda)) return out;
    ++stats_->lagrangian_iterations;
    PricedFlow priced = priced_flow(res, r, lambda);
    if (unbalanced_)
      for (std::size_t k = 0; k < lambda.size(); ++k)
        if (priced.excess[k] > 0 || (priced.excess[k] < 0 && lambda[k] > 0)) (*unbalanced_)[k] = 1;
    if (priced.bound < out.bound) {
      if (capture_) {  // the root's best Lagrangian bound: its priced flow's duals certify it
        last_core_->duals(cert_.u, cert_.v, cert_.z);
        cert_.lambda = lambda;
        cert_.bound = priced.bound;
        cert_.valid = true;
      } else if (leaves_) {  // a node that may close as a leaf of the kept tree: its best flow
        if (!out.flow) out.flow = std::make_shared<Solution::LeafFlow>();
        Solution::LeafFlow& f = *out.flow;
        last_core_->duals(f.u, f.v, f.z);
        f.arc = priced.plan.arc;
        f.price.assign(at(p_.num_openings), 0);
        for (Index o = 0; o < p_.num_openings; ++o)
          if (const Index k = p_.opening_pool[at(o)]; k != kNone) f.price[at(o)] = lambda[at(k)];
        f.gap = priced.bound;
      }
      out.bound = priced.bound;
      out.lambda = lambda;
      step.stale = 0;
      step.theta = std::min(step.theta * 1.5, 4.0);  // still improving: longer steps
    } else if (++step.stale >= 2) {
      step.theta /= 2;
      step.stale = 0;
    }
    if (!priced.violated) {
      offer(priced.plan);
      if (priced.plan.value == priced.bound || zero) {  // complementary slackness: solved
        out.bound = std::min(out.bound, priced.plan.value);
        out.exact = true;
        return out;
      }
    } else if (out.bound > cutoff_) {  // (a node the cutoff prunes needs no branch arc nor repaired plan)
      if (const ArcIndex pick = branch_arc(priced.plan, res, priced.excess); pick != kNone) out.branch_arc = pick;
      // Repairs cost a flow or more each: every fifth iteration, and the last.
      if (it % 5 == 0 || it + 1 >= iterations) offer(repair(std::move(priced.plan), r));
    }
    if (capture_) report_search(out.bound, stats_->bb_nodes);  // the root's bound is the run's
    if (out.bound <= prune_at()) return out;  // pruned (by the incumbent or the cutoff)
    if (out_of_time()) return out;
    if (it + 1 < iterations) subgradient_step(lambda, std::move(priced.excess), priced.bound, step);
  }
  return out;
}

}  // namespace placematch::detail
