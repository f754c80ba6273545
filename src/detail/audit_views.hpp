#pragma once
// Internal: the views of a plan's audit (placematch/plan/audit.hpp) that the result JSON and
// the terminal table embed. O(rows).
#include <nlohmann/json.hpp>
#include <string>

#include "placematch/model/messages.hpp"
#include "placematch/plan/audit.hpp"

namespace placematch::detail {

/// The audit rows as a JSON array: [{"code", "name", "residents", "placed", "rate",
/// "mean_score"}], rate and mean score with 6 decimals, mean_score null when none is placed.
nlohmann::ordered_json audit_rows_json(const std::vector<AuditRow>& rows);

/// The floors of the instance against the plan (contract section 12): {"floors": [...],
/// "price_of_floors": {...}} members to merge into the result JSON; empty without floors.
nlohmann::ordered_json floors_json(const Instance& instance, const Plan& plan);

/// The floors for the terminal (empty without floors).
std::string floors_table(const Instance& instance, const Plan& plan, Language lang = Language::En);

/// The audit for the terminal: every target group, and the housing areas (at most
/// `max_areas` rows, then a line naming the lowest rate among the rest).
std::string audit_table(const Audit& audit, std::size_t max_areas = 12, Language lang = Language::En);

}  // namespace placematch::detail
