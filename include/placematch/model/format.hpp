#pragma once
// placematch/model/format.hpp — how numbers are written as text, in every output and
// message (one set of rules for the whole library).
//
// Rules: rounding is half away from zero; a value that rounds to zero is written without
// a sign ("0.000", never "-0.000"); no thousands separators; '.' as the decimal point
// whatever the C locale. Each function is O(1).
//
// Usage:
//   placematch::format_fixed(3.14159, 3);      // "3.142"
//   placematch::format_millionths(812345);     // "0.812345"
//   placematch::format_short(7.5);             // "7.5"
//   placematch::format_shortest(0.1);          // "0.1"
#include <cstdint>
#include <string>

namespace placematch {

/// `value` with exactly `decimals` (0-17) decimals.
std::string format_fixed(double value, int decimals);

/// A score in millionths with exactly 6 decimals ("0.812345"), exact (integer arithmetic).
std::string format_millionths(std::int64_t value);

/// `value` rounded to at most `max_decimals` decimals, trailing zeros (and a trailing
/// '.') dropped: "5", "7.5", "0.125". For numbers in sentences.
std::string format_short(double value, int max_decimals = 3);

/// The shortest text that reads back to exactly `value` ("20000", "0.5", "1000000"):
/// plain decimal notation, or scientific ("1e-300") when that is shorter than 25
/// characters and the plain one is not. For data written to be read back.
std::string format_shortest(double value);

}  // namespace placematch
