#include "warc/reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "base/test_util.h"
#include "warc/test_helpers.h"

namespace tidings::warc {
namespace {

using testing::Compress;
using testing::MakeHttp;
using testing::MakeRecord;
using testing::WriteFile;

// Reads every record; stops at the first error, which goes to *error.
std::vector<Record> ReadAll(Reader& reader, Status* error = nullptr) {
  std::vector<Record> out;
  while (true) {
    Record r;
    Result<bool> more = reader.Next(&r);
    if (!more.ok()) {
      if (error) *error = more.status();
      break;
    }
    if (!*more) break;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<Record> ReadAllFrom(std::string data, Status* error = nullptr,
                                ReaderOptions options = {}) {
  auto reader = Reader::FromString(std::move(data), options, "mem.warc");
  return ReadAll(*reader, error);
}

class ReaderFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tidings::testing::TempDir(
        std::string("warc-") +
        ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) { return (dir_ / name).string(); }

  std::filesystem::path dir_;
};

const std::string kRec1 =
    MakeRecord("warcinfo", "", "software: tidings-test\r\n");
const std::string kRec2 = MakeRecord("response", "<http://example.com/a>",
                                     MakeHttp("<p>first page</p>"));
const std::string kRec3 = MakeRecord("response", "http://example.com/b",
                                     MakeHttp("<p>second page</p>"));

TEST_F(ReaderFileTest, PlainFileWithSeveralRecords) {
  WriteFile(Path("a.warc"), kRec1 + kRec2 + kRec3);
  Result<std::unique_ptr<Reader>> reader = Reader::Open(Path("a.warc"));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  Status error;
  std::vector<Record> records = ReadAll(**reader, &error);
  ASSERT_TRUE(error.ok()) << error.ToString();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_FALSE((*reader)->compressed());

  EXPECT_EQ(records[0].type, "warcinfo");
  EXPECT_EQ(records[0].version, "1.0");
  EXPECT_EQ(records[0].offset, 0u);
  EXPECT_EQ(records[0].block, "software: tidings-test\r\n");

  const Record& r = records[1];
  EXPECT_FALSE(r.skipped());
  EXPECT_EQ(r.type, "response");
  EXPECT_EQ(r.target_uri, "http://example.com/a");  // <> stripped
  ASSERT_TRUE(r.date.has_value());
  EXPECT_EQ(*r.date, 1709647620);  // 2024-03-05T14:07:00Z
  EXPECT_EQ(r.content_type, "application/http; msgtype=response");
  EXPECT_EQ(r.record_id,
            "<urn:uuid:0000-" + std::to_string(r.block.size()) + ">");
  EXPECT_EQ(r.block, MakeHttp("<p>first page</p>"));
  EXPECT_EQ(r.content_length, r.block.size());
  EXPECT_EQ(r.offset, kRec1.size());
  EXPECT_EQ(r.Header("warc-type"), "response");
  EXPECT_EQ(r.Header("No-Such-Field"), "");
  EXPECT_EQ(records[2].offset, kRec1.size() + kRec2.size());

  EXPECT_EQ((*reader)->bytes_consumed(), (*reader)->file_size());
  // The end is sticky.
  Record extra;
  EXPECT_FALSE((*reader)->Next(&extra).value());
}

TEST_F(ReaderFileTest, GzipPerRecordGivesMemberOffsets) {
  std::string m1 = Compress(kRec1), m2 = Compress(kRec2), m3 = Compress(kRec3);
  WriteFile(Path("a.warc.gz"), m1 + m2 + m3);
  auto reader = Reader::Open(Path("a.warc.gz"));
  ASSERT_TRUE(reader.ok());
  Status error;
  std::vector<Record> records = ReadAll(**reader, &error);
  ASSERT_TRUE(error.ok()) << error.ToString();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_TRUE((*reader)->compressed());
  EXPECT_EQ(records[0].offset, 0u);
  EXPECT_EQ(records[1].offset, m1.size());
  EXPECT_EQ(records[2].offset, m1.size() + m2.size());
  EXPECT_EQ(records[2].block, MakeHttp("<p>second page</p>"));
  EXPECT_EQ((*reader)->bytes_consumed(), (*reader)->file_size());
}

TEST(ReaderTest, OneBigGzipStream) {
  Status error;
  std::vector<Record> records =
      ReadAllFrom(Compress(kRec1 + kRec2 + kRec3), &error);
  ASSERT_TRUE(error.ok()) << error.ToString();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].block, MakeHttp("<p>first page</p>"));
  EXPECT_EQ(records[2].offset, 0u);  // all in the member at byte 0
}

TEST(ReaderTest, GzipMembersMaySplitRecordsAnywhere) {
  const std::string plain = kRec1 + kRec2 + kRec3;
  for (std::size_t a = 1; a < plain.size(); a += 7) {
    std::size_t b = std::min(plain.size() - 1, a + 13);
    std::string data = Compress(plain.substr(0, a)) +
                       Compress(plain.substr(a, b - a)) +
                       Compress(plain.substr(b));
    Status error;
    std::vector<Record> records = ReadAllFrom(data, &error);
    ASSERT_TRUE(error.ok()) << "split at " << a << ": " << error.ToString();
    ASSERT_EQ(records.size(), 3u) << "split at " << a;
    EXPECT_EQ(records[2].block, MakeHttp("<p>second page</p>"));
  }
}

TEST(ReaderTest, EmptyInputHasNoRecords) {
  Status error;
  EXPECT_TRUE(ReadAllFrom("", &error).empty());
  EXPECT_TRUE(error.ok());
  EXPECT_TRUE(ReadAllFrom(Compress(""), &error).empty());
  EXPECT_TRUE(error.ok()) << error.ToString();
}

TEST(ReaderTest, BlankLinesAndBareLineFeedsAreTolerated) {
  std::string lf =
      "WARC/1.0\nWARC-Type: resource\nContent-Length: 3\n\nabc\n\n";
  Status error;
  std::vector<Record> records = ReadAllFrom("\r\n\r\n" + lf + lf, &error);
  ASSERT_TRUE(error.ok()) << error.ToString();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].block, "abc");
  EXPECT_EQ(records[1].type, "resource");
}

