#include "base/url.h"

#include <gtest/gtest.h>

namespace tidings {
namespace {

TEST(ParseUrlTest, SplitsComponents) {
  Result<Url> url =
      ParseUrl("  HTTPS://user@WWW.Example.COM:8443/a/b?x=1#top ");
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->userinfo, "user");
  EXPECT_EQ(url->host, "www.example.com");
  EXPECT_EQ(url->port, "8443");
  EXPECT_EQ(url->path, "/a/b");
  EXPECT_TRUE(url->has_query);
  EXPECT_EQ(url->query, "x=1");
  EXPECT_TRUE(url->has_fragment);
  EXPECT_EQ(url->fragment, "top");
  EXPECT_EQ(url->EffectivePort(), 8443);
  EXPECT_EQ(url->ToString(), "https://user@www.example.com:8443/a/b?x=1#top");
}

TEST(ParseUrlTest, DefaultPortsAndIpv6) {
  EXPECT_EQ(ParseUrl("http://a.b/")->EffectivePort(), 80);
  EXPECT_EQ(ParseUrl("https://a.b")->EffectivePort(), 443);
  Result<Url> v6 = ParseUrl("http://[::1]:8080/x");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "[::1]");
  EXPECT_EQ(v6->port, "8080");
}

TEST(ParseUrlTest, RejectsMalformed) {
  EXPECT_FALSE(ParseUrl("no scheme").ok());
  EXPECT_FALSE(ParseUrl("mailto:x@y").ok());
  EXPECT_FALSE(ParseUrl("http:///path").ok());
  EXPECT_FALSE(ParseUrl("http://host:80x/").ok());
  EXPECT_FALSE(ParseUrl("http://[::1/").ok());
}

TEST(ResolveUrlTest, Rfc3986Examples) {
  const std::string base = "http://a/b/c/d;p?q";
  EXPECT_EQ(*ResolveUrl(base, "g"), "http://a/b/c/g");
  EXPECT_EQ(*ResolveUrl(base, "./g"), "http://a/b/c/g");
  EXPECT_EQ(*ResolveUrl(base, "g/"), "http://a/b/c/g/");
  EXPECT_EQ(*ResolveUrl(base, "/g"), "http://a/g");
  EXPECT_EQ(*ResolveUrl(base, "//g"), "http://g");
  EXPECT_EQ(*ResolveUrl(base, "?y"), "http://a/b/c/d;p?y");
  EXPECT_EQ(*ResolveUrl(base, "#s"), "http://a/b/c/d;p?q#s");
  EXPECT_EQ(*ResolveUrl(base, "../g"), "http://a/b/g");
  EXPECT_EQ(*ResolveUrl(base, "../../g"), "http://a/g");
  EXPECT_EQ(*ResolveUrl(base, "../../../g"), "http://a/g");
  EXPECT_EQ(*ResolveUrl(base, ".."), "http://a/b/");
  EXPECT_EQ(*ResolveUrl(base, "https://other/x/../y"), "https://other/y");
}

TEST(PercentDecodeTest, DecodesValidEscapesOnly) {
  EXPECT_EQ(PercentDecode("a%20b%2Fc"), "a b/c");
  EXPECT_EQ(PercentDecode("100%"), "100%");
  EXPECT_EQ(PercentDecode("%zz%4"), "%zz%4");
  EXPECT_EQ(PercentDecode("a+b"), "a+b");
}

TEST(UrlHostTest, ReturnsHostOrEmpty) {
  EXPECT_EQ(UrlHost("https://News.Example.org./x"), "news.example.org");
  EXPECT_EQ(UrlHost("junk"), "");
}

}  // namespace
}  // namespace tidings
