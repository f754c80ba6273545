// The LEMON side of the peer benchmark (lemon_flow.hpp). Compiled as C++17.
#include "lemon_flow.hpp"

#include <lemon/cost_scaling.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <time.h>

#include <chrono>

namespace placematch::bench {
namespace {

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

double cpu_s() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

}  // namespace

struct LemonFlow::Impl {
  lemon::SmartDigraph graph;
  lemon::SmartDigraph::ArcMap<int> capacity{graph};
  lemon::SmartDigraph::ArcMap<long long> cost{graph};
  lemon::SmartDigraph::NodeMap<int> supply{graph};
  std::size_t candidate_arcs = 0;
  double build_seconds = 0;

  template <class Algorithm>
  LemonResult run() const {
    LemonResult r;
    const double t0 = now_s(), c0 = cpu_s();
    Algorithm algorithm(graph);
    const auto status = algorithm.upperMap(capacity).costMap(cost).supplyMap(supply).run();
    r.seconds = now_s() - t0;
    r.cpu_seconds = cpu_s() - c0;
    r.optimal = status == Algorithm::OPTIMAL;
    if (!r.optimal) return r;
    r.total_cost = algorithm.template totalCost<long long>();
    r.arc_flow.resize(candidate_arcs);
    // Candidate arcs were added first: LEMON's arc id == the candidate arc's index.
    for (std::size_t a = 0; a < candidate_arcs; ++a)
      r.arc_flow[a] = static_cast<std::uint8_t>(algorithm.flow(graph.arcFromId(static_cast<int>(a))));
    return r;
  }
};

LemonFlow::LemonFlow(const FlowNetwork& net) : impl_(std::make_unique<Impl>()) {
  const double t0 = now_s();
  Impl& d = *impl_;
  const int n = net.num_citizens, m = net.num_openings;
  d.candidate_arcs = net.arc_opening.size();
  d.graph.reserveNode(n + m + 1);
  d.graph.reserveArc(static_cast<int>(d.candidate_arcs) + n + m);
  for (int v = 0; v < n + m + 1; ++v) d.graph.addNode();
  const auto sink = d.graph.nodeFromId(n + m);
  for (int c = 0; c < n; ++c)
    for (std::int64_t a = net.arc_begin[static_cast<std::size_t>(c)];
         a < net.arc_begin[static_cast<std::size_t>(c) + 1]; ++a) {
      const auto arc = d.graph.addArc(d.graph.nodeFromId(c),
                                      d.graph.nodeFromId(n + net.arc_opening[static_cast<std::size_t>(a)]));
      d.capacity[arc] = 1;
      d.cost[arc] = net.arc_cost[static_cast<std::size_t>(a)];
    }
  for (int c = 0; c < n; ++c) {
    const auto arc = d.graph.addArc(d.graph.nodeFromId(c), sink);
    d.capacity[arc] = 1;
    d.cost[arc] = 0;
    d.supply[d.graph.nodeFromId(c)] = 1;
  }
  for (int o = 0; o < m; ++o) {
    const auto arc = d.graph.addArc(d.graph.nodeFromId(n + o), sink);
    d.capacity[arc] = net.seats[static_cast<std::size_t>(o)];
    d.cost[arc] = 0;
    d.supply[d.graph.nodeFromId(n + o)] = 0;
  }
  d.supply[sink] = -n;
  d.build_seconds = now_s() - t0;
}

LemonFlow::~LemonFlow() = default;

double LemonFlow::build_seconds() const { return impl_->build_seconds; }

LemonResult LemonFlow::solve(LemonAlgorithm algorithm) const {
  if (algorithm == LemonAlgorithm::NetworkSimplex)
    return impl_->run<lemon::NetworkSimplex<lemon::SmartDigraph, int, long long>>();
  return impl_->run<lemon::CostScaling<lemon::SmartDigraph, int, long long>>();
}

}  // namespace placematch::bench
