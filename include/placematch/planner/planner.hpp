#pragma once
// placematch/planner/planner.hpp — the consultant's questions on one instance, answered from a
// warm solved state (contract v2, sections 6-9): the plan, a re-plan against an earlier
// plan, suggestions for an opening or a resident with their exact cost, and why-not.
//
// A Planner owns (or shares) its instance and keeps the candidate graph, the matching
// problem and warm Matchers (placematch/engine/solve.hpp) between questions, so a service
// can ask many without rebuilding the pipeline. The one-shot match() stays
// (placematch/planner/match.hpp).
//
// Re-planning (section 7) is exact in the order placements -> kept earlier placements ->
// score (score objective: kept -> score). It is one flow on the weights
//   w(arc) = LAMBDA + KEEP * kept(arc) + score(arc),   KEEP = 1 + sum over citizens of
// their best arc score (more than any difference of total scores), solved as a
// highest-total-weight plan. For the score objective LAMBDA = 0. For placements,
// LAMBDA = KEEP * K + KEEP (K: the earlier placements still feasible) makes one more
// placement outweigh every kept placement and all score, which settles the order at
// once — used whenever that range is exact in int64 (the flow core's (nodes + 1) * C <=
// 2^61). Beyond it (regional instances), LAMBDA starts at 4 * KEEP and the plan is
// accepted only when its placements equal the proven most placements of the same
// instance and pins (the plain plan's bound): then no plan with as many placements keeps
// more or scores more, so it is the lexicographic optimum; otherwise LAMBDA grows 16-fold
// and the flow is solved again. `optimal` is set only when the plan is proven so.
//
// Suggestions (section 8): the cost of a feasible pair is P minus Q(pair), Q being the
// re-plan with P (the plan) as the earlier plan and the pair pinned. When P is also optimal
// without its mentor pools (checked by a certificate built from P in O(arcs)), pinning
// (c, o) forces one unit on arc c -> o, and Q is P plus the cheapest cycle through that arc
// in P's residual graph, in lexicographic reduced costs (placements, then kept, then
// score): one Dijkstra from o prices every pair of o (a backward one into c every pair of
// c), and the cycle is `changes`. Mentor pools are priced by Lagrangian multipliers in that
// certificate, so a cycle's priced cost is a lower bound on the pair's cost. Where Q breaks
// one pool by one place (overfills it, or leaves a priced pool one short), that pool's
// multiplier is shifted by the cost of the cheapest cycle that undoes such a change, the
// certificate is checked again and the pairs searched again: Q' when it keeps the pools,
// or Q' plus that cycle when the two fit together, costs exactly the shifted bound and is
// then the optimum (src/detail/residual_pricing.hpp). Otherwise (several pools, or no plan
// meets the bound) Q is a warm re-solve of the kept re-planning Matcher with the pin added
// and removed again (the flow and potentials are reused; the Lagrangian search runs warm
// too). Cost: one search O(E' + V' log V') per opening or resident asked about (E', V': the
// part of the residual graph nearer than the farthest pair), plus O(arcs) once per plan;
// per pool broken, a few searches and the Bellman-Ford passes it needs; a re-solve per
// pair left.
//
// Floors (contract section 12; placematch/planner/floors.hpp). With instance.floors every
// plan is first the least total shortfall. P is match()'s plan (plan_with_floors on the plain
// solve). A re-plan is, lexicographically, least shortfall, then section 7's order: the
// floors' virtual openings on the matching problem, the re-planning tiers folded into its
// arc scores (KEEP * kept + score) and the shortfall (and placements) tiers above them, by
// the same exact paths as plan_with_floors (one folded solve where its weights stay exact
// in int64, else a first solve of shortfall and placements and a second on its optimal
// face); the re-plan without floors (the Lexi flow above) is solved first, as the candidate
// kept where those paths prove nothing (status `feasible`, e.g. regional instances whose
// folded weights leave int64). Plan::floors of a re-plan: its shortfall, a proven bound,
// and the price against the re-plan without floors. Suggestions with floors: Q(pair) is
// that re-plan with P as the earlier plan and the pair pinned, solved per pair (the
// residual graph of P holds no shortfall tier); PairCost::shortfall is Q's shortfall minus
// P's and sorts first. When the plan without floors (proven) meets every floor, it is P
// and nothing more is solved for it (no plan has less shortfall, none is better without
// floors); a re-plan or pair whose plan without floors (proven) meets every floor is
// answered by that plan the same way: the pairs are then priced from P's residual graph as
// without floors, and only those whose plan leaves a floor short are solved per pair.
// A decision changed with floors re-plans cold against P.
// Cost with floors: the re-plan without floors plus one to four engine solves on the
// reduction (floors.hpp), per re-plan and per pair priced, where floors bind; the cost
// without floors where they hold.
//
// Usage:
//   placematch::Planner planner(instance);             // instance: a checked Instance
//   const placematch::Plan& p = planner.plan().plan;   // the same plan as match()
//   auto r = planner.replan(placematch::read_previous_plan("plan.json"));
//   for (auto& s : planner.suggest_for_opening(o, 10)) ...   // s.cost, s.changes
//   planner.prepare_questions();                       // optional: questions start warm
//   placematch::Why w = planner.why(c);                // rules, holders, costs
//   placematch::save_snapshot(planner.snapshot(), "state.pms");   // planner/snapshot.hpp
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "placematch/candidates/candidates.hpp"
#include "placematch/candidates/scoring.hpp"
#include "placematch/engine/solve.hpp"
#include "placematch/explain/why_rules.hpp"
#include "placematch/io/previous.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/plan/plan.hpp"
#include "placematch/planner/match.hpp"

