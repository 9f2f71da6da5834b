#include "summarize/summarizer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "text/sentences.h"
#include "text/stemmer.h"
#include "text/stopwords.h"
#include "text/tokenize.h"

namespace tidings::summarize {
namespace {

// A sparse term vector: stem -> weight.
using TermVector = std::unordered_map<std::string, double>;

struct Candidate {
  std::string text;
  int index = 0;
  int paragraph = 0;
  int words = 0;
  int seconds = 0;
  std::vector<std::string> terms;  // Content stems, in order, with repeats.
  std::string rejected;
  TermVector vec;
  double score = 0;
};

double Cosine(const TermVector& a, const TermVector& b) {
  if (a.empty() || b.empty()) return 0;
  const TermVector& small = a.size() < b.size() ? a : b;
  const TermVector& large = a.size() < b.size() ? b : a;
  double dot = 0;
  for (const auto& [t, w] : small) {
    auto it = large.find(t);
    if (it != large.end()) dot += w * it->second;
  }
  double na = 0;
  double nb = 0;
  for (const auto& [t, w] : a) na += w * w;
  for (const auto& [t, w] : b) nb += w * w;
  if (na == 0 || nb == 0) return 0;
  return dot / std::sqrt(na * nb);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Content stems of `text`: tokens without stop words and one-letter tokens.
std::vector<std::string> ContentTerms(std::string_view text,
                                      std::string_view lang,
                                      text::Stemmer& stemmer) {
  std::vector<std::string> out;
  text::ForEachWordToken(text, [&](std::string_view t) {
    if (t.size() < 2 || text::IsStopWord(lang, t)) return;
    out.push_back(stemmer.Stem(t));
  });
  return out;
}

// --- Stage 2: the coherence guard. ---------------------------------------

// Lines that are page furniture rather than prose, matched at the start of
// the lower-cased sentence.
constexpr std::string_view kBoilerplatePrefixes[] = {
    "read more",
    "read:",
    "related:",
    "related articles",
    "see also",
    "sign up",
    "subscribe",
    "follow us",
    "follow @",
    "click here",
    "share this",
    "share on",
    "watch:",
    "watch the",
    "listen:",
    "advertisement",
    "copyright",
    "\xc2\xa9",
    "(c) ",
    "all rights",
    "photo:",
    "photograph:",
    "photos:",
    "image:",
    "picture:",
    "pictures:",
    "credit:",
    "video:",
    "more on this",
    "top stories",
    "most read",
    "most popular",
    "we use cookies",
    "download the",
    "get the app",
    "newsletter",
    "email us",
    "contact us",
    "terms of",
    "privacy policy",
    "image copyright",
    "image caption",
    "media caption",
    "media playback",
    "skip to",
    "jump to",
    "continue reading",
    "you may also",
    "recommended:",
    "trending:",
    "editor's note",
    "explore more",
    "more from",
    "don't miss",
    "also read",
    "join us",
    "like us on",
    "updated:",
    "published:",
    "last updated",
    "posted:",
    "this article was",
    "this story was",
    "tags:",
    "filed under",
    "comments",
    "loading",
    "please enable",
};

// Calls to action and credits anywhere in the sentence.
constexpr std::string_view kBoilerplateInfixes[] = {
    "click here",
    "sign up for",
    "subscribe to our",
    "follow us on",
    "read more:",
    "all rights reserved",
    "\xc2\xa9",
    "getty images",
    "image copyright",
    "image caption",
    "media caption",
    "our newsletter",
    "download our app",
    "follow him on twitter",
    "follow her on twitter",
    "on facebook and twitter",
    "cookie policy",
    "privacy policy",
    "terms of service",
    "(photo:",
    "photo credit",
    "newsletter to get",
    "sign up to",
    "get our free",
    "share this article",
    "share or comment",
    "is not responsible for the",
    "this video",
    "not supported by your",
    "enable javascript",
    "the bbc is not responsible",
    "web browser",
    "style sheets",
    "upgrade your browser",
    "upgrading your browser",
    "your current browser",
    "live on bbc",
    "on bbc radio",
    "bbc sport website",
    "bbc iplayer",
    // Automated live-match commentary lines.
    " wins a free kick",
    "footed shot from",
    "match ends,",
    "half ends,",
    "first half begins",
    "second half begins",
    "attempt missed",
    "attempt saved",
    "attempt blocked",
    "foul by ",
    "corner, ",
    "substitution, ",
    "offside, ",
    "delay in match",
    "hand ball by",
    "header from",
    "conceded by",
};

// Fewer words than this is a fragment, not a summary sentence.
constexpr int kMinWords = 5;
// Photo credits are short lines.
constexpr int kMinWordsUnpunctuated = 12;
// Bylines ("By Jane Doe, Political Correspondent") are short.
constexpr int kMaxBylineWords = 8;
// A sentence whose content stems overlap the article's core less than this
// fraction is about something else (a teaser of another story).
constexpr double kMinCoreOverlap = 0.2;
// Cohesion is judged only for sentences with at least this many content
// stems, and only in articles with at least this many sentences.
constexpr size_t kMinTermsForCohesion = 4;
constexpr size_t kMinSentencesForCohesion = 4;
// The core: the title, the first sentences, and stems repeated across
// sentences.
constexpr int kCoreLeadSentences = 4;
constexpr int kCoreMinSentenceFrequency = 2;

// Live-commentary substitution lines are at most this long.
constexpr int kMaxSubstitutionWords = 7;
// Questions shorter than this are subheadings ("Why has it gone viral?").
constexpr int kMinWordsQuestion = 10;
// A line whose first colon follows at most this many words is a labelled
// fact-box line ("Coverage: Live on BBC One", "Tries: Smith 2").
constexpr int kMaxLabelWords = 2;
// Share of tokens that are numbers above which a line is a score or table.
constexpr double kMaxNumberShare = 0.3;

bool StartsLowerCase(std::string_view s) {
  unsigned char c = static_cast<unsigned char>(s.empty() ? 0 : s[0]);
  return c >= 'a' && c <= 'z';
}

bool IsFactboxLine(std::string_view s) {
  size_t colon = s.find(':');
  if (colon != std::string_view::npos && colon + 1 < s.size()) {
    std::string_view label = s.substr(0, colon);
    int words = 1;
    for (char c : label) words += c == ' ' ? 1 : 0;
    char after = s[colon + 1] == ' ' && colon + 2 < s.size() ? s[colon + 2]
                                                             : s[colon + 1];
    bool quote_follows = after == '"' || after == '\'' ||
                         static_cast<unsigned char>(after) == 0xE2;
    bool speech = label.find(" said") != std::string_view::npos ||
                  label.find(" says") != std::string_view::npos ||
                  label.find(" told") != std::string_view::npos ||
                  label.find(" added") != std::string_view::npos;
    if (words <= kMaxLabelWords && !quote_follows && !speech &&
        !label.empty() && !(label.back() >= '0' && label.back() <= '9')) {
      return true;
    }
  }
  int tokens = 0;
  int numbers = 0;
  text::ForEachWordToken(s, [&](std::string_view t) {
    ++tokens;
    if (t[0] >= '0' && t[0] <= '9') ++numbers;
  });
  return tokens > 0 && static_cast<double>(numbers) / tokens > kMaxNumberShare;
}

bool EndsLikeSentence(std::string_view s) {
  // Trailing closing quotes/brackets do not count.
  while (!s.empty()) {
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c == '"' || c == '\'' || c == ')' || c == ']') {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && (s.substr(s.size() - 3) == "\u201d" ||
                                 s.substr(s.size() - 3) == "\u2019")) {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  if (s.empty()) return false;
  char c = s.back();
  if (c == '.' || c == '!' || c == '?') return true;
  if (s.size() < 3) return false;
  std::string_view last = s.substr(s.size() - 3);
  // Ellipsis, and the ideographic full stop and full-width marks of CJK.
  return last == "\u2026" || last == "\u3002" || last == "\uff01" ||
         last == "\uff1f";
}

// Pattern rules; returns the rejection reason or "".
std::string PatternVerdict(const Candidate& c) {
  std::string lower = Lower(c.text);
  for (std::string_view p : kBoilerplatePrefixes) {
    if (StartsWith(lower, p)) return "boilerplate";
  }
  for (std::string_view p : kBoilerplateInfixes) {
    if (lower.find(p) != std::string::npos) return "boilerplate";
  }
  if (lower.find("http://") != std::string::npos ||
      lower.find("https://") != std::string::npos ||
      lower.find("www.") != std::string::npos) {
    return "boilerplate";
  }
  if (c.words <= kMaxBylineWords &&
      (StartsWith(lower, "by ") || StartsWith(lower, "von ") ||
       StartsWith(lower, "par ") || StartsWith(lower, "por "))) {
    return "byline";
  }
  if (StartsWith(lower, "photo") || StartsWith(lower, "image") ||
      lower.find("/reuters") != std::string::npos ||
      lower.find("/ap") != std::string::npos ||
      lower.find("/afp") != std::string::npos) {
    if (c.words <= kMinWordsUnpunctuated) return "credit";
  }
  if (c.words < kMinWords) return "fragment";
  // List items, captions and headings: a summary sentence is a whole
  // sentence, capitalised and punctuated.
  if (!EndsLikeSentence(c.text)) return "fragment";
  if (StartsLowerCase(c.text)) return "fragment";
  if (c.text.back() == '?' && c.words < kMinWordsQuestion) return "heading";
  if (IsFactboxLine(c.text)) return "factbox";
  // Live-commentary substitutions ("Alex Samuel replaces Denny Johnstone.").
  if (c.words <= kMaxSubstitutionWords &&
      lower.find(" replaces ") != std::string::npos) {
    return "boilerplate";
  }
  return "";
}

// --- Stage 1. --------------------------------------------------------------

std::vector<Candidate> Segment(const std::vector<std::string>& paragraphs,
                               std::string_view lang, text::Stemmer& stemmer) {
  std::vector<Candidate> out;
  int index = 0;
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    for (text::Sentence& s : text::SplitSentences(paragraphs[p], lang)) {
      Candidate c;
      c.text = std::move(s.text);
      c.index = index++;
      c.paragraph = static_cast<int>(p);
      text::WordCounts counts = text::CountWords(c.text);
      c.words = counts.words + counts.cjk_chars / 2;
      c.seconds = text::ReadingSeconds(c.text, lang);
      c.terms = ContentTerms(c.text, lang, stemmer);
      out.push_back(std::move(c));
    }
  }
  return out;
}

void Guard(std::vector<Candidate>& cands, const std::vector<std::string>& title,
           bool enabled) {
  std::unordered_set<std::string> seen;
  for (Candidate& c : cands) {
    if (!seen.insert(c.text).second) {
      c.rejected = "duplicate";
      continue;
    }
    if (enabled) c.rejected = PatternVerdict(c);
  }
  if (!enabled) return;
  std::vector<Candidate*> kept;
  for (Candidate& c : cands) {
    if (c.rejected.empty()) kept.push_back(&c);
  }
  if (kept.size() < kMinSentencesForCohesion) return;
  // The article's core vocabulary.
  std::unordered_map<std::string, int> sentence_freq;
  for (Candidate* c : kept) {
    std::unordered_set<std::string> uniq(c->terms.begin(), c->terms.end());
    for (const auto& t : uniq) ++sentence_freq[t];
  }
  std::unordered_set<std::string> core(title.begin(), title.end());
  for (int i = 0; i < kCoreLeadSentences && i < static_cast<int>(kept.size());
       ++i) {
    core.insert(kept[i]->terms.begin(), kept[i]->terms.end());
  }
  for (const auto& [t, f] : sentence_freq) {
    if (f >= kCoreMinSentenceFrequency) core.insert(t);
  }
  for (size_t i = kCoreLeadSentences; i < kept.size(); ++i) {
    Candidate* c = kept[i];
    std::unordered_set<std::string> uniq(c->terms.begin(), c->terms.end());
    if (uniq.size() < kMinTermsForCohesion) continue;
    // Sentences past the lead are not part of the core themselves: a stem
    // of theirs is shared only if the title, the lead or another sentence
    // has it.
    size_t shared = 0;
    for (const auto& t : uniq) shared += core.count(t);
    if (static_cast<double>(shared) / uniq.size() < kMinCoreOverlap) {
      c->rejected = "off-topic";
    }
  }
}

// --- Stage 3. --------------------------------------------------------------

// Content stems at which information content saturates.
constexpr double kInfoSaturation = 25;

// Sentences shorter than this rarely carry a summary's facts.
constexpr int kShortSentenceWords = 8;

// 0..1: how much the sentence looks like a quote, question or aside.
double StylePenalty(const Candidate& c) {
  double penalty = 0;
  std::string_view t = c.text;
  if (StartsWith(t, "\"") || StartsWith(t, "\u201c") || StartsWith(t, "'") ||
      StartsWith(t, "\u2018")) {
    penalty += 1;
  }
  if (!t.empty() && t.back() == '?') penalty += 1;
  if (c.words < kShortSentenceWords) penalty += 1;
  return std::min(1.0, penalty);
}

void Score(std::vector<Candidate>& cands,
           const std::vector<std::string>& title_terms,
           const SummaryOptions& options) {
  std::vector<Candidate*> kept;
  for (Candidate& c : cands) {
    if (c.rejected.empty()) kept.push_back(&c);
  }
  if (kept.empty()) return;
  std::unordered_map<std::string, int> df;
  for (Candidate* c : kept) {
    std::unordered_set<std::string> uniq(c->terms.begin(), c->terms.end());
    for (const auto& t : uniq) ++df[t];
  }
  const double n = static_cast<double>(kept.size());
  TermVector centroid;
  for (Candidate* c : kept) {
    for (const auto& t : c->terms) {
      double idf = std::log((n + 1) / (df[t] + 0.5));
      c->vec[t] += idf;
      centroid[t] += idf;
    }
  }
  std::unordered_set<std::string> title_set(title_terms.begin(),
                                            title_terms.end());
  for (size_t r = 0; r < kept.size(); ++r) {
    Candidate* c = kept[r];
    double position =
        std::exp(-static_cast<double>(r) / options.position_decay);
    double centrality = Cosine(c->vec, centroid);
    double title = 0;
    if (!title_set.empty()) {
      std::unordered_set<std::string> uniq(c->terms.begin(), c->terms.end());
      int hits = 0;
      for (const auto& t : title_set) hits += uniq.count(t) ? 1 : 0;
      title = static_cast<double>(hits) / title_set.size();
    }
    std::unordered_set<std::string> uniq(c->terms.begin(), c->terms.end());
    double info =
        std::min(1.0, std::log1p(uniq.size()) / std::log1p(kInfoSaturation));
    c->score = -options.style_penalty * StylePenalty(*c) +
               options.position_weight * position +
               options.centrality_weight * centrality +
               options.title_weight * title + options.info_weight * info;
  }
}

// --- Stage 4. --------------------------------------------------------------

std::vector<Candidate*> Select(std::vector<Candidate>& cands,
                               const SummaryOptions& options) {
  std::vector<Candidate*> pool;
  for (Candidate& c : cands) {
    if (c.rejected.empty()) pool.push_back(&c);
  }
  std::vector<Candidate*> chosen;
  int words = 0;
  int seconds = 0;
  const bool word_mode = options.target_words > 0;
  int total_seconds = 0;
  for (const Candidate& c : cands) total_seconds += c.seconds;
  const int cap = static_cast<int>(options.max_fraction * total_seconds);
  const int target_seconds = std::min(options.target_seconds, cap);
  const int max_seconds = std::min(options.max_seconds, cap);
  const int min_seconds = std::min(options.min_seconds, cap);
  while (!pool.empty()) {
    if (options.max_sentences > 0 &&
        static_cast<int>(chosen.size()) >= options.max_sentences) {
      break;
    }
    if (!word_mode && !chosen.empty() && seconds >= target_seconds) {
      break;
    }
    double best = -1e9;
    size_t best_i = pool.size();
    for (size_t i = 0; i < pool.size(); ++i) {
      Candidate* c = pool[i];
      bool fits = word_mode ? words + c->words <= options.target_words
                            : seconds + c->seconds <= max_seconds;
      if (!fits && !chosen.empty()) continue;
      double redundancy = 0;
      for (Candidate* s : chosen) {
        redundancy = std::max(redundancy, Cosine(c->vec, s->vec));
      }
      double mmr =
          options.mmr_lambda * c->score - (1 - options.mmr_lambda) * redundancy;
      if (mmr > best) {
        best = mmr;
        best_i = i;
      }
    }
    if (best_i == pool.size()) break;
    Candidate* pick = pool[best_i];
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(best_i));
    chosen.push_back(pick);
    words += pick->words;
    seconds += pick->seconds;
    if (!word_mode && seconds >= min_seconds && seconds >= target_seconds) {
      break;
    }
  }
  // Stage 5: original order.
  std::sort(chosen.begin(), chosen.end(),
            [](const Candidate* a, const Candidate* b) {
              return a->index < b->index;
            });
  return chosen;
}

std::vector<Candidate> Analyze(const std::string& title,
                               const std::vector<std::string>& paragraphs,
                               std::string_view lang,
                               const SummaryOptions& options) {
  text::Stemmer stemmer(lang);
  std::vector<Candidate> cands = Segment(paragraphs, lang, stemmer);
  std::vector<std::string> title_terms = ContentTerms(title, lang, stemmer);
  Guard(cands, title_terms, options.guard);
  Score(cands, title_terms, options);
  return cands;
}

}  // namespace

std::vector<std::string> SplitParagraphs(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= text.size()) {
    size_t j = text.find('\n', i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view line = text.substr(i, j - i);
    size_t a = line.find_first_not_of(" \t\r\f\v");
    if (a != std::string_view::npos) {
      size_t b = line.find_last_not_of(" \t\r\f\v");
      out.emplace_back(line.substr(a, b - a + 1));
    }
    i = j + 1;
  }
  return out;
}

std::vector<ScoredSentence> ScoreSentences(
    const std::string& title, const std::vector<std::string>& paragraphs,
    std::string_view lang, const SummaryOptions& options) {
  std::vector<ScoredSentence> out;
  for (Candidate& c : Analyze(title, paragraphs, lang, options)) {
    ScoredSentence s;
    s.text = std::move(c.text);
    s.index = c.index;
    s.paragraph = c.paragraph;
    s.rejected = std::move(c.rejected);
    s.score = c.score;
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<model::SummarySentence> SummarizeArticle(
    const std::string& title, const std::vector<std::string>& paragraphs,
    std::string_view lang, const SummaryOptions& options) {
  std::vector<Candidate> cands = Analyze(title, paragraphs, lang, options);
  std::vector<model::SummarySentence> out;
  for (Candidate* c : Select(cands, options)) {
    model::SummarySentence s;
    s.text = c->text;
    s.index = c->index;
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<model::SummarySentence> SummarizeText(
    const std::string& title, std::string_view text, std::string_view lang,
    const SummaryOptions& options) {
  return SummarizeArticle(title, SplitParagraphs(text), lang, options);
}

std::vector<model::SummarySentence> LeadSentences(
    const std::vector<std::string>& paragraphs, std::string_view lang,
    int count) {
  std::vector<model::SummarySentence> out;
  int index = 0;
  for (const std::string& p : paragraphs) {
    for (text::Sentence& s : text::SplitSentences(p, lang)) {
      if (static_cast<int>(out.size()) >= count) return out;
      model::SummarySentence ss;
      ss.text = std::move(s.text);
      ss.index = index++;
      out.push_back(std::move(ss));
    }
  }
  return out;
}

// --- Story summaries. --------------------------------------------------------

std::vector<model::SummarySentence> SummarizeStory(
    const std::vector<StoryInput>& articles,
    const StorySummaryOptions& options) {
  struct StoryCandidate {
    model::SummarySentence sentence;
    size_t source = 0;  // Index into `articles`.
    double score = 0;
    int seconds = 0;
    TermVector vec;
  };
  if (articles.empty()) return {};
  // Source ranks: earliest publication and highest quality score best.
  std::vector<size_t> order(articles.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto published = [&](size_t i) {
    UnixSeconds t = articles[i].published_at;
    return t > 0 ? t : std::numeric_limits<UnixSeconds>::max();
  };
  std::vector<size_t> by_time = order;
  std::stable_sort(by_time.begin(), by_time.end(), [&](size_t a, size_t b) {
    return published(a) < published(b);
  });
  std::vector<double> earliness(articles.size(), 0);
  for (size_t r = 0; r < by_time.size(); ++r) {
    earliness[by_time[r]] =
        by_time.size() == 1 ? 1.0 : 1.0 - double(r) / (by_time.size() - 1);
  }
  constexpr double kMaxQuality = 100;
  std::vector<StoryCandidate> pool;
  // Candidates: each article's own best sentences.
  SummaryOptions per_article;
  per_article.max_sentences = options.candidates_per_article;
  per_article.target_seconds = options.max_seconds;
  per_article.min_seconds = options.max_seconds;
  per_article.max_seconds = options.max_seconds;
  per_article.max_fraction = 1.0;
  // Shared vocabulary across the story, for redundancy.
  for (size_t a = 0; a < articles.size(); ++a) {
    const StoryInput& in = articles[a];
    std::vector<ScoredSentence> scored =
        ScoreSentences(in.title, in.paragraphs, in.lang, per_article);
    std::vector<model::SummarySentence> chosen =
        SummarizeArticle(in.title, in.paragraphs, in.lang, per_article);
    text::Stemmer stemmer(in.lang);
    double top = 0;
    for (const auto& s : scored) top = std::max(top, s.score);
    for (const auto& s : chosen) {
      StoryCandidate c;
      c.sentence = s;
      c.sentence.article_id = in.article_id;
      c.source = a;
      double own =
          top > 0 ? scored[static_cast<size_t>(s.index)].score / top : 0;
      c.score = own + options.earliness_weight * earliness[a] +
                options.quality_weight *
                    std::clamp(in.quality / kMaxQuality, 0.0, 1.0);
      c.seconds = text::ReadingSeconds(s.text, in.lang);
      for (const auto& t : ContentTerms(s.text, in.lang, stemmer)) {
        c.vec[t] += 1;
      }
      pool.push_back(std::move(c));
    }
  }
  // Cross-article MMR.
  std::vector<StoryCandidate*> chosen;
  std::vector<int> per_source(articles.size(), 0);
  std::vector<bool> used(pool.size(), false);
  int seconds = 0;
  // Two sentences this similar say the same thing.
  constexpr double kDuplicateSimilarity = 0.6;
  while (seconds < options.target_seconds) {
    double best = -1e9;
    size_t best_i = pool.size();
    for (size_t i = 0; i < pool.size(); ++i) {
      StoryCandidate& c = pool[i];
      if (used[i] || per_source[c.source] >= options.max_per_article) continue;
      if (!chosen.empty() && seconds + c.seconds > options.max_seconds) {
        continue;
      }
      double redundancy = 0;
      for (StoryCandidate* s : chosen) {
        redundancy = std::max(redundancy, Cosine(c.vec, s->vec));
      }
      if (redundancy >= kDuplicateSimilarity) continue;
      double mmr =
          options.mmr_lambda * c.score - (1 - options.mmr_lambda) * redundancy;
      if (mmr > best) {
        best = mmr;
        best_i = i;
      }
    }
    if (best_i == pool.size()) break;
    used[best_i] = true;
    chosen.push_back(&pool[best_i]);
    ++per_source[pool[best_i].source];
    seconds += pool[best_i].seconds;
  }
  // Order: by source rank (earliest first, then quality), then position.
  std::vector<double> rank_key(articles.size());
  for (size_t a = 0; a < articles.size(); ++a) {
    rank_key[a] = earliness[a] + articles[a].quality / (kMaxQuality * 10);
  }
  std::stable_sort(chosen.begin(), chosen.end(),
                   [&](const StoryCandidate* x, const StoryCandidate* y) {
                     if (x->source != y->source) {
                       return rank_key[x->source] > rank_key[y->source];
                     }
                     return x->sentence.index < y->sentence.index;
                   });
  std::vector<model::SummarySentence> out;
  for (StoryCandidate* c : chosen) out.push_back(c->sentence);
  return out;
}

}  // namespace tidings::summarize
