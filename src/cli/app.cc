#include "cli/app.h"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "cli/context.h"

namespace tidings::cli {
namespace {

// Prints CLI11's parse error as one line with what to do next.
int UsageError(const CLI::App& app, const CLI::Error& e) {
  std::string where = "tidings";
  for (const CLI::App* sub : app.get_subcommands()) {
    where += " " + sub->get_name();
  }
  std::fprintf(stderr, "tidings: %s (run '%s --help' for usage)\n", e.what(),
               where.c_str());
  return kExitUsage;
}

}  // namespace

int Run(int argc, char** argv) {
  CLI::App app{
      "Tidings: a self-hostable news aggregation engine.\n"
      "Crawls publishers' feeds, extracts and summarises articles, groups "
      "stories and serves a website, JSON API and feeds.",
      "tidings"};
  app.require_subcommand(1);
  app.fallthrough();
  Context ctx;
  app.add_option("--db", ctx.global.db_url,
                 "Store URL: sqlite:PATH or postgres://…")
      ->capture_default_str();
  app.add_option("--config", ctx.global.config_path,
                 "TOML configuration file (see docs/configuration.md)")
      ->check(CLI::ExistingFile);
  app.add_option("--log-level", ctx.global.log_level, "Log level")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
      ->capture_default_str();

  int exit_code = kExitOk;
  AddVersionCommand(app, ctx, &exit_code);
  AddStatsCommand(app, ctx, &exit_code);
  AddIngestCommand(app, ctx, &exit_code);
  AddServeCommand(app, ctx, &exit_code);
  AddExtractCommand(app, ctx, &exit_code);
  AddSummarizeCommand(app, ctx, &exit_code);
  AddFeedCommand(app, ctx, &exit_code);
  AddCrawlCommand(app, ctx, &exit_code);
  AddFeedsCommand(app, ctx, &exit_code);
  CLI::App* eval =
      app.add_subcommand("eval", "Quality evaluations on shared data sets");
  eval->require_subcommand(1);
  AddEvalSummariesCommand(*eval, ctx, &exit_code);
  AddEvalExtractionCommand(*eval, ctx, &exit_code);
  AddEvalFeedsCommand(*eval, ctx, &exit_code);
  AddEvalClusteringCommand(*eval, ctx, &exit_code);

  // Configuration and logging must be ready before any subcommand callback
  // runs; CLI11 runs this once the global options are parsed.
  app.parse_complete_callback([&] {
    spdlog::set_level(spdlog::level::from_str(ctx.global.log_level));
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S %^%l%$ %v");
    if (!ctx.global.config_path.empty()) {
      Result<Config> config = LoadConfig(ctx.global.config_path);
      if (!config.ok()) {
        throw CLI::ValidationError("--config", config.status().message());
      }
      ctx.config = std::move(config).value();
    }
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return UsageError(app, e);
  }
  return exit_code;
}

Result<store::Store*> Context::GetStore() {
  if (!store_) {
    auto opened = store::Store::Open(global.db_url);
    if (!opened.ok()) return opened.status();
    store_ = std::move(opened).value();
  }
  return store_.get();
}

}  // namespace tidings::cli
