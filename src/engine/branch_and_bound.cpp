// One component's run: the plain flow, the root's prices and first incumbent, then
// depth-first branch and bound on pooled arcs (see engine/solve.hpp and
// src/detail/component_solver.hpp).
//
// Searching from a kept tree (SolveOptions::keep_tree, from_tree). Every node of the search
// is the set of 0/1 arc vectors that take its pinned arcs and leave out its closed ones;
// branching on an arc splits a node into the vectors that take it and those that do not.
// So the leaves of a finished search — the nodes it closed, whatever closed them (pruned
// by a bound, solved exactly, infeasible, or left open when a limit stopped it) — partition
// all arc vectors, and the plans of ANY instance on the same arcs (other seats, arcs
// forbidden or pinned since: changes that only decide which vectors are plans) are split
// among them. The optimum of the changed instance is therefore the best over the leaves of
// each leaf's optimum. A leaf's optimum is bounded from above by its Lagrangian bound for
// any prices >= 0 (a plan of the leaf keeps every pool, so the priced terms only add), and
// computed on the changed instance (its residual, its flow): the leaf's kept prices give a
// valid bound, not merely a guess. The root's Lagrangian bounds every leaf at once (each
// leaf's plans are the root's). A leaf whose bound is at most the incumbent (or the cutoff)
// holds no better plan and is closed; the others are solved and branched on as any node.
// The incumbent is a plan of the changed instance: the pins alone, or the kept run's plan
// when it keeps every rule now (checked), or what the search finds. Hence the run's value
// is the changed instance's optimum when the search ends, as from the root; the search
// merely starts below the root, without the root's pool LP and long Lagrangian.
#include <algorithm>
#include <limits>
#include <utility>

#include "detail/component_solver.hpp"

