// Helpers for end-to-end tests: run the tidings binary, talk HTTP to it.
#ifndef TIDINGS_TESTS_INTEGRATION_PROCESS_H_
#define TIDINGS_TESTS_INTEGRATION_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace tidings::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `binary args…` to completion, capturing stdout and stderr.
CommandResult RunCommand(const std::string& binary,
                         const std::vector<std::string>& args);

// A child process running in the background until Stop().
class BackgroundProcess {
 public:
  BackgroundProcess(const std::string& binary,
                    const std::vector<std::string>& args);
  ~BackgroundProcess();
  // Sends `signal` and waits; returns the exit code (-1 if killed by a
  // signal).
  int Stop(int signal);
  bool running() const { return pid_ > 0; }

 private:
  pid_t pid_ = -1;
};

// A port on 127.0.0.1 that was free a moment ago.
int FreeLoopbackPort();

struct HttpResult {
  int status = 0;
  std::string headers;
  std::string body;
};

// GET http://127.0.0.1:port/path with Connection: close; status 0 when the
// connection failed.
HttpResult HttpGet(int port, const std::string& path);

// `method` http://127.0.0.1:port/path with extra header lines ("Name:
// value") and a body (sent with Content-Length when not empty); as HttpGet
// otherwise.
HttpResult HttpRequest(int port, const std::string& method,
                       const std::string& path,
                       const std::vector<std::string>& headers,
                       const std::string& body);

// Polls /healthz until it answers 200 or `seconds` pass.
bool WaitForServer(int port, double seconds);

}  // namespace tidings::testing

#endif  // TIDINGS_TESTS_INTEGRATION_PROCESS_H_
