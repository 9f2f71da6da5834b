#include "web/site.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <ctime>
#include <kainjow/mustache.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/time_format.h"
#include "web/html.h"
#include "web/http_util.h"
#include "web/site_internal.h"
#include "web/templates.h"

namespace tidings::web {

namespace mustache = kainjow::mustache;
using internal::RequestContext;

namespace internal {

UnixSeconds ArticleTime(const model::Article& article) {
  return article.published_at.value_or(article.fetched_at);
}

std::string ArticleSnippet(const model::Article& article,
                           std::size_t max_chars) {
  if (!article.description.empty()) {
    return Truncate(article.description, max_chars);
  }
  if (!article.summary.empty()) {
    std::string text;
    for (const model::SummarySentence& s : article.summary) {
      if (!text.empty()) text += ' ';
      text += s.text;
      if (text.size() >= max_chars) break;
    }
    return Truncate(text, max_chars);
  }
  for (const std::string& p : article.paragraphs) {
    if (!p.empty()) return Truncate(p, max_chars);
  }
  return "";
}

}  // namespace internal

namespace {

using internal::ArticleSnippet;
using internal::ArticleTime;
using internal::SearchExpression;

// Teaser length in lists: about two lines of a card.
constexpr std::size_t kSnippetChars = 260;
// Paragraphs shown "in brief" when an article has no summary.
constexpr std::size_t kLeadParagraphs = 2;
// Stories shown in the home page's sidebar, and how many to look at.
constexpr int kSidebarStories = 8;
constexpr int kSidebarStoriesScanned = 30;
// Articles of one story considered for "similar coverage" and the timeline.
constexpr int kStoryArticlesLimit = 500;
constexpr std::size_t kSimilarShown = 8;
constexpr int kSecondsPerMinute = 60;

mustache::data Obj() { return mustache::data(mustache::data::type::object); }
mustache::data List() { return mustache::data(mustache::data::type::list); }

std::string Str(std::string_view s) { return ValidUtf8(s); }

// Readable names of the editions we see most; others show their code.
std::string CountryName(std::string_view code) {
  static const std::map<std::string, std::string, std::less<>> kNames = {
      {"ae", "UAE"},          {"ar", "Argentina"},   {"at", "Austria"},
      {"au", "Australia"},    {"be", "Belgium"},     {"br", "Brazil"},
      {"ca", "Canada"},       {"ch", "Switzerland"}, {"cn", "China"},
      {"de", "Germany"},      {"dk", "Denmark"},     {"eg", "Egypt"},
      {"es", "Spain"},        {"fi", "Finland"},     {"fr", "France"},
      {"gb", "UK"},           {"gr", "Greece"},      {"hk", "Hong Kong"},
      {"ie", "Ireland"},      {"il", "Israel"},      {"in", "India"},
      {"it", "Italy"},        {"jp", "Japan"},       {"ke", "Kenya"},
      {"kr", "South Korea"},  {"mx", "Mexico"},      {"ng", "Nigeria"},
      {"nl", "Netherlands"},  {"no", "Norway"},      {"nz", "New Zealand"},
      {"pk", "Pakistan"},     {"ph", "Philippines"}, {"pl", "Poland"},
      {"pt", "Portugal"},     {"qa", "Qatar"},       {"ru", "Russia"},
      {"sa", "Saudi Arabia"}, {"se", "Sweden"},      {"sg", "Singapore"},
      {"tr", "Turkey"},       {"tw", "Taiwan"},      {"ua", "Ukraine"},
      {"uk", "UK"},           {"us", "US"},          {"za", "South Africa"},
  };
  const auto it = kNames.find(code);
  if (it != kNames.end()) return it->second;
  std::string upper(code);
  for (char& c : upper) c = static_cast<char>(std::toupper(c));
  return upper;
}

std::string UpperCode(std::string_view code) {
  std::string upper(code);
  for (char& c : upper) c = static_cast<char>(std::toupper(c));
  return upper;
}

// "Sentence case" for a JSON key: "source_diversity" -> "Source diversity".
std::string HumanizeKey(std::string_view key) {
  std::string out;
  for (char c : key) out.push_back(c == '_' || c == '-' ? ' ' : c);
  if (!out.empty()) {
    out[0] =
        static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  }
  return out;
}

std::tm UtcTm(UnixSeconds t) {
  const std::time_t time = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&time, &tm);
  return tm;
}

constexpr const char* kMonthNames[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr const char* kDayNames[] = {"Sunday",    "Monday",   "Tuesday",
                                     "Wednesday", "Thursday", "Friday",
                                     "Saturday"};

// "30 Nov 2026, 14:07 UTC".
std::string FormatDateTime(UnixSeconds t) {
  const std::tm tm = UtcTm(t);
  return fmt::format("{} {:.3} {}, {:02d}:{:02d} UTC", tm.tm_mday,
                     kMonthNames[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
                     tm.tm_min);
}

// "Monday, 30 November 2026".
std::string FormatLongDate(UnixSeconds t) {
  const std::tm tm = UtcTm(t);
  return fmt::format("{}, {} {} {}", kDayNames[tm.tm_wday], tm.tm_mday,
                     kMonthNames[tm.tm_mon], tm.tm_year + 1900);
}

// "81 sec", "3 min": seconds below two minutes, where "1 min" would hide
// the difference a summary makes.
std::string FormatReadingTime(int seconds) {
  if (seconds < 2 * kSecondsPerMinute) return fmt::format("{} sec", seconds);
  const int minutes = (seconds + kSecondsPerMinute / 2) / kSecondsPerMinute;
  return fmt::format("{} min", minutes);
}

std::string FormatScore(double score) {
  return fmt::format("{:.0f}", std::clamp(score, 0.0, 100.0));
}

std::string FormatJsonNumber(double v) {
  if (std::abs(v - std::round(v)) < 1e-9) return fmt::format("{:.0f}", v);
  return fmt::format("{:.2f}", v);
}

std::string JsonScalarText(const nlohmann::json& v) {
  if (v.is_number()) return FormatJsonNumber(v.get<double>());
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "–";
  return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Rows of a score breakdown: the JSON object's members (one level of
// nesting flattened as "parent › child"); nothing when it is not an object.
mustache::data BreakdownRows(std::string_view json, bool* any) {
  mustache::data rows = List();
  *any = false;
  if (json.empty()) return rows;
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return rows;
  // A breakdown is a handful of factors; cap what a corrupt row can cost.
  constexpr std::size_t kMaxRows = 40;
  std::size_t count = 0;
  auto add = [&](const std::string& name, const std::string& value) {
    if (count++ >= kMaxRows) return;
    mustache::data row = Obj();
    row.set("name", Str(name));
    row.set("value", Str(value));
    rows.push_back(row);
    *any = true;
  };
  for (const auto& [key, value] : parsed.items()) {
    if (value.is_object()) {
      for (const auto& [sub_key, sub_value] : value.items()) {
        add(HumanizeKey(key) + " › " + HumanizeKey(sub_key),
            JsonScalarText(sub_value));
      }
    } else if (value.is_array()) {
      std::string joined;
      for (const auto& item : value) {
        if (!joined.empty()) joined += ", ";
        joined += JsonScalarText(item);
      }
      add(HumanizeKey(key), joined);
    } else {
      add(HumanizeKey(key), JsonScalarText(value));
    }
  }
  return rows;
}

mustache::data ScoreBox(std::string label, double score,
                        std::string_view breakdown_json) {
  mustache::data box = Obj();
  box.set("label", std::move(label));
  box.set("value", FormatScore(score));
  box.set("percent", FormatScore(score));
  bool any = false;
  box.set("rows", BreakdownRows(breakdown_json, &any));
  box.set("has_rows", any);
  return box;
}

// The store-reading half of a request: lookups cached for its lifetime.
class PageBuilder {
 public:
  explicit PageBuilder(const RequestContext& ctx) : ctx_(ctx) {}

  Result<const model::Publisher*> Publisher(model::Id id) {
    auto it = publishers_.find(id);
    if (it == publishers_.end()) {
      std::optional<model::Publisher> p;
      if (id != 0) {
        TIDINGS_ASSIGN_OR_RETURN(p, ctx_.store.GetPublisher(id));
      }
      it = publishers_.emplace(id, std::move(p)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

  // The publisher's display name for an article.
  Result<std::string> PublisherName(const model::Article& a) {
    TIDINGS_ASSIGN_OR_RETURN(const model::Publisher* p,
                             Publisher(a.publisher_id));
    if (p != nullptr && !p->name.empty()) return p->name;
    if (!a.site_name.empty()) return a.site_name;
    if (p != nullptr && !p->host.empty()) return p->host;
    return a.publisher_host;
  }

  Result<std::optional<model::Story>> Story(model::Id id) {
    auto it = stories_.find(id);
    if (it == stories_.end()) {
      std::optional<model::Story> s;
      TIDINGS_ASSIGN_OR_RETURN(s, ctx_.store.GetStory(id));
      it = stories_.emplace(id, std::move(s)).first;
    }
    return it->second;
  }

  // A publisher's rank among the scored publishers of its country, as
  // (rank, total); nullopt when it has no score or no country.
  Result<std::optional<std::pair<int, int>>> Rank(const model::Publisher& p) {
    if (p.score <= 0 || p.country.empty()) {
      return std::optional<std::pair<int, int>>();
    }
    if (!all_publishers_) {
      TIDINGS_ASSIGN_OR_RETURN(all_publishers_, ctx_.store.ListPublishers());
    }
    int rank = 1;
    int total = 0;
    for (const model::Publisher& other : *all_publishers_) {
      if (other.country != p.country || other.score <= 0) continue;
      ++total;
      if (other.id != p.id && (other.score > p.score ||
                               (other.score == p.score && other.id < p.id))) {
        ++rank;
      }
    }
    return std::optional<std::pair<int, int>>(std::make_pair(rank, total));
  }

  // The card partial's data for one article.
  Result<mustache::data> Card(const model::Article& a, bool is_lead) {
    mustache::data card = Obj();
    card.set("id", std::to_string(a.id));
    card.set("title", Str(a.title.empty() ? "(untitled)" : a.title));
    TIDINGS_ASSIGN_OR_RETURN(std::string publisher, PublisherName(a));
    card.set("publisher", Str(publisher));
    card.set("publisher_id", std::to_string(a.publisher_id));
    const UnixSeconds t = ArticleTime(a);
    card.set("iso", FormatIso8601(t));
    card.set("date", FormatDateTime(t));
    card.set("relative", FormatRelative(t, ctx_.now));
    card.set("is_lead", is_lead);
    if (const std::string snippet = ArticleSnippet(a, kSnippetChars);
        !snippet.empty()) {
      card.set("snippet", Str(snippet));
    }
    if (!a.category.empty()) {
      card.set("category", Str(a.category));
      card.set("category_q", UrlEncode(a.category));
    }
    if (!a.country.empty()) {
      card.set("edition_code", UpperCode(Str(a.country)));
      card.set("edition", CountryName(Str(a.country)));
    }
    if (a.story_id != 0) {
      TIDINGS_ASSIGN_OR_RETURN(std::optional<model::Story> story,
                               Story(a.story_id));
      if (story && story->publisher_count > 1) {
        card.set("story_id", std::to_string(a.story_id));
        card.set("coverage",
                 fmt::format("Full coverage: {} articles from {} publishers",
                             story->article_count, story->publisher_count));
      }
    }
    return card;
  }

  Result<mustache::data> Cards(const std::vector<model::Article>& articles,
                               std::size_t count, bool first_is_lead) {
    mustache::data list = List();
    for (std::size_t i = 0; i < articles.size() && i < count; ++i) {
      TIDINGS_ASSIGN_OR_RETURN(mustache::data card,
                               Card(articles[i], first_is_lead && i == 0));
      list.push_back(card);
    }
    return list;
  }

 private:
  const RequestContext& ctx_;
  std::map<model::Id, std::optional<model::Publisher>> publishers_;
  std::map<model::Id, std::optional<model::Story>> stories_;
  std::optional<std::vector<model::Publisher>> all_publishers_;
};

// Which navigation tab a page belongs to.
enum class Nav { kNone, kLatest, kStories, kPublishers };

struct PageSpec {
  int status = 200;
  std::string title;  // Empty for the site name alone.
  std::string_view body_template;
  Nav nav = Nav::kNone;
  std::string query;  // Echoed in the masthead search box.
  std::string description;
};

Response RenderPage(const RequestContext& ctx, const PageSpec& spec,
                    mustache::data data) {
  const std::string& site = ctx.options.site_name;
  data.set("site_name", Str(site));
  data.set("page_title",
           Str(spec.title.empty() ? site : spec.title + " · " + site));
  data.set("css_version", Site::StyleVersion());
  data.set("rendered_iso", FormatIso8601(ctx.now));
  data.set("rendered_at", FormatDateTime(ctx.now));
  data.set("nav_latest", spec.nav == Nav::kLatest);
  data.set("nav_stories", spec.nav == Nav::kStories);
  data.set("nav_publishers", spec.nav == Nav::kPublishers);
  data.set("query", Str(spec.query));
  if (!spec.description.empty()) {
    data.set("meta_description", Str(spec.description));
  }
  const std::string_view body = spec.body_template;
  data.set("content", mustache::partial([body] { return std::string(body); }));
  data.set("card",
           mustache::partial([] { return std::string(templates::kCard); }));
  data.set("pager",
           mustache::partial([] { return std::string(templates::kPager); }));
  data.set("scorebox",
           mustache::partial([] { return std::string(templates::kScoreBox); }));
  mustache::mustache layout{std::string(templates::kLayout)};
  Response response;
  response.status = spec.status;
  response.body = layout.render(data);
  if (!layout.is_valid()) {
    // Our own templates are fixed text; this is a programming error.
    spdlog::error("web: template error: {}", layout.error_message());
    response.status = 500;
    response.body = "internal error: template";
    response.content_type = "text/plain; charset=utf-8";
  }
  return response;
}

Response NotFoundPage(const RequestContext& ctx, std::string message) {
  mustache::data data = Obj();
  data.set("message", Str(message));
  return RenderPage(ctx,
                    {.status = 404,
                     .title = "Page not found",
                     .body_template = templates::kNotFound,
                     .nav = Nav::kNone,
                     .query = std::string(),
                     .description = std::string()},
                    std::move(data));
}

Response ErrorPage(const RequestContext& ctx, int status, std::string heading,
                   std::string message) {
  mustache::data data = Obj();
  data.set("status", std::to_string(status));
  data.set("heading", Str(heading));
  data.set("message", Str(message));
  return RenderPage(ctx,
                    {.status = status,
                     .title = heading,
                     .body_template = templates::kError,
                     .nav = Nav::kNone,
                     .query = std::string(),
                     .description = std::string()},
                    std::move(data));
}

// Reads ?page=N (1-based). nullopt when it is not a usable page number.
std::optional<int> PageParam(const QueryParams& query, int max_page) {
  const auto it = query.find("page");
  if (it == query.end() || it->second.empty()) return 1;
  const std::optional<std::int64_t> page = ParsePositiveId(it->second);
  if (!page || *page > max_page) return std::nullopt;
  return static_cast<int>(*page);
}

// Pager data: links keep the other parameters.
void SetPager(mustache::data* data, std::string_view path,
              const QueryParams& query, int page, bool has_next) {
  auto href = [&](int p) {
    std::string out(path);
    char sep = '?';
    for (const auto& [name, value] : query) {
      if (name == "page") continue;
      out += sep + UrlEncode(name) + "=" + UrlEncode(value);
      sep = '&';
    }
    if (p > 1) out += sep + std::string("page=") + std::to_string(p);
    return out;
  };
  data->set("has_pager", page > 1 || has_next);
  data->set("page", std::to_string(page));
  if (page > 1) data->set("prev_href", href(page - 1));
  if (has_next) data->set("next_href", href(page + 1));
}

std::string ParamOr(const QueryParams& query, const std::string& name) {
  const auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

Result<Response> HomePage(const RequestContext& ctx, const QueryParams& query) {
  const std::optional<int> page = PageParam(query, ctx.options.max_page);
  if (!page) return NotFoundPage(ctx, "There is no such page of articles.");
  const int page_size = ctx.options.page_size;
  store::ArticleQuery q;
  q.limit = page_size + 1;  // One more tells whether there is a next page.
  q.offset = (*page - 1) * page_size;
  q.country = ParamOr(query, "country");
  q.category = ParamOr(query, "category");
  q.with_body = true;  // Teasers fall back to the first paragraph.
  TIDINGS_ASSIGN_OR_RETURN(std::vector<model::Article> articles,
                           ctx.store.ListArticles(q));
  PageBuilder builder(ctx);
  const bool has_next = static_cast<int>(articles.size()) > page_size;
  mustache::data data = Obj();
  TIDINGS_ASSIGN_OR_RETURN(
      mustache::data cards,
      builder.Cards(articles, static_cast<std::size_t>(page_size), *page == 1));
  data.set("articles", cards);
  SetPager(&data, "/", query, *page, has_next);

  std::string heading = "Latest news";
  std::string filter;
  if (!q.category.empty()) filter = q.category;
  if (!q.country.empty()) {
    filter +=
        (filter.empty() ? "" : " · ") + CountryName(q.country) + " edition";
  }
  if (!filter.empty()) {
    heading = "Latest: " + filter;
    data.set("filter_label", Str(filter));
  }
  data.set("heading", Str(heading));
  data.set("dateline", FormatLongDate(ctx.now));

  TIDINGS_ASSIGN_OR_RETURN(std::vector<model::Story> stories,
                           ctx.store.ListStories(kSidebarStoriesScanned, 0));
  mustache::data story_list = List();
  int shown = 0;
  for (const model::Story& s : stories) {
    if (s.article_count < 2 || shown >= kSidebarStories) continue;
    mustache::data item = Obj();
    item.set("id", std::to_string(s.id));
    item.set("headline", Str(s.headline.empty() ? "(untitled)" : s.headline));
    item.set("article_count", std::to_string(s.article_count));
    item.set("publisher_count", std::to_string(s.publisher_count));
    story_list.push_back(item);
    ++shown;
  }
  data.set("stories", story_list);
  data.set("has_stories", shown > 0);

  std::set<std::string> categories;
  for (const model::Article& a : articles) {
    if (!a.category.empty()) categories.insert(a.category);
  }
  mustache::data category_list = List();
  for (const std::string& c : categories) {
    mustache::data item = Obj();
    item.set("name", Str(c));
    item.set("q", UrlEncode(c));
    category_list.push_back(item);
  }
  data.set("categories", category_list);
  data.set("has_categories", !categories.empty());

  return RenderPage(
      ctx,
      {.status = 200,
       .title = *page > 1 ? fmt::format("{} – page {}", heading, *page)
                          : std::string(),
       .body_template = templates::kHome,
       .nav = Nav::kLatest,
       .query = std::string(),
       .description = "The latest news from many publishers."},
      std::move(data));
}

// The article's main text as HTML: its sanitized html, else its
// paragraphs.
std::string BodyHtml(const model::Article& a) {
  if (!a.html.empty()) {
    std::string html = SanitizeHtml(a.html);
    if (!html.empty()) return html;
  }
  std::string out;
  for (const std::string& p : a.paragraphs) {
    if (p.empty()) continue;
    out += "<p>" + EscapeHtml(ValidUtf8(p)) + "</p>\n";
  }
  if (out.empty()) {
    out =
        "<p class=\"muted\">The text of this article could not be "
        "extracted; read it at the publisher.</p>";
  }
  return out;
}

// What makes two articles of a story the same piece for a reader: the same
// canonical URL, the same headline (case and spacing aside), or the same
// text (content hash). Tagged so the kinds never collide.
std::vector<std::string> CopyKeys(const model::Article& a) {
  std::vector<std::string> keys;
  if (!a.canonical_url.empty()) keys.push_back("u:" + a.canonical_url);
  std::string title;
  bool space = false;
  for (char c : a.title) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !title.empty();
      continue;
    }
    if (space) title.push_back(' ');
    space = false;
    title.push_back(
        static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (!title.empty()) keys.push_back("t:" + title);
  if (a.content_hash != 0) {
    keys.push_back("h:" + std::to_string(a.content_hash));
  }
  return keys;
}

Result<Response> ArticlePage(const RequestContext& ctx, model::Id id) {
  TIDINGS_ASSIGN_OR_RETURN(std::optional<model::Article> found,
                           ctx.store.GetArticle(id));
  if (!found) return NotFoundPage(ctx, "There is no article with that id.");
  const model::Article& a = *found;
  PageBuilder builder(ctx);
  mustache::data data = Obj();
  const std::string title = a.title.empty() ? "(untitled)" : a.title;
  data.set("title", Str(title));
  TIDINGS_ASSIGN_OR_RETURN(std::string publisher, builder.PublisherName(a));
  data.set("publisher", Str(publisher));
  data.set("publisher_id", std::to_string(a.publisher_id));
  const UnixSeconds t = ArticleTime(a);
  data.set("iso", FormatIso8601(t));
  data.set("date", FormatDateTime(t));
  if (!a.byline.empty()) data.set("byline", Str(a.byline));
  if (!a.category.empty()) {
    data.set("category", Str(a.category));
    data.set("category_q", UrlEncode(a.category));
  }
  if (!a.country.empty()) {
    data.set("edition", CountryName(Str(a.country)));
    data.set("edition_code_q", UrlEncode(a.country));
  }
  if (!a.description.empty() &&
      (a.paragraphs.empty() || a.paragraphs.front() != a.description)) {
    data.set("standfirst", Str(a.description));
  }
  if (a.summary_reading_seconds > 0 && a.original_reading_seconds > 0) {
    data.set("reading", true);
    data.set("summary_time", FormatReadingTime(a.summary_reading_seconds));
    data.set("original_time", FormatReadingTime(a.original_reading_seconds));
  }

  mustache::data summary = List();
  for (const model::SummarySentence& s : a.summary) {
    mustache::data item = Obj();
    item.set("text", Str(s.text));
    summary.push_back(item);
  }
  data.set("summary", summary);
  data.set("has_summary", !a.summary.empty());
  mustache::data lead = List();
  std::size_t lead_count = 0;
  for (const std::string& p : a.paragraphs) {
    if (p.empty() || lead_count >= kLeadParagraphs) continue;
    mustache::data item = Obj();
    item.set("text", Str(p));
    lead.push_back(item);
    ++lead_count;
  }
  data.set("lead_paragraphs", lead);
  // "In brief" only helps when the full text is longer than the brief.
  data.set("has_lead", lead_count > 0 && a.paragraphs.size() > lead_count);
  data.set("body_html", BodyHtml(a));
  if (std::string url = SafeExternalUrl(a.url); !url.empty()) {
    data.set("original_url", Str(url));
  }

  // Scores.
  TIDINGS_ASSIGN_OR_RETURN(const model::Publisher* pub,
                           builder.Publisher(a.publisher_id));
  bool has_scores = false;
  if (a.score > 0 || !a.score_breakdown_json.empty()) {
    data.set("article_score",
             ScoreBox("Article quality", a.score, a.score_breakdown_json));
    has_scores = true;
  }
  if (pub != nullptr && pub->score > 0) {
    data.set("publisher_score", ScoreBox("Publisher score", pub->score,
                                         pub->score_breakdown_json));
    has_scores = true;
    TIDINGS_ASSIGN_OR_RETURN(auto rank, builder.Rank(*pub));
    if (rank) {
      data.set("rank", std::to_string(rank->first));
      data.set("rank_total", std::to_string(rank->second));
      data.set("rank_country", CountryName(Str(pub->country)));
    }
  }
  data.set("has_scores", has_scores);
  if (pub != nullptr && !pub->host.empty()) data.set("host", Str(pub->host));
  if (a.word_count > 0) {
    data.set("word_count", std::to_string(a.word_count));
    if (!a.language.empty()) data.set("language", Str(a.language));
  }

  // Similar coverage: the same story from other publishers, one article
  // each, no repeats of the same page or headline.
  mustache::data similar = List();
  std::size_t similar_count = 0;
  if (a.story_id != 0) {
    store::ArticleQuery q;
    q.story_id = a.story_id;
    q.limit = kStoryArticlesLimit;
    TIDINGS_ASSIGN_OR_RETURN(std::vector<model::Article> others,
                             ctx.store.ListArticles(q));
    std::set<model::Id> seen_publishers = {a.publisher_id};
    std::set<std::string> seen_keys;
    for (std::string& key : CopyKeys(a)) seen_keys.insert(std::move(key));
    for (const model::Article& o : others) {
      if (similar_count >= kSimilarShown) break;
      if (o.id == a.id || seen_publishers.count(o.publisher_id) > 0) continue;
      const std::vector<std::string> keys = CopyKeys(o);
      if (std::any_of(keys.begin(), keys.end(), [&](const std::string& k) {
            return seen_keys.count(k) > 0;
          })) {
        continue;
      }
      seen_publishers.insert(o.publisher_id);
      seen_keys.insert(keys.begin(), keys.end());
      mustache::data item = Obj();
      item.set("id", std::to_string(o.id));
      item.set("title", Str(o.title.empty() ? "(untitled)" : o.title));
      TIDINGS_ASSIGN_OR_RETURN(std::string name, builder.PublisherName(o));
      item.set("publisher", Str(name));
      item.set("relative", FormatRelative(ArticleTime(o), ctx.now));
      similar.push_back(item);
      ++similar_count;
    }
    data.set("story_href", "/story/" + std::to_string(a.story_id));
  }
  data.set("similar", similar);
  data.set("has_similar", similar_count > 0);

  return RenderPage(ctx,
                    {.status = 200,
                     .title = title,
                     .body_template = templates::kArticle,
                     .nav = Nav::kNone,
                     .query = std::string(),
                     .description = ArticleSnippet(a, kSnippetChars)},
                    std::move(data));
}

Result<Response> StoryPage(const RequestContext& ctx, model::Id id) {
  TIDINGS_ASSIGN_OR_RETURN(std::optional<model::Story> found,
                           ctx.store.GetStory(id));
  if (!found) return NotFoundPage(ctx, "There is no story with that id.");
  const model::Story& story = *found;
  PageBuilder builder(ctx);
  store::ArticleQuery q;
  q.story_id = story.id;
  q.limit = kStoryArticlesLimit;
  TIDINGS_ASSIGN_OR_RETURN(std::vector<model::Article> articles,
                           ctx.store.ListArticles(q));
  std::sort(articles.begin(), articles.end(),
            [](const model::Article& x, const model::Article& y) {
              const UnixSeconds tx = ArticleTime(x);
              const UnixSeconds ty = ArticleTime(y);
              return tx != ty ? tx < ty : x.id < y.id;
            });
  const model::Id first_id = story.first_article_id != 0
                                 ? story.first_article_id
                                 : (articles.empty() ? 0 : articles[0].id);

  mustache::data data = Obj();
  const std::string headline =
      story.headline.empty() ? "(untitled story)" : story.headline;
  data.set("headline", Str(headline));
  if (!story.category.empty()) {
    data.set("category", Str(story.category));
    data.set("category_q", UrlEncode(story.category));
  }
  std::map<model::Id, const model::Article*> by_id;
  std::map<model::Id, int> per_publisher;
  // Copies of one text (a wire story on several sites, one page under two
  // URLs) are one entry of the timeline, at its earliest appearance, with
  // the other places it ran listed as "also at".
  std::vector<const model::Article*> entries;
  std::map<const model::Article*, std::vector<const model::Article*>> copies;
  std::map<std::string, const model::Article*> entry_by_key;
  for (const model::Article& a : articles) {
    by_id[a.id] = &a;
    ++per_publisher[a.publisher_id];
    const std::vector<std::string> keys = CopyKeys(a);
    const model::Article* entry = nullptr;
    for (const std::string& key : keys) {
      auto it = entry_by_key.find(key);
      if (it != entry_by_key.end()) {
        entry = it->second;
        break;
      }
    }
    if (entry != nullptr) {
      copies[entry].push_back(&a);
    } else {
      entries.push_back(&a);
      entry = &a;
    }
    for (const std::string& key : keys) entry_by_key.emplace(key, entry);
  }
  mustache::data timeline = List();
  for (const model::Article* entry : entries) {
    const model::Article& a = *entry;
    mustache::data also = List();
    std::set<std::string> also_names;
    TIDINGS_ASSIGN_OR_RETURN(std::string entry_name, builder.PublisherName(a));
    for (const model::Article* copy : copies[entry]) {
      TIDINGS_ASSIGN_OR_RETURN(std::string name, builder.PublisherName(*copy));
      if (name == entry_name || !also_names.insert(name).second) continue;
      mustache::data item = Obj();
      item.set("id", std::to_string(copy->id));
      item.set("publisher", Str(name));
      also.push_back(item);
    }
    mustache::data item = Obj();
    item.set("has_also", !also_names.empty());
    item.set("also", also);
    item.set("id", std::to_string(a.id));
    item.set("title", Str(a.title.empty() ? "(untitled)" : a.title));
    item.set("publisher", Str(entry_name));
    item.set("publisher_id", std::to_string(a.publisher_id));
    item.set("iso", FormatIso8601(ArticleTime(a)));
    item.set("date", FormatDateTime(ArticleTime(a)));
    bool first = a.id == first_id;
    for (const model::Article* copy : copies[entry]) {
      first = first || copy->id == first_id;
    }
    item.set("first", first);
    timeline.push_back(item);
  }
  data.set("timeline", timeline);
  const int article_count =
      std::max(story.article_count, static_cast<int>(articles.size()));
  const int publisher_count =
      std::max(story.publisher_count, static_cast<int>(per_publisher.size()));
  data.set("article_count", std::to_string(article_count));
  data.set("publisher_count", std::to_string(publisher_count));
  UnixSeconds first_seen = story.first_seen_at;
  if (first_seen == 0 && !articles.empty()) {
    first_seen = ArticleTime(articles.front());
  }
  data.set("first_iso", FormatIso8601(first_seen));
  data.set("first_seen", FormatDateTime(first_seen));
  data.set(
      "updated_relative",
      FormatRelative(std::max(story.last_updated_at, first_seen), ctx.now));

  mustache::data summary = List();
  for (const model::SummarySentence& s : story.summary) {
    mustache::data item = Obj();
    item.set("text", Str(s.text));
    model::Id source =
        s.article_id != 0 ? s.article_id : story.representative_article_id;
    item.set("article_id", std::to_string(source));
    const auto it = by_id.find(source);
    if (it != by_id.end()) {
      TIDINGS_ASSIGN_OR_RETURN(std::string name,
                               builder.PublisherName(*it->second));
      item.set("publisher", Str(name));
    }
    summary.push_back(item);
  }
  data.set("summary", summary);
  data.set("has_summary", !story.summary.empty());

  std::vector<std::pair<std::string, std::pair<model::Id, int>>> publishers;
  for (const auto& [pid, count] : per_publisher) {
    TIDINGS_ASSIGN_OR_RETURN(const model::Publisher* p, builder.Publisher(pid));
    std::string name = p != nullptr ? (p->name.empty() ? p->host : p->name)
                                    : std::string("Unknown publisher");
    publishers.push_back({std::move(name), {pid, count}});
  }
  std::sort(publishers.begin(), publishers.end(),
            [](const auto& x, const auto& y) {
              return x.second.second != y.second.second
                         ? x.second.second > y.second.second
                         : x.first < y.first;
            });
  mustache::data publisher_list = List();
  for (const auto& [name, id_count] : publishers) {
    mustache::data item = Obj();
    item.set("id", std::to_string(id_count.first));
    item.set("name", Str(name));
    item.set("count", id_count.second == 1
                          ? std::string("1 article")
                          : fmt::format("{} articles", id_count.second));
    publisher_list.push_back(item);
  }
  data.set("publishers", publisher_list);

  return RenderPage(ctx,
                    {.status = 200,
                     .title = headline,
                     .body_template = templates::kStory,
                     .nav = Nav::kStories,
                     .query = std::string(),
                     .description = std::string()},
                    std::move(data));
}

Result<Response> StoriesPage(const RequestContext& ctx,
                             const QueryParams& query) {
  const std::optional<int> page = PageParam(query, ctx.options.max_page);
  if (!page) return NotFoundPage(ctx, "There is no such page of stories.");
  const int page_size = ctx.options.page_size;
  TIDINGS_ASSIGN_OR_RETURN(
      std::vector<model::Story> stories,
      ctx.store.ListStories(page_size + 1, (*page - 1) * page_size));
  mustache::data list = List();
  for (std::size_t i = 0;
       i < stories.size() && i < static_cast<std::size_t>(page_size); ++i) {
    const model::Story& s = stories[i];
    mustache::data item = Obj();
    item.set("id", std::to_string(s.id));
    item.set("headline", Str(s.headline.empty() ? "(untitled)" : s.headline));
    item.set("article_count", std::to_string(s.article_count));
    item.set("publisher_count", std::to_string(s.publisher_count));
    const UnixSeconds t = std::max(s.last_updated_at, s.first_seen_at);
    item.set("iso", FormatIso8601(t));
    item.set("relative", FormatRelative(t, ctx.now));
    if (!s.category.empty()) item.set("category", Str(s.category));
    list.push_back(item);
  }
  mustache::data data = Obj();
  data.set("stories", list);
  SetPager(&data, "/stories", query, *page,
           static_cast<int>(stories.size()) > page_size);
  return RenderPage(ctx,
                    {.status = 200,
                     .title = "Stories",
                     .body_template = templates::kStories,
                     .nav = Nav::kStories,
                     .query = std::string(),
                     .description = std::string()},
                    std::move(data));
}

Result<Response> PublisherPage(const RequestContext& ctx, model::Id id,
                               const QueryParams& query) {
  PageBuilder builder(ctx);
  TIDINGS_ASSIGN_OR_RETURN(const model::Publisher* p, builder.Publisher(id));
  if (p == nullptr) {
    return NotFoundPage(ctx, "There is no publisher with that id.");
  }
  const std::optional<int> page = PageParam(query, ctx.options.max_page);
  if (!page) return NotFoundPage(ctx, "There is no such page of articles.");
  const int page_size = ctx.options.page_size;
  store::ArticleQuery q;
  q.publisher_id = id;
  q.limit = page_size + 1;
  q.offset = (*page - 1) * page_size;
  q.with_body = true;
  TIDINGS_ASSIGN_OR_RETURN(std::vector<model::Article> articles,
                           ctx.store.ListArticles(q));
  mustache::data data = Obj();
  const std::string name = p->name.empty() ? p->host : p->name;
  data.set("name", Str(name));
  data.set("host", Str(p->host));
  if (!p->host.empty()) {
    if (std::string url = SafeExternalUrl("https://" + p->host + "/");
        !url.empty()) {
      data.set("site_url", Str(url));
    }
  }
  if (!p->country.empty()) data.set("edition", CountryName(Str(p->country)));
  if (p->score > 0) {
    data.set("publisher_score",
             ScoreBox("Publisher score", p->score, p->score_breakdown_json));
  }
  TIDINGS_ASSIGN_OR_RETURN(auto rank, builder.Rank(*p));
  if (rank) {
    data.set("rank", std::to_string(rank->first));
    data.set("rank_total", std::to_string(rank->second));
    data.set("rank_country", CountryName(Str(p->country)));
  }
  TIDINGS_ASSIGN_OR_RETURN(
      mustache::data cards,
      builder.Cards(articles, static_cast<std::size_t>(page_size), false));
  data.set("articles", cards);
  SetPager(&data, "/publisher/" + std::to_string(id), query, *page,
           static_cast<int>(articles.size()) > page_size);
  return RenderPage(ctx,
                    {.status = 200,
                     .title = name,
                     .body_template = templates::kPublisher,
                     .nav = Nav::kPublishers,
                     .query = std::string(),
                     .description = std::string()},
                    std::move(data));
}

Result<Response> PublishersPage(const RequestContext& ctx) {
  TIDINGS_ASSIGN_OR_RETURN(std::vector<model::Publisher> publishers,
                           ctx.store.ListPublishers());
  std::sort(publishers.begin(), publishers.end(),
            [](const model::Publisher& x, const model::Publisher& y) {
              if (x.score != y.score) return x.score > y.score;
              const std::string& nx = x.name.empty() ? x.host : x.name;
              const std::string& ny = y.name.empty() ? y.host : y.name;
              return nx < ny;
            });
  mustache::data list = List();
  int position = 0;
  for (const model::Publisher& p : publishers) {
    mustache::data item = Obj();
    item.set("position", std::to_string(++position));
    item.set("id", std::to_string(p.id));
    item.set("name", Str(p.name.empty() ? p.host : p.name));
    item.set("host", Str(p.host));
    item.set("edition", p.country.empty() ? std::string("–")
                                          : CountryName(Str(p.country)));
    item.set("score", p.score > 0 ? FormatScore(p.score) : std::string("–"));
    list.push_back(item);
  }
  mustache::data data = Obj();
  data.set("publishers", list);
  data.set("count", std::to_string(publishers.size()));
  return RenderPage(ctx,
                    {.status = 200,
                     .title = "Publishers",
                     .body_template = templates::kPublishers,
                     .nav = Nav::kPublishers,
                     .query = std::string(),
                     .description = std::string()},
                    std::move(data));
}

Result<Response> SearchPage(const RequestContext& ctx,
                            const QueryParams& query) {
  // Longer queries are cut; nobody types more, and it bounds the FTS work.
  constexpr std::size_t kMaxQueryBytes = 200;
  std::string q = Truncate(ParamOr(query, "q"), kMaxQueryBytes);
  const std::string expression = SearchExpression(q);
  const std::optional<int> page = PageParam(query, ctx.options.max_page);
  if (!page) return NotFoundPage(ctx, "There is no such page of results.");
  mustache::data data = Obj();
  std::vector<model::Article> articles;
  const int page_size = ctx.options.page_size;
  if (!expression.empty()) {
    store::ArticleQuery aq;
    aq.text = expression;
    aq.limit = page_size + 1;
    aq.offset = (*page - 1) * page_size;
    aq.with_body = true;
    TIDINGS_ASSIGN_OR_RETURN(articles, ctx.store.ListArticles(aq));
    if (articles.empty()) {
      data.set("result_text", Str(fmt::format("No articles match “{}”.", q)));
    } else {
      data.set("result_text",
               Str(fmt::format("Articles matching “{}”, best first.", q)));
    }
  }
  PageBuilder builder(ctx);
  TIDINGS_ASSIGN_OR_RETURN(
      mustache::data cards,
      builder.Cards(articles, static_cast<std::size_t>(page_size), false));
  data.set("articles", cards);
  SetPager(&data, "/search", query, *page,
           static_cast<int>(articles.size()) > page_size);
  return RenderPage(
      ctx,
      {.status = 200,
       .title = q.empty() ? std::string("Search") : "Search: " + q,
       .body_template = templates::kSearch,
       .nav = Nav::kNone,
       .query = q,
       .description = std::string()},
      std::move(data));
}

Response TextResponse(std::string route, std::string content_type,
                      std::string body, std::string cache_control) {
  Response r;
  r.route = std::move(route);
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  r.cache_control = std::move(cache_control);
  return r;
}

// Splits "/article/42" into ("/article/", "42") when `path` has `prefix`.
std::optional<std::string_view> After(std::string_view path,
                                      std::string_view prefix) {
  if (path.size() <= prefix.size() || path.substr(0, prefix.size()) != prefix) {
    return std::nullopt;
  }
  return path.substr(prefix.size());
}

Result<Response> Route(const RequestContext& ctx, const Target& target,
                       const Metrics* metrics) {
  const std::string& path = target.path;
  const QueryParams& query = target.query;
  Response response;
  if (path == "/" || path == "/index.html") {
    TIDINGS_ASSIGN_OR_RETURN(response, HomePage(ctx, query));
    response.route = "/";
  } else if (auto id_text = After(path, "/article/")) {
    const std::optional<model::Id> id = ParsePositiveId(*id_text);
    if (!id) return NotFoundPage(ctx, "There is no article with that id.");
    TIDINGS_ASSIGN_OR_RETURN(response, ArticlePage(ctx, *id));
    response.route = "/article/:id";
  } else if (auto story_text = After(path, "/story/")) {
    const std::optional<model::Id> id = ParsePositiveId(*story_text);
    if (!id) return NotFoundPage(ctx, "There is no story with that id.");
    TIDINGS_ASSIGN_OR_RETURN(response, StoryPage(ctx, *id));
    response.route = "/story/:id";
  } else if (path == "/stories") {
    TIDINGS_ASSIGN_OR_RETURN(response, StoriesPage(ctx, query));
    response.route = "/stories";
  } else if (auto publisher_text = After(path, "/publisher/")) {
    const std::optional<model::Id> id = ParsePositiveId(*publisher_text);
    if (!id) return NotFoundPage(ctx, "There is no publisher with that id.");
    TIDINGS_ASSIGN_OR_RETURN(response, PublisherPage(ctx, *id, query));
    response.route = "/publisher/:id";
  } else if (path == "/publishers") {
    TIDINGS_ASSIGN_OR_RETURN(response, PublishersPage(ctx));
    response.route = "/publishers";
  } else if (path == "/search") {
    TIDINGS_ASSIGN_OR_RETURN(response, SearchPage(ctx, query));
    response.route = "/search";
  } else if (path == "/static/style.css") {
    // Versioned URLs never change; the bare one is revalidated hourly.
    const bool versioned = ParamOr(query, "v") == Site::StyleVersion();
    return TextResponse("/static/style.css", "text/css; charset=utf-8",
                        std::string(templates::kStyleCss),
                        versioned ? "public, max-age=31536000, immutable"
                                  : "public, max-age=3600");
  } else if (path == "/healthz") {
    return TextResponse("/healthz", "text/plain; charset=utf-8", "ok\n",
                        "no-store");
  } else if (path == "/metrics") {
    TIDINGS_ASSIGN_OR_RETURN(store::Stats stats, ctx.store.GetStats());
    return TextResponse(
        "/metrics", "text/plain; version=0.0.4; charset=utf-8",
        metrics != nullptr ? metrics->Render(&stats) : Metrics().Render(&stats),
        "no-store");
  } else if (path == "/feed.xml" || path == "/rss.xml") {
    return internal::HandleRss(ctx);
  } else if (path == "/atom.xml") {
    return internal::HandleAtom(ctx);
  } else if (path == "/api" || path.rfind("/api/", 0) == 0) {
    return internal::HandleApi(ctx, path, query);
  } else {
    response = NotFoundPage(
        ctx, "The page you asked for does not exist or has moved.");
  }
  if (response.route.empty()) response.route = "404";
  return response;
}

}  // namespace

Site::Site(SiteOptions options, const Metrics* metrics)
    : options_(std::move(options)), metrics_(metrics) {
  if (options_.page_size <= 0) options_.page_size = SiteOptions().page_size;
  if (options_.feed_items <= 0) options_.feed_items = SiteOptions().feed_items;
  if (options_.api_max_limit <= 0) {
    options_.api_max_limit = SiteOptions().api_max_limit;
  }
}

const std::string& Site::StyleVersion() {
  static const std::string version = [] {
    std::string etag = WeakEtag(templates::kStyleCss);
    // W/"0123456789abcdef" -> 01234567.
    constexpr std::size_t kPrefix = 3;
    constexpr std::size_t kDigits = 8;
    return etag.substr(kPrefix, kDigits);
  }();
  return version;
}

Response Site::Handle(const Request& request, store::Store& store) const {
  const Clock& clock =
      options_.clock != nullptr ? *options_.clock : SystemClock();
  std::string base_url = options_.base_url;
  while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
  if (base_url.empty()) {
    // The Host header is client-controlled; keep only characters a host
    // and port can have so a link can never break out of its attribute.
    std::string host;
    for (char c : request.host) {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
          c == ':' || c == '[' || c == ']') {
        host.push_back(c);
      }
    }
    base_url = "http://" + (host.empty() ? std::string("localhost") : host);
  }
  RequestContext ctx{store, options_, clock.Now(), std::move(base_url)};
  const Target target = ParseTarget(request.target);
  Result<Response> result = Route(ctx, target, metrics_);
  if (result.ok()) {
    Response response = std::move(result).value();
    if (response.route.empty()) response.route = "404";
    return response;
  }
  spdlog::error("web: {} {}: {}", request.method, request.target,
                result.status().message());
  Response response;
  if (target.path.rfind("/api/", 0) == 0) {
    response.status = 500;
    response.content_type = "application/json";
    response.body = R"({"error":"internal error"})";
  } else {
    response = ErrorPage(ctx, 500, "Something went wrong",
                         "The news could not be loaded just now. Please try "
                         "again in a moment.");
  }
  response.route = "500";
  response.cache_control = "no-store";
  return response;
}

}  // namespace tidings::web
