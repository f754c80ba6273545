// placematch match PATH — the optimal plan: a table, the result JSON, the plan CSV.
#include <iostream>
#include <memory>

#include "common.hpp"
#include "placematch/io/previous.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/planner/planner.hpp"
#include "placematch/planner/snapshot.hpp"
#include "placematch/report/report.hpp"
#include "placematch/report/spreadsheet.hpp"

namespace placematch::cli {

namespace {
struct MatchArgs {
  std::string path, json, csv, xlsx;
  std::string save, warm;            // snapshots
  std::string area, group, company;  // filters of the table
  bool all = false;
  bool excel = false;
  bool quiet = false;
  PlanArgs plan;
};

int run_match(const MatchArgs& a) {
  if (!outputs_writable({a.json, a.csv, a.xlsx, a.save})) return kInput;
  const auto opt = a.plan.match_options();
  if (!opt) return kInput;
  // A snapshot to start from is read first: a bad one is an input error before any work.
  std::optional<Snapshot> warm;
  if (!a.warm.empty()) warm = read_snapshot(a.warm);
  const Language lang = a.plan.lang;
  const auto t0 = std::chrono::steady_clock::now();
  auto in = load_checked(a.path);
  if (!in) return kInput;
  PlanTableOptions table;
  table.lang = lang;
  table.max_rows = a.all ? 0 : 40;
  set_table_filters(*in, table, a.area, a.group, a.company);  // an unknown value: exit 2, nothing written
  // Outputs are written completely or not at all; the JSON before the CSV and workbook.
  auto write_all = [&a, lang](const Instance& inst, const Plan& plan, const RunStats& stats, const Replan* rp) {
    if (!a.json.empty() && !write_output(a.json, result_json(inst, plan, stats, rp, lang))) return false;
    if (!a.csv.empty()) {
      std::string csv = plan_csv(inst, plan, lang);
      if (a.excel) csv = to_excel_csv(csv, kPlanCsvTextColumns);
      if (!write_output(a.csv, csv)) return false;
    }
    return a.xlsx.empty() || write_output(a.xlsx, plan_xlsx(inst, plan, lang));
  };
  if (!a.plan.previous.empty()) {
    // Section 7: re-plan against an earlier plan (read first: a bad file is an input error).
    const PreviousPlan before = read_previous_plan(a.plan.previous);
    Planner planner(std::make_shared<const Instance>(std::move(*in)), *opt);
    const auto t1 = std::chrono::steady_clock::now();
    Replan rp = planner.replan(before);
    progress_phase(Phase::Report, &rp.plan);
    RunStats stats = planner.plan().stats;
    stats.solve_seconds += seconds_since(t1);
    stats.load_seconds = seconds_since(t0) - stats.candidates_seconds - stats.solve_seconds;
    const Instance& inst = planner.instance();
    if (!write_all(inst, rp.plan, stats, &rp)) return kInput;
    progress_line().finish();
    if (!a.quiet) {
      std::cout << text(MessageId::ChangesAgainst, lang,
                        {{"file", before.source},
                         {"n", static_cast<long long>(rp.changes.size())},
                         {"placements", static_cast<long long>(rp.previous.placements)},
                         {"kept", static_cast<long long>(rp.previous.kept)},
                         {"feasible", static_cast<long long>(rp.previous.still_feasible)}})
                << "\n"
                << changes_text(rp.changes, lang) << "\n"
                << plan_table(inst, rp.plan, table);
    }
    return kOk;
  }
  if (warm || !a.save.empty()) {
    // The warm planner: started from the snapshot, and/or kept in one afterwards.
    Planner planner(std::make_shared<const Instance>(std::move(*in)), *opt);
    if (warm) planner.warm_start(*warm);
    RunStats stats = planner.plan().stats;
    stats.load_seconds = seconds_since(t0) - stats.candidates_seconds - stats.solve_seconds;
    const Instance& inst = planner.instance();
    if (!write_all(inst, planner.plan().plan, stats, nullptr)) return kInput;
    if (!a.save.empty() && !write_output(a.save, snapshot_bytes(planner.snapshot()))) return kInput;
    if (!a.quiet) std::cout << plan_table(inst, planner.plan().plan, table);
    return kOk;
  }
  MatchResult r = match(*in, *opt);
  progress_phase(Phase::Report, &r.plan);
  r.stats.load_seconds = seconds_since(t0) - r.stats.candidates_seconds - r.stats.solve_seconds;
  if (!write_all(*in, r.plan, r.stats, nullptr)) return kInput;
  progress_line().finish();
  if (!a.quiet) std::cout << plan_table(*in, r.plan, table);
  return kOk;
}
}  // namespace

Command add_match(CLI::App& app) {
  auto a = std::make_shared<MatchArgs>();
  CLI::App* sub = app.add_subcommand("match", "compute the optimal plan");
  sub->add_option("PATH", a->path, "instance folder or instance.json")->required();
  sub->add_option("--json", a->json, "write the result JSON here");
  CLI::Option* csv = sub->add_option("--csv", a->csv, "write the plan as CSV here");
  sub->add_flag("--excel", a->excel, "write the CSV for Danish Excel: BOM, ';', decimal comma, CRLF")->needs(csv);
  sub->add_option("--xlsx", a->xlsx, "write the plan as an Excel workbook here");
  sub->add_flag("--quiet", a->quiet, "print nothing on success");
  sub->add_flag("--all", a->all, "print every placement and every unplaced resident (default: the first 40 of each)");
  sub->add_option("--area", a->area, "print only the residents of this housing area (id or name)");
  sub->add_option("--group", a->group, "print only the residents of this target group (code, e.g. 6.3)");
  sub->add_option("--company", a->company, "print only the placements at this company (id or full name)");
  add_plan_options(sub, a->plan, true,
                   "an earlier result JSON: keep its placements where possible (contract section 7)");
  CLI::Option* save = sub->add_option(
      "--save", a->save, "keep the instance, plan and solver state in this snapshot file (binary, checksummed)");
  CLI::Option* warm = sub->add_option(
      "--warm", a->warm, "start from this snapshot (of this or an earlier version of the instance): the same value");
  sub->get_option("--previous")->excludes(save)->excludes(warm);
  return {sub, [a]() { return run_match(*a); }};
}

}  // namespace placematch::cli
