// The cost of agreeing a pair from the kept plan's residual graph (see
// src/detail/residual_pricing.hpp for the method and its proof sketch).
#include "detail/residual_pricing.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "detail/csr.hpp"
#include "detail/index.hpp"

namespace placematch::detail {

// An indexed 4-ary min-heap on lexicographic keys, ties by the lower node (determinism).
class ResidualPricer::Heap {
 public:
  void resize(std::int32_t items) {
    if (pos_.size() != at(items)) pos_.assign(at(items), -1);
  }
  bool empty() const { return heap_.empty(); }
  Key top_key() const { return heap_.front().key; }
  bool contains(std::int32_t item) const { return pos_[at(item)] >= 0; }
  void push_or_decrease(std::int32_t item, Key key) {
    const std::int32_t p = pos_[at(item)];
    if (p < 0) {
      heap_.push_back({key, item});
      up(static_cast<std::int32_t>(heap_.size()) - 1);
    } else if (before({key, item}, heap_[at(p)])) {
      heap_[at(p)].key = key;
      up(p);
    }
  }
  std::int32_t pop() {
    const std::int32_t item = heap_.front().item;
    pos_[at(item)] = -1;
    const Entry last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) {
      heap_.front() = last;
      pos_[at(last.item)] = 0;
      down(0);
    }
    return item;
  }
  void clear() {
    for (const Entry& e : heap_) pos_[at(e.item)] = -1;
    heap_.clear();
  }

 private:
  struct Entry {
    Key key;
    std::int32_t item;
  };
  static bool before(const Entry& x, const Entry& y) {
    return less(x.key, y.key) || (!less(y.key, x.key) && x.item < y.item);
  }
  void place(std::int32_t i, const Entry& e) {
    heap_[at(i)] = e;
    pos_[at(e.item)] = i;
  }
  void up(std::int32_t i) {
    const Entry e = heap_[at(i)];
    while (i > 0) {
      const std::int32_t parent = (i - 1) / 4;
      if (!before(e, heap_[at(parent)])) break;
      place(i, heap_[at(parent)]);
      i = parent;
    }
    place(i, e);
  }
  void down(std::int32_t i) {
    const auto n = static_cast<std::int32_t>(heap_.size());
    const Entry e = heap_[at(i)];
    for (;;) {
      const std::int32_t first = 4 * i + 1;
      if (first >= n) break;
      std::int32_t best = first;
      const std::int32_t last = std::min(first + 4, n);
      for (std::int32_t c = first + 1; c < last; ++c)
        if (before(heap_[at(c)], heap_[at(best)])) best = c;
      if (!before(heap_[at(best)], e)) break;
      place(i, heap_[at(best)]);
      i = best;
    }
    place(i, e);
  }
  std::vector<Entry> heap_;
  std::vector<std::int32_t> pos_;
};

ResidualPricer::Heap& ResidualPricer::scratch_heap() {
  static thread_local Heap heap;
  return heap;
}

namespace {
// The cycles of the parent links met from `starts` (each node has one link, so the cycles
// are disjoint), each as its nodes from one of them following the links; only the first
// when `first`. `state`: scratch, one entry per node.
std::vector<std::vector<std::int32_t>> parent_cycles(const std::vector<std::int32_t>& parent,
                                                     const std::vector<std::int32_t>& starts,
                                                     std::vector<std::uint8_t>& state, bool first) {
  std::vector<std::vector<std::int32_t>> cycles;
  std::fill(state.begin(), state.end(), 0);  // 0 new, 1 on this walk, 2 done
  std::vector<std::int32_t> walk;
  for (std::int32_t start : starts) {
    walk.clear();
    std::int32_t y = start;
    while (y >= 0 && state[at(y)] == 0) {
      state[at(y)] = 1;
      walk.push_back(y);
      y = parent[at(y)];
    }
    if (y >= 0 && state[at(y)] == 1) {  // y is on a cycle not met before: walk it once
      std::vector<std::int32_t> cycle{y};
      for (std::int32_t x = parent[at(y)]; x != y; x = parent[at(x)]) cycle.push_back(x);
      cycles.push_back(std::move(cycle));
      if (first) return cycles;
    }
    for (std::int32_t w : walk) state[at(w)] = 2;
  }
  return cycles;
}

ResidualPricer::Priced impossible(ArcIndex arc) {
  ResidualPricer::Priced p;
  p.arc = arc;
  p.possible = false;
  return p;
}
}  // namespace

ResidualPricer::ResidualPricer(const MatchingProblem& problem, const std::vector<ArcIndex>& plan, Objective objective,
                               const std::vector<std::vector<PoolPrice>>& hints, bool kept_tier,
                               const std::vector<std::int32_t>* seats)
    : p_(problem),
      objective_(objective),
      kept_tier_(kept_tier),
      seats_(seats ? *seats : problem.seats),
      n_(problem.num_citizens),
      m_(problem.num_openings),
      g_(static_cast<Index>(problem.cap_group_limit.size())),
      plan_(plan) {
  if (static_cast<Index>(seats_.size()) != m_) throw std::invalid_argument("ResidualPricer: seats of another problem");
  certify(hints);
}

ResidualPricer::ResidualPricer(const MatchingProblem& problem, const std::vector<ArcIndex>& plan, Objective objective,
                               const Levels& levels)
    : p_(problem),
      objective_(objective),
      levels_(levels),
      kept_tier_(true),
      seats_(problem.seats),
      n_(problem.num_citizens),
      m_(problem.num_openings),
      g_(static_cast<Index>(problem.cap_group_limit.size())),
      plan_(plan) {
  const std::size_t arcs = problem.arc_opening.size();
  if (!levels_.level || !levels_.counted || levels_.level->size() != arcs || levels_.counted->size() != arcs)
    throw std::invalid_argument("ResidualPricer: levels of another problem");
  for (std::int64_t w : *levels_.level)
    if (w < 0) throw std::invalid_argument("ResidualPricer: a level weight < 0");
  certify({});
}

void ResidualPricer::certify(const std::vector<std::vector<PoolPrice>>& hints) {
  if (static_cast<Index>(plan_.size()) != n_) throw std::invalid_argument("ResidualPricer: plan of another problem");
  certified_ = build();
  // The built multipliers admit a negative priced cycle: try the hinted ones (a pool's
  // multipliers only where P fills it, complementary slackness).
  for (std::size_t i = 0; i < hints.size() && !certified_ && structure_ok_; ++i)
    certified_ = certify_with(hints[i]);
}

std::vector<ResidualPricer::PoolPrice> ResidualPricer::pool_prices() const {
  std::vector<PoolPrice> out(lambda_.size());
  for (std::size_t k = 0; k < lambda_.size(); ++k) out[k] = {lambda_[k].a, lambda_[k].b};
  return out;
}

// Duals from given pool multipliers: v = z = 0 (so every seat and group with room keeps its
// zero reduced cost), u_c = the weight of P's arc less its pool's price; Bellman-Ford then
// finds potentials when no priced cycle is negative.
bool ResidualPricer::certify_with(const std::vector<PoolPrice>& prices) {
  if (prices.size() != p_.pool_limit.size() || !structure_ok_) return false;
  for (std::size_t k = 0; k < prices.size(); ++k) {
    const bool full = pool_used_[k] >= p_.pool_limit[k];
    if (prices[k].placements < 0 || prices[k].score < 0) return false;
    lambda_[k] = full ? Key{prices[k].placements, prices[k].score} : Key{};
  }
  std::fill(v_.begin(), v_.end(), Key{});
  std::fill(z_.begin(), z_.end(), Key{});
  std::fill(u_.begin(), u_.end(), Key{});
  for (Index c : placed_) {
    const ArcIndex e = plan_[at(c)];
    const Key price = price_of(e);
    u_[at(c)] = {pl_weight(e) - price.a, ks_weight(e, true) - price.b};
  }
  return repair();
}

bool ResidualPricer::room(Index o) const { return flow_o_[at(o)] < cap_[at(o)]; }
bool ResidualPricer::group_room(Index g) const { return flow_g_[at(g)] < lim_[at(g)]; }

std::int64_t ResidualPricer::ks_weight(ArcIndex e, bool kept) const {
  return (kept && counted(e) ? keep_unit_ : 0) + p_.arc_score[at(e)];
}

// Whether pooled arc e (into pool k) of citizen c would bring c into k from outside it: c
// is free to move, not on e, and not placed in k already.
bool ResidualPricer::enters_pool(ArcIndex e, Index c, Index k) const {
  return p_.arc_pooled[at(e)] && active_[at(c)] && plan_[at(c)] != e && plan_pool_[at(c)] != k;
}

// One citizen moved from `before` to `after` (either kNone: unplaced), added to P - Q.
void ResidualPricer::count_move(Priced& out, ArcIndex before, ArcIndex after) const {
  if (before != kNone) out.level += pl_weight(before);
  if (after != kNone) out.level -= pl_weight(after);
  if (before != kNone && !counted(before)) before = kNone;  // a floor's virtual arc: unplaced
  if (after != kNone && !counted(after)) after = kNone;
  if (before != kNone) {
    ++out.placed;
    ++out.moved;
    out.score += p_.arc_score[at(before)];
  }
  if (after != kNone) {
    --out.placed;
    out.score -= p_.arc_score[at(after)];
  }
}

ResidualPricer::Key ResidualPricer::price_of(ArcIndex e) const {
  const Index k = pool_of(e);
  return k == kNone ? Key{} : lambda_[at(k)];
}

ResidualPricer::Key ResidualPricer::forward_rc(Index c, ArcIndex e) const {
  const Index o = p_.arc_opening[at(e)];
  const Index g = group_of(o);
  const Key price = price_of(e);
  Key k{u_[at(c)].a + v_[at(o)].a - pl_weight(e) + price.a, u_[at(c)].b + v_[at(o)].b - ks_weight(e, false) + price.b};
  if (g != kNone) {
    k.a += z_[at(g)].a;
    k.b += z_[at(g)].b;
  }
  return k;
}

ResidualPricer::Key ResidualPricer::reverse_rc(Index o) const { return v_[at(o)]; }

