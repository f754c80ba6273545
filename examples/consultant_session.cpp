// A consultant's session through the library: load the instance, check the pins, plan,
// and read the plan in the consultant's terms — who goes where with which mentor, why
// the others are not placed, and what each placement's score is made of.
//
//   example_consultant_session data/sonderborg
#include <iostream>
#include <map>

#include "placematch/rules/decisions.hpp"
#include "placematch/io/files.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/candidates/scoring.hpp"

int main(int argc, char** argv) {
  using namespace placematch;
  const char* path = argc > 1 ? argv[1] : "data/sonderborg";
  LoadResult loaded = load_instance(path);
  for (const Diagnostic& d : loaded.errors) std::cerr << d.str() << '\n';
  if (!loaded.ok()) return 2;
  const Instance& in = *loaded.instance;
  Diagnostics pins = check_decisions(in);
  for (const Diagnostic& d : pins) std::cerr << d.str() << '\n';
  if (!pins.empty()) return 2;

  MatchResult r = match(in);
  std::cout << "placed " << r.plan.placed << " of " << in.citizens.size() << " residents"
            << (r.plan.status == placematch::Status::Optimal ? " (proven optimal)" : " (not proven optimal)") << "\n\n";

  // The first few placements, with the score explained component by component.
  int shown = 0;
  for (const Placement& p : r.plan.placements) {
    if (shown++ == 3) break;
    const Opening& o = in.openings[static_cast<std::size_t>(p.opening)];
    std::cout << in.citizens[static_cast<std::size_t>(p.citizen)].id << " -> " << o.id << " at "
              << in.companies[static_cast<std::size_t>(o.company)].name << ", " << p.hours
              << " h/week, " << p.km << " km";
    if (p.mentor != kNone) std::cout << ", mentor " << in.mentors[static_cast<std::size_t>(p.mentor)].id;
    std::cout << "\n  score " << p.score / 1e6 << " =";
    ScoreBreakdown b = explain_score(in, p.citizen, p.opening);
    for (const ScoreComponent& c : b.components)
      if (c.weight > 0) std::cout << ' ' << c.name << ' ' << c.value << " (w " << c.weight << ')';
    std::cout << '\n';
  }

  // Why the others are not placed, by reason.
  std::map<std::string, int> by_reason;
  for (const Unplaced& u : r.plan.unplaced) ++by_reason[std::string(to_string(u.reason_code))];
  std::cout << "\nunplaced by reason:\n";
  for (const auto& [code, n] : by_reason) std::cout << "  " << code << ": " << n << '\n';
  if (!r.plan.unplaced.empty())
    std::cout << "for example " << in.citizens[static_cast<std::size_t>(r.plan.unplaced.front().citizen)].id
              << ": " << r.plan.unplaced.front().reason << '\n';
  return 0;
}
