// Atom 1.0 (RFC 4287) and the older Atom 0.3 draft.
#include "base/date.h"
#include "feed/encoding.h"
#include "feed/parsers.h"
#include "feed/xml_util.h"

namespace tidings::feed {
namespace {

std::int64_t ParseLength(const std::string& text) {
  std::int64_t v = 0;
  for (char c : Trim(text)) {
    if (c < '0' || c > '9') return 0;
    if (v > (std::int64_t{1} << 50)) return 0;
    v = v * 10 + (c - '0');
  }
  return v;
}

// The single XHTML <div> wrapping xhtml content, or null.
const xmlNode* XhtmlDiv(const xmlNode* node) {
  const xmlNode* div = nullptr;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) {
      if (div != nullptr || LocalName(c) != "div") return nullptr;
      div = c;
    } else if (c->type == XML_TEXT_NODE && !TrimmedText(c).empty()) {
      return nullptr;
    }
  }
  return div;
}

// Reads an Atom text construct (title, subtitle, summary, content, rights)
// into value and MIME type, per RFC 4287 section 3.1 and the 0.3 modes.
void ReadTextValue(const xmlNode* node, std::string* value, std::string* type) {
  const std::string type_attr = ToLower(Trim(Attr(node, "type")));
  const std::string mode = ToLower(Trim(Attr(node, "mode")));
  if (mode == "base64") {
    *value = Trim(DecodeBase64(TextContent(node)));
    *type = type_attr.empty() ? "text/plain" : type_attr;
    return;
  }
  if (mode == "escaped") {
    *value = TrimmedText(node);
    *type = type_attr.empty() ? "text/plain" : type_attr;
    return;
  }
  const xmlNode* root = xmlDocGetRootElement(node->doc);
  const bool atom10 =
      root && root->ns &&
      xmlStrEqual(root->ns->href, reinterpret_cast<const xmlChar*>(
                                      "http://www.w3.org/2005/Atom"));
  if (type_attr == "xhtml" ||
      (atom10 && type_attr == "application/xhtml+xml")) {
    // Atom 1.0 wraps XHTML in a <div> that is not part of the content.
    const xmlNode* div = XhtmlDiv(node);
    *value = TrimmedInnerXml(div ? div : node);
    *type = "application/xhtml+xml";
    return;
  }
  if (type_attr == "html" || type_attr == "text/html") {
    // Escaped HTML is text. Unescaped markup is kept as markup, except an
    // XHTML <div> wrapper around escaped HTML (a TypePad habit).
    const xmlNode* div = XhtmlDiv(node);
    if (HasElementChildren(node) && !(div && NodeNs(div) == Ns::kXhtml)) {
      *value = TrimmedInnerXml(node);
    } else {
      *value = TrimmedText(node);
    }
    *type = "text/html";
    return;
  }
  if (type_attr.empty() || type_attr == "text" || type_attr == "text/plain") {
    if (HasElementChildren(node)) {
      *value = TrimmedInnerXml(node);
      *type = "application/xhtml+xml";
    } else {
      *value = TrimmedText(node);
      *type = "text/plain";
    }
    return;
  }
  // Any other MIME type: XML types inline, text/* as text, else base64.
  *type = type_attr;
  if (type_attr.find("xml") != std::string::npos || mode == "xml") {
    *value = TrimmedInnerXml(node);
  } else if (type_attr.rfind("text/", 0) == 0) {
    *value = TrimmedText(node);
  } else {
    // RFC 4287: other types are base64. Text that does not decode to UTF-8
    // was not base64 after all (a custom type over plain text): keep it.
    const std::string text = TextContent(node);
    std::string decoded = Trim(DecodeBase64(text));
    *value = !decoded.empty() && IsValidUtf8(decoded) ? std::move(decoded)
                                                      : Trim(text);
  }
}

void ReadText(const xmlNode* node, std::string* value, std::string* type,
              TextDetail* detail) {
  ReadTextValue(node, value, type);
  detail->language = LanguageAt(node);
  detail->base = BaseAt(node);
  if (*type == "text/html" || *type == "application/xhtml+xml") {
    *value = ResolveHtmlUrls(std::move(*value), node);
  }
}

