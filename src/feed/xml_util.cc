#include "feed/xml_util.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <mutex>
#include <set>

#include "base/url.h"

namespace tidings::feed {
namespace {

// Longest entity name worth looking up (HTML's longest is 8 characters).
constexpr std::size_t kMaxEntityName = 32;

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == ':';
}

// Collects the names declared by <!ENTITY name …> in a DOCTYPE.
void CollectDeclaredEntities(std::string_view doctype,
                             std::set<std::string>* names) {
  std::size_t pos = 0;
  while ((pos = doctype.find("<!ENTITY", pos)) != std::string_view::npos) {
    pos += 8;
    while (pos < doctype.size() &&
           (doctype[pos] == ' ' || doctype[pos] == '\t' ||
            doctype[pos] == '\n' || doctype[pos] == '%')) {
      ++pos;
    }
    std::size_t end = pos;
    while (end < doctype.size() && IsNameChar(doctype[end])) ++end;
    if (end > pos) names->emplace(doctype.substr(pos, end - pos));
  }
}

// Length of a well-formed character reference at s[i] ("&#123;", "&#x1F;"),
// or 0.
std::size_t CharRefLength(std::string_view s, std::size_t i) {
  std::size_t j = i + 2;
  const bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
  if (hex) ++j;
  const std::size_t digits_start = j;
  while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') ||
                          (hex && ((s[j] >= 'a' && s[j] <= 'f') ||
                                   (s[j] >= 'A' && s[j] <= 'F'))))) {
    ++j;
  }
  if (j == digits_start || j >= s.size() || s[j] != ';') return 0;
  return j + 1 - i;
}

struct ErrorCapture {
  std::string first;
};

