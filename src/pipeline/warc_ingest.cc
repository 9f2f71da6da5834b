#include "pipeline/warc_ingest.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/clock.h"
#include "warc/http.h"
#include "warc/reader.h"

namespace tidings::pipeline {
namespace {

constexpr int kHttpOk = 200;
constexpr int kHttpMultipleChoices = 300;

bool IsHtmlContentType(std::string_view content_type) {
  std::string lower;
  for (char c : content_type.substr(0, content_type.find(';'))) {
    if (c != ' ' && c != '\t') lower += static_cast<char>(std::tolower(c));
  }
  return lower.empty() || lower == "text/html" ||
         lower == "application/xhtml+xml";
}

// Sorts skip reasons by count, largest first, for the summary line.
std::vector<std::pair<std::string, std::uint64_t>> SortedReasons(
    const std::map<std::string, std::uint64_t>& reasons) {
  std::vector<std::pair<std::string, std::uint64_t>> sorted(reasons.begin(),
                                                            reasons.end());
  std::stable_sort(
      sorted.begin(), sorted.end(),
      [](const auto& a, const auto& b) { return a.second > b.second; });
  return sorted;
}

}  // namespace

std::string IngestReport::Summary() const {
  std::string line = fmt::format("ingested {}, skipped {}", ingested, skipped);
  if (!skip_reasons.empty()) {
    line += " (";
    bool first = true;
    for (const auto& [reason, count] : SortedReasons(skip_reasons)) {
      if (!first) line += ", ";
      first = false;
      line += fmt::format("{}: {}", reason, count);
    }
    line += ")";
  }
  line += fmt::format(" in {:.1f} s", seconds);
  return line;
}

Status IngestWarcFile(const std::string& path, Pipeline* pipeline,
                      store::Store* store, const IngestOptions& options,
                      IngestReport* report) {
  const double start = SystemClock().MonotonicSeconds();
  warc::ReaderOptions reader_options;
  reader_options.max_block_bytes = options.max_record_bytes;
  TIDINGS_ASSIGN_OR_RETURN(std::unique_ptr<warc::Reader> reader,
                           warc::Reader::Open(path, reader_options));
  auto skip = [report](std::string reason) {
    ++report->skipped;
    ++report->skip_reasons[std::move(reason)];
  };

  IngestProgress progress;
  progress.file = path;
  progress.bytes_total = reader->file_size();
  int pending = 0;
  Status status;
  TIDINGS_RETURN_IF_ERROR(store->Begin());
  warc::Record record;
  while (true) {
    Result<bool> next = reader->Next(&record);
    if (!next.ok()) {
      status = next.status();
      break;
    }
    if (!*next) break;
    ++progress.records;
    if (record.skipped()) {
      // A malformed record may not even have a readable type: count it.
      skip(record.skip_reason);
    } else if (record.type != "response") {
      ++report->other_records;
    } else if (record.truncated_block) {
      skip(std::string(warc::kSkipTooLarge));
    } else {
      Result<warc::HttpResponse> http = warc::ParseHttpResponse(record.block);
      if (!http.ok()) {
        skip("malformed http");
      } else if (http->status < kHttpOk ||
                 http->status >= kHttpMultipleChoices) {
        skip(fmt::format("http {}", http->status));
      } else if (!IsHtmlContentType(http->Header("Content-Type"))) {
        skip("not html");
      } else {
        Page page;
        page.url = record.target_uri;
        page.fetched_at = record.date.value_or(SystemClock().Now());
        page.content_type = http->Header("Content-Type");
        page.body = std::move(http->body);
        Result<bool> known = options.update_existing
                                 ? Result<bool>(false)
                                 : pipeline->IsKnownUrl(page.url);
        if (!known.ok()) {
          status = known.status();
          break;
        }
        if (*known) {
          skip("already stored");
        } else {
          Result<AddOutcome> added = pipeline->AddPage(page);
          if (added.ok()) {
            ++report->ingested;
          } else if (added.status().code() == StatusCode::kIoError ||
                     added.status().code() == StatusCode::kInternal) {
            // A store failure is not the record's fault: stop.
            status = added.status();
            break;
          } else if (added.status().code() == StatusCode::kUnsupported) {
            skip("not html");
          } else {
            spdlog::debug("skipped {}: {}", page.url, added.status().message());
            skip("no content");
          }
        }
      }
    }
    if (++pending >= options.commit_every) {
      TIDINGS_RETURN_IF_ERROR(store->Commit());
      TIDINGS_RETURN_IF_ERROR(store->Begin());
      pending = 0;
    }
    progress.bytes_done = reader->bytes_consumed();
    progress.elapsed_seconds = SystemClock().MonotonicSeconds() - start;
    if (options.on_progress) options.on_progress(progress);
  }
  // Keep everything stored before an error.
  Status committed = store->Commit();
  report->bytes += reader->bytes_consumed();
  report->seconds += SystemClock().MonotonicSeconds() - start;
  TIDINGS_RETURN_IF_ERROR(status);
  return committed;
}

}  // namespace tidings::pipeline
