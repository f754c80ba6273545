#pragma once
// placematch/planner/baselines.hpp — reference policies: what job centres do today, on the
// same candidate graph as placematch, so the benchmark suite can measure what the optimal
// plan gains over them (issue 16). They are NOT how placematch plans; they exist to be
// compared against.
//
// Each policy fills a plan greedily and keeps every hard rule: only feasible pairs of the
// candidate graph (section 2 of the contract, forbidden pairs left out), one placement per
// citizen, seats, the reasonableness cap of each company, each company's mentor pool (the
// sum of its mentors' free capacity, so mentors can always be named), and the pins, which
// are placed first. Mentors are named by make_plan, as for placematch's plans.
//   PerOpening   — as public-employment-service recommenders rank per vacancy: openings in
//                  file order, each fills its seats with its best-scoring free candidates.
//   GreedyScore  — all pairs by score, best first; a pair is taken when it still fits.
//   FirstCome    — first come, first served: residents by months unemployed, longest first
//                  (file order among equals), each takes their best-scoring opening with room.
//   Random       — residents in a random order (seeded), each takes a uniformly random
//                  feasible opening with room. The stream is splitmix64 of the seed, the same
//                  on every platform.
// Ties on score go to the lower citizen index, then the lower opening index.
// Cost: O(P log P) for P candidate pairs (one sort), O(P) otherwise.
// Usage:
//   placematch::CandidateGraph g = placematch::build_candidates(instance);
//   placematch::Plan p = placematch::baseline_plan(instance, g, placematch::Baseline::FirstCome);
//   assert(placematch::check_plan(instance, g, p).empty());
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "placematch/candidates/candidates.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/plan/plan.hpp"

namespace placematch {

enum class Baseline : std::uint8_t { PerOpening, GreedyScore, FirstCome, Random };

/// Every policy, in the order above.
inline constexpr Baseline kBaselines[] = {Baseline::PerOpening, Baseline::GreedyScore, Baseline::FirstCome,
                                          Baseline::Random};

/// "per_opening", "greedy_score", "first_come", "random".
std::string_view to_string(Baseline policy);
std::optional<Baseline> parse_baseline(std::string_view text);

/// The chosen arc per citizen (-1: unplaced) of `policy` on `graph`. Throws
/// std::invalid_argument when the instance's pins do not fit together (they never do
/// after check_decisions) or a pin's pair is not in the graph.
std::vector<std::int64_t> baseline_choice(const Instance& instance, const CandidateGraph& graph, Baseline policy,
                                          std::uint64_t seed = 1);

/// The plan of `policy` (make_plan on baseline_choice): mentors named, reasons given; it is
/// not certified optimal (Plan::optimal false; its bound fields are its own value).
Plan baseline_plan(const Instance& instance, const CandidateGraph& graph, Baseline policy, std::uint64_t seed = 1);

}  // namespace placematch
