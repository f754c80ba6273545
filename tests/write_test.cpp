// Instance writers: RFC 4180 quoting, exact numbers, round trips through the loaders,
// the JSON shape, and atomic file writes.
#include <gtest/gtest.h>

#include "test_files.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "placematch/io/files.hpp"
#include "placematch/model/instance.hpp"

namespace fs = std::filesystem;
using namespace placematch;

namespace {

// A scratch folder of this suite.
struct TempDir : pmtest::TempDir {
  explicit TempDir(const std::string& name) : pmtest::TempDir("write_test", name) {}
};
using pmtest::slurp;

/// A small instance exercising every column, with awkward text and numbers.
Instance awkward_instance() {
  Instance in;
  for (const auto& [code, name] : default_target_groups()) in.target_groups.push_back({in.codes.intern(code), name});
  const CodeId danish = in.codes.intern("danish"), forklift = in.codes.intern("Forklift"),
               language = in.codes.intern("language"), anxiety = in.codes.intern("anxiety"),
               da = in.codes.intern("da"), ar = in.codes.intern("ar"), retail = in.codes.intern("retail"),
               g63 = in.codes.intern("6.3"), gint = in.codes.intern("INT-SHP");
  in.areas.push_back({"stenbjergparken", "Stenbjergparken, \"syd\"", 54.9226, 9.7668});
  in.areas.push_back({"A.b-c_1", "line\nbreak\r\nand  inner spaces", 0.1, -0.30000000000000004});
  Company k1{"k1", "Hansen & Søn, Tømrer", 54.93, 9.7668, retail, 12, 1};
  Company k2{"K1", "", 54.99123456789012, 9.1, kNone, std::nullopt, 0};
  in.companies = {k1, k2};
  Citizen c;
  c.id = "c1";
  c.area = 0;
  c.target_group = g63;
  c.age = 34;
  c.hours = 7.5;
  c.hours_tolerance = 2.5;
  c.max_km = 7.494548407740246;
  c.needs_mentor = true;
  c.competences = {{danish, 2}, {forklift, 3}};
  c.barriers = {{language, 2}, {anxiety, 3}};
  c.languages = {da, ar};
  c.interests = {retail};
  c.months_unemployed = 30;
  c.excluded_companies = {1};
  in.citizens.push_back(c);
  Citizen d;
  d.id = "c2";
  d.area = 1;
  d.target_group = gint;
  d.age = 13;
  d.hours = 1e-3;
  d.max_km = 20000;
  in.citizens.push_back(d);
  in.mentors.push_back({"m1", 0, 2, 1, {da, ar}});
  Opening o;
  o.id = "o1";
  o.company = 0;
  o.kind = OpeningKind::WageSubsidy;
  o.seats = 3;
  o.hours_min = 5;
  o.hours_max = 37.25;
  o.required = {{danish, 1}};
  o.desired = {{forklift, 2}};
  o.barrier_limits = {{language, 2}, {anxiety, 0}};
  o.groups = {g63, gint};
  o.age_min = 18;
  o.age_max = 60;
  o.mentor_required = true;
  o.sector = retail;
  in.openings.push_back(o);
  Opening p;
  p.id = "o2";
  p.company = 1;
  p.kind = OpeningKind::LeisureJob;
  p.hours_min = 3;
  p.hours_max = 12;
  p.sector = in.codes.intern("kitchen");
  in.openings.push_back(p);
  in.decisions.push_back({1, 1, DecisionKind::Forbid, kNone, {}});
  in.decisions.push_back({0, 0, DecisionKind::Pin, 0, {}});
  in.finalize();
  return in;
}

}  // namespace

TEST(WriteInstanceCsv, QuotesCellsThatNeedIt) {
  TempDir dir("quote");
  write_instance_csv(awkward_instance(), dir.path());
  const std::string areas = slurp(dir.path() / "areas.csv");
  EXPECT_EQ(areas,
            "id,name,lat,lon\n"
            "stenbjergparken,\"Stenbjergparken, \"\"syd\"\"\",54.9226,9.7668\n"
            "A.b-c_1,\"line\nbreak\r\nand  inner spaces\",0.1,-0.30000000000000004\n");
  const std::string companies = slurp(dir.path() / "companies.csv");
  EXPECT_EQ(companies,
            "id,name,lat,lon,sector,employees,supported_now\n"
            "k1,\"Hansen & Søn, Tømrer\",54.93,9.7668,retail,12,1\n"
            "K1,,54.99123456789012,9.1,,,0\n");
}

