#include "fetch/robots.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

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

// Upper-cases the hex digits of %xx escapes so "%2f" and "%2F" compare
// equal, as RFC 9309 §2.2.2 asks.
std::string NormalizeEscapes(std::string_view s) {
  std::string out(s);
  for (std::size_t i = 0; i + 2 < out.size(); ++i) {
    if (out[i] == '%' &&
        std::isxdigit(static_cast<unsigned char>(out[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(out[i + 2]))) {
      out[i + 1] = static_cast<char>(std::toupper(out[i + 1]));
      out[i + 2] = static_cast<char>(std::toupper(out[i + 2]));
      i += 2;
    }
  }
  return out;
}

// The product token of a User-agent value: "Tidings/1.0 (+url)" → "tidings".
std::string AgentToken(std::string_view value) {
  std::size_t end = 0;
  while (end < value.size() &&
         (std::isalnum(static_cast<unsigned char>(value[end])) ||
          value[end] == '-' || value[end] == '_' || value[end] == '*')) {
    ++end;
  }
  return Lower(value.substr(0, end));
}

}  // namespace

bool RobotsPatternMatches(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // Iterative glob match with backtracking to the last '*'; linear in
  // practice and never recursive, so hostile patterns cannot blow the stack.
  std::size_t p = 0, s = 0;
  std::size_t star = std::string_view::npos, star_s = 0;
  while (true) {
    if (p == pattern.size()) {
      if (!anchored || s == path.size()) return true;
      // Anchored and text left: let the last '*' absorb more.
    } else if (pattern[p] == '*') {
      star = p++;
      star_s = s;
      continue;
    } else if (s < path.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
      continue;
    }
    if (star == std::string_view::npos || star_s >= path.size()) return false;
    p = star + 1;
    s = ++star_s;
  }
}

RobotsRules RobotsRules::AllowAll() { return RobotsRules(); }

RobotsRules RobotsRules::DisallowAll() {
  RobotsRules r;
  r.rules_.push_back({false, "/"});
  return r;
}

RobotsRules RobotsRules::Parse(std::string_view body,
                               std::string_view agent_token) {
  if (body.size() > kMaxParseBytes) body = body.substr(0, kMaxParseBytes);
  // Skip a UTF-8 byte-order mark.
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  const std::string want = Lower(agent_token);

  RobotsRules specific, wildcard;
  bool specific_seen = false;
  // State of the group being read: which agents it names and whether its
  // user-agent lines are still being collected.
  bool group_specific = false, group_wildcard = false;
  bool in_agent_lines = false;

  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t eol = body.find_first_of("\r\n", pos);
    if (eol == std::string_view::npos) eol = body.size();
    std::string_view line = body.substr(pos, eol - pos);
    pos = eol + 1;
    if (auto hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = Lower(Trim(line.substr(0, colon)));
    std::string_view value = Trim(line.substr(colon + 1));

    if (key == "user-agent") {
      if (!in_agent_lines) {
        group_specific = group_wildcard = false;
        in_agent_lines = true;
      }
      std::string token = AgentToken(value);
      if (token == "*") {
        group_wildcard = true;
      } else if (!token.empty() && token == want) {
        group_specific = true;
        specific_seen = true;
      }
      continue;
    }
    if (key == "allow" || key == "disallow") {
      in_agent_lines = false;
      // "Disallow:" with no path allows everything: no rule.
      if (value.empty()) continue;
      Rule rule{key == "allow", NormalizeEscapes(value)};
      if (group_specific) specific.rules_.push_back(rule);
      if (group_wildcard) wildcard.rules_.push_back(rule);
      continue;
    }
    if (key == "crawl-delay") {
      in_agent_lines = false;
      char* end = nullptr;
      std::string v(value);
      double d = std::strtod(v.c_str(), &end);
      if (end != v.c_str() && d >= 0) {
        if (group_specific) specific.crawl_delay_ = d;
        if (group_wildcard) wildcard.crawl_delay_ = d;
      }
      continue;
    }
    // Sitemap and unknown keys do not end the user-agent lines of a group
    // in RFC 9309 terms only if they are user-agent lines; anything else
    // does.
    in_agent_lines = false;
  }
  return specific_seen ? specific : wildcard;
}

bool RobotsRules::IsAllowed(std::string_view path_and_query) const {
  if (path_and_query == "/robots.txt") return true;
  std::string path = NormalizeEscapes(path_and_query);
  if (path.empty()) path.push_back('/');
  std::size_t best_length = 0;
  bool best_allow = true;
  bool matched = false;
  for (const Rule& rule : rules_) {
    if (!RobotsPatternMatches(rule.pattern, path)) continue;
    std::size_t length = rule.pattern.size();
    if (!matched || length > best_length ||
        (length == best_length && rule.allow && !best_allow)) {
      best_length = length;
      best_allow = rule.allow;
      matched = true;
    }
  }
  return !matched || best_allow;
}

}  // namespace tidings::fetch
