#pragma once
// placematch/explain/reasons.hpp — why a citizen is left unplaced (data contract v1, section 6,
// `reason_code`), in a job-centre consultant's words.
//
// Algorithm: the openings within reach (rule 1) are filtered by the rules of section 2
// in the contract's order (hours, competences, barriers, group and age, excluded or
// forbidden, mentor); the first rule that leaves no opening is the reason. When some
// opening keeps every rule, the plan gave its seats or mentors to others. One query is
// O(log K + openings within reach x list lengths) with a ReasonFinder (which builds a
// spatial index over the companies once, O(K log K + D log D)).
//
// Usage:
//   const placematch::ReasonFinder why(instance);
//   placematch::UnplacedReason r = why(citizen, /*has_candidates=*/false);
//   std::cout << to_string(r.code) << ": " << r.reason;
//   plan.unplaced = placematch::explain_unplaced(instance, graph, plan);  // a whole plan
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "placematch/candidates/candidates.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/plan/plan.hpp"
#include "placematch/rules/rules.hpp"
#include "placematch/model/messages.hpp"

namespace placematch {

struct UnplacedReason {
  ReasonCode code = ReasonCode::NoOpeningInReach;
  std::string reason;  // plain words in English, e.g. "no opening within 5 km offers 6-10 hours a week"
  Message message;     // the same words from the catalogue, to render in any language
  int openings_in_reach = 0;  // openings that keep rule 1
  int openings_feasible = 0;  // openings that keep all seven rules
};

/// Answers unplaced_reason for many citizens of one instance (the instance must outlive it).
class ReasonFinder {
 public:
  explicit ReasonFinder(const Instance& instance);
  ~ReasonFinder();
  ReasonFinder(ReasonFinder&&) noexcept;
  ReasonFinder& operator=(ReasonFinder&&) noexcept;

  /// The reason for an unplaced citizen. The reason is computed from the rules alone; it
  /// is taken_by_others exactly when the citizen has feasible pairs, which callers know as
  /// `has_candidates` (kept for the contract's reading; it does not change the answer).
  UnplacedReason operator()(Index citizen, bool has_candidates) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The reason of a citizen with `feasible_openings` feasible pairs (its candidates) left
/// unplaced: taken_by_others. Equal to what ReasonFinder answers for that citizen (except
/// openings_in_reach, left 0), in O(1): plans use it for citizens with candidates.
UnplacedReason taken_by_others(int feasible_openings);

/// One-off convenience: builds a ReasonFinder (O(K log K + D log D)) and asks it.
UnplacedReason unplaced_reason(const Instance& instance, Index citizen, bool has_candidates);

/// The unplaced citizens of `plan` (those without a placement), ascending, each with its
/// reason: taken_by_others for citizens with candidate arcs in `graph`, else the rules'
/// answer (a ReasonFinder, built only when needed). O(citizens) plus the queries.
std::vector<Unplaced> explain_unplaced(const Instance& instance, const CandidateGraph& graph,
                                       const Plan& plan);

}  // namespace placematch
