#pragma once
// src/detail/load.hpp — the loaders' shared middle layer (internal).
//
// The CSV and JSON readers both turn their input into RawTables: per file, records of
// raw values indexed by the contract's columns, each record with its location. One
// validator (build_instance) then checks every value and reference and builds the
// Instance, so both formats give identical instances and identical checks. Every
// problem is collected in a DiagnosticSink; nothing throws for bad input.
// Everything here is O(size of the input).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "detail/columns.hpp"
#include "placematch/model/diagnostics.hpp"
#include "placematch/io/files.hpp"
#include "placematch/io/whatif_files.hpp"
#include "placematch/model/instance.hpp"
#include "detail/limits.hpp"

namespace placematch::detail {

/// A value as read, before any checking.
struct RawValue {
  enum class Type { Missing, Text, Number, Bool, List, Other };
  Type type = Type::Missing;
  std::string text;                // Text: the cell; Number: JSON's text; Bool: true/false; Other: JSON
  std::vector<std::string> items;  // List: the items of a JSON array of strings
};

struct RawRecord {
  std::string where;  // "citizens.csv:17" or "instance.json:citizens[16]"
  long order = 0;     // sort key within the file: the line (CSV) or index + 1 (JSON)
  std::vector<RawValue> values;  // one per column of columns_of(table)
};

struct RawTable {
  bool present = false;        // the file / array was given
  bool complete = true;        // false when records could not be read (broken header, ...)
  bool decimal_comma = false;  // the Danish spreadsheet dialect: a number may use one decimal comma
  std::vector<bool> has_column;  // per column: the header holds it (JSON: always)
  std::vector<RawRecord> records;
  /// How another record's location is named in messages: "line 8" or "citizens[7]".
  std::string (*describe)(const RawRecord&) = nullptr;
};

using RawInstance = std::array<RawTable, kTableCount>;

/// Collects diagnostics with a sort key, and sorts them at the end: by group (-1 for
/// instance.json or a path as a whole, then the tables in Table order), then by order.
class DiagnosticSink {
 public:
  void error(int group, long order, std::string where, std::string column, std::string message);
  void warning(int group, long order, std::string where, std::string column, std::string message);
  bool has_errors() const { return !errors_.empty(); }
  /// Sorted (stable) diagnostics.
  Diagnostics take_errors();
  Diagnostics take_warnings();

 private:
  struct Entry {
    int group;
    long order;
    Diagnostic d;
  };
  static Diagnostics sorted(std::vector<Entry>& list);
  std::vector<Entry> errors_, warnings_;
};

/// Checks every value and reference of `raw` and builds the instance (finalized) when
/// there is no error. Problems go to `sink`.
std::optional<Instance> build_instance(const RawInstance& raw, DiagnosticSink& sink);

/// Reads a folder of CSV files into `raw` (problems of reading go to `sink`).
void read_csv_folder(const std::filesystem::path& dir, RawInstance& raw, DiagnosticSink& sink);
/// Reads one instance.json into `raw`.
void read_json_file(const std::filesystem::path& file, RawInstance& raw, DiagnosticSink& sink);
/// Reads instance.json's text, located as `file` ("instance.json:citizens[3]").
void read_json_text(std::string_view text, const std::string& file, RawInstance& raw, DiagnosticSink& sink);

/// Reads one CSV file whose columns are `spec` into `out` (a file outside the instance
/// folder, e.g. courses.csv); problems are located with the file's name and sorted in
/// `group`. False when the file cannot be read (reported).
bool read_csv_file(std::span<const ColumnSpec> spec, int group, const std::filesystem::path& path,
                   RawTable& out, DiagnosticSink& sink);

/// The columns of courses.csv (contract section 10).
std::span<const ColumnSpec> course_columns();
/// Checks the records of courses.csv against `instance` (codes and target groups) and
/// builds the courses; problems go to `sink` in `group`.
std::vector<Course> build_courses(const RawTable& raw, const Instance& instance, int group,
                                  DiagnosticSink& sink);

/// Whether `s` is an id or code of the contract: 1-64 characters A-Z a-z 0-9 _ . -.
bool valid_token(std::string_view s);

/// Reads a whole file in binary. False (and `error` set) when it cannot be read or holds
/// more than `max_bytes` (a regular file is measured before reading; a pipe or device is
/// read in chunks and refused once past the limit, so memory stays within the limit).
bool read_whole_file(const std::filesystem::path& path, std::string& out, std::string& error,
                     std::uint64_t max_bytes);

}  // namespace placematch::detail
