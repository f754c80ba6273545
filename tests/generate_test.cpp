// The synthetic instance generator and the bundled Sønderborg sample: determinism,
// validity under the loader's validation, exact round trips through CSV and JSON, and
// the sample's counts against the agreement's table (typed in here as the oracle).
#include <gtest/gtest.h>

#include "test_files.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "placematch/synth/generate.hpp"
#include "placematch/io/files.hpp"
#include "placematch/model/instance.hpp"

namespace fs = std::filesystem;
using namespace placematch;

namespace {

// A scratch folder of this suite.
struct TempDir : pmtest::TempDir {
  explicit TempDir(const std::string& name) : pmtest::TempDir("generate_test", name) {}
};
using pmtest::slurp;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// An exact, representation-independent description of an instance: ids instead of
/// indices, lower-cased code names instead of code ids (lists sorted by name), doubles
/// in hexadecimal. Written here, independently of the writers, so that two instances
/// describe equal exactly when every field is equal.
class Describer {
 public:
  explicit Describer(const Instance& in) : in_(in) {}

  std::vector<std::string> operator()() const {
    std::vector<std::string> out;
    for (const Area& a : in_.areas) out.push_back("A|" + a.id + "|" + a.name + "|" + num(a.lat) + "|" + num(a.lon));
    for (const Citizen& c : in_.citizens) {
      std::string excluded;
      for (Index k : c.excluded_companies) excluded += in_.companies[static_cast<std::size_t>(k)].id + ";";
      out.push_back("C|" + c.id + "|" + in_.areas[static_cast<std::size_t>(c.area)].id + "|" +
                    (c.target_group == kNone ? "other" : code(c.target_group)) + "|" + std::to_string(c.age) + "|" +
                    num(c.hours) + "|" + num(c.hours_tolerance) + "|" + num(c.max_km) + "|" +
                    std::to_string(c.needs_mentor) + "|" + levels(c.competences) + "|" + levels(c.barriers) + "|" +
                    codes(c.languages) + "|" + codes(c.interests) + "|" + std::to_string(c.months_unemployed) + "|" +
                    excluded);
    }
    for (const Company& k : in_.companies)
      out.push_back("K|" + k.id + "|" + k.name + "|" + num(k.lat) + "|" + num(k.lon) + "|" +
                    (k.sector == kNone ? "" : code(k.sector)) + "|" +
                    (k.employees ? std::to_string(*k.employees) : "-") + "|" + std::to_string(k.supported_now));
    for (const Mentor& m : in_.mentors)
      out.push_back("M|" + m.id + "|" + in_.companies[static_cast<std::size_t>(m.company)].id + "|" +
                    std::to_string(m.capacity) + "|" + std::to_string(m.carrying_now) + "|" + codes(m.languages));
    for (const Opening& o : in_.openings) {
      const Company& k = in_.companies[static_cast<std::size_t>(o.company)];
      const CodeId sector = o.sector == kNone ? k.sector : o.sector;
      out.push_back("O|" + o.id + "|" + k.id + "|" + std::to_string(static_cast<int>(o.kind)) + "|" +
                    std::to_string(o.seats) + "|" + num(o.hours_min) + "|" + num(o.hours_max) + "|" +
                    levels(o.required) + "|" + levels(o.desired) + "|" + levels(o.barrier_limits) + "|" +
                    codes(o.groups) + "|" + (o.age_min ? std::to_string(*o.age_min) : "-") + "|" +
                    (o.age_max ? std::to_string(*o.age_max) : "-") + "|" + std::to_string(o.mentor_required) +
                    "|" + (sector == kNone ? "" : code(sector)));
    }
    for (const Decision& d : in_.decisions)
      out.push_back("D|" + in_.citizens[static_cast<std::size_t>(d.citizen)].id + "|" +
                    in_.openings[static_cast<std::size_t>(d.opening)].id + "|" +
                    std::to_string(static_cast<int>(d.kind)) + "|" +
                    (d.mentor == kNone ? "" : in_.mentors[static_cast<std::size_t>(d.mentor)].id));
    for (const TargetGroup& g : in_.target_groups) out.push_back("G|" + code(g.code) + "|" + g.name);
    return out;
  }

