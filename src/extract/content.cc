#include "extract/content.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

#include "extract/text_util.h"

namespace tidings::extract {
namespace {

// ---- Stage 2 helpers ------------------------------------------------------

// Substrings of class/id values that mark boilerplate whatever else the
// attribute says.
constexpr std::array<std::string_view, 46> kStrongPatterns = {
    "comment",         "disqus",      "share",      "sharing",
    "social",          "related",     "recommend",  "newsletter",
    "subscri",         "cookie",      "consent",    "gdpr",
    "advert",          "sponsor",     "promo",      "outbrain",
    "taboola",         "breadcrumb",  "paginat",    "popup",
    "modal",           "navbar",      "navigation", "caption",
    "credit",          "copyright",   "signup",     "sign-up",
    "login",           "mostread",    "most-read",  "mostpopular",
    "most-popular",    "readmore",    "read-more",  "more-stories",
    "further-reading", "teaser-list", "reactions",  "author-bio",
    "privacy",         "dsgvo",       "disclosure", "disclaimer",
    "affiliate",       "legend",
};

// Substrings that mark boilerplate unless a content word is present too.
constexpr std::array<std::string_view, 25> kWeakPatterns = {
    "sidebar",    "widget",       "footer",    "masthead", "menu",
    "toolbar",    "byline",       "author",    "tagcloud", "tag-list",
    "taglist",    "dateline",     "timestamp", "postmeta", "post-meta",
    "entry-meta", "article-meta", "rating",    "banner",   "print",
    "hidden",     "teaser",       "image",     "img",      "photo",
};

// Whole tokens (split at non-alphanumerics) that mark weak boilerplate;
// as substrings they would match "header", "download", "shadow", ….
constexpr std::array<std::string_view, 19> kWeakTokens = {
    "ad",   "ads",   "adv",   "nav",   "tag",    "tags", "date",
    "time", "meta",  "links", "more",  "extra",  "skip", "hide",
    "rss",  "email", "aside", "share", "topics",
};

// Substrings of content containers.
constexpr std::array<std::string_view, 17> kContentPatterns = {
    "article", "content", "entry", "post",     "main",   "body",
    "text",    "story",   "blog",  "artikel",  "inhalt", "beitrag",
    "hentry",  "single",  "prose", "richtext", "intro",
};

// Strong content markers: the usual names of article-body containers.
constexpr std::array<std::string_view, 14> kStrongContentPatterns = {
    "articlebody",   "article-body",    "article_body",   "article__body",
    "entry-content", "post-content",    "post-body",      "story-body",
    "storybody",     "article-content", "articlecontent", "post_content",
    "entry_content", "article-text",
};

template <std::size_t N>
bool AnySubstring(std::string_view lower,
                  const std::array<std::string_view, N>& patterns) {
  for (std::string_view p : patterns) {
    if (lower.find(p) != std::string_view::npos) return true;
  }
  return false;
}

template <std::size_t N>
bool AnyToken(std::string_view lower,
              const std::array<std::string_view, N>& tokens) {
  std::size_t i = 0;
  while (i < lower.size()) {
    while (i < lower.size() &&
           !std::isalnum(static_cast<unsigned char>(lower[i])))
      ++i;
    std::size_t j = i;
    while (j < lower.size() &&
           std::isalnum(static_cast<unsigned char>(lower[j])))
      ++j;
    if (j > i) {
      std::string_view token = lower.substr(i, j - i);
      for (std::string_view t : tokens) {
        if (token == t) return true;
      }
    }
    i = j;
  }
  return false;
}

// An element holding more than this share of the body's text is never
// removed for its class alone: it is a page wrapper, not a widget.
constexpr double kWrapperShare = 0.6;
// Figures with more text than this are treated as content containers
// (some CMSs wrap whole articles in <figure>).
constexpr std::uint32_t kMaxFigureText = 400;
// A <form> with at least this much text wraps the page (ASP.NET).
constexpr std::uint32_t kMaxFormText = 1000;

// Hidden elements with more link-poor text than this are article text
// behind a "read more" or paywall switch, not widgets.
constexpr std::uint32_t kMinHiddenArticle = 500;
// An element named like boilerplate but also like content ("entry share")
// with this much link-poor text is the article.
constexpr std::uint32_t kMinNamedArticle = 500;

// Patterns that mark boilerplate even on large, link-poor elements.
constexpr std::array<std::string_view, 10> kAbsolutePatterns = {
    "comment",   "disqus",     "cookie",   "consent", "related",
    "recommend", "newsletter", "outbrain", "privacy", "dsgvo",
};

// An element holding more than this share of the page's link-free text
// is the article's wrapper whatever its name.
constexpr double kPlainShare = 0.5;
// The same for comment/related/cookie blocks, which can be long.
constexpr double kAbsolutePlainShare = 0.85;

bool HasAbsolutePattern(const ElementInfo& e) {
  std::string lower = AsciiLowerCopy(Attr(e.node, "class"));
  lower.push_back(' ');
  lower.append(AsciiLowerCopy(Attr(e.node, "id")));
  if (std::size_t c = lower.find("commentary"); c != std::string::npos) {
    lower.replace(c, 10, "opinion");
  }
  return AnySubstring(lower, kAbsolutePatterns);
}

bool LooksLikeArticleBody(const ElementInfo& e) {
  if (e.text_bytes < kMinNamedArticle || e.link_bytes * 4 > e.text_bytes) {
    return false;
  }
  std::string lower = AsciiLowerCopy(Attr(e.node, "class"));
  lower.push_back(' ');
  lower.append(AsciiLowerCopy(Attr(e.node, "id")));
  if (std::size_t c = lower.find("commentary"); c != std::string::npos) {
    lower.replace(c, 10, "opinion");
  }
  return AnySubstring(lower, kContentPatterns) &&
         !AnySubstring(lower, kAbsolutePatterns);
}

bool HasHiddenStyle(const xmlNode* node) {
  std::string_view style = Attr(node, "style");
  if (style.empty()) return false;
  std::string lower = AsciiLowerCopy(style);
  lower.erase(std::remove(lower.begin(), lower.end(), ' '), lower.end());
  return lower.find("display:none") != std::string::npos ||
         lower.find("visibility:hidden") != std::string::npos;
}

// Feature and state flags: "has-sidebar", "is-sticky", "modal-enabled",
// "js-share-trigger", "no-comments", "comments-open".
bool IsStateToken(std::string_view token) {
  // WordPress post_class() taxonomy tokens name the post's categories and
  // tags, not the element ("category-newsletter", "tag-social-media").
  for (std::string_view prefix :
       {"has-", "is-", "js-", "js_", "no-", "with-", "enable", "show-", "hide-",
        "u-", "category-", "tag-", "type-", "format-", "status-",
        "post-format-",
        // Responsive visibility (Bootstrap): shown on some screens.
        "hidden-xs", "hidden-sm", "hidden-md", "hidden-lg", "hidden-xl",
        "visible-", "d-none"}) {
    if (token.substr(0, prefix.size()) == prefix) return true;
  }
  for (std::string_view suffix :
       {"-enabled", "-open", "-active", "-closed", "-visible", "-loaded"}) {
    if (token.size() > suffix.size() &&
        token.substr(token.size() - suffix.size()) == suffix) {
      return true;
    }
  }
  return false;
}

bool IsBoilerplateRole(std::string_view role) {
  return EqualsLower(role, "navigation") || EqualsLower(role, "banner") ||
         EqualsLower(role, "contentinfo") ||
         EqualsLower(role, "complementary") || EqualsLower(role, "menu") ||
         EqualsLower(role, "menubar") || EqualsLower(role, "search") ||
         EqualsLower(role, "dialog") || EqualsLower(role, "alert") ||
         EqualsLower(role, "toolbar");
}

// ---- Stage 3 helpers ------------------------------------------------------

BlockKind KindOf(Tag tag) {
  switch (tag) {
    case Tag::kH1:
    case Tag::kH2:
    case Tag::kH3:
    case Tag::kH4:
    case Tag::kH5:
    case Tag::kH6:
      return BlockKind::kHeading;
    case Tag::kLi:
    case Tag::kDt:
    case Tag::kDd:
      return BlockKind::kListItem;
    case Tag::kBlockquote:
      return BlockKind::kQuote;
    case Tag::kPre:
      return BlockKind::kPreformatted;
    case Tag::kTd:
    case Tag::kTh:
      return BlockKind::kCell;
    default:
      return BlockKind::kParagraph;
  }
}

// ---- Stage 5 helpers ------------------------------------------------------

enum class Verdict : std::uint8_t { kGood, kBad, kShort, kHeading };

// A block at least this long (non-space bytes) with little link text is
// main text on its own.
constexpr std::uint32_t kLongBlock = 70;
// Below this it is a crumb ("Share", "12:03", "Menu").
constexpr std::uint32_t kCrumbBlock = 15;
// A short block at least this long reads as a sentence.
constexpr std::uint32_t kNearGoodBlock = 30;
constexpr double kMaxNearGoodLinkDensity = 0.2;
// Link density above which a block is navigation.
constexpr double kMaxLinkDensity = 0.5;
// Link density a long block may have and still be main text.
constexpr double kMaxGoodLinkDensity = 0.35;
// Boilerplate phrases are only checked on blocks shorter than this.
constexpr std::size_t kMaxPhraseBlock = 160;

constexpr std::array<std::string_view, 64> kBoilerplatePrefixes = {
    "read more",
    "read also",
    "read next",
    "see also",
    "related:",
    "related articles",
    "related stories",
    "more on this",
    "advertisement",
    "sponsored",
    "share this",
    "share on",
    "follow us",
    "sign up",
    "subscribe",
    "click here",
    "all rights reserved",
    "copyright",
    "(c) ",
    "photo:",
    "photograph:",
    "image:",
    "picture:",
    "credit:",
    "getty images",
    "leave a comment",
    "comments",
    "back to top",
    "print this",
    "email this",
    "weiterlesen",
    "mehr lesen",
    "mehr zum thema",
    "lesen sie auch",
    "lesen sie mehr",
    "auch interessant",
    "das könnte sie",
    "anzeige",
    "werbung",
    "teilen",
    "folgen sie",
    "jetzt abonnieren",
    "newsletter",
    "alle rechte",
    "foto:",
    "fotos:",
    "bild:",
    "quelle:",
    "kommentare",
    "zum seitenanfang",
    "nach oben",
    "drucken",
    "lire aussi",
    "à lire aussi",
    "publicité",
    "partager",
    "leggi anche",
    "pubblicità",
    "lee también",
    "publicidad",
    "compartir",
    "tags:",
    "schlagworte",
    "themen:",
};

// Calls to action and site notices: a short block with one of these words
// is about the site, not the story.
constexpr std::size_t kMaxPromoBlock = 220;
constexpr std::array<std::string_view, 30> kPromoWords = {
    "subscribe",
    "subscription",
    "newsletter",
    "cookies",
    "all rights reserved",
    "copyrighted",
    "follow us",
    "follow the ",
    "download the",
    "app store",
    "sign up",
    "log in ",
    "abonnieren",
    "abonnement",
    "abonniere",
    "folgen sie uns",
    "datenschutzerkl",
    "alle rechte",
    "urheberrechtlich",
    "newsletters",
    "suscríbete",
    "suscribirse",
    "abonnez",
    "s'abonner",
    "iscriviti",
    "telegram",
    "whatsapp-kanal",
    "privacy policy",
    "terms of use",
    "nutzungsbedingungen",
};

}  // namespace

// ---- Stage 2: clean -------------------------------------------------------

ClassVerdict ClassifyAttributes(std::string_view class_attr,
                                std::string_view id_attr,
                                std::string_view role_attr) {
  if (!role_attr.empty()) {
    if (IsBoilerplateRole(role_attr)) return ClassVerdict::kStrongBoilerplate;
    if (EqualsLower(role_attr, "main") || EqualsLower(role_attr, "article")) {
      return ClassVerdict::kContent;
    }
  }
  if (class_attr.empty() && id_attr.empty()) return ClassVerdict::kNeutral;
  std::string lower;
  lower.reserve(class_attr.size() + id_attr.size() + 1);
  // Keep only the tokens that name what the element is: state and feature
  // flags ("has-sidebar", "modal-enabled", "js-share") say nothing about
  // the element's own content.
  auto add_tokens = [&](std::string_view attr) {
    std::size_t i = 0;
    while (i < attr.size()) {
      while (i < attr.size() && (attr[i] == ' ' || attr[i] == '\t' ||
                                 attr[i] == '\n' || attr[i] == '\r'))
        ++i;
      std::size_t j = i;
      while (j < attr.size() && attr[j] != ' ' && attr[j] != '\t' &&
             attr[j] != '\n' && attr[j] != '\r')
        ++j;
      std::string token = AsciiLowerCopy(attr.substr(i, j - i));
      i = j;
      if (token.empty() || IsStateToken(token)) continue;
      // "commentary" is an article genre, not a comment thread.
      std::size_t c = token.find("commentary");
      if (c != std::string::npos) token.replace(c, 10, "opinion");
      lower.append(token);
      lower.push_back(' ');
    }
  };
  add_tokens(class_attr);
  add_tokens(id_attr);
  if (AnySubstring(lower, kStrongContentPatterns)) {
    return ClassVerdict::kContent;
  }
  if (AnySubstring(lower, kStrongPatterns)) {
    return ClassVerdict::kStrongBoilerplate;
  }
  bool content = AnySubstring(lower, kContentPatterns);
  if (AnySubstring(lower, kWeakPatterns) || AnyToken(lower, kWeakTokens)) {
    return content ? ClassVerdict::kNeutral : ClassVerdict::kWeakBoilerplate;
  }
  return content ? ClassVerdict::kContent : ClassVerdict::kNeutral;
}

int Clean(Page& page) {
  auto& elements = page.elements();
  if (elements.empty()) return 0;
  const ElementInfo& body = elements[static_cast<std::size_t>(page.body())];
  const double body_text = std::max<std::uint32_t>(1, body.text_bytes);
  const double body_plain =
      std::max<double>(1, double(body.text_bytes) - body.link_bytes);
  int removed = 0;
  // Elements are in document order, so a parent is always seen before its
  // children; a removed parent's flag is inherited by index.
  std::vector<std::uint8_t> inside_article(elements.size(), 0);
  for (std::size_t i = 0; i < elements.size(); ++i) {
    ElementInfo& e = elements[i];
    if (e.parent >= 0) {
      const ElementInfo& parent = elements[static_cast<std::size_t>(e.parent)];
      if (parent.removed) {
        e.removed = true;
        continue;
      }
      inside_article[i] = inside_article[static_cast<std::size_t>(e.parent)];
    }
    if (e.tag == Tag::kHtml || e.tag == Tag::kBody) continue;
    const double share = e.text_bytes / body_text;
    // Share of the page's link-free text: a wrapper holds most of it.
    const double plain_share =
        (double(e.text_bytes) - e.link_bytes) / body_plain;
    const bool wrapper = share > kWrapperShare || plain_share > kPlainShare;
    bool remove = false;
    switch (e.tag) {
      case Tag::kNav:
      case Tag::kAside:
      case Tag::kMenu:
        remove = !wrapper;
        break;
      case Tag::kFooter:
        remove = !wrapper;
        break;
      case Tag::kHeader:
        // A page header (link-heavy: logo, menus) goes; an article's own
        // header holds the title, byline and often the lead paragraph, so
        // it stays and its crumbs are left to the filter stage.
        remove = !wrapper &&
                 (e.link_bytes * 10 > e.text_bytes * 3 || e.text_bytes == 0);
        break;
      case Tag::kForm:
        remove = e.text_bytes < kMaxFormText && !wrapper;
        break;
      case Tag::kFigure:
        remove = e.text_bytes < kMaxFigureText;
        break;
      case Tag::kFigcaption:
      case Tag::kAddress:
        remove = true;
        break;
      case Tag::kArticle:
      case Tag::kMain:
        inside_article[i] = 1;
        break;
      default:
        if (IsNeverTextTag(e.tag)) remove = true;
        break;
    }
    if (!remove && e.node->properties && e.tag != Tag::kArticle &&
        e.tag != Tag::kMain) {
      if (xmlHasProp(e.node, BAD_CAST "hidden") || HasHiddenStyle(e.node)) {
        // Collapsed or paywalled article text is hidden by style too; only
        // small hidden parts (menus, dialogs) go.
        remove = !wrapper && (e.text_bytes < kMinHiddenArticle ||
                              e.link_bytes * 3 > e.text_bytes);
      } else {
        std::string_view itemprop = Attr(e.node, "itemprop");
        if (EqualsLower(itemprop, "articlebody") ||
            EqualsLower(itemprop, "text")) {
          e.class_weight = 2;
        } else {
          ClassVerdict verdict = ClassifyAttributes(
              Attr(e.node, "class"), Attr(e.node, "id"), Attr(e.node, "role"));
          switch (verdict) {
            case ClassVerdict::kContent:
              e.class_weight = 1;
              break;
            case ClassVerdict::kStrongBoilerplate:
              e.class_weight = -1;
              if (HasAbsolutePattern(e)) {
                remove = plain_share < kAbsolutePlainShare;
              } else {
                remove = !wrapper && !LooksLikeArticleBody(e);
              }
              break;
            case ClassVerdict::kWeakBoilerplate:
              e.class_weight = -1;
              remove = share < kWrapperShare / 2 &&
                       (e.text_bytes == 0 || e.link_bytes * 2 > e.text_bytes ||
                        e.text_bytes < kMaxFigureText);
              break;
            case ClassVerdict::kNeutral:
              break;
          }
        }
      }
    }
    if (remove) {
      e.removed = true;
      ++removed;
    }
  }
  return removed;
}

// ---- Stage 3: blocks ------------------------------------------------------

BlockList BuildBlocks(const Page& page, int root) {
  BlockList out;
  const auto& elements = page.elements();
  if (root < 0 || static_cast<std::size_t>(root) >= elements.size()) {
    return out;
  }
  // The stack of open block elements; the innermost owns the text.
  std::vector<int> block_stack;
  int link_depth = 0;
  Block current;
  bool pending_space = false;
  bool last_was_break = false;

  auto start_block = [&]() {
    int owner = block_stack.empty() ? root : block_stack.back();
    current = Block();
    current.owner = owner;
    Tag tag = elements[static_cast<std::size_t>(owner)].tag;
    current.kind = KindOf(tag);
    current.heading_level = HeadingLevel(tag);
    // Quote and list context from the enclosing blocks.
    for (auto it = block_stack.rbegin(); it != block_stack.rend(); ++it) {
      Tag t = elements[static_cast<std::size_t>(*it)].tag;
      if (t == Tag::kBlockquote && current.kind == BlockKind::kParagraph) {
        current.kind = BlockKind::kQuote;
      }
      if (current.group < 0 && (t == Tag::kUl || t == Tag::kOl ||
                                t == Tag::kDl || t == Tag::kTable)) {
        current.group = *it;
        current.ordered = t == Tag::kOl;
      }
    }
    current.first_run = current.end_run =
        static_cast<std::uint32_t>(out.runs.size());
    pending_space = false;
  };
  auto flush = [&]() {
    if (current.text_bytes > 0) {
      while (!current.text.empty() && current.text.back() == ' ') {
        current.text.pop_back();
      }
      current.end_run = static_cast<std::uint32_t>(out.runs.size());
      out.blocks.push_back(std::move(current));
    }
    current = Block();
    current.owner = -1;
    last_was_break = false;
  };

  const xmlNode* top = elements[static_cast<std::size_t>(root)].node;
  block_stack.push_back(root);
  current.owner = -1;
  const xmlNode* node = top->children;
  if (!node) return out;
  while (node) {
    bool descend = false;
    if (node->type == XML_ELEMENT_NODE) {
      int index = Page::IndexOf(node);
      const ElementInfo* info =
          index >= 0 ? &elements[static_cast<std::size_t>(index)] : nullptr;
      if (info && !info->removed && !IsNeverTextTag(info->tag)) {
        if (info->tag == Tag::kBr) {
          if (last_was_break) {
            flush();
          } else {
            pending_space = true;
            last_was_break = true;
          }
        } else if (info->tag == Tag::kHr) {
          flush();
        } else if (node->children) {
          if (IsBlockTag(info->tag)) {
            flush();
            block_stack.push_back(index);
          } else if (info->tag == Tag::kA) {
            ++link_depth;
          }
          descend = true;
        }
      }
    } else if (node->type == XML_TEXT_NODE ||
               node->type == XML_CDATA_SECTION_NODE) {
      std::string_view content = ContentOf(node);
      if (current.owner < 0) {
        if (NonSpaceBytes(content) == 0) {
          content = {};
        } else {
          start_block();
        }
      }
      if (!content.empty()) {
        std::size_t kept =
            AppendCollapsed(content, &current.text, &pending_space);
        if (kept) {
          current.text_bytes += static_cast<std::uint32_t>(kept);
          if (link_depth > 0) {
            current.link_bytes += static_cast<std::uint32_t>(kept);
          }
          out.runs.push_back(node);
          last_was_break = false;
        }
      }
    }
    if (descend) {
      node = node->children;
      continue;
    }
    // Climb, closing elements.
    while (node && !node->next) {
      node = node->parent;
      if (!node || node == top) {
        node = nullptr;
        break;
      }
      int index = Page::IndexOf(node);
      if (index >= 0) {
        Tag tag = elements[static_cast<std::size_t>(index)].tag;
        if (IsBlockTag(tag)) {
          flush();
          if (!block_stack.empty() && block_stack.back() == index) {
            block_stack.pop_back();
          }
        } else if (tag == Tag::kA) {
          --link_depth;
        }
      }
    }
    if (node) node = node->next;
  }
  flush();
  return out;
}

// ---- Stage 4: score and select --------------------------------------------

namespace {

// Text with almost no spaces is not prose: base64 blobs, long URLs, hashes
// and minified data that a CMS left in a text node. (Scripts without
// spaces between words — Chinese, Japanese, Thai — are spared by counting
// only ASCII text.)
bool IsUnspacedBlob(const Block& block) {
  constexpr std::uint32_t kMinBlob = 200;
  constexpr std::size_t kMaxWordLength = 40;
  if (block.text_bytes < kMinBlob) return false;
  std::size_t ascii = 0, spaces = 0;
  for (char c : block.text) {
    if (c == ' ') {
      ++spaces;
    } else if (static_cast<unsigned char>(c) < 0x80) {
      ++ascii;
    }
  }
  return ascii * 2 > block.text.size() && ascii > kMaxWordLength * (spaces + 1);
}

}  // namespace

bool IsProseHeading(const Block& block) {
  constexpr std::uint32_t kMinProseHeading = 100;
  return block.kind == BlockKind::kHeading &&
         block.text_bytes >= kMinProseHeading &&
         (block.text.find(". ") != std::string::npos ||
          block.text.ends_with('.'));
}

double BlockValue(const Block& block) {
  const double length = block.text_bytes;
  const double density = block.LinkDensity();
  if (block.kind == BlockKind::kHeading || IsUnspacedBlob(block)) return 0;
  if (density > kMaxLinkDensity) return -length * density;
  if (block.text_bytes >= kLongBlock) {
    double value = length * (1 - 2 * density);
    // Sentence punctuation is a strong sign of prose.
    if (block.text.find(". ") != std::string::npos ||
        block.text.find(", ") != std::string::npos) {
      value *= 1.2;
    }
    return value;
  }
  if (block.text_bytes < kCrumbBlock) return -5;
  // Mid-length text counts a little: short posts are made of it.
  constexpr double kMidWeight = 0.3;
  return (length - kCrumbBlock) * kMidWeight * (1 - 2 * density);
}

std::vector<int> SelectMainContainers(Page& page, const BlockList& blocks) {
  auto& elements = page.elements();
  for (auto& e : elements) e.score = 0;
  for (const Block& block : blocks.blocks) {
    double value = BlockValue(block);
    if (value == 0) continue;
    for (int i = block.owner; i >= 0;
         i = elements[static_cast<std::size_t>(i)].parent) {
      elements[static_cast<std::size_t>(i)].score += value;
    }
  }
  // Class weights: a named article body gets a bonus, a named widget a
  // malus. Multiplicative, so they only break near-ties.
  auto weighted = [&](const ElementInfo& e) {
    double s = e.score;
    if (s <= 0) return s;
    if (e.class_weight >= 2) return s * 1.5 + 20;
    if (e.class_weight == 1) return s * 1.15 + 10;
    if (e.class_weight < 0) return s * 0.8;
    if (e.tag == Tag::kArticle || e.tag == Tag::kMain) return s * 1.15;
    return s;
  };
  int best = -1;
  double best_score = 0;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const ElementInfo& e = elements[i];
    if (e.removed || e.score <= 0) continue;
    double s = weighted(e);
    if (s > best_score) {
      best_score = s;
      best = static_cast<int>(i);
    }
  }
  std::vector<int> selected;
  if (best < 0) return selected;
  // Siblings of the winner that carry substantial text of their own (an
  // article split by an ad slot, a lead paragraph beside the body).
  const ElementInfo& winner = elements[static_cast<std::size_t>(best)];
  constexpr double kSiblingShare = 0.1;
  if (winner.parent >= 0 && winner.tag != Tag::kBody) {
    const double threshold = std::max(60.0, winner.score * kSiblingShare);
    for (const xmlNode* sibling =
             elements[static_cast<std::size_t>(winner.parent)].node->children;
         sibling; sibling = sibling->next) {
      if (sibling->type != XML_ELEMENT_NODE) continue;
      int index = Page::IndexOf(sibling);
      if (index < 0) continue;
      const ElementInfo& s = elements[static_cast<std::size_t>(index)];
      if (index == best) {
        selected.push_back(index);
      } else if (!s.removed && s.score >= threshold &&
                 s.link_bytes * 4 < s.text_bytes) {
        selected.push_back(index);
      }
    }
  } else {
    selected.push_back(best);
  }
  return selected;
}

