// `tidings serve`: the website, JSON API and feeds, plus the crawler.
#include <signal.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "cli/commands.h"
#include "cli/crawl_setup.h"
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

// The crawler of `serve`, on its own store connection and HTTP client.
// Built on the main thread (so that the web server's WebSub route can be
// pointed at it before the server starts), run on its own thread.
struct CrawlService {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<fetch::HttpClient> http;
  std::unique_ptr<pipeline::Pipeline> pipeline;
  std::unique_ptr<pipeline::PipelineSink> sink;
  std::unique_ptr<pipeline::Crawler> crawler;
};

Result<std::unique_ptr<CrawlService>> MakeCrawlService(
    const std::string& db_url, const CrawlConfig& config) {
  auto service = std::make_unique<CrawlService>();
  TIDINGS_ASSIGN_OR_RETURN(service->store, store::Store::Open(db_url));
  CrawlSetup setup = MakeCrawlSetup(config);
  TIDINGS_ASSIGN_OR_RETURN(service->http, fetch::NewCurlHttpClient(setup.http));
  service->pipeline =
      std::make_unique<pipeline::Pipeline>(service->store.get());
  service->sink =
      std::make_unique<pipeline::PipelineSink>(service->pipeline.get());
  setup.crawler.on_pass = [](const Result<pipeline::CrawlSummary>& pass) {
    if (!pass.ok()) {
      spdlog::warn("crawler: {}", pass.status().message());
    } else if (pass->feeds_due > 0 || pass->pushes > 0) {
      spdlog::info("crawl: {}", pipeline::FormatCrawlSummary(*pass));
    }
  };
  service->crawler = std::make_unique<pipeline::Crawler>(
      service->store.get(), service->sink.get(), service->http.get(),
      &SystemClock(), setup.crawler);
  return service;
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

  const std::string db_url = ctx.global.db_url;
  const bool crawl = !args.no_crawl && ctx.config.serve.crawl;
  std::unique_ptr<CrawlService> crawl_service;
  if (crawl) {
    Result<std::unique_ptr<CrawlService>> made =
        MakeCrawlService(db_url, ctx.config.crawl);
    if (!made.ok()) {
      std::fprintf(stderr, "tidings: crawler: %s\n",
                   made.status().message().c_str());
      return kExitFailure;
    }
    crawl_service = std::move(made).value();
  }

  web::ServerOptions options;
  options.listen = args.listen.empty() ? ctx.config.serve.listen : args.listen;
  options.threads = ctx.config.serve.threads;
  if (crawl_service) {
    const std::string prefix = WebSubCallbackPrefix(ctx.config.crawl);
    if (!prefix.empty()) {
      options.callback_prefix = prefix;
      pipeline::Crawler* crawler = crawl_service->crawler.get();
      options.callback_handler = [crawler](const web::CallbackRequest& r) {
        return AnswerWebSubCallback(crawler, r);
      };
    }
  }
  web::Server server(options, [db_url] { return store::Store::Open(db_url); });
  if (Status s = server.Start(); !s.ok()) {
    std::fprintf(stderr, "tidings: %s\n", s.message().c_str());
    return kExitFailure;
  }
  spdlog::info("serving http://{} (store {})", options.listen, db_url);
  std::jthread crawler;
  if (crawl_service) {
    if (Status s = SeedDefaultFeeds(*store); !s.ok()) {
      spdlog::warn("{}", s.message());
    }
    pipeline::Crawler* c = crawl_service->crawler.get();
    crawler = std::jthread([c](std::stop_token stop) { c->RunForever(stop); });
  }

  int signal_number = 0;
  sigwait(&signals, &signal_number);
  spdlog::info("received signal {}, shutting down", signal_number);
  if (crawler.joinable()) crawler.request_stop();
  // The server first: its WebSub route calls into the crawler.
  server.Stop();
  server.Wait();
  if (crawler.joinable()) crawler.join();
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
