// Printable names of the progress phases (see model/progress.hpp).
#include "placematch/model/progress.hpp"

#include "detail/enum_text.hpp"

namespace placematch {

std::string_view to_string(Phase phase) {
  switch (phase) {
    case Phase::Candidates: return "candidates";
    case Phase::Flow: return "flow";
    case Phase::PoolPrices: return "pool_prices";
    case Phase::Search: return "search";
    case Phase::Plan: return "plan";
    case Phase::Suggest: return "suggest";
    case Phase::Ceiling: return "ceiling";
    case Phase::Seats: return "seats";
    case Phase::Openings: return "openings";
    case Phase::Courses: return "courses";
    case Phase::Report: return "report";
  }
  return "?";  // not reached: every value is named above
}

void set_figures(Progress& p, std::int64_t placed, std::optional<std::int64_t> placed_bound, std::int64_t score,
                 std::int64_t score_bound) {
  p.incumbent = static_cast<double>(score) / 1e6;
  p.bound = static_cast<double>(score_bound) / 1e6;
  if (placed_bound) {
    p.placed = placed;
    p.placed_bound = placed_bound;
  }
  if (placed_bound && *placed_bound > placed)
    p.gap = static_cast<double>(*placed_bound - placed) / static_cast<double>(*placed_bound);
  else
    p.gap = score_bound > score ? static_cast<double>(score_bound - score) / static_cast<double>(score_bound) : 0.0;
}

std::optional<Phase> parse_phase(std::string_view text) { return detail::parse_enum<Phase>(text, kPhaseCount); }

}  // namespace placematch
