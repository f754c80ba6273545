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

#ifdef __cplusplus
}
#endif
#endif /* PLACEMATCH_PLACEMATCH_H */
