#include "fetch/address_guard.h"

#include <arpa/inet.h>

#include <array>
#include <cstdint>
#include <cstring>

namespace tidings::fetch {
namespace {

AddressClass ClassifyV4(std::uint32_t a) {
  auto in = [a](std::uint32_t net, int bits) {
    std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
    return (a & mask) == net;
  };
  if (in(0x00000000, 8)) return AddressClass::kUnspecified;  // 0/8
  if (in(0x7F000000, 8)) return AddressClass::kLoopback;     // 127/8
  if (in(0x0A000000, 8) || in(0xAC100000, 12) || in(0xC0A80000, 16) ||
      in(0x64400000, 10)) {  // 10/8 172.16/12 192.168/16 100.64/10
    return AddressClass::kPrivate;
  }
  if (in(0xA9FE0000, 16)) return AddressClass::kLinkLocal;  // 169.254/16
  if (in(0xE0000000, 4)) return AddressClass::kMulticast;   // 224/4
  // 240/4 (incl. broadcast), 192.0.0/24 (IETF), 192.0.2/24, 198.51.100/24,
  // 203.0.113/24 (documentation), 198.18/15 (benchmarking).
  if (in(0xF0000000, 4) || in(0xC0000000, 24) || in(0xC0000200, 24) ||
      in(0xC6336400, 24) || in(0xCB007100, 24) || in(0xC6120000, 15)) {
    return AddressClass::kReserved;
  }
  return AddressClass::kPublic;
}

std::uint32_t V4At(const std::array<unsigned char, 16>& b, int offset) {
  return (std::uint32_t{b[offset]} << 24) |
         (std::uint32_t{b[offset + 1]} << 16) |
         (std::uint32_t{b[offset + 2]} << 8) | std::uint32_t{b[offset + 3]};
}

AddressClass ClassifyV6(const std::array<unsigned char, 16>& b) {
  auto zeros = [&](int from, int to) {
    for (int i = from; i < to; ++i) {
      if (b[i] != 0) return false;
    }
    return true;
  };
  if (zeros(0, 16)) return AddressClass::kUnspecified;
  if (zeros(0, 15) && b[15] == 1) return AddressClass::kLoopback;
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (deprecated compatible form).
  if (zeros(0, 10) && b[10] == 0xFF && b[11] == 0xFF) {
    return ClassifyV4(V4At(b, 12));
  }
  if (zeros(0, 12)) return ClassifyV4(V4At(b, 12));
  // 64:ff9b::/96 NAT64 and 64:ff9b:1::/48 local-use NAT64.
  if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) {
    return ClassifyV4(V4At(b, 12));
  }
  // 2002::/16 6to4 embeds the IPv4 address in bits 16..47.
  if (b[0] == 0x20 && b[1] == 0x02) return ClassifyV4(V4At(b, 2));
  if (b[0] == 0xFF) return AddressClass::kMulticast;
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return AddressClass::kLinkLocal;
  if ((b[0] & 0xFE) == 0xFC) return AddressClass::kPrivate;  // fc00::/7
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) {               // fec0::/10
    return AddressClass::kPrivate;
  }
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) {
    return AddressClass::kReserved;  // 2001:db8::/32 documentation
  }
  return AddressClass::kPublic;
}

}  // namespace

AddressClass ClassifyAddress(std::string_view ip) {
  std::string text(ip);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    return ClassifyV4(ntohl(v4.s_addr));
  }
  if (auto zone = text.find('%'); zone != std::string::npos) {
    text.resize(zone);
  }
  std::array<unsigned char, 16> v6{};
  if (inet_pton(AF_INET6, text.c_str(), v6.data()) == 1) {
    return ClassifyV6(v6);
  }
  return AddressClass::kInvalid;
}

std::string_view AddressClassName(AddressClass c) {
  switch (c) {
    case AddressClass::kPublic:
      return "public";
    case AddressClass::kLoopback:
      return "loopback";
    case AddressClass::kPrivate:
      return "private";
    case AddressClass::kLinkLocal:
      return "link-local";
    case AddressClass::kMulticast:
      return "multicast";
    case AddressClass::kUnspecified:
      return "unspecified";
    case AddressClass::kReserved:
      return "reserved";
    case AddressClass::kInvalid:
      return "not an IP address";
  }
  return "unknown";
}

Status CheckAddress(std::string_view ip, const AddressPolicy& policy) {
  AddressClass c = ClassifyAddress(ip);
  bool allowed =
      c == AddressClass::kPublic ||
      (c == AddressClass::kLoopback && policy.allow_loopback) ||
      ((c == AddressClass::kPrivate || c == AddressClass::kLinkLocal) &&
       policy.allow_private);
  if (allowed) return Status::Ok();
  return Status::PermissionDenied("fetch: address " + std::string(ip) + " is " +
                                  std::string(AddressClassName(c)) +
                                  " (refused by the SSRF guard)");
}

}  // namespace tidings::fetch
