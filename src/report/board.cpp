// The board's report: its figures and the self-contained HTML page (report/board.hpp).
#include "placematch/report/board.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <map>
#include <set>
#include <unordered_map>

#include "detail/index.hpp"
#include "placematch/model/format.hpp"
#include "placematch/plan/audit.hpp"
#include "placematch/report/spreadsheet.hpp"

namespace placematch {

namespace {

using detail::at;
using M = MessageId;

constexpr const char* kVersion = "0.1.0";

}  // namespace

BoardFigures board_figures(const Instance& in, const Plan& plan, const BoardOptions& options) {
  BoardFigures f;
  f.status = plan.status;
  f.total.residents = static_cast<std::int64_t>(in.citizens.size());
  f.total.placed = static_cast<std::int64_t>(plan.placements.size());

  std::vector<char> placed(in.citizens.size());
  for (const Placement& p : plan.placements) placed[at(p.citizen)] = 1;

  // Target groups (table order, then codes of no group) and areas (file order) with residents.
  std::vector<std::int64_t> per_area(in.areas.size());
  std::map<CodeId, std::int64_t> per_group;
  for (const Citizen& c : in.citizens) {
    ++per_area[at(c.area)];
    ++per_group[c.target_group];
  }
  for (const TargetGroup& g : in.target_groups)
    if (per_group.count(g.code)) f.groups.push_back(g.code);
  for (const auto& [code, n] : per_group)
    if (std::find(f.groups.begin(), f.groups.end(), code) == f.groups.end()) f.groups.push_back(code);
  for (std::size_t a = 0; a < in.areas.size(); ++a)
    if (per_area[a] > 0) f.areas.push_back(static_cast<Index>(a));
  std::map<CodeId, std::size_t> group_row;
  for (std::size_t g = 0; g < f.groups.size(); ++g) group_row[f.groups[g]] = g;
  std::vector<std::size_t> area_col(in.areas.size());
  for (std::size_t a = 0; a < f.areas.size(); ++a) area_col[at(f.areas[a])] = a;
  f.cells.assign(f.groups.size(), std::vector<BoardCell>(f.areas.size()));
  f.group_totals.assign(f.groups.size(), {});
  f.area_totals.assign(f.areas.size(), {});
  for (std::size_t c = 0; c < in.citizens.size(); ++c) {
    const Citizen& z = in.citizens[c];
    const std::size_t g = group_row[z.target_group], a = area_col[at(z.area)];
    for (BoardCell* cell : {&f.cells[g][a], &f.group_totals[g], &f.area_totals[a]}) {
      ++cell->residents;
      cell->placed += placed[c];
    }
  }

  // Opening kinds: openings, seats, placements; free seats.
  std::map<int, BoardFigures::Kind> kinds;
  std::vector<std::int64_t> taken(in.openings.size());
  for (const Placement& p : plan.placements) ++taken[at(p.opening)];
  std::map<int, std::int64_t> free_by_kind;
  for (std::size_t o = 0; o < in.openings.size(); ++o) {
    const Opening& op = in.openings[o];
    auto& k = kinds[static_cast<int>(op.kind)];
    k.kind = op.kind;
    ++k.openings;
    k.seats += op.seats;
    k.placed += taken[o];
    f.seats += op.seats;
    const std::int64_t free = op.seats - taken[o];
    if (free > 0) {
      f.free_seats += free;
      ++f.openings_with_free_seats;
      free_by_kind[static_cast<int>(op.kind)] += free;
    }
  }
  for (const auto& [kind, k] : kinds) f.kinds.push_back(k);
  if (!plan.empty_seats.empty()) {
    f.empty_by_reason = true;
    std::map<std::string, std::int64_t> by_reason;
    for (const EmptySeat& e : plan.empty_seats) by_reason[e.reason_code] += e.free;
    f.empty_seats_by.assign(by_reason.begin(), by_reason.end());
  } else {
    for (const auto& [kind, n] : free_by_kind)
      f.empty_seats_by.emplace_back(std::string(to_string(static_cast<OpeningKind>(kind))), n);
  }

  std::map<std::string, std::int64_t> reasons;
  for (const Unplaced& u : plan.unplaced) ++reasons[std::string(to_string(u.reason_code))];
  f.unplaced_by_reason.assign(reasons.begin(), reasons.end());

  // Mentors and companies.
  f.mentors = static_cast<std::int64_t>(in.mentors.size());
  for (const Mentor& m : in.mentors) f.mentor_room += std::max(0, m.free_capacity());
  std::set<Index> used_companies;
  for (const Placement& p : plan.placements) {
    used_companies.insert(in.openings[at(p.opening)].company);
    if (p.mentor != kNone) ++f.mentor_used;
  }
  f.mentored_placements = f.mentor_used;
  f.companies = static_cast<std::int64_t>(in.companies.size());
  f.companies_used = static_cast<std::int64_t>(used_companies.size());

  // Changes against an earlier plan (contract section 7's kinds), in citizen id order.
  if (options.previous) {
    std::unordered_map<std::string, std::size_t> citizen_of;
    for (std::size_t c = 0; c < in.citizens.size(); ++c) citizen_of[in.citizens[c].id] = c;
    std::vector<std::string> now(in.citizens.size());
    for (const Placement& p : plan.placements) now[at(p.citizen)] = in.openings[at(p.opening)].id;
    std::map<std::string, std::string> before;
    for (const auto& [citizen, opening] : options.previous->placements) before[citizen] = opening;
    f.previous_placements = static_cast<std::int64_t>(before.size());
    std::map<std::string, BoardChange> changes;
    for (const auto& [citizen, opening] : before) {
      auto it = citizen_of.find(citizen);
      if (it == citizen_of.end()) {
        changes[citizen] = {citizen, opening, "", "gone"};
        continue;
      }
      const std::string& after = now[it->second];
      if (after == opening) ++f.kept;
      else changes[citizen] = {citizen, opening, after, after.empty() ? "unplaced" : "moved"};
    }
    for (std::size_t c = 0; c < in.citizens.size(); ++c)
      if (!now[c].empty() && !before.count(in.citizens[c].id))
        changes[in.citizens[c].id] = {in.citizens[c].id, "", now[c], "placed"};
    f.changes.emplace();
    for (auto& [id, ch] : changes) f.changes->push_back(std::move(ch));
  }
  return f;
}

// ---------------------------------------------------------------------------------------
// The HTML page.

namespace {

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string num(double v, int decimals = 1) { return format_fixed(v, decimals); }

class Page {
 public:
  explicit Page(Language lang) : lang_(lang) {}
  std::string T(MessageId id, std::initializer_list<MessageArg> args = {}) const { return esc(text(id, lang_, args)); }
  std::string percent(double rate) const {
    std::string p = format_fixed(100.0 * rate, 1);
    if (lang_ == Language::Da) std::replace(p.begin(), p.end(), '.', ',');
    return esc(text(M::Percent, lang_, {{"p", p}}));
  }
  Language lang() const { return lang_; }

