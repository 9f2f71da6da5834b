#include "text/stopwords.h"

#include <gtest/gtest.h>

#include "text/stemmer.h"

namespace tidings::text {
namespace {

TEST(StopWordsTest, KnowsCommonFunctionWords) {
  EXPECT_TRUE(IsStopWord("en", "the"));
  EXPECT_TRUE(IsStopWord("en-GB", "and"));
  EXPECT_FALSE(IsStopWord("en", "election"));
  EXPECT_TRUE(IsStopWord("de", "und"));
  EXPECT_TRUE(IsStopWord("de", "über"));
  EXPECT_TRUE(IsStopWord("fr", "les"));
  EXPECT_TRUE(IsStopWord("es", "para"));
  EXPECT_TRUE(IsStopWord("it", "della"));
  EXPECT_TRUE(IsStopWord("pt", "não"));
  EXPECT_TRUE(IsStopWord("nl", "het"));
  EXPECT_FALSE(IsStopWord("nl", "regering"));
}

TEST(StopWordsTest, UnknownLanguageHasNone) {
  EXPECT_FALSE(IsStopWord("xx", "the"));
  EXPECT_FALSE(IsStopWord("", "the"));
  EXPECT_FALSE(HasStopWords("zz"));
  EXPECT_TRUE(HasStopWords("EN"));
}

TEST(StemmerTest, StemsPerLanguage) {
  Stemmer en("en");
  ASSERT_TRUE(en.ok());
  EXPECT_EQ(en.Stem("running"), "run");
  EXPECT_EQ(en.Stem("elections"), "elect");
  Stemmer de("de");
  EXPECT_EQ(de.Stem("häuser"), "haus");
  Stemmer fr("fr-FR");
  EXPECT_EQ(fr.Stem("continuation"), "continu");
}

TEST(StemmerTest, PorterIsTheOriginalAlgorithm) {
  Stemmer porter("porter");
  ASSERT_TRUE(porter.ok());
  EXPECT_EQ(porter.Stem("generalizations"), "gener");
  EXPECT_EQ(porter.Stem("caresses"), "caress");
}

TEST(StemmerTest, UnknownLanguageIsIdentity) {
  Stemmer none("xx");
  EXPECT_FALSE(none.ok());
  EXPECT_EQ(none.Stem("running"), "running");
  Stemmer moved = std::move(none);
  EXPECT_EQ(moved.Stem("abc"), "abc");
}

}  // namespace
}  // namespace tidings::text