void CaptureError(void* data, xmlErrorPtr error) {
  auto* capture = static_cast<ErrorCapture*>(data);
  if (error == nullptr || !capture->first.empty()) return;
  if (error->level < XML_ERR_ERROR) return;
  std::string message = error->message ? error->message : "XML error";
  while (!message.empty() &&
         (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  capture->first = "feed: line " + std::to_string(error->line) + ": " + message;
}

void IgnoreGenericError(void*, const char*, ...) {}

void InitLibxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

bool IsVoidHtmlElement(std::string_view name) {
  static constexpr std::array<std::string_view, 14> kVoid = {
      "area",  "base", "br",   "col",   "embed",  "hr",    "img",
      "input", "link", "meta", "param", "source", "track", "wbr"};
  for (std::string_view v : kVoid) {
    if (v == name) return true;
  }
  return false;
}

std::string QualifiedName(const xmlNode* node) {
  std::string name = reinterpret_cast<const char*>(node->name);
  const Ns ns = NodeNs(node);
  if (ns == Ns::kXhtml || ns == Ns::kNone || node->ns == nullptr ||
      node->ns->prefix == nullptr) {
    return std::string(LocalName(node));
  }
  return reinterpret_cast<const char*>(node->ns->prefix) + (":" + name);
}

void Serialize(const xmlNode* node, std::string* out, int depth) {
  // libxml2 already bounds depth while parsing; this guards the recursion.
  constexpr int kMaxSerializeDepth = 512;
  if (depth > kMaxSerializeDepth) return;
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    switch (c->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (c->content) {
          AppendXmlEscaped(reinterpret_cast<const char*>(c->content), false,
                           out);
        }
        break;
      case XML_ENTITY_REF_NODE: {
        xmlChar* text = xmlNodeGetContent(c);
        if (text) {
          AppendXmlEscaped(reinterpret_cast<const char*>(text), false, out);
          xmlFree(text);
        }
        break;
      }
      case XML_ELEMENT_NODE: {
        const std::string name = QualifiedName(c);
        *out += '<';
        *out += name;
        for (const xmlAttr* a = c->properties; a != nullptr; a = a->next) {
          *out += ' ';
          if (a->ns && a->ns->prefix) {
            *out += reinterpret_cast<const char*>(a->ns->prefix);
            *out += ':';
          }
          *out += reinterpret_cast<const char*>(a->name);
          *out += "=\"";
          xmlChar* v = xmlNodeGetContent(reinterpret_cast<const xmlNode*>(a));
          if (v) {
            AppendXmlEscaped(reinterpret_cast<const char*>(v), true, out);
            xmlFree(v);
          }
          *out += '"';
        }
        if (c->children == nullptr && IsVoidHtmlElement(name)) {
          *out += " />";
        } else {
          *out += '>';
          Serialize(c, out, depth + 1);
          *out += "</" + name + ">";
        }
        break;
      }
      default:
        break;
    }
  }
}

struct NsEntry {
  std::string_view uri;
  Ns ns;
};

constexpr NsEntry kNamespaces[] = {
    {"http://www.w3.org/2005/atom", Ns::kAtom},
    {"http://purl.org/atom/ns#", Ns::kAtom},
    {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", Ns::kRdf},
    {"http://purl.org/rss/1.0/", Ns::kNone},
    {"http://my.netscape.com/rdf/simple/0.9/", Ns::kNone},
    {"http://backend.userland.com/rss2", Ns::kNone},
    {"http://backend.userland.com/rss", Ns::kNone},
    {"http://blogs.law.harvard.edu/tech/rss", Ns::kNone},
    {"http://purl.org/dc/elements/1.1/", Ns::kDc},
    {"http://purl.org/dc/terms/", Ns::kDcTerms},
    {"http://purl.org/rss/1.0/modules/content/", Ns::kContent},
    {"http://search.yahoo.com/mrss/", Ns::kMedia},
    {"http://search.yahoo.com/mrss", Ns::kMedia},
    {"http://www.itunes.com/dtds/podcast-1.0.dtd", Ns::kItunes},
    {"http://www.itunes.com/dtds/podcast-1.0.dtd/", Ns::kItunes},
    {"http://www.itunes.com/dtds/podcast-1.0.dtd/", Ns::kItunes},
    {"http://www.itunes.com/dtds/podcast-1.0.dtd#", Ns::kItunes},
    {"http://purl.org/rss/1.0/modules/slash/", Ns::kSlash},
    {"http://www.w3.org/1999/xhtml", Ns::kXhtml},
    {"http://rssnamespace.org/feedburner/ext/1.0", Ns::kFeedburner},
    {"http://wellformedweb.org/commentapi/", Ns::kWfw},
    {"http://purl.org/syndication/thread/1.0", Ns::kThread},
};

struct PrefixEntry {
  std::string_view prefix;
  Ns ns;
};

constexpr PrefixEntry kPrefixes[] = {
    {"atom", Ns::kAtom},       {"rdf", Ns::kRdf},
    {"dc", Ns::kDc},           {"dcterms", Ns::kDcTerms},
    {"content", Ns::kContent}, {"media", Ns::kMedia},
    {"itunes", Ns::kItunes},   {"slash", Ns::kSlash},
    {"xhtml", Ns::kXhtml},     {"feedburner", Ns::kFeedburner},
    {"wfw", Ns::kWfw},         {"thr", Ns::kThread},
};

Ns NsFromUri(std::string_view uri) {
  const std::string lower = ToLower(uri);
  if (lower.rfind("http://backend.userland.com/rss", 0) == 0) return Ns::kNone;
  for (const NsEntry& e : kNamespaces) {
    if (e.uri == lower) return e.ns;
  }
  return Ns::kOther;
}

}  // namespace

void AppendXmlEscaped(std::string_view text, bool attribute, std::string* out) {
  for (char c : text) {
    switch (c) {
      case '&':
        *out += "&amp;";
        break;
      case '<':
        *out += "&lt;";
        break;
      case '>':
        *out += "&gt;";
        break;
      case '"':
        *out += attribute ? "&quot;" : "\"";
        break;
      case '\n':
        // A raw newline in an attribute would be normalised to a space.
        *out += attribute ? "&#10;" : "\n";
        break;
      default:
        *out += c;
    }
  }
}

std::string Trim(std::string_view s) {
  const char* kSpace = " \t\r\n";
  const std::size_t b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return "";
  const std::size_t e = s.find_last_not_of(kSpace);
  return std::string(s.substr(b, e - b + 1));
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string CleanXml(std::string_view s, std::string* problem) {
  std::string out;
  out.reserve(s.size() + s.size() / 16);
  std::set<std::string> declared;
  auto note = [&](std::string what) {
    if (problem->empty()) *problem = "feed: " + std::move(what);
  };
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '<') {
      std::string_view rest = s.substr(i);
      std::string_view close;
      if (rest.substr(0, 9) == "<![CDATA[") {
        close = "]]>";
      } else if (rest.substr(0, 4) == "<!--") {
        close = "-->";
      } else if (rest.substr(0, 2) == "<?") {
        close = "?>";
      } else if (rest.substr(0, 9) == "<!DOCTYPE") {
        // The internal subset ends at "]>"; a DOCTYPE without one at ">".
        const std::size_t bracket = rest.find('[');
        const std::size_t gt = rest.find('>');
        std::size_t end;
        if (bracket != std::string_view::npos && bracket < gt) {
          end = rest.find("]>", bracket);
          end = end == std::string_view::npos ? rest.size() : end + 2;
        } else {
          end = gt == std::string_view::npos ? rest.size() : gt + 1;
        }
        CollectDeclaredEntities(rest.substr(0, end), &declared);
        out.append(rest.substr(0, end));
        i += end;
        continue;
      }
      if (!close.empty()) {
        std::size_t end = rest.find(close, 2);
        end = end == std::string_view::npos ? rest.size() : end + close.size();
        out.append(rest.substr(0, end));
        i += end;
        continue;
      }
      out += c;
      ++i;
      continue;
    }
    if (c == '&') {
      if (i + 1 < s.size() && s[i + 1] == '#') {
        const std::size_t len = CharRefLength(s, i);
        if (len > 0) {
          out.append(s.substr(i, len));
          // XML allows only a lower-case 'x' in "&#x41;".
          if (s[i + 2] == 'X') out[out.size() - len + 2] = 'x';
          i += len;
        } else {
          note("bare '&' in text");
          out += "&amp;";
          ++i;
        }
        continue;
      }
      std::size_t j = i + 1;
      while (j < s.size() && j - i <= kMaxEntityName && IsNameChar(s[j])) ++j;
      if (j < s.size() && s[j] == ';' && j > i + 1) {
        const std::string name(s.substr(i + 1, j - i - 1));
        if (name == "amp" || name == "lt" || name == "gt" || name == "quot" ||
            name == "apos" || declared.count(name)) {
          out.append(s.substr(i, j + 1 - i));
        } else if (const htmlEntityDesc* e = htmlEntityLookup(
                       reinterpret_cast<const xmlChar*>(name.c_str()))) {
          note("undefined entity &" + name + ";");
          out += "&#" + std::to_string(e->value) + ";";
        } else {
          note("undefined entity &" + name + ";");
          out += "&amp;";
          out.append(s.substr(i + 1, j - i));
        }
        i = j + 1;
        continue;
      }
      note("bare '&' in text");
      out += "&amp;";
      ++i;
      continue;
    }
    const unsigned char uc = static_cast<unsigned char>(c);
    if (uc < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      note("control character in document");
      ++i;
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

Result<XmlDocPtr> ParseXml(std::string_view utf8, const std::string& base_url,
                           std::string* error) {
  InitLibxml();
  ErrorCapture capture;
  xmlSetStructuredErrorFunc(&capture, CaptureError);
  xmlSetGenericErrorFunc(nullptr, IgnoreGenericError);
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (ctxt == nullptr) {
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    return Status::Internal("feed: cannot allocate an XML parser");
  }
  // No network, no external DTD or entities, keep going after errors.
  constexpr int kOptions = XML_PARSE_RECOVER | XML_PARSE_NONET |
                           XML_PARSE_NOWARNING | XML_PARSE_COMPACT;
  xmlDoc* doc = xmlCtxtReadMemory(
      ctxt, utf8.data(), static_cast<int>(utf8.size()),
      base_url.empty() ? nullptr : base_url.c_str(), "UTF-8", kOptions);
  const bool well_formed = ctxt->wellFormed != 0 && ctxt->nsWellFormed != 0;
  xmlFreeParserCtxt(ctxt);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  xmlSetGenericErrorFunc(nullptr, nullptr);
  if (!well_formed) {
    *error = capture.first.empty() ? "feed: document is not well-formed"
                                   : capture.first;
  }
  if (doc == nullptr || xmlDocGetRootElement(doc) == nullptr) {
    if (doc) xmlFreeDoc(doc);
    return Status::Corruption(
        capture.first.empty() ? "feed: no XML document found" : capture.first);
  }
  return XmlDocPtr(doc);
}

Ns NodeNs(const xmlNode* node) {
  if (node->ns != nullptr && node->ns->href != nullptr) {
    return NsFromUri(reinterpret_cast<const char*>(node->ns->href));
  }
  const char* name = reinterpret_cast<const char*>(node->name);
  if (const char* colon = std::strchr(name, ':')) {
    const std::string prefix = ToLower(std::string_view(name, colon - name));
    for (const PrefixEntry& e : kPrefixes) {
      if (e.prefix == prefix) return e.ns;
    }
    return Ns::kOther;
  }
  return Ns::kNone;
}

std::string_view LocalName(const xmlNode* node) {
  std::string_view name = reinterpret_cast<const char*>(node->name);
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool Is(const xmlNode* node, Ns ns, std::string_view local) {
  return node->type == XML_ELEMENT_NODE && LocalName(node) == local &&
         NodeNs(node) == ns;
}

std::string Attr(const xmlNode* node, const char* name) {
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    std::string_view an = reinterpret_cast<const char*>(a->name);
    const std::size_t colon = an.find(':');
    if (colon != std::string_view::npos) an = an.substr(colon + 1);
    if (an == name) {
      xmlChar* v = xmlNodeGetContent(reinterpret_cast<const xmlNode*>(a));
      std::string out = v ? reinterpret_cast<const char*>(v) : "";
      xmlFree(v);
      return out;
    }
  }
  return "";
}

bool HasAttr(const xmlNode* node, const char* name) {
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    std::string_view an = reinterpret_cast<const char*>(a->name);
    const std::size_t colon = an.find(':');
    if (colon != std::string_view::npos) an = an.substr(colon + 1);
    if (an == name) return true;
  }
  return false;
}

std::string TextContent(const xmlNode* node) {
  xmlChar* v = xmlNodeGetContent(node);
  std::string out = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

std::string TrimmedText(const xmlNode* node) { return Trim(TextContent(node)); }

std::string InnerXml(const xmlNode* node) {
  std::string out;
  Serialize(node, &out, 0);
  return out;
}

bool HasElementChildren(const xmlNode* node) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) return true;
  }
  return false;
}

