// What would place more residents: ceiling, seats, proposed openings, courses (contract
// section 10). Every figure is a Matcher optimum of the changed instance, re-solved warm.
#include "placematch/planner/whatif.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <queue>
#include <stdexcept>
#include <tuple>

#include "detail/progress_relay.hpp"
#include "detail/residual_pricing.hpp"
#include "detail/seat_gains.hpp"
#include "placematch/candidates/candidates.hpp"
#include "placematch/explain/reasons.hpp"
#include "placematch/model/diagnostics.hpp"

namespace placematch {

namespace {

std::size_t at(std::int64_t i) { return static_cast<std::size_t>(i); }

// How a re-solve uses the search tree (SolveOptions::keep_tree, from_tree).
enum class TreeUse : std::uint8_t { None, Keep, FromAndKeep };

// One instance, its candidate graph and problem, and a Matcher kept warm across changes.
class Engine {
 public:
  // Keeps nothing of `instance`: the graph is built from it, the problem moved into the
  // Matcher (the one copy, read back through problem(): what is solved is what is read).
  Engine(const Instance& instance, const WhatIfOptions& options, std::optional<Phase> task = std::nullopt)
      : progress_(options.progress), start_(detail::ProgressClock::now()), seat_tree_(options.seat_tree) {
    task_ = task;
    detail::announce(progress_, Phase::Candidates, start_, [this](Progress& p) { add_context(p); });
    CandidateOptions copt;
    copt.weights = options.weights;
    copt.threads = options.threads;
    graph_ = build_candidates(instance, copt);

    SolveOptions sopt = options.search;
    sopt.cutoff.reset();
    sopt.keep_tree = sopt.from_tree = false;
    sopt.objective = options.objective;
    sopt.time_limit_seconds = options.time_limit_seconds;
    sopt.work_limit = options.work_limit;
    sopt.threads = std::max(1, options.threads);
    sopt.progress = detail::relay(progress_, start_, [this](Progress& p) { add_context(p); });
    matcher_ = std::make_unique<Matcher>(make_problem(instance, graph_));
    matcher_->options(sopt);
    seats_ = matcher_->problem().seats;
    closed_.assign(graph_.opening.size(), 0);
    arcs_of_.assign(instance.openings.size(), 0);
    for (Index o : graph_.opening) ++arcs_of_[at(o)];
  }

  Engine(const Engine&) = delete;  // its solves' progress callback refers to it
  Engine& operator=(const Engine&) = delete;

  // The what-if step the next solves serve (step 1-based of steps; 0: unknown count).
  void step(std::int64_t i, std::int64_t n) {
    step_ = i;
    steps_ = n;
    detail::announce(progress_, task_.value_or(Phase::Flow), start_, [this](Progress& p) { add_context(p); });
  }

  const CandidateGraph& graph() const { return graph_; }
  const MatchingProblem& problem() const { return matcher_->problem(); }
  Matcher& matcher() { return *matcher_; }
  // The state's solution: the last run's, or the one kept by keep() since.
  const Solution& solution() const { return kept_ ? *kept_ : matcher_->solution(); }
  // Takes `s` — the proven optimum of the state as it is now, from an earlier run of the
  // same changes — as the state's solution, in place of a re-solve (until the next run).
  void keep(Solution s) { kept_ = std::move(s); }
  std::int32_t seats(Index o) const { return seats_[at(o)]; }
  const std::vector<std::int32_t>& seats() const { return seats_; }
  int arcs_of(Index o) const { return arcs_of_[at(o)]; }

  void set_seats(Index o, std::int32_t seats) {
    if (seats_[at(o)] == seats) return;
    seats_[at(o)] = seats;
    matcher_->set_seats(o, seats);
  }
  // Opens or closes every arc of a citizen.
  void open_citizen(Index c, bool open) {
    for (std::int64_t a = graph_.begin(c); a < graph_.end(c); ++a) {
      matcher_->forbid(a, !open);
      closed_[at(a)] = !open;
    }
  }

  // Per opening, an upper bound on what one more seat there adds (detail/seat_gains.hpp).
  std::vector<std::int64_t> seat_gain_bounds() const {
    return detail::seat_gain_bounds(matcher_->problem(), seats_, closed_, solution());
  }
  // The kept tree's bounds of the same (detail/seat_gains.hpp; empty without leaf flows).
  // `paths`: from one Dijkstra per leaf, else from the leaves' duals alone (cheaper, looser).
  std::vector<std::int64_t> tree_seat_gain_bounds(const Solution& state, bool paths,
                                                  std::int64_t threshold = std::numeric_limits<std::int64_t>::min()) const {
    if (paths && threshold != std::numeric_limits<std::int64_t>::min() && by_opening_.begin.empty())
      by_opening_ = detail::arcs_by_opening(matcher_->problem());
    return detail::tree_seat_gain_bounds(matcher_->problem(), seats_, closed_, state, paths, threshold, &by_opening_);
  }

