// A whitelist HTML sanitizer for feed text fields (the subset of HTML a
// reader may display): drops scripts, styles, plug-ins, frames, comments,
// event-handler attributes and javascript:/vbscript: URLs, and normalises
// tags to `<tag attr="value">` / `<br />`. Text outside tags is kept as it
// is (already escaped HTML).
//
// Thread-safety: pure function. Bounded: linear in the input.
#ifndef TIDINGS_FEED_SANITIZE_H_
#define TIDINGS_FEED_SANITIZE_H_

#include <string>
#include <string_view>

namespace tidings::feed {

// Returns the sanitized fragment. Unknown elements are removed but their
// text kept; <script>, <style>, <applet> (and similar) lose their contents
// too.
std::string SanitizeHtml(std::string_view html);

}  // namespace tidings::feed

#endif  // TIDINGS_FEED_SANITIZE_H_
