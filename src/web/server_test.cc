#include "web/server.h"

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "web/fake_store_test_util.h"

namespace tidings::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using json = nlohmann::json;

constexpr UnixSeconds kNow = 1'790'000'000;  // 2026-09-21

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;
  std::string body;
  bool ok = false;  // False when the exchange itself failed.
  std::string error;
};

// A minimal HTTP/1.1 client for the tests: one request per call on
// `stream`, or on a fresh connection.
class Client {
 public:
  explicit Client(std::uint16_t port) : port_(port) {}

  bool Connect() {
    beast::error_code ec;
    stream_ = std::make_unique<beast::tcp_stream>(ioc_);
    stream_->expires_after(std::chrono::seconds(10));
    stream_->connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_),
                     ec);
    return !ec;
  }

  HttpResult Request(const std::string& target,
                     const std::map<std::string, std::string>& headers = {},
                     http::verb method = http::verb::get,
                     const std::string& body = "") {
    HttpResult result;
    if (!stream_ && !Connect()) {
      result.error = "connect failed";
      return result;
    }
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
    for (const auto& [name, value] : headers) req.set(name, value);
    if (method == http::verb::post) {
      req.body() = body;
      req.prepare_payload();
    }
    beast::error_code ec;
    stream_->expires_after(std::chrono::seconds(10));
    http::write(*stream_, req, ec);
    if (ec) {
      result.error = "write: " + ec.message();
      return result;
    }
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    if (method == http::verb::head) parser.skip(true);
    http::read(*stream_, buffer_, parser, ec);
    if (ec) {
      result.error = "read: " + ec.message();
      return result;
    }
    const auto& res = parser.get();
    result.status = res.result_int();
    for (const auto& field : res) {
      result.headers[std::string(field.name_string())] =
          std::string(field.value());
    }
    result.body = res.body();
    result.ok = true;
    return result;
  }

 private:
  std::uint16_t port_;
  asio::io_context ioc_;
  std::unique_ptr<beast::tcp_stream> stream_;
  beast::flat_buffer buffer_;
};

HttpResult Get(std::uint16_t port, const std::string& target,
               const std::map<std::string, std::string>& headers = {}) {
  Client client(port);
  return client.Request(target, headers);
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    state_ = std::make_shared<testing::FakeStoreState>();
    store_ = std::make_unique<testing::FakeStore>(state_);
  }
  void TearDown() override {
    if (server_) {
      server_->Stop();
      server_->Wait();
    }
  }

  void StartServer(ServerOptions options = {}) {
    options.listen = "127.0.0.1:0";
    if (options.threads == 0) options.threads = 2;
    options.clock = &clock_;
    options.site_name = "Tidings Test";
    auto state = state_;
    server_ = std::make_unique<Server>(
        options, [state]() -> Result<std::unique_ptr<store::Store>> {
          return std::unique_ptr<store::Store>(
              std::make_unique<testing::FakeStore>(state));
        });
    ASSERT_TRUE(server_->Start().ok());
    ASSERT_NE(server_->port(), 0);
  }

  model::Article MakeArticle(const std::string& host, const std::string& slug,
                             const std::string& title, UnixSeconds published) {
    model::Article a;
    a.url = "https://" + host + "/news/" + slug;
    a.canonical_url = a.url;
    a.title = title;
    a.published_at = published;
    a.fetched_at = published + 60;
    a.publisher_host = host;
    a.site_name = host == "www.example.co.uk" ? "Example News" : "Daily Other";
    a.country = "gb";
    a.category = "World";
    a.paragraphs = {"First paragraph of " + slug + ".",
                    "Second paragraph with more detail about " + slug + ".",
                    "Third paragraph closing the report on " + slug + "."};
    a.word_count = 30;
    return a;
  }

  model::Id Store(model::Article a) {
    auto outcome = store_->UpsertArticle(&a);
    EXPECT_TRUE(outcome.ok());
    return outcome->id;
  }

  std::uint16_t port() const { return server_->port(); }

  FakeClock clock_{kNow};
  std::shared_ptr<testing::FakeStoreState> state_;
  std::unique_ptr<testing::FakeStore> store_;
  std::unique_ptr<Server> server_;
};