bool ResidualPricer::build() {
  const std::size_t arcs = p_.arc_opening.size();
  // Structure: who is pinned, capacities left, P's flow.
  active_.assign(at(n_), 1);
  cap_ = seats_;
  lim_ = p_.cap_group_limit;
  std::vector<ArcIndex> pins = p_.pinned_arcs;
  std::sort(pins.begin(), pins.end());
  pins.erase(std::unique(pins.begin(), pins.end()), pins.end());
  arc_citizen_.resize(arcs);
  arc_pool_.resize(arcs);
  for (std::size_t e = 0; e < arcs; ++e)
    arc_pool_[e] = p_.arc_pooled[e] ? p_.opening_pool[at(p_.arc_opening[e])] : kNone;
  for (Index c = 0; c < n_; ++c)
    for (ArcIndex e = p_.arc_begin[at(c)]; e < p_.arc_begin[at(c) + 1]; ++e) arc_citizen_[at(e)] = c;
  for (ArcIndex e : pins) {
    const Index c = arc_citizen_[at(e)];
    if (plan_[at(c)] != e) return false;  // P does not hold its pins: nothing to price from
    active_[at(c)] = 0;
    const Index o = p_.arc_opening[at(e)];
    --cap_[at(o)];
    if (group_of(o) != kNone) --lim_[at(group_of(o))];
  }
  flow_o_.assign(at(m_), 0);
  flow_g_.assign(at(g_), 0);
  members_.assign(at(m_), {});
  pool_used_.assign(p_.pool_limit.size(), 0);
  placed_.clear();
  unplaced_.clear();
  for (Index c = 0; c < n_; ++c) {
    const ArcIndex e = plan_[at(c)];
    if (e != kNone) {
      if (e < p_.arc_begin[at(c)] || e >= p_.arc_begin[at(c) + 1]) return false;
      const Index o = p_.arc_opening[at(e)];
      if (p_.arc_pooled[at(e)] && p_.opening_pool[at(o)] != kNone) ++pool_used_[at(p_.opening_pool[at(o)])];
    }
    if (!active_[at(c)]) continue;
    if (e == kNone) {
      unplaced_.push_back(c);
      continue;
    }
    placed_.push_back(c);
    const Index o = p_.arc_opening[at(e)];
    ++flow_o_[at(o)];
    members_[at(o)].push_back(c);
    if (group_of(o) != kNone) ++flow_g_[at(group_of(o))];
  }
  for (Index o = 0; o < m_; ++o)
    if (flow_o_[at(o)] > cap_[at(o)]) return false;
  for (Index g = 0; g < g_; ++g)
    if (flow_g_[at(g)] > lim_[at(g)]) return false;
  // Per citizen the pool of its arc in P; per pool its active pooled residents (citizen
  // order) and its openings (opening order): the loops of the pool shifts read these.
  const std::size_t pools = p_.pool_limit.size();
  plan_pool_.assign(at(n_), kNone);
  for (Index c = 0; c < n_; ++c) plan_pool_[at(c)] = pool_of(plan_[at(c)]);
  const Indices openings{m_};
  group_by(pools, placed_, [&](Index c) { return plan_pool_[at(c)]; }, pool_placed_begin_, pool_placed_);
  group_by(pools, openings, [&](std::int64_t o) { return p_.opening_pool[at(o)]; }, pool_open_begin_, pool_openings_);
  // Arcs by opening, openings by group.
  group_by(at(m_), Indices{static_cast<std::int64_t>(arcs)}, [&](std::int64_t e) { return p_.arc_opening[at(e)]; },
           into_begin_, into_arc_);
  group_by(at(g_), openings, [&](std::int64_t o) { return group_of(static_cast<Index>(o)); }, group_begin_,
           group_openings_);
  uncapped_.clear();
  for (Index o = 0; o < m_; ++o)
    if (group_of(o) == kNone) uncapped_.push_back(o);
  // K: above any difference of total scores; the distances must stay exact in int64.
  std::int64_t max_s = 1;
  for (std::int64_t s : p_.arc_score) max_s = std::max(max_s, s);
  const __int128 keep = static_cast<__int128>(max_s) * (n_ + 3) + 1;
  if (keep * 4 * (static_cast<__int128>(nodes()) + 1) >= (static_cast<__int128>(1) << 62)) return false;
  keep_unit_ = kept_tier_ ? static_cast<std::int64_t>(keep) : 0;
  // The structure is sound (P holds its pins and fits every capacity): from here on only
  // the duals are guessed, and other guesses may be tried (certify_with).
  const std::int32_t nn = nodes();
  dist_.assign(at(nn), Key{});
  seen_.assign(at(nn), 0);
  done_.assign(at(nn), 0);
  link_.assign(at(nn), -1);
  link_arc_.assign(at(nn), kNone);
  via_.assign(at(nn), 0);
  mark_.assign(at(nn), 0);
  mark_pos_.assign(at(nn), 0);
  structure_ok_ = true;

  u_.assign(at(n_), Key{});
  v_.assign(at(m_), Key{});
  z_.assign(at(g_), Key{});
  // Pool multipliers, only on pools P fills (complementary slackness).
  lambda_.assign(p_.pool_limit.size(), Key{});
  for (std::size_t k = 0; k < p_.pool_limit.size(); ++k)
    if (pool_used_[k] >= p_.pool_limit[k] && !levels_.level) lambda_[k].a = pl_weight();
  for (Index c : unplaced_)
    for (ArcIndex e = p_.arc_begin[at(c)]; e < p_.arc_begin[at(c) + 1]; ++e) {
      const Index k = pool_of(e);
      if (k != kNone && pool_used_[at(k)] >= p_.pool_limit[at(k)])
        lambda_[at(k)].b = std::max(lambda_[at(k)].b, p_.arc_score[at(e)]);
    }
  // Placements level: R = what the unplaced residents reach by residual arcs of priced
  // weight 1; a pool priced 1 whose pooled placements sit where R reaches is priced 0
  // instead (then its pooled arcs count), until nothing changes.
  for (int round = 0; objective_ == Objective::Placements && !levels_.level; ++round) {
    if (round > 64) return false;
    std::vector<std::uint8_t> in_r(at(nodes()), 0);
    std::vector<std::int32_t> queue;
    auto visit = [&](std::int32_t x) {
      if (!in_r[at(x)]) {
        in_r[at(x)] = 1;
        queue.push_back(x);
      }
    };
    for (Index c : unplaced_) visit(c);
    for (std::size_t i = 0; i < queue.size(); ++i) {
      const std::int32_t x = queue[i];
      if (x < n_) {
        for (ArcIndex e = p_.arc_begin[at(x)]; e < p_.arc_begin[at(x) + 1]; ++e)
          if (e != plan_[at(x)] && price_of(e).a < pl_weight()) visit(opening_node(p_.arc_opening[at(e)]));
      } else if (x < n_ + m_) {
        const Index o = x - n_;
        for (Index c : members_[at(o)]) visit(c);
        if (room(o)) {
          if (group_of(o) == kNone) return false;  // an augmenting path: P lacks a placement
          visit(group_node(group_of(o)));
        }
      } else {
        const Index g = x - n_ - m_;
        if (group_room(g)) return false;
        for (std::int32_t i2 = group_begin_[at(g)]; i2 < group_begin_[at(g) + 1]; ++i2) {
          const Index o = group_openings_[at(i2)];
          if (flow_o_[at(o)] > 0) visit(opening_node(o));
        }
      }
    }
    for (Index g = 0; g < g_; ++g) z_[at(g)].a = in_r[at(group_node(g))];
    for (Index o = 0; o < m_; ++o) {
      const Index g = group_of(o);
      v_[at(o)].a = in_r[at(opening_node(o))] && !(g != kNone && in_r[at(group_node(g))]) ? 1 : 0;
    }
    bool changed = false;
    for (Index c : placed_) {
      const ArcIndex e = plan_[at(c)];
      const Index o = p_.arc_opening[at(e)];
      const Index g = group_of(o);
      const Index k = pool_of(e);
      if (k != kNone && lambda_[at(k)].a > 0 && v_[at(o)].a + (g != kNone ? z_[at(g)].a : 0) > 0) {
        lambda_[at(k)].a = 0;
        changed = true;
      }
    }
    if (!changed) break;
  }
  // Kept-and-score level: openings and groups price out the unplaced residents they keep out.
  std::vector<std::int64_t> need(at(m_), 0);
  for (Index c : unplaced_)
    for (ArcIndex e = p_.arc_begin[at(c)]; e < p_.arc_begin[at(c) + 1]; ++e)
      need[at(p_.arc_opening[at(e)])] =
          std::max(need[at(p_.arc_opening[at(e)])], p_.arc_score[at(e)] - price_of(e).b);
  for (Index o = 0; o < m_; ++o) {
    if (!room(o) || need[at(o)] == 0) continue;
    const Index g = group_of(o);
    if (g == kNone) return false;  // a free seat some unplaced resident would score at
    z_[at(g)].b = std::max(z_[at(g)].b, need[at(o)]);
  }
  for (Index o = 0; o < m_; ++o) {
    if (room(o)) continue;
    const Index g = group_of(o);
    v_[at(o)].b = std::max<std::int64_t>(0, need[at(o)] - (g != kNone ? z_[at(g)].b : 0));
  }
  placed_duals();
  // Complementary slackness of the seats and groups with room: the residual arcs that
  // leave them are taken at reduced cost 0 (out_arcs, in_arcs), which needs these duals 0.
  for (Index o = 0; o < m_; ++o)
    if (room(o) && (v_[at(o)].a != 0 || v_[at(o)].b != 0)) return false;
  for (Index g = 0; g < g_; ++g)
    if (group_room(g) && (z_[at(g)].a != 0 || z_[at(g)].b != 0)) return false;
  // The certificate, checked arc by arc: every other residual arc's reduced cost >= 0.
  bool feasible = true;
  for (Index g = 0; g < g_ && feasible; ++g)
    if (z_[at(g)].a < 0 || z_[at(g)].b < 0) feasible = false;
  for (Index c = 0; c < n_ && feasible; ++c) {
    if (!active_[at(c)]) continue;
    if (u_[at(c)].a < 0 || u_[at(c)].b < 0) feasible = false;
    for (ArcIndex e = p_.arc_begin[at(c)]; e < p_.arc_begin[at(c) + 1] && feasible; ++e) {
      if (e == plan_[at(c)]) continue;
      const Key rc = forward_rc(c, e);
      if (rc.a < 0 || rc.b < 0) feasible = false;
    }
  }
  if (feasible) return true;
  if (!levels_.level) return repair();
  // Levels: the multipliers built are a first guess only. While Bellman-Ford finds a
  // negative priced cycle, the multipliers it exposes move (adjust_prices) and the duals of
  // the pooled placements follow; the certificate is whatever then holds, checked as always.
  for (int round = 0; round < kLevelRounds; ++round) {
    if (repair()) return true;
    bool moved = false;
    for (const Cycle& cycle : negative_cycles()) moved |= adjust_prices(cycle);
    if (!moved) return false;
    placed_duals();
  }
  return false;
}

// Each placed resident's dual: its arc held tight under the seats', groups' and pools' duals.
void ResidualPricer::placed_duals() {
  for (Index c : placed_) {
    const ArcIndex e = plan_[at(c)];
    const Index o = p_.arc_opening[at(e)];
    const Index g = group_of(o);
    const Key zg = g != kNone ? z_[at(g)] : Key{};
    const Key price = price_of(e);
    u_[at(c)] = {pl_weight(e) - price.a - v_[at(o)].a - zg.a, ks_weight(e, true) - price.b - v_[at(o)].b - zg.b};
  }
}

// Negative cycles of the residual graph on the built reduced costs (Bellman-Ford from a
// virtual root joined to every node; the cycles of the links that lowered the nodes, which
// are disjoint: each node has one link), each as the citizens' hops and its priced cost;
// none when none is found within the budget.
std::vector<ResidualPricer::Cycle> ResidualPricer::negative_cycles() const {
  const std::int32_t nn = nodes();
  std::vector<Key> d(at(nn), Key{});
  std::vector<std::int32_t> parent(at(nn), -1);
  std::vector<ArcIndex> parent_arc(at(nn), kNone);
  std::vector<Key> parent_rc(at(nn), Key{});
  std::vector<std::uint8_t> queued(at(nn), 1);
  std::vector<std::int32_t> queue(at(nn));
  for (std::int32_t x = 0; x < nn; ++x) queue[at(x)] = x;
  std::int64_t budget = 64 * (static_cast<std::int64_t>(p_.arc_opening.size()) + nn);
  std::int64_t falls = 0;
  std::vector<std::uint8_t> state(at(nn), 0);
  std::vector<std::int32_t> every(at(nn));
  for (std::int32_t x = 0; x < nn; ++x) every[at(x)] = x;
  auto find_cycles = [&] { return parent_cycles(parent, every, state, false); };
  std::vector<std::vector<std::int32_t>> found;
  for (std::size_t head = 0; head < queue.size() && found.empty(); ++head) {
    const std::int32_t x = queue[head];
    queued[at(x)] = 0;
    const Key dx = d[at(x)];
    bool stop = false;
    out_arcs(x, [&](std::int32_t y, Key rc, ArcIndex arc) {
      if (stop) return;
      if (--budget < 0) {
        stop = true;
        return;
      }
      const Key nd{dx.a + rc.a, dx.b + rc.b};
      if (!less(nd, d[at(y)])) return;
      d[at(y)] = nd;
      parent[at(y)] = x;
      parent_arc[at(y)] = arc;
      parent_rc[at(y)] = rc;
      if (++falls % nn == 0) {
        found = find_cycles();
        if (!found.empty()) {
          stop = true;
          return;
        }
      }
      if (!queued[at(y)]) {
        queued[at(y)] = 1;
        queue.push_back(y);
      }
    });
    if (budget < 0) return {};
  }
  if (found.empty()) found = find_cycles();
  // Each cycle: y, parent(y), ...: each arc is parent(z) -> z.
  std::vector<Cycle> out;
  for (const auto& cycle : found) {
    Cycle c;
    for (std::int32_t z : cycle) {
      const std::int32_t x = parent[at(z)];
      c.cost.a += parent_rc[at(z)].a;
      c.cost.b += parent_rc[at(z)].b;
      if (x < n_) c.hops.push_back({x, z < n_ + m_ && z >= n_ ? parent_arc[at(z)] : kNone});
    }
    if (less(c.cost, Key{})) out.push_back(std::move(c));  // a cycle that is not negative tells nothing
  }
  return out;
}

