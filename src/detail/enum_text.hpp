#pragma once
// src/detail/enum_text.hpp — reading an enum back from its printable name (internal).
//
// Every public enum has `std::string_view to_string(E)` written as a switch without a
// default (so -Wswitch names a missing case); parse_enum inverts it by trying each
// value in turn, so the names are written once. O(count x name length).
#include <cstddef>
#include <optional>
#include <string_view>

namespace placematch::detail {

inline bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

/// The value of E (0 .. count-1) whose to_string is `text` (exact, or ignoring ASCII
/// case when asked), or nullopt.
template <class E>
std::optional<E> parse_enum(std::string_view text, int count, bool ignore_case = false) {
  for (int i = 0; i < count; ++i) {
    const E e = static_cast<E>(i);
    const std::string_view name = to_string(e);
    if (ignore_case ? equal_ignoring_ascii_case(name, text) : name == text) return e;
  }
  return std::nullopt;
}

}  // namespace placematch::detail
