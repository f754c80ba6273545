// The consultant's workbench: the session's decisions (agree, rule out, undo, save), the
// access rules of every request (token, Host, Origin, methods), and the HTTP transport on
// a real loopback socket. Oracles: the plan of an instance whose decisions.csv holds the
// same decisions, planned by the one-shot pipeline; the contract's rules (check_plan);
// the validate messages of the same decisions written to a file.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>

#include "placematch/model/messages.hpp"
#include "placematch/io/files.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/rules/decisions.hpp"
#include "placematch/rules/rules.hpp"
#include "placematch/serve/server.hpp"
#include "placematch/serve/session.hpp"
#include "placematch/serve/workbench.hpp"
#include "test_files.hpp"

namespace fs = std::filesystem;
using namespace placematch;
using namespace placematch::serve;
using pmtest::slurp;
using pmtest::TempDir;
using pmtest::copy_sample;

namespace {

void put(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
}

// citizen id -> opening id of a plan.
std::map<std::string, std::string> placements_of(const Instance& in, const Plan& plan) {
  std::map<std::string, std::string> out;
  for (const Placement& p : plan.placements)
    out[in.citizens[static_cast<std::size_t>(p.citizen)].id] = in.openings[static_cast<std::size_t>(p.opening)].id;
  return out;
}

// The plan of the folder as it is on disk, by the one-shot pipeline (the oracle).
Plan plan_from_disk(const fs::path& dir) {
  LoadResult r = load_instance(dir);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(check_decisions(*r.instance).empty());
  return match(*r.instance).plan;
}

// The first unplaced citizen's first feasible pair that the session agrees without refusal.
std::pair<std::string, std::string> agree_first_possible(Session& s) {
  const Instance& in = s.instance();
  const MatchResult& cur = s.current();
  for (const Unplaced& u : cur.plan.unplaced)
    for (std::int64_t a = cur.graph.begin(u.citizen); a < cur.graph.end(u.citizen); ++a) {
      const std::string c = in.citizens[static_cast<std::size_t>(u.citizen)].id;
      const std::string o = in.openings[static_cast<std::size_t>(cur.graph.opening[static_cast<std::size_t>(a)])].id;
      if (s.agree(c, o).ok()) return {c, o};
    }
  ADD_FAILURE() << "no pair could be agreed";
  return {};
}

}  // namespace

TEST(ServeSession, AgreeReplansUndoRestoresAndChangesAreThePlanDifference) {
  TempDir dir("serve", "agree");
  copy_sample(dir.path());
  OpenResult opened = Session::open(dir.path());
  ASSERT_TRUE(opened.session) << (opened.errors.empty() ? "" : opened.errors.front().str());
  Session& s = *opened.session;
  const Instance& in = s.instance();
  const auto before = placements_of(in, s.current().plan);
  const std::size_t decisions_before = in.decisions.size();

  const auto [c, o] = agree_first_possible(s);
  ASSERT_FALSE(c.empty());
  const auto after = placements_of(in, s.current().plan);
  EXPECT_EQ(after.at(c), o);
  EXPECT_TRUE(s.unsaved());
  EXPECT_TRUE(check_plan(in, s.current().graph, s.current().plan).empty());

  // The oracle: the same decisions in decisions.csv, planned from scratch, place as many
  // (the re-plan keeps earlier placements before score, so its score is at most that plan's).
  TempDir other("serve", "agree_oracle");
  copy_sample(other.path());
  put(other.path() / "decisions.csv", s.decisions_csv());
  const Plan oracle = plan_from_disk(other.path());
  EXPECT_EQ(oracle.placed, s.current().plan.placed);
  EXPECT_LE(s.current().plan.score, oracle.score);

  // The changes are exactly the citizens whose opening differs.
  std::set<std::string> expected;
  for (const Citizen& ci : in.citizens) {
    auto b = before.find(ci.id), a = after.find(ci.id);
    const std::string ob = b == before.end() ? "" : b->second, oa = a == after.end() ? "" : a->second;
    if (ob != oa) expected.insert(ci.id);
  }
  std::set<std::string> reported;
  for (const serve::PlanChange& ch : s.last_changes()) {
    reported.insert(in.citizens[static_cast<std::size_t>(ch.citizen)].id);
    const bool was = before.count(in.citizens[static_cast<std::size_t>(ch.citizen)].id) > 0;
    const bool is = after.count(in.citizens[static_cast<std::size_t>(ch.citizen)].id) > 0;
    EXPECT_EQ(ch.kind, !was ? ChangeKind::Placed : !is ? ChangeKind::Unplaced : ChangeKind::Moved);
  }
  EXPECT_EQ(reported, expected);
  EXPECT_TRUE(reported.count(c));

  // Undo takes the pin back and re-plans against the current plan: as many placed as the
  // decisions on disk give, the changes being the plan difference, every rule kept.
  const auto with_pin = placements_of(in, s.current().plan);
  ActionResult undone = s.undo();
  ASSERT_TRUE(undone.ok());
  EXPECT_EQ(in.decisions.size(), decisions_before);
  EXPECT_FALSE(s.pinned(in.citizen_index.at(c), in.opening_index.at(o)));
  EXPECT_EQ(s.current().plan.placed, plan_from_disk(dir.path()).placed);
  EXPECT_TRUE(check_plan(in, s.current().graph, s.current().plan).empty());
  const auto after_undo = placements_of(in, s.current().plan);
  std::set<std::string> undo_expected, undo_reported;
  for (const Citizen& ci : in.citizens) {
    auto b = with_pin.find(ci.id), a = after_undo.find(ci.id);
    if ((b == with_pin.end() ? "" : b->second) != (a == after_undo.end() ? "" : a->second)) undo_expected.insert(ci.id);
  }
  for (const serve::PlanChange& ch : undone.changes) undo_reported.insert(in.citizens[static_cast<std::size_t>(ch.citizen)].id);
  EXPECT_EQ(undo_reported, undo_expected);
  EXPECT_FALSE(s.unsaved());
  EXPECT_FALSE(s.undo().ok());  // nothing left to undo
}

