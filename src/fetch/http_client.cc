#include "fetch/http_client.h"

#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace tidings::fetch {

std::string Response::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return "";
}

std::vector<std::string> Response::Headers(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [key, value] : headers) {
    if (key == name) out.push_back(value);
  }
  return out;
}

bool Response::MovedPermanently() const {
  if (redirect_statuses.empty()) return false;
  return std::all_of(redirect_statuses.begin(), redirect_statuses.end(),
                     [](int s) { return s == 301 || s == 308; });
}

Result<Response> HttpClient::Fetch(const Request& request) {
  std::optional<Result<Response>> out;
  FetchAll({request},
           [&](std::size_t, Result<Response> r) { out.emplace(std::move(r)); });
  if (!out) {
    return Status::Internal("fetch: GET " + request.url + ": no completion");
  }
  return std::move(*out);
}

Result<std::vector<std::string>> SystemResolve(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* list = nullptr;
  int rc = getaddrinfo(host.c_str(), nullptr, &hints, &list);
  if (rc != 0) {
    return Status::Unavailable("fetch: cannot resolve " + host + ": " +
                               gai_strerror(rc));
  }
  std::vector<std::string> out;
  for (addrinfo* a = list; a != nullptr; a = a->ai_next) {
    char text[NI_MAXHOST];
    if (getnameinfo(a->ai_addr, a->ai_addrlen, text, sizeof(text), nullptr, 0,
                    NI_NUMERICHOST) == 0) {
      std::string s(text);
      if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    }
  }
  freeaddrinfo(list);
  if (out.empty()) {
    return Status::Unavailable("fetch: cannot resolve " + host +
                               ": no addresses");
  }
  return out;
}

}  // namespace tidings::fetch
