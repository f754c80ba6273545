#pragma once
// placematch/explain/empty_seats.hpp — why a plan leaves seats empty (contract v2, section 6,
// `empty_seats`).
//
// For every opening with free seats (seats minus the plan's placements there) the reason
// is the first that holds of: `no_candidate` (no resident forms a feasible pair with it);
// `reasonableness` (its kind counts for the reasonableness rule, its company gives
// `employees`, and the plan's placements in the company's capped openings reach the
// limit); `no_mentor` (every unplaced resident who forms a feasible pair with it needs a
// mentor there — read literally, also when there is none — and the plan's mentored
// placements at the company use its whole free mentor capacity); otherwise
// `candidates_placed_elsewhere`. Each comes with a sentence that names the numbers.
// O(arcs + openings + mentors).
//
// Usage:
//   plan.empty_seats = placematch::empty_seats(instance, graph, plan);
#include <vector>

#include "placematch/candidates/candidates.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/plan/plan.hpp"

namespace placematch {

/// The openings `plan` leaves with free seats, ascending by opening index, with reasons.
std::vector<EmptySeat> empty_seats(const Instance& instance, const CandidateGraph& graph, const Plan& plan);

}  // namespace placematch
