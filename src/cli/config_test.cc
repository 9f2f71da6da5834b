#include "cli/config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "cli/crawl_setup.h"

namespace tidings::cli {
namespace {

// Writes `text` to a fresh temporary file, removed with the object.
class TempToml {
 public:
  explicit TempToml(const std::string& text) {
    char name[] = "/tmp/tidings-config-XXXXXX";
    int fd = mkstemp(name);
    EXPECT_GE(fd, 0);
    close(fd);
    path_ = name;
    std::ofstream(path_) << text;
  }
  ~TempToml() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(LoadConfig, EmptyFileGivesDefaults) {
  TempToml file("");
  Result<Config> config = LoadConfig(file.path());
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->serve.listen, "127.0.0.1:8080");
  EXPECT_TRUE(config->crawl.fetch_articles);
  EXPECT_EQ(config->crawl.max_per_host,
            fetch::HttpClientOptions{}.max_per_host);
  EXPECT_EQ(config->crawl.min_interval_seconds,
            pipeline::IntervalOptions{}.min_seconds);
  EXPECT_EQ(config->crawl.max_interval_seconds,
            pipeline::IntervalOptions{}.max_seconds);
}

TEST(LoadConfig, ReadsTheCrawlSectionIntoClientAndCrawlerOptions) {
  TempToml file(R"(
[crawl]
contact_url = "https://news.example.org/about"
max_per_host = 1
min_host_delay_seconds = 2.5
min_interval_seconds = 600
max_interval_seconds = 7200
fetch_articles = false
allow_private = true
websub_callback_url = "https://news.example.org/hooks/websub/"
websub_secret = "0123456789abcdef0123"
)");
  Result<Config> config = LoadConfig(file.path());
  ASSERT_TRUE(config.ok()) << config.status().message();
  CrawlSetup setup = MakeCrawlSetup(config->crawl);
  EXPECT_EQ(setup.http.user_agent,
            "Tidings/0.1 (+https://news.example.org/about)");
  EXPECT_EQ(setup.http.max_per_host, 1);
  EXPECT_DOUBLE_EQ(setup.http.min_host_delay_seconds, 2.5);
  EXPECT_TRUE(setup.http.address_policy.allow_private);
  EXPECT_FALSE(setup.http.address_policy.allow_loopback);
  EXPECT_FALSE(setup.crawler.fetch_articles);
  EXPECT_EQ(setup.crawler.interval.min_seconds, 600);
  EXPECT_EQ(setup.crawler.interval.max_seconds, 7200);
  EXPECT_EQ(setup.crawler.websub.callback_base_url,
            "https://news.example.org/hooks/websub");
  EXPECT_EQ(setup.crawler.websub.secret_key, "0123456789abcdef0123");
  EXPECT_EQ(WebSubCallbackPrefix(config->crawl), "/hooks/websub/");
}

TEST(LoadConfig, RejectsUnknownKeysWrongTypesAndUnsafeWebSub) {
  struct Case {
    const char* toml;
    const char* message;
  };
  const Case cases[] = {
      {"[crawl]\nmax_per_hots = 1\n", "unknown key [crawl] max_per_hots"},
      {"[crawl]\nmax_per_host = \"two\"\n", "has the wrong type"},
      {"[crawl]\nmax_per_host = 0\n", "must be > 0"},
      {"[crawl]\nmin_interval_seconds = 900\nmax_interval_seconds = 60\n",
       "min_interval_seconds"},
      {"[crawl]\nwebsub_callback_url = \"https://x.org/websub\"\n",
       "websub_secret"},
      {"[crawl]\nwebsub_callback_url = \"ftp://x.org/websub\"\n"
       "websub_secret = \"0123456789abcdef\"\n",
       "http(s) URL"},
      {"[crawler]\n", "unknown section [crawler]"},
  };
  for (const Case& c : cases) {
    TempToml file(c.toml);
    Result<Config> config = LoadConfig(file.path());
    ASSERT_FALSE(config.ok()) << c.toml;
    EXPECT_NE(config.status().message().find(c.message), std::string::npos)
        << config.status().message();
    EXPECT_EQ(config.status().message().rfind("config: ", 0), 0u);
  }
}

TEST(AnswerWebSubCallback, PathsThatAreNotFeedIdsAre404) {
  for (const char* path :
       {"", "abc", "12x", "-3", "0", "99999999999999999999999"}) {
    web::CallbackRequest request;
    request.method = "GET";
    request.path = path;
    // The crawler is never reached for these paths.
    EXPECT_EQ(AnswerWebSubCallback(nullptr, request).status, 404) << path;
  }
}

}  // namespace
}  // namespace tidings::cli
