// Summarization evaluation sets and their scoring against ROUGE.
//
// Layouts read by LoadEvalDocs (detected from the folder's contents):
//   FRANK      — *.json per article (in DIR or DIR/data/articles-wmetrics-
//                reference-json): "article", references ("<system>_reference"
//                for CNN/DailyMail, "Gold" for XSum) and stored pyrouge
//                scores "<system>_rouge" of each system summary. Ids starting
//                "cnn-"/"dm-" are CNN/DailyMail, the rest XSum.
//   BBC News Summary — "News Articles/<cat>/<n>.txt" (title line, then
//                paragraphs) and "Summaries/<cat>/<n>.txt" (extractive).
//   Line-aligned — src.txt and ref.txt, one document per line; text may be
//                tokenised, lower-cased and wrapped in <t> … </t>; each
//                reference sentence in its own <t> … </t>.
//
// Thread-safety: functions are safe to call concurrently.
#ifndef TIDINGS_SUMMARIZE_EVAL_DATA_H_
#define TIDINGS_SUMMARIZE_EVAL_DATA_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "summarize/rouge.h"
#include "summarize/summarizer.h"

namespace tidings::summarize {

// A system summary stored with its pyrouge scores (FRANK only).
struct StoredRouge {
  std::string system;
  std::string summary;
  std::string reference;
  // F1 and recall as fractions, from the file.
  double rouge1_f = 0, rouge2_f = 0, rouge_l_f = 0;
  double rouge1_r = 0, rouge2_r = 0, rouge_l_r = 0;
};

struct EvalDoc {
  std::string id;
  std::string title;
  std::vector<std::string> paragraphs;
  // The reference summary, one sentence per element.
  std::vector<std::string> reference;
  std::vector<StoredRouge> stored;
};

// Loads every document of the set in DIR. `subset` is "" (all), "cnndm" or
// "xsum" (FRANK only; ignored for other layouts). Fails with NotFound when
// DIR holds no known layout, Corruption for unreadable files, and
// InvalidArgument for an unknown subset.
Result<std::vector<EvalDoc>> LoadEvalDocs(const std::filesystem::path& dir,
                                          std::string_view subset);

// The layout of DIR: "frank", "bbc", "lines", or "" when none is found.
std::string DetectEvalLayout(const std::filesystem::path& dir);

struct EvalOptions {
  SummaryOptions summary;
  RougeOptions rouge;
  // Lead-N baseline size.
  int lead_sentences = 3;
  // Language of the documents.
  std::string lang = "en";
};

// Mean scores over documents (each of P, R and F1 averaged per document, as
// ROUGE-1.5.5 reports its average).
struct EvalResult {
  int docs = 0;
  RougeScores ours;
  RougeScores lead;
  // Mean words per summary.
  double ours_words = 0;
  double lead_words = 0;
};

// Summarises every document with SummarizeArticle and with LeadSentences and
// scores both against the references with the same scorer.
EvalResult EvaluateSummaries(const std::vector<EvalDoc>& docs,
                             const EvalOptions& options);

// The options used for an evaluation set: summaries sized like the set's
// references. `layout_hint` is "cnndm", "xsum", "bbc" or "" (generic).
EvalOptions DefaultEvalOptions(std::string_view layout_hint);

}  // namespace tidings::summarize

#endif  // TIDINGS_SUMMARIZE_EVAL_DATA_H_
