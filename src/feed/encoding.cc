#include "feed/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

namespace tidings::feed {
namespace {

// The XML declaration sits at the very start; looking further is pointless.
constexpr std::size_t kDeclarationScanBytes = 512;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view TrimView(std::string_view s) {
  const char* kSpace = " \t\r\n\"'";
  const std::size_t b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return {};
  const std::size_t e = s.find_last_not_of(kSpace);
  return s.substr(b, e - b + 1);
}

struct ContentType {
  std::string media_type;  // Lower-case, no parameters.
  std::string charset;     // As written, unquoted; empty when absent.
};

ContentType ParseContentType(std::string_view header) {
  ContentType ct;
  const std::size_t semi = header.find(';');
  ct.media_type = Lower(TrimView(header.substr(0, semi)));
  std::string_view rest =
      semi == std::string_view::npos ? "" : header.substr(semi + 1);
  while (!rest.empty()) {
    const std::size_t next = rest.find(';');
    std::string_view param = rest.substr(0, next);
    const std::size_t eq = param.find('=');
    if (eq != std::string_view::npos &&
        Lower(TrimView(param.substr(0, eq))) == "charset") {
      ct.charset = std::string(TrimView(param.substr(eq + 1)));
    }
    if (next == std::string_view::npos) break;
    rest.remove_prefix(next + 1);
  }
  return ct;
}

// Reads encoding="…" from an XML declaration in ASCII-compatible bytes.
std::string DeclaredEncoding(std::string_view ascii) {
  if (ascii.substr(0, 5) != "<?xml") return "";
  const std::size_t end = ascii.find("?>");
  std::string_view decl = ascii.substr(0, std::min(end, kDeclarationScanBytes));
  const std::size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return "";
  std::size_t i = at + 8;
  while (i < decl.size() && (decl[i] == ' ' || decl[i] == '=')) ++i;
  if (i >= decl.size() || (decl[i] != '"' && decl[i] != '\'')) return "";
  const char quote = decl[i++];
  const std::size_t close = decl.find(quote, i);
  if (close == std::string_view::npos) return "";
  return std::string(decl.substr(i, close - i));
}

// Converts with ICU; returns false when the encoding is unknown or the bytes
// are invalid in it.
bool ConvertWithIcu(std::string_view bytes, const std::string& encoding,
                    std::string* out) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(encoding.c_str(), &status);
  if (U_FAILURE(status) || conv == nullptr) return false;
  std::unique_ptr<UConverter, void (*)(UConverter*)> guard(conv, ucnv_close);
  ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                      &status);
  if (U_FAILURE(status)) return false;
  std::vector<UChar> utf16(bytes.size() * 2 + 16);
  const int32_t n16 =
      ucnv_toUChars(conv, utf16.data(), static_cast<int32_t>(utf16.size()),
                    bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) return false;
  int32_t n8 = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8(nullptr, 0, &n8, utf16.data(), n16, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return false;
  out->assign(static_cast<std::size_t>(n8), '\0');
  status = U_ZERO_ERROR;
  u_strToUTF8(out->data(), n8, &n8, utf16.data(), n16, &status);
  return U_SUCCESS(status) || status == U_STRING_NOT_TERMINATED_WARNING;
}

// Length of the leading run of ASCII bytes, tested a word at a time:
// feeds are mostly ASCII markup, so this is where validation spends its
// time.
std::size_t AsciiPrefix(std::string_view s) {
  constexpr std::uint64_t kHighBits = 0x8080808080808080ull;
  std::size_t i = 0;
  while (i + sizeof(std::uint64_t) <= s.size()) {
    std::uint64_t word;
    std::memcpy(&word, s.data() + i, sizeof word);
    if ((word & kHighBits) != 0) break;
    i += sizeof word;
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

bool IsAscii(std::string_view s) { return AsciiPrefix(s) == s.size(); }

// Decodes `bytes` as `encoding` into *out, which views `bytes` when no
// conversion is needed and *storage otherwise.
bool Decode(std::string_view bytes, const std::string& encoding,
            std::string* storage, std::string_view* out) {
  std::string lower = Lower(encoding);
  // As browsers do: Latin-1 labels mean windows-1252 (feeds put curly
  // quotes in 0x80-0x9F), GB2312 labels mean its superset GB18030.
  if (lower == "iso-8859-1" || lower == "latin1" || lower == "latin-1" ||
      lower == "l1" || lower == "iso8859-1" || lower == "iso_8859-1") {
    if (ConvertWithIcu(bytes, "windows-1252", storage)) {
      *out = *storage;
      return true;
    }
  }
  if (lower == "gb2312" || lower == "gbk") lower = "gb18030";
  if (lower == "utf-8" || lower == "utf8") {
    if (!IsValidUtf8(bytes)) return false;
    *out = bytes;
    return true;
  }
  if (lower == "us-ascii" || lower == "ascii") {
    if (!IsAscii(bytes)) return false;
    *out = bytes;
    return true;
  }
  if (!ConvertWithIcu(bytes, lower, storage)) return false;
  *out = *storage;
  return true;
}

// Guesses the encoding of bytes whose label was wrong (ICU's detector).
std::string DetectEncoding(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&status);
  if (U_FAILURE(status)) return "";
  std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> guard(
      det, ucsdet_close);
  ucsdet_setText(det, bytes.data(), static_cast<int32_t>(bytes.size()),
                 &status);
  const UCharsetMatch* match = ucsdet_detect(det, &status);
  if (U_FAILURE(status) || match == nullptr) return "";
  const char* name = ucsdet_getName(match, &status);
  return U_SUCCESS(status) && name ? name : "";
}

// Detects UTF-16/32 without a BOM from the first "<?" the way XML 1.0
// appendix F describes.
std::string SniffWideEncoding(std::string_view b) {
  if (b.size() < 4) return "";
  auto at = [&](std::size_t i) { return static_cast<unsigned char>(b[i]); };
  if (at(0) == 0 && at(1) == 0 && at(2) == 0 && at(3) == '<') return "utf-32be";
  if (at(0) == '<' && at(1) == 0 && at(2) == 0 && at(3) == 0) return "utf-32le";
  if (at(0) == 0 && at(1) == '<' && at(2) == 0 && at(3) == '?')
    return "utf-16be";
  if (at(0) == '<' && at(1) == 0 && at(2) == '?' && at(3) == 0)
    return "utf-16le";
  return "";
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      i += AsciiPrefix(s.substr(i));
      continue;
    }
    int len = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (int k = 1; k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return false;
    }
    i += len;
  }
  return true;
}

