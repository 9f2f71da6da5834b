// `tidings summarize FILE.html | --text FILE [--json]`: the extractive
// summary of one article with reading times.
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "extract/extractor.h"
#include "summarize/summarizer.h"
#include "text/language.h"
#include "text/sentences.h"

namespace tidings::cli {
namespace {

struct SummarizeArgs {
  std::string html_file;
  std::string text_file;
  std::string title;
  std::string lang;
  int target_seconds = summarize::SummaryOptions{}.target_seconds;
  bool json = false;
};

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("summarize: cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

int RunSummarize(const SummarizeArgs& args) {
  const bool is_text = !args.text_file.empty();
  Result<std::string> body =
      ReadWholeFile(is_text ? args.text_file : args.html_file);
  if (!body.ok()) {
    std::fprintf(stderr, "tidings: %s\n", body.status().message().c_str());
    return kExitFailure;
  }
  std::string title = args.title;
  std::vector<std::string> paragraphs;
  std::string lang = args.lang;
  if (is_text) {
    paragraphs = summarize::SplitParagraphs(*body);
  } else {
    extract::ExtractOptions options;
    Result<model::Article> article = extract::Extract(*body, options);
    if (!article.ok()) {
      std::fprintf(stderr, "tidings: %s\n", article.status().message().c_str());
      return kExitFailure;
    }
    if (title.empty()) title = article->title;
    paragraphs = std::move(article->paragraphs);
    if (lang.empty()) lang = article->language;
  }
  std::string all;
  for (const std::string& p : paragraphs) all += p + "\n\n";
  if (args.lang.empty()) lang = text::DetectLanguage(all, lang);

  summarize::SummaryOptions options;
  options.target_seconds = args.target_seconds;
  options.min_seconds = std::min(options.min_seconds, args.target_seconds);
  options.max_seconds =
      std::max(args.target_seconds, args.target_seconds * 6 / 5);
  std::vector<model::SummarySentence> summary =
      summarize::SummarizeArticle(title, paragraphs, lang, options);
  std::string summary_text;
  for (const auto& s : summary) summary_text += s.text + "\n";
  int summary_seconds = text::ReadingSeconds(summary_text, lang);
  int original_seconds = text::ReadingSeconds(all, lang);

  if (args.json) {
    nlohmann::ordered_json sentences = nlohmann::ordered_json::array();
    for (const auto& s : summary) {
      sentences.push_back({{"text", s.text}, {"index", s.index}});
    }
    nlohmann::ordered_json j = {
        {"sentences", sentences},
        {"reading_seconds",
         {{"summary", summary_seconds}, {"original", original_seconds}}},
        {"title", title},
        {"language", lang}};
    std::printf("%s\n",
                j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                    .c_str());
  } else {
    if (!title.empty()) std::printf("%s\n\n", title.c_str());
    for (const auto& s : summary) std::printf("%s\n", s.text.c_str());
    std::printf("\n%s here / %s at publisher\n",
                text::FormatReadingTime(summary_seconds).c_str(),
                text::FormatReadingTime(original_seconds).c_str());
  }
  return kExitOk;
}

}  // namespace

void AddSummarizeCommand(CLI::App& app, Context& ctx, int* exit_code) {
  (void)ctx;
  auto args = std::make_shared<SummarizeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "summarize",
      "Print the extractive summary of an article (HTML page or plain text) "
      "with reading times");
  CLI::Option* html =
      cmd->add_option("FILE", args->html_file, "Article HTML page (UTF-8)")
          ->check(CLI::ExistingFile);
  CLI::Option* text =
      cmd->add_option("--text", args->text_file,
                      "Plain-text article instead: paragraphs separated by "
                      "line breaks")
          ->check(CLI::ExistingFile);
  html->excludes(text);
  text->excludes(html);
  cmd->add_option("--title", args->title,
                  "Article title (default: the page's title)");
  cmd->add_option("--lang", args->lang,
                  "ISO 639-1 language (default: detected)");
  cmd->add_option("--seconds", args->target_seconds,
                  "Target reading time of the summary in seconds")
      ->check(CLI::Range(5, 3600))
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "Print one JSON object");
  cmd->callback([args, exit_code] {
    if (args->html_file.empty() && args->text_file.empty()) {
      throw CLI::ValidationError("summarize",
                                 "give an HTML FILE or --text FILE");
    }
    *exit_code = RunSummarize(*args);
  });
}

}  // namespace tidings::cli
