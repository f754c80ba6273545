// Incremental re-planning: after one change (an opening loses a seat, a pair is forbidden,
// a resident leaves), the kept Matcher re-solves warm from its flow and duals; a fresh
// Matcher solves the changed problem from scratch. Both must reach the same objective
// value (SkipWithError otherwise); the counter `speedup` is cold / warm (target >= 20 at
// regional scale). Mentor pools are cleared so that both runs are exact flow solves and
// no time limit is involved (the pools' search is benchmarked in pipeline_benchmark.cpp).
#include <benchmark/benchmark.h>

#include <string>

#include "placematch/engine/solve.hpp"
#include "support.hpp"

namespace placematch::bench {
namespace {

enum class Change { SeatLess, Forbid, CitizenLeaves };

MatchingProblem flow_problem(Prepared& p) {
  MatchingProblem problem = make_problem(p.instance(), p.graph());
  std::fill(problem.arc_pooled.begin(), problem.arc_pooled.end(), 0);
  std::fill(problem.opening_pool.begin(), problem.opening_pool.end(), kNone);
  problem.pool_limit.clear();
  return problem;
}

// Applies (or undoes) the change on a Matcher.
void apply(Matcher& m, const MatchingProblem& problem, Change change, Index citizen, Index opening,
           bool undo) {
  switch (change) {
    case Change::SeatLess:
      m.set_seats(opening, problem.seats[static_cast<std::size_t>(opening)] - (undo ? 0 : 1));
      break;
    case Change::Forbid:
      m.forbid(problem.arc_begin[static_cast<std::size_t>(citizen)], !undo);
      break;
    case Change::CitizenLeaves:
      for (std::int64_t a = problem.arc_begin[static_cast<std::size_t>(citizen)];
           a < problem.arc_begin[static_cast<std::size_t>(citizen) + 1]; ++a)
        m.forbid(a, !undo);
      break;
  }
}

void BM_Replan(benchmark::State& state, Scale scale, Change change) {
  Prepared& p = prepared(scale);
  const MatchingProblem problem = flow_problem(p);
  SolveOptions opt = bench_solve_options();
  Matcher warm(problem);
  warm.options(opt);
  warm.run();
  const Solution& base = warm.solution();

  // The change hits the plan: a placed resident (the middle one) and their opening.
  Index citizen = kNone, opening = kNone;
  std::vector<Index> placed;
  for (Index c = 0; c < problem.num_citizens; ++c)
    if (base.citizen_arc[static_cast<std::size_t>(c)] >= 0) placed.push_back(c);
  if (placed.empty()) {
    state.SkipWithError("nobody is placed");
    return;
  }
  citizen = placed[placed.size() / 2];
  if (change == Change::Forbid) {
    // Forbid exactly the resident's placed pair.
    const std::int64_t arc = base.citizen_arc[static_cast<std::size_t>(citizen)];
    opening = problem.arc_opening[static_cast<std::size_t>(arc)];
  } else {
    opening = problem.arc_opening[static_cast<std::size_t>(base.citizen_arc[static_cast<std::size_t>(citizen)])];
  }
  const std::int64_t forbid_arc = base.citizen_arc[static_cast<std::size_t>(citizen)];
  auto apply_change = [&](Matcher& m, bool undo) {
    if (change == Change::Forbid) m.forbid(forbid_arc, !undo);
    else apply(m, problem, change, citizen, opening, undo);
  };

  // From scratch on the changed problem.
  double cold_s = 0;
  Solution cold;
  {
    const double t0 = thread_cpu_seconds();
    Matcher fresh(problem);
    fresh.options(opt);
    apply_change(fresh, false);
    fresh.run();
    cold_s = thread_cpu_seconds() - t0;
    cold = fresh.solution();
  }

  double warm_total = 0;
  std::int64_t iterations = 0;
  for (auto _ : state) {
    const double t0 = thread_cpu_seconds();
    apply_change(warm, false);
    warm.run();
    const double dt = thread_cpu_seconds() - t0;
    state.SetIterationTime(dt);
    warm_total += dt;
    ++iterations;
    const Solution& s = warm.solution();
    if (s.placed != cold.placed || s.score != cold.score) {
      state.SkipWithError(("warm re-plan disagrees with the cold solve: " + std::to_string(s.placed) + "/" +
                           std::to_string(s.score) + " vs " + std::to_string(cold.placed) + "/" +
                           std::to_string(cold.score))
                              .c_str());
      return;
    }
    apply_change(warm, true);  // back to the base plan, untimed
    warm.run();
    if (warm.solution().placed != base.placed) {
      state.SkipWithError("undoing the change did not restore the plan's value");
      return;
    }
  }
  const double warm_s = iterations ? warm_total / static_cast<double>(iterations) : 0;
  state.counters["cold_s"] = cold_s;
  state.counters["warm_s"] = warm_s;
  state.counters["speedup"] = warm_s > 0 ? cold_s / warm_s : 0;
  state.counters["placed"] = static_cast<double>(cold.placed);
  state.counters["dijkstra_runs_cold"] = static_cast<double>(cold.stats.dijkstra_runs);
}

void register_all() {
  for (const Scale& s : plain_scales()) {
    if (is_national(s)) continue;
    const std::string scale = s.name;
    for (auto [name, change] : {std::pair{"seat_less", Change::SeatLess}, std::pair{"forbid", Change::Forbid},
                                std::pair{"citizen_leaves", Change::CitizenLeaves}})
      benchmark::RegisterBenchmark(("replan/" + std::string(name) + "/" + scale).c_str(), BM_Replan, s, change)
          ->UseManualTime()
          ->Unit(benchmark::kMillisecond)
          ->Iterations(5);
  }
}

const int registered = (register_all(), 0);

}  // namespace
}  // namespace placematch::bench
