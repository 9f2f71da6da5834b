#include "feed/feed.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/test_util.h"

namespace tidings::feed {
namespace {

ParseOptions WithBase(std::string base) {
  ParseOptions options;
  options.base_url = std::move(base);
  return options;
}

std::string ReadFixture(const std::string& name) {
  std::ifstream in(testing::SourceDir() / "src" / "feed" / "testdata" / name,
                   std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

TEST(ParseFeed, ReadsRss20WithNamespaces) {
  auto r = ParseFeed(R"(<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
     xmlns:media="http://search.yahoo.com/mrss/"
     xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>T</title><link>http://example.com/</link>
<atom:link rel="hub" href="https://hub.example/"/>
<atom:link rel="self" href="http://example.com/feed"/>
<language>en-gb</language>
<item><title>A &amp; B</title><link>/a</link><guid isPermaLink="false">g1</guid>
<pubDate>Tue, 05 Mar 2019 14:07:00 GMT</pubDate>
<dc:creator>Jane Doe</dc:creator><category>World</category>
<slash:comments>7</slash:comments>
<media:thumbnail url="/img.jpg"/>
<enclosure url="http://example.com/a.mp3" type="audio/mpeg" length="123"/>
<content:encoded><![CDATA[<p>Hi <a href="/x">x</a></p>]]></content:encoded></item>
</channel></rss>)",
                     WithBase("http://example.com/feed"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_FALSE(r->bozo) << r->bozo_reason;
  EXPECT_EQ(r->format, FeedFormat::kRss20);
  EXPECT_EQ(r->title, "T");
  EXPECT_EQ(r->language, "en-gb");
  EXPECT_EQ(r->hub_url, "https://hub.example/");
  EXPECT_EQ(r->self_url, "http://example.com/feed");
  ASSERT_EQ(r->entries.size(), 1u);
  const Entry& e = r->entries[0];
  EXPECT_EQ(e.title, "A & B");
  EXPECT_EQ(e.link, "http://example.com/a");
  EXPECT_EQ(e.id, "g1");
  EXPECT_EQ(e.published, 1551794820);
  EXPECT_EQ(e.author, "Jane Doe");
  ASSERT_EQ(e.categories.size(), 1u);
  EXPECT_EQ(e.categories[0].term, "World");
  EXPECT_EQ(e.comment_count, 7);
  EXPECT_EQ(e.image_url, "http://example.com/img.jpg");
  ASSERT_EQ(e.enclosures.size(), 1u);
  EXPECT_EQ(e.enclosures[0].length, 123);
  EXPECT_EQ(e.content, "<p>Hi <a href=\"http://example.com/x\">x</a></p>");
}

TEST(ParseFeed, PermalinkGuidBecomesLink) {
  auto r = ParseFeed(
      "<rss version=\"2.0\"><channel><item><guid>http://x.example/1</guid>"
      "</item></channel></rss>");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->entries[0].link, "http://x.example/1");
  EXPECT_TRUE(r->entries[0].guid_is_link);
}

TEST(ParseFeed, ReadsAtom10TextConstructsAndXmlBase) {
  auto r = ParseFeed(R"(<feed xmlns="http://www.w3.org/2005/Atom"
      xml:base="http://example.org/blog/" xml:lang="de">
  <title type="html">A &lt;b&gt;bold&lt;/b&gt; title</title>
  <link href="/"/><updated>2019-03-05T14:07:00Z</updated>
  <author><name>Ann</name><email>ann@example.org</email></author>
  <entry><id>urn:1</id><title>Entry</title>
    <link rel="alternate" type="text/html" href="post1"/>
    <link rel="enclosure" href="a.mp3" length="5" type="audio/mpeg"/>
    <published>2019-03-05T15:07:00+01:00</published>
    <category term="tech" label="Technology"/>
    <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Hello <b>you</b><br/></div></summary>
    <content type="text">plain &amp; simple</content>
  </entry></feed>)");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_FALSE(r->bozo) << r->bozo_reason;
  EXPECT_EQ(r->format, FeedFormat::kAtom10);
  EXPECT_EQ(r->title, "A <b>bold</b> title");
  EXPECT_EQ(r->title_type, "text/html");
  EXPECT_EQ(r->link, "http://example.org/");
  EXPECT_EQ(r->language, "de");
  EXPECT_EQ(r->updated, 1551794820);
  EXPECT_EQ(r->author, "Ann");
  ASSERT_EQ(r->entries.size(), 1u);
  const Entry& e = r->entries[0];
  EXPECT_EQ(e.link, "http://example.org/blog/post1");
  EXPECT_EQ(e.published, 1551794820);
  EXPECT_EQ(e.summary, "Hello <b>you</b><br />");
  EXPECT_EQ(e.summary_type, "application/xhtml+xml");
  EXPECT_EQ(e.content, "plain & simple");
  EXPECT_EQ(e.content_type, "text/plain");
  ASSERT_EQ(e.enclosures.size(), 1u);
  EXPECT_EQ(e.enclosures[0].url, "http://example.org/blog/a.mp3");
  EXPECT_EQ(e.language, "de");
}

TEST(ParseFeed, ReadsRss10Rdf) {
  auto r = ParseFeed(
      R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="http://example.com/"><title>R</title><link>http://example.com/</link></channel>
  <item rdf:about="http://example.com/1"><title>One</title><link>http://example.com/1</link>
    <dc:date>2019-03-05T14:07:00Z</dc:date></item>
</rdf:RDF>)");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->format, FeedFormat::kRss10);
  ASSERT_EQ(r->entries.size(), 1u);
  EXPECT_EQ(r->entries[0].id, "http://example.com/1");
  EXPECT_EQ(r->entries[0].updated, 1551794820);
}

TEST(ParseFeed, ReadsJsonFeed) {
  auto r = ParseFeed(R"({"version": "https://jsonfeed.org/version/1.1",
    "title": "J", "home_page_url": "https://j.example/",
    "authors": [{"name": "Jo"}],
    "items": [{"id": 7, "url": "/p", "title": "P", "content_html": "<p>x</p>",
               "date_published": "2019-03-05T14:07:00Z", "tags": ["a"],
               "attachments": [{"url": "https://j.example/a.mp3",
                                "mime_type": "audio/mpeg", "size_in_bytes": 9}]}]})",
                     WithBase("https://j.example/feed.json"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->format, FeedFormat::kJson11);
  ASSERT_EQ(r->entries.size(), 1u);
  const Entry& e = r->entries[0];
  EXPECT_EQ(e.id, "7");
  EXPECT_EQ(e.link, "https://j.example/p");
  EXPECT_EQ(e.author, "Jo");
  EXPECT_EQ(e.published, 1551794820);
  EXPECT_EQ(e.enclosures[0].length, 9);
}

TEST(ParseFeed, BrokenJsonIsAnErrorNotACrash) {
  EXPECT_EQ(ParseFeed("{\"items\": [").status().code(),
            StatusCode::kCorruption);
  EXPECT_EQ(ParseFeed("{\"a\": 1}").status().code(), StatusCode::kUnsupported);
}

TEST(ParseFeed, RecoversHtmlEntitiesAndStrayAmpersandsAsBozo) {
  auto r = ParseFeed(
      "<rss version=\"2.0\"><channel><title>A&nbsp;B & C &bogus; &#X41;</title>"
      "<item><title>x</title></item></channel></rss>");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->bozo);
  EXPECT_NE(r->bozo_reason.find("entity"), std::string::npos) << r->bozo_reason;
  EXPECT_EQ(r->title, "A\u00a0B & C &bogus; A");
  EXPECT_EQ(r->entries.size(), 1u);
}

TEST(ParseFeed, RecoversUnclosedTagsKeepingEntries) {
  auto r = ParseFeed(
      "<rss version=\"2.0\"><channel><title>T</title>"
      "<item><title>one</title><description>x<b>y</description></item>"
      "<item><title>two</title></item>");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->bozo);
  ASSERT_EQ(r->entries.size(), 2u);
  EXPECT_EQ(r->entries[1].title, "two");
}

TEST(ParseFeed, DecodesDeclaredAndMislabelledEncodings) {
  // "café" in ISO-8859-1, declared.
  auto latin = ParseFeed(
      "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss version=\"2.0\">"
      "<channel><title>caf\xE9</title></channel></rss>");
  ASSERT_TRUE(latin.ok());
  EXPECT_EQ(latin->title, "caf\u00e9");
  EXPECT_FALSE(latin->bozo);
  // Latin-1 bytes declared as UTF-8: decoded anyway, flagged.
  auto wrong = ParseFeed(
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\">"
      "<channel><title>caf\xE9</title></channel></rss>");
  ASSERT_TRUE(wrong.ok());
  EXPECT_TRUE(wrong->bozo);
  EXPECT_EQ(wrong->title, "caf\u00e9");
  // The HTTP charset wins over the declaration.
  ParseOptions http;
  http.content_type = "application/rss+xml; charset=iso-8859-1";
  auto header = ParseFeed(
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\">"
      "<channel><title>caf\xE9</title></channel></rss>",
      http);
  ASSERT_TRUE(header.ok());
  EXPECT_FALSE(header->bozo) << header->bozo_reason;
  EXPECT_EQ(header->title, "caf\u00e9");
}

TEST(ParseFeed, ReadsUtf16WithBom) {
  const std::string ascii =
      "<?xml version=\"1.0\" encoding=\"utf-16\"?><rss version=\"2.0\">"
      "<channel><title>W</title></channel></rss>";
  std::string utf16 = "\xFF\xFE";
  for (char c : ascii) {
    utf16 += c;
    utf16 += '\0';
  }
  auto r = ParseFeed(utf16);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->title, "W");
}

