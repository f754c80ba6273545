#pragma once
// src/detail/seat_gains.hpp — what one more seat at each opening can add to the optimum
// (internal: the what-if's seat steps, planner/whatif.hpp; tested on its own).
#include <cstdint>
#include <vector>

#include "placematch/engine/solve.hpp"

namespace placematch::detail {

/// Per opening, an upper bound on what one more seat there adds to the optimum, on the
/// solver's weight scale (BIG x placements + score), after `solution` (the last run() of a
/// Matcher on `problem` with `seats` and the arcs in `closed` forbidden). Exact for the
/// flow priced by the solution's certificate (Solution::cert_*), plus the certificate's
/// gap: without mentor pools binding, the gain itself, except at an opening whose
/// reasonableness group is full (there: an upper bound). Empty when the solution has no
/// certificate or its duals are not potentials of the plan's residual graph (the caller
/// then uses the plain bound cert_gap + v_o). O(arcs log nodes): one Dijkstra.
std::vector<std::int64_t> seat_gain_bounds(const MatchingProblem& problem, const std::vector<std::int32_t>& seats,
                                           const std::vector<std::uint8_t>& closed, const Solution& solution);

}  // namespace placematch::detail
