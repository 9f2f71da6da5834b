#include "web/server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "web/http_util.h"
#include "web/metrics.h"
#include "web/site.h"

namespace tidings::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// The store of the worker thread running the current handler; set once per
// worker before it runs the io_context (a Store is single-threaded, and a
// handler runs entirely on one worker).
thread_local store::Store* tls_store = nullptr;

struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;
};

Result<ListenAddress> ParseListen(const std::string& listen) {
  auto invalid = [&] {
    return Status::InvalidArgument("web: listen '" + listen +
                                   "': expected HOST:PORT, e.g. "
                                   "127.0.0.1:8080");
  };
  std::string host;
  std::string port;
  if (!listen.empty() && listen[0] == '[') {
    const std::size_t close = listen.find(']');
    if (close == std::string::npos || close + 1 >= listen.size() ||
        listen[close + 1] != ':') {
      return invalid();
    }
    host = listen.substr(1, close - 1);
    port = listen.substr(close + 2);
  } else {
    const std::size_t colon = listen.rfind(':');
    if (colon == std::string::npos) return invalid();
    host = listen.substr(0, colon);
    port = listen.substr(colon + 1);
    if (host.find(':') != std::string::npos) return invalid();
  }
  constexpr std::size_t kMaxPortDigits = 5;
  constexpr int kMaxPort = 65535;
  if (port.empty() || port.size() > kMaxPortDigits) return invalid();
  int value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return invalid();
    value = value * 10 + (c - '0');
  }
  if (value > kMaxPort) return invalid();
  if (host.empty()) host = "0.0.0.0";
  return ListenAddress{host, static_cast<std::uint16_t>(value)};
}

std::string_view AsStringView(beast::string_view s) {
  return std::string_view(s.data(), s.size());
}

// Content types worth compressing.
bool IsCompressible(std::string_view content_type) {
  return content_type.rfind("text/", 0) == 0 ||
         content_type.rfind("application/json", 0) == 0 ||
         content_type.find("xml") != std::string_view::npos;
}

bool IsCallbackTarget(const ServerOptions& options, beast::string_view target) {
  return options.callback_handler && !options.callback_prefix.empty() &&
         AsStringView(target).starts_with(options.callback_prefix);
}

}  // namespace

std::string CallbackRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return "";
}

class Session;

class Server::Impl {
 public:
  Impl(ServerOptions options, StoreFactory factory)
      : options_(std::move(options)),
        factory_(std::move(factory)),
        site_(SiteOptions{.site_name = options_.site_name,
                          .base_url = options_.base_url,
                          .page_size = options_.page_size,
                          .clock = options_.clock},
              &metrics_) {}

  Status Start();
  void Stop();
  void Wait();
  bool running() const {
    std::lock_guard lock(mu_);
    return started_ && !stopping_;
  }
  std::uint16_t port() const { return port_.load(); }

  // For sessions.
  const ServerOptions& options() const { return options_; }
  const Site& site() const { return site_; }
  Metrics& metrics() { return metrics_; }
  bool stopping() const { return stopping_flag_.load(); }
  void Unregister(Session* session) {
    std::lock_guard lock(mu_);
    sessions_.erase(session);
  }

 private:
  void DoAccept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  void RunWorker(std::size_t index);

  const ServerOptions options_;
  const StoreFactory factory_;
  Metrics metrics_;
  const Site site_;
  std::atomic<std::uint16_t> port_{0};
  std::atomic<bool> stopping_flag_{false};

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool started_ = false;                             // Guarded by mu_.
  bool stopping_ = false;                            // Guarded by mu_.
  int running_workers_ = 0;                          // Guarded by mu_.
  std::chrono::steady_clock::time_point stop_time_;  // Guarded by mu_.
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;  // mu_.

  std::mutex join_mu_;  // Serializes joining the workers.
  std::vector<std::unique_ptr<store::Store>> stores_;
  std::vector<std::thread> threads_;
  // Declared last so that it is destroyed first: handlers it still holds
  // (after a hard stop) own sessions, whose destructors use the members
  // above.
  asio::io_context ioc_;
  std::optional<tcp::acceptor> acceptor_;
};

