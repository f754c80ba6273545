// Pool prices repaired near the pools a priced root left out of balance, by a small LP
// (see src/detail/component_solver.hpp, local_pool_prices).
//
// The root's certificate (cert_: the duals u, v, z of its best priced flow, at prices
// lambda) is a dual solution of the root's LP relaxation with pools: for every open arc e
// of an active citizen c into opening o (cap group g, pool k when e is pooled),
// u_c + v_o + z_g + lambda_k >= w_e. Its pools S where complementary slackness fails (a
// pool over its room, or one with a price and room left) are where better prices are
// needed. The LP here keeps every dual of the certificate but those of S, of S's openings
// O and of the citizens C with an open pooled arc into O, and re-optimises these: the dual of
//   max sum_e c_e x_e   over x >= 0,
//   sum over c's columns <= 1 (c in C), over o's <= seats left (o in O), over k's pooled
//   columns <= room left (k in S),
// whose columns are the open arcs touching C or O, each weighing w_e less its fixed duals.
// Any optimal dual, with the fixed duals outside, is again a dual solution of the root
// (arcs touching neither C nor O keep their rows' duals, and their pools are not in S), so
// the new prices are an honest start; but nothing depends on it: the caller prices the
// root again with them through the exact flows, and any prices >= 0 bound every plan.
// Cost: O(arcs touching C and O) to list the columns (of those in one row only, one per
// row: see `candidate` below), and CLP on the tight ones plus those that price out
// (regional questions: 100-6,000 rows, 135-5,000 columns, 1-50 ms; benchmarks/README.md).
// Measured: for most pins the pools whose prices the global LP moves are these few; with
// its prices on S only and the first run's elsewhere the root closed as with the LP's. Not
// for every pin: one resident's re-solve needed the region's LP, which moved 69 pools'
// prices, 66 of them outside S (benchmarks/README.md, "Warm re-solves near a pin").
#include <algorithm>
#include <cmath>
#include <vector>

#include <coin/ClpSimplex.hpp>

#include "detail/component_solver.hpp"
#include "detail/csr.hpp"

