// The libcurl client against a loopback fixture server (real sockets, no
// internet). Options are shortened so the suite runs in seconds.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

#include "fetch/http_client.h"
#include "support/http_fixture_server.h"

namespace tidings::fetch {
namespace {

using testing::FixtureRequest;
using testing::FixtureResponse;
using testing::HttpFixtureServer;

// Maps every *.test name to 127.0.0.1, as DNS would for a real host.
Result<std::vector<std::string>> TestResolver(const std::string& host) {
  if (host.size() > 5 && host.substr(host.size() - 5) == ".test") {
    return std::vector<std::string>{"127.0.0.1"};
  }
  return Status::Unavailable("fetch: cannot resolve " + host);
}

HttpClientOptions TestOptions() {
  HttpClientOptions o;
  o.address_policy.allow_loopback = true;
  o.resolver = TestResolver;
  o.min_host_delay_seconds = 0;
  o.connect_timeout_seconds = 2;
  o.total_timeout_seconds = 2;
  o.retry_backoff = {.base_seconds = 0.05, .max_seconds = 0.2, .jitter = 0.5};
  o.seed = 42;
  return o;
}

std::unique_ptr<HttpClient> NewClient(HttpClientOptions o = TestOptions()) {
  auto client = NewCurlHttpClient(std::move(o));
  EXPECT_TRUE(client.ok());
  return std::move(client).value();
}

TEST(CurlHttpClientTest, GetsBodyHeadersAndSendsUserAgent) {
  HttpFixtureServer server([](const FixtureRequest&) {
    return FixtureResponse::Text("hello", "text/html; charset=utf-8")
        .With("ETag", "\"v1\"")
        .With("Last-Modified", "Sun, 06 Nov 1994 08:49:37 GMT");
  });
  auto client = NewClient();
  auto r = client->Fetch({.url = server.Url("/page")});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "hello");
  EXPECT_EQ(r->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r->etag, "\"v1\"");
  EXPECT_EQ(r->last_modified, "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(r->attempts, 1);
  auto requests = server.Requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_NE(requests[0].Header("user-agent").find("Tidings"),
            std::string::npos);
  EXPECT_NE(requests[0].Header("accept-encoding").find("gzip"),
            std::string::npos);
}

TEST(CurlHttpClientTest, DecodesGzip) {
  std::string text(50000, 'x');
  HttpFixtureServer server([&](const FixtureRequest&) {
    FixtureResponse r;
    r.body = testing::GzipCompress(text);
    r.headers = {{"Content-Encoding", "gzip"}, {"Content-Type", "text/xml"}};
    return r;
  });
  auto r = NewClient()->Fetch({.url = server.Url("/feed")});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->body, text);
}

TEST(CurlHttpClientTest, ConditionalGetGets304) {
  HttpFixtureServer server([](const FixtureRequest& req) {
    if (req.Header("if-none-match") == "\"v1\"" &&
        req.Header("if-modified-since") == "Sun, 06 Nov 1994 08:49:37 GMT") {
      return FixtureResponse::Status(304);
    }
    return FixtureResponse::Text("<rss/>").With("ETag", "\"v1\"");
  });
  auto client = NewClient();
  auto first = client->Fetch({.url = server.Url("/feed")});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->status, 200);
  auto second =
      client->Fetch({.url = server.Url("/feed"),
                     .etag = first->etag,
                     .last_modified = "Sun, 06 Nov 1994 08:49:37 GMT"});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->status, 304);
  EXPECT_TRUE(second->body.empty());
}

TEST(CurlHttpClientTest, FollowsRedirects) {
  HttpFixtureServer server([&](const FixtureRequest& req) {
    if (req.path == "/old") return FixtureResponse::Redirect(301, "/middle");
    if (req.path == "/middle") return FixtureResponse::Redirect(302, "new?x=1");
    return FixtureResponse::Text("final " + req.target);
  });
  auto r = NewClient()->Fetch({.url = server.Url("/old")});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->body, "final /new?x=1");
  EXPECT_EQ(r->url, server.Url("/new?x=1"));
  EXPECT_EQ(r->redirects.size(), 2u);
  EXPECT_EQ(r->redirect_statuses, (std::vector<int>{301, 302}));
  EXPECT_FALSE(r->MovedPermanently());
  EXPECT_EQ(r->attempts, 3);
}

