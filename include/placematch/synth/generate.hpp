#pragma once
// placematch/synth/generate.hpp — synthetic instances for tests, benchmarks and demonstrations,
// and the bundled Sønderborg sample (data/sonderborg).
//
// Housing areas are clustered in towns spread over Denmark; companies are clustered
// around the same towns (most within a few km, some farther). Citizens follow the target
// groups of the Sønderborg partnership agreement's table (6.1 32, 6.2 52, 6.3 70, 6.4 30,
// 6.5 12, 6.8 31, INT-SHP 38 of 265) plus some YOUTH and OTHER, with ages, hours,
// reach, competences, barriers, languages and unemployment spells that fit the group.
// The result is always valid under the data contract (pins included), and is the same
// for the same options on every platform: a private xoshiro256** generator and
// distribution code of our own, never std:: distributions. O(size of the instance).
//
// Usage:
//   placematch::GenerateOptions g;
//   g.citizens = 2000; g.openings = 600; g.seed = 7;
//   placematch::Instance in = placematch::generate_instance(g);
#include <cstdint>
#include <filesystem>

#include "placematch/model/instance.hpp"

namespace placematch {

/// What to generate. Counts of 0 (and negative shares) mean "scaled by size".
struct GenerateOptions {
  std::int64_t citizens = 2000;
  std::int64_t openings = 600;
  std::uint64_t seed = 1;

  /// Housing areas; 0: one per ~65 citizens, at most 4000.
  std::int64_t areas = 0;
  /// Towns the areas and companies cluster around (listed Danish towns, then satellite
  /// towns near them); 0: one per ~8 areas, at most 400.
  int towns = 0;
  /// Companies; 0: about one per 3 openings.
  std::int64_t companies = 0;

  /// Probability that a citizen of a vulnerable group (6.3, 6.5, 6.8, INT-SHP) needs a
  /// mentor; other adults: `mentor_need_other`.
  double mentor_need_vulnerable = 0.30;
  double mentor_need_other = 0.05;
  /// Share of companies with at least one mentor, and the most mentors one company has.
  double mentor_company_share = 0.55;
  int max_mentors_per_company = 4;
  /// Share of openings with mentor_required.
  double mentor_required_share = 0.06;
  /// Share of companies whose `employees` is given (the reasonableness rule applies).
  double employees_given_share = 0.85;
  /// Forbidden pairs per citizen (a pair may be any pair).
  double forbid_share = 0.01;
  /// Pins per citizen; each pin is checked against every rule of sections 2 and 3
  /// (seats, one pin per citizen, mentors, reasonableness cap) and dropped otherwise.
  double pin_share = 0.002;
  /// Share of citizens that exclude one or two companies (e.g. a former employer).
  double excluded_share = 0.03;

  /// Benchmarks of the mentor pool: half the vulnerable residents need a mentor, and
  /// every company with mentors has one or two of them.
  bool mentor_heavy = false;
};

/// A synthetic instance, finalized. Deterministic in `options`. Throws
/// std::invalid_argument for negative counts or a positive citizen count with no
/// openings.
Instance generate_instance(const GenerateOptions& options);

/// Generates and writes an instance as a CSV folder (the `placematch generate` command).
void generate_instance_csv(const GenerateOptions& options, const std::filesystem::path& dir);

/// The bundled sample (data/sonderborg): 265 synthetic residents of four Sønderborg
/// housing departments with exactly the target-group counts of the agreement's table of
/// 1 March 2021, about 30 invented local companies with openings of every kind, mentors,
/// a few forbidden pairs and valid pins. Always the same instance.
Instance generate_sonderborg_sample();

}  // namespace placematch
