#include "feed/conformance.h"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/date.h"
#include "base/time_format.h"
#include "base/url.h"
#include "feed/parsers.h"
#include "feed/xml_util.h"

namespace tidings::feed {
namespace {

namespace fs = std::filesystem;
using py::Value;
using Entries = std::vector<std::pair<std::string, Value>>;

// feedparser's own test server served the files from here; expectations
// about resolved relative links use it.
constexpr std::string_view kFeedparserBase = "http://127.0.0.1:8097/";

bool ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  *out = std::move(buf).str();
  return true;
}

Value TimeTuple(UnixSeconds t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return Value::Tuple({Value::Int(tm.tm_year + 1900), Value::Int(tm.tm_mon + 1),
                       Value::Int(tm.tm_mday), Value::Int(tm.tm_hour),
                       Value::Int(tm.tm_min), Value::Int(tm.tm_sec),
                       Value::Int((tm.tm_wday + 6) % 7),
                       Value::Int(tm.tm_yday + 1), Value::Int(0)});
}

Value Detail(const std::string& value, const std::string& type,
             const TextDetail& detail) {
  return Value::ModelDict(
      {{"value", Value::Str(value)},
       {"type", Value::Str(type)},
       {"language",
        detail.language.empty() ? Value::None() : Value::Str(detail.language)},
       {"base", Value::Str(detail.base)}},
      {"value", "type", "language", "base"});
}

// feedparser's display form of a person: "Name (email)".
std::string FeedparserAuthor(const Person& p) {
  if (!p.name.empty() && !p.email.empty()) return p.name + " (" + p.email + ")";
  return DisplayName(p);
}

Value PersonValue(const Person& p) {
  Entries e;
  if (!p.name.empty()) e.emplace_back("name", Value::Str(p.name));
  if (!p.email.empty()) e.emplace_back("email", Value::Str(p.email));
  if (!p.url.empty()) e.emplace_back("href", Value::Str(p.url));
  return Value::ModelDict(std::move(e), {"name", "email", "href", "url"},
                          {{"url", "href"}});
}

Value PeopleValue(const std::vector<Person>& people) {
  std::vector<Value> items;
  for (const Person& p : people) items.push_back(PersonValue(p));
  return Value::List(std::move(items));
}

Value LinkValue(const Link& l) {
  Entries e{{"href", Value::Str(l.href)}, {"rel", Value::Str(l.rel)}};
  if (!l.type.empty()) e.emplace_back("type", Value::Str(l.type));
  if (!l.title.empty()) e.emplace_back("title", Value::Str(l.title));
  if (l.length > 0)
    e.emplace_back("length", Value::Str(std::to_string(l.length)));
  return Value::ModelDict(std::move(e),
                          {"href", "url", "rel", "type", "title", "length"},
                          {{"url", "href"}});
}

Value TagsValue(const std::vector<Category>& cats) {
  std::vector<Value> items;
  for (const Category& c : cats) {
    items.push_back(Value::ModelDict(
        {{"term", Value::Str(c.term)},
         {"scheme", c.scheme.empty() ? Value::None() : Value::Str(c.scheme)},
         {"label", c.label.empty() ? Value::None() : Value::Str(c.label)}},
        {"term", "scheme", "label"}));
  }
  return Value::List(std::move(items));
}

// Adds `value` under each of `keys` (feedparser's aliases).
void Put(Entries* e, std::initializer_list<const char*> keys, const Value& v) {
  for (const char* k : keys) e->emplace_back(k, v);
}

void PutDate(Entries* e, std::initializer_list<const char*> text_keys,
             std::initializer_list<const char*> parsed_keys,
             const std::string& text, const std::optional<UnixSeconds>& t) {
  if (!text.empty()) Put(e, text_keys, Value::Str(text));
  if (t) Put(e, parsed_keys, TimeTuple(*t));
}

const std::set<std::string>& FeedKeys() {
  static const auto* keys = new std::set<std::string>{"title",
                                                      "title_detail",
                                                      "link",
                                                      "links",
                                                      "subtitle",
                                                      "subtitle_detail",
                                                      "description",
                                                      "description_detail",
                                                      "tagline",
                                                      "tagline_detail",
                                                      "language",
                                                      "updated",
                                                      "updated_parsed",
                                                      "modified",
                                                      "modified_parsed",
                                                      "date",
                                                      "date_parsed",
                                                      "published_parsed",
                                                      "issued_parsed",
                                                      "id",
                                                      "guid",
                                                      "author",
                                                      "author_detail",
                                                      "authors",
                                                      "contributors",
                                                      "rights",
                                                      "rights_detail",
                                                      "copyright",
                                                      "copyright_detail",
                                                      "generator",
                                                      "image",
                                                      "icon",
                                                      "logo",
                                                      "tags",
                                                      "category",
                                                      "href"};
  return *keys;
}

const std::set<std::string>& EntryKeys() {
  static const auto* keys = new std::set<std::string>{"id",
                                                      "guid",
                                                      "guidislink",
                                                      "title",
                                                      "title_detail",
                                                      "link",
                                                      "links",
                                                      "summary",
                                                      "summary_detail",
                                                      "description",
                                                      "description_detail",
                                                      "content",
                                                      "published",
                                                      "published_parsed",
                                                      "issued",
                                                      "issued_parsed",
                                                      "updated",
                                                      "updated_parsed",
                                                      "modified",
                                                      "modified_parsed",
                                                      "date",
                                                      "date_parsed",
                                                      "created_parsed",
                                                      "author",
                                                      "author_detail",
                                                      "authors",
                                                      "contributors",
                                                      "tags",
                                                      "category",
                                                      "enclosures",
                                                      "comments",
                                                      "rights",
                                                      "rights_detail",
                                                      "copyright",
                                                      "copyright_detail",
                                                      "source",
                                                      "image",
                                                      "slash_comments",
                                                      "thr_total"};
  return *keys;
}

Value FeedValue(const ParsedFeed& f) {
  Entries e;
  if (!f.title.empty()) {
    e.emplace_back("title", Value::Str(f.title));
    e.emplace_back("title_detail",
                   Detail(f.title, f.title_type, f.title_detail));
  }
  if (!f.link.empty()) e.emplace_back("link", Value::Str(f.link));
  std::vector<Value> links;
  for (const Link& l : f.links) links.push_back(LinkValue(l));
  if (f.links.empty() && !f.link.empty()) {
    links.push_back(LinkValue({f.link, "alternate", "text/html", "", 0}));
  }
  if (!links.empty()) e.emplace_back("links", Value::List(std::move(links)));
  if (!f.description.empty()) {
    Put(&e, {"subtitle", "description", "tagline"}, Value::Str(f.description));
    Put(&e, {"subtitle_detail", "description_detail", "tagline_detail"},
        Detail(f.description, f.description_type, f.description_detail));
  }
  if (!f.language.empty()) e.emplace_back("language", Value::Str(f.language));
  PutDate(&e, {"updated", "modified", "date"},
          {"updated_parsed", "modified_parsed", "date_parsed"}, f.updated_text,
          f.updated);
  if (f.published)
    Put(&e, {"published_parsed", "issued_parsed"}, TimeTuple(*f.published));
  if (!f.id.empty()) Put(&e, {"id", "guid"}, Value::Str(f.id));
  if (!f.authors.empty()) {
    e.emplace_back("author", Value::Str(FeedparserAuthor(f.authors[0])));
    e.emplace_back("author_detail", PersonValue(f.authors[0]));
    e.emplace_back("authors", PeopleValue(f.authors));
  } else if (!f.author.empty()) {
    e.emplace_back("author", Value::Str(f.author));
  }
  if (!f.contributors.empty())
    e.emplace_back("contributors", PeopleValue(f.contributors));
  if (!f.rights.empty()) {
    Put(&e, {"rights", "copyright"}, Value::Str(f.rights));
    Put(&e, {"rights_detail", "copyright_detail"},
        Detail(f.rights, "text/plain", f.rights_detail));
  }
  if (!f.generator.empty())
    e.emplace_back("generator", Value::Str(f.generator));
  if (!f.image_url.empty()) {
    e.emplace_back("image", Value::ModelDict(
                                {{"href", Value::Str(f.image_url)}}, {"href"}));
  }
  if (!f.icon_url.empty()) e.emplace_back("icon", Value::Str(f.icon_url));
  // Atom's <logo> is the feed image.
  if (!f.image_url.empty() &&
      (f.format == FeedFormat::kAtom10 || f.format == FeedFormat::kAtom03)) {
    e.emplace_back("logo", Value::Str(f.image_url));
  }
  if (!f.categories.empty()) {
    e.emplace_back("tags", TagsValue(f.categories));
    e.emplace_back("category", Value::Str(f.categories[0].term));
  }
  return Value::ModelDict(std::move(e), FeedKeys());
}

Value EntryValue(const Entry& x) {
  Entries e;
  if (!x.id.empty()) Put(&e, {"id", "guid"}, Value::Str(x.id));
  e.emplace_back("guidislink", Value::Bool(x.guid_is_link));
  if (!x.title.empty()) {
    e.emplace_back("title", Value::Str(x.title));
    e.emplace_back("title_detail",
                   Detail(x.title, x.title_type, x.title_detail));
  }
  if (!x.link.empty()) e.emplace_back("link", Value::Str(x.link));
  std::vector<Value> links;
  for (const Link& l : x.links) links.push_back(LinkValue(l));
  if (x.links.empty() && !x.link.empty()) {
    links.push_back(LinkValue({x.link, "alternate", "text/html", "", 0}));
  }
  std::vector<Value> enclosures;
  for (const Enclosure& enc : x.enclosures) {
    Entries d{{"href", Value::Str(enc.url)}};
    if (!enc.type.empty()) d.emplace_back("type", Value::Str(enc.type));
    if (enc.length > 0)
      d.emplace_back("length", Value::Str(std::to_string(enc.length)));
    enclosures.push_back(Value::ModelDict(d, {"href", "type", "length"}));
    const bool listed =
        std::any_of(x.links.begin(), x.links.end(), [&](const Link& l) {
          return l.rel == "enclosure" && l.href == enc.url;
        });
    if (!listed) {
      d.emplace_back("rel", Value::Str("enclosure"));
      links.push_back(Value::ModelDict(
          std::move(d), {"href", "rel", "type", "title", "length"}));
    }
  }
  if (!links.empty()) e.emplace_back("links", Value::List(std::move(links)));
  e.emplace_back("enclosures", Value::List(std::move(enclosures)));
  if (!x.summary.empty()) {
    Put(&e, {"summary", "description"}, Value::Str(x.summary));
    Put(&e, {"summary_detail", "description_detail"},
        Detail(x.summary, x.summary_type, x.summary_detail));
  } else if (!x.content.empty() &&
             (x.content_type == "text/plain" || x.content_type == "text/html" ||
              x.content_type == "application/xhtml+xml")) {
    // feedparser copies text content into an absent summary.
    Put(&e, {"summary", "description"}, Value::Str(x.content));
    Put(&e, {"summary_detail", "description_detail"},
        Detail(x.content, x.content_type, x.content_detail));
  }
  if (!x.content.empty()) {
    e.emplace_back(
        "content",
        Value::List({Detail(x.content, x.content_type, x.content_detail)}));
  }
  PutDate(&e, {"published", "issued"}, {"published_parsed", "issued_parsed"},
          x.published_text, x.published);
  PutDate(&e, {"updated", "modified", "date"},
          {"updated_parsed", "modified_parsed", "date_parsed"}, x.updated_text,
          x.updated);
  if (x.created) e.emplace_back("created_parsed", TimeTuple(*x.created));
  if (!x.author.empty() || !x.authors.empty()) {
    e.emplace_back(
        "author", Value::Str(!x.authors.empty() ? FeedparserAuthor(x.authors[0])
                                                : x.author));
    if (!x.authors.empty()) {
      e.emplace_back("author_detail", PersonValue(x.authors[0]));
      e.emplace_back("authors", PeopleValue(x.authors));
    }
  }
  if (!x.contributors.empty())
    e.emplace_back("contributors", PeopleValue(x.contributors));
  if (!x.categories.empty()) {
    e.emplace_back("tags", TagsValue(x.categories));
    e.emplace_back("category", Value::Str(x.categories[0].term));
  }
  if (!x.comments_url.empty())
    e.emplace_back("comments", Value::Str(x.comments_url));
  if (x.comment_count) {
    Put(&e, {"slash_comments", "thr_total"},
        Value::Str(std::to_string(*x.comment_count)));
  }
  if (!x.rights.empty()) {
    Put(&e, {"rights", "copyright"}, Value::Str(x.rights));
    Put(&e, {"rights_detail", "copyright_detail"},
        Detail(x.rights, "text/plain", {}));
  }
  if (x.source) {
    e.emplace_back("source", FeedValue(*x.source));
  } else if (!x.source_title.empty() || !x.source_url.empty()) {
    Entries s;
    if (!x.source_title.empty())
      s.emplace_back("title", Value::Str(x.source_title));
    if (!x.source_url.empty()) s.emplace_back("href", Value::Str(x.source_url));
    e.emplace_back("source", Value::ModelDict(std::move(s), {"title", "href"}));
  }
  if (!x.image_url.empty()) {
    e.emplace_back("image", Value::ModelDict(
                                {{"href", Value::Str(x.image_url)}}, {"href"}));
  }
  return Value::ModelDict(std::move(e), EntryKeys());
}

struct TestFile {
  std::string expect;
  std::string content_type;
  std::string content_location;
  std::string content_language;
};

// Reads the "Header:" and "Expect:" lines of a test file's leading
// comment. Wide encodings are read by dropping NUL bytes.
TestFile ReadTestHeader(std::string bytes) {
  if (bytes.find('\0') != std::string::npos) {
    bytes.erase(std::remove(bytes.begin(), bytes.end(), '\0'), bytes.end());
  }
  TestFile t;
  const std::size_t end_comment = bytes.find("-->");
  std::string_view head(bytes.data(), end_comment == std::string::npos
                                          ? bytes.size()
                                          : end_comment);
  std::size_t pos = 0;
  while (pos < head.size()) {
    std::size_t eol = head.find('\n', pos);
    if (eol == std::string_view::npos) eol = head.size();
    std::string_view line = head.substr(pos, eol - pos);
    pos = eol + 1;
    const std::size_t expect = line.find("Expect:");
    if (expect != std::string_view::npos) {
      std::string_view rest = line.substr(expect + 7);
      t.expect = Trim(rest);
      continue;
    }
    const std::size_t header = line.find("Header:");
    if (header != std::string_view::npos) {
      const std::string h = Trim(line.substr(header + 7));
      const std::size_t colon = h.find(':');
      if (colon == std::string::npos) continue;
      const std::string name = ToLower(Trim(h.substr(0, colon)));
      const std::string value = Trim(h.substr(colon + 1));
      if (name == "content-type") t.content_type = value;
      if (name == "content-location") t.content_location = value;
      if (name == "content-language") t.content_language = value;
    }
  }
  // The JSON test keeps its header inside a string value.
  if (!t.expect.empty() && t.expect.back() == '"') t.expect.pop_back();
  return t;
}

void Count(CheckCounts* counts, const Value& v) {
  if (v.kind() == Value::Kind::kUnsupported) {
    ++counts->unsupported;
  } else if (!v.IsSpecial() && v.Truthy()) {
    ++counts->pass;
  } else {
    ++counts->fail;
  }
}

// ---------------------------------------------------------------------------
// gofeed.

std::string JsonText(const nlohmann::json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_object()) {
    for (const char* k : {"value", "term", "name", "href", "url"}) {
      auto it = j.find(k);
      if (it != j.end() && it->is_string()) return it->get<std::string>();
    }
  }
  if (j.is_number()) return j.dump();
  return "";
}

