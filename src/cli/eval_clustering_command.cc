// `tidings eval clustering --data FILE [--format googlenews|uci] [--json]`:
// streams a labelled story set through the StoryClusterer (default
// options) and prints NMI, accuracy, ARI, pairwise and B-cubed P/R/F1, the
// number of clusters found and in the gold standard, and articles/s.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.h"
#include "cluster/eval_data.h"

namespace tidings::cli {
namespace {

struct EvalClusteringArgs {
  std::string data;
  std::string format;
  bool json = false;
};

nlohmann::ordered_json PrJson(const cluster::PrecisionRecall& pr) {
  return {{"p", pr.p}, {"r", pr.r}, {"f1", pr.f1}};
}

int RunEvalClustering(const EvalClusteringArgs& args) {
  Result<cluster::EvalData> data =
      cluster::ReadEvalData(args.data, args.format);
  if (!data.ok()) {
    std::fprintf(stderr, "tidings: %s\n", data.status().message().c_str());
    return kExitFailure;
  }
  for (const std::string& warning : data->warnings) {
    std::fprintf(stderr, "tidings: warning: %s\n", warning.c_str());
  }
  if (data->docs.empty()) {
    std::fprintf(stderr, "tidings: eval clustering: %s holds no documents\n",
                 args.data.c_str());
    return kExitFailure;
  }
  cluster::ClusteringRun run =
      cluster::RunClustering(*data, cluster::ClusterOptions{});
  const cluster::ClusteringMetrics& m = run.metrics;
  if (args.json) {
    nlohmann::ordered_json j = {{"docs", m.docs},
                                {"nmi", m.nmi},
                                {"acc", m.acc},
                                {"ari", m.ari},
                                {"pairwise", PrJson(m.pairwise)},
                                {"bcubed", PrJson(m.bcubed)},
                                {"clusters_found", m.clusters_found},
                                {"clusters_gold", m.clusters_gold},
                                {"articles_per_sec", run.articles_per_sec}};
    std::printf("%s\n", j.dump().c_str());
  } else {
    std::printf("%zu documents, %zu clusters found, %zu gold\n", m.docs,
                m.clusters_found, m.clusters_gold);
    std::printf("NMI       %.4f\n", m.nmi);
    std::printf("ACC       %.4f\n", m.acc);
    std::printf("ARI       %.4f\n", m.ari);
    std::printf("pairwise  P %.4f  R %.4f  F1 %.4f\n", m.pairwise.p,
                m.pairwise.r, m.pairwise.f1);
    std::printf("B-cubed   P %.4f  R %.4f  F1 %.4f\n", m.bcubed.p, m.bcubed.r,
                m.bcubed.f1);
    std::printf("speed     %.0f articles/s (CPU), %.0f articles/s (wall)\n",
                run.articles_per_sec, run.articles_per_wall_sec);
  }
  return kExitOk;
}

}  // namespace

void AddEvalClusteringCommand(CLI::App& eval, Context& ctx, int* exit_code) {
  (void)ctx;
  auto args = std::make_shared<EvalClusteringArgs>();
  CLI::App* cmd = eval.add_subcommand(
      "clustering",
      "Story clustering quality (NMI, ACC, ARI, pairwise and B-cubed F1) on "
      "a labelled set: GoogleNews JSONL or UCI News Aggregator CSV/TSV");
  cmd->add_option("--data", args->data, "Labelled data file")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--format", args->format,
                  "googlenews or uci (default: by extension, .jsonl = "
                  "googlenews)")
      ->check(CLI::IsMember({"googlenews", "uci"}));
  cmd->add_flag("--json", args->json,
                "Print one JSON object (fractions in 0-1)");
  cmd->callback([args, exit_code] { *exit_code = RunEvalClustering(*args); });
}

}  // namespace tidings::cli
