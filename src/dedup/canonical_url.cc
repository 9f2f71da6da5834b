#include "dedup/canonical_url.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/url.h"

namespace tidings::dedup {
namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";

// Exact parameter names that only track clicks, campaigns or shares.
constexpr std::array<std::string_view, 38> kTrackingNames = {
    "fbclid",   "gclid",   "gclsrc",    "dclid",
    "msclkid",  "yclid",   "twclid",    "igshid",
    "mc_cid",   "mc_eid",  "ocid",      "_ga",
    "_gl",      "_hsenc",  "_hsmi",     "mkt_tok",
    "cmpid",    "cmp",     "ito",       "smid",
    "smtyp",    "soc_src", "soc_trk",   "s_cid",
    "sr_share", "taid",    "at_medium", "at_campaign",
    "wt.mc_id", "wt_mc",   "xtor",      "icid",
    "ref_src",  "ref_url", "spm",       "__twitter_impression",
    "rss",      "share"};

// Name prefixes of tracking parameter families.
constexpr std::array<std::string_view, 5> kTrackingPrefixes = {
    "utm_", "ns_", "pk_", "mtm_", "hsa_"};

// Host prefixes of mobile and AMP editions.
constexpr std::array<std::string_view, 3> kMobileHostPrefixes = {
    "m.", "mobile.", "amp."};

// Final path segments that name the directory's default document.
constexpr std::array<std::string_view, 5> kIndexFiles = {
    "index.html", "index.htm", "index.php", "index.shtml", "default.aspx"};

// Generic second-level labels under country-code domains ("co.uk").
constexpr std::array<std::string_view, 9> kSecondLevelLabels = {
    "co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

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

void AppendEscaped(unsigned char c, std::string* out) {
  out->push_back('%');
  out->push_back(kHexDigits[c >> 4]);
  out->push_back(kHexDigits[c & 0xF]);
}

// Normalises percent-encoding: decodes escapes of unreserved characters,
// upper-cases the hex of the others, and encodes bytes that may not appear
// raw (controls, space, quotes, non-ASCII). `keep` lists reserved
// characters that stay raw in this component.
std::string NormalizeEncoding(std::string_view s, std::string_view keep) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 &&
        HexValue(s[i + 2]) >= 0) {
      auto decoded = static_cast<unsigned char>(HexValue(s[i + 1]) * 16 +
                                                HexValue(s[i + 2]));
      if (IsUnreservedUrlChar(static_cast<char>(decoded))) {
        out.push_back(static_cast<char>(decoded));
      } else {
        AppendEscaped(decoded, &out);
      }
      i += 2;
      continue;
    }
    if (IsUnreservedUrlChar(static_cast<char>(c)) ||
        keep.find(static_cast<char>(c)) != std::string_view::npos) {
      out.push_back(static_cast<char>(c));
    } else {
      AppendEscaped(c, &out);
    }
  }
  return out;
}

bool IsAmpSwitch(std::string_view name, std::string_view value) {
  if (name == "amp" || name == "amp_js_v" || name == "usqp") return true;
  return (name == "outputtype" || name == "output") && Lower(value) == "amp";
}

std::string CanonicalHost(std::string_view host) {
  std::string h(host);
  for (std::string_view prefix : kMobileHostPrefixes) {
    // Keep at least two labels after the prefix ("m.example.com", not
    // "m.com").
    if (h.size() > prefix.size() && h.compare(0, prefix.size(), prefix) == 0 &&
        h.find('.', prefix.size()) != std::string::npos) {
      return "www." + h.substr(prefix.size());
    }
  }
  return h;
}

std::string CanonicalPath(std::string_view raw_path) {
  std::string decoded_dots = NormalizeEncoding(raw_path, "/!$&'()*+,;=:@");
  std::string path = RemoveDotSegments(decoded_dots);
  std::vector<std::string> segments;
  size_t pos = 0;
  while (pos < path.size()) {
    size_t next = path.find('/', pos);
    if (next == std::string::npos) next = path.size();
    std::string segment = path.substr(pos, next - pos);
    pos = next + 1;
    if (segment.empty()) continue;  // Collapses "//" and the trailing '/'.
    if (Lower(segment) == "amp") continue;
    segments.push_back(std::move(segment));
  }
  if (!segments.empty()) {
    std::string& last = segments.back();
    std::string lower_last = Lower(last);
    if (std::find(kIndexFiles.begin(), kIndexFiles.end(), lower_last) !=
        kIndexFiles.end()) {
      segments.pop_back();
    } else if (lower_last.size() > 9 &&
               lower_last.compare(lower_last.size() - 9, 9, ".amp.html") == 0) {
      last.erase(last.size() - 9, 4);  // "x.amp.html" -> "x.html"
    }
  }
  std::string out;
  for (const std::string& segment : segments) {
    out += '/';
    out += segment;
  }
  if (out.empty()) out.push_back('/');
  return out;
}

