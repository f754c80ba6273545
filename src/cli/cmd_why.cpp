// placematch why PATH --citizen C [--opening O] — why a resident has what the plan gives
// (contract section 9).
#include <iostream>
#include <memory>

#include "common.hpp"
#include "placematch/planner/planner.hpp"
#include "placematch/report/report.hpp"

namespace placematch::cli {

namespace {
struct WhyArgs {
  std::string path, objective = "placements", json, weights, opening, citizen;
  double time_limit = SolveOptions{}.time_limit_seconds;
  int threads = 0;
  bool quiet = false;
};

int run_why(const WhyArgs& a) {
  auto weights = weights_from(a.weights);
  if (!weights) return kInput;
  auto in = load_checked(a.path);
  if (!in) return kInput;
  const Index citizen = citizen_by_id(*in, a.citizen);
  std::optional<Index> opening;
  if (!a.opening.empty()) opening = opening_by_id(*in, a.opening);
  MatchOptions opt;
  opt.weights = *weights;
  opt.solve.objective = *parse_objective(a.objective);
  opt.solve.time_limit_seconds = a.time_limit;
  opt.solve.threads = a.threads;
  Planner planner(std::make_shared<const Instance>(std::move(*in)), opt);
  const Why w = planner.why(citizen, opening);
  const Instance& inst = planner.instance();
  if (!a.json.empty() && !write_output(a.json, why_json(inst, planner.graph(), w, *weights))) return kInput;
  if (!a.quiet) std::cout << why_text(inst, planner.graph(), w, *weights);
  return kOk;
}
}  // namespace

Command add_why(CLI::App& app) {
  auto a = std::make_shared<WhyArgs>();
  CLI::App* sub = app.add_subcommand("why", "why a resident has what the plan gives");
  sub->add_option("PATH", a->path, "instance folder or instance.json")->required();
  sub->add_option("--citizen", a->citizen, "the resident's id")->required();
  sub->add_option("--opening", a->opening, "one opening: its broken rules, or its holders and cost");
  sub->add_option("--objective", a->objective, "placements (default) or score")
      ->check(CLI::IsMember({std::string(to_string(Objective::Placements)),
                             std::string(to_string(Objective::Score))}));
  sub->add_option("--json", a->json, "write the answer as JSON here");
  sub->add_option("--weights", a->weights, "scoring weights (JSON)");
  sub->add_option("--time-limit", a->time_limit, "seconds for proving optimality (default 300)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--threads", a->threads, "threads (0: all cores)")->check(CLI::Range(0, 1024));
  sub->add_flag("--quiet", a->quiet, "print nothing on success");
  return {sub, [a]() { return run_why(*a); }};
}

}  // namespace placematch::cli
