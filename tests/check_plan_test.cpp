// check_plan (placematch/plan/plan.hpp) can fail: it is given one broken plan per rule of
// contract sections 2 and 3, built by hand on a small instance, and must name each; the
// same instance's correct plans pass. A checker that always said "no problem", or that
// trusted the candidate graph for the rules of section 2, fails here.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "candidates_support.hpp"
#include "placematch/candidates/candidates.hpp"
#include "placematch/plan/plan.hpp"
#include "placematch/planner/match.hpp"

namespace {

using namespace placematch;
using namespace pmtest;

struct Pick {
  Index citizen, opening, mentor = kNone;
};

/// One area; company k (5 employees: the reasonableness rule allows 1 internship) with
/// mentors m1 and m1b (room 1 each); company k2 with mentor m2; company k_full whose only
/// mentor is fully carrying; company k_far 100 km away. Openings each differ from o_ok in
/// one rule; citizens c0 (plain), c1 (plain), c_bar (barrier language:2), c_ex (excludes k).
struct Broken : ::testing::Test {
  Instance in;
  Index area{}, k{}, k2{}, k_full{}, k_far{}, m1{}, m1b{}, m2{};
  Index o_ok{}, o_small{}, o_far{}, o_hours{}, o_req{}, o_bar{}, o_grp{}, o_age{}, o_mentor{}, o_full{};
  Index c0{}, c1{}, c_bar{}, c_ex{};
  CandidateGraph graph;

  Index opening(Opening& o) { return static_cast<Index>(&o - in.openings.data()); }
  Index citizen(Citizen& c) { return static_cast<Index>(&c - in.citizens.data()); }

  void SetUp() override {
    add_default_groups(in);
    area = add_area(in, "a", 54.9226, 9.7668);
    k = add_company(in, "k", 54.93, 9.7668);
    in.companies[static_cast<std::size_t>(k)].employees = 5;
    k2 = add_company(in, "k2", 54.93, 9.77);
    k_full = add_company(in, "k_full", 54.93, 9.77);
    k_far = add_company(in, "k_far", 55.8226, 9.7668);  // about 100 km north
    m1 = add_mentor(in, "m1", k, 1, 0);
    m1b = add_mentor(in, "m1b", k, 1, 0);
    m2 = add_mentor(in, "m2", k2, 1, 0);
    add_mentor(in, "m_full", k_full, 1, 1);
    o_ok = opening(add_opening(in, "o_ok", k));  // internship, 5-37 hours, 1 seat
    o_small = opening(add_opening(in, "o_small", k, OpeningKind::SmallJob));
    in.openings[static_cast<std::size_t>(o_small)].seats = 2;
    o_far = opening(add_opening(in, "o_far", k_far, OpeningKind::SmallJob));
    o_hours = opening(add_opening(in, "o_hours", k2, OpeningKind::SmallJob, 30, 37));
    o_req = opening(add_opening(in, "o_req", k2, OpeningKind::SmallJob));
    in.openings.back().required = levels(in, "forklift:2");
    o_bar = opening(add_opening(in, "o_bar", k2, OpeningKind::SmallJob));
    in.openings.back().barrier_limits = levels(in, "language:1");
    o_grp = opening(add_opening(in, "o_grp", k2, OpeningKind::SmallJob));
    in.openings.back().groups = codes(in, "6.1");
    o_age = opening(add_opening(in, "o_age", k2, OpeningKind::SmallJob));
    in.openings.back().age_min = 40;
    o_mentor = opening(add_opening(in, "o_mentor", k, OpeningKind::SmallJob));
    in.openings.back().mentor_required = true;
    in.openings.back().seats = 2;
    o_full = opening(add_opening(in, "o_full", k_full, OpeningKind::SmallJob));
    in.openings.back().mentor_required = true;
    c0 = citizen(add_citizen(in, "c0", area));
    c1 = citizen(add_citizen(in, "c1", area));
    c_bar = citizen(add_citizen(in, "c_bar", area));
    in.citizens.back().barriers = levels(in, "language:2");
    c_ex = citizen(add_citizen(in, "c_ex", area));
    in.citizens.back().excluded_companies = {k};
  }

  // The plan placing `picks`, with the candidate graph's arcs and scores where it has the pair.
  std::vector<std::string> check(const std::vector<Pick>& picks) {
    in.finalize();
    graph = build_candidates(in);
    Plan plan;
    for (const Pick& p : picks) {
      Placement pl;
      pl.citizen = p.citizen;
      pl.opening = p.opening;
      pl.mentor = p.mentor;
      pl.arc = graph.find(p.citizen, p.opening);
      if (pl.arc >= 0) pl.score = graph.score[static_cast<std::size_t>(pl.arc)];
      plan.score += pl.score;
      plan.placements.push_back(pl);
    }
    plan.placed = static_cast<Index>(plan.placements.size());
    return check_plan(in, graph, plan);
  }

