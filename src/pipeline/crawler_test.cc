// The scheduler with a fake HTTP client, a fake article sink and an
// in-memory SQLite store: intervals, backoff, conditional GET, new-entry
// detection and WebSub, without sockets.
#include "pipeline/crawler.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "fetch/hmac.h"
#include "fetch/websub.h"

namespace tidings::pipeline {
namespace {

constexpr UnixSeconds kStart = 1'700'000'000;
constexpr std::int64_t kHour = 3600;

// Answers by URL; records every request.
class FakeHttpClient final : public fetch::HttpClient {
 public:
  using Handler = std::function<Result<fetch::Response>(const fetch::Request&)>;
  void On(const std::string& url, Handler h) { handlers_[url] = std::move(h); }
  void FetchAll(const std::vector<fetch::Request>& requests,
                const fetch::Completion& done) override {
    for (std::size_t i = 0; i < requests.size(); ++i) {
      log.push_back(requests[i]);
      auto it = handlers_.find(requests[i].url);
      if (it == handlers_.end()) {
        fetch::Response r;
        r.status = 404;
        r.url = requests[i].url;
        done(i, r);
      } else {
        done(i, it->second(requests[i]));
      }
    }
  }
  std::vector<fetch::Request> log;

 private:
  std::map<std::string, Handler> handlers_;
};

class FakeSink final : public ArticleSink {
 public:
  Result<bool> IsKnownUrl(const std::string& url) override {
    return known.count(url) > 0;
  }
  Result<AddOutcome> AddPage(const Page& page) override {
    pages.push_back(page);
    bool inserted = known.insert(page.url).second;
    return AddOutcome{static_cast<model::Id>(pages.size()), inserted};
  }
  std::set<std::string> known;
  std::vector<Page> pages;
};

fetch::Response Ok(std::string body, std::string etag = "") {
  fetch::Response r;
  r.status = 200;
  r.body = std::move(body);
  r.content_type = "application/rss+xml";
  r.etag = std::move(etag);
  return r;
}

std::string Rss(const std::vector<std::pair<std::string, std::string>>& items,
                const std::string& extra = "") {
  std::string out =
      "<?xml version=\"1.0\"?><rss version=\"2.0\" "
      "xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>T</title>"
      "<link>https://news.test/</link>" +
      extra;
  for (const auto& [link, date] : items) {
    out += "<item><title>Title " + link + "</title><link>" + link +
           "</link><pubDate>" + date + "</pubDate></item>";
  }
  return out + "</channel></rss>";
}

class CrawlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::Open("sqlite::memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(opened).value();
    model::Feed f;
    f.url = "https://news.test/feed.xml";
    f.country = "gb";
    f.category = "world";
    f.publisher_name = "News Test";
    auto id = store_->UpsertFeed(f);
    ASSERT_TRUE(id.ok());
    feed_id_ = *id;
  }
  Crawler MakeCrawler(CrawlerOptions options = {}) {
    options.seed = 1;
    return Crawler(store_.get(), &sink_, &http_, &clock_, options);
  }
  model::Feed Feed() { return store_->GetFeed(feed_id_).value().value(); }

