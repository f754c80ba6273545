#pragma once
// placematch/engine/solve.hpp — the optimal plan on a candidate graph (contract sections 3, 4).
//
// The problem. Citizens (rows) with arcs to openings (CSR by citizen); each arc has an
// integer score in [0, 1'000'000] and a flag `pooled`. Each citizen holds at most one
// placement, each opening at most `seats`; a reasonableness cap group (a company) holds at
// most `limit` placements over its capped openings; a mentor pool (a company) holds at most
// `pool_limit` POOLED placements over all its openings; pinned arcs must be in the plan.
// Objectives: Placements (most placements, then the highest total score; exact, on the
// lexicographic weight BIG + score per arc with BIG = 1e6 * (citizens + 1), more than any
// plan's total score) and Score (highest total score).
//
// The algorithm. Without mentor pools the problem is a min-cost flow
//   source -> citizen (cap 1) -> opening (cap seats) -> [cap group (cap limit)] -> sink,
// plus a private "unplaced" arc citizen -> sink of weight 0. It is solved row by row by
// sparse shortest augmenting paths with potentials (Jonker–Volgenant style): openings are
// capacitated nodes (never expanded into seat copies), each Dijkstra (4-ary heap, int64
// reduced costs) stops at the sink, never queues a node no closer than the sink, and only
// the settled nodes' potentials are updated. The searches run on a sparse core of the
// arcs (each citizen's best 4 by weight, each opening's best 6 per seat, packed per
// citizen); every other arc is then priced against the potentials, the arcs that price
// out join the core and the flow is repaired warm, until none does. A final pass checks
// the optimality conditions on every open arc, so the duals certify the whole graph.
// Cost O(n * (E' + V' log V')) where E', V' are the core arcs and nodes one search visits,
// plus O(arcs) per pricing round (usually two or three).
// The flow and potentials are kept: a changed input (prices, pinned or
// closed arcs, seats, limits) is re-solved warm — citizens whose arcs turned against them
// are augmented again, and a freed seat is filled by one backward Dijkstra from the seat
// (the best chain of moves ending at the sink) when its group has room, so a one-seat or
// one-arc change costs a few searches and O(arcs) checks instead of n searches. A warm
// re-solve whose result fails the optimality check is redone from scratch (counted in
// SolveStats::flow_restarts), so a warm answer is never a wrong one.
// The problem is first split into its connected components (citizens, openings, cap
// groups and pools joined by arcs and memberships; union-find, O(arcs)); each is solved on
// its own (optionally on several threads, merged in component order), the plan is their
// union and the bound the sum of their bounds (a plan reaching the summed placement bound
// reaches every component's, so the summed score bound holds too).
// Mentor pools are priced by Lagrangian relaxation (a price per pool subtracted from the
// pooled arcs' weights; each priced flow gives the bound flow(lambda) + sum lambda * limit).
// The root's prices come from the LP relaxation with pools (column generation on COIN-OR
// CLP from each citizen's two arcs of least reduced cost, every other arc priced against
// the LP duals until none prices out; detail/pool_lp.hpp): the Lagrangian dual equals
// that LP, so its pool duals give the LP bound at once, exactly recomputed by the flow.
// The LP's whole placements, completed by one flow (pools they fill closed) and repaired,
// give the first incumbent — on generated instances it already has the most placements.
// From there: projected, deflected subgradient steps (half the previous direction added),
// Polyak step towards the incumbent, integer prices; the
// priced plan is repaired into one that keeps every pool (the lowest-weight pooled
// placements of an overfull pool are dropped, the kept ones fixed, the full pools' pooled
// arcs closed, the rest re-solved), and the gap is closed by depth-first branch and bound
// on the highest-weight pooled arc of the most violated pool (x = 0 first, then x = 1), each node priced
// warm from its parent's prices and pruned with its Lagrangian bound, within the time
// and node limits. Status Optimal only when the plan's value equals the proven bound.
//
// Exactness: all arithmetic is int64. Placements uses weight BIG + score, BIG = 1e6 *
// (citizens + 1) > any plan's total score, so one flow is exact for "most placements,
// then best score" (BIG does not depend on seats, so seat changes keep a warm state).
// Costs are M - weight in [0, C]; potentials stay within (nodes + 1) * C; the run returns
// Status::BadCostRange when (nodes + 1) * C would exceed 2^61: with 200,000 citizens
// (C about 2e11) that is about 1e7 nodes, fewer when pool prices grow large — far beyond
// national size (about 260,000 nodes).
// Bounds on the lexicographic scale U split into placed = U / BIG and score = U mod BIG
// (capped at 1e6 * placed): no plan beats (placed, score) lexicographically.
//
// Usage:
//   placematch::Matcher m(problem);               // does not own `problem`
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
  /// Wall-clock limit for closing the mentor-pool gap (the first plan is always made).
  /// Generous by default: the slowest proofs seen on generated regional instances
  /// (40,000 x 12,000) took 45 s (default seed 4) and, before the branching rule of
  /// commit 66af210, 92 s (mentor-heavy seed 3); national runs end on the work limit
  /// well before it.
  double time_limit_seconds = 300.0;
  /// Subgradient iterations of the Lagrangian relaxation at the root / at other nodes.
  /// (Nodes start from their parent's prices, near the LP's: on six generated regional
  /// instances 15 took the slowest proof from 33 s to 21 s against 30; 10 and 20 were each
  /// worse on one of them.)
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
  /// LP (0: none). Unlike the wall-clock limit, a
  /// stop by this limit falls at the same point on every machine, so the plan is the same
  /// for the same input and options. The default, 5e7, is 15 to 40 s of work on the
  /// 2-core build machine (1.3e6 to 3e6 settled nodes a second, pricing passes included);
  /// it keeps a national plan (200,000 x 60,000) within a minute end to end. The
  /// wall-clock limit stays as a safety net.
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
  SolveStats stats;
};