namespace placematch {

struct Snapshot;  // placematch/planner/snapshot.hpp

/// One citizen whose placement differs between two plans (contract section 7).
struct PlanChange {
  enum class Kind : std::uint8_t { Moved, Unplaced, Placed, Gone };
  Index citizen = kNone;   // kNone for a `gone` citizen (no longer in the instance)
  std::string citizen_id;
  std::optional<std::string> before, after;  // opening ids; nullopt: not placed
  Kind kind = Kind::Moved;
};
/// "moved", "unplaced", "placed", "gone".
std::string_view to_string(PlanChange::Kind kind);

/// The `previous` summary of section 7.
struct PreviousSummary {
  std::int64_t placements = 0;      // earlier placements in the file
  std::int64_t kept = 0;            // of them, the same citizen in the same opening now
  std::int64_t still_feasible = 0;  // of them, whose pair is still feasible (section 2)
};

/// A re-planned plan: the plan (its `optimal` flag proven for the order of section 7),
/// the summary and the changes (present citizens in instance order, then the gone ones
/// in the earlier file's order).
struct Replan {
  Plan plan;
  PreviousSummary previous;
  std::vector<PlanChange> changes;
};

/// What choosing a pair gives up against the plan P (section 8).
struct PairCost {
  std::int64_t placed = 0;  // P.placed - Q.placed
  std::int64_t moved = 0;   // P's placements that Q does not keep
  std::int64_t score = 0;   // P.score - Q.score, millionths (may be < 0 when placed > 0)
  /// With floors (contract section 12): Q.shortfall - P.shortfall (0 without floors).
  std::int64_t shortfall = 0;
};

/// One priced pair (section 8).
struct Suggestion {
  Index citizen = kNone;
  Index opening = kNone;
  std::int64_t arc = -1;  // the candidate arc
  bool in_plan = false;
  bool possible = true;   // false: no plan can hold the pair (pins); no cost then
  bool optimal = true;    // Q(pair) proven optimal in section 7's order (else cost is a bound)
  PairCost cost;
  std::vector<PlanChange> changes;  // P -> Q(pair), in citizen order
};

/// One opening in a why-answer (section 9).
struct WhyOpening {
  Index opening = kNone;
  double km = 0;
  bool feasible = false;
  std::vector<BrokenRule> rules;  // when not feasible: every broken rule, in the contract's order
  std::vector<Index> holders;     // when feasible: the citizens holding its seats in P
  std::optional<Suggestion> price;  // when feasible: in_plan, possible, cost, changes
};

/// The answer to `why` (section 9).
struct Why {
  Index citizen = kNone;
  std::optional<Placement> placed;  // where the plan places the citizen
  std::string reason_code, reason;  // when unplaced: as in the result's `unplaced` (English)
  Message reason_message;           // the reason from the message catalogue, for any language
  /// With an opening: that one. Without: every opening within the citizen's max_km,
  /// feasible ones cheapest first (section 8's order), then the others by km, then id.
  std::vector<WhyOpening> openings;
  /// Without an opening, when none is within reach: the nearest opening and its km.
  std::optional<Index> nearest;
  double nearest_km = 0;
};

/// Knobs of the re-planning weights (for tests: both paths of the header's comment).
enum class LexicographicScaling : std::uint8_t {
  Auto,      ///< one flow with the exact LAMBDA when in range, else verified LAMBDA
  Verified,  ///< always the verified LAMBDA (start 4 * KEEP, accepted when placements are most)
};

/// How suggestions are priced (for tests and benchmarks: both paths of the header's comment).
enum class PairPricing : std::uint8_t {
  Auto,     ///< the residual graph's cycles where exact, else a warm re-solve per pair
  Resolve,  ///< always a warm re-solve per pair (with floors: the floors' solves per pair from scratch)
};

/// How the questions so far were answered (for benchmarks and tools; never a result).
struct PricingStats {
  std::int64_t searches = 0;        ///< residual searches (each prices all pairs of one opening or resident)
  std::int64_t cycle_pairs = 0;     ///< pairs priced exactly by a residual cycle
  std::int64_t pool_priced_pairs = 0;  ///< pairs whose cycle overfilled a mentor pool, priced exactly
                                      ///< after raising that pool's price (no re-solve)
  std::int64_t several_pool_pairs = 0;  ///< of pool_priced_pairs, those priced after the pools that
                                       ///< their cycles broke were shifted together (several pools)
  std::int64_t union_pool_pairs = 0;  ///< of several_pool_pairs, those priced after the pools of every
                                     ///< group of pairs left were shifted at once
  std::int64_t pool_shifts = 0;     ///< shifts of pool prices tried (each one correction and check)
  std::int64_t resolved_pairs = 0;  ///< pairs priced by a warm re-solve (a mentor pool binds)
  std::int64_t floor_met_pairs = 0;  ///< with floors that P without floors meets: pairs priced from P's
                                     ///< residual graph whose plan meets every floor too (no re-solve)
  std::int64_t floor_missed_pairs = 0;  ///< of those priced so, plans that left a floor short (re-solved)
  std::int64_t floor_cycle_pairs = 0;  ///< with floors that bind: pairs priced from the residual graph of
                                       ///< the floors' reduction around P (no re-solve)
  std::int64_t resolves_kept_prices = 0;  ///< of the re-solves, those whose root the first run's
                                         ///< pool prices closed (no pool LP; SolveOptions::kept_root_prices)
  std::int64_t resolves_local_prices = 0;  ///< of those, the ones closed once the pools out of balance were
                                          ///< priced again by a small LP near them (SolveStats::local_price_closes)
  std::int64_t resolves_bounded = 0;  ///< of the re-solves below the exact LAMBDA, those whose placements
                                      ///< the residual certificate's bound proved (no verifying solve)
  std::int64_t left_out_pairs = 0;  ///< pairs of a list cut to its first `top` left unpriced: their
                                    ///< proven lower bound was above the costs of `top` priced pairs
  std::int64_t certificates = 0;    ///< residual certificates built (one per plan asked about)
  std::int64_t certified = 0;       ///< of them, those that held
};

class Planner {
 public:
  /// Builds the candidate graph and problem of a checked instance (pins passed
  /// check_decisions). O(candidate generation); nothing is solved until asked.
  explicit Planner(std::shared_ptr<const Instance> instance, MatchOptions options = {});
  explicit Planner(const Instance& instance, MatchOptions options = {});
  ~Planner();
  Planner(Planner&&) noexcept;
  Planner& operator=(Planner&&) noexcept;

