// Stop words: function words that carry no topic ("the", "und", "les").
//
// Lists (our own) exist for en, de, fr, es, it, pt, nl, sv, da, no, pl, ru.
// Words are matched exactly against lower-cased, NFC tokens as produced by
// WordTokens.
//
// Thread-safety: safe to call concurrently; the lists are built once.
#ifndef TIDINGS_TEXT_STOPWORDS_H_
#define TIDINGS_TEXT_STOPWORDS_H_

#include <string_view>

namespace tidings::text {

// True if `word` (lower-case) is a stop word of `lang` (ISO 639-1, e.g.
// "en"; a region suffix such as "en-GB" is ignored). For a language without
// a list this returns false.
bool IsStopWord(std::string_view lang, std::string_view word);

// True if a stop list exists for `lang`.
bool HasStopWords(std::string_view lang);

}  // namespace tidings::text

#endif  // TIDINGS_TEXT_STOPWORDS_H_
