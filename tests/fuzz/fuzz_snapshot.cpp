// Fuzz target: the snapshot reader of `placematch match --warm FILE` (parse_snapshot,
// placematch/planner/snapshot.hpp), then a warm start from what it read on a fixed small
// instance (pmfuzz::small_instance).
// The input's first byte chooses the form: even, the rest is a whole file as it is (the
// header's checks: magic, version, length, checksum); odd, the rest is a PAYLOAD, wrapped
// here in a header with its valid length and checksum — the checksum is no signature, so a
// crafted payload must be decoded safely too (every length checked before allocating).
// Whatever the bytes: a snapshot, or an InputError with exactly one diagnostic
// `state.pms:0: file: ...`, one line, valid UTF-8 — nothing else. A snapshot that reads
// warm-starts a Planner of the fixed instance: its plan must keep every rule (check_plan,
// the independent checker) and have the value of a cold solve of the same instance.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "../snapshot_bytes.hpp"
#include "fuzz_support.hpp"
#include "placematch/plan/plan.hpp"
#include "placematch/planner/planner.hpp"
#include "placematch/planner/snapshot.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace placematch;
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string bytes = (data[0] & 1) ? pmtest::snapshot_around(rest) : std::string(rest);
  Snapshot snap;
  try {
    snap = parse_snapshot(bytes, "state.pms");
  } catch (const InputError& e) {
    pmfuzz::require_one_file_error(e, "state.pms");
    return 0;
  }
  static Planner cold(pmfuzz::small_instance());
  static const Plan& reference = cold.plan().plan;
  Planner warm(pmfuzz::small_instance());
  warm.warm_start(snap);
  const Plan& plan = warm.plan().plan;
  pmfuzz::require(check_plan(warm.instance(), warm.graph(), plan).empty(), "the warm plan breaks a rule");
  pmfuzz::require(plan.placed == reference.placed && plan.score == reference.score,
                  "the warm plan's value differs from a cold solve");
  pmfuzz::require(plan.status == reference.status, "the warm plan's status differs from a cold solve");
  return 0;
}
