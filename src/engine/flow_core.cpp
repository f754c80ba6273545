// The min-cost flow core: row-by-row shortest augmenting paths (see flow_core.hpp).
#include "detail/flow_core.hpp"

#include <algorithm>
#include <cstring>
#include <cassert>
#include <functional>
#include <limits>
#include <stdexcept>

#include "placematch/engine/solve.hpp"
#include "detail/index.hpp"

namespace placematch::detail {

namespace {
}  // namespace

FlowCore::FlowCore(const MatchingProblem& problem)
    : n_(problem.num_citizens),
      m_(problem.num_openings),
      g_(static_cast<Index>(problem.cap_group_limit.size())),
      arc_begin_(problem.arc_begin.data()),
      arc_opening_(problem.arc_opening.data()),
      opening_group_(problem.opening_cap_group) {
  group_begin_.assign(at(g_) + 1, 0);
  for (Index o = 0; o < m_; ++o)
    if (opening_group_[at(o)] >= 0) ++group_begin_[at(opening_group_[at(o)]) + 1];
  for (Index g = 0; g < g_; ++g) group_begin_[at(g) + 1] += group_begin_[at(g)];
  group_openings_.resize(at(group_begin_[at(g_)]));
  std::vector<std::int64_t> fill(group_begin_.begin(), group_begin_.end() - 1);
  for (Index o = 0; o < m_; ++o)
    if (opening_group_[at(o)] >= 0) group_openings_[at(fill[at(opening_group_[at(o)])]++)] = o;
  const std::size_t arcs = static_cast<std::size_t>(problem.arc_begin.back());
  {
    auto table = std::make_shared<std::vector<Index>>(arcs);
    for (Index c = 0; c < n_; ++c)
      std::fill(table->begin() + arc_begin_[c], table->begin() + arc_begin_[c + 1], c);
    arc_citizen_ = table->data();
    arc_citizens_ = std::move(table);
  }
  const std::int32_t nodes = node_count();
  heap_.resize(nodes);
  dist_.assign(at(nodes), 0);
  parent_.assign(at(nodes), -1);
  parent_arc_.assign(at(nodes), kNone);
  seen_.assign(at(nodes), 0);
  pot_.assign(at(nodes), 0);
  assign_.assign(at(n_), kNone);
  member_pos_.assign(at(n_), -1);
  own_cost_.assign(at(n_), 0);
  usable_.assign(arcs, 0);
  pack_begin_.assign(at(n_) + 1, 0);
  pack_end_.assign(at(n_), 0);
  members_.resize(at(m_));
  group_count_.assign(at(g_), 0);
}

bool FlowCore::prepare(const FlowInput& input, bool hinted) {
  const std::int32_t nodes = node_count();
  // Cost range: cost = M - weight in [0, C]; potentials stay within nodes * C.
  // Over every arc, closed ones and inactive citizens' too (a flat pass, skipped when the
  // weights are the last solve's; the range can only be judged wider than it is).
  std::int64_t max_w = 0, min_w = 0;
  if (same_weights_) {
    max_w = range_max_;
    min_w = range_min_;
  } else if (hinted) {  // only the changed arcs: the range widened by them (never narrowed)
    max_w = range_max_;
    min_w = range_min_;
    for (const ArcIndex e : *input.changed_weights) {
      max_w = std::max(max_w, input.weight[at(e)]);
      min_w = std::min(min_w, input.weight[at(e)]);
    }
    range_max_ = max_w;
    range_min_ = min_w;
  } else {
    const std::size_t arcs = input.weight.size();
    const std::int64_t* w = input.weight.data();
    for (std::size_t e = 0; e < arcs; ++e) {
      max_w = std::max(max_w, w[e]);
      min_w = std::min(min_w, w[e]);
    }
    range_max_ = max_w;
    range_min_ = min_w;
  }
  if (input.big_m != 0) {
    if (input.big_m < max_w) throw std::logic_error("FlowCore: big_m below a weight");
    max_w = input.big_m;
  }
  constexpr std::int64_t kLimit = std::int64_t{1} << 61;
  if (max_w > kLimit / 4 || min_w < -kLimit / 4) return false;
  const std::int64_t max_cost = max_w - min_w + 1;
  if (max_cost > kLimit / (nodes + 1)) return false;
  big_m_ = max_w;
  return true;
}

namespace {
// Calls each(i) for every i where the flags a[i] and b[i] differ (same sizes), comparing
// eight at a time: O(size / 8 + differences), for flags that change in few places.
template <class Each>
void differ(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b, Each&& each) {
  const std::size_t size = a.size(), words = size / 8;
  for (std::size_t w = 0; w < words; ++w) {
    std::uint64_t x, y;
    std::memcpy(&x, a.data() + 8 * w, 8);
    std::memcpy(&y, b.data() + 8 * w, 8);
    if (x == y) continue;
    for (std::size_t i = 8 * w; i < 8 * w + 8; ++i)
      if (a[i] != b[i]) each(i);
  }
  for (std::size_t i = 8 * words; i < size; ++i)
    if (a[i] != b[i]) each(i);
}
}  // namespace

void FlowCore::select_arcs(const FlowInput& input, bool keep, bool hinted) {
  // (keep comes after a selection of this problem, whose flags select_closed_ holds.)
  if (keep && select_closed_.size() == input.closed.size()) {
    select_changed(input, hinted);
    return;
  }
  select_all(input);
  select_closed_ = input.closed;
}

// Where citizen c's arc e sits in the packed core (e usable), or -1.
std::int64_t FlowCore::slot_of(Index c, ArcIndex e) const {
  const std::int32_t offset = static_cast<std::int32_t>(e - arc_begin_[c]);
  for (std::int64_t i = pack_begin_[at(c)]; i < pack_end_[at(c)]; ++i)
    if (packed_[at(i)].offset == offset) return i;
  return -1;
}

// select_arcs(keep) from what changed since the last selection: the citizens whose active
// flag flipped (the active_ of the last solve) and the arcs closed since (select_closed_),
// found by comparing eight flags at a time; every other citizen's core is as it was. A
// citizen taken out keeps its packed list, every entry dead (as a closed arc's: never
// relaxed); one back in takes that list again where its arcs are open (the arcs it held
// before, so a core as any other: the arcs missing join by pricing), or, with no list
// left (a repack drops dead entries), its best arcs as select_all picks them. The costs
// then follow the weights: only the hinted arcs' when the caller named them.
void FlowCore::select_changed(const FlowInput& input, bool hinted) {
  std::vector<Index> rows;  // citizens whose list is made afresh
  std::vector<std::pair<std::int64_t, std::int64_t>> open;  // (-weight, arc): best first
  auto kill = [&](Index c) {
    if (pack_end_[at(c)] > pack_begin_[at(c)]) dead_rows_.push_back(c);
    for (std::int64_t i = pack_begin_[at(c)]; i < pack_end_[at(c)]; ++i) {
      usable_[at(arc_begin_[c] + packed_[at(i)].offset)] = 0;
      packed_[at(i)].cost = kDeadCost;
    }
  };
  auto flip = [&](Index c) {
    if (!input.active[at(c)]) {
      kill(c);
      return;
    }
    const std::int64_t b = arc_begin_[c];
    if (pack_end_[at(c)] > pack_begin_[at(c)]) {
      for (std::int64_t i = pack_begin_[at(c)]; i < pack_end_[at(c)]; ++i) {
        PackedArc& a = packed_[at(i)];
        const std::int64_t e = b + a.offset;
        if (input.closed[at(e)]) continue;
        usable_[at(e)] = 1;
        a.cost = big_m_ - input.weight[at(e)];
      }
      return;
    }
    rows.push_back(c);
    select_best(input, c, open);
  };
  differ(input.active, active_, [&](std::size_t c) { flip(static_cast<Index>(c)); });
  differ(input.closed, select_closed_, [&](std::size_t e) {
    select_closed_[e] = input.closed[e];
    if (!input.closed[e] || !usable_[e]) return;
    const Index c = citizen_of(static_cast<ArcIndex>(e));
    usable_[e] = 0;
    if (const std::int64_t i = slot_of(c, static_cast<ArcIndex>(e)); i >= 0) {
      packed_[at(i)].cost = kDeadCost;
      dead_rows_.push_back(c);
    }
  });
  if (!same_weights_) {
    if (hinted && 8 * input.changed_weights->size() <= packed_.size()) {
      for (const ArcIndex e : *input.changed_weights) {
        if (!usable_[at(e)]) continue;
        const std::int64_t i = slot_of(citizen_of(e), e);
        if (i >= 0 && packed_[at(i)].cost != kDeadCost) packed_[at(i)].cost = big_m_ - input.weight[at(e)];
      }
    } else {
      refresh_costs();
    }
  }
  if (rows.empty()) return;
  std::sort(rows.begin(), rows.end());
  if (4 * rows.size() <= static_cast<std::size_t>(n_))
    repack(rows);
  else
    pack_arcs();
}

// Citizen c's core made afresh: its best `arcs_per_citizen` open arcs by weight (all when
// 0 or fewer than that), and the arc it holds. `open`: scratch.
void FlowCore::select_best(const FlowInput& input, Index c,
                           std::vector<std::pair<std::int64_t, std::int64_t>>& open) {
  const std::int32_t k = input.arcs_per_citizen;
  open.clear();
  for (std::int64_t e = arc_begin_[c]; e < arc_begin_[c + 1]; ++e) {
    usable_[at(e)] = 0;
    if (!input.closed[at(e)]) open.emplace_back(-input.weight[at(e)], e);
  }
  if (k <= 0 || open.size() <= static_cast<std::size_t>(k)) {
    for (const auto& [w, e] : open) usable_[at(e)] = 1;
    return;
  }
  std::nth_element(open.begin(), open.begin() + (k - 1), open.end());
  for (std::int32_t i = 0; i < k; ++i) usable_[at(open[at(i)].second)] = 1;
  const std::int64_t own = assign_[at(c)];
  if (own >= 0 && !input.closed[at(own)]) usable_[at(own)] = 1;
}

// Every citizen's core made afresh (a solve from scratch, a seed): each active citizen's
// best arcs (select_best), each opening's (select_by_opening), packed anew.
void FlowCore::select_all(const FlowInput& input) {
  std::vector<std::pair<std::int64_t, std::int64_t>> open;  // (-weight, arc): best first
  for (Index c = 0; c < n_; ++c) {
    if (input.active[at(c)])
      select_best(input, c, open);
    else
      std::fill(usable_.begin() + arc_begin_[c], usable_.begin() + arc_begin_[c + 1], std::uint8_t{0});
  }
  if (input.arcs_per_citizen > 0 && input.arcs_per_seat > 0) select_by_opening(input);
  pack_arcs();
}

// The packed core's costs from the current weights, in place (the core and its order,
// and so the opening-side index, are unchanged; arcs marked dead stay dead). O(core).
void FlowCore::refresh_costs() {
  const FlowInput& in = *in_;
  for (Index c = 0; c < n_; ++c) {
    const std::int64_t b = arc_begin_[c];
    for (std::int64_t i = pack_begin_[at(c)]; i < pack_end_[at(c)]; ++i) {
      PackedArc& a = packed_[at(i)];
      if (a.cost != kDeadCost) a.cost = big_m_ - in.weight[at(b + a.offset)];
    }
  }
}

// Each opening's best arcs, `arcs_per_seat` per seat (at least one seat's worth): so every
// seat is contested inside the core and has a price near its final one before pricing
// starts; without them, pricing finds that most unplaced citizens have an uncontested
// opening outside their own best arcs. One pass over the arcs, a bounded min-heap per
// opening in one flat array: O(arcs log(arcs_per_seat * seats)).
void FlowCore::select_by_opening(const FlowInput& input) {
  using Item = std::pair<std::int64_t, std::int64_t>;  // (weight, -arc): higher is better
  std::vector<std::int64_t> begin(at(m_) + 1, 0);
  for (Index o = 0; o < m_; ++o)
    begin[at(o) + 1] = begin[at(o)] + std::int64_t{input.arcs_per_seat} * std::max(1, input.seats[at(o)]);
  std::vector<Item> heap(at(begin[at(m_)]));
  std::vector<std::int64_t> size(at(m_), 0);
  const std::greater<Item> worse_first;
  for (Index c = 0; c < n_; ++c) {
    if (!input.active[at(c)]) continue;
    for (std::int64_t e = arc_begin_[c]; e < arc_begin_[c + 1]; ++e) {
      if (input.closed[at(e)]) continue;
      const Index o = arc_opening_[e];
      Item* h = heap.data() + begin[at(o)];
      const std::int64_t cap = begin[at(o) + 1] - begin[at(o)];
      std::int64_t& n = size[at(o)];
      const Item item{input.weight[at(e)], -e};
      if (n < cap) {
        h[n++] = item;
        std::push_heap(h, h + n, worse_first);
      } else if (worse_first(item, h[0])) {
        std::pop_heap(h, h + n, worse_first);
        h[n - 1] = item;
        std::push_heap(h, h + n, worse_first);
      }
    }
  }
  for (Index o = 0; o < m_; ++o)
    for (std::int64_t i = 0; i < size[at(o)]; ++i) usable_[at(-heap[at(begin[at(o)] + i)].second)] = 1;
}

void FlowCore::pack_arcs() {
  const FlowInput& in = *in_;
  dead_rows_.clear();
  std::int64_t count = 0;
  for (Index c = 0; c < n_; ++c) {
    pack_begin_[at(c)] = count;
    for (std::int64_t e = arc_begin_[c]; e < arc_begin_[c + 1]; ++e) count += usable_[at(e)];
    pack_end_[at(c)] = count;
  }
  pack_begin_[at(n_)] = count;
  packed_.resize(at(count));
  garbage_ = 0;
  // The same arcs by opening, for the backward searches of the warm repair.
  into_.resize(at(m_));
  for (auto& list : into_) list.clear();
  for (Index c = 0; c < n_; ++c) {
    std::int64_t i = pack_begin_[at(c)];
    for (std::int64_t e = arc_begin_[c]; e < arc_begin_[c + 1]; ++e)
      if (usable_[at(e)]) {
        const auto offset = static_cast<std::int32_t>(e - arc_begin_[c]);
        packed_[at(i++)] = {big_m_ - in.weight[at(e)], arc_opening_[e], offset};
        into_[at(arc_opening_[e])].push_back({c, offset});
      }
  }
}

void FlowCore::price_citizen(Index c, bool all, std::int64_t& added) {
  const FlowInput& in = *in_;
  const std::int64_t M = big_m_;
  const std::int64_t ps = pot_[at(sink_node())];
  const std::int64_t own = assign_[at(c)];
  if (!in.active[at(c)]) {
    if (own >= 0) {
      core_certified_ = false;
      priced_.rows.push_back(c);
    }
    return;
  }
  const std::int64_t pc = pot_[at(c)];
  // The citizen's own conditions (see certified()).
  bool listed = false;
  if (own >= 0 ? (in.closed[at(own)] || M - in.weight[at(own)] + pc - pot_[at(opening_node(arc_opening_[own]))] > 0 ||
                  M + pc - ps < 0)
               : M + pc - ps > 0) {
    core_certified_ = false;
    listed = true;
  }
  const std::int64_t before = added;
  for (std::int64_t e = arc_begin_[c]; e < arc_begin_[c + 1]; ++e) {
    if (e == own || in.closed[at(e)]) continue;
    const bool negative = M - in.weight[at(e)] + pc - pot_[at(opening_node(arc_opening_[e]))] < 0;
    listed |= negative;
    if (usable_[at(e)]) {
      if (negative) core_certified_ = false;
    } else if (all || negative) {
      usable_[at(e)] = 1;
      ++added;
    }
  }
  if (listed) priced_.rows.push_back(c);
  if (added > before) grown_.push_back(c);
}

std::int64_t FlowCore::price_arcs(bool all) {
  const FlowInput& in = *in_;
  const std::int64_t M = big_m_;
  const std::int64_t ps = pot_[at(sink_node())];
  std::int64_t added = 0;
  core_certified_ = true;
  grown_.clear();
  Priced& last = priced_;
  bool full = all || !last.valid || last.big_m != M || last.pot[at(sink_node())] != ps ||
              last.closed.size() != in.closed.size();
  std::vector<Index> opened;  // openings whose potential moved
  if (!full) {
    if (!by_opening_) {
      auto b = std::make_shared<ByOpening>();
      const std::size_t arcs = at(arc_begin_[n_]);
      b->begin.assign(at(m_) + 1, 0);
      for (std::size_t e = 0; e < arcs; ++e) ++b->begin[at(arc_opening_[e]) + 1];
      for (Index o = 0; o < m_; ++o) b->begin[at(o) + 1] += b->begin[at(o)];
      b->citizen.resize(arcs);
      b->arc.resize(arcs);
      std::vector<std::int64_t> next(b->begin.begin(), b->begin.end() - 1);
      for (Index c = 0; c < n_; ++c)
        for (std::int64_t e = arc_begin_[c]; e < arc_begin_[c + 1]; ++e) {
          const std::int64_t i = next[at(arc_opening_[e])]++;
          b->citizen[at(i)] = c;
          b->arc[at(i)] = e;
        }
      by_opening_ = std::move(b);
    }
    // Read every arc when the openings that moved hold a third of them.
    std::int64_t reach = 0;
    for (Index o = 0; o < m_; ++o)
      if (pot_[at(opening_node(o))] != last.pot[at(opening_node(o))]) {
        opened.push_back(o);
        reach += by_opening_->begin[at(o) + 1] - by_opening_->begin[at(o)];
      }
    full = 3 * reach > arc_begin_[n_];
  }
  if (full) {
    last.rows.clear();
    for (Index c = 0; c < n_; ++c) price_citizen(c, all, added);
  } else {
    std::vector<std::uint8_t>& mark = price_mark_;
    mark.assign(at(n_), 0);
    std::vector<Index> read;
    auto take = [&](Index c) {
      if (!mark[at(c)]) {
        mark[at(c)] = 1;
        read.push_back(c);
      }
    };
    for (const Index c : last.rows) take(c);
    for (const ArcIndex e : last.weights)
      take(citizen_of(e));
    for (Index c = 0; c < n_; ++c)
      if (pot_[at(c)] != last.pot[at(c)] || assign_[at(c)] != last.assign[at(c)] ||
          in.active[at(c)] != last.active[at(c)])
        take(c);
    // The arcs closed or opened since (last.closed brought up to date on the way).
    differ(in.closed, last.closed, [&](std::size_t e) {
      take(citizen_of(static_cast<ArcIndex>(e)));
      last.closed[e] = in.closed[e];
    });
    last.rows.clear();
    for (const Index c : read) price_citizen(c, false, added);
    // The arcs into openings whose potential moved, of citizens not read above.
    const ByOpening& b = *by_opening_;
    for (const Index o : opened) {
      const std::int64_t po = pot_[at(opening_node(o))];
      for (std::int64_t i = b.begin[at(o)]; i < b.begin[at(o) + 1]; ++i) {
        const Index c = b.citizen[at(i)];
        const ArcIndex e = b.arc[at(i)];
        if (mark[at(c)] || !in.active[at(c)]) continue;
        const std::int64_t pc = pot_[at(c)];
        if (e == assign_[at(c)]) {  // its own arc: the condition on it
          if (in.closed[at(e)] || M - in.weight[at(e)] + pc - po > 0) {
            core_certified_ = false;
            last.rows.push_back(c);
          }
          continue;
        }
        if (in.closed[at(e)] || M - in.weight[at(e)] + pc - po >= 0) continue;
        last.rows.push_back(c);
        if (usable_[at(e)]) {
          core_certified_ = false;
        } else {
          usable_[at(e)] = 1;
          ++added;
          grown_.push_back(c);
        }
      }
    }
  }
  last.valid = true;
  last.big_m = M;
  last.pot = pot_;
  last.assign = assign_;
  if (full) last.closed = in.closed;  // (else brought up to date above)
  last.active = in.active;
  last.weights.clear();
  if (added > 0) {
    std::sort(grown_.begin(), grown_.end());
    grown_.erase(std::unique(grown_.begin(), grown_.end()), grown_.end());
    if (4 * grown_.size() > static_cast<std::size_t>(n_))
      pack_arcs();
    else
      repack(grown_);
  }
  return added;
}

bool FlowCore::changed_rows(const FlowInput& input, bool hinted, std::vector<Index>& rows) {
  const Priced& last = priced_;
  if (!last.valid || !last.rows.empty() || !core_certified_ || last.big_m != big_m_ ||
      last.closed.size() != input.closed.size())
    return false;
  if (!same_weights_ && !hinted) return false;
  if (last.pot != pot_ || last.assign != assign_) return false;
  // At that pass every core arc had a reduced cost >= 0 and every citizen met its own
  // conditions; since, only the input moved.
  std::vector<std::uint8_t>& mark = price_mark_;
  mark.assign(at(n_), 0);
  for (Index c = 0; c < n_; ++c)
    if (input.active[at(c)] != last.active[at(c)]) mark[at(c)] = 1;
  differ(input.closed, last.closed, [&](std::size_t e) { mark[at(citizen_of(static_cast<ArcIndex>(e)))] = 1; });
  for (const ArcIndex e : last.weights) mark[at(citizen_of(e))] = 1;
  if (!same_weights_)
    for (const ArcIndex e : *input.changed_weights) mark[at(citizen_of(e))] = 1;
  rows.clear();
  for (Index c = 0; c < n_; ++c)
    if (mark[at(c)]) rows.push_back(c);
  return true;
}

void FlowCore::repack(const std::vector<Index>& grown) {
  const FlowInput& in = *in_;
  // The citizens packed again from their arcs: grown, or active and holding a dead arc
  // (dead_rows_ lists every citizen that may hold one). An inactive citizen's dead list
  // stays, for select_changed to take again when it is back.
  std::vector<std::uint8_t>& again = repack_mark_;
  if (again.size() != static_cast<std::size_t>(n_)) again.assign(at(n_), 0);
  std::vector<Index> list;
  for (const Index c : grown)
    if (!again[at(c)]) {
      again[at(c)] = 1;
      list.push_back(c);
    }
  std::vector<Index> kept_dead;
  for (const Index c : dead_rows_) {
    if (again[at(c)]) continue;
    if (!in.active[at(c)]) {
      kept_dead.push_back(c);
      continue;
    }
    again[at(c)] = 1;
    list.push_back(c);
  }
  for (const Index c : list) again[at(c)] = 0;
  std::sort(kept_dead.begin(), kept_dead.end());
  kept_dead.erase(std::unique(kept_dead.begin(), kept_dead.end()), kept_dead.end());
  dead_rows_ = std::move(kept_dead);
  // Each one's list written again (in place when it is no longer, else at the end), its
  // entries in the by-opening lists (ordered by citizen, as pack_arcs orders them) taken
  // out and put back. O(their arcs x the lists they touch), the core compacted (in citizen
  // order) when the space left behind passes half of it.
  auto by_citizen = [](const IntoArc& a, Index c) { return a.citizen < c; };
  std::vector<PackedArc> fresh;
  for (const Index c : list) {
    const std::int64_t b = pack_begin_[at(c)], old_end = pack_end_[at(c)];
    for (std::int64_t i = b; i < old_end; ++i) {
      std::vector<IntoArc>& into = into_[at(packed_[at(i)].opening)];
      into.erase(std::lower_bound(into.begin(), into.end(), c, by_citizen));
    }
    fresh.clear();
    for (std::int64_t e = arc_begin_[c]; e < arc_begin_[c + 1]; ++e)
      if (usable_[at(e)]) {
        const auto offset = static_cast<std::int32_t>(e - arc_begin_[c]);
        fresh.push_back({big_m_ - in.weight[at(e)], arc_opening_[e], offset});
        std::vector<IntoArc>& into = into_[at(arc_opening_[e])];
        into.insert(std::lower_bound(into.begin(), into.end(), c, by_citizen), IntoArc{c, offset});
      }
    const auto size = static_cast<std::int64_t>(fresh.size());
    if (size <= old_end - b) {
      std::copy(fresh.begin(), fresh.end(), packed_.begin() + b);
      pack_end_[at(c)] = b + size;
      garbage_ += old_end - b - size;
    } else {
      garbage_ += old_end - b;
      pack_begin_[at(c)] = static_cast<std::int64_t>(packed_.size());
      packed_.insert(packed_.end(), fresh.begin(), fresh.end());
      pack_end_[at(c)] = static_cast<std::int64_t>(packed_.size());
    }
  }
  if (2 * garbage_ > static_cast<std::int64_t>(packed_.size())) {
    std::vector<PackedArc> packed;
    packed.reserve(packed_.size() - at(garbage_));
    for (Index c = 0; c < n_; ++c) {
      const std::int64_t b = static_cast<std::int64_t>(packed.size());
      packed.insert(packed.end(), packed_.begin() + pack_begin_[at(c)], packed_.begin() + pack_end_[at(c)]);
      pack_begin_[at(c)] = b;
      pack_end_[at(c)] = static_cast<std::int64_t>(packed.size());
    }
    pack_begin_[at(n_)] = static_cast<std::int64_t>(packed.size());
    packed_ = std::move(packed);
    garbage_ = 0;
  }
}

bool FlowCore::price_and_repair() {
  // A few rounds of pricing; then every open arc joins (the loop always ends).
  constexpr int kRounds = 8;
  std::vector<Index> rows;
  for (int round = 0;; ++round) {
    if (price_arcs(round >= kRounds) == 0) return certified();
    // The pass changed no potential and only added arcs: step 1 of the repair has work
    // only at the citizens it listed (the others' arcs and conditions all held), in the
    // order a pass over every citizen would meet them. (M + p(c) < 0 is a listed
    // condition while p(sink) = 0.)
    const bool listed = pot_[at(sink_node())] == 0;
    if (listed) {
      rows = priced_.rows;
      std::sort(rows.begin(), rows.end());
      rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    }
    if (!repair(listed ? &rows : nullptr)) return false;
  }
}

// The optimality conditions of the min-cost flow, on every open arc: every residual arc
// has a reduced cost >= 0. Citizen arcs: the arc held has rc <= 0, the others rc >= 0; the
// unplaced arc likewise (checked by the last pricing pass, which reads every arc). Opening
// and group arcs: rc >= 0 while below capacity, <= 0 while carrying flow. It is what makes
// duals() a certificate.
bool FlowCore::certified() const {
  const FlowInput& in = *in_;
  const std::int64_t ps = pot_[at(sink_node())];
  if (!core_certified_) return false;
  std::vector<std::int32_t> group_flow(at(g_), 0);
  for (Index o = 0; o < m_; ++o) {
    const auto count = static_cast<std::int32_t>(members_[at(o)].size());
    const std::int64_t rc = pot_[at(opening_node(o))] - pot_[at(next_node(o))];
    if (count > in.seats[at(o)] || (count < in.seats[at(o)] && rc < 0) || (count > 0 && rc > 0)) return false;
    if (opening_group_[at(o)] >= 0) group_flow[at(opening_group_[at(o)])] += count;
  }
  for (Index g = 0; g < g_; ++g) {
    const std::int32_t count = group_flow[at(g)];
    const std::int64_t rc = pot_[at(group_node(g))] - ps;
    if (count != group_count_[at(g)] || count > in.limit[at(g)] || (count < in.limit[at(g)] && rc < 0) ||
        (count > 0 && rc > 0))
      return false;
  }
  return true;
}

bool FlowCore::cold_solve() {
  const FlowInput& input = *in_;
  priced_.valid = false;
  std::fill(assign_.begin(), assign_.end(), kNone);
  std::fill(member_pos_.begin(), member_pos_.end(), -1);
  for (auto& list : members_) list.clear();
  std::fill(group_count_.begin(), group_count_.end(), 0);
  std::fill(pot_.begin(), pot_.end(), 0);
  std::fill(seen_.begin(), seen_.end(), 0);
  stamp_ = 0;
  select_arcs(input, false);
  for (Index c = 0; c < n_; ++c)
    if (input.active[at(c)] && !augment_row(c)) return false;
  active_ = input.active;
  if (last_weight_ != input.weight) last_weight_ = input.weight;
  return price_and_repair();
}

bool FlowCore::solve(const FlowInput& input) {
  solved_ = false;
  same_weights_ = false;
  if (!prepare(input)) return false;
  in_ = &input;
  if (!cold_solve()) throw std::logic_error("FlowCore: the potentials broke in a solve from scratch");
  in_ = nullptr;
  solved_ = true;
  return true;
}

std::int64_t FlowCore::next_node(Index o) const {
  const Index g = opening_group_[at(o)];
  return g < 0 ? sink_node() : group_node(g);
}

bool FlowCore::resolve(const FlowInput& input) {
  const std::int64_t old_m = big_m_;
  if (!solved_) return solve(input);
  // One comparison for the whole re-solve, or only the arcs the caller says changed.
  const bool hinted = input.changed_weights && last_weight_.size() == input.weight.size();
  same_weights_ = hinted ? input.changed_weights->empty() : last_weight_ == input.weight;
  if (!prepare(input, hinted)) {
    solved_ = false;
    return false;
  }
  if (big_m_ != old_m) return solve(input);
  in_ = &input;
  select_arcs(input, true, hinted);
  // The searches read the cost of each placed citizen's own arc from own_cost_; the
  // weights may have changed (repair() moves the potentials with them).
  std::vector<Index> rows;
  const bool narrow = changed_rows(input, hinted, rows);
  bool ok = repair(narrow ? &rows : nullptr);
  active_ = input.active;
  if (!same_weights_) {
    if (hinted) {
      for (const ArcIndex e : *input.changed_weights) last_weight_[at(e)] = input.weight[at(e)];
      priced_.weights.insert(priced_.weights.end(), input.changed_weights->begin(), input.changed_weights->end());
    } else {
      last_weight_ = input.weight;
      priced_.valid = false;
    }
  }
  same_weights_ = false;
  if (ok) ok = price_and_repair();
  if (!ok) {  // broken potentials: start afresh
    ++cold_restarts_;
    solved_ = false;
    in_ = &input;
    if (!cold_solve()) throw std::logic_error("FlowCore: the potentials broke in a solve from scratch");
  }
  in_ = nullptr;
  solved_ = true;
  return true;
}

bool FlowCore::seed(const FlowInput& input, const std::vector<ArcIndex>& arcs,
                    const std::vector<std::int64_t>& opening_dual, const std::vector<std::int64_t>& group_dual) {
  solved_ = false;
  same_weights_ = false;
  priced_.valid = false;
  if (!prepare(input)) return false;
  in_ = &input;
  std::fill(assign_.begin(), assign_.end(), kNone);
  std::fill(member_pos_.begin(), member_pos_.end(), -1);
  for (auto& list : members_) list.clear();
  std::fill(group_count_.begin(), group_count_.end(), 0);
  const std::int64_t M = big_m_;
  pot_[at(sink_node())] = 0;
  // Prices outside [0, M] are no dual of this problem's weights: clamped (exactness of
  // the potentials' range).
  auto price = [M](std::int64_t x) { return std::clamp<std::int64_t>(x, 0, M); };
  for (Index g = 0; g < g_; ++g) pot_[at(group_node(g))] = -price(group_dual[at(g)]);
  for (Index o = 0; o < m_; ++o) pot_[at(opening_node(o))] = pot_[at(next_node(o))] - price(opening_dual[at(o)]);
  for (Index c = 0; c < n_; ++c) {
    pot_[at(c)] = -M;
    const ArcIndex e = arcs[at(c)];
    if (!input.active[at(c)] || e < arc_begin_[c] || e >= arc_begin_[c + 1] || input.closed[at(e)]) continue;
    const Index o = arc_opening_[e];
    const Index g = opening_group_[at(o)];
    if (static_cast<std::int32_t>(members_[at(o)].size()) >= input.seats[at(o)]) continue;
    if (g >= 0 && group_count_[at(g)] >= input.limit[at(g)]) continue;
    move_citizen(c, e);
    pot_[at(c)] = pot_[at(opening_node(o))] - (M - input.weight[at(e)]);  // the arc held is tight
  }
  active_ = input.active;
  last_weight_ = input.weight;
  select_arcs(input, false);  // the core around the seeded flow (a held arc is in it)
  in_ = nullptr;
  solved_ = true;
  return true;
}

// What repair() has found so far: per citizen a mark — kRoot (its flow was cancelled:
// augmented again at the end) or kSuspect (unplaced with an arc that may have turned
// negative: re-checked at the end); either keeps it out of fill_seat's backward
// searches — and the openings (0..m-1) and groups (m..m+g-1) still to check.
struct FlowCore::RepairWork {
  static constexpr std::uint8_t kRoot = 1, kSuspect = 2;
  std::vector<std::uint8_t> mark;
  std::vector<std::uint8_t> queued;
  std::vector<std::int32_t> work;
};

void FlowCore::enqueue_opening(RepairWork& w, Index o) const {
  if (!w.queued[at(o)]) {
    w.queued[at(o)] = 1;
    w.work.push_back(o);
  }
  const Index g = opening_group_[at(o)];
  if (g >= 0 && !w.queued[at(m_ + g)]) {
    w.queued[at(m_ + g)] = 1;
    w.work.push_back(m_ + g);
  }
}

// The citizen's flow is cancelled: it becomes a root. Unplaced citizens are unreachable
// in the searches (only the sink leads to them), so an arc of theirs that turned negative
// may wait: they are re-checked at the end, after earlier augmentations may have lowered
// the opening's potential again.
void FlowCore::cancel(RepairWork& w, Index c) {
  const ArcIndex e = assign_[at(c)];
  if (e != kNone) {
    move_citizen(c, kNone);
    enqueue_opening(w, arc_opening_[e]);
    w.mark[at(c)] = RepairWork::kRoot;
  } else if (w.mark[at(c)] != RepairWork::kRoot) {  // a root stays one
    w.mark[at(c)] = RepairWork::kSuspect;
  }
}

// Step 1: citizens whose own arc changed, or who have an arc of negative reduced cost.
void FlowCore::repair_rows(RepairWork& w, const std::vector<Index>* rows) {
  if (rows) {
    for (const Index c : *rows) repair_row(w, c);
    return;
  }
  for (Index c = 0; c < n_; ++c) repair_row(w, c);
}

void FlowCore::repair_row(RepairWork& w, Index c) {
  const FlowInput& in = *in_;
  const std::int64_t M = big_m_;
  const ArcIndex own = assign_[at(c)];
  if (!in.active[at(c)]) {
    if (own != kNone) {
      const Index o = arc_opening_[own];
      move_citizen(c, kNone);
      enqueue_opening(w, o);
    }
    return;
  }
  if (!active_[at(c)]) {
    w.mark[at(c)] = RepairWork::kRoot;
    return;
  }
  if (own != kNone && in.closed[at(own)]) {
    cancel(w, c);
    return;
  }
  if (own != kNone) {
    // A changed weight on the citizen's own arc moves the citizen's potential with it
    // (the arc stays tight); if that turns another of its arcs negative, it is re-rooted
    // below. (In pricing rounds last_weight_ is the input's: no change.)
    pot_[at(c)] += in.weight[at(own)] - last_weight_[at(own)];
    own_cost_[at(c)] = M - in.weight[at(own)];
    if (M + pot_[at(c)] < 0) {  // it would rather be unplaced
      cancel(w, c);
      return;
    }
  }
  for (std::int64_t i = pack_begin_[at(c)]; i < pack_end_[at(c)]; ++i) {
    const PackedArc& a = packed_[at(i)];
    if (arc_begin_[c] + a.offset == own) continue;
    if (a.cost + pot_[at(c)] - pot_[at(opening_node(a.opening))] < 0) {
      cancel(w, c);
      break;
    }
  }
}

// Step 2: seats and limits that shrank below the flow.
void FlowCore::repair_shrunk_capacity(RepairWork& w) {
  const FlowInput& in = *in_;
  for (Index o = 0; o < m_; ++o)
    while (static_cast<std::int32_t>(members_[at(o)].size()) > in.seats[at(o)]) cancel(w, members_[at(o)].back());
  for (Index g = 0; g < g_; ++g)
    for (std::int64_t i = group_begin_[at(g)]; i < group_begin_[at(g) + 1] && group_count_[at(g)] > in.limit[at(g)]; ++i) {
      const Index o = group_openings_[at(i)];
      while (!members_[at(o)].empty() && group_count_[at(g)] > in.limit[at(g)]) cancel(w, members_[at(o)].back());
    }
}

// A group with free units must not have a negative arc to the sink: raise it, and check
// its free openings again (their arcs into it may turn negative).
void FlowCore::raise_group(RepairWork& w, Index g) {
  const FlowInput& in = *in_;
  if (group_count_[at(g)] >= in.limit[at(g)] || pot_[at(group_node(g))] >= pot_[at(sink_node())]) return;
  pot_[at(group_node(g))] = pot_[at(sink_node())];
  for (std::int64_t i = group_begin_[at(g)]; i < group_begin_[at(g) + 1]; ++i) {
    const Index o = group_openings_[at(i)];
    if (!w.queued[at(o)]) {
      w.queued[at(o)] = 1;
      w.work.push_back(o);
    }
  }
}

// Free seats at opening o below its next node (group or sink): fill them by backward
// searches while the group has room; what deficit remains raises o, and its members with
// it (their arcs into o stay tight: the duals remain a certificate; their other arcs only
// gain), re-rooting the citizens whose arcs into o turn negative.
void FlowCore::repair_opening(RepairWork& w, Index o) {
  const FlowInput& in = *in_;
  auto has_seat = [&] { return static_cast<std::int32_t>(members_[at(o)].size()) < in.seats[at(o)]; };
  if (!has_seat()) return;
  const Index og = opening_group_[at(o)];
  // The group's own deficit first: a seat filled below a group whose arc to the sink is
  // still negative would leave the opening's arc into the group positive.
  if (og >= 0) raise_group(w, og);
  const std::int64_t nx = next_node(o);
  auto below_next = [&] { return pot_[at(opening_node(o))] < pot_[at(nx)]; };
  auto group_room = [&] { return og < 0 || group_count_[at(og)] < in.limit[at(og)]; };
  if (!below_next()) return;
  if (group_room()) {  // fill the seat: one search each
    for (int filled = 1; filled == 1 && has_seat() && group_room() && below_next();) {
      filled = fill_seat(o, w.mark);
      // A raised group may leave its free openings below it: check them again.
      for (std::int32_t v : settled_)
        if (is_group_node(v))
          for (std::int64_t i = group_begin_[at(group_of_node(v))]; i < group_begin_[at(group_of_node(v)) + 1]; ++i)
            enqueue_opening(w, group_openings_[at(i)]);
    }
    if (!has_seat() || !below_next()) return;  // no deficit left
  }
  const std::int64_t delta = pot_[at(nx)] - pot_[at(opening_node(o))];
  pot_[at(opening_node(o))] = pot_[at(nx)];
  for (Index c : members_[at(o)]) pot_[at(c)] += delta;
  for (const IntoArc& a : into_[at(o)]) {
    const Index c = a.citizen;
    const ArcIndex e = arc_begin_[c] + a.offset;
    if (!in.active[at(c)] || w.mark[at(c)] || assign_[at(c)] == e || !usable_[at(e)]) continue;
    if (big_m_ - in.weight[at(e)] + pot_[at(c)] - pot_[at(opening_node(o))] < 0) cancel(w, c);
  }
}

// Step 4: augment the roots, and the suspects that still have a negative arc.
bool FlowCore::augment_roots(const RepairWork& w) {
  for (Index c = 0; c < n_; ++c) {
    if (w.mark[at(c)] == RepairWork::kRoot) {
      if (!augment_row(c)) return false;
    } else if (w.mark[at(c)] == RepairWork::kSuspect) {
      for (std::int64_t i = pack_begin_[at(c)]; i < pack_end_[at(c)]; ++i) {
        const PackedArc& a = packed_[at(i)];
        if (a.cost + pot_[at(c)] - pot_[at(opening_node(a.opening))] < 0) {
          if (!augment_row(c)) return false;
          break;
        }
      }
    }
  }
  return true;
}

bool FlowCore::repair(const std::vector<Index>* rows) {
  RepairWork w;
  w.mark.assign(at(n_), 0);
  w.queued.assign(at(m_ + g_), 0);
  repair_rows(w, rows);
  repair_shrunk_capacity(w);
  // Step 3: free capacity must not have a negative reduced cost towards the sink.
  for (Index o = 0; o < m_; ++o) enqueue_opening(w, o);
  while (!w.work.empty()) {
    const std::int32_t x = w.work.back();
    w.work.pop_back();
    w.queued[at(x)] = 0;
    if (x < m_)
      repair_opening(w, x);
    else
      raise_group(w, x - m_);
  }
  return augment_roots(w);
}

// The backward search of fill_seat: from the freed opening towards the sink along
// residual arcs reversed. parent_ holds a node's successor (towards the target),
// parent_arc_ the arc of a citizen to its successor opening.
struct FlowCore::SeatSearch {
  SeatSearch(FlowCore& core, const std::vector<std::uint8_t>& skip)
      : core(core), in(*core.in_), skip(skip), sink(core.sink_node()), M(core.big_m_) {}

