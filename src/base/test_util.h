// Helpers for tests: where the shared evaluation data and the module's own
// fixtures live. Header-only; include from *_test.cc files only.
#ifndef TIDINGS_BASE_TEST_UTIL_H_
#define TIDINGS_BASE_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace tidings::testing {

// The evaluation data folder: $TIDINGS_DATA, else ../shared/data beside the
// project root (baked in at configure time).
inline std::filesystem::path DataDir() {
  if (const char* env = std::getenv("TIDINGS_DATA"); env && *env) return env;
  return TIDINGS_DEFAULT_DATA_DIR;
}

// The project's source root, for fixtures under src/<module>/testdata/.
inline std::filesystem::path SourceDir() { return TIDINGS_SOURCE_DIR; }

// A fresh empty directory for one test; removed by the caller if it likes.
inline std::filesystem::path TempDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("tidings-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace tidings::testing

// Skips the current test with a clear message when `path` (under the shared
// data folder) is absent.
#define TIDINGS_REQUIRE_DATA(path)                                     \
  do {                                                                 \
    if (!std::filesystem::exists(path))                                \
      GTEST_SKIP() << "shared evaluation data not found at " << (path) \
                   << " (set TIDINGS_DATA to the shared/data folder)"; \
  } while (false)

#endif  // TIDINGS_BASE_TEST_UTIL_H_
