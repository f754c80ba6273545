// The workbench's access rules, pages and actions (see placematch/serve/workbench.hpp).
#include "placematch/serve/workbench.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <random>
#include <sstream>

#include "placematch/candidates/scoring.hpp"
#include "placematch/model/format.hpp"
#include "placematch/model/messages.hpp"
#include "placematch/planner/planner.hpp"
#include "placematch/planner/whatif.hpp"
#include "placematch/report/board.hpp"
#include "placematch/report/report.hpp"
#include "placematch/report/spreadsheet.hpp"
#include "placematch/report/whatif_report.hpp"
#include "placematch/rules/rules.hpp"

namespace placematch::serve {

namespace {

using M = MessageId;

MessageId change_message(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::Moved: return M::WbChMoved;
    case ChangeKind::Unplaced: return M::WbChUnplaced;
    case ChangeKind::Placed: return M::WbChPlaced;
  }
  return M::WbChMoved;
}

// The short label of a broken rule's code (placematch/explain/why_rules.hpp).
std::optional<MessageId> rule_message(std::string_view code) {
  static constexpr std::pair<std::string_view, MessageId> kRules[] = {
      {"distance", M::WbRDistance},   {"hours", M::WbRHours},             {"competences", M::WbRCompetences},
      {"barriers", M::WbRBarriers},   {"group_or_age", M::WbRGroupOrAge}, {"excluded", M::WbRExcluded},
      {"forbidden", M::WbRForbidden}, {"no_mentor", M::WbRNoMentor}};
  for (const auto& [c, id] : kRules)
    if (c == code) return id;
  return std::nullopt;
}

std::size_t at(Index i) { return static_cast<std::size_t>(i); }

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += hex[ch >> 4];
      out += hex[ch & 15];
    }
  }
  return out;
}

std::string fixed(double v, int decimals) { return format_fixed(v, decimals); }

std::string percent(double share) { return fixed(100.0 * share, 1) + " %"; }

// Constant-time comparison of two tokens (no early exit on the first differing byte).
bool same_token(std::string_view a, std::string_view b) {
  unsigned diff = a.size() == b.size() ? 0u : 1u;
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned>(x ^ y);
  }
  return diff == 0;
}

std::string param(const WorkbenchRequest& r, const std::string& key) {
  auto it = r.params.find(key);
  return it == r.params.end() ? std::string() : it->second;
}

std::string header(const WorkbenchRequest& r, const std::string& key) {
  auto it = r.headers.find(key);
  return it == r.headers.end() ? std::string() : it->second;
}

// A path this workbench serves, for the `back` field of a form (never another site).
bool safe_back(std::string_view path) {
  if (path.empty() || path[0] != '/' || (path.size() > 1 && path[1] == '/')) return false;
  return std::all_of(path.begin(), path.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '/' || ch == '_' || ch == '.' || ch == '-';
  });
}

