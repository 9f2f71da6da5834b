// Lenient parsing of the date strings found in feeds and article pages.
//
// Feeds and pages write dates in every way imaginable: RFC 822/2822 with
// or without a weekday and with two-digit years, named and military zones,
// RFC 3339 / ISO 8601 in basic and extended form, W3CDTF partial dates,
// asctime, month names in other languages, and natural forms such as
// "March 5, 2019" or "5. März 2019". ParseDate turns all of them into one
// instant.
//
// Thread-safety: pure functions; safe from any thread.
#ifndef TIDINGS_BASE_DATE_H_
#define TIDINGS_BASE_DATE_H_

#include <optional>
#include <string_view>

#include "base/clock.h"

namespace tidings {

// Parses `text` as a date and returns it as seconds since the epoch (UTC).
//
// Accepted (a non-exhaustive list):
//   - RFC 822/2822: "Tue, 05 Mar 2019 14:07:00 GMT", "5 Mar 19 14:07 EST",
//     "Sun, 1 Jan 2006 00:00:00 +00:00", military zones ("Z", "A".."Y").
//   - RFC 3339 / ISO 8601: "2019-03-05T14:07:00.5+01:00", "20190305T140700Z",
//     "2019-03-05 14:07", "2019-064" (ordinal), "2019-W10-2" (week date).
//   - W3CDTF partial dates: "2019" (1 January), "2019-03" (the 1st).
//   - asctime "Tue Mar  5 14:07:00 2019", Perforce "2019/03/05 14:07:00",
//     MS SQL "2019-03-05 14:07:00.0".
//   - Natural forms: "March 5, 2019", "5 March 2019", "5. März 2019",
//     "05.03.2019" (day first), "2019/03/05", "2019년 3월 5일", with month
//     names in English, German, French, Spanish, Italian, Portuguese, Dutch,
//     Scandinavian, Polish, Russian, Turkish, Hungarian and Greek.
// A missing time means midnight, a missing zone UTC, a missing day the 1st.
// Two-digit years below 90 are 20xx, others 19xx (feedparser's rule).
// Returns nullopt when no complete date (year, month and day, or an ISO
// partial date) can be found or a field is out of range. Inputs longer than
// a few hundred bytes are rejected without being scanned.
std::optional<UnixSeconds> ParseDate(std::string_view text);

}  // namespace tidings

#endif  // TIDINGS_BASE_DATE_H_
