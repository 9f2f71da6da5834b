// Extractive summaries of one article and of a story told by several.
//
// SummarizeArticle is a numbered sequence of stages, each testable alone:
//   1. Segment   — paragraphs into sentences (text::SplitSentences), each
//                  with its index in the article's sentence list.
//   2. Guard     — the coherence guard drops what is not the article's own
//                  prose: navigation and calls to action ("Read more",
//                  "Sign up", "Follow us"), bylines, photo credits,
//                  copyright lines, lone datelines, short fragments, and
//                  sentences whose vocabulary barely overlaps the article's
//                  core (teasers of other stories).
//   3. Score     — position (news leads with its point), centrality
//                  (TF-IDF cosine to the whole document), overlap with the
//                  title and the lead, and information content.
//   4. Select    — greedy maximal marginal relevance (MMR) against what is
//                  already chosen, until the reading-time target is met;
//                  sentences are never cut.
//   5. Order     — chosen sentences in their original order.
//
// Thread-safety: all functions are safe to call concurrently (no shared
// mutable state; each call owns its stemmer).
#ifndef TIDINGS_SUMMARIZE_SUMMARIZER_H_
#define TIDINGS_SUMMARIZE_SUMMARIZER_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "model/model.h"

namespace tidings::summarize {

struct SummaryOptions {
  // Reading time the summary aims at, in seconds (text::ReadingSeconds).
  int target_seconds = 75;
  // The summary stops growing once it reaches min_seconds and never goes
  // past max_seconds (except that the best sentence alone is always kept).
  int min_seconds = 60;
  int max_seconds = 90;
  // A summary never takes longer to read than this fraction of the whole
  // article (a summary of a short article stays short); the first chosen
  // sentence is always kept. Applies to the reading-time target only.
  double max_fraction = 0.5;
  // When > 0, a word budget replaces the reading-time target: sentences are
  // added while the summary stays within target_words (or is empty), and
  // the target_seconds fields are ignored. Used by evaluations, whose
  // references are measured in words.
  int target_words = 0;
  // When > 0, at most this many sentences.
  int max_sentences = 0;
  // MMR trade-off: 1 = relevance only, 0 = novelty only.
  double mmr_lambda = 0.75;
  // Weight of position relative to content features; news puts the point
  // first, so the lead is strong evidence.
  double position_weight = 2.0;
  // The position prior is exp(-rank / position_decay), rank counting the
  // sentences that passed the guard.
  double position_decay = 4.0;
  // Weights of TF-IDF centrality, title overlap and information content.
  double centrality_weight = 1.5;
  double title_weight = 0.3;
  double info_weight = 0.2;
  // Subtracted for sentences that summaries rarely contain: direct quotes,
  // questions, and short sentences (fewer than 8 words).
  double style_penalty = 0.4;
  // Turns the coherence guard (stage 2) off; for experiments only.
  bool guard = true;
};

// One sentence of the article after stage 1, with the guard's verdict.
struct ScoredSentence {
  std::string text;
  // Index in the article's sentence list (all sentences, guard or not).
  int index = 0;
  int paragraph = 0;
  // Why the guard rejected it ("" = kept): "boilerplate", "byline",
  // "credit", "fragment", "off-topic", "duplicate".
  std::string rejected;
  double score = 0;
};

// Summarises one article. `paragraphs` are the article's text in reading
// order (model::Article::paragraphs); `title` may be empty; `lang` is the
// ISO 639-1 language ("" = unknown: no stop words, no stemming). Returns
// the chosen sentences in article order, each with its index in the
// article's sentence list and article_id 0. Empty when the article has no
// sentence that passes the guard.
std::vector<model::SummarySentence> SummarizeArticle(
    const std::string& title, const std::vector<std::string>& paragraphs,
    std::string_view lang, const SummaryOptions& options = {});

// The same for plain text: paragraphs are separated by blank lines (a
// single line break also ends a paragraph).
std::vector<model::SummarySentence> SummarizeText(
    const std::string& title, std::string_view text, std::string_view lang,
    const SummaryOptions& options = {});

// Stages 1–3 alone: every sentence of the article with the guard's verdict
// and its score (0 for rejected ones). For diagnostics and tests.
std::vector<ScoredSentence> ScoreSentences(
    const std::string& title, const std::vector<std::string>& paragraphs,
    std::string_view lang, const SummaryOptions& options = {});

// The first `count` sentences of the article (stage 1 only, no guard): the
// Lead-N baseline.
std::vector<model::SummarySentence> LeadSentences(
    const std::vector<std::string>& paragraphs, std::string_view lang,
    int count);

// Splits plain text into paragraphs at line breaks; blank pieces dropped.
std::vector<std::string> SplitParagraphs(std::string_view text);

// One article of a story.
struct StoryInput {
  model::Id article_id = 0;
  std::string title;
  std::vector<std::string> paragraphs;
  std::string lang;
  // When it was published; 0 if unknown (treated as latest).
  UnixSeconds published_at = 0;
  // The article's (or its publisher's) quality score in 0..100.
  double quality = 50;
};

struct StorySummaryOptions {
  // Reading time, as in SummaryOptions.
  int target_seconds = 75;
  int min_seconds = 60;
  int max_seconds = 90;
  // At most this many sentences from one article, so several publishers
  // are heard.
  int max_per_article = 2;
  // Sentences are considered from each article's own summary of this
  // length (candidates), then chosen across articles.
  int candidates_per_article = 5;
  // MMR trade-off across articles.
  double mmr_lambda = 0.65;
  // Bonus weights for the earliest and the highest-quality source.
  double earliness_weight = 0.15;
  double quality_weight = 0.15;
};

// Summarises a story over several articles: sentences are chosen across
// publishers, redundancy-aware (a sentence saying what a chosen one says
// is skipped), preferring earlier and higher-quality sources; each carries
// the article_id it came from and its index in that article. The result is
// ordered by source rank (earliest/best first), then by position in the
// source. Empty when no article has a usable sentence.
std::vector<model::SummarySentence> SummarizeStory(
    const std::vector<StoryInput>& articles,
    const StorySummaryOptions& options = {});

}  // namespace tidings::summarize

#endif  // TIDINGS_SUMMARIZE_SUMMARIZER_H_
