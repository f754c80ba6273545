#pragma once
// The tests' own random numbers: the same sequence on every standard library.
//
// std::mt19937_64's output is fixed by the C++ standard, but the distributions
// (std::uniform_int_distribution, ...) are not: their numbers differ between libstdc++,
// libc++ and MSVC, so a test's random instances would differ too. Rng draws from
// mt19937_64 and maps the numbers itself: integer(a, b) by modulo (a bias of at most
// (b - a + 1) / 2^64, irrelevant for tests), uniform(a, b) from the top 53 bits.
#include <cstdint>
#include <random>

namespace pmtest {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : g_(seed) {}
  /// A double in [a, b).
  double uniform(double a, double b) {
    return a + (b - a) * static_cast<double>(g_() >> 11) * (1.0 / 9007199254740992.0);
  }
  /// An integer in [a, b], both inclusive.
  int integer(int a, int b) {
    return a + static_cast<int>(g_() % static_cast<std::uint64_t>(b - a + 1));
  }
  /// True with probability p.
  bool chance(double p) { return uniform(0, 1) < p; }
  /// The raw 64-bit output.
  std::uint64_t next() { return g_(); }

 private:
  std::mt19937_64 g_;
};

}  // namespace pmtest