TEST(ReaderTest, ContinuationLinesAreJoined) {
  std::string rec =
      "WARC/1.1\r\nWARC-Type: metadata\r\nX-Note: one\r\n  two\r\n"
      "Content-Length: 0\r\n\r\n\r\n\r\n";
  Status error;
  std::vector<Record> records = ReadAllFrom(rec, &error);
  ASSERT_EQ(records.size(), 1u) << error.ToString();
  EXPECT_EQ(records[0].version, "1.1");
  EXPECT_EQ(records[0].Header("x-note"), "one two");
  EXPECT_TRUE(records[0].block.empty());
}

TEST(ReaderTest, OldDraftVersionsAndCompactDates) {
  std::string rec =
      "WARC/0.17\r\nWARC-Type: response\r\nWARC-Date: 20080101120000\r\n"
      "Content-Length: 2\r\n\r\nhi\r\n\r\n";
  Status error;
  std::vector<Record> records = ReadAllFrom(rec, &error);
  ASSERT_EQ(records.size(), 1u) << error.ToString();
  EXPECT_EQ(records[0].version, "0.17");
  ASSERT_TRUE(records[0].date.has_value());
  EXPECT_EQ(*records[0].date, 1199188800);
}

TEST(ReaderTest, MissingRecordTrailerBeforeNextRecordOrEndIsAccepted) {
  std::string a = "WARC/1.0\r\nContent-Length: 1\r\n\r\nA";
  Status error;
  std::vector<Record> records = ReadAllFrom(a + a, &error);
  ASSERT_TRUE(error.ok()) << error.ToString();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_FALSE(records[0].skipped());
  EXPECT_FALSE(records[1].skipped());
}

