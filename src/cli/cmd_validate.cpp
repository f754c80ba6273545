// placematch validate PATH — read and check an instance; a summary, or every problem.
#include <iostream>
#include <memory>

#include "common.hpp"
#include "placematch/report/report.hpp"

namespace placematch::cli {

Command add_validate(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("validate", "read and check an instance; print a summary or every problem");
  sub->add_option("PATH", *path, "instance folder or instance.json")->required();
  return {sub, [path]() {
            auto in = load_checked(*path);
            if (!in) return kInput;
            std::cout << instance_summary(*in) << "valid: " << *path << '\n';
            return kOk;
          }};
}

}  // namespace placematch::cli