TEST(ServeSession, RuleOutRemovesThePairAndAgreeOfABrokenPairIsRefusedAsValidateSaysIt) {
  TempDir dir("serve", "ruleout");
  copy_sample(dir.path());
  OpenResult opened = Session::open(dir.path());
  ASSERT_TRUE(opened.session);
  Session& s = *opened.session;
  const Instance& in = s.instance();
  const Placement p = s.current().plan.placements.front();
  const std::string c = in.citizens[static_cast<std::size_t>(p.citizen)].id;
  const std::string o = in.openings[static_cast<std::size_t>(p.opening)].id;
  ASSERT_TRUE(s.rule_out(c, o).ok());
  EXPECT_NE(placements_of(in, s.current().plan)[c], o);
  EXPECT_LT(s.current().graph.find(p.citizen, p.opening), 0);

  // A pair that breaks a hard rule: the first opening out of the citizen's reach.
  Index far_c = kNone, far_o = kNone;
  for (std::size_t ci = 0; ci < in.citizens.size() && far_c == kNone; ++ci)
    for (std::size_t oi = 0; oi < in.openings.size(); ++oi)
      if (!within_distance(in, static_cast<Index>(ci), static_cast<Index>(oi))) {
        far_c = static_cast<Index>(ci);
        far_o = static_cast<Index>(oi);
        break;
      }
  ASSERT_NE(far_c, kNone);
  const std::string fc = in.citizens[static_cast<std::size_t>(far_c)].id;
  const std::string fo = in.openings[static_cast<std::size_t>(far_o)].id;
  const auto plan_before = placements_of(in, s.current().plan);
  ActionResult refused = s.agree(fc, fo);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(placements_of(in, s.current().plan), plan_before);

  // validate's messages for the same decisions written to the file.
  TempDir other("serve", "ruleout_oracle");
  copy_sample(other.path());
  put(other.path() / "decisions.csv", s.decisions_csv() + fc + "," + fo + ",pin,\n");
  LoadResult loaded = load_instance(other.path());
  ASSERT_TRUE(loaded.ok());
  const Diagnostics expected = check_decisions(*loaded.instance);
  ASSERT_EQ(refused.errors.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(refused.errors[i].str(), expected[i].str());

  EXPECT_FALSE(s.agree("no-such-citizen", fo).ok());
}

TEST(ServeSession, SaveWritesDecisionsAtomicallyKeepsThePreviousFileAndRefusesABrokenFolder) {
  TempDir dir("serve", "save");
  copy_sample(dir.path());
  const std::string original = slurp(dir.path() / "decisions.csv");
  OpenResult opened = Session::open(dir.path());
  ASSERT_TRUE(opened.session);
  Session& s = *opened.session;
  const auto [c, o] = agree_first_possible(s);
  ASSERT_FALSE(c.empty());
  EXPECT_EQ(slurp(dir.path() / "decisions.csv"), original);  // nothing written before save

  SaveResult saved = s.save();
  ASSERT_TRUE(saved.ok()) << saved.errors.front().str();
  EXPECT_EQ(slurp(dir.path() / "decisions.csv.previous"), original);
  const std::string written = slurp(dir.path() / "decisions.csv");
  EXPECT_NE(written.find(c + "," + o + ",pin"), std::string::npos);
  EXPECT_FALSE(s.unsaved());
  // The folder now plans to the session's plan value (independent pipeline).
  const Plan oracle = plan_from_disk(dir.path());
  EXPECT_EQ(oracle.placed, s.current().plan.placed);
  EXPECT_LE(s.current().plan.score, oracle.score);
  EXPECT_TRUE(s.changes_since_saved().empty());

  // Someone removes the pinned opening's seats on disk: the save is refused with validate's
  // located message and writes nothing.
  ASSERT_TRUE(s.rule_out(s.instance().citizens.front().id, s.instance().openings.front().id).ok());
  {
    LoadResult r = load_instance(dir.path());
    ASSERT_TRUE(r.ok());
    std::string openings = slurp(dir.path() / "openings.csv");
    // Drop the pinned opening's row: the pin then names an unknown opening.
    std::string out;
    std::size_t pos = 0;
    while (pos < openings.size()) {
      std::size_t end = openings.find('\n', pos);
      if (end == std::string::npos) end = openings.size();
      const std::string line = openings.substr(pos, end - pos);
      if (line.rfind(o + ",", 0) != 0) out += line + "\n";
      pos = end + 1;
    }
    put(dir.path() / "openings.csv", out);
  }
  const std::string before_refusal = slurp(dir.path() / "decisions.csv");
  SaveResult refused = s.save();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.errors.front().where.rfind("decisions.csv:", 0), 0u) << refused.errors.front().str();
  EXPECT_EQ(slurp(dir.path() / "decisions.csv"), before_refusal);
  EXPECT_EQ(slurp(dir.path() / "decisions.csv.previous"), original);
}

