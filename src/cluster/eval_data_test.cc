#include "cluster/eval_data.h"

#include <gtest/gtest.h>

#include <fstream>

#include "base/test_util.h"

namespace tidings::cluster {
namespace {

std::string Fixture(const std::string& name) {
  return (testing::SourceDir() / "src/cluster/testdata" / name).string();
}

TEST(ReadUciNewsTest, CommaDialectWithHeaderQuotesAndTruncatedLastRow) {
  Result<EvalData> data = ReadUciNews(Fixture("uci_sample.csv"));
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  ASSERT_EQ(data->docs.size(), 6u);
  ASSERT_EQ(data->warnings.size(), 1u);
  EXPECT_NE(data->warnings[0].find("truncated"), std::string::npos);
  // Sorted by TIMESTAMP, stable for ties (IDs 2 and 3 share one).
  EXPECT_EQ(data->docs[0].doc.id, 1);
  EXPECT_EQ(data->docs[1].doc.id, 2);
  EXPECT_EQ(data->docs[2].doc.id, 3);
  EXPECT_EQ(data->docs[3].doc.id, 4);
  EXPECT_EQ(data->docs[0].doc.title,
            "Fed official says weak data caused by weather, should not slow "
            "taper");
  EXPECT_EQ(data->docs[4].doc.title,
            "Nintendo shares rise as \"Mario Kart 8\" sales beat forecasts");
  EXPECT_EQ(data->docs[0].doc.publisher, "Los Angeles Times");
  EXPECT_EQ(data->docs[0].doc.time, 1394470370);
  EXPECT_EQ(data->docs[0].gold, "ddUyU0VZz0BRneMioxUPQVP6sIxvM");
}

TEST(ReadUciNewsTest, TabDialectWithoutHeader) {
  Result<EvalData> data = ReadUciNews(Fixture("uci_sample.tsv"));
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  ASSERT_EQ(data->docs.size(), 2u);
  EXPECT_TRUE(data->warnings.empty());
  EXPECT_EQ(data->docs[0].doc.id, 2);  // Earlier timestamp first.
  EXPECT_EQ(data->docs[0].gold, "storyB");
}

TEST(ParseUciNewsTest, RejectsBadRowInTheMiddle) {
  Result<EvalData> data = ParseUciNews(
      "1\tA\tu\tP\tb\ts\th\tnot-a-number\n2\tB\tu\tP\tb\ts\th\t5\n", "mem");
  ASSERT_FALSE(data.ok());
  EXPECT_TRUE(data.status().IsCorruption());
  EXPECT_NE(data.status().message().find("mem: row 1"), std::string::npos);
}

TEST(ReadGoogleNewsTest, ReadsJsonLinesInFileOrder) {
  auto dir = testing::TempDir("cluster-gn");
  std::string path = (dir / "gn.jsonl").string();
  {
    std::ofstream out(path);
    out << "{\"text\": \"fed raise rate\", \"cluster\": 3}\n"
        << "{\"text\": \"storm flood coast\", \"cluster\": 5}\n"
        << "{\"text\": \"fed rate hike\", \"cluster\": 3}\n"
        << "{\"text\": \"trunc";
  }
  Result<EvalData> data = ReadEvalData(path, "");
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  ASSERT_EQ(data->docs.size(), 3u);
  EXPECT_EQ(data->warnings.size(), 1u);
  EXPECT_EQ(data->docs[1].doc.text, "storm flood coast");
  EXPECT_EQ(data->docs[2].gold, "3");
  EXPECT_LT(data->docs[0].doc.time, data->docs[1].doc.time);
  EXPECT_FALSE(ReadEvalData(path, "xml").ok());
  EXPECT_FALSE(ReadEvalData((dir / "missing.jsonl").string(), "").ok());
  std::filesystem::remove_all(dir);
}

TEST(RunClusteringTest, ScoresTheUciFixture) {
  Result<EvalData> data = ReadUciNews(Fixture("uci_sample.csv"));
  ASSERT_TRUE(data.ok());
  ClusteringRun run = RunClustering(*data, ClusterOptions{});
  EXPECT_EQ(run.metrics.docs, 6u);
  EXPECT_EQ(run.metrics.clusters_gold, 2u);
  EXPECT_EQ(run.found.size(), 6u);
  // The two stories share no words: never put together.
  EXPECT_NE(run.found[0], run.found[4]);
  EXPECT_NE(run.found[0], run.found[5]);
  EXPECT_GT(run.articles_per_sec, 0);
}

}  // namespace
}  // namespace tidings::cluster
