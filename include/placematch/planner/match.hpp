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
#include <cstddef>

#include "placematch/candidates/candidates.hpp"
#include "placematch/candidates/scoring.hpp"
#include "placematch/engine/solve.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/plan/plan.hpp"

namespace placematch {

struct MatchOptions {
  ScoreWeights weights;  // the scoring model (placematch/candidates/scoring.hpp)
  /// The solver's options (placematch/engine/solve.hpp): objective, time and work limits,
  /// threads (also used for the candidate graph; 0: one per core; the plan is the same
  /// for any count), pricing.
  SolveOptions solve;
};

/// Times and sizes of one run, reported in the result's "stats".
struct RunStats {
  std::size_t candidates = 0;
  double load_seconds = 0;        // the caller's to fill (match() does not load)
  double candidates_seconds = 0;
  double solve_seconds = 0;       // candidate graph in memory -> certified plan
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