// Moves the pool multipliers a negative cycle exposes: a full pool the cycle fills more is
// priced up until the cycle costs 0; else a priced pool the cycle leaves is priced down as
// far as that takes (not below 0). False when the cycle is not the multipliers' doing.
bool ResidualPricer::adjust_prices(const Cycle& cycle) {
  std::map<Index, std::int64_t> change;  // per pool: the cycle's pooled placements added
  for (const Priced::Move& h : cycle.hops) {
    if (const Index k = pool_of(plan_[at(h.citizen)]); k != kNone) --change[k];
    if (const Index k = pool_of(h.arc); k != kNone) ++change[k];
  }
  // The step d with cost + n * d >= 0 (lexicographically) for n > 0.
  auto step = [](Key cost, std::int64_t n) {
    Key d{};
    if (cost.a < 0) d.a = (-cost.a + n - 1) / n;
    const Key after{cost.a + n * d.a, cost.b + n * d.b};
    if (after.a == 0 && after.b < 0) d.b = (-after.b + n - 1) / n;
    return d;
  };
  for (const auto& [k, n] : change)
    if (n > 0 && pool_used_[at(k)] >= p_.pool_limit[at(k)]) {
      const Key d = step(cycle.cost, n);
      lambda_[at(k)].a += d.a;
      lambda_[at(k)].b += d.b;
      return true;
    }
  for (const auto& [k, n] : change)
    if (n < 0 && less(Key{}, lambda_[at(k)])) {
      const Key d = step(cycle.cost, -n);
      Key& l = lambda_[at(k)];
      l = less(d, l) ? Key{l.a - d.a, l.b - d.b} : Key{};
      if (l.a < 0 || (l.a == 0 && l.b < 0)) l = Key{};
      if (l.a > 0 && l.b < 0) l.b = 0;
      return true;
    }
  return false;
}

// The duals built above are one guess; when some residual arc prices below 0 under them,
// P may still be optimal for the priced relaxation (the guess was too simple, e.g. a pool
// priced where a pooled placement could move to a seat no unplaced resident reaches).
// Bellman-Ford (queue-based) from a virtual root joined to every node at cost 0, on the
// residual graph with the built reduced costs, gives distances d with
// rc(x -> y) + d(x) - d(y) >= 0 (lexicographically) on every residual arc exactly when no
// cycle has a negative priced cost, i.e. when P is optimal for the priced relaxation; the
// searches then use those corrected reduced costs (pot_ = d). A negative cycle (or a search
// that runs too long) leaves P uncertified. O(nodes x arcs) at worst; a few passes here.
bool ResidualPricer::repair() {
  const std::int32_t nn = nodes();
  pot_.assign(at(nn), Key{});
  std::vector<std::int32_t> all(at(nn));
  for (std::int32_t x = 0; x < nn; ++x) all[at(x)] = x;
  if (relabel(all)) return true;
  pot_.clear();
  return false;
}

// Queue-based Bellman-Ford from `seeds` on the current potentials, then the check of every
// residual arc (see repair()). Leaves pot_ changed when it fails.
bool ResidualPricer::relabel(const std::vector<std::int32_t>& seeds) {
  const std::int32_t nn = nodes();
  if (pot_.empty()) pot_.assign(at(nn), Key{});
  std::vector<std::int32_t> relaxed(at(nn), 0);
  std::vector<std::uint8_t> queued(at(nn), 0);
  std::vector<std::int32_t> queue;
  for (std::int32_t x : seeds)
    if (!queued[at(x)]) {
      queued[at(x)] = 1;
      queue.push_back(x);
    }
  const bool whole = queue.size() == at(nn);
  std::vector<std::uint8_t> moved(at(nn), 0);  // nodes whose potential fell
  std::vector<std::int32_t> changed;
  std::int64_t budget = 64 * (static_cast<std::int64_t>(p_.arc_opening.size()) + nn);
  bool negative_cycle = false;
  // A negative cycle shows as a cycle of the links (each node to the node that last lowered
  // it: with no negative cycle they form a forest); looked for after every nn falls, so a
  // failing shift costs about as much as one that holds.
  std::vector<std::int32_t> parent(at(nn), -1);
  std::vector<std::uint8_t> state(at(nn), 0);
  std::int64_t falls = 0;
  auto parents_cycle = [&] { return !parent_cycles(parent, changed, state, true).empty(); };
  // One pass over x's residual arcs: the heads whose potential falls, each given to `push`.
  auto scan = [&](std::int32_t x, auto&& push) {
    const Key dx = pot_[at(x)];
    out_arcs(x, [&](std::int32_t y, Key rc, ArcIndex) {
      if (negative_cycle) return;
      if (--budget < 0) {
        negative_cycle = true;  // give up: re-solves stay exact
        return;
      }
      const Key nd{dx.a + rc.a, dx.b + rc.b};
      if (!less(nd, pot_[at(y)])) return;
      pot_[at(y)] = nd;
      parent[at(y)] = x;
      if (!moved[at(y)]) {
        moved[at(y)] = 1;
        changed.push_back(y);
      }
      if (++relaxed[at(y)] > nn || (++falls % nn == 0 && parents_cycle())) {
        negative_cycle = true;
        return;
      }
      push(y);
    });
  };
  if (whole) {  // potentials from scratch: first in, first out
    std::size_t head = 0;
    while (head < queue.size() && !negative_cycle) {
      const std::int32_t x = queue[head++];
      if (head > 4096 && head * 2 > queue.size()) {  // keep the queue short
        queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(head));
        head = 0;
      }
      queued[at(x)] = 0;
      scan(x, [&](std::int32_t y) {
        if (!queued[at(y)]) {
          queued[at(y)] = 1;
          queue.push_back(y);
        }
      });
    }
  } else {
    // From a few seeds on potentials that held: by how much each potential fell, the
    // largest fall first (Dijkstra's order on the reduced costs before the change, which
    // are >= 0 but on the seeds' arcs; a node is scanned again only when a seed's arc
    // lowers it after its scan), so most nodes are scanned once.
    const std::vector<Key> before = pot_;
    auto fall = [&](std::int32_t y) {
      return Key{pot_[at(y)].a - before[at(y)].a, pot_[at(y)].b - before[at(y)].b};
    };
    Heap& heap = scratch_heap();
    heap.resize(nn);
    // Every seed's arcs first (else the first seed's falls spread before the next seed's
    // larger ones and are spread again).
    for (std::int32_t x : queue) scan(x, [&](std::int32_t y) { heap.push_or_decrease(y, fall(y)); });
    while (!heap.empty() && !negative_cycle) {
      const std::int32_t x = heap.pop();
      scan(x, [&](std::int32_t y) { heap.push_or_decrease(y, fall(y)); });
    }
    heap.clear();
  }
  if (negative_cycle) return false;
  return check_arcs(seeds, changed, whole);
}

// The check after a relabel: every residual arc's corrected reduced cost is >= 0
// (lexicographically).
bool ResidualPricer::check_arcs(const std::vector<std::int32_t>& seeds, const std::vector<std::int32_t>& changed,
                                bool whole) const {
  const std::int32_t nn = nodes();
  // From all nodes, every arc; from some seeds (whose out-arcs alone fell, on a certificate
  // that held), the arcs whose corrected cost can have changed: out of a seed or a node whose
  // potential moved, and into a node whose potential moved.
  bool ok = true;
  auto check_out = [&](std::int32_t x) {
    out_arcs(x, [&](std::int32_t y, Key rc, ArcIndex) {
      if (less(corrected(rc, x, y), Key{})) ok = false;
    });
  };
  // When most potentials moved, every arc once is cheaper than the changed nodes' arcs
  // both ways.
  if (whole || changed.size() * 2 > at(nn)) {
    for (std::int32_t x = 0; x < nn && ok; ++x) check_out(x);
    return ok;
  }
  for (std::int32_t x : seeds) check_out(x);
  for (std::int32_t y : changed) {
    check_out(y);
    in_arcs(y, [&](std::int32_t x, Key rc, ArcIndex) {
      if (less(corrected(rc, x, y), Key{})) ok = false;
    });
  }
  return ok;
}

bool ResidualPricer::potentials_hold() const {
  if (!certified_) return false;
  bool ok = true;
  for (std::int32_t x = 0; x < nodes() && ok; ++x) {
    if (x < n_ && !active_[at(x)]) continue;  // a pinned resident: no residual arc of its own
    out_arcs(x, [&](std::int32_t y, Key rc, ArcIndex) {
      if (less(corrected(rc, x, y), Key{})) ok = false;
    });
  }
  return ok;
}

// The potentials after a pool shift (the seeds' arcs the only ones that got cheaper):
// instead of lowering everything the seeds' cheaper arcs reach (through the sink, most of
// the graph), raise the seeds and what leads to them (largest rise first; a node x rises to
// pot(y) - rc(x -> y) on its arcs to raised nodes). Cheap when few nodes lead to the seeds
// (one pool's pooled residents); when the rise reaches the sink it spreads as far, so it is
// given up early. Gives up (potentials back, false) when more than an eighth of the nodes would
// rise, past a budget of arcs, or when the check fails; then relabel() lowers instead.
bool ResidualPricer::raise_from(const std::vector<std::int32_t>& seeds) {
  const std::int32_t nn = nodes();
  if (pot_.empty()) pot_.assign(at(nn), Key{});
  const std::vector<Key> before = pot_;
  std::vector<std::uint8_t> moved(at(nn), 0);
  std::vector<std::int32_t> changed;
  const std::size_t limit = at(nn) / 8 + 16;
  std::int64_t budget = static_cast<std::int64_t>(p_.arc_opening.size()) / 4 + 1024;
  bool give_up = false;
  Heap& heap = scratch_heap();
  heap.resize(nn);
  auto rise = [&](std::int32_t x, Key need) {  // pot(x) >= need
    if (give_up || !less(pot_[at(x)], need)) return;
    pot_[at(x)] = need;
    if (!moved[at(x)]) {
      moved[at(x)] = 1;
      changed.push_back(x);
      if (changed.size() > limit) give_up = true;
    }
    heap.push_or_decrease(x, Key{before[at(x)].a - need.a, before[at(x)].b - need.b});
  };
  for (std::int32_t x : seeds)
    out_arcs(x, [&](std::int32_t y, Key rc, ArcIndex) {
      rise(x, Key{pot_[at(y)].a - rc.a, pot_[at(y)].b - rc.b});
    });
  while (!heap.empty() && !give_up) {
    const std::int32_t y = heap.pop();
    in_arcs(y, [&](std::int32_t x, Key rc, ArcIndex) {
      if (--budget < 0) give_up = true;
      rise(x, Key{pot_[at(y)].a - rc.a, pot_[at(y)].b - rc.b});
    });
  }
  heap.clear();
  if (give_up || !check_arcs(seeds, changed, false)) {
    pot_ = before;
    return false;
  }
  return true;
}

