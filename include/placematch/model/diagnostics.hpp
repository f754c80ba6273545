#pragma once
// placematch/model/diagnostics.hpp — located problems with input (data contract v1, section 6).
//
// Every problem found in an instance is collected, never only the first, and printed as
// `FILE:LINE: COLUMN: MESSAGE` (CSV: LINE is the physical line where the record starts,
// the header is line 1, 0 for the whole file) or `instance.json:citizens[16]: COLUMN:
// MESSAGE`. COLUMN is `row` for a whole row and `file` for a whole file.
// O(1) per diagnostic.
//
// Usage:
//   try { placematch::load_instance_or_throw(path); }
//   catch (const placematch::InputError& e) { for (const auto& d : e.errors()) std::cerr << d.str(); }
#include <stdexcept>
#include <string>
#include <vector>

namespace placematch {

struct Diagnostic {
  std::string where;    // "citizens.csv:17", "areas.csv:0", "instance.json:citizens[16]"
  std::string column;   // a column name, "row" or "file"
  std::string message;  // what is wrong, with the offending value quoted
  std::string str() const { return where + ": " + column + ": " + message; }
};

using Diagnostics = std::vector<Diagnostic>;

/// Thrown by convenience entry points when an instance has input errors. Holds them all.
class InputError : public std::runtime_error {
 public:
  explicit InputError(Diagnostics errors);
  const Diagnostics& errors() const noexcept { return errors_; }

 private:
  Diagnostics errors_;
};

}  // namespace placematch