// ---- Stage 5: filter ------------------------------------------------------

// Headings that introduce other stories or site sections.
constexpr std::array<std::string_view, 34> kBoilerplateHeadings = {
    "related",      "more from",   "more on",      "more stories",
    "read more",    "read next",   "you may also", "you might also",
    "recommended",  "top stories", "most read",    "most popular",
    "latest",       "trending",    "comments",     "share",
    "follow",       "weitere",     "verwandte",    "ähnliche",
    "das könnte",   "mehr zum",    "mehr aus",     "meistgelesen",
    "empfehlungen", "kommentare",  "neueste",      "aktuelle artikel",
    "lire aussi",   "à lire",      "sur le même",  "noticias relacionadas",
    "te puede",     "leggi anche",
};

bool IsBoilerplateHeading(std::string_view text) {
  text = Trim(text);
  constexpr std::size_t kMaxHeading = 60;
  if (text.size() > kMaxHeading) return false;
  for (std::string_view prefix : kBoilerplateHeadings) {
    if (StartsWithLower(text, prefix)) return true;
  }
  return false;
}

bool IsPromotion(std::string_view text) {
  if (text.size() > kMaxPromoBlock) return false;
  for (std::string_view word : kPromoWords) {
    if (ContainsLower(text, word)) return true;
  }
  return false;
}