class FieldComparer {
 public:
  FieldComparer(const std::string& file, GofeedReport* report)
      : file_(file), report_(report) {}

  void Text(const std::string& field, const nlohmann::json& expected,
            const std::string& got) {
    const std::string want = Trim(JsonText(expected));
    ++report_->fields;
    if (want == Trim(got)) {
      ++report_->agree;
    } else {
      report_->disagreements.push_back(file_ + ": " + field + ": expected \"" +
                                       want + "\" got \"" + got + "\"");
    }
  }

  void Date(const std::string& field, const nlohmann::json& expected,
            const std::optional<UnixSeconds>& got) {
    if (!expected.is_string()) return;
    const std::optional<UnixSeconds> want =
        ParseDate(expected.get<std::string>());
    ++report_->fields;
    if (want == got) {
      ++report_->agree;
    } else {
      report_->disagreements.push_back(file_ + ": " + field + ": expected " +
                                       expected.get<std::string>() + " got " +
                                       (got ? FormatIso8601(*got) : "null"));
    }
  }

  void List(const std::string& field, const nlohmann::json& expected,
            const std::vector<std::string>& got) {
    if (!expected.is_array()) return;
    std::vector<std::string> want;
    for (const auto& x : expected) want.push_back(Trim(JsonText(x)));
    std::vector<std::string> have;
    for (const auto& x : got) have.push_back(Trim(x));
    ++report_->fields;
    if (want == have) {
      ++report_->agree;
    } else {
      std::string w, h;
      for (const auto& x : want) w += "[" + x + "]";
      for (const auto& x : have) h += "[" + x + "]";
      report_->disagreements.push_back(file_ + ": " + field + ": expected " +
                                       w + " got " + h);
    }
  }

