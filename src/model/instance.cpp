// The data model: code interning, enumerations, derived per-company tables.
#include "placematch/model/instance.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "detail/enum_text.hpp"
#include "placematch/model/diagnostics.hpp"

namespace placematch {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}
}  // namespace

CodeId CodeTable::intern(std::string_view code) {
  auto [it, inserted] = ids_.try_emplace(lower(code), static_cast<CodeId>(names_.size()));
  if (inserted) names_.emplace_back(code);
  return it->second;
}

CodeId CodeTable::find(std::string_view code) const {
  auto it = ids_.find(lower(code));
  return it == ids_.end() ? kNone : it->second;
}

int level_of(const CodeLevels& list, CodeId code) {
  auto it = std::lower_bound(list.begin(), list.end(), code,
                             [](const CodeLevel& a, CodeId c) { return a.code < c; });
  return (it != list.end() && it->code == code) ? it->level : 0;
}

bool contains(const Codes& list, CodeId code) {
  return std::binary_search(list.begin(), list.end(), code);
}

std::string_view to_string(OpeningKind kind) {
  switch (kind) {
    case OpeningKind::Internship: return "internship";
    case OpeningKind::SmallJob: return "small_job";
    case OpeningKind::WageSubsidy: return "wage_subsidy";
    case OpeningKind::Ordinary: return "ordinary";
    case OpeningKind::LeisureJob: return "leisure_job";
  }
  return "?";  // not reached: every value is named above
}

std::optional<OpeningKind> parse_opening_kind(std::string_view text) {
  return detail::parse_enum<OpeningKind>(text, 5, /*ignore_case=*/true);
}

std::string_view to_string(DecisionKind kind) {
  switch (kind) {
    case DecisionKind::Pin: return "pin";
    case DecisionKind::Forbid: return "forbid";
  }
  return "?";
}

std::optional<DecisionKind> parse_decision_kind(std::string_view text) {
  return detail::parse_enum<DecisionKind>(text, 2, /*ignore_case=*/true);
}

const std::vector<std::pair<std::string, std::string>>& default_target_groups() {
  static const std::vector<std::pair<std::string, std::string>> groups = {
      {"6.1", "unemployment-insurance recipients (dagpenge) unemployed over 26 weeks"},
      {"6.2", "job-ready recipients of cash benefit or transition benefit"},
      {"6.3", "activity-ready recipients of cash benefit or transition benefit"},
      {"6.4", "education-ready recipients of education benefit"},
      {"6.5", "activity-ready recipients of education benefit"},
      {"6.8", "in rehabilitation (ressourceforloeb)"},
      {"INT-SHP", "recipients of self-support and return benefit in an integration programme"},
      {"YOUTH", "residents aged 13-17 seeking a leisure job (fritidsjob)"},
      {"OTHER", "anyone else"},
  };
  return groups;
}

void Instance::finalize() {
  auto build = [](auto& map, const auto& table) {
    map.clear();
    map.reserve(table.size());
    for (std::size_t i = 0; i < table.size(); ++i) map.emplace(table[i].id, static_cast<Index>(i));
  };
  build(area_index, areas);
  build(citizen_index, citizens);
  build(company_index, companies);
  build(mentor_index, mentors);
  build(opening_index, openings);
  company_openings.assign(companies.size(), {});
  company_mentors.assign(companies.size(), {});
  for (std::size_t i = 0; i < openings.size(); ++i)
    company_openings[static_cast<std::size_t>(openings[i].company)].push_back(static_cast<Index>(i));
  for (std::size_t i = 0; i < mentors.size(); ++i)
    company_mentors[static_cast<std::size_t>(mentors[i].company)].push_back(static_cast<Index>(i));
}

int Instance::mentor_pool(Index company) const {
  int pool = 0;
  for (Index m : company_mentors[static_cast<std::size_t>(company)])
    pool += std::max(0, mentors[static_cast<std::size_t>(m)].free_capacity());
  return pool;
}

int reasonableness_limit(int employees, int supported_now) {
  const int e = employees;
  return std::max(1, std::min(e, 50) / 5) + std::max(0, e - 50) / 10 - supported_now;
}

std::optional<int> Instance::reasonableness_cap(Index company) const {
  const Company& k = companies[static_cast<std::size_t>(company)];
  if (!k.employees) return std::nullopt;
  return reasonableness_limit(*k.employees, k.supported_now);
}

CodeId Instance::target_group_code(std::string_view code) const {
  CodeId id = codes.find(code);
  if (id == kNone) return kNone;
  for (const TargetGroup& g : target_groups)
    if (g.code == id) return id;
  return kNone;
}

namespace {
std::string join_errors(const Diagnostics& errors) {
  std::string text = std::to_string(errors.size()) + " input error(s)";
  if (!errors.empty()) text += "; first: " + errors.front().str();
  return text;
}
}  // namespace

InputError::InputError(Diagnostics errors)
    : std::runtime_error(join_errors(errors)), errors_(std::move(errors)) {}

std::string_view to_string(FloorScope scope) {
  switch (scope) {
    case FloorScope::Group: return "group";
    case FloorScope::Area: return "area";
  }
  return "group";
}

std::optional<FloorScope> parse_floor_scope(std::string_view text) {
  std::string lower;
  for (char ch : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (lower == "group") return FloorScope::Group;
  if (lower == "area") return FloorScope::Area;
  return std::nullopt;
}

std::int64_t Floor::required(std::int64_t residents) const {
  const double r = std::ceil(min_share * static_cast<double>(residents) - 1e-9);
  return r > 0 ? static_cast<std::int64_t>(r) : 0;
}

}  // namespace placematch
