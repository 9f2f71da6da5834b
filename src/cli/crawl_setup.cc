#include "cli/crawl_setup.h"

#include <charconv>
#include <string>

#include "base/url.h"

namespace tidings::cli {

CrawlSetup MakeCrawlSetup(const CrawlConfig& config) {
  CrawlSetup setup;
  fetch::HttpClientOptions& http = setup.http;
  if (!config.contact_url.empty()) {
    http.user_agent = "Tidings/0.1 (+" + config.contact_url + ")";
  }
  http.max_per_host = config.max_per_host;
  http.min_host_delay_seconds = config.min_host_delay_seconds;
  http.max_concurrent = config.max_concurrent;
  http.address_policy.allow_loopback = config.allow_loopback;
  http.address_policy.allow_private = config.allow_private;

  pipeline::CrawlerOptions& crawler = setup.crawler;
  crawler.max_feeds_per_pass = config.max_feeds_per_pass;
  crawler.fetch_articles = config.fetch_articles;
  crawler.max_articles_per_feed = config.max_articles_per_feed;
  crawler.interval.min_seconds = config.min_interval_seconds;
  crawler.interval.max_seconds = config.max_interval_seconds;
  if (!WebSubCallbackPrefix(config).empty()) {
    std::string base = config.websub_callback_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    crawler.websub.callback_base_url = base;
    crawler.websub.secret_key = config.websub_secret;
  }
  return setup;
}

std::string WebSubCallbackPrefix(const CrawlConfig& config) {
  if (config.websub_callback_url.empty()) return "";
  Result<Url> url = ParseUrl(config.websub_callback_url);
  if (!url.ok()) return "";
  std::string prefix = url->path.empty() ? "/" : url->path;
  if (prefix.back() != '/') prefix += '/';
  return prefix;
}

web::CallbackResponse AnswerWebSubCallback(
    pipeline::Crawler* crawler, const web::CallbackRequest& request) {
  web::CallbackResponse response;
  model::Id feed_id = 0;
  const std::string& path = request.path;
  auto [end, error] =
      std::from_chars(path.data(), path.data() + path.size(), feed_id);
  if (error != std::errc() || end != path.data() + path.size() ||
      feed_id <= 0) {
    response.status = 404;
    response.body = "unknown subscription";
    return response;
  }
  pipeline::WebSubCallback callback;
  callback.feed_id = feed_id;
  callback.method = request.method;
  callback.query = request.query;
  callback.signature = request.Header("x-hub-signature");
  callback.body = request.body;
  callback.content_type = request.Header("content-type");
  pipeline::WebSubReply reply = crawler->HandleWebSubCallback(callback);
  response.status = reply.status;
  response.body = std::move(reply.body);
  response.content_type = reply.content_type;
  return response;
}

}  // namespace tidings::cli
