// The API other programs rely on: a Matcher cannot dangle and its problem cannot change
// behind its back; misuse names the element; validate(Instance) gives an instance built in
// code the loaders' own located messages (oracle: the same instance written as
// instance.json and read back by the file loader).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "candidates_support.hpp"
#include "placematch/engine/solve.hpp"
#include "placematch/io/files.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/planner/planner.hpp"
#include "placematch/synth/generate.hpp"
#include "placematch/rules/decisions.hpp"
#include "placematch/rules/validate.hpp"
#include "test_files.hpp"

using namespace placematch;

namespace {

// n citizens x m openings, every pair, scores from the tests' seeded generator.
MatchingProblem random_problem(std::uint64_t seed, int n, int m) {
  pmtest::Rng r(seed);
  MatchingProblem p;
  p.num_citizens = n;
  p.num_openings = m;
  for (int o = 0; o < m; ++o) p.seats.push_back(r.integer(1, 2));
  p.opening_cap_group.assign(static_cast<std::size_t>(m), kNone);
  p.opening_pool.assign(static_cast<std::size_t>(m), kNone);
  for (int c = 0; c < n; ++c) {
    for (int o = 0; o < m; ++o)
      if (r.chance(0.6)) {
        p.arc_opening.push_back(o);
        p.arc_score.push_back(r.integer(0, 1'000'000));
        p.arc_pooled.push_back(0);
      }
    p.arc_begin.push_back(static_cast<std::int64_t>(p.arc_opening.size()));
  }
  return p;
}

Index citizen_of(const CandidateGraph& g, std::int64_t arc) {
  const auto it = std::upper_bound(g.offsets.begin(), g.offsets.end(), arc);
  return static_cast<Index>(it - g.offsets.begin() - 1);
}

std::string all(const Diagnostics& list) {
  std::string s;
  for (const Diagnostic& d : list) s += d.str() + "\n";
  return s;
}

// The oracle: the file loader's messages for the same instance written as instance.json
// (then the pins' checks, as `placematch validate` runs them), located as "instance:".
std::string loader_messages(const Instance& in, const std::filesystem::path& dir) {
  const auto file = dir / "instance.json";
  write_instance_json(in, file);
  LoadResult r = load_instance(file);
  Diagnostics errors = r.errors;
  if (errors.empty()) errors = check_decisions(*r.instance);
  std::string s = all(errors);
  for (std::size_t at = s.find("instance.json:"); at != std::string::npos; at = s.find("instance.json:", at))
    s.erase(at + 8, 5);  // "instance.json:" -> "instance:"
  return s;
}

}  // namespace

TEST(Api, MatcherOwnsATemporaryProblem) {
  // The problem is a temporary: the Matcher must own it (this used to dangle).
  Matcher m(random_problem(11, 9, 5));
  ASSERT_EQ(m.run(), Status::Optimal);
  const Solution expected = solve(random_problem(11, 9, 5));
  EXPECT_EQ(m.solution().citizen_arc, expected.citizen_arc);
  EXPECT_EQ(m.solution().score, expected.score);
}

TEST(Api, MatcherCopiesAnLvalueProblem) {
  MatchingProblem p = random_problem(12, 8, 4);
  const Solution expected = solve(p);
  Matcher m(p);
  // The caller changes (and then destroys) its problem: the Matcher solves its own copy.
  p.arc_begin.assign(1, 0);
  p.arc_opening.clear();
  p.arc_score.clear();
  p.num_citizens = 0;
  p = MatchingProblem{};
  ASSERT_EQ(m.run(), Status::Optimal);
  EXPECT_EQ(m.solution().citizen_arc, expected.citizen_arc);
  EXPECT_EQ(m.problem().num_citizens, 8);
}

TEST(Api, SharedProblemChangedBehindTheMatchersBackThrows) {
  auto p = std::make_shared<MatchingProblem>(random_problem(13, 8, 4));
  Matcher m{std::shared_ptr<const MatchingProblem>(p)};
  ASSERT_EQ(m.run(), Status::Optimal);
  const auto first = m.solution().citizen_arc;
  p->arc_score[0] = p->arc_score[0] == 0 ? 1 : 0;  // through the non-const handle
  try {
    m.run();
    FAIL() << "a changed shared problem was solved";
  } catch (const std::logic_error& e) {
    EXPECT_NE(std::string(e.what()).find("arc_score"), std::string::npos) << e.what();
  }
  MatchingProblem again = random_problem(13, 8, 4);
  p->arc_score = again.arc_score;  // restored: runs again, the same plan
  ASSERT_EQ(m.run(), Status::Optimal);
  EXPECT_EQ(m.solution().citizen_arc, first);
  p->arc_opening.push_back(0);  // a structural change (would read out of bounds)
  EXPECT_THROW(m.run(), std::logic_error);
}

