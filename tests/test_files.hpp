#pragma once
// Test support shared by the suites that touch files: a scratch folder removed at the end
// of the test, reading a whole file, and a copy of the bundled sample.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

#include <unistd.h>

namespace pmtest {

/// A fresh empty folder under the system temp folder, removed when the object goes. The
/// name carries the suite's prefix, the process id and GoogleTest's random seed, so
/// parallel runs (of one suite or of several builds) differ.
class TempDir {
 public:
  TempDir(const std::string& prefix, const std::string& name) {
    path_ = std::filesystem::temp_directory_path() /
            ("placematch_" + prefix + "_" + name + "_" + std::to_string(::getpid()) + "_" +
             std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// The whole file, as bytes.
inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

#ifdef PLACEMATCH_SOURCE_DIR
/// The Sønderborg sample's CSV files (data/sonderborg) copied into `to`: input files are
/// never modified, but a test that saves (decisions.csv) or adds files works on a copy.
inline void copy_sample(const std::filesystem::path& to) {
  const std::filesystem::path sample = std::filesystem::path(PLACEMATCH_SOURCE_DIR) / "data" / "sonderborg";
  for (const auto& e : std::filesystem::directory_iterator(sample))
    if (e.path().extension() == ".csv") std::filesystem::copy_file(e.path(), to / e.path().filename());
}
#endif

}  // namespace pmtest
