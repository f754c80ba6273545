// Checks of the consultant's pins before planning (contract section 3).
#include "placematch/rules/decisions.hpp"

#include <string>
#include <unordered_map>
#include <vector>

#include "placematch/model/format.hpp"
#include "placematch/rules/rules.hpp"

namespace placematch {

namespace {

std::string quote(const std::string& id) { return "\"" + id + "\""; }

/// The rule's name in the messages' words (English text, kept here in one place).
std::string_view rule_words(Rule rule) {
  switch (rule) {
    case Rule::Distance: return "distance";
    case Rule::Hours: return "hours";
    case Rule::Competences: return "competences";
    case Rule::Barriers: return "barriers";
    case Rule::GroupOrAge: return "group and age";
    case Rule::Excluded: return "excluded company or forbidden pair";
    case Rule::Mentor: return "mentor";
  }
  return "?";
}

/// Why the pin breaks `rule`, in words.
std::string rule_detail(const Instance& in, Rule rule, Index ci, Index oi) {
  const Citizen& c = in.citizens[static_cast<std::size_t>(ci)];
  const Opening& o = in.openings[static_cast<std::size_t>(oi)];
  const Company& k = in.companies[static_cast<std::size_t>(o.company)];
  const std::string head = "pin breaks the " + std::string(rule_words(rule)) + " rule: ";
  switch (rule) {
    case Rule::Distance:
      return head + "company " + quote(k.id) + " is " + format_short(pair_km(in, ci, oi)) +
             " km from the citizen's area, beyond max_km " + format_short(c.max_km);
    case Rule::Hours:
      return head + "citizen " + quote(c.id) + " can work " + format_short(c.hours - c.hours_tolerance) +
             "-" + format_short(c.hours + c.hours_tolerance) + " hours a week, opening " + quote(o.id) +
             " offers " + format_short(o.hours_min) + "-" + format_short(o.hours_max);
    case Rule::Competences: {
      const auto need = missing_competence(c, o);
      const CodeLevel n = need.value_or(CodeLevel{});
      return head + "opening " + quote(o.id) + " requires " +
             (n.code == kNone ? std::string("?") : in.codes.name(n.code)) + " at level " +
             std::to_string(n.level) + ", citizen " + quote(c.id) + " holds level " +
             std::to_string(level_of(c.competences, n.code));
    }
    case Rule::Barriers: {
      const CodeLevel b = blocking_barrier(c, o).value_or(CodeLevel{});
      const std::string name = b.code == kNone ? std::string("?") : in.codes.name(b.code);
      const int limit = level_of(o.barrier_limits, b.code);
      return head + "citizen " + quote(c.id) + " has barrier " + name + " at severity " +
             std::to_string(b.level) + ", opening " + quote(o.id) +
             (limit == 0 ? " does not accept it" : " accepts up to " + std::to_string(limit));
    }
    case Rule::GroupOrAge:
      return head + "opening " + quote(o.id) + " (" + std::string(to_string(o.kind)) +
             ") is not open to citizen " + quote(c.id) + " (target group " +
             (c.target_group == kNone ? std::string("?") : in.codes.name(c.target_group)) +
             ", age " + std::to_string(c.age) + ")";
    case Rule::Excluded:
      return head + "citizen " + quote(c.id) + " is excluded from company " + quote(k.id);
    case Rule::Mentor:
      return head + "the placement needs a mentor and company " + quote(k.id) +
             " has no mentor with free capacity";
  }
  return head;
}

}  // namespace

Diagnostics check_decisions(const Instance& in) {
  Diagnostics out;
  const ForbiddenPairs forbidden(in);
  const ForbiddenPairs none;  // rule 6's forbidden half is reported on its own below
  std::unordered_map<Index, const Decision*> pin_of_citizen;
  std::unordered_map<Index, int> per_opening, per_mentor, per_pool, per_cap;
  for (const Decision& d : in.decisions) {
    if (d.kind != DecisionKind::Pin) continue;
    if (d.citizen < 0 || d.opening < 0) continue;  // the loader reports unknown ids
    const Citizen& c = in.citizens[static_cast<std::size_t>(d.citizen)];
    const Opening& o = in.openings[static_cast<std::size_t>(d.opening)];
    const Company& k = in.companies[static_cast<std::size_t>(o.company)];

    if (forbidden.contains(d.citizen, d.opening))
      out.push_back({d.where, "decision",
                     "citizen " + quote(c.id) + " and opening " + quote(o.id) +
                         " are both pinned and forbidden"});

    auto [first, inserted] = pin_of_citizen.try_emplace(d.citizen, &d);
    if (!inserted) {
      out.push_back({d.where, "citizen",
                     "citizen " + quote(c.id) + " is pinned twice (also at " + first->second->where +
                         "); a citizen holds at most one placement"});
      continue;
    }

    if (auto rule = first_broken_rule(in, none, d.citizen, d.opening)) {
      out.push_back({d.where, "opening", rule_detail(in, *rule, d.citizen, d.opening)});
      continue;
    }

    if (++per_opening[d.opening] > o.seats)
      out.push_back({d.where, "opening",
                     "pins overfill opening " + quote(o.id) + ", which has " +
                         std::to_string(o.seats) + (o.seats == 1 ? " seat" : " seats")});

    const bool mentor = needs_mentor(c, o);
    if (!mentor && d.mentor != kNone) {
      out.push_back({d.where, "mentor",
                     "the placement needs no mentor, but mentor " +
                         quote(in.mentors[static_cast<std::size_t>(d.mentor)].id) + " is named"});
    } else if (mentor) {
      if (d.mentor != kNone) {
        const Mentor& m = in.mentors[static_cast<std::size_t>(d.mentor)];
        if (++per_mentor[d.mentor] > m.free_capacity())
          out.push_back({d.where, "mentor",
                         "pins naming mentor " + quote(m.id) + " exceed their free capacity of " +
                             std::to_string(std::max(0, m.free_capacity()))});
      }
      const int pool = in.mentor_pool(o.company);
      if (++per_pool[o.company] > pool)
        out.push_back({d.where, "mentor",
                       "pins that need a mentor exceed the free mentor capacity of company " +
                           quote(k.id) + " (" + std::to_string(pool) + ")"});
    }

    if (counts_for_reasonableness(o.kind)) {
      if (const auto cap = in.reasonableness_cap(o.company); cap && ++per_cap[o.company] > *cap)
        out.push_back({d.where, "opening",
                       "pins in internships and wage-subsidy jobs at company " + quote(k.id) +
                           " exceed the reasonableness rule's limit of " +
                           std::to_string(std::max(0, *cap))});
    }
  }
  return out;
}

}  // namespace placematch
