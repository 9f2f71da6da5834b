// URLs: parsing into components (RFC 3986), serialising back, resolving a
// reference against a base, and percent-encoding helpers.
//
// The parser is lenient the way browsers are for http(s) input: it accepts
// surrounding whitespace, backslashes are not special, and the host is
// lower-cased. It bounds nothing beyond the input size and never throws.
//
// Thread-safety: free functions and values only; safe from any thread.
#ifndef TIDINGS_BASE_URL_H_
#define TIDINGS_BASE_URL_H_

#include <string>
#include <string_view>

#include "base/status.h"

namespace tidings {

// The components of an absolute URL. Fields hold the raw (still
// percent-encoded) text; `has_*` distinguish "absent" from "empty"
// ("http://x/?" has an empty query, "http://x/" none).
struct Url {
  std::string scheme;    // Lower-cased, without ':' ("https").
  std::string userinfo;  // Without '@'; empty when absent.
  std::string host;      // Lower-cased; IPv6 literals keep their brackets.
  std::string port;      // Digits only; empty when absent.
  std::string path;      // Starts with '/' when non-empty.
  std::string query;     // Without '?'.
  std::string fragment;  // Without '#'.
  bool has_query = false;
  bool has_fragment = false;

  // The port as a number, or the scheme's default (80, 443, 21) when
  // absent; 0 when neither is known.
  int EffectivePort() const;

  // Serialises back to text: scheme://[userinfo@]host[:port]path[?q][#f].
  std::string ToString() const;
};

// Parses an absolute URL with an authority ("scheme://host…").
// Fails with kInvalidArgument ("url: …") when there is no scheme, no "//"
// authority, an empty host, or a non-numeric port.
Result<Url> ParseUrl(std::string_view text);

// Resolves `reference` (absolute, scheme-relative "//h/p", absolute-path
// "/p", relative "p", "?q" or "#f") against the absolute URL `base`, with
// dot-segment removal (RFC 3986 section 5.2). Fails when `base` does not
// parse or the result is not a valid absolute URL.
Result<std::string> ResolveUrl(std::string_view base,
                               std::string_view reference);

// Removes "." and ".." segments from an absolute path.
std::string RemoveDotSegments(std::string_view path);

// Decodes %XX escapes; malformed escapes are kept as they are. '+' is not
// touched (it means space only in form bodies).
std::string PercentDecode(std::string_view text);

// Returns true for RFC 3986 unreserved characters (ALPHA DIGIT - . _ ~).
bool IsUnreservedUrlChar(char c);

// The lower-cased host of `url`, or empty when it does not parse.
std::string UrlHost(std::string_view url);

}  // namespace tidings

#endif  // TIDINGS_BASE_URL_H_