// The potentials after a pool shift, lowered from the seeds (the tails of the only arcs
// that got cheaper) as relabel() does, but with the sink's fall spread through a forward
// sink tree `t` (the certificate's before the shift, or dearer_tree's) instead of arc by
// arc. Falls: f(x) =
// pot(x) before - pot(x) after; the corrected cost of x -> y stays >= 0 iff f(y) >= f(x) -
// rc(x -> y), rc the new weight on the potentials before. The largest fall first, as in
// relabel(), with each node's fall max(g(x), h(x)): g the falls found arc by arc, h(x) =
// D - d(sink -> x) once the sink is settled with fall D (d: t's distance; none where t does
// not reach x). h alone keeps every arc that did not get cheaper (d(y) <= d(x) + rc(x -> y)
// on those: t is a shortest-path tree on weights equal to the new ones on every such arc and
// no lower than the new ones anywhere: the reduced costs before when no arc got dearer,
// else max(before, after) by dearer_tree; so d also bounds the new distances from the sink,
// every h is at most the least fall that keeps every arc, and the sink's fall settles. With
// the tree before the shift and a dearer arc on a tree path it need not), and the maximum of
// falls that keep an arc keeps it, so the sink's out-arcs need no scan, a node whose h
// is at least its g needs none, and the seeds are scanned again when h rises above their
// g. Every node then moves by its fall (one pass over the nodes, no arcs; every fall >= 0,
// so no arc into a node gets cheaper by it); the check takes the arcs out of the seeds and
// out of every node whose g exceeds h (the rest hold by the tree). A seed that has not
// fallen, or whose fall is h's, is scanned and checked on its arcs that got cheaper only
// (`dl`, the multipliers' changes): its other arcs keep the reduced costs the certificate
// before held, or more, or hold by the tree as any node's do.
// False (potentials back) past the budget or on a negative cycle.
bool ResidualPricer::lower_via_sink(const std::vector<std::int32_t>& seeds, const SinkTree& t,
                                    const std::vector<Key>& dl) {
  const std::int32_t nn = nodes();
  if (pot_.empty()) pot_.assign(at(nn), Key{});
  if (t.dist.size() != at(nn)) return false;
  const std::vector<Key> before = pot_;
  std::vector<Key> g(at(nn), Key{});
  std::vector<std::uint8_t> seed(at(nn), 0), moved(at(nn), 0);
  std::vector<std::int32_t> relaxed(at(nn), 0), changed;
  for (std::int32_t x : seeds) seed[at(x)] = 1;
  bool active = false, fail = false;
  Key sink_fall{};
  std::int64_t budget = lowering_budget();
  auto fall = [&](std::int32_t x) {  // max(g, h)
    if (!active || !t.reached[at(x)]) return g[at(x)];
    const Key h{sink_fall.a - t.dist[at(x)].a, sink_fall.b - t.dist[at(x)].b};
    return less(g[at(x)], h) ? h : g[at(x)];
  };
  Heap& heap = scratch_heap();
  heap.resize(nn);
  // A node that has not fallen keeps every arc but those that got cheaper (the certificate
  // before held), and one whose fall is h's every arc that did not get cheaper (the tree):
  // a seed scanned or checked at fall 0 or at h's takes its cheaper arcs only.
  auto by_tree = [&](std::int32_t x) {
    if (!active || !t.reached[at(x)]) return false;
    const Key h{sink_fall.a - t.dist[at(x)].a, sink_fall.b - t.dist[at(x)].b};
    return !less(h, g[at(x)]);
  };
  auto scan = [&](std::int32_t x) {
    const Key fx = fall(x);
    auto relax = [&](std::int32_t y, Key rc, ArcIndex) {
      if (fail) return;
      if (--budget < 0) {
        fail = true;
        return;
      }
      const Key need{fx.a - rc.a - before[at(x)].a + before[at(y)].a, fx.b - rc.b - before[at(x)].b + before[at(y)].b};
      if (!less(fall(y), need)) return;
      g[at(y)] = need;
      if (!moved[at(y)]) {
        moved[at(y)] = 1;
        changed.push_back(y);
      }
      if (++relaxed[at(y)] > nn) {
        fail = true;  // a negative cycle
        return;
      }
      heap.push_or_decrease(y, Key{-need.a, -need.b});
    };
    if (less(Key{}, fx) && !by_tree(x))
      out_arcs(x, relax);
    else  // not fallen, or fallen by h: only the arcs that got cheaper can ask more
      cheaper_out_arcs(x, dl, relax);
  };
  for (std::int32_t x : seeds) scan(x);
  while (!heap.empty() && !fail) {
    const std::int32_t x = heap.pop();
    if (x == sink()) {  // h takes the sink's out-arcs; the seeds' cheaper arcs again under h
      sink_fall = g[at(x)];
      active = true;
      for (std::int32_t y : seeds)
        if (t.reached[at(y)] && less(g[at(y)], fall(y))) {
          const Key f = fall(y);
          heap.push_or_decrease(y, Key{-f.a, -f.b});
        }
      continue;
    }
    if (!seed[at(x)] && active && t.reached[at(x)]) {
      const Key h{sink_fall.a - t.dist[at(x)].a, sink_fall.b - t.dist[at(x)].b};
      if (!less(h, g[at(x)])) continue;  // h keeps x's arcs
    }
    scan(x);
  }
  heap.clear();
  if (fail) {
    pot_ = before;
    return false;
  }
  std::vector<std::int32_t> above;  // nodes whose g exceeds h: checked arc by arc
  for (std::int32_t x : changed)
    if (!active || !t.reached[at(x)] ||
        less(Key{sink_fall.a - t.dist[at(x)].a, sink_fall.b - t.dist[at(x)].b}, g[at(x)]))
      above.push_back(x);
  bool ok = true;
  for (std::int32_t x = 0; x < nn; ++x) {
    const Key f = fall(x);
    ok &= !less(f, Key{});  // potentials only fall: no arc into a node gets dearer to check
    pot_[at(x)] = {before[at(x)].a - f.a, before[at(x)].b - f.b};
  }
  // The check: the arcs out of every seed (at fall 0 or h's, the cheaper ones only) and out
  // of every node whose g exceeds h; the rest hold by the tree, or by the certificate before.
  auto check_out = [&](std::int32_t x, bool only_cheaper) {
    auto verify = [&](std::int32_t y, Key rc, ArcIndex) {
      if (less(corrected(rc, x, y), Key{})) ok = false;
    };
    if (only_cheaper)
      cheaper_out_arcs(x, dl, verify);
    else
      out_arcs(x, verify);
  };
  for (std::int32_t x : seeds) check_out(x, !less(Key{}, fall(x)) || by_tree(x));
  for (std::int32_t x : above) check_out(x, false);
  if (!ok) {
    pot_ = before;
    return false;
  }
  return true;
}

// The change of the weight of tail -> head (arc: its citizen arc, or kNone) when the pools'
// multipliers move by dl (per pool), on the same potentials: the change of the arc's pool's
// multiplier (a citizen arc into a pool) less that of the tail's pool (the tail's u_ takes
// it, also on its arc to the sink).
ResidualPricer::Key ResidualPricer::shift_change(const std::vector<Key>& dl, std::int32_t tail, std::int32_t head,
                                                 ArcIndex arc) const {
  if (tail >= n_ || !active_[at(tail)]) return Key{};
  auto pool_change = [&](ArcIndex e) { return e == kNone || pool_of(e) == kNone ? Key{} : dl[at(pool_of(e))]; };
  const Key out = pool_change(plan_[at(tail)]);
  if (arc == kNone) return head == sink() ? Key{-out.a, -out.b} : Key{};
  const Key in = pool_change(arc);
  return Key{in.a - out.a, in.b - out.b};
}

// The residual arcs out of x whose weight fell with the multipliers' changes dl (shift_change
// below 0), each as relax(head, reduced cost, citizen arc). Only a citizen's arcs move: all of
// them with its own pool's multiplier (its u_), else its pooled arcs into a pool whose
// multiplier fell, read without pricing the others.
template <class Relax>
void ResidualPricer::cheaper_out_arcs(std::int32_t x, const std::vector<Key>& dl, Relax&& relax) const {
  if (x >= n_ || !active_[at(x)]) return;
  const ArcIndex own = plan_[at(x)];
  const Index mine = pool_of(own);
  if (mine != kNone && (dl[at(mine)].a != 0 || dl[at(mine)].b != 0)) {
    out_arcs(x, [&](std::int32_t y, Key rc, ArcIndex arc) {
      if (less(shift_change(dl, x, y, arc), Key{})) relax(y, rc, arc);
    });
    return;
  }
  for (ArcIndex e = p_.arc_begin[at(x)]; e < p_.arc_begin[at(x) + 1]; ++e) {
    if (e == own || !p_.arc_pooled[at(e)]) continue;
    const Index o = p_.arc_opening[at(e)];
    const Index k = p_.opening_pool[at(o)];
    if (k == kNone || !less(dl[at(k)], Key{})) continue;
    relax(opening_node(o), forward_rc(x, e), e);
  }
}

bool ResidualPricer::shift_pool(Index k, int by) { return shift_pools({{k, by}}); }

// The pooled placements of pool k that cycle q adds less those it frees.
std::int64_t ResidualPricer::pool_change(const Priced& q, Index k) const {
  std::int64_t change = 0;
  for (const Priced::Move& mv : q.moves)
    change += (mv.arc != kNone && pool_of(mv.arc) == k) - (plan_pool_[at(mv.citizen)] == k);
  return change;
}

// F of pool k and way `by` on the certificate before any shift (kept: it depends on P and
// that certificate only). Nothing when no cycle changes k's pooled placements by -by.
const std::optional<ResidualPricer::Priced>& ResidualPricer::fix_for(Index k, int by) {
  const auto key = std::make_pair(k, by);
  if (const auto it = fixes_.find(key); it != fixes_.end()) return it->second;
  std::optional<Priced> best;
  auto consider = [&](Priced f) {
    if (!f.possible || pool_change(f, k) != -by) return;
    if (!best || less({f.bound_placed, f.bound_weight}, {best->bound_placed, best->bound_weight})) best = std::move(f);
  };
  barred_pool_ = k;
  barred_way_ = by;
  // The searches of F run on the graph without the barred hops: its own forward sink tree.
  if (trees_on_ && shifted_.empty()) {
    if (!tree_[0]) grow_tree(false);
    grow_barred_tree();
  }
  if (by > 0) {  // free one: each pooled placement of k released
    for (Index c : pool_placed(k)) consider(release(plan_[at(c)]));
  } else {  // take one: per opening of k, the cycles through its pooled arcs from outside k
    for (Index o : pool_openings(k)) {
      std::vector<ArcIndex> entries;
      for (std::int64_t i = into_begin_[at(o)]; i < into_begin_[at(o) + 1]; ++i) {
        const ArcIndex e = into_arc_[at(i)];
        const Index c = arc_citizen_[at(e)];
        if (enters_pool(e, c, k)) entries.push_back(e);
      }
      if (entries.empty()) continue;
      for (Priced& f : price_opening(o, entries)) consider(std::move(f));
    }
  }
  barred_pool_ = kNone;
  barred_way_ = 0;
  barred_tree_.reset();
  return fixes_.emplace(key, std::move(best)).first->second;
}

bool ResidualPricer::shiftable(Index k, int by) {
  if (!certified_) throw std::logic_error("ResidualPricer: not certified");
  if (k < 0 || at(k) >= p_.pool_limit.size() || pool_used_[at(k)] < p_.pool_limit[at(k)] || (by != 1 && by != -1))
    return false;
  // F is searched on the certificate before any shift.
  if (!shifted_.empty()) throw std::logic_error("ResidualPricer: shiftable() while a shift is in force");
  if (by < 0 && lambda_[at(k)].a == 0 && lambda_[at(k)].b == 0) return false;
  // Lowered without F (no cycle brings a resident into k from outside it): to 0 outright.
  return fix_for(k, by).has_value() || by < 0;
}

