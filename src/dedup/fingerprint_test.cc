#include "dedup/fingerprint.h"

#include <gtest/gtest.h>

#include <string>

#include "dedup/simhash_index.h"

namespace tidings::dedup {
namespace {

// A wire story as an agency sends it.
constexpr char kWireStory[] =
    "LONDON (Reuters) - The Bank of England raised interest rates by a "
    "quarter of a percentage point on Thursday, its first increase in more "
    "than a decade, saying inflation was likely to stay above its target "
    "for the next three years. Governor Mark Carney said the move would "
    "help bring inflation back down while the economy continued to grow at "
    "a modest pace. Sterling fell after the decision as investors judged "
    "that further rises would come slowly. Economists had expected the "
    "decision after strong signals from policymakers in September.";

// The same story as another site runs it: a different dateline and byline,
// a trailing sentence.
constexpr char kSyndicatedCopy[] =
    "By Reuters staff. The Bank of England raised interest rates by a "
    "quarter of a percentage point on Thursday, its first increase in more "
    "than a decade, saying inflation was likely to stay above its target "
    "for the next three years. Governor Mark Carney said the move would "
    "help bring inflation back down while the economy continued to grow at "
    "a modest pace. Sterling fell after the decision as investors judged "
    "that further rises would come slowly. Economists had expected the "
    "decision after strong signals from policymakers in September. "
    "Reporting by David Milliken.";

constexpr char kOtherStory[] =
    "Heavy snow closed roads across the Scottish Highlands on Thursday as "
    "forecasters warned of further disruption over the weekend. Police "
    "urged drivers to avoid travelling unless necessary, and several "
    "schools in Aberdeenshire and Moray stayed shut. Power cuts affected "
    "thousands of homes in remote areas, the network operator said.";

TEST(NormalizeTextTest, IgnoresCasePunctuationAndSpacing) {
  EXPECT_EQ(NormalizeText("  Hello,   WORLD!\n\nIt's 3.5 degrees. "),
            "hello world it's 3.5 degrees");
  EXPECT_EQ(ContentHash("Hello, world."), ContentHash("hello   WORLD"));
  EXPECT_NE(ContentHash("hello world"), ContentHash("hello there world"));
}

TEST(SimHashTest, SyndicatedCopyIsNear) {
  std::uint64_t wire = SimHash(kWireStory);
  std::uint64_t copy = SimHash(kSyndicatedCopy);
  std::uint64_t other = SimHash(kOtherStory);
  EXPECT_LE(HammingDistance(wire, copy), 4);
  EXPECT_GT(HammingDistance(wire, other), 12);
  EXPECT_EQ(SimHash(kWireStory), wire);  // Deterministic.
  EXPECT_EQ(SimHash(""), 0u);
  EXPECT_NE(SimHash("two words"), 0u);  // Shorter than a shingle.
}

TEST(SimHashIndexTest, GroupsNearDuplicates) {
  SimHashIndex index;
  index.Insert(SimHash(kWireStory), 1);
  index.Insert(SimHash(kOtherStory), 2);
  auto match = index.FindNearest(SimHash(kSyndicatedCopy));
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->id, 1);
  EXPECT_LE(match->distance, 4);
  EXPECT_FALSE(index
                   .FindNearest(SimHash("an unrelated text about cooking "
                                        "pasta with tomatoes and basil"))
                   .has_value());
}

TEST(SimHashIndexTest, FindsEveryHashWithinDistanceAndRemoves) {
  SimHashIndex index(3);
  const std::uint64_t base = 0x0123456789ABCDEFull;
  // Flip bits spread over different bands.
  index.Insert(base ^ (1ull << 0) ^ (1ull << 20) ^ (1ull << 40), 10);
  index.Insert(base ^ (1ull << 63), 11);
  index.Insert(base ^ 0xF0F0ull, 12);  // 8 bits away.
  std::vector<SimHashIndex::Match> all = index.FindAll(base);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, 10);
  EXPECT_EQ(all[0].distance, 3);
  EXPECT_EQ(all[1].id, 11);
  EXPECT_EQ(index.FindNearest(base)->id, 11);
  EXPECT_EQ(index.size(), 3u);
  EXPECT_TRUE(index.Remove(base ^ (1ull << 63), 11));
  EXPECT_FALSE(index.Remove(base ^ (1ull << 63), 11));
  EXPECT_EQ(index.FindNearest(base)->id, 10);
  EXPECT_EQ(index.size(), 2u);
  EXPECT_GT(index.memory_bytes(), 0u);
}

}  // namespace
}  // namespace tidings::dedup
