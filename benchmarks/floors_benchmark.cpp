// Floors (contract section 12, placematch/planner/floors.hpp): match() with and without
// floors on the generated instances, to measure what floors cost in time and in the plan.
//
//   floors/none/SCALE          match() without floors
//   floors/groups/SCALE        floors 0.45 for 6.3, 6.8 and INT-SHP, 0.35 for 6.2
//   floors/groups_areas/SCALE  those, and 0.25 for every housing area
//   floors/met/SCALE           floors the plan without floors meets: 0.2 for 6.3, 6.8,
//                              INT-SHP and 6.2, 0.04 for every housing area (that plan is
//                              then the answer, proven: nothing more is solved)
//   floors_priced/FLOORS/SCALE the plan without floors (match()), then plan_with_floors on
//                              the priced path first (src/detail/floor_paths.hpp,
//                              FloorPath::PricedFirst; at regional scale Auto takes it too);
//                              counters evaluations (engine calls of the priced path),
//                              priced_proved (1 when it proved the plan alone),
//                              unmeetable_calls and unmeetable_floors (the calls for the most
//                              of a floor any plan places, and the floors found that no plan
//                              can meet), gap_steps and gap_steps_closed (runs that solved the
//                              order without the arcs fixed by reduced cost, and those it proved)
//
//   floors_planner/replan/FLOORS/SCALE   the warm Planner's re-plan with floors against the
//                                         plan with every tenth placement dropped (plan solved
//                                         outside the timing)
//   floors_planner/suggest/FLOORS/SCALE  one opening's suggestions with floors (top 0: every
//                                         pair priced; the opening with most feasible pairs
//                                         among the first 20)
//
// SCALE: municipal, municipal_mentor_heavy (several iterations), regional (one iteration;
// the Planner benchmarks: municipal scales only).
// Every plan is checked (check_plan). Counters: placed, score, shortfall (total over the
// floors), shortfall_bound (proven: no plan has less), optimal (1 when proven for the order
// of floors, then the objective), price_placed and price_score (what the plan without floors
// places and scores more).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <string>

#include "detail/floor_paths.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/planner/planner.hpp"
#include "support.hpp"

