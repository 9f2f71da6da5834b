// libFuzzer target: Extract() must return a value or a Status for any
// input, never crash, and stay within its time and memory bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  tidings::extract::ExtractOptions options;
  options.url = "https://example.com/2024/01/02/story";
  auto result = tidings::extract::Extract(
      std::string_view(reinterpret_cast<const char*>(data), size), options);
  if (result.ok()) {
    // Touch the output so the optimiser keeps the work.
    volatile std::size_t n = result->html.size() + result->paragraphs.size();
    (void)n;
  }
  return 0;
}
