#include "base/time_format.h"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace tidings {
namespace {

constexpr std::int64_t kSecondsPerMinute = 60;
constexpr std::int64_t kSecondsPerHour = 3600;
constexpr std::int64_t kSecondsPerDay = 86400;
// Beyond a week a relative time stops being useful to a reader.
constexpr std::int64_t kRelativeLimitDays = 7;

bool ReadInt(std::string_view text, size_t pos, size_t len, int* out) {
  if (pos + len > text.size()) return false;
  auto res = std::from_chars(text.data() + pos, text.data() + pos + len, *out);
  return res.ec == std::errc() && res.ptr == text.data() + pos + len;
}

}  // namespace

std::int64_t DaysFromCivil(int y, unsigned m, unsigned d) {
  // Howard Hinnant's days_from_civil algorithm (public domain description).
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::string FormatIso8601(UnixSeconds t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<UnixSeconds> ParseIso8601(std::string_view s) {
  int year, month, day;
  if (!ReadInt(s, 0, 4, &year) || s.size() < 10 || s[4] != '-' ||
      !ReadInt(s, 5, 2, &month) || s[7] != '-' || !ReadInt(s, 8, 2, &day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  std::int64_t seconds = DaysFromCivil(year, month, day) * kSecondsPerDay;
  if (s.size() == 10) return seconds;
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
  int hour, minute, second = 0;
  if (!ReadInt(s, 11, 2, &hour) || s.size() < 16 || s[13] != ':' ||
      !ReadInt(s, 14, 2, &minute)) {
    return std::nullopt;
  }
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!ReadInt(s, pos + 1, 2, &second)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    }
  }
  if (hour > 24 || minute > 59 || second > 60) return std::nullopt;
  seconds += hour * kSecondsPerHour + minute * kSecondsPerMinute + second;
  if (pos == s.size()) return seconds;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    return pos + 1 == s.size() ? std::optional<UnixSeconds>(seconds)
                               : std::nullopt;
  }
  if (s[pos] != '+' && s[pos] != '-') return std::nullopt;
  const int sign = s[pos] == '+' ? 1 : -1;
  int off_h, off_m = 0;
  if (!ReadInt(s, pos + 1, 2, &off_h)) return std::nullopt;
  size_t rest = pos + 3;
  if (rest < s.size() && s[rest] == ':') ++rest;
  if (rest < s.size()) {
    if (!ReadInt(s, rest, 2, &off_m) || rest + 2 != s.size()) {
      return std::nullopt;
    }
  }
  return seconds - sign * (off_h * kSecondsPerHour + off_m * kSecondsPerMinute);
}

std::string FormatRelative(UnixSeconds t, UnixSeconds now) {
  const std::int64_t delta = now - t;
  char buf[48];
  if (delta < 0 || delta >= kRelativeLimitDays * kSecondsPerDay) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    std::strftime(buf, sizeof(buf), "%d %b %Y", &tm);
    return buf;
  }
  if (delta < kSecondsPerMinute) return "just now";
  if (delta < kSecondsPerHour) {
    std::snprintf(buf, sizeof(buf), "%lld min ago",
                  static_cast<long long>(delta / kSecondsPerMinute));
  } else if (delta < kSecondsPerDay) {
    std::snprintf(buf, sizeof(buf), "%lld h ago",
                  static_cast<long long>(delta / kSecondsPerHour));
  } else {
    const long long days = delta / kSecondsPerDay;
    std::snprintf(buf, sizeof(buf), "%lld day%s ago", days,
                  days == 1 ? "" : "s");
  }
  return buf;
}

}  // namespace tidings
