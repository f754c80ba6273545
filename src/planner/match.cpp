// The pipeline: candidates -> matching problem -> solve -> plan.
#include "placematch/planner/match.hpp"

#include <chrono>
#include <algorithm>
#include <stdexcept>
#include <thread>

#include "placematch/model/diagnostics.hpp"

namespace placematch {

namespace {
double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

MatchResult match(const Instance& instance, const MatchOptions& options) {
  MatchResult r;
  auto t0 = std::chrono::steady_clock::now();
  CandidateOptions copt;
  copt.weights = options.weights;
  copt.threads = options.threads;
  r.graph = build_candidates(instance, copt);
  r.stats.candidates = r.graph.size();
  r.stats.candidates_seconds = since(t0);

  t0 = std::chrono::steady_clock::now();
  MatchingProblem problem = make_problem(instance, r.graph);
  SolveOptions sopt;
  sopt.objective = options.objective;
  sopt.time_limit_seconds = options.time_limit_seconds;
  sopt.work_limit = options.work_limit;
  sopt.lp_prices = options.lp_prices;
  sopt.threads = options.threads > 0 ? options.threads
                                     : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  r.solution = solve(problem, sopt);
  if (r.solution.status == Status::Infeasible)
    throw InputError({{"decisions", "row", "the pins cannot all be kept together"}});
  if (r.solution.status != Status::Optimal && r.solution.status != Status::Feasible)
    throw std::runtime_error(std::string("solver ended with status ") +
                             std::string(to_string(r.solution.status)));
  r.plan = make_plan(instance, r.graph, r.solution.citizen_arc);
  r.plan.objective = options.objective;
  r.plan.optimal = r.solution.status == Status::Optimal;
  r.plan.bound_placed = r.solution.placed_bound;
  r.plan.bound_score = r.solution.score_bound;  // equal to the plan's value when optimal
  auto broken = check_plan(instance, r.graph, r.plan);
  if (!broken.empty()) throw std::logic_error("the plan breaks a rule: " + broken.front());
  r.stats.solve_seconds = since(t0);
  return r;
}

}  // namespace placematch
