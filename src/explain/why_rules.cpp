// Every broken rule of a pair, with its values (contract v2, section 9).
#include "placematch/explain/why_rules.hpp"

#include <cmath>
#include <cstdio>

namespace placematch {

namespace {

std::size_t at(Index i) { return static_cast<std::size_t>(i); }

const std::string& name_of(const Company& k) { return k.name.empty() ? k.id : k.name; }

std::string band(double lo, double hi) {
  return lo == hi ? plain_number(lo) : plain_number(lo) + "-" + plain_number(hi);
}

// The texts of this file (English), in one place.
std::string text_distance(const Citizen& c, const Opening& o, const Company& k, double km) {
  return c.id + " travels at most " + plain_number(c.max_km) + " km; " + o.id + " at " + name_of(k) + " is " +
         plain_number(km) + " km away";
}
std::string text_hours(const Citizen& c, const Opening& o) {
  return c.id + " can work " + band(std::max(0.0, c.hours - c.hours_tolerance), c.hours + c.hours_tolerance) +
         " hours a week; " + o.id + " offers " + band(o.hours_min, o.hours_max);
}
std::string text_competence(const Instance& in, const Citizen& c, const Opening& o, CodeLevel need, int has) {
  return o.id + " requires " + in.codes.name(need.code) + " at level " + std::to_string(need.level) + "; " + c.id +
         (has == 0 ? " has none" : " has level " + std::to_string(has));
}
std::string text_barrier(const Instance& in, const Citizen& c, const Opening& o, CodeLevel limit, int severity) {
  if (limit.level == 0)
    return o.id + " does not accept a " + in.codes.name(limit.code) + " barrier; " + c.id + " has one of severity " +
           std::to_string(severity);
  return o.id + " accepts a " + in.codes.name(limit.code) + " barrier up to severity " + std::to_string(limit.level) +
         "; " + c.id + "'s is " + std::to_string(severity);
}
std::string text_group(const Instance& in, const Citizen& c, const Opening& o) {
  std::string groups;
  for (CodeId g : o.groups) groups += (groups.empty() ? "" : ", ") + in.codes.name(g);
  return o.id + " is only for target groups " + groups + "; " + c.id + " is in " +
         (c.target_group == kNone ? std::string("OTHER") : in.codes.name(c.target_group));
}
std::string text_age(const Citizen& c, const Opening& o) {
  std::string range = o.age_min && o.age_max ? "ages " + std::to_string(*o.age_min) + "-" + std::to_string(*o.age_max)
                      : o.age_min            ? "ages " + std::to_string(*o.age_min) + " and up"
                                             : "ages up to " + std::to_string(*o.age_max);
  return o.id + " takes " + range + "; " + c.id + " is " + std::to_string(c.age);
}
std::string text_minor(const Citizen& c, const Opening& o) {
  return c.id + " is " + std::to_string(c.age) + ": under 18 only a leisure job or an internship; " + o.id + " is a " +
         std::string(to_string(o.kind));
}
std::string text_leisure(const Citizen& c, const Opening& o) {
  return o.id + " is a leisure job, for ages 13-17; " + c.id + " is " + std::to_string(c.age);
}
std::string text_excluded(const Citizen& c, const Company& k) {
  return c.id + " is never to be placed at " + name_of(k) + " (" + k.id + ", an excluded company)";
}
std::string text_forbidden(const Citizen& c, const Opening& o) {
  return "a consultant's decision forbids " + c.id + " at " + o.id;
}
std::string text_no_mentor(const Citizen& c, const Opening& o, const Company& k) {
  const std::string why = c.needs_mentor ? c.id + " needs a mentor" : o.id + " requires a mentor";
  return why + ", and " + name_of(k) + " has no mentor with free capacity";
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

std::vector<BrokenRule> broken_rules(const Instance& in, const ForbiddenPairs& forbidden, Index ci, Index oi) {
  const Citizen& c = in.citizens[at(ci)];
  const Opening& o = in.openings[at(oi)];
  const Company& k = in.companies[at(o.company)];
  std::vector<BrokenRule> out;
  const double km = pair_km(in, ci, oi);
  if (!within_distance_km(c, km)) out.push_back({"distance", text_distance(c, o, k, km)});
  if (!hours_overlap(c, o)) out.push_back({"hours", text_hours(c, o)});
  {
    std::string msg;
    for (const CodeLevel& need : o.required) {
      const int has = level_of(c.competences, need.code);
      if (has < need.level) msg += (msg.empty() ? "" : "; ") + text_competence(in, c, o, need, has);
    }
    if (!msg.empty()) out.push_back({"competences", msg});
  }
  {
    std::string msg;
    for (const CodeLevel& limit : o.barrier_limits) {
      const int severity = level_of(c.barriers, limit.code);
      if (severity > 0 && severity > limit.level)
        msg += (msg.empty() ? "" : "; ") + text_barrier(in, c, o, limit, severity);
    }
    if (!msg.empty()) out.push_back({"barriers", msg});
  }
  {
    std::vector<std::string> parts;
    if (!o.groups.empty() && !contains(o.groups, c.target_group)) parts.push_back(text_group(in, c, o));
    if ((o.age_min && c.age < *o.age_min) || (o.age_max && c.age > *o.age_max)) parts.push_back(text_age(c, o));
    if (c.age < 18 && o.kind != OpeningKind::LeisureJob && o.kind != OpeningKind::Internship)
      parts.push_back(text_minor(c, o));
    if (o.kind == OpeningKind::LeisureJob && (c.age < 13 || c.age > 17)) parts.push_back(text_leisure(c, o));
    if (!parts.empty()) {
      std::string msg;
      for (const auto& p : parts) msg += (msg.empty() ? "" : "; ") + p;
      out.push_back({"group_or_age", msg});
    }
  }
  if (!company_not_excluded(c, o)) out.push_back({"excluded", text_excluded(c, k)});
  if (forbidden.contains(ci, oi)) out.push_back({"forbidden", text_forbidden(c, o)});
  if (needs_mentor(c, o) && !company_has_free_mentor(in, o.company))
    out.push_back({"no_mentor", text_no_mentor(c, o, k)});
  return out;
}

}  // namespace placematch
