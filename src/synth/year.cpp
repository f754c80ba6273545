// A simulated year of weekly re-planning (placematch/synth/year.hpp).
#include "placematch/synth/year.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <stdexcept>

#include "placematch/candidates/candidates.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/rules/decisions.hpp"

namespace placematch {

namespace {

std::size_t at(Index i) { return static_cast<std::size_t>(i); }

// splitmix64 streams keyed by what they are for, so draws do not depend on the policy.
struct Stream {
  std::uint64_t x;
  static std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  Stream(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0, std::uint64_t d = 0)
      : x(mix(mix(mix(mix(seed + 0x9e3779b97f4a7c15ULL) ^ a) ^ (b * 0x9e3779b97f4a7c15ULL)) ^ c) ^ (d << 1)) {}
  std::uint64_t next() { return mix(x += 0x9e3779b97f4a7c15ULL); }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  int range(int lo, int hi) {  // uniform in [lo, hi]
    const auto n = static_cast<std::uint64_t>(hi - lo + 1);
    return lo + static_cast<int>((static_cast<unsigned __int128>(next()) * n) >> 64);
  }
  std::uint64_t below(std::uint64_t n) { return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64); }
};

enum : std::uint64_t { kExit = 1, kOpening = 2, kPlacement = 3, kArrival = 4 };

struct Resident {
  std::int64_t serial = 0;
  Index profile = kNone;  // base citizen
  std::string id;
  int exit_week = INT_MAX;  // leaves at the start of this week (outside the plan)
  bool gone = false;
  // The ongoing placement, if any: base opening, base mentor, weeks [start, end).
  Index opening = kNone, mentor = kNone;
  int end = 0;
  bool completes = false, hired = false;
};

// Placement length in weeks by kind: internship 4-13, small job 13-52, wage subsidy 13-26,
// ordinary 26-52, leisure job 13-26.
int length_of(OpeningKind kind, Stream& s) {
  switch (kind) {
    case OpeningKind::Internship: return s.range(4, 13);
    case OpeningKind::SmallJob: return s.range(13, 52);
    case OpeningKind::WageSubsidy: return s.range(13, 26);
    case OpeningKind::Ordinary: return s.range(26, 52);
    case OpeningKind::LeisureJob: return s.range(13, 26);
  }
  return 4;
}

}  // namespace

