// Store: the one place Tidings keeps state. Stages never see it; `pipeline`
// writes through it and `web` reads through it.
//
// Backends: SQLite (default, embedded, "sqlite:PATH") and PostgreSQL
// ("postgres://…", for many workers and front ends sharing one database).
// Callers only see this interface.
//
// Thread-safety: one Store object may be used by one thread at a time. Open
// one per thread; SQLite in WAL mode lets readers run beside one writer.
//
// Errors: every method returns Status/Result with messages prefixed
// "store: "; kNotFound is never used for "no rows": lookups return
// std::optional instead.
#ifndef TIDINGS_STORE_STORE_H_
#define TIDINGS_STORE_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "model/model.h"

namespace tidings::store {

// Row counts, as printed by `tidings stats --json`.
struct Stats {
  std::int64_t articles = 0;
  std::int64_t publishers = 0;
  std::int64_t feeds = 0;
  std::int64_t stories = 0;
};

// Filters for article lists. Zero/empty fields do not filter.
struct ArticleQuery {
  // Page size and offset; newest (published, else fetched) first.
  int limit = 50;
  int offset = 0;
  std::string country;
  std::string category;
  model::Id publisher_id = 0;
  model::Id story_id = 0;
  // Full-text query over title and text (FTS5 syntax on SQLite).
  std::string text;
  // When false, the heavy fields (paragraphs, html) are left empty.
  bool with_body = false;
};

// What UpsertArticle did.
struct UpsertOutcome {
  model::Id id = 0;
  // True when the canonical URL was new.
  bool inserted = false;
};

class Store {
 public:
  virtual ~Store() = default;

  // Opens (creating if needed) the store at `url`: "sqlite:PATH",
  // "sqlite::memory:" or "postgres://…". Applies pending schema migrations.
  // Fails with kInvalidArgument for an unknown scheme, kIoError when the
  // database cannot be opened, kCorruption when its schema is newer than
  // this binary knows.
  static Result<std::unique_ptr<Store>> Open(std::string_view url);

  // --- Publishers (keyed by host) ---

  // Inserts the publisher or updates name/country where the given ones are
  // non-empty. Returns its id.
  virtual Result<model::Id> UpsertPublisher(const model::Publisher& p) = 0;
  virtual Result<std::optional<model::Publisher>> GetPublisher(
      model::Id id) = 0;
  virtual Result<std::optional<model::Publisher>> FindPublisherByHost(
      std::string_view host) = 0;
  virtual Result<std::vector<model::Publisher>> ListPublishers() = 0;
  virtual Status UpdatePublisherScore(model::Id id, double score,
                                      std::string_view breakdown_json) = 0;

  // --- Articles (keyed by canonical URL) ---

  // Inserts or updates the article whose canonical_url matches (url when
  // canonical_url is empty). Upserts its publisher from publisher_host and
  // site_name when publisher_id is 0. Idempotent: storing the same article
  // twice leaves one row. Sets article->id and article->publisher_id.
  virtual Result<UpsertOutcome> UpsertArticle(model::Article* article) = 0;
  virtual Result<std::optional<model::Article>> GetArticle(model::Id id) = 0;
  // The article whose canonical URL, or else whose fetched URL, is `url`.
  virtual Result<std::optional<model::Article>> FindArticleByUrl(
      std::string_view url) = 0;
  // Articles matching `query`, heavy fields per query.with_body.
  virtual Result<std::vector<model::Article>> ListArticles(
      const ArticleQuery& query) = 0;
  // Replaces summary, reading times, scores, simhash, category and story of
  // a stored article (the derived fields), leaving the extracted ones.
  virtual Status UpdateArticleDerived(const model::Article& article) = 0;

  // --- Feeds (keyed by URL) ---

  // Inserts or updates the feed's settings (title, country, category,
  // publisher name); health fields are kept. Returns its id.
  virtual Result<model::Id> UpsertFeed(const model::Feed& feed) = 0;
  virtual Result<std::optional<model::Feed>> GetFeed(model::Id id) = 0;
  virtual Result<std::vector<model::Feed>> ListFeeds() = 0;
  // Writes validators, health, interval and next due time, and the URL
  // (a feed that moved permanently) unless another feed already has it.
  virtual Status UpdateFeedState(const model::Feed& feed) = 0;
  // Leases up to `limit` feeds whose next_due_at <= now (or never fetched),
  // marking them not due again for `lease_seconds` so that concurrent
  // workers do not take the same feed (FOR UPDATE SKIP LOCKED on
  // PostgreSQL).
  virtual Result<std::vector<model::Feed>> LeaseDueFeeds(
      UnixSeconds now, int limit, std::int64_t lease_seconds) = 0;
  virtual Status DeleteFeed(model::Id id) = 0;

  // --- Stories ---

  // Inserts (id 0) or replaces a story and points its articles
  // (story.article_ids) at it. Sets story->id.
  virtual Status SaveStory(model::Story* story) = 0;
  virtual Result<std::optional<model::Story>> GetStory(model::Id id) = 0;
  // Deletes a story; its articles keep existing with no story.
  virtual Status DeleteStory(model::Id id) = 0;
  // Most recently updated first.
  virtual Result<std::vector<model::Story>> ListStories(int limit,
                                                        int offset) = 0;

  virtual Result<Stats> GetStats() = 0;

  // --- Transactions ---

  // Groups the following writes into one transaction (much faster for bulk
  // ingestion; readers see all or none of them). Transactions do not nest:
  // Begin while one is open fails with kInvalidArgument.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  // Undoes the open transaction; OK when none is open.
  virtual Status Rollback() = 0;
};

// Opens the embedded SQLite backend at `path` (":memory:" for a private
// in-memory database). Prefer Store::Open(url) in callers.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace tidings::store

#endif  // TIDINGS_STORE_STORE_H_
