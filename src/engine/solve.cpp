// The façade of the matching engine: Matcher and solve() (see engine/solve.hpp).
#include "placematch/engine/solve.hpp"

#include <stdexcept>

#include "detail/component_solver.hpp"

namespace placematch {

Matcher::Matcher(const MatchingProblem& problem) : problem_(&problem) {
  detail::validate(problem);
  state_ = std::make_unique<detail::SolverState>(problem);
}
Matcher::~Matcher() = default;
Matcher::Matcher(Matcher&&) noexcept = default;
Matcher& Matcher::operator=(Matcher&&) noexcept = default;

Matcher& Matcher::objective(Objective objective) {
  options_.objective = objective;
  return *this;
}
Matcher& Matcher::time_limit(double seconds) {
  options_.time_limit_seconds = seconds;
  return *this;
}
Matcher& Matcher::options(const SolveOptions& options) {
  options_ = options;
  return *this;
}

Matcher& Matcher::set_seats(Index opening, std::int32_t seats) {
  if (opening < 0 || opening >= problem_->num_openings || seats < 0)
    throw std::invalid_argument("Matcher::set_seats: opening out of range or negative seats");
  state_->set_seats(opening, seats);
  return *this;
}
Matcher& Matcher::forbid(ArcIndex arc, bool forbidden) {
  if (arc < 0 || arc >= problem_->arc_begin.back()) throw std::invalid_argument("Matcher::forbid: arc out of range");
  state_->forbid(arc, forbidden);
  return *this;
}
Matcher& Matcher::pin(ArcIndex arc, bool pinned) {
  if (arc < 0 || arc >= problem_->arc_begin.back()) throw std::invalid_argument("Matcher::pin: arc out of range");
  state_->pin(arc, pinned);
  return *this;
}

Status Matcher::run() {
  state_->run(options_, solution_);
  return solution_.status;
}

Solution solve(const MatchingProblem& problem, const SolveOptions& options) {
  Matcher m(problem);
  m.options(options).run();
  return m.solution();
}

}  // namespace placematch
