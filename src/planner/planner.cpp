// The warm planner: plan, re-plan against an earlier plan, suggestions and why-not
// (contract v2, sections 6-9). See placematch/planner/planner.hpp for the method.
#include "placematch/planner/planner.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "detail/csr.hpp"
#include "detail/floor_paths.hpp"
#include "detail/progress_relay.hpp"
#include "detail/residual_pricing.hpp"
#include "placematch/explain/empty_seats.hpp"
#include "placematch/io/files.hpp"
#include "placematch/plan/audit.hpp"
#include "placematch/planner/floors.hpp"
#include "placematch/planner/snapshot.hpp"
#include "placematch/version.hpp"
#include "placematch/explain/reasons.hpp"
#include "placematch/model/diagnostics.hpp"
#include "placematch/rules/decisions.hpp"
#include "placematch/rules/rules.hpp"
#include "placematch/rules/validate.hpp"

namespace placematch {

namespace {

// Rounds of joint pool shifts per question (each adds the pools the new cycles break).
constexpr int kJointShiftRounds = 4;

std::size_t at(Index i) { return static_cast<std::size_t>(i); }
std::size_t at(std::int64_t i) { return static_cast<std::size_t>(i); }

SolveOptions solve_options(const MatchOptions& o) { return o.solve; }

// A plan of the lexicographic re-planning order, decoded on the base scores.
struct LexiResult {
  Status status = Status::NotSolved;  // Infeasible: the pins cannot hold together
  bool optimal = false;               // proven optimal in section 7's order
  std::vector<std::int64_t> citizen_arc;
  std::int64_t placed = 0, kept = 0, score = 0;
  std::int64_t kept_root_closes = 0;  // the Matcher's (SolveStats) over this solve's runs
  std::int64_t local_price_closes = 0;  // of them, after the local LP's prices (SolveStats)
};

// The re-planning weights LAMBDA + KEEP * kept + score on a base problem, with a warm
// Matcher (see planner.hpp). `plain` is a Matcher on the base problem (Placements) used to
// verify a LAMBDA below the exact one.
class Lexi {
 public:
  // `questions`: the Matcher re-solves P's problem with one pin per question
  // (SolveOptions::kept_root_prices).
  Lexi(const MatchingProblem& base, std::vector<std::uint8_t> keep, const SolveOptions& sopt,
       LexicographicScaling scaling, bool questions = false)
      : base_(base), keep_(std::move(keep)), sopt_(sopt) {
    sopt_.kept_root_prices = questions;
    std::int64_t d = 0;
    for (Index c = 0; c < base.num_citizens; ++c) {
      std::int64_t best = 0;
      for (std::int64_t e = base.arc_begin[at(c)]; e < base.arc_begin[at(c) + 1]; ++e)
        best = std::max(best, base.arc_score[at(e)]);
      d += best;
    }
    keep_unit_ = d + 1;
    std::int64_t kept_arcs = 0;
    for (auto k : keep_) kept_arcs += k;
    const __int128 nodes = static_cast<__int128>(base.num_citizens) + base.num_openings +
                           static_cast<__int128>(base.cap_group_limit.size()) + 3;
    auto fits = [&](__int128 lambda) {
      const __int128 top = lambda + keep_unit_ + 1'000'000;
      return top <= (static_cast<__int128>(1) << 52) && 4 * top * nodes <= (static_cast<__int128>(1) << 61);
    };
    if (sopt.objective == Objective::Score) {
      lambda_ = 0;
      exact_ = true;
    } else {
      const __int128 exact = static_cast<__int128>(keep_unit_) * kept_arcs + keep_unit_;
      if (scaling == LexicographicScaling::Auto && fits(exact)) {
        lambda_ = static_cast<std::int64_t>(exact);
        exact_ = true;
      } else {
        lambda_ = 4 * keep_unit_;
        exact_ = false;
      }
      fits_ = fits;
    }
    build();
  }

  // The lexicographic optimum with `extra_pin` (an arc, or -1) pinned in addition to the
  // problem's pins. `plain` is used only below the exact LAMBDA, to prove that the plan has
  // the most placements possible with the pin; `most_placed`, when given, is a proven upper
  // bound on those placements (e.g. from P's residual certificate): a plan that reaches it
  // needs no such solve. `bounded` counts the plans accepted that way.
  LexiResult solve(std::int64_t extra_pin, Matcher& plain, std::optional<std::int64_t> most_placed = std::nullopt,
                   std::int64_t* bounded = nullptr) {
    if (extra_pin >= 0) matcher_->pin(extra_pin);
    LexiResult r;
    for (;;) {
      const Status st = matcher_->run();
      if (st == Status::Infeasible || st == Status::BadCostRange) {
        if (st == Status::BadCostRange && !r.citizen_arc.empty()) break;  // keep the last plan, not proven
        if (st == Status::BadCostRange)
          throw std::runtime_error("re-planning: the instance is too large for exact int64 weights");
        r.status = st;
        break;
      }
      decode(matcher_->solution(), r);
      r.kept_root_closes += matcher_->solution().stats.kept_root_closes;
      r.local_price_closes += matcher_->solution().stats.local_price_closes;
      if (exact_ || sopt_.objective == Objective::Score) {
        r.optimal = st == Status::Optimal;
        break;
      }
      // Verified LAMBDA: accepted when the placements are the most possible.
      if (most_placed && r.placed >= *most_placed) {
        if (r.placed > *most_placed) throw std::logic_error("re-planning: a plan places more than its proven bound");
        r.optimal = st == Status::Optimal;
        if (bounded) ++*bounded;
        break;
      }
      if (extra_pin >= 0) plain.pin(extra_pin);
      plain.run();
      const auto bound = plain.solution().placed_bound;
      if (extra_pin >= 0) plain.pin(extra_pin, false);
      if (bound && r.placed >= *bound) {
        r.optimal = st == Status::Optimal;
        break;
      }
      if (!fits_(static_cast<__int128>(lambda_) * 16)) break;  // not proven: r.optimal stays false
      lambda_ *= 16;
      build();
      if (extra_pin >= 0) matcher_->pin(extra_pin);
    }
    if (extra_pin >= 0) matcher_->pin(extra_pin, false);
    return r;
  }

  std::int64_t lambda() const { return lambda_; }
  /// KEEP: one more kept placement outweighs any difference of total scores.
  std::int64_t keep_unit() const { return keep_unit_; }
  const std::vector<std::uint8_t>& keep() const { return keep_; }

 private:
  void build() {
    prob_ = base_;
    prob_.max_score = lambda_ + keep_unit_ + 1'000'000;
    for (std::size_t e = 0; e < prob_.arc_score.size(); ++e)
      prob_.arc_score[e] = lambda_ + (keep_[e] ? keep_unit_ : 0) + base_.arc_score[e];
    matcher_ = std::make_unique<Matcher>(prob_);
    SolveOptions s = sopt_;
    s.objective = Objective::Score;
    // The re-planning weights fold kept placements into the score.
    s.progress = detail::without_figures(sopt_.progress);
    matcher_->options(s);
  }
  void decode(const Solution& s, LexiResult& r) const {
    r.status = s.status;
    r.citizen_arc = s.citizen_arc;
    r.placed = r.kept = r.score = 0;
    for (auto e : s.citizen_arc) {
      if (e < 0) continue;
      ++r.placed;
      r.kept += keep_[at(e)];
      r.score += base_.arc_score[at(e)];
    }
  }

