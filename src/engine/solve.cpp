// The façade of the matching engine: Matcher and solve() (see engine/solve.hpp).
#include "placematch/engine/solve.hpp"

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "detail/component_solver.hpp"

namespace placematch {

namespace {
// A hash per array of the problem (sizes included), in the order of kProblemArrays.
constexpr const char* kProblemArrays[] = {
    "num_citizens/num_openings", "arc_begin", "arc_opening", "arc_score", "arc_pooled", "seats",
    "opening_cap_group", "cap_group_limit", "opening_pool", "pool_limit", "pinned_arcs", "max_score"};

template <class T>
std::size_t hash_array(const std::vector<T>& v) {
  const std::string_view bytes(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  return std::hash<std::string_view>{}(bytes) ^ (v.size() * 0x9E3779B97F4A7C15ull);
}

std::vector<std::size_t> fingerprint(const MatchingProblem& p) {
  return {std::hash<std::int64_t>{}((std::int64_t{p.num_citizens} << 32) ^ p.num_openings),
          hash_array(p.arc_begin), hash_array(p.arc_opening), hash_array(p.arc_score),
          hash_array(p.arc_pooled), hash_array(p.seats), hash_array(p.opening_cap_group),
          hash_array(p.cap_group_limit), hash_array(p.opening_pool), hash_array(p.pool_limit),
          hash_array(p.pinned_arcs), std::hash<std::int64_t>{}(p.max_score)};
}

std::string out_of_range(const char* what, std::int64_t index, std::int64_t size) {
  return std::string(what) + " " + std::to_string(index) + " out of range [0, " + std::to_string(size) + ")";
}
}  // namespace

Matcher::Matcher(MatchingProblem&& problem)
    : problem_(std::make_shared<const MatchingProblem>(std::move(problem))) {
  init();
}
Matcher::Matcher(const MatchingProblem& problem)
    : problem_(std::make_shared<const MatchingProblem>(problem)) {
  init();
}
Matcher::Matcher(std::shared_ptr<const MatchingProblem> problem) : problem_(std::move(problem)) {
  if (!problem_) throw std::invalid_argument("Matcher: null problem");
  init();
  fingerprint_ = fingerprint(*problem_);
}
Matcher::Matcher(std::shared_ptr<const MatchingProblem> problem, Unchecked) : problem_(std::move(problem)) {
  init();
}
void Matcher::init() {
  detail::validate(*problem_);
  state_ = std::make_unique<detail::SolverState>(*problem_);
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
  if (opening < 0 || opening >= problem_->num_openings)
    throw std::invalid_argument("Matcher::set_seats: " + out_of_range("opening", opening, problem_->num_openings));
  if (seats < 0)
    throw std::invalid_argument("Matcher::set_seats: negative seats " + std::to_string(seats) + " for opening " +
                                std::to_string(opening));
  state_->set_seats(opening, seats);
  return *this;
}
Matcher& Matcher::forbid(ArcIndex arc, bool forbidden) {
  if (arc < 0 || arc >= problem_->arc_begin.back())
    throw std::invalid_argument("Matcher::forbid: " + out_of_range("arc", arc, problem_->arc_begin.back()));
  state_->forbid(arc, forbidden);
  return *this;
}
Matcher& Matcher::set_score(ArcIndex arc, std::int64_t score) {
  if (arc < 0 || arc >= problem_->arc_begin.back())
    throw std::invalid_argument("Matcher::set_score: " + out_of_range("arc", arc, problem_->arc_begin.back()));
  if (score < 0 || score > problem_->max_score)
    throw std::invalid_argument("Matcher::set_score: score " + std::to_string(score) + " for arc " + std::to_string(arc) +
                                " outside [0, max_score = " + std::to_string(problem_->max_score) + "]");
  state_->set_score(arc, score);
  return *this;
}
Matcher& Matcher::pin(ArcIndex arc, bool pinned) {
  if (arc < 0 || arc >= problem_->arc_begin.back())
    throw std::invalid_argument("Matcher::pin: " + out_of_range("arc", arc, problem_->arc_begin.back()));
  state_->pin(arc, pinned);
  return *this;
}

Matcher& Matcher::warm_start(const WarmStart& start) {
  const MatchingProblem& p = *problem_;
  auto size_check = [](const char* what, std::size_t got, std::int64_t want) {
    if (got != 0 && got != static_cast<std::size_t>(want))
      throw std::invalid_argument(std::string("Matcher::warm_start: ") + what + " has " + std::to_string(got) +
                                  " entries, expected " + std::to_string(want) + " (or none)");
  };
  size_check("citizen_arc", start.citizen_arc.size(), p.num_citizens);
  size_check("opening_dual", start.opening_dual.size(), p.num_openings);
  size_check("cap_group_dual", start.cap_group_dual.size(), static_cast<std::int64_t>(p.cap_group_limit.size()));
  for (std::size_t c = 0; c < start.citizen_arc.size(); ++c) {
    const ArcIndex e = start.citizen_arc[c];
    if (e != kNone && (e < p.arc_begin[c] || e >= p.arc_begin[c + 1]))
      throw std::invalid_argument("Matcher::warm_start: citizen_arc[" + std::to_string(c) + "] = " + std::to_string(e) +
                                  " is not an arc of citizen " + std::to_string(c) + " [" +
                                  std::to_string(p.arc_begin[c]) + ", " + std::to_string(p.arc_begin[c + 1]) + ")");
  }
  auto price_check = [](const char* what, const std::vector<std::int64_t>& v) {
    for (std::size_t i = 0; i < v.size(); ++i)
      if (v[i] < 0)
        throw std::invalid_argument(std::string("Matcher::warm_start: ") + what + "[" + std::to_string(i) +
                                    "] is negative (" + std::to_string(v[i]) + ")");
  };
  price_check("opening_dual", start.opening_dual);
  price_check("cap_group_dual", start.cap_group_dual);
  state_->seed(start);
  return *this;
}

Status Matcher::run() {
  if (!fingerprint_.empty()) {
    const std::vector<std::size_t> now = fingerprint(*problem_);
    for (std::size_t i = 0; i < now.size(); ++i)
      if (now[i] != fingerprint_[i])
        throw std::logic_error(std::string("Matcher::run: the shared problem's ") + kProblemArrays[i] +
                               " changed after the Matcher was made (make a new Matcher for a changed problem)");
  }
  state_->run(options_, solution_);
  return solution_.status;
}

Solution solve(const MatchingProblem& problem, const SolveOptions& options) {
  // The caller's problem outlives this call and is not changed during it: share, not copy.
  Matcher m(std::shared_ptr<const MatchingProblem>(&problem, [](const MatchingProblem*) {}), Matcher::Unchecked{});
  m.options(options).run();
  return m.solution();
}

}  // namespace placematch
