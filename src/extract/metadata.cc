#include "extract/metadata.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <utility>

#include "base/date.h"
#include "base/time_format.h"
#include "base/url.h"
#include "extract/text_util.h"

namespace tidings::extract {
namespace {

using Json = nlohmann::json;

// JSON-LD nesting deeper than this is not an article description.
constexpr int kMaxJsonDepth = 12;
// Texts of date-like elements longer than this are paragraphs, not dates.
constexpr std::size_t kMaxDateElementText = 120;
// How many date-like elements are examined at most.
constexpr std::size_t kMaxDateElements = 40;
// Free-text date search reads at most this much of the page.
constexpr std::size_t kMaxTextSearch = 64 * 1024;
// A byline longer than this is a paragraph that happens to carry a class.
constexpr std::size_t kMaxBylineBytes = 120;

std::string JsonString(const Json& value) {
  if (value.is_string()) return Collapse(value.get_ref<const std::string&>());
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  return {};
}

// A name from a string, an object with "name", or the first of an array.
std::string JsonName(const Json& value, int depth = 0) {
  if (depth > 3) return {};
  if (value.is_string()) return JsonString(value);
  if (value.is_object()) {
    auto it = value.find("name");
    if (it != value.end()) return JsonName(*it, depth + 1);
    return {};
  }
  if (value.is_array() && !value.empty()) return JsonName(value[0], depth + 1);
  return {};
}

// An image URL from a string, an ImageObject ("url"/"contentUrl") or an
// array.
std::string JsonImage(const Json& value, int depth = 0) {
  if (depth > 3) return {};
  if (value.is_string()) return JsonString(value);
  if (value.is_object()) {
    for (const char* key : {"url", "contentUrl", "@id"}) {
      auto it = value.find(key);
      if (it != value.end() && it->is_string()) return JsonString(*it);
    }
    return {};
  }
  if (value.is_array() && !value.empty()) return JsonImage(value[0], depth + 1);
  return {};
}

// How article-like a schema.org @type is: 3 news, 2 article/blog, 1 page.
int TypeRank(const Json& type) {
  auto rank_of = [](const std::string& t) {
    if (t == "NewsArticle" || t == "ReportageNewsArticle" ||
        t == "AnalysisNewsArticle" || t == "OpinionNewsArticle" ||
        t == "BackgroundNewsArticle" || t == "ReviewNewsArticle" ||
        t == "LiveBlogPosting") {
      return 3;
    }
    if (t == "Article" || t == "BlogPosting" || t == "Report" ||
        t == "ScholarlyArticle" || t == "TechArticle" ||
        t == "SocialMediaPosting" || t == "Blog" || t == "Review" ||
        t == "Recipe" || t == "DiscussionForumPosting") {
      return 2;
    }
    if (t == "WebPage" || t == "ItemPage" || t == "CreativeWork" ||
        t == "AboutPage" || t == "CollectionPage") {
      return 1;
    }
    return 0;
  };
  if (type.is_string()) return rank_of(type.get_ref<const std::string&>());
  int best = 0;
  if (type.is_array()) {
    for (const Json& t : type) {
      if (t.is_string()) {
        best = std::max(best, rank_of(t.get_ref<const std::string&>()));
      }
    }
  }
  return best;
}

void CollectCandidates(const Json& value, int depth,
                       std::vector<std::pair<int, const Json*>>* out,
                       std::string* publisher) {
  if (depth > kMaxJsonDepth) return;
  if (value.is_array()) {
    for (const Json& item : value) {
      CollectCandidates(item, depth + 1, out, publisher);
    }
    return;
  }
  if (!value.is_object()) return;
  auto type = value.find("@type");
  if (type != value.end()) {
    int rank = TypeRank(*type);
    if (rank > 0) out->push_back({rank, &value});
    if (publisher->empty() && type->is_string() &&
        (*type == "Organization" || *type == "NewsMediaOrganization" ||
         *type == "WebSite")) {
      auto name = value.find("name");
      if (name != value.end()) *publisher = JsonString(*name);
    }
  }
  auto graph = value.find("@graph");
  if (graph != value.end())
    CollectCandidates(*graph, depth + 1, out, publisher);
  auto main = value.find("mainEntity");
  if (main != value.end() && main->is_object()) {
    CollectCandidates(*main, depth + 1, out, publisher);
  }
}

std::string Field(const Json& object, const char* key) {
  auto it = object.find(key);
  return it == object.end() ? std::string() : JsonString(*it);
}

bool IsUrlLike(std::string_view s) {
  return StartsWithLower(s, "http://") || StartsWithLower(s, "https://") ||
         StartsWithLower(s, "//") || StartsWithLower(s, "/");
}

// "By Jane Doe" → "Jane Doe"; also "Von", "Par", "Por", "Di".
std::string CleanByline(std::string_view text) {
  std::string s = Collapse(text);
  for (std::string_view prefix :
       {"by ", "von ", "par ", "por ", "di ", "door ", "av ",
        "text: ", "author: ", "autor: ", "written by ", "posted by "}) {
    if (StartsWithLower(s, prefix)) {
      s.erase(0, prefix.size());
      break;
    }
  }
  if (s.size() > kMaxBylineBytes) return {};
  return std::string(Trim(s));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int Digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!IsDigit(s[pos + i])) return -1;
    v = v * 10 + (s[pos + i] - '0');
  }
  return v;
}

