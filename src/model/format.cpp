// Writing numbers as text (see format.hpp).
#include "placematch/model/format.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

namespace placematch {

namespace {
// Drops the sign of a text that shows only zeros ("-0", "-0.000").
void drop_negative_zero(std::string& s) {
  if (!s.empty() && s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
}
}  // namespace

std::string format_fixed(double value, int decimals) {
  const double f = std::pow(10.0, decimals);
  const double r = std::round(value * f);  // half away from zero
  char buf[352];  // %.17f of the largest double fits
  std::snprintf(buf, sizeof buf, "%.*f", decimals, r / f);
  std::string s = buf;
  drop_negative_zero(s);
  return s;
}

std::string format_millionths(std::int64_t value) {
  const bool neg = value < 0;
  const std::uint64_t v = neg ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%llu.%06llu", neg ? "-" : "", static_cast<unsigned long long>(v / 1000000),
                static_cast<unsigned long long>(v % 1000000));
  return buf;
}

std::string format_short(double value, int max_decimals) {
  std::string s = format_fixed(value, max_decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  drop_negative_zero(s);
  return s;
}

std::string format_shortest(double value) {
  if (value == 0) value = 0;  // -0 -> 0
  char buf[400];
  auto fixed = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
  if (fixed.ec == std::errc() && fixed.ptr - buf < 25) return std::string(buf, fixed.ptr);
  auto general = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, general.ptr);
}

}  // namespace placematch
