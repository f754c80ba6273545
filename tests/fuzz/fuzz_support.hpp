#pragma once
// Shared by the fuzz targets: the checks every reader's output must pass whatever the
// bytes, and a scratch folder private to the process.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "detail/csv.hpp"
#include "placematch/model/diagnostics.hpp"

namespace pmfuzz {

/// Stops the run (a crash libFuzzer reports, with the input) when `ok` is false.
inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz check failed: %s\n", what);
    std::abort();
  }
}

/// One located diagnostic: FILE:LINE or FILE:table[i], a column, a one-line message
/// without control bytes.
inline void require_located(const placematch::Diagnostic& d) {
  require(!d.where.empty() && !d.column.empty() && !d.message.empty(), "empty part of a diagnostic");
  require(d.where.find(':') != std::string::npos, "diagnostic not located (no FILE:LINE)");
  for (char ch : d.str())
    require(static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7F, "control byte in a diagnostic");
  require(placematch::detail::find_invalid_utf8(d.str()) == std::string_view::npos,
          "invalid UTF-8 in a diagnostic");
}

/// A folder of its own for this process (created once, under the temp folder).
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("placematch_fuzz_" + std::to_string(static_cast<long>(::getpid())));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

}  // namespace pmfuzz