  // Dijkstra from the queued target until the sink is settled; false: not reached.
  bool run() {
    while (!core.heap_.empty()) {
      const std::int32_t v = core.heap_.pop();
      core.settled_.push_back(v);
      ++core.settled_nodes_;
      if (v == sink) return true;
      if (v < core.n_)
        scan_citizen(v);
      else if (core.is_opening_node(v))
        scan_opening(v);
      else
        scan_group(v);
    }
    return false;
  }

  void relax(std::int32_t u, std::int64_t nd, std::int32_t succ, std::int64_t arc) {
    if (core.seen_[at(u)] != core.stamp_ || (nd < core.dist_[at(u)] && core.heap_.contains(u))) {
      core.seen_[at(u)] = core.stamp_;
      core.dist_[at(u)] = nd;
      core.parent_[at(u)] = succ;
      core.parent_arc_[at(u)] = arc;
      core.heap_.push_or_decrease(u, nd);
    }
  }

  // A citizen in flow: reached from its opening, or from the sink when unplaced.
  void scan_citizen(std::int32_t v) {
    const std::int64_t dv = core.dist_[at(v)], pv = core.pot_[at(v)];
    const std::int64_t a = core.assign_[at(v)];
    if (a >= 0) {
      const std::int32_t x = core.opening_node(core.arc_opening_[a]);
      relax(x, dv + (in.weight[at(a)] - M) + core.pot_[at(x)] - pv, v, kNone);
    } else {
      relax(sink, dv - M + core.pot_[at(sink)] - pv, v, kNone);
    }
  }

