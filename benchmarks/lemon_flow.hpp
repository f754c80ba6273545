#pragma once
// The LEMON side of the peer benchmark, behind a plain interface.
//
// LEMON 1.3.1 (Debian's liblemon-dev) does not compile as C++20: its ArrayMap calls
// std::allocator::construct/destroy, which C++20 removed, and CostScaling instantiates it.
// So LEMON is compiled in its own translation unit as C++17 (lemon_flow.cpp, a small
// static library of the benchmark build) and this header, valid in both, carries only
// standard types.
#include <cstdint>
#include <memory>
#include <vector>

namespace placematch::bench {

/// A transportation network: citizens with supply 1, arcs citizen -> opening (capacity 1,
/// the given cost, CSR by citizen), openings -> sink (capacity seats, cost 0), and for each
/// citizen a private citizen -> sink arc of cost 0 (the "unplaced" option). The sink's
/// supply is -citizens, so every feasible flow sends each citizen's unit somewhere.
struct FlowNetwork {
  int num_citizens = 0;
  int num_openings = 0;
  std::vector<std::int64_t> arc_begin{0};  // size num_citizens + 1
  std::vector<int> arc_opening;            // per candidate arc
  std::vector<long long> arc_cost;         // per candidate arc
  std::vector<int> seats;                  // per opening
};

enum class LemonAlgorithm { NetworkSimplex, CostScaling };

struct LemonResult {
  bool optimal = false;                 // LEMON reported OPTIMAL
  long long total_cost = 0;             // LEMON's own total cost
  std::vector<std::uint8_t> arc_flow;   // flow on each candidate arc (0 or 1)
  double seconds = 0;                   // wall: algorithm construction + maps + run()
  double cpu_seconds = 0;               // the same span in this thread's CPU time
};

/// A LEMON SmartDigraph of a FlowNetwork, built once; each solve() builds a fresh
/// algorithm object on it (default settings: block-search pivots / partial augment).
class LemonFlow {
 public:
  explicit LemonFlow(const FlowNetwork& network);
  ~LemonFlow();
  LemonFlow(const LemonFlow&) = delete;
  LemonFlow& operator=(const LemonFlow&) = delete;

  LemonResult solve(LemonAlgorithm algorithm) const;
  /// Seconds the digraph and its maps took to build.
  double build_seconds() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace placematch::bench
