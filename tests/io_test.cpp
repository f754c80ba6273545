// Loading and validating instances (placematch/io/files.hpp): every kind of bad input gives its
// located diagnostic, all problems are collected, CSV and JSON give identical instances,
// and no byte sequence breaks the loader. Expected values are written by hand here.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include <unistd.h>

#include "detail/csv.hpp"
#include "placematch/io/files.hpp"

namespace fs = std::filesystem;
using namespace placematch;

namespace {

using Files = std::map<std::string, std::string>;

Files base_files() {
  return {
      {"areas.csv", "id,name,lat,lon\na1,Stenbjergparken,54.92,9.76\na2,\"Kl\xC3\xB8ver-/Hvedemarken\",54.90,9.80\n"},
      {"citizens.csv",
       "id,area,target_group,age,hours,hours_tolerance,max_km,needs_mentor,competences,barriers,"
       "languages,interests,months_unemployed,excluded_companies\n"
       "c1,a1,6.2,30,10,2,15,0,forklift:3;danish:2,language:2,da;ar,retail,12,k2\n"
       "c2,a2,,17,8,,20,1,,,,,,\n"},
      {"companies.csv",
       "id,name,lat,lon,sector,employees,supported_now\nk1,N\xC3\xA6r ApS,54.93,9.77,retail,12,1\n"
       "k2,Fjern,54.99,9.77,logistics,,\n"},
      {"mentors.csv", "id,company,capacity,carrying_now,languages\nm1,k1,2,0,da\nm2,k2,1,,\n"},
      {"openings.csv",
       "id,company,kind,seats,hours_min,hours_max,requires,desires,barrier_limits,groups,age_min,"
       "age_max,mentor_required,sector\n"
       "o1,k1,internship,2,5,37,forklift:2,danish,language:2;anxiety:0,6.2;OTHER,18,65,1,\n"
       "o2,k2,leisure_job,,3,12,,,,,,,0,care\n"},
      {"decisions.csv", "citizen,opening,decision,mentor\nc1,o1,pin,m1\nc2,o2,forbid,\n"},
  };
}

fs::path test_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  // The process id keeps concurrent runs of the suite (several builds) apart.
  fs::path dir = fs::temp_directory_path() / ("placematch_io_test_" + std::to_string(::getpid())) /
                 (std::string(info->test_suite_name()) + "." + info->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

fs::path write_files(const Files& files, const std::string& sub = "inst") {
  fs::path dir = test_dir() / sub;
  fs::create_directories(dir);
  for (const auto& [name, text] : files) {
    std::ofstream out(dir / name, std::ios::binary);
    out << text;
  }
  return dir;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

// Sets one cell of a simple (unquoted) CSV text: physical line `line`, column `column`.
std::string with_cell(const std::string& text, int line, const std::string& column,
                      const std::string& value) {
  auto lines = split(text, '\n');
  auto header = split(lines[0], ',');
  auto cells = split(lines[static_cast<std::size_t>(line - 1)], ',');
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == column) cells[i] = value;
  std::string row;
  for (std::size_t i = 0; i < cells.size(); ++i) row += (i ? "," : "") + cells[i];
  lines[static_cast<std::size_t>(line - 1)] = row;
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
  return out;
}

std::string all(const Diagnostics& ds) {
  std::string s;
  for (const auto& d : ds) s += d.str() + "\n";
  return s;
}

bool has(const Diagnostics& ds, const std::string& where, const std::string& column,
         const std::string& in_message = "") {
  for (const auto& d : ds)
    if (d.where == where && d.column == column && d.message.find(in_message) != std::string::npos)
      return true;
  return false;
}

LoadResult load_with(const std::string& file, int line, const std::string& column,
                     const std::string& value) {
  Files f = base_files();
  f[file] = with_cell(f[file], line, column, value);
  return load_instance(write_files(f));
}

fs::path conformance_dir() {
  const fs::path p(PLACEMATCH_CONFORMANCE_DIR);
  if (fs::exists(p / "rules")) return p;
  return {};
}

}  // namespace

TEST(LoadInstance, ValidInstanceWithDefaults) {
  LoadResult r = load_instance(write_files(base_files()));
  ASSERT_TRUE(r.ok()) << all(r.errors);
  EXPECT_TRUE(r.warnings.empty()) << all(r.warnings);
  const Instance& in = *r.instance;
  ASSERT_EQ(in.areas.size(), 2u);
  EXPECT_EQ(in.areas[1].name, "Kl\xC3\xB8ver-/Hvedemarken");
  EXPECT_DOUBLE_EQ(in.areas[1].lat, 54.90);
  ASSERT_EQ(in.citizens.size(), 2u);
  const Citizen& c1 = in.citizens[0];
  const Citizen& c2 = in.citizens[1];
  EXPECT_EQ(c1.area, 0);
  EXPECT_EQ(c2.area, 1);
  EXPECT_EQ(in.codes.name(c1.target_group), "6.2");
  EXPECT_EQ(in.codes.name(c2.target_group), "OTHER");  // default
  EXPECT_EQ(c1.age, 30);
  EXPECT_DOUBLE_EQ(c1.hours_tolerance, 2);
  EXPECT_DOUBLE_EQ(c2.hours_tolerance, 0);  // default
  EXPECT_FALSE(c1.needs_mentor);
  EXPECT_TRUE(c2.needs_mentor);
  ASSERT_EQ(c1.competences.size(), 2u);
  EXPECT_EQ(level_of(c1.competences, in.codes.find("FORKLIFT")), 3);
  EXPECT_EQ(level_of(c1.competences, in.codes.find("danish")), 2);
  EXPECT_LT(c1.competences[0].code, c1.competences[1].code);  // sorted by code
  EXPECT_EQ(level_of(c1.barriers, in.codes.find("language")), 2);
  EXPECT_TRUE(contains(c1.languages, in.codes.find("ar")));
  EXPECT_TRUE(contains(c1.interests, in.codes.find("retail")));
  EXPECT_EQ(c1.months_unemployed, 12);
  EXPECT_EQ(c2.months_unemployed, 0);
  EXPECT_EQ(c1.excluded_companies, (std::vector<Index>{1}));
  ASSERT_EQ(in.companies.size(), 2u);
  EXPECT_EQ(in.companies[0].name, "N\xC3\xA6r ApS");
  EXPECT_EQ(in.companies[0].employees, 12);
  EXPECT_EQ(in.companies[0].supported_now, 1);
  EXPECT_FALSE(in.companies[1].employees.has_value());
  EXPECT_EQ(in.companies[1].supported_now, 0);
  ASSERT_EQ(in.mentors.size(), 2u);
  EXPECT_EQ(in.mentors[1].company, 1);
  EXPECT_EQ(in.mentors[1].carrying_now, 0);
  ASSERT_EQ(in.openings.size(), 2u);
  const Opening& o1 = in.openings[0];
  const Opening& o2 = in.openings[1];
  EXPECT_EQ(o1.kind, OpeningKind::Internship);
  EXPECT_EQ(o2.kind, OpeningKind::LeisureJob);
  EXPECT_EQ(o1.seats, 2);
  EXPECT_EQ(o2.seats, 1);  // default
  EXPECT_EQ(level_of(o1.required, in.codes.find("forklift")), 2);
  EXPECT_EQ(level_of(o1.desired, in.codes.find("danish")), 1);  // "code" alone = 1
  EXPECT_EQ(level_of(o1.barrier_limits, in.codes.find("anxiety")), 0);
  EXPECT_EQ(o1.barrier_limits.size(), 2u);
  EXPECT_EQ(o1.groups.size(), 2u);
  EXPECT_TRUE(o2.groups.empty());
  EXPECT_EQ(o1.age_min, 18);
  EXPECT_EQ(o1.age_max, 65);
  EXPECT_FALSE(o2.age_min.has_value());
  EXPECT_TRUE(o1.mentor_required);
  EXPECT_EQ(in.codes.name(o1.sector), "retail");  // the company's sector
  EXPECT_EQ(in.codes.name(o2.sector), "care");
  ASSERT_EQ(in.decisions.size(), 2u);
  EXPECT_EQ(in.decisions[0].kind, DecisionKind::Pin);
  EXPECT_EQ(in.decisions[0].mentor, 0);
  EXPECT_EQ(in.decisions[0].where, "decisions.csv:2");
  EXPECT_EQ(in.decisions[1].kind, DecisionKind::Forbid);
  EXPECT_EQ(in.decisions[1].mentor, kNone);
  EXPECT_EQ(in.target_groups.size(), default_target_groups().size());
  EXPECT_EQ(in.opening_index.at("o2"), 1);  // finalized
}

TEST(LoadInstance, AcceptedSpellings) {
  Files f = base_files();
  f["citizens.csv"] = with_cell(f["citizens.csv"], 2, "age", " 30.0 ");  // integral: accepted
  f["citizens.csv"] = with_cell(f["citizens.csv"], 2, "max_km", "1.5e1");
  f["citizens.csv"] = with_cell(f["citizens.csv"], 2, "competences", " Forklift : 3 ;; danish:2; ");
  f["citizens.csv"] = with_cell(f["citizens.csv"], 2, "target_group", "int-shp");
  f["openings.csv"] = with_cell(f["openings.csv"], 2, "kind", "InternShip");
  f["decisions.csv"] = with_cell(f["decisions.csv"], 2, "decision", "PIN");
  LoadResult r = load_instance(write_files(f));
  ASSERT_TRUE(r.ok()) << all(r.errors);
  EXPECT_EQ(r.instance->citizens[0].age, 30);
  EXPECT_DOUBLE_EQ(r.instance->citizens[0].max_km, 15);
  EXPECT_EQ(r.instance->citizens[0].competences.size(), 2u);
  EXPECT_EQ(r.instance->codes.name(r.instance->citizens[0].target_group), "INT-SHP");
}

TEST(LoadInstance, ColumnsInAnyOrderCrlfBomAndQuotes) {
  Files f = base_files();
  f["areas.csv"] = "\xEF\xBB\xBFlon,lat,id,name\r\n9.76,54.92,a1,\"Sten, \"\"bjerg\"\"\r\nparken\"\r\n\r\n9.8,54.9,a2,\r\n";
  LoadResult r = load_instance(write_files(f));
  ASSERT_TRUE(r.ok()) << all(r.errors);
  EXPECT_EQ(r.instance->areas[0].name, "Sten, \"bjerg\"\r\nparken");
  EXPECT_EQ(r.instance->areas[1].id, "a2");
  EXPECT_DOUBLE_EQ(r.instance->areas[1].lon, 9.8);
}

TEST(LoadInstance, HeaderOnlyOptionalAndRequiredFiles) {
  Files f = base_files();
  f["decisions.csv"] = "citizen,opening,decision,mentor\n";
  f.erase("mentors.csv");
  // o1 needs no mentor check here; decisions are empty, so the mentor reference is gone.
  LoadResult r = load_instance(write_files(f));
  ASSERT_TRUE(r.ok()) << all(r.errors);
  EXPECT_TRUE(r.instance->decisions.empty());
  EXPECT_TRUE(r.instance->mentors.empty());
}

struct BadCell {
  std::string file;
  int line;
  std::string column;
  std::string value;
  std::string in_message;  // besides the quoted value
  std::string quoted = "";  // the value the message quotes, when not the whole cell
  bool cascades = false;    // changing an id also breaks references to it
};

TEST(LoadInstance, EveryBadValueIsLocatedAndQuoted) {
  const std::vector<BadCell> cases = {
      {"citizens.csv", 3, "max_km", "-3", "(0, 20000]"},
      {"citizens.csv", 3, "max_km", "0", "(0, 20000]"},
      {"citizens.csv", 3, "max_km", "20000.5", ""},
      {"citizens.csv", 3, "max_km", "abc", ""},
      {"citizens.csv", 3, "hours", "\"20,5\"", "decimal comma"},
      {"citizens.csv", 3, "hours", "NaN", ""},
      {"citizens.csv", 3, "hours", "inf", ""},
      {"citizens.csv", 3, "hours", "-Infinity", ""},
      {"citizens.csv", 3, "hours", "1e999", ""},
      {"citizens.csv", 3, "hours", "01", ""},
      {"citizens.csv", 3, "hours", "+5", ""},
      {"citizens.csv", 3, "hours", ".5", ""},
      {"citizens.csv", 3, "hours", "5.", ""},
      {"citizens.csv", 3, "hours", "0", "(0, 168]"},
      {"citizens.csv", 3, "hours", "168.5", ""},
      {"citizens.csv", 3, "hours_tolerance", "-1", "[0, 168]"},
      {"citizens.csv", 3, "age", "12", "[13, 70]"},
      {"citizens.csv", 3, "age", "71", ""},
      {"citizens.csv", 3, "age", "2.7", "integer"},
      {"citizens.csv", 3, "needs_mentor", "2", "0 or 1"},
      {"citizens.csv", 3, "needs_mentor", "yes", ""},
      {"citizens.csv", 3, "competences", "forklift:6", "[1, 5]"},
      {"citizens.csv", 3, "competences", "forklift:0", ""},
      {"citizens.csv", 3, "competences", "forklift:2.5", ""},
      {"citizens.csv", 3, "competences", "forklift:", ""},
      {"citizens.csv", 3, "competences", "fork lift", ""},
      {"citizens.csv", 3, "competences", "danish;DANISH:2", "twice", "DANISH"},
      {"citizens.csv", 3, "barriers", "language:4", "[1, 3]"},
      {"citizens.csv", 3, "languages", "da;DA", "twice", "DA"},
      {"citizens.csv", 3, "interests", "re/tail", ""},
      {"citizens.csv", 3, "months_unemployed", "1201", "[0, 1200]"},
      {"citizens.csv", 3, "excluded_companies", "k9", "unknown company"},
      {"citizens.csv", 3, "excluded_companies", "k1;k1", "twice", "k1"},
      {"citizens.csv", 3, "area", "atlantis", "unknown area"},
      {"citizens.csv", 3, "target_group", "6.9", "target group"},
      {"citizens.csv", 3, "target_group", "bad!", ""},
      {"citizens.csv", 3, "id", "0101901234", "CPR", "", true},
      {"citizens.csv", 3, "id", "010190-1234", "CPR", "", true},
      {"citizens.csv", 3, "id", "bad id", "", "", true},
      {"citizens.csv", 3, "id", std::string(65, 'x'), "", "", true},
      {"citizens.csv", 3, "id", "c1", "duplicate", "", true},
      {"areas.csv", 3, "lat", "91", "[-90, 90]"},
      {"areas.csv", 3, "lon", "-181", "[-180, 180]"},
      {"areas.csv", 2, "id", "1234567890", "CPR", "", true},
      {"companies.csv", 3, "lon", "180.0001", ""},
      {"companies.csv", 3, "employees", "-1", "[0, 1000000]"},
      {"companies.csv", 3, "employees", "1000001", ""},
      {"companies.csv", 3, "supported_now", "100001", "[0, 100000]"},
      {"companies.csv", 3, "sector", "a;b", ""},
      {"mentors.csv", 3, "capacity", "0", "[1, 10000]"},
      {"mentors.csv", 3, "capacity", "10001", ""},
      {"mentors.csv", 3, "carrying_now", "10001", "[0, 10000]"},
      {"mentors.csv", 3, "company", "k9", "unknown company"},
      {"openings.csv", 3, "kind", "full_time", "internship"},
      {"openings.csv", 3, "seats", "0", "[1, 10000]"},
      {"openings.csv", 3, "seats", "10001", ""},
      {"openings.csv", 3, "hours_max", "2", "hours_min"},
      {"openings.csv", 3, "barrier_limits", "language:4", "[0, 3]"},
      {"openings.csv", 3, "requires", "x:9", ""},
      {"openings.csv", 3, "desires", "x:0", ""},
      {"openings.csv", 3, "groups", "6.9", "target group"},
      {"openings.csv", 3, "groups", "6.2;6.2", "twice", "6.2"},
      {"openings.csv", 3, "age_min", "12", "[13, 70]"},
      {"openings.csv", 3, "age_max", "71", ""},
      {"openings.csv", 3, "mentor_required", "true", "0 or 1"},
      {"openings.csv", 3, "company", "k9", "unknown company"},
      {"decisions.csv", 3, "citizen", "c9", "unknown citizen"},
      {"decisions.csv", 3, "opening", "o9", "unknown opening"},
      {"decisions.csv", 3, "decision", "maybe", "pin or forbid"},
      {"decisions.csv", 2, "mentor", "m9", "unknown mentor"},
      {"decisions.csv", 2, "mentor", "m2", "not at the opening's company"},
      {"decisions.csv", 3, "mentor", "m2", "forbid"},
  };
  for (const BadCell& c : cases) {
    LoadResult r = load_with(c.file, c.line, c.column, c.value);
    const std::string where = c.file + ":" + std::to_string(c.line);
    std::string shown = c.quoted.empty() ? c.value : c.quoted;
    if (shown.size() > 2 && shown.front() == '"') shown = shown.substr(1, shown.size() - 2);
    if (shown.size() > 60) shown = shown.substr(0, 40);
    EXPECT_FALSE(r.ok()) << where << " " << c.column << "=" << c.value;
    EXPECT_FALSE(r.instance.has_value());
    EXPECT_TRUE(has(r.errors, where, c.column, "\"" + shown))
        << where << " " << c.column << "=" << c.value << "\n" << all(r.errors);
    EXPECT_TRUE(has(r.errors, where, c.column, c.in_message))
        << where << " " << c.column << "=" << c.value << "\n" << all(r.errors);
    if (!c.cascades) EXPECT_EQ(r.errors.size(), 1u) << c.column << "=" << c.value << "\n" << all(r.errors);
  }
}

TEST(LoadInstance, ContractExampleMessage) {
  LoadResult r = load_with("citizens.csv", 3, "max_km", "-3");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].str(), "citizens.csv:3: max_km: expected a number in (0, 20000], got \"-3\"");
}

