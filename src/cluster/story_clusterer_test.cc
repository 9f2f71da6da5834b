#include "cluster/story_clusterer.h"

#include <gtest/gtest.h>

#include <iterator>
#include <string>
#include <vector>

namespace tidings::cluster {
namespace {

constexpr UnixSeconds kStart = 1700000000;

Doc MakeDoc(model::Id id, std::string title, std::string text,
            std::string publisher, UnixSeconds time) {
  Doc d;
  d.id = id;
  d.title = std::move(title);
  d.text = std::move(text);
  d.publisher = std::move(publisher);
  d.time = time;
  return d;
}

// Three stories told by several publishers, interleaved.
std::vector<Doc> Stream() {
  return {
      MakeDoc(1, "Central bank raises interest rates to fight inflation",
              "The central bank raised its benchmark interest rate by half a "
              "point on Tuesday as inflation reached a ten-year high.",
              "Daily Ledger", kStart),
      MakeDoc(2, "Storm floods coastal towns, thousands evacuated",
              "A powerful storm flooded coastal towns overnight and forced "
              "thousands of residents to evacuate as rivers burst their banks.",
              "Coast Courier", kStart + 60),
      MakeDoc(3, "Interest rates rise again as central bank battles inflation",
              "Borrowing costs climbed after the central bank lifted interest "
              "rates, saying inflation remained far above its target.",
              "Money Wire", kStart + 120),
      MakeDoc(4, "Champions league final: United beat City in extra time",
              "United won the champions league final against City after a "
              "dramatic extra time goal in the stadium.",
              "Sports Desk", kStart + 180),
      MakeDoc(5, "Thousands evacuated as storm floods coast",
              "Rescue teams evacuated thousands from flooded coastal towns "
              "after the storm pushed rivers over their banks.",
              "National Post", kStart + 240),
      MakeDoc(6, "City lose champions league final to United after extra time",
              "City were beaten by United in the champions league final, with "
              "the winning goal coming in extra time.",
              "Match Report", kStart + 300),
  };
}

TEST(StoryClustererTest, GroupsCoverageOfTheSameEvent) {
  StoryClusterer clusterer;
  std::vector<std::int64_t> keys;
  for (const Doc& d : Stream()) keys.push_back(clusterer.Add(d).story_key);
  for (std::int64_t& k : keys) k = clusterer.ResolveKey(k);
  EXPECT_EQ(keys[0], keys[2]);  // Interest rates.
  EXPECT_EQ(keys[1], keys[4]);  // Storm.
  EXPECT_EQ(keys[3], keys[5]);  // Final.
  EXPECT_NE(keys[0], keys[1]);
  EXPECT_NE(keys[0], keys[3]);
  EXPECT_NE(keys[1], keys[3]);
  EXPECT_EQ(clusterer.open_stories(), 3u);

  const StoryState* rates = clusterer.Story(keys[0]);
  ASSERT_NE(rates, nullptr);
  EXPECT_EQ(rates->article_count, 2);
  EXPECT_EQ(rates->first_article_id, 1);
  EXPECT_EQ(rates->first_publisher, "Daily Ledger");
  EXPECT_EQ(rates->first_seen_at, kStart);
  EXPECT_EQ(rates->last_updated_at, kStart + 120);
  EXPECT_EQ(rates->publishers,
            (std::vector<std::string>{"Daily Ledger", "Money Wire"}));
  ASSERT_EQ(rates->timeline.size(), 2u);
  EXPECT_EQ(rates->timeline[1].article_id, 3);
  EXPECT_FALSE(rates->headline.empty());
  EXPECT_GT(clusterer.memory_bytes(), 0u);
}

TEST(StoryClustererTest, DeterministicGivenInputOrder) {
  std::vector<Assignment> first, second;
  StoryClusterer a, b;
  for (const Doc& d : Stream()) first.push_back(a.Add(d));
  for (const Doc& d : Stream()) second.push_back(b.Add(d));
  ASSERT_EQ(first.size(), second.size());
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].story_key, second[i].story_key) << i;
    EXPECT_EQ(first[i].new_story, second[i].new_story) << i;
    EXPECT_DOUBLE_EQ(first[i].similarity, second[i].similarity) << i;
  }
}

