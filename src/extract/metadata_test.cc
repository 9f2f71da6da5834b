#include "extract/metadata.h"

#include <gtest/gtest.h>

#include "base/time_format.h"
#include "extract/page.h"

namespace tidings::extract {
namespace {

Metadata MetaOf(const std::string& html, const std::string& url = "") {
  auto page = Page::Parse(html);
  EXPECT_TRUE(page.ok());
  if (!page.ok()) return {};
  return ExtractMetadata(**page, url, DateBounds{});
}

std::string Day(std::optional<UnixSeconds> t) {
  return t ? FormatIso8601(*t).substr(0, 10) : "none";
}

TEST(CleanTitleTest, RemovesSiteSuffixes) {
  EXPECT_EQ(CleanTitle("Storm hits coast | BBC News", "BBC News"),
            "Storm hits coast");
  EXPECT_EQ(CleanTitle("Storm hits the coast hard - The Guardian", ""),
            "Storm hits the coast hard");
  EXPECT_EQ(CleanTitle("Storm hits coast \xE2\x80\x93 Politics \xE2\x80\x93 "
                       "Example Times",
                       "Example Times"),
            "Storm hits coast");
  EXPECT_EQ(CleanTitle("BBC News: Storm hits coast", "BBC News"),
            "Storm hits coast");
  // A title whose own words contain a dash stays whole.
  EXPECT_EQ(CleanTitle("Covid - what we know", ""), "Covid - what we know");
}

TEST(MetadataTest, TitleFromOpenGraphInBloggerHead) {
  Metadata m = MetaOf(
      "<!DOCTYPE html><html class='v2' itemscope='' "
      "itemtype='http://schema.org/Blog' lang='en' "
      "xmlns='http://www.w3.org/1999/xhtml' "
      "xmlns:b='http://www.google.com/2005/gml/b'><head><title>\nBlog: "
      "Enhanced protection now\n</title><meta content='article' "
      "property='og:type'/><meta content='Enhanced protection now' "
      "property='og:title'/></head><body><p>x</p></body></html>");
  EXPECT_EQ(m.title, "Enhanced protection now");
  EXPECT_EQ(m.declared_language, "en");
}

TEST(MetadataTest, JsonLdGraphGivesArticleFields) {
  Metadata m = MetaOf(R"(<html><head><script type="application/ld+json">
    {"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","name":"Example Times"},
      {"@type":"NewsArticle","headline":"Rates rise again",
       "datePublished":"2021-04-05T22:30:00-05:00",
       "dateModified":"2021-04-06T10:00:00Z",
       "author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Chen"}],
       "publisher":{"@type":"Organization","name":"Example Times"},
       "image":{"@type":"ImageObject","url":"/img/a.jpg"},
       "articleSection":["Business"],
       "isAccessibleForFree":false}]}
    </script></head><body><p>Text</p></body></html>)",
                      "https://example.com/news/rates");
  EXPECT_EQ(m.title, "Rates rise again");
  EXPECT_EQ(m.byline, "Ann Lee, Bo Chen");
  EXPECT_EQ(m.site_name, "Example Times");
  EXPECT_EQ(m.section, "Business");
  EXPECT_EQ(m.image_url, "https://example.com/img/a.jpg");
  EXPECT_TRUE(m.paywalled);
  // The day as written, not moved by the offset.
  EXPECT_EQ(Day(m.published_at), "2021-04-05");
  EXPECT_EQ(Day(m.modified_at), "2021-04-06");
}

TEST(MetadataTest, MalformedJsonLdIsIgnored) {
  Metadata m = MetaOf(
      "<html><head><title>Plain title here</title><script "
      "type='application/ld+json'>{\"@type\": \"NewsArticle\", "
      "headline: broken</script></head><body></body></html>");
  EXPECT_EQ(m.title, "Plain title here");
}

TEST(MetadataTest, DatePrecedenceUrlThenMetaThenTimeThenText) {
  const std::string body =
      "<body><time datetime='2018-01-02'>2 Jan</time>"
      "<p>Posted on 7 March 2017</p></body>";
  const std::string meta =
      "<head><meta property='article:published_time' "
      "content='2019-05-06T08:00:00Z'></head>";
  EXPECT_EQ(Day(MetaOf("<html>" + meta + body + "</html>",
                       "https://x.com/2020/02/03/story")
                    .published_at),
            "2020-02-03");
  EXPECT_EQ(
      Day(MetaOf("<html>" + meta + body + "</html>", "https://x.com/story")
              .published_at),
      "2019-05-06");
  EXPECT_EQ(Day(MetaOf("<html>" + body + "</html>").published_at),
            "2018-01-02");
  EXPECT_EQ(Day(MetaOf("<html><body><p>Posted on 7 March 2017 by Ann</p>"
                       "</body></html>")
                    .published_at),
            "2017-03-07");
}

TEST(MetadataTest, DateFromUrlPatterns) {
  EXPECT_EQ(Day(DateFromUrl("https://x.com/2019/03/05/a")), "2019-03-05");
  EXPECT_EQ(Day(DateFromUrl("https://x.com/news/2019-03-05-a")), "2019-03-05");
  EXPECT_EQ(Day(DateFromUrl("https://x.com/a/20190305/b")), "2019-03-05");
  EXPECT_EQ(Day(DateFromUrl("https://x.com/a/2019/03/")), "none");
  EXPECT_EQ(Day(DateFromUrl("https://2019.com/a?d=2019-03-05")), "none");
}

TEST(MetadataTest, BylineFromMetaAndMarkup) {
  EXPECT_EQ(MetaOf("<html><head><meta name='author' content='By Jo Smith'>"
                   "</head><body></body></html>")
                .byline,
            "Jo Smith");
  EXPECT_EQ(MetaOf("<html><body><span class='byline'>By Max Muster</span>"
                   "<p>Text</p></body></html>")
                .byline,
            "Max Muster");
}

}  // namespace
}  // namespace tidings::extract
