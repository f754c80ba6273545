// Outputs of the consultant's questions: suggest and why (JSON and words), re-plan changes.
#include <algorithm>
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

// With floors (contract section 12) the cost also says the shortfall it adds.
J cost_json(const Suggestion& s, bool floors) {
  J cost = {{"placed", s.cost.placed}, {"moved", s.cost.moved}, {"score", millionths(s.cost.score)}};
  if (floors) cost["shortfall"] = s.cost.shortfall;
  return cost;
}

// A priced pair's fields (suggest and why): in today's plan, possible at all, and when
// possible its cost, whether that cost is proven, and the plan's changes.
void price_fields(J& row, const Suggestion& s, bool floors) {
  row["in_plan"] = s.in_plan;
  row["possible"] = s.possible;
  if (s.possible) {
    row["cost"] = cost_json(s, floors);
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
  price_fields(row, s, !in.floors.empty());
  row["components"] = components(in, s.citizen, s.opening, weights);
  return row;
}

using M = MessageId;

// A score for people: 6 decimals, the language's decimal separator.
std::string score_words(std::int64_t millionths, Language lang) {
  std::string t = format_millionths(millionths);
  if (lang == Language::Da) std::replace(t.begin(), t.end(), '.', ',');
  return t;
}
// A number with one decimal, written in the language's way ("3.0" / "3,0").
std::string one_decimal(double v, Language lang) {
  std::string t = format_fixed(v, 1);
  if (lang == Language::Da) std::replace(t.begin(), t.end(), '.', ',');
  return t;
}

// The words come from the message catalogue (placematch/model/messages.hpp).
std::string text_change(const PlanChange& c, Language lang) {
  switch (c.kind) {
    case PlanChange::Kind::Moved:
      return text(M::ChangeTextMoved, lang, {{"citizen", c.citizen_id}, {"before", *c.before}, {"after", *c.after}});
    case PlanChange::Kind::Unplaced: return text(M::ChangeTextUnplaced, lang, {{"citizen", c.citizen_id}, {"before", *c.before}});
    case PlanChange::Kind::Placed: return text(M::ChangeTextPlaced, lang, {{"citizen", c.citizen_id}, {"after", *c.after}});
    case PlanChange::Kind::Gone: return text(M::ChangeTextGone, lang, {{"citizen", c.citizen_id}, {"before", *c.before}});
  }
  return c.citizen_id;
}
std::string text_cost(const Suggestion& s, Language lang) {
  if (!s.possible) return text(M::CostImpossible, lang);
  if (s.in_plan) return text(M::CostInPlan, lang);
  std::string t = text(M::CostLine, lang, {{"placed", static_cast<long long>(s.cost.placed)},
                                            {"moved", static_cast<long long>(s.cost.moved)},
                                            {"score", score_words(s.cost.score, lang)}});
  if (s.cost.shortfall != 0) t += text(M::CostShortfall, lang, {{"shortfall", static_cast<long long>(s.cost.shortfall)}});
  if (!s.optimal) t += text(M::CostNotProven, lang);
  return t;
}

}  // namespace

std::string changes_text(const std::vector<PlanChange>& changes, Language lang) {
  std::string out;
  for (const PlanChange& c : changes) out += "  " + text_change(c, lang) + "\n";
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
                          std::optional<Index> citizen, const std::vector<Suggestion>& list, Language lang) {
  std::string out;
  if (opening) {
    const Opening& o = in.openings[at(*opening)];
    out += text(M::SuggestForOpening, lang, {{"opening", o.id}, {"kind", kind_message(o.kind)},
                                             {"company", company_name(in.companies[at(o.company)])},
                                             {"seats", o.seats}});
  } else {
    out += text(M::SuggestForCitizen, lang, {{"citizen", in.citizens[at(*citizen)].id}});
  }
  out += text(M::SuggestPlan, lang, {{"placed", static_cast<long long>(plan.placed)}, {"score", score_words(plan.score, lang)}}) +
         "\n";
  if (list.empty()) out += "  " + text(M::SuggestNone, lang) + "\n";
  for (const Suggestion& s : list) {
    const Opening& o = in.openings[at(s.opening)];
    out += "  " +
           text(M::SuggestRow, lang,
                {{"citizen", in.citizens[at(s.citizen)].id}, {"opening", o.id},
                 {"company", company_name(in.companies[at(o.company)])},
                 {"score", score_words(g.score[static_cast<std::size_t>(s.arc)], lang)},
                 {"km", one_decimal(g.km[static_cast<std::size_t>(s.arc)], lang)}, {"cost", text_cost(s, lang)}}) +
           "\n";
    for (const PlanChange& c : s.changes)
      if (c.citizen != s.citizen) out += "      " + text_change(c, lang) + "\n";
  }
  return out;
}

