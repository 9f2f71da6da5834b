// Crawler: the feed scheduler. Each pass leases the feeds that are due,
// polls them in one batch (conditional GET with the stored validators),
// parses them, fetches the article page of every entry whose URL is not
// stored yet (robots.txt applies) and hands it to the pipeline with the
// feed's hints, then writes each feed's health and next due time back.
//
// Scheduling:
//   - the poll interval adapts to how often the feed publishes: half the
//     median gap between its recent entries, stretched when the feed has
//     gone quiet, at least its RSS <ttl>, bounded to [min, max];
//   - errors back off exponentially from the feed's interval (with jitter)
//     and recover on the first success; a Retry-After is honoured;
//   - WebSub: a feed that declares a hub is subscribed (when a callback URL
//     is configured) and pushes are processed like a poll.
//
// Thread-safety: RunOnce/RunForever run on one thread. HandleWebSubCallback
// may be called from any thread at the same time (the web server's).
#ifndef TIDINGS_PIPELINE_CRAWLER_H_
#define TIDINGS_PIPELINE_CRAWLER_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <stop_token>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "fetch/backoff.h"
#include "fetch/http_client.h"
#include "model/model.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace tidings::pipeline {

// Where the crawler sends article pages. Pipeline implements it through
// PipelineSink; tests use a fake.
class ArticleSink {
 public:
  virtual ~ArticleSink() = default;
  // True when the article at `url` is stored already.
  virtual Result<bool> IsKnownUrl(const std::string& url) = 0;
  // Processes and stores one page.
  virtual Result<AddOutcome> AddPage(const Page& page) = 0;
};

// Adapts a Pipeline (which must outlive it).
class PipelineSink final : public ArticleSink {
 public:
  explicit PipelineSink(Pipeline* pipeline) : pipeline_(pipeline) {}
  Result<bool> IsKnownUrl(const std::string& url) override {
    return pipeline_->IsKnownUrl(url);
  }
  Result<AddOutcome> AddPage(const Page& page) override {
    return pipeline_->AddPage(page);
  }

 private:
  Pipeline* pipeline_;
};

struct IntervalOptions {
  // Bounds of any poll interval: no feed is polled more often than every
  // 5 minutes nor less often than daily.
  std::int64_t min_seconds = 5 * 60;
  std::int64_t max_seconds = 24 * 3600;
  // Used when the feed has fewer than two dated entries.
  std::int64_t default_seconds = 3600;
  // How many of the newest entries' gaps are looked at.
  int recent_entries = 10;
  // Poll at this fraction of the median gap, so a new entry waits on
  // average a quarter of the gap.
  double gap_fraction = 0.5;
  // A feed whose newest entry is older than its gaps suggest is quiet:
  // the interval grows to this fraction of the newest entry's age.
  double quiet_fraction = 0.25;
};

// The poll interval for a feed whose entries carry `entry_times` (any
// order; entries without dates left out), at `now`, with the feed's RSS
// ttl (0 when none).
std::int64_t AdaptiveInterval(std::vector<UnixSeconds> entry_times,
                              UnixSeconds now, int ttl_minutes,
                              const IntervalOptions& options);

struct ErrorBackoffOptions {
  // First retry after this long (or the feed's interval if shorter).
  std::int64_t base_seconds = 10 * 60;
  // Longest wait after repeated errors.
  std::int64_t max_seconds = 24 * 3600;
  // Spread so that feeds failing together do not retry together.
  double jitter = 0.2;
};

// Seconds until the next poll after `error_streak` (>= 1) consecutive
// errors.
std::int64_t ErrorBackoffSeconds(int error_streak,
                                 const ErrorBackoffOptions& options,
                                 std::mt19937_64& rng);

struct WebSubOptions {
  // Base of callback URLs served by `tidings serve`, e.g.
  // "https://news.example.org/websub"; the crawler subscribes with
  // "<base>/<feed id>". Empty disables WebSub.
  std::string callback_base_url;
  // Master key from which each subscription's secret is derived
  // (fetch::DeriveWebSubSecret). Must be set when WebSub is enabled.
  std::string secret_key;
  // Lease asked of hubs; renewed when less than a tenth remains.
  std::int64_t lease_seconds = 10 * 24 * 3600;
};

// What one pass did; printed by `tidings crawl --once`.
struct CrawlSummary {
  int feeds_due = 0;
  int feeds_fetched = 0;  // 200 answers parsed
  int not_modified = 0;   // 304 answers
  int errors = 0;         // transport, HTTP and parse errors
  int new_entries = 0;    // entries whose URL was not stored
  int articles_added = 0;
  int articles_failed = 0;
  int pushes = 0;  // WebSub pushes processed
  double seconds = 0;
};

