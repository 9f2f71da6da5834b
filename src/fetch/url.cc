#include "fetch/url.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>

namespace tidings::fetch {
namespace {

struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return s;
}

// Reads one part; empty when absent.
std::string GetPart(CURLU* u, CURLUPart part, unsigned flags = 0) {
  char* value = nullptr;
  if (curl_url_get(u, part, &value, flags) != CURLUE_OK || value == nullptr) {
    return "";
  }
  std::string out(value);
  curl_free(value);
  return out;
}

Result<UrlParts> Extract(CURLU* u, std::string_view original) {
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument("fetch: bad URL '" + std::string(original) +
                                   "': " + std::string(why));
  };
  UrlParts parts;
  parts.scheme = Lower(GetPart(u, CURLUPART_SCHEME));
  if (parts.scheme != "http" && parts.scheme != "https") {
    return bad("not http or https");
  }
  parts.host = Lower(GetPart(u, CURLUPART_HOST));
  if (parts.host.empty()) return bad("no host");
  if (parts.host.front() == '[' && parts.host.back() == ']') {
    parts.host = parts.host.substr(1, parts.host.size() - 2);
  }
  std::string port = GetPart(u, CURLUPART_PORT, CURLU_DEFAULT_PORT);
  parts.port = port.empty() ? 0 : std::atoi(port.c_str());
  if (parts.port <= 0 || parts.port > 65535) return bad("bad port");
  // Fragments are never sent; dropping them also makes redirect-loop
  // detection see "/a#x" and "/a" as the same resource.
  curl_url_set(u, CURLUPART_FRAGMENT, nullptr, 0);
  std::string path = GetPart(u, CURLUPART_PATH);
  if (path.empty()) path.push_back('/');
  std::string query = GetPart(u, CURLUPART_QUERY);
  parts.path_and_query = query.empty() ? path : path + "?" + query;
  parts.url = GetPart(u, CURLUPART_URL);
  if (parts.url.empty()) return bad("cannot be normalised");
  return parts;
}

}  // namespace

std::string UrlParts::Origin() const {
  bool default_port =
      (scheme == "http" && port == 80) || (scheme == "https" && port == 443);
  std::string out = scheme;
  out.append("://");
  bool v6 = host.find(':') != std::string::npos;
  if (v6) out.push_back('[');
  out.append(host);
  if (v6) out.push_back(']');
  if (!default_port) {
    out.push_back(':');
    out.append(std::to_string(port));
  }
  return out;
}

Result<UrlParts> ParseHttpUrl(std::string_view url) {
  UrlHandle u(curl_url());
  std::string copy(url);
  if (curl_url_set(u.get(), CURLUPART_URL, copy.c_str(),
                   CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE) != CURLUE_OK) {
    return Status::InvalidArgument("fetch: bad URL '" + copy + "'");
  }
  return Extract(u.get(), url);
}

Result<UrlParts> ResolveHttpUrl(std::string_view base,
                                std::string_view reference) {
  UrlHandle u(curl_url());
  std::string b(base), r(reference);
  if (curl_url_set(u.get(), CURLUPART_URL, b.c_str(),
                   CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
    return Status::InvalidArgument("fetch: bad URL '" + b + "'");
  }
  // With a base already set, curl resolves a relative reference against it.
  if (curl_url_set(u.get(), CURLUPART_URL, r.c_str(),
                   CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE) != CURLUE_OK) {
    return Status::InvalidArgument("fetch: bad URL '" + r + "' relative to '" +
                                   b + "'");
  }
  return Extract(u.get(), reference);
}

}  // namespace tidings::fetch
