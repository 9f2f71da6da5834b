// Character encoding detection and conversion to UTF-8 for XML feeds.
//
// Follows RFC 3023 as feedparser applies it: the HTTP charset wins for
// XML media types; text/xml without a charset means us-ascii; without HTTP
// headers the byte order mark, then the XML declaration, then UTF-8. When
// the chosen encoding cannot decode the bytes, UTF-8 and then windows-1252
// are tried and the result is flagged.
//
// Thread-safety: pure functions.
#ifndef TIDINGS_FEED_ENCODING_H_
#define TIDINGS_FEED_ENCODING_H_

#include <string>
#include <string_view>

namespace tidings::feed {

struct DecodedText {
  // The text without BOM. Views the `bytes` given to DecodeToUtf8 when they
  // were UTF-8 (or ASCII) already, else the caller's `storage`: valid while
  // both live and `storage` is not modified.
  std::string_view utf8;
  // The encoding used, spelled as its source gave it ("utf-8", "Big5").
  std::string encoding;
  // Set when the declared/HTTP encoding was wrong, missing for a text/*
  // type, or undecodable: the reason for bozo.
  std::string problem;
};

// Decodes `bytes` to UTF-8 (without BOM). `content_type` is the HTTP
// header or empty. Text that needs converting is written to *storage (which
// is then what the result views); UTF-8 input is not copied. Never fails:
// undecodable bytes end up as windows-1252.
DecodedText DecodeToUtf8(std::string_view bytes, std::string_view content_type,
                         std::string* storage);

// Returns true when `s` is valid UTF-8.
bool IsValidUtf8(std::string_view s);

}  // namespace tidings::feed

#endif  // TIDINGS_FEED_ENCODING_H_