TEST(Api, MisuseNamesTheElement) {
  Matcher m(random_problem(14, 5, 3));
  const std::int64_t arcs = m.problem().arc_begin.back();
  auto message = [](auto&& f) {
    try {
      f();
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no exception");
  };
  EXPECT_NE(message([&] { m.forbid(arcs); }).find("arc " + std::to_string(arcs) + " out of range"), std::string::npos);
  EXPECT_NE(message([&] { m.pin(-1); }).find("arc -1 out of range"), std::string::npos);
  EXPECT_NE(message([&] { m.set_seats(3, 1); }).find("opening 3 out of range [0, 3)"), std::string::npos);
  EXPECT_NE(message([&] { m.set_seats(1, -2); }).find("negative seats -2 for opening 1"), std::string::npos);
  MatchingProblem bad = random_problem(14, 5, 3);
  bad.arc_opening[0] = 7;
  EXPECT_NE(message([&] { Matcher{std::move(bad)}; }).find("arc opening out of range"), std::string::npos);
  EXPECT_THROW(Matcher(std::shared_ptr<const MatchingProblem>()), std::invalid_argument);
}

TEST(Api, ValidateAcceptsWhatTheLoaderAccepts) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const Instance in = pmtest::random_instance(seed);
    pmtest::TempDir dir("api", "valid" + std::to_string(seed));
    EXPECT_EQ(all(validate(in)), loader_messages(in, dir.path())) << "seed " << seed;
  }
}

TEST(Api, ValidateGivesTheLoadersMessages) {
  // Bad values of every kind, placed by the seeded generator; the oracle is the loader.
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    Instance in = pmtest::random_instance(seed);
    pmtest::Rng r(seed * 7919);
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(r.integer(0, static_cast<int>(n) - 1)); };
    in.citizens[pick(in.citizens.size())].max_km = -3;
    in.citizens[pick(in.citizens.size())].age = 200;
    in.citizens[pick(in.citizens.size())].id = in.citizens[0].id + "x";  // maybe a duplicate
    in.citizens[pick(in.citizens.size())].id = in.citizens[pick(in.citizens.size())].id;  // duplicate id
    in.citizens[pick(in.citizens.size())].competences.push_back({in.codes.intern("bad code!"), 2});
    in.openings[pick(in.openings.size())].hours_min = 50;  // beyond hours_max
    in.openings[pick(in.openings.size())].seats = 0;
    in.companies[pick(in.companies.size())].lat = 91;
    in.areas[pick(in.areas.size())].id = "";
    if (!in.mentors.empty()) in.mentors[pick(in.mentors.size())].capacity = -1;
    if (r.chance(0.5)) pmtest::add_decision(in, 0, 0, DecisionKind::Pin, in.mentors.empty() ? kNone : 0);
    pmtest::TempDir dir("api", "bad" + std::to_string(seed));
    const std::string expected = loader_messages(in, dir.path());
    EXPECT_FALSE(expected.empty());
    EXPECT_EQ(all(validate(in)), expected) << "seed " << seed;
    EXPECT_THROW(validate_or_throw(in), InputError);
  }
}

TEST(Api, ValidatePinsLikeTheCommandLine) {
  // A valid instance whose pin overfills an opening: check_decisions' message, located.
  Instance in = pmtest::random_instance(3);
  for (Mentor& m : in.mentors) {  // the generator may list a language twice
    std::sort(m.languages.begin(), m.languages.end());
    m.languages.erase(std::unique(m.languages.begin(), m.languages.end()), m.languages.end());
  }
  in.decisions.clear();
  in.openings[0].seats = 1;
  pmtest::add_decision(in, 0, 0, DecisionKind::Pin);
  pmtest::add_decision(in, 1, 0, DecisionKind::Pin);
  pmtest::TempDir dir("api", "pins");
  const std::string expected = loader_messages(in, dir.path());
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(all(validate(in)), expected);
  EXPECT_NE(expected.find("instance:decisions["), std::string::npos) << expected;
}

