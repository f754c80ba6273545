// The instance builder's steps (src/io/load_common.cpp, build_instance), one file of the
// contract each, on tiny raw tables written here by hand (no CSV or JSON reader in
// between): what each step builds, and each step's own located errors — the record, the
// column, the offending value — with the other files left valid.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "detail/load.hpp"
#include "placematch/model/instance.hpp"

using namespace placematch;
using namespace placematch::detail;

namespace {

std::string describe_line(const RawRecord& r) { return "line " + std::to_string(r.order); }

// A raw instance written cell by cell, as a CSV reader would hand it over: every column
// in the header, records on lines 2, 3, ..., empty cells missing.
struct Raw {
  RawInstance tables;

  RawTable& table(Table t) {
    RawTable& x = tables[static_cast<std::size_t>(t)];
    if (!x.present) {
      x.present = true;
      x.has_column.assign(columns_of(t).size(), true);
      x.describe = &describe_line;
    }
    return x;
  }
  // An empty file of `t` (a header only).
  void empty(Table t) { table(t); }
  void add(Table t, std::initializer_list<std::pair<std::string_view, std::string>> cells) {
    RawTable& x = table(t);
    RawRecord r;
    r.order = static_cast<long>(x.records.size()) + 2;
    r.where = std::string(to_string(t)) + ".csv:" + std::to_string(r.order);
    r.values.resize(columns_of(t).size());
    for (const auto& [column, text] : cells) {
      const int c = column_index(t, column);
      EXPECT_GE(c, 0) << "no column " << column;
      if (c < 0 || text.empty()) continue;
      r.values[static_cast<std::size_t>(c)] = {RawValue::Type::Text, text, {}};
    }
    x.records.push_back(std::move(r));
  }
};

// A valid instance: one area, two companies (k1 in retail, k2 in care), a mentor at k1,
// a citizen and an opening at k1.
Raw valid() {
  Raw raw;
  raw.add(Table::Areas, {{"id", "a1"}, {"name", "Nord"}, {"lat", "54.9"}, {"lon", "9.8"}});
  raw.add(Table::Companies, {{"id", "k1"}, {"lat", "54.91"}, {"lon", "9.81"}, {"sector", "retail"}});
  raw.add(Table::Companies, {{"id", "k2"}, {"lat", "54.92"}, {"lon", "9.82"}, {"sector", "care"}, {"employees", "12"}});
  raw.add(Table::Mentors, {{"id", "m1"}, {"company", "k1"}, {"capacity", "2"}, {"carrying_now", "1"}});
  raw.add(Table::Citizens, {{"id", "c1"}, {"area", "a1"}, {"age", "30"}, {"hours", "20"}, {"max_km", "10"}});
  raw.add(Table::Openings, {{"id", "o1"}, {"company", "k1"}, {"kind", "internship"}, {"hours_min", "10"}, {"hours_max", "30"}});
  return raw;
}

struct Built {
  std::optional<Instance> instance;
  Diagnostics errors;
};

Built build(const Raw& raw) {
  DiagnosticSink sink;
  Built b;
  b.instance = build_instance(raw.tables, sink);
  b.errors = sink.take_errors();
  return b;
}

// The one error expected: its place, its column and a part of its message.
void expect_one_error(const Raw& raw, const std::string& where, const std::string& column, const std::string& part) {
  const Built b = build(raw);
  EXPECT_FALSE(b.instance.has_value());
  ASSERT_EQ(b.errors.size(), 1u) << (b.errors.empty() ? std::string("no error") : b.errors[0].str());
  EXPECT_EQ(b.errors[0].where, where) << b.errors[0].str();
  EXPECT_EQ(b.errors[0].column, column) << b.errors[0].str();
  EXPECT_NE(b.errors[0].message.find(part), std::string::npos) << b.errors[0].str();
}

}  // namespace

