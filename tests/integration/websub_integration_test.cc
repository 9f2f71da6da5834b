// `tidings serve` with WebSub on: the crawler polls a loopback feed that
// declares a hub, subscribes at the hub, the "hub" (this test) verifies
// intent through the server's callback route and pushes a signed update,
// and the pushed entry's article ends up on the site.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "base/url.h"
#include "fetch/hmac.h"
#include "fetch/websub.h"
#include "process.h"
#include "support/http_fixture_server.h"

namespace tidings::testing {
namespace {

std::map<std::string, std::string> ParseForm(const std::string& body) {
  std::map<std::string, std::string> out;
  std::size_t pos = 0;
  while (pos <= body.size()) {
    std::size_t amp = body.find('&', pos);
    if (amp == std::string::npos) amp = body.size();
    const std::string pair = body.substr(pos, amp - pos);
    const std::size_t eq = pair.find('=');
    if (eq != std::string::npos) {
      out[PercentDecode(pair.substr(0, eq))] =
          PercentDecode(pair.substr(eq + 1));
    }
    pos = amp + 1;
  }
  return out;
}

std::string Rss(const std::string& hub, const std::string& self,
                const std::string& items) {
  return "<?xml version=\"1.0\"?><rss version=\"2.0\" "
         "xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>"
         "<title>Loopback News</title><link>http://127.0.0.1/</link>"
         "<atom:link rel=\"hub\" href=\"" +
         hub + "\"/><atom:link rel=\"self\" href=\"" + self + "\"/>" + items +
         "</channel></rss>";
}

std::string ArticlePage() {
  std::string paragraphs;
  for (const char* p :
       {"The harbour authority confirmed on Tuesday that the new pier will "
        "open to ferries next spring after three years of building work.",
        "Engineers said the structure had passed its final load tests, and "
        "the first crossings are planned for the week after Easter.",
        "Local traders welcomed the news, saying the closure had cost them "
        "visitors during two summers in a row."}) {
    paragraphs += std::string("<p>") + p + "</p>";
  }
  return "<html><head><title>Harbour pier to open next spring</title></head>"
         "<body><article><h1>Harbour pier to open next spring</h1>" +
         paragraphs + "</article></body></html>";
}

bool WaitFor(double seconds, const std::function<bool()>& done) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

TEST(WebSub, ServeSubscribesVerifiesAndStoresPushedEntries) {
  std::mutex mu;
  std::optional<std::map<std::string, std::string>> subscription;
  std::string base;  // "http://127.0.0.1:PORT", set once the fixture runs
  HttpFixtureServer site([&](const FixtureRequest& req) {
    std::lock_guard lock(mu);
    if (req.path == "/feed.xml") {
      return FixtureResponse::Text(Rss(base + "/hub", base + "/feed.xml", ""),
                                   "application/rss+xml");
    }
    if (req.path == "/hub" && req.method == "POST") {
      subscription = ParseForm(req.body);
      return FixtureResponse::Status(202);
    }
    if (req.path == "/news/harbour-pier") {
      return FixtureResponse::Text(ArticlePage(), "text/html; charset=utf-8");
    }
    return FixtureResponse::Status(404);
  });
  {
    std::lock_guard lock(mu);
    base = site.Url("");
  }

  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("tidings-websub-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = "sqlite:" + (dir / "t.db").string();
  const int port = FreeLoopbackPort();
  const std::string callback_base =
      "http://127.0.0.1:" + std::to_string(port) + "/websub";
  const std::string config = (dir / "tidings.toml").string();
  std::ofstream(config)
      << "[crawl]\nallow_loopback = true\n"
         "min_host_delay_seconds = 0\n"
         "websub_callback_url = \""
      << callback_base << "\"\nwebsub_secret = \"loopback-test-secret-0123\"\n";
  CommandResult add = RunCommand(
      TIDINGS_BINARY,
      {"--db", db, "feeds", "add", site.Url("/feed.xml"), "--country", "gb"});
  ASSERT_EQ(add.exit_code, 0) << add.err;

  BackgroundProcess server(TIDINGS_BINARY,
                           {"--db", db, "--config", config, "serve", "--listen",
                            "127.0.0.1:" + std::to_string(port)});
  ASSERT_TRUE(WaitForServer(port, 20)) << "server did not come up";
  ASSERT_TRUE(WaitFor(30, [&] {
    std::lock_guard lock(mu);
    return subscription.has_value();
  })) << "the crawler never subscribed at the hub";
  std::map<std::string, std::string> sub;
  {
    std::lock_guard lock(mu);
    sub = *subscription;
  }
  EXPECT_EQ(sub["hub.mode"], "subscribe");
  EXPECT_EQ(sub["hub.topic"], site.Url("/feed.xml"));
  ASSERT_EQ(sub["hub.callback"].rfind(callback_base + "/", 0), 0u)
      << sub["hub.callback"];
  ASSERT_FALSE(sub["hub.secret"].empty());
  const std::string callback_path =
      sub["hub.callback"].substr(sub["hub.callback"].find("/websub/"));

  // Verification of intent: a wrong topic is refused, the right one echoed.
  EXPECT_EQ(HttpGet(port, callback_path +
                              "?hub.mode=subscribe&hub.topic=http%3A%2F%2F"
                              "other.test%2F&hub.challenge=no")
                .status,
            404);
  HttpResult verify =
      HttpGet(port, callback_path + "?hub.mode=subscribe&hub.topic=" +
                        fetch::FormEncode(sub["hub.topic"]) +
                        "&hub.challenge=c-42&hub.lease_"
                        "seconds=3600");
  EXPECT_EQ(verify.status, 200);
  EXPECT_EQ(verify.body, "c-42");

  // A push with a bad signature is ignored; a signed one is stored.
  const std::string pushed =
      Rss(base + "/hub", base + "/feed.xml",
          "<item><title>Harbour pier to open next spring</title><link>" + base +
              "/news/harbour-pier</link><pubDate>Tue, 01 Dec 2026 09:00:00 "
              "GMT</pubDate></item>");
  EXPECT_EQ(HttpRequest(port, "POST", callback_path,
                        {"Content-Type: application/rss+xml",
                         "X-Hub-Signature: sha256=00ff"},
                        pushed)
                .status,
            202);
  const std::string signature =
      "sha256=" + fetch::ToHex(fetch::HmacSha256(sub["hub.secret"], pushed));
  EXPECT_EQ(HttpRequest(port, "POST", callback_path,
                        {"Content-Type: application/rss+xml",
                         "X-Hub-Signature: " + signature},
                        pushed)
                .status,
            202);
  EXPECT_TRUE(WaitFor(30, [&] {
    return HttpGet(port, "/").body.find("Harbour pier to open next spring") !=
           std::string::npos;
  })) << "the pushed entry's article never appeared";

  EXPECT_EQ(server.Stop(SIGTERM), 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tidings::testing
