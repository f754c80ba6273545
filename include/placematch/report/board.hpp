#pragma once
// placematch/report/board.hpp — the report for the board of the housing-social plan and the
// company network (contract section 11, `placematch report PATH --html FILE`).
//
// board_figures() counts everything the report shows from the instance and the plan, once:
// the activation rate against the goal and the baseline, residents / placed / rate per
// target group × housing area, placements and seats per opening kind, the unplaced by
// reason, the empty seats, mentors used and free, and (with an earlier plan) the changes.
// With floors (contract section 12) the page has a floors section: per floor its scope,
// residents, required, placed and shortfall (floor_rows on the plan, a shortfall
// highlighted), the total shortfall and the price of the floors as the planner computed
// them (Plan::floors; nothing is re-optimised here).
// board_report_html() renders those figures as one self-contained HTML page (inline CSS and
// SVG, no script, no resource from elsewhere; printable on A4), with a map of the housing
// areas and companies (lat/lon projected equirectangularly around the mean latitude and
// scaled to fit) and a line per placement. Every number in the page is one of the figures;
// the main ones carry `data-figure` attributes so programs can read them back.
// Texts are in the options' language. O(citizens + openings + placements + areas × groups).
//
// Usage:
//   auto r = placematch::match(instance);
//   placematch::BoardOptions opt;
//   opt.lang = placematch::Language::Da;
//   std::string html = placematch::board_report_html(instance, r.plan, opt);
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "placematch/model/instance.hpp"
#include "placematch/model/messages.hpp"
#include "placematch/plan/plan.hpp"

namespace placematch {

/// The placements of an earlier plan, by ids (io/previous.hpp reads them from a result
/// JSON; planner/planner.hpp re-plans against them).
struct EarlierPlan {
  std::vector<std::pair<std::string, std::string>> placements;  // (citizen id, opening id)
};

struct BoardOptions {
  double goal = 0.85;      // activation rate aimed at, in (0, 1]
  double baseline = 0.20;  // the rate before the plan, in [0, 1]
  Language lang = Language::En;
  std::optional<EarlierPlan> previous;  // shows the changes against it when given
};

/// One count with a share of residents.
struct BoardCell {
  std::int64_t residents = 0;
  std::int64_t placed = 0;
  double rate() const {
    return residents > 0 ? static_cast<double>(placed) / static_cast<double>(residents) : 0.0;
  }
};

/// A change against the earlier plan (contract section 7's spelling of `change`).
struct BoardChange {
  std::string citizen, before, after;  // ids; empty: none
  std::string change;                  // "moved", "unplaced", "placed", "gone"
};

struct BoardFigures {
  BoardCell total;
  Status status = Status::NotSolved;
  std::vector<CodeId> groups;                 // target groups with residents, table order
  std::vector<Index> areas;                   // housing areas with residents, file order
  std::vector<std::vector<BoardCell>> cells;  // [group][area]
  std::vector<BoardCell> group_totals;        // per group
  std::vector<BoardCell> area_totals;         // per area
  struct Kind {
    OpeningKind kind;
    std::int64_t openings = 0, seats = 0, placed = 0;
  };
  std::vector<Kind> kinds;  // kinds with openings, in the contract's order
  std::vector<std::pair<std::string, std::int64_t>> unplaced_by_reason;  // code, count (code order)
  std::int64_t seats = 0, free_seats = 0, openings_with_free_seats = 0;
  /// Free seats by the contract's empty-seat reason code when the plan carries its
  /// `empty_seats` (empty_by_reason), otherwise by opening kind (the kind's code).
  std::vector<std::pair<std::string, std::int64_t>> empty_seats_by;
  bool empty_by_reason = false;
  std::int64_t mentors = 0, mentor_room = 0, mentor_used = 0, mentored_placements = 0;
  std::int64_t companies = 0, companies_used = 0;
  std::optional<std::vector<BoardChange>> changes;  // with an earlier plan
  std::int64_t previous_placements = 0, kept = 0;
};

/// The report's figures (see the file comment). O(citizens + openings + placements).
BoardFigures board_figures(const Instance& instance, const Plan& plan, const BoardOptions& options = {});

/// The report as one self-contained HTML page (UTF-8).
std::string board_report_html(const Instance& instance, const Plan& plan, const BoardOptions& options = {});

}  // namespace placematch
