// RSS 0.90-0.94, 2.0 and 1.0 (RDF). The versions differ mostly in which
// elements exist, so one parser reads them all.
#include <algorithm>
#include <array>

#include "base/date.h"
#include "feed/parsers.h"
#include "feed/xml_util.h"

namespace tidings::feed {
namespace {

// Title/description text: markup children (unescaped XHTML) are kept as
// markup, otherwise the text.
std::string RssText(const xmlNode* node) { return TrimmedMarkupOrText(node); }

TextDetail DetailOf(const xmlNode* node) {
  return {LanguageAt(node), BaseAt(node)};
}

// Longer than any RSS element name: such names match none.
constexpr std::size_t kMaxRssName = 32;

// Element names in RSS are matched case-insensitively ("pubdate", "TiTlE").
// The lower-cased local name lives in *buffer (no allocation per element);
// empty when longer than any RSS element.
std::string_view RssName(const xmlNode* node,
                         std::array<char, kMaxRssName>* buffer) {
  const std::string_view name = LocalName(node);
  if (name.size() > buffer->size()) return {};
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    (*buffer)[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return std::string_view(buffer->data(), name.size());
}

std::int64_t ParseLength(const std::string& text) {
  std::int64_t v = 0;
  for (char c : Trim(text)) {
    if (c < '0' || c > '9') return 0;
    if (v > (std::int64_t{1} << 50)) return 0;
    v = v * 10 + (c - '0');
  }
  return v;
}

Link AtomLink(const xmlNode* c) {
  Link l;
  l.href = ResolveHref(c, Attr(c, "href"));
  l.rel = Attr(c, "rel");
  if (l.rel.empty()) l.rel = "alternate";
  l.type = Attr(c, "type");
  l.title = Attr(c, "title");
  l.length = ParseLength(Attr(c, "length"));
  return l;
}

void ParseItem(const xmlNode* item, Entry* e) {
  e->language = LanguageAt(item);
  bool guid_permalink = false;
  std::string guid;
  for (const xmlNode* c = item->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const Ns ns = NodeNs(c);
    if (ns == Ns::kNone) {
      std::array<char, kMaxRssName> buffer;
      const std::string_view local = RssName(c, &buffer);
      if (local == "title") {
        e->title = RssText(c);
        e->title_type = LooksLikeHtml(e->title) || HasElementChildren(c)
                            ? "text/html"
                            : "text/plain";
        e->title_detail = DetailOf(c);
      } else if (local == "link") {
        // When an item repeats <link>, the last one wins; Atom-style
        // <link href="…"/> in RSS happens too.
        std::string href = TrimmedText(c);
        if (href.empty()) href = Trim(Attr(c, "href"));
        if (!href.empty()) e->link = ResolveHref(c, href);
      } else if (local == "description") {
        e->summary = ResolveHtmlUrls(RssText(c), c);
        e->summary_type = "text/html";
        e->summary_detail = DetailOf(c);
      } else if (local == "guid") {
        guid = TrimmedText(c);
        std::string permalink = ToLower(Trim(Attr(c, "isPermaLink")));
        if (permalink.empty())
          permalink = ToLower(Trim(Attr(c, "ispermalink")));
        guid_permalink = permalink.empty() || permalink == "true";
      } else if (local == "pubdate") {
        e->published_text = TrimmedText(c);
        e->published = ParseDate(e->published_text);
      } else if (local == "author") {
        Person p = ParsePersonText(TextContent(c));
        if (!p.empty()) e->authors.insert(e->authors.begin(), std::move(p));
        e->author = TrimmedText(c);
      } else if (local == "category") {
        AddCategory(&e->categories, {TrimmedText(c), Attr(c, "domain"), ""});
      } else if (local == "enclosure") {
        Enclosure enc;
        enc.url = ResolveHref(c, Attr(c, "url"));
        enc.type = Trim(Attr(c, "type"));
        enc.length = ParseLength(Attr(c, "length"));
        if (!enc.url.empty()) e->enclosures.push_back(std::move(enc));
      } else if (local == "comments") {
        e->comments_url = ResolveHref(c, TextContent(c));
      } else if (local == "source") {
        e->source_title = TrimmedText(c);
        e->source_url = Attr(c, "url");
      } else if (local == "copyright") {
        e->rights = TrimmedText(c);
      } else if (local == "body" || local == "fullitem") {
        if (e->content.empty()) {
          e->content = ResolveHtmlUrls(RssText(c), c);
          e->content_type = "text/html";
          e->content_detail = DetailOf(c);
        }
      }
      continue;
    }
    if (ns == Ns::kAtom) {
      const std::string_view local = LocalName(c);
      if (local == "link") {
        Link l = AtomLink(c);
        if (l.rel == "enclosure") {
          e->enclosures.push_back({l.href, l.type, l.length});
        }
        e->links.push_back(std::move(l));
      } else if (local == "updated" || local == "modified") {
        if (!e->updated) {
          e->updated_text = TrimmedText(c);
          e->updated = ParseDate(e->updated_text);
        }
      } else if (local == "published" || local == "issued") {
        if (!e->published) {
          e->published_text = TrimmedText(c);
          e->published = ParseDate(e->published_text);
        }
      } else if (local == "id") {
        if (guid.empty()) guid = TrimmedText(c);
      } else if (local == "content") {
        if (e->content.empty()) {
          const bool html = ToLower(Attr(c, "type")) != "text";
          e->content = ResolveHtmlUrls(TrimmedMarkupOrText(c), c);
          e->content_type = html ? "text/html" : "text/plain";
          e->content_detail = DetailOf(c);
        }
      } else if (local == "summary") {
        if (e->summary.empty()) {
          e->summary = TrimmedText(c);
          e->summary_type =
              ToLower(Attr(c, "type")) == "html" ? "text/html" : "text/plain";
          e->summary_detail = DetailOf(c);
        }
      } else if (local == "category") {
        Category cat{Attr(c, "term"), Attr(c, "scheme"), Attr(c, "label")};
        if (cat.term.empty()) cat.term = TrimmedText(c);
        AddCategory(&e->categories, std::move(cat));
      } else if (local == "author") {
        Person p;
        for (const xmlNode* a = c->children; a; a = a->next) {
          if (a->type != XML_ELEMENT_NODE) continue;
          if (LocalName(a) == "name") p.name = TrimmedText(a);
          if (LocalName(a) == "email") p.email = TrimmedText(a);
          if (LocalName(a) == "uri") p.url = TrimmedText(a);
        }
        if (!p.empty()) e->authors.push_back(std::move(p));
      }
      continue;
    }
    ApplyEntryExtension(c, e);
  }
  // RSS 1.0 items carry their URI in rdf:about.
  if (guid.empty()) {
    const std::string about = Attr(item, "about");
    if (!about.empty()) {
      guid = about;
      guid_permalink = false;
      if (e->link.empty()) e->link = ResolveHref(item, about);
    }
  }
  if (!guid.empty()) {
    e->id = guid;
    if (guid_permalink && e->link.empty()) {
      e->guid_is_link = true;
      e->link = ResolveHref(item, guid);
    }
  }
}

FeedFormat VersionFromAttribute(const std::string& version) {
  const std::string v = Trim(version);
  if (v == "0.91") return FeedFormat::kRss091;
  if (v == "0.92") return FeedFormat::kRss092;
  if (v == "0.93") return FeedFormat::kRss093;
  if (v == "0.94") return FeedFormat::kRss094;
  if (v.rfind("2.", 0) == 0) return FeedFormat::kRss20;
  return FeedFormat::kRss20;
}

void ParseChannel(const xmlNode* channel, ParsedFeed* feed) {
  for (const xmlNode* c = channel->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const Ns ns = NodeNs(c);
    if (ns == Ns::kNone) {
      std::array<char, kMaxRssName> buffer;
      const std::string_view local = RssName(c, &buffer);
      if (local == "item") {
        // Collected later, wherever recovery put them.
      } else if (local == "title") {
        feed->title = RssText(c);
        feed->title_type = LooksLikeHtml(feed->title) || HasElementChildren(c)
                               ? "text/html"
                               : "text/plain";
        feed->title_detail = DetailOf(c);
      } else if (local == "link") {
        std::string href = TrimmedText(c);
        if (href.empty()) href = Trim(Attr(c, "href"));
        if (!href.empty()) feed->link = ResolveHref(c, href);
      } else if (local == "description") {
        feed->description = ResolveHtmlUrls(RssText(c), c);
        feed->description_type = "text/html";
        feed->description_detail = DetailOf(c);
      } else if (local == "language") {
        feed->language = TrimmedText(c);
      } else if (local == "copyright") {
        feed->rights = TrimmedText(c);
        feed->rights_detail = DetailOf(c);
      } else if (local == "managingeditor" || local == "author") {
        Person p = ParsePersonText(TextContent(c));
        if (!p.empty()) feed->authors.insert(feed->authors.begin(), p);
        feed->author = TrimmedText(c);
      } else if (local == "webmaster") {
        Person p = ParsePersonText(TextContent(c));
        if (!p.empty()) feed->contributors.push_back(std::move(p));
      } else if (local == "pubdate") {
        feed->published = ParseDate(TrimmedText(c));
      } else if (local == "lastbuilddate") {
        feed->updated_text = TrimmedText(c);
        feed->updated = ParseDate(feed->updated_text);
      } else if (local == "generator") {
        feed->generator = TrimmedText(c);
      } else if (local == "ttl") {
        const std::string ttl = TrimmedText(c);
        feed->ttl_minutes = std::atoi(ttl.c_str());
      } else if (local == "category") {
        AddCategory(&feed->categories, {TrimmedText(c), Attr(c, "domain"), ""});
      } else if (local == "image") {
        for (const xmlNode* i = c->children; i; i = i->next) {
          if (i->type == XML_ELEMENT_NODE && LocalName(i) == "url") {
            feed->image_url = ResolveHref(i, TextContent(i));
          }
        }
      }
      continue;
    }
    if (ns == Ns::kAtom) {
      const std::string_view local = LocalName(c);
      if (local == "link") {
        Link l = AtomLink(c);
        if (l.rel == "self" && feed->self_url.empty()) feed->self_url = l.href;
        if (l.rel == "hub" && feed->hub_url.empty()) feed->hub_url = l.href;
        feed->links.push_back(std::move(l));
      } else if (local == "updated") {
        if (!feed->updated) feed->updated = ParseDate(TrimmedText(c));
      } else if (local == "id") {
        feed->id = TrimmedText(c);
      }
      continue;
    }
    ApplyFeedExtension(c, feed);
  }
  if (feed->published && !feed->updated) {
    // pubDate is the only date some channels give.
  }
}

}  // namespace

void ParseRss(const xmlNode* root,
              const std::vector<const xmlNode*>& item_candidates,
              const ParseOptions& options, ParsedFeed* feed) {
  const std::string root_name = ToLower(LocalName(root));
  const xmlNode* channel = nullptr;
  if (root_name == "channel") {
    channel = root;
    feed->format = FeedFormat::kRss20;
  } else {
    for (const xmlNode* c = root->children; c; c = c->next) {
      if (c->type == XML_ELEMENT_NODE && ToLower(LocalName(c)) == "channel") {
        channel = c;
        break;
      }
    }
    if (root_name == "rss") {
      feed->format = VersionFromAttribute(Attr(root, "version"));
      const xmlDtd* dtd = xmlGetIntSubset(root->doc);
      if (feed->format == FeedFormat::kRss091 && dtd && dtd->ExternalID &&
          xmlStrstr(dtd->ExternalID,
                    reinterpret_cast<const xmlChar*>("Netscape"))) {
        feed->format = FeedFormat::kRss091Netscape;
      }
      if (!HasAttr(root, "version")) feed->format = FeedFormat::kRss;
    } else {
      const bool netscape =
          channel && channel->ns && channel->ns->href &&
          std::string_view(reinterpret_cast<const char*>(channel->ns->href))
                  .find("netscape") != std::string_view::npos;
      feed->format = netscape ? FeedFormat::kRss090 : FeedFormat::kRss10;
    }
  }
  if (channel) ParseChannel(channel, feed);
  // Items sit in the channel (RSS 2.0), beside it (RSS 1.0, 0.90) or, after
  // libxml2 recovered from unclosed tags, deeper down: all of them count.
  // ParseXml noted every element named so, in document order.
  std::vector<const xmlNode*> items;
  items.reserve(item_candidates.size());
  for (const xmlNode* c : item_candidates) {
    if (c != root && NodeNs(c) == Ns::kNone) items.push_back(c);
  }
  if (channel != root) {
    for (const xmlNode* c = root->children; c; c = c->next) {
      if (c->type == XML_ELEMENT_NODE && ToLower(LocalName(c)) == "image" &&
          feed->image_url.empty()) {
        for (const xmlNode* i = c->children; i; i = i->next) {
          if (i->type == XML_ELEMENT_NODE && LocalName(i) == "url") {
            feed->image_url = ResolveHref(i, TextContent(i));
          }
        }
      }
    }
  }
  if (feed->language.empty() && channel) feed->language = LanguageAt(channel);
  if (feed->link.empty()) {
    for (const Link& l : feed->links) {
      if (l.rel == "alternate") {
        feed->link = l.href;
        break;
      }
    }
  }
  // Entries are large: build each in place rather than move it there.
  feed->entries.reserve(std::min(items.size(), options.max_entries));
  for (const xmlNode* item : items) {
    if (feed->entries.size() >= options.max_entries) break;
    ParseItem(item, &feed->entries.emplace_back());
  }
}

}  // namespace tidings::feed