 private:
  Language lang_;
};

constexpr const char* kStyle = R"CSS(
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #1d2733; margin: 0;
       background: #f4f6f8; font-size: 10.5pt; line-height: 1.4; }
main { max-width: 190mm; margin: 0 auto; padding: 8mm 6mm; background: #fff; }
header { border-bottom: 3px solid #1f6f8b; padding-bottom: 4mm; margin-bottom: 5mm; }
h1 { font-size: 20pt; margin: 0 0 1mm 0; color: #12445a; }
h2 { font-size: 13pt; color: #12445a; margin: 7mm 0 2mm 0; border-bottom: 1px solid #d5dde5; padding-bottom: 1mm; }
p.sub { margin: 0; color: #52616f; }
p.status { margin: 2mm 0 0 0; font-weight: 600; }
p.status.ok { color: #1e7b45; }
p.status.warn { color: #a55d00; }
section { break-inside: avoid; page-break-inside: avoid; }
.cards { display: flex; gap: 4mm; margin: 3mm 0; }
.card { flex: 1; border: 1px solid #d5dde5; border-radius: 3mm; padding: 3mm 4mm; background: #f8fafb; }
.card .big { font-size: 22pt; font-weight: 700; color: #12445a; }
.card .small { color: #52616f; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm 0; font-size: 9.5pt; }
th, td { padding: 1.2mm 2mm; border-bottom: 1px solid #e3e8ed; text-align: right; vertical-align: top; }
th { background: #eaf1f5; color: #12445a; font-weight: 600; }
th.l, td.l { text-align: left; }
tr.total td { font-weight: 700; border-top: 2px solid #9fb3c2; }
td { white-space: nowrap; }
td .rate { display: block; color: #52616f; font-size: 8pt; }
.low { background: #fdf0e6; }
.bar { display: inline-block; height: 3mm; background: #1f6f8b; border-radius: 1mm; vertical-align: middle; }
svg text { font-family: inherit; }
.legend { color: #52616f; font-size: 8.5pt; margin: 1mm 0; }
footer { margin-top: 8mm; color: #6b7a88; font-size: 8pt; border-top: 1px solid #d5dde5; padding-top: 2mm; }
@media print { body { background: #fff; } main { padding: 0; max-width: none; } }
)CSS";

// The activation rate as a bar with the goal and baseline marked.
std::string rate_svg(const Page& pg, double rate, double goal, double baseline) {
  const double W = 640, x0 = 10, w = 620, y = 26, h = 22;
  auto X = [&](double r) { return x0 + w * std::clamp(r, 0.0, 1.0); };
  std::string s = "<svg viewBox=\"0 0 " + num(W, 0) +
                  " 84\" width=\"100%\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">";
  s += "<rect x=\"" + num(x0) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h) +
       "\" rx=\"4\" fill=\"#e3e8ed\"/>";
  s += "<rect x=\"" + num(x0) + "\" y=\"" + num(y) + "\" width=\"" + num(X(rate) - x0) + "\" height=\"" +
       num(h) + "\" rx=\"4\" fill=\"#1f6f8b\"/>";
  auto mark = [&](double r, const char* color, const std::string& label, bool above) {
    const double x = X(r);
    s += "<line x1=\"" + num(x) + "\" x2=\"" + num(x) + "\" y1=\"" + num(y - 6) + "\" y2=\"" + num(y + h + 6) +
         "\" stroke=\"" + color + "\" stroke-width=\"2.5\" stroke-dasharray=\"5 3\"/>";
    const std::string anchor = x > W - 120 ? "end" : (x < 120 ? "start" : "middle");
    s += "<text x=\"" + num(x) + "\" y=\"" + num(above ? y - 10 : y + h + 18) + "\" text-anchor=\"" + anchor +
         "\" font-size=\"12\" fill=\"" + color + "\">" + label + "</text>";
  };
  mark(baseline, "#6b7a88", pg.T(M::WordBaseline) + " " + pg.percent(baseline), false);
  mark(goal, "#c0392b", pg.T(M::WordGoal) + " " + pg.percent(goal), true);
  s += "</svg>";
  return s;
}

// Horizontal bars: label, value, bar scaled to the largest value.
std::string bars_table(const std::vector<std::tuple<std::string, std::string, std::int64_t>>& rows,
                       const std::string& head_label, const std::string& head_value, const std::string& figure) {
  std::int64_t top = 1;
  for (const auto& r : rows) top = std::max(top, std::get<2>(r));
  std::string s = "<table><tr><th class=\"l\">" + head_label + "</th><th>" + head_value +
                  "</th><th class=\"l\" style=\"width:45%\"></th></tr>";
  for (const auto& [label, code, n] : rows)
    s += "<tr><td class=\"l\">" + label + "</td><td data-figure=\"" + figure + "\" data-code=\"" + esc(code) +
         "\">" + std::to_string(n) + "</td><td class=\"l\"><span class=\"bar\" style=\"width:" +
         num(100.0 * static_cast<double>(n) / static_cast<double>(top), 1) + "%\"></span></td></tr>";
  return s + "</table>";
}

std::string map_svg(const Instance& in, const Plan& plan, const BoardFigures& f) {
  // Points: areas with residents and companies; equirectangular around the mean latitude.
  std::vector<std::pair<double, double>> pts;
  for (Index a : f.areas) pts.emplace_back(in.areas[at(a)].lat, in.areas[at(a)].lon);
  for (const Company& k : in.companies) pts.emplace_back(k.lat, k.lon);
  if (pts.empty()) return {};
  double lat0 = 0;
  for (const auto& p : pts) lat0 += p.first;
  lat0 /= static_cast<double>(pts.size());
  const double kx = std::cos(lat0 * std::numbers::pi / 180.0);
  double minx = 1e9, maxx = -1e9, miny = 1e9, maxy = -1e9;
  for (const auto& [lat, lon] : pts) {
    minx = std::min(minx, lon * kx);
    maxx = std::max(maxx, lon * kx);
    miny = std::min(miny, lat);
    maxy = std::max(maxy, lat);
  }
  const double W = 680, H = 440, pad = 28;
  const double spanx = std::max(maxx - minx, 1e-6), spany = std::max(maxy - miny, 1e-6);
  const double scale = std::min((W - 2 * pad) / spanx, (H - 2 * pad) / spany);
  const double offx = (W - scale * spanx) / 2, offy = (H - scale * spany) / 2;
  auto X = [&](double lon) { return offx + (lon * kx - minx) * scale; };
  auto Y = [&](double lat) { return H - (offy + (lat - miny) * scale); };

  std::string s = "<svg viewBox=\"0 0 680 440\" width=\"100%\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">";
  s += "<rect width=\"680\" height=\"440\" fill=\"#f1f6f9\" rx=\"6\"/>";
  s += "<g stroke=\"#1f6f8b\" stroke-opacity=\"0.35\" stroke-width=\"1.2\">";
  for (const Placement& p : plan.placements) {
    const Area& a = in.areas[at(in.citizens[at(p.citizen)].area)];
    const Company& k = in.companies[at(in.openings[at(p.opening)].company)];
    s += "<line x1=\"" + num(X(a.lon)) + "\" y1=\"" + num(Y(a.lat)) + "\" x2=\"" + num(X(k.lon)) + "\" y2=\"" +
         num(Y(k.lat)) + "\"/>";
  }
  s += "</g><g fill=\"#d9822b\" stroke=\"#8a4b0f\" stroke-width=\"0.6\">";
  for (const Company& k : in.companies)
    s += "<rect x=\"" + num(X(k.lon) - 3) + "\" y=\"" + num(Y(k.lat) - 3) + "\" width=\"6\" height=\"6\"><title>" +
         esc(k.name.empty() ? k.id : k.name) + "</title></rect>";
  s += "</g>";
  std::int64_t most = 1;
  for (const BoardCell& c : f.area_totals) most = std::max(most, c.residents);
  const bool labels = f.areas.size() <= 30;
  for (std::size_t i = 0; i < f.areas.size(); ++i) {
    const Area& a = in.areas[at(f.areas[i])];
    const double r = 5 + 13 * std::sqrt(static_cast<double>(f.area_totals[i].residents) / static_cast<double>(most));
    s += "<circle cx=\"" + num(X(a.lon)) + "\" cy=\"" + num(Y(a.lat)) + "\" r=\"" + num(r) +
         "\" fill=\"#2a9d8f\" fill-opacity=\"0.75\" stroke=\"#12445a\" stroke-width=\"1\"><title>" +
         esc(a.name.empty() ? a.id : a.name) + "</title></circle>";
    if (labels)
      s += "<text x=\"" + num(X(a.lon) + r + 3) + "\" y=\"" + num(Y(a.lat) + 4) +
           "\" font-size=\"11\" fill=\"#12445a\" stroke=\"#f1f6f9\" stroke-width=\"3\" paint-order=\"stroke\">" +
           esc(a.name.empty() ? a.id : a.name) + "</text>";
  }
  return s + "</svg>";
}

}  // namespace

std::string board_report_html(const Instance& in, const Plan& plan, const BoardOptions& options) {
  const BoardFigures f = board_figures(in, plan, options);
  const Page pg(options.lang);
  std::string h;
  h.reserve(64 * 1024);
  h += "<!DOCTYPE html>\n<html lang=\"" + std::string(to_string(options.lang)) +
       "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>" +
       pg.T(M::ReportTitle) + "</title><style>" + kStyle + "</style></head><body><main>\n";

  // Title and status.
  h += "<header><h1>" + pg.T(M::ReportTitle) + "</h1><p class=\"sub\">" +
       pg.T(M::ReportSubtitle, {{"residents", f.total.residents},
                                {"areas", static_cast<long long>(f.areas.size())},
                                {"companies", f.companies}}) +
       "</p>";
  if (plan.status == Status::Optimal)
    h += "<p class=\"status ok\">" + pg.T(M::ReportStatusOptimal) + "</p>";
  else if (plan.bound_placed)
    h += "<p class=\"status warn\">" + pg.T(M::ReportStatusBound, {{"bound", static_cast<long long>(*plan.bound_placed)}}) + "</p>";
  else
    h += "<p class=\"status warn\">" + pg.T(M::ReportStatusUnproven) + "</p>";
  h += "</header>\n";

  if (f.total.residents == 0) {
    h += "<section><p>" + pg.T(M::ReportNoResidents) + "</p></section>";
  }

  // Activation rate.
  const double rate = f.total.rate();
  h += "<section><h2>" + pg.T(M::HeadActivation) + "</h2><div class=\"cards\">";
  h += "<div class=\"card\"><div class=\"big\" data-figure=\"rate\">" + pg.percent(rate) + "</div><div class=\"small\">" +
       esc(text(M::ReportRateLine, options.lang, {{"placed", "@P@"}, {"residents", "@R@"}})) + "</div></div>";
  {
    // The counts inside the sentence carry their own figure markers.
    const std::string p = "<span data-figure=\"placed\">" + std::to_string(f.total.placed) + "</span>";
    const std::string r = "<span data-figure=\"residents\">" + std::to_string(f.total.residents) + "</span>";
    h.replace(h.find("@P@"), 3, p);
    h.replace(h.find("@R@"), 3, r);
  }
  const std::int64_t goal_count =
      static_cast<std::int64_t>(std::ceil(options.goal * static_cast<double>(f.total.residents) - 1e-9));
  h += "<div class=\"card\"><div class=\"big\">" + pg.percent(options.goal) + "</div><div class=\"small\">" +
       (f.total.placed >= goal_count ? pg.T(M::ReportGoalReached)
                                     : pg.T(M::ReportGoalGap, {{"n", static_cast<long long>(goal_count - f.total.placed)}})) +
       "</div></div>";
  h += "<div class=\"card\"><div class=\"big\">" + pg.percent(options.baseline) + "</div><div class=\"small\">" +
       pg.T(M::WordBaseline) + "</div></div></div>";
  h += rate_svg(pg, rate, options.goal, options.baseline) + "</section>\n";

  // Target group x housing area, in tables of at most five areas.
  if (!f.groups.empty()) {
    h += "<section><h2>" + pg.T(M::HeadGroupArea) + "</h2>";
    const std::size_t per_table = 5;
    for (std::size_t from = 0; from < std::max<std::size_t>(f.areas.size(), 1); from += per_table) {
      const std::size_t to = std::min(f.areas.size(), from + per_table);
      const bool last = to == f.areas.size();
      h += "<table><tr><th class=\"l\">" + pg.T(M::WordTargetGroup) + "</th>";
      for (std::size_t a = from; a < to; ++a) {
        const Area& area = in.areas[at(f.areas[a])];
        h += "<th>" + esc(area.name.empty() ? area.id : area.name) + "</th>";
      }
      if (last) h += "<th>" + pg.T(M::WordTotal) + "</th>";
      h += "</tr>";
      auto cell = [&](const BoardCell& c, const std::string& attrs) {
        const bool low = c.residents > 0 && c.rate() < options.baseline;
        return "<td" + std::string(low ? " class=\"low\"" : "") + " " + attrs + ">" + std::to_string(c.placed) +
               " / " + std::to_string(c.residents) + "<span class=\"rate\">" + pg.percent(c.rate()) +
               "</span></td>";
      };
      for (std::size_t g = 0; g < f.groups.size(); ++g) {
        const std::string code = f.groups[g] == kNone ? std::string() : in.codes.name(f.groups[g]);
        h += "<tr><td class=\"l\" title=\"" + esc(target_group_name(in, f.groups[g], options.lang)) + "\">" +
             esc(code.empty() ? text(M::NoTargetGroup, options.lang) : code) + "</td>";
        for (std::size_t a = from; a < to; ++a)
          h += cell(f.cells[g][a], "data-group=\"" + esc(code) + "\" data-area=\"" + esc(in.areas[at(f.areas[a])].id) + "\"");
        if (last) h += cell(f.group_totals[g], "data-group=\"" + esc(code) + "\" data-area=\"\"");
        h += "</tr>";
      }
      h += "<tr class=\"total\"><td class=\"l\">" + pg.T(M::WordTotal) + "</td>";
      for (std::size_t a = from; a < to; ++a)
        h += cell(f.area_totals[a], "data-group=\"\" data-area=\"" + esc(in.areas[at(f.areas[a])].id) + "\"");
      if (last) h += cell(f.total, "data-group=\"\" data-area=\"\"");
      h += "</tr></table>";
    }
    // Names of the groups shown by code.
    h += "<p class=\"legend\"><span class=\"low\">&nbsp;&nbsp;&nbsp;&nbsp;</span> " +
         pg.T(M::LegendBelowBaseline, {{"rate", text(M::Percent, options.lang, {{"p", format_number(100 * options.baseline, options.lang, 1)}})}}) +
         "</p><p class=\"legend\">";
    for (std::size_t g = 0; g < f.groups.size(); ++g) {
      if (f.groups[g] == kNone) continue;
      h += (g ? " · " : "") + std::string("<b>") + esc(in.codes.name(f.groups[g])) + "</b> " +
           esc(target_group_name(in, f.groups[g], options.lang));
    }
    h += "</p></section>\n";
  }

  // Floors (contract section 12): per floor its scope, residents, required, placed and
  // shortfall as the plan has them, and the price the planner computed for them.
  if (!in.floors.empty()) {
    const std::vector<FloorRow> rows = floor_rows(in, plan);
    h += "<section data-section=\"floors\"><h2>" + pg.T(M::HeadFloors) + "</h2><p>" + pg.T(M::ReportFloorsIntro) +
         "</p><table><tr><th class=\"l\">" + pg.T(M::WordScope) + "</th><th class=\"l\">" + pg.T(M::WordCode) +
         "</th><th class=\"l\">" + pg.T(M::WordName) + "</th><th>" + pg.T(M::WordResidents) + "</th><th>" +
         pg.T(M::WordRequired) + "</th><th>" + pg.T(M::WordPlaced) + "</th><th>" + pg.T(M::WordShortfall) + "</th></tr>";
    bool any_short = false;
    for (std::size_t i = 0; i < rows.size() && i < in.floors.size(); ++i) {
      const FloorRow& r = rows[i];
      const Floor& fl = in.floors[i];
      std::string name;
      if (fl.scope == FloorScope::Group) {
        name = target_group_name(in, fl.code, options.lang);
      } else if (fl.code >= 0 && static_cast<std::size_t>(fl.code) < in.areas.size()) {
        const Area& area = in.areas[static_cast<std::size_t>(fl.code)];
        name = area.name.empty() ? area.id : area.name;
      }
      const bool short_ = r.shortfall > 0;
      any_short = any_short || short_;
      const std::string key = std::string(to_string(r.scope)) + ":" + r.code;
      auto figure = [&](const char* what, std::int64_t v) {
        return "<td data-figure=\"floor-" + std::string(what) + "\" data-code=\"" + esc(key) + "\">" +
               std::to_string(v) + "</td>";
      };
      h += "<tr data-floor=\"" + esc(key) + "\"" + (short_ ? " class=\"low\"" : "") + "><td class=\"l\">" +
           pg.T(r.scope == FloorScope::Group ? M::WordTargetGroup : M::WordArea) + "</td><td class=\"l\">" +
           esc(r.code) + "</td><td class=\"l\">" + esc(name) + "</td>" + figure("residents", r.residents) +
           figure("required", r.required) + figure("placed", r.placed) +
           (short_ ? "<td data-figure=\"floor-shortfall\" data-code=\"" + esc(key) + "\"><b>" +
                         std::to_string(r.shortfall) + "</b></td>"
                   : figure("shortfall", r.shortfall)) +
           "</tr>";
    }
    h += "</table>";
    if (any_short)
      h += "<p class=\"legend\"><span class=\"low\">&nbsp;&nbsp;&nbsp;&nbsp;</span> " + pg.T(M::LegendShortfall) + "</p>";
    if (plan.floors) {
      const FloorsOutcome& fo = *plan.floors;
      std::string score = format_millionths(fo.price_score);
      if (options.lang == Language::Da) std::replace(score.begin(), score.end(), '.', ',');
      h += "<p data-figure=\"floors-shortfall\">" +
           pg.T(M::ReportFloorsShortfall, {{"shortfall", static_cast<long long>(fo.shortfall)},
                                           {"bound", static_cast<long long>(fo.shortfall_bound)}}) +
           "</p><p data-figure=\"price-of-floors\">" +
           esc(text(M::ReportFloorsPrice, options.lang,
                    {{"placed", "@PP@"}, {"score", "@PS@"}, {"exact", fo.price_exact ? M::FloorsExact : M::FloorsEstimate}})) +
           "</p>";
      // The two figures carry their own markers, as the activation sentence's counts do.
      h.replace(h.rfind("@PP@"), 4,
                "<span data-figure=\"price-placed\">" + std::to_string(fo.price_placed) + "</span>");
      h.replace(h.rfind("@PS@"), 4, "<span data-figure=\"price-score\">" + esc(score) + "</span>");
    } else {
      h += "<p>" + pg.T(M::ReportFloorsNotApplied) + "</p>";
    }
    h += "</section>\n";
  }

  // Placements by kind.
  {
    h += "<section><h2>" + pg.T(M::HeadKinds) + "</h2><table><tr><th class=\"l\">" + pg.T(M::WordKind) + "</th><th>" +
         pg.T(M::WordOpenings) + "</th><th>" + pg.T(M::WordSeats) + "</th><th>" + pg.T(M::WordPlaced) +
         "</th><th class=\"l\" style=\"width:35%\"></th></tr>";
    std::int64_t top = 1;
    for (const auto& k : f.kinds) top = std::max(top, k.seats);
    for (const auto& k : f.kinds)
      h += "<tr><td class=\"l\">" + pg.T(kind_message(k.kind)) + "</td><td>" + std::to_string(k.openings) + "</td><td>" +
           std::to_string(k.seats) + "</td><td data-figure=\"kind\" data-code=\"" + std::string(to_string(k.kind)) +
           "\">" + std::to_string(k.placed) + "</td><td class=\"l\"><span class=\"bar\" style=\"width:" +
           num(100.0 * static_cast<double>(k.placed) / static_cast<double>(top), 1) +
           "%\"></span><span class=\"bar\" style=\"background:#cfdbe3;width:" +
           num(100.0 * static_cast<double>(k.seats - k.placed) / static_cast<double>(top), 1) + "%\"></span></td></tr>";
    h += "</table></section>\n";
  }

  // The map.
  {
    const std::string svg = map_svg(in, plan, f);
    if (!svg.empty())
      h += "<section><h2>" + pg.T(M::HeadMap) + "</h2>" + svg + "<p class=\"legend\">" + pg.T(M::MapLegend) +
           "</p></section>\n";
  }

  // Unplaced by reason.
  {
    h += "<section><h2>" + pg.T(M::HeadUnplaced) + "</h2>";
    if (f.unplaced_by_reason.empty()) {
      h += "<p>" + pg.T(M::ReportNoUnplaced) + "</p>";
    } else {
      std::vector<std::tuple<std::string, std::string, std::int64_t>> rows;
      for (const auto& [code, n] : f.unplaced_by_reason) {
        auto label = reason_label(code);
        rows.emplace_back(label ? pg.T(*label) : esc(code), code, n);
      }
      h += bars_table(rows, pg.T(M::WordReason), pg.T(M::WordResidents), "unplaced");
    }
    h += "</section>\n";
  }

  // Empty seats.
  {
    h += "<section><h2>" + pg.T(M::HeadEmptySeats) + "</h2><p>" +
         pg.T(M::ReportEmptySeatsLine,
              {{"free", f.free_seats}, {"seats", f.seats}, {"openings", f.openings_with_free_seats}}) +
         "</p>";
    if (!f.empty_seats_by.empty()) {
      std::vector<std::tuple<std::string, std::string, std::int64_t>> rows;
      for (const auto& [code, n] : f.empty_seats_by) {
        std::optional<MessageId> label;
        if (f.empty_by_reason) label = reason_label(code, true);
        else if (auto kind = parse_opening_kind(code)) label = kind_message(*kind);
        rows.emplace_back(label ? pg.T(*label) : esc(code), code, n);
      }
      h += bars_table(rows, f.empty_by_reason ? pg.T(M::WordReason) : pg.T(M::WordKind), pg.T(M::WordFree), "empty");
    }
    h += "</section>\n";
  }

  // Mentors and companies.
  h += "<section><h2>" + pg.T(M::HeadMentors) + "</h2><p data-figure=\"mentors\">" +
       pg.T(M::ReportMentorsLine, {{"mentors", f.mentors},
                                   {"room", f.mentor_room},
                                   {"used", f.mentor_used},
                                   {"free", f.mentor_room - f.mentor_used}}) +
       "</p><p>" + pg.T(M::ReportCompaniesLine, {{"used", f.companies_used}, {"companies", f.companies}}) +
       "</p></section>\n";

  // Changes against the earlier plan.
  if (f.changes) {
    h += "<section><h2>" + pg.T(M::HeadChanges) + "</h2><p>" +
         pg.T(M::ReportChangesLine, {{"kept", f.kept},
                                     {"before", f.previous_placements},
                                     {"n", static_cast<long long>(f.changes->size())}}) +
         "</p>";
    if (f.changes->empty()) {
      h += "<p>" + pg.T(M::ReportNoChanges) + "</p>";
    } else {
      h += "<table><tr><th class=\"l\">" + pg.T(M::WordCitizen) + "</th><th class=\"l\">" + pg.T(M::WordBefore) +
           "</th><th class=\"l\">" + pg.T(M::WordAfter) + "</th><th class=\"l\">" + pg.T(M::WordChange) + "</th></tr>";
      const std::size_t shown = std::min<std::size_t>(f.changes->size(), 60);
      for (std::size_t i = 0; i < shown; ++i) {
        const BoardChange& c = (*f.changes)[i];
        const MessageId what = c.change == "moved"      ? M::ChangeMoved
                               : c.change == "unplaced" ? M::ChangeUnplaced
                               : c.change == "placed"   ? M::ChangePlaced
                                                        : M::ChangeGone;
        h += "<tr data-change=\"" + c.change + "\" data-citizen=\"" + esc(c.citizen) + "\"><td class=\"l\">" + esc(c.citizen) + "</td><td class=\"l\">" +
             esc(c.before.empty() ? "-" : c.before) + "</td><td class=\"l\">" + esc(c.after.empty() ? "-" : c.after) +
             "</td><td class=\"l\">" + pg.T(what) + "</td></tr>";
      }
      h += "</table>";
      if (shown < f.changes->size())
        h += "<p class=\"legend\">" + pg.T(M::ReportMoreChanges, {{"n", static_cast<long long>(f.changes->size() - shown)}}) +
             "</p>";
    }
    h += "</section>\n";
  }

  h += "<footer>" + pg.T(M::ReportFooter, {{"version", kVersion}}) + "</footer>\n</main></body></html>\n";
  return h;
}

}  // namespace placematch
