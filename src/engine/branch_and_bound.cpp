// One component's run: the plain flow, the root's prices and first incumbent, then
// depth-first branch and bound on pooled arcs (see engine/solve.hpp and
// src/detail/component_solver.hpp).
#include <algorithm>
#include <limits>

#include "detail/component_solver.hpp"

namespace placematch::detail {

void ComponentSolver::run(const SolveOptions& options, std::int64_t big, Clock::time_point deadline, Solution& out) {
  const auto start = Clock::now();
  start_run(options, big, deadline, out);
  if (progress_) progress_->enter(part_, Phase::Flow);
  std::vector<std::int64_t> root_lambda;
  std::int64_t bound = 0;
  if (const Status done = solve_root(options, out, root_lambda, bound); done != Status::NotSolved)
    return finish(done, bound, start, out);
  bound = branch_and_bound(options, std::move(root_lambda), out.stats);
  if (!range_ok_) return finish(Status::BadCostRange, 0, start, out);
  export_certificate(out);
  finish(bound == incumbent_.value ? Status::Optimal : Status::Feasible, bound, start, out);
}

// The root: pins alone (the trivial incumbent, or Infeasible), the plain flow (optimal,
// with duals, when it keeps every pool), else the root's prices from the LP with its
// rounding as the first incumbent — or, without the LP, zero prices and the plain flow
// repaired. Returns NotSolved when the search must go on (`bound` set otherwise).
Status ComponentSolver::solve_root(const SolveOptions& options, Solution& out, std::vector<std::int64_t>& root_lambda,
                                   std::int64_t& bound) {
  const Restriction root;
  Residual res = residual(root);
  if (!res.feasible) return Status::Infeasible;
  incumbent_.arc.assign(at(p_.num_citizens), kNone);
  place_pins(incumbent_, root);
  incumbent_.value = res.pinned_value;
  have_incumbent_ = true;

  const bool seeded = seed_ && warm_;  // a warm start from elsewhere (Matcher::warm_start)
  const std::int64_t settled_before = settled();
  if (!flow(res, nullptr)) return Status::BadCostRange;
  Plan plain = current_plan(res, root);
  auto violates = [&](const Plan& plan) {
    const std::vector<std::int32_t> count = pooled_counts(plan);
    for (std::size_t k = 0; k < count.size(); ++k)
      if (count[k] > p_.pool_limit[k]) return true;
    return false;
  };
  bool violated = violates(plain);
  if (violated && seeded) {
    // The seed made the plain flow fast, but the pools bind: the search from here starts
    // from a cold plain flow and with the work budget a cold run has, so it is the cold
    // run's search (same LP start, same tree, same limits: same value and status).
    if (work_limit_ > 0) work_limit_ += settled() - settled_before;
    lp_.reset();  // and the LP and the priced flows from scratch, as a new Matcher's
    drop_priced_core();
    warm_ = false;
    const bool ok = flow(res, nullptr);
    warm_ = options.warm_start;
    if (!ok) return Status::BadCostRange;
    plain = current_plan(res, root);
    violated = violates(plain);
  }
  if (!violated) {
    offer(plain);
    core_.duals(out.citizen_dual, out.opening_dual, out.cap_group_dual);
    out.cert_citizen_dual = out.citizen_dual;
    out.cert_opening_dual = out.opening_dual;
    out.cert_cap_group_dual = out.cap_group_dual;
    out.cert_opening_price.assign(at(p_.num_openings), 0);
    out.cert_gap = 0;
    bound = plain.value;
    return Status::Optimal;
  }
  if (progress_) progress_->enter(part_, Phase::PoolPrices);
  if (options.lp_prices) root_lambda = lp_prices(res, root);
  if (root_lambda.empty()) {
    offer(repair(std::move(plain), root));
    root_lambda.assign(p_.pool_limit.size(), 0);
  }
  return Status::NotSolved;
}

// Depth first from the root, each node priced warm from its parent's prices, pruned by
// its Lagrangian bound; branching on the node's branch arc (closed child first). Stops on
// the node, work or time limit. Nodes are pruned at the incumbent's value, or at the
// run's cutoff when higher. Returns the proven bound: the root's, or lower when the
// search ended — the best of the incumbent, the nodes left open and the cutoff (when it
// pruned a node).
std::int64_t ComponentSolver::branch_and_bound(const SolveOptions& options, std::vector<std::int64_t> root_lambda,
                                               SolveStats& stats) {
  struct Entry {
    Restriction r;
    std::vector<std::int64_t> lambda;
    std::int64_t parent_bound;
  };
  constexpr std::int64_t kInf = std::numeric_limits<std::int64_t>::max();
  std::vector<Entry> stack;
  stack.push_back({Restriction{}, std::move(root_lambda), kInf});
  std::int64_t root_bound = kInf;
  std::int64_t open_bound = std::numeric_limits<std::int64_t>::min();  // of nodes left unsolved
  if (progress_) progress_->enter(part_, Phase::Search);
  // The bound proven so far (for progress reports only): the root's, or the best of the
  // incumbent and the nodes still open.
  auto bound_now = [&] {
    std::int64_t open = std::max(incumbent_.value, open_bound);
    for (const auto& e : stack) open = std::max(open, e.parent_bound);
    return std::min(root_bound, open);
  };
  for (bool first = true; !stack.empty(); first = false) {
    if (!first && progress_ && progress_->due()) report_search(bound_now(), stats.bb_nodes);
    if (!first && (out_of_time() || stats.bb_nodes >= options.max_nodes)) {
      for (const auto& e : stack) open_bound = std::max(open_bound, e.parent_bound);
      break;
    }
    Entry entry = std::move(stack.back());
    stack.pop_back();
    if (entry.parent_bound <= prune_at()) {
      cut_ = cut_ || entry.parent_bound > incumbent_.value;
      continue;
    }
    ++stats.bb_nodes;
    const int iterations = first ? options.root_lagrangian_iterations : options.node_lagrangian_iterations;
    capture_ = first;  // the root's certificate (Solution::cert_*)
    NodeOutcome node = solve_node(entry.r, entry.lambda, iterations);
    capture_ = false;
    if (!range_ok_) return 0;
    const std::int64_t node_bound = std::min(node.bound, entry.parent_bound);
    if (first) {
      root_bound = node_bound;
      report_search(root_bound, stats.bb_nodes, true);  // the search's first bound, at once
    }
    if (node.infeasible || node.exact) continue;
    if (node_bound <= prune_at()) {
      cut_ = cut_ || node_bound > incumbent_.value;
      continue;
    }
    if (node.branch_arc == kNone) {  // stopped (time) before the node was resolved
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
  // Nodes pruned by the cutoff alone may hold plans up to the cutoff.
  if (cut_) open_bound = std::max(open_bound, cutoff_);
  return std::min(root_bound, std::max(incumbent_.value, open_bound));
}

// The root's Lagrangian certificate (captured by solve_node) into the solution, with its
// gap to the incumbent; nothing when the root produced none.
void ComponentSolver::export_certificate(Solution& out) {
  if (!cert_.valid) return;
  out.cert_citizen_dual = std::move(cert_.u);
  out.cert_opening_dual = std::move(cert_.v);
  out.cert_cap_group_dual = std::move(cert_.z);
  out.cert_opening_price.assign(at(p_.num_openings), 0);
  for (Index o = 0; o < p_.num_openings; ++o)
    if (const Index k = p_.opening_pool[at(o)]; k != kNone) out.cert_opening_price[at(o)] = cert_.lambda[at(k)];
  out.cert_gap = cert_.bound - incumbent_.value;
  cert_.valid = false;
}

// The solution: the incumbent's arcs and totals, and the bound split on the lexicographic
// scale (placed = bound / BIG, score = the rest, capped at max_score per placement).
void ComponentSolver::finish(Status status, std::int64_t bound, Clock::time_point start, Solution& out) const {
  out.status = status;
  out.stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (status == Status::Infeasible || status == Status::BadCostRange) {
    out.citizen_arc.assign(at(p_.num_citizens), kNone);
    return;
  }
  out.citizen_arc = incumbent_.arc;
  for (ArcIndex e : out.citizen_arc)
    if (e != kNone) {
      ++out.placed;
      out.score += p_.arc_score[at(e)];
    }
  if (big_ > 0) {
    const std::int64_t placed = bound / big_;
    out.placed_bound = static_cast<Index>(placed);
    out.score_bound = std::min(bound - placed * big_, placed * p_.max_score);
  } else {
    out.score_bound = bound;
  }
}

}  // namespace placematch::detail
