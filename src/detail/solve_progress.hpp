#pragma once
// src/detail/solve_progress.hpp — the engine's progress reports (internal; see
// model/progress.hpp and SolveOptions::progress).
//
// One SolveProgress per run with a callback. Each component's solver tells it which phase
// it entered, its incumbent and proven bound during the search, and its final solution;
// it sums the components (placements and score split per component, as the merge does)
// and calls the callback under its mutex: at a change of the run's phase (the furthest
// any component reached: flow, pool prices, search) and otherwise at most every
// `interval`. due() is the lock-free check a hot loop makes before it computes figures.
// Nothing here feeds back into the solve.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <vector>

#include "placematch/engine/solve.hpp"
#include "placematch/model/progress.hpp"

namespace placematch::detail {

class SolveProgress {
 public:
  using Clock = std::chrono::steady_clock;

  /// `callback` must be set; `big` is the run's BIG (0 for the score objective);
  /// `interval` the seconds between throttled reports.
  SolveProgress(const ProgressCallback& callback, std::size_t parts, std::int64_t big, Clock::time_point start,
                double interval);

  /// Whether a throttled report would be passed on now (one clock read, no lock).
  bool due() const { return Clock::now().time_since_epoch().count() >= next_.load(std::memory_order_relaxed); }
  /// Component `k` entered `phase` (Flow, PoolPrices or Search).
  void enter(std::size_t k, Phase phase);
  /// Component `k`'s search: its incumbent and proven bound on the weight scale (pins
  /// included), `max_score` its problem's, and its branch-and-bound nodes so far. Throttled
  /// unless `force` (the root's bound, once).
  void search(std::size_t k, std::int64_t incumbent, std::int64_t bound, std::int64_t max_score, std::int64_t nodes,
              bool force = false);
  /// Component `k`'s pool LP: simplex iterations so far (its own and earlier LPs'). Throttled.
  void pricing(std::size_t k, std::int64_t iterations);
  /// Component `k` is solved (`s`: its solution). Throttled, except for the last one.
  void done(std::size_t k, const Solution& s);
  /// The run ended: a problem without components reports once (empty plan, zero bound).
  void finish();

 private:
  struct Part {
    bool known = false;  // incumbent and bound known
    bool done = false;
    std::int64_t placed = 0, score = 0, placed_bound = 0, score_bound = 0, nodes = 0, lp_iterations = 0;
  };
  void emit(bool force);  // under mutex_

  const ProgressCallback& callback_;
  std::int64_t big_;
  Clock::time_point start_;
  Clock::duration interval_;
  std::mutex mutex_;
  std::vector<Part> parts_;
  std::size_t done_ = 0;
  Phase phase_ = Phase::Flow;     // the furthest any component reached
  bool emitted_ = false;          // the run's first report was made
  std::atomic<Clock::rep> next_;  // no throttled report before this time
};

}  // namespace placematch::detail