  // An opening: the citizens with a core arc into it (not left out), its group or the
  // sink when it has members.
  void scan_opening(std::int32_t v) {
    const std::int64_t dv = core.dist_[at(v)], pv = core.pot_[at(v)];
    const Index x = v - core.n_;
    for (const IntoArc& a : core.into_[at(x)]) {
      const Index c = a.citizen;
      const std::int64_t e = core.arc_begin_[c] + a.offset;
      if (!in.active[at(c)] || skip[at(c)] || core.assign_[at(c)] == e || !core.usable_[at(e)]) continue;
      relax(c, dv + (M - in.weight[at(e)]) + core.pot_[at(c)] - pv, v, e);
    }
    if (!core.members_[at(x)].empty()) {
      const Index g = core.opening_group_[at(x)];
      const std::int32_t u = g < 0 ? sink : core.group_node(g);
      relax(u, dv + core.pot_[at(u)] - pv, v, kNone);
    }
  }

  // A cap group: its openings with a free seat, the sink when it has flow.
  void scan_group(std::int32_t v) {
    const std::int64_t dv = core.dist_[at(v)], pv = core.pot_[at(v)];
    const Index g = core.group_of_node(v);
    for (std::int64_t i = core.group_begin_[at(g)]; i < core.group_begin_[at(g) + 1]; ++i) {
      const Index x = core.group_openings_[at(i)];
      const std::int32_t xn = core.opening_node(x);
      // A free opening whose arc into the group is still negative is a pending deficit
      // (the caller raises it later): it is not a usable arc yet.
      if (static_cast<std::int32_t>(core.members_[at(x)].size()) < in.seats[at(x)] && core.pot_[at(xn)] >= pv)
        relax(xn, dv + core.pot_[at(xn)] - pv, v, kNone);
    }
    if (core.group_count_[at(g)] > 0) relax(sink, dv + core.pot_[at(sink)] - pv, v, kNone);
  }