TEST(BuilderSteps, ValidTablesBuildTheInstance) {
  const Built b = build(valid());
  ASSERT_TRUE(b.instance.has_value()) << (b.errors.empty() ? "" : b.errors[0].str());
  const Instance& in = *b.instance;
  ASSERT_EQ(in.areas.size(), 1u);
  EXPECT_EQ(in.areas[0].name, "Nord");
  EXPECT_DOUBLE_EQ(in.areas[0].lat, 54.9);
  ASSERT_EQ(in.companies.size(), 2u);
  EXPECT_FALSE(in.companies[0].employees.has_value());
  EXPECT_EQ(in.companies[1].employees, 12);
  ASSERT_EQ(in.mentors.size(), 1u);
  EXPECT_EQ(in.mentors[0].company, 0);
  EXPECT_EQ(in.mentors[0].capacity, 2);
  EXPECT_EQ(in.mentors[0].carrying_now, 1);
  ASSERT_EQ(in.citizens.size(), 1u);
  EXPECT_EQ(in.citizens[0].area, 0);
  ASSERT_EQ(in.openings.size(), 1u);
  EXPECT_EQ(in.openings[0].kind, OpeningKind::Internship);
  EXPECT_EQ(in.openings[0].seats, 1);  // not given: one seat
}

// Target groups: without the file the contract's defaults, and a citizen without a group
// is OTHER; with the file exactly its groups; a code twice is an error at the later line.
TEST(BuilderSteps, TargetGroups) {
  Built b = build(valid());
  ASSERT_TRUE(b.instance);
  ASSERT_EQ(b.instance->target_groups.size(), default_target_groups().size());
  for (std::size_t i = 0; i < default_target_groups().size(); ++i)
    EXPECT_EQ(b.instance->codes.name(b.instance->target_groups[i].code), default_target_groups()[i].first);
  EXPECT_EQ(b.instance->codes.name(b.instance->citizens[0].target_group), "OTHER");

  Raw raw = valid();
  raw.add(Table::TargetGroups, {{"code", "OTHER"}, {"name", "others"}});
  raw.add(Table::TargetGroups, {{"code", "6.1"}, {"name", "dagpenge"}});
  b = build(raw);
  ASSERT_TRUE(b.instance);
  ASSERT_EQ(b.instance->target_groups.size(), 2u);
  EXPECT_EQ(b.instance->target_groups[1].name, "dagpenge");

  raw.add(Table::TargetGroups, {{"code", "6.1"}, {"name", "again"}});
  expect_one_error(raw, "target_groups.csv:4", "code", "duplicate target group \"6.1\" (first at line 3)");

  // The file replaces the defaults: the default OTHER is gone, and so is 6.2.
  Raw only = valid();
  only.add(Table::TargetGroups, {{"code", "6.1"}});
  expect_one_error(only, "citizens.csv:2", "target_group", "not given, and the default target group \"OTHER\"");
  only.tables[static_cast<std::size_t>(Table::Citizens)].records[0].values[static_cast<std::size_t>(
      column_index(Table::Citizens, "target_group"))] = {RawValue::Type::Text, "6.2", {}};
  expect_one_error(only, "citizens.csv:2", "target_group", "target group \"6.2\" is not one of the instance's");
  // A target-group file that could not be read: its groups are unknown, not errors.
  only.tables[static_cast<std::size_t>(Table::TargetGroups)].complete = false;
  EXPECT_TRUE(build(only).errors.empty());
}

TEST(BuilderSteps, Areas) {
  Raw raw = valid();
  raw.add(Table::Areas, {{"id", "a1"}, {"lat", "54"}, {"lon", "9"}});
  expect_one_error(raw, "areas.csv:3", "id", "duplicate id \"a1\" (first at line 2)");
  raw = valid();
  raw.add(Table::Areas, {{"id", "a2"}, {"lat", "91"}, {"lon", "9"}});
  expect_one_error(raw, "areas.csv:3", "lat", "expected a number in [-90, 90], got \"91\"");
  raw = valid();
  raw.add(Table::Areas, {{"id", "0101901234"}, {"lat", "54"}, {"lon", "9"}});
  expect_one_error(raw, "areas.csv:3", "id", "looks like a CPR number");
}

