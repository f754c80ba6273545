// Fuzz target: the courses file of `placematch whatif --courses` (load_courses, contract
// section 10), read against a fixed small instance (pmfuzz::small_instance). Whatever
// the bytes: no crash or exception; courses exactly when there is no error; every
// diagnostic located (FILE:LINE), one line, valid UTF-8; every course read keeps the
// contract's ranges (cost finite and >= 0, levels 1-5, severities 0-3, codes and target
// groups of the instance, ids unique). When the file reads and holds a course, the
// what-if's course steps run on it too: a budget never overspent, steps' costs adding up.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <set>
#include <string>

#include "detail/load.hpp"
#include "fuzz_support.hpp"
#include "placematch/io/whatif_files.hpp"
#include "placematch/planner/whatif.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace placematch;
  const Instance& in = pmfuzz::small_instance();
  const auto file = pmfuzz::scratch_dir() / "courses.csv";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  const CoursesLoad r = load_courses(file, in);
  pmfuzz::require(r.ok() == r.errors.empty(), "ok() disagrees with the errors");
  pmfuzz::require(r.errors.empty() || r.courses.empty(), "courses kept with errors");
  for (const auto& d : r.errors) pmfuzz::require_located(d);
  for (const auto& d : r.warnings) pmfuzz::require_located(d);
  if (!r.ok()) return 0;
  std::set<std::string> ids;
  for (const Course& c : r.courses) {
    pmfuzz::require(detail::valid_token(c.id), "a course id the contract does not allow");
    pmfuzz::require(ids.insert(c.id).second, "a course id twice");
    pmfuzz::require(std::isfinite(c.cost) && c.cost >= 0, "a cost negative or not finite");
    for (const CodeLevel& l : c.grants) {
      pmfuzz::require(l.level >= 1 && l.level <= 5, "a granted level outside 1-5");
      pmfuzz::require(l.code >= 0 && static_cast<std::size_t>(l.code) < in.codes.size(),
                      "a granted code unknown to the instance");
    }
    for (const CodeLevel& l : c.eases) {
      pmfuzz::require(l.level >= 0 && l.level <= 3, "an eased severity outside 0-3");
      pmfuzz::require(l.code >= 0 && static_cast<std::size_t>(l.code) < in.codes.size(),
                      "an eased code unknown to the instance");
    }
    std::set<CodeId> groups;
    for (CodeId g : c.groups) pmfuzz::require(groups.insert(g).second, "a target group twice");
  }
  if (r.courses.empty() || r.courses.size() > 8) return 0;  // the steps: a few courses, cheap
  const double budget = 5000;
  const CoursesResult steps = whatif_courses(in, r.courses, budget);
  double spent = 0;
  for (const CourseStep& s : steps.steps) {
    pmfuzz::require(s.course >= 0 && static_cast<std::size_t>(s.course) < r.courses.size(), "a step's course");
    spent += s.cost;
  }
  pmfuzz::require(steps.spent <= budget + 1e-6, "the budget overspent");
  pmfuzz::require(std::fabs(steps.spent - spent) <= 1e-6 * (1 + spent), "the steps' costs do not add up");
  pmfuzz::require(steps.after.placed >= steps.before.placed, "courses lost placements");
  return 0;
}