// Returns the query without tracking and AMP parameters, sorted by name.
std::string CanonicalQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> kept;
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t next = query.find('&', pos);
    if (next == std::string_view::npos) next = query.size();
    std::string_view param = query.substr(pos, next - pos);
    pos = next + 1;
    if (param.empty()) continue;
    size_t eq = param.find('=');
    std::string_view raw_name = param.substr(0, eq);
    std::string_view raw_value = eq == std::string_view::npos
                                     ? std::string_view()
                                     : param.substr(eq + 1);
    std::string name = Lower(PercentDecode(raw_name));
    if (IsTrackingParameter(name) || IsAmpSwitch(name, raw_value)) continue;
    std::string normalized = NormalizeEncoding(raw_name, "!$'()*+,;:@/?");
    if (eq != std::string_view::npos) {
      normalized += '=';
      normalized += NormalizeEncoding(raw_value, "!$'()*+,;=:@/?");
    }
    kept.emplace_back(NormalizeEncoding(raw_name, "!$'()*+,;:@/?"),
                      std::move(normalized));
  }
  std::stable_sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
    return a.first < b.first;
  });
  std::string out;
  for (const auto& [name, param] : kept) {
    if (!out.empty()) out += '&';
    out += param;
  }
  return out;
}

}  // namespace

bool IsTrackingParameter(std::string_view name) {
  std::string lower = Lower(name);
  for (std::string_view prefix : kTrackingPrefixes) {
    if (lower.compare(0, prefix.size(), prefix) == 0) return true;
  }
  return std::find(kTrackingNames.begin(), kTrackingNames.end(), lower) !=
         kTrackingNames.end();
}

std::string RegistrableDomain(std::string_view host) {
  std::string h = Lower(host);
  std::vector<size_t> dots;
  for (size_t i = 0; i < h.size(); ++i) {
    if (h[i] == '.') dots.push_back(i);
  }
  if (dots.size() < 2) return h;
  size_t second_last_dot = dots[dots.size() - 2];
  std::string_view second_level = std::string_view(h).substr(
      second_last_dot + 1, dots.back() - second_last_dot - 1);
  bool generic = std::find(kSecondLevelLabels.begin(), kSecondLevelLabels.end(),
                           second_level) != kSecondLevelLabels.end() &&
                 h.size() - dots.back() - 1 == 2;  // A country-code TLD.
  if (generic) {
    if (dots.size() < 3) return h;
    return h.substr(dots[dots.size() - 3] + 1);
  }
  return h.substr(second_last_dot + 1);
}

std::string CanonicalizeUrl(std::string_view url) {
  Result<Url> parsed = ParseUrl(url);
  if (!parsed.ok()) return std::string(Trim(url));
  Url u = std::move(parsed).value();
  u.userinfo.clear();
  u.host = CanonicalHost(u.host);
  if (!u.port.empty()) {
    Url without_port = u;
    without_port.port.clear();
    if (without_port.EffectivePort() == u.EffectivePort()) u.port.clear();
  }
  u.path = CanonicalPath(u.path);
  u.query = u.has_query ? CanonicalQuery(u.query) : std::string();
  u.has_query = !u.query.empty();
  u.fragment.clear();
  u.has_fragment = false;
  return u.ToString();
}

std::string CanonicalizeUrl(std::string_view url,
                            std::string_view rel_canonical) {
  if (Trim(rel_canonical).empty()) return CanonicalizeUrl(url);
  Result<std::string> resolved = ResolveUrl(url, rel_canonical);
  if (!resolved.ok()) return CanonicalizeUrl(url);
  Result<Url> page = ParseUrl(url);
  Result<Url> declared = ParseUrl(*resolved);
  if (!page.ok() || !declared.ok() ||
      RegistrableDomain(page->host) != RegistrableDomain(declared->host)) {
    return CanonicalizeUrl(url);
  }
  return CanonicalizeUrl(*resolved);
}

}  // namespace tidings::dedup
