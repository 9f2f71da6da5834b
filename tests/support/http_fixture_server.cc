#include "support/http_fixture_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace tidings::testing {
namespace {

// Requests larger than this are not expected from the code under test.
constexpr std::size_t kMaxRequestBytes = 1 << 20;

double Now() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string Lower(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  std::size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

const char* Reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

HttpFixtureServer::HttpFixtureServer(Handler handler)
    : handler_(std::move(handler)), start_(Now()) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listen_fd_ < 0) {
    std::perror("HttpFixtureServer: socket");
    std::abort();
  }
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) !=
          0 ||
      ::listen(listen_fd_, SOMAXCONN) != 0) {
    std::perror("HttpFixtureServer: bind/listen");
    std::abort();
  }
  socklen_t len = sizeof(addr);
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  accept_thread_ = std::thread([this] { AcceptLoop(); });
}

HttpFixtureServer::~HttpFixtureServer() {
  stopping_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
  }
  stop_cv_.notify_all();
  accept_thread_.join();
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mu_);
    threads.swap(connections_);
  }
  for (std::thread& t : threads) t.join();
  ::close(listen_fd_);
}

std::string HttpFixtureServer::Url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

std::string HttpFixtureServer::UrlFor(std::string_view host,
                                      std::string_view path) const {
  return "http://" + std::string(host) + ":" + std::to_string(port_) +
         std::string(path);
}

std::vector<FixtureRequest> HttpFixtureServer::Requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

std::size_t HttpFixtureServer::RequestCount() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_.size();
}

std::size_t HttpFixtureServer::CountPath(std::string_view path) const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<std::size_t>(
      std::count_if(requests_.begin(), requests_.end(),
                    [&](const FixtureRequest& r) { return r.path == path; }));
}

std::map<std::string, int> HttpFixtureServer::MaxInFlightByHost() const {
  std::lock_guard<std::mutex> lock(mu_);
  return max_in_flight_by_host_;
}

bool HttpFixtureServer::Sleep(double seconds) {
  std::unique_lock<std::mutex> lock(mu_);
  return !stop_cv_.wait_for(lock, std::chrono::duration<double>(seconds),
                            [this] { return stopping_.load(); });
}

void HttpFixtureServer::AcceptLoop() {
  while (!stopping_) {
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) {
      if (stopping_) return;
      continue;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) {
      ::close(fd);
      return;
    }
    open_fds_.push_back(fd);
    connections_.emplace_back([this, fd] { Serve(fd); });
  }
}

void HttpFixtureServer::Serve(int fd) {
  std::string buffer;
  char chunk[16384];
  bool keep_alive = true;
  while (keep_alive && !stopping_) {
    // Read the head.
    std::size_t head_end;
    while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
      ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
      if (n <= 0 || buffer.size() > kMaxRequestBytes) {
        keep_alive = false;
        break;
      }
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
    if (!keep_alive) break;
    FixtureRequest request;
    request.received_at = Now() - start_;
    std::string head = buffer.substr(0, head_end);
    buffer.erase(0, head_end + 4);
    std::size_t line_end = head.find("\r\n");
    std::string request_line = head.substr(0, line_end);
    std::size_t sp1 = request_line.find(' ');
    std::size_t sp2 = request_line.rfind(' ');
    if (sp1 == std::string::npos || sp2 == sp1) break;
    request.method = request_line.substr(0, sp1);
    request.target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
    request.path = request.target.substr(0, request.target.find('?'));
    std::size_t pos =
        line_end == std::string::npos ? head.size() : line_end + 2;
    while (pos < head.size()) {
      std::size_t e = head.find("\r\n", pos);
      if (e == std::string::npos) e = head.size();
      std::string line = head.substr(pos, e - pos);
      pos = e + 2;
      std::size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      request.headers[Lower(Trim(line.substr(0, colon)))] =
          Trim(line.substr(colon + 1));
    }
    std::size_t length =
        std::strtoul(request.Header("content-length").c_str(), nullptr, 10);
    while (buffer.size() < length) {
      ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
      if (n <= 0) break;
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
    request.body = buffer.substr(0, std::min(length, buffer.size()));
    buffer.erase(0, request.body.size());
    request.host = request.Header("host");
    if (auto colon = request.host.rfind(':');
        colon != std::string::npos && request.host.back() != ']') {
      request.host.resize(colon);
    }
    if (Lower(request.Header("connection")) == "close") keep_alive = false;

    int now_in_flight = ++in_flight_;
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(request);
      int& host_count = in_flight_by_host_[request.host];
      ++host_count;
      int& host_max = max_in_flight_by_host_[request.host];
      host_max = std::max(host_max, host_count);
      int seen = max_in_flight_.load();
      while (now_in_flight > seen &&
             !max_in_flight_.compare_exchange_weak(seen, now_in_flight)) {
      }
    }
    FixtureResponse response = handler_(request);
    bool alive = response.delay_seconds <= 0 || Sleep(response.delay_seconds);
    if (alive && !response.drop) {
      std::string out = "HTTP/1.1 " + std::to_string(response.status) + " " +
                        Reason(response.status) + "\r\n";
      bool has_length = false;
      for (const auto& [name, value] : response.headers) {
        out += name + ": " + value + "\r\n";
        if (Lower(name) == "content-length") has_length = true;
      }
      if (!has_length) {
        out +=
            "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
      }
      out += keep_alive ? "\r\n" : "Connection: close\r\n\r\n";
      if (response.chunk_bytes == 0) {
        alive = SendAll(fd, out + response.body);
      } else {
        alive = SendAll(fd, out);
        for (std::size_t i = 0; alive && i < response.body.size();
             i += response.chunk_bytes) {
          alive = SendAll(fd, std::string_view(response.body)
                                  .substr(i, response.chunk_bytes)) &&
                  Sleep(response.chunk_delay_seconds);
        }
      }
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      --in_flight_by_host_[request.host];
    }
    --in_flight_;
    if (!alive || response.drop) break;
  }
  std::lock_guard<std::mutex> lock(mu_);
  open_fds_.erase(std::remove(open_fds_.begin(), open_fds_.end(), fd),
                  open_fds_.end());
  ::close(fd);
}

std::string GzipCompress(std::string_view data) {
  z_stream z{};
  // 15 window bits + 16 selects the gzip wrapper.
  constexpr int kGzipWindowBits = 15 + 16;
  constexpr int kMemLevel = 8;
  deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, kGzipWindowBits, kMemLevel,
               Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace tidings::testing
