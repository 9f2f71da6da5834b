#include "store/store.h"

#include <string>

namespace tidings::store {
namespace {

constexpr std::string_view kSqlitePrefix = "sqlite:";

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(std::string_view url) {
  if (StartsWith(url, kSqlitePrefix)) {
    std::string path(url.substr(kSqlitePrefix.size()));
    // Accept the URL form "sqlite:///abs/path" as well as "sqlite:path".
    if (StartsWith(path, "//")) path = path.substr(2);
    if (path.empty()) {
      return Status::InvalidArgument(
          "store: empty SQLite path in --db (use sqlite:tidings.db)");
    }
    return OpenSqliteStore(path);
  }
  if (StartsWith(url, "postgres://") || StartsWith(url, "postgresql://")) {
    return Status::Unsupported(
        "store: PostgreSQL backend is not available in this build; use "
        "--db sqlite:PATH");
  }
  return Status::InvalidArgument("store: unknown database URL '" +
                                 std::string(url) +
                                 "' (expected sqlite:PATH or postgres://…)");
}

}  // namespace tidings::store
