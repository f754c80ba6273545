#pragma once
// placematch/planner/floors.hpp — plans with floors (contract section 12): a minimum share
// placed per target group and per housing area. The plan is, lexicographically, the least
// total shortfall, then the objective of section 4.
//
// Algorithm. Floors of one scope (target groups, or housing areas) partition the residents,
// and then the order is still a min-cost flow: each resident of a class k (residents n_k,
// required r_k) gets one more arc, to a virtual opening of n_k - r_k seats that stands for
// "unplaced, and the floor still met"; every arc of a floored resident weighs F more, F
// larger than any plan's placements-and-score weight. A plan's weight is then
// F (sum_k n_k - shortfall) + BIG placed + score, so the flow core (detail/flow_core.hpp)
// finds the exact optimum in that order. Pins are fixed first. Mentor pools are then
// checked: when the flow keeps them all, the plan is optimal (the flow is a relaxation);
// otherwise the pooled placements of each overfull pool beyond its room are dropped (the
// lowest weights first), the rest fixed, that pool's other pooled arcs closed and the flow
// solved again, until every pool holds: a plan that keeps every rule, `feasible`, with the
// relaxation's shortfall as a proven lower bound. Floors of both scopes: each scope is
// solved as above and the better plan (shortfall, then the objective) kept; the sum of the
// two relaxations' least shortfalls is a lower bound (each part of the total shortfall is at
// least its own minimum), and the plan is optimal when it reaches that bound and came from
// a relaxation that kept every pool (it then has the most placements and score among all
// plans with the least group, resp. area, shortfall). When the weights would exceed the
// flow core's exact int64 range (F is about 1e6 (n+1)^2 for the placements objective, so
// roughly beyond 10,000 residents
// with the generated instances' share of openings), that scope gives neither a plan nor a bound; the plan
// without floors is then a candidate like the others and the status says what is proven.
// Candidates are compared by their true (shortfall, objective), recounted on the plan.
// Cost: one or a few flow solves on the candidate graph plus one arc per resident.
// Usage: match() (placematch/planner/match.hpp) calls it whenever instance.floors is not
// empty; Plan::floors then holds the shortfall, its bound and the price of the floors.
#include "placematch/candidates/candidates.hpp"
#include "placematch/engine/solve.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/plan/plan.hpp"

namespace placematch {

/// The plan for `instance`'s floors. `without` is the plan without floors (its status and
/// bound give the price of the floors and the bound). The result has Plan::floors set;
/// its mentors are named and its unplaced explained as make_plan does.
Plan plan_with_floors(const Instance& instance, const CandidateGraph& graph, const Plan& without,
                      Objective objective);

}  // namespace placematch
