// Outputs: result JSON, plan and candidate CSV, terminal table, instance summary.
#include "placematch/report/report.hpp"

#include "detail/changes_json.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <set>
#include <cstdio>
#include <map>
#include <iterator>
#include <nlohmann/json.hpp>
#include <vector>

#include "detail/csv.hpp"

#include "detail/audit_views.hpp"
#include "placematch/explain/reasons.hpp"
#include "placematch/model/diagnostics.hpp"
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
                     {"reason", reason_text(e, lang)}});
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
    w.text(reason_text(e, lang));
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

namespace {

std::size_t width_of(std::string_view s) {
  std::size_t cps = 0;
  for (unsigned char ch : s) cps += (ch & 0xC0) != 0x80;
  return cps;
}

// Rows of text under a header, each column as wide as its widest cell (nothing cut);
// `right` marks the columns of numbers.
std::string columns(const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right) {
  std::vector<std::size_t> width(right.size(), 0);
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], width_of(row[i]));
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      const bool last = i + 1 == row.size();
      line += right[i] ? pad(row[i], width[i], true) : (last ? row[i] : pad(row[i], width[i]));
      if (!last) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string group_code(const Instance& in, const Citizen& c) {
  return c.target_group == kNone ? std::string("OTHER") : in.codes.name(c.target_group);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

}  // namespace

void set_table_filters(const Instance& in, PlanTableOptions& o, std::string_view area, std::string_view group,
                       std::string_view company) {
  using M = MessageId;
  Diagnostics errors;
  if (!area.empty()) {
    const std::string want = lower(area);
    std::string known;
    for (std::size_t i = 0; i < in.areas.size(); ++i) {
      const Area& a = in.areas[i];
      if (lower(a.id) == want || (!a.name.empty() && lower(a.name) == want)) o.area = static_cast<Index>(i);
      known += (known.empty() ? "" : ", ") + a.id;
    }
    if (!o.area)
      errors.push_back({"command line", "--area", text(M::FilterUnknownArea, o.lang, {{"value", area}, {"known", known}})});
  }
  if (!group.empty()) {
    std::set<std::string> codes;
    for (const Citizen& c : in.citizens) codes.insert(group_code(in, c));
    for (const std::string& code : codes)
      if (lower(code) == lower(group)) o.group = code;
    if (!o.group) {
      std::string known;
      for (const std::string& code : codes) known += (known.empty() ? "" : ", ") + code;
      errors.push_back({"command line", "--group", text(M::FilterUnknownGroup, o.lang, {{"value", group}, {"known", known}})});
    }
  }
  if (!company.empty()) {
    const std::string want = lower(company);
    for (std::size_t i = 0; i < in.companies.size() && !o.company; ++i) {
      const Company& k = in.companies[i];
      if (lower(k.id) == want) o.company = static_cast<Index>(i);
    }
    for (std::size_t i = 0; i < in.companies.size() && !o.company; ++i)
      if (!in.companies[i].name.empty() && lower(in.companies[i].name) == want) o.company = static_cast<Index>(i);
    if (!o.company)
      errors.push_back({"command line", "--company", text(M::FilterUnknownCompany, o.lang, {{"value", company}})});
  }
  if (!errors.empty()) throw InputError(std::move(errors));
}

std::string plan_table(const Instance& in, const Plan& plan, std::size_t max_rows, Language lang) {
  PlanTableOptions o;
  o.max_rows = max_rows;
  o.lang = lang;
  return plan_table(in, plan, o);
}

