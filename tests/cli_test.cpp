// The command-line tool end to end: exit codes, located errors, the result JSON of
// contract section 6, outputs written completely or not at all, determinism.
#include <gtest/gtest.h>

#include <unistd.h>

#include "cli_support.hpp"
#include "test_files.hpp"
#include "placematch/version.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

using Outcome = pmtest::CliOutcome;
Outcome run(const std::string& args) { return pmtest::run_cli(args); }

using pmtest::slurp;

void put(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("placematch_cli_" + std::to_string(::getpid()) + "_" +
           std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }

  // A small valid instance: two areas, three companies, openings of several kinds.
  fs::path small_instance() {
    fs::path d = dir / "inst";
    fs::create_directories(d);
    put(d / "areas.csv", "id,name,lat,lon\na1,Nørager,54.9160,9.8020\na2,Stenbjergparken,54.9226,9.7668\n");
    put(d / "citizens.csv",
        "id,area,target_group,age,hours,hours_tolerance,max_km,needs_mentor,competences,barriers,languages,interests,months_unemployed\n"
        "c1,a1,6.3,30,10,5,10,1,,language:2,ar,retail,24\n"
        "c2,a1,6.2,45,20,5,10,0,forklift:2,,da,logistics,3\n"
        "c3,a2,6.8,52,8,2,10,0,,health_physical:2,da,,60\n"
        "c4,a2,YOUTH,15,6,2,10,0,,,da,,0\n"
        "c5,a2,6.1,40,30,0,0.1,0,,,da,,12\n");
    put(d / "companies.csv",
        "id,name,lat,lon,sector,employees,supported_now\n"
        "k1,\"Brugsen, Nørager\",54.9150,9.8000,retail,12,0\n"
        "k2,Lager ApS,54.9200,9.7700,logistics,60,1\n"
        "k3,Kantinen,54.9180,9.7900,kitchen,,\n");
    put(d / "mentors.csv", "id,company,capacity,carrying_now,languages\nm1,k1,1,0,ar;da\n");
    put(d / "openings.csv",
        "id,company,kind,seats,hours_min,hours_max,requires,desires,barrier_limits,groups,age_min,age_max,mentor_required,sector\n"
        "o1,k1,internship,1,5,15,,,,,,,0,\n"
        "o2,k2,small_job,1,15,25,forklift:2,,,,,,0,\n"
        "o3,k3,leisure_job,1,4,8,,,,,,,0,\n"
        "o4,k3,internship,1,6,12,,,health_physical:2,,,,0,\n");
    return d;
  }

  fs::path dir;
};

TEST_F(Cli, ValidatePrintsSummaryAndExitsZero) {
  Outcome r = run("validate " + small_instance().string());
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("5 residents"), std::string::npos) << r.out;
}

TEST_F(Cli, ValidateReportsEveryProblemLocated) {
  fs::path d = small_instance();
  std::string text = slurp(d / "citizens.csv");
  text.replace(text.find("c2,a1,6.2,45,20,5,10"), 20, "c2,a1,6.2,45,20,5,-3");
  text.replace(text.find("c3,a2,6.8,52,8"), 14, "c3,a2,6.8,52,x");
  put(d / "citizens.csv", text);
  std::string before = slurp(d / "citizens.csv");
  Outcome r = run("validate " + d.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("citizens.csv:3: max_km: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"-3\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("citizens.csv:4: hours: "), std::string::npos) << r.out;
  EXPECT_EQ(slurp(d / "citizens.csv"), before);  // input never modified
}

TEST_F(Cli, VersionComesFromTheProjectVersion) {
  // One version source: CMake's project(VERSION), through placematch/version.hpp.
  EXPECT_STREQ(placematch::kVersion, PLACEMATCH_PROJECT_VERSION);
  Outcome r = run("--version");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find(std::string("placematch ") + PLACEMATCH_PROJECT_VERSION), std::string::npos) << r.out;
}

TEST_F(Cli, MatchWritesTheContractsJson) {
  fs::path out = dir / "plan.json";
  Outcome r = run("match " + small_instance().string() + " --json " + out.string());
  ASSERT_EQ(r.code, 0) << r.out;
  auto j = nlohmann::json::parse(slurp(out));
  EXPECT_EQ(j["format"], "placematch-result/2");
  EXPECT_EQ(j["placematch_version"], PLACEMATCH_PROJECT_VERSION);
  EXPECT_EQ(j["objective_name"], "placements");
  EXPECT_EQ(j["status"], "optimal");
  EXPECT_EQ(j["objective"], j["bound"]);
  // Hand-checked: c1->o1 (mentor m1), c2->o2, c3->o4, c4->o3; c5 reaches no company within 0.1 km.
  std::set<std::pair<std::string, std::string>> got;
  for (auto& p : j["placements"]) {
    got.insert({p["citizen"].get<std::string>(), p["opening"].get<std::string>()});
    for (const char* key : {"citizen", "opening", "company", "mentor", "score", "km", "hours"})
      EXPECT_TRUE(p.contains(key)) << key;
    if (p["citizen"] == "c1") EXPECT_EQ(p["mentor"], "m1");
    else EXPECT_TRUE(p["mentor"].is_null());
    EXPECT_GE(p["score"].get<double>(), 0.0);
    EXPECT_LE(p["score"].get<double>(), 1.0);
  }
  std::set<std::pair<std::string, std::string>> want = {{"c1", "o1"}, {"c2", "o2"}, {"c3", "o4"}, {"c4", "o3"}};
  EXPECT_EQ(got, want);
  EXPECT_EQ(j["objective"]["placed"], 4);
  ASSERT_EQ(j["unplaced"].size(), 1u);
  EXPECT_EQ(j["unplaced"][0]["citizen"], "c5");
  EXPECT_EQ(j["unplaced"][0]["reason_code"], "no_opening_in_reach");
  EXPECT_TRUE(j["stats"]["seconds"].contains("solve"));
  EXPECT_EQ(j["stats"]["candidates"].get<int>() >= 4, true);
}

