// What one more seat at each opening can add to the optimum: the bounds that order and
// prune the what-if's seat tries (src/detail/seat_gains.hpp).
//
// The flow's gain by one more seat. A flow problem here is source -> citizen -> opening ->
// (cap group ->) sink with arc weights w = big + score - (pooled ? price_o : 0), the pins'
// citizens removed and their seats and cap limits taken (and, for a leaf of a search
// tree, its pins and closed arcs too). When the plan x is optimal for that flow, its dual
// values are potentials of its residual graph (with a free arc sink -> source): every
// residual arc has a reduced length l >= 0 (checked, arc by arc; any l < 0 and no bound
// comes from that flow). One more seat at t adds the arc t -> sink (t -> g for t in cap
// group g), so the flow's gain is the longest residual path back to t:
// L(sink, t) = v_t + z_g - dist_l(sink, t), one Dijkstra from the sink for every opening.
// For t in a saturated cap group the cycle must start at g, and L(g, t) <= L(sink, t) (the
// arc sink -> g is residual); elsewhere L(g, t) = L(sink, t). The gain is at least 0 (a
// seat more never lowers the flow) and at most v_t (the duals stay feasible with v_t
// paid once more). An opening the Dijkstra does not reach has no citizen that could take
// its new seat (every unplaced citizen is reached from the source, every placed one from
// its opening, and an opening with flow from the sink), nor has one whose cap group takes
// nobody: the flow gains nothing there.
//
// The certificate's bound (seat_gain_bounds). The state's certificate (Solution::cert_*)
// is such a flow, priced by the root's prices, whose Lagrangian bound exceeds the plan by
// cert_gap: gain(t) <= cert_gap + flowgain(t); 0 where no citizen can take the seat.
// Without mentor pools (gap 0) the bound is the gain.
//
// The kept tree's bound (tree_seat_gain_bounds). The leaves of a finished search partition
// the plans of the component whatever the seats (src/engine/branch_and_bound.cpp, "Searching
// from a kept tree"), so the optimum with a seat more at t is the best over the leaves of
// each leaf's optimum with that seat. A leaf l's optimum is at most its Lagrangian bound at
// any prices >= 0 — in particular at the prices lambda_l of the flow that bounded it in the
// state's run: L_l(t) = F_l(t) + sum_k lambda_lk * room_lk, F_l the leaf's priced flow
// (pool room does not depend on the seats). And F_l(t) = F_l + flowgain_l(t) by the above,
// on the leaf's flow and potentials. So, with gap_l = L_l - (the plan's weight),
//     gain(t) <= max over the leaves l of (gap_l + flowgain_l(t)),
// and that maximum for every opening costs one Dijkstra per leaf. It counts only where
// every leaf of t's component has its flow (Solution::tree_flows; a component without
// keeps the certificate's bound), and is used as min(it, the certificate's bound).
// O(leaves x arcs log nodes). (A leaf that holds no plan of the changed instance only
// adds a term to the maximum; one that holds the optimum bounds it: the maximum stays an
// upper bound whichever leaf that is.)
//
// Cheaper forms of the same bound (what the seat steps use first). From the leaves' duals
// alone: flowgain_l(t) <= v_t where t is full in the leaf's flow, and = 0 where t has
// room left (the flow's value is concave in t's seats and flat beyond the flow through
// t): O(openings) per leaf, no search; these duals are not checked arc by arc (they are
// the flow core's optimal potentials, on which every Lagrangian bound of the engine rests
// too). And the paths for the few openings in contention only: dist_l(sink, t) by a
// Dijkstra backwards from t (on the arcs into each node), stopped at the sink, or once
// the distance reached d makes gap_l + v_t + z_g - d at most the threshold that matters
// (the best gain so far, or the runner-up's bound) — every distance past d is at least d,
// so that value bounds the term. The arcs it scans are checked (l >= 0).
#include <algorithm>
#include <limits>
#include <queue>

