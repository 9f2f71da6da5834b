#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "base/test_util.h"
#include "store/store.h"

namespace tidings::store {
namespace {

std::unique_ptr<Store> OpenMemory() {
  auto store = Store::Open("sqlite::memory:");
  EXPECT_TRUE(store.ok()) << store.status().message();
  return std::move(store).value();
}

model::Article MakeArticle(const std::string& url, const std::string& title) {
  model::Article a;
  a.url = url;
  a.title = title;
  a.publisher_host = "www.example.com";
  a.site_name = "Example News";
  a.fetched_at = 1700000000;
  a.published_at = 1699990000;
  a.paragraphs = {"The council voted on Tuesday.", "Residents were divided."};
  return a;
}

TEST(SqliteStore, UpsertArticleIsIdempotentByCanonicalUrl) {
  auto store = OpenMemory();
  model::Article a = MakeArticle("https://www.example.com/a", "Vote held");
  auto first = store->UpsertArticle(&a);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_TRUE(first->inserted);
  model::Article again = MakeArticle("https://www.example.com/a", "Vote held");
  auto second = store->UpsertArticle(&again);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->inserted);
  EXPECT_EQ(second->id, first->id);
  auto stats = store->GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->articles, 1);
  EXPECT_EQ(stats->publishers, 1);
}

TEST(SqliteStore, GetArticleRoundTripsFields) {
  auto store = OpenMemory();
  model::Article a = MakeArticle("https://www.example.com/a", "Vote <held>");
  a.summary = {{"The council voted on Tuesday.", 0, 0}};
  a.summary_reading_seconds = 3;
  ASSERT_TRUE(store->UpsertArticle(&a).ok());
  auto got = store->GetArticle(a.id);
  ASSERT_TRUE(got.ok());
  ASSERT_TRUE(got->has_value());
  const model::Article& b = **got;
  EXPECT_EQ(b.title, "Vote <held>");
  EXPECT_EQ(b.paragraphs, a.paragraphs);
  EXPECT_EQ(b.published_at, a.published_at);
  EXPECT_EQ(b.publisher_host, "www.example.com");
  ASSERT_EQ(b.summary.size(), 1u);
  EXPECT_EQ(b.summary[0].text, "The council voted on Tuesday.");
  auto missing = store->GetArticle(9999);
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST(SqliteStore, ListArticlesNewestFirstAndFullTextSearch) {
  auto store = OpenMemory();
  model::Article old_one = MakeArticle("https://www.example.com/old", "Old");
  old_one.published_at = 1000;
  model::Article new_one = MakeArticle("https://www.example.com/new", "New");
  new_one.published_at = 2000;
  new_one.paragraphs = {"Volcano erupts near the village."};
  ASSERT_TRUE(store->UpsertArticle(&old_one).ok());
  ASSERT_TRUE(store->UpsertArticle(&new_one).ok());
  auto list = store->ListArticles({});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].title, "New");
  EXPECT_TRUE((*list)[0].paragraphs.empty()) << "light list has no body";

  ArticleQuery q;
  q.text = "volcan";
  auto found = store->ListArticles(q);
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].title, "New");
  q.text = "\"unbalanced AND (";
  EXPECT_TRUE(store->ListArticles(q).ok()) << "search input cannot break SQL";
}

TEST(SqliteStore, PublisherNameReplacesHostButNotARealName) {
  auto store = OpenMemory();
  model::Publisher p;
  p.host = "news.example.org";
  auto id = store->UpsertPublisher(p);
  ASSERT_TRUE(id.ok());
  p.name = "Example Org";
  p.country = "de";
  ASSERT_TRUE(store->UpsertPublisher(p).ok());
  p.name = "Other Name";
  ASSERT_TRUE(store->UpsertPublisher(p).ok());
  auto got = store->GetPublisher(*id);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->name, "Example Org");
  EXPECT_EQ((*got)->country, "de");
}

