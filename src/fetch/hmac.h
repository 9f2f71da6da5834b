// SHA-1, SHA-256 and HMAC over them, for WebSub's X-Hub-Signature (which
// hubs send as "sha1=<hex>" or "sha256=<hex>"). Small and dependency-free;
// not for bulk hashing.
#ifndef TIDINGS_FETCH_HMAC_H_
#define TIDINGS_FETCH_HMAC_H_

#include <string>
#include <string_view>

namespace tidings::fetch {

// Raw digests (20 and 32 bytes).
std::string Sha1(std::string_view data);
std::string Sha256(std::string_view data);

// Raw HMAC digests (RFC 2104).
std::string HmacSha1(std::string_view key, std::string_view data);
std::string HmacSha256(std::string_view key, std::string_view data);

// Lower-case hex of raw bytes.
std::string ToHex(std::string_view bytes);

// Compares in time independent of where the strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace tidings::fetch

#endif  // TIDINGS_FETCH_HMAC_H_
