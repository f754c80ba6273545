// The candidate graph against a brute-force oracle of the seven rules, written here
// independently of placematch/rules/rules.hpp.
#include "placematch/candidates/candidates.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <tuple>

#include "candidates_support.hpp"
#include "placematch/synth/generate.hpp"

namespace {

using namespace placematch;
using namespace pmtest;


int held(const CodeLevels& list, CodeId code) {
  for (const CodeLevel& cl : list)
    if (cl.code == code) return cl.level;
  return 0;
}

/// Every feasible pair: (citizen, opening, needs_mentor), by checking every pair.
std::set<std::tuple<Index, Index, int>> oracle_pairs(const Instance& in) {
  std::set<std::tuple<Index, Index, int>> out;
  for (std::size_t ci = 0; ci < in.citizens.size(); ++ci) {
    const Citizen& c = in.citizens[ci];
    const Area& a = in.areas[static_cast<std::size_t>(c.area)];
    for (std::size_t oi = 0; oi < in.openings.size(); ++oi) {
      const Opening& o = in.openings[oi];
      const Company& k = in.companies[static_cast<std::size_t>(o.company)];
      if (oracle_km(a.lat, a.lon, k.lat, k.lon) > c.max_km + 1e-9) continue;
      if (std::max(c.hours - c.hours_tolerance, o.hours_min) >
          std::min(c.hours + c.hours_tolerance, o.hours_max) + 1e-9)
        continue;
      bool ok = true;
      for (const CodeLevel& r : o.required) ok = ok && held(c.competences, r.code) >= r.level;
      for (const CodeLevel& b : c.barriers)
        for (const CodeLevel& l : o.barrier_limits)
          if (l.code == b.code && b.level > l.level) ok = false;
      if (!o.groups.empty()) {
        bool in_group = false;
        for (CodeId g : o.groups) in_group = in_group || g == c.target_group;
        ok = ok && in_group;
      }
      if (o.age_min && c.age < *o.age_min) ok = false;
      if (o.age_max && c.age > *o.age_max) ok = false;
      if (c.age < 18 && !(o.kind == OpeningKind::LeisureJob || o.kind == OpeningKind::Internship)) ok = false;
      if (o.kind == OpeningKind::LeisureJob && !(c.age >= 13 && c.age <= 17)) ok = false;
      for (Index x : c.excluded_companies) ok = ok && x != o.company;
      for (const Decision& d : in.decisions)
        if (d.kind == DecisionKind::Forbid && d.citizen == static_cast<Index>(ci) &&
            d.opening == static_cast<Index>(oi))
          ok = false;
      const bool mentor = c.needs_mentor || o.mentor_required;
      if (mentor) {
        bool free = false;
        for (const Mentor& m : in.mentors) free = free || (m.company == o.company && m.capacity - m.carrying_now >= 1);
        ok = ok && free;
      }
      if (ok) out.emplace(static_cast<Index>(ci), static_cast<Index>(oi), mentor ? 1 : 0);
    }
  }
  return out;
}

std::set<std::tuple<Index, Index, int>> graph_pairs(const CandidateGraph& g) {
  std::set<std::tuple<Index, Index, int>> out;
  for (std::size_t c = 0; c < g.num_citizens(); ++c)
    for (std::int64_t e = g.begin(static_cast<Index>(c)); e < g.end(static_cast<Index>(c)); ++e)
      out.emplace(static_cast<Index>(c), g.opening[static_cast<std::size_t>(e)], g.needs_mentor[static_cast<std::size_t>(e)]);
  return out;
}

void expect_well_formed(const Instance& in, const CandidateGraph& g) {
  ASSERT_EQ(g.num_citizens(), in.citizens.size());
  ASSERT_EQ(g.offsets.front(), 0);
  ASSERT_EQ(static_cast<std::size_t>(g.offsets.back()), g.size());
  ASSERT_EQ(g.score.size(), g.size());
  ASSERT_EQ(g.km.size(), g.size());
  ASSERT_EQ(g.needs_mentor.size(), g.size());
  for (std::size_t c = 0; c < g.num_citizens(); ++c) {
    for (std::int64_t e = g.begin(static_cast<Index>(c)) + 1; e < g.end(static_cast<Index>(c)); ++e)
      EXPECT_LT(g.opening[static_cast<std::size_t>(e - 1)], g.opening[static_cast<std::size_t>(e)]);
  }
  for (std::size_t e = 0; e < g.size(); ++e) {
    EXPECT_GE(g.score[e], 0);
    EXPECT_LE(g.score[e], 1'000'000);
  }
}

TEST(CandidatesTest, EqualsBruteForceOnRandomInstances) {
  std::size_t total = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const Instance in = random_instance(seed);
    const CandidateGraph g = build_candidates(in, {});
    expect_well_formed(in, g);
    const auto want = oracle_pairs(in);
    EXPECT_EQ(graph_pairs(g), want) << "seed " << seed;
    total += want.size();
    // km is the great-circle distance.
    for (std::size_t c = 0; c < g.num_citizens(); ++c)
      for (std::int64_t e = g.begin(static_cast<Index>(c)); e < g.end(static_cast<Index>(c)); ++e) {
        const Area& a = in.areas[static_cast<std::size_t>(in.citizens[c].area)];
        const Company& k = in.companies[static_cast<std::size_t>(in.openings[static_cast<std::size_t>(g.opening[static_cast<std::size_t>(e)])].company)];
        EXPECT_NEAR(g.km[static_cast<std::size_t>(e)], oracle_km(a.lat, a.lon, k.lat, k.lon), 1e-9);
      }
  }
  EXPECT_GT(total, 1000u);  // the instances are not trivially empty
}