TEST_F(ServerTest, HomeListsStoredArticlesNewestFirst) {
  Store(
      MakeArticle("www.example.co.uk", "older", "Older headline", kNow - 7200));
  Store(MakeArticle("www.other.com", "newer", "Newer headline", kNow - 600));
  StartServer();
  HttpResult r = Get(port(), "/");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["Content-Type"], "text/html; charset=utf-8");
  EXPECT_TRUE(Contains(r.body, "<!DOCTYPE html>"));
  EXPECT_TRUE(Contains(r.body, "Older headline"));
  EXPECT_TRUE(Contains(r.body, "Newer headline"));
  EXPECT_TRUE(Contains(r.body, "Example News"));
  EXPECT_TRUE(Contains(r.body, "10 min ago"));
  EXPECT_TRUE(Contains(r.body, "First paragraph of older."));
  EXPECT_LT(r.body.find("Newer headline"), r.body.find("Older headline"));
}

TEST_F(ServerTest, HomePaginates) {
  for (int i = 0; i < 35; ++i) {
    const std::string n = std::to_string(i);
    std::string title = "Headline number ";
    title.append(n).append(" end");
    Store(MakeArticle("www.example.co.uk", n, title, kNow - 60 * (i + 1)));
  }
  StartServer();
  HttpResult first = Get(port(), "/");
  EXPECT_TRUE(Contains(first.body, "Headline number 0 end"));
  EXPECT_FALSE(Contains(first.body, "Headline number 34 end"));
  EXPECT_TRUE(Contains(first.body, "href=\"/?page=2\""));
  HttpResult second = Get(port(), "/?page=2");
  EXPECT_EQ(second.status, 200);
  EXPECT_TRUE(Contains(second.body, "Headline number 34 end"));
  EXPECT_FALSE(Contains(second.body, "Headline number 0 end"));
  EXPECT_EQ(Get(port(), "/?page=abc").status, 404);
}

TEST_F(ServerTest, ArticlePageShowsTitleTextAndOriginalLink) {
  model::Article a = MakeArticle("www.example.co.uk", "flood",
                                 "Floods close the valley road", kNow - 3600);
  a.byline = "Jane Reporter";
  a.summary = {{"Floods closed the road.", 0, 0},
               {"Repairs take a week.", 2, 0}};
  a.summary_reading_seconds = 81;
  a.original_reading_seconds = 190;
  a.score = 72;
  a.score_breakdown_json = R"({"length": 0.8, "has_byline": true})";
  const model::Id id = Store(a);
  StartServer();
  HttpResult r = Get(port(), "/article/" + std::to_string(id));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(Contains(r.body, "<h1>Floods close the valley road</h1>"));
  EXPECT_TRUE(Contains(r.body, "Jane Reporter"));
  EXPECT_TRUE(Contains(r.body, "Second paragraph with more detail"));
  EXPECT_TRUE(
      Contains(r.body, "href=\"https://www.example.co.uk/news/flood\""));
  EXPECT_TRUE(Contains(r.body, "Repairs take a week."));
  EXPECT_TRUE(Contains(r.body, "81 sec here"));
  EXPECT_TRUE(Contains(r.body, "3 min at Example News"));
  EXPECT_TRUE(Contains(r.body, "Article quality"));
  EXPECT_TRUE(Contains(r.body, "Has byline"));
  EXPECT_TRUE(Contains(r.body, "UK edition"));
  EXPECT_TRUE(Contains(r.body, "Page rendered"));
}

