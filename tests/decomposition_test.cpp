// The solver's split into connected components (src/detail/decomposition.hpp) against an
// independent breadth-first search over the problem's citizens, openings, cap groups and
// pools, on problems from the project's generator (two instances side by side, so there
// are always several components).
#include <gtest/gtest.h>

#include <queue>
#include <vector>

#include "detail/decomposition.hpp"
#include "placematch/candidates/candidates.hpp"
#include "placematch/engine/solve.hpp"
#include "placematch/synth/generate.hpp"

namespace {

using namespace placematch;

MatchingProblem generated_problem(std::uint64_t seed, std::int64_t citizens, std::int64_t openings) {
  GenerateOptions g;
  g.citizens = citizens;
  g.openings = openings;
  g.seed = seed;
  g.mentor_heavy = seed % 2 == 0;
  const Instance in = generate_instance(g);
  return make_problem(in, build_candidates(in));
}

// `b` appended to `a` with every index shifted: no arc, group or pool joins them.
MatchingProblem side_by_side(MatchingProblem a, const MatchingProblem& b) {
  const Index n = a.num_citizens, m = a.num_openings;
  const auto groups = static_cast<Index>(a.cap_group_limit.size()), pools = static_cast<Index>(a.pool_limit.size());
  const ArcIndex arcs = a.arc_begin.back();
  for (Index c = 0; c < b.num_citizens; ++c) a.arc_begin.push_back(arcs + b.arc_begin[static_cast<std::size_t>(c) + 1]);
  for (Index o : b.arc_opening) a.arc_opening.push_back(m + o);
  a.arc_score.insert(a.arc_score.end(), b.arc_score.begin(), b.arc_score.end());
  a.arc_pooled.insert(a.arc_pooled.end(), b.arc_pooled.begin(), b.arc_pooled.end());
  a.seats.insert(a.seats.end(), b.seats.begin(), b.seats.end());
  for (Index g : b.opening_cap_group) a.opening_cap_group.push_back(g == kNone ? kNone : groups + g);
  for (Index k : b.opening_pool) a.opening_pool.push_back(k == kNone ? kNone : pools + k);
  a.cap_group_limit.insert(a.cap_group_limit.end(), b.cap_group_limit.begin(), b.cap_group_limit.end());
  a.pool_limit.insert(a.pool_limit.end(), b.pool_limit.begin(), b.pool_limit.end());
  for (ArcIndex e : b.pinned_arcs) a.pinned_arcs.push_back(arcs + e);
  a.num_citizens = n + b.num_citizens;
  a.num_openings = m + b.num_openings;
  return a;
}

// Component labels of the citizens by breadth-first search over explicit adjacency lists
// (nodes: citizens, openings, groups, pools); kNone for citizens without arcs.
std::vector<int> oracle_labels(const MatchingProblem& p) {
  const std::size_t n = static_cast<std::size_t>(p.num_citizens), m = static_cast<std::size_t>(p.num_openings);
  const std::size_t groups = p.cap_group_limit.size(), total = n + m + groups + p.pool_limit.size();
  std::vector<std::vector<std::size_t>> adj(total);
  auto link = [&](std::size_t a, std::size_t b) {
    adj[a].push_back(b);
    adj[b].push_back(a);
  };
  for (std::size_t c = 0; c < n; ++c)
    for (ArcIndex e = p.arc_begin[c]; e < p.arc_begin[c + 1]; ++e)
      link(c, n + static_cast<std::size_t>(p.arc_opening[static_cast<std::size_t>(e)]));
  for (std::size_t o = 0; o < m; ++o) {
    if (p.opening_cap_group[o] != kNone) link(n + o, n + m + static_cast<std::size_t>(p.opening_cap_group[o]));
    if (p.opening_pool[o] != kNone) link(n + o, n + m + groups + static_cast<std::size_t>(p.opening_pool[o]));
  }
  std::vector<int> label(total, -1);
  int next = 0;
  for (std::size_t start = 0; start < total; ++start) {
    if (label[start] != -1) continue;
    std::queue<std::size_t> q;
    q.push(start);
    label[start] = next;
    while (!q.empty()) {
      const std::size_t x = q.front();
      q.pop();
      for (std::size_t y : adj[x])
        if (label[y] == -1) {
          label[y] = next;
          q.push(y);
        }
    }
    ++next;
  }
  std::vector<int> out(n, kNone);
  for (std::size_t c = 0; c < n; ++c)
    if (p.arc_begin[c] < p.arc_begin[c + 1]) out[c] = label[c];
  return out;
}

void check(const MatchingProblem& p) {
  const detail::Decomposition d = detail::decompose(p);
  const std::vector<int> truth = oracle_labels(p);
  const std::size_t n = truth.size();
  // Same partition of the citizens with arcs.
  for (std::size_t c = 0; c < n; ++c) {
    // Citizens without arcs belong to no component (or, when the problem is used whole,
    // to the one component, by the identity map).
    const bool whole = d.parts.size() == 1 && d.parts[0].source != nullptr;
    if (truth[c] == kNone) {
      EXPECT_EQ(d.citizen_comp[c], whole ? 0 : kNone) << c;
      continue;
    }
    ASSERT_NE(d.citizen_comp[c], kNone) << c;
    for (std::size_t c2 = c + 1; c2 < n && c2 < c + 40; ++c2)  // neighbours in index order
      if (truth[c2] != kNone) EXPECT_EQ(truth[c] == truth[c2], d.citizen_comp[c] == d.citizen_comp[c2]) << c << " " << c2;
  }
  std::vector<int> seen_label(d.parts.size(), kNone);
  for (std::size_t c = 0; c < n; ++c) {
    if (truth[c] == kNone) continue;
    const auto k = static_cast<std::size_t>(d.citizen_comp[c]);
    if (seen_label[k] == kNone) seen_label[k] = truth[c];
    EXPECT_EQ(seen_label[k], truth[c]) << "component " << k << " mixes two oracle components";
  }
  // Each component's own problem reproduces the global one through its maps.
  for (std::size_t k = 0; k < d.parts.size(); ++k) {
    const detail::Component& part = d.parts[k];
    const MatchingProblem& q = part.prob();
    ASSERT_EQ(static_cast<std::size_t>(q.num_citizens), part.citizens.size());
    ASSERT_EQ(static_cast<std::size_t>(q.num_openings), part.openings.size());
    for (std::size_t lc = 0; lc < part.citizens.size(); ++lc) {
      const auto gc = static_cast<std::size_t>(part.citizens[lc]);
      EXPECT_EQ(d.citizen_local[gc], static_cast<Index>(lc));
      ASSERT_EQ(q.arc_begin[lc + 1] - q.arc_begin[lc], p.arc_begin[gc + 1] - p.arc_begin[gc]);
      for (ArcIndex i = 0; i < q.arc_begin[lc + 1] - q.arc_begin[lc]; ++i) {
        const auto le = static_cast<std::size_t>(q.arc_begin[lc] + i), ge = static_cast<std::size_t>(p.arc_begin[gc] + i);
        EXPECT_EQ(part.openings[static_cast<std::size_t>(q.arc_opening[le])], p.arc_opening[ge]);
        EXPECT_EQ(q.arc_score[le], p.arc_score[ge]);
        EXPECT_EQ(q.arc_pooled[le], p.arc_pooled[ge]);
        EXPECT_EQ(d.arc_local(p, static_cast<ArcIndex>(ge)), static_cast<ArcIndex>(le));
      }
    }
    for (std::size_t lo = 0; lo < part.openings.size(); ++lo) {
      const auto go = static_cast<std::size_t>(part.openings[lo]);
      EXPECT_EQ(q.seats[lo], p.seats[go]);
      const Index lg = q.opening_cap_group[lo], gg = p.opening_cap_group[go];
      ASSERT_EQ(lg == kNone, gg == kNone);
      if (gg != kNone) EXPECT_EQ(q.cap_group_limit[static_cast<std::size_t>(lg)], p.cap_group_limit[static_cast<std::size_t>(gg)]);
      const Index lp = q.opening_pool[lo], gp = p.opening_pool[go];
      ASSERT_EQ(lp == kNone, gp == kNone);
      if (gp != kNone) EXPECT_EQ(q.pool_limit[static_cast<std::size_t>(lp)], p.pool_limit[static_cast<std::size_t>(gp)]);
    }
  }
  // Pins land in their citizen's component, at the same arc.
  std::size_t pins = 0;
  for (const auto& part : d.parts) pins += part.prob().pinned_arcs.size();
  if (d.parts.size() > 1) EXPECT_EQ(pins, p.pinned_arcs.size());
  // Solved fewest arcs first.
  ASSERT_EQ(d.order.size(), d.parts.size());
  for (std::size_t i = 1; i < d.order.size(); ++i)
    EXPECT_LE(d.parts[d.order[i - 1]].prob().arc_opening.size(), d.parts[d.order[i]].prob().arc_opening.size());
}

TEST(Decomposition, AgreesWithBreadthFirstSearch) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE(seed);
    const MatchingProblem a = generated_problem(seed, 120 + 40 * static_cast<std::int64_t>(seed), 40);
    check(a);
    const MatchingProblem both = side_by_side(a, generated_problem(seed + 100, 90, 30));
    check(both);
    EXPECT_GE(detail::decompose(both).parts.size(), 2u);
  }
}

