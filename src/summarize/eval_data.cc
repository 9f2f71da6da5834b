#include "summarize/eval_data.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "text/sentences.h"
#include "text/tokenize.h"

namespace tidings::summarize {
namespace {

namespace fs = std::filesystem;

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("summarize: cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLowerOrDigit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ')';
}

// Some sets join paragraphs without a space ("community.Dr Venter"): a
// sentence end glued to an upper-case letter becomes a paragraph break.
std::string RepairGluedParagraphs(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 64);
  for (size_t i = 0; i < s.size(); ++i) {
    out.push_back(s[i]);
    char c = s[i];
    if ((c == '.' || c == '?' || c == '!') && i > 0 &&
        IsLowerOrDigit(s[i - 1])) {
      size_t j = i + 1;
      if (j < s.size() && (s[j] == '"' || s[j] == '\'')) {
        out.push_back(s[j]);
        i = j;
        ++j;
      }
      if (j < s.size() && IsUpper(s[j])) out.push_back('\n');
    }
  }
  return out;
}

// Sentences of tokenised text ("he left . she stayed ."): a ".", "!" or "?"
// token ends one.
std::vector<std::string> SplitTokenized(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream words{std::string(s)};
  std::string w;
  while (words >> w) {
    if (!cur.empty()) cur.push_back(' ');
    cur += w;
    if (w == "." || w == "!" || w == "?") {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

bool LooksTokenized(std::string_view s) {
  return s.find(" . ") != std::string_view::npos ||
         (s.size() >= 2 && s.substr(s.size() - 2) == " .");
}

std::vector<std::string> Sentences(std::string_view s) {
  if (LooksTokenized(s)) return SplitTokenized(s);
  std::vector<std::string> out;
  for (auto& sentence : text::SplitSentences(s, "en")) {
    out.push_back(std::move(sentence.text));
  }
  return out;
}

// Removes <t> and </t> markers; returns the marked segments in `segments`.
std::string StripMarkers(std::string_view s,
                         std::vector<std::string>* segments) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t open = s.find("<t>", i);
    if (open == std::string_view::npos) {
      out.append(s.substr(i));
      break;
    }
    out.append(s.substr(i, open - i));
    size_t close = s.find("</t>", open + 3);
    size_t end = close == std::string_view::npos ? s.size() : close;
    std::string_view seg = s.substr(open + 3, end - open - 3);
    size_t a = seg.find_first_not_of(' ');
    size_t b = seg.find_last_not_of(' ');
    if (a != std::string_view::npos) {
      if (segments) segments->emplace_back(seg.substr(a, b - a + 1));
      out.append(seg.substr(a, b - a + 1));
      out.push_back(' ');
    }
    i = close == std::string_view::npos ? s.size() : close + 4;
  }
  return out;
}

double Get(const nlohmann::json& rouge, const char* key) {
  auto it = rouge.find(key);
  return it != rouge.end() && it->is_number() ? it->get<double>() : 0.0;
}

std::string GetString(const nlohmann::json& j, const std::string& key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

Result<std::vector<EvalDoc>> LoadFrank(const fs::path& dir,
                                       std::string_view subset) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<EvalDoc> docs;
  for (const fs::path& f : files) {
    TIDINGS_ASSIGN_OR_RETURN(std::string body, ReadFile(f));
    nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("article")) {
      continue;  // Not an article file (FRANK keeps other JSON beside).
    }
    EvalDoc doc;
    doc.id = GetString(j, "id");
    if (doc.id.empty()) doc.id = GetString(j, "hash");
    if (doc.id.empty()) doc.id = f.stem().string();
    bool cnndm = doc.id.rfind("cnn-", 0) == 0 || doc.id.rfind("dm-", 0) == 0;
    if (subset == "cnndm" && !cnndm) continue;
    if (subset == "xsum" && cnndm) continue;
    doc.paragraphs =
        SplitParagraphs(RepairGluedParagraphs(GetString(j, "article")));
    std::string reference;
    if (j.contains("model_names") && j["model_names"].is_array()) {
      for (const auto& name_json : j["model_names"]) {
        if (!name_json.is_string()) continue;
        std::string name = name_json.get<std::string>();
        if (name.size() > 6 && name.substr(name.size() - 6) == "_lines") {
          name.resize(name.size() - 6);
        }
        if (name == "Gold") continue;
        StoredRouge s;
        s.system = name;
        s.summary = GetString(j, name);
        s.reference = GetString(j, name + "_reference");
        if (s.reference.empty()) s.reference = GetString(j, "Gold");
        if (reference.empty() || name == "bart") reference = s.reference;
        auto r = j.find(name + "_rouge");
        if (r == j.end() || !r->is_object() || s.summary.empty()) continue;
        s.rouge1_f = Get(*r, "rouge_1_f_score");
        s.rouge2_f = Get(*r, "rouge_2_f_score");
        s.rouge_l_f = Get(*r, "rouge_l_f_score");
        s.rouge1_r = Get(*r, "rouge_1_recall");
        s.rouge2_r = Get(*r, "rouge_2_recall");
        s.rouge_l_r = Get(*r, "rouge_l_recall");
        doc.stored.push_back(std::move(s));
      }
    }
    if (reference.empty()) reference = GetString(j, "Gold");
    doc.reference = Sentences(reference);
    docs.push_back(std::move(doc));
  }
  return docs;
}

Result<std::vector<EvalDoc>> LoadBbc(const fs::path& root) {
  std::vector<EvalDoc> docs;
  fs::path articles = root / "News Articles";
  fs::path summaries = root / "Summaries";
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(articles)) {
    if (e.is_regular_file() && e.path().extension() == ".txt") {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    fs::path rel = fs::relative(f, articles);
    fs::path sum = summaries / rel;
    if (!fs::exists(sum)) continue;
    TIDINGS_ASSIGN_OR_RETURN(std::string body, ReadFile(f));
    TIDINGS_ASSIGN_OR_RETURN(std::string ref, ReadFile(sum));
    EvalDoc doc;
    doc.id = rel.string();
    std::vector<std::string> lines = SplitParagraphs(body);
    if (lines.empty()) continue;
    doc.title = lines.front();
    doc.paragraphs.assign(lines.begin() + 1, lines.end());
    for (const std::string& p : SplitParagraphs(RepairGluedParagraphs(ref))) {
      for (auto& s : Sentences(p)) doc.reference.push_back(std::move(s));
    }
    docs.push_back(std::move(doc));
  }
  return docs;
}

Result<std::vector<EvalDoc>> LoadLineAligned(const fs::path& dir) {
  TIDINGS_ASSIGN_OR_RETURN(std::string src, ReadFile(dir / "src.txt"));
  TIDINGS_ASSIGN_OR_RETURN(std::string ref, ReadFile(dir / "ref.txt"));
  std::vector<std::string> src_lines;
  std::vector<std::string> ref_lines;
  std::istringstream a(src);
  std::istringstream b(ref);
  for (std::string line; std::getline(a, line);) src_lines.push_back(line);
  for (std::string line; std::getline(b, line);) ref_lines.push_back(line);
  if (src_lines.size() != ref_lines.size()) {
    return Status::Corruption("summarize: " + dir.string() + ": src.txt has " +
                              std::to_string(src_lines.size()) +
                              " lines but ref.txt " +
                              std::to_string(ref_lines.size()));
  }
  std::vector<EvalDoc> docs;
  for (size_t i = 0; i < src_lines.size(); ++i) {
    EvalDoc doc;
    doc.id = std::to_string(i + 1);
    std::string article = StripMarkers(src_lines[i], nullptr);
    if (LooksTokenized(article)) {
      doc.paragraphs = SplitTokenized(article);
    } else {
      doc.paragraphs = SplitParagraphs(article);
    }
    std::vector<std::string> segments;
    std::string reference = StripMarkers(ref_lines[i], &segments);
    doc.reference = segments.size() > 1 ? segments : Sentences(reference);
    docs.push_back(std::move(doc));
  }
  return docs;
}

double WordCount(const std::vector<model::SummarySentence>& s) {
  int n = 0;
  for (const auto& x : s) n += text::CountWords(x.text).words;
  return n;
}

void Add(RougeScore& sum, const RougeScore& s) {
  sum.precision += s.precision;
  sum.recall += s.recall;
  sum.f1 += s.f1;
}
void Add(RougeScores& sum, const RougeScores& s) {
  Add(sum.rouge1, s.rouge1);
  Add(sum.rouge2, s.rouge2);
  Add(sum.rouge_l, s.rouge_l);
  Add(sum.rouge_lsum, s.rouge_lsum);
}
void Divide(RougeScore& s, double n) {
  s.precision /= n;
  s.recall /= n;
  s.f1 /= n;
}
void Divide(RougeScores& s, double n) {
  Divide(s.rouge1, n);
  Divide(s.rouge2, n);
  Divide(s.rouge_l, n);
  Divide(s.rouge_lsum, n);
}

std::vector<std::string> Texts(const std::vector<model::SummarySentence>& s) {
  std::vector<std::string> out;
  for (const auto& x : s) out.push_back(x.text);
  return out;
}

}  // namespace

