// The simulated year (placematch/synth/year.hpp): its bookkeeping recounted week by week
// (residents = last week's + arrivals - exits - hires; the year's totals are the weeks'
// sums), no policy above the per-week bound (the proven optimum of the week without pins),
// every policy meeting the same arrivals, and the same options giving the same year.
#include <gtest/gtest.h>

#include "placematch/synth/generate.hpp"
#include "placematch/synth/year.hpp"

using namespace placematch;

namespace {

void check_books(const Instance& base, const YearResult& r, int weeks, bool pinned = true) {
  SCOPED_TRACE(r.policy);
  ASSERT_EQ(static_cast<int>(r.weeks.size()), weeks);
  std::int64_t residents = static_cast<std::int64_t>(base.citizens.size());
  std::int64_t rw = 0, pw = 0, bw = 0, started = 0, hires = 0, exits = 0, arrivals = 0, moves = 0;
  for (const WeekFigures& w : r.weeks) {
    SCOPED_TRACE("week " + std::to_string(w.week));
    residents += w.arrivals - w.exits - w.hires;
    EXPECT_EQ(w.residents, residents);
    EXPECT_LE(w.placed, w.residents);
    EXPECT_LE(w.placed, w.bound);  // the bound holds for every policy
    EXPECT_LE(w.started, w.placed);
    rw += w.residents;
    pw += w.placed;
    bw += w.bound;
    started += w.started;
    hires += w.hires;
    exits += w.exits;
    arrivals += w.arrivals;
    moves += w.moves;
  }
  EXPECT_EQ(r.resident_weeks, rw);
  EXPECT_EQ(r.placed_weeks, pw);
  EXPECT_EQ(r.bound_weeks, bw);
  EXPECT_EQ(r.started, started);
  EXPECT_EQ(r.hires, hires);
  EXPECT_EQ(r.exits, exits);
  EXPECT_EQ(r.arrivals, arrivals);
  std::int64_t grw = 0, gpw = 0;
  for (const auto& [group, counts] : r.groups) {
    grw += counts.first;
    gpw += counts.second;
  }
  EXPECT_EQ(grw, rw);
  EXPECT_EQ(gpw, pw);
  EXPECT_EQ(r.moves, moves);
  if (pinned) EXPECT_EQ(r.moves, 0);  // ongoing placements are pinned
  EXPECT_GT(r.started, 0);
  EXPECT_LE(r.bound_ratio(), 1.0);
}

}  // namespace

TEST(Year, BooksBalanceAndNoPolicyBeatsTheBound) {
  const Instance base = generate_sonderborg_sample();
  YearOptions opt;
  opt.weeks = 16;
  opt.seed = 3;
  std::vector<YearResult> all;
  opt.baseline.reset();
  all.push_back(simulate_year(base, opt));
  for (Baseline b : kBaselines) {
    opt.baseline = b;
    all.push_back(simulate_year(base, opt));
  }
  for (const YearResult& r : all) check_books(base, r, opt.weeks);
  // The same world for every policy: arrivals do not depend on the plans.
  for (const YearResult& r : all)
    for (int w = 0; w < opt.weeks; ++w) EXPECT_EQ(r.weeks[static_cast<std::size_t>(w)].arrivals, all[0].weeks[static_cast<std::size_t>(w)].arrivals);
  // Week 1: nobody is placed yet, so placematch reaches the bound exactly.
  EXPECT_EQ(all[0].weeks[0].placed, all[0].weeks[0].bound);
  // Same options, same year.
  opt.baseline.reset();
  const YearResult again = simulate_year(base, opt);
  EXPECT_EQ(again.placed_weeks, all[0].placed_weeks);
  EXPECT_EQ(again.bound_weeks, all[0].bound_weeks);
  EXPECT_EQ(again.hires, all[0].hires);
}

TEST(Year, GeneratedInstanceWithMentorPools) {
  GenerateOptions g;
  g.citizens = 400;
  g.openings = 120;
  g.seed = 9;
  g.mentor_heavy = true;
  const Instance base = generate_instance(g);
  YearOptions opt;
  opt.weeks = 10;
  opt.seed = 5;
  check_books(base, simulate_year(base, opt), opt.weeks);
  opt.baseline = Baseline::Random;
  check_books(base, simulate_year(base, opt), opt.weeks);
}

// Ongoing placements not pinned, only the earlier plan of the re-plan (contract section 7):
// placematch then places each week's optimum — the per-week bound, computed separately as
// the most placements of the same week's instance — and moves an ongoing placement only in
// a week that starts new ones (a move serves a placement more). The same world as the
// pinned run (arrivals do not depend on the plans).
TEST(Year, UnpinnedReplanPlacesEachWeeksOptimum) {
  const Instance base = generate_sonderborg_sample();
  YearOptions opt;
  opt.weeks = 16;
  opt.seed = 3;
  const YearResult pinned = simulate_year(base, opt);
  opt.pin_ongoing = false;
  const YearResult r = simulate_year(base, opt);
  EXPECT_EQ(r.policy, "placematch_unpinned");
  check_books(base, r, opt.weeks, false);
  for (const WeekFigures& w : r.weeks) {
    SCOPED_TRACE("week " + std::to_string(w.week));
    EXPECT_EQ(w.placed, w.bound);
    if (w.moves > 0) EXPECT_GT(w.started, 0);
    EXPECT_EQ(w.arrivals, pinned.weeks[static_cast<std::size_t>(w.week - 1)].arrivals);
  }
  EXPECT_GE(r.bound_ratio(), pinned.bound_ratio());
  // Baselines have no earlier plan: they pin ongoing placements whatever the option.
  opt.baseline = Baseline::GreedyScore;
  check_books(base, simulate_year(base, opt), opt.weeks, true);
}
