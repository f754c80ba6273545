#pragma once
// src/detail/columns.hpp — the contract's files and their columns, declared once (internal;
// data contract section 1). The loaders (src/io/load_*.cpp) read by these lists and the
// writers (src/io/write.cpp) write their headers and JSON keys from them, so reader and
// writer cannot disagree on a name or an order. O(1) lookups (column_index: O(columns)).
#include <optional>
#include <span>
#include <string_view>

namespace placematch::detail {

/// The contract's files (tables), in the fixed order used to sort diagnostics.
enum class Table : int { Areas, Citizens, Companies, Mentors, Openings, Decisions, TargetGroups, Floors };
inline constexpr int kTableCount = 8;

/// "areas", "citizens", ... (the JSON key; the CSV file is this plus ".csv").
std::string_view to_string(Table table);
/// The inverse of to_string(Table); nullopt for any other text.
std::optional<Table> parse_table(std::string_view text);

struct ColumnSpec {
  std::string_view name;
  bool required;
};

/// The columns of a table, in the contract's order.
std::span<const ColumnSpec> columns_of(Table table);
/// Whether the CSV file / JSON array must be present.
bool table_required(Table table);
/// The index of `name` in columns_of(table), or -1.
int column_index(Table table, std::string_view name);

}  // namespace placematch::detail
