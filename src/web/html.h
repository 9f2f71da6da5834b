// Text helpers for the pages and feeds the web module writes: escaping for
// HTML and XML, UTF-8 repair, URL checks and an allow-list HTML sanitizer.
//
// Every function is pure and thread-safe. None throws; hostile input (bad
// UTF-8, unterminated tags, deep nesting) gives well-formed output.
#ifndef TIDINGS_WEB_HTML_H_
#define TIDINGS_WEB_HTML_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace tidings::web {

// Escapes & < > " ' so that the result is safe in HTML text and in quoted
// attribute values.
std::string EscapeHtml(std::string_view text);

// Escapes for XML 1.0 text and attribute values, repairs invalid UTF-8 and
// drops the control characters XML 1.0 forbids (all below U+0020 except tab,
// newline and carriage return), so the output always parses.
std::string EscapeXml(std::string_view text);

// Returns `text` with every invalid UTF-8 sequence replaced by U+FFFD.
std::string ValidUtf8(std::string_view text);

// Returns `url` (trimmed) when it is an absolute http(s) URL, else "". Used
// for every link to the outside world so that stored data can never inject
// "javascript:" or other schemes.
std::string SafeExternalUrl(std::string_view url);

// Shortens plain text to at most about `max_chars` bytes at a word
// boundary, appending "…" when it cut; never splits a UTF-8 sequence.
std::string Truncate(std::string_view text, std::size_t max_chars);

// Limits of SanitizeHtml.
struct SanitizeOptions {
  // Elements nested deeper than this are dropped (their text is kept);
  // bounds the open-element stack on hostile input.
  int max_depth = 64;
};

// Cleans an HTML fragment (an article body) to an allow-list: block and
// inline text elements (p, h2–h6, lists, blockquote, pre, code, em, strong,
// tables, figure/figcaption, …) and links with absolute http(s) href. h1 is
// demoted to h2 (the page has its own h1). Images are dropped: we do not
// hotlink publishers' images, which would leak readers' addresses to them.
// Scripts, styles, frames, forms and their contents, comments, every event
// handler and every other attribute are removed. Links get
// rel="nofollow noopener noreferrer". Unknown elements are unwrapped (their
// text kept). The output is balanced: every opened element is closed.
std::string SanitizeHtml(std::string_view html,
                         const SanitizeOptions& options = {});

}  // namespace tidings::web

#endif  // TIDINGS_WEB_HTML_H_
