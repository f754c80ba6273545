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

std::optional<Phase> parse_phase(std::string_view text) { return detail::parse_enum<Phase>(text, kPhaseCount); }

}  // namespace placematch