// Citizens: every field read, lists sorted; their references resolved after the
// companies, located at the citizen's own line.
TEST(BuilderSteps, Citizens) {
  Raw raw = valid();
  raw.add(Table::Citizens, {{"id", "c2"}, {"area", "a1"}, {"target_group", "6.1"}, {"age", "19"}, {"hours", "12.5"},
                            {"hours_tolerance", "3"}, {"max_km", "7"}, {"needs_mentor", "1"},
                            {"competences", "forklift:3;danish"}, {"barriers", "language:2"},
                            {"languages", "da;ar"}, {"interests", "retail"}, {"months_unemployed", "14"},
                            {"excluded_companies", "k2;k1"}});
  Built b = build(raw);
  ASSERT_TRUE(b.instance) << b.errors[0].str();
  const Instance& in = *b.instance;
  const Citizen& c = in.citizens[1];
  EXPECT_EQ(in.codes.name(c.target_group), "6.1");
  EXPECT_EQ(c.age, 19);
  EXPECT_DOUBLE_EQ(c.hours, 12.5);
  EXPECT_DOUBLE_EQ(c.hours_tolerance, 3);
  EXPECT_TRUE(c.needs_mentor);
  ASSERT_EQ(c.competences.size(), 2u);
  EXPECT_LT(c.competences[0].code, c.competences[1].code);  // sorted by code
  for (const CodeLevel& l : c.competences)
    EXPECT_EQ(l.level, in.codes.name(l.code) == "forklift" ? 3 : 1);
  ASSERT_EQ(c.barriers.size(), 1u);
  EXPECT_EQ(c.barriers[0].level, 2);
  EXPECT_EQ(c.languages.size(), 2u);
  EXPECT_EQ(c.months_unemployed, 14);
  EXPECT_EQ(c.excluded_companies, (std::vector<Index>{0, 1}));  // resolved and sorted

  raw = valid();
  raw.add(Table::Citizens, {{"id", "c2"}, {"area", "nowhere"}, {"age", "30"}, {"hours", "20"}, {"max_km", "10"}});
  expect_one_error(raw, "citizens.csv:3", "area", "unknown area \"nowhere\"");
  raw = valid();
  raw.add(Table::Citizens, {{"id", "c2"}, {"area", "a1"}, {"age", "30"}, {"hours", "20"}, {"max_km", "10"},
                            {"excluded_companies", "k1;k9"}});
  expect_one_error(raw, "citizens.csv:3", "excluded_companies", "unknown company \"k9\"");
  raw = valid();
  raw.add(Table::Citizens, {{"id", "c2"}, {"area", "a1"}, {"age", "30"}, {"hours", "20"}, {"max_km", "10"},
                            {"excluded_companies", "k1;k1"}});
  expect_one_error(raw, "citizens.csv:3", "excluded_companies", "company \"k1\" given twice in one list");
  raw = valid();
  raw.add(Table::Citizens, {{"id", "c2"}, {"area", "a1"}, {"age", "12"}, {"hours", "20"}, {"max_km", "10"}});
  expect_one_error(raw, "citizens.csv:3", "age", "expected an integer in [13, 70], got \"12\"");
  // An unreadable areas file: references into it are not errors of their own.
  raw = valid();
  raw.add(Table::Citizens, {{"id", "c2"}, {"area", "nowhere"}, {"age", "30"}, {"hours", "20"}, {"max_km", "10"}});
  raw.tables[static_cast<std::size_t>(Table::Areas)].complete = false;
  EXPECT_TRUE(build(raw).errors.empty());
}

TEST(BuilderSteps, CompaniesAndMentors) {
  Raw raw = valid();
  raw.add(Table::Companies, {{"id", "k3"}, {"lat", "54"}, {"lon", "9"}, {"employees", "-1"}});
  expect_one_error(raw, "companies.csv:4", "employees", "expected an integer in [0, 1000000], got \"-1\"");
  raw = valid();
  raw.add(Table::Mentors, {{"id", "m2"}, {"company", "k9"}, {"capacity", "1"}});
  expect_one_error(raw, "mentors.csv:3", "company", "unknown company \"k9\"");
  raw = valid();
  raw.add(Table::Mentors, {{"id", "m2"}, {"company", "k2"}, {"capacity", "0"}});
  expect_one_error(raw, "mentors.csv:3", "capacity", "expected an integer in [1, 10000], got \"0\"");
}