namespace placematch::bench {
namespace {

enum class Floors { None, Groups, GroupsAreas, Met };

Instance with_floors(const Scale& scale, Floors floors) {
  GenerateOptions o;
  o.citizens = scale.citizens;
  o.openings = scale.openings;
  o.seed = scale.seed;
  o.mentor_heavy = scale.mentor_heavy;
  Instance in = generate_instance(o);
  if (floors == Floors::None) return in;
  if (floors == Floors::Met) {
    for (const char* code : {"6.3", "6.8", "INT-SHP", "6.2"})
      if (const CodeId c = in.target_group_code(code); c != kNone) in.floors.push_back({FloorScope::Group, c, 0.2, "bench"});
    for (Index a = 0; a < static_cast<Index>(in.areas.size()); ++a) in.floors.push_back({FloorScope::Area, a, 0.04, "bench"});
    return in;
  }
  for (const auto& [code, share] : {std::pair{"6.3", 0.45}, {"6.8", 0.45}, {"INT-SHP", 0.45}, {"6.2", 0.35}})
    if (const CodeId c = in.target_group_code(code); c != kNone) in.floors.push_back({FloorScope::Group, c, share, "bench"});
  if (floors == Floors::GroupsAreas)
    for (Index a = 0; a < static_cast<Index>(in.areas.size()); ++a) in.floors.push_back({FloorScope::Area, a, 0.25, "bench"});
  return in;
}

void bm_floors(benchmark::State& state, Scale scale, Floors floors) {
  try {
    const Instance in = with_floors(scale, floors);
    MatchOptions opt;
    opt.solve = bench_solve_options();
    std::unique_ptr<MatchResult> r;
    for (auto _ : state) {
      r = std::make_unique<MatchResult>(match(in, opt));
      benchmark::DoNotOptimize(r->plan.placed);
    }
    if (auto bad = check_plan(in, r->graph, r->plan); !bad.empty()) {
      state.SkipWithError(("check_plan: " + bad.front()).c_str());
      return;
    }
    state.counters["placed"] = static_cast<double>(r->plan.placed);
    state.counters["score"] = static_cast<double>(r->plan.score) / 1e6;
    state.counters["optimal"] = r->plan.status == Status::Optimal ? 1 : 0;
    if (r->plan.floors) {
      state.counters["shortfall"] = static_cast<double>(r->plan.floors->shortfall);
      state.counters["shortfall_bound"] = static_cast<double>(r->plan.floors->shortfall_bound);
      state.counters["price_placed"] = static_cast<double>(r->plan.floors->price_placed);
      state.counters["price_score"] = static_cast<double>(r->plan.floors->price_score) / 1e6;
    }
    report_audit(state, in, r->plan);
  } catch (const std::exception& e) {
    state.SkipWithError((std::string("exception: ") + e.what()).c_str());
  }
}

void bm_priced(benchmark::State& state, Scale scale, Floors floors) {
  try {
    const Instance in = with_floors(scale, floors);
    Instance bare = in;
    bare.floors.clear();
    MatchOptions opt;
    opt.solve = bench_solve_options();
    std::unique_ptr<MatchResult> without;
    Plan plan;
    detail::FloorTrace trace;
    for (auto _ : state) {
      trace = detail::FloorTrace{};
      without = std::make_unique<MatchResult>(match(bare, opt));
      plan = detail::plan_with_floors(in, without->graph, without->plan, opt.solve.objective, opt.solve,
                                      detail::FloorPath::PricedFirst, &trace);
      benchmark::DoNotOptimize(plan.placed);
    }
    if (auto bad = check_plan(in, without->graph, plan); !bad.empty()) {
      state.SkipWithError(("check_plan: " + bad.front()).c_str());
      return;
    }
    state.counters["placed"] = static_cast<double>(plan.placed);
    state.counters["score"] = static_cast<double>(plan.score) / 1e6;
    state.counters["optimal"] = plan.status == Status::Optimal ? 1 : 0;
    state.counters["evaluations"] = static_cast<double>(trace.priced_evaluations);
    state.counters["priced_proved"] = static_cast<double>(trace.priced_closed);
    state.counters["unmeetable_calls"] = static_cast<double>(trace.unmeetable_calls);
    state.counters["unmeetable_floors"] = static_cast<double>(trace.unmeetable_floors);
    state.counters["gap_steps"] = static_cast<double>(trace.face_tries);
    state.counters["gap_steps_closed"] = static_cast<double>(trace.face_closed);
    if (plan.floors) {
      state.counters["shortfall"] = static_cast<double>(plan.floors->shortfall);
      state.counters["shortfall_bound"] = static_cast<double>(plan.floors->shortfall_bound);
    }
  } catch (const std::exception& e) {
    state.SkipWithError((std::string("exception: ") + e.what()).c_str());
  }
}

void bm_planner(benchmark::State& state, Scale scale, Floors floors, bool suggest) {
  try {
    const Instance in = with_floors(scale, floors);
    MatchOptions opt;
    opt.solve = bench_solve_options();
    Planner planner(in, opt);
    const Plan p = planner.plan().plan;
    PreviousPlan earlier = as_previous(in, p);
    for (std::size_t i = 0; i < earlier.placements.size(); i += 10) earlier.placements[i].opening = "gone";
    Index best_o = 0;
    std::int64_t most = -1;
    for (Index o = 0; o < 20 && o < static_cast<Index>(in.openings.size()); ++o) {
      std::int64_t n = 0;
      for (Index c = 0; c < static_cast<Index>(in.citizens.size()); ++c) n += planner.graph().find(c, o) >= 0;
      if (n > most) {
        most = n;
        best_o = o;
      }
    }
    std::int64_t optimal = 0, count = 0, placed = 0, shortfall = 0;
    for (auto _ : state) {
      if (suggest) {
        const auto list = planner.suggest_for_opening(best_o, 0);
        count = static_cast<std::int64_t>(list.size());
        optimal = std::count_if(list.begin(), list.end(), [](const Suggestion& s) { return s.optimal; });
      } else {
        const Replan r = planner.replan(earlier);
        optimal = r.plan.status == Status::Optimal;
        placed = r.plan.placed;
        shortfall = r.plan.floors ? r.plan.floors->shortfall : 0;
      }
    }
    if (suggest) {
      state.counters["pairs"] = static_cast<double>(count);
      state.counters["optimal_pairs"] = static_cast<double>(optimal);
      // How the pairs were priced: from a residual graph (P's, or with floors that bind the
      // floors' reduction's), or by a warm re-solve each.
      const PricingStats& ps = planner.pricing_stats();
      state.counters["cycle_pairs"] = static_cast<double>(ps.cycle_pairs + ps.pool_priced_pairs);
      state.counters["floor_cycle_pairs"] = static_cast<double>(ps.floor_cycle_pairs);
      state.counters["resolved_pairs"] = static_cast<double>(ps.resolved_pairs);
    } else {
      state.counters["placed"] = static_cast<double>(placed);
      state.counters["shortfall"] = static_cast<double>(shortfall);
      state.counters["optimal"] = static_cast<double>(optimal);
    }
  } catch (const std::exception& e) {
    state.SkipWithError((std::string("exception: ") + e.what()).c_str());
  }
}

const bool registered = [] {
  for (const Scale& s : scales()) {
    if (s.citizens > 10'000) continue;
    for (auto [name, f] : {std::pair{"none", Floors::None}, {"groups", Floors::Groups}, {"groups_areas", Floors::GroupsAreas}, {"met", Floors::Met}})
      for (const bool suggest : {false, true}) {
        const std::string what = suggest ? "suggest" : "replan";
        auto* b = benchmark::RegisterBenchmark(("floors_planner/" + what + "/" + name + "/" + s.name).c_str(), bm_planner,
                                               s, f, suggest);
        b->UseRealTime()->Unit(benchmark::kMillisecond)->Iterations(1);
      }
  }
  for (const Scale& s : scales()) {
    if (is_national(s) || (s.mentor_heavy && s.citizens > 10'000)) continue;
    for (auto [name, f] : {std::pair{"none", Floors::None}, {"groups", Floors::Groups}, {"groups_areas", Floors::GroupsAreas}, {"met", Floors::Met}}) {
      auto* b = benchmark::RegisterBenchmark(("floors/" + std::string(name) + "/" + s.name).c_str(), bm_floors, s, f);
      b->UseRealTime()->Unit(benchmark::kMillisecond);
      if (s.citizens > 10'000) b->Iterations(1);
      if (f == Floors::None) continue;
      b = benchmark::RegisterBenchmark(("floors_priced/" + std::string(name) + "/" + s.name).c_str(), bm_priced, s, f);
      b->UseRealTime()->Unit(benchmark::kMillisecond);
      if (s.citizens > 10'000) b->Iterations(1);
    }
  }
  return true;
}();

}  // namespace
}  // namespace placematch::bench
