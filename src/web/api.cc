// The JSON API and the RSS/Atom feeds of Site.
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/time_format.h"
#include "web/html.h"
#include "web/http_util.h"
#include "web/site_internal.h"

namespace tidings::web::internal {
namespace {

using json = nlohmann::json;

// Default page size of list endpoints.
constexpr int kDefaultApiLimit = 20;
// Deep offsets make the database skip that many rows; nobody needs more.
constexpr std::int64_t kMaxApiOffset = 100000;
// Teaser length in feeds.
constexpr std::size_t kFeedSnippetChars = 400;
// Articles of a story listed in /api/stories/<id>.
constexpr int kStoryArticlesLimit = 500;

std::string Dump(const json& j) {
  // Stored text is UTF-8, but a bad byte must not turn into an exception.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Response JsonResponse(int status, const json& body, std::string route) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = Dump(body);
  r.body.push_back('\n');
  r.route = std::move(route);
  return r;
}

Response JsonError(int status, std::string message, std::string route) {
  return JsonResponse(status, json{{"error", std::move(message)}},
                      std::move(route));
}

json OptionalTime(const std::optional<UnixSeconds>& t) {
  return t ? json(FormatIso8601(*t)) : json(nullptr);
}

json IdOrNull(model::Id id) { return id != 0 ? json(id) : json(nullptr); }

json SummaryJson(const std::vector<model::SummarySentence>& summary) {
  json out = json::array();
  for (const model::SummarySentence& s : summary) {
    json item = {{"text", s.text}, {"index", s.index}};
    if (s.article_id != 0) item["article_id"] = s.article_id;
    out.push_back(std::move(item));
  }
  return out;
}

json BreakdownJson(const std::string& text) {
  if (text.empty()) return nullptr;
  json parsed = json::parse(text, nullptr, false);
  return parsed.is_discarded() ? json(nullptr) : parsed;
}

json ArticleJson(const RequestContext& ctx, const model::Article& a) {
  json j = {
      {"id", a.id},
      {"url", a.url},
      {"canonical_url", a.canonical_url},
      {"title", a.title},
      {"byline", a.byline},
      {"published", OptionalTime(a.published_at)},
      {"modified", OptionalTime(a.modified_at)},
      {"fetched", FormatIso8601(a.fetched_at)},
      {"language", a.language},
      {"site_name", a.site_name},
      {"image", a.image_url},
      {"description", a.description},
      {"section", a.section},
      {"paywalled", a.paywalled},
      {"publisher_id", IdOrNull(a.publisher_id)},
      {"publisher_host", a.publisher_host},
      {"category", a.category},
      {"country", a.country},
      {"word_count", a.word_count},
      {"summary", SummaryJson(a.summary)},
      {"reading_seconds",
       {{"summary", a.summary_reading_seconds},
        {"original", a.original_reading_seconds}}},
      {"score", a.score},
      {"story_id", IdOrNull(a.story_id)},
      {"page_url", ctx.base_url + "/article/" + std::to_string(a.id)},
  };
  return j;
}

json StoryJson(const RequestContext& ctx, const model::Story& s) {
  json ids = json::array();
  for (model::Id id : s.article_ids) ids.push_back(id);
  return {
      {"id", s.id},
      {"headline", s.headline},
      {"category", s.category},
      {"representative_article_id", IdOrNull(s.representative_article_id)},
      {"first_article_id", IdOrNull(s.first_article_id)},
      {"first_seen", FormatIso8601(s.first_seen_at)},
      {"last_updated", FormatIso8601(s.last_updated_at)},
      {"article_count", s.article_count},
      {"publisher_count", s.publisher_count},
      {"article_ids", std::move(ids)},
      {"page_url", ctx.base_url + "/story/" + std::to_string(s.id)},
  };
}

// Reads an integer parameter in [min, max]; `fallback` when absent.
// nullopt when present but not such an integer.
std::optional<std::int64_t> IntParam(const QueryParams& query,
                                     const std::string& name,
                                     std::int64_t fallback, std::int64_t min,
                                     std::int64_t max) {
  const auto it = query.find(name);
  if (it == query.end() || it->second.empty()) return fallback;
  const std::string& text = it->second;
  // Enough digits for any bound we use; longer is rejected, not wrapped.
  constexpr std::size_t kMaxDigits = 12;
  if (text.size() > kMaxDigits) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value < min || value > max) return std::nullopt;
  return value;
}

std::string Param(const QueryParams& query, const std::string& name) {
  const auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

Result<Response> ApiArticles(const RequestContext& ctx,
                             const QueryParams& query) {
  const std::string route = "/api/articles";
  const int max_limit = ctx.options.api_max_limit;
  const auto limit = IntParam(query, "limit", kDefaultApiLimit, 1, max_limit);
  if (!limit) {
    return JsonError(
        400, fmt::format("limit must be an integer from 1 to {}", max_limit),
        route);
  }
  const auto offset = IntParam(query, "offset", 0, 0, kMaxApiOffset);
  if (!offset) {
    return JsonError(
        400,
        fmt::format("offset must be an integer from 0 to {}", kMaxApiOffset),
        route);
  }
  const auto publisher = IntParam(query, "publisher", 0, 0,
                                  std::numeric_limits<std::int32_t>::max());
  const auto story =
      IntParam(query, "story", 0, 0, std::numeric_limits<std::int32_t>::max());
  if (!publisher || !story) {
    return JsonError(400, "publisher and story must be ids", route);
  }
  store::ArticleQuery q;
  q.limit = static_cast<int>(*limit);
  q.offset = static_cast<int>(*offset);
  q.country = Param(query, "country");
  q.category = Param(query, "category");
  q.publisher_id = *publisher;
  q.story_id = *story;
  q.text = SearchExpression(Param(query, "q"));
  TIDINGS_ASSIGN_OR_RETURN(std::vector<model::Article> articles,
                           ctx.store.ListArticles(q));
  json list = json::array();
  for (const model::Article& a : articles) list.push_back(ArticleJson(ctx, a));
  json body = {
      {"articles", std::move(list)}, {"limit", *limit}, {"offset", *offset}};
  body["next_offset"] = static_cast<std::int64_t>(articles.size()) == *limit
                            ? json(*offset + *limit)
                            : json(nullptr);
  return JsonResponse(200, body, route);
}

Result<Response> ApiArticle(const RequestContext& ctx, model::Id id) {
  const std::string route = "/api/articles/:id";
  TIDINGS_ASSIGN_OR_RETURN(std::optional<model::Article> found,
                           ctx.store.GetArticle(id));
  if (!found) return JsonError(404, "article not found", route);
  const model::Article& a = *found;
  json j = ArticleJson(ctx, a);
  j["paragraphs"] = a.paragraphs;
  j["html"] = SanitizeHtml(a.html);
  j["score_breakdown"] = BreakdownJson(a.score_breakdown_json);
  if (a.publisher_id != 0) {
    TIDINGS_ASSIGN_OR_RETURN(std::optional<model::Publisher> p,
                             ctx.store.GetPublisher(a.publisher_id));
    if (p) {
      j["publisher"] = {
          {"id", p->id},
          {"host", p->host},
          {"name", p->name},
          {"country", p->country},
          {"score", p->score},
          {"score_breakdown", BreakdownJson(p->score_breakdown_json)}};
    }
  }
  return JsonResponse(200, j, route);
}

Result<Response> ApiStories(const RequestContext& ctx,
                            const QueryParams& query) {
  const std::string route = "/api/stories";
  const int max_limit = ctx.options.api_max_limit;
  const auto limit = IntParam(query, "limit", kDefaultApiLimit, 1, max_limit);
  const auto offset = IntParam(query, "offset", 0, 0, kMaxApiOffset);
  if (!limit || !offset) {
    return JsonError(400,
                     fmt::format("limit must be 1 to {} and offset 0 to {}",
                                 max_limit, kMaxApiOffset),
                     route);
  }
  TIDINGS_ASSIGN_OR_RETURN(std::vector<model::Story> stories,
                           ctx.store.ListStories(static_cast<int>(*limit),
                                                 static_cast<int>(*offset)));
  json list = json::array();
  for (const model::Story& s : stories) list.push_back(StoryJson(ctx, s));
  json body = {
      {"stories", std::move(list)}, {"limit", *limit}, {"offset", *offset}};
  body["next_offset"] = static_cast<std::int64_t>(stories.size()) == *limit
                            ? json(*offset + *limit)
                            : json(nullptr);
  return JsonResponse(200, body, route);
}

Result<Response> ApiStory(const RequestContext& ctx, model::Id id) {
  const std::string route = "/api/stories/:id";
  TIDINGS_ASSIGN_OR_RETURN(std::optional<model::Story> found,
                           ctx.store.GetStory(id));
  if (!found) return JsonError(404, "story not found", route);
  json j = StoryJson(ctx, *found);
  j["summary"] = SummaryJson(found->summary);
  store::ArticleQuery q;
  q.story_id = id;
  q.limit = kStoryArticlesLimit;
  TIDINGS_ASSIGN_OR_RETURN(std::vector<model::Article> articles,
                           ctx.store.ListArticles(q));
  json list = json::array();
  for (const model::Article& a : articles) list.push_back(ArticleJson(ctx, a));
  j["articles"] = std::move(list);
  return JsonResponse(200, j, route);
}

// Display name of an article's publisher, for feeds.
Result<std::string> PublisherName(const RequestContext& ctx,
                                  const model::Article& a,
                                  std::map<model::Id, std::string>* cache) {
  auto it = cache->find(a.publisher_id);
  if (it == cache->end()) {
    std::string name;
    if (a.publisher_id != 0) {
      TIDINGS_ASSIGN_OR_RETURN(std::optional<model::Publisher> p,
                               ctx.store.GetPublisher(a.publisher_id));
      if (p) name = p->name.empty() ? p->host : p->name;
    }
    it = cache->emplace(a.publisher_id, std::move(name)).first;
  }
  if (!it->second.empty()) return it->second;
  return a.site_name.empty() ? a.publisher_host : a.site_name;
}

Result<std::vector<model::Article>> FeedArticles(const RequestContext& ctx) {
  store::ArticleQuery q;
  q.limit = ctx.options.feed_items;
  q.with_body = true;  // Teasers fall back to the first paragraph.
  return ctx.store.ListArticles(q);
}

Response FeedResponse(std::string route, std::string content_type,
                      std::string body) {
  Response r;
  r.route = std::move(route);
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  // Readers poll often; five minutes of caching costs little freshness.
  r.cache_control = "public, max-age=300";
  return r;
}

}  // namespace

std::string SearchExpression(std::string_view q) {
  // Words of a query passed on; bounds the full-text work.
  constexpr std::size_t kMaxSearchTerms = 16;
  std::string out;
  std::size_t terms = 0;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && terms < kMaxSearchTerms) {
      if (!out.empty()) out += ' ';
      out += '"' + word + '"';
      ++terms;
    }
    word.clear();
  };
  for (char c : q) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      flush();
    } else if (c != '"') {
      word.push_back(c);
    }
  }
  flush();
  return out;
}

