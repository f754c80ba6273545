// Outputs: result JSON, plan and candidate CSV, terminal table, instance summary.
#include "placematch/report/report.hpp"

#include "detail/changes_json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <iterator>
#include <nlohmann/json.hpp>
#include <vector>

#include "detail/csv.hpp"

#include "detail/audit_views.hpp"
#include "placematch/explain/reasons.hpp"
#include "placematch/plan/audit.hpp"
#include "placematch/candidates/scoring.hpp"
#include "detail/index.hpp"
#include "placematch/version.hpp"

namespace placematch {

namespace {

using detail::at;

// The columns of the plan CSV and of the candidates CSV (before the --explain ones).
constexpr std::string_view kPlanColumns[] = {"citizen", "opening",     "company", "mentor", "score", "km",
                                             "hours",   "reason_code", "reason",  "pinned", "free"};
constexpr std::string_view kCandidateColumns[] = {"citizen", "opening", "score", "km", "needs_mentor"};

double rounded(double v, int decimals) {
  const double f = std::pow(10.0, decimals);
  return std::round(v * f) / f;
}

// A JSON number: an integer when the value is whole, else the value rounded.
nlohmann::ordered_json number(double v, int decimals) {
  const double r = rounded(v, decimals);
  if (r == std::floor(r) && std::fabs(r) < 9e15) return static_cast<std::int64_t>(r);
  return r;
}

double millionths(std::int64_t v) { return static_cast<double>(v) / 1e6; }

std::string pad(std::string s, std::size_t width, bool right = false) {
  // Width in code points, so Danish letters line up.
  std::size_t cps = 0;
  for (unsigned char ch : s) cps += (ch & 0xC0) != 0x80;
  if (cps >= width) return s;
  return right ? std::string(width - cps, ' ') + s : s + std::string(width - cps, ' ');
}

// Cuts a UTF-8 string to at most `width - 1` code points (ending in "~" when cut) and pads
// it to `width`, so a table column is never overrun.
std::string fit(const std::string& s, std::size_t width) {
  std::size_t cps = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (cps == width - 1) break;
      ++cps;
    }
  }
  if (i < s.size()) {
    // Back off one code point to make room for the cut mark.
    do --i; while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80);
    return pad(s.substr(0, i) + "~", width);
  }
  return pad(s, width);
}

// What the terminal table says about the plan's status.
MessageId status_words(Status status) {
  switch (status) {
    case Status::Optimal: return MessageId::StatusOptimal;
    case Status::Feasible: return MessageId::StatusFeasible;
    case Status::NotSolved: return MessageId::StatusNotSolved;
    case Status::Infeasible: return MessageId::StatusInfeasible;
    case Status::BadCostRange: return MessageId::StatusBadCostRange;
  }
  return MessageId::StatusNotSolved;
}

// A score for people: 6 decimals, the language's decimal separator.
std::string score_text(std::int64_t millionths, Language lang) {
  std::string s = format_millionths(millionths);
  if (lang == Language::Da) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

}  // namespace