TEST(CandidatesTest, FindLocatesArcs) {
  const Instance in = random_instance(7);
  const CandidateGraph g = build_candidates(in, {});
  const auto want = oracle_pairs(in);
  for (std::size_t c = 0; c < in.citizens.size(); ++c)
    for (std::size_t o = 0; o < in.openings.size(); ++o) {
      const std::int64_t e = g.find(static_cast<Index>(c), static_cast<Index>(o));
      const bool feasible = want.count({static_cast<Index>(c), static_cast<Index>(o), 0}) ||
                            want.count({static_cast<Index>(c), static_cast<Index>(o), 1});
      EXPECT_EQ(e >= 0, feasible);
      if (e >= 0) EXPECT_EQ(g.opening[static_cast<std::size_t>(e)], static_cast<Index>(o));
    }
}

TEST(CandidatesTest, SameGraphForAnyThreadCount) {
  RandomShape big;
  big.areas = 12;
  big.companies = 60;
  big.openings = 150;
  big.citizens = 1500;
  big.forbids = 200;
  const Instance in = random_instance(99, big);
  CandidateOptions one, two, three;
  one.threads = 1;
  two.threads = 2;
  three.threads = 3;
  const CandidateGraph a = build_candidates(in, one);
  const CandidateGraph b = build_candidates(in, two);
  const CandidateGraph c = build_candidates(in, three);
  EXPECT_GT(a.size(), 3000u);
  for (const CandidateGraph* x : {&b, &c}) {
    EXPECT_EQ(a.offsets, x->offsets);
    EXPECT_EQ(a.opening, x->opening);
    EXPECT_EQ(a.score, x->score);
    EXPECT_EQ(a.km, x->km);
    EXPECT_EQ(a.needs_mentor, x->needs_mentor);
  }
  EXPECT_EQ(graph_pairs(a), oracle_pairs(in));
}