TEST(CurlHttpClientTest, ReportsAChainOfPermanentRedirectsAsMoved) {
  HttpFixtureServer server([&](const FixtureRequest& req) {
    if (req.path == "/old") return FixtureResponse::Redirect(301, "/older");
    if (req.path == "/older") return FixtureResponse::Redirect(308, "/new");
    return FixtureResponse::Text("moved here");
  });
  auto r = NewClient()->Fetch({.url = server.Url("/old")});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->MovedPermanently());
  EXPECT_EQ(r->url, server.Url("/new"));
}

TEST(CurlHttpClientTest, DetectsRedirectLoopsAndLimitsHops) {
  HttpFixtureServer server([&](const FixtureRequest& req) {
    if (req.path == "/a") return FixtureResponse::Redirect(302, "/b");
    if (req.path == "/b") return FixtureResponse::Redirect(302, "/a");
    // /chain/N → /chain/N+1 forever.
    int n = std::atoi(req.path.substr(7).c_str());
    return FixtureResponse::Redirect(302, "/chain/" + std::to_string(n + 1));
  });
  auto client = NewClient();
  auto loop = client->Fetch({.url = server.Url("/a")});
  ASSERT_FALSE(loop.ok());
  EXPECT_NE(loop.status().message().find("redirect loop"), std::string::npos)
      << loop.status().message();
  auto chain = client->Fetch({.url = server.Url("/chain/0")});
  ASSERT_FALSE(chain.ok());
  EXPECT_NE(chain.status().message().find("too many redirects"),
            std::string::npos);
  EXPECT_EQ(server.RequestCount(), 2u + 6u);
}

TEST(CurlHttpClientTest, SlowHostTimesOut) {
  HttpFixtureServer server([](const FixtureRequest&) {
    FixtureResponse r = FixtureResponse::Text("late");
    r.delay_seconds = 5;
    return r;
  });
  HttpClientOptions o = TestOptions();
  o.total_timeout_seconds = 0.3;
  auto start = std::chrono::steady_clock::now();
  auto r = NewClient(o)->Fetch({.url = server.Url("/slow")});
  double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kTimeout);
  EXPECT_EQ(r.status().message(),
            "fetch: GET " + server.Url("/slow") + ": timeout after 0.3s");
  EXPECT_LT(took, 2.0);
}

