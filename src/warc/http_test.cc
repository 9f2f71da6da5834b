#include "warc/http.h"

#include <brotli/encode.h>
#include <gtest/gtest.h>

#include <string>

#include "base/test_util.h"
#include "warc/reader.h"
#include "warc/test_helpers.h"

namespace tidings::warc {
namespace {

using testing::Compress;
using testing::kGzip;
using testing::kRawDeflate;
using testing::kZlib;

std::string Brotli(std::string_view data) {
  std::size_t size = BrotliEncoderMaxCompressedSize(data.size());
  std::string out(size, '\0');
  // A middling quality: the default (11) is slow for the bomb test.
  constexpr int kQuality = 5;
  BrotliEncoderCompress(kQuality, BROTLI_DEFAULT_WINDOW, BROTLI_DEFAULT_MODE,
                        data.size(),
                        reinterpret_cast<const std::uint8_t*>(data.data()),
                        &size, reinterpret_cast<std::uint8_t*>(out.data()));
  out.resize(size);
  return out;
}

std::string Message(std::string_view headers, std::string_view body) {
  return "HTTP/1.1 200 OK\r\n" + std::string(headers) + "\r\n" +
         std::string(body);
}

const std::string kPage = "<html><body><p>Hello, world.</p></body></html>";

TEST(ParseHttpResponseTest, StatusLineHeadersAndBody) {
  Result<HttpResponse> r = ParseHttpResponse(
      "HTTP/1.1 404 Not Found\r\nContent-Type: text/html; charset=utf-8\r\n"
      "X-Folded: first\r\n\tsecond\r\nContent-Length: 5\r\n\r\nabcde");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, "HTTP/1.1");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->reason, "Not Found");
  EXPECT_EQ(r->Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(r->Header("CONTENT-TYPE"), "text/html; charset=utf-8");
  EXPECT_EQ(r->Header("x-folded"), "first second");
  EXPECT_EQ(r->Header("missing"), "");
  EXPECT_EQ(r->body, "abcde");
  EXPECT_TRUE(r->warnings.empty());
}

TEST(ParseHttpResponseTest, BareLineFeedsAndNoReason) {
  Result<HttpResponse> r =
      ParseHttpResponse("HTTP/1.0 200\nContent-Type: text/plain\n\nbody");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->reason, "");
  EXPECT_EQ(r->body, "body");
}

TEST(ParseHttpResponseTest, RepeatedFieldsJoin) {
  Result<HttpResponse> r =
      ParseHttpResponse(Message("Vary: a\r\nVary: b\r\n", ""));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->Header("Vary"), "a");
  EXPECT_EQ(r->JoinedHeader("vary"), "a, b");
}

