#include "web/html.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tidings::web {
namespace {

constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence starting at s[i], or 0 if invalid.
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) {
    return static_cast<unsigned char>(s[k]);
  };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t len = 0;
  std::uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  // Reject overlong forms, surrogates and values beyond Unicode.
  static constexpr std::array<std::uint32_t, 5> kMin = {0, 0, 0x80, 0x800,
                                                        0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return len;
}

bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
char ToLowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLowerAscii(c);
  return out;
}

// Length of a character reference ("&amp;", "&#39;", "&#x2F;") at s[i], or
// 0 when the '&' there does not start one.
std::size_t EntityLength(std::string_view s, std::size_t i) {
  // The longest named reference in HTML is 32 characters.
  constexpr std::size_t kMaxEntity = 40;
  std::size_t j = i + 1;
  if (j < s.size() && s[j] == '#') {
    ++j;
    const bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
    if (hex) ++j;
    const std::size_t digits_start = j;
    while (j < s.size() && j - i < kMaxEntity &&
           (IsAsciiDigit(s[j]) ||
            (hex && std::isxdigit(static_cast<unsigned char>(s[j]))))) {
      ++j;
    }
    if (j == digits_start) return 0;
  } else {
    const std::size_t name_start = j;
    while (j < s.size() && j - i < kMaxEntity &&
           (IsAsciiAlpha(s[j]) || IsAsciiDigit(s[j]))) {
      ++j;
    }
    if (j == name_start || !IsAsciiAlpha(s[name_start])) return 0;
  }
  if (j < s.size() && s[j] == ';') return j + 1 - i;
  return 0;
}

void AppendCodePoint(std::uint32_t cp, std::string* out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    out->append(kReplacementChar);
  } else if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes the references an attribute value needs before its URL is