namespace placematch::detail {

namespace {
// SolveOptions::kept_root_prices: the steps of the root priced from the first run's prices
// before the usual start. Where those prices close the root they do at once or nearly
// (regional questions: 1-3 priced flows); a root they do not close costs each step a
// priced flow more on top of the LP (benchmarks/README.md).
constexpr int kKeptRootIterations = 3;
}  // namespace

void ComponentSolver::run(const SolveOptions& options, std::int64_t big, Clock::time_point deadline, Solution& out) {
  const auto start = Clock::now();
  start_run(options, big, deadline, out);
  const std::int64_t work_before = settled();
  std::vector<Entry> leaves;
  std::vector<std::shared_ptr<Solution::LeafFlow>> flows;
  leaves_ = options.keep_tree ? &leaves : nullptr;
  leaf_flows_ = options.keep_tree ? &flows : nullptr;
  if (!run_root_lambda_.empty() && first_root_lambda_.empty()) first_root_lambda_ = std::move(run_root_lambda_);
  run_root_lambda_.clear();
  // This run's tree: `leaves` as the search closed them (the root alone when it ends there).
  bool from_tree = false;
  // The work of this run (settled nodes and LP pivots, SolveOptions::work_limit's measure)
  // as that of its start, from the root or the tree.
  bool leaves_first = false;  // SolveOptions::tree_leaves_first, taken (below)
  auto account = [&] {
    (from_tree ? (leaves_first ? tree_.leaves_work : tree_.tree_work) : tree_.root_work) = settled() - work_before;
  };
  auto keep = [&](Status status) {
    account();
    if (!options.keep_tree) return;
    tree_.valid = status != Status::BadCostRange;
    if (!tree_.valid) return;
    if (status == Status::Optimal || status == Status::Feasible) export_leaf_flows(leaves, flows, out);
    if (leaves.empty()) leaves.push_back({Restriction{}, std::vector<std::int64_t>(p_.pool_limit.size(), 0), kInf});
    tree_.leaves = std::move(leaves);
    tree_.root_lambda = run_root_lambda_;
    tree_.root_lambda.resize(p_.pool_limit.size(), 0);
    tree_.plan = incumbent_;
    if (status == Status::Infeasible) tree_.plan.arc.clear();
    if (!options.cutoff) tree_.uncut_plan = tree_.plan;
  };
  if (progress_) progress_->enter(part_, Phase::Flow);
  std::int64_t bound = 0;
  std::vector<Entry> stack;
  std::int64_t root_bound = kInf;
  // A kept tree of one leaf is the root: the usual start, with its LP, is the better one.
  // Else the start whose last run did less work (the tree's first: its root's did more);
  // work, not seconds, so that the choice is the same on every machine.
  // The leaves at once (tree_leaves_first) likewise, unless the last such run did more work
  // than the last from the tree's root (each tried once before they are compared).
  leaves_first = options.tree_leaves_first && tree_.leaves_work <= tree_.tree_work;
  from_tree = options.from_tree && tree_.valid && tree_.leaves.size() > 1 && !seed_ &&
              (leaves_first ? tree_.leaves_work : tree_.tree_work) <= tree_.root_work;
  if (from_tree) {
    const int iterations = leaves_first ? 0 : options.node_lagrangian_iterations;
    if (const Status done = tree_root(iterations, out, stack, root_bound); done != Status::NotSolved) {
      leaves_ = nullptr;  // (the kept tree stays: still a partition)
      leaf_flows_ = nullptr;
      account();
      return finish(done, root_bound, start, out);
    }
  } else {
    std::vector<std::int64_t> root_lambda;
    if (const Status done = solve_root(options, out, root_lambda, bound); done != Status::NotSolved) {
      keep(done);
      leaves_ = nullptr;
      leaf_flows_ = nullptr;
      return finish(done, bound, start, out);
    }
    stack.push_back({Restriction{}, std::move(root_lambda), kInf});
  }
  bound = branch_and_bound(options, std::move(stack), root_bound, !from_tree, out.stats);
  leaves_ = nullptr;
  leaf_flows_ = nullptr;
  if (!range_ok_) {
    keep(Status::BadCostRange);
    return finish(Status::BadCostRange, 0, start, out);
  }
  export_certificate(out);
  const Status status = bound == incumbent_.value ? Status::Optimal : Status::Feasible;
  keep(status);
  finish(status, bound, start, out);
}

bool ComponentSolver::breaks_pools(const Plan& plan) const {
  const std::vector<std::int32_t> count = pooled_counts(plan);
  for (std::size_t k = 0; k < count.size(); ++k)
    if (count[k] > p_.pool_limit[k]) return true;
  return false;
}

// The plain flow keeps every pool: it is the optimum, its duals the certificate.
Status ComponentSolver::plain_optimum(const Plan& plain, Solution& out, std::int64_t& bound) {
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

// The root's capacities after the pins, with the pins alone as the first incumbent (when
// the pins can hold together: `feasible`).
ComponentSolver::Residual ComponentSolver::pinned_root(const Restriction& root) {
  Residual res = residual(root);
  if (!res.feasible) return res;
  incumbent_.arc.assign(at(p_.num_citizens), kNone);
  place_pins(incumbent_, root);
  incumbent_.value = res.pinned_value;
  have_incumbent_ = true;
  return res;
}

// The root: pins alone (the trivial incumbent, or Infeasible), the plain flow (optimal,
// with duals, when it keeps every pool), else the root's prices from the LP with its
// rounding as the first incumbent — or, without the LP, zero prices and the plain flow
// repaired. Returns NotSolved when the search must go on (`bound` set otherwise).
Status ComponentSolver::solve_root(const SolveOptions& options, Solution& out, std::vector<std::int64_t>& root_lambda,
                                   std::int64_t& bound) {
  const Restriction root;
  Plan before_scores;  // the last run's plan, before the scores changed (set_score)
  before_scores.arc = std::exchange(rescored_from_, {});
  Residual res = pinned_root(root);
  if (!res.feasible) return Status::Infeasible;

  const bool seeded = seed_ && warm_;  // a warm start from elsewhere (Matcher::warm_start)
  const std::int64_t settled_before = settled();
  if (!flow(res, nullptr)) return Status::BadCostRange;
  Plan plain = current_plan(res, root);
  bool violated = breaks_pools(plain);
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
    violated = breaks_pools(plain);
  }
  if (!violated) return plain_optimum(plain, out, bound);
  if (!before_scores.arc.empty()) offer_if_kept(std::move(before_scores), root);
  if (options.kept_root_prices) {
    if (const Status done = kept_prices_root(options, res, out, bound); done != Status::NotSolved) return done;
  }
  if (progress_) progress_->enter(part_, Phase::PoolPrices);
  if (options.lp_prices) root_lambda = lp_prices(res, root);
  if (root_lambda.empty()) {
    offer(repair(std::move(plain), root));
    root_lambda.assign(p_.pool_limit.size(), 0);
  }
  return Status::NotSolved;
}

// SolveOptions::kept_root_prices: the root as a node priced from the root prices of the
// first run that priced its root; when that does not close it, once more from those prices
// with the pools its priced flows left out of balance priced again by a small LP near them
// (local_pool_prices: a pin moves the LP optimum's prices on those few pools only). Any
// prices >= 0 bound every plan of the root (Lagrangian), so when the node's bound meets the
// incumbent (a plan that keeps every rule: the pins alone, or one its priced flows or
// repairs found) that incumbent is optimal and the root's certificate is the node's. Else
// NotSolved, and the certificate is taken again by the usual root.
Status ComponentSolver::kept_prices_root(const SolveOptions& options, const Residual& res, Solution& out,
                                         std::int64_t& bound) {
  if (first_root_lambda_.size() != p_.pool_limit.size()) return Status::NotSolved;
  ++stats_->bb_nodes;
  capture_ = true;
  const int iterations = std::min(options.node_lagrangian_iterations, kKeptRootIterations);
  std::vector<std::uint8_t> unbalanced(p_.pool_limit.size(), 0);
  unbalanced_ = &unbalanced;
  NodeOutcome node = solve_node(Restriction{}, first_root_lambda_, iterations);
  unbalanced_ = nullptr;
  bool local = false;  // the local prices tried
  if (range_ok_ && !node.infeasible && have_incumbent_ && node.bound > incumbent_.value) {
    if (std::vector<std::int64_t> prices = local_pool_prices(res, unbalanced); !prices.empty()) {
      local = true;
      NodeOutcome again = solve_node(Restriction{}, std::move(prices), iterations);
      if (again.bound < node.bound) node = std::move(again);
    }
  }
  capture_ = false;
  if (!range_ok_) return Status::BadCostRange;
  if (node.infeasible || !have_incumbent_ || node.bound > incumbent_.value) {
    cert_.valid = false;
    return Status::NotSolved;
  }
  bound = incumbent_.value;
  ++stats_->kept_root_closes;
  stats_->local_price_closes += local;
  run_root_lambda_ = std::move(node.lambda);
  report_search(bound, stats_->bb_nodes, true);
  export_certificate(out);
  return Status::Optimal;
}

// The start from the kept tree (see the header): the incumbent (pins alone, or the best
// kept plan that keeps every rule now), the plain flow (optimal when it keeps every pool,
// as at the root), then the root's Lagrangian from the kept root prices (`iterations`
// steps, a node's: its repairs find the incumbent that closes the leaves, its bound and
// certificate bound every leaf and the next seat step) — and the kept leaves on the stack,
// the first closed on top. With no iterations (SolveOptions::tree_leaves_first) no root
// node, no certificate: the leaves alone, the one of the best bound last time on top. Returns NotSolved when the search must go on (`bound`: the
// root's).
Status ComponentSolver::tree_root(int iterations, Solution& out, std::vector<Entry>& stack, std::int64_t& bound) {
  const Restriction root;
  Residual res = pinned_root(root);
  if (!res.feasible) return Status::Infeasible;
  for (const Plan* plan : {&tree_.plan, &tree_.uncut_plan})
    if (!plan->arc.empty()) offer_if_kept(*plan, root);
  if (!flow(res, nullptr)) return Status::BadCostRange;
  const Plan plain = current_plan(res, root);
  if (!breaks_pools(plain)) return plain_optimum(plain, out, bound);

  if (progress_) progress_->enter(part_, Phase::Search);
  stats_->tree_leaves += static_cast<std::int64_t>(tree_.leaves.size());
  stack.reserve(tree_.leaves.size());
  if (iterations == 0) {  // SolveOptions::tree_leaves_first: no root node, the best leaf on top
    bound = kInf;
    run_root_lambda_ = tree_.root_lambda;
    std::vector<std::size_t> order(tree_.leaves.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return tree_.leaves[a].parent_bound < tree_.leaves[b].parent_bound;
    });
    for (const std::size_t i : order) stack.push_back({tree_.leaves[i].r, tree_.leaves[i].lambda, kInf});
    return Status::NotSolved;
  }
  ++stats_->bb_nodes;
  capture_ = true;  // the root's certificate (Solution::cert_*)
  NodeOutcome node = solve_node(root, tree_.root_lambda, iterations);
  capture_ = false;
  if (!range_ok_) return Status::BadCostRange;
  bound = node.bound;
  run_root_lambda_ = std::move(node.lambda);
  report_search(bound, stats_->bb_nodes, true);
  for (auto it = tree_.leaves.rbegin(); it != tree_.leaves.rend(); ++it) stack.push_back({it->r, it->lambda, bound});
  return Status::NotSolved;
}