std::string BaseAt(const xmlNode* node) {
  xmlChar* base = xmlNodeGetBase(node->doc, node);
  if (base == nullptr) return "";
  std::string out = reinterpret_cast<const char*>(base);
  xmlFree(base);
  return out;
}

std::string ResolveAgainst(const std::string& base, std::string_view href) {
  std::string ref = Trim(href);
  if (base.empty()) return ref;
  if (ref.empty()) return base;
  // An absolute reference stays exactly as written.
  std::size_t k = 0;
  while (k < ref.size() && (std::isalnum(static_cast<unsigned char>(ref[k])) ||
                            ref[k] == '+' || ref[k] == '-' || ref[k] == '.')) {
    ++k;
  }
  if (k > 0 && k < ref.size() && ref[k] == ':' &&
      std::isalpha(static_cast<unsigned char>(ref[0]))) {
    return ref;
  }
  Result<std::string> resolved = ResolveUrl(base, ref);
  if (resolved.ok()) return *resolved;
  // A base without an authority (relative xml:base, "tag:"): let libxml2's
  // generic RFC 3986 resolution try.
  xmlChar* built = xmlBuildURI(reinterpret_cast<const xmlChar*>(ref.c_str()),
                               reinterpret_cast<const xmlChar*>(base.c_str()));
  if (built == nullptr) return ref;
  std::string out = reinterpret_cast<const char*>(built);
  xmlFree(built);
  return out;
}

