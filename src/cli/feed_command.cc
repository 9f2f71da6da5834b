// `tidings feed parse FILE…`: parses feed files and prints the normalised
// model, one JSON line per file (or a short summary without --json).
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "base/time_format.h"
#include "cli/commands.h"
#include "feed/feed.h"

namespace tidings::cli {
namespace {

struct FeedParseArgs {
  std::vector<std::string> files;
  bool json = false;
  std::string base_url;
  std::string content_type;
};

nlohmann::ordered_json DateJson(const std::optional<UnixSeconds>& t) {
  if (!t) return nullptr;
  return FormatIso8601(*t);
}

nlohmann::ordered_json FeedJson(const std::string& file,
                                const feed::ParsedFeed& f) {
  nlohmann::ordered_json j;
  j["file"] = file;
  j["format"] = std::string(feed::FeedFormatName(f.format));
  j["title"] = f.title;
  j["link"] = f.link;
  j["language"] = f.language;
  j["updated"] = DateJson(f.updated ? f.updated : f.published);
  j["bozo"] = f.bozo;
  j["bozo_reason"] = f.bozo_reason;
  nlohmann::ordered_json entries = nlohmann::ordered_json::array();
  for (const feed::Entry& e : f.entries) {
    nlohmann::ordered_json je;
    je["id"] = e.id;
    je["title"] = e.title;
    je["link"] = e.link;
    je["published"] = DateJson(e.published);
    je["updated"] = DateJson(e.updated);
    je["author"] = e.author;
    je["summary"] = e.summary;
    je["content"] = e.content;
    nlohmann::ordered_json cats = nlohmann::ordered_json::array();
    for (const feed::Category& c : e.categories) cats.push_back(c.term);
    je["categories"] = std::move(cats);
    nlohmann::ordered_json encs = nlohmann::ordered_json::array();
    for (const feed::Enclosure& enc : e.enclosures) {
      encs.push_back(
          {{"url", enc.url}, {"type", enc.type}, {"length", enc.length}});
    }
    je["enclosures"] = std::move(encs);
    entries.push_back(std::move(je));
  }
  j["entries"] = std::move(entries);
  return j;
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  *out = std::move(buf).str();
  return !in.bad();
}

int RunFeedParse(const FeedParseArgs& args) {
  int exit_code = kExitOk;
  for (const std::string& file : args.files) {
    std::string bytes;
    Result<feed::ParsedFeed> parsed =
        Status::IoError("feed: " + file + ": cannot read");
    if (ReadFile(file, &bytes)) {
      feed::ParseOptions options;
      options.base_url = args.base_url;
      options.content_type = args.content_type;
      parsed = feed::ParseFeed(bytes, options);
    }
    if (!parsed.ok()) {
      exit_code = kExitFailure;
      if (args.json) {
        nlohmann::ordered_json j = {{"file", file},
                                    {"error", parsed.status().message()}};
        std::printf("%s\n", j.dump(-1, ' ', false,
                                   nlohmann::json::error_handler_t::replace)
                                .c_str());
      } else {
        std::fprintf(stderr, "tidings: %s: %s\n", file.c_str(),
                     parsed.status().message().c_str());
      }
      continue;
    }
    if (args.json) {
      std::printf("%s\n", FeedJson(file, *parsed)
                              .dump(-1, ' ', false,
                                    nlohmann::json::error_handler_t::replace)
                              .c_str());
    } else {
      std::printf("%s: %s \"%s\", %zu entries%s%s\n", file.c_str(),
                  std::string(feed::FeedFormatName(parsed->format)).c_str(),
                  parsed->title.c_str(), parsed->entries.size(),
                  parsed->bozo ? ", bozo: " : "", parsed->bozo_reason.c_str());
    }
  }
  return exit_code;
}

}  // namespace

void AddFeedCommand(CLI::App& app, Context& ctx, int* exit_code) {
  (void)ctx;
  CLI::App* feed_cmd =
      app.add_subcommand("feed", "Feed tools (parse feed files)");
  feed_cmd->require_subcommand(1);
  CLI::App* parse = feed_cmd->add_subcommand(
      "parse",
      "Parse RSS/Atom/JSON Feed files and print the normalised feed; a file "
      "that cannot be parsed gives {file, error} and exit status 1");
  auto args = std::make_shared<FeedParseArgs>();
  parse->add_option("files", args->files, "Feed files")->required();
  parse->add_flag("--json", args->json, "One JSON object per file and line");
  parse->add_option(
      "--base-url", args->base_url,
      "URL the files were fetched from (resolves relative links)");
  parse->add_option("--content-type", args->content_type,
                    "HTTP Content-Type the files were served with");
  parse->callback([exit_code, args] { *exit_code = RunFeedParse(*args); });
}

}  // namespace tidings::cli
