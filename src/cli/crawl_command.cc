// `tidings crawl`: polls due feeds, fetches new articles and stores them.
// `--once` runs one pass and prints its summary; without it the crawler
// runs until SIGINT/SIGTERM.
#include <signal.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "cli/commands.h"
#include "cli/crawl_setup.h"
#include "fetch/http_client.h"
#include "pipeline/crawler.h"
#include "pipeline/pipeline.h"

namespace tidings::cli {
namespace {

struct CrawlArgs {
  bool once = false;
  int limit = 0;
  bool no_articles = false;
  bool allow_loopback = false;
  bool allow_private = false;
  std::string contact;
  bool json = false;
};

nlohmann::json SummaryJson(const pipeline::CrawlSummary& s) {
  return {{"feeds_due", s.feeds_due},
          {"feeds_fetched", s.feeds_fetched},
          {"not_modified", s.not_modified},
          {"errors", s.errors},
          {"new_entries", s.new_entries},
          {"articles_added", s.articles_added},
          {"articles_failed", s.articles_failed},
          {"pushes", s.pushes},
          {"seconds", s.seconds}};
}

int RunCrawl(Context& ctx, const CrawlArgs& args) {
  Result<store::Store*> store = ctx.GetStore();
  if (!store.ok()) {
    std::fprintf(stderr, "tidings: %s\n", store.status().message().c_str());
    return kExitFailure;
  }
  // Flags override the [crawl] configuration.
  CrawlConfig config = ctx.config.crawl;
  if (!args.contact.empty()) config.contact_url = args.contact;
  if (args.allow_loopback) config.allow_loopback = true;
  if (args.allow_private) config.allow_private = true;
  if (args.no_articles) config.fetch_articles = false;
  if (args.limit > 0) config.max_feeds_per_pass = args.limit;
  // Hubs cannot reach a one-shot or serverless crawl: no WebSub here.
  config.websub_callback_url.clear();
  CrawlSetup setup = MakeCrawlSetup(config);
  auto http = fetch::NewCurlHttpClient(setup.http);
  if (!http.ok()) {
    std::fprintf(stderr, "tidings: %s\n", http.status().message().c_str());
    return kExitFailure;
  }
  pipeline::Pipeline pipeline(*store);
  pipeline::PipelineSink sink(&pipeline);
  pipeline::CrawlerOptions options = setup.crawler;

  if (args.once) {
    pipeline::Crawler crawler(*store, &sink, http->get(), &SystemClock(),
                              options);
    Result<pipeline::CrawlSummary> summary = crawler.RunOnce(args.limit);
    if (!summary.ok()) {
      std::fprintf(stderr, "tidings: %s\n", summary.status().message().c_str());
      return kExitFailure;
    }
    if (args.json) {
      std::printf("%s\n", SummaryJson(*summary).dump().c_str());
    } else {
      std::printf("crawl: %s\n",
                  pipeline::FormatCrawlSummary(*summary).c_str());
    }
    return kExitOk;
  }

  // Continuous: one line per pass that did something, until a signal.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  options.on_pass = [&args](const Result<pipeline::CrawlSummary>& pass) {
    if (!pass.ok()) {
      std::fprintf(stderr, "tidings: %s\n", pass.status().message().c_str());
    } else if (pass->feeds_due > 0 || pass->pushes > 0) {
      if (args.json) {
        std::printf("%s\n", SummaryJson(*pass).dump().c_str());
      } else {
        std::printf("crawl: %s\n", pipeline::FormatCrawlSummary(*pass).c_str());
      }
      std::fflush(stdout);
    }
  };
  pipeline::Crawler crawler(*store, &sink, http->get(), &SystemClock(),
                            options);
  std::jthread worker(
      [&crawler](std::stop_token stop) { crawler.RunForever(stop); });
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  worker.request_stop();
  return kExitOk;
}

}  // namespace

void AddCrawlCommand(CLI::App& app, Context& ctx, int* exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "crawl",
      "Poll due feeds (conditional GET, adaptive intervals, robots.txt for "
      "article pages), fetch and store new articles");
  auto args = std::make_shared<CrawlArgs>();
  cmd->add_flag("--once", args->once, "Run one pass, print a summary, exit");
  cmd->add_option("--limit", args->limit, "Feeds per pass at most")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--no-articles", args->no_articles,
                "Only poll feeds; do not fetch article pages");
  cmd->add_option("--contact", args->contact,
                  "Contact URL sent in the User-Agent (e.g. your site)");
  cmd->add_flag("--allow-loopback", args->allow_loopback,
                "Allow fetching from 127.0.0.0/8 and ::1 (testing)");
  cmd->add_flag("--allow-private", args->allow_private,
                "Allow fetching from private and link-local networks (LAN)");
  cmd->add_flag("--json", args->json, "Print the summary as JSON");
  cmd->callback([&ctx, exit_code, args] { *exit_code = RunCrawl(ctx, *args); });
}

}  // namespace tidings::cli
