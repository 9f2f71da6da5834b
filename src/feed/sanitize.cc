#include "feed/sanitize.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

namespace tidings::feed {
namespace {

const std::set<std::string_view>& AcceptableElements() {
  static const auto* set = new std::set<std::string_view>{
      "a",          "abbr",       "acronym",  "address",
      "area",       "article",    "aside",    "audio",
      "b",          "bdi",        "bdo",      "big",
      "blockquote", "br",         "button",   "canvas",
      "caption",    "center",     "cite",     "code",
      "col",        "colgroup",   "command",  "datagrid",
      "datalist",   "dd",         "del",      "details",
      "dfn",        "dialog",     "dir",      "div",
      "dl",         "dt",         "em",       "event-source",
      "fieldset",   "figcaption", "figure",   "font",
      "footer",     "form",       "h1",       "h2",
      "h3",         "h4",         "h5",       "h6",
      "header",     "hr",         "i",        "img",
      "input",      "ins",        "kbd",      "keygen",
      "label",      "legend",     "li",       "m",
      "map",        "mark",       "menu",     "meter",
      "multicol",   "nav",        "nextid",   "noscript",
      "ol",         "optgroup",   "option",   "output",
      "p",          "pre",        "progress", "q",
      "s",          "samp",       "section",  "select",
      "small",      "sound",      "source",   "spacer",
      "span",       "strike",     "strong",   "sub",
      "summary",    "sup",        "table",    "tbody",
      "td",         "textarea",   "tfoot",    "th",
      "thead",      "time",       "tr",       "tt",
      "u",          "ul",         "var",      "video",
      "wbr"};
  return *set;
}

// Elements whose whole content goes with them.
bool DropsContent(std::string_view name) {
  return name == "script" || name == "style" || name == "applet";
}

const std::set<std::string_view>& AcceptableCssProperties() {
  static const auto* set = new std::set<std::string_view>{"azimuth",
                                                          "background-color",
                                                          "border-bottom-color",
                                                          "border-collapse",
                                                          "border-color",
                                                          "border-left-color",
                                                          "border-right-color",
                                                          "border-top-color",
                                                          "clear",
                                                          "color",
                                                          "cursor",
                                                          "direction",
                                                          "display",
                                                          "elevation",
                                                          "float",
                                                          "font",
                                                          "font-family",
                                                          "font-size",
                                                          "font-style",
                                                          "font-variant",
                                                          "font-weight",
                                                          "height",
                                                          "letter-spacing",
                                                          "line-height",
                                                          "overflow",
                                                          "pause",
                                                          "pause-after",
                                                          "pause-before",
                                                          "pitch",
                                                          "pitch-range",
                                                          "richness",
                                                          "speak",
                                                          "speak-header",
                                                          "speak-numeral",
                                                          "speak-punctuation",
                                                          "speech-rate",
                                                          "stress",
                                                          "text-align",
                                                          "text-decoration",
                                                          "text-indent",
                                                          "unicode-bidi",
                                                          "vertical-align",
                                                          "voice-family",
                                                          "volume",
                                                          "white-space",
                                                          "width"};
  return *set;
}

const std::set<std::string_view>& AcceptableCssKeywords() {
  static const auto* set = new std::set<std::string_view>{
      "auto",      "aqua",    "black",  "block",   "blue",       "bold",
      "both",      "bottom",  "brown",  "center",  "collapse",   "dashed",
      "dotted",    "fuchsia", "gray",   "green",   "!important", "italic",
      "left",      "lime",    "maroon", "medium",  "none",       "navy",
      "normal",    "nowrap",  "olive",  "pointer", "purple",     "red",
      "right",     "solid",   "silver", "teal",    "top",        "transparent",
      "underline", "white",   "yellow"};
  return *set;
}

// A length, percentage, colour or rgb() value.
bool IsPlainCssValue(std::string_view v) {
  if (v.empty()) return true;
  if (v[0] == '#') {
    return v.size() > 1 && std::all_of(v.begin() + 1, v.end(), [](char c) {
             return std::isxdigit(static_cast<unsigned char>(c));
           });
  }
  if (v.rfind("rgb(", 0) == 0) {
    return std::all_of(v.begin() + 4, v.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) || c == ',' ||
             c == '%' || c == ')';
    });
  }
  std::size_t i = 0;
  while (i < v.size() &&
         (std::isdigit(static_cast<unsigned char>(v[i])) || v[i] == '.')) {
    ++i;
  }
  const std::string_view unit = v.substr(i);
  return unit.empty() || unit == "cm" || unit == "em" || unit == "ex" ||
         unit == "in" || unit == "mm" || unit == "pc" || unit == "pt" ||
         unit == "px" || unit == "%" || unit == "," || unit == ")";
}

