// The consultant's table (match's terminal output): full company names, opening kind,
// target group and housing area, pinned placements marked, every row with --all, the
// filters --area, --group and --company, and the unplaced listed by name with their
// reason. Expectations are written out by hand for a small instance.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "test_files.hpp"

namespace fs = std::filesystem;

namespace {

using Outcome = pmtest::CliOutcome;
Outcome run(const std::string& args) { return pmtest::run_cli(args); }

void put(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
}

// The line of the table that starts with `id` followed by a space ("" when none).
std::string row_of(const std::string& out, const std::string& id) {
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(id + " ", 0) == 0) return line;
  return "";
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

constexpr const char* kLongName = "Sønderborg Kommunale Ejendomsservice og Vedligehold";

// Five residents, three seats. c1, c2 (Nørager) and c3 (Stenbjergparken) fit both
// openings (10 h a week within 10 km); c3 is pinned at o1. c4 wants 40 hours, which
// no opening offers (`hours`); c5 travels 0.1 km, and no company is that close
// (`no_opening_in_reach`). So c1, c2, c3 are placed and c4, c5 are not.
fs::path small_instance(const fs::path& dir) {
  const fs::path d = dir / "inst";
  fs::create_directories(d);
  put(d / "areas.csv", "id,name,lat,lon\na1,Nørager,54.9160,9.8020\na2,Stenbjergparken,54.9226,9.7668\n");
  put(d / "citizens.csv",
      "id,area,target_group,age,hours,hours_tolerance,max_km,needs_mentor,competences,barriers,languages,interests,"
      "months_unemployed\n"
      "c1,a1,6.3,30,10,5,10,0,,,da,,12\n"
      "c2,a1,6.2,40,10,5,10,0,,,da,,12\n"
      "c3,a2,6.3,35,10,5,10,0,,,da,,12\n"
      "c4,a2,6.1,50,40,0,10,0,,,da,,12\n"
      "c5,a1,6.2,45,10,5,0.1,0,,,da,,12\n");
  put(d / "companies.csv",
      "id,name,lat,lon,sector,employees,supported_now\n"
      "k1," + std::string(kLongName) + ",54.9150,9.8000,retail,,\n"
      "k2,Lager ApS,54.9200,9.7700,logistics,,\n");
  put(d / "openings.csv",
      "id,company,kind,seats,hours_min,hours_max,requires,desires,barrier_limits,groups,age_min,age_max,"
      "mentor_required,sector\n"
      "o1,k1,internship,2,5,20,,,,,,,0,\n"
      "o2,k2,small_job,1,5,20,,,,,,,0,\n");
  put(d / "decisions.csv", "citizen,opening,decision\nc3,o1,pin\n");
  return d;
}

}  // namespace

