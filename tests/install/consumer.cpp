// Links the installed library and plans a tiny instance built in code.
#include <placematch/planner/match.hpp>
#include <placematch/version.hpp>
#include <cstring>

int main() {
  using namespace placematch;
  Instance in;
  for (const auto& [code, name] : default_target_groups()) in.target_groups.push_back({in.codes.intern(code), name});
  in.areas.push_back({"a", "Area", 54.92, 9.77});
  Company k;
  k.id = "k";
  k.lat = 54.92;
  k.lon = 9.78;
  in.companies.push_back(k);
  Opening o;
  o.id = "o";
  o.company = 0;
  o.kind = OpeningKind::SmallJob;
  o.hours_min = 5;
  o.hours_max = 10;
  in.openings.push_back(o);
  Citizen c;
  c.id = "c";
  c.area = 0;
  c.target_group = in.codes.intern("OTHER");
  c.age = 30;
  c.hours = 8;
  c.max_km = 5;
  in.citizens.push_back(c);
  in.finalize();
  MatchResult r = match(in);
  return r.plan.placed == 1 && r.plan.status == placematch::Status::Optimal && std::strlen(kVersion) > 0 ? 0 : 1;
}
