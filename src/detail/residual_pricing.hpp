#pragma once
// src/detail/residual_pricing.hpp — the exact cost of agreeing a pair, read from the kept
// plan's residual graph (contract section 8; internal, used by the Planner).
//
// Let P be an optimal plan of the flow relaxation (the matching problem without its mentor
// pools), pins held. With P as the earlier plan, section 7's order is the lexicographic
// weight (placement, kept, score) of each arc; P is its unique optimum. Agreeing a pair
// (c, o) forces one unit on arc c -> o: the best flow with it is P plus the cheapest cycle
// through that arc in P's residual graph (standard sensitivity: the difference of the two
// flows decomposes into cycles, and every other cycle costs >= 0). So its cost is
// rc(c -> o) + dist(o ~> c) in reduced costs, and one Dijkstra from o prices every pair of
// o (a backward one from c every pair of c); the tree path is the cycle, i.e. who moves.
//
// Potentials. Two certificates, each built in O(arcs) from P alone and checked arc by arc:
// - placements: P has the most placements iff no augmenting path exists; the set R reached
//   from the unplaced residents by residual arcs gives König-style 0/1 duals;
// - kept and score, one integer weight K * kept + score (K above any difference of total
//   scores): a placed resident's dual is K + its score less its opening's and group's, an
//   opening's (group's) dual is the best score among unplaced residents that it keeps out.
// Both sets of reduced costs are >= 0 on every residual arc, so the pair (placements,
// kept-and-score) is a lexicographic potential and Dijkstra runs on pairs of int64.
// Mentor pools are priced (Lagrangian multipliers, per level, only on pools P fills):
// at the kept-and-score level by the best score a pooled unplaced resident would bring, at
// the placements level by 1 where no opening holding a pooled placement of the pool is
// reachable from the unplaced residents (else 0). Any choice is safe: the certificate is
// checked arc by arc, and P is then optimal for the priced relaxation with complementary
// slackness, hence optimal. When the built duals fail the check on some residual arc,
// potentials are searched by Bellman-Ford on the priced residual graph instead (they exist
// exactly when no priced cycle is negative, i.e. when P is optimal for the priced
// relaxation; any such potentials certify P). When that fails too, certified() is false
// and the caller re-solves instead. A cycle whose plan Q breaks a mentor pool, or leaves a priced pool
// not full (complementary slackness lost), is reported (keeps_pools false, the pools in
// Priced::faults): Q is then only a bound; the caller shifts those pools' multipliers
// (shift_pools, below) and, when no plan meets the shifted bound, re-solves that pair warm.
//
// Sink trees. Every unplaced resident hangs off the sink at reduced cost 0 (and every placed
// one leads into it), so a search that expands the sink relaxes most of the graph. Two
// shortest-path trees are built once per certificate instead (sink_trees()): one from the
// sink (d(sink -> x)) and one into it (d(x -> sink)), on the same reduced costs. A search
// from a root then never expands the sink: once it settles the sink at distance D, a
// target t has the candidate D + d(sink -> t) (backward: d(t -> sink) + D). A shortest path
// either avoids the sink (the search finds it: the sink's arcs are the only ones left out)
// or passes it once (D is exact, the rest is the tree's), so dist(t) = min(search, candidate);
// t is final when settled or when the heap's minimum reaches its candidate. The path read
// through the sink is the search's path to the sink then the tree's path on; when the two
// share a node, the loop between the two visits costs 0 (both halves are shortest) and is
// cut, leaving a simple path of the same cost. The searches of fix_for bar some hops: they
// use a forward tree of the graph without them, the sink tree with the subtrees below a
// barred hop priced again (removing arcs lengthens only the paths through them). A pool
// shift sets the trees aside (until restore_pool()) and its searches use trees for the
// shifted reduced costs, found from the ones before (grow_shifted_tree: only the arcs whose
// priced weight moved with the multiplier change, once the potentials' moves are taken out).
//
// Floors that bind (Levels; the Planner's questions where P is the plan with floors): the
// problem is the floors' reduction (src/detail/floor_paths.hpp, floor_pricing: per floor a
// virtual opening whose seats are its slack, each floored resident's virtual arc into it)
// and P is the plan with floors in it. The placements level weighs F' per floor place
// covered plus one per placement, so that level is the order (least shortfall, then
// placements) and the kept-and-score level follows as before (virtual arcs: no score, no
// kept bonus, not placements). The same argument then makes a cycle's plan, when it keeps
// the pools, the optimum of (shortfall, placements, kept, score) with the pair held — the
// floors' reduction is exact (placematch/planner/floors.hpp). Only the built duals change:
// the König-style placements duals assume one per placement, so the potentials come from
// Bellman-Ford, and where a negative priced cycle remains it moves the multipliers of the
// pools it exposes (a full pool it fills more is priced up until the cycle costs 0, else a
// priced pool it leaves is priced down), a bounded number of rounds; whatever certificate
// results is checked arc by arc as always.
//
// Seats (price_seats, for the what-if's seat steps): one more seat at a full opening o adds
// the residual arc o -> up (its cap group, else the sink) of reduced cost -v_o; the best
// plan with it is P plus the cheapest cycle up ~> o -> up, the same Lagrangian argument.
// The what-if's order has no kept tier (kept_tier false: K = 0), so its certificate holds
// only when P is optimal for the priced relaxation on (placements, score) itself.
//
// Cost: construction O(arcs); the sink trees two Dijkstra searches over the whole residual
// graph, O(E + V log V); one search O(E' + V' log V') over the part of the residual graph
// closer than the farthest target and the sink; reading a cycle O(its length).
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "placematch/engine/solve.hpp"

