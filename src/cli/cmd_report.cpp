// placematch report PATH --html FILE — the report for the board (contract section 11).
#include <iostream>
#include <memory>

#include "common.hpp"
#include "placematch/io/previous.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/planner/planner.hpp"
#include "placematch/report/board.hpp"
#include "placematch/report/report.hpp"

namespace placematch::cli {

namespace {
struct ReportArgs {
  std::string path, html, json;
  double goal = 0.85, baseline = 0.20;
  PlanArgs plan;
};

int run_report(const ReportArgs& a) {
  if (!outputs_writable({a.html, a.json})) return kInput;
  // The earlier plan is read first: a bad file is an input error (exit 2), nothing written.
  std::optional<PreviousPlan> before;
  if (!a.plan.previous.empty()) before = read_previous_plan(a.plan.previous);
  const auto opt = a.plan.match_options();
  if (!opt) return kInput;
  const auto t0 = std::chrono::steady_clock::now();
  auto in = load_checked(a.path);
  if (!in) return kInput;
  BoardOptions bo;
  bo.goal = a.goal;
  bo.baseline = a.baseline;
  bo.lang = a.plan.lang;
  // The plan is the one `match` gives (with --previous: re-planned against the earlier
  // plan, section 7), so the report and the result JSON agree; floors.csv (section 12)
  // applies either way.
  auto write_all = [&a, &bo](const Instance& inst, const Plan& plan, const RunStats& stats, const Replan* rp) {
    // Outputs are written completely or not at all; the JSON first.
    if (!a.json.empty() && !write_output(a.json, result_json(inst, plan, stats, rp, a.plan.lang))) return false;
    return write_output(a.html, board_report_html(inst, plan, bo));
  };
  if (!before) {
    MatchResult r = match(*in, *opt);
    r.stats.load_seconds = seconds_since(t0) - r.stats.candidates_seconds - r.stats.solve_seconds;
    progress_phase(Phase::Report, &r.plan);
    if (!write_all(*in, r.plan, r.stats, nullptr)) return kInput;
    return kOk;
  }
  Planner planner(std::make_shared<const Instance>(std::move(*in)), *opt);
  const Replan rp = planner.replan(*before);
  bo.previous = EarlierPlan{};
  for (const PreviousPlan::Entry& e : before->placements) bo.previous->placements.emplace_back(e.citizen, e.opening);
  RunStats stats = planner.plan().stats;
  stats.load_seconds = seconds_since(t0) - stats.candidates_seconds - stats.solve_seconds;
  progress_phase(Phase::Report, &rp.plan);
  if (!write_all(planner.instance(), rp.plan, stats, &rp)) return kInput;
  return kOk;
}

CLI::Validator share(bool zero_allowed) {
  return CLI::Validator(
      [zero_allowed](std::string& s) -> std::string {
        double x = 0;
        std::size_t used = 0;
        try {
          x = std::stod(s, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        const bool ok = used == s.size() && (zero_allowed ? x >= 0 : x > 0) && x <= 1;
        return ok ? std::string() : "expected a share in " + std::string(zero_allowed ? "[0, 1]" : "(0, 1]") +
                                        " such as 0.85, got \"" + s + "\"";
      },
      zero_allowed ? "[0,1]" : "(0,1]", "share");
}
}  // namespace

Command add_report(CLI::App& app) {
  auto a = std::make_shared<ReportArgs>();
  CLI::App* sub = app.add_subcommand("report", "write the report for the board as one self-contained HTML file");
  sub->add_option("PATH", a->path, "instance folder or instance.json")->required();
  sub->add_option("--html", a->html, "write the report here")->required();
  sub->add_option("--json", a->json, "also write the result JSON of the same plan here");
  sub->add_option("--goal", a->goal, "the activation rate aimed at, in (0, 1] (default 0.85)")->check(share(false));
  sub->add_option("--baseline", a->baseline, "the activation rate before the plan, in [0, 1] (default 0.20)")
      ->check(share(true));
  add_plan_options(sub, a->plan, true, "an earlier result JSON: show the changes against it");
  return {sub, [a]() { return run_report(*a); }};
}

}  // namespace placematch::cli
