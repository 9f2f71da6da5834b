// Sentence segmentation and reading time.
//
// Segmentation is ICU's sentence BreakIterator for the language (with ICU's
// abbreviation suppressions) followed by merges ICU misses in news text:
//   1. abbreviations and titles ("Mr.", "Dr.", "Gen.", "Jan.", "No.",
//      "U.S.", "e.g.", "z. B.") never end a sentence when a word follows;
//   2. initials ("J. K. Rowling") never end a sentence;
//   3. a break followed by a lower-case letter, a digit continuing a
//      number, or closing punctuation is not a sentence start;
//   4. ellipses ("...", "…") end a sentence only before an upper-case word.
// Decimals ("3.5") and quotes ("\"Go.\" he said") are handled by ICU's
// rules. Line breaks always end a sentence (paragraphs).
//
// Thread-safety: functions are safe to call concurrently (each thread keeps
// its own ICU iterators).
#ifndef TIDINGS_TEXT_SENTENCES_H_
#define TIDINGS_TEXT_SENTENCES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tidings::text {

struct Sentence {
  // The sentence with surrounding whitespace trimmed and inner runs of
  // whitespace collapsed to one space.
  std::string text;
  // Byte span [begin, end) of the trimmed sentence in the input.
  size_t begin = 0;
  size_t end = 0;
};

// Splits `text` (UTF-8) into sentences in order; whitespace-only pieces are
// dropped. `lang` (ISO 639-1, may be "") selects ICU's locale rules and the
// abbreviation list. Ill-formed UTF-8 is read as U+FFFD; never fails.
std::vector<Sentence> SplitSentences(std::string_view text,
                                     std::string_view lang);

// Reading speed of non-fiction prose, words per minute (Brysbaert 2019).
inline constexpr int kWordsPerMinute = 238;
// Reading speed of Chinese/Japanese/Korean text, characters per minute.
inline constexpr int kCjkCharsPerMinute = 500;

// Seconds needed to read `text`: words at kWordsPerMinute plus CJK
// characters at kCjkCharsPerMinute, rounded to the nearest second; at least
// 1 for text with any word, 0 for empty text. `lang` is accepted for
// language-specific speeds; today all space-delimited languages share one.
int ReadingSeconds(std::string_view text, std::string_view lang);

// A human string: "45 sec" under two minutes, otherwise whole minutes
// rounded to nearest ("3 min"); "0 sec" for zero or negative.
std::string FormatReadingTime(int seconds);

}  // namespace tidings::text

#endif  // TIDINGS_TEXT_SENTENCES_H_
