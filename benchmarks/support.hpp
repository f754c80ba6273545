#pragma once
// Shared fixtures of the benchmark suite: the benchmark scales, a one-slot cache of the
// generated instance (with its candidate graph and a CSV copy in a temporary folder),
// the check that makes a fast wrong answer fail, and the quality counters reported beside
// every time. Generation, the CSV copy and the cached graph are never inside a timed loop.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "placematch/candidates/candidates.hpp"
#include "placematch/synth/generate.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/plan/plan.hpp"
#include "placematch/engine/solve.hpp"

namespace placematch::bench {

/// One benchmark scale: a generator setting with a fixed seed.
struct Scale {
  const char* name;  // appears in every benchmark name, e.g. "pipeline/solve/regional"
  std::int64_t citizens;
  std::int64_t openings;
  bool mentor_heavy;
  std::uint64_t seed;
};

/// municipal (2,000 x 600), regional (40,000 x 12,000), national (200,000 x 60,000), each
/// plain and mentor-heavy.
const std::vector<Scale>& scales();
/// The plain (not mentor-heavy) scales, for the LEMON peer.
std::vector<Scale> plain_scales();
/// Benchmarks of the national scale run once (one iteration): they take seconds to minutes.
bool is_national(const Scale& scale);

/// A generated instance with what the benchmarks derive from it, built lazily.
class Prepared {
 public:
  explicit Prepared(const Scale& scale);
  ~Prepared();
  Prepared(const Prepared&) = delete;
  Prepared& operator=(const Prepared&) = delete;

  const Scale& scale() const { return scale_; }
  const Instance& instance() const { return instance_; }
  double generate_seconds() const { return generate_seconds_; }
  /// The candidate graph (default options), built on first use.
  const CandidateGraph& graph();
  /// The instance written as a CSV folder in a temporary directory, on first use (removed
  /// when this object goes).
  const std::filesystem::path& csv_dir();
  /// Sum of the CSV files' sizes in bytes (after csv_dir()).
  std::int64_t csv_bytes();

 private:
  Scale scale_;
  Instance instance_;
  double generate_seconds_ = 0;
  std::optional<CandidateGraph> graph_;
  std::optional<std::filesystem::path> csv_dir_;
  std::int64_t csv_bytes_ = 0;
};

/// The prepared instance of `scale`. One slot: asking for another scale drops the previous
/// one (benchmarks are registered scale by scale, so each scale is generated once per file).
Prepared& prepared(const Scale& scale);

/// Empty when the solver's answer holds: status Optimal with bound == value, or Feasible
/// with a proven bound >= value; the plan agrees with the solution; check_plan (the
/// solver-independent checker of every rule) finds nothing. Otherwise the first problems.
std::string verify(const Instance& instance, const CandidateGraph& graph,
                   const Solution& solution, const Plan& plan);

/// Quality counters beside the time: placed, activation_rate, score, gap_placed,
/// gap_score, gap_pct (the relative gap on the lexicographic weight big * placed + score),
/// optimal, mean_km, candidate_pairs, the audit (report_audit), and the solver's work counters.
void report_quality(benchmark::State& state, const Instance& instance,
                    const CandidateGraph& graph, const Solution& solution, const Plan& plan);

/// The plan's audit (placematch/plan/audit.hpp) as counters: placed_<group> and rate_<group>
/// for every target group with residents, area_rate_min and area_rate_max over the housing
/// areas, and area_rate_<area> for each area when there are at most 8.
void report_audit(benchmark::State& state, const Instance& instance, const Plan& plan);
/// A counter name: the prefix and the code, every character other than [A-Za-z0-9_] as '_'.
std::string counter_name(std::string_view prefix, std::string_view code);

/// Seconds since an arbitrary epoch (steady clock).
double now_seconds();
/// CPU seconds of the calling thread (robust to other processes sharing the cores).
double thread_cpu_seconds();

/// The solver options of every benchmark: the library's defaults, except that the
/// environment variable PLACEMATCH_BENCH_TIME_LIMIT (seconds), when set, replaces the time
/// limit for closing the mentor-pool gap (a harness setting, never a library one).
SolveOptions bench_solve_options();

}  // namespace placematch::bench
