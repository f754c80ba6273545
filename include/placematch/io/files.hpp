#pragma once
// placematch/io/files.hpp — reading and writing instances (data contract v1, section 1).
//
// An instance is a folder of CSV files (RFC 4180) or one `instance.json` (its path, or a
// folder holding it). Loading validates everything once, collecting every problem with
// its location; an Instance that loads without errors is trusted by the rest of the
// library. Loading is O(size of the input). Input files are never modified; writers
// write to a temporary file and rename it, so an output is complete or absent.
// References: RFC 4180 (CSV), RFC 8259 (JSON).
//
// Usage:
//   placematch::LoadResult r = placematch::load_instance("data/sonderborg");
//   if (!r.ok()) for (const auto& d : r.errors) std::cerr << d.str() << '\n';
//   placematch::write_instance_json(*r.instance, "copy.json");
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "placematch/model/diagnostics.hpp"
#include "placematch/model/instance.hpp"

namespace placematch {

struct LoadResult {
  std::optional<Instance> instance;  // set when there are no errors
  Diagnostics errors;                // input errors: the instance is rejected
  Diagnostics warnings;              // e.g. unknown columns (ignored)
  bool ok() const { return errors.empty() && instance.has_value(); }
};

/// Reads an instance from a CSV folder, an instance.json file, or a folder holding one.
/// Never throws for bad input: problems are in `errors`.
///
/// Every problem is collected (a bad row does not stop the others from being checked),
/// located as the contract's section 6 says (`citizens.csv:17` / `instance.json:
/// citizens[16]`, a column name, `row` or `file`) and sorted by file (areas, citizens,
/// companies, mentors, openings, decisions, target_groups) then by line. Unknown columns
/// are `warnings`. On success the instance is finalized (Instance::finalize). Decisions
/// are checked for existing ids, mentors and repeated pairs only; whether pins keep the
/// hard rules and capacities is checked later, by the rules. O(size of the input).
LoadResult load_instance(const std::filesystem::path& path);

/// Reads an instance from the text of an instance.json (e.g. built by another program in
/// memory), with the same checks and messages as load_instance, located as `name`
/// (`instance.json:citizens[16]: ...`). Never throws for bad input. O(size of the text).
LoadResult load_instance_json_text(std::string_view text, const std::string& name = "instance.json");

/// Like load_instance, but returns the instance or throws InputError holding every error
/// (warnings are dropped). For callers that treat bad input as fatal.
Instance load_instance_or_throw(const std::filesystem::path& path);

/// Writes an instance as a CSV folder in the contract's format (creating `dir`).
void write_instance_csv(const Instance& instance, const std::filesystem::path& dir);
/// Writes an instance as one instance.json file.
void write_instance_json(const Instance& instance, const std::filesystem::path& file);
/// The text of that instance.json (load_instance_json_text reads it back). O(instance).
std::string instance_json_text(const Instance& instance);

/// Writes `content` to `path` atomically (temporary file in the same folder, then
/// rename). Throws std::runtime_error when the file cannot be written.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace placematch
