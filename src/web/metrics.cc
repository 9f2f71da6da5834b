#include "web/metrics.h"

#include <fmt/format.h>

#include <string>

namespace tidings::web {
namespace {

// Label values are our own route names, but escape them as the format
// requires anyway.
std::string EscapeLabel(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out.append("\\n");
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void Metrics::Record(std::string_view route, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{std::string(route), status}];
  Histogram& h = latency_[std::string(route)];
  for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::ConnectionOpened() {
  std::lock_guard lock(mu_);
  ++open_connections_;
  ++connections_total_;
}

void Metrics::ConnectionClosed() {
  std::lock_guard lock(mu_);
  --open_connections_;
}

std::string Metrics::Render(const store::Stats* stats) const {
  std::string out;
  std::lock_guard lock(mu_);
  out +=
      "# HELP tidings_http_requests_total HTTP requests served, by route and "
      "status.\n"
      "# TYPE tidings_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    out += fmt::format(
        "tidings_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n",
        EscapeLabel(key.first), key.second, count);
  }
  out +=
      "# HELP tidings_http_request_duration_seconds Time to build a response "
      "(from the parsed request to the start of writing), by route.\n"
      "# TYPE tidings_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    const std::string label = EscapeLabel(route);
    for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
      out += fmt::format(
          "tidings_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}"
          "\"}} {}\n",
          label, kLatencyBuckets[i], h.buckets[i]);
    }
    out += fmt::format(
        "tidings_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf"
        "\"}} {}\n",
        label, h.count);
    out += fmt::format(
        "tidings_http_request_duration_seconds_sum{{route=\"{}\"}} {:.6f}\n",
        label, h.sum);
    out += fmt::format(
        "tidings_http_request_duration_seconds_count{{route=\"{}\"}} {}\n",
        label, h.count);
  }
  out += fmt::format(
      "# HELP tidings_http_open_connections Client connections open now.\n"
      "# TYPE tidings_http_open_connections gauge\n"
      "tidings_http_open_connections {}\n"
      "# HELP tidings_http_connections_total Client connections accepted.\n"
      "# TYPE tidings_http_connections_total counter\n"
      "tidings_http_connections_total {}\n",
      open_connections_, connections_total_);
  if (stats != nullptr) {
    out += fmt::format(
        "# HELP tidings_store_rows Rows in the store, by table.\n"
        "# TYPE tidings_store_rows gauge\n"
        "tidings_store_rows{{table=\"articles\"}} {}\n"
        "tidings_store_rows{{table=\"publishers\"}} {}\n"
        "tidings_store_rows{{table=\"feeds\"}} {}\n"
        "tidings_store_rows{{table=\"stories\"}} {}\n",
        stats->articles, stats->publishers, stats->feeds, stats->stories);
  }
  return out;
}

}  // namespace tidings::web