  const Instance& instance() const;
  /// The same, shared: it stays valid (unchanged) after pin/forbid/unpin replace it.
  std::shared_ptr<const Instance> shared_instance() const;
  const CandidateGraph& graph() const;
  const MatchOptions& options() const;
  /// For tests and tools: how the re-planning weights are chosen (default Auto).
  void scaling(LexicographicScaling s);
  /// For tests and benchmarks: how pairs are priced (default Auto; the costs are the same).
  void pricing(PairPricing p);
  /// Counts of how pairs were priced since construction.
  const PricingStats& pricing_stats() const;

  /// The plan P: exactly what match() returns (plan with mentors, reasons, empty seats).
  /// Solved once, then kept. Throws InputError when the pins cannot all hold.
  const MatchResult& plan();
  /// Section 7: the re-plan against an earlier plan (ids no longer in the instance are
  /// `gone` changes or simply not kept). Kept placements keep their earlier mentor when
  /// that mentor still has room. O(one solve + a few more when LAMBDA must grow); when the
  /// earlier plan's feasible pairs are exactly those of the proven P, P itself (O(arcs)).
  Replan replan(const PreviousPlan& previous);
  /// Readies the warm state for the questions of sections 8 and 9, so that none of them
  /// pays for it: P, its residual certificate and sink trees and, where a pair may need a
  /// re-solve (mentor pools, floors, or no certificate), the re-planning
  /// Matcher with P as the earlier plan solved once (the re-solves then start from it).
  /// Optional: the first question that needs a part builds it. The costs are the same
  /// either way (each is an exact optimum); where several re-plans tie, the `changes` shown
  /// may be another of them. Cost: O(arcs) plus, where a re-solve may be needed, about one
  /// cold solve.
  void prepare_questions();

