// Invariant checks. A failed check is a bug in Tidings, never bad input:
// input errors are reported as Status values instead.
#ifndef TIDINGS_BASE_CHECK_H_
#define TIDINGS_BASE_CHECK_H_

namespace tidings::internal {
// Prints "file:line: check failed: expr" to stderr and aborts.
[[noreturn]] void CheckFailed(const char* file, int line, const char* expr);
}  // namespace tidings::internal

// Always evaluated, in every build type.
#define TIDINGS_CHECK(cond)                                                   \
  do {                                                                        \
    if (!(cond)) ::tidings::internal::CheckFailed(__FILE__, __LINE__, #cond); \
  } while (false)

// Evaluated in debug builds only; in release builds `cond` is type-checked
// but never run.
#ifdef NDEBUG
#define TIDINGS_DCHECK(cond) \
  do {                       \
    if (false) (void)(cond); \
  } while (false)
#else
#define TIDINGS_DCHECK(cond) TIDINGS_CHECK(cond)
#endif

#endif  // TIDINGS_BASE_CHECK_H_
