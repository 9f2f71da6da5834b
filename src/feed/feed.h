// Feed parsing: RSS 0.90-0.94 and 2.0, RSS 1.0 (RDF), Atom 0.3 and 1.0 and
// JSON Feed 1.0/1.1, detected from the bytes and normalised into one model.
//
// Real feeds are often broken: wrong or missing encodings, HTML entities
// that XML does not define, stray ampersands, unclosed tags. ParseFeed
// repairs what it can (libxml2 recover mode after an entity and control
// character clean-up), keeps the content, and reports the damage as `bozo`
// with a reason, the way Python's feedparser does.
//
// Text fields keep HTML as the feed gave it (entity-decoded once, as XML
// demands); sanitising happens at render time. `*_type` says whether a text
// is "text/plain", "text/html" or "application/xhtml+xml".
//
// Thread-safety: ParseFeed may be called from many threads at once; the
// returned values are plain data.
#ifndef TIDINGS_FEED_FEED_H_
#define TIDINGS_FEED_FEED_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace tidings::feed {

// A person (author, contributor, publisher).
struct Person {
  std::string name;
  std::string email;
  std::string url;
  bool empty() const { return name.empty() && email.empty() && url.empty(); }
};

// A link with its relation ("alternate" when the feed gives none).
struct Link {
  std::string href;  // Absolute when a base URL was known.
  std::string rel;
  std::string type;
  std::string title;
  std::int64_t length = 0;
};

// A category/tag. `term` is what to display.
struct Category {
  std::string term;
  std::string scheme;
  std::string label;
};

// An attached file (podcast audio, image).
struct Enclosure {
  std::string url;
  std::string type;
  std::int64_t length = 0;  // Bytes; 0 when unknown.
};

// Where a text field came from: the xml:lang and base URL (xml:base or the
// document URL) in effect on its element. Empty when unknown.
struct TextDetail {
  std::string language;
  std::string base;
};

struct ParsedFeed;

struct Entry {
  // GUID / Atom id / JSON id; empty when the feed gives none.
  std::string id;
  // True when an RSS guid is (implicitly) the permalink.
  bool guid_is_link = false;
  std::string title;
  std::string title_type = "text/plain";
  TextDetail title_detail;
  // The alternate (article) link, absolute when resolvable.
  std::string link;
  std::vector<Link> links;
  std::optional<UnixSeconds> published;
  std::optional<UnixSeconds> updated;
  std::optional<UnixSeconds> created;
  // The date strings as the feed wrote them.
  std::string published_text;
  std::string updated_text;
  // Display form of the first author ("Jane Doe", or as the feed wrote it).
  std::string author;
  std::vector<Person> authors;
  std::vector<Person> contributors;
  // Short description and full content (either may be empty).
  std::string summary;
  std::string summary_type = "text/html";
  TextDetail summary_detail;
  std::string content;
  std::string content_type = "text/html";
  TextDetail content_detail;
  std::vector<Category> categories;
  std::vector<Enclosure> enclosures;
  // Comments page and count (slash:comments, thr:total).
  std::string comments_url;
  std::optional<int> comment_count;
  // Lead image (media:thumbnail, media:content image, itunes:image, JSON).
  std::string image_url;
  std::string rights;
  // xml:lang in effect on the entry, or the feed language.
  std::string language;
  // Title of the feed the entry came from (Atom <source>, RSS <source>).
  std::string source_title;
  std::string source_url;
  // The whole Atom <source> element (metadata of the original feed), or
  // null.
  std::shared_ptr<const ParsedFeed> source;
};

// Which syntax a document used; values follow feedparser's `version`.
enum class FeedFormat {
  kUnknown,
  kRss,  // <rss> without a version attribute.
  kRss090,
  kRss091,
  kRss091Netscape,
  kRss092,
  kRss093,
  kRss094,
  kRss20,
  kRss10,
  kAtom03,
  kAtom10,
  kJson10,
  kJson11,
};
// "rss20", "atom10", "json11", … ("" for kUnknown).
std::string_view FeedFormatName(FeedFormat format);

struct ParsedFeed {
  FeedFormat format = FeedFormat::kUnknown;
  // The character encoding the bytes were decoded from ("utf-8").
  std::string encoding;
  std::string id;
  std::string title;
  std::string title_type = "text/plain";
  TextDetail title_detail;
  // The site's home page.
  std::string link;
  std::vector<Link> links;
  std::string language;
  std::optional<UnixSeconds> updated;
  std::optional<UnixSeconds> published;
  std::string updated_text;
  std::string description;
  std::string description_type = "text/html";
  TextDetail description_detail;
  std::string author;
  std::vector<Person> authors;
  std::vector<Person> contributors;
  std::vector<Category> categories;
  std::string rights;
  TextDetail rights_detail;
  std::string generator;
  std::string image_url;
  std::string icon_url;
  // Minutes to cache (RSS ttl); 0 when absent.
  int ttl_minutes = 0;
  // WebSub hub and the feed's own URL when declared (rel="hub"/"self").
  std::string hub_url;
  std::string self_url;
  // True when the document was not well-formed (or mislabelled) and had to
  // be repaired; bozo_reason says what was wrong first.
  bool bozo = false;
  std::string bozo_reason;
  std::vector<Entry> entries;
};

struct ParseOptions {
  // The URL the feed was fetched from; relative links resolve against it
  // (and any xml:base). Empty: relative links stay relative.
  std::string base_url;
  // The HTTP Content-Type header, if any ("application/rss+xml;
  // charset=iso-8859-1"); its charset takes part in encoding detection.
  std::string content_type;
  // The HTTP Content-Language header: the language of texts that declare
  // none (xml:lang, <language>).
  std::string content_language;
  // Run text/html and XHTML fields through SanitizeHtml (feed/sanitize.h),
  // as feedparser does. Off by default: Tidings sanitises at render time
  // and keeps what the publisher sent.
  bool sanitize_html = false;
  // Larger inputs are refused (kInvalidArgument): bounds memory per parse.
  std::size_t max_bytes = 32u << 20;
  // At most this many entries are kept; the rest are dropped (bozo stays
  // false: a long feed is not a broken one).
  std::size_t max_entries = 10000;
};

// Detects the format of `bytes` and parses it.
// Fails with kInvalidArgument when the input exceeds options.max_bytes,
// kUnsupported ("feed: not a feed: root element <html>") when the document
// is XML or JSON but no feed, and kCorruption when nothing usable could be
// recovered (empty input, no root element, JSON that does not parse).
// Damaged but recoverable documents succeed with bozo set.
//
// Relative URLs in links and inside HTML/XHTML text fields (href, src, …)
// are made absolute against xml:base and options.base_url.
Result<ParsedFeed> ParseFeed(std::string_view bytes,
                             const ParseOptions& options = {});

}  // namespace tidings::feed

#endif  // TIDINGS_FEED_FEED_H_
