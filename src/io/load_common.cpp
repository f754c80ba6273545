// Validation shared by the CSV and JSON loaders: every value, bound and reference of an
// instance is checked here, all problems are collected, and the Instance is built.
//
// Choices made where the data contract (shared/spec/instance-format.md) is silent:
// - Trimming: surrounding spaces and tabs are trimmed from every cell (ids, codes,
//   numbers, flags, enumerations, list items, names); a cell of only spaces is empty
//   ("not given"). Header names are trimmed too and matched exactly (case-sensitive).
// - Blank lines: a line that is empty or holds only spaces and tabs is skipped. A lone
//   CR is a line end like LF and CRLF; line breaks inside quotes are kept verbatim and
//   counted as physical lines. Spaces around a quoted cell are allowed; other characters
//   after a closing quote are an error. A `"` inside an unquoted cell is kept literally.
// - A file holding only blank lines (or only a byte-order mark) has no header: an error
//   at line 0, like a zero-byte file. A NUL byte in a cell is an error, like invalid UTF-8.
// - Numbers: JSON's grammar exactly after trimming: no leading `+`, no leading zeros
//   (`01`), no `.5` or `5.`; values beyond the double range are errors. An integer column
//   accepts any number with an integral value (`2.0`, `1e2`); `2.7` is an error.
// - JSON: a number column takes a JSON number, or a string that is read exactly like a
//   CSV cell (so "12" and "" are accepted; "" means not given). A list takes an array of
//   item strings or one string read like a CSV cell (`"da;ar"`). A flag takes true,
//   false, 0, 1 or the strings "0"/"1". Records are located as `instance.json:table[i]`
//   with a 0-based index; whole-file problems (bad JSON, a missing required array
//   "areas", "citizens", "companies" or "openings") as `instance.json:0: file`. Unknown
//   keys are warnings, once per table (at the first record holding them).
// - Ages: the bound 13-70 applies to a citizen's age and to an opening's age_min and
//   age_max; age_min > age_max is an error (at age_max), like hours_min > hours_max (at
//   hours_max).
// - Duplicates: an id seen again in its file is an error at the later record; the first
//   record keeps the id (references resolve to it). A company listed twice in one
//   excluded_companies cell is an error, like a code listed twice. Two decisions on one
//   pair (whatever their kinds) are an error at the later decision, column `opening`.
// - A decision's mentor must exist and work in the opening's company; a mentor given on
//   a forbid is an error. Whether pins break the rules of section 2 or overfill seats,
//   mentors or the reasonableness rule is checked after loading, not here.
// - target_groups.csv, when present, replaces the default set entirely (a header-only
//   file gives no target groups). A citizen with no target_group gets OTHER, which is an
//   error when OTHER is not one of the instance's target groups.
// - The CPR rule applies to every id column that defines a record (areas, citizens,
//   companies, mentors, openings). A broken record is still registered under its id so
//   that one mistake does not cascade into "unknown id" errors elsewhere; a reference to
//   a file that could not be read at all (missing, empty, broken header, unterminated
//   quote) is not reported again.
// - Diagnostics are sorted: instance.json / path-level problems first, then by file in
//   the order areas, citizens, companies, mentors, openings, decisions, target_groups,
//   then by line (JSON: by record index), keeping the order of columns within a record.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "detail/csv.hpp"
#include "placematch/model/format.hpp"
#include "detail/load.hpp"

