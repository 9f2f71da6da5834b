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
  static const std::set<std::string> kSections = {"serve", "ingest"};
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
  return config;
}

}  // namespace tidings::cli
