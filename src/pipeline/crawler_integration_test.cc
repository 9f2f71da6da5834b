// The crawler with the real libcurl client against loopback fixture
// servers: recorded real feeds, conditional GET on the second pass, a dead
// host that backs off and recovers, per-host limits over 1,000 feeds, and
// full article text through the real pipeline.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "base/test_util.h"
#include "feed/feed.h"
#include "fetch/http_client.h"
#include "pipeline/crawler.h"
#include "support/http_fixture_server.h"

namespace tidings::pipeline {
namespace {

using testing::FixtureRequest;
using testing::FixtureResponse;
using testing::HttpFixtureServer;

constexpr UnixSeconds kStart = 1'700'000'000;
constexpr std::int64_t kTwoDays = 2 * 24 * 3600;

Result<std::vector<std::string>> TestResolver(const std::string& host) {
  if (host.size() > 5 && host.substr(host.size() - 5) == ".test") {
    return std::vector<std::string>{"127.0.0.1"};
  }
  return Status::Unavailable("fetch: cannot resolve " + host);
}

fetch::HttpClientOptions LoopbackOptions() {
  fetch::HttpClientOptions o;
  o.address_policy.allow_loopback = true;
  o.resolver = TestResolver;
  o.min_host_delay_seconds = 0;
  o.max_per_host = 2;
  o.total_timeout_seconds = 2;
  o.connect_timeout_seconds = 1;
  o.max_retries = 0;
  o.seed = 5;
  return o;
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class CountingSink final : public ArticleSink {
 public:
  Result<bool> IsKnownUrl(const std::string& url) override {
    return known.count(url) > 0;
  }
  Result<AddOutcome> AddPage(const Page& page) override {
    bool inserted = known.insert(page.url).second;
    added += inserted;
    return AddOutcome{static_cast<model::Id>(known.size()), inserted};
  }
  std::set<std::string> known;
  int added = 0;
};

// Serves a body with an ETag and answers 304 to a matching If-None-Match.
FixtureResponse Conditional(const FixtureRequest& req, const std::string& body,
                            const std::string& type) {
  std::string etag =
      "\"" + std::to_string(std::hash<std::string>()(body)) + "\"";
  if (req.Header("if-none-match") == etag) return FixtureResponse::Status(304);
  return FixtureResponse::Text(body, type).With("ETag", etag);
}

std::unique_ptr<store::Store> OpenStore() {
  auto s = store::Store::Open("sqlite::memory:");
  EXPECT_TRUE(s.ok());
  return std::move(s).value();
}

TEST(CrawlerIntegrationTest, RecordedFeedsThenConditionalSecondPass) {
  const auto dir = tidings::testing::DataDir() / "feeds/rss-parser/test/input";
  TIDINGS_REQUIRE_DATA(dir);
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    files["/" + entry.path().filename().string()] = ReadFile(entry.path());
  }
  HttpFixtureServer server([&](const FixtureRequest& req) {
    auto it = files.find(req.path);
    if (it == files.end()) return FixtureResponse::Status(404);
    return Conditional(req, it->second, "application/xml");
  });
  auto store = OpenStore();
  int parsable = 0;
  for (const auto& [path, body] : files) {
    model::Feed f;
    f.url = server.UrlFor("recorded.test", path);
    ASSERT_TRUE(store->UpsertFeed(f).ok());
    parsable += feed::ParseFeed(body).ok();
  }
  auto http = fetch::NewCurlHttpClient(LoopbackOptions());
  ASSERT_TRUE(http.ok());
  CountingSink sink;
  FakeClock clock(kStart);
  CrawlerOptions options;
  options.fetch_articles = false;
  Crawler crawler(store.get(), &sink, http->get(), &clock, options);
  auto first = crawler.RunOnce();
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->feeds_due, static_cast<int>(files.size()));
  EXPECT_EQ(first->feeds_fetched, parsable);
  EXPECT_EQ(first->errors, static_cast<int>(files.size()) - parsable);
  EXPECT_GE(parsable, 28);

