// ParseFeed: format detection and dispatch, plus the helpers the format
// parsers share.
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "base/date.h"
#include "feed/encoding.h"
#include "feed/feed.h"
#include "feed/parsers.h"
#include "feed/sanitize.h"
#include "feed/xml_util.h"

namespace tidings::feed {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The first non-space byte after an optional UTF-8 BOM.
char FirstSignificantByte(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  for (char c : bytes) {
    if (!IsSpace(c)) return c;
  }
  return '\0';
}

std::optional<int> ParseCount(std::string_view text) {
  const std::string t = Trim(text);
  if (t.empty() || t.size() > 9) return std::nullopt;
  int v = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

bool IsImageType(std::string_view type, std::string_view medium) {
  return medium == "image" || type.substr(0, 6) == "image/";
}

constexpr std::string_view kItunesScheme = "http://www.itunes.com/";

void AddItunesCategory(const xmlNode* c, std::vector<Category>* categories) {
  AddCategory(categories, Attr(c, "text"), kItunesScheme, "");
  for (const xmlNode* sub = c->children; sub; sub = sub->next) {
    if (sub->type == XML_ELEMENT_NODE && LocalName(sub) == "category") {
      AddCategory(categories, Attr(sub, "text"), kItunesScheme, "");
    }
  }
}

// itunes:keywords: comma-separated (space-separated in old podcasts).
void AddKeywords(std::string_view text, std::vector<Category>* categories) {
  const char sep = text.find(',') != std::string_view::npos ? ',' : ' ';
  // One allocation for the lot (podcasts repeat a dozen keywords per item),
  // growing geometrically so that many keyword elements stay linear.
  const std::size_t needed =
      categories->size() + 1 + std::count(text.begin(), text.end(), sep);
  if (needed > categories->capacity()) {
    categories->reserve(std::max(needed, 2 * categories->capacity()));
  }
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(sep, start);
    if (end == std::string_view::npos) end = text.size();
    AddCategory(categories, text.substr(start, end - start), kItunesScheme, "");
    start = end + 1;
  }
}

void ApplyMedia(const xmlNode* node, Entry* entry) {
  const std::string_view local = LocalName(node);
  if (local == "thumbnail") {
    if (entry->image_url.empty()) {
      entry->image_url = ResolveHref(node, Attr(node, "url"));
    }
  } else if (local == "content") {
    const std::string url = Attr(node, "url");
    if (!url.empty() && entry->image_url.empty() &&
        IsImageType(Attr(node, "type"), Attr(node, "medium"))) {
      entry->image_url = ResolveHref(node, url);
    }
    for (const xmlNode* c = node->children; c; c = c->next) {
      if (c->type == XML_ELEMENT_NODE) ApplyMedia(c, entry);
    }
  } else if (local == "group") {
    for (const xmlNode* c = node->children; c; c = c->next) {
      if (c->type == XML_ELEMENT_NODE) ApplyMedia(c, entry);
    }
  } else if (local == "description") {
    if (entry->summary.empty()) {
      entry->summary = TrimmedText(node);
      entry->summary_type =
          Attr(node, "type") == "html" ? "text/html" : "text/plain";
    }
  } else if (local == "title") {
    if (entry->title.empty()) entry->title = TrimmedText(node);
  } else if (local == "category") {
    std::string scheme = Trim(Attr(node, "scheme"));
    if (scheme.empty()) scheme = "http://search.yahoo.com/mrss/category_schema";
    AddCategory(&entry->categories,
                {TrimmedText(node), scheme, Attr(node, "label")});
  }
}

void Finish(const ParseOptions& options, ParsedFeed* feed) {
  if (!options.content_language.empty()) {
    const std::string& lang = options.content_language;
    if (feed->language.empty()) feed->language = lang;
    for (TextDetail* d : {&feed->title_detail, &feed->description_detail,
                          &feed->rights_detail}) {
      if (d->language.empty()) d->language = lang;
    }
    for (Entry& e : feed->entries) {
      for (TextDetail* d :
           {&e.title_detail, &e.summary_detail, &e.content_detail}) {
        if (d->language.empty()) d->language = lang;
      }
    }
  }
  if (options.sanitize_html) {
    auto clean = [](std::string* value, const std::string& type) {
      if (type == "text/html" || type == "application/xhtml+xml") {
        *value = SanitizeHtml(*value);
      }
    };
    clean(&feed->title, feed->title_type);
    clean(&feed->description, feed->description_type);
    clean(&feed->rights, "text/html");
    for (Entry& e : feed->entries) {
      clean(&e.title, e.title_type);
      clean(&e.summary, e.summary_type);
      clean(&e.content, e.content_type);
    }
  }
  for (Entry& e : feed->entries) {
    FinishEntry(&e);
    if (e.language.empty()) e.language = feed->language;
  }
  if (feed->author.empty() && !feed->authors.empty()) {
    feed->author = DisplayName(feed->authors.front());
  }
}

}  // namespace

