#include "dedup/fingerprint.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

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

// Brute force over every stored entry, as the index must answer.
TEST(SimHashIndexTest, MatchesBruteForceAtEveryDistanceWithRemovals) {
  constexpr int kEntries = 3000;
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&] {  // splitmix64: a fixed, portable sequence.
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  const std::uint64_t base = next();
  std::vector<std::uint64_t> hashes;
  SimHashIndex index(SimHashIndex::kMaxDistanceLimit);
  for (int i = 0; i < kEntries; ++i) {
    // Every third entry lies 0..9 bits from `base`; some repeat exactly.
    std::uint64_t h = next();
    if (i % 3 == 0) {
      h = base;
      for (int flips = i % 10; flips > 0; --flips) h ^= 1ull << (next() % 64);
    }
    hashes.push_back(h);
    index.Insert(h, i);
  }
  for (int i = 0; i < kEntries; i += 7) {
    ASSERT_TRUE(index.Remove(hashes[i], i));
  }
  for (int d = 0; d <= SimHashIndex::kMaxDistanceLimit; ++d) {
    std::optional<SimHashIndex::Match> found = index.FindNearest(base, d);
    int best = -1;
    int best_distance = d + 1;
    for (int i = 0; i < kEntries; ++i) {
      if (i % 7 == 0) continue;
      int distance = HammingDistance(hashes[i], base);
      if (distance < best_distance) {
        best = i;
        best_distance = distance;
      }
    }
    if (best < 0) {
      EXPECT_FALSE(found.has_value()) << d;
    } else {
      ASSERT_TRUE(found.has_value()) << d;
      EXPECT_EQ(found->id, best) << d;
      EXPECT_EQ(found->distance, best_distance) << d;
    }
  }
  size_t within = 0;
  for (int i = 0; i < kEntries; ++i) {
    if (i % 7 != 0 &&
        HammingDistance(hashes[i], base) <= SimHashIndex::kMaxDistanceLimit) {
      ++within;
    }
  }
  EXPECT_EQ(index.FindAll(base).size(), within);
  EXPECT_EQ(index.size(), static_cast<size_t>(kEntries - (kEntries + 6) / 7));
}

TEST(SimHashBuilderTest, CountsBitsPastTheLaneLimit) {
  // More words than a byte lane holds (255) must still count every bit.
  SimHashBuilder builder;
  const std::uint64_t a = 0x00000000FFFFFFFFull;
  const std::uint64_t b = 0xFFFFFFFF00000000ull;
  for (int i = 0; i < 300; ++i) builder.AddWordHash(a);
  for (int i = 0; i < 299; ++i) builder.AddWordHash(b);
  EXPECT_EQ(builder.words(), 599);
  EXPECT_EQ(builder.Finish(), a);  // a's bits win 300 to 299.
  builder.AddWordHash(b);
  builder.AddWordHash(b);
  EXPECT_EQ(builder.Finish(), b);  // Now 301 to 300.
}

}  // namespace
}  // namespace tidings::dedup
