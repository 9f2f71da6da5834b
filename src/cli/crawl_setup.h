// Turns the [crawl] configuration into the options of the HTTP client and
// the crawler, shared by `tidings serve` and `tidings crawl`, and adapts
// the web server's callback route to the crawler's WebSub handler.
#ifndef TIDINGS_CLI_CRAWL_SETUP_H_
#define TIDINGS_CLI_CRAWL_SETUP_H_

#include "cli/config.h"
#include "fetch/http_client.h"
#include "pipeline/crawler.h"
#include "web/server.h"

namespace tidings::cli {

struct CrawlSetup {
  fetch::HttpClientOptions http;
  pipeline::CrawlerOptions crawler;
};

// The options for `config`; fields it does not name keep their defaults.
CrawlSetup MakeCrawlSetup(const CrawlConfig& config);

// The path under which the web server must route WebSub callbacks for the
// configured callback URL: "/websub/" for "https://x.org/websub"; empty
// when WebSub is off or the URL does not parse.
std::string WebSubCallbackPrefix(const CrawlConfig& config);

// Answers a web callback request for "<prefix><feed id>" through
// `crawler` (which must outlive the returned handler's use). A path that
// is not a feed id gets 404. Thread-safe as Crawler::HandleWebSubCallback.
web::CallbackResponse AnswerWebSubCallback(pipeline::Crawler* crawler,
                                           const web::CallbackRequest& request);

}  // namespace tidings::cli

#endif  // TIDINGS_CLI_CRAWL_SETUP_H_