std::string_view FeedFormatName(FeedFormat format) {
  switch (format) {
    case FeedFormat::kUnknown:
      return "";
    case FeedFormat::kRss:
      return "rss";
    case FeedFormat::kRss091Netscape:
      return "rss091n";
    case FeedFormat::kRss090:
      return "rss090";
    case FeedFormat::kRss091:
      return "rss091u";
    case FeedFormat::kRss092:
      return "rss092";
    case FeedFormat::kRss093:
      return "rss093";
    case FeedFormat::kRss094:
      return "rss094";
    case FeedFormat::kRss20:
      return "rss20";
    case FeedFormat::kRss10:
      return "rss10";
    case FeedFormat::kAtom03:
      return "atom03";
    case FeedFormat::kAtom10:
      return "atom10";
    case FeedFormat::kJson10:
      return "json1";
    case FeedFormat::kJson11:
      return "json11";
  }
  return "";
}

Person ParsePersonText(std::string_view text) {
  Person p;
  std::string t = Trim(text);
  if (t.empty()) return p;
  // "email (Name)"
  const std::size_t open = t.find('(');
  const std::size_t close = t.rfind(')');
  if (open != std::string::npos && close != std::string::npos && close > open) {
    std::string before = Trim(t.substr(0, open));
    std::string inside = Trim(t.substr(open + 1, close - open - 1));
    if (before.find('@') != std::string::npos) {
      p.email = before;
      p.name = inside;
      return p;
    }
    if (inside.find('@') != std::string::npos) {
      p.email = inside;
      p.name = before;
      return p;
    }
  }
  // "Name <email>"
  const std::size_t lt = t.find('<');
  const std::size_t gt = t.rfind('>');
  if (lt != std::string::npos && gt != std::string::npos && gt > lt) {
    std::string inside = Trim(t.substr(lt + 1, gt - lt - 1));
    if (inside.rfind("mailto:", 0) == 0) inside = inside.substr(7);
    if (inside.find('@') != std::string::npos) {
      p.email = inside;
      p.name = Trim(t.substr(0, lt));
      return p;
    }
  }
  if (t.find('@') != std::string::npos && t.find(' ') == std::string::npos) {
    p.email = t.rfind("mailto:", 0) == 0 ? t.substr(7) : t;
    return p;
  }
  p.name = t;
  return p;
}

std::string DisplayName(const Person& person) {
  if (!person.name.empty()) return person.name;
  if (!person.email.empty()) return person.email;
  return person.url;
}

bool LooksLikeHtml(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] == '<' && s[i + 1] == '/') {
      std::size_t j = i + 2;
      while (j < s.size() &&
             (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) {
        ++j;
      }
      if (j > i + 2 && j < s.size() && s[j] == '>') return true;
    } else if (s[i] == '<') {
      // Self-closing tags ("<br/>", "<img … />") count as markup too.
      std::size_t j = i + 1;
      while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) {
        ++j;
      }
      if (j > i + 1) {
        const std::size_t end = s.find('>', j);
        if (end != std::string_view::npos && end > 0 && s[end - 1] == '/') {
          return true;
        }
      }
    } else if (s[i] == '&') {
      std::size_t j = i + 1;
      if (j < s.size() && s[j] == '#') ++j;
      const std::size_t start = j;
      while (j < s.size() &&
             (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) {
        ++j;
      }
      if (j > start && j < s.size() && s[j] == ';') return true;
    }
  }
  return false;
}

