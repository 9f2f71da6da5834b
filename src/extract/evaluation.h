// Evaluation of extraction and date finding on public benchmark layouts.
// Shared by `tidings eval extraction|dates` and the *_eval_test.cc floors.
//
// Layouts (detected from the folder content):
//   trafilatura  evaldata.json {url: {file, with[], without[]}}, pages in
//                cache/ or eval/ (plain or .gz). Per page, every `with`
//                snippet found in the whitespace-normalised text is a true
//                positive (else a false negative), every `without` snippet
//                found is a false positive (else a true negative); P, R,
//                F1 and accuracy over the totals (trafilatura's
//                tests/evaluate.py).
//   cleaneval    GoldStandard/<n>.txt (with <p>/<h>/<l> markers and a URL:
//                line) and input/<n>.html[.gz]. Per page, precision and
//                recall of word tokens (multiset overlap of lower-cased
//                words), each averaged over pages; F1 from the averages.
//   readability  test-pages/<name>/{source.html[.gz], expected.html}: the
//                expected text is the text of expected.html; same word
//                metric as cleaneval.
//   article-extraction-benchmark
//                ground-truth.json {id: {articleBody, url}} with
//                html/<id>.html.gz. Per page, precision and recall of word
//                4-gram shingles (lower-cased words), averaged over pages;
//                F1 from the two averages (its evaluate.py).
//   dates        htmldate's {url: {file, date}} with files in cache/ or
//                eval/ beside the JSON. True positive = the same day, false
//                positive = another day, false negative = no date;
//                precision, recall, accuracy = TP/N, F = 2TP/(2TP+FP+FN)
//                (htmldate's tests/comparison.py).
//
// Pages are read and decoded to UTF-8 before the clock starts; the timing
// covers Extract() only, as CPU time of the calling thread (one core).
#ifndef TIDINGS_EXTRACT_EVALUATION_H_
#define TIDINGS_EXTRACT_EVALUATION_H_

#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace tidings::extract {

struct EvalOptions {
  // The data folder (extraction) or the JSON file (dates).
  std::string data;
  // When non-empty, every page's result is written there as JSON
  // {id: {"text": …, "date": "YYYY-MM-DD" or null}}.
  std::string predictions_path;
  // How many worst pages to report.
  int worst = 10;
  // Passed to ExtractOptions::latest_date (0: no bound).
  UnixSeconds latest_date = 0;
};

struct PageResult {
  std::string id;
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  // For dates: expected and found day.
  std::string expected;
  std::string found;
};

struct EvalReport {
  std::string layout;
  int pages = 0;
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  double accuracy = 0;
  // Snippet counts (trafilatura layout, dates).
  int true_positives = 0;
  int false_positives = 0;
  int false_negatives = 0;
  int true_negatives = 0;
  double seconds = 0;
  double pages_per_sec = 0;
  // Worst pages first.
  std::vector<PageResult> worst;
};

// Scores main-text extraction on the folder `options.data`. Errors:
// kNotFound when no known layout is found, kIoError/kCorruption when the
// ground truth cannot be read.
Result<EvalReport> EvaluateExtraction(const EvalOptions& options);

// Scores publication dates on an htmldate-style JSON file.
Result<EvalReport> EvaluateDates(const EvalOptions& options);

// Reads a file, gunzipping it when it ends in .gz. Errors: kIoError.
Result<std::string> ReadMaybeGzipped(const std::string& path);

// Bytes of a page as UTF-8: kept when already valid UTF-8, else decoded by
// its declared charset (text/charset.h).
std::string PageToUtf8(std::string bytes);

}  // namespace tidings::extract

#endif  // TIDINGS_EXTRACT_EVALUATION_H_
