#include "warc/http.h"

#include <brotli/decode.h>
#include <zlib.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <sstream>

namespace tidings::warc {
namespace {

// Output is produced in steps of this size so that the cap is checked
// before memory grows much beyond it.
constexpr std::size_t kDecodeStep = 64 << 10;
// zlib window bits: 15 = zlib wrapper, -15 = raw deflate, +16 = gzip.
constexpr int kZlibWindowBits = 15;
constexpr int kRawDeflateWindowBits = -15;
constexpr int kGzipWindowBits = 15 + 16;
// A chunk size is at most 16 hex digits (64 bits).
constexpr std::size_t kMaxChunkSizeDigits = 16;
// How much of a body is looked at to decide whether it is text.
constexpr std::size_t kTextSniffBytes = 512;
// Status codes are three digits; 1xx are interim responses.
constexpr int kMinStatus = 100;
constexpr int kMaxStatus = 999;
constexpr int kSwitchingProtocols = 101;

char Lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' ||
                        s.front() == '\r' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' ||
                        s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

constexpr std::string_view kPrefix = "warc: http: ";

// The message of `status` without the module prefix, to embed in a warning.
std::string_view WithoutPrefix(const Status& status) {
  std::string_view m = status.message();
  if (m.substr(0, kPrefix.size()) == kPrefix) m.remove_prefix(kPrefix.size());
  return m;
}

bool IsKnownCoding(std::string_view name) {
  return name == "gzip" || name == "x-gzip" || name == "deflate" ||
         name == "br" || name == "identity" || name.empty();
}

Status TooLarge(std::uint64_t max_bytes) {
  std::ostringstream s;
  s << kPrefix << "body over the cap of " << max_bytes << " bytes";
  return Status::Unsupported(s.str());
}

// True when the first bytes contain no control characters other than
// whitespace: text or markup, not compressed data.
bool LooksLikeText(std::string_view data) {
  data = data.substr(0, std::min(data.size(), kTextSniffBytes));
  if (data.empty()) return true;
  for (char ch : data) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
      return false;
    }
  }
  return true;
}

// Inflates zlib, raw deflate or gzip data (several gzip members in a row
// too). Partial output with *complete = false when the data ends early or
// breaks after some output.
Result<std::string> Inflate(std::string_view in, int window_bits,
                            std::uint64_t max_bytes, bool* complete) {
  z_stream zs{};
  if (inflateInit2(&zs, window_bits) != Z_OK) {
    return Status::Internal("warc: http: inflateInit failed");
  }
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&zs, inflateEnd);
  std::string out;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  *complete = false;
  while (true) {
    std::size_t old_size = out.size();
    out.resize(old_size + kDecodeStep);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + old_size);
    zs.avail_out = static_cast<uInt>(kDecodeStep);
    int rc = inflate(&zs, Z_NO_FLUSH);
    out.resize(old_size + (kDecodeStep - zs.avail_out));
    if (out.size() > max_bytes) return TooLarge(max_bytes);
    if (rc == Z_STREAM_END) {
      // Another gzip member may follow.
      if (window_bits == kGzipWindowBits && zs.avail_in >= 2 &&
          zs.next_in[0] == 0x1f && zs.next_in[1] == 0x8b) {
        inflateReset(&zs);
        continue;
      }
      *complete = true;
      return out;
    }
    if (rc == Z_OK) continue;
    if (rc == Z_BUF_ERROR && zs.avail_in == 0 && !out.empty()) {
      return out;  // cut short
    }
    if (out.empty()) {
      return Status::Corruption(std::string("warc: http: ") +
                                (zs.msg ? zs.msg : "inflate failed"));
    }
    return out;  // broke after some output
  }
}

Result<std::string> Unbrotli(std::string_view in, std::uint64_t max_bytes,
                             bool* complete) {
  std::unique_ptr<BrotliDecoderState, void (*)(BrotliDecoderState*)> state(
      BrotliDecoderCreateInstance(nullptr, nullptr, nullptr),
      BrotliDecoderDestroyInstance);
  if (!state) return Status::Internal("warc: http: brotli init failed");
  std::string out;
  const auto* next_in = reinterpret_cast<const std::uint8_t*>(in.data());
  std::size_t avail_in = in.size();
  *complete = false;
  while (true) {
    std::size_t old_size = out.size();
    out.resize(old_size + kDecodeStep);
    auto* next_out = reinterpret_cast<std::uint8_t*>(out.data() + old_size);
    std::size_t avail_out = kDecodeStep;
    BrotliDecoderResult rc = BrotliDecoderDecompressStream(
        state.get(), &avail_in, &next_in, &avail_out, &next_out, nullptr);
    out.resize(old_size + (kDecodeStep - avail_out));
    if (out.size() > max_bytes) return TooLarge(max_bytes);
    switch (rc) {
      case BROTLI_DECODER_RESULT_SUCCESS:
        *complete = true;
        return out;
      case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
        continue;
      case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
        if (out.empty()) {
          return Status::Corruption("warc: http: brotli data ends early");
        }
        return out;  // cut short
      default:
        if (out.empty()) {
          return Status::Corruption(
              std::string("warc: http: brotli: ") +
              BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state.get())));
        }
        return out;
    }
  }
}

