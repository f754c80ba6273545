// The seven hard rules of data contract v1, section 2.
#include "placematch/rules/rules.hpp"

#include <algorithm>

#include "detail/enum_text.hpp"
#include "placematch/model/geo.hpp"

namespace placematch {

namespace {
constexpr double kEps = 1e-9;

const Citizen& citizen_of(const Instance& in, Index c) {
  return in.citizens[static_cast<std::size_t>(c)];
}
const Opening& opening_of(const Instance& in, Index o) {
  return in.openings[static_cast<std::size_t>(o)];
}
std::uint64_t pair_key(Index c, Index o) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(c)) << 32) |
         static_cast<std::uint32_t>(o);
}
}  // namespace

std::string_view to_string(Rule rule) {
  switch (rule) {
    case Rule::Distance: return "distance";
    case Rule::Hours: return "hours";
    case Rule::Competences: return "competences";
    case Rule::Barriers: return "barriers";
    case Rule::GroupOrAge: return "group_or_age";
    case Rule::Excluded: return "excluded";
    case Rule::Mentor: return "mentor";
  }
  return "?";  // not reached: every value is named above
}

std::optional<Rule> parse_rule(std::string_view text) {
  return detail::parse_enum<Rule>(text, kRuleCount);
}

std::string_view to_string(ReasonCode code) {
  switch (code) {
    case ReasonCode::NoOpeningInReach: return "no_opening_in_reach";
    case ReasonCode::Hours: return "hours";
    case ReasonCode::Competences: return "competences";
    case ReasonCode::Barriers: return "barriers";
    case ReasonCode::GroupOrAge: return "group_or_age";
    case ReasonCode::Excluded: return "excluded";
    case ReasonCode::NoMentor: return "no_mentor";
    case ReasonCode::TakenByOthers: return "taken_by_others";
  }
  return "?";
}

std::optional<ReasonCode> parse_reason_code(std::string_view text) {
  return detail::parse_enum<ReasonCode>(text, kReasonCodeCount);
}

ForbiddenPairs::ForbiddenPairs(const Instance& instance) {
  for (const Decision& d : instance.decisions)
    if (d.kind == DecisionKind::Forbid) keys_.push_back(pair_key(d.citizen, d.opening));
  std::sort(keys_.begin(), keys_.end());
  keys_.erase(std::unique(keys_.begin(), keys_.end()), keys_.end());
}

bool ForbiddenPairs::contains(Index citizen, Index opening) const {
  return std::binary_search(keys_.begin(), keys_.end(), pair_key(citizen, opening));
}

double pair_km(const Instance& in, Index citizen, Index opening) {
  const Area& a = in.areas[static_cast<std::size_t>(citizen_of(in, citizen).area)];
  const Company& k = in.companies[static_cast<std::size_t>(opening_of(in, opening).company)];
  return haversine_km(a.lat, a.lon, k.lat, k.lon);
}

bool within_distance_km(const Citizen& c, double km) { return km <= c.max_km + kEps; }

bool within_distance(const Instance& in, Index citizen, Index opening) {
  return within_distance_km(citizen_of(in, citizen), pair_km(in, citizen, opening));
}

bool hours_overlap(const Citizen& c, const Opening& o) {
  const double lo = std::max(c.hours - c.hours_tolerance, o.hours_min);
  const double hi = std::min(c.hours + c.hours_tolerance, o.hours_max);
  return lo <= hi + kEps;
}
bool hours_overlap(const Instance& in, Index citizen, Index opening) {
  return hours_overlap(citizen_of(in, citizen), opening_of(in, opening));
}

std::optional<CodeLevel> missing_competence(const Citizen& c, const Opening& o) {
  // Both lists are sorted by code: one merge pass.
  auto it = c.competences.begin();
  for (const CodeLevel& need : o.required) {
    while (it != c.competences.end() && it->code < need.code) ++it;
    const int held = (it != c.competences.end() && it->code == need.code) ? it->level : 0;
    if (held < need.level) return need;
  }
  return std::nullopt;
}
bool has_competences(const Citizen& c, const Opening& o) { return !missing_competence(c, o); }
bool has_competences(const Instance& in, Index citizen, Index opening) {
  return has_competences(citizen_of(in, citizen), opening_of(in, opening));
}

std::optional<CodeLevel> blocking_barrier(const Citizen& c, const Opening& o) {
  auto lim = o.barrier_limits.begin();
  for (const CodeLevel& b : c.barriers) {
    while (lim != o.barrier_limits.end() && lim->code < b.code) ++lim;
    if (lim == o.barrier_limits.end()) break;
    if (lim->code == b.code && b.level > lim->level) return b;
  }
  return std::nullopt;
}
bool barriers_accepted(const Citizen& c, const Opening& o) { return !blocking_barrier(c, o); }
bool barriers_accepted(const Instance& in, Index citizen, Index opening) {
  return barriers_accepted(citizen_of(in, citizen), opening_of(in, opening));
}

bool group_and_age_ok(const Citizen& c, const Opening& o) {
  if (!o.groups.empty() && !contains(o.groups, c.target_group)) return false;
  if (o.age_min && c.age < *o.age_min) return false;
  if (o.age_max && c.age > *o.age_max) return false;
  if (c.age < 18 && o.kind != OpeningKind::LeisureJob && o.kind != OpeningKind::Internship)
    return false;
  if (o.kind == OpeningKind::LeisureJob && (c.age < 13 || c.age > 17)) return false;
  return true;
}
bool group_and_age_ok(const Instance& in, Index citizen, Index opening) {
  return group_and_age_ok(citizen_of(in, citizen), opening_of(in, opening));
}

bool company_not_excluded(const Citizen& c, const Opening& o) {
  return !std::binary_search(c.excluded_companies.begin(), c.excluded_companies.end(), o.company);
}
bool not_excluded(const Instance& in, const ForbiddenPairs& forbidden, Index citizen,
                  Index opening) {
  return company_not_excluded(citizen_of(in, citizen), opening_of(in, opening)) &&
         !forbidden.contains(citizen, opening);
}

bool needs_mentor(const Citizen& c, const Opening& o) { return c.needs_mentor || o.mentor_required; }
bool needs_mentor(const Instance& in, Index citizen, Index opening) {
  return needs_mentor(citizen_of(in, citizen), opening_of(in, opening));
}

bool company_has_free_mentor(const Instance& in, Index company) {
  for (Index m : in.company_mentors[static_cast<std::size_t>(company)])
    if (in.mentors[static_cast<std::size_t>(m)].free_capacity() >= 1) return true;
  return false;
}

bool mentor_available(const Instance& in, Index citizen, Index opening) {
  return !needs_mentor(in, citizen, opening) ||
         company_has_free_mentor(in, opening_of(in, opening).company);
}

std::optional<Rule> first_broken_rule(const Instance& in, const ForbiddenPairs& forbidden,
                                      Index citizen, Index opening) {
  const Citizen& c = citizen_of(in, citizen);
  const Opening& o = opening_of(in, opening);
  if (!within_distance(in, citizen, opening)) return Rule::Distance;
  if (!hours_overlap(c, o)) return Rule::Hours;
  if (!has_competences(c, o)) return Rule::Competences;
  if (!barriers_accepted(c, o)) return Rule::Barriers;
  if (!group_and_age_ok(c, o)) return Rule::GroupOrAge;
  if (!not_excluded(in, forbidden, citizen, opening)) return Rule::Excluded;
  if (!mentor_available(in, citizen, opening)) return Rule::Mentor;
  return std::nullopt;
}

}  // namespace placematch
