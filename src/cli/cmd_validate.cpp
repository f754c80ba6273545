// placematch validate PATH — read and check an instance; a summary, or every problem.
#include <iostream>
#include <memory>

#include "common.hpp"
#include "placematch/report/report.hpp"

namespace placematch::cli {

Command add_validate(CLI::App& app) {
  struct Args {
    std::string path;
    Language lang = Language::En;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = app.add_subcommand("validate", "read and check an instance; print a summary or every problem");
  sub->add_option("PATH", a->path, "instance folder or instance.json")->required();
  add_lang_option(sub, a->lang);
  return {sub, [a]() {
            auto in = load_checked(a->path);
            if (!in) return kInput;
            std::cout << instance_summary(*in, a->lang) << text(MessageId::SummaryValid, a->lang, {{"path", a->path}})
                      << '\n';
            return kOk;
          }};
}

}  // namespace placematch::cli
