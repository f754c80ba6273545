#pragma once
// src/detail/flow_core.hpp — the min-cost flow core of the matching engine.
//
// Network: source -> citizen (cap 1) -> opening (cap seats) -> [cap group (cap limit)] ->
// sink, plus a private unplaced arc citizen -> sink of weight 0. Arc cost = M - weight,
// M = max(0, max weight), so every cost is >= 0 and each citizen routes exactly one unit;
// the row-by-row min-cost flow is then a maximum-weight plan.
// Rows are augmented one at a time by Dijkstra on reduced costs c + p(u) - p(v) (4-ary
// heap), stopping when the sink is settled; only settled nodes' potentials change
// (p += d - D), so p(sink) stays 0. Flows are implicit: the citizen's chosen arc, the
// member lists of openings and the counts of openings and groups.
// Exactness: costs and potentials are int64; |p| <= nodes * max cost, checked up front.
//
// Pricing: the searches see a sparse core of the arcs — for each citizen its best
// `arcs_per_citizen` open arcs by weight, for each opening its best `arcs_per_seat` per
// seat (plus the arc a citizen holds, and the arcs added before) — packed per citizen as {cost, opening} so the hot loop reads one stream. After
// the core is solved, every other open arc is priced against the potentials; arcs of
// negative reduced cost join the core and the flow is repaired warm (as in resolve()).
// When no arc prices out, the potentials certify the flow on the whole graph (duals()).
// After a few rounds every open arc joins, so the loop always ends with the optimum.
// Searches are bounded: a node whose tentative distance is not below the sink's is never
// queued (it could not change the path or any potential).
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "detail/flow_heap.hpp"
#include "placematch/model/instance.hpp"

namespace placematch {
struct MatchingProblem;
}

namespace placematch::detail {

/// Per-solve data: weights and restrictions on the fixed structure of the problem.
struct FlowInput {
  std::vector<std::int64_t> weight;  // per arc (may be < 0 after pricing)
  std::vector<std::uint8_t> closed;  // per arc: 1 = the arc may not be used
  std::vector<std::uint8_t> active;  // per citizen: 0 = out of the search (pinned)
  std::vector<std::int32_t> seats;   // per opening: free seats (>= 0)
  std::vector<std::int32_t> limit;   // per cap group: free units (>= 0)
  /// The constant M of cost = M - weight; must be >= every weight. 0: max(0, max weight).
  /// Keep it fixed across warm re-solves.
  std::int64_t big_m = 0;
  /// Pricing: open arcs per citizen in the first core (its best by weight); 0: all.
  std::int32_t arcs_per_citizen = 4;
  /// And each opening's best arcs, this many per seat (0: none).
  std::int32_t arcs_per_seat = 6;
  /// For resolve(): when set, the weights differ from those of this core's last solve (or
  /// seed) at most on these arcs — the caller's promise (a superset is fine). It spares a
  /// re-solve the O(arcs) comparison, copy and range scan of the whole weight array (after
  /// a change of seats, or of a few pools' prices). Null: every weight is compared.
  const std::vector<ArcIndex>* changed_weights = nullptr;
};

class FlowCore {
 public:

  explicit FlowCore(const MatchingProblem& problem);

