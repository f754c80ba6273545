#pragma once
// placematch/model/messages.hpp — the one catalogue of every text meant for a person, in
// English and Danish (contract section 11, `--lang da|en`).
//
// A message is an id (MessageId) with an English and a Danish template. Templates name
// their parameters: `{km}` is replaced by the argument named "km"; `{n?one|other}` picks
// the text before `|` when the numeric argument "n" is 1, else the text after it (a
// plural). Numbers given as numbers are written in the language's way: at most three
// decimals, trailing zeros dropped, a decimal point in English and a decimal comma in
// Danish ("7.5" / "7,5"). Codes, ids and JSON keys are never translated: pass them as
// text arguments. A Message (id + arguments) can be kept and rendered later in either
// language. Rendering is O(template length + argument lengths).
//
// Adding a text: add an id to MessageId (before Count) and one row to the table in
// src/model/messages.cpp with both languages and the same parameters; the test
// messages_test.cpp fails when a language is missing or the two disagree on parameters.
//
// Usage:
//   std::string s = placematch::text(placematch::MessageId::ReasonHoursBand, Language::Da,
//                                    {{"km", 5.0}, {"lo", 6.0}, {"hi", 10.0}});
//   // "ingen åbning inden for 5 km tilbyder 6–10 timer om ugen"
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace placematch {

/// The languages of texts for people. English is the default.
enum class Language : std::uint8_t { En, Da };

/// "en" or "da" (case-insensitive, surrounding spaces trimmed); nullopt otherwise.
std::optional<Language> parse_language(std::string_view s);
/// "en" or "da".
std::string_view to_string(Language lang);

/// Every text for people. Grouped by where it is used; the order has no meaning.
enum class MessageId : std::uint16_t {
  // Unplaced reasons (explain/reasons): the contract's reason codes in plain words.
  ReasonNoOpeningInReach,   // {km} {area}
  ReasonHoursBand,          // {km} {lo} {hi}
  ReasonHoursExact,         // {km} {hours}
  ReasonCompetences,        // {n} {km} {code} {level}
  ReasonBarriers,           // {n} {km} {code} {level}
  ReasonGroupOrAge,         // {n} {km} {group} {age}
  ReasonExcluded,           // {n} {km}
  ReasonNoMentor,           // {n} {km}
  ReasonTakenByOthers,      // {n}
  NoTargetGroup,            // shown for a citizen without a target group
  // Short labels of the reason codes (tables, report headings).
  LabelNoOpeningInReach,
  LabelHours,
  LabelCompetences,
  LabelBarriers,
  LabelGroupOrAge,
  LabelExcluded,
  LabelNoMentor,
  LabelTakenByOthers,
  // Opening kinds.
  KindInternship,
  KindSmallJob,
  KindWageSubsidy,
  KindOrdinary,
  KindLeisureJob,
  // Empty-seat reason labels (contract section 6, empty_seats).
  LabelNoCandidate,
  LabelReasonableness,
  LabelEmptyNoMentor,
  LabelPlacedElsewhere,
  // Progress of a long run (model/progress.hpp): the phases, then the parts of a line.
  PhaseCandidates,
  PhaseFlow,
  PhasePoolPrices,
  PhaseSearch,
  PhasePlan,
  PhaseSuggest,
  PhaseCeiling,
  PhaseSeats,
  PhaseOpenings,
  PhaseCourses,
  PhaseReport,
  ProgressStepOf,       // {task} {i} {n}
  ProgressStep,         // {task} {i}
  ProgressParts,        // {done} {n}
  ProgressPlacedBound,  // {placed} {bound}
  ProgressScoreBound,   // {score} {bound}
  ProgressGap,          // {gap}
  ProgressNodes,        // {n}
  ProgressLpIterations, // {n}
  ProgressElapsed,      // {s}
  // Default target groups (section 5), by code.
  Group61,
  Group62,
  Group63,
  Group64,
  Group65,
  Group68,
  GroupIntShp,
  GroupYouth,
  GroupOther,
  // Common words: column headings and table words.
  WordCitizen,
  WordOpening,
  WordCompany,
  WordMentor,
  WordScore,
  WordKm,
  WordHours,
  WordKind,
  WordTargetGroup,
  WordArea,
  WordPinned,
  WordReason,
  WordReasonCode,
  WordResidents,
  WordPlaced,
  WordRate,
  WordTotal,
  WordOpenings,
  WordSeats,
  WordFree,
  WordYes,
  WordNo,
  WordOtherAreas,
  WordName,
  WordCapacity,
  WordUsed,
  WordScope,
  WordCode,
  // Sheet names of the workbook (at most 31 characters).
  SheetPlacements,
  SheetUnplaced,
  SheetEmptySeats,
  SheetSummary,
  // The terminal table of a plan (report/plan_table).
  TableHead,                // {status} {objective}
  StatusOptimal,
  StatusFeasible,
  StatusNotSolved,
  StatusInfeasible,
  StatusBadCostRange,
  TablePlaced,              // {placed} {residents} {rate} {score}
  TableBound,               // {score}
  TableBoundPlaced,         // {placed} {score}
  TableUnplacedByReason,
  // The plan's audit in the terminal table (report/audit_views).
  AuditGroupsTitle,
  AuditAreasTitle,
  WordMeanScore,
  AuditMoreAreas,           // {n} {rate} {area}
  // The board's report (report/board).
  ReportTitle,
  ReportSubtitle,           // {residents} {areas} {companies}
  ReportStatusOptimal,
  ReportStatusBound,        // {bound}
  ReportStatusUnproven,
  HeadActivation,
  ReportRateLine,           // {placed} {residents}
  WordGoal,
  WordBaseline,
  ReportGoalGap,            // {n}
  ReportGoalReached,
  HeadGroupArea,
  LegendBelowBaseline,      // {rate}
  HeadKinds,
  HeadMap,
  MapLegend,
  HeadUnplaced,
  ReportNoUnplaced,
  HeadEmptySeats,
  ReportEmptySeatsLine,     // {free} {seats} {openings}
  HeadMentors,
  ReportMentorsLine,        // {mentors} {room} {used} {free}
  ReportCompaniesLine,      // {used} {companies}
  HeadChanges,
  ReportChangesLine,        // {before} {kept} {n}
  ReportNoChanges,
  ReportMoreChanges,        // {n}
  ChangeMoved,
  ChangeUnplaced,
  ChangePlaced,
  ChangeGone,
  WordBefore,
  WordAfter,
  WordChange,
  ReportNoResidents,
  ReportFooter,             // {version}
  Percent,                  // {p}
  // The validate summary (report/instance_summary).
  SummaryInstance,  // {residents} {areas} {companies} {openings} {seats} {mentors} {room} {pins} {forbids}
  SummaryByGroupArea,
  SummaryMentored,          // {n}
  SummaryOpeningsByKind,
  SummaryValid,             // {path}
  // The candidates command.
  CandidatesWritten,        // {pairs} {residents} {openings} {file}
  // Why a seat stays empty (explain/empty_seats).
  EmptyNoCandidate,  // {opening}
  EmptyReasonableness,  // {company} {kinds} {employees} {supported} {used}
  KindsInternship,
  KindsWageSubsidy,
  KindsSmallJob,
  KindsOrdinary,
  KindsLeisureJob,
  EmptyNoMentorNobody,  // {opening} {company} {pool}
  EmptyNoMentor,  // {n} {opening} {company} {pool}
  EmptyElsewhereOne,  // {opening}
  EmptyElsewhereAll,  // {n} {opening}
  EmptyElsewhereSome,  // {elsewhere} {n} {opening} {unplaced}
  // Broken rules of a pair (explain/why_rules).
  RuleDistance,  // {citizen} {max_km} {opening} {company} {km}
  RuleHours,  // {citizen} {can} {offers}
  Band,  // {lo} {hi}
  RuleCompetenceNone,  // {opening} {code} {level} {citizen}
  RuleCompetenceLevel,  // {opening} {code} {level} {citizen} {has}
  RuleBarrierNone,  // {opening} {code} {citizen} {severity}
  RuleBarrierUpTo,  // {opening} {code} {limit} {citizen} {severity}
  RuleGroup,  // {opening} {groups} {citizen} {group}
  RuleAgeRange,  // {opening} {lo} {hi} {citizen} {age}
  RuleAgeFrom,  // {opening} {lo} {citizen} {age}
  RuleAgeTo,  // {opening} {hi} {citizen} {age}
  RuleMinor,  // {citizen} {age} {opening} {kind}
  RuleLeisure,  // {opening} {citizen} {age}
  RuleExcluded,  // {citizen} {company} {company_id}
  RuleForbidden,  // {citizen} {opening}
  RuleNotAPair,
  RuleMentorCitizen,  // {citizen} {company}
  RuleMentorOpening,  // {opening} {company}
  ListSeparator,
  RuleParts,  // {parts}: several sentences of one rule, joined by ListSeparator
  // Changes of a re-plan, suggest and why (report/consult).
  ChangeTextMoved,  // {citizen} {before} {after}
  ChangeTextUnplaced,  // {citizen} {before}
  ChangeTextPlaced,  // {citizen} {after}
  ChangeTextGone,  // {citizen} {before}
  ChangesAgainst,  // {file} {n} {placements} {kept} {feasible}
  CostImpossible,
  CostInPlan,
  CostLine,  // {placed} {moved} {score}
  CostNotProven,
  CostShortfall,  // {shortfall}
  SuggestForOpening,  // {opening} {kind} {company} {seats}
  SuggestForCitizen,  // {citizen}
  SuggestPlan,  // {placed} {score}
  SuggestNone,
  SuggestRow,  // {citizen} {opening} {company} {score} {km} {cost}
  WhyPlaced,  // {citizen} {opening} {kind} {company} {score} {km} {hours}
  WhyPinned,
  WhyNotPlaced,  // {citizen} {reason} {code}
  WhyOpening,  // {opening} {company} {km}
  WhyNotPossible,
  WhyFeasible,
  WhyNoSeatTaken,
  WhySeatsHeld,  // {holders}
  WhyNearest,  // {km} {opening} {nearest_km}
  // Score components (why, the workbench).
  ComponentCompetence,
  ComponentDistance,
  ComponentHours,
  ComponentInterest,
  ComponentPriority,
  ComponentMentorLanguage,
  // What it would take (report/whatif_report).
  WhatIfTitle,
  WhatIfToday,
  WhatIfCeiling,
  WhatIfUnreachable,
  WhatIfSeatsHead,
  WhatIfOpeningsHead,
  WhatIfCoursesHead,
  WhatIfAllCoursesBound,  // {n}
  WhatIfColArea,
  WhatIfColGroup,
  WhatIfColToday,
  WhatIfColCeiling,
  WhatIfColLeftOut,
  WhatIfColUnreachable,
  WhatIfColRule,
  WhatIfValue,  // {placed} {percent} {score}
  WhatIfNotProven,  // {bound}
  WhatIfOpeningWords,  // {company} {kind} {hours} {opening}
  WhatIfSeatStep,  // {step} {opening} {value}
  WhatIfGain,  // {opening} {placed} {score} {value}
  WhatIfBudget,  // {budget} {spent}
  WhatIfBefore,  // {value}
  WhatIfAfter,  // {value}
  WhatIfCourseStep,  // {step} {citizen} {course} {cost} {left} {value}
  WhatIfCourseUse,  // {course} {taken} {placed}
  // The consultant's plan table and its filters (report/plan_table).
  TableMoreRowsAll,  // {n}
  TableFiltered,  // {shown} {total} {filter}
  TableFilterArea,  // {area}
  TableFilterGroup,  // {group}
  TableFilterCompany,  // {company}
  TableFilterAnd,
  TableUnplacedHead,  // {n}
  TableMoreUnplaced,  // {n}
  TableNoPlacements,
  FilterUnknownArea,  // {value} {known}
  FilterUnknownGroup,  // {value} {known}
  FilterUnknownCompany,  // {value}
  // The workbench (serve/), keyed like its pages.
  WbApp,
  WbNavPlan,
  WbNavEmpty,
  WbNavChanges,
  WbNavDownloads,
  WbResidents,
  WbPlaced,
  WbNotPlaced,
  WbActivation,
  WbGoal,
  WbStatusOptimal,
  WbStatusFeasible,
  WbUnsaved,
  WbSaved,
  WbSave,
  WbUndo,
  WbAgree,
  WbRuleOut,
  WbAgreed,
  WbRuledOut,
  WbFilter,
  WbAll,
  WbArea,
  WbGroup,
  WbCompany,
  WbKind,
  WbOpening,
  WbResident,
  WbMentor,
  WbHours,
  WbKm,
  WbScore,
  WbReason,
  WbSeats,
  WbFree,
  WbHolders,
  WbNobody,
  WbCandidates,
  WbWhereNow,
  WbHere,
  WbUnplacedNow,
  WbComponents,
  WbPlacements,
  WbUnplaced,
  WbPlacedAt,
  WbInReach,
  WbFits,
  WbBroken,
  WbNoneInReach,
  WbAge,
  WbMaxKm,
  WbNeedsMentor,
  WbYes,
  WbNo,
  WbCompetences,
  WbBarriers,
  WbLanguages,
  WbMonths,
  WbRequires,
  WbGroups,
  WbMentorRequired,
  WbLastChanges,
  WbSinceSaved,
  WbNoChanges,
  WbBefore,
  WbAfter,
  WbChange,
  WbChMoved,
  WbChPlaced,
  WbChUnplaced,
  WbHistory,
  WbDecisions,
  WbDecision,
  WbRefused,
  WbNoteSaved,
  WbNoteSavedNew,
  WbNoteUndone,
  WbNoteAgreed,
  WbNoteRuledOut,
  WbDlPlanJson,
  WbDlPlanCsv,
  WbDlDecisions,
  WbEmptyTitle,
  WbNoEmpty,
  WbForbidden,
  WbBusy,
  WbRefused403,
  WbMethod405,
  WbNotFound,
  WbCost,
  WbWhoMoves,
  WbImpossible,
  WbInPlan,
  WbCostPlaced,
  WbCostMoved,
  WbCostShortfall,
  WbAtMost,
  WbNearest,
  WbRForbidden,
  WbRNoMentor,
  WbRDistance,
  WbRHours,
  WbRCompetences,
  WbRBarriers,
  WbRGroupOrAge,
  WbRExcluded,
  // The workbench's what-if, report and downloads (serve/workbench).
  WbNavWhatIf,
  WbNavReport,
  WbStatus,
  WbValue,
  WbWeight,
  WbRefusedHost,
  WbRefusedOrigin,
  WbRefusedToken,
  WbWiTarget,
  WbWiSeats,
  WbWiBudget,
  WbWiCompute,
  WbWiAsk,
  WbWiRunning,  // {s}
  WbWiBusy,  // {s}
  WbWiFailed,
  WbWiFor,  // {n} {s}
  WbWiSeatsByOpening,
  WbWiSeatsToAdd,
  WbWiFirstStep,
  WbWiStep,
  WbWiStepByStep,
  WbWiAfterStep,
  WbWiReached,  // {percent} {n}
  WbWiAtLimit,  // {n} {percent}
  WbWiNoSeatHelps,  // {n} {percent}
  WbWiGoalMet,  // {percent}
  WbWiNoCourses,
  WbWiNoFloors,
  WbWiCourse,
  WbWiCost,
  WbWiLeft,
  WbWiNoCourseHelps,
  WbWiTakenBy,
  WbWiThenPlaced,
  WbWiBadShare,  // {value}
  WbWiBadSeats,  // {value}
  WbWiBadBudget,  // {value}
  WbReportIntro,
  WbReportOpen,
  WbDlReport,
  WbDlPlanExcel,
  WbDlPlanXlsx,
  WbDlNote,
  // Floors in the terminal table (report/audit_views).
  FloorsTitle,
  WordRequired,
  WordShortfall,
  FloorsSummary,  // {shortfall} {bound} {placed} {score} {exact}
  FloorsExact,
  FloorsEstimate,
  // Floors in the board's report (report/board) and the workbook (report/spreadsheet).
  HeadFloors,
  ReportFloorsIntro,
  ReportFloorsShortfall,  // {shortfall} {bound}
  ReportFloorsPrice,      // {placed} {score} {exact}
  ReportFloorsNotApplied,
  LegendShortfall,
  SheetFloors,
  WordPriceOfFloors,
  Count  // not a message: the number of ids
};

struct Message;

/// A named argument of a message: text (ids, codes, names), a number, or another message
/// (rendered in the same language: a kind's name, a band of hours, a list of sentences).
struct MessageArg {
  MessageArg(std::string_view name_, std::string_view text_) : name(name_), text(text_) {}
  MessageArg(std::string_view name_, const char* text_) : name(name_), text(text_) {}
  MessageArg(std::string_view name_, const std::string& text_) : name(name_), text(text_) {}
  MessageArg(std::string_view name_, double number_) : name(name_), number(number_) {}
  MessageArg(std::string_view name_, int number_) : name(name_), number(number_) {}
  MessageArg(std::string_view name_, long number_) : name(name_), number(static_cast<double>(number_)) {}
  MessageArg(std::string_view name_, long long number_)
      : name(name_), number(static_cast<double>(number_)) {}
  MessageArg(std::string_view name_, unsigned long number_)
      : name(name_), number(static_cast<double>(number_)) {}
  MessageArg(std::string_view name_, unsigned long long number_)
      : name(name_), number(static_cast<double>(number_)) {}
  /// A message without arguments, e.g. {"kind", kind_message(k)}.
  MessageArg(std::string_view name_, MessageId id);
  /// A message with its own arguments.
  MessageArg(std::string_view name_, Message message);
  /// Messages joined by `separator` (itself a message, e.g. ListSeparator).
  MessageArg(std::string_view name_, std::vector<Message> list, MessageId separator);

  std::string name;
  std::string text;              // used when number is unset
  std::optional<double> number;  // written in the language's way
  std::shared_ptr<const std::vector<Message>> messages;  // set: rendered in the language, joined
  MessageId separator = MessageId::Count;                 // between `messages` (Count: none)
};

/// A message with its arguments, to be rendered in any language later.
struct Message {
  MessageId id = MessageId::Count;
  std::vector<MessageArg> args;
};

/// The template of `id` in `lang` (empty only for MessageId::Count).
std::string_view message_template(MessageId id, Language lang);

/// The message `id` in `lang` with its arguments filled in. A placeholder without an
/// argument is left as written (`{name}`), so a mistake shows instead of vanishing.
std::string text(MessageId id, Language lang, std::initializer_list<MessageArg> args = {});
std::string text(MessageId id, Language lang, const std::vector<MessageArg>& args);
/// The stored message in `lang`.
std::string render(const Message& message, Language lang);

/// A number as messages write it: at most `decimals` decimals, trailing zeros dropped,
/// the language's decimal separator ("7.5", "7,5"; "-0" is "0").
std::string format_number(double value, Language lang, int decimals = 3);

/// The name of a progress phase ("searching the mentor pools" / "søger i mentorpuljerne").
enum class Phase : std::uint8_t;
MessageId phase_message(Phase phase);
/// One line for a person about a run's progress (model/progress.hpp), in `lang`: the
/// what-if question and its step, the phase, the parts solved, the search's best plan,
/// bound and gap and nodes when known, and the elapsed seconds, joined by " · ". E.g.
/// "what-if seats: step 3 of 10 · searching the mentor pools · 97 placed (bound 97) ·
/// score 76.545 (bound 76.61) · gap 0.09 % · 120 nodes · 12 s". O(length).
struct Progress;
std::string progress_text(const Progress& progress, Language lang);

/// The label of an opening kind ("internship" / "virksomhedspraktik").
enum class OpeningKind : std::uint8_t;
MessageId kind_message(OpeningKind kind);
/// The plural used in sentences ("internships" / "virksomhedspraktik").
MessageId kinds_message(OpeningKind kind);
/// The name of a score component by its code ("competence", ..., "mentor_language");
/// nullopt for a code it does not know.
std::optional<MessageId> component_message(std::string_view name);
/// The short label of a reason code of the contract (unplaced: "hours", ...,
/// "taken_by_others"; empty seats: "no_candidate", "reasonableness", "no_mentor",
/// "candidates_placed_elsewhere"; `empty_seat` picks the empty-seat meaning of
/// "no_mentor"); nullopt for a code it does not know.
std::optional<MessageId> reason_label(std::string_view reason_code, bool empty_seat = false);
/// The Danish/English name of a default target group (section 5) by code; nullopt for
/// other codes (their names come from the instance's target_groups.csv).
std::optional<MessageId> default_group_message(std::string_view code);

/// The placeholder names of a template, in order of appearance, each once (a plural
/// `{n?a|b}` names "n"). For tests and tools that check the catalogue.
std::vector<std::string> placeholders(std::string_view message_template);

}  // namespace placematch
