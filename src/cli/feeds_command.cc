// `tidings feeds …`: manage the feeds the crawler polls and show their
// health.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "base/time_format.h"
#include "cli/commands.h"
#include "feed/opml.h"
#include "fetch/url.h"
#include "pipeline/feed_import.h"

namespace tidings::cli {
namespace {

struct FeedsAddArgs {
  std::string url;
  std::string country;
  std::string category;
  std::string publisher;
  std::string title;
};

int Fail(const Status& s) {
  std::fprintf(stderr, "tidings: %s\n", s.message().c_str());
  return kExitFailure;
}

int RunAdd(Context& ctx, const FeedsAddArgs& args) {
  Result<fetch::UrlParts> url = fetch::ParseHttpUrl(args.url);
  if (!url.ok()) {
    std::fprintf(stderr, "tidings: feeds add: %s\n",
                 url.status().message().c_str());
    return kExitUsage;
  }
  if (!args.country.empty() && args.country.size() != 2) {
    std::fprintf(stderr,
                 "tidings: feeds add: --country wants an ISO 3166-1 alpha-2 "
                 "code such as 'gb', got '%s'\n",
                 args.country.c_str());
    return kExitUsage;
  }
  Result<store::Store*> store = ctx.GetStore();
  if (!store.ok()) return Fail(store.status());
  model::Feed f;
  f.url = url->url;
  f.title = args.title;
  f.country = args.country;
  for (char& c : f.country) c = static_cast<char>(std::tolower(c));
  f.category = args.category;
  f.publisher_name = args.publisher;
  Result<model::Id> id = (*store)->UpsertFeed(f);
  if (!id.ok()) return Fail(id.status());
  std::printf("feed %lld: %s\n", static_cast<long long>(*id), f.url.c_str());
  return kExitOk;
}

int RunImport(Context& ctx, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(Status::IoError("feeds import: cannot read " + path));
  std::string bytes((std::istreambuf_iterator<char>(in)),
                    std::istreambuf_iterator<char>());
  Result<store::Store*> store = ctx.GetStore();
  if (!store.ok()) return Fail(store.status());
  Result<pipeline::FeedImportReport> report =
      pipeline::ImportOpml(bytes, *store);
  if (!report.ok()) {
    return Fail(report.status().WithContext("feeds import: " + path));
  }
  for (const std::string& why : report->skipped) {
    std::fprintf(stderr, "tidings: feeds import: skipping %s\n", why.c_str());
  }
  std::printf("imported %d feeds from %s (%zu skipped)\n", report->imported,
              path.c_str(), report->skipped.size());
  return kExitOk;
}

int RunExport(Context& ctx) {
  Result<store::Store*> store = ctx.GetStore();
  if (!store.ok()) return Fail(store.status());
  Result<std::vector<model::Feed>> feeds = (*store)->ListFeeds();
  if (!feeds.ok()) return Fail(feeds.status());
  feed::OpmlDocument doc;
  doc.title = "Tidings feeds";
  for (const model::Feed& f : *feeds) {
    feed::OpmlFeed o;
    o.url = f.url;
    o.title = f.title;
    o.site_url = f.site_url;
    o.category = f.category;
    o.country = f.country;
    o.publisher = f.publisher_name;
    doc.feeds.push_back(std::move(o));
  }
  std::fputs(feed::WriteOpml(doc).c_str(), stdout);
  return kExitOk;
}

std::string OptionalTime(const std::optional<UnixSeconds>& t) {
  return t ? FormatIso8601(*t) : "";
}

int RunList(Context& ctx, bool json) {
  Result<store::Store*> store = ctx.GetStore();
  if (!store.ok()) return Fail(store.status());
  Result<std::vector<model::Feed>> feeds = (*store)->ListFeeds();
  if (!feeds.ok()) return Fail(feeds.status());
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const model::Feed& f : *feeds) {
      nlohmann::json j = {{"id", f.id},
                          {"url", f.url},
                          {"title", f.title},
                          {"site_url", f.site_url},
                          {"country", f.country},
                          {"category", f.category},
                          {"publisher", f.publisher_name},
                          {"last_fetched_at", OptionalTime(f.last_fetched_at)},
                          {"last_status", f.last_status},
                          {"last_error", f.last_error},
                          {"items", f.item_count},
                          {"error_streak", f.error_streak},
                          {"interval_seconds", f.interval_seconds},
                          {"next_due_at", OptionalTime(f.next_due_at)},
                          {"hub_url", f.hub_url}};
      out.push_back(std::move(j));
    }
    std::printf("%s\n", out.dump().c_str());
    return kExitOk;
  }
  const UnixSeconds now = SystemClock().Now();
  std::printf("%-5s %-3s %-12s %-14s %-6s %-5s %-6s %-14s %s\n", "ID", "CC",
              "CATEGORY", "LAST FETCH", "STATUS", "ITEMS", "ERRORS", "NEXT DUE",
              "URL");
  for (const model::Feed& f : *feeds) {
    std::string last =
        f.last_fetched_at ? FormatRelative(*f.last_fetched_at, now) : "never";
    std::string next = "now";
    if (f.next_due_at && *f.next_due_at > now) {
      std::int64_t in = *f.next_due_at - now;
      next = in < 3600 ? "in " + std::to_string(in / 60) + " min"
                       : "in " + std::to_string(in / 3600) + " h";
    }
    std::printf("%-5lld %-3s %-12s %-14s %-6d %-5d %-6d %-14s %s\n",
                static_cast<long long>(f.id),
                f.country.empty() ? "-" : f.country.c_str(),
                f.category.empty() ? "-" : f.category.substr(0, 12).c_str(),
                last.c_str(), f.last_status, f.item_count, f.error_streak,
                next.c_str(), f.url.c_str());
    if (!f.last_error.empty()) {
      std::printf("      error: %s\n", f.last_error.c_str());
    }
  }
  return kExitOk;
}

}  // namespace