TEST(ParseHttpResponseTest, NotHttpIsCorruption) {
  for (const char* bad : {"", "GET / HTTP/1.1\r\n\r\n", "<html>",
                          "HTTP/1.1\r\n\r\n", "HTTP/1.1 2x0 OK\r\n\r\n",
                          "HTTP/1.1 20 OK\r\n\r\n", "HTTP/1.1 099 X\r\n\r\n"}) {
    Result<HttpResponse> r = ParseHttpResponse(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << bad;
    EXPECT_EQ(r.status().message().rfind("warc: http: ", 0), 0u);
  }
}

TEST(ParseHttpResponseTest, HeaderSectionOverTheCapIsCorruption) {
  std::string headers;
  for (int i = 0; i < 1000; ++i) headers += "X-Filler: " + kPage + "\r\n";
  HttpParseOptions options;
  options.max_header_bytes = 4096;
  Result<HttpResponse> r = ParseHttpResponse(Message(headers, ""), options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
}

TEST(ParseHttpResponseTest, MessageEndingInHeadersHasEmptyBody) {
  Result<HttpResponse> r = ParseHttpResponse("HTTP/1.1 204 No Content\r\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 204);
  EXPECT_TRUE(r->body.empty());
  EXPECT_EQ(r->warnings.size(), 1u);
}

TEST(ParseHttpResponseTest, LinesWithoutColonAreDroppedWithAWarning) {
  Result<HttpResponse> r =
      ParseHttpResponse(Message("Good: yes\r\nbroken line\r\n", "x"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->headers.size(), 1u);
  EXPECT_EQ(r->body, "x");
  EXPECT_EQ(r->warnings.size(), 1u);
}

TEST(ParseHttpResponseTest, InterimResponsesAreSkipped) {
  Result<HttpResponse> r = ParseHttpResponse(
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nA: b\r\n\r\nok");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->Header("A"), "b");
  EXPECT_EQ(r->body, "ok");
}

TEST(ParseHttpResponseTest, ContentLengthMismatchKeepsTheWholeBody) {
  Result<HttpResponse> r =
      ParseHttpResponse(Message("Content-Length: 3\r\n", kPage));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, kPage);
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_NE(r->warnings[0].find("Content-Length"), std::string::npos);
}

TEST(ParseHttpResponseTest, Chunked) {
  Result<HttpResponse> r = ParseHttpResponse(
      Message("Transfer-Encoding: chunked\r\n",
              "4\r\nWiki\r\n5;ext=1\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n"
              "0\r\nTrailer: x\r\n\r\n"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "Wikipedia in\r\n\r\nchunks.");
  EXPECT_TRUE(r->warnings.empty());
}

TEST(ParseHttpResponseTest, ChunkedHeaderOverPlainBodyUsesTheBodyAsIs) {
  Result<HttpResponse> r =
      ParseHttpResponse(Message("Transfer-Encoding: chunked\r\n", kPage));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, kPage);
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_NE(r->warnings[0].find("not chunked"), std::string::npos);
}

TEST(ParseHttpResponseTest, BadChunkSizeLaterUsesTheBodyAsIs) {
  std::string body = "4\r\nWiki\r\nzz\r\npedia\r\n0\r\n\r\n";
  Result<HttpResponse> r =
      ParseHttpResponse(Message("Transfer-Encoding: chunked\r\n", body));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, body);
  EXPECT_EQ(r->warnings.size(), 1u);
}

TEST(ParseHttpResponseTest, ChunkedBodyCutShortKeepsWhatIsThere) {
  Result<HttpResponse> r = ParseHttpResponse(
      Message("Transfer-Encoding: chunked\r\n", "4\r\nWiki\r\n10\r\npedia"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "Wikipedia");
  EXPECT_EQ(r->warnings.size(), 1u);
}

TEST(ParseHttpResponseTest, HugeChunkSizeDoesNotAllocate) {
  Result<HttpResponse> r = ParseHttpResponse(
      Message("Transfer-Encoding: chunked\r\n", "FFFFFFFFFFFFFFFF\r\nabc"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "abc");
  EXPECT_FALSE(r->warnings.empty());
}

TEST(ParseHttpResponseTest, GzipDeflateAndBrotli) {
  struct Case {
    const char* coding;
    std::string data;
  };
  const Case cases[] = {
      {"gzip", Compress(kPage, kGzip)},
      {"x-gzip", Compress(kPage, kGzip)},
      {"deflate", Compress(kPage, kZlib)},
      {"deflate", Compress(kPage, kRawDeflate)},
      {"br", Brotli(kPage)},
      {"identity", kPage},
  };
  for (const Case& c : cases) {
    Result<HttpResponse> r = ParseHttpResponse(
        Message("Content-Encoding: " + std::string(c.coding) + "\r\n", c.data));
    ASSERT_TRUE(r.ok()) << c.coding << ": " << r.status().ToString();
    EXPECT_EQ(r->body, kPage) << c.coding;
    EXPECT_TRUE(r->warnings.empty()) << c.coding << ": " << r->warnings[0];
  }
}

TEST(ParseHttpResponseTest, MultiMemberGzipBody) {
  Result<HttpResponse> r = ParseHttpResponse(
      Message("Content-Encoding: gzip\r\n",
              Compress("first half, ") + Compress("second half")));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "first half, second half");
}

TEST(ParseHttpResponseTest, ChunkedAndGzipTogether) {
  std::string gz = Compress(kPage);
  std::string chunked;
  for (std::size_t i = 0; i < gz.size(); i += 10) {
    std::string piece = gz.substr(i, 10);
    char size[8];
    std::snprintf(size, sizeof(size), "%zx", piece.size());
    chunked += std::string(size) + "\r\n" + piece + "\r\n";
  }
  chunked += "0\r\n\r\n";
  Result<HttpResponse> r = ParseHttpResponse(Message(
      "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", chunked));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->body, kPage);
}

TEST(ParseHttpResponseTest, StackedCodingsAreUndoneInReverse) {
  Result<HttpResponse> r = ParseHttpResponse(
      Message("Content-Encoding: gzip, br\r\n", Brotli(Compress(kPage))));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->body, kPage);
}

TEST(ParseHttpResponseTest, GzipHeaderOverDecodedBodyUsesTheBodyAsIs) {
  Result<HttpResponse> r =
      ParseHttpResponse(Message("Content-Encoding: gzip\r\n", kPage));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, kPage);
  EXPECT_EQ(r->warnings.size(), 1u);
}

TEST(ParseHttpResponseTest, TruncatedGzipKeepsWhatInflated) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "line " + std::to_string(i) + "\n";
  std::string gz = Compress(text);
  Result<HttpResponse> r = ParseHttpResponse(
      Message("Content-Encoding: gzip\r\n", gz.substr(0, gz.size() / 2)));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->body.empty());
  EXPECT_EQ(text.rfind(r->body, 0), 0u);  // a prefix
  EXPECT_EQ(r->warnings.size(), 1u);
}

