// The scoring model against an independent re-computation of its documented formula.
#include "placematch/candidates/scoring.hpp"
#include "placematch/io/weights.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "candidates_support.hpp"
#include "placematch/candidates/candidates.hpp"
#include "placematch/model/diagnostics.hpp"

namespace {

using namespace placematch;
using namespace pmtest;

double clip(double x) { return x < 0 ? 0 : (x > 1 ? 1 : x); }

/// The documented model, written again from the header's description.
double oracle_mean(const Instance& in, Index ci, Index oi, double km, const ScoreWeights& w) {
  const Citizen& c = in.citizens[static_cast<std::size_t>(ci)];
  const Opening& o = in.openings[static_cast<std::size_t>(oi)];
  double comp = 1;
  if (!o.desired.empty()) {
    double s = 0;
    for (const CodeLevel& d : o.desired) {
      int held = 0;
      for (const CodeLevel& h : c.competences)
        if (h.code == d.code) held = h.level;
      s += std::min(1.0, double(held) / d.level);
    }
    comp = s / double(o.desired.size());
  }
  const double dist = clip(1 - km / c.max_km);
  // Agreed hours: the overlap point nearest c.hours (integers in these instances).
  const double lo = std::max(c.hours - c.hours_tolerance, o.hours_min);
  const double hi = std::min(c.hours + c.hours_tolerance, o.hours_max);
  const double agreed = c.hours < lo ? lo : (c.hours > hi ? hi : c.hours);
  const double hours = clip(1 - std::fabs(agreed - c.hours) / std::max(1.0, c.hours));
  double interest = 0;
  for (CodeId s : c.interests)
    if (s == o.sector) interest = 1;
  const std::string g = in.codes.name(c.target_group);
  double vuln = 0.5;
  if (g == "6.8") vuln = 1.0;
  else if (g == "6.3" || g == "6.5" || g == "INT-SHP") vuln = 0.8;
  else if (g == "6.4") vuln = 0.3;
  else if (g == "6.1" || g == "6.2") vuln = 0.2;
  const double prio = 0.5 * std::min(1.0, c.months_unemployed / 24.0) + 0.5 * vuln;
  const bool mentor = c.needs_mentor || o.mentor_required;
  double num = w.competence * comp + w.distance * dist + w.hours * hours + w.interest * interest +
               w.priority * prio;
  double den = w.competence + w.distance + w.hours + w.interest + w.priority;
  if (mentor) {
    int pool = 0, speaking = 0;
    for (const Mentor& m : in.mentors) {
      if (m.company != o.company || m.capacity - m.carrying_now <= 0) continue;
      pool += m.capacity - m.carrying_now;
      bool shared = false;
      for (CodeId a : m.languages)
        for (CodeId b : c.languages) shared = shared || a == b;
      if (shared) speaking += m.capacity - m.carrying_now;
    }
    num += w.mentor_language * double(speaking) / pool;
    den += w.mentor_language;
  }
  return den > 0 ? num / den : 0;
}

TEST(ScoringTest, ScoresFollowTheDocumentedModel) {
  ScoreWeights odd;
  odd.competence = 0.7;
  odd.distance = 0;
  odd.hours = 2;
  odd.interest = 0.3;
  odd.priority = 1;
  odd.mentor_language = 5;
  for (const ScoreWeights& w : {ScoreWeights{}, odd}) {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
      const Instance in = random_instance(seed);
      CandidateOptions opt;
      opt.weights = w;
      const CandidateGraph g = build_candidates(in, opt);
      for (std::size_t c = 0; c < g.num_citizens(); ++c)
        for (std::int64_t e = g.begin(Index(c)); e < g.end(Index(c)); ++e) {
          const auto a = static_cast<std::size_t>(e);
          const double want = 1e6 * oracle_mean(in, Index(c), g.opening[a], g.km[a], w);
          EXPECT_GE(g.score[a], 0);
          EXPECT_LE(g.score[a], 1'000'000);
          EXPECT_LE(std::fabs(g.score[a] - want), 0.5 + 1e-6) << "seed " << seed;
          // The explanation reproduces the stored score exactly.
          const ScoreBreakdown b = explain_score(in, Index(c), g.opening[a], w);
          EXPECT_EQ(b.score, g.score[a]);
          double num = 0, den = 0;
          for (const ScoreComponent& x : b.components) {
            EXPECT_GE(x.value, 0);
            EXPECT_LE(x.value, 1);
            num += x.value * x.weight;
            den += x.weight;
          }
          EXPECT_LE(std::fabs(1e6 * num / den - b.score), 0.5 + 1e-6);
          EXPECT_EQ(b.mentor_applies, g.needs_mentor[a] == 1);
        }
    }
  }
}

