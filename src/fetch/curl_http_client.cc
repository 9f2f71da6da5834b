// The libcurl implementation of HttpClient: one multi handle driven by the
// thread that calls FetchAll. Redirects, retries and robots.txt are handled
// here rather than by libcurl so that every hop passes the SSRF guard and
// the per-host limits.
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstring>
#include <list>
#include <map>
#include <mutex>
#include <random>
#include <unordered_map>

#include "fetch/http_client.h"
#include "fetch/robots.h"
#include "fetch/url.h"

namespace tidings::fetch {
namespace {

// Longest poll wait while transfers wait on a timer, so that new readiness
// (host delays expiring) is noticed promptly.
constexpr double kMaxPollSeconds = 0.1;

double Monotonic() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string FormatSeconds(double s) {
  char buf[32];
  if (s == std::floor(s)) {
    std::snprintf(buf, sizeof(buf), "%.0fs", s);
  } else {
    std::snprintf(buf, sizeof(buf), "%.3gs", s);
  }
  return buf;
}

std::string Lower(std::string s) {
  for (char& c : s) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return s;
}

std::string TrimCopy(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

struct HostState {
  int active = 0;
  // Monotonic time before which no new request to the host may start.
  double next_start = 0;
  double paused_until = 0;
  double crawl_delay = 0;
};

struct RobotsEntry {
  bool fetching = false;
  RobotsRules rules;
  // Non-empty when robots.txt was unreachable: the origin is blocked.
  std::string error;
  double expires = 0;
};

struct DnsEntry {
  std::vector<std::string> addresses;
  double expires = 0;
};

// One request as it moves through hops and retries.
struct Transfer {
  std::size_t index = 0;
  // The caller's request, or `own_request` for internal robots.txt fetches.
  const Request* request = nullptr;
  Request own_request;
  bool is_robots = false;
  std::string robots_origin;
  std::string robots_host;

  UrlParts target;
  std::vector<std::string> visited;
  bool post = false;
  int retries = 0;
  int hops = 0;
  double not_before = 0;
  double first_start = -1;
  Response response;

  // State of the hop in flight.
  CURL* easy = nullptr;
  curl_slist* header_list = nullptr;
  curl_slist* resolve_list = nullptr;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::int64_t max_bytes = 0;
  bool too_large = false;
  std::string blocked;
  const AddressPolicy* policy = nullptr;
  char error_buffer[CURL_ERROR_SIZE] = {0};

  std::string Method() const { return post ? "POST" : "GET"; }
  std::string Prefix() const {
    return "fetch: " + Method() + " " + target.url + ": ";
  }
  // Prefix() + the inner message, without repeating its "fetch: " prefix.
  std::string Wrap(const Status& inner) const {
    constexpr std::string_view kModulePrefix = "fetch: ";
    std::string_view message = inner.message();
    if (message.substr(0, kModulePrefix.size()) == kModulePrefix) {
      message.remove_prefix(kModulePrefix.size());
    }
    return Prefix() + std::string(message);
  }
  void ReleaseHop() {
    if (easy != nullptr) curl_easy_cleanup(easy);
    if (header_list != nullptr) curl_slist_free_all(header_list);
    if (resolve_list != nullptr) curl_slist_free_all(resolve_list);
    easy = nullptr;
    header_list = resolve_list = nullptr;
  }
  ~Transfer() { ReleaseHop(); }
};

size_t WriteCallback(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  if (static_cast<std::int64_t>(t->body.size() + n) > t->max_bytes) {
    t->too_large = true;
    return 0;  // Makes libcurl abort with CURLE_WRITE_ERROR.
  }
  t->body.append(data, n);
  return n;
}

size_t HeaderCallback(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  std::string_view line(data, n);
  if (line.substr(0, 5) == "HTTP/") {
    // A new response (after a 100 Continue): forget the previous headers.
    t->headers.clear();
    return n;
  }
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    t->headers.emplace_back(Lower(TrimCopy(line.substr(0, colon))),
                            TrimCopy(line.substr(colon + 1)));
  }
  return n;
}

// The last line of defence of the SSRF guard: whatever address libcurl is
// about to connect to (pinned or not) must pass the policy.
curl_socket_t OpenSocketCallback(void* user, curlsocktype,
                                 curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(user);
  char text[INET6_ADDRSTRLEN] = {0};
  if (address->family == AF_INET) {
    auto* in = reinterpret_cast<sockaddr_in*>(&address->addr);
    inet_ntop(AF_INET, &in->sin_addr, text, sizeof(text));
  } else if (address->family == AF_INET6) {
    auto* in6 = reinterpret_cast<sockaddr_in6*>(&address->addr);
    inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof(text));
  } else {
    t->blocked = "fetch: refusing a non-IP socket";
    return CURL_SOCKET_BAD;
  }
  Status s = CheckAddress(text, *t->policy);
  if (!s.ok()) {
    t->blocked = s.message();
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

bool IsRedirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 ||
         status == 308;
}

class CurlHttpClient final : public HttpClient {
 public:
  CurlHttpClient(HttpClientOptions options, const Clock* clock, CURLM* multi)
      : options_(std::move(options)), clock_(clock), multi_(multi) {
    if (!options_.resolver) options_.resolver = SystemResolve;
    std::uint64_t seed = options_.seed;
    if (seed == 0) seed = std::random_device{}();
    rng_.seed(seed);
  }
  ~CurlHttpClient() override { curl_multi_cleanup(multi_); }

