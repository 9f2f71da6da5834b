#include "feed/xml_util.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <set>

#include "base/url.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace tidings::feed {
namespace {

// Longest entity name worth looking up (HTML's longest is 8 characters).
constexpr std::size_t kMaxEntityName = 32;
// Length of the longest predefined XML entity reference after the '&'
// ("quot;", "apos;").
constexpr std::size_t kLongestXmlEntity = 5;

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

// Bytes CleanXml must look at: markup starts, entity references and the
// control characters XML forbids.
constexpr std::array<bool, 256> MakeSpecialXmlBytes() {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = true;
  table['\t'] = table['\n'] = table['\r'] = false;
  table['<'] = table['&'] = true;
  return table;
}
constexpr std::array<bool, 256> kSpecialXmlBytes = MakeSpecialXmlBytes();

bool IsSpecialXmlByte(char c) {
  return kSpecialXmlBytes[static_cast<unsigned char>(c)];
}

// The position of the first byte at or after `i` that CleanXml must look
// at (s.size() when none). Sixteen bytes at a time where SSE2 is there:
// this scan touches every byte of every feed.
std::size_t NextSpecialXmlByte(std::string_view s, std::size_t i) {
#ifdef __SSE2__
  const __m128i lt = _mm_set1_epi8('<');
  const __m128i amp = _mm_set1_epi8('&');
  const __m128i below_space = _mm_set1_epi8(0x1F);
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i carriage_return = _mm_set1_epi8('\r');
  constexpr std::size_t kBlock = sizeof(__m128i);
  while (i + kBlock <= s.size()) {
    const __m128i x =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    // Unsigned x <= 0x1F, less the three allowed controls.
    const __m128i control = _mm_andnot_si128(
        _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(x, tab), _mm_cmpeq_epi8(x, newline)),
            _mm_cmpeq_epi8(x, carriage_return)),
        _mm_cmpeq_epi8(_mm_min_epu8(x, below_space), x));
    const __m128i hit = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(x, lt), _mm_cmpeq_epi8(x, amp)), control);
    const int mask = _mm_movemask_epi8(hit);
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(mask));
    i += kBlock;
  }
#endif
  while (i < s.size() && !IsSpecialXmlByte(s[i])) ++i;
  return i;
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

// What the start-element hook below needs: libxml2's own handler, which
// builds the tree, and where to note items.
struct ItemCollector {
  startElementNsSAX2Func build_element;
  std::vector<const xmlNode*>* items;
};

bool IsItemName(const xmlNode* node) {
  const std::string_view local = LocalName(node);
  return local.size() == 4 && (local[0] | 0x20) == 'i' &&
         (local[1] | 0x20) == 't' && (local[2] | 0x20) == 'e' &&
         (local[3] | 0x20) == 'm';
}

// Builds the element as libxml2 would, then notes it when it is an item:
// the tree comes out the same, and RSS finds its items without a second
// pass over every node (which costs a cache miss per node on large feeds).
void StartElementNotingItems(void* ctx, const xmlChar* local_name,
                             const xmlChar* prefix, const xmlChar* uri,
                             int namespace_count, const xmlChar** namespaces,
                             int attribute_count, int defaulted_count,
                             const xmlChar** attributes) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  auto* collector = static_cast<ItemCollector*>(ctxt->_private);
  const xmlNode* parent = ctxt->node;
  collector->build_element(ctx, local_name, prefix, uri, namespace_count,
                           namespaces, attribute_count, defaulted_count,
                           attributes);
  // An unchanged current node means no element was made (out of memory).
  if (ctxt->node != nullptr && ctxt->node != parent && IsItemName(ctxt->node)) {
    collector->items->push_back(ctxt->node);
  }
}

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

// ASCII case-insensitive equality with a lower-case `lower`.
bool EqualsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

Ns NsFromUri(std::string_view uri) {
  constexpr std::string_view kUserland = "http://backend.userland.com/rss";
  if (uri.size() >= kUserland.size() &&
      EqualsLower(uri.substr(0, kUserland.size()), kUserland)) {
    return Ns::kNone;
  }
  for (const NsEntry& e : kNamespaces) {
    // Most documents spell the URI as the table does; memcmp settles that
    // before the byte-by-byte case-insensitive comparison.
    if (uri.size() == e.uri.size() &&
        (uri == e.uri || EqualsLower(uri, e.uri))) {
      return e.ns;
    }
  }
  return Ns::kOther;
}

constexpr std::string_view kXmlNamespace =
    "http://www.w3.org/XML/1998/namespace";

// True when attributes may come from DTD defaults, which libxml2's own
// lookups (xmlNodeGetBase, xmlNodeGetLang) honour: the fast paths below
// then defer to them.
bool MayHaveDtdAttributes(const xmlNode* node) {
  return node->doc != nullptr && node->doc->intSubset != nullptr &&
         node->doc->intSubset->attributes != nullptr;
}

// The xml:`name` attribute of `node` itself, or null.
const xmlAttr* XmlAttribute(const xmlNode* node, std::string_view name) {
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (a->ns != nullptr && a->ns->href != nullptr &&
        reinterpret_cast<const char*>(a->name) == name &&
        reinterpret_cast<const char*>(a->ns->href) == kXmlNamespace) {
      return a;
    }
  }
  return nullptr;
}

