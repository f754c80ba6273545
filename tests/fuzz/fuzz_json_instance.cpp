// Fuzz target: the JSON instance loader (load_instance on an instance.json) and the pin
// checks. Whatever the bytes: no crash or exception, every error located on one line,
// and an instance exactly when there is no error.
#include <cstddef>
#include <cstdint>
#include <fstream>

#include "fuzz_support.hpp"
#include "placematch/io/files.hpp"
#include "placematch/rules/decisions.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = pmfuzz::scratch_dir() / "instance.json";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  const placematch::LoadResult r = placematch::load_instance(file);
  pmfuzz::require(r.ok() == r.errors.empty(), "an instance without errors, or errors with an instance");
  for (const auto& d : r.errors) pmfuzz::require_located(d);
  for (const auto& d : r.warnings) pmfuzz::require_located(d);
  if (r.ok())
    for (const auto& d : placematch::check_decisions(*r.instance)) pmfuzz::require_located(d);
  return 0;
}
