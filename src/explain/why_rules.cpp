// Every broken rule of a pair, with its values (contract v2, section 9).
#include "placematch/explain/why_rules.hpp"

#include <cmath>
#include <cstdio>

namespace placematch {

namespace {

std::size_t at(Index i) { return static_cast<std::size_t>(i); }

using M = MessageId;

const std::string& name_of(const Company& k) { return k.name.empty() ? k.id : k.name; }

// A number as the rules' sentences show it: one decimal at most ("7.5", "12").
double one_decimal(double v) { return std::round(v * 10.0) / 10.0; }

MessageArg band(std::string_view name, double lo, double hi) {
  if (lo == hi) return {name, one_decimal(lo)};
  return {name, Message{M::Band, {{"lo", one_decimal(lo)}, {"hi", one_decimal(hi)}}}};
}

// The words come from the message catalogue (placematch/model/messages.hpp).
Message text_distance(const Citizen& c, const Opening& o, const Company& k, double km) {
  return {M::RuleDistance, {{"citizen", c.id}, {"max_km", one_decimal(c.max_km)}, {"opening", o.id},
                            {"company", name_of(k)}, {"km", one_decimal(km)}}};
}
Message text_hours(const Citizen& c, const Opening& o) {
  return {M::RuleHours, {{"citizen", c.id}, band("can", std::max(0.0, c.hours - c.hours_tolerance), c.hours + c.hours_tolerance),
                         {"opening", o.id}, band("offers", o.hours_min, o.hours_max)}};
}
Message text_competence(const Instance& in, const Citizen& c, const Opening& o, CodeLevel need, int has) {
  if (has == 0)
    return {M::RuleCompetenceNone,
            {{"opening", o.id}, {"code", in.codes.name(need.code)}, {"level", need.level}, {"citizen", c.id}}};
  return {M::RuleCompetenceLevel, {{"opening", o.id}, {"code", in.codes.name(need.code)}, {"level", need.level},
                                   {"citizen", c.id}, {"has", has}}};
}
Message text_barrier(const Instance& in, const Citizen& c, const Opening& o, CodeLevel limit, int severity) {
  if (limit.level == 0)
    return {M::RuleBarrierNone,
            {{"opening", o.id}, {"code", in.codes.name(limit.code)}, {"citizen", c.id}, {"severity", severity}}};
  return {M::RuleBarrierUpTo, {{"opening", o.id}, {"code", in.codes.name(limit.code)}, {"limit", limit.level},
                               {"citizen", c.id}, {"severity", severity}}};
}
Message text_group(const Instance& in, const Citizen& c, const Opening& o) {
  std::string groups;
  for (CodeId g : o.groups) groups += (groups.empty() ? "" : ", ") + in.codes.name(g);
  return {M::RuleGroup, {{"opening", o.id}, {"groups", groups}, {"citizen", c.id},
                         {"group", c.target_group == kNone ? std::string("OTHER") : in.codes.name(c.target_group)}}};
}
Message text_age(const Citizen& c, const Opening& o) {
  if (o.age_min && o.age_max)
    return {M::RuleAgeRange, {{"opening", o.id}, {"lo", *o.age_min}, {"hi", *o.age_max}, {"citizen", c.id}, {"age", c.age}}};
  if (o.age_min) return {M::RuleAgeFrom, {{"opening", o.id}, {"lo", *o.age_min}, {"citizen", c.id}, {"age", c.age}}};
  return {M::RuleAgeTo, {{"opening", o.id}, {"hi", *o.age_max}, {"citizen", c.id}, {"age", c.age}}};
}
Message text_minor(const Citizen& c, const Opening& o) {
  return {M::RuleMinor, {{"citizen", c.id}, {"age", c.age}, {"opening", o.id}, {"kind", kind_message(o.kind)}}};
}
Message text_leisure(const Citizen& c, const Opening& o) {
  return {M::RuleLeisure, {{"opening", o.id}, {"citizen", c.id}, {"age", c.age}}};
}
Message text_excluded(const Citizen& c, const Company& k) {
  return {M::RuleExcluded, {{"citizen", c.id}, {"company", name_of(k)}, {"company_id", k.id}}};
}
Message text_forbidden(const Citizen& c, const Opening& o) {
  return {M::RuleForbidden, {{"citizen", c.id}, {"opening", o.id}}};
}
Message text_no_mentor(const Citizen& c, const Opening& o, const Company& k) {
  if (c.needs_mentor) return {M::RuleMentorCitizen, {{"citizen", c.id}, {"company", name_of(k)}}};
  return {M::RuleMentorOpening, {{"opening", o.id}, {"company", name_of(k)}}};
}

// One rule's sentences: the sentence itself, or several joined by the separator.
Message joined(std::vector<Message> parts) {
  if (parts.size() == 1) return std::move(parts.front());
  return {M::RuleParts, {MessageArg("parts", std::move(parts), M::ListSeparator)}};
}

BrokenRule rule(std::string code, Message words) {
  BrokenRule r;
  r.code = std::move(code);
  r.message = render(words, Language::En);
  r.words = std::move(words);
  return r;
}

}  // namespace

std::string plain_number(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string rule_text(const BrokenRule& r, Language lang) {
  return r.words.id == MessageId::Count ? r.message : render(r.words, lang);
}

std::vector<BrokenRule> broken_rules(const Instance& in, const ForbiddenPairs& forbidden, Index ci, Index oi) {
  const Citizen& c = in.citizens[at(ci)];
  const Opening& o = in.openings[at(oi)];
  const Company& k = in.companies[at(o.company)];
  std::vector<BrokenRule> out;
  const double km = pair_km(in, ci, oi);
  if (!within_distance_km(c, km)) out.push_back(rule("distance", text_distance(c, o, k, km)));
  if (!hours_overlap(c, o)) out.push_back(rule("hours", text_hours(c, o)));
  {
    std::vector<Message> parts;
    for (const CodeLevel& need : o.required) {
      const int has = level_of(c.competences, need.code);
      if (has < need.level) parts.push_back(text_competence(in, c, o, need, has));
    }
    if (!parts.empty()) out.push_back(rule("competences", joined(std::move(parts))));
  }
  {
    std::vector<Message> parts;
    for (const CodeLevel& limit : o.barrier_limits) {
      const int severity = level_of(c.barriers, limit.code);
      if (severity > 0 && severity > limit.level) parts.push_back(text_barrier(in, c, o, limit, severity));
    }
    if (!parts.empty()) out.push_back(rule("barriers", joined(std::move(parts))));
  }
  {
    std::vector<Message> parts;
    if (!o.groups.empty() && !contains(o.groups, c.target_group)) parts.push_back(text_group(in, c, o));
    if ((o.age_min && c.age < *o.age_min) || (o.age_max && c.age > *o.age_max)) parts.push_back(text_age(c, o));
    if (c.age < 18 && o.kind != OpeningKind::LeisureJob && o.kind != OpeningKind::Internship)
      parts.push_back(text_minor(c, o));
    if (o.kind == OpeningKind::LeisureJob && (c.age < 13 || c.age > 17)) parts.push_back(text_leisure(c, o));
    if (!parts.empty()) out.push_back(rule("group_or_age", joined(std::move(parts))));
  }
  if (!company_not_excluded(c, o)) out.push_back(rule("excluded", text_excluded(c, k)));
  if (forbidden.contains(ci, oi)) out.push_back(rule("forbidden", text_forbidden(c, o)));
  if (needs_mentor(c, o) && !company_has_free_mentor(in, o.company))
    out.push_back(rule("no_mentor", text_no_mentor(c, o, k)));
  return out;
}

}  // namespace placematch
