#pragma once
// placematch/planner/whatif.hpp — what would place more residents (contract v2, section 10):
// the ceiling of today's openings, seats to ask for, proposed openings, courses under a budget.
//
// Every figure is the optimum of a changed instance, computed by the engine's Matcher
// re-solving warm (engine/solve.hpp: set_seats, forbid, run), never an estimate:
// - ceiling: every opening gets as many seats as it has feasible pairs (so seats never
//   bind), one solve. Residents no seat can ever reach are those without a feasible pair
//   (binding rule: the first rule of section 2 that keeps every opening away) and those
//   whose pairs are all at openings of a company whose reasonableness limit is 0 (a pair
//   needing a mentor where the company has no mentor room is no pair: rule 7, `no_mentor`).
// - seats, greedy: each step tries one more seat at every opening that has a feasible
//   pair and keeps the one whose optimum is best (placements, then score; ties to the
//   opening listed first). The openings are tried in order of an upper bound on their
//   gain and the search stops once no bound can beat the best found, so the chosen step
//   is the same as trying all. The bound: one shortest-path search in the residual graph
//   of the plan's flow, priced by the engine's certificate (Solution::cert_*), gives each
//   opening's exact gain for the priced flow; plus the certificate's gap (0 without mentor
//   pools, where the bound is the gain itself). When the certificate's duals are not
//   potentials of that residual graph, the plain bound gap + v_o (v_o the opening's dual).
//   Each try re-solves with the best gain so far as its cutoff (SolveOptions::cutoff): a
//   try that cannot beat it stops at its first bound below it, and only a winner's value
//   is computed in full (above its cutoff a try is exact: the chosen step's figures and
//   certificate are the winning try's when it is proven optimal, else those of a re-solve
//   of the chosen step).
//   O(steps x (arcs log nodes + tried openings x one warm re-solve)).
// - proposed openings: all are added to one instance with 0 seats; each is opened alone
//   (its seats), solved warm and closed again. O(proposed x one warm re-solve).
// - courses, greedy by gain per krone: every (resident, course) pair that changes the
//   resident (the course raises a competence level or eases a barrier, and the resident's
//   target group is eligible) becomes a copy of the resident with the course applied,
//   whose arcs are closed; taking the course closes the resident's arcs and opens the
//   copy's. Each step tries every affordable pair (pruned by the certificate's bound
//   gap + max(0, max over the copy's arcs of w - price - v_o - z_g) - u_c), keeps the
//   largest (placements, then score) per krone, a free course first. A resident takes at
//   most one course, and a pinned resident none (the pin fixes the placement). Each try
//   re-solves with a cutoff below which it cannot beat the best try so far (no gain; a
//   paid course against a free best; fewer placements per krone, rounded down), so a
//   losing try stops early and the choice is the same as solving each in full. A heuristic:
//   two courses that only help together are never chosen. Beside it, a cheap upper bound:
//   the optimum when every eligible resident takes every course at once.
// Ties between equal gains per krone go to the cheaper course, then the resident listed
// first, then the course listed first.
// Usage:
//   placematch::WhatIfRequest req;  req.target = 0.85;
//   placematch::WhatIfResult r = placematch::whatif(instance, req);
//   for (const auto& s : r.seats) std::cout << instance.openings[s.opening].id << s.value.placed;
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "placematch/candidates/scoring.hpp"
#include "placematch/engine/solve.hpp"
#include "placematch/io/whatif_files.hpp"
#include "placematch/model/instance.hpp"

