#include "base/check.h"

#include <cstdio>
#include <cstdlib>

namespace tidings::internal {

void CheckFailed(const char* file, int line, const char* expr) {
  std::fprintf(stderr, "%s:%d: check failed: %s\n", file, line, expr);
  std::abort();
}

}  // namespace tidings::internal