DecodedText DecodeToUtf8(std::string_view bytes, std::string_view content_type,
                         std::string* storage) {
  DecodedText result;
  // Byte order marks.
  std::string bom_encoding;
  std::size_t bom_size = 0;
  auto starts = [&](std::string_view prefix) {
    return bytes.substr(0, prefix.size()) == prefix;
  };
  if (starts(std::string_view("\x00\x00\xFE\xFF", 4))) {
    bom_encoding = "utf-32be";
    bom_size = 4;
  } else if (starts(std::string_view("\xFF\xFE\x00\x00", 4))) {
    bom_encoding = "utf-32le";
    bom_size = 4;
  } else if (starts("\xEF\xBB\xBF")) {
    bom_encoding = "utf-8";
    bom_size = 3;
  } else if (starts("\xFE\xFF")) {
    bom_encoding = "utf-16be";
    bom_size = 2;
  } else if (starts("\xFF\xFE")) {
    bom_encoding = "utf-16le";
    bom_size = 2;
  }
  std::string_view body = bytes.substr(bom_size);
  const std::string sniffed =
      bom_encoding.empty() ? SniffWideEncoding(body) : bom_encoding;

  // The declaration, read from the bytes as ASCII (or after decoding a
  // wide encoding's first bytes).
  std::string declared;
  if (sniffed.empty() || sniffed == "utf-8") {
    declared = DeclaredEncoding(body.substr(0, kDeclarationScanBytes));
  } else {
    std::string head_storage;
    std::string_view head;
    if (Decode(body.substr(0, std::min<std::size_t>(body.size() & ~3u,
                                                    kDeclarationScanBytes)),
               sniffed, &head_storage, &head)) {
      declared = DeclaredEncoding(head);
    }
  }

  const ContentType ct = ParseContentType(content_type);
  const bool has_http = !ct.media_type.empty();
  const bool xml_app_type =
      ct.media_type == "application/xml" ||
      ct.media_type == "application/xml-dtd" ||
      ct.media_type == "application/xml-external-parsed-entity" ||
      (ct.media_type.rfind("application/", 0) == 0 &&
       ct.media_type.size() > 4 &&
       ct.media_type.compare(ct.media_type.size() - 4, 4, "+xml") == 0) ||
      ct.media_type == "application/json" ||
      ct.media_type == "application/feed+json";
  const bool xml_text_type =
      ct.media_type == "text/xml" ||
      ct.media_type == "text/xml-external-parsed-entity" ||
      (ct.media_type.rfind("text/", 0) == 0 && ct.media_type.size() > 4 &&
       ct.media_type.compare(ct.media_type.size() - 4, 4, "+xml") == 0);

  std::string chosen;
  if (has_http && xml_app_type) {
    chosen = !ct.charset.empty() ? ct.charset
             : !declared.empty() ? declared
             : !sniffed.empty()  ? sniffed
                                 : "utf-8";
  } else if (has_http && xml_text_type) {
    chosen = !ct.charset.empty() ? ct.charset : "us-ascii";
  } else if (has_http && ct.media_type.rfind("text/", 0) == 0) {
    chosen = !ct.charset.empty() ? ct.charset : "us-ascii";
    result.problem = "feed: served as " + ct.media_type + ", not as XML";
  } else {
    chosen = !sniffed.empty() && sniffed != "utf-8" ? sniffed
             : !declared.empty()                    ? declared
             : !sniffed.empty()                     ? sniffed
                                                    : "utf-8";
  }
  // A declaration naming a single-byte encoding inside a wide document (or
  // the other way round) cannot be right; the sniffed one wins.
  const std::string lower_chosen = Lower(chosen);
  if (!sniffed.empty() && sniffed != "utf-8" &&
      lower_chosen.rfind("utf-16", 0) != 0 &&
      lower_chosen.rfind("utf-32", 0) != 0) {
    chosen = sniffed;
  }
  if ((Lower(chosen) == "utf-16" || Lower(chosen) == "utf-32") &&
      !sniffed.empty()) {
    chosen = sniffed;
  }

  if (Lower(chosen) == "gb2312") chosen = "gb18030";
  if (Decode(body, chosen, storage, &result.utf8)) {
    result.encoding = chosen;
    return result;
  }
  if (!IsValidUtf8(body)) {
    const std::string detected = DetectEncoding(body);
    if (!detected.empty() && Decode(body, detected, storage, &result.utf8)) {
      result.encoding = detected;
      if (result.problem.empty()) {
        result.problem = "feed: document declared as " + chosen +
                         ", but parsed as " + detected;
      }
      return result;
    }
  }
  // The labelled encoding is wrong: fall back to what the bytes are.
  for (const char* fallback : {"utf-8", "windows-1252", "iso-8859-1"}) {
    if (Decode(body, fallback, storage, &result.utf8)) {
      result.encoding = fallback;
      if (result.problem.empty()) {
        result.problem = "feed: document declared as " + chosen +
                         ", but parsed as " + fallback;
      }
      return result;
    }
  }
  result.utf8 = body;
  result.encoding = "utf-8";
  result.problem = "feed: undecodable bytes";
  return result;
}

}  // namespace tidings::feed
