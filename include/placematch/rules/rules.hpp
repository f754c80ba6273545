#pragma once
// placematch/rules/rules.hpp — the seven hard rules of data contract v1, section 2: when a
// citizen may be placed in an opening.
//
// Each rule is a named predicate on (instance, citizen, opening), written exactly as the
// contract states it, tolerances included. Rules 1-5 and 7 are O(1) or O(list length)
// (code lists are sorted, so membership is a merge or a binary search); rule 6 needs the
// forbidden pairs, gathered once from `instance.decisions` into a ForbiddenPairs lookup
// (O(D log D) to build, O(log D) per query).
//
// Usage:
//   const placematch::ForbiddenPairs forbidden(instance);
//   if (auto rule = placematch::first_broken_rule(instance, forbidden, c, o))
//     std::cout << to_string(*rule) << " -> " << to_string(placematch::reason_code(*rule));
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "placematch/model/instance.hpp"

namespace placematch {

/// The hard rules, in the contract's order (section 2, rules 1-7).
enum class Rule : std::uint8_t { Distance, Hours, Competences, Barriers, GroupOrAge, Excluded, Mentor };
inline constexpr int kRuleCount = 7;

/// The rule's code: "distance", "hours", "competences", "barriers", "group_or_age",
/// "excluded", "mentor" (never translated).
std::string_view to_string(Rule rule);
/// The inverse of to_string(Rule); nullopt for any other text.
std::optional<Rule> parse_rule(std::string_view text);

/// Why a citizen is left unplaced (contract section 6, `reason_code`): the first rule that
/// keeps every opening within reach away — one code per Rule, in the same order and with
/// the same value — or, past them, TakenByOthers (feasible pairs exist, the plan gave
/// their seats or mentors to others).
enum class ReasonCode : std::uint8_t {
  NoOpeningInReach = static_cast<std::uint8_t>(Rule::Distance),
  Hours = static_cast<std::uint8_t>(Rule::Hours),
  Competences = static_cast<std::uint8_t>(Rule::Competences),
  Barriers = static_cast<std::uint8_t>(Rule::Barriers),
  GroupOrAge = static_cast<std::uint8_t>(Rule::GroupOrAge),
  Excluded = static_cast<std::uint8_t>(Rule::Excluded),
  NoMentor = static_cast<std::uint8_t>(Rule::Mentor),
  TakenByOthers = kRuleCount,
};
inline constexpr int kReasonCodeCount = kRuleCount + 1;

/// The reason code of an unplaced citizen whose openings within reach `rule` keeps away.
constexpr ReasonCode reason_code(Rule rule) { return static_cast<ReasonCode>(rule); }

/// The contract's spelling: "no_opening_in_reach", "hours", "competences", "barriers",
/// "group_or_age", "excluded", "no_mentor", "taken_by_others".
std::string_view to_string(ReasonCode code);
/// The inverse of to_string(ReasonCode); nullopt for any other text.
std::optional<ReasonCode> parse_reason_code(std::string_view text);

/// The forbidden pairs of an instance (decisions of kind Forbid), as a sorted vector.
class ForbiddenPairs {
 public:
  ForbiddenPairs() = default;
  /// O(D log D) for D decisions.
  explicit ForbiddenPairs(const Instance& instance);
  /// Whether the consultant forbade (citizen, opening). O(log D).
  bool contains(Index citizen, Index opening) const;
  std::size_t size() const { return keys_.size(); }

 private:
  std::vector<std::uint64_t> keys_;  // (citizen << 32) | opening, sorted
};

/// Great-circle km from the citizen's housing area to the opening's company (geo.hpp).
double pair_km(const Instance& instance, Index citizen, Index opening);

/// Rule 1: pair_km <= c.max_km + 1e-9.
bool within_distance(const Instance& instance, Index citizen, Index opening);
/// Rule 1 when the distance is already known.
bool within_distance_km(const Citizen& c, double km);

/// Rule 2: the citizen's band [hours - tol, hours + tol] and the opening's band
/// [hours_min, hours_max] overlap: max(lows) <= min(highs) + 1e-9 (a shared end counts).
bool hours_overlap(const Instance& instance, Index citizen, Index opening);
bool hours_overlap(const Citizen& c, const Opening& o);

/// Rule 3: the citizen holds every code of `o.required` at that level or higher.
bool has_competences(const Instance& instance, Index citizen, Index opening);
bool has_competences(const Citizen& c, const Opening& o);
/// The first required code the citizen lacks (or holds at too low a level), or nullopt.
std::optional<CodeLevel> missing_competence(const Citizen& c, const Opening& o);

/// Rule 4: every barrier of the citizen listed in `o.barrier_limits` has severity <= the
/// limit (a limit 0 accepts no severity at all); barriers not listed are accepted.
bool barriers_accepted(const Instance& instance, Index citizen, Index opening);
bool barriers_accepted(const Citizen& c, const Opening& o);
/// The first barrier of the citizen the opening does not accept, or nullopt.
std::optional<CodeLevel> blocking_barrier(const Citizen& c, const Opening& o);

/// Rule 5: the target group is in `o.groups` (when given); the age is in
/// [o.age_min, o.age_max] (each bound when given, inclusive); a citizen under 18 only
/// takes a leisure_job or an internship; a leisure_job only takes ages 13-17.
bool group_and_age_ok(const Instance& instance, Index citizen, Index opening);
bool group_and_age_ok(const Citizen& c, const Opening& o);

/// Rule 6: the opening's company is not in `c.excluded_companies` and the pair is not
/// forbidden by a decision.
bool not_excluded(const Instance& instance, const ForbiddenPairs& forbidden, Index citizen,
                  Index opening);
/// Rule 6, first half only: the company is not excluded by the citizen.
bool company_not_excluded(const Citizen& c, const Opening& o);

/// Whether a placement of the pair needs a mentor: c.needs_mentor or o.mentor_required.
bool needs_mentor(const Citizen& c, const Opening& o);
bool needs_mentor(const Instance& instance, Index citizen, Index opening);
/// Whether a company has a mentor with capacity - carrying_now >= 1. O(its mentors).
bool company_has_free_mentor(const Instance& instance, Index company);

/// Rule 7: when the placement needs a mentor, the company has a mentor with free
/// capacity (capacity - carrying_now >= 1).
bool mentor_available(const Instance& instance, Index citizen, Index opening);

/// The first rule (in the contract's order) the pair breaks, or nullopt when the pair
/// is feasible. O(list lengths + its company's mentors + log D).
std::optional<Rule> first_broken_rule(const Instance& instance, const ForbiddenPairs& forbidden,
                                      Index citizen, Index opening);
/// Whether the pair keeps all seven rules.
inline bool feasible(const Instance& instance, const ForbiddenPairs& forbidden, Index citizen,
                     Index opening) {
  return !first_broken_rule(instance, forbidden, citizen, opening).has_value();
}

}  // namespace placematch
