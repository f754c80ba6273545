// Fuzz target: the weights file (parse_weights). Whatever the bytes it returns weights
// that are finite, >= 0 and not all zero, or throws InputError with located problems —
// nothing else.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "placematch/io/weights.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const placematch::ScoreWeights w = placematch::parse_weights(text, "w.json");
    const double all[] = {w.competence, w.distance, w.hours, w.interest, w.priority, w.mentor_language};
    double sum = 0;
    for (double x : all) {
      pmfuzz::require(std::isfinite(x) && x >= 0, "a weight negative or not finite");
      sum += x;
    }
    pmfuzz::require(sum > 0, "all weights zero accepted");
  } catch (const placematch::InputError& e) {
    pmfuzz::require(!e.errors().empty(), "InputError without errors");
    for (const auto& d : e.errors()) pmfuzz::require_located(d);
  }
  return 0;
}