TEST(ScoringTest, EachWeightMovesTheScoreTheDocumentedWay) {
  // Raising a component's weight raises the score when that component is above the
  // pair's current weighted mean, and lowers it when below.
  int rises = 0, falls = 0;
  for (std::uint64_t seed = 30; seed < 36; ++seed) {
    const Instance in = random_instance(seed);
    const CandidateGraph g = build_candidates(in);
    for (std::size_t c = 0; c < g.num_citizens(); ++c)
      for (std::int64_t e = g.begin(Index(c)); e < g.end(Index(c)); ++e) {
        const Index o = g.opening[static_cast<std::size_t>(e)];
        const ScoreBreakdown base = explain_score(in, Index(c), o);
        const double mean = base.score / 1e6;
        for (int j = 0; j < 6; ++j) {
          if (base.components[j].weight == 0 && j == 5) continue;  // mentor does not apply
          ScoreWeights w;
          double* slots[] = {&w.competence, &w.distance, &w.hours, &w.interest, &w.priority, &w.mentor_language};
          *slots[j] += 1.0;
          const ScoreBreakdown raised = explain_score(in, Index(c), o, w);
          const double v = base.components[j].value;
          if (v > mean + 0.01) {
            EXPECT_GT(raised.score, base.score) << base.components[j].name;
            ++rises;
          } else if (v < mean - 0.01) {
            EXPECT_LT(raised.score, base.score) << base.components[j].name;
            ++falls;
          }
        }
      }
  }
  EXPECT_GT(rises, 100);
  EXPECT_GT(falls, 100);
}

TEST(ScoringTest, ComponentsOnAHandMadePair) {
  Instance in;
  add_default_groups(in);
  const Index a = add_area(in, "a", 55, 10);
  const Index k = add_company(in, "k", 55, 10, "care");
  add_mentor(in, "m1", k, 3, 1, "ar");   // 2 free, speaks ar
  add_mentor(in, "m2", k, 2, 0, "da");   // 2 free
  add_mentor(in, "m3", k, 1, 1, "ar");   // fully carrying: not in the pool
  Opening& o = add_opening(in, "o", k, OpeningKind::SmallJob, 14, 30);
  o.desired = levels(in, "danish:4;forklift:2");
  o.mentor_required = true;
  Citizen& c = add_citizen(in, "c", a);
  c.hours = 10;
  c.hours_tolerance = 5;  // 5-15 meets 14-30: agreed 14
  c.competences = levels(in, "danish:2;forklift:3");
  c.interests = codes(in, "care");
  c.languages = codes(in, "ar;en");
  c.target_group = in.codes.intern("6.8");
  c.months_unemployed = 12;
  in.finalize();
  EXPECT_DOUBLE_EQ(agreed_hours(in.citizens[0], in.openings[0]), 14);
  const ScoreBreakdown b = explain_score(in, 0, 0);
  EXPECT_DOUBLE_EQ(b.components[0].value, (0.5 + 1.0) / 2);  // competence
  EXPECT_DOUBLE_EQ(b.components[1].value, 1.0);              // distance 0
  EXPECT_NEAR(b.components[2].value, 1 - 4.0 / 10, 1e-12);   // hours
  EXPECT_DOUBLE_EQ(b.components[3].value, 1.0);              // interest
  EXPECT_DOUBLE_EQ(b.components[4].value, 0.5 * 0.5 + 0.5 * 1.0);
  EXPECT_DOUBLE_EQ(b.components[5].value, 0.5);  // 2 of 4 free seats speak ar
  EXPECT_TRUE(b.mentor_applies);
  const ScoreWeights w;
  const double mean = (w.competence * 0.75 + w.distance * 1 + w.hours * 0.6 + w.interest * 1 +
                       w.priority * 0.75 + w.mentor_language * 0.5) /
                      (w.competence + w.distance + w.hours + w.interest + w.priority + w.mentor_language);
  EXPECT_EQ(b.score, static_cast<std::int32_t>(std::lround(1e6 * mean)));
}

