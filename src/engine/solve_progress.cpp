// The engine's progress reports, summed over the components (see src/detail/solve_progress.hpp).
#include "detail/solve_progress.hpp"

#include <algorithm>

namespace placematch::detail {

SolveProgress::SolveProgress(const ProgressCallback& callback, std::size_t parts, std::int64_t big,
                             Clock::time_point start, double interval)
    : callback_(callback),
      big_(big),
      start_(start),
      interval_(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(interval > 0 ? std::min(interval, 1e6) : 0.0))),
      parts_(parts),
      next_(Clock::time_point::min().time_since_epoch().count()) {}

void SolveProgress::enter(std::size_t k, Phase phase) {
  (void)k;
  std::lock_guard<std::mutex> lock(mutex_);
  const bool further = static_cast<int>(phase) > static_cast<int>(phase_);
  if (further) phase_ = phase;
  emit(further || !emitted_);
}

void SolveProgress::search(std::size_t k, std::int64_t incumbent, std::int64_t bound, std::int64_t max_score,
                           std::int64_t nodes, bool force) {
  std::lock_guard<std::mutex> lock(mutex_);
  Part& p = parts_[k];
  p.known = true;
  p.nodes = nodes;
  if (big_ > 0) {  // the weight BIG * placed + score, split as the solution does
    p.placed = incumbent / big_;
    p.score = incumbent - p.placed * big_;
    p.placed_bound = bound / big_;
    p.score_bound = std::min(bound - p.placed_bound * big_, p.placed_bound * max_score);
  } else {
    p.score = incumbent;
    p.score_bound = bound;
  }
  emit(force);
}

void SolveProgress::pricing(std::size_t k, std::int64_t iterations) {
  std::lock_guard<std::mutex> lock(mutex_);
  parts_[k].lp_iterations = iterations;
  emit(false);
}

void SolveProgress::done(std::size_t k, const Solution& s) {
  std::lock_guard<std::mutex> lock(mutex_);
  Part& p = parts_[k];
  if (!p.done) ++done_;
  p.done = true;
  p.known = s.status == Status::Optimal || s.status == Status::Feasible;
  p.nodes = s.stats.bb_nodes;
  p.placed = s.placed;
  p.score = s.score;
  p.placed_bound = s.placed_bound.value_or(s.placed);
  p.score_bound = s.score_bound;
  emit(done_ == parts_.size());
}

void SolveProgress::finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (parts_.empty()) emit(true);
}

void SolveProgress::emit(bool force) {
  const Clock::time_point now = Clock::now();
  if (!force && now.time_since_epoch().count() < next_.load(std::memory_order_relaxed)) return;
  next_.store((now + interval_).time_since_epoch().count(), std::memory_order_relaxed);
  emitted_ = true;
  Progress r;
  r.phase = phase_;
  r.elapsed_s = std::chrono::duration<double>(now - start_).count();
  r.parts = static_cast<std::int64_t>(parts_.size());
  r.parts_done = static_cast<std::int64_t>(done_);
  bool known = true;
  std::int64_t placed = 0, score = 0, placed_bound = 0, score_bound = 0;
  for (const Part& p : parts_) {
    r.nodes += p.nodes;
    r.lp_iterations += p.lp_iterations;
    known &= p.known;
    placed += p.placed;
    score += p.score;
    placed_bound += p.placed_bound;
    score_bound += p.score_bound;
  }
  if (known)
    set_figures(r, placed, big_ > 0 ? std::optional<std::int64_t>(placed_bound) : std::nullopt, score, score_bound);
  callback_(r);
}

}  // namespace placematch::detail
