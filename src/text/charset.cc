#include "text/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/utypes.h>

#include <array>
#include <memory>
#include <optional>
#include <utility>

namespace tidings::text {
namespace {

char Lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string ToLowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string_view TrimLabel(std::string_view s) {
  while (!s.empty() &&
         (IsSpace(s.front()) || s.front() == '"' || s.front() == '\'')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (IsSpace(s.back()) || s.back() == '"' || s.back() == '\'')) {
    s.remove_suffix(1);
  }
  return s;
}

// Finds `needle` (lower case) in `hay` ignoring ASCII case, from `from`.
std::size_t FindIgnoreCase(std::string_view hay, std::string_view needle,
                           std::size_t from = 0) {
  if (needle.size() > hay.size()) return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= hay.size(); ++i) {
    std::size_t j = 0;
    while (j < needle.size() && Lower(hay[i + j]) == needle[j]) ++j;
    if (j == needle.size()) return i;
  }
  return std::string_view::npos;
}

// One encoding: its WHATWG name, the ICU converter that implements it, and
// its labels (WHATWG Encoding Standard, "Encodings" table).
struct Encoding {
  std::string_view name;
  const char* icu;
  std::string_view labels;  // space-separated
};

// Where WHATWG and the ISO name differ, the ICU converter is the one that
// matches WHATWG (e.g. windows-31j for Shift_JIS, windows-949 for EUC-KR).
constexpr std::array<Encoding, 40> kEncodings = {{
    {"utf-8", "UTF-8",
     "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 "
     "x-unicode20utf8"},
    {"ibm866", "IBM866", "866 cp866 csibm866 ibm866"},
    {"iso-8859-2", "ISO-8859-2",
     "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 "
     "iso_8859-2:1987 l2 latin2"},
    {"iso-8859-3", "ISO-8859-3",
     "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 "
     "iso_8859-3:1988 l3 latin3"},
    {"iso-8859-4", "ISO-8859-4",
     "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 "
     "iso_8859-4:1988 l4 latin4"},
    {"iso-8859-5", "ISO-8859-5",
     "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 "
     "iso_8859-5 iso_8859-5:1988"},
    {"iso-8859-6", "ISO-8859-6",
     "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 "
     "iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 "
     "iso_8859-6 iso_8859-6:1987"},
    {"iso-8859-7", "ISO-8859-7",
     "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 "
     "iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek"},
    {"iso-8859-8", "ISO-8859-8",
     "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e "
     "iso-ir-138 iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual"},
    {"iso-8859-8-i", "ISO-8859-8", "csiso88598i iso-8859-8-i logical"},
    {"iso-8859-10", "ISO-8859-10",
     "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6"},
    {"iso-8859-13", "ISO-8859-13", "iso-8859-13 iso8859-13 iso885913"},
    {"iso-8859-14", "ISO-8859-14", "iso-8859-14 iso8859-14 iso885914"},
    {"iso-8859-15", "ISO-8859-15",
     "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"},
    // Debian's ICU data has no ISO-8859-16 table; its label is known and
    // refused (rare: Romanian, mostly superseded by UTF-8).
    {"iso-8859-16", nullptr, "iso-8859-16"},
    {"koi8-r", "KOI8-R", "cskoi8r koi koi8 koi8-r koi8_r"},
    {"koi8-u", "KOI8-U", "koi8-ru koi8-u"},
    {"macintosh", "macintosh", "csmacintosh mac macintosh x-mac-roman"},
    {"windows-874", "windows-874",
     "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"},
    {"windows-1250", "windows-1250", "cp1250 windows-1250 x-cp1250"},
    {"windows-1251", "windows-1251", "cp1251 windows-1251 x-cp1251"},
    {"windows-1252", "windows-1252",
     "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 "
     "iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 "
     "us-ascii windows-1252 x-cp1252"},
    {"windows-1253", "windows-1253", "cp1253 windows-1253 x-cp1253"},
    {"windows-1254", "windows-1254",
     "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 "
     "iso_8859-9 iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254"},
    {"windows-1255", "windows-1255", "cp1255 windows-1255 x-cp1255"},
    {"windows-1256", "windows-1256", "cp1256 windows-1256 x-cp1256"},
    {"windows-1257", "windows-1257", "cp1257 windows-1257 x-cp1257"},
    {"windows-1258", "windows-1258", "cp1258 windows-1258 x-cp1258"},
    {"x-mac-cyrillic", "x-mac-cyrillic", "x-mac-cyrillic x-mac-ukrainian"},
    {"gbk", "GBK",
     "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk "
     "iso-ir-58 x-gbk"},
    {"gb18030", "GB18030", "gb18030"},
    {"big5", "Big5-HKSCS", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"},
    {"euc-jp", "EUC-JP", "cseucpkdfmtjapanese euc-jp x-euc-jp"},
    {"iso-2022-jp", "ISO-2022-JP", "csiso2022jp iso-2022-jp"},
    {"shift_jis", "windows-31j",
     "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j "
     "x-sjis"},
    {"euc-kr", "windows-949",
     "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 "
     "ks_c_5601-1989 ksc5601 ksc_5601 windows-949"},
    {"utf-16be", "UTF-16BE", "unicodefffe utf-16be"},
    {"utf-16le", "UTF-16LE",
     "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le"},
    // Encodings a browser refuses to decode; listed so that their labels
    // are recognised and rejected rather than passed to ICU.
    {"replacement", nullptr,
     "csiso2022kr hz-gb-2312 iso-2022-cn iso-2022-cn-ext iso-2022-kr "
     "replacement"},
    {"x-user-defined", nullptr, "x-user-defined"},
}};

const Encoding* FindEncoding(std::string_view label) {
  std::string key = ToLowerAscii(TrimLabel(label));
  if (key.empty()) return nullptr;
  for (const Encoding& e : kEncodings) {
    std::string_view labels = e.labels;
    while (!labels.empty()) {
      std::size_t sp = labels.find(' ');
      if (labels.substr(0, sp) == key) return &e;
      if (sp == std::string_view::npos) break;
      labels.remove_prefix(sp + 1);
    }
  }
  return nullptr;
}

struct Bom {
  std::string_view bytes;
  std::string_view name;
};
constexpr std::array<Bom, 3> kBoms = {{
    {"\xEF\xBB\xBF", "utf-8"},
    {"\xFE\xFF", "utf-16be"},
    {"\xFF\xFE", "utf-16le"},
}};

std::string_view BomCharset(std::string_view bytes) {
  for (const Bom& bom : kBoms) {
    if (bytes.substr(0, bom.bytes.size()) == bom.bytes) return bom.name;
  }
  return {};
}

// The value of attribute `name` in the text of one tag; nullopt if absent.
std::optional<std::string> AttributeValue(std::string_view tag,
                                          std::string_view name) {
  std::size_t i = 0;
  while (i < tag.size()) {
    while (i < tag.size() && (IsSpace(tag[i]) || tag[i] == '/')) ++i;
    std::size_t name_start = i;
    while (i < tag.size() && !IsSpace(tag[i]) && tag[i] != '=' &&
           tag[i] != '/') {
      ++i;
    }
    std::string attr = ToLowerAscii(tag.substr(name_start, i - name_start));
    while (i < tag.size() && IsSpace(tag[i])) ++i;
    std::string value;
    if (i < tag.size() && tag[i] == '=') {
      ++i;
      while (i < tag.size() && IsSpace(tag[i])) ++i;
      if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) {
        char quote = tag[i++];
        std::size_t end = tag.find(quote, i);
        if (end == std::string_view::npos) end = tag.size();
        value = std::string(tag.substr(i, end - i));
        i = end + 1;
      } else {
        std::size_t start = i;
        while (i < tag.size() && !IsSpace(tag[i])) ++i;
        value = std::string(tag.substr(start, i - start));
      }
    }
    if (attr == name) return value;
    if (attr.empty() && i == name_start) ++i;  // guarantee progress
  }
  return std::nullopt;
}

// The charset named by <meta> tags in `head`; "" if none.
std::string MetaCharset(std::string_view head) {
  std::size_t pos = 0;
  while (pos < head.size()) {
    std::size_t lt = head.find('<', pos);
    if (lt == std::string_view::npos) break;
    if (head.substr(lt, 4) == "<!--") {
      std::size_t end = head.find("-->", lt + 4);
      if (end == std::string_view::npos) break;
      pos = end + 3;
      continue;
    }
    pos = lt + 1;
    if (FindIgnoreCase(head.substr(lt, 6), "<meta") != 0 ||
        head.size() < lt + 6 ||
        !(IsSpace(head[lt + 5]) || head[lt + 5] == '/')) {
      continue;
    }
    std::size_t gt = head.find('>', lt);
    std::string_view tag = head.substr(lt + 5, gt == std::string_view::npos
                                                   ? std::string_view::npos
                                                   : gt - lt - 5);
    if (std::optional<std::string> charset = AttributeValue(tag, "charset");
        charset && !charset->empty()) {
      return *charset;
    }
    std::optional<std::string> equiv = AttributeValue(tag, "http-equiv");
    std::optional<std::string> content = AttributeValue(tag, "content");
    if (equiv && content && ToLowerAscii(TrimLabel(*equiv)) == "content-type") {
      std::string charset = CharsetFromContentType(*content);
      if (!charset.empty()) return charset;
    }
    if (gt == std::string_view::npos) break;
    pos = gt + 1;
  }
  return {};
}

// encoding="…" of an XML declaration at the start of `head`; "" if none.
std::string XmlDeclarationCharset(std::string_view head) {
  std::size_t i = 0;
  while (i < head.size() && IsSpace(head[i])) ++i;
  if (head.substr(i, 5) != "<?xml") return {};
  std::size_t end = head.find("?>", i);
  std::string_view decl =
      head.substr(i + 5, end == std::string_view::npos ? std::string_view::npos
                                                       : end - i - 5);
  std::optional<std::string> encoding = AttributeValue(decl, "encoding");
  return encoding ? *encoding : std::string();
}

constexpr UChar kReplacementCharacter = 0xFFFD;

// Writes U+FFFD for each bad sequence. ICU's own substitute callback uses
// U+001A for some single-byte charsets; WHATWG and readers expect U+FFFD.
void ToUnicodeReplace(const void* /*context*/, UConverterToUnicodeArgs* args,
                      const char* /*code_units*/, int32_t /*length*/,
                      UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone
  *err = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &kReplacementCharacter, 1, 0, err);
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

ConverterPtr OpenConverter(const char* name) {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr cnv(ucnv_open(name, &err));
  if (U_FAILURE(err)) return nullptr;
  return cnv;
}

// UTF-8 pivot buffer size for ucnv_convertEx, in UTF-16 units.
constexpr std::size_t kPivotUnits = 4096;
// Initial output size as a multiple of the input: most text grows by less.
constexpr std::size_t kGrowthNumerator = 3;
constexpr std::size_t kGrowthDenominator = 2;

Result<std::string> Convert(std::string_view bytes, UConverter* from) {
  ConverterPtr to = OpenConverter("UTF-8");
  if (!to) return Status::Internal("text: cannot open the UTF-8 converter");
  UErrorCode err = U_ZERO_ERROR;
  ucnv_setToUCallBack(from, ToUnicodeReplace, nullptr, nullptr, nullptr, &err);
  if (U_FAILURE(err)) {
    return Status::Internal(std::string("text: ucnv_setToUCallBack: ") +
                            u_errorName(err));
  }
  std::string out(bytes.size() * kGrowthNumerator / kGrowthDenominator + 16,
                  '\0');
  std::array<UChar, kPivotUnits> pivot;
  UChar* pivot_source = pivot.data();
  UChar* pivot_target = pivot.data();
  const char* source = bytes.data();
  const char* source_limit = bytes.data() + bytes.size();
  std::size_t written = 0;
  bool reset = true;
  while (true) {
    err = U_ZERO_ERROR;
    char* target = out.data() + written;
    ucnv_convertEx(to.get(), from, &target, out.data() + out.size(), &source,
                   source_limit, pivot.data(), &pivot_source, &pivot_target,
                   pivot.data() + pivot.size(), reset, /*flush=*/true, &err);
    reset = false;
    written = static_cast<std::size_t>(target - out.data());
    if (err == U_BUFFER_OVERFLOW_ERROR) {
      out.resize(out.size() * 2);
      continue;
    }
    if (U_FAILURE(err)) {
      return Status::Internal(std::string("text: ucnv_convertEx: ") +
                              u_errorName(err));
    }
    break;
  }
  out.resize(written);
  return out;
}

// Replaces every byte that does not start a valid UTF-8 sequence by U+FFFD;
// the last-resort path when ICU is unusable.
std::string RepairUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    std::size_t len = 1;
    while (len <= 4 && i + len <= bytes.size() &&
           !IsValidUtf8(bytes.substr(i, len))) {
      ++len;
    }
    if (len <= 4 && i + len <= bytes.size()) {
      out.append(bytes.substr(i, len));
      i += len;
    } else {
      out.append("\xEF\xBF\xBD");
      ++i;
    }
  }
  return out;
}

}  // namespace