bool ValidYmd(int y, int m, int d) {
  return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

UnixSeconds YmdToSeconds(int y, int m, int d) {
  return static_cast<UnixSeconds>(DaysFromCivil(y, static_cast<unsigned>(m),
                                                static_cast<unsigned>(d))) *
         86400;
}

bool InBounds(UnixSeconds t, const DateBounds& bounds) {
  return t >= bounds.earliest && (bounds.latest == 0 || t <= bounds.latest);
}

// Parses a date string from structured data. When it starts with an ISO
// date, that calendar day is kept as written (a late-evening time with a
// negative offset must not move the day), the time of day is kept too.
std::optional<UnixSeconds> ParseStructuredDate(std::string_view s,
                                               const DateBounds& bounds) {
  s = Trim(s);
  if (s.empty()) return std::nullopt;
  std::optional<UnixSeconds> t = ParseDate(s);
  int y = Digits(s, 0, 4), m = Digits(s, 5, 2), d = Digits(s, 8, 2);
  if (s.size() >= 10 && y > 0 && m > 0 && d > 0 && s[4] == '-' && s[7] == '-' &&
      ValidYmd(y, m, d)) {
    UnixSeconds day = YmdToSeconds(y, m, d);
    // Keep the written day, with the time of day when the parse agrees.
    if (!t || *t < day - 86400 || *t > day + 2 * 86400) {
      t = day;
    } else if (*t < day || *t >= day + 86400) {
      t = day + ((*t % 86400) + 86400) % 86400;
    }
  }
  if (t && InBounds(*t, bounds)) return t;
  return std::nullopt;
}

// Meta names (lower-case) that carry the publication date, best first.
constexpr std::array<std::string_view, 30> kPublishedMeta = {
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "pub_date",
    "article.published",
    "article_date_original",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.created",
    "dcterms.issued",
    "citation_date",
    "citation_publication_date",
    "originalpublicationdate",
    "created",
    "cxenseparse:recs:publishtime",
    "article.created",
    "released",
    "og:pubdate",
    "displaydate",
};

constexpr std::array<std::string_view, 9> kModifiedMeta = {
    "article:modified_time",
    "og:updated_time",
    "og:modified_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "lastmod",
    "last-modified",
    "article.updated",
};

struct MetaTag {
  std::string key;  // lower-case name/property/itemprop/http-equiv
  std::string_view content;
};

// Everything the single metadata pass collects.
struct Collected {
  std::vector<MetaTag> meta;
  std::vector<std::string_view> json_ld;
  std::string title_tag;
  std::string first_h1;
  std::string html_lang;
  std::string canonical;
  std::string image_src;
  std::string microdata_headline;
  std::string microdata_author;
  std::string microdata_published;
  std::string microdata_modified;
  std::string time_published;  // <time> with pubdate/published markers
  std::string time_first;      // first <time datetime> in the body
  std::vector<std::string> date_texts;
  std::string byline_text;
  std::string rel_author;
  bool paywall_marker = false;
};

std::string_view MetaContent(const Collected& c, std::string_view key) {
  for (const MetaTag& m : c.meta) {
    if (m.key == key && !Trim(m.content).empty()) return Trim(m.content);
  }
  return {};
}

bool HasWord(std::string_view lower_attr, std::string_view word) {
  return lower_attr.find(word) != std::string_view::npos;
}

void Collect(const Page& page, Collected* c) {
  const auto& elements = page.elements();
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const ElementInfo& e = elements[i];
    const xmlNode* node = e.node;
    switch (e.tag) {
      case Tag::kHtml:
        if (c->html_lang.empty())
          c->html_lang = std::string(Attr(node, "lang"));
        if (c->html_lang.empty()) {
          c->html_lang = std::string(Attr(node, "xml:lang"));
        }
        break;
      case Tag::kTitle:
        if (c->title_tag.empty()) c->title_tag = TextOf(node);
        break;
      case Tag::kMeta: {
        std::string_view key = Attr(node, "property");
        if (key.empty()) key = Attr(node, "name");
        if (key.empty()) key = Attr(node, "itemprop");
        if (key.empty()) key = Attr(node, "http-equiv");
        std::string_view content = Attr(node, "content");
        if (!key.empty() && !content.empty()) {
          c->meta.push_back({AsciiLowerCopy(Trim(key)), content});
        }
        break;
      }
      case Tag::kLink: {
        std::string_view rel = Attr(node, "rel");
        if (EqualsLower(rel, "canonical") && c->canonical.empty()) {
          c->canonical = std::string(Trim(Attr(node, "href")));
        } else if (EqualsLower(rel, "image_src") && c->image_src.empty()) {
          c->image_src = std::string(Trim(Attr(node, "href")));
        }
        break;
      }
      case Tag::kScript:
        if (ContainsLower(Attr(node, "type"), "ld+json") && node->children) {
          for (const xmlNode* child = node->children; child;
               child = child->next) {
            if (child->type == XML_TEXT_NODE ||
                child->type == XML_CDATA_SECTION_NODE) {
              c->json_ld.push_back(ContentOf(child));
            }
          }
        }
        break;
      case Tag::kH1:
        if (c->first_h1.empty()) c->first_h1 = TextOf(node);
        break;
      case Tag::kTime: {
        std::string_view datetime = Attr(node, "datetime");
        if (datetime.empty()) break;
        bool marked = xmlHasProp(node, BAD_CAST "pubdate") != nullptr ||
                      ContainsLower(Attr(node, "class"), "publish") ||
                      ContainsLower(Attr(node, "class"), "entry-date") ||
                      EqualsLower(Attr(node, "itemprop"), "datepublished");
        if (marked && c->time_published.empty()) {
          c->time_published = std::string(datetime);
        }
        if (c->time_first.empty()) c->time_first = std::string(datetime);
        break;
      }
      case Tag::kA:
        if (c->rel_author.empty() && EqualsLower(Attr(node, "rel"), "author")) {
          c->rel_author = TextOf(node);
        }
        break;
      default:
        break;
    }
    if (!node->properties) continue;
    std::string_view itemprop = Attr(node, "itemprop");
    if (!itemprop.empty() && e.tag != Tag::kMeta) {
      auto value = [&]() {
        for (const char* attr : {"content", "datetime"}) {
          std::string_view v = Attr(node, attr);
          if (!v.empty()) return std::string(v);
        }
        return TextOf(node);
      };
      if (EqualsLower(itemprop, "headline") && c->microdata_headline.empty()) {
        c->microdata_headline = value();
      } else if (EqualsLower(itemprop, "author") &&
                 c->microdata_author.empty()) {
        c->microdata_author = CleanByline(value());
      } else if ((EqualsLower(itemprop, "datepublished") ||
                  EqualsLower(itemprop, "datecreated")) &&
                 c->microdata_published.empty()) {
        c->microdata_published = value();
      } else if (EqualsLower(itemprop, "datemodified") &&
                 c->microdata_modified.empty()) {
        c->microdata_modified = value();
      }
    }
    if (e.tag == Tag::kScript || e.tag == Tag::kStyle || e.tag == Tag::kHead ||
        e.tag == Tag::kMeta || e.tag == Tag::kLink) {
      continue;
    }
    std::string_view cls = Attr(node, "class");
    std::string_view id = Attr(node, "id");
    if (cls.empty() && id.empty()) continue;
    std::string lower = AsciiLowerCopy(cls);
    lower.push_back(' ');
    lower.append(AsciiLowerCopy(id));
    if (HasWord(lower, "paywall") || HasWord(lower, "subscriber-only") ||
        HasWord(lower, "premium-content") || HasWord(lower, "piano-offer")) {
      c->paywall_marker = true;
    }
    if (c->byline_text.empty() &&
        (HasWord(lower, "byline") || HasWord(lower, "author")) &&
        !HasWord(lower, "bio") && !HasWord(lower, "comment") &&
        e.text_bytes > 0 && e.text_bytes < kMaxBylineBytes &&
        e.link_bytes * 2 <= e.text_bytes + 40) {
      c->byline_text = CleanByline(TextOf(node));
      constexpr int kMaxBylineWords = 8;
      if (CountWords(c->byline_text) > kMaxBylineWords) c->byline_text.clear();
    }
    if (c->date_texts.size() < kMaxDateElements && e.text_bytes > 5 &&
        e.text_bytes < kMaxDateElementText &&
        (HasWord(lower, "date") || HasWord(lower, "time") ||
         HasWord(lower, "publish") || HasWord(lower, "posted") ||
         HasWord(lower, "byline") || HasWord(lower, "datum") ||
         HasWord(lower, "meta") || HasWord(lower, "dateline") ||
         HasWord(lower, "info")) &&
        !HasWord(lower, "comment") && !HasWord(lower, "update") &&
        !HasWord(lower, "modif")) {
      c->date_texts.push_back(TextOf(node));
    }
  }
}

