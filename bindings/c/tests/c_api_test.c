/* The C interface, used from C11 (compiled as C, not C++): loading, the located input
 * errors (the same text as the command line prints for the same file), matching, the
 * plan's accessors, misuse (NULL handles, indices out of range) as status codes.
 * Arguments: the command-line tool, an instance folder, a scratch folder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "placematch/placematch.h"

static int failures = 0;
#define CHECK(cond)                                                   \
  do {                                                                \
    if (!(cond)) {                                                    \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                     \
    }                                                                 \
  } while (0)

/* What the command line prints (stdout and stderr) for `placematch validate FILE`. */
static char* cli_validate(const char* cli, const char* file) {
  static char buf[1 << 16];
  char cmd[8448];
  snprintf(cmd, sizeof cmd, "'%s' validate '%s' 2>&1 >/dev/null", cli, file);
  FILE* p = popen(cmd, "r");
  size_t n = 0;
  if (!p) return NULL;
  n = fread(buf, 1, sizeof buf - 1, p);
  buf[n] = '\0';
  pclose(p);
  return buf;
}

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: c_api_test CLI INSTANCE_DIR SCRATCH_DIR\n");
    return 2;
  }
  const char* cli = argv[1];
  const char* folder = argv[2];
  const char* scratch = argv[3];

  CHECK(strcmp(pm_version(), PLACEMATCH_EXPECTED_VERSION) == 0);
  CHECK(strcmp(pm_status_name(PM_INPUT_ERROR), "input_error") == 0);

  /* A missing path: an input error, located at the file. */
  pm_instance* in = NULL;
  CHECK(pm_instance_load("/nonexistent/placematch/folder", &in) == PM_INPUT_ERROR);
  CHECK(in == NULL);
  CHECK(strstr(pm_last_error(), "/nonexistent/placematch/folder:0: file: ") != NULL);

  /* Bad values: the same located lines as `placematch validate` prints for the file. */
  const char* bad =
      "{\"areas\": [{\"id\": \"a\", \"lat\": 95, \"lon\": 9.7}],\n"
      " \"citizens\": [{\"id\": \"c1\", \"area\": \"a\", \"age\": 30, \"hours\": 10, \"max_km\": -3},\n"
      "              {\"id\": \"c1\", \"area\": \"zz\", \"age\": 30, \"hours\": 10, \"max_km\": 5}],\n"
      " \"companies\": [{\"id\": \"k\", \"lat\": 54.9, \"lon\": 9.8}],\n"
      " \"openings\": [{\"id\": \"o\", \"company\": \"k\", \"kind\": \"small_job\", \"hours_min\": 5, \"hours_max\": 4}]}\n";
  char path[4096];
  snprintf(path, sizeof path, "%s/instance.json", scratch);
  FILE* f = fopen(path, "wb");
  CHECK(f != NULL);
  if (f) {
    fputs(bad, f);
    fclose(f);
  }
  CHECK(pm_instance_from_json(bad, &in) == PM_INPUT_ERROR);
  CHECK(in == NULL);
  char* from_memory = strdup(pm_last_error());
  CHECK(strstr(from_memory, "instance.json:citizens[0]: max_km: ") != NULL);
  CHECK(strstr(from_memory, "instance.json:citizens[1]: ") != NULL);
  CHECK(pm_instance_load(path, &in) == PM_INPUT_ERROR);
  CHECK(strcmp(pm_last_error(), from_memory) == 0);
  const char* cli_text = cli_validate(cli, path);
  CHECK(cli_text != NULL && strcmp(cli_text, from_memory) == 0);
  if (cli_text && strcmp(cli_text, from_memory) != 0)
    fprintf(stderr, "C API:\n%s\ncommand line:\n%s\n", from_memory, cli_text);
  free(from_memory);

  /* Misuse: status codes with a message, never a crash. */
  CHECK(pm_instance_load(NULL, &in) == PM_INVALID_ARGUMENT);
  CHECK(pm_match(NULL, NULL, NULL) == PM_INVALID_ARGUMENT);
  CHECK(pm_result_placement_count(NULL) == 0);
  pm_instance_free(NULL);
  pm_result_free(NULL);

  /* A real instance, planned. */
  CHECK(pm_instance_load(folder, &in) == PM_OK);
  if (!in) {
    fprintf(stderr, "%s", pm_last_error());
    return 1;
  }
  const size_t citizens = pm_instance_citizen_count(in);
  CHECK(citizens > 0);
  const char* id = NULL;
  CHECK(pm_instance_citizen_id(in, 0, &id) == PM_OK && id && *id);
  CHECK(pm_instance_citizen_id(in, citizens, &id) == PM_INVALID_ARGUMENT);
  CHECK(strstr(pm_last_error(), "citizen index") != NULL);
  CHECK(pm_instance_opening_id(in, pm_instance_opening_count(in), &id) == PM_INVALID_ARGUMENT);

  pm_match_options options;
  pm_match_options_init(&options);
  options.threads = 1;
  options.objective = (pm_objective)7;
  pm_result* r = NULL;
  CHECK(pm_match(in, &options, &r) == PM_INVALID_ARGUMENT && r == NULL);
  options.objective = PM_OBJECTIVE_PLACEMENTS;
  CHECK(pm_match(in, &options, &r) == PM_OK);
  if (!r) {
    fprintf(stderr, "%s", pm_last_error());
    return 1;
  }
  pm_instance_free(in); /* the result keeps its own copies of the ids */
  const size_t n = pm_result_placement_count(r);
  CHECK((int64_t)n == pm_result_placed(r));
  CHECK(n > 0);
  CHECK(pm_result_optimal(r) == 1);
  CHECK(pm_result_bound_placed(r) == pm_result_placed(r));
  CHECK(n + pm_result_unplaced_count(r) == citizens);
  double total = 0;
  for (size_t i = 0; i < n; ++i) {
    pm_placement p;
    CHECK(pm_result_placement(r, i, &p) == PM_OK);
    CHECK(p.citizen && p.opening && p.company && p.score >= 0 && p.score <= 1);
    total += p.score;
    /* one placement per citizen */
    for (size_t j = 0; j < i; ++j) {
      pm_placement q;
      pm_result_placement(r, j, &q);
      CHECK(strcmp(p.citizen, q.citizen) != 0);
    }
  }
  CHECK(total - pm_result_score(r) < 1e-6 && pm_result_score(r) - total < 1e-6);
  pm_placement p;
  CHECK(pm_result_placement(r, n, &p) == PM_INVALID_ARGUMENT);
  char expected[128];
  snprintf(expected, sizeof expected, "placement index %zu out of range [0, %zu)", n, n);
  CHECK(strstr(pm_last_error(), expected) != NULL);
  if (pm_result_unplaced_count(r) > 0) {
    pm_unplaced u;
    CHECK(pm_result_unplaced(r, 0, &u) == PM_OK);
    CHECK(u.citizen && u.reason_code && *u.reason_code && u.reason);
  }
  CHECK(strstr(pm_result_json(r), "\"placematch-result/2\"") != NULL);
  CHECK(strstr(pm_result_json(r), PLACEMATCH_EXPECTED_VERSION) != NULL);
  pm_result_free(r);

  if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
  else printf("C API: all checks passed\n");
  return failures ? 1 : 0;
}
