// Unicode normalisation and case folding of UTF-8 text.
//
// Thread-safety: every function is safe to call concurrently (ICU's
// normalizer instances are immutable singletons).
#ifndef TIDINGS_TEXT_NORMALIZE_H_
#define TIDINGS_TEXT_NORMALIZE_H_

#include <string>
#include <string_view>

namespace tidings::text {

// Returns `utf8` in Unicode Normalization Form C. Pure ASCII and text that
// is already NFC are returned unchanged without conversion. Ill-formed UTF-8
// sequences become U+FFFD; never fails.
std::string Nfc(std::string_view utf8);

// Returns `utf8` lower-cased with Unicode's full case mapping (root locale).
std::string ToLower(std::string_view utf8);

// True if every byte is below 0x80.
bool IsAscii(std::string_view bytes);

}  // namespace tidings::text

#endif  // TIDINGS_TEXT_NORMALIZE_H_
