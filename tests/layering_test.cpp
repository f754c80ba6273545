// The architecture as a test: each layer's public headers and sources include only the
// public headers of its own layer and the layers before it (README, "Architecture").
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// The layers in data-flow order; then the workbench (over the planner and the reports) and
// the generator (its own library, over the planner).
const std::vector<std::string> kLayers = {"model", "io",      "rules",   "candidates", "engine", "plan",
                                          "explain", "planner", "report", "serve",     "synth"};

int rank_of(const std::string& layer) {
  for (std::size_t i = 0; i < kLayers.size(); ++i)
    if (kLayers[i] == layer) return static_cast<int>(i);
  return -1;
}

// Every `#include "placematch/LAYER/..."` of a file that reaches a later layer.
std::vector<std::string> upward_includes(const fs::path& file, int own_rank) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  const std::string s = text.str();
  static const std::regex include(R"re(#include\s+[<"]placematch/(\w+)/)re");
  std::vector<std::string> out;
  for (std::sregex_iterator it(s.begin(), s.end(), include), end; it != end; ++it) {
    const int r = rank_of((*it)[1]);
    if (r > own_rank) out.push_back(file.string() + " includes placematch/" + (*it)[1].str());
  }
  return out;
}

TEST(Layering, NoLayerIncludesALaterOne) {
  const fs::path root(PLACEMATCH_SOURCE_DIR);
  std::size_t files = 0;
  std::vector<std::string> bad;
  for (const fs::path base : {root / "include" / "placematch", root / "src"}) {
    for (const std::string& layer : kLayers) {
      if (!fs::exists(base / layer)) continue;
      for (const auto& entry : fs::directory_iterator(base / layer)) {
        if (!entry.is_regular_file()) continue;
        ++files;
        for (std::string& b : upward_includes(entry.path(), rank_of(layer))) bad.push_back(std::move(b));
      }
    }
  }
  EXPECT_GT(files, 30u);  // the tree was found
  for (const std::string& b : bad) ADD_FAILURE() << b;
}

TEST(Layering, InternalHeadersLiveOnlyInSrcDetail) {
  const fs::path root(PLACEMATCH_SOURCE_DIR);
  EXPECT_FALSE(fs::exists(root / "include" / "placematch" / "detail"));
  for (const auto& entry : fs::recursive_directory_iterator(root / "src")) {
    if (entry.path().extension() != ".hpp") continue;
    const std::string folder = entry.path().parent_path().filename().string();
    EXPECT_TRUE(folder == "detail" || folder == "cli") << entry.path();  // the tool keeps its own
  }
}

}  // namespace
