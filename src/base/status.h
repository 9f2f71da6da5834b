// Status and Result<T>: expected failures as values.
//
// Every module reports an expected failure (a malformed feed, a 404, a
// corrupt WARC record) as a Status whose message starts with the module
// name, e.g. "fetch: GET https://x: timeout after 10s". Exceptions never
// cross a module boundary; a library that throws is wrapped where it is
// called.
//
// Thread-safety: Status and Result are values; distinct objects may be used
// from different threads, a shared one only for reading.
#ifndef TIDINGS_BASE_STATUS_H_
#define TIDINGS_BASE_STATUS_H_

#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "base/check.h"

namespace tidings {

// The class of a failure, for callers that react differently to each.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,   // The caller passed something unusable.
  kNotFound,          // The thing asked for does not exist.
  kAlreadyExists,     // A unique thing exists already.
  kIoError,           // The file system or a socket failed.
  kCorruption,        // Input data is malformed or truncated.
  kUnavailable,       // A remote side is down or refused; retrying may help.
  kTimeout,           // A deadline passed.
  kPermissionDenied,  // Policy refused it (robots.txt, SSRF guard).
  kUnsupported,       // A valid input we do not handle.
  kInternal,          // A bug or an unexpected library failure.
};

// Returns a stable lower-case name such as "not found".
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  // An OK status.
  Status() = default;
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status NotFound(std::string m) {
    return {StatusCode::kNotFound, std::move(m)};
  }
  static Status AlreadyExists(std::string m) {
    return {StatusCode::kAlreadyExists, std::move(m)};
  }
  static Status IoError(std::string m) {
    return {StatusCode::kIoError, std::move(m)};
  }
  static Status Corruption(std::string m) {
    return {StatusCode::kCorruption, std::move(m)};
  }
  static Status Unavailable(std::string m) {
    return {StatusCode::kUnavailable, std::move(m)};
  }
  static Status Timeout(std::string m) {
    return {StatusCode::kTimeout, std::move(m)};
  }
  static Status PermissionDenied(std::string m) {
    return {StatusCode::kPermissionDenied, std::move(m)};
  }
  static Status Unsupported(std::string m) {
    return {StatusCode::kUnsupported, std::move(m)};
  }
  static Status Internal(std::string m) {
    return {StatusCode::kInternal, std::move(m)};
  }

  // Returns true iff the status indicates success.
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // The module-prefixed message; empty for OK.
  const std::string& message() const { return message_; }

  bool IsNotFound() const { return code_ == StatusCode::kNotFound; }
  bool IsCorruption() const { return code_ == StatusCode::kCorruption; }

  // Returns a copy whose message is "<prefix>: <message>"; OK stays OK.
  Status WithContext(std::string_view prefix) const;

  // "OK" or the message.
  std::string ToString() const { return ok() ? "OK" : message_; }

  // Marks a status as deliberately ignored.
  void IgnoreError() const {}

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or the Status explaining why there is none. A Result built from a
// Status must not be built from an OK one (checked in debug builds).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT
    TIDINGS_DCHECK(!std::get<Status>(data_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  // OK when a value is held.
  Status status() const { return ok() ? Status() : std::get<Status>(data_); }

  // Requires ok().
  T& value() & {
    TIDINGS_DCHECK(ok());
    return std::get<T>(data_);
  }
  const T& value() const& {
    TIDINGS_DCHECK(ok());
    return std::get<T>(data_);
  }
  T&& value() && {
    TIDINGS_DCHECK(ok());
    return std::get<T>(std::move(data_));
  }
  T value_or(T fallback) const& {
    return ok() ? std::get<T>(data_) : std::move(fallback);
  }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace tidings

#define TIDINGS_STATUS_CONCAT_INNER_(a, b) a##b
#define TIDINGS_STATUS_CONCAT_(a, b) TIDINGS_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function when `expr` (a Status) is not OK.
#define TIDINGS_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::tidings::Status tidings_status_ = (expr);        \
    if (!tidings_status_.ok()) return tidings_status_; \
  } while (false)

// `lhs = value of expr` (a Result<T>), or returns its Status.
#define TIDINGS_ASSIGN_OR_RETURN(lhs, expr) \
  TIDINGS_ASSIGN_OR_RETURN_IMPL_(           \
      TIDINGS_STATUS_CONCAT_(tidings_result_, __LINE__), lhs, expr)
#define TIDINGS_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return tmp.status();                  \
  lhs = std::move(tmp).value()

#endif  // TIDINGS_BASE_STATUS_H_
