// The Danish spreadsheet dialect of CSV outputs and the plan as an Excel workbook.
#include "placematch/report/spreadsheet.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <stdexcept>
#include <unistd.h>

#include "detail/csv.hpp"
#include "detail/index.hpp"
#include "placematch/plan/audit.hpp"

namespace placematch {

namespace {

using detail::at;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A number as placematch writes it: -?digits(.digits)? (no exponent in its outputs).
bool plain_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  const std::size_t start = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i == start) return false;
  if (i < s.size() && s[i] == '.') {
    const std::size_t frac = ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == frac) return false;
  }
  return i == s.size();
}

void append_cell(std::string& out, const std::string& cell) {
  if (cell.find_first_of(";\"\r\n") == std::string::npos && (cell.empty() || (cell.front() != ' ' && cell.back() != ' '))) {
    out += cell;
    return;
  }
  out += '"';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string to_excel_csv(std::string_view csv, const std::vector<std::string_view>& text_columns) {
  std::string out = "\xEF\xBB\xBF";
  out.reserve(csv.size() + csv.size() / 16 + 3);
  std::vector<bool> numeric;
  bool header = true;
  detail::parse_csv(csv, [&](detail::CsvRecord& rec) {
    if (header) {
      for (const std::string& name : rec.cells)
        numeric.push_back(std::find(text_columns.begin(), text_columns.end(), name) == text_columns.end());
    }
    for (std::size_t i = 0; i < rec.cells.size(); ++i) {
      std::string& cell = rec.cells[i];
      if (!header && i < numeric.size() && numeric[i] && plain_number(cell))
        std::replace(cell.begin(), cell.end(), '.', ',');
      if (i) out += ';';
      append_cell(out, cell);
    }
    out += "\r\n";
    header = false;
  });
  return out;
}

std::string target_group_name(const Instance& in, CodeId group, Language lang) {
  if (group == kNone) return text(MessageId::NoTargetGroup, lang);
  const std::string& code = in.codes.name(group);
  std::string name;
  for (const TargetGroup& g : in.target_groups)
    if (g.code == group) name = g.name;
  if (auto id = default_group_message(code)) {
    // The default set's own name (or none): the catalogue's, in the language asked.
    if (name.empty() || name == text(*id, Language::En)) return text(*id, lang);
  }
  return name.empty() ? code : name;
}

namespace {

// A workbook written by libxlsxwriter to a temporary file, read back as bytes.
class Workbook {
 public:
  Workbook() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "placematch-xlsx-XXXXXX").string();
    const int fd = mkstemp(tmpl.data());
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for the workbook");
    close(fd);
    path_ = tmpl;
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = nullptr;
    wb_ = workbook_new_opt(path_.c_str(), &options);
    if (!wb_) {
      std::remove(path_.c_str());
      throw std::runtime_error("libxlsxwriter could not start a workbook");
    }
    bold_ = workbook_add_format(wb_);
    format_set_bold(bold_);
    format_set_bg_color(bold_, 0xDDE7F0);
    format_set_bottom(bold_, LXW_BORDER_THIN);
    percent_ = workbook_add_format(wb_);
    format_set_num_format(percent_, "0.0%");
    score_ = workbook_add_format(wb_);
    format_set_num_format(score_, "0.000000");
    km_ = workbook_add_format(wb_);
    format_set_num_format(km_, "0.0");
  }
  ~Workbook() {
    if (wb_) workbook_close(wb_);
    std::remove(path_.c_str());
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  lxw_worksheet* sheet(const std::string& name) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
    if (!ws) throw std::runtime_error("libxlsxwriter could not add the sheet " + name);
    return ws;
  }
  // The header row: bold, frozen, filtered over `rows` data rows.
  void header(lxw_worksheet* ws, const std::vector<std::string>& names, std::size_t rows,
              const std::vector<double>& widths) {
    for (std::size_t c = 0; c < names.size(); ++c) {
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), names[c].c_str(), bold_);
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           c < widths.size() ? widths[c] : 12, nullptr);
    }
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(rows), static_cast<lxw_col_t>(names.size() - 1));
  }
  void text(lxw_worksheet* ws, std::size_t row, std::size_t col, const std::string& s) {
    if (s.empty()) return;
    worksheet_write_string(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), s.c_str(), nullptr);
  }
  void number(lxw_worksheet* ws, std::size_t row, std::size_t col, double v, lxw_format* f = nullptr) {
    worksheet_write_number(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), v, f);
  }
  lxw_format* percent() const { return percent_; }
  lxw_format* score() const { return score_; }
  lxw_format* km() const { return km_; }

  std::string finish() {
    const lxw_error err = workbook_close(wb_);
    wb_ = nullptr;
    if (err != LXW_NO_ERROR)
      throw std::runtime_error(std::string("libxlsxwriter: ") + lxw_strerror(err));
    std::ifstream f(path_, std::ios::binary);
    std::string bytes{std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
    if (!f.good() && !f.eof()) throw std::runtime_error("cannot read back the workbook");
    return bytes;
  }

 private:
  std::string path_;
  lxw_workbook* wb_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* percent_ = nullptr;
  lxw_format* score_ = nullptr;
  lxw_format* km_ = nullptr;
};

}  // namespace

