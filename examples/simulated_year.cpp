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
//   example_simulated_year sonderborg 52 1 40
//                                          seeds 1-40: one line per seed, then per policy the
//                                          mean activation (± its standard error) and the
//                                          paired difference of placematch to each policy
//                                          (every policy meets the same world, seed by seed)
#include <cmath>
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
  const int seeds = argc > 4 ? std::atoi(argv[4]) : 1;
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
    std::fprintf(stderr, "usage: %s [sonderborg|municipal] [weeks] [seed] [seeds]\n", argv[0]);
    return 2;
  }
  if (seeds < 1 || opt.weeks < 1) {
    std::fprintf(stderr, "usage: %s [sonderborg|municipal] [weeks >= 1] [seed] [seeds >= 1]\n", argv[0]);
    return 2;
  }
  // Every policy's year for one seed: placematch, the baselines, placematch unpinned.
  auto year = [&](YearOptions o) {
    std::vector<YearResult> out;
    std::vector<std::optional<Baseline>> policies = {std::nullopt};
    for (Baseline b : kBaselines) policies.push_back(b);
    for (const auto& p : policies) {
      o.baseline = p;
      out.push_back(simulate_year(base, o));
    }
    // placematch with ongoing placements only as the earlier plan of its re-plan (not pinned).
    o.baseline.reset();
    o.pin_ongoing = false;
    out.push_back(simulate_year(base, o));
    return out;
  };
  if (seeds > 1) {
    // activation[policy][seed] and bound ratio, in percent.
    std::vector<std::string> names;
    std::vector<std::vector<double>> act, ratio;
    const std::uint64_t first = opt.seed;
    std::printf("%s, %d weeks, seeds %llu-%llu: activation over the year per seed (%%)\n", which.c_str(), opt.weeks,
                static_cast<unsigned long long>(first), static_cast<unsigned long long>(first + seeds - 1));
    for (int k = 0; k < seeds; ++k) {
      YearOptions o = opt;
      o.seed = first + static_cast<std::uint64_t>(k);
      const std::vector<YearResult> r = year(o);
      if (names.empty()) {
        for (const YearResult& y : r) names.push_back(y.policy);
        act.resize(r.size());
        ratio.resize(r.size());
        std::printf("%6s", "seed");
        for (const std::string& n : names) std::printf(" %20s", n.c_str());
        std::printf("\n");
      }
      std::printf("%6llu", static_cast<unsigned long long>(o.seed));
      for (std::size_t i = 0; i < r.size(); ++i) {
        act[i].push_back(100 * r[i].activation());
        ratio[i].push_back(100 * r[i].bound_ratio());
        std::printf(" %20.3f", act[i].back());
      }
      std::printf("\n");
    }
    auto mean = [](const std::vector<double>& x) {
      double s = 0;
      for (double v : x) s += v;
      return s / static_cast<double>(x.size());
    };
    auto se = [&](const std::vector<double>& x) {  // standard error of the mean
      const double m = mean(x);
      double s = 0;
      for (double v : x) s += (v - m) * (v - m);
      return std::sqrt(s / static_cast<double>(x.size() - 1) / static_cast<double>(x.size()));
    };
    std::printf("\n%-19s %22s %12s %28s %16s\n", "policy", "activation (± s.e.)", "of bound",
                "placematch minus it (± s.e.)", "ahead/level/behind");
    for (std::size_t i = 0; i < names.size(); ++i) {
      std::vector<double> d(act[0].size());
      int ahead = 0, level = 0;
      for (std::size_t k = 0; k < d.size(); ++k) {
        d[k] = act[0][k] - act[i][k];
        ahead += d[k] > 0;
        level += d[k] == 0;
      }
      std::printf("%-19s %13.2f%% ± %5.2f %11.2f%%", names[i].c_str(), mean(act[i]), se(act[i]), mean(ratio[i]));
      if (i == 0)
        std::printf("\n");
      else
        std::printf(" %19.3f ± %6.3f %6d/%d/%d\n", mean(d), se(d), ahead, level, static_cast<int>(d.size()) - ahead - level);
    }
    return 0;
  }
  const std::vector<YearResult> results = year(opt);
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
