// A simulated year of weekly re-planning (placematch/synth/year.hpp).
#include "placematch/synth/year.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <stdexcept>

#include "placematch/candidates/candidates.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/planner/planner.hpp"
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

// The simulated year's state and its steps, week by week: arrivals, ends and exits, the
// week's instance (ongoing placements pinned), the policy's plan, the placements it starts.
class Year {
 public:
  Year(const Instance& base, const YearOptions& opt)
      : base_(base), opt_(opt), h_(1.0 - std::pow(1.0 - opt.yearly_exit, 1.0 / 52.0)),
        n0_(static_cast<std::int64_t>(base.citizens.size())) {
    out_.policy = opt.baseline ? std::string(to_string(*opt.baseline))
                  : opt.pin_ongoing ? "placematch"
                                    : "placematch_unpinned";
    mo_.solve.threads = opt.threads;
    for (std::size_t c = 0; c < base.citizens.size(); ++c) add_resident(static_cast<Index>(c), 1, base.citizens[c].id);
    draw_opening_spells();
  }

  YearResult run();

 private:
  // The instance of one week: its citizens (people_ indices), its openings (base
  // indices), and the base's forbidden pairs within it.
  struct Week {
    Instance instance;
    std::vector<std::size_t> who;
    std::vector<Index> base_opening;
    std::vector<Decision> forbids;
    PreviousPlan earlier;  // the ongoing placements, by id
  };

  void add_resident(Index profile, int week, std::string id);
  void draw_opening_spells();
  void arrivals(int week, WeekFigures& wf);
  void ends_and_exits(int week, WeekFigures& wf);
  Week week_instance(int week) const;
  Plan plan_week(const Week& wk, int week) const;
  void start_placements(const Week& wk, const Plan& plan, int week, WeekFigures& wf);
  void add_up(Week& wk, const Plan& plan, WeekFigures& wf);

  const Instance& base_;
  const YearOptions& opt_;
  const double h_;        // the weekly exit (and arrival) probability
  const std::int64_t n0_;  // residents at the start
  std::vector<Resident> people_;
  std::vector<std::vector<char>> open_;  // per base opening, per week: open
  MatchOptions mo_;
  YearResult out_;
};

// A resident from base citizen `profile`, arriving in `week`, with the week it leaves.
void Year::add_resident(Index profile, int week, std::string id) {
  Resident r;
  r.serial = static_cast<std::int64_t>(people_.size());
  r.profile = profile;
  r.id = std::move(id);
  Stream s(opt_.seed, kExit, static_cast<std::uint64_t>(r.serial));
  const double u = std::max(s.uniform(), 1e-300);
  const double stay = h_ > 0 ? std::floor(std::log(u) / std::log(1.0 - h_)) : 1e9;  // weeks survived
  r.exit_week = stay > 1e6 ? INT_MAX : week + 1 + static_cast<int>(stay);
  people_.push_back(std::move(r));
}

// Opening spells, week by week.
void Year::draw_opening_spells() {
  open_.assign(base_.openings.size(), std::vector<char>(static_cast<std::size_t>(opt_.weeks) + 1));
  for (std::size_t o = 0; o < base_.openings.size(); ++o) {
    Stream s(opt_.seed, kOpening, o);
    bool is_open = s.uniform() < opt_.open_at_start;
    for (int w = 1; w <= opt_.weeks; ++w) {
      if (w > 1) {
        const double p =
            is_open ? 1.0 / std::max(1.0, opt_.mean_open_weeks) : 1.0 / std::max(1.0, opt_.mean_closed_weeks);
        if (s.uniform() < p) is_open = !is_open;
      }
      open_[o][static_cast<std::size_t>(w)] = is_open;
    }
  }
}

