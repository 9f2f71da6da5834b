#include "text/language.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <string>

namespace tidings::text {
namespace {

// The ISO 639-1 primary subtag of a language tag, lower-cased; "" if the
// tag does not look like one.
std::string PrimaryTag(std::string_view tag) {
  size_t dash = tag.find_first_of("-_");
  if (dash != std::string_view::npos) tag = tag.substr(0, dash);
  if (tag.size() < 2 || tag.size() > 3) return "";
  std::string out;
  for (char c : tag) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c < 'a' || c > 'z') return "";
    out.push_back(c);
  }
  return out;
}

// CLD2 needs little text; beyond this its answer no longer changes, and
// bounding the input bounds the time.
constexpr size_t kMaxDetectBytes = 64 * 1024;

}  // namespace

std::string DetectLanguage(std::string_view utf8_text, std::string_view hint) {
  std::string hint_tag = PrimaryTag(hint);
  if (utf8_text.size() > kMaxDetectBytes) {
    utf8_text = utf8_text.substr(0, kMaxDetectBytes);
  }
  CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING,
                          CLD2::UNKNOWN_LANGUAGE};
  if (!hint_tag.empty()) {
    hints.content_language_hint = hint_tag.c_str();
  }
  CLD2::Language language3[3];
  int percent3[3];
  double scores3[3];
  int text_bytes = 0;
  bool reliable = false;
  int valid_prefix = 0;
  CLD2::Language lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      utf8_text.data(), static_cast<int>(utf8_text.size()),
      /*is_plain_text=*/true, &hints, /*flags=*/0, language3, percent3, scores3,
      nullptr, &text_bytes, &reliable, &valid_prefix);
  if (lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE ||
      !reliable) {
    return hint_tag;
  }
  std::string code = PrimaryTag(CLD2::LanguageCode(lang));
  // CLD2 keeps a few withdrawn ISO 639 codes.
  if (code == "iw") return "he";
  if (code == "in") return "id";
  if (code == "ji") return "yi";
  return code;
}

}  // namespace tidings::text