TEST(LoadInstance, RequiredCellsEmpty) {
  for (const auto& [file, column] : std::vector<std::pair<std::string, std::string>>{
           {"citizens.csv", "area"}, {"citizens.csv", "age"}, {"citizens.csv", "max_km"},
           {"areas.csv", "lat"}, {"companies.csv", "id"}, {"mentors.csv", "capacity"},
           {"openings.csv", "kind"}, {"openings.csv", "hours_min"}, {"decisions.csv", "decision"}}) {
    LoadResult r = load_with(file, 2, column, "  ");
    EXPECT_TRUE(has(r.errors, file + ":2", column, "required")) << column << "\n" << all(r.errors);
  }
}

TEST(LoadInstance, PairDecidedTwiceIsLocatedAtTheLaterLine) {
  Files f = base_files();
  f["decisions.csv"] += "c1,o1,forbid,\n";
  LoadResult r = load_instance(write_files(f));
  ASSERT_EQ(r.errors.size(), 1u) << all(r.errors);
  EXPECT_EQ(r.errors[0].where, "decisions.csv:4");
  EXPECT_NE(r.errors[0].message.find("line 2"), std::string::npos);
}

TEST(LoadInstance, FileLevelProblems) {
  {
    Files f = base_files();
    f.erase("citizens.csv");
    LoadResult r = load_instance(write_files(f));
    EXPECT_TRUE(has(r.errors, "citizens.csv:0", "file", "missing")) << all(r.errors);
    EXPECT_EQ(r.errors.size(), 1u) << all(r.errors);  // no cascade of unknown citizens
  }
  {
    Files f = base_files();
    f["openings.csv"] = "";
    LoadResult r = load_instance(write_files(f));
    ASSERT_FALSE(r.errors.empty());
    EXPECT_EQ(r.errors[0].str(), "openings.csv:0: file: empty file, expected a header");
    EXPECT_EQ(r.errors.size(), 1u) << all(r.errors);
  }
  {
    Files f = base_files();
    f["openings.csv"] =
        "id,company,kind,seats,hours_min,requires\no1,k1,internship,2,5,\no2,k2,small_job,1,3,\n";
    LoadResult r = load_instance(write_files(f));
    EXPECT_TRUE(has(r.errors, "openings.csv:1", "hours_max", "required column missing"))
        << all(r.errors);
    EXPECT_EQ(r.errors.size(), 1u) << all(r.errors);  // not once per row
  }
  {
    Files f = base_files();
    f["areas.csv"] = "id,name,lat,lon,lat\na1,x,1,2,3\na2,y,1,2,3\n";
    LoadResult r = load_instance(write_files(f));
    EXPECT_TRUE(has(r.errors, "areas.csv:1", "lat", "twice")) << all(r.errors);
  }
  {
    Files f = base_files();
    f["mentors.csv"] = "id,company,capacity,needs_mentr,colour\nm1,k1,2,1,red\nm2,k2,1,0,blue\n";
    LoadResult r = load_instance(write_files(f));
    ASSERT_TRUE(r.ok()) << all(r.errors);
    ASSERT_EQ(r.warnings.size(), 2u);
    EXPECT_EQ(r.warnings[0].str(), "mentors.csv:1: needs_mentr: unknown column, ignored");
    EXPECT_EQ(r.warnings[1].where, "mentors.csv:1");
    EXPECT_EQ(r.warnings[1].column, "colour");
  }
  {
    Files f = base_files();
    f["citizens.csv"] += "c3,a1,6.2,30\n";
    LoadResult r = load_instance(write_files(f));
    EXPECT_TRUE(has(r.errors, "citizens.csv:4", "row", "14")) << all(r.errors);
  }
  {
    Files f = base_files();
    f["areas.csv"] += "a3,\"open,1,2\n";
    LoadResult r = load_instance(write_files(f));
    EXPECT_TRUE(has(r.errors, "areas.csv:4", "name", "unterminated")) << all(r.errors);
  }
  {
    Files f = base_files();
    f["companies.csv"] += "k3,\"x\"y,1,2,,,\n";
    LoadResult r = load_instance(write_files(f));
    EXPECT_TRUE(has(r.errors, "companies.csv:4", "name", "after a closing quote")) << all(r.errors);
  }
  {
    Files f = base_files();
    f["companies.csv"] += "k3,Bad\xFE,1,2,,,\n";
    LoadResult r = load_instance(write_files(f));
    EXPECT_TRUE(has(r.errors, "companies.csv:4", "name", "UTF-8")) << all(r.errors);
  }
  {
    LoadResult r = load_instance(test_dir() / "does-not-exist");
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].column, "file");
  }
}