  /// Solves from scratch. Returns false (and leaves no plan) when the cost range would
  /// not be exact in int64. O(n * search), see solve.hpp.
  bool solve(const FlowInput& input);
  /// Re-solves after any change of the input (weights, closed arcs, active citizens,
  /// seats, limits), keeping the previous flow and potentials where they stay valid:
  /// placed citizens whose arcs turned against them are re-rooted (unplaced ones wait and
  /// are re-checked before augmenting); a freed seat at an uncapped opening is filled by
  /// fill_seat (one backward search); other freed capacity raises its node's potential
  /// (re-rooting the placed citizens whose arcs into it turn negative); then the roots
  /// are augmented. Same optimum as solve(); falls back to solve() when there is no
  /// previous solve or M changed.
  bool resolve(const FlowInput& input);
  /// Takes a flow and prices from elsewhere (an earlier solve of a similar problem, e.g.
  /// a snapshot) as if they were the last solve of `input`: the next resolve(input)
  /// repairs them warm like any other change, and falls back to a cold solve when they
  /// are broken, so the optimum is the same either way. `arcs` per citizen (kNone, or an
  /// arc of the citizen): kept in citizen order while open, active and within the seats
  /// and limits left; `opening_dual`, `group_dual` (>= 0, weight scale, sizes openings and
  /// groups) give the potentials p(g) = -z_g, p(o) = p(next node) - v_o; a kept citizen's
  /// arc is made tight, an unplaced citizen's potential is -M. Returns false (and keeps no
  /// state) when the cost range would not be exact. O(arcs).
  bool seed(const FlowInput& input, const std::vector<ArcIndex>& arcs, const std::vector<std::int64_t>& opening_dual,
            const std::vector<std::int64_t>& group_dual);

  /// The arc of citizen c after solve(), or kNone (also for inactive citizens).
  ArcIndex arc(Index c) const { return assign_[static_cast<std::size_t>(c)]; }
  const std::vector<ArcIndex>& assignment() const { return assign_; }
  /// LP duals (see Solution in solve.hpp): u per citizen, v per opening, z per group.
  void duals(std::vector<std::int64_t>& u, std::vector<std::int64_t>& v,
             std::vector<std::int64_t>& z) const;
  /// The citizen of arc e (a table made at construction and shared by copies). O(1).
  Index citizen_of(ArcIndex e) const { return arc_citizen_[e]; }
  std::int64_t dijkstra_runs() const { return dijkstra_runs_; }
  /// Nodes settled by all searches so far: the deterministic measure of work.
  std::int64_t settled_nodes() const { return settled_nodes_; }
  /// Warm re-solves that found the potentials broken and solved from scratch instead.
  std::int64_t cold_restarts() const { return cold_restarts_; }
  /// For tests of the cold fallback only: shifts every opening's potential by `delta`,
  /// as a fault in the warm state would, so that the next resolve() must find its
  /// potentials broken and restart from scratch (see flow_test.cpp).
  void shift_opening_potentials_for_testing(std::int64_t delta) {
    for (Index o = 0; o < m_; ++o) pot_[static_cast<std::size_t>(n_ + o)] += delta;
  }

