#pragma once
// placematch/plan/plan.hpp — a plan in the consultant's terms: who goes where, with which
// mentor and how many hours, and why the others are not placed (contract section 6).
//
// A Plan is assembled from the solver's choice of one candidate arc per citizen:
// mentors are named per company by a small bipartite matching that keeps agreed
// mentors, never exceeds a mentor's free capacity and prefers a mentor who speaks one
// of the citizen's languages (O(P * M) per company for P mentored placements and M
// mentors). check_plan verifies every rule of section 3 independently of the solver.
// Mentor naming is Kuhn's augmenting-path bipartite matching (H. W. Kuhn, 1955, "The
// Hungarian method for the assignment problem").
//
// Usage:
//   placematch::Plan plan = placematch::make_plan(instance, graph, solution.citizen_arc);
//   plan.status = solution.status;  // the pipeline (planner/match.hpp) does all of this
//   for (const std::string& broken : placematch::check_plan(instance, graph, plan)) ...
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "placematch/candidates/candidates.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/model/objective.hpp"
#include "placematch/rules/rules.hpp"
#include "placematch/model/messages.hpp"

namespace placematch {

/// One placement of the plan.
struct Placement {
  Index citizen = kNone;
  Index opening = kNone;
  Index mentor = kNone;      // kNone when the placement needs no mentor
  ArcIndex arc = kNone;      // the candidate arc (CandidateGraph index)
  std::int32_t score = 0;    // millionths
  double km = 0;
  double hours = 0;          // agreed weekly hours: the overlap's point nearest c.hours
  bool pinned = false;       // a pin of the instance's decisions put it there (contract v2)
};

/// A citizen the plan leaves unplaced, and why (contract section 6).
struct Unplaced {
  Index citizen = kNone;
  ReasonCode reason_code = ReasonCode::TakenByOthers;
  std::string reason;       // plain words for the consultant, in English
  Message message;          // the same from the message catalogue, for any language
};

/// An opening the plan leaves with free seats, and why (contract v2, section 6); filled by
/// placematch/explain/empty_seats.hpp.
struct EmptySeat {
  Index opening = kNone;
  int free = 0;             // seats minus placements there
  std::string reason_code;  // "no_candidate", "reasonableness", "no_mentor", "candidates_placed_elsewhere"
  std::string reason;       // a sentence that names the numbers, in English
  Message message;          // the same from the message catalogue, for any language
};

/// The unplaced citizen's reason in `lang` (from its catalogue message; the stored English
/// reason when it has none).
std::string reason_text(const Unplaced& unplaced, Language lang);
/// The empty seat's reason in `lang` (likewise).
std::string reason_text(const EmptySeat& seat, Language lang);

/// With floors (contract section 12): the plan's shortfall, a proven lower bound on it, and
/// the price of the floors (what the plan without floors places and scores more).
struct FloorsOutcome {
  std::int64_t shortfall = 0;        ///< total shortfall of the plan over the floors
  std::int64_t shortfall_bound = 0;  ///< proven: no plan keeping every rule has less
  std::int64_t price_placed = 0;     ///< placements of the plan without floors minus this plan's
  std::int64_t price_score = 0;      ///< the same for the total score, millionths
  /// Both plans proven optimal (each for its own order): the price is exact; else an estimate.
  bool price_exact = true;
};

struct Plan {
  Objective objective = Objective::Placements;
  /// What is proven about the plan: the solver's status (Optimal or Feasible) once the
  /// pipeline (placematch/planner/match.hpp) has certified it; NotSolved for a plan
  /// nobody certified (make_plan alone).
  Status status = Status::NotSolved;
  std::vector<Placement> placements;  // ascending by citizen index
  std::vector<Unplaced> unplaced;     // ascending by citizen index (explain/reasons.hpp)
  std::vector<EmptySeat> empty_seats; // ascending by opening index (see explain/empty_seats.hpp)
  Index placed = 0;
  std::int64_t score = 0;             // total, millionths
  /// Proven upper bound, set by whoever proved it (never by make_plan): for `placements`
  /// the most placements possible and the best score of a plan with that many; for
  /// `score` the best total score (bound_placed unset).
  std::optional<Index> bound_placed;
  std::optional<std::int64_t> bound_score;  // millionths
  /// Set when the instance has floors (placematch/planner/floors.hpp).
  std::optional<FloorsOutcome> floors;
};

/// Builds a plan from one chosen arc per citizen (kNone: unplaced); status, bound and
/// the unplaced citizens' reasons are the caller's to set (the pipeline sets them from
/// the solver and explain_unplaced). Names mentors:
/// `agreed` mentors of pins are kept; the others are chosen deterministically,
/// preferring mentors who speak one of the citizen's languages. Throws std::logic_error
/// when the choice breaks a mentor pool (no naming exists), which the solver never
/// produces.
Plan make_plan(const Instance& instance, const CandidateGraph& graph,
               const std::vector<ArcIndex>& chosen_arc);

/// As above, with a preferred mentor per citizen (kNone: none; e.g. the mentor of an
/// earlier plan): after the agreed mentors, each placement whose preferred mentor is of its
/// company and still has room keeps that mentor (in citizen order; as many as possible,
/// since each placement prefers one mentor), then the others are named as above.
Plan make_plan(const Instance& instance, const CandidateGraph& graph,
               const std::vector<ArcIndex>& chosen_arc, const std::vector<Index>& preferred_mentor);

/// Every way in which `plan` breaks a rule of contract sections 2 and 3, one message per
/// problem naming the rule and the records: each placement's pair re-checked against the
/// seven hard rules of section 2 from the instance itself (placematch/rules, not the
/// candidate graph: distance, hours, competences, barriers, group and age, excluded
/// company, mentor), a citizen placed twice, an opening over its seats, a mentor missing,
/// foreign to the company, unknown or over its free capacity, a company over the
/// reasonableness rule, a forbidden pair placed, a pin dropped or its agreed mentor
/// changed; and the plan's pairs, scores and totals against the candidate graph. Empty
/// when the plan keeps them all. Independent of the solver; O(placements x list lengths
/// + citizens + openings + mentors + companies + decisions x log placements).
std::vector<std::string> check_plan(const Instance& instance, const CandidateGraph& graph,
                                    const Plan& plan);

}  // namespace placematch
