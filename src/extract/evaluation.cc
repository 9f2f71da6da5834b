#include "extract/evaluation.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "base/time_format.h"
#include "extract/extractor.h"
#include "extract/metadata.h"
#include "extract/page.h"
#include "extract/text_util.h"
#include "text/charset.h"

namespace tidings::extract {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// Ground-truth and page files larger than this are not benchmark pages.
constexpr std::size_t kMaxFileBytes = 64u << 20;

struct EvalPage {
  std::string id;
  std::string url;
  std::string html;  // UTF-8
  // trafilatura layout.
  std::vector<std::string> with, without;
  // Reference text (word metrics) or date.
  std::string reference;
};

// CPU time of the calling thread: the evaluation runs on one thread, and
// on a shared machine wall time measures the neighbours, not us.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

struct Timer {
  double start = ThreadCpuSeconds();
  double Seconds() const { return ThreadCpuSeconds() - start; }
};

Result<Json> ReadJson(const std::string& path) {
  TIDINGS_ASSIGN_OR_RETURN(std::string text, ReadMaybeGzipped(path));
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    return Status::Corruption("extract: " + path + ": not valid JSON");
  }
  return json;
}

// Finds `file` in the given folders, plain or .gz.
std::string FindPage(const std::vector<fs::path>& folders,
                     const std::string& file) {
  for (const fs::path& folder : folders) {
    for (const char* suffix : {"", ".gz"}) {
      fs::path p = folder / (file + suffix);
      std::error_code ec;
      if (fs::is_regular_file(p, ec)) return p.string();
    }
  }
  return {};
}

std::string JsonText(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t space = SpaceLength(text.substr(i));
    if (space) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
      i += space;
      continue;
    }
    word.push_back(AsciiLower(text[i]));
    ++i;
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// Precision and recall of the multiset of `units` in prediction vs truth.
std::pair<double, double> Overlap(const std::vector<std::string>& predicted,
                                  const std::vector<std::string>& truth) {
  if (predicted.empty() && truth.empty()) return {1, 1};
  std::unordered_map<std::string_view, int> counts;
  for (const std::string& t : truth) ++counts[t];
  int common = 0;
  for (const std::string& p : predicted) {
    auto it = counts.find(p);
    if (it != counts.end() && it->second > 0) {
      --it->second;
      ++common;
    }
  }
  double precision = predicted.empty() ? 0 : double(common) / predicted.size();
  double recall = truth.empty() ? 1 : double(common) / truth.size();
  return {precision, recall};
}

