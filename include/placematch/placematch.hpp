#pragma once
// placematch/placematch.hpp — the whole public API in one include.
//
// The folders follow the data flow, each layer including only the layers before it:
//   model/      the instance (residents, openings, companies, mentors, decisions), ids, diagnostics
//   io/         reading and writing instances (CSV folder, instance.json), atomic file writes
//   rules/      the hard rules of a pair (contract section 2) and the pin checks
//   candidates/ every feasible pair with its score (the candidate graph)
//   engine/     the optimal plan on the candidate graph (min-cost flow, mentor pools)
//   plan/       a plan in the consultant's terms (mentors named, checked independently)
//   explain/    why a resident is not placed
//   planner/    the pipeline from an instance to its explained plan
//   report/     what people and programs read: result JSON, CSV, tables, summaries
// The synthetic generator (synth/) is a separate library, placematch::synth.
//
// Usage (see also placematch/planner/match.hpp):
//   #include <placematch/placematch.hpp>
//   auto r = placematch::match(placematch::load_instance_or_throw("data/sonderborg"));
#include "placematch/candidates/candidates.hpp"
#include "placematch/candidates/scoring.hpp"
#include "placematch/engine/solve.hpp"
#include "placematch/explain/reasons.hpp"
#include "placematch/io/files.hpp"
#include "placematch/io/weights.hpp"
#include "placematch/model/diagnostics.hpp"
#include "placematch/model/format.hpp"
#include "placematch/model/geo.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/model/objective.hpp"
#include "placematch/model/progress.hpp"
#include "placematch/model/weights.hpp"
#include "placematch/plan/plan.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/report/report.hpp"
#include "placematch/rules/decisions.hpp"
#include "placematch/rules/rules.hpp"
