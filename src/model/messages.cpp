// The message catalogue: every text for people in English and Danish, and its formatter.
#include "placematch/model/messages.hpp"

#include "placematch/model/format.hpp"
#include "placematch/model/instance.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace placematch {

namespace {

struct Entry {
  MessageId id;
  std::string_view en;
  std::string_view da;
};

using M = MessageId;

// One row per message. Danish as a Danish job centre writes it (see glossary-da.md).
constexpr Entry kCatalogue[] = {
    // Unplaced reasons.
    {M::ReasonNoOpeningInReach, "no opening within {km} km of {area}",
     "ingen åbning inden for {km} km fra {area}"},
    {M::ReasonHoursBand, "no opening within {km} km offers {lo}-{hi} hours a week",
     "ingen åbning inden for {km} km tilbyder {lo}–{hi} timer om ugen"},
    {M::ReasonHoursExact, "no opening within {km} km offers {hours} hours a week",
     "ingen åbning inden for {km} km tilbyder {hours} timer om ugen"},
    {M::ReasonCompetences,
     "{n} {n?opening|openings} within {km} km {n?fits|fit} the hours, but each requires a competence "
     "the citizen lacks; most often missing: {code} at level {level}",
     "{n} {n?åbning|åbninger} inden for {km} km passer med timerne, men hver kræver en kompetence, "
     "borgeren ikke har; oftest mangler: {code} på niveau {level}"},
    {M::ReasonBarriers,
     "{n} {n?opening|openings} within {km} km {n?fits|fit} the hours and competences, but none "
     "accepts the citizen's barrier {code} at severity {level}",
     "{n} {n?åbning|åbninger} inden for {km} km passer med timer og kompetencer, men ingen kan "
     "rumme borgerens barriere {code} med sværhedsgrad {level}"},
    {M::ReasonGroupOrAge,
     "{n} {n?opening|openings} within {km} km {n?fits|fit} the hours, competences and barriers, but "
     "none is open to target group {group} at age {age}",
     "{n} {n?åbning|åbninger} inden for {km} km passer med timer, kompetencer og barrierer, men "
     "ingen er åben for målgruppe {group} som {age}-årig"},
    {M::ReasonExcluded,
     "{n} {n?opening|openings} within {km} km would fit, but each is at a company the citizen is "
     "excluded from or forbidden by a consultant's decision",
     "{n} {n?åbning|åbninger} inden for {km} km kunne passe, men hver ligger i en virksomhed, "
     "borgeren er udelukket fra eller fravalgt af konsulenten"},
    {M::ReasonNoMentor,
     "{n} {n?opening|openings} within {km} km would fit, but each needs a mentor and the companies "
     "have no mentor with free capacity",
     "{n} {n?åbning|åbninger} inden for {km} km kunne passe, men hver kræver en mentor, og "
     "virksomhederne har ingen mentor med ledig kapacitet"},
    {M::ReasonTakenByOthers, "{n} {n?opening fits|openings fit}, but {n?its|their} seats or mentors went to others",
     "{n} {n?åbning passer|åbninger passer}, men pladserne eller mentorerne er givet til andre"},
    {M::NoTargetGroup, "(none)", "(ingen)"},
    // Reason labels.
    {M::LabelNoOpeningInReach, "no opening within reach", "ingen åbning inden for rækkevidde"},
    {M::LabelHours, "hours do not fit", "timerne passer ikke"},
    {M::LabelCompetences, "missing competences", "mangler kompetencer"},
    {M::LabelBarriers, "barriers not accepted", "barrierer kan ikke rummes"},
    {M::LabelGroupOrAge, "target group or age", "målgruppe eller alder"},
    {M::LabelExcluded, "excluded or forbidden", "udelukket eller fravalgt"},
    {M::LabelNoMentor, "no free mentor", "ingen ledig mentor"},
    {M::LabelTakenByOthers, "seats given to others", "pladserne er givet til andre"},
    // Opening kinds.
    {M::KindInternship, "internship", "virksomhedspraktik"},
    {M::KindSmallJob, "small job", "småjob"},
    {M::KindWageSubsidy, "wage subsidy", "løntilskud"},
    {M::KindOrdinary, "ordinary hours", "ordinære timer"},
    {M::KindLeisureJob, "leisure job", "fritidsjob"},
    // Empty-seat reasons.
    {M::LabelNoCandidate, "no resident fits", "ingen borger passer"},
    {M::LabelReasonableness, "reasonableness rule used up", "rimelighedskravet er opbrugt"},
    {M::LabelEmptyNoMentor, "mentors used up", "mentorerne er optaget"},
    {M::LabelPlacedElsewhere, "candidates placed elsewhere", "kandidaterne er placeret andre steder"},
    // Default target groups.
    {M::Group61, "unemployment-insurance recipients (dagpenge) unemployed over 26 weeks",
     "Dagpengemodtagere med ledighed over 26 uger"},
    {M::Group62, "job-ready recipients of cash benefit or transition benefit",
     "Jobparat kontanthjælps- og overgangsydelsesmodtager"},
    {M::Group63, "activity-ready recipients of cash benefit or transition benefit",
     "Aktivitetsparat kontanthjælps- og overgangsydelsesmodtager"},
    {M::Group64, "education-ready recipients of education benefit",
     "Uddannelsesparat uddannelseshjælps- og overgangsydelsesmodtager"},
    {M::Group65, "activity-ready recipients of education benefit",
     "Aktivitetsparat uddannelseshjælps- og overgangsydelsesmodtager"},
    {M::Group68, "in rehabilitation (ressourceforløb)", "Rehabilitent (ressourceforløb)"},
    {M::GroupIntShp, "recipients of self-support and return benefit in an integration programme",
     "Selvforsørgelses- og hjemrejseydelsesmodtager i program"},
    {M::GroupYouth, "residents aged 13-17 seeking a leisure job (fritidsjob)",
     "Unge 13–17 år, der søger fritidsjob"},
    {M::GroupOther, "anyone else", "Øvrige"},
    // Words.
    {M::WordCitizen, "citizen", "borger"},
    {M::WordOpening, "opening", "åbning"},
    {M::WordCompany, "company", "virksomhed"},
    {M::WordMentor, "mentor", "mentor"},
    {M::WordScore, "score", "match-score"},
    {M::WordKm, "km", "km"},
    {M::WordHours, "hours", "timer"},
    {M::WordKind, "kind", "type"},
    {M::WordTargetGroup, "target group", "målgruppe"},
    {M::WordArea, "housing area", "boligområde"},
    {M::WordPinned, "pinned", "aftalt"},
    {M::WordReason, "reason", "årsag"},
    {M::WordReasonCode, "reason code", "årsagskode"},
    {M::WordResidents, "residents", "borgere"},
    {M::WordPlaced, "placed", "placeret"},
    {M::WordRate, "rate", "andel"},
    {M::WordTotal, "total", "i alt"},
    {M::WordOpenings, "openings", "åbninger"},
    {M::WordSeats, "seats", "pladser"},
    {M::WordFree, "free", "ledige"},
    {M::WordYes, "yes", "ja"},
    {M::WordNo, "no", "nej"},
    {M::WordOtherAreas, "other areas", "andre områder"},
    {M::WordName, "name", "navn"},
    {M::WordCapacity, "capacity", "kapacitet"},
    {M::WordUsed, "used", "brugt"},
    {M::WordScope, "scope", "opdeling"},
    {M::WordCode, "code", "kode"},
    // Sheets.
    {M::SheetPlacements, "placements", "placeringer"},
    {M::SheetUnplaced, "unplaced", "ikke placeret"},
    {M::SheetEmptySeats, "empty seats", "ledige pladser"},
    {M::SheetSummary, "summary", "oversigt"},
    // Terminal table.
    {M::TableHead, "placematch: {status} plan (objective {objective})",
     "placematch: planforslag, {status} (mål: {objective})"},
    {M::StatusOptimal, "optimal", "optimalt"},
    {M::StatusFeasible, "feasible, not proven optimal", "gyldigt, ikke bevist optimalt"},
    {M::StatusNotSolved, "unchecked, not proven optimal", "ikke kontrolleret, ikke bevist optimalt"},
    {M::StatusInfeasible, "infeasible", "umuligt"},
    {M::StatusBadCostRange, "unsolved (too large for exact arithmetic)", "ikke løst (for stort til eksakt regning)"},
    {M::TablePlaced, "placed {placed} of {residents} residents (activation {rate}%), total score {score}",
     "{placed} af {residents} borgere placeret (aktiveringsgrad {rate} %), samlet match-score {score}"},
    {M::TableBound, "proven bound: score {score}", "bevist grænse: match-score {score}"},
    {M::TableBoundPlaced, "proven bound: {placed} placements, score {score}",
     "bevist grænse: {placed} placeringer, match-score {score}"},
    {M::TableMoreRows, "... {n} more {n?placement|placements} (use --json or --csv)",
     "... {n} {n?placering|placeringer} mere (brug --json eller --csv)"},
    {M::TableUnplacedByReason, "unplaced residents by reason:", "ikke placerede borgere efter årsag:"},
    // Audit.
    {M::AuditGroupsTitle, "placed by target group:", "placeret efter målgruppe:"},
    {M::AuditAreasTitle, "placed by housing area:", "placeret efter boligområde:"},
    {M::WordMeanScore, "mean score", "gns. score"},
    {M::AuditMoreAreas, "... {n} more areas; the lowest rate among them: {rate} ({area})",
     "... {n} områder mere; den laveste andel blandt dem: {rate} ({area})"},
    // The board's report.
    {M::ReportTitle, "Placements in the company network", "Placeringer i virksomhedsnetværket"},
    {M::ReportSubtitle, "{residents} unemployed residents in {areas} housing areas; {companies} companies",
     "{residents} ledige borgere i {areas} boligområder; {companies} virksomheder"},
    {M::ReportStatusOptimal, "The plan is proven optimal: no plan within the rules places more residents.",
     "Planforslaget er bevist optimalt: ingen plan inden for reglerne placerer flere borgere."},
    {M::ReportStatusBound, "The plan is not proven optimal: at most {bound} residents can be placed.",
     "Planforslaget er ikke bevist optimalt: højst {bound} borgere kan placeres."},
    {M::ReportStatusUnproven, "The plan is not proven optimal.", "Planforslaget er ikke bevist optimalt."},
    {M::HeadActivation, "Activation rate", "Aktiveringsgrad"},
    {M::ReportRateLine, "{placed} of {residents} residents placed", "{placed} af {residents} borgere placeret"},
    {M::WordGoal, "goal", "mål"},
    {M::WordBaseline, "baseline", "udgangspunkt"},
    {M::ReportGoalGap, "{n} more {n?placement reaches|placements reach} the goal",
     "{n} {n?placering|placeringer} mere, så er målet nået"},
    {M::ReportGoalReached, "The goal is reached.", "Målet er nået."},
    {M::HeadGroupArea, "Target groups and housing areas: placed of residents",
     "Målgrupper og boligområder: placerede af borgere"},
    {M::LegendBelowBaseline, "below the baseline ({rate})", "under udgangspunktet ({rate})"},
    {M::HeadKinds, "Placements by kind of opening", "Placeringer efter type af åbning"},
    {M::HeadMap, "Map: housing areas, companies and placements", "Kort: boligområder, virksomheder og placeringer"},
    {M::MapLegend, "circle: housing area (area: residents); square: company; line: a placement",
     "cirkel: boligområde (størrelse: borgere); firkant: virksomhed; streg: en placering"},
    {M::HeadUnplaced, "Residents not placed, by reason", "Ikke placerede borgere efter årsag"},
    {M::ReportNoUnplaced, "Every resident is placed.", "Alle borgere er placeret."},
    {M::HeadEmptySeats, "Empty seats", "Ledige pladser"},
    {M::ReportEmptySeatsLine, "{free} of {seats} seats are left free, in {openings} openings",
     "{free} af {seats} pladser står ledige, i {openings} åbninger"},
    {M::HeadMentors, "Mentors", "Mentorer"},
    {M::ReportMentorsLine, "{mentors} mentors with room for {room} new placements: {used} used by the plan, {free} free",
     "{mentors} mentorer med plads til {room} nye placeringer: {used} brugt i planen, {free} ledige"},
    {M::ReportCompaniesLine, "{used} of {companies} companies take a resident",
     "{used} af {companies} virksomheder tager en borger"},
    {M::HeadChanges, "Changes since the earlier plan", "Ændringer siden den tidligere plan"},
    {M::ReportChangesLine, "{kept} of the earlier plan's {before} placements are kept; {n} residents have a change",
     "{kept} af den tidligere plans {before} placeringer er bevaret; {n} borgere har en ændring"},
    {M::ReportNoChanges, "No changes.", "Ingen ændringer."},
    {M::ReportMoreChanges, "... and {n} more", "... og {n} mere"},
    {M::ChangeMoved, "moved", "flyttet"},
    {M::ChangeUnplaced, "no longer placed", "ikke længere placeret"},
    {M::ChangePlaced, "newly placed", "nyplaceret"},
    {M::ChangeGone, "no longer in the instance", "ikke længere med"},
    {M::WordBefore, "before", "før"},
    {M::WordAfter, "after", "efter"},
    {M::WordChange, "change", "ændring"},
    {M::ReportNoResidents, "The instance has no residents: there is nobody to place.",
     "Instansen har ingen borgere: der er ingen at placere."},
    {M::ReportFooter,
     "Made by placematch {version}. Every figure is counted from the plan, which keeps every rule of the data contract.",
     "Lavet med placematch {version}. Alle tal er talt op fra planforslaget, som overholder alle regler i datakontrakten."},
    {M::Percent, "{p}%", "{p} %"},
    // Validate summary.
    {M::SummaryInstance,
     "instance: {residents} residents in {areas} housing areas; {companies} companies with {openings} "
     "openings ({seats} seats); {mentors} mentors (free capacity {room}); {pins} pins, {forbids} forbids",
     "instans: {residents} borgere i {areas} boligområder; {companies} virksomheder med {openings} "
     "åbninger ({seats} pladser); {mentors} mentorer (ledig kapacitet {room}); {pins} aftalte, "
     "{forbids} fravalgte"},
    {M::SummaryByGroupArea, "residents by target group and housing area:",
     "borgere efter målgruppe og boligområde:"},
    {M::SummaryMentored, "residents needing a mentor: {n}", "borgere der har brug for en mentor: {n}"},
    {M::SummaryOpeningsByKind, "openings by kind:", "åbninger efter type:"},
    {M::SummaryValid, "valid: {path}", "gyldig: {path}"},
    // Candidates.
    {M::CandidatesWritten,
     "{pairs} feasible pairs of {residents} residents and {openings} openings written to {file}",
     "{pairs} mulige par af {residents} borgere og {openings} åbninger skrevet til {file}"},
};

constexpr std::size_t kCount = static_cast<std::size_t>(MessageId::Count);

// The catalogue by id; a missing row leaves an empty entry (the test reports it).
const std::array<const Entry*, kCount>& by_id() {
  static const std::array<const Entry*, kCount> table = [] {
    std::array<const Entry*, kCount> t{};
    for (const Entry& e : kCatalogue)
      if (static_cast<std::size_t>(e.id) < kCount) t[static_cast<std::size_t>(e.id)] = &e;
    return t;
  }();
  return table;
}

const MessageArg* find_arg(std::string_view name, const MessageArg* begin, const MessageArg* end) {
  for (const MessageArg* a = begin; a != end; ++a)
    if (a->name == name) return a;
  return nullptr;
}

std::string fill(std::string_view tpl, Language lang, const MessageArg* begin, const MessageArg* end) {
  std::string out;
  out.reserve(tpl.size() + 32);
  std::size_t i = 0;
  while (i < tpl.size()) {
    const char ch = tpl[i];
    if (ch != '{') {
      out += ch;
      ++i;
      continue;
    }
    const std::size_t close = tpl.find('}', i);
    if (close == std::string_view::npos) {
      out += tpl.substr(i);
      break;
    }
    const std::string_view body = tpl.substr(i + 1, close - i - 1);
    const std::size_t q = body.find('?');
    const std::string_view name = body.substr(0, q);
    const MessageArg* arg = find_arg(name, begin, end);
    if (!arg) {
      out += tpl.substr(i, close - i + 1);
    } else if (q != std::string_view::npos) {
      const std::string_view forms = body.substr(q + 1);
      const std::size_t bar = forms.find('|');
      const bool one = arg->number && *arg->number == 1.0;
      if (bar == std::string_view::npos) out += one ? forms : std::string_view();
      else out += one ? forms.substr(0, bar) : forms.substr(bar + 1);
    } else if (arg->number) {
      out += format_number(*arg->number, lang);
    } else {
      out += arg->text;
    }
    i = close + 1;
  }
  return out;
}

}  // namespace

