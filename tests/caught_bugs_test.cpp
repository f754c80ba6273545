// Tests written to catch plausible one-line bugs that the rest of the suite let through
// (tests/mutate.sh applies them): the distance rule's tolerance, agreed mentors of pins
// when the other mentors are named. Instances are built in code; the expected values
// follow from the contract, not from running the code.
#include <gtest/gtest.h>

#include "candidates_support.hpp"
#include "placematch/candidates/candidates.hpp"
#include "placematch/plan/plan.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/rules/decisions.hpp"
#include "placematch/rules/rules.hpp"

namespace {

using namespace placematch;
using namespace pmtest;

// Contract section 2, rule 1: "distance(c, o) <= c.max_km (+ 1e-9)". A max_km a hair
// (5e-10 km) below the true distance is within the tolerance; 1e-7 below is not.
TEST(CaughtBugs, DistanceToleranceOfOneNanoKilometre) {
  Instance in;
  add_default_groups(in);
  const Index area = add_area(in, "a", 54.9226, 9.7668);
  const Index k = add_company(in, "k", 54.9871, 9.8102);
  add_opening(in, "o", k, OpeningKind::SmallJob, 10, 30);
  const Index o = 0;
  for (const char* id : {"c_at", "c_hair", "c_beyond"}) add_citizen(in, id, area);
  in.finalize();
  const double km = pair_km(in, 0, o);
  ASSERT_GT(km, 5.0);
  in.citizens[0].max_km = km;
  in.citizens[1].max_km = km - 5e-10;
  in.citizens[2].max_km = km - 1e-7;
  const ForbiddenPairs none(in);
  // The rules layer.
  EXPECT_TRUE(within_distance(in, 0, o));
  EXPECT_TRUE(within_distance(in, 1, o));
  EXPECT_FALSE(within_distance(in, 2, o));
  EXPECT_EQ(first_broken_rule(in, none, 1, o), std::nullopt);
  EXPECT_EQ(first_broken_rule(in, none, 2, o), Rule::Distance);
  // The candidate graph (its own implementation of the rule).
  const CandidateGraph g = build_candidates(in);
  EXPECT_GE(g.find(0, o), 0);
  EXPECT_GE(g.find(1, o), 0);
  EXPECT_LT(g.find(2, o), 0);
  // And the plan: the seat goes to one of the two within reach, the third is unplaced
  // for distance.
  in.openings[0].seats = 3;
  const MatchResult r = match(in);
  ASSERT_EQ(r.plan.placements.size(), 2u);
  EXPECT_EQ(r.plan.placements[0].citizen, 0);
  EXPECT_EQ(r.plan.placements[1].citizen, 1);
  ASSERT_EQ(r.plan.unplaced.size(), 1u);
  EXPECT_EQ(r.plan.unplaced[0].reason_code, ReasonCode::NoOpeningInReach);
}

// A pin with an agreed mentor other than the one naming would choose: c0 (the first
// citizen, who speaks Danish like both mentors) is pinned to o with m_b, while naming
// alone would give c0 the lowest mentor, m_a. The plan must keep m_b and give m_a to c1.
TEST(CaughtBugs, AgreedMentorOfAPinIsKeptWhenOthersAreNamed) {
  Instance in;
  add_default_groups(in);
  const Index area = add_area(in, "a", 54.9226, 9.7668);
  const Index k = add_company(in, "k", 54.93, 9.7668);
  const Index m_a = add_mentor(in, "m_a", k, 1, 0, "da");
  const Index m_b = add_mentor(in, "m_b", k, 1, 0, "da");
  Opening& o = add_opening(in, "o", k, OpeningKind::SmallJob, 10, 30);
  o.mentor_required = true;
  o.seats = 2;
  for (const char* id : {"c0", "c1"}) add_citizen(in, id, area).languages = codes(in, "da");
  add_decision(in, 0, 0, DecisionKind::Pin, m_b);
  in.finalize();
  ASSERT_TRUE(check_decisions(in).empty());
  MatchResult r;
  ASSERT_NO_THROW(r = match(in));  // a broken naming makes match() throw (check_plan)
  ASSERT_EQ(r.plan.placements.size(), 2u);
  EXPECT_EQ(r.plan.placements[0].citizen, 0);
  EXPECT_EQ(r.plan.placements[0].mentor, m_b);
  EXPECT_EQ(r.plan.placements[1].citizen, 1);
  EXPECT_EQ(r.plan.placements[1].mentor, m_a);
  EXPECT_TRUE(check_plan(in, r.graph, r.plan).empty());
}

}  // namespace