// The text of a node without copying when it is one text node: *storage
// holds it otherwise.
std::string_view ContentView(const xmlNode* node, std::string* storage) {
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    return node->content ? reinterpret_cast<const char*>(node->content) : "";
  }
  if (node->type == XML_ELEMENT_NODE || node->type == XML_ATTRIBUTE_NODE) {
    const xmlNode* c = node->children;
    if (c == nullptr) return "";
    if (c->next == nullptr && c->children == nullptr &&
        (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)) {
      return c->content ? reinterpret_cast<const char*>(c->content) : "";
    }
  }
  // Mixed content, entity references: libxml2 concatenates.
  xmlChar* v = xmlNodeGetContent(node);
  storage->assign(v ? reinterpret_cast<const char*>(v) : "");
  xmlFree(v);
  return *storage;
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

std::string_view TrimView(std::string_view s) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  };
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

std::string Trim(std::string_view s) { return std::string(TrimView(s)); }

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view CleanXml(std::string_view s, std::string* storage,
                          std::string* problem) {
  // Most feeds need no repair: scan without copying, and start writing
  // *storage only at the first repair (copying what came before it).
  bool copying = false;
  std::size_t flushed = 0;  // Input before this is in *storage.
  // Replaces s[from, to) with `with`.
  auto repair = [&](std::size_t from, std::size_t to, std::string_view with) {
    if (!copying) {
      storage->clear();
      storage->reserve(s.size() + s.size() / 16);
      copying = true;
    }
    storage->append(s.substr(flushed, from - flushed));
    storage->append(with);
    flushed = to;
  };
  auto note = [&](std::string_view what) {
    if (problem->empty()) *problem = "feed: " + std::string(what);
  };
  std::set<std::string> declared;
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    i = NextSpecialXmlByte(s, i);
    if (i >= n) break;
    const char c = s[i];
    if (c == '<') {
      const std::string_view rest = s.substr(i);
      std::string_view close;
      if (rest.size() < 2 || (rest[1] != '!' && rest[1] != '?')) {
        ++i;  // A tag: nothing to repair in its markup.
        continue;
      }
      if (rest.substr(0, 9) == "<![CDATA[") {
        close = "]]>";
      } else if (rest.substr(0, 4) == "<!--") {
        close = "-->";
      } else if (rest[1] == '?') {
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
        i += end;
        continue;
      }
      if (!close.empty()) {
        const std::size_t end = rest.find(close, 2);
        i += end == std::string_view::npos ? rest.size() : end + close.size();
        continue;
      }
      ++i;
      continue;
    }
    if (c == '&') {
      if (i + 1 < n && s[i + 1] == '#') {
        const std::size_t len = CharRefLength(s, i);
        if (len > 0) {
          if (s[i + 2] == 'X') {
            // XML allows only a lower-case 'x' in "&#x41;".
            repair(i + 2, i + 3, "x");
          }
          i += len;
        } else {
          note("bare '&' in text");
          repair(i, i + 1, "&amp;");
          ++i;
        }
        continue;
      }
      // Escaped markup makes "&lt;" and friends the most common case.
      const std::string_view after = s.substr(i + 1, kLongestXmlEntity);
      if (after.substr(0, 3) == "lt;" || after.substr(0, 3) == "gt;" ||
          after.substr(0, 4) == "amp;" || after.substr(0, 5) == "quot;" ||
          after.substr(0, 5) == "apos;") {
        i += after[0] == 'l' || after[0] == 'g'   ? 4
             : after[0] == 'a' && after[1] == 'm' ? 5
                                                  : 6;
        continue;
      }
      std::size_t j = i + 1;
      while (j < n && j - i <= kMaxEntityName && IsNameChar(s[j])) ++j;
      if (j < n && s[j] == ';' && j > i + 1) {
        const std::string_view name = s.substr(i + 1, j - i - 1);
        if (name == "amp" || name == "lt" || name == "gt" || name == "quot" ||
            name == "apos" ||
            (!declared.empty() && declared.count(std::string(name)))) {
          // Defined: kept as written.
        } else {
          note("undefined entity &" + std::string(name) + ";");
          char buffer[kMaxEntityName + 2];
          std::memcpy(buffer, name.data(), name.size());
          buffer[name.size()] = '\0';
          if (const htmlEntityDesc* e =
                  htmlEntityLookup(reinterpret_cast<const xmlChar*>(buffer))) {
            repair(i, j + 1, "&#" + std::to_string(e->value) + ";");
          } else {
            repair(i, i + 1, "&amp;");
          }
        }
        i = j + 1;
        continue;
      }
      note("bare '&' in text");
      repair(i, i + 1, "&amp;");
      ++i;
      continue;
    }
    // A control character (tab, newline and carriage return are not special).
    note("control character in document");
    repair(i, i + 1, "");
    ++i;
  }
  if (!copying) return s;
  storage->append(s.substr(flushed));
  return *storage;
}

