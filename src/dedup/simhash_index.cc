#include "dedup/simhash_index.h"

#include <algorithm>
#include <utility>

#include "dedup/fingerprint.h"

namespace tidings::dedup {

// A lookup within kMaxDistanceLimit bits probes one-bit neighbours at most.
static_assert(SimHashIndex::kMaxDistanceLimit / 4 <= 1);

SimHashIndex::SimHashIndex(int max_distance)
    : max_distance_(std::clamp(max_distance, 0, kMaxDistanceLimit)) {}

void SimHashIndex::Insert(std::uint64_t hash, std::int64_t id) {
  if (heads_.empty()) heads_.assign(size_t{kBlocks} << kBlockBits, kNil);
  std::uint32_t index;
  if (!free_nodes_.empty()) {
    index = free_nodes_.back();
    free_nodes_.pop_back();
  } else {
    index = static_cast<std::uint32_t>(nodes_.size());
    nodes_.emplace_back();
  }
  Node& node = nodes_[index];
  node.hash = hash;
  node.id = id;
  node.sequence = next_sequence_++;
  for (int block = 0; block < kBlocks; ++block) {
    std::uint32_t& head = Head(block, BlockValue(block, hash));
    node.next[block] = head;
    head = index;
  }
  ++size_;
}

bool SimHashIndex::Remove(std::uint64_t hash, std::int64_t id) {
  if (heads_.empty()) return false;
  // Find the node through block 0, then unlink it from every block's list.
  std::uint32_t target = kNil;
  for (std::uint32_t i = Head(0, BlockValue(0, hash)); i != kNil;
       i = nodes_[i].next[0]) {
    if (nodes_[i].hash == hash && nodes_[i].id == id) {
      target = i;
      break;
    }
  }
  if (target == kNil) return false;
  for (int block = 0; block < kBlocks; ++block) {
    std::uint32_t* link = &Head(block, BlockValue(block, hash));
    while (*link != target) link = &nodes_[*link].next[block];
    *link = nodes_[target].next[block];
  }
  free_nodes_.push_back(target);
  --size_;
  return true;
}

template <typename Visit>
void SimHashIndex::ForEachCandidate(std::uint64_t hash, int max_distance,
                                    Visit&& visit) const {
  if (heads_.empty()) return;
  if (max_distance == 0) {
    // An exact match agrees on every block: one bucket suffices.
    for (std::uint32_t i = heads_[BlockValue(0, hash)]; i != kNil;
         i = nodes_[i].next[0]) {
      visit(nodes_[i]);
    }
    return;
  }
  // The probed buckets: per block, its value and (for max_distance >= 4)
  // its one-bit neighbours. Their heads and first nodes are prefetched in
  // two rounds before any list is walked: the head table and the nodes are
  // larger than the caches, and overlapping the misses beats taking them
  // one after another.
  constexpr int kMaxProbes = kBlocks * (1 + kBlockBits);
  size_t probes[kMaxProbes];
  int n = 0;
  const bool flip = max_distance >= kBlocks;
  for (int block = 0; block < kBlocks; ++block) {
    std::uint32_t value = BlockValue(block, hash);
    size_t base = static_cast<size_t>(block) << kBlockBits;
    probes[n++] = base | value;
    if (!flip) continue;
    for (int bit = 0; bit < kBlockBits; ++bit) {
      probes[n++] = base | (value ^ (std::uint32_t{1} << bit));
    }
  }
  for (int p = 0; p < n; ++p) __builtin_prefetch(&heads_[probes[p]]);
  for (int p = 0; p < n; ++p) {
    std::uint32_t head = heads_[probes[p]];
    if (head != kNil) __builtin_prefetch(&nodes_[head]);
  }
  for (int p = 0; p < n; ++p) {
    int block = static_cast<int>(probes[p] >> kBlockBits);
    for (std::uint32_t i = heads_[probes[p]]; i != kNil;
         i = nodes_[i].next[block]) {
      visit(nodes_[i]);
    }
  }
}

std::vector<SimHashIndex::Match> SimHashIndex::FindAll(
    std::uint64_t hash) const {
  std::vector<std::pair<std::uint64_t, Match>> hits;  // (sequence, match)
  ForEachCandidate(hash, max_distance_, [&](const Node& e) {
    int distance = HammingDistance(e.hash, hash);
    if (distance <= max_distance_) {
      hits.push_back({e.sequence, Match{e.id, e.hash, distance}});
    }
  });
  std::sort(hits.begin(), hits.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  hits.erase(std::unique(hits.begin(), hits.end(),
                         [](const auto& a, const auto& b) {
                           return a.first == b.first;
                         }),
             hits.end());
  std::vector<Match> out;
  out.reserve(hits.size());
  for (const auto& hit : hits) out.push_back(hit.second);
  return out;
}

std::optional<SimHashIndex::Match> SimHashIndex::FindNearest(
    std::uint64_t hash) const {
  return FindNearest(hash, max_distance_);
}

std::optional<SimHashIndex::Match> SimHashIndex::FindNearest(
    std::uint64_t hash, int max_distance) const {
  max_distance = std::clamp(max_distance, 0, max_distance_);
  std::optional<Match> best;
  std::uint64_t best_sequence = 0;
  ForEachCandidate(hash, max_distance, [&](const Node& e) {
    int distance = HammingDistance(e.hash, hash);
    if (distance > max_distance) return;
    if (!best || distance < best->distance ||
        (distance == best->distance && e.sequence < best_sequence)) {
      best = Match{e.id, e.hash, distance};
      best_sequence = e.sequence;
    }
  });
  return best;
}

size_t SimHashIndex::memory_bytes() const {
  return heads_.capacity() * sizeof(std::uint32_t) +
         nodes_.capacity() * sizeof(Node) +
         free_nodes_.capacity() * sizeof(std::uint32_t);
}

}  // namespace tidings::dedup
