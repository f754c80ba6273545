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

std::string openings_word(int n) {
  return std::to_string(n) + (n == 1 ? " opening" : " openings");
}

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
  const std::string within = "within " + format_short(c.max_km) + " km";

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
  auto fail = [&](ReasonCode code, std::string text) {
    r.code = code;
    r.reason = std::move(text);
    return r;
  };

  if (left.empty())
    return fail(ReasonCode::NoOpeningInReach,
                "no opening " + within + " of " + (area.name.empty() ? area.id : area.name));

  if (keep([&](const Opening& o, Index) { return hours_overlap(c, o); })) {
    const double lo = std::max(0.0, c.hours - c.hours_tolerance), hi = c.hours + c.hours_tolerance;
    const std::string band = c.hours_tolerance > 0 ? format_short(lo) + "-" + format_short(hi) : format_short(c.hours);
    return fail(ReasonCode::Hours, "no opening " + within + " offers " + band + " hours a week");
  }
  const int fit_hours = static_cast<int>(left.size());

  {
    std::map<std::pair<CodeId, int>, int> missing;
    for (Index o : left)
      for (const CodeLevel& need : in.openings[static_cast<std::size_t>(o)].required)
        if (level_of(c.competences, need.code) < need.level) ++missing[{need.code, need.level}];
    if (keep([&](const Opening& o, Index) { return has_competences(c, o); })) {
      const auto [code, n] = most_often(missing);
      return fail(ReasonCode::Competences,
                  openings_word(fit_hours) + " " + within +
                      " fit the hours, but each requires a competence the citizen lacks; most "
                      "often missing: " +
                      in.codes.name(code.code) + " at level " + std::to_string(code.level));
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
      return fail(ReasonCode::Barriers,
                  openings_word(before) + " " + within +
                      " fit the hours and competences, but none accepts the citizen's barrier " +
                      in.codes.name(b.code) + " at severity " + std::to_string(b.level));
    }
  }
  {
    const int before = static_cast<int>(left.size());
    if (keep([&](const Opening& o, Index) { return group_and_age_ok(c, o); })) {
      const std::string group =
          c.target_group == kNone ? std::string("(none)") : in.codes.name(c.target_group);
      return fail(ReasonCode::GroupOrAge,
                  openings_word(before) + " " + within +
                      " fit the hours, competences and barriers, but none is open to target "
                      "group " + group + " at age " + std::to_string(c.age));
    }
  }
  {
    const int before = static_cast<int>(left.size());
    if (keep([&](const Opening&, Index o) { return not_excluded(in, impl_->forbidden, citizen, o); }))
      return fail(ReasonCode::Excluded,
                  openings_word(before) + " " + within +
                      " would fit, but each is at a company the citizen is excluded from or "
                      "forbidden by a consultant's decision");
  }
  {
    const int before = static_cast<int>(left.size());
    if (keep([&](const Opening&, Index o) { return mentor_available(in, citizen, o); }))
      return fail(ReasonCode::NoMentor,
                  openings_word(before) + " " + within +
                      " would fit, but each needs a mentor and the companies have no mentor "
                      "with free capacity");
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
  r.reason = openings_word(n) + (n == 1 ? " fits" : " fit") + ", but " +
             (n == 1 ? "its seats or mentors" : "their seats or mentors") + " went to others";
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
    out.push_back({ci, why.code, std::move(why.reason)});
  }
  return out;
}

}  // namespace placematch
