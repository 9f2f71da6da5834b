// Request metrics of the web server in the Prometheus text format
// (version 0.0.4), served at /metrics.
//
// Thread-safety: every method may be called from any thread.
#ifndef TIDINGS_WEB_METRICS_H_
#define TIDINGS_WEB_METRICS_H_

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "store/store.h"

namespace tidings::web {

class Metrics {
 public:
  // Upper bounds (seconds) of the latency histogram buckets; +Inf is
  // implied. Spans a cached static file (<1 ms) to a slow search (seconds).
  static constexpr std::array<double, 12> kLatencyBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

  // Counts one finished request. `route` is the route pattern
  // ("/article/:id"), never the raw path, so the label set stays small.
  void Record(std::string_view route, int status, double seconds);

  // Connections currently open (a gauge).
  void ConnectionOpened();
  void ConnectionClosed();

  // The exposition text: request counters by route and status, the latency
  // histogram by route, open connections and, when given, the store's row
  // counts.
  std::string Render(const store::Stats* stats) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kLatencyBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };

  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::int64_t open_connections_ = 0;
  std::uint64_t connections_total_ = 0;
};

}  // namespace tidings::web

#endif  // TIDINGS_WEB_METRICS_H_
