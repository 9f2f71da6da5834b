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

struct Config {
  ServeConfig serve;
  IngestConfig ingest;
};

// Parses the TOML file at `path`. Fails with kIoError when unreadable and
// kInvalidArgument ("config: FILE:LINE: …") for syntax errors, wrong types
// and unknown keys.
Result<Config> LoadConfig(const std::string& path);

}  // namespace tidings::cli

#endif  // TIDINGS_CLI_CONFIG_H_
