#include "cli/config.h"

#include <fmt/format.h>

#include <set>

// Errors as values: parse_file returns a parse_result instead of throwing.
#define TOML_EXCEPTIONS 0
#define TOML_HEADER_ONLY 1
#include <toml++/toml.h>

namespace tidings::cli {
namespace {

// Reads keys of one table into typed fields and remembers which keys it
// knew, so that leftovers can be reported as unknown.
class TableReader {
 public:
  TableReader(const toml::table& root, std::string name, std::string path)
      : name_(std::move(name)), path_(std::move(path)) {
    if (const toml::node* node = root.get(name_)) {
      table_ = node->as_table();
      if (!table_) error_ = fmt::format("[{}] must be a table", name_);
    }
  }

  template <typename T>
  void Read(const char* key, T* out) {
    known_.insert(key);
    if (!table_ || !error_.empty()) return;
    const toml::node* node = table_->get(key);
    if (!node) return;
    if constexpr (std::is_same_v<T, bool>) {
      if (auto v = node->value<bool>()) {
        *out = *v;
        return;
      }
    } else if constexpr (std::is_integral_v<T>) {
      if (auto v = node->value<std::int64_t>()) {
        *out = static_cast<T>(*v);
        return;
      }
    } else if constexpr (std::is_floating_point_v<T>) {
      if (auto v = node->value<double>()) {
        *out = *v;
        return;
      }
    } else {
      if (auto v = node->value<std::string>()) {
        *out = *v;
        return;
      }
    }
    error_ = fmt::format("{}:{}: [{}] {} has the wrong type", path_,
                         node->source().begin.line, name_, key);
  }

  Status Finish() {
    if (error_.empty() && table_) {
      for (const auto& [key, node] : *table_) {
        if (!known_.count(std::string(key.str()))) {
          error_ = fmt::format("{}:{}: unknown key [{}] {}", path_,
                               node.source().begin.line, name_, key.str());
          break;
        }
      }
    }
    if (error_.empty()) return Status::Ok();
    return Status::InvalidArgument("config: " + error_);
  }

 private:
  std::string name_;
  std::string path_;
  const toml::table* table_ = nullptr;
  std::set<std::string> known_;
  std::string error_;
};

// The shortest master secret accepted: 128 bits of hex or base64-ish text
// is the least that resists guessing of derived HMAC keys.
constexpr std::size_t kMinWebSubSecretChars = 16;

Status ValidateCrawl(const CrawlConfig& c, const std::string& path) {
  auto bad = [&](const std::string& what) {
    return Status::InvalidArgument(
        fmt::format("config: {}: [crawl] {}", path, what));
  };
  if (c.max_feeds_per_pass <= 0) return bad("max_feeds_per_pass must be > 0");
  if (c.max_articles_per_feed < 0) {
    return bad("max_articles_per_feed must be >= 0");
  }
  if (c.min_interval_seconds <= 0 ||
      c.max_interval_seconds < c.min_interval_seconds) {
    return bad("min_interval_seconds must be > 0 and <= max_interval_seconds");
  }
  if (c.max_per_host <= 0 || c.max_concurrent <= 0) {
    return bad("max_per_host and max_concurrent must be > 0");
  }
  if (c.min_host_delay_seconds < 0) {
    return bad("min_host_delay_seconds must be >= 0");
  }
  if (!c.websub_callback_url.empty()) {
    if (c.websub_callback_url.rfind("http://", 0) != 0 &&
        c.websub_callback_url.rfind("https://", 0) != 0) {
      return bad("websub_callback_url must be an http(s) URL");
    }
    if (c.websub_secret.size() < kMinWebSubSecretChars) {
      return bad(fmt::format(
          "websub_secret of at least {} characters is required with "
          "websub_callback_url",
          kMinWebSubSecretChars));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Config> LoadConfig(const std::string& path) {
  toml::parse_result parsed = toml::parse_file(path);
  if (!parsed) {
    const auto& err = parsed.error();
    return Status::InvalidArgument(fmt::format(
        "config: {}:{}: {}", path, err.source().begin.line, err.description()));
  }
  const toml::table& root = parsed.table();
  Config config;
  static const std::set<std::string> kSections = {"serve", "ingest", "crawl"};
  for (const auto& [key, node] : root) {
    if (!kSections.count(std::string(key.str()))) {
      return Status::InvalidArgument(
          fmt::format("config: {}:{}: unknown section [{}]", path,
                      node.source().begin.line, key.str()));
    }
  }

  TableReader serve(root, "serve", path);
  serve.Read("listen", &config.serve.listen);
  serve.Read("threads", &config.serve.threads);
  serve.Read("crawl", &config.serve.crawl);
  TIDINGS_RETURN_IF_ERROR(serve.Finish());

  TableReader ingest(root, "ingest", path);
  ingest.Read("max_record_bytes", &config.ingest.max_record_bytes);
  TIDINGS_RETURN_IF_ERROR(ingest.Finish());

  TableReader crawl(root, "crawl", path);
  CrawlConfig& c = config.crawl;
  crawl.Read("contact_url", &c.contact_url);
  crawl.Read("max_feeds_per_pass", &c.max_feeds_per_pass);
  crawl.Read("fetch_articles", &c.fetch_articles);
  crawl.Read("max_articles_per_feed", &c.max_articles_per_feed);
  crawl.Read("min_interval_seconds", &c.min_interval_seconds);
  crawl.Read("max_interval_seconds", &c.max_interval_seconds);
  crawl.Read("max_per_host", &c.max_per_host);
  crawl.Read("min_host_delay_seconds", &c.min_host_delay_seconds);
  crawl.Read("max_concurrent", &c.max_concurrent);
  crawl.Read("allow_loopback", &c.allow_loopback);
  crawl.Read("allow_private", &c.allow_private);
  crawl.Read("websub_callback_url", &c.websub_callback_url);
  crawl.Read("websub_secret", &c.websub_secret);
  TIDINGS_RETURN_IF_ERROR(crawl.Finish());
  TIDINGS_RETURN_IF_ERROR(ValidateCrawl(c, path));
  return config;
}

}  // namespace tidings::cli