TEST_F(ServerTest, ArticlePageShowsSimilarCoverageFromOtherPublishers) {
  const model::Id a = Store(MakeArticle("www.example.co.uk", "s1",
                                        "Summit ends in deal", kNow - 500));
  const model::Id same_pub = Store(MakeArticle(
      "www.example.co.uk", "s2", "Summit deal: what it means", kNow - 400));
  const model::Id b = Store(MakeArticle("www.other.com", "s3",
                                        "Leaders agree at summit", kNow - 300));
  const model::Id b2 = Store(MakeArticle(
      "www.other.com", "s4", "Summit agreement reaction", kNow - 200));
  model::Story story;
  story.headline = "Summit ends in deal";
  story.article_ids = {a, same_pub, b, b2};
  story.first_article_id = a;
  story.representative_article_id = a;
  story.article_count = 4;
  story.publisher_count = 2;
  story.first_seen_at = kNow - 500;
  story.last_updated_at = kNow - 200;
  story.summary = {{"Leaders agreed a deal.", 0, b},
                   {"It takes effect next year.", 1, a}};
  ASSERT_TRUE(store_->SaveStory(&story).ok());
  StartServer();

  HttpResult r = Get(port(), "/article/" + std::to_string(a));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Contains(r.body, "Similar coverage"));
  // One article per other publisher, none from the same publisher.
  EXPECT_TRUE(Contains(r.body, "Summit agreement reaction"));
  EXPECT_FALSE(Contains(r.body, "Leaders agree at summit"));
  EXPECT_FALSE(Contains(r.body, "Summit deal: what it means"));
  EXPECT_TRUE(Contains(r.body, "/story/" + std::to_string(story.id)));

  HttpResult s = Get(port(), "/story/" + std::to_string(story.id));
  ASSERT_EQ(s.status, 200);
  EXPECT_TRUE(Contains(s.body, "Timeline of coverage"));
  EXPECT_TRUE(Contains(s.body, "First report"));
  EXPECT_TRUE(Contains(s.body, "<a href=\"/article/" + std::to_string(b) +
                                   "\">Leaders agreed a deal.</a>"));
  EXPECT_TRUE(Contains(s.body, "Daily Other"));
  EXPECT_LT(s.body.find("Summit ends in deal</a>"),
            s.body.find("Summit agreement reaction</a>"));

  HttpResult list = Get(port(), "/stories");
  EXPECT_EQ(list.status, 200);
  EXPECT_TRUE(Contains(list.body, "4 articles · 2 publishers"));
}

// Regression (replay corpus): one page stored under two URLs, and a wire
// story run by two sites, each showed up twice in a story's timeline.
TEST_F(ServerTest, StoryTimelineListsCopiesOfOneTextOnce) {
  model::Article wire = MakeArticle("www.example.co.uk", "wire",
                                    "Storm closes ports", kNow - 900);
  wire.content_hash = 0x5eed;
  model::Article syndicated = MakeArticle("www.other.com", "wire-copy",
                                          "Storm  closes PORTS", kNow - 800);
  syndicated.content_hash = 0x5eed;
  model::Article own = MakeArticle(
      "www.third.org", "own", "Ferries cancelled as storm hits", kNow - 700);
  own.content_hash = 0xbeef;
  const model::Id w = Store(wire);
  const model::Id c = Store(syndicated);
  const model::Id o = Store(own);
  model::Story story;
  story.headline = "Storm closes ports";
  story.article_ids = {w, c, o};
  story.first_article_id = w;
  story.representative_article_id = w;
  story.article_count = 3;
  story.first_seen_at = kNow - 900;
  story.last_updated_at = kNow - 700;
  ASSERT_TRUE(store_->SaveStory(&story).ok());
  StartServer();

  HttpResult s = Get(port(), "/story/" + std::to_string(story.id));
  ASSERT_EQ(s.status, 200);
  auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = s.body.find(needle); at != std::string::npos;
         at = s.body.find(needle, at + 1)) {
      ++n;
    }
    return n;
  };
  EXPECT_EQ(count("class=\"tl-title\""), 2u);
  EXPECT_TRUE(Contains(s.body, "Also at <a href=\"/article/" +
                                   std::to_string(c) + "\">Daily Other</a>"));
  // The copy is not "similar coverage" of the original either.
  HttpResult a = Get(port(), "/article/" + std::to_string(w));
  ASSERT_EQ(a.status, 200);
  EXPECT_FALSE(Contains(a.body, "/article/" + std::to_string(c) + "\""));
  EXPECT_TRUE(Contains(a.body, "Ferries cancelled as storm hits"));
}

