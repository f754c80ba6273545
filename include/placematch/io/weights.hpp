#pragma once
// placematch/io/weights.hpp — reading the scoring weights a consultant sets (a JSON object
// such as {"distance": 0.3, "priority": 0.2}; keys not given keep their defaults).
//
// Every problem is collected and located as `FILE: KEY: message` (InputError holds them
// all): unreadable or malformed JSON, an unknown key, a weight that is not a number or
// is negative, weights that are all zero. O(size of the file).
//
// Usage:
//   placematch::ScoreWeights w = placematch::load_weights("weights.json");
#include <filesystem>
#include <string_view>

#include "placematch/model/weights.hpp"

namespace placematch {

/// Reads weights from a JSON file. Throws InputError (model/diagnostics.hpp).
ScoreWeights load_weights(const std::filesystem::path& file);
/// The same on JSON text already in memory; `name` is used in the messages.
ScoreWeights parse_weights(std::string_view json_text, std::string_view name);

}  // namespace placematch
