// Page: a parsed HTML document plus the per-element facts every extraction
// stage shares (stage 1, "index"). Internal to the extract module.
//
// Ownership: a Page owns its libxml2 document; the xmlNode pointers in
// `elements` live as long as the Page. Not thread-safe; one Page per thread.
#ifndef TIDINGS_EXTRACT_PAGE_H_
#define TIDINGS_EXTRACT_PAGE_H_

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace tidings::extract {

// The element names the stages care about; everything else is kOther
// (treated as inline, like <span>).
enum class Tag : std::uint8_t {
  kOther,
  kHtml,
  kHead,
  kBody,
  kTitle,
  kMeta,
  kLink,
  kScript,
  kStyle,
  kNoscript,
  kTemplate,
  // Containers.
  kDiv,
  kSection,
  kArticle,
  kMain,
  kHeader,
  kFooter,
  kNav,
  kAside,
  kForm,
  kFigure,
  kFigcaption,
  kTable,
  kTr,
  kTbody,
  kCenter,
  kDetails,
  kAddress,
  kDl,
  kUl,
  kOl,
  kMenu,
  kFieldset,
  kDialog,
  // Text blocks.
  kP,
  kH1,
  kH2,
  kH3,
  kH4,
  kH5,
  kH6,
  kLi,
  kDt,
  kDd,
  kBlockquote,
  kPre,
  kTd,
  kTh,
  kCaption,
  kSummary,
  // Inline.
  kA,
  kEm,
  kI,
  kStrong,
  kB,
  kSpan,
  kFont,
  kCode,
  kTime,
  kBr,
  kHr,
  kImg,
  kSup,
  kSub,
  kSmall,
  kCite,
  kQ,
  kU,
  kAbbr,
  kMark,
  // Never text.
  kIframe,
  kSvg,
  kCanvas,
  kObject,
  kEmbed,
  kVideo,
  kAudio,
  kPicture,
  kSource,
  kButton,
  kInput,
  kSelect,
  kTextarea,
  kLabel,
  kOption,
  kMath,
  kMap,
  kNoembed,
  kApplet,
};

// Looks up a lower-case element name.
Tag TagFromName(std::string_view name);

// True for elements that start a new text block (p, div, li, h1, …).
bool IsBlockTag(Tag tag);
// True for elements whose content is never text (script, svg, button, …).
bool IsNeverTextTag(Tag tag);
// h1..h6 → 1..6, else 0.
int HeadingLevel(Tag tag);

// Per-element facts, indexed by document order.
struct ElementInfo {
  xmlNode* node = nullptr;
  // Index of the parent element; -1 for the root.
  int parent = -1;
  Tag tag = Tag::kOther;
  // Bytes of non-whitespace text in the subtree (scripts and styles
  // excluded), and how many of them sit inside <a href>.
  std::uint32_t text_bytes = 0;
  std::uint32_t link_bytes = 0;
  // Set by the clean stage: the subtree is boilerplate.
  bool removed = false;
  // Set by the clean stage: the element's class/id looks like main content
  // (+1) or boilerplate (-1).
  std::int8_t class_weight = 0;
  // Set by the score stage.
  double score = 0;
};

class Page {
 public:
  // Parses `utf8_html` (HTML_PARSE_RECOVER|NOERROR|NOWARNING|NONET) and
  // builds the element index. Errors: kCorruption when libxml2 builds no
  // document or no root element.
  static Result<std::unique_ptr<Page>> Parse(std::string_view utf8_html);

  ~Page();
  Page(const Page&) = delete;
  Page& operator=(const Page&) = delete;

  xmlDoc* doc() const { return doc_; }
  // Every element in document order.
  std::vector<ElementInfo>& elements() { return elements_; }
  const std::vector<ElementInfo>& elements() const { return elements_; }
  // The index of an element of this page (via xmlNode::_private), or -1.
  static int IndexOf(const xmlNode* node) {
    return static_cast<int>(reinterpret_cast<std::intptr_t>(node->_private)) -
           1;
  }
  // Index of <body> (or of the root when there is none).
  int body() const { return body_; }

 private:
  Page() = default;
  void BuildIndex();

  xmlDoc* doc_ = nullptr;
  std::vector<ElementInfo> elements_;
  int body_ = 0;
};

// Attribute value as a string_view valid while the node lives; empty when
// absent. Only for attributes with a single text child (the usual case).
std::string_view Attr(const xmlNode* node, const char* name);
// Element name.
inline std::string_view NameOf(const xmlNode* node) {
  return node->name
             ? std::string_view(reinterpret_cast<const char*>(node->name))
             : std::string_view();
}
// Text node content.
inline std::string_view ContentOf(const xmlNode* node) {
  return node->content
             ? std::string_view(reinterpret_cast<const char*>(node->content))
             : std::string_view();
}
// Appends the whitespace-collapsed text of a subtree to *out (scripts,
// styles excluded); single spaces, no leading/trailing space added beyond
// one separator.
void AppendText(const xmlNode* node, std::string* out);
// The whitespace-collapsed, trimmed text of a subtree.
std::string TextOf(const xmlNode* node);

}  // namespace tidings::extract

#endif  // TIDINGS_EXTRACT_PAGE_H_