namespace placematch::detail {

class ResidualPricer {
 public:
  /// A mentor pool's multipliers: per pooled placement, in placements and in the
  /// kept-and-score weight (score in millionths).
  struct PoolPrice {
    std::int64_t placements = 0, score = 0;
  };

  /// `plan`: per citizen the arc P holds (kNone: unplaced), pins included. `hints`: pool
  /// multipliers to try (each a vector with one price per pool) when the built guess does
  /// not certify P — e.g. those that certified the plan before the last decision, or the
  /// engine's Lagrangian prices. Any choice is safe (the certificate is checked).
  /// `kept_tier` false: no kept tier — the priced order is the plain objective's
  /// (placements, score), K = 0, as the what-if's optimum is (then the built duals rarely
  /// hold and the potentials come from Bellman-Ford). `seats`: per opening, the seats to
  /// price with in place of the problem's (e.g. a Matcher's set_seats), or null.
  ResidualPricer(const MatchingProblem& problem, const std::vector<ArcIndex>& plan, Objective objective,
                 const std::vector<std::vector<PoolPrice>>& hints = {}, bool kept_tier = true,
                 const std::vector<std::int32_t>* seats = nullptr);

  /// A problem whose placements level is not one per placement: the floors' reduction
  /// (src/detail/floor_paths.hpp, floor_pricing), where a plan's first levels are the floors covered and
  /// then its placements. `level`: per arc its weight on the placements level (>= 0);
  /// `counted`: per arc 1 when it is a placement (its kept bonus, score and count enter the
  /// kept-and-score level and Priced's placed, moved and score), 0 for an arc that only
  /// covers a floor (a virtual arc: its citizen is unplaced). The built duals of that level
  /// are then a guess only (the potentials come from Bellman-Ford), and Priced::level is the
  /// level's cost. Both vectors must outlive the pricer.
  struct Levels {
    const std::vector<std::int64_t>* level = nullptr;
    const std::vector<std::uint8_t>* counted = nullptr;
  };
  ResidualPricer(const MatchingProblem& problem, const std::vector<ArcIndex>& plan, Objective objective,
                 const Levels& levels);

