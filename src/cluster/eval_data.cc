#include "cluster/eval_data.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <unordered_map>
#include <utility>

namespace tidings::cluster {
namespace {

// Synthetic stream for files without times: one article a second from this
// start (2014-01-01), so a whole set fits in the default window.
constexpr UnixSeconds kSyntheticStart = 1388534400;
constexpr int kUciFields = 8;
constexpr std::int64_t kMillisPerSecond = 1000;

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cluster: cannot open " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::IoError("cluster: cannot read " + path);
  return buffer.str();
}

std::string_view StripCr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// Splits `content` into records of fields. Tab dialect: one line per
// record, no quoting. Comma dialect: RFC 4180 quotes ("" inside quotes),
// quoted fields may span lines. `complete` tells whether the last record
// ended cleanly (newline or end of input outside quotes).
struct Record {
  std::vector<std::string> fields;
  bool unterminated_quote = false;
};

std::vector<Record> SplitRecords(std::string_view content, char sep) {
  std::vector<Record> records;
  Record current;
  std::string field;
  bool in_quotes = false;
  bool field_started = false;
  auto end_field = [&] {
    current.fields.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_record = [&] {
    end_field();
    bool blank = current.fields.size() == 1 && current.fields[0].empty();
    if (!blank) records.push_back(std::move(current));
    current = Record();
  };
  for (size_t i = 0; i < content.size(); ++i) {
    char c = content[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < content.size() && content[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        field.push_back(c);
      }
      continue;
    }
    if (c == sep) {
      end_field();
    } else if (c == '\n') {
      if (!field.empty() && field.back() == '\r') field.pop_back();
      end_record();
    } else if (c == '"' && sep == ',' && !field_started) {
      in_quotes = true;
      field_started = true;
    } else {
      field.push_back(c);
      field_started = true;
    }
  }
  if (in_quotes) current.unterminated_quote = true;
  if (!field.empty() || !current.fields.empty() || in_quotes) {
    if (!field.empty() && field.back() == '\r') field.pop_back();
    end_field();
    records.push_back(std::move(current));
  }
  return records;
}

bool ParseInt(std::string_view s, std::int64_t* out) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

Result<EvalData> ReadGoogleNews(const std::string& path) {
  TIDINGS_ASSIGN_OR_RETURN(std::string content, ReadFile(path));
  EvalData data;
  size_t pos = 0;
  int line_no = 0;
  while (pos < content.size()) {
    size_t end = content.find('\n', pos);
    bool last = end == std::string::npos;
    if (last) end = content.size();
    std::string_view line =
        StripCr(std::string_view(content).substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    std::string where = path + ":" + std::to_string(line_no);
    if (j.is_discarded() || !j.is_object() || !j.contains("text") ||
        !j["text"].is_string() || !j.contains("cluster") ||
        !(j["cluster"].is_number_integer() || j["cluster"].is_string())) {
      if (last) {
        data.warnings.push_back("cluster: " + where +
                                ": skipped truncated last line");
        break;
      }
      return Status::Corruption("cluster: " + where +
                                ": expected {\"text\": string, \"cluster\": "
                                "label}");
    }
    LabeledDoc d;
    d.doc.id = static_cast<model::Id>(data.docs.size() + 1);
    d.doc.text = j["text"].get<std::string>();
    d.doc.time = kSyntheticStart + static_cast<UnixSeconds>(data.docs.size());
    d.gold = j["cluster"].is_string()
                 ? j["cluster"].get<std::string>()
                 : std::to_string(j["cluster"].get<std::int64_t>());
    data.docs.push_back(std::move(d));
  }
  return data;
}

Result<EvalData> ParseUciNews(std::string_view content, std::string_view name) {
  std::string_view first_line = content.substr(0, content.find('\n'));
  char sep = first_line.find('\t') != std::string_view::npos ? '\t' : ',';
  std::vector<Record> records = SplitRecords(content, sep);
  EvalData data;
  struct Row {
    LabeledDoc doc;
    std::int64_t millis;
  };
  std::vector<Row> rows;
  for (size_t i = 0; i < records.size(); ++i) {
    const Record& rec = records[i];
    bool last = i + 1 == records.size();
    std::string where = std::string(name) + ": row " + std::to_string(i + 1);
    if (i == 0 && !rec.fields.empty() && rec.fields[0] == "ID") continue;
    std::int64_t id = 0, millis = 0;
    bool ok = !rec.unterminated_quote &&
              static_cast<int>(rec.fields.size()) >= kUciFields &&
              ParseInt(rec.fields[0], &id) && ParseInt(rec.fields[7], &millis);
    if (!ok) {
      if (last) {
        data.warnings.push_back("cluster: " + where +
                                ": skipped truncated last row");
        break;
      }
      return Status::Corruption("cluster: " + where + ": expected " +
                                std::to_string(kUciFields) +
                                " fields ending in a millisecond TIMESTAMP");
    }
    Row row;
    row.millis = millis;
    row.doc.doc.id = id;
    row.doc.doc.title = rec.fields[1];
    row.doc.doc.publisher = rec.fields[3];
    row.doc.doc.time = millis / kMillisPerSecond;
    row.doc.gold = rec.fields[5];
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.millis < b.millis;
  });
  data.docs.reserve(rows.size());
  for (Row& row : rows) data.docs.push_back(std::move(row.doc));
  return data;
}

Result<EvalData> ReadUciNews(const std::string& path) {
  TIDINGS_ASSIGN_OR_RETURN(std::string content, ReadFile(path));
  return ParseUciNews(content, path);
}

Result<EvalData> ReadEvalData(const std::string& path,
                              std::string_view format) {
  std::string f(format);
  if (f.empty()) {
    bool json = path.size() >= 5 &&
                (path.ends_with(".jsonl") || path.ends_with(".json"));
    f = json ? "googlenews" : "uci";
  }
  if (f == "googlenews") return ReadGoogleNews(path);
  if (f == "uci") return ReadUciNews(path);
  return Status::InvalidArgument("cluster: unknown format '" + f +
                                 "' (googlenews or uci)");
}

ClusteringRun RunClustering(const EvalData& data,
                            const ClusterOptions& options) {
  StoryClusterer clusterer(options);
  std::vector<std::int64_t> keys;
  keys.reserve(data.docs.size());
  // Union-find over story keys, fed by the merges Add reports.
  std::unordered_map<std::int64_t, std::int64_t> parent;
  auto find = [&](std::int64_t k) {
    while (true) {
      auto it = parent.find(k);
      if (it == parent.end()) return k;
      k = it->second;
    }
  };
  auto start = std::chrono::steady_clock::now();
  double cpu_start = ThreadCpuSeconds();
  for (const LabeledDoc& d : data.docs) {
    Assignment a = clusterer.Add(d.doc);
    keys.push_back(a.story_key);
    if (a.merged_from != 0) {
      std::int64_t from = find(a.merged_from);
      std::int64_t into = find(a.story_key);
      if (from != into) parent[from] = into;
    }
  }
  double cpu_seconds = ThreadCpuSeconds() - cpu_start;
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  ClusteringRun run;
  double n = static_cast<double>(data.docs.size());
  run.articles_per_sec = cpu_seconds > 0 ? n / cpu_seconds : 0;
  run.articles_per_wall_sec = seconds > 0 ? n / seconds : 0;
  std::unordered_map<std::string, std::int64_t> gold_ids;
  std::vector<std::int64_t> gold;
  gold.reserve(data.docs.size());
  for (const LabeledDoc& d : data.docs) {
    auto [it, inserted] = gold_ids.try_emplace(
        d.gold, static_cast<std::int64_t>(gold_ids.size()));
    gold.push_back(it->second);
  }
  run.found.reserve(keys.size());
  for (std::int64_t k : keys) run.found.push_back(find(k));
  run.metrics = EvaluateClustering(gold, run.found);
  return run;
}

}  // namespace tidings::cluster
