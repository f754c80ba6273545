// The placematch pipeline, phase by phase, at municipal, regional and national scale.
//
//   pipeline/load/SCALE        load_instance on the instance written once as CSV
//   pipeline/candidates/SCALE  build_candidates (all hard rules, scores)
//   pipeline/solve/SCALE       make_problem + Matcher::run (the certified optimum)
//   pipeline/plan/SCALE        make_plan (mentor naming, reasons for the unplaced)
//   pipeline/end_to_end/SCALE  load_instance + match() (placematch/planner/match.hpp): from the CSV
//                              folder to the checked plan, as a C++ service would run it
//
// Instances come from generate_instance with fixed seeds (support.cpp) and are generated
// once per scale, outside every timed loop. Every benchmark that produces a plan checks it
// after the loop with check_plan and the solver's status and bound (support.cpp: verify) and
// fails with SkipWithError otherwise, so a fast wrong answer cannot pass. Quality counters
// (placed, activation rate, score, proven gap, mean km, placements per target group) are
// reported beside the time. National benchmarks run one iteration; skip them with
// --benchmark_filter='municipal|regional'.
#include <benchmark/benchmark.h>

#include <exception>
#include <string>

#include "placematch/explain/reasons.hpp"
#include "placematch/io/files.hpp"
#include "placematch/planner/match.hpp"
#include "support.hpp"

namespace placematch::bench {
namespace {

void fail(benchmark::State& state, const std::string& message) {
  state.SkipWithError(message.c_str());
}

void bm_load(benchmark::State& state, Scale scale) {
  try {
    Prepared& p = prepared(scale);
    const std::filesystem::path& dir = p.csv_dir();
    std::size_t citizens = 0;
    for (auto _ : state) {
      LoadResult loaded = load_instance(dir);
      if (!loaded.ok()) {
        fail(state, "load_instance rejected the generated instance: " +
                        (loaded.errors.empty() ? std::string("no instance")
                                               : std::to_string(loaded.errors.size()) + " errors"));
        break;
      }
      citizens = loaded.instance->citizens.size();
      benchmark::DoNotOptimize(citizens);
    }
    if (citizens != p.instance().citizens.size() && !state.error_occurred())
      fail(state, "loaded citizen count differs from the generated instance");
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * p.csv_bytes());
    state.counters["citizens"] = static_cast<double>(p.instance().citizens.size());
    state.counters["openings"] = static_cast<double>(p.instance().openings.size());
    state.counters["csv_MB"] = static_cast<double>(p.csv_bytes()) / 1e6;
    state.counters["generate_s"] = p.generate_seconds();
  } catch (const std::exception& e) {
    fail(state, std::string("exception: ") + e.what());
  }
}

void bm_candidates(benchmark::State& state, Scale scale) {
  try {
    Prepared& p = prepared(scale);
    std::size_t pairs = 0;
    for (auto _ : state) {
      CandidateGraph graph = build_candidates(p.instance());
      pairs = graph.size();
      benchmark::DoNotOptimize(graph.opening.data());
    }
    // Same options, same graph: the cached graph (used by the other phases) must agree.
    if (pairs != p.graph().size()) fail(state, "candidate graph differs between two builds");
    state.counters["candidate_pairs"] = static_cast<double>(pairs);
    state.counters["pairs_per_citizen"] =
        static_cast<double>(pairs) / static_cast<double>(p.instance().citizens.size());
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(p.instance().citizens.size()));
  } catch (const std::exception& e) {
    fail(state, std::string("exception: ") + e.what());
  }
}

