#pragma once
// src/detail/limits.hpp — the size limits of every input reader (internal).
//
// Hostile or broken input must end in a located input error, never in an
// out-of-memory kill: every reader bounds what it keeps. The limits are far above any
// real instance (a national instance has 200,000 residents; its largest file is about
// 40 MB) and are documented in the README ("Limits"). Over a limit is an input error
// located like any other (the file with line 0, or the record and column).
//
// The limits live in one process-wide object so that tests can lower them (LimitsGuard)
// and exercise the same code paths with small generated files; nothing else changes
// them. Reading them is not synchronised with a change: change them only in tests,
// while no instance is being loaded.
#include <cstddef>
#include <cstdint>
#include <string>

namespace placematch::detail {

struct InputLimits {
  /// An instance input file (a CSV file or instance.json), in bytes: 256 MiB.
  std::uint64_t file_bytes = 256ull << 20;
  /// A small side file (the weights file), in bytes: 1 MiB.
  std::uint64_t side_file_bytes = 1ull << 20;
  /// One CSV record (all its physical lines, when quoted cells hold line breaks): 1 MiB.
  std::size_t record_bytes = 1u << 20;
  /// One cell (a CSV cell or a JSON string value), in bytes: 64 KiB.
  std::size_t cell_bytes = 64u << 10;
  /// Cells in one CSV record (the header included): 256.
  std::size_t cells_per_record = 256;
  /// Items in one list value (`;`-separated or a JSON array): 1,000.
  std::size_t list_items = 1000;
  /// Records in one file (CSV rows after the header, or records of one JSON array): 1,000,000.
  std::size_t records_per_file = 1'000'000;
  /// Values (numbers, strings, arrays, objects, ...) in one JSON file: 20,000,000.
  std::size_t json_values = 20'000'000;
};

/// The limits in force (the defaults above unless a test lowered them).
InputLimits& input_limits();

/// "65,536" — a count with thousands separators, for limit messages.
std::string with_separators(std::uint64_t n);

/// Sets the limits for the lifetime of the guard, then restores the previous ones.
class LimitsGuard {
 public:
  explicit LimitsGuard(const InputLimits& limits) : saved_(input_limits()) { input_limits() = limits; }
  ~LimitsGuard() { input_limits() = saved_; }
  LimitsGuard(const LimitsGuard&) = delete;
  LimitsGuard& operator=(const LimitsGuard&) = delete;

 private:
  InputLimits saved_;
};

}  // namespace placematch::detail