TEST(LoadInstance, EveryErrorIsReportedAndSorted) {
  Files f = base_files();
  f["openings.csv"] = with_cell(f["openings.csv"], 3, "seats", "0");
  f["citizens.csv"] = with_cell(f["citizens.csv"], 3, "age", "99");
  f["citizens.csv"] = with_cell(f["citizens.csv"], 3, "hours", "-1");
  f["citizens.csv"] = with_cell(f["citizens.csv"], 2, "max_km", "x");
  f["areas.csv"] = with_cell(f["areas.csv"], 3, "lat", "100");
  f["decisions.csv"] = with_cell(f["decisions.csv"], 2, "decision", "nope");
  LoadResult r = load_instance(write_files(f));
  std::vector<std::string> got;
  for (const auto& d : r.errors) got.push_back(d.where + " " + d.column);
  EXPECT_EQ(got, (std::vector<std::string>{"areas.csv:3 lat", "citizens.csv:2 max_km",
                                           "citizens.csv:3 age", "citizens.csv:3 hours",
                                           "openings.csv:3 seats", "decisions.csv:2 decision"}))
      << all(r.errors);
}

TEST(LoadInstance, TargetGroupsFile) {
  Files f = base_files();
  f["target_groups.csv"] = "code,name\n6.2,job-ready\nOTHER,others\nYOUTH,youths\n";
  LoadResult r = load_instance(write_files(f));
  ASSERT_TRUE(r.ok()) << all(r.errors);
  EXPECT_EQ(r.instance->target_groups.size(), 3u);
  EXPECT_EQ(r.instance->target_group_code("6.1"), kNone);
  f["target_groups.csv"] = "code,name\n6.2,job-ready\nyouth,x\nYOUTH,youths\n";
  r = load_instance(write_files(f, "second"));
  EXPECT_TRUE(has(r.errors, "target_groups.csv:4", "code", "duplicate")) << all(r.errors);
  // Without OTHER the default of c2 (no target_group) and o1's group OTHER are unknown.
  EXPECT_TRUE(has(r.errors, "citizens.csv:3", "target_group", "OTHER")) << all(r.errors);
  EXPECT_TRUE(has(r.errors, "openings.csv:2", "groups", "OTHER")) << all(r.errors);
}

