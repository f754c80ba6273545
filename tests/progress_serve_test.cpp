// The workbench's progress (GET /api/progress, placematch/serve/progress_board.hpp): the
// same access rules as every route, and an answer while a decision holds the session.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include "placematch/serve/progress_board.hpp"
#include "placematch/serve/session.hpp"
#include "placematch/serve/workbench.hpp"
#include "test_files.hpp"

namespace fs = std::filesystem;
using namespace placematch;
using namespace placematch::serve;

namespace {

// Holds the first report after arm() until release(): a decision's re-plan, stopped
// inside the session while the test asks for progress.
struct Gate {
  std::mutex m;
  std::condition_variable cv;
  bool armed = false, reached = false, released = false;
  void pass() {
    std::unique_lock<std::mutex> lock(m);
    if (!armed || reached) return;
    reached = true;
    cv.notify_all();
    cv.wait_for(lock, std::chrono::seconds(60), [&] { return released; });
  }
  bool wait_reached() {
    std::unique_lock<std::mutex> lock(m);
    return cv.wait_for(lock, std::chrono::seconds(60), [&] { return reached; });
  }
  void release() {
    std::lock_guard<std::mutex> lock(m);
    released = true;
    cv.notify_all();
  }
};

class ServeProgress : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::make_unique<pmtest::TempDir>("serve_progress",
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    const fs::path sample = fs::path(PLACEMATCH_SOURCE_DIR) / "data" / "sonderborg";
    for (const auto& e : fs::directory_iterator(sample))
      if (e.path().extension() == ".csv") fs::copy_file(e.path(), dir_->path() / e.path().filename());
    board_ = std::make_unique<ProgressBoard>([this](const Progress&) { gate_.pass(); });
    MatchOptions opt;
    opt.solve.progress = board_->callback();
    OpenResult opened = Session::open(dir_->path(), opt);
    ASSERT_TRUE(opened.session);
    session_ = std::move(opened.session);
    WorkbenchOptions o;
    o.port = 40124;
    o.progress = board_.get();
    wb_ = std::make_unique<Workbench>(*session_, o);
  }
  WorkbenchRequest get(const std::string& path, bool with_token = true) const {
    WorkbenchRequest r;
    r.method = "GET";
    r.path = path;
    r.headers["host"] = "127.0.0.1:40124";
    if (with_token) r.params.emplace("token", wb_->token());
    return r;
  }
  Gate gate_;
  std::unique_ptr<pmtest::TempDir> dir_;
  std::unique_ptr<ProgressBoard> board_;
  std::unique_ptr<Session> session_;
  std::unique_ptr<Workbench> wb_;
};

TEST_F(ServeProgress, TheRouteKeepsEveryAccessRule) {
  EXPECT_EQ(wb_->handle(get("/api/progress", false)).status, 403);
  WorkbenchRequest wrong = get("/api/progress", false);
  wrong.params.emplace("token", std::string(64, '0'));
  EXPECT_EQ(wb_->handle(wrong).status, 403);
  WorkbenchRequest by_header = get("/api/progress", false);
  by_header.headers["x-placematch-token"] = wb_->token();
  EXPECT_EQ(wb_->handle(by_header).status, 200);
  WorkbenchRequest host = get("/api/progress");
  host.headers["host"] = "evil.example:40124";
  EXPECT_EQ(wb_->handle(host).status, 403);
  WorkbenchRequest origin = get("/api/progress");
  origin.headers["origin"] = "http://evil.example";
  EXPECT_EQ(wb_->handle(origin).status, 403);
  WorkbenchRequest post = get("/api/progress");
  post.method = "POST";
  EXPECT_EQ(wb_->handle(post).status, 405);

  const WorkbenchResponse idle = wb_->handle(get("/api/progress"));
  ASSERT_EQ(idle.status, 200);
  EXPECT_EQ(idle.content_type, "application/json");
  bool no_cors = true, no_store = false;
  for (const auto& [k, v] : idle.headers) {
    no_cors &= k.rfind("Access-Control", 0) != 0;
    no_store |= k == "Cache-Control" && v == "no-store";
  }
  EXPECT_TRUE(no_cors);
  EXPECT_TRUE(no_store);
  const auto j = nlohmann::json::parse(idle.body);
  EXPECT_FALSE(j["busy"].get<bool>());
  EXPECT_TRUE(j["phase"].is_null());
  EXPECT_EQ(j["text"], "");

  // Without a board the route does not exist (still behind the token).
  WorkbenchOptions o;
  o.port = 40124;
  Workbench bare(*session_, o);
  WorkbenchRequest r = get("/api/progress", false);
  r.params.emplace("token", bare.token());
  EXPECT_EQ(bare.handle(r).status, 404);
  EXPECT_EQ(bare.handle(get("/api/progress", false)).status, 403);
}

