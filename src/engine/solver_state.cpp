// The solver's state between runs: components solved on threads and merged
// (see src/detail/component_solver.hpp).
#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "detail/component_solver.hpp"

namespace placematch::detail {

SolverState::SolverState(const MatchingProblem& p) : p_(p), d_(decompose(p)) {
  solvers_.reserve(d_.parts.size());
  for (const Component& part : d_.parts) solvers_.push_back(std::make_unique<ComponentSolver>(part.prob()));
  solutions_.resize(d_.parts.size());
}

void SolverState::set_seats(Index o, std::int32_t seats) {
  if (d_.opening_local[at(o)] == kNone) return;  // no arc reaches it
  solvers_[at(d_.opening_comp[at(o)])]->set_seats(d_.opening_local[at(o)], seats);
}
void SolverState::forbid(ArcIndex arc, bool on) {
  solvers_[at(d_.citizen_comp[at(citizen_of_arc(p_, arc))])]->forbid(d_.arc_local(p_, arc), on);
}
void SolverState::set_score(ArcIndex arc, std::int64_t score) {
  solvers_[at(d_.citizen_comp[at(citizen_of_arc(p_, arc))])]->set_score(d_.arc_local(p_, arc), score);
}
void SolverState::pin(ArcIndex arc, bool on) {
  solvers_[at(d_.citizen_comp[at(citizen_of_arc(p_, arc))])]->pin(d_.arc_local(p_, arc), on);
}

void SolverState::seed(const WarmStart& start) {
  for (std::size_t k = 0; k < d_.parts.size(); ++k) {
    const Component& part = d_.parts[k];
    const MatchingProblem& local = part.prob();
    std::vector<ArcIndex> arcs(part.citizens.size(), kNone);
    for (std::size_t c = 0; c < part.citizens.size(); ++c) {
      const Index g = part.citizens[c];
      const ArcIndex e = start.citizen_arc.empty() ? kNone : start.citizen_arc[at(g)];
      if (e != kNone) arcs[c] = local.arc_begin[c] + (e - p_.arc_begin[at(g)]);  // same offset
    }
    std::vector<std::int64_t> v(part.openings.size(), 0), z(part.groups.size(), 0);
    if (!start.opening_dual.empty())
      for (std::size_t o = 0; o < part.openings.size(); ++o) v[o] = start.opening_dual[at(part.openings[o])];
    if (!start.cap_group_dual.empty())
      for (std::size_t g = 0; g < part.groups.size(); ++g) z[g] = start.cap_group_dual[at(part.groups[g])];
    solvers_[k]->seed(std::move(arcs), std::move(v), std::move(z));
  }
}

void SolverState::run(const SolveOptions& options, Solution& out) {
  const auto start = Clock::now();
  out = Solution{};
  out.objective = options.objective;
  // BIG > any plan's total score, the same in every component (see solve.hpp).
  // BIG = max_score * (citizens + 1); beyond 2^61 it could never be exact.
  const __int128 big = options.objective == Objective::Placements
                           ? static_cast<__int128>(p_.max_score) * (std::int64_t{p_.num_citizens} + 1)
                           : 0;
  if (big > (static_cast<__int128>(1) << 61)) {
    out.status = Status::BadCostRange;
    out.citizen_arc.assign(at(p_.num_citizens), kNone);
    return;
  }
  out.big = static_cast<std::int64_t>(big);
  std::optional<SolveProgress> progress;
  if (options.progress) progress.emplace(options.progress, d_.parts.size(), out.big, start, options.progress_interval);
  for (std::size_t k = 0; k < solvers_.size(); ++k) solvers_[k]->watch(progress ? &*progress : nullptr, k);
  const Clock::time_point deadline = deadline_after(options.time_limit_seconds);
  if (options.cutoff && d_.parts.size() != 1) {  // a cutoff bounds the sum: one component only
    SolveOptions without = options;
    without.cutoff.reset();
    solve_components(without, out.big, deadline, progress ? &*progress : nullptr);
  } else {
    solve_components(options, out.big, deadline, progress ? &*progress : nullptr);
  }
  for (auto& s : solvers_) s->watch(nullptr, 0);
  if (progress) progress->finish();
  merge(out.big, out);
  out.stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
}

// Components are claimed smallest first by the workers; each writes only its own
// solution, and merge() reads them in component order, so the result does not depend
// on the thread count (except where the wall-clock limit stops a search).
void SolverState::solve_components(const SolveOptions& options, std::int64_t big, Clock::time_point deadline,
                                   SolveProgress* progress) {
  const int wanted = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  const int threads = std::max(1, std::min<int>(wanted, static_cast<int>(d_.parts.size())));
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    try {
      for (std::size_t i; (i = next.fetch_add(1)) < d_.parts.size();) {
        const std::size_t k = d_.order[i];
        solvers_[k]->run(options, big, deadline, solutions_[k]);
        if (progress) progress->done(k, solutions_[k]);
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = d_.parts.size();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

// The union of the components' plans (global arc indices), the sum of their bounds, the
// status they share, their statistics and, when every component has them, their duals.
// Bounds add up: a plan with sum placed_bound placements has exactly placed_bound_k in
// every component, so its score is at most sum score_bound_k.
void SolverState::merge(std::int64_t big, Solution& out) const {
  bool infeasible = false, bad_range = false, optimal = true, duals = true, cert = true;
  for (std::size_t k = 0; k < d_.parts.size(); ++k) {
    const Solution& s = solutions_[k];
    infeasible |= s.status == Status::Infeasible;
    bad_range |= s.status == Status::BadCostRange;
    optimal &= s.status == Status::Optimal;
    duals &= !s.citizen_dual.empty() || d_.parts[k].prob().num_citizens == 0;
    cert &= !s.cert_citizen_dual.empty() || d_.parts[k].prob().num_citizens == 0;
    out.stats.dijkstra_runs += s.stats.dijkstra_runs;
    out.stats.settled_nodes += s.stats.settled_nodes;
    out.stats.flow_solves += s.stats.flow_solves;
    out.stats.flow_restarts += s.stats.flow_restarts;
    out.stats.bb_nodes += s.stats.bb_nodes;
    out.stats.lagrangian_iterations += s.stats.lagrangian_iterations;
    out.stats.lp_rounds += s.stats.lp_rounds;
    out.stats.tree_leaves += s.stats.tree_leaves;
    out.stats.kept_root_closes += s.stats.kept_root_closes;
    out.stats.local_price_closes += s.stats.local_price_closes;
  }
  out.citizen_arc.assign(at(p_.num_citizens), kNone);
  if (bad_range || infeasible) {
    out.status = bad_range ? Status::BadCostRange : Status::Infeasible;
    return;
  }
  out.status = optimal ? Status::Optimal : Status::Feasible;
  if (duals) {
    out.citizen_dual.assign(at(p_.num_citizens), 0);
    out.opening_dual.assign(at(p_.num_openings), 0);
    out.cap_group_dual.assign(p_.cap_group_limit.size(), 0);
  }
  if (cert) {
    out.cert_citizen_dual.assign(at(p_.num_citizens), 0);
    out.cert_opening_dual.assign(at(p_.num_openings), 0);
    out.cert_cap_group_dual.assign(p_.cap_group_limit.size(), 0);
    out.cert_opening_price.assign(at(p_.num_openings), 0);
  }
  Index placed_bound = 0;
  for (std::size_t k = 0; k < d_.parts.size(); ++k) {
    const Component& part = d_.parts[k];
    const Solution& s = solutions_[k];
    for (std::size_t c = 0; c < part.citizens.size(); ++c) {
      const ArcIndex e = s.citizen_arc[c];
      if (e == kNone) continue;
      // A citizen's arcs keep their order in its component: same offset from its first.
      const Index g = part.citizens[c];
      out.citizen_arc[at(g)] = p_.arc_begin[at(g)] + (e - part.prob().arc_begin[c]);
      ++out.placed;
      out.score += solvers_[k]->score(e);
    }
    placed_bound += s.placed_bound.value_or(0);
    out.score_bound += s.score_bound;
    if (duals) {
      for (std::size_t c = 0; c < part.citizens.size(); ++c) out.citizen_dual[at(part.citizens[c])] = s.citizen_dual[c];
      for (std::size_t o = 0; o < part.openings.size(); ++o) out.opening_dual[at(part.openings[o])] = s.opening_dual[o];
      for (std::size_t g = 0; g < part.groups.size(); ++g) out.cap_group_dual[at(part.groups[g])] = s.cap_group_dual[g];
    }
    if (cert && !s.cert_citizen_dual.empty()) {
      for (std::size_t c = 0; c < part.citizens.size(); ++c) out.cert_citizen_dual[at(part.citizens[c])] = s.cert_citizen_dual[c];
      for (std::size_t o = 0; o < part.openings.size(); ++o) {
        out.cert_opening_dual[at(part.openings[o])] = s.cert_opening_dual[o];
        out.cert_opening_price[at(part.openings[o])] = s.cert_opening_price[o];
      }
      for (std::size_t g = 0; g < part.groups.size(); ++g) out.cert_cap_group_dual[at(part.groups[g])] = s.cert_cap_group_dual[g];
      out.cert_gap += s.cert_gap;
    }
    for (const Solution::TreeFlows& local : s.tree_flows) {  // in global indices
      const MatchingProblem& q = part.prob();
      auto global_arc = [&](ArcIndex e, Index c) { return p_.arc_begin[at(part.citizens[at(c)])] + (e - q.arc_begin[at(c)]); };
      auto globals = [&](const std::vector<ArcIndex>& arcs) {
        std::vector<ArcIndex> g;
        g.reserve(arcs.size());
        for (const ArcIndex e : arcs) g.push_back(global_arc(e, citizen_of_arc(q, e)));
        return g;
      };
      Solution::TreeFlows& tree = out.tree_flows.emplace_back();
      tree.citizens = part.citizens;
      tree.openings = part.openings;
      tree.groups = part.groups;
      for (const Solution::LeafFlow& f : local.leaves) {
        Solution::LeafFlow& g = tree.leaves.emplace_back(f);
        g.pins = globals(f.pins);
        g.closed = globals(f.closed);
        for (std::size_t c = 0; c < g.arc.size(); ++c)
          if (g.arc[c] != kNone) g.arc[c] = global_arc(g.arc[c], static_cast<Index>(c));
      }
    }
  }
  if (big > 0) out.placed_bound = placed_bound;
}

}  // namespace placematch::detail