 private:
  std::string file_;
  GofeedReport* report_;
};

void CompareGofeed(const std::string& name, const nlohmann::json& want,
                   const ParsedFeed& got, GofeedReport* report) {
  FieldComparer cmp(name, report);
  auto has = [](const nlohmann::json& j, const char* k) {
    return j.is_object() && j.contains(k) && !j[k].is_null();
  };
  if (has(want, "title")) cmp.Text("title", want["title"], got.title);
  if (has(want, "link") && want["link"].is_string()) {
    cmp.Text("link", want["link"], got.link);
  }
  if (has(want, "description")) {
    cmp.Text("description", want["description"], got.description);
  }
  if (has(want, "subtitle"))
    cmp.Text("subtitle", want["subtitle"], got.description);
  if (has(want, "language"))
    cmp.Text("language", want["language"], got.language);
  if (has(want, "updatedParsed")) {
    cmp.Date("updatedParsed", want["updatedParsed"], got.updated);
  }
  const nlohmann::json* items = nullptr;
  if (has(want, "items")) items = &want["items"];
  if (has(want, "entries")) items = &want["entries"];
  if (items == nullptr || !items->is_array()) return;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const nlohmann::json& w = (*items)[i];
    const std::string prefix = "items[" + std::to_string(i) + "].";
    if (i >= got.entries.size()) {
      // Every expected field of a missing item disagrees.
      for (auto it = w.begin(); it != w.end(); ++it) {
        ++report->fields;
        report->disagreements.push_back(name + ": " + prefix + it.key() +
                                        ": item missing");
      }
      continue;
    }
    const Entry& e = got.entries[i];
    if (has(w, "title")) cmp.Text(prefix + "title", w["title"], e.title);
    if (has(w, "link") && w["link"].is_string()) {
      cmp.Text(prefix + "link", w["link"], e.link);
    }
    if (has(w, "guid")) cmp.Text(prefix + "guid", w["guid"], e.id);
    if (has(w, "id") && w["id"].is_string())
      cmp.Text(prefix + "id", w["id"], e.id);
    if (has(w, "publishedParsed")) {
      // gofeed falls back to the update date (dc:date, Atom 0.3 modified).
      cmp.Date(prefix + "publishedParsed", w["publishedParsed"],
               e.published ? e.published : e.updated);
    }
    if (has(w, "updatedParsed")) {
      cmp.Date(prefix + "updatedParsed", w["updatedParsed"], e.updated);
    }
    const Person first = e.authors.empty() ? Person{} : e.authors.front();
    auto compare_person = [&](const std::string& field,
                              const nlohmann::json& p) {
      if (has(p, "name")) cmp.Text(field + ".name", p["name"], first.name);
      if (has(p, "email")) cmp.Text(field + ".email", p["email"], first.email);
    };
    if (has(w, "author")) {
      if (w["author"].is_object()) {
        compare_person(prefix + "author", w["author"]);
      } else {
        cmp.Text(prefix + "author", w["author"], e.author);
      }
    } else if (has(w, "authors") && w["authors"].is_array() &&
               !w["authors"].empty()) {
      compare_person(prefix + "authors[0]", w["authors"][0]);
    }
    if (has(w, "content"))
      cmp.Text(prefix + "content", w["content"], e.content);
    if (has(w, "description")) {
      cmp.Text(prefix + "description", w["description"], e.summary);
    }
    if (has(w, "summary"))
      cmp.Text(prefix + "summary", w["summary"], e.summary);
    if (has(w, "categories")) {
      // gofeed's universal model shows a category's label when it has one.
      const bool universal = name.rfind("translator/", 0) == 0;
      std::vector<std::string> cats;
      for (const Category& c : e.categories) {
        cats.push_back(universal && !c.label.empty() ? c.label : c.term);
      }
      cmp.List(prefix + "categories", w["categories"], cats);
    }
    if (has(w, "enclosures")) {
      std::vector<std::string> urls;
      for (const Enclosure& enc : e.enclosures) urls.push_back(enc.url);
      cmp.List(prefix + "enclosures", w["enclosures"], urls);
    }
  }
}

}  // namespace

