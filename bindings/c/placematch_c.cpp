// The C interface (placematch/placematch.h): each function catches every exception and
// turns it into a status code and the thread's last-error text.
#include "placematch/placematch.h"

#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "placematch/io/files.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/report/report.hpp"
#include "placematch/rules/validate.hpp"
#include "placematch/version.hpp"

struct pm_instance {
  placematch::Instance instance;
};

struct pm_result {
  placematch::Plan plan;
  std::string json;
  // Ids copied from the instance: a result stays valid after its instance is freed.
  std::vector<std::string> citizen_ids, opening_ids, company_ids, mentor_ids, unplaced_ids, reason_codes;
};

namespace {

thread_local std::string last_error;

pm_status fail(pm_status status, std::string message) {
  try {
    last_error = std::move(message);
  } catch (...) {
  }
  return status;
}

std::string lines(const placematch::Diagnostics& list) {
  std::string s;
  for (const auto& d : list) s += d.str() + "\n";
  return s;
}

// Runs `f`, mapping every exception to a status.
template <class F>
pm_status guarded(F&& f) {
  try {
    return f();
  } catch (const placematch::InputError& e) {
    return fail(PM_INPUT_ERROR, lines(e.errors()));
  } catch (const std::bad_alloc&) {
    return fail(PM_OUT_OF_MEMORY, "out of memory");
  } catch (const std::invalid_argument& e) {
    return fail(PM_INVALID_ARGUMENT, e.what());
  } catch (const std::exception& e) {
    return fail(PM_INTERNAL_ERROR, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(PM_INTERNAL_ERROR, "internal error");
  }
}

pm_status take(placematch::LoadResult r, pm_instance** out) {
  if (!r.ok()) return fail(PM_INPUT_ERROR, lines(r.errors));
  placematch::Diagnostics pins = placematch::validate(*r.instance);
  if (!pins.empty()) return fail(PM_INPUT_ERROR, lines(pins));
  *out = new pm_instance{std::move(*r.instance)};
  return PM_OK;
}

std::string range_message(const char* what, size_t index, size_t size) {
  return std::string(what) + " index " + std::to_string(index) + " out of range [0, " + std::to_string(size) + ")";
}

}  // namespace

extern "C" {

const char* pm_version(void) { return placematch::kVersion; }
const char* pm_last_error(void) { return last_error.c_str(); }

const char* pm_status_name(pm_status status) {
  switch (status) {
    case PM_OK: return "ok";
    case PM_INPUT_ERROR: return "input_error";
    case PM_INVALID_ARGUMENT: return "invalid_argument";
    case PM_INFEASIBLE: return "infeasible";
    case PM_OUT_OF_MEMORY: return "out_of_memory";
    case PM_INTERNAL_ERROR: return "internal_error";
  }
  return "unknown";
}

void pm_match_options_init(pm_match_options* options) {
  if (!options) return;
  options->objective = PM_OBJECTIVE_PLACEMENTS;
  options->time_limit_seconds = 0;
  options->work_limit = -1;
  options->threads = 0;
}

pm_status pm_instance_load(const char* path, pm_instance** out) {
  if (out) *out = nullptr;
  if (!path || !out) return fail(PM_INVALID_ARGUMENT, "pm_instance_load: path and out must not be NULL");
  return guarded([&] { return take(placematch::load_instance(path), out); });
}

pm_status pm_instance_from_json(const char* json_text, pm_instance** out) {
  if (out) *out = nullptr;
  if (!json_text || !out) return fail(PM_INVALID_ARGUMENT, "pm_instance_from_json: text and out must not be NULL");
  return guarded([&] { return take(placematch::load_instance_json_text(json_text), out); });
}

void pm_instance_free(pm_instance* instance) { delete instance; }

size_t pm_instance_citizen_count(const pm_instance* instance) {
  return instance ? instance->instance.citizens.size() : 0;
}
size_t pm_instance_opening_count(const pm_instance* instance) {
  return instance ? instance->instance.openings.size() : 0;
}

pm_status pm_instance_citizen_id(const pm_instance* instance, size_t index, const char** id) {
  if (!instance || !id) return fail(PM_INVALID_ARGUMENT, "pm_instance_citizen_id: NULL argument");
  const auto& list = instance->instance.citizens;
  if (index >= list.size()) return fail(PM_INVALID_ARGUMENT, "pm_instance_citizen_id: " + range_message("citizen", index, list.size()));
  *id = list[index].id.c_str();
  return PM_OK;
}

pm_status pm_instance_opening_id(const pm_instance* instance, size_t index, const char** id) {
  if (!instance || !id) return fail(PM_INVALID_ARGUMENT, "pm_instance_opening_id: NULL argument");
  const auto& list = instance->instance.openings;
  if (index >= list.size()) return fail(PM_INVALID_ARGUMENT, "pm_instance_opening_id: " + range_message("opening", index, list.size()));
  *id = list[index].id.c_str();
  return PM_OK;
}

pm_status pm_match(const pm_instance* instance, const pm_match_options* options, pm_result** out) {
  if (out) *out = nullptr;
  if (!instance || !out) return fail(PM_INVALID_ARGUMENT, "pm_match: instance and out must not be NULL");
  return guarded([&] {
    pm_match_options o;
    pm_match_options_init(&o);
    if (options) o = *options;
    // A C caller may store any int in the enum; in C++ reading a value outside the
    // enumerators' range as pm_objective is undefined, so the bytes are read as an int.
    int objective = 0;
    static_assert(sizeof objective == sizeof o.objective);
    std::memcpy(&objective, &o.objective, sizeof objective);
    if (objective != PM_OBJECTIVE_PLACEMENTS && objective != PM_OBJECTIVE_SCORE)
      return fail(PM_INVALID_ARGUMENT, "pm_match: objective " + std::to_string(objective) +
                                           " is not PM_OBJECTIVE_PLACEMENTS or PM_OBJECTIVE_SCORE");
    if (o.threads < 0) return fail(PM_INVALID_ARGUMENT, "pm_match: negative threads");
    placematch::MatchOptions mo;
    mo.solve.objective = objective == PM_OBJECTIVE_SCORE ? placematch::Objective::Score : placematch::Objective::Placements;
    if (o.time_limit_seconds > 0) mo.solve.time_limit_seconds = o.time_limit_seconds;
    if (o.work_limit >= 0) mo.solve.work_limit = o.work_limit;
    mo.solve.threads = o.threads;
    const placematch::Instance& in = instance->instance;
    placematch::MatchResult m = placematch::match(in, mo);
    if (m.solution.status == placematch::Status::Infeasible)
      return fail(PM_INFEASIBLE, "the pins cannot all hold together");
    auto r = std::make_unique<pm_result>();
    r->json = placematch::result_json(in, m.plan, m.stats);
    r->plan = std::move(m.plan);
    for (const auto& p : r->plan.placements) {
      r->citizen_ids.push_back(in.citizens[static_cast<std::size_t>(p.citizen)].id);
      const auto& op = in.openings[static_cast<std::size_t>(p.opening)];
      r->opening_ids.push_back(op.id);
      r->company_ids.push_back(in.companies[static_cast<std::size_t>(op.company)].id);
      r->mentor_ids.push_back(p.mentor == placematch::kNone ? std::string() : in.mentors[static_cast<std::size_t>(p.mentor)].id);
    }
    for (const auto& u : r->plan.unplaced) {
      r->unplaced_ids.push_back(in.citizens[static_cast<std::size_t>(u.citizen)].id);
      r->reason_codes.emplace_back(placematch::to_string(u.reason_code));
    }
    *out = r.release();
    return PM_OK;
  });
}

void pm_result_free(pm_result* result) { delete result; }

int pm_result_optimal(const pm_result* r) { return r && r->plan.status == placematch::Status::Optimal ? 1 : 0; }
int64_t pm_result_placed(const pm_result* r) { return r ? r->plan.placed : 0; }
double pm_result_score(const pm_result* r) { return r ? static_cast<double>(r->plan.score) / 1e6 : 0; }
int64_t pm_result_bound_placed(const pm_result* r) { return r && r->plan.bound_placed ? *r->plan.bound_placed : -1; }
double pm_result_bound_score(const pm_result* r) {
  return r && r->plan.bound_score ? static_cast<double>(*r->plan.bound_score) / 1e6 : -1;
}
size_t pm_result_placement_count(const pm_result* r) { return r ? r->plan.placements.size() : 0; }
size_t pm_result_unplaced_count(const pm_result* r) { return r ? r->plan.unplaced.size() : 0; }
const char* pm_result_json(const pm_result* r) { return r ? r->json.c_str() : ""; }

pm_status pm_result_placement(const pm_result* r, size_t index, pm_placement* out) {
  if (!r || !out) return fail(PM_INVALID_ARGUMENT, "pm_result_placement: NULL argument");
  if (index >= r->plan.placements.size())
    return fail(PM_INVALID_ARGUMENT, "pm_result_placement: " + range_message("placement", index, r->plan.placements.size()));
  const auto& p = r->plan.placements[index];
  out->citizen = r->citizen_ids[index].c_str();
  out->opening = r->opening_ids[index].c_str();
  out->company = r->company_ids[index].c_str();
  out->mentor = p.mentor == placematch::kNone ? nullptr : r->mentor_ids[index].c_str();
  out->score = static_cast<double>(p.score) / 1e6;
  out->km = p.km;
  out->hours = p.hours;
  return PM_OK;
}

pm_status pm_result_unplaced(const pm_result* r, size_t index, pm_unplaced* out) {
  if (!r || !out) return fail(PM_INVALID_ARGUMENT, "pm_result_unplaced: NULL argument");
  if (index >= r->plan.unplaced.size())
    return fail(PM_INVALID_ARGUMENT, "pm_result_unplaced: " + range_message("unplaced", index, r->plan.unplaced.size()));
  const auto& u = r->plan.unplaced[index];
  out->citizen = r->unplaced_ids[index].c_str();
  out->reason_code = r->reason_codes[index].c_str();
  out->reason = u.reason.c_str();
  return PM_OK;
}

}  // extern "C"
