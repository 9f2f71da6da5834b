// An in-memory store::Store for the web module's tests (include from
// *_test.cc only). Keeps its rows in a state object shared by every store
// the factory opens, so a multi-threaded Server sees one database. Not a
// model of SQLite: text search is a case-sensitive substring match.
#ifndef TIDINGS_WEB_FAKE_STORE_TEST_UTIL_H_
#define TIDINGS_WEB_FAKE_STORE_TEST_UTIL_H_

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/store.h"

namespace tidings::web::testing {

struct FakeStoreState {
  std::mutex mu;
  std::map<model::Id, model::Article> articles;
  std::map<model::Id, model::Publisher> publishers;
  std::map<model::Id, model::Story> stories;
  std::map<model::Id, model::Feed> feeds;
  model::Id next_id = 1;
  // ListArticles sleeps this long (to hold a request in flight), and
  // counts its calls so that a test can wait until one has started.
  std::atomic<int> list_delay_ms{0};
  std::atomic<int> list_calls{0};
  // When set, every method fails with kIoError.
  std::atomic<bool> fail{false};
};

class FakeStore final : public store::Store {
 public:
  explicit FakeStore(std::shared_ptr<FakeStoreState> state)
      : state_(std::move(state)) {}

  Result<model::Id> UpsertPublisher(const model::Publisher& p) override {
    std::lock_guard lock(state_->mu);
    return UpsertPublisherLocked(p);
  }
  Result<std::optional<model::Publisher>> GetPublisher(model::Id id) override {
    if (state_->fail) return Failure();
    std::lock_guard lock(state_->mu);
    auto it = state_->publishers.find(id);
    if (it == state_->publishers.end()) {
      return std::optional<model::Publisher>();
    }
    return std::optional<model::Publisher>(it->second);
  }
  Result<std::optional<model::Publisher>> FindPublisherByHost(
      std::string_view host) override {
    std::lock_guard lock(state_->mu);
    for (const auto& [id, p] : state_->publishers) {
      if (p.host == host) return std::optional<model::Publisher>(p);
    }
    return std::optional<model::Publisher>();
  }
  Result<std::vector<model::Publisher>> ListPublishers() override {
    if (state_->fail) return Failure();
    std::lock_guard lock(state_->mu);
    std::vector<model::Publisher> out;
    for (const auto& [id, p] : state_->publishers) out.push_back(p);
    return out;
  }
  Status UpdatePublisherScore(model::Id id, double score,
                              std::string_view breakdown_json) override {
    std::lock_guard lock(state_->mu);
    auto& p = state_->publishers.at(id);
    p.score = score;
    p.score_breakdown_json = std::string(breakdown_json);
    return Status::Ok();
  }

  Result<store::UpsertOutcome> UpsertArticle(model::Article* a) override {
    std::lock_guard lock(state_->mu);
    if (a->publisher_id == 0 && !a->publisher_host.empty()) {
      model::Publisher p;
      p.host = a->publisher_host;
      p.name = a->site_name;
      p.country = a->country;
      a->publisher_id = UpsertPublisherLocked(p);
    }
    const std::string& key =
        a->canonical_url.empty() ? a->url : a->canonical_url;
    for (auto& [id, existing] : state_->articles) {
      const std::string& k = existing.canonical_url.empty()
                                 ? existing.url
                                 : existing.canonical_url;
      if (k == key) {
        a->id = id;
        existing = *a;
        return store::UpsertOutcome{id, false};
      }
    }
    a->id = state_->next_id++;
    state_->articles[a->id] = *a;
    return store::UpsertOutcome{a->id, true};
  }
  Result<std::optional<model::Article>> GetArticle(model::Id id) override {
    if (state_->fail) return Failure();
    std::lock_guard lock(state_->mu);
    auto it = state_->articles.find(id);
    if (it == state_->articles.end()) return std::optional<model::Article>();
    return std::optional<model::Article>(it->second);
  }
  Result<std::optional<model::Article>> FindArticleByUrl(
      std::string_view url) override {
    std::lock_guard lock(state_->mu);
    for (const auto& [id, a] : state_->articles) {
      if (a.canonical_url == url) return std::optional<model::Article>(a);
    }
    return std::optional<model::Article>();
  }
  Result<std::vector<model::Article>> ListArticles(
      const store::ArticleQuery& q) override {
    ++state_->list_calls;
    if (int delay = state_->list_delay_ms.load(); delay > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    }
    if (state_->fail) return Failure();
    std::lock_guard lock(state_->mu);
    std::vector<model::Article> matched;
    for (const auto& [id, a] : state_->articles) {
      if (!q.country.empty() && a.country != q.country) continue;
      if (!q.category.empty() && a.category != q.category) continue;
      if (q.publisher_id != 0 && a.publisher_id != q.publisher_id) continue;
      if (q.story_id != 0 && a.story_id != q.story_id) continue;
      if (!q.text.empty() && !MatchesText(a, q.text)) continue;
      model::Article copy = a;
      if (!q.with_body) {
        copy.paragraphs.clear();
        copy.html.clear();
      }
      matched.push_back(std::move(copy));
    }
    std::sort(matched.begin(), matched.end(),
              [](const model::Article& x, const model::Article& y) {
                const auto tx = x.published_at.value_or(x.fetched_at);
                const auto ty = y.published_at.value_or(y.fetched_at);
                return tx != ty ? tx > ty : x.id > y.id;
              });
    std::vector<model::Article> out;
    for (std::size_t i = static_cast<std::size_t>(q.offset);
         i < matched.size() && out.size() < static_cast<std::size_t>(q.limit);
         ++i) {
      out.push_back(matched[i]);
    }
    return out;
  }
  Status UpdateArticleDerived(const model::Article& a) override {
    std::lock_guard lock(state_->mu);
    state_->articles.at(a.id) = a;
    return Status::Ok();
  }

