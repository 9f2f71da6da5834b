#include "base/date.h"

#include <gtest/gtest.h>

#include <string>

namespace tidings {
namespace {

// 2019-03-05T14:07:00Z and 2019-03-05T00:00:00Z.
constexpr UnixSeconds kAt = 1551794820;
constexpr UnixSeconds kDay = 1551744000;

TEST(ParseDate, ReadsRfc822Variants) {
  EXPECT_EQ(ParseDate("Tue, 05 Mar 2019 14:07:00 GMT"), kAt);
  EXPECT_EQ(ParseDate("Tue, 05 Mar 2019 14:07:00 +0000"), kAt);
  EXPECT_EQ(ParseDate("05 Mar 2019 14:07:00 Z"), kAt);
  EXPECT_EQ(ParseDate("Tue, 5 Mar 19 14:07 UT"), kAt);
  EXPECT_EQ(ParseDate("Tue, 05 Mar 2019 09:07:00 EST"), kAt);
  EXPECT_EQ(ParseDate("Tue, 05 Mar 2019 15:07:00 +01:00"), kAt);
  EXPECT_EQ(ParseDate("Tue, 05-Mar-2019 14:07:00 GMT"), kAt);
  EXPECT_EQ(ParseDate("Tue, 05 Mar 2019 15:07:00 GMT+1"), kAt);
  EXPECT_EQ(ParseDate("Tue, 05 Mar 2019 13:07:00 A"), kAt);
  EXPECT_EQ(ParseDate("Sun, 1 Jan 2006 00:00:00 +00:00"), 1136073600);
  EXPECT_EQ(ParseDate("Tue, 05 March 2019 14:07:00 GMT"), kAt);
}

// The canonical RFC 822 form has a fast path: it must agree with the
// general reader, which the ISO form of the same instant goes through.
TEST(ParseDate, ReadsCanonicalRfc822LikeItsIsoEquivalent) {
  constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "DEC"};
  for (int m = 1; m <= 12; ++m) {
    const std::string month = kMonths[m - 1];
    const std::string iso_day = "2022-" + std::string(m < 10 ? "0" : "") +
                                std::to_string(m) + "-07T10:11:12";
    EXPECT_EQ(ParseDate("Fri, 07 " + month + " 2022 10:11:12 +0230"),
              ParseDate(iso_day + "+02:30"))
        << month;
    EXPECT_EQ(ParseDate("7 " + month + " 2022 10:11:12 -05:00"),
              ParseDate(iso_day + "-05:00"))
        << month;
    EXPECT_EQ(ParseDate("sun, 7 " + month + " 2022 10:11:12 PST"),
              ParseDate(iso_day + "-08:00"))
        << month;
  }
  EXPECT_EQ(ParseDate("Tue, 05 Mar 2019 14:07 GMT"), kAt);
  EXPECT_EQ(ParseDate("Tue,  05 Mar 2019  14:07:00   UTC"), kAt);
  // Out of range in the canonical form is out of range in any.
  EXPECT_EQ(ParseDate("Thu, 31 Feb 2019 14:07:00 GMT"), std::nullopt);
}

TEST(ParseDate, ReadsIso8601Variants) {
  EXPECT_EQ(ParseDate("2019-03-05T14:07:00Z"), kAt);
  EXPECT_EQ(ParseDate("2019-03-05T15:07:00+01:00"), kAt);
  EXPECT_EQ(ParseDate("2019-03-05T14:07Z"), kAt);
  EXPECT_EQ(ParseDate("2019-03-05T14:07:00.123456Z"), kAt);
  EXPECT_EQ(ParseDate("20190305T140700Z"), kAt);
  EXPECT_EQ(ParseDate("2019-03-05 14:07:00"), kAt);
  EXPECT_EQ(ParseDate("2019-03-05 14:07:00.0"), kAt);
  EXPECT_EQ(ParseDate("2003-12-31T10:14:55.2-08:00"), 1072894495);
  EXPECT_EQ(ParseDate("2019-03-05"), kDay);
  EXPECT_EQ(ParseDate("2019-064"), kDay);
  EXPECT_EQ(ParseDate("2019-W10-2"), kDay);
  EXPECT_EQ(ParseDate("2019W102"), kDay);
  EXPECT_EQ(ParseDate("  2019-03-05T14:07:00Z\n"), kAt);
}

TEST(ParseDate, ReadsW3cdtfPartialDates) {
  EXPECT_EQ(ParseDate("2003"), 1041379200);
  EXPECT_EQ(ParseDate("2003-12"), 1070236800);
}

TEST(ParseDate, ReadsLegacyFormats) {
  EXPECT_EQ(ParseDate("Sun Jan  4 16:29:06 2004"), 1073233746);  // asctime
  EXPECT_EQ(ParseDate("2004/01/04 16:29:06"), 1073233746);       // Perforce
  EXPECT_EQ(ParseDate("Sun Jan  4 16:29:06 PST 2004"), 1073233746 + 8 * 3600);
}

TEST(ParseDate, ReadsForeignMonthNames) {
  EXPECT_EQ(ParseDate("Κυρ, 11 Ιούλ 2004 12:00:00 EST"), 1089565200);
  EXPECT_EQ(ParseDate("2004-július-13T9:15-05:00"), 1089728100);
  EXPECT_EQ(ParseDate("2004-05-25 오후 11:23:17"), 1085527397);
  EXPECT_EQ(ParseDate("2004년 05월 28일  01:31:15 PM"), 1085751075);
  EXPECT_EQ(ParseDate("5. März 2019"), kDay);
  EXPECT_EQ(ParseDate("5 mars 2019"), kDay);
  EXPECT_EQ(ParseDate("5 de marzo de 2019"), kDay);
  EXPECT_EQ(ParseDate("5 марта 2019"), kDay);
}

TEST(ParseDate, ReadsNaturalForms) {
  EXPECT_EQ(ParseDate("March 5, 2019"), kDay);
  EXPECT_EQ(ParseDate("March 5th, 2019"), kDay);
  EXPECT_EQ(ParseDate("5 March 2019"), kDay);
  EXPECT_EQ(ParseDate("Mar. 5, 2019 2:07 p.m. UTC"), kAt);
  EXPECT_EQ(ParseDate("05.03.2019"), kDay);
  EXPECT_EQ(ParseDate("2019/03/05"), kDay);
  EXPECT_EQ(ParseDate("03/25/2019"), kDay + 20 * 86400);
  EXPECT_EQ(ParseDate("Published on Tuesday, March 5, 2019"), kDay);
}

TEST(ParseDate, RejectsGarbageAndOutOfRange) {
  EXPECT_FALSE(ParseDate(""));
  EXPECT_FALSE(ParseDate("yesterday"));
  EXPECT_FALSE(ParseDate("March 2019 sometime"));
  EXPECT_FALSE(ParseDate("2019-13-05"));
  EXPECT_FALSE(ParseDate("31 Feb 2019"));
  EXPECT_FALSE(ParseDate("Tue, 05 Mar 2019 25:07:00 GMT"));
  EXPECT_FALSE(ParseDate(std::string(1000, '1')));
  EXPECT_FALSE(ParseDate("12:30"));
}

}  // namespace
}  // namespace tidings