TEST(LoadInstance, BothFormatsInOneFolderIsAmbiguous) {
  Files f = base_files();
  f["instance.json"] = "{}";
  LoadResult r = load_instance(write_files(f));
  ASSERT_EQ(r.errors.size(), 1u) << all(r.errors);
  EXPECT_EQ(r.errors[0].where, "instance.json:0");
  EXPECT_EQ(r.errors[0].column, "file");
}

TEST(LoadInstanceJson, LocatedByRecordIndex) {
  const std::string json = R"({
    "areas": [{"id": "a1", "lat": 54.9, "lon": 9.7}],
    "citizens": [
      {"id": "c1", "area": "a1", "age": 30, "hours": 10, "max_km": 5, "needs_mentor": true,
       "competences": ["danish:2", "Forklift"], "languages": "da;ar"},
      {"id": "c2", "area": "a1", "age": "31", "hours": 10, "max_km": -3, "needs_mentor": 1,
       "barriers": null, "shoe_size": 44}
    ],
    "companies": [{"id": "k1", "lat": 54.9, "lon": 9.7, "employees": 2.5}],
    "openings": [{"id": "o1", "company": "k1", "kind": "small_job", "hours_min": 5,
                  "hours_max": 10, "mentor_required": "yes"}],
    "decisions": [{"citizen": "c1", "opening": "o1", "decision": "pin"},
                  {"citizen": "c1", "opening": "o1", "decision": "forbid"}],
    "extra": 1
  })";
  fs::path dir = test_dir();
  std::ofstream(dir / "instance.json") << json;
  LoadResult r = load_instance(dir);  // a folder holding instance.json
  EXPECT_TRUE(has(r.errors, "instance.json:citizens[1]", "max_km", "\"-3\"")) << all(r.errors);
  EXPECT_TRUE(has(r.errors, "instance.json:companies[0]", "employees", "\"2.5\"")) << all(r.errors);
  EXPECT_TRUE(has(r.errors, "instance.json:openings[0]", "mentor_required", "\"yes\"")) << all(r.errors);
  EXPECT_TRUE(has(r.errors, "instance.json:decisions[1]", "opening", "decisions[0]")) << all(r.errors);
  EXPECT_EQ(r.errors.size(), 4u) << all(r.errors);
  EXPECT_TRUE(has(r.warnings, "instance.json:citizens[1]", "shoe_size", "unknown"));
  EXPECT_TRUE(has(r.warnings, "instance.json:0", "file", "extra"));
}

