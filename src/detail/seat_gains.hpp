#pragma once
// src/detail/seat_gains.hpp — what one more seat at each opening can add to the optimum
// (internal: the what-if's seat steps, planner/whatif.hpp; tested on its own).
#include <cstdint>
#include <limits>
#include <utility>
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

/// Every opening's arcs with their citizens (CSR by opening), for the searches backwards
/// of tree_seat_gain_bounds. O(arcs).
struct ArcsByOpening {
  std::vector<std::int64_t> begin;                // per opening + 1
  std::vector<std::pair<ArcIndex, Index>> arc;    // (arc, its citizen)
};
ArcsByOpening arcs_by_opening(const MatchingProblem& problem);

/// What a bound of tree_seat_gain_bounds is where it gives none.
inline constexpr std::int64_t kNoSeatBound = std::numeric_limits<std::int64_t>::max();

/// Per opening, the kept search tree's bound on what one more seat there adds (same scale
/// and solution as seat_gain_bounds): the best over the tree's leaves of the leaf's
/// Lagrangian bound plus its flow's gain by that seat, minus the plan's weight
/// (Solution::tree_flows; proof in src/planner/seat_gains.cpp). kNoSeatBound at the
/// openings of components without leaf flows (or whose leaf duals are not potentials);
/// empty when the solution has none. A bound of its own: the caller takes the smaller of
/// it and seat_gain_bounds'. O(leaves x arcs log nodes): one Dijkstra per leaf. Without
/// `paths`, each leaf's flow gain is bounded by its dual v_o instead (0 where o has room
/// left): looser, O(leaves x openings), no Dijkstra. With paths and a `threshold`, the
/// paths are searched backwards from each opening whose dual bound exceeds it, each search
/// stopped at the sink or once its bound is at most the threshold: the bounds above the
/// threshold are those of the full search, each other is at most the larger of the
/// threshold and its full search's bound (the few openings in contention cost a few
/// hundred arcs each). `index`: arcs_by_opening(problem), made here when null.
std::vector<std::int64_t> tree_seat_gain_bounds(const MatchingProblem& problem, const std::vector<std::int32_t>& seats,
                                                const std::vector<std::uint8_t>& closed, const Solution& solution,
                                                bool paths = true,
                                                std::int64_t threshold = std::numeric_limits<std::int64_t>::min(),
                                                const ArcsByOpening* index = nullptr);

}  // namespace placematch::detail
