#pragma once
// placematch/candidates/bgl.hpp — the candidate graph as a Boost.Graph, so that a service can
// run BGL algorithms on it (connected components, matchings, flows, ...).
//
// An optional, header-only adapter: including it needs Boost.Graph (Debian: libboost-dev);
// the rest of placematch does not. The graph is undirected and bipartite: vertex c
// (0 <= c < citizens) is citizen c, vertex citizens + o is opening o; edge e (an arc of
// the CandidateGraph, in its order) joins its citizen and opening, and carries the arc's
// index as its edge_index property (score, km and needs_mentor are then
// graph.score[arc], ...). Building it is O(citizens + openings + arcs).
//
// Usage:
//   auto g = placematch::to_bgl(graph, instance.openings.size());
//   std::vector<std::size_t> mate(boost::num_vertices(g));
//   boost::edmonds_maximum_cardinality_matching(g, mate.data());
//   std::vector<int> comp(boost::num_vertices(g));
//   int parts = boost::connected_components(g, comp.data());
#include <boost/graph/adjacency_list.hpp>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "placematch/candidates/candidates.hpp"

namespace placematch {

/// The BGL type of the adapted candidate graph (vecS storage: vertex descriptors are the
/// indices above; boost::get(boost::edge_index, g, e) is the arc).
using CandidateBglGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                          boost::property<boost::edge_index_t, std::int64_t>>;

/// The vertex of citizen c / opening o in a graph made by to_bgl.
inline std::size_t bgl_citizen_vertex(Index citizen) { return static_cast<std::size_t>(citizen); }
inline std::size_t bgl_opening_vertex(const CandidateGraph& graph, Index opening) {
  return graph.num_citizens() + static_cast<std::size_t>(opening);
}

/// The candidate graph as a BGL graph. Throws std::invalid_argument naming the arc when
/// an arc's opening is not below `num_openings`.
inline CandidateBglGraph to_bgl(const CandidateGraph& graph, std::size_t num_openings) {
  const std::size_t n = graph.num_citizens();
  CandidateBglGraph g(n + num_openings);
  for (std::size_t c = 0; c < n; ++c)
    for (std::int64_t e = graph.offsets[c]; e < graph.offsets[c + 1]; ++e) {
      const Index o = graph.opening[static_cast<std::size_t>(e)];
      if (o < 0 || static_cast<std::size_t>(o) >= num_openings)
        throw std::invalid_argument("to_bgl: arc " + std::to_string(e) + " has opening " + std::to_string(o) +
                                    " out of range [0, " + std::to_string(num_openings) + ")");
      boost::add_edge(c, n + static_cast<std::size_t>(o), e, g);
    }
  return g;
}

}  // namespace placematch