// "12 feeds due: 10 fetched, 1 not modified, 1 errors; 25 new entries, 20
// articles added, 5 failed; 0 pushes; 3.2s".
std::string FormatCrawlSummary(const CrawlSummary& s);

struct CrawlerOptions {
  // Feeds leased per pass (RunOnce's default limit).
  int max_feeds_per_pass = 1000;
  // A leased feed is not handed out again for this long even if the pass
  // dies; must exceed the longest pass.
  std::int64_t lease_seconds = 30 * 60;
  IntervalOptions interval;
  ErrorBackoffOptions error_backoff;
  // Fetch and store the article page of each new entry.
  bool fetch_articles = true;
  // New articles fetched per feed per pass at most (newest first), so a
  // first poll of a 500-entry archive feed does not flood the host.
  int max_articles_per_feed = 30;
  // RunForever: sleep between passes when nothing is due.
  double idle_seconds = 30;
  WebSubOptions websub;
  // Seed of the backoff jitter; 0 seeds from the random device.
  std::uint64_t seed = 0;
  // RunForever calls this after each pass (on the crawling thread), e.g.
  // to log the summary; may be empty.
  std::function<void(const Result<CrawlSummary>&)> on_pass;
};

// A request to the WebSub callback URL, as the web server received it.
struct WebSubCallback {
  model::Id feed_id = 0;
  // "GET" (verification of intent) or "POST" (content distribution).
  std::string method;
  // Decoded query parameters (hub.mode, hub.topic, hub.challenge, …).
  std::map<std::string, std::string> query;
  // The X-Hub-Signature header value, and the raw body of a POST.
  std::string signature;
  std::string body;
  std::string content_type;
};

struct WebSubReply {
  int status = 200;
  std::string body;
  std::string content_type = "text/plain";
};

class Crawler {
 public:
  // All pointers must outlive the Crawler; `store`, `sink` and `http` are
  // used only from the crawling thread.
  Crawler(store::Store* store, ArticleSink* sink, fetch::HttpClient* http,
          const Clock* clock, CrawlerOptions options = {});

  // One pass over up to `limit` due feeds (max_feeds_per_pass when <= 0),
  // then any queued WebSub pushes. Fails only when the store fails; feed
  // errors are counted and written to the feed's health.
  Result<CrawlSummary> RunOnce(int limit = 0);

  // Runs passes until `stop` is requested, sleeping idle_seconds between
  // passes that found nothing due. Store errors are logged and retried.
  void RunForever(std::stop_token stop);

  // Handles a request to "<callback_base_url>/<feed id>". A GET answers the
  // hub's verification of intent (200 with hub.challenge when it matches a
  // subscription we asked for, else 404). A POST with a valid signature is
  // queued for the crawling thread; the reply is 202 either way (the spec
  // asks subscribers not to reveal bad signatures beyond ignoring them).
  // Thread-safe.
  WebSubReply HandleWebSubCallback(const WebSubCallback& callback);

 private:
  struct Subscription {
    std::string topic;
    std::string hub;
    std::string secret;
    UnixSeconds expires_at = 0;
    bool verified = false;
  };
  struct Push {
    model::Id feed_id = 0;
    std::string body;
    std::string content_type;
  };
  struct ArticleJob;

  // Applies a 200 feed body: parses it, updates `feed`, queues articles.
  // Returns false when the body could not be parsed (feed->last_error set).
  bool ApplyFeedBody(model::Feed* feed, const std::string& body,
                     const std::string& content_type,
                     const std::string& base_url,
                     const std::vector<std::string>& link_headers,
                     std::vector<ArticleJob>* jobs,
                     std::set<std::string>* seen_urls, CrawlSummary* summary);
  void FetchArticles(std::vector<ArticleJob>& jobs, CrawlSummary* summary);
  void MaybeSubscribe(const model::Feed& feed);
  std::vector<Push> TakePushes();

  store::Store* store_;
  ArticleSink* sink_;
  fetch::HttpClient* http_;
  const Clock* clock_;
  CrawlerOptions options_;
  std::mt19937_64 rng_;

  std::mutex websub_mu_;
  std::map<model::Id, Subscription> subscriptions_;  // guarded
  std::deque<Push> pushes_;                          // guarded
  // Wakes RunForever when a push arrives.
  std::condition_variable_any wake_;
};

}  // namespace tidings::pipeline

#endif  // TIDINGS_PIPELINE_CRAWLER_H_
