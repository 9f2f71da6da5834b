// OPML 1.0 / 2.0 subscription lists: reading (nested folders, attributes of
// every common reader) and writing (folders by category), so that a list
// exported by Tidings imports back unchanged.
//
// Tidings extension: attributes in the namespace kOpmlNamespace
// (prefix "tidings") carry what plain OPML cannot:
//   tidings:country   ISO 3166-1 alpha-2, lower case ("gb")
//   tidings:category  "world", "politics", "business", "technology", …
//   tidings:publisher the publisher's name for the feed's articles
//   tidings:language  BCP 47 primary language ("en")
// Un-prefixed "country"/"category"/"language" attributes are read too.
//
// Thread-safety: pure functions.
#ifndef TIDINGS_FEED_OPML_H_
#define TIDINGS_FEED_OPML_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace tidings::feed {

inline constexpr std::string_view kOpmlNamespace =
    "https://tidings.dev/ns/opml/1.0";

struct OpmlFeed {
  // xmlUrl: the feed itself.
  std::string url;
  // title, else text.
  std::string title;
  // htmlUrl: the site.
  std::string site_url;
  // tidings:category; else the innermost enclosing folder's title; else
  // the last segment of an OPML 2.0 category path ("/News/World" → "World").
  std::string category;
  std::string country;
  std::string publisher;
  std::string language;
};

struct OpmlDocument {
  std::string title;
  std::vector<OpmlFeed> feeds;
};

// Parses an OPML document. Outlines with an xmlUrl are feeds wherever they
// are nested; outlines without one are folders. Broken XML is recovered
// like feeds are. Fails with kCorruption when no XML can be recovered and
// kInvalidArgument when the root element is not <opml>.
Result<OpmlDocument> ParseOpml(std::string_view bytes);

// Writes OPML 2.0: one folder outline per category (in first-seen order),
// feeds without a category at the top level, the Tidings attributes in
// their namespace. ParseOpml(WriteOpml(doc)) gives `doc` back (feeds
// grouped by category).
std::string WriteOpml(const OpmlDocument& doc);

}  // namespace tidings::feed

#endif  // TIDINGS_FEED_OPML_H_