  FlowCore& core;
  const FlowInput& in;
  const std::vector<std::uint8_t>& skip;
  const std::int32_t sink;
  const std::int64_t M;
};

// A freed seat at uncapped opening o: a backward search from o to the sink, the settled
// potentials moved (p += D - d), the cycle through o augmented when it gains, and the
// members of every settled opening kept tight.
int FlowCore::fill_seat(Index target_opening, const std::vector<std::uint8_t>& skip) {
  const std::int32_t sink = sink_node();
  begin_search();
  const std::int32_t target = opening_node(target_opening);
  seen_[at(target)] = stamp_;
  dist_[at(target)] = 0;
  parent_[at(target)] = -1;
  heap_.push_or_decrease(target, 0);
  if (!SeatSearch(*this, skip).run()) return -1;
  const std::int64_t D = dist_[at(sink)];
  // The cycle closes with o -> [its group ->] sink, of reduced cost p(o) - p(sink).
  const bool gain = D + pot_[at(target)] - pot_[at(sink)] < 0;
  for (std::int32_t v : settled_) pot_[at(v)] += D - dist_[at(v)];
  if (gain)
    for (std::int32_t u = sink; u != target;) {
      const std::int32_t v = parent_[at(u)];
      if (u < n_) move_citizen(u, parent_arc_[at(u)]);
      u = v;
    }
  tighten_settled_members();
  return gain ? 1 : 0;
}

// Keeps every placed citizen's own arc tight with its (possibly raised) opening, for the
// openings just settled: this only raises the citizen's potential, so its other arcs only
// gain.
void FlowCore::tighten_settled_members() {
  for (std::int32_t v : settled_) {
    if (!is_opening_node(v)) continue;
    for (Index c : members_[at(v - n_)]) {
      const std::int64_t tight = in_->weight[at(assign_[at(c)])] - big_m_ + pot_[at(v)];
      if (pot_[at(c)] < tight) pot_[at(c)] = tight;
    }
  }
}

void FlowCore::move_citizen(Index c, ArcIndex new_arc) {
  const std::int64_t old = assign_[at(c)];
  if (old >= 0) {
    const Index o = arc_opening_[old];
    auto& list = members_[at(o)];
    const std::int32_t p = member_pos_[at(c)];
    list[at(p)] = list.back();
    member_pos_[at(list[at(p)])] = p;
    list.pop_back();
    if (opening_group_[at(o)] >= 0) --group_count_[at(opening_group_[at(o)])];
  }
  assign_[at(c)] = new_arc;
  member_pos_[at(c)] = -1;
  if (new_arc != kNone) {
    own_cost_[at(c)] = big_m_ - in_->weight[at(new_arc)];
    const Index o = arc_opening_[new_arc];
    member_pos_[at(c)] = static_cast<std::int32_t>(members_[at(o)].size());
    members_[at(o)].push_back(c);
    if (opening_group_[at(o)] >= 0) ++group_count_[at(opening_group_[at(o)])];
  }
}

// A new search: the run counted, the stamps moved on (so every node reads as unseen),
// the heap and the settled list emptied.
void FlowCore::begin_search() {
  ++dijkstra_runs_;
  if (++stamp_ == 0) {  // wrapped: reset the stamps
    std::fill(seen_.begin(), seen_.end(), 0);
    stamp_ = 1;
  }
  heap_.clear();
  settled_.clear();
}

// The root carries no flow: its potential is free; take the least one that makes all
// its outgoing reduced costs >= 0 (it may be stale after a warm re-solve). Then the root
// is queued at distance 0.
void FlowCore::queue_root(Index root) {
  std::int64_t proot = -big_m_;
  for (std::int64_t i = pack_begin_[at(root)]; i < pack_end_[at(root)]; ++i)
    proot = std::max(proot, pot_[at(opening_node(packed_[at(i)].opening))] - packed_[at(i)].cost);
  pot_[at(root)] = proot;
  seen_[at(root)] = stamp_;
  dist_[at(root)] = 0;
  parent_[at(root)] = -1;
  heap_.push_or_decrease(root, 0);
}

// The search of one row (augment_row). The hot loop reads the core through local
// pointers (no reloads through `this`); a node is queued only when it could still settle
// before the sink. A settled node reached again more cheaply means the reduced costs
// were not >= 0: the potentials are broken.
struct FlowCore::RowSearch {
  explicit RowSearch(FlowCore& core)
      : core(core), sink(core.sink_node()), n(core.n_), M(core.big_m_), stamp(core.stamp_),
        pot(core.pot_.data()), dist(core.dist_.data()), seen(core.seen_.data()), parent(core.parent_.data()),
        parent_arc(core.parent_arc_.data()), assign(core.assign_.data()), own_cost(core.own_cost_.data()),
        arc_begin(core.arc_begin_), packed(core.packed_.data()), pack_begin(core.pack_begin_.data()), pack_end(core.pack_end_.data()),
        seats(core.in_->seats.data()) {}