// Atom ids are IRIs; a relative one is resolved like a link.
std::string ResolveId(const xmlNode* node) {
  const std::string id = TrimmedText(node);
  if (id.empty() || id.find(':') != std::string::npos ||
      id.find_first_of(" \t\n") != std::string::npos) {
    return id;
  }
  return ResolveHref(node, id);
}

Person ReadPerson(const xmlNode* node) {
  Person p;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const std::string_view local = LocalName(c);
    if (local == "name") {
      p.name = TrimmedText(c);
    } else if (local == "email") {
      p.email = TrimmedText(c);
    } else if (local == "uri" || local == "url" || local == "homepage") {
      p.url = ResolveHref(c, TextContent(c));
    }
  }
  if (p.empty() && !HasElementChildren(node)) {
    p = ParsePersonText(TextContent(node));
  }
  return p;
}

Link ReadLink(const xmlNode* c) {
  Link l;
  std::string href = Attr(c, "href");
  if (!HasAttr(c, "href")) href = TextContent(c);
  l.href = ResolveHref(c, href);
  l.rel = Trim(Attr(c, "rel"));
  if (l.rel.empty()) l.rel = "alternate";
  l.type = Trim(Attr(c, "type"));
  l.title = Attr(c, "title");
  l.length = ParseLength(Attr(c, "length"));
  return l;
}

bool IsHtmlType(const std::string& type) {
  return type.empty() || type == "text/html" || type == "application/xhtml+xml";
}

// True for Atom elements: the Atom namespaces, none, or whatever namespace
// the root <feed> declared (feedparser accepts unknown Atom namespaces).
bool IsAtomElement(const xmlNode* c) {
  const Ns ns = NodeNs(c);
  if (ns == Ns::kAtom || ns == Ns::kNone) return true;
  const xmlNode* root = xmlDocGetRootElement(c->doc);
  return ns == Ns::kOther && root && root->ns && c->ns &&
         xmlStrEqual(root->ns->href, c->ns->href);
}

void ReadFeedElements(const xmlNode* parent, std::size_t max_entries,
                      ParsedFeed* feed);

void ReadEntry(const xmlNode* node, Entry* e) {
  e->language = LanguageAt(node);
  std::string alternate;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (!IsAtomElement(c)) {
      ApplyEntryExtension(c, e);
      continue;
    }
    const std::string_view local = LocalName(c);
    if (local == "id") {
      e->id = ResolveId(c);
    } else if (local == "title") {
      ReadText(c, &e->title, &e->title_type, &e->title_detail);
    } else if (local == "link") {
      Link l = ReadLink(c);
      if (l.rel == "alternate" && alternate.empty() && IsHtmlType(l.type)) {
        alternate = l.href;
      }
      if (l.rel == "enclosure") {
        e->enclosures.push_back({l.href, l.type, l.length});
      }
      if (l.rel == "replies" && e->comments_url.empty()) {
        e->comments_url = l.href;
      }
      e->links.push_back(std::move(l));
    } else if (local == "published" || local == "issued") {
      e->published_text = TrimmedText(c);
      e->published = ParseDate(e->published_text);
    } else if (local == "updated" || local == "modified") {
      e->updated_text = TrimmedText(c);
      e->updated = ParseDate(e->updated_text);
    } else if (local == "created") {
      e->created = ParseDate(TrimmedText(c));
    } else if (local == "author") {
      Person p = ReadPerson(c);
      if (!p.empty()) e->authors.push_back(std::move(p));
    } else if (local == "contributor") {
      Person p = ReadPerson(c);
      if (!p.empty()) e->contributors.push_back(std::move(p));
    } else if (local == "summary") {
      ReadText(c, &e->summary, &e->summary_type, &e->summary_detail);
    } else if (local == "content") {
      const std::string src = Attr(c, "src");
      ReadText(c, &e->content, &e->content_type, &e->content_detail);
      if (e->content.empty() && !src.empty()) {
        e->links.push_back(
            {ResolveHref(c, src), "enclosure", Trim(Attr(c, "type")), "", 0});
      }
    } else if (local == "category") {
      Category cat{Attr(c, "term"), Attr(c, "scheme"), Attr(c, "label")};
      if (cat.term.empty()) cat.term = TrimmedText(c);
      AddCategory(&e->categories, std::move(cat));
    } else if (local == "rights" || local == "copyright") {
      std::string type;
      TextDetail detail;
      ReadText(c, &e->rights, &type, &detail);
    } else if (local == "source") {
      auto source = std::make_shared<ParsedFeed>();
      ReadFeedElements(c, 0, source.get());
      e->source_title = source->title;
      e->source_url = source->link;
      e->source = std::move(source);
    }
  }
  if (!alternate.empty()) e->link = alternate;
  if (e->link.empty()) {
    for (const Link& l : e->links) {
      if (l.rel == "alternate") {
        e->link = l.href;
        break;
      }
    }
  }
}