Result<std::vector<EvalDoc>> LoadEvalDocs(const fs::path& dir,
                                          std::string_view subset) {
  if (subset != "" && subset != "cnndm" && subset != "xsum") {
    return Status::InvalidArgument("summarize: unknown subset '" +
                                   std::string(subset) +
                                   "' (expected cnndm or xsum)");
  }
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::NotFound("summarize: " + dir.string() +
                            " is not a directory");
  }
  try {
    if (fs::exists(dir / "src.txt") && fs::exists(dir / "ref.txt")) {
      return LoadLineAligned(dir);
    }
    for (const fs::path& root : {dir, dir / "BBC News Summary"}) {
      if (fs::is_directory(root / "News Articles") &&
          fs::is_directory(root / "Summaries")) {
        return LoadBbc(root);
      }
    }
    for (const fs::path& root :
         {dir, dir / "articles-wmetrics-reference-json",
          dir / "data" / "articles-wmetrics-reference-json"}) {
      if (!fs::is_directory(root)) continue;
      for (const auto& e : fs::directory_iterator(root)) {
        if (e.path().extension() == ".json") return LoadFrank(root, subset);
      }
    }
  } catch (const fs::filesystem_error& e) {
    return Status::IoError(std::string("summarize: ") + e.what());
  }
  return Status::NotFound("summarize: " + dir.string() +
                          ": no FRANK JSON, BBC News Summary or "
                          "src.txt/ref.txt layout found");
}

