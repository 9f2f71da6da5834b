#include "extract/page.h"

#include <libxml/parser.h>

#include <climits>
#include <mutex>
#include <unordered_map>

#include "extract/text_util.h"

namespace tidings::extract {
namespace {

const std::unordered_map<std::string_view, Tag>& TagTable() {
  static const auto* table = new std::unordered_map<std::string_view, Tag>{
      {"html", Tag::kHtml},
      {"head", Tag::kHead},
      {"body", Tag::kBody},
      {"title", Tag::kTitle},
      {"meta", Tag::kMeta},
      {"link", Tag::kLink},
      {"script", Tag::kScript},
      {"style", Tag::kStyle},
      {"noscript", Tag::kNoscript},
      {"template", Tag::kTemplate},
      {"div", Tag::kDiv},
      {"section", Tag::kSection},
      {"article", Tag::kArticle},
      {"main", Tag::kMain},
      {"header", Tag::kHeader},
      {"footer", Tag::kFooter},
      {"nav", Tag::kNav},
      {"aside", Tag::kAside},
      {"form", Tag::kForm},
      {"figure", Tag::kFigure},
      {"figcaption", Tag::kFigcaption},
      {"table", Tag::kTable},
      {"tr", Tag::kTr},
      {"tbody", Tag::kTbody},
      {"thead", Tag::kTbody},
      {"tfoot", Tag::kTbody},
      {"center", Tag::kCenter},
      {"details", Tag::kDetails},
      {"address", Tag::kAddress},
      {"dl", Tag::kDl},
      {"ul", Tag::kUl},
      {"ol", Tag::kOl},
      {"menu", Tag::kMenu},
      {"fieldset", Tag::kFieldset},
      {"dialog", Tag::kDialog},
      {"p", Tag::kP},
      {"h1", Tag::kH1},
      {"h2", Tag::kH2},
      {"h3", Tag::kH3},
      {"h4", Tag::kH4},
      {"h5", Tag::kH5},
      {"h6", Tag::kH6},
      {"li", Tag::kLi},
      {"dt", Tag::kDt},
      {"dd", Tag::kDd},
      {"blockquote", Tag::kBlockquote},
      {"pre", Tag::kPre},
      {"td", Tag::kTd},
      {"th", Tag::kTh},
      {"caption", Tag::kCaption},
      {"summary", Tag::kSummary},
      {"a", Tag::kA},
      {"em", Tag::kEm},
      {"i", Tag::kI},
      {"strong", Tag::kStrong},
      {"b", Tag::kB},
      {"span", Tag::kSpan},
      {"font", Tag::kFont},
      {"code", Tag::kCode},
      {"time", Tag::kTime},
      {"br", Tag::kBr},
      {"hr", Tag::kHr},
      {"img", Tag::kImg},
      {"sup", Tag::kSup},
      {"sub", Tag::kSub},
      {"small", Tag::kSmall},
      {"cite", Tag::kCite},
      {"q", Tag::kQ},
      {"u", Tag::kU},
      {"abbr", Tag::kAbbr},
      {"mark", Tag::kMark},
      {"iframe", Tag::kIframe},
      {"svg", Tag::kSvg},
      {"canvas", Tag::kCanvas},
      {"object", Tag::kObject},
      {"embed", Tag::kEmbed},
      {"video", Tag::kVideo},
      {"audio", Tag::kAudio},
      {"picture", Tag::kPicture},
      {"source", Tag::kSource},
      {"button", Tag::kButton},
      {"input", Tag::kInput},
      {"select", Tag::kSelect},
      {"textarea", Tag::kTextarea},
      {"label", Tag::kLabel},
      {"option", Tag::kOption},
      {"math", Tag::kMath},
      {"map", Tag::kMap},
      {"noembed", Tag::kNoembed},
      {"applet", Tag::kApplet},
      {"frameset", Tag::kNoembed},
      {"frame", Tag::kNoembed},
  };
  return *table;
}

void InitLibxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

// Counts non-whitespace bytes of a text node.
std::uint32_t TextBytes(const xmlNode* text) {
  std::size_t n = NonSpaceBytes(ContentOf(text));
  return n > UINT32_MAX ? UINT32_MAX : static_cast<std::uint32_t>(n);
}

}  // namespace

Tag TagFromName(std::string_view name) {
  const auto& table = TagTable();
  auto it = table.find(name);
  return it == table.end() ? Tag::kOther : it->second;
}

bool IsBlockTag(Tag tag) {
  switch (tag) {
    case Tag::kHtml:
    case Tag::kBody:
    case Tag::kDiv:
    case Tag::kSection:
    case Tag::kArticle:
    case Tag::kMain:
    case Tag::kHeader:
    case Tag::kFooter:
    case Tag::kNav:
    case Tag::kAside:
    case Tag::kForm:
    case Tag::kFigure:
    case Tag::kFigcaption:
    case Tag::kTable:
    case Tag::kTr:
    case Tag::kTbody:
    case Tag::kCenter:
    case Tag::kDetails:
    case Tag::kAddress:
    case Tag::kDl:
    case Tag::kUl:
    case Tag::kOl:
    case Tag::kMenu:
    case Tag::kFieldset:
    case Tag::kDialog:
    case Tag::kP:
    case Tag::kH1:
    case Tag::kH2:
    case Tag::kH3:
    case Tag::kH4:
    case Tag::kH5:
    case Tag::kH6:
    case Tag::kLi:
    case Tag::kDt:
    case Tag::kDd:
    case Tag::kBlockquote:
    case Tag::kPre:
    case Tag::kTd:
    case Tag::kTh:
    case Tag::kCaption:
    case Tag::kSummary:
    case Tag::kHr:
    case Tag::kNoscript:
      return true;
    default:
      return false;
  }
}

bool IsNeverTextTag(Tag tag) {
  switch (tag) {
    case Tag::kHead:
    case Tag::kTitle:
    case Tag::kMeta:
    case Tag::kLink:
    case Tag::kScript:
    case Tag::kStyle:
    case Tag::kTemplate:
    case Tag::kIframe:
    case Tag::kSvg:
    case Tag::kCanvas:
    case Tag::kObject:
    case Tag::kEmbed:
    case Tag::kVideo:
    case Tag::kAudio:
    case Tag::kPicture:
    case Tag::kSource:
    case Tag::kButton:
    case Tag::kInput:
    case Tag::kSelect:
    case Tag::kTextarea:
    case Tag::kOption:
    case Tag::kMath:
    case Tag::kMap:
    case Tag::kNoembed:
    case Tag::kApplet:
    case Tag::kDialog:
      return true;
    default:
      return false;
  }
}

int HeadingLevel(Tag tag) {
  switch (tag) {
    case Tag::kH1:
      return 1;
    case Tag::kH2:
      return 2;
    case Tag::kH3:
      return 3;
    case Tag::kH4:
      return 4;
    case Tag::kH5:
      return 5;
    case Tag::kH6:
      return 6;
    default:
      return 0;
  }
}

std::string_view Attr(const xmlNode* node, const char* name) {
  for (const xmlAttr* a = node->properties; a; a = a->next) {
    if (a->name && xmlStrcasecmp(a->name, BAD_CAST name) == 0) {
      if (a->children && a->children->type == XML_TEXT_NODE &&
          a->children->content) {
        return reinterpret_cast<const char*>(a->children->content);
      }
      return {};
    }
  }
  return {};
}

void AppendText(const xmlNode* root, std::string* out) {
  bool pending = !out->empty();
  const xmlNode* node = root;
  while (node) {
    bool descend = false;
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      AppendCollapsed(ContentOf(node), out, &pending);
    } else if (node->type == XML_ELEMENT_NODE) {
      Tag tag = TagFromName(NameOf(node));
      if (!IsNeverTextTag(tag) || node == root) {
        descend = node->children != nullptr;
        if (IsBlockTag(tag) || tag == Tag::kBr) pending = true;
      }
    }
    if (descend) {
      node = node->children;
      continue;
    }
    while (node && node != root && !node->next) node = node->parent;
    if (!node || node == root) break;
    node = node->next;
  }
}