TEST_F(Cli, ScoreObjectiveHasNullPlacedBound) {
  fs::path out = dir / "plan.json";
  Outcome r = run("match " + small_instance().string() + " --objective score --json " + out.string());
  ASSERT_EQ(r.code, 0) << r.out;
  auto j = nlohmann::json::parse(slurp(out));
  EXPECT_EQ(j["objective_name"], "score");
  EXPECT_TRUE(j["bound"]["placed"].is_null());
}

TEST_F(Cli, SamePlanWhateverTheThreadCount) {
  fs::path gen = dir / "gen";
  ASSERT_EQ(run("generate --citizens 400 --openings 150 --seed 7 " + gen.string()).code, 0);
  std::string plans[3];
  int i = 0;
  for (const char* threads : {"1", "2", "1"}) {
    fs::path out = dir / ("plan" + std::to_string(i) + ".json");
    Outcome r = run("match " + gen.string() + " --quiet --threads " + threads + " --json " + out.string());
    ASSERT_EQ(r.code, 0) << r.out;
    auto j = nlohmann::json::parse(slurp(out));
    plans[i++] = j["placements"].dump() + j["unplaced"].dump();
  }
  EXPECT_EQ(plans[0], plans[1]);
  EXPECT_EQ(plans[0], plans[2]);
}

TEST_F(Cli, BadInputWritesNoOutput) {
  fs::path d = small_instance();
  put(d / "openings.csv", "");
  fs::path out = dir / "plan.json";
  Outcome r = run("match " + d.string() + " --json " + out.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("openings.csv:0: file: "), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(Cli, UnwritableOutputLeavesNothingBehind) {
  fs::path out = dir / "no_such_folder" / "plan.json";
  Outcome r = run("match " + small_instance().string() + " --json " + out.string());
  EXPECT_NE(r.code, 0) << r.out;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(dir / "no_such_folder"));
}

TEST_F(Cli, CandidatesCsvFormat) {
  fs::path out = dir / "pairs.csv";
  Outcome r = run("candidates " + small_instance().string() + " --csv " + out.string());
  ASSERT_EQ(r.code, 0) << r.out;
  std::istringstream in(slurp(out));
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "citizen,opening,score,km,needs_mentor");
  int rows = 0;
  while (std::getline(in, line)) {
    ++rows;
    // score with exactly 6 decimals, km with exactly 3
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) cells.push_back(cell);
    ASSERT_EQ(cells.size(), 5u) << line;
    EXPECT_EQ(cells[2].size() - cells[2].find('.') - 1, 6u) << line;
    EXPECT_EQ(cells[3].size() - cells[3].find('.') - 1, 3u) << line;
    EXPECT_TRUE(cells[4] == "0" || cells[4] == "1") << line;
  }
  EXPECT_GE(rows, 4);
}

TEST_F(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run("match").code, 2);
  EXPECT_EQ(run("match x --objective fastest").code, 2);
  EXPECT_EQ(run("frobnicate").code, 2);
  EXPECT_EQ(run("validate " + (dir / "missing").string()).code, 2);
  EXPECT_EQ(run("match x --threads -1").code, 2);
  EXPECT_EQ(run("generate --citizens 10 --openings 0 --seed 1 " + (dir / "g").string()).code, 2);
}

TEST_F(Cli, SampleValidatesAndMatches) {
  const fs::path sample = fs::path(PLACEMATCH_SOURCE_DIR) / "data" / "sonderborg";
  Outcome v = run("validate " + sample.string());
  EXPECT_EQ(v.code, 0) << v.out;
  EXPECT_NE(v.out.find("265 residents"), std::string::npos) << v.out;
  fs::path out = dir / "plan.json";
  Outcome m = run("match " + sample.string() + " --quiet --json " + out.string());
  ASSERT_EQ(m.code, 0) << m.out;
  auto j = nlohmann::json::parse(slurp(out));
  EXPECT_EQ(j["placements"].size() + j["unplaced"].size(), 265u);
}

}  // namespace

