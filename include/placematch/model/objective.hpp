#pragma once
// placematch/model/objective.hpp — what a plan is asked to maximise (Objective) and what is
// known about the answer (Status), shared by the engine, plans and every output.
//
// Both are plain enums with the project's naming convention: `to_string(E)` gives the
// contract's spelling (used in JSON, CSV and on the command line; never translated) and
// `parse_xxx(text)` reads it back (exact, lower-case; nullopt for anything else). O(1).
//
// Usage:
//   auto objective = placematch::parse_objective("score");   // Objective::Score
//   std::cout << placematch::to_string(placematch::Status::Optimal);  // "optimal"
#include <cstdint>
#include <optional>
#include <string_view>

namespace placematch {

/// What the plan maximises (contract section 4).
enum class Objective : std::uint8_t {
  Placements,  ///< most placements, then the highest total score
  Score,       ///< the highest total score
};

/// What is proven about a plan (contract section 6, `status`).
enum class Status : std::uint8_t {
  NotSolved,     ///< no solver has looked at it (a plan nobody certified)
  Optimal,       ///< the plan is proven optimal (its value equals the proven bound)
  Feasible,      ///< a plan keeping every rule; the bound is proven, the gap may be > 0
  Infeasible,    ///< the pins cannot all hold together
  BadCostRange,  ///< the instance is too large for exact int64 arithmetic
};

/// "placements" / "score".
std::string_view to_string(Objective objective);
/// The inverse of to_string(Objective); nullopt for any other text.
std::optional<Objective> parse_objective(std::string_view text);

/// "not_solved", "optimal", "feasible", "infeasible", "bad_cost_range".
std::string_view to_string(Status status);
/// The inverse of to_string(Status); nullopt for any other text.
std::optional<Status> parse_status(std::string_view text);

}  // namespace placematch