TEST(Api, ValidateReportsIndicesAndNumbersFilesCannotHold) {
  Instance in = pmtest::random_instance(4);
  in.citizens[2].area = 99;
  in.openings[1].company = -5;
  in.citizens[3].hours = std::nan("");
  in.decisions.push_back({0, 12345, DecisionKind::Forbid, kNone, ""});
  const std::string s = all(validate(in));
  EXPECT_NE(s.find("instance:citizens[2]: area: area index 99 out of range [0, 4)"), std::string::npos) << s;
  EXPECT_NE(s.find("instance:citizens[3]: hours: expected a number"), std::string::npos) << s;
  EXPECT_NE(s.find("instance:openings[1]: company: company index -5 out of range"), std::string::npos) << s;
  EXPECT_NE(s.find("opening index 12345 out of range"), std::string::npos) << s;
  EXPECT_NO_THROW(validate(Instance{}));
}

// The Planner keeps nothing of the caller's instance: it copies (or shares, const) it, so
// a caller that changes or destroys its own object afterwards changes none of its answers.
// Oracle: match() of an untouched copy, made before.
TEST(Api, PlannerKeepsNothingOfTheCallersInstance) {
  GenerateOptions gen;
  gen.citizens = 120;
  gen.openings = 40;
  gen.seed = 31;
  auto in = std::make_unique<Instance>(generate_instance(gen));
  const Instance untouched = *in;
  Planner planner(*in);
  const MatchResult expected = match(untouched);
  for (Opening& o : in->openings) o.seats = 1;  // the caller's object changes...
  in->citizens.resize(3);
  in->finalize();
  in.reset();                                       // ... and dies
  const MatchResult& got = planner.plan();
  EXPECT_EQ(got.plan.placed, expected.plan.placed);
  EXPECT_EQ(got.plan.score, expected.plan.score);
  EXPECT_EQ(planner.instance().citizens.size(), untouched.citizens.size());
  // pin replaces the planner's own instance; a shared_instance taken before stays as it was.
  const std::shared_ptr<const Instance> before = planner.shared_instance();
  const Placement first = got.plan.placements.front();
  planner.forbid(first.citizen, first.opening);
  EXPECT_TRUE(before->decisions.size() + 1 == planner.instance().decisions.size());
  EXPECT_EQ(instance_json_text(*before), instance_json_text(untouched));
}

// Misuse of the Planner is an exception naming the call, the element and the valid range;
// a pin's mentor of another company is the loaders' located input error.
TEST(Api, PlannerMisuseNamesTheElement) {
  GenerateOptions gen;
  gen.citizens = 80;
  gen.openings = 30;
  gen.seed = 32;
  const Instance in = generate_instance(gen);
  Planner planner(in);
  const auto n = std::to_string(in.citizens.size()), m = std::to_string(in.openings.size());
  auto message = [](auto&& f) -> std::string {
    try {
      f();
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_EQ(message([&] { planner.why(9999); }), "Planner::why: citizen 9999 out of range [0, " + n + ")");
  EXPECT_EQ(message([&] { planner.why(0, Index{-1}); }), "Planner::why: opening -1 out of range [0, " + m + ")");
  EXPECT_EQ(message([&] { planner.suggest_for_opening(static_cast<Index>(in.openings.size())); }),
            "Planner::suggest_for_opening: opening " + m + " out of range [0, " + m + ")");
  EXPECT_EQ(message([&] { planner.suggest_for_citizen(-3); }),
            "Planner::suggest_for_citizen: citizen -3 out of range [0, " + n + ")");
  EXPECT_EQ(message([&] { planner.price(0, 100000); }), "Planner::price: opening 100000 out of range [0, " + m + ")");
  EXPECT_EQ(message([&] { planner.pin(0, 0, 123456); }),
            "Planner::pin: mentor 123456 out of range [0, " + std::to_string(in.mentors.size()) + ")");
  EXPECT_EQ(message([&] { planner.unpin(-1, 0); }), "Planner::unpin: citizen -1 out of range [0, " + n + ")");
  // A pair that needs a mentor, pinned with a mentor of another company.
  const CandidateGraph& g = planner.graph();
  bool tried = false;
  for (std::size_t e = 0; e < g.size() && !tried; ++e) {
    if (!g.needs_mentor[e]) continue;
    const Index o = g.opening[e];
    for (std::size_t k = 0; k < in.mentors.size() && !tried; ++k) {
      if (in.mentors[k].company == in.openings[static_cast<std::size_t>(o)].company) continue;
      const Index c = citizen_of(g, static_cast<std::int64_t>(e));
      try {
        planner.pin(c, o, static_cast<Index>(k));
        ADD_FAILURE() << "a mentor of another company was accepted";
      } catch (const InputError& err) {
        EXPECT_NE(all(err.errors()).find("works at company"), std::string::npos) << all(err.errors());
      }
      tried = true;
    }
  }
  EXPECT_TRUE(tried);
  // After every refused call the planner answers as before.
  EXPECT_EQ(planner.plan().plan.placed, match(in).plan.placed);
}
