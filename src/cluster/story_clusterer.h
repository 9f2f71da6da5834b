// StoryClusterer: incremental, time-windowed grouping of articles into
// stories (every publisher's coverage of one event).
//
// Pipeline per article (Add):
//   1. features: lower-cased word tokens of the title and the lead of the
//      text (stop words dropped, stemmed), title words and named entities
//      (capitalised words inside sentences) weighted up; sublinear TF times
//      IDF from incremental document frequencies; L2-normalised;
//   2. near-duplicates: an article whose SimHash lies within a few bits of
//      an article still in the window joins that article's story and is
//      flagged as a duplicate, whatever its TF-IDF similarity;
//   3. candidates: dot products with every open story sharing a term, by
//      term-at-a-time accumulation over an inverted index of centroid terms
//      (very common terms skipped, centroids pruned to their top terms);
//      centroids are flat term-sorted arrays, so an exact dot product is a
//      merge, and the scattered index memory is prefetched in rounds;
//   4. assignment: the story with the highest cosine similarity between the
//      article and its centroid wins when it passes the (length-adaptive)
//      threshold; otherwise the article opens a story;
//   5. merge: a story that just grew (at sizes 2, 3, 4, 6, 9, … so O(log n)
//      times) is compared with its neighbours and merges with a story whose
//      centroid is close; the younger key then resolves to the older one
//      (ResolveKey, Assignment::merged_from);
//   6. window: stories not updated for window_seconds, or first seen more
//      than max_story_span_seconds ago, leave the index and memory, so the
//      cost per article does not grow with the archive or the stream.
// Given the same options and the same input order the output is identical
// (no randomness, no iteration over unordered containers that affects it).
//
// Thread-safety: not thread-safe; one clusterer per stream, or a mutex.
#ifndef TIDINGS_CLUSTER_STORY_CLUSTERER_H_
#define TIDINGS_CLUSTER_STORY_CLUSTERER_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "model/model.h"