Result<Response> HandleApi(const RequestContext& ctx, std::string_view path,
                           const QueryParams& query) {
  if (path == "/api/articles") return ApiArticles(ctx, query);
  if (path == "/api/stories") return ApiStories(ctx, query);
  if (path == "/api/stats") {
    TIDINGS_ASSIGN_OR_RETURN(store::Stats stats, ctx.store.GetStats());
    return JsonResponse(200,
                        json{{"articles", stats.articles},
                             {"publishers", stats.publishers},
                             {"feeds", stats.feeds},
                             {"stories", stats.stories}},
                        "/api/stats");
  }
  constexpr std::string_view kArticlePrefix = "/api/articles/";
  constexpr std::string_view kStoryPrefix = "/api/stories/";
  if (path.substr(0, kArticlePrefix.size()) == kArticlePrefix) {
    const auto id = ParsePositiveId(path.substr(kArticlePrefix.size()));
    if (!id) return JsonError(404, "article not found", "/api/articles/:id");
    return ApiArticle(ctx, *id);
  }
  if (path.substr(0, kStoryPrefix.size()) == kStoryPrefix) {
    const auto id = ParsePositiveId(path.substr(kStoryPrefix.size()));
    if (!id) return JsonError(404, "story not found", "/api/stories/:id");
    return ApiStory(ctx, *id);
  }
  return JsonError(404, "no such API endpoint", "404");
}

