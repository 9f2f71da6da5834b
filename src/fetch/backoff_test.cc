#include "fetch/backoff.h"

#include <gtest/gtest.h>

namespace tidings::fetch {
namespace {

// 1994-11-06T08:49:37Z
constexpr UnixSeconds kRfcExample = 784111777;

TEST(HttpDateTest, ParsesAllThreeForms) {
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), kRfcExample);
  EXPECT_EQ(ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), kRfcExample);
  EXPECT_EQ(ParseHttpDate("Sun Nov  6 08:49:37 1994"), kRfcExample);
  EXPECT_FALSE(ParseHttpDate("yesterday").has_value());
}

TEST(RetryAfterTest, SecondsAndDates) {
  EXPECT_EQ(ParseRetryAfter("120", 0), 120.0);
  EXPECT_EQ(ParseRetryAfter(" 5 ", 0), 5.0);
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", kRfcExample - 30),
            30.0);
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", kRfcExample + 30),
            0.0);
  EXPECT_FALSE(ParseRetryAfter("-3", 0).has_value());
  EXPECT_FALSE(ParseRetryAfter("", 0).has_value());
  EXPECT_GT(*ParseRetryAfter("99999999999999999999", 0), 1e8);
}

TEST(BackoffTest, GrowsExponentiallyWithinJitterAndCap) {
  std::mt19937_64 rng(7);
  BackoffOptions options{.base_seconds = 1, .max_seconds = 20, .jitter = 0.5};
  for (int attempt = 1; attempt <= 8; ++attempt) {
    double nominal = std::min(20.0, std::ldexp(1.0, attempt - 1));
    for (int i = 0; i < 50; ++i) {
      double d = BackoffSeconds(attempt, options, rng);
      EXPECT_GE(d, nominal * 0.5);
      EXPECT_LE(d, nominal);
    }
  }
  options.jitter = 0;
  EXPECT_EQ(BackoffSeconds(3, options, rng), 4.0);
  EXPECT_EQ(BackoffSeconds(1000, options, rng), 20.0);
}

TEST(BackoffTest, JitterSpreadsClients) {
  std::mt19937_64 rng(1);
  BackoffOptions options;
  double a = BackoffSeconds(4, options, rng);
  double b = BackoffSeconds(4, options, rng);
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace tidings::fetch
