// `tidings eval extraction --data DIR [--json] [--predictions FILE]` and
// `tidings eval dates --data EVAL.json [--json] [--predictions FILE]`:
// extraction and date quality on public benchmark layouts
// (extract/evaluation.h documents the layouts and metrics).
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "base/clock.h"
#include "cli/commands.h"
#include "extract/evaluation.h"

namespace tidings::cli {
namespace {

struct EvalArgs {
  std::string data;
  std::string predictions;
  bool json = false;
  int worst = 10;
};

void PrintReport(const extract::EvalReport& r, bool dates) {
  std::printf("layout %s, %d pages\n", r.layout.c_str(), r.pages);
  std::printf("precision %.4f  recall %.4f  F1 %.4f", r.precision, r.recall,
              r.f1);
  if (r.layout == "trafilatura" || dates) {
    std::printf("  accuracy %.4f  (TP %d FP %d FN %d TN %d)", r.accuracy,
                r.true_positives, r.false_positives, r.false_negatives,
                r.true_negatives);
  }
  std::printf("\n%.1f pages/s (%.2f s, one thread)\n", r.pages_per_sec,
              r.seconds);
  if (!r.worst.empty()) std::printf("worst pages:\n");
  for (const auto& p : r.worst) {
    if (dates) {
      std::printf("  expected %-10s found %-10s  %s\n", p.expected.c_str(),
                  p.found.empty() ? "-" : p.found.c_str(), p.id.c_str());
    } else {
      std::printf("  F1 %.3f  P %.3f  R %.3f  %s\n", p.f1, p.precision,
                  p.recall, p.id.c_str());
    }
  }
}

int RunEval(const EvalArgs& args, bool dates) {
  extract::EvalOptions options;
  options.data = args.data;
  options.predictions_path = args.predictions;
  options.worst = args.json ? 0 : args.worst;
  options.latest_date = SystemClock().Now() + 86400;
  auto report = dates ? extract::EvaluateDates(options)
                      : extract::EvaluateExtraction(options);
  if (!report.ok()) {
    std::fprintf(stderr, "tidings: %s\n", report.status().message().c_str());
    return kExitFailure;
  }
  if (args.json) {
    nlohmann::ordered_json out = {{"pages", report->pages},
                                  {"precision", report->precision},
                                  {"recall", report->recall},
                                  {"f1", report->f1},
                                  {"pages_per_sec", report->pages_per_sec}};
    if (dates || report->layout == "trafilatura") {
      out["accuracy"] = report->accuracy;
    }
    out["layout"] = report->layout;
    std::printf("%s\n", out.dump().c_str());
  } else {
    PrintReport(*report, dates);
  }
  return kExitOk;
}

void AddOne(CLI::App& eval, const char* name, const char* help,
            const char* data_help, bool dates, int* exit_code) {
  auto args = std::make_shared<EvalArgs>();
  CLI::App* cmd = eval.add_subcommand(name, help);
  cmd->add_option("--data", args->data, data_help)->required();
  cmd->add_flag("--json", args->json,
                "Print {\"pages\",\"precision\",\"recall\",\"f1\","
                "\"pages_per_sec\"} as one JSON line");
  cmd->add_option("--predictions", args->predictions,
                  "Also write every page's result as JSON {id: {text, "
                  "date}}");
  cmd->add_option("--worst", args->worst, "How many worst pages to list")
      ->capture_default_str();
  cmd->callback(
      [args, dates, exit_code] { *exit_code = RunEval(*args, dates); });
}

}  // namespace

void AddEvalExtractionCommand(CLI::App& eval, Context& ctx, int* exit_code) {
  (void)ctx;
  AddOne(eval, "extraction",
         "Main-text extraction quality (trafilatura eval set, CleanEval, "
         "Readability test pages, article-extraction-benchmark)",
         "Data folder (layout detected)", /*dates=*/false, exit_code);
  AddOne(eval, "dates", "Publication date quality (htmldate layout)",
         "htmldate-style JSON {url: {file, date}}", /*dates=*/true, exit_code);
}

}  // namespace tidings::cli
