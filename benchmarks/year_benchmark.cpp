// A simulated year (placematch/synth/year.hpp): 52 weekly re-plans with ongoing placements
// pinned, for placematch and each reference policy, on the Sønderborg sample and the
// generated municipal instance (seed 20261).
//
//   year/POLICY/CASE   one iteration: the whole year, per-week bound included
//
// Counters: activation (placed resident-weeks / resident-weeks), bound_ratio (placed
// resident-weeks / the summed per-week bound), moves_per_placement, started, hires, exits,
// arrivals, resident_weeks, and activation_<group> per target group.
#include <benchmark/benchmark.h>

#include <exception>
#include <optional>
#include <string>

#include "placematch/synth/year.hpp"
#include "support.hpp"

namespace placematch::bench {
namespace {

const Instance& base_of(const std::string& name) {
  static std::optional<Instance> sonderborg, municipal;
  if (name == "sonderborg") {
    if (!sonderborg) sonderborg = generate_sonderborg_sample();
    return *sonderborg;
  }
  if (!municipal) {
    GenerateOptions g;
    g.citizens = 2000;
    g.openings = 600;
    g.seed = 20261;
    municipal = generate_instance(g);
  }
  return *municipal;
}

void bm_year(benchmark::State& state, std::string name, std::optional<Baseline> policy, bool pin_ongoing) {
  try {
    const Instance& base = base_of(name);
    YearOptions opt;
    opt.baseline = policy;
    opt.pin_ongoing = pin_ongoing;
    YearResult r;
    for (auto _ : state) r = simulate_year(base, opt);
    state.counters["activation"] = r.activation();
    state.counters["bound_ratio"] = r.bound_ratio();
    state.counters["moves_per_placement"] = r.moves_per_placement();
    state.counters["started"] = static_cast<double>(r.started);
    state.counters["hires"] = static_cast<double>(r.hires);
    state.counters["exits"] = static_cast<double>(r.exits);
    state.counters["arrivals"] = static_cast<double>(r.arrivals);
    state.counters["resident_weeks"] = static_cast<double>(r.resident_weeks);
    for (const auto& [group, counts] : r.groups)
      state.counters[counter_name("activation_", group)] =
          counts.first ? static_cast<double>(counts.second) / static_cast<double>(counts.first) : 0.0;
  } catch (const std::exception& e) {
    state.SkipWithError((std::string("exception: ") + e.what()).c_str());
  }
}

const bool registered = [] {
  for (const char* name : {"sonderborg", "municipal"}) {
    std::vector<std::optional<Baseline>> policies = {std::nullopt};
    for (Baseline b : kBaselines) policies.push_back(b);
    for (const auto& p : policies) {
      const std::string policy = p ? std::string(to_string(*p)) : "placematch";
      benchmark::RegisterBenchmark(("year/" + policy + "/" + name).c_str(), bm_year, std::string(name), p, true)
          ->Iterations(1)
          ->UseRealTime()
          ->Unit(benchmark::kMillisecond);
    }
    benchmark::RegisterBenchmark(("year/placematch_unpinned/" + std::string(name)).c_str(), bm_year,
                                 std::string(name), std::nullopt, false)
        ->Iterations(1)
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
  }
  return true;
}();

}  // namespace
}  // namespace placematch::bench
