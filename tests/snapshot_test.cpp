// Snapshots (placematch/planner/snapshot.hpp): the file is read back as written; every
// truncation and every changed byte of a small snapshot is a located input error, never a
// crash; a foreign or newer file likewise. And the warm start: a Planner of a changed
// instance (seats, a pin, a resident removed, an opening removed) warm from the snapshot of
// the original has the value and status of a cold match() of the changed instance (the cold
// solver itself is checked against brute force in solve_test and planner_test), keeps every
// rule (check_plan) and gives the same plan every time.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "candidates_support.hpp"
#include "placematch/io/files.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/planner/planner.hpp"
#include "placematch/planner/snapshot.hpp"
#include "placematch/rules/decisions.hpp"
#include "placematch/rules/rules.hpp"
#include "placematch/synth/generate.hpp"
#include "placematch/version.hpp"
#include "snapshot_bytes.hpp"
#include "test_random.hpp"

using namespace placematch;
using namespace pmtest;

namespace {

std::size_t at(Index i) { return static_cast<std::size_t>(i); }

Instance small_instance(std::uint64_t seed) {
  RandomShape shape;
  shape.areas = 2;
  shape.companies = 4;
  shape.openings = 5;
  shape.citizens = 7;
  shape.forbids = 2;
  return random_instance(seed, shape);
}

// The one diagnostic of a bad snapshot: located at the file, column `file`.
std::string load_error(std::string_view bytes) {
  try {
    parse_snapshot(bytes, "state.pms");
  } catch (const InputError& e) {
    EXPECT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].where, "state.pms:0");
    EXPECT_EQ(e.errors()[0].column, "file");
    return e.errors()[0].message;
  }
  return "";
}

// The instance without citizen `gone` (decisions of it dropped, the others renumbered).
Instance without_citizen(const Instance& in, Index gone) {
  Instance out = in;
  out.citizens.erase(out.citizens.begin() + gone);
  out.decisions.clear();
  for (Decision d : in.decisions) {
    if (d.citizen == gone) continue;
    if (d.citizen > gone) --d.citizen;
    out.decisions.push_back(d);
  }
  out.finalize();
  return out;
}

// The instance without opening `gone`.
Instance without_opening(const Instance& in, Index gone) {
  Instance out = in;
  out.openings.erase(out.openings.begin() + gone);
  out.decisions.clear();
  for (Decision d : in.decisions) {
    if (d.opening == gone) continue;
    if (d.opening > gone) --d.opening;
    out.decisions.push_back(d);
  }
  out.finalize();
  return out;
}

void expect_same_value_once(const Instance& changed, const Snapshot& snap, const std::string& what);

// Both ways a snapshot is used: as saved (a snapshot whose solve had binding mentor pools
// starts nothing), and forced to seed the engine (the flow warm, then the search over
// mentor pools from a cold flow).
void expect_same_value(const Instance& changed, const Snapshot& snap, const std::string& what) {
  expect_same_value_once(changed, snap, what);
  if (snap.pools_bound) {
    Snapshot forced = snap;
    forced.pools_bound = false;
    expect_same_value_once(changed, forced, what + ", seeded although pools bound");
  }
}

void expect_same_value_once(const Instance& changed, const Snapshot& snap, const std::string& what) {
  SCOPED_TRACE(what);
  const MatchResult cold = match(changed);
  Planner warm(changed);
  warm.warm_start(snap);
  const MatchResult& w = warm.plan();
  EXPECT_EQ(w.plan.status, cold.plan.status);
  EXPECT_EQ(w.plan.placed, cold.plan.placed);
  EXPECT_EQ(w.plan.score, cold.plan.score);
  EXPECT_EQ(w.plan.bound_placed, cold.plan.bound_placed);
  EXPECT_EQ(w.plan.bound_score, cold.plan.bound_score);
  EXPECT_TRUE(check_plan(changed, w.graph, w.plan).empty());
  // The same plan every time for the same snapshot and input.
  Planner again(changed);
  again.warm_start(snap);
  const Plan& a = again.plan().plan;
  ASSERT_EQ(a.placements.size(), w.plan.placements.size());
  for (std::size_t i = 0; i < a.placements.size(); ++i) {
    EXPECT_EQ(a.placements[i].citizen, w.plan.placements[i].citizen);
    EXPECT_EQ(a.placements[i].opening, w.plan.placements[i].opening);
    EXPECT_EQ(a.placements[i].mentor, w.plan.placements[i].mentor);
  }
}

}  // namespace