TEST(ParseFeed, RefusesNonFeedsAndOversizedInput) {
  EXPECT_EQ(ParseFeed("<html><body/></html>").status().code(),
            StatusCode::kUnsupported);
  EXPECT_EQ(ParseFeed("   ").status().code(), StatusCode::kCorruption);
  ParseOptions small;
  small.max_bytes = 10;
  EXPECT_EQ(ParseFeed("<rss version=\"2.0\"></rss>", small).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(ParseFeed, DoesNotLoadExternalEntities) {
  auto r = ParseFeed(
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM "
      "\"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>&x;"
      "</title></channel></rss>");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->title.find("root:"), std::string::npos);
}

TEST(ParseFeed, ParsesOwnFixtureWithMixedProblems) {
  const std::string bytes = ReadFixture("broken_windows1252.xml");
  ASSERT_FALSE(bytes.empty());
  auto r = ParseFeed(bytes, WithBase("http://news.example/rss"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->bozo);
  EXPECT_EQ(r->title, "Nachrichten \u2013 \u201eAktuell\u201c");
  ASSERT_EQ(r->entries.size(), 2u);
  EXPECT_EQ(r->entries[0].link, "http://news.example/artikel/1");
  EXPECT_EQ(r->entries[0].published, 1551794820);
  EXPECT_EQ(r->entries[1].title, "Zweiter & letzter");
}

TEST(ParseFeed, ReadsRealPublisherFeeds) {
  const auto dir =
      testing::DataDir() / "feeds" / "rss-parser" / "test" / "input";
  TIDINGS_REQUIRE_DATA(dir);
  int parsed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    auto r = ParseFeed(buf.str());
    if (!r.ok()) continue;
    ++parsed;
    EXPECT_FALSE(r->entries.empty() && r->title.empty()) << entry.path();
  }
  EXPECT_GE(parsed, 20);
}

TEST(FeedFormatName, MatchesFeedparserVersions) {
  EXPECT_EQ(FeedFormatName(FeedFormat::kRss20), "rss20");
  EXPECT_EQ(FeedFormatName(FeedFormat::kAtom10), "atom10");
  EXPECT_EQ(FeedFormatName(FeedFormat::kUnknown), "");
}

}  // namespace
}  // namespace tidings::feed
