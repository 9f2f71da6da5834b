#include "cluster/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>
#include <utility>

#include "base/check.h"

namespace tidings::cluster {
namespace {

// Maps arbitrary labels to 0..k-1 in order of first appearance.
std::vector<int> Dense(const std::vector<std::int64_t>& labels, int* count) {
  std::unordered_map<std::int64_t, int> ids;
  std::vector<int> out;
  out.reserve(labels.size());
  for (std::int64_t label : labels) {
    auto [it, inserted] = ids.try_emplace(label, static_cast<int>(ids.size()));
    out.push_back(it->second);
  }
  *count = static_cast<int>(ids.size());
  return out;
}

double Pairs(double n) { return n * (n - 1) / 2; }

PrecisionRecall MakePr(double p, double r) {
  PrecisionRecall pr;
  pr.p = p;
  pr.r = r;
  pr.f1 = (p + r) > 0 ? 2 * p * r / (p + r) : 0;
  return pr;
}

}  // namespace

std::vector<int> SolveAssignment(const std::vector<double>& cost, int rows,
                                 int cols) {
  TIDINGS_DCHECK(rows <= cols);
  TIDINGS_DCHECK(cost.size() == static_cast<size_t>(rows) * cols);
  // Shortest augmenting paths with potentials (Kuhn-Munkres in its O(n^2 m)
  // form); 1-based with column 0 as the virtual start.
  const double kInf = std::numeric_limits<double>::infinity();
  std::vector<double> u(rows + 1, 0), v(cols + 1, 0);
  std::vector<int> p(cols + 1, 0), way(cols + 1, 0);
  for (int i = 1; i <= rows; ++i) {
    p[0] = i;
    int j0 = 0;
    std::vector<double> minv(cols + 1, kInf);
    std::vector<char> used(cols + 1, 0);
    do {
      used[j0] = 1;
      int i0 = p[j0];
      int j1 = 0;
      double delta = kInf;
      const double* row = &cost[static_cast<size_t>(i0 - 1) * cols];
      for (int j = 1; j <= cols; ++j) {
        if (used[j]) continue;
        double cur = row[j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (int j = 0; j <= cols; ++j) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      int j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  std::vector<int> assignment(rows, -1);
  for (int j = 1; j <= cols; ++j) {
    if (p[j] != 0) assignment[p[j] - 1] = j - 1;
  }
  return assignment;
}

ClusteringMetrics EvaluateClustering(const std::vector<std::int64_t>& gold,
                                     const std::vector<std::int64_t>& found) {
  TIDINGS_DCHECK(gold.size() == found.size());
  ClusteringMetrics m;
  const size_t n = std::min(gold.size(), found.size());
  m.docs = n;
  if (n == 0) return m;
  int kg = 0, kf = 0;
  std::vector<int> g = Dense(gold, &kg);
  std::vector<int> f = Dense(found, &kf);
  g.resize(n);
  f.resize(n);
  m.clusters_gold = kg;
  m.clusters_found = kf;

  // Contingency table, sparse.
  std::map<std::pair<int, int>, double> cell;
  std::vector<double> gold_size(kg, 0), found_size(kf, 0);
  for (size_t i = 0; i < n; ++i) {
    cell[{g[i], f[i]}] += 1;
    gold_size[g[i]] += 1;
    found_size[f[i]] += 1;
  }
  const double dn = static_cast<double>(n);

  // NMI.
  double hg = 0, hf = 0, mi = 0;
  for (double a : gold_size) hg -= a / dn * std::log(a / dn);
  for (double b : found_size) hf -= b / dn * std::log(b / dn);
  for (const auto& [key, nij] : cell) {
    double a = gold_size[key.first], b = found_size[key.second];
    mi += nij / dn * std::log(nij * dn / (a * b));
  }
  double mean_h = (hg + hf) / 2;
  m.nmi = mean_h > 0 ? std::clamp(mi / mean_h, 0.0, 1.0) : 1.0;

  // Pairwise counts and ARI.
  double same_both = 0, same_gold = 0, same_found = 0;
  for (const auto& [key, nij] : cell) same_both += Pairs(nij);
  for (double a : gold_size) same_gold += Pairs(a);
  for (double b : found_size) same_found += Pairs(b);
  double total = Pairs(dn);
  double expected = total > 0 ? same_gold * same_found / total : 0;
  double max_index = (same_gold + same_found) / 2;
  m.ari = max_index - expected != 0
              ? (same_both - expected) / (max_index - expected)
              : 1.0;
  m.pairwise = MakePr(same_found > 0 ? same_both / same_found : 1.0,
                      same_gold > 0 ? same_both / same_gold : 1.0);

  // B-cubed: each document in cell (i, j) has precision nij / |found j| and
  // recall nij / |gold i|.
  double bp = 0, br = 0;
  for (const auto& [key, nij] : cell) {
    bp += nij * nij / found_size[key.second];
    br += nij * nij / gold_size[key.first];
  }
  m.bcubed = MakePr(bp / dn, br / dn);

  // Accuracy: maximise matched documents = minimise negative overlaps, with
  // the smaller side as rows.
  bool gold_rows = kg <= kf;
  int rows = gold_rows ? kg : kf;
  int cols = gold_rows ? kf : kg;
  std::vector<double> cost(static_cast<size_t>(rows) * cols, 0);
  for (const auto& [key, nij] : cell) {
    int r = gold_rows ? key.first : key.second;
    int c = gold_rows ? key.second : key.first;
    cost[static_cast<size_t>(r) * cols + c] = -nij;
  }
  std::vector<int> match = SolveAssignment(cost, rows, cols);
  double matched = 0;
  for (int r = 0; r < rows; ++r) {
    if (match[r] >= 0)
      matched -= cost[static_cast<size_t>(r) * cols + match[r]];
  }
  m.acc = matched / dn;
  return m;
}

}  // namespace tidings::cluster
