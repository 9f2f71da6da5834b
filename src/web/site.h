// Site: what the web server answers, independent of HTTP plumbing. It maps
// a GET request (path and query) to a response built from the store: HTML
// pages, the JSON API, RSS/Atom feeds, the stylesheet, /healthz and
// /metrics. The Server (web/server.h) adds the HTTP semantics around it
// (HEAD, conditional requests, compression, keep-alive).
//
// Routes:
//   /                    latest articles (?page=N, ?country=, ?category=)
//   /article/<id>        one article with summary, scores, similar coverage
//   /story/<id>          a story: summary with sources, timeline, publishers
//   /stories             stories, most recently updated first (?page=N)
//   /publisher/<id>      a publisher's articles and score (?page=N)
//   /publishers          all publishers, best scored first
//   /search?q=           full-text search (?page=N)
//   /static/style.css    the stylesheet
//   /healthz             "ok"
//   /metrics             Prometheus text
//   /feed.xml, /atom.xml RSS 2.0 and Atom 1.0 of the latest articles
//   /api/articles        ?limit=&offset=&country=&category=&publisher=&q=
//   /api/articles/<id>, /api/stories (?limit=&offset=), /api/stories/<id>,
//   /api/stats
// Anything else is a 404 page (JSON under /api/).
//
// Thread-safety: Handle is const and may run on many threads at once as long
// as each passes its own Store (a Store is single-threaded).
#ifndef TIDINGS_WEB_SITE_H_
#define TIDINGS_WEB_SITE_H_

#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "store/store.h"
#include "web/metrics.h"

namespace tidings::web {

struct SiteOptions {
  // Shown in the masthead, page titles and feeds.
  std::string site_name = "Tidings";
  // Absolute base URL for links in feeds ("https://news.example.org"); empty
  // to derive it from the request's Host header.
  std::string base_url;
  // Articles per HTML page; stories per /stories page.
  int page_size = 30;
  // Items in /feed.xml and /atom.xml.
  int feed_items = 50;
  // Largest ?limit= the JSON API accepts; bigger ones are clamped.
  int api_max_limit = 200;
  // Highest ?page= served; deeper pages are a 404 (deep OFFSETs are slow and
  // nobody pages that far).
  int max_page = 1000;
  // The time source for relative times and the render timestamp; nullptr
  // for the system clock. Not owned; must outlive the Site.
  const Clock* clock = nullptr;
};

// One request as the Site sees it.
struct Request {
  // "GET" or "HEAD" (the Server answers other methods itself).
  std::string method = "GET";
  // The request target: path and optional query ("/search?q=x").
  std::string target;
  // The Host header, for absolute links when SiteOptions::base_url is empty.
  std::string host;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  // Cache-Control value; empty for none.
  std::string cache_control = "no-cache";
  // The route pattern that answered ("/article/:id", "404"), for metrics.
  std::string route;
  // Further headers (name, value).
  std::vector<std::pair<std::string, std::string>> headers;
};

class Site {
 public:
  // `metrics` (not owned, may be nullptr) is rendered at /metrics and must
  // outlive the Site.
  explicit Site(SiteOptions options, const Metrics* metrics = nullptr);

  // Answers one request. Never throws; a store failure gives a 500 page
  // (logged), an unknown path or id a 404 page, a bad parameter a 400.
  Response Handle(const Request& request, store::Store& store) const;

  const SiteOptions& options() const { return options_; }

  // Version tag of the stylesheet (a hash of its text), used in its URL so
  // that it can be cached for a long time.
  static const std::string& StyleVersion();

 private:
  SiteOptions options_;
  const Metrics* metrics_;
};

}  // namespace tidings::web

#endif  // TIDINGS_WEB_SITE_H_
