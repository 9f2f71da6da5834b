// Conformance evaluation of the feed parser against two public suites:
//
//  - feedparser's tests (kurtmckee/feedparser, tests/<folder>/…): each file
//    carries "Expect: <python expression>" over feedparser's result. The
//    result is rebuilt from our model with feedparser's key names; checks
//    that read something the model does not express count as unsupported,
//    neither pass nor fail.
//  - gofeed's testdata (mmcdole/gofeed): each feed has an expected JSON;
//    the fields both models have are compared one by one.
//
// Thread-safety: functions are reentrant; they read files only.
#ifndef TIDINGS_FEED_CONFORMANCE_H_
#define TIDINGS_FEED_CONFORMANCE_H_

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "feed/feed.h"
#include "feed/pyexpr.h"

namespace tidings::feed {

struct CheckCounts {
  int pass = 0;
  int fail = 0;
  int unsupported = 0;
  int Total() const { return pass + fail + unsupported; }
};

struct FeedparserReport {
  // By top-level folder ("wellformed", "illformed", "encoding", …).
  std::map<std::string, CheckCounts> folders;
  // By second-level folder ("wellformed/atom10", …).
  std::map<std::string, CheckCounts> subfolders;
  // "path: expression" of each failing check, for improving the parser.
  std::vector<std::string> failures;
  // "path: reason" of each unsupported check.
  std::vector<std::string> unsupported;
  // Files whose parse crashed nothing but returned an error.
  int parse_errors = 0;
};

struct GofeedReport {
  int files = 0;
  int fields = 0;
  int agree = 0;
  // "path: field: expected … got …".
  std::vector<std::string> disagreements;
};

// Runs every test file below `tests_dir` (feedparser/tests). Fails with
// kNotFound when the folder does not exist.
Result<FeedparserReport> RunFeedparserSuite(
    const std::filesystem::path& tests_dir);

// Runs every expected-output JSON below `testdata_dir` (gofeed/testdata).
// Fails with kNotFound when the folder does not exist.
Result<GofeedReport> RunGofeedSuite(const std::filesystem::path& testdata_dir);

// feedparser's result (bozo, encoding, version, feed, entries) for a parse
// outcome, as evaluator variables.
std::map<std::string, py::Value> FeedparserView(
    const Result<ParsedFeed>& parsed);

}  // namespace tidings::feed

#endif  // TIDINGS_FEED_CONFORMANCE_H_