std::string result_json(const Instance& in, const Plan& plan, const RunStats& stats, const Replan* replan, Language lang) {
  using J = nlohmann::ordered_json;
  J out;
  out["format"] = "placematch-result/2";
  out["placematch_version"] = kVersion;
  out["objective_name"] = std::string(to_string(plan.objective));
  out["status"] = std::string(to_string(plan.status));
  out["objective"] = {{"placed", plan.placed}, {"score", millionths(plan.score)}};
  J bound;
  bound["placed"] = plan.bound_placed ? J(*plan.bound_placed) : J(nullptr);
  bound["score"] = plan.bound_score ? J(millionths(*plan.bound_score)) : J(nullptr);
  out["bound"] = bound;
  J placements = J::array();
  for (const Placement& p : plan.placements) {
    const Opening& o = in.openings[at(p.opening)];
    J row;
    row["citizen"] = in.citizens[at(p.citizen)].id;
    row["opening"] = o.id;
    row["company"] = in.companies[at(o.company)].id;
    row["mentor"] = p.mentor == kNone ? J(nullptr) : J(in.mentors[at(p.mentor)].id);
    row["score"] = millionths(p.score);
    row["km"] = rounded(p.km, 3);
    row["hours"] = number(p.hours, 2);
    row["pinned"] = p.pinned;
    placements.push_back(std::move(row));
  }
  out["placements"] = std::move(placements);
  J unplaced = J::array();
  for (const Unplaced& u : plan.unplaced)
    unplaced.push_back({{"citizen", in.citizens[at(u.citizen)].id},
                        {"reason_code", std::string(to_string(u.reason_code))},
                        {"reason", reason_text(u, lang)}});
  out["unplaced"] = std::move(unplaced);
  J empty = J::array();
  for (const EmptySeat& e : plan.empty_seats) {
    const Opening& o = in.openings[at(e.opening)];
    empty.push_back({{"opening", o.id},
                     {"company", in.companies[at(o.company)].id},
                     {"free", e.free},
                     {"reason_code", e.reason_code},
                     {"reason", e.reason}});
  }
  out["empty_seats"] = std::move(empty);
  if (replan) {
    out["previous"] = {{"placements", replan->previous.placements},
                       {"kept", replan->previous.kept},
                       {"still_feasible", replan->previous.still_feasible}};
    out["changes"] = detail::changes_json(replan->changes);
  }
  const Audit audit = audit_plan(in, plan);
  out["groups"] = detail::audit_rows_json(audit.groups);
  out["areas"] = detail::audit_rows_json(audit.areas);
  const J floors = detail::floors_json(in, plan);
  for (auto it = floors.begin(); it != floors.end(); ++it) out[it.key()] = *it;
  out["stats"] = {{"candidates", stats.candidates},
                  {"seconds",
                   {{"load", rounded(stats.load_seconds, 6)},
                    {"candidates", rounded(stats.candidates_seconds, 6)},
                    {"solve", rounded(stats.solve_seconds, 6)}}}};
  return out.dump(1) + "\n";
}

std::string plan_csv(const Instance& in, const Plan& plan, Language lang) {
  detail::CsvWriter w(64 + 64 * (plan.placements.size() + plan.unplaced.size()));
  w.header(kPlanColumns);
  for (const Placement& p : plan.placements) {
    const Opening& o = in.openings[at(p.opening)];
    w.text(in.citizens[at(p.citizen)].id);
    w.text(o.id);
    w.text(in.companies[at(o.company)].id);
    if (p.mentor == kNone)
      w.empty();
    else
      w.text(in.mentors[at(p.mentor)].id);
    w.plain(format_millionths(p.score));
    w.plain(format_fixed(p.km, 3));
    w.plain(format_fixed(p.hours, 2));
    w.empty();
    w.empty();
    w.plain(p.pinned ? "1" : "0");
    w.empty();
    w.end_row();
  }
  for (const Unplaced& u : plan.unplaced) {
    w.text(in.citizens[at(u.citizen)].id);
    for (int i = 0; i < 6; ++i) w.empty();
    w.text(to_string(u.reason_code));
    w.text(reason_text(u, lang));
    w.empty();
    w.empty();
    w.end_row();
  }
  for (const EmptySeat& e : plan.empty_seats) {
    const Opening& o = in.openings[at(e.opening)];
    w.empty();
    w.text(o.id);
    w.text(in.companies[at(o.company)].id);
    for (int i = 0; i < 4; ++i) w.empty();
    w.text(e.reason_code);
    w.text(e.reason);
    w.empty();
    w.plain(std::to_string(e.free));
    w.end_row();
  }
  return std::move(w.str());
}

