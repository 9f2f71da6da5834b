// `tidings eval feeds --data DIR [--json]`: the feed parser's conformance
// on feedparser's test suite and gofeed's expected outputs.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.h"
#include "feed/conformance.h"

namespace tidings::cli {
namespace {

struct EvalFeedsArgs {
  std::string data_dir = "/work/shared/data/feeds";
  bool json = false;
  bool verbose = false;
};

nlohmann::ordered_json CountsJson(const feed::CheckCounts& c) {
  return {{"pass", c.pass}, {"fail", c.fail}, {"unsupported", c.unsupported}};
}

int RunEvalFeeds(const EvalFeedsArgs& args) {
  const std::filesystem::path dir(args.data_dir);
  Result<feed::FeedparserReport> fp =
      feed::RunFeedparserSuite(dir / "feedparser" / "tests");
  Result<feed::GofeedReport> go =
      feed::RunGofeedSuite(dir / "gofeed" / "testdata");
  if (!fp.ok() && !go.ok()) {
    std::fprintf(stderr, "tidings: %s; %s\n", fp.status().message().c_str(),
                 go.status().message().c_str());
    return kExitFailure;
  }
  if (args.json) {
    nlohmann::ordered_json j;
    nlohmann::ordered_json folders = nlohmann::ordered_json::object();
    nlohmann::ordered_json subfolders = nlohmann::ordered_json::object();
    if (fp.ok()) {
      for (const auto& [name, c] : fp->folders) folders[name] = CountsJson(c);
      for (const auto& [name, c] : fp->subfolders)
        subfolders[name] = CountsJson(c);
    }
    j["feedparser"] = std::move(folders);
    j["gofeed"] = go.ok() ? nlohmann::ordered_json{{"fields", go->fields},
                                                   {"agree", go->agree},
                                                   {"files", go->files}}
                          : nlohmann::ordered_json(nullptr);
    j["feedparser_subfolders"] = std::move(subfolders);
    std::printf("%s\n", j.dump().c_str());
    return kExitOk;
  }
  if (fp.ok()) {
    std::printf("feedparser suite (%s)\n",
                (dir / "feedparser" / "tests").c_str());
    std::printf("  %-28s %6s %6s %12s %9s\n", "folder", "pass", "fail",
                "unsupported", "pass rate");
    auto row = [](const std::string& name, const feed::CheckCounts& c) {
      const int modelled = c.pass + c.fail;
      std::printf("  %-28s %6d %6d %12d %8.1f%%\n", name.c_str(), c.pass,
                  c.fail, c.unsupported,
                  modelled ? 100.0 * c.pass / modelled : 0.0);
    };
    for (const auto& [name, c] : fp->folders) row(name, c);
    std::printf("  by subfolder:\n");
    for (const auto& [name, c] : fp->subfolders) row(name, c);
    if (args.verbose) {
      for (const std::string& f : fp->failures)
        std::printf("FAIL %s\n", f.c_str());
      for (const std::string& u : fp->unsupported) {
        std::printf("UNSUPPORTED %s\n", u.c_str());
      }
    }
  } else {
    std::fprintf(stderr, "tidings: %s\n", fp.status().message().c_str());
  }
  if (go.ok()) {
    std::printf(
        "gofeed suite: %d files, %d fields compared, %d agree (%.1f%%)\n",
        go->files, go->fields, go->agree,
        go->fields ? 100.0 * go->agree / go->fields : 0.0);
    if (args.verbose) {
      for (const std::string& d : go->disagreements)
        std::printf("DIFF %s\n", d.c_str());
    }
  } else {
    std::fprintf(stderr, "tidings: %s\n", go.status().message().c_str());
  }
  return kExitOk;
}

}  // namespace

void AddEvalFeedsCommand(CLI::App& eval, Context& ctx, int* exit_code) {
  (void)ctx;
  CLI::App* cmd = eval.add_subcommand(
      "feeds",
      "Feed parser conformance: feedparser's Expect checks (pass / fail / "
      "not modelled per folder) and gofeed's expected outputs (fields "
      "agreeing)");
  auto args = std::make_shared<EvalFeedsArgs>();
  if (const char* env = std::getenv("TIDINGS_DATA"); env && *env) {
    args->data_dir = std::string(env) + "/feeds";
  }
  cmd->add_option("--data", args->data_dir,
                  "Folder holding feedparser/tests and gofeed/testdata")
      ->capture_default_str()
      ->check(CLI::ExistingDirectory);
  cmd->add_flag("--json", args->json, "Print one JSON object");
  cmd->add_flag("--verbose", args->verbose,
                "List every failing and unsupported check");
  cmd->callback([exit_code, args] { *exit_code = RunEvalFeeds(*args); });
}

}  // namespace tidings::cli
