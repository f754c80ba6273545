// Why a citizen is left unplaced: the first rule of section 2 that empties their reach.
#include "placematch/explain/reasons.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "placematch/model/format.hpp"
#include "placematch/rules/rules.hpp"
#include "detail/spatial.hpp"

namespace placematch {

namespace {

/// The code most often counted (ties: the smallest code id, for determinism).
std::pair<CodeLevel, int> most_often(const std::map<std::pair<CodeId, int>, int>& counts) {
  std::pair<CodeLevel, int> best{{kNone, 0}, 0};
  for (const auto& [key, n] : counts)
    if (n > best.second) best = {{key.first, key.second}, n};
  return best;
}

}  // namespace

struct ReasonFinder::Impl {
  explicit Impl(const Instance& instance) : in(instance), index(instance), forbidden(instance) {}
  const Instance& in;
  detail::CompanyIndex index;
  ForbiddenPairs forbidden;
};

ReasonFinder::ReasonFinder(const Instance& instance) : impl_(std::make_unique<Impl>(instance)) {}
ReasonFinder::~ReasonFinder() = default;
ReasonFinder::ReasonFinder(ReasonFinder&&) noexcept = default;
ReasonFinder& ReasonFinder::operator=(ReasonFinder&&) noexcept = default;

UnplacedReason ReasonFinder::operator()(Index citizen, bool has_candidates) const {
  const Instance& in = impl_->in;
  const Citizen& c = in.citizens[static_cast<std::size_t>(citizen)];
  const Area& area = in.areas[static_cast<std::size_t>(c.area)];

  // Rule 1: the openings within reach, ascending.
  std::vector<detail::CompanyInReach> hits;
  impl_->index.within(area.lat, area.lon, c.max_km, hits);
  std::vector<Index> left;
  for (const detail::CompanyInReach& h : hits)
    if (within_distance_km(c, h.km))
      for (Index o : in.company_openings[static_cast<std::size_t>(h.company)]) left.push_back(o);
  std::sort(left.begin(), left.end());

  UnplacedReason r;
  r.openings_in_reach = static_cast<int>(left.size());
  auto keep = [&](auto&& pred) {
    std::vector<Index> next;
    for (Index o : left)
      if (pred(in.openings[static_cast<std::size_t>(o)], o)) next.push_back(o);
    const bool emptied = next.empty();
    if (!emptied) left = std::move(next);
    return emptied;
  };
  auto fail = [&](ReasonCode code, MessageId id, std::vector<MessageArg> args) {
    r.code = code;
    r.message = {id, std::move(args)};
    r.reason = render(r.message, Language::En);
    return r;
  };
  const double km = c.max_km;

  if (left.empty())
    return fail(ReasonCode::NoOpeningInReach, MessageId::ReasonNoOpeningInReach,
                {{"km", km}, {"area", area.name.empty() ? area.id : area.name}});

  if (keep([&](const Opening& o, Index) { return hours_overlap(c, o); })) {
    const double lo = std::max(0.0, c.hours - c.hours_tolerance), hi = c.hours + c.hours_tolerance;
    if (c.hours_tolerance > 0)
      return fail(ReasonCode::Hours, MessageId::ReasonHoursBand, {{"km", km}, {"lo", lo}, {"hi", hi}});
    return fail(ReasonCode::Hours, MessageId::ReasonHoursExact, {{"km", km}, {"hours", c.hours}});
  }
  const int fit_hours = static_cast<int>(left.size());

  {
    std::map<std::pair<CodeId, int>, int> missing;
    for (Index o : left)
      for (const CodeLevel& need : in.openings[static_cast<std::size_t>(o)].required)
        if (level_of(c.competences, need.code) < need.level) ++missing[{need.code, need.level}];
    if (keep([&](const Opening& o, Index) { return has_competences(c, o); })) {
      const auto [code, n] = most_often(missing);
      return fail(ReasonCode::Competences, MessageId::ReasonCompetences,
                  {{"n", fit_hours}, {"km", km}, {"code", in.codes.name(code.code)}, {"level", code.level}});
    }
  }
  {
    std::map<std::pair<CodeId, int>, int> blocking;
    for (Index o : left)
      if (auto b = blocking_barrier(c, in.openings[static_cast<std::size_t>(o)]))
        ++blocking[{b->code, b->level}];
    const int before = static_cast<int>(left.size());
    if (keep([&](const Opening& o, Index) { return barriers_accepted(c, o); })) {
      const auto [b, n] = most_often(blocking);
      return fail(ReasonCode::Barriers, MessageId::ReasonBarriers,
                  {{"n", before}, {"km", km}, {"code", in.codes.name(b.code)}, {"level", b.level}});
    }
  }
  {
    const int before = static_cast<int>(left.size());
    if (keep([&](const Opening& o, Index) { return group_and_age_ok(c, o); })) {
      // A citizen without a target group gets the catalogue's "(none)" in English.
      const std::string group = c.target_group == kNone ? text(MessageId::NoTargetGroup, Language::En)
                                                        : in.codes.name(c.target_group);
      return fail(ReasonCode::GroupOrAge, MessageId::ReasonGroupOrAge,
                  {{"n", before}, {"km", km}, {"group", group}, {"age", c.age}});
    }
  }
  {
    const int before = static_cast<int>(left.size());
    if (keep([&](const Opening&, Index o) { return not_excluded(in, impl_->forbidden, citizen, o); }))
      return fail(ReasonCode::Excluded, MessageId::ReasonExcluded, {{"n", before}, {"km", km}});
  }
  {
    const int before = static_cast<int>(left.size());
    if (keep([&](const Opening&, Index o) { return mentor_available(in, citizen, o); }))
      return fail(ReasonCode::NoMentor, MessageId::ReasonNoMentor, {{"n", before}, {"km", km}});
  }
  (void)has_candidates;  // with feasible openings the reason is the plan itself
  UnplacedReason taken = taken_by_others(static_cast<int>(left.size()));
  taken.openings_in_reach = r.openings_in_reach;
  return taken;
}

UnplacedReason taken_by_others(int feasible_openings) {
  UnplacedReason r;
  const int n = feasible_openings;
  r.code = ReasonCode::TakenByOthers;
  r.openings_feasible = n;
  r.message = {MessageId::ReasonTakenByOthers, {{"n", n}}};
  r.reason = render(r.message, Language::En);
  return r;
}

UnplacedReason unplaced_reason(const Instance& instance, Index citizen, bool has_candidates) {
  return ReasonFinder(instance)(citizen, has_candidates);
}

std::vector<Unplaced> explain_unplaced(const Instance& in, const CandidateGraph& graph, const Plan& plan) {
  std::vector<char> placed(in.citizens.size());
  for (const Placement& p : plan.placements) placed[static_cast<std::size_t>(p.citizen)] = 1;
  std::vector<Unplaced> out;
  std::optional<ReasonFinder> reasons;  // built on the first citizen without candidates
  for (std::size_t c = 0; c < in.citizens.size(); ++c) {
    if (placed[c]) continue;
    const Index ci = static_cast<Index>(c);
    // With candidates the reason is the plan itself (taken_by_others); only citizens
    // without any need the rules walked through (ReasonFinder).
    const auto candidates = graph.end(ci) - graph.begin(ci);
    if (candidates == 0 && !reasons) reasons.emplace(in);
    UnplacedReason why = candidates > 0 ? taken_by_others(static_cast<int>(candidates)) : (*reasons)(ci, false);
    out.push_back({ci, why.code, std::move(why.reason), std::move(why.message)});
  }
  return out;
}

}  // namespace placematch
