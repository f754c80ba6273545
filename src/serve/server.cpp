// The workbench's HTTP transport on cpp-httplib (the only file that includes httplib.h).
#include "placematch/serve/server.hpp"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <chrono>

namespace placematch::serve {

struct Server::Impl {
  Workbench& workbench;
  std::function<void(const std::string&)> log;
  httplib::Server http;
  explicit Impl(Workbench& w) : workbench(w) {}

  void answer(const httplib::Request& req, httplib::Response& res) {
    const auto t0 = std::chrono::steady_clock::now();
    WorkbenchRequest wr;
    wr.method = req.method;
    wr.path = req.path;
    for (const auto& [k, v] : req.params) wr.params.emplace(k, v);
    for (const auto& [k, v] : req.headers) {
      std::string key = k;
      std::transform(key.begin(), key.end(), key.begin(), [](unsigned char ch) { return std::tolower(ch); });
      wr.headers.emplace(std::move(key), v);
    }
    // A form's fields (application/x-www-form-urlencoded) count as params too.
    const auto type = req.get_header_value("Content-Type");
    if (!req.body.empty() && type.rfind("application/x-www-form-urlencoded", 0) == 0) {
      httplib::Params form;
      httplib::detail::parse_query_text(req.body, form);
      for (const auto& [k, v] : form) wr.params.emplace(k, v);
    }
    WorkbenchResponse out;
    try {
      out = workbench.handle(wr);
    } catch (const std::exception& e) {
      out.status = 500;
      out.content_type = "text/plain; charset=utf-8";
      out.body = std::string("placematch: internal error: ") + e.what() + "\n";
    }
    res.status = out.status;
    for (const auto& [k, v] : out.headers) res.set_header(k, v);
    res.set_content(out.body, out.content_type);
    if (log) {
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      log(Workbench::log_line(wr, out, ms));
    }
  }
};

Server::Server(Workbench& workbench, std::function<void(const std::string&)> log)
    : impl_(std::make_unique<Impl>(workbench)) {
  impl_->log = std::move(log);
  auto handler = [this](const httplib::Request& req, httplib::Response& res) { impl_->answer(req, res); };
  // Every request, whatever its method and path, goes through the workbench's checks
  // (httplib answers methods it does not know, such as TRACE, with 400 by itself).
  impl_->http.Get(".*", handler);
  impl_->http.Post(".*", handler);
  impl_->http.Put(".*", handler);
  impl_->http.Patch(".*", handler);
  impl_->http.Delete(".*", handler);
  impl_->http.Options(".*", handler);
  impl_->http.set_payload_max_length(1 << 20);
}

Server::~Server() { stop(); }

int Server::bind(int port) {
  int bound = -1;
  if (port == 0)
    bound = impl_->http.bind_to_any_port("127.0.0.1");
  else
    bound = impl_->http.bind_to_port("127.0.0.1", port) ? port : -1;
  if (bound > 0) impl_->workbench.set_port(bound);
  return bound;
}

bool Server::run() { return impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

}  // namespace placematch::serve
