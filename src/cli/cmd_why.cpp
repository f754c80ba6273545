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
  std::string path, json, opening, citizen;
  bool quiet = false;
  PlanArgs plan;
};

int run_why(const WhyArgs& a) {
  if (!outputs_writable({a.json})) return kInput;
  const auto opt = a.plan.match_options();
  if (!opt) return kInput;
  auto in = load_checked(a.path);
  if (!in) return kInput;
  const Index citizen = citizen_by_id(*in, a.citizen);
  std::optional<Index> opening;
  if (!a.opening.empty()) opening = opening_by_id(*in, a.opening);
  Planner planner(std::make_shared<const Instance>(std::move(*in)), *opt);
  const Why w = planner.why(citizen, opening);
  progress_line().finish();
  const Instance& inst = planner.instance();
  if (!a.json.empty() && !write_output(a.json, why_json(inst, planner.graph(), w, opt->weights, a.plan.lang))) return kInput;
  if (!a.quiet) std::cout << why_text(inst, planner.graph(), w, opt->weights, a.plan.lang);
  return kOk;
}
}  // namespace

Command add_why(CLI::App& app) {
  auto a = std::make_shared<WhyArgs>();
  CLI::App* sub = app.add_subcommand("why", "why a resident has what the plan gives");
  sub->add_option("PATH", a->path, "instance folder or instance.json")->required();
  sub->add_option("--citizen", a->citizen, "the resident's id")->required();
  sub->add_option("--opening", a->opening, "one opening: its broken rules, or its holders and cost");
  sub->add_option("--json", a->json, "write the answer as JSON here");
  sub->add_flag("--quiet", a->quiet, "print nothing on success");
  add_plan_options(sub, a->plan);
  return {sub, [a]() { return run_why(*a); }};
}

}  // namespace placematch::cli
