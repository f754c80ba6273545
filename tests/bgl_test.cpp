// Boost.Graph: the candidate graph adapter runs BGL algorithms, and BGL's min-cost flow
// (a maximum flow by Edmonds-Karp, then cycle canceling) is an independent oracle for the
// flow core on random problems without mentor pools (seats and reasonableness cap groups
// included). Not BGL's successive shortest paths: it adds its "infinite" distance of an
// unreachable vertex to a potential, a signed overflow that UndefinedBehaviorSanitizer
// stops (tests/run_all.sh, stage sanitize).
#include <gtest/gtest.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/find_flow_cost.hpp>
#include <boost/graph/max_cardinality_matching.hpp>
#include <boost/graph/cycle_canceling.hpp>
#include <boost/graph/edmonds_karp_max_flow.hpp>
#include <cstdint>
#include <vector>

#include "candidates_support.hpp"
#include "placematch/candidates/bgl.hpp"
#include "placematch/candidates/candidates.hpp"
#include "placematch/engine/solve.hpp"

using namespace placematch;

namespace {

// The min-cost-flow network of contract section 3 without pools, in BGL:
// source -> citizen (cap 1, cost 0), citizen -> opening (cap 1, cost M - weight),
// citizen -> sink (cap 1, cost M: unplaced), opening -> its cap group or sink (cap seats),
// cap group -> sink (cap limit). Every citizen sends one unit, so the min cost is
// n * M - (the best total weight).
using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using FlowGraph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<boost::edge_capacity_t, long,
                    boost::property<boost::edge_residual_capacity_t, long,
                                    boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                                                    boost::property<boost::edge_weight_t, long>>>>>;

struct Network {
  FlowGraph g;
  void arc(std::size_t u, std::size_t v, long cap, long cost) {
    auto cap_map = boost::get(boost::edge_capacity, g);
    auto rev = boost::get(boost::edge_reverse, g);
    auto w = boost::get(boost::edge_weight, g);
    auto e = boost::add_edge(u, v, g).first;
    auto r = boost::add_edge(v, u, g).first;
    cap_map[e] = cap;
    cap_map[r] = 0;
    w[e] = cost;
    w[r] = -cost;
    rev[e] = r;
    rev[r] = e;
  }
};

// The best total weight (big + score per placement): every citizen sends its unit (the
// maximum flow is n), and cycle canceling makes that flow one of least cost.
std::int64_t bgl_best_weight(const MatchingProblem& p, std::int64_t big) {
  const std::size_t n = static_cast<std::size_t>(p.num_citizens), m = static_cast<std::size_t>(p.num_openings);
  const std::size_t groups = p.cap_group_limit.size();
  const std::size_t source = n + m + groups, sink = source + 1;
  Network net;
  net.g = FlowGraph(sink + 1);
  const long M = static_cast<long>(big + 1'000'000);
  for (std::size_t c = 0; c < n; ++c) {
    net.arc(source, c, 1, 0);
    net.arc(c, sink, 1, M);
    for (auto e = p.arc_begin[c]; e < p.arc_begin[c + 1]; ++e)
      net.arc(c, n + static_cast<std::size_t>(p.arc_opening[static_cast<std::size_t>(e)]), 1,
              M - static_cast<long>(big + p.arc_score[static_cast<std::size_t>(e)]));
  }
  for (std::size_t o = 0; o < m; ++o) {
    const Index g = p.opening_cap_group[o];
    net.arc(n + o, g == kNone ? sink : n + m + static_cast<std::size_t>(g), p.seats[o], 0);
  }
  for (std::size_t g = 0; g < groups; ++g) net.arc(n + m + g, sink, p.cap_group_limit[g], 0);
  const long flow = boost::edmonds_karp_max_flow(net.g, source, sink);
  EXPECT_EQ(flow, static_cast<long>(n));
  boost::cycle_canceling(net.g);
  const long cost = boost::find_flow_cost(net.g);
  return static_cast<std::int64_t>(n) * M - cost;
}

MatchingProblem random_problem(std::uint64_t seed) {
  pmtest::Rng r(seed);
  MatchingProblem p;
  p.num_citizens = r.integer(1, 14);
  p.num_openings = r.integer(1, 7);
  const int groups = r.integer(0, 3);
  for (int g = 0; g < groups; ++g) p.cap_group_limit.push_back(r.integer(0, 3));
  for (Index o = 0; o < p.num_openings; ++o) {
    p.seats.push_back(r.integer(0, 3));
    p.opening_cap_group.push_back(groups > 0 && r.chance(0.5) ? r.integer(0, groups - 1) : kNone);
    p.opening_pool.push_back(kNone);
  }
  const bool ties = r.chance(0.3);
  for (Index c = 0; c < p.num_citizens; ++c) {
    for (Index o = 0; o < p.num_openings; ++o)
      if (r.chance(0.45)) {
        p.arc_opening.push_back(o);
        p.arc_score.push_back(ties ? 250'000 * r.integer(0, 4) : r.integer(0, 1'000'000));
        p.arc_pooled.push_back(0);
      }
    p.arc_begin.push_back(static_cast<std::int64_t>(p.arc_opening.size()));
  }
  return p;
}

}  // namespace

TEST(Bgl, MinCostFlowOracleAgreesWithTheFlowCore) {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    const MatchingProblem p = random_problem(seed);
    for (Objective objective : {Objective::Placements, Objective::Score}) {
      SolveOptions o;
      o.objective = objective;
      const Solution s = solve(p, o);
      ASSERT_EQ(s.status, Status::Optimal) << "seed " << seed;
      const std::int64_t big = objective == Objective::Placements ? 1'000'000 * (std::int64_t{p.num_citizens} + 1) : 0;
      const std::int64_t best = bgl_best_weight(p, big);
      if (objective == Objective::Placements) {
        EXPECT_EQ(s.placed, best / big) << "seed " << seed;
        EXPECT_EQ(s.score, best % big) << "seed " << seed;
      } else {
        EXPECT_EQ(s.score, best) << "seed " << seed;
      }
    }
  }
}

