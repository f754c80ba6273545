// Fuzz target: the CSV instance loader (load_instance on a folder) and the pin checks.
// The input is split into files at lines "== NAME" (NAME one of the contract's file
// names, e.g. "== citizens.csv"); the parts become a folder of CSV files. The seeds are
// whole instances in that form, so mutations reach every file and every check.
// Whatever the bytes: no crash or exception, every error located on one line, and an
// instance exactly when there is no error.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "placematch/io/files.hpp"
#include "placematch/rules/decisions.hpp"

namespace {
const char* const kFiles[] = {"areas.csv",    "citizens.csv",  "companies.csv",    "mentors.csv",
                              "openings.csv", "decisions.csv", "target_groups.csv"};
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace fs = std::filesystem;
  const fs::path dir = pmfuzz::scratch_dir() / "instance";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::ofstream* out = nullptr;
  std::ofstream files[7];
  while (!rest.empty()) {
    const auto nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl == std::string_view::npos ? rest.size() : nl + 1);
    rest.remove_prefix(line.size());
    if (line.substr(0, 3) == "== ") {
      std::string_view name = line.substr(3);
      while (!name.empty() && (name.back() == '\n' || name.back() == '\r')) name.remove_suffix(1);
      for (int f = 0; f < 7; ++f)
        if (name == kFiles[f] && !files[f].is_open()) {
          files[f].open(dir / kFiles[f], std::ios::binary);
          out = &files[f];
        }
      continue;
    }
    if (out) out->write(line.data(), static_cast<std::streamsize>(line.size()));
  }
  for (auto& f : files) f.close();
  const placematch::LoadResult r = placematch::load_instance(dir);
  pmfuzz::require(r.ok() == r.errors.empty(), "an instance without errors, or errors with an instance");
  for (const auto& d : r.errors) pmfuzz::require_located(d);
  for (const auto& d : r.warnings) pmfuzz::require_located(d);
  if (r.ok())
    for (const auto& d : placematch::check_decisions(*r.instance)) pmfuzz::require_located(d);
  return 0;
}
