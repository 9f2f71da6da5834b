// `tidings serve`: the website, JSON API and feeds, plus the crawler.
#include <signal.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "cli/commands.h"
#include "fetch/http_client.h"
#include "pipeline/crawler.h"
#include "pipeline/feed_import.h"
#include "pipeline/pipeline.h"
#include "web/server.h"

namespace tidings::cli {
namespace {

struct ServeArgs {
  std::string listen;
  bool no_crawl = false;
};

// Blocks SIGINT and SIGTERM in every thread started after this call, so that
// only WaitForShutdownSignal() receives them.
void BlockShutdownSignals(sigset_t* set) {
  sigemptyset(set);
  sigaddset(set, SIGINT);
  sigaddset(set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, set, nullptr);
}

// Seeds an empty store with the bundled default feed list, so that a first
// `make run` has something to crawl.
Status SeedDefaultFeeds(store::Store* store) {
  TIDINGS_ASSIGN_OR_RETURN(store::Stats stats, store->GetStats());
  if (stats.feeds > 0) return Status::Ok();
  TIDINGS_ASSIGN_OR_RETURN(
      pipeline::FeedImportReport report,
      pipeline::ImportOpml(pipeline::DefaultFeedsOpml(), store));
  spdlog::info("store had no feeds: imported {} default feeds",
               report.imported);
  return Status::Ok();
}

// Runs the crawler on its own store connection until `stop` is requested.
void CrawlUntilStopped(const std::string& db_url, std::stop_token stop) {
  Result<std::unique_ptr<store::Store>> store = store::Store::Open(db_url);
  if (!store.ok()) {
    spdlog::error("crawler: {}", store.status().message());
    return;
  }
  auto http = fetch::NewCurlHttpClient(fetch::HttpClientOptions{});
  if (!http.ok()) {
    spdlog::error("crawler: {}", http.status().message());
    return;
  }
  pipeline::Pipeline pipeline(store->get());
  pipeline::PipelineSink sink(&pipeline);
  pipeline::CrawlerOptions options;
  options.on_pass = [](const Result<pipeline::CrawlSummary>& pass) {
    if (!pass.ok()) {
      spdlog::warn("crawler: {}", pass.status().message());
    } else if (pass->feeds_due > 0 || pass->pushes > 0) {
      spdlog::info("crawl: {}", pipeline::FormatCrawlSummary(*pass));
    }
  };
  pipeline::Crawler crawler(store->get(), &sink, http->get(), &SystemClock(),
                            options);
  crawler.RunForever(stop);
}

int RunServe(Context& ctx, const ServeArgs& args) {
  // Open the store once up front so that a bad --db fails before listening,
  // with the migrations applied by one connection.
  Result<store::Store*> store = ctx.GetStore();
  if (!store.ok()) {
    std::fprintf(stderr, "tidings: %s\n", store.status().message().c_str());
    return kExitFailure;
  }
  sigset_t signals;
  BlockShutdownSignals(&signals);

  web::ServerOptions options;
  options.listen = args.listen.empty() ? ctx.config.serve.listen : args.listen;
  options.threads = ctx.config.serve.threads;
  const std::string db_url = ctx.global.db_url;
  web::Server server(options, [db_url] { return store::Store::Open(db_url); });
  if (Status s = server.Start(); !s.ok()) {
    std::fprintf(stderr, "tidings: %s\n", s.message().c_str());
    return kExitFailure;
  }
  spdlog::info("serving http://{} (store {})", options.listen, db_url);
  std::jthread crawler;
  if (!args.no_crawl && ctx.config.serve.crawl) {
    if (Status s = SeedDefaultFeeds(*store); !s.ok()) {
      spdlog::warn("{}", s.message());
    }
    crawler = std::jthread(
        [db_url](std::stop_token stop) { CrawlUntilStopped(db_url, stop); });
  }

  int signal_number = 0;
  sigwait(&signals, &signal_number);
  spdlog::info("received signal {}, shutting down", signal_number);
  if (crawler.joinable()) crawler.request_stop();
  server.Stop();
  server.Wait();
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, Context& ctx, int* exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "serve", "Serve the website, JSON API and feeds, and run the crawler");
  auto args = std::make_shared<ServeArgs>();
  cmd->add_option("--listen", args->listen,
                  "HOST:PORT to listen on (default from config: "
                  "127.0.0.1:8080)");
  cmd->add_flag("--no-crawl", args->no_crawl, "Only serve; do not poll feeds");
  cmd->callback([&ctx, exit_code, args] { *exit_code = RunServe(ctx, *args); });
}

}  // namespace tidings::cli
