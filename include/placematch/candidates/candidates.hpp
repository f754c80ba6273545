#pragma once
// placematch/candidates/candidates.hpp — the candidate graph: every feasible (citizen, opening)
// pair of an instance (the seven hard rules of contract section 2) with its score.
//
// Algorithm: companies are put in a spatial index. Per housing area (citizens of one
// area share a point) the openings within the area's farthest reach are listed once,
// sorted by km, so each citizen scans only the prefix within its own max_km; the other
// rules run on compact opening rows against the citizen's codes held in dense per-code
// arrays. A first pass counts each citizen's pairs (keeping one bit per opening scanned),
// a second scores them in batches and writes them into arrays allocated once at their
// exact size. Cost O(A (log K + K_a log K_a + O_a) + R + P log d) for A areas, K
// companies, K_a companies and O_a openings within an area's reach, R (citizen, opening)
// pairs within a citizen's own reach, P feasible pairs and d the largest degree; memory
// O(P + R/64 words).
// Areas are shared among the threads; the graph is the same for any thread count.
// The result is stored as CSR arrays by citizen, used directly by the solver.
//
// Usage:
//   placematch::CandidateGraph g = placematch::build_candidates(instance);
//   for (placematch::ArcIndex a = g.begin(c); a < g.end(c); ++a) use(g.opening[a], g.score[a]);
#include <cstdint>
#include <vector>

#include "placematch/model/instance.hpp"
#include "placematch/candidates/scoring.hpp"

namespace placematch {

/// Feasible pairs in compressed sparse rows: the pairs of citizen c are the arcs
/// [offsets[c], offsets[c+1]), sorted by opening index.
struct CandidateGraph {
  std::vector<ArcIndex> offsets{0};       // size citizens + 1
  std::vector<Index> opening;             // per arc
  std::vector<std::int32_t> score;        // per arc: millionths in [0, 1'000'000]
  std::vector<double> km;                 // per arc: great-circle km, area to company
  std::vector<std::uint8_t> needs_mentor; // per arc: 1 when the placement needs a mentor

  std::size_t num_citizens() const { return offsets.size() - 1; }
  std::size_t size() const { return opening.size(); }
  ArcIndex begin(Index c) const { return offsets[static_cast<std::size_t>(c)]; }
  ArcIndex end(Index c) const { return offsets[static_cast<std::size_t>(c) + 1]; }
  /// The arc of (c, o), or kNone when the pair is not feasible. O(log degree).
  ArcIndex find(Index citizen, Index opening) const;
};

struct CandidateOptions {
  ScoreWeights weights;  // the scoring model's weights (placematch/candidates/scoring.hpp)
  int threads = 0;       // 0: hardware concurrency; the graph is the same for any count
};

/// Builds the candidate graph of a validated instance. Forbidden pairs and pairs that
/// break any rule of section 2 are left out; pins are not treated specially.
CandidateGraph build_candidates(const Instance& instance, const CandidateOptions& options = {});

}  // namespace placematch