bool IsBoilerplatePhrase(std::string_view text) {
  text = Trim(text);
  // A notice that opens with the copyright sign is one whatever its length.
  constexpr std::size_t kMaxNotice = 600;
  if (text.size() <= kMaxNotice &&
      (text.starts_with("\xC2\xA9") || StartsWithLower(text, "copyright ") ||
       StartsWithLower(text, "(c) "))) {
    return true;
  }
  if (text.empty() || text.size() > kMaxPhraseBlock) return false;
  if (text.find("\xC2\xA9") != std::string_view::npos) return true;  // ©
  for (std::string_view prefix : kBoilerplatePrefixes) {
    if (StartsWithLower(text, prefix)) return true;
  }
  return false;
}

// A teaser card: a short text whose small enclosing element is otherwise
// made of links (the headline link of another story, "more" links). The
// element counts include subtrees the clean stage removed (a "more" link
// named like boilerplate still marks the card).
bool IsTeaser(const std::vector<ElementInfo>& elements, const Block& b) {
  constexpr std::uint32_t kMaxTeaser = 300;
  constexpr std::uint32_t kMaxCardExtra = 250;
  constexpr std::uint32_t kMinCardLinks = 25;
  if (b.kind == BlockKind::kHeading || b.group >= 0 || b.owner < 0 ||
      b.text_bytes > kMaxTeaser) {
    return false;
  }
  for (int e = elements[b.owner].parent; e >= 0; e = elements[e].parent) {
    const ElementInfo& card = elements[e];
    if (card.text_bytes > b.text_bytes + kMaxCardExtra) break;
    if (card.text_bytes < b.text_bytes || card.link_bytes < b.link_bytes) {
      break;
    }
    const std::uint32_t rest = card.text_bytes - b.text_bytes;
    const std::uint32_t rest_links = card.link_bytes - b.link_bytes;
    if (rest_links >= kMinCardLinks && rest_links * 10 >= rest * 9) return true;
  }
  return false;
}

