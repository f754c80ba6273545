// A matching problem split into its connected components (see src/detail/decomposition.hpp).
#include "detail/decomposition.hpp"

#include <algorithm>

#include "detail/index.hpp"

namespace placematch::detail {

namespace {

// Union-find over the problem's nodes: citizens [0, n), openings [n, n+m), then cap
// groups, then pools. label[x] is the smallest node of x's component.
class NodeSets {
 public:
  explicit NodeSets(const MatchingProblem& p)
      : n_(p.num_citizens), m_(p.num_openings), groups_(static_cast<Index>(p.cap_group_limit.size())) {
    parent_.resize(at(n_) + at(m_) + p.cap_group_limit.size() + p.pool_limit.size());
    for (std::size_t i = 0; i < parent_.size(); ++i) parent_[i] = static_cast<Index>(i);
    for (Index c = 0; c < n_; ++c)
      for (ArcIndex e = p.arc_begin[at(c)]; e < p.arc_begin[at(c) + 1]; ++e) unite(c, opening(p.arc_opening[at(e)]));
    for (Index o = 0; o < m_; ++o) {
      if (p.opening_cap_group[at(o)] != kNone) unite(opening(o), n_ + m_ + p.opening_cap_group[at(o)]);
      if (p.opening_pool[at(o)] != kNone) unite(opening(o), n_ + m_ + groups_ + p.opening_pool[at(o)]);
    }
  }
  Index opening(Index o) const { return n_ + o; }
  std::size_t size() const { return parent_.size(); }
  Index find(Index x) {
    while (parent_[at(x)] != x) {
      parent_[at(x)] = parent_[at(parent_[at(x)])];
      x = parent_[at(x)];
    }
    return x;
  }

