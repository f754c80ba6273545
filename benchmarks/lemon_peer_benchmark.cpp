// placematch's solver against LEMON's min-cost-flow solvers on the very same graph.
//
// The problem is the pure flow core of a generated instance: make_problem on its
// candidate graph, then the reasonableness cap groups, the mentor pools and the pins are
// cleared. What is left is "each citizen at most one placement, each opening at most
// `seats`", objective Placements (most placements, then the highest total score). For LEMON
// it is the min-cost flow
//   citizen (supply 1) --(cap 1, cost -(BIG + score))--> opening --(cap seats, 0)--> sink
//   citizen --(cap 1, cost 0)--> sink                      (the "unplaced" option)
// with the sink's supply -citizens and BIG = 1e6 * (min(citizens, total seats) + 1), which
// makes the costs lexicographic: a plan with one more placement always costs less.
//
//   peer/placematch/SCALE       placematch::Matcher (construction + run)
//   peer/lemon_ns/SCALE         lemon::NetworkSimplex (construction + maps + run)
//   peer/lemon_cs/SCALE         lemon::CostScaling (construction + maps + run)
//   peer/summary/SCALE          the three times and ratio = placematch / min(NS, CS)
//
// The reported time is the solving thread's CPU time (all three are single-threaded, and
// CPU time does not count other processes on a shared machine); wall time is a counter
// (wall_s, ratio_wall). The LEMON digraph is built once per scale, outside the timed loops (its build time is a
// counter). Every benchmark checks its answer against another solver: placematch against
// LEMON NetworkSimplex, LEMON against placematch (placements and score must be equal; each
// plan is also checked for feasibility here, independently of both), and fails with
// SkipWithError on any mismatch, so this is an oracle for the solver at scale.
// National scale runs one iteration; skip it with --benchmark_filter='municipal|regional'.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <exception>
#include <memory>
#include <optional>
#include <string>

#include "lemon_flow.hpp"
#include "support.hpp"

namespace placematch::bench {
namespace {

enum Peer { kPlacematch = 0, kNetworkSimplex = 1, kCostScaling = 2 };
constexpr std::array<const char*, 3> kPeerName = {"placematch", "lemon_ns", "lemon_cs"};

/// The value of a plan: placements and total score (millionths).
struct Value {
  std::int64_t placed = 0;
  std::int64_t score = 0;
  friend bool operator==(const Value&, const Value&) = default;
};

std::string describe(const Value& v) {
  std::string out = std::to_string(v.placed);
  out.append(" placed, score ").append(std::to_string(v.score));
  return out;
}

/// Time of one run: wall and the thread's CPU seconds. All three solvers are single-
/// threaded, so CPU time is the fair measure on a shared machine; both are reported.
struct Times {
  double wall = 0;
  double cpu = 0;
};

/// One scale's pure flow problem, its LEMON digraph, and what the peers found.
struct PeerCase {
  Scale scale;
  MatchingProblem problem;
  std::int64_t big = 0;
  std::unique_ptr<LemonFlow> lemon;
  double lemon_build_seconds = 0;
  std::array<std::optional<Value>, 3> value;    // each peer's optimum, once known
  std::array<std::optional<Times>, 3> seconds;   // mean times per run, once measured