namespace placematch::detail {

// ---------------------------------------------------------------------------------------
// Tables and columns.

// ---------------------------------------------------------------------------------------
// Diagnostics.

void DiagnosticSink::error(int group, long order, std::string where, std::string column,
                           std::string message) {
  errors_.push_back({group, order, {std::move(where), std::move(column), std::move(message)}});
}
void DiagnosticSink::warning(int group, long order, std::string where, std::string column,
                             std::string message) {
  warnings_.push_back({group, order, {std::move(where), std::move(column), std::move(message)}});
}
Diagnostics DiagnosticSink::sorted(std::vector<Entry>& list) {
  std::stable_sort(list.begin(), list.end(), [](const Entry& a, const Entry& b) {
    return a.group != b.group ? a.group < b.group : a.order < b.order;
  });
  Diagnostics out;
  out.reserve(list.size());
  for (Entry& e : list) out.push_back(std::move(e.d));
  list.clear();
  return out;
}
Diagnostics DiagnosticSink::take_errors() { return sorted(errors_); }
Diagnostics DiagnosticSink::take_warnings() { return sorted(warnings_); }

InputLimits& input_limits() {
  static InputLimits limits;
  return limits;
}

std::string with_separators(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

bool read_whole_file(const std::filesystem::path& path, std::string& out, std::string& error,
                     std::uint64_t max_bytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    error = "it is a folder";
    return false;
  }
  const std::string too_large =
      "the file is larger than the limit of " + with_separators(max_bytes) + " bytes";
  // A regular file's size is known before reading; anything else (a pipe, a device such
  // as /dev/zero) is read in chunks and refused as soon as it passes the limit.
  if (std::filesystem::is_regular_file(path, ec)) {
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > max_bytes) {
      error = too_large + " (" + with_separators(size) + " bytes)";
      return false;
    }
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open it";
    return false;
  }
  out.clear();
  constexpr std::size_t kChunk = 1u << 20;
  std::vector<char> chunk(kChunk);
  for (;;) {
    in.read(chunk.data(), static_cast<std::streamsize>(kChunk));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (out.size() + got > max_bytes) {
      out.clear();
      out.shrink_to_fit();
      error = too_large;
      return false;
    }
    out.append(chunk.data(), got);
    if (!in) break;
  }
  if (in.bad()) {
    error = "read error";
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------
// Values.

bool valid_token(std::string_view s) {  // [A-Za-z0-9_.-]{1,64}
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
          c == '.' || c == '-'))
      return false;
  return true;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool json_number_syntax(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  if (i < n && s[i] == '-') ++i;
  if (i >= n) return false;
  if (s[i] == '0') {
    ++i;
  } else if (is_digit(s[i])) {
    while (i < n && is_digit(s[i])) ++i;
  } else {
    return false;
  }
  if (i < n && s[i] == '.') {
    ++i;
    if (i >= n || !is_digit(s[i])) return false;
    while (i < n && is_digit(s[i])) ++i;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    if (i >= n || !is_digit(s[i])) return false;
    while (i < n && is_digit(s[i])) ++i;
  }
  return i == n;
}

std::optional<double> parse_number(std::string_view s) {
  s = trim(s);
  if (!json_number_syntax(s)) return std::nullopt;
  double value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

bool looks_like_decimal_comma(std::string_view s) {
  s = trim(s);
  const auto comma = s.find(',');
  if (comma == std::string_view::npos || comma == 0 || comma + 1 == s.size()) return false;
  std::string with_point(s);
  with_point[comma] = '.';
  return json_number_syntax(with_point);
}

// `s` with its one decimal comma made a point (callers check looks_like_decimal_comma).
std::string with_decimal_point(std::string_view s) {
  std::string out(trim(s));
  const auto comma = out.find(',');
  if (comma != std::string::npos) out[comma] = '.';
  return out;
}


bool looks_like_cpr(std::string_view s) {
  auto digits = [](std::string_view t) { return std::all_of(t.begin(), t.end(), is_digit); };
  if (s.size() == 10) return digits(s);
  if (s.size() == 11) return digits(s.substr(0, 6)) && s[6] == '-' && digits(s.substr(7));
  return false;
}

struct Range {
  double lo, hi;
  bool lo_open = false;
  std::string text() const {
    return (lo_open ? "(" : "[") + format_shortest(lo) + ", " + format_shortest(hi) + "]";
  }
  bool holds(double v) const { return (lo_open ? v > lo : v >= lo) && v <= hi; }
};

// The value as shown in a message.
std::string shown(const RawValue& v) {
  using T = RawValue::Type;
  switch (v.type) {
    case T::Missing: return "nothing";
    case T::Text: return quote_value(trim(v.text));
    case T::Number: return quote_value(v.text);
    case T::Bool: return v.text;
    case T::List: return "a list";
    case T::Other: return quote_value(v.text, 40);
  }
  return "?";
}

// One record being checked: typed accessors that report their problems.
class Row {
 public:
  Row(Table table, const RawTable& t, const RawRecord& r, DiagnosticSink& sink)
      : Row(columns_of(table), static_cast<int>(table), t, r, sink) {}
  // A file outside the instance (e.g. courses.csv): its columns and diagnostic group.
  Row(std::span<const ColumnSpec> spec, int group, const RawTable& t, const RawRecord& r,
      DiagnosticSink& sink)
      : spec_(spec), group_(group), t_(t), r_(r), sink_(sink) {}

  const RawRecord& record() const { return r_; }
  bool ok() const { return ok_; }

  // Reports a problem; at most one per cell (a list of a million bad items gives one).
  void error(std::string_view column, std::string message) {
    ok_ = false;
    if (std::find(reported_.begin(), reported_.end(), column) != reported_.end()) return;
    reported_.push_back(column);
    sink_.error(group_, r_.order, r_.where, std::string(column),
                std::move(message));
  }

  // The raw value, or nullptr when not given (an error when the column is required and
  // the file has that column; a missing column was reported once, at the header).
  const RawValue* get(std::string_view column) {
    int c = -1;
    for (std::size_t i = 0; i < spec_.size(); ++i)
      if (spec_[i].name == column) c = static_cast<int>(i);
    if (c < 0) return nullptr;  // not a column of this table: a programming error
    const auto uc = static_cast<std::size_t>(c);
    const RawValue* v = uc < r_.values.size() ? &r_.values[uc] : nullptr;
    if (v && v->type != RawValue::Type::Missing) return v;
    if (spec_[uc].required && uc < t_.has_column.size() && t_.has_column[uc])
      error(column, "required value missing");
    return nullptr;
  }

  // A scalar as text (names, ids, codes, enumerations). nullopt when not given or when
  // the value is a list/object (reported).
  std::optional<std::string> scalar(std::string_view column, std::string_view expected) {
    const RawValue* v = get(column);
    if (!v) return std::nullopt;
    if (v->type == RawValue::Type::List || v->type == RawValue::Type::Other) {
      error(column, "expected " + std::string(expected) + ", got " + shown(*v));
      return std::nullopt;
    }
    return std::string(trim(v->text));
  }

  std::string text(std::string_view column) { return scalar(column, "text").value_or(""); }

  // An id (syntax and the CPR rule). Returned even when malformed, so it can still be
  // registered or looked up; nullopt when not given.
  std::optional<std::string> id(std::string_view column, bool defines) {
    auto s = scalar(column, "an id");
    if (!s) return s;
    if (!valid_token(*s))
      error(column, "expected an id of 1-64 characters A-Z a-z 0-9 _ . -, got " + quote_value(*s));
    else if (defines && looks_like_cpr(*s))
      error(column, "id " + quote_value(*s) +
                        " looks like a CPR number; use pseudonyms, never personal numbers");
    return s;
  }

  std::optional<std::string> code(std::string_view column) {
    auto s = scalar(column, "a code");
    if (!s) return s;
    if (!valid_token(*s)) {
      error(column, "expected a code of 1-64 characters A-Z a-z 0-9 _ . -, got " + quote_value(*s));
      return std::nullopt;
    }
    return s;
  }

  std::optional<double> number(std::string_view column, Range range, bool integer = false) {
    const RawValue* v = get(column);
    if (!v) return std::nullopt;
    const std::string expected =
        std::string(integer ? "expected an integer in " : "expected a number in ") + range.text();
    std::optional<double> x;
    if (v->type == RawValue::Type::Text || v->type == RawValue::Type::Number)
      x = parse_number(v->text);
    // The Danish spreadsheet dialect (1.1 v2): one decimal comma instead of the point.
    if (!x && t_.decimal_comma && v->type == RawValue::Type::Text && looks_like_decimal_comma(v->text))
      x = parse_number(with_decimal_point(v->text));
    if (!x) {
      std::string hint;
      if (v->type == RawValue::Type::Text && !t_.decimal_comma && looks_like_decimal_comma(v->text))
        hint = " (a decimal comma: write a point)";
      error(column, expected + ", got " + shown(*v) + hint);
      return std::nullopt;
    }
    if (integer && std::floor(*x) != *x) {
      error(column, expected + ", got " + shown(*v) + " (not a whole number)");
      return std::nullopt;
    }
    if (!range.holds(*x)) {
      error(column, expected + ", got " + shown(*v));
      return std::nullopt;
    }
    return x;
  }

  std::optional<int> integer(std::string_view column, double lo, double hi) {
    auto x = number(column, Range{lo, hi}, true);
    if (!x) return std::nullopt;
    return static_cast<int>(*x);
  }

  bool flag(std::string_view column) {
    const RawValue* v = get(column);
    if (!v) return false;
    const std::string_view s = trim(v->text);
    using T = RawValue::Type;
    if ((v->type == T::Text || v->type == T::Number) && (s == "0" || s == "1")) return s == "1";
    if (v->type == T::Bool) return s == "true";
    error(column, "expected a flag 0 or 1, got " + shown(*v));
    return false;
  }

  // The items of a list (trimmed, empty ones dropped).
  std::vector<std::string> items(std::string_view column) {
    std::vector<std::string> out;
    const RawValue* v = get(column);
    if (!v) return out;
    auto add = [&](std::string_view item) {
      item = trim(item);
      if (!item.empty()) out.emplace_back(item);
    };
    if (v->type == RawValue::Type::List) {
      for (const std::string& item : v->items) add(item);
    } else if (v->type == RawValue::Type::Text) {
      std::string_view s = v->text;
      for (;;) {
        const auto semi = s.find(';');
        add(s.substr(0, semi));
        if (semi == std::string_view::npos) break;
        s.remove_prefix(semi + 1);
      }
    } else {
      error(column, "expected a list of items separated by ';', got " + shown(*v));
    }
    const std::size_t max_items = input_limits().list_items;
    if (out.size() > max_items) {
      error(column, "more than " + with_separators(max_items) + " items in one list (the limit)");
      out.resize(max_items);
    }
    return out;
  }

  // A list of plain codes, interned and sorted; a code twice is an error.
  Codes codes(std::string_view column, CodeTable& table) {
    Codes out;
    std::unordered_set<CodeId> seen;
    for (const std::string& item : items(column)) {
      if (!valid_token(item)) {
        error(column, "expected a code of 1-64 characters A-Z a-z 0-9 _ . -, got " +
                          quote_value(item));
        continue;
      }
      const CodeId c = table.intern(item);
      if (!seen.insert(c).second) {
        error(column, "code " + quote_value(item) + " given twice in one list");
        continue;
      }
      out.push_back(c);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  // A list of `code:level` items (`code` alone: level 1), levels integers in [lo, hi].
  CodeLevels levels(std::string_view column, CodeTable& table, int lo, int hi, std::string_view what) {
    CodeLevels out;
    std::unordered_set<CodeId> seen;
    for (const std::string& item : items(column)) {
      const auto colon = item.find(':');
      const std::string_view code = trim(std::string_view(item).substr(0, colon));
      if (!valid_token(code)) {
        error(column, "expected a code of 1-64 characters A-Z a-z 0-9 _ . -, got " +
                          quote_value(item));
        continue;
      }
      int level = 1;
      if (colon != std::string::npos) {
        const std::string_view ltext = trim(std::string_view(item).substr(colon + 1));
        auto x = parse_number(ltext);
        if (!x || std::floor(*x) != *x || *x < lo || *x > hi) {
          error(column, "expected a " + std::string(what) + " in [" + std::to_string(lo) + ", " +
                            std::to_string(hi) + "] after the code, got " + quote_value(item));
          continue;
        }
        level = static_cast<int>(*x);
      }
      const CodeId c = table.intern(code);
      if (!seen.insert(c).second) {
        error(column, "code " + quote_value(code) + " given twice in one list");
        continue;
      }
      out.push_back({c, level});
    }
    std::sort(out.begin(), out.end(),
              [](const CodeLevel& a, const CodeLevel& b) { return a.code < b.code; });
    return out;
  }

 private:
  std::span<const ColumnSpec> spec_;
  int group_;
  const RawTable& t_;
  const RawRecord& r_;
  DiagnosticSink& sink_;
  bool ok_ = true;
  std::vector<std::string_view> reported_;  // columns with a reported problem
};

const Range kLat{-90, 90}, kLon{-180, 180};
const Range kHours{0, 168, true}, kTolerance{0, 168}, kMaxKm{0, 20000, true};

// Ids of one table: first occurrence wins; a later duplicate is an error.
struct IdMap {
  std::unordered_map<std::string, Index> index;
  std::vector<const RawRecord*> where;  // per record of the table

  explicit IdMap(std::size_t n) {
    index.reserve(n);
    where.reserve(n);
  }

  void add(Row& row, const std::optional<std::string>& id, std::string_view column,
           const RawTable& table) {
    const Index i = static_cast<Index>(where.size());
    where.push_back(&row.record());
    if (!id) return;
    auto [it, inserted] = index.try_emplace(*id, i);
    if (!inserted)
      row.error(column, "duplicate id " + quote_value(*id) + " (first at " +
                            table.describe(*where[static_cast<std::size_t>(it->second)]) + ")");
  }
};

// Looks up a reference; reports an unknown id unless the referenced file is unreadable.
Index resolve(Row& row, std::string_view column, const std::optional<std::string>& id,
              const IdMap& map, const RawTable& target, std::string_view what) {
  if (!id) return kNone;
  auto it = map.index.find(*id);
  if (it != map.index.end()) return it->second;
  if (target.complete) row.error(column, "unknown " + std::string(what) + " " + quote_value(*id));
  return kNone;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// The instance.

namespace {

// build_instance's state and its steps, one per file of the contract, in the order the
// references need: target groups, areas, citizens, companies, mentors, openings, the
// citizens' references (areas, companies), decisions. Every step reports through `sink`.
class InstanceBuilder {
 public:
  InstanceBuilder(const RawInstance& raw, DiagnosticSink& sink)
      : raw_(raw), sink_(sink), areas_(table(Table::Areas).records.size()),
        citizens_(table(Table::Citizens).records.size()), companies_(table(Table::Companies).records.size()),
        mentors_(table(Table::Mentors).records.size()), openings_(table(Table::Openings).records.size()) {}

  std::optional<Instance> build() {
    read_target_groups();
    read_areas();
    read_citizens();
    read_companies();
    read_mentors();
    read_openings();
    resolve_citizen_references();
    read_decisions();
    read_floors();
    if (sink_.has_errors()) return std::nullopt;
    inst_.finalize();
    return std::move(inst_);
  }

 private:
  const RawTable& table(Table t) const { return raw_[static_cast<std::size_t>(t)]; }

  // Target groups first: their codes are needed to check citizens and openings. Without
  // the file, the contract's default groups.
  void read_target_groups() {
    const RawTable& t = table(Table::TargetGroups);
    groups_known_ = !t.present || t.complete;
    if (!t.present) {
      for (const auto& [code, name] : default_target_groups()) {
        const CodeId c = inst_.codes.intern(code);
        groups_.insert(c);
        inst_.target_groups.push_back({c, name});
      }
      return;
    }
    std::unordered_map<CodeId, const RawRecord*> first;
    for (const RawRecord& r : t.records) {
      Row row(Table::TargetGroups, t, r, sink_);
      auto code = row.code("code");
      std::string name = row.text("name");
      if (!code) continue;
      const CodeId c = inst_.codes.intern(*code);
      auto [it, inserted] = first.try_emplace(c, &r);
      if (!inserted) {
        row.error("code", "duplicate target group " + quote_value(*code) + " (first at " +
                              t.describe(*it->second) + ")");
        continue;
      }
      groups_.insert(c);
      inst_.target_groups.push_back({c, std::move(name)});
    }
  }

  // The code of one of the instance's target groups, or kNone after an error.
  CodeId check_group(Row& row, std::string_view column, std::string_view code, bool is_default) {
    const CodeId c = inst_.codes.find(code);
    if (c != kNone && groups_.count(c)) return c;
    // target_groups.csv could not be read: its problem is reported already.
    if (!groups_known_) return inst_.codes.intern(code);
    row.error(column, std::string(is_default ? "not given, and the default " : "") + "target group " +
                          quote_value(code) + " is not one of the instance's target groups");
    return kNone;
  }

  void read_areas() {
    const RawTable& t = table(Table::Areas);
    for (const RawRecord& r : t.records) {
      Row row(Table::Areas, t, r, sink_);
      Area a;
      auto id = row.id("id", true);
      a.id = id.value_or("");
      a.name = row.text("name");
      a.lat = row.number("lat", kLat).value_or(0);
      a.lon = row.number("lon", kLon).value_or(0);
      areas_.add(row, id, "id", t);
      inst_.areas.push_back(std::move(a));
    }
  }

  // Citizens; their references (area, excluded companies) are resolved once companies
  // are known (resolve_citizen_references).
  void read_citizens() {
    const RawTable& t = table(Table::Citizens);
    const auto tg = static_cast<std::size_t>(column_index(Table::Citizens, "target_group"));
    for (const RawRecord& r : t.records) {
      Row row(Table::Citizens, t, r, sink_);
      Citizen c;
      auto id = row.id("id", true);
      c.id = id.value_or("");
      auto area = row.id("area", false);
      if (r.values[tg].type == RawValue::Type::Missing) {
        c.target_group = check_group(row, "target_group", "OTHER", true);
      } else if (auto g = row.code("target_group")) {
        c.target_group = check_group(row, "target_group", *g, false);
      }
      c.age = row.integer("age", 13, 70).value_or(0);
      c.hours = row.number("hours", kHours).value_or(0);
      c.hours_tolerance = row.number("hours_tolerance", kTolerance).value_or(0);
      c.max_km = row.number("max_km", kMaxKm).value_or(0);
      c.needs_mentor = row.flag("needs_mentor");
      c.competences = row.levels("competences", inst_.codes, 1, 5, "level");
      c.barriers = row.levels("barriers", inst_.codes, 1, 3, "severity");
      c.languages = row.codes("languages", inst_.codes);
      c.interests = row.codes("interests", inst_.codes);
      c.months_unemployed = row.integer("months_unemployed", 0, 1200).value_or(0);
      std::vector<std::string> excluded = excluded_ids(row);
      citizens_.add(row, id, "id", t);
      citizen_area_.push_back(area);
      citizen_excluded_.push_back(std::move(excluded));
      inst_.citizens.push_back(std::move(c));
    }
  }

  // The well-formed, distinct company ids of a citizen's `excluded_companies`.
  static std::vector<std::string> excluded_ids(Row& row) {
    std::vector<std::string> excluded;
    std::unordered_set<std::string> seen;
    for (std::string& item : row.items("excluded_companies")) {
      if (!valid_token(item)) {
        row.error("excluded_companies",
                  "expected a company id of 1-64 characters A-Z a-z 0-9 _ . -, got " + quote_value(item));
      } else if (!seen.insert(item).second) {
        row.error("excluded_companies", "company " + quote_value(item) + " given twice in one list");
      } else {
        excluded.push_back(std::move(item));
      }
    }
    return excluded;
  }

  void read_companies() {
    const RawTable& t = table(Table::Companies);
    for (const RawRecord& r : t.records) {
      Row row(Table::Companies, t, r, sink_);
      Company k;
      auto id = row.id("id", true);
      k.id = id.value_or("");
      k.name = row.text("name");
      k.lat = row.number("lat", kLat).value_or(0);
      k.lon = row.number("lon", kLon).value_or(0);
      if (auto s = row.code("sector")) k.sector = inst_.codes.intern(*s);
      k.employees = row.integer("employees", 0, 1000000);
      k.supported_now = row.integer("supported_now", 0, 100000).value_or(0);
      companies_.add(row, id, "id", t);
      inst_.companies.push_back(std::move(k));
    }
  }

  void read_mentors() {
    const RawTable& t = table(Table::Mentors);
    for (const RawRecord& r : t.records) {
      Row row(Table::Mentors, t, r, sink_);
      Mentor m;
      auto id = row.id("id", true);
      m.id = id.value_or("");
      auto company = row.id("company", false);
      m.company = resolve(row, "company", company, companies_, table(Table::Companies), "company");
      m.capacity = row.integer("capacity", 1, 10000).value_or(1);
      m.carrying_now = row.integer("carrying_now", 0, 10000).value_or(0);
      m.languages = row.codes("languages", inst_.codes);
      mentors_.add(row, id, "id", t);
      inst_.mentors.push_back(std::move(m));
    }
  }

  void read_openings() {
    const RawTable& t = table(Table::Openings);
    for (const RawRecord& r : t.records) {
      Row row(Table::Openings, t, r, sink_);
      Opening o;
      auto id = row.id("id", true);
      o.id = id.value_or("");
      auto company = row.id("company", false);
      o.company = resolve(row, "company", company, companies_, table(Table::Companies), "company");
      if (auto kind = row.scalar("kind", "an opening kind")) {
        if (auto k = parse_opening_kind(*kind))
          o.kind = *k;
        else
          row.error("kind", "expected internship, small_job, wage_subsidy, ordinary or leisure_job, got " +
                                quote_value(*kind));
      }
      o.seats = row.integer("seats", 1, 10000).value_or(1);
      auto hmin = row.number("hours_min", kHours);
      auto hmax = row.number("hours_max", kHours);
      if (hmin && hmax && *hmin > *hmax)
        row.error("hours_max", "expected at least hours_min (" + format_shortest(*hmin) + "), got " +
                                   shown(value_of(r, "hours_max")));
      o.hours_min = hmin.value_or(0);
      o.hours_max = hmax.value_or(0);
      o.required = row.levels("requires", inst_.codes, 1, 5, "level");
      o.desired = row.levels("desires", inst_.codes, 1, 5, "level");
      o.barrier_limits = row.levels("barrier_limits", inst_.codes, 0, 3, "severity limit");
      o.groups = opening_groups(row);
      o.age_min = row.integer("age_min", 13, 70);
      o.age_max = row.integer("age_max", 13, 70);
      if (o.age_min && o.age_max && *o.age_min > *o.age_max)
        row.error("age_max", "expected at least age_min (" + std::to_string(*o.age_min) + "), got " +
                                 shown(value_of(r, "age_max")));
      o.mentor_required = row.flag("mentor_required");
      if (auto s = row.code("sector"))
        o.sector = inst_.codes.intern(*s);
      else if (o.company != kNone)
        o.sector = inst_.companies[static_cast<std::size_t>(o.company)].sector;
      openings_.add(row, id, "id", t);
      inst_.openings.push_back(std::move(o));
    }
  }

  static const RawValue& value_of(const RawRecord& r, std::string_view column) {
    return r.values[static_cast<std::size_t>(column_index(Table::Openings, column))];
  }

  // An opening's `groups`: known target groups, each once, sorted.
  Codes opening_groups(Row& row) {
    Codes out;
    std::unordered_set<CodeId> seen;
    for (const std::string& g : row.items("groups")) {
      if (!valid_token(g)) {
        row.error("groups", "expected a code of 1-64 characters A-Z a-z 0-9 _ . -, got " + quote_value(g));
        continue;
      }
      const CodeId c = check_group(row, "groups", g, false);
      if (c == kNone) continue;
      if (!seen.insert(c).second) {
        row.error("groups", "code " + quote_value(g) + " given twice in one list");
        continue;
      }
      out.push_back(c);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  void resolve_citizen_references() {
    const RawTable& t = table(Table::Citizens);
    for (std::size_t i = 0; i < inst_.citizens.size(); ++i) {
      Row row(Table::Citizens, t, *citizens_.where[i], sink_);
      Citizen& c = inst_.citizens[i];
      c.area = resolve(row, "area", citizen_area_[i], areas_, table(Table::Areas), "area");
      for (const std::string& k : citizen_excluded_[i]) {
        const Index idx = resolve(row, "excluded_companies", k, companies_, table(Table::Companies), "company");
        if (idx != kNone) c.excluded_companies.push_back(idx);
      }
      std::sort(c.excluded_companies.begin(), c.excluded_companies.end());
    }
  }

  // Decisions: known citizen, opening and mentor; pin or forbid; a mentor only on a pin,
  // and of the opening's company; each pair decided once.
  void read_decisions() {
    const RawTable& t = table(Table::Decisions);
    std::map<std::pair<Index, Index>, const RawRecord*> seen;
    for (const RawRecord& r : t.records) {
      Row row(Table::Decisions, t, r, sink_);
      Decision d;
      d.where = r.where;
      auto cid = row.id("citizen", false);
      auto oid = row.id("opening", false);
      auto kind_text = row.scalar("decision", "pin or forbid");
      auto mid = row.id("mentor", false);
      d.citizen = resolve(row, "citizen", cid, citizens_, table(Table::Citizens), "citizen");
      d.opening = resolve(row, "opening", oid, openings_, table(Table::Openings), "opening");
      std::optional<DecisionKind> kind;
      if (kind_text) {
        kind = parse_decision_kind(*kind_text);
        if (!kind) row.error("decision", "expected pin or forbid, got " + quote_value(*kind_text));
      }
      if (kind) d.kind = *kind;
      if (mid) {
        if (kind == DecisionKind::Forbid)
          row.error("mentor", "a mentor " + quote_value(*mid) + " is given on a forbid");
        else
          d.mentor = decision_mentor(row, *mid, d.opening);
      }
      if (d.citizen != kNone && d.opening != kNone) {
        auto [it, inserted] = seen.try_emplace({d.citizen, d.opening}, &r);
        if (!inserted)
          row.error("opening", "the pair (" + quote_value(*cid) + ", " + quote_value(*oid) +
                                   ") is already decided at " + t.describe(*it->second));
      }
      inst_.decisions.push_back(std::move(d));
    }
  }

  // Floors (contract section 12): a scope and code once each, a known code, a share in [0, 1].
  void read_floors() {
    const RawTable& t = table(Table::Floors);
    std::map<std::pair<FloorScope, std::int32_t>, const RawRecord*> seen;
    for (const RawRecord& r : t.records) {
      Row row(Table::Floors, t, r, sink_);
      auto scope_text = row.scalar("scope", "group or area");
      auto code = row.scalar("code", "a target-group code or an area id");
      auto share = row.number("min_share", Range{0, 1});
      std::optional<FloorScope> scope;
      if (scope_text) {
        scope = parse_floor_scope(*scope_text);
        if (!scope) row.error("scope", "expected group or area, got " + quote_value(*scope_text));
      }
      Floor f;
      f.where = r.where;
      if (scope && code) {
        f.scope = *scope;
        if (*scope == FloorScope::Group) {
          const CodeId c = inst_.codes.find(*code);
          if (c != kNone && groups_.count(c)) f.code = c;
          else if (groups_known_) row.error("code", "unknown target group " + quote_value(*code));
        } else {
          auto it = areas_.index.find(*code);
          if (it != areas_.index.end()) f.code = it->second;
          else if (table(Table::Areas).complete) row.error("code", "unknown housing area " + quote_value(*code));
        }
        if (f.code != kNone) {
          auto [it, inserted] = seen.try_emplace({f.scope, f.code}, &r);
          if (!inserted)
            row.error("code", "a floor for " + std::string(to_string(f.scope)) + " " + quote_value(*code) +
                                  " is already given at " + t.describe(*it->second));
        }
      }
      if (share) f.min_share = *share;
      if (row.ok()) inst_.floors.push_back(std::move(f));
    }
  }

  // A pin's agreed mentor: a known mentor of the opening's company.
  Index decision_mentor(Row& row, const std::string& mid, Index opening) {
    const Index mentor = resolve(row, "mentor", mid, mentors_, table(Table::Mentors), "mentor");
    if (mentor == kNone || opening == kNone) return mentor;
    const Index mk = inst_.mentors[static_cast<std::size_t>(mentor)].company;
    const Index ok = inst_.openings[static_cast<std::size_t>(opening)].company;
    if (mk != kNone && ok != kNone && mk != ok)
      row.error("mentor", "mentor " + quote_value(mid) + " works at company " +
                              quote_value(inst_.companies[static_cast<std::size_t>(mk)].id) +
                              ", not at the opening's company " +
                              quote_value(inst_.companies[static_cast<std::size_t>(ok)].id));
    return mentor;
  }

  const RawInstance& raw_;
  DiagnosticSink& sink_;
  Instance inst_;
  std::set<CodeId> groups_;   // the instance's target groups
  bool groups_known_ = true;  // false: target_groups.csv could not be read
  IdMap areas_, citizens_, companies_, mentors_, openings_;
  std::vector<std::optional<std::string>> citizen_area_;       // per citizen, until resolved
  std::vector<std::vector<std::string>> citizen_excluded_;     // per citizen, until resolved
};

}  // namespace

std::optional<Instance> build_instance(const RawInstance& raw, DiagnosticSink& sink) {
  return InstanceBuilder(raw, sink).build();
}

}  // namespace placematch::detail

// ---------------------------------------------------------------------------------------
// courses.csv (contract section 10): the what-if's courses, checked against an instance.

namespace placematch::detail {

std::span<const ColumnSpec> course_columns() {
  static const ColumnSpec columns[] = {{"id", true},      {"name", false},
                                                  {"cost", true},    {"grants", false},
                                                  {"eases", false},  {"groups", false}};
  return columns;
}

std::vector<Course> build_courses(const RawTable& raw, const Instance& instance, int group,
                                  DiagnosticSink& sink) {
  // Competence and barrier codes the instance uses anywhere: a course granting or easing
  // any other code cannot change a pair (most likely a typo).
  std::unordered_set<CodeId> competences, barriers;
  for (const Citizen& c : instance.citizens) {
    for (const CodeLevel& l : c.competences) competences.insert(l.code);
    for (const CodeLevel& l : c.barriers) barriers.insert(l.code);
  }
  for (const Opening& o : instance.openings) {
    for (const CodeLevel& l : o.required) competences.insert(l.code);
    for (const CodeLevel& l : o.desired) competences.insert(l.code);
    for (const CodeLevel& l : o.barrier_limits) barriers.insert(l.code);
  }
  std::unordered_set<CodeId> groups;
  for (const TargetGroup& g : instance.target_groups) groups.insert(g.code);

  CodeTable scratch = instance.codes;  // new codes intern here, never in the instance
  const auto spec = course_columns();
  IdMap ids(raw.records.size());
  std::vector<Course> out;
  for (const RawRecord& r : raw.records) {
    Row row(spec, group, raw, r, sink);
    Course course;
    course.where = r.where;
    auto id = row.id("id", true);
    course.id = id.value_or("");
    course.name = row.text("name");
    course.cost = row.number("cost", Range{0, 1e12}).value_or(0);
    auto known = [&](std::string_view column, CodeLevels list,
                     const std::unordered_set<CodeId>& used, std::string_view what) {
      CodeLevels kept;
      for (const CodeLevel& l : list) {
        if (used.count(l.code)) {
          kept.push_back(l);
        } else {
          row.error(column, "unknown " + std::string(what) + " " + quote_value(scratch.name(l.code)) +
                                ": no resident or opening of the instance has it");
        }
      }
      return kept;
    };
    course.grants = known("grants", row.levels("grants", scratch, 1, 5, "level"), competences,
                          "competence");
    course.eases = known("eases", row.levels("eases", scratch, 0, 3, "severity"), barriers,
                         "barrier");
    std::unordered_set<CodeId> seen;
    for (const std::string& g : row.items("groups")) {
      const CodeId c = instance.codes.find(g);
      if (c == kNone || !groups.count(c)) {
        row.error("groups", "target group " + quote_value(g) + " is not one of the instance's target groups");
        continue;
      }
      if (!seen.insert(c).second) {
        row.error("groups", "code " + quote_value(g) + " given twice in one list");
        continue;
      }
      course.groups.push_back(c);
    }
    std::sort(course.groups.begin(), course.groups.end());
    ids.add(row, id, "id", raw);
    out.push_back(std::move(course));
  }
  return out;
}

}  // namespace placematch::detail
