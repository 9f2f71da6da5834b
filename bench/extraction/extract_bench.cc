// Extraction cost against its floor: libxml2's bare HTML parse of the same
// pages. The pages (TIDINGS_BENCH_PAGES, default the trafilatura evaluation
// pages; at most TIDINGS_BENCH_MAX of them, default 300) are read and
// decoded to UTF-8 before timing. Each iteration processes every page once;
// items/s is pages per second on one thread.
//
//   taskset -c 0 build/bench/extraction/tidings_extract_bench
#include <benchmark/benchmark.h>
#include <libxml/HTMLparser.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "extract/evaluation.h"
#include "extract/extractor.h"

namespace {

const std::vector<std::string>& Pages() {
  static const std::vector<std::string>* pages = [] {
    auto* out = new std::vector<std::string>();
    std::filesystem::path dir =
        std::getenv("TIDINGS_BENCH_PAGES")
            ? std::filesystem::path(std::getenv("TIDINGS_BENCH_PAGES"))
            : std::filesystem::path(TIDINGS_DEFAULT_DATA_DIR) /
                  "extraction/trafilatura-eval/tests/eval";
    std::size_t max = 300;
    if (const char* m = std::getenv("TIDINGS_BENCH_MAX")) {
      max = static_cast<std::size_t>(std::atol(m));
    }
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      if (e.is_regular_file()) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      if (out->size() >= max) break;
      auto bytes = tidings::extract::ReadMaybeGzipped(f.string());
      if (bytes.ok()) {
        out->push_back(tidings::extract::PageToUtf8(std::move(bytes).value()));
      }
    }
    return out;
  }();
  return *pages;
}

void BM_BareParse(benchmark::State& state) {
  const auto& pages = Pages();
  for (auto _ : state) {
    for (const std::string& html : pages) {
      htmlDocPtr doc = htmlReadMemory(
          html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
          HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
              HTML_PARSE_NONET);
      benchmark::DoNotOptimize(doc);
      xmlFreeDoc(doc);
    }
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<std::int64_t>(pages.size()));
}
BENCHMARK(BM_BareParse)->Unit(benchmark::kMillisecond);

void BM_Extract(benchmark::State& state) {
  const auto& pages = Pages();
  tidings::extract::ExtractOptions options;
  for (auto _ : state) {
    for (const std::string& html : pages) {
      auto article = tidings::extract::Extract(html, options);
      benchmark::DoNotOptimize(article);
    }
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<std::int64_t>(pages.size()));
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