std::string plan_xlsx(const Instance& in, const Plan& plan, Language lang) {
  using M = MessageId;
  auto T = [lang](MessageId id) { return text(id, lang); };
  auto area_name = [&](Index a) {
    const Area& area = in.areas[at(a)];
    return area.name.empty() ? area.id : area.name;
  };

  Workbook wb;
  // Placements.
  {
    lxw_worksheet* ws = wb.sheet(T(M::SheetPlacements));
    wb.header(ws,
              {T(M::WordCitizen), T(M::WordOpening), T(M::WordCompany), T(M::WordName), T(M::WordKind),
               T(M::WordTargetGroup), T(M::WordArea), T(M::WordMentor), T(M::WordHours), T(M::WordKm),
               T(M::WordScore), T(M::WordPinned)},
              plan.placements.size(), {12, 14, 12, 28, 18, 12, 24, 12, 8, 8, 10, 8});
    std::size_t row = 1;
    for (const Placement& p : plan.placements) {
      const Citizen& c = in.citizens[at(p.citizen)];
      const Opening& o = in.openings[at(p.opening)];
      const Company& k = in.companies[at(o.company)];
      wb.text(ws, row, 0, c.id);
      wb.text(ws, row, 1, o.id);
      wb.text(ws, row, 2, k.id);
      wb.text(ws, row, 3, k.name);
      wb.text(ws, row, 4, T(kind_message(o.kind)));
      wb.text(ws, row, 5, c.target_group == kNone ? std::string() : in.codes.name(c.target_group));
      wb.text(ws, row, 6, area_name(c.area));
      if (p.mentor != kNone) wb.text(ws, row, 7, in.mentors[at(p.mentor)].id);
      wb.number(ws, row, 8, p.hours);
      wb.number(ws, row, 9, std::round(p.km * 1000) / 1000, wb.km());
      wb.number(ws, row, 10, static_cast<double>(p.score) / 1e6, wb.score());
      wb.text(ws, row, 11, T(p.pinned ? M::WordYes : M::WordNo));
      ++row;
    }
  }
  // Unplaced.
  {
    lxw_worksheet* ws = wb.sheet(T(M::SheetUnplaced));
    wb.header(ws, {T(M::WordCitizen), T(M::WordTargetGroup), T(M::WordArea), T(M::WordReasonCode), T(M::WordReason)},
              plan.unplaced.size(), {12, 12, 24, 22, 90});
    std::size_t row = 1;
    for (const Unplaced& u : plan.unplaced) {
      const Citizen& c = in.citizens[at(u.citizen)];
      wb.text(ws, row, 0, c.id);
      wb.text(ws, row, 1, c.target_group == kNone ? std::string() : in.codes.name(c.target_group));
      wb.text(ws, row, 2, area_name(c.area));
      wb.text(ws, row, 3, std::string(to_string(u.reason_code)));
      wb.text(ws, row, 4, reason_text(u, lang));
      ++row;
    }
  }
  // Empty seats: every opening the plan leaves with free seats, with the plan's reason
  // when it carries one (contract v2 `empty_seats`).
  {
    std::vector<int> taken(in.openings.size());
    for (const Placement& p : plan.placements) ++taken[at(p.opening)];
    std::map<Index, const EmptySeat*> why;
    for (const EmptySeat& e : plan.empty_seats) why[e.opening] = &e;
    std::vector<std::size_t> open;
    for (std::size_t o = 0; o < in.openings.size(); ++o)
      if (taken[o] < in.openings[o].seats) open.push_back(o);
    lxw_worksheet* ws = wb.sheet(T(M::SheetEmptySeats));
    wb.header(ws, {T(M::WordOpening), T(M::WordCompany), T(M::WordName), T(M::WordKind), T(M::WordSeats),
                   T(M::WordPlaced), T(M::WordFree), T(M::WordReasonCode), T(M::WordReason)},
              open.size(), {14, 12, 28, 18, 8, 9, 8, 22, 70});
    std::size_t row = 1;
    for (std::size_t o : open) {
      const Opening& op = in.openings[o];
      const Company& k = in.companies[at(op.company)];
      wb.text(ws, row, 0, op.id);
      wb.text(ws, row, 1, k.id);
      wb.text(ws, row, 2, k.name);
      wb.text(ws, row, 3, T(kind_message(op.kind)));
      wb.number(ws, row, 4, op.seats);
      wb.number(ws, row, 5, taken[o]);
      wb.number(ws, row, 6, op.seats - taken[o]);
      auto it = why.find(static_cast<Index>(o));
      if (it != why.end()) {
        const EmptySeat& e = *it->second;
        wb.text(ws, row, 7, e.reason_code);
        wb.text(ws, row, 8, reason_text(e, lang));
      }
      ++row;
    }
  }
  // Summary: per target group, then per housing area (the plan's audit).
  {
    const Audit audit = audit_plan(in, plan);
    lxw_worksheet* ws = wb.sheet(T(M::SheetSummary));
    const std::size_t rows = audit.groups.size() + audit.areas.size();
    wb.header(ws, {T(M::WordScope), T(M::WordCode), T(M::WordName), T(M::WordResidents), T(M::WordPlaced),
                   T(M::WordRate)},
              rows, {16, 16, 48, 10, 10, 10});
    std::size_t row = 1;
    auto put = [&](MessageId scope, const AuditRow& r, const std::string& name) {
      wb.text(ws, row, 0, T(scope));
      wb.text(ws, row, 1, r.code);
      wb.text(ws, row, 2, name);
      wb.number(ws, row, 3, static_cast<double>(r.residents));
      wb.number(ws, row, 4, static_cast<double>(r.placed));
      wb.number(ws, row, 5, r.rate(), wb.percent());
      ++row;
    };
    for (const AuditRow& r : audit.groups)
      put(M::WordTargetGroup, r, target_group_name(in, in.codes.find(r.code), lang));
    for (const AuditRow& r : audit.areas) put(M::WordArea, r, r.name.empty() ? r.code : r.name);
  }
  // Floors (contract section 12), when the instance has them: per floor as the plan has it,
  // then, below a blank row, the total shortfall and the price of the floors.
  if (!in.floors.empty()) {
    const std::vector<FloorRow> rows = floor_rows(in, plan);
    lxw_worksheet* ws = wb.sheet(T(M::SheetFloors));
    wb.header(ws, {T(M::WordScope), T(M::WordCode), T(M::WordName), T(M::WordResidents), T(M::WordRequired),
                   T(M::WordPlaced), T(M::WordShortfall)},
              rows.size(), {16, 18, 48, 10, 10, 10, 10});
    std::size_t row = 1;
    for (std::size_t i = 0; i < rows.size() && i < in.floors.size(); ++i) {
      const FloorRow& r = rows[i];
      const Floor& f = in.floors[i];
      wb.text(ws, row, 0, T(r.scope == FloorScope::Group ? M::WordTargetGroup : M::WordArea));
      wb.text(ws, row, 1, r.code);
      if (f.scope == FloorScope::Group) wb.text(ws, row, 2, target_group_name(in, f.code, lang));
      else if (f.code >= 0 && static_cast<std::size_t>(f.code) < in.areas.size()) wb.text(ws, row, 2, area_name(f.code));
      wb.number(ws, row, 3, static_cast<double>(r.residents));
      wb.number(ws, row, 4, static_cast<double>(r.required));
      wb.number(ws, row, 5, static_cast<double>(r.placed));
      wb.number(ws, row, 6, static_cast<double>(r.shortfall));
      ++row;
    }
    if (plan.floors) {
      const FloorsOutcome& fo = *plan.floors;
      row += 1;
      wb.text(ws, row, 0, T(M::WordShortfall));
      wb.text(ws, row, 1, T(M::WordTotal));
      wb.number(ws, row, 6, static_cast<double>(fo.shortfall));
      ++row;
      wb.text(ws, row, 0, T(M::WordPriceOfFloors));
      wb.text(ws, row, 1, T(M::WordPlaced));
      wb.number(ws, row, 5, static_cast<double>(fo.price_placed));
      ++row;
      wb.text(ws, row, 0, T(M::WordPriceOfFloors));
      wb.text(ws, row, 1, T(M::WordScore));
      wb.number(ws, row, 5, static_cast<double>(fo.price_score) / 1e6, wb.score());
      wb.text(ws, row, 6, T(fo.price_exact ? M::FloorsExact : M::FloorsEstimate));
    }
  }
  return wb.finish();
}

}  // namespace placematch
