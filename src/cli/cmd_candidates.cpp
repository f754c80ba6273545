// placematch candidates PATH --csv FILE [--explain] [--weights FILE] — every feasible pair.
#include <iostream>
#include <memory>

#include "common.hpp"
#include "placematch/candidates/candidates.hpp"
#include "placematch/report/report.hpp"
#include "placematch/report/spreadsheet.hpp"

namespace placematch::cli {

namespace {
struct CandidatesArgs {
  std::string path, csv, weights;
  bool explain = false, excel = false;
  Language lang = Language::En;
};
}  // namespace

Command add_candidates(CLI::App& app) {
  auto a = std::make_shared<CandidatesArgs>();
  CLI::App* sub = app.add_subcommand("candidates", "write every feasible pair with its score");
  sub->add_option("PATH", a->path, "instance folder or instance.json")->required();
  sub->add_option("--csv", a->csv, "output CSV: citizen,opening,score,km,needs_mentor")->required();
  sub->add_flag("--explain", a->explain, "add one column per score component");
  sub->add_flag("--excel", a->excel, "write the CSV for Danish Excel: BOM, ';', decimal comma, CRLF");
  sub->add_option("--weights", a->weights, "scoring weights (JSON)");
  add_lang_option(sub, a->lang);
  return {sub, [a]() {
            if (!outputs_writable({a->csv})) return kInput;
            auto weights = weights_from(a->weights);
            if (!weights) return kInput;
            auto in = load_checked(a->path);
            if (!in) return kInput;
            CandidateOptions opt;
            opt.weights = *weights;
            progress_line().language(a->lang);
            progress_phase(Phase::Candidates);
            CandidateGraph g = build_candidates(*in, opt);
            progress_phase(Phase::Report);
            std::string csv = candidates_csv(*in, g, a->explain, *weights);
            if (a->excel) csv = to_excel_csv(csv, kCandidatesCsvTextColumns);
            if (!write_output(a->csv, csv)) return kInput;
            progress_line().finish();
            std::cout << text(MessageId::CandidatesWritten, a->lang,
                              {{"pairs", static_cast<long long>(g.size())},
                               {"residents", static_cast<long long>(in->citizens.size())},
                               {"openings", static_cast<long long>(in->openings.size())},
                               {"file", a->csv}})
                      << '\n';
            return kOk;
          }};
}

}  // namespace placematch::cli
