/* placematch/placematch.h — the C interface of placematch (C99/C11, and C++).
 *
 * A thin layer over the C++ library: opaque handles, a status code from every function,
 * the text of the last error per thread, and no exception ever crosses the boundary.
 * Input errors carry the same located messages as the command line
 * (`citizens.csv:17: max_km: expected a number in [0, 200], got "-3"`), one per line.
 *
 * Usage:
 *   pm_instance* in = NULL;
 *   if (pm_instance_load("data/sonderborg", &in) != PM_OK) { fputs(pm_last_error(), stderr); ... }
 *   pm_result* r = NULL;
 *   if (pm_match(in, NULL, &r) == PM_OK) {
 *     size_t n = pm_result_placement_count(r);
 *     for (size_t i = 0; i < n; ++i) { pm_placement p; pm_result_placement(r, i, &p); ... }
 *   }
 *   pm_result_free(r);
 *   pm_instance_free(in);
 *
 * Strings returned are owned by the handle they came from (or, for pm_last_error, by
 * the calling thread) and stay valid until it is freed (or the next failing call).
 * Handles are not thread-safe; different handles may be used from different threads.
 */
#ifndef PLACEMATCH_PLACEMATCH_H
#define PLACEMATCH_PLACEMATCH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pm_status {
  PM_OK = 0,
  PM_INPUT_ERROR = 1,      /* bad input (file, values, pins): pm_last_error() lists every problem */
  PM_INVALID_ARGUMENT = 2, /* misuse: a NULL handle, an index out of range (named in the message) */
  PM_INFEASIBLE = 3,       /* the pins cannot all hold together */
  PM_OUT_OF_MEMORY = 4,
  PM_INTERNAL_ERROR = 5
} pm_status;

typedef enum pm_objective { PM_OBJECTIVE_PLACEMENTS = 0, PM_OBJECTIVE_SCORE = 1 } pm_objective;

typedef struct pm_instance pm_instance; /* a validated instance */
typedef struct pm_result pm_result;     /* a plan of one instance */

typedef struct pm_match_options {
  pm_objective objective;   /* PM_OBJECTIVE_PLACEMENTS by default */
  double time_limit_seconds; /* <= 0: the library's default */
  int64_t work_limit;        /* < 0: the library's default; 0: none */
  int threads;               /* 0: all cores (the plan is the same for any count) */
} pm_match_options;

typedef struct pm_placement {
  const char* citizen; /* ids, owned by the result */
  const char* opening;
  const char* company;
  const char* mentor; /* NULL when the placement needs no mentor */
  double score;       /* in [0, 1] */
  double km;
  double hours;
} pm_placement;

typedef struct pm_unplaced {
  const char* citizen;
  const char* reason_code; /* "no_opening_in_reach", ..., "taken_by_others" */
  const char* reason;      /* plain words */
} pm_unplaced;

/* The library's version, "MAJOR.MINOR.PATCH". */
const char* pm_version(void);
/* The message of the last failing call on this thread ("" when none). */
const char* pm_last_error(void);
/* The name of a status code ("ok", "input_error", ...). */
const char* pm_status_name(pm_status status);
/* Default options. */
void pm_match_options_init(pm_match_options* options);

/* Reads and checks an instance (a CSV folder or instance.json), pins included, as
 * `placematch validate` does. On PM_INPUT_ERROR *out is NULL and pm_last_error() holds
 * every located problem, one per line. */
pm_status pm_instance_load(const char* path, pm_instance** out);
/* The same from instance.json's text in memory (located as "instance.json:..."). */
pm_status pm_instance_from_json(const char* json_text, pm_instance** out);
void pm_instance_free(pm_instance* instance);
size_t pm_instance_citizen_count(const pm_instance* instance);
size_t pm_instance_opening_count(const pm_instance* instance);
/* The id of citizen / opening `index` (NULL and PM_INVALID_ARGUMENT when out of range). */
pm_status pm_instance_citizen_id(const pm_instance* instance, size_t index, const char** id);
pm_status pm_instance_opening_id(const pm_instance* instance, size_t index, const char** id);

/* Plans an instance (options NULL: defaults). */
pm_status pm_match(const pm_instance* instance, const pm_match_options* options, pm_result** out);
void pm_result_free(pm_result* result);
/* 1 when the plan is proven optimal, 0 when feasible with a gap. */
int pm_result_optimal(const pm_result* result);
int64_t pm_result_placed(const pm_result* result);
double pm_result_score(const pm_result* result);
/* The proven bound on placements (-1 for the score objective) and on the score (-1: none). */
int64_t pm_result_bound_placed(const pm_result* result);
double pm_result_bound_score(const pm_result* result);
size_t pm_result_placement_count(const pm_result* result);
pm_status pm_result_placement(const pm_result* result, size_t index, pm_placement* out);
size_t pm_result_unplaced_count(const pm_result* result);
pm_status pm_result_unplaced(const pm_result* result, size_t index, pm_unplaced* out);
/* The result JSON of the command line ("placematch-result/2"), owned by the result. */
const char* pm_result_json(const pm_result* result);

