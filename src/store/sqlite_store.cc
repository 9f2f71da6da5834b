// The embedded SQLite backend: WAL mode, foreign keys on, versioned
// migrations applied at open, prepared statements only.
#include <fmt/format.h>
#include <sqlite3.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/migrations.h"
#include "store/store.h"

namespace tidings::store {
namespace {

using model::Id;

// Readers wait this long for a writer's lock before giving up with
// SQLITE_BUSY; a crawl batch commits well within it.
constexpr int kBusyTimeoutMs = 10000;

// A feed-provided or page-provided date further in the future than this is
// not trusted for ordering (clock skew, typos); the fetch time is used.
constexpr std::int64_t kMaxFutureSkewSeconds = 24 * 3600;

std::string SqliteError(sqlite3* db, std::string_view what) {
  return fmt::format("store: {}: {}", what, sqlite3_errmsg(db));
}

// A prepared statement with typed binding and column access. Owned by the
// store's statement cache; Reset() before every use.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    next_ = 1;
  }

  Statement& Bind(std::int64_t v) {
    sqlite3_bind_int64(stmt_, next_++, v);
    return *this;
  }
  Statement& Bind(int v) { return Bind(static_cast<std::int64_t>(v)); }
  Statement& Bind(double v) {
    sqlite3_bind_double(stmt_, next_++, v);
    return *this;
  }
  Statement& Bind(std::string_view v) {
    sqlite3_bind_text(stmt_, next_++, v.data(), static_cast<int>(v.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(const std::string& v) { return Bind(std::string_view(v)); }
  Statement& Bind(const char* v) { return Bind(std::string_view(v)); }
  Statement& Bind(std::optional<std::int64_t> v) {
    if (v) return Bind(*v);
    sqlite3_bind_null(stmt_, next_++);
    return *this;
  }
  Statement& BindNull() {
    sqlite3_bind_null(stmt_, next_++);
    return *this;
  }

  // Returns true while a row is available; errors become kIoError.
  Result<bool> Step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return Status::IoError(SqliteError(db_, "step"));
  }
  // Runs a statement that returns no rows.
  Status Run() {
    auto r = Step();
    if (!r.ok()) return r.status();
    return Status::Ok();
  }

  std::int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           sqlite3_column_bytes(stmt_, col))
             : std::string();
  }
  std::optional<std::int64_t> OptInt(int col) const {
    if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
    return Int(col);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int next_ = 1;
};

nlohmann::json SummaryToJson(const std::vector<model::SummarySentence>& s) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& sentence : s) {
    out.push_back({{"text", sentence.text},
                   {"index", sentence.index},
                   {"article_id", sentence.article_id}});
  }
  return out;
}

