// Match quality against the status quo (issue 16): placematch beside four plain reference
// policies (placematch/planner/baselines.hpp) on the very same candidate graph.
//
//   quality/placematch/CASE   match() (one iteration; its plan is kept for the gains below)
//   quality/POLICY/CASE       baseline_plan(POLICY), POLICY one of per_opening, greedy_score,
//                             first_come, random (seed 1)
//
// CASE: sonderborg (the bundled sample), municipal, municipal_mentor_heavy, regional,
// regional_mentor_heavy (the suite's generated instances, support.cpp). Every plan is checked
// after the loop (check_plan; placematch's also by verify) and a wrong one fails the benchmark.
// Counters: placed, activation_rate, score, mean_km, the audit per target group and housing
// area (support.hpp: report_audit) and, for a policy, placematch's gain over it:
// gain_placed_pct, gain_score_pct (in % of the policy's figure) and gain_rate_points
// (activation-rate difference in percentage points).
#include <benchmark/benchmark.h>

#include <exception>
#include <memory>
#include <string>

#include "placematch/planner/baselines.hpp"
#include "placematch/planner/match.hpp"
#include "support.hpp"

namespace placematch::bench {
namespace {

struct Case {
  std::string name;
  std::optional<Scale> scale;  // empty: the Sønderborg sample
};

// One case in memory at a time: its instance, graph and placematch's result.
struct Loaded {
  std::string name;
  Instance instance;
  std::optional<MatchResult> placematch;
};

Loaded& load(const Case& c) {
  static std::unique_ptr<Loaded> slot;
  if (!slot || slot->name != c.name) {
    slot.reset();
    slot = std::make_unique<Loaded>();
    slot->name = c.name;
    if (c.scale) {
      GenerateOptions o;
      o.citizens = c.scale->citizens;
      o.openings = c.scale->openings;
      o.seed = c.scale->seed;
      o.mentor_heavy = c.scale->mentor_heavy;
      slot->instance = generate_instance(o);
    } else {
      slot->instance = generate_sonderborg_sample();
    }
  }
  return *slot;
}

MatchOptions options() {
  MatchOptions o;
  const SolveOptions s = bench_solve_options();
  o.solve.time_limit_seconds = s.time_limit_seconds;
  return o;
}

const MatchResult& placematch_result(Loaded& l) {
  if (!l.placematch) l.placematch = match(l.instance, options());
  return *l.placematch;
}

void plan_counters(benchmark::State& state, const Instance& in, const Plan& plan) {
  const double n = static_cast<double>(in.citizens.size());
  state.counters["placed"] = static_cast<double>(plan.placed);
  state.counters["activation_rate"] = n > 0 ? static_cast<double>(plan.placed) / n : 0;
  state.counters["score"] = static_cast<double>(plan.score) / 1e6;
  double km = 0;
  for (const Placement& p : plan.placements) km += p.km;
  state.counters["mean_km"] = plan.placements.empty() ? 0 : km / static_cast<double>(plan.placements.size());
  report_audit(state, in, plan);
}

void bm_placematch(benchmark::State& state, Case c) {
  try {
    Loaded& l = load(c);
    l.placematch.reset();
    for (auto _ : state) {
      l.placematch = match(l.instance, options());
      benchmark::DoNotOptimize(l.placematch->plan.placed);
    }
    const MatchResult& r = *l.placematch;
    if (auto bad = verify(l.instance, r.graph, r.solution, r.plan); !bad.empty()) {
      state.SkipWithError(bad.c_str());
      return;
    }
    plan_counters(state, l.instance, r.plan);
    state.counters["optimal"] = r.plan.status == Status::Optimal ? 1 : 0;
  } catch (const std::exception& e) {
    state.SkipWithError((std::string("exception: ") + e.what()).c_str());
  }
}

void bm_baseline(benchmark::State& state, Case c, Baseline policy) {
  try {
    Loaded& l = load(c);
    const MatchResult& best = placematch_result(l);
    Plan plan;
    for (auto _ : state) {
      plan = baseline_plan(l.instance, best.graph, policy, 1);
      benchmark::DoNotOptimize(plan.placed);
    }
    if (auto bad = check_plan(l.instance, best.graph, plan); !bad.empty()) {
      state.SkipWithError(("check_plan: " + bad.front()).c_str());
      return;
    }
    plan_counters(state, l.instance, plan);
    const double n = static_cast<double>(l.instance.citizens.size());
    const double pm_placed = static_cast<double>(best.plan.placed), b_placed = static_cast<double>(plan.placed);
    const double pm_score = static_cast<double>(best.plan.score), b_score = static_cast<double>(plan.score);
    state.counters["gain_placed_pct"] = b_placed > 0 ? 100.0 * (pm_placed - b_placed) / b_placed : 0;
    state.counters["gain_score_pct"] = b_score > 0 ? 100.0 * (pm_score - b_score) / b_score : 0;
    state.counters["gain_rate_points"] = n > 0 ? 100.0 * (pm_placed - b_placed) / n : 0;
  } catch (const std::exception& e) {
    state.SkipWithError((std::string("exception: ") + e.what()).c_str());
  }
}

const bool registered = [] {
  std::vector<Case> cases = {{"sonderborg", std::nullopt}};
  for (const Scale& s : scales())
    if (!is_national(s)) cases.push_back({s.name, s});
  for (const Case& c : cases) {
    benchmark::RegisterBenchmark(("quality/placematch/" + c.name).c_str(), bm_placematch, c)
        ->Iterations(1)
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
    for (Baseline b : kBaselines)
      benchmark::RegisterBenchmark(("quality/" + std::string(to_string(b)) + "/" + c.name).c_str(), bm_baseline, c, b)
          ->UseRealTime()
          ->Unit(benchmark::kMillisecond);
  }
  return true;
}();

}  // namespace
}  // namespace placematch::bench
