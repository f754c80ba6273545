// The LP relaxation with mentor pools by column generation on CLP (see pool_lp.hpp).
#include "detail/pool_lp.hpp"

#include <algorithm>
#include <chrono>

#include <coin/ClpSimplex.hpp>
#include <coin/CoinError.hpp>
#include "detail/index.hpp"

namespace placematch::detail {

namespace {

PoolLpResult solve(const PoolLpInput& input) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const MatchingProblem& p = *input.problem;
  const std::size_t n = at(p.num_citizens), m = at(p.num_openings);
  const std::size_t groups = p.cap_group_limit.size(), pools = p.pool_limit.size();
  const std::size_t rows = n + m + groups + pools;
  const std::size_t arcs = p.arc_opening.size();
  PoolLpResult out;

  std::vector<Index> citizen_of(arcs);
  for (std::size_t c = 0; c < n; ++c)
    for (auto e = p.arc_begin[c]; e < p.arc_begin[c + 1]; ++e) citizen_of[at(e)] = static_cast<Index>(c);
  bool scores = true;  // false: stage one, c_e = big / scale (the placements alone)
  auto cost = [&](std::size_t e) {
    return static_cast<double>(input.big + (scores ? p.arc_score[e] : 0)) / input.scale;
  };
  auto pool_row = [&](std::size_t e) -> std::int64_t {
    const Index k = p.arc_pooled[e] ? p.opening_pool[at(p.arc_opening[e])] : kNone;
    return k == kNone ? -1 : static_cast<std::int64_t>(n + m + groups + at(k));
  };
  auto group_row = [&](std::size_t e) -> std::int64_t {
    const Index g = p.opening_cap_group[at(p.arc_opening[e])];
    return g == kNone ? -1 : static_cast<std::int64_t>(n + m + at(g));
  };
  auto usable = [&](std::size_t e) { return (*input.active)[at(citizen_of[e])] && !(*input.closed)[e]; };

  ClpSimplex lp;
  lp.setLogLevel(0);
  lp.messageHandler()->setLogLevel(0);
  lp.resize(static_cast<int>(rows), 0);
  for (std::size_t c = 0; c < n; ++c) lp.setRowBounds(static_cast<int>(c), -COIN_DBL_MAX, (*input.active)[c] ? 1.0 : 0.0);
  for (std::size_t o = 0; o < m; ++o)
    lp.setRowBounds(static_cast<int>(n + o), -COIN_DBL_MAX, std::max(0, (*input.seats)[o]));
  for (std::size_t g = 0; g < groups; ++g)
    lp.setRowBounds(static_cast<int>(n + m + g), -COIN_DBL_MAX, std::max(0, (*input.limit)[g]));
  for (std::size_t k = 0; k < pools; ++k)
    lp.setRowBounds(static_cast<int>(n + m + groups + k), -COIN_DBL_MAX, std::max(0, (*input.pool)[k]));
  lp.setOptimizationDirection(-1);  // maximise

  std::vector<std::uint8_t> in_lp(arcs, 0);
  std::vector<std::int64_t> column_arc;
  auto add_columns = [&](const std::vector<std::int64_t>& list) {
    std::vector<CoinBigIndex> starts{0};
    std::vector<int> index;
    std::vector<double> lower, upper, objective;
    for (auto e64 : list) {
      const auto e = at(e64);
      if (in_lp[e] || !usable(e)) continue;
      in_lp[e] = 1;
      column_arc.push_back(e64);
      index.push_back(citizen_of[e]);
      index.push_back(static_cast<int>(n + at(p.arc_opening[e])));
      if (const auto g = group_row(e); g >= 0) index.push_back(static_cast<int>(g));
      if (const auto k = pool_row(e); k >= 0) index.push_back(static_cast<int>(k));
      starts.push_back(static_cast<CoinBigIndex>(index.size()));
      lower.push_back(0);
      upper.push_back(1);
      objective.push_back(cost(e));
    }
    const std::vector<double> ones(index.size(), 1.0);
    if (!lower.empty())
      lp.addColumns(static_cast<int>(lower.size()), lower.data(), upper.data(), objective.data(), starts.data(),
                    index.data(), ones.data());
  };
  add_columns(input.start_arcs);
  if (!input.start_at_one.empty()) {  // a slack basis with the flow's plan at its upper bounds
    lp.createStatus();
    std::vector<std::int32_t> column_of(arcs, -1);
    for (std::size_t j = 0; j < column_arc.size(); ++j) column_of[at(column_arc[j])] = static_cast<std::int32_t>(j);
    double* x = lp.primalColumnSolution();
    for (auto e : input.start_at_one)
      if (const auto j = column_of[at(e)]; j >= 0) {
        lp.setColumnStatus(j, ClpSimplex::atUpperBound);
        x[j] = 1;
      }
  }