TEST_F(ServerTest, HostileValuesAreEscaped) {
  model::Article a =
      MakeArticle("www.example.co.uk", "x",
                  "<script>alert(1)</script> & \"co\"", kNow - 60);
  a.html =
      "<p onclick=\"steal()\">Safe <b>text</b></p><script>evil()</script>"
      "<img src=x onerror=alert(2)><a href=\"javascript:alert(3)\">js</a>"
      "<iframe src=\"https://evil.example\"></iframe>";
  a.byline = "<img src=x onerror=alert(4)>";
  a.url = "javascript:alert(5)";
  const model::Id id = Store(a);
  StartServer();
  for (const std::string& target :
       {std::string("/"), "/article/" + std::to_string(id),
        std::string("/search?q=%3Cscript%3E")}) {
    HttpResult r = Get(port(), target);
    ASSERT_EQ(r.status, 200) << target;
    EXPECT_FALSE(Contains(r.body, "<script")) << target;
    EXPECT_FALSE(Contains(r.body, "<img")) << target;
    EXPECT_FALSE(Contains(r.body, "javascript:")) << target;
    EXPECT_FALSE(Contains(r.body, "<iframe")) << target;
  }
  HttpResult r = Get(port(), "/article/" + std::to_string(id));
  EXPECT_TRUE(Contains(r.body, "&lt;script&gt;alert(1)&lt;/script&gt; &amp;"));
  EXPECT_TRUE(Contains(r.body, "<p>Safe <b>text</b></p>"));
  EXPECT_FALSE(Contains(r.body, "steal()"));
}

TEST_F(ServerTest, UnknownPathsGiveA404Page) {
  StartServer();
  for (const char* target :
       {"/nope", "/article/999", "/article/abc", "/article/-1", "/story/5",
        "/publisher/77", "/static/other.css", "/article/1/extra"}) {
    HttpResult r = Get(port(), target);
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.headers["Content-Type"], "text/html; charset=utf-8") << target;
    EXPECT_TRUE(Contains(r.body, "Page not found")) << target;
  }
  HttpResult api = Get(port(), "/api/nothing");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.headers["Content-Type"], "application/json");
}

TEST_F(ServerTest, HealthzAnswersOk) {
  StartServer();
  HttpResult r = Get(port(), "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok\n");
}

TEST_F(ServerTest, StoreFailureGivesA500Page) {
  StartServer();
  state_->fail = true;
  HttpResult r = Get(port(), "/");
  EXPECT_EQ(r.status, 500);
  EXPECT_TRUE(Contains(r.body, "Something went wrong"));
  EXPECT_FALSE(Contains(r.body, "fake failure"));
  EXPECT_EQ(Get(port(), "/api/stats").status, 500);
}

TEST_F(ServerTest, JsonApiShapes) {
  const model::Id a =
      Store(MakeArticle("www.example.co.uk", "j1", "Json one", kNow - 100));
  Store(MakeArticle("www.other.com", "j2", "Json two", kNow - 50));
  model::Story story;
  story.headline = "Json story";
  story.article_ids = {a};
  story.article_count = 1;
  story.publisher_count = 1;
  ASSERT_TRUE(store_->SaveStory(&story).ok());
  StartServer();

  HttpResult list = Get(port(), "/api/articles?limit=1");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.headers["Content-Type"], "application/json");
  json j = json::parse(list.body);
  ASSERT_EQ(j["articles"].size(), 1u);
  EXPECT_EQ(j["articles"][0]["title"], "Json two");
  EXPECT_EQ(j["limit"], 1);
  EXPECT_EQ(j["next_offset"], 1);
  EXPECT_TRUE(j["articles"][0]["published"].is_string());
  EXPECT_EQ(j["articles"][0]["country"], "gb");

  j = json::parse(Get(port(), "/api/articles?country=gb&category=World").body);
  EXPECT_EQ(j["articles"].size(), 2u);
  EXPECT_TRUE(j["next_offset"].is_null());
  j = json::parse(Get(port(), "/api/articles?country=us").body);
  EXPECT_EQ(j["articles"].size(), 0u);

  HttpResult one = Get(port(), "/api/articles/" + std::to_string(a));
  ASSERT_EQ(one.status, 200);
  j = json::parse(one.body);
  EXPECT_EQ(j["id"], a);
  EXPECT_EQ(j["paragraphs"].size(), 3u);
  EXPECT_EQ(j["story_id"], story.id);
  EXPECT_EQ(j["publisher"]["name"], "Example News");
  EXPECT_EQ(Get(port(), "/api/articles/12345").status, 404);
  EXPECT_EQ(Get(port(), "/api/articles?limit=0").status, 400);
  EXPECT_EQ(Get(port(), "/api/articles?limit=abc").status, 400);
  EXPECT_EQ(Get(port(), "/api/articles?offset=-4").status, 400);

  j = json::parse(Get(port(), "/api/stories").body);
  ASSERT_EQ(j["stories"].size(), 1u);
  EXPECT_EQ(j["stories"][0]["headline"], "Json story");
  j = json::parse(Get(port(), "/api/stories/" + std::to_string(story.id)).body);
  EXPECT_EQ(j["articles"].size(), 1u);
  EXPECT_EQ(Get(port(), "/api/stories/999").status, 404);

  j = json::parse(Get(port(), "/api/stats").body);
  EXPECT_EQ(j, json::parse(R"({"articles":2,"publishers":2,"feeds":0,
                               "stories":1})"));
}

