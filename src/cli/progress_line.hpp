#pragma once
// The command-line tool's progress line on standard error (internal to the tool; unit-
// tested by tests/progress_line_test.cpp, which compiles this file alone).
#include <functional>
#include <mutex>
#include <optional>
#include <ostream>

#include "placematch/model/messages.hpp"
#include "placematch/model/progress.hpp"

namespace placematch::cli {

/// The progress line (README, "Progress"): a run's progress (model/progress.hpp) as one
/// line on a terminal, rewritten in place ("\r" and erase to the end of the line), shown
/// only on a terminal and only once the run has taken more than a second (so scripts and
/// tests that read standard error see nothing), redrawn at most every 0.1 s, cut to
/// `width` characters (0: no limit) so that it never wraps, and ended by finish() with
/// the last report and a newline when one was shown. The elapsed time is counted from the
/// line's construction (or restart()) by `now` (seconds; a fake clock in tests). Calls are
/// serialized by a mutex.
class ProgressLine {
 public:
  ProgressLine(std::ostream& out, bool terminal, std::function<double()> now = {}, std::size_t width = 0);
  void language(Language lang);
  /// Shows `p` when due (see above).
  void show(const Progress& p);
  /// Ends a shown line with a newline; the next show() starts a new one. Idempotent.
  void finish();
  /// Counts the next run's second from now (a server's next request).
  void restart();
  /// A callback that forwards to show(); *this must outlive every run that calls it.
  ProgressCallback callback();

 private:
  std::mutex mutex_;
  std::ostream& out_;
  bool terminal_;
  std::function<double()> now_;
  double start_ = 0;
  Language lang_ = Language::En;
  std::size_t width_;
  bool shown_ = false;
  double last_draw_ = -1;
  std::optional<Progress> pending_;  // a report not drawn yet (too soon after the last)
  void draw(const Progress& p, double now);
};

}  // namespace placematch::cli
