// Reasons for the seats a plan leaves empty (contract v2, section 6).
#include "placematch/explain/empty_seats.hpp"

#include <algorithm>
#include <string>

namespace placematch {

namespace {

std::size_t at(Index i) { return static_cast<std::size_t>(i); }

using M = MessageId;

const std::string& company_name(const Company& k) { return k.name.empty() ? k.id : k.name; }

// The words come from the message catalogue (placematch/model/messages.hpp).
Message text_no_candidate(const Opening& o) { return {M::EmptyNoCandidate, {{"opening", o.id}}}; }

Message text_reasonableness(const Company& k, const Opening& o, int used) {
  return {M::EmptyReasonableness,
          {{"company", company_name(k)}, {"kinds", kinds_message(o.kind)}, {"employees", *k.employees},
           {"supported", k.supported_now}, {"used", used}}};
}

Message text_no_mentor(const Company& k, const Opening& o, long unplaced, int pool) {
  if (unplaced == 0) return {M::EmptyNoMentorNobody, {{"opening", o.id}, {"company", company_name(k)}, {"pool", pool}}};
  return {M::EmptyNoMentor, {{"n", unplaced}, {"opening", o.id}, {"company", company_name(k)}, {"pool", pool}}};
}

Message text_elsewhere(const Opening& o, long candidates, long unplaced) {
  if (unplaced == 0)
    return candidates == 1 ? Message{M::EmptyElsewhereOne, {{"opening", o.id}}}
                           : Message{M::EmptyElsewhereAll, {{"n", candidates}, {"opening", o.id}}};
  return {M::EmptyElsewhereSome,
          {{"elsewhere", candidates - unplaced}, {"n", candidates}, {"opening", o.id}, {"unplaced", unplaced}}};
}

}  // namespace

std::vector<EmptySeat> empty_seats(const Instance& in, const CandidateGraph& graph, const Plan& plan) {
  const std::size_t m = in.openings.size(), companies = in.companies.size();
  std::vector<int> taken(m, 0), capped_used(companies, 0), pooled_used(companies, 0);
  std::vector<char> placed(in.citizens.size(), 0);
  for (const Placement& p : plan.placements) {
    const Opening& o = in.openings[at(p.opening)];
    ++taken[at(p.opening)];
    placed[at(p.citizen)] = 1;
    if (counts_for_reasonableness(o.kind)) ++capped_used[at(o.company)];
    if (p.arc >= 0 ? graph.needs_mentor[static_cast<std::size_t>(p.arc)] != 0
                   : (in.citizens[at(p.citizen)].needs_mentor || o.mentor_required))
      ++pooled_used[at(o.company)];
  }
  // Per opening: feasible pairs, unplaced ones, unplaced ones that need no mentor.
  std::vector<long> candidates(m, 0), unplaced(m, 0), unplaced_free(m, 0);
  for (Index c = 0; c < static_cast<Index>(graph.num_citizens()); ++c) {
    for (std::int64_t e = graph.begin(c); e < graph.end(c); ++e) {
      const auto o = at(graph.opening[static_cast<std::size_t>(e)]);
      ++candidates[o];
      if (!placed[at(c)]) {
        ++unplaced[o];
        if (!graph.needs_mentor[static_cast<std::size_t>(e)]) ++unplaced_free[o];
      }
    }
  }
  std::vector<EmptySeat> out;
  for (std::size_t oi = 0; oi < m; ++oi) {
    const Opening& o = in.openings[oi];
    const int free = o.seats - taken[oi];
    if (free <= 0) continue;
    EmptySeat s;
    s.opening = static_cast<Index>(oi);
    s.free = free;
    const Company& k = in.companies[at(o.company)];
    const auto cap = in.reasonableness_cap(o.company);
    const int pool = std::max(0, in.mentor_pool(o.company));
    if (candidates[oi] == 0) {
      s.reason_code = "no_candidate";
      s.message = text_no_candidate(o);
    } else if (counts_for_reasonableness(o.kind) && cap && capped_used[at(o.company)] >= std::max(0, *cap)) {
      s.reason_code = "reasonableness";
      s.message = text_reasonableness(k, o, capped_used[at(o.company)]);
    } else if (unplaced_free[oi] == 0 && pooled_used[at(o.company)] >= pool) {
      s.reason_code = "no_mentor";
      s.message = text_no_mentor(k, o, unplaced[oi], pool);
    } else {
      s.reason_code = "candidates_placed_elsewhere";
      s.message = text_elsewhere(o, candidates[oi], unplaced[oi]);
    }
    s.reason = render(s.message, Language::En);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace placematch
