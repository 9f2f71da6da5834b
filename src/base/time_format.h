// Formatting of instants for JSON, pages and logs.
#ifndef TIDINGS_BASE_TIME_FORMAT_H_
#define TIDINGS_BASE_TIME_FORMAT_H_

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"

namespace tidings {

// "2024-03-05T14:07:00Z" (UTC, ISO 8601 / RFC 3339).
std::string FormatIso8601(UnixSeconds t);

// Parses the strict RFC 3339 / ISO 8601 forms that Tidings itself writes
// and that WARC headers use: "YYYY-MM-DD", "YYYY-MM-DDThh:mm[:ss[.frac]]"
// followed by "Z", "+hh:mm", "+hhmm" or nothing (then UTC). Returns nullopt
// for anything else; lenient parsing of real-world dates lives in
// base/date.h.
std::optional<UnixSeconds> ParseIso8601(std::string_view text);

// Days since 1970-01-01 for a proleptic Gregorian date (no range checks).
std::int64_t DaysFromCivil(int year, unsigned month, unsigned day);

// "3 min ago", "2 h ago", "5 days ago" relative to `now`; a date for older.
std::string FormatRelative(UnixSeconds t, UnixSeconds now);

}  // namespace tidings

#endif  // TIDINGS_BASE_TIME_FORMAT_H_
