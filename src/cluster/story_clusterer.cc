#include "cluster/story_clusterer.h"

#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <deque>
#include <functional>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/check.h"
#include "dedup/fingerprint.h"
#include "dedup/simhash_index.h"
#include "text/stemmer.h"
#include "text/stopwords.h"
#include "text/tokenize.h"

namespace tidings::cluster {
namespace {

using TermId = std::uint32_t;
// Vocabulary entry of a stop word: never a feature.
constexpr TermId kStopTerm = std::numeric_limits<TermId>::max();
// Language used for stop words and stemming when the article names none.
constexpr std::string_view kDefaultLang = "en";
// Exact duplicates (SimHash distance 0) need at least this many words;
// below it, equal bags of words are too often different stories.
constexpr int kMinExactDuplicateWords = 3;
// Slot value meaning "no story".
constexpr std::uint32_t kNoSlot = std::numeric_limits<std::uint32_t>::max();
// A story is compared with its neighbours for merging when its member count
// reaches 2, then each time it grows by half: O(log n) checks per story.
constexpr int kFirstMergeCheck = 2;
constexpr double kMergeCheckGrowth = 1.5;
// The vocabulary is swept for unused terms once this many terms (or as many
// as were live after the last sweep, when more) have been created.
constexpr size_t kMinSweepTerms = 4096;
// TermInfo::last_used of a term on the free list.
constexpr UnixSeconds kFreedTerm = std::numeric_limits<UnixSeconds>::min();
// Prefetching: the cache line size of x86-64 and ARMv8 cores, and how much
// of each posting list to ask for ahead (most lists are shorter).
constexpr size_t kCacheLine = 64;
constexpr size_t kPrefetchBytes = 4 * kCacheLine;
// A centroid is pruned back to max_centroid_terms at this many times.
constexpr int kCentroidSlack = 2;

// Open-addressing hash map from a 64-bit key (the XXH3 hash of a word or
// stem; 64-bit collisions are negligible at vocabulary sizes) to a TermId.
// No string is stored, so a lookup allocates nothing.
class HashToTerm {
 public:
  HashToTerm() : slots_(kInitialCapacity) {}

  const TermId* Find(std::uint64_t key) const {
    key = Fix(key);
    for (size_t i = Home(key);; i = (i + 1) & Mask()) {
      const Slot& slot = slots_[i];
      if (slot.key == key) return &slot.term;
      if (slot.key == 0) return nullptr;
    }
  }

  // Starts loading the slot where a lookup of `key` begins.
  void Prefetch(std::uint64_t key) const {
    __builtin_prefetch(&slots_[Home(Fix(key))]);
  }

  // `key` must not be present.
  void Insert(std::uint64_t key, TermId term) {
    if ((size_ + 1) * 4 > slots_.size() * 3) Rehash(slots_.size() * 2);
    Place(Fix(key), term);
    ++size_;
  }

  // Keeps the entries for which keep(term) is true.
  template <typename Keep>
  void RetainIf(Keep keep) {
    std::vector<Slot> old = std::move(slots_);
    size_t live = 0;
    for (const Slot& slot : old) {
      if (slot.key != 0 && keep(slot.term)) ++live;
    }
    size_t capacity = kInitialCapacity;
    while (live * 2 > capacity) capacity *= 2;
    slots_.assign(capacity, Slot{});
    size_ = 0;
    for (const Slot& slot : old) {
      if (slot.key != 0 && keep(slot.term)) {
        Place(slot.key, slot.term);
        ++size_;
      }
    }
  }

  size_t size() const { return size_; }
  size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    std::uint64_t key = 0;  // 0: empty.
    TermId term = 0;
  };
  static constexpr size_t kInitialCapacity = 1024;

  static std::uint64_t Fix(std::uint64_t key) { return key == 0 ? 1 : key; }
  size_t Mask() const { return slots_.size() - 1; }
  size_t Home(std::uint64_t key) const {
    return static_cast<size_t>(key ^ (key >> 29)) & Mask();
  }
  void Place(std::uint64_t key, TermId term) {
    size_t i = Home(key);
    while (slots_[i].key != 0) i = (i + 1) & Mask();
    slots_[i] = {key, term};
  }
  void Rehash(size_t capacity) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{});
    for (const Slot& slot : old) {
      if (slot.key != 0) Place(slot.key, slot.term);
    }
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
};

std::uint64_t HashWord(std::string_view word) {
  return XXH3_64bits(word.data(), word.size());
}

struct TermWeight {
  TermId term;
  float weight;
};

// A token of the text being featurised: its hash and its place in a buffer.
struct TokenRef {
  std::uint64_t hash;
  std::uint32_t begin;
  std::uint32_t size;
};

// Starts loading the first lines of an array of `bytes` bytes (at most
// kPrefetchBytes: the hardware prefetcher follows once it is read).
void PrefetchBytes(const void* data, size_t bytes) {
  const char* p = static_cast<const char*>(data);
  bytes = std::min(bytes, kPrefetchBytes);
  for (size_t b = 0; b < bytes; b += kCacheLine) __builtin_prefetch(p + b);
}

// Lower-cases ASCII letters; other bytes unchanged.
std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsWordByte(unsigned char c) {
  return std::isalnum(c) || c >= 0x80 || c == '\'';
}