void bm_solve(benchmark::State& state, Scale scale) {
  try {
    Prepared& p = prepared(scale);
    const CandidateGraph& graph = p.graph();
    Solution solution;
    for (auto _ : state) {
      MatchingProblem problem = make_problem(p.instance(), graph);
      solution = solve(problem, bench_solve_options());
      benchmark::DoNotOptimize(solution.citizen_arc.data());
    }
    const Plan plan = make_plan(p.instance(), graph, solution.citizen_arc);
    if (const std::string problem = verify(p.instance(), graph, solution, plan); !problem.empty())
      fail(state, problem);
    report_quality(state, p.instance(), graph, solution, plan);
    state.counters["solver_s"] = solution.stats.seconds;
  } catch (const std::exception& e) {
    fail(state, std::string("exception: ") + e.what());
  }
}

void bm_plan(benchmark::State& state, Scale scale) {
  try {
    Prepared& p = prepared(scale);
    const CandidateGraph& graph = p.graph();
    const MatchingProblem problem = make_problem(p.instance(), graph);
    const Solution solution = solve(problem, bench_solve_options());
    Plan plan;
    for (auto _ : state) {
      plan = make_plan(p.instance(), graph, solution.citizen_arc);
      plan.unplaced = explain_unplaced(p.instance(), graph, plan);
      benchmark::DoNotOptimize(plan.placements.data());
    }
    if (const std::string problem = verify(p.instance(), graph, solution, plan); !problem.empty())
      fail(state, problem);
    state.counters["placed"] = static_cast<double>(plan.placed);
    state.counters["unplaced"] = static_cast<double>(plan.unplaced.size());
  } catch (const std::exception& e) {
    fail(state, std::string("exception: ") + e.what());
  }
}

void bm_end_to_end(benchmark::State& state, Scale scale) {
  try {
    Prepared& p = prepared(scale);
    const std::filesystem::path& dir = p.csv_dir();
    MatchOptions options;
    options.solve.time_limit_seconds = bench_solve_options().time_limit_seconds;
    double load_s = 0, candidates_s = 0, solve_s = 0;
    std::optional<Instance> instance;
    std::optional<MatchResult> result;
    for (auto _ : state) {
      const double t0 = now_seconds();
      LoadResult loaded = load_instance(dir);
      if (!loaded.ok()) {
        fail(state, "load_instance rejected the generated instance");
        break;
      }
      instance = std::move(loaded.instance);
      load_s += now_seconds() - t0;
      result = match(*instance, options);
      candidates_s += result->stats.candidates_seconds;
      solve_s += result->stats.solve_seconds;
    }
    if (state.error_occurred() || !instance || !result) return;
    if (const std::string problem = verify(*instance, result->graph, result->solution, result->plan);
        !problem.empty())
      fail(state, problem);
    report_quality(state, *instance, result->graph, result->solution, result->plan);
    const double n = static_cast<double>(state.iterations());
    state.counters["load_s"] = load_s / n;
    state.counters["candidates_s"] = candidates_s / n;
    state.counters["solve_s"] = solve_s / n;  // match(): problem, solve, plan, check_plan
  } catch (const std::exception& e) {
    fail(state, std::string("exception: ") + e.what());
  }
}

// Registered scale by scale, so that each scale is generated once (support.cpp keeps one).
const bool registered = [] {
  for (const Scale& scale : scales()) {
    const std::string s = scale.name;
    benchmark::internal::Benchmark* b[] = {
        benchmark::RegisterBenchmark(("pipeline/load/" + s).c_str(), bm_load, scale),
        benchmark::RegisterBenchmark(("pipeline/candidates/" + s).c_str(), bm_candidates, scale),
        benchmark::RegisterBenchmark(("pipeline/solve/" + s).c_str(), bm_solve, scale),
        benchmark::RegisterBenchmark(("pipeline/plan/" + s).c_str(), bm_plan, scale),
        benchmark::RegisterBenchmark(("pipeline/end_to_end/" + s).c_str(), bm_end_to_end, scale),
    };
    for (auto* bench : b) {
      bench->UseRealTime()->Unit(benchmark::kMillisecond);
      if (is_national(scale)) bench->Iterations(1);
    }
  }
  return true;
}();

}  // namespace
}  // namespace placematch::bench