// The workbench's texts come from the one catalogue (messages_test checks both languages).
TEST(ServeTexts, ComeFromTheCatalogue) {
  EXPECT_EQ(placematch::text(placematch::MessageId::WbActivation, Lang::Da), "Aktiveringsgrad");
  EXPECT_EQ(placematch::text(placematch::kind_message(placematch::OpeningKind::Internship), Lang::Da),
            "virksomhedspraktik");
  EXPECT_EQ(placematch::text(placematch::MessageId::WbNavEmpty, Lang::En), "Empty seats");
}

// ---------------------------------------------------------------- access rules

namespace {

class ServeAccess : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::make_unique<TempDir>("serve", ::testing::UnitTest::GetInstance()->current_test_info()->name());
    copy_sample(dir_->path());
    OpenResult opened = Session::open(dir_->path());
    ASSERT_TRUE(opened.session);
    session_ = std::move(opened.session);
    WorkbenchOptions o;
    o.port = 40123;
    wb_ = std::make_unique<Workbench>(*session_, o);
  }
  WorkbenchRequest get(const std::string& path, bool with_token = true) const {
    WorkbenchRequest r;
    r.method = "GET";
    r.path = path;
    r.headers["host"] = "127.0.0.1:40123";
    if (with_token) r.params.emplace("token", wb_->token());
    return r;
  }
  static std::string header(const WorkbenchResponse& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return "";
  }
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<Session> session_;
  std::unique_ptr<Workbench> wb_;
};

}  // namespace

TEST_F(ServeAccess, TokensAreLongRandomAndDiffer) {
  const std::string a = make_token(), b = make_token();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(wb_->url().find("http://127.0.0.1:40123/?token=" + wb_->token()), std::string::npos);
}

TEST_F(ServeAccess, EveryPathWithoutTheRightTokenIsRefused) {
  for (const std::string path : {"/", "/opening/o01", "/resident/c001", "/download/plan.json", "/assets/app.js",
                                 "/api/status", "/nope"}) {
    EXPECT_EQ(wb_->handle(get(path, false)).status, 403) << path;
    WorkbenchRequest wrong = get(path, false);
    std::string t = wb_->token();
    t.back() = t.back() == '0' ? '1' : '0';
    wrong.params.emplace("token", t);
    EXPECT_EQ(wb_->handle(wrong).status, 403) << path;
    WorkbenchRequest prefix = get(path, false);
    prefix.params.emplace("token", wb_->token().substr(0, 63));
    EXPECT_EQ(wb_->handle(prefix).status, 403) << path;
  }
  EXPECT_EQ(wb_->handle(get("/")).status, 200);
  WorkbenchRequest by_header = get("/", false);
  by_header.headers["x-placematch-token"] = wb_->token();
  EXPECT_EQ(wb_->handle(by_header).status, 200);
}

