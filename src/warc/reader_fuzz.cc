// libFuzzer target: feeds arbitrary bytes through the WARC reader, the HTTP
// parser on every record's block, and the HTTP parser on the input itself.
// Built only with -DTIDINGS_FUZZ=ON under clang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "warc/http.h"
#include "warc/reader.h"

namespace {

// Small caps keep each run fast; the limits themselves are what is tested.
constexpr std::uint64_t kMaxBlockBytes = 1 << 20;
constexpr std::uint64_t kMaxBodyBytes = 4 << 20;
constexpr int kMaxRecords = 1000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  using namespace tidings::warc;
  std::string input(reinterpret_cast<const char*>(data), size);
  ReaderOptions reader_options;
  reader_options.max_block_bytes = kMaxBlockBytes;
  HttpParseOptions http_options;
  http_options.max_body_bytes = kMaxBodyBytes;

  auto reader = Reader::FromString(input, reader_options, "fuzz");
  Record record;
  for (int i = 0; i < kMaxRecords; ++i) {
    tidings::Result<bool> more = reader->Next(&record);
    if (!more.ok() || !*more) break;
    if (!record.skipped()) {
      (void)ParseHttpResponse(record.block, http_options);
    }
  }
  (void)ParseHttpResponse(input, http_options);
  return 0;
}