namespace detail {
class SolverState;
}

/// The matching engine as an algorithm object (LEMON style). It keeps the problem by
/// reference (it must outlive the Matcher) and its state after run().
class Matcher {
 public:
  /// Validates the problem's shape (throws std::invalid_argument when malformed:
  /// sizes, indices out of range, scores outside [0, 1e6], negative limits). O(arcs).
  explicit Matcher(const MatchingProblem& problem);
  ~Matcher();
  Matcher(Matcher&&) noexcept;
  Matcher& operator=(Matcher&&) noexcept;

  Matcher& objective(Objective objective);
  Matcher& time_limit(double seconds);
  Matcher& options(const SolveOptions& options);
  const SolveOptions& options() const { return options_; }

  /// Incremental re-planning: changes applied from the next run(), which re-solves warm
  /// from the kept flow and potentials (only the rows the change reaches are augmented
  /// again). The problem itself is not modified. Each O(1) (pin: O(pins)); throw
  /// std::invalid_argument on an index out of range or negative seats.
  Matcher& set_seats(Index opening, std::int32_t seats);
  /// Forbids (or allows again) an arc.
  Matcher& forbid(ArcIndex arc, bool forbidden = true);
  /// Pins (or unpins) an arc; pins that cannot all hold make run() return Infeasible.
  Matcher& pin(ArcIndex arc, bool pinned = true);

  /// Solves; returns the status (also in solution().status). A second run() starts from
  /// the state the first one left.
  Status run();
  /// The result of the last run(). O(1).
  const Solution& solution() const { return solution_; }

 private:
  const MatchingProblem* problem_;
  SolveOptions options_;
  Solution solution_;
  std::unique_ptr<detail::SolverState> state_;
};

/// One-shot convenience: Matcher(problem).options(options).run(), and its solution.
Solution solve(const MatchingProblem& problem, const SolveOptions& options = {});

}  // namespace placematch