TEST(ParseHttpResponseTest, CorruptGzipIsCorruption) {
  // A valid gzip header, then an invalid deflate block type (3).
  const std::string bad("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xff\xff\xff",
                        13);
  // Only the start of a gzip header: nothing can inflate.
  const std::string cut("\x1f\x8b\x08\x00\x00", 5);
  for (const std::string& data : {bad, cut}) {
    Result<HttpResponse> r =
        ParseHttpResponse(Message("Content-Encoding: gzip\r\n", data));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  }
}

TEST(ParseHttpResponseTest, DecompressionBombHitsTheCap) {
  std::string zeros(4 << 20, '\0');
  HttpParseOptions options;
  options.max_body_bytes = 256 << 10;
  for (const auto& [coding, data] :
       {std::pair<std::string, std::string>{"gzip", Compress(zeros)},
        {"deflate", Compress(zeros, kZlib)},
        {"br", Brotli(zeros)}}) {
    ASSERT_LT(data.size(), 100000u);
    Result<HttpResponse> r = ParseHttpResponse(
        Message("Content-Encoding: " + coding + "\r\n", data), options);
    ASSERT_FALSE(r.ok()) << coding;
    EXPECT_EQ(r.status().code(), StatusCode::kUnsupported) << coding;
    EXPECT_NE(r.status().message().find("cap"), std::string::npos);
  }
}

TEST(ParseHttpResponseTest, RawBodyOverTheCapIsUnsupported) {
  HttpParseOptions options;
  options.max_body_bytes = 10;
  Result<HttpResponse> r = ParseHttpResponse(Message("", kPage), options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
}

TEST(ParseHttpResponseTest, UnknownCoding) {
  // Over text: kept as is.
  Result<HttpResponse> text =
      ParseHttpResponse(Message("Content-Encoding: zstd\r\n", kPage));
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->body, kPage);
  // Over binary: refused.
  Result<HttpResponse> binary = ParseHttpResponse(
      Message("Content-Encoding: zstd\r\n",
              std::string("\x28\xb5\x2f\xfd\x00\x58\x01\x02", 8)));
  ASSERT_FALSE(binary.ok());
  EXPECT_EQ(binary.status().code(), StatusCode::kUnsupported);
}

TEST(ParseHttpResponseTest, DecodingCanBeTurnedOff) {
  std::string gz = Compress(kPage);
  HttpParseOptions options;
  options.decode_content_encoding = false;
  Result<HttpResponse> r =
      ParseHttpResponse(Message("Content-Encoding: gzip\r\n", gz), options);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, gz);
}

// ---- Response records of warcio's samples.

TEST(ParseHttpResponseTest, WarcioSampleResponses) {
  auto dir = tidings::testing::DataDir() / "warc/warcio/test/data";
  TIDINGS_REQUIRE_DATA(dir);
  for (const char* name :
       {"example.warc.gz", "example-iana.org-chunked.warc",
        "example-wrong-chunks.warc.gz", "example-wget-bad-target-uri.warc.gz",
        "example-bad-non-chunked.warc.gz"}) {
    auto reader = Reader::Open((dir / name).string());
    ASSERT_TRUE(reader.ok());
    int responses = 0;
    Record record;
    while ((*reader)->Next(&record).value_or(false)) {
      if (record.type != "response" || record.skipped()) continue;
      ++responses;
      Result<HttpResponse> r = ParseHttpResponse(record.block);
      ASSERT_TRUE(r.ok()) << name << ": " << r.status().ToString();
      EXPECT_EQ(r->status, 200) << name;
      EXPECT_NE(r->body.find("<title>"), std::string::npos)
          << name << ": " << r->body.substr(0, 200);
    }
    EXPECT_EQ(responses, 1) << name;
  }
}

}  // namespace
}  // namespace tidings::warc