namespace {

enum class Utf8Kind { kAscii, kUtf8, kInvalid };

// kUtf8 for well-formed UTF-8 with at least one multi-byte sequence. A body
// cut by a size cap may end inside a sequence; that is accepted when earlier
// multi-byte sequences show the text really is UTF-8 (a lone trailing 0xE9
// is far more likely Latin-1 "é").
Utf8Kind ClassifyUtf8(std::string_view bytes) {
  constexpr std::size_t kMaxSequence = 4;
  auto has_high = [](std::string_view s) {
    for (char c : s) {
      if (static_cast<unsigned char>(c) >= 0x80) return true;
    }
    return false;
  };
  if (IsValidUtf8(bytes)) {
    return has_high(bytes) ? Utf8Kind::kUtf8 : Utf8Kind::kAscii;
  }
  if (bytes.size() > kMaxSequence &&
      IsValidUtf8(bytes, /*allow_truncated_end=*/true) &&
      has_high(bytes.substr(0, bytes.size() - kMaxSequence))) {
    return Utf8Kind::kUtf8;
  }
  return Utf8Kind::kInvalid;
}

}  // namespace

std::string CanonicalCharset(std::string_view label) {
  const Encoding* e = FindEncoding(label);
  if (e == nullptr || e->icu == nullptr) return {};
  return std::string(e->name);
}

