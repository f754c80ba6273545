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
// better one in the order is kept. When that plan is proven optimal and meets every floor
// it is the answer, proven, and nothing is solved (no plan has less shortfall than none,
// and none is better in the objective: floors that hold already cost nothing). A plan not
// proven keeps the bound without floors, or, when its shortfall is proven least, the
// folded call's bound on the objective of the plans with that shortfall (whichever is
// lower).
// The floors priced (the Lagrangian path): the floors' rows priced on the original
// problem, no virtual openings. With BIG and F as above (F's range never reaches the
// engine), for mu in [0, F]^K and any plan, F min(p_k, r_k) <= mu_k p_k + (F - mu_k) r_k
// (p_k: residents of floor k placed), so the folded value of every plan is at most
//   D(mu) = max over plans [ sum_k mu_k p_k + BIG placed + score ] + sum_k (F - mu_k) r_k,
// whose inner max is the original problem (same components, pools and caps) with mu_k
// added to every arc of a resident of floor k: one engine call, its proven bound gives
// D(mu). Every plan the calls return is a plan of the instance (pins kept); the best by
// folded value, computed exactly in 128 bits, is proven optimal in the order when it
// meets the least D found. D is convex and piecewise linear; a call's plan x at mu gives
// the cut D(mu') >= weight_x(mu) + sum_k (F - mu_k) r_k + sum_k (p_k(x) - r_k)(mu'_k - mu_k)
// (the right side is x's own value at mu', and x is a plan of every inner problem: valid
// whether or not the call was proven). D is minimised over integer mu by these cutting
// planes (Kelley's method, an LP of K + 1 columns on CLP) in a box around the point of
// least value, widened after a good step and narrowed after a poor one; the plan without floors is the point mu = 0
// (its bound without floors bounds the weight there). The calls are runs of one Matcher
// whose scores change from one mu to the next (Matcher::set_score: a step of mu_k moves
// every arc of floor k's residents by one amount): each re-solves warm — the flows keep
// their potentials, the pool LP its basis and columns, and the plan of the call before is
// offered as the root's first incumbent where pools bind; exact as a cold solve.
// Floors that cannot be met: first, for each floor the plan without floors leaves short,
// a proven bound m_k on the most of floor k any plan places: the most of its residents the
// openings' seats can take (a bipartite b-matching, no other rule: every plan's residents
// of k are such a matching); and where the search first puts a floor's price at its cap
// (the sign of a floor that cannot be met), the bound of one engine call on the original
// problem with weight 1 on the arcs of the floor's residents (objective Score, a sixteenth
// of the work limit; its plan is a candidate), after which the model is built again from
// every point. Where m_k < r_k, D takes m_k for r_k: every plan has p_k <= m_k < r_k,
// so min(p_k, r_k) = min(p_k, m_k) = p_k, the folded value of every plan is the same, and
// F min(p_k, m_k) <= mu_k p_k + (F - mu_k) m_k still holds on [0, F]; D's slope in mu_k is
// then p_k - m_k, which reaches 0 where a plan places m_k, so D's least point need not be
// at mu_k = F (beyond the exact range at regional scale). This covers a floor that cannot
// be met alone; floors that cannot be met together (areas whose residents want the same
// openings) still drive their prices to F (benchmarks/README.md, "Floors priced: floors
// that cannot be met, ties").
// Closing the gap (ties at the least point): every call's certificate (u, v, z, pool
// prices; Lagrangian bound W = its plan's weight + cert_gap) bounds every plan x at mu by
// W - sum of the reduced costs of x's arcs, so a plan using an arc of reduced cost at least
// W + sum_k (F - mu_k) r_k - best (r_k as D takes it; best: the folded value of the best plan found) is no
// better than the best: such arcs are marked at every call. Where the cutting planes
// converge with a gap (the box's least point is the centre), the order is solved once
// more on the reduction with the marked arcs closed (folded weights; the two small-weight
// calls where they leave the range; a quarter of the work limit). Every plan better than
// the best is a plan of that problem, so max(best, its bound) bounds every plan; the plan
// is proven when its value meets that bound, checked by value. Where the gap stays (the
// call limit of 60, or a closed problem the engine does not prove), its best plan is a
// candidate, unproven, with the shortfall bound sum_k r_k - floor(min D / F). Taken first when the objective's folded
// weights leave the exact range (Placements at regional scale: the reduction's calls
// are slowest there and prove least), sharing the work limit with the calls after it
// (with at most 8 floors four times the work limit: the cutting planes then converge in a
// few calls per floor, which the caller's limit alone does not fit at regional scale);
// elsewhere last, with a work limit of its own, when the reduction's calls left the plan
// unproven. Not first elsewhere: it takes 15-30 calls, the first about the plan without
// floors, the later ones warm (benchmarks/README.md, "Floors priced" and "Floors priced
// warm").
// The calls share the caller's work limit (SolveOptions::work_limit: what one call settles
// is spent for the next; the priced path run last starts it afresh), so the plan stays
// deterministic and its work bounded.
// Complexity: one to four engine solves (one for Score; under Placements one when the
// (shortfall, score) call proves it), and the priced path's at most 60 (each on the
// original problem; plus at most one per floor whose price reaches its cap, and one on
// the closed problem; the seats' bound O(members x arcs) per floor), on
// the candidate graph plus at most three arcs per floored resident and one opening per
// floor and per (group, area) pair; with floors of
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
