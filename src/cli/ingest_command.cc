// `tidings ingest FILE…`: WARC files through the pipeline into the store.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/progress.h"
#include "pipeline/pipeline.h"
#include "pipeline/warc_ingest.h"

namespace tidings::cli {

namespace {

struct IngestArgs {
  std::vector<std::string> files;
  bool update = false;
};

int RunIngest(Context& ctx, const IngestArgs& args) {
  Result<store::Store*> store = ctx.GetStore();
  if (!store.ok()) {
    std::fprintf(stderr, "tidings: %s\n", store.status().message().c_str());
    return kExitFailure;
  }
  pipeline::Pipeline pipeline(*store);
  ProgressDisplay display;
  pipeline::IngestOptions options;
  options.max_record_bytes =
      static_cast<std::uint64_t>(ctx.config.ingest.max_record_bytes);
  options.update_existing = args.update;
  options.on_progress = [&display](const pipeline::IngestProgress& p) {
    display.Update(p.file, p.records, p.bytes_done, p.bytes_total,
                   p.elapsed_seconds);
  };
  pipeline::IngestReport report;
  int exit_code = kExitOk;
  for (const std::string& file : args.files) {
    Status s =
        pipeline::IngestWarcFile(file, &pipeline, *store, options, &report);
    display.Finish();
    if (!s.ok()) {
      std::fprintf(stderr, "tidings: %s\n", s.message().c_str());
      exit_code = kExitFailure;
      break;
    }
  }
  std::printf("%s\n", report.Summary().c_str());
  if (report.seconds > 0) {
    std::fprintf(
        stderr, "%.1f records/s, %.2f MB/s\n",
        static_cast<double>(report.ingested + report.skipped) / report.seconds,
        static_cast<double>(report.bytes) / (1024.0 * 1024.0) / report.seconds);
  }
  return exit_code;
}

}  // namespace

void AddIngestCommand(CLI::App& app, Context& ctx, int* exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "ingest",
      "Ingest WARC files (WARC 1.0/1.1, plain or .gz): every HTML response "
      "record is extracted and stored");
  auto args = std::make_shared<IngestArgs>();
  cmd->add_option("files", args->files, "WARC files")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_flag("--update", args->update,
                "Re-process pages already stored (after an upgrade)");
  cmd->callback(
      [&ctx, exit_code, args] { *exit_code = RunIngest(ctx, *args); });
}

}  // namespace tidings::cli
