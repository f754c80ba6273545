#pragma once
// placematch/detail/csv.hpp — a small RFC 4180 CSV reader (internal; data contract v1, 1.1).
//
// parse_csv() splits a whole file held in memory into records of cells in one pass,
// O(size of the text). It accepts quoted cells holding commas, `""` and line breaks;
// LF, CRLF or a lone CR as line ends (a line break inside quotes is kept verbatim); an
// optional UTF-8 byte-order mark. Blank lines (empty or only spaces and tabs) are
// skipped. Every record knows the physical line where it starts (the first line is 1).
// Broken records (unterminated quote, characters after a closing quote, invalid UTF-8,
// NUL bytes) are kept in the output with a located problem instead of throwing, so the
// caller can report them and go on. It never throws except std::bad_alloc.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace placematch::detail {

/// What is wrong with one record: the cell (0-based) where it was found and a message.
struct CsvProblem {
  std::size_t cell = 0;
  std::string message;
};

/// One record (row) of a CSV file.
struct CsvRecord {
  std::size_t line = 0;              // physical line where the record starts (1-based)
  std::vector<std::string> cells;    // unquoted, unescaped cell texts
  std::optional<CsvProblem> problem; // the first problem found in the record, if any
};

struct CsvParse {
  std::vector<CsvRecord> records;  // header first; empty for a file with no records
  /// True when an unterminated quote swallowed the rest of the file: records after the
  /// broken one could not be read.
  bool truncated = false;
};

/// Parses a whole CSV text. See the file comment for the accepted dialect.
CsvParse parse_csv(std::string_view text);

/// The position (0-based byte offset) of the first invalid UTF-8 sequence in `text`
/// (overlong forms, surrogates and code points above U+10FFFF are invalid), or
/// std::string_view::npos when the text is valid UTF-8. O(size of the text).
std::size_t find_invalid_utf8(std::string_view text);

/// Quotes a value for a message: "..." with `"` and `\` escaped and control bytes
/// written as \xNN, cut after `max_bytes` bytes (at a character boundary) with "...".
std::string quote_value(std::string_view value, std::size_t max_bytes = 80);

}  // namespace placematch::detail