namespace placematch::detail {

namespace {
constexpr std::size_t kMaxLocalRows = 20'000;
constexpr int kMaxPivots = 50'000;  // per CLP call (the regional ones took 0-2,900)
}  // namespace

std::vector<std::int64_t> ComponentSolver::local_pool_prices(const Residual& res,
                                                             const std::vector<std::uint8_t>& unbalanced) {
  const std::size_t pools = p_.pool_limit.size();
  if (!cert_.valid || cert_.lambda.size() != pools || unbalanced.size() != pools) return {};
  if (opening_arcs_begin_.empty())  // the arcs by opening, once
    group_by(at(p_.num_openings), Indices{static_cast<std::int64_t>(p_.arc_opening.size())},
             [&](std::int64_t e) { return p_.arc_opening[at(e)]; }, opening_arcs_begin_, opening_arcs_);
  const auto& u = cert_.u;
  const auto& v = cert_.v;
  const auto& z = cert_.z;
  const auto& lambda = cert_.lambda;
  // Rows: the pools of S, their openings, the citizens with an open pooled arc into them.
  std::vector<int> pool_row(pools, -1), opening_row(at(p_.num_openings), -1);
  if (local_citizen_row_.size() != at(p_.num_citizens)) local_citizen_row_.assign(at(p_.num_citizens), -1);
  std::vector<int>& citizen_row = local_citizen_row_;
  std::vector<Index> citizens;
  struct Clear {  // citizen_row back to -1 on every way out
    std::vector<int>& row;
    const std::vector<Index>& list;
    ~Clear() {
      for (const Index c : list) row[static_cast<std::size_t>(c)] = -1;
    }
  } clear{citizen_row, citizens};
  std::vector<double> row_upper;
  std::vector<Index> row_pool;
  for (std::size_t k = 0; k < pools; ++k)
    if (unbalanced[k]) {
      pool_row[k] = static_cast<int>(row_upper.size());
      row_upper.push_back(std::max(0, res.pool[k]));
      row_pool.push_back(static_cast<Index>(k));
    }
  std::vector<Index> openings;
  for (Index o = 0; o < p_.num_openings; ++o)
    if (const Index k = p_.opening_pool[at(o)]; k != kNone && unbalanced[at(k)]) {
      opening_row[at(o)] = static_cast<int>(row_upper.size());
      row_upper.push_back(std::max(0, res.seats[at(o)]));
      openings.push_back(o);
    }
  if (openings.empty()) return {};
  auto usable = [&](ArcIndex e, Index c) { return res.active[at(c)] && !res.closed[at(e)]; };
  for (const std::size_t k : row_pool)
    for (std::int64_t i = pool_arcs_begin_[k]; i < pool_arcs_begin_[k + 1]; ++i) {
      const ArcIndex e = pool_arcs_[at(i)];
      const Index c = arc_citizen(e);
      if (!usable(e, c) || citizen_row[at(c)] >= 0) continue;
      citizen_row[at(c)] = static_cast<int>(row_upper.size());
      row_upper.push_back(1);
      citizens.push_back(c);
    }
  // Near the pin, or not at all: a neighbourhood as large as a region's LP (52,000 rows) is
  // better served by the region's warm LP that follows.
  if (row_upper.size() > kMaxLocalRows) return {};
  // Columns: every open arc touching a row's citizen or opening, weighing w_e less the
  // fixed duals of its other rows (on the LP's scale, as the pool LP: near 1). Column
  // generation: first the columns tight under the certificate (reduced cost 0), then every
  // column that prices out against the LP's duals, a few rounds, until none does: the
  // optimum over all of them (else no prices).
  const double scale = lp_scale();
  struct Candidate {
    int r[3];
    double cost;          // CLP minimises: -(w_e - fixed) / scale
    std::int64_t slack;   // its reduced cost under the certificate
    bool in = false;
  };
  // A column in one row only (an arc of a citizen of C to an opening outside O, or an arc
  // into O of a citizen outside C, which is not pooled: a citizen with a pooled arc into O is
  // in C) matters only when it is that row's cheapest: the dual's constraints of the row's
  // one-row columns, y_r <= cost, all follow from the least cost, so the LP with that column
  // alone has the same optimum and the same optimal duals. Only it is a candidate (a
  // regional question: 876,505 candidates before, 22,924 so, the LP the same size).
  // Its reduced cost under the certificate is the least of the row's too (the other duals
  // of a one-row column are fixed), so the first round takes it when it takes any of them.
  std::vector<Candidate> cand;
  std::vector<std::int64_t> single(row_upper.size(), -1);  // per row: its one-row candidate
  auto candidate = [&](ArcIndex e, Index c) {
    const Index o = p_.arc_opening[at(e)];
    const Index g = p_.opening_cap_group[at(o)];
    const Index k = pool_of(e);
    std::int64_t fixed = g != kNone ? z[at(g)] : 0;
    const std::int64_t all = fixed + u[at(c)] + v[at(o)] + (k != kNone ? lambda[at(k)] : 0);
    if (citizen_row[at(c)] < 0) fixed += u[at(c)];
    if (opening_row[at(o)] < 0) fixed += v[at(o)];
    if (k != kNone && pool_row[at(k)] < 0) fixed += lambda[at(k)];
    const Candidate x{{citizen_row[at(c)], opening_row[at(o)], k != kNone ? pool_row[at(k)] : -1},
                      -static_cast<double>(weight(e) - fixed) / scale, all - weight(e)};
    const int rows = (x.r[0] >= 0) + (x.r[1] >= 0) + (x.r[2] >= 0);
    if (rows != 1) {
      cand.push_back(x);
      return;
    }
    const int r = x.r[0] >= 0 ? x.r[0] : x.r[1] >= 0 ? x.r[1] : x.r[2];
    std::int64_t& at_row = single[at(r)];
    if (at_row < 0) {
      at_row = static_cast<std::int64_t>(cand.size());
      cand.push_back(x);
    } else if (x.cost < cand[at(at_row)].cost) {
      cand[at(at_row)] = x;
    }
  };
  for (const Index c : citizens)
    for (ArcIndex e = p_.arc_begin[at(c)]; e < p_.arc_begin[at(c) + 1]; ++e)
      if (usable(e, c)) candidate(e, c);
  for (const Index o : openings)
    for (std::int64_t i = opening_arcs_begin_[at(o)]; i < opening_arcs_begin_[at(o) + 1]; ++i) {
      const ArcIndex e = opening_arcs_[at(i)];
      const Index c = arc_citizen(e);
      if (citizen_row[at(c)] < 0 && usable(e, c)) candidate(e, c);
    }
  const int n_rows = static_cast<int>(row_upper.size());
  std::vector<double> row_lower(at(n_rows), -COIN_DBL_MAX);
  ClpSimplex lp;
  lp.setMaximumIterations(kMaxPivots);  // a deterministic limit (no clock)
  lp.setLogLevel(0);
  lp.messageHandler()->setLogLevel(0);
  lp.loadProblem(0, n_rows, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, row_lower.data(), row_upper.data());
  auto add = [&](const std::vector<std::size_t>& which) {
    std::vector<CoinBigIndex> starts{0};
    std::vector<int> rows;
    std::vector<double> values, lower(which.size(), 0), upper(which.size(), COIN_DBL_MAX), cost;
    for (const std::size_t j : which) {
      for (const int r : cand[j].r)
        if (r >= 0) {
          rows.push_back(r);
          values.push_back(1);
        }
      starts.push_back(static_cast<CoinBigIndex>(rows.size()));
      cost.push_back(cand[j].cost);
      cand[j].in = true;
    }
    lp.addColumns(static_cast<int>(which.size()), lower.data(), upper.data(), cost.data(), starts.data(), rows.data(),
                  values.data());
  };
  std::vector<std::size_t> first;
  for (std::size_t j = 0; j < cand.size(); ++j)
    if (cand[j].slack <= 0) first.push_back(j);
  add(first);
  constexpr int kRounds = 8;
  constexpr double kTolerance = 1e-9;
  for (int round = 0;; ++round) {
    if (round == 0) lp.dual(); else lp.primal(1);
    lp_pivots_ += lp.numberIterations();  // the run's work (SolveOptions::work_limit)
    if (!lp.isProvenOptimal()) return {};
    const double* y = lp.dualRowSolution();
    std::vector<std::size_t> more;
    for (std::size_t j = 0; j < cand.size(); ++j) {
      if (cand[j].in) continue;
      double reduced = cand[j].cost;
      for (const int r : cand[j].r)
        if (r >= 0) reduced -= y[r];
      if (reduced < -kTolerance) more.push_back(j);
    }
    if (more.empty()) break;
    if (round + 1 >= kRounds) return {};
    add(more);
  }
  const double* y = lp.dualRowSolution();
  std::vector<std::int64_t> out = lambda;
  for (std::size_t k = 0; k < pools; ++k)
    if (pool_row[k] >= 0)
      out[k] = std::llround(std::clamp(-y[pool_row[k]] * scale, 0.0, static_cast<double>(big_m_)));
  return out;
}

}  // namespace placematch::detail