std::string DetectEvalLayout(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir / "src.txt", ec) && fs::exists(dir / "ref.txt", ec)) {
    return "lines";
  }
  for (const fs::path& root : {dir, dir / "BBC News Summary"}) {
    if (fs::is_directory(root / "News Articles", ec) &&
        fs::is_directory(root / "Summaries", ec)) {
      return "bbc";
    }
  }
  for (const fs::path& root :
       {dir, dir / "articles-wmetrics-reference-json",
        dir / "data" / "articles-wmetrics-reference-json"}) {
    if (!fs::is_directory(root, ec)) continue;
    for (fs::directory_iterator it(root, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (it->path().extension() == ".json") return "frank";
    }
  }
  return "";
}

EvalOptions DefaultEvalOptions(std::string_view layout_hint) {
  EvalOptions o;
  if (layout_hint == "cnndm") {
    // CNN/DailyMail highlights are 3-4 sentences (about 56 words); three
    // sentences of at most 110 words match Lead-3's length, so the two are
    // compared at equal length.
    o.summary.target_words = 110;
    o.summary.max_sentences = 3;
  } else if (layout_hint == "xsum") {
    // XSum references are one abstractive sentence; the same three-sentence
    // budget as Lead-3 scores best under ROUGE F1.
    o.summary.target_words = 110;
    o.summary.max_sentences = 3;
  } else if (layout_hint == "bbc") {
    o.summary.target_words = 150;
  } else {
    o.summary.target_words = 110;
    o.summary.max_sentences = 3;
  }
  return o;
}

EvalResult EvaluateSummaries(const std::vector<EvalDoc>& docs,
                             const EvalOptions& options) {
  EvalResult result;
  RougeScorer scorer(options.rouge);
  for (const EvalDoc& doc : docs) {
    if (doc.reference.empty() || doc.paragraphs.empty()) continue;
    auto ours = SummarizeArticle(doc.title, doc.paragraphs, options.lang,
                                 options.summary);
    auto lead =
        LeadSentences(doc.paragraphs, options.lang, options.lead_sentences);
    Add(result.ours, scorer.Score(Texts(ours), doc.reference));
    Add(result.lead, scorer.Score(Texts(lead), doc.reference));
    result.ours_words += WordCount(ours);
    result.lead_words += WordCount(lead);
    ++result.docs;
  }
  if (result.docs > 0) {
    Divide(result.ours, result.docs);
    Divide(result.lead, result.docs);
    result.ours_words /= result.docs;
    result.lead_words /= result.docs;
  }
  return result;
}

}  // namespace tidings::summarize
