// ROUGE-N and ROUGE-L as computed by ROUGE-1.5.5 (Lin 2004), the scorer
// behind published summarization tables.
//
// Text is processed as ROUGE-1.5.5 does: lower-cased, every character
// outside [a-z0-9] becomes a separator, and with stemming (the default, the
// "-m" flag) tokens longer than three characters are reduced by Porter's
// original algorithm (Snowball "porter"). F1 is the balanced F-measure
// (alpha = 0.5). Two ROUGE-L variants:
//   rougeL    — the summary and the reference each scored as one token
//               sequence (plain LCS);
//   rougeLsum — summary-level ROUGE-L: for each reference sentence the union
//               LCS with all summary sentences, hits clipped by token counts.
//
// Thread-safety: a RougeScorer is not thread-safe (it owns a Stemmer); use
// one per thread. The free functions are pure.
#ifndef TIDINGS_SUMMARIZE_ROUGE_H_
#define TIDINGS_SUMMARIZE_ROUGE_H_

#include <string>
#include <string_view>
#include <vector>

#include "text/stemmer.h"

namespace tidings::summarize {

struct RougeScore {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

struct RougeScores {
  RougeScore rouge1;
  RougeScore rouge2;
  RougeScore rouge_l;
  RougeScore rouge_lsum;
};

struct RougeOptions {
  // Porter stemming of tokens longer than 3 characters (ROUGE-1.5.5 -m).
  bool stem = true;
};

class RougeScorer {
 public:
  explicit RougeScorer(RougeOptions options = {});

  // ROUGE tokens of `text`.
  std::vector<std::string> Tokens(std::string_view text);

  // Scores a candidate summary against one reference, both given as
  // sentences (the sentence split matters only for rougeLsum). Empty input
  // scores 0.
  RougeScores Score(const std::vector<std::string>& candidate_sentences,
                    const std::vector<std::string>& reference_sentences);

 private:
  RougeOptions options_;
  text::Stemmer stemmer_;
};

// Scores from overlap counts: P = hits / candidate, R = hits / reference.
RougeScore RougeFromCounts(int hits, int candidate_total, int reference_total);

// Length of the longest common subsequence of two token sequences.
int LcsLength(const std::vector<std::string>& a,
              const std::vector<std::string>& b);

}  // namespace tidings::summarize

#endif  // TIDINGS_SUMMARIZE_ROUGE_H_
