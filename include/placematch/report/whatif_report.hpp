#pragma once
// placematch/report/whatif_report.hpp — the outputs of `placematch whatif` (contract v2,
// section 10): the JSON ("placematch-whatif/1"), a CSV of the steps, and a table for the
// terminal that reads as a list a company consultant can take to the companies
// ("Alssund Supermarked, small job 10-14 h: +1 seat -> 98 placed"). Each returns the
// text; writing it (atomically) is the caller's. O(size of what they print).
#include <string>
#include <vector>

#include "placematch/io/whatif_files.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/model/messages.hpp"
#include "placematch/planner/whatif.hpp"

namespace placematch {

/// The what-if JSON: format, objective_name, residents, today, ceiling (with its
/// unreachable residents per area and target group), seats, openings, courses (the steps)
/// and courses_summary (budget, before/after, per course, and the labelled upper bound).
/// `instance` is the one whatif() was given (with the proposed openings, if any).
std::string whatif_json(const Instance& instance, const WhatIfResult& result,
                        const std::vector<Course>& courses);

/// One CSV row per step: section,step,opening,company,kind,citizen,course,cost,
/// budget_left,placed,score,gain_placed,gain_score,status (section: seats, openings,
/// courses; score with 6 decimals).
std::string whatif_csv(const Instance& instance, const WhatIfResult& result,
                       const std::vector<Course>& courses);

/// One figure in words: "97 placed (36.6 %), score 71.234", with " (not proven optimal;
/// bound N placed)" when the value is not proven. The words of the table and the workbench.
std::string whatif_value_words(const WhatIfValue& value, Index residents, Language lang = Language::En);

/// An opening in words: "Alssund Supermarked, small job 10–14 h (o02)".
std::string whatif_opening_words(const Instance& instance, Index opening, Language lang = Language::En);

/// The terminal table, its words in `lang` (ids, codes and rule codes unchanged).
std::string whatif_table(const Instance& instance, const WhatIfResult& result,
                         const std::vector<Course>& courses, Language lang = Language::En);

}  // namespace placematch
