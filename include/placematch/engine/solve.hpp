#pragma once
// placematch/engine/solve.hpp — the optimal plan on a candidate graph (contract sections 3, 4).
//
// The problem: citizens with arcs to openings (CSR by citizen), each arc an integer score
// in [0, 1e6] and a `pooled` flag; at most one placement per citizen, `seats` per
// opening, `limit` per reasonableness cap group, `pool_limit` pooled placements per
// mentor pool; pinned arcs must be in the plan. Objectives: Placements (most placements,
// then best total score; exact on the weight BIG + score) and Score.
// Algorithm: min-cost flow by sparse shortest augmenting paths with potentials on a
// priced core of the arcs (certified by LP duals on the whole graph); connected
// components solved separately (optionally on threads); mentor pools by Lagrangian
// relaxation with LP prices (COIN-OR CLP), repair and depth-first branch and bound.
// All arithmetic int64; Status Optimal only when the plan's value equals the proven bound.
// Complexity: O(n (E' + V' log V')) per flow (E', V': core arcs and nodes one search
// visits) plus O(arcs) per pricing round; the pool search is bounded by the work limit.
// A changed input (seats, pins, closed arcs) is re-solved warm. Full design note:
// docs/engine.md. References: Jonker & Volgenant (1987), "A shortest augmenting path
// algorithm for dense and sparse linear assignment problems"; Fisher (1981), "The
// Lagrangian relaxation method for solving integer programming problems".
//
// Usage:
//   placematch::Matcher m(placematch::make_problem(instance, graph));  // owns the problem
//   m.objective(placematch::Objective::Placements).time_limit(10);
//   if (m.run() == placematch::Status::Optimal) use(m.solution().citizen_arc);
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "placematch/candidates/candidates.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/model/objective.hpp"
#include "placematch/model/progress.hpp"