  const MatchingProblem& base_;
  std::vector<std::uint8_t> keep_;
  SolveOptions sopt_;
  std::int64_t keep_unit_ = 1, lambda_ = 0;
  bool exact_ = false;
  std::function<bool(__int128)> fits_;
  MatchingProblem prob_;
  std::unique_ptr<Matcher> matcher_;
};

// The texts of this file (English), in one place.
const char* kPinsCannotHold = "the pins cannot all be kept together";

// Misuse: an index out of range, named with the call and the valid range.
void check_index(const char* call, const char* what, Index i, std::size_t n) {
  if (i < 0 || static_cast<std::size_t>(i) >= n)
    throw std::invalid_argument(std::string("Planner::") + call + ": " + what + " " + std::to_string(i) +
                                " out of range [0, " + std::to_string(n) + ")");
}

}  // namespace

std::string_view to_string(PlanChange::Kind kind) {
  switch (kind) {
    case PlanChange::Kind::Moved: return "moved";
    case PlanChange::Kind::Unplaced: return "unplaced";
    case PlanChange::Kind::Placed: return "placed";
    case PlanChange::Kind::Gone: return "gone";
  }
  return "moved";
}

PreviousPlan as_previous(const Instance& in, const Plan& plan) {
  PreviousPlan p;
  p.source = "plan";
  for (const Placement& x : plan.placements) {
    PreviousPlan::Entry e;
    e.citizen = in.citizens[at(x.citizen)].id;
    e.opening = in.openings[at(x.opening)].id;
    if (x.mentor != kNone) e.mentor = in.mentors[at(x.mentor)].id;
    p.placements.push_back(std::move(e));
  }
  return p;
}

std::vector<PlanChange> diff_plans(const Instance& in, const PreviousPlan& before, const Plan& after) {
  std::unordered_map<std::string, const PreviousPlan::Entry*> earlier;
  for (const auto& e : before.placements) earlier.emplace(e.citizen, &e);
  std::vector<Index> now(in.citizens.size(), kNone);
  for (const Placement& p : after.placements) now[at(p.citizen)] = p.opening;
  std::vector<PlanChange> out;
  for (std::size_t c = 0; c < in.citizens.size(); ++c) {
    const auto it = earlier.find(in.citizens[c].id);
    std::optional<std::string> b, a;
    if (it != earlier.end()) b = it->second->opening;
    if (now[c] != kNone) a = in.openings[at(now[c])].id;
    if (b == a) continue;
    PlanChange ch;
    ch.citizen = static_cast<Index>(c);
    ch.citizen_id = in.citizens[c].id;
    ch.before = b;
    ch.after = a;
    ch.kind = !b ? PlanChange::Kind::Placed : a ? PlanChange::Kind::Moved : PlanChange::Kind::Unplaced;
    out.push_back(std::move(ch));
  }
  for (const auto& e : before.placements) {
    if (in.citizen_index.count(e.citizen)) continue;
    PlanChange ch;
    ch.citizen_id = e.citizen;
    ch.before = e.opening;
    ch.kind = PlanChange::Kind::Gone;
    out.push_back(std::move(ch));
  }
  return out;
}

bool suggestion_before(const Suggestion& a, const Suggestion& b, Objective objective, std::int32_t a_score,
                       std::int32_t b_score, const std::string& a_id, const std::string& b_id) {
  if (a.possible != b.possible) return a.possible;
  if (a.possible) {
    if (a.cost.shortfall != b.cost.shortfall) return a.cost.shortfall < b.cost.shortfall;
    if (objective == Objective::Placements && a.cost.placed != b.cost.placed) return a.cost.placed < b.cost.placed;
    if (a.cost.moved != b.cost.moved) return a.cost.moved < b.cost.moved;
    if (a.cost.score != b.cost.score) return a.cost.score < b.cost.score;
  }
  if (a_score != b_score) return a_score > b_score;
  return a_id < b_id;
}

struct Planner::Impl {
  std::shared_ptr<const Instance> in;
  MatchOptions options;
  SolveOptions sopt;
  LexicographicScaling scaling = LexicographicScaling::Auto;
  MatchResult result;  // result.graph: the candidate graph; result.plan: P once solved
  MatchingProblem problem;
  ForbiddenPairs forbidden;
  std::unique_ptr<Matcher> plain;  // on `problem`, Placements/Score as asked: P and verification
  bool solved = false;
  std::vector<Index> warm_mentors;  // per citizen: the snapshot's mentor (kNone), until P is solved
  std::unique_ptr<Lexi> around_p;  // re-planning weights with P as the earlier plan
  std::unique_ptr<detail::WarmFloors> warm_floors;  // with floors: around_p's weights on the floors' reduction
  PairPricing pricing = PairPricing::Auto;
  std::unique_ptr<detail::ResidualPricer> pricer;  // P's residual graph; null until asked
  // With floors: P's floor counts when P is the plan without floors, proven, and meets every
  // floor (then a pair's plan from P's residual graph that meets every floor too is its
  // answer; see take()); else null.
  std::unique_ptr<detail::FloorCounts> p_floors;
  std::vector<Suggestion*> floor_misses;  // pairs whose priced plan left a floor short: re-solved
  // With floors that bind (P is the plan with floors, not the plan without them): the
  // pricer on the floors' reduction around P (detail::floor_pricing), its reduction, and
  // P's floor counts (each pair's shortfall); `pricer` null when P is not proven, its
  // virtual seats could not be set (both scopes: one engine call) or its certificate
  // failed. Null until asked; reset with `pricer`.
  struct FloorPricer {
    detail::FloorPricing view;
    std::unique_ptr<detail::ResidualPricer> pricer;
    std::unique_ptr<detail::FloorCounts> counts;
    std::int64_t shortfall = 0;  // P's total shortfall
  };
  std::unique_ptr<FloorPricer> floor_pricer;
  // P changed (or may have): both pricers are P's, built again when asked.
  void drop_pricers() {
    pricer.reset();
    floor_pricer.reset();
  }
  // The pool multipliers of the last certificate that held: the first guess for the next
  // plan's (a decision changes P by a few cycles, rarely the pools' worth).
  std::vector<detail::ResidualPricer::PoolPrice> last_pool_prices;
  PricingStats stats;
  // The candidate graph's arcs by opening (CSR, arc order), built on first use.
  std::vector<std::int64_t> into_begin;
  std::vector<std::int64_t> into_arc;

  // The arcs into opening o, in arc order (so in citizen order). O(arcs) once per graph.
  std::vector<std::int64_t> arcs_into(Index o) {
    const CandidateGraph& g = result.graph;
    if (into_begin.empty())
      detail::group_by(in->openings.size(), detail::Indices{static_cast<std::int64_t>(g.size())},
                       [&](std::int64_t e) { return g.opening[at(e)]; }, into_begin, into_arc);
    return {into_arc.begin() + into_begin[at(o)], into_arc.begin() + into_begin[at(o) + 1]};
  }

  Impl(std::shared_ptr<const Instance> instance, MatchOptions o)
      : in(std::move(instance)), options(o), sopt(solve_options(o)) {
    if (!in) throw std::invalid_argument("Planner: no instance");
    rebuild();
  }

  void rebuild() {
    const auto t0 = std::chrono::steady_clock::now();
    detail::announce(options.solve.progress, Phase::Candidates, t0);
    CandidateOptions copt;
    copt.weights = options.weights;
    copt.threads = options.solve.threads;
    result = MatchResult{};
    result.graph = build_candidates(*in, copt);
    result.stats.candidates = result.graph.size();
    result.stats.candidates_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    problem = make_problem(*in, result.graph);
    forbidden = ForbiddenPairs(*in);
    plain = std::make_unique<Matcher>(problem);
    plain->options(sopt);
    solved = false;
    warm_mentors.clear();
    around_p.reset();
    drop_pricers();
    into_begin.clear();
    into_arc.clear();
  }

  // The plain Matcher for verification always plans for placements.
  Matcher& verifier() { return *plain; }

  Plan finish(const std::vector<std::int64_t>& arcs, const std::vector<Index>& preferred) {
    detail::announce(options.solve.progress, Phase::Plan, std::chrono::steady_clock::now());
    Plan plan = make_plan(*in, result.graph, arcs, preferred);
    plan.objective = options.solve.objective;
    plan.unplaced = explain_unplaced(*in, result.graph, plan);
    plan.empty_seats = empty_seats(*in, result.graph, plan);
    auto broken = check_plan(*in, result.graph, plan);
    if (!broken.empty()) throw std::logic_error("the plan breaks a rule: " + broken.front());
    return plan;
  }