  static std::string all(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += x + "\n";
    return s;
  }
  // Some problem names `words` (and the plan is not passed).
  static void expect_named(const std::vector<std::string>& problems, const std::string& words) {
    bool hit = false;
    for (const auto& p : problems) hit = hit || p.find(words) != std::string::npos;
    EXPECT_TRUE(hit) << "no problem naming \"" << words << "\" in:\n" << all(problems);
  }
};

TEST_F(Broken, CorrectPlansPass) {
  EXPECT_TRUE(check({}).empty()) << all(check({}));
  const auto ok = check({{c0, o_ok}, {c1, o_small}, {c_bar, o_mentor, m1}, {c_ex, o_bar}});
  EXPECT_TRUE(ok.empty()) << all(ok);
}

// Section 2, rules 1-7: each pair is left out of the candidate graph, but the checker
// must say which rule it breaks (it re-checks them itself).
TEST_F(Broken, TooFar) { expect_named(check({{c0, o_far}}), "breaks the distance rule"); }
TEST_F(Broken, HoursOutsideTheBand) { expect_named(check({{c0, o_hours}}), "breaks the hours rule"); }
TEST_F(Broken, MissingCompetence) {
  expect_named(check({{c0, o_req}}), "breaks the competences rule (requires forklift:2)");
}
TEST_F(Broken, BarrierOverItsLimit) {
  expect_named(check({{c_bar, o_bar}}), "breaks the barriers rule (barrier language:2");
}
TEST_F(Broken, WrongGroup) { expect_named(check({{c0, o_grp}}), "breaks the group and age rule"); }
TEST_F(Broken, WrongAge) { expect_named(check({{c0, o_age}}), "breaks the group and age rule"); }
TEST_F(Broken, ExcludedCompany) {
  expect_named(check({{c_ex, o_small}}), "breaks the excluded-company rule (the citizen excludes k)");
}
TEST_F(Broken, NoFreeMentorInTheCompany) {
  expect_named(check({{c0, o_full}}), "breaks the mentor rule");
}
TEST_F(Broken, ForbiddenPair) {
  add_decision(in, c0, o_small, DecisionKind::Forbid);
  expect_named(check({{c0, o_small}}), "c0 -> o_small: forbidden pair placed");
}

// Section 3.
TEST_F(Broken, MentorMissing) { expect_named(check({{c0, o_mentor}}), "needs a mentor and names none"); }
TEST_F(Broken, MentorOfAnotherCompany) {
  expect_named(check({{c0, o_mentor, m2}}), "mentor m2 is not of the company");
}
TEST_F(Broken, MentorOverloaded) {
  expect_named(check({{c0, o_mentor, m1}, {c1, o_mentor, m1}}), "m1: mentor carries 2 new placements, room for 1");
}
TEST_F(Broken, MentorNotNeeded) { expect_named(check({{c0, o_small, m1}}), "names a mentor it does not need"); }
TEST_F(Broken, CitizenTwice) {
  expect_named(check({{c0, o_small}, {c0, o_mentor, m1}}), "c0: holds more than one placement");
}
TEST_F(Broken, OpeningOverSeats) {
  in.companies[static_cast<std::size_t>(k)].employees.reset();  // reasonableness out of the way
  expect_named(check({{c0, o_ok}, {c1, o_ok}}), "o_ok: 2 placements for 1 seats");
}
TEST_F(Broken, CompanyOverReasonableness) {
  Opening& second = add_opening(in, "o_ok2", k);  // a second internship at k (cap 1)
  const Index o2 = opening(second);
  expect_named(check({{c0, o_ok}, {c1, o2}}), "k: 2 internship/wage-subsidy placements, the reasonableness rule allows 1");
}
TEST_F(Broken, PinDropped) {
  add_decision(in, c0, o_ok, DecisionKind::Pin);
  expect_named(check({{c1, o_small}}), "c0 -> o_ok: pinned but not placed");
}
TEST_F(Broken, PinMentorChanged) {
  add_decision(in, c0, o_mentor, DecisionKind::Pin, m1b);
  const auto kept = check({{c0, o_mentor, m1b}});
  EXPECT_TRUE(kept.empty()) << all(kept);
  expect_named(check({{c0, o_mentor, m1}}), "c0 -> o_mentor: pinned mentor not kept");
}
TEST_F(Broken, TotalsDisagree) {
  in.finalize();
  graph = build_candidates(in);
  Plan plan;
  Placement pl{c0, o_small, kNone, graph.find(c0, o_small), 0, 0, 0};
  pl.score = graph.score[static_cast<std::size_t>(pl.arc)];
  plan.placements.push_back(pl);
  plan.placed = 1;
  plan.score = pl.score + 1;
  expect_named(check_plan(in, graph, plan), "total score disagrees");
  plan.score = pl.score;
  plan.placed = 2;
  expect_named(check_plan(in, graph, plan), "placed count disagrees");
}

// Plans from the solver on random instances (the project's seeded generator) pass.
TEST(CheckPlan, SolverPlansPass) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    Instance in = random_instance(seed);
    MatchResult r = match(in);
    const auto problems = check_plan(in, r.graph, r.plan);
    EXPECT_TRUE(problems.empty()) << "seed " << seed << ": " << problems.front();
  }
}

}  // namespace
