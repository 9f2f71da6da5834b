// The SSRF guard: which IP addresses the fetcher may connect to.
//
// Feeds and article URLs come from outside, so a hostile feed could point
// the crawler at the machine's own services (127.0.0.1:5432, cloud metadata
// at 169.254.169.254, a router at 192.168.0.1). Every hop's host is resolved
// first, each address is classified here, and the connection is pinned to
// the checked addresses so a second DNS answer cannot change it.
#ifndef TIDINGS_FETCH_ADDRESS_GUARD_H_
#define TIDINGS_FETCH_ADDRESS_GUARD_H_

#include <string>
#include <string_view>

#include "base/status.h"

namespace tidings::fetch {

enum class AddressClass {
  kPublic,
  kLoopback,     // 127/8, ::1
  kPrivate,      // 10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7,
                 // fec0::/10
  kLinkLocal,    // 169.254/16, fe80::/10
  kMulticast,    // 224/4, ff00::/8
  kUnspecified,  // 0/8, ::
  kReserved,     // 240/4, broadcast, documentation and benchmark ranges
  kInvalid,      // not an IP literal
};

// Classifies an IPv4 or IPv6 literal ("10.0.0.1", "::ffff:127.0.0.1").
// IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64
// (64:ff9b::/96) and 6to4 (2002::/16) forms are classified by the IPv4
// address they embed.
AddressClass ClassifyAddress(std::string_view ip);

// Which non-public addresses are allowed.
struct AddressPolicy {
  // Allow 127/8 and ::1 (tests, a feed server on the same machine).
  bool allow_loopback = false;
  // Allow private, CGNAT, unique-local and link-local ranges (a LAN).
  bool allow_private = false;
};

// OK when `ip` may be connected to under `policy`; otherwise
// kPermissionDenied "fetch: address 127.0.0.1 is loopback (refused by the
// SSRF guard)". Multicast, unspecified, reserved and invalid addresses are
// always refused.
Status CheckAddress(std::string_view ip, const AddressPolicy& policy);

// A readable name of the class ("loopback", "private", …).
std::string_view AddressClassName(AddressClass c);

}  // namespace tidings::fetch

#endif  // TIDINGS_FETCH_ADDRESS_GUARD_H_
