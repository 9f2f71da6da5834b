// The TOML configuration (`--config FILE`). Every option has a default, so
// an empty or absent file is valid; docs/configuration.md lists them all.
// Unknown keys are an error, so a typo does not silently do nothing.
#ifndef TIDINGS_CLI_CONFIG_H_
#define TIDINGS_CLI_CONFIG_H_

#include <cstdint>
#include <string>

#include "base/status.h"

namespace tidings::cli {

struct ServeConfig {
  // [serve] listen: address and port of the website and API.
  std::string listen = "127.0.0.1:8080";
  // [serve] threads: HTTP worker threads; 0 = one per core.
  int threads = 0;
  // [serve] crawl: run the crawler inside `serve` (off with --no-crawl).
  bool crawl = true;
};

struct IngestConfig {
  // [ingest] max_record_bytes: WARC records larger than this are skipped
  // (reason "too large"); bounds memory per record.
  std::int64_t max_record_bytes = 64LL << 20;
};

// [crawl]: the feed crawler of `tidings serve` and `tidings crawl`. The
// defaults are those of fetch::HttpClientOptions and
// pipeline::CrawlerOptions; MakeCrawlSetup (cli/crawl_setup.h) applies them.
struct CrawlConfig {
  // contact_url: sent in the User-Agent so that site owners can reach the
  // operator ("Tidings/0.1 (+URL)"); empty keeps the project's URL.
  std::string contact_url;
  // Feeds polled per pass at most.
  int max_feeds_per_pass = 1000;
  // Fetch and extract the article page of each new entry (full text even
  // when the feed is truncated).
  bool fetch_articles = true;
  // New articles fetched per feed per pass at most.
  int max_articles_per_feed = 30;
  // Bounds of the adaptive poll interval.
  std::int64_t min_interval_seconds = 5 * 60;
  std::int64_t max_interval_seconds = 24 * 3600;
  // Politeness: transfers at once to one host and seconds between two
  // request starts to one host; transfers at once over all hosts.
  int max_per_host = 2;
  double min_host_delay_seconds = 1.0;
  int max_concurrent = 50;
  // SSRF guard: allow loopback (testing) and private/link-local networks
  // (feeds on a LAN). Off: such addresses are refused.
  bool allow_loopback = false;
  bool allow_private = false;
  // WebSub: the public URL under which this server's /websub/ path is
  // reachable by hubs, e.g. "https://news.example.org/websub" (the crawler
  // subscribes with "<url>/<feed id>"); empty disables WebSub. Hubs must be
  // able to reach it, so it only makes sense for a public `serve`.
  std::string websub_callback_url;
  // Master secret from which each subscription's HMAC secret is derived;
  // required with websub_callback_url (at least 16 characters).
  std::string websub_secret;
};

struct Config {
  ServeConfig serve;
  IngestConfig ingest;
  CrawlConfig crawl;
};

// Parses the TOML file at `path`. Fails with kIoError when unreadable and
// kInvalidArgument ("config: FILE:LINE: …") for syntax errors, wrong types
// and unknown keys.
Result<Config> LoadConfig(const std::string& path);

}  // namespace tidings::cli

#endif  // TIDINGS_CLI_CONFIG_H_