TEST(Snapshot, ReadsBackWhatItWrote) {
  GenerateOptions gen;  // the generator's instances are valid files (the tests' random ones need not be)
  gen.citizens = 80;
  gen.openings = 25;
  gen.seed = 11;
  const Instance in = generate_instance(gen);
  Planner planner(in);
  const Snapshot s = planner.snapshot();
  const Snapshot r = parse_snapshot(snapshot_bytes(s), "state.pms");
  EXPECT_EQ(r.instance_json, instance_json_text(in));
  EXPECT_EQ(r.placematch_version, PLACEMATCH_VERSION_STRING);
  EXPECT_EQ(r.objective, s.objective);
  EXPECT_EQ(r.status, planner.plan().plan.status);
  EXPECT_EQ(r.placed, planner.plan().plan.placed);
  EXPECT_EQ(r.score, planner.plan().plan.score);
  EXPECT_EQ(r.bound_placed, s.bound_placed);
  EXPECT_EQ(r.bound_score, s.bound_score);
  ASSERT_EQ(r.plan.placements.size(), planner.plan().plan.placements.size());
  for (std::size_t i = 0; i < r.plan.placements.size(); ++i) {
    const Placement& p = planner.plan().plan.placements[i];
    EXPECT_EQ(r.plan.placements[i].citizen, in.citizens[at(p.citizen)].id);
    EXPECT_EQ(r.plan.placements[i].opening, in.openings[at(p.opening)].id);
    EXPECT_EQ(r.plan.placements[i].mentor.has_value(), p.mentor != kNone);
  }
  EXPECT_EQ(r.pools_bound, s.pools_bound);
  EXPECT_EQ(r.opening_prices, s.opening_prices);
  EXPECT_EQ(r.company_prices, s.company_prices);
  // The instance in it loads back to the same instance: the same records (list items may
  // come back in another order: codes are interned as read), so the same optimum.
  const Instance back = snapshot_instance(r, "state.pms");
  ASSERT_EQ(back.citizens.size(), in.citizens.size());
  ASSERT_EQ(back.openings.size(), in.openings.size());
  for (std::size_t c = 0; c < in.citizens.size(); ++c) EXPECT_EQ(back.citizens[c].id, in.citizens[c].id);
  Snapshot again = r;
  again.instance_json = instance_json_text(back);
  EXPECT_EQ(instance_json_text(snapshot_instance(again)), again.instance_json);  // a fixed point
  const MatchResult m = match(back);
  EXPECT_EQ(m.plan.placed, r.placed);
  EXPECT_EQ(m.plan.score, r.score);
}

TEST(Snapshot, EveryTruncationIsALocatedError) {
  Planner planner(small_instance(3));
  const std::string bytes = snapshot_bytes(planner.snapshot());
  ASSERT_GT(bytes.size(), 100u);
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    const std::string message = load_error(std::string_view(bytes).substr(0, n));
    ASSERT_FALSE(message.empty()) << "a snapshot cut to " << n << " bytes was read";
  }
  EXPECT_NE(load_error(std::string_view(bytes).substr(0, 40)).find("truncated"), std::string::npos);
  // Bytes appended are refused too.
  EXPECT_FALSE(load_error(bytes + "x").empty());
}

TEST(Snapshot, EveryChangedByteIsALocatedError) {
  Planner planner(small_instance(4));
  const std::string bytes = snapshot_bytes(planner.snapshot());
  Rng r(77);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (const unsigned char mask : {0x01u, 0x80u, static_cast<unsigned>(1 + r.integer(0, 254))}) {
      std::string bad = bytes;
      bad[i] = static_cast<char>(static_cast<unsigned char>(bad[i]) ^ mask);
      ASSERT_FALSE(load_error(bad).empty()) << "byte " << i << " ^ " << int(mask) << " went unseen";
    }
  }
  // A changed payload byte is a checksum error (not a decoding accident).
  std::string bad = bytes;
  bad[bytes.size() / 2] ^= 0x20;
  EXPECT_NE(load_error(bad).find("checksum"), std::string::npos);
}

