#include "common.hpp"

#include <exception>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <sys/ioctl.h>
#include <unistd.h>

#include "placematch/io/files.hpp"
#include "placematch/rules/decisions.hpp"

namespace placematch::cli {

void print(const Diagnostics& list) {
  if (!list.empty()) progress_line().finish();  // a message never continues the progress line
  for (const Diagnostic& d : list) std::cerr << d.str() << '\n';
}

bool write_output(const std::string& file, const std::string& content) {
  try {
    write_file_atomically(file, content);
    return true;
  } catch (const std::exception& e) {
    progress_line().finish();
    std::cerr << "placematch: cannot write " << file << ": " << e.what() << '\n';
    return false;
  }
}

CLI::Option* add_lang_option(CLI::App* sub, Language& lang) {
  return sub
      ->add_option_function<std::string>(
          "--lang", [&lang](const std::string& s) { lang = *parse_language(s); },
          "language of texts for people: en (default) or da")
      ->check(CLI::Validator(
          [](std::string& s) {
            return parse_language(s) ? std::string() : "unknown language \"" + s + "\" (use da or en)";
          },
          "da|en", "language"));
}

namespace {
std::string default_text(double x) {
  std::ostringstream os;
  os << x;
  return os.str();
}
}  // namespace

void add_plan_options(CLI::App* sub, PlanArgs& a, bool with_previous, const std::string& previous_help) {
  sub->add_option("--objective", a.objective, "placements (default) or score")
      ->check(CLI::IsMember({std::string(to_string(Objective::Placements)), std::string(to_string(Objective::Score))}));
  sub->add_option("--weights", a.weights, "scoring weights (JSON)");
  if (with_previous) sub->add_option("--previous", a.previous, previous_help);
  sub->add_option("--time-limit", a.time_limit,
                  "seconds for proving optimality (default " + default_text(a.time_limit) + ")")
      ->check(CLI::PositiveNumber);
  sub->add_option("--work-limit", a.work_limit,
                  "deterministic work limit of that search (settled nodes, 250 per LP pivot; 0: none; default " +
                      default_text(static_cast<double>(a.work_limit)) + ")")
      ->check(CLI::Range(0LL, 1000000000000000LL));
  sub->add_option("--threads", a.threads,
                  "threads (0: all cores; default " + std::to_string(a.threads) +
                      "); the results are the same for any count")
      ->check(CLI::Range(0, 1024));
  add_lang_option(sub, a.lang);
}

ProgressLine& progress_line() {
  static ProgressLine line(std::cerr, isatty(STDERR_FILENO) == 1, {}, [] {
    winsize w{};
    return ioctl(STDERR_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 0 ? std::size_t{w.ws_col} : std::size_t{0};
  }());
  return line;
}

void progress_phase(Phase phase, const Plan* plan) {
  Progress p;
  p.phase = phase;
  if (plan && plan->bound_score)
    set_figures(p, plan->placed, plan->bound_placed ? std::optional<std::int64_t>(*plan->bound_placed) : std::nullopt,
                plan->score, *plan->bound_score);
  progress_line().show(p);
}

std::optional<MatchOptions> PlanArgs::match_options() const {
  auto w = weights_from(weights);
  if (!w) return std::nullopt;
  MatchOptions opt;
  opt.weights = *w;
  opt.solve.objective = *parse_objective(objective);  // CLI11 checked the spelling
  opt.solve.time_limit_seconds = time_limit;
  opt.solve.work_limit = work_limit;
  opt.solve.threads = threads;
  progress_line().language(lang);
  opt.solve.progress = progress_line().callback();
  return opt;
}

bool outputs_writable(std::initializer_list<std::string> files) {
  bool ok = true;
  for (const std::string& file : files) {
    if (file.empty()) continue;
    const std::filesystem::path p(file);
    const std::filesystem::path dir = p.parent_path().empty() ? std::filesystem::path(".") : p.parent_path();
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
      std::cerr << "placematch: cannot write " << file << ": the folder " << dir.string() << " does not exist\n";
      ok = false;
    } else if (std::filesystem::is_directory(p, ec)) {
      std::cerr << "placematch: cannot write " << file << ": it is a folder\n";
      ok = false;
    }
  }
  return ok;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

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

Index opening_by_id(const Instance& in, const std::string& id) {
  const auto it = in.opening_index.find(id);
  if (it == in.opening_index.end())
    throw InputError({{"command line", "--opening", "no opening \"" + id + "\" in this instance"}});
  return it->second;
}

Index citizen_by_id(const Instance& in, const std::string& id) {
  const auto it = in.citizen_index.find(id);
  if (it == in.citizen_index.end())
    throw InputError({{"command line", "--citizen", "no citizen \"" + id + "\" in this instance"}});
  return it->second;
}

}  // namespace placematch::cli
