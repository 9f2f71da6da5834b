#include "dedup/canonical_url.h"

#include <gtest/gtest.h>

#include <string>

namespace tidings::dedup {
namespace {

struct Case {
  const char* input;
  const char* expected;
};

TEST(CanonicalizeUrlTest, Table) {
  const Case cases[] = {
      // Scheme and host case, default ports, userinfo, fragment.
      {"HTTPS://WWW.Example.COM/News/Story",
       "https://www.example.com/News/Story"},
      {"http://www.example.com:80/a", "http://www.example.com/a"},
      {"https://www.example.com:443/a", "https://www.example.com/a"},
      {"https://www.example.com:8443/a", "https://www.example.com:8443/a"},
      {"https://user:pw@www.example.com/a", "https://www.example.com/a"},
      {"https://www.example.com/a#comments", "https://www.example.com/a"},
      {"https://www.example.com./a", "https://www.example.com/a"},
      // Tracking parameters.
      {"https://www.example.com/a?utm_source=rss&utm_medium=feed",
       "https://www.example.com/a"},
      {"https://www.example.com/a?id=7&fbclid=IwAR0x&gclid=1",
       "https://www.example.com/a?id=7"},
      {"https://www.example.com/a?mc_cid=1&mc_eid=2&ocid=msn&page=2",
       "https://www.example.com/a?page=2"},
      {"https://www.example.com/a?UTM_Campaign=x", "https://www.example.com/a"},
      {"https://www.example.com/a?b=2&a=1",
       "https://www.example.com/a?a=1&b=2"},
      {"https://www.example.com/a?", "https://www.example.com/a"},
      // AMP and mobile variants.
      {"https://amp.example.com/a", "https://www.example.com/a"},
      {"https://m.example.com/a", "https://www.example.com/a"},
      {"https://mobile.example.com/a", "https://www.example.com/a"},
      {"https://www.example.com/amp/world/story",
       "https://www.example.com/world/story"},
      {"https://www.example.com/world/story/amp",
       "https://www.example.com/world/story"},
      {"https://www.example.com/world/story.amp.html",
       "https://www.example.com/world/story.html"},
      {"https://www.example.com/a?amp", "https://www.example.com/a"},
      {"https://www.example.com/a?amp=1&x=y", "https://www.example.com/a?x=y"},
      {"https://www.example.com/a?outputType=amp", "https://www.example.com/a"},
      {"https://m.com/a", "https://m.com/a"},
      // Trailing slashes, index files, dot segments, duplicate slashes.
      {"https://www.example.com/a/", "https://www.example.com/a"},
      {"https://www.example.com", "https://www.example.com/"},
      {"https://www.example.com/", "https://www.example.com/"},
      {"https://www.example.com/a/index.html", "https://www.example.com/a"},
      {"https://www.example.com/index.htm", "https://www.example.com/"},
      {"https://www.example.com/a/./b/../c", "https://www.example.com/a/c"},
      {"https://www.example.com//a///b", "https://www.example.com/a/b"},
      // Percent-encoding.
      {"https://www.example.com/%7Euser/%61bc",
       "https://www.example.com/~user/abc"},
      {"https://www.example.com/a%2fb", "https://www.example.com/a%2Fb"},
      {"https://www.example.com/caf\xc3\xa9 x",
       "https://www.example.com/caf%C3%A9%20x"},
      {"https://www.example.com/s?q=a%20b&q2=%7e",
       "https://www.example.com/s?q=a%20b&q2=~"},
      // Not a URL: trimmed and returned.
      {"  not a url ", "not a url"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CanonicalizeUrl(c.input), c.expected) << c.input;
  }
}

TEST(CanonicalizeUrlTest, VariantsOfOneArticleShareOneKey) {
  std::string key = CanonicalizeUrl("https://www.example.com/world/story-1");
  EXPECT_EQ(
      CanonicalizeUrl("https://m.example.com/world/story-1/?utm_source=tw#top"),
      key);
  EXPECT_EQ(CanonicalizeUrl("https://amp.example.com/amp/world/story-1"), key);
  EXPECT_EQ(
      CanonicalizeUrl("HTTPS://WWW.EXAMPLE.COM:443/world/story-1/index.html"),
      key);
}

TEST(CanonicalizeUrlTest, PrefersSameSiteRelCanonical) {
  EXPECT_EQ(CanonicalizeUrl("https://m.bbc.co.uk/news/x?ocid=1",
                            "https://www.bbc.co.uk/news/world-123"),
            "https://www.bbc.co.uk/news/world-123");
  // Relative canonical resolved against the page.
  EXPECT_EQ(CanonicalizeUrl("https://www.example.com/a/b?p=1", "/a/c/"),
            "https://www.example.com/a/c");
  // A cross-site canonical is ignored.
  EXPECT_EQ(CanonicalizeUrl("https://www.example.com/a", "https://evil.org/a"),
            "https://www.example.com/a");
  // Empty or unusable canonical falls back to the page URL.
  EXPECT_EQ(CanonicalizeUrl("https://www.example.com/a/", ""),
            "https://www.example.com/a");
}

TEST(RegistrableDomainTest, Heuristic) {
  EXPECT_EQ(RegistrableDomain("news.bbc.co.uk"), "bbc.co.uk");
  EXPECT_EQ(RegistrableDomain("www.theguardian.com"), "theguardian.com");
  EXPECT_EQ(RegistrableDomain("example.com"), "example.com");
  EXPECT_EQ(RegistrableDomain("www.abc.net.au"), "abc.net.au");
  EXPECT_EQ(RegistrableDomain("edition.cnn.com"), "cnn.com");
}

TEST(IsTrackingParameterTest, KnownNames) {
  EXPECT_TRUE(IsTrackingParameter("utm_content"));
  EXPECT_TRUE(IsTrackingParameter("fbclid"));
  EXPECT_TRUE(IsTrackingParameter("GCLID"));
  EXPECT_FALSE(IsTrackingParameter("id"));
  EXPECT_FALSE(IsTrackingParameter("page"));
}

}  // namespace
}  // namespace tidings::dedup