TEST(Bgl, AdapterRunsBglAlgorithmsOnTheCandidateGraph) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Instance in = pmtest::random_instance(seed);
    for (auto& o : in.openings) o.seats = 1;  // a matching: one seat per opening
    for (auto& k : in.companies) k.employees.reset();  // no reasonableness caps
    for (auto& c : in.citizens) c.needs_mentor = false;
    for (auto& o : in.openings) o.mentor_required = false;
    in.decisions.clear();
    in.finalize();
    const CandidateGraph graph = build_candidates(in);
    const CandidateBglGraph g = to_bgl(graph, in.openings.size());
    ASSERT_EQ(boost::num_vertices(g), in.citizens.size() + in.openings.size());
    ASSERT_EQ(boost::num_edges(g), graph.size());
    // Edmonds' maximum cardinality matching = the most placements with one seat each.
    std::vector<std::size_t> mate(boost::num_vertices(g));
    boost::edmonds_maximum_cardinality_matching(g, mate.data());
    const auto matched = static_cast<Index>(boost::matching_size(g, mate.data()));
    MatchingProblem p = make_problem(in, graph);
    const Solution s = solve(p);
    ASSERT_EQ(s.status, Status::Optimal);
    EXPECT_EQ(s.placed, matched) << "seed " << seed;
    // Edge index = arc: each edge joins the arc's citizen and opening.
    for (auto [it, end] = boost::edges(g); it != end; ++it) {
      const std::int64_t arc = boost::get(boost::edge_index, g, *it);
      const auto u = boost::source(*it, g), v = boost::target(*it, g);
      const auto opening_vertex = bgl_opening_vertex(graph, graph.opening[static_cast<std::size_t>(arc)]);
      EXPECT_TRUE(u == opening_vertex || v == opening_vertex);
    }
    std::vector<int> comp(boost::num_vertices(g));
    EXPECT_GE(boost::connected_components(g, comp.data()), 1);
  }
  CandidateGraph bad;
  bad.offsets = {0, 1};
  bad.opening = {5};
  bad.score = {0};
  bad.km = {0};
  bad.needs_mentor = {0};
  EXPECT_THROW(to_bgl(bad, 2), std::invalid_argument);
}
