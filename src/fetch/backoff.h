// Retry-After parsing and exponential backoff with jitter, shared by the
// HTTP client (retries within one fetch) and the crawler (error backoff of
// a feed across polls).
#ifndef TIDINGS_FETCH_BACKOFF_H_
#define TIDINGS_FETCH_BACKOFF_H_

#include <cstdint>
#include <optional>
#include <random>
#include <string_view>

#include "base/clock.h"

namespace tidings::fetch {

// Parses a Retry-After value: delta-seconds ("120") or an HTTP-date
// ("Wed, 21 Oct 2015 07:28:00 GMT", also the obsolete RFC 850 and asctime
// forms). Returns the wait in seconds from `now` (0 for dates in the past),
// or nullopt when the value is neither.
std::optional<double> ParseRetryAfter(std::string_view value, UnixSeconds now);

// Parses an HTTP-date (IMF-fixdate, RFC 850 or asctime). Exposed for tests.
std::optional<UnixSeconds> ParseHttpDate(std::string_view value);

struct BackoffOptions {
  // Wait before the first retry.
  double base_seconds = 1.0;
  // Upper bound of any wait.
  double max_seconds = 60.0;
  // The wait is drawn uniformly from [(1 - jitter) * d, d] where d is the
  // exponential delay, so that many clients backing off from one host do
  // not come back in lockstep.
  double jitter = 0.5;
};

// The wait before retry number `attempt` (1 for the first retry):
// base * 2^(attempt-1), capped at max, with jitter drawn from `rng`.
double BackoffSeconds(int attempt, const BackoffOptions& options,
                      std::mt19937_64& rng);

}  // namespace tidings::fetch

#endif  // TIDINGS_FETCH_BACKOFF_H_