std::optional<std::uint64_t> ParseHex(std::string_view s) {
  if (s.empty() || s.size() > kMaxChunkSizeDigits) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      d = c - 'A' + 10;
    } else {
      return std::nullopt;
    }
    v = (v << 4) | static_cast<std::uint64_t>(d);
  }
  return v;
}

// Splits "a, b ,c" into lower-case trimmed tokens.
std::vector<std::string> Tokens(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    std::string_view token = Trim(list.substr(0, comma));
    if (!token.empty()) out.push_back(ToLower(token));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

// One line of `s` from *pos, without its line end; advances *pos.
std::string_view NextLine(std::string_view s, std::size_t* pos) {
  std::size_t nl = s.find('\n', *pos);
  std::string_view line = s.substr(
      *pos, nl == std::string_view::npos ? std::string_view::npos : nl - *pos);
  *pos = nl == std::string_view::npos ? s.size() : nl + 1;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// Parses one status line and header section starting at message[*pos];
// leaves *pos at the body.
Status ParseHead(std::string_view message, std::size_t* pos,
                 const HttpParseOptions& options, HttpResponse* response) {
  std::size_t start = *pos;
  std::string_view status_line = NextLine(message, pos);
  if (!StartsWithIgnoreCase(status_line, "HTTP/")) {
    return Status::Corruption("warc: http: no HTTP status line");
  }
  std::size_t sp = status_line.find(' ');
  if (sp == std::string_view::npos) {
    return Status::Corruption("warc: http: no status code");
  }
  response->version = std::string(status_line.substr(0, sp));
  std::string_view rest = Trim(status_line.substr(sp + 1));
  std::size_t code_end = rest.find(' ');
  std::string_view code = rest.substr(0, code_end);
  if (code.size() != 3 || !std::all_of(code.begin(), code.end(), [](char c) {
        return c >= '0' && c <= '9';
      })) {
    return Status::Corruption("warc: http: bad status code \"" +
                              std::string(code.substr(0, 10)) + "\"");
  }
  response->status =
      (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
  if (response->status < kMinStatus || response->status > kMaxStatus) {
    return Status::Corruption("warc: http: bad status code");
  }
  response->reason = code_end == std::string_view::npos
                         ? std::string()
                         : std::string(Trim(rest.substr(code_end)));
  response->headers.clear();
  bool ended = false;
  bool dropped_line = false;
  while (*pos < message.size()) {
    std::string_view line = NextLine(message, pos);
    if (*pos - start > options.max_header_bytes) break;
    if (line.empty()) {
      ended = true;
      break;
    }
    if (line.front() == ' ' || line.front() == '\t') {
      if (response->headers.empty()) {
        dropped_line = true;
        continue;
      }
      std::string& value = response->headers.back().second;
      std::string_view more = Trim(line);
      if (!more.empty()) {
        if (!value.empty()) value += ' ';
        value += more;
      }
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      dropped_line = true;
      continue;
    }
    response->headers.emplace_back(std::string(Trim(line.substr(0, colon))),
                                   std::string(Trim(line.substr(colon + 1))));
  }
  if (*pos - start > options.max_header_bytes) {
    return Status::Corruption("warc: http: header section over " +
                              std::to_string(options.max_header_bytes) +
                              " bytes");
  }
  if (dropped_line) {
    response->warnings.push_back("header lines without a field name dropped");
  }
  if (!ended) {
    response->warnings.push_back("message ends inside the header section");
  }
  return Status::Ok();
}

}  // namespace

std::string HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

std::string HttpResponse::JoinedHeader(std::string_view name) const {
  std::string out;
  for (const auto& [key, value] : headers) {
    if (!EqualsIgnoreCase(key, name)) continue;
    if (!out.empty()) out += ", ";
    out += value;
  }
  return out;
}

Result<std::string> DecodeChunked(std::string_view body,
                                  std::uint64_t max_bytes, bool* complete) {
  std::string out;
  std::size_t pos = 0;
  *complete = false;
  bool first = true;
  while (pos < body.size()) {
    std::size_t line_start = pos;
    std::string_view line = NextLine(body, &pos);
    // Chunk extensions (";name=value") are ignored.
    std::string_view size_text = Trim(line.substr(0, line.find(';')));
    std::optional<std::uint64_t> size = ParseHex(size_text);
    if (!size) {
      if (first) {
        return Status::Corruption("warc: http: body is not chunked");
      }
      std::ostringstream s;
      s << "warc: http: bad chunk size at body byte " << line_start;
      return Status::Corruption(s.str());
    }
    first = false;
    if (*size == 0) {
      // Trailer fields up to an empty line; their content is not kept.
      while (pos < body.size() && !NextLine(body, &pos).empty()) {
      }
      *complete = true;
      return out;
    }
    std::uint64_t available = body.size() - pos;
    std::uint64_t take = std::min(*size, available);
    if (out.size() + take > max_bytes) return TooLarge(max_bytes);
    out.append(body.substr(pos, static_cast<std::size_t>(take)));
    pos += static_cast<std::size_t>(take);
    if (take < *size) return out;  // cut short
    if (pos < body.size() && body[pos] == '\r') ++pos;
    if (pos < body.size()) {
      if (body[pos] != '\n') {
        std::ostringstream s;
        s << "warc: http: chunk not followed by CRLF at body byte " << pos;
        return Status::Corruption(s.str());
      }
      ++pos;
    }
  }
  return out;  // no last chunk: cut short
}

Result<std::string> DecodeContentCoding(std::string_view data,
                                        std::string_view coding,
                                        std::uint64_t max_bytes,
                                        bool* complete) {
  *complete = true;
  std::string name = ToLower(Trim(coding));
  if (name.empty() || name == "identity") {
    if (data.size() > max_bytes) return TooLarge(max_bytes);
    return std::string(data);
  }
  if (name == "gzip" || name == "x-gzip") {
    return Inflate(data, kGzipWindowBits, max_bytes, complete);
  }
  if (name == "deflate") {
    // The standard says zlib-wrapped; some servers send raw deflate.
    Result<std::string> zlib =
        Inflate(data, kZlibWindowBits, max_bytes, complete);
    if (zlib.ok() || zlib.status().code() != StatusCode::kCorruption) {
      return zlib;
    }
    return Inflate(data, kRawDeflateWindowBits, max_bytes, complete);
  }
  if (name == "br") return Unbrotli(data, max_bytes, complete);
  return Status::Unsupported("warc: http: unsupported Content-Encoding \"" +
                             name.substr(0, 40) + "\"");
}

Result<HttpResponse> ParseHttpResponse(std::string_view message,
                                       const HttpParseOptions& options) {
  HttpResponse response;
  std::size_t pos = 0;
  // Tolerate blank lines before the status line.
  while (pos < message.size() &&
         (message[pos] == '\r' || message[pos] == '\n')) {
    ++pos;
  }
  TIDINGS_RETURN_IF_ERROR(ParseHead(message, &pos, options, &response));
  // Interim responses ("100 Continue") precede the final one.
  while (response.status < 200 && response.status != kSwitchingProtocols &&
         StartsWithIgnoreCase(message.substr(pos), "HTTP/")) {
    response.warnings.push_back("interim " + std::to_string(response.status) +
                                " response skipped");
    TIDINGS_RETURN_IF_ERROR(ParseHead(message, &pos, options, &response));
  }

  std::string_view raw = message.substr(pos);
  if (raw.size() > options.max_body_bytes) {
    return TooLarge(options.max_body_bytes);
  }

  std::string body;
  std::vector<std::string> transfer =
      Tokens(response.JoinedHeader("Transfer-Encoding"));
  if (!transfer.empty() && transfer.back() == "chunked" && !raw.empty()) {
    bool complete = true;
    Result<std::string> dechunked =
        DecodeChunked(raw, options.max_body_bytes, &complete);
    if (dechunked.ok()) {
      body = std::move(dechunked).value();
      if (!complete) {
        response.warnings.push_back(
            "chunked body cut short: kept the complete chunks");
      }
    } else if (dechunked.status().code() == StatusCode::kCorruption) {
      body = std::string(raw);
      response.warnings.push_back(
          "Transfer-Encoding chunked but " +
          std::string(WithoutPrefix(dechunked.status())) +
          ": used the body as is");
    } else {
      return dechunked.status();
    }
  } else {
    body = std::string(raw);
    std::string length = response.Header("Content-Length");
    if (!length.empty() && length != std::to_string(raw.size())) {
      response.warnings.push_back("Content-Length " + length.substr(0, 20) +
                                  " but body has " +
                                  std::to_string(raw.size()) + " bytes");
    }
  }

  std::vector<std::string> codings =
      Tokens(response.JoinedHeader("Content-Encoding"));
  if (options.decode_content_encoding) {
    // Codings are listed in the order applied: undo from the last.
    for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
      bool complete = true;
      if (*it == "identity") continue;
      Result<std::string> decoded =
          DecodeContentCoding(body, *it, options.max_body_bytes, &complete);
      bool not_decodable =
          decoded.ok() ? false
                       : (!IsKnownCoding(*it) ||
                          decoded.status().code() == StatusCode::kCorruption);
      if (not_decodable && LooksLikeText(body)) {
        // Archivers often store the decoded body and keep the header.
        response.warnings.push_back("Content-Encoding " + it->substr(0, 40) +
                                    " but the body is not encoded: used it "
                                    "as is");
        break;
      }
      if (!decoded.ok()) return decoded.status();
      body = std::move(decoded).value();
      if (!complete) {
        response.warnings.push_back("Content-Encoding " + it->substr(0, 40) +
                                    " data cut short: kept what decoded");
      }
    }
  }
  response.body = std::move(body);
  return response;
}

}  // namespace tidings::warc
