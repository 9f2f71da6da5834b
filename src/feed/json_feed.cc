// JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/).
#include <nlohmann/json.hpp>

#include "base/date.h"
#include "base/url.h"
#include "feed/parsers.h"
#include "feed/xml_util.h"

namespace tidings::feed {
namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  return Trim(it->get<std::string>());
}

std::string Resolve(const std::string& base, const std::string& ref) {
  if (base.empty() || ref.empty()) return ref;
  Result<std::string> r = ResolveUrl(base, ref);
  return r.ok() ? *r : ref;
}

std::vector<Person> People(const json& j) {
  std::vector<Person> people;
  auto add = [&](const json& a) {
    if (!a.is_object()) return;
    Person p{Str(a, "name"), "", Str(a, "url")};
    if (p.url.rfind("mailto:", 0) == 0) {
      p.email = p.url.substr(7);
      p.url.clear();
    }
    if (!p.empty()) people.push_back(std::move(p));
  };
  if (auto it = j.find("authors"); it != j.end() && it->is_array()) {
    for (const json& a : *it) add(a);
  }
  if (people.empty()) {
    if (auto it = j.find("author"); it != j.end()) add(*it);
  }
  return people;
}

}  // namespace

Status ParseJsonFeed(std::string_view utf8, const ParseOptions& options,
                     ParsedFeed* feed) {
  // No exceptions: parse errors give a discarded value.
  json doc = json::parse(utf8.begin(), utf8.end(), nullptr,
                         /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return Status::Corruption("feed: JSON does not parse");
  }
  if (!doc.is_object()) {
    return Status::Unsupported("feed: JSON document is not a JSON Feed");
  }
  const std::string version = Str(doc, "version");
  if (version.find("jsonfeed.org") == std::string::npos &&
      doc.find("items") == doc.end()) {
    return Status::Unsupported("feed: JSON document is not a JSON Feed");
  }
  feed->format = version.find("/1.1") != std::string::npos
                     ? FeedFormat::kJson11
                     : FeedFormat::kJson10;
  if (version.find("jsonfeed.org") == std::string::npos) {
    feed->bozo = true;
    feed->bozo_reason = "feed: JSON Feed without a version";
  }
  const std::string& base = options.base_url;
  feed->title = Str(doc, "title");
  feed->link = Resolve(base, Str(doc, "home_page_url"));
  feed->self_url = Resolve(base, Str(doc, "feed_url"));
  feed->description = Str(doc, "description");
  feed->description_type = "text/plain";
  feed->language = Str(doc, "language");
  feed->image_url = Resolve(base, Str(doc, "icon"));
  feed->icon_url = Resolve(base, Str(doc, "favicon"));
  feed->authors = People(doc);
  if (!feed->link.empty())
    feed->links.push_back({feed->link, "alternate", "text/html", "", 0});
  if (!feed->self_url.empty()) {
    feed->links.push_back(
        {feed->self_url, "self", "application/feed+json", "", 0});
  }
  if (auto it = doc.find("hubs"); it != doc.end() && it->is_array()) {
    for (const json& h : *it) {
      if (h.is_object() && feed->hub_url.empty()) feed->hub_url = Str(h, "url");
    }
  }
  auto items = doc.find("items");
  if (items == doc.end() || !items->is_array()) return Status::Ok();
  for (const json& item : *items) {
    if (!item.is_object()) continue;
    if (feed->entries.size() >= options.max_entries) break;
    Entry e;
    if (auto id = item.find("id"); id != item.end()) {
      if (id->is_string()) {
        e.id = id->get<std::string>();
      } else if (id->is_number()) {
        e.id = id->dump();
      }
    }
    e.title = Str(item, "title");
    e.title_type = "text/plain";
    e.link = Resolve(base, Str(item, "url"));
    const std::string external = Resolve(base, Str(item, "external_url"));
    if (!e.link.empty()) e.links.push_back({e.link, "alternate", "", "", 0});
    if (!external.empty()) e.links.push_back({external, "related", "", "", 0});
    if (e.link.empty()) e.link = external;
    const std::string html = Str(item, "content_html");
    const std::string text = Str(item, "content_text");
    if (!html.empty()) {
      e.content = html;
      e.content_type = "text/html";
    } else {
      e.content = text;
      e.content_type = "text/plain";
    }
    e.summary = Str(item, "summary");
    e.summary_type = "text/plain";
    e.image_url = Resolve(base, Str(item, "image"));
    if (e.image_url.empty())
      e.image_url = Resolve(base, Str(item, "banner_image"));
    e.published_text = Str(item, "date_published");
    e.published = ParseDate(e.published_text);
    e.updated_text = Str(item, "date_modified");
    e.updated = ParseDate(e.updated_text);
    e.authors = People(item);
    if (e.authors.empty()) e.authors = feed->authors;
    e.language = Str(item, "language");
    if (auto tags = item.find("tags"); tags != item.end() && tags->is_array()) {
      for (const json& t : *tags) {
        if (t.is_string())
          AddCategory(&e.categories, {t.get<std::string>(), "", ""});
      }
    }
    if (auto att = item.find("attachments");
        att != item.end() && att->is_array()) {
      for (const json& a : *att) {
        if (!a.is_object()) continue;
        Enclosure enc{Resolve(base, Str(a, "url")), Str(a, "mime_type"), 0};
        if (auto size = a.find("size_in_bytes");
            size != a.end() && size->is_number_integer()) {
          enc.length = size->get<std::int64_t>();
        }
        if (!enc.url.empty()) e.enclosures.push_back(std::move(enc));
      }
    }
    feed->entries.push_back(std::move(e));
  }
  return Status::Ok();
}

}  // namespace tidings::feed