TEST(Snapshot, ForeignNewerAndEmptyFilesAreLocatedErrors) {
  Planner planner(small_instance(5));
  std::string bytes = snapshot_bytes(planner.snapshot());
  EXPECT_NE(load_error("{\"format\": \"placematch-result/2\"}").find("not a placematch snapshot"), std::string::npos);
  EXPECT_NE(load_error("").find("empty"), std::string::npos);
  std::string newer = bytes;
  newer[16] = static_cast<char>(Snapshot::kFormatVersion + 1);  // the version field (little-endian)
  EXPECT_NE(load_error(newer).find("newer"), std::string::npos);
  // A valid header and checksum over a payload that is no archive of ours.
  EXPECT_NE(load_error(snapshot_around("not a boost archive at all")).find("unreadable"), std::string::npos);
  std::string older = bytes;
  older[16] = static_cast<char>(Snapshot::kFormatVersion - 1);
  EXPECT_NE(load_error(older).find("save the snapshot again"), std::string::npos);
}

// The checksum is no signature: a crafted payload with a valid one must still be refused
// without allocating what its lengths claim. Every 8-byte window of a real payload is set in
// turn to lengths no payload can hold (all bits, 2^62, the payload's size + 1, a text-sized
// excess) with the checksum made valid again: each file is read or refused as an unreadable
// payload, and never by running out of memory (the reader checks lengths before it allocates;
// under the sanitizers an allocation beyond the machine aborts the test).
TEST(Snapshot, CraftedLengthsWithAValidChecksumAreRefusedBeforeAllocating) {
  Planner planner(small_instance(7));
  const std::string bytes = snapshot_bytes(planner.snapshot());
  const std::string payload = bytes.substr(36);
  ASSERT_EQ(snapshot_around(payload), bytes);  // the tests' header writer agrees with the real one
  int refused = 0;
  for (std::size_t at = 0; at + 8 <= payload.size(); ++at) {
    for (const std::uint64_t value : {std::uint64_t{~0ull}, std::uint64_t{1ull << 62}, static_cast<std::uint64_t>(payload.size()) + 1,
                                      static_cast<std::uint64_t>(payload.size()) * 1000}) {
      std::string crafted = payload;
      for (int i = 0; i < 8; ++i) crafted[at + i] = static_cast<char>((value >> (8 * i)) & 0xff);
      std::string message;
      try {
        parse_snapshot(snapshot_around(crafted), "state.pms");
        continue;  // the window held a number, not a length
      } catch (const InputError& e) {
        ASSERT_EQ(e.errors().size(), 1u);
        message = e.errors()[0].str();
      }
      ++refused;
      EXPECT_EQ(message.find("bad_alloc"), std::string::npos) << "at byte " << at << ": " << message;
      EXPECT_EQ(message.rfind("state.pms:0: file: ", 0), 0u) << message;
    }
  }
  EXPECT_GT(refused, 0);  // the lengths were met (the payload has a dozen texts and lists)
}

TEST(Snapshot, SavedAtomicallyAndReadByFileName) {
  Planner planner(small_instance(6));
  const auto dir = std::filesystem::temp_directory_path() / ("pm_snapshot_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "state.pms";
  save_snapshot(planner.snapshot(), file);
  EXPECT_EQ(read_snapshot(file).placed, planner.plan().plan.placed);
  for (const auto& entry : std::filesystem::directory_iterator(dir))  // no temporary file left
    EXPECT_EQ(entry.path().filename(), "state.pms");
  try {
    read_snapshot(dir / "missing.pms");
    ADD_FAILURE() << "a missing snapshot was read";
  } catch (const InputError& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].str().rfind("missing.pms:0: file: ", 0), 0u) << e.errors()[0].str();
  }
  std::filesystem::remove_all(dir);
}

// The instance without mentor needs: no mentor pool can bind, the plan is one flow.
Instance without_mentor_needs(Instance in) {
  for (Citizen& c : in.citizens) c.needs_mentor = false;
  for (Opening& o : in.openings) o.mentor_required = false;
  std::erase_if(in.decisions, [](const Decision& d) { return d.mentor != kNone; });
  in.finalize();
  return in;
}

