#pragma once
// placematch/model/progress.hpp — what a long run is doing now, for a caller who shows it
// (the command line's progress line on a terminal, the workbench's busy indicator).
//
// A ProgressCallback set in the solve options (engine/solve.hpp: SolveOptions::progress;
// MatchOptions::solve; WhatIfOptions::progress) is called with a Progress at every change
// of phase and, during a long phase, at most about every 100 ms (the engine checks the
// clock once per branch-and-bound node or subgradient iteration when a callback is set,
// and not at all when none is). The calls of one run are serialized (never two at once)
// but may come from the solver's worker threads; the callback must not call back into the
// run. It observes only: the plan, bound and status are the same with and without it, for
// any thread count.
//
// The figures are those of the run so far: for the mentor-pool search the best plan found
// (`placed`, `incumbent`) and the proven bound (`placed_bound`, `bound`), and `gap`, the
// part of the bound not yet reached on the first level where they differ. They are set
// only when every independent part of the problem has them. Phases are codes; their names
// for people are in the message catalogue (phase_message, model/messages.hpp).
//
// Usage:
//   placematch::MatchOptions opt;
//   opt.solve.progress = [](const placematch::Progress& p) {
//     std::cerr << placematch::to_string(p.phase) << ' ' << p.elapsed_s << " s\n";
//   };
//   placematch::match(instance, opt);
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

namespace placematch {

/// What a run is doing. The first group are the steps of one plan; the second the
/// what-if questions (Progress::task), each a series of plans.
enum class Phase : std::uint8_t {
  Candidates,  ///< the feasible pairs and their scores (candidates/candidates.hpp)
  Flow,        ///< the min-cost flow, each independent part of the problem
  PoolPrices,  ///< the mentor pools' prices from the LP relaxation
  Search,      ///< the mentor-pool search: Lagrangian bound and branch and bound
  Plan,        ///< the plan: mentors named, the unplaced explained, the plan checked
  Suggest,     ///< pricing suggestions (re-plans with a pair pinned)
  Ceiling,     ///< what-if: the ceiling of today's openings
  Seats,       ///< what-if: seat steps
  Openings,    ///< what-if: proposed openings, one at a time
  Courses,     ///< what-if: course steps
  Report,      ///< writing the outputs
};
inline constexpr int kPhaseCount = 11;

/// "candidates", "flow", "pool_prices", "search", "plan", "suggest", "ceiling", "seats",
/// "openings", "courses", "report" (codes: JSON, never translated).
std::string_view to_string(Phase phase);
/// The inverse of to_string(Phase); nullopt for any other text.
std::optional<Phase> parse_phase(std::string_view text);

/// One report of a run's progress.
struct Progress {
  Phase phase = Phase::Flow;
  /// Seconds since the run started (the solve, or the pipeline that reports it).
  double elapsed_s = 0;
  /// The what-if question this phase serves (Ceiling, Seats, Openings, Courses), and its
  /// step (1-based) of `steps`; steps 0 when the count is not known in advance (seats up
  /// to a target rate, courses within a budget). step 0: no steps.
  std::optional<Phase> task;
  std::int64_t step = 0, steps = 0;
  /// Independent parts (connected components) of the problem solved so far, of `parts`.
  std::int64_t parts_done = 0, parts = 0;
  /// Branch-and-bound nodes of the mentor-pool search so far, and simplex iterations of
  /// the mentor pools' LP (PoolPrices; reported while it runs).
  std::int64_t nodes = 0;
  std::int64_t lp_iterations = 0;
  /// The best plan found so far (placed: Placements objective only) and the proven bound
  /// on any plan; scores as the plan states them (a sum of scores in [0, 1]).
  std::optional<std::int64_t> placed, placed_bound;
  std::optional<double> incumbent, bound;
  /// (bound - found) / bound on the first level where they differ (placements, then
  /// score), in [0, 1]; 0 when the plan is proven optimal.
  std::optional<double> gap;
};

using ProgressCallback = std::function<void(const Progress&)>;

/// A plan's figures against its proven bound into `p`: placed and placed_bound when
/// `placed_bound` is given (the Placements objective), incumbent and bound from the scores
/// (millionths), and the gap on the first level where they differ. O(1).
void set_figures(Progress& p, std::int64_t placed, std::optional<std::int64_t> placed_bound, std::int64_t score,
                 std::int64_t score_bound);

}  // namespace placematch