// Words that start with a capital letter and do not open a sentence: the
// cheap named-entity heuristic. Returns them lower-cased. When
// `reject_title_case` is set and most words are capitalised (a headline in
// Title Case), returns nothing.
std::vector<std::string> CapitalisedWords(std::string_view s,
                                          bool reject_title_case) {
  std::vector<std::string> out;
  bool sentence_start = true;
  int words = 0;
  int capitalised = 0;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (!IsWordByte(c)) {
      if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"' ||
          c == '\n') {
        sentence_start = true;
      }
      ++i;
      continue;
    }
    size_t begin = i;
    while (i < s.size() && IsWordByte(static_cast<unsigned char>(s[i]))) ++i;
    ++words;
    bool upper = c >= 'A' && c <= 'Z';
    if (upper) ++capitalised;
    if (upper && !sentence_start && i - begin > 1) {
      out.push_back(AsciiLower(s.substr(begin, i - begin)));
    }
    sentence_start = false;
  }
  if (reject_title_case && capitalised * 2 > words) out.clear();
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Enough bytes for `words` content words with the stop words between them;
// cut at a space so no word or UTF-8 sequence is split. Tokenising a whole
// long article only to drop most of it would dominate the cost.
std::string_view TextPrefix(std::string_view text, int words) {
  constexpr size_t kBytesPerContentWord = 12;
  size_t limit = static_cast<size_t>(std::max(0, words)) * kBytesPerContentWord;
  if (text.size() <= limit) return text;
  size_t cut = text.find_last_of(" \n\t", limit);
  return text.substr(0, cut == std::string_view::npos ? limit : cut);
}

}  // namespace

std::string CleanHeadline(std::string_view title, std::string_view publisher) {
  // Collapse whitespace.
  std::string t;
  for (char c : title) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!t.empty() && t.back() != ' ') t.push_back(' ');
    } else {
      t.push_back(c);
    }
  }
  while (!t.empty() && t.back() == ' ') t.pop_back();
  static constexpr std::string_view kSeparators[] = {
      " | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 "};
  std::string lower_publisher = AsciiLower(publisher);
  if (lower_publisher.rfind("www.", 0) == 0) lower_publisher.erase(0, 4);
  for (std::string_view sep : kSeparators) {
    size_t pos = t.rfind(sep);
    if (pos == std::string::npos || pos == 0) continue;
    std::string tail = AsciiLower(std::string_view(t).substr(pos + sep.size()));
    bool names_publisher = !lower_publisher.empty() &&
                           (tail == lower_publisher ||
                            lower_publisher.find(tail) != std::string::npos ||
                            tail.find(lower_publisher) != std::string::npos);
    // A bar almost always separates a site name; a dash only when it names
    // the publisher.
    if (names_publisher || sep == " | ") {
      t.resize(pos);
      break;
    }
  }
  return t;
}

struct StoryClusterer::Impl {
  struct LangVocab {
    std::string lang;
    text::Stemmer stemmer;
    bool has_stop_words;
    // Token hash -> term (kStopTerm for stop words).
    HashToTerm token_to_term;
  };

  struct Posting {
    std::uint32_t slot;  // The story's slot.
    float weight;        // Its centroid weight for the term.
  };

  // One term of a story centroid. The weight is also copied into the
  // posting, where Score reads it; both change together.
  struct CentroidTerm {
    TermId term;
    std::uint32_t pos;  // Position of this story's entry in postings[term].
    float weight;
  };

  struct Story {
    StoryState state;
    std::uint32_t slot = 0;
    // The centroid (sum of member vectors), sorted by term: a flat array
    // merges with sorted article vectors without hashing or node chasing.
    std::vector<CentroidTerm> centroid;
    double norm2 = 0;
    int members = 0;  // Non-duplicate articles.
    // Distinct terms summed over members, for the mean article length.
    std::int64_t member_terms = 0;
    int next_merge_check = kFirstMergeCheck;
    double representative_similarity = -1;
    std::vector<std::int64_t> absorbed_keys;
  };

  // A term's document frequency (articles that used it since the id was
  // given to it) and when an article last used it, side by side so that a
  // term lookup touches one cache line.
  struct TermInfo {
    UnixSeconds last_used;
    std::uint32_t df;
  };

  struct Touch {
    UnixSeconds time;
    std::int64_t key;
  };

  struct Fingerprint {
    UnixSeconds time;
    std::uint64_t hash;
    std::int64_t seq;
    model::Id article_id;
    std::int64_t story_key;
    int words;
  };

  // What Best needs of a story, stored densely by slot so that ranking
  // thousands of candidates does not touch their Story objects.
  struct SlotInfo {
    double norm = 0;    // sqrt(norm2), so ranking takes no square roots.
    double margin = 0;  // small_story_margin / members, precomputed.
    std::int64_t key = 0;
  };

  struct Scored {
    std::uint32_t slot;
    double dot;
  };

  explicit Impl(ClusterOptions o)
      : options(std::move(o)),
        simhashes(std::max(0, options.duplicate_max_distance)) {}

  LangVocab& Vocab(std::string_view lang) {
    std::string key(lang.empty() ? kDefaultLang : lang);
    for (auto& v : vocabs) {
      if (v->lang == key) return *v;
    }
    auto v = std::make_unique<LangVocab>(
        LangVocab{key,
                  text::Stemmer(options.stem ? key : std::string("none")),
                  text::HasStopWords(key),
                  {}});
    vocabs.push_back(std::move(v));
    return *vocabs.back();
  }

