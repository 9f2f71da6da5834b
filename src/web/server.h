// The HTTP/1.1 server of `tidings serve` (Boost.Beast): the site, the JSON
// API and the feeds of web/site.h over keep-alive connections, with HEAD,
// conditional GET (ETag / If-None-Match), gzip, request size limits,
// timeouts, Prometheus metrics and a graceful stop.
//
// Threading: Start() runs `threads` workers on one io_context. Each worker
// owns one Store opened through the StoreFactory (a Store is not
// thread-safe); a request is answered entirely on the worker that read it.
// Start, Stop and Wait may be called from any thread; Stop is idempotent.
//
// Typical use (the CLI):
//   web::Server server(options, [&] { return store::Store::Open(url); });
//   TIDINGS_RETURN_IF_ERROR(server.Start());
//   return web::RunUntilSignal(server);  // Ctrl-C / SIGTERM stop it.
#ifndef TIDINGS_WEB_SERVER_H_
#define TIDINGS_WEB_SERVER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "store/store.h"

namespace tidings::web {

// A request under ServerOptions::callback_prefix, handed to the program
// that embeds the server (`tidings serve` routes WebSub hub callbacks to
// its crawler this way, so that web needs to know nothing of crawling).
struct CallbackRequest {
  // "GET" or "POST" (HEAD is answered as GET without a body).
  std::string method;
  // The percent-decoded path after the prefix, e.g. "42" for
  // "/websub/42?hub.mode=subscribe".
  std::string path;
  // Percent-decoded query parameters.
  std::map<std::string, std::string> query;
  // Request headers, names lower-cased, in order.
  std::vector<std::pair<std::string, std::string>> headers;
  // The raw body (POST), at most ServerOptions::max_callback_body_bytes.
  std::string body;

  // The first header named `name` (lower case), or "".
  std::string Header(std::string_view name) const;
};

struct CallbackResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

// Called on a worker thread, possibly on several at once: must be
// thread-safe. Must not block for long (it holds a worker).
using CallbackHandler =
    std::function<CallbackResponse(const CallbackRequest& request)>;

struct ServerOptions {
  // "HOST:PORT" to listen on: "127.0.0.1:8080", "0.0.0.0:80", "[::1]:8080",
  // ":8080" (all IPv4 interfaces), "localhost:8080". Port 0 picks a free
  // port (see Server::port()), for tests.
  std::string listen = "127.0.0.1:8080";
  // Worker threads (and open stores); 0 = one per core.
  int threads = 0;
  // Shown in the masthead, page titles and feeds.
  std::string site_name = "Tidings";
  // Absolute base URL for links in feeds; empty to use the Host header.
  std::string base_url;
  // Articles per HTML page.
  int page_size = 30;
  // Requests whose header exceeds this get 431; bounds memory per
  // connection. 16 KiB fits any real browser's cookies and referer.
  std::size_t max_header_bytes = 16 * 1024;
  // Requests whose body exceeds this get 413; the site only serves GET, so
  // bodies are never needed.
  std::size_t max_body_bytes = 64 * 1024;
  // Time a client has to send a whole request, and that an idle keep-alive
  // connection stays open.
  int read_timeout_seconds = 30;
  // Time a client has to accept the response.
  int write_timeout_seconds = 30;
  // Requests served on one connection before it is closed (bounds a
  // client's hold on a worker's attention).
  int max_requests_per_connection = 1000;
  // Compress text responses of at least `gzip_min_bytes` when the client
  // accepts gzip.
  bool gzip = true;
  std::size_t gzip_min_bytes = 1024;
  // After Stop(), in-flight requests get this long to finish before the
  // workers are stopped hard.
  int shutdown_timeout_seconds = 10;
  // Log one line per request at info level (else debug).
  bool access_log = false;
  // Time source for pages; nullptr for the system clock. Not owned.
  const Clock* clock = nullptr;
  // GET and POST requests whose path starts with `callback_prefix` go to
  // `callback_handler` instead of the site; no handler, no such route (the
  // paths are then 404 like any unknown page).
  std::string callback_prefix = "/websub/";
  CallbackHandler callback_handler{};
  // Body limit of callback POSTs (a hub pushes a whole feed document);
  // other requests keep max_body_bytes.
  std::size_t max_callback_body_bytes = 8 * 1024 * 1024;
};

// Opens one store; called once per worker thread, from Start().
using StoreFactory = std::function<Result<std::unique_ptr<store::Store>>()>;

class Server {
 public:
  Server(ServerOptions options, StoreFactory factory);
  // Stops (as Stop()) and waits for the workers.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Opens the stores, binds the listening socket and starts the workers;
  // returns once the server accepts connections. Fails with
  // kInvalidArgument for a malformed `listen` ("web: listen 'x': expected
  // HOST:PORT"), kIoError when it cannot bind ("web: listen
  // 127.0.0.1:8080: Address already in use"), the factory's status when a
  // store cannot be opened, and kInternal when called twice.
  Status Start();

  // The bound port (the real one when `listen` asked for port 0); 0 before
  // Start().
  std::uint16_t port() const;

  // Graceful stop: closes the listening socket, closes idle keep-alive
  // connections, lets requests being answered finish (their responses say
  // "Connection: close") and lets the workers exit. Returns at once; use
  // Wait() to block until they are gone. Safe to call more than once and
  // before Start().
  void Stop();

  // Blocks until the server has stopped (after Stop() or a signal through
  // RunUntilSignal) and its workers have exited; workers still busy
  // `shutdown_timeout_seconds` after Stop() are interrupted.
  void Wait();

  // True between a successful Start() and Stop().
  bool running() const;

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Blocks until SIGINT or SIGTERM arrives (or the server stops by other
// means), then stops the server gracefully and waits for it. Logs which
// signal stopped it. Returns OK; kInternal if the signal handlers cannot be
// installed.
Status RunUntilSignal(Server& server);

}  // namespace tidings::web

#endif  // TIDINGS_WEB_SERVER_H_
