// Faults: a process killed while it writes an output leaves either the old file or the
// complete new one (never a part), and the same input gives the same plan whatever the
// thread count and from run to run.
//
// Each kind of output: the result JSON, the plan CSV, the workbook (--xlsx), the board
// report (report --html) and the snapshot (match --save). The kills are real (SIGKILL, which nothing can catch): the
// built `placematch` is run with PLACEMATCH_FAULT_INJECT (src/io/write.cpp) so that it
// kills itself half-way through writing the temporary file or just before the rename,
// and again without it, killed from outside after delays spread over the whole run.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdint>
#include <iterator>
#include <map>
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

// The five kinds of output a run writes: the result JSON and the plan CSV (`match`), the
// workbook (`match --xlsx`), the board report (`report --html`) and the snapshot
// (`match --save`).
enum class OutKind { Json, Csv, Xlsx, Html, Snapshot };
constexpr OutKind kKinds[] = {OutKind::Json, OutKind::Csv, OutKind::Xlsx, OutKind::Html, OutKind::Snapshot};
constexpr int kNumKinds = static_cast<int>(std::size(kKinds));

std::string name_of(OutKind k) {
  switch (k) {
    case OutKind::Json: return "json";
    case OutKind::Csv: return "csv";
    case OutKind::Xlsx: return "xlsx";
    case OutKind::Html: return "html";
    case OutKind::Snapshot: return "pms";
  }
  return "?";
}

std::vector<std::string> run_args(const fs::path& out, OutKind kind) {
  const std::string data = std::string(PLACEMATCH_SOURCE_DIR) + "/data/sonderborg";
  switch (kind) {
    case OutKind::Json: return {"match", data, "--json", out.string(), "--quiet", "--threads", "1"};
    case OutKind::Csv: return {"match", data, "--csv", out.string(), "--quiet", "--threads", "1"};
    case OutKind::Xlsx: return {"match", data, "--xlsx", out.string(), "--quiet", "--threads", "1"};
    case OutKind::Html: return {"report", data, "--html", out.string()};
    case OutKind::Snapshot: return {"match", data, "--save", out.string(), "--quiet", "--threads", "1"};
  }
  return {};
}

// The result JSON without its timings (they differ from run to run).
nlohmann::json plan_part(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text);
  if (j.is_object()) j.erase("stats");
  return j;
}

std::uint32_t le32(const std::string& s, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(s[at + static_cast<std::size_t>(i)]);
  return v;
}
std::uint32_t le16(const std::string& s, std::size_t at) {
  return static_cast<unsigned char>(s[at]) | static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8;
}

// A whole zip archive (an .xlsx): a local header first, and at the very end the
// end-of-central-directory record whose central directory ends right before it and
// starts with a central header. The number of entries, or -1 when it is not whole.
long zip_entries(const std::string& z) {
  if (z.size() < 22 + 4 || z.compare(0, 4, "PK\x03\x04") != 0) return -1;
  const std::size_t eocd = z.size() - 22;  // libxlsxwriter writes no archive comment
  if (z.compare(eocd, 4, "PK\x05\x06") != 0) return -1;
  const std::uint32_t cd_size = le32(z, eocd + 12), cd_offset = le32(z, eocd + 16);
  if (static_cast<std::uint64_t>(cd_offset) + cd_size != eocd) return -1;
  if (z.compare(cd_offset, 4, "PK\x01\x02") != 0) return -1;
  return static_cast<long>(le16(z, eocd + 10));
}

// The file is the old one, or complete and the same as the reference output (the
// workbook: a whole archive with the reference's entries, as libxlsxwriter stamps the
// time of writing in it).
void expect_old_or_complete(const fs::path& out, OutKind kind, const std::string& reference,
                            const std::string& where) {
  const std::string now = pmtest::slurp(out);
  if (now == kOld) return;
  switch (kind) {
    case OutKind::Json: {
      nlohmann::json got;
      ASSERT_NO_THROW(got = plan_part(now)) << where << ": a partial JSON file";
      EXPECT_EQ(got, plan_part(reference)) << where;
      break;
    }
    case OutKind::Xlsx:
      EXPECT_GT(zip_entries(now), 0) << where << ": a partial workbook (" << now.size() << " bytes)";
      EXPECT_EQ(zip_entries(now), zip_entries(reference)) << where;
      break;
    case OutKind::Csv:
    case OutKind::Html:
    case OutKind::Snapshot:  // no time stamp in it: byte for byte
      EXPECT_EQ(now, reference) << where << ": a partial " << name_of(kind) << " file (" << now.size()
                                << " bytes, complete: " << reference.size() << ")";
      break;
  }
}