  constexpr double kTolerance = 1e-7;  // CLP's own dual tolerance
  const std::vector<double> zero_duals(rows, 0.0);
  std::int64_t iterations = 0;
  std::int64_t input_max_iterations = input.max_iterations;  // over all rounds so far
  // One stage to optimality on the whole graph: false when stopped (time, iterations).
  auto run_stage = [&]() {
    for (int round = 0;; ++round) {
      const double left = input.seconds - std::chrono::duration<double>(Clock::now() - start).count();
      if (left <= 0 || round > 200) return false;
      ++out.rounds;
      const double* y = zero_duals.data();  // no column yet (CLP needs one): x = 0, y = 0
      if (!column_arc.empty()) {
        lp.setMaximumSeconds(left);
        if (input_max_iterations > 0) {
          if (iterations >= input_max_iterations) return false;
          lp.setMaximumIterations(static_cast<int>(std::min<std::int64_t>(input_max_iterations - iterations, 1 << 30)));
        }
        lp.primal(round == 0 && out.rounds == 1 ? 0 : 1);  // later: warm, the new columns at zero
        iterations += lp.numberIterations();
        out.iterations = iterations;
        if (lp.status() != 0) return false;  // stopped (x = 0 is feasible: never infeasible)
        y = lp.dualRowSolution();
      }
      std::vector<std::pair<double, std::int64_t>> priced;
      for (std::size_t e = 0; e < arcs; ++e) {
        if (in_lp[e] || !usable(e)) continue;
        double rc = cost(e) - y[citizen_of[e]] - y[n + at(p.arc_opening[e])];
        if (const auto g = group_row(e); g >= 0) rc -= y[g];
        if (const auto k = pool_row(e); k >= 0) rc -= y[k];
        if (rc > kTolerance) priced.emplace_back(-rc, static_cast<std::int64_t>(e));
      }
      if (priced.empty()) return true;
      // The best first, a bounded number a round (ties by arc: deterministic).
      const std::size_t take = std::min(priced.size(), std::max<std::size_t>(20'000, column_arc.size() / 4));
      std::partial_sort(priced.begin(), priced.begin() + static_cast<std::ptrdiff_t>(take), priced.end());
      std::vector<std::int64_t> list(take);
      for (std::size_t i = 0; i < take; ++i) list[i] = priced[i].second;
      add_columns(list);
    }
  };
  // Keeps the current LP optimum as the result.
  auto record = [&]() {
    out.optimal = true;
    out.pool_price.assign(pools, 0.0);
    out.arc.assign(n, kNone);
    out.x.clear();
    out.column_arc.clear();
    out.value = 0;
    if (column_arc.empty()) return;  // nothing open: the empty plan
    out.value = lp.objectiveValue();
    const double* y = lp.dualRowSolution();
    for (std::size_t k = 0; k < pools; ++k) out.pool_price[k] = std::max(0.0, y[n + m + groups + k]);
    const double* x = lp.primalColumnSolution();
    out.x.assign(x, x + column_arc.size());
    out.column_arc = column_arc;
    for (std::size_t j = 0; j < column_arc.size(); ++j) {
      if (x[j] <= 1e-6) continue;
      if (x[j] < 1 - 1e-6) {  // fractional: prices only
        out.arc.clear();
        return;
      }
      out.arc[at(citizen_of[at(column_arc[j])])] = column_arc[j];
    }
  };

  // Stage one: the placements alone (scores left out) — the fast one, every CLP pivot
  // counts; stage two: the weights, warm from stage one's basis.
  const bool two = input.big > 0;
  scores = !two;
  if (two)
    for (std::size_t j = 0; j < column_arc.size(); ++j) lp.setObjectiveCoefficient(static_cast<int>(j), cost(at(column_arc[j])));
  if (!run_stage()) return out;
  record();
  out.stage = two ? 1 : 2;
  if (!two || !input.scores) return out;
  // Stage two needs 1.8x stage one's pivots on the generated regional instances: it runs
  // when three times as many are left in the budget, with that as its own limit; where it
  // stops, stage one's prices stand. Deterministic.
  const std::int64_t need = 3 * std::max<std::int64_t>(iterations, 1000);
  if (input.max_iterations > 0 && input.max_iterations - iterations < need) return out;
  input_max_iterations = iterations + need;
  scores = true;
  for (std::size_t j = 0; j < column_arc.size(); ++j) lp.setObjectiveCoefficient(static_cast<int>(j), cost(at(column_arc[j])));
  const bool done = run_stage();
  if (!done) return out;  // stage one's result stands
  record();
  out.stage = 2;
  return out;
}

}  // namespace

PoolLpResult solve_pool_lp(const PoolLpInput& input) {
  try {
    return solve(input);
  } catch (const CoinError&) {  // an LP failure is no answer, not an error of the plan
    return {};
  }
}

}  // namespace placematch::detail
