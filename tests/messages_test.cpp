// The message catalogue: every text for people exists in English and Danish with the same
// parameters, the formatter fills parameters and plurals, and the tool's texts follow --lang
// while codes, ids and JSON keys stay the same.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cli_support.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/model/messages.hpp"
#include "test_files.hpp"

namespace fs = std::filesystem;
using namespace placematch;

namespace {

std::set<std::string> names_of(std::string_view tpl) {
  auto v = placeholders(tpl);
  return {v.begin(), v.end()};
}

bool balanced(std::string_view tpl) {
  int depth = 0;
  for (char c : tpl) {
    if (c == '{' && ++depth > 1) return false;
    if (c == '}' && --depth < 0) return false;
  }
  return depth == 0;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (int k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

}  // namespace

TEST(Messages, EveryMessageHasBothLanguagesWithTheSameParameters) {
  const auto count = static_cast<std::size_t>(MessageId::Count);
  for (std::size_t i = 0; i < count; ++i) {
    const auto id = static_cast<MessageId>(i);
    const std::string_view en = message_template(id, Language::En);
    const std::string_view da = message_template(id, Language::Da);
    SCOPED_TRACE("message id " + std::to_string(i) + ": " + std::string(en));
    EXPECT_FALSE(en.empty());
    EXPECT_FALSE(da.empty());
    EXPECT_TRUE(balanced(en));
    EXPECT_TRUE(balanced(da));
    EXPECT_TRUE(valid_utf8(da));
    EXPECT_EQ(names_of(en), names_of(da));
  }
}

TEST(Messages, FillsParametersPluralsAndNumbersInTheLanguagesWay) {
  EXPECT_EQ(text(MessageId::ReasonHoursBand, Language::En, {{"km", 5.0}, {"lo", 6.0}, {"hi", 10.0}}),
            "no opening within 5 km offers 6-10 hours a week");
  EXPECT_EQ(text(MessageId::ReasonHoursBand, Language::Da, {{"km", 2.25}, {"lo", 7.5}, {"hi", 10}}),
            "ingen åbning inden for 2,25 km tilbyder 7,5–10 timer om ugen");
  EXPECT_EQ(text(MessageId::ReasonTakenByOthers, Language::En, {{"n", 1}}),
            "1 opening fits, but its seats or mentors went to others");
  EXPECT_EQ(text(MessageId::ReasonTakenByOthers, Language::En, {{"n", 3}}),
            "3 openings fit, but their seats or mentors went to others");
  EXPECT_EQ(text(MessageId::ReasonTakenByOthers, Language::Da, {{"n", 1}}),
            "1 åbning passer, men pladserne eller mentorerne er givet til andre");
  EXPECT_EQ(text(MessageId::ReasonTakenByOthers, Language::Da, {{"n", 0}}),
            "0 åbninger passer, men pladserne eller mentorerne er givet til andre");
  // A missing argument stays visible.
  EXPECT_EQ(text(MessageId::SummaryValid, Language::En), "valid: {path}");
  // A stored message renders in either language.
  const Message m{MessageId::SummaryMentored, {{"n", 4}}};
  EXPECT_EQ(render(m, Language::En), "residents needing a mentor: 4");
  EXPECT_EQ(render(m, Language::Da), "borgere der har brug for en mentor: 4");
}

TEST(Messages, NumbersLanguagesAndLabels) {
  EXPECT_EQ(format_number(7.5, Language::Da), "7,5");
  EXPECT_EQ(format_number(7.5, Language::En), "7.5");
  EXPECT_EQ(format_number(1500, Language::Da), "1500");
  EXPECT_EQ(format_number(-0.0001, Language::En), "0");
  EXPECT_EQ(format_number(2.0004, Language::En), "2");
  EXPECT_EQ(format_number(0.126, Language::Da, 2), "0,13");
  EXPECT_EQ(parse_language(" DA "), Language::Da);
  EXPECT_EQ(parse_language("en"), Language::En);
  EXPECT_FALSE(parse_language("de"));
  EXPECT_FALSE(parse_language(""));
  EXPECT_EQ(to_string(Language::Da), "da");
  for (const char* code : {"no_opening_in_reach", "hours", "competences", "barriers", "group_or_age",
                           "excluded", "no_mentor", "taken_by_others", "no_candidate", "reasonableness",
                           "candidates_placed_elsewhere"})
    EXPECT_TRUE(reason_label(code)) << code;
  EXPECT_FALSE(reason_label("nonsense"));
  EXPECT_NE(*reason_label("no_mentor"), *reason_label("no_mentor", true));
  EXPECT_EQ(text(kind_message(OpeningKind::Internship), Language::Da), "virksomhedspraktik");
  EXPECT_EQ(text(*default_group_message("youth"), Language::Da), "Unge 13–17 år, der søger fritidsjob");
  EXPECT_FALSE(default_group_message("6.9"));
}

namespace {

using CliRun = pmtest::CliOutcome;
CliRun run(const std::string& args) { return pmtest::run_cli(args); }

}  // namespace

// --lang da changes the texts and nothing else: the same codes, ids, keys and numbers.
TEST(MessagesCli, DanishChangesTextsNotCodesOrKeys) {
  pmtest::TempDir tmp("messages", "cli");
  const fs::path inst = tmp.path() / "inst";
  ASSERT_EQ(run("generate --citizens 150 --openings 40 --seed 5 " + inst.string()).code, 0);
  const fs::path en = tmp.path() / "en.json", da = tmp.path() / "da.json";
  const CliRun r_en = run("match " + inst.string() + " --json " + en.string());
  const CliRun r_da = run("match " + inst.string() + " --lang da --json " + da.string());
  ASSERT_EQ(r_en.code, 0) << r_en.out;
  ASSERT_EQ(r_da.code, 0) << r_da.out;
  EXPECT_NE(r_da.out.find("borgere placeret"), std::string::npos) << r_da.out;
  EXPECT_NE(r_en.out.find("residents"), std::string::npos) << r_en.out;
  auto je = nlohmann::json::parse(pmtest::slurp(en)), jd = nlohmann::json::parse(pmtest::slurp(da));
  EXPECT_EQ(je["placements"], jd["placements"]);
  ASSERT_EQ(je["unplaced"].size(), jd["unplaced"].size());
  ASSERT_FALSE(je["unplaced"].empty());
  for (std::size_t i = 0; i < je["unplaced"].size(); ++i) {
    EXPECT_EQ(je["unplaced"][i]["citizen"], jd["unplaced"][i]["citizen"]);
    EXPECT_EQ(je["unplaced"][i]["reason_code"], jd["unplaced"][i]["reason_code"]);
    EXPECT_NE(je["unplaced"][i]["reason"], jd["unplaced"][i]["reason"]);
  }
  for (auto it = je.begin(); it != je.end(); ++it) EXPECT_TRUE(jd.contains(it.key())) << it.key();

  const CliRun v = run("validate " + inst.string() + " --lang da");
  EXPECT_EQ(v.code, 0);
  EXPECT_NE(v.out.find("borgere efter målgruppe og boligområde"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("gyldig: "), std::string::npos) << v.out;
}

TEST(MessagesCli, UnknownLanguageIsAUsageError) {
  pmtest::TempDir tmp("messages", "badlang");
  const fs::path inst = tmp.path() / "inst";
  ASSERT_EQ(run("generate --citizens 20 --openings 5 --seed 1 " + inst.string()).code, 0);
  const fs::path out = tmp.path() / "out.json";
  const CliRun r = run("match " + inst.string() + " --lang de --json " + out.string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("de"), std::string::npos);
  EXPECT_FALSE(fs::exists(out));
}

// Where the two languages may write the same: words Danish shares with English, and
// templates of punctuation and placeholders only. Every other Danish text differs.
TEST(Messages, DanishDiffersFromEnglishExceptWhereTheWordsAreTheSame) {
  using M = MessageId;
  const std::set<MessageId> same = {M::WordMentor, M::WordKm,   M::ListSeparator, M::RuleParts,
                                    M::WhyOpening, M::WbNavPlan, M::WbMentor,     M::WbKm};
  for (std::size_t i = 0; i < static_cast<std::size_t>(MessageId::Count); ++i) {
    const auto id = static_cast<MessageId>(i);
    const std::string_view en = message_template(id, Language::En), da = message_template(id, Language::Da);
    if (same.count(id))
      EXPECT_EQ(en, da) << "listed as the same in both languages: " << en;
    else
      EXPECT_NE(en, da) << "message id " << i << " has no Danish text of its own: " << en;
  }
}

TEST(Messages, NestedMessagesRenderInTheSameLanguage) {
  using M = MessageId;
  const Message hours{M::RuleHours,
                      {{"citizen", "c045"},
                       {"can", Message{M::Band, {{"lo", 5}, {"hi", 15}}}},
                       {"opening", "o12"},
                       {"offers", Message{M::Band, {{"lo", 29}, {"hi", 37}}}}}};
  EXPECT_EQ(render(hours, Language::En), "c045 can work 5-15 hours a week; o12 offers 29-37");
  EXPECT_EQ(render(hours, Language::Da), "c045 kan arbejde 5–15 timer om ugen; o12 tilbyder 29–37");
  const Message seat{M::EmptyReasonableness,
                     {{"company", "Hotel Alssund"},
                      {"kinds", kinds_message(OpeningKind::Internship)},
                      {"employees", 48},
                      {"supported", 7},
                      {"used", 0}}};
  EXPECT_EQ(render(seat, Language::En),
            "Hotel Alssund may take no more internships: 48 employees, 7 already supported, 0 placed by this plan");
  EXPECT_EQ(render(seat, Language::Da),
            "Hotel Alssund kan ikke tage flere i virksomhedspraktik: 48 ansatte, 7 er allerede i praktik eller "
            "løntilskud, 0 placeret med denne plan");
  const Message two{M::RuleParts,
                    {MessageArg("parts",
                                {Message{M::RuleAgeTo, {{"opening", "o1"}, {"hi", 30}, {"citizen", "c1"}, {"age", 40}}},
                                 Message{M::RuleLeisure, {{"opening", "o1"}, {"citizen", "c1"}, {"age", 40}}}},
                                M::ListSeparator)}};
  EXPECT_EQ(render(two, Language::En),
            "o1 takes ages up to 30; c1 is 40; o1 is a leisure job, for ages 13-17; c1 is 40");
  EXPECT_EQ(render(two, Language::Da),
            "o1 er for borgere op til 30 år; c1 er 40; o1 er et fritidsjob, for 13–17-årige; c1 er 40");
  EXPECT_EQ(text(*component_message("mentor_language"), Language::Da), "mentorens sprog");
  EXPECT_FALSE(component_message("nonsense"));
}

// suggest, why, whatif and match --previous speak Danish with --lang da; their JSON keeps
// every key, id and code and changes only the texts.
TEST(MessagesCli, EveryCommandSpeaksDanish) {
  pmtest::TempDir tmp("messages", "commands");
  const fs::path inst = tmp.path() / "inst";
  ASSERT_EQ(run("generate --citizens 150 --openings 40 --seed 5 " + inst.string()).code, 0);
  const fs::path plan = tmp.path() / "plan.json";
  ASSERT_EQ(run("match " + inst.string() + " --quiet --json " + plan.string()).code, 0);
  const auto result = nlohmann::json::parse(pmtest::slurp(plan));
  ASSERT_FALSE(result["unplaced"].empty());
  ASSERT_FALSE(result["placements"].empty());
  std::string unplaced;  // one with openings in reach, so why lists their broken rules
  for (const auto& u : result["unplaced"])
    if (u["reason_code"] != "no_opening_in_reach" && unplaced.empty()) unplaced = u["citizen"];
  ASSERT_FALSE(unplaced.empty());
  const std::string opening = result["placements"][0]["opening"];

  const CliRun s_da = run("suggest " + inst.string() + " --opening " + opening + " --lang da");
  ASSERT_EQ(s_da.code, 0) << s_da.out;
  EXPECT_NE(s_da.out.find("Forslag til " + opening), std::string::npos) << s_da.out;
  EXPECT_NE(s_da.out.find("planen placerer"), std::string::npos) << s_da.out;
  EXPECT_EQ(s_da.out.find("Suggestions"), std::string::npos) << s_da.out;
  const fs::path sj_en = tmp.path() / "s_en.json", sj_da = tmp.path() / "s_da.json";
  ASSERT_EQ(run("suggest " + inst.string() + " --opening " + opening + " --quiet --json " + sj_en.string()).code, 0);
  ASSERT_EQ(run("suggest " + inst.string() + " --opening " + opening + " --lang da --quiet --json " + sj_da.string()).code, 0);
  EXPECT_EQ(pmtest::slurp(sj_en), pmtest::slurp(sj_da));  // suggestions hold no text for people

  const CliRun w_da = run("why " + inst.string() + " --citizen " + unplaced + " --lang da");
  ASSERT_EQ(w_da.code, 0) << w_da.out;
  EXPECT_NE(w_da.out.find(unplaced + " er ikke placeret: "), std::string::npos) << w_da.out;
  const fs::path wj_en = tmp.path() / "w_en.json", wj_da = tmp.path() / "w_da.json";
  ASSERT_EQ(run("why " + inst.string() + " --citizen " + unplaced + " --quiet --json " + wj_en.string()).code, 0);
  ASSERT_EQ(run("why " + inst.string() + " --citizen " + unplaced + " --lang da --quiet --json " + wj_da.string()).code, 0);
  auto je = nlohmann::json::parse(pmtest::slurp(wj_en)), jd = nlohmann::json::parse(pmtest::slurp(wj_da));
  EXPECT_EQ(je["reason_code"], jd["reason_code"]);
  EXPECT_NE(je["reason"], jd["reason"]);
  ASSERT_EQ(je["openings"].size(), jd["openings"].size());
  std::size_t rules = 0;
  for (std::size_t i = 0; i < je["openings"].size(); ++i) {
    auto& oe = je["openings"][i];
    auto& od = jd["openings"][i];
    EXPECT_EQ(oe["opening"], od["opening"]);
    EXPECT_EQ(oe["feasible"], od["feasible"]);
    if (!oe.contains("rules")) {
      EXPECT_EQ(oe, od);  // holders, cost and changes: no texts
      continue;
    }
    ASSERT_EQ(oe["rules"].size(), od["rules"].size());
    for (std::size_t k = 0; k < oe["rules"].size(); ++k, ++rules) {
      EXPECT_EQ(oe["rules"][k]["rule"], od["rules"][k]["rule"]);
      EXPECT_NE(oe["rules"][k]["message"], od["rules"][k]["message"]) << oe["rules"][k]["message"];
    }
  }
  EXPECT_GT(rules, 0u);
  for (auto it = je.begin(); it != je.end(); ++it) EXPECT_TRUE(jd.contains(it.key())) << it.key();

  const CliRun wi = run("whatif " + inst.string() + " --seats 1 --lang da");
  ASSERT_EQ(wi.code, 0) << wi.out;
  EXPECT_NE(wi.out.find("Hvad skal der til for at placere flere borgere"), std::string::npos) << wi.out;
  EXPECT_NE(wi.out.find("I dag: "), std::string::npos) << wi.out;

  // An earlier plan with one resident fewer placed: the changes are told in Danish.
  auto earlier = result;
  const std::string moved = earlier["placements"][0]["citizen"];
  earlier["placements"].erase(0);
  const fs::path before = tmp.path() / "before.json";
  {
    std::ofstream f(before);
    f << earlier.dump();
  }
  const CliRun re = run("match " + inst.string() + " --previous " + before.string() + " --lang da");
  ASSERT_EQ(re.code, 0) << re.out;
  EXPECT_NE(re.out.find("Ændringer i forhold til"), std::string::npos) << re.out;
  EXPECT_NE(re.out.find(moved + " får plads i " + opening), std::string::npos) << re.out;
}