  // One re-solve. With a cutoff (SolveOptions::cutoff), only a value above it is exact;
  // one at most the cutoff says that no plan beats it. `tree`: whether the search keeps its
  // tree, starts from the kept one, or both (SolveOptions::keep_tree, from_tree; only with
  // WhatIfOptions::seat_tree). The seat steps: today's solve keeps its tree, and every try
  // and committed re-solve starts from the tree kept last and keeps its own (the same
  // leaves or finer, their prices and the root's moved on), so the next try starts from
  // prices and a plan near its own.
  // `leaves_first`: SolveOptions::tree_leaves_first (the caller bounds the tries itself).
  WhatIfValue run(std::optional<std::int64_t> cutoff = std::nullopt, TreeUse tree = TreeUse::None,
                  bool leaves_first = false) {
    kept_.reset();
    const bool keep = seat_tree_ && (tree == TreeUse::Keep || tree == TreeUse::FromAndKeep);
    const bool from = seat_tree_ && tree == TreeUse::FromAndKeep;
    leaves_first = leaves_first && from;
    const SolveOptions& now = matcher_->options();
    if (cutoff != now.cutoff || keep != now.keep_tree || from != now.from_tree || leaves_first != now.tree_leaves_first) {
      SolveOptions o = matcher_->options();
      o.cutoff = cutoff;
      o.keep_tree = keep;
      o.from_tree = from;
      o.tree_leaves_first = leaves_first;
      matcher_->options(o);
    }
    const Status s = matcher_->run();
    tree_leaves_ = matcher_->solution().stats.tree_leaves;
    if (s == Status::Infeasible)
      throw InputError({{"decisions", "row", "the pins cannot all be kept together"}});
    if (s != Status::Optimal && s != Status::Feasible)
      throw std::runtime_error("solver ended with status " + std::string(to_string(s)));
    const Solution& sol = matcher_->solution();
    WhatIfValue v;
    v.placed = sol.placed;
    v.score = sol.score;
    v.optimal = s == Status::Optimal;
    v.bound_placed = sol.placed_bound.value_or(sol.placed);
    v.bound_score = sol.score_bound;
    return v;
  }

  // The last run() counted into SeatStep::from_tree and tree_leaves (or their running
  // sums): whether it started from kept leaves, and how many.
  void count_tree(std::int64_t& from_tree, std::int64_t& leaves) const {
    from_tree += tree_leaves_ > 0;
    leaves += tree_leaves_;
  }

  // The value on the solver's weight scale: exact lexicographic comparison.
  std::int64_t weight(const WhatIfValue& v) const { return solution().big * v.placed + v.score; }

 private:
  void add_context(Progress& p) const {
    p.task = task_;
    p.step = step_;
    p.steps = steps_;
  }