TEST_F(ServeAccess, ForeignHostAndForeignOriginAreRefused) {
  for (const std::string host : {"evil.example:40123", "127.0.0.1:40124", "127.0.0.1", "", "localhost.evil:40123",
                                 "0.0.0.0:40123", "[::1]:40123"}) {
    WorkbenchRequest r = get("/");
    r.headers["host"] = host;
    EXPECT_EQ(wb_->handle(r).status, 403) << host;
  }
  WorkbenchRequest local = get("/");
  local.headers["host"] = "localhost:40123";
  EXPECT_EQ(wb_->handle(local).status, 200);

  const std::size_t decisions = session_->instance().decisions.size();
  const Placement p = session_->current().plan.placements.front();
  WorkbenchRequest post = get("/rule-out");
  post.method = "POST";
  post.params.emplace("citizen", session_->instance().citizens[static_cast<std::size_t>(p.citizen)].id);
  post.params.emplace("opening", session_->instance().openings[static_cast<std::size_t>(p.opening)].id);
  for (const std::string origin : {"http://evil.example", "null", "http://127.0.0.1:40124", "https://127.0.0.1:40123"}) {
    WorkbenchRequest r = post;
    r.headers["origin"] = origin;
    EXPECT_EQ(wb_->handle(r).status, 403) << origin;
  }
  EXPECT_EQ(session_->instance().decisions.size(), decisions);
  WorkbenchRequest same = post;
  same.headers["origin"] = "http://127.0.0.1:40123";
  EXPECT_EQ(wb_->handle(same).status, 303);
  EXPECT_EQ(session_->instance().decisions.size(), decisions + 1);
}

