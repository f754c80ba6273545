// Bad input of the consultant's commands (issue: the board's report and the spreadsheet):
// an output path in a folder that does not exist, a --goal outside (0, 1], an unknown
// --lang, and a report of an instance without residents. Each is exit 2 with a clear
// message and nothing written, or a sensible report; never a crash.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_support.hpp"
#include "test_files.hpp"

namespace fs = std::filesystem;

namespace {

using Outcome = pmtest::CliOutcome;
Outcome run(const std::string& args) { return pmtest::run_cli(args); }

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::size_t files_in(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::recursive_directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST(BadInput, OutputInAMissingFolderIsAnInputErrorAndWritesNothing) {
  pmtest::TempDir tmp("bad_input", "folder");
  const fs::path inst = tmp.path() / "inst";
  ASSERT_EQ(run("generate --citizens 30 --openings 10 --seed 2 " + inst.string()).code, 0);
  const fs::path out = tmp.path() / "out";
  fs::create_directories(out);
  const std::string missing = (tmp.path() / "no_such_folder").string();
  const std::string i = inst.string(), o = out.string();
  for (const std::string& args :
       {"match " + i + " --json " + missing + "/plan.json",
        "match " + i + " --json " + o + "/plan.json --csv " + missing + "/plan.csv",
        "match " + i + " --json " + o + "/plan.json --xlsx " + missing + "/plan.xlsx",
        "candidates " + i + " --csv " + missing + "/pairs.csv",
        "report " + i + " --html " + missing + "/report.html",
        "report " + i + " --html " + o + "/report.html --json " + missing + "/plan.json",
        "suggest " + i + " --opening o01 --json " + missing + "/s.json",
        "why " + i + " --citizen c01 --json " + missing + "/w.json",
        "whatif " + i + " --seats 1 --json " + o + "/w.json --csv " + missing + "/w.csv"}) {
    const Outcome r = run(args);
    EXPECT_EQ(r.code, 2) << args << "\n" << r.out;
    EXPECT_TRUE(has(r.out, "no_such_folder") && has(r.out, "does not exist")) << args << "\n" << r.out;
    EXPECT_EQ(files_in(out), 0u) << args;  // not even the outputs whose folder exists
  }
  EXPECT_FALSE(fs::exists(missing));
}

TEST(BadInput, GoalOutsideZeroToOneIsAnInputError) {
  pmtest::TempDir tmp("bad_input", "goal");
  const fs::path inst = tmp.path() / "inst";
  ASSERT_EQ(run("generate --citizens 30 --openings 10 --seed 2 " + inst.string()).code, 0);
  const fs::path html = tmp.path() / "report.html";
  for (const char* goal : {"0", "-0.5", "1.5", "85", "abc", "nan"}) {
    const Outcome r = run("report " + inst.string() + " --html " + html.string() + " --goal " + goal);
    EXPECT_EQ(r.code, 2) << goal << "\n" << r.out;
    EXPECT_TRUE(has(r.out, "--goal") && has(r.out, "(0, 1]") && has(r.out, std::string("\"") + goal + "\""))
        << r.out;
    EXPECT_FALSE(fs::exists(html)) << goal;
  }
  for (const char* baseline : {"-0.1", "1.01"}) {
    const Outcome r = run("report " + inst.string() + " --html " + html.string() + " --baseline " + baseline);
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_FALSE(fs::exists(html));
  }
  // The ends of the range are shares too.
  for (const char* goal : {"1", "0.001"}) {
    const Outcome r = run("report " + inst.string() + " --html " + html.string() + " --goal " + goal);
    EXPECT_EQ(r.code, 0) << goal << "\n" << r.out;
    EXPECT_TRUE(fs::exists(html));
    fs::remove(html);
  }
}

TEST(BadInput, UnknownLanguageIsAnInputErrorForEveryCommand) {
  pmtest::TempDir tmp("bad_input", "lang");
  const fs::path inst = tmp.path() / "inst";
  ASSERT_EQ(run("generate --citizens 30 --openings 10 --seed 2 " + inst.string()).code, 0);
  const std::string i = inst.string(), o = (tmp.path() / "x").string();
  for (const std::string& args :
       {"validate " + i, "candidates " + i + " --csv " + o, "match " + i + " --json " + o,
        "suggest " + i + " --opening o01 --json " + o, "why " + i + " --citizen c01 --json " + o,
        "whatif " + i + " --seats 1 --json " + o, "report " + i + " --html " + o, "serve " + i + " --port 0"}) {
    const Outcome r = run(args + " --lang sv");
    EXPECT_EQ(r.code, 2) << args << "\n" << r.out;
    EXPECT_TRUE(has(r.out, "--lang") && has(r.out, "unknown language \"sv\" (use da or en)")) << args << "\n" << r.out;
    EXPECT_FALSE(fs::exists(o)) << args;
  }
  // Spelled in capitals or with spaces, da and en are still known.
  EXPECT_EQ(run("validate " + i + " --lang DA").code, 0);
}

TEST(BadInput, ReportOfAnInstanceWithoutResidentsSaysSo) {
  pmtest::TempDir tmp("bad_input", "empty");
  const fs::path inst = tmp.path() / "inst";
  ASSERT_EQ(run("generate --citizens 30 --openings 10 --seed 2 " + inst.string()).code, 0);
  {
    std::ofstream f(inst / "citizens.csv", std::ios::binary | std::ios::trunc);
    f << "id,area,target_group,age,hours,hours_tolerance,max_km,needs_mentor,competences,barriers,languages,"
         "interests,months_unemployed\n";
  }
  fs::remove(inst / "decisions.csv");
  const fs::path html = tmp.path() / "report.html", json = tmp.path() / "plan.json";
  for (const char* lang : {"en", "da"}) {
    const Outcome r = run("report " + inst.string() + " --html " + html.string() + " --json " + json.string() +
                      " --lang " + lang);
    ASSERT_EQ(r.code, 0) << r.out;
    const std::string page = pmtest::slurp(html);
    EXPECT_TRUE(has(page, std::string(lang) == "en" ? "no residents: there is nobody to place"
                                                    : "ingen borgere: der er ingen at placere"))
        << page.substr(0, 2000);
    EXPECT_FALSE(has(page, "NaN")) << "a rate of nobody";
    const auto j = nlohmann::json::parse(pmtest::slurp(json));
    EXPECT_EQ(j["objective"]["placed"], 0);
    EXPECT_TRUE(j["placements"].empty());
    EXPECT_EQ(j["empty_seats"].size(), 10u);  // every opening: no_candidate
    for (const auto& e : j["empty_seats"]) EXPECT_EQ(e["reason_code"], "no_candidate");
  }
}
