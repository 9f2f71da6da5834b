#include "pipeline/pipeline.h"

#include <algorithm>
#include <cctype>

#include "base/url.h"
#include "dedup/canonical_url.h"
#include "dedup/fingerprint.h"
#include "extract/extractor.h"
#include "text/charset.h"

namespace tidings::pipeline {
namespace {

// How far into the body to look for an HTML signature when the server sent
// no usable Content-Type.
constexpr size_t kSniffBytes = 1024;

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool LooksLikeHtml(const Page& page) {
  std::string mime = Lower(page.content_type.substr(0, page.content_type.find(';')));
  mime.erase(std::remove_if(mime.begin(), mime.end(),
                            [](unsigned char c) { return std::isspace(c); }),
             mime.end());
  if (mime == "text/html" || mime == "application/xhtml+xml") return true;
  if (!mime.empty() && mime != "text/plain" &&
      mime != "application/octet-stream") {
    return false;
  }
  const std::string head = Lower(std::string_view(page.body).substr(0, kSniffBytes));
  return head.find("<html") != std::string::npos ||
         head.find("<!doctype html") != std::string::npos;
}

std::string HostOf(std::string_view url) {
  std::string host = Lower(UrlHost(url));
  return host;
}

}  // namespace

Result<model::Article> ProcessPage(const Page& page,
                                   const ProcessOptions& options) {
  (void)options;
  if (!LooksLikeHtml(page)) {
    return Status::Unsupported("pipeline: " + page.url + ": not an HTML page (" +
                               page.content_type + ")");
  }
  const std::string html = text::DecodeToUtf8(page.body, page.content_type);
  extract::ExtractOptions extract_options;
  extract_options.url = page.url;
  TIDINGS_ASSIGN_OR_RETURN(model::Article article,
                           extract::Extract(html, extract_options));
  article.url = page.url;
  article.canonical_url =
      dedup::CanonicalizeUrl(page.url, article.canonical_url);
  if (article.canonical_url.empty()) article.canonical_url = page.url;
  article.fetched_at = page.fetched_at;
  // The canonical URL may point at another host (syndication); the
  // publisher is whoever served the page.
  article.publisher_host = HostOf(page.url);
  if (article.publisher_host.empty()) {
    return Status::InvalidArgument("pipeline: " + page.url + ": no host");
  }
  if (!page.publisher_name.empty()) article.site_name = page.publisher_name;
  if (article.title.empty()) article.title = page.feed_title;
  if (!article.published_at) article.published_at = page.feed_published_at;
  article.feed_id = page.feed_id;
  if (!page.country.empty()) article.country = page.country;
  if (!page.category.empty()) article.category = page.category;
  if (article.title.empty() && article.paragraphs.empty()) {
    return Status::Corruption("pipeline: " + page.url +
                              ": no title and no text extracted");
  }
  const std::string text = article.Text();
  article.content_hash = dedup::ContentHash(text);
  article.simhash = dedup::SimHash(text);
  return article;
}

Pipeline::Pipeline(store::Store* store, ProcessOptions options)
    : store_(store), options_(options) {}

Pipeline::~Pipeline() = default;

Result<AddOutcome> Pipeline::AddPage(const Page& page) {
  TIDINGS_ASSIGN_OR_RETURN(model::Article article, ProcessPage(page, options_));
  TIDINGS_ASSIGN_OR_RETURN(store::UpsertOutcome outcome,
                           store_->UpsertArticle(&article));
  AddOutcome result;
  result.article_id = outcome.id;
  result.inserted = outcome.inserted;
  return result;
}

Result<bool> Pipeline::IsKnownUrl(const std::string& url) {
  TIDINGS_ASSIGN_OR_RETURN(auto found, store_->FindArticleByUrl(url));
  if (found) return true;
  const std::string canonical = dedup::CanonicalizeUrl(url);
  if (canonical == url) return false;
  TIDINGS_ASSIGN_OR_RETURN(found, store_->FindArticleByUrl(canonical));
  return found.has_value();
}

}  // namespace tidings::pipeline
