#pragma once
// src/detail/floor_paths.hpp — the two exact paths of plan_with_floors (internal; see
// placematch/planner/floors.hpp): one engine call on folded weights, or two calls with
// small weights (the score on the first call's optimal face). plan_with_floors takes the
// first when its weights are within the exact int64 range; tests force the second on
// small instances, where both must give the brute-force optimum.
#include <cstdint>

#include "placematch/planner/floors.hpp"

namespace placematch::detail {

enum class FloorPath : std::uint8_t {
  Auto,    ///< folded weights when in range, else the two calls (plan_with_floors)
  Tiered,  ///< the two calls only
  Folded,  ///< the folded weights of the objective only (none beyond the exact range)
};

/// plan_with_floors with the path chosen by `path`.
Plan plan_with_floors(const Instance& instance, const CandidateGraph& graph, const Plan& without,
                      Objective objective, const SolveOptions& options, FloorPath path);

}  // namespace placematch::detail