std::string plan_table(const Instance& in, const Plan& plan, const PlanTableOptions& opt) {
  const Language lang = opt.lang;
  const std::size_t max_rows = opt.max_rows == 0 ? std::numeric_limits<std::size_t>::max() : opt.max_rows;
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
  // The filters: a resident's area and group, an opening's company.
  auto citizen_shown = [&](Index c) {
    const Citizen& ci = in.citizens[at(c)];
    return (!opt.area || ci.area == *opt.area) && (!opt.group || group_code(in, ci) == *opt.group);
  };
  const bool filtered = opt.area || opt.group || opt.company;
  std::vector<const Placement*> rows;
  for (const Placement& p : plan.placements)
    if (citizen_shown(p.citizen) && (!opt.company || in.openings[at(p.opening)].company == *opt.company))
      rows.push_back(&p);
  if (filtered) {
    std::vector<Message> parts;
    auto area_name = [&](Index a) { return in.areas[at(a)].name.empty() ? in.areas[at(a)].id : in.areas[at(a)].name; };
    if (opt.area) parts.push_back({M::TableFilterArea, {{"area", area_name(*opt.area)}}});
    if (opt.group) parts.push_back({M::TableFilterGroup, {{"group", *opt.group}}});
    if (opt.company) {
      const Company& k = in.companies[at(*opt.company)];
      parts.push_back({M::TableFilterCompany, {{"company", k.name.empty() ? k.id : k.name}}});
    }
    out += T(M::TableFiltered, {{"shown", static_cast<long long>(rows.size())},
                                {"total", static_cast<long long>(plan.placements.size())},
                                MessageArg("filter", std::move(parts), M::TableFilterAnd)}) +
           "\n";
  }
  out += '\n';
  if (rows.empty()) {
    out += T(M::TableNoPlacements) + "\n";
  } else {
    std::vector<std::vector<std::string>> table;
    table.push_back({T(M::WordCitizen), T(M::WordArea), T(M::WordTargetGroup), T(M::WordOpening), T(M::WordKind),
                     T(M::WordCompany), T(M::WordMentor), T(M::WordScore), T(M::WordKm), T(M::WordHours),
                     T(M::WordPinned)});
    for (std::size_t i = 0; i < rows.size() && i < max_rows; ++i) {
      const Placement& p = *rows[i];
      const Citizen& c = in.citizens[at(p.citizen)];
      const Area& a = in.areas[at(c.area)];
      const Opening& o = in.openings[at(p.opening)];
      const Company& k = in.companies[at(o.company)];
      table.push_back({c.id, a.name.empty() ? a.id : a.name, group_code(in, c), o.id, T(kind_message(o.kind)),
                       k.name.empty() ? k.id : k.name, p.mentor == kNone ? "-" : in.mentors[at(p.mentor)].id,
                       score_text(p.score, lang), format_number(p.km, lang, 1), format_number(p.hours, lang, 1),
                       p.pinned ? T(M::WordYes) : ""});
    }
    out += columns(table, {false, false, false, false, false, false, false, true, true, true, false});
    if (rows.size() > max_rows)
      out += T(M::TableMoreRowsAll, {{"n", static_cast<long long>(rows.size() - max_rows)}}) + "\n";
  }
  // The unplaced by name, with their reason (not with a company filter: they have none).
  if (!opt.company) {
    std::vector<const Unplaced*> left;
    for (const Unplaced& u : plan.unplaced)
      if (citizen_shown(u.citizen)) left.push_back(&u);
    if (!left.empty()) {
      out += "\n" + T(M::TableUnplacedHead, {{"n", static_cast<long long>(left.size())}}) + "\n";
      std::vector<std::vector<std::string>> table;
      table.push_back({T(M::WordCitizen), T(M::WordArea), T(M::WordTargetGroup), T(M::WordReasonCode), T(M::WordReason)});
      for (std::size_t i = 0; i < left.size() && i < max_rows; ++i) {
        const Unplaced& u = *left[i];
        const Citizen& c = in.citizens[at(u.citizen)];
        const Area& a = in.areas[at(c.area)];
        table.push_back({c.id, a.name.empty() ? a.id : a.name, group_code(in, c), std::string(to_string(u.reason_code)),
                         reason_text(u, lang)});
      }
      out += columns(table, {false, false, false, false, false});
      if (left.size() > max_rows)
        out += T(M::TableMoreUnplaced, {{"n", static_cast<long long>(left.size() - max_rows)}}) + "\n";
    }
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
  out += detail::floors_table(in, plan, lang);
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
  // Each area's column as wide as its full name (nothing cut).
  std::vector<std::size_t> col(shown_areas);
  for (std::size_t a = 0; a < shown_areas; ++a) {
    const Area& area = in.areas[a];
    const std::string name = area.name.empty() ? area.id : area.name;
    col[a] = std::max<std::size_t>(8, width_of(name) + 2);
    out += pad(name, col[a], true);
  }
  if (in.areas.size() > shown_areas) out += pad(T(M::WordOtherAreas), 17, true);
  out += pad(T(M::WordTotal), 8, true) + "\n";
  std::vector<int> totals(shown_areas + 2);
  for (std::size_t g = 0; g < table.size(); ++g) {
    if (table[g][shown_areas + 1] == 0) continue;
    out += pad(in.codes.name(in.target_groups[g].code), 14);
    for (std::size_t a = 0; a < shown_areas; ++a) out += pad(std::to_string(table[g][a]), col[a], true);
    if (in.areas.size() > shown_areas) out += pad(std::to_string(table[g][shown_areas]), 17, true);
    out += pad(std::to_string(table[g][shown_areas + 1]), 8, true) + "\n";
    for (std::size_t a = 0; a < shown_areas + 2; ++a) totals[a] += table[g][a];
  }
  out += pad(T(M::WordTotal), 14);
  for (std::size_t a = 0; a < shown_areas; ++a) out += pad(std::to_string(totals[a]), col[a], true);
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