/* ---- The warm planner (placematch/planner/planner.hpp): one instance, many questions ----
 *
 *   pm_planner* pl = NULL;
 *   pm_planner_new(in, NULL, &pl);               // the planner copies what it needs of `in`
 *   pm_result* p = NULL;  pm_planner_plan(pl, &p);          // the plan P
 *   pm_suggestions* s = NULL;  pm_planner_suggest(pl, "o12", NULL, 10, &s);
 *   pm_result* q = NULL;  pm_planner_pin(pl, "c190", "o12", NULL, &q);   // re-planned
 *   pm_planner_free(pl);
 *
 * Citizens, openings and mentors are named by their ids; an unknown id is
 * PM_INVALID_ARGUMENT naming it. A pin that cannot hold is PM_INPUT_ERROR (located like a
 * decisions.csv line) and leaves the planner as it was. A planner is not thread-safe. */
typedef struct pm_planner pm_planner;
typedef struct pm_suggestions pm_suggestions; /* a ranked list of priced pairs */

typedef struct pm_suggestion {
  const char* citizen; /* ids, owned by the list */
  const char* opening;
  double score;        /* the pair's own score, in [0, 1] */
  int in_plan;         /* 1 when the plan already holds the pair */
  int possible;        /* 0 when no plan can hold it (pins); then the cost is 0 */
  int optimal;         /* 1 when the cost is exact, 0 when it is an upper bound */
  int64_t cost_placed; /* placements lost against the plan */
  int64_t cost_moved;  /* the plan's placements not kept */
  double cost_score;   /* total score lost (may be < 0 when cost_placed > 0) */
  int64_t cost_shortfall; /* with floors.csv: added to the floors' total shortfall (else 0) */
} pm_suggestion;

/* A planner of the instance (options NULL: defaults). Nothing is solved until asked. */
pm_status pm_planner_new(const pm_instance* instance, const pm_match_options* options, pm_planner** out);
void pm_planner_free(pm_planner* planner);
/* The plan P (solved once, then kept): what pm_match returns. */
pm_status pm_planner_plan(pm_planner* planner, pm_result** out);
/* Readies the warm state for pm_planner_suggest and pm_planner_why (the plan, its
 * certificate and, where a mentor pool binds, the re-planning solve) so that no question
 * pays for it. Optional: the answers are the same without it. */
pm_status pm_planner_prepare(pm_planner* planner);
/* Pins (forbids, unpins) a pair and re-plans against the current plan (contract section 7):
 * nobody moves needlessly; the re-plan becomes the plan. Its JSON adds "previous" and
 * "changes". mentor: an agreed mentor's id, or NULL. */
pm_status pm_planner_pin(pm_planner* planner, const char* citizen, const char* opening, const char* mentor,
                         pm_result** out);
pm_status pm_planner_forbid(pm_planner* planner, const char* citizen, const char* opening, pm_result** out);
pm_status pm_planner_unpin(pm_planner* planner, const char* citizen, const char* opening, pm_result** out);
/* Section 8: the feasible pairs of an opening (citizen NULL) or of a citizen (opening
 * NULL), priced and ranked; top 0: all. */
pm_status pm_planner_suggest(pm_planner* planner, const char* opening, const char* citizen, size_t top,
                             pm_suggestions** out);
size_t pm_suggestions_count(const pm_suggestions* list);
pm_status pm_suggestions_get(const pm_suggestions* list, size_t index, pm_suggestion* out);
/* The suggest JSON of the command line ("placematch-suggest/1"), owned by the list. */
const char* pm_suggestions_json(const pm_suggestions* list);
void pm_suggestions_free(pm_suggestions* list);
/* Section 9: why the citizen has what the plan gives (opening NULL: every opening in
 * reach), as the why JSON of the command line ("placematch-why/1"); *json is owned by the
 * planner and valid until its next call. */
pm_status pm_planner_why(pm_planner* planner, const char* citizen, const char* opening, const char** json);
/* Snapshots (placematch/planner/snapshot.hpp): the instance, plan and solver state written
 * atomically; a planner started warm from one (of this or an earlier version of the
 * instance). A truncated, corrupted, foreign or newer file is PM_INPUT_ERROR. */
pm_status pm_planner_save(pm_planner* planner, const char* path);
pm_status pm_planner_warm_start(pm_planner* planner, const char* path);

#ifdef __cplusplus
}
#endif
#endif /* PLACEMATCH_PLACEMATCH_H */
