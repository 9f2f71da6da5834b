#include "feed/opml.h"

#include <libxml/tree.h>

#include <map>

#include "feed/encoding.h"
#include "feed/xml_util.h"

namespace tidings::feed {
namespace {

// Nesting deeper than this is not a subscription list but an attack.
constexpr int kMaxOutlineDepth = 64;

// The attribute `name` in the Tidings namespace, else without a namespace.
std::string TidingsAttr(const xmlNode* node, const char* name) {
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    std::string_view an = reinterpret_cast<const char*>(a->name);
    const bool tidings_ns =
        a->ns && a->ns->href &&
        std::string_view(reinterpret_cast<const char*>(a->ns->href)) ==
            kOpmlNamespace;
    // Undeclared prefix: libxml2 keeps "tidings:country" as the name.
    const bool prefixed = an.rfind("tidings:", 0) == 0;
    if (prefixed) an.remove_prefix(8);
    if ((tidings_ns || prefixed) && an == name) {
      xmlChar* v = xmlNodeGetContent(reinterpret_cast<const xmlNode*>(a));
      std::string out = v ? Trim(reinterpret_cast<const char*>(v)) : "";
      xmlFree(v);
      return out;
    }
  }
  return "";
}

// The attribute by exact (un-namespaced) name, case-insensitively: OPML
// in the wild writes "xmlurl" and "XMLURL" too.
std::string PlainAttr(const xmlNode* node, std::string_view name) {
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (a->ns != nullptr) continue;
    if (ToLower(reinterpret_cast<const char*>(a->name)) == ToLower(name)) {
      xmlChar* v = xmlNodeGetContent(reinterpret_cast<const xmlNode*>(a));
      std::string out = v ? Trim(reinterpret_cast<const char*>(v)) : "";
      xmlFree(v);
      return out;
    }
  }
  return "";
}

std::string LastCategorySegment(const std::string& category) {
  // OPML 2.0: comma-separated slash-delimited paths; take the first path.
  std::string first = Trim(category.substr(0, category.find(',')));
  while (!first.empty() && first.back() == '/') first.pop_back();
  const std::size_t slash = first.rfind('/');
  return Trim(slash == std::string::npos ? first : first.substr(slash + 1));
}

void Walk(const xmlNode* parent, const std::string& folder, int depth,
          OpmlDocument* doc) {
  if (depth > kMaxOutlineDepth) return;
  for (const xmlNode* c = parent->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || ToLower(LocalName(c)) != "outline") {
      continue;
    }
    std::string title = PlainAttr(c, "title");
    if (title.empty()) title = PlainAttr(c, "text");
    const std::string url = PlainAttr(c, "xmlUrl");
    if (url.empty()) {
      Walk(c, title.empty() ? folder : title, depth + 1, doc);
      continue;
    }
    OpmlFeed feed;
    feed.url = url;
    feed.title = title;
    feed.site_url = PlainAttr(c, "htmlUrl");
    feed.category = TidingsAttr(c, "category");
    if (feed.category.empty()) feed.category = folder;
    if (feed.category.empty()) {
      feed.category = LastCategorySegment(PlainAttr(c, "category"));
    }
    feed.country = ToLower(TidingsAttr(c, "country"));
    if (feed.country.empty()) feed.country = ToLower(PlainAttr(c, "country"));
    feed.publisher = TidingsAttr(c, "publisher");
    feed.language = TidingsAttr(c, "language");
    if (feed.language.empty()) feed.language = PlainAttr(c, "language");
    doc->feeds.push_back(std::move(feed));
    // Some readers nest feeds under feeds; keep walking.
    Walk(c, folder, depth + 1, doc);
  }
}

void AppendAttr(std::string* out, std::string_view name,
                std::string_view value) {
  if (value.empty()) return;
  *out += ' ';
  *out += name;
  *out += "=\"";
  AppendXmlEscaped(value, /*attribute=*/true, out);
  *out += '"';
}

void AppendFeed(std::string* out, const OpmlFeed& f, std::string_view indent) {
  *out += indent;
  *out += "<outline type=\"rss\"";
  AppendAttr(out, "text", f.title.empty() ? f.url : f.title);
  AppendAttr(out, "title", f.title);
  AppendAttr(out, "xmlUrl", f.url);
  AppendAttr(out, "htmlUrl", f.site_url);
  AppendAttr(out, "tidings:country", f.country);
  AppendAttr(out, "tidings:category", f.category);
  AppendAttr(out, "tidings:publisher", f.publisher);
  AppendAttr(out, "tidings:language", f.language);
  *out += "/>\n";
}

}  // namespace

Result<OpmlDocument> ParseOpml(std::string_view bytes) {
  std::string decoded_storage;
  DecodedText decoded = DecodeToUtf8(bytes, "", &decoded_storage);
  std::string problem;
  std::string clean_storage;
  const std::string_view clean =
      CleanXml(decoded.utf8, &clean_storage, &problem);
  std::string xml_error;
  Result<XmlDocPtr> xml = ParseXml(clean, "", &xml_error);
  if (!xml.ok()) {
    return Status::Corruption("opml: " + xml.status().message());
  }
  const xmlNode* root = xmlDocGetRootElement(xml->get());
  if (ToLower(LocalName(root)) != "opml") {
    return Status::InvalidArgument("opml: root element is <" +
                                   std::string(LocalName(root)) +
                                   ">, not <opml>");
  }
  OpmlDocument doc;
  for (const xmlNode* c = root->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const std::string name = ToLower(LocalName(c));
    if (name == "head") {
      for (const xmlNode* h = c->children; h; h = h->next) {
        if (h->type == XML_ELEMENT_NODE && LocalName(h) == "title") {
          doc.title = TrimmedText(h);
        }
      }
    } else if (name == "body") {
      Walk(c, "", 0, &doc);
    }
  }
  return doc;
}

std::string WriteOpml(const OpmlDocument& doc) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<opml version=\"2.0\" xmlns:tidings=\"" +
      std::string(kOpmlNamespace) + "\">\n  <head>\n    <title>";
  for (char c : doc.title) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else {
      out += c;
    }
  }
  out += "</title>\n  </head>\n  <body>\n";
  // Folders in first-seen order.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const OpmlFeed*>> by_category;
  for (const OpmlFeed& f : doc.feeds) {
    if (f.category.empty()) {
      AppendFeed(&out, f, "    ");
      continue;
    }
    auto [it, inserted] = by_category.try_emplace(f.category);
    if (inserted) order.push_back(f.category);
    it->second.push_back(&f);
  }
  for (const std::string& category : order) {
    out += "    <outline";
    AppendAttr(&out, "text", category);
    AppendAttr(&out, "title", category);
    out += ">\n";
    for (const OpmlFeed* f : by_category[category]) {
      AppendFeed(&out, *f, "      ");
    }
    out += "    </outline>\n";
  }
  out += "  </body>\n</opml>\n";
  return out;
}

}  // namespace tidings::feed
