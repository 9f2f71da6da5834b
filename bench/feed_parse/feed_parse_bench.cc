// Feed parsing throughput over the shared feed files: tidings::feed::
// ParseFeed against a bare libxml2 parse of the same bytes (the ceiling).
//
// Files: every file under <data>/feeds/rss-parser/test/input plus the
// gofeed testdata feeds (.xml, and .json JSON Feeds that are not an
// expected-output file), where <data> is $TIDINGS_DATA or
// /work/shared/data; or, when $TIDINGS_FEED_FILES names a file, the paths
// it lists one per line. All files are read into memory before any clock
// starts.
//
//   tidings_feed_bench                 Google Benchmark run (bytes/s).
//   tidings_feed_bench --compare [S]   One in-process timing over all
//                                      files (repeated until at least S
//                                      seconds of CPU time, default 2)
//                                      printed as JSON: {"files","bytes",
//                                      "seconds","cpu_seconds","mb_per_sec",
//                                      "cpu_mb_per_sec","feeds_per_sec",
//                                      "cpu_feeds_per_sec","failures"}; used
//                                      by bench/compare_feeds.sh.
//   tidings_feed_bench --list          Prints the file paths, one a line.
#include <benchmark/benchmark.h>
#include <libxml/parser.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "feed/feed.h"

namespace {

namespace fs = std::filesystem;

struct Corpus {
  std::vector<std::string> paths;
  std::vector<std::string> bodies;
  std::size_t bytes = 0;
};

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<std::string> DiscoverFiles() {
  std::vector<std::string> out;
  if (const char* list = std::getenv("TIDINGS_FEED_FILES"); list && *list) {
    std::ifstream in(list);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) out.push_back(line);
    }
    return out;
  }
  fs::path data = "/work/shared/data";
  if (const char* env = std::getenv("TIDINGS_DATA"); env && *env) data = env;
  const fs::path feeds = data / "feeds";
  std::error_code ec;
  const fs::path rss_parser = feeds / "rss-parser" / "test" / "input";
  if (fs::is_directory(rss_parser, ec)) {
    for (const auto& e : fs::directory_iterator(rss_parser, ec)) {
      if (e.is_regular_file()) out.push_back(e.path().string());
    }
  }
  const fs::path gofeed = feeds / "gofeed" / "testdata";
  if (fs::is_directory(gofeed, ec)) {
    for (const auto& e : fs::recursive_directory_iterator(gofeed, ec)) {
      if (!e.is_regular_file()) continue;
      const fs::path& p = e.path();
      const std::string name = p.filename().string();
      if (p.extension() == ".xml") {
        out.push_back(p.string());
      } else if (p.extension() == ".json" &&
                 !EndsWith(name, "_expected.json")) {
        // A .json beside a same-named .xml is that feed's expected output.
        fs::path sibling = p;
        sibling.replace_extension(".xml");
        if (!fs::exists(sibling, ec)) out.push_back(p.string());
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

const Corpus& GetCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    for (const std::string& path : DiscoverFiles()) {
      std::ifstream in(path, std::ios::binary);
      if (!in) continue;
      std::string body((std::istreambuf_iterator<char>(in)),
                       std::istreambuf_iterator<char>());
      c->bytes += body.size();
      c->paths.push_back(path);
      c->bodies.push_back(std::move(body));
    }
    return c;
  }();
  return *corpus;
}

// Returns the number of files ParseFeed refused.
int ParseAllTidings(const Corpus& corpus) {
  int failures = 0;
  for (const std::string& body : corpus.bodies) {
    auto feed = tidings::feed::ParseFeed(body);
    if (!feed.ok()) ++failures;
    benchmark::DoNotOptimize(feed);
  }
  return failures;
}

int ParseAllLibxml2(const Corpus& corpus) {
  int failures = 0;
  for (const std::string& body : corpus.bodies) {
    xmlDocPtr doc = xmlReadMemory(body.data(), static_cast<int>(body.size()),
                                  nullptr, nullptr,
                                  XML_PARSE_RECOVER | XML_PARSE_NOERROR |
                                      XML_PARSE_NOWARNING | XML_PARSE_NONET);
    if (doc == nullptr) ++failures;
    benchmark::DoNotOptimize(doc);
    xmlFreeDoc(doc);
  }
  return failures;
}

void ReportCorpus(benchmark::State& state, const Corpus& corpus) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(corpus.bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(corpus.bodies.size()));
  state.counters["files"] = static_cast<double>(corpus.bodies.size());
}

