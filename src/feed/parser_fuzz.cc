// libFuzzer target: ParseFeed and ParseOpml must never crash, hang or leak
// on any input (build with -DTIDINGS_FUZZ=ON and clang).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feed/feed.h"
#include "feed/opml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  tidings::feed::ParseOptions options;
  options.base_url = "http://fuzz.example/feed";
  auto feed = tidings::feed::ParseFeed(bytes, options);
  (void)feed;
  auto opml = tidings::feed::ParseOpml(bytes);
  (void)opml;
  return 0;
}
