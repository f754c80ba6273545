#pragma once
// placematch/serve/workbench.hpp — the consultant's workbench: the pages and actions of
// `placematch serve`, as a transport-free request handler over one Session
// (placematch/serve/session.hpp). The HTTP transport (placematch/serve/server.hpp) only
// turns sockets into WorkbenchRequest and back; every rule of access lives here, so it is
// tested without a network.
//
// Access: a request is answered only when its Host is this workbench's loopback address
// and port (a DNS-rebinding page has a foreign Host), its Origin (when sent) is that same
// origin, and it carries the session token (query or form field `token`, or the header
// X-Placematch-Token; compared in constant time). Everything else is 403. Pages are GET;
// decisions (agree, rule out, undo, save) are POST only (405 otherwise). No CORS headers
// are ever sent; every answer forbids framing (the board report only within the
// workbench's own report page) and caching, sends no referrer to other sites (the token is
// in the URL) and allows scripts and styles from this origin only.
//
// Pages are server-rendered HTML with one small script (filters submit themselves, busy
// indicator filled from GET /api/progress while a decision re-plans: phase, bound, gap;
// answered, after the same access checks, even while another request holds the
// session); every asset is served here. Texts in English or Danish (--lang).
// The pages: the plan (/), an opening (/opening/ID), a resident (/resident/ID), the empty
// seats (/empty), the changes (/changes), what it would take (/whatif: the library's
// whatif() — ceiling, seats to ask for, courses under a budget — computed on request in the
// background and kept per plan state, placematch/serve/whatif_jobs.hpp), the board report
// (/report, the library's board_report_html as `placematch report --html`), downloads
// (/downloads: plan.json, plan.csv, plan-excel.csv, plan.xlsx, report.html, decisions.csv,
// each the bytes the command line writes for the same plan).
// Cost: a page is O(size of what it shows) — the plan page O(citizens + placements), an
// opening page O(candidate arcs), a resident page O(openings); a decision is one re-plan;
// a what-if answer one whatif() call, off the request.
// Usage:
//   placematch::serve::Workbench wb(session, {.lang = Lang::Da, .port = 8765});
//   WorkbenchResponse r = wb.handle(request);   // thread-safe
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "placematch/io/whatif_files.hpp"
#include "placematch/model/messages.hpp"
#include "placematch/serve/progress_board.hpp"
#include "placematch/serve/session.hpp"
#include "placematch/serve/whatif_jobs.hpp"

namespace placematch::serve {

/// The pages' language: the message catalogue's (placematch/model/messages.hpp).
using Lang = ::placematch::Language;

struct WorkbenchOptions {
  Lang lang = Lang::En;
  double goal = 0.85;     // the activation-rate goal shown against the plan
  int port = 0;           // the port the transport listens on (for the Host and Origin checks)
  std::string token;      // the session token; make_token() when empty
  double baseline = 0.20; // the report's activation rate before the plan
  /// The what-if page's courses (courses.csv, io/whatif_files.hpp); none: no course steps.
  std::vector<Course> courses;
  double budget = 600000; // the what-if page's course budget until the consultant sets one, kr
  /// Where the session's solves report progress (its MatchOptions carry the board's
  /// callback); GET /api/progress answers from it, without waiting for a request that
  /// holds the session. Null: /api/progress is 404.
  ProgressBoard* progress = nullptr;
  /// The what-if page's proposed openings: the session's instance as on disk with the
  /// proposals appended from openings[first_proposed] on (load_instance_with_openings);
  /// null: none. Each what-if uses it with the session's current decisions.
  std::shared_ptr<const Instance> proposals;
  Index first_proposed = kNone;
};

struct WorkbenchRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // without the query
  std::multimap<std::string, std::string> params;   // query and urlencoded form fields
  std::map<std::string, std::string> headers;       // names in lower case
};

struct WorkbenchResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type
};

/// A fresh session token: 32 bytes from std::random_device (the OS's /dev/urandom on
/// Linux) as 64 lower-case hex digits.
std::string make_token();

class Workbench {
 public:
  Workbench(Session& session, WorkbenchOptions options);
  ~Workbench();  // stops a what-if under way and waits for it

  /// Answers one request (thread-safe: requests are served one at a time).
  WorkbenchResponse handle(const WorkbenchRequest& request);

  /// The address to open: http://127.0.0.1:PORT/?token=TOKEN.
  std::string url() const;
  const std::string& token() const { return options_.token; }
  void set_port(int port) { options_.port = port; }

  /// One line for the server's log: method, path, status. Paths hold ids only (residents
  /// are pseudonyms); the query (the token, filters) is never logged.
  static std::string log_line(const WorkbenchRequest& request, const WorkbenchResponse& response,
                              double milliseconds);

 private:
  WorkbenchResponse dispatch(const WorkbenchRequest& request);
  Session& session_;
  WorkbenchOptions options_;
  std::mutex mutex_;
  std::vector<std::string> flash_errors_;  // shown once on the next page
  std::string flash_note_;
  std::unique_ptr<WhatIfJobs> whatif_;     // the what-if page's answers, per plan state
};

}  // namespace placematch::serve