  void FetchAll(const std::vector<Request>& requests,
                const Completion& done) override;

 private:
  using TransferPtr = std::unique_ptr<Transfer>;

  void StartReady(double now);
  Status StartHop(Transfer* t, double now);
  Result<std::vector<std::string>> Resolve(const std::string& host, double now);
  void HandleDone(CURL* easy, CURLcode code);
  void Complete(TransferPtr t, Result<Response> result);
  void FinishRobots(Transfer* t, const Result<Response>& result);
  double NextWakeup(double now) const;
  // Whether robots.txt lets `t` start now; completes or parks it otherwise.
  enum class RobotsVerdict { kGo, kWait, kRefused };
  RobotsVerdict CheckRobots(Transfer* t, double now, Status* refusal);

  HttpClientOptions options_;
  const Clock* clock_;
  CURLM* multi_;
  std::mt19937_64 rng_;
  std::unordered_map<std::string, HostState> hosts_;
  std::unordered_map<std::string, RobotsEntry> robots_;
  std::unordered_map<std::string, DnsEntry> dns_;
  std::list<TransferPtr> waiting_;
  std::unordered_map<CURL*, TransferPtr> active_;
  const Completion* done_ = nullptr;
};

void CurlHttpClient::FetchAll(const std::vector<Request>& requests,
                              const Completion& done) {
  done_ = &done;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    auto t = std::make_unique<Transfer>();
    t->index = i;
    t->request = &requests[i];
    t->post = !requests[i].post_body.empty();
    Result<UrlParts> url = ParseHttpUrl(requests[i].url);
    if (!url.ok()) {
      done(i, Status::InvalidArgument(
                  std::string(t->post ? "fetch: POST " : "fetch: GET ") +
                  requests[i].url + ": bad URL"));
      continue;
    }
    t->target = std::move(url).value();
    t->visited.push_back(t->target.url);
    waiting_.push_back(std::move(t));
  }
  while (!waiting_.empty() || !active_.empty()) {
    StartReady(Monotonic());
    int running = 0;
    curl_multi_perform(multi_, &running);
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_, &queued)) {
      if (msg->msg == CURLMSG_DONE)
        HandleDone(msg->easy_handle, msg->data.result);
    }
    if (waiting_.empty() && active_.empty()) break;
    double now = Monotonic();
    double wait = std::clamp(NextWakeup(now) - now, 0.0, kMaxPollSeconds);
    curl_multi_poll(multi_, nullptr, 0,
                    static_cast<int>(std::ceil(wait * 1000)), nullptr);
  }
  done_ = nullptr;
}

double CurlHttpClient::NextWakeup(double now) const {
  double next = now + kMaxPollSeconds;
  for (const TransferPtr& t : waiting_) {
    auto it = hosts_.find(t->target.host);
    double ready = t->not_before;
    if (it != hosts_.end()) {
      ready = std::max({ready, it->second.next_start, it->second.paused_until});
    }
    next = std::min(next, ready);
  }
  return next;
}