void ReadFeedElements(const xmlNode* parent, std::size_t max_entries,
                      ParsedFeed* feed) {
  std::string alternate;
  for (const xmlNode* c = parent->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (!IsAtomElement(c)) {
      ApplyFeedExtension(c, feed);
      continue;
    }
    const std::string_view local = LocalName(c);
    if (local == "entry") {
      if (feed->entries.size() >= max_entries) continue;
      // Entries are large: build each in place rather than move it there.
      ReadEntry(c, &feed->entries.emplace_back());
    } else if (local == "title") {
      ReadText(c, &feed->title, &feed->title_type, &feed->title_detail);
    } else if (local == "subtitle" || local == "tagline") {
      ReadText(c, &feed->description, &feed->description_type,
               &feed->description_detail);
    } else if (local == "id") {
      feed->id = ResolveId(c);
    } else if (local == "link") {
      Link l = ReadLink(c);
      if (l.rel == "alternate" && alternate.empty() && IsHtmlType(l.type)) {
        alternate = l.href;
      }
      if (l.rel == "self" && feed->self_url.empty()) feed->self_url = l.href;
      if (l.rel == "hub" && feed->hub_url.empty()) feed->hub_url = l.href;
      feed->links.push_back(std::move(l));
    } else if (local == "updated" || local == "modified") {
      feed->updated_text = TrimmedText(c);
      feed->updated = ParseDate(feed->updated_text);
    } else if (local == "published" || local == "issued") {
      feed->published = ParseDate(TrimmedText(c));
    } else if (local == "author") {
      Person p = ReadPerson(c);
      if (!p.empty()) feed->authors.push_back(std::move(p));
    } else if (local == "contributor") {
      Person p = ReadPerson(c);
      if (!p.empty()) feed->contributors.push_back(std::move(p));
    } else if (local == "category") {
      Category cat{Attr(c, "term"), Attr(c, "scheme"), Attr(c, "label")};
      if (cat.term.empty()) cat.term = TrimmedText(c);
      AddCategory(&feed->categories, std::move(cat));
    } else if (local == "generator") {
      feed->generator = TrimmedText(c);
    } else if (local == "icon") {
      feed->icon_url = ResolveHref(c, TextContent(c));
    } else if (local == "logo") {
      feed->image_url = ResolveHref(c, TextContent(c));
    } else if (local == "rights" || local == "copyright") {
      std::string type;
      ReadText(c, &feed->rights, &type, &feed->rights_detail);
    }
  }
  if (!alternate.empty()) {
    feed->link = alternate;
  } else {
    for (const Link& l : feed->links) {
      if (l.rel == "alternate") {
        feed->link = l.href;
        break;
      }
    }
  }
}

}  // namespace

void ParseAtom(const xmlNode* root, const ParseOptions& options,
               ParsedFeed* feed) {
  const bool atom10 =
      root->ns && root->ns->href &&
      std::string_view(reinterpret_cast<const char*>(root->ns->href)) ==
          "http://www.w3.org/2005/Atom";
  feed->format = atom10 ? FeedFormat::kAtom10 : FeedFormat::kAtom03;
  if (!atom10 && root->ns == nullptr && Attr(root, "version") != "0.3") {
    // Namespace-less <feed>: most such documents are Atom 1.0 shaped.
    feed->format = FeedFormat::kAtom10;
  }
  feed->language = LanguageAt(root);
  ReadFeedElements(root, options.max_entries, feed);
}

}  // namespace tidings::feed