std::vector<std::string> Shingles(const std::vector<std::string>& words) {
  constexpr std::size_t kShingle = 4;
  std::vector<std::string> out;
  if (words.size() < kShingle) {
    if (!words.empty()) {
      std::string s;
      for (const auto& w : words) s += w + " ";
      out.push_back(s);
    }
    return out;
  }
  for (std::size_t i = 0; i + kShingle <= words.size(); ++i) {
    std::string s;
    for (std::size_t k = 0; k < kShingle; ++k) {
      s += words[i + k];
      s.push_back(' ');
    }
    out.push_back(std::move(s));
  }
  // The benchmark compares shingle sets.
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// CleanEval gold text: drops the URL line and the <p>/<h>/<l> markers.
std::string CleanEvalText(std::string_view gold) {
  std::string out;
  std::size_t start = 0;
  bool first = true;
  while (start <= gold.size()) {
    std::size_t end = gold.find('\n', start);
    if (end == std::string_view::npos) end = gold.size();
    std::string_view line = Trim(gold.substr(start, end - start));
    if (first && StartsWithLower(line, "url:")) line = {};
    first = false;
    for (std::string_view marker : {"<p>", "<h>", "<l>"}) {
      if (StartsWithLower(line, marker)) line.remove_prefix(marker.size());
    }
    out.append(line);
    out.push_back('\n');
    start = end + 1;
  }
  return out;
}

// Text of an HTML fragment (readability's expected.html).
std::string HtmlText(const std::string& html) {
  auto page = Page::Parse(html);
  if (!page.ok()) return {};
  std::string text;
  AppendText(xmlDocGetRootElement((*page)->doc()), &text);
  return text;
}

std::string DayOf(std::optional<UnixSeconds> t) {
  if (!t) return {};
  return FormatIso8601(*t).substr(0, 10);
}

void WritePredictions(const std::string& path, const Json& predictions,
                      Status* status) {
  if (path.empty()) return;
  std::ofstream out(path);
  out << predictions.dump(1) << "\n";
  if (!out) *status = Status::IoError("extract: cannot write " + path);
}

Result<std::vector<EvalPage>> LoadTrafilatura(const fs::path& json_path) {
  TIDINGS_ASSIGN_OR_RETURN(Json json, ReadJson(json_path.string()));
  if (!json.is_object()) {
    return Status::Corruption("extract: " + json_path.string() +
                              ": not an object");
  }
  fs::path dir = json_path.parent_path();
  std::vector<fs::path> folders = {dir / "cache", dir / "eval", dir};
  std::vector<EvalPage> pages;
  for (auto it = json.begin(); it != json.end(); ++it) {
    if (!it.value().is_object()) continue;
    EvalPage page;
    page.id = it.key();
    page.url = it.key();
    std::string path = FindPage(folders, JsonText(it.value(), "file"));
    if (path.empty()) continue;
    auto bytes = ReadMaybeGzipped(path);
    if (!bytes.ok()) continue;
    page.html = PageToUtf8(std::move(bytes).value());
    for (const char* key : {"with", "without"}) {
      auto list = it.value().find(key);
      if (list == it.value().end() || !list->is_array()) continue;
      for (const Json& s : *list) {
        if (!s.is_string()) continue;
        (key[4] == 0 ? page.with : page.without)
            .push_back(Collapse(s.get<std::string>()));
      }
    }
    pages.push_back(std::move(page));
  }
  return pages;
}

Result<std::vector<EvalPage>> LoadCleanEval(const fs::path& dir) {
  std::vector<EvalPage> pages;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir / "GoldStandard", ec)) {
    if (entry.path().extension() != ".txt") continue;
    std::string stem = entry.path().stem().string();
    std::string input = FindPage({dir / "input"}, stem + ".html");
    if (input.empty()) continue;
    auto gold = ReadMaybeGzipped(entry.path().string());
    auto html = ReadMaybeGzipped(input);
    if (!gold.ok() || !html.ok()) continue;
    EvalPage page;
    page.id = stem;
    page.html = PageToUtf8(std::move(html).value());
    page.reference = CleanEvalText(PageToUtf8(std::move(gold).value()));
    pages.push_back(std::move(page));
  }
  std::sort(pages.begin(), pages.end(),
            [](const EvalPage& a, const EvalPage& b) { return a.id < b.id; });
  return pages;
}

Result<std::vector<EvalPage>> LoadReadability(const fs::path& dir) {
  std::vector<EvalPage> pages;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_directory()) continue;
    std::string source = FindPage({entry.path()}, "source.html");
    std::string expected = FindPage({entry.path()}, "expected.html");
    if (source.empty() || expected.empty()) continue;
    auto html = ReadMaybeGzipped(source);
    auto want = ReadMaybeGzipped(expected);
    if (!html.ok() || !want.ok()) continue;
    EvalPage page;
    page.id = entry.path().filename().string();
    page.url = "http://fakehost/test/page.html";
    page.html = PageToUtf8(std::move(html).value());
    page.reference = HtmlText(PageToUtf8(std::move(want).value()));
    pages.push_back(std::move(page));
  }
  std::sort(pages.begin(), pages.end(),
            [](const EvalPage& a, const EvalPage& b) { return a.id < b.id; });
  return pages;
}

Result<std::vector<EvalPage>> LoadArticleBenchmark(const fs::path& dir) {
  TIDINGS_ASSIGN_OR_RETURN(Json json,
                           ReadJson((dir / "ground-truth.json").string()));
  std::vector<EvalPage> pages;
  if (!json.is_object()) return pages;
  for (auto it = json.begin(); it != json.end(); ++it) {
    if (!it.value().is_object()) continue;
    std::string path = FindPage({dir / "html"}, it.key() + ".html");
    if (path.empty()) continue;
    auto html = ReadMaybeGzipped(path);
    if (!html.ok()) continue;
    EvalPage page;
    page.id = it.key();
    page.url = JsonText(it.value(), "url");
    page.html = PageToUtf8(std::move(html).value());
    page.reference = JsonText(it.value(), "articleBody");
    pages.push_back(std::move(page));
  }
  return pages;
}

void SortWorst(std::vector<PageResult>* results, int worst) {
  std::stable_sort(
      results->begin(), results->end(),
      [](const PageResult& a, const PageResult& b) { return a.f1 < b.f1; });
  if (static_cast<int>(results->size()) > worst) {
    results->resize(static_cast<std::size_t>(std::max(0, worst)));
  }
}

}  // namespace