// Depth first from the stack's nodes (the root, or a kept tree's leaves below a root
// already bounded by `root_bound`), each node priced warm from its parent's prices, pruned
// by its Lagrangian bound; branching on the node's branch arc (closed child first). Stops
// on the node, work or time limit. Nodes are pruned at the incumbent's value, or at the
// run's cutoff when higher. Each node closed goes to leaves_ (when kept), with those left
// on the stack when a limit stops the search. Returns the proven bound: the root's, or
// lower when the search ended — the best of the incumbent, the nodes left open and the
// cutoff (when it pruned a node).
std::int64_t ComponentSolver::branch_and_bound(const SolveOptions& options, std::vector<Entry> stack,
                                               std::int64_t root_bound, bool from_root, SolveStats& stats) {
  std::int64_t open_bound = std::numeric_limits<std::int64_t>::min();  // of nodes left unsolved
  if (progress_) progress_->enter(part_, Phase::Search);
  // The bound proven so far (for progress reports only): the root's, or the best of the
  // incumbent and the nodes still open.
  auto bound_now = [&] {
    std::int64_t open = std::max(incumbent_.value, open_bound);
    for (const auto& e : stack) open = std::max(open, e.parent_bound);
    return std::min(root_bound, open);
  };
  // A closed node into the kept tree, with the best bound known of it (what orders the
  // leaves for SolveOptions::tree_leaves_first) and its flow.
  auto leaf = [&](Restriction&& r, std::vector<std::int64_t>&& lambda, std::int64_t bound,
                  std::shared_ptr<Solution::LeafFlow> flow = nullptr) {
    if (!leaves_) return;
    leaves_->push_back({std::move(r), std::move(lambda), bound});
    leaf_flows_->push_back(std::move(flow));
  };
  for (bool first = true; !stack.empty(); first = false) {
    if (!first && progress_ && progress_->due()) report_search(bound_now(), stats.bb_nodes);
    if (!first && (out_of_time() || stats.bb_nodes >= options.max_nodes)) {
      for (auto& e : stack) {
        open_bound = std::max(open_bound, e.parent_bound);
        leaf(std::move(e.r), std::move(e.lambda), e.parent_bound);
      }
      break;
    }
    Entry entry = std::move(stack.back());
    stack.pop_back();
    if (entry.parent_bound <= prune_at()) {
      cut_ = cut_ || entry.parent_bound > incumbent_.value;
      leaf(std::move(entry.r), std::move(entry.lambda), entry.parent_bound);
      continue;
    }
    ++stats.bb_nodes;
    const bool root = first && from_root;
    const int iterations = root ? options.root_lagrangian_iterations : options.node_lagrangian_iterations;
    capture_ = root;  // the root's certificate (Solution::cert_*)
    NodeOutcome node = solve_node(entry.r, entry.lambda, iterations);
    capture_ = false;
    if (!range_ok_) return 0;
    const std::int64_t node_bound = std::min(node.bound, entry.parent_bound);
    if (root) {
      root_bound = node_bound;
      run_root_lambda_ = node.lambda;
      report_search(root_bound, stats.bb_nodes, true);  // the search's first bound, at once
    }
    if (node.infeasible) {
      leaf(std::move(entry.r), std::move(entry.lambda), std::numeric_limits<std::int64_t>::min());
      continue;
    }
    if (node.exact) {
      leaf(std::move(entry.r), std::move(node.lambda), node_bound, std::move(node.flow));
      continue;
    }
    if (node_bound <= prune_at()) {
      cut_ = cut_ || node_bound > incumbent_.value;
      leaf(std::move(entry.r), std::move(node.lambda), node_bound, std::move(node.flow));
      continue;
    }
    if (node.branch_arc == kNone) {  // stopped (time) before the node was resolved
      open_bound = std::max(open_bound, node_bound);
      leaf(std::move(entry.r), std::move(node.lambda), node_bound, std::move(node.flow));
      continue;
    }
    Entry pin{entry.r, node.lambda, node_bound};
    pin.r.pins.push_back(node.branch_arc);
    Entry close{std::move(entry.r), std::move(node.lambda), node_bound};
    close.r.closed.push_back(node.branch_arc);
    stack.push_back(std::move(pin));
    stack.push_back(std::move(close));  // explored first
  }
  // Nodes pruned by the cutoff alone may hold plans up to the cutoff.
  if (cut_) open_bound = std::max(open_bound, cutoff_);
  return std::min(root_bound, std::max(incumbent_.value, open_bound));
}

// The kept tree's leaves with their priced flows into the solution (Solution::tree_flows,
// local indices; gaps against the incumbent), when there are several and every one has its
// own flow (a leaf closed by its parent's bound, infeasible or left on the stack has none:
// then nothing, and the root's certificate bounds alone). The flows are moved out.
void ComponentSolver::export_leaf_flows(const std::vector<Entry>& leaves,
                                        std::vector<std::shared_ptr<Solution::LeafFlow>>& flows, Solution& out) const {
  if (leaves.size() < 2 || flows.size() != leaves.size()) return;
  for (const auto& f : flows)
    if (!f) return;
  Solution::TreeFlows tree;
  tree.leaves.reserve(leaves.size());
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    Solution::LeafFlow& f = tree.leaves.emplace_back(std::move(*flows[i]));
    f.pins = leaves[i].r.pins;
    f.closed = leaves[i].r.closed;
    f.gap -= incumbent_.value;
  }
  out.tree_flows.push_back(std::move(tree));
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
      out.score += score(e);
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
