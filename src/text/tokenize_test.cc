#include "text/tokenize.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "text/normalize.h"

namespace tidings::text {
namespace {

using ::testing::ElementsAre;

TEST(WordTokensTest, LowerCasesAndSplitsOnPunctuation) {
  EXPECT_THAT(
      WordTokens("The U.S. President, Joe-Biden said: \"Hi!\""),
      ElementsAre("the", "u", "s", "president", "joe", "biden", "said", "hi"));
}

TEST(WordTokensTest, KeepsApostrophesInsideWordsAndNumbers) {
  EXPECT_THAT(WordTokens("Don't pay $1,000.50 for 3.5 students' books"),
              ElementsAre("don't", "pay", "1,000.50", "for", "3.5", "students",
                          "books"));
}

TEST(WordTokensTest, CurlyApostropheBecomesAscii) {
  EXPECT_THAT(WordTokens("It\u2019s Obama\u2019s"),
              ElementsAre("it's", "obama's"));
}

TEST(WordTokensTest, LowerCasesNonAsciiLetters) {
  EXPECT_THAT(WordTokens("ÉCOLE Straße ÜBER Ελλάδα"),
              ElementsAre("école", "straße", "über", "ελλάδα"));
}

TEST(WordTokensTest, ComposesDecomposedLetters) {
  // "e" + COMBINING ACUTE ACCENT becomes the precomposed "é".
  EXPECT_THAT(WordTokens("Cafe\u0301 noir"), ElementsAre("caf\u00e9", "noir"));
}

TEST(WordTokensTest, CurlyQuotesAndDashesSeparate) {
  EXPECT_THAT(WordTokens("\u201cYes\u201d\u2014no\u2026 maybe"),
              ElementsAre("yes", "no", "maybe"));
}

TEST(WordTokensTest, SegmentsChineseWithDictionary) {
  std::vector<std::string> tokens = WordTokens("我们在北京 news");
  ASSERT_GE(tokens.size(), 3u);
  EXPECT_EQ(tokens.back(), "news");
  std::string joined;
  for (size_t i = 0; i + 1 < tokens.size(); ++i) joined += tokens[i];
  EXPECT_EQ(joined, "我们在北京");
}

TEST(WordTokensTest, IllFormedUtf8DoesNotCrash) {
  std::string bad = "abc\xff\xfe def \xe2\x82";
  EXPECT_THAT(WordTokens(bad), ElementsAre("abc", "def"));
}

TEST(WordTokensTest, EmptyInput) { EXPECT_TRUE(WordTokens("").empty()); }

TEST(CountWordsTest, CountsWordsAndCjkCharacters) {
  WordCounts c = CountWords("Hello world, it's 2024. 東京は晴れ");
  EXPECT_EQ(c.words, 4);
  EXPECT_EQ(c.cjk_chars, 5);
}

TEST(NormalizeTest, NfcComposes) {
  EXPECT_EQ(Nfc("e\u0301"), "\u00e9");
  EXPECT_EQ(Nfc("plain"), "plain");
}

TEST(NormalizeTest, ToLower) {
  EXPECT_EQ(ToLower("ÀBC Def"), "àbc def");
  EXPECT_TRUE(IsAscii("abc"));
  EXPECT_FALSE(IsAscii("abcdefghé"));
}

}  // namespace
}  // namespace tidings::text
