// Pipeline: wires the stages. A fetched page (from a WARC record or the
// crawler) goes through charset decoding → extract → text → summarize →
// score → dedup/cluster → store. The stages know nothing of the store or of
// each other's I/O; this is the only module that calls them in sequence.
#ifndef TIDINGS_PIPELINE_PIPELINE_H_
#define TIDINGS_PIPELINE_PIPELINE_H_

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "base/clock.h"
#include "base/status.h"
#include "model/model.h"
#include "store/store.h"

namespace tidings::cluster {
class StoryClusterer;
}  // namespace tidings::cluster

namespace tidings::pipeline {

// One fetched HTML page and what the source knew about it.
struct Page {
  // The URL the page was fetched from (after redirects).
  std::string url;
  // When it was fetched (WARC-Date for archived pages).
  UnixSeconds fetched_at = 0;
  // The HTTP Content-Type header value, e.g. "text/html; charset=utf-8".
  std::string content_type;
  // The undecoded body bytes (transfer and content encodings removed).
  std::string body;
  // Hints from the feed entry that led here; empty/0 when none.
  model::Id feed_id = 0;
  std::string country;
  std::string category;
  std::string publisher_name;
  std::string feed_title;  // The entry's title in the feed.
  std::optional<UnixSeconds> feed_published_at;
};

struct ProcessOptions {
  // Pages whose extracted main text has fewer words are stored anyway (the
  // reader still gets the title and a link) but are not summarised.
  int min_summary_words = 40;
  // Story clustering window and thresholds; see cluster::ClusterOptions.
  std::int64_t story_window_seconds = 72 * 3600;
  // A story is stored (and gets a page) once it has this many articles;
  // single-article stories are kept only in the clusterer's memory.
  int min_story_articles = 2;
  // Articles of a story summarised together for its multi-source summary;
  // the earliest ones are taken.
  int max_story_summary_articles = 8;
  // At start the clusterer is warmed with at most this many recent stored
  // articles, so a restarted worker keeps adding to the same stories.
  int warmup_articles = 20000;
};

// Turns one page into an article ready to store: decodes the charset,
// extracts text and metadata, and computes the derived fields. Fails with
// kUnsupported for pages that are not HTML and kCorruption for bodies that
// cannot be decoded or hold no title and no text. Thread-safe.
Result<model::Article> ProcessPage(const Page& page,
                                   const ProcessOptions& options = {});

// What Pipeline::AddPage did.
struct AddOutcome {
  model::Id article_id = 0;
  // False when the canonical URL was already stored.
  bool inserted = false;
};

// Processes pages and stores them, keeping the incremental state of the
// later stages (story clustering) between calls. Not thread-safe: one
// Pipeline per worker thread. `store` must outlive the Pipeline.
class Pipeline {
 public:
  Pipeline(store::Store* store, ProcessOptions options = {});
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Processes `page` and upserts it. Errors: those of ProcessPage, and
  // store errors.
  Result<AddOutcome> AddPage(const Page& page);

  // True when an article with this canonical URL is stored already, so the
  // crawler can skip fetching it.
  Result<bool> IsKnownUrl(const std::string& url);

 private:
  // Feeds the clusterer the recent stored articles (once).
  Status WarmUp();
  // Adds a stored article to the clusterer and writes its story.
  Status AssignStory(const model::Article& article);
  // Rebuilds and stores the story with clusterer key `key`.
  Status SaveStory(std::int64_t key, const std::string& category);

  store::Store* store_;
  ProcessOptions options_;
  std::unique_ptr<cluster::StoryClusterer> clusterer_;
  bool warmed_up_ = false;
  // Clusterer story key → stored story id.
  std::unordered_map<std::int64_t, model::Id> story_ids_;
};

}  // namespace tidings::pipeline

#endif  // TIDINGS_PIPELINE_PIPELINE_H_
