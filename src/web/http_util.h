// Small HTTP helpers of the web module: request-target parsing, URL
// encoding, HTTP dates, entity tags and gzip. Pure functions, thread-safe.
#ifndef TIDINGS_WEB_HTTP_UTIL_H_
#define TIDINGS_WEB_HTTP_UTIL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"

namespace tidings::web {

// Query parameters by name; for a repeated name the first one wins.
using QueryParams = std::map<std::string, std::string>;

// A request target split into its percent-decoded path and query.
struct Target {
  std::string path;
  QueryParams query;
};

// Splits "/a%20b?x=1&y=two+words" into path "/a b" and {x: 1, y: "two
// words"}. A malformed escape is kept literally. Parameters beyond
// `max_params` are ignored (bounds work on hostile query strings).
Target ParseTarget(std::string_view target, std::size_t max_params = 32);

// Decodes %XX escapes; with `plus_as_space`, '+' becomes ' ' (query form).
std::string PercentDecode(std::string_view text, bool plus_as_space);

// Percent-encodes everything except unreserved characters (RFC 3986).
std::string UrlEncode(std::string_view text);

// Parses a positive decimal id ("42"); nullopt for anything else,
// including signs, spaces, overflow and zero.
std::optional<std::int64_t> ParsePositiveId(std::string_view text);

// "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 IMF-fixdate).
std::string FormatHttpDate(UnixSeconds t);
// "Sun, 06 Nov 1994 08:49:37 +0000" (RFC 822 as RSS 2.0 wants).
std::string FormatRfc822(UnixSeconds t);

// A weak entity tag for a response body: W/"<16 hex digits>".
std::string WeakEtag(std::string_view body);

// True when an If-None-Match header value matches `etag` (weak comparison,
// lists and "*" understood).
bool EtagMatches(std::string_view if_none_match, std::string_view etag);

// True when an Accept-Encoding header value allows gzip (q=0 refuses it).
bool AcceptsGzip(std::string_view accept_encoding);

// gzip-compresses `data` (RFC 1952). Fails with kInternal when zlib fails.
Result<std::string> GzipCompress(std::string_view data);

}  // namespace tidings::web

#endif  // TIDINGS_WEB_HTTP_UTIL_H_