TEST(LoadInstanceJson, FileLevelProblems) {
  fs::path dir = test_dir();
  auto load_text = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name, std::ios::binary) << text;
    return load_instance(dir / name);  // the file's own path
  };
  LoadResult r = load_text("a.json", "{\"areas\": [");
  ASSERT_EQ(r.errors.size(), 1u) << all(r.errors);
  EXPECT_EQ(r.errors[0].where, "a.json:0");
  r = load_text("b.json", "[1, 2]");
  ASSERT_EQ(r.errors.size(), 1u) << all(r.errors);
  r = load_text("c.json", "");
  ASSERT_EQ(r.errors.size(), 1u) << all(r.errors);
  r = load_text("d.json", std::string(100000, '['));
  ASSERT_EQ(r.errors.size(), 1u) << all(r.errors);
  r = load_text("e.json", R"({"areas": [], "companies": [], "openings": {}})");
  EXPECT_TRUE(has(r.errors, "e.json:0", "file", "\"citizens\"")) << all(r.errors);
  EXPECT_TRUE(has(r.errors, "e.json:0", "file", "\"openings\"")) << all(r.errors);
  r = load_text("f.json", R"({"areas": [], "citizens": [], "companies": [], "openings": []})");
  EXPECT_TRUE(r.ok()) << all(r.errors);
}