TEST(StoryClustererTest, NearDuplicatesJoinTheStoryFlagged) {
  const std::string wire =
      "The Bank of England raised interest rates by a quarter of a "
      "percentage point on Thursday, its first increase in more than a "
      "decade, saying inflation was likely to stay above its target for the "
      "next three years. Governor Mark Carney said the move would help bring "
      "inflation back down while the economy continued to grow at a modest "
      "pace. Sterling fell after the decision as investors judged that "
      "further rises would come slowly. Economists had expected the decision "
      "after strong signals from policymakers in September. The decision was "
      "backed by seven of the nine members of the monetary policy committee, "
      "while two voted to keep rates unchanged, the minutes showed. Mortgage "
      "lenders said they expected to pass the increase on to borrowers within "
      "weeks, and savings rates were also likely to edge higher. Business "
      "groups warned that the rise could weigh on investment at a time of "
      "uncertainty.";
  StoryClusterer clusterer;
  Assignment first =
      clusterer.Add(MakeDoc(10, "Bank of England raises rates",
                            "LONDON (Reuters) - " + wire, "Reuters", kStart));
  Assignment copy = clusterer.Add(MakeDoc(
      11, "Bank of England raises rates - Yahoo News",
      wire + " Reporting by David Milliken.", "Yahoo News", kStart + 30));
  EXPECT_TRUE(first.new_story);
  EXPECT_FALSE(copy.new_story);
  EXPECT_TRUE(copy.duplicate);
  EXPECT_EQ(copy.duplicate_of, 10);
  EXPECT_EQ(copy.story_key, first.story_key);
  const StoryState* story = clusterer.Story(first.story_key);
  ASSERT_NE(story, nullptr);
  EXPECT_EQ(story->article_count, 2);
  EXPECT_EQ(story->duplicate_count, 1);
  EXPECT_TRUE(story->timeline[1].duplicate);
  EXPECT_EQ(story->headline, "Bank of England raises rates");
}

TEST(StoryClustererTest, WindowClosesOldStories) {
  ClusterOptions options;
  options.window_seconds = 3600;
  StoryClusterer clusterer(options);
  std::vector<Doc> docs = Stream();
  Assignment old = clusterer.Add(docs[0]);
  // The same topic after the window has passed opens a new story.
  Doc late = docs[2];
  late.time = kStart + 2 * 3600;
  Assignment fresh = clusterer.Add(late);
  EXPECT_TRUE(fresh.new_story);
  EXPECT_NE(fresh.story_key, old.story_key);
  EXPECT_EQ(clusterer.Story(old.story_key), nullptr);
  EXPECT_NE(clusterer.Story(fresh.story_key), nullptr);
  EXPECT_EQ(clusterer.open_stories(), 1u);
  // A near-duplicate of an article that left the window is not a duplicate.
  Doc copy = docs[0];
  copy.id = 99;
  copy.time = kStart + 2 * 3600 + 1;
  EXPECT_FALSE(clusterer.Add(copy).duplicate);
}

// `doc` retold on `day` (a day after kStart), with a new closing sentence
// so that it is similar but no SimHash duplicate.
Doc DailyCoverage(const Doc& doc, int day) {
  constexpr UnixSeconds kDay = 24 * 3600;
  static const char* const kCloser[] = {
      "Markets were calm.",    "Traders shrugged.",   "Economists were split.",
      "Lenders followed.",     "Savers welcomed it.", "Unions objected.",
      "Exporters worried.",    "Bonds rallied.",      "Shares slipped.",
      "Analysts expected it.", "Ministers approved."};
  Doc d = doc;
  d.id = 100 + day;
  d.time = kStart + day * kDay;
  d.text += " ";
  d.text += kCloser[day % std::size(kCloser)];
  return d;
}