  const MatchResult& solve_p() {
    if (solved) return result;
    const auto t0 = std::chrono::steady_clock::now();
    plain->run();
    const Solution& s = plain->solution();
    if (s.status == Status::Infeasible) throw InputError({{"decisions", "row", kPinsCannotHold}});
    if (s.status != Status::Optimal && s.status != Status::Feasible)
      throw std::runtime_error(std::string("solver ended with status ") + std::string(to_string(s.status)));
    result.solution = s;
    result.plan = finish(s.citizen_arc, warm_mentors);
    warm_mentors.clear();
    result.plan.status = s.status;
    result.plan.bound_placed = s.placed_bound;
    result.plan.bound_score = s.score_bound;
    p_floors.reset();
    if (floored()) {
      // Section 12, as match() plans it: the plan without floors is plan_with_floors's
      // candidate and gives the price of the floors. result.solution stays the solve
      // without floors (its bound holds for every plan), with P's arcs.
      Plan with = plan_with_floors(*in, result.graph, result.plan, s.objective, sopt);
      with.unplaced = explain_unplaced(*in, result.graph, with);
      with.empty_seats = empty_seats(*in, result.graph, with);
      auto broken = check_plan(*in, result.graph, with);
      if (!broken.empty()) throw std::logic_error("the plan breaks a rule: " + broken.front());
      result.plan = std::move(with);
      std::vector<std::int64_t> arcs(in->citizens.size(), -1);
      for (const Placement& x : result.plan.placements) arcs[at(x.citizen)] = x.arc;
      const bool plain_is_p = s.status == Status::Optimal && arcs == s.citizen_arc;
      result.solution.citizen_arc = std::move(arcs);
      result.solution.placed = result.plan.placed;
      result.solution.score = result.plan.score;
      // Where P is not the plan without floors, P's residual graph has a better plan than P
      // (its certificate fails): not counted, no pricer built for nothing.
      if (plain_is_p) count_floors_of_p();
    }
    result.stats.solve_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    solved = true;
    return result;
  }

  // The instance has floors (contract section 12): every plan is first the least shortfall.
  bool floored() const { return !in->floors.empty(); }

  // With floors: P's floor counts when P (result.plan, result.solution.citizen_arc) is
  // proven and meets every floor, else none. Then a pair's plan from P's residual graph
  // (optimal without floors in section 7's order around P, when the pricer's certificate
  // holds) that meets every floor too is the pair's answer with floors (take()).
  void count_floors_of_p() {
    p_floors.reset();
    if (floored() && result.plan.status == Status::Optimal && result.plan.floors && result.plan.floors->shortfall == 0)
      p_floors = std::make_unique<detail::FloorCounts>(*in, result.solution.citizen_arc);
  }

  // A plan of the order with floors: least shortfall, then section 7's order.
  struct FloorQ {
    bool optimal = false;
    std::vector<std::int64_t> citizen_arc;
    std::int64_t placed = 0, kept = 0, score = 0, shortfall = 0, shortfall_bound = 0;
  };

  // The matching problem with the re-planning weights KEEP * kept + score of `lexi`.
  MatchingProblem weighted_by(const Lexi& lexi) const {
    MatchingProblem weighted = problem;
    for (std::size_t e = 0; e < weighted.arc_score.size(); ++e)
      weighted.arc_score[e] = (lexi.keep()[e] ? lexi.keep_unit() : 0) + problem.arc_score[e];
    return weighted;
  }

  // A FloorQ from the floors' plan `chosen` (arcs of `problem`).
  FloorQ floor_q(const Lexi& lexi, std::vector<std::int64_t> chosen, bool optimal, std::int64_t shortfall,
                 std::int64_t shortfall_bound) const {
    FloorQ q;
    q.optimal = optimal;
    q.citizen_arc = std::move(chosen);
    for (auto e : q.citizen_arc) {
      if (e < 0) continue;
      ++q.placed;
      q.kept += lexi.keep()[at(e)];
      q.score += problem.arc_score[at(e)];
    }
    q.shortfall = shortfall;
    q.shortfall_bound = shortfall_bound;
    return q;
  }

  // Section 7 with floors: the least total shortfall first, then section 7's order, on the
  // floors' reduction (detail::optimize_with_floors) with the re-planning weights KEEP *
  // kept + score as its arc scores (the placements tier is the reduction's own). `without`:
  // the re-plan without floors of the same pins (its candidate), `extra_pin` an arc pinned
  // too (or -1).
  FloorQ replan_with_floors(const Lexi& lexi, const LexiResult& without, std::int64_t extra_pin) {
    MatchingProblem weighted = weighted_by(lexi);
    if (extra_pin >= 0) weighted.pinned_arcs.push_back(extra_pin);
    // The most placements of any plan with these pins: the re-plan's when proven (section
    // 7's first tier), else the bound of the plain solve (fewer pins: still a bound).
    std::optional<std::int64_t> most;
    if (options.solve.objective == Objective::Placements) {
      if (without.optimal) most = without.placed;
      else if (result.solution.placed_bound) most = *result.solution.placed_bound;
    }
    const detail::FloorOptimum f = detail::optimize_with_floors(*in, weighted, options.solve.objective, most,
                                                                &without.citizen_arc, without.optimal, sopt);
    return floor_q(lexi, f.found ? f.chosen : without.citizen_arc, f.proven, f.shortfall, f.shortfall_bound);
  }

  // Q(pair) with floors: first the warm Matcher on the floors' reduction with P's
  // re-planning weights (order: shortfall, KEEP * kept + score). Its proven plan is Q for
  // the score objective; for placements when it places as many as the re-plan without
  // floors `without` proves possible with the pin (no plan places more). Else solved cold.
  FloorQ pair_with_floors(const LexiResult& without, std::int64_t arc) {
    // The re-plan without floors, proven, that meets every floor is Q: no plan has less
    // shortfall than none, and none is better in section 7's order.
    if (without.optimal && detail::floors_shortfall(*in, without.citizen_arc) == 0)
      return floor_q(*around_p, without.citizen_arc, true, 0, 0);
    if (pricing == PairPricing::Resolve) return replan_with_floors(*around_p, without, arc);  // tests: the cold path
    if (!warm_floors) warm_floors = std::make_unique<detail::WarmFloors>(*in, weighted_by(*around_p), sopt);
    if (const auto w = warm_floors->solve(arc); w && w->found && w->proven) {
      FloorQ q = floor_q(*around_p, w->chosen, true, w->shortfall, w->shortfall_bound);
      if (options.solve.objective == Objective::Score || (without.optimal && q.placed == without.placed)) return q;
    }
    return replan_with_floors(*around_p, without, arc);
  }

  std::vector<std::uint8_t> keep_of(const std::vector<std::int64_t>& arcs) const {
    std::vector<std::uint8_t> keep(result.graph.size(), 0);
    for (auto e : arcs)
      if (e >= 0) keep[at(e)] = 1;
    return keep;
  }

  Replan replan(const PreviousPlan& previous) {
    solve_p();  // the plain bound verifies LAMBDA below the exact one
    std::vector<std::int64_t> earlier(in->citizens.size(), -1);
    std::vector<Index> preferred(in->citizens.size(), kNone);
    Replan out;
    out.previous.placements = static_cast<std::int64_t>(previous.placements.size());
    for (const auto& e : previous.placements) {
      const auto c = in->citizen_index.find(e.citizen);
      const auto o = in->opening_index.find(e.opening);
      if (c == in->citizen_index.end() || o == in->opening_index.end()) continue;
      const std::int64_t arc = result.graph.find(c->second, o->second);
      if (arc < 0) continue;
      ++out.previous.still_feasible;
      earlier[at(c->second)] = arc;
      if (e.mentor) {
        const auto m = in->mentor_index.find(*e.mentor);
        if (m != in->mentor_index.end()) preferred[at(c->second)] = m->second;
      }
    }
    // (With floors not taken: the price of the floors is against the re-plan without them.)
    if (pricing == PairPricing::Auto && !floored() && earlier == result.solution.citizen_arc &&
        result.plan.status == Status::Optimal) {
      // The earlier plan is P (as far as it is still feasible): P is the unique optimum in
      // section 7's order (it keeps every earlier placement and has the most placements).
      out.plan = finish(earlier, preferred);
      out.plan.status = Status::Optimal;
      out.plan.bound_placed = result.plan.bound_placed;
      out.plan.bound_score = out.plan.score;
      out.previous.kept = out.plan.placed;
      out.changes = diff_plans(*in, previous, out.plan);
      return out;
    }
    Lexi lexi(problem, keep_of(earlier), sopt, scaling);
    LexiResult r = lexi.solve(-1, verifier());
    if (r.status == Status::Infeasible) throw InputError({{"decisions", "row", kPinsCannotHold}});
    // With floors the plan is the re-plan with them (least shortfall first), `r` its candidate.
    std::optional<FloorQ> fq;
    if (floored()) fq = replan_with_floors(lexi, r, -1);
    const bool optimal = fq ? fq->optimal : r.optimal;
    out.plan = finish(fq ? fq->citizen_arc : r.citizen_arc, preferred);
    out.plan.status = optimal ? Status::Optimal : Status::Feasible;
    if (optimal) {
      out.plan.bound_placed = options.solve.objective == Objective::Placements ? std::optional<Index>(out.plan.placed)
                                                                              : std::nullopt;
      out.plan.bound_score = out.plan.score;
    } else if (fq) {  // the solve without floors bounds every plan
      out.plan.bound_placed = result.solution.placed_bound;
      out.plan.bound_score = result.solution.score_bound;
    } else {
      out.plan.bound_placed = result.plan.bound_placed;
      out.plan.bound_score = result.plan.bound_score;
    }
    if (fq) {
      FloorsOutcome fo;
      for (const FloorRow& row : floor_rows(*in, out.plan)) fo.shortfall += row.shortfall;
      fo.shortfall_bound = std::min(fq->shortfall_bound, fo.shortfall);
      fo.price_placed = r.placed - out.plan.placed;  // against the re-plan without floors
      fo.price_score = r.score - out.plan.score;
      fo.price_exact = fq->optimal && r.optimal;
      out.plan.floors = fo;
    }
    out.previous.kept = fq ? fq->kept : r.kept;
    out.changes = diff_plans(*in, previous, out.plan);
    return out;
  }

