#pragma once
// Test support for the suites that run the placematch tool itself (PLACEMATCH_CLI): one
// run, its exit code and everything it printed.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace pmtest {

struct CliOutcome {
  int code = -1;
  std::string out;  // standard output and standard error together
};

/// Runs `placematch ARGS` through the shell (ARGS as written: quote paths with spaces) and
/// returns its exit code (-1 when it did not exit normally) and its output.
inline CliOutcome run_cli(const std::string& args) {
  CliOutcome r;
  const std::string cmd = std::string(PLACEMATCH_CLI) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace pmtest
