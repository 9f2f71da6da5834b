// SimHashIndex: finds earlier fingerprints within a few bits of a new one.
//
// The 64 bits are cut into max_distance + 1 bands; two fingerprints within
// max_distance bits agree exactly on at least one band (pigeonhole), so a
// lookup only compares against entries that share a band value. Entries can
// be removed, which lets a caller keep a sliding time window.
//
// Thread-safety: not thread-safe; guard with a mutex when shared.
#ifndef TIDINGS_DEDUP_SIMHASH_INDEX_H_
#define TIDINGS_DEDUP_SIMHASH_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

namespace tidings::dedup {

class SimHashIndex {
 public:
  // The largest allowed max_distance (bands of at least 8 bits).
  static constexpr int kMaxDistanceLimit = 7;

  struct Match {
    std::int64_t id = 0;
    std::uint64_t hash = 0;
    int distance = 0;
  };

  // `max_distance` in 0..kMaxDistanceLimit (clamped). 4 groups wire copies
  // with a changed dateline, byline or closing sentence while different
  // stories (about 30 bits apart) stay apart.
  explicit SimHashIndex(int max_distance = 4);

  // Adds (hash, id). Duplicate pairs are stored twice.
  void Insert(std::uint64_t hash, std::int64_t id);

  // Removes one (hash, id) entry; returns false when absent.
  bool Remove(std::uint64_t hash, std::int64_t id);

  // The stored entry nearest to `hash` within max_distance bits; ties go to
  // the earliest inserted. nullopt when none.
  std::optional<Match> FindNearest(std::uint64_t hash) const;
  // The same within `max_distance` bits (clamped to the index's): scans only
  // max_distance + 1 bands, so exact lookups (0) cost one bucket.
  std::optional<Match> FindNearest(std::uint64_t hash, int max_distance) const;

  // Every stored entry within max_distance bits, in insertion order.
  std::vector<Match> FindAll(std::uint64_t hash) const;

  size_t size() const { return size_; }
  int max_distance() const { return max_distance_; }
  // Approximate heap bytes used.
  size_t memory_bytes() const;

 private:
  struct Entry {
    std::uint64_t hash;
    std::int64_t id;
    std::uint64_t sequence;  // Insertion order, for deterministic ties.
  };

  std::uint64_t BandKey(int band, std::uint64_t hash) const;

  int max_distance_;
  int bands_;
  std::uint64_t next_sequence_ = 0;
  size_t size_ = 0;
  // Key: band number in the top byte, band bits below.
  std::unordered_map<std::uint64_t, std::vector<Entry>> buckets_;
};

}  // namespace tidings::dedup

#endif  // TIDINGS_DEDUP_SIMHASH_INDEX_H_