namespace placematch {

/// The capacitated assignment with side constraints. Arcs are CSR by citizen.
struct MatchingProblem {
  Index num_citizens = 0;
  Index num_openings = 0;
  std::vector<ArcIndex> arc_begin{0};      // size num_citizens + 1
  std::vector<Index> arc_opening;          // per arc
  std::vector<std::int64_t> arc_score;     // per arc, >= 0 (millionths of the score)
  std::vector<std::uint8_t> arc_pooled;    // per arc: the placement takes one unit of the
                                           // opening's mentor pool
  std::vector<std::int32_t> seats;         // per opening, >= 1
  std::vector<Index> opening_cap_group;    // per opening: its reasonableness group or kNone
  std::vector<std::int32_t> cap_group_limit;  // per group: at most this many (>= 0)
  std::vector<Index> opening_pool;         // per opening: its company's mentor pool, or kNone
  std::vector<std::int32_t> pool_limit;    // per pool: at most this many pooled placements
  std::vector<ArcIndex> pinned_arcs;       // arcs that must be in the plan (a repeat is one pin)
  /// Arc scores lie in [0, max_score] (default: millionths of a score in [0, 1]). A larger
  /// range lets callers fold further tiers into the score (the planner's re-planning
  /// weights, placematch/planner/planner.hpp); Placements then uses BIG = max_score *
  /// (citizens + 1), and a range beyond exact int64 arithmetic is Status::BadCostRange.
  /// Must be in [1, 2^52].
  std::int64_t max_score = 1'000'000;
};

/// Fills a MatchingProblem from a validated instance and its candidate graph: seats;
/// cap groups = companies with `employees` given, over their internship and wage-subsidy
/// openings, limit max(0, reasonableness_cap); pools = companies, limit mentor_pool(k),
/// pooled arcs = pairs that need a mentor; pinned arcs = the instance's pins (a pin whose
/// pair is not in the graph throws std::invalid_argument: pins are validated before).
/// Cap group and pool indices are company indices. O(size of instance + arcs).
MatchingProblem make_problem(const Instance& instance, const CandidateGraph& graph);

struct SolveOptions {
  Objective objective = Objective::Placements;
  /// Wall-clock limit for closing the mentor-pool gap (the first plan is always made); a
  /// safety net behind the work limit (why 300 s: benchmarks/README.md, "Tuning history").
  double time_limit_seconds = 300.0;
  /// Subgradient iterations of the Lagrangian relaxation at the root / at other nodes
  /// (nodes start from their parent's prices, near the LP's).
  int root_lagrangian_iterations = 60;
  int node_lagrangian_iterations = 15;
  /// Branch-and-bound node limit per component (with the time limit, what can stop the
  /// search early). Node and iteration limits are deterministic; a stop by the wall-clock
  /// limit may fall at a different point on another machine or under other load.
  std::int64_t max_nodes = 1'000'000;
  /// Re-solve each priced or restricted flow warm from the previous one (same optimum,
  /// faster); off: every flow from scratch.
  bool warm_start = true;
  /// Threads that solve independent components (1: the caller's thread only; 0: one per
  /// core). The plan, bound and status do not depend on it, except when the wall-clock
  /// limit stops a search.
  int threads = 0;
  /// Deterministic work limit for closing the mentor-pool gap, in nodes settled by the
  /// shortest-path searches of one component, plus 250 for each simplex pivot of the pool
  /// LP (0: none). Unlike the wall-clock limit, a stop by this limit falls at the same
  /// point on every machine, so the plan is the same for the same input and options.
  std::int64_t work_limit = 50'000'000;
  /// Pricing in the flow core: each flow starts on a sparse core of at most this many
  /// arcs per citizen (its best by weight); the other arcs join when their reduced cost
  /// turns negative, so the optimum and its certificate are those of the whole graph.
  /// 0: every arc from the start. A setting of speed only.
  std::int32_t arcs_per_citizen = 4;
  /// With it, each opening's best arcs, this many per seat (0: none). Speed only, too.
  std::int32_t arcs_per_seat = 6;
  /// Start the pool prices from the LP relaxation (column generation on CLP, see
  /// detail/pool_lp.hpp) instead of zero; its optimum, when integral, is also a plan.
  /// Off: the Lagrangian subgradient alone. Bounds stay exact either way.
  bool lp_prices = true;
  /// Start that LP from the plain flow's optimal basis: the flow's duals (u, v, z) make
  /// its arcs and the rows with a positive dual a basis that is dual feasible for the LP
  /// without the pool rows, which the dual simplex then re-optimises for the pools it
  /// breaks (off: a slack basis with the flow's plan at one, by the primal simplex). A
  /// setting of speed only: the LP's optimum is the same, and every bound stays exact; on
  /// a problem where several LP optima exist the prices, and so the search, may differ.
  /// On for the floors' reductions (placematch/planner/floors.hpp), where it takes the
  /// pool LP from two thirds of the time to a third (benchmarks/README.md, "Floors").
  bool lp_dual_start = false;
  /// Called with the run's progress (placematch/model/progress.hpp): at each change of
  /// phase (flow, pool prices, search) and at most about every 100 ms during the search,
  /// with the incumbent, the proven bound and the gap; calls are serialized, possibly from
  /// the worker threads. It never changes the result. Empty (the default): no reports and
  /// no clock reads for them.
  ProgressCallback progress;
  /// Seconds between two reports within a phase (0: at every node and iteration; tests).
  double progress_interval = 0.1;
  /// Only plans whose weight (big * placed + score on Solution::big's scale, pins
  /// included) exceeds this value are of interest: the search prunes every node whose
  /// bound is at most `cutoff`. When a plan above it exists the run is exact as without
  /// it; when none does, it ends sooner with a plan at most `cutoff` and a proven bound
  /// that may be `cutoff` itself (status Feasible unless the plan meets it). For callers
  /// that compare alternatives (the what-if's seat steps). Applied when the problem is
  /// one connected component (the bound of several is their sum); ignored otherwise.
  std::optional<std::int64_t> cutoff;
  /// Keep this run's search tree — the leaves of its branch and bound, each with its
  /// restriction (arcs pinned and closed) and the pool prices of its best bound — for later
  /// runs with `from_tree` (replacing the tree kept before). Never changes this run.
  bool keep_tree = false;
  /// Search from the leaves of the kept tree instead of from the root (the what-if's seat
  /// tries): the leaves partition every plan whatever changed since (seats, arcs forbidden
  /// or pinned), so the optimum is the best over the leaves; each is bounded again from its
  /// kept prices, pruned, or searched on as usual; the root's pool LP is skipped and its
  /// Lagrangian starts from the kept root prices (node_lagrangian_iterations steps). Exact
  /// as from the root (same value and status when optimal); the plan may be another
  /// optimal one. Ignored without a kept tree of several leaves, on a seeded run, and when
  /// the last run from the kept tree did more work (settled nodes and LP pivots, a
  /// deterministic measure) than the last run from the root.
  bool from_tree = false;
  /// When the plain flow breaks a pool, first try the root with the prices of the first run
  /// of this Matcher that priced its root (for the Planner's questions: P's problem solved
  /// without a pin, Planner::prepare_questions): one node's Lagrangian from them (at most
  /// three steps, with its repairs). When that node closes the root (a plan that keeps every
  /// pool meets its bound) the run ends there without the pool LP; else once more with the
  /// prices of the pools its priced flows left out of balance taken from a small LP near
  /// them, every other dual kept; else the usual start (the LP, then the search from the
  /// root). The prices tried are the same whatever was asked in between. For callers that
  /// re-solve one problem many times with a pin each (the Planner's questions, whose pins
  /// move the LP optimum little). Exact either way, the same value and status; the plan may
  /// be another optimal one. Ignored on a first run and with from_tree.
  bool kept_root_prices = false;
  /// With from_tree: no Lagrangian at the tree's root — the kept leaves at once, the one
  /// whose bound was best in the run that kept them first (its plan, with the change, is
  /// often the new optimum that closes the others at one priced flow each). For a caller
  /// that bounds the change from the leaves itself (the what-if's seat tries): the run has
  /// no root certificate (Solution::cert_* empty). Exact either way, the same value and status.
  bool tree_leaves_first = false;
};

struct SolveStats {
  double seconds = 0;
  std::int64_t dijkstra_runs = 0;
  std::int64_t settled_nodes = 0;  ///< nodes settled by the searches (the work measure)
  std::int64_t flow_solves = 0;
  std::int64_t flow_restarts = 0;  ///< warm re-solves that found broken potentials and restarted cold
  std::int64_t bb_nodes = 0;
  std::int64_t lagrangian_iterations = 0;
  std::int64_t lp_rounds = 0;  ///< pricing rounds of the pool LP (column generation)
  std::int64_t kept_root_closes = 0;  ///< roots closed by the first run's prices (SolveOptions::kept_root_prices)
  std::int64_t local_price_closes = 0;  ///< of them, those closed once the pools out of balance were priced
                                        ///< again by a small LP near them
  std::int64_t tree_leaves = 0;  ///< leaves of a kept tree the search started from (SolveOptions::from_tree)
};

/// The result of a solve. Values are exact integers: scores in millionths.
struct Solution {
  Status status = Status::NotSolved;
  Objective objective = Objective::Placements;
  std::vector<ArcIndex> citizen_arc;  ///< per citizen: the chosen arc, or kNone
  Index placed = 0;
  std::int64_t score = 0;  ///< total score, millionths
  /// Proven bound (contract section 6). Placements: the most placements possible and the
  /// best score any plan with that many could have. Score: score_bound only (placed_bound
  /// empty). Equal to the plan's value when Optimal.
  std::optional<Index> placed_bound;
  std::int64_t score_bound = 0;
  /// The per-arc weight is big + score (big = 0 for Objective::Score).
  std::int64_t big = 0;
  /// LP duals of the flow problem (filled when the plan came from one flow solve, i.e. no
  /// mentor pool was binding; else empty). On the weight scale, for the problem with the
  /// pins' citizens removed and their seats/limits taken: u_c, v_o, z_g >= 0 with
  /// u_c + v_o + z_{group(o)} >= weight(c, o) for every arc, and
  /// sum u + sum seats * v + sum limit * z == the plan's weight (a certificate).
  std::vector<std::int64_t> citizen_dual, opening_dual, cap_group_dual;
  /// A Lagrangian certificate of an upper bound, for what-if questions (filled when every
  /// component solved a flow; else empty). On the weight scale, for the problem with the
  /// pins' citizens removed and their seats/limits taken: prices price_o >= 0 (per opening,
  /// its mentor pool's price; 0 without a pool) and u_c, v_o, z_g >= 0 with
  /// u_c + v_o + z_{group(o)} >= weight(c, o) - (arc pooled ? price_o : 0) for every open
  /// arc, whose Lagrangian bound exceeds the plan's weight by cert_gap >= 0 (0 when no pool
  /// binds: then these are the duals above). A change that keeps the inequalities after
  /// raising some u or v by d raises the optimum by at most cert_gap + d: one more seat at
  /// o by at most cert_gap + v_o; new arcs of a citizen c by at most cert_gap +
  /// max(0, max over them of weight - price - v - z) - u_c.
  std::vector<std::int64_t> cert_citizen_dual, cert_opening_dual, cert_cap_group_dual, cert_opening_price;
  std::int64_t cert_gap = 0;
  /// One leaf of a kept search tree with the priced flow that bounded it: the leaf's
  /// restriction (arcs pinned and closed beyond the problem's), the flow's plan and duals
  /// on the leaf's problem (its pins' citizens removed, their seats, limits and pool room
  /// taken; duals as cert_* above, prices = the leaf's pool prices) and its Lagrangian
  /// bound minus the plan's weight in the component (`gap`, may be negative). Global arc
  /// indices; the per-citizen, per-opening and per-group vectors follow the component's
  /// lists (TreeFlows).
  struct LeafFlow {
    std::vector<ArcIndex> pins, closed;
    std::vector<ArcIndex> arc;  ///< per citizen of the component: the flow's arc, or kNone
    std::vector<std::int64_t> u, v, z, price;
    std::int64_t gap = 0;
  };
  /// A component's kept tree (SolveOptions::keep_tree) whose every leaf has its flow: the
  /// component's citizens, openings and groups (global indices, ascending) and the leaves.
  struct TreeFlows {
    std::vector<Index> citizens, openings, groups;
    std::vector<LeafFlow> leaves;
  };
  /// Per component whose kept search tree has several leaves, each with its flow (what-if
  /// seat bounds, detail/seat_gains.hpp: the leaves partition the plans whatever the
  /// seats). Empty without keep_tree.
  std::vector<TreeFlows> tree_flows;
  SolveStats stats;
};

/// A warm start from elsewhere: a plan and the seat prices it was certified with, e.g. an
/// earlier Solution of a similar problem mapped onto this one (placematch/planner/
/// snapshot.hpp does it by ids). A hint only: the next run() repairs it like any other
/// change (flow kept where it stays feasible, prices where they stay valid) and solves
/// cold when it is broken, so the value and status are those of a cold run; the plan is an
/// optimal one, the same every time for the same problem and warm start. Empty vectors:
/// no flow / zero prices.
struct WarmStart {
  std::vector<ArcIndex> citizen_arc;          ///< per citizen: one of its arcs, or kNone
  std::vector<std::int64_t> opening_dual;     ///< per opening: v_o >= 0 (Solution::opening_dual)
  std::vector<std::int64_t> cap_group_dual;   ///< per cap group: z_g >= 0 (Solution::cap_group_dual)
};

namespace detail {
class SolverState;
}

/// The matching engine as an algorithm object (LEMON style), with its state after run().
///
/// It never dangles and its problem cannot change behind its back: it owns its problem
/// (moved in, or copied from an lvalue: O(arcs)), or shares one that several Matchers read
/// (shared_ptr<const>). A shared problem is fingerprinted at construction (a hash per
/// array, O(arcs)) and checked again by every run(): a problem changed through another
/// handle throws std::logic_error naming the changed array, instead of solving garbage.
class Matcher {
 public:
  /// Validates the problem's shape (throws std::invalid_argument when malformed:
  /// sizes, indices out of range, scores outside [0, 1e6], negative limits; the message
  /// names the element). O(arcs). The problem is moved into the Matcher.
  explicit Matcher(MatchingProblem&& problem);
  /// Copies the problem (O(arcs)); the caller's object may change or die afterwards.
  explicit Matcher(const MatchingProblem& problem);
  /// Shares the problem (no copy); each run() checks that it is unchanged (O(arcs)).
  explicit Matcher(std::shared_ptr<const MatchingProblem> problem);
  ~Matcher();
  Matcher(Matcher&&) noexcept;
  Matcher& operator=(Matcher&&) noexcept;