// Parses XML with libxml2; returns the root element name and the number of
// elements named `item` below it, or "" when it is not well-formed.
std::pair<std::string, int> ParseXml(const std::string& text,
                                     const char* item) {
  xmlDocPtr doc = xmlReadMemory(
      text.data(), static_cast<int>(text.size()), "feed.xml", nullptr,
      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == nullptr) return {"", 0};
  xmlNodePtr root = xmlDocGetRootElement(doc);
  std::string name = reinterpret_cast<const char*>(root->name);
  int count = 0;
  std::vector<xmlNodePtr> todo = {root};
  while (!todo.empty()) {
    xmlNodePtr node = todo.back();
    todo.pop_back();
    for (xmlNodePtr c = node->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (std::string(reinterpret_cast<const char*>(c->name)) == item) ++count;
      todo.push_back(c);
    }
  }
  xmlFreeDoc(doc);
  return {name, count};
}

TEST_F(ServerTest, FeedsAreWellFormedXml) {
  Store(
      MakeArticle("www.example.co.uk", "f1", "Tom & Jerry <live>", kNow - 100));
  model::Article bad =
      MakeArticle("www.other.com", "f2",
                  std::string("Control\x01 char \xff bad"), kNow - 50);
  Store(bad);
  StartServer();
  HttpResult rss = Get(port(), "/feed.xml");
  ASSERT_EQ(rss.status, 200);
  EXPECT_EQ(rss.headers["Content-Type"], "application/rss+xml; charset=utf-8");
  auto [rss_root, items] = ParseXml(rss.body, "item");
  EXPECT_EQ(rss_root, "rss");
  EXPECT_EQ(items, 2);
  EXPECT_TRUE(Contains(rss.body, "Tom &amp; Jerry &lt;live&gt;"));
  EXPECT_TRUE(Contains(rss.body, "<link>http://127.0.0.1:" +
                                     std::to_string(port()) + "/article/"));

  HttpResult atom = Get(port(), "/atom.xml");
  ASSERT_EQ(atom.status, 200);
  auto [atom_root, entries] = ParseXml(atom.body, "entry");
  EXPECT_EQ(atom_root, "feed");
  EXPECT_EQ(entries, 2);
}

TEST_F(ServerTest, HeadHasGetHeadersWithoutBody) {
  Store(MakeArticle("www.example.co.uk", "h", "Head test", kNow - 10));
  StartServer();
  Client client(port());
  HttpResult get = client.Request("/");
  HttpResult head = client.Request("/", {}, http::verb::head);
  ASSERT_TRUE(head.ok) << head.error;
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.headers["Content-Length"], std::to_string(get.body.size()));
  // The connection is still usable after HEAD.
  HttpResult again = client.Request("/healthz");
  ASSERT_TRUE(again.ok) << again.error;
  EXPECT_EQ(again.body, "ok\n");
}

TEST_F(ServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  StartServer();
  Client client(port());
  for (int i = 0; i < 5; ++i) {
    HttpResult r = client.Request("/healthz");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.status, 200);
  }
}