// Arrivals (the count and profiles do not depend on the policy).
void Year::arrivals(int week, WeekFigures& wf) {
  if (week <= 1 || n0_ <= 0) return;
  Stream s(opt_.seed, kArrival, static_cast<std::uint64_t>(week));
  std::int64_t k = 0;
  for (std::int64_t i = 0; i < n0_; ++i) k += s.uniform() < h_;
  for (std::int64_t i = 0; i < k; ++i) {
    const Index profile = static_cast<Index>(s.below(static_cast<std::uint64_t>(n0_)));
    add_resident(profile, week, base_.citizens[at(profile)].id + "-w" + std::to_string(week) + "-" + std::to_string(i + 1));
  }
  wf.arrivals = k;
}

// Ends of placements (a completed one may end in a hire), then residents leaving.
void Year::ends_and_exits(int week, WeekFigures& wf) {
  for (Resident& r : people_) {
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
}

// The week's instance: the residents still here, the openings open this week (or holding
// an ongoing placement, with just those seats), the base's forbids, ongoing placements pinned.
Year::Week Year::week_instance(int week) const {
  Week wk;
  Instance& w = wk.instance;
  w.areas = base_.areas;
  w.companies = base_.companies;
  w.mentors = base_.mentors;
  w.target_groups = base_.target_groups;
  w.codes = base_.codes;
  std::vector<Index> base_to_week_citizen(base_.citizens.size(), kNone);
  for (std::size_t i = 0; i < people_.size(); ++i) {
    const Resident& r = people_[i];
    if (r.gone) continue;
    Citizen c = base_.citizens[at(r.profile)];
    c.id = r.id;
    if (r.serial < n0_) base_to_week_citizen[at(r.profile)] = static_cast<Index>(w.citizens.size());
    w.citizens.push_back(std::move(c));
    wk.who.push_back(i);
  }
  std::vector<int> holders(base_.openings.size());
  for (std::size_t i : wk.who)
    if (people_[i].opening != kNone) ++holders[at(people_[i].opening)];
  std::vector<Index> week_opening(base_.openings.size(), kNone);
  for (std::size_t o = 0; o < base_.openings.size(); ++o) {
    const bool is_open = open_[o][static_cast<std::size_t>(week)];
    if (!is_open && holders[o] == 0) continue;
    Opening op = base_.openings[o];
    if (!is_open) op.seats = holders[o];
    week_opening[o] = static_cast<Index>(w.openings.size());
    wk.base_opening.push_back(static_cast<Index>(o));
    w.openings.push_back(std::move(op));
  }
  for (const Decision& d : base_.decisions) {
    if (d.kind != DecisionKind::Forbid) continue;
    const Index c = base_to_week_citizen[at(d.citizen)], o = week_opening[at(d.opening)];
    if (c != kNone && o != kNone) w.decisions.push_back({c, o, DecisionKind::Forbid, kNone, "base forbid"});
  }
  wk.forbids = w.decisions;
  const bool pin = opt_.pin_ongoing || opt_.baseline;
  for (std::size_t c = 0; c < wk.who.size(); ++c) {
    const Resident& r = people_[wk.who[c]];
    if (r.opening == kNone) continue;
    if (pin)
      w.decisions.push_back({static_cast<Index>(c), week_opening[at(r.opening)], DecisionKind::Pin, r.mentor,
                             "week " + std::to_string(week) + " ongoing"});
    // The earlier plan of the re-plan (section 7): the ongoing placements, by id.
    wk.earlier.placements.push_back({r.id, base_.openings[at(r.opening)].id,
                                     r.mentor == kNone ? std::nullopt
                                                       : std::optional<std::string>(base_.mentors[at(r.mentor)].id)});
  }
  wk.earlier.source = "week " + std::to_string(week - 1);
  w.finalize();
  if (!check_decisions(w).empty()) throw std::logic_error("simulate_year: the ongoing placements do not hold");
  return wk;
}

// The policy plans the week: placematch re-plans against the ongoing placements (the
// earlier week's plan, contract section 7) on a Planner, checked by check_plan.
Plan Year::plan_week(const Week& wk, int week) const {
  const Instance& w = wk.instance;
  if (!opt_.baseline) {
    Planner planner(w, mo_);
    Plan plan = planner.replan(wk.earlier).plan;
    if (auto bad = check_plan(w, planner.graph(), plan); !bad.empty())
      throw std::logic_error("simulate_year: the re-plan breaks a rule: " + bad.front());
    return plan;
  }
  const CandidateGraph g = build_candidates(w);
  Plan plan = baseline_plan(w, g, *opt_.baseline, opt_.seed + static_cast<std::uint64_t>(week));
  if (auto bad = check_plan(w, g, plan); !bad.empty())
    throw std::logic_error("simulate_year: a baseline plan breaks a rule: " + bad.front());
  return plan;
}

// The plan's new placements start (length, early end and hire drawn per placement); an
// ongoing placement the plan does not keep counts as a move.
void Year::start_placements(const Week& wk, const Plan& plan, int week, WeekFigures& wf) {
  std::vector<char> kept(wk.who.size());
  for (const Placement& p : plan.placements) {
    Resident& r = people_[wk.who[at(p.citizen)]];
    const Index o = wk.base_opening[at(p.opening)];
    if (r.opening == o) {
      kept[at(p.citizen)] = 1;
      continue;
    }
    if (r.opening != kNone) ++wf.moves;  // never while ongoing placements are pinned
    Stream s(opt_.seed, kPlacement, static_cast<std::uint64_t>(r.serial), static_cast<std::uint64_t>(o),
             static_cast<std::uint64_t>(week));
    const int length = length_of(base_.openings[at(o)].kind, s);
    const bool early = s.uniform() < opt_.early_end && length > 1;
    const int early_length = s.range(1, std::max(1, length - 1));
    r.hired = s.uniform() < opt_.hire_on_completion;
    r.completes = !early;
    r.end = week + (early ? early_length : length);
    if (early) ++out_.early_ends;
    r.opening = o;
    r.mentor = p.mentor;
    kept[at(p.citizen)] = 1;
    ++wf.started;
  }
  for (std::size_t c = 0; c < wk.who.size(); ++c)
    if (!kept[c] && people_[wk.who[c]].opening != kNone) {
      ++wf.moves;
      people_[wk.who[c]].opening = people_[wk.who[c]].mentor = kNone;
    }
}

// The week's figures: residents and placed, per target group, and (when asked) the bound:
// the most placements of the week without its ongoing placements pinned.
void Year::add_up(Week& wk, const Plan& plan, WeekFigures& wf) {
  wf.residents = static_cast<std::int64_t>(wk.who.size());
  wf.placed = plan.placed;
  for (std::size_t c = 0; c < wk.who.size(); ++c) {
    const CodeId g = wk.instance.citizens[c].target_group;
    auto& row = out_.groups[g == kNone ? std::string("OTHER") : wk.instance.codes.name(g)];
    ++row.first;
    row.second += people_[wk.who[c]].opening != kNone;
  }
  if (opt_.bound) {
    wk.instance.decisions = wk.forbids;
    const MatchResult b = match(wk.instance, mo_);
    wf.bound = b.plan.bound_placed.value_or(b.plan.placed);
  }
  out_.resident_weeks += wf.residents;
  out_.placed_weeks += wf.placed;
  out_.bound_weeks += wf.bound;
  out_.started += wf.started;
  out_.moves += wf.moves;
  out_.hires += wf.hires;
  out_.exits += wf.exits;
  out_.arrivals += wf.arrivals;
  out_.weeks.push_back(wf);
}

YearResult Year::run() {
  for (int week = 1; week <= opt_.weeks; ++week) {
    WeekFigures wf;
    wf.week = week;
    arrivals(week, wf);
    ends_and_exits(week, wf);
    Week wk = week_instance(week);
    const Plan plan = plan_week(wk, week);
    start_placements(wk, plan, week, wf);
    add_up(wk, plan, wf);
  }
  return std::move(out_);
}

}  // namespace

YearResult simulate_year(const Instance& base, const YearOptions& opt) {
  if (opt.weeks < 1) throw std::invalid_argument("simulate_year: weeks must be at least 1");
  return Year(base, opt).run();
}

}  // namespace placematch
