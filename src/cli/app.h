// The `tidings` command line: parses arguments, loads the configuration and
// runs one subcommand.
#ifndef TIDINGS_CLI_APP_H_
#define TIDINGS_CLI_APP_H_

namespace tidings::cli {

// Returns the process exit code: 0 success, 1 failure, 2 bad usage.
int Run(int argc, char** argv);

}  // namespace tidings::cli

#endif  // TIDINGS_CLI_APP_H_
