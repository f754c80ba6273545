// placematch — the command-line tool for the company consultant (contract section 6).
//
//   placematch validate PATH
//   placematch candidates PATH --csv FILE [--explain] [--weights FILE]
//   placematch match PATH [--objective placements|score] [--json FILE] [--csv FILE]
//                         [--weights FILE] [--time-limit SECONDS] [--threads N] [--quiet]
//   placematch generate --citizens N --openings M --seed S [--mentor-heavy] DIR
//
// Exit codes: 0 success, 2 input error (one located line per problem on standard
// error), 1 internal error. Thin layer over the library's public API.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <stdexcept>
#include <iostream>
#include <string>

#include "placematch/candidates.hpp"
#include "placematch/decisions.hpp"
#include "placematch/generate.hpp"
#include "placematch/io.hpp"
#include "placematch/match.hpp"
#include "placematch/report.hpp"
#include "placematch/scoring.hpp"

namespace fs = std::filesystem;
using namespace placematch;

namespace {

constexpr int kOk = 0, kInternal = 1, kInput = 2;

void print(const Diagnostics& list) {
  for (const Diagnostic& d : list) std::cerr << d.str() << '\n';
}

// Writes an output file completely or not at all. An output that cannot be written is
// the user's to fix (a missing folder, no permission): exit 2 with one line.
bool write_output(const std::string& file, const std::string& content) {
  try {
    write_file_atomically(file, content);
    return true;
  } catch (const std::exception& e) {
    std::cerr << "placematch: cannot write " << file << ": " << e.what() << '\n';
    return false;
  }
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Loads and checks an instance, pins included. Prints every problem; nullopt on errors.
std::optional<Instance> load_checked(const std::string& path) {
  LoadResult r = load_instance(path);
  print(r.warnings);
  if (!r.ok()) {
    print(r.errors);
    return std::nullopt;
  }
  Diagnostics pins = check_decisions(*r.instance);
  if (!pins.empty()) {
    print(pins);
    return std::nullopt;
  }
  return std::move(r.instance);
}

std::optional<ScoreWeights> weights_from(const std::string& file) {
  if (file.empty()) return ScoreWeights{};
  try {
    return load_weights(file);
  } catch (const InputError& e) {
    print(e.errors());
    return std::nullopt;
  }
}

int cmd_validate(const std::string& path) {
  auto in = load_checked(path);
  if (!in) return kInput;
  std::cout << instance_summary(*in) << "valid: " << path << '\n';
  return kOk;
}

int cmd_candidates(const std::string& path, const std::string& csv, bool explain, const std::string& wfile) {
  auto weights = weights_from(wfile);
  if (!weights) return kInput;
  auto in = load_checked(path);
  if (!in) return kInput;
  CandidateOptions opt;
  opt.weights = *weights;
  CandidateGraph g = build_candidates(*in, opt);
  if (!write_output(csv, candidates_csv(*in, g, explain, *weights))) return kInput;
  std::cout << g.size() << " feasible pairs of " << in->citizens.size() << " residents and "
            << in->openings.size() << " openings written to " << csv << '\n';
  return kOk;
}

int cmd_match(const std::string& path, const std::string& objective, const std::string& json,
              const std::string& csv, const std::string& wfile, double time_limit, long long work_limit,
              int threads, bool quiet) {
  auto weights = weights_from(wfile);
  if (!weights) return kInput;
  const auto t0 = std::chrono::steady_clock::now();
  auto in = load_checked(path);
  if (!in) return kInput;
  MatchOptions opt;
  opt.objective = objective == "score" ? Objective::Score : Objective::Placements;
  opt.weights = *weights;
  opt.time_limit_seconds = time_limit;
  opt.work_limit = work_limit;
  opt.threads = threads;
  MatchResult r = match(*in, opt);
  r.stats.load_seconds = seconds_since(t0) - r.stats.candidates_seconds - r.stats.solve_seconds;
  const std::string name = objective == "score" ? "score" : "placements";
  // Outputs are written completely or not at all; the JSON before the CSV.
  if (!json.empty() && !write_output(json, result_json(*in, r.plan, name, r.stats))) return kInput;
  if (!csv.empty() && !write_output(csv, plan_csv(*in, r.plan))) return kInput;
  if (!quiet) std::cout << plan_table(*in, r.plan, name);
  return kOk;
}

int cmd_generate(long long citizens, long long openings, unsigned long long seed, bool mentor_heavy,
                 bool json, const std::string& dir) {
  GenerateOptions opt;
  opt.citizens = static_cast<int>(citizens);
  opt.openings = static_cast<int>(openings);
  opt.seed = seed;
  opt.mentor_heavy = mentor_heavy;
  Instance in;
  try {
    in = generate_instance(opt);
  } catch (const std::invalid_argument& e) {
    std::cerr << "placematch generate: " << e.what() << '\n';
    return kInput;
  }
  fs::create_directories(dir);
  if (json)
    write_instance_json(in, fs::path(dir) / "instance.json");
  else
    write_instance_csv(in, dir);
  std::cout << "generated " << in.citizens.size() << " residents, " << in.openings.size() << " openings, "
            << in.companies.size() << " companies, " << in.mentors.size() << " mentors in " << dir << '\n';
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"placematch: optimal, explained placement of residents in a local company network"};
  app.set_version_flag("--version", "placematch 0.1.0");
  app.require_subcommand(1);

  std::string path, csv, json, wfile, objective = "placements", dir;
  bool explain = false, quiet = false, mentor_heavy = false, gen_json = false;
  double time_limit = SolveOptions{}.time_limit_seconds;
  long long work_limit = SolveOptions{}.work_limit;
  int threads = 0;
  long long citizens = 0, openings = 0;
  unsigned long long seed = 1;

  auto* validate = app.add_subcommand("validate", "read and check an instance; print a summary or every problem");
  validate->add_option("PATH", path, "instance folder or instance.json")->required();

  auto* candidates = app.add_subcommand("candidates", "write every feasible pair with its score");
  candidates->add_option("PATH", path, "instance folder or instance.json")->required();
  candidates->add_option("--csv", csv, "output CSV: citizen,opening,score,km,needs_mentor")->required();
  candidates->add_flag("--explain", explain, "add one column per score component");
  candidates->add_option("--weights", wfile, "scoring weights (JSON)");

  auto* match_cmd = app.add_subcommand("match", "compute the optimal plan");
  match_cmd->add_option("PATH", path, "instance folder or instance.json")->required();
  match_cmd->add_option("--objective", objective, "placements (default) or score")
      ->check(CLI::IsMember({"placements", "score"}));
  match_cmd->add_option("--json", json, "write the result JSON here");
  match_cmd->add_option("--csv", csv, "write the plan as CSV here");
  match_cmd->add_option("--weights", wfile, "scoring weights (JSON)");
  match_cmd->add_option("--time-limit", time_limit, "seconds for proving optimality (default 300)")
      ->check(CLI::PositiveNumber);
  match_cmd->add_option("--work-limit", work_limit,
                        "deterministic work limit of that search (settled nodes, 250 per LP pivot; 0: none; default 5e7)")
      ->check(CLI::Range(0LL, 1000000000000000LL));
  match_cmd->add_option("--threads", threads, "threads (0: all cores); the plan is the same for any count")
      ->check(CLI::Range(0, 1024));
  match_cmd->add_flag("--quiet", quiet, "print nothing on success");

  auto* generate = app.add_subcommand("generate", "write a synthetic instance");
  generate->add_option("--citizens", citizens, "residents")->required()->check(CLI::Range(0LL, 10000000LL));
  generate->add_option("--openings", openings, "openings")->required()->check(CLI::Range(0LL, 10000000LL));
  generate->add_option("--seed", seed, "random seed")->required();
  generate->add_flag("--mentor-heavy", mentor_heavy, "half the vulnerable residents need a mentor");
  generate->add_flag("--json", gen_json, "write instance.json instead of CSV files");
  generate->add_option("DIR", dir, "output folder")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kInput;
  }

  try {
    if (*validate) return cmd_validate(path);
    if (*candidates) return cmd_candidates(path, csv, explain, wfile);
    if (*match_cmd) return cmd_match(path, objective, json, csv, wfile, time_limit, work_limit, threads, quiet);
    if (*generate) return cmd_generate(citizens, openings, seed, mentor_heavy, gen_json, dir);
  } catch (const InputError& e) {
    print(e.errors());
    return kInput;
  } catch (const std::exception& e) {
    std::cerr << "placematch: internal error: " << e.what() << '\n';
    return kInternal;
  }
  return kInternal;
}
