// placematch generate --citizens N --openings M --seed S [--mentor-heavy] [--json] DIR
#include <filesystem>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "common.hpp"
#include "placematch/io/files.hpp"
#include "placematch/synth/generate.hpp"

namespace placematch::cli {

namespace {
struct GenerateArgs {
  long long citizens = 0, openings = 0;
  unsigned long long seed = 1;
  bool mentor_heavy = false, json = false;
  std::string dir;
};

int run_generate(const GenerateArgs& a) {
  GenerateOptions opt;
  opt.citizens = static_cast<int>(a.citizens);
  opt.openings = static_cast<int>(a.openings);
  opt.seed = a.seed;
  opt.mentor_heavy = a.mentor_heavy;
  Instance in;
  try {
    in = generate_instance(opt);
  } catch (const std::invalid_argument& e) {
    std::cerr << "placematch generate: " << e.what() << '\n';
    return kInput;
  }
  std::filesystem::create_directories(a.dir);
  if (a.json)
    write_instance_json(in, std::filesystem::path(a.dir) / "instance.json");
  else
    write_instance_csv(in, a.dir);
  std::cout << "generated " << in.citizens.size() << " residents, " << in.openings.size() << " openings, "
            << in.companies.size() << " companies, " << in.mentors.size() << " mentors in " << a.dir << '\n';
  return kOk;
}
}  // namespace

Command add_generate(CLI::App& app) {
  auto a = std::make_shared<GenerateArgs>();
  CLI::App* sub = app.add_subcommand("generate", "write a synthetic instance");
  sub->add_option("--citizens", a->citizens, "residents")->required()->check(CLI::Range(0LL, 10000000LL));
  sub->add_option("--openings", a->openings, "openings")->required()->check(CLI::Range(0LL, 10000000LL));
  sub->add_option("--seed", a->seed, "random seed")->required();
  sub->add_flag("--mentor-heavy", a->mentor_heavy, "half the vulnerable residents need a mentor");
  sub->add_flag("--json", a->json, "write instance.json instead of CSV files");
  sub->add_option("DIR", a->dir, "output folder")->required();
  return {sub, [a]() { return run_generate(*a); }};
}

}  // namespace placematch::cli