  std::unique_ptr<store::Store> store_;
  model::Id feed_id_ = 0;
  FakeClock clock_{kStart};
  FakeHttpClient http_;
  FakeSink sink_;
};

TEST(AdaptiveIntervalTest, HalfTheMedianGapOfRecentEntries) {
  IntervalOptions o;
  std::vector<UnixSeconds> hourly;
  for (int i = 0; i < 12; ++i) hourly.push_back(kStart - i * kHour);
  EXPECT_EQ(AdaptiveInterval(hourly, kStart, 0, o), kHour / 2);
  // One outlier gap does not move the median.
  hourly.push_back(kStart - 100 * kHour);
  EXPECT_EQ(AdaptiveInterval(hourly, kStart, 0, o), kHour / 2);
}

TEST(AdaptiveIntervalTest, BoundedAndDefaulted) {
  IntervalOptions o;
  std::vector<UnixSeconds> busy;
  for (int i = 0; i < 10; ++i) busy.push_back(kStart - i * 30);
  EXPECT_EQ(AdaptiveInterval(busy, kStart, 0, o), o.min_seconds);
  std::vector<UnixSeconds> weekly;
  for (int i = 0; i < 5; ++i) weekly.push_back(kStart - i * 7 * 24 * kHour);
  EXPECT_EQ(AdaptiveInterval(weekly, kStart, 0, o), o.max_seconds);
  EXPECT_EQ(AdaptiveInterval({}, kStart, 0, o), o.default_seconds);
  // All entries stamped with one build time: no rate information.
  EXPECT_EQ(
      AdaptiveInterval({kStart - 10, kStart - 10, kStart - 10}, kStart, 0, o),
      o.default_seconds);
  // Future-dated garbage is ignored.
  EXPECT_EQ(AdaptiveInterval({kStart + 400 * kHour, kStart - 10}, kStart, 0, o),
            o.default_seconds);
}

TEST(AdaptiveIntervalTest, QuietFeedsAndTtlSlowDown) {
  IntervalOptions o;
  // Hourly gaps, but the newest entry is 20 hours old.
  std::vector<UnixSeconds> quiet;
  for (int i = 0; i < 10; ++i) quiet.push_back(kStart - (20 + i) * kHour);
  EXPECT_EQ(AdaptiveInterval(quiet, kStart, 0, o), 5 * kHour);
  std::vector<UnixSeconds> hourly;
  for (int i = 0; i < 10; ++i) hourly.push_back(kStart - i * kHour);
  EXPECT_EQ(AdaptiveInterval(hourly, kStart, 120, o), 2 * kHour);
}

TEST(ErrorBackoffTest, GrowsAndCaps) {
  std::mt19937_64 rng(3);
  ErrorBackoffOptions o{.base_seconds = 600, .max_seconds = 86400, .jitter = 0};
  EXPECT_EQ(ErrorBackoffSeconds(1, o, rng), 600);
  EXPECT_EQ(ErrorBackoffSeconds(2, o, rng), 1200);
  EXPECT_EQ(ErrorBackoffSeconds(5, o, rng), 9600);
  EXPECT_EQ(ErrorBackoffSeconds(30, o, rng), 86400);
  o.jitter = 0.2;
  for (int i = 0; i < 20; ++i) {
    std::int64_t d = ErrorBackoffSeconds(3, o, rng);
    EXPECT_GE(d, 1920);
    EXPECT_LE(d, 2400);
  }
}

TEST_F(CrawlerTest, FetchesNewArticlesWithHintsAndStoresHealth) {
  std::string body =
      Rss({{"https://news.test/a", "Tue, 14 Nov 2023 20:00:00 GMT"},
           {"https://news.test/b", "Tue, 14 Nov 2023 21:00:00 GMT"},
           {"https://news.test/c", "Tue, 14 Nov 2023 22:00:00 GMT"}});
  http_.On("https://news.test/feed.xml",
           [&](const fetch::Request&) { return Ok(body, "\"e1\""); });
  for (const char* page :
       {"https://news.test/a", "https://news.test/b", "https://news.test/c"}) {
    http_.On(page, [page](const fetch::Request&) {
      fetch::Response r = Ok("<html><title>x</title></html>");
      r.url = page;
      r.content_type = "text/html";
      return r;
    });
  }
  sink_.known.insert("https://news.test/a");
  Crawler crawler = MakeCrawler();
  auto summary = crawler.RunOnce();
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  EXPECT_EQ(summary->feeds_due, 1);
  EXPECT_EQ(summary->feeds_fetched, 1);
  EXPECT_EQ(summary->new_entries, 2);
  EXPECT_EQ(summary->articles_added, 2);
  ASSERT_EQ(sink_.pages.size(), 2u);
  // Newest first; hints from the feed's settings and entry.
  EXPECT_EQ(sink_.pages[0].url, "https://news.test/c");
  EXPECT_EQ(sink_.pages[0].country, "gb");
  EXPECT_EQ(sink_.pages[0].category, "world");
  EXPECT_EQ(sink_.pages[0].publisher_name, "News Test");
  EXPECT_EQ(sink_.pages[0].feed_id, feed_id_);
  EXPECT_EQ(sink_.pages[0].feed_title, "Title https://news.test/c");
  EXPECT_TRUE(sink_.pages[0].feed_published_at.has_value());
  for (const auto& r : http_.log) {
    EXPECT_EQ(r.check_robots, r.url != "https://news.test/feed.xml") << r.url;
  }

  model::Feed f = Feed();
  EXPECT_EQ(f.etag, "\"e1\"");
  EXPECT_EQ(f.last_status, 200);
  EXPECT_EQ(f.item_count, 3);
  EXPECT_EQ(f.error_streak, 0);
  EXPECT_EQ(f.title, "T");
  EXPECT_EQ(f.last_fetched_at, kStart);
  EXPECT_GE(f.interval_seconds, IntervalOptions().min_seconds);
  EXPECT_EQ(f.next_due_at, kStart + f.interval_seconds);
}

TEST_F(CrawlerTest, SecondPassSendsValidatorsAndCounts304) {
  http_.On("https://news.test/feed.xml", [&](const fetch::Request& r) {
    if (r.etag == "\"e1\"") {
      fetch::Response not_modified;
      not_modified.status = 304;
      return Result<fetch::Response>(not_modified);
    }
    return Result<fetch::Response>(Ok(Rss({}), "\"e1\""));
  });
  Crawler crawler = MakeCrawler();
  ASSERT_TRUE(crawler.RunOnce().ok());
  // Not due yet: nothing happens.
  auto early = crawler.RunOnce();
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(early->feeds_due, 0);
  clock_.Advance(Feed().interval_seconds);
  auto second = crawler.RunOnce();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->not_modified, 1);
  EXPECT_EQ(http_.log.back().etag, "\"e1\"");
  EXPECT_EQ(Feed().last_status, 304);
  EXPECT_EQ(Feed().etag, "\"e1\"");
}

