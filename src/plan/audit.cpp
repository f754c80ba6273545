// The plan's audit per target group and housing area (placematch/plan/audit.hpp).
#include "placematch/plan/audit.hpp"

#include <algorithm>
#include <map>

namespace placematch {

Audit audit_plan(const Instance& in, const Plan& plan) {
  // Rows of every group of the table and every area, then the ones without residents dropped.
  std::vector<AuditRow> groups;
  std::map<CodeId, std::size_t> group_row;
  for (const TargetGroup& g : in.target_groups) {
    if (g.code == kNone || group_row.count(g.code)) continue;
    group_row[g.code] = groups.size();
    groups.push_back({in.codes.name(g.code), g.name, 0, 0, 0});
  }
  std::vector<std::size_t> citizen_group(in.citizens.size(), 0);
  for (std::size_t c = 0; c < in.citizens.size(); ++c) {
    const CodeId code = in.citizens[c].target_group;
    auto it = group_row.find(code);
    if (it == group_row.end()) {
      it = group_row.emplace(code, groups.size()).first;
      groups.push_back({code == kNone ? std::string("OTHER") : in.codes.name(code), "", 0, 0, 0});
    }
    citizen_group[c] = it->second;
    ++groups[it->second].residents;
  }
  std::vector<AuditRow> areas;
  areas.reserve(in.areas.size());
  for (const Area& a : in.areas) areas.push_back({a.id, a.name, 0, 0, 0});
  for (const Citizen& c : in.citizens)
    if (c.area >= 0 && static_cast<std::size_t>(c.area) < areas.size()) ++areas[static_cast<std::size_t>(c.area)].residents;
  for (const Placement& p : plan.placements) {
    if (p.citizen < 0 || static_cast<std::size_t>(p.citizen) >= in.citizens.size()) continue;
    const std::size_t c = static_cast<std::size_t>(p.citizen);
    AuditRow& g = groups[citizen_group[c]];
    ++g.placed;
    g.score += p.score;
    const Index area = in.citizens[c].area;
    if (area >= 0 && static_cast<std::size_t>(area) < areas.size()) {
      AuditRow& a = areas[static_cast<std::size_t>(area)];
      ++a.placed;
      a.score += p.score;
    }
  }
  Audit out;
  for (AuditRow& g : groups)
    if (g.residents > 0) out.groups.push_back(std::move(g));
  for (AuditRow& a : areas)
    if (a.residents > 0) out.areas.push_back(std::move(a));
  return out;
}

std::vector<FloorRow> floor_rows(const Instance& in, const Plan& plan) {
  std::vector<char> placed(in.citizens.size());
  for (const Placement& p : plan.placements)
    if (p.citizen >= 0 && static_cast<std::size_t>(p.citizen) < placed.size()) placed[static_cast<std::size_t>(p.citizen)] = 1;
  std::vector<FloorRow> out;
  out.reserve(in.floors.size());
  for (const Floor& f : in.floors) {
    FloorRow row;
    row.scope = f.scope;
    row.code = f.scope == FloorScope::Group ? in.codes.name(f.code) : in.areas[static_cast<std::size_t>(f.code)].id;
    for (std::size_t c = 0; c < in.citizens.size(); ++c) {
      const Citizen& ci = in.citizens[c];
      if ((f.scope == FloorScope::Group ? ci.target_group : ci.area) != f.code) continue;
      ++row.residents;
      row.placed += placed[c];
    }
    row.required = f.required(row.residents);
    row.shortfall = std::max<std::int64_t>(0, row.required - row.placed);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace placematch
