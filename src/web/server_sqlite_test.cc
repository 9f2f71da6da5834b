// The server on the real SQLite store: every worker opens its own
// connection to one database file, as `tidings serve` does.
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "base/test_util.h"
#include "store/store.h"
#include "web/server.h"

namespace tidings::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

constexpr UnixSeconds kNow = 1'790'000'000;

// One GET on a fresh connection; status and body, or status 0.
std::pair<int, std::string> Fetch(std::uint16_t port,
                                  const std::string& target) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  beast::error_code ec;
  stream.expires_after(std::chrono::seconds(10));
  stream.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
  if (ec) return {0, ec.message()};
  http::request<http::empty_body> req{http::verb::get, target, 11};
  req.set(http::field::host, "localhost");
  req.keep_alive(false);
  http::write(stream, req, ec);
  if (ec) return {0, ec.message()};
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res, ec);
  if (ec) return {0, ec.message()};
  return {res.result_int(), res.body()};
}

class SqliteServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tidings::testing::TempDir("web-sqlite");
    url_ = "sqlite:" + (dir_ / "tidings.db").string();
    auto opened = store::Store::Open(url_);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(opened).value();
  }
  void TearDown() override {
    if (server_) {
      server_->Stop();
      server_->Wait();
    }
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  model::Id Add(const std::string& host, const std::string& name,
                const std::string& slug, const std::string& title,
                UnixSeconds t) {
    model::Article a;
    a.url = "https://" + host + "/" + slug;
    a.canonical_url = a.url;
    a.title = title;
    a.publisher_host = host;
    a.site_name = name;
    a.published_at = t;
    a.fetched_at = t + 30;
    a.country = "gb";
    a.category = "Science";
    a.language = "en";
    a.paragraphs = {"Astronomers reported a bright comet over " + slug + ".",
                    "It will be visible for a week."};
    auto outcome = store_->UpsertArticle(&a);
    EXPECT_TRUE(outcome.ok()) << outcome.status().message();
    return a.id;
  }

  void StartServer() {
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.threads = 2;
    options.clock = &clock_;
    const std::string url = url_;
    server_ = std::make_unique<Server>(
        options, [url] { return store::Store::Open(url); });
    Status s = server_->Start();
    ASSERT_TRUE(s.ok()) << s.message();
  }

  FakeClock clock_{kNow};
  std::filesystem::path dir_;
  std::string url_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Server> server_;
};

TEST_F(SqliteServerTest, ServesPagesApiAndSearchFromSqlite) {
  const model::Id a = Add("www.example.co.uk", "Example News", "comet-a",
                          "Comet lights up the sky", kNow - 3600);
  const model::Id b = Add("news.other.org", "Other Times", "comet-b",
                          "Bright comet seen across Britain", kNow - 1800);
  Add("news.other.org", "Other Times", "budget", "Budget day arrives",
      kNow - 60);
  model::Story story;
  story.headline = "Comet lights up the sky";
  story.article_ids = {a, b};
  story.first_article_id = a;
  story.representative_article_id = a;
  story.article_count = 2;
  story.publisher_count = 2;
  story.first_seen_at = kNow - 3600;
  story.last_updated_at = kNow - 1800;
  story.summary = {{"A bright comet was reported.", 0, a}};
  ASSERT_TRUE(store_->SaveStory(&story).ok());
  StartServer();
  const std::uint16_t port = server_->port();

  auto [home_status, home] = Fetch(port, "/");
  ASSERT_EQ(home_status, 200) << home;
  EXPECT_NE(home.find("Comet lights up the sky"), std::string::npos);
  EXPECT_NE(home.find("Budget day arrives"), std::string::npos);
  EXPECT_LT(home.find("Budget day arrives"),
            home.find("Comet lights up the sky"));

  auto [article_status, article] = Fetch(port, "/article/" + std::to_string(a));
  ASSERT_EQ(article_status, 200) << article;
  EXPECT_NE(article.find("It will be visible for a week."), std::string::npos);
  EXPECT_NE(article.find("Bright comet seen across Britain"),
            std::string::npos);  // Similar coverage.
  EXPECT_NE(article.find("https://www.example.co.uk/comet-a"),
            std::string::npos);

  auto [story_status, story_page] =
      Fetch(port, "/story/" + std::to_string(story.id));
  ASSERT_EQ(story_status, 200) << story_page;
  EXPECT_NE(story_page.find("A bright comet was reported."), std::string::npos);

  auto [search_status, search] = Fetch(port, "/search?q=budget");
  ASSERT_EQ(search_status, 200) << search;
  EXPECT_NE(search.find("Budget day arrives"), std::string::npos);
  EXPECT_EQ(search.find("Comet lights up the sky</a>"), std::string::npos);
  // Operators and quotes in the query cannot break the full-text syntax.
  EXPECT_EQ(Fetch(port, "/search?q=%22comet+OR+(+NEAR").first, 200);

  auto [stats_status, stats] = Fetch(port, "/api/stats");
  ASSERT_EQ(stats_status, 200);
  const nlohmann::json j = nlohmann::json::parse(stats);
  EXPECT_EQ(j["articles"], 3);
  EXPECT_EQ(j["publishers"], 2);
  EXPECT_EQ(j["stories"], 1);

  EXPECT_EQ(Fetch(port, "/feed.xml").first, 200);
  EXPECT_EQ(Fetch(port, "/article/99999").first, 404);
}

}  // namespace
}  // namespace tidings::web
