#include "base/time_format.h"

#include <gtest/gtest.h>

namespace tidings {
namespace {

TEST(ParseIso8601, ReadsUtcAndOffsets) {
  EXPECT_EQ(ParseIso8601("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseIso8601("2024-03-05T14:07:00Z"), 1709647620);
  EXPECT_EQ(ParseIso8601("2024-03-05T15:07:00+01:00"), 1709647620);
  EXPECT_EQ(ParseIso8601("2024-03-05T15:07:00+0100"), 1709647620);
  EXPECT_EQ(ParseIso8601("2024-03-05T14:07:00.123Z"), 1709647620);
  EXPECT_EQ(ParseIso8601("2024-03-05"), 1709596800);
}

TEST(ParseIso8601, RejectsGarbage) {
  EXPECT_FALSE(ParseIso8601(""));
  EXPECT_FALSE(ParseIso8601("yesterday"));
  EXPECT_FALSE(ParseIso8601("2024-13-05"));
  EXPECT_FALSE(ParseIso8601("2024-03-05T14:07:00Zjunk"));
}

TEST(FormatIso8601, RoundTrips) {
  EXPECT_EQ(FormatIso8601(1709647620), "2024-03-05T14:07:00Z");
  EXPECT_EQ(ParseIso8601(FormatIso8601(1234567890)), 1234567890);
}

TEST(FormatRelative, UsesCoarsestUnit) {
  EXPECT_EQ(FormatRelative(1000, 1030), "just now");
  EXPECT_EQ(FormatRelative(1000, 1000 + 180), "3 min ago");
  EXPECT_EQ(FormatRelative(1000, 1000 + 7200), "2 h ago");
  EXPECT_EQ(FormatRelative(1000, 1000 + 86400), "1 day ago");
  EXPECT_EQ(FormatRelative(0, 30 * 86400), "01 Jan 1970");
}

}  // namespace
}  // namespace tidings
