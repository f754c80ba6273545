#pragma once
// src/detail/component_solver.hpp — the engine behind Matcher (internal; see engine/solve.hpp).
//
// ComponentSolver solves one connected component: the plain flow, pool prices from the
// LP (lp_rounding.cpp), the Lagrangian relaxation of a node (lagrangian.cpp), the repair
// of a priced plan into one that keeps every pool (repair.cpp) and depth-first branch
// and bound (branch_and_bound.cpp); component_solver.cpp holds the shared steps
// (residual capacities after pins, one flow, reading its plan). SolverState
// (solver_state.cpp) splits a problem into components (decomposition.hpp), solves them
// on threads and merges their solutions.
#include <chrono>
#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "detail/decomposition.hpp"
#include "detail/flow_core.hpp"
#include "detail/pool_lp.hpp"
#include "detail/solve_progress.hpp"
#include "detail/index.hpp"
#include "placematch/engine/solve.hpp"

namespace placematch::detail {

using Clock = std::chrono::steady_clock;

/// The time point `seconds` from now (clamped to [0, 1e7] seconds).
Clock::time_point deadline_after(double seconds);

/// Throws std::invalid_argument naming the first malformed part of `p` (sizes, indices out
/// of range, scores outside [0, max_score], negative seats or limits, pins out of range). O(arcs).
void validate(const MatchingProblem& p);

/// One connected component's state kept between runs: the flow cores and the problem's
/// derived arrays (the component's own MatchingProblem, local indices).
class ComponentSolver {
 public:
  explicit ComponentSolver(const MatchingProblem& p);

  // Incremental changes (see Matcher): they apply from the next run on.
  void set_seats(Index o, std::int32_t seats) { seats_[at(o)] = seats; }
  void forbid(ArcIndex arc, bool on) { forbidden_[at(arc)] = on ? 1 : 0; }
  void pin(ArcIndex arc, bool on);
  /// A new score for an arc (Matcher::set_score): kept beside the problem (the first change
  /// copies its scores, O(arcs)); the next run fills the flows' weights again (each core
  /// re-solves warm from what changed), the pool LP re-optimises its kept basis with the new
  /// objective, and a kept search tree is dropped (its bounds were for the old scores).
  void set_score(ArcIndex arc, std::int64_t score);
  /// The score in effect for an arc (the problem's, or as changed since).
  std::int64_t score(ArcIndex e) const { return score_[at(e)]; }
  /// Where the next run reports its progress (null: nowhere) and as which part.
  void watch(SolveProgress* progress, std::size_t part) {
    progress_ = progress;
    part_ = part;
  }
  /// A warm start for the next run's first flow (local indices; see Matcher::warm_start).
  void seed(std::vector<ArcIndex> arcs, std::vector<std::int64_t> opening_dual, std::vector<std::int64_t> group_dual) {
    seed_ = std::make_unique<Seed>(Seed{std::move(arcs), std::move(opening_dual), std::move(group_dual)});
  }

  /// Solves with the given BIG (the same for every component, so weights and duals share
  /// one scale) into `out` (local indices).
  void run(const SolveOptions& options, std::int64_t big, Clock::time_point deadline, Solution& out);

 private:
  struct Restriction {
    std::vector<ArcIndex> pins;    // arcs fixed to 1 (beyond the problem's pins)
    std::vector<ArcIndex> closed;  // arcs fixed to 0
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
    // The priced flow of the best bound, when the run keeps its tree (a node may close as
    // a leaf: Solution::LeafFlow; its gap here is the bound itself).
    std::shared_ptr<Solution::LeafFlow> flow;
  };
  /// What one priced flow says (lagrangian.cpp).
  struct PricedFlow {
    Plan plan;
    std::int64_t bound = 0;              // Lagrangian bound: flow value + sum lambda * room
    std::vector<std::int64_t> excess;    // per pool: pooled placements - limit
    bool violated = false;               // some pool overfull
  };
  /// The subgradient method's step control (lagrangian.cpp).
  struct StepControl {
    double theta = 1.0;
    int stale = 0;
    std::vector<double> direction;  // the deflected subgradient
  };

  // component_solver.cpp: the shared steps.
  void start_run(const SolveOptions& options, std::int64_t big, Clock::time_point deadline, Solution& out);
  Residual residual(const Restriction& r) const;
  bool flow(const Residual& res, const std::vector<std::int64_t>* lambda, bool for_repair = false);
  void fill_weights(const std::vector<std::int64_t>* lambda);
  Plan current_plan(const Residual& res, const Restriction& r) const;
  void place_pins(Plan& plan, const Restriction& r) const;
  std::vector<std::int32_t> pooled_counts(const Plan& plan) const;
  bool keeps_rules(const Plan& plan, const Restriction& r) const;
  void offer(const Plan& plan);
  /// `plan`'s arcs (its value counted from them) offered when they keep every rule of `r`.
  void offer_if_kept(Plan plan, const Restriction& r);

