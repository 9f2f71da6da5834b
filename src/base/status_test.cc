#include "base/status.h"

#include <gtest/gtest.h>

namespace tidings {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return Status::InvalidArgument("math: odd number");
  return n / 2;
}

Result<int> Quarter(int n) {
  TIDINGS_ASSIGN_OR_RETURN(int half, Half(n));
  TIDINGS_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

TEST(Status, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(Status, WithContextPrefixesMessageAndKeepsCode) {
  Status s = Status::NotFound("no such row").WithContext("store");
  EXPECT_EQ(s.message(), "store: no such row");
  EXPECT_TRUE(s.IsNotFound());
  EXPECT_TRUE(Status::Ok().WithContext("x").ok());
}

TEST(Result, PropagatesFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "math: odd number");
  EXPECT_EQ(r.value_or(-1), -1);
}

TEST(StatusCodeName, NamesEveryCode) {
  EXPECT_EQ(StatusCodeName(StatusCode::kCorruption), "corruption");
  EXPECT_EQ(StatusCodeName(StatusCode::kTimeout), "timeout");
}

}  // namespace
}  // namespace tidings