  explicit PeerCase(const Scale& s) : scale(s) {
    Prepared& p = prepared(s);
    problem = make_problem(p.instance(), p.graph());
    // The pure flow core: no cap groups, no mentor pools, no pins.
    problem.opening_cap_group.assign(static_cast<std::size_t>(problem.num_openings), kNone);
    problem.cap_group_limit.clear();
    problem.opening_pool.assign(static_cast<std::size_t>(problem.num_openings), kNone);
    problem.pool_limit.clear();
    std::fill(problem.arc_pooled.begin(), problem.arc_pooled.end(), std::uint8_t{0});
    problem.pinned_arcs.clear();

    std::int64_t total_seats = 0;
    for (std::int32_t s : problem.seats) total_seats += s;
    big = 1'000'000 * (std::min<std::int64_t>(problem.num_citizens, total_seats) + 1);

    FlowNetwork net;
    net.num_citizens = problem.num_citizens;
    net.num_openings = problem.num_openings;
    net.arc_begin = problem.arc_begin;
    net.arc_opening.assign(problem.arc_opening.begin(), problem.arc_opening.end());
    net.arc_cost.resize(problem.arc_score.size());
    for (std::size_t a = 0; a < problem.arc_score.size(); ++a)
      net.arc_cost[a] = -(big + problem.arc_score[a]);
    net.seats.assign(problem.seats.begin(), problem.seats.end());
    lemon = std::make_unique<LemonFlow>(net);
    lemon_build_seconds = lemon->build_seconds();
  }
};

PeerCase& peer_case(const Scale& scale) {
  static std::unique_ptr<PeerCase> slot;
  if (!slot || std::string(slot->scale.name) != scale.name) {
    slot.reset();
    slot = std::make_unique<PeerCase>(scale);
  }
  return *slot;
}

/// Placements and score of a flow given per candidate arc; empty message when feasible.
template <class FlowOf>
Value value_of_flow(const MatchingProblem& pr, FlowOf flow_of, std::string& problem) {
  Value v;
  std::vector<std::int32_t> used(static_cast<std::size_t>(pr.num_openings), 0);
  for (std::size_t c = 0; c < static_cast<std::size_t>(pr.num_citizens); ++c) {
    int held = 0;
    for (std::int64_t a = pr.arc_begin[c]; a < pr.arc_begin[c + 1]; ++a) {
      const auto f = flow_of(a);
      if (f == 0) continue;
      if (f != 1) problem = "a candidate arc carries flow " + std::to_string(f);
      ++held;
      ++v.placed;
      v.score += pr.arc_score[static_cast<std::size_t>(a)];
      ++used[static_cast<std::size_t>(pr.arc_opening[static_cast<std::size_t>(a)])];
    }
    if (held > 1) problem = "citizen " + std::to_string(c) + " holds " + std::to_string(held);
  }
  for (std::size_t o = 0; o < used.size(); ++o)
    if (used[o] > pr.seats[o]) problem = "opening " + std::to_string(o) + " over its seats";
  return v;
}

/// Runs one peer once; returns its times (construction + run) and its value.
Times run_peer(PeerCase& pc, Peer peer, Value& value, std::string& problem) {
  const MatchingProblem& pr = pc.problem;
  if (peer == kPlacematch) {
    const double t0 = now_seconds(), c0 = thread_cpu_seconds();
    Matcher matcher(pr);
    const Status status = matcher.options(bench_solve_options()).objective(Objective::Placements).run();
    const Times seconds{now_seconds() - t0, thread_cpu_seconds() - c0};
    const Solution& s = matcher.solution();
    if (status != Status::Optimal) problem = "placematch status " + std::string(to_string(status));
    const std::int64_t arcs = static_cast<std::int64_t>(pr.arc_opening.size());
    std::vector<std::uint8_t> chosen(static_cast<std::size_t>(arcs), 0);
    for (std::size_t c = 0; c < s.citizen_arc.size(); ++c) {
      const std::int64_t a = s.citizen_arc[c];
      if (a < 0) continue;
      if (a < pr.arc_begin[c] || a >= pr.arc_begin[c + 1]) {
        problem = "placematch gives citizen " + std::to_string(c) + " an arc not theirs";
        continue;
      }
      chosen[static_cast<std::size_t>(a)] = 1;
    }
    value = value_of_flow(pr, [&](std::int64_t a) { return int{chosen[static_cast<std::size_t>(a)]}; }, problem);
    if (value.placed != s.placed || value.score != s.score)
      problem = "placematch's totals differ from its arcs";
    return seconds;
  }
  const LemonResult r = pc.lemon->solve(peer == kNetworkSimplex ? LemonAlgorithm::NetworkSimplex
                                                                 : LemonAlgorithm::CostScaling);
  if (!r.optimal) {
    problem = std::string(kPeerName[peer]) + " did not report OPTIMAL";
    return {r.seconds, r.cpu_seconds};
  }
  value = value_of_flow(pr, [&](std::int64_t a) { return int{r.arc_flow[static_cast<std::size_t>(a)]}; },
                        problem);
  if (r.total_cost != -(pc.big * value.placed + value.score))
    problem = std::string(kPeerName[peer]) + " total cost " + std::to_string(r.total_cost) +
              " does not match its flow";
  return {r.seconds, r.cpu_seconds};
}

/// The other solver's optimum to compare `peer` against (computed, untimed, if missing):
/// placematch is judged by LEMON NetworkSimplex, LEMON by placematch.
std::optional<std::string> check_against_oracle(PeerCase& pc, Peer peer, const Value& value) {
  const Peer oracle = peer == kPlacematch ? kNetworkSimplex : kPlacematch;
  if (!pc.value[oracle]) {
    Value v;
    std::string problem;
    const Times t = run_peer(pc, oracle, v, problem);
    if (!problem.empty()) return "oracle " + std::string(kPeerName[oracle]) + ": " + problem;
    pc.value[oracle] = v;
    pc.seconds[oracle] = t;  // a full run: its time counts (see bm_peer at national scale)
  }
  if (!(*pc.value[oracle] == value))
    return std::string(kPeerName[peer]) + " found " + describe(value) + " but " +
           kPeerName[oracle] + " found " + describe(*pc.value[oracle]);
  return std::nullopt;
}

void bm_peer(benchmark::State& state, Scale scale, Peer peer) {
  try {
    PeerCase& pc = peer_case(scale);
    Value value;
    std::string problem;
    Times total;
    // At national scale a run takes minutes: a peer already run in this process (as the
    // oracle of another) is not run again; its measured run is reported.
    const bool reuse = is_national(scale) && pc.seconds[peer] && pc.value[peer];
    for (auto _ : state) {
      const Times t = reuse ? *pc.seconds[peer] : run_peer(pc, peer, value, problem);
      if (reuse) value = *pc.value[peer];
      state.SetIterationTime(t.cpu);
      total.wall += t.wall;
      total.cpu += t.cpu;
      if (!problem.empty()) break;
    }
    if (!problem.empty()) return state.SkipWithError(problem.c_str());
    pc.value[peer] = value;
    const double n = static_cast<double>(state.iterations());
    pc.seconds[peer] = Times{total.wall / n, total.cpu / n};
    state.counters["wall_s"] = total.wall / n;
    if (auto mismatch = check_against_oracle(pc, peer, value))
      return state.SkipWithError(mismatch->c_str());
    state.counters["placed"] = static_cast<double>(value.placed);
    state.counters["score"] = static_cast<double>(value.score) / 1e6;
    state.counters["citizens"] = static_cast<double>(pc.problem.num_citizens);
    state.counters["candidate_pairs"] = static_cast<double>(pc.problem.arc_opening.size());
    state.counters["lemon_build_s"] = pc.lemon_build_seconds;
  } catch (const std::exception& e) {
    state.SkipWithError((std::string("exception: ") + e.what()).c_str());
  }
}

/// The three side by side: times measured by the benchmarks above in this run, or once
/// here when they were filtered out; ratio = placematch / min(NetworkSimplex, CostScaling).
void bm_summary(benchmark::State& state, Scale scale) {
  try {
    PeerCase& pc = peer_case(scale);
    for (auto _ : state) {
      for (Peer peer : {kPlacematch, kNetworkSimplex, kCostScaling}) {
        if (pc.seconds[peer]) continue;
        Value value;
        std::string problem;
        pc.seconds[peer] = run_peer(pc, peer, value, problem);
        if (!problem.empty()) return state.SkipWithError(problem.c_str());
        pc.value[peer] = value;
      }
      state.SetIterationTime(pc.seconds[kPlacematch]->cpu);
    }
    for (Peer peer : {kNetworkSimplex, kCostScaling})
      if (!(*pc.value[peer] == *pc.value[kPlacematch]))
        return state.SkipWithError((std::string(kPeerName[peer]) + " found " +
                                    describe(*pc.value[peer]) + ", placematch " +
                                    describe(*pc.value[kPlacematch]))
                                       .c_str());
    const Times& pm = *pc.seconds[kPlacematch];
    const Times& ns = *pc.seconds[kNetworkSimplex];
    const Times& cs = *pc.seconds[kCostScaling];
    state.counters["placematch_s"] = pm.cpu;
    state.counters["lemon_ns_s"] = ns.cpu;
    state.counters["lemon_cs_s"] = cs.cpu;
    state.counters["ratio"] = pm.cpu / std::min(ns.cpu, cs.cpu);
    state.counters["ratio_wall"] = pm.wall / std::min(ns.wall, cs.wall);
    state.counters["placed"] = static_cast<double>(pc.value[kPlacematch]->placed);
    state.counters["candidate_pairs"] = static_cast<double>(pc.problem.arc_opening.size());
  } catch (const std::exception& e) {
    state.SkipWithError((std::string("exception: ") + e.what()).c_str());
  }
}

const bool registered = [] {
  for (const Scale& scale : plain_scales()) {
    const std::string s = scale.name;
    std::vector<benchmark::internal::Benchmark*> b;
    for (Peer peer : {kPlacematch, kNetworkSimplex, kCostScaling})
      b.push_back(benchmark::RegisterBenchmark(
          ("peer/" + std::string(kPeerName[peer]) + "/" + s).c_str(), bm_peer, scale, peer));
    b.push_back(benchmark::RegisterBenchmark(("peer/summary/" + s).c_str(), bm_summary, scale)
                    ->Iterations(1));
    for (auto* bench : b) {
      bench->UseManualTime()->Unit(benchmark::kMillisecond);
      if (is_national(scale)) bench->Iterations(1);
    }
  }
  return true;
}();

}  // namespace
}  // namespace placematch::bench
