// The RFC 4180 CSV reader of src/detail/csv.hpp: one pass over the text.
#include "detail/csv.hpp"

#include <charconv>
#include <stdexcept>
#include <string>

#include "detail/limits.hpp"

#include <cstdio>

namespace placematch::detail {

std::size_t find_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // no overlong forms
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // no overlong forms
      if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
      return i;
    }
    if (i + len > n) return i;
    if (s[i + 1] < lo || s[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string quote_value(std::string_view value, std::size_t max_bytes) {
  std::string out = "\"";
  std::size_t end = value.size();
  bool cut = false;
  if (end > max_bytes) {
    end = max_bytes;
    // Do not cut inside a UTF-8 sequence (at most 3 bytes back: a longer run of
    // continuation bytes is not UTF-8 and is escaped anyway).
    for (int k = 0; k < 3 && end > 0 && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80; ++k) --end;
    cut = true;
  }
  for (std::size_t i = 0; i < end; ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else if (c >= 0x80) {
      // A whole valid UTF-8 sequence is kept; any other byte is written as \xNN, so the
      // message stays valid UTF-8 whatever the value holds.
      std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      if (i + len > end || find_invalid_utf8(value.substr(i, len)) != std::string_view::npos) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02X", c);
        out += buf;
      } else {
        out.append(value.substr(i, len));
        i += len - 1;
      }
    } else {
      out += static_cast<char>(c);
    }
  }
  if (cut) out += "...";
  out += '"';
  return out;
}

HeaderSeparators header_separators(std::string_view s) {
  HeaderSeparators out;
  std::size_t i = s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  // Skip blank lines (only spaces and tabs).
  for (;;) {
    std::size_t p = i;
    while (p < s.size() && (s[p] == ' ' || s[p] == '\t')) ++p;
    if (p < s.size() && (s[p] == '\n' || s[p] == '\r')) {
      i = p + 1;
      continue;
    }
    break;
  }
  bool quoted = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') quoted = !quoted;  // "" inside quotes toggles twice
    else if (!quoted && (c == '\n' || c == '\r')) break;
    else if (!quoted && c == ',') ++out.commas;
    else if (!quoted && c == ';') ++out.semicolons;
  }
  return out;
}

