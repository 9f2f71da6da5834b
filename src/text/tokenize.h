// Word tokenization and CJK-aware word counting of UTF-8 text.
//
// Words are maximal runs of letters, digits and combining marks, lower-cased
// (Unicode simple case mapping) and in NFC. Inside a word an apostrophe
// (' or U+2019) between letters is kept as "'" ("don't", "l'été"), and a
// '.' or ',' between digits is kept ("3.5", "1,000"); every other character
// separates words. Runs of scripts written without spaces (Han, Hiragana,
// Katakana, Thai, Lao, Khmer, Myanmar) go through ICU's dictionary-based
// word BreakIterator. ASCII text takes a byte-level fast path.
//
// Thread-safety: all functions are safe to call concurrently (each thread
// lazily creates its own ICU BreakIterator).
#ifndef TIDINGS_TEXT_TOKENIZE_H_
#define TIDINGS_TEXT_TOKENIZE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tidings::text {

// Lower-cased word tokens of `utf8` in order. Ill-formed UTF-8 bytes are
// treated as separators; never fails.
std::vector<std::string> WordTokens(std::string_view utf8);

// Calls `sink(std::string_view token)` for every token WordTokens would
// return, without allocating a vector. The view is valid during the call only.
template <typename Sink>
void ForEachWordToken(std::string_view utf8, Sink&& sink);

// Counts for reading time: `words` are space-delimited words (tokens outside
// CJK scripts), `cjk_chars` are Han, Hiragana, Katakana and Hangul code
// points, which are read per character.
struct WordCounts {
  int words = 0;
  int cjk_chars = 0;
};
WordCounts CountWords(std::string_view utf8);

// True for code points of the Han, Hiragana, Katakana and Hangul scripts
// (including CJK punctuation-free letters such as U+3005).
bool IsCjkCodePoint(char32_t c);

namespace internal {
// Non-template worker behind ForEachWordToken; `sink` gets each token.
class TokenSink {
 public:
  virtual ~TokenSink() = default;
  virtual void Token(std::string_view token) = 0;
};
void Tokenize(std::string_view utf8, TokenSink& sink);
}  // namespace internal

template <typename Sink>
void ForEachWordToken(std::string_view utf8, Sink&& sink) {
  struct Adapter final : internal::TokenSink {
    explicit Adapter(Sink& s) : s_(s) {}
    void Token(std::string_view token) override { s_(token); }
    Sink& s_;
  } adapter(sink);
  internal::Tokenize(utf8, adapter);
}

}  // namespace tidings::text

#endif  // TIDINGS_TEXT_TOKENIZE_H_