std::string CharsetFromContentType(std::string_view content_type) {
  std::size_t pos = 0;
  while (true) {
    std::size_t at = FindIgnoreCase(content_type, "charset", pos);
    if (at == std::string_view::npos) return {};
    pos = at + 7;
    // Must be a parameter name: preceded by ';' or whitespace.
    if (at > 0 && content_type[at - 1] != ';' &&
        !IsSpace(content_type[at - 1])) {
      continue;
    }
    std::size_t i = pos;
    while (i < content_type.size() && IsSpace(content_type[i])) ++i;
    if (i >= content_type.size() || content_type[i] != '=') continue;
    ++i;
    while (i < content_type.size() && IsSpace(content_type[i])) ++i;
    std::string_view value = content_type.substr(i);
    if (!value.empty() && (value.front() == '"' || value.front() == '\'')) {
      char quote = value.front();
      value.remove_prefix(1);
      value = value.substr(0, value.find(quote));
    } else {
      std::size_t end = value.find_first_of("; \t,");
      value = value.substr(0, end);
    }
    return std::string(value);
  }
}

bool IsValidUtf8(std::string_view bytes, bool allow_truncated_end) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the 2nd byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // over U+10FFFF
    } else {
      return false;
    }
    for (std::size_t k = 1; k < len; ++k) {
      if (i + k >= n) return allow_truncated_end;
      unsigned char cc = s[i + k];
      unsigned char min = k == 1 ? lo : 0x80;
      unsigned char max = k == 1 ? hi : 0xBF;
      if (cc < min || cc > max) return false;
    }
    i += len;
  }
  return true;
}

