// The main-text stages of extraction (see extractor.h for the sequence).
// Each stage is a free function over a Page so that tests can run it
// alone. Internal to the extract module; not thread-safe per Page.
#ifndef TIDINGS_EXTRACT_CONTENT_H_
#define TIDINGS_EXTRACT_CONTENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/page.h"

namespace tidings::extract {

// ---- Stage 2: clean -------------------------------------------------------

// What the class/id/role of an element says about it.
enum class ClassVerdict : std::uint8_t {
  kNeutral,
  // Main content ("article-body", "entry-content", itemprop=articleBody).
  kContent,
  // Boilerplate even when a content word appears too ("comments",
  // "share-bar", "newsletter", "cookie-banner", "related-stories").
  kStrongBoilerplate,
  // Boilerplate unless a content word appears too ("sidebar", "meta",
  // "header", "tags").
  kWeakBoilerplate,
};

// Classifies an element by its class, id and role attributes (no regexes:
// a token and substring scan over the lower-cased attribute values).
ClassVerdict ClassifyAttributes(std::string_view class_attr,
                                std::string_view id_attr,
                                std::string_view role_attr);

// Marks boilerplate subtrees as removed (ElementInfo::removed) and sets
// ElementInfo::class_weight. Policy (docs/extraction.md): navigation,
// page headers and footers, asides, forms, comments, ads, cookie and
// newsletter banners, share bars, related/"read more" blocks, hidden
// elements, figures with their captions and photo credits. An element
// holding most of the page's text is kept whatever its class says (a
// wrapper named "page has-sidebar" must not take the article with it).
// Returns the number of subtrees removed.
int Clean(Page& page);

// ---- Stage 3: blocks ------------------------------------------------------

enum class BlockKind : std::uint8_t {
  kParagraph,
  kHeading,
  kListItem,
  kQuote,
  kPreformatted,
  kCell,
};

// A run of text between block boundaries, in reading order.
struct Block {
  // The innermost block element around the text.
  int owner = -1;
  BlockKind kind = BlockKind::kParagraph;
  // 1..6 for headings.
  int heading_level = 0;
  // The enclosing list or table element (-1 if none), and whether the list
  // is ordered; groups items for classification and HTML output.
  int group = -1;
  bool ordered = false;
  // Whitespace-collapsed text.
  std::string text;
  // Non-whitespace bytes of text, and those inside links.
  std::uint32_t text_bytes = 0;
  std::uint32_t link_bytes = 0;
  // The text nodes of the block: [first_run, end_run) in BlockList::runs.
  std::uint32_t first_run = 0;
  std::uint32_t end_run = 0;

  double LinkDensity() const {
    return text_bytes ? static_cast<double>(link_bytes) / text_bytes : 0;
  }
};

struct BlockList {
  std::vector<Block> blocks;
  // Text nodes in document order (for rebuilding inline HTML).
  std::vector<const xmlNode*> runs;
};

// Splits the non-removed part of the page below element `root` into text
// blocks. A double <br> splits a block; a single one is a space.
BlockList BuildBlocks(const Page& page, int root);

// ---- Stage 4: score and select --------------------------------------------

// A heading that holds sentences (≥ 100 bytes ending a sentence): a lead or
// standfirst set in a heading tag, filtered as a paragraph (it adds no
// score: teaser cards set their summaries in headings too).
bool IsProseHeading(const Block& block);

// The contribution of one block to the score of its containers: positive
// for long, link-poor text, negative for link lists, slightly negative for
// crumbs of UI text.
double BlockValue(const Block& block);

// Adds every block's value to its ancestors (ElementInfo::score) and
// returns the containers that hold the main text: the best-scoring element
// (class/id weights applied) plus substantial sibling elements. Empty when
// nothing scores above zero.
std::vector<int> SelectMainContainers(Page& page, const BlockList& blocks);

// ---- Stage 5: filter ------------------------------------------------------

// Classifies blocks one by one (link density, length, boilerplate phrases)
// then resolves short blocks and headings by their neighbours. `keep`
// (same size as blocks) says which blocks are considered at all; on return
// it says which blocks are main text.
void FilterBlocks(const Page& page, const BlockList& blocks,
                  std::vector<bool>* keep);

// True when a short text is a known boilerplate phrase ("Read more",
// "Weiterlesen", "Advertisement", "© 2024 …", "Photo: …").
bool IsBoilerplatePhrase(std::string_view text);

// ---- Stages 4-6 together ----------------------------------------------------

struct MainText {
  std::vector<std::string> paragraphs;
  std::string html;
  // True when the fallback (whole page) was used.
  bool fallback = false;
};

// Runs clean → blocks → select → filter → fallback and renders the kept
// blocks. `title` (may be empty) is dropped when it is the first block.
MainText ExtractMainText(Page& page, std::string_view title, bool make_html);

}  // namespace tidings::extract

#endif  // TIDINGS_EXTRACT_CONTENT_H_