// One client connection: reads requests, answers them through the Site on
// the worker's store, writes the responses; all on one strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Server::Impl& server)
      : stream_(std::move(socket)), server_(server) {
    server_.metrics().ConnectionOpened();
  }
  ~Session() {
    server_.metrics().ConnectionClosed();
    server_.Unregister(this);
  }

  void Run() {
    asio::dispatch(stream_.get_executor(),
                   [self = shared_from_this()] { self->DoRead(); });
  }

  // The server is stopping: an idle connection (waiting for a request) is
  // closed now; one answering a request closes after its response.
  void OnServerStop() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->reading_) self->stream_.cancel();
    });
  }

 private:
  void DoRead() {
    if (server_.stopping()) return Close();
    const ServerOptions& options = server_.options();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    // Until the target is known, a callback POST's larger limit applies
    // (Beast rejects a too-long Content-Length while parsing the header);
    // OnReadHeader narrows it for every other request.
    parser_->body_limit(
        options.callback_handler
            ? std::max(options.max_body_bytes, options.max_callback_body_bytes)
            : options.max_body_bytes);
    stream_.expires_after(std::chrono::seconds(options.read_timeout_seconds));
    reading_ = true;
    // The header first: a callback route may accept a larger body than
    // the site, and the limit must be set before the body is read.
    http::async_read_header(
        stream_, buffer_, *parser_,
        beast::bind_front_handler(&Session::OnReadHeader, shared_from_this()));
  }

  void OnReadHeader(beast::error_code ec, std::size_t bytes) {
    if (ec) return OnRead(ec, bytes);
    const ServerOptions& options = server_.options();
    if (parser_->get().method() != http::verb::post ||
        !IsCallbackTarget(options, parser_->get().target())) {
      if (parser_->content_length().value_or(0) > options.max_body_bytes) {
        return OnRead(http::error::body_limit, bytes);
      }
      parser_->body_limit(options.max_body_bytes);
    }
    http::async_read(
        stream_, buffer_, *parser_,
        beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t /*bytes*/) {
    reading_ = false;
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted) {
      return Close();
    }
    if (ec == http::error::header_limit) {
      return SendPlain(http::status::request_header_fields_too_large,
                       "request header too large\n", 11);
    }
    if (ec == http::error::body_limit) {
      return SendPlain(http::status::payload_too_large,
                       "request body too large\n", 11);
    }
    if (ec) {
      // A malformed request gets a 400; a broken connection just closes.
      if (&ec.category() ==
          &http::make_error_code(http::error::bad_method).category()) {
        return SendPlain(http::status::bad_request, "bad request\n", 11);
      }
      return Close();
    }
    Handle(parser_->release());
  }

  // Answers a request the parser rejected, then closes.
  void SendPlain(http::status status, std::string body, unsigned version) {
    auto res =
        std::make_shared<http::response<http::string_body>>(status, version);
    res->set(http::field::server, "Tidings");
    res->set(http::field::content_type, "text/plain; charset=utf-8");
    res->keep_alive(false);
    res->body() = std::move(body);
    res->prepare_payload();
    const auto start = std::chrono::steady_clock::now();
    Write(std::move(res), false, "bad request", start);
  }

  void Handle(http::request<http::string_body> req) {
    const auto start = std::chrono::steady_clock::now();
    const ServerOptions& options = server_.options();
    ++requests_served_;
    auto res = std::make_shared<http::response<http::string_body>>();
    res->version(req.version());
    res->set(http::field::server, "Tidings");
    const Clock& clock =
        options.clock != nullptr ? *options.clock : SystemClock();
    res->set(http::field::date, FormatHttpDate(clock.Now()));

    const bool is_head = req.method() == http::verb::head;
    const bool is_callback = IsCallbackTarget(options, req.target());
    std::string route;
    if (is_callback && (req.method() == http::verb::post ||
                        req.method() == http::verb::get || is_head)) {
      CallbackResponse answer = AnswerCallback(req);
      route = "callback";
      res->result(static_cast<unsigned>(answer.status));
      res->set(http::field::content_type, answer.content_type);
      res->set(http::field::cache_control, "no-store");
      res->body() = std::move(answer.body);
    } else if (req.method() != http::verb::get && !is_head) {
      res->result(http::status::method_not_allowed);
      res->set(http::field::allow, "GET, HEAD");
      res->set(http::field::content_type, "text/plain; charset=utf-8");
      res->body() = "method not allowed\n";
      route = "405";
    } else if (req.target().empty() || req.target()[0] != '/') {
      res->result(http::status::bad_request);
      res->set(http::field::content_type, "text/plain; charset=utf-8");
      res->body() = "bad request target\n";
      route = "400";
    } else if (tls_store == nullptr) {
      // Not reachable: every worker has a store. Fail soft if it happens.
      res->result(http::status::service_unavailable);
      res->set(http::field::content_type, "text/plain; charset=utf-8");
      res->body() = "no store\n";
      route = "503";
    } else {
      Request request{std::string(is_head ? "HEAD" : "GET"),
                      std::string(req.target()),
                      std::string(req[http::field::host])};
      Response response = server_.site().Handle(request, *tls_store);
      route = std::move(response.route);
      res->result(static_cast<unsigned>(response.status));
      res->set(http::field::content_type, response.content_type);
      if (!response.cache_control.empty()) {
        res->set(http::field::cache_control, response.cache_control);
      }
      for (const auto& [name, value] : response.headers) {
        res->set(name, value);
      }
      const bool compressible = IsCompressible(response.content_type);
      if (compressible) res->set(http::field::vary, "Accept-Encoding");
      bool not_modified = false;
      if (response.status == 200) {
        const std::string etag = WeakEtag(response.body);
        res->set(http::field::etag, etag);
        const auto inm = req[http::field::if_none_match];
        if (!inm.empty() &&
            EtagMatches(std::string_view(inm.data(), inm.size()), etag)) {
          not_modified = true;
          res->result(http::status::not_modified);
          res->erase(http::field::content_type);
        }
      }
      if (!not_modified) {
        if (options.gzip && compressible &&
            response.body.size() >= options.gzip_min_bytes &&
            AcceptsGzip(AsStringView(req[http::field::accept_encoding]))) {
          Result<std::string> gz = GzipCompress(response.body);
          if (gz.ok()) {
            response.body = std::move(gz).value();
            res->set(http::field::content_encoding, "gzip");
          }
        }
        res->body() = std::move(response.body);
      }
    }
    // Decided after answering, so a stop that came meanwhile closes it.
    const bool keep_alive =
        req.keep_alive() && !server_.stopping() &&
        requests_served_ < options.max_requests_per_connection;
    res->keep_alive(keep_alive);
    if (res->result() == http::status::not_modified) {
      res->body().clear();
    } else {
      res->prepare_payload();
      if (is_head) {
        // HEAD: the GET's headers, Content-Length included, and no body.
        const std::size_t length = res->body().size();
        res->body().clear();
        res->content_length(length);
      }
    }
    if (options.access_log) {
      spdlog::info("web: {} {} {}", std::string(req.method_string()),
                   std::string(req.target()), res->result_int());
    } else {
      spdlog::debug("web: {} {} {}", std::string(req.method_string()),
                    std::string(req.target()), res->result_int());
    }
    Write(std::move(res), keep_alive, std::move(route), start);
  }

  CallbackResponse AnswerCallback(const http::request<http::string_body>& req) {
    const ServerOptions& options = server_.options();
    Target target = ParseTarget(AsStringView(req.target()));
    CallbackRequest request;
    request.method = req.method() == http::verb::post ? "POST" : "GET";
    request.path = target.path.substr(
        std::min(target.path.size(), options.callback_prefix.size()));
    request.query = std::move(target.query);
    for (const auto& field : req) {
      std::string name(field.name_string());
      for (char& c : name) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request.body = req.body();
    return options.callback_handler(request);
  }

  void Write(std::shared_ptr<http::response<http::string_body>> res,
             bool keep_alive, std::string route,
             std::chrono::steady_clock::time_point start) {
    stream_.expires_after(
        std::chrono::seconds(server_.options().write_timeout_seconds));
    // Counted before the write so that a client that has its response
    // also sees it in /metrics; a slow reader's write time is its own.
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    server_.metrics().Record(route, res->result_int(), seconds);
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res, keep_alive](
                          beast::error_code ec, std::size_t /*bytes*/) {
                        if (ec || !keep_alive) return self->Close();
                        self->DoRead();
                      });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Server::Impl& server_;
  // True while waiting for a request (only touched on the strand).
  bool reading_ = false;
  int requests_served_ = 0;
};