  ProgressCallback progress_;
  detail::ProgressClock::time_point start_;
  std::optional<Phase> task_;
  std::int64_t step_ = 0, steps_ = 0;
  CandidateGraph graph_;
  std::unique_ptr<Matcher> matcher_;
  std::optional<Solution> kept_;
  std::vector<std::int32_t> seats_;
  std::vector<std::uint8_t> closed_;  // per arc: closed by open_citizen
  std::vector<int> arcs_of_;
  bool seat_tree_ = true;
  std::int64_t tree_leaves_ = 0;
  mutable detail::ArcsByOpening by_opening_;  // made at the first backward search
};

bool pinned_citizen(const Instance& in, Index c) {
  for (const Decision& d : in.decisions)
    if (d.kind == DecisionKind::Pin && d.citizen == c) return true;
  return false;
}

bool reached(std::optional<double> target, std::int64_t placed, Index residents) {
  return target && residents > 0 &&
         static_cast<double>(placed) >= *target * static_cast<double>(residents);
}

}  // namespace

bool course_eligible(const Citizen& citizen, const Course& course) {
  return course.groups.empty() || contains(course.groups, citizen.target_group);
}

Citizen apply_course(const Citizen& citizen, const Course& course) {
  Citizen c = citizen;
  for (const CodeLevel& g : course.grants) {
    auto it = std::lower_bound(c.competences.begin(), c.competences.end(), g.code,
                               [](const CodeLevel& l, CodeId code) { return l.code < code; });
    if (it != c.competences.end() && it->code == g.code)
      it->level = std::max(it->level, g.level);
    else
      c.competences.insert(it, g);
  }
  for (const CodeLevel& e : course.eases) {
    auto it = std::lower_bound(c.barriers.begin(), c.barriers.end(), e.code,
                               [](const CodeLevel& l, CodeId code) { return l.code < code; });
    if (it == c.barriers.end() || it->code != e.code) continue;
    if (e.level <= 0)
      c.barriers.erase(it);
    else
      it->level = std::min(it->level, e.level);
  }
  return c;
}

WhatIfValue whatif_today(const Instance& instance, const WhatIfOptions& options) {
  Engine e(instance, options);
  return e.run();
}

Ceiling whatif_ceiling(const Instance& instance, const WhatIfOptions& options) {
  Engine e(instance, options, Phase::Ceiling);
  e.run();
  const std::vector<std::int64_t> today = e.solution().citizen_arc;
  for (Index o = 0; o < static_cast<Index>(instance.openings.size()); ++o)
    e.set_seats(o, std::max(e.seats(o), e.arcs_of(o)));
  Ceiling out;
  out.value = e.run();
  const std::vector<std::int64_t>& ceiling = e.solution().citizen_arc;

  const CandidateGraph& g = e.graph();
  const MatchingProblem& p = e.problem();
  std::map<std::pair<Index, CodeId>, CeilingCell> cells;
  ReasonFinder reasons(instance);
  for (Index c = 0; c < static_cast<Index>(instance.citizens.size()); ++c) {
    const Citizen& ci = instance.citizens[at(c)];
    CeilingCell& cell = cells[{ci.area, ci.target_group}];
    cell.area = ci.area;
    cell.target_group = ci.target_group;
    ++cell.residents;
    cell.placed_today += today[at(c)] >= 0;
    cell.placed_ceiling += ceiling[at(c)] >= 0;
    cell.left_out += ceiling[at(c)] < 0;
    std::string rule;
    if (g.begin(c) == g.end(c)) {
      rule = std::string(to_string(reasons(c, false).code));
    } else {
      bool all_capped_out = true;
      for (std::int64_t a = g.begin(c); a < g.end(c) && all_capped_out; ++a) {
        const Index grp = p.opening_cap_group[at(g.opening[at(a)])];
        all_capped_out = grp != kNone && p.cap_group_limit[at(grp)] <= 0;
      }
      if (all_capped_out) rule = "reasonableness";
    }
    if (!rule.empty()) {
      ++cell.unreachable;
      ++cell.by_rule[rule];
      ++out.unreachable;
    }
  }
  for (auto& [key, cell] : cells) out.cells.push_back(std::move(cell));
  return out;
}

namespace {

bool asked_to_stop(const WhatIfOptions& options) { return options.stop && options.stop(); }

using detail::ResidualPricer;

// The pricer of the state's plan for seat steps (SeatPricing::Residual): its residual graph on
// the plain objective (no kept tier), the seats as set now, the mentor pools priced — the
// pricer's own guess, else the last certificate's multipliers, else the engine's
// Lagrangian prices (per opening on the weight scale big + score, split into placements
// and score). Null when no certificate holds (the step then re-solves its tries).
std::unique_ptr<ResidualPricer> seat_pricer(Engine& e, Objective objective,
                                            std::vector<ResidualPricer::PoolPrice>& last_prices) {
  const MatchingProblem& p = e.problem();
  const Solution& sol = e.solution();
  std::vector<std::vector<ResidualPricer::PoolPrice>> hints;
  if (last_prices.size() == p.pool_limit.size() && !p.pool_limit.empty()) hints.push_back(last_prices);
  if (sol.cert_opening_price.size() == p.opening_pool.size() && !p.pool_limit.empty()) {
    std::vector<ResidualPricer::PoolPrice> engine(p.pool_limit.size());
    for (std::size_t o = 0; o < p.opening_pool.size(); ++o) {
      const Index k = p.opening_pool[o];
      const std::int64_t price = sol.cert_opening_price[o];
      if (k == kNone || price <= 0) continue;
      ResidualPricer::PoolPrice pp;
      pp.placements = sol.big > 0 ? price / sol.big : 0;
      pp.score = sol.big > 0 ? price % sol.big : price;
      auto& slot = engine[at(k)];
      if (pp.placements > slot.placements || (pp.placements == slot.placements && pp.score > slot.score)) slot = pp;
    }
    hints.push_back(std::move(engine));
  }
  auto r = std::make_unique<ResidualPricer>(p, sol.citizen_arc, objective, hints, false, &e.seats());
  if (!r->certified()) return nullptr;
  last_prices = r->pool_prices();
  return r;
}

// The solution of plan P + q's cycle, exact (q keeps the pools): its value, no certificate.
Solution priced_solution(const Solution& base, const ResidualPricer::Priced& q) {
  Solution s;
  s.status = Status::Optimal;
  s.objective = base.objective;
  s.big = base.big;
  s.citizen_arc = base.citizen_arc;
  for (const ResidualPricer::Priced::Move& mv : q.moves) s.citizen_arc[at(mv.citizen)] = mv.arc;
  s.placed = base.placed - static_cast<Index>(q.placed);
  s.score = base.score - q.score;
  if (base.placed_bound) s.placed_bound = s.placed;
  s.score_bound = s.score;
  return s;
}

// One seat step from the state's certified plan P (SeatPricing::Residual): every opening's
// extra seat priced at once (ResidualPricer::price_seats). A plan Q that keeps the pools is
// the exact optimum with that seat; for the others the priced cost bounds the gain (the
// Lagrangian bound: lexicographically, placements first, so on the weight scale the gain
// is at most big * placements + max(0, score), as a plan with fewer placements gains less
// than big). The choice is the seats' best exact gain, the lowest opening among equals;
// an opening whose bound could beat it (or equal it, listed first) is re-solved warm with
// the cutoff of the re-solving path. The chosen seat is set; the state's solution becomes
// the winner's plan (Q, exact; `kept_priced` true) or its re-solve's. Nothing when no seat
// gains (or `stopped`).
std::optional<SeatStep> priced_step(Engine& e, ResidualPricer& pricer, const WhatIfValue& current,
                                    const WhatIfOptions& options, bool& stopped, bool& kept_priced) {
  const Index openings = static_cast<Index>(e.problem().num_openings);
  std::vector<Index> list;
  for (Index o = 0; o < openings; ++o)
    if (e.seats(o) < e.arcs_of(o)) list.push_back(o);  // a seat beyond its pairs stays empty
  const std::vector<ResidualPricer::Priced> priced = pricer.price_seats(list);
  const Solution base_solution = e.solution();
  const std::int64_t big = base_solution.big;
  const std::int64_t base = e.weight(current);
  SeatStep step;
  step.priced = static_cast<std::int64_t>(list.size());
  // The openings whose plan breaks a pool keep their bound. (Shifting the pools'
  // multipliers as the Planner does per pair, tried: at municipal scale the re-solves over
  // 100 steps fell from 171 to 88 but the steps took 11.3 s instead of 1.8 s; not done.)
  std::int64_t best_gain = 0;
  Index best = kNone;
  std::size_t best_priced = list.size();  // the winner's answer when exact
  std::vector<std::pair<std::int64_t, Index>> unsure;  // (bound on the gain, opening)
  for (std::size_t i = 0; i < list.size(); ++i) {
    const ResidualPricer::Priced& q = priced[i];
    if (q.keeps_pools) {
      const std::int64_t gain = -(big * q.placed + q.score);
      if (gain > best_gain) {  // openings in order: the lowest among equals stays
        best_gain = gain;
        best = list[i];
        best_priced = i;
      }
    } else if (const std::int64_t ub = big * -q.bound_placed + std::max<std::int64_t>(0, -q.bound_weight); ub > 0) {
      unsure.emplace_back(ub, list[i]);
    }
  }
  std::sort(unsure.begin(), unsure.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  WhatIfValue best_value;
  std::optional<Solution> best_solution;  // a re-solved winner's, when proven optimal
  for (const auto& [ub, o] : unsure) {
    if (ub < best_gain || (ub == best_gain && best != kNone && o > best)) continue;
    if (asked_to_stop(options)) {
      stopped = true;
      return std::nullopt;
    }
    const std::int64_t cutoff = best == kNone ? base : o < best ? base + best_gain - 1 : base + best_gain;
    const std::int32_t seats = e.seats(o);
    e.set_seats(o, seats + 1);
    const WhatIfValue v = e.run(cutoff, TreeUse::FromAndKeep);
    e.set_seats(o, seats);
    ++step.resolved;
    e.count_tree(step.from_tree, step.tree_leaves);
    const std::int64_t gain = e.weight(v) - base;
    if (gain > best_gain || (gain == best_gain && gain > 0 && o < best)) {
      best_gain = gain;
      best = o;
      best_priced = list.size();
      best_value = v;
      if (v.optimal)
        best_solution = e.solution();
      else
        best_solution.reset();
    }
  }
  if (best == kNone) return std::nullopt;
  e.set_seats(best, e.seats(best) + 1);
  step.opening = best;
  step.seats = e.seats(best);
  kept_priced = false;
  if (best_priced < list.size()) {
    Solution q = priced_solution(base_solution, priced[best_priced]);
    step.value.placed = q.placed;
    step.value.score = q.score;
    step.value.optimal = true;
    step.value.bound_placed = q.placed;
    step.value.bound_score = q.score;
    e.keep(std::move(q));
    kept_priced = true;
  } else if (best_solution) {
    step.value = best_value;
    e.keep(std::move(*best_solution));
  } else {
    step.value = e.run(std::nullopt, TreeUse::FromAndKeep);
  }
  return step;
}

std::vector<SeatStep> seat_steps(Engine& e, std::optional<int> max_seats, std::optional<double> target,
                                 Index residents, WhatIfValue current, const WhatIfOptions& options,
                                 bool& stopped) {
  std::vector<SeatStep> steps;
  const Index openings = static_cast<Index>(e.problem().num_openings);
  constexpr std::int64_t kNoBound = std::numeric_limits<std::int64_t>::max();
  std::vector<ResidualPricer::PoolPrice> last_prices;
  bool uncertified = false;  // the state's solution is a priced plan, without the engine's certificate
  for (;;) {
    if (max_seats && static_cast<int>(steps.size()) >= *max_seats) break;
    if (!max_seats && !target) break;
    if (reached(target, current.placed, residents)) break;
    if (asked_to_stop(options)) {
      stopped = true;
      break;
    }
    e.step(static_cast<std::int64_t>(steps.size()) + 1, max_seats ? *max_seats : 0);
    if (options.seat_pricing == SeatPricing::Residual) {
      std::unique_ptr<ResidualPricer> pricer = seat_pricer(e, options.objective, last_prices);
      if (pricer) {
        const std::optional<SeatStep> step = priced_step(e, *pricer, current, options, stopped, uncertified);
        if (stopped) return steps;  // the step under way is dropped
        if (!step) break;           // no seat gains
        current = step->value;
        steps.push_back(*step);
        continue;
      }
      if (uncertified) {  // the bounds below need the engine's certificate of the state
        current = e.run(std::nullopt, TreeUse::FromAndKeep);
        uncertified = false;
      }
    }
    // The kept tree's leaves bound each opening's gain (see detail/seat_gains.hpp): first
    // from their duals (no Dijkstra), their paths where the tries need them (below).
    auto leaf_bounds = [&] {
      return options.seat_tree && options.seat_leaf_bound ? e.tree_seat_gain_bounds(e.solution(), false)
                                                          : std::vector<std::int64_t>{};
    };
    // Whether the leaves bound every opening that could take a seat (every component's
    // search kept a tree whose leaves all have their flows).
    auto cover = [&](const std::vector<std::int64_t>& bounds) {
      if (bounds.empty()) return false;
      for (Index o = 0; o < openings; ++o)
        if (e.seats(o) < e.arcs_of(o) && bounds[at(o)] == detail::kNoSeatBound) return false;
      return true;
    };
    std::vector<std::int64_t> by_leaves = leaf_bounds();
    // A state from a try that searched the kept leaves first has no root certificate; when
    // its leaves do not bound every opening either, it is solved again, the tree's root
    // first (its certificate bounds the rest).
    if (options.seat_tree && e.solution().cert_opening_dual.empty() && !cover(by_leaves)) {
      current = e.run(std::nullopt, TreeUse::FromAndKeep);
      by_leaves = leaf_bounds();
    }
    // Tries search the kept leaves first (SolveOptions::tree_leaves_first: no root
    // certificate for the next step) only where the leaves bound every opening.
    const bool leaves_first = options.seat_leaves_first && cover(by_leaves);
    // The current state's certificate bounds each opening's gain (see the header).
    const Solution& s = e.solution();
    const bool duals = !s.cert_opening_dual.empty();
    const std::vector<std::int64_t> tight = e.seat_gain_bounds();
    std::optional<Solution> state;  // the state's, for the paths (the tries replace e.solution())
    if (!by_leaves.empty()) state = s;

    std::vector<std::pair<std::int64_t, Index>> order;
    std::vector<std::pair<std::int64_t, Index>> by_certificate;  // with the leaves: each opening's
    for (Index o = 0; o < openings; ++o) {
      if (e.seats(o) >= e.arcs_of(o)) continue;  // a seat beyond its pairs stays empty
      const std::int64_t certified = !tight.empty() ? tight[at(o)]
                                     : duals        ? s.cert_gap + s.cert_opening_dual[at(o)]
                                                    : kNoBound;
      const std::int64_t ub = by_leaves.empty() ? certified : std::min(certified, by_leaves[at(o)]);
      if (!by_leaves.empty() && certified > 0) by_certificate.emplace_back(certified, o);
      if (ub <= 0) continue;
      order.emplace_back(ub, o);
    }
    auto by_bound = [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; };
    std::sort(order.begin(), order.end(), by_bound);
    // The leaves' paths, searched up to `threshold` (detail/seat_gains.hpp): every bound
    // lowered to them where they are smaller (only the openings whose bound exceeds the
    // threshold pay for their paths). Once per threshold lower than the last.
    std::int64_t paths_to = kNoBound;
    auto paths_above = [&](std::int64_t threshold) {
      if (!state || threshold >= paths_to) return;
      paths_to = threshold;
      const std::vector<std::int64_t> paths = e.tree_seat_gain_bounds(*state, true, threshold);
      if (paths.empty()) {
        paths_to = std::numeric_limits<std::int64_t>::min();  // none to search again
        return;
      }
      for (auto& [b, x] : order) b = std::min(b, paths[at(x)]);
      for (std::size_t x = 0; x < by_leaves.size(); ++x) by_leaves[x] = std::min(by_leaves[x], paths[x]);
    };
    // The first try is the opening of the largest bound: the paths of those above the
    // runner-up's bound first, until the largest stays above it (a few rounds at most).
    for (int round = 0; round < 3 && state && order.size() >= 2; ++round) {
      const std::int64_t second = order[1].first;
      paths_above(second);
      std::sort(order.begin(), order.end(), by_bound);
      if (order[0].first > second || order.size() < 2 || order[1].first >= second) break;
    }
    const std::int64_t base = e.weight(current);
    std::int64_t best_gain = 0;
    Index best = kNone;
    WhatIfValue best_value;
    std::optional<Solution> best_solution;  // the best try's, when proven optimal
    std::int64_t from_tree = 0, tree_leaves = 0;  // SeatStep::from_tree, tree_leaves
    for (auto& [ub, o] : order) {
      // A further try is due: the leaves' paths above the best gain first may rule it out.
      if (best != kNone && (ub > best_gain || (ub == best_gain && o < best))) paths_above(best_gain - 1);
      if (ub < best_gain || (ub == best_gain && best != kNone && o > best)) continue;
      if (asked_to_stop(options)) {
        stopped = true;
        return steps;  // the step under way is dropped
      }
      // Only a gain above the best so far (or equal to it, at an opening listed first)
      // can change the choice: the re-solve prunes at that value (a value at most the
      // cutoff only says the opening does not win).
      const std::int64_t cutoff = best == kNone ? base : o < best ? base + best_gain - 1 : base + best_gain;
      const std::int32_t seats = e.seats(o);
      e.set_seats(o, seats + 1);
      // With the leaves' bounds, the try searches the kept leaves at once, without the
      // tree root's Lagrangian (its certificate would bound the next step less than they do).
      const WhatIfValue v = e.run(cutoff, TreeUse::FromAndKeep, leaves_first);
      e.set_seats(o, seats);
      e.count_tree(from_tree, tree_leaves);
      const std::int64_t gain = e.weight(v) - base;
      if (gain > best_gain || (gain == best_gain && gain > 0 && o < best)) {
        best_gain = gain;
        best = o;
        best_value = v;
        // Above its cutoff a try is exact: proven optimal, it is the committed state's
        // optimum (and its certificate bounds the next step as a re-solve's would).
        if (v.optimal)
          best_solution = e.solution();
        else
          best_solution.reset();
      }
    }
    if (best == kNone) break;
    e.set_seats(best, e.seats(best) + 1);
    if (best_solution) {  // the winning try's proven optimum: no re-solve of the same change
      current = best_value;
      e.keep(std::move(*best_solution));
    } else {
      current = e.run(std::nullopt, TreeUse::FromAndKeep);  // the committed state, whose duals bound the next step
      e.count_tree(from_tree, tree_leaves);
    }
    SeatStep step{best, e.seats(best), current};
    step.from_tree = from_tree;
    step.tree_leaves = tree_leaves;
    // The openings whose certificate's bound alone could still beat the choice (those the
    // loop above would have tried) but whose leaf bound cannot.
    for (const auto& [certified, o] : by_certificate)
      if (certified > best_gain || (certified == best_gain && o < best)) {
        const std::int64_t ub = std::min(certified, by_leaves[at(o)]);
        if (!(ub > best_gain || (ub == best_gain && o < best))) ++step.leaf_skipped;
      }
    steps.push_back(step);
    uncertified = false;
  }
  return steps;
}

}  // namespace

std::vector<SeatStep> whatif_seats(const Instance& instance, std::optional<int> seats,
                                   std::optional<double> target, const WhatIfOptions& options) {
  Engine e(instance, options, Phase::Seats);
  const WhatIfValue today = e.run(std::nullopt, TreeUse::Keep);
  bool stopped = false;
  return seat_steps(e, seats, target, static_cast<Index>(instance.citizens.size()), today, options, stopped);
}

std::vector<OpeningGain> whatif_openings(const Instance& extended, Index first_proposed,
                                         const WhatIfOptions& options) {
  Engine e(extended, options, Phase::Openings);
  const Index n = static_cast<Index>(extended.openings.size());
  for (Index o = first_proposed; o < n; ++o) e.set_seats(o, 0);
  const WhatIfValue today = e.run();
  std::vector<OpeningGain> out;
  for (Index o = first_proposed; o < n; ++o) {
    e.step(o - first_proposed + 1, n - first_proposed);
    e.set_seats(o, extended.openings[at(o)].seats);
    OpeningGain g;
    g.opening = o;
    g.value = e.run();
    g.gain_placed = g.value.placed - today.placed;
    g.gain_score = g.value.score - today.score;
    e.set_seats(o, 0);
    out.push_back(g);
  }
  const bool by_score = options.objective == Objective::Score;
  std::stable_sort(out.begin(), out.end(), [&](const OpeningGain& a, const OpeningGain& b) {
    if (!by_score && a.gain_placed != b.gain_placed) return a.gain_placed > b.gain_placed;
    return a.gain_score > b.gain_score;
  });
  return out;
}

namespace {

// A gain per krone, compared as the contract orders it: placements per krone, then score
// per krone (a free course before any paid one), then the cheaper, then the resident and
// the course listed first.
struct Key {
  long double placed = 0, score = 0;  // gains (optimistic ones may be +inf)
  double cost = 0;
  Index citizen = kNone, course = kNone;
};

bool better(const Key& a, const Key& b) {
  const bool fa = a.cost == 0, fb = b.cost == 0;
  if (fa != fb) return fa;
  if (fa) {
    if (a.placed != b.placed) return a.placed > b.placed;
    if (a.score != b.score) return a.score > b.score;
  } else {
    const long double pa = a.placed * b.cost, pb = b.placed * a.cost;
    if (pa != pb) return pa > pb;
    const long double sa = a.score * b.cost, sb = b.score * a.cost;
    if (sa != sb) return sa > sb;
    if (a.cost != b.cost) return a.cost < b.cost;
  }
  if (a.citizen != b.citizen) return a.citizen < b.citizen;
  return a.course < b.course;
}

}  // namespace

CoursesResult whatif_courses(const Instance& instance, const std::vector<Course>& courses,
                             double budget, const WhatIfOptions& options) {
  CoursesResult out;
  out.budget = budget;
  const Index n = static_cast<Index>(instance.citizens.size());
  const bool by_score = options.objective == Objective::Score;

  // The instance with one copy of a resident per course that changes them.
  struct Option {
    Index citizen, course, copy;
  };
  std::vector<Option> opts;
  Instance x = instance;
  for (Index c = 0; c < n; ++c) {
    const Citizen& ci = instance.citizens[at(c)];
    if (pinned_citizen(instance, c)) continue;
    for (Index s = 0; s < static_cast<Index>(courses.size()); ++s) {
      const Course& course = courses[at(s)];
      if (!course_eligible(ci, course)) continue;
      Citizen changed = apply_course(ci, course);
      if (changed.competences == ci.competences && changed.barriers == ci.barriers) continue;
      changed.id = ci.id + "+" + course.id;
      const Index copy = static_cast<Index>(x.citizens.size());
      x.citizens.push_back(std::move(changed));
      for (const Decision& d : instance.decisions)
        if (d.kind == DecisionKind::Forbid && d.citizen == c) {
          Decision f = d;
          f.citizen = copy;
          x.decisions.push_back(std::move(f));
        }
      opts.push_back({c, s, copy});
    }
  }
  x.finalize();

  Engine e(x, options, Phase::Courses);
  for (const Option& o : opts) e.open_citizen(o.copy, false);
  WhatIfValue current = e.run();
  out.before = current;
  std::vector<Index> active(at(n));
  for (Index c = 0; c < n; ++c) active[at(c)] = c;
  std::vector<bool> taken(at(n), false);
  const CandidateGraph& g = e.graph();
  const MatchingProblem& p = e.problem();
  const long double inf = std::numeric_limits<long double>::infinity();

  for (;;) {
    if (asked_to_stop(options)) {
      out.stopped = true;
      break;
    }
    e.step(static_cast<std::int64_t>(out.steps.size()) + 1, 0);
    const Solution& s = e.solution();
    const bool duals = !s.cert_citizen_dual.empty();
    const std::int64_t big = s.big;
    // Optimistic keys: the dual bound on the weight gain (see the header), split into
    // placements and score; without duals anything may gain a placement.
    std::vector<std::pair<Key, std::size_t>> order;
    for (std::size_t i = 0; i < opts.size(); ++i) {
      const Option& o = opts[i];
      const double cost = courses[at(o.course)].cost;
      if (taken[at(o.citizen)] || out.spent + cost > budget) continue;
      Key k{by_score ? 0.0L : 1.0L, inf, cost, o.citizen, o.course};
      if (duals) {
        std::int64_t best = 0;
        for (std::int64_t a = g.begin(o.copy); a < g.end(o.copy); ++a) {
          const Index op = g.opening[at(a)];
          std::int64_t r = big + g.score[at(a)] - s.cert_opening_dual[at(op)];
          if (p.arc_pooled[at(a)]) r -= s.cert_opening_price[at(op)];
          if (const Index grp = p.opening_cap_group[at(op)]; grp != kNone) r -= s.cert_cap_group_dual[at(grp)];
          best = std::max(best, r);
        }
        const std::int64_t ub = s.cert_gap + best - s.cert_citizen_dual[at(o.citizen)];
        if (ub <= 0) continue;  // no gain possible
        if (!by_score && ub >= big - current.score) {
          k.placed = 1;
          k.score = static_cast<long double>(ub - big);
        } else {
          k.placed = 0;
          k.score = static_cast<long double>(ub);
        }
      }
      order.emplace_back(k, i);
    }
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return better(a.first, b.first); });
    std::optional<Key> best;
    std::size_t best_i = 0;
    WhatIfValue best_value;
    for (const auto& [opt, i] : order) {
      if (best && better(*best, opt)) break;
      if (asked_to_stop(options)) {
        out.stopped = true;
        break;
      }
      // The least weight a try must exceed to be able to win (see the header): a try that
      // gains nothing is never taken; a paid course never beats a free one; against a paid
      // best, a paid course needs at least as many placements (score, for the score
      // objective) per krone — rounded down, so the cutoff never prunes a possible winner.
      std::int64_t cutoff = e.weight(current);
      if (best) {
        const bool free_try = opt.cost == 0, free_best = best->cost == 0;
        if (free_best && !free_try) continue;
        const auto gain_b = static_cast<std::int64_t>(by_score ? best->score : best->placed * big + best->score);
        if (free_try && free_best) {
          cutoff += gain_b - 1;
        } else if (!free_try) {
          const long double ratio = static_cast<long double>(opt.cost) / best->cost;
          if (by_score) {
            cutoff += std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor(best->score * ratio)) - 2);
          } else if (const auto need = static_cast<std::int64_t>(std::floor(best->placed * ratio)); need >= 1) {
            cutoff += big * (need - 1);
          }
        }
      }
      const Option& o = opts[i];
      e.open_citizen(o.citizen, false);
      e.open_citizen(o.copy, true);
      const WhatIfValue v = e.run(cutoff);
      e.open_citizen(o.copy, false);
      e.open_citizen(o.citizen, true);
      const std::int64_t gp = by_score ? 0 : v.placed - current.placed;
      const std::int64_t gs = v.score - current.score;
      if ((by_score ? gs : big * gp + gs) <= 0) continue;
      Key k{static_cast<long double>(gp), static_cast<long double>(gs), opt.cost, o.citizen, o.course};
      if (!best || better(k, *best)) {
        best = k;
        best_i = i;
        best_value = v;
      }
    }
    if (out.stopped || !best) break;  // stopped: the step under way is dropped
    const Option& o = opts[best_i];
    e.open_citizen(o.citizen, false);
    e.open_citizen(o.copy, true);
    taken[at(o.citizen)] = true;
    active[at(o.citizen)] = o.copy;
    out.spent += courses[at(o.course)].cost;
    current = e.run();
    out.steps.push_back({o.citizen, o.course, courses[at(o.course)].cost, budget - out.spent, current});
  }
  out.after = current;

  out.uses.resize(courses.size());
  for (std::size_t s = 0; s < courses.size(); ++s) out.uses[s].course = static_cast<Index>(s);
  const auto& arc = e.solution().citizen_arc;
  for (const CourseStep& st : out.steps) {
    CourseUse& u = out.uses[at(st.course)];
    ++u.taken;
    u.then_placed += arc[at(active[at(st.citizen)])] >= 0;
  }

  if (out.stopped) return out;
  // The bound: every eligible resident takes every course at once.
  Instance all = instance;
  for (Index c = 0; c < n; ++c)
    for (const Course& course : courses)
      if (course_eligible(all.citizens[at(c)], course))
        all.citizens[at(c)] = apply_course(all.citizens[at(c)], course);
  all.finalize();
  out.bound_all_courses = whatif_today(all, options);
  return out;
}

