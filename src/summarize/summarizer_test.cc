#include "summarize/summarizer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "base/test_util.h"
#include "summarize/eval_data.h"
#include "summarize/rouge.h"
#include "text/sentences.h"

namespace tidings::summarize {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A news article about a flood, in our own words, with page furniture and
// teasers of other stories mixed in.
std::vector<std::string> FloodArticle() {
  return {
      "By Jane Doe",
      "Heavy rain flooded hundreds of homes in the river valley on Monday, "
      "forcing emergency crews to evacuate residents by boat.",
      "The river rose two metres overnight after a week of storms, the "
      "environment agency said.",
      "Image copyright Getty Images",
      "Emergency crews rescued more than 200 residents from flooded homes, "
      "and the valley's schools were closed.",
      "Read more: How to protect your home from flooding",
      "Officials warned that more rain is expected and the river could rise "
      "further by Wednesday.",
      "Sign up for our morning newsletter to get the news in your inbox.",
      "Residents said the flood was the worst they had seen in the valley "
      "in thirty years.",
      "The agency has opened shelters in two towns for families whose homes "
      "were flooded by the river.",
      "Follow us on Twitter and Facebook.",
      "Celebrity chef opens new restaurant serving vegan burgers and "
      "milkshakes in the capital's fashionable district.",
      "Copyright 2024 Example News. All rights reserved.",
  };
}

std::string Joined(const std::vector<model::SummarySentence>& s) {
  std::string out;
  for (const auto& x : s) out += x.text + "\n";
  return out;
}

TEST(SummarizeArticleTest, GuardRejectsFurnitureAndTeasers) {
  std::vector<ScoredSentence> scored =
      ScoreSentences("River valley flooded after storms", FloodArticle(), "en");
  std::map<std::string, std::string> verdict;
  for (const auto& s : scored) verdict[s.text] = s.rejected;
  EXPECT_EQ(verdict["By Jane Doe"], "byline");
  EXPECT_EQ(verdict["Image copyright Getty Images"], "boilerplate");
  EXPECT_EQ(verdict["Follow us on Twitter and Facebook."], "boilerplate");
  EXPECT_EQ(verdict["Copyright 2024 Example News."], "boilerplate");
  EXPECT_EQ(verdict["Celebrity chef opens new restaurant serving vegan "
                    "burgers and milkshakes in the capital's fashionable "
                    "district."],
            "off-topic");
  EXPECT_EQ(verdict["The river rose two metres overnight after a week of "
                    "storms, the environment agency said."],
            "");
}

TEST(SummarizeArticleTest, SummaryHoldsOnlyTheArticlesOwnSentencesInOrder) {
  SummaryOptions options;
  options.target_seconds = 20;
  options.min_seconds = 15;
  options.max_seconds = 25;
  auto summary = SummarizeArticle("River valley flooded after storms",
                                  FloodArticle(), "en", options);
  ASSERT_GE(summary.size(), 2u);
  std::string text = Joined(summary);
  EXPECT_THAT(text, HasSubstr("Heavy rain flooded hundreds of homes"));
  EXPECT_THAT(text, Not(HasSubstr("Celebrity chef")));
  EXPECT_THAT(text, Not(HasSubstr("newsletter")));
  EXPECT_THAT(text, Not(HasSubstr("Read more")));
  for (size_t i = 1; i < summary.size(); ++i) {
    EXPECT_LT(summary[i - 1].index, summary[i].index);
  }
  int seconds = text::ReadingSeconds(text, "en");
  EXPECT_LE(seconds, 25 + 2);  // Rounding per sentence.
}

TEST(SummarizeArticleTest, DefaultTargetIsAboutAMinuteAndAHalf) {
  std::vector<std::string> paragraphs;
  for (int i = 0; i < 60; ++i) {
    paragraphs.push_back(
        "The council approved the housing plan number " + std::to_string(i) +
        " after a long debate about homes, roads and schools in the town.");
  }
  auto summary =
      SummarizeArticle("Council approves housing plan", paragraphs, "en");
  int seconds = text::ReadingSeconds(Joined(summary), "en");
  EXPECT_GE(seconds, 50);
  EXPECT_LE(seconds, 95);
}

TEST(SummarizeArticleTest, ShortArticleGetsAtMostHalfItsReadingTime) {
  std::vector<std::string> paragraphs;
  for (int i = 0; i < 8; ++i) {
    paragraphs.push_back("The council approved housing plan number " +
                         std::to_string(i) +
                         " after a debate about homes and schools.");
  }
  auto summary = SummarizeArticle("Council approves plans", paragraphs, "en");
  std::string all;
  for (const auto& p : paragraphs) all += p + "\n";
  ASSERT_FALSE(summary.empty());
  EXPECT_LE(text::ReadingSeconds(Joined(summary), "en"),
            text::ReadingSeconds(all, "en") / 2 + 1);
}

TEST(SummarizeArticleTest, EmptyAndTinyInputs) {
  EXPECT_TRUE(SummarizeArticle("", {}, "en").empty());
  EXPECT_TRUE(SummarizeArticle("", {"Read more"}, "en").empty());
  auto one = SummarizeText(
      "", "The only sentence of this short article says enough.", "en");
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].index, 0);
}