// The change of pool k's multipliers when shifted way `by` (by * delta, see shift_pool);
// nothing when k cannot be shifted that way or the weights would leave the exact range.
std::optional<ResidualPricer::Key> ResidualPricer::shift_delta(Index k, int by) {
  if (!shiftable(k, by)) return std::nullopt;
  const std::optional<Priced>& f = fix_for(k, by);
  // Without F (by -1 only, see shiftable()) the whole multiplier: no cycle is known to
  // bound the fall, and the check below decides whether the potentials still hold.
  Key delta = f ? Key{f->bound_placed, f->bound_weight} : lambda_[at(k)];
  if (by < 0 && less(lambda_[at(k)], delta)) delta = lambda_[at(k)];  // multipliers stay >= 0
  const Key shifted{lambda_[at(k)].a + by * delta.a, lambda_[at(k)].b + by * delta.b};
  // The shifted weights must stay in the range the distances are exact in (see build()).
  const __int128 top = static_cast<__int128>(2) * keep_unit_ + (shifted.b < 0 ? -shifted.b : shifted.b);
  if (less(delta, Key{}) || less(shifted, Key{}) || shifted.a > 4 ||
      top * 4 * (static_cast<__int128>(nodes()) + 1) >= (static_cast<__int128>(1) << 62))
    return std::nullopt;
  return Key{by * delta.a, by * delta.b};
}

// Greedy in the given order: a shift joins when, with it, every kept F of the set stays
// priced >= 0 under the set's changes. F_j's priced cost moves by sum_i d_i * change_i(F_j)
// (d_i: pool i's change, change_i: the pooled placements of i that F_j adds less those it
// frees); for j's own pool that takes its cost to 0 (or above, when the fall was capped), so
// a cycle F_j made negative by another pool of the set would break the joint certificate
// for certain. Only that necessary condition: the joint shift's check still decides.
std::vector<std::pair<Index, int>> ResidualPricer::joint_subset(const std::vector<std::pair<Index, int>>& shifts) {
  std::vector<std::pair<Index, int>> set;
  std::vector<Key> d;                    // per member: its change
  std::vector<const Priced*> f;          // per member: its F, or null
  for (const auto& shift : shifts) {
    const Index k = shift.first;
    const int by = shift.second;
    if (std::any_of(set.begin(), set.end(), [&](const auto& s) { return s.first == k; })) continue;
    const std::optional<Key> dk = shift_delta(k, by);
    if (!dk) continue;
    const std::optional<Priced>& fk = fix_for(k, by);
    set.emplace_back(k, by);
    d.push_back(*dk);
    f.push_back(fk ? &*fk : nullptr);
    bool ok = true;
    for (std::size_t j = 0; j < set.size() && ok; ++j) {
      if (!f[j]) continue;
      Key cost{f[j]->bound_placed, f[j]->bound_weight};
      for (std::size_t i = 0; i < set.size(); ++i) {
        const std::int64_t ch = pool_change(*f[j], set[i].first);
        cost.a += d[i].a * ch;
        cost.b += d[i].b * ch;
      }
      ok = !less(cost, Key{});
    }
    if (!ok) {
      set.pop_back();
      d.pop_back();
      f.pop_back();
    }
  }
  return set;
}

bool ResidualPricer::shift_pools(const std::vector<std::pair<Index, int>>& shifts, bool arc_by_arc) {
  if (!certified_) throw std::logic_error("ResidualPricer: not certified");
  restore_pool();
  std::vector<std::pair<Index, Key>> deltas;  // per pool shifted: by * delta
  std::int64_t unfixed = 0;                     // pools lowered without F
  for (const auto& [k, by] : shifts) {
    for (const auto& [j, d] : deltas)
      if (j == k) return false;  // one way per pool
    const std::optional<Key> d = shift_delta(k, by);
    if (!d) return false;
    unfixed += !fix_for(k, by).has_value();
    deltas.emplace_back(k, *d);
  }
  if (deltas.empty()) return false;
  saved_u_ = u_;
  saved_pot_ = pot_;
  saved_lambda_ = lambda_;
  // The sink trees hold for the reduced costs before the shift: set aside until restored.
  for (int i = 0; i < 2; ++i) {
    saved_tree_[i] = std::move(tree_[i]);
    tree_[i].reset();
  }
  // The tails of the residual arcs whose reduced cost falls: k's pooled residents when k's
  // price rises (their other arcs), the residents with a pooled arc into k from outside it
  // when it falls.
  std::vector<std::int32_t> seeds;
  for (const auto& [k, d] : deltas) {
    lambda_[at(k)].a += d.a;
    lambda_[at(k)].b += d.b;
    const bool up = less(Key{}, d);
    for (Index c : pool_placed(k)) {
      u_[at(c)].a -= d.a;
      u_[at(c)].b -= d.b;
      if (up) seeds.push_back(c);
    }
    if (up) continue;
    for (Index o : pool_openings(k)) {
      for (std::int64_t i = into_begin_[at(o)]; i < into_begin_[at(o) + 1]; ++i) {
        const ArcIndex e = into_arc_[at(i)];
        const Index c = arc_citizen_[at(e)];
        if (enters_pool(e, c, k)) seeds.push_back(c);
      }
    }
  }
  shifted_ = shifts;
  // Through the sink tree first: the tree of the certificate before the shift priced again
  // below the arcs that got dearer (dearer_tree: a raised multiplier makes the pooled arcs
  // into its pool dearer, a lowered one its pooled residents' arcs; with the old tree a
  // dearer arc on a tree path lets the fall the tree gives a seed ask more of the sink than
  // any cycle does, and it never settles: measured at regional scale, a single raised pool's
  // lowering ran out of its budget where the repriced tree's held in 5 ms). Then the raise
  // (cheap when few nodes lead to the seeds), then, unless `arc_by_arc` is false, the
  // arc-by-arc relabel.
  bool all_up = true;
  for (const auto& [k, d] : deltas) all_up &= less(Key{}, d);
  std::vector<Key> dl(lambda_.size());  // per pool: the change of its multipliers
  for (const auto& [k, d] : deltas) dl[at(k)] = d;
  bool held = false;
  if (lowering_ != Lowering::ArcByArc && saved_tree_[0]) {
    held = lower_via_sink(seeds, dearer_tree(dl), dl);
    tree_lowerings_ += held;
    mixed_tree_lowerings_ += held && !all_up;
  }
  if (!held && lowering_ == Lowering::Auto) held = raise_from(seeds);
  if (!held && !(arc_by_arc && relabel(seeds))) {
    restore_pool();
    return false;
  }
  unfixed_shifts_ += unfixed;
  return true;
}

// The forward sink tree before a shift whose multipliers moved both ways, priced again for
// lower_via_sink. On the potentials before the shift, an arc's weight moves by the change of
// its pool's multiplier (a citizen arc into a shifted pool) less that of its tail's pool (the
// tail's u_ took that change, also on its arc to the sink). The tree is priced again below
// every arc that got dearer (reprice_below), on the weights max(before, after): its distances
// are then the shortest on weights no lower than the new ones, so they bound the new
// distances from the sink from above, and on every arc that did not get cheaper (where
// max(before, after) is the new weight) d(y) <= d(x) + w(x -> y) holds, which is all that
// lower_via_sink asks of its tree. O(nodes) plus a Dijkstra over the subtrees repriced.
ResidualPricer::SinkTree ResidualPricer::dearer_tree(const std::vector<Key>& dl) {
  const std::vector<Index> pools = moved_pools(dl);
  auto change = [&](std::int32_t tail, std::int32_t head, ArcIndex arc) { return shift_change(dl, tail, head, arc); };
  return reprice_below(
      *saved_tree_[0], false,
      [&](std::int32_t tail, std::int32_t head, ArcIndex arc) { return less(Key{}, change(tail, head, arc)); },
      [&](std::int32_t tail, std::int32_t head, Key built, ArcIndex arc) -> std::optional<Key> {
        const Key now = corrected(built, tail, head);  // pot_ is still the one before the shift
        const Key c = change(tail, head, arc);
        return less(c, Key{}) ? Key{now.a - c.a, now.b - c.b} : now;
      },
      &pools);
}

void ResidualPricer::restore_pool() {
  if (shifted_.empty()) return;
  u_ = std::move(saved_u_);
  pot_ = std::move(saved_pot_);
  lambda_ = std::move(saved_lambda_);
  for (int i = 0; i < 2; ++i) {
    tree_[i] = std::move(saved_tree_[i]);
    saved_tree_[i].reset();
  }
  shifted_.clear();
}

std::optional<ResidualPricer::Priced> ResidualPricer::tally(ArcIndex arc, std::vector<Priced::Move> moves) const {
  Priced out;
  out.arc = arc;
  out.possible = true;
  std::sort(moves.begin(), moves.end(), [](const Priced::Move& x, const Priced::Move& y) { return x.citizen < y.citizen; });
  std::vector<std::pair<std::int32_t, std::int32_t>> openings, groups, pools;  // (index, change)
  auto bump = [](std::vector<std::pair<std::int32_t, std::int32_t>>& list, std::int32_t i, std::int32_t d) {
    for (auto& [j, change] : list)
      if (j == i) {
        change += d;
        return;
      }
    list.emplace_back(i, d);
  };
  auto take = [&](ArcIndex e, std::int32_t d) {
    if (e == kNone) return;
    const Index o = p_.arc_opening[at(e)];
    bump(openings, o, d);
    if (group_of(o) != kNone) bump(groups, group_of(o), d);
    if (pool_of(e) != kNone) bump(pools, pool_of(e), d);
  };
  for (std::size_t i = 0; i < moves.size(); ++i) {
    const Priced::Move& mv = moves[i];
    if (i > 0 && moves[i - 1].citizen == mv.citizen) return std::nullopt;  // a resident moves twice
    if (!active_[at(mv.citizen)]) return std::nullopt;
    const ArcIndex before = plan_[at(mv.citizen)];
    if (mv.arc == before) return std::nullopt;
    if (mv.arc != kNone && (mv.arc < p_.arc_begin[at(mv.citizen)] || mv.arc >= p_.arc_begin[at(mv.citizen) + 1]))
      throw std::logic_error("ResidualPricer: a move to another resident's arc");
    count_move(out, before, mv.arc);
    take(before, -1);
    take(mv.arc, +1);
  }
  for (const auto& [o, d] : openings)
    if (flow_o_[at(o)] + d > cap_[at(o)]) return std::nullopt;
  for (const auto& [g, d] : groups)
    if (flow_g_[at(g)] + d > lim_[at(g)]) return std::nullopt;
  for (const auto& [k, d] : pools)
    if (pool_used_[at(k)] + d > p_.pool_limit[at(k)]) return std::nullopt;
  out.moves = std::move(moves);
  return out;
}

std::optional<ResidualPricer::Priced> ResidualPricer::repaired(const Priced& q) const {
  if (!q.possible || !q.unit_faults || q.faults.empty()) return std::nullopt;
  // Q' plus, per pool it breaks by one place, that pool's F (each pool shifted that way).
  std::vector<Priced::Move> all = q.moves;
  for (const auto& fault : q.faults) {
    if (std::find(shifted_.begin(), shifted_.end(), fault) == shifted_.end()) return std::nullopt;
    const auto it = fixes_.find(fault);
    if (it == fixes_.end() || !it->second) return std::nullopt;
    all.insert(all.end(), it->second->moves.begin(), it->second->moves.end());
  }
  if (q.seat != kNone) return std::nullopt;  // Q' + F would need the seat more: not priced
  std::optional<Priced> r = tally(q.arc, std::move(all));
  if (!r) return std::nullopt;
  const Key cost{r->level, keep_unit_ * r->moved + r->score};
  const Key bound{q.bound_placed, q.bound_weight};
  if (less(cost, bound))  // a plan that keeps the pools below the Lagrangian bound: a broken certificate
    throw std::logic_error("ResidualPricer: a repaired plan costs less than its bound");
  if (less(bound, cost)) {  // a valid plan, but dearer than the bound: not proven optimal
    ++repairs_refused_;
    return std::nullopt;
  }
  r->bound_placed = q.bound_placed;
  r->bound_weight = q.bound_weight;
  return r;
}