std::optional<Language> parse_language(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  std::string low(s);
  for (char& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (low == "en") return Language::En;
  if (low == "da") return Language::Da;
  return std::nullopt;
}

std::string_view to_string(Language lang) { return lang == Language::Da ? "da" : "en"; }

MessageId kind_message(OpeningKind kind) {
  switch (kind) {
    case OpeningKind::Internship: return M::KindInternship;
    case OpeningKind::SmallJob: return M::KindSmallJob;
    case OpeningKind::WageSubsidy: return M::KindWageSubsidy;
    case OpeningKind::Ordinary: return M::KindOrdinary;
    case OpeningKind::LeisureJob: return M::KindLeisureJob;
  }
  return M::KindOrdinary;
}

std::optional<MessageId> reason_label(std::string_view code, bool empty_seat) {
  if (empty_seat && code == "no_mentor") return M::LabelEmptyNoMentor;
  static constexpr std::pair<std::string_view, MessageId> kLabels[] = {
      {"no_opening_in_reach", M::LabelNoOpeningInReach}, {"hours", M::LabelHours},
      {"competences", M::LabelCompetences},               {"barriers", M::LabelBarriers},
      {"group_or_age", M::LabelGroupOrAge},               {"excluded", M::LabelExcluded},
      {"no_mentor", M::LabelNoMentor},                    {"taken_by_others", M::LabelTakenByOthers},
      {"no_candidate", M::LabelNoCandidate},              {"reasonableness", M::LabelReasonableness},
      {"candidates_placed_elsewhere", M::LabelPlacedElsewhere}};
  for (const auto& [c, id] : kLabels)
    if (c == code) return id;
  return std::nullopt;
}

std::optional<MessageId> default_group_message(std::string_view code) {
  static constexpr std::pair<std::string_view, MessageId> kGroups[] = {
      {"6.1", M::Group61}, {"6.2", M::Group62},         {"6.3", M::Group63},
      {"6.4", M::Group64}, {"6.5", M::Group65},         {"6.8", M::Group68},
      {"INT-SHP", M::GroupIntShp}, {"YOUTH", M::GroupYouth}, {"OTHER", M::GroupOther}};
  for (const auto& [c, id] : kGroups)
    if (c.size() == code.size() &&
        std::equal(c.begin(), c.end(), code.begin(), [](char a, char b) {
          return std::toupper(static_cast<unsigned char>(a)) == std::toupper(static_cast<unsigned char>(b));
        }))
      return id;
  return std::nullopt;
}

std::string_view message_template(MessageId id, Language lang) {
  const std::size_t i = static_cast<std::size_t>(id);
  if (i >= kCount || !by_id()[i]) return {};
  return lang == Language::Da ? by_id()[i]->da : by_id()[i]->en;
}

std::string text(MessageId id, Language lang, std::initializer_list<MessageArg> args) {
  return fill(message_template(id, lang), lang, args.begin(), args.end());
}

std::string text(MessageId id, Language lang, const std::vector<MessageArg>& args) {
  return fill(message_template(id, lang), lang, args.data(), args.data() + args.size());
}

std::string render(const Message& message, Language lang) { return text(message.id, lang, message.args); }

std::string format_number(double value, Language lang, int decimals) {
  std::string s = format_short(value, decimals);
  if (lang == Language::Da) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::vector<std::string> placeholders(std::string_view tpl) {
  std::vector<std::string> names;
  std::size_t i = 0;
  while ((i = tpl.find('{', i)) != std::string_view::npos) {
    const std::size_t close = tpl.find('}', i);
    if (close == std::string_view::npos) break;
    std::string_view body = tpl.substr(i + 1, close - i - 1);
    std::string name(body.substr(0, body.find('?')));
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    i = close + 1;
  }
  return names;
}

}  // namespace placematch
