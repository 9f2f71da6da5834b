// Plain data shared by every stage: what an article, feed, publisher and
// story are. No behaviour beyond trivial helpers; stages fill these in and the
// store persists them.
#ifndef TIDINGS_MODEL_MODEL_H_
#define TIDINGS_MODEL_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"

namespace tidings::model {

// Row ids assigned by the store; 0 means "not stored yet".
using Id = std::int64_t;

// One sentence of a summary, with where it came from.
struct SummarySentence {
  std::string text;
  // Index of the sentence in the source article's sentence list.
  int index = 0;
  // The article the sentence was taken from (for story summaries); 0 when
  // it is the article's own.
  Id article_id = 0;
};

// A publisher (news site), keyed by its host ("www.bbc.co.uk").
struct Publisher {
  Id id = 0;
  std::string host;
  // Readable name ("BBC News"); the host when the site declares none.
  std::string name;
  // ISO 3166-1 alpha-2 edition country, lower-case ("gb"); empty if unknown.
  std::string country;
  // Quality score in 0..100 with its breakdown as JSON; filled by `score`.
  double score = 0;
  std::string score_breakdown_json;
};

// A feed the crawler polls, with its health.
struct Feed {
  Id id = 0;
  std::string url;
  std::string title;
  std::string site_url;
  std::string country;
  std::string category;
  // Publisher name to use for its articles; empty to derive from the page.
  std::string publisher_name;
  // Conditional GET validators from the last 200 response.
  std::string etag;
  std::string last_modified;
  // Health.
  std::optional<UnixSeconds> last_fetched_at;
  int last_status = 0;
  std::string last_error;
  int error_streak = 0;
  int item_count = 0;
  // Current poll interval and when it is due next.
  std::int64_t interval_seconds = 0;
  std::optional<UnixSeconds> next_due_at;
  // WebSub hub and topic when the feed declares them.
  std::string hub_url;
  std::string self_url;
};

// An article as extracted from one page.
struct Article {
  Id id = 0;
  // The URL it was fetched from, and its canonical form (the dedup key).
  std::string url;
  std::string canonical_url;
  std::string title;
  std::string byline;
  std::optional<UnixSeconds> published_at;
  std::optional<UnixSeconds> modified_at;
  // When Tidings fetched it (WARC record date for ingested pages).
  UnixSeconds fetched_at = 0;
  // BCP 47 primary language ("en", "de"); empty if unknown.
  std::string language;
  std::string site_name;
  std::string image_url;
  std::string description;
  std::string section;
  bool paywalled = false;
  // Main text: paragraphs in reading order, and sanitized minimal HTML.
  std::vector<std::string> paragraphs;
  std::string html;
  // Derived.
  std::string publisher_host;
  Id publisher_id = 0;
  Id feed_id = 0;
  std::string category;
  std::string country;
  int word_count = 0;
  std::vector<SummarySentence> summary;
  int summary_reading_seconds = 0;
  int original_reading_seconds = 0;
  // 64-bit SimHash of the normalised text; 0 when not computed.
  std::uint64_t simhash = 0;
  // Hash of the normalised text for exact duplicates.
  std::uint64_t content_hash = 0;
  // Quality score in 0..100 with its breakdown as JSON.
  double score = 0;
  std::string score_breakdown_json;
  Id story_id = 0;

  // The main text: paragraphs joined by blank lines.
  std::string Text() const;
};

// A story: every publisher's coverage of one event.
struct Story {
  Id id = 0;
  std::string headline;
  // The article whose headline represents the story.
  Id representative_article_id = 0;
  // The first article reported (who broke the story).
  Id first_article_id = 0;
  UnixSeconds first_seen_at = 0;
  UnixSeconds last_updated_at = 0;
  int article_count = 0;
  int publisher_count = 0;
  std::string category;
  std::vector<SummarySentence> summary;
  std::vector<Id> article_ids;
};

}  // namespace tidings::model

#endif  // TIDINGS_MODEL_MODEL_H_
