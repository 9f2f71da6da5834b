#include "extract/extractor.h"

#include <memory>

#include "extract/content.h"
#include "extract/metadata.h"
#include "extract/page.h"
#include "extract/text_util.h"
#include "text/language.h"

namespace tidings::extract {
namespace {

// Inputs with more NUL or control bytes than this share are binary.
constexpr double kMaxControlShare = 0.1;
// The prefix examined for binary content.
constexpr std::size_t kBinaryProbe = 4096;
// Language detection reads this much main text at most.
constexpr std::size_t kMaxLanguageText = 16 * 1024;

bool LooksBinary(std::string_view data) {
  std::string_view probe = data.substr(0, kBinaryProbe);
  std::size_t control = 0;
  for (char ch : probe) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == 0 ||
        (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')) {
      ++control;
    }
  }
  return control > kMaxControlShare * static_cast<double>(probe.size());
}

}  // namespace

Result<model::Article> Extract(std::string_view utf8_html,
                               const ExtractOptions& options) {
  if (Trim(utf8_html).empty()) {
    return Status::InvalidArgument("extract: empty page");
  }
  if (LooksBinary(utf8_html)) {
    return Status::Corruption("extract: input is binary, not HTML");
  }
  utf8_html = CutUtf8(utf8_html, options.max_bytes);
  TIDINGS_ASSIGN_OR_RETURN(std::unique_ptr<Page> page, Page::Parse(utf8_html));

  DateBounds bounds;
  bounds.latest = options.latest_date;
  Metadata meta = ExtractMetadata(*page, options.url, bounds);
  MainText main = ExtractMainText(*page, meta.title, options.produce_html);

  model::Article article;
  article.url = options.url;
  article.canonical_url = meta.canonical_url;
  article.title = std::move(meta.title);
  article.byline = std::move(meta.byline);
  article.published_at = meta.published_at;
  article.modified_at = meta.modified_at;
  article.site_name = std::move(meta.site_name);
  article.image_url = std::move(meta.image_url);
  article.description = std::move(meta.description);
  article.section = std::move(meta.section);
  article.paywalled = meta.paywalled;
  article.paragraphs = std::move(main.paragraphs);
  article.html = std::move(main.html);
  int words = 0;
  for (const std::string& p : article.paragraphs) words += CountWords(p);
  article.word_count = words;

  if (options.detect_language) {
    std::string sample;
    for (const std::string& p : article.paragraphs) {
      if (sample.size() >= kMaxLanguageText) break;
      sample += p;
      sample.push_back('\n');
    }
    if (sample.empty()) sample = article.title + "\n" + article.description;
    article.language = text::DetectLanguage(sample, meta.declared_language);
  } else if (!meta.declared_language.empty()) {
    std::string lang = AsciiLowerCopy(meta.declared_language);
    article.language = lang.substr(0, lang.find_first_of("-_"));
  }
  return article;
}

}  // namespace tidings::extract