TEST_F(CrawlerTest, ErrorsBackOffAndRecover) {
  bool down = true;
  http_.On("https://news.test/feed.xml", [&](const fetch::Request&) {
    if (down) {
      return Result<fetch::Response>(Status::Unavailable(
          "fetch: GET https://news.test/feed.xml: connection refused"));
    }
    return Result<fetch::Response>(Ok(Rss({})));
  });
  CrawlerOptions o;
  o.error_backoff.jitter = 0;
  Crawler crawler = MakeCrawler(o);
  std::int64_t previous_wait = 0;
  for (int streak = 1; streak <= 3; ++streak) {
    auto s = crawler.RunOnce();
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->errors, 1);
    model::Feed f = Feed();
    EXPECT_EQ(f.error_streak, streak);
    EXPECT_NE(f.last_error.find("connection refused"), std::string::npos);
    std::int64_t wait = *f.next_due_at - clock_.Now();
    EXPECT_GT(wait, previous_wait);
    previous_wait = wait;
    clock_.Advance(wait);
  }
  down = false;
  ASSERT_TRUE(crawler.RunOnce().ok());
  model::Feed f = Feed();
  EXPECT_EQ(f.error_streak, 0);
  EXPECT_TRUE(f.last_error.empty());
  EXPECT_EQ(*f.next_due_at - clock_.Now(), f.interval_seconds);
}

// Regression: a publisher that moved its feed with a 301 was polled at the
// old address forever, paying a redirect hop on every poll.
TEST_F(CrawlerTest, PermanentRedirectMovesTheFeedUnlessTheNewUrlIsTaken) {
  const std::string moved = "https://news.test/rss/all.xml";
  auto redirected = [&](int status, const std::string& to) {
    return [status, to](const fetch::Request& r) {
      fetch::Response res = Ok(Rss({}));
      res.url = to;
      res.redirects = {r.url};
      res.redirect_statuses = {status};
      return Result<fetch::Response>(res);
    };
  };
  // A temporary redirect keeps the address.
  http_.On("https://news.test/feed.xml",
           redirected(302, "https://news.test/tmp.xml"));
  Crawler crawler = MakeCrawler();
  ASSERT_TRUE(crawler.RunOnce().ok());
  EXPECT_EQ(Feed().url, "https://news.test/feed.xml");

  clock_.Advance(Feed().interval_seconds);
  http_.On("https://news.test/feed.xml", redirected(301, moved));
  ASSERT_TRUE(crawler.RunOnce().ok());
  EXPECT_EQ(Feed().url, moved);
  EXPECT_EQ(Feed().last_status, 200);

  // The new address belongs to another feed already: keep ours.
  model::Feed other;
  other.url = "https://news.test/taken.xml";
  ASSERT_TRUE(store_->UpsertFeed(other).ok());
  clock_.Advance(Feed().interval_seconds);
  http_.On(moved, redirected(308, other.url));
  auto pass = crawler.RunOnce();
  ASSERT_TRUE(pass.ok()) << pass.status().message();
  EXPECT_EQ(Feed().url, moved);
}

TEST_F(CrawlerTest, HttpErrorsHonourRetryAfterAndParseErrorsCount) {
  http_.On("https://news.test/feed.xml", [&](const fetch::Request&) {
    fetch::Response r;
    r.status = 429;
    r.retry_after_seconds = 5 * kHour;
    return r;
  });
  Crawler crawler = MakeCrawler();
  ASSERT_TRUE(crawler.RunOnce().ok());
  model::Feed f = Feed();
  EXPECT_EQ(f.last_status, 429);
  EXPECT_EQ(*f.next_due_at, kStart + 5 * kHour);

  clock_.Advance(5 * kHour);
  http_.On("https://news.test/feed.xml", [&](const fetch::Request&) {
    return Ok("<html><body>not a feed</body></html>");
  });
  auto s = crawler.RunOnce();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->errors, 1);
  EXPECT_EQ(Feed().error_streak, 2);
  EXPECT_FALSE(Feed().last_error.empty());
}