  // The residual pricer on P when its certificate holds (else nullptr: re-solve per pair).
  detail::ResidualPricer* residual() {
    if (pricing != PairPricing::Auto) return nullptr;
    const MatchResult& p = solve_p();
    // With floors the shortfall tier is not in P's residual graph: re-solve per pair, unless
    // P meets every floor (then take() checks each pair's plan; count_floors_of_p()).
    if (floored() && !p_floors) return nullptr;
    if (!pricer) {
      // Pool multipliers to try when the pricer's own guess fails: the last certificate's,
      // then the engine's Lagrangian prices of P's solve (per opening, on the weight scale
      // big + score: split into placements and score).
      std::vector<std::vector<detail::ResidualPricer::PoolPrice>> hints;
      if (last_pool_prices.size() == problem.pool_limit.size()) hints.push_back(last_pool_prices);
      const Solution& sol = p.solution;
      if (sol.cert_opening_price.size() == problem.opening_pool.size() && !problem.pool_limit.empty()) {
        std::vector<detail::ResidualPricer::PoolPrice> engine(problem.pool_limit.size());
        for (std::size_t o = 0; o < problem.opening_pool.size(); ++o) {
          const Index k = problem.opening_pool[o];
          const std::int64_t price = sol.cert_opening_price[o];
          if (k == kNone || price <= 0) continue;
          detail::ResidualPricer::PoolPrice pp;
          pp.placements = sol.big > 0 ? price / sol.big : 0;
          pp.score = sol.big > 0 ? price % sol.big : price;
          auto& slot = engine[at(k)];
          if (pp.placements > slot.placements || (pp.placements == slot.placements && pp.score > slot.score)) slot = pp;
        }
        hints.push_back(std::move(engine));
      }
      pricer = std::make_unique<detail::ResidualPricer>(problem, p.solution.citizen_arc, sopt.objective, hints);
      ++stats.certificates;
      stats.certified += pricer->certified();
      if (pricer->certified()) {
        last_pool_prices = pricer->pool_prices();
        pricer->sink_trees();  // part of the warm state: each question's search stops near its root
      }
    }
    return pricer->certified() ? pricer.get() : nullptr;
  }

  // With floors that bind: the pricer on the floors' reduction around P when its
  // certificate holds (else nullptr: re-solve per pair). Its pairs are priced in the order
  // (least shortfall, placements, kept, score) on two levels (ResidualPricer::Levels), by
  // the same residual cycles, pool shifts and exactness argument as without floors.
  detail::ResidualPricer* floor_residual() {
    if (pricing != PairPricing::Auto || !floored() || p_floors) return nullptr;
    const MatchResult& p = solve_p();
    if (!floor_pricer) {
      floor_pricer = std::make_unique<FloorPricer>();
      FloorPricer& f = *floor_pricer;
      std::optional<detail::FloorPricing> view;
      if (p.plan.status == Status::Optimal)
        view = detail::floor_pricing(*in, problem, sopt.objective, p.solution.citizen_arc);
      if (view) {
        f.view = std::move(*view);
        f.pricer = std::make_unique<detail::ResidualPricer>(
            f.view.problem, f.view.plan, sopt.objective, detail::ResidualPricer::Levels{&f.view.level, &f.view.counted});
        ++stats.certificates;
        stats.certified += f.pricer->certified();
        if (f.pricer->certified()) {
          f.pricer->sink_trees();
          f.counts = std::make_unique<detail::FloorCounts>(*in, p.solution.citizen_arc);
          f.shortfall = p.plan.floors ? p.plan.floors->shortfall : 0;
        } else {
          f.pricer.reset();
        }
      }
    }
    return floor_pricer->pricer.get();
  }

  Suggestion unpriced(std::int64_t arc) {
    const MatchResult& p = solve_p();
    Suggestion s;
    const Index c = static_cast<Index>(std::upper_bound(result.graph.offsets.begin(), result.graph.offsets.end(), arc) -
                                       result.graph.offsets.begin() - 1);
    s.citizen = c;
    s.opening = result.graph.opening[at(arc)];
    s.arc = arc;
    s.in_plan = p.solution.citizen_arc[at(c)] == arc;
    s.optimal = p.plan.status == Status::Optimal;
    return s;
  }

  PlanChange change_of(Index c, Index before, Index after) const {
    PlanChange ch;
    ch.citizen = c;
    ch.citizen_id = in->citizens[at(c)].id;
    if (before != kNone) ch.before = in->openings[at(before)].id;
    if (after != kNone) ch.after = in->openings[at(after)].id;
    ch.kind = before == kNone ? PlanChange::Kind::Placed
                              : after != kNone ? PlanChange::Kind::Moved : PlanChange::Kind::Unplaced;
    return ch;
  }