Status Server::Impl::Start() {
  {
    std::lock_guard lock(mu_);
    if (started_ || stopping_) {
      return Status::Internal("web: Server::Start called twice or after Stop");
    }
  }
  TIDINGS_ASSIGN_OR_RETURN(ListenAddress address, ParseListen(options_.listen));
  int threads = options_.threads;
  if (threads <= 0) {
    threads =
        static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }

  beast::error_code ec;
  tcp::endpoint endpoint;
  const asio::ip::address ip = asio::ip::make_address(address.host, ec);
  if (!ec) {
    endpoint = tcp::endpoint(ip, address.port);
  } else {
    tcp::resolver resolver(ioc_);
    auto results =
        resolver.resolve(address.host, std::to_string(address.port), ec);
    if (ec || results.empty()) {
      return Status::IoError("web: listen " + options_.listen +
                             ": cannot resolve host '" + address.host + "'");
    }
    endpoint = results.begin()->endpoint();
  }

  for (int i = 0; i < threads; ++i) {
    Result<std::unique_ptr<store::Store>> store = factory_();
    if (!store.ok()) return store.status();
    if (*store == nullptr) {
      return Status::Internal("web: the store factory returned no store");
    }
    stores_.push_back(std::move(store).value());
  }

  auto fail = [&](const char* what) {
    return Status::IoError("web: listen " + options_.listen + ": " +
                           ec.message() + " (" + what + ")");
  };
  acceptor_.emplace(asio::make_strand(ioc_));
  acceptor_->open(endpoint.protocol(), ec);
  if (ec) return fail("open");
  acceptor_->set_option(asio::socket_base::reuse_address(true), ec);
  if (ec) return fail("reuse_address");
  acceptor_->bind(endpoint, ec);
  if (ec) {
    return Status::IoError("web: listen " + options_.listen + ": " +
                           ec.message());
  }
  acceptor_->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("listen");
  port_ = acceptor_->local_endpoint(ec).port();

  {
    std::lock_guard lock(mu_);
    started_ = true;
    running_workers_ = threads;
  }
  DoAccept();
  for (int i = 0; i < threads; ++i) {
    threads_.emplace_back(
        [this, i] { RunWorker(static_cast<std::size_t>(i)); });
  }
  spdlog::info("web: listening on http://{}:{} with {} worker{}",
               endpoint.address().to_string(), port_.load(), threads,
               threads == 1 ? "" : "s");
  return Status::Ok();
}

