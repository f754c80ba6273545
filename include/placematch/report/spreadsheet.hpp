#pragma once
// placematch/report/spreadsheet.hpp — the plan for a consultant's spreadsheet (contract
// section 11): the Danish spreadsheet dialect of any CSV output (`--excel`) and the plan as
// an Excel workbook (`match --xlsx`).
//
// to_excel_csv re-writes a CSV text of placematch (comma, decimal point, LF) as Danish
// Excel reads it: UTF-8 with a byte-order mark, ';' between cells, a decimal comma in the
// number columns, CRLF; RFC 4180 quoting is kept (a cell holding ';' is quoted). O(size).
//
// plan_xlsx writes the workbook with libxlsxwriter: sheets placements, unplaced, empty
// seats and summary (per target group and per housing area, from audit_plan), and with
// floors (contract section 12) a sheet floors (per floor: scope, code, name, residents,
// required, placed, shortfall; then the total shortfall and the price of the floors the
// planner computed, Plan::floors); numbers are numbers, ids and names are text, the header row of every sheet is frozen and filtered.
// Sheet names, headings and reasons are in `lang`. O(placements + citizens + openings).
//
// Usage:
//   std::string bytes = placematch::plan_xlsx(instance, result.plan, placematch::Language::Da);
//   placematch::write_file_atomically("plan.xlsx", bytes);
//   std::string excel = placematch::to_excel_csv(placematch::plan_csv(instance, plan),
//                                                placematch::kPlanCsvTextColumns);
#include <string>
#include <string_view>
#include <vector>

#include "placematch/model/instance.hpp"
#include "placematch/model/messages.hpp"
#include "placematch/plan/plan.hpp"

namespace placematch {

/// The columns of plan_csv and candidates_csv that hold text (ids, codes, words); every
/// other column holds numbers.
inline const std::vector<std::string_view> kPlanCsvTextColumns = {"citizen", "opening", "company", "mentor",
                                                                  "reason_code", "reason"};
inline const std::vector<std::string_view> kCandidatesCsvTextColumns = {"citizen", "opening"};

/// `csv` (placematch's own comma CSV, header first) in the Danish spreadsheet dialect:
/// BOM, ';', decimal comma in every cell of a column not in `text_columns` that is a
/// number, CRLF.
std::string to_excel_csv(std::string_view csv, const std::vector<std::string_view>& text_columns);

/// The plan as an .xlsx workbook (its bytes). Throws std::runtime_error when libxlsxwriter
/// fails (e.g. no room for its temporary file).
std::string plan_xlsx(const Instance& instance, const Plan& plan, Language lang = Language::En);

/// The display name of a target group in `lang`: the catalogue's name of a default group
/// (contract section 5) unless the instance names it otherwise, else the instance's name,
/// else the code.
std::string target_group_name(const Instance& instance, CodeId group, Language lang);

}  // namespace placematch