Result<std::string> ReadMaybeGzipped(const std::string& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) return Status::IoError("extract: cannot open " + path);
  std::string out;
  char buffer[1 << 16];
  while (true) {
    int n = gzread(file, buffer, sizeof buffer);
    if (n < 0) {
      gzclose(file);
      return Status::IoError("extract: " + path + ": read error");
    }
    if (n == 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
    if (out.size() > kMaxFileBytes) {
      gzclose(file);
      return Status::IoError("extract: " + path + ": too large");
    }
  }
  gzclose(file);
  return out;
}

std::string PageToUtf8(std::string bytes) {
  if (text::IsValidUtf8(bytes, /*allow_truncated_end=*/true)) {
    // Drop a UTF-8 byte order mark.
    if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) {
      bytes.erase(0, 3);
    }
    return bytes;
  }
  return text::DecodeToUtf8(bytes, "");
}

Result<EvalReport> EvaluateExtraction(const EvalOptions& options) {
  fs::path dir = options.data;
  std::error_code ec;
  EvalReport report;
  std::vector<EvalPage> pages;
  if (fs::exists(dir / "evaldata.json", ec)) {
    report.layout = "trafilatura";
    TIDINGS_ASSIGN_OR_RETURN(pages, LoadTrafilatura(dir / "evaldata.json"));
  } else if (fs::exists(dir / "tests" / "evaldata.json", ec)) {
    report.layout = "trafilatura";
    TIDINGS_ASSIGN_OR_RETURN(pages,
                             LoadTrafilatura(dir / "tests" / "evaldata.json"));
  } else if (fs::exists(dir / "ground-truth.json", ec)) {
    report.layout = "article-extraction-benchmark";
    TIDINGS_ASSIGN_OR_RETURN(pages, LoadArticleBenchmark(dir));
  } else if (fs::is_directory(dir / "GoldStandard", ec)) {
    report.layout = "cleaneval";
    TIDINGS_ASSIGN_OR_RETURN(pages, LoadCleanEval(dir));
  } else if (fs::is_directory(dir / "test-pages", ec)) {
    report.layout = "readability";
    TIDINGS_ASSIGN_OR_RETURN(pages, LoadReadability(dir / "test-pages"));
  } else if (fs::is_directory(dir / "test" / "test-pages", ec)) {
    report.layout = "readability";
    TIDINGS_ASSIGN_OR_RETURN(pages,
                             LoadReadability(dir / "test" / "test-pages"));
  } else {
    return Status::NotFound(
        "extract: " + options.data +
        ": no known layout (evaldata.json, ground-truth.json, GoldStandard/, "
        "test-pages/)");
  }
  if (pages.empty()) {
    return Status::NotFound("extract: " + options.data + ": no pages found");
  }

  // Extract everything first (timed), then score.
  std::vector<std::string> texts(pages.size());
  std::vector<std::string> dates(pages.size());
  Timer timer;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    ExtractOptions extract_options;
    extract_options.url = pages[i].url;
    extract_options.latest_date = options.latest_date;
    auto article = Extract(pages[i].html, extract_options);
    if (!article.ok()) continue;
    std::string& text = texts[i];
    for (const std::string& p : article->paragraphs) {
      if (!text.empty()) text.push_back('\n');
      text += p;
    }
    dates[i] = DayOf(article->published_at);
  }
  report.seconds = timer.Seconds();
  report.pages = static_cast<int>(pages.size());
  report.pages_per_sec = report.seconds > 0 ? pages.size() / report.seconds : 0;

  std::vector<PageResult> results;
  results.reserve(pages.size());
  double sum_p = 0, sum_r = 0;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const EvalPage& page = pages[i];
    PageResult r;
    r.id = page.id;
    if (report.layout == "trafilatura") {
      std::string text = Collapse(texts[i]);
      int tp = 0, fn = 0, fp = 0, tn = 0;
      for (const std::string& s : page.with) {
        (text.find(s) != std::string::npos ? tp : fn)++;
      }
      for (const std::string& s : page.without) {
        (text.find(s) != std::string::npos ? fp : tn)++;
      }
      report.true_positives += tp;
      report.false_negatives += fn;
      report.false_positives += fp;
      report.true_negatives += tn;
      r.precision = tp + fp ? double(tp) / (tp + fp) : 1;
      r.recall = tp + fn ? double(tp) / (tp + fn) : 1;
      // Page rank: errors of either kind.
      r.f1 =
          1 - double(fn + fp) / std::max<std::size_t>(
                                    1, page.with.size() + page.without.size());
    } else {
      std::vector<std::string> predicted = Words(texts[i]);
      std::vector<std::string> truth = Words(page.reference);
      if (report.layout == "article-extraction-benchmark") {
        predicted = Shingles(predicted);
        truth = Shingles(truth);
      }
      auto [p, rec] = Overlap(predicted, truth);
      r.precision = p;
      r.recall = rec;
      r.f1 = p + rec > 0 ? 2 * p * rec / (p + rec) : 0;
      sum_p += p;
      sum_r += rec;
    }
    results.push_back(std::move(r));
  }
  if (report.layout == "trafilatura") {
    double tp = report.true_positives, fp = report.false_positives,
           fn = report.false_negatives, tn = report.true_negatives;
    report.precision = tp + fp > 0 ? tp / (tp + fp) : 0;
    report.recall = tp + fn > 0 ? tp / (tp + fn) : 0;
    report.accuracy = (tp + tn) / std::max(1.0, tp + fp + fn + tn);
  } else {
    report.precision = sum_p / pages.size();
    report.recall = sum_r / pages.size();
  }
  report.f1 = report.precision + report.recall > 0
                  ? 2 * report.precision * report.recall /
                        (report.precision + report.recall)
                  : 0;

  Status status;
  if (!options.predictions_path.empty()) {
    Json predictions = Json::object();
    for (std::size_t i = 0; i < pages.size(); ++i) {
      predictions[pages[i].id] = {
          {"text", texts[i]},
          {"date", dates[i].empty() ? Json(nullptr) : Json(dates[i])}};
    }
    WritePredictions(options.predictions_path, predictions, &status);
  }
  SortWorst(&results, options.worst);
  report.worst = std::move(results);
  if (!status.ok()) return status;
  return report;
}