  // Dijkstra from the queued root until the sink is settled. false: the sink was not
  // reached or the potentials were found broken.
  bool run(Index root) {
    while (!core.heap_.empty()) {
      const std::int32_t u = core.heap_.pop();
      core.settled_.push_back(u);
      ++core.settled_nodes_;
      if (u == sink) return !broken;
      if (u < n)
        scan_citizen(u, root);
      else if (core.is_opening_node(u))
        scan_opening(u);
      else
        scan_group(u);
    }
    return false;
  }

  void relax(std::int32_t v, std::int64_t nd, std::int32_t par, std::int64_t par_arc) {
    if (nd >= sink_dist) return;  // could only settle after the sink: no use
    if (v == sink) sink_dist = nd;
    if (seen[v] != stamp) {
      seen[v] = stamp;
    } else if (nd >= dist[v]) {
      return;
    } else if (!core.heap_.contains(v)) {  // reduced costs are >= 0: settled nodes never improve
      broken = true;
      return;
    }
    dist[v] = nd;
    parent[v] = par;
    parent_arc[v] = par_arc;
    core.heap_.push_or_decrease(v, nd);
  }

  // A citizen: its unplaced arc first (it bounds the search), then its arcs in the core
  // except the one it holds.
  void scan_citizen(std::int32_t u, Index root) {
    const std::int64_t du = dist[u], pu = pot[u];
    const std::int64_t own = assign[u];
    if (own != kNone || u == root) relax(sink, du + M + pu - pot[sink], u, kNone);
    const std::int32_t own_offset = own != kNone ? static_cast<std::int32_t>(own - arc_begin[u]) : kNone;
    const std::int64_t base = du + pu;
    for (std::int64_t i = pack_begin[u], end = pack_end[u]; i < end; ++i) {
      const PackedArc& a = packed[i];
      if (a.offset == own_offset) continue;
      const std::int32_t v = core.opening_node(a.opening);
      const std::int64_t nd = base + a.cost - pot[v];
      if (nd >= sink_dist) continue;
      relax(v, nd, u, arc_begin[u] + a.offset);
    }
  }