void AddFeedsCommand(CLI::App& app, Context& ctx, int* exit_code) {
  CLI::App* feeds = app.add_subcommand(
      "feeds", "Manage the feeds the crawler polls (add, list, OPML)");
  feeds->require_subcommand(1);

  CLI::App* add =
      feeds->add_subcommand("add", "Add a feed or update its settings");
  auto add_args = std::make_shared<FeedsAddArgs>();
  add->add_option("url", add_args->url, "Feed URL (http or https)")->required();
  add->add_option("--country", add_args->country,
                  "Edition country, ISO 3166-1 alpha-2 (gb, de, …)");
  add->add_option("--category", add_args->category,
                  "Category (world, tech, …)");
  add->add_option("--publisher", add_args->publisher,
                  "Publisher name for its articles");
  add->add_option("--title", add_args->title, "Feed title");
  add->callback(
      [&ctx, exit_code, add_args] { *exit_code = RunAdd(ctx, *add_args); });

  CLI::App* import = feeds->add_subcommand(
      "import",
      "Add (or update) every feed of an OPML 1.0/2.0 file; folders "
      "become categories");
  auto import_path = std::make_shared<std::string>();
  import->add_option("file", *import_path, "OPML file")
      ->required()
      ->check(CLI::ExistingFile);
  import->callback([&ctx, exit_code, import_path] {
    *exit_code = RunImport(ctx, *import_path);
});

CLI::App* export_cmd = feeds->add_subcommand(
    "export", "Print all feeds as OPML 2.0 (one folder per category)");
export_cmd->callback([&ctx, exit_code] { *exit_code = RunExport(ctx); });

CLI::App* list = feeds->add_subcommand(
    "list",
    "List feeds with health: last fetch, HTTP status, items, error "
    "streak, next due");
auto json = std::make_shared<bool>(false);
list->add_flag("--json", *json, "One JSON array");
list->callback([&ctx, exit_code, json] { *exit_code = RunList(ctx, *json); });
}  // namespace tidings::cli

}  // namespace tidings::cli
