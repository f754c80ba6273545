// Fuzz target: the earlier-plan reader of `placematch match --previous`
// (parse_previous_plan, contract section 7), then the re-plan against it on a fixed small
// instance (pmfuzz::small_instance). Whatever the bytes: an earlier plan whose ids are
// the contract's ids and whose citizens are each placed once — or an InputError with
// exactly one diagnostic `plan.json:0: file: ...`, one line, valid UTF-8 — nothing else.
// A plan that reads is re-planned: the result must keep every rule (check_plan, the
// independent checker), and its counts must agree with the earlier plan.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "detail/load.hpp"
#include "fuzz_support.hpp"
#include "placematch/io/previous.hpp"
#include "placematch/plan/plan.hpp"
#include "placematch/planner/planner.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace placematch;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  PreviousPlan before;
  try {
    before = parse_previous_plan(text, "plan.json");
  } catch (const InputError& e) {
    pmfuzz::require_one_file_error(e, "plan.json");
    return 0;
  }
  std::set<std::string> citizens;
  for (const PreviousPlan::Entry& p : before.placements) {
    pmfuzz::require(detail::valid_token(p.citizen) && detail::valid_token(p.opening), "an id not the contract's");
    pmfuzz::require(!p.mentor || detail::valid_token(*p.mentor), "a mentor id not the contract's");
    pmfuzz::require(citizens.insert(p.citizen).second, "a citizen placed twice");
  }
  static Planner planner(pmfuzz::small_instance());  // the plan P is solved once
  const Replan r = planner.replan(before);
  pmfuzz::require(check_plan(planner.instance(), planner.graph(), r.plan).empty(), "the re-plan breaks a rule");
  pmfuzz::require(r.previous.placements == static_cast<std::int64_t>(before.placements.size()),
                  "earlier placements miscounted");
  pmfuzz::require(r.previous.kept <= r.previous.still_feasible && r.previous.still_feasible <= r.previous.placements,
                  "kept > still feasible > earlier placements");
  return 0;
}
