#include "feed/opml.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "base/test_util.h"

namespace tidings::feed {
namespace {

TEST(ParseOpml, ReadsNestedFoldersAsCategories) {
  Result<OpmlDocument> doc = ParseOpml(R"(<?xml version="1.0"?>
<opml version="1.0"><head><title>Mine</title></head><body>
  <outline text="Tech">
    <outline text="Sub"><outline text="A" xmlUrl="http://a/feed" htmlUrl="http://a/"/></outline>
    <outline title="B" text="b" xmlUrl="http://b/rss?x=1&amp;y=2"/>
  </outline>
  <outline text="C" xmlUrl="http://c/" category="/News/World,/Other"/>
</body></opml>)");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->title, "Mine");
  ASSERT_EQ(doc->feeds.size(), 3u);
  EXPECT_EQ(doc->feeds[0].url, "http://a/feed");
  EXPECT_EQ(doc->feeds[0].category, "Sub");
  EXPECT_EQ(doc->feeds[0].site_url, "http://a/");
  EXPECT_EQ(doc->feeds[1].title, "B");
  EXPECT_EQ(doc->feeds[1].url, "http://b/rss?x=1&y=2");
  EXPECT_EQ(doc->feeds[1].category, "Tech");
  EXPECT_EQ(doc->feeds[2].category, "World");
}

TEST(ParseOpml, ReadsTidingsAttributesWithOrWithoutNamespace) {
  Result<OpmlDocument> doc = ParseOpml(
      R"(<opml xmlns:t="https://tidings.dev/ns/opml/1.0"><body>
<outline text="x" xmlUrl="http://x/" t:country="GB" t:category="world"/>
<outline text="y" xmlUrl="http://y/" tidings:country="de" country="fr"/>
</body></opml>)");
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc->feeds.size(), 2u);
  EXPECT_EQ(doc->feeds[0].country, "gb");
  EXPECT_EQ(doc->feeds[0].category, "world");
  EXPECT_EQ(doc->feeds[1].country, "de");
}

TEST(ParseOpml, RejectsNonOpml) {
  EXPECT_EQ(ParseOpml("<rss/>").status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(ParseOpml("").ok());
}

TEST(WriteOpml, RoundTripsFeedsAndFolders) {
  OpmlDocument doc;
  doc.title = "A & B";
  doc.feeds = {{"http://a/feed?x=1&y=\"2\"", "A <1>", "http://a/", "world",
                "gb", "Pub A", "en"},
               {"http://b/", "B", "", "", "", "", ""},
               {"http://c/", "C", "", "world", "us", "", ""}};
  Result<OpmlDocument> back = ParseOpml(WriteOpml(doc));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->title, doc.title);
  ASSERT_EQ(back->feeds.size(), 3u);
  // Uncategorised feeds come first, then each folder.
  EXPECT_EQ(back->feeds[0].url, "http://b/");
  EXPECT_EQ(back->feeds[0].category, "");
  EXPECT_EQ(back->feeds[1].url, doc.feeds[0].url);
  EXPECT_EQ(back->feeds[1].title, doc.feeds[0].title);
  EXPECT_EQ(back->feeds[1].site_url, "http://a/");
  EXPECT_EQ(back->feeds[1].category, "world");
  EXPECT_EQ(back->feeds[1].country, "gb");
  EXPECT_EQ(back->feeds[1].publisher, "Pub A");
  EXPECT_EQ(back->feeds[1].language, "en");
  EXPECT_EQ(back->feeds[2].country, "us");
}

TEST(DefaultFeeds, HasEnoughFeedsCountriesAndMetadata) {
  const auto path = testing::SourceDir() / "data" / "default-feeds.opml";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::stringstream buf;
  buf << in.rdbuf();
  Result<OpmlDocument> doc = ParseOpml(buf.str());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_GE(doc->feeds.size(), 100u);
  std::set<std::string> countries, urls;
  for (const OpmlFeed& f : doc->feeds) {
    EXPECT_EQ(f.country.size(), 2u) << f.url;
    EXPECT_FALSE(f.category.empty()) << f.url;
    EXPECT_TRUE(f.url.rfind("http", 0) == 0) << f.url;
    EXPECT_TRUE(urls.insert(f.url).second) << "duplicate " << f.url;
    countries.insert(f.country);
  }
  EXPECT_GE(countries.size(), 10u);
}

}  // namespace
}  // namespace tidings::feed