TEST(WriteInstanceCsv, WritesTheContractsColumnsAndLists) {
  TempDir dir("columns");
  write_instance_csv(awkward_instance(), dir.path());
  EXPECT_EQ(slurp(dir.path() / "citizens.csv"),
            "id,area,target_group,age,hours,hours_tolerance,max_km,needs_mentor,competences,barriers,"
            "languages,interests,months_unemployed,excluded_companies\n"
            "c1,stenbjergparken,6.3,34,7.5,2.5,7.494548407740246,1,danish:2;Forklift:3,language:2;anxiety:3,"
            "da;ar,retail,30,K1\n"
            "c2,A.b-c_1,INT-SHP,13,0.001,0,20000,0,,,,,0,\n");
  EXPECT_EQ(slurp(dir.path() / "openings.csv"),
            "id,company,kind,seats,hours_min,hours_max,requires,desires,barrier_limits,groups,age_min,"
            "age_max,mentor_required,sector\n"
            "o1,k1,wage_subsidy,3,5,37.25,danish:1,Forklift:2,language:2;anxiety:0,6.3;INT-SHP,18,60,1,retail\n"
            "o2,K1,leisure_job,1,3,12,,,,,,,0,kitchen\n");
  EXPECT_EQ(slurp(dir.path() / "mentors.csv"), "id,company,capacity,carrying_now,languages\nm1,k1,2,1,da;ar\n");
  EXPECT_EQ(slurp(dir.path() / "decisions.csv"),
            "citizen,opening,decision,mentor\nc2,o2,forbid,\nc1,o1,pin,m1\n");
  const std::string groups = slurp(dir.path() / "target_groups.csv");
  EXPECT_EQ(groups.substr(0, 10), "code,name\n");
  EXPECT_EQ(std::count(groups.begin(), groups.end(), '\n'), 10);
}

TEST(WriteInstanceCsv, NumbersReadBackExactly) {
  // Shortest round-trip text: the written cell parses back to the very same double.
  Instance in = awkward_instance();
  const double values[] = {0.1, 1.0 / 3.0, 54.92261234567891, 1e-7, 2.5e-5, 123456.789, 9.999999999999999};
  for (std::size_t i = 0; i < std::size(values); ++i) {
    in.areas[0].lat = values[i] / 10;
    in.citizens[0].max_km = values[i];
    TempDir dir("numbers" + std::to_string(i));
    write_instance_csv(in, dir.path());
    std::istringstream rows(slurp(dir.path() / "citizens.csv"));
    std::string header, row;
    std::getline(rows, header);
    std::getline(rows, row);
    // max_km is the 7th cell; no cell before it is quoted.
    std::size_t pos = 0;
    for (int cell = 0; cell < 6; ++cell) pos = row.find(',', pos) + 1;
    const std::string cell = row.substr(pos, row.find(',', pos) - pos);
    EXPECT_EQ(std::strtod(cell.c_str(), nullptr), values[i]) << cell;
    EXPECT_LE(cell.size(), 24u) << cell;
  }
}

TEST(WriteInstanceCsv, EmptyInstanceWritesHeadersAndLeavesDefaultGroupsOut) {
  TempDir dir("empty");
  Instance in;
  in.finalize();
  write_instance_csv(in, dir.path() / "nested" / "folder");
  const fs::path out = dir.path() / "nested" / "folder";
  EXPECT_EQ(slurp(out / "areas.csv"), "id,name,lat,lon\n");
  EXPECT_EQ(slurp(out / "decisions.csv"), "citizen,opening,decision,mentor\n");
  EXPECT_FALSE(fs::exists(out / "target_groups.csv"));  // absent: the contract's default set
  LoadResult r = load_instance(out);
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].str());
}

TEST(WriteInstanceCsv, RoundTripThroughTheLoader) {
  TempDir dir("roundtrip");
  const Instance in = awkward_instance();
  write_instance_csv(in, dir.path());
  LoadResult r = load_instance(dir.path());
  ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "no instance" : r.errors[0].str());
  const Instance& back = *r.instance;
  ASSERT_EQ(back.areas.size(), 2u);
  EXPECT_EQ(back.areas[1].name, "line\nbreak\r\nand  inner spaces");
  EXPECT_EQ(back.areas[1].lon, -0.30000000000000004);
  EXPECT_EQ(back.companies[0].name, "Hansen & Søn, Tømrer");
  EXPECT_EQ(back.companies[1].id, "K1");
  EXPECT_FALSE(back.companies[1].employees.has_value());
  EXPECT_EQ(back.citizens[0].max_km, 7.494548407740246);
  EXPECT_EQ(back.citizens[1].hours, 1e-3);
  EXPECT_EQ(level_of(back.citizens[0].competences, back.codes.find("FORKLIFT")), 3);
  ASSERT_EQ(back.openings[0].barrier_limits.size(), 2u);  // anxiety:0 is a limit, not "absent"
  EXPECT_EQ(level_of(back.openings[0].barrier_limits, back.codes.find("language")), 2);
  EXPECT_EQ(back.openings[0].age_max, 60);
  EXPECT_TRUE(back.openings[0].mentor_required);
  EXPECT_EQ(back.citizens[0].excluded_companies, std::vector<Index>{1});
  ASSERT_EQ(back.decisions.size(), 2u);
  EXPECT_EQ(back.decisions[1].kind, DecisionKind::Pin);
  EXPECT_EQ(back.mentors[static_cast<std::size_t>(back.decisions[1].mentor)].id, "m1");
}

