// Faults: a process killed while it writes an output leaves either the old file or the
// complete new one (never a part), and the same input gives the same plan whatever the
// thread count and from run to run.
//
// The kills are real (SIGKILL, which nothing can catch): the built `placematch` is run
// with PLACEMATCH_FAULT_INJECT (src/io/write.cpp) so that it kills itself half-way
// through writing the temporary file or just before the rename, and again without it,
// killed from outside after delays spread over the whole run.
#include <gtest/gtest.h>

#include <csignal>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "placematch/planner/match.hpp"
#include "placematch/synth/generate.hpp"
#include "test_files.hpp"
#include "test_random.hpp"

namespace fs = std::filesystem;
using namespace placematch;

namespace {

const std::string kOld = "the old file\n";

// Starts the CLI with `args`, PLACEMATCH_FAULT_INJECT=`fault` when given; its output
// goes to /dev/null. Returns the child's pid. Everything is prepared before fork(): the
// child only redirects and execs.
pid_t start_cli(const std::vector<std::string>& args, const std::string& fault) {
  std::string cli = PLACEMATCH_CLI;
  std::vector<std::string> copy = args;
  std::vector<char*> argv{cli.data()};
  for (std::string& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_text;
  for (char** e = environ; *e; ++e)
    if (std::strncmp(*e, "PLACEMATCH_FAULT_INJECT=", 24) != 0) env_text.emplace_back(*e);
  if (!fault.empty()) env_text.push_back("PLACEMATCH_FAULT_INJECT=" + fault);
  std::vector<char*> envp;
  for (std::string& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
      ::dup2(null, 1);
      ::dup2(null, 2);
    }
    ::execve(cli.c_str(), argv.data(), envp.data());
    ::_exit(127);
  }
  return pid;
}

int wait_status(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

std::vector<std::string> match_args(const fs::path& out, bool json) {
  return {"match", std::string(PLACEMATCH_SOURCE_DIR) + "/data/sonderborg", json ? "--json" : "--csv",
          out.string(), "--quiet", "--threads", "1"};
}

// The result JSON without its timings (they differ from run to run).
nlohmann::json plan_part(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text);
  if (j.is_object()) j.erase("stats");
  return j;
}

// The file is the old one, or complete and the same as the reference output.
void expect_old_or_complete(const fs::path& out, bool json, const std::string& reference,
                            const std::string& where) {
  const std::string now = pmtest::slurp(out);
  if (now == kOld) return;
  if (json) {
    nlohmann::json got;
    ASSERT_NO_THROW(got = plan_part(now)) << where << ": a partial JSON file";
    EXPECT_EQ(got, plan_part(reference)) << where;
  } else {
    EXPECT_EQ(now, reference) << where << ": a partial CSV file";
  }
}

struct Reference {
  std::string json, csv;
};

// One complete run per output kind, no fault.
Reference reference_outputs(const fs::path& dir) {
  Reference r;
  for (bool json : {true, false}) {
    const fs::path out = dir / (json ? "ref.json" : "ref.csv");
    const int status = wait_status(start_cli(match_args(out, json), ""));
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    (json ? r.json : r.csv) = pmtest::slurp(out);
  }
  return r;
}

}  // namespace

TEST(Faults, KilledWhileWritingLeavesTheOldFile) {
  pmtest::TempDir dir("faults", "injected");
  const Reference ref = reference_outputs(dir.path());
  ASSERT_FALSE(ref.json.empty());
  ASSERT_FALSE(ref.csv.empty());
  for (bool json : {true, false}) {
    for (const std::string fault : {"kill-mid-write", "kill-before-rename"}) {
      const std::string where = std::string(json ? "json" : "csv") + " " + fault;
      const fs::path out = dir.path() / (json ? "plan.json" : "plan.csv");
      std::ofstream(out, std::ios::binary) << kOld;
      const int status = wait_status(start_cli(match_args(out, json), fault));
      ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << where << ": not killed";
      EXPECT_EQ(pmtest::slurp(out), kOld) << where;
      // A killed write may leave its hidden temporary file, never another visible one.
      for (const auto& e : fs::directory_iterator(dir.path())) {
        const std::string name = e.path().filename().string();
        EXPECT_TRUE(name[0] == '.' || name.rfind("ref.", 0) == 0 || name.rfind("plan.", 0) == 0) << name;
      }
      // Without the fault the same command replaces the file with the complete plan.
      const int ok = wait_status(start_cli(match_args(out, json), ""));
      ASSERT_TRUE(WIFEXITED(ok) && WEXITSTATUS(ok) == 0) << where;
      const std::string now = pmtest::slurp(out);
      ASSERT_NE(now, kOld) << where;
      expect_old_or_complete(out, json, json ? ref.json : ref.csv, where);
    }
  }
}

