#pragma once
// placematch/candidates/scoring.hpp — the score of a feasible pair (data contract v1, section 4).
//
// A score is a whole number of millionths in [0, 1'000'000]: round(1e6 * weighted mean of
// six components, each in [0, 1]), clamped. The components (all documented in the README):
//   competence       mean over the opening's `desires` of min(1, held level / desired
//                    level); 1 when nothing is desired;
//   distance         1 - km / c.max_km, clipped to [0, 1] (closer is better);
//   hours            1 - |agreed - c.hours| / max(1, c.hours), clipped to [0, 1], where the
//                    agreed hours are the point of the bands' overlap nearest c.hours;
//   interest         1 when the opening's sector is among the citizen's interests, else 0;
//   priority         0.5 * min(1, months_unemployed / 24) + 0.5 * vulnerability of the
//                    citizen's target group (target_group_vulnerability); it favours the
//                    long unemployed and the most vulnerable groups, whatever the opening;
//   mentor_language  only for pairs that need a mentor: the share of the company's free
//                    mentor capacity held by mentors who speak one of the citizen's
//                    languages. For pairs that need no mentor this weight is left out of
//                    the mean (it neither helps nor hurts them).
// No protected attribute (nationality, gender, religion) enters the score; languages
// are used only to match a mentor. Evaluation is O(list lengths) per pair; the
// candidate builder evaluates a citizen's pairs as one block (Eigen, in src/).
//
// Usage:
//   placematch::ScoreBreakdown b = placematch::explain_score(instance, citizen, opening);
//   for (const auto& comp : b.components) std::cout << comp.name << ' ' << comp.value;
#include <cstdint>
#include <string_view>

#include "placematch/model/instance.hpp"
#include "placematch/model/weights.hpp"

namespace placematch {

/// The vulnerability in [0, 1] of a target group by code (case-insensitive): 6.8 (in
/// rehabilitation) 1.0; 6.3, 6.5, INT-SHP 0.8; YOUTH 0.5; 6.4 0.3; 6.1, 6.2 0.2; OTHER and
/// any other code 0.5 (neutral).
double target_group_vulnerability(std::string_view code);

/// The agreed weekly hours of a pair: the point of the overlap of [c.hours - tol,
/// c.hours + tol] and [o.hours_min, o.hours_max] nearest c.hours. When the bands only
/// touch within the contract's 1e-9 tolerance, the opening's end that touches.
double agreed_hours(const Citizen& c, const Opening& o);

/// One component of a score.
struct ScoreComponent {
  std::string_view name;  // "competence", "distance", "hours", "interest", "priority",
                          // "mentor_language"
  double value = 0;       // in [0, 1]
  double weight = 0;      // as used in the mean (0 when the component does not apply)
};

/// A score and its explanation: score == round(1e6 * sum(value * weight) / sum(weight))
/// clamped to [0, 1e6] (0 when the weights that apply sum to 0), computed exactly as the
/// candidate graph computes it.
struct ScoreBreakdown {
  ScoreComponent components[6];
  bool mentor_applies = false;  // the pair needs a mentor: mentor_language counts
  double km = 0;
  double agreed_hours = 0;
  std::int32_t score = 0;       // millionths
};

/// Scores one pair (which should be feasible; the value is defined for any pair whose
/// company has free mentor capacity when a mentor is needed). O(list lengths + mentors
/// of the company).
ScoreBreakdown explain_score(const Instance& instance, Index citizen, Index opening,
                             const ScoreWeights& weights = {});

}  // namespace placematch
