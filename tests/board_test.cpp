// The board's report figures and page (report/board.hpp) and the Danish CSV dialect of
// outputs (report/spreadsheet.hpp): figures recounted here from the plan's placements, the
// page checked for unfilled placeholders, the dialect against hand-written text.
#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "placematch/planner/match.hpp"
#include "placematch/report/board.hpp"
#include "placematch/report/spreadsheet.hpp"
#include "placematch/synth/generate.hpp"

using namespace placematch;

TEST(ExcelCsv, DanishDialectOfAnOutput) {
  const std::string csv =
      "citizen,opening,score,km,reason\n"
      "c1,1.5,0.812345,3.412,\n"
      "c2,,,,\"no opening; none, at all\"\n"
      "c3,o2,-0.5,10,\" padded \"\n";
  EXPECT_EQ(to_excel_csv(csv, {"citizen", "opening", "reason"}),
            "\xEF\xBB\xBF"
            "citizen;opening;score;km;reason\r\n"
            "c1;1.5;0,812345;3,412;\r\n"
            "c2;;;;\"no opening; none, at all\"\r\n"
            "c3;o2;-0,5;10;\" padded \"\r\n");
}

TEST(BoardReport, FiguresAddUpToThePlan) {
  GenerateOptions g;
  g.citizens = 250;
  g.openings = 70;
  g.seed = 21;
  const Instance in = generate_instance(g);
  const MatchResult r = match(in);
  const BoardFigures f = board_figures(in, r.plan);

  // Recount per (group, area) from the placements.
  std::map<std::pair<CodeId, Index>, std::pair<int, int>> want;
  for (const Citizen& c : in.citizens) ++want[{c.target_group, c.area}].first;
  for (const Placement& p : r.plan.placements) {
    const Citizen& c = in.citizens[static_cast<std::size_t>(p.citizen)];
    ++want[{c.target_group, c.area}].second;
  }
  std::map<std::pair<CodeId, Index>, std::pair<int, int>> got;
  std::int64_t residents = 0, placed = 0;
  for (std::size_t gi = 0; gi < f.groups.size(); ++gi)
    for (std::size_t ai = 0; ai < f.areas.size(); ++ai) {
      const BoardCell& c = f.cells[gi][ai];
      residents += c.residents;
      placed += c.placed;
      if (c.residents) got[{f.groups[gi], f.areas[ai]}] = {static_cast<int>(c.residents), static_cast<int>(c.placed)};
    }
  EXPECT_EQ(got, want);
  EXPECT_EQ(residents, static_cast<std::int64_t>(in.citizens.size()));
  EXPECT_EQ(placed, r.plan.placed);
  EXPECT_EQ(f.total.placed, r.plan.placed);

  std::int64_t by_kind = 0, unplaced = 0;
  for (const auto& k : f.kinds) by_kind += k.placed;
  for (const auto& [code, n] : f.unplaced_by_reason) unplaced += n;
  EXPECT_EQ(by_kind, r.plan.placed);
  EXPECT_EQ(unplaced, static_cast<std::int64_t>(r.plan.unplaced.size()));
  std::int64_t seats = 0;
  for (const Opening& o : in.openings) seats += o.seats;
  EXPECT_EQ(f.seats, seats);
  EXPECT_EQ(f.free_seats, seats - r.plan.placed);  // no opening is over-filled

  // Changes against an earlier plan: the plan against itself has none; against an empty
  // plan every placement is new.
  BoardOptions opt;
  opt.previous = EarlierPlan{};
  for (const Placement& p : r.plan.placements)
    opt.previous->placements.emplace_back(in.citizens[static_cast<std::size_t>(p.citizen)].id,
                                          in.openings[static_cast<std::size_t>(p.opening)].id);
  EXPECT_TRUE(board_figures(in, r.plan, opt).changes->empty());
  EXPECT_EQ(board_figures(in, r.plan, opt).kept, r.plan.placed);
  opt.previous->placements.clear();
  opt.previous->placements.emplace_back("no-such-citizen", "o1");
  const BoardFigures changed = board_figures(in, r.plan, opt);
  ASSERT_TRUE(changed.changes);
  EXPECT_EQ(static_cast<std::int64_t>(changed.changes->size()), r.plan.placed + 1);

  // Every placeholder is filled, in both languages.
  for (Language lang : {Language::En, Language::Da}) {
    opt.lang = lang;
    const std::string html = board_report_html(in, r.plan, opt);
    EXPECT_FALSE(std::regex_search(html, std::regex(R"(\{[a-z_]+(\?[^}]*)?\})"))) << "unfilled placeholder";
    EXPECT_EQ(html.find("<script"), std::string::npos);
  }
}