std::string candidates_csv(const Instance& in, const CandidateGraph& g, bool explain,
                           const ScoreWeights& weights) {
  std::vector<std::string> columns(std::begin(kCandidateColumns), std::end(kCandidateColumns));
  if (explain) {
    for (int i = 0; i < kScoreComponentCount; ++i) columns.emplace_back(to_string(static_cast<ScoreComponentKind>(i)));
    for (int i = 0; i < kScoreComponentCount; ++i)
      columns.push_back("w_" + std::string(to_string(static_cast<ScoreComponentKind>(i))));
    columns.emplace_back("agreed_hours");
  }
  detail::CsvWriter w(g.size() * (explain ? 160 : 40) + 256);
  w.header(columns);
  for (std::size_t c = 0; c < g.num_citizens(); ++c) {
    const std::string& cid = in.citizens[c].id;  // ids need no quoting: [A-Za-z0-9_.-]
    for (ArcIndex a = g.begin(static_cast<Index>(c)); a < g.end(static_cast<Index>(c)); ++a) {
      const std::size_t i = at(a);
      w.plain(cid);
      w.plain(in.openings[at(g.opening[i])].id);
      w.plain(format_millionths(g.score[i]));
      w.plain(format_fixed(g.km[i], 3));
      w.flag(g.needs_mentor[i] != 0);
      if (explain) {
        ScoreBreakdown b = explain_score(in, static_cast<Index>(c), g.opening[i], weights);
        for (const ScoreComponent& comp : b.components) w.plain(format_fixed(comp.value, 6));
        for (const ScoreComponent& comp : b.components) w.plain(format_fixed(comp.weight, 6));
        w.plain(format_fixed(b.agreed_hours, 2));
      }
      w.end_row();
    }
  }
  return std::move(w.str());
}

std::string plan_table(const Instance& in, const Plan& plan, std::size_t max_rows, Language lang) {
  auto T = [lang](MessageId id, std::initializer_list<MessageArg> args = {}) { return text(id, lang, args); };
  using M = MessageId;
  std::string out;
  const std::size_t n = in.citizens.size();
  out += T(M::TableHead, {{"status", T(status_words(plan.status))},
                          {"objective", std::string(to_string(plan.objective))}}) +
         "\n";
  const double rate = n ? 100.0 * static_cast<double>(plan.placed) / static_cast<double>(n) : 0.0;
  out += T(M::TablePlaced, {{"placed", static_cast<long long>(plan.placed)},
                            {"residents", static_cast<long long>(n)},
                            {"rate", format_number(rate, lang, 1)},
                            {"score", score_text(plan.score, lang)}}) +
         "\n";
  if (plan.status != Status::Optimal && plan.bound_score) {
    if (plan.bound_placed)
      out += T(M::TableBoundPlaced, {{"placed", static_cast<long long>(*plan.bound_placed)},
                                     {"score", score_text(*plan.bound_score, lang)}});
    else
      out += T(M::TableBound, {{"score", score_text(*plan.bound_score, lang)}});
    out += "\n";
  }
  out += '\n';  // (not "\n" + pad(...): GCC 12 warns falsely on it, -Wrestrict)
  out += pad(T(M::WordCitizen), 16) + pad(T(M::WordOpening), 18) + pad(T(M::WordCompany), 24) +
         pad(T(M::WordMentor), 12) + pad(T(M::WordScore), 12, true) + pad(T(M::WordKm), 9, true) +
         pad(T(M::WordHours), 7, true) + "\n";
  std::size_t shown = 0;
  for (const Placement& p : plan.placements) {
    if (shown++ == max_rows) {
      out += T(M::TableMoreRows, {{"n", static_cast<long long>(plan.placements.size() - max_rows)}}) + "\n";
      break;
    }
    const Opening& o = in.openings[at(p.opening)];
    const Company& k = in.companies[at(o.company)];
    out += fit(in.citizens[at(p.citizen)].id, 16) + fit(o.id, 18) +
           fit(k.name.empty() ? k.id : k.name, 24) +
           fit(p.mentor == kNone ? "-" : in.mentors[at(p.mentor)].id, 12) +
           pad(score_text(p.score, lang), 12, true) + pad(format_number(p.km, lang, 1), 9, true) +
           pad(format_number(p.hours, lang, 1), 7, true) + "\n";
  }
  std::map<std::string, int> reasons;
  for (const Unplaced& u : plan.unplaced) ++reasons[std::string(to_string(u.reason_code))];
  if (!reasons.empty()) {
    out += "\n" + T(M::TableUnplacedByReason) + "\n";
    for (const auto& [code, count] : reasons) {
      auto label = reason_label(code);
      out += "  " + pad(code, 22) + pad(std::to_string(count), 6, true) +
             (label ? "  " + T(*label) : std::string()) + "\n";
    }
  }
  out += detail::audit_table(audit_plan(in, plan), 12, lang);
  out += detail::floors_table(in, plan);
  return out;
}

