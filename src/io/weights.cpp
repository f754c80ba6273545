// Reading scoring weights (see weights.hpp).
#include "placematch/io/weights.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "detail/csv.hpp"
#include "detail/json_text.hpp"
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

// A JSON value for a message: one line of ASCII (the library escapes control and
// non-ASCII characters), cut when long.
std::string shown(const nlohmann::json& value) {
  return detail::printable(value.dump(-1, ' ', /*ensure_ascii=*/true), 40);
}
}  // namespace

ScoreWeights parse_weights(std::string_view json_text, std::string_view name) {
  Diagnostics errors;
  const std::string where = std::string(name) + ":0";  // file-level: FILE:0
  // Bounded before parsing: the JSON library's serialisation (used for messages) recurses.
  const detail::JsonShape shape = detail::json_shape(json_text);
  if (shape.depth > detail::kJsonMaxDepth)
    throw InputError({{where, "file", "JSON nested too deeply (more than " +
                                          std::to_string(detail::kJsonMaxDepth) + " levels)"}});
  nlohmann::json doc;
  std::set<std::string> keys, twice;  // the object's keys, and those given more than once
  const auto note_keys = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    if (event == nlohmann::json::parse_event_t::key && depth == 1) {
      const auto& key = parsed.get_ref<const std::string&>();
      if (!keys.insert(key).second) twice.insert(key);
    }
    return true;
  };
  try {
    doc = nlohmann::json::parse(json_text.begin(), json_text.end(), note_keys);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError({{where, "file", "malformed JSON at " + detail::json_error_text(json_text, e.byte, e.what())}});
  } catch (const nlohmann::json::exception& e) {  // e.g. a number literal too large for a double
    throw InputError({{where, "file", "malformed JSON: " + detail::json_library_words(e.what())}});
  }
  if (!doc.is_object())
    throw InputError({{where, "file", "expected a JSON object of weights, such as {\"distance\": 0.2}"}});
  ScoreWeights w;
  for (const auto& [key, value] : doc.items()) {
    const std::optional<ScoreComponentKind> kind = parse_score_component(key);
    if (!kind) {
      // The key may hold any character: the column only when it looks like a name.
      errors.push_back({where, detail::valid_token(key) ? key : "file",
                        "unknown weight " + detail::quote_value(key, 40) + ", expected one of " + component_names()});
      continue;
    }
    if (twice.count(key)) {  // the JSON library keeps the last value silently
      errors.push_back({where, key, "weight given twice"});
      continue;
    }
    const std::string column(to_string(*kind));
    if (!value.is_number()) {
      errors.push_back({where, column, "expected a number >= 0, got " + shown(value)});
      continue;
    }
    const double x = value.get<double>();
    if (!std::isfinite(x)) {  // a literal too large for a double
      errors.push_back({where, column, "expected a number >= 0, got a number too large"});
      continue;
    }
    if (!(x >= 0)) {
      errors.push_back({where, column, "expected a number >= 0, got " + shown(value)});
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
