#include "cli/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>

namespace tidings::cli {
namespace {

constexpr int kBarWidth = 24;
constexpr double kBytesPerMegabyte = 1024.0 * 1024.0;

std::string FormatDuration(double seconds) {
  if (seconds < 0) return "?";
  const long long s = static_cast<long long>(seconds + 0.5);
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
}

}  // namespace

ProgressDisplay::ProgressDisplay(FILE* out, ProgressOptions options)
    : out_(out), options_(options), tty_(isatty(fileno(out)) != 0) {}

void ProgressDisplay::Update(const std::string& label, std::uint64_t items,
                             std::uint64_t bytes_done,
                             std::uint64_t bytes_total, double elapsed) {
  const double interval =
      tty_ ? options_.bar_interval_seconds : options_.plain_interval_seconds;
  if (elapsed - last_draw_ < interval) return;
  last_draw_ = elapsed;
  const double fraction =
      bytes_total > 0 ? std::min(1.0, static_cast<double>(bytes_done) /
                                          static_cast<double>(bytes_total))
                      : 0.0;
  const double rate = elapsed > 0 ? static_cast<double>(items) / elapsed : 0;
  const double eta =
      fraction > 0 ? elapsed * (1.0 - fraction) / fraction : -1.0;
  const std::string numbers =
      fmt::format("{} records  {:.1f}/{:.1f} MB  {:.0f} rec/s  ETA {}", items,
                  static_cast<double>(bytes_done) / kBytesPerMegabyte,
                  static_cast<double>(bytes_total) / kBytesPerMegabyte, rate,
                  FormatDuration(eta));
  if (tty_) {
    const int filled = static_cast<int>(fraction * kBarWidth);
    std::string bar(static_cast<size_t>(filled), '=');
    if (filled < kBarWidth) bar += '>';
    bar.resize(kBarWidth, ' ');
    fmt::print(out_, "\r\033[K[{}] {:3.0f}%  {}", bar, fraction * 100, numbers);
    drawn_ = true;
  } else {
    fmt::print(out_, "{}: {:.0f}%  {}\n", label, fraction * 100, numbers);
  }
  std::fflush(out_);
}

void ProgressDisplay::Finish() {
  if (tty_ && drawn_) {
    std::fputs("\r\033[K", out_);
    std::fflush(out_);
  }
  drawn_ = false;
}

}  // namespace tidings::cli
