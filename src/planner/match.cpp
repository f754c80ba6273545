// The pipeline: candidates -> matching problem -> solve -> plan.
#include "placematch/planner/match.hpp"

#include <chrono>
#include <stdexcept>
#include <string>

#include "detail/progress_relay.hpp"
#include "placematch/explain/reasons.hpp"
#include "placematch/explain/empty_seats.hpp"
#include "placematch/model/diagnostics.hpp"
#include "placematch/planner/floors.hpp"

namespace placematch {

namespace {
double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

MatchResult match(const Instance& instance, const MatchOptions& options) {
  MatchResult r;
  auto t0 = std::chrono::steady_clock::now();
  const auto start = t0;
  detail::announce(options.solve.progress, Phase::Candidates, start);
  CandidateOptions copt;
  copt.weights = options.weights;
  copt.threads = options.solve.threads;
  r.graph = build_candidates(instance, copt);
  r.stats.candidates = r.graph.size();
  r.stats.candidates_seconds = since(t0);

  t0 = std::chrono::steady_clock::now();
  MatchingProblem problem = make_problem(instance, r.graph);
  SolveOptions sopt = options.solve;
  sopt.progress = detail::relay(options.solve.progress, start);
  r.solution = solve(problem, sopt);
  if (r.solution.status == Status::Infeasible)
    throw InputError({{"decisions", "row", "the pins cannot all be kept together"}});
  if (r.solution.status != Status::Optimal && r.solution.status != Status::Feasible)
    throw std::runtime_error(std::string("solver ended with status ") +
                             std::string(to_string(r.solution.status)));
  // The plan's phase carries the solve's outcome: its placements, score, bound and gap.
  detail::announce(options.solve.progress, Phase::Plan, start, [&s = r.solution](Progress& p) {
    set_figures(p, s.placed, s.placed_bound, s.score, s.score_bound);
    p.nodes = s.stats.bb_nodes;
  });
  r.plan = make_plan(instance, r.graph, r.solution.citizen_arc);
  r.plan.objective = r.solution.objective;
  r.plan.status = r.solution.status;
  r.plan.bound_placed = r.solution.placed_bound;
  r.plan.bound_score = r.solution.score_bound;  // equal to the plan's value when optimal
  if (!instance.floors.empty()) r.plan = plan_with_floors(instance, r.graph, r.plan, r.solution.objective, sopt);
  r.plan.unplaced = explain_unplaced(instance, r.graph, r.plan);
  r.plan.empty_seats = empty_seats(instance, r.graph, r.plan);
  auto broken = check_plan(instance, r.graph, r.plan);
  if (!broken.empty()) throw std::logic_error("the plan breaks a rule: " + broken.front());
  r.stats.solve_seconds = since(t0);
  return r;
}

}  // namespace placematch