  /// A node waiting in the search: its restriction, the prices it starts from, and a
  /// bound on the value of its plans (its parent's).
  struct Entry {
    Restriction r;
    std::vector<std::int64_t> lambda;
    std::int64_t parent_bound;
  };
  static constexpr std::int64_t kInf = std::numeric_limits<std::int64_t>::max();

  // branch_and_bound.cpp: the search and its end.
  Status solve_root(const SolveOptions& options, Solution& out, std::vector<std::int64_t>& root_lambda,
                    std::int64_t& bound);
  Status tree_root(int iterations, Solution& out, std::vector<Entry>& stack, std::int64_t& bound);
  Residual pinned_root(const Restriction& root);
  Status plain_optimum(const Plan& plain, Solution& out, std::int64_t& bound);
  bool breaks_pools(const Plan& plan) const;
  std::int64_t branch_and_bound(const SolveOptions& options, std::vector<Entry> stack, std::int64_t root_bound,
                                bool from_root, SolveStats& stats);
  void finish(Status status, std::int64_t bound, Clock::time_point start, Solution& out) const;

  // lagrangian.cpp: one node.
  NodeOutcome solve_node(const Restriction& r, std::vector<std::int64_t> lambda, int iterations);
  PricedFlow priced_flow(const Residual& res, const Restriction& r, const std::vector<std::int64_t>& lambda) const;
  ArcIndex branch_arc(const Plan& plan, const Residual& res, const std::vector<std::int64_t>& excess) const;
  void subgradient_step(std::vector<std::int64_t>& lambda, std::vector<std::int64_t> excess, std::int64_t bound,
                        StepControl& step) const;

  // repair.cpp: a priced plan made to keep every pool.
  Plan repair(Plan plan, const Restriction& r);
  bool drop_overfull(Plan& plan, const std::vector<std::uint8_t>& is_fixed) const;
  void fix_and_close(const Plan& plan, bool close_all, std::vector<std::uint8_t>& is_fixed, Restriction& r) const;

  // lp_rounding.cpp: pool prices from the LP, and its plans.
  std::vector<std::int64_t> lp_prices(const Residual& res, const Restriction& r);
  PoolLpResult solve_lp(const Residual& res);
  void add_start_columns(const Residual& res, PoolLpInput& in) const;
  // The LP's unit: its c_e = weight / lp_scale() (see pool_lp.hpp).
  // Score objective: the largest score in effect (start_run), so that c_e <= 1 whatever the
  // problem's bound on the scores (a bound far above them, as the floors' prices need,
  // would leave the scores' differences below CLP's tolerance).
  double lp_scale() const { return big_ > 0 ? static_cast<double>(big_) : static_cast<double>(lp_unit_); }
  std::int64_t lp_unit_ = 1;             // the largest score in effect (at least 1)
  std::uint64_t lp_unit_version_ = 0;    // the score_version_ it was taken at
  void round_lp(const PoolLpResult& lp, const Residual& res, const Restriction& r);

  // The deterministic work limit first; the wall clock is a safety net.
  // Nodes whose bound is at most this are pruned: the incumbent's value, or the run's
  // cutoff (SolveOptions::cutoff) when higher.
  std::int64_t prune_at() const { return std::max(have_incumbent_ ? incumbent_.value : kNoCutoff, cutoff_); }
  bool out_of_time() const { return (work_limit_ > 0 && settled() >= work_limit_) || Clock::now() >= deadline_; }
  // The work done so far: nodes settled by both cores, plus the LP's simplex pivots at
  // kLpPivotWork nodes each (see benchmarks/README.md, "work limit").
  static constexpr std::int64_t kLpPivotWork = 250;
  std::int64_t settled() const {
    return core_.settled_nodes() + (repair_core_ ? repair_core_->settled_nodes() - repair_base_settled_ : 0) +
           priced_settled() +
           kLpPivotWork * lp_pivots_;
  }
  // The priced core's own work (its copy of core_'s counter left out), and that of the
  // priced cores dropped before it.
  std::int64_t priced_settled() const {
    return retired_priced_settled_ + (priced_core_ ? priced_core_->settled_nodes() - priced_base_settled_ : 0);
  }
  FlowCore& priced_core();  // made from core_ when first needed (component_solver.cpp)
  void drop_priced_core();  // the next priced flow starts again from core_'s flow
  Index arc_citizen(ArcIndex e) const { return core_.citizen_of(e); }  // O(1): the flow core's table
  Index pool_of(ArcIndex e) const { return arc_pool_.empty() ? kNone : arc_pool_[at(e)]; }
  std::int64_t weight(ArcIndex e) const { return big_ + score_[at(e)]; }

