// `tidings version` and `tidings stats`.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/commands.h"

#ifndef TIDINGS_VERSION
#define TIDINGS_VERSION "0.0.0"
#endif

namespace tidings::cli {

void AddVersionCommand(CLI::App& app, Context& ctx, int* exit_code) {
  (void)ctx;
  CLI::App* cmd = app.add_subcommand("version", "Print the version and exit");
  cmd->callback([exit_code] {
    std::printf("tidings %s\n", TIDINGS_VERSION);
    *exit_code = kExitOk;
  });
}

void AddStatsCommand(CLI::App& app, Context& ctx, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("stats", "Print row counts of the store");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "Print one JSON object");
  cmd->callback([&ctx, exit_code, json] {
    Result<store::Store*> store = ctx.GetStore();
    if (!store.ok()) {
      std::fprintf(stderr, "tidings: %s\n", store.status().message().c_str());
      *exit_code = kExitFailure;
      return;
    }
    Result<store::Stats> stats = (*store)->GetStats();
    if (!stats.ok()) {
      std::fprintf(stderr, "tidings: %s\n", stats.status().message().c_str());
      *exit_code = kExitFailure;
      return;
    }
    if (*json) {
      nlohmann::ordered_json j = {{"articles", stats->articles},
                                  {"publishers", stats->publishers},
                                  {"feeds", stats->feeds},
                                  {"stories", stats->stories}};
      std::printf("%s\n", j.dump().c_str());
    } else {
      std::printf(
          "articles    %lld\npublishers  %lld\nfeeds       %lld\n"
          "stories     %lld\n",
          static_cast<long long>(stats->articles),
          static_cast<long long>(stats->publishers),
          static_cast<long long>(stats->feeds),
          static_cast<long long>(stats->stories));
    }
    *exit_code = kExitOk;
  });
}

}  // namespace tidings::cli
