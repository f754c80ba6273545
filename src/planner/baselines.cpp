// Reference policies of the benchmark suite (placematch/planner/baselines.hpp).
#include "placematch/planner/baselines.hpp"

#include <algorithm>
#include <iterator>
#include <numeric>
#include <stdexcept>

#include "detail/enum_text.hpp"
#include "placematch/explain/reasons.hpp"

namespace placematch {

namespace {

std::size_t at(Index i) { return static_cast<std::size_t>(i); }

// What is left of every capacity while a policy fills the plan.
class Room {
 public:
  Room(const Instance& in, const CandidateGraph& g) : in_(in), g_(g), choice_(in.citizens.size(), kNone) {
    seats_.reserve(in.openings.size());
    for (const Opening& o : in.openings) seats_.push_back(o.seats);
    cap_.assign(in.companies.size(), -1);
    pool_.assign(in.companies.size(), 0);
    for (std::size_t k = 0; k < in.companies.size(); ++k) {
      if (auto cap = in.reasonableness_cap(static_cast<Index>(k))) cap_[k] = std::max(0, *cap);
      pool_[k] = in.mentor_pool(static_cast<Index>(k));
    }
  }
  bool free(Index c) const { return choice_[at(c)] == kNone; }
  bool fits(ArcIndex arc) const {
    const std::size_t a = static_cast<std::size_t>(arc);
    const Opening& o = in_.openings[at(g_.opening[a])];
    if (seats_[at(g_.opening[a])] <= 0) return false;
    if (counts_for_reasonableness(o.kind) && cap_[at(o.company)] == 0) return false;
    if (g_.needs_mentor[a] && pool_[at(o.company)] <= 0) return false;
    return true;
  }
  void take(Index c, ArcIndex arc) {
    const std::size_t a = static_cast<std::size_t>(arc);
    const Opening& o = in_.openings[at(g_.opening[a])];
    --seats_[at(g_.opening[a])];
    if (counts_for_reasonableness(o.kind) && cap_[at(o.company)] > 0) --cap_[at(o.company)];
    if (g_.needs_mentor[a]) --pool_[at(o.company)];
    choice_[at(c)] = arc;
  }
  /// Takes (c, arc) when c is free and the arc fits; whether it did.
  bool try_take(Index c, ArcIndex arc) {
    if (!free(c) || !fits(arc)) return false;
    take(c, arc);
    return true;
  }
  std::vector<ArcIndex>& choice() { return choice_; }