ResidualPricer::Key ResidualPricer::corrected(Key rc, std::int32_t tail, std::int32_t head) const {
  if (pot_.empty()) return rc;
  return {rc.a + pot_[at(tail)].a - pot_[at(head)].a, rc.b + pot_[at(tail)].b - pot_[at(head)].b};
}

// Residual arcs out of u, each as relax(head, reduced cost, citizen arc or kNone).
template <class Relax>
void ResidualPricer::out_arcs(std::int32_t u, Relax&& relax) const {
  constexpr Key zero{};
  if (u < n_) {
    const ArcIndex own = plan_[at(u)];
    if (own != kNone) relax(sink(), u_[at(u)], kNone);
    for (ArcIndex e = p_.arc_begin[at(u)]; e < p_.arc_begin[at(u) + 1]; ++e)
      if (e != own) relax(opening_node(p_.arc_opening[at(e)]), forward_rc(u, e), e);
  } else if (u < n_ + m_) {
    const Index o = u - n_;
    for (Index c : members_[at(o)]) relax(c, zero, kNone);
    if (room(o)) relax(group_of(o) == kNone ? sink() : group_node(group_of(o)), zero, kNone);
  } else if (u < sink()) {
    const Index g = u - n_ - m_;
    if (group_room(g)) relax(sink(), zero, kNone);
    for (std::int32_t i = group_begin_[at(g)]; i < group_begin_[at(g) + 1]; ++i) {
      const Index o = group_openings_[at(i)];
      if (flow_o_[at(o)] > 0) relax(opening_node(o), reverse_rc(o), kNone);
    }
  } else {
    for (Index c : unplaced_) relax(c, zero, kNone);
    for (Index o : uncapped_)
      if (flow_o_[at(o)] > 0) relax(opening_node(o), reverse_rc(o), kNone);
    for (Index g = 0; g < g_; ++g)
      if (flow_g_[at(g)] > 0) relax(group_node(g), z_[at(g)], kNone);
  }
}

// Residual arcs into v, each as relax(tail, reduced cost, citizen arc or kNone).
template <class Relax>
void ResidualPricer::in_arcs(std::int32_t v, Relax&& relax) const {
  constexpr Key zero{};
  if (v < n_) {
    const ArcIndex own = plan_[at(v)];
    relax(own == kNone ? sink() : opening_node(p_.arc_opening[at(own)]), zero, kNone);
  } else if (v < n_ + m_) {
    const Index o = v - n_;
    for (std::int64_t i = into_begin_[at(o)]; i < into_begin_[at(o) + 1]; ++i) {
      const ArcIndex e = into_arc_[at(i)];
      const Index c = arc_citizen_[at(e)];
      if (active_[at(c)] && plan_[at(c)] != e) relax(c, forward_rc(c, e), e);
    }
    if (flow_o_[at(o)] > 0) relax(group_of(o) == kNone ? sink() : group_node(group_of(o)), reverse_rc(o), kNone);
  } else if (v < sink()) {
    const Index g = v - n_ - m_;
    for (std::int32_t i = group_begin_[at(g)]; i < group_begin_[at(g) + 1]; ++i) {
      const Index o = group_openings_[at(i)];
      if (room(o)) relax(opening_node(o), zero, kNone);
    }
    if (flow_g_[at(g)] > 0) relax(sink(), z_[at(g)], kNone);
  } else {
    for (Index c : placed_) relax(c, u_[at(c)], kNone);
    for (Index o : uncapped_)
      if (room(o)) relax(opening_node(o), zero, kNone);
    for (Index g = 0; g < g_; ++g)
      if (group_room(g)) relax(group_node(g), zero, kNone);
  }
}

// While fix_for looks for a cycle F: a hop of citizen u onto `arc` (kNone: unplaced)
// that would take a pooled place of the barred pool (barred_way_ > 0) or free one (< 0).
bool ResidualPricer::barred(std::int32_t u, ArcIndex arc) const {
  if (barred_way_ > 0) return arc != kNone && pool_of(arc) == barred_pool_;
  if (u >= n_ || plan_pool_[at(u)] != barred_pool_) return false;
  return arc == kNone || pool_of(arc) != barred_pool_;
}

void ResidualPricer::sink_trees() {
  if (!certified_ || !trees_on_ || !shifted_.empty()) return;
  for (int way = 0; way < 2; ++way)
    if (!tree_[way]) grow_tree(way == 1);
}

// Dijkstra from the sink (forward) or into it (backward) over the whole residual graph.
void ResidualPricer::grow_tree(bool backward) {
  const std::int32_t nn = nodes();
  SinkTree t;
  t.dist.assign(at(nn), Key{});
  t.link.assign(at(nn), -1);
  t.link_arc.assign(at(nn), kNone);
  t.reached.assign(at(nn), 0);
  t.order.reserve(at(nn));
  std::vector<std::uint8_t> seen(at(nn), 0);
  Heap& heap = scratch_heap();
  heap.resize(nn);
  seen[at(sink())] = 1;
  heap.push_or_decrease(sink(), Key{});
  std::int32_t u = -1;
  auto relax = [&](std::int32_t x, Key built, ArcIndex arc) {
    if (t.reached[at(x)]) return;
    const Key rc = backward ? corrected(built, x, u) : corrected(built, u, x);
    const Key nd{t.dist[at(u)].a + rc.a, t.dist[at(u)].b + rc.b};
    if (seen[at(x)] && !less(nd, t.dist[at(x)])) return;
    seen[at(x)] = 1;
    t.dist[at(x)] = nd;
    t.link[at(x)] = u;
    t.link_arc[at(x)] = arc;
    heap.push_or_decrease(x, nd);
  };
  while (!heap.empty()) {
    u = heap.pop();
    t.reached[at(u)] = 1;
    t.order.push_back(u);
    if (backward)
      in_arcs(u, relax);
    else
      out_arcs(u, relax);
  }
  tree_[backward ? 1 : 0] = std::move(t);
}

// The pools whose multipliers dl moved (dl: per pool, a change).
std::vector<Index> ResidualPricer::moved_pools(const std::vector<Key>& dl) {
  std::vector<Index> pools;
  for (std::size_t k = 0; k < dl.size(); ++k)
    if (dl[k].a != 0 || dl[k].b != 0) pools.push_back(static_cast<Index>(k));
  return pools;
}

// Tree t's children (the nodes whose link is a node, in the tree's order) and each node's
// place in that order, built once per tree. O(nodes).
void ResidualPricer::index_children(const SinkTree& t) const {
  if (!t.child_begin.empty()) return;
  t.pos.assign(at(nodes()), -1);
  for (std::size_t i = 0; i < t.order.size(); ++i) t.pos[at(t.order[i])] = static_cast<std::int32_t>(i);
  group_by(at(nodes()), t.order, [&](std::int32_t x) { return t.link[at(x)]; }, t.child_begin, t.child);
}

// Every node whose hop in tree t (from its link, forward; to it, backward) a change of the
// given pools can touch: the hops whose weight moves with a pool's multiplier are citizen
// arcs into its openings, the reverse arcs to its pooled residents and those residents' own
// arcs (their u_); the hops fix_for bars are the same kinds. So the pools' opening nodes and
// pooled residents, and their children (backward, a citizen's hop into an opening of the pool
// is the child's). Superset: reprice_below asks `dearer` of each.
std::vector<std::int32_t> ResidualPricer::pool_roots(const SinkTree& t, const std::vector<Index>& pools) const {
  std::vector<std::int32_t> roots;
  auto near = [&](std::int32_t y) {
    roots.push_back(y);
    for (std::int32_t i = t.child_begin[at(y)]; i < t.child_begin[at(y) + 1]; ++i) roots.push_back(t.child[at(i)]);
  };
  for (Index k : pools) {
    for (Index o : pool_openings(k)) near(opening_node(o));
    for (Index c : pool_placed(k)) near(c);
  }
  return roots;
}

// The nodes of tree t below a hop that got dearer (or went away), priced again: removing
// arcs or raising their weight lengthens only the paths through them, so every node whose
// tree path avoids such a hop keeps its distance and path, and the others (the subtrees
// below one) are priced by a Dijkstra among them, seeded by their hops from the kept nodes.
// `dearer(tail, head, arc)` names the hops that got dearer; `weight(tail, head, built, arc)`
// is a hop's new weight, or nothing when it went away. The tree's `order` is not kept.
// With `pools` (a tree with its order), only the hops near those pools' openings and pooled
// residents are asked (pool_roots: every hop whose weight a pool's multiplier or bar can
// touch), and the subtrees below the dearer ones are read from the tree's children, in the
// tree's order as the scan finds them: the same nodes priced again, in the same order.
template <class Dearer, class Weight>
ResidualPricer::SinkTree ResidualPricer::reprice_below(const SinkTree& t, bool backward, Dearer&& dearer,
                                                       Weight&& weight, const std::vector<Index>* pools) {
  const std::int32_t nn = nodes();
  std::vector<std::uint8_t> dirty(at(nn), 0);
  std::vector<std::int32_t> again;
  if (pools && !t.order.empty() && !scan_reprice_) {
    index_children(t);
    std::vector<std::int32_t> stack;
    for (std::int32_t x : pool_roots(t, *pools)) {
      const std::int32_t p = t.link[at(x)];
      if (dirty[at(x)] || p < 0) continue;
      const std::int32_t tail = backward ? x : p, head = backward ? p : x;
      if (!dearer(tail, head, t.link_arc[at(x)])) continue;
      dirty[at(x)] = 1;
      stack.push_back(x);
      while (!stack.empty()) {
        const std::int32_t y = stack.back();
        stack.pop_back();
        again.push_back(y);
        for (std::int32_t i = t.child_begin[at(y)]; i < t.child_begin[at(y) + 1]; ++i) {
          const std::int32_t z = t.child[at(i)];
          if (!dirty[at(z)]) {
            dirty[at(z)] = 1;
            stack.push_back(z);
          }
        }
      }
    }
    std::sort(again.begin(), again.end(), [&](std::int32_t x, std::int32_t y) { return t.pos[at(x)] < t.pos[at(y)]; });
  } else {
    for (std::int32_t x : t.order) {
      const std::int32_t p = t.link[at(x)];
      if (p < 0) continue;
      const std::int32_t tail = backward ? x : p, head = backward ? p : x;
      if (dirty[at(p)] || dearer(tail, head, t.link_arc[at(x)])) {
        dirty[at(x)] = 1;
        again.push_back(x);
      }
    }
  }
  SinkTree b;
  b.dist = t.dist;
  b.link = t.link;
  b.link_arc = t.link_arc;
  b.reached = t.reached;
  std::vector<std::uint8_t> seen(at(nn), 0);
  Heap& heap = scratch_heap();
  heap.resize(nn);
  // A hop from `from` (nearer the sink) to `to`, of weight w, found at distance dist(from).
  auto offer = [&](std::int32_t from, std::int32_t to, Key from_dist, const std::optional<Key>& w, ArcIndex arc) {
    if (!w) return false;
    const Key nd{from_dist.a + w->a, from_dist.b + w->b};
    if (seen[at(to)] && !less(nd, b.dist[at(to)])) return false;
    seen[at(to)] = 1;
    b.dist[at(to)] = nd;
    b.link[at(to)] = from;
    b.link_arc[at(to)] = arc;
    return true;
  };
  for (std::int32_t y : again) {
    b.reached[at(y)] = 0;
    b.link[at(y)] = -1;
    auto seed = [&](std::int32_t x, Key built, ArcIndex arc) {
      if (dirty[at(x)] || !t.reached[at(x)]) return;
      offer(x, y, t.dist[at(x)], backward ? weight(y, x, built, arc) : weight(x, y, built, arc), arc);
    };
    if (backward)
      out_arcs(y, seed);
    else
      in_arcs(y, seed);
    if (seen[at(y)]) heap.push_or_decrease(y, b.dist[at(y)]);
  }
  std::int32_t u = -1;
  auto relax = [&](std::int32_t x, Key built, ArcIndex arc) {
    if (!dirty[at(x)] || b.reached[at(x)]) return;
    if (offer(u, x, b.dist[at(u)], backward ? weight(x, u, built, arc) : weight(u, x, built, arc), arc))
      heap.push_or_decrease(x, b.dist[at(x)]);
  };
  while (!heap.empty()) {
    u = heap.pop();
    b.reached[at(u)] = 1;
    if (backward)
      in_arcs(u, relax);
    else
      out_arcs(u, relax);
  }
  return b;
}