 private:
  static std::string num(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%a", v);
    return buf;
  }
  std::string code(CodeId c) const { return lower(in_.codes.name(c)); }
  std::string levels(const CodeLevels& list) const {
    std::vector<std::string> items;
    for (const CodeLevel& cl : list) items.push_back(code(cl.code) + ":" + std::to_string(cl.level));
    std::sort(items.begin(), items.end());
    std::string s;
    for (const auto& i : items) s += i + ";";
    return s;
  }
  std::string codes(const Codes& list) const {
    std::vector<std::string> items;
    for (CodeId c : list) items.push_back(code(c));
    std::sort(items.begin(), items.end());
    std::string s;
    for (const auto& i : items) s += i + ";";
    return s;
  }
  const Instance& in_;
};

std::vector<std::string> describe(const Instance& in) { return Describer(in)(); }

/// Compares descriptions and reports the first difference only (they can be long).
void expect_same(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) ASSERT_EQ(a[i], b[i]) << "record " << i;
}

std::string first_errors(const LoadResult& r) {
  std::string s;
  for (std::size_t i = 0; i < r.errors.size() && i < 5; ++i) s += r.errors[i].str() + "\n";
  return s;
}

bool cpr_like(const std::string& id) {
  auto digits = [&](std::size_t from, std::size_t n) {
    return std::all_of(id.begin() + static_cast<long>(from), id.begin() + static_cast<long>(from + n),
                       [](char c) { return c >= '0' && c <= '9'; });
  };
  if (id.size() == 10 && digits(0, 10)) return true;
  return id.size() == 11 && digits(0, 6) && id[6] == '-' && digits(7, 4);
}

GenerateOptions options(std::int64_t citizens, std::int64_t openings, std::uint64_t seed, bool heavy = false) {
  GenerateOptions o;
  o.citizens = citizens;
  o.openings = openings;
  o.seed = seed;
  o.mentor_heavy = heavy;
  return o;
}

}  // namespace

TEST(GenerateInstance, SameSeedSameInstanceOtherSeedOtherInstance) {
  const auto a = describe(generate_instance(options(1500, 450, 11)));
  const auto b = describe(generate_instance(options(1500, 450, 11)));
  const auto c = describe(generate_instance(options(1500, 450, 12)));
  expect_same(a, b);
  EXPECT_NE(a, c);
  // Every record type differs somewhere between seeds, not only the first few.
  int differing = 0;
  for (std::size_t i = 0; i < std::min(a.size(), c.size()); ++i) differing += a[i] != c[i];
  EXPECT_GT(differing, 1000);
}

TEST(GenerateInstance, SizesAndCountsAreAsAsked) {
  const Instance in = generate_instance(options(3000, 900, 5));
  EXPECT_EQ(in.citizens.size(), 3000u);
  EXPECT_EQ(in.openings.size(), 900u);
  EXPECT_EQ(in.companies.size(), 300u);  // one per three openings
  EXPECT_GE(in.areas.size(), 40u);
  EXPECT_LE(in.areas.size(), 60u);
  // Oversubscribed, like the real situation: fewer seats than residents.
  long seats = 0;
  for (const Opening& o : in.openings) seats += o.seats;
  EXPECT_LT(seats, 3000);
  EXPECT_GT(seats, 900);
  // Every opening kind occurs.
  std::map<OpeningKind, int> kinds;
  for (const Opening& o : in.openings) ++kinds[o.kind];
  EXPECT_EQ(kinds.size(), 5u);
  // Coordinates inside Denmark's box.
  for (const Area& a : in.areas) {
    EXPECT_GE(a.lat, 54.6);
    EXPECT_LE(a.lat, 57.7);
    EXPECT_GE(a.lon, 8.1);
    EXPECT_LE(a.lon, 12.7);
  }
  for (const Citizen& c : in.citizens) EXPECT_FALSE(cpr_like(c.id)) << c.id;
}