  /// True when both certificates hold: P is the lexicographic optimum of the relaxation.
  bool certified() const { return certified_; }
  /// Builds the sink trees (see the header comment) when certified and not built yet; the
  /// searches build them on first use otherwise. Two Dijkstra searches over the whole graph.
  void sink_trees();
  /// Off: every search expands the sink (the trees are neither built nor used); for checks
  /// of the trees against the plain search.
  void use_sink_trees(bool on) { trees_on_ = on; }
  /// On: the trees priced again below dearer hops scan every node instead of starting from
  /// the shifted (or barred) pools' nodes; for the checks that both give the same answers.
  void scan_repricing(bool on) { scan_reprice_ = on; }
  /// How a pool shift corrects the potentials: Auto (lowered through the sink tree priced
  /// again below the dearer arcs, else raised upstream of the seeds when few nodes rise, else
  /// arc by arc), ArcByArc (relabel only), SinkTree (through the sink tree, else arc by arc,
  /// for the checks of that path). The answers are the same; the checks compare them.
  enum class Lowering { Auto, ArcByArc, SinkTree };
  void lowering(Lowering how) { lowering_ = how; }
  /// Shifts whose potentials were lowered through the sink tree (coverage of the tests).
  std::int64_t tree_lowerings() const { return tree_lowerings_; }
  /// Of them, those where some multiplier fell (the tree priced again below the dearer arcs).
  std::int64_t mixed_tree_lowerings() const { return mixed_tree_lowerings_; }
  /// Pools lowered by their whole multiplier for want of a cycle F (coverage of the tests).
  std::int64_t unfixed_shifts() const { return unfixed_shifts_; }
  /// Answers read through a sink tree, and of those the paths whose loop was cut (coverage
  /// of the tests).
  std::int64_t via_sink() const { return via_sink_count_; }
  std::int64_t loops_cut() const { return loops_cut_; }
  /// Plans repaired() built that keep every rule but cost more than their bound, so were
  /// not claimed (coverage of the tests: F crossing another shifted pool).
  std::int64_t repairs_refused() const { return repairs_refused_; }
  /// Every residual arc's reduced cost checked >= 0 under the current potentials (after a
  /// shift too): the certificate checked whole, for the tests (O(arcs)).
  bool potentials_hold() const;
  /// The pool multipliers of the certificate (certified() only), to hint the next pricer.
  std::vector<PoolPrice> pool_prices() const;
  /// K, the weight of one kept placement on the kept-and-score level (above any score sum).
  std::int64_t keep_unit() const { return keep_unit_; }

  /// The plan Q = P + the cheapest cycle through one forced (or released) arc.
  struct Priced {
    ArcIndex arc = kNone;
    Index seat = kNone;       // price_seats: the opening with the seat more (repaired() does not take it)
    bool possible = false;    // a cycle exists (no plan holds the pair when false)
    bool keeps_pools = true;  // Q keeps every mentor pool (then Q is the exact optimum)
    std::int64_t placed = 0, moved = 0, score = 0;  // P - Q: placements, P's placements not kept, score
    std::int64_t level = 0;  // P - Q on the placements level (placed, or 0 for Score, unless Levels)
    // The cycle's priced cost (placements level, kept-and-score level K * moved + score plus
    // the pools' multipliers): a lower bound on the cost of every plan that holds the arc and
    // keeps the mentor pools (Lagrangian relaxation; equal to Q's cost when keeps_pools).
    std::int64_t bound_placed = 0, bound_weight = 0;
    // When Q's only fault is one pool, overfilled by one (broken_by +1) or priced and left one
    // short (-1): that pool (else kNone).
    Index broken_pool = kNone;
    int broken_by = 0;
    // Every pool Q breaks, in pool order, with its way: +1 overfilled, -1 priced and left
    // short (empty when keeps_pools). `unit_faults`: each by exactly one place (then Q plus
    // one cycle F per pool may repair it, see repaired()).
    std::vector<std::pair<Index, int>> faults;
    bool unit_faults = false;
    struct Move {
      Index citizen = kNone;
      ArcIndex arc = kNone;  // its arc in Q, kNone: unplaced
    };
    std::vector<Move> moves;  // every citizen whose arc differs, in citizen order
  };

