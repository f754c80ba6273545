// placematch whatif PATH — what seats, proposed openings or courses would place more residents.
#include <iostream>
#include <memory>

#include "common.hpp"
#include "placematch/io/files.hpp"
#include "placematch/io/whatif_files.hpp"
#include "placematch/planner/whatif.hpp"
#include "placematch/report/whatif_report.hpp"
#include "placematch/rules/decisions.hpp"

namespace placematch::cli {

namespace {
struct WhatIfArgs {
  std::string path, openings, courses, json, csv;
  int seats = -1;
  double target = -1, budget = -1;
  bool quiet = false;
  PlanArgs plan;
};

int run_whatif(const WhatIfArgs& a) {
  if (!a.courses.empty() && a.budget < 0) {
    std::cerr << "placematch: --courses needs --budget KR\n";
    return kInput;
  }
  if (!outputs_writable({a.json, a.csv})) return kInput;
  const auto opt = a.plan.match_options();
  if (!opt) return kInput;
  WhatIfRequest req;
  req.options.objective = opt->solve.objective;
  req.options.weights = opt->weights;
  req.options.time_limit_seconds = opt->solve.time_limit_seconds;
  req.options.work_limit = opt->solve.work_limit;
  req.options.threads = opt->solve.threads;
  req.options.progress = opt->solve.progress;
  if (a.seats >= 0) req.seats = a.seats;
  if (a.target >= 0) req.target = a.target;

  std::optional<Instance> in;
  if (a.openings.empty()) {
    in = load_checked(a.path);
    if (!in) return kInput;
  } else {
    ExtendedLoad ext = load_instance_with_openings(a.path, a.openings);
    print(ext.load.warnings);
    if (!ext.ok()) {
      print(ext.load.errors);
      return kInput;
    }
    Diagnostics pins = check_decisions(*ext.load.instance);
    if (!pins.empty()) {
      print(pins);
      return kInput;
    }
    in = std::move(ext.load.instance);
    req.first_proposed = ext.first_proposed;
  }
  if (!a.courses.empty()) {
    CoursesLoad c = load_courses(a.courses, *in);
    print(c.warnings);
    if (!c.ok()) {
      print(c.errors);
      return kInput;
    }
    req.courses = std::move(c.courses);
    req.budget = a.budget;
  }
  if (!in->floors.empty())  // not silently: the what-if does not apply floors (contract section 12) yet
    std::cerr << "warning: whatif does not apply floors.csv yet: every figure is for the instance without "
                 "its floors\n";
  const WhatIfResult r = whatif(*in, req);
  progress_line().finish();
  if (!a.json.empty() && !write_output(a.json, whatif_json(*in, r, req.courses))) return kInput;
  if (!a.csv.empty() && !write_output(a.csv, whatif_csv(*in, r, req.courses))) return kInput;
  if (!a.quiet) std::cout << whatif_table(*in, r, req.courses, a.plan.lang);
  return kOk;
}
}  // namespace

Command add_whatif(CLI::App& app) {
  auto a = std::make_shared<WhatIfArgs>();
  CLI::App* sub = app.add_subcommand("whatif", "what seats, openings or courses would place more residents");
  sub->add_option("PATH", a->path, "instance folder or instance.json")->required();
  sub->add_option("--seats", a->seats, "add up to N seats, one at a time, where each helps most")
      ->check(CLI::Range(0, 1000000));
  sub->add_option("--target", a->target, "add seats until placed/residents reaches RATE (e.g. 0.85)")
      ->check(CLI::Range(0.0, 1.0));
  sub->add_option("--openings", a->openings, "proposed openings (openings.csv columns): each one's gain");
  sub->add_option("--courses", a->courses, "courses.csv: courses to give within --budget");
  sub->add_option("--budget", a->budget, "the courses' budget in kr")->check(CLI::Range(0.0, 1e15));
  sub->add_option("--json", a->json, "write the what-if JSON here");
  sub->add_option("--csv", a->csv, "write the steps as CSV here");
  sub->add_flag("--quiet", a->quiet, "print nothing on success");
  // Per solve: a what-if solves many changed instances.
  a->plan.time_limit = WhatIfOptions{}.time_limit_seconds;
  a->plan.threads = WhatIfOptions{}.threads;
  add_plan_options(sub, a->plan);
  return {sub, [a]() { return run_whatif(*a); }};
}

}  // namespace placematch::cli
