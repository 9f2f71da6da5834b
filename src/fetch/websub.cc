#include "fetch/websub.h"

#include <cctype>

#include "fetch/hmac.h"

namespace tidings::fetch {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string FromHex(std::string_view hex) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  if (hex.size() % 2 != 0) return "";
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return "";
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

}  // namespace

std::vector<LinkValue> ParseLinkHeader(std::string_view value) {
  std::vector<LinkValue> out;
  std::size_t pos = 0;
  while (pos < value.size()) {
    std::size_t open = value.find('<', pos);
    if (open == std::string_view::npos) break;
    std::size_t close = value.find('>', open);
    if (close == std::string_view::npos) break;
    LinkValue link;
    link.url = std::string(Trim(value.substr(open + 1, close - open - 1)));
    // Parameters run to the next "," that is outside quotes.
    std::size_t end = close + 1;
    bool quoted = false;
    while (end < value.size() && (quoted || value[end] != ',')) {
      if (value[end] == '"') quoted = !quoted;
      ++end;
    }
    std::string_view params = value.substr(close + 1, end - close - 1);
    std::size_t p = 0;
    while (p < params.size()) {
      std::size_t semi = params.find(';', p);
      if (semi == std::string_view::npos) semi = params.size();
      std::string_view param = Trim(params.substr(p, semi - p));
      p = semi + 1;
      auto eq = param.find('=');
      if (eq == std::string_view::npos) continue;
      if (Lower(Trim(param.substr(0, eq))) != "rel") continue;
      std::string_view v = Trim(param.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
        v = v.substr(1, v.size() - 2);
      }
      link.rel = Lower(v);
    }
    out.push_back(std::move(link));
    pos = end + 1;
  }
  return out;
}

std::string FindLink(const std::vector<std::string>& link_headers,
                     std::string_view rel) {
  for (const std::string& header : link_headers) {
    for (const LinkValue& link : ParseLinkHeader(header)) {
      std::string_view rels = link.rel;
      std::size_t pos = 0;
      while (pos <= rels.size()) {
        std::size_t sp = rels.find(' ', pos);
        if (sp == std::string_view::npos) sp = rels.size();
        if (rels.substr(pos, sp - pos) == rel) return link.url;
        pos = sp + 1;
      }
    }
  }
  return "";
}

std::string FormEncode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

Request WebSubSubscriptionRequest(const std::string& hub_url,
                                  const std::string& topic_url,
                                  const std::string& callback_url,
                                  const std::string& secret,
                                  std::int64_t lease_seconds, bool subscribe) {
  Request r;
  r.url = hub_url;
  r.post_body =
      "hub.mode=" + std::string(subscribe ? "subscribe" : "unsubscribe") +
      "&hub.topic=" + FormEncode(topic_url) +
      "&hub.callback=" + FormEncode(callback_url);
  if (subscribe) {
    r.post_body += "&hub.lease_seconds=" + std::to_string(lease_seconds);
    if (!secret.empty()) r.post_body += "&hub.secret=" + FormEncode(secret);
  }
  return r;
}

bool VerifyHubSignature(std::string_view header, std::string_view secret,
                        std::string_view body) {
  header = Trim(header);
  auto eq = header.find('=');
  if (eq == std::string_view::npos) return false;
  std::string algorithm = Lower(header.substr(0, eq));
  std::string given = FromHex(header.substr(eq + 1));
  if (given.empty()) return false;
  if (algorithm == "sha1") {
    return ConstantTimeEquals(given, HmacSha1(secret, body));
  }
  if (algorithm == "sha256") {
    return ConstantTimeEquals(given, HmacSha256(secret, body));
  }
  return false;
}

std::string DeriveWebSubSecret(std::string_view master_key,
                               std::string_view topic) {
  return ToHex(HmacSha256(master_key, topic));
}

}  // namespace tidings::fetch