  /// Section 8: every feasible pair with the opening (citizen), priced and sorted as the
  /// contract says; `top` keeps the first (0: all). One residual search per call (see above).
  /// With `top` > 0 a pair the search leaves unpriced (its cycle breaks a mentor pool) whose
  /// proven lower bound is above the costs of `top` pairs already priced is left out unpriced
  /// (it cannot be among the first `top`): no pool shift or re-solve for it.
  std::vector<Suggestion> suggest_for_opening(Index opening, std::size_t top = 10);
  std::vector<Suggestion> suggest_for_citizen(Index citizen, std::size_t top = 10);
  /// The price of one pair (nullopt when the pair is not feasible).
  std::optional<Suggestion> price(Index citizen, Index opening);

  /// Section 9.
  Why why(Index citizen, std::optional<Index> opening = std::nullopt);

  /// Decisions changed in memory (checked like decisions.csv: InputError on a pin that
  /// cannot hold); the plan is re-planned against the current plan (section 7), so nobody
  /// moves needlessly, and becomes the new P. Warm where P's certificate holds (see above):
  /// a new pin is P plus the cheapest cycle through its arc, a new forbid of a pair in P is P
  /// plus the cheapest cycle through its reverse (the graph loses that arc in O(arcs)), a
  /// forbid of a pair not in P and a pin removed keep P; each O(arcs + one search). Else
  /// (a mentor pool binds, a forbid is removed, a pin's mentor changes) the re-plan is
  /// solved again (a forbid removed rebuilds the candidate graph).
  Replan pin(Index citizen, Index opening, Index mentor = kNone);
  Replan forbid(Index citizen, Index opening);
  /// Removes a pin or forbid decision of the pair (no-op re-plan when there is none).
  Replan unpin(Index citizen, Index opening);

  /// The instance, the plan P (solved if not yet) and the solver's seat prices, by ids
  /// (placematch/planner/snapshot.hpp; save_snapshot writes it). O(instance + arcs).
  Snapshot snapshot();
  /// Starts the next solve of P from a snapshot, possibly of another version of this
  /// instance: its placements whose pair is still feasible here, its prices for the
  /// openings and companies that are still here, its mentors where still free. P is solved
  /// again (warm) on the next question; value and status as a cold solve. O(arcs).
  void warm_start(const Snapshot& snapshot);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The changes between an earlier plan (by ids) and a plan of `instance` (section 7).
std::vector<PlanChange> diff_plans(const Instance& instance, const PreviousPlan& before, const Plan& after);

/// An instance's plan as an earlier plan (ids of citizen, opening and mentor).
PreviousPlan as_previous(const Instance& instance, const Plan& plan);

/// Sorting key of section 8: true when a is listed before b (the shortfall of the cost
/// first, 0 without floors; then the objective order of cost,
/// then the pair's own score higher first, then `other_id` ascending); impossible last.
bool suggestion_before(const Suggestion& a, const Suggestion& b, Objective objective, std::int32_t a_score,
                       std::int32_t b_score, const std::string& a_id, const std::string& b_id);

}  // namespace placematch