TEST(GenerateInstance, TargetGroupsFollowTheSonderborgTableWithYouthAndOther) {
  const Instance in = generate_instance(options(20000, 6000, 3));
  std::map<std::string, int> count;
  for (const Citizen& c : in.citizens) ++count[in.codes.name(c.target_group)];
  // Expected shares: the table's counts of 265 as 90%, YOUTH 6%, OTHER 4%.
  const std::map<std::string, double> share = {
      {"6.1", 0.9 * 32 / 265}, {"6.2", 0.9 * 52 / 265}, {"6.3", 0.9 * 70 / 265}, {"6.4", 0.9 * 30 / 265},
      {"6.5", 0.9 * 12 / 265}, {"6.8", 0.9 * 31 / 265}, {"INT-SHP", 0.9 * 38 / 265}, {"YOUTH", 0.06},
      {"OTHER", 0.04}};
  for (const auto& [group, p] : share) {
    const double n = 20000, expected = n * p, sd = std::sqrt(n * p * (1 - p));
    EXPECT_NEAR(count[group], expected, 5 * sd) << group;
  }
  // Ages fit the groups.
  for (const Citizen& c : in.citizens) {
    const std::string g = in.codes.name(c.target_group);
    if (g == "YOUTH") {
      EXPECT_GE(c.age, 13);
      EXPECT_LE(c.age, 17);
    } else {
      EXPECT_GE(c.age, 18) << g;
    }
    if (g == "6.4" || g == "6.5") EXPECT_LT(c.age, 30);
  }
}

TEST(GenerateInstance, MentorHeavyHalfTheVulnerableNeedAMentorAndCompaniesHaveOneOrTwo) {
  const Instance in = generate_instance(options(6000, 1800, 8, true));
  int vulnerable = 0, needing = 0;
  for (const Citizen& c : in.citizens) {
    const std::string g = in.codes.name(c.target_group);
    if (g == "6.3" || g == "6.5" || g == "6.8" || g == "INT-SHP") {
      ++vulnerable;
      needing += c.needs_mentor;
    }
  }
  ASSERT_GT(vulnerable, 2000);
  const double p = 0.5, sd = std::sqrt(vulnerable * p * (1 - p));
  EXPECT_NEAR(needing, vulnerable * p, 5 * sd);
  for (std::size_t k = 0; k < in.companies.size(); ++k) EXPECT_LE(in.company_mentors[k].size(), 2u);
}

TEST(GenerateInstance, GeneratedInstancesAreValidAndRoundTripThroughCsvAndJson) {
  struct Case {
    std::int64_t citizens, openings;
    std::uint64_t seed;
    bool heavy;
  };
  for (const Case& cs : {Case{0, 0, 1, false}, Case{1, 1, 2, false}, Case{40, 12, 3, false},
                         Case{700, 210, 4, false}, Case{2500, 700, 5, true}, Case{3000, 400, 6, false}}) {
    SCOPED_TRACE("citizens " + std::to_string(cs.citizens) + " seed " + std::to_string(cs.seed));
    const Instance in = generate_instance(options(cs.citizens, cs.openings, cs.seed, cs.heavy));
    const auto want = describe(in);
    TempDir dir("valid_" + std::to_string(cs.seed));
    write_instance_csv(in, dir.path() / "csv");
    const LoadResult csv = load_instance(dir.path() / "csv");
    ASSERT_TRUE(csv.ok()) << first_errors(csv);
    EXPECT_TRUE(csv.warnings.empty());
    expect_same(describe(*csv.instance), want);
    write_instance_json(in, dir.path() / "instance.json");
    const LoadResult json = load_instance(dir.path() / "instance.json");
    ASSERT_TRUE(json.ok()) << first_errors(json);
    expect_same(describe(*json.instance), want);
  }
}

TEST(GenerateInstance, ProducesForbidsAndValidPins) {
  GenerateOptions o = options(5000, 1500, 9);
  o.pin_share = 0.01;
  o.forbid_share = 0.02;
  const Instance in = generate_instance(o);
  int pins = 0, forbids = 0;
  for (const Decision& d : in.decisions) (d.kind == DecisionKind::Pin ? pins : forbids)++;
  EXPECT_GE(pins, 25);  // most of the 50 asked for are found
  EXPECT_EQ(forbids, 100);
  // The loader checks every pin against sections 2 and 3 (seats, mentors, the cap).
  TempDir dir("pins");
  write_instance_csv(in, dir.path());
  const LoadResult r = load_instance(dir.path());
  EXPECT_TRUE(r.ok()) << first_errors(r);
}

TEST(GenerateInstance, RejectsNegativeCounts) {
  EXPECT_THROW(generate_instance(options(-1, 5, 1)), std::invalid_argument);
  EXPECT_THROW(generate_instance(options(5, 0, 1)), std::invalid_argument);
}

// ---------------------------------------------------------------- the Sønderborg sample