// A generated town-clustered instance: many citizens per area with different reach, long
// opening lists per area (the builder keeps one bit per opening in reach, several words
// per citizen here). The graph is the oracle's for 1, 2 and 4 threads, array for array
// the same, and its scores are the explanations' scores.
TEST(CandidatesTest, GeneratedInstanceSameGraphForOneTwoFourThreads) {
  GenerateOptions go;
  go.citizens = 3000;
  go.openings = 900;
  go.seed = 5;
  const Instance in = generate_instance(go);
  CandidateOptions one, two, four;
  one.threads = 1;
  two.threads = 2;
  four.threads = 4;
  const CandidateGraph a = build_candidates(in, one);
  expect_well_formed(in, a);
  EXPECT_EQ(graph_pairs(a), oracle_pairs(in));
  std::size_t widest = 0;
  for (std::size_t c = 0; c < a.num_citizens(); ++c)
    widest = std::max(widest, static_cast<std::size_t>(a.end(Index(c)) - a.begin(Index(c))));
  EXPECT_GT(widest, 64u);  // some citizen's bits span more than one word
  for (const CandidateOptions* opt : {&two, &four}) {
    const CandidateGraph x = build_candidates(in, *opt);
    EXPECT_EQ(a.offsets, x.offsets);
    EXPECT_EQ(a.opening, x.opening);
    EXPECT_EQ(a.score, x.score);
    EXPECT_EQ(a.km, x.km);
    EXPECT_EQ(a.needs_mentor, x.needs_mentor);
  }
  // Every 97th arc: the stored score is the explanation's (mentor shares included).
  std::size_t mentored = 0;
  for (std::size_t c = 0; c < a.num_citizens(); ++c)
    for (std::int64_t e = a.begin(Index(c)); e < a.end(Index(c)); ++e) {
      const auto at = static_cast<std::size_t>(e);
      if (at % 97 != 0 && !(a.needs_mentor[at] && at % 7 == 0)) continue;
      mentored += a.needs_mentor[at];
      EXPECT_EQ(explain_score(in, Index(c), a.opening[at]).score, a.score[at]);
    }
  EXPECT_GT(mentored, 10u);
}

TEST(CandidatesTest, FarReachAndEmptyInstance) {
  Instance empty;
  empty.finalize();
  EXPECT_EQ(build_candidates(empty).size(), 0u);

  // A citizen reaching 20000 km (the contract's maximum) reaches the antipode's neighbourhood.
  Instance in;
  add_default_groups(in);
  const Index a = add_area(in, "a", 55, 10);
  const Index k = add_company(in, "k", -46.5, -170.0);  // about 19070 km away
  add_opening(in, "o", k);
  add_citizen(in, "c", a).max_km = 20000;
  add_citizen(in, "d", a).max_km = 19000;
  in.finalize();
  const CandidateGraph g = build_candidates(in);
  EXPECT_EQ(graph_pairs(g), oracle_pairs(in));
  EXPECT_EQ(g.size(), 1u);
}

}  // namespace

// The contract's conformance instance (shared/conformance/rules), read by the CSV loader:
// the candidate graph must list exactly the pairs of expected-pairs.csv (computed by an
// independent implementation of the contract), and its pins must pass check_decisions.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "placematch/rules/decisions.hpp"
#include "placematch/io/files.hpp"

namespace {

std::filesystem::path conformance_dir() {
  const std::filesystem::path p(PLACEMATCH_CONFORMANCE_DIR);
  if (std::filesystem::exists(p / "rules" / "expected-pairs.csv")) return p;
  return {};
}

TEST(CandidatesTest, ConformanceRulesExpectedPairs) {
  const auto dir = conformance_dir();
  if (dir.empty()) GTEST_SKIP() << "conformance kit not found";
  const LoadResult r = load_instance(dir / "rules");
  ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors.front().str());
  const Instance& in = *r.instance;
  std::set<std::tuple<std::string, std::string, int>> want, got;
  std::ifstream f(dir / "rules" / "expected-pairs.csv");
  std::string line;
  std::getline(f, line);  // header citizen,opening,needs_mentor
  while (std::getline(f, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::stringstream s(line);
    std::string c, o, m;
    std::getline(s, c, ',');
    std::getline(s, o, ',');
    std::getline(s, m, ',');
    want.emplace(c, o, std::stoi(m));
  }
  const CandidateGraph g = build_candidates(in);
  for (std::size_t c = 0; c < g.num_citizens(); ++c)
    for (std::int64_t e = g.begin(Index(c)); e < g.end(Index(c)); ++e)
      got.emplace(in.citizens[c].id, in.openings[static_cast<std::size_t>(g.opening[static_cast<std::size_t>(e)])].id,
                  g.needs_mentor[static_cast<std::size_t>(e)]);
  EXPECT_FALSE(want.empty());
  EXPECT_EQ(got, want);
  EXPECT_TRUE(check_decisions(in).empty());

  // errors/pin-breaks-rule: the pin at line 3 breaks the hours rule.
  const LoadResult broken = load_instance(dir / "errors" / "pin-breaks-rule");
  ASSERT_TRUE(broken.ok());
  const Diagnostics d = check_decisions(*broken.instance);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].str().rfind("decisions.csv:3: opening: pin breaks the hours rule", 0), 0u) << d[0].str();
}

}  // namespace
