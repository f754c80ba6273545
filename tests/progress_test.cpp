// Progress reports (model/progress.hpp): they never change a result, every bound they show
// is a true bound (judged by brute force over every plan), their calls never overlap,
// what-if steps count i of n, and the line for people exists in both languages.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "brute_force_support.hpp"
#include "placematch/engine/solve.hpp"
#include "placematch/model/messages.hpp"
#include "placematch/model/progress.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/planner/whatif.hpp"
#include "placematch/synth/generate.hpp"

using namespace placematch;

namespace {

// Records every report, and checks that no two calls overlap.
struct Recorder {
  std::vector<Progress> seen;
  std::atomic<int> inside{0};
  bool overlapped = false;
  ProgressCallback callback() {
    return [this](const Progress& p) {
      if (inside.fetch_add(1) != 0) overlapped = true;
      seen.push_back(p);
      inside.fetch_sub(1);
    };
  }
  bool saw(Phase phase) const {
    for (const Progress& p : seen)
      if (p.phase == phase) return true;
    return false;
  }
};

void expect_same(const Solution& a, const Solution& b, const std::string& where) {
  EXPECT_EQ(a.status, b.status) << where;
  EXPECT_EQ(a.citizen_arc, b.citizen_arc) << where;
  EXPECT_EQ(a.placed_bound, b.placed_bound) << where;
  EXPECT_EQ(a.score_bound, b.score_bound) << where;
  EXPECT_EQ(a.cert_gap, b.cert_gap) << where;
}

// Every report's figures against the brute-force optimum: the bound never below it, the
// plan found never above it, the gap in [0, 1].
void expect_honest(const std::vector<Progress>& seen, const pmtest::ProblemBest& truth, Objective objective,
                   const std::string& where, int& with_figures) {
  for (const Progress& p : seen) {
    EXPECT_GE(p.elapsed_s, 0) << where;
    EXPECT_LE(p.parts_done, p.parts) << where;
    if (!p.bound) continue;
    ++with_figures;
    ASSERT_TRUE(p.incumbent && p.gap) << where;
    EXPECT_GE(*p.gap, 0) << where;
    EXPECT_LE(*p.gap, 1) << where;
    const auto bound = std::llround(*p.bound * 1e6), found = std::llround(*p.incumbent * 1e6);
    if (objective == Objective::Placements) {
      ASSERT_TRUE(p.placed && p.placed_bound) << where;
      EXPECT_TRUE(*p.placed_bound > truth.lex_placed || (*p.placed_bound == truth.lex_placed && bound >= truth.lex_score))
          << where << ": a bound below the optimum, phase " << to_string(p.phase);
      EXPECT_TRUE(*p.placed < truth.lex_placed || (*p.placed == truth.lex_placed && found <= truth.lex_score))
          << where << ": a plan above the optimum";
      if (*p.placed == *p.placed_bound && found == bound) EXPECT_EQ(*p.gap, 0) << where;
    } else {
      EXPECT_FALSE(p.placed.has_value()) << where;
      EXPECT_GE(bound, truth.best_score) << where << ": a bound below the optimum";
      EXPECT_LE(found, truth.best_score) << where << ": a plan above the optimum";
    }
  }
}

TEST(ProgressEngine, SameSolutionAndHonestBoundsOnBruteForceProblems) {
  pmtest::Rng rng(20261202u);
  pmtest::ProblemShape shape;
  shape.max_citizens = 8;
  shape.pooled_share = 0.7;
  int searched = 0, with_figures = 0;
  for (int i = 0; i < 150; ++i) {
    const MatchingProblem p = pmtest::random_problem(rng, shape);
    const pmtest::ProblemBest truth = pmtest::brute_force(p);
    if (!truth.any) continue;
    for (Objective objective : {Objective::Placements, Objective::Score}) {
      const std::string where = "problem " + std::to_string(i) + " " + std::string(to_string(objective));
      SolveOptions plain;
      plain.objective = objective;
      const Solution without = solve(p, plain);
      Recorder rec;
      SolveOptions watched = plain;
      watched.progress = rec.callback();
      watched.progress_interval = 0;  // every node and iteration reports
      const Solution with = solve(p, watched);
      expect_same(without, with, where);
      ASSERT_FALSE(rec.seen.empty()) << where;
      EXPECT_EQ(rec.seen.front().phase, Phase::Flow) << where;
      searched += rec.saw(Phase::Search);
      expect_honest(rec.seen, truth, objective, where, with_figures);
      // The last report is the solved run: its figures are the solution's.
      const Progress& last = rec.seen.back();
      EXPECT_EQ(last.parts_done, last.parts) << where;
      ASSERT_TRUE(last.bound.has_value()) << where;
      EXPECT_EQ(std::llround(*last.incumbent * 1e6), with.score) << where;
      EXPECT_EQ(std::llround(*last.bound * 1e6), with.score_bound) << where;
      EXPECT_EQ(*last.gap == 0, with.status == Status::Optimal) << where;
    }
  }
  EXPECT_GE(searched, 20) << "the mentor-pool search must be reached";
  EXPECT_GE(with_figures, 100);
}

// A generated mentor-heavy instance, planned on one and on four threads: the same plan with
// and without reports, the calls never overlap, the pipeline's phases are reported.
TEST(ProgressEngine, MentorHeavyInstanceSamePlanOnAnyThreadCount) {
  GenerateOptions g;
  g.citizens = 500;
  g.openings = 150;
  g.seed = 7;
  g.mentor_heavy = true;
  const Instance in = generate_instance(g);
  MatchOptions base;
  base.solve.work_limit = 2'000'000;  // deterministic, and short
  base.solve.threads = 1;
  const MatchResult reference = match(in, base);
  for (int threads : {1, 4}) {
    Recorder rec;
    MatchOptions opt = base;
    opt.solve.threads = threads;
    opt.solve.progress = rec.callback();
    opt.solve.progress_interval = 0;
    const MatchResult r = match(in, opt);
    const std::string where = std::to_string(threads) + " threads";
    expect_same(reference.solution, r.solution, where);
    EXPECT_EQ(reference.plan.placements.size(), r.plan.placements.size()) << where;
    for (std::size_t i = 0; i < r.plan.placements.size() && i < reference.plan.placements.size(); ++i) {
      EXPECT_EQ(r.plan.placements[i].citizen, reference.plan.placements[i].citizen) << where;
      EXPECT_EQ(r.plan.placements[i].opening, reference.plan.placements[i].opening) << where;
      EXPECT_EQ(r.plan.placements[i].mentor, reference.plan.placements[i].mentor) << where;
    }
    EXPECT_FALSE(rec.overlapped) << where;
    EXPECT_EQ(rec.seen.front().phase, Phase::Candidates) << where;
    EXPECT_EQ(rec.seen.back().phase, Phase::Plan) << where;
    EXPECT_TRUE(rec.saw(Phase::Flow)) << where;
    EXPECT_TRUE(rec.saw(Phase::Search)) << where << ": the instance must need the pool search";
    for (std::size_t i = 1; i < rec.seen.size(); ++i) EXPECT_GE(rec.seen[i].elapsed_s, rec.seen[i - 1].elapsed_s);
    for (const Progress& p : rec.seen)
      if (p.placed && p.placed_bound) {
        EXPECT_LE(*p.placed, *p.placed_bound) << where;
        EXPECT_LE(*p.placed_bound, static_cast<std::int64_t>(in.citizens.size())) << where;
        // Never a bound below the plan finally proven (placements, then score).
        EXPECT_GE(*p.placed_bound, r.solution.placed) << where;
      }
  }
}

// What-if seat steps report their question and step i of n, and give the same steps.
TEST(ProgressWhatIf, SeatStepsCountStepIOfN) {
  pmtest::RandomShape shape;
  Instance in = pmtest::random_instance(11, shape);
  pmtest::loosen_for_competition(in);
  in.finalize();
  WhatIfOptions plain;
  const std::vector<SeatStep> reference = whatif_seats(in, 3, std::nullopt, plain);
  Recorder rec;
  WhatIfOptions watched = plain;
  watched.progress = rec.callback();
  const std::vector<SeatStep> steps = whatif_seats(in, 3, std::nullopt, watched);
  ASSERT_EQ(steps.size(), reference.size());
  ASSERT_FALSE(steps.empty()) << "the instance must have a seat worth asking for";
  for (std::size_t i = 0; i < steps.size(); ++i) {
    EXPECT_EQ(steps[i].opening, reference[i].opening);
    EXPECT_EQ(steps[i].value.placed, reference[i].value.placed);
    EXPECT_EQ(steps[i].value.score, reference[i].value.score);
  }
  std::vector<std::int64_t> step_seen;
  for (const Progress& p : rec.seen) {
    ASSERT_TRUE(p.task.has_value());
    EXPECT_EQ(*p.task, Phase::Seats);
    if (p.step > 0) {
      EXPECT_EQ(p.steps, 3);
      if (step_seen.empty() || step_seen.back() != p.step) step_seen.push_back(p.step);
    }
  }
  std::vector<std::int64_t> expected;
  for (std::size_t i = 1; i <= steps.size(); ++i) expected.push_back(static_cast<std::int64_t>(i));
  EXPECT_EQ(step_seen, expected);
}

TEST(ProgressText, BothLanguagesNameThePhaseBoundAndGap) {
  Progress p;
  p.phase = Phase::Search;
  p.task = Phase::Seats;
  p.step = 3;
  p.steps = 10;
  p.placed = 97;
  p.placed_bound = 98;
  p.incumbent = 76.5;
  p.bound = 77.25;
  p.gap = 1.0 / 98;
  p.nodes = 120;
  p.elapsed_s = 12.3;
  const std::string en = progress_text(p, Language::En), da = progress_text(p, Language::Da);
  EXPECT_EQ(en,
            "what-if seats: step 3 of 10 · searching the mentor pools · 97 placed (bound 98) · score 76.5 (bound "
            "77.25) · gap 1.02 % · 120 nodes · 12.3 s");
  EXPECT_EQ(da,
            "hvad nu hvis: pladser: trin 3 af 10 · søger i mentorpuljerne · 97 placeret (grænse 98) · match-score "
            "76,5 (grænse 77,25) · afstand til grænsen 1,02 % · 120 knuder · 12,3 sek.");
  // A gap that rounds to zero is not shown as zero; the pool LP's iterations while it runs.
  p.gap = 3e-6;
  EXPECT_NE(progress_text(p, Language::En).find("gap < 0.01 %"), std::string::npos) << progress_text(p, Language::En);
  p.gap = 0;
  EXPECT_NE(progress_text(p, Language::Da).find("afstand til grænsen 0 %"), std::string::npos);
  Progress lp;
  lp.phase = Phase::PoolPrices;
  lp.lp_iterations = 1280;
  EXPECT_EQ(progress_text(lp, Language::En), "pricing the mentor pools · 1280 LP iterations · 0 s");
  EXPECT_EQ(progress_text(lp, Language::Da), "prissætter mentorpuljerne · 1280 LP-iterationer · 0 sek.");
  for (int i = 0; i < kPhaseCount; ++i) {
    const auto phase = static_cast<Phase>(i);
    EXPECT_EQ(parse_phase(to_string(phase)), phase);
    Progress q;
    q.phase = phase;
    EXPECT_NE(progress_text(q, Language::En), progress_text(q, Language::Da)) << to_string(phase);
  }
}

}  // namespace