WhatIfResult whatif(const Instance& instance, const WhatIfRequest& request) {
  WhatIfResult r;
  r.objective = request.options.objective;
  const bool proposals = request.first_proposed != kNone &&
                         request.first_proposed < static_cast<Index>(instance.openings.size());
  // Today's instance: without the proposed openings.
  std::optional<Instance> trimmed;
  if (request.first_proposed != kNone && request.first_proposed < static_cast<Index>(instance.openings.size())) {
    trimmed = instance;
    trimmed->openings.resize(at(request.first_proposed));
    trimmed->finalize();
  }
  const Instance& base = trimmed ? *trimmed : instance;
  r.residents = static_cast<Index>(base.citizens.size());
  r.ceiling = whatif_ceiling(base, request.options);
  {
    Engine e(base, request.options, Phase::Seats);
    r.today = e.run(std::nullopt, TreeUse::Keep);
    r.seats = seat_steps(e, request.seats, request.target, r.residents, r.today, request.options, r.stopped);
  }
  if (r.stopped) return r;
  if (proposals) r.openings = whatif_openings(instance, request.first_proposed, request.options);
  if (!request.courses.empty() && !asked_to_stop(request.options)) {
    r.courses = whatif_courses(base, request.courses, request.budget, request.options);
    r.stopped = r.courses->stopped;
  } else if (!request.courses.empty()) {
    r.stopped = true;
  }
  return r;
}

}  // namespace placematch
