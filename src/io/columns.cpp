// The contract's files and columns (see src/detail/columns.hpp).
#include "detail/columns.hpp"

#include "detail/enum_text.hpp"

namespace placematch::detail {

namespace {
constexpr ColumnSpec kAreas[] = {{"id", true}, {"name", false}, {"lat", true}, {"lon", true}};
constexpr ColumnSpec kCitizens[] = {
    {"id", true},           {"area", true},       {"target_group", false},
    {"age", true},          {"hours", true},      {"hours_tolerance", false},
    {"max_km", true},       {"needs_mentor", false}, {"competences", false},
    {"barriers", false},    {"languages", false}, {"interests", false},
    {"months_unemployed", false}, {"excluded_companies", false}};
constexpr ColumnSpec kCompanies[] = {
    {"id", true},      {"name", false},      {"lat", true},          {"lon", true},
    {"sector", false}, {"employees", false}, {"supported_now", false}};
constexpr ColumnSpec kMentors[] = {
    {"id", true}, {"company", true}, {"capacity", true}, {"carrying_now", false}, {"languages", false}};
constexpr ColumnSpec kOpenings[] = {
    {"id", true},        {"company", true},      {"kind", true},
    {"seats", false},    {"hours_min", true},    {"hours_max", true},
    {"requires", false}, {"desires", false},     {"barrier_limits", false},
    {"groups", false},   {"age_min", false},     {"age_max", false},
    {"mentor_required", false}, {"sector", false}};
constexpr ColumnSpec kDecisions[] = {
    {"citizen", true}, {"opening", true}, {"decision", true}, {"mentor", false}};
constexpr ColumnSpec kTargetGroups[] = {{"code", true}, {"name", false}};
constexpr ColumnSpec kFloors[] = {{"scope", true}, {"code", true}, {"min_share", true}};
}  // namespace

std::string_view to_string(Table table) {
  switch (table) {
    case Table::Areas: return "areas";
    case Table::Citizens: return "citizens";
    case Table::Companies: return "companies";
    case Table::Mentors: return "mentors";
    case Table::Openings: return "openings";
    case Table::Decisions: return "decisions";
    case Table::TargetGroups: return "target_groups";
    case Table::Floors: return "floors";
  }
  return "?";  // not reached: every value is named above
}

std::optional<Table> parse_table(std::string_view text) { return parse_enum<Table>(text, kTableCount); }

std::span<const ColumnSpec> columns_of(Table table) {
  switch (table) {
    case Table::Areas: return kAreas;
    case Table::Citizens: return kCitizens;
    case Table::Companies: return kCompanies;
    case Table::Mentors: return kMentors;
    case Table::Openings: return kOpenings;
    case Table::Decisions: return kDecisions;
    case Table::TargetGroups: return kTargetGroups;
    case Table::Floors: return kFloors;
  }
  return {};
}

bool table_required(Table table) {
  return table == Table::Areas || table == Table::Citizens || table == Table::Companies ||
         table == Table::Openings;
}

int column_index(Table table, std::string_view name) {
  const auto spec = columns_of(table);
  for (std::size_t i = 0; i < spec.size(); ++i)
    if (spec[i].name == name) return static_cast<int>(i);
  return -1;
}

}  // namespace placematch::detail
