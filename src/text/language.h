// Language detection (CLD2).
//
// Thread-safety: safe to call concurrently.
#ifndef TIDINGS_TEXT_LANGUAGE_H_
#define TIDINGS_TEXT_LANGUAGE_H_

#include <string>
#include <string_view>

namespace tidings::text {

// The primary language of `utf8_text` as an ISO 639-1 code ("en", "de",
// "zh", "ja"), or "" when unknown. `hint` is a language the context suggests
// (an HTML lang attribute, a feed's language; "" for none): it boosts that
// language, and it is returned when the detection is unreliable (short
// text) and the hint is a plausible language code. Ill-formed UTF-8 is
// detected on its valid prefix. Never fails.
std::string DetectLanguage(std::string_view utf8_text, std::string_view hint);

}  // namespace tidings::text

#endif  // TIDINGS_TEXT_LANGUAGE_H_
