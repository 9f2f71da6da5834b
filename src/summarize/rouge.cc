#include "summarize/rouge.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace tidings::summarize {
namespace {

// ROUGE-1.5.5 stems only words longer than this.
constexpr size_t kMinStemLength = 4;

using Ngrams = std::unordered_map<std::string, int>;

Ngrams CountNgrams(const std::vector<std::string>& tokens, size_t n,
                   int* total) {
  Ngrams out;
  *total = 0;
  if (tokens.size() < n) return out;
  for (size_t i = 0; i + n <= tokens.size(); ++i) {
    std::string key = tokens[i];
    for (size_t j = 1; j < n; ++j) {
      key.push_back(' ');
      key += tokens[i + j];
    }
    ++out[key];
    ++*total;
  }
  return out;
}

RougeScore RougeN(const std::vector<std::string>& cand,
                  const std::vector<std::string>& ref, size_t n) {
  int cand_total = 0;
  int ref_total = 0;
  Ngrams c = CountNgrams(cand, n, &cand_total);
  Ngrams r = CountNgrams(ref, n, &ref_total);
  int hits = 0;
  for (const auto& [gram, count] : c) {
    auto it = r.find(gram);
    if (it != r.end()) hits += std::min(count, it->second);
  }
  return RougeFromCounts(hits, cand_total, ref_total);
}

// The LCS table of a and b: table[i][j] = LCS of a[0..i) and b[0..j).
std::vector<std::vector<int>> LcsTable(const std::vector<std::string>& a,
                                       const std::vector<std::string>& b) {
  std::vector<std::vector<int>> t(a.size() + 1,
                                  std::vector<int>(b.size() + 1, 0));
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1
                                     : std::max(t[i - 1][j], t[i][j - 1]);
    }
  }
  return t;
}

// Positions in `ref` of one LCS of ref and cand (the backtrack ROUGE uses).
void LcsPositions(const std::vector<std::string>& ref,
                  const std::vector<std::string>& cand, std::set<size_t>* out) {
  auto t = LcsTable(ref, cand);
  size_t i = ref.size();
  size_t j = cand.size();
  while (i > 0 && j > 0) {
    if (ref[i - 1] == cand[j - 1]) {
      out->insert(i - 1);
      --i;
      --j;
    } else if (t[i - 1][j] >= t[i][j - 1]) {
      --i;
    } else {
      --j;
    }
  }
}

}  // namespace

RougeScore RougeFromCounts(int hits, int candidate_total, int reference_total) {
  RougeScore s;
  if (candidate_total > 0) s.precision = double(hits) / candidate_total;
  if (reference_total > 0) s.recall = double(hits) / reference_total;
  if (s.precision + s.recall > 0) {
    s.f1 = 2 * s.precision * s.recall / (s.precision + s.recall);
  }
  return s;
}

int LcsLength(const std::vector<std::string>& a,
              const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  // Two rows suffice for the length.
  std::vector<int> prev(b.size() + 1, 0);
  std::vector<int> cur(b.size() + 1, 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1
                                    : std::max(prev[j], cur[j - 1]);
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

RougeScorer::RougeScorer(RougeOptions options)
    : options_(options), stemmer_("porter") {}

std::vector<std::string> RougeScorer::Tokens(std::string_view text) {
  std::vector<std::string> tokens;
  std::string cur;
  auto flush = [&] {
    if (cur.empty()) return;
    if (options_.stem && cur.size() >= kMinStemLength) {
      tokens.push_back(stemmer_.Stem(cur));
    } else {
      tokens.push_back(cur);
    }
    cur.clear();
  };
  for (char ch : text) {
    char c = ch;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      cur.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

RougeScores RougeScorer::Score(
    const std::vector<std::string>& candidate_sentences,
    const std::vector<std::string>& reference_sentences) {
  std::vector<std::vector<std::string>> cand_sents;
  std::vector<std::vector<std::string>> ref_sents;
  std::vector<std::string> cand;
  std::vector<std::string> ref;
  for (const auto& s : candidate_sentences) {
    cand_sents.push_back(Tokens(s));
    cand.insert(cand.end(), cand_sents.back().begin(), cand_sents.back().end());
  }
  for (const auto& s : reference_sentences) {
    ref_sents.push_back(Tokens(s));
    ref.insert(ref.end(), ref_sents.back().begin(), ref_sents.back().end());
  }
  RougeScores out;
  out.rouge1 = RougeN(cand, ref, 1);
  out.rouge2 = RougeN(cand, ref, 2);
  out.rouge_l =
      RougeFromCounts(LcsLength(cand, ref), static_cast<int>(cand.size()),
                      static_cast<int>(ref.size()));
  // Summary-level LCS with hits clipped by the tokens' counts.
  std::map<std::string, int> cand_counts;
  std::map<std::string, int> ref_counts;
  for (const auto& t : cand) ++cand_counts[t];
  for (const auto& t : ref) ++ref_counts[t];
  int hits = 0;
  for (const auto& r : ref_sents) {
    std::set<size_t> positions;
    for (const auto& c : cand_sents) LcsPositions(r, c, &positions);
    for (size_t p : positions) {
      const std::string& t = r[p];
      int& cc = cand_counts[t];
      int& rc = ref_counts[t];
      if (cc > 0 && rc > 0) {
        ++hits;
        --cc;
        --rc;
      }
    }
  }
  out.rouge_lsum = RougeFromCounts(hits, static_cast<int>(cand.size()),
                                   static_cast<int>(ref.size()));
  return out;
}

}  // namespace tidings::summarize