std::string Resolve(std::string_view base, std::string_view ref) {
  ref = Trim(ref);
  if (ref.empty()) return {};
  if (base.empty()) return std::string(ref);
  Result<std::string> resolved = ResolveUrl(base, ref);
  return resolved.ok() ? std::move(resolved).value() : std::string(ref);
}

// Splits at the first title separator found from `from`.
constexpr std::array<std::string_view, 9> kTitleSeparators = {
    " | ",        " - ",        " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ",
    " \xC2\xBB ", " \xC2\xB7 ", " // ",           " \xE2\x80\xA2 "};

bool SameText(std::string_view a, std::string_view b) {
  a = Trim(a);
  b = Trim(b);
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

bool ContainsText(std::string_view haystack, std::string_view needle) {
  needle = Trim(needle);
  if (needle.empty()) return false;
  return ContainsLower(haystack, AsciiLowerCopy(needle));
}

}  // namespace

std::string CleanTitle(std::string_view raw, std::string_view site_name) {
  std::string title = Collapse(raw);
  constexpr int kMaxSiteWords = 4;
  constexpr int kMinTitleWords = 3;
  // Strip at most two site/section parts ("Story - Politics - Site").
  for (int round = 0; round < 2; ++round) {
    std::size_t best = std::string::npos;
    std::size_t sep_len = 0;
    // The last separator splits off a suffix; the first a prefix.
    for (std::string_view sep : kTitleSeparators) {
      std::size_t pos = title.rfind(sep);
      if (pos != std::string::npos &&
          (best == std::string::npos || pos > best)) {
        best = pos;
        sep_len = sep.size();
      }
    }
    if (best == std::string::npos) break;
    std::string_view head = std::string_view(title).substr(0, best);
    std::string_view tail = std::string_view(title).substr(best + sep_len);
    if (!site_name.empty() &&
        (SameText(tail, site_name) || ContainsText(tail, site_name))) {
      title = std::string(Trim(head));
      continue;
    }
    if (!site_name.empty() && (SameText(head, site_name))) {
      title = std::string(Trim(tail));
      continue;
    }
    if (CountWords(tail) <= kMaxSiteWords &&
        CountWords(head) >= kMinTitleWords) {
      title = std::string(Trim(head));
      continue;
    }
    break;
  }
  // "Site: Title" when the site is known.
  if (!site_name.empty()) {
    std::string prefix = std::string(Trim(site_name)) + ": ";
    if (StartsWithLower(title, AsciiLowerCopy(prefix))) {
      title.erase(0, prefix.size());
    }
  }
  return title;
}