namespace placematch {

/// How a seat step finds each opening's gain (the answers are the same either way).
enum class SeatPricing : std::uint8_t {
  /// Every try re-solved warm (set_seats and run()), ordered by the certificate's bounds.
  Resolve,
  /// From the state's plan P and its residual graph on the plain objective (placements,
  /// then score; mentor pools priced), when that certificate holds: every opening's extra
  /// seat at once, P plus the cheapest cycle through the new seat — exact when that plan
  /// keeps the pools; the openings whose cycle breaks a pool and might still win are
  /// re-solved warm. Else (no certificate) as Resolve. Not the default: measured slower
  /// than Resolve at municipal scale, and at regional scale the plan has no such
  /// certificate (benchmarks/README.md, "Seat steps priced from the residual graph").
  Residual,
};

struct WhatIfOptions {
  Objective objective = Objective::Placements;
  SeatPricing seat_pricing = SeatPricing::Resolve;
  /// Seat tries searched from the kept search tree (SolveOptions::from_tree: the leaves of
  /// the last search, bounded again with the extra seat) instead of from the root.
  /// Exact either way; off: every try searches from the root (for comparisons).
  bool seat_tree = true;
  /// With seat_tree: each opening's bound that orders and prunes the tries is also capped
  /// by the kept tree's leaves (the best over them of the leaf's Lagrangian bound plus its
  /// flow's gain by the seat; detail/seat_gains.hpp). Exact either way, the same choices;
  /// off: the certificate's bound alone (for comparisons).
  bool seat_leaf_bound = true;
  /// With the leaf bound: a try searches the kept leaves at once, the best last time first,
  /// without the Lagrangian at the tree's root (SolveOptions::tree_leaves_first). Exact
  /// either way; off: the tree's root first (for comparisons).
  bool seat_leaves_first = true;
  ScoreWeights weights;
  /// Per solve, for proving optimality when mentor pools bind (SolveOptions).
  double time_limit_seconds = 60.0;
  std::int64_t work_limit = SolveOptions{}.work_limit;
  int threads = 1;  // candidate building and independent components; results do not depend on it
  /// The engine's other search settings for the what-if's solves (SolveOptions: pool LP,
  /// Lagrangian iterations, node limit; objective, limits, threads, cutoff, trees and
  /// progress are set from the fields here). Speed only while the searches end: every figure
  /// stays exact. (Tests set small iteration counts so that small instances branch.)
  SolveOptions search;
  /// Asked before each seat or course step and before each warm re-solve inside one: true
  /// stops there. The steps already made are kept (each still exact, the same as those of a
  /// run that is not stopped); the step under way is dropped, and later parts (proposed
  /// openings, courses) are not computed. WhatIfResult::stopped says so. Empty: never stops.
  /// Called from the thread that runs whatif(); a caller on another thread passes a
  /// function that reads an atomic flag.
  std::function<bool()> stop;
  /// Progress of the solves (placematch/model/progress.hpp), each report with the question
  /// (Progress::task: Ceiling, Seats, Openings, Courses) and its step i of n. Never changes
  /// a result.
  ProgressCallback progress;
};

/// The optimum of one (changed) instance. Exact when `optimal`; otherwise a plan's value
/// with a proven bound (bound_placed, bound_score) that no plan beats.
struct WhatIfValue {
  std::int64_t placed = 0;
  std::int64_t score = 0;  // millionths
  bool optimal = true;
  std::int64_t bound_placed = 0;
  std::int64_t bound_score = 0;
};

/// One housing area x target group of the ceiling.
struct CeilingCell {
  Index area = kNone;
  CodeId target_group = kNone;
  int residents = 0;
  int placed_today = 0;
  int placed_ceiling = 0;  // in the ceiling's plan
  int unreachable = 0;     // no seat at today's openings can ever reach them
  /// Unplaced in the ceiling's plan: the unreachable, and those whom mentor pools or the
  /// reasonableness rule keep out even with unlimited seats (in that plan).
  int left_out = 0;
  /// Per binding rule ("no_opening_in_reach", "hours", "competences", "barriers",
  /// "group_or_age", "excluded", "no_mentor", "reasonableness"): how many.
  std::map<std::string, int> by_rule;
};

struct Ceiling {
  WhatIfValue value;               // most placements (then best score) with unlimited seats
  std::vector<CeilingCell> cells;  // by area, then target group (only cells with residents)
  int unreachable = 0;
};

/// One seat step: one more seat at `opening`, and the optimum after it.
struct SeatStep {
  Index opening = kNone;
  std::int32_t seats = 0;  // the opening's seats after the step
  WhatIfValue value;
  /// How the step was found (for tests and benchmarks; never changes a figure): openings
  /// priced from the residual graph (SeatPricing::Residual), and tries re-solved there.
  std::int64_t priced = 0, resolved = 0;
  /// Solves in the step searched from the kept tree (WhatIfOptions::seat_tree), and the
  /// kept leaves they started from, summed.
  std::int64_t from_tree = 0, tree_leaves = 0;
  /// Openings the certificate's bound alone would have tried and the kept tree's leaf
  /// bound (WhatIfOptions::seat_leaf_bound) ruled out (at least that many tries saved).
  std::int64_t leaf_skipped = 0;
};

/// A proposed opening added alone to today's instance.
struct OpeningGain {
  Index opening = kNone;  // index in the extended instance (load_instance_with_openings)
  WhatIfValue value;      // the optimum with it
  std::int64_t gain_placed = 0, gain_score = 0;
};

/// One course step: `citizen` takes `course`.
struct CourseStep {
  Index citizen = kNone;
  Index course = kNone;
  double cost = 0;
  double budget_left = 0;
  WhatIfValue value;
};

struct CourseUse {
  Index course = kNone;
  int taken = 0;       // residents who take it in the greedy plan
  int then_placed = 0; // of them, placed in the plan after the last step
};

struct CoursesResult {
  std::vector<CourseStep> steps;
  WhatIfValue before, after;
  double budget = 0, spent = 0;
  std::vector<CourseUse> uses;  // per course, in the file's order
  /// An upper bound, not a plan: the optimum if every eligible resident took every course
  /// at once (no budget). Its placements bound what any choice of courses can reach.
  /// Not computed when stopped.
  WhatIfValue bound_all_courses;
  /// WhatIfOptions::stop asked to stop: `steps` are a prefix of the full answer's.
  bool stopped = false;
};

struct WhatIfRequest {
  WhatIfOptions options;
  std::optional<int> seats;      // add at most this many seats
  std::optional<double> target;  // stop once placed / residents >= target
  /// Proposed openings: instance.openings[first_proposed ...] are proposals (the rest is
  /// today's instance). kNone: none.
  Index first_proposed = kNone;
  std::vector<Course> courses;   // none: no course steps
  double budget = 0;
};

struct WhatIfResult {
  Objective objective = Objective::Placements;
  Index residents = 0;
  WhatIfValue today;
  Ceiling ceiling;
  std::vector<SeatStep> seats;
  std::vector<OpeningGain> openings;  // best first
  std::optional<CoursesResult> courses;
  /// WhatIfOptions::stop asked to stop: the seat and course steps are a prefix of the full
  /// answer's (each exact), and parts after the stop are missing.
  bool stopped = false;
};

/// Answers a what-if request on a validated instance whose pins passed check_decisions.
/// With first_proposed set, "today" is the instance without the proposed openings.
WhatIfResult whatif(const Instance& instance, const WhatIfRequest& request);

/// The parts on their own (the same computations as whatif()).
WhatIfValue whatif_today(const Instance& instance, const WhatIfOptions& options = {});
Ceiling whatif_ceiling(const Instance& instance, const WhatIfOptions& options = {});
std::vector<SeatStep> whatif_seats(const Instance& instance, std::optional<int> seats,
                                   std::optional<double> target, const WhatIfOptions& options = {});
std::vector<OpeningGain> whatif_openings(const Instance& extended, Index first_proposed,
                                         const WhatIfOptions& options = {});
CoursesResult whatif_courses(const Instance& instance, const std::vector<Course>& courses,
                             double budget, const WhatIfOptions& options = {});

/// The resident after a course: competences raised to the grants, barriers eased (0
/// removes). Whether the course changes anything: `changed` != `citizen`.
Citizen apply_course(const Citizen& citizen, const Course& course);
/// Whether the resident's target group may take the course.
bool course_eligible(const Citizen& citizen, const Course& course);

}  // namespace placematch