std::string ResolveHref(const xmlNode* node, std::string_view href) {
  return ResolveAgainst(BaseAt(node), href);
}

std::string ResolveHtmlUrls(std::string html, const xmlNode* node) {
  if (html.find('<') == std::string::npos) return html;
  const std::string base = BaseAt(node);
  if (base.empty()) return html;
  static constexpr std::string_view kUrlAttributes[] = {
      "href",     "src",     "action",   "background", "cite",
      "codebase", "data",    "longdesc", "lowsrc",     "usemap",
      "poster",   "profile", "dynsrc"};
  std::string out;
  out.reserve(html.size() + html.size() / 8);
  std::size_t i = 0;
  while (i < html.size()) {
    const std::size_t lt = html.find('<', i);
    if (lt == std::string::npos || lt + 1 >= html.size() ||
        !std::isalpha(static_cast<unsigned char>(html[lt + 1]))) {
      const std::size_t stop = lt == std::string::npos ? html.size() : lt + 1;
      out.append(html, i, stop - i);
      i = stop;
      continue;
    }
    const std::size_t gt = html.find('>', lt);
    if (gt == std::string::npos) {
      out.append(html, i, std::string::npos);
      break;
    }
    out.append(html, i, lt - i);
    // Walk the tag's attributes, rewriting URL-valued ones.
    std::size_t p = lt + 1;
    while (p < gt && !std::isspace(static_cast<unsigned char>(html[p]))) ++p;
    out.append(html, lt, p - lt);
    while (p < gt) {
      const std::size_t name_start = p;
      while (p < gt && std::isspace(static_cast<unsigned char>(html[p]))) ++p;
      const std::size_t ns = p;
      while (p < gt && html[p] != '=' && html[p] != '>' &&
             !std::isspace(static_cast<unsigned char>(html[p]))) {
        ++p;
      }
      const std::string name =
          ToLower(std::string_view(html).substr(ns, p - ns));
      if (p >= gt || html[p] != '=') {
        out.append(html, name_start, p - name_start);
        if (p == ns) {
          out.append(html, p, gt - p);
          p = gt;
        }
        continue;
      }
      ++p;  // '='
      const char quote = html[p] == '"' || html[p] == '\'' ? html[p] : '\0';
      std::size_t v_start = quote ? p + 1 : p;
      std::size_t v_end = quote ? html.find(quote, v_start) : v_start;
      if (quote && (v_end == std::string::npos || v_end > gt)) v_end = gt;
      if (!quote) {
        while (v_end < gt &&
               !std::isspace(static_cast<unsigned char>(html[v_end])))
          ++v_end;
      }
      out.append(html, name_start, v_start - name_start);
      const std::string value = html.substr(v_start, v_end - v_start);
      bool is_url = false;
      for (std::string_view a : kUrlAttributes) {
        if (a == name) is_url = true;
      }
      out += is_url && !value.empty() ? ResolveAgainst(base, value) : value;
      p = v_end;
      if (quote && p < gt) {
        out += quote;
        ++p;
      }
    }
    out += '>';
    i = gt + 1;
  }
  return out;
}

std::string LanguageAt(const xmlNode* node) {
  xmlChar* lang = xmlNodeGetLang(node);
  std::string out = lang ? reinterpret_cast<const char*>(lang) : "";
  xmlFree(lang);
  // "en_US" is a common misspelling of the BCP 47 tag "en-US".
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

}  // namespace tidings::feed
