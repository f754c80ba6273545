// The audit's JSON rows and terminal table (detail/audit_views.hpp).
#include "detail/audit_views.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace placematch::detail {

namespace {

double round6(double v) { return std::round(v * 1e6) / 1e6; }

// `s` cut to at most `width` code points (UTF-8) and padded with spaces to that width.
std::string fit(const std::string& s, std::size_t width) {
  std::size_t cps = 0, i = 0;
  for (; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && cps++ == width) break;
  return s.substr(0, i) + std::string(width - std::min(width, cps), ' ');
}

// `s` padded on the left to `width` code points.
std::string right(const std::string& s, std::size_t width) {
  std::size_t cps = 0;
  for (unsigned char ch : s) cps += (ch & 0xC0) != 0x80;
  return std::string(width - std::min(width, cps), ' ') + s;
}

std::string percent(double rate, Language lang) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * rate);
  std::string s = buf;
  if (lang == Language::Da) {
    for (char& c : s)
      if (c == '.') c = ',';
  }
  return s;
}

std::string row_line(const std::string& label, const AuditRow& r, Language lang) {
  const auto mean = r.mean_score();
  char mean_text[32] = "-";
  if (mean) std::snprintf(mean_text, sizeof mean_text, "%.3f", *mean);
  std::string m = mean_text;
  if (lang == Language::Da)
    for (char& c : m)
      if (c == '.') c = ',';
  return "  " + fit(label, 22) + " " + right(std::to_string(r.residents), 9) + " " +
         right(std::to_string(r.placed), 8) + " " + right(percent(r.rate(), lang), 7) + " " + right(m, 10) + "\n";
}

std::string head_line(MessageId first, Language lang) {
  return "  " + fit(text(first, lang), 22) + " " + right(text(MessageId::WordResidents, lang), 9) + " " +
         right(text(MessageId::WordPlaced, lang), 8) + " " + right(text(MessageId::WordRate, lang), 7) + " " +
         right(text(MessageId::WordMeanScore, lang), 10) + "\n";
}

}  // namespace

nlohmann::ordered_json floors_json(const Instance& in, const Plan& plan) {
  using J = nlohmann::ordered_json;
  J out = J::object();
  if (in.floors.empty()) return out;
  J rows = J::array();
  for (const FloorRow& r : floor_rows(in, plan))
    rows.push_back({{"scope", std::string(to_string(r.scope))},
                    {"code", r.code},
                    {"residents", r.residents},
                    {"required", r.required},
                    {"placed", r.placed},
                    {"shortfall", r.shortfall}});
  out["floors"] = std::move(rows);
  if (plan.floors) {
    const FloorsOutcome& f = *plan.floors;
    out["price_of_floors"] = {{"placed", f.price_placed},
                              {"score", round6(static_cast<double>(f.price_score) / 1e6)},
                              {"exact", f.price_exact}};
    out["shortfall"] = {{"total", f.shortfall}, {"bound", f.shortfall_bound}};
  }
  return out;
}

std::string floors_table(const Instance& in, const Plan& plan, Language lang) {
  if (in.floors.empty()) return {};
  using M = MessageId;
  auto T = [lang](MessageId id, std::initializer_list<MessageArg> args = {}) { return text(id, lang, args); };
  std::string out = "\n" + T(M::FloorsTitle) + "\n";
  out += "  " + fit(T(M::WordScope), 8) + " " + fit(T(M::WordCode), 22) + " " + right(T(M::WordResidents), 9) + " " +
         right(T(M::WordRequired), 8) + " " + right(T(M::WordPlaced), 8) + " " + right(T(M::WordShortfall), 9) + "\n";
  char buf[256];
  for (const FloorRow& r : floor_rows(in, plan)) {
    std::snprintf(buf, sizeof buf, " %9lld %8lld %8lld %9lld\n", static_cast<long long>(r.residents),
                  static_cast<long long>(r.required), static_cast<long long>(r.placed),
                  static_cast<long long>(r.shortfall));
    out += "  " + fit(std::string(to_string(r.scope)), 8) + " " + fit(r.code, 22) + buf;
  }
  if (plan.floors) {
    const FloorsOutcome& f = *plan.floors;
    std::snprintf(buf, sizeof buf, "%s%.6f", f.price_score < 0 ? "-" : "",
                  static_cast<double>(f.price_score < 0 ? -f.price_score : f.price_score) / 1e6);
    std::string score = buf;
    if (lang == Language::Da) std::replace(score.begin(), score.end(), '.', ',');
    out += T(M::FloorsSummary, {{"shortfall", static_cast<long long>(f.shortfall)},
                                {"bound", static_cast<long long>(f.shortfall_bound)},
                                {"placed", static_cast<long long>(f.price_placed)},
                                {"score", score},
                                {"exact", f.price_exact ? M::FloorsExact : M::FloorsEstimate}}) +
           "\n";
  }
  return out;
}

nlohmann::ordered_json audit_rows_json(const std::vector<AuditRow>& rows) {
  using J = nlohmann::ordered_json;
  J out = J::array();
  for (const AuditRow& r : rows) {
    const auto mean = r.mean_score();
    out.push_back({{"code", r.code},
                   {"name", r.name},
                   {"residents", r.residents},
                   {"placed", r.placed},
                   {"rate", round6(r.rate())},
                   {"mean_score", mean ? J(round6(*mean)) : J(nullptr)}});
  }
  return out;
}

std::string audit_table(const Audit& audit, std::size_t max_areas, Language lang) {
  std::string out;
  if (!audit.groups.empty()) {
    out += "\n" + text(MessageId::AuditGroupsTitle, lang) + "\n" + head_line(MessageId::WordTargetGroup, lang);
    for (const AuditRow& r : audit.groups) out += row_line(r.code, r, lang);
  }
  if (!audit.areas.empty()) {
    out += "\n" + text(MessageId::AuditAreasTitle, lang) + "\n" + head_line(MessageId::WordArea, lang);
    const std::size_t shown = std::min(max_areas, audit.areas.size());
    for (std::size_t i = 0; i < shown; ++i) {
      const AuditRow& r = audit.areas[i];
      out += row_line(r.name.empty() ? r.code : r.name, r, lang);
    }
    if (shown < audit.areas.size()) {
      std::size_t low = shown;
      for (std::size_t i = shown; i < audit.areas.size(); ++i)
        if (audit.areas[i].rate() < audit.areas[low].rate()) low = i;
      out += text(MessageId::AuditMoreAreas, lang,
                  {{"n", static_cast<long long>(audit.areas.size() - shown)},
                   {"rate", percent(audit.areas[low].rate(), lang)},
                   {"area", audit.areas[low].code}}) +
             "\n";
    }
  }
  return out;
}

}  // namespace placematch::detail
