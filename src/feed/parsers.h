// The per-format parsers behind ParseFeed (internal to feed/), and the
// helpers they share. Each fills a ParsedFeed from its syntax.
#ifndef TIDINGS_FEED_PARSERS_H_
#define TIDINGS_FEED_PARSERS_H_

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

#include "feed/feed.h"

namespace tidings::feed {

// RSS 0.9x/2.0 (root <rss> or <channel>) and RSS 1.0/0.90 (root <rdf:RDF>).
// `item_candidates`: the elements named "item" (any case) in document
// order, as ParseXml lists them.
void ParseRss(const xmlNode* root,
              const std::vector<const xmlNode*>& item_candidates,
              const ParseOptions& options, ParsedFeed* feed);
// Atom 1.0 and 0.3 (root <feed>).
void ParseAtom(const xmlNode* root, const ParseOptions& options,
               ParsedFeed* feed);
// JSON Feed 1.0/1.1 from UTF-8 text. Fails with kCorruption when the text is
// not JSON and kUnsupported when it is JSON but not a JSON Feed.
Status ParseJsonFeed(std::string_view utf8, const ParseOptions& options,
                     ParsedFeed* feed);

// Extension elements common to RSS items and Atom entries (dc:, media:,
// itunes:, slash:, content:, wfw:, thr:, feedburner:). Returns true when
// `child` was one of them and has been applied to `entry`.
bool ApplyEntryExtension(const xmlNode* child, Entry* entry);
// The same for the channel / feed level.
bool ApplyFeedExtension(const xmlNode* child, ParsedFeed* feed);

// Parses "jane@example.com (Jane Doe)", "Jane Doe <jane@example.com>",
// a bare address or a bare name.
Person ParsePersonText(std::string_view text);
// The display form of a person: the name, else the e-mail, else the URL.
std::string DisplayName(const Person& person);

// feedparser's test: a closing tag or an entity reference means HTML.
bool LooksLikeHtml(std::string_view text);

// Decodes base64, ignoring whitespace; empty on invalid input.
std::string DecodeBase64(std::string_view text);

// Adds `category` (its term trimmed) unless the same term and scheme are
// already there; a category without term or label is dropped.
void AddCategory(std::vector<Category>* categories, Category category);
// The same without building a Category first (copies only what it adds).
void AddCategory(std::vector<Category>* categories, std::string_view term,
                 std::string_view scheme, std::string_view label);

// Fills the entry/feed fallbacks once all children are read: link from
// links, author from authors, and so on.
void FinishEntry(Entry* entry);

}  // namespace tidings::feed

#endif  // TIDINGS_FEED_PARSERS_H_
