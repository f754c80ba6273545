#pragma once
// placematch/model/instance.hpp — the data model of an instance (data contract v1, section 1).
//
// An Instance is validated once, at the boundary (placematch/io/files.hpp), and then trusted.
// Records refer to each other by dense integer indices; string ids live only in the
// records themselves and in the id tables, and are written back exactly as given.
// Codes (competences, barriers, languages, sectors, target groups) are interned
// case-insensitively to dense CodeIds by one CodeTable per instance.
// Building and finalize() are O(size of the instance); lookups by index are O(1), by id
// O(1) expected (the id maps).
//
// Usage:
//   placematch::Instance in = placematch::load_instance_or_throw("data/sonderborg");
//   const placematch::Citizen& c = in.citizens[in.citizen_index.at("c017")];
//   std::cout << to_string(in.openings[0].kind) << in.mentor_pool(in.openings[0].company);
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace placematch {

/// Dense index of a record within its table (citizens, openings, ...).
using Index = std::int32_t;
/// Dense id of an interned code.
using CodeId = std::int32_t;
/// Index of an arc (a candidate pair) in a CandidateGraph or MatchingProblem: pairs can
/// outnumber 2^31 at national size, so 64 bits.
using ArcIndex = std::int64_t;
/// "None": no record, no code, no arc (compares equal to every index type above).
inline constexpr std::int32_t kNone = -1;

/// Interns ASCII codes case-insensitively. The first spelling seen is kept for display.
/// intern/find are O(length) expected.
class CodeTable {
 public:
  CodeId intern(std::string_view code);
  /// kNone when the code was never interned.
  CodeId find(std::string_view code) const;
  /// The first spelling under which the code was interned.
  const std::string& name(CodeId id) const { return names_[static_cast<std::size_t>(id)]; }
  std::size_t size() const { return names_.size(); }

 private:
  std::unordered_map<std::string, CodeId> ids_;  // key: lower-cased code
  std::vector<std::string> names_;
};

/// A code with a level (competences, requires, desires) or severity (barriers, limits).
struct CodeLevel {
  CodeId code = kNone;
  int level = 1;
  friend bool operator==(const CodeLevel&, const CodeLevel&) = default;
};
/// Lists of CodeLevel and CodeId in records are kept sorted by code, without repeats.
using CodeLevels = std::vector<CodeLevel>;
using Codes = std::vector<CodeId>;

/// The level of `code` in a sorted list, or 0 when absent. O(log n).
int level_of(const CodeLevels& list, CodeId code);
/// Whether a sorted code list holds `code`. O(log n).
bool contains(const Codes& list, CodeId code);

enum class OpeningKind : std::uint8_t { Internship, SmallJob, WageSubsidy, Ordinary, LeisureJob };
enum class DecisionKind : std::uint8_t { Pin, Forbid };

/// The contract's spelling: "internship", "small_job", "wage_subsidy", "ordinary", "leisure_job".
std::string_view to_string(OpeningKind kind);
std::optional<OpeningKind> parse_opening_kind(std::string_view text);  // case-insensitive
std::string_view to_string(DecisionKind kind);                          // "pin", "forbid"
std::optional<DecisionKind> parse_decision_kind(std::string_view text);  // case-insensitive

/// Whether openings of this kind count against the reasonableness rule (LAB § 48).
constexpr bool counts_for_reasonableness(OpeningKind k) {
  return k == OpeningKind::Internship || k == OpeningKind::WageSubsidy;
}

/// A housing area (boligområde).
struct Area {
  std::string id;
  std::string name;
  double lat = 0, lon = 0;
};

/// An unemployed resident (pseudonymous: no names, no CPR numbers).
struct Citizen {
  std::string id;
  Index area = kNone;
  CodeId target_group = kNone;  // default OTHER
  int age = 0;
  double hours = 0;
  double hours_tolerance = 0;
  double max_km = 0;
  bool needs_mentor = false;
  CodeLevels competences;
  CodeLevels barriers;
  Codes languages;
  Codes interests;  // sector codes
  int months_unemployed = 0;
  std::vector<Index> excluded_companies;  // sorted, company indices
};

/// A company of the network.
struct Company {
  std::string id;
  std::string name;
  double lat = 0, lon = 0;
  CodeId sector = kNone;
  std::optional<int> employees;  // absent: the reasonableness rule does not apply
  int supported_now = 0;
};

/// A mentor in a company.
struct Mentor {
  std::string id;
  Index company = kNone;
  int capacity = 1;
  int carrying_now = 0;
  Codes languages;
  /// New mentored placements this mentor can still carry (may be <= 0).
  int free_capacity() const { return capacity - carrying_now; }
};

/// An internship, small job or other opening.
struct Opening {
  std::string id;
  Index company = kNone;
  OpeningKind kind = OpeningKind::Internship;
  int seats = 1;
  double hours_min = 0, hours_max = 0;
  CodeLevels required;        // column `requires`: hard
  CodeLevels desired;         // column `desires`: soft, score only
  CodeLevels barrier_limits;  // hard
  Codes groups;               // empty: every target group
  std::optional<int> age_min, age_max;
  bool mentor_required = false;
  CodeId sector = kNone;  // the company's sector when not given
};

/// A consultant's decision on one pair.
struct Decision {
  Index citizen = kNone;
  Index opening = kNone;
  DecisionKind kind = DecisionKind::Pin;
  Index mentor = kNone;  // agreed mentor of a pin, or kNone
  /// Where the decision was read, for located messages: "decisions.csv:3" or
  /// "instance.json:decisions[2]".
  std::string where;
};

/// A target group (section 5 of the contract).
struct TargetGroup {
  CodeId code = kNone;
  std::string name;
};

/// A floor (contract section 12, floors.csv): at least ceil(min_share x residents) of the
/// residents of a target group or a housing area placed. `required` uses ceil(min_share x n
/// - 1e-9), so a share written in decimals (0.3 of 70) is not pushed up by rounding.
enum class FloorScope : std::uint8_t { Group, Area };
std::string_view to_string(FloorScope scope);  // "group", "area"
std::optional<FloorScope> parse_floor_scope(std::string_view text);  // case-insensitive
struct Floor {
  FloorScope scope = FloorScope::Group;
  std::int32_t code = kNone;  // the target group's CodeId, or the area's Index
  double min_share = 0;       // in [0, 1]
  std::string where;          // "floors.csv:3" or "instance.json:floors[2]"
  /// ceil(min_share * residents - 1e-9), at least 0.
  std::int64_t required(std::int64_t residents) const;
};

/// The default target groups (job centre table of 1 March 2021): code and description.
const std::vector<std::pair<std::string, std::string>>& default_target_groups();

/// A whole instance. Build the tables, then call finalize() to build the id maps and
/// the derived per-company tables (the loaders do this).
struct Instance {
  std::vector<Area> areas;
  std::vector<Citizen> citizens;
  std::vector<Company> companies;
  std::vector<Mentor> mentors;
  std::vector<Opening> openings;
  std::vector<Decision> decisions;
  std::vector<TargetGroup> target_groups;
  std::vector<Floor> floors;  // floors.csv (contract section 12); empty: none
  CodeTable codes;

  // Derived by finalize().
  std::unordered_map<std::string, Index> area_index, citizen_index, company_index,
      mentor_index, opening_index;
  std::vector<std::vector<Index>> company_openings;  // openings of each company, ascending
  std::vector<std::vector<Index>> company_mentors;   // mentors of each company, ascending

  /// Builds the id maps and derived tables. O(size of the instance).
  void finalize();

  /// Free mentor capacity of a company: the sum over its mentors of max(0, capacity -
  /// carrying_now). O(mentors of the company).
  int mentor_pool(Index company) const;
  /// The reasonableness cap on new internship and wage-subsidy placements at a
  /// company (section 3; may be <= 0), or nullopt when `employees` is not given.
  std::optional<int> reasonableness_cap(Index company) const;
  /// The code of a target group by name, kNone if not one of this instance's groups.
  CodeId target_group_code(std::string_view code) const;
};

/// The reasonableness rule for `employees` ordinary employees and `supported_now`
/// people already supported: max(1, floor(min(e,50)/5)) + floor(max(0,e-50)/10) - s.
int reasonableness_limit(int employees, int supported_now);

}  // namespace placematch