std::vector<model::SummarySentence> SummaryFromJson(const std::string& text) {
  std::vector<model::SummarySentence> out;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& item : j) {
    if (!item.is_object()) continue;
    model::SummarySentence s;
    s.text = item.value("text", "");
    s.index = item.value("index", 0);
    s.article_id = item.value("article_id", Id{0});
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::string> StringsFromJson(const std::string& text) {
  std::vector<std::string> out;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& item : j) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

std::string Dump(const nlohmann::json& j) {
  // Replace invalid UTF-8 rather than throwing: text comes from the web.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The time an article sorts by: its publication date when plausible, else
// when it was fetched.
std::int64_t SortTime(const model::Article& a) {
  if (a.published_at &&
      (a.fetched_at == 0 ||
       *a.published_at <= a.fetched_at + kMaxFutureSkewSeconds)) {
    return *a.published_at;
  }
  return a.fetched_at;
}

constexpr const char* kArticleLightColumns =
    "a.id, a.url, a.canonical_url, a.title, a.byline, a.published_at, "
    "a.modified_at, a.fetched_at, a.language, a.site_name, a.image_url, "
    "a.description, a.section, a.paywalled, a.publisher_id, a.feed_id, "
    "a.category, a.country, a.word_count, a.summary, "
    "a.summary_reading_seconds, a.original_reading_seconds, a.simhash, "
    "a.content_hash, a.score, a.score_breakdown, a.story_id, p.host";
// Appended after the light columns when bodies are requested.
constexpr const char* kArticleBodyColumns = ", a.paragraphs, a.html";
constexpr int kBodyColumnIndex = 28;

model::Article ReadArticle(const Statement& st, bool with_body) {
  model::Article a;
  a.id = st.Int(0);
  a.url = st.Text(1);
  a.canonical_url = st.Text(2);
  a.title = st.Text(3);
  a.byline = st.Text(4);
  a.published_at = st.OptInt(5);
  a.modified_at = st.OptInt(6);
  a.fetched_at = st.Int(7);
  a.language = st.Text(8);
  a.site_name = st.Text(9);
  a.image_url = st.Text(10);
  a.description = st.Text(11);
  a.section = st.Text(12);
  a.paywalled = st.Int(13) != 0;
  a.publisher_id = st.Int(14);
  a.feed_id = st.OptInt(15).value_or(0);
  a.category = st.Text(16);
  a.country = st.Text(17);
  a.word_count = static_cast<int>(st.Int(18));
  a.summary = SummaryFromJson(st.Text(19));
  a.summary_reading_seconds = static_cast<int>(st.Int(20));
  a.original_reading_seconds = static_cast<int>(st.Int(21));
  a.simhash = static_cast<std::uint64_t>(st.Int(22));
  a.content_hash = static_cast<std::uint64_t>(st.Int(23));
  a.score = st.Double(24);
  a.score_breakdown_json = st.Text(25);
  a.story_id = st.OptInt(26).value_or(0);
  a.publisher_host = st.Text(27);
  if (with_body) {
    a.paragraphs = StringsFromJson(st.Text(kBodyColumnIndex));
    a.html = st.Text(kBodyColumnIndex + 1);
  }
  return a;
}

constexpr const char* kFeedColumns =
    "id, url, title, site_url, country, category, publisher_name, etag, "
    "last_modified, last_fetched_at, last_status, last_error, error_streak, "
    "item_count, interval_seconds, next_due_at, hub_url, self_url";

model::Feed ReadFeed(const Statement& st) {
  model::Feed f;
  f.id = st.Int(0);
  f.url = st.Text(1);
  f.title = st.Text(2);
  f.site_url = st.Text(3);
  f.country = st.Text(4);
  f.category = st.Text(5);
  f.publisher_name = st.Text(6);
  f.etag = st.Text(7);
  f.last_modified = st.Text(8);
  f.last_fetched_at = st.OptInt(9);
  f.last_status = static_cast<int>(st.Int(10));
  f.last_error = st.Text(11);
  f.error_streak = static_cast<int>(st.Int(12));
  f.item_count = static_cast<int>(st.Int(13));
  f.interval_seconds = st.Int(14);
  f.next_due_at = st.OptInt(15);
  f.hub_url = st.Text(16);
  f.self_url = st.Text(17);
  return f;
}

constexpr const char* kPublisherColumns =
    "id, host, name, country, score, score_breakdown";

model::Publisher ReadPublisher(const Statement& st) {
  model::Publisher p;
  p.id = st.Int(0);
  p.host = st.Text(1);
  p.name = st.Text(2);
  p.country = st.Text(3);
  p.score = st.Double(4);
  p.score_breakdown_json = st.Text(5);
  return p;
}

constexpr const char* kStoryColumns =
    "id, headline, representative_article_id, first_article_id, "
    "first_seen_at, last_updated_at, article_count, publisher_count, "
    "category, summary";

model::Story ReadStory(const Statement& st) {
  model::Story s;
  s.id = st.Int(0);
  s.headline = st.Text(1);
  s.representative_article_id = st.OptInt(2).value_or(0);
  s.first_article_id = st.OptInt(3).value_or(0);
  s.first_seen_at = st.Int(4);
  s.last_updated_at = st.Int(5);
  s.article_count = static_cast<int>(st.Int(6));
  s.publisher_count = static_cast<int>(st.Int(7));
  s.category = st.Text(8);
  s.summary = SummaryFromJson(st.Text(9));
  return s;
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  ~SqliteStore() override {
    statements_.clear();
    sqlite3_close_v2(db_);
  }

  Status Init() {
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    TIDINGS_RETURN_IF_ERROR(Exec("PRAGMA journal_mode=WAL"));
    TIDINGS_RETURN_IF_ERROR(Exec("PRAGMA foreign_keys=ON"));
    TIDINGS_RETURN_IF_ERROR(Exec("PRAGMA synchronous=NORMAL"));
    return Migrate();
  }

  // --- Publishers ---

  Result<Id> UpsertPublisher(const model::Publisher& p) override {
    if (p.host.empty()) {
      return Status::InvalidArgument("store: publisher without host");
    }
    TIDINGS_ASSIGN_OR_RETURN(
        Statement * st,
        Prepare("INSERT INTO publishers(host, name, country) VALUES(?, ?, ?) "
                "ON CONFLICT(host) DO UPDATE SET "
                "name = CASE WHEN excluded.name <> '' AND "
                "  (publishers.name = publishers.host OR publishers.name = '')"
                "  THEN excluded.name ELSE publishers.name END, "
                "country = CASE WHEN excluded.country <> '' "
                "  THEN excluded.country ELSE publishers.country END "
                "RETURNING id"));
    st->Bind(p.host).Bind(p.name.empty() ? p.host : p.name).Bind(p.country);
    TIDINGS_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return Status::Internal("store: publisher upsert returned no id");
    Id id = st->Int(0);
    st->Reset();
    return id;
  }

  Result<std::optional<model::Publisher>> GetPublisher(Id id) override {
    return QueryOnePublisher(
        fmt::format("SELECT {} FROM publishers WHERE id = ?",
                    kPublisherColumns),
        [id](Statement* st) { st->Bind(id); });
  }

  Result<std::optional<model::Publisher>> FindPublisherByHost(
      std::string_view host) override {
    return QueryOnePublisher(
        fmt::format("SELECT {} FROM publishers WHERE host = ?",
                    kPublisherColumns),
        [host](Statement* st) { st->Bind(host); });
  }

  Result<std::vector<model::Publisher>> ListPublishers() override {
    TIDINGS_ASSIGN_OR_RETURN(
        Statement * st,
        Prepare(fmt::format("SELECT {} FROM publishers ORDER BY name",
                            kPublisherColumns)));
    std::vector<model::Publisher> out;
    while (true) {
      TIDINGS_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      out.push_back(ReadPublisher(*st));
    }
    st->Reset();
    return out;
  }

  Status UpdatePublisherScore(Id id, double score,
                              std::string_view breakdown_json) override {
    TIDINGS_ASSIGN_OR_RETURN(
        Statement * st,
        Prepare("UPDATE publishers SET score = ?, score_breakdown = ? "
                "WHERE id = ?"));
    st->Bind(score).Bind(breakdown_json).Bind(id);
    Status s = st->Run();
    st->Reset();
    return s;
  }

  // --- Articles ---

  Result<UpsertOutcome> UpsertArticle(model::Article* a) override {
    if (a->canonical_url.empty()) a->canonical_url = a->url;
    if (a->canonical_url.empty()) {
      return Status::InvalidArgument("store: article without URL");
    }
    if (a->publisher_id == 0) {
      if (a->publisher_host.empty()) {
        return Status::InvalidArgument("store: article " + a->url +
                                       " has no publisher host");
      }
      model::Publisher p;
      p.host = a->publisher_host;
      p.name = a->site_name;
      p.country = a->country;
      TIDINGS_ASSIGN_OR_RETURN(a->publisher_id, UpsertPublisher(p));
    }
    const bool own_transaction = !in_transaction_;
    if (own_transaction) TIDINGS_RETURN_IF_ERROR(Begin());
    Result<UpsertOutcome> outcome = UpsertArticleLocked(a);
    if (own_transaction) {
      if (outcome.ok()) {
        TIDINGS_RETURN_IF_ERROR(Commit());
      } else {
        Rollback().IgnoreError();
      }
    }
    return outcome;
  }

  Result<std::optional<model::Article>> GetArticle(Id id) override {
    return QueryOneArticle("a.id = ?", [id](Statement* st) { st->Bind(id); });
  }

  Result<std::optional<model::Article>> FindArticleByUrl(
      std::string_view canonical_url) override {
    return QueryOneArticle(
        "a.id = coalesce((SELECT id FROM articles WHERE canonical_url = ?), "
        "(SELECT id FROM articles WHERE url = ? LIMIT 1))",
        [canonical_url](Statement* st) {
          st->Bind(canonical_url).Bind(canonical_url);
        });
  }

  Result<std::vector<model::Article>> ListArticles(
      const ArticleQuery& q) override {
    std::string where = "1 = 1";
    if (!q.country.empty()) where += " AND a.country = ?";
    if (!q.category.empty()) where += " AND a.category = ?";
    if (q.publisher_id != 0) where += " AND a.publisher_id = ?";
    if (q.story_id != 0) where += " AND a.story_id = ?";
    if (!q.text.empty()) {
      where +=
          " AND a.id IN (SELECT rowid FROM articles_fts WHERE "
          "articles_fts MATCH ?)";
    }
    std::string sql = fmt::format(
        "SELECT {}{} FROM articles a JOIN publishers p ON p.id = "
        "a.publisher_id WHERE {} ORDER BY a.sort_time DESC, a.id DESC "
        "LIMIT ? OFFSET ?",
        kArticleLightColumns, q.with_body ? kArticleBodyColumns : "", where);
    TIDINGS_ASSIGN_OR_RETURN(Statement * st, Prepare(sql));
    if (!q.country.empty()) st->Bind(q.country);
    if (!q.category.empty()) st->Bind(q.category);
    if (q.publisher_id != 0) st->Bind(q.publisher_id);
    if (q.story_id != 0) st->Bind(q.story_id);
    if (!q.text.empty()) st->Bind(FtsQuery(q.text));
    st->Bind(q.limit).Bind(q.offset);
    std::vector<model::Article> out;
    while (true) {
      TIDINGS_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      out.push_back(ReadArticle(*st, q.with_body));
    }
    st->Reset();
    return out;
  }

  Status UpdateArticleDerived(const model::Article& a) override {
    TIDINGS_ASSIGN_OR_RETURN(
        Statement * st,
        Prepare("UPDATE articles SET summary = ?, summary_reading_seconds = ?, "
                "original_reading_seconds = ?, score = ?, score_breakdown = ?, "
                "simhash = ?, content_hash = ?, category = ?, story_id = ? "
                "WHERE id = ?"));
    st->Bind(Dump(SummaryToJson(a.summary)))
        .Bind(a.summary_reading_seconds)
        .Bind(a.original_reading_seconds)
        .Bind(a.score)
        .Bind(a.score_breakdown_json)
        .Bind(static_cast<std::int64_t>(a.simhash))
        .Bind(static_cast<std::int64_t>(a.content_hash))
        .Bind(a.category);
    if (a.story_id != 0) {
      st->Bind(a.story_id);
    } else {
      st->BindNull();
    }
    st->Bind(a.id);
    Status s = st->Run();
    st->Reset();
    return s;
  }

  // --- Feeds ---

  Result<Id> UpsertFeed(const model::Feed& f) override {
    if (f.url.empty())
      return Status::InvalidArgument("store: feed without URL");
    TIDINGS_ASSIGN_OR_RETURN(
        Statement * st,
        Prepare("INSERT INTO feeds(url, title, site_url, country, category, "
                "publisher_name, hub_url, self_url) VALUES(?,?,?,?,?,?,?,?) "
                "ON CONFLICT(url) DO UPDATE SET "
                "title = CASE WHEN excluded.title <> '' THEN excluded.title "
                "  ELSE feeds.title END, "
                "site_url = CASE WHEN excluded.site_url <> '' "
                "  THEN excluded.site_url ELSE feeds.site_url END, "
                "country = CASE WHEN excluded.country <> '' "
                "  THEN excluded.country ELSE feeds.country END, "
                "category = CASE WHEN excluded.category <> '' "
                "  THEN excluded.category ELSE feeds.category END, "
                "publisher_name = CASE WHEN excluded.publisher_name <> '' "
                "  THEN excluded.publisher_name ELSE feeds.publisher_name END "
                "RETURNING id"));
    st->Bind(f.url)
        .Bind(f.title)
        .Bind(f.site_url)
        .Bind(f.country)
        .Bind(f.category)
        .Bind(f.publisher_name)
        .Bind(f.hub_url)
        .Bind(f.self_url);
    TIDINGS_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return Status::Internal("store: feed upsert returned no id");
    Id id = st->Int(0);
    st->Reset();
    return id;
  }

  Result<std::optional<model::Feed>> GetFeed(Id id) override {
    TIDINGS_ASSIGN_OR_RETURN(
        Statement * st, Prepare(fmt::format("SELECT {} FROM feeds WHERE id = ?",
                                            kFeedColumns)));
    st->Bind(id);
    TIDINGS_ASSIGN_OR_RETURN(bool row, st->Step());
    std::optional<model::Feed> out;
    if (row) out = ReadFeed(*st);
    st->Reset();
    return out;
  }

  Result<std::vector<model::Feed>> ListFeeds() override {
    TIDINGS_ASSIGN_OR_RETURN(
        Statement * st,
        Prepare(fmt::format("SELECT {} FROM feeds ORDER BY id", kFeedColumns)));
    return CollectFeeds(st);
  }

  Status UpdateFeedState(const model::Feed& f) override {
    TIDINGS_ASSIGN_OR_RETURN(
        Statement * st,
        Prepare("UPDATE feeds SET url = CASE WHEN EXISTS (SELECT 1 FROM "
                "feeds AS other WHERE other.url = ?1 AND other.id != ?15) "
                "THEN url ELSE ?1 END, title = ?2, site_url = ?3, etag = ?4, "
                "last_modified = ?5, last_fetched_at = ?6, last_status = ?7, "
                "last_error = ?8, error_streak = ?9, item_count = ?10, "
                "interval_seconds = ?11, next_due_at = ?12, hub_url = ?13, "
                "self_url = ?14 WHERE id = ?15"));
    st->Bind(f.url)
        .Bind(f.title)
        .Bind(f.site_url)
        .Bind(f.etag)
        .Bind(f.last_modified)
        .Bind(f.last_fetched_at)
        .Bind(f.last_status)
        .Bind(f.last_error)
        .Bind(f.error_streak)
        .Bind(f.item_count)
        .Bind(f.interval_seconds)
        .Bind(f.next_due_at)
        .Bind(f.hub_url)
        .Bind(f.self_url)
        .Bind(f.id);
    Status s = st->Run();
    st->Reset();
    return s;
  }

  Result<std::vector<model::Feed>> LeaseDueFeeds(
      UnixSeconds now, int limit, std::int64_t lease_seconds) override {
    // One statement, so the selection and the lease are atomic even with
    // other processes writing: SQLite serialises writers.
    TIDINGS_ASSIGN_OR_RETURN(
        Statement * st,
        Prepare(fmt::format(
            "UPDATE feeds SET next_due_at = ? WHERE id IN ("
            "SELECT id FROM feeds WHERE next_due_at IS NULL OR next_due_at "
            "<= ? ORDER BY next_due_at IS NOT NULL, next_due_at, id LIMIT ?) "
            "RETURNING {}",
            kFeedColumns)));
    st->Bind(now + lease_seconds).Bind(now).Bind(limit);
    TIDINGS_ASSIGN_OR_RETURN(std::vector<model::Feed> feeds, CollectFeeds(st));
    // The lease is bookkeeping; callers want the due time they were due at.
    for (auto& f : feeds) f.next_due_at = now;
    return feeds;
  }

  Status DeleteFeed(Id id) override {
    TIDINGS_ASSIGN_OR_RETURN(Statement * st,
                             Prepare("DELETE FROM feeds WHERE id = ?"));
    st->Bind(id);
    Status s = st->Run();
    st->Reset();
    return s;
  }

  // --- Stories ---

  Status SaveStory(model::Story* s) override {
    const bool own_transaction = !in_transaction_;
    if (own_transaction) TIDINGS_RETURN_IF_ERROR(Begin());
    Status status = SaveStoryLocked(s);
    if (own_transaction) {
      if (status.ok()) return Commit();
      Rollback().IgnoreError();
    }
    return status;
  }

  Result<std::optional<model::Story>> GetStory(Id id) override {
    TIDINGS_ASSIGN_OR_RETURN(
        Statement * st,
        Prepare(
            fmt::format("SELECT {} FROM stories WHERE id = ?", kStoryColumns)));
    st->Bind(id);
    TIDINGS_ASSIGN_OR_RETURN(bool row, st->Step());
    std::optional<model::Story> out;
    if (row) out = ReadStory(*st);
    st->Reset();
    if (out) TIDINGS_RETURN_IF_ERROR(LoadStoryArticleIds(&*out));
    return out;
  }

  Status DeleteStory(Id id) override {
    // articles.story_id is ON DELETE SET NULL.
    TIDINGS_ASSIGN_OR_RETURN(Statement * st,
                             Prepare("DELETE FROM stories WHERE id = ?"));
    st->Bind(id);
    Status s = st->Run();
    st->Reset();
    return s;
  }

  Result<std::vector<model::Story>> ListStories(int limit,
                                                int offset) override {
    TIDINGS_ASSIGN_OR_RETURN(
        Statement * st,
        Prepare(fmt::format("SELECT {} FROM stories ORDER BY last_updated_at "
                            "DESC, id DESC LIMIT ? OFFSET ?",
                            kStoryColumns)));
    st->Bind(limit).Bind(offset);
    std::vector<model::Story> out;
    while (true) {
      TIDINGS_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      out.push_back(ReadStory(*st));
    }
    st->Reset();
    for (auto& s : out) TIDINGS_RETURN_IF_ERROR(LoadStoryArticleIds(&s));
    return out;
  }

  Result<Stats> GetStats() override {
    TIDINGS_ASSIGN_OR_RETURN(
        Statement * st,
        Prepare(
            "SELECT (SELECT count(*) FROM articles), "
            "(SELECT count(*) FROM publishers), "
            "(SELECT count(*) FROM feeds), (SELECT count(*) FROM stories)"));
    TIDINGS_ASSIGN_OR_RETURN(bool row, st->Step());
    Stats stats;
    if (row) {
      stats.articles = st->Int(0);
      stats.publishers = st->Int(1);
      stats.feeds = st->Int(2);
      stats.stories = st->Int(3);
    }
    st->Reset();
    return stats;
  }

  // --- Transactions ---

  Status Begin() override {
    if (in_transaction_) {
      return Status::InvalidArgument("store: transaction already open");
    }
    TIDINGS_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    in_transaction_ = true;
    return Status::Ok();
  }

  Status Commit() override {
    if (!in_transaction_) {
      return Status::InvalidArgument("store: no transaction to commit");
    }
    Status s = Exec("COMMIT");
    if (s.ok()) in_transaction_ = false;
    return s;
  }

  Status Rollback() override {
    if (!in_transaction_) return Status::Ok();
    in_transaction_ = false;
    return Exec("ROLLBACK");
  }

 private:
  Status Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string message = fmt::format("store: {}: {}", sql.substr(0, 60),
                                        err ? err : "unknown error");
      sqlite3_free(err);
      return Status::IoError(std::move(message));
    }
    return Status::Ok();
  }

  Result<Statement*> Prepare(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) {
      it->second->Reset();
      return it->second.get();
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT,
                           &stmt, nullptr) != SQLITE_OK) {
      return Status::Internal(SqliteError(db_, "prepare"));
    }
    auto owned = std::make_unique<Statement>(db_, stmt);
    Statement* raw = owned.get();
    statements_.emplace(sql, std::move(owned));
    return raw;
  }

  Status Migrate() {
    TIDINGS_RETURN_IF_ERROR(
        Exec("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT "
             "NULL)"));
    TIDINGS_ASSIGN_OR_RETURN(Statement * st,
                             Prepare("SELECT coalesce(max(version), 0) FROM "
                                     "schema_version"));
    TIDINGS_ASSIGN_OR_RETURN(bool row, st->Step());
    const int current = row ? static_cast<int>(st->Int(0)) : 0;
    st->Reset();
    const auto& migrations = SqliteMigrations();
    if (current > static_cast<int>(migrations.size())) {
      return Status::Corruption(fmt::format(
          "store: database schema version {} is newer than this binary "
          "knows ({}); upgrade tidings",
          current, migrations.size()));
    }
    for (size_t v = current; v < migrations.size(); ++v) {
      TIDINGS_RETURN_IF_ERROR(Begin());
      Status s = Exec(migrations[v]);
      if (s.ok()) {
        s = Exec(fmt::format("INSERT INTO schema_version(version) VALUES({})",
                             v + 1));
      }
      if (!s.ok()) {
        Rollback().IgnoreError();
        return s.WithContext(fmt::format("migration {}", v + 1));
      }
      TIDINGS_RETURN_IF_ERROR(Commit());
    }
    return Status::Ok();
  }

  Result<UpsertOutcome> UpsertArticleLocked(model::Article* a) {
    UpsertOutcome outcome;
    {
      TIDINGS_ASSIGN_OR_RETURN(
          Statement * st,
          Prepare("SELECT id FROM articles WHERE canonical_url = ?"));
      st->Bind(a->canonical_url);
      TIDINGS_ASSIGN_OR_RETURN(bool row, st->Step());
      if (row) outcome.id = st->Int(0);
      st->Reset();
    }
    nlohmann::json paragraphs = a->paragraphs;
    const std::string text = a->Text();
    TIDINGS_ASSIGN_OR_RETURN(
        Statement * st,
        Prepare(
            "INSERT INTO articles(canonical_url, url, title, byline, "
            "published_at, modified_at, fetched_at, language, site_name, "
            "image_url, description, section, paywalled, paragraphs, html, "
            "publisher_id, feed_id, category, country, word_count, summary, "
            "summary_reading_seconds, original_reading_seconds, simhash, "
            "content_hash, score, score_breakdown, sort_time) "
            "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(canonical_url) DO UPDATE SET url = excluded.url, "
            "title = excluded.title, byline = excluded.byline, "
            "published_at = excluded.published_at, "
            "modified_at = excluded.modified_at, "
            "language = excluded.language, site_name = excluded.site_name, "
            "image_url = excluded.image_url, "
            "description = excluded.description, section = excluded.section, "
            "paywalled = excluded.paywalled, paragraphs = excluded.paragraphs, "
            "html = excluded.html, publisher_id = excluded.publisher_id, "
            "feed_id = coalesce(excluded.feed_id, articles.feed_id), "
            "category = CASE WHEN excluded.category <> '' THEN "
            "  excluded.category ELSE articles.category END, "
            "country = CASE WHEN excluded.country <> '' THEN "
            "  excluded.country ELSE articles.country END, "
            "word_count = excluded.word_count, summary = excluded.summary, "
            "summary_reading_seconds = excluded.summary_reading_seconds, "
            "original_reading_seconds = excluded.original_reading_seconds, "
            "simhash = excluded.simhash, content_hash = excluded.content_hash, "
            "score = excluded.score, score_breakdown = "
            "excluded.score_breakdown, "
            "sort_time = excluded.sort_time "
            "RETURNING id"));
    st->Bind(a->canonical_url)
        .Bind(a->url)
        .Bind(a->title)
        .Bind(a->byline)
        .Bind(a->published_at)
        .Bind(a->modified_at)
        .Bind(a->fetched_at)
        .Bind(a->language)
        .Bind(a->site_name)
        .Bind(a->image_url)
        .Bind(a->description)
        .Bind(a->section)
        .Bind(a->paywalled ? 1 : 0)
        .Bind(Dump(paragraphs))
        .Bind(a->html)
        .Bind(a->publisher_id);
    if (a->feed_id != 0) {
      st->Bind(a->feed_id);
    } else {
      st->BindNull();
    }
    st->Bind(a->category)
        .Bind(a->country)
        .Bind(a->word_count)
        .Bind(Dump(SummaryToJson(a->summary)))
        .Bind(a->summary_reading_seconds)
        .Bind(a->original_reading_seconds)
        .Bind(static_cast<std::int64_t>(a->simhash))
        .Bind(static_cast<std::int64_t>(a->content_hash))
        .Bind(a->score)
        .Bind(a->score_breakdown_json)
        .Bind(SortTime(*a));
    TIDINGS_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return Status::Internal("store: article upsert returned no id");
    a->id = st->Int(0);
    st->Reset();
    outcome.inserted = outcome.id == 0;
    outcome.id = a->id;

    // Keep the full-text index in step with the row.
    TIDINGS_ASSIGN_OR_RETURN(
        Statement * del, Prepare("DELETE FROM articles_fts WHERE rowid = ?"));
    del->Bind(a->id);
    TIDINGS_RETURN_IF_ERROR(del->Run());
    del->Reset();
    TIDINGS_ASSIGN_OR_RETURN(
        Statement * ins,
        Prepare(
            "INSERT INTO articles_fts(rowid, title, body) VALUES(?, ?, ?)"));
    ins->Bind(a->id).Bind(a->title).Bind(text);
    TIDINGS_RETURN_IF_ERROR(ins->Run());
    ins->Reset();
    return outcome;
  }

  Status SaveStoryLocked(model::Story* s) {
    const std::string summary = Dump(SummaryToJson(s->summary));
    if (s->id == 0) {
      TIDINGS_ASSIGN_OR_RETURN(
          Statement * st,
          Prepare("INSERT INTO stories(headline, representative_article_id, "
                  "first_article_id, first_seen_at, last_updated_at, "
                  "article_count, publisher_count, category, summary) "
                  "VALUES(?,?,?,?,?,?,?,?,?) RETURNING id"));
      BindStory(st, *s, summary);
      TIDINGS_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) return Status::Internal("store: story insert returned no id");
      s->id = st->Int(0);
      st->Reset();
    } else {
      TIDINGS_ASSIGN_OR_RETURN(
          Statement * st,
          Prepare("UPDATE stories SET headline = ?, "
                  "representative_article_id = ?, first_article_id = ?, "
                  "first_seen_at = ?, last_updated_at = ?, article_count = ?, "
                  "publisher_count = ?, category = ?, summary = ? "
                  "WHERE id = ?"));
      BindStory(st, *s, summary);
      st->Bind(s->id);
      TIDINGS_RETURN_IF_ERROR(st->Run());
      st->Reset();
    }
    TIDINGS_ASSIGN_OR_RETURN(
        Statement * link,
        Prepare("UPDATE articles SET story_id = ? WHERE id = ?"));
    for (Id article_id : s->article_ids) {
      link->Bind(s->id).Bind(article_id);
      TIDINGS_RETURN_IF_ERROR(link->Run());
      link->Reset();
    }
    return Status::Ok();
  }

  static void BindStory(Statement* st, const model::Story& s,
                        const std::string& summary) {
    st->Bind(s.headline);
    if (s.representative_article_id != 0) {
      st->Bind(s.representative_article_id);
    } else {
      st->BindNull();
    }
    if (s.first_article_id != 0) {
      st->Bind(s.first_article_id);
    } else {
      st->BindNull();
    }
    st->Bind(s.first_seen_at)
        .Bind(s.last_updated_at)
        .Bind(s.article_count)
        .Bind(s.publisher_count)
        .Bind(s.category)
        .Bind(summary);
  }

  Status LoadStoryArticleIds(model::Story* s) {
    TIDINGS_ASSIGN_OR_RETURN(
        Statement * st, Prepare("SELECT id FROM articles WHERE story_id = ? "
                                "ORDER BY sort_time, id"));
    st->Bind(s->id);
    s->article_ids.clear();
    while (true) {
      TIDINGS_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      s->article_ids.push_back(st->Int(0));
    }
    st->Reset();
    return Status::Ok();
  }

  template <typename BindFn>
  Result<std::optional<model::Article>> QueryOneArticle(const char* where,
                                                        BindFn bind) {
    TIDINGS_ASSIGN_OR_RETURN(
        Statement * st,
        Prepare(fmt::format("SELECT {}{} FROM articles a JOIN publishers p ON "
                            "p.id = a.publisher_id WHERE {}",
                            kArticleLightColumns, kArticleBodyColumns, where)));
    bind(st);
    TIDINGS_ASSIGN_OR_RETURN(bool row, st->Step());
    std::optional<model::Article> out;
    if (row) out = ReadArticle(*st, /*with_body=*/true);
    st->Reset();
    return out;
  }

  template <typename BindFn>
  Result<std::optional<model::Publisher>> QueryOnePublisher(
      const std::string& sql, BindFn bind) {
    TIDINGS_ASSIGN_OR_RETURN(Statement * st, Prepare(sql));
    bind(st);
    TIDINGS_ASSIGN_OR_RETURN(bool row, st->Step());
    std::optional<model::Publisher> out;
    if (row) out = ReadPublisher(*st);
    st->Reset();
    return out;
  }

  Result<std::vector<model::Feed>> CollectFeeds(Statement* st) {
    std::vector<model::Feed> out;
    while (true) {
      TIDINGS_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      out.push_back(ReadFeed(*st));
    }
    st->Reset();
    return out;
  }

  // Turns free text from a search box into an FTS5 query that cannot be a
  // syntax error: every word becomes a quoted prefix term, ANDed.
  static std::string FtsQuery(std::string_view text) {
    std::string out;
    std::string word;
    auto flush = [&] {
      if (word.empty()) return;
      if (!out.empty()) out += ' ';
      out += '"';
      out += word;
      out += "\"*";
      word.clear();
    };
    for (char c : text) {
      if (c == '"' || c == ' ' || c == '\t' || c == '\n') {
        flush();
      } else {
        word += c;
      }
    }
    flush();
    return out.empty() ? "\"\"" : out;
  }

  sqlite3* db_;
  bool in_transaction_ = false;
  std::map<std::string, std::unique_ptr<Statement>> statements_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  sqlite3* db = nullptr;
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string message = fmt::format(
        "store: open {}: {}", path, db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close_v2(db);
    return Status::IoError(std::move(message));
  }
  auto store = std::make_unique<SqliteStore>(db);
  Status s = store->Init();
  if (!s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace tidings::store
