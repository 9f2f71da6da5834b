// Parsing of a recorded HTTP/1.x response message: the block of a WARC
// `response` record. Outside input: every size is capped and malformed
// input gives a Status, never a crash.
//
// Real archives are messy, so the parser is lenient where that is safe and
// says so in HttpResponse::warnings:
//  - a Content-Length that disagrees with the body is ignored (the body is
//    everything after the header section, never cut);
//  - "Transfer-Encoding: chunked" over a body that is not chunked (many
//    archivers store it de-chunked but keep the header), or whose chunk
//    framing breaks later, uses the body as is; a chunked body cut short
//    keeps the chunks that are there;
//  - "Content-Encoding: gzip" over a body that is plainly not compressed
//    uses it as is; a compressed body cut short keeps what inflated;
//  - header lines without a colon are dropped; lines starting with a space
//    or tab continue the previous field; bare LF line ends are accepted;
//  - interim 1xx responses ("100 Continue") before the final one are
//    skipped.
//
// Thread-safety: free functions on values; safe from any thread.
#ifndef TIDINGS_WARC_HTTP_H_
#define TIDINGS_WARC_HTTP_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace tidings::warc {

struct HttpParseOptions {
  // Cap on the body after de-chunking and content decoding (and on the raw
  // body): protects against decompression bombs. 64 MiB matches the WARC
  // reader's block cap.
  std::uint64_t max_body_bytes = 64ull << 20;
  // Cap on the status line plus header fields. Real ones are under 16 KiB.
  std::size_t max_header_bytes = 256 << 10;
  // Undo Content-Encoding (gzip, x-gzip, deflate, br). When false the body
  // is returned still encoded (de-chunked all the same).
  bool decode_content_encoding = true;
};

struct HttpResponse {
  // "HTTP/1.1" as written.
  std::string version;
  int status = 0;
  std::string reason;
  // Every field in message order, names as written, values trimmed.
  std::vector<std::pair<std::string, std::string>> headers;
  // The payload: de-chunked and content-decoded (unless disabled).
  std::string body;
  // What leniency was applied, one short sentence each ("…: used the body
  // as is"); empty for a clean message.
  std::vector<std::string> warnings;

  // The first field named `name` (ASCII case-insensitive); "" if absent.
  std::string Header(std::string_view name) const;
  // Every value of the fields named `name`, joined with ", " (the HTTP rule
  // for repeated list-valued fields).
  std::string JoinedHeader(std::string_view name) const;
};

// Parses an HTTP/1.x response message (HTTP/2 and /3 status lines as some
// archivers write them are accepted too). Errors, each message starting
// with "warc: http: ":
//   kCorruption  no "HTTP/" status line, a bad status code, a header
//                section over max_header_bytes, compressed data that does
//                not decode at all;
//   kUnsupported an unknown Content-Encoding over binary data, a body over
//                max_body_bytes (before or after decoding).
Result<HttpResponse> ParseHttpResponse(std::string_view message,
                                       const HttpParseOptions& options = {});

// De-chunks a "Transfer-Encoding: chunked" body. *complete is set false when
// the body ends before the last (zero-size) chunk; what is decoded is kept.
// kCorruption if the first chunk-size line is not hex (the body is not
// chunked) or the framing breaks after it; kUnsupported over max_bytes.
Result<std::string> DecodeChunked(std::string_view body,
                                  std::uint64_t max_bytes, bool* complete);

// Undoes one content coding: "gzip", "x-gzip", "deflate" (zlib-wrapped or
// raw), "br"; "identity" and "" return the input. *complete is set false
// when the data ends early (the output is what decoded). kCorruption when
// nothing decodes, kUnsupported for another coding or over max_bytes.
Result<std::string> DecodeContentCoding(std::string_view data,
                                        std::string_view coding,
                                        std::uint64_t max_bytes,
                                        bool* complete);

}  // namespace tidings::warc

#endif  // TIDINGS_WARC_HTTP_H_
