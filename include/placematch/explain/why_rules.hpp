#pragma once
// placematch/explain/why_rules.hpp — every rule of contract section 2 that a pair breaks, with
// the values involved in the consultant's words (contract v2, section 9).
//
// The rules are checked one by one (placematch/rules/rules.hpp), in the contract's order,
// and every broken one is reported — not only the first: `distance`, `hours`,
// `competences`, `barriers`, `group_or_age`, `excluded` (the citizen's excluded
// companies), `forbidden` (a forbid decision), `no_mentor`. Messages name the values, e.g.
// "c045 can work 5-15 hours a week; o12 offers 29-37". O(list lengths + mentors of the
// company + log D).
//
// Usage:
//   placematch::ForbiddenPairs forbidden(instance);
//   for (const auto& r : placematch::broken_rules(instance, forbidden, c, o)) print(r.code, r.message);
#include <string>
#include <vector>

#include "placematch/model/instance.hpp"
#include "placematch/model/messages.hpp"
#include "placematch/rules/rules.hpp"

namespace placematch {

struct BrokenRule {
  std::string code;     // "distance", "hours", "competences", "barriers", "group_or_age",
                        // "excluded", "forbidden", "no_mentor"
  std::string message;  // plain words with the values, in English
  Message words;        // the same from the message catalogue, for any language
};

/// The rule's words in `lang` (the stored English message when it has no catalogue words).
std::string rule_text(const BrokenRule& rule, Language lang);

/// Every rule the pair breaks, in the contract's order (empty: the pair is feasible).
std::vector<BrokenRule> broken_rules(const Instance& instance, const ForbiddenPairs& forbidden, Index citizen,
                                     Index opening);

/// A number for people: at most `decimals` decimals, trailing zeros dropped ("7.5", "12").
std::string plain_number(double value, int decimals = 1);

}  // namespace placematch
