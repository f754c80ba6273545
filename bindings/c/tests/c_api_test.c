/* The C interface, used from C11 (compiled as C, not C++): loading, the located input
 * errors (the same text as the command line prints for the same file), matching, the
 * plan's accessors, misuse (NULL handles, indices out of range) as status codes; the warm
 * planner (suggest against the re-plan with the pin, why, pin/forbid/unpin, snapshots).
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

  /* The warm planner: each suggestion's cost is what the re-plan with the pair pinned
   * gives up, computed independently on a fresh planner. */
  CHECK(pm_instance_load(folder, &in) == PM_OK);
  pm_planner* pl = NULL;
  CHECK(pm_planner_new(in, &options, &pl) == PM_OK);
  pm_result* plan = NULL;
  CHECK(pm_planner_plan(pl, &plan) == PM_OK);
  if (!pl || !plan) {
    fprintf(stderr, "%s", pm_last_error());
    return 1;
  }
  CHECK(pm_planner_prepare(pl) == PM_OK);
  CHECK(pm_planner_prepare(NULL) == PM_INVALID_ARGUMENT);
  pm_placement first;
  CHECK(pm_result_placement(plan, 0, &first) == PM_OK);
  pm_suggestions* sg = NULL;
  CHECK(pm_planner_suggest(pl, first.opening, NULL, 0, &sg) == PM_OK);
  CHECK(strstr(pm_suggestions_json(sg), "\"placematch-suggest/1\"") != NULL);
  size_t priced = 0;
  for (size_t i = 0; i < pm_suggestions_count(sg) && priced < 3; ++i) {
    pm_suggestion x;
    CHECK(pm_suggestions_get(sg, i, &x) == PM_OK);
    CHECK(strcmp(x.opening, first.opening) == 0);
    if (x.in_plan || !x.possible) continue;
    pm_planner* q = NULL;
    pm_result* qr = NULL;
    CHECK(pm_planner_new(in, &options, &q) == PM_OK);
    CHECK(pm_planner_pin(q, x.citizen, x.opening, NULL, &qr) == PM_OK);
    if (!qr) break;
    CHECK(pm_result_placed(plan) - pm_result_placed(qr) == x.cost_placed);
    const double lost = pm_result_score(plan) - pm_result_score(qr) - x.cost_score;
    CHECK(lost < 1e-6 && lost > -1e-6);
    int64_t moved = 0, has_pair = 0;
    for (size_t a = 0; a < pm_result_placement_count(plan); ++a) {
      pm_placement pa;
      int kept = 0;
      pm_result_placement(plan, a, &pa);
      for (size_t b = 0; b < pm_result_placement_count(qr); ++b) {
        pm_placement pb;
        pm_result_placement(qr, b, &pb);
        if (strcmp(pa.citizen, pb.citizen) == 0 && strcmp(pa.opening, pb.opening) == 0) kept = 1;
      }
      moved += !kept;
    }
    for (size_t b = 0; b < pm_result_placement_count(qr); ++b) {
      pm_placement pb;
      pm_result_placement(qr, b, &pb);
      if (strcmp(pb.citizen, x.citizen) == 0 && strcmp(pb.opening, x.opening) == 0) has_pair = 1;
    }
    CHECK(moved == x.cost_moved);
    CHECK(has_pair == 1);
    CHECK(strstr(pm_result_json(qr), "\"changes\"") != NULL);
    pm_result_free(qr);
    pm_planner_free(q);
    ++priced;
  }
  CHECK(priced > 0);
  pm_suggestion none;
  CHECK(pm_suggestions_get(sg, pm_suggestions_count(sg), &none) == PM_INVALID_ARGUMENT);

  /* why, and misuse: unknown ids are named, a pin that cannot hold is an input error and
   * leaves the plan as it was. */
  const char* why = NULL;
  CHECK(pm_planner_why(pl, first.citizen, NULL, &why) == PM_OK && why && strstr(why, "\"placematch-why/1\"") != NULL);
  pm_suggestions* s2 = NULL;
  CHECK(pm_planner_suggest(pl, "no-such-opening", NULL, 0, &s2) == PM_INVALID_ARGUMENT && s2 == NULL);
  CHECK(strstr(pm_last_error(), "no opening \"no-such-opening\"") != NULL);
  CHECK(pm_planner_suggest(pl, first.opening, first.citizen, 0, &s2) == PM_INVALID_ARGUMENT);
  pm_result* bad_pin = NULL;
  for (size_t c = 0; c < citizens; ++c) {
    const char* cid = NULL;
    int feasible = 0;
    pm_instance_citizen_id(in, c, &cid);
    for (size_t i = 0; i < pm_suggestions_count(sg); ++i) {
      pm_suggestion x;
      pm_suggestions_get(sg, i, &x);
      if (strcmp(x.citizen, cid) == 0) feasible = 1;
    }
    if (feasible) continue;
    CHECK(pm_planner_pin(pl, cid, first.opening, NULL, &bad_pin) == PM_INPUT_ERROR && bad_pin == NULL);
    CHECK(strstr(pm_last_error(), cid) != NULL);
    break;
  }
  pm_result* again = NULL;
  CHECK(pm_planner_plan(pl, &again) == PM_OK && pm_result_placed(again) == pm_result_placed(plan));
  pm_result_free(again);
  pm_suggestions_free(sg);

  /* forbid: the pair leaves the plan; unpin lifts it again. */
  pm_result* fr = NULL;
  CHECK(pm_planner_forbid(pl, first.citizen, first.opening, &fr) == PM_OK);
  for (size_t b = 0; fr && b < pm_result_placement_count(fr); ++b) {
    pm_placement pb;
    pm_result_placement(fr, b, &pb);
    CHECK(!(strcmp(pb.citizen, first.citizen) == 0 && strcmp(pb.opening, first.opening) == 0));
  }
  pm_result_free(fr);
  CHECK(pm_planner_unpin(pl, first.citizen, first.opening, &fr) == PM_OK);
  CHECK(fr && pm_result_placed(fr) == pm_result_placed(plan));
  pm_result_free(fr);

  /* Snapshots: saved, then a fresh planner warm from it plans the same value; a truncated
   * file is a located input error. */
  char snap[4096], bad_snap[4096];
  snprintf(snap, sizeof snap, "%s/state.pms", scratch);
  snprintf(bad_snap, sizeof bad_snap, "%s/cut.pms", scratch);
  CHECK(pm_planner_save(pl, snap) == PM_OK);
  pm_planner* warm = NULL;
  CHECK(pm_planner_new(in, &options, &warm) == PM_OK);
  CHECK(pm_planner_warm_start(warm, snap) == PM_OK);
  pm_result* wr = NULL;
  CHECK(pm_planner_plan(warm, &wr) == PM_OK);
  CHECK(wr && pm_result_placed(wr) == pm_result_placed(plan) && pm_result_optimal(wr) == 1);
  CHECK(wr && pm_result_score(wr) - pm_result_score(plan) < 1e-6 && pm_result_score(plan) - pm_result_score(wr) < 1e-6);
  pm_result_free(wr);
  FILE* full = fopen(snap, "rb");
  FILE* cut = fopen(bad_snap, "wb");
  if (full && cut) {
    char head[50];
    size_t got = fread(head, 1, sizeof head, full);
    fwrite(head, 1, got, cut);
  }
  if (full) fclose(full);
  if (cut) fclose(cut);
  CHECK(pm_planner_warm_start(warm, bad_snap) == PM_INPUT_ERROR);
  CHECK(strstr(pm_last_error(), "cut.pms:0: file: ") != NULL);
  CHECK(pm_planner_warm_start(NULL, snap) == PM_INVALID_ARGUMENT);
  pm_planner_free(warm);
  pm_result_free(plan);
  pm_planner_free(pl);
  pm_instance_free(in);

  /* Floors (contract section 12) through the planner, on a case computed by hand: one seat;
   * c2 scores higher, but the floor asks every resident of group 6.3 (c1) placed, so the plan
   * places c1, and agreeing c2 keeps the placements, moves c1 and adds 1 to the shortfall. */
  static const char floored[] =
      "{\"areas\": [{\"id\": \"a\", \"lat\": 54.9, \"lon\": 9.8}],\n"
      " \"citizens\": [{\"id\": \"c1\", \"area\": \"a\", \"age\": 30, \"hours\": 10, \"max_km\": 5, \"target_group\": \"6.3\"},\n"
      "              {\"id\": \"c2\", \"area\": \"a\", \"age\": 30, \"hours\": 10, \"max_km\": 5, \"target_group\": \"6.8\"}],\n"
      " \"companies\": [{\"id\": \"k\", \"lat\": 54.9, \"lon\": 9.8}],\n"
      " \"openings\": [{\"id\": \"o\", \"company\": \"k\", \"kind\": \"small_job\", \"hours_min\": 5, \"hours_max\": 15, \"seats\": 1}],\n"
      " \"floors\": [{\"scope\": \"group\", \"code\": \"6.3\", \"min_share\": 1}]}\n";
  pm_instance* fin = NULL;
  CHECK(pm_instance_from_json(floored, &fin) == PM_OK);
  pm_planner* fpl = NULL;
  CHECK(fin && pm_planner_new(fin, &options, &fpl) == PM_OK);
  pm_result* fplan = NULL;
  CHECK(fpl && pm_planner_plan(fpl, &fplan) == PM_OK);
  if (fplan) {
    pm_placement only;
    CHECK(pm_result_placement_count(fplan) == 1);
    CHECK(pm_result_placement(fplan, 0, &only) == PM_OK && strcmp(only.citizen, "c1") == 0);
  }
  pm_suggestions* fsg = NULL;
  CHECK(fpl && pm_planner_suggest(fpl, "o", NULL, 0, &fsg) == PM_OK);
  int seen_c2 = 0;
  for (size_t i = 0; fsg && i < pm_suggestions_count(fsg); ++i) {
    pm_suggestion x;
    CHECK(pm_suggestions_get(fsg, i, &x) == PM_OK);
    if (strcmp(x.citizen, "c1") == 0) CHECK(x.in_plan == 1 && x.cost_shortfall == 0);
    if (strcmp(x.citizen, "c2") != 0) continue;
    seen_c2 = 1;
    CHECK(x.possible == 1 && x.in_plan == 0);
    CHECK(x.cost_placed == 0 && x.cost_moved == 1 && x.cost_shortfall == 1);
  }
  CHECK(seen_c2 == 1);
  pm_suggestions_free(fsg);
  pm_result_free(fplan);
  pm_planner_free(fpl);
  pm_instance_free(fin);

  if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
  else printf("C API: all checks passed\n");
  return failures ? 1 : 0;
}