JsonLdArticle ParseJsonLd(const std::vector<std::string_view>& scripts) {
  JsonLdArticle out;
  for (std::string_view script : scripts) {
    Json doc = Json::parse(script.begin(), script.end(), nullptr,
                           /*allow_exceptions=*/false);
    if (doc.is_discarded()) continue;
    std::vector<std::pair<int, const Json*>> candidates;
    std::string publisher;
    CollectCandidates(doc, 0, &candidates, &publisher);
    if (out.publisher.empty()) out.publisher = publisher;
    // The most article-like object, first among equals.
    const Json* best = nullptr;
    int best_rank = 0;
    for (const auto& [rank, object] : candidates) {
      if (rank > best_rank) {
        best_rank = rank;
        best = object;
      }
    }
    if (!best) continue;
    JsonLdArticle a;
    a.found = true;
    const Json& o = *best;
    a.headline = Field(o, "headline");
    if (a.headline.empty() && best_rank >= 2) a.headline = Field(o, "name");
    auto author = o.find("author");
    if (author != o.end()) {
      if (author->is_array()) {
        for (const Json& x : *author) {
          std::string name = JsonName(x);
          if (!name.empty()) a.authors.push_back(name);
        }
      } else {
        std::string name = JsonName(*author);
        if (!name.empty()) a.authors.push_back(name);
      }
    }
    a.date_published = Field(o, "datePublished");
    a.date_created = Field(o, "dateCreated");
    a.date_modified = Field(o, "dateModified");
    auto pub = o.find("publisher");
    if (pub != o.end()) a.publisher = JsonName(*pub);
    if (a.publisher.empty()) a.publisher = out.publisher;
    auto image = o.find("image");
    if (image != o.end()) a.image = JsonImage(*image);
    if (a.image.empty()) {
      auto thumb = o.find("thumbnailUrl");
      if (thumb != o.end()) a.image = JsonImage(*thumb);
    }
    a.description = Field(o, "description");
    auto section = o.find("articleSection");
    if (section != o.end()) {
      a.section = section->is_array() && !section->empty()
                      ? JsonString((*section)[0])
                      : JsonString(*section);
    }
    a.url = Field(o, "url");
    // Raw: its line breaks separate paragraphs.
    if (auto body = o.find("articleBody");
        body != o.end() && body->is_string()) {
      a.article_body = body->get<std::string>();
    }
    auto free = o.find("isAccessibleForFree");
    if (free != o.end()) {
      a.not_free = (free->is_boolean() && !free->get<bool>()) ||
                   (free->is_string() &&
                    EqualsLower(free->get_ref<const std::string&>(), "false"));
    }
    // Keep the best block: a news article beats a web page from another
    // script, but the first of equal rank wins.
    if (!out.found || best_rank > 1) {
      if (!out.found || out.headline.empty() || !a.headline.empty()) {
        bool replace = !out.found;
        if (!replace && a.date_published.size() && out.date_published.empty()) {
          replace = true;
        }
        if (replace) out = std::move(a);
      }
    }
  }
  return out;
}