TEST(Faults, KilledAtAnyMomentLeavesOldOrComplete) {
  pmtest::TempDir dir("faults", "anytime");
  const Reference ref = reference_outputs(dir.path());
  pmtest::Rng rng(20261201);
  int old = 0, complete = 0;
  for (int round = 0; round < 24; ++round) {
    const bool json = round % 2 == 0;
    const fs::path out = dir.path() / (json ? "plan.json" : "plan.csv");
    std::ofstream(out, std::ios::binary | std::ios::trunc) << kOld;
    const pid_t pid = start_cli(match_args(out, json), "");
    ::usleep(static_cast<useconds_t>(rng.integer(0, 400'000)));  // 0-0.4 s: the whole run and after
    ::kill(pid, SIGKILL);
    wait_status(pid);
    expect_old_or_complete(out, json, json ? ref.json : ref.csv, "round " + std::to_string(round));
    (pmtest::slurp(out) == kOld ? old : complete) += 1;
  }
  // Counted for the failure message only: which outcome a kill meets depends on timing.
  SUCCEED() << old << " kills found the old file, " << complete << " the complete new one";
}

TEST(Determinism, SamePlanWithOneTwoAndEightThreadsAndAcrossRuns) {
  for (bool mentor_heavy : {false, true}) {
    GenerateOptions g;
    g.citizens = 600;
    g.openings = 200;
    g.seed = 11;
    g.mentor_heavy = mentor_heavy;
    const Instance in = generate_instance(g);
    std::vector<Placement> first;
    std::vector<std::int64_t> first_arcs;
    for (int threads : {1, 2, 8, 1, 8}) {
      MatchOptions opt;
      opt.solve.threads = threads;
      const MatchResult r = match(in, opt);
      const std::string where = std::string(mentor_heavy ? "mentor-heavy" : "default") + ", " +
                                std::to_string(threads) + " threads";
      if (first_arcs.empty()) {
        first = r.plan.placements;
        first_arcs = r.solution.citizen_arc;
        ASSERT_FALSE(first.empty());
        continue;
      }
      EXPECT_EQ(r.solution.citizen_arc, first_arcs) << where;
      ASSERT_EQ(r.plan.placements.size(), first.size()) << where;
      for (std::size_t i = 0; i < first.size(); ++i) {
        EXPECT_EQ(r.plan.placements[i].citizen, first[i].citizen) << where;
        EXPECT_EQ(r.plan.placements[i].opening, first[i].opening) << where;
        EXPECT_EQ(r.plan.placements[i].mentor, first[i].mentor) << where;
      }
    }
  }
}

TEST(Determinism, SameCsvFromTheCommandLineAcrossRunsAndThreads) {
  pmtest::TempDir dir("faults", "determinism");
  std::string first;
  for (const char* threads : {"1", "2", "8", "2"}) {
    const fs::path out = dir.path() / (std::string("plan") + threads + ".csv");
    std::vector<std::string> args = {"match", std::string(PLACEMATCH_SOURCE_DIR) + "/data/sonderborg",
                                     "--csv", out.string(), "--quiet", "--threads", threads};
    const int status = wait_status(start_cli(args, ""));
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    const std::string now = pmtest::slurp(out);
    if (first.empty()) first = now;
    EXPECT_EQ(now, first) << threads << " threads";
  }
}
