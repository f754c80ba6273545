#pragma once
// placematch/report/report.hpp — the outputs a consultant and other programs read: the result
// JSON of contract section 6, the plan and candidates as CSV, a terminal table, and the
// instance summary of `placematch validate`. Each returns the text; writing it (atomically)
// is the caller's. All are O(size of what they print).
//
// Usage:
//   placematch::MatchResult r = placematch::match(instance);
//   placematch::write_file_atomically("plan.json", placematch::result_json(instance, r.plan, r.stats));
//   std::cout << placematch::plan_table(instance, r.plan);
#include <string>
#include <string_view>

#include "placematch/candidates/candidates.hpp"
#include "placematch/model/format.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/plan/plan.hpp"
#include "placematch/planner/match.hpp"

namespace placematch {

/// The result JSON ("placematch-result/1"), pretty-printed, ending in a newline. Status,
/// objective and reason codes are written from the plan's enums (to_string); a bound
/// the plan does not hold is written as null.
std::string result_json(const Instance& instance, const Plan& plan, const RunStats& stats);

/// The plan as CSV: citizen,opening,company,mentor,score,km,hours (score 6 decimals,
/// km 3 decimals), then one row per unplaced citizen with empty opening and its reason.
std::string plan_csv(const Instance& instance, const Plan& plan);

/// The candidate pairs as CSV: citizen,opening,score,km,needs_mentor; with `explain`, one
/// more column per score component (its value in [0, 1], 6 decimals) and the weights.
std::string candidates_csv(const Instance& instance, const CandidateGraph& graph, bool explain,
                           const ScoreWeights& weights);

/// A readable summary of a plan for the terminal (at most `max_rows` placement rows).
std::string plan_table(const Instance& instance, const Plan& plan, std::size_t max_rows = 40);

/// The summary `placematch validate` prints: residents by target group and area,
/// openings by kind with seats, companies, mentor capacity, decisions.
std::string instance_summary(const Instance& instance);

}  // namespace placematch