  // An opening: on to its group (or the sink) when a seat is free; back to its members.
  void scan_opening(std::int32_t u) {
    const std::int64_t du = dist[u], pu = pot[u];
    const Index o = u - n;
    const auto& list = core.members_[at(o)];
    if (static_cast<std::int32_t>(list.size()) < seats[o]) {
      const Index g = core.opening_group_[at(o)];
      const std::int32_t v = g < 0 ? sink : core.group_node(g);
      relax(v, du + pu - pot[v], u, kNone);
    }
    for (Index c : list) relax(c, du - own_cost[c] + pu - pot[c], u, kNone);
  }

  // A cap group: on to the sink when below its limit; back to its openings with members.
  void scan_group(std::int32_t u) {
    const std::int64_t du = dist[u], pu = pot[u];
    const Index g = core.group_of_node(u);
    if (core.group_count_[at(g)] < core.in_->limit[at(g)]) relax(sink, du + pu - pot[sink], u, kNone);
    for (std::int64_t i = core.group_begin_[at(g)]; i < core.group_begin_[at(g) + 1]; ++i) {
      const Index o = core.group_openings_[at(i)];
      if (!core.members_[at(o)].empty()) relax(core.opening_node(o), du + pu - pot[core.opening_node(o)], u, kNone);
    }
  }