TEST(SqliteStore, LeaseDueFeedsHandsEachFeedOutOnce) {
  auto store = OpenMemory();
  model::Feed f;
  f.url = "https://example.com/feed.xml";
  f.country = "gb";
  ASSERT_TRUE(store->UpsertFeed(f).ok());
  f.url = "https://example.com/other.xml";
  ASSERT_TRUE(store->UpsertFeed(f).ok());
  auto leased = store->LeaseDueFeeds(1000, 10, 600);
  ASSERT_TRUE(leased.ok()) << leased.status().message();
  EXPECT_EQ(leased->size(), 2u);
  auto again = store->LeaseDueFeeds(1001, 10, 600);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
  auto later = store->LeaseDueFeeds(1700, 10, 600);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->size(), 2u);
}

TEST(SqliteStore, UpdateFeedStateKeepsHealth) {
  auto store = OpenMemory();
  model::Feed f;
  f.url = "https://example.com/feed.xml";
  auto id = store->UpsertFeed(f);
  ASSERT_TRUE(id.ok());
  f.id = *id;
  f.etag = "\"abc\"";
  f.last_status = 304;
  f.error_streak = 2;
  f.next_due_at = 5000;
  ASSERT_TRUE(store->UpdateFeedState(f).ok());
  f.title = "Renamed";
  ASSERT_TRUE(store->UpsertFeed(f).ok());
  auto got = store->GetFeed(*id);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->etag, "\"abc\"");
  EXPECT_EQ((*got)->error_streak, 2);
  EXPECT_EQ((*got)->title, "Renamed");
}

TEST(SqliteStore, SaveStoryLinksArticles) {
  auto store = OpenMemory();
  model::Article a = MakeArticle("https://www.example.com/a", "A");
  model::Article b = MakeArticle("https://other.example.net/b", "B");
  b.publisher_host = "other.example.net";
  ASSERT_TRUE(store->UpsertArticle(&a).ok());
  ASSERT_TRUE(store->UpsertArticle(&b).ok());
  model::Story s;
  s.headline = "A";
  s.article_ids = {a.id, b.id};
  s.article_count = 2;
  s.first_seen_at = 1;
  s.last_updated_at = 2;
  ASSERT_TRUE(store->SaveStory(&s).ok());
  EXPECT_NE(s.id, 0);
  auto got = store->GetStory(s.id);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->article_ids.size(), 2u);
  ArticleQuery q;
  q.story_id = s.id;
  auto members = store->ListArticles(q);
  ASSERT_TRUE(members.ok());
  EXPECT_EQ(members->size(), 2u);
  auto stats = store->GetStats();
  EXPECT_EQ(stats->stories, 1);
}

TEST(SqliteStore, ReopeningAppliesNoMigrationTwiceAndKeepsData) {
  auto dir = testing::TempDir("store-reopen");
  const std::string url = "sqlite:" + (dir / "t.db").string();
  {
    auto store = Store::Open(url);
    ASSERT_TRUE(store.ok());
    model::Article a = MakeArticle("https://www.example.com/a", "A");
    ASSERT_TRUE((*store)->UpsertArticle(&a).ok());
  }
  auto store = Store::Open(url);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ((*store)->GetStats()->articles, 1);
  std::filesystem::remove_all(dir);
}

TEST(SqliteStore, RefusesSchemaNewerThanBinary) {
  auto dir = testing::TempDir("store-newer");
  const std::string path = (dir / "t.db").string();
  ASSERT_TRUE(Store::Open("sqlite:" + path).ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO schema_version VALUES(999)", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = Store::Open("sqlite:" + path);
  ASSERT_FALSE(store.ok());
  EXPECT_TRUE(store.status().IsCorruption());
  EXPECT_NE(store.status().message().find("newer"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(StoreOpen, RejectsUnknownScheme) {
  auto store = Store::Open("mysql://x");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kInvalidArgument);
}

TEST(SqliteStore, TransactionsDoNotNest) {
  auto store = OpenMemory();
  ASSERT_TRUE(store->Begin().ok());
  EXPECT_FALSE(store->Begin().ok());
  model::Article a = MakeArticle("https://www.example.com/a", "A");
  ASSERT_TRUE(store->UpsertArticle(&a).ok());
  ASSERT_TRUE(store->Rollback().ok());
  EXPECT_EQ(store->GetStats()->articles, 0);
}

}  // namespace
}  // namespace tidings::store