bool windows1252_to_utf8(std::string_view text, std::string& out, std::size_t& bad_offset) {
  // 0x80-0x9F; 0 marks the five undefined bytes. 0xA0-0xFF are U+00A0-U+00FF.
  static constexpr char16_t kHigh[32] = {
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  out.clear();
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    unsigned cp = c;
    if (c >= 0x80 && c < 0xA0) {
      cp = kHigh[c - 0x80];
      if (cp == 0) {
        bad_offset = i;
        return false;
      }
    }
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return true;
}

CsvCursor::CsvCursor(std::string_view text, char sep) : s_(text), sep_(sep) {
  if (s_.size() >= 3 && s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

bool CsvCursor::next(CsvRecord& rec) {
  rec.cells.clear();
  rec.problem.reset();
  while (!truncated_ && pos_ < s_.size()) {
    if (skip_blank_line()) continue;
    rec.line = line_;
    rec.cells.reserve(width_);
    truncated_ = read_record(rec);
    width_ = rec.cells.size();
    return true;
  }
  return false;
}

CsvParse parse_csv(std::string_view text, char sep) {
  CsvParse out;
  out.truncated = parse_csv(text, [&](CsvRecord& rec) { out.records.push_back(std::move(rec)); }, sep);
  return out;
}

// Consumes one line break (LF, CRLF or CR) at pos_, appending it to `keep` if given.
void CsvCursor::consume_line_break(std::string* keep) {
  if (s_[pos_] == '\r') {
    if (keep) *keep += '\r';
    ++pos_;
    if (!at_end() && s_[pos_] == '\n') {
      if (keep) *keep += '\n';
      ++pos_;
    }
  } else {
    if (keep) *keep += '\n';
    ++pos_;
  }
  ++line_;
}

// Skips a line that is empty or holds only spaces and tabs. True when one was skipped.
bool CsvCursor::skip_blank_line() {
  std::size_t p = pos_;
  while (p < s_.size() && (s_[p] == ' ' || s_[p] == '\t')) ++p;
  if (p < s_.size() && s_[p] != '\n' && s_[p] != '\r') return false;
  pos_ = p;
  if (!at_end()) consume_line_break(nullptr);
  return true;
}

namespace {
void note(CsvRecord& rec, std::string message) {
  if (!rec.problem) rec.problem = CsvProblem{rec.cells.size(), std::move(message)};
}
}  // namespace

// Reads one record starting at pos_ (not at a blank line). Returns true when an
// unterminated quote ran to the end of the text.
bool CsvCursor::read_record(CsvRecord& rec) {
  const InputLimits& limits = input_limits();
  const std::size_t record_start = pos_;
  // Past a limit the record keeps being read (so the next one starts at the right
  // place) but what is kept stays bounded: an over-long cell is emptied, cells past the
  // limit are dropped.
  auto keep = [&](std::string& cell) {
    if (cell.size() > limits.cell_bytes) {
      note(rec, "cell longer than the limit of " + with_separators(limits.cell_bytes) + " bytes");
      cell.clear();
      cell.shrink_to_fit();
    } else {
      check_bytes(rec, cell);
    }
    if (rec.cells.size() >= limits.cells_per_record) {
      note(rec, "more than " + with_separators(limits.cells_per_record) +
                    " cells in one record (the limit)");
      return;
    }
    rec.cells.push_back(std::move(cell));
  };
  auto record_end = [&] {
    if (pos_ - record_start > limits.record_bytes)
      note(rec, "record longer than the limit of " + with_separators(limits.record_bytes) + " bytes");
  };
  for (;;) {
    std::string cell;
    // Spaces before an opening quote are allowed (cells are trimmed anyway).
    std::size_t p = pos_;
    while (p < s_.size() && (s_[p] == ' ' || s_[p] == '\t')) ++p;
    if (p < s_.size() && s_[p] == '"') {
      const std::size_t open_line = line_;
      pos_ = p + 1;
      bool closed = false;
      while (!at_end()) {
        const char c = s_[pos_];
        if (c == '"') {
          if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '"') {
            cell += '"';
            pos_ += 2;
          } else {
            ++pos_;
            closed = true;
            break;
          }
        } else if (c == '\n' || c == '\r') {
          consume_line_break(&cell);
        } else {
          // Copy the run up to the next quote or line break at once.
          const std::size_t start = pos_;
          while (!at_end() && s_[pos_] != '"' && s_[pos_] != '\n' && s_[pos_] != '\r') ++pos_;
          cell.append(s_.data() + start, pos_ - start);
        }
      }
      if (!closed) {
        note(rec, "unterminated quoted cell (the quote opens on line " +
                      std::to_string(open_line) + ")");
        keep(cell);
        record_end();
        return true;
      }
      // After the closing quote: spaces, then a separator, a line end or the end.
      while (!at_end() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
      if (!at_end() && s_[pos_] != sep_ && !at_line_break()) {
        std::size_t q = pos_;
        while (q < s_.size() && s_[q] != sep_ && s_[q] != '\n' && s_[q] != '\r') ++q;
        note(rec, "characters after a closing quote: " +
                      quote_value(s_.substr(pos_, q - pos_), 40));
        pos_ = q;  // skip the junk up to the end of the cell
      }
    } else {
      const std::size_t start = pos_;
      while (!at_end() && s_[pos_] != sep_ && !at_line_break()) ++pos_;
      cell.assign(s_.data() + start, pos_ - start);
    }
    keep(cell);
    if (at_end()) {
      record_end();
      return false;
    }
    if (s_[pos_] == sep_) {
      ++pos_;
      continue;
    }
    consume_line_break(nullptr);
    record_end();
    return false;
  }
}

void CsvCursor::check_bytes(CsvRecord& rec, const std::string& cell) {
  if (rec.problem) return;
  const std::size_t bad = find_invalid_utf8(cell);
  if (bad != std::string_view::npos) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned char>(cell[bad]));
    note(rec, std::string("invalid UTF-8 (byte ") + buf + " at byte " + std::to_string(bad + 1) +
                  " of the cell)");
    return;
  }
  const std::size_t nul = cell.find('\0');
  if (nul != std::string::npos)
    note(rec, "NUL byte in the cell (at byte " + std::to_string(nul + 1) + ")");
}

// ---------------------------------------------------------------- writing

void CsvWriter::text(std::string_view s) {
  sep();
  bool quote = !s.empty() && (s.front() == ' ' || s.front() == '\t' || s.back() == ' ' || s.back() == '\t');
  if (!quote) quote = s.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out_.append(s);
    return;
  }
  out_.push_back('"');
  for (char ch : s) {
    if (ch == '"') out_.push_back('"');
    out_.push_back(ch);
  }
  out_.push_back('"');
}

void CsvWriter::integer(long long v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  plain(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
}

void CsvWriter::end_row() {
  if (width_ != 0 && cells_ != width_)
    throw std::logic_error("CsvWriter: a row of " + std::to_string(cells_) + " cells under a header of " +
                           std::to_string(width_));
  out_.push_back('\n');
  cells_ = 0;
}

}  // namespace placematch::detail
