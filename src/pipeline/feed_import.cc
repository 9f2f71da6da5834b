#include "pipeline/feed_import.h"

#include <cctype>

#include "feed/opml.h"
#include "fetch/url.h"

namespace tidings::pipeline {

Result<FeedImportReport> ImportOpml(std::string_view bytes,
                                    store::Store* store) {
  TIDINGS_ASSIGN_OR_RETURN(feed::OpmlDocument doc, feed::ParseOpml(bytes));
  FeedImportReport report;
  TIDINGS_RETURN_IF_ERROR(store->Begin());
  for (const feed::OpmlFeed& o : doc.feeds) {
    Result<fetch::UrlParts> url = fetch::ParseHttpUrl(o.url);
    if (!url.ok()) {
      report.skipped.push_back(url.status().message());
      continue;
    }
    model::Feed f;
    f.url = url->url;
    f.title = o.title;
    f.site_url = o.site_url;
    f.country = o.country;
    for (char& c : f.country) c = static_cast<char>(std::tolower(c));
    f.category = o.category;
    f.publisher_name = o.publisher;
    Result<model::Id> id = store->UpsertFeed(f);
    if (!id.ok()) {
      store->Rollback().IgnoreError();
      return id.status();
    }
    ++report.imported;
  }
  TIDINGS_RETURN_IF_ERROR(store->Commit());
  return report;
}

}  // namespace tidings::pipeline
