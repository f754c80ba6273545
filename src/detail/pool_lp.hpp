#pragma once
// src/detail/pool_lp.hpp — the LP relaxation with mentor pools, for prices.
//
// What: the linear relaxation of the matching problem, mentor pools included — maximise
// sum c_e x_e over 0 <= x <= 1 with one row per active citizen (<= 1), per opening
// (<= seats), per cap group (<= limit) and per pool (pooled arcs <= limit), where
// c_e = (big + score_e) / scale is the arc's weight on a scale near 1 (placements:
// scale = big, so c_e = 1 + score_e / big; score: big = 0, scale = 1e6).
// Its row duals on the pool rows, times scale, are the best Lagrangian pool prices: the
// Lagrangian dual of a flow with side rows equals the LP (the flow part is integral), so
// these prices give, through one exact priced flow, the LP bound in place of the slow
// convergence of subgradient steps. When the LP optimum is integral it is also a plan.
//
// Two stages for the placements objective (big > 0): first c_e = 1 (the placements
// alone: CLP needs 1.2-2x fewer pivots without the score part), then the weights, warm
// from the first stage's basis and columns; the result is the last stage finished (its
// prices are valid either way: every bound is recomputed by the flow). The score
// objective has one stage.
// Algorithm: column generation with COIN-OR CLP (primal simplex; the dual simplex first
// when the caller gives the flow's duals, PoolLpInput::start_citizen_dual): the LP starts
// on the arcs the caller lists (a few per citizen, chosen by reduced cost against the
// flow's duals); every other open arc is priced against the LP duals, those with positive
// reduced cost join (the best first, a bounded number per round), and the LP is
// re-optimised warm until none prices out, so the optimum is that of the whole graph up
// to CLP's tolerances (its default dual tolerance, 1e-7: on the placements scale a
// millionth of score is 2.5e-11 at regional size, so the weights stage resolves scores to
// a few thousandths, enough for prices). The result is used for prices and candidate
// plans only; every bound placematch reports is recomputed exactly (int64) by the flow
// core, and every plan is checked against every rule before it is kept.
// Cost: a few simplex re-optimisations on the core (typically 1-2 % of the arcs) plus
// O(arcs) per pricing round (timings: benchmarks/README.md).
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "placematch/engine/solve.hpp"

namespace placematch::detail {

struct PoolLpInput {
  const MatchingProblem* problem = nullptr;
  // The residual problem after pins: per citizen active (may be placed), per arc closed,
  // per opening seats, per group limit, per pool limit left.
  const std::vector<std::uint8_t>* active = nullptr;
  const std::vector<std::uint8_t>* closed = nullptr;
  const std::vector<std::int32_t>* seats = nullptr;
  const std::vector<std::int32_t>* limit = nullptr;
  const std::vector<std::int32_t>* pool = nullptr;
  std::int64_t big = 0;                   // the weight is big + score_e
  /// score_e per arc (null: problem->arc_score): a caller that changes scores between
  /// solves (Matcher::set_score) passes its own, and a new `score_version` with each change.
  const std::int64_t* arc_scores = nullptr;
  /// PoolLp: a rerun whose version differs from the last solve's sets every column's
  /// objective anew and re-optimises by the primal simplex first (the basis stays primal
  /// feasible when only the objective changed), its pricing pass reading every arc.
  std::uint64_t score_version = 0;
  double scale = 1e6;                     // c_e = weight / scale
  std::vector<std::int64_t> start_arcs;   // the first columns (open arcs of active citizens)
  std::vector<std::int64_t> start_at_one; // of those, the ones the first basis puts at 1
                                          // (the flow's plan: phase one starts near it)
  /// The flow's duals on the weight scale (Solution::citizen_dual, opening_dual,
  /// cap_group_dual: u + v + z >= big + score on every arc, tight on start_at_one). When
  /// given (sizes citizens, openings, groups), the first basis is the flow's: the arcs of
  /// start_at_one and, for each opening with v > 0, one more tight arc among the start
  /// columns are basic; the rows with a positive dual are at their bound, the others'
  /// slacks basic (CLP completes a basis short of columns with slacks). It is dual
  /// feasible for the LP without the pool rows, so the first round is the dual simplex.
  std::vector<std::int64_t> start_citizen_dual, start_opening_dual, start_group_dual;
  double seconds = 10;                    // CLP's time limit over all rounds
  std::int64_t max_iterations = 0;        // simplex iterations over all rounds (0: none):
                                          // a deterministic limit, unlike `seconds`
  bool scores = true;                     // placements (big > 0): run stage two too
  /// Called at each pricing round and every 64 simplex iterations within one with the
  /// simplex iterations so far (progress reports; it only observes: CLP carries on).
  std::function<void(std::int64_t iterations)> tick;
  /// How a pricing pass after the first reads the arcs: Auto only those whose reduced cost
  /// may have moved, unless they are a third of all; for tests, Moved always so (and each
  /// such pass checked against a pass over every arc: std::logic_error when they differ),
  /// Every always every arc.
  enum class Passes : std::uint8_t { Auto, Moved, Every };
  Passes passes = Passes::Auto;
};

struct PoolLpResult {
  bool optimal = false;             // the LP was solved to optimality on the whole graph
  double value = 0;                 // its optimum (in units of c)
  std::vector<double> x;            // per arc in the LP (column order of `column_arc`)
  std::vector<std::int64_t> column_arc;
  std::vector<double> pool_price;   // per pool: the dual of its row, >= 0, in units of c
  std::vector<std::int64_t> arc;    // when the optimum is integral: per citizen its arc or
                                    // kNone (inactive citizens kNone); else empty
  int stage = 0;                    // the stage the result is from (see below)
  int rounds = 0;                   // pricing rounds
  std::int64_t iterations = 0;      // simplex iterations
  bool warm = false;                // re-optimised from the previous solve's basis (PoolLp)
};

/// Solves the LP relaxation described above. Never throws on an LP failure (optimal
/// stays false); std::bad_alloc passes through.
PoolLpResult solve_pool_lp(const PoolLpInput& input);

/// The same LP kept between solves of one problem, for re-solves after small changes
/// (seats, forbids, pins, the active citizens: all of them bounds). The first solve is
/// solve_pool_lp's; a later one with the same problem and big changes the rows'
/// right-hand sides and the columns' upper bounds in place (a column whose arc is closed
/// now gets upper bound 0; no column is removed) and re-optimises from the last basis by
/// the dual simplex (the basis stays dual feasible when only bounds change), then prices
/// columns in as before, on the weights' objective (stage two) at once. A re-solve that
/// does not finish within its limits starts over from scratch (the pivots it spent count
/// against the same limit), as does a solve for another problem or big. The optimum is
/// the same LP optimum either way. A solve after a change of scores (PoolLpInput::
/// score_version) or of their unit (scale) sets the objective anew and re-optimises from
/// the last basis by the primal simplex first. Where the LP has several optimal vertices
/// (or duals), a warm solve may return another one than a cold solve would, so prices and
/// the plans found from them can differ between a warm and a cold run (their values and proofs do
/// not: every bound is recomputed by the flow core). Deterministic: the same sequence of
/// solves gives the same results. Not thread-safe (one per component).
/// Cost: after a change of a few bounds, typically a few dual pivots plus one pricing pass
/// O(arcs), in place of the whole column generation.
class PoolLp {
 public:
  PoolLp();
  ~PoolLp();
  PoolLp(PoolLp&&) noexcept;
  PoolLp& operator=(PoolLp&&) noexcept;
  PoolLpResult solve(const PoolLpInput& input);
  void reset();  // the next solve starts from scratch

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace placematch::detail
