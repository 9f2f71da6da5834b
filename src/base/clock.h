// Clock: the current time, injected so that schedulers and caches can be
// tested with a fake.
#ifndef TIDINGS_BASE_CLOCK_H_
#define TIDINGS_BASE_CLOCK_H_

#include <atomic>
#include <cstdint>

namespace tidings {

// Seconds since 1970-01-01T00:00:00Z.
using UnixSeconds = std::int64_t;

// Thread-safe: implementations may be called from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time in whole seconds.
  virtual UnixSeconds Now() const = 0;
  // Monotonic time in seconds with sub-second precision, for durations.
  virtual double MonotonicSeconds() const = 0;
};

// The real clock. The returned object lives for the whole program.
Clock& SystemClock();

// A clock that moves only when told; for tests.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(UnixSeconds start) : now_(start) {}
  UnixSeconds Now() const override { return now_.load(); }
  double MonotonicSeconds() const override {
    return static_cast<double>(now_.load());
  }
  void Advance(UnixSeconds seconds) { now_ += seconds; }
  void Set(UnixSeconds now) { now_ = now; }

 private:
  std::atomic<UnixSeconds> now_;
};

}  // namespace tidings

#endif  // TIDINGS_BASE_CLOCK_H_