std::map<std::string, Value> FeedparserView(const Result<ParsedFeed>& parsed) {
  std::map<std::string, Value> names;
  if (!parsed.ok()) {
    names["bozo"] = Value::Bool(true);
    names["feed"] = Value::ModelDict({}, FeedKeys());
    names["entries"] = Value::List({});
    return names;
  }
  const ParsedFeed& f = *parsed;
  names["bozo"] = Value::Bool(f.bozo);
  names["encoding"] = Value::Str(f.encoding);
  names["version"] = Value::Str(std::string(FeedFormatName(f.format)));
  names["feed"] = FeedValue(f);
  std::vector<Value> entries;
  for (const Entry& e : f.entries) entries.push_back(EntryValue(e));
  names["entries"] = Value::List(std::move(entries));
  return names;
}

Result<FeedparserReport> RunFeedparserSuite(const fs::path& tests_dir) {
  std::error_code ec;
  if (!fs::is_directory(tests_dir, ec)) {
    return Status::NotFound("feed: no feedparser tests at " +
                            tests_dir.string());
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(tests_dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file()) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  FeedparserReport report;
  for (const fs::path& path : files) {
    std::string bytes;
    if (!ReadFile(path, &bytes)) continue;
    const TestFile test = ReadTestHeader(bytes);
    if (test.expect.empty()) continue;
    const fs::path rel = fs::relative(path, tests_dir);
    auto part = rel.begin();
    const std::string folder = part->string();
    std::string subfolder = folder;
    if (++part != rel.end() && std::next(part) != rel.end()) {
      subfolder += '/';
      subfolder += part->string();
    }
    ParseOptions options;
    options.base_url =
        std::string(kFeedparserBase) + "tests/" + rel.generic_string();
    if (!test.content_location.empty()) {
      Result<std::string> loc =
          ResolveUrl(options.base_url, test.content_location);
      if (loc.ok()) options.base_url = *loc;
    }
    options.content_type = test.content_type;
    options.content_language = test.content_language;
    // feedparser's results are sanitized; compare like with like.
    options.sanitize_html = true;
    Result<ParsedFeed> parsed = ParseFeed(bytes, options);
    if (!parsed.ok()) ++report.parse_errors;
    const Value result = py::Evaluate(test.expect, FeedparserView(parsed));
    Count(&report.folders[folder], result);
    Count(&report.subfolders[subfolder], result);
    if (result.kind() == Value::Kind::kUnsupported) {
      report.unsupported.push_back(rel.generic_string() + ": " + result.s());
    } else if (result.IsSpecial() || !result.Truthy()) {
      report.failures.push_back(
          rel.generic_string() + ": " + test.expect +
          (result.IsSpecial() ? "  [" + result.s() + "]" : "") +
          (parsed.ok() ? "" : "  [" + parsed.status().message() + "]"));
    }
  }
  return report;
}

Result<GofeedReport> RunGofeedSuite(const fs::path& testdata_dir) {
  std::error_code ec;
  if (!fs::is_directory(testdata_dir, ec)) {
    return Status::NotFound("feed: no gofeed testdata at " +
                            testdata_dir.string());
  }
  std::vector<std::pair<fs::path, fs::path>> pairs;  // (feed, expected)
  for (auto it = fs::recursive_directory_iterator(testdata_dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".json") continue;
    const fs::path& p = it->path();
    const std::string stem = p.stem().string();
    const std::string suffix = "_expected";
    if (stem.size() > suffix.size() &&
        stem.compare(stem.size() - suffix.size(), suffix.size(), suffix) == 0) {
      fs::path source = p.parent_path() /
                        (stem.substr(0, stem.size() - suffix.size()) + ".json");
      if (fs::exists(source)) pairs.emplace_back(source, p);
      continue;
    }
    fs::path xml = p;
    xml.replace_extension(".xml");
    if (fs::exists(xml)) pairs.emplace_back(xml, p);
  }
  std::sort(pairs.begin(), pairs.end());
  GofeedReport report;
  for (const auto& [source, expected] : pairs) {
    std::string feed_bytes, json_bytes;
    if (!ReadFile(source, &feed_bytes) || !ReadFile(expected, &json_bytes))
      continue;
    nlohmann::json want = nlohmann::json::parse(json_bytes, nullptr, false);
    if (want.is_discarded() || !want.is_object()) continue;
    ++report.files;
    const std::string name =
        fs::relative(source, testdata_dir).generic_string();
    Result<ParsedFeed> parsed = ParseFeed(feed_bytes);
    if (!parsed.ok()) {
      ParsedFeed empty;
      CompareGofeed(name + " [" + parsed.status().message() + "]", want, empty,
                    &report);
      continue;
    }
    CompareGofeed(name, want, *parsed, &report);
  }
  return report;
}

}  // namespace tidings::feed
