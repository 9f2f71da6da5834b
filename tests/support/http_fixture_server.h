// A loopback HTTP/1.1 server for tests: real sockets on 127.0.0.1, one
// thread per connection, responses produced by a handler. Records every
// request and the peak number of requests in flight (overall and per Host
// header) so tests can check politeness limits.
//
// Include as "support/http_fixture_server.h"; link tidings_test_support.
#ifndef TIDINGS_TESTS_SUPPORT_HTTP_FIXTURE_SERVER_H_
#define TIDINGS_TESTS_SUPPORT_HTTP_FIXTURE_SERVER_H_

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace tidings::testing {

struct FixtureRequest {
  std::string method;
  // Path and query as sent ("/feed.xml?x=1").
  std::string target;
  // Path only.
  std::string path;
  // Header names lower-cased.
  std::map<std::string, std::string> headers;
  std::string body;
  // Host header without the port.
  std::string host;
  // Seconds since the server started, when the request was read.
  double received_at = 0;

  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

struct FixtureResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Seconds to wait before sending anything (a slow host).
  double delay_seconds = 0;
  // When > 0, the body is sent in chunks of this many bytes with
  // chunk_delay_seconds between them (a trickling host).
  std::size_t chunk_bytes = 0;
  double chunk_delay_seconds = 0;
  // Close the connection without answering.
  bool drop = false;

  static FixtureResponse Text(std::string body,
                              std::string content_type = "text/plain") {
    FixtureResponse r;
    r.body = std::move(body);
    r.headers.emplace_back("Content-Type", std::move(content_type));
    return r;
  }
  static FixtureResponse Status(int status) {
    FixtureResponse r;
    r.status = status;
    return r;
  }
  static FixtureResponse Redirect(int status, std::string location) {
    FixtureResponse r;
    r.status = status;
    r.headers.emplace_back("Location", std::move(location));
    return r;
  }
  FixtureResponse& With(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

class HttpFixtureServer {
 public:
  using Handler = std::function<FixtureResponse(const FixtureRequest&)>;

  // Listens on 127.0.0.1 on a free port. Aborts the test program if the
  // socket cannot be opened (a broken test environment).
  explicit HttpFixtureServer(Handler handler);
  // Stops accepting, interrupts delays and joins every thread.
  ~HttpFixtureServer();
  HttpFixtureServer(const HttpFixtureServer&) = delete;
  HttpFixtureServer& operator=(const HttpFixtureServer&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:PORT" + path.
  std::string Url(std::string_view path) const;
  // "http://HOST:PORT" + path, for host names mapped to 127.0.0.1.
  std::string UrlFor(std::string_view host, std::string_view path) const;

  std::vector<FixtureRequest> Requests() const;
  std::size_t RequestCount() const;
  // Requests whose path equals `path`.
  std::size_t CountPath(std::string_view path) const;
  int MaxInFlight() const { return max_in_flight_.load(); }
  // Peak in-flight requests by Host (without port).
  std::map<std::string, int> MaxInFlightByHost() const;

 private:
  void AcceptLoop();
  void Serve(int fd);
  // Sleeps up to `seconds`; false when the server is stopping.
  bool Sleep(double seconds);

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  double start_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread accept_thread_;
  mutable std::mutex mu_;
  std::condition_variable stop_cv_;
  std::vector<std::thread> connections_;
  std::vector<int> open_fds_;
  std::vector<FixtureRequest> requests_;
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_in_flight_{0};
  std::map<std::string, int> in_flight_by_host_;
  std::map<std::string, int> max_in_flight_by_host_;
};

// Gzip-compresses `data` (for Content-Encoding: gzip responses).
std::string GzipCompress(std::string_view data);

}  // namespace tidings::testing

#endif  // TIDINGS_TESTS_SUPPORT_HTTP_FIXTURE_SERVER_H_
