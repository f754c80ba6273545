#pragma once
// src/detail/floor_paths.hpp — the two exact paths of plan_with_floors (internal; see
// placematch/planner/floors.hpp): one engine call on folded weights, or two calls with
// small weights (the score on the first call's optimal face). plan_with_floors takes the
// first when its weights are within the exact int64 range; tests force the second on
// small instances, where both must give the brute-force optimum.
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "placematch/planner/floors.hpp"

namespace placematch::detail {

enum class FloorPath : std::uint8_t {
  Auto,         ///< plan_with_floors's choice (floors.hpp)
  Tiered,       ///< the two calls only
  Folded,       ///< the folded weights of the objective only (none beyond the exact range)
  Priced,       ///< the floors priced on the original problem only (the Lagrangian path)
  PricedFirst,  ///< the priced path, then Auto's paths when it does not prove its plan
};

/// What the priced path did (tests count it, so that a test of that path cannot pass
/// without taking it), and its cap on engine calls (tests lower it to make it give way).
struct FloorTrace {
  std::int64_t max_priced_evaluations = 60;  ///< the cap (plan_with_floors's default)
  bool tiered_closing = false;  ///< the closing step by the two small-weight calls even where the folded weights fit
  std::int64_t priced_evaluations = 0;  ///< engine calls on the priced original problem
  std::int64_t priced_closed = 0;       ///< runs that proved their plan (bound met)
  std::int64_t priced_gave_way = 0;     ///< runs that ended with a gap (the other paths then run)
  std::int64_t unmeetable_calls = 0;    ///< engine calls for the most of a floor any plan places
  std::int64_t unmeetable_floors = 0;   ///< floors found that no plan can meet (D takes their most)
  std::int64_t unmeetable_by_engine = 0;  ///< of them, found by the engine's bound (the seats allowed r_k)
  std::int64_t face_tries = 0;          ///< runs that solved the order without the arcs fixed by reduced cost
  std::int64_t face_closed = 0;         ///< of them, runs whose plan that proved (its value met the bound)
  std::int64_t last_shortfall_bound = -1;  ///< the last run's shortfall bound from the least D (-1: none)
};

/// plan_with_floors with the path chosen by `path`; `trace`, when given, counts the priced path.
Plan plan_with_floors(const Instance& instance, const CandidateGraph& graph, const Plan& without,
                      Objective objective, const SolveOptions& options, FloorPath path,
                      FloorTrace* trace = nullptr);

/// The best plan of `problem` in the order: least total shortfall over `instance`'s floors
/// (the problem's citizens are the instance's), then, for objective Placements, the most
/// placements, then the most total `problem.arc_score` (the caller's weights: the warm
/// Planner's re-planning weights KEEP * kept + score, placematch/planner/planner.hpp).
/// The same reduction, paths and exactness argument as plan_with_floors (floors.hpp), with
/// arc_score in the place of the score. `most_placed`: a proven upper bound on the
/// placements of any plan of `problem` (it lets the order (shortfall, arc_score) prove the
/// placements order's optimum when its plan places that many). `without`: the plan
/// without floors in the same order (per citizen an arc or kNone; it keeps every rule),
/// kept when no solve finds a better one; `without_proven`: it is proven optimal there (then
/// it is the answer, proven, when no floor can fall short). Without `without` and with no
/// floor that can fall short nothing is solved (found stays false).
struct FloorOptimum {
  bool found = false;               ///< a plan was found (false: the pins cannot all hold)
  bool proven = false;              ///< optimal in the order above, proven
  std::vector<ArcIndex> chosen;     ///< per citizen: the arc of `problem`, or kNone
  std::int64_t shortfall = 0;       ///< total shortfall of the floors that can fall short
  std::int64_t shortfall_bound = 0; ///< proven: no plan of `problem` has less
  std::int64_t kept_root_closes = 0; ///< WarmFloors: roots closed by the first run's prices (no pool LP)
};
FloorOptimum optimize_with_floors(const Instance& instance, const MatchingProblem& problem, Objective objective,
                                  std::optional<std::int64_t> most_placed,
                                  const std::vector<ArcIndex>* without, bool without_proven, const SolveOptions& options,
                                  FloorPath path = FloorPath::Auto);

/// The floors' reduction of `problem` (floors.hpp) with a plan with floors in it, for
/// pricing pairs from that plan's residual graph (the Planner's questions where the floors
/// bind; ResidualPricer with Levels). On the first level a plan weighs F' per floor place
/// covered (a floored resident placed, or on its floor's virtual opening) plus, for
/// Placements, one per placement (F' = citizens + 1: one floor place outweighs every
/// change of placements); so the level is the order (least shortfall, then placements).
/// With floors of both scopes a resident's virtual arcs share limits: the unplaced
/// residents' virtual arcs are then one engine call (the most floor places covered, the
/// placed residents held). nullopt when no floor can fall short or that call fails.
/// O(arcs), plus that call.
struct FloorPricing {
  MatchingProblem problem;            ///< the reduction; arc_score the real score (0 on virtual arcs)
  std::vector<std::int64_t> level;    ///< per arc of the reduction: its first-level weight
  std::vector<std::uint8_t> counted;  ///< per arc: 1 a placement, 0 a virtual arc
  std::vector<ArcIndex> real_arc;     ///< per arc of the reduction: the arc of `problem`, or kNone
  std::vector<ArcIndex> to_reduced;   ///< per arc of `problem`: its arc in the reduction
  std::vector<ArcIndex> plan;         ///< `plan` in the reduction (per citizen an arc, or kNone)
};
/// `plan`: per citizen an arc of `problem` or kNone (the plan with floors); its unplaced
/// floored residents take virtual seats covering the most floor places (one scope: in
/// citizen order, as many as there are).
std::optional<FloorPricing> floor_pricing(const Instance& instance, const MatchingProblem& problem,
                                          Objective objective, const std::vector<ArcIndex>& plan);

/// The total shortfall of `instance`'s floors under a plan `chosen` (per citizen an arc, or
/// kNone; only whether a citizen is placed counts). O(citizens + floors).
std::int64_t floors_shortfall(const Instance& instance, const std::vector<ArcIndex>& chosen);
/// The floors' placed counts under a base plan, for the total shortfall of plans that differ
/// from it in a few citizens (the Planner's pairs priced from P's residual graph).
class FloorCounts {
 public:
  /// `base`: per citizen an arc, or kNone. O(citizens + floors).
  FloorCounts(const Instance& instance, const std::vector<ArcIndex>& base);
  /// The total shortfall of the base plan with `moves` applied (per move a citizen and its
  /// new arc or kNone; each citizen at most once). O(moves + floors).
  std::int64_t shortfall_with(const std::vector<std::pair<Index, ArcIndex>>& moves) const;
 private:
  std::vector<std::int32_t> group_floor_, area_floor_;  // per citizen: its floor that can fall short, or -1
  std::vector<std::int64_t> required_, got_;            // per such floor
  std::vector<std::uint8_t> placed_;                    // per citizen, in the base plan
};
/// The order (least total shortfall, then the most total `problem.arc_score`) kept warm for
/// one pin after another (the Planner's suggestions with floors: Q(pair) with P's
/// re-planning weights): a Matcher on the floors' reduction with the folded weights of
/// FloorSolver::folded(Score) (floors.hpp), each pin added, solved from the last run's flow
/// and potentials, and removed again. O(arcs) to build; per pin one warm run.
class WarmFloors {
 public:
  WarmFloors(const Instance& instance, const MatchingProblem& problem, const SolveOptions& options);
  ~WarmFloors();
  WarmFloors(const WarmFloors&) = delete;
  WarmFloors& operator=(const WarmFloors&) = delete;
  /// The optimum with `arc` (an arc of `problem`) pinned too; found false when the run
  /// failed (the pins cannot hold together). nullopt when no floor can fall short or the
  /// folded weights leave the exact int64 range (the caller solves otherwise).
  std::optional<FloorOptimum> solve(ArcIndex arc);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace placematch::detail
