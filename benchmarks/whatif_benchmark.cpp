// The what-if (contract section 10): Sønderborg `--target 0.85` and `--courses` with a
// 600,000 kr budget end to end (load, candidates, every solve); 100 seat steps at
// municipal scale; one seat step at regional scale (reported as the greedy with one step
// minus today's solve, both timed here: the step is what a warm state adds; and the step
// alone, timed inside one call from the moment today's plan is solved).
// Every figure is checked: the last seat step must reach the target, budgets must hold.
#include <benchmark/benchmark.h>

#include "placematch/io/files.hpp"
#include "placematch/io/whatif_files.hpp"
#include "placematch/model/progress.hpp"
#include "placematch/planner/whatif.hpp"
#include "support.hpp"

namespace placematch::bench {
namespace {

const std::string kSonderborg = std::string(PLACEMATCH_SOURCE_DIR) + "/data/sonderborg";

void BM_WhatIfSonderborgTarget(benchmark::State& state) {
  std::size_t steps = 0;
  for (auto _ : state) {
    const Instance in = load_instance_or_throw(kSonderborg);
    WhatIfRequest req;
    req.target = 0.85;
    const WhatIfResult r = whatif(in, req);
    steps = r.seats.size();
    if (r.seats.empty() || r.seats.back().value.placed < 0.85 * static_cast<double>(r.residents))
      state.SkipWithError("the target was not reached");
  }
  state.counters["seat_steps"] = static_cast<double>(steps);
}
BENCHMARK(BM_WhatIfSonderborgTarget)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_WhatIfSonderborgCourses(benchmark::State& state) {
  std::size_t steps = 0;
  std::int64_t gained = 0;
  for (auto _ : state) {
    const Instance in = load_instance_or_throw(kSonderborg);
    CoursesLoad c = load_courses(kSonderborg + "/courses.csv", in);
    if (!c.ok()) state.SkipWithError("courses.csv does not load");
    const CoursesResult r = whatif_courses(in, c.courses, 600'000);
    if (r.spent > 600'000) state.SkipWithError("over budget");
    steps = r.steps.size();
    gained = r.after.placed - r.before.placed;
  }
  state.counters["course_steps"] = static_cast<double>(steps);
  state.counters["placements_gained"] = static_cast<double>(gained);
}
BENCHMARK(BM_WhatIfSonderborgCourses)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_WhatIfSeatSteps(benchmark::State& state, Scale scale, int seats, bool tree = true) {
  Prepared& p = prepared(scale);
  std::size_t steps = 0;
  double steps_s = 0;
  std::int64_t from_tree = 0, placed_after = 0;
  for (auto _ : state) {
    WhatIfOptions o;
    o.seat_tree = tree;
    double t1 = -1;
    o.progress = [&](const Progress& r) {
      if (t1 < 0 && r.task == Phase::Seats && r.step == 1) t1 = thread_cpu_seconds();
    };
    const std::vector<SeatStep> r = whatif_seats(p.instance(), seats, std::nullopt, o);
    steps_s = t1 < 0 ? 0 : thread_cpu_seconds() - t1;
    steps = r.size();
    from_tree = 0;
    for (const SeatStep& x : r) from_tree += x.from_tree;
    placed_after = r.empty() ? 0 : r.back().value.placed;
  }
  state.counters["seat_steps"] = static_cast<double>(steps);
  // CPU time of this thread from the first step's start to the answer (today's solve left
  // out), tries started from kept leaves, and the placements after the last step.
  state.counters["steps_s"] = steps_s;
  state.counters["from_tree"] = static_cast<double>(from_tree);
  state.counters["placed_after"] = static_cast<double>(placed_after);
}
void BM_WhatIfToday(benchmark::State& state, Scale scale) {
  Prepared& p = prepared(scale);
  for (auto _ : state) benchmark::DoNotOptimize(whatif_today(p.instance()));
}

// One seat step from a warm state: whatif_seats with one step, timed (CPU of this thread)
// from the moment the step begins — today's plan solved, the what-if's state warm (its
// progress report of step 1) — to its answer: the bounds, the tries and the committed
// re-solve. The cold part (candidates, today's solve) is reported beside it as today_s.
// `pricing`: SeatPricing::Resolve (the default) or Residual (the benchmarks named *_residual);
// `tree`: WhatIfOptions::seat_tree (off in the benchmarks named *_root: every try from the root).
void BM_WhatIfSeatStepWarm(benchmark::State& state, Scale scale, SeatPricing pricing, bool tree = true) {
  Prepared& p = prepared(scale);
  double step_s = 0, today_s = 0;
  std::int64_t placed_after = 0, priced = 0, resolved = 0, from_tree = 0, tree_leaves = 0;
  for (auto _ : state) {
    WhatIfOptions o;
    o.seat_pricing = pricing;
    o.seat_tree = tree;
    double t0 = thread_cpu_seconds(), t1 = -1;
    o.progress = [&](const Progress& r) {
      if (t1 < 0 && r.task == Phase::Seats && r.step == 1) t1 = thread_cpu_seconds();
    };
    const std::vector<SeatStep> r = whatif_seats(p.instance(), 1, std::nullopt, o);
    const double t2 = thread_cpu_seconds();
    if (t1 < 0 || r.size() != 1) {
      state.SkipWithError("no seat step was made");
      return;
    }
    state.SetIterationTime(t2 - t1);
    step_s = t2 - t1;
    today_s = t1 - t0;
    placed_after = r.front().value.placed;
    priced = r.front().priced;
    resolved = r.front().resolved;
    from_tree = r.front().from_tree;
    tree_leaves = r.front().tree_leaves;
  }
  state.counters["step_s"] = step_s;
  state.counters["today_s"] = today_s;
  state.counters["placed_after"] = static_cast<double>(placed_after);
  // How the step was found (SeatPricing::Residual): openings priced from the residual
  // graph, tries re-solved (both 0: the plan's certificate did not hold, or Resolve).
  state.counters["priced"] = static_cast<double>(priced);
  state.counters["resolved"] = static_cast<double>(resolved);
  // Tries searched from the state's kept tree (WhatIfOptions::seat_tree), and the kept
  // leaves they started from, summed (both 0: every try from the root).
  state.counters["from_tree"] = static_cast<double>(from_tree);
  state.counters["tree_leaves"] = static_cast<double>(tree_leaves);
}

const Scale& scale_named(const char* name) {
  for (const Scale& s : scales())
    if (std::string(s.name) == name) return s;
  return scales().front();
}

BENCHMARK_CAPTURE(BM_WhatIfSeatSteps, municipal_100, scale_named("municipal"), 100)
    ->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_WhatIfSeatSteps, municipal_100_root, scale_named("municipal"), 100, false)
    ->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_WhatIfToday, regional, scale_named("regional"))->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_WhatIfSeatSteps, regional_1, scale_named("regional"), 1)
    ->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_WhatIfSeatSteps, regional_3, scale_named("regional"), 3)
    ->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_WhatIfSeatSteps, regional_3_root, scale_named("regional"), 3, false)
    ->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_WhatIfSeatStepWarm, municipal, scale_named("municipal"), SeatPricing::Resolve)
    ->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_WhatIfSeatStepWarm, municipal_residual, scale_named("municipal"), SeatPricing::Residual)
    ->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_WhatIfSeatStepWarm, regional, scale_named("regional"), SeatPricing::Resolve)
    ->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_WhatIfSeatStepWarm, municipal_root, scale_named("municipal"), SeatPricing::Resolve, false)
    ->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_WhatIfSeatStepWarm, regional_root, scale_named("regional"), SeatPricing::Resolve, false)
    ->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_WhatIfSeatStepWarm, regional_residual, scale_named("regional"), SeatPricing::Residual)
    ->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace placematch::bench