// The floors section: shown only with floors; each floor's row recounted here from the
// placements; the price line only when the planner computed one (Plan::floors).
TEST(BoardReport, FloorsSectionOnlyWithFloors) {
  Instance in = generate_sonderborg_sample();
  MatchOptions opt;
  opt.solve.threads = 1;
  const std::string plain = board_report_html(in, match(in, opt).plan);
  EXPECT_EQ(plain.find("data-section=\"floors\""), std::string::npos);
  EXPECT_EQ(plain.find("data-floor="), std::string::npos);

  // A target group whose floor of 100 % no plan reaches (a shortfall to highlight).
  Instance base = in;
  MatchResult r;
  CodeId group = kNone;
  std::int64_t residents = 0, placed = 0;
  for (const TargetGroup& g : base.target_groups) {
    in = base;
    in.floors.push_back({FloorScope::Group, g.code, 1.0, "test"});
    in.floors.push_back({FloorScope::Area, 0, 0.4, "test"});
    r = match(in, opt);
    std::vector<char> is_placed(in.citizens.size());
    for (const Placement& p : r.plan.placements) is_placed[static_cast<std::size_t>(p.citizen)] = 1;
    residents = placed = 0;
    for (std::size_t c = 0; c < in.citizens.size(); ++c)
      if (in.citizens[c].target_group == g.code) {
        ++residents;
        placed += is_placed[c];
      }
    if (placed < residents) {
      group = g.code;
      break;
    }
  }
  ASSERT_NE(group, kNone);
  ASSERT_TRUE(r.plan.floors.has_value());
  const std::string key = "group:" + in.codes.name(group);
  for (Language lang : {Language::En, Language::Da}) {
    BoardOptions bo;
    bo.lang = lang;
    const std::string html = board_report_html(in, r.plan, bo);
    EXPECT_NE(html.find("data-section=\"floors\""), std::string::npos);
    const auto cell = [&](const std::string& what, std::int64_t v) {
      return "data-figure=\"floor-" + what + "\" data-code=\"" + key + "\">" + std::to_string(v) + "<";
    };
    EXPECT_NE(html.find("<tr data-floor=\"" + key + "\" class=\"low\">"), std::string::npos);
    EXPECT_NE(html.find(cell("residents", residents)), std::string::npos);
    EXPECT_NE(html.find(cell("required", residents)), std::string::npos);
    EXPECT_NE(html.find(cell("placed", placed)), std::string::npos);
    EXPECT_NE(html.find("data-floor=\"area:" + in.areas[0].id + "\""), std::string::npos);
    EXPECT_NE(html.find("data-figure=\"price-placed\">" + std::to_string(r.plan.floors->price_placed) + "<"),
              std::string::npos);
    EXPECT_EQ(html.find(text(MessageId::ReportFloorsNotApplied, lang)), std::string::npos);
    // A plan the floors were not applied to (a re-plan) says so and shows no price.
    Plan unapplied = r.plan;
    unapplied.floors.reset();
    const std::string other = board_report_html(in, unapplied, bo);
    EXPECT_EQ(other.find("price-placed"), std::string::npos);
    EXPECT_NE(other.find(text(MessageId::ReportFloorsNotApplied, lang)), std::string::npos);
  }
}