  /// Prices forcing each of `arcs` (arcs into opening o, not held by P) with one search
  /// from o. Requires certified().
  std::vector<Priced> price_opening(Index o, const std::vector<ArcIndex>& arcs);
  /// Prices forcing each of `arcs` (arcs of citizen c, not held by P) with one backward
  /// search into c. Requires certified().
  std::vector<Priced> price_citizen(Index c, const std::vector<ArcIndex>& arcs);
  /// One more seat at each of `openings`, each alone: the best plan with it is P plus the
  /// cheapest cycle through the new seat's arc o -> up (up: o's cap group, else the sink),
  /// i.e. up ~> o in P's residual graph closed by that arc (one search from the sink prices
  /// every opening outside a group, one per group the others). Every other cycle of the new
  /// residual graph is one of P's, priced >= 0. Per opening: Q = P (possible, no moves,
  /// cost 0) when no cycle gains (o has room, or no cycle is priced below 0: then no plan
  /// that keeps the pools gains either, exactly); else Q, exact when keeps_pools, and its
  /// priced cost (bound_placed, bound_weight) a lower bound on the cost of every plan with
  /// the seat that keeps the pools. Arc of each answer: kNone. Requires certified().
  std::vector<Priced> price_seats(const std::vector<Index>& openings);
  /// The best plan without arc `arc` (held by P, not pinned): the cheapest cycle through its
  /// reverse arc (one search from its citizen). Requires certified().
  Priced release(ArcIndex arc);

