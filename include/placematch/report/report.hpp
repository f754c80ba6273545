#pragma once
// placematch/report/report.hpp — the outputs a consultant and other programs read: the result
// JSON of contract section 6, the plan and candidates as CSV, a terminal table, and the
// instance summary of `placematch validate`. Each returns the text; writing it (atomically)
// is the caller's. All are O(size of what they print).
#include <string>
#include <string_view>

#include "placematch/candidates/candidates.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/plan/plan.hpp"

namespace placematch {

/// Times and sizes reported in the result's "stats".
struct RunStats {
  std::size_t candidates = 0;
  double load_seconds = 0;
  double candidates_seconds = 0;
  double solve_seconds = 0;  // candidate graph in memory -> certified plan
};

/// The result JSON ("placematch-result/1"), pretty-printed, ending in a newline.
std::string result_json(const Instance& instance, const Plan& plan, std::string_view objective_name,
                        const RunStats& stats);

/// The plan as CSV: citizen,opening,company,mentor,score,km,hours (score 6 decimals,
/// km 3 decimals), then one row per unplaced citizen with empty opening and its reason.
std::string plan_csv(const Instance& instance, const Plan& plan);

/// The candidate pairs as CSV: citizen,opening,score,km,needs_mentor; with `explain`, one
/// more column per score component (its value in [0, 1], 6 decimals) and the weights.
std::string candidates_csv(const Instance& instance, const CandidateGraph& graph, bool explain,
                           const ScoreWeights& weights);

/// A readable summary of a plan for the terminal (at most `max_rows` placement rows).
std::string plan_table(const Instance& instance, const Plan& plan, std::string_view objective_name,
                       std::size_t max_rows = 40);

/// The summary `placematch validate` prints: residents by target group and area,
/// openings by kind with seats, companies, mentor capacity, decisions.
std::string instance_summary(const Instance& instance);

/// A score in millionths written with exactly 6 decimals ("0.812345").
std::string format_millionths(std::int64_t value);
/// A number written with exactly `decimals` decimals, rounded half away from zero.
std::string format_fixed(double value, int decimals);

}  // namespace placematch
