// The LP relaxation with mentor pools by column generation on CLP (see pool_lp.hpp).
#include "detail/pool_lp.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <stdexcept>

#include <coin/ClpEventHandler.hpp>
#include <coin/ClpSimplex.hpp>
#include <coin/CoinError.hpp>
#include "detail/index.hpp"

namespace placematch::detail {

namespace {

using Clock = std::chrono::steady_clock;

// PoolLpInput::tick of the solve under way (run or rerun) every 64 simplex iterations;
// returns -1 (CLP carries on) always, and reads no clock: with no tick it does nothing.
class Ticker : public ClpEventHandler {
 public:
  Ticker(const PoolLpInput* const* input, const std::int64_t* done) : input_(input), done_(done) {}
  int event(Event which) override {
    if (which != endOfIteration || !model_ || (model_->numberIterations() & 63) != 0) return -1;
    if (const PoolLpInput* in = *input_; in && in->tick) in->tick(*done_ + model_->numberIterations());
    return -1;
  }
  ClpEventHandler* clone() const override { return new Ticker(*this); }

 private:
  const PoolLpInput* const* input_;  // the ColumnGeneration's input_ (this solve's)
  const std::int64_t* done_;         // the iterations of this solve's earlier rounds
};

// One column generation: the LP on CLP with a row per citizen, opening, cap group and pool
// (in that order), a column per arc taken in, and the stages of pool_lp.hpp.
class ColumnGeneration {
 public:
  explicit ColumnGeneration(const PoolLpInput& input);
  PoolLpResult run();
  /// Again on the same problem (same big) with `input`'s residual: the rows'
  /// right-hand sides and the columns' upper bounds changed in place, re-optimised from
  /// the last basis (see PoolLp in pool_lp.hpp).
  PoolLpResult rerun(const PoolLpInput& input);
  bool fits(const PoolLpInput& input) const {
    return input.problem == &p_ && input.big == big_;
  }

 private:
  static constexpr double kTolerance = 1e-7;  // CLP's own dual tolerance
  // CLP's startFinishOptions: keep the work areas and the basis' factorisation after a
  // solve (1), start the next one from them (2), and skip the matrix's start-up (4: its
  // check, row copy and scaling). CLP reuses them only while the matrix is unchanged
  // (ClpModel::whatsChanged: new columns clear it, changed bounds and objective
  // coefficients are copied into the kept work areas), else it starts anew: a re-solve
  // after a few bounds changed skips the start-up that a dual simplex of a few pivots
  // spent most of its time on (with 4, a re-solve of no pivot on the regional instance's
  // 52,000 rows and 165,000 columns: about 10 ms instead of 19; benchmarks/README.md).
  static constexpr int kKeepFactorization = 1 | 2 | 4;

  double cost(std::size_t e) const {
    return static_cast<double>(input_->big + (scores_ ? score(e) : 0)) / input_->scale;
  }
  std::int64_t score(std::size_t e) const {
    return input_->arc_scores ? input_->arc_scores[e] : p_.arc_score[e];
  }
  std::int64_t pool_row(std::size_t e) const {
    const Index k = p_.arc_pooled[e] ? p_.opening_pool[at(p_.arc_opening[e])] : kNone;
    return k == kNone ? -1 : static_cast<std::int64_t>(n_ + m_ + groups_ + at(k));
  }
  std::int64_t group_row(std::size_t e) const {
    const Index g = p_.opening_cap_group[at(p_.arc_opening[e])];
    return g == kNone ? -1 : static_cast<std::int64_t>(n_ + m_ + at(g));
  }
  bool usable(std::size_t e) const { return (*input_->active)[at(citizen_of_[e])] && !(*input_->closed)[e]; }

