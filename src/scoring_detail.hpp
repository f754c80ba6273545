#pragma once
// Internal: block scoring shared by the candidate builder and explain_score, so that a
// stored score and its explanation are computed by the same arithmetic.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "placematch/model.hpp"
#include "placematch/scoring.hpp"

namespace placematch::detail {

inline constexpr int kComponents = 6;  // competence, distance, hours, interest, priority, mentor

class Scorer {
 public:
  Scorer(const Instance& instance, const ScoreWeights& weights);

  /// Component values of one pair, in the order above (mentor = 0 when not needed).
  void components(Index citizen, Index opening, double km, bool needs_mentor,
                  double out[kComponents]) const;

  /// Scores n pairs of one citizen. O(n * list lengths). Same result for any n.
  void score_block(Index citizen, const Index* openings, const double* km,
                   const std::uint8_t* needs_mentor, std::size_t n, std::int32_t* out) const;

  const ScoreWeights& weights() const { return weights_; }

 private:
  double priority(Index citizen) const;
  double mentor_share(Index citizen, Index company) const;

  const Instance& in_;
  ScoreWeights weights_;
  std::vector<double> vulnerability_;  // per CodeId
  std::vector<int> pool_;              // per company: free mentor capacity
};

}  // namespace placematch::detail
