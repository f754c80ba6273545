#pragma once
// src/detail/index.hpp — indexing a std::vector with the library's signed index types
// (Index, ArcIndex; internal). at(i) is the one place the sign conversion is written.
#include <cstddef>
#include <cstdint>

namespace placematch::detail {

/// `i` as a vector subscript; `i` must be >= 0 (every caller has checked or built it so).
constexpr std::size_t at(std::int64_t i) { return static_cast<std::size_t>(i); }

}  // namespace placematch::detail