std::string why_json(const Instance& in, const CandidateGraph& g, const Why& w, const ScoreWeights& weights,
                     Language lang) {
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
    out["reason"] = w.reason_message.id == MessageId::Count ? w.reason : render(w.reason_message, lang);
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
      for (const BrokenRule& r : wo.rules) rules.push_back({{"rule", r.code}, {"message", rule_text(r, lang)}});
      row["rules"] = std::move(rules);
    } else {
      J holders = J::array();
      for (Index h : wo.holders) holders.push_back(in.citizens[at(h)].id);
      row["holders"] = std::move(holders);
      if (wo.price) {
        const Suggestion& s = *wo.price;
        row["score"] = millionths(g.score[static_cast<std::size_t>(s.arc)]);
        price_fields(row, s, !in.floors.empty());
      }
    }
    list.push_back(std::move(row));
  }
  out["openings"] = std::move(list);
  if (w.nearest) out["nearest"] = {{"opening", in.openings[at(*w.nearest)].id}, {"km", rounded(w.nearest_km, 3)}};
  return out.dump(1) + "\n";
}

std::string why_text(const Instance& in, const CandidateGraph& g, const Why& w, const ScoreWeights& weights,
                     Language lang) {
  const Citizen& c = in.citizens[at(w.citizen)];
  std::string out;
  if (w.placed) {
    const Placement& p = *w.placed;
    const Opening& o = in.openings[at(p.opening)];
    out += text(M::WhyPlaced, lang,
                {{"citizen", c.id}, {"opening", o.id}, {"kind", kind_message(o.kind)},
                 {"company", company_name(in.companies[at(o.company)])}, {"score", score_words(p.score, lang)},
                 {"km", one_decimal(p.km, lang)}, {"hours", one_decimal(p.hours, lang)}}) +
           (p.pinned ? text(M::WhyPinned, lang) : std::string()) + "\n";
    if (w.openings.empty()) {
      const ScoreBreakdown b = explain_score(in, p.citizen, p.opening, weights);
      for (const ScoreComponent& x : b.components) {
        if (x.weight <= 0) continue;
        const auto name = component_message(x.name);
        std::string value = format_fixed(x.value, 2);
        if (lang == Language::Da) std::replace(value.begin(), value.end(), '.', ',');
        out += "  " + (name ? text(*name, lang) : std::string(x.name)) + " " + value + "\n";
      }
    }
  } else {
    const std::string reason = w.reason_message.id == MessageId::Count ? w.reason : render(w.reason_message, lang);
    out += text(M::WhyNotPlaced, lang, {{"citizen", c.id}, {"reason", reason}, {"code", w.reason_code}}) + "\n";
  }
  for (const WhyOpening& wo : w.openings) {
    const Opening& o = in.openings[at(wo.opening)];
    out += "  " + text(M::WhyOpening, lang, {{"opening", o.id}, {"company", company_name(in.companies[at(o.company)])},
                                              {"km", one_decimal(wo.km, lang)}});
    if (!wo.feasible) {
      out += text(M::WhyNotPossible, lang) + "\n";
      for (const BrokenRule& r : wo.rules) out += "      " + r.code + ": " + rule_text(r, lang) + "\n";
      continue;
    }
    std::string holders;
    for (Index h : wo.holders) holders += (holders.empty() ? "" : ", ") + in.citizens[at(h)].id;
    out += (wo.price ? text_cost(*wo.price, lang) : text(M::WhyFeasible, lang)) +
           (holders.empty() ? text(M::WhyNoSeatTaken, lang) : text(M::WhySeatsHeld, lang, {{"holders", holders}})) + "\n";
    if (wo.price)
      for (const PlanChange& ch : wo.price->changes)
        if (ch.citizen != w.citizen) out += "      " + text_change(ch, lang) + "\n";
  }
  if (w.nearest)
    out += "  " +
           text(M::WhyNearest, lang, {{"km", one_decimal(c.max_km, lang)}, {"opening", in.openings[at(*w.nearest)].id},
                                      {"nearest_km", one_decimal(w.nearest_km, lang)}}) +
           "\n";
  (void)g;
  return out;
}

}  // namespace placematch
