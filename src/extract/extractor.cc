#include "extract/extractor.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <vector>

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

// Structured data's articleBody replaces the extracted text when it holds
// at least this many times more text (the page renders its body by
// script, or the selection missed it) and is at least kMinBodyBytes long.
constexpr std::size_t kBodyOverExtracted = 2;
constexpr std::size_t kMinBodyBytes = 500;

// Splits an articleBody (plain text, sometimes with HTML tags) into
// whitespace-collapsed paragraphs at line breaks and block tags.
std::vector<std::string> BodyParagraphs(std::string_view body) {
  std::vector<std::string> out;
  std::string current;
  bool pending = false;
  auto flush = [&]() {
    while (!current.empty() && current.back() == ' ') current.pop_back();
    if (!current.empty()) out.push_back(std::move(current));
    current.clear();
    pending = false;
  };
  std::size_t i = 0;
  while (i < body.size()) {
    const char c = body[i];
    if (c == '\n') {
      flush();
      ++i;
      continue;
    }
    if (c == '<' && i + 1 < body.size() &&
        (std::isalpha(static_cast<unsigned char>(body[i + 1])) ||
         body[i + 1] == '/')) {
      const std::size_t end = body.find('>', i);
      if (end != std::string_view::npos) {
        // Tags split blocks ("</p>", "<br>"); inline ones just vanish.
        std::string_view tag = body.substr(i + 1, end - i - 1);
        if (!tag.empty() && tag[0] == '/') tag.remove_prefix(1);
        if (StartsWithLower(tag, "p") || StartsWithLower(tag, "br") ||
            StartsWithLower(tag, "h") || StartsWithLower(tag, "li") ||
            StartsWithLower(tag, "div")) {
          flush();
        } else {
          pending = true;
        }
        i = end + 1;
        continue;
      }
    }
    std::size_t next = body.find_first_of("\n<", i + 1);
    if (next == std::string_view::npos) next = body.size();
    AppendCollapsed(body.substr(i, next - i), &current, &pending);
    i = next;
  }
  flush();
  return out;
}

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
  // libxml2's parser stops at a NUL byte; a few stray NULs (a broken
  // template, a padded include) would cut the page there. They become
  // spaces (the page passed the binary check above, so they are rare).
  std::string without_nul;
  if (utf8_html.find('\0') != std::string_view::npos) {
    without_nul.assign(utf8_html);
    std::replace(without_nul.begin(), without_nul.end(), '\0', ' ');
    utf8_html = without_nul;
  }
  TIDINGS_ASSIGN_OR_RETURN(std::unique_ptr<Page> page, Page::Parse(utf8_html));

  DateBounds bounds;
  bounds.latest = options.latest_date;
  Metadata meta = ExtractMetadata(*page, options.url, bounds);
  MainText main = ExtractMainText(*page, meta.title, options.produce_html);
  if (NonSpaceBytes(meta.article_body) >= kMinBodyBytes) {
    std::size_t extracted = 0;
    for (const std::string& p : main.paragraphs) extracted += NonSpaceBytes(p);
    if (NonSpaceBytes(meta.article_body) > kBodyOverExtracted * extracted) {
      main.paragraphs = BodyParagraphs(meta.article_body);
      main.html.clear();
      if (options.produce_html) {
        for (const std::string& p : main.paragraphs) {
          main.html.append("<p>");
          AppendHtmlEscaped(p, &main.html);
          main.html.append("</p>\n");
        }
      }
    }
  }

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