  const MatchingProblem& p_;
  const std::int64_t* score_;             // per arc: p_.arc_score, or own_score_ once changed
  std::vector<std::int64_t> own_score_;   // the scores as changed (empty: none changed)
  // The plan of the run before the first change of scores since (empty: none): a plan of
  // the problem whatever its scores, offered at the next run's root when pools bind (a plan
  // at nearby weights is near their optimum; the LP's rounding need not be).
  std::vector<ArcIndex> rescored_from_;
  std::uint64_t score_version_ = 0;       // counts the changes (PoolLpInput::score_version)
  struct Seed {
    std::vector<ArcIndex> arcs;
    std::vector<std::int64_t> opening_dual, group_dual;
  };
  std::unique_ptr<Seed> seed_;  // pending until the next run's first flow
  // The flows, each core warm from its own last flow: core_ the plain weights (the root's
  // relaxation without prices, and the LP's start), priced_core_ the weights priced by
  // pool prices (the Lagrangian nodes), repair_core_ the repairs. Apart, a re-solve after
  // a small change (a seat, a course) repairs only that change in each, where one shared
  // core re-rooted every citizen whose pooled arc changed weight at each switch between
  // plain and priced weights. The priced core starts as a copy of core_'s flow.
  FlowCore core_;
  std::unique_ptr<FlowCore> priced_core_;
  std::int64_t priced_base_settled_ = 0, retired_priced_settled_ = 0;
  std::unique_ptr<FlowCore> repair_core_;  // the repairs (made when first needed; in a warm run from core_)
  std::int64_t repair_base_settled_ = 0;   // its copy of core_'s counter, left out of settled()
  FlowCore* last_core_ = &core_;
  std::int64_t lp_pivots_ = 0;
  PoolLp lp_;  // the root's LP, kept warm from one run to the next (when warm_)
  std::vector<Index> arc_pool_;          // per arc: its pool when pooled, else kNone (empty: no pools)
  std::vector<ArcIndex> pins_;           // the pinned arcs, sorted, unique
  std::vector<std::int32_t> seats_;      // per opening (the problem's, or as changed since)
  std::vector<std::uint8_t> forbidden_;  // per arc: closed by a change since
  // The root's certificate (Solution::cert_*), captured while its node is solved.
  struct Certificate {
    bool valid = false;
    std::vector<std::int64_t> u, v, z, lambda;
    std::int64_t bound = 0;
  } cert_;
  bool capture_ = false;
  void export_certificate(Solution& out);
  // The search tree kept by the last run with SolveOptions::keep_tree (see
  // branch_and_bound.cpp, "Searching from a kept tree"): its leaves in the order the search
  // closed them, the root's best prices, the run's plan and the plan of the last such run
  // without a cutoff (incumbents where they still keep the rules: a seat try's plan seldom
  // keeps them for the next try, the state's plan does).
  struct Tree {
    bool valid = false;
    std::vector<Entry> leaves;
    std::vector<std::int64_t> root_lambda;
    Plan plan, uncut_plan;
    // The work (settled()) of the last run from the root and of the last run from a kept
    // tree: a run with from_tree starts where the last run did less (a small instance's
    // root LP often closes the search at once, where the tree's root Lagrangian and its
    // leaves cost more). And of the last run from the leaves at once (tree_leaves_first).
    std::int64_t root_work = 0, tree_work = 0, leaves_work = 0;
  } tree_;
  std::vector<Entry>* leaves_ = nullptr;   // where this run's leaves go (keep_tree), else null
  // Beside leaves_, each leaf's priced flow (null: closed without one of its own).
  std::vector<std::shared_ptr<Solution::LeafFlow>>* leaf_flows_ = nullptr;
  void export_leaf_flows(const std::vector<Entry>& leaves, std::vector<std::shared_ptr<Solution::LeafFlow>>& flows,
                         Solution& out) const;
  std::vector<std::int64_t> run_root_lambda_;  // this run's root prices (the best bound's)
  // The root prices of the first run that priced its root (SolveOptions::kept_root_prices).
  std::vector<std::int64_t> first_root_lambda_;
  Status kept_prices_root(const SolveOptions& options, const Residual& res, Solution& out, std::int64_t& bound);
  // local_prices.cpp: the root's certificate (cert_) with the prices of the pools marked in
  // `unbalanced` re-optimised by an LP over those pools, their openings and the citizens
  // with a pooled arc into them, every other dual kept (see the file). Empty when there is
  // no certificate or the LP did not solve.
  std::vector<std::int64_t> local_pool_prices(const Residual& res, const std::vector<std::uint8_t>& unbalanced);
  std::vector<std::int64_t> opening_arcs_begin_;  // per opening + 1: its arcs (CSR, made once)
  std::vector<ArcIndex> opening_arcs_;
  // Per citizen: its row in the local LP, or -1 (kept between calls, -1 again after each:
  // a region's worth of fresh pages per call otherwise).
  std::vector<int> local_citizen_row_;
  // While set, solve_node marks here the pools whose priced flows broke complementary
  // slackness (over their room, or priced with room left).
  std::vector<std::uint8_t>* unbalanced_ = nullptr;
  FlowInput flow_input_;
  std::vector<std::int64_t> weight_price_;  // per pool: the price flow_input_.weight holds
  // The weights of the other kind (plain: every price 0; priced: a Lagrangian's prices),
  // swapped with flow_input_.weight when the kind of flow changes (fill_weights): a
  // Lagrangian step alternates priced flows with plain repairs, and rewriting every priced
  // arc at each switch took 1.2 ms of the 3 ms a flow of a warm re-solve near a pin took at
  // regional scale (benchmarks/README.md, "Warm re-solves near a pin"). Each buffer has its
  // prices and the big_ it was filled with.
  std::vector<std::int64_t> spare_weight_, spare_price_;
  std::int64_t spare_big_ = -1;
  bool weights_priced_ = false;  // flow_input_.weight is the priced buffer
  std::vector<std::int64_t> pool_arcs_begin_;  // per pool + 1: its pooled arcs (CSR, made once)
  std::vector<ArcIndex> pool_arcs_;
  // Per flow core: the pool prices of the weights it last solved with (valid: it holds
  // them), so a re-solve names the arcs whose weights changed (FlowInput::changed_weights).
  // And the big_ and score_version_ of those weights: a core holds the weights of this run
  // only when they match (a change of either refills the buffers, whose arcs all moved).
  struct CoreWeights {
    bool valid = false;
    std::vector<std::int64_t> price;
    std::int64_t big = -1;
    std::uint64_t score_version = 0;
  };
  CoreWeights plain_weights_, priced_weights_, repair_weights_;
  std::vector<ArcIndex> changed_arcs_;
  std::int64_t weights_big_ = -1;   // the big_ flow_input_.weight was filled with (-1: none)
  std::int64_t big_ = 0;
  std::int64_t big_m_ = 0;          // M of the flow costs: the largest weight, fixed for a run
  std::int64_t max_score_ = 0;
  bool warm_ = true;                // re-solve warm from the previous flow
  std::int32_t arcs_per_citizen_ = 4;
  std::int32_t arcs_per_seat_ = 6;
  bool lp_dual_start_ = false;  // SolveOptions::lp_dual_start of this run
  bool range_ok_ = true;
  Plan incumbent_;
  bool have_incumbent_ = false;
  static constexpr std::int64_t kNoCutoff = std::numeric_limits<std::int64_t>::min();
  std::int64_t cutoff_ = kNoCutoff;  // this run's SolveOptions::cutoff
  bool cut_ = false;                 // some node was pruned by the cutoff alone
  Clock::time_point deadline_;
  std::int64_t work_limit_ = 0;  // settled nodes, over both cores and every run
  SolveStats* stats_ = nullptr;
  SolveProgress* progress_ = nullptr;  // set by watch(): reports during the run
  std::int64_t run_lp_pivots_ = 0;     // lp_pivots_ when the run started
  std::size_t part_ = 0;
  /// The search's figures to progress_ when a report is due (root: the node's bound so far).
  void report_search(std::int64_t bound, std::int64_t nodes, bool force = false) const {
    if (progress_ && (force || progress_->due()))
      progress_->search(part_, have_incumbent_ ? incumbent_.value : 0, bound, p_.max_score, nodes, force);
  }

