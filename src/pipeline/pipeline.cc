#include "pipeline/pipeline.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "base/url.h"
#include "cluster/story_clusterer.h"
#include "dedup/canonical_url.h"
#include "dedup/fingerprint.h"
#include "extract/extractor.h"
#include "summarize/summarizer.h"
#include "text/charset.h"
#include "text/sentences.h"
#include "text/tokenize.h"

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
  std::string mime =
      Lower(page.content_type.substr(0, page.content_type.find(';')));
  mime.erase(std::remove_if(mime.begin(), mime.end(),
                            [](unsigned char c) { return std::isspace(c); }),
             mime.end());
  if (mime == "text/html" || mime == "application/xhtml+xml") return true;
  if (!mime.empty() && mime != "text/plain" &&
      mime != "application/octet-stream") {
    return false;
  }
  const std::string head =
      Lower(std::string_view(page.body).substr(0, kSniffBytes));
  return head.find("<html") != std::string::npos ||
         head.find("<!doctype html") != std::string::npos;
}

// Longest fallback title taken from the page's text, in bytes.
constexpr size_t kMaxFallbackTitleBytes = 90;
// Publisher key for pages whose origin cannot be told at all.
constexpr std::string_view kUnknownPublisherHost = "unknown";

std::string HostOf(std::string_view url) { return Lower(UrlHost(url)); }

// The publisher is whoever served the page: the canonical URL may point at
// another host (syndication), so it is only used when the record's own URI
// has no host (archives that key pages by a name rather than a URL).
std::string PublisherHost(const std::string& url, const model::Article& a) {
  std::string host = HostOf(url);
  if (host.empty()) host = HostOf(a.canonical_url);
  if (host.empty() && !a.site_name.empty()) host = Lower(a.site_name);
  if (host.empty()) host = kUnknownPublisherHost;
  return host;
}

// Cuts `text` at a word boundary to at most `max_bytes`, adding "…".
std::string CutAtWord(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t cut = text.rfind(' ', max_bytes);
  if (cut == std::string_view::npos || cut == 0) cut = max_bytes;
  // Never split a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return std::string(text.substr(0, cut)) + "\u2026";
}

// A title for a page that declares none: its description, its first
// paragraph, or the last path segment of its URL, so the page is still
// listed and linked.
std::string FallbackTitle(const std::string& url, const model::Article& a) {
  if (!a.description.empty())
    return CutAtWord(a.description, kMaxFallbackTitleBytes);
  if (!a.paragraphs.empty())
    return CutAtWord(a.paragraphs.front(), kMaxFallbackTitleBytes);
  std::string_view path(url);
  path = path.substr(0, path.find_first_of("?#"));
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  std::string_view slug = path.substr(path.find_last_of("/:") + 1);
  slug = slug.substr(0, slug.find('.'));
  std::string title;
  for (char c : slug) title += (c == '-' || c == '_') ? ' ' : c;
  return title;
}

}  // namespace

