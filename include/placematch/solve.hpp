#pragma once
// placematch/solve.hpp — the optimal plan on a candidate graph (contract sections 3, 4).
//
// PLACEHOLDER interface, owned by the solver work: MatchingProblem is the pure
// combinatorial problem the engine solves (built from an Instance and its
// CandidateGraph by make_problem), independent of files and ids.
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "placematch/candidates.hpp"
#include "placematch/model.hpp"

namespace placematch {

/// The capacitated assignment with side constraints. Arcs are CSR by citizen.
struct MatchingProblem {
  Index num_citizens = 0;
  Index num_openings = 0;
  std::vector<std::int64_t> arc_begin{0};  // size num_citizens + 1
  std::vector<Index> arc_opening;          // per arc
  std::vector<std::int64_t> arc_score;     // per arc, >= 0 (millionths of the score)
  std::vector<std::uint8_t> arc_pooled;    // per arc: the placement takes one unit of the
                                           // opening's mentor pool
  std::vector<std::int32_t> seats;         // per opening, >= 1
  std::vector<Index> opening_cap_group;    // per opening: its reasonableness group or kNone
  std::vector<std::int32_t> cap_group_limit;  // per group: at most this many (>= 0)
  std::vector<Index> opening_pool;         // per opening: its company's mentor pool, or kNone
  std::vector<std::int32_t> pool_limit;    // per pool: at most this many pooled placements
  std::vector<std::int64_t> pinned_arcs;   // arcs that must be in the plan
};

}  // namespace placematch