  // Pairs whose cheapest cycle Q breaks one mentor pool k by one place: overfills it
  // (Priced::broken_by +1) or leaves it, priced, one short (-1: its price is then not
  // earned, so Q's cost is above the search's bound). The multiplier of k is shifted by
  // `by` * delta, delta being the priced cost of F, the cheapest cycle that changes k's
  // pooled placements by -by (by +1: the best release() of one of k's pooled placements,
  // entries into k barred; by -1: the best cycle through a pooled arc into k from outside
  // it, exits from k barred; and delta at most the multiplier, which stays >= 0). Under
  // the shifted multiplier F costs 0 (or the multiplier is 0). By -1 with no such F (no
  // cycle found that brings a resident into k from outside it), delta is the whole
  // multiplier: k is priced 0, no cycle is known to bound the fall, and the check below
  // alone decides (a cycle that enters k and went unseen makes it fail: nothing changes).
  // Nothing in the exactness argument (below, at shift_pools) asks more of delta than
  // multipliers >= 0 on full pools and checked potentials; the pair's new cycle is no longer
  // charged for leaving k one short. The potentials are
  // corrected by Bellman-Ford from the tails of the arcs whose reduced cost fell, and every
  // arc whose corrected cost may have changed is checked (relabel); tried before it:
  // raising the few nodes upstream of those tails (raise_from), and lowering with the
  // sink's fall spread through the forward sink tree in one pass over the nodes
  // (lower_via_sink; its argument at its definition): the certificate's tree priced again
  // below the arcs that got dearer (a raised multiplier makes the pooled arcs into its pool
  // dearer, a lowered one its pooled residents' other arcs), on the weights max(before,
  // after) (dearer_tree: its distances then bound the new ones, which is what
  // lower_via_sink needs of a tree). The tree first, then the raise (measured at regional
  // scale: 1-2 ms per single shift against 3-11 ms raising first). When that holds, P is
  // again optimal for the priced relaxation with complementary slackness (k is full), so
  // each search's priced cost is again a lower bound on every plan that holds the pair and
  // keeps the pools (Lagrangian relaxation), and a plan that keeps the pools at that cost
  // is optimal: the new cheapest cycle Q' when it keeps the pools, or Q' + F (repaired())
  // when Q' still breaks k the same way, shares no resident with F and fits every seat,
  // group and pool. Shifting tightens the bound of the pairs that break k: a cycle that
  // overfills k costs delta more, which freeing a place of k costs at least.
  // Cost: one search per pooled placement of k (by +1) or per opening of k (by -1), the
  // Bellman-Ford passes, the arcs at the nodes they relabel. False (nothing changed) when
  // there is no F (by +1), the weights would leave the exact range, or the check fails;
  // restore_pool() brings back the certificate before the shift.
  bool shift_pool(Index k, int by);
  /// Several pools shifted at once (each pool once, each by its own F, kept between calls:
  /// F depends on P and the certificate only), then one correction and check; the
  /// certificate holds for all of them together or the call returns false. A cycle F of one
  /// pool may cross another shifted pool, so repaired() compares each plan with its bound.
  //
  // Pairs whose cycle breaks several pools (the Planner, price_all): every pool Q breaks
  // (Priced::faults) shifted together, each its own way, a new search, and when the new
  // cycle Q' breaks pools outside that set, the set grown by them and shifted again (per
  // round, the sets of all pairs left first shifted at once, one way per pool, then each
  // set alone for the pairs that leaves). Why
  // an answer found this way is exact. Let L be the multipliers after the joint shift: L >= 0,
  // and L_k > 0 only on pools P fills (shift_pools shifts full pools only, and lowers
  // none below 0). The correction's check proves every residual arc's reduced cost >= 0, so
  // P is optimal for the relaxation priced by L, and every cycle C has priced cost
  // cost(C) + sum_k L_k * change_k(C) >= 0. A plan Q* that holds the pair and keeps every
  // pool differs from P by residual cycles, one through the pair's arc (priced at least the
  // search's minimum, the bound) and others (priced >= 0); keeping the pools, change_k(Q*)
  // <= 0 on every full pool, so cost(Q*) >= priced(Q*) >= the bound. Hence a
  // plan that holds the pair, keeps every rule and costs exactly the bound is the optimum
  // of section 7's order with the pair held: Q' itself when it keeps the pools, or Q' plus
  // the F of each pool Q' breaks by one place (repaired(): tally checks every seat, group,
  // pool and that no resident moves twice; the cost is compared with the bound, never
  // assumed). When neither meets the bound, nothing is claimed and the pair is re-solved.
  /// `arc_by_arc` false: without the last resort of the correction, the arc-by-arc relabel
  /// (for shifts that only try to save others: when the cheaper ones fail, false at once).
  bool shift_pools(const std::vector<std::pair<Index, int>>& shifts, bool arc_by_arc = true);
  /// Whether pool k can be shifted way `by` (full; by +1: a cycle F exists; by -1: a
  /// multiplier to lower, by F's cost or, without F, all of it); finds F (kept) when not
  /// known yet. Not while a shift is in force.
  bool shiftable(Index k, int by);
  /// Of `shifts` (one way per pool, in order), greedily those that can be shifted together
  /// without making any of their cycles F negative (a joint shift that would, fails for
  /// certain; see the .cpp). Not while a shift is in force.
  std::vector<std::pair<Index, int>> joint_subset(const std::vector<std::pair<Index, int>>& shifts);
  void restore_pool();
  /// Q' + the F of every pool Q' breaks (each by one place, each shifted that way) when
  /// that plan keeps every rule and its cost equals Q''s priced cost (then it is the exact
  /// optimum with the pair held); else nothing. After shift_pool(s)() only.
  std::optional<Priced> repaired(const Priced& q) const;

 private:
  struct Key {
    std::int64_t a = 0, b = 0;  // lexicographic: placements level, kept-and-score level
  };
  static bool less(const Key& x, const Key& y) { return x.a < y.a || (x.a == y.a && x.b < y.b); }
  class Heap;
  static Heap& scratch_heap();  // per thread, shared by the searches and the trees

