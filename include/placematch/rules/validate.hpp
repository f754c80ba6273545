#pragma once
// placematch/rules/validate.hpp — checking an instance built in code (not read from files).
//
// validate() gives an Instance made by another program the same checks, with the same
// messages, as `placematch validate` gives a file: the loaders' value and reference
// checks (placematch/io/files.hpp; one implementation, shared with the CSV and JSON
// readers) and, when those pass, the pins' checks (placematch/rules/decisions.hpp).
// Records are located like instance.json's, in a file named "instance":
// `instance:citizens[16]: max_km: expected a number in [0, 200], got "-3"`.
// Index fields (Citizen::area, Opening::company, Decision::citizen, ...) and code ids that
// point outside their tables are reported at their record too (a loader cannot meet them).
// Algorithm: the instance is turned into the loaders' raw records (ids and code names as
// text), which the loaders' validator checks. O(size of the instance).
//
// Usage:
//   placematch::Instance in = build_my_instance();
//   for (const auto& d : placematch::validate(in)) std::cerr << d.str() << '\n';
//   // or: placematch::validate_or_throw(in);  // throws InputError holding them all
#include "placematch/model/diagnostics.hpp"
#include "placematch/model/instance.hpp"

namespace placematch {

/// Every input error of `instance` (empty: it may be planned), located and sorted like
/// the loaders' (by table, then record). Never throws for bad input.
Diagnostics validate(const Instance& instance);

/// validate(), throwing InputError holding every error when there is one.
void validate_or_throw(const Instance& instance);

}  // namespace placematch
