#pragma once
// placematch/scoring.hpp — PLACEHOLDER, owned by the candidates work: the scoring
// model's weights and per-component explanation.
namespace placematch {
struct ScoreWeights {};
}  // namespace placematch
