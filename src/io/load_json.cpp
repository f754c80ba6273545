// Reading instance.json into RawTables (data contract v1, section 1): an object of
// arrays of records whose keys are the CSV column names. Located as
// `instance.json:citizens[16]: COLUMN: ...` (0-based record index).
#include <nlohmann/json.hpp>

#include "detail/csv.hpp"
#include "detail/json_text.hpp"
#include "detail/load.hpp"

namespace placematch::detail {

namespace {

std::string describe_index(const RawRecord& r) {
  // where is "FILE:table[i]": show "table[i]".
  const auto colon = r.where.rfind(':');
  return colon == std::string::npos ? r.where : r.where.substr(colon + 1);
}

// Whether a value holds a string longer than the cell limit.
bool over_cell_limit(const RawValue& v, std::size_t limit) {
  if (v.text.size() > limit) return true;
  for (const std::string& item : v.items)
    if (item.size() > limit) return true;
  return false;
}

RawValue to_raw(const nlohmann::json& v) {
  RawValue out;
  using T = RawValue::Type;
  if (v.is_null()) return out;
  if (v.is_string()) {
    out.text = v.get<std::string>();
    if (out.text.find_first_not_of(" \t") != std::string::npos) out.type = T::Text;
    return out;
  }
  if (v.is_boolean()) {
    out.type = T::Bool;
    out.text = v.get<bool>() ? "true" : "false";
    return out;
  }
  if (v.is_number()) {
    out.type = T::Number;
    out.text = v.dump();  // shortest text that reads back to the same double
    return out;
  }
  if (v.is_array()) {
    bool strings = true;
    for (const auto& item : v) strings = strings && item.is_string();
    if (strings) {
      out.type = T::List;
      for (const auto& item : v) out.items.push_back(item.get<std::string>());
      return out;
    }
  }
  out.type = T::Other;
  out.text = v.dump();
  return out;
}

std::string kind_of(const nlohmann::json& v) {
  if (v.is_object()) return "an object";
  if (v.is_array()) return "an array";
  if (v.is_string()) return "a string";
  if (v.is_number()) return "a number";
  if (v.is_boolean()) return "a boolean";
  return "null";
}

}  // namespace

void read_json_file(const std::filesystem::path& path, RawInstance& raw, DiagnosticSink& sink) {
  const std::string file = path.filename().string();
  std::string text, error;
  if (!read_whole_file(path, text, error, input_limits().file_bytes)) {
    for (RawTable& t : raw) t.complete = false;
    sink.error(-1, 0, file + ":0", "file", "cannot read the file: " + error);
    return;
  }
  read_json_text(text, file, raw, sink);
}

void read_json_text(std::string_view text, const std::string& file, RawInstance& raw, DiagnosticSink& sink) {
  const std::string whole = file + ":0";
  auto all_incomplete = [&] {
    for (RawTable& t : raw) t.complete = false;
  };
  if (text.empty()) {
    all_incomplete();
    sink.error(-1, 0, whole, "file", "empty file, expected a JSON object");
    return;
  }
  const InputLimits& limits = input_limits();
  if (text.size() > limits.file_bytes) {  // text given in memory (files are checked on reading)
    all_incomplete();
    sink.error(-1, 0, whole, "file", "larger than the limit of " + std::to_string(limits.file_bytes) + " bytes");
    return;
  }
  const JsonShape shape = json_shape(text);
  if (shape.depth > kJsonMaxDepth) {
    all_incomplete();
    sink.error(-1, 0, whole, "file", "JSON nested too deeply (more than 32 levels)");
    return;
  }
  if (shape.values > limits.json_values) {
    all_incomplete();
    sink.error(-1, 0, whole, "file",
               "more than " + with_separators(limits.json_values) + " JSON values in the file (the limit)");
    return;
  }
  nlohmann::json doc;
  try {
    // Comments are not JSON; a byte-order mark is skipped by the library.
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    all_incomplete();
    sink.error(-1, 0, whole, "file", "not valid JSON: " + printable(e.what()));
    return;
  }
  if (!doc.is_object()) {
    all_incomplete();
    sink.error(-1, 0, whole, "file", "expected a JSON object, got " + kind_of(doc));
    return;
  }
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    if (!parse_table(it.key()))
      sink.warning(-1, 0, whole, "file",
                   "unknown key " + quote_value(it.key()) + " ignored");
  }
  for (int t = 0; t < kTableCount; ++t) {
    const auto table = static_cast<Table>(t);
    const std::string name(to_string(table));
    const auto& spec = columns_of(table);
    RawTable& out = raw[static_cast<std::size_t>(t)];
    out.describe = &describe_index;
    auto found = doc.find(name);
    if (found == doc.end() || found->is_null()) {
      if (table_required(table)) {
        out.complete = false;
        sink.error(-1, 0, whole, "file", "required array " + quote_value(name) + " missing");
      }
      continue;
    }
    out.present = true;
    out.has_column.assign(spec.size(), true);
    if (!found->is_array()) {
      out.complete = false;
      sink.error(-1, 0, whole, "file",
                 quote_value(name) + ": expected an array of records, got " + kind_of(*found));
      continue;
    }
    if (found->size() > limits.records_per_file) {
      out.complete = false;
      sink.error(-1, 0, whole, "file",
                 quote_value(name) + ": more than " + with_separators(limits.records_per_file) +
                     " records (the limit)");
      continue;
    }
    std::vector<bool> warned;  // unknown keys warned about once per table
    std::vector<std::string> warned_keys;
    for (std::size_t i = 0; i < found->size(); ++i) {
      const nlohmann::json& rec = (*found)[i];
      const std::string where = file + ":" + name + "[" + std::to_string(i) + "]";
      const long order = static_cast<long>(i) + 1;
      if (!rec.is_object()) {
        sink.error(t, order, where, "row", "expected a record (a JSON object), got " + kind_of(rec));
        out.complete = false;
        continue;
      }
      RawRecord r;
      r.where = where;
      r.order = order;
      r.values.resize(spec.size());
      bool oversize = false;
      for (auto kv = rec.begin(); kv != rec.end(); ++kv) {
        const int c = column_index(table, kv.key());
        if (c < 0) {
          bool seen = false;
          for (const auto& k : warned_keys) seen = seen || k == kv.key();
          if (!seen) {
            warned_keys.push_back(kv.key());
            // An empty key is named as such: a diagnostic's column is never empty.
            sink.warning(t, order, where, kv.key().empty() ? std::string("\"\"") : printable(kv.key()),
                         "unknown key, ignored");
          }
          continue;
        }
        RawValue v = to_raw(kv.value());
        if (over_cell_limit(v, limits.cell_bytes)) {
          // Like a CSV cell over the limit: the record is reported, not kept.
          sink.error(t, order, where, std::string(kv.key()),
                     "value longer than the limit of " + with_separators(limits.cell_bytes) + " bytes");
          oversize = true;
          continue;
        }
        r.values[static_cast<std::size_t>(c)] = std::move(v);
      }
      if (oversize) out.complete = false;  // its id is unknown: references to it are not errors
      else out.records.push_back(std::move(r));
    }
  }
}

}  // namespace placematch::detail
