// The workbench's texts, English and Danish (words from the project's Danish glossary).
#include "detail/serve_texts.hpp"

#include <array>

namespace placematch::serve::detail {

namespace {
struct Entry {
  std::string_view id, en, da;
};

constexpr std::array kTexts = {
    Entry{"app", "placematch workbench", "placematch arbejdsbord"},
    Entry{"nav.plan", "Plan", "Plan"},
    Entry{"nav.empty", "Empty seats", "Ledige pladser"},
    Entry{"nav.changes", "Changes and decisions", "Ændringer og beslutninger"},
    Entry{"nav.downloads", "Downloads", "Hent filer"},
    Entry{"residents", "Residents", "Borgere"},
    Entry{"placed", "Placed", "Placeret"},
    Entry{"not_placed", "Not placed", "Ikke placeret"},
    Entry{"activation", "Activation rate", "Aktiveringsgrad"},
    Entry{"goal", "goal", "mål"},
    Entry{"status.optimal", "proven optimal", "bevist optimal"},
    Entry{"status.feasible", "not proven optimal; best possible", "ikke bevist optimal; bedst mulige"},
    Entry{"unsaved", "unsaved decisions", "beslutninger er ikke gemt"},
    Entry{"saved", "all decisions saved", "alle beslutninger er gemt"},
    Entry{"save", "Save decisions", "Gem beslutninger"},
    Entry{"undo", "Undo last decision", "Fortryd seneste beslutning"},
    Entry{"agree", "Agree", "Aftal"},
    Entry{"rule_out", "Rule out", "Fravælg"},
    Entry{"agreed", "agreed", "aftalt"},
    Entry{"ruled_out", "ruled out", "fravalgt"},
    Entry{"filter", "Filter", "Filtrér"},
    Entry{"all", "all", "alle"},
    Entry{"area", "Housing area", "Boligområde"},
    Entry{"group", "Target group", "Målgruppe"},
    Entry{"company", "Company", "Virksomhed"},
    Entry{"kind", "Kind", "Type"},
    Entry{"opening", "Opening", "Åbning"},
    Entry{"resident", "Resident", "Borger"},
    Entry{"mentor", "Mentor", "Mentor"},
    Entry{"hours", "Hours a week", "Timer om ugen"},
    Entry{"km", "km", "km"},
    Entry{"score", "Score", "Match-score"},
    Entry{"reason", "Reason", "Årsag"},
    Entry{"seats", "Seats", "Pladser"},
    Entry{"free", "Free", "Ledige"},
    Entry{"holders", "Who holds the seats", "Hvem har pladserne"},
    Entry{"nobody", "nobody", "ingen"},
    Entry{"candidates", "Every resident who fits", "Alle borgere der passer"},
    Entry{"where_now", "In the plan now", "I planen nu"},
    Entry{"here", "here", "her"},
    Entry{"unplaced_now", "not placed", "ikke placeret"},
    Entry{"components", "Score parts", "Scorens dele"},
    Entry{"c.competence", "competence", "kompetence"},
    Entry{"c.distance", "distance", "afstand"},
    Entry{"c.hours", "hours", "timer"},
    Entry{"c.interest", "interest", "interesse"},
    Entry{"c.priority", "priority", "prioritet"},
    Entry{"c.mentor_language", "mentor's language", "mentorens sprog"},
    Entry{"placements", "Placements", "Placeringer"},
    Entry{"unplaced", "Residents not placed", "Borgere der ikke er placeret"},
    Entry{"placed_at", "Placed at", "Placeret i"},
    Entry{"in_reach", "Every opening within reach", "Alle åbninger inden for rækkevidde"},
    Entry{"fits", "fits", "passer"},
    Entry{"broken", "Broken rule", "Brudt regel"},
    Entry{"none_in_reach", "No opening is within reach.", "Ingen åbning er inden for rækkevidde."},
    Entry{"age", "Age", "Alder"},
    Entry{"max_km", "Farthest workplace", "Længste afstand"},
    Entry{"needs_mentor", "Needs a mentor", "Har brug for mentor"},
    Entry{"yes", "yes", "ja"},
    Entry{"no", "no", "nej"},
    Entry{"competences", "Competences", "Kompetencer"},
    Entry{"barriers", "Barriers", "Barrierer"},
    Entry{"languages", "Languages", "Sprog"},
    Entry{"months", "Months unemployed", "Måneder ledig"},
    Entry{"requires", "Requires", "Kræver"},
    Entry{"groups", "Target groups", "Målgrupper"},
    Entry{"mentor_required", "Mentor required", "Kræver mentor"},
    Entry{"last_changes", "What the last decision changed", "Hvad den seneste beslutning ændrede"},
    Entry{"since_saved", "Changes since the plan was last saved", "Ændringer siden planen sidst blev gemt"},
    Entry{"no_changes", "No changes.", "Ingen ændringer."},
    Entry{"before", "Before", "Før"},
    Entry{"after", "After", "Efter"},
    Entry{"change", "Change", "Ændring"},
    Entry{"ch.moved", "moved", "flyttet"},
    Entry{"ch.placed", "placed", "placeret"},
    Entry{"ch.unplaced", "lost the seat", "mistet pladsen"},
    Entry{"history", "Decisions made in this session", "Beslutninger i denne session"},
    Entry{"decisions", "All decisions", "Alle beslutninger"},
    Entry{"decision", "Decision", "Beslutning"},
    Entry{"refused", "Refused", "Afvist"},
    Entry{"note.saved", "Saved decisions.csv; the earlier file is kept as decisions.csv.previous.",
          "decisions.csv er gemt; den tidligere fil er gemt som decisions.csv.previous."},
    Entry{"note.saved_new", "Saved decisions.csv.", "decisions.csv er gemt."},
    Entry{"note.undone", "The last decision was undone.", "Den seneste beslutning er fortrudt."},
    Entry{"note.agreed", "Agreed", "Aftalt"},
    Entry{"note.ruled_out", "Ruled out", "Fravalgt"},
    Entry{"dl.plan_json", "The plan as result JSON", "Planen som resultat-JSON"},
    Entry{"dl.plan_csv", "The plan as CSV", "Planen som CSV"},
    Entry{"dl.decisions", "The decisions as they stand (not yet saved)", "Beslutningerne som de står nu (ikke gemt)"},
    Entry{"empty_title", "Openings with empty seats", "Åbninger med ledige pladser"},
    Entry{"no_empty", "Every seat is taken.", "Alle pladser er besat."},
    Entry{"forbidden", "ruled out by a decision", "fravalgt ved en beslutning"},
    Entry{"busy", "Planning…", "Planlægger…"},
    Entry{"refused_403", "Refused: this address needs the workbench's session token, from its own address.",
          "Afvist: denne adresse kræver arbejdsbordets adgangsnøgle, fra dets egen adresse."},
    Entry{"method_405", "This address does not take that method.", "Denne adresse tager ikke imod den metode."},
    Entry{"not_found", "Not found.", "Ikke fundet."},
    Entry{"k.internship", "internship", "virksomhedspraktik"},
    Entry{"k.small_job", "small job", "småjob"},
    Entry{"k.wage_subsidy", "wage subsidy", "løntilskud"},
    Entry{"k.ordinary", "ordinary hours", "ordinære timer"},
    Entry{"k.leisure_job", "leisure job", "fritidsjob"},
    Entry{"cost", "Cost of agreeing", "Pris ved at aftale"},
    Entry{"who_moves", "Who moves", "Hvem flyttes"},
    Entry{"impossible", "no plan can hold it", "ingen plan kan rumme det"},
    Entry{"in_plan", "in the plan", "i planen"},
    Entry{"cost.placed", "placed", "placerede"},
    Entry{"cost.moved", "moved", "flyttede"},
    Entry{"at_most", "at most", "højst"},
    Entry{"nearest", "Nearest:", "Nærmeste:"},
    Entry{"r.forbidden", "ruled out", "fravalgt"},
    Entry{"r.no_mentor", "no free mentor", "ingen ledig mentor"},
    Entry{"r.distance", "distance", "afstand"},
    Entry{"r.hours", "hours", "timer"},
    Entry{"r.competences", "competences", "kompetencer"},
    Entry{"r.barriers", "barriers", "barrierer"},
    Entry{"r.group_or_age", "target group or age", "målgruppe eller alder"},
    Entry{"r.excluded", "excluded company or ruled out", "fravalgt virksomhed eller fravalgt par"},
    Entry{"r.mentor", "no free mentor", "ingen ledig mentor"},
};
}  // namespace

std::string_view text(std::string_view id, Lang lang) {
  for (const Entry& e : kTexts)
    if (e.id == id) return lang == Lang::Da ? e.da : e.en;
  return id;
}

bool texts_complete() {
  for (const Entry& e : kTexts)
    if (e.en.empty() || e.da.empty()) return false;
  return true;
}

std::string ids_joined() {
  std::string out;
  for (const Entry& e : kTexts) {
    out += e.id;
    out += '\n';
  }
  return out;
}

}  // namespace placematch::serve::detail