// The forward tree of the graph without the barred hops (barred()), from the sink tree.
void ResidualPricer::grow_barred_tree() {
  const std::vector<Index> pools{barred_pool_};
  barred_tree_ = reprice_below(
      *tree_[0], false, [&](std::int32_t tail, std::int32_t, ArcIndex arc) { return barred(tail, arc); },
      [&](std::int32_t tail, std::int32_t head, Key built, ArcIndex arc) -> std::optional<Key> {
        if (barred(tail, arc)) return std::nullopt;
        return corrected(built, tail, head);
      },
      &pools);
}

// The sink tree of this direction after shift_pools, from the one before. Let dpi(x) be by
// how much x's potential moved (its u_ and pot_), and h(x -> y) = rc'(x -> y) - dpi(x) +
// dpi(y) with rc' the reduced cost after the shift: h equals the reduced cost before the
// shift on every arc but those whose priced weight moved with a pool's multiplier (by its
// change dl: + dl on a pooled arc into the pool, - dl on the reverse arc to a pooled
// resident of the pool, whose u_ took the change). Paths keep their order under h (dpi
// telescopes), so the tree is the shortest-path tree for h, found from the old one:
// first with the arcs that got dearer only (the nodes below such an arc in the old tree
// priced again, as grow_barred_tree does), then the arcs that got cheaper relaxed and
// their effect spread (label-correcting: a node is scanned again when lowered; no
// negative cycle as the shifted certificate holds). A run past its budget leaves no tree
// (the searches then expand the sink).
void ResidualPricer::grow_shifted_tree(bool backward) {
  const int way = backward ? 1 : 0;
  const SinkTree& t = *saved_tree_[way];
  const std::int32_t nn = nodes();
  auto plus = [](Key x, Key y) { return Key{x.a + y.a, x.b + y.b}; };
  auto minus = [](Key x, Key y) { return Key{x.a - y.a, x.b - y.b}; };
  std::vector<Key> dl(lambda_.size());
  for (std::size_t k = 0; k < lambda_.size(); ++k) dl[k] = minus(lambda_[k], saved_lambda_[k]);
  const std::vector<Index> pools = moved_pools(dl);
  auto dpi = [&](std::int32_t x) {
    Key d = minus(pot_[at(x)], saved_pot_.empty() ? Key{} : saved_pot_[at(x)]);
    if (x < n_) d = plus(d, minus(u_[at(x)], saved_u_[at(x)]));
    return d;
  };
  // The change of the weight of tail x -> head y (arc: its citizen arc, or kNone).
  auto change = [&](std::int32_t x, std::int32_t y, ArcIndex arc) {
    if (arc != kNone) {
      const Index k = pool_of(arc);
      return k == kNone ? Key{} : dl[at(k)];
    }
    if (x >= n_ && x < n_ + m_ && y < n_) {
      const Index k = plan_pool_[at(y)];
      if (k != kNone) return minus(Key{}, dl[at(k)]);
    }
    return Key{};
  };
  auto h = [&](std::int32_t x, std::int32_t y, Key built) { return plus(minus(corrected(built, x, y), dpi(x)), dpi(y)); };
  // Phase 1 weights: h less the falls (the weights before the shift, or more).
  auto h1 = [&](std::int32_t x, std::int32_t y, Key built, ArcIndex arc) {
    const Key c = change(x, y, arc);
    return less(c, Key{}) ? minus(h(x, y, built), c) : h(x, y, built);
  };
  // Phase 1: the nodes below an arc that got dearer, on h less the falls.
  SinkTree b = reprice_below(
      t, backward, [&](std::int32_t tail, std::int32_t head, ArcIndex arc) { return less(Key{}, change(tail, head, arc)); },
      [&](std::int32_t tail, std::int32_t head, Key built, ArcIndex arc) -> std::optional<Key> {
        return h1(tail, head, built, arc);
      },
      &pools);
  Heap& heap = scratch_heap();
  std::int32_t u = -1;
  // Phase 2: the arcs that got cheaper (tail, head, built weight, citizen arc).
  std::int64_t budget = 8 * (static_cast<std::int64_t>(p_.arc_opening.size()) + nn);
  auto lower = [&](std::int32_t tail, std::int32_t head, Key built, ArcIndex arc) {
    const std::int32_t from = backward ? head : tail, to = backward ? tail : head;
    if (!b.reached[at(from)]) return;
    const Key nd = plus(b.dist[at(from)], h(tail, head, built));
    if (!less(nd, b.dist[at(to)])) return;
    b.dist[at(to)] = nd;
    b.link[at(to)] = from;
    b.link_arc[at(to)] = arc;
    heap.push_or_decrease(to, nd);
  };
  for (const auto& [k, by] : shifted_) {
    if (less(dl[at(k)], Key{})) {  // the pooled arcs into k got cheaper
      for (Index o : pool_openings(k)) {
        for (std::int64_t i = into_begin_[at(o)]; i < into_begin_[at(o) + 1]; ++i) {
          const ArcIndex e = into_arc_[at(i)];
          const Index c = arc_citizen_[at(e)];
          if (active_[at(c)] && plan_[at(c)] != e && pool_of(e) == k) lower(c, opening_node(o), forward_rc(c, e), e);
        }
      }
    } else if (less(Key{}, dl[at(k)])) {  // the reverse arcs to k's pooled residents
      for (Index c : pool_placed(k)) lower(opening_node(p_.arc_opening[at(plan_[at(c)])]), c, Key{}, kNone);
    }
  }
  while (!heap.empty()) {
    u = heap.pop();
    auto relax2 = [&](std::int32_t x, Key built, ArcIndex arc) {
      if (--budget < 0) return;
      if (backward)
        lower(x, u, built, arc);
      else
        lower(u, x, built, arc);
    };
    if (backward)
      in_arcs(u, relax2);
    else
      out_arcs(u, relax2);
    if (budget < 0) {
      heap.clear();
      return;  // no tree: the searches expand the sink
    }
  }
  // Back to the reduced costs after the shift.
  const Key ds = dpi(sink());
  for (std::int32_t x = 0; x < nn; ++x)
    if (b.reached[at(x)]) b.dist[at(x)] = backward ? minus(plus(b.dist[at(x)], dpi(x)), ds) : minus(plus(b.dist[at(x)], ds), dpi(x));
  tree_[way] = std::move(b);
}

void ResidualPricer::search(std::int32_t root, bool backward, const std::vector<std::int32_t>& targets) {
  std::vector<std::int32_t> wanted(targets);
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  // The sink tree of this direction, unless the reduced costs are shifted, or the search
  // bars hops a tree path takes (barred searches are forward only).
  const SinkTree* tree = nullptr;
  const int way = backward ? 1 : 0;
  if (barred_pool_ != kNone) {
    if (!backward && barred_tree_) tree = &*barred_tree_;
  } else if (trees_on_ && root != sink()) {
    if (!tree_[way]) {
      if (shifted_.empty())
        grow_tree(backward);
      else if (saved_tree_[way])
        grow_shifted_tree(backward);
    }
    if (tree_[way]) tree = &*tree_[way];
  }
  used_tree_ = tree;
  // Guided by the tree (A*, the sink as landmark): forward, d(x ~> t) >= d(sink -> t) -
  // d(sink -> x) for every target t (d: the tree's distances, shortest on the same reduced
  // costs), so h(x) = max(0, m - d(sink -> x)), m the least d(sink -> t) over the targets,
  // is a lower bound on the rest of any path from x to a target and consistent (h(x) <=
  // rc(x -> y) + h(y) as d(sink -> y) <= d(sink -> x) + rc(x -> y); a node the tree does
  // not reach has h 0, and none of its arcs leave the tree's reach). Backward the same with
  // the distances into the sink. Keys are distance + h: every node still settles at its
  // shortest distance, every target has h 0 (its d is at least m), and nodes whose key passes
  // the targets' candidates are never expanded.
  Key m{};
  bool guided = tree != nullptr;
  if (guided) {
    bool any = false;
    for (std::int32_t t : wanted)
      if (tree->reached[at(t)] && (!any || less(tree->dist[at(t)], m))) {
        m = tree->dist[at(t)];
        any = true;
      }
    guided = any;
  }
  auto key_of = [&](std::int32_t x, Key d) {
    if (!guided || !tree->reached[at(x)]) return d;
    const Key h{m.a - tree->dist[at(x)].a, m.b - tree->dist[at(x)].b};
    return less(Key{}, h) ? Key{d.a + h.a, d.b + h.b} : d;
  };
  if (++stamp_ == 0) {
    std::fill(seen_.begin(), seen_.end(), 0);
    std::fill(done_.begin(), done_.end(), 0);
    std::fill(via_.begin(), via_.end(), 0);
    stamp_ = 1;
  }
  const std::uint32_t stamp = stamp_;
  // A target is final once settled, or once the heap's minimum reaches its candidate
  // through the sink (then done_ == stamp and via_ == stamp, its distance the candidate).
  std::size_t left = wanted.size();
  Heap& heap = scratch_heap();
  heap.resize(nodes());
  seen_[at(root)] = stamp;
  dist_[at(root)] = Key{};
  link_[at(root)] = -1;
  link_arc_[at(root)] = kNone;
  heap.push_or_decrease(root, key_of(root, Key{}));
  std::int32_t u = -1;
  auto relax = [&](std::int32_t x, Key built, ArcIndex arc) {
    if (done_[at(x)] == stamp) return;
    if (barred_pool_ != kNone && barred(u, arc)) return;
    const Key rc = backward ? corrected(built, x, u) : corrected(built, u, x);
    const Key nd{dist_[at(u)].a + rc.a, dist_[at(u)].b + rc.b};
    if (seen_[at(x)] == stamp && !less(nd, dist_[at(x)])) return;
    seen_[at(x)] = stamp;
    dist_[at(x)] = nd;
    link_[at(x)] = u;
    link_arc_[at(x)] = arc;
    heap.push_or_decrease(x, key_of(x, nd));
  };
  std::vector<std::pair<Key, std::int32_t>> pending;  // (candidate, target), cheapest first
  std::size_t next = 0;
  bool sink_settled = false;
  while (left > 0) {
    if (sink_settled) {
      while (next < pending.size() && (heap.empty() || !less(heap.top_key(), pending[next].first))) {
        const auto [cand, t] = pending[next++];
        if (done_[at(t)] == stamp) continue;  // settled by the search at most its candidate
        done_[at(t)] = stamp;
        via_[at(t)] = stamp;
        dist_[at(t)] = cand;
        --left;
      }
      if (left == 0) break;
    }
    if (heap.empty()) break;
    u = heap.pop();
    if (done_[at(u)] == stamp) continue;  // a target final through the sink: not expanded
    done_[at(u)] = stamp;
    if (std::binary_search(wanted.begin(), wanted.end(), u)) --left;
    if (u == sink() && tree) {  // the sink is not expanded: its tree prices the rest
      sink_settled = true;
      const Key d = dist_[at(u)];
      for (std::int32_t t : wanted)
        if (done_[at(t)] != stamp && tree->reached[at(t)])
          pending.push_back({Key{d.a + tree->dist[at(t)].a, d.b + tree->dist[at(t)].b}, t});
      std::sort(pending.begin(), pending.end(), [](const auto& x, const auto& y) {
        return less(x.first, y.first) || (!less(y.first, x.first) && x.second < y.second);
      });
      continue;
    }
    if (backward)
      in_arcs(u, relax);
    else
      out_arcs(u, relax);
  }
  heap.clear();
}