Result<Response> HandleRss(const RequestContext& ctx) {
  TIDINGS_ASSIGN_OR_RETURN(std::vector<model::Article> articles,
                           FeedArticles(ctx));
  std::map<model::Id, std::string> names;
  const std::string& base = ctx.base_url;
  const std::string site = EscapeXml(ctx.options.site_name);
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n";
  out += "<title>" + site + "</title>\n";
  out += "<link>" + EscapeXml(base) + "/</link>\n";
  out += "<description>The latest articles on " + site + "</description>\n";
  out += "<atom:link href=\"" + EscapeXml(base) +
         "/feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n";
  out += "<lastBuildDate>" + FormatRfc822(ctx.now) + "</lastBuildDate>\n";
  out += "<generator>Tidings</generator>\n";
  for (const model::Article& a : articles) {
    const std::string link = base + "/article/" + std::to_string(a.id);
    TIDINGS_ASSIGN_OR_RETURN(std::string publisher,
                             PublisherName(ctx, a, &names));
    out += "<item>\n";
    out += "<title>" + EscapeXml(a.title.empty() ? "(untitled)" : a.title) +
           "</title>\n";
    out += "<link>" + EscapeXml(link) + "</link>\n";
    out += "<guid isPermaLink=\"true\">" + EscapeXml(link) + "</guid>\n";
    out += "<pubDate>" + FormatRfc822(ArticleTime(a)) + "</pubDate>\n";
    if (!publisher.empty()) {
      out += "<dc:creator>" + EscapeXml(publisher) + "</dc:creator>\n";
    }
    if (!a.category.empty()) {
      out += "<category>" + EscapeXml(a.category) + "</category>\n";
    }
    const std::string snippet = ArticleSnippet(a, kFeedSnippetChars);
    if (!snippet.empty()) {
      out += "<description>" + EscapeXml(snippet) + "</description>\n";
    }
    out += "</item>\n";
  }
  out += "</channel>\n</rss>\n";
  return FeedResponse("/feed.xml", "application/rss+xml; charset=utf-8",
                      std::move(out));
}