// True when the text ends like a sentence ('.', '!', '?', '…', maybe
// followed by a closing quote).
bool EndsSentence(std::string_view text) {
  text = Trim(text);
  while (!text.empty() &&
         (text.back() == '"' || text.back() == '\'' || text.back() == ')')) {
    text.remove_suffix(1);
  }
  for (std::string_view quote : {"\u201D", "\u201C", "\u00BB", "\u00AB"}) {
    if (text.ends_with(quote)) text.remove_suffix(quote.size());
  }
  if (text.empty()) return false;
  const char last = text.back();
  return last == '.' || last == '!' || last == '?' || text.ends_with("\u2026");
}

void FilterBlocks(const Page& page, const BlockList& blocks,
                  std::vector<bool>* keep) {
  const auto& list = blocks.blocks;
  const auto& elements = page.elements();
  std::vector<Verdict> verdict(list.size(), Verdict::kBad);
  // Group (list/table) totals, for short items in a good list.
  struct GroupTotals {
    std::uint32_t text = 0, links = 0;
    int items = 0;
  };
  std::vector<std::pair<int, GroupTotals>> groups;
  auto group_of = [&](int g) -> GroupTotals* {
    for (auto& [id, totals] : groups) {
      if (id == g) return &totals;
    }
    return nullptr;
  };
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!(*keep)[i] || list[i].group < 0) continue;
    GroupTotals* t = group_of(list[i].group);
    if (!t) {
      groups.push_back({list[i].group, {}});
      t = &groups.back().second;
    }
    t->text += list[i].text_bytes;
    t->links += list[i].link_bytes;
    ++t->items;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!(*keep)[i]) continue;
    const Block& b = list[i];
    const double density = b.LinkDensity();
    if (b.kind == BlockKind::kHeading && !IsProseHeading(b)) {
      verdict[i] = density > kMaxLinkDensity || IsBoilerplateHeading(b.text)
                       ? Verdict::kBad
                       : Verdict::kHeading;
      continue;
    }
    if (density > kMaxLinkDensity || IsTeaser(elements, b) ||
        IsUnspacedBlob(b)) {
      verdict[i] = Verdict::kBad;
    } else if (IsBoilerplatePhrase(b.text)) {
      verdict[i] = Verdict::kBad;
    } else if (IsPromotion(b.text)) {
      verdict[i] = Verdict::kBad;
    } else if (b.text_bytes >= kLongBlock && density <= kMaxGoodLinkDensity) {
      verdict[i] = Verdict::kGood;
    } else {
      verdict[i] = Verdict::kShort;
      if (b.group >= 0) {
        const GroupTotals* t = group_of(b.group);
        constexpr int kMinGroupItems = 2;
        constexpr std::uint32_t kMinGroupText = 60;
        if (t && t->items >= kMinGroupItems && t->text >= kMinGroupText &&
            t->links * 3 < t->text) {
          verdict[i] = Verdict::kGood;
        }
      }
    }
  }
  // Resolve short blocks by their nearest non-short neighbours: good when
  // both sides are good (an edge counts as good only next to a good block
  // on the other side, so leading/trailing crumbs are dropped).
  std::vector<int> order;
  order.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    if ((*keep)[i]) order.push_back(static_cast<int>(i));
  }
  auto neighbour = [&](std::size_t pos, int step) -> Verdict {
    for (long p = static_cast<long>(pos) + step;
         p >= 0 && p < static_cast<long>(order.size()); p += step) {
      Verdict v = verdict[static_cast<std::size_t>(order[p])];
      if (v == Verdict::kGood || v == Verdict::kBad) return v;
    }
    return Verdict::kShort;  // edge
  };
  std::vector<Verdict> resolved = verdict;
  for (std::size_t pos = 0; pos < order.size(); ++pos) {
    std::size_t i = static_cast<std::size_t>(order[pos]);
    if (verdict[i] == Verdict::kShort) {
      Verdict prev = neighbour(pos, -1);
      Verdict next = neighbour(pos, +1);
      // Sentence-length blocks ("near good" in jusText) need one good
      // neighbour; crumbs need good on both sides.
      const bool near_good = list[i].text_bytes >= kNearGoodBlock &&
                             list[i].LinkDensity() < kMaxNearGoodLinkDensity;
      // Between the last good block and the end of the selection only
      // sentence-length text is kept: the crumbs there are notices, dates
      // and calls to action, not the article's last line.
      bool good =
          (next == Verdict::kGood && prev == Verdict::kGood) ||
          (near_good && (prev == Verdict::kGood || next == Verdict::kGood));
      if (!good && prev == Verdict::kGood && next == Verdict::kShort) {
        good = list[i].text_bytes >= kCrumbBlock && list[i].link_bytes == 0 &&
               EndsSentence(list[i].text);
      }
      resolved[i] = good ? Verdict::kGood : Verdict::kBad;
    }
  }
  // Headings: kept when the next non-heading block is good.
  for (std::size_t pos = 0; pos < order.size(); ++pos) {
    std::size_t i = static_cast<std::size_t>(order[pos]);
    if (verdict[i] != Verdict::kHeading) continue;
    Verdict next = Verdict::kBad;
    for (std::size_t p = pos + 1; p < order.size(); ++p) {
      Verdict v = resolved[static_cast<std::size_t>(order[p])];
      if (v == Verdict::kHeading) continue;
      next = v;
      break;
    }
    resolved[i] = next == Verdict::kGood ? Verdict::kGood : Verdict::kBad;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    (*keep)[i] = (*keep)[i] && resolved[i] == Verdict::kGood;
  }
}