 private:
  const Instance& in_;
  const CandidateGraph& g_;
  std::vector<ArcIndex> choice_;
  std::vector<int> seats_, cap_, pool_;  // cap_ -1: no reasonableness rule at the company
};

// Better pair first: higher score, then lower citizen, then lower opening.
struct ArcOrder {
  const CandidateGraph& g;
  const std::vector<Index>& citizen_of;
  bool operator()(std::int64_t x, std::int64_t y) const {
    const auto a = static_cast<std::size_t>(x), b = static_cast<std::size_t>(y);
    if (g.score[a] != g.score[b]) return g.score[a] > g.score[b];
    if (citizen_of[a] != citizen_of[b]) return citizen_of[a] < citizen_of[b];
    return g.opening[a] < g.opening[b];
  }
};

std::vector<Index> arc_citizens(const CandidateGraph& g) {
  std::vector<Index> out(g.size());
  for (std::size_t c = 0; c < g.num_citizens(); ++c)
    for (std::int64_t a = g.begin(static_cast<Index>(c)); a < g.end(static_cast<Index>(c)); ++a)
      out[static_cast<std::size_t>(a)] = static_cast<Index>(c);
  return out;
}

// splitmix64: a small, portable stream for the Random policy.
struct SplitMix {
  std::uint64_t x;
  std::uint64_t next() {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
  }
};

// The best-scoring arc of c that fits (lowest opening among equal scores), or kNone.
ArcIndex best_fitting(const CandidateGraph& g, const Room& room, Index c) {
  ArcIndex best = kNone;
  for (ArcIndex a = g.begin(c); a < g.end(c); ++a)
    if (room.fits(a) && (best == kNone || g.score[static_cast<std::size_t>(a)] > g.score[static_cast<std::size_t>(best)]))
      best = a;
  return best;
}

}  // namespace

std::string_view to_string(Baseline policy) {
  switch (policy) {
    case Baseline::PerOpening: return "per_opening";
    case Baseline::GreedyScore: return "greedy_score";
    case Baseline::FirstCome: return "first_come";
    case Baseline::Random: return "random";
  }
  return "?";
}

std::optional<Baseline> parse_baseline(std::string_view text) {
  return detail::parse_enum<Baseline>(text, static_cast<int>(std::size(kBaselines)));
}

std::vector<std::int64_t> baseline_choice(const Instance& in, const CandidateGraph& g, Baseline policy,
                                          std::uint64_t seed) {
  Room room(in, g);
  for (const Decision& d : in.decisions) {
    if (d.kind != DecisionKind::Pin) continue;
    const std::int64_t arc = g.find(d.citizen, d.opening);
    if (arc < 0 || !room.try_take(d.citizen, arc))
      throw std::invalid_argument("baseline: the pin " + in.citizens[at(d.citizen)].id + " -> " +
                                  in.openings[at(d.opening)].id + " does not fit");
  }
  const std::size_t n = in.citizens.size();
  switch (policy) {
    case Baseline::PerOpening: {
      // The candidates of each opening, best first.
      const std::vector<Index> citizen_of = arc_citizens(g);
      std::vector<std::int64_t> begin(in.openings.size() + 1, 0);
      for (Index o : g.opening) ++begin[at(o) + 1];
      std::partial_sum(begin.begin(), begin.end(), begin.begin());
      std::vector<std::int64_t> by_opening(g.size()), fill(begin.begin(), begin.end() - 1);
      for (std::size_t a = 0; a < g.size(); ++a)
        by_opening[static_cast<std::size_t>(fill[at(g.opening[a])]++)] = static_cast<std::int64_t>(a);
      const ArcOrder order{g, citizen_of};
      for (std::size_t o = 0; o < in.openings.size(); ++o) {
        auto first = by_opening.begin() + begin[o], last = by_opening.begin() + begin[o + 1];
        std::sort(first, last, order);
        for (auto it = first; it != last; ++it) room.try_take(citizen_of[static_cast<std::size_t>(*it)], *it);
      }
      break;
    }
    case Baseline::GreedyScore: {
      const std::vector<Index> citizen_of = arc_citizens(g);
      std::vector<std::int64_t> arcs(g.size());
      std::iota(arcs.begin(), arcs.end(), 0);
      std::sort(arcs.begin(), arcs.end(), ArcOrder{g, citizen_of});
      for (std::int64_t a : arcs) room.try_take(citizen_of[static_cast<std::size_t>(a)], a);
      break;
    }
    case Baseline::FirstCome: {
      std::vector<Index> order(n);
      std::iota(order.begin(), order.end(), 0);
      std::stable_sort(order.begin(), order.end(), [&](Index a, Index b) {
        return in.citizens[at(a)].months_unemployed > in.citizens[at(b)].months_unemployed;
      });
      for (Index c : order) {
        if (!room.free(c)) continue;
        const ArcIndex a = best_fitting(g, room, c);
        if (a != kNone) room.take(c, a);
      }
      break;
    }
    case Baseline::Random: {
      SplitMix rng{seed};
      std::vector<Index> order(n);
      std::iota(order.begin(), order.end(), 0);
      for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);  // Fisher-Yates
      std::vector<std::int64_t> open;
      for (Index c : order) {
        if (!room.free(c)) continue;
        open.clear();
        for (std::int64_t a = g.begin(c); a < g.end(c); ++a)
          if (room.fits(a)) open.push_back(a);
        if (!open.empty()) room.take(c, open[rng.below(open.size())]);
      }
      break;
    }
  }
  return std::move(room.choice());
}

Plan baseline_plan(const Instance& in, const CandidateGraph& g, Baseline policy, std::uint64_t seed) {
  Plan plan = make_plan(in, g, baseline_choice(in, g, policy, seed));
  plan.unplaced = explain_unplaced(in, g, plan);  // status stays NotSolved: nothing is proven
  return plan;
}

}  // namespace placematch
