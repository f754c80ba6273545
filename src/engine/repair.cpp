// Repair: a priced plan that overfills mentor pools made into one that keeps every rule
// (see src/detail/component_solver.hpp).
#include <algorithm>

#include "detail/component_solver.hpp"

namespace placematch::detail {

// Drops, at every overfull pool, its lowest-weight free (not fixed) pooled placements
// until it fits (ties: the higher arc index first). Returns whether any pool was over.
bool ComponentSolver::drop_overfull(Plan& plan, const std::vector<std::uint8_t>& is_fixed) const {
  const std::size_t pools = p_.pool_limit.size();
  const std::vector<std::int32_t> count = pooled_counts(plan);
  // Per overfull pool, the citizens holding a free pooled arc in it: one pass.
  std::vector<std::vector<Index>> holders_of(pools);
  for (Index c = 0; c < p_.num_citizens; ++c) {
    const ArcIndex e = plan.arc[at(c)];
    if (e == kNone || pool_of(e) == kNone || is_fixed[at(e)]) continue;
    const auto k = at(pool_of(e));
    if (count[k] > p_.pool_limit[k]) holders_of[k].push_back(c);
  }
  bool over = false;
  for (std::size_t k = 0; k < pools; ++k) {
    if (count[k] <= p_.pool_limit[k]) continue;
    over = true;
    std::vector<Index>& holders = holders_of[k];
    std::sort(holders.begin(), holders.end(), [&](Index a, Index b) {
      const ArcIndex ea = plan.arc[at(a)], eb = plan.arc[at(b)];
      if (weight(ea) != weight(eb)) return weight(ea) < weight(eb);
      return ea > eb;
    });
    for (std::int32_t drop = 0; drop < count[k] - p_.pool_limit[k]; ++drop) {
      const Index c = holders[at(drop)];
      plan.value -= weight(plan.arc[at(c)]);
      plan.arc[at(c)] = kNone;
    }
  }
  return over;
}

// Pins every pooled placement the plan keeps, and closes the free pooled arcs of the
// pools now full (of every pool, with `close_all`).
void ComponentSolver::fix_and_close(const Plan& plan, bool close_all, std::vector<std::uint8_t>& is_fixed,
                                    Restriction& r) const {
  const std::vector<std::int32_t> count = pooled_counts(plan);
  for (Index c = 0; c < p_.num_citizens; ++c) {
    const ArcIndex e = plan.arc[at(c)];
    if (e != kNone && pool_of(e) != kNone && !is_fixed[at(e)]) {
      r.pins.push_back(e);
      is_fixed[at(e)] = 1;
    }
  }
  // Through the pooled arcs by pool (pool_arcs_, made by fill_weights before any flow).
  for (std::size_t k = 0; k < count.size(); ++k) {
    if (!close_all && count[k] < p_.pool_limit[k]) continue;
    for (std::int64_t i = pool_arcs_begin_[k]; i < pool_arcs_begin_[k + 1]; ++i)
      if (const ArcIndex e = pool_arcs_[at(i)]; !is_fixed[at(e)]) r.closed.push_back(e);
  }
}

// A few rounds of: drop what overfills, fix what is kept, re-solve the rest; the last
// re-solve has every free pooled arc closed, so it cannot overfill a pool. Each round's
// plan is at least as good as the truncated one before it.
ComponentSolver::Plan ComponentSolver::repair(Plan plan, const Restriction& base) {
  Restriction r = base;
  std::vector<std::uint8_t> is_fixed(p_.arc_opening.size(), 0);
  for (ArcIndex e : pins_) is_fixed[at(e)] = 1;
  for (ArcIndex e : base.pins) is_fixed[at(e)] = 1;
  const std::size_t rounds = std::min<std::size_t>(p_.pool_limit.size(), 3) + 1;
  for (std::size_t round = 0; round <= rounds; ++round) {
    const bool over = drop_overfull(plan, is_fixed);
    if (!over || round == rounds || out_of_time()) break;
    fix_and_close(plan, round + 1 == rounds, is_fixed, r);
    Residual res = residual(r);
    if (!res.feasible || !flow(res, nullptr, true)) break;
    Plan next = current_plan(res, r);
    if (next.value < plan.value) break;  // cannot happen: the truncated plan is feasible there
    plan = std::move(next);
  }
  return plan;
}

}  // namespace placematch::detail