// ---- Rendering --------------------------------------------------------------

namespace {

bool IsHttpUrl(std::string_view url) {
  return StartsWithLower(url, "http://") || StartsWithLower(url, "https://");
}

// Appends the inline HTML of one block: escaped text with a/em/strong.
void RenderInline(const Page& page, const BlockList& blocks, const Block& block,
                  std::string* out) {
  const auto& elements = page.elements();
  const xmlNode* owner = elements[static_cast<std::size_t>(block.owner)].node;
  // The formatting of the previous run: href (empty for none), em, strong.
  std::string_view open_href;
  bool open_a = false, open_em = false, open_strong = false;
  auto close_all = [&]() {
    if (open_a) out->append("</a>");
    if (open_strong) out->append("</strong>");
    if (open_em) out->append("</em>");
    open_a = open_em = open_strong = false;
  };
  bool pending = false;
  bool emitted = false;
  std::string text;
  for (std::uint32_t r = block.first_run; r < block.end_run; ++r) {
    const xmlNode* run = blocks.runs[r];
    bool em = false, strong = false, a = false;
    std::string_view href;
    for (const xmlNode* p = run->parent; p && p != owner; p = p->parent) {
      if (p->type != XML_ELEMENT_NODE) continue;
      int index = Page::IndexOf(p);
      if (index < 0) continue;
      switch (elements[static_cast<std::size_t>(index)].tag) {
        case Tag::kEm:
        case Tag::kI:
          em = true;
          break;
        case Tag::kStrong:
        case Tag::kB:
          strong = true;
          break;
        case Tag::kA:
          if (!a) {
            href = Attr(p, "href");
            a = IsHttpUrl(href);
          }
          break;
        default:
          break;
      }
    }
    std::string_view content = ContentOf(run);
    const bool lead = pending || SpaceLength(content) > 0;
    text.clear();
    pending = false;
    AppendCollapsed(content, &text, &pending);
    const bool changed = em != open_em || strong != open_strong ||
                         a != open_a || (a && href != open_href);
    if (changed) close_all();
    if (lead && emitted) out->push_back(' ');
    if (changed) {
      if (em) out->append("<em>");
      if (strong) out->append("<strong>");
      if (a) {
        out->append("<a href=\"");
        AppendHtmlEscaped(href, out);
        out->append("\">");
      }
      open_em = em;
      open_strong = strong;
      open_a = a;
      open_href = href;
    }
    AppendHtmlEscaped(text, out);
    emitted = emitted || !text.empty();
  }
  close_all();
}

}  // namespace