std::string TrimCss(std::string_view s) {
  const std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const std::size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// Keeps the declarations of a style attribute that only change looks:
// known properties, and box shorthands with plain values. url() and
// expression() never survive.
std::string SanitizeStyle(std::string_view style) {
  std::string lower;
  for (char c : style) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (lower.find("expression") != std::string::npos ||
      lower.find("javascript") != std::string::npos) {
    return "";
  }
  std::string out;
  std::size_t start = 0;
  while (start < style.size()) {
    std::size_t end = style.find(';', start);
    if (end == std::string_view::npos) end = style.size();
    const std::string_view decl = style.substr(start, end - start);
    start = end + 1;
    const std::size_t colon = decl.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string prop = TrimCss(decl.substr(0, colon));
    const std::string value = TrimCss(decl.substr(colon + 1));
    if (prop.empty() || value.empty()) continue;
    std::string lprop;
    for (char c : prop) {
      lprop += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (value.find("url") != std::string::npos ||
        (value.find('(') != std::string::npos && value.rfind("rgb(", 0) != 0)) {
      continue;
    }
    bool keep = AcceptableCssProperties().count(lprop) > 0;
    const std::string family = lprop.substr(0, lprop.find('-'));
    if (!keep && (family == "background" || family == "border" ||
                  family == "margin" || family == "padding")) {
      keep = true;
      std::size_t k = 0;
      while (k < value.size()) {
        std::size_t e2 = value.find(' ', k);
        if (e2 == std::string::npos) e2 = value.size();
        const std::string_view word = std::string_view(value).substr(k, e2 - k);
        k = e2 + 1;
        if (word.empty()) continue;
        if (!AcceptableCssKeywords().count(word) && !IsPlainCssValue(word)) {
          keep = false;
          break;
        }
      }
    }
    if (!keep) continue;
    if (!out.empty()) out += ' ';
    out += prop + ": " + value + ";";
  }
  return out;
}

bool IsVoid(std::string_view name) {
  static const auto* set = new std::set<std::string_view>{
      "area", "br",    "col",    "command", "embed",  "hr",
      "img",  "input", "keygen", "source",  "spacer", "wbr"};
  return set->count(name) > 0;
}

bool IsUrlAttribute(std::string_view name) {
  return name == "href" || name == "src" || name == "action" ||
         name == "background" || name == "cite" || name == "longdesc" ||
         name == "lowsrc" || name == "dynsrc" || name == "usemap" ||
         name == "poster" || name == "formaction";
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// True for URLs that run code when followed.
bool IsScriptUrl(std::string_view value) {
  std::string compact;
  for (char c : value) {
    if (!std::isspace(static_cast<unsigned char>(c)) && c >= 0x20) {
      compact += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return compact.rfind("javascript:", 0) == 0 ||
         compact.rfind("vbscript:", 0) == 0 ||
         compact.rfind("data:text/html", 0) == 0;
}

void AppendAttrValue(std::string_view v, std::string* out) {
  for (char c : v) {
    if (c == '"') {
      *out += "&quot;";
    } else if (c == '<') {
      *out += "&lt;";
    } else if (c == '>') {
      *out += "&gt;";
    } else {
      *out += c;
    }
  }
}

}  // namespace

std::string SanitizeHtml(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::string skip_until;  // Closing tag name whose content is dropped.
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t lt = s.find('<', i);
    const std::size_t text_end = lt == std::string_view::npos ? s.size() : lt;
    if (skip_until.empty()) out.append(s.substr(i, text_end - i));
    if (lt == std::string_view::npos) break;
    i = lt;
    // Comments, CDATA, doctypes and processing instructions go.
    if (s.substr(i, 4) == "<!--") {
      const std::size_t end = s.find("-->", i + 4);
      i = end == std::string_view::npos ? s.size() : end + 3;
      continue;
    }
    if (s.substr(i, 2) == "<!" || s.substr(i, 2) == "<?") {
      const std::size_t end = s.find('>', i);
      i = end == std::string_view::npos ? s.size() : end + 1;
      continue;
    }
    std::size_t p = i + 1;
    const bool closing = p < s.size() && s[p] == '/';
    if (closing) ++p;
    const std::size_t name_start = p;
    while (p < s.size() && (std::isalnum(static_cast<unsigned char>(s[p])) ||
                            s[p] == '-' || s[p] == ':')) {
      ++p;
    }
    if (p == name_start) {
      // A lone '<' is text.
      if (skip_until.empty()) out += "&lt;";
      ++i;
      continue;
    }
    const std::string name = Lower(s.substr(name_start, p - name_start));
    // Attributes up to the closing '>' (quotes may hide '>').
    struct Attribute {
      std::string name;
      std::string value;
      bool has_value;
    };
    std::vector<Attribute> attrs;
    bool self_closing = false;
    while (p < s.size() && s[p] != '>') {
      if (std::isspace(static_cast<unsigned char>(s[p]))) {
        ++p;
        continue;
      }
      if (s[p] == '/') {
        self_closing = true;
        ++p;
        continue;
      }
      const std::size_t an = p;
      while (p < s.size() && s[p] != '=' && s[p] != '>' && s[p] != '/' &&
             !std::isspace(static_cast<unsigned char>(s[p]))) {
        ++p;
      }
      Attribute a{Lower(s.substr(an, p - an)), "", false};
      while (p < s.size() && std::isspace(static_cast<unsigned char>(s[p])))
        ++p;
      if (p < s.size() && s[p] == '=') {
        ++p;
        while (p < s.size() && std::isspace(static_cast<unsigned char>(s[p])))
          ++p;
        a.has_value = true;
        if (p < s.size() && (s[p] == '"' || s[p] == '\'')) {
          const char q = s[p++];
          const std::size_t end = s.find(q, p);
          const std::size_t stop =
              end == std::string_view::npos ? s.size() : end;
          a.value = std::string(s.substr(p, stop - p));
          p = stop == s.size() ? stop : stop + 1;
        } else {
          const std::size_t vs = p;
          while (p < s.size() && s[p] != '>' &&
                 !std::isspace(static_cast<unsigned char>(s[p]))) {
            ++p;
          }
          a.value = std::string(s.substr(vs, p - vs));
        }
      }
      if (!a.name.empty()) attrs.push_back(std::move(a));
    }
    i = p < s.size() ? p + 1 : s.size();
    if (!skip_until.empty()) {
      if (closing && name == skip_until) skip_until.clear();
      continue;
    }
    if (DropsContent(name)) {
      if (!closing && !self_closing && !IsVoid(name)) skip_until = name;
      continue;
    }
    if (!AcceptableElements().count(name)) continue;
    if (closing) {
      if (!IsVoid(name)) out += "</" + name + ">";
      continue;
    }
    out += '<';
    out += name;
    for (const Attribute& a : attrs) {
      if (a.name.rfind("on", 0) == 0 || a.name.find(':') != std::string::npos) {
        continue;
      }
      if (a.name == "style") {
        const std::string style = SanitizeStyle(a.value);
        if (!style.empty()) {
          out += " style=\"";
          AppendAttrValue(style, &out);
          out += '"';
        }
        continue;
      }
      if (IsUrlAttribute(a.name) && IsScriptUrl(a.value)) continue;
      out += ' ';
      out += a.name;
      out += "=\"";
      AppendAttrValue(a.value, &out);
      out += '"';
    }
    if (IsVoid(name)) {
      out += " />";
    } else {
      out += '>';
      if (self_closing) out += "</" + name + ">";
    }
  }
  return out;
}

}  // namespace tidings::feed