std::string DetectCharset(std::string_view bytes,
                          std::string_view content_type_header) {
  if (std::string_view bom = BomCharset(bytes); !bom.empty()) {
    return std::string(bom);
  }
  Utf8Kind kind = ClassifyUtf8(bytes);
  // A declared charset, unless the bytes are non-ASCII UTF-8: sites that
  // moved to UTF-8 often keep an old "iso-8859-1" declaration, and legacy
  // text that happens to be well-formed UTF-8 is vanishingly rare.
  auto declared = [kind](std::string c) -> std::string {
    if (c.empty()) return c;
    if (c == "utf-16le" || c == "utf-16be") return "utf-8";
    if (kind == Utf8Kind::kUtf8) return "utf-8";
    return c;
  };
  if (std::string c = declared(
          CanonicalCharset(CharsetFromContentType(content_type_header)));
      !c.empty()) {
    return c;
  }
  std::string_view head = bytes.substr(0, kCharsetScanBytes);
  // (A UTF-16 label in a <meta> or XML declaration that could be read as
  // ASCII is wrong; declared() maps it to UTF-8, as browsers do.)
  if (std::string c = declared(CanonicalCharset(MetaCharset(head)));
      !c.empty()) {
    return c;
  }
  if (std::string c = declared(CanonicalCharset(XmlDeclarationCharset(head)));
      !c.empty()) {
    return c;
  }
  return kind == Utf8Kind::kInvalid ? "windows-1252" : "utf-8";
}