  // White-box tests of the steps above (tests/engine_steps_test.cpp).
  friend struct ComponentSolverProbe;
};

/// The state kept between runs: the problem split into its connected components, each
/// with its own ComponentSolver. No rule crosses a component, so the plan is the union
/// of the components' plans, the bound the sum of their bounds, and pool prices and
/// branching stay local to a component.
class SolverState {
 public:
  explicit SolverState(const MatchingProblem& p);

  void set_seats(Index o, std::int32_t seats);
  void forbid(ArcIndex arc, bool on);
  void pin(ArcIndex arc, bool on);
  void set_score(ArcIndex arc, std::int64_t score);
  /// Hands each component its part of a warm start (global indices, checked by Matcher).
  void seed(const WarmStart& start);

  /// Solves every component (on options.threads threads) and merges their solutions.
  void run(const SolveOptions& options, Solution& out);

 private:
  void solve_components(const SolveOptions& options, std::int64_t big, Clock::time_point deadline,
                        SolveProgress* progress);
  void merge(std::int64_t big, Solution& out) const;

  const MatchingProblem& p_;
  Decomposition d_;
  std::vector<std::unique_ptr<ComponentSolver>> solvers_;  // per component
  std::vector<Solution> solutions_;                        // per component, local indices
};

}  // namespace placematch::detail