TEST(SummarizeArticleTest, LongFirstSentenceIsStillKept) {
  std::string longest = "The ";
  for (int i = 0; i < 80; ++i) longest += "word" + std::to_string(i) + " ";
  longest += "end.";
  SummaryOptions options;
  options.target_words = 20;
  auto summary = SummarizeArticle("", {longest}, "en", options);
  ASSERT_EQ(summary.size(), 1u);
}

TEST(LeadSentencesTest, TakesTheFirstN) {
  auto lead =
      LeadSentences({"One is here. Two is here.", "Three. Four."}, "en", 3);
  ASSERT_EQ(lead.size(), 3u);
  EXPECT_EQ(lead[2].text, "Three.");
  EXPECT_EQ(lead[2].index, 2);
}

TEST(SplitParagraphsTest, SplitsAtLineBreaks) {
  EXPECT_EQ(SplitParagraphs("a\n\n b \r\nc"),
            (std::vector<std::string>{"a", "b", "c"}));
}

TEST(SummarizeStoryTest, CitesSourcesAndAvoidsRepeats) {
  StoryInput first;
  first.article_id = 11;
  first.published_at = 1000;
  first.quality = 80;
  first.title = "Storm floods river valley";
  first.paragraphs = {
      "Heavy rain flooded hundreds of homes in the river valley on Monday.",
      "Emergency crews rescued more than 200 residents by boat, officials "
      "said.",
      "The river rose two metres overnight after a week of storms."};
  StoryInput second;
  second.article_id = 22;
  second.published_at = 2000;
  second.quality = 60;
  second.title = "Valley flood: hundreds of homes under water";
  second.paragraphs = {
      "Heavy rain flooded hundreds of homes in the river valley on Monday.",
      "Insurers expect claims to exceed ten million pounds, an industry "
      "body said on Tuesday.",
      "Schools in the valley will stay closed until Friday, the council "
      "announced."};
  first.lang = second.lang = "en";
  StorySummaryOptions options;
  options.target_seconds = 20;
  options.max_seconds = 30;
  auto summary = SummarizeStory({second, first}, options);
  ASSERT_GE(summary.size(), 3u);
  int repeats = 0;
  bool cites_first = false, cites_second = false;
  for (const auto& s : summary) {
    EXPECT_TRUE(s.article_id == 11 || s.article_id == 22);
    cites_first |= s.article_id == 11;
    cites_second |= s.article_id == 22;
    if (s.text.rfind("Heavy rain flooded", 0) == 0) ++repeats;
  }
  EXPECT_TRUE(cites_first);
  EXPECT_TRUE(cites_second);
  EXPECT_EQ(repeats, 1);
  // The earliest source comes first and its copy of the lead is the one
  // cited.
  EXPECT_EQ(summary[0].article_id, 11);
  EXPECT_THAT(summary[0].text, HasSubstr("Heavy rain"));
  EXPECT_TRUE(SummarizeStory({}, options).empty());
}

