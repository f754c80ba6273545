// Reading a folder of CSV files into RawTables (data contract v1, 1.1): header checks,
// row shapes and the CSV reader's problems, all located as FILE:LINE: COLUMN.
#include <algorithm>
#include <array>
#include <cstdio>

#include "detail/csv.hpp"
#include "detail/load.hpp"

namespace placematch::detail {

namespace {

std::string describe_line(const RawRecord& r) { return "line " + std::to_string(r.order); }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

std::size_t damerau_levenshtein(std::string_view a, std::string_view b) {
  // Lowrance-Wagner: the unrestricted distance (adjacent transpositions may be edited
  // further), on bytes. d has a border row and column of "infinity".
  const std::size_t n = a.size(), m = b.size();
  const std::size_t inf = n + m;
  std::vector<std::size_t> d((n + 2) * (m + 2));
  auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * (m + 2) + j]; };
  at(0, 0) = inf;
  for (std::size_t i = 0; i <= n; ++i) {
    at(i + 1, 0) = inf;
    at(i + 1, 1) = i;
  }
  for (std::size_t j = 0; j <= m; ++j) {
    at(0, j + 1) = inf;
    at(1, j + 1) = j;
  }
  std::array<std::size_t, 256> last_row{};  // last row (1-based) where each byte occurs in a
  for (std::size_t i = 1; i <= n; ++i) {
    std::size_t last_col = 0;  // last column in this row where a[i-1] matched
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t i1 = last_row[static_cast<unsigned char>(b[j - 1])];
      const std::size_t j1 = last_col;
      const bool same = a[i - 1] == b[j - 1];
      if (same) last_col = j;
      at(i + 1, j + 1) = std::min({at(i, j) + (same ? 0 : 1), at(i + 1, j) + 1, at(i, j + 1) + 1,
                                   at(i1, j1) + (i - i1 - 1) + 1 + (j - j1 - 1)});
    }
    last_row[static_cast<unsigned char>(a[i - 1])] = i;
  }
  return at(n + 1, m + 1);
}

