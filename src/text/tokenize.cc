#include "text/tokenize.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <memory>

#include "text/normalize.h"

namespace tidings::text {
namespace {

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}
bool IsAsciiDigit(unsigned char c) { return c >= '0' && c <= '9'; }

// Scripts written without spaces between words: segmented by dictionary.
bool IsNoSpaceScript(char32_t c) {
  if (c < 0x0E00) return false;
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
  switch (script) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
      return true;
    default:
      return false;
  }
}

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

bool IsWordChar(char32_t c) {
  if (c < 0x80) return IsAsciiAlnum(static_cast<unsigned char>(c));
  if (u_isalnum(static_cast<UChar32>(c))) return true;
  int8_t type = u_charType(static_cast<UChar32>(c));
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

bool IsLetter(char32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  return u_isalpha(static_cast<UChar32>(c));
}

void AppendUtf8(std::string& out, char32_t c) {
  char buf[U8_MAX_LENGTH];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, U8_MAX_LENGTH, static_cast<UChar32>(c), error);
  if (!error) out.append(buf, static_cast<size_t>(len));
}

// Decodes the code point at `i` (advancing it); ill-formed bytes give -1.
char32_t Next(std::string_view s, size_t& i) {
  UChar32 c;
  int32_t pos = static_cast<int32_t>(i);
  U8_NEXT(s.data(), pos, static_cast<int32_t>(s.size()), c);
  i = static_cast<size_t>(pos);
  return c < 0 ? static_cast<char32_t>(0xFFFD) : static_cast<char32_t>(c);
}

char32_t Peek(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  return Next(s, i);
}

icu::BreakIterator* WordBreaker() {
  thread_local std::unique_ptr<icu::BreakIterator> breaker = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) b.reset();
    return b;
  }();
  return breaker.get();
}

// Segments a run of a no-space script with ICU's dictionary word breaker.
void SegmentNoSpaceRun(std::string_view run, internal::TokenSink& sink) {
  icu::BreakIterator* breaker = WordBreaker();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(run.data(), static_cast<int32_t>(run.size())));
  std::string token;
  if (breaker == nullptr) {
    // No ICU data: one token per code point is a usable fallback.
    for (int32_t i = 0; i < u.length();) {
      UChar32 c = u.char32At(i);
      token.clear();
      AppendUtf8(token, static_cast<char32_t>(c));
      sink.Token(token);
      i += U16_LENGTH(c);
    }
    return;
  }
  breaker->setText(u);
  int32_t start = breaker->first();
  for (int32_t end = breaker->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker->next()) {
    if (breaker->getRuleStatus() < UBRK_WORD_LETTER) continue;
    token.clear();
    u.tempSubStringBetween(start, end).toUTF8String(token);
    sink.Token(token);
  }
}

void FlushWord(std::string& word, bool has_mark, internal::TokenSink& sink) {
  if (word.empty()) return;
  // Trailing apostrophes ("students'") are not part of the word.
  while (!word.empty() && word.back() == '\'') word.pop_back();
  if (!word.empty()) {
    if (has_mark) {
      sink.Token(Nfc(word));
    } else {
      sink.Token(word);
    }
  }
  word.clear();
}

}  // namespace

bool IsCjkCodePoint(char32_t c) {
  if (c < 0x1100) return false;
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA ||
         script == USCRIPT_KATAKANA || script == USCRIPT_HANGUL;
}

namespace internal {

void Tokenize(std::string_view s, TokenSink& sink) {
  std::string word;
  word.reserve(32);
  bool has_mark = false;
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      // ASCII fast path.
      if (IsAsciiAlnum(b)) {
        word.push_back(
            static_cast<char>(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b));
        ++i;
        continue;
      }
      if (!word.empty() && i + 1 < n) {
        unsigned char next = static_cast<unsigned char>(s[i + 1]);
        if (b == '\'' && IsLetter(static_cast<unsigned char>(word.back())) &&
            IsLetter(Peek(s, i + 1))) {
          word.push_back('\'');
          ++i;
          continue;
        }
        if ((b == '.' || b == ',') &&
            IsAsciiDigit(static_cast<unsigned char>(word.back())) &&
            IsAsciiDigit(next)) {
          word.push_back(static_cast<char>(b));
          ++i;
          continue;
        }
      }
      FlushWord(word, has_mark, sink);
      has_mark = false;
      ++i;
      continue;
    }
    size_t start = i;
    char32_t c = Next(s, i);
    if (IsNoSpaceScript(c)) {
      FlushWord(word, has_mark, sink);
      has_mark = false;
      size_t end = i;
      while (end < n) {
        size_t j = end;
        char32_t d = Next(s, j);
        if (!IsNoSpaceScript(d)) break;
        end = j;
      }
      SegmentNoSpaceRun(s.substr(start, end - start), sink);
      i = end;
      continue;
    }
    if (c == 0x2019 && !word.empty() && IsLetter(Peek(s, i))) {
      word.push_back('\'');
      continue;
    }
    if (IsWordChar(c)) {
      UChar32 lower = u_tolower(static_cast<UChar32>(c));
      int8_t type = u_charType(static_cast<UChar32>(c));
      if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK) {
        has_mark = true;
      }
      AppendUtf8(word, static_cast<char32_t>(lower));
      continue;
    }
    FlushWord(word, has_mark, sink);
    has_mark = false;
  }
  FlushWord(word, has_mark, sink);
}

}  // namespace internal

std::vector<std::string> WordTokens(std::string_view utf8) {
  std::vector<std::string> tokens;
  tokens.reserve(utf8.size() / 6 + 1);
  ForEachWordToken(utf8, [&](std::string_view t) { tokens.emplace_back(t); });
  return tokens;
}

WordCounts CountWords(std::string_view s) {
  WordCounts counts;
  bool in_word = false;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      bool word_char = IsAsciiAlnum(b) || (in_word && b == '\'');
      if (word_char && !in_word) ++counts.words;
      in_word = word_char;
      ++i;
      continue;
    }
    char32_t c = Next(s, i);
    if (IsCjkCodePoint(c)) {
      ++counts.cjk_chars;
      in_word = false;
    } else if (IsWordChar(c) || (in_word && IsApostrophe(c))) {
      if (!in_word) ++counts.words;
      in_word = true;
    } else {
      in_word = false;
    }
  }
  return counts;
}

}  // namespace tidings::text
