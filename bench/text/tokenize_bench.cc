// Tokenization throughput (tokens/s) of text::WordTokens on generated
// English-like ASCII text, mixed Latin text with accents and curly quotes,
// and Chinese text. Run: build/bench/text/tidings_text_bench
#include <benchmark/benchmark.h>

#include <string>

#include "text/stemmer.h"
#include "text/tokenize.h"

namespace {

// A deterministic paragraph of news-like prose repeated to ~1 MB.
std::string Corpus(const std::string& paragraph) {
  constexpr size_t kCorpusBytes = 1 << 20;
  std::string out;
  while (out.size() < kCorpusBytes) out += paragraph;
  return out;
}

const std::string& Ascii() {
  static const std::string* s = new std::string(Corpus(
      "The government announced on Tuesday that the new budget would "
      "include $1,500 million for schools, hospitals and roads. Officials "
      "said it's the largest increase in 3.5 years; critics weren't "
      "convinced. \"We will see,\" Mr. Smith told reporters in Washington.\n"));
  return *s;
}

const std::string& Latin() {
  static const std::string* s = new std::string(Corpus(
      "Die Bundesregierung hat am Dienstag angekündigt, dass der neue "
      "Haushalt mehr Geld für Schulen und Krankenhäuser vorsieht. \u201eWir "
      "werden sehen\u201c, sagte Müller \u2014 l\u2019été arrive à Paris.\n"));
  return *s;
}

const std::string& Chinese() {
  static const std::string* s =
      new std::string(Corpus("政府周二宣布，新的预算将为全国的学校和医院提供更"
                             "多资金。这项计划得到了广泛支持"
                             "。\n"));
  return *s;
}

void Run(benchmark::State& state, const std::string& text) {
  int64_t tokens = 0;
  for (auto _ : state) {
    int64_t n = 0;
    tidings::text::ForEachWordToken(text, [&](std::string_view) { ++n; });
    benchmark::DoNotOptimize(n);
    tokens += n;
  }
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens),
                                                  benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}

void BM_TokensAscii(benchmark::State& state) { Run(state, Ascii()); }
void BM_TokensLatin(benchmark::State& state) { Run(state, Latin()); }
void BM_TokensChinese(benchmark::State& state) { Run(state, Chinese()); }

void BM_WordTokensVectorAscii(benchmark::State& state) {
  int64_t tokens = 0;
  for (auto _ : state) {
    auto v = tidings::text::WordTokens(Ascii());
    tokens += static_cast<int64_t>(v.size());
    benchmark::DoNotOptimize(v.data());
  }
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens),
                                                  benchmark::Counter::kIsRate);
}

void BM_StemEnglish(benchmark::State& state) {
  tidings::text::Stemmer stemmer("en");
  auto words = tidings::text::WordTokens(Ascii().substr(0, 4096));
  int64_t n = 0;
  for (auto _ : state) {
    for (const auto& w : words) benchmark::DoNotOptimize(stemmer.Stem(w));
    n += static_cast<int64_t>(words.size());
  }
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate);
}

BENCHMARK(BM_TokensAscii)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TokensLatin)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TokensChinese)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WordTokensVectorAscii)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StemEnglish)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
