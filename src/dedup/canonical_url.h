// URL canonicalisation: one key for every address of the same article.
//
// Publishers hand out the same article under many URLs: with campaign
// parameters (utm_*, fbclid, …), as an AMP or mobile page, with or without a
// trailing slash or "index.html", with different percent-encoding. The
// canonical form folds these together so that it can serve as the exact
// duplicate key (model::Article::canonical_url).
//
// Thread-safety: pure functions; safe from any thread.
#ifndef TIDINGS_DEDUP_CANONICAL_URL_H_
#define TIDINGS_DEDUP_CANONICAL_URL_H_

#include <string>
#include <string_view>

namespace tidings::dedup {

// Returns the canonical form of `url`:
//   1. scheme and host lower-cased, a trailing dot on the host dropped,
//      userinfo dropped, the scheme's default port dropped;
//   2. mobile and AMP hosts ("m.", "mobile.", "amp.") mapped to "www.";
//   3. the path with dot segments removed, duplicate slashes collapsed,
//      percent-encoding normalised (unreserved characters decoded, other
//      escapes upper-case, spaces and non-ASCII bytes encoded), AMP
//      segments ("/amp/", a final "/amp", ".amp.html") removed, a final
//      "index.html"/"index.htm"/"index.php" removed and a trailing slash
//      removed (the root stays "/");
//   4. tracking parameters (utm_*, fbclid, gclid, mc_cid, ocid, …) and AMP
//      switches (amp, outputType=amp) removed from the query, the rest
//      sorted by name (stable); an empty query dropped;
//   5. the fragment dropped.
// Text that is not an absolute URL with a host is returned trimmed and
// otherwise unchanged. Never fails.
std::string CanonicalizeUrl(std::string_view url);

// Like CanonicalizeUrl(url) but prefers the page's declared
// <link rel="canonical"> `rel_canonical` (absolute or relative to `url`)
// when it is non-empty, parses and is on the same site (same registrable
// domain, e.g. "m.bbc.co.uk" and "www.bbc.co.uk"). A cross-site canonical
// (syndication partner, hijack) is ignored.
std::string CanonicalizeUrl(std::string_view url,
                            std::string_view rel_canonical);

// True when the query parameter `name` only tracks campaigns or clicks.
bool IsTrackingParameter(std::string_view name);

// The registrable domain of `host` by a small heuristic (no public suffix
// list): the last two labels, or three when the second-to-last is a
// generic second-level label such as "co", "com", "org", "ac", "gov"
// ("news.bbc.co.uk" -> "bbc.co.uk").
std::string RegistrableDomain(std::string_view host);

}  // namespace tidings::dedup

#endif  // TIDINGS_DEDUP_CANONICAL_URL_H_