YearResult simulate_year(const Instance& base, const YearOptions& opt) {
  if (opt.weeks < 1) throw std::invalid_argument("simulate_year: weeks must be at least 1");
  YearResult out;
  out.policy = opt.baseline ? std::string(to_string(*opt.baseline)) : "placematch";
  const double h = 1.0 - std::pow(1.0 - opt.yearly_exit, 1.0 / 52.0);
  const std::int64_t n0 = static_cast<std::int64_t>(base.citizens.size());

  std::vector<Resident> people;
  auto add_resident = [&](Index profile, int week, std::string id) {
    Resident r;
    r.serial = static_cast<std::int64_t>(people.size());
    r.profile = profile;
    r.id = std::move(id);
    Stream s(opt.seed, kExit, static_cast<std::uint64_t>(r.serial));
    const double u = std::max(s.uniform(), 1e-300);
    const double stay = h > 0 ? std::floor(std::log(u) / std::log(1.0 - h)) : 1e9;  // weeks survived
    r.exit_week = stay > 1e6 ? INT_MAX : week + 1 + static_cast<int>(stay);
    people.push_back(std::move(r));
  };
  for (std::size_t c = 0; c < base.citizens.size(); ++c) add_resident(static_cast<Index>(c), 1, base.citizens[c].id);

  // Opening spells, week by week.
  std::vector<std::vector<char>> open(base.openings.size(), std::vector<char>(static_cast<std::size_t>(opt.weeks) + 1));
  for (std::size_t o = 0; o < base.openings.size(); ++o) {
    Stream s(opt.seed, kOpening, o);
    bool is_open = s.uniform() < opt.open_at_start;
    for (int w = 1; w <= opt.weeks; ++w) {
      if (w > 1) {
        const double p = is_open ? 1.0 / std::max(1.0, opt.mean_open_weeks) : 1.0 / std::max(1.0, opt.mean_closed_weeks);
        if (s.uniform() < p) is_open = !is_open;
      }
      open[o][static_cast<std::size_t>(w)] = is_open;
    }
  }

  MatchOptions mo;
  mo.solve.threads = opt.threads;

  for (int week = 1; week <= opt.weeks; ++week) {
    WeekFigures wf;
    wf.week = week;
    // Arrivals (the count and profiles do not depend on the policy).
    if (week > 1 && n0 > 0) {
      Stream s(opt.seed, kArrival, static_cast<std::uint64_t>(week));
      std::int64_t k = 0;
      for (std::int64_t i = 0; i < n0; ++i) k += s.uniform() < h;
      for (std::int64_t i = 0; i < k; ++i) {
        const Index profile = static_cast<Index>(s.below(static_cast<std::uint64_t>(n0)));
        add_resident(profile, week,
                     base.citizens[at(profile)].id + "-w" + std::to_string(week) + "-" + std::to_string(i + 1));
      }
      wf.arrivals = k;
    }
    // Ends of placements, then residents leaving.
    for (Resident& r : people) {
      if (r.gone) continue;
      if (r.opening != kNone && r.end == week) {
        r.opening = r.mentor = kNone;
        if (r.completes && r.hired) {
          r.gone = true;
          ++wf.hires;
          continue;
        }
      }
      if (r.exit_week == week) {
        r.gone = true;
        r.opening = r.mentor = kNone;
        ++wf.exits;
      }
    }

    // The week's instance.
    Instance w;
    w.areas = base.areas;
    w.companies = base.companies;
    w.mentors = base.mentors;
    w.target_groups = base.target_groups;
    w.codes = base.codes;
    std::vector<std::size_t> who;  // week citizen -> people index
    std::vector<Index> base_to_week_citizen(base.citizens.size(), kNone);
    for (std::size_t i = 0; i < people.size(); ++i) {
      const Resident& r = people[i];
      if (r.gone) continue;
      Citizen c = base.citizens[at(r.profile)];
      c.id = r.id;
      if (r.serial < n0) base_to_week_citizen[at(r.profile)] = static_cast<Index>(w.citizens.size());
      w.citizens.push_back(std::move(c));
      who.push_back(i);
    }
    std::vector<int> holders(base.openings.size());
    for (std::size_t i : who)
      if (people[i].opening != kNone) ++holders[at(people[i].opening)];
    std::vector<Index> week_opening(base.openings.size(), kNone), base_opening;
    for (std::size_t o = 0; o < base.openings.size(); ++o) {
      const bool is_open = open[o][static_cast<std::size_t>(week)];
      if (!is_open && holders[o] == 0) continue;
      Opening op = base.openings[o];
      if (!is_open) op.seats = holders[o];
      week_opening[o] = static_cast<Index>(w.openings.size());
      base_opening.push_back(static_cast<Index>(o));
      w.openings.push_back(std::move(op));
    }
    for (const Decision& d : base.decisions) {
      if (d.kind != DecisionKind::Forbid) continue;
      const Index c = base_to_week_citizen[at(d.citizen)], o = week_opening[at(d.opening)];
      if (c != kNone && o != kNone) w.decisions.push_back({c, o, DecisionKind::Forbid, kNone, "base forbid"});
    }
    const std::vector<Decision> forbids = w.decisions;
    for (std::size_t c = 0; c < who.size(); ++c) {
      const Resident& r = people[who[c]];
      if (r.opening != kNone)
        w.decisions.push_back({static_cast<Index>(c), week_opening[at(r.opening)], DecisionKind::Pin, r.mentor,
                               "week " + std::to_string(week) + " ongoing"});
    }
    w.finalize();
    if (!check_decisions(w).empty()) throw std::logic_error("simulate_year: the ongoing placements do not hold");

    // The policy plans the week.
    Plan plan;
    if (opt.baseline) {
      const CandidateGraph g = build_candidates(w);
      plan = baseline_plan(w, g, *opt.baseline, opt.seed + static_cast<std::uint64_t>(week));
      if (auto bad = check_plan(w, g, plan); !bad.empty())
        throw std::logic_error("simulate_year: a baseline plan breaks a rule: " + bad.front());
    } else {
      plan = match(w, mo).plan;  // checked by check_plan inside match()
    }
    std::vector<char> kept(who.size());
    for (const Placement& p : plan.placements) {
      Resident& r = people[who[at(p.citizen)]];
      const Index o = base_opening[at(p.opening)];
      if (r.opening == o) {
        kept[at(p.citizen)] = 1;
        continue;
      }
      if (r.opening != kNone) ++out.moves;  // never while ongoing placements are pinned
      Stream s(opt.seed, kPlacement, static_cast<std::uint64_t>(r.serial), static_cast<std::uint64_t>(o),
               static_cast<std::uint64_t>(week));
      const int length = length_of(base.openings[at(o)].kind, s);
      const bool early = s.uniform() < opt.early_end && length > 1;
      const int early_length = s.range(1, std::max(1, length - 1));
      r.hired = s.uniform() < opt.hire_on_completion;
      r.completes = !early;
      r.end = week + (early ? early_length : length);
      if (early) ++out.early_ends;
      r.opening = o;
      r.mentor = p.mentor;
      kept[at(p.citizen)] = 1;
      ++wf.started;
    }
    for (std::size_t c = 0; c < who.size(); ++c)
      if (!kept[c] && people[who[c]].opening != kNone) {
        ++out.moves;
        people[who[c]].opening = people[who[c]].mentor = kNone;
      }
    wf.residents = static_cast<std::int64_t>(who.size());
    wf.placed = plan.placed;
    for (std::size_t c = 0; c < who.size(); ++c) {
      const CodeId g = w.citizens[c].target_group;
      auto& row = out.groups[g == kNone ? std::string("OTHER") : w.codes.name(g)];
      ++row.first;
      row.second += people[who[c]].opening != kNone;
    }
    if (opt.bound) {
      w.decisions = forbids;
      MatchOptions bo = mo;
      const MatchResult b = match(w, bo);
      wf.bound = b.plan.bound_placed.value_or(b.plan.placed);
    }
    out.resident_weeks += wf.residents;
    out.placed_weeks += wf.placed;
    out.bound_weeks += wf.bound;
    out.started += wf.started;
    out.hires += wf.hires;
    out.exits += wf.exits;
    out.arrivals += wf.arrivals;
    out.weeks.push_back(wf);
  }
  return out;
}

}  // namespace placematch