TEST(SonderborgSample, CountsPerTargetGroupAndDepartmentEqualTheTable) {
  // The table of 1 March 2021 (seeds/003): rows 6.1 ... INT-SHP, columns departments
  // 22 (Stenbjergparken), 24 (Kløver-/Hvedemarken), 30 (Nørager), 35 (Søstjernevej m.fl.).
  const std::map<std::string, std::array<int, 4>> table = {
      {"6.1", {7, 11, 7, 7}},    {"6.2", {12, 15, 15, 10}}, {"6.3", {14, 13, 25, 18}},
      {"6.4", {9, 10, 3, 8}},    {"6.5", {5, 4, 1, 2}},     {"6.8", {12, 7, 4, 8}},
      {"INT-SHP", {8, 7, 13, 10}}};
  const std::array<std::string, 4> areas = {"stenbjergparken", "kloever_hvedemarken", "noerager", "soestjernevej"};
  const Instance in = generate_sonderborg_sample();
  ASSERT_EQ(in.citizens.size(), 265u);
  std::map<std::pair<std::string, std::string>, int> got;
  for (const Citizen& c : in.citizens)
    ++got[{in.codes.name(c.target_group), in.areas[static_cast<std::size_t>(c.area)].id}];
  int total = 0;
  for (const auto& [group, row] : table)
    for (int a = 0; a < 4; ++a) {
      EXPECT_EQ((got[{group, areas[static_cast<std::size_t>(a)]}]), row[static_cast<std::size_t>(a)]) << group << " " << areas[static_cast<std::size_t>(a)];
      total += row[static_cast<std::size_t>(a)];
    }
  EXPECT_EQ(total, 265);
  ASSERT_EQ(in.areas.size(), 4u);
  EXPECT_EQ(in.areas[1].name, "Kløver-/Hvedemarken");
  EXPECT_DOUBLE_EQ(in.areas[0].lat, 54.9226);
  EXPECT_DOUBLE_EQ(in.areas[0].lon, 9.7668);
}

TEST(SonderborgSample, IsALocalOversubscribedNetworkWithEveryKindMentorsAndDecisions) {
  const Instance in = generate_sonderborg_sample();
  EXPECT_GE(in.companies.size(), 25u);
  EXPECT_LE(in.companies.size(), 40u);
  long seats = 0;
  std::map<OpeningKind, int> kinds;
  for (const Opening& o : in.openings) {
    seats += o.seats;
    ++kinds[o.kind];
  }
  EXPECT_GE(seats, 100);
  EXPECT_LE(seats, 150);
  EXPECT_EQ(kinds.size(), 5u);
  for (const Company& k : in.companies) {
    EXPECT_GE(k.lat, 54.88);
    EXPECT_LE(k.lat, 54.95);
    EXPECT_GE(k.lon, 9.70);
    EXPECT_LE(k.lon, 9.88);
  }
  EXPECT_FALSE(in.mentors.empty());
  int pins = 0, forbids = 0, mentor = 0, barriers = 0;
  for (const Decision& d : in.decisions) (d.kind == DecisionKind::Pin ? pins : forbids)++;
  for (const Citizen& c : in.citizens) {
    mentor += c.needs_mentor;
    barriers += !c.barriers.empty();
  }
  EXPECT_GE(pins, 1);
  EXPECT_LE(pins, 2);
  EXPECT_GE(forbids, 2);
  EXPECT_GE(mentor, 40);
  EXPECT_GE(barriers, 130);
}

TEST(SonderborgSample, CommittedFilesEqualAFreshlyWrittenSample) {
  TempDir dir("sonderborg");
  write_instance_csv(generate_sonderborg_sample(), dir.path());
  const fs::path committed = fs::path(PLACEMATCH_SOURCE_DIR) / "data" / "sonderborg";
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    ++files;
    const fs::path name = e.path().filename();
    ASSERT_TRUE(fs::exists(committed / name)) << name;
    EXPECT_EQ(slurp(committed / name), slurp(e.path())) << name << " differs: regenerate data/sonderborg";
  }
  EXPECT_EQ(files, 7);
}

TEST(SonderborgSample, CommittedFilesLoadWithoutErrors) {
  const LoadResult r = load_instance(fs::path(PLACEMATCH_SOURCE_DIR) / "data" / "sonderborg");
  ASSERT_TRUE(r.ok()) << first_errors(r);
  EXPECT_TRUE(r.warnings.empty());
  expect_same(describe(*r.instance), describe(generate_sonderborg_sample()));
}
