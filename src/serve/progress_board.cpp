// The workbench's view of a running re-plan (see placematch/serve/progress_board.hpp).
#include "placematch/serve/progress_board.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <utility>

namespace placematch::serve {

ProgressBoard::ProgressBoard(ProgressCallback forward, std::function<void()> on_begin, std::function<void()> on_end)
    : forward_(std::move(forward)), on_begin_(std::move(on_begin)), on_end_(std::move(on_end)) {}

ProgressCallback ProgressBoard::callback() {
  return [this](const Progress& p) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      last_ = p;
      if (busy_) last_->elapsed_s = std::chrono::duration<double>(Clock::now() - since_).count();
    }
    if (forward_) forward_(p);
  };
}

void ProgressBoard::begin() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    busy_ = true;
    since_ = Clock::now();
    last_.reset();
  }
  if (on_begin_) on_begin_();
}

void ProgressBoard::end() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    busy_ = false;
  }
  if (on_end_) on_end_();
}

bool ProgressBoard::busy() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return busy_;
}

std::optional<Progress> ProgressBoard::last() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return last_;
}

std::string ProgressBoard::json(Language lang) const {
  std::lock_guard<std::mutex> lock(mutex_);
  nlohmann::ordered_json j;
  j["busy"] = busy_;
  j["elapsed"] = busy_ ? std::chrono::duration<double>(Clock::now() - since_).count() : 0.0;
  const bool shown = busy_ && last_.has_value();
  auto opt = [&](const auto& v) { return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr); };
  j["phase"] = shown ? nlohmann::ordered_json(std::string(to_string(last_->phase))) : nlohmann::ordered_json(nullptr);
  j["task"] = shown && last_->task ? nlohmann::ordered_json(std::string(to_string(*last_->task)))
                                   : nlohmann::ordered_json(nullptr);
  j["step"] = shown ? last_->step : std::int64_t{0};
  j["steps"] = shown ? last_->steps : std::int64_t{0};
  const nlohmann::ordered_json null(nullptr);
  j["placed"] = shown ? opt(last_->placed) : null;
  j["placed_bound"] = shown ? opt(last_->placed_bound) : null;
  j["incumbent"] = shown ? opt(last_->incumbent) : null;
  j["bound"] = shown ? opt(last_->bound) : null;
  j["gap"] = shown ? opt(last_->gap) : null;
  std::string line;
  if (shown) {
    Progress q = *last_;
    q.elapsed_s = j["elapsed"].get<double>();
    line = progress_text(q, lang);
  }
  j["text"] = line;
  return j.dump();
}

}  // namespace placematch::serve