// The headline and the lead (standfirst) often sit just above the body
// container; when the title heading precedes the selection closely, the
// blocks between them are considered too (the filter drops their crumbs);
// without such a heading, up to three link-poor blocks just above the
// selection and under its grandparent are.
void ExtendToLead(const Page& page, const std::vector<int>& containers,
                  const BlockList& blocks, std::string_view title,
                  std::vector<bool>* keep) {
  constexpr std::size_t kMaxLeadBlocks = 8;
  std::size_t first = 0;
  while (first < keep->size() && !(*keep)[first]) ++first;
  if (first == keep->size()) return;
  std::string normalized = Collapse(title);
  std::size_t from = first;
  for (std::size_t back = 1; back <= kMaxLeadBlocks && back <= first; ++back) {
    const Block& b = blocks.blocks[first - back];
    if (b.kind == BlockKind::kHeading &&
        (b.heading_level == 1 ||
         (!normalized.empty() && b.text == normalized))) {
      from = first - back;
      break;
    }
  }
  if (from == first) {
    // No headline close by: the lead (standfirst) often sits just above
    // the body container, beside it under the same parent. Link-poor
    // blocks there are considered too; a link-heavy block ends the run.
    constexpr std::size_t kMaxLeadRun = 3;
    const auto& elements = page.elements();
    const int body_parent =
        containers.empty()
            ? -1
            : elements[static_cast<std::size_t>(containers.front())].parent;
    const int lead_scope =
        body_parent < 0 ||
                elements[static_cast<std::size_t>(body_parent)].tag ==
                    Tag::kBody
            ? body_parent
            : elements[static_cast<std::size_t>(body_parent)].parent;
    auto under = [&](int element, int ancestor) {
      for (int i = element; i >= 0;
           i = elements[static_cast<std::size_t>(i)].parent) {
        if (i == ancestor) return true;
      }
      return false;
    };
    for (std::size_t back = 1; back <= kMaxLeadRun && back <= first; ++back) {
      const Block& b = blocks.blocks[first - back];
      if (body_parent < 0 || b.LinkDensity() > kMaxLinkDensity ||
          !under(b.owner, lead_scope)) {
        break;
      }
      from = first - back;
    }
  }
  for (std::size_t i = from; i < first; ++i) {
    if (blocks.blocks[i].LinkDensity() <= kMaxLinkDensity) (*keep)[i] = true;
  }
}

