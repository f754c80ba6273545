// placematch — the command-line tool for the company consultant (contract section 6).
// A thin layer over the library's public API: each subcommand is one cmd_*.cpp that
// declares its options and calls the library; this file only dispatches.
//
// Exit codes: 0 success, 2 input error (one located line per problem on standard
// error), 1 internal error.
#include <exception>
#include <iostream>
#include <vector>

#include "common.hpp"
#include "placematch/version.hpp"

using namespace placematch;
using namespace placematch::cli;

int main(int argc, char** argv) {
  CLI::App app{"placematch: optimal, explained placement of residents in a local company network"};
  app.set_version_flag("--version", std::string("placematch ") + kVersion);
  app.require_subcommand(1);

  const std::vector<Command> commands = {add_validate(app), add_candidates(app), add_match(app),
                                         add_generate(app), add_suggest(app), add_why(app),
                                         add_serve(app), add_report(app), add_whatif(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kInput;
  }

  try {
    for (const Command& c : commands)
      if (c.app->parsed()) {
        const int code = c.run();
        progress_line().finish();
        return code;
      }
  } catch (const InputError& e) {
    progress_line().finish();
    print(e.errors());
    return kInput;
  } catch (const std::exception& e) {
    progress_line().finish();
    std::cerr << "placematch: internal error: " << e.what() << '\n';
    return kInternal;
  }
  return kInternal;
}