TEST(WriteInstanceJson, HasTheContractsShapeAndLoadsBack) {
  TempDir dir("json");
  const fs::path file = dir.path() / "instance.json";
  write_instance_json(awkward_instance(), file);
  const nlohmann::json j = nlohmann::json::parse(slurp(file));
  ASSERT_TRUE(j.is_object());
  for (const char* key : {"areas", "citizens", "companies", "mentors", "openings", "decisions", "target_groups"})
    ASSERT_TRUE(j.contains(key) && j[key].is_array()) << key;
  const auto& c = j["citizens"][0];
  EXPECT_EQ(c["needs_mentor"], true);
  EXPECT_EQ(c["competences"], nlohmann::json::array({"danish:2", "Forklift:3"}));
  EXPECT_EQ(c["languages"], nlohmann::json::array({"da", "ar"}));
  EXPECT_EQ(c["excluded_companies"], nlohmann::json::array({"K1"}));
  EXPECT_EQ(c["max_km"].get<double>(), 7.494548407740246);
  EXPECT_EQ(j["openings"][0]["mentor_required"], true);
  EXPECT_EQ(j["openings"][0]["groups"], nlohmann::json::array({"6.3", "INT-SHP"}));
  EXPECT_FALSE(j["companies"][1].contains("employees"));  // not given: left out
  EXPECT_EQ(j["decisions"][1]["mentor"], "m1");
  EXPECT_EQ(j["areas"][1]["name"], "line\nbreak\r\nand  inner spaces");

  LoadResult r = load_instance(file);
  ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "no instance" : r.errors[0].str());
  EXPECT_EQ(r.instance->areas[0].name, "Stenbjergparken, \"syd\"");
  EXPECT_EQ(r.instance->citizens[0].max_km, 7.494548407740246);
}

TEST(WriteFileAtomically, ReplacesTheFileAndLeavesNoTemporaryFiles) {
  TempDir dir("atomic");
  const fs::path target = dir.path() / "out.csv";
  write_file_atomically(target, "old content that is longer\n");
  write_file_atomically(target, "new\n");
  EXPECT_EQ(slurp(target), "new\n");
  int entries = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    ++entries;
    EXPECT_EQ(e.path().filename(), "out.csv");
  }
  EXPECT_EQ(entries, 1);
}

TEST(WriteFileAtomically, MissingFolderThrowsAndCreatesNothing) {
  TempDir dir("missing");
  const fs::path target = dir.path() / "no_such_folder" / "out.csv";
  EXPECT_THROW(write_file_atomically(target, "x"), std::runtime_error);
  EXPECT_FALSE(fs::exists(dir.path() / "no_such_folder"));
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(WriteFileAtomically, FailedRenameKeepsTheOldEntryAndRemovesTheTemporaryFile) {
  TempDir dir("rename");
  // The target is a non-empty folder: the temporary file is written, the rename fails.
  const fs::path target = dir.path() / "out.csv";
  fs::create_directories(target);
  { std::ofstream(target / "keep.txt") << "precious"; }
  EXPECT_THROW(write_file_atomically(target, "new content"), std::runtime_error);
  EXPECT_TRUE(fs::is_directory(target));
  EXPECT_EQ(slurp(target / "keep.txt"), "precious");
  int entries = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    ++entries;
    EXPECT_EQ(e.path().filename(), "out.csv");
  }
  EXPECT_EQ(entries, 1);
}

TEST(WriteInstanceCsv, ExistingFilesStayIntactWhenTheFolderCannotBeWritten) {
  TempDir dir("intact");
  // A file where the folder should be: nothing can be written, nothing is changed.
  const fs::path blocker = dir.path() / "instance";
  { std::ofstream(blocker) << "not a folder"; }
  EXPECT_THROW(write_instance_csv(awkward_instance(), blocker), std::runtime_error);
  EXPECT_EQ(slurp(blocker), "not a folder");
}
