// Importing an OPML subscription list into the store.
#ifndef TIDINGS_PIPELINE_FEED_IMPORT_H_
#define TIDINGS_PIPELINE_FEED_IMPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/store.h"

namespace tidings::pipeline {

struct FeedImportReport {
  int imported = 0;
  // One line per outline that was not imported, saying why.
  std::vector<std::string> skipped;
};

// Parses OPML 1.0/2.0 `bytes` and upserts every feed it lists (with its
// country, category and publisher) into `store`. Fails with kCorruption for
// a document that is not OPML, and with store errors; outlines with unusable
// URLs are skipped and listed in the report. Idempotent.
Result<FeedImportReport> ImportOpml(std::string_view bytes,
                                    store::Store* store);

// The bundled default feed list (data/default-feeds.opml, compiled in).
std::string_view DefaultFeedsOpml();

}  // namespace tidings::pipeline

#endif  // TIDINGS_PIPELINE_FEED_IMPORT_H_
