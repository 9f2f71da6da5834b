#include "dedup/fingerprint.h"

#include <xxhash.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "text/stopwords.h"
#include "text/tokenize.h"

namespace tidings::dedup {
namespace {

constexpr int kBits = 64;

std::vector<std::uint64_t> WordHashes(std::string_view text,
                                      std::string_view lang) {
  std::vector<std::uint64_t> hashes;
  std::vector<std::uint64_t> stop_hashes;
  text::ForEachWordToken(text, [&](std::string_view token) {
    std::uint64_t h = XXH3_64bits(token.data(), token.size());
    if (!lang.empty() && text::IsStopWord(lang, token)) {
      stop_hashes.push_back(h);
    } else {
      hashes.push_back(h);
    }
  });
  return hashes.empty() ? stop_hashes : hashes;
}

// Mixes the word hashes of one shingle into one 64-bit value; order matters.
std::uint64_t ShingleHash(const std::uint64_t* words, int count) {
  return XXH3_64bits(words, sizeof(std::uint64_t) * count);
}

}  // namespace

void SimHashBuilder::AddWord(std::string_view word) {
  AddWordHash(XXH3_64bits(word.data(), word.size()));
}

void SimHashBuilder::AddWordHash(std::uint64_t hash) {
  for (int bit = 0; bit < kBits; ++bit) {
    counts_[bit] += ((hash >> bit) & 1) ? 1 : -1;
  }
  ++words_;
}

std::uint64_t SimHashBuilder::Finish() const {
  std::uint64_t result = 0;
  for (int bit = 0; bit < kBits; ++bit) {
    if (counts_[bit] > 0) result |= std::uint64_t{1} << bit;
  }
  return result;
}

std::string NormalizeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  text::ForEachWordToken(text, [&](std::string_view token) {
    if (!out.empty()) out.push_back(' ');
    out.append(token);
  });
  return out;
}

std::uint64_t ContentHash(std::string_view text) {
  std::string normalized = NormalizeText(text);
  return XXH3_64bits(normalized.data(), normalized.size());
}

std::uint64_t SimHash(std::string_view text, const SimHashOptions& options) {
  std::vector<std::uint64_t> words = WordHashes(text, options.lang);
  if (words.empty()) return 0;
  int n = std::max(1, options.shingle_words);
  if (static_cast<int>(words.size()) < n) n = 1;
  SimHashBuilder builder;
  for (size_t i = 0; i + n <= words.size(); ++i) {
    builder.AddWordHash(n == 1 ? words[i] : ShingleHash(&words[i], n));
  }
  return builder.Finish();
}

}  // namespace tidings::dedup
