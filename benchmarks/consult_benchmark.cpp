// The consultant's questions on a warm Planner (contract sections 7-9), at municipal and
// regional scale (plain generator presets): `suggest` for one opening (every feasible pair
// priced exactly, the first 10 kept), `why` for one unplaced resident (every opening in
// reach), and a pin re-planned warm against the same re-plan from scratch (a new Planner
// on the changed instance re-planning against the plan before: what `match --previous`
// does after one change). Times are the calling thread's CPU seconds (the machine is
// shared); the warm Planner's plan and Planner::prepare_questions (the residual
// certificate and the re-planning Matcher's first solve) run outside the timed loops and
// are reported as counters (plan_s, certificate_s).
//
// Quality beside time: `pairs` priced per question, `optimal_share` (the share of priced
// pairs whose cost is proven exact; the rest are bounds), and for the pin the warm and
// cold plans' placements, kept and score, which must agree (SkipWithError otherwise).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>

#include "placematch/planner/planner.hpp"
#include "support.hpp"

namespace placematch::bench {
namespace {

// Issue 11's goal for one question from a warm state.
constexpr double kGoalSeconds = 0.050;

struct WarmState {
  std::unique_ptr<Planner> planner;
  double plan_s = 0;         // the plan, cold
  double certificate_s = 0;  // Planner::prepare_questions: the residual certificate, its sink trees and
                             // the re-planning Matcher's first solve (where a pool binds), built once
};

MatchOptions bench_match_options() {
  MatchOptions o;
  o.solve = bench_solve_options();
  o.solve.threads = 1;
  return o;
}

// One warm Planner per scale (built on first use, kept for the file's benchmarks).
WarmState& warm_state(Prepared& p) {
  static std::map<std::string, WarmState> cache;
  WarmState& w = cache[p.scale().name];
  if (w.planner) return w;
  double t0 = thread_cpu_seconds();
  w.planner = std::make_unique<Planner>(p.instance(), bench_match_options());
  w.planner->plan();
  w.plan_s = thread_cpu_seconds() - t0;
  t0 = thread_cpu_seconds();
  w.planner->prepare_questions();  // certificate, sink trees, the re-planning solve
  w.certificate_s = thread_cpu_seconds() - t0;
  return w;
}

// The openings with at least `min_pairs` feasible pairs, in a fixed spread order.
std::vector<Index> busy_openings(const CandidateGraph& g, std::size_t openings, std::int64_t min_pairs) {
  std::vector<std::int64_t> pairs(openings, 0);
  for (Index o : g.opening) ++pairs[static_cast<std::size_t>(o)];
  std::vector<Index> out;
  for (std::size_t k = 0; k < openings; ++k) {
    const auto o = static_cast<Index>((k * 7919) % openings);
    if (pairs[static_cast<std::size_t>(o)] >= min_pairs) out.push_back(o);
  }
  return out;
}

// `top`: the list cut to its first `top` (0: every pair; `suggest --top K` defaults to 10).
void BM_Suggest(benchmark::State& state, Scale scale, std::size_t top) {
  Prepared& p = prepared(scale);
  WarmState& w = warm_state(p);
  Planner& planner = *w.planner;
  const auto openings = busy_openings(planner.graph(), p.instance().openings.size(), 20);
  if (openings.empty()) {
    state.SkipWithError("no opening with 20 pairs");
    return;
  }
  std::size_t next = 0;
  std::int64_t over_goal = 0;
  double total = 0, slowest = 0, pairs = 0, exact = 0;
  std::int64_t questions = 0;
  for (auto _ : state) {
    const Index o = openings[next++ % openings.size()];
    const double t0 = thread_cpu_seconds();
    const auto list = planner.suggest_for_opening(o, top);
    const double dt = thread_cpu_seconds() - t0;
    state.SetIterationTime(dt);
    total += dt;
    slowest = std::max(slowest, dt);
    over_goal += dt > kGoalSeconds;
    ++questions;
    pairs += static_cast<double>(list.size());
    for (const Suggestion& s : list) exact += s.optimal;
  }
  state.counters["pairs"] = questions ? pairs / static_cast<double>(questions) : 0;
  state.counters["optimal_share"] = pairs > 0 ? exact / pairs : 0;
  const PricingStats& ps = planner.pricing_stats();
  state.counters["certified"] = static_cast<double>(ps.certified);
  state.counters["resolved_pairs"] = static_cast<double>(ps.resolved_pairs);
  state.counters["resolves_kept_prices"] = static_cast<double>(ps.resolves_kept_prices);  // of them: no pool LP
  state.counters["resolves_local_prices"] = static_cast<double>(ps.resolves_local_prices);  // of those: local LP
  state.counters["cycle_pairs"] = static_cast<double>(ps.cycle_pairs);
  state.counters["pool_priced_pairs"] = static_cast<double>(ps.pool_priced_pairs);
  state.counters["several_pool_pairs"] = static_cast<double>(ps.several_pool_pairs);
  state.counters["union_pool_pairs"] = static_cast<double>(ps.union_pool_pairs);
  state.counters["pool_shifts"] = static_cast<double>(ps.pool_shifts);
  state.counters["left_out_pairs"] = static_cast<double>(ps.left_out_pairs);
  state.counters["plan_s"] = w.plan_s;
  state.counters["certificate_s"] = w.certificate_s;
  state.counters["mean_ms"] = questions ? 1000 * total / static_cast<double>(questions) : 0;
  state.counters["max_ms"] = 1000 * slowest;  // the slowest question (the goal is per question)
  state.counters["over_50ms"] = static_cast<double>(over_goal);  // questions slower than the goal
}

void BM_Why(benchmark::State& state, Scale scale) {
  Prepared& p = prepared(scale);
  WarmState& w = warm_state(p);
  Planner& planner = *w.planner;
  std::vector<Index> unplaced;
  for (const Unplaced& u : planner.plan().plan.unplaced)
    if (planner.graph().end(u.citizen) > planner.graph().begin(u.citizen)) unplaced.push_back(u.citizen);
  if (unplaced.empty()) {
    state.SkipWithError("no unplaced resident with a feasible pair");
    return;
  }
  std::size_t next = 0;
  std::int64_t over_goal = 0;
  double total = 0, slowest = 0, openings = 0, feasible = 0, exact = 0;
  std::int64_t questions = 0;
  for (auto _ : state) {
    const Index c = unplaced[(next++ * 104729) % unplaced.size()];
    const double t0 = thread_cpu_seconds();
    const Why why = planner.why(c);
    const double dt = thread_cpu_seconds() - t0;
    state.SetIterationTime(dt);
    total += dt;
    slowest = std::max(slowest, dt);
    over_goal += dt > kGoalSeconds;
    ++questions;
    openings += static_cast<double>(why.openings.size());
    for (const WhyOpening& wo : why.openings)
      if (wo.feasible) {
        ++feasible;
        exact += wo.price && wo.price->optimal;
      }
  }
  state.counters["openings_in_reach"] = questions ? openings / static_cast<double>(questions) : 0;
  state.counters["pairs"] = questions ? feasible / static_cast<double>(questions) : 0;
  state.counters["optimal_share"] = feasible > 0 ? exact / feasible : 0;
  const PricingStats& ps = planner.pricing_stats();
  state.counters["resolved_pairs"] = static_cast<double>(ps.resolved_pairs);
  state.counters["resolves_kept_prices"] = static_cast<double>(ps.resolves_kept_prices);  // of them: no pool LP
  state.counters["resolves_local_prices"] = static_cast<double>(ps.resolves_local_prices);  // of those: local LP
  state.counters["cycle_pairs"] = static_cast<double>(ps.cycle_pairs);
  state.counters["pool_priced_pairs"] = static_cast<double>(ps.pool_priced_pairs);
  state.counters["mean_ms"] = questions ? 1000 * total / static_cast<double>(questions) : 0;
  state.counters["max_ms"] = 1000 * slowest;  // the slowest question (the goal is per question)
  state.counters["over_50ms"] = static_cast<double>(over_goal);  // questions slower than the goal
}

// A pin agreed on the warm Planner (its suggestion for a busy opening's cheapest pair not in
// the plan) against a new Planner on the changed instance re-planning against the plan before.
void BM_PinReplan(benchmark::State& state, Scale scale) {
  Prepared& p = prepared(scale);
  WarmState& w = warm_state(p);
  Planner& planner = *w.planner;
  const auto openings = busy_openings(planner.graph(), p.instance().openings.size(), 20);
  std::size_t next = 0;
  double warm_total = 0, cold_total = 0;
  std::int64_t iterations = 0;
  double changes = 0;
  for (auto _ : state) {
    // The pair: the cheapest possible suggestion not in the plan (untimed).
    Index c = kNone, o = kNone;
    while (c == kNone && next < openings.size() * 2) {
      o = openings[next++ % openings.size()];
      for (const Suggestion& s : planner.suggest_for_opening(o, 0))
        if (!s.in_plan && s.possible) {
          c = s.citizen;
          break;
        }
    }
    if (c == kNone) {
      state.SkipWithError("no pair to pin");
      return;
    }
    const PreviousPlan before = as_previous(planner.instance(), planner.plan().plan);
    double t0 = thread_cpu_seconds();
    const Replan warm = planner.pin(c, o);
    const double warm_s = thread_cpu_seconds() - t0;
    // From scratch: the changed instance, a new Planner, the re-plan against the plan before.
    const Instance changed = planner.instance();
    t0 = thread_cpu_seconds();
    Planner fresh(changed, bench_match_options());
    const Replan cold = fresh.replan(before);
    const double cold_s = thread_cpu_seconds() - t0;
    state.SetIterationTime(warm_s);
    warm_total += warm_s;
    cold_total += cold_s;
    ++iterations;
    changes += static_cast<double>(warm.changes.size());
    if (warm.plan.placed != cold.plan.placed || warm.previous.kept != cold.previous.kept ||
        warm.plan.score != cold.plan.score) {
      state.SkipWithError("the warm re-plan disagrees with the cold one");
      return;
    }
    planner.unpin(c, o);  // untimed: the decision is taken back (the plan stays)
  }
  const double n = static_cast<double>(iterations);
  state.counters["warm_ms"] = iterations ? 1000 * warm_total / n : 0;
  state.counters["cold_ms"] = iterations ? 1000 * cold_total / n : 0;
  state.counters["speedup"] = warm_total > 0 ? cold_total / warm_total : 0;
  state.counters["changes"] = iterations ? changes / n : 0;
}

void register_all() {
  for (const Scale& s : plain_scales()) {
    if (is_national(s)) continue;
    const std::string scale = s.name;
    // 20 questions at either scale (the goal is per question: three regional openings hid
    // ones ten times slower; benchmarks/README.md). PLACEMATCH_BENCH_QUESTIONS=N sets the
    // count (e.g. 1 for a quick regional figure).
    int questions = 20;
    if (const char* n = std::getenv("PLACEMATCH_BENCH_QUESTIONS"); n && std::atoi(n) > 0) questions = std::atoi(n);
    benchmark::RegisterBenchmark(("consult/suggest_opening/" + scale).c_str(), BM_Suggest, s, std::size_t{0})
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond)
        ->Iterations(questions);
    benchmark::RegisterBenchmark(("consult/suggest_opening_top10/" + scale).c_str(), BM_Suggest, s, std::size_t{10})
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond)
        ->Iterations(questions);
    benchmark::RegisterBenchmark(("consult/why_resident/" + scale).c_str(), BM_Why, s)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond)
        ->Iterations(questions);
    benchmark::RegisterBenchmark(("consult/pin_replan/" + scale).c_str(), BM_PinReplan, s)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond)
        ->Iterations(3);
  }
}

const int registered = (register_all(), 0);

}  // namespace
}  // namespace placematch::bench
