// Edge cases of each hard rule (contract section 2), and the reasons for unplaced
// citizens, on instances built in code.
#include "placematch/rules/rules.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "candidates_support.hpp"
#include "placematch/candidates/candidates.hpp"
#include "placematch/explain/reasons.hpp"
#include "placematch/model/geo.hpp"

namespace {

using namespace placematch;
using namespace pmtest;


/// One area, one company next door with a free mentor; tests add openings and citizens.
struct Fixture {
  Instance in;
  Index area, near, full;
  Fixture() {
    add_default_groups(in);
    area = add_area(in, "stenbjerg", 54.9226, 9.7668);
    near = add_company(in, "k_near", 54.93, 9.7668);
    full = add_company(in, "k_full", 54.93, 9.7668);
    add_mentor(in, "m_near", near, 2, 0, "da;ar");
    add_mentor(in, "m_full", full, 1, 1, "da");
  }
  Index opening(const Opening& o) { return static_cast<Index>(&o - in.openings.data()); }
  Index citizen(const Citizen& c) { return static_cast<Index>(&c - in.citizens.data()); }
  bool ok(Index c, Index o) {
    in.finalize();
    const ForbiddenPairs f(in);
    const bool by_rules = feasible(in, f, c, o);
    const bool by_graph = build_candidates(in).find(c, o) >= 0;
    EXPECT_EQ(by_rules, by_graph) << in.citizens[c].id << " " << in.openings[o].id;
    return by_rules;
  }
  std::optional<Rule> broken(Index c, Index o) {
    in.finalize();
    return first_broken_rule(in, ForbiddenPairs(in), c, o);
  }
};

TEST(RulesTest, HaversineKnownDistances) {
  EXPECT_DOUBLE_EQ(haversine_km(10, 20, 10, 20), 0.0);
  // A quarter of a meridian.
  EXPECT_NEAR(haversine_km(0, 0, 90, 0), 6371.0088 * M_PI / 2, 1e-9);
  EXPECT_NEAR(haversine_km(0, 0, 0, 180), 6371.0088 * M_PI, 1e-9);
  EXPECT_NEAR(haversine_km(54.9226, 9.7668, 55.6761, 12.5683), oracle_km(54.9226, 9.7668, 55.6761, 12.5683), 1e-9);
}

TEST(RulesTest, DistanceExactlyAtMaxKm) {
  Fixture f;
  const Index far = add_company(f.in, "k_far", 54.99, 9.7668);
  const Index o = f.opening(add_opening(f.in, "o_far", far, OpeningKind::SmallJob, 10, 10));
  const double km = oracle_km(54.9226, 9.7668, 54.99, 9.7668);
  Citizen& exact = add_citizen(f.in, "c_exact", f.area);
  exact.hours = 10;
  exact.max_km = km;
  const Index ce = f.citizen(exact);
  Citizen& shorter = add_citizen(f.in, "c_short", f.area);
  shorter.hours = 10;
  shorter.max_km = km - 1e-6;
  const Index cs = f.citizen(shorter);
  EXPECT_TRUE(f.ok(ce, o));
  EXPECT_FALSE(f.ok(cs, o));
  EXPECT_EQ(f.broken(cs, o), Rule::Distance);
  EXPECT_NEAR(pair_km(f.in, ce, o), km, 1e-9);
}

TEST(RulesTest, HoursSharedEndCounts) {
  Fixture f;
  const Index o = f.opening(add_opening(f.in, "o_hours", f.near, OpeningKind::SmallJob, 15, 20));
  Citizen& end = add_citizen(f.in, "c_end", f.area);
  end.hours = 12;
  end.hours_tolerance = 3;  // 9-15 touches 15-20
  const Index ce = f.citizen(end);
  Citizen& gap = add_citizen(f.in, "c_gap", f.area);
  gap.hours = 12;
  gap.hours_tolerance = 2.9;
  const Index cg = f.citizen(gap);
  Citizen& above = add_citizen(f.in, "c_above", f.area);
  above.hours = 20.5;
  above.hours_tolerance = 0.5;  // 20-21 touches from above
  const Index ca = f.citizen(above);
  EXPECT_TRUE(f.ok(ce, o));
  EXPECT_FALSE(f.ok(cg, o));
  EXPECT_EQ(f.broken(cg, o), Rule::Hours);
  EXPECT_TRUE(f.ok(ca, o));
}

TEST(RulesTest, CompetenceLevelExactlyAtRequirement) {
  Fixture f;
  Opening& op = add_opening(f.in, "o_forklift", f.near, OpeningKind::Ordinary);
  op.required = levels(f.in, "forklift:3;danish:1");
  const Index o = f.opening(op);
  Citizen& c3 = add_citizen(f.in, "c3", f.area);
  c3.competences = levels(f.in, "Forklift:3;DANISH:1");  // codes compare case-insensitively
  const Index i3 = f.citizen(c3);
  Citizen& c2 = add_citizen(f.in, "c2", f.area);
  c2.competences = levels(f.in, "forklift:2;danish:5");
  const Index i2 = f.citizen(c2);
  Citizen& c5 = add_citizen(f.in, "c5", f.area);
  c5.competences = levels(f.in, "forklift:5");  // danish missing
  const Index i5 = f.citizen(c5);
  EXPECT_TRUE(f.ok(i3, o));
  EXPECT_FALSE(f.ok(i2, o));
  EXPECT_FALSE(f.ok(i5, o));
  EXPECT_EQ(f.broken(i2, o), Rule::Competences);
}

TEST(RulesTest, BarrierSeverityAtLimitAndLimitZero) {
  Fixture f;
  Opening& op = add_opening(f.in, "o_limits", f.near);
  op.barrier_limits = levels(f.in, "language:2;anxiety:0");
  const Index o = f.opening(op);
  auto citizen_with = [&](const char* id, const char* barriers) {
    Citizen& c = add_citizen(f.in, id, f.area);
    c.barriers = levels(f.in, barriers);
    return f.citizen(c);
  };
  const Index at = citizen_with("c_lang2", "language:2");
  const Index over = citizen_with("c_lang3", "language:3");
  const Index zero = citizen_with("c_anx1", "anxiety:1");
  const Index unlisted = citizen_with("c_health", "health:3;language:1");
  EXPECT_TRUE(f.ok(at, o));
  EXPECT_FALSE(f.ok(over, o));
  EXPECT_FALSE(f.ok(zero, o));
  EXPECT_TRUE(f.ok(unlisted, o));
  EXPECT_EQ(f.broken(zero, o), Rule::Barriers);
}

TEST(RulesTest, GroupsAndAgeBoundsInclusive) {
  Fixture f;
  Opening& op = add_opening(f.in, "o_groups", f.near, OpeningKind::WageSubsidy);
  op.groups = codes(f.in, "6.3;INT-SHP");
  op.age_min = 25;
  op.age_max = 40;
  const Index o = f.opening(op);
  auto citizen = [&](const char* id, const char* group, int age) {
    Citizen& c = add_citizen(f.in, id, f.area);
    c.target_group = f.in.codes.intern(group);
    c.age = age;
    return f.citizen(c);
  };
  EXPECT_TRUE(f.ok(citizen("a25", "6.3", 25), o));
  EXPECT_TRUE(f.ok(citizen("a40", "int-shp", 40), o));
  EXPECT_FALSE(f.ok(citizen("a24", "6.3", 24), o));
  EXPECT_FALSE(f.ok(citizen("a41", "6.3", 41), o));
  EXPECT_FALSE(f.ok(citizen("g62", "6.2", 30), o));
  EXPECT_EQ(f.broken(citizen("g62b", "6.2", 30), o), Rule::GroupOrAge);
}

TEST(RulesTest, MinorsAndLeisureJobs) {
  Fixture f;
  const Index leisure = f.opening(add_opening(f.in, "o_leisure", f.near, OpeningKind::LeisureJob, 3, 12));
  const Index intern = f.opening(add_opening(f.in, "o_intern", f.near, OpeningKind::Internship, 3, 12));
  const Index small = f.opening(add_opening(f.in, "o_small", f.near, OpeningKind::SmallJob, 3, 12));
  const Index ord = f.opening(add_opening(f.in, "o_ord", f.near, OpeningKind::Ordinary, 3, 12));
  const Index wage = f.opening(add_opening(f.in, "o_wage", f.near, OpeningKind::WageSubsidy, 3, 12));
  auto citizen = [&](const char* id, int age) {
    Citizen& c = add_citizen(f.in, id, f.area);
    c.age = age;
    c.hours = 8;
    c.hours_tolerance = 2;
    return f.citizen(c);
  };
  const Index y13 = citizen("y13", 13), y17 = citizen("y17", 17), a18 = citizen("a18", 18),
              a19 = citizen("a19", 19);
  for (Index y : {y13, y17}) {
    EXPECT_TRUE(f.ok(y, leisure));
    EXPECT_TRUE(f.ok(y, intern));
    EXPECT_FALSE(f.ok(y, small));
    EXPECT_FALSE(f.ok(y, ord));
    EXPECT_FALSE(f.ok(y, wage));
  }
  for (Index a : {a18, a19}) {
    EXPECT_FALSE(f.ok(a, leisure));
    EXPECT_TRUE(f.ok(a, intern));
    EXPECT_TRUE(f.ok(a, small));
    EXPECT_TRUE(f.ok(a, ord));
    EXPECT_TRUE(f.ok(a, wage));
  }
  EXPECT_EQ(f.broken(a19, leisure), Rule::GroupOrAge);
}

TEST(RulesTest, ExcludedCompanyAndForbiddenPair) {
  Fixture f;
  const Index o = f.opening(add_opening(f.in, "o", f.near));
  const Index o2 = f.opening(add_opening(f.in, "o2", f.near));
  Citizen& ex = add_citizen(f.in, "c_excluded", f.area);
  ex.excluded_companies = {f.near};
  const Index ce = f.citizen(ex);
  const Index cf = f.citizen(add_citizen(f.in, "c_forbidden", f.area));
  add_decision(f.in, cf, o, DecisionKind::Forbid);
  add_decision(f.in, cf, o2, DecisionKind::Pin);  // a pin is no prohibition
  EXPECT_FALSE(f.ok(ce, o));
  EXPECT_EQ(f.broken(ce, o), Rule::Excluded);
  EXPECT_FALSE(f.ok(cf, o));
  EXPECT_EQ(f.broken(cf, o), Rule::Excluded);
  EXPECT_TRUE(f.ok(cf, o2));
}

TEST(RulesTest, MentorNeededAndCompanyFullyCarrying) {
  Fixture f;
  const Index ok_req = f.opening(add_opening(f.in, "o_mentor_ok", f.near));
  f.in.openings[static_cast<std::size_t>(ok_req)].mentor_required = true;
  const Index full_req = f.opening(add_opening(f.in, "o_mentor_full", f.full));
  f.in.openings[static_cast<std::size_t>(full_req)].mentor_required = true;
  const Index full_plain = f.opening(add_opening(f.in, "o_full_plain", f.full));
  const Index plain = f.citizen(add_citizen(f.in, "c_plain", f.area));
  Citizen& m = add_citizen(f.in, "c_mentored", f.area);
  m.needs_mentor = true;
  const Index mentored = f.citizen(m);
  EXPECT_TRUE(f.ok(plain, ok_req));
  EXPECT_FALSE(f.ok(plain, full_req));
  EXPECT_EQ(f.broken(plain, full_req), Rule::Mentor);
  EXPECT_TRUE(f.ok(plain, full_plain));     // no mentor needed
  EXPECT_FALSE(f.ok(mentored, full_plain));  // the citizen needs one
  EXPECT_TRUE(f.ok(mentored, ok_req));
  const CandidateGraph g = build_candidates(f.in);
  EXPECT_EQ(g.needs_mentor[static_cast<std::size_t>(g.find(plain, ok_req))], 1);
  EXPECT_EQ(g.needs_mentor[static_cast<std::size_t>(g.find(plain, full_plain))], 0);
}

TEST(RulesTest, FirstBrokenRuleFollowsTheContractOrder) {
  Fixture f;
  const Index far = add_company(f.in, "k_far", 56.5, 9.7668);
  Opening& op = add_opening(f.in, "o_bad", far, OpeningKind::SmallJob, 30, 37);
  op.required = levels(f.in, "forklift:2");
  const Index o = f.opening(op);
  Citizen& c = add_citizen(f.in, "c", f.area);
  c.hours = 5;
  c.hours_tolerance = 0;
  c.max_km = 10;
  const Index ci = f.citizen(c);
  EXPECT_EQ(f.broken(ci, o), Rule::Distance);
  f.in.citizens[static_cast<std::size_t>(ci)].max_km = 500;
  EXPECT_EQ(f.broken(ci, o), Rule::Hours);
  f.in.citizens[static_cast<std::size_t>(ci)].hours = 30;
  EXPECT_EQ(f.broken(ci, o), Rule::Competences);
  f.in.citizens[static_cast<std::size_t>(ci)].competences = levels(f.in, "forklift:2");
  EXPECT_EQ(f.broken(ci, o), std::nullopt);
  EXPECT_EQ(to_string(Rule::Hours), "hours");
}

// ---- reasons for unplaced citizens ----

TEST(UnplacedReasonTest, EachCode) {
  Fixture f;
  // k_near: one small job 15-20 h requiring forklift:3, limiting language to 1, for
  // group 6.3 only; mentors as in the fixture.
  Opening& op = add_opening(f.in, "o", f.near, OpeningKind::SmallJob, 15, 20);
  op.required = levels(f.in, "forklift:3");
  op.barrier_limits = levels(f.in, "language:1");
  op.groups = codes(f.in, "6.3");
  const Index o = f.opening(op);
  Opening& full = add_opening(f.in, "o_full", f.full, OpeningKind::SmallJob, 15, 20);
  full.mentor_required = true;
  full.groups = codes(f.in, "6.2");
  full.required = levels(f.in, "cleaning:1");
  auto base = [&](const char* id) -> Citizen& {
    Citizen& c = add_citizen(f.in, id, f.area);
    c.hours = 18;
    c.hours_tolerance = 1;
    c.target_group = f.in.codes.intern("6.3");
    c.competences = levels(f.in, "forklift:3");
    return c;
  };
  Citizen& nowhere = base("c_nowhere");
  nowhere.max_km = 0.1;
  const Index i_nowhere = f.citizen(nowhere);
  Citizen& hours = base("c_hours");
  hours.hours = 8;
  hours.hours_tolerance = 2;
  const Index i_hours = f.citizen(hours);
  Citizen& comp = base("c_comp");
  comp.competences = levels(f.in, "forklift:2");
  const Index i_comp = f.citizen(comp);
  Citizen& bar = base("c_bar");
  bar.barriers = levels(f.in, "language:2");
  const Index i_bar = f.citizen(bar);
  Citizen& grp = base("c_grp");
  grp.target_group = f.in.codes.intern("6.1");
  const Index i_grp = f.citizen(grp);
  Citizen& ex = base("c_ex");
  ex.excluded_companies = {f.near};
  const Index i_ex = f.citizen(ex);
  const Index i_forbid = f.citizen(base("c_forbid"));
  Citizen& mentor = base("c_mentor");
  mentor.target_group = f.in.codes.intern("6.2");  // only o_full fits the group
  mentor.competences = levels(f.in, "cleaning:1");
  const Index i_mentor = f.citizen(mentor);
  const Index i_taken = f.citizen(base("c_taken"));
  add_decision(f.in, i_forbid, o, DecisionKind::Forbid);
  f.in.finalize();

  const ReasonFinder why(f.in);
  const CandidateGraph g = build_candidates(f.in);
  auto code = [&](Index c) {
    const bool has = g.end(c) > g.begin(c);
    const UnplacedReason r = why(c, has);
    EXPECT_FALSE(r.reason.empty());
    EXPECT_EQ(r.code, unplaced_reason(f.in, c, has).code);
    return r;
  };
  EXPECT_EQ(code(i_nowhere).code, ReasonCode::NoOpeningInReach);
  const UnplacedReason h = code(i_hours);
  EXPECT_EQ(h.code, ReasonCode::Hours);
  EXPECT_EQ(h.reason, "no opening within 50 km offers 6-10 hours a week");
  const UnplacedReason c = code(i_comp);
  EXPECT_EQ(c.code, ReasonCode::Competences);
  EXPECT_NE(c.reason.find("forklift at level 3"), std::string::npos) << c.reason;
  EXPECT_EQ(code(i_bar).code, ReasonCode::Barriers);
  EXPECT_EQ(code(i_grp).code, ReasonCode::GroupOrAge);
  EXPECT_EQ(code(i_ex).code, ReasonCode::Excluded);
  EXPECT_EQ(code(i_forbid).code, ReasonCode::Excluded);
  EXPECT_EQ(code(i_mentor).code, ReasonCode::NoMentor);
  const UnplacedReason t = code(i_taken);
  EXPECT_EQ(t.code, ReasonCode::TakenByOthers);
  EXPECT_EQ(t.openings_feasible, 1);
  EXPECT_EQ(t.reason, "1 opening fits, but its seats or mentors went to others");
  EXPECT_EQ(to_string(ReasonCode::NoOpeningInReach), "no_opening_in_reach");
  EXPECT_EQ(to_string(ReasonCode::GroupOrAge), "group_or_age");
  EXPECT_EQ(to_string(ReasonCode::TakenByOthers), "taken_by_others");
}

TEST(UnplacedReasonTest, TakenByOthersExactlyWhenCandidatesExist) {
  for (std::uint64_t seed = 200; seed < 215; ++seed) {
    const Instance in = random_instance(seed);
    const CandidateGraph g = build_candidates(in);
    const ReasonFinder why(in);
    for (std::size_t c = 0; c < in.citizens.size(); ++c) {
      const Index ci = static_cast<Index>(c);
      const bool has = g.end(ci) > g.begin(ci);
      const UnplacedReason r = why(ci, has);
      EXPECT_EQ(r.code == ReasonCode::TakenByOthers, has) << "seed " << seed << " " << in.citizens[c].id;
      if (has) {
        EXPECT_EQ(r.openings_feasible, g.end(ci) - g.begin(ci));
        // explain_unplaced's shortcut for citizens with candidates says the same.
        const UnplacedReason quick = taken_by_others(static_cast<int>(g.end(ci) - g.begin(ci)));
        EXPECT_EQ(quick.code, r.code);
        EXPECT_EQ(quick.reason, r.reason);
        EXPECT_EQ(quick.openings_feasible, r.openings_feasible);
      }
      // The reason is the first rule that every opening in reach breaks at that stage:
      // no opening in reach keeps all rules before it.
      if (!has && r.code != ReasonCode::NoOpeningInReach) {
        const ForbiddenPairs fp(in);
        const int stage = static_cast<int>(r.code);  // Hours = 1 ... NoMentor = 6
        bool some_reaches_stage = false;
        for (std::size_t o = 0; o < in.openings.size(); ++o) {
          const auto b = first_broken_rule(in, fp, ci, static_cast<Index>(o));
          ASSERT_TRUE(b.has_value());
          if (static_cast<int>(*b) >= stage) some_reaches_stage = true;
          EXPECT_LE(static_cast<int>(*b), stage) << in.openings[o].id;
        }
        EXPECT_TRUE(some_reaches_stage);
      }
    }
  }
}

}  // namespace
