// Clustering quality against gold labels: NMI, accuracy under the best
// one-to-one matching (Hungarian algorithm), adjusted Rand index, pairwise
// and B-cubed precision/recall/F1.
//
// Labels are arbitrary integers; only equality matters.
//
// Thread-safety: pure functions; safe from any thread.
#ifndef TIDINGS_CLUSTER_METRICS_H_
#define TIDINGS_CLUSTER_METRICS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tidings::cluster {

struct PrecisionRecall {
  double p = 0;
  double r = 0;
  double f1 = 0;
};

struct ClusteringMetrics {
  size_t docs = 0;
  // Normalised mutual information, MI / mean(H(gold), H(found)) (the
  // arithmetic normalisation, scikit-learn's default). 1 when both
  // clusterings are identical; 1 as well when both have a single cluster.
  double nmi = 0;
  // Fraction of documents in matched (gold, found) pairs under the best
  // one-to-one matching of gold to found clusters.
  double acc = 0;
  // Adjusted Rand index (Hubert and Arabie); 1 for identical clusterings,
  // about 0 for random ones, may be negative.
  double ari = 0;
  // Over pairs of documents: precision = same found cluster pairs that are
  // also same gold, recall the converse.
  PrecisionRecall pairwise;
  // Per document averages (Bagga and Baldwin): precision = share of its found
  // cluster in its gold cluster, recall = share of its gold cluster in its
  // found cluster.
  PrecisionRecall bcubed;
  size_t clusters_found = 0;
  size_t clusters_gold = 0;
};

// Compares `found` with `gold` (same length, one label per document).
// Returns all zeros for empty input. Requires gold.size() == found.size().
ClusteringMetrics EvaluateClustering(const std::vector<std::int64_t>& gold,
                                     const std::vector<std::int64_t>& found);

// Solves the rectangular assignment problem: `cost` has rows x cols
// entries (row-major) with rows <= cols; returns for each row the column
// assigned to it (distinct columns) minimising the total cost. O(rows^2 *
// cols). Requires rows <= cols and cost.size() == rows * cols.
std::vector<int> SolveAssignment(const std::vector<double>& cost, int rows,
                                 int cols);

}  // namespace tidings::cluster

#endif  // TIDINGS_CLUSTER_METRICS_H_
