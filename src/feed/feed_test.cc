#include "feed/feed.h"

#include <gtest/gtest.h>

namespace tidings::feed {
namespace {

TEST(ParseFeed, ReadsRss20) {
  auto r = ParseFeed(R"(<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>T</title><link>http://example.com/</link>
<item><title>A &amp; B</title><link>/a</link><guid>g1</guid>
<pubDate>Tue, 05 Mar 2019 14:07:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Hi</p>]]></content:encoded></item>
</channel></rss>)",
                     {.base_url = "http://example.com/feed"});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_FALSE(r->bozo) << r->bozo_reason;
  EXPECT_EQ(r->format, FeedFormat::kRss20);
  EXPECT_EQ(r->title, "T");
  ASSERT_EQ(r->entries.size(), 1u);
  EXPECT_EQ(r->entries[0].title, "A & B");
  EXPECT_EQ(r->entries[0].link, "http://example.com/a");
  EXPECT_EQ(r->entries[0].id, "g1");
  EXPECT_EQ(r->entries[0].published, 1551794820);
  EXPECT_EQ(r->entries[0].content, "<p>Hi</p>");
}

}  // namespace
}  // namespace tidings::feed