namespace {

void read_csv_rows(std::span<const ColumnSpec> spec, int g, const std::string& file,
                   std::string_view text, RawTable& out, DiagnosticSink& sink) {
  out.present = true;
  out.describe = &describe_line;
  out.has_column.assign(spec.size(), false);
  auto at = [&](std::size_t line) { return file + ":" + std::to_string(line); };

  if (text.empty()) {
    out.complete = false;
    sink.error(g, 0, at(0), "file", "empty file, expected a header");
    return;
  }
  // The dialect, from the header (contract 1.1 v2): ';' outside quotes and no ',' is the
  // Danish spreadsheet dialect; both is neither dialect, a problem of the whole file.
  const HeaderSeparators seps = header_separators(text);
  const bool danish = seps.semicolons > 0 && seps.commas == 0;
  if (seps.semicolons > 0 && seps.commas > 0) {
    out.complete = false;
    sink.error(g, 0, at(0), "file",
               "the header holds both ',' and ';' between columns: neither a comma-separated file "
               "nor the Danish ';' dialect");
    return;
  }
  std::string decoded;  // the Danish dialect's Windows-1252 text, as UTF-8
  const std::size_t invalid = find_invalid_utf8(text);
  if (danish && invalid != std::string_view::npos) {
    std::size_t bad = 0;
    if (!windows1252_to_utf8(text, decoded, bad)) {
      out.complete = false;
      char buf[8];
      std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned char>(text[bad]));
      sink.error(g, 0, at(0), "file",
                 std::string("neither UTF-8 nor Windows-1252: byte ") + buf + " at byte " +
                     std::to_string(bad + 1) + " of the file; save it as \"CSV UTF-8\"");
      return;
    }
    sink.warning(g, 0, at(0), "file", "not UTF-8: read as Windows-1252");
    text = decoded;
  } else if (invalid != std::string_view::npos) {
    // A comma file must be UTF-8: the bad records are reported where they are, and
    // records elsewhere that refer to this file's ids are not reported as unknown.
    out.complete = false;
  }
  out.decimal_comma = danish;
  const char sep = danish ? ';' : ',';
  // The header is the first record; rows are checked as they stream by, so only one
  // CSV record is held at a time.
  bool have_header = false, header_broken = false;
  std::size_t width = 0;
  std::vector<int> cell_column;
  std::vector<std::string> header_names;
  const std::size_t max_records = input_limits().records_per_file;
  std::size_t rows = 0;
  bool over_limit = false;
  // A column as messages show it: a plain name as is; anything else (control bytes, spaces,
  // invalid UTF-8) quoted and escaped, so that every message stays one line of valid UTF-8.
  const auto shown_column = [](const std::string& name, std::size_t i) {
    const bool plain = std::all_of(name.begin(), name.end(), [](char ch) {
      return static_cast<unsigned char>(ch) > 0x20 && static_cast<unsigned char>(ch) < 0x7F;
    });
    return name.empty() ? "(column " + std::to_string(i + 1) + ")" : plain ? name : quote_value(name, 40);
  };
  const bool truncated = parse_csv(text, [&](CsvRecord& rec) {
    const long line = static_cast<long>(rec.line);
    if (header_broken || over_limit) return;
    if (!have_header) {
      have_header = true;
      if (rec.problem) {
        header_broken = true;
        sink.error(g, line, at(rec.line), "row", "header: " + rec.problem->message);
        return;
      }
      width = rec.cells.size();
      cell_column.assign(width, -1);
      header_names.resize(width);
      std::vector<std::size_t> first_cell(spec.size(), 0);
      std::vector<std::size_t> unknown;  // cells of unknown columns
      std::vector<std::string_view> meant_columns;  // columns a near miss was taken for
      for (std::size_t i = 0; i < width; ++i) {
        std::string_view name = rec.cells[i];
        while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
        header_names[i] = std::string(name);
        int c = -1;
        for (std::size_t s = 0; s < spec.size(); ++s)
          if (spec[s].name == name) c = static_cast<int>(s);
        if (c < 0) {
          unknown.push_back(i);
          continue;
        }
        const auto uc = static_cast<std::size_t>(c);
        if (out.has_column[uc]) {
          sink.error(g, line, at(rec.line), std::string(name),
                     "column given twice (columns " + std::to_string(first_cell[uc] + 1) +
                         " and " + std::to_string(i + 1) + ")");
          continue;  // the first one is used
        }
        out.has_column[uc] = true;
        first_cell[uc] = i;
        cell_column[i] = c;
      }
      // Unknown columns, once the known ones are all seen: a near miss of a column the
      // header lacks is an error (v2), anything else a warning.
      for (std::size_t i : unknown) {
        const std::string& name = header_names[i];
        std::size_t best = 3;
        std::string_view meant;
        const std::string low = lower(name);
        for (std::size_t k = 0; k < spec.size(); ++k) {
          if (out.has_column[k] || name.empty()) continue;
          const std::size_t dist = damerau_levenshtein(low, lower(spec[k].name));
          if (dist < best) {
            best = dist;
            meant = spec[k].name;
          }
        }
        {
          const std::string shown = shown_column(name, i);
          if (!meant.empty()) {
            meant_columns.push_back(meant);
            sink.error(g, line, at(rec.line), shown,
                       "unknown column; did you mean \"" + std::string(meant) + "\"?");
          } else {
            sink.warning(g, line, at(rec.line), shown, "unknown column, ignored");
          }
        }
      }
      for (std::size_t c = 0; c < spec.size(); ++c)
        // A required column named by a near miss was reported there: one cause, one message.
        if (spec[c].required && !out.has_column[c] &&
            std::find(meant_columns.begin(), meant_columns.end(), spec[c].name) == meant_columns.end())
          sink.error(g, line, at(rec.line), std::string(spec[c].name), "required column missing");
      return;
    }
    if (++rows > max_records) {
      over_limit = true;
      out.complete = false;
      sink.error(g, line, at(rec.line), "row",
                 "more than " + with_separators(max_records) +
                     " records in one file (the limit); the rest of the file is not read");
      return;
    }
    if (rec.problem) {
      const std::size_t cell = rec.problem->cell;
      std::string column = "row";
      if (cell < width && !header_names[cell].empty()) column = shown_column(header_names[cell], cell);
      sink.error(g, line, at(rec.line), column, rec.problem->message);
      out.complete = false;  // its id is unknown: references to it are not errors of their own
      return;
    }
    if (rec.cells.size() != width) {
      sink.error(g, line, at(rec.line), "row",
                 "expected " + std::to_string(width) + " cells as in the header, got " +
                     std::to_string(rec.cells.size()));
      out.complete = false;
      return;
    }
    RawRecord raw;
    raw.where = at(rec.line);
    raw.order = line;
    raw.values.resize(spec.size());
    for (std::size_t i = 0; i < width; ++i) {
      if (cell_column[i] < 0) continue;
      std::string& cell = rec.cells[i];
      if (cell.find_first_not_of(" \t") == std::string::npos) continue;  // empty: not given
      RawValue& v = raw.values[static_cast<std::size_t>(cell_column[i])];
      v.type = RawValue::Type::Text;
      v.text = std::move(cell);
    }
    out.records.push_back(std::move(raw));
  }, sep);
  if (!have_header) {
    out.complete = false;
    sink.error(g, 0, at(0), "file", "no header: the file holds only blank lines");
  }
  if (truncated || header_broken) out.complete = false;
}

void read_csv_table(Table table, const std::string& file, std::string_view text, RawTable& out,
                    DiagnosticSink& sink) {
  read_csv_rows(columns_of(table), static_cast<int>(table), file, text, out, sink);
}

}  // namespace

bool read_csv_file(std::span<const ColumnSpec> spec, int group, const std::filesystem::path& path,
                   RawTable& out, DiagnosticSink& sink) {
  const std::string file = path.string();
  std::string text, error;
  if (!read_whole_file(path, text, error, input_limits().file_bytes)) {
    out.present = true;
    out.complete = false;
    sink.error(group, 0, file + ":0", "file", "cannot read the file: " + error);
    return false;
  }
  read_csv_rows(spec, group, file, text, out, sink);
  return true;
}

void read_csv_folder(const std::filesystem::path& dir, RawInstance& raw, DiagnosticSink& sink) {
  for (int t = 0; t < kTableCount; ++t) {
    const auto table = static_cast<Table>(t);
    const std::string file = std::string(to_string(table)) + ".csv";
    const std::filesystem::path path = dir / file;
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (!exists) {
      if (table_required(table)) {
        raw[static_cast<std::size_t>(t)].complete = false;
        sink.error(t, 0, file + ":0", "file", "required file missing");
      }
      continue;
    }
    std::string text, error;
    if (!read_whole_file(path, text, error, input_limits().file_bytes)) {
      raw[static_cast<std::size_t>(t)].present = true;
      raw[static_cast<std::size_t>(t)].complete = false;
      sink.error(t, 0, file + ":0", "file", "cannot read the file: " + error);
      continue;
    }
    read_csv_table(table, file, text, raw[static_cast<std::size_t>(t)], sink);
  }
}

}  // namespace placematch::detail
