#pragma once
// placematch/serve/server.hpp — the HTTP transport of the workbench (cpp-httplib, Debian's
// libcpp-httplib-dev, behind this header): listens on 127.0.0.1 only, turns each request
// into a WorkbenchRequest (query and urlencoded form fields as params, header names in
// lower case), answers with Workbench::handle and logs one line per request (method,
// path, status, time; never the query, so never the token). Everything about access is
// decided by the Workbench (placematch/serve/workbench.hpp).
// Usage:
//   placematch::serve::Server server(workbench);
//   int port = server.bind(0);            // 0: any free port; -1 when it cannot bind
//   std::cout << workbench.url() << '\n';
//   server.run();                         // until stop() (from another thread or a signal)
#include <functional>
#include <memory>
#include <string>

#include "placematch/serve/workbench.hpp"

namespace placematch::serve {

class Server {
 public:
  /// `log` receives one line per request (default: none).
  explicit Server(Workbench& workbench, std::function<void(const std::string&)> log = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds 127.0.0.1:port (0: a free port chosen by the system) and tells the workbench
  /// the port. Returns the port, or -1 when it cannot bind.
  int bind(int port);
  /// Serves until stop(). Returns false when it could not serve.
  bool run();
  /// Stops run() (thread-safe).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace placematch::serve
