// Subcommand registration. Each Add*Command adds its subcommand to `app`;
// the callback runs after parsing, reads `ctx` and stores the process exit
// code in *exit_code. Commands print results on stdout and one-line errors
// ("tidings: …") on stderr.
#ifndef TIDINGS_CLI_COMMANDS_H_
#define TIDINGS_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace tidings::cli {

void AddVersionCommand(CLI::App& app, Context& ctx, int* exit_code);
void AddStatsCommand(CLI::App& app, Context& ctx, int* exit_code);
void AddIngestCommand(CLI::App& app, Context& ctx, int* exit_code);
void AddServeCommand(CLI::App& app, Context& ctx, int* exit_code);
void AddExtractCommand(CLI::App& app, Context& ctx, int* exit_code);
void AddSummarizeCommand(CLI::App& app, Context& ctx, int* exit_code);
// `feed parse FILE…` (feed_command.cc).
void AddFeedCommand(CLI::App& app, Context& ctx, int* exit_code);
void AddCrawlCommand(CLI::App& app, Context& ctx, int* exit_code);
void AddFeedsCommand(CLI::App& app, Context& ctx, int* exit_code);
// Adds `feeds` under the `eval` parent command (eval_feeds_command.cc).
void AddEvalFeedsCommand(CLI::App& eval, Context& ctx, int* exit_code);
// Adds `summaries` under the `eval` parent command.
void AddEvalSummariesCommand(CLI::App& eval, Context& ctx, int* exit_code);
// Adds `extraction` and `dates` under the `eval` parent command.
void AddEvalExtractionCommand(CLI::App& eval, Context& ctx, int* exit_code);
// Adds `clustering` under the `eval` parent command.
void AddEvalClusteringCommand(CLI::App& eval, Context& ctx, int* exit_code);

}  // namespace tidings::cli

#endif  // TIDINGS_CLI_COMMANDS_H_