  Result<model::Id> UpsertFeed(const model::Feed& feed) override {
    std::lock_guard lock(state_->mu);
    model::Feed copy = feed;
    copy.id = state_->next_id++;
    state_->feeds[copy.id] = copy;
    return copy.id;
  }
  Result<std::optional<model::Feed>> GetFeed(model::Id id) override {
    std::lock_guard lock(state_->mu);
    auto it = state_->feeds.find(id);
    if (it == state_->feeds.end()) return std::optional<model::Feed>();
    return std::optional<model::Feed>(it->second);
  }
  Result<std::vector<model::Feed>> ListFeeds() override {
    std::lock_guard lock(state_->mu);
    std::vector<model::Feed> out;
    for (const auto& [id, f] : state_->feeds) out.push_back(f);
    return out;
  }
  Status UpdateFeedState(const model::Feed&) override { return Status::Ok(); }
  Result<std::vector<model::Feed>> LeaseDueFeeds(UnixSeconds, int,
                                                 std::int64_t) override {
    return std::vector<model::Feed>();
  }
  Status DeleteFeed(model::Id id) override {
    std::lock_guard lock(state_->mu);
    state_->feeds.erase(id);
    return Status::Ok();
  }

  Status SaveStory(model::Story* story) override {
    std::lock_guard lock(state_->mu);
    if (story->id == 0) story->id = state_->next_id++;
    state_->stories[story->id] = *story;
    for (model::Id id : story->article_ids) {
      state_->articles.at(id).story_id = story->id;
    }
    return Status::Ok();
  }
  Result<std::optional<model::Story>> GetStory(model::Id id) override {
    if (state_->fail) return Failure();
    std::lock_guard lock(state_->mu);
    auto it = state_->stories.find(id);
    if (it == state_->stories.end()) return std::optional<model::Story>();
    return std::optional<model::Story>(it->second);
  }
  Status DeleteStory(model::Id id) override {
    std::lock_guard lock(state_->mu);
    state_->stories.erase(id);
    for (auto& [aid, a] : state_->articles) {
      if (a.story_id == id) a.story_id = 0;
    }
    return Status::Ok();
  }
  Result<std::vector<model::Story>> ListStories(int limit,
                                                int offset) override {
    if (state_->fail) return Failure();
    std::lock_guard lock(state_->mu);
    std::vector<model::Story> all;
    for (const auto& [id, s] : state_->stories) all.push_back(s);
    std::sort(all.begin(), all.end(),
              [](const model::Story& x, const model::Story& y) {
                return x.last_updated_at > y.last_updated_at;
              });
    std::vector<model::Story> out;
    for (std::size_t i = static_cast<std::size_t>(offset);
         i < all.size() && out.size() < static_cast<std::size_t>(limit); ++i) {
      out.push_back(all[i]);
    }
    return out;
  }

  Result<store::Stats> GetStats() override {
    if (state_->fail) return Failure();
    std::lock_guard lock(state_->mu);
    store::Stats s;
    s.articles = static_cast<std::int64_t>(state_->articles.size());
    s.publishers = static_cast<std::int64_t>(state_->publishers.size());
    s.feeds = static_cast<std::int64_t>(state_->feeds.size());
    s.stories = static_cast<std::int64_t>(state_->stories.size());
    return s;
  }

  // Writes apply at once; transactions are accepted and ignored.
  Status Begin() override { return Status::Ok(); }
  Status Commit() override { return Status::Ok(); }
  Status Rollback() override { return Status::Ok(); }

 private:
  static Status Failure() { return Status::IoError("store: fake failure"); }

  model::Id UpsertPublisherLocked(const model::Publisher& p) {
    for (auto& [id, existing] : state_->publishers) {
      if (existing.host == p.host) {
        if (!p.name.empty()) existing.name = p.name;
        if (!p.country.empty()) existing.country = p.country;
        return id;
      }
    }
    model::Publisher copy = p;
    copy.id = state_->next_id++;
    state_->publishers[copy.id] = copy;
    return copy.id;
  }

  // Every quoted word of the FTS expression must occur in title or text.
  static bool MatchesText(const model::Article& a, const std::string& expr) {
    const std::string haystack = a.title + "\n" + a.Text();
    std::size_t i = 0;
    while ((i = expr.find('"', i)) != std::string::npos) {
      const std::size_t end = expr.find('"', i + 1);
      if (end == std::string::npos) break;
      if (haystack.find(expr.substr(i + 1, end - i - 1)) == std::string::npos) {
        return false;
      }
      i = end + 1;
    }
    return true;
  }

  std::shared_ptr<FakeStoreState> state_;
};

}  // namespace tidings::web::testing

#endif  // TIDINGS_WEB_FAKE_STORE_TEST_UTIL_H_