  /// The problem being solved (owned or shared; never modified by the Matcher).
  const MatchingProblem& problem() const { return *problem_; }

  Matcher& objective(Objective objective);
  Matcher& time_limit(double seconds);
  Matcher& options(const SolveOptions& options);
  const SolveOptions& options() const { return options_; }

  /// Incremental re-planning: changes applied from the next run(), which re-solves warm
  /// from the kept flow and potentials (only the rows the change reaches are augmented
  /// again). The problem itself is not modified. Each O(1) (pin: O(pins)); throw
  /// std::invalid_argument naming the index on an index out of range or negative seats.
  Matcher& set_seats(Index opening, std::int32_t seats);
  /// Forbids (or allows again) an arc.
  Matcher& forbid(ArcIndex arc, bool forbidden = true);
  /// Changes an arc's score (within [0, problem().max_score]). The problem is not modified:
  /// the Matcher keeps its scores beside it (the first change copies them, O(arcs); then
  /// O(log citizens) each), and Solution::score counts the scores in effect. The next run()
  /// re-solves warm: each flow keeps its potentials (a citizen whose arcs all moved by the
  /// same amount keeps its place at no search), the pool LP its basis and columns, re-
  /// optimised by the primal simplex for the new objective; a kept search tree (keep_tree)
  /// is dropped. For callers that solve one problem under many weightings (the floors'
  /// prices, placematch/planner/floors.hpp). The first change of a score above the others
  /// raises the flows' cost constant to max_score once (one flow from scratch).
  Matcher& set_score(ArcIndex arc, std::int64_t score);
  /// Pins (or unpins) an arc; pins that cannot all hold make run() return Infeasible.
  Matcher& pin(ArcIndex arc, bool pinned = true);
  /// Starts the next run() (only that one) from a plan and prices from elsewhere (see
  /// WarmStart), instead of the state it has. O(arcs). Throws std::invalid_argument naming
  /// the element on a size mismatch, an arc that is not its citizen's, or a negative price.
  Matcher& warm_start(const WarmStart& start);

  /// Solves; returns the status (also in solution().status). A second run() starts from
  /// the state the first one left. Throws std::logic_error when a shared problem changed.
  Status run();
  /// The result of the last run(). O(1).
  const Solution& solution() const { return solution_; }

 private:
  friend Solution solve(const MatchingProblem& problem, const SolveOptions& options);
  struct Unchecked {};
  Matcher(std::shared_ptr<const MatchingProblem> problem, Unchecked);  // for solve(): no fingerprint
  void init();
  std::shared_ptr<const MatchingProblem> problem_;
  std::vector<std::size_t> fingerprint_;  // shared problems only: a hash per array
  SolveOptions options_;
  Solution solution_;
  std::unique_ptr<detail::SolverState> state_;
};

/// One-shot convenience: Matcher(problem).options(options).run(), and its solution.
Solution solve(const MatchingProblem& problem, const SolveOptions& options = {});

}  // namespace placematch
