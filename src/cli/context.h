// What every `tidings` subcommand shares: the global options, the loaded
// configuration and a lazily opened store.
#ifndef TIDINGS_CLI_CONTEXT_H_
#define TIDINGS_CLI_CONTEXT_H_

#include <memory>
#include <string>

#include "base/status.h"
#include "cli/config.h"
#include "store/store.h"

namespace tidings::cli {

// Exit codes of `tidings`.
inline constexpr int kExitOk = 0;
// A runtime failure (bad input file, unreachable database, …).
inline constexpr int kExitFailure = 1;
// The command line itself was wrong.
inline constexpr int kExitUsage = 2;

struct GlobalOptions {
  // Store URL; see store::Store::Open.
  std::string db_url = "sqlite:tidings.db";
  // TOML configuration file; empty for built-in defaults.
  std::string config_path;
  // trace, debug, info, warn, error, off.
  std::string log_level = "info";
};

class Context {
 public:
  GlobalOptions global;
  Config config;

  // Opens the store at global.db_url on first use.
  Result<store::Store*> GetStore();

 private:
  std::unique_ptr<store::Store> store_;
};

}  // namespace tidings::cli

#endif  // TIDINGS_CLI_CONTEXT_H_