  // The pairs of `arcs` (all of opening `o`, or all of citizen `c`), priced from P's residual
  // graph where that is exact, else by a warm re-solve each; in the order of `arcs`.
  // `top` > 0 (a suggestion list cut to its first `top`): a pair left unpriced by the
  // searches whose proven lower bound on its cost is above the costs of `top` pairs
  // already priced cannot be among the first `top` whatever its cost (the sort puts every
  // pair of a lower cost first), so it is neither shifted for nor re-solved, and it is
  // left out of the result (see `beyond_top`).
  std::vector<Suggestion> price_all(const std::vector<std::int64_t>& arcs, Index o, Index c, std::size_t top = 0) {
    detail::announce(options.solve.progress, Phase::Suggest, std::chrono::steady_clock::now());
    std::vector<Suggestion> out;
    out.reserve(arcs.size());
    std::vector<std::int64_t> open;
    for (std::int64_t e : arcs) {
      out.push_back(unpriced(e));
      if (!out.back().in_plan) open.push_back(e);
    }
    detail::ResidualPricer* r = open.empty() ? nullptr : residual();
    // With floors that bind: the floors' reduction around P; its arcs are not the graph's.
    const detail::FloorPricing* view = nullptr;
    if (!r && !open.empty() && (r = floor_residual())) view = &floor_pricer->view;
    auto in_r = [&](std::vector<std::int64_t> list) {
      if (view)
        for (auto& e : list) e = view->to_reduced[at(e)];
      return list;
    };
    if (!r) {
      for (Suggestion& s : out)
        if (!s.in_plan) resolve(s);
      return out;
    }
    floor_misses.clear();
    const auto priced = o != kNone ? r->price_opening(o, in_r(open)) : r->price_citizen(c, in_r(open));
    ++stats.searches;
    std::size_t next = 0;
    // Pairs whose Q breaks a mentor pool, by the one pool Q breaks by one place (kNone:
    // another fault) and which way; `ways`: every pool their cycles broke so far (one way per
    // pool), `grew` when a search added one since the last joint shift, `tried` that shift.
    using Ways = std::vector<std::pair<Index, int>>;
    struct Pooled {
      Index pool;
      int by;
      Suggestion* s;  // null once priced (or left out: beyond the first `top`)
      std::int64_t lost;  // the most placements lost any bound of its searches proved (resolve())
      std::int64_t weight;  // with `lost` placements lost: the least K * moved + score they proved
      Ways ways;
      bool grew = false;
      Ways tried;
    };
    std::vector<Pooled> pooled;
    auto merge = [](Pooled& p, const Ways& faults) {
      for (const auto& f : faults) {
        const auto same = std::find_if(p.ways.begin(), p.ways.end(), [&](const auto& w) { return w.first == f.first; });
        if (same != p.ways.end()) continue;  // a pool keeps the way it was first broken
        p.ways.insert(std::upper_bound(p.ways.begin(), p.ways.end(), f), f);
        p.grew = true;
      }
    };
    for (Suggestion& s : out) {
      if (s.in_plan) continue;
      const detail::ResidualPricer::Priced& q = priced[next++];
      if (!q.possible) {
        s.possible = false;
        continue;
      }
      if (!q.keeps_pools) {  // Q breaks a mentor pool: priced below, or by the pool search
        pooled.push_back({q.broken_pool, q.broken_by, &s, q.bound_placed, q.bound_weight, {}, false, {}});
        merge(pooled.back(), q.faults);
        pooled.back().grew = q.broken_pool == kNone;  // one pool broken by one: the shifts below first
        continue;
      }
      if (take(s, q, view)) ++stats.cycle_pairs;  // Q is optimal for the relaxation and keeps every rule
    }
    // The pools broken by one place, each with its way: their multipliers shifted one pool
    // at a time (ResidualPricer::shift_pool); after each shift the pairs are searched again,
    // exact where a plan that keeps the pools meets the shifted bound (the new cycle, or it
    // plus one F per pool it breaks). (Shifting all of them at once first was measured at
    // regional scale: it saved little once a single shift took 1-2 ms, and a joint shift of
    // 23-32 pools that failed cost 17-130 ms.) Then the pairs left whose cycles broke several
    // pools: all those pools shifted together, searched again, and again with the pools the
    // new cycles break added, while that set grows (per round the sets of all those pairs
    // first shifted at once, as far as their cycles F allow (joint_subset), without the
    // arc-by-arc last resort: one shift and one search where each set alone takes one each).
    // The pairs left after that are re-solved warm.
    std::stable_sort(pooled.begin(), pooled.end(),
                     [](const Pooled& x, const Pooled& y) { return std::tie(x.pool, x.by) < std::tie(y.pool, y.by); });
    // A pair's lower bound (lost, weight) raised by another search's, lexicographically.
    auto raise = [](Pooled& p, const detail::ResidualPricer::Priced& q) {
      if (q.bound_placed > p.lost || (q.bound_placed == p.lost && q.bound_weight > p.weight)) {
        p.lost = q.bound_placed;
        p.weight = q.bound_weight;
      }
    };
    // The pairs still unpriced whose bound is above the costs of `top` priced pairs: left
    // out (placements objective, no floors: the sort's order is then placed, moved, score,
    // and K * moved + score orders (moved, score) since |score| < K). A priced pair's cost
    // is its plan's (an upper bound on its exact cost when not proven, which is what the
    // sort uses), so a pair left out would sort after each of those `top` pairs.
    std::vector<std::uint8_t> left_out(out.size(), 0);
    auto beyond_top = [&] {
      if (top == 0 || floored() || options.solve.objective != Objective::Placements) return;
      const std::int64_t K = r->keep_unit();
      std::vector<std::uint8_t> pending(out.size(), 0);
      for (const Pooled& p : pooled)
        if (p.s) pending[static_cast<std::size_t>(p.s - out.data())] = 1;
      for (Pooled& p : pooled) {
        if (!p.s) continue;
        std::size_t below = 0;
        for (std::size_t i = 0; i < out.size() && below < top; ++i) {
          const Suggestion& s = out[i];
          if (!s.possible || pending[i] || left_out[i]) continue;
          const PairCost x = s.in_plan ? PairCost{} : s.cost;  // a pair in P costs nothing
          below += x.placed < p.lost ||
                   (x.placed == p.lost && static_cast<__int128>(K) * x.moved + x.score < p.weight);
        }
        if (below < top) continue;
        const std::size_t i = static_cast<std::size_t>(p.s - out.data());
        left_out[i] = 1;
        pending[i] = 0;
        p.s = nullptr;
        ++stats.left_out_pairs;
      }
    };
    auto price_shifted = [&](const std::vector<std::size_t>& list, bool several,
                             bool all_groups = false) {  // pooled[list] after a shift
      std::vector<std::int64_t> again;
      std::vector<std::size_t> which;
      for (std::size_t x : list)
        if (pooled[x].s) {
          again.push_back(pooled[x].s->arc);
          which.push_back(x);
        }
      if (again.empty()) return;
      const auto shifted = o != kNone ? r->price_opening(o, in_r(again)) : r->price_citizen(c, in_r(again));
      ++stats.searches;
      for (std::size_t y = 0; y < which.size(); ++y) {
        const detail::ResidualPricer::Priced& q = shifted[y];
        Pooled& p = pooled[which[y]];
        if (q.possible) raise(p, q);  // a bound under a checked certificate
        bool taken = false;
        if (q.possible && q.keeps_pools)
          taken = take(*p.s, q, view);
        else if (auto rq = r->repaired(q))
          taken = take(*p.s, *rq, view);
        else {
          if (q.possible) merge(p, q.faults);
          continue;
        }
        stats.pool_priced_pairs += taken;
        stats.several_pool_pairs += taken && several;
        stats.union_pool_pairs += taken && all_groups;
        p.s = nullptr;
      }
    };
    auto range = [](std::size_t i, std::size_t j) {
      std::vector<std::size_t> list;
      for (std::size_t x = i; x < j; ++x) list.push_back(x);
      return list;
    };
    beyond_top();
    std::size_t first = 0;  // pooled[first, end): a pool broken by one place
    while (first < pooled.size() && pooled[first].pool == kNone) ++first;
    for (std::size_t i = first; i < pooled.size();) {
      std::size_t j = i;
      while (j < pooled.size() && pooled[j].pool == pooled[i].pool && pooled[j].by == pooled[i].by) ++j;
      beyond_top();
      bool left = false;
      for (std::size_t x = i; x < j; ++x) left |= pooled[x].s != nullptr;
      if (left) {
        ++stats.pool_shifts;
        if (r->shift_pool(pooled[i].pool, pooled[i].by)) {
          price_shifted(range(i, j), false);
          r->restore_pool();
        }
      }
      i = j;
    }
    // The joint shifts: per round, the pairs whose set of broken pools grew, grouped by the
    // part of that set that can be shifted (one shift and one search per group).
    for (int round = 0; round < kJointShiftRounds; ++round) {
      beyond_top();
      std::map<Ways, std::vector<std::size_t>> groups;
      for (std::size_t x = 0; x < pooled.size(); ++x) {
        Pooled& p = pooled[x];
        if (!p.s || !p.grew) continue;
        p.grew = false;
        Ways can;
        for (const auto& w : p.ways)
          if (r->shiftable(w.first, w.second)) can.push_back(w);
        if (can.empty() || can == p.tried) continue;
        p.tried = can;
        groups[can].push_back(x);
      }
      if (groups.empty()) break;
      // First every group's pools at once (one way per pool, the first met): one shift and
      // one search for all of them; each group's own shift then for the pairs it leaves.
      if (groups.size() > 1) {
        Ways all;
        std::vector<std::size_t> every;
        for (const auto& [ways, list] : groups) {
          for (const auto& w : ways)
            if (std::none_of(all.begin(), all.end(), [&](const auto& a) { return a.first == w.first; }))
              all.insert(std::upper_bound(all.begin(), all.end(), w), w);
          every.insert(every.end(), list.begin(), list.end());
        }
        all = r->joint_subset(all);
        ++stats.pool_shifts;
        if (all.size() > 1 && r->shift_pools(all, false)) {
          price_shifted(every, true, true);
          r->restore_pool();
        }
      }
      for (const auto& [ways, list] : groups) {
        if (std::none_of(list.begin(), list.end(), [&](std::size_t x) { return pooled[x].s != nullptr; })) continue;
        ++stats.pool_shifts;
        if (!r->shift_pools(ways)) continue;
        price_shifted(list, ways.size() > 1);
        r->restore_pool();
      }
    }
    // The re-solves, least bound first (with `top`, each exact cost may leave more out).
    std::vector<std::size_t> order;
    for (std::size_t x = 0; x < pooled.size(); ++x)
      if (pooled[x].s) order.push_back(x);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      return std::tie(pooled[x].lost, pooled[x].weight) < std::tie(pooled[y].lost, pooled[y].weight);
    });
    for (std::size_t x : order) {
      beyond_top();
      Pooled& p = pooled[x];
      if (!p.s) continue;
      // (With floors the bound's first level is not placements lost: no bound passed.)
      if (view)
        resolve(*p.s);
      else
        resolve(*p.s, p.lost);
      p.s = nullptr;
    }
    // With floors: the pairs whose plan from the residual graph left a floor short.
    for (Suggestion* s : floor_misses) resolve(*s);
    floor_misses.clear();
    if (std::find(left_out.begin(), left_out.end(), 1) == left_out.end()) return out;
    std::vector<Suggestion> kept;
    kept.reserve(out.size());
    for (std::size_t i = 0; i < out.size(); ++i)
      if (!left_out[i]) kept.push_back(std::move(out[i]));
    return kept;
  }

  // A pair priced exactly by a plan Q from P's residual graph: its cost and who moves. With
  // floors (P meets every floor, p_floors): Q is the answer when it meets every floor too (no
  // plan has less shortfall, and Q is optimal in section 7's order); otherwise false, and
  // the pair waits in floor_misses for the floors' re-solve.
  // `view`: Q is from the floors' reduction around P (floor_residual()): its order has the
  // shortfall first, so Q is the answer; its arcs are the reduction's (a virtual arc: the
  // citizen is unplaced).
  bool take(Suggestion& s, const detail::ResidualPricer::Priced& q, const detail::FloorPricing* view = nullptr) {
    auto real = [&](ArcIndex e) { return view && e != kNone ? view->real_arc[at(e)] : e; };
    std::int64_t shortfall = 0;
    std::vector<std::pair<Index, ArcIndex>> moves;  // with floors: Q's moves, on the graph's arcs
    if (floored()) {
      moves.reserve(q.moves.size());
      for (const auto& mv : q.moves) moves.emplace_back(mv.citizen, real(mv.arc));
    }
    if (view) {
      shortfall = floor_pricer->counts->shortfall_with(moves) - floor_pricer->shortfall;
      ++stats.floor_cycle_pairs;
    } else if (floored()) {
      if (!p_floors || p_floors->shortfall_with(moves) > 0) {
        ++stats.floor_missed_pairs;
        floor_misses.push_back(&s);
        return false;
      }
      ++stats.floor_met_pairs;
    }
    const auto& before = result.solution.citizen_arc;
    s.optimal = true;
    s.cost = {q.placed, q.moved, q.score, shortfall};
    for (const auto& mv : q.moves) {
      const std::int64_t b = before[at(mv.citizen)];
      const ArcIndex a = real(mv.arc);
      if (b < 0 && a < 0) continue;  // a floor's virtual seat taken or left: no placement changes
      s.changes.push_back(change_of(mv.citizen, b >= 0 ? result.graph.opening[at(b)] : kNone,
                                    a >= 0 ? result.graph.opening[at(a)] : kNone));
    }
    return true;
  }

  std::optional<Suggestion> price(Index c, Index o) {
    const std::int64_t arc = result.graph.find(c, o);
    if (arc < 0) return std::nullopt;
    return price_all({arc}, o, kNone).front();
  }

  // The re-planning Matcher around P (section 7's weights with P as the earlier plan),
  // built on first use.
  Lexi& replanning() {
    if (!around_p) {
      around_p = std::make_unique<Lexi>(problem, keep_of(solve_p().solution.citizen_arc), sopt, scaling, true);
      warm_floors.reset();
    }
    return *around_p;
  }

  // Planner::prepare_questions: P, its certificate and sink trees, and where a pair may
  // need a re-solve (no certificate, floors, or mentor pools), the re-planning Matcher
  // solved once without a pin, so that a re-solve starts warm.
  void prepare_questions() {
    const MatchResult& p = solve_p();
    detail::ResidualPricer* r = residual();
    if (r) r->sink_trees();
    floor_residual();  // with floors that bind: the reduction's pricer, its sink trees
    // A pair's cycle can break a mentor pool (a pool P fills, or one a move fills) wherever
    // a pooled arc exists; without one, every pair is one residual search.
    const bool pooled = !problem.pool_limit.empty() &&
                        std::find(problem.arc_pooled.begin(), problem.arc_pooled.end(), 1) != problem.arc_pooled.end();
    if (r && !floored() && !pooled) return;
    std::optional<std::int64_t> most;  // P's proven placements: no plain solve to verify
    if (p.solution.status == Status::Optimal && options.solve.objective == Objective::Placements)
      most = p.plan.placed;
    replanning().solve(-1, verifier(), most);
  }

  // Q(pair) by a warm re-solve of the re-planning Matcher with the pair pinned.
  // `lost`: a proven lower bound on the placements any plan with the pair loses against P
  // (the residual certificate's priced bound for the pair), or nothing.
  void resolve(Suggestion& s, std::optional<std::int64_t> lost = std::nullopt) {
    const MatchResult& p = solve_p();
    ++stats.resolved_pairs;
    const std::int64_t arc = s.arc;
    replanning();
    std::optional<std::int64_t> most;
    if (lost && options.solve.objective == Objective::Placements) most = p.plan.placed - *lost;
    LexiResult q = around_p->solve(arc, verifier(), most, &stats.resolves_bounded);
    stats.resolves_kept_prices += q.kept_root_closes > 0;
    stats.resolves_local_prices += q.local_price_closes > 0;
    if (q.status == Status::Infeasible) {  // floors never make a plan impossible
      s.possible = false;
      return;
    }
    if (floored()) {
      FloorQ f = pair_with_floors(q, arc);
      s.cost.shortfall = f.shortfall - (p.plan.floors ? p.plan.floors->shortfall : 0);
      q.optimal = f.optimal;
      q.citizen_arc = std::move(f.citizen_arc);
      q.placed = f.placed;
      q.kept = f.kept;
      q.score = f.score;
    }
    s.optimal = q.optimal;
    s.cost.placed = p.plan.placed - q.placed;
    s.cost.score = p.plan.score - q.score;
    s.cost.moved = p.plan.placed - q.kept;
    for (std::size_t ci = 0; ci < in->citizens.size(); ++ci) {
      const auto before = p.solution.citizen_arc[ci], after = q.citizen_arc[ci];
      const Index bo = before >= 0 ? result.graph.opening[at(before)] : kNone;
      const Index ao = after >= 0 ? result.graph.opening[at(after)] : kNone;
      if (bo == ao) continue;
      s.changes.push_back(change_of(static_cast<Index>(ci), bo, ao));
    }
  }

  void sort_and_cut(std::vector<Suggestion>& list, std::size_t top, bool by_citizen_id) {
    auto id = [&](const Suggestion& s) -> const std::string& {
      return by_citizen_id ? in->citizens[at(s.citizen)].id : in->openings[at(s.opening)].id;
    };
    std::sort(list.begin(), list.end(), [&](const Suggestion& a, const Suggestion& b) {
      return suggestion_before(a, b, options.solve.objective, result.graph.score[at(a.arc)], result.graph.score[at(b.arc)],
                               id(a), id(b));
    });
    if (top > 0 && list.size() > top) list.resize(top);
  }

  // Q (per citizen an arc of the current graph, optimal in section 7's order against
  // `before`) becomes P; the answer to a decision change.
  Replan adopt(const std::vector<std::int64_t>& arcs, const PreviousPlan& before, const std::vector<Index>& preferred,
               std::int64_t still_feasible) {
    Replan out;
    out.plan = finish(arcs, preferred);
    out.plan.status = Status::Optimal;
    out.plan.bound_placed =
        options.solve.objective == Objective::Placements ? std::optional<Index>(out.plan.placed) : std::nullopt;
    out.plan.bound_score = out.plan.score;
    out.previous.placements = static_cast<std::int64_t>(before.placements.size());
    out.previous.still_feasible = still_feasible;
    out.changes = diff_plans(*in, before, out.plan);
    out.previous.kept = out.previous.placements;
    for (const PlanChange& ch : out.changes) out.previous.kept -= ch.before.has_value();
    result.plan = out.plan;
    result.solution = Solution{};
    result.solution.status = Status::Optimal;
    result.solution.objective = options.solve.objective;
    result.solution.citizen_arc = arcs;
    result.solution.placed = out.plan.placed;
    result.solution.score = out.plan.score;
    result.solution.placed_bound = out.plan.bound_placed;
    result.solution.score_bound = out.plan.score;
    solved = true;
    around_p.reset();
    drop_pricers();
    return out;
  }

  // The candidate graph without arc e (a pair just forbidden): O(arcs), no rule re-checked.
  void drop_arc(std::int64_t e) {
    CandidateGraph& g = result.graph;
    const auto c = static_cast<std::size_t>(std::upper_bound(g.offsets.begin(), g.offsets.end(), e) - g.offsets.begin() - 1);
    g.opening.erase(g.opening.begin() + e);
    g.score.erase(g.score.begin() + e);
    g.km.erase(g.km.begin() + e);
    g.needs_mentor.erase(g.needs_mentor.begin() + e);
    for (std::size_t i = c + 1; i < g.offsets.size(); ++i) --g.offsets[i];
    result.stats.candidates = g.size();
  }

  // A decision changed: re-planned against P (section 7). Warm where exact: a new pin is P
  // plus the cheapest cycle through its arc, a new forbid of a pair P holds is P plus the
  // cheapest cycle through that arc's reverse (the graph loses one arc), a forbid of a pair P
  // does not hold keeps P, a pin removed keeps P when P's certificate still holds; otherwise
  // (mentor pools binding, a forbid removed, a pin's mentor changed) the re-plan solves again.
  Replan change_decision(const char* call, Index c, Index o, std::optional<DecisionKind> kind, Index mentor) {
    check_index(call, "citizen", c, in->citizens.size());
    check_index(call, "opening", o, in->openings.size());
    if (mentor != kNone) check_index(call, "mentor", mentor, in->mentors.size());
    const MatchResult& p = solve_p();
    const PreviousPlan before = as_previous(*in, p.plan);
    auto copy = std::make_shared<Instance>(*in);
    auto& ds = copy->decisions;
    bool was_pin = false, was_forbid = false;
    for (const Decision& d : ds)
      if (d.citizen == c && d.opening == o) {
        was_pin |= d.kind == DecisionKind::Pin;
        was_forbid |= d.kind == DecisionKind::Forbid;
      }
    ds.erase(std::remove_if(ds.begin(), ds.end(), [&](const Decision& d) { return d.citizen == c && d.opening == o; }),
             ds.end());
    if (kind) {
      Decision d;
      d.citizen = c;
      d.opening = o;
      d.kind = *kind;
      d.mentor = mentor;
      d.where = "decision (" + copy->citizens[at(c)].id + ", " + copy->openings[at(o)].id + ")";
      ds.push_back(d);
    }
    copy->finalize();
    // The instance was checked whole before; a decision changes only the decisions. A pin
    // that names a mentor gets every check of a loaded file (a mentor of another company,
    // too: O(size of the instance)); otherwise the pins' rules suffice (O(decisions)).
    Diagnostics problems = kind == DecisionKind::Pin && mentor != kNone ? validate(*copy) : check_decisions(*copy);
    if (!problems.empty()) throw InputError(std::move(problems));
    if (floored()) {  // the warm paths below move P by residual cycles, which know no floors
      in = std::move(copy);
      rebuild();
      return replan_as_p(before);
    }
    const std::int64_t arc = result.graph.find(c, o);
    std::vector<std::int64_t> arcs = p.solution.citizen_arc;
    std::vector<Index> preferred(in->citizens.size(), kNone);
    for (const Placement& x : p.plan.placements) preferred[at(x.citizen)] = x.mentor;
    const auto held = static_cast<std::int64_t>(before.placements.size());
    auto apply = [&](const detail::ResidualPricer::Priced& q) {
      for (const auto& mv : q.moves) arcs[at(mv.citizen)] = mv.arc;
    };
    const bool warm = pricing == PairPricing::Auto && !was_pin && !was_forbid;
    if (warm && kind == DecisionKind::Pin && arc >= 0) {
      bool done = arcs[at(c)] == arc;
      if (!done)
        if (detail::ResidualPricer* r = residual()) {
          const auto q = r->price_opening(o, {arc}).front();
          if (q.possible && q.keeps_pools) {
            apply(q);
            done = true;
          }
        }
      in = std::move(copy);
      problem.pinned_arcs.push_back(arc);
      plain->pin(arc);
      if (done) return adopt(arcs, before, preferred, held);
      solved = false;
      around_p.reset();
      drop_pricers();
      return replan_as_p(before);
    }
    if (warm && kind == DecisionKind::Forbid) {
      bool done = arcs[at(c)] != arc;
      if (!done)
        if (detail::ResidualPricer* r = residual()) {
          const auto q = r->release(arc);
          if (q.possible && q.keeps_pools) {
            apply(q);
            done = true;
          }
        }
      in = std::move(copy);
      forbidden = ForbiddenPairs(*in);
      if (arc >= 0) {
        drop_arc(arc);
        for (auto& e : arcs)
          if (e > arc) --e;
        problem = make_problem(*in, result.graph);
        plain = std::make_unique<Matcher>(problem);
        plain->options(sopt);
      }
      const std::int64_t still = held - (p.solution.citizen_arc[at(c)] == arc && arc >= 0 ? 1 : 0);
      if (done) return adopt(arcs, before, preferred, still);
      solved = false;
      around_p.reset();
      drop_pricers();
      return replan_as_p(before);
    }
    if (pricing == PairPricing::Auto && !kind && was_pin && !was_forbid && arc >= 0) {
      in = std::move(copy);
      problem.pinned_arcs.erase(std::remove(problem.pinned_arcs.begin(), problem.pinned_arcs.end(), arc),
                                problem.pinned_arcs.end());
      plain->pin(arc, false);
      drop_pricers();
      // P without the pin: still the optimum in section 7's order when its certificate holds.
      detail::ResidualPricer check(problem, arcs, sopt.objective);
      if (check.certified()) return adopt(arcs, before, preferred, held);
      solved = false;
      around_p.reset();
      return replan_as_p(before);
    }
    in = std::move(copy);
    rebuild();
    return replan_as_p(before);
  }

  // The re-plan against `before` (solving the plain plan first for its bound) becomes P.
  Replan replan_as_p(const PreviousPlan& before) {
    solve_p();  // the plain bound for verification
    Replan r = replan(before);
    result.plan = r.plan;
    result.solution.citizen_arc.assign(in->citizens.size(), -1);
    for (const Placement& p : r.plan.placements) result.solution.citizen_arc[at(p.citizen)] = p.arc;
    result.solution.placed = r.plan.placed;
    result.solution.score = r.plan.score;
    count_floors_of_p();  // of the new P, not of the plain plan that solve_p() counted
    around_p.reset();
    drop_pricers();
    return r;
  }
};

