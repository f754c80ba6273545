// Reading a folder of CSV files into RawTables (data contract v1, 1.1): header checks,
// row shapes and the CSV reader's problems, all located as FILE:LINE: COLUMN.
#include <algorithm>

#include "detail/csv.hpp"
#include "detail/load.hpp"

namespace placematch::detail {

namespace {

std::string describe_line(const RawRecord& r) { return "line " + std::to_string(r.order); }

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
  // The header is the first record; rows are checked as they stream by, so only one
  // CSV record is held at a time.
  bool have_header = false, header_broken = false;
  std::size_t width = 0;
  std::vector<int> cell_column;
  std::vector<std::string> header_names;
  const std::size_t max_records = input_limits().records_per_file;
  std::size_t rows = 0;
  bool over_limit = false;
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
      for (std::size_t i = 0; i < width; ++i) {
        std::string_view name = rec.cells[i];
        while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
        header_names[i] = std::string(name);
        int c = -1;
        for (std::size_t s = 0; s < spec.size(); ++s)
          if (spec[s].name == name) c = static_cast<int>(s);
        if (c < 0) {
          // A plain name is shown as is; anything else quoted and escaped (one line).
          const bool plain = std::all_of(name.begin(), name.end(), [](char ch) {
            return static_cast<unsigned char>(ch) > 0x20 && static_cast<unsigned char>(ch) < 0x7F;
          });
          std::string shown = name.empty() ? "(column " + std::to_string(i + 1) + ")"
                              : plain      ? std::string(name)
                                           : quote_value(name, 40);
          sink.warning(g, line, at(rec.line), shown, "unknown column, ignored");
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
      for (std::size_t c = 0; c < spec.size(); ++c)
        if (spec[c].required && !out.has_column[c])
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
      if (cell < width && !header_names[cell].empty()) column = header_names[cell];
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
  });
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
