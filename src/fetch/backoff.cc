#include "fetch/backoff.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "base/time_format.h"

namespace tidings::fetch {
namespace {

int MonthIndex(const char* name) {
  static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr",
                                            "may", "jun", "jul", "aug",
                                            "sep", "oct", "nov", "dec"};
  for (int i = 0; i < 12; ++i) {
    if (strncasecmp(name, kMonths[i], 3) == 0) return i + 1;
  }
  return 0;
}

std::optional<UnixSeconds> Make(int year, int month, int day, int h, int m,
                                int s) {
  if (month < 1 || day < 1 || day > 31 || h < 0 || h > 23 || m < 0 || m > 59 ||
      s < 0 || s > 60) {
    return std::nullopt;
  }
  return DaysFromCivil(year, static_cast<unsigned>(month),
                       static_cast<unsigned>(day)) *
             86400 +
         h * 3600 + m * 60 + s;
}

}  // namespace

std::optional<UnixSeconds> ParseHttpDate(std::string_view value) {
  std::string v(value);
  char month[4] = {0};
  int day = 0, year = 0, h = 0, m = 0, s = 0;
  // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
  if (std::sscanf(v.c_str(), "%*3s, %d %3s %d %d:%d:%d", &day, month, &year, &h,
                  &m, &s) == 6) {
    return Make(year, MonthIndex(month), day, h, m, s);
  }
  // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT".
  if (std::sscanf(v.c_str(), "%*[A-Za-z], %d-%3s-%d %d:%d:%d", &day, month,
                  &year, &h, &m, &s) == 6) {
    if (year < 100) year += year < 70 ? 2000 : 1900;
    return Make(year, MonthIndex(month), day, h, m, s);
  }
  // asctime: "Sun Nov  6 08:49:37 1994".
  if (std::sscanf(v.c_str(), "%*3s %3s %d %d:%d:%d %d", month, &day, &h, &m, &s,
                  &year) == 6) {
    return Make(year, MonthIndex(month), day, h, m, s);
  }
  return std::nullopt;
}

std::optional<double> ParseRetryAfter(std::string_view value, UnixSeconds now) {
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value[0]))) {
    value.remove_prefix(1);
  }
  while (!value.empty() &&
         std::isspace(static_cast<unsigned char>(value.back()))) {
    value.remove_suffix(1);
  }
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      })) {
    // Bounded so absurd values cannot overflow; callers cap waits anyway.
    constexpr std::size_t kMaxDigits = 9;
    if (value.size() > kMaxDigits) return 1e9;
    return std::stod(std::string(value));
  }
  std::optional<UnixSeconds> when = ParseHttpDate(value);
  if (!when) return std::nullopt;
  return std::max<double>(0, static_cast<double>(*when - now));
}

double BackoffSeconds(int attempt, const BackoffOptions& options,
                      std::mt19937_64& rng) {
  // 2^30 already exceeds any sensible cap; stop the exponent there.
  constexpr int kMaxExponent = 30;
  int exponent = std::clamp(attempt - 1, 0, kMaxExponent);
  double delay = std::min(options.max_seconds,
                          options.base_seconds * std::ldexp(1.0, exponent));
  double jitter = std::clamp(options.jitter, 0.0, 1.0);
  std::uniform_real_distribution<double> dist((1.0 - jitter) * delay, delay);
  return jitter > 0 ? dist(rng) : delay;
}

}  // namespace tidings::fetch
