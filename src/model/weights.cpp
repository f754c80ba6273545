// Names of the score's components and access to their weights (see weights.hpp).
#include "placematch/model/weights.hpp"

#include "detail/enum_text.hpp"

namespace placematch {

std::string_view to_string(ScoreComponentKind kind) {
  switch (kind) {
    case ScoreComponentKind::Competence: return "competence";
    case ScoreComponentKind::Distance: return "distance";
    case ScoreComponentKind::Hours: return "hours";
    case ScoreComponentKind::Interest: return "interest";
    case ScoreComponentKind::Priority: return "priority";
    case ScoreComponentKind::MentorLanguage: return "mentor_language";
  }
  return "?";  // not reached: every value is named above
}

std::optional<ScoreComponentKind> parse_score_component(std::string_view text) {
  return detail::parse_enum<ScoreComponentKind>(text, kScoreComponentCount);
}

double& ScoreWeights::operator[](ScoreComponentKind kind) {
  switch (kind) {
    case ScoreComponentKind::Competence: return competence;
    case ScoreComponentKind::Distance: return distance;
    case ScoreComponentKind::Hours: return hours;
    case ScoreComponentKind::Interest: return interest;
    case ScoreComponentKind::Priority: return priority;
    case ScoreComponentKind::MentorLanguage: return mentor_language;
  }
  return mentor_language;  // not reached
}

double ScoreWeights::operator[](ScoreComponentKind kind) const {
  return const_cast<ScoreWeights&>(*this)[kind];
}

}  // namespace placematch