CurlHttpClient::RobotsVerdict CurlHttpClient::CheckRobots(Transfer* t,
                                                          double now,
                                                          Status* refusal) {
  if (t->is_robots || !t->request->check_robots) return RobotsVerdict::kGo;
  std::string origin = t->target.Origin();
  auto it = robots_.find(origin);
  if (it == robots_.end() ||
      (!it->second.fetching && it->second.expires < now)) {
    RobotsEntry& entry = robots_[origin];
    entry.fetching = true;
    auto r = std::make_unique<Transfer>();
    r->is_robots = true;
    r->robots_origin = origin;
    r->robots_host = t->target.host;
    r->own_request.url = origin + "/robots.txt";
    r->own_request.max_response_bytes = RobotsRules::kMaxParseBytes;
    r->request = &r->own_request;
    Result<UrlParts> url = ParseHttpUrl(r->own_request.url);
    if (!url.ok()) {
      entry.fetching = false;
      entry.rules = RobotsRules::AllowAll();
      entry.expires = now + options_.robots_ttl_seconds;
      return RobotsVerdict::kGo;
    }
    r->target = std::move(url).value();
    r->visited.push_back(r->target.url);
    waiting_.push_front(std::move(r));
    return RobotsVerdict::kWait;
  }
  const RobotsEntry& entry = it->second;
  if (entry.fetching) return RobotsVerdict::kWait;
  if (!entry.error.empty()) {
    *refusal = Status::PermissionDenied(
        t->Prefix() + "robots.txt unreachable (" + entry.error + ")");
    return RobotsVerdict::kRefused;
  }
  if (!entry.rules.IsAllowed(t->target.path_and_query)) {
    *refusal =
        Status::PermissionDenied(t->Prefix() + "disallowed by robots.txt");
    return RobotsVerdict::kRefused;
  }
  return RobotsVerdict::kGo;
}

void CurlHttpClient::StartReady(double now) {
  for (auto it = waiting_.begin(); it != waiting_.end();) {
    if (static_cast<int>(active_.size()) >= options_.max_concurrent) break;
    Transfer* t = it->get();
    if (t->not_before > now) {
      ++it;
      continue;
    }
    HostState& host = hosts_[t->target.host];
    if (host.active >= options_.max_per_host || now < host.next_start ||
        now < host.paused_until) {
      ++it;
      continue;
    }
    Status refusal;
    RobotsVerdict verdict = CheckRobots(t, now, &refusal);
    if (verdict == RobotsVerdict::kWait) {
      // CheckRobots may have queued a robots.txt fetch at the front; it is
      // started on the next round.
      ++it;
      continue;
    }
    TransferPtr owned = std::move(*it);
    it = waiting_.erase(it);
    if (verdict == RobotsVerdict::kRefused) {
      Complete(std::move(owned), refusal);
      continue;
    }
    Status started = StartHop(owned.get(), now);
    if (!started.ok()) {
      Complete(std::move(owned), started);
      continue;
    }
    host.active++;
    double delay = std::max(options_.min_host_delay_seconds, host.crawl_delay);
    host.next_start = now + delay;
    CURL* easy = owned->easy;
    active_.emplace(easy, std::move(owned));
  }
}

Result<std::vector<std::string>> CurlHttpClient::Resolve(
    const std::string& host, double now) {
  auto it = dns_.find(host);
  if (it != dns_.end() && it->second.expires > now) return it->second.addresses;
  TIDINGS_ASSIGN_OR_RETURN(std::vector<std::string> addresses,
                           options_.resolver(host));
  dns_[host] = {addresses, now + options_.dns_ttl_seconds};
  return addresses;
}