  clock.Advance(kTwoDays);
  auto second = crawler.RunOnce();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->not_modified, parsable);
  auto feeds = store->ListFeeds();
  ASSERT_TRUE(feeds.ok());
  for (const model::Feed& f : *feeds) {
    if (f.error_streak == 0) {
      EXPECT_EQ(f.last_status, 304) << f.url;
      EXPECT_GT(f.item_count, 0) << f.url;
    }
  }
}

TEST(CrawlerIntegrationTest, DeadHostBacksOffAndRecovers) {
  std::atomic<bool> up{false};
  std::string rss =
      "<rss version=\"2.0\"><channel><title>x</title><item><title>a</title>"
      "<link>http://dead.test/a</link></item></channel></rss>";
  HttpFixtureServer server([&](const FixtureRequest& req) {
    if (!up) {
      FixtureResponse r;
      r.drop = true;
      return r;
    }
    return Conditional(req, rss, "application/rss+xml");
  });
  auto store = OpenStore();
  model::Feed f;
  f.url = server.UrlFor("dead.test", "/feed");
  auto id = store->UpsertFeed(f);
  ASSERT_TRUE(id.ok());
  auto http = fetch::NewCurlHttpClient(LoopbackOptions());
  CountingSink sink;
  FakeClock clock(kStart);
  CrawlerOptions options;
  options.fetch_articles = false;
  options.error_backoff.jitter = 0;
  Crawler crawler(store.get(), &sink, http->get(), &clock, options);
  std::int64_t last_wait = 0;
  for (int streak = 1; streak <= 3; ++streak) {
    ASSERT_TRUE(crawler.RunOnce().ok());
    model::Feed got = store->GetFeed(*id).value().value();
    EXPECT_EQ(got.error_streak, streak);
    EXPECT_FALSE(got.last_error.empty());
    std::int64_t wait = *got.next_due_at - clock.Now();
    EXPECT_GT(wait, last_wait);
    last_wait = wait;
    clock.Advance(wait);
  }
  up = true;
  auto back = crawler.RunOnce();
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->feeds_fetched, 1);
  model::Feed got = store->GetFeed(*id).value().value();
  EXPECT_EQ(got.error_streak, 0);
  EXPECT_EQ(got.last_status, 200);
}

TEST(CrawlerIntegrationTest, ThousandFeedsKeepPerHostLimitsAndGet304s) {
  constexpr int kFeeds = 1000;
  constexpr int kHosts = 25;
  HttpFixtureServer server([&](const FixtureRequest& req) {
    if (req.path == "/robots.txt") {
      return FixtureResponse::Text("User-agent: *\nDisallow: /private/\n");
    }
    if (req.path.rfind("/feed/", 0) == 0) {
      std::string n = req.path.substr(6);
      std::string rss =
          "<rss version=\"2.0\"><channel><title>Feed " + n +
          "</title><item><title>A</title><link>/article/" + n +
          "</link><pubDate>Tue, 14 Nov 2023 20:00:00 GMT</pubDate></item>"
          "<item><title>B</title><link>/private/" +
          n +
          "</link><pubDate>Tue, 14 Nov 2023 21:00:00 GMT</pubDate></item>"
          "</channel></rss>";
      FixtureResponse r = Conditional(req, rss, "application/rss+xml");
      r.delay_seconds = 0.002;
      return r;
    }
    FixtureResponse r =
        FixtureResponse::Text("<html><p>story</p></html>", "text/html");
    r.delay_seconds = 0.002;
    return r;
  });
  auto store = OpenStore();
  for (int i = 0; i < kFeeds; ++i) {
    model::Feed f;
    f.url = server.UrlFor("host" + std::to_string(i % kHosts) + ".test",
                          "/feed/" + std::to_string(i));
    ASSERT_TRUE(store->UpsertFeed(f).ok());
  }
  auto http = fetch::NewCurlHttpClient(LoopbackOptions());
  CountingSink sink;
  FakeClock clock(kStart);
  Crawler crawler(store.get(), &sink, http->get(), &clock, {});
  auto first = crawler.RunOnce();
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->feeds_fetched, kFeeds);
  EXPECT_EQ(first->errors, 0);
  EXPECT_EQ(first->new_entries, 2 * kFeeds);
  EXPECT_EQ(first->articles_added, kFeeds);
  // The /private/ pages are disallowed by robots.txt and never requested.
  EXPECT_EQ(first->articles_failed, kFeeds);
  auto peaks = server.MaxInFlightByHost();
  EXPECT_EQ(peaks.size(), static_cast<std::size_t>(kHosts));
  for (const auto& [host, peak] : peaks) EXPECT_LE(peak, 2) << host;
  EXPECT_GT(server.MaxInFlight(), 2);
  for (const auto& r : server.Requests()) {
    EXPECT_NE(r.path.rfind("/private/", 0), 0u) << r.path;
  }
  EXPECT_EQ(server.CountPath("/robots.txt"), static_cast<std::size_t>(kHosts));

  clock.Advance(kTwoDays);
  auto second = crawler.RunOnce();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->not_modified, kFeeds);
  EXPECT_EQ(second->new_entries, 0);
  std::printf("1000 feeds: first pass %.2fs, second pass %.2fs\n",
              first->seconds, second->seconds);
}