// One complete run per output kind, no fault.
std::map<OutKind, std::string> reference_outputs(const fs::path& dir) {
  std::map<OutKind, std::string> r;
  for (OutKind kind : kKinds) {
    const fs::path out = dir / ("ref." + name_of(kind));
    const int status = wait_status(start_cli(run_args(out, kind), ""));
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << name_of(kind);
    r[kind] = pmtest::slurp(out);
    EXPECT_FALSE(r[kind].empty()) << name_of(kind);
  }
  return r;
}

}  // namespace

TEST(Faults, ZipCheckerTellsAWholeArchiveFromAPart) {
  // The checker the workbook cases rely on must be able to fail: a real workbook is
  // whole, every proper prefix of it is not.
  pmtest::TempDir dir("faults", "zip");
  const fs::path out = dir.path() / "plan.xlsx";
  const int status = wait_status(start_cli(run_args(out, OutKind::Xlsx), ""));
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const std::string whole = pmtest::slurp(out);
  ASSERT_GT(zip_entries(whole), 3);
  for (std::size_t cut : {std::size_t{0}, std::size_t{30}, whole.size() / 2, whole.size() - 23, whole.size() - 1})
    EXPECT_EQ(zip_entries(whole.substr(0, cut)), -1) << cut;
}

TEST(Faults, KilledWhileWritingLeavesTheOldFile) {
  pmtest::TempDir dir("faults", "injected");
  const auto ref = reference_outputs(dir.path());
  for (OutKind kind : kKinds) {
    for (const std::string fault : {"kill-mid-write", "kill-before-rename"}) {
      const std::string where = name_of(kind) + " " + fault;
      const fs::path out = dir.path() / ("plan." + name_of(kind));
      std::ofstream(out, std::ios::binary | std::ios::trunc) << kOld;
      const int status = wait_status(start_cli(run_args(out, kind), fault));
      ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << where << ": not killed";
      EXPECT_EQ(pmtest::slurp(out), kOld) << where;
      // A killed write may leave its hidden temporary file, never another visible one.
      for (const auto& e : fs::directory_iterator(dir.path())) {
        const std::string name = e.path().filename().string();
        EXPECT_TRUE(name[0] == '.' || name.rfind("ref.", 0) == 0 || name.rfind("plan.", 0) == 0) << name;
      }
      // Without the fault the same command replaces the file with the complete output.
      const int ok = wait_status(start_cli(run_args(out, kind), ""));
      ASSERT_TRUE(WIFEXITED(ok) && WEXITSTATUS(ok) == 0) << where;
      ASSERT_NE(pmtest::slurp(out), kOld) << where;
      expect_old_or_complete(out, kind, ref.at(kind), where);
    }
  }
}

TEST(Faults, KilledAtAnyMomentLeavesOldOrComplete) {
  pmtest::TempDir dir("faults", "anytime");
  const auto ref = reference_outputs(dir.path());
  pmtest::Rng rng(20261201);
  std::map<OutKind, int> old, complete;
  for (int round = 0; round < 8 * kNumKinds; ++round) {
    const OutKind kind = kKinds[round % kNumKinds];
    const fs::path out = dir.path() / ("plan." + name_of(kind));
    std::ofstream(out, std::ios::binary | std::ios::trunc) << kOld;
    const pid_t pid = start_cli(run_args(out, kind), "");
    ::usleep(static_cast<useconds_t>(rng.integer(0, 500'000)));  // 0-0.5 s: the whole run and after
    ::kill(pid, SIGKILL);
    wait_status(pid);
    expect_old_or_complete(out, kind, ref.at(kind), "round " + std::to_string(round) + " " + name_of(kind));
    (pmtest::slurp(out) == kOld ? old : complete)[kind] += 1;
  }
  // Counted for the failure message only: which outcome a kill meets depends on timing.
  for (OutKind kind : kKinds)
    SUCCEED() << name_of(kind) << ": " << old[kind] << " kills found the old file, " << complete[kind]
              << " the complete new one";
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
