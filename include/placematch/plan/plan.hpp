#pragma once
// placematch/plan/plan.hpp — a plan in the consultant's terms: who goes where, with which
// mentor and how many hours, and why the others are not placed (contract section 6).
//
// A Plan is assembled from the solver's choice of one candidate arc per citizen:
// mentors are named per company by a small bipartite matching that keeps agreed
// mentors, never exceeds a mentor's free capacity and prefers a mentor who speaks one
// of the citizen's languages (O(P * M) per company for P mentored placements and M
// mentors). check_plan verifies every rule of section 3 independently of the solver.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "placematch/candidates/candidates.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/engine/solve.hpp"

namespace placematch {

/// One placement of the plan.
struct Placement {
  Index citizen = kNone;
  Index opening = kNone;
  Index mentor = kNone;      // kNone when the placement needs no mentor
  std::int64_t arc = -1;     // the candidate arc (CandidateGraph index)
  std::int32_t score = 0;    // millionths
  double km = 0;
  double hours = 0;          // agreed weekly hours: the overlap's point nearest c.hours
};

/// A citizen the plan leaves unplaced, and why (contract section 6).
struct Unplaced {
  Index citizen = kNone;
  std::string reason_code;  // "no_opening_in_reach", "hours", ..., "taken_by_others"
  std::string reason;       // plain words for the consultant
};

struct Plan {
  Objective objective = Objective::Placements;
  bool optimal = true;  // the contract's status: "optimal" when proven, else "feasible"
  std::vector<Placement> placements;  // ascending by citizen index
  std::vector<Unplaced> unplaced;     // ascending by citizen index
  std::int64_t placed = 0;
  std::int64_t score = 0;             // total, millionths
  /// Proven upper bound: for `placements` the most placements possible and the best
  /// score of a plan with that many; for `score` the best total score (placed unset).
  std::optional<std::int64_t> bound_placed;
  std::int64_t bound_score = 0;       // millionths
};

/// Builds a plan from one chosen arc per citizen (-1: unplaced); status and bound are
/// the caller's to set. Names mentors:
/// `agreed` mentors of pins are kept; the others are chosen deterministically,
/// preferring mentors who speak one of the citizen's languages. Fills the unplaced
/// reasons. Throws std::logic_error when the choice breaks a mentor pool (no naming
/// exists), which the solver never produces.
Plan make_plan(const Instance& instance, const CandidateGraph& graph,
               const std::vector<std::int64_t>& chosen_arc);

/// Every way in which `plan` breaks a rule of contract section 3 (one citizen one
/// placement, seats, mentors named and within capacity, reasonableness, pins with their
/// agreed mentor, every placement a feasible pair). Empty when the plan keeps them all.
/// Independent of the solver; O(placements + candidates).
std::vector<std::string> check_plan(const Instance& instance, const CandidateGraph& graph,
                                    const Plan& plan);

}  // namespace placematch
