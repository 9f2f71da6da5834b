// End to end: a WARC written here goes through `tidings ingest`, then
// `tidings serve` shows it over loopback.
#include <gtest/gtest.h>
#include <signal.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "base/test_util.h"
#include "process.h"

namespace tidings::testing {
namespace {

std::string Paragraphs(const std::string& topic) {
  std::string out;
  for (int i = 0; i < 6; ++i) {
    out += "<p>The " + topic + " report, published on Monday, describes item " +
           std::to_string(i) +
           " in detail, with figures gathered by local officials over the "
           "past several months and comments from residents.</p>\n";
  }
  return out;
}

std::string HtmlPage(const std::string& title, const std::string& topic) {
  return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<title>" +
         title +
         " | Example Times</title>"
         "<meta property=\"og:site_name\" content=\"Example Times\">"
         "<meta property=\"article:published_time\" "
         "content=\"2024-03-05T10:00:00Z\"></head><body>"
         "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>"
         "<article><h1>" +
         title + "</h1>" + Paragraphs(topic) +
         "</article><footer>Copyright Example Times</footer></body></html>";
}

std::string HttpResponse(int status, const std::string& content_type,
                         const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) +
         " X\r\nContent-Type: " + content_type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
         body;
}

std::string WarcRecord(const std::string& type, const std::string& uri,
                       const std::string& block) {
  static int counter = 0;
  std::string header =
      "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: <urn:uuid:0000-" +
      std::to_string(++counter) + ">\r\nWARC-Date: 2024-03-05T12:00:00Z\r\n";
  if (!uri.empty()) header += "WARC-Target-URI: " + uri + "\r\n";
  if (type == "response") {
    header += "Content-Type: application/http; msgtype=response\r\n";
  }
  header += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  return header + block + "\r\n\r\n";
}

std::string Gzip(const std::string& data) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
               Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

struct Fixture {
  std::filesystem::path dir;
  std::string warc_path;
  std::string db_url;
};

Fixture WriteFixture(const std::string& name) {
  Fixture f;
  f.dir = TempDir(name);
  f.warc_path = (f.dir / "pages.warc.gz").string();
  f.db_url = "sqlite:" + (f.dir / "tidings.db").string();
  const std::string records[] = {
      WarcRecord("warcinfo", "", "software: tidings-test\r\n"),
      WarcRecord(
          "response", "https://www.example.com/news/council-vote",
          HttpResponse(200, "text/html; charset=utf-8",
                       HtmlPage("Council approves new bridge", "bridge"))),
      WarcRecord("request", "https://www.example.com/news/council-vote",
                 "GET /news/council-vote HTTP/1.1\r\n\r\n"),
      WarcRecord("response", "https://news.example.org/2024/03/05/storm",
                 HttpResponse(200, "text/html",
                              HtmlPage("Storm <script>alert(1)</script> hits "
                                       "coast",
                                       "storm"))),
      WarcRecord("response", "https://www.example.com/missing",
                 HttpResponse(404, "text/html", "<html>Not found</html>")),
      WarcRecord("response", "https://www.example.com/logo.png",
                 HttpResponse(200, "image/png", "\x89PNG....")),
      WarcRecord("response", "https://www.example.net/science/comet",
                 HttpResponse(200, "text/html; charset=utf-8",
                              HtmlPage("Comet visible this week", "comet"))),
  };
  std::ofstream out(f.warc_path, std::ios::binary);
  for (const auto& r : records) out << Gzip(r);
  return f;
}

nlohmann::json Stats(const Fixture& f) {
  CommandResult r =
      RunCommand(TIDINGS_BINARY, {"--db", f.db_url, "stats", "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out, nullptr, false);
}

TEST(EndToEnd, IngestsWarcAndServesEveryArticle) {
  Fixture f = WriteFixture("e2e");
  CommandResult ingest =
      RunCommand(TIDINGS_BINARY, {"--db", f.db_url, "ingest", f.warc_path});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  EXPECT_NE(ingest.out.find("ingested 3, skipped 2"), std::string::npos)
      << ingest.out;
  EXPECT_NE(ingest.out.find("http 404: 1"), std::string::npos) << ingest.out;
  EXPECT_NE(ingest.out.find("not html: 1"), std::string::npos) << ingest.out;
  nlohmann::json stats = Stats(f);
  EXPECT_EQ(stats["articles"], 3);
  EXPECT_EQ(stats["publishers"], 3);

  // Re-running the same file adds nothing.
  CommandResult again =
      RunCommand(TIDINGS_BINARY, {"--db", f.db_url, "ingest", f.warc_path});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(Stats(f), stats);

  const int port = FreeLoopbackPort();
  BackgroundProcess server(TIDINGS_BINARY,
                           {"--db", f.db_url, "serve", "--no-crawl", "--listen",
                            "127.0.0.1:" + std::to_string(port)});
  ASSERT_TRUE(WaitForServer(port, 20)) << "server did not come up";

  HttpResult home = HttpGet(port, "/");
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Council approves new bridge"), std::string::npos);
  EXPECT_NE(home.body.find("Comet visible this week"), std::string::npos);
  EXPECT_EQ(home.body.find("<script>alert(1)"), std::string::npos)
      << "titles must be escaped";

  for (int id = 1; id <= 3; ++id) {
    HttpResult page = HttpGet(port, "/article/" + std::to_string(id));
    EXPECT_EQ(page.status, 200) << "article " << id;
    EXPECT_NE(page.body.find("report, published on Monday"), std::string::npos)
        << "article " << id << " shows its text";
    EXPECT_EQ(page.body.find("<script>alert(1)"), std::string::npos);
  }
  HttpResult missing = HttpGet(port, "/no/such/page");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("<html"), std::string::npos) << "a real page";
  EXPECT_EQ(HttpGet(port, "/article/999999").status, 404);
  HttpResult health = HttpGet(port, "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_NE(health.body.find("ok"), std::string::npos);

  EXPECT_EQ(server.Stop(SIGTERM), 0) << "graceful shutdown exits 0";
  std::filesystem::remove_all(f.dir);
}

TEST(EndToEnd, TruncatedWarcFailsWithOffsetAndKeepsEarlierRecords) {
  Fixture f = WriteFixture("e2e-truncated");
  std::string data;
  {
    std::ifstream in(f.warc_path, std::ios::binary);
    data.assign(std::istreambuf_iterator<char>(in), {});
  }
  const std::string truncated_path = (f.dir / "truncated.warc.gz").string();
  {
    std::ofstream out(truncated_path, std::ios::binary);
    out << data.substr(0, data.size() - 40);
  }
  CommandResult r =
      RunCommand(TIDINGS_BINARY, {"--db", f.db_url, "ingest", truncated_path});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find(truncated_path), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("byte"), std::string::npos) << r.err;
  EXPECT_EQ(Stats(f)["articles"], 2) << "records before the damage are kept";
  std::filesystem::remove_all(f.dir);
}

TEST(EndToEnd, GarbageFileIsAClearError) {
  Fixture f = WriteFixture("e2e-garbage");
  const std::string garbage = (f.dir / "garbage.warc").string();
  {
    std::ofstream out(garbage, std::ios::binary);
    out << "this is not a WARC file at all\n";
  }
  CommandResult r =
      RunCommand(TIDINGS_BINARY, {"--db", f.db_url, "ingest", garbage});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("garbage.warc"), std::string::npos) << r.err;
  std::filesystem::remove_all(f.dir);
}

TEST(EndToEnd, BadArgumentsExitTwoWithOneLine) {
  CommandResult r = RunCommand(TIDINGS_BINARY, {"ingest"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--help"), std::string::npos) << r.err;
  CommandResult unknown = RunCommand(TIDINGS_BINARY, {"frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2);
  CommandResult version = RunCommand(TIDINGS_BINARY, {"version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("tidings"), std::string::npos);
}

}  // namespace
}  // namespace tidings::testing