  void set_rows();
  void set_row_bounds();
  void add_columns(const std::vector<std::int64_t>& list);
  void start_basis();
  void flow_basis(const std::vector<std::int32_t>& column_of);  // column_of: per arc, its column or -1
  void set_objective();
  bool run_stage();
  // Sets `truncated` when more arcs priced out than were taken.
  std::vector<std::int64_t> priced_out(const double* y, bool& truncated);
  // What the last pricing pass read (see priced_out): valid only when it was not truncated
  // (every arc that priced out then is a column now).
  struct Priced {
    bool valid = false;
    bool scores = false;
    std::vector<double> y;
    std::vector<std::uint8_t> closed, active;
  };
  Priced priced_;
  // Every arc by its opening, and each cap group's and pool's openings (built on first use).
  std::vector<std::int64_t> into_begin_, into_;
  std::vector<std::vector<Index>> group_openings_, pool_openings_;
  void record();

  const PoolLpInput* input_;  // this solve's (run or rerun); not used between solves
  const MatchingProblem& p_;
  const std::int64_t big_;
  double scale_;  // the unit of the objective set (PoolLpInput::scale)
  Clock::time_point start_;
  bool dual_first_ = false;  // rerun: the first round by the dual simplex (bounds changed)
  bool dual_start_ = false;  // run: the first round by the dual simplex (the flow's basis)
  const std::size_t n_, m_, groups_, pools_, rows_, arcs_;
  std::vector<Index> citizen_of_;  // per arc
  bool scores_ = true;             // false: stage one, c_e = big / scale (the placements alone)
  ClpSimplex lp_;
  std::vector<std::uint8_t> in_lp_;     // per arc: a column already
  std::vector<std::int64_t> column_arc_;
  const std::vector<double> zero_duals_;
  std::int64_t iterations_ = 0;
  std::int64_t max_iterations_;  // over all rounds so far (0: none)
  std::uint64_t score_version_;  // PoolLpInput::score_version of the objective set
  PoolLpResult out_;
};

ColumnGeneration::ColumnGeneration(const PoolLpInput& input)
    : input_(&input), p_(*input.problem), big_(input.big), scale_(input.scale), start_(Clock::now()),
      n_(at(p_.num_citizens)), m_(at(p_.num_openings)),
      groups_(p_.cap_group_limit.size()), pools_(p_.pool_limit.size()), rows_(n_ + m_ + groups_ + pools_),
      arcs_(p_.arc_opening.size()), citizen_of_(arcs_), in_lp_(arcs_, 0), zero_duals_(rows_, 0.0),
      max_iterations_(input.max_iterations), score_version_(input.score_version) {
  for (std::size_t c = 0; c < n_; ++c)
    for (auto e = p_.arc_begin[c]; e < p_.arc_begin[c + 1]; ++e) citizen_of_[at(e)] = static_cast<Index>(c);
}

// Every row <= its capacity left: 1 per active citizen (0 for the others), seats, limits,
// pools; maximised.
void ColumnGeneration::set_rows() {
  lp_.setLogLevel(0);
  lp_.messageHandler()->setLogLevel(0);
  const Ticker ticker(&input_, &iterations_);
  lp_.passInEventHandler(&ticker);  // CLP keeps a clone
  lp_.resize(static_cast<int>(rows_), 0);
  set_row_bounds();
  lp_.setOptimizationDirection(-1);  // maximise
}

void ColumnGeneration::set_row_bounds() {
  const PoolLpInput& in = *input_;
  for (std::size_t c = 0; c < n_; ++c)
    lp_.setRowBounds(static_cast<int>(c), -COIN_DBL_MAX, (*in.active)[c] ? 1.0 : 0.0);
  for (std::size_t o = 0; o < m_; ++o)
    lp_.setRowBounds(static_cast<int>(n_ + o), -COIN_DBL_MAX, std::max(0, (*in.seats)[o]));
  for (std::size_t g = 0; g < groups_; ++g)
    lp_.setRowBounds(static_cast<int>(n_ + m_ + g), -COIN_DBL_MAX, std::max(0, (*in.limit)[g]));
  for (std::size_t k = 0; k < pools_; ++k)
    lp_.setRowBounds(static_cast<int>(n_ + m_ + groups_ + k), -COIN_DBL_MAX, std::max(0, (*in.pool)[k]));
}

// The usable arcs of `list` not in the LP yet, as columns in [0, 1] on their rows.
void ColumnGeneration::add_columns(const std::vector<std::int64_t>& list) {
  std::vector<CoinBigIndex> starts{0};
  std::vector<int> index;
  std::vector<double> lower, upper, objective;
  for (auto e64 : list) {
    const auto e = at(e64);
    if (in_lp_[e] || !usable(e)) continue;
    in_lp_[e] = 1;
    column_arc_.push_back(e64);
    index.push_back(citizen_of_[e]);
    index.push_back(static_cast<int>(n_ + at(p_.arc_opening[e])));
    if (const auto g = group_row(e); g >= 0) index.push_back(static_cast<int>(g));
    if (const auto k = pool_row(e); k >= 0) index.push_back(static_cast<int>(k));
    starts.push_back(static_cast<CoinBigIndex>(index.size()));
    lower.push_back(0);
    upper.push_back(1);
    objective.push_back(cost(e));
  }
  const std::vector<double> ones(index.size(), 1.0);
  if (!lower.empty())
    lp_.addColumns(static_cast<int>(lower.size()), lower.data(), upper.data(), objective.data(), starts.data(),
                   index.data(), ones.data());
}

// A slack basis with the flow's plan (start_at_one) at its upper bounds; or, with the
// flow's duals, the flow's basis (pool_lp.hpp, PoolLpInput::start_citizen_dual).
void ColumnGeneration::start_basis() {
  if (input_->start_at_one.empty()) return;
  const PoolLpInput& in = *input_;
  lp_.createStatus();
  std::vector<std::int32_t> column_of(arcs_, -1);
  for (std::size_t j = 0; j < column_arc_.size(); ++j) column_of[at(column_arc_[j])] = static_cast<std::int32_t>(j);
  if (in.start_citizen_dual.size() == n_ && in.start_opening_dual.size() == m_ && in.start_group_dual.size() == groups_) {
    flow_basis(column_of);
    return;
  }
  double* x = lp_.primalColumnSolution();
  for (auto e : input_->start_at_one)
    if (const auto j = column_of[at(e)]; j >= 0) {
      lp_.setColumnStatus(j, ClpSimplex::atUpperBound);
      x[j] = 1;
    }
}

// The flow's optimal basis, made from its duals u, v, z: its arcs basic at 1; each row
// with a positive dual at its bound (its dual free to be that value), the others' slacks
// basic (dual 0); for each opening with v > 0, one tight start column into it basic too
// (x = 0: it carries that opening's dual, as the flow's tree does). The basic arcs are
// tight, so every reduced cost has the sign of the flow's: dual feasible without the
// pool rows, whose slacks start basic (pools the flow breaks: primal infeasible).
void ColumnGeneration::flow_basis(const std::vector<std::int32_t>& column_of) {
  const PoolLpInput& in = *input_;
  const auto& u = in.start_citizen_dual;
  const auto& v = in.start_opening_dual;
  const auto& z = in.start_group_dual;
  double* x = lp_.primalColumnSolution();
  std::vector<std::uint8_t> held(n_, 0);
  for (auto e : in.start_at_one)
    if (const auto j = column_of[at(e)]; j >= 0) {
      lp_.setColumnStatus(j, ClpSimplex::basic);
      x[j] = 1;
      held[at(citizen_of_[at(e)])] = 1;
    }
  for (std::size_t c = 0; c < n_; ++c)
    if (held[c] && u[c] > 0) lp_.setRowStatus(static_cast<int>(c), ClpSimplex::atUpperBound);
  std::vector<std::uint8_t> carried(m_, 1);  // per opening: its dual is carried (v = 0: by its slack)
  for (std::size_t o = 0; o < m_; ++o)
    if (v[o] > 0) {
      lp_.setRowStatus(static_cast<int>(n_ + o), ClpSimplex::atUpperBound);
      carried[o] = 0;
    }
  for (std::size_t g = 0; g < groups_; ++g)
    if (z[g] > 0) lp_.setRowStatus(static_cast<int>(n_ + m_ + g), ClpSimplex::atUpperBound);
  for (std::size_t j = 0; j < column_arc_.size(); ++j) {
    const auto e = at(column_arc_[j]);
    const auto o = at(p_.arc_opening[e]);
    if (carried[o] || lp_.getColumnStatus(static_cast<int>(j)) == ClpSimplex::basic) continue;
    const Index g = p_.opening_cap_group[o];
    const std::int64_t reduced = u[at(citizen_of_[e])] + v[o] + (g != kNone ? z[at(g)] : 0) - in.big - score(e);
    if (reduced != 0) continue;
    lp_.setColumnStatus(static_cast<int>(j), ClpSimplex::basic);
    carried[o] = 1;
  }
  dual_start_ = true;
}

void ColumnGeneration::set_objective() {
  for (std::size_t j = 0; j < column_arc_.size(); ++j)
    lp_.setObjectiveCoefficient(static_cast<int>(j), cost(at(column_arc_[j])));
}

// The arcs outside the LP whose reduced cost against the row duals `y` is positive: the
// best first, a bounded number (ties by arc: deterministic).
std::vector<std::int64_t> ColumnGeneration::priced_out(const double* y, bool& truncated) {
  // Per opening, the duals of its rows (its seats, its cap group's, its pool's): read once
  // here instead of through the arc's opening per arc; the arithmetic is the same.
  std::vector<double> seat_y(m_), group_y(m_), pool_y(m_);
  std::vector<std::uint8_t> grouped(m_, 0), pooled(m_, 0);
  for (std::size_t o = 0; o < m_; ++o) {
    seat_y[o] = y[n_ + o];
    if (const Index g = p_.opening_cap_group[o]; g != kNone) {
      grouped[o] = 1;
      group_y[o] = y[n_ + m_ + at(g)];
    }
    if (const Index k = p_.opening_pool[o]; k != kNone) {
      pooled[o] = 1;
      pool_y[o] = y[n_ + m_ + groups_ + at(k)];
    }
  }
  std::vector<std::pair<double, std::int64_t>> priced;
  const std::vector<std::uint8_t>& active = *input_->active;
  const std::vector<std::uint8_t>& closed = *input_->closed;
  auto price_into = [&](std::vector<std::pair<double, std::int64_t>>& list, std::size_t e, double yc) {
    if (in_lp_[e] || closed[e]) return;
    const auto o = at(p_.arc_opening[e]);
    double rc = cost(e) - yc - seat_y[o];
    if (grouped[o]) rc -= group_y[o];
    if (pooled[o] && p_.arc_pooled[e]) rc -= pool_y[o];
    if (rc > kTolerance) list.emplace_back(-rc, static_cast<std::int64_t>(e));
  };
  auto price = [&](std::size_t, std::size_t e, double yc) { price_into(priced, e, yc); };
  auto price_every = [&](std::vector<std::pair<double, std::int64_t>>& list) {
    for (std::size_t c = 0; c < n_; ++c) {
      if (!active[c]) continue;
      const double yc = y[c];
      for (auto e = at(p_.arc_begin[c]); e < at(p_.arc_begin[c + 1]); ++e) price_into(list, e, yc);
    }
  };
  // Incremental: at the last pass (not truncated) every usable arc outside the LP had a
  // reduced cost <= the tolerance; an arc's reduced cost moves only with the duals of its
  // rows, its cost (the stage), and whether it is usable. So only the citizens whose row,
  // active flag or closed arcs moved, and the arcs into openings whose seat, cap group or
  // pool row moved, are read: the same arcs price out as in a pass over every arc
  // (bitwise the same reduced costs elsewhere), and the list below is sorted the same way.
  bool full = !priced_.valid || priced_.scores != scores_ || input_->passes == PoolLpInput::Passes::Every;
  std::vector<std::uint8_t> read_opening;
  std::vector<std::size_t> read_citizens;
  if (!full) {
    if (into_begin_.empty()) {  // once: the arcs by opening, the openings by group and pool
      into_begin_.assign(m_ + 1, 0);
      for (std::size_t e = 0; e < arcs_; ++e) ++into_begin_[at(p_.arc_opening[e]) + 1];
      for (std::size_t o = 0; o < m_; ++o) into_begin_[o + 1] += into_begin_[o];
      into_.resize(arcs_);
      std::vector<std::int64_t> next(into_begin_.begin(), into_begin_.end() - 1);
      for (std::size_t e = 0; e < arcs_; ++e) into_[at(next[at(p_.arc_opening[e])]++)] = static_cast<std::int64_t>(e);
      group_openings_.assign(groups_, {});
      pool_openings_.assign(pools_, {});
      for (std::size_t o = 0; o < m_; ++o) {
        if (const Index g = p_.opening_cap_group[o]; g != kNone) group_openings_[at(g)].push_back(static_cast<Index>(o));
        if (const Index k = p_.opening_pool[o]; k != kNone) pool_openings_[at(k)].push_back(static_cast<Index>(o));
      }
    }
    read_opening.assign(m_, 0);
    std::int64_t reach = 0;
    auto open = [&](std::size_t o) {
      if (!read_opening[o]) {
        read_opening[o] = 1;
        reach += into_begin_[o + 1] - into_begin_[o];
      }
    };
    const std::vector<double>& last = priced_.y;
    for (std::size_t o = 0; o < m_; ++o)
      if (y[n_ + o] != last[n_ + o]) open(o);
    for (std::size_t g = 0; g < groups_; ++g)
      if (y[n_ + m_ + g] != last[n_ + m_ + g])
        for (const Index o : group_openings_[g]) open(at(o));
    for (std::size_t k = 0; k < pools_; ++k)
      if (y[n_ + m_ + groups_ + k] != last[n_ + m_ + groups_ + k])
        for (const Index o : pool_openings_[k]) open(at(o));
    const bool closed_moved = closed != priced_.closed;
    for (std::size_t c = 0; c < n_; ++c) {
      bool moved = y[c] != last[c] || active[c] != priced_.active[c];
      if (!moved && closed_moved) {
        const auto b = at(p_.arc_begin[c]), end = at(p_.arc_begin[c + 1]);
        moved = !std::equal(closed.begin() + static_cast<std::ptrdiff_t>(b), closed.begin() + static_cast<std::ptrdiff_t>(end),
                            priced_.closed.begin() + static_cast<std::ptrdiff_t>(b));
      }
      if (moved) {
        read_citizens.push_back(c);
        reach += p_.arc_begin[c + 1] - p_.arc_begin[c];
      }
    }
    full = input_->passes == PoolLpInput::Passes::Every ||
           (3 * reach > static_cast<std::int64_t>(arcs_) && input_->passes != PoolLpInput::Passes::Moved);
  }
  if (full) {
    price_every(priced);
  } else {
    std::vector<std::uint8_t> read(n_, 0);
    for (const std::size_t c : read_citizens) {
      read[c] = 1;
      if (!active[c]) continue;
      for (auto e = at(p_.arc_begin[c]); e < at(p_.arc_begin[c + 1]); ++e) price(c, e, y[c]);
    }
    for (std::size_t o = 0; o < m_; ++o) {
      if (!read_opening[o]) continue;
      for (std::int64_t i = into_begin_[o]; i < into_begin_[o + 1]; ++i) {
        const auto e = at(into_[at(i)]);
        const auto c = at(citizen_of_[e]);
        if (read[c] || !active[c]) continue;
        price(c, e, y[c]);
      }
    }
    if (input_->passes == PoolLpInput::Passes::Moved) {  // tests: the same arcs as a pass over every arc
      std::vector<std::pair<double, std::int64_t>> every;
      price_every(every);
      auto sorted = priced;
      std::sort(sorted.begin(), sorted.end());
      std::sort(every.begin(), every.end());
      if (sorted != every) throw std::logic_error("pool LP: an incremental pricing pass missed an arc");
    }
  }
  const std::size_t take = std::min(priced.size(), std::max<std::size_t>(20'000, column_arc_.size() / 4));
  truncated = take < priced.size();
  priced_.valid = !truncated;
  priced_.scores = scores_;
  priced_.y.assign(y, y + rows_);
  priced_.closed = *input_->closed;
  priced_.active = *input_->active;
  std::partial_sort(priced.begin(), priced.begin() + static_cast<std::ptrdiff_t>(take), priced.end());
  std::vector<std::int64_t> list(take);
  for (std::size_t i = 0; i < take; ++i) list[i] = priced[i].second;
  return list;
}

// One stage to optimality on the whole graph: re-optimise, price, add, until no arc
// prices out. false when stopped (time, iterations, rounds).
bool ColumnGeneration::run_stage() {
  bool truncated = true;  // the last pricing round left arcs that priced out
  for (int round = 0;; ++round) {
    const double left = input_->seconds - std::chrono::duration<double>(Clock::now() - start_).count();
    if (left <= 0 || round > 200) return false;
    ++out_.rounds;
    if (input_->tick) input_->tick(iterations_);
    const double* y = zero_duals_.data();  // no column yet (CLP needs one): x = 0, y = 0
    if (!column_arc_.empty()) {
      lp_.setMaximumSeconds(left);
      if (max_iterations_ > 0) {
        if (iterations_ >= max_iterations_) return false;
        lp_.setMaximumIterations(static_cast<int>(std::min<std::int64_t>(max_iterations_ - iterations_, 1 << 30)));
      }
      if (round == 0 && dual_first_)
        lp_.dual(0, kKeepFactorization);  // rerun: the last basis, still dual feasible after bound changes
      else if (round == 0 && out_.rounds == 1 && dual_start_)
        lp_.dual(0, kKeepFactorization);  // run: the flow's basis (flow_basis)
      else
        lp_.primal(round == 0 && out_.rounds == 1 ? 0 : 1, kKeepFactorization);  // later: warm, the new columns at zero
      dual_first_ = false;
      iterations_ += lp_.numberIterations();
      out_.iterations = iterations_;
      if (lp_.status() != 0) return false;  // stopped (x = 0 is feasible: never infeasible)
      // No pivot after the last round added every arc that priced out: the basis and its
      // duals are those that priced, and every arc they price out is in the LP now, so a
      // pricing pass (O(arcs)) would find none.
      if (round > 0 && lp_.numberIterations() == 0 && !truncated) return true;
      y = lp_.dualRowSolution();
    }
    const std::vector<std::int64_t> list = priced_out(y, truncated);
    if (list.empty()) return true;
    add_columns(list);
  }
}

// Keeps the current LP optimum as the result: its value, pool prices, x, and the plan
// when x is integral.
void ColumnGeneration::record() {
  out_.optimal = true;
  out_.pool_price.assign(pools_, 0.0);
  out_.arc.assign(n_, kNone);
  out_.x.clear();
  out_.column_arc.clear();
  out_.value = 0;
  if (column_arc_.empty()) return;  // nothing open: the empty plan
  out_.value = lp_.objectiveValue();
  const double* y = lp_.dualRowSolution();
  for (std::size_t k = 0; k < pools_; ++k) out_.pool_price[k] = std::max(0.0, y[n_ + m_ + groups_ + k]);
  const double* x = lp_.primalColumnSolution();
  out_.x.assign(x, x + column_arc_.size());
  out_.column_arc = column_arc_;
  for (std::size_t j = 0; j < column_arc_.size(); ++j) {
    if (x[j] <= 1e-6) continue;
    if (x[j] < 1 - 1e-6) {  // fractional: prices only
      out_.arc.clear();
      return;
    }
    out_.arc[at(citizen_of_[at(column_arc_[j])])] = column_arc_[j];
  }
}

// Stage one: the placements alone (scores left out) — the fast one, every CLP pivot
// counts; stage two: the weights, warm from stage one's basis.
PoolLpResult ColumnGeneration::run() {
  set_rows();
  add_columns(input_->start_arcs);
  start_basis();
  const bool two = input_->big > 0;
  scores_ = !two;
  if (two) set_objective();
  if (!run_stage()) return out_;
  record();
  out_.stage = two ? 1 : 2;
  if (!two || !input_->scores) return out_;
  // Stage two needs 1.8x stage one's pivots on the generated regional instances: it runs
  // when three times as many are left in the budget, with that as its own limit; where it
  // stops, stage one's prices stand. Deterministic.
  const std::int64_t need = 3 * std::max<std::int64_t>(iterations_, 1000);
  if (input_->max_iterations > 0 && input_->max_iterations - iterations_ < need) return out_;
  max_iterations_ = iterations_ + need;
  scores_ = true;
  set_objective();
  if (!run_stage()) return out_;  // stage one's result stands
  record();
  out_.stage = 2;
  return out_;
}

// The same LP for a changed residual: row bounds set anew, every column's upper bound 1
// when its arc is usable now and 0 when not (a column is never removed, so its basis
// status stays meaningful), the start arcs added as columns, and the objective of the
// weights (stage two; the placements alone when the input asks no scores). The first
// round re-optimises by the dual simplex from the last basis: changing bounds keeps it
// dual feasible, so a small change costs a few pivots; pricing rounds follow as in run().
PoolLpResult ColumnGeneration::rerun(const PoolLpInput& input) {
  input_ = &input;
  start_ = Clock::now();
  out_ = PoolLpResult{};
  iterations_ = 0;
  max_iterations_ = input.max_iterations;
  set_row_bounds();
  for (std::size_t j = 0; j < column_arc_.size(); ++j)
    lp_.setColumnUpper(static_cast<int>(j), usable(at(column_arc_[j])) ? 1.0 : 0.0);
  add_columns(input.start_arcs);
  const bool scores = input.big == 0 || input.scores;
  // Scores changed since (PoolLpInput::score_version), or their unit: every column's
  // objective anew; the basis stays primal feasible for the old bounds, so the primal simplex
  // goes first (a change of objective breaks the dual feasibility the dual simplex needs),
  // and the first pricing pass reads every arc (reduced costs moved where no dual did).
  const bool rescored = input.score_version != score_version_ || input.scale != scale_;
  if (scores != scores_ || rescored) {
    scores_ = scores;
    score_version_ = input.score_version;
    scale_ = input.scale;
    set_objective();
  }
  if (rescored) priced_.valid = false;
  dual_first_ = !rescored;
  if (!run_stage()) return out_;
  record();
  out_.stage = scores_ ? 2 : 1;
  return out_;
}

}  // namespace

struct PoolLp::Impl {
  std::unique_ptr<ColumnGeneration> lp;
};

PoolLp::PoolLp() : impl_(std::make_unique<Impl>()) {}
PoolLp::~PoolLp() = default;
PoolLp::PoolLp(PoolLp&&) noexcept = default;
PoolLp& PoolLp::operator=(PoolLp&&) noexcept = default;

void PoolLp::reset() { impl_->lp.reset(); }

PoolLpResult PoolLp::solve(const PoolLpInput& input) {
  std::int64_t spent = 0;
  if (impl_->lp && impl_->lp->fits(input)) {
    try {
      PoolLpResult r = impl_->lp->rerun(input);
      if (r.optimal) {
        r.warm = true;
        return r;
      }
      spent = r.iterations;
    } catch (const CoinError&) {
    }
  }
  // First solve, another problem or scale, or a rerun that did not finish: from scratch,
  // with what the rerun spent counted against the same limit.
  impl_->lp.reset();
  PoolLpInput cold = input;
  if (cold.max_iterations > 0) cold.max_iterations = std::max<std::int64_t>(1, cold.max_iterations - spent);
  try {
    impl_->lp = std::make_unique<ColumnGeneration>(cold);
    PoolLpResult r = impl_->lp->run();
    r.iterations += spent;
    if (!r.optimal) impl_->lp.reset();  // stopped half-way: the next solve starts over
    return r;
  } catch (const CoinError&) {
    impl_->lp.reset();
    PoolLpResult r;
    r.iterations = spent;
    return r;
  }
}

PoolLpResult solve_pool_lp(const PoolLpInput& input) {
  try {
    return ColumnGeneration(input).run();
  } catch (const CoinError&) {  // an LP failure is no answer, not an error of the plan
    return {};
  }
}

}  // namespace placematch::detail
