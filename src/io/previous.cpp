// Reading an earlier plan (a result JSON of format /1 or /2) for re-planning.
#include "placematch/io/previous.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "detail/csv.hpp"
#include "detail/json_text.hpp"
#include "detail/limits.hpp"
#include "detail/load.hpp"
#include "placematch/model/diagnostics.hpp"

namespace placematch {

namespace {

[[noreturn]] void fail(std::string_view name, std::string message) {
  throw InputError({{std::string(name) + ":0", "file", std::move(message)}});
}

// An id as the contract writes it (1-64 characters A-Z a-z 0-9 _ . -): a plan placematch
// wrote holds no other, and the ids are shown again (as `gone` changes).
std::string id_at(const nlohmann::json& row, const char* key, std::size_t index, std::string_view name) {
  const std::string at = "placements[" + std::to_string(index) + "]." + key;
  auto it = row.find(key);
  if (it == row.end() || !it->is_string()) fail(name, at + ": expected an id (a string)");
  const auto& id = it->get_ref<const std::string&>();
  if (!detail::valid_token(id))
    fail(name, at + ": expected an id of 1-64 characters A-Z a-z 0-9 _ . -, got " + detail::quote_value(id, 40));
  return id;
}

}  // namespace

PreviousPlan parse_previous_plan(std::string_view text, std::string_view name) {
  // Bounded before parsing (the JSON library's serialisation recurses); a result is 4 deep.
  // The number of values is bounded as in instance.json (the document tree's memory).
  const detail::JsonShape shape = detail::json_shape(text);
  if (shape.depth > detail::kJsonMaxDepth)
    fail(name, "not a result JSON (nested more than " + std::to_string(detail::kJsonMaxDepth) + " levels)");
  if (shape.values > detail::input_limits().json_values)
    fail(name, "more than " + detail::with_separators(detail::input_limits().json_values) +
                   " JSON values in the file (the limit)");
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    if (text.empty()) fail(name, "not a result JSON (empty file)");
    fail(name, "not a result JSON (invalid or truncated JSON at " + detail::json_error_text(text, e.byte, e.what()) + ")");
  } catch (const nlohmann::json::exception& e) {  // e.g. a number too large for a double
    fail(name, "not a result JSON (" + detail::json_library_words(e.what()) + ")");
  }
  if (!doc.is_object()) fail(name, "not a result JSON (expected an object)");
  auto format = doc.find("format");
  if (format == doc.end() || !format->is_string())
    fail(name, "not a result JSON (no \"format\"; expected \"placematch-result/1\" or \"placematch-result/2\")");
  const std::string f = format->get<std::string>();
  if (f != "placematch-result/1" && f != "placematch-result/2")
    fail(name, "format " + detail::quote_value(f, 40) +
                   " is not a plan; expected \"placematch-result/1\" or \"placematch-result/2\"");
  auto placements = doc.find("placements");
  if (placements == doc.end() || !placements->is_array()) fail(name, "\"placements\": expected an array");
  PreviousPlan out;
  out.source = std::string(name);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < placements->size(); ++i) {
    const auto& row = (*placements)[i];
    if (!row.is_object()) fail(name, "placements[" + std::to_string(i) + "]: expected an object");
    PreviousPlan::Entry e;
    e.citizen = id_at(row, "citizen", i, name);
    e.opening = id_at(row, "opening", i, name);
    if (auto m = row.find("mentor"); m != row.end() && !m->is_null()) e.mentor = id_at(row, "mentor", i, name);
    if (!seen.insert(e.citizen).second)
      fail(name, "placements[" + std::to_string(i) + "]: citizen \"" + e.citizen + "\" is placed twice");
    out.placements.push_back(std::move(e));
  }
  return out;
}

PreviousPlan read_previous_plan(const std::filesystem::path& file) {
  const std::string name = file.filename().string();
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) fail(name, "is a folder, expected a result JSON file");
  std::string text, error;
  // A result of the largest instance the limits allow stays far below an instance file's limit.
  if (!detail::read_whole_file(file, text, error, detail::input_limits().file_bytes))
    fail(name, "cannot be read (" + error + ")");
  return parse_previous_plan(text, name);
}

}  // namespace placematch
