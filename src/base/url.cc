#include "base/url.h"

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace tidings {
namespace {

char LowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

bool IsSchemeChar(char c, bool first) {
  if (std::isalpha(static_cast<unsigned char>(c))) return true;
  if (first) return false;
  return std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' ||
         c == '.';
}

// Trims ASCII whitespace and control characters, as browsers do.
std::string_view Trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') {
    s.remove_prefix(1);
  }
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') {
    s.remove_suffix(1);
  }
  return s;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Returns the scheme length (position of ':') or 0 when `s` has no scheme.
size_t SchemeLength(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ':') return i;
    if (!IsSchemeChar(c, i == 0)) return 0;
  }
  return 0;
}

// Splits "path?query#fragment" into `url`'s fields.
void SplitPathQueryFragment(std::string_view rest, Url* url) {
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    url->has_fragment = true;
    url->fragment = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  size_t q = rest.find('?');
  if (q != std::string_view::npos) {
    url->has_query = true;
    url->query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  url->path = std::string(rest);
}

}  // namespace

int Url::EffectivePort() const {
  if (!port.empty()) {
    int value = 0;
    for (char c : port) {
      value = value * 10 + (c - '0');
      if (value > 65535) return 0;
    }
    return value;
  }
  if (scheme == "http" || scheme == "ws") return 80;
  if (scheme == "https" || scheme == "wss") return 443;
  if (scheme == "ftp") return 21;
  return 0;
}

std::string Url::ToString() const {
  std::string out = scheme;
  out += "://";
  if (!userinfo.empty()) {
    out += userinfo;
    out += '@';
  }
  out += host;
  if (!port.empty()) {
    out += ':';
    out += port;
  }
  out += path;
  if (has_query) {
    out += '?';
    out += query;
  }
  if (has_fragment) {
    out += '#';
    out += fragment;
  }
  return out;
}

Result<Url> ParseUrl(std::string_view text) {
  std::string_view s = Trim(text);
  size_t scheme_len = SchemeLength(s);
  if (scheme_len == 0) {
    return Status::InvalidArgument("url: no scheme in '" + std::string(s) +
                                   "'");
  }
  Url url;
  url.scheme = Lower(s.substr(0, scheme_len));
  s.remove_prefix(scheme_len + 1);
  if (s.substr(0, 2) != "//") {
    return Status::InvalidArgument("url: no authority in '" +
                                   std::string(text) + "'");
  }
  s.remove_prefix(2);
  size_t end = s.find_first_of("/?#");
  std::string_view authority = s.substr(0, end);
  std::string_view rest =
      end == std::string_view::npos ? std::string_view() : s.substr(end);
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    url.userinfo = std::string(authority.substr(0, at));
    authority.remove_prefix(at + 1);
  }
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return Status::InvalidArgument("url: unterminated IPv6 host in '" +
                                     std::string(text) + "'");
    }
    host = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') {
        return Status::InvalidArgument("url: bad authority in '" +
                                       std::string(text) + "'");
      }
      port = after.substr(1);
    }
  } else {
    size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
  }
  if (host.empty()) {
    return Status::InvalidArgument("url: empty host in '" + std::string(text) +
                                   "'");
  }
  for (char c : port) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return Status::InvalidArgument("url: bad port in '" + std::string(text) +
                                     "'");
    }
  }
  url.host = Lower(host);
  // A trailing dot names the same host ("example.com." == "example.com").
  if (url.host.size() > 1 && url.host.back() == '.') url.host.pop_back();
  url.port = std::string(port);
  SplitPathQueryFragment(rest, &url);
  return url;
}

std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string_view> out;
  bool absolute = !path.empty() && path.front() == '/';
  bool trailing_slash = false;
  size_t pos = absolute ? 1 : 0;
  while (pos <= path.size()) {
    size_t next = path.find('/', pos);
    if (next == std::string_view::npos) next = path.size();
    std::string_view segment = path.substr(pos, next - pos);
    bool last = next == path.size();
    if (segment == ".") {
      trailing_slash = last;
    } else if (segment == "..") {
      if (!out.empty()) out.pop_back();
      trailing_slash = last;
    } else {
      out.push_back(segment);
      trailing_slash = false;
    }
    pos = next + 1;
  }
  std::string result = absolute ? "/" : "";
  for (size_t i = 0; i < out.size(); ++i) {
    if (i > 0) result += '/';
    result += out[i];
  }
  if (trailing_slash && !result.empty() && result.back() != '/') {
    result += '/';
  }
  return result;
}

Result<std::string> ResolveUrl(std::string_view base,
                               std::string_view reference) {
  Result<Url> parsed_base = ParseUrl(base);
  if (!parsed_base.ok()) return parsed_base.status();
  const Url& b = *parsed_base;
  std::string_view ref = Trim(reference);
  if (SchemeLength(ref) > 0) {
    Result<Url> absolute = ParseUrl(ref);
    if (!absolute.ok()) return absolute.status();
    absolute->path = RemoveDotSegments(absolute->path);
    return absolute->ToString();
  }
  Url target;
  if (ref.substr(0, 2) == "//") {
    Result<Url> with_scheme = ParseUrl(b.scheme + ":" + std::string(ref));
    if (!with_scheme.ok()) return with_scheme.status();
    with_scheme->path = RemoveDotSegments(with_scheme->path);
    return with_scheme->ToString();
  }
  target.scheme = b.scheme;
  target.userinfo = b.userinfo;
  target.host = b.host;
  target.port = b.port;
  Url parts;
  SplitPathQueryFragment(ref, &parts);
  if (parts.path.empty()) {
    target.path = b.path;
    if (parts.has_query) {
      target.has_query = true;
      target.query = parts.query;
    } else {
      target.has_query = b.has_query;
      target.query = b.query;
    }
  } else {
    if (parts.path.front() == '/') {
      target.path = RemoveDotSegments(parts.path);
    } else {
      std::string merged;
      size_t slash = b.path.rfind('/');
      if (slash == std::string::npos) {
        merged = "/" + parts.path;
      } else {
        merged = b.path.substr(0, slash + 1) + parts.path;
      }
      target.path = RemoveDotSegments(merged);
    }
    target.has_query = parts.has_query;
    target.query = parts.query;
  }
  target.has_fragment = parts.has_fragment;
  target.fragment = parts.fragment;
  // push_back rather than assigning "/" avoids a GCC 12 -Wrestrict false
  // positive.
  if (target.path.empty()) target.path.push_back('/');
  return target.ToString();
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int hi = HexValue(text[i + 1]);
      int lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

bool IsUnreservedUrlChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

std::string UrlHost(std::string_view url) {
  Result<Url> parsed = ParseUrl(url);
  return parsed.ok() ? parsed->host : std::string();
}

}  // namespace tidings
