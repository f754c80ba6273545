#include <gtest/gtest.h>

#include "placematch/model/instance.hpp"

using namespace placematch;

TEST(CodeTable, CaseInsensitiveKeepsFirstSpelling) {
  CodeTable t;
  CodeId a = t.intern("Forklift");
  EXPECT_EQ(t.intern("FORKLIFT"), a);
  EXPECT_EQ(t.find("forklift"), a);
  EXPECT_EQ(t.name(a), "Forklift");
  EXPECT_EQ(t.find("driving_b"), kNone);
}

TEST(Reasonableness, ContractExamples) {
  // 1 for up to 9 employees, 2 for 10-14, 10 for 50, 15 for 100.
  for (int e = 0; e <= 9; ++e) EXPECT_EQ(reasonableness_limit(e, 0), 1) << e;
  for (int e = 10; e <= 14; ++e) EXPECT_EQ(reasonableness_limit(e, 0), 2) << e;
  EXPECT_EQ(reasonableness_limit(50, 0), 10);
  EXPECT_EQ(reasonableness_limit(59, 0), 10);
  EXPECT_EQ(reasonableness_limit(60, 0), 11);
  EXPECT_EQ(reasonableness_limit(100, 0), 15);
  EXPECT_EQ(reasonableness_limit(100, 15), 0);
  EXPECT_EQ(reasonableness_limit(4, 3), -2);
}

TEST(OpeningKind, ParsesCaseInsensitively) {
  EXPECT_EQ(parse_opening_kind("Small_Job"), OpeningKind::SmallJob);
  EXPECT_EQ(parse_opening_kind("leisure_job"), OpeningKind::LeisureJob);
  EXPECT_FALSE(parse_opening_kind("job"));
  EXPECT_EQ(to_string(OpeningKind::WageSubsidy), "wage_subsidy");
  EXPECT_EQ(parse_decision_kind("PIN"), DecisionKind::Pin);
}
