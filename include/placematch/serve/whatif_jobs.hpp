#pragma once
// placematch/serve/whatif_jobs.hpp — the workbench's what-if answers (contract section 10):
// the library's whatif() (placematch/planner/whatif.hpp) run on a background thread, at most
// one at a time, each answer kept by a key (the plan state and the question) so that asking
// again costs nothing. The workbench's pages stay answerable while an answer is computed:
// the job works on its own copy of the instance, never on the session.
//
// Algorithm: none of its own — one whatif() call per key, its figures exactly as the library
// reports them. Destroying the jobs stops a running computation through WhatIfOptions::stop
// (between two warm re-solves) and waits for it.
// Cost: ask() and find() O(kept answers + key length); the copy of the instance O(its size).
// Usage:
//   placematch::serve::WhatIfJobs jobs;
//   auto st = jobs.ask(key, instance, request);   // starts it when unknown and none runs
//   if (st.state == WhatIfJobs::State::Done) render(st.answer->result);
#include <atomic>
#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "placematch/model/diagnostics.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/model/progress.hpp"
#include "placematch/planner/whatif.hpp"

namespace placematch::serve {

/// One computed answer.
struct WhatIfAnswer {
  std::shared_ptr<const Instance> instance;  // the instance whatif() was given (its copy)
  WhatIfResult result;
  std::vector<Course> courses;  // the request's courses (the result's steps index them)
  double seconds = 0;           // wall time of the computation
};

class WhatIfJobs {
 public:
  /// `keep`: how many answers are kept (the oldest is dropped first).
  explicit WhatIfJobs(std::size_t keep = 8);
  ~WhatIfJobs();
  WhatIfJobs(const WhatIfJobs&) = delete;
  WhatIfJobs& operator=(const WhatIfJobs&) = delete;

  enum class State : std::uint8_t {
    None,     // not asked yet (find), or not started (ask never returns it)
    Running,  // being computed now
    Busy,     // another key is being computed; ask again when it is done
    Done,     // `answer` holds it
    Failed,   // `errors` say why (the instance's pins cannot hold, the solver failed)
  };
  struct Status {
    State state = State::None;
    std::shared_ptr<const WhatIfAnswer> answer;  // Done
    Diagnostics errors;                          // Failed
    double seconds = 0;                          // Running or Busy: how long it has run
    std::optional<Progress> progress;            // Running or Busy: its last progress report
  };

  /// The answer for `key` if known, or whether it (or another) is being computed.
  Status find(const std::string& key) const;
  /// As find(); when the key is unknown and nothing runs, starts whatif() on a copy of
  /// `instance` with `request` (its options' stop is replaced) and returns Running.
  Status ask(const std::string& key, const Instance& instance, WhatIfRequest request);
  /// Waits until no computation runs (for tests and benchmarks).
  void wait();

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const WhatIfAnswer> answer;
    Diagnostics errors;
  };
  Status find_locked(const std::string& key) const;

  std::size_t keep_;
  mutable std::mutex mutex_;
  std::deque<Entry> done_;  // newest last
  std::string running_;     // the key being computed (empty: none)
  std::chrono::steady_clock::time_point started_;
  std::optional<Progress> progress_;  // the running computation's last report
  std::shared_ptr<std::atomic<bool>> stop_ = std::make_shared<std::atomic<bool>>(false);
  std::thread worker_;
};

}  // namespace placematch::serve
