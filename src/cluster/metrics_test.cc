#include "cluster/metrics.h"

#include <gtest/gtest.h>

#include <cmath>

namespace tidings::cluster {
namespace {

// gold {0,0,0,1,1,1}, found {0,0,1,1,2,2}: the contingency cells are
// (g0,f0)=2, (g0,f1)=1, (g1,f1)=1, (g1,f2)=2.
TEST(EvaluateClusteringTest, HandComputedExample) {
  ClusteringMetrics m =
      EvaluateClustering({0, 0, 0, 1, 1, 1}, {7, 7, 8, 8, 9, 9});
  EXPECT_EQ(m.docs, 6u);
  EXPECT_EQ(m.clusters_gold, 2u);
  EXPECT_EQ(m.clusters_found, 3u);
  // MI = 2/3 ln 2; H(gold) = ln 2, H(found) = ln 3.
  EXPECT_NEAR(m.nmi, (4.0 / 3.0) * std::log(2.0) / std::log(6.0), 1e-9);
  // Best matching g0->f0, g1->f2: 4 of 6.
  EXPECT_NEAR(m.acc, 4.0 / 6.0, 1e-9);
  // Pairs: both 2, gold 6, found 3, total 15; expected 1.2, max 4.5.
  EXPECT_NEAR(m.ari, (2 - 1.2) / (4.5 - 1.2), 1e-9);
  EXPECT_NEAR(m.pairwise.p, 2.0 / 3.0, 1e-9);
  EXPECT_NEAR(m.pairwise.r, 1.0 / 3.0, 1e-9);
  EXPECT_NEAR(m.pairwise.f1, 4.0 / 9.0, 1e-9);
  EXPECT_NEAR(m.bcubed.p, 5.0 / 6.0, 1e-9);
  EXPECT_NEAR(m.bcubed.r, 5.0 / 9.0, 1e-9);
  EXPECT_NEAR(m.bcubed.f1, 2.0 / 3.0, 1e-9);
}

TEST(EvaluateClusteringTest, IdenticalAndDegenerate) {
  ClusteringMetrics same = EvaluateClustering({1, 1, 2, 3}, {5, 5, 6, 4});
  EXPECT_NEAR(same.nmi, 1.0, 1e-12);
  EXPECT_NEAR(same.acc, 1.0, 1e-12);
  EXPECT_NEAR(same.ari, 1.0, 1e-12);
  EXPECT_NEAR(same.bcubed.f1, 1.0, 1e-12);
  EXPECT_NEAR(same.pairwise.f1, 1.0, 1e-12);
  // All singletons against one gold cluster.
  ClusteringMetrics split = EvaluateClustering({0, 0, 0, 0}, {1, 2, 3, 4});
  EXPECT_NEAR(split.bcubed.p, 1.0, 1e-12);
  EXPECT_NEAR(split.bcubed.r, 0.25, 1e-12);
  EXPECT_NEAR(split.acc, 0.25, 1e-12);
  EXPECT_NEAR(split.nmi, 0.0, 1e-12);
  EXPECT_EQ(EvaluateClustering({}, {}).docs, 0u);
}

TEST(SolveAssignmentTest, SquareAndRectangular) {
  // Optimum 1 + 2 + 2: row0->col1, row1->col0, row2->col2.
  std::vector<int> square = SolveAssignment({4, 1, 3, 2, 0, 5, 3, 2, 2}, 3, 3);
  EXPECT_EQ(square, (std::vector<int>{1, 0, 2}));
  // 2 x 3: row0->col1 (2) + row1->col0 (2) beats row0->col0 + row1->col1.
  std::vector<int> wide = SolveAssignment({1, 2, 3, 2, 4, 6}, 2, 3);
  EXPECT_EQ(wide, (std::vector<int>{1, 0}));
}

TEST(EvaluateClusteringTest, MoreFoundThanGoldUsesRectangularMatching) {
  // 2 gold clusters, 4 found; best matching keeps the two big overlaps.
  ClusteringMetrics m =
      EvaluateClustering({0, 0, 0, 0, 1, 1, 1, 1}, {1, 1, 1, 2, 3, 3, 4, 4});
  EXPECT_NEAR(m.acc, 5.0 / 8.0, 1e-9);
}

}  // namespace
}  // namespace tidings::cluster
