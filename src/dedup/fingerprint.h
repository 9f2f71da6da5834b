// Text fingerprints for duplicate detection: an exact content hash and a
// 64-bit SimHash for near-duplicates (syndicated wire copies that differ in a
// byline, a dateline or a trailing paragraph).
//
// Both work on the normalised text: lower-cased word tokens
// (text::WordTokens) joined by single spaces, so that markup, punctuation
// and whitespace differences do not matter.
//
// Thread-safety: pure functions; safe from any thread.
#ifndef TIDINGS_DEDUP_FINGERPRINT_H_
#define TIDINGS_DEDUP_FINGERPRINT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace tidings::dedup {

// Lower-cased word tokens of `text` joined by single spaces.
std::string NormalizeText(std::string_view text);

// XXH3-64 of NormalizeText(text). Equal for texts that differ only in case,
// punctuation and whitespace.
std::uint64_t ContentHash(std::string_view text);

// Options for SimHash.
struct SimHashOptions {
  // Words per shingle. Single words without stop words measured best on
  // wire copies: an edited dateline, byline and closing sentence moved a
  // 90-word story by 4 bits, an unrelated story by 30; three-word shingles
  // gave 11 and 32.
  int shingle_words = 1;
  // Stop words of this language (text::IsStopWord) are skipped; empty to
  // keep every word.
  std::string lang = "en";
};

// The 64-bit SimHash of `text` over word shingles (each shingle hashed with
// XXH3 and weighted by its count). Texts shorter than one shingle use their
// single words; a text made only of stop words keeps them. Returns 0 for a
// text without words.
std::uint64_t SimHash(std::string_view text,
                      const SimHashOptions& options = {});

// Builds a SimHash from words fed one at a time, for callers that tokenise
// anyway (the story clusterer). Feeding the non-stop words of a text in
// order with shingle_words == 1 gives SimHash(text).
class SimHashBuilder {
 public:
  // Adds one word (any case policy; SimHash feeds lower-cased tokens).
  void AddWord(std::string_view word);
  // Adds a word by its XXH3-64 hash.
  void AddWordHash(std::uint64_t hash);
  // The fingerprint of the words so far; 0 when none.
  std::uint64_t Finish() const;
  int words() const { return words_; }

 private:
  // Per bit, how many words had it set: flushed totals in ones_, and the
  // latest (fewer than 255) words in byte lanes, lane j of pending_[k]
  // counting bit 8k + j. Adding a word then takes 8 multiply-and-mask
  // steps instead of 64 per-bit updates.
  void Flush();
  int ones_[64] = {};
  std::uint64_t pending_[8] = {};
  int pending_words_ = 0;
  int words_ = 0;
};

// The number of differing bits.
// Counts in registers (SWAR): without -mpopcnt, __builtin_popcountll is a
// library call, and duplicate lookups compare thousands of fingerprints.
inline int HammingDistance(std::uint64_t a, std::uint64_t b) {
  std::uint64_t x = a ^ b;
  x -= (x >> 1) & 0x5555555555555555ULL;
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return static_cast<int>((x * 0x0101010101010101ULL) >> 56);
}

}  // namespace tidings::dedup

#endif  // TIDINGS_DEDUP_FINGERPRINT_H_
