// Outputs of the consultant's questions: suggest and why (JSON and words), re-plan changes.
#include <cmath>
#include <nlohmann/json.hpp>

#include "detail/changes_json.hpp"
#include "placematch/report/report.hpp"

namespace placematch {

namespace {

using J = nlohmann::ordered_json;
std::size_t at(Index i) { return static_cast<std::size_t>(i); }
double millionths(std::int64_t v) { return static_cast<double>(v) / 1e6; }
double rounded(double v, int decimals) {
  const double f = std::pow(10.0, decimals);
  return std::round(v * f) / f;
}
J number(double v, int decimals) {
  const double r = rounded(v, decimals);
  if (r == std::floor(r) && std::fabs(r) < 9e15) return static_cast<std::int64_t>(r);
  return r;
}
const std::string& company_name(const Company& k) { return k.name.empty() ? k.id : k.name; }

J components(const Instance& in, Index c, Index o, const ScoreWeights& weights) {
  const ScoreBreakdown b = explain_score(in, c, o, weights);
  J out = J::object();
  for (const ScoreComponent& x : b.components)
    if (x.weight > 0) out[std::string(x.name)] = rounded(x.value, 6);
  return out;
}

J cost_json(const Suggestion& s) {
  return {{"placed", s.cost.placed}, {"moved", s.cost.moved}, {"score", millionths(s.cost.score)}};
}

// A priced pair's fields (suggest and why): in today's plan, possible at all, and when
// possible its cost, whether that cost is proven, and the plan's changes.
void price_fields(J& row, const Suggestion& s) {
  row["in_plan"] = s.in_plan;
  row["possible"] = s.possible;
  if (s.possible) {
    row["cost"] = cost_json(s);
    row["status"] = s.optimal ? "optimal" : "feasible";
    row["changes"] = detail::changes_json(s.changes);
  }
}

J suggestion_json(const Instance& in, const CandidateGraph& g, const Suggestion& s, const ScoreWeights& weights) {
  const auto a = static_cast<std::size_t>(s.arc);
  const Opening& o = in.openings[at(s.opening)];
  J row;
  row["citizen"] = in.citizens[at(s.citizen)].id;
  row["opening"] = o.id;
  row["company"] = in.companies[at(o.company)].id;
  row["score"] = millionths(g.score[a]);
  row["km"] = rounded(g.km[a], 3);
  row["hours"] = number(agreed_hours(in.citizens[at(s.citizen)], o), 2);
  row["needs_mentor"] = g.needs_mentor[a] != 0;
  price_fields(row, s);
  row["components"] = components(in, s.citizen, s.opening, weights);
  return row;
}

// The texts of this file (English), in one place.
std::string text_change(const PlanChange& c) {
  switch (c.kind) {
    case PlanChange::Kind::Moved: return c.citizen_id + " moves from " + *c.before + " to " + *c.after;
    case PlanChange::Kind::Unplaced: return c.citizen_id + " loses the place at " + *c.before;
    case PlanChange::Kind::Placed: return c.citizen_id + " is placed at " + *c.after;
    case PlanChange::Kind::Gone: return c.citizen_id + " (at " + *c.before + ") is no longer in the instance";
  }
  return c.citizen_id;
}
std::string text_cost(const Suggestion& s) {
  if (!s.possible) return "not possible: no plan can hold this pair (pins)";
  if (s.in_plan) return "in the plan";
  std::string t = "costs " + std::to_string(s.cost.placed) + " placements, moves " + std::to_string(s.cost.moved) +
                  ", score " + format_millionths(s.cost.score);
  if (!s.optimal) t += " (at most: not proven)";
  return t;
}

}  // namespace

std::string changes_text(const std::vector<PlanChange>& changes) {
  std::string out;
  for (const PlanChange& c : changes) out += "  " + text_change(c) + "\n";
  return out;
}

std::string suggest_json(const Instance& in, const CandidateGraph& g, const Plan& plan, std::optional<Index> opening,
                         std::optional<Index> citizen, const std::vector<Suggestion>& list,
                         const ScoreWeights& weights) {
  J out;
  out["format"] = "placematch-suggest/1";
  if (opening) out["opening"] = in.openings[at(*opening)].id;
  if (citizen) out["citizen"] = in.citizens[at(*citizen)].id;
  out["objective_name"] = std::string(to_string(plan.objective));
  out["plan"] = {{"placed", plan.placed}, {"score", millionths(plan.score)}};
  J rows = J::array();
  for (const Suggestion& s : list) rows.push_back(suggestion_json(in, g, s, weights));
  out["suggestions"] = std::move(rows);
  return out.dump(1) + "\n";
}

std::string suggest_table(const Instance& in, const CandidateGraph& g, const Plan& plan, std::optional<Index> opening,
                          std::optional<Index> citizen, const std::vector<Suggestion>& list) {
  std::string out;
  if (opening) {
    const Opening& o = in.openings[at(*opening)];
    out += "Suggestions for " + o.id + " (" + std::string(to_string(o.kind)) + " at " +
           company_name(in.companies[at(o.company)]) + ", " + std::to_string(o.seats) + " seats)";
  } else {
    out += "Suggestions for " + in.citizens[at(*citizen)].id;
  }
  out += "; the plan places " + std::to_string(plan.placed) + ", score " + format_millionths(plan.score) + "\n";
  if (list.empty()) out += "  no feasible pair\n";
  for (const Suggestion& s : list) {
    const Opening& o = in.openings[at(s.opening)];
    out += "  " + in.citizens[at(s.citizen)].id + " at " + o.id + " (" + company_name(in.companies[at(o.company)]) +
           "), score " + format_millionths(g.score[static_cast<std::size_t>(s.arc)]) + ", " +
           format_fixed(g.km[static_cast<std::size_t>(s.arc)], 1) + " km: " + text_cost(s) + "\n";
    for (const PlanChange& c : s.changes)
      if (c.citizen != s.citizen) out += "      " + text_change(c) + "\n";
  }
  return out;
}

std::string why_json(const Instance& in, const CandidateGraph& g, const Why& w, const ScoreWeights& weights) {
  J out;
  out["format"] = "placematch-why/1";
  out["citizen"] = in.citizens[at(w.citizen)].id;
  if (w.placed) {
    const Placement& p = *w.placed;
    const Opening& o = in.openings[at(p.opening)];
    out["placed"] = {{"opening", o.id},
                     {"company", in.companies[at(o.company)].id},
                     {"mentor", p.mentor == kNone ? J(nullptr) : J(in.mentors[at(p.mentor)].id)},
                     {"score", millionths(p.score)},
                     {"km", rounded(p.km, 3)},
                     {"hours", number(p.hours, 2)},
                     {"pinned", p.pinned},
                     {"components", components(in, p.citizen, p.opening, weights)}};
  } else {
    out["placed"] = nullptr;
    out["reason_code"] = w.reason_code;
    out["reason"] = w.reason;
  }
  J list = J::array();
  for (const WhyOpening& wo : w.openings) {
    const Opening& o = in.openings[at(wo.opening)];
    J row;
    row["opening"] = o.id;
    row["company"] = in.companies[at(o.company)].id;
    row["km"] = rounded(wo.km, 3);
    row["feasible"] = wo.feasible;
    if (!wo.feasible) {
      J rules = J::array();
      for (const BrokenRule& r : wo.rules) rules.push_back({{"rule", r.code}, {"message", r.message}});
      row["rules"] = std::move(rules);
    } else {
      J holders = J::array();
      for (Index h : wo.holders) holders.push_back(in.citizens[at(h)].id);
      row["holders"] = std::move(holders);
      if (wo.price) {
        const Suggestion& s = *wo.price;
        row["score"] = millionths(g.score[static_cast<std::size_t>(s.arc)]);
        price_fields(row, s);
      }
    }
    list.push_back(std::move(row));
  }
  out["openings"] = std::move(list);
  if (w.nearest) out["nearest"] = {{"opening", in.openings[at(*w.nearest)].id}, {"km", rounded(w.nearest_km, 3)}};
  return out.dump(1) + "\n";
}

std::string why_text(const Instance& in, const CandidateGraph& g, const Why& w, const ScoreWeights& weights) {
  const Citizen& c = in.citizens[at(w.citizen)];
  std::string out;
  if (w.placed) {
    const Placement& p = *w.placed;
    const Opening& o = in.openings[at(p.opening)];
    out += c.id + " is placed at " + o.id + " (" + std::string(to_string(o.kind)) + " at " +
           company_name(in.companies[at(o.company)]) + "), score " + format_millionths(p.score) + ", " +
           format_fixed(p.km, 1) + " km, " + format_fixed(p.hours, 1) + " hours a week" +
           (p.pinned ? " (pinned)" : "") + "\n";
    if (w.openings.empty()) {
      const ScoreBreakdown b = explain_score(in, p.citizen, p.opening, weights);
      for (const ScoreComponent& x : b.components)
        if (x.weight > 0) out += "  " + std::string(x.name) + " " + format_fixed(x.value, 2) + "\n";
    }
  } else {
    out += c.id + " is not placed: " + w.reason + " (" + w.reason_code + ")\n";
  }
  for (const WhyOpening& wo : w.openings) {
    const Opening& o = in.openings[at(wo.opening)];
    out += "  " + o.id + " (" + company_name(in.companies[at(o.company)]) + ", " + format_fixed(wo.km, 1) + " km): ";
    if (!wo.feasible) {
      out += "not possible\n";
      for (const BrokenRule& r : wo.rules) out += "      " + r.code + ": " + r.message + "\n";
      continue;
    }
    std::string holders;
    for (Index h : wo.holders) holders += (holders.empty() ? "" : ", ") + in.citizens[at(h)].id;
    out += (wo.price ? text_cost(*wo.price) : std::string("feasible")) +
           (holders.empty() ? std::string("; no seat taken") : "; seats held by " + holders) + "\n";
    if (wo.price)
      for (const PlanChange& ch : wo.price->changes)
        if (ch.citizen != w.citizen) out += "      " + text_change(ch) + "\n";
  }
  if (w.nearest)
    out += "  no opening within " + format_fixed(c.max_km, 1) + " km; the nearest is " + in.openings[at(*w.nearest)].id +
           " at " + format_fixed(w.nearest_km, 1) + " km\n";
  (void)g;
  return out;
}

}  // namespace placematch
