// The JSON readers' shared guards and message helpers (see detail/json_text.hpp).
#include "detail/json_text.hpp"

#include <algorithm>

namespace placematch::detail {

JsonShape json_shape(std::string_view text) {
  JsonShape shape;
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      shape.depth = std::max(shape.depth, ++depth);
      ++shape.values;
    } else if (c == ',') {
      ++shape.values;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return shape;
}

std::string printable(std::string_view text, std::size_t max_bytes) {
  std::string out;
  for (char c : text.substr(0, max_bytes)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u < 0x7F) ? c : '?';
  }
  if (text.size() > max_bytes) out += "...";
  return out;
}

std::string json_library_words(std::string_view what) {
  // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
  // -> "syntax error ...": callers give the position themselves.
  std::string_view words = what;
  if (const auto close = words.find("] "); close != std::string_view::npos) words.remove_prefix(close + 2);
  if (words.substr(0, 14) == "parse error at")
    if (const auto colon = words.find(": "); colon != std::string_view::npos) words.remove_prefix(colon + 2);
  return printable(words);
}

std::string json_error_text(std::string_view text, std::size_t byte, std::string_view what) {
  // The library counts the byte it stopped at from 1; past the end when the text ended early.
  const std::size_t at = std::min(byte > 0 ? byte - 1 : 0, text.size());
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < at; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return "line " + std::to_string(line) + ", column " + std::to_string(at - line_start + 1) + ": " +
         json_library_words(what);
}

}  // namespace placematch::detail