  FlowCore& core;
  const std::int32_t sink;
  const Index n;
  const std::int64_t M;
  const std::uint32_t stamp;
  std::int64_t* const pot;
  std::int64_t* const dist;
  std::uint32_t* const seen;
  std::int32_t* const parent;
  std::int64_t* const parent_arc;
  const std::int64_t* const assign;
  const std::int64_t* const own_cost;
  const std::int64_t* const arc_begin;
  const PackedArc* const packed;
  const std::int64_t* const pack_begin;
  const std::int64_t* const pack_end;
  const std::int32_t* const seats;
  std::int64_t sink_dist = std::numeric_limits<std::int64_t>::max();  // tentative
  bool broken = false;
};

// One row: a Dijkstra from citizen `root` on reduced costs until the sink is settled,
// then the settled nodes' potentials moved (p += d - D, so p(sink) stays 0) and the
// shortest path augmented. false: the potentials were found broken.
bool FlowCore::augment_row(Index root) {
  begin_search();
  queue_root(root);
  RowSearch search(*this);
  if (!search.run(root)) return false;
  const std::int64_t D = dist_[at(sink_node())];
  for (std::int32_t v : settled_) pot_[at(v)] += dist_[at(v)] - D;
  return augment_path(root);
}

// Augments along the search tree's path from the sink back to `root`: each citizen on it
// takes its next hop (the sink: unplaced). false: the parents do not form a path.
bool FlowCore::augment_path(Index root) {
  std::int32_t v = sink_node();
  for (std::size_t steps = 0; v != root; ++steps) {
    if (steps > settled_.size()) return false;  // not a tree path: broken
    const std::int32_t u = parent_[at(v)];
    if (u < n_) move_citizen(u, v == sink_node() ? kNone : parent_arc_[at(v)]);
    v = u;
  }
  return true;
}

void FlowCore::duals(std::vector<std::int64_t>& u, std::vector<std::int64_t>& v,
                     std::vector<std::int64_t>& z) const {
  const std::int32_t sink = sink_node();
  u.assign(at(n_), 0);
  v.assign(at(m_), 0);
  z.assign(at(g_), 0);
  for (Index c = 0; c < n_; ++c)
    if (active_[at(c)]) u[at(c)] = std::max<std::int64_t>(0, big_m_ + pot_[at(c)] - pot_[at(sink)]);
  for (Index g = 0; g < g_; ++g) z[at(g)] = std::max<std::int64_t>(0, pot_[at(sink)] - pot_[at(group_node(g))]);
  for (Index o = 0; o < m_; ++o) {
    const Index g = opening_group_[at(o)];
    const std::int64_t above = g < 0 ? pot_[at(sink)] : pot_[at(group_node(g))];
    v[at(o)] = std::max<std::int64_t>(0, above - pot_[at(opening_node(o))]);
  }
}

}  // namespace placematch::detail
