#pragma once
// placematch/planner/match.hpp — the whole pipeline for other C++ code: a validated instance in,
// the optimal plan out (candidates → problem → solve → plan with mentors and reasons).
//
// Cost: candidate generation (placematch/candidates/candidates.hpp) plus the solve
// (placematch/engine/solve.hpp) plus O(placements) to name mentors and explain the unplaced.
// The plan is checked against every rule of contract section 3 before it is returned
// (check_plan); a violation is a broken invariant and throws std::logic_error.
// Usage:
//   auto loaded = placematch::load_instance("data/sonderborg");
//   if (!loaded.ok()) { /* loaded.errors */ }
//   placematch::MatchResult r = placematch::match(*loaded.instance);
//   for (const auto& p : r.plan.placements) ...
#include "placematch/candidates/candidates.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/plan/plan.hpp"
#include "placematch/report/report.hpp"
#include "placematch/candidates/scoring.hpp"
#include "placematch/engine/solve.hpp"

namespace placematch {

struct MatchOptions {
  Objective objective = Objective::Placements;
  ScoreWeights weights;
  double time_limit_seconds = SolveOptions{}.time_limit_seconds;  // for proving optimality when mentor pools bind
  /// Deterministic work limit of that search (settled nodes per component, see
  /// SolveOptions::work_limit): a stop by it gives the same plan on every machine.
  std::int64_t work_limit = SolveOptions{}.work_limit;
  int threads = 0;                   // 0: all cores; the plan is the same for any count
  /// Pool prices from the LP relaxation first (SolveOptions::lp_prices); off: the
  /// Lagrangian subgradient alone. A setting of speed: bounds are exact either way.
  bool lp_prices = true;
};

struct MatchResult {
  CandidateGraph graph;
  Plan plan;
  Solution solution;  // the solver's own result: duals, statistics
  RunStats stats;     // candidates and solve seconds (load is the caller's)
};

/// Plans a validated instance whose pins passed check_decisions (placematch/rules/decisions.hpp).
/// Throws InputError when the pins cannot all hold (never after check_decisions).
MatchResult match(const Instance& instance, const MatchOptions& options = {});

}  // namespace placematch
