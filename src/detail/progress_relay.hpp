#pragma once
// src/detail/progress_relay.hpp — passing a run's progress up through the pipeline
// (internal; see model/progress.hpp).
//
// A pipeline (match(), the Planner, the what-if) reports its own phases with announce()
// and hands its solves a relayed callback: the solve's report with the elapsed time
// counted from the pipeline's start and the pipeline's context (the what-if question and
// its step) filled in by `adjust`. Both do nothing when the caller gave no callback, so an
// empty callback stays free.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>

#include "placematch/model/progress.hpp"

namespace placematch::detail {

using ProgressClock = std::chrono::steady_clock;

inline double seconds_since(ProgressClock::time_point start) {
  return std::chrono::duration<double>(ProgressClock::now() - start).count();
}

/// Reports `phase` (with `adjust` applied) when there is a callback.
inline void announce(const ProgressCallback& callback, Phase phase, ProgressClock::time_point start,
                     const std::function<void(Progress&)>& adjust = {}) {
  if (!callback) return;
  Progress p;
  p.phase = phase;
  p.elapsed_s = seconds_since(start);
  if (adjust) adjust(p);
  callback(p);
}

/// The callback for a solve inside the pipeline: elapsed from `start`, then `adjust`.
/// Empty when `callback` is.
inline ProgressCallback relay(ProgressCallback callback, ProgressClock::time_point start,
                              std::function<void(Progress&)> adjust = {}) {
  if (!callback) return {};
  return [callback = std::move(callback), start, adjust = std::move(adjust)](const Progress& from) {
    Progress p = from;
    p.elapsed_s = seconds_since(start);
    if (adjust) adjust(p);
    callback(p);
  };
}

/// The callback for a solve on folded weights (tiers folded into the score: the
/// Planner's re-planning weights, the floors' shortfall): its incumbent, bound and gap
/// mean nothing to a person, so only the phase, the nodes and the time are passed on.
/// Empty when `callback` is.
inline ProgressCallback without_figures(ProgressCallback callback) {
  if (!callback) return {};
  return [callback = std::move(callback)](const Progress& from) {
    Progress p = from;
    p.placed = p.placed_bound = std::nullopt;
    p.incumbent = p.bound = p.gap = std::nullopt;
    callback(p);
  };
}

}  // namespace placematch::detail
