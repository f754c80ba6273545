// What progress reports cost the solve (model/progress.hpp, SolveOptions::progress).
//
//   progress/solve/MODE/SCALE   solve() of the scale's problem, MODE one of
//     none       no callback (the default): no reports, no clock reads for them
//     reports    a callback that counts the reports, throttled as the tool uses it (0.1 s)
//     every      a callback called at every node and iteration (progress_interval 0)
//
// SCALE: municipal_mentor_heavy and regional_mentor_heavy (where the mentor-pool search
// runs). Every run's plan, bound and status must equal the run without a callback (else the
// benchmark fails), and is checked (verify). Counters: the quality counters, reports (per
// solve), max_silence_s (the longest stretch of a solve without a report: what a progress
// line cannot show) and thread_cpu_s (CPU seconds of the solving thread per solve; threads 1).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <string>
#include <utility>

#include "placematch/engine/solve.hpp"
#include "placematch/plan/plan.hpp"
#include "support.hpp"

namespace placematch::bench {
namespace {

enum class Mode { None, Reports, Every };

void fail(benchmark::State& state, const std::string& message) { state.SkipWithError(message.c_str()); }

void bm_progress(benchmark::State& state, Scale scale, Mode mode) {
  try {
    Prepared& p = prepared(scale);
    const CandidateGraph& graph = p.graph();
    const MatchingProblem problem = make_problem(p.instance(), graph);
    SolveOptions base = bench_solve_options();
    base.threads = 1;  // CPU time of one thread is the measure
    const Solution reference = solve(problem, base);
    SolveOptions opt = base;
    std::int64_t reports = 0;
    double last = 0, silence = 0;  // the longest time without a report (from the solve's start)
    if (mode != Mode::None)
      opt.progress = [&](const Progress& r) {
        ++reports;
        silence = std::max(silence, r.elapsed_s - last);
        last = r.elapsed_s;
      };
    if (mode == Mode::Every) opt.progress_interval = 0;
    Solution solution;
    double cpu = 0;
    for (auto _ : state) {
      last = 0;
      const double c0 = thread_cpu_seconds();
      solution = solve(problem, opt);
      silence = std::max(silence, solution.stats.seconds - last);
      cpu += thread_cpu_seconds() - c0;
      benchmark::DoNotOptimize(solution.citizen_arc.data());
    }
    if (solution.citizen_arc != reference.citizen_arc || solution.status != reference.status ||
        solution.score_bound != reference.score_bound || solution.placed_bound != reference.placed_bound)
      fail(state, "the reports changed the solution");
    const Plan plan = make_plan(p.instance(), graph, solution.citizen_arc);
    if (const std::string problem_text = verify(p.instance(), graph, solution, plan); !problem_text.empty())
      fail(state, problem_text);
    report_quality(state, p.instance(), graph, solution, plan);
    const double n = static_cast<double>(state.iterations());
    state.counters["reports"] = static_cast<double>(reports) / n;
    state.counters["thread_cpu_s"] = cpu / n;
    if (mode != Mode::None) state.counters["max_silence_s"] = silence;
  } catch (const std::exception& e) {
    fail(state, std::string("exception: ") + e.what());
  }
}

const bool registered = [] {
  for (const Scale& s : scales()) {
    if (!s.mentor_heavy || is_national(s)) continue;
    for (const auto& [name, mode] : {std::pair{"none", Mode::None}, std::pair{"reports", Mode::Reports},
                                     std::pair{"every", Mode::Every}}) {
      auto* b = benchmark::RegisterBenchmark(("progress/solve/" + std::string(name) + "/" + s.name).c_str(),
                                             bm_progress, s, mode);
      b->Unit(benchmark::kMillisecond);
      if (s.citizens > 10'000) b->Iterations(1);
    }
  }
  return true;
}();

}  // namespace
}  // namespace placematch::bench