Status CurlHttpClient::StartHop(Transfer* t, double now) {
  if (t->first_start < 0) t->first_start = now;
  const Request& request = *t->request;
  t->policy = &options_.address_policy;
  t->body.clear();
  t->headers.clear();
  t->too_large = false;
  t->blocked.clear();
  t->error_buffer[0] = 0;
  t->max_bytes = request.max_response_bytes > 0 ? request.max_response_bytes
                                                : options_.max_response_bytes;

  // The SSRF guard: resolve, keep only permitted addresses, pin them.
  const std::string& host = t->target.host;
  if (ClassifyAddress(host) != AddressClass::kInvalid) {
    Status s = CheckAddress(host, options_.address_policy);
    if (!s.ok()) return Status::PermissionDenied(t->Wrap(s));
  } else {
    Result<std::vector<std::string>> addresses = Resolve(host, now);
    if (!addresses.ok()) {
      return Status::Unavailable(t->Wrap(addresses.status()));
    }
    std::string pinned;
    Status first_refusal;
    for (const std::string& a : *addresses) {
      Status s = CheckAddress(a, options_.address_policy);
      if (!s.ok()) {
        if (first_refusal.ok()) first_refusal = s;
        continue;
      }
      if (!pinned.empty()) pinned += ",";
      pinned += a.find(':') != std::string::npos ? "[" + a + "]" : a;
    }
    if (pinned.empty()) {
      return Status::PermissionDenied(t->Prefix() + host +
                                      " resolves to a "
                                      "refused address: " +
                                      first_refusal.message());
    }
    std::string entry =
        host + ":" + std::to_string(t->target.port) + ":" + pinned;
    t->resolve_list = curl_slist_append(nullptr, entry.c_str());
  }

  CURL* e = curl_easy_init();
  if (e == nullptr)
    return Status::Internal(t->Prefix() + "curl_easy_init failed");
  t->easy = e;
  curl_easy_setopt(e, CURLOPT_URL, t->target.url.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, t);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  // Proxies from the environment would bypass the address checks.
  curl_easy_setopt(e, CURLOPT_PROXY, "");
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
  curl_easy_setopt(e, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout_seconds * 1000));
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(options_.total_timeout_seconds * 1000));
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT,
                   options_.low_speed_bytes_per_second);
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, options_.low_speed_seconds);
  curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
                   static_cast<curl_off_t>(t->max_bytes));
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, WriteCallback);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, HeaderCallback);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
  curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, OpenSocketCallback);
  curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, t);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error_buffer);
  if (t->resolve_list != nullptr) {
    curl_easy_setopt(e, CURLOPT_RESOLVE, t->resolve_list);
  }
  curl_slist* h = nullptr;
  if (!request.etag.empty()) {
    h = curl_slist_append(h, ("If-None-Match: " + request.etag).c_str());
  }
  if (!request.last_modified.empty()) {
    h = curl_slist_append(
        h, ("If-Modified-Since: " + request.last_modified).c_str());
  }
  for (const auto& [name, value] : request.headers) {
    h = curl_slist_append(h, (name + ": " + value).c_str());
  }
  if (t->post) {
    h = curl_slist_append(h, ("Content-Type: " + request.content_type).c_str());
    // No "Expect: 100-continue" round trip for small forms.
    h = curl_slist_append(h, "Expect:");
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.post_body.size()));
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, request.post_body.data());
  }
  t->header_list = h;
  if (h != nullptr) curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
  if (curl_multi_add_handle(multi_, e) != CURLM_OK) {
    return Status::Internal(t->Prefix() + "curl_multi_add_handle failed");
  }
  return Status::Ok();
}