constexpr std::string_view kStyle = R"css(
:root { --ink: #1d2a33; --muted: #5b6b75; --line: #d5dde2; --accent: #0b6e4f; --warn: #a33b20; --bg: #f6f8f9; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; background: var(--bg); }
header { background: #fff; border-bottom: 1px solid var(--line); padding: .6rem 1.2rem; display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
header .app { font-weight: 700; color: var(--accent); }
nav a { margin-right: .9rem; color: var(--ink); text-decoration: none; padding: .2rem 0; }
nav a.active { border-bottom: 2px solid var(--accent); font-weight: 600; }
header .state { margin-left: auto; display: flex; gap: .5rem; align-items: center; }
main { padding: 1rem 1.2rem 3rem; max-width: 1280px; }
h1 { font-size: 1.35rem; margin: .2rem 0 .8rem; }
h2 { font-size: 1.1rem; margin: 1.4rem 0 .5rem; }
.cards { display: flex; flex-wrap: wrap; gap: .8rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .6rem .9rem; min-width: 10rem; }
.card .big { font-size: 1.5rem; font-weight: 700; }
.card .small { color: var(--muted); font-size: .85rem; }
meter { width: 12rem; height: 1rem; }
table { border-collapse: collapse; background: #fff; border: 1px solid var(--line); width: 100%; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef2f4; font-weight: 600; font-size: .9rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.pinned td { background: #eef8f2; }
.badge { display: inline-block; border-radius: 4px; padding: 0 .35rem; font-size: .8rem; background: #e3ecf0; }
.badge.pin { background: #cfe9db; color: #0b4f39; }
.badge.warn { background: #f7ddd4; color: var(--warn); }
.muted { color: var(--muted); }
form.inline { display: inline; margin: 0; }
button { font: inherit; border: 1px solid var(--accent); background: #fff; color: var(--accent); border-radius: 4px; padding: .15rem .6rem; cursor: pointer; }
button.primary { background: var(--accent); color: #fff; }
button.danger { border-color: var(--warn); color: var(--warn); }
form.filters { display: flex; flex-wrap: wrap; gap: .8rem; align-items: end; margin: 1rem 0; }
form.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
select, input { font: inherit; padding: .15rem; }
iframe.report { width: 100%; height: 80vh; border: 1px solid var(--line); background: #fff; }
.flash { border: 1px solid var(--line); background: #fff; border-left: 4px solid var(--accent); padding: .5rem .8rem; margin-bottom: 1rem; }
.flash.error { border-left-color: var(--warn); }
.flash code { white-space: pre-wrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; background: #fff; border: 1px solid var(--line); padding: .6rem .9rem; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
.components { font-size: .8rem; color: var(--muted); }
#busy { display: none; position: fixed; right: 1rem; bottom: 1rem; background: var(--ink); color: #fff; padding: .5rem .9rem; border-radius: 6px; }
body.busy #busy { display: block; }
@media print { header, form, button { display: none; } }
)css";

constexpr std::string_view kScript = R"js(
// placematch workbench: filters submit themselves; a decision shows a busy note with the
// planner's phase while the server re-plans. No framework, nothing from elsewhere.
(function () {
  document.querySelectorAll('select[data-autosubmit]').forEach(function (s) {
    s.addEventListener('change', function () { s.form.submit(); });
  });
  var token = document.body.getAttribute('data-token');
  function poll() {
    if (!document.body.classList.contains('busy')) return;
    fetch('/api/progress?token=' + encodeURIComponent(token), {headers: {'X-Placematch-Token': token}})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        var b = document.getElementById('busy');
        if (b && s.text) b.textContent = b.getAttribute('data-label') + ' ' + s.text;
      }).catch(function () {}).finally(function () { setTimeout(poll, 500); });
  }
  document.querySelectorAll('form[method=post]').forEach(function (f) {
    f.addEventListener('submit', function () {
      document.body.classList.add('busy');
      setTimeout(poll, 1000);
    });
  });
})();
)js";

// The security headers every answer carries. The board report (its own inline style and
// SVG, no script) may be framed by the workbench's report page only.
void secure(WorkbenchResponse& r, bool report_page = false) {
  r.headers.emplace_back("Content-Security-Policy",
                         report_page ? "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                                       "frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
                                     : "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                       "connect-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                                       "base-uri 'none'");
  r.headers.emplace_back("X-Frame-Options", report_page ? "SAMEORIGIN" : "DENY");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "same-origin");
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("Cross-Origin-Resource-Policy", "same-origin");
}

// Rendering of one request: texts, links with the token, the shared frame.
class View {
 public:
  View(const Session& s, const WorkbenchOptions& o) : s_(s), o_(o), in_(s.instance()), plan_(s.current().plan) {
    opening_of_.assign(in_.citizens.size(), kNone);
    placement_of_.assign(in_.citizens.size(), -1);
    holders_.resize(in_.openings.size());
    for (std::size_t i = 0; i < plan_.placements.size(); ++i) {
      const Placement& p = plan_.placements[i];
      opening_of_[at(p.citizen)] = p.opening;
      placement_of_[at(p.citizen)] = static_cast<std::int64_t>(i);
      holders_[at(p.opening)].push_back(p.citizen);
    }
  }

  std::string t(MessageId id) const { return text(id, o_.lang); }

  std::string link(std::string_view path, const std::vector<std::pair<std::string, std::string>>& q = {}) const {
    std::string out(path);
    out += "?token=" + o_.token;
    for (const auto& [k, v] : q)
      if (!v.empty()) out += "&" + url_encode(k) + "=" + url_encode(v);
    return out;
  }
  std::string a(std::string_view path, std::string_view label, std::string_view cls = "") const {
    std::string out = "<a href=\"" + esc(link(path)) + "\"";
    if (!cls.empty()) out += " class=\"" + std::string(cls) + "\"";
    return out + ">" + esc(label) + "</a>";
  }
  std::string resident_link(Index c) const {
    const std::string& id = in_.citizens[at(c)].id;
    return a("/resident/" + id, id);
  }
  std::string opening_link(Index o) const {
    const std::string& id = in_.openings[at(o)].id;
    return a("/opening/" + id, id);
  }
  std::string company_name(Index k) const {
    const Company& c = in_.companies[at(k)];
    return c.name.empty() ? c.id : c.name;
  }
  std::string area_name(Index a) const {
    const Area& ar = in_.areas[at(a)];
    return ar.name.empty() ? ar.id : ar.name;
  }
  std::string kind_name(OpeningKind k) const { return t(kind_message(k)); }
  std::string component_name(std::string_view name) const {
    const auto id = component_message(name);
    return id ? t(*id) : std::string(name);
  }
  std::string group_name(const Citizen& c) const {
    return c.target_group == kNone ? "OTHER" : in_.codes.name(c.target_group);
  }
  std::string levels(const CodeLevels& list) const {
    std::string out;
    for (const CodeLevel& cl : list) {
      if (!out.empty()) out += ", ";
      out += in_.codes.name(cl.code) + ":" + std::to_string(cl.level);
    }
    return out.empty() ? "—" : out;
  }
  std::string codes(const Codes& list) const {
    std::string out;
    for (CodeId c : list) {
      if (!out.empty()) out += ", ";
      out += in_.codes.name(c);
    }
    return out.empty() ? "—" : out;
  }
  std::string hidden_token() const { return "<input type=\"hidden\" name=\"token\" value=\"" + o_.token + "\">"; }

  // A POST button for a decision on a pair.
  std::string decision_button(std::string_view action, Index c, Index o, std::string_view label,
                              std::string_view back, std::string_view cls = "") const {
    std::string f = "<form class=\"inline\" method=\"post\" action=\"" + std::string(action) + "\">" + hidden_token();
    f += "<input type=\"hidden\" name=\"citizen\" value=\"" + esc(in_.citizens[at(c)].id) + "\">";
    f += "<input type=\"hidden\" name=\"opening\" value=\"" + esc(in_.openings[at(o)].id) + "\">";
    f += "<input type=\"hidden\" name=\"back\" value=\"" + esc(back) + "\">";
    f += "<button type=\"submit\" data-action=\"" + std::string(action.substr(1)) + "\"";
    if (!cls.empty()) f += " class=\"" + std::string(cls) + "\"";
    return f + ">" + esc(label) + "</button></form>";
  }
  std::string simple_button(std::string_view action, std::string_view label, std::string_view cls = "") const {
    std::string f = "<form class=\"inline\" method=\"post\" action=\"" + std::string(action) + "\">" + hidden_token();
    f += "<button type=\"submit\" data-action=\"" + std::string(action.substr(1)) + "\"";
    if (!cls.empty()) f += " class=\"" + std::string(cls) + "\"";
    return f + ">" + esc(label) + "</button></form>";
  }

  std::string frame(std::string_view active, std::string_view title, const std::string& body,
                    const std::vector<std::string>& errors, const std::string& note) const {
    std::string h = "<!doctype html>\n<html lang=\"";
    h += o_.lang == Lang::Da ? "da" : "en";
    h += "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">";
    h += "<title>" + esc(title) + " — " + esc(t(M::WbApp)) + "</title>";
    h += "<link rel=\"stylesheet\" href=\"" + esc(link("/assets/style.css")) + "\">";
    h += "<script defer src=\"" + esc(link("/assets/app.js")) + "\"></script></head>";
    h += "<body data-token=\"" + o_.token + "\"><header><span class=\"app\">" + esc(t(M::WbApp)) + "</span><nav>";
    const std::array<std::pair<std::string_view, MessageId>, 6> items = {
        {{"/", M::WbNavPlan}, {"/empty", M::WbNavEmpty}, {"/changes", M::WbNavChanges}, {"/whatif", M::WbNavWhatIf},
         {"/report", M::WbNavReport}, {"/downloads", M::WbNavDownloads}}};
    for (const auto& [path, id] : items)
      h += a(path, t(id), path == active ? "active" : "");
    h += "</nav><span class=\"state\">";
    if (s_.unsaved())
      h += "<span class=\"badge warn\" id=\"unsaved\">" + esc(t(M::WbUnsaved)) + "</span>";
    else
      h += "<span class=\"badge\" id=\"unsaved\">" + esc(t(M::WbSaved)) + "</span>";
    if (!s_.history().empty()) h += simple_button("/undo", t(M::WbUndo));
    if (s_.can_save()) h += simple_button("/save", t(M::WbSave), "primary");
    h += "</span></header><main>";
    if (!errors.empty()) {
      h += "<div class=\"flash error\" id=\"flash\"><strong>" + esc(t(M::WbRefused)) + "</strong>";
      for (const std::string& e : errors) h += "<div><code>" + esc(e) + "</code></div>";
      h += "</div>";
    }
    if (!note.empty()) h += "<div class=\"flash\" id=\"flash\">" + esc(note) + "</div>";
    h += body;
    h += "</main><div id=\"busy\" data-label=\"" + esc(t(M::WbBusy)) + "\">" + esc(t(M::WbBusy)) + "</div></body></html>\n";
    return h;
  }

  std::string summary_cards() const {
    const std::size_t residents = in_.citizens.size();
    const double rate = residents ? static_cast<double>(plan_.placed) / static_cast<double>(residents) : 0.0;
    std::string h = "<div class=\"cards\">";
    h += "<div class=\"card\"><div class=\"small\">" + esc(t(M::WbResidents)) + "</div><div class=\"big\" id=\"residents\">" +
         std::to_string(residents) + "</div></div>";
    h += "<div class=\"card\"><div class=\"small\">" + esc(t(M::WbPlaced)) + "</div><div class=\"big\" id=\"placed\">" +
         std::to_string(plan_.placed) + "</div><div class=\"small\">" + esc(t(M::WbScore)) + " " +
         format_millionths(plan_.score) + "</div></div>";
    h += "<div class=\"card\"><div class=\"small\">" + esc(t(M::WbActivation)) + "</div><div class=\"big\" id=\"rate\">" +
         percent(rate) + "</div><meter min=\"0\" max=\"1\" low=\"" + fixed(o_.goal * 0.5, 3) + "\" high=\"" +
         fixed(o_.goal, 3) + "\" optimum=\"1\" value=\"" + fixed(rate, 4) + "\"></meter><div class=\"small\">" +
         esc(t(M::WbGoal)) + " " + percent(o_.goal) + "</div></div>";
    h += "<div class=\"card\"><div class=\"small\">" + esc(t(M::WbStatus)) + "</div><div id=\"status\">" +
         esc(plan_.status == Status::Optimal ? t(M::WbStatusOptimal) : t(M::WbStatusFeasible)) + "</div></div>";
    return h + "</div>";
  }

  std::string change_table(const std::vector<PlanChange>& changes, std::string_view id) const {
    if (changes.empty()) return "<p class=\"muted\" id=\"" + std::string(id) + "\">" + esc(t(M::WbNoChanges)) + "</p>";
    std::string h = "<table id=\"" + std::string(id) + "\"><thead><tr><th>" + esc(t(M::WbResident)) + "</th><th>" +
                    esc(t(M::WbBefore)) + "</th><th>" + esc(t(M::WbAfter)) + "</th><th>" + esc(t(M::WbChange)) +
                    "</th></tr></thead><tbody>";
    for (const PlanChange& c : changes) {
      h += "<tr data-citizen=\"" + esc(in_.citizens[at(c.citizen)].id) + "\" data-change=\"" +
           std::string(to_string(c.kind)) + "\"><td>" + resident_link(c.citizen) + "</td><td>" +
           (c.before == kNone ? "—" : opening_link(c.before)) + "</td><td>" +
           (c.after == kNone ? "—" : opening_link(c.after)) + "</td><td>" +
           esc(t(change_message(c.kind))) + "</td></tr>";
    }
    return h + "</tbody></table>";
  }

  // What agreeing a pair gives up (contract section 8), or that no plan can hold it.
  std::string cost(const Suggestion& sg) const {
    if (!sg.possible) return "<span class=\"badge warn\">" + esc(t(M::WbImpossible)) + "</span>";
    if (sg.in_plan) return "<span class=\"muted\">" + esc(t(M::WbInPlan)) + "</span>";
    std::string h = "<span class=\"cost\" data-placed=\"" + std::to_string(sg.cost.placed) + "\" data-moved=\"" +
                    std::to_string(sg.cost.moved) + "\"" +
                    (in_.floors.empty() ? std::string() : " data-shortfall=\"" + std::to_string(sg.cost.shortfall) + "\"") +
                    ">";
    h += esc(t(M::WbCostPlaced)) + " " + std::to_string(sg.cost.placed) + " · " + esc(t(M::WbCostMoved)) + " " +
         std::to_string(sg.cost.moved) + " · " + esc(t(M::WbScore)) + " " + format_millionths(sg.cost.score);
    if (!in_.floors.empty())  // contract section 12: what the pair adds to the floors' shortfall
      h += " · " + esc(t(M::WbCostShortfall)) + " " + std::to_string(sg.cost.shortfall);
    if (!sg.optimal) h += " <span class=\"muted\">(" + esc(t(M::WbAtMost)) + ")</span>";
    return h + "</span>";
  }
  std::string suggestion_changes(const Suggestion& sg) const {
    std::string h = "<span class=\"components\">";
    bool first = true;
    for (const placematch::PlanChange& ch : sg.changes) {
      if (!first) h += ", ";
      first = false;
      h += esc(ch.citizen_id) + " " + esc(ch.before ? *ch.before : "—") + "→" + esc(ch.after ? *ch.after : "—");
    }
    return h + "</span>";
  }

  std::string components(const ScoreBreakdown& b) const {
    std::string h = "<span class=\"components\">";
    bool first = true;
    for (const ScoreComponent& c : b.components) {
      if (c.weight <= 0) continue;
      if (!first) h += " · ";
      first = false;
      h += esc(component_name(c.name)) + " " + fixed(c.value, 2);
    }
    return h + "</span>";
  }

  const Session& s_;
  const WorkbenchOptions& o_;
  const Instance& in_;
  const Plan& plan_;
  std::vector<Index> opening_of_;
  std::vector<std::int64_t> placement_of_;
  std::vector<std::vector<Index>> holders_;
};

// ---------------------------------------------------------------- pages

std::string plan_page(const View& v, const WorkbenchRequest& r, const std::vector<std::string>& errors,
                      const std::string& note) {
  const Instance& in = v.in_;
  const std::string f_area = param(r, "area"), f_group = param(r, "group"), f_company = param(r, "company"),
                    f_kind = param(r, "kind");
  std::string h = "<h1>" + esc(v.t(M::WbNavPlan)) + "</h1>" + v.summary_cards();

  // Filters: a plain GET form; the script submits it on change.
  auto select = [&](const std::string& name, std::string_view label, const std::vector<std::pair<std::string, std::string>>& options,
                    const std::string& chosen) {
    std::string s = "<label>" + esc(label) + "<select name=\"" + name + "\" data-autosubmit><option value=\"\">" +
                    esc(v.t(M::WbAll)) + "</option>";
    for (const auto& [value, text] : options)
      s += "<option value=\"" + esc(value) + "\"" + (value == chosen ? " selected" : "") + ">" + esc(text) + "</option>";
    return s + "</select></label>";
  };
  std::vector<std::pair<std::string, std::string>> areas, groups, companies, kinds;
  for (std::size_t i = 0; i < in.areas.size(); ++i) areas.emplace_back(in.areas[i].id, v.area_name(static_cast<Index>(i)));
  {
    std::vector<std::string> seen;
    for (const Citizen& c : in.citizens) seen.push_back(v.group_name(c));
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (const std::string& g : seen) groups.emplace_back(g, g);
  }
  for (std::size_t i = 0; i < in.companies.size(); ++i)
    companies.emplace_back(in.companies[i].id, v.company_name(static_cast<Index>(i)));
  std::sort(companies.begin(), companies.end(), [](const auto& x, const auto& y) { return x.second < y.second; });
  for (OpeningKind k : {OpeningKind::Internship, OpeningKind::SmallJob, OpeningKind::WageSubsidy,
                        OpeningKind::Ordinary, OpeningKind::LeisureJob})
    kinds.emplace_back(std::string(to_string(k)), v.kind_name(k));
  h += "<form class=\"filters\" method=\"get\" action=\"/\" id=\"filters\">" + v.hidden_token();
  h += select("area", v.t(M::WbArea), areas, f_area) + select("group", v.t(M::WbGroup), groups, f_group) +
       select("company", v.t(M::WbCompany), companies, f_company) + select("kind", v.t(M::WbKind), kinds, f_kind);
  h += "<button type=\"submit\">" + esc(v.t(M::WbFilter)) + "</button></form>";

  auto citizen_passes = [&](const Citizen& c) {
    if (!f_area.empty() && in.areas[at(c.area)].id != f_area) return false;
    if (!f_group.empty() && v.group_name(c) != f_group) return false;
    return true;
  };
  auto opening_passes = [&](const Opening& o) {
    if (!f_company.empty() && in.companies[at(o.company)].id != f_company) return false;
    if (!f_kind.empty() && to_string(o.kind) != f_kind) return false;
    return true;
  };

  std::string rows;
  int shown = 0;
  for (const Placement& p : v.plan_.placements) {
    const Citizen& c = in.citizens[at(p.citizen)];
    const Opening& o = in.openings[at(p.opening)];
    if (!citizen_passes(c) || !opening_passes(o)) continue;
    ++shown;
    const bool pin = p.pinned;
    rows += std::string("<tr") + (pin ? " class=\"pinned\"" : "") + " data-citizen=\"" + esc(c.id) +
            "\" data-opening=\"" + esc(o.id) + "\"><td>" + v.resident_link(p.citizen) + "</td><td>" +
            esc(v.area_name(c.area)) + "</td><td>" + esc(v.group_name(c)) + "</td><td>" + v.opening_link(p.opening) +
            "</td><td>" + esc(v.company_name(o.company)) + "</td><td>" + esc(v.kind_name(o.kind)) + "</td><td>" +
            (p.mentor == kNone ? "—" : esc(in.mentors[at(p.mentor)].id)) + "</td><td class=\"num\">" +
            fixed(p.hours, 1) + "</td><td class=\"num\">" + fixed(p.km, 1) + "</td><td class=\"num\">" +
            format_millionths(p.score) + "</td><td>" +
            (pin ? "<span class=\"badge pin\">" + esc(v.t(M::WbAgreed)) + "</span>" : "") + "</td></tr>";
  }
  h += "<h2>" + esc(v.t(M::WbPlacements)) + " <span class=\"muted\" id=\"shown\">(" + std::to_string(shown) + ")</span></h2>";
  h += "<table id=\"placements\"><thead><tr><th>" + esc(v.t(M::WbResident)) + "</th><th>" + esc(v.t(M::WbArea)) + "</th><th>" +
       esc(v.t(M::WbGroup)) + "</th><th>" + esc(v.t(M::WbOpening)) + "</th><th>" + esc(v.t(M::WbCompany)) + "</th><th>" +
       esc(v.t(M::WbKind)) + "</th><th>" + esc(v.t(M::WbMentor)) + "</th><th class=\"num\">" + esc(v.t(M::WbHours)) +
       "</th><th class=\"num\">" + esc(v.t(M::WbKm)) + "</th><th class=\"num\">" + esc(v.t(M::WbScore)) +
       "</th><th></th></tr></thead><tbody>" + rows + "</tbody></table>";

  if (f_company.empty() && f_kind.empty()) {
    std::string urows;
    int n = 0;
    for (const Unplaced& u : v.plan_.unplaced) {
      const Citizen& c = in.citizens[at(u.citizen)];
      if (!citizen_passes(c)) continue;
      ++n;
      urows += "<tr data-citizen=\"" + esc(c.id) + "\"><td>" + v.resident_link(u.citizen) + "</td><td>" +
               esc(v.area_name(c.area)) + "</td><td>" + esc(v.group_name(c)) + "</td><td><span class=\"badge\">" +
               esc(to_string(u.reason_code)) + "</span> " + esc(reason_text(u, v.o_.lang)) + "</td></tr>";
    }
    h += "<h2>" + esc(v.t(M::WbUnplaced)) + " <span class=\"muted\">(" + std::to_string(n) + ")</span></h2>";
    h += "<table id=\"unplaced\"><thead><tr><th>" + esc(v.t(M::WbResident)) + "</th><th>" + esc(v.t(M::WbArea)) +
         "</th><th>" + esc(v.t(M::WbGroup)) + "</th><th>" + esc(v.t(M::WbReason)) + "</th></tr></thead><tbody>" + urows +
         "</tbody></table>";
  }
  return v.frame("/", v.t(M::WbNavPlan), h, errors, note);
}

std::string opening_page(const View& v, Index o, const std::vector<std::string>& errors, const std::string& note) {
  const Instance& in = v.in_;
  const Opening& op = in.openings[at(o)];
  const MatchResult& cur = v.s_.current();
  const std::string back = "/opening/" + op.id;
  std::string h = "<h1>" + esc(v.t(M::WbOpening)) + " " + esc(op.id) + " · " + esc(v.company_name(op.company)) + "</h1>";
  const int held = static_cast<int>(v.holders_[at(o)].size());
  h += "<dl class=\"facts\"><dt>" + esc(v.t(M::WbCompany)) + "</dt><dd>" + esc(v.company_name(op.company)) + "</dd>";
  h += "<dt>" + esc(v.t(M::WbKind)) + "</dt><dd>" + esc(v.kind_name(op.kind)) + "</dd>";
  h += "<dt>" + esc(v.t(M::WbSeats)) + "</dt><dd id=\"seats\">" + std::to_string(op.seats) + " (" + esc(v.t(M::WbFree)) + " " +
       std::to_string(op.seats - held) + ")</dd>";
  h += "<dt>" + esc(v.t(M::WbHours)) + "</dt><dd>" + fixed(op.hours_min, 1) + "–" + fixed(op.hours_max, 1) + "</dd>";
  h += "<dt>" + esc(v.t(M::WbRequires)) + "</dt><dd>" + esc(v.levels(op.required)) + "</dd>";
  h += "<dt>" + esc(v.t(M::WbGroups)) + "</dt><dd>" + esc(op.groups.empty() ? std::string(v.t(M::WbAll)) : v.codes(op.groups)) + "</dd>";
  h += "<dt>" + esc(v.t(M::WbMentorRequired)) + "</dt><dd>" + esc(op.mentor_required ? v.t(M::WbYes) : v.t(M::WbNo)) + "</dd></dl>";

  h += "<h2>" + esc(v.t(M::WbHolders)) + "</h2>";
  if (v.holders_[at(o)].empty()) {
    h += "<p class=\"muted\" id=\"holders\">" + esc(v.t(M::WbNobody)) + "</p>";
  } else {
    h += "<ul id=\"holders\">";
    for (Index c : v.holders_[at(o)]) {
      h += "<li data-citizen=\"" + esc(in.citizens[at(c)].id) + "\">" + v.resident_link(c);
      if (v.s_.pinned(c, o)) h += " <span class=\"badge pin\">" + esc(v.t(M::WbAgreed)) + "</span>";
      h += "</li>";
    }
    h += "</ul>";
  }

  // Every resident who forms a feasible pair with the opening, with the exact cost of
  // agreeing the pair (the planner's suggestions: contract section 8), cheapest first.
  const std::vector<Suggestion> rows = v.s_.planner().suggest_for_opening(o, 0);
  h += "<h2>" + esc(v.t(M::WbCandidates)) + " <span class=\"muted\">(" + std::to_string(rows.size()) + ")</span></h2>";
  h += "<table id=\"candidates\"><thead><tr><th>" + esc(v.t(M::WbResident)) + "</th><th>" + esc(v.t(M::WbArea)) + "</th><th>" +
       esc(v.t(M::WbGroup)) + "</th><th class=\"num\">" + esc(v.t(M::WbScore)) + "</th><th class=\"num\">" + esc(v.t(M::WbKm)) +
       "</th><th>" + esc(v.t(M::WbWhereNow)) + "</th><th>" + esc(v.t(M::WbCost)) + "</th><th>" + esc(v.t(M::WbWhoMoves)) +
       "</th><th>" + esc(v.t(M::WbComponents)) + "</th><th></th></tr></thead><tbody>";
  for (const Suggestion& sg : rows) {
    const Citizen& c = in.citizens[at(sg.citizen)];
    const Index now = v.opening_of_[at(sg.citizen)];
    const ScoreBreakdown b = explain_score(in, sg.citizen, o, v.s_.options().weights);
    const bool pin = v.s_.pinned(sg.citizen, o);
    h += std::string("<tr") + (pin ? " class=\"pinned\"" : "") + " data-citizen=\"" + esc(c.id) + "\" data-in-plan=\"" +
         (now == o ? "true" : "false") + "\" data-possible=\"" + (sg.possible ? "true" : "false") + "\"><td>" +
         v.resident_link(sg.citizen) + "</td><td>" + esc(v.area_name(c.area)) + "</td><td>" + esc(v.group_name(c)) +
         "</td><td class=\"num\">" + format_millionths(cur.graph.score[static_cast<std::size_t>(sg.arc)]) +
         "</td><td class=\"num\">" + fixed(cur.graph.km[static_cast<std::size_t>(sg.arc)], 1) + "</td><td>" +
         (now == o ? esc(v.t(M::WbHere)) : now == kNone ? "<span class=\"muted\">" + esc(v.t(M::WbUnplacedNow)) + "</span>"
                                                     : v.opening_link(now)) +
         "</td><td>" + v.cost(sg) + "</td><td>" + v.suggestion_changes(sg) + "</td><td>" + v.components(b) + "</td><td>";
    if (pin)
      h += "<span class=\"badge pin\">" + esc(v.t(M::WbAgreed)) + "</span>";
    else if (sg.possible)
      h += v.decision_button("/agree", sg.citizen, o, v.t(M::WbAgree), back, "primary") + " " +
           v.decision_button("/rule-out", sg.citizen, o, v.t(M::WbRuleOut), back, "danger");
    h += "</td></tr>";
  }
  h += "</tbody></table>";
  return v.frame("", std::string(v.t(M::WbOpening)) + " " + op.id, h, errors, note);
}

std::string resident_page(const View& v, Index c, const std::vector<std::string>& errors, const std::string& note) {
  const Instance& in = v.in_;
  const Citizen& ci = in.citizens[at(c)];
  const std::string back = "/resident/" + ci.id;
  std::string h = "<h1>" + esc(v.t(M::WbResident)) + " " + esc(ci.id) + "</h1>";
  h += "<dl class=\"facts\"><dt>" + esc(v.t(M::WbArea)) + "</dt><dd>" + esc(v.area_name(ci.area)) + "</dd>";
  h += "<dt>" + esc(v.t(M::WbGroup)) + "</dt><dd>" + esc(v.group_name(ci)) + "</dd>";
  h += "<dt>" + esc(v.t(M::WbAge)) + "</dt><dd>" + std::to_string(ci.age) + "</dd>";
  h += "<dt>" + esc(v.t(M::WbHours)) + "</dt><dd>" + fixed(ci.hours, 1) + " ± " + fixed(ci.hours_tolerance, 1) + "</dd>";
  h += "<dt>" + esc(v.t(M::WbMaxKm)) + "</dt><dd>" + fixed(ci.max_km, 1) + " km</dd>";
  h += "<dt>" + esc(v.t(M::WbNeedsMentor)) + "</dt><dd>" + esc(ci.needs_mentor ? v.t(M::WbYes) : v.t(M::WbNo)) + "</dd>";
  h += "<dt>" + esc(v.t(M::WbCompetences)) + "</dt><dd>" + esc(v.levels(ci.competences)) + "</dd>";
  h += "<dt>" + esc(v.t(M::WbBarriers)) + "</dt><dd>" + esc(v.levels(ci.barriers)) + "</dd>";
  h += "<dt>" + esc(v.t(M::WbLanguages)) + "</dt><dd>" + esc(v.codes(ci.languages)) + "</dd>";
  h += "<dt>" + esc(v.t(M::WbMonths)) + "</dt><dd>" + std::to_string(ci.months_unemployed) + "</dd></dl>";

  const Index now = v.opening_of_[at(c)];
  if (now != kNone) {
    const Placement& p = v.plan_.placements[static_cast<std::size_t>(v.placement_of_[at(c)])];
    const ScoreBreakdown b = explain_score(in, c, now, v.s_.options().weights);
    h += "<h2 id=\"placed\">" + esc(v.t(M::WbPlacedAt)) + " " + v.opening_link(now) + " · " +
         esc(v.company_name(in.openings[at(now)].company)) + "</h2>";
    h += "<table id=\"breakdown\"><thead><tr><th>" + esc(v.t(M::WbComponents)) + "</th><th class=\"num\">" +
         esc(v.t(M::WbValue)) + "</th><th class=\"num\">" + esc(v.t(M::WbWeight)) + "</th></tr></thead><tbody>";
    for (const ScoreComponent& sc : b.components)
      if (sc.weight > 0)
        h += "<tr><td>" + esc(v.component_name(sc.name)) + "</td><td class=\"num\">" + fixed(sc.value, 3) +
             "</td><td class=\"num\">" + fixed(sc.weight, 3) + "</td></tr>";
    h += "<tr><th>" + esc(v.t(M::WbScore)) + "</th><th class=\"num\">" + format_millionths(p.score) + "</th><th></th></tr>";
    h += "</tbody></table><p>" + esc(v.t(M::WbMentor)) + ": " +
         (p.mentor == kNone ? "—" : esc(in.mentors[at(p.mentor)].id)) + " · " + esc(v.t(M::WbHours)) + ": " +
         fixed(p.hours, 1) + " · " + fixed(p.km, 1) + " km</p>";
  } else {
    for (const Unplaced& u : v.plan_.unplaced)
      if (u.citizen == c)
        h += "<h2 id=\"placed\">" + esc(v.t(M::WbNotPlaced)) + "</h2><p id=\"reason\"><span class=\"badge\">" +
             esc(to_string(u.reason_code)) + "</span> " + esc(reason_text(u, v.o_.lang)) + "</p>";
  }

  // Every opening within reach (the planner's why-not, contract section 9): its broken
  // rules in plain words, or its holders and the exact cost of agreeing it.
  if (now == kNone) {
    const Why why = v.s_.planner().why(c);
    h += "<h2>" + esc(v.t(M::WbInReach)) + " <span class=\"muted\">(" + std::to_string(why.openings.size()) + ")</span></h2>";
    if (why.openings.empty()) {
      h += "<p id=\"nearest\">" + esc(v.t(M::WbNoneInReach));
      if (why.nearest)
        h += " " + esc(v.t(M::WbNearest)) + " " + v.opening_link(*why.nearest) + ": " + fixed(why.nearest_km, 1) + " km";
      h += "</p>";
    } else {
      h += "<table id=\"reach\"><thead><tr><th>" + esc(v.t(M::WbOpening)) + "</th><th>" + esc(v.t(M::WbCompany)) +
           "</th><th>" + esc(v.t(M::WbKind)) + "</th><th class=\"num\">" + esc(v.t(M::WbKm)) + "</th><th>" +
           esc(v.t(M::WbBroken)) + "</th><th>" + esc(v.t(M::WbHolders)) + "</th><th>" + esc(v.t(M::WbCost)) +
           "</th><th></th></tr></thead><tbody>";
      for (const WhyOpening& wo : why.openings) {
        const Opening& op = in.openings[at(wo.opening)];
        h += "<tr data-opening=\"" + esc(op.id) + "\" data-feasible=\"" + (wo.feasible ? "true" : "false") + "\"><td>" +
             v.opening_link(wo.opening) + "</td><td>" + esc(v.company_name(op.company)) + "</td><td>" +
             esc(v.kind_name(op.kind)) + "</td><td class=\"num\">" + fixed(wo.km, 1) + "</td><td>";
        if (!wo.feasible)
          for (const BrokenRule& br : wo.rules)
            h += "<div><span class=\"badge warn\">" + esc(rule_message(br.code) ? v.t(*rule_message(br.code)) : br.code) + "</span> " + esc(rule_text(br, v.o_.lang)) + "</div>";
        else
          h += "<span class=\"badge\">" + esc(v.t(M::WbFits)) + "</span>";
        h += "</td><td>";
        bool first = true;
        for (Index holder : wo.holders) {
          if (!first) h += ", ";
          first = false;
          h += v.resident_link(holder);
        }
        h += "</td><td>" + (wo.price ? v.cost(*wo.price) : std::string()) + "</td><td>";
        if (wo.feasible && wo.price && wo.price->possible && !v.s_.pinned(c, wo.opening))
          h += v.decision_button("/agree", c, wo.opening, v.t(M::WbAgree), back, "primary");
        if (wo.feasible) h += " " + v.decision_button("/rule-out", c, wo.opening, v.t(M::WbRuleOut), back, "danger");
        h += "</td></tr>";
      }
      h += "</tbody></table>";
    }
  }
  return v.frame("", std::string(v.t(M::WbResident)) + " " + ci.id, h, errors, note);
}

std::string empty_page(const View& v, const std::vector<std::string>& errors, const std::string& note) {
  const Instance& in = v.in_;
  // The plan's own empty seats with their reasons (contract section 6, `empty_seats`).
  std::string rows;
  for (const EmptySeat& e : v.plan_.empty_seats) {
    const Opening& op = in.openings[at(e.opening)];
    rows += "<tr data-opening=\"" + esc(op.id) + "\" data-reason=\"" + esc(e.reason_code) + "\"><td>" +
            v.opening_link(e.opening) + "</td><td>" + esc(v.company_name(op.company)) + "</td><td>" +
            esc(v.kind_name(op.kind)) + "</td><td class=\"num\">" + std::to_string(op.seats) + "</td><td class=\"num\">" +
            std::to_string(e.free) + "</td><td><span class=\"badge\">" + esc(e.reason_code) + "</span> " +
            esc(reason_text(e, v.o_.lang)) + "</td></tr>";
  }
  std::string h = "<h1>" + esc(v.t(M::WbEmptyTitle)) + "</h1>";
  if (v.plan_.empty_seats.empty())
    h += "<p>" + esc(v.t(M::WbNoEmpty)) + "</p>";
  else
    h += "<table id=\"empty\"><thead><tr><th>" + esc(v.t(M::WbOpening)) + "</th><th>" + esc(v.t(M::WbCompany)) + "</th><th>" +
         esc(v.t(M::WbKind)) + "</th><th class=\"num\">" + esc(v.t(M::WbSeats)) + "</th><th class=\"num\">" +
         esc(v.t(M::WbFree)) + "</th><th>" + esc(v.t(M::WbReason)) + "</th></tr></thead><tbody>" + rows + "</tbody></table>";
  return v.frame("/empty", v.t(M::WbNavEmpty), h, errors, note);
}

std::string changes_page(const View& v, const std::vector<std::string>& errors, const std::string& note) {
  const Instance& in = v.in_;
  std::string h = "<h1>" + esc(v.t(M::WbNavChanges)) + "</h1>" + v.summary_cards();
  h += "<h2>" + esc(v.t(M::WbLastChanges)) + "</h2>" + v.change_table(v.s_.last_changes(), "last-changes");
  h += "<h2>" + esc(v.t(M::WbSinceSaved)) + "</h2>" + v.change_table(v.s_.changes_since_saved(), "since-saved");
  h += "<h2>" + esc(v.t(M::WbHistory)) + "</h2>";
  const std::vector<Action> hist = v.s_.history();
  if (hist.empty()) {
    h += "<p class=\"muted\">" + esc(v.t(M::WbNoChanges)) + "</p>";
  } else {
    h += "<ol id=\"history\">";
    for (const Action& a : hist)
      h += "<li>" + esc(a.kind == Action::Kind::Agree ? v.t(M::WbNoteAgreed) : v.t(M::WbNoteRuledOut)) + ": " +
           v.resident_link(a.citizen) + " → " + v.opening_link(a.opening) + "</li>";
    h += "</ol>";
  }
  h += "<h2>" + esc(v.t(M::WbDecisions)) + "</h2><table id=\"decisions\"><thead><tr><th>" + esc(v.t(M::WbResident)) +
       "</th><th>" + esc(v.t(M::WbOpening)) + "</th><th>" + esc(v.t(M::WbDecision)) + "</th></tr></thead><tbody>";
  for (const Decision& d : in.decisions)
    h += "<tr data-citizen=\"" + esc(in.citizens[at(d.citizen)].id) + "\" data-opening=\"" +
         esc(in.openings[at(d.opening)].id) + "\" data-decision=\"" + std::string(to_string(d.kind)) + "\"><td>" +
         v.resident_link(d.citizen) + "</td><td>" + v.opening_link(d.opening) + "</td><td>" +
         esc(d.kind == DecisionKind::Pin ? v.t(M::WbAgreed) : v.t(M::WbRuledOut)) + "</td></tr>";
  h += "</tbody></table>";
  return v.frame("/changes", v.t(M::WbNavChanges), h, errors, note);
}

std::string downloads_page(const View& v, const std::vector<std::string>& errors, const std::string& note) {
  std::string h = "<h1>" + esc(v.t(M::WbNavDownloads)) + "</h1><p class=\"muted\">" + esc(v.t(M::WbDlNote)) +
                  "</p><ul id=\"downloads\">";
  const std::pair<std::string_view, MessageId> files[] = {
      {"/download/plan.json", M::WbDlPlanJson},     {"/download/plan.csv", M::WbDlPlanCsv},
      {"/download/plan-excel.csv", M::WbDlPlanExcel}, {"/download/plan.xlsx", M::WbDlPlanXlsx},
      {"/download/report.html", M::WbDlReport},     {"/download/decisions.csv", M::WbDlDecisions}};
  for (const auto& [path, id] : files) h += "<li>" + v.a(path, v.t(id)) + "</li>";
  h += "</ul>";
  return v.frame("/downloads", v.t(M::WbNavDownloads), h, errors, note);
}

// The board report of the current plan, as `placematch report --html` writes it.
std::string board_html(const Session& s, const WorkbenchOptions& o) {
  BoardOptions bo;
  bo.goal = o.goal;
  bo.baseline = o.baseline;
  bo.lang = o.lang;
  return board_report_html(s.instance(), s.current().plan, bo);
}

// The downloads: each the bytes the command line writes for the same plan (match --json,
// --csv [--excel], --xlsx; report --html), with a file name. False: no such download.
bool download(std::string_view path, const Session& s, const WorkbenchOptions& o, WorkbenchResponse& r) {
  const Instance& in = s.instance();
  const MatchResult& cur = s.current();
  std::string name;
  if (path == "/download/plan.json") {
    name = "plan.json";
    r.content_type = "application/json";
    r.body = result_json(in, cur.plan, cur.stats, nullptr, o.lang);
  } else if (path == "/download/plan.csv") {
    name = "plan.csv";
    r.content_type = "text/csv; charset=utf-8";
    r.body = plan_csv(in, cur.plan, o.lang);
  } else if (path == "/download/plan-excel.csv") {
    name = "plan-excel.csv";
    r.content_type = "text/csv; charset=utf-8";
    r.body = to_excel_csv(plan_csv(in, cur.plan, o.lang), kPlanCsvTextColumns);
  } else if (path == "/download/plan.xlsx") {
    name = "plan.xlsx";
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.body = plan_xlsx(in, cur.plan, o.lang);
  } else if (path == "/download/report.html") {
    name = "report.html";
    r.body = board_html(s, o);
  } else if (path == "/download/decisions.csv") {
    name = "decisions.csv";
    r.content_type = "text/csv; charset=utf-8";
    r.body = s.decisions_csv();
  } else {
    return false;
  }
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return true;
}

// The report page: the board report framed inside the workbench, with a link to it alone.
std::string report_page(const View& v, const std::vector<std::string>& errors, const std::string& note) {
  std::string h = "<h1>" + esc(v.t(M::WbNavReport)) + "</h1><p class=\"muted\">" + esc(v.t(M::WbReportIntro)) + "</p>";
  h += "<p>" + v.a("/report.html", v.t(M::WbReportOpen)) + " · " + v.a("/download/report.html", v.t(M::WbDlReport)) + "</p>";
  h += "<iframe id=\"report\" class=\"report\" title=\"" + esc(v.t(M::WbNavReport)) + "\" src=\"" +
       esc(v.link("/report.html")) + "\"></iframe>";
  return v.frame("/report", v.t(M::WbNavReport), h, errors, note);
}

// ---------------------------------------------------------------- what it would take

// The what-if question of the page's form: the goal (per cent), a limit of seats, a budget.
struct WhatIfForm {
  std::string target_text, seats_text, budget_text;  // as typed (shown again in the form)
  double target = 0;                 // share
  std::optional<int> seats;
  double budget = 0;
  std::vector<std::string> errors;   // located at the form's field: "whatif: FIELD: ..."
};

// A number as a consultant types it: digits with at most one decimal point or comma,
// spaces ignored. nullopt for anything else.
std::optional<double> typed_number(std::string_view text) {
  std::string t;
  for (char ch : text)
    if (ch != ' ') t += ch == ',' ? '.' : ch;
  if (t.empty() || t.size() > 24) return std::nullopt;
  int points = 0;
  for (char ch : t) {
    if (ch == '.') ++points;
    else if (!std::isdigit(static_cast<unsigned char>(ch))) return std::nullopt;
  }
  if (points > 1 || t == ".") return std::nullopt;
  return std::stod(t);
}

WhatIfForm whatif_form(const WorkbenchRequest& r, const WorkbenchOptions& o) {
  WhatIfForm f;
  const auto given = [&](const char* key) { return r.params.find(key) != r.params.end(); };
  f.target_text = given("target") ? param(r, "target") : format_short(100.0 * o.goal, 3);
  f.seats_text = param(r, "seats");
  f.budget_text = given("budget") ? param(r, "budget") : format_short(o.budget, 2);
  const auto bad = [&](const char* field, MessageId id, const std::string& value) {
    f.errors.push_back(std::string("whatif: ") + field + ": " + text(id, o.lang, {{"value", value}}));
  };
  const auto target = typed_number(f.target_text);
  if (!target || *target > 100) bad("target", M::WbWiBadShare, f.target_text);
  else f.target = *target / 100.0;
  if (!f.seats_text.empty()) {
    const auto seats = typed_number(f.seats_text);
    if (!seats || *seats != std::floor(*seats) || *seats > 100000) bad("seats", M::WbWiBadSeats, f.seats_text);
    else f.seats = static_cast<int>(*seats);
  }
  const auto budget = typed_number(f.budget_text);
  if (!budget || *budget > 1e15) bad("budget", M::WbWiBadBudget, f.budget_text);
  else f.budget = *budget;
  return f;
}

// The key of an answer: the plan state (the decisions) and the question.
std::string whatif_key(const Session& s, const WhatIfForm& f, bool courses) {
  std::string k = s.decisions_csv();
  k += "\ntarget=" + format_shortest(f.target) + " seats=" + (f.seats ? std::to_string(*f.seats) : "-");
  if (courses) k += " budget=" + format_shortest(f.budget);
  return k;
}

// The question as the library's request: the session's objective and weights, and the
// what-if's own limits per solve (as `placematch whatif`).
WhatIfRequest whatif_request(const Session& s, const WorkbenchOptions& o, const WhatIfForm& f) {
  WhatIfRequest req;
  req.options.objective = s.options().solve.objective;
  req.options.weights = s.options().weights;
  req.target = f.target;
  req.seats = f.seats;
  if (!o.courses.empty()) {
    req.courses = o.courses;
    req.budget = f.budget;
  }
  if (o.proposals) req.first_proposed = o.first_proposed;
  return req;
}

// The instance a what-if runs on: the session's, or (with proposed openings) the instance
// with the proposals appended, its decisions those of the session now (the proposals come
// after every opening of today, so the decisions' indices hold in both).
Instance whatif_instance(const Session& s, const WorkbenchOptions& o) {
  if (!o.proposals) return s.instance();
  Instance x = *o.proposals;
  x.decisions = s.instance().decisions;
  return x;
}

std::string seconds_text(double seconds, Lang lang) {
  std::string t = format_fixed(seconds, 1);
  if (lang == Lang::Da) std::replace(t.begin(), t.end(), '.', ',');
  return t;
}

std::string kr_text(double v, Lang lang) {
  std::string t = format_fixed(v, v == std::floor(v) ? 0 : 2);
  if (lang == Lang::Da) std::replace(t.begin(), t.end(), '.', ',');
  return t;
}

// The answer: today, the ceiling, the seats to ask for, the courses; every figure as the
// library reports it (whatif_value_words marks a value that is only bounded).
std::string whatif_answer(const View& v, const WhatIfAnswer& ans, double target, std::optional<int> cap) {
  const Instance& in = v.in_;
  const WhatIfResult& r = ans.result;
  const Lang lang = v.o_.lang;
  const auto value = [&](const WhatIfValue& x) { return esc(whatif_value_words(x, r.residents, lang)); };
  const auto pct = [&](double share) { return text(M::Percent, lang, {{"p", seconds_text(100.0 * share, lang)}}); };
  std::string h = "<p class=\"muted\" id=\"whatif-for\">" +
                  esc(text(M::WbWiFor, lang, {{"n", static_cast<long long>(in.decisions.size())},
                                              {"s", seconds_text(ans.seconds, lang)}})) + "</p>";
  if (!in.floors.empty()) h += "<p class=\"muted\" id=\"whatif-no-floors\">" + esc(v.t(M::WbWiNoFloors)) + "</p>";
  h += "<div class=\"cards\"><div class=\"card\"><div class=\"small\">" + esc(v.t(M::WhatIfToday)) +
       "</div><div id=\"wi-today\" data-placed=\"" + std::to_string(r.today.placed) + "\" data-optimal=\"" +
       (r.today.optimal ? "true" : "false") + "\">" + value(r.today) + "</div></div>";
  h += "<div class=\"card\"><div class=\"small\">" + esc(v.t(M::WhatIfCeiling)) + "</div><div id=\"wi-ceiling\" data-placed=\"" +
       std::to_string(r.ceiling.value.placed) + "\" data-optimal=\"" + (r.ceiling.value.optimal ? "true" : "false") + "\">" +
       value(r.ceiling.value) + "</div></div>";
  h += "<div class=\"card\"><div class=\"small\">" + esc(v.t(M::WhatIfUnreachable)) + "</div><div class=\"big\" id=\"wi-unreachable\">" +
       std::to_string(r.ceiling.unreachable) + "</div></div></div>";

  // The ceiling's cells where residents are left out, with the rules that bind them.
  std::string cells;
  for (const CeilingCell& c : r.ceiling.cells) {
    if (c.left_out == 0) continue;
    std::string rules;
    for (const auto& [rule, n] : c.by_rule) {
      const auto label = reason_label(rule);
      rules += "<span class=\"badge\" data-rule=\"" + esc(rule) + "\">" + esc(label ? v.t(*label) : rule) + " " +
               std::to_string(n) + "</span> ";
    }
    cells += "<tr><td>" + esc(v.area_name(c.area)) + "</td><td>" +
             esc(c.target_group == kNone ? "OTHER" : in.codes.name(c.target_group)) + "</td><td class=\"num\">" +
             std::to_string(c.residents) + "</td><td class=\"num\">" + std::to_string(c.placed_today) +
             "</td><td class=\"num\">" + std::to_string(c.placed_ceiling) + "</td><td class=\"num\">" +
             std::to_string(c.left_out) + "</td><td class=\"num\">" + std::to_string(c.unreachable) + "</td><td>" + rules +
             "</td></tr>";
  }
  if (!cells.empty())
    h += "<table id=\"wi-cells\"><thead><tr><th>" + esc(v.t(M::WbArea)) + "</th><th>" + esc(v.t(M::WbGroup)) +
         "</th><th class=\"num\">" + esc(v.t(M::WbResidents)) + "</th><th class=\"num\">" + esc(v.t(M::WhatIfColToday)) +
         "</th><th class=\"num\">" + esc(v.t(M::WhatIfColCeiling)) + "</th><th class=\"num\">" +
         esc(v.t(M::WhatIfColLeftOut)) + "</th><th class=\"num\">" + esc(v.t(M::WhatIfColUnreachable)) + "</th><th>" +
         esc(v.t(M::WhatIfColRule)) + "</th></tr></thead><tbody>" + cells + "</tbody></table>";

  // Seats to ask for: by opening (which companies, which openings), then step by step.
  h += "<h2 id=\"wi-seats-head\">" + esc(v.t(M::WhatIfSeatsHead)) + "</h2>";
  const double residents = static_cast<double>(std::max<Index>(r.residents, 1));
  const auto rate = [&](const WhatIfValue& x) { return static_cast<double>(x.placed) / residents; };
  const long long n = static_cast<long long>(r.seats.size());
  const WhatIfValue& last = r.seats.empty() ? r.today : r.seats.back().value;
  std::string verdict;
  if (r.seats.empty() && rate(r.today) >= target)
    verdict = text(M::WbWiGoalMet, lang, {{"percent", pct(target)}});
  else if (rate(last) >= target)
    verdict = text(M::WbWiReached, lang, {{"percent", pct(target)}, {"n", n}});
  else if (cap && n >= *cap)
    verdict = text(M::WbWiAtLimit, lang, {{"percent", pct(target)}, {"n", n}});
  else
    verdict = text(M::WbWiNoSeatHelps, lang, {{"percent", pct(target)}, {"n", n}});
  h += "<p id=\"wi-verdict\">" + esc(verdict) + "</p>";
  if (!r.seats.empty()) {
    struct Ask {
      Index opening;
      int seats;
      int first_step;
    };
    std::vector<Ask> asks;  // in the order of their first step
    for (std::size_t i = 0; i < r.seats.size(); ++i) {
      const Index o = r.seats[i].opening;
      auto it = std::find_if(asks.begin(), asks.end(), [o](const Ask& a) { return a.opening == o; });
      if (it == asks.end())
        asks.push_back({o, 1, static_cast<int>(i + 1)});
      else
        ++it->seats;
    }
    h += "<h2>" + esc(v.t(M::WbWiSeatsByOpening)) + "</h2><table id=\"wi-asks\"><thead><tr><th>" + esc(v.t(M::WbCompany)) +
         "</th><th>" + esc(v.t(M::WbOpening)) + "</th><th>" + esc(v.t(M::WbKind)) + "</th><th class=\"num\">" +
         esc(v.t(M::WbSeats)) + "</th><th class=\"num\">" + esc(v.t(M::WbWiSeatsToAdd)) + "</th><th class=\"num\">" +
         esc(v.t(M::WbWiFirstStep)) + "</th></tr></thead><tbody>";
    for (const Ask& a : asks) {
      const Opening& op = in.openings[at(a.opening)];
      h += "<tr data-opening=\"" + esc(op.id) + "\" data-seats=\"" + std::to_string(a.seats) + "\"><td>" +
           esc(v.company_name(op.company)) + "</td><td>" + v.opening_link(a.opening) + "</td><td>" + esc(v.kind_name(op.kind)) +
           "</td><td class=\"num\">" + std::to_string(op.seats) + "</td><td class=\"num\">+" + std::to_string(a.seats) +
           "</td><td class=\"num\">" + std::to_string(a.first_step) + "</td></tr>";
    }
    h += "</tbody></table><h2>" + esc(v.t(M::WbWiStepByStep)) + "</h2><table id=\"wi-steps\"><thead><tr><th class=\"num\">" +
         esc(v.t(M::WbWiStep)) + "</th><th>" + esc(v.t(M::WbOpening)) + "</th><th>" + esc(v.t(M::WbWiAfterStep)) +
         "</th></tr></thead><tbody>";
    for (std::size_t i = 0; i < r.seats.size(); ++i) {
      const SeatStep& st = r.seats[i];
      h += "<tr data-opening=\"" + esc(in.openings[at(st.opening)].id) + "\" data-placed=\"" + std::to_string(st.value.placed) +
           "\" data-optimal=\"" + (st.value.optimal ? "true" : "false") + "\"><td class=\"num\">" + std::to_string(i + 1) +
           "</td><td>" + esc(whatif_opening_words(in, st.opening, lang)) + "</td><td>" + value(st.value) + "</td></tr>";
    }
    h += "</tbody></table>";
  }

  // Proposed openings, each added alone, best first.
  if (!r.openings.empty()) {
    const Instance& x = *ans.instance;
    h += "<h2 id=\"wi-openings-head\">" + esc(v.t(M::WhatIfOpeningsHead)) + "</h2><table id=\"wi-openings\"><thead><tr><th>" +
         esc(v.t(M::WbOpening)) + "</th><th class=\"num\">" + esc(v.t(M::WbPlaced)) + "</th><th class=\"num\">" +
         esc(v.t(M::WbScore)) + "</th><th>" + esc(v.t(M::WbWiAfterStep)) + "</th></tr></thead><tbody>";
    for (const OpeningGain& g : r.openings)
      h += "<tr data-opening=\"" + esc(x.openings[at(g.opening)].id) + "\" data-gain-placed=\"" + std::to_string(g.gain_placed) +
           "\" data-placed=\"" + std::to_string(g.value.placed) + "\"><td>" + esc(whatif_opening_words(x, g.opening, lang)) +
           "</td><td class=\"num\">" + (g.gain_placed >= 0 ? "+" : "") + std::to_string(g.gain_placed) + "</td><td class=\"num\">" +
           (g.gain_score >= 0 ? "+" : "") + format_millionths(g.gain_score) + "</td><td>" + value(g.value) + "</td></tr>";
    h += "</tbody></table>";
  }

  // Courses under the budget.
  h += "<h2 id=\"wi-courses-head\">" + esc(v.t(M::WhatIfCoursesHead)) + "</h2>";
  if (!r.courses) {
    h += "<p class=\"muted\" id=\"wi-no-courses\">" + esc(v.t(M::WbWiNoCourses)) + "</p>";
    return h;
  }
  const CoursesResult& c = *r.courses;
  const auto course_name = [&](Index course) {
    const Course& k = ans.courses[at(course)];
    return k.name.empty() ? k.id : k.name;
  };
  h += "<p id=\"wi-budget\">" + esc(text(M::WhatIfBudget, lang, {{"budget", kr_text(c.budget, lang)}, {"spent", kr_text(c.spent, lang)}})) +
       "<br>" + esc(text(M::WhatIfBefore, lang, {{"value", whatif_value_words(c.before, r.residents, lang)}})) + "<br>" +
       esc(text(M::WhatIfAfter, lang, {{"value", whatif_value_words(c.after, r.residents, lang)}})) + "</p>";
  if (c.steps.empty()) {
    h += "<p id=\"wi-course-steps\">" + esc(v.t(M::WbWiNoCourseHelps)) + "</p>";
  } else {
    h += "<table id=\"wi-course-steps\"><thead><tr><th class=\"num\">" + esc(v.t(M::WbWiStep)) + "</th><th>" +
         esc(v.t(M::WbResident)) + "</th><th>" + esc(v.t(M::WbWiCourse)) + "</th><th class=\"num\">" + esc(v.t(M::WbWiCost)) +
         "</th><th class=\"num\">" + esc(v.t(M::WbWiLeft)) + "</th><th>" + esc(v.t(M::WbWiAfterStep)) + "</th></tr></thead><tbody>";
    for (std::size_t i = 0; i < c.steps.size(); ++i) {
      const CourseStep& st = c.steps[i];
      h += "<tr data-citizen=\"" + esc(in.citizens[at(st.citizen)].id) + "\" data-course=\"" +
           esc(ans.courses[at(st.course)].id) + "\" data-placed=\"" + std::to_string(st.value.placed) + "\"><td class=\"num\">" +
           std::to_string(i + 1) + "</td><td>" + v.resident_link(st.citizen) + "</td><td>" + esc(course_name(st.course)) +
           "</td><td class=\"num\">" + kr_text(st.cost, lang) + "</td><td class=\"num\">" + kr_text(st.budget_left, lang) +
           "</td><td>" + value(st.value) + "</td></tr>";
    }
    h += "</tbody></table>";
    h += "<table id=\"wi-course-uses\"><thead><tr><th>" + esc(v.t(M::WbWiCourse)) + "</th><th class=\"num\">" +
         esc(v.t(M::WbWiTakenBy)) + "</th><th class=\"num\">" + esc(v.t(M::WbWiThenPlaced)) + "</th></tr></thead><tbody>";
    for (const CourseUse& u : c.uses)
      if (u.taken > 0)
        h += "<tr><td>" + esc(course_name(u.course)) + "</td><td class=\"num\">" + std::to_string(u.taken) +
             "</td><td class=\"num\">" + std::to_string(u.then_placed) + "</td></tr>";
    h += "</tbody></table>";
  }
  const WhatIfValue& b = c.bound_all_courses;
  h += "<p class=\"muted\" id=\"wi-course-bound\" data-placed=\"" + std::to_string(b.optimal ? b.placed : b.bound_placed) +
       "\">" + esc(text(M::WhatIfAllCoursesBound, lang, {{"n", static_cast<long long>(b.optimal ? b.placed : b.bound_placed)}})) +
       "</p>";
  return h;
}

// The what-if page: the question's form; the answer when it is known for this plan state,
// otherwise (when asked: run=1) the computation started in the background and the page
// refreshing itself until it is there.
std::string whatif_page(const View& v, const WorkbenchRequest& request, const Session& s, WhatIfJobs& jobs,
                        WorkbenchResponse& response, std::vector<std::string> errors, const std::string& note) {
  const WorkbenchOptions& o = v.o_;
  const WhatIfForm f = whatif_form(request, o);
  std::string h = "<h1>" + esc(v.t(M::WhatIfTitle)) + "</h1><p class=\"muted\">" + esc(v.t(M::WbWiAsk)) + "</p>";
  const auto field = [&](const char* name, MessageId label, const std::string& value) {
    return "<label>" + esc(v.t(label)) + "<input name=\"" + std::string(name) + "\" value=\"" + esc(value) +
           "\" inputmode=\"decimal\" size=\"10\"></label>";
  };
  h += "<form class=\"filters\" method=\"get\" action=\"/whatif\" id=\"whatif-form\">" + v.hidden_token() +
       "<input type=\"hidden\" name=\"run\" value=\"1\">" + field("target", M::WbWiTarget, f.target_text) +
       field("seats", M::WbWiSeats, f.seats_text);
  if (!o.courses.empty()) h += field("budget", M::WbWiBudget, f.budget_text);
  h += "<button type=\"submit\" class=\"primary\" data-action=\"whatif\">" + esc(v.t(M::WbWiCompute)) + "</button></form>";
  errors.insert(errors.end(), f.errors.begin(), f.errors.end());
  if (f.errors.empty()) {
    const std::string key = whatif_key(s, f, !o.courses.empty());
    const bool run = param(request, "run") == "1";
    const WhatIfJobs::Status st = run ? jobs.ask(key, whatif_instance(s, o), whatif_request(s, o, f)) : jobs.find(key);
    switch (st.state) {
      case WhatIfJobs::State::None:
        break;
      case WhatIfJobs::State::Running:
      case WhatIfJobs::State::Busy:
        h += "<p class=\"flash\" id=\"whatif-running\">" +
             esc(text(st.state == WhatIfJobs::State::Running ? M::WbWiRunning : M::WbWiBusy, o.lang,
                      {{"s", seconds_text(st.seconds, o.lang)}}));
        if (st.progress) h += "<br><span class=\"muted\" id=\"whatif-progress\">" + esc(progress_text(*st.progress, o.lang)) + "</span>";
        h += "</p>";
        response.headers.emplace_back("Refresh", "2");
        break;
      case WhatIfJobs::State::Failed:
        h += "<div class=\"flash error\" id=\"whatif-failed\"><strong>" + esc(v.t(M::WbWiFailed)) + "</strong>";
        for (const Diagnostic& d : st.errors) h += "<div><code>" + esc(d.str()) + "</code></div>";
        h += "</div>";
        break;
      case WhatIfJobs::State::Done:
        h += "<section id=\"whatif-answer\">" + whatif_answer(v, *st.answer, f.target, f.seats) + "</section>";
        break;
    }
  }
  return v.frame("/whatif", v.t(M::WbNavWhatIf), h, errors, note);
}

WorkbenchResponse refused(int status, std::string_view message) {
  WorkbenchResponse r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::string(message) + "\n";
  secure(r);
  return r;
}

// GET /api/progress: the board's JSON (placematch/serve/progress_board.hpp). Never takes
// the session's mutex, so it answers while a decision re-plans.
WorkbenchResponse progress_answer(const WorkbenchRequest& request, const ProgressBoard* board, Lang lang) {
  if (request.method != "GET") return refused(405, text(M::WbMethod405, lang));
  if (!board) return refused(404, text(M::WbNotFound, lang));
  WorkbenchResponse r;
  secure(r);
  r.content_type = "application/json";
  r.body = board->json(lang);
  return r;
}

// The board's begin() and end() around a request that holds the session.
struct BusyWhile {
  ProgressBoard* board;
  explicit BusyWhile(ProgressBoard* b) : board(b) {
    if (board) board->begin();
  }
  ~BusyWhile() {
    if (board) board->end();
  }
  BusyWhile(const BusyWhile&) = delete;
  BusyWhile& operator=(const BusyWhile&) = delete;
};

}  // namespace

std::string make_token() {
  std::random_device rd;  // libstdc++ on Linux: getrandom / /dev/urandom
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 8; ++i) {
    const std::uint32_t w = rd();
    for (int b = 0; b < 4; ++b) {
      const unsigned byte = (w >> (8 * b)) & 0xFFu;
      out += hex[byte >> 4];
      out += hex[byte & 15];
    }
  }
  return out;
}

Workbench::Workbench(Session& session, WorkbenchOptions options)
    : session_(session), options_(std::move(options)), whatif_(std::make_unique<WhatIfJobs>()) {
  if (options_.token.empty()) options_.token = make_token();
}

Workbench::~Workbench() = default;

std::string Workbench::url() const {
  return "http://127.0.0.1:" + std::to_string(options_.port) + "/?token=" + options_.token;
}

std::string Workbench::log_line(const WorkbenchRequest& request, const WorkbenchResponse& response,
                                double milliseconds) {
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.1f", milliseconds);
  std::string path;
  for (char ch : request.path)  // never echo control characters into the log
    path += (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ? '?' : ch;
  return request.method + " " + path + " " + std::to_string(response.status) + " " + ms + " ms";
}

WorkbenchResponse Workbench::handle(const WorkbenchRequest& request) {
  const std::string port = std::to_string(options_.port);
  // DNS rebinding: a page of another site that resolves its name to 127.0.0.1 still
  // sends its own name as Host.
  const std::string host = header(request, "host");
  if (host != "127.0.0.1:" + port && host != "localhost:" + port)
    return refused(403, text(M::WbRefusedHost, options_.lang));
  // Cross-origin requests (a page elsewhere posting a form here) carry their Origin.
  const auto origin = request.headers.find("origin");
  if (origin != request.headers.end() && origin->second != "http://127.0.0.1:" + port &&
      origin->second != "http://localhost:" + port)
    return refused(403, text(M::WbRefusedOrigin, options_.lang));
  std::string token = param(request, "token");
  if (token.empty()) token = header(request, "x-placematch-token");
  if (!same_token(token, options_.token))
    return refused(403, text(M::WbRefusedToken, options_.lang));
  if (request.path == "/api/progress") return progress_answer(request, options_.progress, options_.lang);
  std::lock_guard<std::mutex> lock(mutex_);
  const BusyWhile busy(options_.progress);
  return dispatch(request);
}

WorkbenchResponse Workbench::dispatch(const WorkbenchRequest& request) {
  static const std::array<std::string_view, 4> kPosts = {"/agree", "/rule-out", "/undo", "/save"};
  const bool is_post_route = std::find(kPosts.begin(), kPosts.end(), request.path) != kPosts.end();
  if (request.method != "GET" && request.method != "POST") return refused(405, text(M::WbMethod405, options_.lang));
  if (is_post_route != (request.method == "POST")) return refused(405, text(M::WbMethod405, options_.lang));

  WorkbenchResponse r;
  secure(r);
  auto redirect = [&](const std::string& path) {
    r.status = 303;
    r.headers.emplace_back("Location", path + "?token=" + options_.token);
    r.body.clear();
    return r;
  };
  const Lang lang = options_.lang;

  if (request.method == "POST") {
    const std::string back = param(request, "back");
    if (request.path == "/agree" || request.path == "/rule-out") {
      const std::string c = param(request, "citizen"), o = param(request, "opening");
      const bool agree = request.path == "/agree";
      ActionResult a = agree ? session_.agree(c, o) : session_.rule_out(c, o);
      if (!a.ok()) {
        for (const Diagnostic& d : a.errors) flash_errors_.push_back(d.str());
        return redirect(safe_back(back) ? back : "/");
      }
      flash_note_ = std::string(text(agree ? M::WbNoteAgreed : M::WbNoteRuledOut, lang)) + ": " + c + " → " + o;
      return redirect("/changes");
    }
    if (request.path == "/undo") {
      ActionResult a = session_.undo();
      if (!a.ok())
        for (const Diagnostic& d : a.errors) flash_errors_.push_back(d.str());
      else
        flash_note_ = std::string(text(M::WbNoteUndone, lang));
      return redirect("/changes");
    }
    // /save
    SaveResult s = session_.save();
    if (!s.ok())
      for (const Diagnostic& d : s.errors) flash_errors_.push_back(d.str());
    else
      flash_note_ = std::string(text(s.previous.empty() ? M::WbNoteSavedNew : M::WbNoteSaved, lang));
    return redirect("/changes");
  }

  if (request.path == "/assets/style.css") {
    r.content_type = "text/css; charset=utf-8";
    r.body = kStyle;
    return r;
  }
  if (request.path == "/assets/app.js") {
    r.content_type = "text/javascript; charset=utf-8";
    r.body = kScript;
    return r;
  }
  const Instance& in = session_.instance();
  const MatchResult& cur = session_.current();
  if (request.path == "/api/status") {
    r.content_type = "application/json";
    r.body = "{\"placed\": " + std::to_string(cur.plan.placed) + ", \"residents\": " +
             std::to_string(in.citizens.size()) + ", \"decisions\": " + std::to_string(in.decisions.size()) +
             ", \"unsaved\": " + (session_.unsaved() ? "true" : "false") + ", \"replans\": " +
             std::to_string(session_.replans()) + "}";
    return r;
  }
  if (download(request.path, session_, options_, r)) return r;
  if (request.path == "/report.html") {  // the board report alone (framed by /report)
    WorkbenchResponse page;
    secure(page, true);
    page.body = board_html(session_, options_);
    return page;
  }

  // The pages: flash messages are shown once.
  std::vector<std::string> errors = std::move(flash_errors_);
  std::string note = std::move(flash_note_);
  flash_errors_.clear();
  flash_note_.clear();
  View v(session_, options_);
  if (request.path == "/" || request.path.empty()) {
    r.body = plan_page(v, request, errors, note);
  } else if (request.path == "/empty") {
    r.body = empty_page(v, errors, note);
  } else if (request.path == "/changes") {
    r.body = changes_page(v, errors, note);
  } else if (request.path == "/downloads") {
    r.body = downloads_page(v, errors, note);
  } else if (request.path == "/report") {
    r.body = report_page(v, errors, note);
  } else if (request.path == "/whatif") {
    r.body = whatif_page(v, request, session_, *whatif_, r, errors, note);
  } else if (request.path.rfind("/opening/", 0) == 0) {
    auto it = in.opening_index.find(request.path.substr(9));
    if (it == in.opening_index.end()) return refused(404, text(M::WbNotFound, lang));
    r.body = opening_page(v, it->second, errors, note);
  } else if (request.path.rfind("/resident/", 0) == 0) {
    auto it = in.citizen_index.find(request.path.substr(10));
    if (it == in.citizen_index.end()) return refused(404, text(M::WbNotFound, lang));
    r.body = resident_page(v, it->second, errors, note);
  } else {
    return refused(404, text(M::WbNotFound, lang));
  }
  return r;
}

}  // namespace placematch::serve