// The article's paragraphs mostly share one parent element (the text
// core). Kept blocks after the core's last block that sit outside it are
// the boxes appended to an article (author bios, disclaimers, calls to
// action, "more on this" notes) rather than its last paragraphs.
void TrimTail(const Page& page, const BlockList& blocks,
              std::vector<bool>* keep) {
  const auto& elements = page.elements();
  const auto& list = blocks.blocks;
  auto anchor = [&](const Block& b) {
    const int unit = b.group >= 0 ? b.group : b.owner;
    return elements[static_cast<std::size_t>(unit)].parent;
  };
  // Kept text bytes per anchor (the parent of a block, or of its list).
  std::unordered_map<int, std::uint32_t> totals;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!(*keep)[i] || list[i].kind == BlockKind::kHeading) continue;
    const int a = anchor(list[i]);
    if (a >= 0) totals[a] += list[i].text_bytes;
  }
  if (totals.size() < 2) return;
  int core = -1;
  std::uint32_t core_bytes = 0;
  for (const auto& [a, bytes] : totals) {
    if (bytes > core_bytes || (bytes == core_bytes && a < core)) {
      core = a;
      core_bytes = bytes;
    }
  }
  std::size_t last_core = list.size();
  for (std::size_t i = 0; i < list.size(); ++i) {
    if ((*keep)[i] && anchor(list[i]) == core) last_core = i;
  }
  if (last_core == list.size()) return;
  auto under = [&](int element) {
    for (int i = element; i >= 0;
         i = elements[static_cast<std::size_t>(i)].parent) {
      if (i == core) return true;
    }
    return false;
  };
  // A tail part that repeats the core's shape (the next <section> of the
  // same class after an ad slot) or carries a good share of the text is
  // more article.
  const xmlNode* core_node = elements[static_cast<std::size_t>(core)].node;
  const std::string_view core_class = Attr(core_node, "class");
  auto same_shape = [&](int a) {
    const xmlNode* n = elements[static_cast<std::size_t>(a)].node;
    return xmlStrEqual(n->name, core_node->name) &&
           Attr(n, "class") == core_class;
  };
  constexpr double kMinTailShare = 0.25;
  std::vector<std::size_t> cut;
  std::uint32_t cut_bytes = 0;
  for (std::size_t i = last_core + 1; i < list.size(); ++i) {
    if (!(*keep)[i] || under(list[i].owner)) continue;
    const int a = anchor(list[i]);
    if (a < 0) continue;
    auto it = totals.find(a);
    const bool substantial =
        it != totals.end() && it->second >= kMinTailShare * core_bytes;
    if (!substantial && !same_shape(a)) {
      cut.push_back(i);
      cut_bytes += list[i].text_bytes;
    }
  }
  // Many small parts that together weigh like the core are the article
  // told in steps or short sections, not boxes appended to it.
  constexpr double kMaxCutShare = 0.5;
  if (cut_bytes >= kMaxCutShare * core_bytes) return;
  for (std::size_t i : cut) (*keep)[i] = false;
}

