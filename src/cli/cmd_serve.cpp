// placematch serve PATH — the consultant's workbench: a local web server on 127.0.0.1 with a
// session token, keeping the instance's plan warm between requests (library:
// placematch/serve/). Prints the address to open; stops on Ctrl-C (SIGINT) or SIGTERM.
#include <csignal>
#include <filesystem>
#include <iostream>
#include <memory>
#include <pthread.h>
#include <thread>

#include "common.hpp"
#include "placematch/io/whatif_files.hpp"
#include "placematch/serve/server.hpp"
#include "placematch/serve/session.hpp"
#include "placematch/serve/workbench.hpp"

namespace placematch::cli {

namespace {
struct ServeArgs {
  std::string path, courses, openings;
  int port = 8765;
  double goal = 0.85, baseline = 0.20, budget = 600000;
  bool quiet = false;
  PlanArgs plan;
};

int run_serve(const ServeArgs& a) {
  auto opt = a.plan.match_options();
  if (!opt) return kInput;
  // Every plan and re-plan reports to the board (GET /api/progress) and to the terminal's
  // progress line, which each request that holds the session starts and ends.
  serve::ProgressBoard board(
      progress_line().callback(), [] { progress_line().restart(); }, [] { progress_line().finish(); });
  opt->solve.progress = board.callback();
  serve::OpenResult opened = serve::Session::open(a.path, *opt);
  progress_line().finish();
  print(opened.warnings);
  if (!opened.session) {
    print(opened.errors);
    return kInput;
  }
  serve::WorkbenchOptions wopt;
  wopt.lang = a.plan.lang;
  wopt.goal = a.goal;
  wopt.baseline = a.baseline;
  wopt.budget = a.budget;
  // The what-if page's courses: --courses FILE, else the folder's courses.csv when there is
  // one. A bad file is an input error like any other (exit 2, located messages).
  std::filesystem::path courses = a.courses;
  if (courses.empty() && std::filesystem::is_regular_file(std::filesystem::path(a.path) / "courses.csv"))
    courses = std::filesystem::path(a.path) / "courses.csv";
  if (!courses.empty()) {
    CoursesLoad c = load_courses(courses, opened.session->instance());
    print(c.warnings);
    if (!c.ok()) {
      print(c.errors);
      return kInput;
    }
    wopt.courses = std::move(c.courses);
  }
  wopt.progress = &board;
  // Proposed openings: --openings FILE, else the folder's proposed_openings.csv if any.
  std::filesystem::path proposed = a.openings;
  if (proposed.empty() && std::filesystem::is_regular_file(std::filesystem::path(a.path) / "proposed_openings.csv"))
    proposed = std::filesystem::path(a.path) / "proposed_openings.csv";
  if (!proposed.empty()) {
    ExtendedLoad ext = load_instance_with_openings(a.path, proposed);
    print(ext.load.warnings);
    if (!ext.ok()) {
      print(ext.load.errors);
      return kInput;
    }
    wopt.first_proposed = ext.first_proposed;
    wopt.proposals = std::make_shared<const Instance>(std::move(*ext.load.instance));
  }
  serve::Workbench workbench(*opened.session, wopt);
  std::function<void(const std::string&)> log;
  if (!a.quiet) log = [](const std::string& line) { std::cerr << line << '\n'; };
  serve::Server server(workbench, log);

  // Ctrl-C and SIGTERM stop the server from a thread of their own (sigwait), not from a
  // signal handler; the server's threads inherit the blocked mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  const int port = server.bind(a.port);
  if (port < 0) {
    std::cerr << "placematch: cannot listen on 127.0.0.1:" << a.port
              << " (is it in use? --port 0 picks a free port)\n";
    return kInput;
  }
  std::cout << "placematch workbench for " << a.path << ": open " << workbench.url() << std::endl;
  std::thread([&server, stop_signals]() {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    server.stop();
  }).detach();
  return server.run() ? kOk : kInternal;
}
}  // namespace

Command add_serve(CLI::App& app) {
  auto a = std::make_shared<ServeArgs>();
  CLI::App* sub = app.add_subcommand("serve", "the consultant's workbench: a local web app on 127.0.0.1");
  sub->add_option("PATH", a->path, "instance folder (decisions are saved to its decisions.csv)")->required();
  sub->add_option("--port", a->port, "port on 127.0.0.1 (default 8765; 0: any free port)")->check(CLI::Range(0, 65535));
  sub->add_option("--goal", a->goal, "activation-rate goal shown against the plan (default 0.85)")
      ->check(CLI::Range(0.000001, 1.0));
  sub->add_option("--baseline", a->baseline, "the report's activation rate before the plan (default 0.20)")
      ->check(CLI::Range(0.0, 1.0));
  sub->add_option("--courses", a->courses,
                  "courses.csv for the what-if page (default: the instance folder's courses.csv, if any)");
  sub->add_option("--openings", a->openings,
                  "proposed openings for the what-if page (default: the folder's proposed_openings.csv, if any)");
  sub->add_option("--budget", a->budget, "the what-if page's course budget in kr until changed there (default 600000)")
      ->check(CLI::Range(0.0, 1e15));
  sub->add_flag("--quiet", a->quiet, "no request log on standard error");
  add_plan_options(sub, a->plan);
  return {sub, [a]() { return run_serve(*a); }};
}

}  // namespace placematch::cli