 private:
  bool prepare(const FlowInput& input, bool hinted = false);
  // The sparse core: usable_ (per arc) and the packed per-citizen lists. keep: arcs usable
  // before stay usable while open.
  // hinted: input.changed_weights names every arc whose weight changed since the last solve.
  void select_arcs(const FlowInput& input, bool keep, bool hinted = false);
  void select_all(const FlowInput& input);
  void select_changed(const FlowInput& input, bool hinted);
  void select_best(const FlowInput& input, Index c, std::vector<std::pair<std::int64_t, std::int64_t>>& open);
  std::int64_t slot_of(Index c, ArcIndex e) const;
  std::vector<std::uint8_t> select_closed_;  // per arc: input.closed at the last selection
  std::vector<Index> dead_rows_;  // citizens that may hold a dead packed arc (repeats allowed)
  void select_by_opening(const FlowInput& input);
  void pack_arcs();
  // pack_arcs after arcs of `grown` (ascending citizens, no repeat) joined the core: the
  // other citizens' packed lists copied in whole runs, theirs (and those holding a dead
  // arc) packed again and merged into each opening's by-opening list. Same packed lists
  // and index as pack_arcs. O(core + citizens + openings + k log k), k their new arcs.
  void repack(const std::vector<Index>& grown);
  void refresh_costs();
  // Adds every open arc of negative reduced cost to the core (all open arcs when `all`);
  // returns how many were added. Reads only the arcs whose reduced cost or condition may
  // have moved since the last pass (see Priced), unless `all` or that pass is unknown.
  std::int64_t price_arcs(bool all);
  // One citizen's arcs and own conditions in a pricing pass (price_arcs).
  void price_citizen(Index c, bool all, std::int64_t& added);
  std::vector<Index> grown_;  // price_arcs: the citizens whose arcs joined the core (scratch)
  // Restores optimality after changes of the input or of the core (steps of resolve()).
  // false: a search found the potentials broken (the caller then solves cold).
  // `rows`: the citizens step 1 need read (ascending), when the others are known to
  // have nothing to repair (a pricing round's: those the pass listed); null: every one.
  bool repair(const std::vector<Index>* rows = nullptr);
  // The citizens step 1 of a resolve's repair can act on, when the last pricing pass
  // certified the flow and only the input changed since (potentials, flow and M as that
  // pass left them): those whose active flag or closed arcs changed or that have an arc
  // whose weight changed (listed). false: unknown, every citizen is read.
  bool changed_rows(const FlowInput& input, bool hinted, std::vector<Index>& rows);
  // Its steps (flow_core.cpp): rows whose arcs turned, capacity that shrank, free
  // capacity below its next node (seats filled or potentials raised), roots augmented.
  struct RepairWork;
  void enqueue_opening(RepairWork& w, Index o) const;
  void cancel(RepairWork& w, Index c);
  void repair_rows(RepairWork& w, const std::vector<Index>* rows);
  void repair_row(RepairWork& w, Index c);
  void repair_shrunk_capacity(RepairWork& w);
  void raise_group(RepairWork& w, Index g);
  void repair_opening(RepairWork& w, Index o);
  bool augment_roots(const RepairWork& w);
  // Pricing rounds after a solve; false as for repair().
  bool price_and_repair();
  // The optimality conditions on every open arc (see flow_core.cpp).
  bool certified() const;
  bool cold_solve();
  // A freed seat at uncapped opening o (p(o) < 0): a backward Dijkstra from o finds the
  // cheapest chain from the sink into o; the cycle is augmented when it gains. Returns
  // 1 filled, 0 not worth filling (o's potential now >= 0), -1 the sink was not reached.
  int fill_seat(Index o, const std::vector<std::uint8_t>& skip);  // skip: citizens left out
  struct SeatSearch;               // its backward search (flow_core.cpp)
  void tighten_settled_members();  // its last step
  // One row's shortest augmenting path (flow_core.cpp), in steps: a new search, the root
  // queued, the search (RowSearch), potentials moved, the path augmented.
  bool augment_row(Index root);  // false: the potentials were found broken
  void begin_search();
  void queue_root(Index root);
  struct RowSearch;
  bool augment_path(Index root);
  void move_citizen(Index c, ArcIndex new_arc);
  std::int64_t next_node(Index o) const;  // the node after opening o: its group or the sink

  // The network's nodes, named once: citizens [0, n), openings [n, n+m), cap groups
  // [n+m, n+m+g), then the sink.
  std::int32_t opening_node(Index o) const { return n_ + o; }
  std::int32_t group_node(Index g) const { return n_ + m_ + g; }
  std::int32_t sink_node() const { return n_ + m_ + g_; }
  std::int32_t node_count() const { return n_ + m_ + g_ + 1; }
  bool is_opening_node(std::int32_t v) const { return v >= n_ && v < n_ + m_; }
  bool is_group_node(std::int32_t v) const { return v >= n_ + m_ && v < n_ + m_ + g_; }
  Index group_of_node(std::int32_t v) const { return v - n_ - m_; }

  // Structure.
  Index n_ = 0, m_ = 0, g_ = 0;
  const ArcIndex* arc_begin_ = nullptr;
  // Per arc: its citizen (shared by copies of this core; a binary search over arc_begin_
  // per arc cost more than the rest of a warm re-solve near a pin at regional scale).
  std::shared_ptr<const std::vector<Index>> arc_citizens_;
  const Index* arc_citizen_ = nullptr;
  const Index* arc_opening_ = nullptr;
  std::vector<Index> opening_group_;
  std::vector<std::int64_t> group_begin_;  // CSR: openings of each group
  std::vector<Index> group_openings_;

