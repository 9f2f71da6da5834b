// Small text helpers shared by the extraction stages: whitespace
// collapsing (ASCII and Unicode spaces), trimming, case-insensitive search.
// Internal to the extract module. Pure functions; thread-safe.
#ifndef TIDINGS_EXTRACT_TEXT_UTIL_H_
#define TIDINGS_EXTRACT_TEXT_UTIL_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace tidings::extract {

// If `s` starts with a whitespace character (ASCII space, tab, CR, LF, FF,
// VT, or the UTF-8 encoded U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029,
// U+202F, U+205F, U+3000), returns its length in bytes, else 0.
inline std::size_t SpaceLength(std::string_view s) {
  if (s.empty()) return 0;
  unsigned char c = static_cast<unsigned char>(s[0]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
    return 1;
  if (c < 0xC2) return 0;
  if (c == 0xC2 && s.size() >= 2 && static_cast<unsigned char>(s[1]) == 0xA0)
    return 2;
  if (s.size() < 3) return 0;
  unsigned char c1 = static_cast<unsigned char>(s[1]);
  unsigned char c2 = static_cast<unsigned char>(s[2]);
  if (c == 0xE2 && c1 == 0x80 &&
      (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF))
    return 3;
  if (c == 0xE2 && c1 == 0x81 && c2 == 0x9F) return 3;
  if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) return 3;
  if (c == 0xE1 && c1 == 0x9A && c2 == 0x80) return 3;
  return 0;
}

// Appends `in` to *out with runs of whitespace collapsed to one ASCII
// space. *pending_space carries a space across calls: it is set when `in`
// ends in whitespace and written before the next non-space byte (never at
// the start of *out). Returns the number of non-space bytes appended.
inline std::size_t AppendCollapsed(std::string_view in, std::string* out,
                                   bool* pending_space) {
  std::size_t kept = 0;
  std::size_t i = 0;
  while (i < in.size()) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    std::size_t space = (c <= ' ' || c >= 0xC2) ? SpaceLength(in.substr(i)) : 0;
    if (space) {
      *pending_space = true;
      i += space;
      continue;
    }
    if (*pending_space && !out->empty() && out->back() != ' ') {
      out->push_back(' ');
    }
    *pending_space = false;
    // Copy the run of non-space ASCII bytes at once.
    std::size_t j = i + 1;
    while (j < in.size()) {
      unsigned char d = static_cast<unsigned char>(in[j]);
      if (d <= ' ' || d >= 0xC2) break;
      ++j;
    }
    out->append(in.data() + i, j - i);
    kept += j - i;
    i = j;
  }
  return kept;
}

// Counts non-whitespace bytes.
inline std::size_t NonSpaceBytes(std::string_view in) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < in.size();) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    std::size_t space = (c <= ' ' || c >= 0xC2) ? SpaceLength(in.substr(i)) : 0;
    if (space) {
      i += space;
    } else {
      ++n;
      ++i;
    }
  }
  return n;
}

// `s` without leading and trailing whitespace.
inline std::string_view Trim(std::string_view s) {
  while (!s.empty()) {
    std::size_t n = SpaceLength(s);
    if (!n) break;
    s.remove_prefix(n);
  }
  while (!s.empty()) {
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
        c == '\v') {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && c == 0xA0 &&
               static_cast<unsigned char>(s[s.size() - 2]) == 0xC2) {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

// Whitespace collapsed and trimmed.
inline std::string Collapse(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending = false;
  AppendCollapsed(s, &out, &pending);
  return out;
}

inline char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string AsciiLowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

// Case-insensitive (ASCII) substring search; `needle` must be lower-case.
inline bool ContainsLower(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  if (haystack.size() < needle.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && AsciiLower(haystack[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

inline bool StartsWithLower(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(s[i]) != prefix[i]) return false;
  }
  return true;
}

inline bool EqualsLower(std::string_view s, std::string_view lower) {
  return s.size() == lower.size() && StartsWithLower(s, lower);
}

// Number of code points (UTF-8 lead bytes).
inline std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Number of whitespace-separated words.
inline int CountWords(std::string_view s) {
  int words = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t space = SpaceLength(s.substr(i));
    if (space) {
      in_word = false;
      i += space;
    } else {
      if (!in_word) ++words;
      in_word = true;
      ++i;
    }
  }
  return words;
}

// Escapes &, <, >, " for HTML text and attribute values.
inline void AppendHtmlEscaped(std::string_view s, std::string* out) {
  for (char c : s) {
    switch (c) {
      case '&':
        out->append("&amp;");
        break;
      case '<':
        out->append("&lt;");
        break;
      case '>':
        out->append("&gt;");
        break;
      case '"':
        out->append("&quot;");
        break;
      default:
        out->push_back(c);
    }
  }
}

// Cuts `s` to at most `max` bytes without splitting a UTF-8 sequence.
inline std::string_view CutUtf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

}  // namespace tidings::extract

#endif  // TIDINGS_EXTRACT_TEXT_UTIL_H_
