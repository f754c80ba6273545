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
#include <optional>
#include <string_view>
#include <vector>

#include "placematch/candidates/candidates.hpp"
#include "placematch/model/format.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/model/messages.hpp"
#include "placematch/plan/plan.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/planner/planner.hpp"

namespace placematch {

// Texts for people (reasons, table words) are in `lang`; codes, ids, column names and
// JSON keys never change with it.

/// The result JSON ("placematch-result/2"), pretty-printed, ending in a newline. Status,
/// objective and reason codes are written from the plan's enums (to_string); a bound
/// the plan does not hold is written as null.
/// Format "placematch-result/2": placements carry `pinned`, and `empty_seats` lists the
/// openings with free seats and their reasons; with `replan` (match --previous, section 7)
/// also `previous` and `changes`.
std::string result_json(const Instance& instance, const Plan& plan, const RunStats& stats,
                        const Replan* replan = nullptr, Language lang = Language::En);

/// The plan as CSV: citizen,opening,company,mentor,score,km,hours (score 6 decimals,
/// km 3 decimals), then one row per unplaced citizen with empty opening and its reason.
std::string plan_csv(const Instance& instance, const Plan& plan, Language lang = Language::En);

/// The candidate pairs as CSV: citizen,opening,score,km,needs_mentor; with `explain`, one
/// more column per score component (its value in [0, 1], 6 decimals) and the weights.
std::string candidates_csv(const Instance& instance, const CandidateGraph& graph, bool explain,
                           const ScoreWeights& weights);

/// What the consultant's table of a plan shows (plan_table).
struct PlanTableOptions {
  Language lang = Language::En;
  /// Placement rows, and rows of the unplaced, shown at most (0: every one, `--all`).
  std::size_t max_rows = 40;
  /// Only the rows of one housing area, target group (its code; "OTHER" for residents
  /// without one) or company; unset: all. With a company the unplaced are left out (they
  /// have no company). The status, totals, reasons and audit stay those of the whole plan.
  std::optional<Index> area;
  std::optional<std::string> group;
  std::optional<Index> company;
};

/// The consultant's table of a plan for the terminal: the status and totals; one row per
/// placement with the resident, housing area, target group, opening, its kind, the
/// company's full name, mentor, score, km, hours and whether a pin put it there; the
/// unplaced by name with their reason; counts by reason; the audit by group and area.
/// Columns are as wide as their longest entry (nothing is cut). O(rows shown + citizens).
std::string plan_table(const Instance& instance, const Plan& plan, const PlanTableOptions& options);
/// The same with the default filters (none).
std::string plan_table(const Instance& instance, const Plan& plan, std::size_t max_rows = 40,
                       Language lang = Language::En);

/// Sets the table's filters from what a consultant types: `area` an area's id or name,
/// `group` a target group's code, `company` a company's id or full name (each compared
/// without regard to case; empty: no filter). A value that names nothing throws InputError
/// located at the command line (`command line: --area: no housing area "x" ...`), its
/// message in options.lang.
void set_table_filters(const Instance& instance, PlanTableOptions& options, std::string_view area,
                       std::string_view group, std::string_view company);

/// `suggest --json` (contract section 8, "placematch-suggest/1"): the plan's value and each
/// suggestion with its pair's score, km, hours, needs_mentor, in_plan, possible, cost (absent
/// when impossible), status, changes and the score's components that apply. Exactly one
/// of `opening` / `citizen` is set.
std::string suggest_json(const Instance& instance, const CandidateGraph& graph, const Plan& plan,
                         std::optional<Index> opening, std::optional<Index> citizen,
                         const std::vector<Suggestion>& suggestions, const ScoreWeights& weights);
/// The same for the terminal: one line per suggestion with its cost and who else moves.
std::string suggest_table(const Instance& instance, const CandidateGraph& graph, const Plan& plan,
                          std::optional<Index> opening, std::optional<Index> citizen,
                          const std::vector<Suggestion>& suggestions, Language lang = Language::En);

/// `why --json` (contract section 9, "placematch-why/1").
/// `reason` and the rules' `message` are texts in `lang`; codes, ids and keys never change.
std::string why_json(const Instance& instance, const CandidateGraph& graph, const Why& why,
                     const ScoreWeights& weights, Language lang = Language::En);
/// The same in words for the terminal.
std::string why_text(const Instance& instance, const CandidateGraph& graph, const Why& why,
                     const ScoreWeights& weights, Language lang = Language::En);

/// The changes of a re-plan in words, one line each ("c059 moves from o30 to o08").
std::string changes_text(const std::vector<PlanChange>& changes, Language lang = Language::En);

/// The summary `placematch validate` prints: residents by target group and area,
/// openings by kind with seats, companies, mentor capacity, decisions.
std::string instance_summary(const Instance& instance, Language lang = Language::En);

}  // namespace placematch
