// WebSub (W3C Recommendation) subscriber-side protocol pieces: discovery
// from Link headers, the subscription request, and push signatures. The
// crawler (pipeline/crawler.h) keeps the subscriptions.
#ifndef TIDINGS_FETCH_WEBSUB_H_
#define TIDINGS_FETCH_WEBSUB_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fetch/http_client.h"

namespace tidings::fetch {

struct LinkValue {
  std::string url;
  // Space-separated relations, lower case ("hub", "self").
  std::string rel;
};

// Parses an HTTP Link header value: `<https://hub>; rel="hub", <…>;
// rel=self`. Malformed parts are skipped.
std::vector<LinkValue> ParseLinkHeader(std::string_view value);

// The first URL whose rel includes `rel`, over all values, or "".
std::string FindLink(const std::vector<std::string>& link_headers,
                     std::string_view rel);

// application/x-www-form-urlencoded encoding of one value.
std::string FormEncode(std::string_view value);

// The POST to `hub_url` that subscribes (`subscribe` true) or unsubscribes
// `callback_url` to `topic_url`, with `secret` for signed pushes.
Request WebSubSubscriptionRequest(const std::string& hub_url,
                                  const std::string& topic_url,
                                  const std::string& callback_url,
                                  const std::string& secret,
                                  std::int64_t lease_seconds, bool subscribe);

// Checks an X-Hub-Signature header ("sha1=<hex>" or "sha256=<hex>") over
// `body` with `secret`. False for other algorithms and bad values.
bool VerifyHubSignature(std::string_view header, std::string_view secret,
                        std::string_view body);

// A per-subscription secret derived from a master key and the topic, so no
// secret has to be stored: hex(HMAC-SHA256(master_key, topic)).
std::string DeriveWebSubSecret(std::string_view master_key,
                               std::string_view topic);

}  // namespace tidings::fetch

#endif  // TIDINGS_FETCH_WEBSUB_H_