Result<model::Article> ProcessPage(const Page& page,
                                   const ProcessOptions& options) {
  (void)options;
  if (!LooksLikeHtml(page)) {
    return Status::Unsupported("pipeline: " + page.url +
                               ": not an HTML page (" + page.content_type +
                               ")");
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
  article.publisher_host = PublisherHost(page.url, article);
  if (!page.publisher_name.empty()) article.site_name = page.publisher_name;
  if (article.title.empty()) article.title = page.feed_title;
  if (article.title.empty()) article.title = FallbackTitle(page.url, article);
  if (!article.published_at) article.published_at = page.feed_published_at;
  article.feed_id = page.feed_id;
  if (!page.country.empty()) article.country = page.country;
  if (!page.category.empty()) article.category = page.category;
  if (article.title.empty()) {
    return Status::Corruption("pipeline: " + page.url +
                              ": nothing readable in the page");
  }
  const std::string text = article.Text();
  article.content_hash = dedup::ContentHash(text);
  article.simhash = dedup::SimHash(text);
  if (article.word_count == 0) {
    article.word_count = static_cast<int>(text::WordTokens(text).size());
  }
  article.original_reading_seconds =
      text::ReadingSeconds(text, article.language);
  if (article.word_count >= options.min_summary_words) {
    article.summary = summarize::SummarizeArticle(
        article.title, article.paragraphs, article.language);
    std::string summary_text;
    for (const auto& sentence : article.summary) {
      summary_text += sentence.text;
      summary_text += ' ';
    }
    article.summary_reading_seconds =
        text::ReadingSeconds(summary_text, article.language);
  }
  return article;
}

namespace {

cluster::Doc ClusterDoc(const model::Article& a) {
  cluster::Doc doc;
  doc.id = a.id;
  doc.title = a.title;
  doc.text = a.Text();
  doc.publisher = a.publisher_host;
  doc.time = a.published_at && *a.published_at <= a.fetched_at ? *a.published_at
                                                               : a.fetched_at;
  doc.lang = a.language;
  return doc;
}

}  // namespace

Pipeline::Pipeline(store::Store* store, ProcessOptions options)
    : store_(store), options_(options) {
  cluster::ClusterOptions cluster_options;
  cluster_options.window_seconds = options_.story_window_seconds;
  clusterer_ = std::make_unique<cluster::StoryClusterer>(cluster_options);
}

Pipeline::~Pipeline() = default;

Result<AddOutcome> Pipeline::AddPage(const Page& page) {
  TIDINGS_ASSIGN_OR_RETURN(model::Article article, ProcessPage(page, options_));
  TIDINGS_RETURN_IF_ERROR(WarmUp());
  TIDINGS_ASSIGN_OR_RETURN(store::UpsertOutcome outcome,
                           store_->UpsertArticle(&article));
  // An update of a known article keeps its story; only new articles are
  // clustered, so that re-ingesting is idempotent.
  if (outcome.inserted) TIDINGS_RETURN_IF_ERROR(AssignStory(article));
  AddOutcome result;
  result.article_id = outcome.id;
  result.inserted = outcome.inserted;
  return result;
}

Status Pipeline::WarmUp() {
  if (warmed_up_) return Status::Ok();
  warmed_up_ = true;
  store::ArticleQuery query;
  query.limit = options_.warmup_articles;
  query.with_body = true;
  TIDINGS_ASSIGN_OR_RETURN(std::vector<model::Article> recent,
                           store_->ListArticles(query));
  // Oldest first, as they arrived.
  for (auto it = recent.rbegin(); it != recent.rend(); ++it) {
    cluster::Assignment a = clusterer_->Add(ClusterDoc(*it));
    const std::int64_t key = clusterer_->ResolveKey(a.story_key);
    if (it->story_id != 0) story_ids_.emplace(key, it->story_id);
  }
  return Status::Ok();
}

Status Pipeline::AssignStory(const model::Article& article) {
  cluster::Assignment a = clusterer_->Add(ClusterDoc(article));
  const std::int64_t key = clusterer_->ResolveKey(a.story_key);
  if (a.merged_from != 0) {
    // Two stories became one: the absorbed story's row goes, its articles
    // are relinked by SaveStory below.
    auto absorbed = story_ids_.find(a.merged_from);
    if (absorbed != story_ids_.end()) {
      if (story_ids_.count(key) == 0) {
        story_ids_[key] = absorbed->second;
      } else if (story_ids_[key] != absorbed->second) {
        TIDINGS_RETURN_IF_ERROR(store_->DeleteStory(absorbed->second));
      }
      story_ids_.erase(absorbed);
    }
  }
  return SaveStory(key, article.category);
}

Status Pipeline::SaveStory(std::int64_t key, const std::string& category) {
  const cluster::StoryState* state = clusterer_->Story(key);
  if (state == nullptr || state->article_count < options_.min_story_articles) {
    return Status::Ok();
  }
  model::Story story;
  auto known = story_ids_.find(key);
  if (known != story_ids_.end()) story.id = known->second;
  story.headline = state->headline;
  story.representative_article_id = state->representative_article_id;
  story.first_article_id = state->first_article_id;
  story.first_seen_at = state->first_seen_at;
  story.last_updated_at = state->last_updated_at;
  story.article_count = state->article_count;
  story.publisher_count = static_cast<int>(state->publishers.size());
  story.category = category;
  std::vector<summarize::StoryInput> inputs;
  for (const cluster::StoryEvent& event : state->timeline) {
    story.article_ids.push_back(event.article_id);
    if (event.duplicate || static_cast<int>(inputs.size()) >=
                               options_.max_story_summary_articles) {
      continue;
    }
    TIDINGS_ASSIGN_OR_RETURN(auto member, store_->GetArticle(event.article_id));
    if (!member) continue;
    summarize::StoryInput input;
    input.article_id = member->id;
    input.title = member->title;
    input.paragraphs = std::move(member->paragraphs);
    input.lang = member->language;
    input.published_at = event.time;
    inputs.push_back(std::move(input));
  }
  story.summary = summarize::SummarizeStory(inputs);
  TIDINGS_RETURN_IF_ERROR(store_->SaveStory(&story));
  story_ids_[key] = story.id;
  return Status::Ok();
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
