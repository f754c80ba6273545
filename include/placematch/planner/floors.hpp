#pragma once
// placematch/planner/floors.hpp — plans with floors (contract section 12): a minimum share
// placed per target group and per housing area. The plan is, lexicographically, the least
// total shortfall, then the objective of section 4.
//
// Algorithm: one matching problem for the engine (placematch/engine/solve.hpp), the floors
// as virtual openings after the real ones. A floor k (residents n_k, required r_k > 0) may
// leave n_k - r_k of its residents unplaced without falling short; a virtual arc of a
// resident stands for "unplaced, and counted towards that slack". A resident of a floored
// group g and a floored area a has three: to U_g (covers g; U_g in a cap group of limit
// n_g - r_g), to U_a (covers a; pooled, in a mentor pool of limit n_a - r_a) and to U_ga
// (covers both: in g's cap group and a's pool); a resident in one floored scope has that
// scope's arc only. With floors of one scope only each floor's limit is its virtual
// opening's seats, n_k - r_k (a pure flow: no pool, no cap group); with both, U_g and U_ga
// share g's limit, and the scope with fewer floored residents takes the pools (the roles
// of g and a above swap), so fewer arcs carry a Lagrangian price. Weights, folded into the
// arc score (objective Score): a real arc weighs F m + BIG + score (m: the resident's
// floored scopes), a virtual arc F x (floors it covers); BIG = D + 1 for Placements (D:
// the most total score a plan can have), 0 for Score, F = BIG P + D + 1 (P: residents
// with an arc). Proof: given the placements, floor
// k can count at most min(unplaced_k, n_k - r_k) unplaced residents, and since each
// unplaced resident picks its group's and its area's cover independently (the three
// arcs), every floor reaches that at once; so the best weight of a plan is F (sum_k n_k -
// total shortfall) + BIG placed + score, with the lower tiers below F: the engine's
// optimum is the order's optimum, whichever floors, pools and cap groups bind, and its
// status (the branch and bound's proof) is the plan's. Its bound gives the shortfall
// bound: n_total - floor(bound / F). Virtual arcs are read back as unplaced.
// Under Placements, first the order (shortfall, score), folded with F = D + 1 (a range the
// pool prices, an LP in floating point, resolve far better than F's D P): its optimum is
// also the placements order's when it places as many as the bound without floors (no plan
// places more; none with as many scores more). Otherwise (a quarter of the work limit
// spent on it) the calls below; the plan then still is a candidate.
// Two calls with small weights instead, when F's weights leave the engine's exact int64
// range (Placements beyond a few thousand residents: F is about 1e6 P^2), and first for
// floors of one scope under Placements (F's range leaves the score tier below the pool
// LP's floating-point tolerance, so the prices converge slowly; benchmarks/README.md):
// first the shortfall and the placements alone (weights (P + 1) m + 1 and (P + 1) x;
// Score: m and x), then the score on that call's optimal face: the arcs of zero reduced
// cost under its certificate (LP duals u, v, z and the pool prices of a Lagrangian bound
// without gap) stay open, the others close, and each arc weighs K (number of positive
// duals and prices it meets) + score, K = D + 1, so the second call keeps every
// constraint with a positive dual tight: by complementary slackness, exactly the first
// call's optimal plans. This is exact when the first call's certificate has no gap (no
// binding pool, or a Lagrangian bound that is tight); otherwise the first call's plan is
// kept, `feasible`, with its exact shortfall (when proven); the one-scope case then tries
// the folded weights. Pins stay pins. The plan without floors is a candidate too; the
// better one in the order is kept. A plan not proven keeps the bound without floors, or,
// when its shortfall is proven least, the folded call's bound on the objective of the
// plans with that shortfall (whichever is lower).
// The calls share the caller's work limit (SolveOptions::work_limit: what one call settles
// is spent for the next), so the plan stays deterministic and its work bounded.
// Complexity: one to four engine solves (one for Score; under Placements one when the
// (shortfall, score) call proves it) on the candidate graph plus at most three arcs per
// floored resident and one opening per floor and per (group, area) pair; with floors of
// one scope and no binding mentor pool each solve is one min-cost flow. Measured figures
// and what is not proven at regional scale: benchmarks/README.md, "Floors".
// Usage: match() (placematch/planner/match.hpp) and the warm Planner's plan()
// (placematch/planner/planner.hpp) call it whenever instance.floors is not empty;
// Plan::floors then holds the shortfall, its bound and the price of the floors. The
// Planner's re-plans and suggestions use the same reduction and paths with the re-planning
// weights KEEP * kept + score in the place of the score (src/detail/floor_paths.hpp).
//   Plan with = plan_with_floors(instance, graph, without, Objective::Placements, options);
#include "placematch/candidates/candidates.hpp"
#include "placematch/engine/solve.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/plan/plan.hpp"

namespace placematch {

/// The plan for `instance`'s floors. `without` is the plan without floors (its status and
/// bound give the price of the floors and the bound). `options` are the engine's (threads,
/// limits, progress; the objective is `objective`). The result has Plan::floors set and
/// status Optimal only when proven for the order of floors, then the objective; its mentors
/// are named as make_plan does (the caller explains the unplaced).
Plan plan_with_floors(const Instance& instance, const CandidateGraph& graph, const Plan& without,
                      Objective objective, const SolveOptions& options = {});

}  // namespace placematch
