#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "base/test_util.h"
#include "extract/extractor.h"
#include "summarize/eval_data.h"
#include "summarize/rouge.h"
#include "summarize/summarizer.h"
#include "text/stopwords.h"
#include "text/tokenize.h"

namespace tidings::summarize {
namespace {

std::filesystem::path FrankDir() {
  return testing::DataDir() / "summarization" / "frank" / "data" /
         "articles-wmetrics-reference-json";
}

// Our ROUGE matches the pyrouge (ROUGE-1.5.5) scores FRANK stores for each
// system summary: mean absolute difference under 0.5 points.
TEST(RougeEvalTest, MatchesStoredPyrougeScores) {
  TIDINGS_REQUIRE_DATA(FrankDir());
  auto docs = LoadEvalDocs(FrankDir(), "");
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  RougeScorer scorer;
  double d1 = 0, d2 = 0, dl = 0, r1 = 0;
  int n = 0;
  for (const EvalDoc& doc : *docs) {
    for (const StoredRouge& s : doc.stored) {
      RougeScores ours = scorer.Score({s.summary}, {s.reference});
      d1 += std::abs(ours.rouge1.f1 - s.rouge1_f);
      d2 += std::abs(ours.rouge2.f1 - s.rouge2_f);
      dl += std::abs(ours.rouge_l.f1 - s.rouge_l_f);
      r1 += std::abs(ours.rouge1.recall - s.rouge1_r);
      ++n;
    }
  }
  ASSERT_GT(n, 2000);
  d1 = 100 * d1 / n;
  d2 = 100 * d2 / n;
  dl = 100 * dl / n;
  r1 = 100 * r1 / n;
  std::printf(
      "summaries=%d mean |diff| points: R1-F %.3f R2-F %.3f RL-F %.3f "
      "R1-R %.3f\n",
      n, d1, d2, dl, r1);
  EXPECT_LT(d1, 0.5);
  EXPECT_LT(d2, 0.5);
  EXPECT_LT(dl, 0.5);
  EXPECT_LT(r1, 0.5);
}

void Print(const char* set, const EvalResult& r) {
  std::printf(
      "%s docs=%d\n  ours  R1 %.2f R2 %.2f RL %.2f RLsum %.2f (%.1f words)\n"
      "  lead3 R1 %.2f R2 %.2f RL %.2f RLsum %.2f (%.1f words)\n",
      set, r.docs, 100 * r.ours.rouge1.f1, 100 * r.ours.rouge2.f1,
      100 * r.ours.rouge_l.f1, 100 * r.ours.rouge_lsum.f1, r.ours_words,
      100 * r.lead.rouge1.f1, 100 * r.lead.rouge2.f1, 100 * r.lead.rouge_l.f1,
      100 * r.lead.rouge_lsum.f1, r.lead_words);
}

// The target: on FRANK's 250 CNN/DailyMail articles our ROUGE-1, -2
// and -Lsum F1 are at least Lead-3's (same code, same documents). Floors are
// pinned slightly under the measured 41.71 / 19.31 / 37.84.
TEST(SummaryEvalTest, FrankCnnDailyMailBeatsLead3) {
  TIDINGS_REQUIRE_DATA(FrankDir());
  auto docs = LoadEvalDocs(FrankDir(), "cnndm");
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  EvalResult r = EvaluateSummaries(*docs, DefaultEvalOptions("cnndm"));
  Print("FRANK CNN/DM", r);
  EXPECT_EQ(r.docs, 250);
  EXPECT_GE(r.ours.rouge1.f1, r.lead.rouge1.f1);
  EXPECT_GE(r.ours.rouge2.f1, r.lead.rouge2.f1);
  EXPECT_GE(r.ours.rouge_lsum.f1, r.lead.rouge_lsum.f1);
  EXPECT_GE(r.ours.rouge1.f1, 0.415);
  EXPECT_GE(r.ours.rouge2.f1, 0.191);
  EXPECT_GE(r.ours.rouge_lsum.f1, 0.376);
}

// XSum references are one abstractive sentence; measured 19.09 / 2.63 /
// 14.64 (Lead-3 18.76 / 2.44 / 14.41).
TEST(SummaryEvalTest, FrankXsumFloors) {
  TIDINGS_REQUIRE_DATA(FrankDir());
  auto docs = LoadEvalDocs(FrankDir(), "xsum");
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  EvalResult r = EvaluateSummaries(*docs, DefaultEvalOptions("xsum"));
  Print("FRANK XSum", r);
  EXPECT_GE(r.ours.rouge1.f1, 0.185);
  EXPECT_GE(r.ours.rouge2.f1, 0.024);
  EXPECT_GE(r.ours.rouge_lsum.f1, 0.142);
}

// BBC News Summary: extractive references of about 44% of the article;
// measured 64.11 / 53.42 (Lead-3 44.52 / 35.88).
TEST(SummaryEvalTest, BbcNewsSummaryFloors) {
  auto dir = testing::DataDir() / "summarization" / "bbc-news-summary";
  TIDINGS_REQUIRE_DATA(dir);
  auto docs = LoadEvalDocs(dir, "");
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  EvalResult r = EvaluateSummaries(*docs, DefaultEvalOptions("bbc"));
  Print("BBC News Summary", r);
  EXPECT_GT(r.docs, 2000);
  EXPECT_GE(r.ours.rouge1.f1, 0.635);
  EXPECT_GE(r.ours.rouge2.f1, 0.528);
}

Result<std::string> ReadGzip(const std::filesystem::path& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return Status::IoError("cannot open " + path.string());
  std::string out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof(buf))) > 0) out.append(buf, n);
  gzclose(f);
  return out;
}

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Lower-case alphanumerics only: robust to whitespace and quote styles.
std::string Squash(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z')
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out.push_back(c);
  }
  return out;
}

