// Quality floors of the feed parser on the public conformance suites
// (feedparser's Expect lines, gofeed's expected outputs). The floors sit a
// little under the measured figures; lowering one must be deliberate.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

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
  // Measured 2026-11-30: wellformed 0.960 (1,493 pass / 62 fail / 194 not
  // modelled), encoding 75/6, entities 255/0, illformed 12/4.
  EXPECT_GE(modelled_rate, 0.955);
  EXPECT_LE(wf.unsupported, 200);
  EXPECT_GE(report->folders["encoding"].pass, 74);
  EXPECT_GE(report->folders["entities"].pass, 254);
  EXPECT_GE(report->folders["illformed"].pass, 11);
  EXPECT_GE(report->folders["json"].pass, 1);
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
  // Measured 2026-11-30: 349 of 363 fields agree (0.961).
  EXPECT_GE(report->fields, 350);
  EXPECT_GE(static_cast<double>(report->agree) / report->fields, 0.955);
}

// Not a floor: prints the parse speed over the real publisher feeds.
TEST(FeedConformance, ReportsParseSpeed) {
  const auto dir =
      testing::DataDir() / "feeds" / "rss-parser" / "test" / "input";
  TIDINGS_REQUIRE_DATA(dir);
  std::vector<std::string> files;
  std::size_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    files.push_back(buf.str());
    bytes += files.back().size();
  }
  constexpr int kRounds = 20;
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  std::size_t entries = 0;
  for (int r = 0; r < kRounds; ++r) {
    for (const std::string& f : files) {
      auto parsed = ParseFeed(f);
      if (parsed.ok()) entries += parsed->entries.size();
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  // CPU time too: on a busy machine wall time mostly measures the others.
  const double cpu_seconds =
      static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  std::printf("parse speed (CPU time): %.1f MB/s\n",
              kRounds * bytes / cpu_seconds / 1e6);
  std::printf("parse speed: %zu files, %.1f MB/s, %.0f feeds/s (%zu entries)\n",
              files.size(), kRounds * bytes / seconds / 1e6,
              kRounds * files.size() / seconds, entries / kRounds);
  EXPECT_GT(entries, 0u);
}

}  // namespace
}  // namespace tidings::feed
