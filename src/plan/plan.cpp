// Plan assembly (mentor naming, agreed hours, unplaced reasons) and the independent
// plan checker.
#include "placematch/plan/plan.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>

#include "placematch/model/format.hpp"
#include "placematch/rules/rules.hpp"
#include "placematch/candidates/scoring.hpp"
#include "detail/index.hpp"

namespace placematch {

namespace {

using detail::at;

bool shares_language(const Citizen& c, const Mentor& m) {
  for (CodeId l : c.languages)
    if (contains(m.languages, l)) return true;
  return false;
}

// Names the mentors of one company's mentored placements. `who` are indices into
// `placements`, ascending by citizen. Agreed mentors (pins) are taken first; then a
// maximum matching of citizens to mentors who speak one of their languages (Kuhn's
// augmenting paths over mentor capacities, citizens in ascending order); the rest go
// to the mentors with room, lowest index first.
void name_company_mentors(const Instance& in, Index company, const std::vector<std::size_t>& who,
                          const std::map<std::pair<Index, Index>, Index>& agreed,
                          const std::vector<Index>& preferred, std::vector<Placement>& placements) {
  const std::vector<Index>& mentors = in.company_mentors[at(company)];
  std::vector<int> room(mentors.size());
  for (std::size_t j = 0; j < mentors.size(); ++j)
    room[j] = std::max(0, in.mentors[at(mentors[j])].free_capacity());
  auto slot_of = [&](Index mentor) {
    return static_cast<std::size_t>(std::find(mentors.begin(), mentors.end(), mentor) - mentors.begin());
  };

  std::vector<std::size_t> open;  // placements still without a mentor
  for (std::size_t p : who) {
    auto it = agreed.find({placements[p].citizen, placements[p].opening});
    if (it != agreed.end()) {
      std::size_t j = slot_of(it->second);
      if (j == mentors.size() || room[j] <= 0)
        throw std::logic_error("make_plan: an agreed mentor has no room");
      --room[j];
      placements[p].mentor = it->second;
    } else {
      open.push_back(p);
    }
  }
  // Preferred mentors (an earlier plan's) where they still have room.
  if (!preferred.empty()) {
    std::vector<std::size_t> rest;
    for (std::size_t p : open) {
      const Index c = placements[p].citizen;
      const Index want = at(c) < preferred.size() ? preferred[at(c)] : kNone;
      const std::size_t j = want == kNone ? mentors.size() : slot_of(want);
      if (j < mentors.size() && room[j] > 0) {
        --room[j];
        placements[p].mentor = want;
      } else {
        rest.push_back(p);
      }
    }
    open = std::move(rest);
  }

  // Language matching: assigned[j] lists the open placements given to mentor slot j.
  std::vector<std::vector<std::size_t>> assigned(mentors.size());
  std::vector<long> slot(open.size(), -1);
  std::vector<char> seen(mentors.size());
  auto speaks = [&](std::size_t k, std::size_t j) {
    return shares_language(in.citizens[at(placements[open[k]].citizen)], in.mentors[at(mentors[j])]);
  };
  auto augment = [&](auto&& self, std::size_t k) -> bool {
    for (std::size_t j = 0; j < mentors.size(); ++j) {
      if (seen[j] || !speaks(k, j)) continue;
      seen[j] = 1;
      if (static_cast<int>(assigned[j].size()) < room[j]) {
        assigned[j].push_back(k);
        slot[k] = static_cast<long>(j);
        return true;
      }
      for (std::size_t& other : assigned[j]) {
        if (self(self, other)) {  // `other` moved elsewhere; k takes its place
          other = k;
          slot[k] = static_cast<long>(j);
          return true;
        }
      }
    }
    return false;
  };
  for (std::size_t k = 0; k < open.size(); ++k) {
    std::fill(seen.begin(), seen.end(), 0);
    augment(augment, k);
  }
  std::size_t next = 0;
  for (std::size_t k = 0; k < open.size(); ++k) {
    if (slot[k] < 0) {
      while (next < mentors.size() && static_cast<int>(assigned[next].size()) >= room[next]) ++next;
      if (next == mentors.size())
        throw std::logic_error("make_plan: a company's mentor pool is overfull");
      assigned[next].push_back(k);
      slot[k] = static_cast<long>(next);
    }
    placements[open[k]].mentor = mentors[static_cast<std::size_t>(slot[k])];
  }
}

}  // namespace

std::string reason_text(const Unplaced& u, Language lang) {
  return u.message.id == MessageId::Count ? u.reason : render(u.message, lang);
}

std::string reason_text(const EmptySeat& e, Language lang) {
  return e.message.id == MessageId::Count ? e.reason : render(e.message, lang);
}

Plan make_plan(const Instance& in, const CandidateGraph& graph,
               const std::vector<ArcIndex>& chosen_arc) {
  return make_plan(in, graph, chosen_arc, {});
}

Plan make_plan(const Instance& in, const CandidateGraph& graph,
               const std::vector<ArcIndex>& chosen_arc, const std::vector<Index>& preferred_mentor) {
  Plan plan;
  std::set<std::pair<Index, Index>> pins;
  for (const Decision& d : in.decisions)
    if (d.kind == DecisionKind::Pin) pins.insert({d.citizen, d.opening});
  std::map<std::pair<Index, Index>, Index> agreed;
  for (const Decision& d : in.decisions)
    if (d.kind == DecisionKind::Pin && d.mentor != kNone) agreed[{d.citizen, d.opening}] = d.mentor;

  std::map<Index, std::vector<std::size_t>> mentored;  // company -> placements
  for (std::size_t c = 0; c < in.citizens.size(); ++c) {
    const ArcIndex arc = c < chosen_arc.size() ? chosen_arc[c] : kNone;
    const Index ci = static_cast<Index>(c);
    if (arc == kNone) continue;
    const std::size_t a = static_cast<std::size_t>(arc);
    Placement p;
    p.citizen = ci;
    p.opening = graph.opening[a];
    p.arc = arc;
    p.score = graph.score[a];
    p.km = graph.km[a];
    p.hours = agreed_hours(in.citizens[c], in.openings[at(p.opening)]);
    p.pinned = pins.count({ci, p.opening}) > 0;
    if (graph.needs_mentor[a])
      mentored[in.openings[at(p.opening)].company].push_back(plan.placements.size());
    plan.score += p.score;
    plan.placements.push_back(p);
  }
  for (const auto& [company, who] : mentored) name_company_mentors(in, company, who, agreed, preferred_mentor, plan.placements);
  plan.placed = static_cast<Index>(plan.placements.size());
  return plan;
}

namespace {

std::string num(double x) { return format_short(x); }

// Every hard rule of contract section 2 the pair breaks, each named, checked here from
// the instance itself through the rules layer (not through the candidate graph, which
// has its own implementation of the rules).
void check_pair_rules(const Instance& in, Index ci, Index oi, const std::string& pair,
                      const std::function<void(std::string)>& say) {
  const Citizen& c = in.citizens[at(ci)];
  const Opening& o = in.openings[at(oi)];
  const std::string& company = in.companies[at(o.company)].id;
  const double km = pair_km(in, ci, oi);
  if (!within_distance_km(c, km))
    say(pair + ": breaks the distance rule (" + num(km) + " km, max_km " + num(c.max_km) + ")");
  if (!hours_overlap(c, o))
    say(pair + ": breaks the hours rule (the citizen's band " + num(c.hours - c.hours_tolerance) + "-" +
        num(c.hours + c.hours_tolerance) + " misses the opening's " + num(o.hours_min) + "-" +
        num(o.hours_max) + ")");
  if (auto need = missing_competence(c, o))
    say(pair + ": breaks the competences rule (requires " + in.codes.name(need->code) + ":" +
        std::to_string(need->level) + ")");
  if (auto b = blocking_barrier(c, o))
    say(pair + ": breaks the barriers rule (barrier " + in.codes.name(b->code) + ":" +
        std::to_string(b->level) + " over the opening's limit)");
  if (!group_and_age_ok(c, o))
    say(pair + ": breaks the group and age rule (target group " +
        (c.target_group == kNone ? std::string("?") : in.codes.name(c.target_group)) + ", age " +
        std::to_string(c.age) + ")");
  if (!company_not_excluded(c, o)) say(pair + ": breaks the excluded-company rule (the citizen excludes " + company + ")");
  if (!mentor_available(in, ci, oi))
    say(pair + ": breaks the mentor rule (" + company + " has no mentor with free capacity)");
}

}  // namespace

std::vector<std::string> check_plan(const Instance& in, const CandidateGraph& graph, const Plan& plan) {
  std::vector<std::string> bad;
  const std::function<void(std::string)> say = [&](std::string s) { bad.push_back(std::move(s)); };
  std::vector<int> per_citizen(in.citizens.size()), per_opening(in.openings.size()),
      per_mentor(in.mentors.size()), capped(in.companies.size());
  std::map<std::pair<Index, Index>, Index> placed_pairs;
  std::int64_t total = 0;
  for (const Placement& p : plan.placements) {
    if (p.citizen < 0 || at(p.citizen) >= in.citizens.size() || p.opening < 0 ||
        at(p.opening) >= in.openings.size()) {
      say("a placement names an unknown citizen or opening");
      continue;
    }
    const Citizen& c = in.citizens[at(p.citizen)];
    const Opening& o = in.openings[at(p.opening)];
    const std::string pair = c.id + " -> " + o.id;
    // Rules 1-7 of section 2, from the instance.
    check_pair_rules(in, p.citizen, p.opening, pair, say);
    // The candidate graph must hold the pair (it found every feasible pair); its score
    // is the placement's.
    const ArcIndex arc = graph.find(p.citizen, p.opening);
    if (arc == kNone || arc != p.arc) {
      say(pair + ": not the candidate graph's pair (arc " + std::to_string(p.arc) + ")");
    } else {
      total += graph.score[static_cast<std::size_t>(arc)];
      if (needs_mentor(c, o) != (graph.needs_mentor[static_cast<std::size_t>(arc)] != 0))
        say(pair + ": needs_mentor flag disagrees with the rules");
    }
    if (++per_citizen[at(p.citizen)] == 2) say(c.id + ": holds more than one placement");
    ++per_opening[at(p.opening)];
    if (needs_mentor(c, o)) {
      if (p.mentor == kNone) {
        say(pair + ": needs a mentor and names none");
      } else if (p.mentor < 0 || at(p.mentor) >= in.mentors.size()) {
        say(pair + ": names an unknown mentor");
      } else if (in.mentors[at(p.mentor)].company != o.company) {
        say(pair + ": mentor " + in.mentors[at(p.mentor)].id + " is not of the company");
      } else {
        ++per_mentor[at(p.mentor)];
      }
    } else if (p.mentor != kNone) {
      say(pair + ": names a mentor it does not need");
    }
    if (counts_for_reasonableness(o.kind)) ++capped[at(o.company)];
    placed_pairs[{p.citizen, p.opening}] = p.mentor;
  }
  for (std::size_t o = 0; o < in.openings.size(); ++o)
    if (per_opening[o] > in.openings[o].seats)
      say(in.openings[o].id + ": " + std::to_string(per_opening[o]) + " placements for " +
          std::to_string(in.openings[o].seats) + " seats");
  for (std::size_t m = 0; m < in.mentors.size(); ++m)
    if (per_mentor[m] > std::max(0, in.mentors[m].free_capacity()))
      say(in.mentors[m].id + ": mentor carries " + std::to_string(per_mentor[m]) +
          " new placements, room for " + std::to_string(std::max(0, in.mentors[m].free_capacity())));
  for (std::size_t k = 0; k < in.companies.size(); ++k) {
    auto cap = in.reasonableness_cap(static_cast<Index>(k));
    if (cap && capped[k] > std::max(0, *cap))
      say(in.companies[k].id + ": " + std::to_string(capped[k]) +
          " internship/wage-subsidy placements, the reasonableness rule allows " +
          std::to_string(std::max(0, *cap)));
  }
  for (const Decision& d : in.decisions) {
    auto it = placed_pairs.find({d.citizen, d.opening});
    const std::string pair = in.citizens[at(d.citizen)].id + " -> " + in.openings[at(d.opening)].id;
    if (d.kind == DecisionKind::Forbid && it != placed_pairs.end()) say(pair + ": forbidden pair placed");
    if (d.kind == DecisionKind::Pin) {
      if (it == placed_pairs.end()) say(pair + ": pinned but not placed");
      else if (d.mentor != kNone && it->second != d.mentor) say(pair + ": pinned mentor not kept");
    }
  }
  if (total != plan.score) say("the plan's total score disagrees with its placements");
  if (static_cast<Index>(plan.placements.size()) != plan.placed)
    say("the plan's placed count disagrees with its placements");
  return bad;
}

}  // namespace placematch
