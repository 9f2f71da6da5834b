// SimHashIndex: finds earlier fingerprints within a few bits of a new one.
//
// Multi-index hashing: the 64 bits are cut into 4 blocks of 16, and every
// entry is listed under each of its 4 block values. Two fingerprints within
// d bits differ in at most d / 4 bits of some block (pigeonhole), so a
// lookup probes, in each block, the block value itself and (when d >= 4)
// its 16 one-bit neighbours: at most 68 buckets of about size / 65536
// entries each, instead of scanning bands that hold size / 256 entries.
// Entries can be removed, which lets a caller keep a sliding time window.
// Memory: a 1 MiB bucket table (allocated by the first Insert) plus 40
// bytes per entry.
//
// Thread-safety: not thread-safe; guard with a mutex when shared.
#ifndef TIDINGS_DEDUP_SIMHASH_INDEX_H_
#define TIDINGS_DEDUP_SIMHASH_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace tidings::dedup {

class SimHashIndex {
 public:
  // The largest allowed max_distance (so that some block is within one bit).
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
  // The same within `max_distance` bits (clamped to the index's): 0..3
  // probe 4 buckets and exact lookups (0) one.
  std::optional<Match> FindNearest(std::uint64_t hash, int max_distance) const;

  // Every stored entry within max_distance bits, in insertion order.
  std::vector<Match> FindAll(std::uint64_t hash) const;

  size_t size() const { return size_; }
  int max_distance() const { return max_distance_; }
  // Approximate heap bytes used.
  size_t memory_bytes() const;

 private:
  static constexpr int kBlocks = 4;
  static constexpr int kBlockBits = 16;
  static constexpr std::uint32_t kNil = 0xFFFFFFFFu;

  // An entry, chained into one bucket list per block.
  struct Node {
    std::uint64_t hash;
    std::int64_t id;
    std::uint64_t sequence;  // Insertion order, for deterministic ties.
    std::uint32_t next[kBlocks];
  };

  static std::uint32_t BlockValue(int block, std::uint64_t hash) {
    return static_cast<std::uint32_t>(hash >> (block * kBlockBits)) & 0xFFFFu;
  }
  std::uint32_t& Head(int block, std::uint32_t value) {
    return heads_[(static_cast<size_t>(block) << kBlockBits) | value];
  }
  // Calls visit(node) for every node listed under a probe of `hash`
  // within `max_distance` bits (a node may be visited more than once).
  template <typename Visit>
  void ForEachCandidate(std::uint64_t hash, int max_distance,
                        Visit&& visit) const;

  int max_distance_;
  std::uint64_t next_sequence_ = 0;
  size_t size_ = 0;
  // Bucket heads by (block, block value); empty until the first Insert.
  std::vector<std::uint32_t> heads_;
  std::vector<Node> nodes_;
  std::vector<std::uint32_t> free_nodes_;
};

}  // namespace tidings::dedup

#endif  // TIDINGS_DEDUP_SIMHASH_INDEX_H_