namespace tidings::cluster {

struct ClusterOptions {
  // Stories not updated for this long are closed and forgotten.
  std::int64_t window_seconds = 72 * 3600;
  // A story whose first article is older than this is closed for new
  // members and forgotten like a story that left the window; later
  // coverage opens a new story. A week holds a multi-day event (a summit,
  // a trial, a storm and its aftermath) while an ongoing saga (a war, a
  // campaign) becomes a series of weekly stories a reader can follow
  // rather than one ever-growing story whose centroid drifts and attracts
  // unrelated articles. It also bounds what the clusterer holds: without
  // it, a story that keeps receiving articles never leaves the window, and
  // the open stories, their timelines and the candidates per article grow
  // with the stream. 0 or negative: no limit.
  std::int64_t max_story_span_seconds = 7 * 24 * 3600;
  // Minimum cosine similarity between an article and a story centroid for
  // the article to join the story (for articles with long_doc_terms or
  // more distinct terms; see short_doc_threshold).
  double threshold = 0.15;
  // Threshold for articles with at most short_doc_terms distinct terms
  // (headlines only); interpolated linearly in between. Short texts share
  // fewer words, so their cosines run lower.
  double short_doc_threshold = 0.12;
  int short_doc_terms = 6;
  int long_doc_terms = 25;
  // Joining a story with n members needs threshold + small_story_margin / n:
  // a pair of articles sharing a word or two is weak evidence, a big story's
  // centroid is smoother and matches its articles with lower cosines.
  double small_story_margin = 0.2;
  // Two stories merge when their centroids' cosine reaches this (stories of
  // long articles) or short_merge_threshold (stories of headlines);
  // interpolated by the story's mean distinct terms per article like the
  // join threshold.
  double merge_threshold = 0.30;
  double short_merge_threshold = 0.20;
  // Weight of a title word relative to a body word.
  double title_weight = 2.0;
  // Extra factor for named entities (capitalised words inside sentences).
  double entity_boost = 1.5;
  // Body words beyond this many are ignored: a news lead says what the
  // story is, and this bounds the cost per article.
  int max_text_words = 50;
  // An article is represented by its heaviest this many terms (GoogleNews
  // items have fewer; news articles' lead words beyond these barely move
  // the similarity). Story centroids checked for merging gather candidates
  // through as many of their heaviest terms.
  int max_doc_terms = 30;
  // Terms whose posting list (stories containing the term) is longer than
  // this are skipped when gathering candidates: such words are in most open
  // stories and say little, and skipping them bounds the cost per article.
  int max_posting_scan = 300;
  // When terms were skipped, this many best-scoring candidates get their
  // exact similarity.
  int max_candidates = 8;
  // Centroid terms kept when a centroid is pruned (bounds story memory).
  int max_centroid_terms = 150;
  // SimHash bits within which two articles count as duplicates; negative to
  // disable duplicate detection. The fingerprint covers the body's first
  // max_text_words words (the title when there is no body). A 100-word wire
  // copy with a new dateline and closing line is ~7 bits away; unrelated
  // texts ~32 +- 4, so 7 leaves a wide margin.
  int duplicate_max_distance = 7;
  // Fingerprints from fewer words are noisy: below this many words only
  // identical bags of words (distance 0) count as duplicates.
  int duplicate_min_words = 30;
  // Stem words (Snowball, per article language; "en" when unknown).
  bool stem = true;
};

// An article to cluster.
struct Doc {
  model::Id id = 0;
  std::string title;
  std::string text;
  std::string publisher;
  UnixSeconds time = 0;
  // ISO 639-1; empty means "en" for stop words and stemming.
  std::string lang;
};

// Where Add put an article.
struct Assignment {
  // The story's key: stable (never reused) unless the story is later merged
  // into another, after which ResolveKey(key) gives the survivor.
  std::int64_t story_key = 0;
  bool new_story = false;
  // A near-duplicate (SimHash) or exact copy of `duplicate_of`, an earlier
  // article in the same story; such articles are not shown twice.
  bool duplicate = false;
  model::Id duplicate_of = 0;
  // Cosine similarity to the story centroid (1 for duplicates, 0 for a new
  // story).
  double similarity = 0;
  // Non-zero when this Add merged two stories: the key that was absorbed
  // into story_key. Callers that persist stories move its articles over.
  std::int64_t merged_from = 0;
};

// One article of a story's timeline.
struct StoryEvent {
  model::Id article_id = 0;
  UnixSeconds time = 0;
  std::string publisher;
  bool duplicate = false;
};

// What the clusterer knows about one open story.
struct StoryState {
  std::int64_t key = 0;
  // Cleaned headline (publisher suffixes such as " - BBC News" removed) of
  // the representative article: the most central non-duplicate so far.
  std::string headline;
  model::Id representative_article_id = 0;
  // The article that broke the story (earliest time, then input order).
  model::Id first_article_id = 0;
  std::string first_publisher;
  UnixSeconds first_seen_at = 0;
  UnixSeconds last_updated_at = 0;
  // Articles including duplicates.
  int article_count = 0;
  int duplicate_count = 0;
  // Distinct publishers in order of first appearance.
  std::vector<std::string> publishers;
  // Every article in arrival order.
  std::vector<StoryEvent> timeline;
};

class StoryClusterer {
 public:
  explicit StoryClusterer(ClusterOptions options = {});
  ~StoryClusterer();
  StoryClusterer(const StoryClusterer&) = delete;
  StoryClusterer& operator=(const StoryClusterer&) = delete;

  // Assigns `doc` to an open story or opens a new one. Articles should
  // arrive roughly in time order: the window moves with the latest time
  // seen. Articles without words open a story of their own.
  Assignment Add(const Doc& doc);

  // The open story with this key (after ResolveKey), or nullptr when it was
  // closed (by the window or the story span) or never existed. The pointer is
  // valid until the next Add.
  const StoryState* Story(std::int64_t key) const;

  // The key that `key` was merged into (transitively); `key` itself when it
  // was never merged. Merges of closed stories are forgotten.
  std::int64_t ResolveKey(std::int64_t key) const;

  // Stories still open.
  size_t open_stories() const;
  // Articles seen in total.
  std::int64_t articles_seen() const;
  // Approximate heap bytes held (vocabulary, open stories, indexes).
  size_t memory_bytes() const;
  // Work of candidate retrieval since construction, for benchmarks and
  // tuning: what a bounded window must keep roughly constant per article.
  struct ScoringStats {
    // Candidate queries: one per article that is neither a duplicate nor
    // wordless, plus one per merge check.
    std::int64_t queries = 0;
    // Posting entries accumulated (story-term pairs read).
    std::int64_t postings = 0;
    // Distinct stories that got a score (candidates ranked).
    std::int64_t candidates = 0;
  };
  ScoringStats scoring_stats() const;

  const ClusterOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// `title` without a trailing publisher tag (" - Reuters", " | BBC News",
// " — The Guardian") when the tag names `publisher` or is a short tail of
// at most three words after a dash or bar; whitespace collapsed.
std::string CleanHeadline(std::string_view title, std::string_view publisher);

}  // namespace tidings::cluster

#endif  // TIDINGS_CLUSTER_STORY_CLUSTERER_H_