std::vector<ResidualPricer::Priced::Move> ResidualPricer::hops_to(std::int32_t t, bool backward) {
  // A path as its nodes and, per node, the citizen arc of its hop on (the last's unused).
  using Path = std::vector<std::pair<std::int32_t, ArcIndex>>;
  auto chain = [](std::int32_t from, const std::vector<std::int32_t>& link, const std::vector<ArcIndex>& link_arc,
                  bool links_forward) {
    // links_forward: link is the successor (the arc of the hop out of y is link_arc[y]);
    // else the predecessor (the path is read backwards, the hop into y has link_arc[y]).
    std::vector<std::int32_t> nodes;
    for (std::int32_t y = from; y >= 0; y = link[at(y)]) {
      nodes.push_back(y);
      if (nodes.size() > link.size()) throw std::logic_error("ResidualPricer: a search's links form a cycle");
    }
    Path path;
    path.reserve(nodes.size());
    if (links_forward) {
      for (std::int32_t y : nodes) path.emplace_back(y, link_arc[at(y)]);
    } else {
      for (std::size_t i = nodes.size(); i-- > 0;)
        path.emplace_back(nodes[i], i > 0 ? link_arc[at(nodes[i - 1])] : kNone);
    }
    return path;
  };
  Path path;
  if (via_[at(t)] != stamp_) {
    path = chain(t, link_, link_arc_, backward);
  } else {
    // Through the sink: a = the first part (ending at the sink), b = the second (from it).
    const SinkTree& tree = *used_tree_;
    Path a = backward ? chain(t, tree.link, tree.link_arc, true) : chain(sink(), link_, link_arc_, false);
    Path b = backward ? chain(sink(), link_, link_arc_, true) : chain(t, tree.link, tree.link_arc, false);
    if (++mark_stamp_ == 0) {
      std::fill(mark_.begin(), mark_.end(), 0);
      mark_stamp_ = 1;
    }
    for (std::size_t j = 0; j < b.size(); ++j) {
      mark_[at(b[j].first)] = mark_stamp_;
      mark_pos_[at(b[j].first)] = static_cast<std::int32_t>(j);
    }
    // The first node of a that b visits (the sink at the latest): a up to it, b from it.
    // A loop between its two visits costs 0 (the path is shortest and no arc is negative).
    std::size_t i = 0;
    while (mark_[at(a[i].first)] != mark_stamp_) ++i;
    if (i + 1 < a.size()) ++loops_cut_;
    ++via_sink_count_;
    path.assign(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(i));
    path.insert(path.end(), b.begin() + mark_pos_[at(a[i].first)], b.end());
    // A check of the cut: the path is simple (a node twice would be a resident moved twice,
    // or a seat counted twice).
    if (++mark_stamp_ == 0) {
      std::fill(mark_.begin(), mark_.end(), 0);
      mark_stamp_ = 1;
    }
    for (const auto& [x, arc] : path) {
      if (mark_[at(x)] == mark_stamp_) throw std::logic_error("ResidualPricer: a path through the sink visits a node twice");
      mark_[at(x)] = mark_stamp_;
    }
  }
  std::vector<Priced::Move> hops;
  for (std::size_t i = 0; i + 1 < path.size(); ++i)
    if (path[i].first < n_) hops.push_back({path[i].first, path[i].second});
  return hops;
}

ResidualPricer::Priced ResidualPricer::read_cycle(ArcIndex arc, std::vector<Priced::Move> hops, Key cost) const {
  Priced out;
  out.arc = arc;
  out.possible = true;
  std::sort(hops.begin(), hops.end(), [](const Priced::Move& x, const Priced::Move& y) { return x.citizen < y.citizen; });
  for (std::size_t i = 1; i < hops.size(); ++i)
    if (hops[i].citizen == hops[i - 1].citizen) throw std::logic_error("ResidualPricer: a cycle visits a resident twice");
  std::vector<std::pair<Index, std::int64_t>> pools;  // (pool, change)
  auto pool_change = [&](ArcIndex e, std::int64_t d) {
    if (e == kNone || !p_.arc_pooled[at(e)]) return;
    const Index k = p_.opening_pool[at(p_.arc_opening[at(e)])];
    if (k == kNone) return;
    for (auto& [pool, change] : pools)
      if (pool == k) {
        change += d;
        return;
      }
    pools.emplace_back(k, d);
  };
  for (const Priced::Move& h : hops) {
    const ArcIndex before = plan_[at(h.citizen)];
    count_move(out, before, h.arc);
    pool_change(before, -1);
    pool_change(h.arc, +1);
  }
  // The cycle's reduced cost is its priced cost: a check of the potentials and of the path.
  std::int64_t priced_a = out.level;
  std::int64_t priced_b = keep_unit_ * out.moved + out.score;
  int faults = 0, by = 0;
  Index broken = kNone;
  out.unit_faults = true;
  for (const auto& [pool, change] : pools) {
    const Key price = lambda_[at(pool)];
    priced_a += price.a * change;
    priced_b += price.b * change;
    // Q keeps the pool, and a priced pool stays full (else Q is only a bound).
    const bool over = pool_used_[at(pool)] + change > p_.pool_limit[at(pool)];
    const bool priced = price.a != 0 || price.b != 0;
    if (over || (priced && change != 0)) {
      out.keeps_pools = false;
      ++faults;
      out.faults.emplace_back(pool, over ? 1 : -1);
      // By one place: over the limit by one, or (priced, full) one short.
      out.unit_faults &= over ? pool_used_[at(pool)] + change == p_.pool_limit[at(pool)] + 1 : change == -1;
      if (over && pool_used_[at(pool)] + change == p_.pool_limit[at(pool)] + 1) {
        broken = pool;
        by = 1;
      } else if (!over && priced && change == -1) {
        broken = pool;
        by = -1;
      }
    }
  }
  std::sort(out.faults.begin(), out.faults.end());
  if (out.faults.empty()) out.unit_faults = false;
  if (faults == 1 && broken != kNone) {
    out.broken_pool = broken;
    out.broken_by = by;
  }
  if (cost.a != priced_a || cost.b != priced_b)
    throw std::logic_error("ResidualPricer: a cycle's cost disagrees with its reduced cost");
  out.bound_placed = priced_a;
  out.bound_weight = priced_b;
  out.moves = std::move(hops);
  return out;
}

std::vector<ResidualPricer::Priced> ResidualPricer::price_opening(Index o, const std::vector<ArcIndex>& arcs) {
  if (!certified_) throw std::logic_error("ResidualPricer: not certified");
  std::vector<std::int32_t> targets;
  for (ArcIndex e : arcs) {
    const Index c = arc_citizen_[at(e)];
    if (p_.arc_opening[at(e)] != o || plan_[at(c)] == e) throw std::invalid_argument("ResidualPricer: bad arc");
    if (active_[at(c)]) targets.push_back(c);
  }
  const std::int32_t root = opening_node(o);
  search(root, false, targets);
  std::vector<Priced> out;
  out.reserve(arcs.size());
  for (ArcIndex e : arcs) {
    const Index c = arc_citizen_[at(e)];
    if (!active_[at(c)] || done_[at(c)] != stamp_) {
      out.push_back(impossible(e));
      continue;
    }
    std::vector<Priced::Move> hops = hops_to(c, false);
    hops.push_back({c, e});
    const Key rc = corrected(forward_rc(c, e), c, root);
    out.push_back(read_cycle(e, std::move(hops), {rc.a + dist_[at(c)].a, rc.b + dist_[at(c)].b}));
  }
  return out;
}

std::vector<ResidualPricer::Priced> ResidualPricer::price_citizen(Index c, const std::vector<ArcIndex>& arcs) {
  if (!certified_) throw std::logic_error("ResidualPricer: not certified");
  std::vector<std::int32_t> targets;
  for (ArcIndex e : arcs) {
    if (arc_citizen_[at(e)] != c || plan_[at(c)] == e) throw std::invalid_argument("ResidualPricer: bad arc");
    targets.push_back(opening_node(p_.arc_opening[at(e)]));
  }
  std::vector<Priced> out;
  out.reserve(arcs.size());
  if (!active_[at(c)]) {
    for (ArcIndex e : arcs) out.push_back(impossible(e));
    return out;
  }
  search(c, true, targets);
  for (ArcIndex e : arcs) {
    const std::int32_t start = opening_node(p_.arc_opening[at(e)]);
    if (done_[at(start)] != stamp_) {
      out.push_back(impossible(e));
      continue;
    }
    std::vector<Priced::Move> hops = hops_to(start, true);
    hops.push_back({c, e});
    const Key rc = corrected(forward_rc(c, e), c, start);
    out.push_back(read_cycle(e, std::move(hops), {rc.a + dist_[at(start)].a, rc.b + dist_[at(start)].b}));
  }
  return out;
}

std::vector<ResidualPricer::Priced> ResidualPricer::price_seats(const std::vector<Index>& openings) {
  if (!certified_) throw std::logic_error("ResidualPricer: not certified");
  std::vector<Priced> out(openings.size());
  // The openings whose new seat adds an arc (full ones), by the node the arc leads to.
  std::map<std::int32_t, std::vector<std::size_t>> by_up;
  for (std::size_t i = 0; i < openings.size(); ++i) {
    const Index o = openings[i];
    if (o < 0 || o >= m_) throw std::invalid_argument("ResidualPricer: bad opening");
    out[i].possible = true;  // Q = P until a cycle gains
    out[i].seat = o;
    if (room(o)) continue;   // a seat more where one is free changes no residual arc
    by_up[group_of(o) == kNone ? sink() : group_node(group_of(o))].push_back(i);
  }
  for (const auto& [up, list] : by_up) {
    std::vector<std::int32_t> targets;
    for (std::size_t i : list) targets.push_back(opening_node(openings[i]));
    search(up, false, targets);
    for (std::size_t i : list) {
      const std::int32_t t = opening_node(openings[i]);
      if (done_[at(t)] != stamp_) continue;  // no way back to o: no cycle
      // The new arc o -> up: the reverse of up -> o (reduced cost v_o), so -v_o.
      const Key rc = corrected(Key{-v_[at(openings[i])].a, -v_[at(openings[i])].b}, t, up);
      const Key cost{rc.a + dist_[at(t)].a, rc.b + dist_[at(t)].b};
      if (!less(cost, Key{})) continue;  // no cycle gains: Q = P
      out[i] = read_cycle(kNone, hops_to(t, false), cost);
      out[i].seat = openings[i];
    }
  }
  return out;
}

ResidualPricer::Priced ResidualPricer::release(ArcIndex arc) {
  if (!certified_) throw std::logic_error("ResidualPricer: not certified");
  const Index c = arc_citizen_[at(arc)];
  if (plan_[at(c)] != arc || !active_[at(c)]) throw std::invalid_argument("ResidualPricer: release of an arc P does not hold freely");
  const std::int32_t target = opening_node(p_.arc_opening[at(arc)]);
  search(c, false, {target});
  if (done_[at(target)] != stamp_) return impossible(arc);
  std::vector<Priced::Move> hops = hops_to(target, false);
  // The cycle closes by the reverse of c's own arc (reduced cost 0 as built).
  const Key back = corrected(Key{}, target, c);
  return read_cycle(arc, std::move(hops), {dist_[at(target)].a + back.a, dist_[at(target)].b + back.b});
}

}  // namespace placematch::detail
