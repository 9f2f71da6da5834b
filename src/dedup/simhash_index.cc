#include "dedup/simhash_index.h"

#include <algorithm>

#include "dedup/fingerprint.h"

namespace tidings::dedup {
namespace {
constexpr int kHashBits = 64;
// Band numbers live in the top byte of a bucket key.
constexpr int kBandShift = 56;
}  // namespace

SimHashIndex::SimHashIndex(int max_distance)
    : max_distance_(std::clamp(max_distance, 0, kMaxDistanceLimit)),
      bands_(max_distance_ + 1) {}

std::uint64_t SimHashIndex::BandKey(int band, std::uint64_t hash) const {
  int begin = band * kHashBits / bands_;
  int end = (band + 1) * kHashBits / bands_;
  int width = end - begin;
  std::uint64_t bits = hash >> begin;
  if (width < kHashBits) bits &= (std::uint64_t{1} << width) - 1;
  return (static_cast<std::uint64_t>(band) << kBandShift) | bits;
}

void SimHashIndex::Insert(std::uint64_t hash, std::int64_t id) {
  Entry entry{hash, id, next_sequence_++};
  for (int band = 0; band < bands_; ++band) {
    buckets_[BandKey(band, hash)].push_back(entry);
  }
  ++size_;
}

bool SimHashIndex::Remove(std::uint64_t hash, std::int64_t id) {
  bool found = false;
  for (int band = 0; band < bands_; ++band) {
    auto it = buckets_.find(BandKey(band, hash));
    if (it == buckets_.end()) continue;
    std::vector<Entry>& entries = it->second;
    auto pos = std::find_if(
        entries.begin(), entries.end(),
        [&](const Entry& e) { return e.hash == hash && e.id == id; });
    if (pos == entries.end()) continue;
    entries.erase(pos);
    if (entries.empty()) buckets_.erase(it);
    found = true;
  }
  if (found) --size_;
  return found;
}

std::vector<SimHashIndex::Match> SimHashIndex::FindAll(
    std::uint64_t hash) const {
  std::vector<std::pair<std::uint64_t, Match>> hits;  // (sequence, match)
  for (int band = 0; band < bands_; ++band) {
    auto it = buckets_.find(BandKey(band, hash));
    if (it == buckets_.end()) continue;
    for (const Entry& e : it->second) {
      int distance = HammingDistance(e.hash, hash);
      if (distance <= max_distance_) {
        hits.push_back({e.sequence, Match{e.id, e.hash, distance}});
      }
    }
  }
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
  // Pigeonhole: max_distance differing bits spoil at most max_distance of
  // any max_distance + 1 bands.
  max_distance = std::clamp(max_distance, 0, max_distance_);
  std::optional<Match> best;
  std::uint64_t best_sequence = 0;
  for (int band = 0; band <= max_distance; ++band) {
    auto it = buckets_.find(BandKey(band, hash));
    if (it == buckets_.end()) continue;
    for (const Entry& e : it->second) {
      int distance = HammingDistance(e.hash, hash);
      if (distance > max_distance) continue;
      if (!best || distance < best->distance ||
          (distance == best->distance && e.sequence < best_sequence)) {
        best = Match{e.id, e.hash, distance};
        best_sequence = e.sequence;
      }
    }
  }
  return best;
}

size_t SimHashIndex::memory_bytes() const {
  // Per bucket: the node, key and vector header; per entry: its copy in each
  // band.
  constexpr size_t kNodeOverhead = 48;
  return buckets_.size() * kNodeOverhead +
         buckets_.bucket_count() * sizeof(void*) +
         size_ * bands_ * sizeof(Entry);
}

}  // namespace tidings::dedup
