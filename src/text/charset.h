// Character encodings of fetched documents: detection and transcoding to
// UTF-8 (ICU ucnv underneath).
//
// Labels follow the WHATWG Encoding Standard, which is what browsers do and
// therefore what publishers' pages are tested against: "iso-8859-1",
// "latin1" and "us-ascii" all mean windows-1252, "gb2312" means GBK,
// "shift_jis" means windows-31j, "euc-kr" means windows-949, and so on.
//
// Thread-safety: free functions; safe from any thread (each call opens its
// own converters).
#ifndef TIDINGS_TEXT_CHARSET_H_
#define TIDINGS_TEXT_CHARSET_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace tidings::text {

// How far into a document <meta charset> and the XML declaration are looked
// for. The WHATWG prescan reads 1024 bytes; real pages often put their meta
// after long inline scripts, so we look further.
inline constexpr std::size_t kCharsetScanBytes = 4096;

// The WHATWG canonical name (lower case: "utf-8", "windows-1252",
// "shift_jis", "gbk", "euc-kr", "koi8-r", "iso-8859-2", "utf-16le", …) for
// an encoding label, ignoring case and surrounding whitespace and quotes;
// "" when the label is unknown or names an encoding we cannot decode
// ("replacement", "x-user-defined").
std::string CanonicalCharset(std::string_view label);

// The charset parameter of a Content-Type value ("text/html;
// charset=ISO-8859-1" → "ISO-8859-1"), unquoted, as written; "" if none.
std::string CharsetFromContentType(std::string_view content_type);

// Detects the encoding of a document. In order, the first that gives a
// known label wins (except that a declared charset in 2-4 yields to "utf-8"
// when the bytes are well-formed UTF-8 with non-ASCII sequences: a stale
// "iso-8859-1" on a site that moved to UTF-8 is common, legacy text that
// happens to be valid UTF-8 is vanishingly rare):
//   1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
//   2. the charset parameter of `content_type_header` (may be empty);
//   3. <meta charset="…"> or <meta http-equiv="Content-Type"
//      content="…; charset=…"> in the first kCharsetScanBytes (a UTF-16
//      label found there means UTF-8, as in browsers: the bytes were
//      readable as ASCII);
//   4. the XML declaration's encoding="…";
//   5. "utf-8" if the bytes are valid UTF-8 (a sequence cut at the very
//      end is allowed when earlier non-ASCII sequences were valid), else
//      "windows-1252".
// Always returns a canonical name that ToUtf8 accepts.
std::string DetectCharset(std::string_view bytes,
                          std::string_view content_type_header);

// Transcodes `bytes` in `charset` (any WHATWG label, or another name ICU
// knows) to UTF-8. A leading byte order mark is dropped; invalid or
// unmapped sequences become U+FFFD. Errors:
//   kUnsupported  neither WHATWG nor ICU knows the label (callers may fall
//                 back to "windows-1252");
//   kInternal     ICU failed unexpectedly.
Result<std::string> ToUtf8(std::string_view bytes, std::string_view charset);

// DetectCharset then ToUtf8; never fails (an ICU failure falls back to
// replacing every non-UTF-8 byte with U+FFFD).
std::string DecodeToUtf8(std::string_view bytes,
                         std::string_view content_type_header);

// True if `bytes` is well-formed UTF-8 (no overlongs, surrogates or values
// over U+10FFFF). With allow_truncated_end, a sequence cut short by the end
// of the input is accepted.
bool IsValidUtf8(std::string_view bytes, bool allow_truncated_end = false);

}  // namespace tidings::text

#endif  // TIDINGS_TEXT_CHARSET_H_
