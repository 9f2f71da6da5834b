// `tidings extract FILE... [--url URL] [--json]`: article text and metadata
// of saved HTML pages. One FILE prints one JSON object; several print one
// object per line with "file" added (FILE=URL gives each its URL).
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/time_format.h"
#include "cli/commands.h"
#include "extract/evaluation.h"
#include "extract/extractor.h"

namespace tidings::cli {
namespace {

struct ExtractArgs {
  std::vector<std::string> files;
  std::string url;
  bool json = false;
};

nlohmann::ordered_json ArticleJson(const model::Article& a) {
  auto date = [](const std::optional<UnixSeconds>& t) {
    return t ? nlohmann::ordered_json(FormatIso8601(*t))
             : nlohmann::ordered_json(nullptr);
  };
  auto or_null = [](const std::string& s) {
    return s.empty() ? nlohmann::ordered_json(nullptr)
                     : nlohmann::ordered_json(s);
  };
  return {{"url", or_null(a.url)},
          {"canonical_url", or_null(a.canonical_url)},
          {"title", a.title},
          {"byline", or_null(a.byline)},
          {"published", date(a.published_at)},
          {"modified", date(a.modified_at)},
          {"language", or_null(a.language)},
          {"site_name", or_null(a.site_name)},
          {"image", or_null(a.image_url)},
          {"description", or_null(a.description)},
          {"section", or_null(a.section)},
          {"paywalled", a.paywalled},
          {"word_count", a.word_count},
          {"text", a.Text()},
          {"paragraphs", a.paragraphs},
          {"html", a.html}};
}

void PrintText(const model::Article& a) {
  std::printf("%s\n", a.title.c_str());
  if (!a.byline.empty()) std::printf("By %s\n", a.byline.c_str());
  if (a.published_at) {
    std::printf("%s\n", FormatIso8601(*a.published_at).c_str());
  }
  std::printf("\n%s\n", a.Text().c_str());
}

int RunExtract(const ExtractArgs& args) {
  const bool many = args.files.size() > 1;
  int status = kExitOk;
  for (const std::string& spec : args.files) {
    std::string file = spec;
    std::string url = args.url;
    // FILE=URL, unless the '=' belongs to an existing file name.
    if (auto eq = spec.find('='); eq != std::string::npos && many) {
      file = spec.substr(0, eq);
      url = spec.substr(eq + 1);
    }
    auto bytes = extract::ReadMaybeGzipped(file);
    if (!bytes.ok()) {
      std::fprintf(stderr, "tidings: %s\n", bytes.status().message().c_str());
      status = kExitFailure;
      continue;
    }
    extract::ExtractOptions options;
    options.url = url;
    options.latest_date = SystemClock().Now() + 86400;
    auto article = extract::Extract(
        extract::PageToUtf8(std::move(bytes).value()), options);
    if (!article.ok()) {
      std::fprintf(stderr, "tidings: %s: %s\n", file.c_str(),
                   article.status().message().c_str());
      status = kExitFailure;
      continue;
    }
    if (args.json) {
      nlohmann::ordered_json body = ArticleJson(*article);
      nlohmann::ordered_json out;
      if (many) {
        out["file"] = file;
        for (auto it = body.begin(); it != body.end(); ++it) {
          out[it.key()] = it.value();
        }
      } else {
        out = std::move(body);
      }
      std::printf("%s\n", out.dump(many ? -1 : 2).c_str());
    } else {
      if (many) std::printf("== %s\n", file.c_str());
      PrintText(*article);
    }
  }
  return status;
}

}  // namespace

void AddExtractCommand(CLI::App& app, Context& ctx, int* exit_code) {
  (void)ctx;
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* cmd = app.add_subcommand(
      "extract", "Extract article text and metadata from saved HTML pages");
  cmd->add_option("files", args->files,
                  "HTML files (plain or .gz); with several, FILE=URL sets "
                  "each page's URL")
      ->required();
  cmd->add_option("--url", args->url,
                  "The page's URL (resolves links; a date source)");
  cmd->add_flag("--json", args->json,
                "Print JSON (one object per line "
                "for several files)");
  cmd->callback([args, exit_code] { *exit_code = RunExtract(*args); });
}

}  // namespace tidings::cli