TEST_F(ServeAccess, DecisionsOnlyByPostAndPagesOnlyByGet) {
  const std::size_t decisions = session_->instance().decisions.size();
  for (const std::string path : {"/agree", "/rule-out", "/undo", "/save"}) {
    WorkbenchRequest r = get(path);
    EXPECT_EQ(wb_->handle(r).status, 405) << path;
  }
  EXPECT_EQ(session_->instance().decisions.size(), decisions);
  for (const std::string method : {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
    WorkbenchRequest r = get("/");
    r.method = method;
    EXPECT_EQ(wb_->handle(r).status, 405) << method;
  }
}

TEST_F(ServeAccess, AnswersCarryNoCorsAndForbidFramingCachingAndReferrers) {
  for (const std::string path : {"/", "/assets/app.js", "/download/plan.json", "/changes", "/empty", "/downloads",
                                 "/opening/o01", "/resident/c001"}) {
    const WorkbenchResponse r = wb_->handle(get(path));
    EXPECT_EQ(r.status, 200) << path;
    for (const auto& [k, v] : r.headers) EXPECT_EQ(k.rfind("Access-Control-", 0), std::string::npos) << k;
    EXPECT_NE(header(r, "Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(header(r, "Referrer-Policy"), "same-origin");  // "no-referrer" would make form posts send Origin: null
    EXPECT_EQ(header(r, "Cache-Control"), "no-store");
  }
  // Every asset a page uses is served here: no http(s) URL anywhere in a page but its own.
  const std::string page = wb_->handle(get("/")).body;
  EXPECT_EQ(page.find("http://"), std::string::npos);
  EXPECT_EQ(page.find("https://"), std::string::npos);
}

TEST_F(ServeAccess, TheLogNamesMethodPathAndStatusButNeverTheToken) {
  WorkbenchRequest r = get("/resident/c001");
  r.params.emplace("area", "x");
  const WorkbenchResponse res = wb_->handle(r);
  const std::string line = Workbench::log_line(r, res, 1.5);
  EXPECT_EQ(line, "GET /resident/c001 200 1.5 ms");
  EXPECT_EQ(line.find(wb_->token()), std::string::npos);
}

TEST_F(ServeAccess, PagesShowThePlanFiltersAndDecisions) {
  const Instance& in = session_->instance();
  const Plan& plan = session_->current().plan;
  // The plan page lists every placement; a company filter keeps exactly that company's.
  const std::string all = wb_->handle(get("/")).body;
  for (const Placement& p : plan.placements)
    EXPECT_NE(all.find("data-citizen=\"" + in.citizens[static_cast<std::size_t>(p.citizen)].id + "\" data-opening"),
              std::string::npos);
  const Placement first = plan.placements.front();
  const Index company = in.openings[static_cast<std::size_t>(first.opening)].company;
  WorkbenchRequest filtered = get("/");
  filtered.params.emplace("company", in.companies[static_cast<std::size_t>(company)].id);
  const std::string some = wb_->handle(filtered).body;
  for (const Placement& p : plan.placements) {
    const bool there = in.openings[static_cast<std::size_t>(p.opening)].company == company;
    const std::string row = "data-citizen=\"" + in.citizens[static_cast<std::size_t>(p.citizen)].id +
                            "\" data-opening=\"" + in.openings[static_cast<std::size_t>(p.opening)].id + "\"";
    EXPECT_EQ(some.find(row) != std::string::npos, there) << row;
  }
  // Pinned placements are marked.
  for (const Decision& d : in.decisions)
    if (d.kind == DecisionKind::Pin) {
      const std::string row = "<tr class=\"pinned\" data-citizen=\"" + in.citizens[static_cast<std::size_t>(d.citizen)].id + "\"";
      EXPECT_NE(all.find(row), std::string::npos) << row;
    }
  // The opening page lists every feasible resident of the opening.
  const std::string& oid = in.openings[static_cast<std::size_t>(first.opening)].id;
  const std::string op = wb_->handle(get("/opening/" + oid)).body;
  const CandidateGraph& g = session_->current().graph;
  for (std::size_t c = 0; c < in.citizens.size(); ++c) {
    const bool feasible = g.find(static_cast<Index>(c), first.opening) >= 0;
    const std::string row = "data-citizen=\"" + in.citizens[c].id + "\" data-in-plan";
    EXPECT_EQ(op.find(row) != std::string::npos, feasible) << row;
  }
  // Danish pages speak Danish.
  WorkbenchOptions da;
  da.lang = Lang::Da;
  da.port = 40123;
  Workbench wb_da(*session_, da);
  WorkbenchRequest r = get("/", false);
  r.params.emplace("token", wb_da.token());
  const std::string dansk = wb_da.handle(r).body;
  EXPECT_NE(dansk.find("Aktiveringsgrad"), std::string::npos);
  EXPECT_NE(dansk.find("lang=\"da\""), std::string::npos);
}

// ---------------------------------------------------------------- the HTTP transport

TEST_F(ServeAccess, OverALoopbackSocketTheSameRulesHold) {
  Server server(*wb_);
  const int port = server.bind(0);
  ASSERT_GT(port, 0);
  std::thread t([&] { server.run(); });
  httplib::Client cli("127.0.0.1", port);
  cli.set_connection_timeout(5);
  // wait until listening
  for (int i = 0; i < 100 && !cli.Get("/"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const std::string tok = "?token=" + wb_->token();
  auto no_token = cli.Get("/");
  ASSERT_TRUE(no_token);
  EXPECT_EQ(no_token->status, 403);
  auto ok = cli.Get(("/" + tok).c_str());
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_FALSE(ok->has_header("Access-Control-Allow-Origin"));
  auto rebinding = cli.Get(("/" + tok).c_str(), {{"Host", "evil.example:" + std::to_string(port)}});
  ASSERT_TRUE(rebinding);
  EXPECT_EQ(rebinding->status, 403);
  // A cross-origin form post with the right token (as a page elsewhere could not even know it).
  const Placement p = session_->current().plan.placements.front();
  const std::string form = "token=" + wb_->token() + "&citizen=" +
                           session_->instance().citizens[static_cast<std::size_t>(p.citizen)].id + "&opening=" +
                           session_->instance().openings[static_cast<std::size_t>(p.opening)].id;
  const std::size_t decisions = session_->instance().decisions.size();
  auto cross = cli.Post("/rule-out", {{"Origin", "http://evil.example"}}, form, "application/x-www-form-urlencoded");
  ASSERT_TRUE(cross);
  EXPECT_EQ(cross->status, 403);
  EXPECT_EQ(session_->instance().decisions.size(), decisions);
  // The same post from the workbench's own origin is a decision (form fields carry the token).
  auto same = cli.Post("/rule-out", {{"Origin", "http://127.0.0.1:" + std::to_string(port)}}, form,
                       "application/x-www-form-urlencoded");
  ASSERT_TRUE(same);
  EXPECT_EQ(same->status, 303);
  EXPECT_EQ(session_->instance().decisions.size(), decisions + 1);
  server.stop();
  t.join();
}