TEST_F(ReaderFileTest, TruncatedPlainFileNamesFileAndRecordOffset) {
  std::string data = kRec1 + kRec2 + kRec3;
  data.resize(data.size() - 40);  // cut inside the third block
  WriteFile(Path("cut.warc"), data);
  auto reader = Reader::Open(Path("cut.warc"));
  ASSERT_TRUE(reader.ok());
  Status error;
  std::vector<Record> records = ReadAll(**reader, &error);
  EXPECT_EQ(records.size(), 2u);  // the records before stay readable
  EXPECT_EQ(error.code(), StatusCode::kCorruption);
  EXPECT_EQ(error.message().rfind(
                "warc: " + Path("cut.warc") + ": at byte " +
                    std::to_string(kRec1.size() + kRec2.size()) + ": truncated",
                0),
            0u)
      << error.message();
  // The error is sticky.
  Record r;
  EXPECT_EQ((*reader)->Next(&r).status().message(), error.message());
}

TEST_F(ReaderFileTest, TruncatedHeaderIsCorruption) {
  std::string data = kRec1 + kRec2.substr(0, 30);
  Status error;
  std::vector<Record> records = ReadAllFrom(data, &error);
  EXPECT_EQ(records.size(), 1u);
  EXPECT_EQ(error.code(), StatusCode::kCorruption);
  EXPECT_NE(error.message().find("at byte " + std::to_string(kRec1.size())),
            std::string::npos)
      << error.message();
}

TEST_F(ReaderFileTest, TruncatedGzipFileNamesTheMember) {
  std::string m1 = Compress(kRec1), m2 = Compress(kRec2);
  std::string data = m1 + m2.substr(0, m2.size() / 2);
  WriteFile(Path("cut.warc.gz"), data);
  auto reader = Reader::Open(Path("cut.warc.gz"));
  ASSERT_TRUE(reader.ok());
  Status error;
  std::vector<Record> records = ReadAll(**reader, &error);
  EXPECT_EQ(records.size(), 1u);
  EXPECT_EQ(error.code(), StatusCode::kCorruption);
  EXPECT_EQ(error.message(), "warc: " + Path("cut.warc.gz") + ": at byte " +
                                 std::to_string(m1.size()) +
                                 ": truncated file: gzip member ends early");
}

TEST_F(ReaderFileTest, GarbageFileIsCorruptionAtByteZero) {
  WriteFile(Path("junk.warc"), "this is not a WARC file at all\n");
  auto reader = Reader::Open(Path("junk.warc"));
  ASSERT_TRUE(reader.ok());
  Record r;
  Result<bool> next = (*reader)->Next(&r);
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(
      next.status().message().rfind(
          "warc: " + Path("junk.warc") + ": at byte 0: not a WARC file", 0),
      0u)
      << next.status().message();
}

TEST(ReaderTest, BinaryGarbageAndGzippedGarbageAreNotWarc) {
  for (const std::string& data :
       {std::string("\x00\x01\x02\x03garbage", 11), Compress("<html>hi"),
        std::string("\x1f\x8b\x08\x00nonsense", 12), std::string("W"),
        std::string("WARC/")}) {
    Status error;
    EXPECT_TRUE(ReadAllFrom(data, &error).empty());
    EXPECT_EQ(error.code(), StatusCode::kCorruption);
    EXPECT_NE(error.message().find("at byte 0"), std::string::npos)
        << error.message();
  }
}

TEST_F(ReaderFileTest, MissingFileIsIoError) {
  auto reader = Reader::Open(Path("does-not-exist.warc"));
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kIoError);
  EXPECT_NE(reader.status().message().find("does-not-exist.warc"),
            std::string::npos);
  auto dir = Reader::Open(dir_.string());
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(dir.status().code(), StatusCode::kIoError);
}

