// The C interface (placematch/placematch.h): each function catches every exception and
// turns it into a status code and the thread's last-error text.
#include "placematch/placematch.h"

#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "placematch/io/files.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/planner/planner.hpp"
#include "placematch/planner/snapshot.hpp"
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

struct pm_planner {
  std::unique_ptr<placematch::Planner> planner;
  std::string why_json;
};

struct pm_suggestions {
  std::vector<placematch::Suggestion> list;
  std::vector<std::string> citizen_ids, opening_ids;
  std::vector<double> scores;
  std::string json;
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

std::unique_ptr<pm_result> make_result(const placematch::Instance& in, const placematch::Plan& plan,
                                       const placematch::RunStats& stats, const placematch::Replan* replan) {
  auto r = std::make_unique<pm_result>();
  r->json = placematch::result_json(in, plan, stats, replan);
  r->plan = plan;
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
  return r;
}

// The index of an id; std::invalid_argument naming it when the instance has none.
placematch::Index by_id(const std::unordered_map<std::string, placematch::Index>& index, const char* id,
                        const char* what) {
  const auto it = index.find(id);
  if (it == index.end())
    throw std::invalid_argument(std::string("no ") + what + " \"" + id + "\" in this instance");
  return it->second;
}

// The library's options from the C ones (std::invalid_argument for bad values).
placematch::MatchOptions match_options(const pm_match_options* options, const char* fn) {
  pm_match_options o;
  pm_match_options_init(&o);
  if (options) o = *options;
  // A C caller may store any int in the enum; in C++ reading a value outside the
  // enumerators' range as pm_objective is undefined, so the bytes are read as an int.
  int objective = 0;
  static_assert(sizeof objective == sizeof o.objective);
  std::memcpy(&objective, &o.objective, sizeof objective);
  if (objective != PM_OBJECTIVE_PLACEMENTS && objective != PM_OBJECTIVE_SCORE)
    throw std::invalid_argument(std::string(fn) + ": objective " + std::to_string(objective) +
                                " is not PM_OBJECTIVE_PLACEMENTS or PM_OBJECTIVE_SCORE");
  if (o.threads < 0) throw std::invalid_argument(std::string(fn) + ": negative threads");
  placematch::MatchOptions mo;
  mo.solve.objective = objective == PM_OBJECTIVE_SCORE ? placematch::Objective::Score : placematch::Objective::Placements;
  if (o.time_limit_seconds > 0) mo.solve.time_limit_seconds = o.time_limit_seconds;
  if (o.work_limit >= 0) mo.solve.work_limit = o.work_limit;
  mo.solve.threads = o.threads;
  return mo;
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
    const placematch::MatchOptions mo = match_options(options, "pm_match");
    const placematch::Instance& in = instance->instance;
    placematch::MatchResult m = placematch::match(in, mo);
    if (m.solution.status == placematch::Status::Infeasible)
      return fail(PM_INFEASIBLE, "the pins cannot all hold together");
    *out = make_result(in, m.plan, m.stats, nullptr).release();
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

pm_status pm_planner_new(const pm_instance* instance, const pm_match_options* options, pm_planner** out) {
  if (out) *out = nullptr;
  if (!instance || !out) return fail(PM_INVALID_ARGUMENT, "pm_planner_new: instance and out must not be NULL");
  return guarded([&] {
    auto p = std::make_unique<pm_planner>();
    p->planner = std::make_unique<placematch::Planner>(instance->instance, match_options(options, "pm_planner_new"));
    *out = p.release();
    return PM_OK;
  });
}

void pm_planner_free(pm_planner* planner) { delete planner; }

pm_status pm_planner_plan(pm_planner* planner, pm_result** out) {
  if (out) *out = nullptr;
  if (!planner || !out) return fail(PM_INVALID_ARGUMENT, "pm_planner_plan: planner and out must not be NULL");
  return guarded([&] {
    const placematch::MatchResult& m = planner->planner->plan();
    *out = make_result(planner->planner->instance(), m.plan, m.stats, nullptr).release();
    return PM_OK;
  });
}

pm_status pm_planner_prepare(pm_planner* planner) {
  if (!planner) return fail(PM_INVALID_ARGUMENT, "pm_planner_prepare: planner must not be NULL");
  return guarded([&] {
    planner->planner->prepare_questions();
    return PM_OK;
  });
}

namespace {
enum class Change { Pin, Forbid, Unpin };
pm_status change(pm_planner* planner, const char* citizen, const char* opening, const char* mentor, Change kind,
                 pm_result** out, const char* fn) {
  if (out) *out = nullptr;
  if (!planner || !citizen || !opening || !out)
    return fail(PM_INVALID_ARGUMENT, std::string(fn) + ": planner, citizen, opening and out must not be NULL");
  return guarded([&] {
    placematch::Planner& pl = *planner->planner;
    const placematch::Instance& in = pl.instance();
    const auto c = by_id(in.citizen_index, citizen, "citizen");
    const auto o = by_id(in.opening_index, opening, "opening");
    const auto m = mentor ? by_id(in.mentor_index, mentor, "mentor") : placematch::kNone;
    const placematch::Replan r = kind == Change::Pin      ? pl.pin(c, o, m)
                                 : kind == Change::Forbid ? pl.forbid(c, o)
                                                          : pl.unpin(c, o);
    *out = make_result(pl.instance(), r.plan, pl.plan().stats, &r).release();
    return PM_OK;
  });
}
}  // namespace

pm_status pm_planner_pin(pm_planner* planner, const char* citizen, const char* opening, const char* mentor,
                         pm_result** out) {
  return change(planner, citizen, opening, mentor, Change::Pin, out, "pm_planner_pin");
}
pm_status pm_planner_forbid(pm_planner* planner, const char* citizen, const char* opening, pm_result** out) {
  return change(planner, citizen, opening, nullptr, Change::Forbid, out, "pm_planner_forbid");
}
pm_status pm_planner_unpin(pm_planner* planner, const char* citizen, const char* opening, pm_result** out) {
  return change(planner, citizen, opening, nullptr, Change::Unpin, out, "pm_planner_unpin");
}

pm_status pm_planner_suggest(pm_planner* planner, const char* opening, const char* citizen, size_t top,
                             pm_suggestions** out) {
  if (out) *out = nullptr;
  if (!planner || !out || (opening == nullptr) == (citizen == nullptr))
    return fail(PM_INVALID_ARGUMENT, "pm_planner_suggest: a planner, out, and exactly one of opening and citizen");
  return guarded([&] {
    placematch::Planner& pl = *planner->planner;
    const placematch::Instance& in = pl.instance();
    std::optional<placematch::Index> o, c;
    if (opening) o = by_id(in.opening_index, opening, "opening");
    if (citizen) c = by_id(in.citizen_index, citizen, "citizen");
    auto s = std::make_unique<pm_suggestions>();
    s->list = o ? pl.suggest_for_opening(*o, top) : pl.suggest_for_citizen(*c, top);
    for (const auto& x : s->list) {
      s->citizen_ids.push_back(in.citizens[static_cast<std::size_t>(x.citizen)].id);
      s->opening_ids.push_back(in.openings[static_cast<std::size_t>(x.opening)].id);
      s->scores.push_back(static_cast<double>(pl.graph().score[static_cast<std::size_t>(x.arc)]) / 1e6);
    }
    s->json = placematch::suggest_json(in, pl.graph(), pl.plan().plan, o, c, s->list, pl.options().weights);
    *out = s.release();
    return PM_OK;
  });
}

size_t pm_suggestions_count(const pm_suggestions* list) { return list ? list->list.size() : 0; }

pm_status pm_suggestions_get(const pm_suggestions* list, size_t index, pm_suggestion* out) {
  if (!list || !out) return fail(PM_INVALID_ARGUMENT, "pm_suggestions_get: NULL argument");
  if (index >= list->list.size())
    return fail(PM_INVALID_ARGUMENT, "pm_suggestions_get: " + range_message("suggestion", index, list->list.size()));
  const placematch::Suggestion& s = list->list[index];
  out->citizen = list->citizen_ids[index].c_str();
  out->opening = list->opening_ids[index].c_str();
  out->score = list->scores[index];
  out->in_plan = s.in_plan ? 1 : 0;
  out->possible = s.possible ? 1 : 0;
  out->optimal = s.optimal ? 1 : 0;
  out->cost_placed = s.possible ? s.cost.placed : 0;
  out->cost_moved = s.possible ? s.cost.moved : 0;
  out->cost_score = s.possible ? static_cast<double>(s.cost.score) / 1e6 : 0;
  out->cost_shortfall = s.possible ? s.cost.shortfall : 0;
  return PM_OK;
}

const char* pm_suggestions_json(const pm_suggestions* list) { return list ? list->json.c_str() : ""; }
void pm_suggestions_free(pm_suggestions* list) { delete list; }

pm_status pm_planner_why(pm_planner* planner, const char* citizen, const char* opening, const char** json) {
  if (json) *json = nullptr;
  if (!planner || !citizen || !json)
    return fail(PM_INVALID_ARGUMENT, "pm_planner_why: planner, citizen and json must not be NULL");
  return guarded([&] {
    placematch::Planner& pl = *planner->planner;
    const placematch::Instance& in = pl.instance();
    const auto c = by_id(in.citizen_index, citizen, "citizen");
    std::optional<placematch::Index> o;
    if (opening) o = by_id(in.opening_index, opening, "opening");
    planner->why_json = placematch::why_json(in, pl.graph(), pl.why(c, o), pl.options().weights);
    *json = planner->why_json.c_str();
    return PM_OK;
  });
}

pm_status pm_planner_save(pm_planner* planner, const char* path) {
  if (!planner || !path) return fail(PM_INVALID_ARGUMENT, "pm_planner_save: planner and path must not be NULL");
  return guarded([&] {
    try {
      placematch::save_snapshot(planner->planner->snapshot(), path);
    } catch (const placematch::InputError&) {
      throw;
    } catch (const std::runtime_error& e) {  // cannot write: the caller's to fix
      return fail(PM_INPUT_ERROR, std::string(path) + ":0: file: " + e.what() + "\n");
    }
    return PM_OK;
  });
}

pm_status pm_planner_warm_start(pm_planner* planner, const char* path) {
  if (!planner || !path) return fail(PM_INVALID_ARGUMENT, "pm_planner_warm_start: planner and path must not be NULL");
  return guarded([&] {
    planner->planner->warm_start(placematch::read_snapshot(path));
    return PM_OK;
  });
}

}  // extern "C"