Result<std::string> ToUtf8(std::string_view bytes, std::string_view charset) {
  const Encoding* e = FindEncoding(charset);
  if (e != nullptr && e->icu == nullptr) {
    return Status::Unsupported("text: charset \"" + std::string(e->name) +
                               "\" cannot be decoded");
  }
  std::string_view name = e != nullptr ? e->name : std::string_view();
  // Drop a byte order mark that matches the encoding.
  for (const Bom& bom : kBoms) {
    if (bom.name == name && bytes.substr(0, bom.bytes.size()) == bom.bytes) {
      bytes.remove_prefix(bom.bytes.size());
    }
  }
  if (name == "utf-8" && IsValidUtf8(bytes)) return std::string(bytes);
  ConverterPtr from;
  if (e != nullptr) {
    from = OpenConverter(e->icu);
  } else {
    std::string label(TrimLabel(charset));
    if (!label.empty()) from = OpenConverter(label.c_str());
    if (!from) {
      return Status::Unsupported("text: unknown charset \"" +
                                 label.substr(0, 40) + "\"");
    }
  }
  if (!from) {
    return Status::Internal("text: ICU has no converter for " +
                            std::string(e->icu));
  }
  return Convert(bytes, from.get());
}

std::string DecodeToUtf8(std::string_view bytes,
                         std::string_view content_type_header) {
  std::string charset = DetectCharset(bytes, content_type_header);
  Result<std::string> out = ToUtf8(bytes, charset);
  if (out.ok()) return std::move(out).value();
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  return RepairUtf8(bytes);
}

}  // namespace tidings::text