 private:
  void unite(Index a, Index b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[at(std::max(a, b))] = std::min(a, b);
  }
  Index n_, m_, groups_;
  std::vector<Index> parent_;
};

bool has_arcs(const MatchingProblem& p, Index c) { return p.arc_begin[at(c)] < p.arc_begin[at(c) + 1]; }

// Whether every citizen with arcs is in one component.
bool is_one_component(const MatchingProblem& p, NodeSets& sets) {
  Index root = kNone;
  for (Index c = 0; c < p.num_citizens; ++c) {
    if (!has_arcs(p, c)) continue;
    const Index r = sets.find(c);
    if (root == kNone) root = r;
    if (r != root) return false;
  }
  return root != kNone;
}

// The whole problem as its one component, with identity maps.
void use_whole(const MatchingProblem& p, Decomposition& d) {
  Component& part = d.parts.emplace_back();
  part.source = &p;
  part.citizens.resize(at(p.num_citizens));
  part.openings.resize(at(p.num_openings));
  part.groups.resize(p.cap_group_limit.size());
  for (std::size_t i = 0; i < part.citizens.size(); ++i) part.citizens[i] = static_cast<Index>(i);
  for (std::size_t i = 0; i < part.openings.size(); ++i) part.openings[i] = static_cast<Index>(i);
  for (std::size_t i = 0; i < part.groups.size(); ++i) part.groups[i] = static_cast<Index>(i);
  d.citizen_comp.assign(at(p.num_citizens), 0);
  d.citizen_local = part.citizens;
  d.opening_comp.assign(at(p.num_openings), 0);
  d.opening_local = part.openings;
  d.order = {0};
}

// Components numbered by their first citizen with arcs; each citizen's local index.
std::vector<Index> number_citizens(const MatchingProblem& p, NodeSets& sets, Decomposition& d) {
  std::vector<Index> comp_of_root(sets.size(), kNone);
  d.citizen_comp.assign(at(p.num_citizens), kNone);
  d.citizen_local.assign(at(p.num_citizens), kNone);
  for (Index c = 0; c < p.num_citizens; ++c) {
    if (!has_arcs(p, c)) continue;
    const Index root = sets.find(c);
    if (comp_of_root[at(root)] == kNone) {
      comp_of_root[at(root)] = static_cast<Index>(d.parts.size());
      d.parts.emplace_back().problem.max_score = p.max_score;
    }
    Component& part = d.parts[at(comp_of_root[at(root)])];
    d.citizen_comp[at(c)] = comp_of_root[at(root)];
    d.citizen_local[at(c)] = part.problem.num_citizens++;
    part.citizens.push_back(c);
  }
  return comp_of_root;
}

// Each opening into its component, with its seats, cap group and pool (local indices).
void add_openings(const MatchingProblem& p, NodeSets& sets, const std::vector<Index>& comp_of_root,
                  Decomposition& d) {
  d.opening_local.assign(at(p.num_openings), kNone);
  d.opening_comp.assign(at(p.num_openings), kNone);
  std::vector<Index> group_local(p.cap_group_limit.size(), kNone), pool_local(p.pool_limit.size(), kNone);
  for (Index o = 0; o < p.num_openings; ++o) {
    const Index k = comp_of_root[at(sets.find(sets.opening(o)))];
    if (k == kNone) continue;
    Component& part = d.parts[at(k)];
    MatchingProblem& q = part.problem;
    d.opening_comp[at(o)] = k;
    d.opening_local[at(o)] = q.num_openings++;
    part.openings.push_back(o);
    q.seats.push_back(p.seats[at(o)]);
    const Index g = p.opening_cap_group[at(o)];
    if (g != kNone && group_local[at(g)] == kNone) {
      group_local[at(g)] = static_cast<Index>(q.cap_group_limit.size());
      q.cap_group_limit.push_back(p.cap_group_limit[at(g)]);
      part.groups.push_back(g);
    }
    q.opening_cap_group.push_back(g == kNone ? kNone : group_local[at(g)]);
    const Index pl = p.opening_pool[at(o)];
    if (pl != kNone && pool_local[at(pl)] == kNone) {
      pool_local[at(pl)] = static_cast<Index>(q.pool_limit.size());
      q.pool_limit.push_back(p.pool_limit[at(pl)]);
    }
    q.opening_pool.push_back(pl == kNone ? kNone : pool_local[at(pl)]);
  }
}

// Each citizen's arcs into its component (exact sizes reserved first), then the pins.
void copy_arcs(const MatchingProblem& p, Decomposition& d) {
  std::vector<ArcIndex> arcs_of(d.parts.size(), 0);
  for (Index c = 0; c < p.num_citizens; ++c)
    if (d.citizen_comp[at(c)] != kNone) arcs_of[at(d.citizen_comp[at(c)])] += p.arc_begin[at(c) + 1] - p.arc_begin[at(c)];
  for (std::size_t k = 0; k < d.parts.size(); ++k) {
    MatchingProblem& q = d.parts[k].problem;
    q.arc_opening.reserve(at(arcs_of[k]));
    q.arc_score.reserve(at(arcs_of[k]));
    q.arc_pooled.reserve(at(arcs_of[k]));
    q.arc_begin.reserve(at(q.num_citizens) + 1);
  }
  for (Index c = 0; c < p.num_citizens; ++c) {
    if (d.citizen_comp[at(c)] == kNone) continue;
    MatchingProblem& q = d.parts[at(d.citizen_comp[at(c)])].problem;
    for (ArcIndex e = p.arc_begin[at(c)]; e < p.arc_begin[at(c) + 1]; ++e) {
      q.arc_opening.push_back(d.opening_local[at(p.arc_opening[at(e)])]);
      q.arc_score.push_back(p.arc_score[at(e)]);
      q.arc_pooled.push_back(p.arc_pooled[at(e)]);
    }
    q.arc_begin.push_back(static_cast<ArcIndex>(q.arc_opening.size()));
  }
  for (ArcIndex e : p.pinned_arcs)
    d.parts[at(d.citizen_comp[at(citizen_of_arc(p, e))])].problem.pinned_arcs.push_back(d.arc_local(p, e));
}

}  // namespace

Index citizen_of_arc(const MatchingProblem& p, ArcIndex e) {
  const auto it = std::upper_bound(p.arc_begin.begin(), p.arc_begin.end(), e);
  return static_cast<Index>(it - p.arc_begin.begin()) - 1;
}

ArcIndex Decomposition::arc_local(const MatchingProblem& p, ArcIndex e) const {
  const Index c = citizen_of_arc(p, e);
  const MatchingProblem& q = parts[at(citizen_comp[at(c)])].prob();
  return q.arc_begin[at(citizen_local[at(c)])] + (e - p.arc_begin[at(c)]);
}

Decomposition decompose(const MatchingProblem& p) {
  Decomposition d;
  NodeSets sets(p);
  if (is_one_component(p, sets)) {  // the usual case for a municipality
    use_whole(p, d);
    return d;
  }
  const std::vector<Index> comp_of_root = number_citizens(p, sets, d);
  add_openings(p, sets, comp_of_root, d);
  copy_arcs(p, d);
  // Smallest components first: they finish quickly, and the largest gets the time left.
  d.order.resize(d.parts.size());
  for (std::size_t i = 0; i < d.order.size(); ++i) d.order[i] = i;
  std::stable_sort(d.order.begin(), d.order.end(), [&](std::size_t a, std::size_t b) {
    return d.parts[a].prob().arc_opening.size() < d.parts[b].prob().arc_opening.size();
  });
  return d;
}

}  // namespace placematch::detail