  // The sparse core (see Pricing above).
  // The cost of a core arc closed since it was packed: never relaxed (a search does not
  // queue a node no closer than the sink), never negative, never the root's best.
  static constexpr std::int64_t kDeadCost = std::int64_t{1} << 61;
  struct PackedArc {
    std::int64_t cost;     // M - weight, or kDeadCost
    std::int32_t opening;  // head
    std::int32_t offset;   // arc = arc_begin_[citizen] + offset
  };
  std::vector<std::uint8_t> usable_;     // per arc: in the core (implies open)
  std::vector<std::int64_t> pack_begin_;  // per citizen (+ 1: the end after pack_arcs)
  std::vector<std::int64_t> pack_end_;    // per citizen: its list is packed_[begin, end)
  std::int64_t garbage_ = 0;              // entries of packed_ in no citizen's list
  std::vector<PackedArc> packed_;
  std::vector<std::int64_t> own_cost_;   // per citizen: cost of the arc it holds
  bool core_certified_ = false;  // the last pricing pass found every arc's condition met
  // What the last pricing pass read. Every open arc of an active citizen had a reduced cost
  // >= 0 then, and every citizen met its own conditions, except the arcs and citizens it
  // listed (`arcs`, `rows`). An arc's reduced cost M - w + p(c) - p(o) and a citizen's
  // conditions move only with M, p(sink), p(c), p(o), w, the arc held, closed and active:
  // the next pass reads the citizens where one of those moved or that were listed, and
  // the arcs into openings whose potential moved (through by_opening_), and finds exactly
  // what a pass over every arc would. `weights`: arcs whose weight changed since (a
  // resolve's hint); `valid` false (weights changed unlisted, a solve from scratch, a
  // seed): the next pass reads every arc.
  struct Priced {
    bool valid = false;
    std::int64_t big_m = 0;
    std::vector<std::int64_t> pot;
    std::vector<ArcIndex> assign;
    std::vector<std::uint8_t> closed, active;
    std::vector<ArcIndex> weights;
    std::vector<Index> rows;  // citizens listed: an arc of theirs or their own condition failed
  };
  Priced priced_;
  std::vector<std::uint8_t> price_mark_;  // per citizen: read in this pass (scratch)
  std::vector<std::uint8_t> repack_mark_;  // per citizen: packed again by repack (scratch)
  // Every arc by its opening (built once on first use, shared by copies of the core).
  struct ByOpening {
    std::vector<std::int64_t> begin;  // per opening + 1
    std::vector<Index> citizen;
    std::vector<ArcIndex> arc;
  };
  std::shared_ptr<const ByOpening> by_opening_;
  bool same_weights_ = false;    // during a resolve: the weights are the last solve's
  std::int64_t range_max_ = 0, range_min_ = 0;  // the weights' range at the last check
  struct IntoArc {
    Index citizen;
    std::int32_t offset;
  };
  std::vector<std::vector<IntoArc>> into_;  // per opening: the core's arcs into it, by citizen

  // Per solve.
  const FlowInput* in_ = nullptr;
  std::int64_t big_m_ = 0;
  std::vector<ArcIndex> assign_;            // per citizen: arc or kNone
  std::vector<std::int32_t> member_pos_;    // per citizen: position in its opening's list
  std::vector<std::vector<Index>> members_; // per opening: citizens placed there
  std::vector<std::int32_t> group_count_;
  std::vector<std::int64_t> pot_;           // per node
  std::vector<std::uint8_t> active_;        // the last solve's active citizens
  std::vector<std::int64_t> last_weight_;   // the last solve's weights
  bool solved_ = false;

  // Search scratch.
  QuadHeap heap_;
  std::vector<std::int64_t> dist_;
  std::vector<std::int32_t> parent_;
  std::vector<std::int64_t> parent_arc_;
  std::vector<std::uint32_t> seen_;  // search stamp per node
  std::vector<std::int32_t> settled_;
  std::uint32_t stamp_ = 0;
  std::int64_t dijkstra_runs_ = 0;
  std::int64_t settled_nodes_ = 0;
  std::int64_t cold_restarts_ = 0;
};

}  // namespace placematch::detail
