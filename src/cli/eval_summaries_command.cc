// `tidings eval summaries --data DIR [--json] [--subset cnndm|xsum]`: ROUGE
// of our summaries and of Lead-3 on a summarization set.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.h"
#include "summarize/eval_data.h"

namespace tidings::cli {
namespace {

struct EvalSummariesArgs {
  std::string data;
  std::string subset;
  bool json = false;
  bool no_stem = false;
};

nlohmann::ordered_json F1Json(const summarize::RougeScores& s) {
  return {{"rouge1", s.rouge1.f1},
          {"rouge2", s.rouge2.f1},
          {"rougeL", s.rouge_l.f1},
          {"rougeLsum", s.rouge_lsum.f1}};
}

nlohmann::ordered_json RecallJson(const summarize::RougeScores& s) {
  return {{"rouge1", s.rouge1.recall},
          {"rouge2", s.rouge2.recall},
          {"rougeL", s.rouge_l.recall},
          {"rougeLsum", s.rouge_lsum.recall}};
}

void PrintRow(const char* name, const summarize::RougeScores& s, double words) {
  std::printf(
      "%-6s %6.2f %6.2f   %6.2f %6.2f   %6.2f %6.2f   %6.2f %6.2f   "
      "%5.1f\n",
      name, 100 * s.rouge1.f1, 100 * s.rouge1.recall, 100 * s.rouge2.f1,
      100 * s.rouge2.recall, 100 * s.rouge_l.f1, 100 * s.rouge_l.recall,
      100 * s.rouge_lsum.f1, 100 * s.rouge_lsum.recall, words);
}

int RunEvalSummaries(const EvalSummariesArgs& args) {
  std::string layout = summarize::DetectEvalLayout(args.data);
  if (layout.empty()) {
    std::fprintf(stderr,
                 "tidings: eval summaries: %s holds no FRANK JSON, BBC News "
                 "Summary or src.txt/ref.txt layout\n",
                 args.data.c_str());
    return kExitFailure;
  }
  auto docs = summarize::LoadEvalDocs(args.data, args.subset);
  if (!docs.ok()) {
    std::fprintf(stderr, "tidings: %s\n", docs.status().message().c_str());
    return kExitFailure;
  }
  // Summary length follows the set's references.
  std::string hint = layout == "bbc" ? "bbc" : args.subset;
  summarize::EvalOptions options = summarize::DefaultEvalOptions(hint);
  options.rouge.stem = !args.no_stem;
  summarize::EvalResult r = summarize::EvaluateSummaries(*docs, options);
  if (args.json) {
    nlohmann::ordered_json j = {
        {"docs", r.docs},
        {"ours", F1Json(r.ours)},
        {"lead3", F1Json(r.lead)},
        {"recall",
         {{"ours", RecallJson(r.ours)}, {"lead3", RecallJson(r.lead)}}},
        {"words", {{"ours", r.ours_words}, {"lead3", r.lead_words}}},
        {"layout", layout},
        {"stemmed", options.rouge.stem}};
    std::printf("%s\n", j.dump().c_str());
  } else {
    std::printf("%d documents (%s%s%s), ROUGE-1.5.5-compatible, %s\n", r.docs,
                layout.c_str(), args.subset.empty() ? "" : ", ",
                args.subset.c_str(),
                options.rouge.stem ? "Porter-stemmed" : "not stemmed");
    std::printf("%-6s %13s   %13s   %13s   %13s   %5s\n", "", "ROUGE-1 F/R",
                "ROUGE-2 F/R", "ROUGE-L F/R", "ROUGE-Lsum F/R", "words");
    PrintRow("ours", r.ours, r.ours_words);
    PrintRow("lead3", r.lead, r.lead_words);
  }
  return kExitOk;
}

}  // namespace

void AddEvalSummariesCommand(CLI::App& eval, Context& ctx, int* exit_code) {
  (void)ctx;
  auto args = std::make_shared<EvalSummariesArgs>();
  CLI::App* cmd = eval.add_subcommand(
      "summaries",
      "ROUGE-1/2/L/Lsum of our summaries and of Lead-3 on a summarization "
      "set (FRANK JSON, BBC News Summary, or src.txt/ref.txt)");
  cmd->add_option("--data", args->data, "Folder of the evaluation set")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--subset", args->subset,
                  "FRANK only: cnndm (CNN/DailyMail) or xsum")
      ->check(CLI::IsMember({"cnndm", "xsum"}));
  cmd->add_flag("--no-stem", args->no_stem,
                "Score without Porter stemming (ROUGE-1.5.5 without -m)");
  cmd->add_flag("--json", args->json, "Print one JSON object (F1 in 0-1)");
  cmd->callback([args, exit_code] { *exit_code = RunEvalSummaries(*args); });
}

}  // namespace tidings::cli