TEST_F(ServerTest, ConditionalGetAndGzip) {
  Store(MakeArticle("www.example.co.uk", "c", "Cache test", kNow - 10));
  StartServer();
  HttpResult first = Get(port(), "/");
  const std::string etag = first.headers["ETag"];
  ASSERT_FALSE(etag.empty());
  HttpResult second = Get(port(), "/", {{"If-None-Match", etag}});
  EXPECT_EQ(second.status, 304);
  EXPECT_TRUE(second.body.empty());

  HttpResult gz = Get(port(), "/", {{"Accept-Encoding", "gzip, deflate"}});
  EXPECT_EQ(gz.status, 200);
  EXPECT_EQ(gz.headers["Content-Encoding"], "gzip");
  ASSERT_GE(gz.body.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(gz.body[0]), 0x1f);
  EXPECT_LT(gz.body.size(), first.body.size());

  HttpResult css = Get(port(), "/static/style.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.headers["Content-Type"], "text/css; charset=utf-8");
  EXPECT_TRUE(Contains(css.headers["Cache-Control"], "max-age"));
}

TEST_F(ServerTest, RejectsOtherMethodsAndHugeHeaders) {
  StartServer();
  Client client(port());
  HttpResult post = client.Request("/", {}, http::verb::post);
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.headers["Allow"], "GET, HEAD");
  HttpResult huge =
      Get(port(), "/", {{"X-Padding", std::string(20 * 1024, 'a')}});
  // The server answers 431 and closes; depending on timing the client may
  // see the reset first.
  if (huge.ok) {
    EXPECT_EQ(huge.status, 431);
  }
}

TEST_F(ServerTest, CallbackRouteHandsGetAndPostToTheHandler) {
  ServerOptions options;
  std::mutex mu;
  std::vector<CallbackRequest> seen;
  options.callback_handler = [&](const CallbackRequest& r) {
    std::lock_guard lock(mu);
    seen.push_back(r);
    CallbackResponse res;
    res.status = r.method == "GET" ? 200 : 202;
    res.body =
        r.query.count("hub.challenge") ? r.query.at("hub.challenge") : "";
    return res;
  };
  options.max_body_bytes = 1024;
  StartServer(options);
  Client client(port());
  HttpResult verify = client.Request(
      "/websub/42?hub.mode=subscribe&hub.challenge=abc%20d&hub.topic=x");
  EXPECT_EQ(verify.status, 200);
  EXPECT_EQ(verify.body, "abc d");
  // A pushed feed may exceed the site's body limit.
  const std::string feed(4096, 'x');
  HttpResult push = client.Request(
      "/websub/42", {{"X-Hub-Signature", "sha256=00"}}, http::verb::post, feed);
  EXPECT_EQ(push.status, 202);
  std::lock_guard lock(mu);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].method, "GET");
  EXPECT_EQ(seen[0].path, "42");
  EXPECT_EQ(seen[0].query.at("hub.mode"), "subscribe");
  EXPECT_EQ(seen[1].method, "POST");
  EXPECT_EQ(seen[1].body, feed);
  EXPECT_EQ(seen[1].Header("x-hub-signature"), "sha256=00");
  // Other paths keep the site's limits and methods.
  HttpResult other = Client(port()).Request("/", {}, http::verb::post, feed);
  if (other.ok) {
    EXPECT_EQ(other.status, 413);
  }
}

TEST_F(ServerTest, CallbackPathsAreUnknownWithoutAHandler) {
  StartServer();
  EXPECT_EQ(Get(port(), "/websub/1?hub.challenge=x").status, 404);
}

TEST_F(ServerTest, SearchFindsArticlesByText) {
  Store(MakeArticle("www.example.co.uk", "volcano", "Volcano erupts",
                    kNow - 100));
  Store(MakeArticle("www.other.com", "budget", "Budget passes", kNow - 50));
  StartServer();
  HttpResult r = Get(port(), "/search?q=Volcano");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Contains(r.body, "Volcano erupts"));
  EXPECT_FALSE(Contains(r.body, "Budget passes"));
  EXPECT_TRUE(Contains(r.body, "value=\"Volcano\""));
  HttpResult none = Get(port(), "/search?q=%22unclosed+AND+(");
  EXPECT_EQ(none.status, 200);
  EXPECT_TRUE(Contains(none.body, "No articles match"));
}