MainText ExtractMainText(Page& page, std::string_view title, bool make_html) {
  MainText result;
  Clean(page);
  BlockList blocks = BuildBlocks(page, page.body());
  const auto& elements = page.elements();
  std::vector<int> containers = SelectMainContainers(page, blocks);

  auto inside = [&](int element, int container) {
    for (int i = element; i >= 0;
         i = elements[static_cast<std::size_t>(i)].parent) {
      if (i == container) return true;
    }
    return false;
  };
  std::vector<bool> keep(blocks.blocks.size(), false);
  for (std::size_t i = 0; i < blocks.blocks.size(); ++i) {
    for (int c : containers) {
      if (inside(blocks.blocks[i].owner, c)) {
        keep[i] = true;
        break;
      }
    }
  }
  ExtendToLead(page, containers, blocks, title, &keep);
  FilterBlocks(page, blocks, &keep);
  TrimTail(page, blocks, &keep);

  // Stage 6, fallback: when the selection holds little of the page's good
  // text, classify the blocks of the whole page instead.
  std::uint32_t kept_bytes = 0, good_bytes = 0;
  for (std::size_t i = 0; i < blocks.blocks.size(); ++i) {
    const Block& b = blocks.blocks[i];
    if (keep[i]) kept_bytes += b.text_bytes;
    if (b.text_bytes >= kLongBlock && b.LinkDensity() <= kMaxGoodLinkDensity) {
      good_bytes += b.text_bytes;
    }
  }
  constexpr double kMinSelectedShare = 0.25;
  if (kept_bytes < kMinSelectedShare * good_bytes) {
    std::fill(keep.begin(), keep.end(), true);
    FilterBlocks(page, blocks, &keep);
    result.fallback = true;
  }

  // Render.
  std::string normalized_title = Collapse(title);
  bool first = true;
  int open_group = -1;
  bool open_list = false, open_ordered = false;
  for (std::size_t i = 0; i < blocks.blocks.size(); ++i) {
    if (!keep[i]) continue;
    const Block& b = blocks.blocks[i];
    // The headline is metadata, not a paragraph.
    if (first && b.kind == BlockKind::kHeading && !normalized_title.empty() &&
        (b.text == normalized_title ||
         normalized_title.find(b.text) != std::string::npos ||
         b.text.find(normalized_title) != std::string::npos)) {
      first = false;
      continue;
    }
    first = false;
    result.paragraphs.push_back(b.text);
    if (!make_html) continue;
    std::string& html = result.html;
    bool is_item = b.kind == BlockKind::kListItem && b.group >= 0;
    if (open_list && (!is_item || b.group != open_group)) {
      html.append(open_ordered ? "</ol>\n" : "</ul>\n");
      open_list = false;
    }
    if (is_item && !open_list) {
      html.append(b.ordered ? "<ol>\n" : "<ul>\n");
      open_list = true;
      open_ordered = b.ordered;
      open_group = b.group;
    }
    const char* tag = "p";
    switch (b.kind) {
      case BlockKind::kHeading:
        tag = b.heading_level <= 2 ? "h2" : b.heading_level == 3 ? "h3" : "h4";
        break;
      case BlockKind::kListItem:
        tag = is_item ? "li" : "p";
        break;
      case BlockKind::kQuote:
        tag = "blockquote";
        break;
      default:
        break;
    }
    html.push_back('<');
    html.append(tag);
    html.push_back('>');
    RenderInline(page, blocks, b, &html);
    html.append("</");
    html.append(tag);
    html.append(">\n");
  }
  if (open_list) result.html.append(open_ordered ? "</ol>\n" : "</ul>\n");
  return result;
}

}  // namespace tidings::extract
