// placematch suggest PATH --opening O | --citizen C — ranked pairs with their exact cost to
// the plan (contract section 8).
#include <iostream>
#include <memory>

#include "common.hpp"
#include "placematch/planner/planner.hpp"
#include "placematch/report/report.hpp"

namespace placematch::cli {

namespace {
struct SuggestArgs {
  std::string path, json, opening, citizen;
  std::size_t top = 10;
  bool quiet = false;
  PlanArgs plan;
};

int run_suggest(const SuggestArgs& a) {
  if (!outputs_writable({a.json})) return kInput;
  const auto opt = a.plan.match_options();
  if (!opt) return kInput;
  if (a.opening.empty() == a.citizen.empty()) {
    std::cerr << "placematch suggest: give exactly one of --opening O and --citizen C\n";
    return kInput;
  }
  auto in = load_checked(a.path);
  if (!in) return kInput;
  std::optional<Index> opening, citizen;
  if (!a.opening.empty()) opening = opening_by_id(*in, a.opening);
  if (!a.citizen.empty()) citizen = citizen_by_id(*in, a.citizen);
  Planner planner(std::make_shared<const Instance>(std::move(*in)), *opt);
  const auto list = opening ? planner.suggest_for_opening(*opening, a.top) : planner.suggest_for_citizen(*citizen, a.top);
  const Plan& plan = planner.plan().plan;
  progress_line().finish();
  const Instance& inst = planner.instance();
  if (!a.json.empty() &&
      !write_output(a.json, suggest_json(inst, planner.graph(), plan, opening, citizen, list, opt->weights)))
    return kInput;
  if (!a.quiet) std::cout << suggest_table(inst, planner.graph(), plan, opening, citizen, list, a.plan.lang);
  return kOk;
}
}  // namespace

Command add_suggest(CLI::App& app) {
  auto a = std::make_shared<SuggestArgs>();
  CLI::App* sub = app.add_subcommand("suggest", "who for this opening, where for this resident, and at what cost");
  sub->add_option("PATH", a->path, "instance folder or instance.json")->required();
  auto* o = sub->add_option("--opening", a->opening, "the opening's id");
  auto* c = sub->add_option("--citizen", a->citizen, "the resident's id");
  o->excludes(c);
  sub->add_option("--top", a->top, "keep the first K (default 10; 0: all)");
  sub->add_option("--json", a->json, "write the suggestions as JSON here");
  sub->add_flag("--quiet", a->quiet, "print nothing on success");
  add_plan_options(sub, a->plan);
  return {sub, [a]() { return run_suggest(*a); }};
}

}  // namespace placematch::cli