std::string DecodeBase64(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  std::string out;
  int buffer = 0, bits = 0;
  for (char c : text) {
    if (IsSpace(c)) continue;
    if (c == '=') break;
    const int v = value(c);
    if (v < 0) return "";
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

void AddCategory(std::vector<Category>* categories, std::string_view term,
                 std::string_view scheme, std::string_view label) {
  term = TrimView(term);
  if (term.empty() && label.empty()) return;
  for (const Category& c : *categories) {
    if (c.term == term && c.scheme == scheme) return;
  }
  categories->push_back(
      {std::string(term), std::string(scheme), std::string(label)});
}

void AddCategory(std::vector<Category>* categories, Category category) {
  AddCategory(categories, category.term, category.scheme, category.label);
}

bool ApplyEntryExtension(const xmlNode* c, Entry* entry) {
  const Ns ns = NodeNs(c);
  const std::string_view local = LocalName(c);
  switch (ns) {
    case Ns::kDc:
    case Ns::kDcTerms:
      if (local == "creator" || local == "author") {
        Person p = ParsePersonText(TextContent(c));
        if (!p.empty()) entry->authors.push_back(std::move(p));
      } else if (local == "contributor") {
        Person p = ParsePersonText(TextContent(c));
        if (!p.empty()) entry->contributors.push_back(std::move(p));
      } else if (local == "date" || local == "modified") {
        if (!entry->updated) {
          entry->updated_text = TrimmedText(c);
          entry->updated = ParseDate(entry->updated_text);
        }
      } else if (local == "issued" || local == "available") {
        if (!entry->published) {
          entry->published_text = TrimmedText(c);
          entry->published = ParseDate(entry->published_text);
        }
      } else if (local == "created") {
        if (!entry->created) entry->created = ParseDate(TrimmedText(c));
      } else if (local == "subject") {
        AddCategory(&entry->categories, {TrimmedText(c), "", ""});
      } else if (local == "title") {
        if (entry->title.empty()) entry->title = TrimmedText(c);
      } else if (local == "description") {
        if (entry->summary.empty()) entry->summary = TrimmedText(c);
      } else if (local == "rights") {
        if (entry->rights.empty()) entry->rights = TrimmedText(c);
      } else if (local == "identifier") {
        if (entry->id.empty()) entry->id = TrimmedText(c);
      } else if (local == "language") {
        if (entry->language.empty()) entry->language = TrimmedText(c);
      } else {
        return false;
      }
      return true;
    case Ns::kContent:
      if (local == "encoded") {
        entry->content = ResolveHtmlUrls(TrimmedMarkupOrText(c), c);
        entry->content_type = "text/html";
        entry->content_detail = {LanguageAt(c), BaseAt(c)};
        return true;
      }
      return false;
    case Ns::kXhtml:
      if (local == "body" || local == "div") {
        if (entry->content.empty()) {
          entry->content = ResolveHtmlUrls(TrimmedInnerXml(c), c);
          entry->content_type = "application/xhtml+xml";
          entry->content_detail = {LanguageAt(c), BaseAt(c)};
        }
        return true;
      }
      return false;
    case Ns::kMedia:
      ApplyMedia(c, entry);
      return true;
    case Ns::kItunes:
      if (local == "image" || (local == "link" && Attr(c, "rel") == "image")) {
        std::string href = Attr(c, "href");
        if (href.empty()) href = Attr(c, "url");
        if (href.empty()) href = TrimmedText(c);
        if (!href.empty() && entry->image_url.empty()) {
          entry->image_url = ResolveHref(c, href);
        }
      } else if (local == "author") {
        if (entry->authors.empty()) {
          Person p = ParsePersonText(TextContent(c));
          if (!p.empty()) entry->authors.push_back(std::move(p));
        }
      } else if (local == "summary") {
        if (entry->summary.empty()) {
          entry->summary = TrimmedText(c);
          entry->summary_type = "text/plain";
        }
      } else if (local == "subtitle") {
        // A short description; summary is better when present.
      } else if (local == "category") {
        AddItunesCategory(c, &entry->categories);
      } else if (local == "keywords") {
        AddKeywords(TextContent(c), &entry->categories);
      } else {
        return local == "duration" || local == "explicit" || local == "block";
      }
      return true;
    case Ns::kSlash:
      if (local == "comments") {
        entry->comment_count = ParseCount(TextContent(c));
        return true;
      }
      return false;
    case Ns::kThread:
      if (local == "total") {
        entry->comment_count = ParseCount(TextContent(c));
        return true;
      }
      return false;
    case Ns::kWfw:
      return local == "commentRss" || local == "commentrss" ||
             local == "comment";
    case Ns::kFeedburner:
      return local == "origLink" || local == "origEnclosureLink";
    default:
      return false;
  }
}

bool ApplyFeedExtension(const xmlNode* c, ParsedFeed* feed) {
  const Ns ns = NodeNs(c);
  const std::string_view local = LocalName(c);
  switch (ns) {
    case Ns::kDc:
    case Ns::kDcTerms:
      if (local == "creator" || local == "author" || local == "publisher") {
        Person p = ParsePersonText(TextContent(c));
        if (!p.empty() && (local != "publisher" || feed->authors.empty())) {
          feed->authors.push_back(std::move(p));
        }
      } else if (local == "date" || local == "modified") {
        if (!feed->updated) {
          feed->updated_text = TrimmedText(c);
          feed->updated = ParseDate(feed->updated_text);
        }
      } else if (local == "issued") {
        if (!feed->published) feed->published = ParseDate(TrimmedText(c));
      } else if (local == "language") {
        if (feed->language.empty()) feed->language = TrimmedText(c);
      } else if (local == "rights") {
        if (feed->rights.empty()) feed->rights = TrimmedText(c);
      } else if (local == "title") {
        if (feed->title.empty()) feed->title = TrimmedText(c);
      } else if (local == "description") {
        if (feed->description.empty()) feed->description = TrimmedText(c);
      } else if (local == "subject") {
        AddCategory(&feed->categories, {TrimmedText(c), "", ""});
      } else {
        return false;
      }
      return true;
    case Ns::kItunes:
      if (local == "image" || (local == "link" && Attr(c, "rel") == "image")) {
        std::string href = Attr(c, "href");
        if (href.empty()) href = Attr(c, "url");
        if (href.empty()) href = TrimmedText(c);
        if (!href.empty() && feed->image_url.empty()) {
          feed->image_url = ResolveHref(c, href);
        }
      } else if (local == "author") {
        Person p = ParsePersonText(TextContent(c));
        if (!p.empty() && feed->authors.empty()) {
          feed->authors.push_back(std::move(p));
        }
      } else if (local == "summary" || local == "subtitle") {
        if (feed->description.empty()) {
          feed->description = TrimmedText(c);
          feed->description_type = "text/plain";
        }
      } else if (local == "category") {
        AddItunesCategory(c, &feed->categories);
      } else if (local == "keywords") {
        AddKeywords(TextContent(c), &feed->categories);
      } else {
        return false;
      }
      return true;
    case Ns::kMedia:
      if (local == "thumbnail" && feed->image_url.empty()) {
        feed->image_url = ResolveHref(c, Attr(c, "url"));
      }
      return true;
    default:
      return false;
  }
}

void FinishEntry(Entry* entry) {
  if (entry->link.empty()) {
    for (const Link& l : entry->links) {
      if (l.rel == "alternate") {
        entry->link = l.href;
        break;
      }
    }
  }
  if (entry->author.empty() && !entry->authors.empty()) {
    entry->author = DisplayName(entry->authors.front());
  }
  if (entry->summary.empty() && !entry->content.empty() &&
      entry->content_type != "text/html") {
    // Nothing: a summary is only what the feed gave as one.
  }
}

Result<ParsedFeed> ParseFeed(std::string_view bytes,
                             const ParseOptions& options) {
  if (bytes.size() > options.max_bytes) {
    return Status::InvalidArgument(
        "feed: document of " + std::to_string(bytes.size()) +
        " bytes exceeds the limit of " + std::to_string(options.max_bytes));
  }
  ParsedFeed feed;
  const char first = FirstSignificantByte(bytes);
  if (Trim(bytes).empty()) return Status::Corruption("feed: empty document");
  if (first == '{') {
    std::string_view json = bytes;
    if (json.substr(0, 3) == "\xEF\xBB\xBF") json.remove_prefix(3);
    feed.encoding = "utf-8";
    TIDINGS_RETURN_IF_ERROR(ParseJsonFeed(json, options, &feed));
    Finish(options, &feed);
    return feed;
  }

  std::string decoded_storage;
  DecodedText decoded =
      DecodeToUtf8(bytes, options.content_type, &decoded_storage);
  feed.encoding = decoded.encoding;
  std::string clean_problem;
  std::string clean_storage;
  const std::string_view clean =
      CleanXml(decoded.utf8, &clean_storage, &clean_problem);
  std::string xml_error;
  std::vector<const xmlNode*> item_candidates;
  TIDINGS_ASSIGN_OR_RETURN(
      XmlDocPtr doc,
      ParseXml(clean, options.base_url, &xml_error, &item_candidates));
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  const std::string root_name = ToLower(LocalName(root));
  if (root_name == "rss" || root_name == "rdf" || root_name == "channel") {
    ParseRss(root, item_candidates, options, &feed);
  } else if (root_name == "feed") {
    ParseAtom(root, options, &feed);
  } else {
    return Status::Unsupported("feed: not a feed: root element <" +
                               std::string(LocalName(root)) + ">");
  }
  Finish(options, &feed);
  // The first problem found is the reason reported.
  for (const std::string* reason :
       {&decoded.problem, &clean_problem, &xml_error}) {
    if (!reason->empty()) {
      feed.bozo = true;
      feed.bozo_reason = *reason;
      break;
    }
  }
  return feed;
}

}  // namespace tidings::feed
