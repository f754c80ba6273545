#pragma once
// src/detail/json_text.hpp — guards and message helpers shared by the JSON readers
// (instance.json, the weights file, an earlier plan) (internal).
//
// The JSON library is given only text whose nesting and size are bounded (its
// serialisation is recursive), and nothing it says — nor a key or a value of the file —
// reaches a message unless made one line of printable text first.
#include <cstddef>
#include <string>
#include <string_view>

namespace placematch::detail {

/// The deepest nesting of arrays and objects and an upper bound on the number of values
/// (one per opening bracket and comma, plus one), counted without parsing (strings
/// skipped). O(size of the text).
struct JsonShape {
  std::size_t depth = 0;
  std::size_t values = 1;
};
JsonShape json_shape(std::string_view text);

/// The deepest nesting any JSON reader accepts (instance.json needs 3).
inline constexpr std::size_t kJsonMaxDepth = 32;

/// Text safe for a one-line message: printable ASCII kept, every other byte as '?';
/// cut after `max_bytes` bytes with "...".
std::string printable(std::string_view text, std::size_t max_bytes = 200);

/// The JSON library's message (an exception's what()) without its "[json.exception...]"
/// prefix and position, made printable.
std::string json_library_words(std::string_view what);

/// A parse error of the JSON library as one line of printable text: "line L, column C:
/// syntax error ..." (the line and column of the byte where parsing stopped, then the
/// library's own words). `byte` is the library's 1-based position of that byte.
/// O(byte).
std::string json_error_text(std::string_view text, std::size_t byte, std::string_view what);

}  // namespace placematch::detail