TEST(Snapshot, WarmEqualsColdOnChangedInstances) {
  for (std::uint64_t run = 2; run <= 24; ++run) {
    const std::uint64_t seed = run / 2;
    SCOPED_TRACE("seed " + std::to_string(seed) + (run % 2 ? ", without mentor needs" : ""));
    const Instance a = run % 2 ? without_mentor_needs(random_instance(seed)) : random_instance(seed);
    Planner pa(a);
    const Snapshot snap = parse_snapshot(snapshot_bytes(pa.snapshot()), "state.pms");
    if (run % 2) EXPECT_FALSE(snap.pools_bound);
    Rng r(seed * 1000 + 7);
    expect_same_value(a, snap, "unchanged");
    // Seats: some openings lose or gain seats.
    Instance seats = a;
    for (Opening& o : seats.openings)
      if (r.chance(0.3)) o.seats = std::max(1, o.seats + r.integer(-2, 2));
    seats.finalize();
    expect_same_value(seats, snap, "seats");
    // A pin: a feasible pair not in the plan, of a citizen without a pin.
    const CandidateGraph& g = pa.graph();
    for (int tries = 0; tries < 20; ++tries) {
      const Index c = r.integer(0, static_cast<int>(a.citizens.size()) - 1);
      if (g.begin(c) == g.end(c)) continue;
      const std::int64_t e = g.begin(c) + r.integer(0, static_cast<int>(g.end(c) - g.begin(c)) - 1);
      Instance pinned = a;
      add_decision(pinned, c, g.opening[static_cast<std::size_t>(e)], DecisionKind::Pin);
      pinned.finalize();
      if (!check_decisions(pinned).empty()) continue;
      expect_same_value(pinned, snap, "pin");
      break;
    }
    // A resident removed: a placed one when there is one.
    Index gone = 0;
    if (!pa.plan().plan.placements.empty())
      gone = pa.plan().plan.placements[at(r.integer(0, static_cast<int>(pa.plan().plan.placements.size()) - 1))].citizen;
    expect_same_value(without_citizen(a, gone), snap, "citizen removed");
    // An opening removed, and the objective changed (the prices are then not used).
    expect_same_value(without_opening(a, r.integer(0, static_cast<int>(a.openings.size()) - 1)), snap, "opening removed");
  }
}

TEST(Snapshot, WarmForTheScoreObjective) {
  for (std::uint64_t seed = 20; seed <= 25; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Instance a = random_instance(seed);
    MatchOptions opt;
    opt.solve.objective = Objective::Score;
    Planner pa(a, opt);
    const Snapshot snap = pa.snapshot();
    Instance seats = a;
    for (Opening& o : seats.openings) o.seats += 1;
    seats.finalize();
    const MatchResult cold = match(seats, opt);
    Planner warm(seats, opt);
    warm.warm_start(snap);
    EXPECT_EQ(warm.plan().plan.status, cold.plan.status);
    EXPECT_EQ(warm.plan().plan.score, cold.plan.score);
    // A snapshot of the other objective: its plan is a hint, its prices are not used.
    Planner other(seats);
    other.warm_start(snap);
    const MatchResult cold_p = match(seats);
    EXPECT_EQ(other.plan().plan.placed, cold_p.plan.placed);
    EXPECT_EQ(other.plan().plan.score, cold_p.plan.score);
  }
}

TEST(Snapshot, MatcherWarmStartMisuseNamesTheElement) {
  const Instance in = random_instance(9);
  Planner planner(in);
  Matcher m(make_problem(in, planner.graph()));
  auto message = [&](const WarmStart& w) -> std::string {
    try {
      m.warm_start(w);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "";
  };
  WarmStart w;
  w.citizen_arc.assign(3, kNone);
  EXPECT_NE(message(w).find("citizen_arc has 3 entries"), std::string::npos);
  w.citizen_arc.assign(in.citizens.size(), kNone);
  Index c = 0;
  while (planner.graph().begin(c) == planner.graph().end(c)) ++c;
  w.citizen_arc[at(c)] = planner.graph().end(c);  // the next citizen's first arc
  EXPECT_NE(message(w).find("citizen_arc[" + std::to_string(c) + "]"), std::string::npos);
  w.citizen_arc[at(c)] = kNone;
  w.opening_dual.assign(in.openings.size(), 0);
  w.opening_dual[2] = -5;
  EXPECT_NE(message(w).find("opening_dual[2] is negative"), std::string::npos);
  w.opening_dual[2] = 0;
  EXPECT_EQ(message(w), "");
  EXPECT_EQ(m.run(), match(in).solution.status);
}
