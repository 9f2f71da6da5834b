// libxml2 plumbing shared by the XML feed parsers (internal to feed/).
//
// Thread-safety: functions are reentrant; libxml2 keeps its error handler
// per thread, which ParseXml sets and restores around each parse.
#ifndef TIDINGS_FEED_XML_UTIL_H_
#define TIDINGS_FEED_XML_UTIL_H_

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace tidings::feed {

// Rewrites `utf8` so that an XML parser can take it: HTML named entities
// (&nbsp;) become numeric references, undefined entities and bare '&' become
// "&amp;", and control characters XML forbids are dropped. CDATA sections,
// comments and entities declared in the internal DTD subset are left alone.
// Sets *problem to the first repair made (empty when none). Returns `utf8`
// itself when nothing needed repair, else the repaired text written to
// *storage (the result views one of them).
std::string_view CleanXml(std::string_view utf8, std::string* storage,
                          std::string* problem);

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

// Parses UTF-8 XML in recover mode without network access or external
// entities (bounded depth: libxml2's default limit). `base_url` becomes the
// document URL (may be empty). Sets *error to the first well-formedness
// error (empty when well-formed). When `items` is not null it receives, in
// document order, every element whose local name is "item" in any case
// (RSS item candidates, wherever recovery put them), noted while parsing so
// that finding them needs no walk over the tree. Fails with kCorruption
// when no document came out at all.
Result<XmlDocPtr> ParseXml(std::string_view utf8, const std::string& base_url,
                           std::string* error,
                           std::vector<const xmlNode*>* items = nullptr);

// Well-known namespaces, resolved from the namespace URI or, when the
// feed used an undeclared prefix, from the prefix itself.
enum class Ns {
  kNone,  // No namespace, RSS 0.9x/2.0/1.0 or the RSS 0.90 namespace.
  kAtom,  // Atom 1.0 or 0.3.
  kRdf,
  kDc,
  kDcTerms,
  kContent,
  kMedia,
  kItunes,
  kSlash,
  kXhtml,
  kFeedburner,
  kWfw,
  kThread,
  kOther,
};

// The element's namespace and its local name (prefix stripped). NodeNs
// caches its answer in the namespace declaration's `_private` field, so a
// document must not be read by two threads at once (ParseFeed's never is).
Ns NodeNs(const xmlNode* node);
std::string_view LocalName(const xmlNode* node);
// True for an element named `local` in namespace `ns`.
bool Is(const xmlNode* node, Ns ns, std::string_view local);

// The attribute's value by local name (any namespace), or empty.
std::string Attr(const xmlNode* node, const char* name);
bool HasAttr(const xmlNode* node, const char* name);

// All text below `node` (CDATA included), not trimmed.
std::string TextContent(const xmlNode* node);
// Trimmed text content.
std::string TrimmedText(const xmlNode* node);
// Serialises the children of `node` as markup (XHTML prefixes dropped,
// void elements written "<br />").
std::string InnerXml(const xmlNode* node);
// InnerXml trimmed (copied once).
std::string TrimmedInnerXml(const xmlNode* node);
// TrimmedInnerXml when `node` has element children (unescaped markup),
// else TrimmedText: how RSS texts and content:encoded are read.
std::string TrimmedMarkupOrText(const xmlNode* node);
// True when `node` has element children.
bool HasElementChildren(const xmlNode* node);

// Resolves `href` against the xml:base in effect at `node` (and the
// document URL); returns `href` trimmed when no absolute base is known.
std::string ResolveHref(const xmlNode* node, std::string_view href);

// The base URL in effect at `node` (xml:base, else the document URL), or
// empty.
std::string BaseAt(const xmlNode* node);
// Resolves `ref` against `base` (RFC 3986); `ref` when that fails.
std::string ResolveAgainst(const std::string& base, std::string_view ref);
// Makes relative URL attributes (href, src, …) in an HTML fragment
// absolute against the base in effect at `node`.
std::string ResolveHtmlUrls(std::string html, const xmlNode* node);

// xml:lang in effect at `node`, or empty.
std::string LanguageAt(const xmlNode* node);

// Appends `text` to *out with XML special characters escaped; `attribute`
// also escapes double quotes and newlines (for a double-quoted value).
void AppendXmlEscaped(std::string_view text, bool attribute, std::string* out);

std::string Trim(std::string_view s);
// `s` without leading and trailing XML whitespace (a view into it).
std::string_view TrimView(std::string_view s);
std::string ToLower(std::string_view s);

}  // namespace tidings::feed

#endif  // TIDINGS_FEED_XML_UTIL_H_