std::optional<UnixSeconds> DateFromUrl(std::string_view url) {
  // Only the path: hosts and queries carry ids that look like dates.
  std::size_t scheme = url.find("://");
  std::size_t start =
      scheme == std::string_view::npos ? 0 : url.find('/', scheme + 3);
  if (start == std::string_view::npos) return std::nullopt;
  std::string_view path = url.substr(start);
  path = path.substr(0, path.find_first_of("?#"));
  for (std::size_t i = 0; i + 8 <= path.size(); ++i) {
    if (!IsDigit(path[i]) || (i > 0 && IsDigit(path[i - 1]))) continue;
    int y = Digits(path, i, 4);
    if (y < 1990 || y > 2100) continue;
    std::size_t p = i + 4;
    if (p < path.size() && (path[p] == '/' || path[p] == '-' ||
                            path[p] == '_' || path[p] == '.')) {
      char sep = path[p];
      int m = -1, d = -1;
      std::size_t q = p + 1;
      if (Digits(path, q, 2) >= 0) {
        m = Digits(path, q, 2);
        q += 2;
      } else if (Digits(path, q, 1) >= 0) {
        m = Digits(path, q, 1);
        q += 1;
      }
      if (m < 0 || q >= path.size() || path[q] != sep) continue;
      ++q;
      if (Digits(path, q, 2) >= 0) {
        d = Digits(path, q, 2);
        q += 2;
      } else if (Digits(path, q, 1) >= 0) {
        d = Digits(path, q, 1);
        q += 1;
      }
      if (d < 0 || (q < path.size() && IsDigit(path[q]))) continue;
      if (ValidYmd(y, m, d)) return YmdToSeconds(y, m, d);
    } else if (Digits(path, i, 8) >= 0 &&
               (i + 8 == path.size() || !IsDigit(path[i + 8]))) {
      int m = Digits(path, i + 4, 2), d = Digits(path, i + 6, 2);
      if (ValidYmd(y, m, d) && i > 0 &&
          (path[i - 1] == '/' || path[i - 1] == '-' || path[i - 1] == '_')) {
        return YmdToSeconds(y, m, d);
      }
    }
  }
  return std::nullopt;
}