TEST(ReaderTest, RecordOverTheCapIsSkippedAndReadingGoesOn) {
  std::string big = MakeRecord("response", "http://example.com/big",
                               MakeHttp(std::string(5000, 'x')));
  ReaderOptions options;
  options.max_block_bytes = 1000;
  for (bool gzip : {false, true}) {
    std::string data = gzip ? Compress(kRec1) + Compress(big) + Compress(kRec3)
                            : kRec1 + big + kRec3;
    Status error;
    std::vector<Record> records = ReadAllFrom(data, &error, options);
    ASSERT_TRUE(error.ok()) << error.ToString();
    ASSERT_EQ(records.size(), 3u);
    EXPECT_TRUE(records[1].skipped());
    EXPECT_EQ(records[1].skip_reason, kSkipTooLarge);
    EXPECT_TRUE(records[1].truncated_block);
    EXPECT_TRUE(records[1].block.empty());
    EXPECT_EQ(records[1].target_uri, "http://example.com/big");
    EXPECT_GT(records[1].content_length, 5000u);
    EXPECT_NE(records[1].skip_detail.find("over the cap"), std::string::npos);
    EXPECT_FALSE(records[2].skipped());
    EXPECT_EQ(records[2].block, MakeHttp("<p>second page</p>"));
  }
}

TEST(ReaderTest, BadHeaderInGzipMemberIsSkippedAndNextMemberRead) {
  std::string bad =
      "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\nxx";
  std::string m1 = Compress(kRec1);
  std::string data = m1 + Compress(bad) + Compress(kRec3);
  Status error;
  std::vector<Record> records = ReadAllFrom(data, &error);
  ASSERT_TRUE(error.ok()) << error.ToString();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].skip_reason, kSkipMalformedHeader);
  EXPECT_EQ(records[1].offset, m1.size());
  EXPECT_NE(records[1].skip_detail.find("at byte " + std::to_string(m1.size()) +
                                        ": bad Content-Length"),
            std::string::npos)
      << records[1].skip_detail;
  EXPECT_EQ(records[2].type, "response");
  EXPECT_FALSE(records[2].skipped());
}

TEST(ReaderTest, GarbageMemberIsSkipped) {
  std::string data =
      Compress(kRec1) + Compress("complete nonsense\r\n\r\n") + Compress(kRec3);
  Status error;
  std::vector<Record> records = ReadAllFrom(data, &error);
  ASSERT_TRUE(error.ok()) << error.ToString();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].skip_reason, kSkipMalformedHeader);
  EXPECT_FALSE(records[2].skipped());
}

TEST(ReaderTest, BadHeaderInPlainFileResynchronisesAtNextRecord) {
  std::string bad = "WARC/1.0\r\nWARC-Type: response\r\nno colon here\r\n\r\n";
  Status error;
  std::vector<Record> records = ReadAllFrom(kRec1 + bad + kRec3, &error);
  ASSERT_TRUE(error.ok()) << error.ToString();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].skip_reason, kSkipMalformedHeader);
  EXPECT_EQ(records[1].offset, kRec1.size());
  EXPECT_EQ(records[2].offset, kRec1.size() + bad.size());
  EXPECT_EQ(records[2].block, MakeHttp("<p>second page</p>"));
}

TEST(ReaderTest, WrongContentLengthIsSkippedAndReadingGoesOn) {
  // Declares 5 bytes fewer than the block has, as warcio's
  // example-trunc.warc does.
  std::string block = MakeHttp("<p>page</p>");
  std::string lying = "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: " +
                      std::to_string(block.size() - 5) + "\r\n\r\n" + block +
                      "\r\n\r\n";
  for (bool gzip : {false, true}) {
    std::string data = gzip
                           ? Compress(kRec1) + Compress(lying) + Compress(kRec3)
                           : kRec1 + lying + kRec3;
    Status error;
    std::vector<Record> records = ReadAllFrom(data, &error);
    ASSERT_TRUE(error.ok()) << error.ToString();
    ASSERT_EQ(records.size(), 3u) << "gzip=" << gzip;
    EXPECT_EQ(records[1].skip_reason, kSkipBadLength);
    EXPECT_TRUE(records[1].block.empty());
    EXPECT_FALSE(records[2].skipped());
    EXPECT_EQ(records[2].block, MakeHttp("<p>second page</p>"));
  }
}