void Server::Impl::RunWorker(std::size_t index) {
  tls_store = stores_[index].get();
  for (;;) {
    try {
      ioc_.run();
      break;
    } catch (const std::exception& e) {
      // A handler threw (bad_alloc, a library bug); the worker carries on.
      spdlog::error("web: worker {}: {}", index, e.what());
    }
  }
  tls_store = nullptr;
  {
    std::lock_guard lock(mu_);
    --running_workers_;
  }
  cv_.notify_all();
}

void Server::Impl::DoAccept() {
  acceptor_->async_accept(
      asio::make_strand(ioc_),
      beast::bind_front_handler(&Server::Impl::OnAccept, this));
}

void Server::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (ec) {
    if (ec == asio::error::operation_aborted || !acceptor_->is_open()) return;
    // EMFILE and friends: log, keep serving the connections we have.
    spdlog::warn("web: accept: {}", ec.message());
    if (!stopping()) DoAccept();
    return;
  }
  std::shared_ptr<Session> session;
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;  // The socket closes as it goes out of scope.
    session = std::make_shared<Session>(std::move(socket), *this);
    sessions_.emplace(session.get(), session);
  }
  session->Run();
  DoAccept();
}

void Server::Impl::Stop() {
  std::vector<std::weak_ptr<Session>> sessions;
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
    stopping_flag_ = true;
    stop_time_ = std::chrono::steady_clock::now();
    if (!started_) {
      cv_.notify_all();
      return;
    }
    for (const auto& [ptr, weak] : sessions_) sessions.push_back(weak);
  }
  cv_.notify_all();
  asio::post(acceptor_->get_executor(), [this] {
    beast::error_code ec;
    acceptor_->close(ec);
  });
  for (const std::weak_ptr<Session>& weak : sessions) {
    if (auto session = weak.lock()) session->OnServerStop();
  }
}

void Server::Impl::Wait() {
  {
    std::unique_lock lock(mu_);
    if (!started_) return;
    cv_.wait(lock, [&] { return stopping_; });
    const auto deadline =
        stop_time_ + std::chrono::seconds(options_.shutdown_timeout_seconds);
    if (!cv_.wait_until(lock, deadline,
                        [&] { return running_workers_ == 0; })) {
      spdlog::warn(
          "web: requests still running {} s after stop; stopping "
          "hard",
          options_.shutdown_timeout_seconds);
      ioc_.stop();
    }
  }
  std::lock_guard join_lock(join_mu_);
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
}

Server::Server(ServerOptions options, StoreFactory factory)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(factory))) {}

Server::~Server() {
  impl_->Stop();
  impl_->Wait();
}

Status Server::Start() { return impl_->Start(); }
std::uint16_t Server::port() const { return impl_->port(); }
void Server::Stop() { impl_->Stop(); }
void Server::Wait() { impl_->Wait(); }
bool Server::running() const { return impl_->running(); }

Status RunUntilSignal(Server& server) {
  asio::io_context ioc;
  asio::signal_set signals(ioc);
  beast::error_code ec;
  signals.add(SIGINT, ec);
  if (!ec) signals.add(SIGTERM, ec);
  if (ec) {
    return Status::Internal("web: cannot install signal handlers: " +
                            ec.message());
  }
  int received = 0;
  signals.async_wait([&](const beast::error_code& error, int signal_number) {
    received = error ? -1 : signal_number;
  });
  // Poll so that a stop by other means (Stop() from another thread) also
  // ends the wait.
  constexpr auto kPollInterval = std::chrono::milliseconds(200);
  while (received == 0 && server.running()) ioc.run_for(kPollInterval);
  if (received == SIGINT || received == SIGTERM) {
    spdlog::info("web: {} received; finishing requests in flight",
                 received == SIGINT ? "SIGINT" : "SIGTERM");
  }
  server.Stop();
  server.Wait();
  spdlog::info("web: stopped");
  return Status::Ok();
}

}  // namespace tidings::web