std::string Section(const std::string& data, const std::string& name) {
  std::string tag = "[XSUM]" + name + "[XSUM]";
  size_t at = data.find(tag);
  if (at == std::string::npos) return "";
  at += tag.size();
  size_t end = data.find("[XSUM]", at);
  return data.substr(at,
                     end == std::string::npos ? std::string::npos : end - at);
}

// The off-topic guard on real BBC pages, whose HTML carries other stories'
// teasers, navigation and captions: every sentence of every summary of the
// extracted page must be part of the article's true text (INTRODUCTION +
// RESTBODY of the XSum extract). Also reports ROUGE against the
// INTRODUCTION (the one-sentence XSum reference) for ours and Lead-3.
TEST(SummaryEvalTest, XsumBbcPagesHaveNoForeignSentences) {
  auto root =
      testing::DataDir() / "summarization" / "xsum-bbc" / "XSum-Dataset";
  TIDINGS_REQUIRE_DATA(root);
  std::map<std::string, std::filesystem::path> data_files;
  for (const char* dir : {"xsum-extracts-from-downloads_Filtered",
                          "xsum-extracts-from-downloads_Leftover"}) {
    if (!std::filesystem::exists(root / dir)) continue;
    for (const auto& e : std::filesystem::directory_iterator(root / dir)) {
      data_files[e.path().stem().string()] = e.path();
    }
  }
  const std::regex id_re("-([0-9]+)\\.html\\.gz$");
  int pages = 0, sentences = 0, absent = 0, foreign = 0;
  // A content word has at least this many characters.
  constexpr size_t kMinContentLength = 4;
  // A sentence sharing less than this share of its content words with the
  // article's true text is about another story.
  constexpr double kMinSharedShare = 0.25;
  RougeScorer scorer;
  RougeScores ours_sum, lead_sum;
  SummaryOptions eval_options = DefaultEvalOptions("xsum").summary;
  for (const char* dir :
       {"xsum-raw-downloads_Filtered", "xsum-raw-downloads_Leftover"}) {
    if (!std::filesystem::exists(root / dir)) continue;
    for (const auto& e : std::filesystem::directory_iterator(root / dir)) {
      std::smatch m;
      std::string name = e.path().filename().string();
      if (!std::regex_search(name, m, id_re)) continue;
      auto data_path = data_files.find(m[1].str());
      if (data_path == data_files.end()) continue;
      auto html = ReadGzip(e.path());
      ASSERT_TRUE(html.ok());
      std::string data = ReadText(data_path->second);
      std::string truth =
          Squash(Section(data, "INTRODUCTION") + Section(data, "RESTBODY"));
      if (truth.empty()) continue;
      extract::ExtractOptions xo;
      xo.produce_html = false;
      auto article = extract::Extract(*html, xo);
      if (!article.ok() || article->paragraphs.empty()) continue;
      ++pages;
      auto summary =
          SummarizeArticle(article->title, article->paragraphs, "en");
      std::set<std::string> truth_words;
      text::ForEachWordToken(
          Section(data, "INTRODUCTION") + " " + Section(data, "RESTBODY"),
          [&](std::string_view t) { truth_words.emplace(t); });
      for (const auto& s : summary) {
        ++sentences;
        if (truth.find(Squash(s.text)) != std::string::npos) continue;
        // Not in the extract's body text. Absent sentences about the same
        // story (fact boxes, lists the extract dropped) share most of their
        // words with the body; another story's teaser does not.
        ++absent;
        int words = 0, shared = 0;
        text::ForEachWordToken(s.text, [&](std::string_view t) {
          if (t.size() < kMinContentLength || text::IsStopWord("en", t)) {
            return;
          }
          ++words;
          shared += truth_words.count(std::string(t)) ? 1 : 0;
        });
        bool other_story = words > 0 && shared < kMinSharedShare * words;
        foreign += other_story ? 1 : 0;
        std::printf("%s sentence in %s: %s\n",
                    other_story ? "FOREIGN" : "absent", name.c_str(),
                    s.text.c_str());
      }
      std::vector<std::string> ref = {Section(data, "INTRODUCTION")};
      std::vector<std::string> ours, lead;
      for (const auto& s : SummarizeArticle(article->title, article->paragraphs,
                                            "en", eval_options)) {
        ours.push_back(s.text);
      }
      for (const auto& s : LeadSentences(article->paragraphs, "en", 3)) {
        lead.push_back(s.text);
      }
      RougeScores o = scorer.Score(ours, ref);
      RougeScores l = scorer.Score(lead, ref);
      ours_sum.rouge1.f1 += o.rouge1.f1;
      ours_sum.rouge2.f1 += o.rouge2.f1;
      ours_sum.rouge_lsum.f1 += o.rouge_lsum.f1;
      lead_sum.rouge1.f1 += l.rouge1.f1;
      lead_sum.rouge2.f1 += l.rouge2.f1;
      lead_sum.rouge_lsum.f1 += l.rouge_lsum.f1;
    }
  }
  std::printf(
      "XSum-BBC pages=%d summary sentences=%d absent from body=%d "
      "foreign (other story)=%d\n",
      pages, sentences, absent, foreign);
  if (pages > 0) {
    std::printf(
        "  vs INTRODUCTION: ours R1 %.2f R2 %.2f RLsum %.2f; lead3 "
        "R1 %.2f R2 %.2f RLsum %.2f\n",
        100 * ours_sum.rouge1.f1 / pages, 100 * ours_sum.rouge2.f1 / pages,
        100 * ours_sum.rouge_lsum.f1 / pages, 100 * lead_sum.rouge1.f1 / pages,
        100 * lead_sum.rouge2.f1 / pages, 100 * lead_sum.rouge_lsum.f1 / pages);
  }
  EXPECT_GT(pages, 250);
  // Measured: 10 of ~2,400 sentences are absent from the extract's body;
  // on inspection all are about the same story (fact boxes, bullet lists
  // and live-commentary lines that XSum's extractor drops), including the
  // two that share under a quarter of their words with the body (a fact
  // box of the Syria chemical-weapons story, one of the Australian asylum
  // story). No teaser of another story.
  EXPECT_LE(foreign, 2);
  EXPECT_LE(absent, 10);
}

}  // namespace
}  // namespace tidings::summarize
