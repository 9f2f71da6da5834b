// WARC ingestion: every HTML `response` record of a WARC file goes through
// the pipeline into the store, with the record's URL and date.
#ifndef TIDINGS_PIPELINE_WARC_INGEST_H_
#define TIDINGS_PIPELINE_WARC_INGEST_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "base/status.h"
#include "pipeline/pipeline.h"

namespace tidings::pipeline {

// Where an ingestion is; passed to the progress callback.
struct IngestProgress {
  std::string file;
  std::uint64_t records = 0;
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;
  double elapsed_seconds = 0;
};

struct IngestOptions {
  // Records whose block is larger than this are skipped ("too large"); this
  // bounds the memory held per record.
  std::uint64_t max_record_bytes = 64ull << 20;
  // Writes are committed in batches of this many records: a crash loses at
  // most one batch, and batching makes SQLite ingestion ~50× faster.
  int commit_every = 100;
  // Re-process pages whose URL is stored already (after an extractor
  // upgrade); by default they are skipped as "already stored".
  bool update_existing = false;
  // Called after every record; may be empty.
  std::function<void(const IngestProgress&)> on_progress;
};

// The outcome of ingesting one or more files.
struct IngestReport {
  std::uint64_t ingested = 0;
  std::uint64_t skipped = 0;
  // Why response records were skipped, e.g. {"not html": 3}.
  std::map<std::string, std::uint64_t> skip_reasons;
  // Records that are not HTTP responses (warcinfo, request, metadata).
  std::uint64_t other_records = 0;
  std::uint64_t bytes = 0;
  double seconds = 0;

  // "ingested N, skipped M (reason: count, …) in T s"
  std::string Summary() const;
};

// Ingests `path` (WARC 1.0/1.1, plain or gzip) into `pipeline`, adding its
// counts to *report. Returns kIoError when the file cannot be opened and
// kCorruption ("warc: FILE: at byte N: …") when it is truncated or not a
// WARC file; everything stored before the error stays stored.
Status IngestWarcFile(const std::string& path, Pipeline* pipeline,
                      store::Store* store, const IngestOptions& options,
                      IngestReport* report);

}  // namespace tidings::pipeline

#endif  // TIDINGS_PIPELINE_WARC_INGEST_H_
