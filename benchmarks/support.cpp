// Shared fixtures of the benchmark suite (support.hpp).
#include "support.hpp"

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <map>
#include <sstream>
#include <system_error>

#include "placematch/io/files.hpp"
#include "placematch/plan/audit.hpp"

namespace placematch::bench {

const std::vector<Scale>& scales() {
  static const std::vector<Scale> all = {
      {"municipal", 2'000, 600, false, 20261},
      {"municipal_mentor_heavy", 2'000, 600, true, 20262},
      {"regional", 40'000, 12'000, false, 20263},
      {"regional_mentor_heavy", 40'000, 12'000, true, 20264},
      {"national", 200'000, 60'000, false, 20265},
      {"national_mentor_heavy", 200'000, 60'000, true, 20266},
  };
  return all;
}

std::vector<Scale> plain_scales() {
  std::vector<Scale> out;
  for (const Scale& s : scales())
    if (!s.mentor_heavy) out.push_back(s);
  return out;
}

bool is_national(const Scale& scale) { return scale.citizens >= 100'000; }

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

double thread_cpu_seconds() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

SolveOptions bench_solve_options() {
  SolveOptions options;
  if (const char* limit = std::getenv("PLACEMATCH_BENCH_TIME_LIMIT"); limit && *limit)
    options.time_limit_seconds = std::strtod(limit, nullptr);
  return options;
}

Prepared::Prepared(const Scale& scale) : scale_(scale) {
  GenerateOptions options;
  options.citizens = scale.citizens;
  options.openings = scale.openings;
  options.seed = scale.seed;
  options.mentor_heavy = scale.mentor_heavy;
  const double t0 = now_seconds();
  instance_ = generate_instance(options);
  generate_seconds_ = now_seconds() - t0;
}

Prepared::~Prepared() {
  if (csv_dir_) {
    std::error_code ignored;
    std::filesystem::remove_all(*csv_dir_, ignored);
  }
}

const CandidateGraph& Prepared::graph() {
  if (!graph_) graph_ = build_candidates(instance_);
  return *graph_;
}

const std::filesystem::path& Prepared::csv_dir() {
  if (!csv_dir_) {
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("placematch-bench-" + std::to_string(::getpid()) + "-" +
                                 scale_.name);
    write_instance_csv(instance_, dir);
    csv_bytes_ = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
      if (entry.is_regular_file()) csv_bytes_ += static_cast<std::int64_t>(entry.file_size());
    csv_dir_ = std::move(dir);
  }
  return *csv_dir_;
}

std::int64_t Prepared::csv_bytes() {
  csv_dir();
  return csv_bytes_;
}

Prepared& prepared(const Scale& scale) {
  static std::unique_ptr<Prepared> slot;
  if (!slot || std::string(slot->scale().name) != scale.name) {
    slot.reset();  // free the previous scale first: national instances are large
    slot = std::make_unique<Prepared>(scale);
  }
  return *slot;
}

std::string verify(const Instance& instance, const CandidateGraph& graph,
                   const Solution& solution, const Plan& plan) {
  std::ostringstream out;
  const bool placements = solution.objective == Objective::Placements;
  if (solution.status == Status::Optimal) {
    if (placements && solution.placed_bound != solution.placed)
      out << "status optimal but placed_bound " << solution.placed_bound.value_or(-1)
          << " != placed " << solution.placed << "; ";
    if (solution.score_bound != solution.score)
      out << "status optimal but score_bound " << solution.score_bound << " != score "
          << solution.score << "; ";
  } else if (solution.status == Status::Feasible) {
    if (placements) {
      if (!solution.placed_bound || *solution.placed_bound < solution.placed)
        out << "placed_bound below placed; ";
      else if (*solution.placed_bound == solution.placed &&
               solution.score_bound < solution.score)
        out << "score_bound below score; ";
    } else if (solution.score_bound < solution.score) {
      out << "score_bound below score; ";
    }
  } else {
    out << "status " << to_string(solution.status) << "; ";
  }
  // Recount the solution from its arcs, independently of the solver's own totals.
  std::int64_t placed = 0, score = 0;
  for (std::size_t c = 0; c < solution.citizen_arc.size(); ++c) {
    const std::int64_t a = solution.citizen_arc[c];
    if (a < 0) continue;
    if (a < graph.begin(static_cast<Index>(c)) || a >= graph.end(static_cast<Index>(c))) {
      out << "citizen " << c << " holds an arc that is not theirs; ";
      break;
    }
    ++placed;
    score += graph.score[static_cast<std::size_t>(a)];
  }
  if (placed != solution.placed || score != solution.score)
    out << "solution totals (" << solution.placed << ", " << solution.score
        << ") differ from its arcs (" << placed << ", " << score << "); ";
  if (plan.placed != placed || plan.score != score)
    out << "plan totals (" << plan.placed << ", " << plan.score << ") differ from the arcs; ";
  const std::vector<std::string> broken = check_plan(instance, graph, plan);
  if (!broken.empty()) {
    out << "check_plan: " << broken.size() << " problems, first: " << broken.front();
  }
  return out.str();
}

std::string counter_name(std::string_view prefix, std::string_view code) {
  std::string name = std::string(prefix) + std::string(code);
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_') ch = '_';
  return name;
}

void report_audit(benchmark::State& state, const Instance& instance, const Plan& plan) {
  const Audit audit = audit_plan(instance, plan);
  for (const AuditRow& g : audit.groups) {
    state.counters[counter_name("placed_", g.code)] = static_cast<double>(g.placed);
    state.counters[counter_name("rate_", g.code)] = g.rate();
  }
  if (audit.areas.empty()) return;
  double low = 1, high = 0;
  for (const AuditRow& a : audit.areas) {
    low = std::min(low, a.rate());
    high = std::max(high, a.rate());
    if (audit.areas.size() <= 8) state.counters[counter_name("area_rate_", a.code)] = a.rate();
  }
  state.counters["area_rate_min"] = low;
  state.counters["area_rate_max"] = high;
}

void report_quality(benchmark::State& state, const Instance& instance,
                    const CandidateGraph& graph, const Solution& solution, const Plan& plan) {
  const double citizens = static_cast<double>(instance.citizens.size());
  state.counters["placed"] = static_cast<double>(plan.placed);
  state.counters["activation_rate"] = citizens > 0 ? static_cast<double>(plan.placed) / citizens : 0;
  state.counters["score"] = static_cast<double>(plan.score) / 1e6;
  state.counters["gap_placed"] =
      solution.placed_bound ? static_cast<double>(*solution.placed_bound - solution.placed) : 0;
  state.counters["gap_score"] = static_cast<double>(solution.score_bound - solution.score) / 1e6;
  // The relative gap on the solver's lexicographic weight (big * placed + score).
  const long double big = static_cast<long double>(solution.big);
  const long double value = big * static_cast<long double>(solution.placed) +
                            static_cast<long double>(solution.score);
  const long double bound =
      big * static_cast<long double>(solution.placed_bound.value_or(solution.placed)) +
      static_cast<long double>(solution.score_bound);
  state.counters["gap_pct"] =
      bound > 0 ? static_cast<double>(100.0L * (bound - value) / bound) : 0.0;
  state.counters["optimal"] = solution.status == Status::Optimal ? 1 : 0;
  double km = 0;
  for (const Placement& p : plan.placements) km += p.km;
  state.counters["mean_km"] = plan.placements.empty() ? 0 : km / static_cast<double>(plan.placements.size());
  state.counters["candidate_pairs"] = static_cast<double>(graph.size());

  report_audit(state, instance, plan);

  state.counters["dijkstra_runs"] = static_cast<double>(solution.stats.dijkstra_runs);
  state.counters["flow_solves"] = static_cast<double>(solution.stats.flow_solves);
  state.counters["bb_nodes"] = static_cast<double>(solution.stats.bb_nodes);
}

}  // namespace placematch::bench
