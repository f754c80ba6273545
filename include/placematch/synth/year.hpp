#pragma once
// placematch/synth/year.hpp — a simulated year of weekly re-planning (issue 16): residents
// arrive and leave, openings open and close, placements run their course or end early, and
// each week a policy (placematch, or a reference policy of placematch/planner/baselines.hpp)
// plans the free residents and seats with the ongoing placements pinned.
//
// The process (every figure a documented default of YearOptions):
// - Residents: the base instance's residents are there in week 1. Every week each resident
//   leaves for a reason outside the plan with the hazard h = 1 - (1 - 45/133)^(1/52): the
//   Roskilde advanced job-centre team saw 45 of 133 residents move on in the first year (16 %
//   work, 9 % education, 20 % rehabilitation, 44 % other; the reason is drawn with those
//   weights and only reported). Arrivals replace them on average: each week Binomial(N, h)
//   newcomers, N the base count, each a copy of a base resident's profile drawn uniformly.
// - Openings: each opening of the base instance is open in week 1 with probability 0.75;
//   open spells last a geometric number of weeks with mean 26, closed spells mean 8. A
//   closing opening takes nobody new; its ongoing placements run to their end.
// - Placements start the week they are planned and last, by kind: internship 4-13 weeks
//   (virksomhedspraktik), small job 13-52, wage subsidy 13-26, ordinary 26-52, leisure job
//   13-26 (uniform). One in five ends early, after a uniform number of its weeks. A placement
//   that runs its full course ends in a hire (the resident leaves for work) with probability
//   4/14: the small-jobs programme matched 14 residents and saw 4 hired.
// - Common random numbers: a resident's exit week, the arrivals, the openings' spells and a
//   placement's length, early end and hire are drawn from hashes of (seed, what), never from
//   a stream the policy advances, so every policy meets the same world; the policies differ
//   only in whom they place where (and, through hires, who is still there).
// - Each week: placements ending and residents leaving go, arrivals come, the week's instance
//   is built (present residents; open openings, and closed ones holding placements with
//   seats = their holders; the base's companies, mentors and forbidden pairs), the ongoing
//   placements are pins (with their mentor) and the policy plans the rest. Every week's plan
//   is checked by check_plan (a broken one throws std::logic_error).
// - The bound of a week is the proven most placements of that week's instance with no pins
//   (match() with the placements objective): the placements any policy holds that week are
//   a plan of that instance, so no policy can hold more. Summed over the weeks it bounds
//   the placed resident-weeks of the trajectory.
// Measures: activation over the year = placed resident-weeks / resident-weeks (overall and
// per target group); moves = placements ended by a re-plan (0 by construction while ongoing
// placements are pinned); the ratio of placed resident-weeks to the summed bound.
// Cost: per week one candidate build and one or two solves of the week's instance.
// Usage:
//   placematch::YearResult r = placematch::simulate_year(placematch::generate_sonderborg_sample(), {});
//   std::cout << r.activation() << ' ' << r.bound_ratio() << '\n';
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "placematch/model/instance.hpp"
#include "placematch/planner/baselines.hpp"

namespace placematch {

struct YearOptions {
  int weeks = 52;
  std::uint64_t seed = 1;
  /// The policy: empty for placematch (a Planner re-planning against the ongoing placements,
  /// placements objective), else a baseline.
  std::optional<Baseline> baseline;
  double yearly_exit = 45.0 / 133.0;   ///< Roskilde: moved on in the first year
  double hire_on_completion = 4.0 / 14.0;  ///< small-jobs programme: hired of matched
  double early_end = 0.2;              ///< share of placements that end early
  double open_at_start = 0.75;         ///< share of openings open in week 1
  double mean_open_weeks = 26, mean_closed_weeks = 8;
  /// Ongoing placements pinned each week (every policy). placematch re-plans each week
  /// against the earlier week's ongoing placements as its earlier plan (contract section
  /// 7, `--previous`). Off (placematch only; the baselines always pin): ongoing placements
  /// are that earlier plan alone, so placematch moves one only where that places more
  /// residents (section 7's order), and `moves` counts those.
  bool pin_ongoing = true;
  bool bound = true;   ///< compute the per-week bound (one more solve a week)
  int threads = 1;     ///< solver threads (the plan does not depend on it)
};

/// Figures of one week.
struct WeekFigures {
  int week = 0;
  std::int64_t residents = 0;   ///< present this week
  std::int64_t placed = 0;      ///< in a placement this week (ongoing and new)
  std::int64_t started = 0;     ///< new placements this week
  std::int64_t bound = 0;       ///< proven most placements of the week's instance (0 without bound)
  std::int64_t arrivals = 0, exits = 0, hires = 0;
  std::int64_t moves = 0;       ///< ongoing placements moved or ended by the plan (0 when pinned)
};

struct YearResult {
  std::string policy;  ///< "placematch" or the baseline's name
  std::vector<WeekFigures> weeks;
  std::int64_t resident_weeks = 0, placed_weeks = 0, bound_weeks = 0;
  std::int64_t started = 0, moves = 0, hires = 0, exits = 0, arrivals = 0, early_ends = 0;
  /// Per target group (code): resident-weeks and placed resident-weeks.
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> groups;
  double activation() const {
    return resident_weeks ? static_cast<double>(placed_weeks) / static_cast<double>(resident_weeks) : 0;
  }
  /// placed resident-weeks / summed per-week bound (0 when no bound was computed).
  double bound_ratio() const {
    return bound_weeks ? static_cast<double>(placed_weeks) / static_cast<double>(bound_weeks) : 0;
  }
  double moves_per_placement() const {
    return started ? static_cast<double>(moves) / static_cast<double>(started) : 0;
  }
};

/// Runs the year on `base` (a validated instance; its pins are dropped, its forbids kept).
YearResult simulate_year(const Instance& base, const YearOptions& options);

}  // namespace placematch