Planner::Planner(std::shared_ptr<const Instance> instance, MatchOptions options)
    : impl_(std::make_unique<Impl>(std::move(instance), options)) {}
Planner::Planner(const Instance& instance, MatchOptions options)
    : impl_(std::make_unique<Impl>(std::make_shared<const Instance>(instance), options)) {}
Planner::~Planner() = default;
Planner::Planner(Planner&&) noexcept = default;
Planner& Planner::operator=(Planner&&) noexcept = default;

const Instance& Planner::instance() const { return *impl_->in; }
std::shared_ptr<const Instance> Planner::shared_instance() const { return impl_->in; }
const CandidateGraph& Planner::graph() const { return impl_->result.graph; }
const MatchOptions& Planner::options() const { return impl_->options; }
void Planner::scaling(LexicographicScaling s) {
  impl_->scaling = s;
  impl_->around_p.reset();
}
void Planner::pricing(PairPricing p) { impl_->pricing = p; }
const PricingStats& Planner::pricing_stats() const { return impl_->stats; }

const MatchResult& Planner::plan() { return impl_->solve_p(); }
void Planner::prepare_questions() { impl_->prepare_questions(); }
Replan Planner::replan(const PreviousPlan& previous) { return impl_->replan(previous); }

std::optional<Suggestion> Planner::price(Index citizen, Index opening) {
  const Instance& in = *impl_->in;
  check_index("price", "citizen", citizen, in.citizens.size());
  check_index("price", "opening", opening, in.openings.size());
  return impl_->price(citizen, opening);
}