TEST(Decomposition, OneComponentIsUsedAsItIs) {
  MatchingProblem p;
  p.num_citizens = 3;
  p.num_openings = 1;
  p.arc_begin = {0, 1, 1, 2};  // the middle citizen has no arc
  p.arc_opening = {0, 0};
  p.arc_score = {5, 7};
  p.arc_pooled = {0, 0};
  p.seats = {1};
  p.opening_cap_group = {kNone};
  p.opening_pool = {kNone};
  const detail::Decomposition d = detail::decompose(p);
  ASSERT_EQ(d.parts.size(), 1u);
  EXPECT_EQ(&d.parts[0].prob(), &p);
  EXPECT_EQ(detail::citizen_of_arc(p, 0), 0);
  EXPECT_EQ(detail::citizen_of_arc(p, 1), 2);
  EXPECT_EQ(d.arc_local(p, 1), 1);
}

TEST(Decomposition, NoArcsNoComponents) {
  MatchingProblem p;
  p.num_citizens = 2;
  p.num_openings = 1;
  p.arc_begin = {0, 0, 0};
  p.seats = {1};
  p.opening_cap_group = {kNone};
  p.opening_pool = {kNone};
  const detail::Decomposition d = detail::decompose(p);
  EXPECT_TRUE(d.parts.empty());
  EXPECT_EQ(d.citizen_comp, (std::vector<Index>{kNone, kNone}));
  EXPECT_EQ(solve(p).placed, 0);
}

}  // namespace