std::string TextOf(const xmlNode* node) {
  std::string out;
  AppendText(node, &out);
  return std::string(Trim(out));
}

Result<std::unique_ptr<Page>> Page::Parse(std::string_view utf8_html) {
  InitLibxml();
  if (utf8_html.size() > static_cast<std::size_t>(INT_MAX)) {
    return Status::InvalidArgument("extract: page too large");
  }
  std::unique_ptr<Page> page(new Page());
  page->doc_ = htmlReadMemory(
      utf8_html.data(), static_cast<int>(utf8_html.size()), nullptr, "UTF-8",
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
          HTML_PARSE_NONET);
  if (!page->doc_ || !xmlDocGetRootElement(page->doc_)) {
    return Status::Corruption("extract: no HTML document could be parsed");
  }
  page->BuildIndex();
  return page;
}

Page::~Page() {
  if (doc_) xmlFreeDoc(doc_);
}

void Page::BuildIndex() {
  xmlNode* root = xmlDocGetRootElement(doc_);
  elements_.reserve(1024);
  body_ = -1;
  // Iterative pre-order walk (no recursion: documents can be deep). Text
  // sizes are added to the innermost open element and folded into the
  // parent when an element closes, so the walk stays linear.
  int current = -1;  // index of the innermost open element
  int link_depth = 0;
  // Open elements whose content is never text (head, script, style, …):
  // their descendants are indexed (metadata lives there) but their text
  // is not counted.
  int hidden_depth = 0;
  auto close = [&](int index) {
    ElementInfo& e = elements_[index];
    if (e.tag == Tag::kA) --link_depth;
    if (IsNeverTextTag(e.tag)) --hidden_depth;
    if (e.parent >= 0) {
      elements_[e.parent].text_bytes += e.text_bytes;
      elements_[e.parent].link_bytes += e.link_bytes;
    }
  };
  xmlNode* node = root;
  while (node) {
    bool descend = false;
    if (node->type == XML_ELEMENT_NODE) {
      ElementInfo info;
      info.node = node;
      info.parent = current;
      info.tag = TagFromName(NameOf(node));
      int index = static_cast<int>(elements_.size());
      elements_.push_back(info);
      node->_private =
          reinterpret_cast<void*>(static_cast<std::intptr_t>(index) + 1);
      if (info.tag == Tag::kBody && body_ < 0) body_ = index;
      if (node->children) {
        current = index;
        if (info.tag == Tag::kA) ++link_depth;
        if (IsNeverTextTag(info.tag)) ++hidden_depth;
        descend = true;
      }
    } else if ((node->type == XML_TEXT_NODE ||
                node->type == XML_CDATA_SECTION_NODE) &&
               current >= 0 && hidden_depth == 0) {
      std::uint32_t bytes = TextBytes(node);
      elements_[current].text_bytes += bytes;
      if (link_depth > 0) elements_[current].link_bytes += bytes;
    }
    if (descend) {
      node = node->children;
      continue;
    }
    if (node == root) break;
    // Climb to the next sibling, closing finished elements.
    while (!node->next) {
      node = node->parent;
      if (!node || node->type != XML_ELEMENT_NODE) {
        node = nullptr;
        break;
      }
      if (current >= 0 && elements_[current].node == node) {
        close(current);
        current = elements_[current].parent;
      }
      if (node == root) {
        node = nullptr;
        break;
      }
    }
    if (node) node = node->next;
  }
  if (body_ < 0) body_ = 0;
}

}  // namespace tidings::extract
