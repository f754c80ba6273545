// The plan's audit (placematch/plan/audit.hpp) and its views in the result JSON and the
// table, against a separate recount: the placements read back from the result JSON, each
// citizen's group and area looked up by id in the instance, counted here.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "placematch/plan/audit.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/report/report.hpp"
#include "placematch/synth/generate.hpp"

using namespace placematch;

namespace {

struct Count {
  std::int64_t residents = 0, placed = 0;
  double score = 0;
};

// Recounts the JSON's placements by group and by area; compares with its `groups`/`areas`.
void check_views(const Instance& in, const Plan& plan, const std::string& where) {
  SCOPED_TRACE(where);
  const auto json = nlohmann::json::parse(result_json(in, plan, RunStats{}));
  std::map<std::string, const Citizen*> by_id;
  for (const Citizen& c : in.citizens) by_id[c.id] = &c;
  std::map<std::string, Count> groups, areas;
  for (const Citizen& c : in.citizens) {
    ++groups[in.codes.name(c.target_group)].residents;
    ++areas[in.areas[static_cast<std::size_t>(c.area)].id].residents;
  }
  for (const auto& p : json["placements"]) {
    const Citizen& c = *by_id.at(p["citizen"].get<std::string>());
    for (Count* n : {&groups[in.codes.name(c.target_group)], &areas[in.areas[static_cast<std::size_t>(c.area)].id]}) {
      ++n->placed;
      n->score += p["score"].get<double>();
    }
  }
  auto compare = [&](const nlohmann::json& rows, const std::map<std::string, Count>& truth, const char* what) {
    std::int64_t residents = 0;
    for (const auto& row : rows) {
      const std::string code = row["code"].get<std::string>();
      SCOPED_TRACE(std::string(what) + " " + code);
      ASSERT_TRUE(truth.count(code));
      const Count& t = truth.at(code);
      EXPECT_EQ(row["residents"].get<std::int64_t>(), t.residents);
      EXPECT_EQ(row["placed"].get<std::int64_t>(), t.placed);
      EXPECT_NEAR(row["rate"].get<double>(), static_cast<double>(t.placed) / static_cast<double>(t.residents), 1e-6);
      if (t.placed == 0) EXPECT_TRUE(row["mean_score"].is_null());
      else EXPECT_NEAR(row["mean_score"].get<double>(), t.score / static_cast<double>(t.placed), 1e-6);
      residents += t.residents;
    }
    // Every group or area with residents appears once: the rows cover all residents.
    EXPECT_EQ(residents, static_cast<std::int64_t>(in.citizens.size()));
    std::size_t with_residents = 0;
    for (const auto& [code, t] : truth) with_residents += t.residents > 0;
    EXPECT_EQ(rows.size(), with_residents);
  };
  compare(json["groups"], groups, "group");
  compare(json["areas"], areas, "area");
}

}  // namespace

TEST(Audit, GeneratedPlansAgreeWithARecount) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    GenerateOptions go;
    go.citizens = 300;
    go.openings = 90;
    go.seed = seed;
    go.mentor_heavy = seed % 2 == 0;
    const Instance in = generate_instance(go);
    MatchOptions mo;
    mo.solve.threads = 1;
    mo.solve.objective = seed % 3 == 0 ? Objective::Score : Objective::Placements;
    const MatchResult r = match(in, mo);
    check_views(in, r.plan, "seed " + std::to_string(seed));
  }
}

TEST(Audit, SonderborgSampleAndTable) {
  const Instance in = generate_sonderborg_sample();
  MatchOptions mo;
  mo.solve.threads = 1;
  const MatchResult r = match(in, mo);
  check_views(in, r.plan, "sonderborg");
  // The Sønderborg table of the agreement: 6.3 has 70 residents.
  const Audit a = audit_plan(in, r.plan);
  bool found = false;
  for (const AuditRow& g : a.groups)
    if (g.code == "6.3") found = g.residents == 70;
  EXPECT_TRUE(found);
  const std::string table = plan_table(in, r.plan);
  EXPECT_NE(table.find("placed by target group"), std::string::npos);
  EXPECT_NE(table.find("placed by housing area"), std::string::npos);
}

TEST(Audit, EmptyPlanHasNoMeanScore) {
  const Instance in = generate_sonderborg_sample();
  Plan empty;
  const Audit a = audit_plan(in, empty);
  ASSERT_FALSE(a.groups.empty());
  for (const AuditRow& g : a.groups) {
    EXPECT_EQ(g.placed, 0);
    EXPECT_FALSE(g.mean_score().has_value());
  }
  check_views(in, empty, "empty plan");
}