// Contract v2, sections 7-9, end to end on the small instance (hand-checked plan:
// c1->o1 with m1, c2->o2, c3->o4, c4->o3; c5 reaches nothing).
TEST_F(Cli, PreviousPlanKeepsPlacementsAndListsChanges) {
  const fs::path inst = small_instance();
  const fs::path before = dir / "before.json", after = dir / "after.json";
  // An earlier plan: c2 somewhere it still fits, c3 in an opening that no longer exists, a
  // citizen who left.
  put(before, R"({"format": "placematch-result/1", "placements": [
      {"citizen": "c2", "opening": "o2", "mentor": null},
      {"citizen": "c3", "opening": "o_closed", "mentor": null},
      {"citizen": "c_left", "opening": "o1", "mentor": "m1"}]})");
  Outcome r = run("match " + inst.string() + " --previous " + before.string() + " --json " + after.string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_LT(r.out.find("c_left"), r.out.find("placed 4"));  // the changes come first
  auto j = nlohmann::json::parse(slurp(after));
  EXPECT_EQ(j["format"], "placematch-result/2");
  EXPECT_EQ(j["status"], "optimal");
  EXPECT_EQ(j["previous"]["placements"], 3);
  EXPECT_EQ(j["previous"]["still_feasible"], 1);
  EXPECT_EQ(j["previous"]["kept"], 1);
  std::vector<std::string> changes;
  for (auto& c : j["changes"])
    changes.push_back(c["citizen"].get<std::string>() + ":" + (c["before"].is_null() ? "-" : c["before"].get<std::string>()) +
                      ">" + (c["after"].is_null() ? "-" : c["after"].get<std::string>()) + ":" +
                      c["change"].get<std::string>());
  const std::vector<std::string> want = {"c1:->o1:placed", "c3:o_closed>o4:moved", "c4:->o3:placed",
                                         "c_left:o1>-:gone"};
  EXPECT_EQ(changes, want);
}

TEST_F(Cli, PreviousPlanThatIsNotAResultIsAnInputError) {
  const fs::path inst = small_instance();
  const fs::path bad = dir / "plan.json";
  for (const std::string text : {std::string(""), std::string("{\"format\": \"placematch-result/2\", \"placem"),
                                 std::string("{\"format\": \"placematch-suggest/1\", \"placements\": []}"),
                                 std::string("{\"format\": \"placematch-result/1\", \"placements\": [{\"citizen\": 7}]}"),
                                 std::string("[1, 2]")}) {
    put(bad, text);
    Outcome r = run("match " + inst.string() + " --previous " + bad.string());
    EXPECT_EQ(r.code, 2) << text << "\n" << r.out;
    EXPECT_EQ(r.out.rfind("plan.json:0: file: ", 0), 0u) << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  }
}

TEST_F(Cli, SuggestAndWhyWriteTheirJson) {
  const fs::path inst = small_instance();
  const fs::path out = dir / "s.json";
  Outcome r = run("suggest " + inst.string() + " --opening o1 --top 0 --json " + out.string());
  ASSERT_EQ(r.code, 0) << r.out;
  auto j = nlohmann::json::parse(slurp(out));
  EXPECT_EQ(j["format"], "placematch-suggest/1");
  EXPECT_EQ(j["opening"], "o1");
  ASSERT_FALSE(j["suggestions"].empty());
  EXPECT_EQ(j["suggestions"][0]["citizen"], "c1");  // in the plan: cost 0, listed first
  EXPECT_EQ(j["suggestions"][0]["in_plan"], true);
  for (const char* key : {"citizen", "opening", "company", "score", "km", "hours", "needs_mentor", "in_plan",
                          "possible", "cost", "status", "changes", "components"})
    EXPECT_TRUE(j["suggestions"][0].contains(key)) << key;
  r = run("why " + inst.string() + " --citizen c5 --json " + out.string());
  ASSERT_EQ(r.code, 0) << r.out;
  j = nlohmann::json::parse(slurp(out));
  EXPECT_EQ(j["format"], "placematch-why/1");
  EXPECT_TRUE(j["placed"].is_null());
  EXPECT_EQ(j["reason_code"], "no_opening_in_reach");
  EXPECT_TRUE(j["openings"].empty());
  EXPECT_TRUE(j.contains("nearest"));
  r = run("why " + inst.string() + " --citizen c4 --opening o2 --json " + out.string());
  ASSERT_EQ(r.code, 0) << r.out;
  j = nlohmann::json::parse(slurp(out));
  std::vector<std::string> rules;
  for (auto& x : j["openings"][0]["rules"]) rules.push_back(x["rule"]);
  EXPECT_EQ(rules, (std::vector<std::string>{"hours", "competences", "group_or_age"}));
}

TEST_F(Cli, UnknownIdsAreInputErrors) {
  const fs::path inst = small_instance();
  Outcome r = run("suggest " + inst.string() + " --opening o99");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("o99"), std::string::npos) << r.out;
  r = run("why " + inst.string() + " --citizen c99");
  EXPECT_EQ(r.code, 2) << r.out;
  r = run("suggest " + inst.string());
  EXPECT_EQ(r.code, 2) << r.out;
}