  // The term of `token` (whose HashWord is `hash`), or kStopTerm. Marks the
  // term used now.
  TermId Term(LangVocab& vocab, std::string_view token, std::uint64_t hash) {
    if (const TermId* found = vocab.token_to_term.Find(hash)) {
      if (*found != kStopTerm) term_info[*found].last_used = now;
      return *found;
    }
    TermId id = kStopTerm;
    if (!(vocab.has_stop_words && text::IsStopWord(vocab.lang, token))) {
      std::uint64_t stem_hash =
          vocab.stemmer.ok() ? HashWord(vocab.stemmer.Stem(token)) : hash;
      if (const TermId* stem = stem_to_term.Find(stem_hash)) {
        id = *stem;
      } else {
        id = NewTerm();
        stem_to_term.Insert(stem_hash, id);
      }
      term_info[id].last_used = now;
    }
    vocab.token_to_term.Insert(hash, id);
    return id;
  }

  TermId NewTerm() {
    ++terms_created;
    TermId id;
    if (!free_terms.empty()) {
      id = free_terms.back();
      free_terms.pop_back();
      term_info[id] = {now, 0};
    } else {
      id = static_cast<TermId>(term_info.size());
      term_info.push_back({now, 0});
    }
    return id;
  }

  // Forgets terms not used within the window and held by no open story, so
  // that the vocabulary (and its document frequencies) stays bounded by
  // what the window holds. Its cost is linear in the vocabulary and it runs
  // once per as many new terms, so amortised constant per new term.
  void MaybeSweepVocabulary() {
    // Sweeping when as many terms were created as were live after the last
    // sweep keeps the vocabulary within twice what the window uses.
    if (terms_created < std::max(kMinSweepTerms, terms_live)) return;
    terms_created = 0;
    UnixSeconds cutoff = now - options.window_seconds;
    std::vector<char> freed(term_info.size(), 0);
    bool any = false;
    for (TermId t = 0; t < term_info.size(); ++t) {
      TermInfo& info = term_info[t];
      if (info.df == 0 && info.last_used == kFreedTerm) {
        freed[t] = 1;  // Already on the free list.
        continue;
      }
      if (info.last_used < cutoff &&
          (t >= postings.size() || postings[t].empty())) {
        freed[t] = 1;
        any = true;
        info = {kFreedTerm, 0};
        free_terms.push_back(t);
      }
    }
    terms_live = term_info.size() - free_terms.size();
    if (!any) return;
    auto keep = [&](TermId t) { return t == kStopTerm || !freed[t]; };
    stem_to_term.RetainIf(keep);
    for (auto& v : vocabs) v->token_to_term.RetainIf(keep);
    // Reuse low ids first (deterministic).
    std::sort(free_terms.begin(), free_terms.end(), std::greater<>());
  }

