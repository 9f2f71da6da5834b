#include "web/html.h"

#include <gtest/gtest.h>

#include <string>

#include "web/http_util.h"

namespace tidings::web {
namespace {

TEST(EscapeHtmlTest, EscapesMarkupAndQuotes) {
  EXPECT_EQ(EscapeHtml("<a href=\"x\">Tom & 'Jerry'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
  EXPECT_EQ(EscapeHtml("plain"), "plain");
}

TEST(EscapeXmlTest, DropsForbiddenControlsAndRepairsUtf8) {
  EXPECT_EQ(EscapeXml("a\x01"
                      "b\tc"),
            "ab\tc");
  EXPECT_EQ(EscapeXml("\xff"), "\xEF\xBF\xBD");
  EXPECT_EQ(EscapeXml("<'&\">"), "&lt;&apos;&amp;&quot;&gt;");
}

TEST(ValidUtf8Test, KeepsValidReplacesInvalid) {
  EXPECT_EQ(ValidUtf8("Zürich – 東京 😀"), "Zürich – 東京 😀");
  EXPECT_EQ(ValidUtf8("a\xC3"), "a\xEF\xBF\xBD");                // Truncated.
  EXPECT_EQ(ValidUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // Overlong.
  EXPECT_EQ(ValidUtf8("\xED\xA0\x80"),                           // Surrogate.
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(SafeExternalUrlTest, AllowsOnlyHttp) {
  EXPECT_EQ(SafeExternalUrl(" https://x.org/a?b=1 "), "https://x.org/a?b=1");
  EXPECT_EQ(SafeExternalUrl("HTTP://X.ORG/"), "HTTP://X.ORG/");
  EXPECT_EQ(SafeExternalUrl("javascript:alert(1)"), "");
  EXPECT_EQ(SafeExternalUrl("  JavaScript:alert(1)"), "");
  EXPECT_EQ(SafeExternalUrl("data:text/html,x"), "");
  EXPECT_EQ(SafeExternalUrl("/relative"), "");
  EXPECT_EQ(SafeExternalUrl("https://"), "");
  EXPECT_EQ(SafeExternalUrl("https://x.org/a\nb"), "");
}

TEST(TruncateTest, CutsAtWordsWithoutSplittingUtf8) {
  EXPECT_EQ(Truncate("short", 10), "short");
  EXPECT_EQ(Truncate("one two three four", 12), "one two…");
  const std::string cut = Truncate("ééééééééééé", 5);
  EXPECT_EQ(ValidUtf8(cut), cut);
}

TEST(SanitizeHtmlTest, KeepsAllowedStructure) {
  EXPECT_EQ(SanitizeHtml("<p>One <em>two</em></p><ul><li>x</li></ul>"),
            "<p>One <em>two</em></p><ul><li>x</li></ul>");
  EXPECT_EQ(SanitizeHtml("<H1 class=big>Title</H1>"), "<h2>Title</h2>");
  EXPECT_EQ(SanitizeHtml("a<br/>b<br>c"), "a<br>b<br>c");
  EXPECT_EQ(SanitizeHtml("<td colspan=\"2\" style=\"x\">c</td>"),
            "<td colspan=\"2\">c</td>");
}

TEST(SanitizeHtmlTest, RemovesScriptsHandlersAndBadUrls) {
  EXPECT_EQ(SanitizeHtml("<p onclick=\"x()\">a</p><script>alert(1)</script>"),
            "<p>a</p>");
  EXPECT_EQ(SanitizeHtml("<SCRIPT type=x>evil()</SCRIPT >ok"), "ok");
  EXPECT_EQ(SanitizeHtml("<style>p{}</style><iframe src=x>in</iframe>t"), "t");
  EXPECT_EQ(SanitizeHtml("<img src=x onerror=alert(1)>"), "");
  EXPECT_EQ(SanitizeHtml("<a href=\"javascript:alert(1)\">x</a>"),
            "<a rel=\"nofollow noopener noreferrer\">x</a>");
  EXPECT_EQ(SanitizeHtml("<a href=\"&#106;avascript:alert(1)\">x</a>"),
            "<a rel=\"nofollow noopener noreferrer\">x</a>");
  EXPECT_EQ(SanitizeHtml("<a href='https://x.org/?a=1&amp;b=2'>x</a>"),
            "<a href=\"https://x.org/?a=1&amp;b=2\" rel=\"nofollow noopener "
            "noreferrer\">x</a>");
  EXPECT_EQ(SanitizeHtml("<!-- <script>x</script> -->text"), "text");
  EXPECT_EQ(SanitizeHtml("<svg><script>x</script></svg>y"), "y");
}

TEST(SanitizeHtmlTest, UnwrapsUnknownAndBalancesTags) {
  EXPECT_EQ(SanitizeHtml("<div><span>text</span></div>"), "text");
  EXPECT_EQ(SanitizeHtml("<p><b>open"), "<p><b>open</b></p>");
  EXPECT_EQ(SanitizeHtml("</p>stray</b>"), "stray");
  EXPECT_EQ(SanitizeHtml("<p><b>x</p>y"), "<p><b>x</b></p>y");
  EXPECT_EQ(SanitizeHtml("1 < 2 && 3 > 2 &amp; &copy; &#169;"),
            "1 &lt; 2 &amp;&amp; 3 &gt; 2 &amp; &copy; &#169;");
  EXPECT_EQ(SanitizeHtml("<a href=\"https://a\">1<a href=\"https://b\">2"),
            "<a href=\"https://a\" rel=\"nofollow noopener noreferrer\">1</a>"
            "<a href=\"https://b\" rel=\"nofollow noopener noreferrer\">2</a>");
}

TEST(SanitizeHtmlTest, HostileInputStaysBounded) {
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "<b>";
  const std::string out = SanitizeHtml(deep);
  EXPECT_LT(out.size(), 2000u);
  EXPECT_EQ(SanitizeHtml("<p"), "");
  EXPECT_EQ(SanitizeHtml("<a href=\"unterminated"), "");
  EXPECT_EQ(SanitizeHtml("<"), "&lt;");
  EXPECT_EQ(SanitizeHtml("x <3"), "x &lt;3");
}

TEST(HttpUtilTest, ParsesTargets) {
  const Target t = ParseTarget("/a%20b?q=two+words&x=%3C&q=second&flag#frag");
  EXPECT_EQ(t.path, "/a b");
  EXPECT_EQ(t.query.at("q"), "two words");
  EXPECT_EQ(t.query.at("x"), "<");
  EXPECT_EQ(t.query.at("flag"), "");
  EXPECT_EQ(ParseTarget("/p?bad=%zz%4").query.at("bad"), "%zz%4");
}

TEST(HttpUtilTest, ParsesIds) {
  EXPECT_EQ(ParsePositiveId("42"), 42);
  EXPECT_FALSE(ParsePositiveId("0"));
  EXPECT_FALSE(ParsePositiveId("-1"));
  EXPECT_FALSE(ParsePositiveId("1x"));
  EXPECT_FALSE(ParsePositiveId("99999999999999999999999"));
  EXPECT_FALSE(ParsePositiveId(""));
}

TEST(HttpUtilTest, FormatsDates) {
  EXPECT_EQ(FormatHttpDate(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(FormatRfc822(784111777), "Sun, 06 Nov 1994 08:49:37 +0000");
}

TEST(HttpUtilTest, MatchesEtagsAndEncodings) {
  const std::string etag = WeakEtag("body");
  EXPECT_EQ(etag.substr(0, 3), "W/\"");
  EXPECT_NE(etag, WeakEtag("other"));
  EXPECT_TRUE(EtagMatches(etag, etag));
  EXPECT_TRUE(EtagMatches("\"x\", " + etag.substr(2), etag));
  EXPECT_TRUE(EtagMatches("*", etag));
  EXPECT_FALSE(EtagMatches("W/\"nope\"", etag));
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(AcceptsGzip("deflate;q=1, gzip;q=0.5"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("br"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_EQ(UrlEncode("a b/ü"), "a%20b%2F%C3%BC");
}

TEST(HttpUtilTest, GzipsToAValidStream) {
  const std::string text(5000, 'a');
  Result<std::string> gz = GzipCompress(text);
  ASSERT_TRUE(gz.ok());
  ASSERT_GT(gz->size(), 10u);
  EXPECT_EQ(static_cast<unsigned char>((*gz)[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>((*gz)[1]), 0x8b);
  EXPECT_LT(gz->size(), 100u);
}

}  // namespace
}  // namespace tidings::web