TEST(ScoringTest, AgreedHoursIsTheOverlapPointNearestThePreference) {
  Citizen c;
  Opening o;
  c.hours = 20;
  c.hours_tolerance = 5;
  o.hours_min = 10;
  o.hours_max = 37;
  EXPECT_DOUBLE_EQ(agreed_hours(c, o), 20);
  o.hours_min = 22;
  EXPECT_DOUBLE_EQ(agreed_hours(c, o), 22);
  o.hours_min = 5;
  o.hours_max = 17;
  EXPECT_DOUBLE_EQ(agreed_hours(c, o), 17);
  o.hours_max = 15;  // shared end
  EXPECT_DOUBLE_EQ(agreed_hours(c, o), 15);
}

Diagnostics errors_of(std::string_view json) {
  try {
    parse_weights(json, "w.json");
  } catch (const InputError& e) {
    return e.errors();
  }
  return {};
}

TEST(ScoringTest, WeightsFromJson) {
  const ScoreWeights w = parse_weights(R"({"distance": 0.5, "priority": 0})", "w.json");
  EXPECT_DOUBLE_EQ(w.distance, 0.5);
  EXPECT_DOUBLE_EQ(w.priority, 0.0);
  EXPECT_DOUBLE_EQ(w.competence, ScoreWeights{}.competence);

  auto e = errors_of(R"({"distnce": 1})");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].where, "w.json:0");
  EXPECT_EQ(e[0].column, "distnce");
  e = errors_of(R"({"hours": -1, "interest": "high"})");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].column, "hours");
  EXPECT_EQ(e[1].column, "interest");
  e = errors_of(R"({"competence":0,"distance":0,"hours":0,"interest":0,"priority":0,"mentor_language":0})");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].message.find("zero"), std::string::npos);
  EXPECT_EQ(errors_of("{\"hours\": ").size(), 1u);
  EXPECT_EQ(errors_of("[1, 2]").size(), 1u);
  EXPECT_TRUE(errors_of("{}").empty());

  const auto dir = std::filesystem::temp_directory_path() /
                   ("placematch_scoring_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "weights.json") << R"({"interest": 0.9})";
  }
  EXPECT_DOUBLE_EQ(load_weights(dir / "weights.json").interest, 0.9);
  EXPECT_THROW(load_weights(dir / "missing.json"), InputError);
  std::filesystem::remove_all(dir);
}

TEST(ScoringTest, ProtectedAttributesDoNotEnterTheScore) {
  // Citizens differing only in their languages score the same on pairs that need no
  // mentor (languages count only for the mentor match).
  Instance in = random_instance(5);
  const CandidateGraph g0 = build_candidates(in);
  Index best = 0;  // the citizen with the most pairs
  for (Index c = 0; c < Index(in.citizens.size()); ++c)
    if (g0.end(c) - g0.begin(c) > g0.end(best) - g0.begin(best)) best = c;
  std::swap(in.citizens[0], in.citizens[static_cast<std::size_t>(best)]);
  in.citizens.push_back(in.citizens[0]);
  in.citizens.back().id = "twin";
  in.citizens.back().languages = codes(in, "ti;fa");
  in.finalize();
  const Index twin = static_cast<Index>(in.citizens.size() - 1);
  const CandidateGraph g = build_candidates(in);
  ASSERT_EQ(g.end(0) - g.begin(0), g.end(twin) - g.begin(twin));
  int compared = 0;
  for (std::int64_t i = 0; i < g.end(0) - g.begin(0); ++i) {
    const auto a = static_cast<std::size_t>(g.begin(0) + i), b = static_cast<std::size_t>(g.begin(twin) + i);
    if (!g.needs_mentor[a]) {
      EXPECT_EQ(g.score[a], g.score[b]);
      ++compared;
    }
  }
  EXPECT_GT(compared, 0);
}

}  // namespace