#include "detail/csr.hpp"
#include "detail/seat_gains.hpp"

namespace placematch::detail {

namespace {

std::size_t at(std::int64_t i) { return static_cast<std::size_t>(i); }

constexpr std::int64_t kInf = std::numeric_limits<std::int64_t>::max();

// A flow on part of the problem (a component, or all of it: the lists null), with its
// plan, duals and prices in the part's order (see Solution::LeafFlow), its restriction
// beyond the problem's pins and `closed` (global arcs; null: none).
struct FlowView {
  const std::vector<Index>* citizens = nullptr;
  const std::vector<Index>* openings = nullptr;
  const std::vector<Index>* groups = nullptr;
  const std::vector<ArcIndex>* arc = nullptr;
  const std::vector<std::int64_t>*u = nullptr, *v = nullptr, *z = nullptr, *price = nullptr;
  const std::vector<ArcIndex>* pins = nullptr;
  const std::vector<ArcIndex>* closed = nullptr;
  std::int64_t big = 0;
  // With paths and a threshold (not the minimum): instead of one Dijkstra from the sink,
  // one backwards from each opening t whose dual bound gap + v_t exceeds the threshold, on
  // the arcs into each node (`into`: every opening's arcs), stopped at the sink or once
  // gap + the gain left possible is at most the threshold; the other openings keep their
  // dual bound (at most the threshold).
  std::int64_t gap = 0, threshold = std::numeric_limits<std::int64_t>::min();
  const ArcsByOpening* into = nullptr;
};

// Per opening of the view, the flow's gain by one more seat there (see the header), or -1
// where no citizen can take it. False when the duals are not potentials of the flow's
// residual graph (or do not fit the view). Without `paths`, no Dijkstra: the dual bound
// v_t where t is full (where t has room left the seat adds nothing: the flow's value is
// concave in t's seats and flat beyond the flow through t), -1 where t's group takes
// nobody — O(arcs).
bool flow_seat_gains(const MatchingProblem& p, const std::vector<std::int32_t>& seats,
                     const std::vector<std::uint8_t>& closed, const FlowView& view, bool paths,
                     std::vector<std::int64_t>& gain) {
  const Index nc = view.citizens ? static_cast<Index>(view.citizens->size()) : p.num_citizens;
  const Index no = view.openings ? static_cast<Index>(view.openings->size()) : p.num_openings;
  const Index ng = view.groups ? static_cast<Index>(view.groups->size()) : static_cast<Index>(p.cap_group_limit.size());
  const auto& arc = *view.arc;
  const auto& u = *view.u;
  const auto& v = *view.v;
  const auto& z = *view.z;
  const auto& price = *view.price;
  if (arc.size() != at(nc) || u.size() != at(nc) || v.size() != at(no) || z.size() != at(ng) || price.size() != at(no))
    return false;
  auto citizen = [&](Index c) { return view.citizens ? (*view.citizens)[at(c)] : c; };
  auto opening = [&](Index o) { return view.openings ? (*view.openings)[at(o)] : o; };
  auto group = [&](Index g) { return view.groups ? (*view.groups)[at(g)] : g; };
  // Global -> view (kNone: outside the view).
  std::vector<Index> c_of, o_of, g_of;
  if (view.citizens) {
    c_of.assign(at(p.num_citizens), kNone);
    for (Index c = 0; c < nc; ++c) c_of[at(citizen(c))] = c;
  }
  if (view.openings) {
    o_of.assign(at(p.num_openings), kNone);
    for (Index o = 0; o < no; ++o) o_of[at(opening(o))] = o;
  }
  if (view.groups) {
    g_of.assign(p.cap_group_limit.size(), kNone);
    for (Index g = 0; g < ng; ++g) g_of[at(group(g))] = g;
  }
  auto view_citizen = [&](Index c) { return view.citizens ? c_of[at(c)] : c; };
  auto view_opening = [&](Index o) { return view.openings ? o_of[at(o)] : o; };
  auto view_group = [&](Index g) { return g == kNone ? kNone : view.groups ? g_of[at(g)] : g; };
  std::vector<Index> group_of(at(no));  // per view opening: its view group or kNone
  for (Index o = 0; o < no; ++o) group_of[at(o)] = view_group(p.opening_cap_group[at(opening(o))]);
  auto zg = [&](Index o) { return group_of[at(o)] == kNone ? 0 : z[at(group_of[at(o)])]; };
  std::vector<ArcIndex> extra_closed = view.closed ? *view.closed : std::vector<ArcIndex>{};
  std::sort(extra_closed.begin(), extra_closed.end());
  auto is_closed = [&](ArcIndex a) {
    return (!closed.empty() && closed[at(a)]) ||
           (!extra_closed.empty() && std::binary_search(extra_closed.begin(), extra_closed.end(), a));
  };

  // The flow's problem: pins' citizens out, their seats and limits taken.
  std::vector<std::uint8_t> pinned(at(nc), 0);
  std::vector<std::int64_t> room(at(no)), limit(at(ng));
  for (Index o = 0; o < no; ++o) room[at(o)] = seats[at(opening(o))];
  for (Index g = 0; g < ng; ++g) limit[at(g)] = p.cap_group_limit[at(group(g))];
  {
    std::vector<ArcIndex> pins = p.pinned_arcs;
    if (view.pins) pins.insert(pins.end(), view.pins->begin(), view.pins->end());
    std::sort(pins.begin(), pins.end());
    pins.erase(std::unique(pins.begin(), pins.end()), pins.end());
    for (ArcIndex a : pins) {
      const auto it = std::upper_bound(p.arc_begin.begin(), p.arc_begin.end(), a);
      const Index c = view_citizen(static_cast<Index>(it - p.arc_begin.begin()) - 1);
      if (c == kNone) continue;  // another component's
      pinned[at(c)] = 1;
      const Index o = view_opening(p.arc_opening[at(a)]);
      --room[at(o)];
      if (group_of[at(o)] != kNone) --limit[at(group_of[at(o)])];
    }
  }
  std::vector<std::int64_t> flow_o(at(no), 0), flow_g(at(ng), 0);
  std::vector<Index> used_at(at(nc), kNone);  // per citizen: the view opening of its flow arc
  for (Index c = 0; c < nc; ++c) {
    const ArcIndex a = arc[at(c)];
    if (pinned[at(c)] || a == kNone) continue;
    const Index o = view_opening(p.arc_opening[at(a)]);
    if (o == kNone) return false;
    used_at[at(c)] = o;
    ++flow_o[at(o)];
    if (group_of[at(o)] != kNone) ++flow_g[at(group_of[at(o)])];
  }
  // The lengths of the arcs at openings and groups.
  for (Index o = 0; o < no; ++o) {
    if (flow_o[at(o)] < room[at(o)] && v[at(o)] > 0) return false;  // o -> up: -v_o
    if (flow_o[at(o)] > 0 && v[at(o)] < 0) return false;            // up -> o: v_o
  }
  for (Index g = 0; g < ng; ++g) {
    if (flow_g[at(g)] < limit[at(g)] && z[at(g)] > 0) return false;  // g -> sink: -z_g
    if (flow_g[at(g)] > 0 && z[at(g)] < 0) return false;             // sink -> g: z_g
  }
  // Placed citizens by opening, openings by group (CSR).
  std::vector<Index> placed_begin, placed, member_begin, member;
  detail::group_by(at(no), detail::Indices{nc}, [&](std::int64_t c) { return used_at[at(c)]; }, placed_begin, placed);
  detail::group_by(at(ng), detail::Indices{no}, [&](std::int64_t o) { return group_of[at(o)]; }, member_begin, member);
  // The slack of an arc (its reduced length when unused; minus that when used).
  auto slack = [&](Index c, ArcIndex a, Index o) {
    const std::int64_t w = view.big + p.arc_score[at(a)] - (p.arc_pooled[at(a)] ? price[at(o)] : 0);
    return u[at(c)] + v[at(o)] + zg(o) - w;
  };

  gain.assign(at(no), -1);
  const bool backwards = view.threshold != std::numeric_limits<std::int64_t>::min();
  if (!paths || backwards) {  // (the arcs unchecked: the flow core's duals, as every Lagrangian bound of the engine)
    for (Index o = 0; o < no; ++o) {
      if (group_of[at(o)] != kNone && limit[at(group_of[at(o)])] <= 0) continue;  // the group takes nobody
      gain[at(o)] = flow_o[at(o)] < room[at(o)] ? 0 : std::max<std::int64_t>(0, v[at(o)]);
    }
    if (!paths) return true;
  }

  // Nodes: sink 0, source 1, citizens, openings, cap groups.
  const Index kSink = 0, kSource = 1, c0 = 2, o0 = c0 + nc, g0 = o0 + no, n = g0 + ng;
  if (backwards) {
    // dist(x) here: the shortest path from x to the target t; the sink's is dist(sink, t).
    std::vector<std::int64_t> to(at(n), kInf);
    std::vector<std::uint8_t> settled(at(n), 0);
    std::vector<Index> touched;
    using Item = std::pair<std::int64_t, Index>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
    bool ok = true;
    auto relax = [&](Index y, std::int64_t d, std::int64_t l) {
      if (l < 0) ok = false;
      if (d + l < to[at(y)]) {
        if (to[at(y)] == kInf) touched.push_back(y);
        to[at(y)] = d + l;
        heap.emplace(d + l, y);
      }
    };
    for (Index t = 0; t < no && ok; ++t) {
      if (gain[at(t)] <= 0 || view.gap + gain[at(t)] <= view.threshold) continue;  // at most the threshold already
      // Stop once dist(sink, t) >= stop: then gap + gain <= threshold.
      const std::int64_t stop = v[at(t)] + zg(t) + view.gap - view.threshold;
      std::int64_t reached = kInf;  // dist(sink, t), or a lower bound of it when stopped
      to[at(o0 + t)] = 0;
      touched.push_back(o0 + t);
      heap.emplace(0, o0 + t);
      while (!heap.empty() && ok) {
        const auto [d, x] = heap.top();
        heap.pop();
        if (settled[at(x)]) continue;
        if (x == kSink || d >= stop) {
          reached = d;
          break;
        }
        settled[at(x)] = 1;
        if (x == kSource) {
          relax(kSink, d, 0);
        } else if (x < o0) {  // into citizen c: from the source (unplaced), from its opening (placed)
          const Index c = x - c0;
          if (used_at[at(c)] == kNone)
            relax(kSource, d, -u[at(c)]);
          else
            relax(o0 + used_at[at(c)], d, -slack(c, arc[at(c)], used_at[at(c)]));
        } else if (x < g0) {  // into opening o: from its citizens' other arcs, from up when it has flow
          const Index o = x - o0;
          const Index og = opening(o);
          for (std::int64_t i = view.into->begin[at(og)]; i < view.into->begin[at(og) + 1]; ++i) {
            const auto [a, cg] = view.into->arc[at(i)];
            const Index c = view_citizen(cg);
            if (c == kNone || pinned[at(c)] || a == arc[at(c)] || is_closed(a)) continue;
            relax(c0 + c, d, slack(c, a, o));
          }
          if (flow_o[at(o)] > 0) relax(group_of[at(o)] == kNone ? kSink : g0 + group_of[at(o)], d, v[at(o)]);
        } else {  // into group g: from the sink when it has flow, from its openings with room
          const Index g = x - g0;
          if (flow_g[at(g)] > 0) relax(kSink, d, z[at(g)]);
          for (Index i = member_begin[at(g)]; i < member_begin[at(g) + 1]; ++i)
            if (const Index o = member[at(i)]; flow_o[at(o)] < room[at(o)]) relax(o0 + o, d, -v[at(o)]);
        }
      }
      for (const Index x : touched) {
        to[at(x)] = kInf;
        settled[at(x)] = 0;
      }
      touched.clear();
      heap = {};
      gain[at(t)] = reached == kInf ? -1 : std::clamp<std::int64_t>(v[at(t)] + zg(t) - reached, 0, std::max<std::int64_t>(0, v[at(t)]));
    }
    return ok;
  }
  std::vector<std::int64_t> dist(at(n), kInf);
  std::vector<std::uint8_t> done(at(n), 0);
  using Item = std::pair<std::int64_t, Index>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  bool ok = true;
  auto relax = [&](Index y, std::int64_t d, std::int64_t l) {
    if (l < 0) ok = false;
    if (d + l < dist[at(y)]) {
      dist[at(y)] = d + l;
      heap.emplace(d + l, y);
    }
  };
  dist[at(kSink)] = 0;
  heap.emplace(0, kSink);
  while (!heap.empty() && ok) {
    const auto [d, x] = heap.top();
    heap.pop();
    if (done[at(x)]) continue;
    done[at(x)] = 1;
    if (x == kSink) {
      relax(kSource, d, 0);
      for (Index o = 0; o < no; ++o)
        if (group_of[at(o)] == kNone && flow_o[at(o)] > 0) relax(o0 + o, d, v[at(o)]);
      for (Index g = 0; g < ng; ++g)
        if (flow_g[at(g)] > 0) relax(g0 + g, d, z[at(g)]);
    } else if (x == kSource) {
      for (Index c = 0; c < nc; ++c)
        if (!pinned[at(c)] && used_at[at(c)] == kNone) relax(c0 + c, d, -u[at(c)]);
    } else if (x < o0) {
      const Index c = x - c0;
      const Index g = citizen(c);
      for (ArcIndex a = p.arc_begin[at(g)]; a < p.arc_begin[at(g) + 1]; ++a) {
        if (a == arc[at(c)] || is_closed(a)) continue;
        const Index o = view_opening(p.arc_opening[at(a)]);
        relax(o0 + o, d, slack(c, a, o));
      }
    } else if (x < g0) {
      const Index o = x - o0;
      if (flow_o[at(o)] < room[at(o)] && group_of[at(o)] != kNone) relax(g0 + group_of[at(o)], d, -v[at(o)]);
      for (Index i = placed_begin[at(o)]; i < placed_begin[at(o) + 1]; ++i) {
        const Index c = placed[at(i)];
        relax(c0 + c, d, -slack(c, arc[at(c)], o));
      }
    } else {
      const Index g = x - g0;
      for (Index i = member_begin[at(g)]; i < member_begin[at(g) + 1]; ++i)
        if (const Index o = member[at(i)]; flow_o[at(o)] > 0) relax(o0 + o, d, v[at(o)]);
    }
  }
  if (!ok) return false;
  // The arcs the search did not scan: those of citizens it did not reach (a placed
  // citizen's flow arc is scanned from its opening, reached or not here).
  for (Index c = 0; c < nc; ++c) {
    if (pinned[at(c)] || done[at(c0 + c)]) continue;
    if (used_at[at(c)] == kNone && u[at(c)] > 0) return false;  // source -> c: -u_c
    const Index g = citizen(c);
    for (ArcIndex a = p.arc_begin[at(g)]; a < p.arc_begin[at(g) + 1]; ++a) {
      if (a != arc[at(c)] && is_closed(a)) continue;
      const Index o = view_opening(p.arc_opening[at(a)]);
      const std::int64_t s = slack(c, a, o);
      if (a == arc[at(c)] ? s > 0 : s < 0) return false;
    }
  }
  for (Index o = 0; o < no; ++o) {
    if (group_of[at(o)] != kNone && limit[at(group_of[at(o)])] <= 0) continue;  // the group takes nobody
    if (dist[at(o0 + o)] == kInf) continue;                                     // nobody can take the seat
    gain[at(o)] = std::clamp<std::int64_t>(v[at(o)] + zg(o) - dist[at(o0 + o)], 0, std::max<std::int64_t>(0, v[at(o)]));
  }
  return true;
}

}  // namespace

ArcsByOpening arcs_by_opening(const MatchingProblem& p) {
  ArcsByOpening out;
  out.begin.assign(at(p.num_openings) + 1, 0);
  for (const Index o : p.arc_opening) ++out.begin[at(o) + 1];
  for (Index o = 0; o < p.num_openings; ++o) out.begin[at(o) + 1] += out.begin[at(o)];
  out.arc.resize(p.arc_opening.size());
  std::vector<std::int64_t> next(out.begin.begin(), out.begin.end() - 1);
  for (Index c = 0; c < p.num_citizens; ++c)
    for (ArcIndex a = p.arc_begin[at(c)]; a < p.arc_begin[at(c) + 1]; ++a)
      out.arc[at(next[at(p.arc_opening[at(a)])]++)] = {a, c};
  return out;
}

std::vector<std::int64_t> seat_gain_bounds(const MatchingProblem& p, const std::vector<std::int32_t>& seats,
                                           const std::vector<std::uint8_t>& closed, const Solution& s) {
  FlowView view;
  view.arc = &s.citizen_arc;
  view.u = &s.cert_citizen_dual;
  view.v = &s.cert_opening_dual;
  view.z = &s.cert_cap_group_dual;
  view.price = &s.cert_opening_price;
  view.big = s.big;
  std::vector<std::int64_t> gain;
  if (!flow_seat_gains(p, seats, closed, view, true, gain)) return {};
  std::vector<std::int64_t> bound(at(p.num_openings), 0);
  for (Index o = 0; o < p.num_openings; ++o)
    if (gain[at(o)] >= 0) bound[at(o)] = s.cert_gap + gain[at(o)];
  return bound;
}

std::vector<std::int64_t> tree_seat_gain_bounds(const MatchingProblem& p, const std::vector<std::int32_t>& seats,
                                                const std::vector<std::uint8_t>& closed, const Solution& s, bool paths,
                                                std::int64_t threshold, const ArcsByOpening* index) {
  if (s.tree_flows.empty()) return {};
  ArcsByOpening built;
  if (paths && threshold != std::numeric_limits<std::int64_t>::min() && !index) built = arcs_by_opening(p);
  const ArcsByOpening& into = index ? *index : built;
  std::vector<std::int64_t> bound(at(p.num_openings), kNoSeatBound);
  std::vector<std::int64_t> gain, best;
  for (const Solution::TreeFlows& tree : s.tree_flows) {
    best.assign(tree.openings.size(), std::numeric_limits<std::int64_t>::min());
    bool ok = !tree.leaves.empty();
    for (const Solution::LeafFlow& leaf : tree.leaves) {
      FlowView view;
      view.citizens = &tree.citizens;
      view.openings = &tree.openings;
      view.groups = &tree.groups;
      view.arc = &leaf.arc;
      view.u = &leaf.u;
      view.v = &leaf.v;
      view.z = &leaf.z;
      view.price = &leaf.price;
      view.pins = &leaf.pins;
      view.closed = &leaf.closed;
      view.big = s.big;
      view.gap = leaf.gap;
      view.threshold = threshold;
      view.into = &into;
      if (!flow_seat_gains(p, seats, closed, view, paths, gain)) {
        ok = false;
        break;
      }
      for (std::size_t o = 0; o < best.size(); ++o) best[o] = std::max(best[o], leaf.gap + std::max<std::int64_t>(0, gain[o]));
    }
    if (!ok) continue;  // that component keeps the certificate's bound
    for (std::size_t o = 0; o < best.size(); ++o) bound[at(tree.openings[o])] = best[o];
  }
  return bound;
}

}  // namespace placematch::detail
