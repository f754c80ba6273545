// Pool prices from the LP relaxation (src/detail/pool_lp.hpp), the LP's own plan when it
// is integral, and its rounding into a first incumbent (see src/detail/component_solver.hpp).
#include <algorithm>
#include <cmath>

#include "detail/component_solver.hpp"
#include "detail/pool_lp.hpp"

namespace placematch::detail {

// The LP's first columns: each active citizen's two open arcs of least reduced cost
// against the plain flow's duals, and its arc in that flow (the flow last solved on
// core_), which the first basis puts at 1; with SolveOptions::lp_dual_start the duals too.
void ComponentSolver::add_start_columns(const Residual& res, PoolLpInput& in) const {
  std::vector<std::int64_t> u, v, z;
  core_.duals(u, v, z);
  std::vector<std::int64_t> vz(v);  // per opening: its dual and its cap group's
  for (std::size_t o = 0; o < vz.size(); ++o)
    if (const Index g = p_.opening_cap_group[o]; g != kNone) vz[o] += z[at(g)];
  for (Index c = 0; c < p_.num_citizens; ++c) {
    if (!res.active[at(c)]) continue;
    ArcIndex best[2] = {kNone, kNone};
    std::int64_t best_rc[2] = {0, 0};
    const std::int64_t uc = u[at(c)] - big_;
    for (ArcIndex e = p_.arc_begin[at(c)]; e < p_.arc_begin[at(c) + 1]; ++e) {
      if (res.closed[at(e)]) continue;
      const std::int64_t rc = uc + vz[at(p_.arc_opening[at(e)])] - score(e);
      if (best[0] == kNone || rc < best_rc[0]) {
        best[1] = best[0], best_rc[1] = best_rc[0];
        best[0] = e, best_rc[0] = rc;
      } else if (best[1] == kNone || rc < best_rc[1]) {
        best[1] = e, best_rc[1] = rc;
      }
    }
    for (ArcIndex e : best)
      if (e != kNone) in.start_arcs.push_back(e);
    const ArcIndex held = core_.arc(c);
    if (held != kNone && held != best[0] && held != best[1]) in.start_arcs.push_back(held);
    if (held != kNone) in.start_at_one.push_back(held);
  }
  if (lp_dual_start_) {  // the flow's duals: the LP's first basis (SolveOptions::lp_dual_start)
    in.start_citizen_dual = std::move(u);
    in.start_opening_dual = std::move(v);
    in.start_group_dual = std::move(z);
  }
}

// Rounding: the LP's whole pooled placements (they keep every pool together) are fixed,
// the pooled arcs of pools they fill are closed, and one flow places the rest by weight
// (the LP's other placements ignored scores in its placements stage); the flow's plan is
// then repaired where it overfills a pool with room left, and offered.
void ComponentSolver::round_lp(const PoolLpResult& lp, const Residual& res, const Restriction& r) {
  Restriction rounded = r;
  std::vector<std::int32_t> left = res.pool;
  std::vector<std::uint8_t> whole(at(p_.num_citizens), 0);
  for (std::size_t j = 0; j < lp.column_arc.size(); ++j) {
    if (lp.x[j] < 1 - 1e-6) continue;
    const ArcIndex e = lp.column_arc[j];
    if (pool_of(e) == kNone) continue;
    rounded.pins.push_back(e);
    whole[at(arc_citizen(e))] = 1;
    --left[at(pool_of(e))];
  }
  for (Index c = 0; c < p_.num_citizens; ++c) {
    if (!res.active[at(c)] || whole[at(c)]) continue;
    for (ArcIndex e = p_.arc_begin[at(c)]; e < p_.arc_begin[at(c) + 1]; ++e)
      if (pool_of(e) != kNone && left[at(pool_of(e))] <= 0) rounded.closed.push_back(e);
  }
  Residual rest = residual(rounded);
  if (rest.feasible && flow(rest, nullptr, true)) offer(repair(current_plan(rest, rounded), rounded));
}

// The LP relaxation of the node left after `res`'s pins (src/detail/pool_lp.hpp): column
// generation on CLP from the start columns above (the flow last solved on core_ must be
// this node's plain flow), within the time and work left to the run.
PoolLpResult ComponentSolver::solve_lp(const Residual& res) {
  PoolLpInput in;
  in.problem = &p_;
  in.active = &res.active;
  in.closed = &res.closed;
  in.seats = &res.seats;
  in.limit = &res.limit;
  in.pool = &res.pool;
  in.big = big_;
  in.arc_scores = score_;
  in.score_version = score_version_;
  in.scale = lp_scale();
  add_start_columns(res, in);
  in.seconds = std::max(0.0, std::chrono::duration<double>(deadline_ - Clock::now()).count());
  if (work_limit_ > 0) in.max_iterations = std::max<std::int64_t>(1, (work_limit_ - settled()) / kLpPivotWork);
  if (progress_)
    in.tick = [this](std::int64_t iterations) {
      if (progress_->due()) progress_->pricing(part_, lp_pivots_ - run_lp_pivots_ + iterations);
    };
  // Warm runs re-optimise the previous run's LP (a few bounds changed); cold runs and a
  // seeded first run solve it from scratch, as a run of a new Matcher would.
  if (!warm_) lp_.reset();
  PoolLpResult lp = lp_.solve(in);
  lp_pivots_ += lp.iterations;
  stats_->lp_rounds += lp.rounds;
  return lp;
}

// Pool prices from the LP relaxation on the weights. Returns the prices on the weight
// scale (empty when the LP did not finish). An integral LP optimum that keeps every rule
// is offered as a plan; unless it is the optimum of the weights (stage two, or the score
// objective), the LP is also rounded (a placements-stage optimum is often integral but
// blind to scores).
std::vector<std::int64_t> ComponentSolver::lp_prices(const Residual& res, const Restriction& r) {
  const PoolLpResult lp = solve_lp(res);
  if (!lp.optimal) return {};
  std::vector<std::int64_t> lambda(lp.pool_price.size());
  // (At most the largest weight, as the Lagrangian steps keep them: a higher price bounds no
  // plan better and would push the priced weights out of the flows' exact range.)
  for (std::size_t k = 0; k < lambda.size(); ++k)
    lambda[k] = std::llround(std::clamp(lp_scale() * lp.pool_price[k], 0.0, static_cast<double>(big_m_)));
  if (!lp.arc.empty()) {
    Plan plan;
    plan.arc = lp.arc;
    place_pins(plan, r);
    offer_if_kept(std::move(plan), r);
  }
  if ((lp.arc.empty() || lp.stage == 1) && !out_of_time()) round_lp(lp, res, r);
  return lambda;
}

}  // namespace placematch::detail
