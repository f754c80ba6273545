// make_problem: the matching problem of a validated instance and its candidate graph.
#include <algorithm>
#include <stdexcept>

#include "placematch/engine/solve.hpp"

namespace placematch {

MatchingProblem make_problem(const Instance& instance, const CandidateGraph& graph) {
  MatchingProblem p;
  const auto citizens = static_cast<Index>(graph.num_citizens());
  if (citizens != static_cast<Index>(instance.citizens.size()))
    throw std::invalid_argument("make_problem: the candidate graph is not of this instance");
  p.num_citizens = citizens;
  p.num_openings = static_cast<Index>(instance.openings.size());
  p.arc_begin = graph.offsets;
  p.arc_opening = graph.opening;
  p.arc_score.assign(graph.score.begin(), graph.score.end());
  p.arc_pooled = graph.needs_mentor;
  const std::size_t companies = instance.companies.size();
  p.seats.reserve(instance.openings.size());
  p.opening_cap_group.reserve(instance.openings.size());
  p.opening_pool.reserve(instance.openings.size());
  for (const Opening& o : instance.openings) {
    p.seats.push_back(o.seats);
    const bool capped = counts_for_reasonableness(o.kind) &&
                        instance.companies[static_cast<std::size_t>(o.company)].employees.has_value();
    p.opening_cap_group.push_back(capped ? o.company : kNone);
    p.opening_pool.push_back(o.company);
  }
  p.cap_group_limit.resize(companies, 0);
  p.pool_limit.resize(companies, 0);
  for (std::size_t k = 0; k < companies; ++k) {
    const auto cap = instance.reasonableness_cap(static_cast<Index>(k));
    p.cap_group_limit[k] = cap ? std::max(0, *cap) : 0;
    p.pool_limit[k] = std::max(0, instance.mentor_pool(static_cast<Index>(k)));
  }
  for (const Decision& d : instance.decisions) {
    if (d.kind != DecisionKind::Pin) continue;
    const ArcIndex arc = graph.find(d.citizen, d.opening);
    if (arc == kNone)
      throw std::invalid_argument("make_problem: pinned pair is not feasible (" + d.where + ")");
    p.pinned_arcs.push_back(arc);
  }
  return p;
}

}  // namespace placematch