TEST(ReaderTest, DamagedGzipMemberIsSkippedAndNextMemberRead) {
  std::string m1 = Compress(kRec1);
  std::string m2 = Compress(kRec2 + std::string(2000, 'z'));
  std::string m3 = Compress(kRec3);
  // Flip bytes in the middle of the deflate data of the second member.
  for (std::size_t i = m2.size() / 2; i < m2.size() / 2 + 8; ++i) {
    m2[i] = static_cast<char>(m2[i] ^ 0x5a);
  }
  Status error;
  std::vector<Record> records = ReadAllFrom(m1 + m2 + m3, &error);
  ASSERT_TRUE(error.ok()) << error.ToString();
  ASSERT_GE(records.size(), 3u);
  EXPECT_FALSE(records.front().skipped());
  EXPECT_TRUE(records[1].skipped());
  EXPECT_EQ(records.back().block, MakeHttp("<p>second page</p>"));
  EXPECT_FALSE(records.back().skipped());
}

TEST(ReaderTest, TrailingGarbageAfterLastMemberIsOneSkippedRecord) {
  Status error;
  std::vector<Record> records =
      ReadAllFrom(Compress(kRec1) + Compress(kRec2) + "trailing junk", &error);
  ASSERT_TRUE(error.ok()) << error.ToString();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[2].skip_reason, kSkipBadGzip);
}

TEST(ReaderTest, ArcFilesAreUnsupported) {
  Status error;
  ReadAllFrom("filedesc://x.arc 0.0.0.0 20140216050221 text/plain 75\n",
              &error);
  EXPECT_EQ(error.code(), StatusCode::kUnsupported);
  EXPECT_NE(error.message().find("ARC"), std::string::npos);
}

TEST(ReaderTest, ReadsFromAStream) {
  auto in = std::make_unique<std::istringstream>(kRec1 + kRec2);
  auto reader = Reader::FromStream(std::move(in));
  EXPECT_EQ(reader->file_size(), kRec1.size() + kRec2.size());
  Status error;
  std::vector<Record> records = ReadAll(*reader, &error);
  ASSERT_TRUE(error.ok());
  EXPECT_EQ(records.size(), 2u);
}

TEST(ReaderTest, LargeBlocksSpanManyBuffers) {
  std::string body(3 << 20, 'a');
  for (std::size_t i = 0; i < body.size(); i += 997) body[i] = 'b';
  std::string rec = MakeRecord("resource", "http://x/", body);
  for (bool gzip : {false, true}) {
    Status error;
    std::vector<Record> records =
        ReadAllFrom(gzip ? Compress(rec + kRec3) : rec + kRec3, &error);
    ASSERT_TRUE(error.ok()) << error.ToString();
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].block, body);
  }
}

TEST(ReaderTest, HugeDeclaredLengthInTinyInputIsTruncation) {
  std::string rec = "WARC/1.0\r\nContent-Length: 9999999999999\r\n\r\nabc";
  Status error;
  ReadAllFrom(kRec1 + rec, &error);
  EXPECT_EQ(error.code(), StatusCode::kCorruption);
  EXPECT_NE(error.message().find("truncated"), std::string::npos);
}

// ---- warcio's sample files (shared data).

std::filesystem::path WarcioDir() {
  return tidings::testing::DataDir() / "warc/warcio/test/data";
}

std::vector<Record> ReadSample(const std::string& name, Status* error) {
  auto reader = Reader::Open((WarcioDir() / name).string());
  if (!reader.ok()) {
    *error = reader.status();
    return {};
  }
  return ReadAll(**reader, error);
}

std::vector<std::string> Types(const std::vector<Record>& records) {
  std::vector<std::string> out;
  for (const Record& r : records) {
    out.push_back(r.skipped() ? "skipped:" + r.skip_reason : r.type);
  }
  return out;
}

