#include "fetch/websub.h"

#include <gtest/gtest.h>

#include "fetch/hmac.h"

namespace tidings::fetch {
namespace {

TEST(WebSubTest, ParsesLinkHeaders) {
  auto links = ParseLinkHeader(
      "<https://hub.example/>; rel=\"hub\", <https://x.example/feed>; "
      "rel=self; title=\"a, b\"");
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].url, "https://hub.example/");
  EXPECT_EQ(links[0].rel, "hub");
  EXPECT_EQ(links[1].rel, "self");
  EXPECT_EQ(FindLink({"<a>; rel=\"next hub\""}, "hub"), "a");
  EXPECT_EQ(FindLink({"garbage", "<b>; rel=alternate"}, "hub"), "");
}

TEST(WebSubTest, BuildsSubscriptionForm) {
  Request r =
      WebSubSubscriptionRequest("https://hub/", "https://x/feed?a=1",
                                "https://me/websub/3", "s3cret", 3600, true);
  EXPECT_EQ(r.url, "https://hub/");
  EXPECT_EQ(r.post_body,
            "hub.mode=subscribe&hub.topic=https%3A%2F%2Fx%2Ffeed%3Fa%3D1"
            "&hub.callback=https%3A%2F%2Fme%2Fwebsub%2F3"
            "&hub.lease_seconds=3600&hub.secret=s3cret");
}

TEST(WebSubTest, VerifiesSignatures) {
  std::string body = "<feed/>";
  std::string sig1 = "sha1=" + ToHex(HmacSha1("key", body));
  std::string sig256 = "sha256=" + ToHex(HmacSha256("key", body));
  EXPECT_TRUE(VerifyHubSignature(sig1, "key", body));
  EXPECT_TRUE(VerifyHubSignature(sig256, "key", body));
  EXPECT_FALSE(VerifyHubSignature(sig256, "other", body));
  EXPECT_FALSE(VerifyHubSignature(sig256, "key", body + " "));
  EXPECT_FALSE(VerifyHubSignature("md5=00", "key", body));
  EXPECT_FALSE(VerifyHubSignature("sha1=zz", "key", body));
  EXPECT_FALSE(VerifyHubSignature("", "key", body));
  EXPECT_NE(DeriveWebSubSecret("m", "t1"), DeriveWebSubSecret("m", "t2"));
  EXPECT_EQ(DeriveWebSubSecret("m", "t1").size(), 64u);
}

}  // namespace
}  // namespace tidings::fetch
