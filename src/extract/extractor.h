// Article extraction: main text and metadata from one HTML page.
//
// Extract() parses the page once with libxml2's HTML parser and runs the
// stages documented in docs/extraction.md:
//
//   1. index    one pass over the DOM: tag kinds, text and link-text sizes,
//               and the metadata sources (<meta>, JSON-LD, <time>, …);
//   2. clean    marks boilerplate subtrees (navigation, headers/footers,
//               comments, ads, cookie/newsletter banners, share bars,
//               related-story blocks, captions and photo credits);
//   3. blocks   splits what is left into text blocks in reading order;
//   4. score    scores every container by the text density of the blocks
//               below it and selects the best one (plus adjacent siblings);
//   5. filter   classifies the selected blocks one by one (link density,
//               length, boilerplate phrases, neighbours, à la jusText);
//   6. fallback when the selection is too thin, classifies the blocks of
//               the whole page instead;
//   7. metadata title, byline, dates, language, site name, image, …
//
// Thread-safety: Extract() is reentrant; it may run on many threads at
// once (libxml2 is initialised once, on first use).
#ifndef TIDINGS_EXTRACT_EXTRACTOR_H_
#define TIDINGS_EXTRACT_EXTRACTOR_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"
#include "model/model.h"

namespace tidings::extract {

struct ExtractOptions {
  // Page URL, for resolving relative links, the canonical URL and image,
  // and as a source of dates (/2019/03/05/). Empty when unknown.
  std::string url;
  // Pages larger than this are cut (at a character boundary) before
  // parsing, which bounds time and memory. 8 MiB holds every real article
  // page; larger inputs are almost always binary or generated.
  std::size_t max_bytes = 8u << 20;
  // Detect the language of the main text with cld2 (else only the declared
  // <html lang> is used).
  bool detect_language = true;
  // Dates after this instant are not publication dates (0: no bound). The
  // caller passes "now" from its clock; the module reads no clock itself.
  UnixSeconds latest_date = 0;
  // Produce Article::html (sanitized minimal HTML of the main content).
  bool produce_html = true;
};

// Extracts the article in `utf8_html` (already decoded to UTF-8; invalid
// sequences are tolerated). Fills url, canonical_url, title, byline,
// published_at, modified_at, language, site_name, image_url, description,
// section, paywalled, paragraphs, html and word_count of model::Article.
//
// Errors: kInvalidArgument for an empty input; kCorruption when the input
// is not HTML at all (binary data, or libxml2 builds no document). A page
// without a recognisable main text is not an error: it returns an Article
// with empty paragraphs and whatever metadata was found.
Result<model::Article> Extract(std::string_view utf8_html,
                               const ExtractOptions& options);

}  // namespace tidings::extract

#endif  // TIDINGS_EXTRACT_EXTRACTOR_H_