// A story that keeps receiving coverage never leaves the window; past
// max_story_span_seconds it is closed and later coverage opens a new story.
TEST(StoryClustererTest, StoryPastItsSpanIsNotJoined) {
  constexpr UnixSeconds kDay = 24 * 3600;
  ClusterOptions options;
  options.window_seconds = 2 * kDay;
  options.max_story_span_seconds = 5 * kDay;
  StoryClusterer clusterer(options);
  std::vector<Doc> docs = Stream();
  // Rates coverage once a day: always inside the window.
  auto coverage = [&](int day) { return DailyCoverage(docs[0], day); };
  Assignment first = clusterer.Add(coverage(0));
  for (int day = 1; day <= 5; ++day) {
    Assignment a = clusterer.Add(coverage(day));
    EXPECT_FALSE(a.new_story) << "day " << day;
    EXPECT_EQ(clusterer.ResolveKey(a.story_key), first.story_key);
  }
  ASSERT_NE(clusterer.Story(first.story_key), nullptr);
  EXPECT_EQ(clusterer.Story(first.story_key)->article_count, 6);
  // Day 6: the story began more than five days ago.
  Assignment late = clusterer.Add(coverage(6));
  EXPECT_TRUE(late.new_story);
  EXPECT_NE(late.story_key, first.story_key);
  EXPECT_EQ(clusterer.Story(first.story_key), nullptr);
  EXPECT_EQ(clusterer.open_stories(), 1u);
  EXPECT_EQ(clusterer.Story(late.story_key)->first_article_id, 106);
}

TEST(StoryClustererTest, WithoutSpanLimitAnActiveStoryStaysOpen) {
  constexpr UnixSeconds kDay = 24 * 3600;
  ClusterOptions options;
  options.window_seconds = 2 * kDay;
  options.max_story_span_seconds = 0;
  StoryClusterer clusterer(options);
  std::vector<Doc> docs = Stream();
  Assignment first = clusterer.Add(DailyCoverage(docs[0], 0));
  // The same days as StoryPastItsSpanIsNotJoined: day 6 joins.
  for (int day = 1; day <= 6; ++day) {
    Doc d = DailyCoverage(docs[0], day);
    EXPECT_EQ(clusterer.ResolveKey(clusterer.Add(d).story_key),
              first.story_key);
  }
  EXPECT_EQ(clusterer.Story(first.story_key)->article_count, 7);
}

TEST(StoryClustererTest, ArticleWithoutWordsOpensItsOwnStory) {
  StoryClusterer clusterer;
  Assignment a = clusterer.Add(MakeDoc(1, "", "", "X", kStart));
  Assignment b = clusterer.Add(MakeDoc(2, "!!!", "...", "Y", kStart + 1));
  EXPECT_TRUE(a.new_story);
  EXPECT_TRUE(b.new_story);
  EXPECT_NE(a.story_key, b.story_key);
}

TEST(StoryClustererTest, VocabularyStaysBoundedAsTheWindowMoves) {
  ClusterOptions options;
  options.window_seconds = 3600;
  StoryClusterer clusterer(options);
  // Every article brings new words; one article a minute, so the window
  // holds 60. Words last seen before the window are forgotten.
  auto add_range = [&](int from, int to) {
    for (int i = from; i < to; ++i) {
      std::string text;
      for (int w = 0; w < 3; ++w) {
        text += "zword" + std::to_string(i) + "x" + std::to_string(w) + " ";
      }
      clusterer.Add(MakeDoc(i + 1, "", text, "P", kStart + 60 * i));
    }
  };
  add_range(0, 5000);
  size_t after_5k = clusterer.memory_bytes();
  add_range(5000, 20000);
  EXPECT_LT(clusterer.memory_bytes(), after_5k * 3 / 2);
  EXPECT_LE(clusterer.open_stories(), 61u);
}

TEST(CleanHeadlineTest, StripsPublisherTags) {
  EXPECT_EQ(CleanHeadline("Rates rise again - Reuters", "Reuters"),
            "Rates rise again");
  EXPECT_EQ(CleanHeadline("Rates rise again | Business News", "Money Wire"),
            "Rates rise again");
  EXPECT_EQ(
      CleanHeadline("  Storm  hits\n coast \xE2\x80\x94 BBC News ", "BBC News"),
      "Storm hits coast");
  EXPECT_EQ(CleanHeadline("Spider-Man returns - again", "Film Weekly"),
            "Spider-Man returns - again");
  EXPECT_EQ(CleanHeadline("Plain title", ""), "Plain title");
}

}  // namespace
}  // namespace tidings::cluster