void BM_TidingsParseFeed(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  if (corpus.bodies.empty()) {
    state.SkipWithError("no feed files (set TIDINGS_DATA)");
    return;
  }
  for (auto _ : state) ParseAllTidings(corpus);
  ReportCorpus(state, corpus);
}
BENCHMARK(BM_TidingsParseFeed)->Unit(benchmark::kMillisecond);

void BM_Libxml2ReadMemory(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  if (corpus.bodies.empty()) {
    state.SkipWithError("no feed files (set TIDINGS_DATA)");
    return;
  }
  for (auto _ : state) ParseAllLibxml2(corpus);
  ReportCorpus(state, corpus);
}
BENCHMARK(BM_Libxml2ReadMemory)->Unit(benchmark::kMillisecond);

// CPU time of the process (all threads), in seconds.
double ProcessCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// One in-process timing for bench/compare_feeds.sh: whole passes over the
// corpus until at least `min_seconds` have elapsed.
int RunCompare(double min_seconds) {
  const Corpus& corpus = GetCorpus();
  if (corpus.bodies.empty()) {
    std::fprintf(stderr, "tidings_feed_bench: no feed files\n");
    return 1;
  }
  using Clock = std::chrono::steady_clock;
  // Warm-up pass; names the files ParseFeed refuses on stderr.
  int failures = 0;
  for (std::size_t i = 0; i < corpus.bodies.size(); ++i) {
    auto feed = tidings::feed::ParseFeed(corpus.bodies[i]);
    if (!feed.ok()) {
      ++failures;
      std::fprintf(stderr, "tidings_feed_bench: %s: %s\n",
                   corpus.paths[i].c_str(), feed.status().ToString().c_str());
    }
  }
  int passes = 0;
  const auto start = Clock::now();
  const double cpu_start = ProcessCpuSeconds();
  double cpu = 0;
  do {
    ParseAllTidings(corpus);
    ++passes;
    cpu = ProcessCpuSeconds() - cpu_start;
  } while (cpu < min_seconds);
  const double elapsed =
      std::chrono::duration<double>(Clock::now() - start).count();
  const double mb = static_cast<double>(corpus.bytes) * passes / 1e6;
  const double feeds = static_cast<double>(corpus.bodies.size()) * passes;
  std::printf(
      "{\"files\": %zu, \"bytes\": %zu, \"passes\": %d, \"seconds\": %.4f, "
      "\"cpu_seconds\": %.4f, \"mb_per_sec\": %.3f, \"cpu_mb_per_sec\": %.3f, "
      "\"feeds_per_sec\": %.1f, \"cpu_feeds_per_sec\": %.1f, "
      "\"failures\": %d}\n",
      corpus.bodies.size(), corpus.bytes, passes, elapsed, cpu, mb / elapsed,
      mb / cpu, feeds / elapsed, feeds / cpu, failures);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  xmlInitParser();
  if (argc >= 2 && std::string(argv[1]) == "--list") {
    for (const std::string& path : GetCorpus().paths) {
      std::printf("%s\n", path.c_str());
    }
    return 0;
  }
  if (argc >= 2 && std::string(argv[1]) == "--compare") {
    const double seconds = argc >= 3 ? std::atof(argv[2]) : 2.0;
    return RunCompare(seconds > 0 ? seconds : 2.0);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