std::vector<Suggestion> Planner::suggest_for_opening(Index opening, std::size_t top) {
  const Instance& in = *impl_->in;
  check_index("suggest_for_opening", "opening", opening, in.openings.size());
  std::vector<Suggestion> out = impl_->price_all(impl_->arcs_into(opening), opening, kNone, top);
  impl_->sort_and_cut(out, top, true);
  return out;
}

std::vector<Suggestion> Planner::suggest_for_citizen(Index citizen, std::size_t top) {
  const Instance& in = *impl_->in;
  check_index("suggest_for_citizen", "citizen", citizen, in.citizens.size());
  const CandidateGraph& g = impl_->result.graph;
  std::vector<std::int64_t> arcs;
  for (std::int64_t e = g.begin(citizen); e < g.end(citizen); ++e) arcs.push_back(e);
  std::vector<Suggestion> out = impl_->price_all(arcs, kNone, citizen, top);
  impl_->sort_and_cut(out, top, false);
  return out;
}

Why Planner::why(Index citizen, std::optional<Index> opening) {
  Impl& m = *impl_;
  const Instance& in = *m.in;
  check_index("why", "citizen", citizen, in.citizens.size());
  if (opening) check_index("why", "opening", *opening, in.openings.size());
  const MatchResult& p = m.solve_p();
  Why w;
  w.citizen = citizen;
  for (const Placement& x : p.plan.placements)
    if (x.citizen == citizen) w.placed = x;
  if (!w.placed)
    for (const Unplaced& u : p.plan.unplaced)
      if (u.citizen == citizen) {
        w.reason_code = std::string(to_string(u.reason_code));
        w.reason = u.reason;
        w.reason_message = u.message;
      }
  std::vector<std::vector<Index>> holders(in.openings.size());
  for (const Placement& x : p.plan.placements) holders[at(x.opening)].push_back(x.citizen);
  // Without an opening (and unplaced): every pair of the citizen priced by one search.
  std::vector<std::optional<Suggestion>> priced;
  if (!opening && !w.placed) {
    const CandidateGraph& g = m.result.graph;
    std::vector<std::int64_t> arcs;
    for (std::int64_t e = g.begin(citizen); e < g.end(citizen); ++e) arcs.push_back(e);
    priced.resize(in.openings.size());
    for (Suggestion& s : m.price_all(arcs, kNone, citizen)) priced[at(s.opening)] = std::move(s);
  }
  auto about = [&](Index o) {
    WhyOpening wo;
    wo.opening = o;
    wo.km = pair_km(in, citizen, o);
    wo.rules = broken_rules(in, m.forbidden, citizen, o);
    wo.feasible = wo.rules.empty();
    if (wo.feasible) {
      wo.holders = holders[at(o)];
      wo.price = priced.empty() ? m.price(citizen, o) : priced[at(o)];
      if (!wo.price) {  // the rules agree with the candidate graph; never expected
        wo.feasible = false;
        wo.rules.push_back({"forbidden", text(MessageId::RuleNotAPair, Language::En), {MessageId::RuleNotAPair, {}}});
      }
    }
    return wo;
  };
  if (opening) {
    w.openings.push_back(about(*opening));
    return w;
  }
  if (w.placed) return w;
  const Citizen& c = in.citizens[at(citizen)];
  double best_km = 0;
  for (Index o = 0; o < static_cast<Index>(in.openings.size()); ++o) {
    const double km = pair_km(in, citizen, o);
    if (within_distance_km(c, km)) {
      w.openings.push_back(about(o));
    } else if (!w.nearest || km < best_km) {
      w.nearest = o;
      best_km = km;
    }
  }
  if (!w.openings.empty()) {
    w.nearest.reset();
  } else {
    w.nearest_km = best_km;
  }
  std::stable_sort(w.openings.begin(), w.openings.end(), [&](const WhyOpening& a, const WhyOpening& b) {
    if (a.feasible != b.feasible) return a.feasible;
    if (a.feasible)
      return suggestion_before(*a.price, *b.price, m.options.solve.objective, m.result.graph.score[at(a.price->arc)],
                               m.result.graph.score[at(b.price->arc)], in.openings[at(a.opening)].id,
                               in.openings[at(b.opening)].id);
    if (a.km != b.km) return a.km < b.km;
    return in.openings[at(a.opening)].id < in.openings[at(b.opening)].id;
  });
  return w;
}

