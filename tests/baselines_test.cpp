// The reference policies (placematch/planner/baselines.hpp): every plan keeps every rule
// (check_plan, the solver-independent checker), keeps the pins, is maximal (no unplaced
// resident has a pair that would still fit — recounted here from the contract's rules),
// never places more than placematch's proven optimum, and is the same for the same seed.
#include <gtest/gtest.h>

#include <map>

#include "placematch/planner/baselines.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/synth/generate.hpp"

using namespace placematch;

namespace {

std::size_t at(Index i) { return static_cast<std::size_t>(i); }

// Whether some unplaced citizen has a pair that fits in what the plan leaves: seats, the
// reasonableness rule and the mentor pool, counted here.
std::string first_missed_pair(const Instance& in, const CandidateGraph& g, const Plan& plan) {
  std::vector<int> seats(in.openings.size()), capped(in.companies.size()), mentored(in.companies.size());
  std::vector<char> placed(in.citizens.size());
  for (const Placement& p : plan.placements) {
    const Opening& o = in.openings[at(p.opening)];
    ++seats[at(p.opening)];
    if (o.kind == OpeningKind::Internship || o.kind == OpeningKind::WageSubsidy) ++capped[at(o.company)];
    if (in.citizens[at(p.citizen)].needs_mentor || o.mentor_required) ++mentored[at(o.company)];
    placed[at(p.citizen)] = 1;
  }
  for (std::size_t c = 0; c < in.citizens.size(); ++c) {
    if (placed[c]) continue;
    for (std::int64_t a = g.begin(static_cast<Index>(c)); a < g.end(static_cast<Index>(c)); ++a) {
      const Index oi = g.opening[static_cast<std::size_t>(a)];
      const Opening& o = in.openings[at(oi)];
      if (seats[at(oi)] >= o.seats) continue;
      const Company& k = in.companies[at(o.company)];
      if ((o.kind == OpeningKind::Internship || o.kind == OpeningKind::WageSubsidy) && k.employees) {
        const int e = *k.employees;
        const int cap = std::max(1, std::min(e, 50) / 5) + std::max(0, e - 50) / 10 - k.supported_now;
        if (capped[at(o.company)] >= cap) continue;
      }
      if (in.citizens[c].needs_mentor || o.mentor_required) {
        int room = 0;
        for (const Mentor& m : in.mentors)
          if (m.company == o.company) room += std::max(0, m.capacity - m.carrying_now);
        if (mentored[at(o.company)] >= room) continue;
      }
      return in.citizens[c].id + " -> " + o.id;
    }
  }
  return {};
}

void check_instance(const Instance& in, const std::string& where) {
  SCOPED_TRACE(where);
  MatchOptions mo;
  mo.solve.threads = 1;
  const MatchResult best = match(in, mo);
  const std::int64_t most = best.plan.bound_placed.value_or(best.plan.placed);
  for (Baseline b : kBaselines) {
    SCOPED_TRACE(std::string(to_string(b)));
    const Plan plan = baseline_plan(in, best.graph, b, 7);
    const auto broken = check_plan(in, best.graph, plan);
    EXPECT_TRUE(broken.empty()) << broken.front();
    EXPECT_EQ(first_missed_pair(in, best.graph, plan), "");
    EXPECT_LE(plan.placed, most);
    EXPECT_EQ(plan.status, Status::NotSolved);
    // Deterministic: the same policy and seed give the same plan.
    EXPECT_EQ(baseline_choice(in, best.graph, b, 7), baseline_choice(in, best.graph, b, 7));
  }
}

}  // namespace

TEST(Baselines, GeneratedInstancesKeepEveryRule) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    GenerateOptions go;
    go.citizens = 400;
    go.openings = 120;
    go.seed = seed;
    go.mentor_heavy = seed % 2 == 0;
    go.pin_share = 0.02;  // pins placed first by every policy
    check_instance(generate_instance(go), "seed " + std::to_string(seed));
  }
}

TEST(Baselines, SonderborgSample) { check_instance(generate_sonderborg_sample(), "sonderborg"); }

TEST(Baselines, PoliciesFollowTheirOrder) {
  const Instance in = generate_sonderborg_sample();
  const CandidateGraph g = build_candidates(in);
  // Greedy by score: the best pair of the whole graph whose citizen is not pinned and
  // whose opening is not full of pins is in the plan.
  const auto greedy = baseline_choice(in, g, Baseline::GreedyScore);
  std::map<Index, int> pinned_seats;
  std::vector<char> pinned(in.citizens.size());
  for (const Decision& d : in.decisions)
    if (d.kind == DecisionKind::Pin) {
      pinned[at(d.citizen)] = 1;
      ++pinned_seats[d.opening];
    }
  std::int64_t top = -1;
  for (std::size_t c = 0; c < in.citizens.size(); ++c)
    for (std::int64_t a = g.begin(static_cast<Index>(c)); a < g.end(static_cast<Index>(c)); ++a) {
      const Index o = g.opening[static_cast<std::size_t>(a)];
      if (pinned[c] || pinned_seats[o] >= in.openings[at(o)].seats || g.needs_mentor[static_cast<std::size_t>(a)])
        continue;
      if (top < 0 || g.score[static_cast<std::size_t>(a)] > g.score[static_cast<std::size_t>(top)]) top = a;
    }
  ASSERT_GE(top, 0);
  bool found = false;
  for (std::int64_t a : greedy) found |= a == top;
  EXPECT_TRUE(found);
  // First come: the longest-unemployed resident without a pin who has a pair that needs no
  // mentor in an opening without pins gets their best such pair.
  const auto fcfs = baseline_choice(in, g, Baseline::FirstCome);
  Index longest = kNone;
  for (std::size_t c = 0; c < in.citizens.size(); ++c) {
    if (pinned[c] || g.end(static_cast<Index>(c)) == g.begin(static_cast<Index>(c))) continue;
    if (longest == kNone || in.citizens[c].months_unemployed > in.citizens[at(longest)].months_unemployed)
      longest = static_cast<Index>(c);
  }
  ASSERT_NE(longest, kNone);
  std::int64_t best = -1;
  for (std::int64_t a = g.begin(longest); a < g.end(longest); ++a)
    if (best < 0 || g.score[static_cast<std::size_t>(a)] > g.score[static_cast<std::size_t>(best)]) best = a;
  const Index bo = g.opening[static_cast<std::size_t>(best)];
  if (pinned_seats[bo] == 0 && !g.needs_mentor[static_cast<std::size_t>(best)])
    EXPECT_EQ(g.score[static_cast<std::size_t>(fcfs[at(longest)])], g.score[static_cast<std::size_t>(best)]);
  // Random: another seed gives another plan (on this instance), the same seed the same.
  EXPECT_NE(baseline_choice(in, g, Baseline::Random, 1), baseline_choice(in, g, Baseline::Random, 2));
  EXPECT_TRUE(parse_baseline("first_come") == Baseline::FirstCome);
  EXPECT_FALSE(parse_baseline("best").has_value());
}