TEST_F(ServeProgress, AnsweredWhileADecisionReplans) {
  // Rule out a placed pair: always accepted, and it re-plans.
  const Instance& in = session_->instance();
  const Placement& p = session_->current().plan.placements.front();
  WorkbenchRequest post = get("/rule-out");
  post.method = "POST";
  post.params.emplace("citizen", in.citizens[static_cast<std::size_t>(p.citizen)].id);
  post.params.emplace("opening", in.openings[static_cast<std::size_t>(p.opening)].id);
  {
    std::lock_guard<std::mutex> lock(gate_.m);
    gate_.armed = true;
  }
  WorkbenchResponse posted;
  std::thread decision([&] { posted = wb_->handle(post); });
  const bool reached = gate_.wait_reached();
  WorkbenchResponse during;
  if (reached) during = wb_->handle(get("/api/progress"));  // the decision holds the session now
  gate_.release();
  decision.join();
  ASSERT_TRUE(reached) << "the re-plan must report progress";
  ASSERT_EQ(during.status, 200);
  const auto j = nlohmann::json::parse(during.body);
  EXPECT_TRUE(j["busy"].get<bool>()) << during.body;
  ASSERT_TRUE(j["phase"].is_string()) << during.body;
  EXPECT_TRUE(parse_phase(j["phase"].get<std::string>()).has_value()) << during.body;
  EXPECT_FALSE(j["text"].get<std::string>().empty()) << during.body;
  EXPECT_GE(j["elapsed"].get<double>(), 0);
  EXPECT_EQ(posted.status, 303);
  const auto after = nlohmann::json::parse(wb_->handle(get("/api/progress")).body);
  EXPECT_FALSE(after["busy"].get<bool>());
}

TEST(ServeProgressBoard, DanishTextAndFiguresInTheJson) {
  ProgressBoard board;
  const ProgressCallback cb = board.callback();
  board.begin();
  Progress p;
  p.phase = Phase::Search;
  p.placed = 97;
  p.placed_bound = 98;
  p.incumbent = 76.5;
  p.bound = 77.25;
  p.gap = 1.0 / 98;
  cb(p);
  const auto j = nlohmann::json::parse(board.json(Language::Da));
  EXPECT_TRUE(j["busy"].get<bool>());
  EXPECT_EQ(j["phase"], "search");
  EXPECT_EQ(j["placed"], 97);
  EXPECT_EQ(j["placed_bound"], 98);
  EXPECT_DOUBLE_EQ(j["bound"].get<double>(), 77.25);
  EXPECT_DOUBLE_EQ(j["gap"].get<double>(), 1.0 / 98);
  EXPECT_NE(j["text"].get<std::string>().find("søger i mentorpuljerne"), std::string::npos);
  EXPECT_NE(j["text"].get<std::string>().find("grænse 98"), std::string::npos);
  board.end();
  const auto idle = nlohmann::json::parse(board.json(Language::Da));
  EXPECT_FALSE(idle["busy"].get<bool>());
  EXPECT_TRUE(idle["bound"].is_null());
}

}  // namespace