TEST(ConsultantTable, NamesKindsGroupsAreasPinsAndTheUnplacedWithReasons) {
  pmtest::TempDir tmp("table", "full");
  const fs::path inst = small_instance(tmp.path());
  const Outcome r = run("match " + inst.string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_FALSE(has(r.out, "~")) << r.out;  // nothing is cut
  for (const char* c : {"c1", "c2", "c3"}) {
    const std::string row = row_of(r.out, c);
    ASSERT_FALSE(row.empty()) << c << "\n" << r.out;
    EXPECT_TRUE(has(row, "o1") ? has(row, kLongName) && has(row, "internship")
                               : has(row, "o2") && has(row, "Lager ApS") && has(row, "small job"))
        << row;
  }
  const std::string c1 = row_of(r.out, "c1"), c2 = row_of(r.out, "c2"), c3 = row_of(r.out, "c3");
  EXPECT_TRUE(has(c1, "Nørager") && has(c1, "6.3")) << c1;
  EXPECT_TRUE(has(c2, "Nørager") && has(c2, "6.2")) << c2;
  EXPECT_TRUE(has(c3, "Stenbjergparken") && has(c3, "6.3") && has(c3, "o1")) << c3;
  // The pinned placement is marked, the others are not.
  EXPECT_TRUE(has(c3, " yes")) << c3;
  EXPECT_FALSE(has(c1, " yes")) << c1;
  EXPECT_FALSE(has(c2, " yes")) << c2;
  // The unplaced by name, with their reason code and the reason in words.
  const std::string c4 = row_of(r.out, "c4"), c5 = row_of(r.out, "c5");
  EXPECT_TRUE(has(c4, "Stenbjergparken") && has(c4, "6.1") && has(c4, "hours") && has(c4, "40 hours a week")) << c4;
  EXPECT_TRUE(has(c5, "Nørager") && has(c5, "no_opening_in_reach") && has(c5, "0.1 km")) << c5;

  // In Danish: the same rows, in Danish words.
  const Outcome da = run("match " + inst.string() + " --lang da");
  ASSERT_EQ(da.code, 0) << da.out;
  EXPECT_TRUE(has(row_of(da.out, "c3"), " ja")) << da.out;
  EXPECT_TRUE(has(da.out, "virksomhedspraktik")) << da.out;
  EXPECT_TRUE(has(row_of(da.out, "c4"), "40 timer om ugen")) << da.out;
}

TEST(ConsultantTable, FiltersByAreaGroupAndCompany) {
  pmtest::TempDir tmp("table", "filters");
  const fs::path inst = small_instance(tmp.path());
  Outcome r = run("match " + inst.string() + " --area Stenbjergparken");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_FALSE(row_of(r.out, "c3").empty()) << r.out;
  EXPECT_FALSE(row_of(r.out, "c4").empty()) << r.out;
  for (const char* c : {"c1", "c2", "c5"}) EXPECT_TRUE(row_of(r.out, c).empty()) << c << "\n" << r.out;
  EXPECT_TRUE(has(r.out, "1 of 3 placements")) << r.out;

  r = run("match " + inst.string() + " --area A1 --group 6.2");  // ids without regard to case
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_FALSE(row_of(r.out, "c2").empty()) << r.out;
  EXPECT_FALSE(row_of(r.out, "c5").empty()) << r.out;
  for (const char* c : {"c1", "c3", "c4"}) EXPECT_TRUE(row_of(r.out, c).empty()) << c << "\n" << r.out;

  // A company by its full name: its one placement, and no unplaced (they have no company).
  r = run("match " + inst.string() + " --company \"lager aps\"");
  ASSERT_EQ(r.code, 0) << r.out;
  int rows = 0;
  for (const char* c : {"c1", "c2", "c3"}) {
    const std::string row = row_of(r.out, c);
    if (row.empty()) continue;
    ++rows;
    EXPECT_TRUE(has(row, "o2")) << row;
  }
  EXPECT_EQ(rows, 1) << r.out;
  EXPECT_TRUE(row_of(r.out, "c4").empty() && row_of(r.out, "c5").empty()) << r.out;
}

TEST(ConsultantTable, UnknownFilterValuesAreInputErrors) {
  pmtest::TempDir tmp("table", "unknown");
  const fs::path inst = small_instance(tmp.path());
  const fs::path json = tmp.path() / "plan.json";
  struct Case {
    std::string args, option, value;
  };
  for (const Case& c : {Case{"--area Vollsmose", "--area", "Vollsmose"}, Case{"--group 9.9", "--group", "9.9"},
                        Case{"--company k9", "--company", "k9"}}) {
    const Outcome r = run("match " + inst.string() + " " + c.args + " --json " + json.string());
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_TRUE(has(r.out, "command line: " + c.option + ": ") && has(r.out, "\"" + c.value + "\"")) << r.out;
    EXPECT_FALSE(fs::exists(json)) << c.args;
  }
  const Outcome r = run("match " + inst.string() + " --area Vollsmose");
  EXPECT_TRUE(has(r.out, "a1, a2")) << r.out;  // the areas there are
}

TEST(ConsultantTable, DefaultIsShortAndAllPrintsEveryRow) {
  pmtest::TempDir tmp("table", "all");
  const fs::path inst = tmp.path() / "inst";
  ASSERT_EQ(run("generate --citizens 200 --openings 60 --seed 11 " + inst.string()).code, 0);
  const fs::path json = tmp.path() / "plan.json";
  const Outcome shortly = run("match " + inst.string() + " --json " + json.string());
  ASSERT_EQ(shortly.code, 0) << shortly.out;
  const auto plan = nlohmann::json::parse(pmtest::slurp(json));
  ASSERT_GT(plan["placements"].size(), 40u);
  ASSERT_GT(plan["unplaced"].size(), 40u);
  const Outcome all = run("match " + inst.string() + " --all");
  ASSERT_EQ(all.code, 0) << all.out;
  std::size_t in_short = 0;
  for (const auto& p : plan["placements"]) {
    const std::string row = row_of(all.out, p["citizen"]);
    EXPECT_TRUE(has(row, " " + std::string(p["opening"]) + " ")) << p["citizen"] << ": " << row;
    in_short += !row_of(shortly.out, p["citizen"]).empty();
  }
  for (const auto& u : plan["unplaced"]) {
    const std::string row = row_of(all.out, u["citizen"]);
    EXPECT_TRUE(has(row, std::string(u["reason_code"]))) << u["citizen"] << ": " << row;
    in_short += !row_of(shortly.out, u["citizen"]).empty();
  }
  EXPECT_EQ(in_short, 80u);  // 40 placements and 40 unplaced by default
  EXPECT_TRUE(has(shortly.out, std::to_string(plan["placements"].size() - 40) + " more placements (--all"))
      << shortly.out;
  EXPECT_FALSE(has(all.out, "--all prints")) << all.out;
}
