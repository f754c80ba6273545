// The shape checks of a MatchingProblem (see src/detail/component_solver.hpp).
#include <algorithm>
#include <stdexcept>
#include <string>

#include "detail/component_solver.hpp"

namespace placematch::detail {

namespace {
void require(bool ok, const char* what) {  // a literal: no string is built unless it fails
  if (!ok) throw std::invalid_argument(std::string("MatchingProblem: ") + what);
}

// The CSR rows and every array's size.
void validate_shape(const MatchingProblem& p) {
  require(p.arc_begin.size() == at(p.num_citizens) + 1, "arc_begin must have num_citizens + 1 entries");
  require(p.arc_begin.front() == 0, "arc_begin[0] must be 0");
  for (Index c = 0; c < p.num_citizens; ++c)
    require(p.arc_begin[at(c)] <= p.arc_begin[at(c) + 1], "arc_begin must not decrease");
  const std::size_t arcs = at(p.arc_begin.back());
  require(p.arc_opening.size() == arcs && p.arc_score.size() == arcs && p.arc_pooled.size() == arcs,
          "arc arrays must have arc_begin.back() entries");
  require(p.seats.size() == at(p.num_openings) && p.opening_cap_group.size() == at(p.num_openings) &&
              p.opening_pool.size() == at(p.num_openings),
          "opening arrays must have num_openings entries");
}

// Every index in range, every score and capacity in its domain.
void validate_values(const MatchingProblem& p) {
  require(p.max_score >= 1 && p.max_score <= (std::int64_t{1} << 52), "max_score outside [1, 2^52]");
  const std::size_t arcs = at(p.arc_begin.back());
  for (std::size_t e = 0; e < arcs; ++e) {
    require(p.arc_opening[e] >= 0 && p.arc_opening[e] < p.num_openings, "arc opening out of range");
    require(p.arc_score[e] >= 0 && p.arc_score[e] <= p.max_score, "arc score outside [0, max_score]");
  }
  for (Index o = 0; o < p.num_openings; ++o) {
    require(p.seats[at(o)] >= 0, "negative seats");
    const Index g = p.opening_cap_group[at(o)];
    require(g == kNone || (g >= 0 && at(g) < p.cap_group_limit.size()), "cap group out of range");
    const Index k = p.opening_pool[at(o)];
    require(k == kNone || (k >= 0 && at(k) < p.pool_limit.size()), "pool out of range");
  }
  for (auto l : p.cap_group_limit) require(l >= 0, "negative cap group limit");
  for (auto l : p.pool_limit) require(l >= 0, "negative pool limit");
  for (ArcIndex e : p.pinned_arcs) require(e >= 0 && at(e) < arcs, "pinned arc out of range");
}
}  // namespace

void validate(const MatchingProblem& p) {
  require(p.num_citizens >= 0 && p.num_openings >= 0, "negative sizes");
  validate_shape(p);
  validate_values(p);
}

Clock::time_point deadline_after(double seconds) {
  return Clock::now() + std::chrono::duration_cast<Clock::duration>(
                            std::chrono::duration<double>(std::min(std::max(0.0, seconds), 1e7)));
}

}  // namespace placematch::detail
