// Printable names of Objective and Status (see objective.hpp).
#include "placematch/model/objective.hpp"

#include "detail/enum_text.hpp"

namespace placematch {

std::string_view to_string(Objective objective) {
  switch (objective) {
    case Objective::Placements: return "placements";
    case Objective::Score: return "score";
  }
  return "?";  // not reached: every value is named above
}

std::optional<Objective> parse_objective(std::string_view text) {
  return detail::parse_enum<Objective>(text, 2);
}

std::string_view to_string(Status status) {
  switch (status) {
    case Status::NotSolved: return "not_solved";
    case Status::Optimal: return "optimal";
    case Status::Feasible: return "feasible";
    case Status::Infeasible: return "infeasible";
    case Status::BadCostRange: return "bad_cost_range";
  }
  return "?";
}

std::optional<Status> parse_status(std::string_view text) { return detail::parse_enum<Status>(text, 5); }

}  // namespace placematch
