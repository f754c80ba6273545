#pragma once
// src/detail/csv.hpp — a small RFC 4180 CSV reader (internal; data contract v1, 1.1).
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

/// Parses a whole CSV text. See the file comment for the accepted dialect; `sep` is the
/// cell separator (',' or, in the Danish spreadsheet dialect, ';').
CsvParse parse_csv(std::string_view text, char sep = ',');

/// The same, streaming: calls `on_record(CsvRecord&)` for every record in order (it may
/// move the cells away) without keeping them. Returns true when an unterminated quote
/// truncated the text (see CsvParse::truncated). Memory: one record at a time.
template <class OnRecord>
bool parse_csv(std::string_view text, OnRecord&& on_record, char sep = ',');

/// Incremental form used by the streaming parse_csv: next() reads the next record into
/// `rec` (false at the end of the text).
class CsvCursor {
 public:
  explicit CsvCursor(std::string_view text, char sep = ',');
  bool next(CsvRecord& rec);
  bool truncated() const { return truncated_; }

 private:
  bool skip_blank_line();
  bool read_record(CsvRecord& rec);
  void consume_line_break(std::string* keep);
  void check_bytes(CsvRecord& rec, const std::string& cell);
  bool at_end() const { return pos_ >= s_.size(); }
  bool at_line_break() const { return !at_end() && (s_[pos_] == '\n' || s_[pos_] == '\r'); }

  std::string_view s_;
  char sep_ = ',';
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t width_ = 0;  // cells of the previous record: a good guess for the next
  bool truncated_ = false;
};

template <class OnRecord>
bool parse_csv(std::string_view text, OnRecord&& on_record, char sep) {
  CsvCursor cursor(text, sep);
  CsvRecord rec;
  while (cursor.next(rec)) on_record(rec);
  return cursor.truncated();
}

/// The position (0-based byte offset) of the first invalid UTF-8 sequence in `text`
/// (overlong forms, surrogates and code points above U+10FFFF are invalid), or
/// std::string_view::npos when the text is valid UTF-8. O(size of the text).
std::size_t find_invalid_utf8(std::string_view text);

/// Builds CSV text (RFC 4180) row by row into one string: the one writer of every CSV
/// output (instance files, plans, candidates). One quoting rule: a cell is quoted when it
/// holds a comma, a quote, CR or LF, or starts or ends with a space or tab (so a reader
/// that trims cells still gets it back); a quote inside is doubled. Rows end in LF.
/// Numbers are written by the caller's formatter (model/format.hpp) and passed to
/// plain(). Each row must have as many cells as the header (checked at end_row: a
/// writer that disagrees with its column list throws std::logic_error).
class CsvWriter {
 public:
  explicit CsvWriter(std::size_t reserve = 0) { out_.reserve(reserve); }

  /// The header row; fixes the number of cells of every row.
  template <class Columns>
  void header(const Columns& columns) {
    for (const auto& c : columns) text(column_name(c));
    width_ = cells_;
    end_row();
  }
  /// A text cell, quoted by the rule above.
  void text(std::string_view s);
  /// A cell that never needs quoting (a number, an id of [A-Za-z0-9_.-]), as it is.
  void plain(std::string_view s) {
    sep();
    out_.append(s);
  }
  void integer(long long v);
  void flag(bool v) { plain(v ? "1" : "0"); }
  void empty() { sep(); }
  void end_row();
  std::string& str() { return out_; }

 private:
  static std::string_view column_name(std::string_view name) { return name; }
  template <class Spec>
  static auto column_name(const Spec& spec) -> decltype(std::string_view(spec.name)) {
    return spec.name;
  }
  void sep() {
    if (cells_++ > 0) out_.push_back(',');
  }
  std::string out_;
  std::size_t cells_ = 0;   // cells in the current row
  std::size_t width_ = 0;   // cells of the header (0: no header yet)
};

/// The separators of the first record (the header) of a CSV text, counted outside quotes
/// (a leading byte-order mark and blank lines skipped). O(length of the header).
struct HeaderSeparators {
  std::size_t commas = 0;
  std::size_t semicolons = 0;
};
HeaderSeparators header_separators(std::string_view text);

/// Windows-1252 text as UTF-8. False (and `bad_offset` set to the byte) when the text
/// holds one of the five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90,
/// 0x9D). O(size of the text).
bool windows1252_to_utf8(std::string_view text, std::string& out, std::size_t& bad_offset);

/// The Damerau-Levenshtein distance of two byte strings: the fewest insertions,
/// deletions, substitutions and transpositions of adjacent bytes that turn `a` into `b`
/// (unrestricted: a transposed pair may be edited again; Lowrance-Wagner). Used for
/// near-miss column names (contract 1.1). O(|a| |b|) time and memory.
std::size_t damerau_levenshtein(std::string_view a, std::string_view b);

/// Quotes a value for a message: "..." with `"` and `\` escaped, control bytes and
/// bytes that are not part of valid UTF-8 written as \xNN (so the result is one line of
/// valid UTF-8 whatever the value), cut after `max_bytes` bytes (at a character
/// boundary) with "...".
std::string quote_value(std::string_view value, std::size_t max_bytes = 80);

}  // namespace placematch::detail
