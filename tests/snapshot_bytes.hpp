#pragma once
// tests/snapshot_bytes.hpp — the snapshot file's header written by the tests themselves,
// independently of the reader (src/planner/snapshot.cpp), so a crafted payload can be given
// a valid header and reach the decoder: the checksum is no signature. Used by
// tests/snapshot_test.cpp and the snapshot fuzz target (tests/fuzz/fuzz_snapshot.cpp).
// Layout (placematch/planner/snapshot.hpp): 16 bytes of magic "placematch-snap\0", the
// format version (uint32, little-endian), the payload's length (uint64) and its FNV-1a 64
// checksum (uint64), then the payload: 36 bytes before it.
#include <cstdint>
#include <string>
#include <string_view>

#include "placematch/planner/snapshot.hpp"

namespace pmtest {

/// `payload` in a header of the current format version with its valid length and checksum.
inline std::string snapshot_around(std::string_view payload) {
  std::string out("placematch-snap", 15);
  out.push_back('\0');
  const auto put = [&out](std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  };
  std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a 64
  for (char ch : payload) h = (h ^ static_cast<unsigned char>(ch)) * 0x100000001b3ull;
  put(placematch::Snapshot::kFormatVersion, 4);
  put(payload.size(), 8);
  put(h, 8);
  out.append(payload);
  return out;
}

}  // namespace pmtest