  // Builds the unit TF-IDF vector of `doc` (sorted by term), updating the
  // document frequencies. Feeds the words to `fingerprint`.
  std::vector<TermWeight> Features(const Doc& doc,
                                   dedup::SimHashBuilder* fingerprint) {
    LangVocab& vocab = Vocab(doc.lang);
    std::vector<std::pair<TermId, float>> raw;
    // The fingerprint covers the body (titles differ between publishers of
    // one wire story), or the title when there is no body.
    // Tokens are gathered first and their vocabulary slots prefetched
    // together: the lookups miss the cache, and overlapping the misses
    // beats taking them one after another.
    auto add_tokens = [&](std::string_view text, float weight, int limit,
                          bool fingerprinted) {
      token_text.clear();
      token_refs.clear();
      text::ForEachWordToken(text, [&](std::string_view token) {
        token_refs.push_back({HashWord(token),
                              static_cast<std::uint32_t>(token_text.size()),
                              static_cast<std::uint32_t>(token.size())});
        token_text.append(token);
      });
      for (const TokenRef& t : token_refs) vocab.token_to_term.Prefetch(t.hash);
      int taken = 0;
      for (const TokenRef& t : token_refs) {
        if (taken >= limit) break;
        std::string_view token(token_text.data() + t.begin, t.size);
        TermId term = Term(vocab, token, t.hash);
        if (term == kStopTerm) continue;
        ++taken;
        if (fingerprinted) fingerprint->AddWordHash(t.hash);
        raw.emplace_back(term, weight);
      }
    };
    add_tokens(doc.title, static_cast<float>(options.title_weight),
               std::numeric_limits<int>::max(), doc.text.empty());
    add_tokens(TextPrefix(doc.text, options.max_text_words), 1.0f,
               options.max_text_words, true);
    std::sort(raw.begin(), raw.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<TermWeight> vec;
    for (const auto& [term, w] : raw) {
      if (!vec.empty() && vec.back().term == term) {
        vec.back().weight += w;
      } else {
        vec.push_back({term, w});
      }
    }
    ++docs_seen;
    // Entities: from the body, and from the title unless it is Title Case.
    std::vector<TermId> entities;
    if (options.entity_boost != 1.0) {
      std::vector<std::string> words = CapitalisedWords(doc.title, true);
      // A view of doc.text itself (std::string::substr would return a
      // temporary that the view outlives).
      std::string_view lead = std::string_view(doc.text).substr(
          0, static_cast<size_t>(options.max_text_words) * 8);
      for (std::string& word : CapitalisedWords(lead, false)) {
        words.push_back(std::move(word));
      }
      // Looked up in the same order as before, after prefetching (see
      // add_tokens).
      std::vector<std::uint64_t> hashes;
      hashes.reserve(words.size());
      for (const std::string& word : words) {
        hashes.push_back(HashWord(word));
        vocab.token_to_term.Prefetch(hashes.back());
      }
      for (size_t i = 0; i < words.size(); ++i) {
        entities.push_back(Term(vocab, words[i], hashes[i]));
      }
      std::sort(entities.begin(), entities.end());
    }
    double n = static_cast<double>(docs_seen);
    double norm2 = 0;
    for (TermWeight& tw : vec) {
      std::uint32_t& d = term_info[tw.term].df;
      ++d;
      double idf = std::log((n + 1.0) / d);
      double w = (1.0 + std::log(tw.weight)) * idf;
      if (std::binary_search(entities.begin(), entities.end(), tw.term)) {
        w *= options.entity_boost;
      }
      tw.weight = static_cast<float>(w);
      norm2 += w * w;
    }
    // Keep the heaviest terms only: they decide the story, and this bounds
    // the postings scanned and the centroid growth per article.
    if (static_cast<int>(vec.size()) > options.max_doc_terms) {
      vec = TopTermsByTerm(std::move(vec), options.max_doc_terms);
      norm2 = 0;
      for (const TermWeight& tw : vec) norm2 += double{tw.weight} * tw.weight;
    }
    if (norm2 > 0) {
      float inv = static_cast<float>(1.0 / std::sqrt(norm2));
      for (TermWeight& tw : vec) tw.weight *= inv;
    }
    return vec;
  }

  // Interpolates between the short- and long-document values by the number
  // of distinct terms.
  double ByLength(double terms, double short_value, double long_value) const {
    if (terms <= options.short_doc_terms) return short_value;
    if (terms >= options.long_doc_terms) return long_value;
    double f = (terms - options.short_doc_terms) /
               (options.long_doc_terms - options.short_doc_terms);
    return short_value + f * (long_value - short_value);
  }

  double Threshold(size_t terms) const {
    return ByLength(static_cast<double>(terms), options.short_doc_threshold,
                    options.threshold);
  }

  // The terms with the highest weights, by weight then term id.
  static std::vector<TermWeight> TopTerms(std::vector<TermWeight> vec, int k) {
    if (static_cast<int>(vec.size()) > k) {
      std::partial_sort(vec.begin(), vec.begin() + k, vec.end(), ByWeight);
      vec.resize(k);
    }
    return vec;
  }

  // The same terms as TopTerms, sorted by term: selecting without ranking
  // is linear, and the order (weight, term) is total, so the set is the
  // same.
  static std::vector<TermWeight> TopTermsByTerm(std::vector<TermWeight> vec,
                                                int k) {
    if (static_cast<int>(vec.size()) > k) {
      std::nth_element(vec.begin(), vec.begin() + k, vec.end(), ByWeight);
      vec.resize(k);
    }
    std::sort(vec.begin(), vec.end(),
              [](const TermWeight& a, const TermWeight& b) {
                return a.term < b.term;
              });
    return vec;
  }

  static bool ByWeight(const TermWeight& a, const TermWeight& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
  }

  Story& StoryAt(std::uint32_t slot) { return *slots[slot]; }

  // The dot product of a term-sorted vector with a story centroid, by a
  // merge of the two sorted arrays (summed in `vec` order).
  static double Dot(const std::vector<TermWeight>& vec, const Story& s) {
    double dot = 0;
    auto c = s.centroid.begin();
    const auto end = s.centroid.end();
    for (const TermWeight& tw : vec) {
      while (c != end && c->term < tw.term) ++c;
      if (c == end) break;
      if (c->term == tw.term) dot += double{tw.weight} * c->weight;
    }
    return dot;
  }

  static std::vector<CentroidTerm>::iterator FindTerm(Story& s, TermId term) {
    auto it = std::lower_bound(
        s.centroid.begin(), s.centroid.end(), term,
        [](const CentroidTerm& c, TermId t) { return c.term < t; });
    TIDINGS_DCHECK(it != s.centroid.end() && it->term == term);
    return it;
  }

  // Adds the term-sorted `vec` to the centroid of `s` (and its postings)
  // in one merge pass.
  void AddVector(Story& s, const std::vector<TermWeight>& vec) {
    merge_scratch.clear();
    merge_scratch.reserve(s.centroid.size() + vec.size());
    auto c = s.centroid.begin();
    const auto end = s.centroid.end();
    for (const TermWeight& tw : vec) {
      while (c != end && c->term < tw.term) merge_scratch.push_back(*c++);
      if (c != end && c->term == tw.term) {
        CentroidTerm updated = *c++;
        updated.weight += tw.weight;
        postings[tw.term][updated.pos].weight = updated.weight;
        merge_scratch.push_back(updated);
      } else {
        std::vector<Posting>& list = postings[tw.term];
        merge_scratch.push_back(
            {tw.term, static_cast<std::uint32_t>(list.size()), tw.weight});
        list.push_back({s.slot, tw.weight});
      }
    }
    merge_scratch.insert(merge_scratch.end(), c, end);
    s.centroid.swap(merge_scratch);
  }

  // RemovePosting for each of `removed` (distinct terms of story `s`). The
  // lists, their last entries and the stories owning those are scattered
  // over the heap, so each round of them is prefetched for every term
  // before the removals: the misses overlap instead of adding up. The
  // removals still run one after another, in order.
  void RemovePostings(const Story& s,
                      const std::vector<CentroidTerm>& removed) {
    for (const CentroidTerm& c : removed) __builtin_prefetch(&postings[c.term]);
    for (const CentroidTerm& c : removed) {
      const std::vector<Posting>& list = postings[c.term];
      __builtin_prefetch(&list[c.pos]);
      __builtin_prefetch(&list.back());
    }
    for (const CentroidTerm& c : removed) {
      std::uint32_t moved = postings[c.term].back().slot;
      if (moved != s.slot) __builtin_prefetch(&slots[moved]->centroid);
    }
    for (const CentroidTerm& c : removed) RemovePosting(s, c);
  }

  // Removes the posting of `c` (a term of story `s`) by moving the list's
  // last entry into its place; the centroid entry itself stays.
  void RemovePosting(const Story& s, const CentroidTerm& c) {
    std::vector<Posting>& list = postings[c.term];
    TIDINGS_DCHECK(c.pos < list.size() && list[c.pos].slot == s.slot);
    if (c.pos + 1 != list.size()) {
      list[c.pos] = list.back();
      FindTerm(StoryAt(list[c.pos].slot), c.term)->pos = c.pos;
    }
    list.pop_back();
  }

  // Dot products of `vec` with every story centroid sharing a term, by
  // term-at-a-time accumulation over the postings. Terms whose posting list
  // is longer than max_posting_scan (words in most stories) are skipped
  // while gathering; the best max_candidates then get their exact dot
  // product. `exclude` is a slot to leave out (or UINT32_MAX).
  // The result lives in a buffer reused by the next call.
  const std::vector<Scored>& Score(const std::vector<TermWeight>& vec,
                                   std::uint32_t exclude) {
    if (slot_scores.size() < slots.size()) {
      slot_scores.resize(slots.size(), 0.0);
    }
    touched.clear();
    bool skipped = false;
    // Long vectors gather candidates through their heaviest terms only.
    const std::vector<TermWeight>* query = &vec;
    std::vector<TermWeight> top;
    if (static_cast<int>(vec.size()) > options.max_doc_terms) {
      top = TopTerms(vec, options.max_doc_terms);
      query = &top;
      skipped = true;
    }
    // The posting lists are scattered over the heap and mostly cold: ask
    // for the list headers, then the lists' first lines, before reading
    // any, so that the memory latencies overlap instead of adding up.
    for (const TermWeight& tw : *query) __builtin_prefetch(&postings[tw.term]);
    for (const TermWeight& tw : *query) {
      const std::vector<Posting>& list = postings[tw.term];
      PrefetchBytes(list.data(), list.size() * sizeof(Posting));
    }
    // Plain locals: stores through the scores would otherwise make the
    // compiler reload the vectors' pointers for every posting.
    double* scores = slot_scores.data();
    for (const TermWeight& tw : *query) {
      const std::vector<Posting>& list = postings[tw.term];
      if (static_cast<int>(list.size()) > options.max_posting_scan) {
        skipped = true;
        continue;
      }
      const double query_weight = tw.weight;
      const Posting* p = list.data();
      const Posting* const end = p + list.size();
      stats.postings += static_cast<std::int64_t>(list.size());
      // Weights are positive, so a zero score marks a slot not yet
      // touched (a product that underflows to zero changes no ranking).
      for (; p != end; ++p) {
        double& score = scores[p->slot];
        if (score == 0) touched.push_back(p->slot);
        score += query_weight * p->weight;
      }
    }
    std::vector<Scored>& out = scored_buffer;
    out.clear();
    ++stats.queries;
    stats.candidates += static_cast<std::int64_t>(touched.size());
    for (std::uint32_t slot : touched) {
      double& score = slot_scores[slot];
      // A slot is listed twice when a product underflowed to zero.
      if (score == 0) continue;
      if (slot != exclude) {
        out.push_back({slot, score});
        // Best reads it next; the slots are scattered.
        __builtin_prefetch(&slot_info[slot]);
      }
      score = 0;
    }
    if (skipped) {
      size_t k = std::min(
          out.size(), static_cast<size_t>(std::max(1, options.max_candidates)));
      std::partial_sort(out.begin(), out.begin() + k, out.end(),
                        [&](const Scored& a, const Scored& b) {
                          if (a.dot != b.dot) return a.dot > b.dot;
                          return slot_info[a.slot].key < slot_info[b.slot].key;
                        });
      out.resize(k);
      for (const Scored& sc : out) {
        const std::vector<CentroidTerm>& c = StoryAt(sc.slot).centroid;
        PrefetchBytes(c.data(), c.size() * sizeof(CentroidTerm));
      }
      for (Scored& sc : out) sc.dot = Dot(vec, StoryAt(sc.slot));
    }
    return out;
  }

  // The story with the highest cosine among `scored`; ties go to the
  // older key. Returns UINT32_MAX when none.
  // With `size_margin`, a story's similarity is reduced by
  // small_story_margin / members before comparing, and *best_sim is the
  // reduced value.
  std::uint32_t Best(const std::vector<Scored>& scored, bool size_margin,
                     double* best_sim, double* best_dot) {
    std::uint32_t best = kNoSlot;
    std::int64_t best_key = 0;
    *best_sim = -1;
    for (const Scored& sc : scored) {
      const SlotInfo& st = slot_info[sc.slot];
      if (st.norm <= 0) continue;
      double sim = sc.dot / st.norm;
      if (size_margin) {
        sim -= st.margin;
      }
      if (sim > *best_sim || (sim == *best_sim && st.key < best_key)) {
        *best_sim = sim;
        *best_dot = sc.dot;
        best = sc.slot;
        best_key = st.key;
      }
    }
    return best;
  }

  std::vector<TermWeight> CentroidVector(const Story& s) const {
    std::vector<TermWeight> out;
    out.reserve(s.centroid.size());
    for (const CentroidTerm& c : s.centroid) out.push_back({c.term, c.weight});
    return out;
  }

  void RecomputeNorm(Story& s) {
    double norm2 = 0;
    for (const CentroidTerm& c : s.centroid) {
      double w = c.weight;
      norm2 += w * w;
    }
    s.norm2 = norm2;
    Sync(s);
  }

  // Copies what Best reads of a story into slot_info.
  void Sync(const Story& s) {
    if (slot_info.size() <= s.slot) slot_info.resize(s.slot + 1);
    slot_info[s.slot] = {std::sqrt(s.norm2),
                         options.small_story_margin / std::max(1, s.members),
                         s.state.key};
  }

  void PruneCentroid(Story& s) {
    if (static_cast<int>(s.centroid.size()) <=
        kCentroidSlack * options.max_centroid_terms) {
      return;
    }
    std::vector<TermWeight> kept =
        TopTermsByTerm(CentroidVector(s), options.max_centroid_terms);
    auto k = kept.begin();
    size_t out = 0;
    removed_scratch.clear();
    for (size_t i = 0; i < s.centroid.size(); ++i) {
      const CentroidTerm c = s.centroid[i];
      while (k != kept.end() && k->term < c.term) ++k;
      if (k != kept.end() && k->term == c.term) {
        s.centroid[out++] = c;
      } else {
        removed_scratch.push_back(c);
      }
    }
    s.centroid.resize(out);
    // The postings moved into the removed ones' places are other stories'
    // (a story has one posting per term), so the kept entries stay valid.
    RemovePostings(s, removed_scratch);
    RecomputeNorm(s);
  }

  void AddToCentroid(Story& s, const std::vector<TermWeight>& vec, double dot) {
    double self = 0;
    for (const TermWeight& tw : vec) self += double{tw.weight} * tw.weight;
    AddVector(s, vec);
    s.norm2 += 2 * dot + self;
    PruneCentroid(s);
    Sync(s);
  }

  void Record(Story& s, const Doc& doc, bool duplicate) {
    StoryState& st = s.state;
    ++st.article_count;
    if (duplicate) ++st.duplicate_count;
    if (doc.time < st.first_seen_at) {
      st.first_seen_at = doc.time;
      st.first_article_id = doc.id;
      st.first_publisher = doc.publisher;
      births.push_back({doc.time, st.key});
    }
    st.last_updated_at = std::max(st.last_updated_at, doc.time);
    if (!doc.publisher.empty() &&
        std::find(st.publishers.begin(), st.publishers.end(), doc.publisher) ==
            st.publishers.end()) {
      st.publishers.push_back(doc.publisher);
    }
    st.timeline.push_back({doc.id, doc.time, doc.publisher, duplicate});
    touches.push_back({doc.time, st.key});
  }

  void MaybeRepresent(Story& s, const Doc& doc, double similarity) {
    if (similarity > s.representative_similarity && !doc.title.empty()) {
      s.representative_similarity = similarity;
      s.state.representative_article_id = doc.id;
      s.state.headline = CleanHeadline(doc.title, doc.publisher);
    }
  }

  std::int64_t Resolve(std::int64_t key) const {
    auto it = merged_into.find(key);
    while (it != merged_into.end()) {
      key = it->second;
      it = merged_into.find(key);
    }
    return key;
  }

  Story* Find(std::int64_t key) {
    auto it = key_to_slot.find(key);
    return it == key_to_slot.end() ? nullptr : slots[it->second].get();
  }
  const Story* Find(std::int64_t key) const {
    auto it = key_to_slot.find(key);
    return it == key_to_slot.end() ? nullptr : slots[it->second].get();
  }

  Story& NewStory(std::int64_t key, const Doc& doc) {
    std::uint32_t slot;
    if (!free_slots.empty()) {
      slot = free_slots.back();
      free_slots.pop_back();
    } else {
      slot = static_cast<std::uint32_t>(slots.size());
      slots.emplace_back();
    }
    slots[slot] = std::make_unique<Story>();
    Story& s = *slots[slot];
    s.slot = slot;
    key_to_slot[key] = slot;
    s.state.key = key;
    s.state.first_article_id = doc.id;
    s.state.first_publisher = doc.publisher;
    s.state.first_seen_at = doc.time;
    s.state.last_updated_at = doc.time;
    s.state.representative_article_id = doc.id;
    s.state.headline = CleanHeadline(doc.title, doc.publisher);
    births.push_back({doc.time, key});
    return s;
  }

  void Evict(std::int64_t key) {
    Story* s = Find(key);
    if (s == nullptr) return;
    RemovePostings(*s, s->centroid);
    s->centroid.clear();
    for (std::int64_t absorbed : s->absorbed_keys) merged_into.erase(absorbed);
    std::uint32_t slot = s->slot;
    key_to_slot.erase(key);
    slots[slot].reset();
    free_slots.push_back(slot);
  }

  void Expire() {
    UnixSeconds cutoff = now - options.window_seconds;
    while (!touches.empty() && touches.front().time < cutoff) {
      std::int64_t key = touches.front().key;
      touches.pop_front();
      const Story* s = Find(key);
      if (s != nullptr && s->state.last_updated_at < cutoff) Evict(key);
    }
    // Stories past their span. births holds every story's first_seen_at
    // when it was set (opening or an earlier one taken over in a merge), so
    // every story is checked when its earliest time passes the cutoff;
    // entries of stories since closed or re-dated are skipped.
    if (options.max_story_span_seconds > 0) {
      UnixSeconds span_cutoff = now - options.max_story_span_seconds;
      while (!births.empty() && births.front().time < span_cutoff) {
        std::int64_t key = births.front().key;
        births.pop_front();
        const Story* s = Find(key);
        if (s != nullptr && s->state.first_seen_at < span_cutoff) Evict(key);
      }
    }
    while (!fingerprints.empty() && fingerprints.front().time < cutoff) {
      const Fingerprint& f = fingerprints.front();
      simhashes.Remove(f.hash, f.seq);
      fingerprints.pop_front();
      ++fingerprints_popped;
    }
  }

  const Fingerprint* FindDuplicate(std::uint64_t hash, int words) const {
    if (options.duplicate_max_distance < 0 || words < kMinExactDuplicateWords) {
      return nullptr;
    }
    // A short text only matches identical fingerprints: one bucket to scan.
    std::optional<dedup::SimHashIndex::Match> match =
        simhashes.FindNearest(hash, words < options.duplicate_min_words
                                        ? 0
                                        : options.duplicate_max_distance);
    if (!match) return nullptr;
    const Fingerprint& f = fingerprints[match->id - fingerprints_popped];
    bool short_text = words < options.duplicate_min_words ||
                      f.words < options.duplicate_min_words;
    if (short_text && match->distance > 0) return nullptr;
    return &f;
  }

  // Moves story `from` into story `into`.
  void Merge(std::int64_t from, std::int64_t into) {
    Story& src = *Find(from);
    Story& dst = *Find(into);
    AddVector(dst, CentroidVector(src));
    RecomputeNorm(dst);
    int dst_members = dst.members;
    dst.members += src.members;
    dst.member_terms += src.member_terms;
    StoryState& a = dst.state;
    StoryState& b = src.state;
    a.article_count += b.article_count;
    a.duplicate_count += b.duplicate_count;
    if (b.first_seen_at < a.first_seen_at) {
      a.first_seen_at = b.first_seen_at;
      a.first_article_id = b.first_article_id;
      a.first_publisher = b.first_publisher;
      births.push_back({a.first_seen_at, into});
    }
    a.last_updated_at = std::max(a.last_updated_at, b.last_updated_at);
    for (const std::string& p : b.publishers) {
      if (std::find(a.publishers.begin(), a.publishers.end(), p) ==
          a.publishers.end()) {
        a.publishers.push_back(p);
      }
    }
    std::vector<StoryEvent> timeline;
    timeline.reserve(a.timeline.size() + b.timeline.size());
    std::merge(a.timeline.begin(), a.timeline.end(), b.timeline.begin(),
               b.timeline.end(), std::back_inserter(timeline),
               [](const StoryEvent& x, const StoryEvent& y) {
                 return x.time < y.time;
               });
    a.timeline = std::move(timeline);
    if (src.members > dst_members) {
      a.headline = b.headline;
      a.representative_article_id = b.representative_article_id;
      dst.representative_similarity = src.representative_similarity;
    }
    dst.absorbed_keys.push_back(from);
    for (std::int64_t k : src.absorbed_keys) dst.absorbed_keys.push_back(k);
    src.absorbed_keys.clear();
    Evict(from);
    for (std::int64_t k : dst.absorbed_keys) merged_into[k] = into;
    PruneCentroid(dst);
    Sync(dst);
    touches.push_back({a.last_updated_at, into});
  }

  // At geometric checkpoints of its size, compares story `key` with every
  // story sharing its terms and merges it with the most similar one when
  // their centroids are close. Returns the surviving key; sets *absorbed.
  std::int64_t MaybeMerge(std::int64_t key, std::int64_t* absorbed) {
    Story& s = *Find(key);
    if (s.members < s.next_merge_check) return key;
    s.next_merge_check = std::max(
        s.members + 1, static_cast<int>(s.members * kMergeCheckGrowth));
    std::vector<TermWeight> centroid = CentroidVector(s);
    double inv = s.norm2 > 0 ? 1.0 / std::sqrt(s.norm2) : 0;
    for (TermWeight& tw : centroid)
      tw.weight = static_cast<float>(tw.weight * inv);
    double best_sim = 0, best_dot = 0;
    std::uint32_t best =
        Best(Score(centroid, s.slot), false, &best_sim, &best_dot);
    double mean_terms =
        static_cast<double>(s.member_terms) / std::max(1, s.members);
    double threshold = ByLength(mean_terms, options.short_merge_threshold,
                                options.merge_threshold);
    if (best == kNoSlot || best_sim < threshold) return key;
    std::int64_t other = StoryAt(best).state.key;
    // The older story survives so that its key stays the stable one.
    std::int64_t into = std::min(key, other);
    std::int64_t from = std::max(key, other);
    Merge(from, into);
    *absorbed = from;
    return into;
  }

  Assignment Add(const Doc& doc) {
    now = std::max(now, doc.time);
    Expire();
    MaybeSweepVocabulary();
    dedup::SimHashBuilder fingerprint;
    std::vector<TermWeight> vec = Features(doc, &fingerprint);
    if (postings.size() < term_info.size()) postings.resize(term_info.size());
    std::uint64_t hash = fingerprint.Finish();
    int words = fingerprint.words();
    std::int64_t seq = next_seq++;

    Assignment result;
    const Fingerprint* dup = FindDuplicate(hash, words);
    Story* dup_story = dup ? Find(Resolve(dup->story_key)) : nullptr;
    if (dup_story != nullptr) {
      Record(*dup_story, doc, /*duplicate=*/true);
      result = {dup_story->state.key, false, true, dup->article_id, 1.0, 0};
    } else {
      double best_sim = -1, best_dot = 0;
      std::uint32_t best = kNoSlot;
      if (!vec.empty()) {
        best = Best(Score(vec, kNoSlot), true, &best_sim, &best_dot);
      }
      if (best != kNoSlot && best_sim >= Threshold(vec.size())) {
        Story& s = StoryAt(best);
        AddToCentroid(s, vec, best_dot);
        ++s.members;
        Sync(s);
        s.member_terms += static_cast<std::int64_t>(vec.size());
        Record(s, doc, false);
        MaybeRepresent(s, doc, best_sim);
        result = {s.state.key, false, false, 0, best_sim, 0};
        if (options.merge_threshold <= 1.0) {
          std::int64_t absorbed = 0;
          result.story_key = MaybeMerge(s.state.key, &absorbed);
          result.merged_from = absorbed;
        }
      } else {
        std::int64_t key = next_key++;
        Story& s = NewStory(key, doc);
        AddToCentroid(s, vec, 0);
        s.members = 1;
        Sync(s);
        s.member_terms = static_cast<std::int64_t>(vec.size());
        Record(s, doc, false);
        result = {key, true, false, 0, 0, 0};
      }
    }
    if (words >= kMinExactDuplicateWords &&
        options.duplicate_max_distance >= 0) {
      simhashes.Insert(hash, seq);
    }
    fingerprints.push_back(
        {doc.time, hash, seq, doc.id, result.story_key, words});
    return result;
  }

  size_t MemoryBytes() const {
    // Rough per-node costs of the standard containers.
    constexpr size_t kMapNode = 32;
    size_t bytes = term_info.capacity() * sizeof(TermInfo);
    bytes += free_terms.capacity() * sizeof(TermId);
    bytes += stem_to_term.memory_bytes();
    for (const auto& v : vocabs) bytes += v->token_to_term.memory_bytes();
    bytes += slots.capacity() * sizeof(void*);
    for (const auto& s : slots) {
      if (!s) continue;
      bytes += sizeof(Story) + s->centroid.capacity() * sizeof(CentroidTerm);
      bytes += s->state.timeline.capacity() * sizeof(StoryEvent);
      bytes += s->state.publishers.size() * sizeof(std::string);
    }
    bytes += postings.capacity() * sizeof(std::vector<Posting>);
    for (const auto& list : postings)
      bytes += list.capacity() * sizeof(Posting);
    bytes += key_to_slot.size() * kMapNode;
    bytes += (touches.size() + births.size()) * sizeof(Touch);
    bytes += fingerprints.size() * sizeof(Fingerprint);
    bytes += simhashes.memory_bytes();
    bytes += merged_into.size() * kMapNode;
    return bytes;
  }

  ClusterOptions options;
  std::vector<std::unique_ptr<LangVocab>> vocabs;
  // Stem hash -> term.
  HashToTerm stem_to_term;
  // By term id; last_used is kFreedTerm when the id is on free_terms.
  std::vector<TermInfo> term_info;
  std::vector<TermId> free_terms;
  // Terms created since the last sweep, and live after it.
  size_t terms_created = 0;
  size_t terms_live = 0;
  std::int64_t docs_seen = 0;
  // Open stories by slot (nullptr: free) and key.
  std::vector<std::unique_ptr<Story>> slots;
  std::vector<std::uint32_t> free_slots;
  std::unordered_map<std::int64_t, std::uint32_t> key_to_slot;
  // Inverted index over centroid terms, by term id.
  std::vector<std::vector<Posting>> postings;
  std::vector<SlotInfo> slot_info;
  // Scratch for Score, by slot.
  std::vector<double> slot_scores;
  std::vector<Scored> scored_buffer;
  std::vector<std::uint32_t> touched;
  // Scratch for Features: the tokens of one text, concatenated.
  std::string token_text;
  std::vector<TokenRef> token_refs;
  // Scratch for PruneCentroid.
  std::vector<CentroidTerm> removed_scratch;
  // Scratch for AddVector.
  std::vector<CentroidTerm> merge_scratch;
  std::unordered_map<std::int64_t, std::int64_t> merged_into;
  std::deque<Touch> touches;
  // (first_seen_at, key) of stories, for max_story_span_seconds.
  std::deque<Touch> births;
  std::deque<Fingerprint> fingerprints;
  std::int64_t fingerprints_popped = 0;
  dedup::SimHashIndex simhashes;
  std::int64_t next_key = 1;
  std::int64_t next_seq = 0;
  ScoringStats stats;
  UnixSeconds now = std::numeric_limits<UnixSeconds>::min();
};

StoryClusterer::StoryClusterer(ClusterOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

StoryClusterer::~StoryClusterer() = default;

Assignment StoryClusterer::Add(const Doc& doc) { return impl_->Add(doc); }

const StoryState* StoryClusterer::Story(std::int64_t key) const {
  const Impl::Story* s = impl_->Find(impl_->Resolve(key));
  return s == nullptr ? nullptr : &s->state;
}

std::int64_t StoryClusterer::ResolveKey(std::int64_t key) const {
  return impl_->Resolve(key);
}

size_t StoryClusterer::open_stories() const {
  return impl_->key_to_slot.size();
}

std::int64_t StoryClusterer::articles_seen() const { return impl_->docs_seen; }

size_t StoryClusterer::memory_bytes() const { return impl_->MemoryBytes(); }

StoryClusterer::ScoringStats StoryClusterer::scoring_stats() const {
  return impl_->stats;
}

const ClusterOptions& StoryClusterer::options() const { return impl_->options; }

}  // namespace tidings::cluster
