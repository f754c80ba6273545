#pragma once
// Test support for the rules, candidates, scoring and decisions suites: instances built
// in code (no file loader), and a random instance generator with fixed seeds.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "placematch/model/instance.hpp"
#include "test_random.hpp"

namespace pmtest {

using namespace placematch;

/// The tests' own great-circle km, in the atan2 form (the library uses the asin form), as
/// the conformance kit computes max_km: an oracle independent of placematch/model/geo.hpp.
inline double oracle_km(double lat1, double lon1, double lat2, double lon2) {
  const double d = M_PI / 180.0;
  const double a = std::pow(std::sin((lat2 - lat1) * d / 2), 2) +
                   std::cos(lat1 * d) * std::cos(lat2 * d) * std::pow(std::sin((lon2 - lon1) * d / 2), 2);
  return 2 * 6371.0088 * std::atan2(std::sqrt(a), std::sqrt(1 - a));
}

/// "forklift:3;danish" -> sorted CodeLevels (a bare code means 1).
inline CodeLevels levels(Instance& in, std::string_view text) {
  CodeLevels out;
  std::size_t pos = 0;
  while (pos <= text.size() && !text.empty()) {
    std::size_t end = text.find(';', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view item = text.substr(pos, end - pos);
    if (!item.empty()) {
      const std::size_t colon = item.find(':');
      CodeLevel cl;
      cl.code = in.codes.intern(item.substr(0, colon));
      cl.level = colon == std::string_view::npos ? 1 : std::stoi(std::string(item.substr(colon + 1)));
      out.push_back(cl);
    }
    pos = end + 1;
  }
  std::sort(out.begin(), out.end(), [](const CodeLevel& a, const CodeLevel& b) { return a.code < b.code; });
  return out;
}

/// "da;ar" -> sorted Codes.
inline Codes codes(Instance& in, std::string_view text) {
  Codes out;
  for (const CodeLevel& cl : levels(in, text)) out.push_back(cl.code);
  return out;
}

/// Adds the default target groups (interned), as a loader would.
inline void add_default_groups(Instance& in) {
  for (const auto& [code, name] : default_target_groups())
    in.target_groups.push_back({in.codes.intern(code), name});
}

inline Index add_area(Instance& in, std::string id, double lat, double lon) {
  in.areas.push_back({id, id, lat, lon});
  return static_cast<Index>(in.areas.size() - 1);
}
inline Index add_company(Instance& in, std::string id, double lat, double lon,
                         std::string_view sector = "retail") {
  Company k;
  k.id = std::move(id);
  k.lat = lat;
  k.lon = lon;
  k.sector = in.codes.intern(sector);
  in.companies.push_back(k);
  return static_cast<Index>(in.companies.size() - 1);
}
inline Index add_mentor(Instance& in, std::string id, Index company, int capacity, int carrying,
                        std::string_view langs = "da") {
  Mentor m;
  m.id = std::move(id);
  m.company = company;
  m.capacity = capacity;
  m.carrying_now = carrying;
  m.languages = codes(in, langs);
  in.mentors.push_back(m);
  return static_cast<Index>(in.mentors.size() - 1);
}
/// An opening open to anyone (kind internship, 5-37 hours); adjust the returned record.
inline Opening& add_opening(Instance& in, std::string id, Index company,
                            OpeningKind kind = OpeningKind::Internship, double hmin = 5,
                            double hmax = 37) {
  Opening o;
  o.id = std::move(id);
  o.company = company;
  o.kind = kind;
  o.hours_min = hmin;
  o.hours_max = hmax;
  o.sector = in.companies[static_cast<std::size_t>(company)].sector;
  in.openings.push_back(o);
  return in.openings.back();
}
/// A citizen aged 30, group OTHER, 20 +- 5 hours, 50 km; adjust the returned record.
inline Citizen& add_citizen(Instance& in, std::string id, Index area) {
  Citizen c;
  c.id = std::move(id);
  c.area = area;
  c.target_group = in.codes.intern("OTHER");
  c.age = 30;
  c.hours = 20;
  c.hours_tolerance = 5;
  c.max_km = 50;
  in.citizens.push_back(c);
  return in.citizens.back();
}
inline void add_decision(Instance& in, Index c, Index o, DecisionKind kind, Index mentor = kNone) {
  Decision d;
  d.citizen = c;
  d.opening = o;
  d.kind = kind;
  d.mentor = mentor;
  d.where = "decisions.csv:" + std::to_string(in.decisions.size() + 2);
  in.decisions.push_back(d);
}

struct RandomShape {
  int areas = 4, companies = 14, openings = 30, citizens = 60, forbids = 10;
};

/// A random instance exercising every rule: areas and companies around Sønderborg (some
/// companies beyond every citizen's reach), integer-valued hours so that bands often share
/// an end, few codes so that requirements are met and missed, mentors fully carrying,
/// minors, leisure jobs, exclusions and forbidden pairs.
inline Instance random_instance(std::uint64_t seed, RandomShape shape = {}) {
  Rng r(seed);
  Instance in;
  add_default_groups(in);
  const char* comps[] = {"forklift", "danish", "driving_b", "cleaning"};
  const char* barriers[] = {"language", "health", "anxiety"};
  const char* langs[] = {"da", "ar", "en", "ti"};
  const char* sectors[] = {"retail", "care", "logistics", "kitchen"};
  const auto& groups = default_target_groups();
  for (int a = 0; a < shape.areas; ++a)
    add_area(in, "a" + std::to_string(a), 54.9 + r.uniform(-0.05, 0.05), 9.78 + r.uniform(-0.1, 0.1));
  for (int k = 0; k < shape.companies; ++k) {
    const double spread = r.chance(0.2) ? 1.5 : 0.25;  // some far away
    Index id = add_company(in, "k" + std::to_string(k), 54.9 + r.uniform(-spread, spread),
                           9.78 + r.uniform(-spread, spread), sectors[r.integer(0, 3)]);
    if (r.chance(0.5)) in.companies[static_cast<std::size_t>(id)].employees = r.integer(0, 80);
    in.companies[static_cast<std::size_t>(id)].supported_now = r.integer(0, 2);
    const int mentors = r.integer(0, 2);
    for (int m = 0; m < mentors; ++m) {
      const int cap = r.integer(1, 2);
      // Two draws, one code when they agree: a list names a code once (validate refuses a
      // repeat, as the loaders do).
      const char* first = langs[r.integer(0, 3)];
      const char* second = langs[r.integer(0, 3)];
      std::string spoken = first;
      if (std::string_view(second) != first) spoken += std::string(";") + second;
      add_mentor(in, "m" + std::to_string(k) + "_" + std::to_string(m), id, cap, r.integer(0, cap), spoken);
    }
  }
  for (int o = 0; o < shape.openings; ++o) {
    const Index k = r.integer(0, shape.companies - 1);
    const auto kind = static_cast<OpeningKind>(r.integer(0, 4));
    const double hmin = r.integer(2, 25);
    Opening& op = add_opening(in, "o" + std::to_string(o), k, kind, hmin, hmin + r.integer(0, 12));
    op.seats = r.integer(1, 3);
    std::string req, des, lim;
    for (const char* c : comps) {
      if (r.chance(0.2)) req += std::string(c) + ":" + std::to_string(r.integer(1, 3)) + ";";
      if (r.chance(0.3)) des += std::string(c) + ":" + std::to_string(r.integer(1, 5)) + ";";
    }
    for (const char* b : barriers)
      if (r.chance(0.3)) lim += std::string(b) + ":" + std::to_string(r.integer(0, 3)) + ";";
    op.required = levels(in, req);
    op.desired = levels(in, des);
    op.barrier_limits = levels(in, lim);
    if (r.chance(0.25)) {
      std::string g;
      for (const auto& grp : groups)
        if (r.chance(0.4)) g += grp.first + ";";
      op.groups = codes(in, g);
    }
    if (r.chance(0.2)) op.age_min = r.integer(13, 30);
    if (r.chance(0.2)) op.age_max = r.integer(17, 60);
    op.mentor_required = r.chance(0.2);
    if (r.chance(0.3)) op.sector = in.codes.intern(sectors[r.integer(0, 3)]);
  }
  for (int c = 0; c < shape.citizens; ++c) {
    Citizen& ci = add_citizen(in, "c" + std::to_string(c), r.integer(0, shape.areas - 1));
    ci.target_group = in.codes.intern(groups[static_cast<std::size_t>(r.integer(0, static_cast<int>(groups.size()) - 1))].first);
    ci.age = r.chance(0.2) ? r.integer(13, 19) : r.integer(13, 70);
    ci.hours = r.integer(3, 37);
    ci.hours_tolerance = r.chance(0.3) ? 0 : r.integer(0, 6);
    ci.max_km = r.uniform(1, 35);
    ci.needs_mentor = r.chance(0.3);
    std::string comp, bar, lang, intr;
    for (const char* x : comps)
      if (r.chance(0.4)) comp += std::string(x) + ":" + std::to_string(r.integer(1, 5)) + ";";
    for (const char* x : barriers)
      if (r.chance(0.3)) bar += std::string(x) + ":" + std::to_string(r.integer(1, 3)) + ";";
    for (const char* x : langs)
      if (r.chance(0.4)) lang += std::string(x) + ";";
    for (const char* x : sectors)
      if (r.chance(0.3)) intr += std::string(x) + ";";
    ci.competences = levels(in, comp);
    ci.barriers = levels(in, bar);
    ci.languages = codes(in, lang);
    ci.interests = codes(in, intr);
    ci.months_unemployed = r.integer(0, 60);
    if (r.chance(0.15)) {
      ci.excluded_companies.push_back(r.integer(0, shape.companies - 1));
      if (r.chance(0.5)) ci.excluded_companies.push_back(r.integer(0, shape.companies - 1));
      std::sort(ci.excluded_companies.begin(), ci.excluded_companies.end());
      ci.excluded_companies.erase(std::unique(ci.excluded_companies.begin(), ci.excluded_companies.end()),
                                  ci.excluded_companies.end());
    }
  }
  std::vector<std::pair<Index, Index>> seen;
  for (int f = 0; f < shape.forbids; ++f) {
    const Index c = r.integer(0, shape.citizens - 1), o = r.integer(0, shape.openings - 1);
    if (std::find(seen.begin(), seen.end(), std::make_pair(c, o)) != seen.end()) continue;
    seen.emplace_back(c, o);
    add_decision(in, c, o, DecisionKind::Forbid);
  }
  in.finalize();
  return in;
}

}  // namespace pmtest