TEST(RougeTest, KnownValues) {
  RougeScorer scorer;
  RougeScores same =
      scorer.Score({"The cat sat on the mat."}, {"the cat sat on the mat"});
  EXPECT_DOUBLE_EQ(same.rouge1.f1, 1.0);
  EXPECT_DOUBLE_EQ(same.rouge2.f1, 1.0);
  EXPECT_DOUBLE_EQ(same.rouge_lsum.f1, 1.0);
  // 4 of 6 unigrams shared in both directions.
  RougeScores part =
      scorer.Score({"the cat was on a mat"}, {"the cat sat on the mat"});
  EXPECT_NEAR(part.rouge1.recall, 4.0 / 6, 1e-9);
  EXPECT_NEAR(part.rouge1.precision, 4.0 / 6, 1e-9);
  EXPECT_NEAR(part.rouge_l.recall, 4.0 / 6, 1e-9);
  EXPECT_EQ(scorer.Score({}, {"x"}).rouge1.f1, 0);
}

TEST(RougeTest, StemsLikeRouge155) {
  RougeScorer scorer;
  EXPECT_EQ(scorer.Tokens("Running cats' U.S.-based"),
            (std::vector<std::string>{"run", "cat", "u", "s", "base"}));
  RougeScorer plain({.stem = false});
  EXPECT_EQ(plain.Tokens("Running"), (std::vector<std::string>{"running"}));
}

TEST(RougeTest, SummaryLevelLcsUsesUnionOverSentences) {
  RougeScorer scorer({.stem = false});
  // Reference sentence "a b c d"; candidates "a b" and "c d" together
  // cover it although neither alone does.
  RougeScores s = scorer.Score({"a b x", "y c d"}, {"a b c d"});
  EXPECT_NEAR(s.rouge_lsum.recall, 1.0, 1e-9);
  EXPECT_NEAR(s.rouge_l.recall, 1.0, 1e-9);
  RougeScores t = scorer.Score({"c d", "a b"}, {"a b c d"});
  EXPECT_NEAR(t.rouge_lsum.recall, 1.0, 1e-9);
  EXPECT_NEAR(t.rouge_l.recall, 0.5, 1e-9);
}

TEST(EvalDataTest, LoadsLineAlignedLayout) {
  auto dir = testing::TempDir("summarize-lines");
  std::ofstream(dir / "src.txt")
      << "<t> the mayor opened the bridge . crowds cheered . </t>\n"
         "First doc two sentence. Another one here.\n";
  std::ofstream(dir / "ref.txt")
      << "<t> mayor opens bridge . </t> <t> crowds cheer . </t>\n"
         "<t> a reference </t>\n";
  Result<std::vector<EvalDoc>> loaded = LoadEvalDocs(dir, "");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const std::vector<EvalDoc> docs = std::move(loaded).value();
  ASSERT_EQ(docs.size(), 2u);
  const std::vector<std::string> expected = {"the mayor opened the bridge .",
                                             "crowds cheered ."};
  EXPECT_EQ(docs[0].paragraphs, expected);
  EXPECT_EQ(docs[0].reference.size(), 2u);
  EvalResult r = EvaluateSummaries(docs, DefaultEvalOptions(""));
  EXPECT_EQ(r.docs, 2);
  EXPECT_GT(r.lead.rouge1.f1, 0.3);
  std::filesystem::remove_all(dir);
}

TEST(EvalDataTest, RejectsUnknownLayoutAndSubset) {
  auto dir = testing::TempDir("summarize-empty");
  EXPECT_TRUE(LoadEvalDocs(dir, "").status().IsNotFound());
  EXPECT_EQ(LoadEvalDocs(dir, "nope").status().code(),
            StatusCode::kInvalidArgument);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tidings::summarize