Result<EvalReport> EvaluateDates(const EvalOptions& options) {
  fs::path json_path = options.data;
  TIDINGS_ASSIGN_OR_RETURN(Json json, ReadJson(json_path.string()));
  if (!json.is_object()) {
    return Status::Corruption("extract: " + options.data + ": not an object");
  }
  fs::path dir = json_path.parent_path();
  std::vector<fs::path> folders = {dir / "cache", dir / "eval", dir};
  std::vector<EvalPage> pages;
  for (auto it = json.begin(); it != json.end(); ++it) {
    if (!it.value().is_object()) continue;
    std::string path = FindPage(folders, JsonText(it.value(), "file"));
    if (path.empty()) continue;
    auto bytes = ReadMaybeGzipped(path);
    if (!bytes.ok()) continue;
    EvalPage page;
    page.id = it.key();
    page.url = it.key();
    page.html = PageToUtf8(std::move(bytes).value());
    page.reference = JsonText(it.value(), "date");
    pages.push_back(std::move(page));
  }
  if (pages.empty()) {
    return Status::NotFound("extract: " + options.data + ": no pages found");
  }
  EvalReport report;
  report.layout = "htmldate";
  std::vector<std::string> found(pages.size());
  Timer timer;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    auto page = Page::Parse(pages[i].html);
    if (!page.ok()) continue;
    DateBounds bounds;
    bounds.latest = options.latest_date;
    Metadata meta = ExtractMetadata(**page, pages[i].url, bounds);
    found[i] = DayOf(meta.published_at);
  }
  report.seconds = timer.Seconds();
  report.pages = static_cast<int>(pages.size());
  report.pages_per_sec = report.seconds > 0 ? pages.size() / report.seconds : 0;
  std::vector<PageResult> results;
  Json predictions = Json::object();
  for (std::size_t i = 0; i < pages.size(); ++i) {
    PageResult r;
    r.id = pages[i].id;
    r.expected = pages[i].reference;
    r.found = found[i];
    if (found[i].empty() && r.expected.empty()) {
      ++report.true_negatives;
      r.f1 = 1;
    } else if (found[i].empty()) {
      ++report.false_negatives;
    } else if (found[i] == r.expected) {
      ++report.true_positives;
      r.f1 = 1;
    } else {
      ++report.false_positives;
    }
    r.precision = r.recall = r.f1;
    predictions[r.id] = {
        {"text", ""},
        {"date", found[i].empty() ? Json(nullptr) : Json(found[i])}};
    results.push_back(std::move(r));
  }
  double tp = report.true_positives, fp = report.false_positives,
         fn = report.false_negatives, tn = report.true_negatives;
  report.precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  report.recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  report.accuracy = (tp + tn) / std::max(1.0, tp + fp + fn + tn);
  report.f1 = 2 * tp / std::max(1.0, 2 * tp + fp + fn);
  Status status;
  WritePredictions(options.predictions_path, predictions, &status);
  SortWorst(&results, options.worst);
  report.worst = std::move(results);
  if (!status.ok()) return status;
  return report;
}

}  // namespace tidings::extract
