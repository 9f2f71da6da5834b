// Pieces of Site shared by its source files (site.cc: routing and HTML
// pages; api.cc: JSON API and RSS/Atom). Not for use outside src/web.
#ifndef TIDINGS_WEB_SITE_INTERNAL_H_
#define TIDINGS_WEB_SITE_INTERNAL_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"
#include "model/model.h"
#include "store/store.h"
#include "web/http_util.h"
#include "web/site.h"

namespace tidings::web::internal {

// What one request's handlers share.
struct RequestContext {
  store::Store& store;
  const SiteOptions& options;
  UnixSeconds now = 0;
  // "http://host:port" without a trailing slash, for absolute links.
  std::string base_url;
};

// When the article was published, else when it was fetched.
UnixSeconds ArticleTime(const model::Article& article);

// A plain-text teaser: the description, else the summary, else the first
// paragraph, shortened to about `max_chars`.
std::string ArticleSnippet(const model::Article& article,
                           std::size_t max_chars);

// Builds the full-text query for a reader's search: every word quoted, so
// that operators and stray quotes in the input cannot make it malformed; at
// most 16 words. Empty when `q` has no words.
std::string SearchExpression(std::string_view q);

// The JSON API; `path` starts with "/api/". Sets response.route.
Result<Response> HandleApi(const RequestContext& ctx, std::string_view path,
                           const QueryParams& query);

// RSS 2.0 and Atom 1.0 of the latest articles.
Result<Response> HandleRss(const RequestContext& ctx);
Result<Response> HandleAtom(const RequestContext& ctx);

}  // namespace tidings::web::internal

#endif  // TIDINGS_WEB_SITE_INTERNAL_H_