  std::int32_t opening_node(Index o) const { return n_ + o; }
  std::int32_t group_node(Index g) const { return n_ + m_ + g; }
  std::int32_t sink() const { return n_ + m_ + g_; }
  std::int32_t nodes() const { return n_ + m_ + g_ + 1; }
  Index group_of(Index o) const { return p_.opening_cap_group[static_cast<std::size_t>(o)]; }
  bool room(Index o) const;
  bool group_room(Index g) const;
  std::int64_t pl_weight() const { return objective_ == Objective::Placements ? 1 : 0; }
  std::int64_t pl_weight(ArcIndex e) const {  // arc e's weight on the placements level
    return levels_.level ? (*levels_.level)[static_cast<std::size_t>(e)] : pl_weight();
  }
  bool counted(ArcIndex e) const {  // arc e is a placement (not a floor's virtual arc)
    return !levels_.counted || (*levels_.counted)[static_cast<std::size_t>(e)] != 0;
  }
  std::int64_t ks_weight(ArcIndex e, bool kept) const;
  bool enters_pool(ArcIndex e, Index c, Index k) const;  // e brings its citizen into pool k from outside
  std::int64_t pool_change(const Priced& q, Index k) const;  // pool k's placements q adds less those it frees
  void count_move(Priced& out, ArcIndex before, ArcIndex after) const;  // one citizen moved, into P - Q
  Index pool_of(ArcIndex e) const {  // the pool a placement on e takes, or kNone (e kNone: unplaced)
    return e == kNone ? kNone : arc_pool_[static_cast<std::size_t>(e)];
  }
  Key price_of(ArcIndex e) const;             // its pool's multipliers (0 when unpooled)
  Key forward_rc(Index c, ArcIndex e) const;  // reduced cost of citizen arc e (not c's own)
  Key reverse_rc(Index o) const;              // of group/sink -> o (o carries flow)
  void certify(const std::vector<std::vector<PoolPrice>>& hints);  // the constructors' last step
  bool build();
  void placed_duals();  // u of the placed residents from v, z and the pools' multipliers
  // Levels (see the constructor): rounds of negative cycles that move the multipliers.
  static constexpr int kLevelRounds = 64;
  struct Cycle {
    std::vector<Priced::Move> hops;  // per citizen on the cycle: its new arc (kNone: unplaced)
    Key cost;                        // its priced cost (< 0)
  };
  std::vector<Cycle> negative_cycles() const;
  bool adjust_prices(const Cycle& cycle);
  bool repair();  // potentials by Bellman-Ford when the built duals fail the check
  bool certify_with(const std::vector<PoolPrice>& prices);  // given pool multipliers
  // Bellman-Ford from `seeds` on the current potentials (pot_, zero when empty) after
  // some reduced costs out of the seeds fell, then the check of every residual arc.
  bool relabel(const std::vector<std::int32_t>& seeds);
  // The potentials raised upstream of the seeds when few nodes rise (else false, nothing
  // changed), then the same check; tried before relabel() after a pool shift.
  bool raise_from(const std::vector<std::int32_t>& seeds);
  // Lowering as relabel() does, with the sink's fall spread by a sink tree (see the .cpp);
  // tried before relabel() (see shift_pools for the order with raise_from()).
  struct SinkTree;
  // lower_via_sink's work limit (relaxations): an eighth of the residual graph's arcs and
  // nodes, at least 4,096 (see the .cpp).
  std::int64_t lowering_budget() const {
    return std::max<std::int64_t>(4096, (static_cast<std::int64_t>(p_.arc_opening.size()) + nodes()) / 8);
  }
  // `dl`: per pool, the change of its multipliers (shift_change).
  bool lower_via_sink(const std::vector<std::int32_t>& seeds, const SinkTree& t, const std::vector<Key>& dl);
  // The forward sink tree before a shift, priced again below the arcs the shift made dearer
  // (for lower_via_sink when some multiplier fell; see the .cpp).
  SinkTree dearer_tree(const std::vector<Key>& dl);
  // The change of an arc's weight when the pools' multipliers move by dl (see the .cpp).
  Key shift_change(const std::vector<Key>& dl, std::int32_t tail, std::int32_t head, ArcIndex arc) const;
  template <class Relax>
  void cheaper_out_arcs(std::int32_t x, const std::vector<Key>& dl, Relax&& relax) const;
  bool check_arcs(const std::vector<std::int32_t>& seeds, const std::vector<std::int32_t>& changed, bool whole) const;
  // The plan P + `moves` priced against P (placements, moved, score); nothing when a
  // resident moves twice or a seat, group or pool overfills.
  std::optional<Priced> tally(ArcIndex arc, std::vector<Priced::Move> moves) const;
  // A built reduced cost of tail -> head corrected by the repaired potentials (if any).
  Key corrected(Key rc, std::int32_t tail, std::int32_t head) const;

