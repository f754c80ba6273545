#pragma once
// placematch/io/previous.hpp — reading an earlier plan for re-planning (contract section 7).
//
// An earlier plan is the result JSON of `placematch match --json` in either format,
// "placematch-result/1" or "placematch-result/2", possibly of another instance: only its
// placements are read (citizen, opening, and the mentor when named); every other key is
// ignored. Ids are kept as strings, so ids that are no longer in the instance can still be
// reported (as `gone` changes) instead of rejected. A file that is not such a result
// (unreadable, not JSON, truncated, another format, wrong types, an id that is not one of
// the contract's — 1-64 characters A-Z a-z 0-9 _ . - — a citizen placed twice, over the
// limits of an instance.json: 256 MiB, 20,000,000 JSON values, 32 levels of nesting) is
// an input error located at the file, one line of valid UTF-8 whatever the file holds:
// `plan.json:0: file: MESSAGE`. O(file size).
//
// Usage:
//   placematch::PreviousPlan before = placematch::read_previous_plan("plan.json");  // throws InputError
//   placematch::Planner planner(instance);
//   auto replanned = planner.replan(before);
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace placematch {

/// The placements of an earlier plan, in the file's order.
struct PreviousPlan {
  struct Entry {
    std::string citizen;
    std::string opening;
    std::optional<std::string> mentor;  // absent or null in the file: none
  };
  std::vector<Entry> placements;
  std::string source;  // the file name used in messages ("plan.json")
};

/// Parses the text of a result JSON; `name` locates the messages. Throws InputError
/// (one diagnostic `name:0: file: ...`) when the text is not a result of format /1 or /2.
PreviousPlan parse_previous_plan(std::string_view json_text, std::string_view name);

/// Reads and parses a result JSON file; the file's name (without folders) locates the
/// messages. Throws InputError when it cannot be read or parsed.
PreviousPlan read_previous_plan(const std::filesystem::path& file);

}  // namespace placematch
