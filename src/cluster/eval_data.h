// Labelled story-clustering data sets and a runner that scores the
// StoryClusterer on them (`tidings eval clustering`, the eval tests and
// bench/cluster_scale).
//
// Formats:
//   googlenews  JSON lines {"text": "...", "cluster": 65} (GoogleNews-T/S/TS).
//               No timestamps: documents are streamed in file order one
//               second apart, all inside one window.
//   uci         UCI News Aggregator: ID, TITLE, URL, PUBLISHER, CATEGORY,
//               STORY, HOSTNAME, TIMESTAMP (ms). Tab-separated without a
//               header (the original release) or comma-separated with a
//               header row and RFC 4180 quoting (common copies). STORY is
//               the gold cluster; documents are streamed by TIMESTAMP
//               (stable for ties). A truncated last row is skipped with a
//               warning.
//
// Thread-safety: pure functions; safe from any thread.
#ifndef TIDINGS_CLUSTER_EVAL_DATA_H_
#define TIDINGS_CLUSTER_EVAL_DATA_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "cluster/metrics.h"
#include "cluster/story_clusterer.h"

namespace tidings::cluster {

struct LabeledDoc {
  Doc doc;
  // The gold story label as written in the file.
  std::string gold;
};

struct EvalData {
  std::vector<LabeledDoc> docs;
  // Recoverable problems (skipped rows), one line each.
  std::vector<std::string> warnings;
};

// Reads GoogleNews JSONL. Fails with kIoError when the file cannot be read,
// kCorruption ("cluster: FILE:LINE: …") on a line that is not a JSON object
// with a string "text" and a "cluster" (number or string). A blank last line
// is fine; a truncated last line is skipped with a warning.
Result<EvalData> ReadGoogleNews(const std::string& path);

// Parses UCI News Aggregator text (either dialect; see above). `name`
// prefixes messages. Fails with kCorruption when a row other than the last
// has fewer than 8 fields or a TIMESTAMP that is not a number.
Result<EvalData> ParseUciNews(std::string_view content, std::string_view name);

// Reads and parses a UCI News Aggregator file (kIoError when unreadable).
Result<EvalData> ReadUciNews(const std::string& path);

// Reads `path` in `format` ("googlenews" or "uci"; empty picks by extension:
// .jsonl/.json is googlenews, anything else uci). kInvalidArgument for an
// unknown format.
Result<EvalData> ReadEvalData(const std::string& path, std::string_view format);

struct ClusteringRun {
  ClusteringMetrics metrics;
  // Articles clustered per CPU second of the calling thread (Add calls
  // only): "on one core", and meaningful on a busy machine.
  double articles_per_sec = 0;
  // The same per second of wall time.
  double articles_per_wall_sec = 0;
  // The final (resolved) story key of every document, in input order.
  std::vector<std::int64_t> found;
};

// Streams `data` through a fresh StoryClusterer with `options` and scores
// the resolved story keys against the gold labels.
ClusteringRun RunClustering(const EvalData& data,
                            const ClusterOptions& options);

// CPU time consumed by the calling thread, in seconds.
double ThreadCpuSeconds();

}  // namespace tidings::cluster

#endif  // TIDINGS_CLUSTER_EVAL_DATA_H_
