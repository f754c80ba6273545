#pragma once
// placematch/plan/audit.hpp — the plan's audit: residents, placed, activation rate and mean
// score per target group and per housing area, so a board sees at once whether "the last
// ones" are left behind (issue 16). Every view (result JSON `groups`/`areas`, the terminal
// table, the benchmark counters) reads this one summary.
//
// Algorithm: one pass over the citizens and one over the placements, O(citizens +
// placements + groups + areas).
// Usage:
//   placematch::Audit a = placematch::audit_plan(instance, result.plan);
//   for (const auto& g : a.groups) std::cout << g.code << ' ' << g.rate() << '\n';
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "placematch/model/instance.hpp"
#include "placematch/plan/plan.hpp"

namespace placematch {

/// One target group or housing area of the audit.
struct AuditRow {
  std::string code;  ///< the target-group code (its spelling in the instance) or the area id
  std::string name;  ///< the group's or area's display name (may be empty)
  Index residents = 0;         ///< citizens of the instance in it
  Index placed = 0;            ///< of them, placed by the plan (the count type of Plan::placed)
  std::int64_t score = 0;      ///< total score of their placements, millionths
  /// placed / residents (0 when there are no residents).
  double rate() const {
    return residents > 0 ? static_cast<double>(placed) / static_cast<double>(residents) : 0.0;
  }
  /// Mean score of their placements in [0, 1], or nullopt when none is placed.
  std::optional<double> mean_score() const {
    if (placed == 0) return std::nullopt;
    return static_cast<double>(score) / 1e6 / static_cast<double>(placed);
  }
};

struct Audit {
  /// The instance's target groups that have residents, in the order of its target-group
  /// table (target_groups.csv, or the default set of contract section 5).
  std::vector<AuditRow> groups;
  /// The housing areas that have residents, in file order.
  std::vector<AuditRow> areas;
};

/// One floor of the instance against a plan (contract section 12).
struct FloorRow {
  FloorScope scope = FloorScope::Group;
  std::string code;             ///< the target-group code or the area id
  std::int64_t residents = 0;   ///< residents of the group or area
  std::int64_t required = 0;    ///< ceil(min_share x residents) (Floor::required)
  std::int64_t placed = 0;      ///< of them placed by the plan
  std::int64_t shortfall = 0;   ///< max(0, required - placed)
};

/// Every floor of the instance, in file order, recounted on `plan`. O(citizens + floors).
std::vector<FloorRow> floor_rows(const Instance& instance, const Plan& plan);

/// The audit of `plan` on `instance`. Citizens whose target group is not one of the
/// instance's groups (never the case for a loaded instance) are counted under their own
/// code, after the table's groups.
Audit audit_plan(const Instance& instance, const Plan& plan);

}  // namespace placematch
