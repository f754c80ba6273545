// The consultant's workbench (`placematch serve`): the time to answer each page and each
// decision, measured at the request handler (Workbench::handle: access checks, planning,
// HTML) on the Sønderborg sample and a generated municipal instance (2,000 x 600, seed 1):
// the plan, an opening, a resident, the empty seats, the changes, the what-if form, the
// report (framed and alone) and the downloads (result JSON, Excel CSV, workbook).
// Targets (issue 18): every page and every agree/undo <= 200 ms on Sønderborg, <= 1 s at
// municipal scale. The loopback socket adds well under a millisecond (measured with curl,
// benchmarks/README.md). Each answer is checked (status 200 for a page, 303 for a
// decision, the decision really made and undone) or the benchmark stops with an error.
//
// Run: build/benchmarks/placematch_benchmarks --benchmark_filter=Serve
#include <benchmark/benchmark.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>

#include "placematch/io/files.hpp"
#include "placematch/serve/session.hpp"
#include "placematch/serve/workbench.hpp"
#include "placematch/synth/generate.hpp"

namespace placematch::bench {
namespace {

namespace fs = std::filesystem;
using serve::Session;
using serve::Workbench;
using serve::WorkbenchRequest;

struct Bench {
  fs::path dir;
  std::unique_ptr<Session> session;
  std::unique_ptr<Workbench> workbench;
  std::string placed_citizen, placed_opening, unplaced_citizen;
  ~Bench() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

Bench& bench(const std::string& scale) {
  static std::map<std::string, std::unique_ptr<Bench>> cache;
  auto& slot = cache[scale];
  if (slot) return *slot;
  slot = std::make_unique<Bench>();
  slot->dir = fs::temp_directory_path() / ("placematch_serve_bench_" + scale + "_" + std::to_string(std::random_device{}()));
  fs::create_directories(slot->dir);
  if (scale == "sonderborg") {
    write_instance_csv(generate_sonderborg_sample(), slot->dir);
  } else {
    GenerateOptions g;
    g.citizens = 2000;
    g.openings = 600;
    g.seed = 1;
    generate_instance_csv(g, slot->dir);
  }
  serve::OpenResult opened = Session::open(slot->dir);
  if (!opened.session) throw std::runtime_error("the instance does not load: " + opened.errors.front().str());
  slot->session = std::move(opened.session);
  serve::WorkbenchOptions o;
  o.port = 8765;
  slot->workbench = std::make_unique<Workbench>(*slot->session, o);
  const Instance& in = slot->session->instance();
  const Plan& plan = slot->session->current().plan;
  const Placement& mid = plan.placements[plan.placements.size() / 2];
  slot->placed_citizen = in.citizens[static_cast<std::size_t>(mid.citizen)].id;
  slot->placed_opening = in.openings[static_cast<std::size_t>(mid.opening)].id;
  if (!plan.unplaced.empty())
    slot->unplaced_citizen = in.citizens[static_cast<std::size_t>(plan.unplaced[plan.unplaced.size() / 2].citizen)].id;
  return *slot;
}

WorkbenchRequest request(const Workbench& wb, std::string method, std::string path) {
  WorkbenchRequest r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.headers["host"] = "127.0.0.1:8765";
  r.headers["origin"] = "http://127.0.0.1:8765";
  r.params.emplace("token", wb.token());
  return r;
}

enum class Page {
  Plan, PlanFiltered, Opening, ResidentPlaced, ResidentUnplaced, Empty, Changes, PlanJson,
  WhatIf, Report, ReportAlone, PlanExcelCsv, PlanXlsx
};

void BM_ServePage(benchmark::State& state, const std::string& scale, Page page) {
  Bench& b = bench(scale);
  std::string path = "/";
  switch (page) {
    case Page::Plan: break;
    case Page::PlanFiltered: break;
    case Page::Opening: path = "/opening/" + b.placed_opening; break;
    case Page::ResidentPlaced: path = "/resident/" + b.placed_citizen; break;
    case Page::ResidentUnplaced: path = "/resident/" + b.unplaced_citizen; break;
    case Page::Empty: path = "/empty"; break;
    case Page::Changes: path = "/changes"; break;
    case Page::PlanJson: path = "/download/plan.json"; break;
    case Page::WhatIf: path = "/whatif"; break;  // the form (its answer is computed on request, off the page)
    case Page::Report: path = "/report"; break;
    case Page::ReportAlone: path = "/report.html"; break;
    case Page::PlanExcelCsv: path = "/download/plan-excel.csv"; break;
    case Page::PlanXlsx: path = "/download/plan.xlsx"; break;
  }
  WorkbenchRequest r = request(*b.workbench, "GET", path);
  if (page == Page::PlanFiltered) r.params.emplace("kind", "small_job");
  std::size_t bytes = 0;
  for (auto _ : state) {
    serve::WorkbenchResponse res = b.workbench->handle(r);
    if (res.status != 200) {
      state.SkipWithError(("status " + std::to_string(res.status) + " for " + path).c_str());
      return;
    }
    bytes = res.body.size();
    benchmark::DoNotOptimize(res.body.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
  state.counters["residents"] = static_cast<double>(b.session->instance().citizens.size());
}

// One agree (a re-plan with the pin) and its undo (the plan before restored), as the
// browser sends them; the pair is the first of an unplaced resident that can be agreed.
void BM_ServeAgreeUndo(benchmark::State& state, const std::string& scale) {
  Bench& b = bench(scale);
  const Instance& in = b.session->instance();
  std::string citizen, opening;
  {
    const MatchResult& cur = b.session->current();
    for (const Unplaced& u : cur.plan.unplaced) {
      for (ArcIndex a = cur.graph.begin(u.citizen); a < cur.graph.end(u.citizen) && citizen.empty(); ++a) {
        const std::string c = in.citizens[static_cast<std::size_t>(u.citizen)].id;
        const std::string o = in.openings[static_cast<std::size_t>(cur.graph.opening[static_cast<std::size_t>(a)])].id;
        if (b.session->agree(c, o).ok()) {
          b.session->undo();
          citizen = c;
          opening = o;
        }
      }
      if (!citizen.empty()) break;
    }
  }
  if (citizen.empty()) {
    state.SkipWithError("no pair can be agreed");
    return;
  }
  WorkbenchRequest agree = request(*b.workbench, "POST", "/agree");
  agree.params.emplace("citizen", citizen);
  agree.params.emplace("opening", opening);
  const WorkbenchRequest undo = request(*b.workbench, "POST", "/undo");
  const std::size_t decisions = in.decisions.size();
  double agree_seconds = 0, undo_seconds = 0;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    const auto a = b.workbench->handle(agree);
    auto t1 = std::chrono::steady_clock::now();
    const auto u = b.workbench->handle(undo);
    auto t2 = std::chrono::steady_clock::now();
    agree_seconds += std::chrono::duration<double>(t1 - t0).count();
    undo_seconds += std::chrono::duration<double>(t2 - t1).count();
    if (a.status != 303 || u.status != 303 || in.decisions.size() != decisions) {
      state.SkipWithError("agree or undo did not go through");
      return;
    }
  }
  state.counters["agree_ms"] = 1e3 * agree_seconds / static_cast<double>(state.iterations());
  state.counters["undo_ms"] = 1e3 * undo_seconds / static_cast<double>(state.iterations());
  state.counters["placed"] = static_cast<double>(b.session->current().plan.placed);
}

void register_all() {
  for (const std::string scale : {"sonderborg", "municipal"}) {
    const std::pair<const char*, Page> pages[] = {
        {"plan", Page::Plan}, {"plan_filtered", Page::PlanFiltered}, {"opening", Page::Opening},
        {"resident_placed", Page::ResidentPlaced}, {"resident_unplaced", Page::ResidentUnplaced},
        {"empty", Page::Empty}, {"changes", Page::Changes}, {"plan_json", Page::PlanJson},
        {"whatif", Page::WhatIf}, {"report", Page::Report}, {"report_html", Page::ReportAlone},
        {"plan_excel_csv", Page::PlanExcelCsv}, {"plan_xlsx", Page::PlanXlsx}};
    for (const auto& [name, page] : pages)
      benchmark::RegisterBenchmark(("BM_ServePage/" + scale + "/" + name).c_str(), BM_ServePage, scale, page)
          ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_ServeAgreeUndo/" + scale).c_str(), BM_ServeAgreeUndo, scale)
        ->Unit(benchmark::kMillisecond);
  }
}

const int registered = (register_all(), 0);

}  // namespace
}  // namespace placematch::bench