// checked: numeric ones and the five XML names. Others stay as written (and
// are escaped again on output, which is harmless in an attribute).
std::string DecodeAttribute(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = s[i] == '&' ? EntityLength(s, i) : 0;
    if (len == 0) {
      out.push_back(s[i++]);
      continue;
    }
    const std::string_view ref = s.substr(i + 1, len - 2);
    if (ref[0] == '#') {
      const bool hex = ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X');
      std::uint32_t cp = 0;
      for (char c : ref.substr(hex ? 2 : 1)) {
        const std::uint32_t digit =
            IsAsciiDigit(c)
                ? static_cast<std::uint32_t>(c - '0')
                : static_cast<std::uint32_t>(ToLowerAscii(c) - 'a' + 10);
        cp = cp * (hex ? 16 : 10) + digit;
        if (cp > 0x10FFFF) break;
      }
      AppendCodePoint(cp, &out);
    } else if (ref == "amp") {
      out.push_back('&');
    } else if (ref == "lt") {
      out.push_back('<');
    } else if (ref == "gt") {
      out.push_back('>');
    } else if (ref == "quot") {
      out.push_back('"');
    } else if (ref == "apos") {
      out.push_back('\'');
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

// What the sanitizer does with an element.
enum class ElementPolicy {
  kKeep,    // Emit it (with its allowed attributes).
  kUnwrap,  // Drop the tags, keep the content.
  kDrop,    // Drop the tags and everything inside them.
};

struct AllowedElement {
  std::string_view name;
  // Emitted name (h1 becomes h2).
  std::string_view output;
  bool is_void = false;
};

constexpr AllowedElement kAllowedElements[] = {
    {"p", "p"},           {"br", "br", true},
    {"hr", "hr", true},   {"h1", "h2"},
    {"h2", "h2"},         {"h3", "h3"},
    {"h4", "h4"},         {"h5", "h5"},
    {"h6", "h6"},         {"ul", "ul"},
    {"ol", "ol"},         {"li", "li"},
    {"dl", "dl"},         {"dt", "dt"},
    {"dd", "dd"},         {"blockquote", "blockquote"},
    {"pre", "pre"},       {"code", "code"},
    {"em", "em"},         {"i", "i"},
    {"strong", "strong"}, {"b", "b"},
    {"u", "u"},           {"s", "s"},
    {"sub", "sub"},       {"sup", "sup"},
    {"small", "small"},   {"mark", "mark"},
    {"q", "q"},           {"cite", "cite"},
    {"abbr", "abbr"},     {"time", "time"},
    {"figure", "figure"}, {"figcaption", "figcaption"},
    {"table", "table"},   {"caption", "caption"},
    {"thead", "thead"},   {"tbody", "tbody"},
    {"tfoot", "tfoot"},   {"tr", "tr"},
    {"td", "td"},         {"th", "th"},
    {"a", "a"},
};

// Elements whose content is never reader text.
constexpr std::string_view kDroppedElements[] = {
    "script", "style",    "iframe",   "frame",    "frameset",
    "object", "embed",    "noscript", "template", "svg",
    "math",   "textarea", "select",   "button",   "form",
    "head",   "title",    "audio",    "video",    "canvas",
    "applet", "noembed",  "noframes", "xmp",      "plaintext",
};

const AllowedElement* FindAllowed(std::string_view name) {
  for (const AllowedElement& e : kAllowedElements) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

ElementPolicy PolicyFor(std::string_view name) {
  if (FindAllowed(name) != nullptr) return ElementPolicy::kKeep;
  for (std::string_view d : kDroppedElements) {
    if (d == name) return ElementPolicy::kDrop;
  }
  return ElementPolicy::kUnwrap;
}

struct Attribute {
  std::string name;
  std::string value;
};

// A parsed tag: "<name attrs…>" or "</name>".
struct Tag {
  std::string name;
  bool closing = false;
  bool self_closing = false;
  // False when the input ended before the tag's '>'.
  bool complete = false;
  std::vector<Attribute> attributes;
  // Index just after the tag's '>' (or the end of input).
  std::size_t end = 0;
};

// Parses the tag whose '<' is at s[i]; requires s[i+1] to be a letter or
// '/' followed by a letter.
Tag ParseTag(std::string_view s, std::size_t i) {
  Tag tag;
  std::size_t j = i + 1;
  if (s[j] == '/') {
    tag.closing = true;
    ++j;
  }
  const std::size_t name_start = j;
  while (j < s.size() && !IsAsciiSpace(s[j]) && s[j] != '>' && s[j] != '/') {
    ++j;
  }
  tag.name = ToLower(s.substr(name_start, j - name_start));
  while (j < s.size() && !tag.complete) {
    while (j < s.size() && (IsAsciiSpace(s[j]) || s[j] == '/')) {
      if (s[j] == '/' && j + 1 < s.size() && s[j + 1] == '>') {
        tag.self_closing = true;
      }
      ++j;
    }
    if (j >= s.size()) break;
    if (s[j] == '>') {
      ++j;
      tag.complete = true;
      break;
    }
    const std::size_t attr_start = j;
    while (j < s.size() && !IsAsciiSpace(s[j]) && s[j] != '>' && s[j] != '=' &&
           !(s[j] == '/' && j > attr_start)) {
      ++j;
    }
    Attribute attr{ToLower(s.substr(attr_start, j - attr_start)), ""};
    while (j < s.size() && IsAsciiSpace(s[j])) ++j;
    if (j < s.size() && s[j] == '=') {
      ++j;
      while (j < s.size() && IsAsciiSpace(s[j])) ++j;
      if (j < s.size() && (s[j] == '"' || s[j] == '\'')) {
        const char quote = s[j++];
        const std::size_t value_start = j;
        while (j < s.size() && s[j] != quote) ++j;
        attr.value = std::string(s.substr(value_start, j - value_start));
        if (j < s.size()) ++j;
      } else {
        const std::size_t value_start = j;
        while (j < s.size() && !IsAsciiSpace(s[j]) && s[j] != '>') ++j;
        attr.value = std::string(s.substr(value_start, j - value_start));
      }
    }
    if (!tag.closing) tag.attributes.push_back(std::move(attr));
  }
  tag.end = j;
  return tag;
}

// Finds the end of the element `name` opened before `from`: the index after
// its closing tag's '>', or the end of input.
std::size_t SkipElementContent(std::string_view s, std::size_t from,
                               std::string_view name) {
  for (std::size_t i = from; i + 1 < s.size(); ++i) {
    if (s[i] != '<' || s[i + 1] != '/') continue;
    const std::size_t name_start = i + 2;
    if (name_start + name.size() > s.size()) break;
    if (ToLower(s.substr(name_start, name.size())) != name) continue;
    const std::size_t after = name_start + name.size();
    if (after < s.size() && !IsAsciiSpace(s[after]) && s[after] != '>') {
      continue;
    }
    const std::size_t close = s.find('>', after);
    return close == std::string_view::npos ? s.size() : close + 1;
  }
  return s.size();
}

bool AllDigits(std::string_view s) {
  return !s.empty() && s.size() <= 4 &&
         std::all_of(s.begin(), s.end(), IsAsciiDigit);
}

// Appends the opening tag of an allowed element with only its allowed
// attributes (a link whose href is not http(s) keeps no href).
void AppendOpenTag(const AllowedElement& element, const Tag& tag,
                   std::string* out) {
  out->push_back('<');
  out->append(element.output);
  for (const Attribute& attr : tag.attributes) {
    if (element.name == "a" && attr.name == "href") {
      const std::string url = SafeExternalUrl(DecodeAttribute(attr.value));
      if (url.empty()) continue;
      out->append(" href=\"").append(EscapeHtml(url)).append("\"");
    } else if (attr.name == "title" &&
               (element.name == "a" || element.name == "abbr")) {
      out->append(" title=\"")
          .append(EscapeHtml(DecodeAttribute(attr.value)))
          .append("\"");
    } else if ((attr.name == "colspan" || attr.name == "rowspan") &&
               (element.name == "td" || element.name == "th") &&
               AllDigits(attr.value)) {
      out->append(" ").append(attr.name).append("=\"").append(attr.value);
      out->append("\"");
    }
  }
  if (element.name == "a") out->append(" rel=\"nofollow noopener noreferrer\"");
  out->push_back('>');
}

void AppendText(std::string_view s, std::size_t begin, std::size_t end,
                std::string* out) {
  for (std::size_t i = begin; i < end; ++i) {
    const char c = s[i];
    if (c == '&') {
      const std::size_t len = EntityLength(s, i);
      if (len > 0 && i + len <= end) {
        out->append(s.substr(i, len));
        i += len - 1;
      } else {
        out->append("&amp;");
      }
    } else if (c == '<') {
      out->append("&lt;");
    } else if (c == '>') {
      out->append("&gt;");
    } else {
      out->push_back(c);
    }
  }
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out.append("&amp;");
        break;
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      case '"':
        out.append("&quot;");
        break;
      case '\'':
        out.append("&#39;");
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = Utf8SequenceLength(text, i);
    if (len == 0) {
      out.append(kReplacementChar);
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string EscapeXml(std::string_view text) {
  const std::string valid = ValidUtf8(text);
  std::string out;
  out.reserve(valid.size() + valid.size() / 8);
  for (char c : valid) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    switch (c) {
      case '&':
        out.append("&amp;");
        break;
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      case '"':
        out.append("&quot;");
        break;
      case '\'':
        out.append("&apos;");
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string SafeExternalUrl(std::string_view url) {
  while (!url.empty() && static_cast<unsigned char>(url.front()) <= ' ') {
    url.remove_prefix(1);
  }
  while (!url.empty() && static_cast<unsigned char>(url.back()) <= ' ') {
    url.remove_suffix(1);
  }
  const std::string lower = ToLower(url.substr(0, 8));
  const bool http = lower.rfind("http://", 0) == 0 && url.size() > 7;
  const bool https = lower.rfind("https://", 0) == 0 && url.size() > 8;
  if (!http && !https) return "";
  // A control character or space inside is not a URL we emit.
  for (char c : url) {
    if (static_cast<unsigned char>(c) < 0x20 || c == ' ' || c == 0x7F) {
      return "";
    }
  }
  return std::string(url);
}

std::string Truncate(std::string_view text, std::size_t max_chars) {
  if (text.size() <= max_chars) return std::string(text);
  std::size_t cut = max_chars;
  // Never split a UTF-8 sequence: back up over continuation bytes.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  const std::size_t space = text.substr(0, cut).find_last_of(" \n\t");
  // Cut at a word boundary unless that loses most of the text.
  if (space != std::string_view::npos && space > cut / 2) cut = space;
  std::string_view head = text.substr(0, cut);
  while (!head.empty() && (IsAsciiSpace(head.back()) || head.back() == ',' ||
                           head.back() == ';' || head.back() == ':')) {
    head.remove_suffix(1);
  }
  return std::string(head) + "…";
}

std::string SanitizeHtml(std::string_view input,
                         const SanitizeOptions& options) {
  const std::string valid = ValidUtf8(input);
  const std::string_view s = valid;
  std::string out;
  out.reserve(s.size());
  // Open allowed elements, innermost last.
  std::vector<const AllowedElement*> open;
  std::size_t text_start = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '<') {
      ++i;
      continue;
    }
    const bool comment = s.substr(i, 4) == "<!--";
    const bool markup =
        i + 1 < s.size() && (s[i + 1] == '!' || s[i + 1] == '?');
    const bool tag_start =
        i + 1 < s.size() &&
        (IsAsciiAlpha(s[i + 1]) ||
         (s[i + 1] == '/' && i + 2 < s.size() && IsAsciiAlpha(s[i + 2])));
    if (!comment && !markup && !tag_start) {
      ++i;  // A lone '<' is text; AppendText escapes it.
      continue;
    }
    AppendText(s, text_start, i, &out);
    if (comment) {
      const std::size_t end = s.find("-->", i + 4);
      i = end == std::string_view::npos ? s.size() : end + 3;
      text_start = i;
      continue;
    }
    if (markup) {
      const std::size_t end = s.find('>', i);
      i = end == std::string_view::npos ? s.size() : end + 1;
      text_start = i;
      continue;
    }
    Tag tag = ParseTag(s, i);
    i = tag.end;
    text_start = i;
    // A tag cut off by the end of input is dropped, not guessed at.
    if (!tag.complete) continue;
    const ElementPolicy policy = PolicyFor(tag.name);
    if (policy == ElementPolicy::kDrop) {
      if (!tag.closing && !tag.self_closing) {
        i = SkipElementContent(s, i, tag.name);
        text_start = i;
      }
      continue;
    }
    if (policy == ElementPolicy::kUnwrap) continue;
    const AllowedElement* element = FindAllowed(tag.name);
    if (tag.closing) {
      if (element->is_void) continue;
      // Close it and everything opened inside it; ignore a stray close.
      auto it = std::find(open.rbegin(), open.rend(), element);
      if (it == open.rend()) continue;
      const std::size_t keep = open.size() - (it - open.rbegin()) - 1;
      while (open.size() > keep) {
        out.append("</").append(open.back()->output).append(">");
        open.pop_back();
      }
      continue;
    }
    if (element->is_void) {
      out.append("<").append(element->output).append(">");
      continue;
    }
    if (static_cast<int>(open.size()) >= options.max_depth) continue;
    // Nested links are invalid HTML; close the outer one first.
    if (element->name == "a") {
      auto it = std::find(open.rbegin(), open.rend(), element);
      if (it != open.rend()) {
        const std::size_t keep = open.size() - (it - open.rbegin()) - 1;
        while (open.size() > keep) {
          out.append("</").append(open.back()->output).append(">");
          open.pop_back();
        }
      }
    }
    AppendOpenTag(*element, tag, &out);
    if (tag.self_closing) {
      out.append("</").append(element->output).append(">");
    } else {
      open.push_back(element);
    }
  }
  AppendText(s, text_start, s.size(), &out);
  while (!open.empty()) {
    out.append("</").append(open.back()->output).append(">");
    open.pop_back();
  }
  return out;
}

}  // namespace tidings::web
