// The library-wide conventions: printable enum names that read back, one number
// formatter, one CSV writer with one quoting rule, honest plan statuses.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "detail/columns.hpp"
#include "detail/csv.hpp"
#include "placematch/explain/reasons.hpp"
#include "placematch/model/format.hpp"
#include "placematch/model/objective.hpp"
#include "placematch/model/weights.hpp"
#include "placematch/plan/plan.hpp"
#include "placematch/report/report.hpp"
#include "placematch/rules/rules.hpp"
#include "placematch/synth/generate.hpp"

namespace {

using namespace placematch;

// Every value of an enum of `count` values has a distinct name that parses back to it,
// and text that is no name parses to nothing.
template <class E, class Parse>
void expect_names_read_back(int count, Parse parse) {
  std::vector<std::string> seen;
  for (int i = 0; i < count; ++i) {
    const E e = static_cast<E>(i);
    const std::string name(to_string(e));
    EXPECT_FALSE(name.empty() || name == "?") << i;
    EXPECT_EQ(std::count(seen.begin(), seen.end(), name), 0) << name;
    seen.push_back(name);
    const auto back = parse(name);
    ASSERT_TRUE(back.has_value()) << name;
    EXPECT_EQ(*back, e) << name;
  }
  EXPECT_FALSE(parse("").has_value());
  EXPECT_FALSE(parse("no such name").has_value());
}

TEST(EnumNames, EveryEnumReadsBack) {
  expect_names_read_back<Objective>(2, parse_objective);
  expect_names_read_back<Status>(5, parse_status);
  expect_names_read_back<Rule>(kRuleCount, parse_rule);
  expect_names_read_back<ReasonCode>(kReasonCodeCount, parse_reason_code);
  expect_names_read_back<OpeningKind>(5, parse_opening_kind);
  expect_names_read_back<DecisionKind>(2, parse_decision_kind);
  expect_names_read_back<ScoreComponentKind>(kScoreComponentCount, parse_score_component);
  expect_names_read_back<detail::Table>(detail::kTableCount, detail::parse_table);
}

TEST(EnumNames, ContractSpellings) {
  // The spellings the data contract fixes (section 6 and 1), written out here.
  EXPECT_EQ(to_string(Status::Optimal), "optimal");
  EXPECT_EQ(to_string(Status::Feasible), "feasible");
  EXPECT_EQ(to_string(Objective::Placements), "placements");
  EXPECT_EQ(to_string(Objective::Score), "score");
  const char* codes[] = {"no_opening_in_reach", "hours",    "competences", "barriers",
                         "group_or_age",        "excluded", "no_mentor",   "taken_by_others"};
  for (int i = 0; i < kReasonCodeCount; ++i) EXPECT_EQ(to_string(static_cast<ReasonCode>(i)), codes[i]);
  EXPECT_EQ(to_string(OpeningKind::LeisureJob), "leisure_job");
  EXPECT_EQ(parse_opening_kind("Small_Job"), OpeningKind::SmallJob);  // the contract: case-insensitive
  EXPECT_EQ(parse_objective("Score"), std::nullopt);                   // the tool's options: exact
}

TEST(EnumNames, EachRuleHasTheReasonCodeOfTheSameName) {
  EXPECT_EQ(reason_code(Rule::Distance), ReasonCode::NoOpeningInReach);
  EXPECT_EQ(reason_code(Rule::Mentor), ReasonCode::NoMentor);
  for (Rule r : {Rule::Hours, Rule::Competences, Rule::Barriers, Rule::GroupOrAge, Rule::Excluded})
    EXPECT_EQ(to_string(reason_code(r)), to_string(r));
}

TEST(Format, FixedRoundsHalfAwayFromZeroAndNeverWritesMinusZero) {
  EXPECT_EQ(format_fixed(2.5, 0), "3");
  EXPECT_EQ(format_fixed(-2.5, 0), "-3");
  EXPECT_EQ(format_fixed(1.23456, 3), "1.235");
  EXPECT_EQ(format_fixed(-0.0004, 3), "0.000");
  EXPECT_EQ(format_fixed(-0.0, 2), "0.00");
  EXPECT_EQ(format_fixed(-1.5, 1), "-1.5");
}

TEST(Format, Millionths) {
  EXPECT_EQ(format_millionths(812345), "0.812345");
  EXPECT_EQ(format_millionths(1'000'000), "1.000000");
  EXPECT_EQ(format_millionths(-5), "-0.000005");
  EXPECT_EQ(format_millionths(0), "0.000000");
}

TEST(Format, ShortDropsTrailingZeros) {
  EXPECT_EQ(format_short(5.0), "5");
  EXPECT_EQ(format_short(7.5), "7.5");
  EXPECT_EQ(format_short(0.125), "0.125");
  EXPECT_EQ(format_short(2.0004), "2");
  EXPECT_EQ(format_short(-0.0001), "0");
  EXPECT_EQ(format_short(-3.25), "-3.25");
  EXPECT_EQ(format_short(1200), "1200");
}

TEST(Format, ShortestReadsBackExactly) {
  EXPECT_EQ(format_shortest(20000), "20000");
  EXPECT_EQ(format_shortest(0.5), "0.5");
  EXPECT_EQ(format_shortest(1e6), "1000000");
  EXPECT_EQ(format_shortest(-0.0), "0");
  for (double v : {0.1, 1.0 / 3, 55.123456789, -12.5e-7, 1e-300, 6.02e23, 1e300})
    EXPECT_EQ(std::stod(format_shortest(v)), v) << format_shortest(v);
  EXPECT_LT(format_shortest(1e-300).size(), 25u);
}

TEST(CsvWriter, OneQuotingRule) {
  detail::CsvWriter w;
  w.header(std::vector<std::string>{"a", "b", "c", "d", "e", "f"});
  w.text("plain");
  w.text("a,b");
  w.text("say \"hi\"");
  w.text(" padded");
  w.text("two\nlines");
  w.empty();
  w.end_row();
  EXPECT_EQ(w.str(), "a,b,c,d,e,f\nplain,\"a,b\",\"say \"\"hi\"\"\",\" padded\",\"two\nlines\",\n");
  // What it writes, the reader reads back cell for cell.
  const detail::CsvParse back = detail::parse_csv(w.str());
  ASSERT_EQ(back.records.size(), 2u);
  const std::vector<std::string> want = {"plain", "a,b", "say \"hi\"", " padded", "two\nlines", ""};
  EXPECT_EQ(back.records[1].cells, want);
}

TEST(CsvWriter, ARowMustMatchTheHeader) {
  detail::CsvWriter w;
  w.header(detail::columns_of(detail::Table::Decisions));
  EXPECT_EQ(w.str(), "citizen,opening,decision,mentor\n");
  w.text("c1");
  w.text("o1");
  EXPECT_THROW(w.end_row(), std::logic_error);
}

TEST(Columns, IndexAndRequiredFlags) {
  for (int t = 0; t < detail::kTableCount; ++t) {
    const auto table = static_cast<detail::Table>(t);
    const auto cols = detail::columns_of(table);
    ASSERT_FALSE(cols.empty());
    EXPECT_TRUE(cols[0].required) << to_string(table);  // the id (or code / citizen) column
    for (std::size_t i = 0; i < cols.size(); ++i)
      EXPECT_EQ(detail::column_index(table, cols[i].name), static_cast<int>(i));
  }
  EXPECT_EQ(detail::column_index(detail::Table::Citizens, "needs_mentr"), -1);
}

// A plan nobody certified says so: make_plan sets no status and no bound; the reasons of
// the unplaced come from explain/ and agree with the rules' own answer.
TEST(PlanStatus, MakePlanAloneIsNotSolvedAndHasNoBound) {
  GenerateOptions g;
  g.citizens = 60;
  g.openings = 15;
  g.seed = 7;
  const Instance in = generate_instance(g);
  const CandidateGraph graph = build_candidates(in);
  std::vector<ArcIndex> chosen(in.citizens.size(), kNone);  // nobody placed
  Plan plan = make_plan(in, graph, chosen);
  EXPECT_EQ(plan.status, Status::NotSolved);
  EXPECT_FALSE(plan.bound_placed.has_value());
  EXPECT_FALSE(plan.bound_score.has_value());
  EXPECT_EQ(plan.placed, 0);
  EXPECT_TRUE(plan.unplaced.empty());
  plan.unplaced = explain_unplaced(in, graph, plan);
  ASSERT_EQ(plan.unplaced.size(), in.citizens.size());
  const ReasonFinder why(in);
  for (const Unplaced& u : plan.unplaced) {
    const bool has = graph.end(u.citizen) > graph.begin(u.citizen);
    const UnplacedReason r = why(u.citizen, has);
    EXPECT_EQ(u.reason_code, r.code) << in.citizens[static_cast<std::size_t>(u.citizen)].id;
    EXPECT_EQ(u.reason, r.reason);
  }
  // The result JSON writes what the plan says, no more.
  const auto j = nlohmann::json::parse(result_json(in, plan, RunStats{}));
  EXPECT_EQ(j["status"], "not_solved");
  EXPECT_TRUE(j["bound"]["placed"].is_null());
  EXPECT_TRUE(j["bound"]["score"].is_null());
  plan.status = Status::Feasible;
  plan.objective = Objective::Score;
  plan.bound_score = 1'500'000;
  const auto k = nlohmann::json::parse(result_json(in, plan, RunStats{}));
  EXPECT_EQ(k["status"], "feasible");
  EXPECT_EQ(k["objective_name"], "score");
  EXPECT_DOUBLE_EQ(k["bound"]["score"].get<double>(), 1.5);
  EXPECT_EQ(k["unplaced"][0]["reason_code"], std::string(to_string(plan.unplaced[0].reason_code)));
}

}  // namespace
