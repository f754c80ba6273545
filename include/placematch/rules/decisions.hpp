#pragma once
// placematch/rules/decisions.hpp — checks of the consultant's pins before planning (data
// contract v1, section 3: "Pins are checked before planning").
//
// Every problem is reported, located at the pin's record (Decision::where):
// a pin that breaks a rule of section 2 (the message names the rule), two pins of one
// citizen, pins that overfill an opening, pins that exceed their agreed mentor's free
// capacity or the company's mentor pool, pins that exceed the reasonableness cap, a pin
// that needs no mentor but names one, and a pair both pinned and forbidden. Counting
// problems are reported at the pin that overflows (in file order); a pin that breaks a
// rule of section 2 is not counted further. O(D log D + D x list lengths).
//
// Usage:
//   for (const placematch::Diagnostic& d : placematch::check_decisions(instance)) std::cerr << d.str();
#include "placematch/model/diagnostics.hpp"
#include "placematch/model/instance.hpp"

namespace placematch {

/// The problems with the pins of a loaded instance (empty: the pins can all be kept).
Diagnostics check_decisions(const Instance& instance);

}  // namespace placematch