TEST_F(ServerTest, PublisherPagesShowRankAndArticles) {
  const model::Id a = Store(
      MakeArticle("www.example.co.uk", "p1", "Publisher article", kNow - 100));
  Store(MakeArticle("www.other.com", "p2", "Other article", kNow - 50));
  const model::Id pub = state_->articles.at(a).publisher_id;
  ASSERT_TRUE(
      store_->UpdatePublisherScore(pub, 80, R"({"originality":0.9})").ok());
  for (auto& [id, p] : state_->publishers) {
    if (id != pub) {
      ASSERT_TRUE(store_->UpdatePublisherScore(id, 90, "{}").ok());
    }
  }
  StartServer();
  HttpResult r = Get(port(), "/publisher/" + std::to_string(pub));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Contains(r.body, "Publisher article"));
  EXPECT_FALSE(Contains(r.body, "Other article"));
  EXPECT_TRUE(Contains(r.body, "#2 of 2 in UK"));
  EXPECT_TRUE(Contains(r.body, "Originality"));
  HttpResult article = Get(port(), "/article/" + std::to_string(a));
  EXPECT_TRUE(Contains(article.body, "#2 of 2 in UK"));
  HttpResult all = Get(port(), "/publishers");
  EXPECT_EQ(all.status, 200);
  EXPECT_LT(all.body.find("Daily Other"), all.body.find("Example News"));
}

TEST_F(ServerTest, MetricsCountRequestsByRouteAndStatus) {
  Store(MakeArticle("www.example.co.uk", "m", "Metrics", kNow - 10));
  StartServer();
  Get(port(), "/");
  Get(port(), "/nope");
  HttpResult r = Get(port(), "/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Contains(
      r.body, "tidings_http_requests_total{route=\"/\",status=\"200\"} 1"));
  EXPECT_TRUE(Contains(
      r.body, "tidings_http_requests_total{route=\"404\",status=\"404\"} 1"));
  EXPECT_TRUE(Contains(
      r.body,
      "tidings_http_request_duration_seconds_bucket{route=\"/\",le=\"+Inf\"} "
      "1"));
  EXPECT_TRUE(Contains(r.body, "tidings_store_rows{table=\"articles\"} 1"));
}

TEST_F(ServerTest, StopFinishesRequestsInFlight) {
  Store(MakeArticle("www.example.co.uk", "slow", "Slow page", kNow - 10));
  StartServer();
  constexpr int kDelayMs = 400;
  state_->list_delay_ms = kDelayMs;
  const std::uint16_t p = port();
  auto in_flight = std::async(std::launch::async, [p] { return Get(p, "/"); });
  // Wait until the handler is inside the store, then stop.
  const auto give_up =
      std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (state_->list_calls == 0 &&
         std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_GT(state_->list_calls, 0);
  const auto stop_start = std::chrono::steady_clock::now();
  server_->Stop();
  EXPECT_FALSE(server_->running());
  HttpResult r = in_flight.get();
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(Contains(r.body, "Slow page"));
  EXPECT_TRUE(Contains(r.body, "</html>"));
  EXPECT_EQ(r.headers["Connection"], "close");
  server_->Wait();
  EXPECT_LT(std::chrono::steady_clock::now() - stop_start,
            std::chrono::seconds(5));
  // No longer accepting.
  Client late(p);
  EXPECT_FALSE(late.Connect() && late.Request("/healthz").ok);
}

TEST_F(ServerTest, StopClosesIdleKeepAliveConnections) {
  StartServer();
  Client idle(port());
  ASSERT_TRUE(idle.Request("/healthz").ok);
  const auto start = std::chrono::steady_clock::now();
  server_->Stop();
  server_->Wait();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
}

TEST(ServerStartTest, FailsWhenThePortIsTaken) {
  auto state = std::make_shared<testing::FakeStoreState>();
  auto factory = [state]() -> Result<std::unique_ptr<store::Store>> {
    return std::unique_ptr<store::Store>(
        std::make_unique<testing::FakeStore>(state));
  };
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.threads = 1;
  Server first(options, factory);
  ASSERT_TRUE(first.Start().ok());
  options.listen = "127.0.0.1:" + std::to_string(first.port());
  Server second(options, factory);
  Status s = second.Start();
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.message().find("web: listen 127.0.0.1:"), std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("in use"), std::string::npos) << s.message();
}

TEST(ServerStartTest, RejectsMalformedListenAndFailingFactory) {
  auto factory = []() -> Result<std::unique_ptr<store::Store>> {
    return Status::IoError("store: cannot open x.db");
  };
  ServerOptions options;
  options.listen = "nonsense";
  Server bad_listen(options, factory);
  EXPECT_EQ(bad_listen.Start().code(), StatusCode::kInvalidArgument);
  options.listen = "127.0.0.1:0";
  Server bad_store(options, factory);
  Status s = bad_store.Start();
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_EQ(s.message(), "store: cannot open x.db");
}

}  // namespace
}  // namespace tidings::web
