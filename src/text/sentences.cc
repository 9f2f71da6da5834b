#include "text/sentences.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <unordered_set>

#include "text/stopwords.h"
#include "text/tokenize.h"

namespace tidings::text {
namespace {

// Titles before names: never end a sentence.
const std::unordered_set<std::string_view>& Titles() {
  static const auto* set = new std::unordered_set<std::string_view>{
      // English.
      "mr", "mrs", "ms", "messrs", "mmes", "dr", "drs", "prof", "st", "sen",
      "sens", "rep", "reps", "gov", "gen", "lt", "col", "sgt", "capt", "cpl",
      "maj", "cmdr", "adm", "rev", "hon", "pres", "supt", "det", "insp", "atty",
      "mt", "ft", "fr", "vs", "v", "cf", "approx", "ca", "jr", "sr",
      // German.
      "hr", "fr", "bzw", "usw", "vgl", "ggf", "evtl", "inkl", "zb", "dh", "sog",
      "str", "dipl", "ing",
      // French, Spanish, Italian, Portuguese, Dutch.
      "mme", "mlle", "mm", "pr", "ste", "sra", "srta", "dra", "dña", "ud",
      "uds", "sig", "dott", "avv", "sto", "dhr", "mevr", "drs"};
  return *set;
}

// Abbreviations that are followed by a number ("No. 10", "Jan. 6").
const std::unordered_set<std::string_view>& BeforeNumbers() {
  static const auto* set = new std::unordered_set<std::string_view>{
      "no",   "nos", "nr",  "art", "p",   "pp",  "vol", "fig", "ch",
      "sec",  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
      "sept", "oct", "nov", "dec", "op",  "ed",  "bd",  "abs"};
  return *set;
}

// Languages that write ordinal numbers with a dot ("3. Oktober").
bool OrdinalDotLanguage(std::string_view lang) {
  static const auto* set = new std::unordered_set<std::string_view>{
      "de", "da", "no", "nb", "nn", "fi", "cs", "sk", "pl",
      "hu", "sl", "hr", "et", "lv", "is", "sr", "bs"};
  return set->count(lang.substr(0, 2)) > 0;
}

std::string PrimaryLang(std::string_view lang) {
  size_t dash = lang.find_first_of("-_");
  std::string out(lang.substr(0, dash));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Per-thread sentence iterators by language.
icu::BreakIterator* SentenceBreaker(const std::string& lang) {
  thread_local std::map<std::string, std::unique_ptr<icu::BreakIterator>> cache;
  auto it = cache.find(lang);
  if (it != cache.end()) return it->second.get();
  UErrorCode status = U_ZERO_ERROR;
  // "ss=standard" turns on ICU's sentence-break suppressions (known
  // abbreviations) for the locale.
  std::string locale_id =
      (lang.empty() ? std::string("en") : lang) + "@ss=standard";
  std::unique_ptr<icu::BreakIterator> breaker(
      icu::BreakIterator::createSentenceInstance(icu::Locale(locale_id.c_str()),
                                                 status));
  if (U_FAILURE(status)) {
    status = U_ZERO_ERROR;
    breaker.reset(icu::BreakIterator::createSentenceInstance(
        icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) breaker.reset();
  }
  icu::BreakIterator* raw = breaker.get();
  cache.emplace(lang, std::move(breaker));
  return raw;
}

bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// True for U+00A0 and other Unicode spaces encoded at `s[i]`.
size_t UnicodeSpaceLength(std::string_view s, size_t i) {
  if (i < s.size() && IsSpace(static_cast<unsigned char>(s[i]))) return 1;
  if (i >= s.size() || static_cast<unsigned char>(s[i]) < 0x80) return 0;
  UChar32 c;
  int32_t pos = static_cast<int32_t>(i);
  U8_NEXT(s.data(), pos, static_cast<int32_t>(s.size()), c);
  if (c >= 0 && (u_isUWhiteSpace(c) || c == 0x200B)) {
    return static_cast<size_t>(pos) - i;
  }
  return 0;
}

// The last whitespace-delimited word of `s`, without leading opening
// punctuation.
std::string_view LastWord(std::string_view s) {
  size_t end = s.size();
  while (end > 0 && IsSpace(static_cast<unsigned char>(s[end - 1]))) --end;
  size_t begin = end;
  while (begin > 0 && !IsSpace(static_cast<unsigned char>(s[begin - 1]))) {
    --begin;
  }
  std::string_view w = s.substr(begin, end - begin);
  while (!w.empty() && (w.front() == '(' || w.front() == '"' ||
                        w.front() == '\'' || w.front() == '[')) {
    w.remove_prefix(1);
  }
  return w;
}

// The first code point of `s` after whitespace and opening quotes.
UChar32 FirstChar(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    UChar32 c;
    int32_t pos = static_cast<int32_t>(i);
    U8_NEXT(s.data(), pos, static_cast<int32_t>(s.size()), c);
    i = static_cast<size_t>(pos);
    if (c < 0) continue;
    if (u_isUWhiteSpace(c)) continue;
    int8_t type = u_charType(c);
    if (type == U_INITIAL_PUNCTUATION || type == U_START_PUNCTUATION ||
        c == '"' || c == '\'') {
      continue;
    }
    return c;
  }
  return 0;
}

std::string FirstWordLower(std::string_view s) {
  std::string first;
  ForEachWordToken(s.substr(0, std::min<size_t>(s.size(), 64)),
                   [&](std::string_view t) {
                     if (first.empty()) first = std::string(t);
                   });
  return first;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Decides whether the ICU break between `prev` (the text so far) and
// `next` (the following piece) is a false sentence end.
bool ShouldMerge(std::string_view prev, std::string_view next,
                 const std::string& lang) {
  // A line break is a paragraph end.
  size_t tail = prev.find_last_not_of(" \t\r\f\v");
  if (tail == std::string_view::npos || prev[tail] == '\n') return false;
  UChar32 first = FirstChar(next);
  if (first == 0) return true;
  if (u_islower(first)) return true;
  int8_t first_type = u_charType(first);
  if (first_type == U_END_PUNCTUATION || first_type == U_FINAL_PUNCTUATION ||
      first == ',' || first == ';' || first == ':') {
    return true;
  }
  std::string_view word = LastWord(prev);
  if (word.size() < 2 || word.back() != '.') return false;
  // Ellipses end a sentence before an upper-case word (case handled above).
  if (word.size() >= 3 && word.substr(word.size() - 3) == "...") return false;
  std::string_view stem = word.substr(0, word.size() - 1);
  std::string lower = Lower(stem);
  bool first_is_digit = u_isdigit(first);
  if (Titles().count(lower) > 0) return true;
  if (first_is_digit && BeforeNumbers().count(lower) > 0) return true;
  // Initials: one letter ("J.") or a run of letter-dot pairs.
  bool dotted = !stem.empty();
  bool has_inner_dot = false;
  for (size_t i = 0; i < stem.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(stem[i]);
    bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (i % 2 == 0 ? !letter : c != '.') {
      dotted = false;
      break;
    }
    if (c == '.') has_inner_dot = true;
  }
  if (dotted && !has_inner_dot) {
    // "J. K. Rowling", "z. B.": a single letter is an initial.
    return true;
  }
  if (dotted && has_inner_dot) {
    // "U.S. President" continues; "in the U.S. The talks" does not: a
    // function word after the acronym starts a sentence.
    std::string next_word = FirstWordLower(next);
    return !next_word.empty() &&
           !IsStopWord(lang.empty() ? "en" : lang, next_word);
  }
  if (OrdinalDotLanguage(lang) && stem.size() <= 2 &&
      std::all_of(stem.begin(), stem.end(),
                  [](char c) { return c >= '0' && c <= '9'; })) {
    std::string next_word = FirstWordLower(next);
    return !next_word.empty() && !IsStopWord(lang, next_word);
  }
  return false;
}

// Appends `s[begin, end)` to `out` with whitespace trimmed and collapsed.
Sentence MakeSentence(std::string_view s, size_t begin, size_t end) {
  while (begin < end) {
    size_t n = UnicodeSpaceLength(s, begin);
    if (n == 0) break;
    begin += n;
  }
  while (end > begin) {
    // Step back over trailing ASCII whitespace and U+00A0 (C2 A0).
    if (IsSpace(static_cast<unsigned char>(s[end - 1]))) {
      --end;
    } else if (end - begin >= 2 && s[end - 2] == '\xC2' &&
               s[end - 1] == '\xA0') {
      end -= 2;
    } else {
      break;
    }
  }
  Sentence out;
  out.begin = begin;
  out.end = end;
  out.text.reserve(end - begin);
  bool pending_space = false;
  for (size_t i = begin; i < end;) {
    size_t n = UnicodeSpaceLength(s, i);
    if (n > 0) {
      pending_space = true;
      i += n;
      continue;
    }
    if (pending_space) out.text.push_back(' ');
    pending_space = false;
    out.text.push_back(s[i]);
    ++i;
  }
  return out;
}

}  // namespace

std::vector<Sentence> SplitSentences(std::string_view text,
                                     std::string_view lang_tag) {
  std::vector<Sentence> sentences;
  if (text.empty()) return sentences;
  std::string lang = PrimaryLang(lang_tag);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  // Map UTF-16 indices to byte offsets (ill-formed bytes become one U+FFFD
  // each, so walk the bytes with the same decoder).
  std::vector<size_t> byte_at(static_cast<size_t>(u.length()) + 1, text.size());
  {
    int32_t pos = 0;
    int32_t u16 = 0;
    const int32_t n = static_cast<int32_t>(text.size());
    while (pos < n && u16 < u.length()) {
      byte_at[static_cast<size_t>(u16)] = static_cast<size_t>(pos);
      UChar32 c;
      U8_NEXT(text.data(), pos, n, c);
      u16 += (c >= 0x10000) ? 2 : 1;
    }
  }
  std::vector<size_t> cuts;  // Byte offsets of candidate breaks.
  icu::BreakIterator* breaker = SentenceBreaker(lang);
  if (breaker != nullptr) {
    breaker->setText(u);
    for (int32_t b = breaker->next(); b != icu::BreakIterator::DONE;
         b = breaker->next()) {
      cuts.push_back(byte_at[static_cast<size_t>(b)]);
    }
  }
  // ICU does not treat U+2026 HORIZONTAL ELLIPSIS as a sentence end; it is
  // one before whitespace and an upper-case letter.
  constexpr std::string_view kEllipsis = "\u2026";
  for (size_t at = text.find(kEllipsis); at != std::string_view::npos;
       at = text.find(kEllipsis, at + kEllipsis.size())) {
    size_t next = at + kEllipsis.size();
    size_t word = next;
    while (word < text.size() &&
           IsSpace(static_cast<unsigned char>(text[word]))) {
      ++word;
    }
    if (word == next || word >= text.size()) continue;
    if (u_isupper(FirstChar(text.substr(word)))) cuts.push_back(word);
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  if (cuts.empty() || cuts.back() != text.size()) cuts.push_back(text.size());

  size_t start = 0;
  for (size_t i = 0; i < cuts.size(); ++i) {
    size_t cut = cuts[i];
    if (i + 1 < cuts.size()) {
      std::string_view prev = text.substr(start, cut - start);
      std::string_view next = text.substr(cut, cuts[i + 1] - cut);
      if (ShouldMerge(prev, next, lang)) continue;
    }
    Sentence s = MakeSentence(text, start, cut);
    if (!s.text.empty()) sentences.push_back(std::move(s));
    start = cut;
  }
  return sentences;
}

int ReadingSeconds(std::string_view text, std::string_view /*lang*/) {
  WordCounts counts = CountWords(text);
  if (counts.words == 0 && counts.cjk_chars == 0) return 0;
  constexpr double kSecondsPerMinute = 60.0;
  double seconds = counts.words * kSecondsPerMinute / kWordsPerMinute +
                   counts.cjk_chars * kSecondsPerMinute / kCjkCharsPerMinute;
  return std::max(1, static_cast<int>(std::lround(seconds)));
}

std::string FormatReadingTime(int seconds) {
  // Below two minutes seconds are meaningful ("81 sec"); above, minutes.
  constexpr int kSecondsShownBelow = 120;
  if (seconds <= 0) return "0 sec";
  if (seconds < kSecondsShownBelow) return std::to_string(seconds) + " sec";
  int minutes = static_cast<int>(std::lround(seconds / 60.0));
  return std::to_string(minutes) + " min";
}

}  // namespace tidings::text