std::string instance_summary(const Instance& in, Language lang) {
  auto T = [lang](MessageId id, std::initializer_list<MessageArg> args = {}) { return text(id, lang, args); };
  using M = MessageId;
  std::string out;
  int seats = 0, pins = 0, forbids = 0, mentor_room = 0;
  for (const Opening& o : in.openings) seats += o.seats;
  for (const Decision& d : in.decisions) (d.kind == DecisionKind::Pin ? pins : forbids)++;
  for (std::size_t k = 0; k < in.companies.size(); ++k) mentor_room += in.mentor_pool(static_cast<Index>(k));
  auto count = [](std::size_t n) { return static_cast<long long>(n); };
  out += T(M::SummaryInstance, {{"residents", count(in.citizens.size())},
                                {"areas", count(in.areas.size())},
                                {"companies", count(in.companies.size())},
                                {"openings", count(in.openings.size())},
                                {"seats", seats},
                                {"mentors", count(in.mentors.size())},
                                {"room", mentor_room},
                                {"pins", pins},
                                {"forbids", forbids}}) +
         "\n";

  // Residents by target group (rows) and area (columns), areas limited to keep it readable.
  const std::size_t max_areas = 8;
  const std::size_t shown_areas = std::min(max_areas, in.areas.size());
  std::vector<std::vector<int>> table(in.target_groups.size(), std::vector<int>(shown_areas + 2));
  std::map<CodeId, std::size_t> row_of;
  for (std::size_t g = 0; g < in.target_groups.size(); ++g) row_of[in.target_groups[g].code] = g;
  int mentored = 0;
  for (const Citizen& c : in.citizens) {
    auto it = row_of.find(c.target_group);
    if (it == row_of.end()) continue;
    auto& row = table[it->second];
    const std::size_t col = at(c.area) < shown_areas ? at(c.area) : shown_areas;
    ++row[col];
    ++row[shown_areas + 1];
    mentored += c.needs_mentor;
  }
  out += "\n" + T(M::SummaryByGroupArea) + "\n" + pad(T(M::WordTargetGroup), 14);
  for (std::size_t a = 0; a < shown_areas; ++a) {
    const Area& area = in.areas[a];
    std::string name = area.name.empty() ? area.id : area.name;
    std::string head = fit(name, 16);
    head.erase(head.find_last_not_of(' ') + 1);
    out += pad(head, 17, true);
  }
  if (in.areas.size() > shown_areas) out += pad(T(M::WordOtherAreas), 17, true);
  out += pad(T(M::WordTotal), 8, true) + "\n";
  std::vector<int> totals(shown_areas + 2);
  for (std::size_t g = 0; g < table.size(); ++g) {
    if (table[g][shown_areas + 1] == 0) continue;
    out += pad(in.codes.name(in.target_groups[g].code), 14);
    for (std::size_t a = 0; a < shown_areas; ++a) out += pad(std::to_string(table[g][a]), 17, true);
    if (in.areas.size() > shown_areas) out += pad(std::to_string(table[g][shown_areas]), 17, true);
    out += pad(std::to_string(table[g][shown_areas + 1]), 8, true) + "\n";
    for (std::size_t a = 0; a < shown_areas + 2; ++a) totals[a] += table[g][a];
  }
  out += pad(T(M::WordTotal), 14);
  for (std::size_t a = 0; a < shown_areas; ++a) out += pad(std::to_string(totals[a]), 17, true);
  if (in.areas.size() > shown_areas) out += pad(std::to_string(totals[shown_areas]), 17, true);
  out += pad(std::to_string(totals[shown_areas + 1]), 8, true) + "\n";
  out += T(M::SummaryMentored, {{"n", mentored}}) + "\n";

  std::map<int, std::pair<int, int>> kinds;
  for (const Opening& o : in.openings) {
    auto& k = kinds[static_cast<int>(o.kind)];
    ++k.first;
    k.second += o.seats;
  }
  out += "\n" + T(M::SummaryOpeningsByKind) + "\n" + pad(T(M::WordKind), 20) + pad(T(M::WordOpenings), 10, true) +
         pad(T(M::WordSeats), 8, true) + "\n";
  for (const auto& [kind, count] : kinds)
    out += pad(T(kind_message(static_cast<OpeningKind>(kind))), 20) +
           pad(std::to_string(count.first), 10, true) + pad(std::to_string(count.second), 8, true) + "\n";
  return out;
}

}  // namespace placematch
