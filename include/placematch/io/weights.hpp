#pragma once
// placematch/io/weights.hpp — reading the scoring weights a consultant sets (a JSON object
// such as {"distance": 0.3, "priority": 0.2}; keys not given keep their defaults).
//
// Every problem is collected and located (InputError holds them all), each one line of
// valid UTF-8 whatever the file holds: `FILE:0: KEY: message` for a weight that is not a
// number, is negative or is given twice; `FILE:0: file: message` for an unknown key
// (quoted and escaped in the message; the column when it looks like a name), weights
// that are all zero, a file over 1 MiB, nesting deeper than 32 levels, not an object, or
// malformed JSON (`FILE:0: file: malformed JSON at line L, column C: ...`).
// O(size of the file).
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
