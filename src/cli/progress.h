// Progress display for long commands: a redrawn bar on a terminal, plain
// periodic lines otherwise (logs, CI). Writes to stderr.
#ifndef TIDINGS_CLI_PROGRESS_H_
#define TIDINGS_CLI_PROGRESS_H_

#include <cstdint>
#include <cstdio>
#include <string>

namespace tidings::cli {

struct ProgressOptions {
  // Seconds between plain lines when stderr is not a terminal.
  double plain_interval_seconds = 5;
  // Seconds between redraws of the bar on a terminal.
  double bar_interval_seconds = 0.1;
};

// Not thread-safe; one per command.
class ProgressDisplay {
 public:
  explicit ProgressDisplay(FILE* out = stderr, ProgressOptions options = {});

  // Reports `items` done and `bytes_done` of `bytes_total` after `elapsed`
  // seconds; `label` names the current file. Throttled internally.
  void Update(const std::string& label, std::uint64_t items,
              std::uint64_t bytes_done, std::uint64_t bytes_total,
              double elapsed);
  // Clears the bar line (terminal) before the final summary is printed.
  void Finish();

 private:
  FILE* out_;
  ProgressOptions options_;
  bool tty_;
  double last_draw_ = -1e9;
  bool drawn_ = false;
};

}  // namespace tidings::cli

#endif  // TIDINGS_CLI_PROGRESS_H_
