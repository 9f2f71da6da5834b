// Fixture builders for the warc tests: WARC records and compressed bytes
// made at run time. Header-only; include from *_test.cc files only.
#ifndef TIDINGS_WARC_TEST_HELPERS_H_
#define TIDINGS_WARC_TEST_HELPERS_H_

#include <zlib.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>

namespace tidings::warc::testing {

// zlib window bits: +16 writes a gzip wrapper, negative writes raw deflate.
inline constexpr int kGzip = 15 + 16;
inline constexpr int kZlib = 15;
inline constexpr int kRawDeflate = -15;

// Compresses `data` as one gzip member / zlib stream / raw deflate stream.
inline std::string Compress(std::string_view data, int window_bits = kGzip) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, window_bits, 8,
               Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32,
                  '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// One WARC record with the given type, target and block.
inline std::string MakeRecord(std::string_view type, std::string_view uri,
                              std::string_view block,
                              std::string_view extra_fields = "",
                              std::string_view version = "1.0") {
  std::string r = "WARC/" + std::string(version) + "\r\n";
  r += "WARC-Type: " + std::string(type) + "\r\n";
  r += "WARC-Record-ID: <urn:uuid:0000-" + std::to_string(block.size()) +
       ">\r\n";
  r += "WARC-Date: 2024-03-05T14:07:00Z\r\n";
  if (!uri.empty()) r += "WARC-Target-URI: " + std::string(uri) + "\r\n";
  r += extra_fields;
  r += "Content-Type: application/http; msgtype=response\r\n";
  r += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  r += block;
  r += "\r\n\r\n";
  return r;
}

// A response block: an HTTP message with an HTML body.
inline std::string MakeHttp(std::string_view body,
                            std::string_view extra_headers = "") {
  return "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" +
         std::string(extra_headers) +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
         std::string(body);
}

inline void WriteFile(const std::string& path, std::string_view data) {
  std::ofstream out(path, std::ios::binary);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

}  // namespace tidings::warc::testing

#endif  // TIDINGS_WARC_TEST_HELPERS_H_
