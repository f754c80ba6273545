#pragma once
// The command-line tool's shared plumbing (internal to the tool): exit codes, printing
// diagnostics, loading a checked instance, writing outputs atomically, and the command
// registry. Each subcommand lives in its own cmd_*.cpp and registers itself in main.cpp.
#include <CLI/CLI.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "placematch/io/weights.hpp"
#include "placematch/model/diagnostics.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/model/messages.hpp"
#include "placematch/planner/match.hpp"
#include "progress_line.hpp"

namespace placematch::cli {

inline constexpr int kOk = 0, kInternal = 1, kInput = 2;

/// A registered subcommand: the CLI11 node and what runs when it was chosen.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

/// One line per diagnostic on standard error.
void print(const Diagnostics& list);

/// Writes an output file completely or not at all; on failure prints one line and
/// returns false (the caller exits 2: an unwritable output is the user's to fix).
bool write_output(const std::string& file, const std::string& content);

/// Checks, before anything is computed or written, that every non-empty output path can
/// be written: its folder exists and it is not a folder itself. Prints one line per bad
/// path; false when any is bad (the caller exits 2 and writes nothing).
bool outputs_writable(std::initializer_list<std::string> files);

double seconds_since(std::chrono::steady_clock::time_point t0);

/// Loads and checks an instance, pins included. Prints every problem; nullopt on errors.
std::optional<Instance> load_checked(const std::string& path);

/// The scoring weights of `file` (default weights when empty); nullopt after printing
/// the errors of a bad file.
std::optional<ScoreWeights> weights_from(const std::string& file);

/// The index of an opening / citizen given on the command line; throws InputError
/// (`command line: --opening: no opening "x" in this instance`) for an unknown id.
Index opening_by_id(const Instance& instance, const std::string& id);
Index citizen_by_id(const Instance& instance, const std::string& id);
/// Adds `--lang da|en` (texts for people; default en) storing into `lang`; an unknown
/// language is a usage error (exit 2).
CLI::Option* add_lang_option(CLI::App* sub, Language& lang);

/// The tool's progress line: standard error, shown when standard error is a terminal.
ProgressLine& progress_line();
/// Shows a phase of the tool's own (finding the pairs, writing the outputs) on that line,
/// with the plan's figures when given.
void progress_phase(Phase phase, const Plan* plan = nullptr);

/// The planning options that match, suggest, why, whatif, serve and report share, declared
/// once by add_plan_options. The values set before the call are the defaults shown.
struct PlanArgs {
  std::string objective = "placements";
  std::string weights;   // --weights FILE (empty: default weights)
  std::string previous;  // --previous FILE (only where `with_previous`)
  double time_limit = SolveOptions{}.time_limit_seconds;
  long long work_limit = SolveOptions{}.work_limit;
  int threads = 0;
  Language lang = Language::En;

  /// The MatchOptions these give (weights read from their file; progress to the tool's
  /// progress line, in `lang`); nullopt after printing the errors of a bad weights file.
  std::optional<MatchOptions> match_options() const;
};

/// Declares --objective, --weights, --time-limit, --work-limit, --threads, --lang and,
/// with `with_previous`, --previous (its help text `previous_help`) on `sub`.
void add_plan_options(CLI::App* sub, PlanArgs& args, bool with_previous = false,
                      const std::string& previous_help = "");

// The subcommands, one file each.
Command add_validate(CLI::App& app);
Command add_candidates(CLI::App& app);
Command add_match(CLI::App& app);
Command add_generate(CLI::App& app);
Command add_suggest(CLI::App& app);
Command add_why(CLI::App& app);
Command add_serve(CLI::App& app);
Command add_report(CLI::App& app);
Command add_whatif(CLI::App& app);

}  // namespace placematch::cli