// Openings: the sector defaults to the company's; hours and ages as ranges, located at
// their upper end; the kind named; groups known and each once.
TEST(BuilderSteps, Openings) {
  Raw raw = valid();
  raw.add(Table::Openings, {{"id", "o2"}, {"company", "k2"}, {"kind", "small_job"}, {"seats", "3"}, {"hours_min", "5"},
                            {"hours_max", "10"}, {"requires", "forklift:2"}, {"groups", "6.2;6.1"},
                            {"age_min", "18"}, {"age_max", "25"}, {"mentor_required", "1"}});
  Built b = build(raw);
  ASSERT_TRUE(b.instance) << b.errors[0].str();
  const Instance& in = *b.instance;
  const Opening& o = in.openings[1];
  EXPECT_EQ(o.kind, OpeningKind::SmallJob);
  EXPECT_EQ(o.seats, 3);
  EXPECT_EQ(o.sector, in.companies[1].sector);  // care, from k2
  EXPECT_EQ(in.codes.name(o.sector), "care");
  EXPECT_EQ(o.groups.size(), 2u);
  EXPECT_EQ(o.age_min, 18);
  EXPECT_EQ(o.age_max, 25);
  EXPECT_TRUE(o.mentor_required);

  raw = valid();
  raw.add(Table::Openings, {{"id", "o2"}, {"company", "k1"}, {"kind", "internship"}, {"hours_min", "30"}, {"hours_max", "10"}});
  expect_one_error(raw, "openings.csv:3", "hours_max", "expected at least hours_min (30), got \"10\"");
  raw = valid();
  raw.add(Table::Openings, {{"id", "o2"}, {"company", "k1"}, {"kind", "internship"}, {"hours_min", "5"},
                            {"hours_max", "10"}, {"age_min", "40"}, {"age_max", "20"}});
  expect_one_error(raw, "openings.csv:3", "age_max", "expected at least age_min (40), got \"20\"");
  raw = valid();
  raw.add(Table::Openings, {{"id", "o2"}, {"company", "k1"}, {"kind", "apprentice"}, {"hours_min", "5"}, {"hours_max", "10"}});
  expect_one_error(raw, "openings.csv:3", "kind", "got \"apprentice\"");
  raw = valid();
  raw.add(Table::Openings, {{"id", "o2"}, {"company", "k1"}, {"kind", "ordinary"}, {"hours_min", "5"}, {"hours_max", "10"},
                            {"groups", "6.1;6.1"}});
  expect_one_error(raw, "openings.csv:3", "groups", "code \"6.1\" given twice in one list");
  raw = valid();
  raw.add(Table::Openings, {{"id", "o2"}, {"company", "k1"}, {"kind", "ordinary"}, {"hours_min", "5"}, {"hours_max", "10"},
                            {"groups", "6.9"}});
  expect_one_error(raw, "openings.csv:3", "groups", "target group \"6.9\" is not one of the instance's");
}

// Decisions: pin or forbid between known records; a mentor only on a pin and of the
// opening's company; a pair decided twice is an error at the later line.
TEST(BuilderSteps, Decisions) {
  Raw raw = valid();
  raw.add(Table::Decisions, {{"citizen", "c1"}, {"opening", "o1"}, {"decision", "pin"}, {"mentor", "m1"}});
  Built b = build(raw);
  ASSERT_TRUE(b.instance) << b.errors[0].str();
  ASSERT_EQ(b.instance->decisions.size(), 1u);
  const Decision& d = b.instance->decisions[0];
  EXPECT_EQ(d.kind, DecisionKind::Pin);
  EXPECT_EQ(d.citizen, 0);
  EXPECT_EQ(d.opening, 0);
  EXPECT_EQ(d.mentor, 0);
  EXPECT_EQ(d.where, "decisions.csv:2");

  raw.add(Table::Decisions, {{"citizen", "c1"}, {"opening", "o1"}, {"decision", "forbid"}});
  expect_one_error(raw, "decisions.csv:3", "opening", "already decided at line 2");

  raw = valid();
  raw.add(Table::Decisions, {{"citizen", "c1"}, {"opening", "o1"}, {"decision", "forbid"}, {"mentor", "m1"}});
  expect_one_error(raw, "decisions.csv:2", "mentor", "a mentor \"m1\" is given on a forbid");
  raw = valid();
  raw.add(Table::Mentors, {{"id", "m2"}, {"company", "k2"}, {"capacity", "1"}});
  raw.add(Table::Decisions, {{"citizen", "c1"}, {"opening", "o1"}, {"decision", "pin"}, {"mentor", "m2"}});
  expect_one_error(raw, "decisions.csv:2", "mentor", "works at company \"k2\", not at the opening's company \"k1\"");
  raw = valid();
  raw.add(Table::Decisions, {{"citizen", "c1"}, {"opening", "o1"}, {"decision", "maybe"}});
  expect_one_error(raw, "decisions.csv:2", "decision", "expected pin or forbid, got \"maybe\"");
  raw = valid();
  raw.add(Table::Decisions, {{"citizen", "c9"}, {"opening", "o1"}, {"decision", "pin"}});
  expect_one_error(raw, "decisions.csv:2", "citizen", "unknown citizen \"c9\"");
}

