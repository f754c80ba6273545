// The message catalogue: every text for people exists in English and Danish with the same
// parameters, the formatter fills parameters and plurals, and the tool's texts follow --lang
// while codes, ids and JSON keys stay the same.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

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

struct CliRun {
  int code = -1;
  std::string out;
};

CliRun run(const std::string& args) {
  CliRun r;
  FILE* p = popen((std::string(PLACEMATCH_CLI) + " " + args + " 2>&1").c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

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
