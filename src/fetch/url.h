// URL helpers for the fetcher, built on libcurl's URL parser so that what
// we check (host, scheme) is exactly what libcurl will connect to.
#ifndef TIDINGS_FETCH_URL_H_
#define TIDINGS_FETCH_URL_H_

#include <string>
#include <string_view>

#include "base/status.h"

namespace tidings::fetch {

// The parts of an absolute http(s) URL the fetcher needs.
struct UrlParts {
  // Lower-case "http" or "https".
  std::string scheme;
  // Lower-case host name or IP literal (IPv6 without brackets).
  std::string host;
  // Explicit or default port.
  int port = 0;
  // Path and query, "/" at least; never the fragment.
  std::string path_and_query;
  // The normalised URL (fragment removed).
  std::string url;

  // "scheme://host[:port]" with the port only when not the default.
  std::string Origin() const;
};

// Parses an absolute URL. Fails with kInvalidArgument ("fetch: bad URL …")
// for anything that is not an absolute http or https URL with a host.
Result<UrlParts> ParseHttpUrl(std::string_view url);

// Resolves `reference` (absolute or relative, e.g. a Location header)
// against `base`. Fails with kInvalidArgument when the result is not a
// valid http(s) URL.
Result<UrlParts> ResolveHttpUrl(std::string_view base,
                                std::string_view reference);

}  // namespace tidings::fetch

#endif  // TIDINGS_FETCH_URL_H_