std::optional<UnixSeconds> FindDateInText(std::string_view text,
                                          const DateBounds& bounds) {
  text = text.substr(0, kMaxTextSearch);
  constexpr std::size_t kLookBehind = 28;
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    if (!IsDigit(text[i]) || (i > 0 && IsDigit(text[i - 1]))) continue;
    std::size_t run = i;
    while (run < text.size() && IsDigit(text[run])) ++run;
    if (run - i != 4) {
      i = run;
      continue;
    }
    int year = Digits(text, i, 4);
    if (year < 1990 || year > 2100) continue;
    // ISO-like: 2019-03-05, 2019/03/05, 2019.03.05.
    if (i + 10 <= text.size() &&
        (text[i + 4] == '-' || text[i + 4] == '/' || text[i + 4] == '.') &&
        text[i + 7] == text[i + 4]) {
      int m = Digits(text, i + 5, 2), d = Digits(text, i + 8, 2);
      if (ValidYmd(year, m, d) &&
          (i + 10 == text.size() || !IsDigit(text[i + 10]))) {
        UnixSeconds t = YmdToSeconds(year, m, d);
        if (InBounds(t, bounds)) return t;
      }
    }
    // A date that ends with the year: start the candidate at word
    // boundaries before it, nearest first.
    std::size_t end = i + 4;
    std::size_t floor = i > kLookBehind ? i - kLookBehind : 0;
    for (std::size_t s = i; s > floor;) {
      --s;
      bool boundary = s == 0 || text[s - 1] == ' ' || text[s - 1] == '(' ||
                      text[s - 1] == ',' || text[s - 1] == '|';
      if (!boundary || text[s] == ' ') continue;
      std::string_view candidate = text.substr(s, end - s);
      if (candidate.size() < 6) continue;
      std::optional<UnixSeconds> t = ParseDate(candidate);
      if (t && InBounds(*t, bounds)) return t;
    }
  }
  return std::nullopt;
}