namespace {

// Field-by-field equality of two instances; codes compared by name, references by id.
void expect_same(const Instance& a, const Instance& b) {
  auto code = [](const Instance& in, CodeId c) { return c == kNone ? std::string("-") : in.codes.name(c); };
  auto levels = [&](const Instance& in, const CodeLevels& l) {
    std::map<std::string, int> m;
    for (const auto& e : l) m[in.codes.name(e.code)] = e.level;
    return m;
  };
  auto codes = [&](const Instance& in, const Codes& l) {
    std::set<std::string> s;
    for (CodeId c : l) s.insert(in.codes.name(c));
    return s;
  };
  ASSERT_EQ(a.areas.size(), b.areas.size());
  for (std::size_t i = 0; i < a.areas.size(); ++i) {
    EXPECT_EQ(a.areas[i].id, b.areas[i].id);
    EXPECT_EQ(a.areas[i].name, b.areas[i].name);
    EXPECT_EQ(a.areas[i].lat, b.areas[i].lat);
    EXPECT_EQ(a.areas[i].lon, b.areas[i].lon);
  }
  ASSERT_EQ(a.citizens.size(), b.citizens.size());
  for (std::size_t i = 0; i < a.citizens.size(); ++i) {
    const Citizen &x = a.citizens[i], &y = b.citizens[i];
    SCOPED_TRACE(x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(a.areas[x.area].id, b.areas[y.area].id);
    EXPECT_EQ(code(a, x.target_group), code(b, y.target_group));
    EXPECT_EQ(x.age, y.age);
    EXPECT_EQ(x.hours, y.hours);
    EXPECT_EQ(x.hours_tolerance, y.hours_tolerance);
    EXPECT_EQ(x.max_km, y.max_km);
    EXPECT_EQ(x.needs_mentor, y.needs_mentor);
    EXPECT_EQ(levels(a, x.competences), levels(b, y.competences));
    EXPECT_EQ(levels(a, x.barriers), levels(b, y.barriers));
    EXPECT_EQ(codes(a, x.languages), codes(b, y.languages));
    EXPECT_EQ(codes(a, x.interests), codes(b, y.interests));
    EXPECT_EQ(x.months_unemployed, y.months_unemployed);
    ASSERT_EQ(x.excluded_companies.size(), y.excluded_companies.size());
    for (std::size_t k = 0; k < x.excluded_companies.size(); ++k)
      EXPECT_EQ(a.companies[x.excluded_companies[k]].id, b.companies[y.excluded_companies[k]].id);
  }
  ASSERT_EQ(a.companies.size(), b.companies.size());
  for (std::size_t i = 0; i < a.companies.size(); ++i) {
    const Company &x = a.companies[i], &y = b.companies[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.lat, y.lat);
    EXPECT_EQ(x.lon, y.lon);
    EXPECT_EQ(code(a, x.sector), code(b, y.sector));
    EXPECT_EQ(x.employees, y.employees);
    EXPECT_EQ(x.supported_now, y.supported_now);
  }
  ASSERT_EQ(a.mentors.size(), b.mentors.size());
  for (std::size_t i = 0; i < a.mentors.size(); ++i) {
    const Mentor &x = a.mentors[i], &y = b.mentors[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(a.companies[x.company].id, b.companies[y.company].id);
    EXPECT_EQ(x.capacity, y.capacity);
    EXPECT_EQ(x.carrying_now, y.carrying_now);
    EXPECT_EQ(codes(a, x.languages), codes(b, y.languages));
  }
  ASSERT_EQ(a.openings.size(), b.openings.size());
  for (std::size_t i = 0; i < a.openings.size(); ++i) {
    const Opening &x = a.openings[i], &y = b.openings[i];
    SCOPED_TRACE(x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(a.companies[x.company].id, b.companies[y.company].id);
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.seats, y.seats);
    EXPECT_EQ(x.hours_min, y.hours_min);
    EXPECT_EQ(x.hours_max, y.hours_max);
    EXPECT_EQ(levels(a, x.required), levels(b, y.required));
    EXPECT_EQ(levels(a, x.desired), levels(b, y.desired));
    EXPECT_EQ(levels(a, x.barrier_limits), levels(b, y.barrier_limits));
    EXPECT_EQ(codes(a, x.groups), codes(b, y.groups));
    EXPECT_EQ(x.age_min, y.age_min);
    EXPECT_EQ(x.age_max, y.age_max);
    EXPECT_EQ(x.mentor_required, y.mentor_required);
    EXPECT_EQ(code(a, x.sector), code(b, y.sector));
  }
  ASSERT_EQ(a.decisions.size(), b.decisions.size());
  for (std::size_t i = 0; i < a.decisions.size(); ++i) {
    const Decision &x = a.decisions[i], &y = b.decisions[i];
    EXPECT_EQ(a.citizens[x.citizen].id, b.citizens[y.citizen].id);
    EXPECT_EQ(a.openings[x.opening].id, b.openings[y.opening].id);
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.mentor == kNone ? "-" : a.mentors[x.mentor].id,
              y.mentor == kNone ? "-" : b.mentors[y.mentor].id);
  }
  ASSERT_EQ(a.target_groups.size(), b.target_groups.size());
  for (std::size_t i = 0; i < a.target_groups.size(); ++i) {
    EXPECT_EQ(code(a, a.target_groups[i].code), code(b, b.target_groups[i].code));
    EXPECT_EQ(a.target_groups[i].name, b.target_groups[i].name);
  }
}

}  // namespace

TEST(LoadConformance, CsvAndJsonGiveIdenticalInstances) {
  const fs::path kit = conformance_dir();
  if (kit.empty()) GTEST_SKIP() << "conformance kit not found";
  LoadResult csv = load_instance(kit / "rules");
  LoadResult json = load_instance(kit / "rules-json");
  LoadResult json_file = load_instance(kit / "rules-json" / "instance.json");
  ASSERT_TRUE(csv.ok()) << all(csv.errors);
  ASSERT_TRUE(json.ok()) << all(json.errors);
  ASSERT_TRUE(json_file.ok()) << all(json_file.errors);
  EXPECT_TRUE(csv.warnings.empty()) << all(csv.warnings);
  EXPECT_TRUE(json.warnings.empty()) << all(json.warnings);
  EXPECT_GT(csv.instance->citizens.size(), 10u);
  expect_same(*csv.instance, *json.instance);
  expect_same(*csv.instance, *json_file.instance);
}

TEST(LoadConformance, BrokenCopiesAreLocated) {
  const fs::path kit = conformance_dir();
  if (kit.empty()) GTEST_SKIP() << "conformance kit not found";
  std::ifstream in(kit / "errors" / "expected.csv");
  std::string line;
  std::getline(in, line);  // header
  int checked = 0;
  while (std::getline(in, line)) {
    const auto comma = line.find(',');
    const std::string name = line.substr(0, comma), location = line.substr(comma + 1);
    // Pins that break a rule of section 2 are checked after loading, by the rules.
    if (name == "pin-breaks-rule") continue;
    LoadResult r = load_instance(kit / "errors" / name);
    EXPECT_FALSE(r.ok()) << name;
    bool hit = false;
    for (const auto& d : r.errors) hit = hit || d.str().rfind(location, 0) == 0;
    EXPECT_TRUE(hit) << name << ": no error starting with '" << location << "'\n" << all(r.errors);
    ++checked;
  }
  EXPECT_GE(checked, 10);
  LoadResult r = load_instance(kit / "errors" / "pin-and-forbid");
  EXPECT_TRUE(has(r.errors, "decisions.csv:5", "opening", "line 3")) << all(r.errors);
}

TEST(LoadRobustness, MutatedFilesNeverBreakTheLoader) {
  std::mt19937 rng(4817);
  const Files base = base_files();
  fs::path dir = test_dir();
  const std::string json_base = R"({"areas": [{"id": "a1", "lat": 54.9, "lon": 9.7}], "citizens": [{"id": "c1", "area": "a1", "age": 30, "hours": 10, "max_km": 5, "competences": ["danish:2"]}], "companies": [{"id": "k1", "lat": 54.9, "lon": 9.7}], "openings": [{"id": "o1", "company": "k1", "kind": "small_job", "hours_min": 5, "hours_max": 10}]})";
  const std::string specials = std::string("\",;:\r\n\0\xFF\xC3{}[]-.e9 ", 19);
  int rejected = 0;
  for (int round = 0; round < 300; ++round) {
    Files f = base;
    std::string* target;
    std::string json = json_base;
    const bool use_json = round % 4 == 3;
    if (use_json) {
      target = &json;
    } else {
      auto it = f.begin();
      std::advance(it, rng() % f.size());
      target = &it->second;
    }
    const int edits = 1 + static_cast<int>(rng() % 6);
    for (int e = 0; e < edits; ++e) {
      const std::size_t pos = target->empty() ? 0 : rng() % target->size();
      const char c = (rng() % 2) ? specials[rng() % specials.size()] : static_cast<char>(rng() % 256);
      switch (rng() % 4) {
        case 0: if (!target->empty()) (*target)[pos] = c; break;
        case 1: target->insert(pos, 1, c); break;
        case 2: if (!target->empty()) target->erase(pos, 1 + rng() % 8); break;
        case 3: target->resize(pos); break;
      }
    }
    const fs::path sub = dir / std::to_string(round);
    fs::create_directories(sub);
    if (use_json) {
      std::ofstream(sub / "instance.json", std::ios::binary) << json;
    } else {
      for (const auto& [name, text] : f) std::ofstream(sub / name, std::ios::binary) << text;
    }
    LoadResult r;
    ASSERT_NO_THROW(r = load_instance(sub)) << round;
    EXPECT_EQ(r.ok(), r.errors.empty()) << round;
    rejected += !r.ok();
    for (const auto& d : r.errors) {
      for (char ch : d.str())  // one line per problem, no control bytes
        EXPECT_TRUE(static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7F) << round << d.str();
      EXPECT_EQ(detail::find_invalid_utf8(d.str()), std::string_view::npos) << round << d.str();
      EXPECT_FALSE(d.column.empty()) << round;
    }
    for (const auto& d : r.warnings)
      for (char ch : d.str()) EXPECT_TRUE(static_cast<unsigned char>(ch) >= 0x20) << round << d.str();
    // Input files are never modified.
    if (use_json) {
      std::ifstream back(sub / "instance.json", std::ios::binary);
      std::stringstream ss;
      ss << back.rdbuf();
      EXPECT_EQ(ss.str(), json);
    }
  }
  // The mutations do bite: most copies are rejected, a few survive (e.g. edits in names).
  EXPECT_GT(rejected, 150);
  EXPECT_LT(rejected, 300);
}

TEST(LoadRobustness, HugeCellsAndListsStayLinear) {
  Files f = base_files();
  // A list of 999 distinct codes plus one repeat (1,000 items: the limit), a 1 MiB quoted
  // name (over the cell limit of 64 KiB: limits_test.cpp), NUL bytes.
  std::string list;
  for (int i = 0; i < 999; ++i) list += "c" + std::to_string(i) + ";";
  list += "c7";
  f["citizens.csv"] = with_cell(f["citizens.csv"], 2, "languages", list);
  f["companies.csv"] += "k3,\"" + std::string(1 << 20, 'n') + "\",1,2,,,\n";
  f["areas.csv"] += std::string("a3,x\0y,1,2\n", 11);
  LoadResult r = load_instance(write_files(f));
  EXPECT_TRUE(has(r.errors, "citizens.csv:2", "languages", "\"c7\"")) << all(r.errors);
  EXPECT_TRUE(has(r.errors, "areas.csv:4", "name", "NUL")) << all(r.errors);
  EXPECT_TRUE(has(r.errors, "companies.csv:4", "name", "limit")) << all(r.errors);
  EXPECT_EQ(r.errors.size(), 3u) << all(r.errors);  // one per cell
}

TEST(LoadInstance, BrokenTargetGroupsFileDoesNotCascade) {
  Files f = base_files();
  f["target_groups.csv"] = "";
  LoadResult r = load_instance(write_files(f));
  ASSERT_EQ(r.errors.size(), 1u) << all(r.errors);
  EXPECT_EQ(r.errors[0].str(), "target_groups.csv:0: file: empty file, expected a header");
}

TEST(LoadInstance, InputFilesAreNotModified) {
  Files f = base_files();
  f["citizens.csv"] = with_cell(f["citizens.csv"], 3, "age", "5");
  const fs::path dir = write_files(f);
  LoadResult r = load_instance(dir);
  EXPECT_FALSE(r.ok());
  for (const auto& [name, text] : f) {
    std::ifstream in(dir / name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_EQ(ss.str(), text) << name;
  }
  std::size_t count = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++count;
  EXPECT_EQ(count, f.size());  // nothing written beside them
}

TEST(LoadInstance, OrThrowCarriesEveryError) {
  Files f = base_files();
  f["citizens.csv"] = with_cell(f["citizens.csv"], 2, "age", "5");
  f["citizens.csv"] = with_cell(f["citizens.csv"], 3, "age", "99");
  const fs::path bad = write_files(f, "bad");
  try {
    (void)load_instance_or_throw(bad);
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.errors().size(), 2u);
    EXPECT_EQ(e.errors()[0].where, "citizens.csv:2");
    EXPECT_EQ(e.errors()[1].where, "citizens.csv:3");
  }
  EXPECT_EQ(load_instance_or_throw(write_files(base_files(), "good")).citizens.size(), 2u);
}
