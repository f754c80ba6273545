// placematch candidates PATH --csv FILE [--explain] [--weights FILE] — every feasible pair.
#include <iostream>
#include <memory>

#include "common.hpp"
#include "placematch/candidates/candidates.hpp"
#include "placematch/report/report.hpp"

namespace placematch::cli {

namespace {
struct CandidatesArgs {
  std::string path, csv, weights;
  bool explain = false;
};
}  // namespace

Command add_candidates(CLI::App& app) {
  auto a = std::make_shared<CandidatesArgs>();
  CLI::App* sub = app.add_subcommand("candidates", "write every feasible pair with its score");
  sub->add_option("PATH", a->path, "instance folder or instance.json")->required();
  sub->add_option("--csv", a->csv, "output CSV: citizen,opening,score,km,needs_mentor")->required();
  sub->add_flag("--explain", a->explain, "add one column per score component");
  sub->add_option("--weights", a->weights, "scoring weights (JSON)");
  return {sub, [a]() {
            auto weights = weights_from(a->weights);
            if (!weights) return kInput;
            auto in = load_checked(a->path);
            if (!in) return kInput;
            CandidateOptions opt;
            opt.weights = *weights;
            CandidateGraph g = build_candidates(*in, opt);
            if (!write_output(a->csv, candidates_csv(*in, g, a->explain, *weights))) return kInput;
            std::cout << g.size() << " feasible pairs of " << in->citizens.size() << " residents and "
                      << in->openings.size() << " openings written to " << a->csv << '\n';
            return kOk;
          }};
}

}  // namespace placematch::cli
