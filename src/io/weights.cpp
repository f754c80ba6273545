// Reading scoring weights (see weights.hpp).
#include "placematch/io/weights.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "detail/load.hpp"
#include "placematch/model/diagnostics.hpp"

namespace placematch {

namespace {
// "competence, distance, ..., mentor_language"
std::string component_names() {
  std::string out;
  for (int i = 0; i < kScoreComponentCount; ++i) {
    if (i > 0) out += ", ";
    out += to_string(static_cast<ScoreComponentKind>(i));
  }
  return out;
}
}  // namespace

ScoreWeights parse_weights(std::string_view json_text, std::string_view name) {
  Diagnostics errors;
  const std::string where = std::string(name) + ":0";  // file-level: FILE:0
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json_text.begin(), json_text.end());
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError({{where, "file", std::string("malformed JSON: ") + e.what()}});
  }
  if (!doc.is_object())
    throw InputError({{where, "file", "expected a JSON object of weights, such as {\"distance\": 0.2}"}});
  ScoreWeights w;
  for (const auto& [key, value] : doc.items()) {
    const std::optional<ScoreComponentKind> kind = parse_score_component(key);
    if (!kind) {
      errors.push_back({where, key, "unknown weight, expected one of " + component_names()});
      continue;
    }
    if (!value.is_number()) {
      errors.push_back({where, key, "expected a number >= 0, got " + value.dump()});
      continue;
    }
    const double x = value.get<double>();
    if (!(x >= 0) || !std::isfinite(x)) {  // inverted to catch NaN
      errors.push_back({where, key, "expected a number >= 0, got " + value.dump()});
      continue;
    }
    w[*kind] = x;
  }
  if (errors.empty()) {
    double total = 0;
    for (int i = 0; i < kScoreComponentCount; ++i) total += w[static_cast<ScoreComponentKind>(i)];
    if (!(total > 0)) errors.push_back({where, "file", "all weights are zero"});
  }
  if (!errors.empty()) throw InputError(std::move(errors));
  return w;
}

ScoreWeights load_weights(const std::filesystem::path& file) {
  const std::string name = file.filename().string();
  std::string text, error;
  if (!detail::read_whole_file(file, text, error, detail::input_limits().side_file_bytes))
    throw InputError({{name + ":0", "file", "cannot read the weights file " + file.string() + ": " + error}});
  return parse_weights(text, name);
}

}  // namespace placematch