Metadata ExtractMetadata(const Page& page, std::string_view url,
                         const DateBounds& bounds) {
  Collected c;
  Collect(page, &c);
  JsonLdArticle ld = ParseJsonLd(c.json_ld);
  Metadata m;

  auto first = [](std::initializer_list<std::string_view> values) {
    for (std::string_view v : values) {
      v = Trim(v);
      if (!v.empty()) return Collapse(v);
    }
    return std::string();
  };

  m.site_name = first({MetaContent(c, "og:site_name"), ld.publisher,
                       MetaContent(c, "application-name"),
                       MetaContent(c, "al:android:app_name")});
  std::string raw_title = first(
      {MetaContent(c, "og:title"), ld.headline, MetaContent(c, "twitter:title"),
       c.microdata_headline, c.title_tag, c.first_h1});
  m.title = CleanTitle(raw_title, m.site_name);
  // The <h1> is often the cleanest form of the headline: prefer it when the
  // cleaned title still carries extra parts around it.
  if (!c.first_h1.empty() && m.title.size() > c.first_h1.size() &&
      ContainsText(m.title, c.first_h1) && CountWords(c.first_h1) >= 3) {
    m.title = c.first_h1;
  }

  std::string authors;
  for (const std::string& a : ld.authors) {
    if (IsUrlLike(a)) continue;
    if (!authors.empty()) authors += ", ";
    authors += a;
  }
  std::string_view meta_author = MetaContent(c, "author");
  if (IsUrlLike(meta_author)) meta_author = {};
  std::string_view article_author = MetaContent(c, "article:author");
  if (IsUrlLike(article_author)) article_author = {};
  m.byline = first(
      {authors, meta_author, article_author, MetaContent(c, "parsely-author"),
       MetaContent(c, "sailthru.author"), MetaContent(c, "dc.creator"),
       c.microdata_author, c.rel_author, c.byline_text});
  m.byline = CleanByline(m.byline);

  m.description =
      first({MetaContent(c, "og:description"), MetaContent(c, "description"),
             MetaContent(c, "twitter:description"), ld.description});
  m.section =
      first({MetaContent(c, "article:section"), ld.section,
             MetaContent(c, "parsely-section"), MetaContent(c, "section")});
  std::string image =
      first({MetaContent(c, "og:image"), MetaContent(c, "og:image:url"),
             MetaContent(c, "twitter:image"),
             MetaContent(c, "twitter:image:src"), ld.image, c.image_src});
  m.image_url = Resolve(url, image);
  std::string canonical =
      first({c.canonical, MetaContent(c, "og:url"), ld.url});
  m.canonical_url =
      canonical.empty() ? std::string(url) : Resolve(url, canonical);
  m.article_body = std::move(ld.article_body);
  m.declared_language =
      first({c.html_lang, MetaContent(c, "content-language"),
             MetaContent(c, "og:locale"), MetaContent(c, "language")});

  std::string_view tier = MetaContent(c, "article:content_tier");
  m.paywalled = ld.not_free || EqualsLower(tier, "locked") || c.paywall_marker;

  // Dates, in htmldate's order of trust.
  std::optional<UnixSeconds> published;
  if (!url.empty()) published = DateFromUrl(url);
  if (published && !InBounds(*published, bounds)) published.reset();
  auto try_set = [&](std::string_view s) {
    if (!published && !s.empty()) published = ParseStructuredDate(s, bounds);
  };
  for (std::string_view key : kPublishedMeta) try_set(MetaContent(c, key));
  try_set(ld.date_published);
  try_set(ld.date_created);
  try_set(c.microdata_published);
  try_set(c.time_published);
  for (const MetaTag& meta : c.meta) {
    if (published) break;
    if (meta.key.find("publish") != std::string::npos ||
        meta.key.find("created") != std::string::npos) {
      try_set(meta.content);
    }
  }
  try_set(c.time_first);
  for (const std::string& text : c.date_texts) {
    if (published) break;
    published = FindDateInText(text, bounds);
  }
  std::optional<UnixSeconds> modified;
  for (std::string_view key : kModifiedMeta) {
    if (modified) break;
    std::string_view v = MetaContent(c, key);
    if (!v.empty()) modified = ParseStructuredDate(v, bounds);
  }
  if (!modified && !ld.date_modified.empty()) {
    modified = ParseStructuredDate(ld.date_modified, bounds);
  }
  if (!modified && !c.microdata_modified.empty()) {
    modified = ParseStructuredDate(c.microdata_modified, bounds);
  }
  if (!published) {
    const ElementInfo& body =
        page.elements()[static_cast<std::size_t>(page.body())];
    std::string text;
    text.reserve(std::min<std::size_t>(kMaxTextSearch, body.text_bytes * 2));
    AppendText(body.node, &text);
    published = FindDateInText(text, bounds);
  }
  if (!published) published = modified;
  m.published_at = published;
  m.modified_at = modified;
  return m;
}

}  // namespace tidings::extract
