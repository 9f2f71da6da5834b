#include "text/sentences.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tidings::text {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Texts(std::string_view text,
                               std::string_view lang = "en") {
  std::vector<std::string> out;
  for (const Sentence& s : SplitSentences(text, lang)) out.push_back(s.text);
  return out;
}

TEST(SplitSentencesTest, SplitsPlainSentences) {
  EXPECT_THAT(Texts("It rained. The match was cancelled! Why? Nobody knows."),
              ElementsAre("It rained.", "The match was cancelled!", "Why?",
                          "Nobody knows."));
}

TEST(SplitSentencesTest, TitlesAndAbbreviationsDoNotEndSentences) {
  EXPECT_THAT(
      Texts("Mr. Smith met Dr. Jones on Jan. 6 at No. 10 Downing St. in "
            "London. They talked."),
      ElementsAre("Mr. Smith met Dr. Jones on Jan. 6 at No. 10 Downing St. "
                  "in London.",
                  "They talked."));
  EXPECT_THAT(Texts("Use tools, e.g. hammers. Then rest."),
              ElementsAre("Use tools, e.g. hammers.", "Then rest."));
}

TEST(SplitSentencesTest, AcronymsContinueUnlessAFunctionWordFollows) {
  EXPECT_THAT(Texts("The U.S. President spoke. He left the U.S. The talks "
                    "ended."),
              ElementsAre("The U.S. President spoke.", "He left the U.S.",
                          "The talks ended."));
}

TEST(SplitSentencesTest, InitialsDoNotEndSentences) {
  EXPECT_THAT(
      Texts("The book by J. K. Rowling sold well. It was huge."),
      ElementsAre("The book by J. K. Rowling sold well.", "It was huge."));
}

TEST(SplitSentencesTest, DecimalsQuotesAndEllipses) {
  EXPECT_THAT(Texts("Growth was 3.5 percent. \"We did it.\" he said. "
                    "Wait... what happened? Then… Nothing."),
              ElementsAre("Growth was 3.5 percent.", "\"We did it.\" he said.",
                          "Wait... what happened?", "Then…", "Nothing."));
}

TEST(SplitSentencesTest, LineBreaksEndSentencesAndOffsetsPointIntoInput) {
  std::string text = "  First line without dot\n\nSecond  one.  ";
  std::vector<Sentence> s = SplitSentences(text, "en");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].text, "First line without dot");
  EXPECT_EQ(text.substr(s[0].begin, s[0].end - s[0].begin),
            "First line without dot");
  EXPECT_EQ(s[1].text, "Second one.");
  EXPECT_EQ(text.substr(s[1].begin, s[1].end - s[1].begin), "Second  one.");
}

TEST(SplitSentencesTest, GermanOrdinalsAndAbbreviations) {
  EXPECT_THAT(Texts("Am 3. Oktober feiern wir, z. B. mit Musik. Dann "
                    "schlafen wir.",
                    "de"),
              ElementsAre("Am 3. Oktober feiern wir, z. B. mit Musik.",
                          "Dann schlafen wir."));
}

TEST(SplitSentencesTest, NonAsciiOffsets) {
  std::string text = "Ça va très bien. Où êtes-vous?";
  std::vector<Sentence> s = SplitSentences(text, "fr");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(text.substr(s[1].begin, s[1].end - s[1].begin), "Où êtes-vous?");
}

TEST(SplitSentencesTest, EmptyAndIllFormed) {
  EXPECT_TRUE(SplitSentences("", "en").empty());
  EXPECT_TRUE(SplitSentences("   \n ", "en").empty());
  EXPECT_EQ(SplitSentences("abc\xff def. Ghi.", "en").size(), 2u);
}

TEST(ReadingTimeTest, WordsAndCjk) {
  std::string words;
  for (int i = 0; i < 238; ++i) words += "word ";
  EXPECT_EQ(ReadingSeconds(words, "en"), 60);
  EXPECT_EQ(ReadingSeconds("", "en"), 0);
  EXPECT_EQ(ReadingSeconds("Hi", "en"), 1);
  std::string cjk;
  for (int i = 0; i < 250; ++i) cjk += "字";
  EXPECT_EQ(ReadingSeconds(cjk, "zh"), 30);
}

TEST(ReadingTimeTest, Format) {
  EXPECT_EQ(FormatReadingTime(81), "81 sec");
  EXPECT_EQ(FormatReadingTime(0), "0 sec");
  EXPECT_EQ(FormatReadingTime(180), "3 min");
  EXPECT_EQ(FormatReadingTime(200), "3 min");
  EXPECT_EQ(FormatReadingTime(119), "119 sec");
}

}  // namespace
}  // namespace tidings::text