TEST(WarcioSamplesTest, ExampleFilesPlainAndCompressed) {
  TIDINGS_REQUIRE_DATA(WarcioDir());
  const std::vector<std::string> expected = {"warcinfo", "warcinfo", "response",
                                             "request",  "revisit",  "request"};
  for (const char* name :
       {"example.warc", "example.warc.gz", "example-bad-non-chunked.warc.gz",
        "example-bad.warc.gz.bad"}) {
    Status error;
    std::vector<Record> records = ReadSample(name, &error);
    EXPECT_TRUE(error.ok()) << name << ": " << error.ToString();
    if (std::string(name) == "example-bad.warc.gz.bad") {
      EXPECT_EQ(records.size(), 6u) << name;
      continue;
    }
    EXPECT_EQ(Types(records), expected) << name;
    ASSERT_GE(records.size(), 3u);
    EXPECT_EQ(records[2].target_uri, "http://example.com/");
    EXPECT_EQ(records[2].content_length, 975u);
    EXPECT_EQ(records[2].block.size(), 975u);
  }
}

TEST(WarcioSamplesTest, GzipOffsetsAreMemberOffsets) {
  TIDINGS_REQUIRE_DATA(WarcioDir());
  Status error;
  std::vector<Record> records = ReadSample("example.warc.gz", &error);
  ASSERT_EQ(records.size(), 6u);
  // Where the gzip members start in the file.
  const std::uint64_t offsets[] = {0, 353, 784, 2012, 2621, 3207};
  for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(records[i].offset, offsets[i]);
}

TEST(WarcioSamplesTest, OtherSamples) {
  TIDINGS_REQUIRE_DATA(WarcioDir());
  struct Case {
    const char* name;
    std::vector<std::string> types;
  };
  const Case cases[] = {
      {"example-iana.org-chunked.warc", {"warcinfo", "response", "request"}},
      {"example-digest.warc", {"request", "request", "request", "request"}},
      {"example-resource.warc.gz", {"warcinfo", "warcinfo", "resource"}},
      {"example-space-in-target-uri.warc.gz", {"warcinfo", "resource"}},
      {"example-wget-bad-target-uri.warc.gz",
       {"warcinfo", "request", "response", "metadata", "resource", "resource"}},
      {"example-wrong-chunks.warc.gz", {"response", "request"}},
      {"post-test.warc.gz",
       {"response", "request", "response", "request", "response", "request"}},
      // The third record's Content-Length is 2 short: skipped, then the
      // reader finds the next record.
      {"example-trunc.warc",
       {"warcinfo", "warcinfo", "skipped:bad content length", "request"}},
  };
  for (const Case& c : cases) {
    Status error;
    std::vector<Record> records = ReadSample(c.name, &error);
    EXPECT_TRUE(error.ok()) << c.name << ": " << error.ToString();
    EXPECT_EQ(Types(records), c.types) << c.name;
  }
  Status error;
  std::vector<Record> records =
      ReadSample("example-space-in-target-uri.warc.gz", &error);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].target_uri, "file:///example with spaces.png");
  records = ReadSample("example-wget-bad-target-uri.warc.gz", &error);
  ASSERT_EQ(records.size(), 6u);
  EXPECT_EQ(records[2].target_uri, "http://example.com/");
}

TEST(WarcioSamplesTest, ArcFilesAreRefusedClearly) {
  TIDINGS_REQUIRE_DATA(WarcioDir());
  for (const char* name : {"example.arc", "example.arc.gz", "bad.arc",
                           "example-space-in-url.arc"}) {
    Status error;
    std::vector<Record> records = ReadSample(name, &error);
    EXPECT_TRUE(records.empty()) << name;
    EXPECT_EQ(error.code(), StatusCode::kUnsupported) << name;
    EXPECT_NE(error.message().find("ARC files are not supported"),
              std::string::npos)
        << error.message();
  }
}

}  // namespace
}  // namespace tidings::warc