TEST_F(CrawlerTest, CapsArticlesPerFeedAndSkipsDuplicatesAcrossFeeds) {
  std::vector<std::pair<std::string, std::string>> items;
  for (int i = 0; i < 10; ++i) {
    items.emplace_back("https://news.test/" + std::to_string(i),
                       "Tue, 14 Nov 2023 1" + std::to_string(i) + ":00:00 GMT");
  }
  model::Feed other;
  other.url = "https://news.test/other.xml";
  ASSERT_TRUE(store_->UpsertFeed(other).ok());
  http_.On("https://news.test/feed.xml",
           [&](const fetch::Request&) { return Ok(Rss(items)); });
  http_.On("https://news.test/other.xml",
           [&](const fetch::Request&) { return Ok(Rss(items)); });
  CrawlerOptions o;
  o.max_articles_per_feed = 4;
  Crawler crawler = MakeCrawler(o);
  auto s = crawler.RunOnce();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->feeds_fetched, 2);
  // 4 newest from the first feed, the next 4 from the second.
  EXPECT_EQ(s->new_entries, 8);
}

TEST_F(CrawlerTest, WebSubSubscribesVerifiesAndAcceptsSignedPushes) {
  std::string hub_link =
      "<atom:link rel=\"hub\" href=\"https://hub.test/\"/>"
      "<atom:link rel=\"self\" href=\"https://news.test/feed.xml\"/>";
  http_.On("https://news.test/feed.xml",
           [&](const fetch::Request&) { return Ok(Rss({}, hub_link)); });
  http_.On("https://hub.test/", [](const fetch::Request&) {
    fetch::Response r;
    r.status = 202;
    return r;
  });
  http_.On("https://news.test/pushed", [](const fetch::Request&) {
    fetch::Response r = Ok("<html></html>");
    r.url = "https://news.test/pushed";
    return r;
  });
  CrawlerOptions o;
  o.websub.callback_base_url = "https://me.test/websub/";
  o.websub.secret_key = "master";
  Crawler crawler = MakeCrawler(o);
  ASSERT_TRUE(crawler.RunOnce().ok());
  EXPECT_EQ(Feed().hub_url, "https://hub.test/");
  ASSERT_EQ(http_.log.size(), 2u);
  const fetch::Request& subscribe = http_.log[1];
  EXPECT_EQ(subscribe.url, "https://hub.test/");
  EXPECT_NE(subscribe.post_body.find("hub.mode=subscribe"), std::string::npos);
  EXPECT_NE(subscribe.post_body.find(
                "hub.callback=https%3A%2F%2Fme.test%2Fwebsub%2F" +
                std::to_string(feed_id_)),
            std::string::npos);

  WebSubCallback verify;
  verify.feed_id = feed_id_;
  verify.method = "GET";
  verify.query = {{"hub.mode", "subscribe"},
                  {"hub.topic", "https://news.test/feed.xml"},
                  {"hub.challenge", "xyz"},
                  {"hub.lease_seconds", "86400"}};
  WebSubReply reply = crawler.HandleWebSubCallback(verify);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "xyz");
  verify.query["hub.topic"] = "https://elsewhere.test/";
  EXPECT_EQ(crawler.HandleWebSubCallback(verify).status, 404);

  std::string pushed =
      Rss({{"https://news.test/pushed", "Tue, 14 Nov 2023 22:00:00 GMT"}});
  WebSubCallback push;
  push.feed_id = feed_id_;
  push.method = "POST";
  push.body = pushed;
  push.signature =
      "sha256=" +
      fetch::ToHex(fetch::HmacSha256(
          fetch::DeriveWebSubSecret("master", "https://news.test/feed.xml"),
          pushed));
  EXPECT_EQ(crawler.HandleWebSubCallback(push).status, 202);
  // A forged push is acknowledged but ignored.
  WebSubCallback forged = push;
  forged.signature = "sha256=00";
  EXPECT_EQ(crawler.HandleWebSubCallback(forged).status, 202);
  WebSubCallback unknown = push;
  unknown.feed_id = feed_id_ + 100;
  EXPECT_EQ(crawler.HandleWebSubCallback(unknown).status, 410);

  auto s = crawler.RunOnce();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->pushes, 1);
  EXPECT_EQ(s->articles_added, 1);
  ASSERT_EQ(sink_.pages.size(), 1u);
  EXPECT_EQ(sink_.pages[0].url, "https://news.test/pushed");
}

}  // namespace
}  // namespace tidings::pipeline
