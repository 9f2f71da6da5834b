// robots.txt (RFC 9309): parsing and matching.
//
// The crawler fetches each origin's /robots.txt before its first article
// page and applies it to article pages only: feeds are published to be
// polled, and many sites disallow their feed paths by accident.
#ifndef TIDINGS_FETCH_ROBOTS_H_
#define TIDINGS_FETCH_ROBOTS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tidings::fetch {

// Parsed rules of one robots.txt for one user-agent token. Immutable after
// parsing; safe to share between threads for reading.
class RobotsRules {
 public:
  // Bytes parsed at most; RFC 9309 asks crawlers to parse at least 500 KiB
  // and allows ignoring the rest.
  static constexpr std::size_t kMaxParseBytes = 512 * 1024;

  // Everything allowed (no robots.txt, or a 4xx answer for it).
  static RobotsRules AllowAll();
  // Everything disallowed (robots.txt unreachable or a 5xx answer: RFC 9309
  // §2.3.1.4 says to assume complete disallow).
  static RobotsRules DisallowAll();

  // Parses `body` and keeps the rules of the groups that name `agent_token`
  // (case-insensitive, e.g. "tidings"), else those of the "*" groups.
  // Groups naming the same agent are merged. Unknown lines and malformed
  // lines are ignored; never fails.
  static RobotsRules Parse(std::string_view body, std::string_view agent_token);

  // Whether `path_and_query` ("/news/a?b=1") may be fetched: the matching
  // rule with the longest pattern wins, Allow wins ties, and no match
  // allows. "/robots.txt" is always allowed. Patterns support '*' (any
  // sequence) and a trailing '$' (end of URL).
  bool IsAllowed(std::string_view path_and_query) const;

  // The Crawl-delay of the chosen group in seconds, if it gave one.
  std::optional<double> crawl_delay() const { return crawl_delay_; }

 private:
  struct Rule {
    bool allow = false;
    std::string pattern;
  };
  std::vector<Rule> rules_;
  std::optional<double> crawl_delay_;
};

// True when `path` matches the robots.txt `pattern` ('*' and trailing '$').
// Exposed for tests.
bool RobotsPatternMatches(std::string_view pattern, std::string_view path);

}  // namespace tidings::fetch

#endif  // TIDINGS_FETCH_ROBOTS_H_
