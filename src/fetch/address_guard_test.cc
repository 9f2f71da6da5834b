#include "fetch/address_guard.h"

#include <gtest/gtest.h>

#include "fetch/url.h"

namespace tidings::fetch {
namespace {

TEST(AddressGuardTest, ClassifiesIpv4) {
  EXPECT_EQ(ClassifyAddress("93.184.216.34"), AddressClass::kPublic);
  EXPECT_EQ(ClassifyAddress("127.0.0.1"), AddressClass::kLoopback);
  EXPECT_EQ(ClassifyAddress("127.255.1.2"), AddressClass::kLoopback);
  EXPECT_EQ(ClassifyAddress("10.1.2.3"), AddressClass::kPrivate);
  EXPECT_EQ(ClassifyAddress("172.16.0.1"), AddressClass::kPrivate);
  EXPECT_EQ(ClassifyAddress("172.32.0.1"), AddressClass::kPublic);
  EXPECT_EQ(ClassifyAddress("192.168.1.1"), AddressClass::kPrivate);
  EXPECT_EQ(ClassifyAddress("100.64.0.1"), AddressClass::kPrivate);
  EXPECT_EQ(ClassifyAddress("169.254.169.254"), AddressClass::kLinkLocal);
  EXPECT_EQ(ClassifyAddress("224.0.0.1"), AddressClass::kMulticast);
  EXPECT_EQ(ClassifyAddress("0.0.0.0"), AddressClass::kUnspecified);
  EXPECT_EQ(ClassifyAddress("255.255.255.255"), AddressClass::kReserved);
  EXPECT_EQ(ClassifyAddress("example.com"), AddressClass::kInvalid);
}

TEST(AddressGuardTest, ClassifiesIpv6AndEmbeddedIpv4) {
  EXPECT_EQ(ClassifyAddress("2606:2800:220:1::1"), AddressClass::kPublic);
  EXPECT_EQ(ClassifyAddress("::1"), AddressClass::kLoopback);
  EXPECT_EQ(ClassifyAddress("::"), AddressClass::kUnspecified);
  EXPECT_EQ(ClassifyAddress("fe80::1%eth0"), AddressClass::kLinkLocal);
  EXPECT_EQ(ClassifyAddress("fd00::5"), AddressClass::kPrivate);
  EXPECT_EQ(ClassifyAddress("ff02::1"), AddressClass::kMulticast);
  EXPECT_EQ(ClassifyAddress("::ffff:127.0.0.1"), AddressClass::kLoopback);
  EXPECT_EQ(ClassifyAddress("::ffff:10.0.0.1"), AddressClass::kPrivate);
  EXPECT_EQ(ClassifyAddress("::ffff:8.8.8.8"), AddressClass::kPublic);
  EXPECT_EQ(ClassifyAddress("64:ff9b::a9fe:a9fe"), AddressClass::kLinkLocal);
  EXPECT_EQ(ClassifyAddress("2002:7f00:1::"), AddressClass::kLoopback);
}

TEST(AddressGuardTest, PolicyAllowsOnlyWhatItSays) {
  AddressPolicy strict;
  EXPECT_TRUE(CheckAddress("8.8.8.8", strict).ok());
  Status s = CheckAddress("127.0.0.1", strict);
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(s.message().find("loopback"), std::string::npos);
  AddressPolicy loopback{.allow_loopback = true};
  EXPECT_TRUE(CheckAddress("127.0.0.1", loopback).ok());
  EXPECT_FALSE(CheckAddress("192.168.0.1", loopback).ok());
  AddressPolicy lan{.allow_private = true};
  EXPECT_TRUE(CheckAddress("192.168.0.1", lan).ok());
  EXPECT_FALSE(CheckAddress("224.0.0.1", lan).ok());
  EXPECT_FALSE(CheckAddress("0.0.0.0", AddressPolicy{true, true}).ok());
}

TEST(UrlTest, ParsesAndResolves) {
  auto u = ParseHttpUrl("HTTP://Example.COM/a/b?x=1#frag");
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->scheme, "http");
  EXPECT_EQ(u->host, "example.com");
  EXPECT_EQ(u->port, 80);
  EXPECT_EQ(u->path_and_query, "/a/b?x=1");
  EXPECT_EQ(u->Origin(), "http://example.com");
  auto r = ResolveHttpUrl("https://example.com:8443/a/b", "../c?d");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->url, "https://example.com:8443/c?d");
  EXPECT_EQ(r->Origin(), "https://example.com:8443");
  auto v6 = ParseHttpUrl("http://[::1]:8080/");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_FALSE(ParseHttpUrl("ftp://example.com/").ok());
  EXPECT_FALSE(ParseHttpUrl("file:///etc/passwd").ok());
  EXPECT_FALSE(ParseHttpUrl("/relative").ok());
  EXPECT_FALSE(ResolveHttpUrl("http://a/", "gopher://b/").ok());
}

}  // namespace
}  // namespace tidings::fetch
