#include "fetch/robots.h"

#include <gtest/gtest.h>

namespace tidings::fetch {
namespace {

TEST(RobotsPatternTest, PrefixWildcardAndAnchor) {
  EXPECT_TRUE(RobotsPatternMatches("/news", "/news/today"));
  EXPECT_FALSE(RobotsPatternMatches("/news", "/new"));
  EXPECT_TRUE(RobotsPatternMatches("/*.pdf$", "/a/b/report.pdf"));
  EXPECT_FALSE(RobotsPatternMatches("/*.pdf$", "/a/b/report.pdf?x=1"));
  EXPECT_TRUE(RobotsPatternMatches("/*.pdf", "/a/report.pdf?x=1"));
  EXPECT_TRUE(RobotsPatternMatches("/a*b*c", "/axxbyyc"));
  EXPECT_FALSE(RobotsPatternMatches("/a*b*c$", "/axxbyycd"));
  EXPECT_TRUE(RobotsPatternMatches("/", "/"));
  EXPECT_TRUE(RobotsPatternMatches("/$", "/"));
  EXPECT_FALSE(RobotsPatternMatches("/$", "/a"));
  EXPECT_TRUE(RobotsPatternMatches("*", ""));
}

TEST(RobotsPatternTest, ManyStarsStayFast) {
  std::string pattern = "/";
  for (int i = 0; i < 200; ++i) pattern += "*a";
  pattern += "$";
  std::string path = "/" + std::string(5000, 'a') + "b";
  EXPECT_FALSE(RobotsPatternMatches(pattern, path));
}

TEST(RobotsRulesTest, SpecificGroupWinsOverWildcard) {
  auto rules = RobotsRules::Parse(
      "User-agent: *\nDisallow: /\n\n"
      "User-agent: Tidings/1.0\nDisallow: /private\n",
      "tidings");
  EXPECT_TRUE(rules.IsAllowed("/news/a"));
  EXPECT_FALSE(rules.IsAllowed("/private/x"));
}

TEST(RobotsRulesTest, WildcardGroupWhenNotNamed) {
  auto rules = RobotsRules::Parse(
      "User-agent: googlebot\nDisallow: /\n\n"
      "User-agent: *\nDisallow: /tmp/\nCrawl-delay: 2.5\n",
      "tidings");
  EXPECT_TRUE(rules.IsAllowed("/"));
  EXPECT_FALSE(rules.IsAllowed("/tmp/file"));
  ASSERT_TRUE(rules.crawl_delay().has_value());
  EXPECT_DOUBLE_EQ(*rules.crawl_delay(), 2.5);
}

TEST(RobotsRulesTest, LongestMatchWinsAndAllowWinsTies) {
  auto rules = RobotsRules::Parse(
      "User-agent: *\n"
      "Disallow: /news/\n"
      "Allow: /news/public/\n"
      "Disallow: /page\n"
      "Allow: /page\n",
      "tidings");
  EXPECT_FALSE(rules.IsAllowed("/news/secret"));
  EXPECT_TRUE(rules.IsAllowed("/news/public/a"));
  EXPECT_TRUE(rules.IsAllowed("/page"));
}

TEST(RobotsRulesTest, GroupsWithSeveralAgentsAndMerging) {
  auto rules = RobotsRules::Parse(
      "User-agent: foo\nUser-agent: TIDINGS\nDisallow: /a\n"
      "User-agent: bar\nDisallow: /b\n"
      "User-agent: tidings\nDisallow: /c\n",
      "tidings");
  EXPECT_FALSE(rules.IsAllowed("/a"));
  EXPECT_TRUE(rules.IsAllowed("/b"));
  EXPECT_FALSE(rules.IsAllowed("/c"));
}

TEST(RobotsRulesTest, EmptyDisallowCommentsAndBadLines) {
  auto rules = RobotsRules::Parse(
      "\xEF\xBB\xBF# comment\nUser-agent: * # all\nDisallow:\n"
      "garbage line\nSitemap: https://x/sitemap.xml\n",
      "tidings");
  EXPECT_TRUE(rules.IsAllowed("/anything"));
  EXPECT_FALSE(rules.crawl_delay().has_value());
}

TEST(RobotsRulesTest, PercentEscapesCompareCaseInsensitively) {
  auto rules = RobotsRules::Parse("User-agent: *\nDisallow: /a%2fb\n", "x");
  EXPECT_FALSE(rules.IsAllowed("/a%2Fb"));
}

TEST(RobotsRulesTest, RobotsTxtItselfAlwaysAllowedAndDefaults) {
  EXPECT_TRUE(RobotsRules::DisallowAll().IsAllowed("/robots.txt"));
  EXPECT_FALSE(RobotsRules::DisallowAll().IsAllowed("/x"));
  EXPECT_TRUE(RobotsRules::AllowAll().IsAllowed("/x"));
  EXPECT_TRUE(RobotsRules::Parse("", "tidings").IsAllowed("/x"));
}

}  // namespace
}  // namespace tidings::fetch
