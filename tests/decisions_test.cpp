// Pin checks before planning (contract section 3), one conflict kind at a time.
#include "placematch/rules/decisions.hpp"

#include <gtest/gtest.h>

#include "candidates_support.hpp"

namespace {

using namespace placematch;
using namespace pmtest;

/// A small network: k_near (4 employees, 1 supported: reasonableness cap 0 -> use 10
/// employees for cap 2), mentors m_a (2 free) and m_b (1 free) at k_near, m_full (0 free)
/// at k_full.
struct PinFixture {
  Instance in;
  Index area, near, full, m_a, m_b, m_full;
  Index o_one, o_two, o_mentor, o_full, o_hours, o_small;
  std::vector<Index> c;
  PinFixture() {
    add_default_groups(in);
    area = add_area(in, "a", 54.92, 9.77);
    near = add_company(in, "k_near", 54.93, 9.77);
    full = add_company(in, "k_full", 54.93, 9.77);
    in.companies[static_cast<std::size_t>(near)].employees = 10;  // cap max(1, 2) = 2
    m_a = add_mentor(in, "m_a", near, 3, 1);
    m_b = add_mentor(in, "m_b", near, 1, 0);
    m_full = add_mentor(in, "m_full", full, 1, 1);
    o_one = index(add_opening(in, "o_one", near, OpeningKind::Internship));  // 1 seat
    Opening& two = add_opening(in, "o_two", near, OpeningKind::WageSubsidy);
    two.seats = 5;
    o_two = index(two);
    Opening& mentor = add_opening(in, "o_mentor", near, OpeningKind::SmallJob);
    mentor.seats = 10;
    mentor.mentor_required = true;
    o_mentor = index(mentor);
    Opening& fullo = add_opening(in, "o_full", full, OpeningKind::SmallJob);
    fullo.mentor_required = true;
    o_full = index(fullo);
    o_hours = index(add_opening(in, "o_hours", near, OpeningKind::SmallJob, 30, 37));
    Opening& small = add_opening(in, "o_small", near, OpeningKind::SmallJob);
    small.seats = 10;
    o_small = index(small);
    for (int i = 0; i < 10; ++i)
      c.push_back(index(add_citizen(in, "c" + std::to_string(i), area)));
  }
  Index index(const Opening& o) { return static_cast<Index>(&o - in.openings.data()); }
  Index index(const Citizen& x) { return static_cast<Index>(&x - in.citizens.data()); }
  void pin(Index ci, Index oi, Index mentor = kNone) { add_decision(in, ci, oi, DecisionKind::Pin, mentor); }
  Diagnostics check() {
    in.finalize();
    return check_decisions(in);
  }
};

TEST(DecisionsTest, ValidPinsPass) {
  PinFixture f;
  f.pin(f.c[0], f.o_one);
  f.pin(f.c[1], f.o_two);
  f.pin(f.c[2], f.o_mentor, f.m_a);
  f.pin(f.c[3], f.o_mentor, f.m_a);
  f.pin(f.c[4], f.o_mentor);  // takes m_b
  f.pin(f.c[5], f.o_small);
  add_decision(f.in, f.c[6], f.o_small, DecisionKind::Forbid);
  EXPECT_TRUE(f.check().empty());
}

TEST(DecisionsTest, PinBreakingARuleNamesTheRule) {
  PinFixture f;
  f.pin(f.c[0], f.o_small);
  f.pin(f.c[1], f.o_hours);  // 15-25 vs 30-37
  const Diagnostics d = f.check();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].where, "decisions.csv:3");
  EXPECT_EQ(d[0].column, "opening");
  EXPECT_EQ(d[0].message.rfind("pin breaks the hours rule", 0), 0u) << d[0].message;

  PinFixture g;
  g.pin(g.c[0], g.o_full);  // k_full's only mentor carries fully
  const Diagnostics e = g.check();
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].message.find("mentor rule"), std::string::npos);
}

TEST(DecisionsTest, TwoPinsOfOneCitizen) {
  PinFixture f;
  f.pin(f.c[0], f.o_small);
  f.pin(f.c[0], f.o_two);
  const Diagnostics d = f.check();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].where, "decisions.csv:3");
  EXPECT_EQ(d[0].column, "citizen");
}

TEST(DecisionsTest, PinsOverfillAnOpening) {
  PinFixture f;
  f.pin(f.c[0], f.o_one);
  f.pin(f.c[1], f.o_one);
  const Diagnostics d = f.check();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].where, "decisions.csv:3");
  EXPECT_NE(d[0].message.find("overfill"), std::string::npos);
}

TEST(DecisionsTest, AgreedMentorOverCapacity) {
  PinFixture f;
  f.pin(f.c[0], f.o_mentor, f.m_b);
  f.pin(f.c[1], f.o_mentor, f.m_b);  // m_b has 1 free
  const Diagnostics d = f.check();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].where, "decisions.csv:3");
  EXPECT_EQ(d[0].column, "mentor");
}

TEST(DecisionsTest, MentorPoolExceeded) {
  PinFixture f;  // k_near's pool: 2 + 1 = 3
  for (int i = 0; i < 4; ++i) f.pin(f.c[static_cast<std::size_t>(i)], f.o_mentor);
  const Diagnostics d = f.check();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].where, "decisions.csv:5");
  EXPECT_NE(d[0].message.find("free mentor capacity"), std::string::npos);
  // A mentored citizen in a plain opening draws on the pool too.
  PinFixture g;
  for (int i = 0; i < 3; ++i) g.pin(g.c[static_cast<std::size_t>(i)], g.o_mentor);
  g.in.citizens[static_cast<std::size_t>(g.c[3])].needs_mentor = true;
  g.pin(g.c[3], g.o_small);
  EXPECT_EQ(g.check().size(), 1u);
}

TEST(DecisionsTest, ReasonablenessCapExceeded) {
  PinFixture f;  // 10 employees, 0 supported: cap 2 for internships and wage subsidy
  f.pin(f.c[0], f.o_one);
  f.pin(f.c[1], f.o_two);
  f.pin(f.c[2], f.o_small);  // small jobs do not count
  f.pin(f.c[3], f.o_two);
  const Diagnostics d = f.check();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].where, "decisions.csv:5");
  EXPECT_NE(d[0].message.find("reasonableness"), std::string::npos);
}

TEST(DecisionsTest, MentorNamedWhereNoneIsNeeded) {
  PinFixture f;
  f.pin(f.c[0], f.o_small, f.m_a);
  const Diagnostics d = f.check();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].column, "mentor");
}

TEST(DecisionsTest, PinnedAndForbidden) {
  PinFixture f;
  f.pin(f.c[0], f.o_small);
  add_decision(f.in, f.c[0], f.o_small, DecisionKind::Forbid);
  const Diagnostics d = f.check();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].where, "decisions.csv:2");
  EXPECT_NE(d[0].message.find("pinned and forbidden"), std::string::npos);
}

}  // namespace
