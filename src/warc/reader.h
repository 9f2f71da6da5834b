// A streaming reader for WARC files (ISO 28500: WARC 1.0 and 1.1; the
// WARC/0.17 and WARC/0.18 drafts use the same framing and are accepted).
//
// Input is either uncompressed or gzip, detected by the magic bytes: a
// gzip file may hold one member per record (as Common Crawl writes CC-NEWS),
// one big stream, or members that split records anywhere; the decompressed
// bytes are read as one continuous WARC stream. ARC files are refused with
// kUnsupported.
//
// Memory is bounded whatever the file size: input is read and inflated in
// fixed chunks, a record header may be at most kMaxHeaderBytes, and a block
// is held in memory only up to ReaderOptions::max_block_bytes; a larger
// block is drained without buffering and its record reported as skipped.
// A Reader holds at most about 1.5 MiB of buffers besides the current block.
//
// Failure handling, in order of severity:
//  - A record that cannot be used but does not stop reading (its header is
//    garbage, its Content-Length disagrees with the end-of-record marker,
//    its gzip member is damaged, its block is over the cap) comes back from
//    Next() as a Record whose skip_reason is set. For a broken record the
//    reader then resynchronises: in a gzip file at the next gzip member, in
//    an uncompressed file at the next line that starts with "WARC/<digit>".
//    Records after it are read normally. A caller counts skip_reason and
//    goes on.
//  - A file that is not WARC at all (the first record does not parse), a
//    file that ends inside a record or inside a gzip member, and an I/O
//    error end reading: Next() returns a Status with the code below and the
//    message "warc: FILE: at byte N: <what>", N being the offset in the file
//    on disk (for gzip input, the start of the gzip member where the
//    problem lies). Records returned before stay valid.
#ifndef TIDINGS_WARC_READER_H_
#define TIDINGS_WARC_READER_H_

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace tidings::warc {

// The largest record header accepted (named fields up to the empty line).
// Real headers are under 2 KB; the cap bounds memory on garbage input.
inline constexpr std::size_t kMaxHeaderBytes = 1 << 20;

// Stable values of Record::skip_reason, for counting.
inline constexpr std::string_view kSkipTooLarge = "too large";
inline constexpr std::string_view kSkipMalformedHeader = "malformed header";
inline constexpr std::string_view kSkipBadLength = "bad content length";
inline constexpr std::string_view kSkipBadGzip = "bad gzip data";

// One WARC record.
struct Record {
  // The version from the first line without "WARC/": "1.0", "1.1", "0.18".
  std::string version;
  // WARC-Type: "response", "request", "warcinfo", "resource", "revisit",
  // "metadata", "conversion", "continuation".
  std::string type;
  // WARC-Target-URI, without the angle brackets some writers add.
  std::string target_uri;
  // WARC-Date; nullopt when absent or unparsable.
  std::optional<UnixSeconds> date;
  // WARC-Record-ID as written ("<urn:uuid:…>").
  std::string record_id;
  // Content-Type of the block ("application/http; msgtype=response").
  std::string content_type;
  // Every named field in file order, names as written, values trimmed;
  // continuation lines are joined with one space.
  std::vector<std::pair<std::string, std::string>> headers;
  // The content block bytes (for a response record: the HTTP message).
  // Empty when truncated_block or when the record is malformed.
  std::string block;
  // Content-Length as declared.
  std::uint64_t content_length = 0;
  // Byte offset of the record in the file on disk; for gzip input, the
  // offset of the gzip member in which the record starts.
  std::uint64_t offset = 0;
  // The block exceeded ReaderOptions::max_block_bytes and was not kept.
  bool truncated_block = false;
  // Empty for a usable record. Otherwise one of the kSkip* values above,
  // and skip_detail says what exactly ("warc: FILE: at byte N: …").
  std::string skip_reason;
  std::string skip_detail;

  bool skipped() const { return !skip_reason.empty(); }
  // The first field named `name` (ASCII case-insensitive); "" if absent.
  std::string Header(std::string_view name) const;
};

struct ReaderOptions {
  // Blocks longer than this are drained, not kept: the record comes back
  // with truncated_block and skip_reason kSkipTooLarge. 64 MiB is far above
  // any news page and keeps a reader's memory bounded.
  std::uint64_t max_block_bytes = 64ull << 20;
};

// Reads records one at a time. Not thread-safe: use one Reader per thread.
class Reader {
 public:
  // Opens a file. kIoError if it cannot be opened; kUnsupported for an ARC
  // file and kCorruption for a file that is not WARC are reported by the
  // first Next() (so that an empty file is simply a file with no records).
  static Result<std::unique_ptr<Reader>> Open(const std::string& path,
                                              ReaderOptions options = {});
  // Reads from a copy of `data` (tests, fuzzing); `name` stands for the file
  // name in messages.
  static std::unique_ptr<Reader> FromString(std::string data,
                                            ReaderOptions options = {},
                                            std::string name = "<memory>");
  // Reads from a stream the reader owns; file_size() is 0 when the stream
  // cannot tell its size.
  static std::unique_ptr<Reader> FromStream(std::unique_ptr<std::istream> in,
                                            ReaderOptions options = {},
                                            std::string name = "<stream>");

  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // Reads the next record into *record (every field is overwritten).
  // Returns true when a record was read — check record->skipped() first: a
  // skipped record may have an empty type and never has a usable block —
  // and false at a clean end of input. Errors (after which the reader is done
  // and returns the same error again):
  //   kCorruption  not a WARC file, a truncated file, undecodable gzip
  //                data that leaves no member to resume at;
  //   kUnsupported an ARC file;
  //   kIoError     reading failed.
  Result<bool> Next(Record* record);

  // Bytes of the input on disk consumed so far, for progress reports.
  std::uint64_t bytes_consumed() const;
  // Size of the input on disk; 0 if unknown.
  std::uint64_t file_size() const;
  // True if the input is gzip-compressed (known after the first Next()).
  bool compressed() const;

  class Impl;

 private:
  explicit Reader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tidings::warc

#endif  // TIDINGS_WARC_READER_H_
