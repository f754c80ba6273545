#pragma once
// placematch/planner/snapshot.hpp — a Planner's instance, plan and solver state kept between
// processes: `placematch match PATH --save FILE`, then `match PATH --warm FILE` re-plans a
// (possibly changed) instance warm from it.
//
// What is kept, by ids (so it applies to a changed instance: seats, pins, residents or
// openings added or removed): the instance (its instance.json text), the plan (citizen,
// opening, mentor), and the flow's seat prices — the LP duals of the openings and of the
// reasonableness groups (Solution::opening_dual / cap_group_dual; with binding mentor pools
// the Lagrangian certificate's). Planner::warm_start maps them onto its instance as a
// Matcher WarmStart: the earlier placements that are still feasible are the first flow,
// the prices its potentials; the engine repairs what changed (a few shortest-path
// searches) and solves cold when the state is broken, so the value and status are those of
// a cold run, and the plan the same every time for the same snapshot and input.
//
// The file: a fixed header — the magic "placematch-snap" and a NUL (16 bytes), the format
// version (uint32), the payload's length (uint64) and its FNV-1a 64-bit checksum (uint64),
// all little-endian — then the payload, a Boost.Serialization binary archive without
// Boost's header (class version = format version), its texts and lists each a uint64
// length and the entries. It is written atomically (temporary file, fsync, rename). A
// file that is not a snapshot, truncated, corrupted (any changed byte: the checksum covers
// the payload, the header's fields are checked one by one) or of another format version is
// an InputError located at the file, `FILE:0: file: MESSAGE`; the payload is only decoded
// once its checksum holds, and every length in it is checked against the payload's size
// before anything is allocated (the checksum is no signature: a crafted file can carry a
// valid one). The archive is binary: for the machine type (endianness) that wrote it; an
// archive that cannot be read is reported the same way.
// Reading and writing are O(size of the snapshot).
//
// Usage:
//   placematch::Planner planner(instance);
//   placematch::save_snapshot(planner.snapshot(), "state.pms");        // atomic
//   ...                                                               // later, elsewhere
//   placematch::Snapshot s = placematch::read_snapshot("state.pms");  // throws InputError
//   placematch::Planner warm(changed_instance);
//   warm.warm_start(s);
//   const placematch::Plan& p = warm.plan().plan;   // value and status as a cold run
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "placematch/io/previous.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/model/objective.hpp"

namespace placematch {

struct Snapshot {
  /// The format this placematch writes and reads (2: lengths checked before allocation;
  /// version 1 files, Boost's own string and list encoding, are refused: save them again).
  static constexpr std::uint32_t kFormatVersion = 2;

  std::string placematch_version;  ///< of the writer
  std::string instance_json;       ///< the instance (load_instance_json_text reads it)
  Objective objective = Objective::Placements;
  PreviousPlan plan;               ///< the placements by ids (mentor when named)
  Status status = Status::NotSolved;
  std::int64_t placed = 0, score = 0;  ///< the plan's value (score in millionths)
  std::optional<std::int64_t> bound_placed, bound_score;  ///< the proven bound, as in Plan
  /// Whether mentor pools bound the snapshot's solve (its prices are then the Lagrangian
  /// certificate's). Such a snapshot starts nothing: the search over mentor pools from a
  /// warm flow measured slower than from a cold one (benchmarks/README.md, "Snapshots").
  bool pools_bound = false;
  /// Seat prices (weight scale of `objective`) by opening id, and of the reasonableness
  /// groups by company id; only the positive ones are kept.
  std::vector<std::pair<std::string, std::int64_t>> opening_prices, company_prices;
};

/// The snapshot file's bytes (header and payload, see above). O(size).
std::string snapshot_bytes(const Snapshot& snapshot);
/// Reads the bytes of a snapshot file; `name` locates the messages (`name:0: file: ...`).
/// Throws InputError for anything that is not a complete, unchanged snapshot of a format
/// this version reads. O(size).
Snapshot parse_snapshot(std::string_view bytes, std::string_view name);

/// Writes the snapshot atomically (write_file_atomically). Throws std::runtime_error when
/// the file cannot be written.
void save_snapshot(const Snapshot& snapshot, const std::filesystem::path& file);
/// Reads a snapshot file; its name (without folders) locates the messages. Throws
/// InputError when it cannot be read or is not a snapshot this version reads.
Snapshot read_snapshot(const std::filesystem::path& file);

/// The snapshot's instance, loaded and checked like a file (pins included). Throws
/// InputError with the loader's messages, located at `name` (the snapshot's file name).
Instance snapshot_instance(const Snapshot& snapshot, const std::string& name = "snapshot");

}  // namespace placematch
