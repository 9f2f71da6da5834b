// Reads the whole replay WARC (1,394 CC-NEWS-style response records, 43 MB
// compressed, 216 MB inflated) and reports the reader's raw speed.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <string>
#include <utility>

#include "base/test_util.h"
#include "text/charset.h"
#include "warc/http.h"
#include "warc/reader.h"

namespace tidings::warc {
namespace {

constexpr int kExpectedResponses = 1394;
constexpr double kMegabyte = 1e6;

std::filesystem::path ReplayWarc() {
  return tidings::testing::DataDir() / "replay/news-pages.warc.gz";
}

TEST(ReplayWarcTest, ReadsEveryRecordAndReportsSpeed) {
  TIDINGS_REQUIRE_DATA(ReplayWarc());
  // Wall time depends on what else runs; CPU time is the reader's own cost.
  auto start = std::chrono::steady_clock::now();
  std::clock_t cpu_start = std::clock();
  auto reader = Reader::Open(ReplayWarc().string());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  std::map<std::string, int> types;
  int records = 0, skipped = 0;
  std::uint64_t block_bytes = 0;
  Record record;
  while (true) {
    Result<bool> more = (*reader)->Next(&record);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) break;
    ++records;
    if (record.skipped()) {
      ++skipped;
      continue;
    }
    ++types[record.type];
    block_bytes += record.block.size();
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  double cpu_seconds =
      static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  EXPECT_EQ(types["response"], kExpectedResponses);
  EXPECT_EQ(types["warcinfo"], 1);
  EXPECT_EQ(skipped, 0);
  EXPECT_EQ((*reader)->bytes_consumed(), (*reader)->file_size());
  double file_mb = static_cast<double>((*reader)->file_size()) / kMegabyte;
  double block_mb = static_cast<double>(block_bytes) / kMegabyte;
  for (auto [label, t] : {std::pair<const char*, double>{"wall", seconds},
                          {"cpu", cpu_seconds}}) {
    std::printf(
        "warc reader (%s time): %d records, %.1f MB compressed, %.1f MB of "
        "blocks in %.2f s: %.1f MB/s compressed, %.1f MB/s inflated, %.0f "
        "records/s\n",
        label, records, file_mb, block_mb, t, file_mb / t, block_mb / t,
        records / t);
  }
  ::testing::Test::RecordProperty("records_per_second",
                                  static_cast<int>(records / seconds));
}

TEST(ReplayWarcTest, EveryResponseParsesAsHttp) {
  TIDINGS_REQUIRE_DATA(ReplayWarc());
  auto reader = Reader::Open(ReplayWarc().string());
  ASSERT_TRUE(reader.ok());
  int parsed = 0, with_warnings = 0;
  std::map<std::string, int> charsets;
  double parse_seconds = 0;
  Record record;
  while ((*reader)->Next(&record).value_or(false)) {
    if (record.type != "response") continue;
    auto start = std::chrono::steady_clock::now();
    Result<HttpResponse> http = ParseHttpResponse(record.block);
    parse_seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    ASSERT_TRUE(http.ok()) << record.target_uri << ": "
                           << http.status().ToString();
    EXPECT_EQ(http->status, 200) << record.target_uri;
    EXPECT_FALSE(http->body.empty()) << record.target_uri;
    if (!http->warnings.empty()) ++with_warnings;
    ++parsed;
    // Every page decodes to valid UTF-8 whatever it declares.
    std::string content_type = http->Header("Content-Type");
    ++charsets[text::DetectCharset(http->body, content_type)];
    std::string utf8 = text::DecodeToUtf8(http->body, content_type);
    EXPECT_TRUE(text::IsValidUtf8(utf8)) << record.target_uri;
  }
  EXPECT_EQ(parsed, kExpectedResponses);
  std::printf("http: %d responses parsed in %.2f s, %d with warnings\n", parsed,
              parse_seconds, with_warnings);
  std::printf("charsets:");
  for (const auto& [name, count] : charsets) {
    std::printf(" %s %d", name.c_str(), count);
  }
  std::printf("\n");
}

}  // namespace
}  // namespace tidings::warc
