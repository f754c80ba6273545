// The progress line on standard error (see progress_line.hpp).
#include "progress_line.hpp"

#include <chrono>
#include <string>
#include <utility>

namespace placematch::cli {

ProgressLine::ProgressLine(std::ostream& out, bool terminal, std::function<double()> now, std::size_t width)
    : out_(out), terminal_(terminal), now_(std::move(now)), width_(width) {
  if (!now_) {
    const auto t0 = std::chrono::steady_clock::now();
    now_ = [t0] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  }
  start_ = now_();
}

void ProgressLine::language(Language lang) {
  std::lock_guard<std::mutex> lock(mutex_);
  lang_ = lang;
}

void ProgressLine::show(const Progress& p) {
  if (!terminal_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  const double now = now_();
  if (now - start_ <= 1.0) return;
  if (shown_ && now - last_draw_ < 0.1) {
    pending_ = p;
    pending_->elapsed_s = now - start_;
    return;
  }
  Progress q = p;
  q.elapsed_s = now - start_;
  draw(q, now);
}

void ProgressLine::draw(const Progress& p, double now) {
  last_draw_ = now;
  shown_ = true;
  pending_.reset();
  std::string line = progress_text(p, lang_);
  if (width_ > 0) {  // cut at a character (not inside a UTF-8 sequence): never wraps
    std::size_t chars = 0, i = 0;
    for (; i < line.size(); ++i)
      if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80 && ++chars > width_ - 1) break;
    line.resize(i);
  }
  out_ << '\r' << line << "\x1b[K" << std::flush;
}

void ProgressLine::finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (shown_ && pending_) draw(*pending_, last_draw_);
  if (shown_) out_ << '\n' << std::flush;
  shown_ = false;
  pending_.reset();
}

void ProgressLine::restart() {
  std::lock_guard<std::mutex> lock(mutex_);
  start_ = now_();
}

ProgressCallback ProgressLine::callback() {
  return [this](const Progress& p) { show(p); };
}

}  // namespace placematch::cli
