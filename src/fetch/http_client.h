// HttpClient: how Tidings talks HTTP. An interface so that the crawler can
// be tested with a fake; NewCurlHttpClient() is the real one (libcurl multi
// interface, one thread driving many transfers).
//
// Policy built into the real client, per request:
//   - redirects followed by the client itself (at most max_redirects, loops
//     detected) so that the SSRF guard checks every hop;
//   - the SSRF guard: each hop's host is resolved, every address checked
//     (fetch/address_guard.h) and the connection pinned to those addresses;
//   - conditional GET from Request::etag / last_modified; a 304 is a normal
//     Response with status 304 and an empty body;
//   - 429 and 5xx retried up to max_retries times, waiting Retry-After or an
//     exponential backoff with jitter; a 429/503 also pauses the whole host;
//   - per-host concurrency limit and minimum delay between request starts
//     to one host (raised to the host's robots.txt Crawl-delay, capped);
//   - robots.txt for requests with check_robots (article pages), fetched
//     once per origin and cached for robots_ttl_seconds;
//   - timeouts (connect, total, low speed) and a cap on the decoded size.
#ifndef TIDINGS_FETCH_HTTP_CLIENT_H_
#define TIDINGS_FETCH_HTTP_CLIENT_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "fetch/address_guard.h"
#include "fetch/backoff.h"

namespace tidings::fetch {

struct Request {
  // Absolute http(s) URL.
  std::string url{};
  // Validators from the last 200 answer: sent as If-None-Match and
  // If-Modified-Since when non-empty.
  std::string etag{};
  std::string last_modified{};
  // Apply the origin's robots.txt (article pages; not feeds).
  bool check_robots = false;
  // When non-empty the request is a POST with this body (e.g. a WebSub
  // subscription form) and `content_type`.
  std::string post_body{};
  std::string content_type = "application/x-www-form-urlencoded";
  // Extra request headers.
  std::vector<std::pair<std::string, std::string>> headers{};
  // Overrides HttpClientOptions::max_response_bytes when > 0.
  std::int64_t max_response_bytes = 0;
};

struct Response {
  // HTTP status of the final response (after redirects), e.g. 200 or 304.
  int status = 0;
  // The URL of the final response.
  std::string url{};
  // Decoded body (Content-Encoding removed); empty for 304.
  std::string body{};
  std::string content_type{};
  std::string etag{};
  std::string last_modified{};
  // Seconds to wait from the Retry-After header of the final response.
  std::optional<double> retry_after_seconds{};
  // Headers of the final response, names lower-cased, in order.
  std::vector<std::pair<std::string, std::string>> headers{};
  // URLs redirected from, in order (empty when there was no redirect),
  // and the status of each of those hops (301, 302, 303, 307, 308).
  std::vector<std::string> redirects{};
  std::vector<int> redirect_statuses{};
  // Transfers made for this request including retries and redirect hops.
  int attempts = 0;
  // From the first transfer's start to the end, in seconds.
  double elapsed_seconds = 0;

  // The first header named `name` (lower case), or "".
  std::string Header(std::string_view name) const;
  // All values of header `name` (lower case), e.g. "link".
  std::vector<std::string> Headers(std::string_view name) const;
  bool ok() const { return status >= 200 && status < 300; }
  // True when there was at least one redirect and every hop was permanent
  // (301 or 308): the resource has moved, and `url` is its new address.
  bool MovedPermanently() const;
};

// Resolves a host name to IP literals. Injected so tests can map test host
// names to 127.0.0.1. Fails with kUnavailable when the name does not
// resolve.
using Resolver =
    std::function<Result<std::vector<std::string>>(const std::string& host)>;

// The system resolver (getaddrinfo; blocking).
Result<std::vector<std::string>> SystemResolve(const std::string& host);

struct HttpClientOptions {
  // Sent as User-Agent. Names the product, version and a contact URL so
  // site owners can reach the operator; set `contact_url` in the config.
  std::string user_agent =
      "Tidings/0.1 (+https://github.com/tidings-news/tidings)";
  // The product token matched against robots.txt User-agent lines.
  std::string robots_agent_token = "tidings";
  // Transfers in flight at once over all hosts.
  int max_concurrent = 50;
  // Transfers in flight at once to one host (by host name).
  int max_per_host = 2;
  // Minimum seconds between the starts of two requests to one host.
  double min_host_delay_seconds = 1.0;
  // A robots.txt Crawl-delay raises the per-host delay, but never above
  // this (some sites ask for minutes).
  double max_crawl_delay_seconds = 30.0;
  // TCP+TLS connect timeout.
  double connect_timeout_seconds = 10.0;
  // Whole-transfer timeout of one hop.
  double total_timeout_seconds = 30.0;
  // Abort when slower than low_speed_bytes_per_second for
  // low_speed_seconds.
  long low_speed_bytes_per_second = 100;
  long low_speed_seconds = 15;
  // Bodies larger than this (after decoding) fail with "too large".
  std::int64_t max_response_bytes = 16LL << 20;
  // Redirect hops followed per request.
  int max_redirects = 5;
  // Retries of a 429/5xx answer (0 = none).
  int max_retries = 2;
  // Backoff between retries when the server sends no Retry-After.
  BackoffOptions retry_backoff{};
  // A Retry-After longer than this is not waited for: the response is
  // returned with retry_after_seconds set, for the caller to reschedule.
  double max_retry_wait_seconds = 30.0;
  // How long a fetched robots.txt is trusted.
  double robots_ttl_seconds = 24 * 3600;
  // How long an unreachable (5xx or failed) robots.txt blocks the origin
  // before it is asked again.
  double robots_error_ttl_seconds = 3600;
  // How long a DNS answer is reused.
  double dns_ttl_seconds = 300;
  // Which non-public addresses may be fetched (see address_guard.h).
  AddressPolicy address_policy{};
  // Host name resolution; SystemResolve when empty.
  Resolver resolver{};
  // Seed of the backoff jitter; 0 seeds from the random device.
  std::uint64_t seed = 0;
};

// Called once per request as it completes: `index` is its position in the
// batch. A Result error means no usable HTTP response: the messages are
// "fetch: GET URL: …" with kTimeout (timeouts), kPermissionDenied (SSRF
// guard, robots.txt), kUnavailable (connection or DNS failure), kCorruption
// (bad response, too many redirects, redirect loop, too large),
// kInvalidArgument (bad URL). HTTP error statuses (404, 500 after retries)
// are Responses, not errors.
using Completion =
    std::function<void(std::size_t index, Result<Response> result)>;

class HttpClient {
 public:
  virtual ~HttpClient() = default;

  // Runs all `requests` concurrently within the client's limits and calls
  // `done` for each one, on the calling thread, in completion order.
  // Returns when every request has completed. Not reentrant: one FetchAll
  // at a time per client (caches such as robots.txt persist across calls).
  virtual void FetchAll(const std::vector<Request>& requests,
                        const Completion& done) = 0;

  // One request; FetchAll of one.
  Result<Response> Fetch(const Request& request);
};

// The libcurl client. `clock` (SystemClock() when null) provides wall time
// for Retry-After dates; it must outlive the client. Fails with kInternal
// when libcurl cannot be initialised.
Result<std::unique_ptr<HttpClient>> NewCurlHttpClient(
    HttpClientOptions options, const Clock* clock = nullptr);

}  // namespace tidings::fetch

#endif  // TIDINGS_FETCH_HTTP_CLIENT_H_