TEST(CurlHttpClientTest, RetriesServerErrorsThenSucceeds) {
  std::atomic<int> calls{0};
  HttpFixtureServer server([&](const FixtureRequest&) {
    if (calls++ < 2) return FixtureResponse::Status(503);
    return FixtureResponse::Text("ok");
  });
  auto r = NewClient()->Fetch({.url = server.Url("/flaky")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->attempts, 3);
}

TEST(CurlHttpClientTest, GivesUpAfterRetriesWithTheLastStatus) {
  HttpFixtureServer server(
      [](const FixtureRequest&) { return FixtureResponse::Status(500); });
  auto r = NewClient()->Fetch({.url = server.Url("/down")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->attempts, 3);
}

TEST(CurlHttpClientTest, HonoursRetryAfter) {
  std::atomic<int> calls{0};
  HttpFixtureServer server([&](const FixtureRequest& req) {
    if (req.path == "/long") {
      return FixtureResponse::Status(429).With("Retry-After", "3600");
    }
    if (calls++ == 0) {
      return FixtureResponse::Status(429).With("Retry-After", "1");
    }
    return FixtureResponse::Text("ok");
  });
  auto client = NewClient();
  auto r = client->Fetch({.url = server.Url("/limited")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
  auto requests = server.Requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_GE(requests[1].received_at - requests[0].received_at, 0.9);

  // Too long to wait: handed back for the caller to reschedule.
  auto long_wait = client->Fetch({.url = server.Url("/long")});
  ASSERT_TRUE(long_wait.ok());
  EXPECT_EQ(long_wait->status, 429);
  EXPECT_EQ(long_wait->retry_after_seconds, 3600.0);
  EXPECT_EQ(long_wait->attempts, 1);
}

TEST(CurlHttpClientTest, RobotsTxtAppliesToArticlesOnlyAndIsCached) {
  HttpFixtureServer server([](const FixtureRequest& req) {
    if (req.path == "/robots.txt") {
      return FixtureResponse::Text(
          "User-agent: *\nDisallow: /private/\nDisallow: /feed.xml\n");
    }
    return FixtureResponse::Text("page");
  });
  auto client = NewClient();
  std::vector<Request> batch = {
      {.url = server.Url("/news/1"), .check_robots = true},
      {.url = server.Url("/private/2"), .check_robots = true},
      {.url = server.Url("/news/3"), .check_robots = true},
      // A feed: robots.txt is not applied.
      {.url = server.Url("/feed.xml")},
  };
  std::vector<Status> statuses(batch.size());
  client->FetchAll(batch, [&](std::size_t i, Result<Response> r) {
    statuses[i] = r.status();
  });
  EXPECT_TRUE(statuses[0].ok());
  EXPECT_EQ(statuses[1].code(), StatusCode::kPermissionDenied);
  EXPECT_NE(statuses[1].message().find("disallowed by robots.txt"),
            std::string::npos);
  EXPECT_TRUE(statuses[2].ok());
  EXPECT_TRUE(statuses[3].ok());
  auto again =
      client->Fetch({.url = server.Url("/news/4"), .check_robots = true});
  EXPECT_TRUE(again.ok());
  EXPECT_EQ(server.CountPath("/robots.txt"), 1u);
  EXPECT_EQ(server.CountPath("/private/2"), 0u);
}

TEST(CurlHttpClientTest, MissingRobotsTxtAllowsAndBrokenOneBlocks) {
  HttpFixtureServer server([](const FixtureRequest& req) {
    if (req.path == "/robots.txt") {
      return FixtureResponse::Status(req.host == "down.test" ? 500 : 404);
    }
    return FixtureResponse::Text("page");
  });
  HttpClientOptions o = TestOptions();
  o.max_retries = 0;
  auto client = NewClient(o);
  auto ok = client->Fetch(
      {.url = server.UrlFor("up.test", "/a"), .check_robots = true});
  EXPECT_TRUE(ok.ok());
  auto blocked = client->Fetch(
      {.url = server.UrlFor("down.test", "/a"), .check_robots = true});
  ASSERT_FALSE(blocked.ok());
  EXPECT_NE(blocked.status().message().find("robots.txt unreachable"),
            std::string::npos);
}

TEST(CurlHttpClientTest, SsrfGuardRefusesLoopbackUnlessAllowed) {
  HttpFixtureServer server(
      [](const FixtureRequest&) { return FixtureResponse::Text("secret"); });
  HttpClientOptions o = TestOptions();
  o.address_policy.allow_loopback = false;
  auto client = NewClient(o);
  auto literal = client->Fetch({.url = server.Url("/")});
  ASSERT_FALSE(literal.ok());
  EXPECT_EQ(literal.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(literal.status().message().find("loopback"), std::string::npos);
  // A public-looking name that resolves to loopback is refused too.
  auto named = client->Fetch({.url = server.UrlFor("evil.test", "/")});
  ASSERT_FALSE(named.ok());
  EXPECT_EQ(named.status().code(), StatusCode::kPermissionDenied);
  auto mapped = client->Fetch(
      {.url = "http://[::ffff:127.0.0.1]:" + std::to_string(server.port())});
  EXPECT_EQ(mapped.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(server.RequestCount(), 0u);
}

TEST(CurlHttpClientTest, SsrfGuardChecksEveryRedirectHop) {
  HttpFixtureServer server([](const FixtureRequest& req) {
    if (req.path == "/to-private") {
      return FixtureResponse::Redirect(302, "http://10.0.0.1/admin");
    }
    return FixtureResponse::Redirect(302, "http://169.254.169.254/latest/");
  });
  auto client = NewClient();
  auto a = client->Fetch({.url = server.Url("/to-private")});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(a.status().message().find("private"), std::string::npos);
  auto b = client->Fetch({.url = server.Url("/to-metadata")});
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("link-local"), std::string::npos);
}

TEST(CurlHttpClientTest, ConnectsToThePinnedAddress) {
  HttpFixtureServer server([](const FixtureRequest& req) {
    return FixtureResponse::Text(req.host);
  });
  // "pinned.test" is unknown to the system resolver: only the address the
  // guard checked can have been used.
  auto r = NewClient()->Fetch({.url = server.UrlFor("pinned.test", "/")});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->body, "pinned.test");
}

TEST(CurlHttpClientTest, CapsResponseSize) {
  HttpFixtureServer server([](const FixtureRequest& req) {
    std::string big(100000, 'a');
    if (req.path == "/gz") {
      FixtureResponse r;
      r.body = testing::GzipCompress(big);
      r.headers = {{"Content-Encoding", "gzip"}};
      return r;
    }
    return FixtureResponse::Text(big);
  });
  HttpClientOptions o = TestOptions();
  o.max_response_bytes = 10000;
  auto client = NewClient(o);
  auto plain = client->Fetch({.url = server.Url("/big")});
  ASSERT_FALSE(plain.ok());
  EXPECT_NE(plain.status().message().find("larger than 10000 bytes"),
            std::string::npos);
  // A small compressed body that expands past the cap (a zip bomb).
  auto bomb = client->Fetch({.url = server.Url("/gz")});
  ASSERT_FALSE(bomb.ok());
  EXPECT_EQ(bomb.status().code(), StatusCode::kCorruption);
}

TEST(CurlHttpClientTest, KeepsPerHostConcurrencyAndDelay) {
  HttpFixtureServer server([](const FixtureRequest&) {
    FixtureResponse r = FixtureResponse::Text("x");
    r.delay_seconds = 0.1;
    return r;
  });
  HttpClientOptions o = TestOptions();
  o.max_per_host = 2;
  auto client = NewClient(o);
  std::vector<Request> batch;
  for (int i = 0; i < 8; ++i) {
    for (const char* host : {"a.test", "b.test", "c.test"}) {
      batch.push_back({.url = server.UrlFor(host, std::string(1, '/').append(
                                                      std::to_string(i)))});
    }
  }
  int ok = 0;
  client->FetchAll(batch, [&](std::size_t, Result<Response> r) {
    ok += r.ok() && r->status == 200;
  });
  EXPECT_EQ(ok, 24);
  for (const auto& [host, peak] : server.MaxInFlightByHost()) {
    EXPECT_LE(peak, 2) << host;
  }
  EXPECT_GE(server.MaxInFlight(), 4);  // Hosts proceed in parallel.

  HttpFixtureServer polite(
      [](const FixtureRequest&) { return FixtureResponse::Text("x"); });
  o.min_host_delay_seconds = 0.2;
  auto slow_client = NewClient(o);
  std::vector<Request> three(3, Request{.url = polite.Url("/")});
  slow_client->FetchAll(three, [](std::size_t, Result<Response>) {});
  auto requests = polite.Requests();
  ASSERT_EQ(requests.size(), 3u);
  for (int i = 1; i < 3; ++i) {
    EXPECT_GE(requests[i].received_at - requests[i - 1].received_at, 0.18);
  }
}

TEST(CurlHttpClientTest, PostsForms) {
  HttpFixtureServer server([](const FixtureRequest& req) {
    return FixtureResponse::Text(req.method + " " + req.Header("content-type") +
                                 " " + req.body);
  });
  auto r = NewClient()->Fetch(
      {.url = server.Url("/hub"), .post_body = "hub.mode=subscribe"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body,
            "POST application/x-www-form-urlencoded hub.mode=subscribe");
}

TEST(CurlHttpClientTest, BadUrlsAndUnresolvableHostsAreErrors) {
  auto client = NewClient();
  auto bad = client->Fetch({.url = "not a url"});
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  auto unknown = client->Fetch({.url = "http://nowhere.invalid/"});
  EXPECT_EQ(unknown.status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace tidings::fetch