  // A search from `root` (forward) or into `root` (backward) until every target node is
  // settled; fills dist_, seen_, link_ (the predecessor, or the successor when backward)
  // and link_arc_ (the citizen arc of a hop, or kNone).
  void search(std::int32_t root, bool backward, const std::vector<std::int32_t>& targets);
  template <class Relax>
  void out_arcs(std::int32_t u, Relax&& relax) const;
  template <class Relax>
  void in_arcs(std::int32_t v, Relax&& relax) const;
  // The sink trees (index 0: from the sink, forward; 1: into the sink, backward): per node
  // its distance, its link (forward: predecessor; backward: successor; -1 at the sink or
  // unreached) and the citizen arc of that hop; the nodes in the order settled.
  struct SinkTree {
    std::vector<Key> dist;
    std::vector<std::int32_t> link;
    std::vector<ArcIndex> link_arc;
    std::vector<std::uint8_t> reached;
    std::vector<std::int32_t> order;
    // Built on first use (index_children): per node + 1 its children (CSR), per node its
    // place in `order` (trees with an order only).
    mutable std::vector<std::int32_t> child_begin, child, pos;
  };
  void index_children(const SinkTree& t) const;
  static std::vector<Index> moved_pools(const std::vector<Key>& dl);  // the pools dl moves
  std::vector<std::int32_t> pool_roots(const SinkTree& t, const std::vector<Index>& pools) const;
  void grow_tree(bool backward);
  // The forward sink tree without the hops barred() (while fix_for searches F).
  void grow_barred_tree();
  // The sink tree of a direction after shift_pools, from the one before the shift.
  void grow_shifted_tree(bool backward);
  // Tree t with the nodes below a hop that got dearer (or went away) priced again.
  // With `pools`, only the hops near them are asked (see the .cpp).
  template <class Dearer, class Weight>
  SinkTree reprice_below(const SinkTree& t, bool backward, Dearer&& dearer, Weight&& weight,
                         const std::vector<Index>* pools = nullptr);
  // The last search's path to target t, from its start to its end (forward: root ... t,
  // backward: t ... root), as (citizen, arc of its hop on) for every citizen that hops.
  std::vector<Priced::Move> hops_to(std::int32_t t, bool backward);
  // Q from a cycle: `hops` are (citizen, new arc) pairs.
  Priced read_cycle(ArcIndex arc, std::vector<Priced::Move> hops, Key cost) const;

