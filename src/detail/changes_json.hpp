#pragma once
// src/detail/changes_json.hpp — the `changes` array of contract sections 7-9 (internal: the
// result JSON and the suggest/why outputs share it).
#include <nlohmann/json.hpp>
#include <vector>

#include "placematch/planner/planner.hpp"

namespace placematch::detail {

/// [{"citizen", "before", "after", "change"}], before/after null when not placed.
inline nlohmann::ordered_json changes_json(const std::vector<PlanChange>& changes) {
  using J = nlohmann::ordered_json;
  J out = J::array();
  for (const PlanChange& c : changes)
    out.push_back({{"citizen", c.citizen_id},
                   {"before", c.before ? J(*c.before) : J(nullptr)},
                   {"after", c.after ? J(*c.after) : J(nullptr)},
                   {"change", std::string(to_string(c.kind))}});
  return out;
}

}  // namespace placematch::detail
