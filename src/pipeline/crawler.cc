#include "pipeline/crawler.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "feed/feed.h"
#include "fetch/websub.h"

namespace tidings::pipeline {
namespace {

// Entries dated further in the future than this are clock garbage and
// left out of the interval estimate.
constexpr std::int64_t kFutureSlackSeconds = 3600;
// Pushes waiting for the crawling thread at most; beyond it the oldest are
// dropped (the next poll picks their entries up anyway).
constexpr std::size_t kMaxQueuedPushes = 1000;
// A subscription is renewed when less than this fraction of its lease is
// left.
constexpr std::int64_t kRenewFraction = 10;
// After a hub refuses a subscription, ask again this much later.
constexpr std::int64_t kResubscribeAfterFailureSeconds = 3600;

bool IsHttpUrl(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

std::string EntryUrl(const feed::Entry& entry) {
  if (IsHttpUrl(entry.link)) return entry.link;
  if (entry.guid_is_link && IsHttpUrl(entry.id)) return entry.id;
  return "";
}

std::optional<UnixSeconds> EntryTime(const feed::Entry& entry) {
  if (entry.published) return entry.published;
  if (entry.updated) return entry.updated;
  return entry.created;
}

}  // namespace

std::int64_t AdaptiveInterval(std::vector<UnixSeconds> entry_times,
                              UnixSeconds now, int ttl_minutes,
                              const IntervalOptions& options) {
  entry_times.erase(std::remove_if(entry_times.begin(), entry_times.end(),
                                   [&](UnixSeconds t) {
                                     return t > now + kFutureSlackSeconds;
                                   }),
                    entry_times.end());
  std::sort(entry_times.begin(), entry_times.end(), std::greater<>());
  // Entries sharing one timestamp (a feed stamping all items with its build
  // time) say nothing about the publishing rate.
  entry_times.erase(std::unique(entry_times.begin(), entry_times.end()),
                    entry_times.end());
  if (static_cast<int>(entry_times.size()) > options.recent_entries + 1) {
    entry_times.resize(options.recent_entries + 1);
  }
  double interval = static_cast<double>(options.default_seconds);
  if (entry_times.size() >= 2) {
    std::vector<double> gaps;
    for (std::size_t i = 1; i < entry_times.size(); ++i) {
      gaps.push_back(static_cast<double>(entry_times[i - 1] - entry_times[i]));
    }
    std::nth_element(gaps.begin(), gaps.begin() + gaps.size() / 2, gaps.end());
    interval = options.gap_fraction * gaps[gaps.size() / 2];
  }
  if (!entry_times.empty() && entry_times.front() < now) {
    interval =
        std::max(interval, options.quiet_fraction *
                               static_cast<double>(now - entry_times.front()));
  }
  interval = std::max(interval, static_cast<double>(ttl_minutes) * 60);
  return std::clamp(static_cast<std::int64_t>(std::llround(interval)),
                    options.min_seconds, options.max_seconds);
}

std::int64_t ErrorBackoffSeconds(int error_streak,
                                 const ErrorBackoffOptions& options,
                                 std::mt19937_64& rng) {
  fetch::BackoffOptions b{
      .base_seconds = static_cast<double>(options.base_seconds),
      .max_seconds = static_cast<double>(options.max_seconds),
      .jitter = options.jitter};
  return std::max<std::int64_t>(
      1, std::llround(fetch::BackoffSeconds(error_streak, b, rng)));
}

std::string FormatCrawlSummary(const CrawlSummary& s) {
  char seconds[32];
  std::snprintf(seconds, sizeof(seconds), "%.1fs", s.seconds);
  return std::to_string(s.feeds_due) +
         " feeds due: " + std::to_string(s.feeds_fetched) + " fetched, " +
         std::to_string(s.not_modified) + " not modified, " +
         std::to_string(s.errors) + " errors; " +
         std::to_string(s.new_entries) + " new entries, " +
         std::to_string(s.articles_added) + " articles added, " +
         std::to_string(s.articles_failed) + " failed; " +
         std::to_string(s.pushes) + " pushes; " + seconds;
}

struct Crawler::ArticleJob {
  fetch::Request request;
  Page hints;
};

Crawler::Crawler(store::Store* store, ArticleSink* sink,
                 fetch::HttpClient* http, const Clock* clock,
                 CrawlerOptions options)
    : store_(store),
      sink_(sink),
      http_(http),
      clock_(clock != nullptr ? clock : &SystemClock()),
      options_(std::move(options)) {
  std::uint64_t seed = options_.seed;
  if (seed == 0) seed = std::random_device{}();
  rng_.seed(seed);
}

bool Crawler::ApplyFeedBody(model::Feed* feed, const std::string& body,
                            const std::string& content_type,
                            const std::string& base_url,
                            const std::vector<std::string>& link_headers,
                            std::vector<ArticleJob>* jobs,
                            std::set<std::string>* seen_urls,
                            CrawlSummary* summary) {
  feed::ParseOptions parse_options;
  parse_options.base_url = base_url;
  parse_options.content_type = content_type;
  Result<feed::ParsedFeed> parsed = feed::ParseFeed(body, parse_options);
  if (!parsed.ok()) {
    feed->last_error = parsed.status().message();
    return false;
  }
  const UnixSeconds now = clock_->Now();
  // Filled from the feed when the operator gave none (UpdateFeedState
  // persists both).
  if (feed->title.empty()) feed->title = parsed->title;
  if (feed->site_url.empty()) feed->site_url = parsed->link;
  feed->hub_url = !parsed->hub_url.empty()
                      ? parsed->hub_url
                      : fetch::FindLink(link_headers, "hub");
  feed->self_url = !parsed->self_url.empty()
                       ? parsed->self_url
                       : fetch::FindLink(link_headers, "self");
  feed->item_count = static_cast<int>(parsed->entries.size());

  std::vector<UnixSeconds> times;
  std::vector<const feed::Entry*> entries;
  for (const feed::Entry& e : parsed->entries) {
    if (auto t = EntryTime(e)) times.push_back(*t);
    entries.push_back(&e);
  }
  feed->interval_seconds =
      AdaptiveInterval(times, now, parsed->ttl_minutes, options_.interval);

  if (!options_.fetch_articles) return true;
  // Newest first, so the per-feed cap keeps the freshest entries.
  std::stable_sort(entries.begin(), entries.end(),
                   [](const feed::Entry* a, const feed::Entry* b) {
                     return EntryTime(*a).value_or(0) >
                            EntryTime(*b).value_or(0);
                   });
  int queued = 0;
  for (const feed::Entry* e : entries) {
    if (queued >= options_.max_articles_per_feed) break;
    std::string url = EntryUrl(*e);
    if (url.empty() || !seen_urls->insert(url).second) continue;
    Result<bool> known = sink_->IsKnownUrl(url);
    if (!known.ok() || *known) continue;
    ArticleJob job;
    job.request.url = url;
    job.request.check_robots = true;
    job.hints.feed_id = feed->id;
    job.hints.country = feed->country;
    job.hints.category = feed->category;
    job.hints.publisher_name = feed->publisher_name;
    job.hints.feed_title = e->title;
    job.hints.feed_published_at = EntryTime(*e);
    jobs->push_back(std::move(job));
    summary->new_entries++;
    queued++;
  }
  return true;
}

void Crawler::FetchArticles(std::vector<ArticleJob>& jobs,
                            CrawlSummary* summary) {
  if (jobs.empty()) return;
  std::vector<fetch::Request> requests;
  requests.reserve(jobs.size());
  for (const ArticleJob& job : jobs) requests.push_back(job.request);
  http_->FetchAll(requests, [&](std::size_t i, Result<fetch::Response> r) {
    if (!r.ok() || !r->ok()) {
      summary->articles_failed++;
      return;
    }
    Page page = jobs[i].hints;
    page.url = r->url;
    page.fetched_at = clock_->Now();
    page.content_type = r->content_type;
    page.body = std::move(r->body);
    Result<AddOutcome> added = sink_->AddPage(page);
    if (!added.ok()) {
      summary->articles_failed++;
    } else if (added->inserted) {
      summary->articles_added++;
    }
  });
}

void Crawler::MaybeSubscribe(const model::Feed& feed) {
  const WebSubOptions& ws = options_.websub;
  if (ws.callback_base_url.empty() || feed.hub_url.empty()) return;
  const UnixSeconds now = clock_->Now();
  const std::string topic = feed.self_url.empty() ? feed.url : feed.self_url;
  fetch::Request request;
  {
    std::lock_guard<std::mutex> lock(websub_mu_);
    auto it = subscriptions_.find(feed.id);
    if (it != subscriptions_.end() && it->second.topic == topic &&
        it->second.hub == feed.hub_url &&
        it->second.expires_at - now > ws.lease_seconds / kRenewFraction) {
      return;
    }
    Subscription& sub = subscriptions_[feed.id];
    sub.topic = topic;
    sub.hub = feed.hub_url;
    sub.secret = fetch::DeriveWebSubSecret(ws.secret_key, topic);
    sub.expires_at = now + ws.lease_seconds;
    sub.verified = false;
    std::string callback = ws.callback_base_url;
    if (!callback.empty() && callback.back() == '/') callback.pop_back();
    callback.push_back('/');
    callback += std::to_string(feed.id);
    request = fetch::WebSubSubscriptionRequest(feed.hub_url, topic, callback,
                                               sub.secret, ws.lease_seconds,
                                               /*subscribe=*/true);
  }
  // Registered before asking, since hubs may verify before they answer.
  Result<fetch::Response> r = http_->Fetch(request);
  if (!r.ok() || !r->ok()) {
    std::lock_guard<std::mutex> lock(websub_mu_);
    auto it = subscriptions_.find(feed.id);
    if (it != subscriptions_.end()) {
      it->second.expires_at = now + ws.lease_seconds / kRenewFraction +
                              kResubscribeAfterFailureSeconds;
    }
  }
}

std::vector<Crawler::Push> Crawler::TakePushes() {
  std::lock_guard<std::mutex> lock(websub_mu_);
  std::vector<Push> out(pushes_.begin(), pushes_.end());
  pushes_.clear();
  return out;
}

Result<CrawlSummary> Crawler::RunOnce(int limit) {
  CrawlSummary summary;
  // Wall time of the pass from the steady clock: the injected clock may be
  // a fake that does not move while the pass runs.
  const auto start = std::chrono::steady_clock::now();
  if (limit <= 0) limit = options_.max_feeds_per_pass;
  TIDINGS_ASSIGN_OR_RETURN(
      std::vector<model::Feed> feeds,
      store_->LeaseDueFeeds(clock_->Now(), limit, options_.lease_seconds));
  summary.feeds_due = static_cast<int>(feeds.size());

  std::vector<fetch::Request> requests;
  requests.reserve(feeds.size());
  for (const model::Feed& f : feeds) {
    fetch::Request r;
    r.url = f.url;
    r.etag = f.etag;
    r.last_modified = f.last_modified;
    requests.push_back(std::move(r));
  }
  std::vector<ArticleJob> jobs;
  std::set<std::string> seen_urls;
  std::vector<bool> healthy(feeds.size(), false);
  Status store_error;
  http_->FetchAll(requests, [&](std::size_t i, Result<fetch::Response> r) {
    model::Feed& f = feeds[i];
    const UnixSeconds now = clock_->Now();
    f.last_fetched_at = now;
    std::optional<double> retry_after;
    bool ok = false;
    if (!r.ok()) {
      f.last_status = 0;
      f.last_error = r.status().message();
    } else if (r->status == 304) {
      f.last_status = 304;
      summary.not_modified++;
      ok = true;
    } else if (r->ok()) {
      f.last_status = r->status;
      // A feed that moved for good is polled at its new address from now
      // on (the store keeps the old one when another feed has the new).
      if (r->MovedPermanently() && IsHttpUrl(r->url)) f.url = r->url;
      ok = ApplyFeedBody(&f, r->body, r->content_type, r->url,
                         r->Headers("link"), &jobs, &seen_urls, &summary);
      if (ok) {
        // Validators belong to this body; a server that stopped sending
        // them must not get stale ones back.
        f.etag = r->etag;
        f.last_modified = r->last_modified;
        summary.feeds_fetched++;
      }
    } else {
      f.last_status = r->status;
      f.last_error =
          "fetch: GET " + f.url + ": HTTP " + std::to_string(r->status);
      retry_after = r->retry_after_seconds;
    }
    if (ok) {
      f.error_streak = 0;
      f.last_error.clear();
      if (f.interval_seconds <= 0) {
        f.interval_seconds = options_.interval.default_seconds;
      }
      f.next_due_at = now + f.interval_seconds;
      healthy[i] = true;
    } else {
      summary.errors++;
      f.error_streak++;
      std::int64_t wait =
          ErrorBackoffSeconds(f.error_streak, options_.error_backoff, rng_);
      if (retry_after) {
        wait = std::max<std::int64_t>(
            wait, std::min<std::int64_t>(std::llround(*retry_after),
                                         options_.error_backoff.max_seconds));
      }
      f.next_due_at = now + wait;
    }
    Status s = store_->UpdateFeedState(f);
    if (!s.ok() && store_error.ok()) store_error = s;
  });

  for (std::size_t i = 0; i < feeds.size(); ++i) {
    if (healthy[i]) MaybeSubscribe(feeds[i]);
  }

  for (Push& push : TakePushes()) {
    TIDINGS_ASSIGN_OR_RETURN(std::optional<model::Feed> feed,
                             store_->GetFeed(push.feed_id));
    if (!feed) continue;
    summary.pushes++;
    if (ApplyFeedBody(&*feed, push.body, push.content_type, feed->url, {},
                      &jobs, &seen_urls, &summary)) {
      Status s = store_->UpdateFeedState(*feed);
      if (!s.ok() && store_error.ok()) store_error = s;
    }
  }

  FetchArticles(jobs, &summary);
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (!store_error.ok()) return store_error;
  return summary;
}

void Crawler::RunForever(std::stop_token stop) {
  while (!stop.stop_requested()) {
    Result<CrawlSummary> pass = RunOnce();
    if (options_.on_pass) options_.on_pass(pass);
    bool busy = pass.ok() && (pass->feeds_due > 0 || pass->pushes > 0);
    if (busy) continue;
    std::unique_lock<std::mutex> lock(websub_mu_);
    wake_.wait_for(lock, stop,
                   std::chrono::duration<double>(options_.idle_seconds),
                   [this] { return !pushes_.empty(); });
  }
}

WebSubReply Crawler::HandleWebSubCallback(const WebSubCallback& callback) {
  auto param = [&](const std::string& name) {
    auto it = callback.query.find(name);
    return it == callback.query.end() ? std::string() : it->second;
  };
  const UnixSeconds now = clock_->Now();
  std::lock_guard<std::mutex> lock(websub_mu_);
  auto sub = subscriptions_.find(callback.feed_id);
  if (callback.method == "GET") {
    const std::string mode = param("hub.mode");
    const std::string topic = param("hub.topic");
    if (mode == "subscribe" && sub != subscriptions_.end() &&
        sub->second.topic == topic) {
      sub->second.verified = true;
      if (std::string lease = param("hub.lease_seconds"); !lease.empty()) {
        sub->second.expires_at = now + std::atoll(lease.c_str());
      }
      return {200, param("hub.challenge")};
    }
    if (mode == "unsubscribe" &&
        (sub == subscriptions_.end() || sub->second.topic != topic)) {
      // We do not want this topic: confirm the hub may stop sending it.
      return {200, param("hub.challenge")};
    }
    if (mode == "denied" && sub != subscriptions_.end()) {
      subscriptions_.erase(sub);
      return {200, ""};
    }
    return {404, "unknown subscription"};
  }
  if (callback.method != "POST") return {405, "method not allowed"};
  if (sub == subscriptions_.end()) return {410, "not subscribed"};
  if (fetch::VerifyHubSignature(callback.signature, sub->second.secret,
                                callback.body)) {
    if (pushes_.size() >= kMaxQueuedPushes) pushes_.pop_front();
    pushes_.push_back({callback.feed_id, callback.body, callback.content_type});
    wake_.notify_all();
  }
  return {202, ""};
}

}  // namespace tidings::pipeline
