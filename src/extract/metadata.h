// Stage 7 of extraction: article metadata from structured data and markup.
//
// Sources, most trusted first (each field takes the first source that has
// it): JSON-LD (schema.org Article/NewsArticle/ReportageNewsArticle/
// BlogPosting/…, also inside @graph and arrays), Open Graph, Twitter cards,
// other <meta> tags (author, article:published_time, dc.date, sailthru.date,
// parsely-pub-date, …), microdata (itemprop headline/author/datePublished),
// then the markup (<title>, <h1>, <time datetime>, rel=author, the URL).
// Dates follow htmldate's order: a full date in the URL path, structured
// data, meta tags, microdata and <time>, date-like elements, then the text.
//
// Internal to the extract module; pure functions of the Page; thread-safe
// for distinct Pages.
#ifndef TIDINGS_EXTRACT_METADATA_H_
#define TIDINGS_EXTRACT_METADATA_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "extract/page.h"

namespace tidings::extract {

struct Metadata {
  std::string title;  // cleaned (site suffix removed)
  std::string byline;
  std::string site_name;
  std::string image_url;
  std::string description;
  std::string section;
  std::string canonical_url;
  // The declared language (<html lang>, content-language, og:locale).
  std::string declared_language;
  std::optional<UnixSeconds> published_at;
  std::optional<UnixSeconds> modified_at;
  bool paywalled = false;
  // The article text given by structured data (JSON-LD articleBody), raw;
  // empty when absent. Used when the page renders its text by script.
  std::string article_body;
};

// What the JSON-LD blocks of a page say about its article. Parsing never
// throws; malformed blocks are skipped.
struct JsonLdArticle {
  std::string headline;
  std::vector<std::string> authors;
  std::string date_published;
  std::string date_modified;
  std::string date_created;
  std::string publisher;
  std::string image;
  std::string description;
  std::string section;
  std::string url;
  std::string article_body;
  // isAccessibleForFree = false (or "False").
  bool not_free = false;
  bool found = false;
};

// Parses the given <script type="application/ld+json"> contents and keeps
// the most article-like object (NewsArticle > Article/BlogPosting/… >
// WebPage), looking inside arrays and @graph.
JsonLdArticle ParseJsonLd(const std::vector<std::string_view>& scripts);

// Removes a site suffix or prefix from a page title: "Story | BBC News",
// "Story - The Guardian", "Site name: Story". `site_name` (may be empty)
// helps decide which part is the site; without it, the longest part wins
// when the separator splits off a short part (≤ 4 words).
std::string CleanTitle(std::string_view title, std::string_view site_name);

// Bounds for plausible dates: earlier ones are never publication dates of
// web pages; `latest` (0 = no bound) rejects dates in the future.
struct DateBounds {
  UnixSeconds earliest = 788918400;  // 1995-01-01
  UnixSeconds latest = 0;
};

// A full date (year, month and day) in a URL path: /2019/03/05/,
// /2019-03-05-, /20190305/.
std::optional<UnixSeconds> DateFromUrl(std::string_view url);

// The first plausible date written in free text ("Posted on 5 March 2019",
// "05.03.2019, 14:07 Uhr", "2019-03-05"); uses base/date.h's ParseDate.
std::optional<UnixSeconds> FindDateInText(std::string_view text,
                                          const DateBounds& bounds);

// Collects every metadata field of the page. Call before the clean stage
// (it reads <head>, scripts and elements that cleaning removes).
Metadata ExtractMetadata(const Page& page, std::string_view url,
                         const DateBounds& bounds);

}  // namespace tidings::extract

#endif  // TIDINGS_EXTRACT_METADATA_H_