  const MatchingProblem& p_;
  Objective objective_;
  Levels levels_;
  bool kept_tier_ = true;
  std::vector<std::int32_t> seats_;  // per opening: the seats priced with
  Index n_ = 0, m_ = 0, g_ = 0;
  std::vector<ArcIndex> plan_;
  std::vector<std::uint8_t> active_;    // per citizen: not pinned
  std::vector<std::int32_t> cap_;       // per opening: seats less pins
  std::vector<std::int32_t> lim_;       // per group: limit less pins
  std::vector<std::int32_t> flow_o_;    // per opening: active residents placed there
  std::vector<std::int32_t> flow_g_;    // per group
  std::vector<std::vector<Index>> members_;  // per opening: active residents placed there
  std::vector<std::int64_t> pool_used_;      // per pool: pooled placements of P
  std::vector<std::int64_t> into_begin_;     // per opening + 1: arcs into it (CSR)
  std::vector<ArcIndex> into_arc_;
  std::vector<Index> arc_citizen_;           // per arc
  std::vector<Index> arc_pool_;              // per arc: the pool a placement on it takes, or kNone
  std::vector<std::int32_t> group_begin_;    // per group + 1: its openings (CSR)
  std::vector<Index> group_openings_;
  std::vector<Index> placed_, unplaced_;     // active residents
  std::vector<Index> uncapped_;              // openings without a group
  std::vector<Index> plan_pool_;             // per citizen: the pool of its arc in P, or kNone
  std::vector<std::int32_t> pool_placed_begin_, pool_open_begin_;  // per pool + 1 (CSR)
  std::vector<Index> pool_placed_, pool_openings_;  // per pool: active pooled residents of P; openings
  struct Span {
    const Index *b, *e;
    const Index* begin() const { return b; }
    const Index* end() const { return e; }
  };
  Span pool_placed(Index k) const {
    return {pool_placed_.data() + pool_placed_begin_[static_cast<std::size_t>(k)],
            pool_placed_.data() + pool_placed_begin_[static_cast<std::size_t>(k) + 1]};
  }
  Span pool_openings(Index k) const {
    return {pool_openings_.data() + pool_open_begin_[static_cast<std::size_t>(k)],
            pool_openings_.data() + pool_open_begin_[static_cast<std::size_t>(k) + 1]};
  }
  std::int64_t keep_unit_ = 0;               // K
  // Duals per level: u per citizen, v per opening, z per group.
  std::vector<Key> u_, v_, z_;
  std::vector<Key> lambda_;  // per pool: the multipliers (both levels)
  std::vector<Key> pot_;     // per node: repaired potentials (empty: the built duals hold)
  bool certified_ = false;
  bool structure_ok_ = false;  // P holds its pins and fits every capacity (build's first part)

  // Search scratch.
  std::vector<Key> dist_;
  std::vector<std::uint32_t> seen_, done_;
  std::vector<std::int32_t> link_;
  std::vector<ArcIndex> link_arc_;
  std::uint32_t stamp_ = 0;
  std::vector<std::uint32_t> via_;  // == stamp_: the target's path passes the sink and a tree
  std::vector<std::uint32_t> mark_;  // path reading: nodes of the second part
  std::vector<std::int32_t> mark_pos_;
  std::uint32_t mark_stamp_ = 0;
  bool trees_on_ = true;
  bool scan_reprice_ = false;  // reprice_below scans every node (for the checks)
  Lowering lowering_ = Lowering::Auto;
  std::int64_t tree_lowerings_ = 0, mixed_tree_lowerings_ = 0, unfixed_shifts_ = 0;
  std::optional<SinkTree> tree_[2], saved_tree_[2], barred_tree_;
  std::int64_t via_sink_count_ = 0, loops_cut_ = 0;
  mutable std::int64_t repairs_refused_ = 0;
  const SinkTree* used_tree_ = nullptr;  // the tree of the last search (null: none)
  // The shifts of pools' multipliers (shift_pools): while a cycle F is searched, the pool
  // whose hops are barred and which way (barred()); each pool's F, the pools shifted, and
  // the state to restore.
  std::optional<Key> shift_delta(Index k, int by);  // pool k's change when shifted way `by`
  bool barred(std::int32_t u, ArcIndex arc) const;
  Index barred_pool_ = kNone;
  int barred_way_ = 0;
  const std::optional<Priced>& fix_for(Index k, int by);
  std::map<std::pair<Index, int>, std::optional<Priced>> fixes_;  // F per pool and way
  std::vector<std::pair<Index, int>> shifted_;                     // the pools shifted now
  std::vector<Key> saved_u_, saved_pot_, saved_lambda_;
};

}  // namespace placematch::detail
