#pragma once
// placematch/serve/progress_board.hpp — the workbench's view of a running re-plan: the
// last progress report (placematch/model/progress.hpp) of the session's solves, whether a
// request is working, and since when; read by GET /api/progress while another request
// holds the session.
//
// The session's MatchOptions carry callback() (so every plan and re-plan reports here);
// the workbench brackets each request that uses the session with begin()/end(). All
// members are thread-safe (one mutex of its own, never held while solving). O(1) each;
// json() O(length of the line).
// Usage:
//   placematch::serve::ProgressBoard board;
//   placematch::MatchOptions opt;  opt.solve.progress = board.callback();
//   auto opened = placematch::serve::Session::open(path, opt);
//   placematch::serve::WorkbenchOptions w;  w.progress = &board;
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "placematch/model/messages.hpp"
#include "placematch/model/progress.hpp"

namespace placematch::serve {

class ProgressBoard {
 public:
  /// `forward` also receives every report (the terminal's progress line); `on_begin` and
  /// `on_end` are called by begin() and end() (to start and end that line).
  explicit ProgressBoard(ProgressCallback forward = {}, std::function<void()> on_begin = {},
                         std::function<void()> on_end = {});
  ProgressBoard(const ProgressBoard&) = delete;
  ProgressBoard& operator=(const ProgressBoard&) = delete;

  /// Records a report (and forwards it); *this must outlive every solve that calls it.
  ProgressCallback callback();
  /// A request starts working on the session: busy, elapsed from now, no report yet.
  void begin();
  /// It ended: idle (the last report is kept).
  void end();

  bool busy() const;
  /// The last report since begin() (nullopt: none yet), its elapsed time counted from begin().
  std::optional<Progress> last() const;
  /// {"busy": bool, "elapsed": seconds since begin() (0 when idle), "phase": code or null,
  /// "task", "step", "steps", "placed", "placed_bound", "incumbent", "bound", "gap" (null
  /// when unknown), "text": progress_text in `lang` ("" when idle or no report)}.
  std::string json(Language lang) const;

 private:
  using Clock = std::chrono::steady_clock;
  mutable std::mutex mutex_;
  ProgressCallback forward_;
  std::function<void()> on_begin_, on_end_;
  bool busy_ = false;
  Clock::time_point since_{};
  std::optional<Progress> last_;
};

}  // namespace placematch::serve
