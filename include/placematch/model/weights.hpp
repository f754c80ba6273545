#pragma once
// placematch/model/weights.hpp — the weights of the scoring model (contract section 4) and
// the names of its six components, as data: what a consultant sets, read by io/ and used
// by candidates/ (placematch/candidates/scoring.hpp computes the score itself).
//
// Usage:
//   placematch::ScoreWeights w;                       // the defaults
//   w[placematch::ScoreComponentKind::Distance] = 0.3;
//   for (int i = 0; i < placematch::kScoreComponentCount; ++i)
//     std::cout << to_string(static_cast<placematch::ScoreComponentKind>(i));
#include <cstdint>
#include <optional>
#include <string_view>

namespace placematch {

/// The score's components, in the contract's (and every output's) order.
enum class ScoreComponentKind : std::uint8_t { Competence, Distance, Hours, Interest, Priority, MentorLanguage };
inline constexpr int kScoreComponentCount = 6;

/// "competence", "distance", "hours", "interest", "priority", "mentor_language" (the keys
/// of a weights file and the column names of `candidates --explain`).
std::string_view to_string(ScoreComponentKind kind);
/// The inverse of to_string(ScoreComponentKind); nullopt for any other text.
std::optional<ScoreComponentKind> parse_score_component(std::string_view text);

/// The weights of the scoring model (each >= 0, not all 0). Defaults favour fit and the
/// most vulnerable residents equally, with distance and hours next.
struct ScoreWeights {
  double competence = 0.25;
  double distance = 0.15;
  double hours = 0.15;
  double interest = 0.10;
  double priority = 0.25;
  double mentor_language = 0.10;

  /// The weight of one component. O(1).
  double& operator[](ScoreComponentKind kind);
  double operator[](ScoreComponentKind kind) const;
};

}  // namespace placematch