TEST(CrawlerIntegrationTest, StoresFullTextOfTruncatedFeedEntries) {
  std::string paragraph =
      "The city council voted on Tuesday to approve the new riverside park, "
      "ending a debate that had lasted for more than three years and drawn "
      "hundreds of residents to public hearings across the district.";
  std::string page =
      "<html><head><title>Council approves riverside park</title>"
      "</head><body><article><h1>Council approves riverside park"
      "</h1>";
  for (int i = 0; i < 6; ++i) page += "<p>" + paragraph + "</p>";
  page += "</article></body></html>";
  HttpFixtureServer server([&](const FixtureRequest& req) {
    if (req.path == "/feed") {
      return FixtureResponse::Text(
          "<rss version=\"2.0\"><channel><title>Local</title><item>"
          "<title>Council approves riverside park</title>"
          "<link>/news/park</link><description>The city council voted "
          "…</description></item></channel></rss>",
          "application/rss+xml");
    }
    if (req.path == "/news/park") {
      return FixtureResponse::Text(page, "text/html; charset=utf-8");
    }
    return FixtureResponse::Status(404);
  });
  auto store = OpenStore();
  model::Feed f;
  f.url = server.UrlFor("local.test", "/feed");
  f.country = "us";
  f.category = "local";
  ASSERT_TRUE(store->UpsertFeed(f).ok());
  auto http = fetch::NewCurlHttpClient(LoopbackOptions());
  Pipeline pipeline(store.get());
  PipelineSink sink(&pipeline);
  FakeClock clock(kStart);
  Crawler crawler(store.get(), &sink, http->get(), &clock, {});
  auto s = crawler.RunOnce();
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->articles_added, 1);
  store::ArticleQuery q;
  q.with_body = true;
  auto articles = store->ListArticles(q);
  ASSERT_TRUE(articles.ok());
  ASSERT_EQ(articles->size(), 1u);
  const model::Article& a = (*articles)[0];
  EXPECT_EQ(a.country, "us");
  EXPECT_EQ(a.category, "local");
  EXPECT_NE(a.Text().find("hundreds of residents"), std::string::npos);
  EXPECT_GT(a.word_count, 150);
  // Known now: the next pass does not fetch it again.
  clock.Advance(kTwoDays);
  auto again = crawler.RunOnce();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->new_entries, 0);
}

}  // namespace
}  // namespace tidings::pipeline