Result<XmlDocPtr> ParseXml(std::string_view utf8, const std::string& base_url,
                           std::string* error,
                           std::vector<const xmlNode*>* items) {
  InitLibxml();
  ErrorCapture capture;
  xmlSetStructuredErrorFunc(&capture, CaptureError);
  xmlSetGenericErrorFunc(nullptr, IgnoreGenericError);
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (ctxt == nullptr) {
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    return Status::Internal("feed: cannot allocate an XML parser");
  }
  ItemCollector collector{nullptr, items};
  if (items != nullptr && ctxt->sax != nullptr &&
      ctxt->sax->startElementNs != nullptr) {
    collector.build_element = ctxt->sax->startElementNs;
    ctxt->_private = &collector;  // The application's field.
    ctxt->sax->startElementNs = StartElementNotingItems;
  }
  // No network, no external DTD or entities, keep going after errors. The
  // text is UTF-8 already, whatever its declaration says: IGNORE_ENC with
  // no encoding named lets libxml2 read the buffer directly, where naming
  // "UTF-8" would run every byte through a UTF-8 to UTF-8 converter.
  constexpr int kOptions = XML_PARSE_RECOVER | XML_PARSE_NONET |
                           XML_PARSE_NOWARNING | XML_PARSE_COMPACT |
                           XML_PARSE_IGNORE_ENC;
  xmlDoc* doc = xmlCtxtReadMemory(
      ctxt, utf8.data(), static_cast<int>(utf8.size()),
      base_url.empty() ? nullptr : base_url.c_str(), nullptr, kOptions);
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
    // Every element asks, and a document declares few namespaces: the
    // answer is cached on the declaration (_private is the application's
    // field; libxml2 never reads it). Stored as Ns + 1 so null means unset.
    xmlNs* ns = node->ns;
    if (ns->_private != nullptr) {
      return static_cast<Ns>(reinterpret_cast<std::uintptr_t>(ns->_private) -
                             1);
    }
    const Ns resolved = NsFromUri(reinterpret_cast<const char*>(ns->href));
    ns->_private =
        reinterpret_cast<void*>(static_cast<std::uintptr_t>(resolved) + 1);
    return resolved;
  }
  const char* name = reinterpret_cast<const char*>(node->name);
  if (const char* colon = std::strchr(name, ':')) {
    const std::string_view prefix(name, colon - name);
    for (const PrefixEntry& e : kPrefixes) {
      if (EqualsLower(prefix, e.prefix)) return e.ns;
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
      std::string storage;
      const std::string_view v =
          ContentView(reinterpret_cast<const xmlNode*>(a), &storage);
      return v.data() == storage.data() ? std::move(storage) : std::string(v);
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
  std::string storage;
  const std::string_view v = ContentView(node, &storage);
  return v.data() == storage.data() ? std::move(storage) : std::string(v);
}

std::string TrimmedText(const xmlNode* node) {
  std::string storage;
  return std::string(TrimView(ContentView(node, &storage)));
}

std::string InnerXml(const xmlNode* node) {
  std::string out;
  Serialize(node, &out, 0);
  return out;
}

std::string TrimmedInnerXml(const xmlNode* node) {
  std::string out = InnerXml(node);
  const std::string_view trimmed = TrimView(out);
  if (trimmed.size() != out.size()) {
    // Trims in place: a large content field is not copied again.
    out.erase(static_cast<std::size_t>(trimmed.data() - out.data()) +
              trimmed.size());
    out.erase(0, static_cast<std::size_t>(trimmed.data() - out.data()));
  }
  return out;
}

std::string TrimmedMarkupOrText(const xmlNode* node) {
  return HasElementChildren(node) ? TrimmedInnerXml(node) : TrimmedText(node);
}

bool HasElementChildren(const xmlNode* node) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) return true;
  }
  return false;
}

std::string BaseAt(const xmlNode* node) {
  // Without xml:base on the way up the base is the document URL; only then
  // does libxml2's combining walk (and its allocations) pay.
  bool simple = !MayHaveDtdAttributes(node);
  for (const xmlNode* n = node; simple && n != nullptr; n = n->parent) {
    if (n->type == XML_ELEMENT_NODE && XmlAttribute(n, "base") != nullptr) {
      simple = false;
    }
  }
  if (simple) {
    return node->doc && node->doc->URL
               ? reinterpret_cast<const char*>(node->doc->URL)
               : "";
  }
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
  std::string out;
  if (MayHaveDtdAttributes(node)) {
    xmlChar* lang = xmlNodeGetLang(node);
    out = lang ? reinterpret_cast<const char*>(lang) : "";
    xmlFree(lang);
  } else {
    // The nearest xml:lang, as xmlNodeGetLang finds it, without its
    // allocations.
    for (const xmlNode* n = node; n != nullptr; n = n->parent) {
      if (n->type != XML_ELEMENT_NODE) continue;
      if (const xmlAttr* a = XmlAttribute(n, "lang")) {
        out = TextContent(reinterpret_cast<const xmlNode*>(a));
        break;
      }
    }
  }
  // "en_US" is a common misspelling of the BCP 47 tag "en-US".
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

}  // namespace tidings::feed