Result<Response> HandleAtom(const RequestContext& ctx) {
  TIDINGS_ASSIGN_OR_RETURN(std::vector<model::Article> articles,
                           FeedArticles(ctx));
  std::map<model::Id, std::string> names;
  const std::string& base = ctx.base_url;
  UnixSeconds updated = 0;
  for (const model::Article& a : articles) {
    updated = std::max(updated, a.modified_at.value_or(ArticleTime(a)));
  }
  if (updated == 0) updated = ctx.now;
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  out += "<title>" + EscapeXml(ctx.options.site_name) + "</title>\n";
  out += "<id>" + EscapeXml(base) + "/</id>\n";
  out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"" +
         EscapeXml(base) + "/atom.xml\"/>\n";
  out += "<link rel=\"alternate\" type=\"text/html\" href=\"" +
         EscapeXml(base) + "/\"/>\n";
  out += "<updated>" + FormatIso8601(updated) + "</updated>\n";
  out += "<generator>Tidings</generator>\n";
  for (const model::Article& a : articles) {
    const std::string link = base + "/article/" + std::to_string(a.id);
    TIDINGS_ASSIGN_OR_RETURN(std::string publisher,
                             PublisherName(ctx, a, &names));
    out += "<entry>\n";
    out += "<id>" + EscapeXml(link) + "</id>\n";
    out += "<title>" + EscapeXml(a.title.empty() ? "(untitled)" : a.title) +
           "</title>\n";
    out += "<link rel=\"alternate\" type=\"text/html\" href=\"" +
           EscapeXml(link) + "\"/>\n";
    if (const std::string original = SafeExternalUrl(a.url);
        !original.empty()) {
      out += "<link rel=\"via\" href=\"" + EscapeXml(original) + "\"/>\n";
    }
    out += "<published>" + FormatIso8601(ArticleTime(a)) + "</published>\n";
    out += "<updated>" + FormatIso8601(a.modified_at.value_or(ArticleTime(a))) +
           "</updated>\n";
    out += "<author><name>" +
           EscapeXml(publisher.empty() ? ctx.options.site_name : publisher) +
           "</name></author>\n";
    if (!a.category.empty()) {
      out += "<category term=\"" + EscapeXml(a.category) + "\"/>\n";
    }
    const std::string snippet = ArticleSnippet(a, kFeedSnippetChars);
    if (!snippet.empty()) {
      out += "<summary>" + EscapeXml(snippet) + "</summary>\n";
    }
    out += "</entry>\n";
  }
  out += "</feed>\n";
  return FeedResponse("/atom.xml", "application/atom+xml; charset=utf-8",
                      std::move(out));
}

}  // namespace tidings::web::internal
