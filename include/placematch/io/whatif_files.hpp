#pragma once
// placematch/io/whatif_files.hpp — the input files of `placematch whatif` (data contract
// v2, section 10): a file of proposed openings and a file of courses.
//
// Both are read with the instance loader's own CSV reader and value checks (one parser),
// every problem located as `FILE:LINE: COLUMN: message` and collected, never only the
// first. O(size of the file) (the openings: plus one more read of the instance).
// Usage:
//   auto ext = placematch::load_instance_with_openings("data/sonderborg", "proposed.csv");
//   if (!ext.ok()) { /* ext.errors */ }  // ext.instance: today's openings, then the proposed
//   auto courses = placematch::load_courses("courses.csv", *ext.instance);
#include <filesystem>
#include <string>
#include <vector>

#include "placematch/io/files.hpp"
#include "placematch/model/diagnostics.hpp"
#include "placematch/model/instance.hpp"

namespace placematch {

/// The instance at `instance_path` with the openings of `openings_file` (openings.csv
/// columns) appended after today's openings, in the file's order. Their ids must be new
/// (an id of today's openings, or one given twice, is an error at the proposed line) and
/// their companies must exist; every other value is checked as in openings.csv. The
/// proposed openings are instance.openings[first_proposed ...]. Errors of the instance
/// itself are reported too (so a caller may use this instead of load_instance).
struct ExtendedLoad {
  LoadResult load;             // load.instance: today's instance plus the proposed openings
  Index first_proposed = 0;    // index of the first proposed opening
  bool ok() const { return load.ok(); }
};
ExtendedLoad load_instance_with_openings(const std::filesystem::path& instance_path,
                                         const std::filesystem::path& openings_file);

/// A course, certificate or driving licence a resident can take (courses.csv).
struct Course {
  std::string id;
  std::string name;
  double cost = 0;       // kr, >= 0
  CodeLevels grants;     // afterwards the resident holds each competence at least at this level
  CodeLevels eases;      // afterwards each barrier is at most this severity (0: removed)
  Codes groups;          // eligible target groups; empty: every group
  std::string where;     // "courses.csv:3"
};

struct CoursesLoad {
  std::vector<Course> courses;  // in the file's order (set when there are no errors)
  Diagnostics errors;
  Diagnostics warnings;         // unknown columns
  bool ok() const { return errors.empty(); }
};

/// Reads courses.csv: `id` (R, unique), `name`, `cost` (R, a number >= 0), `grants` (list
/// code:level, levels 1-5), `eases` (list code:severity, 0-3), `groups` (target-group
/// codes of the instance). A competence or barrier code that no resident or opening of the
/// instance uses is an error (a typo would make the course useless without a word), as is
/// an unknown target group. Never throws for bad input.
CoursesLoad load_courses(const std::filesystem::path& file, const Instance& instance);

}  // namespace placematch
