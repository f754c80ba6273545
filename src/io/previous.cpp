// Reading an earlier plan (a result JSON of format /1 or /2) for re-planning.
#include "placematch/io/previous.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "placematch/model/diagnostics.hpp"

namespace placematch {

namespace {

[[noreturn]] void fail(std::string_view name, std::string message) {
  throw InputError({{std::string(name) + ":0", "file", std::move(message)}});
}

// An id as the contract writes it: a non-empty string.
std::string id_at(const nlohmann::json& row, const char* key, std::size_t index, std::string_view name) {
  auto it = row.find(key);
  if (it == row.end() || !it->is_string() || it->get_ref<const std::string&>().empty())
    fail(name, "placements[" + std::to_string(index) + "]." + key + ": expected an id (a string)");
  return it->get<std::string>();
}

}  // namespace

PreviousPlan parse_previous_plan(std::string_view text, std::string_view name) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    fail(name, std::string("not a result JSON (") + (text.empty() ? "empty file" : "invalid or truncated JSON") +
                   ")");
  }
  if (!doc.is_object()) fail(name, "not a result JSON (expected an object)");
  auto format = doc.find("format");
  if (format == doc.end() || !format->is_string())
    fail(name, "not a result JSON (no \"format\"; expected \"placematch-result/1\" or \"placematch-result/2\")");
  const std::string f = format->get<std::string>();
  if (f != "placematch-result/1" && f != "placematch-result/2")
    fail(name, "format \"" + f + "\" is not a plan; expected \"placematch-result/1\" or \"placematch-result/2\"");
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
    if (auto m = row.find("mentor"); m != row.end() && !m->is_null()) {
      if (!m->is_string()) fail(name, "placements[" + std::to_string(i) + "].mentor: expected an id or null");
      e.mentor = m->get<std::string>();
    }
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
  std::ifstream in(file, std::ios::binary);
  if (!in) fail(name, "cannot be read");
  std::ostringstream buf;
  buf << in.rdbuf();
  return parse_previous_plan(buf.str(), name);
}

}  // namespace placematch
