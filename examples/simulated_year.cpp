// A simulated year of weekly planning (placematch/synth/year.hpp): placematch and the four
// reference policies of placematch/planner/baselines.hpp meet the same residents arriving
// and leaving, the same openings opening and closing, and the same placement lengths.
// Prints, per policy, the activation over the year (placed resident-weeks / resident-weeks),
// per target group, the ratio to the per-week bound, moves per placement, hires. placematch
// re-plans each week against the ongoing placements (contract section 7); the last row,
// placematch_unpinned, does so without pinning them (it may move one to place more).
//
//   example_simulated_year                 the Sønderborg sample, 52 weeks
//   example_simulated_year municipal       a generated municipal instance (2,000 x 600, seed 20261)
//   example_simulated_year sonderborg 26 7 26 weeks, seed 7
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "placematch/synth/generate.hpp"
#include "placematch/synth/year.hpp"

int main(int argc, char** argv) {
  using namespace placematch;
  const std::string which = argc > 1 ? argv[1] : "sonderborg";
  YearOptions opt;
  if (argc > 2) opt.weeks = std::atoi(argv[2]);
  if (argc > 3) opt.seed = std::strtoull(argv[3], nullptr, 10);
  Instance base;
  if (which == "sonderborg") {
    base = generate_sonderborg_sample();
  } else if (which == "municipal") {
    GenerateOptions g;
    g.citizens = 2000;
    g.openings = 600;
    g.seed = 20261;
    base = generate_instance(g);
  } else {
    std::fprintf(stderr, "usage: %s [sonderborg|municipal] [weeks] [seed]\n", argv[0]);
    return 2;
  }
  std::vector<YearResult> results;
  std::vector<std::optional<Baseline>> policies = {std::nullopt};
  for (Baseline b : kBaselines) policies.push_back(b);
  for (const auto& p : policies) {
    opt.baseline = p;
    results.push_back(simulate_year(base, opt));
  }
  // placematch with ongoing placements only as the earlier plan of its re-plan (not pinned).
  opt.baseline.reset();
  opt.pin_ongoing = false;
  results.push_back(simulate_year(base, opt));
  std::printf("%s, %d weeks, seed %llu: %zu residents at the start\n\n", which.c_str(), opt.weeks,
              static_cast<unsigned long long>(opt.seed), base.citizens.size());
  std::printf("%-19s %10s %10s %9s %9s %9s %7s %6s %6s\n", "policy", "res-weeks", "placed-wk", "activation",
              "of bound", "started", "moves", "hires", "exits");
  for (const YearResult& r : results)
    std::printf("%-19s %10lld %10lld %9.1f%% %8.1f%% %9lld %7.3f %6lld %6lld\n", r.policy.c_str(),
                static_cast<long long>(r.resident_weeks), static_cast<long long>(r.placed_weeks),
                100 * r.activation(), 100 * r.bound_ratio(), static_cast<long long>(r.started),
                r.moves_per_placement(), static_cast<long long>(r.hires), static_cast<long long>(r.exits));
  std::printf("\nactivation over the year per target group:\n%-19s", "policy");
  for (const auto& [group, counts] : results.front().groups) std::printf(" %8s", group.c_str());
  std::printf("\n");
  for (const YearResult& r : results) {
    std::printf("%-19s", r.policy.c_str());
    for (const auto& [group, counts] : r.groups)
      std::printf(" %7.1f%%", counts.first ? 100.0 * static_cast<double>(counts.second) / static_cast<double>(counts.first) : 0.0);
    std::printf("\n");
  }
  return 0;
}