// Floors: a scope and a known code once each, a share in [0, 1]; a broken floor is left out.
TEST(BuilderSteps, Floors) {
  Raw raw = valid();
  raw.add(Table::Floors, {{"scope", "group"}, {"code", "6.1"}, {"min_share", "0.5"}});
  raw.add(Table::Floors, {{"scope", "area"}, {"code", "a1"}, {"min_share", "1"}});
  Built b = build(raw);
  ASSERT_TRUE(b.instance) << b.errors[0].str();
  ASSERT_EQ(b.instance->floors.size(), 2u);
  EXPECT_EQ(b.instance->floors[0].scope, FloorScope::Group);
  EXPECT_EQ(b.instance->codes.name(b.instance->floors[0].code), "6.1");
  EXPECT_DOUBLE_EQ(b.instance->floors[0].min_share, 0.5);
  EXPECT_EQ(b.instance->floors[1].scope, FloorScope::Area);
  EXPECT_EQ(b.instance->floors[1].code, 0);

  raw.add(Table::Floors, {{"scope", "area"}, {"code", "a1"}, {"min_share", "0.2"}});
  expect_one_error(raw, "floors.csv:4", "code", "a floor for area \"a1\" is already given at line 3");
  raw = valid();
  raw.add(Table::Floors, {{"scope", "area"}, {"code", "south"}, {"min_share", "0.2"}});
  expect_one_error(raw, "floors.csv:2", "code", "unknown housing area \"south\"");
  raw = valid();
  raw.add(Table::Floors, {{"scope", "group"}, {"code", "6.9"}, {"min_share", "0.2"}});
  expect_one_error(raw, "floors.csv:2", "code", "unknown target group \"6.9\"");
  raw = valid();
  raw.add(Table::Floors, {{"scope", "company"}, {"code", "k1"}, {"min_share", "0.2"}});
  expect_one_error(raw, "floors.csv:2", "scope", "expected group or area, got \"company\"");
  raw = valid();
  raw.add(Table::Floors, {{"scope", "group"}, {"code", "6.1"}, {"min_share", "1.5"}});
  expect_one_error(raw, "floors.csv:2", "min_share", "expected a number in [0, 1], got \"1.5\"");
}

// Every step reports, and the errors come sorted by file (the contract's order) and line,
// whatever step found them: a citizen's reference is resolved last but listed first.
TEST(BuilderSteps, ErrorsOfEveryStepSortedByFileAndLine) {
  Raw raw = valid();
  raw.add(Table::Decisions, {{"citizen", "c1"}, {"opening", "o9"}, {"decision", "pin"}});
  raw.add(Table::Openings, {{"id", "o2"}, {"company", "k1"}, {"kind", "internship"}, {"hours_min", "9"}, {"hours_max", "8"}});
  raw.add(Table::Mentors, {{"id", "m2"}, {"company", "k7"}, {"capacity", "1"}});
  raw.add(Table::Citizens, {{"id", "c2"}, {"area", "a7"}, {"age", "30"}, {"hours", "20"}, {"max_km", "10"}});
  raw.add(Table::Areas, {{"id", "a2"}, {"lat", "54"}, {"lon", "900"}});
  const Built b = build(raw);
  EXPECT_FALSE(b.instance);
  std::vector<std::string> got;
  for (const Diagnostic& d : b.errors) got.push_back(d.where + ": " + d.column);
  EXPECT_EQ(got, (std::vector<std::string>{"areas.csv:3: lon", "citizens.csv:3: area", "mentors.csv:3: company",
                                           "openings.csv:3: hours_max", "decisions.csv:2: opening"}));
}