Snapshot Planner::snapshot() {
  Impl& m = *impl_;
  const MatchResult& r = m.solve_p();
  const Instance& in = *m.in;
  Snapshot out;
  out.placematch_version = PLACEMATCH_VERSION_STRING;
  out.instance_json = instance_json_text(in);
  out.objective = m.options.solve.objective;
  out.plan = as_previous(in, r.plan);
  out.status = r.plan.status;
  out.placed = r.plan.placed;
  out.score = r.plan.score;
  if (r.plan.bound_placed) out.bound_placed = *r.plan.bound_placed;
  if (r.plan.bound_score) out.bound_score = *r.plan.bound_score;
  // The LP duals when one flow made the plan, else the Lagrangian certificate's.
  const Solution& s = r.solution;
  const bool lp = !s.opening_dual.empty();
  out.pools_bound = !lp;
  const auto& v = lp ? s.opening_dual : s.cert_opening_dual;
  const auto& z = lp ? s.cap_group_dual : s.cert_cap_group_dual;
  for (std::size_t o = 0; o < v.size() && o < in.openings.size(); ++o)
    if (v[o] > 0) out.opening_prices.emplace_back(in.openings[o].id, v[o]);
  for (std::size_t k = 0; k < z.size() && k < in.companies.size(); ++k)  // cap groups are companies
    if (z[k] > 0) out.company_prices.emplace_back(in.companies[k].id, z[k]);
  return out;
}

void Planner::warm_start(const Snapshot& snap) {
  Impl& m = *impl_;
  const Instance& in = *m.in;
  const CandidateGraph& g = m.result.graph;
  WarmStart w;
  w.citizen_arc.assign(in.citizens.size(), kNone);
  std::vector<Index> mentors(in.citizens.size(), kNone);
  for (const auto& e : snap.plan.placements) {
    const auto c = in.citizen_index.find(e.citizen);
    const auto o = in.opening_index.find(e.opening);
    if (c == in.citizen_index.end() || o == in.opening_index.end()) continue;
    const std::int64_t arc = g.find(c->second, o->second);
    if (arc < 0) continue;
    w.citizen_arc[at(c->second)] = arc;
    if (e.mentor)
      if (const auto mt = in.mentor_index.find(*e.mentor); mt != in.mentor_index.end()) mentors[at(c->second)] = mt->second;
  }
  m.solved = false;
  m.around_p.reset();
  m.drop_pricers();
  m.warm_mentors = std::move(mentors);
  // Where mentor pools bound, a warm flow measured slower than a cold one: start nothing.
  if (snap.pools_bound) return;
  // Prices are on the weight scale of the snapshot's objective: of use only for the same.
  if (snap.objective == m.options.solve.objective) {
    w.opening_dual.assign(in.openings.size(), 0);
    w.cap_group_dual.assign(m.problem.cap_group_limit.size(), 0);
    for (const auto& [id, price] : snap.opening_prices)
      if (const auto o = in.opening_index.find(id); o != in.opening_index.end()) w.opening_dual[at(o->second)] = price;
    for (const auto& [id, price] : snap.company_prices)
      if (const auto k = in.company_index.find(id); k != in.company_index.end() && at(k->second) < w.cap_group_dual.size())
        w.cap_group_dual[at(k->second)] = price;
  }
  m.plain->warm_start(w);
}

Replan Planner::pin(Index citizen, Index opening, Index mentor) {
  return impl_->change_decision("pin", citizen, opening, DecisionKind::Pin, mentor);
}
Replan Planner::forbid(Index citizen, Index opening) {
  return impl_->change_decision("forbid", citizen, opening, DecisionKind::Forbid, kNone);
}
Replan Planner::unpin(Index citizen, Index opening) {
  return impl_->change_decision("unpin", citizen, opening, std::nullopt, kNone);
}

}  // namespace placematch
