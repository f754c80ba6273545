#pragma once
// Internal: scoring shared by the candidate builder and explain_score, so that a stored
// score and its explanation are computed by the same arithmetic.
//
// Scorer holds the instance-wide terms (vulnerability per code, free mentor capacity
// per company). CitizenScorer loads one citizen at a time into dense per-code arrays, so
// each component of a pair costs O(list length of the opening) without searches; the
// priority term is computed once per citizen. combine() turns a block of component rows
// into scores with one Eigen batch; every row sees the same operations in the same order
// whatever the block size, so explain_score (a block of one) reproduces a stored score.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "placematch/model/instance.hpp"
#include "placematch/candidates/scoring.hpp"

namespace placematch::detail {

/// Component rows hold the components in ScoreComponentKind order (model/weights.hpp).
inline constexpr int kComponents = kScoreComponentCount;

/// What the score needs of an opening, in one small row.
struct OpeningTerms {
  double hours_min = 0, hours_max = 0;
  const CodeLevel* desired = nullptr;  // `desires`, sorted by code
  std::uint32_t desired_count = 0;
  CodeId sector = kNone;
  Index company = kNone;
};
/// The row of one opening; `desired` points into the opening's own list.
OpeningTerms opening_terms(const Opening& o);

/// The rows of every opening, their `desires` in one shared array (for the builder:
/// a pair reads 40 bytes in one place instead of a whole Opening record). O(openings).
class OpeningTable {
 public:
  explicit OpeningTable(const Instance& instance);
  const OpeningTerms& operator[](Index opening) const { return rows_[static_cast<std::size_t>(opening)]; }

 private:
  std::vector<CodeLevel> desired_;
  std::vector<OpeningTerms> rows_;
};

/// The agreed hours of agreed_hours (scoring.hpp) on the bands' ends.
double agreed_hours_of(double hours, double tolerance, double hours_min, double hours_max);

class Scorer {
 public:
  /// O(1): instance-wide terms are computed when needed.
  Scorer(const Instance& instance, const ScoreWeights& weights);

  /// Component values of one pair, in the order above (mentor = 0 when not needed).
  /// O(codes of the instance) per call: for single pairs (explanations).
  void components(Index citizen, Index opening, double km, bool needs_mentor,
                  double out[kComponents]) const;

  /// Scores n pairs from their component rows (row-major, n x kComponents) and mentor
  /// flags, as one Eigen batch. O(n).
  void combine(const double* rows, const std::uint8_t* needs_mentor, std::size_t n,
               std::int32_t* out) const;

  /// The priority component of a citizen (independent of the opening). O(1).
  double priority(Index citizen) const;

  const ScoreWeights& weights() const { return weights_; }
  const Instance& instance() const { return in_; }
  /// Free mentor capacity of a company (Instance::mentor_pool): O(1) after
  /// prepare_pools(), else O(its mentors).
  int pool(Index company) const;
  /// Tabulates the free mentor capacity of every company and its mentors with free
  /// capacity and their languages, in flat arrays (for many pairs). O(mentors).
  void prepare_pools();

  /// A mentor with free capacity, its languages in languages().
  struct FreeMentor {
    int free = 0;
    std::uint32_t languages_begin = 0, languages_end = 0;
  };
  bool pools_prepared() const { return !pool_.empty(); }
  /// After prepare_pools(): the free mentors of a company, and the languages array.
  const FreeMentor* free_mentors_begin(Index company) const {
    return free_mentors_.data() + free_begin_[static_cast<std::size_t>(company)];
  }
  const FreeMentor* free_mentors_end(Index company) const {
    return free_mentors_.data() + free_begin_[static_cast<std::size_t>(company) + 1];
  }
  const CodeId* languages() const { return languages_.data(); }

 private:
  const Instance& in_;
  ScoreWeights weights_;
  std::vector<int> pool_;  // per company, once prepared
  std::vector<std::size_t> free_begin_;    // per company + 1: into free_mentors_
  std::vector<FreeMentor> free_mentors_;
  std::vector<CodeId> languages_;
};

/// One citizen at a time, in dense per-code arrays (competence level, interest,
/// language); the mentor share of the last company is kept, so pairs given company by
/// company compute it once. Not thread-safe: one per thread. load() costs O(the
/// citizen's lists).
class CitizenScorer {
 public:
  explicit CitizenScorer(const Scorer& scorer);
  void load(Index citizen);
  Index citizen() const { return citizen_; }
  /// The loaded citizen's level of a competence code, 0 when not held.
  int held(CodeId code) const { return held_[static_cast<std::size_t>(code)]; }
  /// Components of (loaded citizen, opening) from the opening's row; Scorer::components
  /// is this on a row made by opening_terms.
  void components(const OpeningTerms& o, double km, bool needs_mentor,
                  double out[kComponents]) const;

 private:
  double mentor_share(Index company) const;

  const Scorer& scorer_;
  Index citizen_ = kNone;
  double priority_ = 0;
  double hours_ = 0, tolerance_ = 0, max_km_ = 0;
  mutable Index share_company_ = kNone;  // the last mentor share computed, for adjacent
  mutable double share_ = 0;             // pairs of one company
  std::vector<int> held_;                 // per CodeId
  std::vector<std::uint8_t> interest_;    // per CodeId
  std::vector<std::uint8_t> language_;    // per CodeId
};

}  // namespace placematch::detail
