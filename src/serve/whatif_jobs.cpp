// The workbench's what-if answers, computed on a background thread and kept per key.
#include "placematch/serve/whatif_jobs.hpp"

#include <exception>
#include <utility>

namespace placematch::serve {

WhatIfJobs::WhatIfJobs(std::size_t keep) : keep_(keep == 0 ? 1 : keep) {}

WhatIfJobs::~WhatIfJobs() {
  stop_->store(true);
  if (worker_.joinable()) worker_.join();
}

WhatIfJobs::Status WhatIfJobs::find_locked(const std::string& key) const {
  Status s;
  for (const Entry& e : done_)
    if (e.key == key) {
      s.state = e.answer ? State::Done : State::Failed;
      s.answer = e.answer;
      s.errors = e.errors;
      return s;
    }
  if (!running_.empty()) {
    s.state = running_ == key ? State::Running : State::Busy;
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    s.progress = progress_;
  }
  return s;
}

WhatIfJobs::Status WhatIfJobs::find(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return find_locked(key);
}

WhatIfJobs::Status WhatIfJobs::ask(const std::string& key, const Instance& instance, WhatIfRequest request) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status s = find_locked(key);
  if (s.state != State::None) return s;
  // Nothing runs: the last worker (if any) has finished its work; collect it.
  if (worker_.joinable()) worker_.join();
  auto copy = std::make_shared<const Instance>(instance);
  std::shared_ptr<std::atomic<bool>> stop = stop_;
  request.options.stop = [stop]() { return stop->load(std::memory_order_relaxed); };
  // Its progress is kept for the page (and passed on to the caller's own callback).
  request.options.progress = [this, own = std::move(request.options.progress)](const Progress& p) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      progress_ = p;
    }
    if (own) own(p);
  };
  progress_.reset();
  running_ = key;
  started_ = std::chrono::steady_clock::now();
  worker_ = std::thread([this, key, copy, request = std::move(request)]() {
    Entry e;
    e.key = key;
    const auto t0 = std::chrono::steady_clock::now();
    try {
      auto answer = std::make_shared<WhatIfAnswer>();
      answer->instance = copy;
      answer->result = whatif(*copy, request);
      answer->courses = request.courses;
      answer->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      e.answer = std::move(answer);
    } catch (const InputError& err) {
      e.errors = err.errors();
    } catch (const std::exception& err) {
      e.errors.push_back({"whatif", "row", err.what()});
    }
    std::lock_guard<std::mutex> done(mutex_);
    running_.clear();
    // A stopped answer is incomplete: it is not kept (asking again computes it whole).
    if (e.answer && e.answer->result.stopped) return;
    done_.push_back(std::move(e));
    while (done_.size() > keep_) done_.pop_front();
  });
  s.state = State::Running;
  return s;
}

void WhatIfJobs::wait() {
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (running_.empty()) return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace placematch::serve