void CurlHttpClient::HandleDone(CURL* easy, CURLcode code) {
  auto node = active_.find(easy);
  if (node == active_.end()) return;
  TransferPtr t = std::move(node->second);
  active_.erase(node);
  curl_multi_remove_handle(multi_, easy);
  double now = Monotonic();
  HostState& host = hosts_[t->target.host];
  host.active--;
  t->response.attempts++;

  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  double connect_time = 0;
  curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME, &connect_time);
  t->ReleaseHop();

  if (code != CURLE_OK) {
    std::string prefix = t->Prefix();
    Status error;
    if (t->too_large || code == CURLE_FILESIZE_EXCEEDED) {
      error = Status::Corruption(prefix + "response larger than " +
                                 std::to_string(t->max_bytes) + " bytes");
    } else if (!t->blocked.empty()) {
      error = Status::PermissionDenied(prefix + t->blocked);
    } else if (code == CURLE_OPERATION_TIMEDOUT) {
      if (std::strstr(t->error_buffer, "too slow") != nullptr) {
        error = Status::Timeout(
            prefix + "too slow: under " +
            std::to_string(options_.low_speed_bytes_per_second) +
            " bytes/s for " + std::to_string(options_.low_speed_seconds) + "s");
      } else if (connect_time <= 0) {
        error =
            Status::Timeout(prefix + "connect timeout after " +
                            FormatSeconds(options_.connect_timeout_seconds));
      } else {
        error = Status::Timeout(prefix + "timeout after " +
                                FormatSeconds(options_.total_timeout_seconds));
      }
    } else {
      std::string why =
          t->error_buffer[0] != 0 ? t->error_buffer : curl_easy_strerror(code);
      error = Status::Unavailable(prefix + why);
    }
    Complete(std::move(t), error);
    return;
  }

  Response& r = t->response;
  r.status = static_cast<int>(status);
  r.url = t->target.url;
  r.headers = std::move(t->headers);
  r.body = std::move(t->body);
  r.content_type = r.Header("content-type");
  r.etag = r.Header("etag");
  r.last_modified = r.Header("last-modified");
  r.retry_after_seconds.reset();
  if (std::string ra = r.Header("retry-after"); !ra.empty()) {
    r.retry_after_seconds = ParseRetryAfter(ra, clock_->Now());
  }

  if (IsRedirect(r.status) && !r.Header("location").empty()) {
    std::string prefix = t->Prefix();
    if (t->hops >= options_.max_redirects) {
      Complete(std::move(t), Status::Corruption(
                                 prefix + "too many redirects (more than " +
                                 std::to_string(options_.max_redirects) + ")"));
      return;
    }
    Result<UrlParts> next = ResolveHttpUrl(t->target.url, r.Header("location"));
    if (!next.ok()) {
      Complete(std::move(t), Status::Corruption(prefix + "bad redirect: " +
                                                next.status().message()));
      return;
    }
    if (std::find(t->visited.begin(), t->visited.end(), next->url) !=
        t->visited.end()) {
      Complete(std::move(t),
               Status::Corruption(prefix + "redirect loop at " + next->url));
      return;
    }
    r.redirects.push_back(t->target.url);
    r.redirect_statuses.push_back(r.status);
    t->visited.push_back(next->url);
    t->target = std::move(next).value();
    t->hops++;
    // 303 always, and 301/302 in practice, turn a POST into a GET.
    if (r.status == 301 || r.status == 302 || r.status == 303) t->post = false;
    t->not_before = 0;
    waiting_.push_front(std::move(t));
    return;
  }

  bool retryable = r.status == 429 || r.status >= 500;
  if (retryable && t->retries < options_.max_retries) {
    double wait = r.retry_after_seconds.value_or(
        BackoffSeconds(t->retries + 1, options_.retry_backoff, rng_));
    if (wait <= options_.max_retry_wait_seconds) {
      if (r.status == 429 || r.status == 503) {
        host.paused_until = std::max(host.paused_until, now + wait);
      }
      t->retries++;
      t->not_before = now + wait;
      waiting_.push_back(std::move(t));
      return;
    }
  }
  if (r.status == 429 || r.status == 503) {
    // Not retrying, but the host asked for a pause: honour it for the
    // other requests of this batch, within the retry-wait bound.
    double wait = std::min(r.retry_after_seconds.value_or(0),
                           options_.max_retry_wait_seconds);
    host.paused_until = std::max(host.paused_until, now + wait);
  }
  Complete(std::move(t), r);
}

void CurlHttpClient::Complete(TransferPtr t, Result<Response> result) {
  if (result.ok()) {
    result->elapsed_seconds = Monotonic() - std::max(0.0, t->first_start);
  }
  if (t->is_robots) {
    FinishRobots(t.get(), result);
    return;
  }
  (*done_)(t->index, std::move(result));
}

void CurlHttpClient::FinishRobots(Transfer* t, const Result<Response>& result) {
  double now = Monotonic();
  RobotsEntry& entry = robots_[t->robots_origin];
  entry.fetching = false;
  entry.error.clear();
  entry.expires = now + options_.robots_ttl_seconds;
  if (!result.ok()) {
    entry.error = result.status().message();
    entry.expires = now + options_.robots_error_ttl_seconds;
    return;
  }
  if (result->status >= 500) {
    entry.error = "robots.txt answered " + std::to_string(result->status);
    entry.expires = now + options_.robots_error_ttl_seconds;
    return;
  }
  if (result->status >= 200 && result->status < 300) {
    entry.rules = RobotsRules::Parse(result->body, options_.robots_agent_token);
  } else {
    entry.rules = RobotsRules::AllowAll();
  }
  if (auto delay = entry.rules.crawl_delay()) {
    HostState& host = hosts_[t->robots_host];
    host.crawl_delay = std::min(*delay, options_.max_crawl_delay_seconds);
  }
}

std::once_flag curl_global_once;

}  // namespace

Result<std::unique_ptr<HttpClient>> NewCurlHttpClient(HttpClientOptions options,
                                                      const Clock* clock) {
  std::call_once(curl_global_once,
                 [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURLM* multi = curl_multi_init();
  if (multi == nullptr) {
    return Status::Internal("fetch: curl_multi_init failed");
  }
  if (clock == nullptr) clock = &SystemClock();
  return std::unique_ptr<HttpClient>(
      new CurlHttpClient(std::move(options), clock, multi));
}

}  // namespace tidings::fetch
