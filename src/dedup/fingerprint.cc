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
  // Byte b of the hash spread over 8 byte lanes: multiplying copies it into
  // every lane, the mask keeps bit j in lane j, and adding 0x7F carries it
  // to the lane's top bit, shifted down to a 0/1 count.
  constexpr std::uint64_t kCopies = 0x0101010101010101ULL;
  constexpr std::uint64_t kLaneBit = 0x8040201008040201ULL;
  constexpr std::uint64_t kCarry = 0x7F7F7F7F7F7F7F7FULL;
  for (int k = 0; k < 8; ++k) {
    std::uint64_t byte = (hash >> (8 * k)) & 0xFF;
    std::uint64_t spread = (byte * kCopies) & kLaneBit;
    pending_[k] += ((spread + kCarry) >> 7) & kCopies;
  }
  ++words_;
  // A byte lane holds at most 255.
  constexpr int kMaxPendingWords = 255;
  if (++pending_words_ == kMaxPendingWords) Flush();
}

void SimHashBuilder::Flush() {
  for (int bit = 0; bit < kBits; ++bit) {
    ones_[bit] +=
        static_cast<int>((pending_[bit / 8] >> (8 * (bit % 8))) & 0xFF);
  }
  for (std::uint64_t& lane : pending_) lane = 0;
  pending_words_ = 0;
}

std::uint64_t SimHashBuilder::Finish() const {
  // A bit is set when more words had it set than not.
  std::uint64_t result = 0;
  for (int bit = 0; bit < kBits; ++bit) {
    int ones = ones_[bit] +
               static_cast<int>((pending_[bit / 8] >> (8 * (bit % 8))) & 0xFF);
    if (2 * ones > words_) result |= std::uint64_t{1} << bit;
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
