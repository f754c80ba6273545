// The workbench's what-if page, report page and downloads (issue 18), and its Danish.
// Oracles: the command line's own output files for the same plan (match --csv [--excel],
// --xlsx, report --html; the workbook compared entry by entry, inflated); the library's
// whatif() called directly (itself tested against brute force in whatif_test.cpp); the
// message catalogue's English texts, which a Danish page must not hold.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <fstream>
#include <regex>
#include <string>
#include <thread>

#include "cli_support.hpp"
#include "placematch/io/whatif_files.hpp"
#include "placematch/model/messages.hpp"
#include "placematch/planner/whatif.hpp"
#include "placematch/report/whatif_report.hpp"
#include "placematch/serve/session.hpp"
#include "placematch/serve/workbench.hpp"
#include "test_files.hpp"
#include "zip_support.hpp"

namespace fs = std::filesystem;
using namespace placematch;
using namespace placematch::serve;
using pmtest::slurp;
using pmtest::TempDir;
using pmtest::copy_sample;

namespace {

class Workbench_ : public ::testing::Test {
 protected:
  void open(Lang lang, std::vector<Course> courses = {}, std::function<void(WorkbenchOptions&)> tweak = {},
            const std::string& floors_csv = "") {
    dir_ = std::make_unique<TempDir>("workbench", ::testing::UnitTest::GetInstance()->current_test_info()->name());
    copy_sample(dir_->path());
    if (!floors_csv.empty()) std::ofstream(dir_->path() / "floors.csv", std::ios::binary) << floors_csv;
    OpenResult opened = Session::open(dir_->path());
    ASSERT_TRUE(opened.session);
    session_ = std::move(opened.session);
    WorkbenchOptions o;
    o.port = 40124;
    o.lang = lang;
    o.courses = std::move(courses);
    if (tweak) tweak(o);
    wb_ = std::make_unique<Workbench>(*session_, o);
  }
  WorkbenchRequest get(const std::string& path, std::vector<std::pair<std::string, std::string>> params = {}) const {
    WorkbenchRequest r;
    r.method = "GET";
    r.path = path;
    r.headers["host"] = "127.0.0.1:40124";
    r.params.emplace("token", wb_->token());
    for (auto& [k, v] : params) r.params.emplace(k, v);
    return r;
  }
  WorkbenchRequest post(const std::string& path, std::vector<std::pair<std::string, std::string>> params = {}) const {
    WorkbenchRequest r = get(path, std::move(params));
    r.method = "POST";
    return r;
  }
  static std::string header(const WorkbenchResponse& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return "";
  }
  std::string dir() const { return dir_->path().string(); }
  // Runs the tool and returns the bytes of the file it wrote.
  std::string cli_file(const std::string& args, const std::string& name) const {
    const fs::path out = dir_->path() / "out";
    fs::create_directories(out);
    const pmtest::CliOutcome r = pmtest::run_cli(args + " " + (out / name).string());
    EXPECT_EQ(r.code, 0) << args << "\n" << r.out;
    return slurp(out / name);
  }
  // Asks the what-if page until its answer is there (the computation runs in the background).
  std::string whatif_answer(std::vector<std::pair<std::string, std::string>> params) {
    params.emplace_back("run", "1");
    for (;;) {  // a hang is ctest's timeout, not an assertion on time
      WorkbenchResponse r = wb_->handle(get("/whatif", params));
      EXPECT_EQ(r.status, 200);
      if (header(r, "Refresh").empty()) return r.body;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<Session> session_;
  std::unique_ptr<Workbench> wb_;
};

// The text between `<tag id="ID"` and the element's first closing `</`.
std::string element(const std::string& page, const std::string& id) {
  const std::size_t at = page.find("id=\"" + id + "\"");
  if (at == std::string::npos) return "";
  const std::size_t open = page.find('>', at), close = page.find("</", at);
  return page.substr(open + 1, close - open - 1);
}

// What a page shows a person: without style and script elements and without the tags
// (whose attributes hold codes and ids, which never change with the language).
std::string visible_text(const std::string& html) {
  std::string out;
  std::size_t i = 0;
  while (i < html.size()) {
    if (html[i] != '<') {
      out += html[i++];
      continue;
    }
    const std::size_t end = html.find('>', i);
    if (end == std::string::npos) break;
    const std::string tag = html.substr(i, end - i + 1);
    i = end + 1;
    out += ' ';
    for (const char* skipped : {"<style", "<script"})
      if (tag.rfind(skipped, 0) == 0) {
        const std::size_t close = html.find(std::string("</") + (skipped + 1), i);
        i = close == std::string::npos ? html.size() : close;
      }
  }
  return out;
}

// docProps/core.xml without the times libxlsxwriter stamps in it.
std::string without_times(std::string xml) {
  return std::regex_replace(xml, std::regex("<dcterms:(created|modified)[^>]*>[^<]*</dcterms:(created|modified)>"), "");
}

}  // namespace

TEST_F(Workbench_, DownloadsAreTheBytesTheCommandLineWritesForTheSamePlan) {
  open(Lang::Da);
  const std::string lang = " --lang da --quiet";
  struct Case {
    std::string path, file, cli, type;
  };
  const std::vector<Case> cases = {
      {"/download/plan.csv", "plan.csv", "match " + dir() + lang + " --csv", "text/csv"},
      {"/download/plan-excel.csv", "plan-excel.csv", "match " + dir() + lang + " --excel --csv", "text/csv"},
      {"/download/report.html", "report.html", "report " + dir() + " --lang da --html", "text/html"},
      {"/download/plan.xlsx", "plan.xlsx", "match " + dir() + lang + " --xlsx",
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
  };
  for (const Case& c : cases) {
    const WorkbenchResponse r = wb_->handle(get(c.path));
    ASSERT_EQ(r.status, 200) << c.path;
    EXPECT_EQ(header(r, "Content-Disposition"), "attachment; filename=\"" + c.file + "\"") << c.path;
    EXPECT_EQ(r.content_type.rfind(c.type, 0), 0u) << c.path << ": " << r.content_type;
    const std::string cli = cli_file(c.cli, c.file);
    ASSERT_FALSE(cli.empty()) << c.cli;
    if (c.file != "plan.xlsx") {
      EXPECT_EQ(r.body, cli) << c.path;
      continue;
    }
    // The workbook: the same entries with the same contents, but for the time of writing.
    const auto mine = pmtest::zip_contents(r.body), theirs = pmtest::zip_contents(cli);
    ASSERT_EQ(mine.size(), theirs.size());
    for (const auto& [name, bytes] : theirs) {
      ASSERT_TRUE(mine.count(name)) << name;
      if (name == "docProps/core.xml")
        EXPECT_EQ(without_times(mine.at(name)), without_times(bytes));
      else
        EXPECT_EQ(mine.at(name), bytes) << name;
    }
    EXPECT_GT(theirs.size(), 5u);
  }
  // The Excel dialect, as the contract spells it: byte-order mark, ';', CRLF, decimal comma.
  const std::string excel = wb_->handle(get("/download/plan-excel.csv")).body;
  ASSERT_GT(excel.size(), 3u);
  EXPECT_EQ(excel.substr(0, 3), "\xEF\xBB\xBF");
  const std::string head = excel.substr(3, excel.find("\r\n") - 3);
  EXPECT_EQ(head.find(','), std::string::npos) << head;
  EXPECT_NE(head.find(';'), std::string::npos) << head;
  EXPECT_EQ(excel.find('\n'), excel.find("\r\n") + 1);
  EXPECT_TRUE(std::regex_search(excel, std::regex(";[0-9]+,[0-9]{6};"))) << "a score with a decimal comma";
  // Every download is listed on the downloads page.
  const std::string page = wb_->handle(get("/downloads")).body;
  for (const Case& c : cases) EXPECT_NE(page.find("href=\"" + c.path + "?token="), std::string::npos) << c.path;
}

TEST_F(Workbench_, DownloadsFollowTheDecisionsMadeSinceOpening) {
  open(Lang::En);
  const Instance& in = session_->instance();
  const std::string before = wb_->handle(get("/download/plan.csv")).body;
  // Agree the first pair of an unplaced resident that can be agreed (the pairs listed
  // first: a decision replaces the plan they come from).
  std::vector<std::pair<std::string, std::string>> pairs;
  {
    const MatchResult& cur = session_->current();
    for (const Unplaced& u : cur.plan.unplaced)
      for (std::int64_t a = cur.graph.begin(u.citizen); a < cur.graph.end(u.citizen); ++a)
        pairs.emplace_back(in.citizens[static_cast<std::size_t>(u.citizen)].id,
                           in.openings[static_cast<std::size_t>(cur.graph.opening[static_cast<std::size_t>(a)])].id);
  }
  std::string c, o;
  for (const auto& [ci, oi] : pairs)
    if (wb_->handle(post("/agree", {{"citizen", ci}, {"opening", oi}})).status == 303 &&
        session_->pinned(in.citizen_index.at(ci), in.opening_index.at(oi))) {
      c = ci;
      o = oi;
      break;
    }
  ASSERT_FALSE(c.empty());
  const std::string after = wb_->handle(get("/download/plan.csv")).body;
  EXPECT_NE(after.find("\n" + c + "," + o + ","), std::string::npos);
  EXPECT_EQ(before.find("\n" + c + "," + o + ","), std::string::npos);
  EXPECT_NE(wb_->handle(get("/download/decisions.csv")).body.find(c + "," + o + ",pin,"), std::string::npos);
}

TEST_F(Workbench_, ReportPageFramesTheBoardReportWhichOnlyTheWorkbenchMayFrame) {
  open(Lang::Da);
  const WorkbenchResponse page = wb_->handle(get("/report"));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<iframe id=\"report\""), std::string::npos);
  EXPECT_NE(page.body.find("src=\"/report.html?token=" + wb_->token() + "\""), std::string::npos);
  EXPECT_NE(header(page, "Content-Security-Policy").find("frame-src 'self'"), std::string::npos);
  EXPECT_EQ(header(page, "X-Frame-Options"), "DENY");
  const WorkbenchResponse report = wb_->handle(get("/report.html"));
  ASSERT_EQ(report.status, 200);
  EXPECT_EQ(report.body, wb_->handle(get("/download/report.html")).body);
  EXPECT_EQ(header(report, "X-Frame-Options"), "SAMEORIGIN");
  const std::string csp = header(report, "Content-Security-Policy");
  EXPECT_NE(csp.find("frame-ancestors 'self'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("script-src"), std::string::npos) << csp;  // the report runs no script
  EXPECT_NE(report.body.find("lang=\"da\""), std::string::npos);
  // Without the token it is refused like every other address.
  WorkbenchRequest bare = get("/report.html");
  bare.params.clear();
  EXPECT_EQ(wb_->handle(bare).status, 403);
}

TEST_F(Workbench_, WhatIfIsComputedWhenAskedShowsTheLibrarysFiguresAndIsKeptPerPlanState) {
  const fs::path courses_file = fs::path(PLACEMATCH_SOURCE_DIR) / "data" / "sonderborg" / "courses.csv";
  std::shared_ptr<const Instance> extended;
  Index first_proposed = kNone;
  {
    TempDir probe("workbench", "probe");
    copy_sample(probe.path());
    LoadResult l = load_instance(probe.path());
    ASSERT_TRUE(l.ok());
    CoursesLoad c = load_courses(courses_file, *l.instance);
    ASSERT_TRUE(c.ok());
    ExtendedLoad ext = load_instance_with_openings(probe.path(), probe.path() / "proposed_openings.csv");
    ASSERT_TRUE(ext.ok());
    extended = std::make_shared<const Instance>(std::move(*ext.load.instance));
    first_proposed = ext.first_proposed;
    open(Lang::En, c.courses, [&](WorkbenchOptions& o) {
      o.proposals = extended;
      o.first_proposed = first_proposed;
    });
  }
  const Instance& in = session_->instance();
  // Not asked: the form only, nothing computed.
  const WorkbenchResponse first = wb_->handle(get("/whatif"));
  ASSERT_EQ(first.status, 200);
  EXPECT_NE(first.body.find("id=\"whatif-form\""), std::string::npos);
  EXPECT_EQ(first.body.find("id=\"whatif-answer\""), std::string::npos);
  EXPECT_EQ(first.body.find("id=\"whatif-running\""), std::string::npos);

  const std::vector<std::pair<std::string, std::string>> q = {{"target", "90"}, {"seats", "2"}, {"budget", "3000"}};
  const std::string page = whatif_answer(q);
  ASSERT_NE(page.find("id=\"whatif-answer\""), std::string::npos) << page;
  EXPECT_EQ(page.find("id=\"whatif-no-floors\""), std::string::npos);  // no floors.csv: no note

  // The oracle: the library's whatif() on the same instance and question.
  WhatIfRequest req;
  req.target = 0.90;
  req.seats = 2;
  req.courses = load_courses(courses_file, in).courses;
  req.budget = 3000;
  const WhatIfResult r = whatif(in, req);
  EXPECT_NE(page.find("id=\"wi-today\" data-placed=\"" + std::to_string(r.today.placed) + "\""), std::string::npos);
  EXPECT_NE(page.find("id=\"wi-ceiling\" data-placed=\"" + std::to_string(r.ceiling.value.placed) + "\""), std::string::npos);
  EXPECT_EQ(element(page, "wi-unreachable"), std::to_string(r.ceiling.unreachable));
  EXPECT_NE(page.find(whatif_value_words(r.today, r.residents)), std::string::npos);
  ASSERT_EQ(r.seats.size(), 2u);
  for (const SeatStep& st : r.seats) {
    const std::string row = "<tr data-opening=\"" + in.openings[static_cast<std::size_t>(st.opening)].id + "\" data-placed=\"" +
                            std::to_string(st.value.placed) + "\" data-optimal=\"" + (st.value.optimal ? "true" : "false") + "\"";
    EXPECT_NE(page.find(row), std::string::npos) << row;
  }
  ASSERT_TRUE(r.courses.has_value());
  for (const CourseStep& st : r.courses->steps) {
    const std::string row = "data-citizen=\"" + in.citizens[static_cast<std::size_t>(st.citizen)].id + "\" data-course=\"" +
                            req.courses[static_cast<std::size_t>(st.course)].id + "\" data-placed=\"" +
                            std::to_string(st.value.placed) + "\"";
    EXPECT_NE(page.find(row), std::string::npos) << row;
  }
  if (r.courses->steps.empty()) EXPECT_NE(page.find("id=\"wi-course-steps\""), std::string::npos);
  // Proposed openings, each alone: the library's answer on the instance with the proposals.
  WhatIfRequest with = req;
  with.first_proposed = first_proposed;
  Instance x = *extended;
  x.decisions = in.decisions;
  const WhatIfResult rx = whatif(x, with);
  ASSERT_FALSE(rx.openings.empty());
  for (const OpeningGain& g : rx.openings) {
    const std::string row = "<tr data-opening=\"" + x.openings[static_cast<std::size_t>(g.opening)].id +
                            "\" data-gain-placed=\"" + std::to_string(g.gain_placed) + "\" data-placed=\"" +
                            std::to_string(g.value.placed) + "\"";
    EXPECT_NE(page.find(row), std::string::npos) << row;
  }
  EXPECT_EQ(rx.today.placed, r.today.placed);
  // The bound is said to be one.
  EXPECT_NE(element(page, "wi-course-bound").find("Upper bound (not a plan)"), std::string::npos);

  // Asked again for the same plan: the kept answer at once, nothing running.
  const WorkbenchResponse again = wb_->handle(get("/whatif", {{"target", "90"}, {"seats", "2"}, {"budget", "3000"}}));
  EXPECT_NE(again.body.find("id=\"whatif-answer\""), std::string::npos);
  EXPECT_TRUE(header(again, "Refresh").empty());

  // A decision changes the plan state: the answer is not shown for it (asked anew: it runs);
  // undo brings the state back, and with it the kept answer.
  const Placement p = session_->current().plan.placements.front();
  ASSERT_EQ(wb_->handle(post("/rule-out", {{"citizen", in.citizens[static_cast<std::size_t>(p.citizen)].id},
                                           {"opening", in.openings[static_cast<std::size_t>(p.opening)].id}}))
                .status,
            303);
  const WorkbenchResponse changed = wb_->handle(get("/whatif", {{"target", "90"}, {"seats", "2"}, {"budget", "3000"}}));
  EXPECT_EQ(changed.body.find("id=\"whatif-answer\""), std::string::npos);
  ASSERT_EQ(wb_->handle(post("/undo")).status, 303);
  const WorkbenchResponse back = wb_->handle(get("/whatif", {{"target", "90"}, {"seats", "2"}, {"budget", "3000"}}));
  EXPECT_NE(back.body.find("id=\"whatif-answer\""), std::string::npos);
}

TEST_F(Workbench_, WhatIfFieldsThatAreNoNumbersAreLocatedAndNothingIsComputed) {
  open(Lang::Da);
  const WorkbenchResponse r =
      wb_->handle(get("/whatif", {{"run", "1"}, {"target", "85%"}, {"seats", "-2"}, {"budget", "abc"}}));
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("whatif: target: forventede et mål i procent fra 0 til 100, fik &quot;85%&quot;"), std::string::npos);
  EXPECT_NE(r.body.find("whatif: seats: "), std::string::npos);
  // No courses were given, so the budget is not asked for; its field is not shown.
  EXPECT_EQ(r.body.find("name=\"budget\""), std::string::npos);
  EXPECT_EQ(r.body.find("id=\"whatif-running\""), std::string::npos);
  EXPECT_TRUE(header(r, "Refresh").empty());
  // A Danish decimal comma is a number.
  const WorkbenchResponse ok = wb_->handle(get("/whatif", {{"target", "85,5"}, {"seats", "0"}}));
  EXPECT_EQ(ok.body.find("whatif: target"), std::string::npos);
}

TEST_F(Workbench_, EveryPageSpeaksDanishWithLangDa) {
  open(Lang::Da);
  const Instance& in = session_->instance();
  const Plan& plan = session_->current().plan;
  std::vector<std::string> pages = {"/", "/empty", "/changes", "/report", "/downloads", "/whatif"};
  pages.push_back("/opening/" + in.openings[static_cast<std::size_t>(plan.placements.front().opening)].id);
  pages.push_back("/resident/" + in.citizens[static_cast<std::size_t>(plan.placements.front().citizen)].id);
  if (!plan.unplaced.empty())
    pages.push_back("/resident/" + in.citizens[static_cast<std::size_t>(plan.unplaced.front().citizen)].id);
  std::vector<std::pair<std::string, std::string>> bodies;
  for (const std::string& p : pages) bodies.emplace_back(p, wb_->handle(get(p)).body);
  bodies.emplace_back("/whatif answer", whatif_answer({{"seats", "1"}}));
  bodies.emplace_back("/report.html", wb_->handle(get("/report.html")).body);
  for (const auto& [path, body] : bodies) EXPECT_NE(body.find("lang=\"da\""), std::string::npos) << path;
  for (auto& [path, body] : bodies) body = visible_text(body);
  // No English text of the catalogue (a literal part of 10 or more characters that the
  // Danish text does not hold as well) appears on a Danish page.
  const auto count = static_cast<std::size_t>(MessageId::Count);
  for (std::size_t i = 0; i < count; ++i) {
    const auto id = static_cast<MessageId>(i);
    const std::string en(message_template(id, Lang::En)), da(message_template(id, Lang::Da));
    static const std::regex param("\\{[^}]*\\}");
    for (std::sregex_token_iterator it(en.begin(), en.end(), param, -1), end; it != end; ++it) {
      const std::string part = *it;
      if (part.size() < 10 || da.find(part) != std::string::npos) continue;
      for (const auto& [path, body] : bodies)
        EXPECT_EQ(body.find(part), std::string::npos) << path << " shows the English \"" << part << "\"";
    }
  }
  // The words the pages themselves print around the catalogue's (headings of numbers).
  for (const auto& [path, body] : bodies)
    for (const char* english : {"Plan status", "value", "weight", "Compute", "Report", "Downloads", "What it would take"})
      EXPECT_EQ(body.find(english), std::string::npos) << path << " shows the English \"" << english << "\"";
}

// The what-if does not apply floors yet: with a floors.csv its page and the command line say
// that its figures are for the instance without them (never silently).
TEST_F(Workbench_, WhatIfWithFloorsSaysItsFiguresAreWithoutThem) {
  open(Lang::En, {}, {}, "scope,code,min_share\ngroup,6.3,0.5\n");
  ASSERT_FALSE(session_->instance().floors.empty());
  const std::string page = whatif_answer({{"seats", "1"}});
  ASSERT_NE(page.find("id=\"whatif-answer\""), std::string::npos) << page;
  EXPECT_EQ(element(page, "whatif-no-floors"), text(MessageId::WbWiNoFloors, Lang::En));
  const pmtest::CliOutcome cli = pmtest::run_cli("whatif " + dir() + " --seats 1 --quiet");
  EXPECT_EQ(cli.code, 0) << cli.out;
  EXPECT_NE(cli.out.find("warning: whatif does not apply floors.csv yet"), std::string::npos) << cli.out;
  std::filesystem::remove(dir_->path() / "floors.csv");
  const pmtest::CliOutcome without = pmtest::run_cli("whatif " + dir() + " --seats 1 --quiet");
  EXPECT_EQ(without.code, 0) << without.out;
  EXPECT_EQ(without.out.find("floors"), std::string::npos) << without.out;
}

// With floors the opening page gives each pair's cost with the shortfall agreeing it adds
// (contract section 12, PairCost::shortfall): the library's suggestions for that opening, row
// by row. The floor (every resident of group 6.3) cannot be met, so the plan falls short and
// displacing a 6.3 resident from the opening adds to the shortfall.
TEST_F(Workbench_, OpeningPageGivesTheShortfallEachPairAddsWithFloors) {
  open(Lang::En, {}, {}, "scope,code,min_share\ngroup,6.3,1\n");
  const Instance& in = session_->instance();
  Planner oracle(in);
  const Plan& plan = oracle.plan().plan;
  ASSERT_TRUE(plan.floors.has_value());
  Index o = kNone;  // an opening a 6.3 resident holds
  for (const Placement& x : plan.placements)
    if (in.citizens[static_cast<std::size_t>(x.citizen)].target_group == in.codes.find("6.3")) {
      o = x.opening;
      break;
    }
  ASSERT_NE(o, kNone);
  const WorkbenchResponse page = wb_->handle(get("/opening/" + in.openings[static_cast<std::size_t>(o)].id));
  ASSERT_EQ(page.status, 200);
  int priced = 0, adds = 0;
  for (const Suggestion& sg : oracle.suggest_for_opening(o, 0)) {
    if (!sg.possible || sg.in_plan) continue;
    const std::string& id = in.citizens[static_cast<std::size_t>(sg.citizen)].id;
    const std::size_t row = page.body.find("<tr data-citizen=\"" + id + "\"");
    ASSERT_NE(row, std::string::npos) << id;
    const std::string open_span = "<span class=\"cost\" ";
    const std::size_t span = page.body.find(open_span, row);
    ASSERT_NE(span, std::string::npos) << id;
    const std::string want = "data-placed=\"" + std::to_string(sg.cost.placed) + "\" data-moved=\"" +
                             std::to_string(sg.cost.moved) + "\" data-shortfall=\"" + std::to_string(sg.cost.shortfall) + "\"";
    EXPECT_EQ(page.body.compare(span + open_span.size(), want.size(), want), 0) << id << ": " << page.body.substr(span, 120);
    ++priced;
    adds += sg.cost.shortfall > 0;
  }
  EXPECT_GT(priced, 0);
  EXPECT_GT(adds, 0);  // the case the column is for
}
