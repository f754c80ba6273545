// The command-line tool's progress line (src/cli/progress_line.hpp) as a unit: a fake
// clock and a fake terminal flag decide what it writes.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "cli/progress_line.hpp"
#include "placematch/model/messages.hpp"

using namespace placematch;
using placematch::cli::ProgressLine;

namespace {

Progress searching(double incumbent, double bound) {
  Progress p;
  p.phase = Phase::Search;
  p.placed = 97;
  p.placed_bound = 97;
  p.incumbent = incumbent;
  p.bound = bound;
  p.gap = (bound - incumbent) / bound;
  p.nodes = 40;
  return p;
}

TEST(ProgressLine, NothingBeforeOneSecondThenOneUpdatingLineEndedByANewline) {
  double now = 0;
  std::ostringstream out;
  ProgressLine line(out, true, [&] { return now; });
  Progress flow;
  flow.phase = Phase::Flow;
  line.show(flow);
  now = 0.9;
  line.show(searching(70, 80));
  EXPECT_EQ(out.str(), "") << "nothing within the first second";

  now = 1.5;
  line.show(searching(75, 80));
  const std::string first = out.str();
  EXPECT_EQ(first.rfind('\r', 0), 0u) << first;
  EXPECT_NE(first.find("searching the mentor pools"), std::string::npos) << first;
  EXPECT_NE(first.find("score 75 (bound 80)"), std::string::npos) << first;
  EXPECT_NE(first.find("gap 6.25 %"), std::string::npos) << first;
  EXPECT_NE(first.find("1.5 s"), std::string::npos) << "elapsed from the line's own clock: " << first;
  EXPECT_EQ(first.find('\n'), std::string::npos);

  now = 1.55;  // too soon to draw again: kept for the end
  line.show(searching(79, 80));
  EXPECT_EQ(out.str(), first);
  now = 1.7;
  line.show(searching(77, 80));
  EXPECT_NE(out.str().find("score 77 (bound 80)"), std::string::npos);
  now = 1.72;
  Progress plan;
  plan.phase = Phase::Plan;
  line.show(plan);
  line.finish();
  const std::string all = out.str();
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.back(), '\n');
  EXPECT_NE(all.rfind("naming mentors and reasons"), std::string::npos) << "the last report is drawn at the end";
  line.finish();
  EXPECT_EQ(out.str(), all) << "finish is idempotent";
}

TEST(ProgressLine, NothingWhenStandardErrorIsNoTerminal) {
  double now = 0;
  std::ostringstream out;
  ProgressLine line(out, false, [&] { return now; });
  for (now = 0; now < 5; now += 0.05) line.show(searching(75, 80));
  line.finish();
  EXPECT_EQ(out.str(), "");
}

TEST(ProgressLine, ARunUnderOneSecondWritesNothingAtAll) {
  double now = 0;
  std::ostringstream out;
  ProgressLine line(out, true, [&] { return now; });
  for (now = 0; now < 0.95; now += 0.1) line.show(searching(75, 80));
  line.finish();
  EXPECT_EQ(out.str(), "");
  // A server's next request counts its own second.
  now = 10;
  line.restart();
  line.show(searching(75, 80));
  now = 10.5;
  line.show(searching(75, 80));
  EXPECT_EQ(out.str(), "");
  now = 11.2;
  line.show(searching(75, 80));
  EXPECT_NE(out.str().find("1.2 s"), std::string::npos) << out.str();
}

TEST(ProgressLine, DanishAndCutToTheTerminalWidth) {
  double now = 2;
  std::ostringstream out;
  ProgressLine line(out, true, [&] { return now; }, 30);
  line.language(Language::Da);
  now = 4;
  line.show(searching(75.5, 80));
  const std::string s = out.str();
  ASSERT_EQ(s.rfind('\r', 0), 0u);
  const std::string text = s.substr(1, s.find("\x1b[K") - 1);
  std::size_t chars = 0;
  for (unsigned char ch : text) chars += (ch & 0xC0) != 0x80;
  EXPECT_EQ(chars, 29u) << text;
  EXPECT_EQ(text, progress_text(searching(75.5, 80), Language::Da).substr(0, text.size()));
  EXPECT_EQ(text.rfind("søger i mentorpuljerne", 0), 0u) << text;

  std::ostringstream wide;
  ProgressLine full(wide, true, [&] { return now; });
  full.language(Language::Da);
  now = 6;
  full.show(searching(75.6, 80));
  EXPECT_NE(wide.str().find("match-score 75,6 (grænse 80)"), std::string::npos) << wide.str();
  EXPECT_NE(wide.str().find("afstand til grænsen 5,5 %"), std::string::npos) << wide.str();
}

}  // namespace
