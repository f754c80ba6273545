// The message catalogue: every text for people in English and Danish, and its formatter.
#include "placematch/model/messages.hpp"

#include "placematch/model/format.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/model/progress.hpp"

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
    // Progress (model/progress.hpp).
    {M::PhaseCandidates, "finding the feasible pairs", "finder de mulige par"},
    {M::PhaseFlow, "planning", "planlægger"},
    {M::PhasePoolPrices, "pricing the mentor pools", "prissætter mentorpuljerne"},
    {M::PhaseSearch, "searching the mentor pools", "søger i mentorpuljerne"},
    {M::PhasePlan, "naming mentors and reasons", "navngiver mentorer og årsager"},
    {M::PhaseSuggest, "pricing the suggestions", "prissætter forslagene"},
    {M::PhaseCeiling, "what-if ceiling", "hvad nu hvis: loftet"},
    {M::PhaseSeats, "what-if seats", "hvad nu hvis: pladser"},
    {M::PhaseOpenings, "what-if proposed openings", "hvad nu hvis: foreslåede åbninger"},
    {M::PhaseCourses, "what-if courses", "hvad nu hvis: kurser"},
    {M::PhaseReport, "writing the outputs", "skriver resultaterne"},
    {M::ProgressStepOf, "{task}: step {i} of {n}", "{task}: trin {i} af {n}"},
    {M::ProgressStep, "{task}: step {i}", "{task}: trin {i}"},
    {M::ProgressParts, "{done} of {n} parts", "{done} af {n} dele"},
    {M::ProgressPlacedBound, "{placed} placed (bound {bound})", "{placed} placeret (grænse {bound})"},
    {M::ProgressScoreBound, "score {score} (bound {bound})", "match-score {score} (grænse {bound})"},
    {M::ProgressGap, "gap {gap} %", "afstand til grænsen {gap} %"},
    {M::ProgressNodes, "{n} {n?node|nodes}", "{n} {n?knude|knuder}"},
    {M::ProgressLpIterations, "{n} LP {n?iteration|iterations}", "{n} LP-{n?iteration|iterationer}"},
    {M::ProgressElapsed, "{s} s", "{s} sek."},
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
    // Why a seat stays empty (explain/empty_seats).
    {M::EmptyNoCandidate, "no resident meets every rule for {opening}",
     "ingen borger opfylder alle regler for {opening}"},
    {M::EmptyReasonableness, "{company} may take no more {kinds}: {employees} employees, {supported} already supported, {used} placed by this plan",
     "{company} kan ikke tage flere i {kinds}: {employees} ansatte, {supported} er allerede i praktik eller løntilskud, {used} placeret med denne plan"},
    {M::KindsInternship, "internships",
     "virksomhedspraktik"},
    {M::KindsWageSubsidy, "wage-subsidy jobs",
     "løntilskud"},
    {M::KindsSmallJob, "small jobs",
     "småjob"},
    {M::KindsOrdinary, "ordinary jobs",
     "ordinære job"},
    {M::KindsLeisureJob, "leisure jobs",
     "fritidsjob"},
    {M::EmptyNoMentorNobody, "no unplaced resident fits {opening}, and {company}'s mentors are all taken ({pool} {pool?place|places} for new placements, all used)",
     "ingen borger uden plads passer til {opening}, og mentorerne hos {company} er optaget ({pool} {pool?plads|pladser} til nye placeringer, alle brugt)"},
    {M::EmptyNoMentor, "the {n} {n?resident|residents} who fit {opening} and are unplaced need a mentor, and {company}'s mentors are all taken ({pool} {pool?place|places} for new placements, all used)",
     "{n?den|de} {n} {n?borger|borgere} uden plads, der passer til {opening}, har brug for en mentor, og mentorerne hos {company} er optaget ({pool} {pool?plads|pladser} til nye placeringer, alle brugt)"},
    {M::EmptyElsewhereOne, "the one resident who fits {opening} is placed elsewhere",
     "den ene borger, der passer til {opening}, er placeret et andet sted"},
    {M::EmptyElsewhereAll, "all {n} residents who fit {opening} are placed elsewhere",
     "alle {n} borgere, der passer til {opening}, er placeret andre steder"},
    {M::EmptyElsewhereSome, "{elsewhere} of the {n} {n?resident|residents} who fit {opening} are placed elsewhere, {unplaced} unplaced",
     "{elsewhere} af de {n} borgere, der passer til {opening}, er placeret andre steder, {unplaced} har ingen plads"},
    // Broken rules of a pair (explain/why_rules).
    {M::RuleDistance, "{citizen} travels at most {max_km} km; {opening} at {company} is {km} km away",
     "{citizen} kan højst rejse {max_km} km; {opening} hos {company} ligger {km} km væk"},
    {M::RuleHours, "{citizen} can work {can} hours a week; {opening} offers {offers}",
     "{citizen} kan arbejde {can} timer om ugen; {opening} tilbyder {offers}"},
    {M::Band, "{lo}-{hi}",
     "{lo}–{hi}"},
    {M::RuleCompetenceNone, "{opening} requires {code} at level {level}; {citizen} has none",
     "{opening} kræver {code} på niveau {level}; {citizen} har ingen"},
    {M::RuleCompetenceLevel, "{opening} requires {code} at level {level}; {citizen} has level {has}",
     "{opening} kræver {code} på niveau {level}; {citizen} har niveau {has}"},
    {M::RuleBarrierNone, "{opening} does not accept a {code} barrier; {citizen} has one of severity {severity}",
     "{opening} kan ikke rumme barrieren {code}; {citizen} har den med sværhedsgrad {severity}"},
    {M::RuleBarrierUpTo, "{opening} accepts a {code} barrier up to severity {limit}; {citizen}'s is {severity}",
     "{opening} kan rumme barrieren {code} op til sværhedsgrad {limit}; {citizen} har sværhedsgrad {severity}"},
    {M::RuleGroup, "{opening} is only for target groups {groups}; {citizen} is in {group}",
     "{opening} er kun for målgrupperne {groups}; {citizen} er i målgruppe {group}"},
    {M::RuleAgeRange, "{opening} takes ages {lo}-{hi}; {citizen} is {age}",
     "{opening} er for borgere på {lo}–{hi} år; {citizen} er {age}"},
    {M::RuleAgeFrom, "{opening} takes ages {lo} and up; {citizen} is {age}",
     "{opening} er for borgere fra {lo} år; {citizen} er {age}"},
    {M::RuleAgeTo, "{opening} takes ages up to {hi}; {citizen} is {age}",
     "{opening} er for borgere op til {hi} år; {citizen} er {age}"},
    {M::RuleMinor, "{citizen} is {age}: under 18 only a leisure job or an internship; {opening} is a {kind}",
     "{citizen} er {age} år: under 18 år kun fritidsjob eller virksomhedspraktik; {opening} er {kind}"},
    {M::RuleLeisure, "{opening} is a leisure job, for ages 13-17; {citizen} is {age}",
     "{opening} er et fritidsjob, for 13–17-årige; {citizen} er {age}"},
    {M::RuleExcluded, "{citizen} is never to be placed at {company} ({company_id}, an excluded company)",
     "{citizen} må aldrig placeres hos {company} ({company_id}, en fravalgt virksomhed)"},
    {M::RuleForbidden, "a consultant's decision forbids {citizen} at {opening}",
     "konsulenten har fravalgt {citizen} i {opening}"},
    {M::RuleNotAPair, "the pair is not among the feasible pairs",
     "parret er ikke blandt de mulige par"},
    {M::RuleMentorCitizen, "{citizen} needs a mentor, and {company} has no mentor with free capacity",
     "{citizen} har brug for en mentor, og {company} har ingen mentor med ledig kapacitet"},
    {M::RuleMentorOpening, "{opening} requires a mentor, and {company} has no mentor with free capacity",
     "{opening} kræver en mentor, og {company} har ingen mentor med ledig kapacitet"},
    {M::ListSeparator, "; ",
     "; "},
    {M::RuleParts, "{parts}",
     "{parts}"},
    // Changes of a re-plan, suggest and why (report/consult).
    {M::ChangeTextMoved, "{citizen} moves from {before} to {after}",
     "{citizen} flytter fra {before} til {after}"},
    {M::ChangeTextUnplaced, "{citizen} loses the place at {before}",
     "{citizen} mister pladsen i {before}"},
    {M::ChangeTextPlaced, "{citizen} is placed at {after}",
     "{citizen} får plads i {after}"},
    {M::ChangeTextGone, "{citizen} (at {before}) is no longer in the instance",
     "{citizen} (i {before}) er ikke længere med i data"},
    {M::ChangesAgainst, "Changes against {file}: {n} (earlier placements {placements}, kept {kept}, still feasible {feasible})",
     "Ændringer i forhold til {file}: {n} (tidligere placeringer {placements}, bevaret {kept}, stadig mulige {feasible})"},
    {M::CostImpossible, "not possible: no plan can hold this pair (pins)",
     "ikke muligt: ingen plan kan rumme dette par (aftalte placeringer)"},
    {M::CostInPlan, "in the plan",
     "i planen"},
    {M::CostLine, "costs {placed} placements, moves {moved}, score {score}",
     "koster {placed} placeringer, flytter {moved}, match-score {score}"},
    {M::CostNotProven, " (at most: not proven)",
     " (højst: ikke bevist)"},
    {M::CostShortfall, ", adds {shortfall} to the floors' total shortfall",
     ", lægger {shortfall} til gulvenes samlede mangel"},
    {M::SuggestForOpening, "Suggestions for {opening} ({kind} at {company}, {seats} {seats?seat|seats})",
     "Forslag til {opening} ({kind} hos {company}, {seats} {seats?plads|pladser})"},
    {M::SuggestForCitizen, "Suggestions for {citizen}",
     "Forslag til {citizen}"},
    {M::SuggestPlan, "; the plan places {placed}, score {score}",
     "; planen placerer {placed}, match-score {score}"},
    {M::SuggestNone, "no feasible pair",
     "intet muligt par"},
    {M::SuggestRow, "{citizen} at {opening} ({company}), score {score}, {km} km: {cost}",
     "{citizen} i {opening} ({company}), match-score {score}, {km} km: {cost}"},
    {M::WhyPlaced, "{citizen} is placed at {opening} ({kind} at {company}), score {score}, {km} km, {hours} hours a week",
     "{citizen} er placeret i {opening} ({kind} hos {company}), match-score {score}, {km} km, {hours} timer om ugen"},
    {M::WhyPinned, " (pinned)",
     " (aftalt)"},
    {M::WhyNotPlaced, "{citizen} is not placed: {reason} ({code})",
     "{citizen} er ikke placeret: {reason} ({code})"},
    {M::WhyOpening, "{opening} ({company}, {km} km): ",
     "{opening} ({company}, {km} km): "},
    {M::WhyNotPossible, "not possible",
     "ikke muligt"},
    {M::WhyFeasible, "feasible",
     "muligt"},
    {M::WhyNoSeatTaken, "; no seat taken",
     "; ingen plads er besat"},
    {M::WhySeatsHeld, "; seats held by {holders}",
     "; pladserne har {holders}"},
    {M::WhyNearest, "no opening within {km} km; the nearest is {opening} at {nearest_km} km",
     "ingen åbning inden for {km} km; den nærmeste er {opening}, {nearest_km} km væk"},
    // Score components (why, the workbench).
    {M::ComponentCompetence, "competence",
     "kompetence"},
    {M::ComponentDistance, "distance",
     "afstand"},
    {M::ComponentHours, "hours",
     "timer"},
    {M::ComponentInterest, "interest",
     "interesse"},
    {M::ComponentPriority, "priority",
     "prioritet"},
    {M::ComponentMentorLanguage, "mentor's language",
     "mentorens sprog"},
    // What it would take (report/whatif_report).
    {M::WhatIfTitle, "What would place more residents",
     "Hvad skal der til for at placere flere borgere"},
    {M::WhatIfToday, "Today",
     "I dag"},
    {M::WhatIfCeiling, "Ceiling (unlimited seats at today's openings, every other rule kept)",
     "Loft (ubegrænsede pladser i dagens åbninger, alle andre regler overholdt)"},
    {M::WhatIfUnreachable, "Residents no seat at today's openings can reach",
     "Borgere, som ingen plads i dagens åbninger kan nå"},
    {M::WhatIfSeatsHead, "Seats to ask for, one at a time (each figure the exact optimum)",
     "Pladser at bede om, én ad gangen (hvert tal er det nøjagtige optimum)"},
    {M::WhatIfOpeningsHead, "Proposed openings, each added alone",
     "Foreslåede åbninger, hver tilføjet alene"},
    {M::WhatIfCoursesHead, "Courses within the budget (greedy by gain per krone: a heuristic)",
     "Kurser inden for budgettet (grådigt efter gevinst pr. krone: en tommelfingerregel)"},
    {M::WhatIfAllCoursesBound, "Upper bound (not a plan): every eligible resident takes every course: at most {n} placed",
     "Øvre grænse (ikke en plan): hver borger, der kan, tager alle kurser: højst {n} placeret"},
    {M::WhatIfColArea, "area",
     "boligområde"},
    {M::WhatIfColGroup, "group",
     "målgruppe"},
    {M::WhatIfColToday, "today",
     "i dag"},
    {M::WhatIfColCeiling, "ceiling",
     "loft"},
    {M::WhatIfColLeftOut, "left out",
     "udeladt"},
    {M::WhatIfColUnreachable, "unreachable",
     "uden for rækkevidde"},
    {M::WhatIfColRule, "binding rule",
     "bindende regel"},
    {M::WhatIfValue, "{placed} placed ({percent}), score {score}",
     "{placed} placeret ({percent}), match-score {score}"},
    {M::WhatIfNotProven, " (not proven optimal; bound {bound} placed)",
     " (ikke bevist optimal; grænse {bound} placeret)"},
    {M::WhatIfOpeningWords, "{company}, {kind} {hours} h ({opening})",
     "{company}, {kind} {hours} t ({opening})"},
    {M::WhatIfSeatStep, "{step}. {opening}: +1 seat → {value}",
     "{step}. {opening}: +1 plads → {value}"},
    {M::WhatIfGain, "{opening}: {placed} placed, score {score} → {value}",
     "{opening}: {placed} placeret, match-score {score} → {value}"},
    {M::WhatIfBudget, "budget {budget} kr, spent {spent} kr",
     "budget {budget} kr., brugt {spent} kr."},
    {M::WhatIfBefore, "before: {value}",
     "før: {value}"},
    {M::WhatIfAfter, "after: {value}",
     "efter: {value}"},
    {M::WhatIfCourseStep, "{step}. {citizen} takes {course} ({cost} kr, {left} kr left) → {value}",
     "{step}. {citizen} tager {course} ({cost} kr., {left} kr. tilbage) → {value}"},
    {M::WhatIfCourseUse, "{course}: taken by {taken}, {placed} of them placed",
     "{course}: taget af {taken}, heraf {placed} placeret"},
    // The consultant's plan table and its filters (report/plan_table).
    {M::TableMoreRowsAll, "... {n} more {n?placement|placements} (--all prints every one)",
     "... {n} {n?placering|placeringer} mere (--all viser dem alle)"},
    {M::TableFiltered, "{shown} of {total} placements where {filter}",
     "{shown} af {total} placeringer, hvor {filter}"},
    {M::TableFilterArea, "housing area is {area}",
     "boligområdet er {area}"},
    {M::TableFilterGroup, "target group is {group}",
     "målgruppen er {group}"},
    {M::TableFilterCompany, "company is {company}",
     "virksomheden er {company}"},
    {M::TableFilterAnd, " and ",
     " og "},
    {M::TableUnplacedHead, "Not placed ({n}), with the reason:",
     "Ikke placeret ({n}), med årsagen:"},
    {M::TableMoreUnplaced, "... {n} more not placed (--all prints every one)",
     "... {n} mere uden plads (--all viser dem alle)"},
    {M::TableNoPlacements, "(no placement)",
     "(ingen placering)"},
    {M::FilterUnknownArea, "no housing area \"{value}\" in this instance (its areas: {known})",
     "intet boligområde \"{value}\" i disse data (boligområderne er: {known})"},
    {M::FilterUnknownGroup, "no target group \"{value}\" among the residents (their groups: {known})",
     "ingen målgruppe \"{value}\" blandt borgerne (deres målgrupper er: {known})"},
    {M::FilterUnknownCompany, "no company \"{value}\" in this instance (give its id or its full name)",
     "ingen virksomhed \"{value}\" i disse data (angiv dens id eller fulde navn)"},
    // Floors in the terminal table (report/audit_views).
    {M::FloorsTitle, "floors (least total shortfall first, then the objective):",
     "gulve (mindst samlet mangel først, derefter målet):"},
    {M::WordRequired, "required",
     "krævet"},
    {M::WordShortfall, "shortfall",
     "mangel"},
    {M::FloorsSummary, "  total shortfall {shortfall} (no plan has less than {bound}); price of the floors: {placed} placements, score {score} ({exact})",
     "  samlet mangel {shortfall} (ingen plan har mindre end {bound}); gulvenes pris: {placed} placeringer, match-score {score} ({exact})"},
    {M::FloorsExact, "exact",
     "nøjagtig"},
    {M::FloorsEstimate, "not proven: an estimate",
     "ikke bevist: et skøn"},
    {M::HeadFloors, "Floors: a fair share for every target group and housing area",
     "Gulve: en rimelig andel til hver målgruppe og hvert boligområde"},
    {M::ReportFloorsIntro, "A floor asks that at least a given share of the residents of a target group or a housing area be placed; the plan first keeps the total shortfall below the floors as small as possible, then follows its objective.",
     "Et gulv kræver, at mindst en given andel af borgerne i en målgruppe eller et boligområde bliver placeret; planen holder først den samlede mangel under gulvene så lille som muligt og følger derefter sit mål."},
    {M::ReportFloorsShortfall, "Total shortfall: {shortfall} (no plan keeping every rule has less than {bound}).",
     "Samlet mangel: {shortfall} (ingen plan, der overholder alle regler, har mindre end {bound})."},
    {M::ReportFloorsPrice, "The price of the floors: without them the plan would place {placed} more residents and score {score} more ({exact}).",
     "Gulvenes pris: uden dem ville planen placere {placed} borgere mere og have {score} mere i match-score ({exact})."},
    {M::ReportFloorsNotApplied, "This plan was made without the floors (re-planned against an earlier plan); the rows show where it stands against them.",
     "Denne plan er lagt uden gulvene (lagt om ud fra en tidligere plan); rækkerne viser, hvor den står i forhold til dem."},
    {M::LegendShortfall, "floor not reached",
     "gulvet er ikke nået"},
    {M::SheetFloors, "floors",
     "gulve"},
    {M::WordPriceOfFloors, "price of the floors",
     "gulvenes pris"},
    // The workbench (serve/), keyed like its pages.
    {M::WbApp, "placematch workbench",
     "placematch arbejdsbord"},
    {M::WbNavPlan, "Plan",
     "Plan"},
    {M::WbNavEmpty, "Empty seats",
     "Ledige pladser"},
    {M::WbNavChanges, "Changes and decisions",
     "Ændringer og beslutninger"},
    {M::WbNavDownloads, "Downloads",
     "Hent filer"},
    {M::WbResidents, "Residents",
     "Borgere"},
    {M::WbPlaced, "Placed",
     "Placeret"},
    {M::WbNotPlaced, "Not placed",
     "Ikke placeret"},
    {M::WbActivation, "Activation rate",
     "Aktiveringsgrad"},
    {M::WbGoal, "goal",
     "mål"},
    {M::WbStatusOptimal, "proven optimal",
     "bevist optimal"},
    {M::WbStatusFeasible, "not proven optimal; best possible",
     "ikke bevist optimal; bedst mulige"},
    {M::WbUnsaved, "unsaved decisions",
     "beslutninger er ikke gemt"},
    {M::WbSaved, "all decisions saved",
     "alle beslutninger er gemt"},
    {M::WbSave, "Save decisions",
     "Gem beslutninger"},
    {M::WbUndo, "Undo last decision",
     "Fortryd seneste beslutning"},
    {M::WbAgree, "Agree",
     "Aftal"},
    {M::WbRuleOut, "Rule out",
     "Fravælg"},
    {M::WbAgreed, "agreed",
     "aftalt"},
    {M::WbRuledOut, "ruled out",
     "fravalgt"},
    {M::WbFilter, "Filter",
     "Filtrér"},
    {M::WbAll, "all",
     "alle"},
    {M::WbArea, "Housing area",
     "Boligområde"},
    {M::WbGroup, "Target group",
     "Målgruppe"},
    {M::WbCompany, "Company",
     "Virksomhed"},
    {M::WbKind, "Kind",
     "Type"},
    {M::WbOpening, "Opening",
     "Åbning"},
    {M::WbResident, "Resident",
     "Borger"},
    {M::WbMentor, "Mentor",
     "Mentor"},
    {M::WbHours, "Hours a week",
     "Timer om ugen"},
    {M::WbKm, "km",
     "km"},
    {M::WbScore, "Score",
     "Match-score"},
    {M::WbReason, "Reason",
     "Årsag"},
    {M::WbSeats, "Seats",
     "Pladser"},
    {M::WbFree, "Free",
     "Ledige"},
    {M::WbHolders, "Who holds the seats",
     "Hvem har pladserne"},
    {M::WbNobody, "nobody",
     "ingen"},
    {M::WbCandidates, "Every resident who fits",
     "Alle borgere der passer"},
    {M::WbWhereNow, "In the plan now",
     "I planen nu"},
    {M::WbHere, "here",
     "her"},
    {M::WbUnplacedNow, "not placed",
     "ikke placeret"},
    {M::WbComponents, "Score parts",
     "Scorens dele"},
    {M::WbPlacements, "Placements",
     "Placeringer"},
    {M::WbUnplaced, "Residents not placed",
     "Borgere der ikke er placeret"},
    {M::WbPlacedAt, "Placed at",
     "Placeret i"},
    {M::WbInReach, "Every opening within reach",
     "Alle åbninger inden for rækkevidde"},
    {M::WbFits, "fits",
     "passer"},
    {M::WbBroken, "Broken rule",
     "Brudt regel"},
    {M::WbNoneInReach, "No opening is within reach.",
     "Ingen åbning er inden for rækkevidde."},
    {M::WbAge, "Age",
     "Alder"},
    {M::WbMaxKm, "Farthest workplace",
     "Længste afstand"},
    {M::WbNeedsMentor, "Needs a mentor",
     "Har brug for mentor"},
    {M::WbYes, "yes",
     "ja"},
    {M::WbNo, "no",
     "nej"},
    {M::WbCompetences, "Competences",
     "Kompetencer"},
    {M::WbBarriers, "Barriers",
     "Barrierer"},
    {M::WbLanguages, "Languages",
     "Sprog"},
    {M::WbMonths, "Months unemployed",
     "Måneder ledig"},
    {M::WbRequires, "Requires",
     "Kræver"},
    {M::WbGroups, "Target groups",
     "Målgrupper"},
    {M::WbMentorRequired, "Mentor required",
     "Kræver mentor"},
    {M::WbLastChanges, "What the last decision changed",
     "Hvad den seneste beslutning ændrede"},
    {M::WbSinceSaved, "Changes since the plan was last saved",
     "Ændringer siden planen sidst blev gemt"},
    {M::WbNoChanges, "No changes.",
     "Ingen ændringer."},
    {M::WbBefore, "Before",
     "Før"},
    {M::WbAfter, "After",
     "Efter"},
    {M::WbChange, "Change",
     "Ændring"},
    {M::WbChMoved, "moved",
     "flyttet"},
    {M::WbChPlaced, "placed",
     "placeret"},
    {M::WbChUnplaced, "lost the seat",
     "mistet pladsen"},
    {M::WbHistory, "Decisions made in this session",
     "Beslutninger i denne session"},
    {M::WbDecisions, "All decisions",
     "Alle beslutninger"},
    {M::WbDecision, "Decision",
     "Beslutning"},
    {M::WbRefused, "Refused",
     "Afvist"},
    {M::WbNoteSaved, "Saved decisions.csv; the earlier file is kept as decisions.csv.previous.",
     "decisions.csv er gemt; den tidligere fil er gemt som decisions.csv.previous."},
    {M::WbNoteSavedNew, "Saved decisions.csv.",
     "decisions.csv er gemt."},
    {M::WbNoteUndone, "The last decision was undone.",
     "Den seneste beslutning er fortrudt."},
    {M::WbNoteAgreed, "Agreed",
     "Aftalt"},
    {M::WbNoteRuledOut, "Ruled out",
     "Fravalgt"},
    {M::WbDlPlanJson, "The plan as result JSON",
     "Planen som resultat-JSON"},
    {M::WbDlPlanCsv, "The plan as CSV",
     "Planen som CSV"},
    {M::WbDlDecisions, "The decisions as they stand (not yet saved)",
     "Beslutningerne som de står nu (ikke gemt)"},
    {M::WbEmptyTitle, "Openings with empty seats",
     "Åbninger med ledige pladser"},
    {M::WbNoEmpty, "Every seat is taken.",
     "Alle pladser er besat."},
    {M::WbForbidden, "ruled out by a decision",
     "fravalgt ved en beslutning"},
    {M::WbBusy, "Planning…",
     "Planlægger…"},
    {M::WbRefused403, "Refused: this address needs the workbench's session token, from its own address.",
     "Afvist: denne adresse kræver arbejdsbordets adgangsnøgle, fra dets egen adresse."},
    {M::WbMethod405, "This address does not take that method.",
     "Denne adresse tager ikke imod den metode."},
    {M::WbNotFound, "Not found.",
     "Ikke fundet."},
    {M::WbCost, "Cost of agreeing",
     "Pris ved at aftale"},
    {M::WbWhoMoves, "Who moves",
     "Hvem flyttes"},
    {M::WbImpossible, "no plan can hold it",
     "ingen plan kan rumme det"},
    {M::WbInPlan, "in the plan",
     "i planen"},
    {M::WbCostPlaced, "placed",
     "placerede"},
    {M::WbCostMoved, "moved",
     "flyttede"},
    {M::WbCostShortfall, "shortfall",
     "mangel"},
    {M::WbAtMost, "at most",
     "højst"},
    {M::WbNearest, "Nearest:",
     "Nærmeste:"},
    {M::WbRForbidden, "ruled out",
     "fravalgt"},
    {M::WbRNoMentor, "no free mentor",
     "ingen ledig mentor"},
    {M::WbRDistance, "distance",
     "afstand"},
    {M::WbRHours, "hours",
     "timer"},
    {M::WbRCompetences, "competences",
     "kompetencer"},
    {M::WbRBarriers, "barriers",
     "barrierer"},
    {M::WbRGroupOrAge, "target group or age",
     "målgruppe eller alder"},
    {M::WbRExcluded, "excluded company or ruled out",
     "fravalgt virksomhed eller fravalgt par"},
    {M::WbNavWhatIf, "What it would take",
     "Hvad skal der til"},
    {M::WbNavReport, "Report",
     "Rapport"},
    {M::WbStatus, "Plan status",
     "Planens status"},
    {M::WbValue, "value",
     "værdi"},
    {M::WbWeight, "weight",
     "vægt"},
    {M::WbRefusedHost, "Refused: the Host is not this workbench's loopback address and port.",
     "Afvist: Host er ikke arbejdsbordets egen adresse og port på denne maskine."},
    {M::WbRefusedOrigin, "Refused: a request from another origin.",
     "Afvist: en forespørgsel fra en anden oprindelse (en anden side)."},
    {M::WbRefusedToken, "Refused: the session token is missing or wrong (use the address placematch serve printed).",
     "Afvist: adgangsnøglen mangler eller er forkert (brug den adresse, placematch serve skrev)."},
    {M::WbWiTarget, "Activation-rate goal (%)",
     "Mål for aktiveringsgrad (%)"},
    {M::WbWiSeats, "Seats at most (empty: no limit)",
     "Højst antal pladser (tom: ingen grænse)"},
    {M::WbWiBudget, "Course budget (kr)",
     "Kursusbudget (kr.)"},
    {M::WbWiCompute, "Compute",
     "Beregn"},
    {M::WbWiAsk, "The answers are computed when asked: each seat or course tried is a new plan, so it can take a while. The rest of the workbench can be used meanwhile.",
     "Svarene beregnes, når du beder om dem: hver plads eller hvert kursus, der prøves, er en ny plan, så det kan tage lidt tid. Resten af arbejdsbordet kan bruges imens."},
    {M::WbWiRunning, "Computing… {s} s so far. This page refreshes by itself.",
     "Beregner… {s} sek. indtil nu. Siden opdaterer sig selv."},
    {M::WbWiBusy, "Another question is being computed ({s} s so far); this one starts when it is done. This page refreshes by itself.",
     "Et andet spørgsmål er ved at blive beregnet ({s} sek. indtil nu); dette starter, når det er færdigt. Siden opdaterer sig selv."},
    {M::WbWiFailed, "The answer could not be computed",
     "Svaret kunne ikke beregnes"},
    {M::WbWiFor, "For the plan as it stands now ({n} {n?decision|decisions}), computed in {s} s. Every figure is the optimum of the changed plan, unless it says it is a bound.",
     "For planen som den står nu ({n} {n?beslutning|beslutninger}), beregnet på {s} sek. Hvert tal er optimum for den ændrede plan, medmindre der står, at det er en grænse."},
    {M::WbWiSeatsByOpening, "Seats to ask for, by opening",
     "Pladser at bede om, pr. åbning"},
    {M::WbWiSeatsToAdd, "Seats to ask for",
     "Pladser at bede om"},
    {M::WbWiFirstStep, "First at step",
     "Første gang i trin"},
    {M::WbWiStep, "Step",
     "Trin"},
    {M::WbWiStepByStep, "The seats step by step",
     "Pladserne trin for trin"},
    {M::WbWiAfterStep, "After the step",
     "Efter trinnet"},
    {M::WbWiReached, "The goal of {percent} is reached after {n} {n?seat|seats}.",
     "Målet på {percent} nås efter {n} {n?plads|pladser}."},
    {M::WbWiAtLimit, "Stopped at the limit of {n} {n?seat|seats}; the goal of {percent} is not reached yet.",
     "Stoppet ved grænsen på {n} {n?plads|pladser}; målet på {percent} er ikke nået endnu."},
    {M::WbWiNoSeatHelps, "After {n} {n?seat|seats} no further seat at today's openings places anyone more: the goal of {percent} needs new openings, courses or other rules.",
     "Efter {n} {n?plads|pladser} placerer ingen ekstra plads i dagens åbninger flere: målet på {percent} kræver nye åbninger, kurser eller andre regler."},
    {M::WbWiGoalMet, "The plan already reaches the goal of {percent}.",
     "Planen når allerede målet på {percent}."},
    {M::WbWiNoCourses, "No courses: put courses.csv in the instance folder, or start the workbench with --courses FILE.",
     "Ingen kurser: læg courses.csv i instansens mappe, eller start arbejdsbordet med --courses FIL."},
    {M::WbWiNoFloors, "The what-if does not apply the floors (floors.csv) yet: every figure here is for the plan without them.",
     "Hvad der skal til, regner endnu ikke med gulvene (floors.csv): alle tal her gælder planen uden dem."},
    {M::WbWiCourse, "Course",
     "Kursus"},
    {M::WbWiCost, "Cost (kr)",
     "Pris (kr.)"},
    {M::WbWiLeft, "Budget left (kr)",
     "Tilbage af budgettet (kr.)"},
    {M::WbWiNoCourseHelps, "No course within the budget places anyone more.",
     "Intet kursus inden for budgettet placerer flere."},
    {M::WbWiTakenBy, "Taken by",
     "Taget af"},
    {M::WbWiThenPlaced, "Of them placed",
     "Heraf placeret"},
    {M::WbWiBadShare, "expected a goal in per cent from 0 to 100, got \"{value}\"",
     "forventede et mål i procent fra 0 til 100, fik \"{value}\""},
    {M::WbWiBadSeats, "expected a whole number of seats from 0 to 100000, or nothing, got \"{value}\"",
     "forventede et helt antal pladser fra 0 til 100000, eller ingenting, fik \"{value}\""},
    {M::WbWiBadBudget, "expected an amount in kr from 0, got \"{value}\"",
     "forventede et beløb i kr. fra 0, fik \"{value}\""},
    {M::WbReportIntro, "The report for the board, as placematch report --html writes it, for the plan as it stands now (the decisions made here included, saved or not).",
     "Rapporten til bestyrelsen, som placematch report --html skriver den, for planen som den står nu (med beslutningerne truffet her, gemt eller ej)."},
    {M::WbReportOpen, "Open the report on its own page",
     "Åbn rapporten på sin egen side"},
    {M::WbDlReport, "The report for the board (HTML)",
     "Rapporten til bestyrelsen (HTML)"},
    {M::WbDlPlanExcel, "The plan as CSV for Danish Excel (semicolon, decimal comma)",
     "Planen som CSV til dansk Excel (semikolon, decimalkomma)"},
    {M::WbDlPlanXlsx, "The plan as an Excel workbook (.xlsx)",
     "Planen som Excel-projektmappe (.xlsx)"},
    {M::WbDlNote, "Every file is the plan as it stands now, the decisions made here included, saved or not; the same bytes as the command line writes for that plan.",
     "Hver fil er planen som den står nu, med beslutningerne truffet her, gemt eller ej; de samme bytes, som kommandolinjen skriver for den plan."},
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
    } else if (arg->messages) {
      for (std::size_t k = 0; k < arg->messages->size(); ++k) {
        if (k > 0 && arg->separator != MessageId::Count) out += message_template(arg->separator, lang);
        out += render((*arg->messages)[k], lang);
      }
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

MessageArg::MessageArg(std::string_view name_, MessageId id)
    : name(name_), messages(std::make_shared<const std::vector<Message>>(1, Message{id, {}})) {}
MessageArg::MessageArg(std::string_view name_, Message message)
    : name(name_), messages(std::make_shared<const std::vector<Message>>(1, std::move(message))) {}
MessageArg::MessageArg(std::string_view name_, std::vector<Message> list, MessageId separator_)
    : name(name_), messages(std::make_shared<const std::vector<Message>>(std::move(list))), separator(separator_) {}

MessageId kinds_message(OpeningKind kind) {
  switch (kind) {
    case OpeningKind::Internship: return M::KindsInternship;
    case OpeningKind::SmallJob: return M::KindsSmallJob;
    case OpeningKind::WageSubsidy: return M::KindsWageSubsidy;
    case OpeningKind::Ordinary: return M::KindsOrdinary;
    case OpeningKind::LeisureJob: return M::KindsLeisureJob;
  }
  return M::KindsOrdinary;
}

std::optional<MessageId> component_message(std::string_view name) {
  static constexpr std::pair<std::string_view, MessageId> kNames[] = {
      {"competence", M::ComponentCompetence}, {"distance", M::ComponentDistance},
      {"hours", M::ComponentHours},           {"interest", M::ComponentInterest},
      {"priority", M::ComponentPriority},     {"mentor_language", M::ComponentMentorLanguage}};
  for (const auto& [n, id] : kNames)
    if (n == name) return id;
  return std::nullopt;
}

MessageId phase_message(Phase phase) {
  switch (phase) {
    case Phase::Candidates: return M::PhaseCandidates;
    case Phase::Flow: return M::PhaseFlow;
    case Phase::PoolPrices: return M::PhasePoolPrices;
    case Phase::Search: return M::PhaseSearch;
    case Phase::Plan: return M::PhasePlan;
    case Phase::Suggest: return M::PhaseSuggest;
    case Phase::Ceiling: return M::PhaseCeiling;
    case Phase::Seats: return M::PhaseSeats;
    case Phase::Openings: return M::PhaseOpenings;
    case Phase::Courses: return M::PhaseCourses;
    case Phase::Report: return M::PhaseReport;
  }
  return M::PhaseFlow;
}

std::string progress_text(const Progress& p, Language lang) {
  std::vector<std::string> parts;
  if (p.task && *p.task != p.phase) {
    if (p.step > 0 && p.steps > 0)
      parts.push_back(text(M::ProgressStepOf, lang, {{"task", phase_message(*p.task)}, {"i", static_cast<long long>(p.step)},
                                                     {"n", static_cast<long long>(p.steps)}}));
    else if (p.step > 0)
      parts.push_back(text(M::ProgressStep, lang, {{"task", phase_message(*p.task)}, {"i", static_cast<long long>(p.step)}}));
    else
      parts.push_back(text(phase_message(*p.task), lang));
  }
  parts.push_back(text(phase_message(p.phase), lang));
  if (p.parts > 1)
    parts.push_back(text(M::ProgressParts, lang, {{"done", static_cast<long long>(p.parts_done)},
                                                  {"n", static_cast<long long>(p.parts)}}));
  if (p.placed && p.placed_bound)
    parts.push_back(text(M::ProgressPlacedBound, lang, {{"placed", static_cast<long long>(*p.placed)},
                                                        {"bound", static_cast<long long>(*p.placed_bound)}}));
  if (p.incumbent && p.bound)
    parts.push_back(text(M::ProgressScoreBound, lang, {{"score", format_number(*p.incumbent, lang, 3)},
                                                       {"bound", format_number(*p.bound, lang, 3)}}));
  if (p.gap) {  // a gap that rounds to 0 but is not: "< 0.01", never "0"
    const bool tiny = *p.gap > 0 && *p.gap * 100 < 0.005;
    parts.push_back(text(M::ProgressGap, lang,
                         {{"gap", tiny ? "< " + format_number(0.01, lang, 2) : format_number(*p.gap * 100, lang, 2)}}));
  }
  if (p.phase == Phase::PoolPrices && p.lp_iterations > 0)
    parts.push_back(text(M::ProgressLpIterations, lang, {{"n", static_cast<long long>(p.lp_iterations)}}));
  if (p.nodes > 0) parts.push_back(text(M::ProgressNodes, lang, {{"n", static_cast<long long>(p.nodes)}}));
  parts.push_back(text(M::ProgressElapsed, lang, {{"s", format_number(p.elapsed_s, lang, 1)}}));
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += " · ";
    out += part;
  }
  return out;
}

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
