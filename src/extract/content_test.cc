#include "extract/content.h"

#include <gtest/gtest.h>

#include <string>

#include "extract/extractor.h"
#include "extract/page.h"

namespace tidings::extract {
namespace {

// Three long paragraphs that any extractor must keep.
const char kStory[] =
    "<p>The city council voted on Tuesday to expand the tram network to the "
    "northern districts, a plan that has been debated for a decade.</p>"
    "<p>Supporters say the line will cut commuting times by half, while "
    "critics argue that the cost, estimated at 400 million euros, is too "
    "high for a city of this size.</p>"
    "<p>Construction is expected to begin next spring and to last three "
    "years, according to the transport department, which will publish a "
    "detailed timetable in January.</p>";

std::string TextOf(const std::string& html) {
  auto article = Extract(html, ExtractOptions{});
  EXPECT_TRUE(article.ok()) << article.status().message();
  return article.ok() ? article->Text() : "";
}

TEST(ClassifyAttributesTest, NamesBoilerplateAndContent) {
  EXPECT_EQ(ClassifyAttributes("comments-area", "", ""),
            ClassVerdict::kStrongBoilerplate);
  EXPECT_EQ(ClassifyAttributes("share-bar", "", ""),
            ClassVerdict::kStrongBoilerplate);
  EXPECT_EQ(ClassifyAttributes("entry-content", "", ""),
            ClassVerdict::kContent);
  EXPECT_EQ(ClassifyAttributes("", "", "navigation"),
            ClassVerdict::kStrongBoilerplate);
  EXPECT_EQ(ClassifyAttributes("sidebar", "", ""),
            ClassVerdict::kWeakBoilerplate);
  // "header" as a token, not as a substring of "subheader-free" words.
  EXPECT_EQ(ClassifyAttributes("ad", "", ""), ClassVerdict::kWeakBoilerplate);
  EXPECT_EQ(ClassifyAttributes("download-link", "", ""),
            ClassVerdict::kNeutral);
  // Feature flags and "commentary" do not make an article boilerplate.
  EXPECT_NE(ClassifyAttributes("article modal-enabled", "", ""),
            ClassVerdict::kStrongBoilerplate);
  EXPECT_NE(ClassifyAttributes("news commentary", "", ""),
            ClassVerdict::kStrongBoilerplate);
}

TEST(CleanTest, MarksNavigationAndCommentsRemoved) {
  auto page = Page::Parse(
      "<html><body><nav><a href='/'>Home</a></nav>"
      "<div id='comments'><p>Great post!</p></div><div>" +
      std::string(kStory) + "</div></body></html>");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(Clean(**page), 2);
  BlockList blocks = BuildBlocks(**page, (*page)->body());
  ASSERT_EQ(blocks.blocks.size(), 3u);
  EXPECT_EQ(blocks.blocks[0].text.substr(0, 8), "The city");
}

TEST(BuildBlocksTest, SplitsOnDoubleBreakAndKeepsOrder) {
  auto page = Page::Parse(
      "<html><body><div>First line<br>same block<br><br>second "
      "<b>block</b></div><h2>Head</h2><ul><li>one</li><li>two</li></ul>"
      "</body></html>");
  ASSERT_TRUE(page.ok());
  BlockList blocks = BuildBlocks(**page, (*page)->body());
  ASSERT_EQ(blocks.blocks.size(), 5u);
  EXPECT_EQ(blocks.blocks[0].text, "First line same block");
  EXPECT_EQ(blocks.blocks[1].text, "second block");
  EXPECT_EQ(blocks.blocks[2].kind, BlockKind::kHeading);
  EXPECT_EQ(blocks.blocks[3].kind, BlockKind::kListItem);
  EXPECT_EQ(blocks.blocks[3].group, blocks.blocks[4].group);
}

TEST(ExtractTest, RemovesBoilerplateAroundTheStory) {
  std::string text = TextOf(
      "<html><body><header><a href='/'>Logo</a><a href='/a'>News</a>"
      "<a href='/b'>Sport</a></header>"
      "<div class='cookie-banner'><p>We use cookies to improve your "
      "experience on our website. By continuing you accept them.</p></div>"
      "<article>" +
      std::string(kStory) +
      "</article><aside><h3>Most read</h3><ul><li><a href='/1'>Another "
      "story about something else entirely</a></li></ul></aside>"
      "<footer><p>Copyright 2024 Example News. All rights "
      "reserved.</p></footer></body></html>");
  EXPECT_NE(text.find("The city council voted"), std::string::npos);
  EXPECT_NE(text.find("detailed timetable in January."), std::string::npos);
  EXPECT_EQ(text.find("cookies"), std::string::npos);
  EXPECT_EQ(text.find("Most read"), std::string::npos);
  EXPECT_EQ(text.find("Copyright"), std::string::npos);
  EXPECT_EQ(text.find("Logo"), std::string::npos);
}

TEST(ExtractTest, DropsTeaserBlocksOfOtherStories) {
  std::string text = TextOf(
      "<html><body><div class='story'>" + std::string(kStory) +
      "</div><div class='related-stories'><h2>Related</h2>"
      "<div class='teaser'><a href='/x'>Mayor resigns</a><p>The mayor "
      "stepped down on Monday after weeks of pressure from the opposition "
      "parties in the council.</p></div></div>"
      "<p><a href='/more'>Read more: how the tram plan was born</a></p>"
      "</body></html>");
  EXPECT_NE(text.find("The city council voted"), std::string::npos);
  EXPECT_EQ(text.find("mayor stepped down"), std::string::npos);
  EXPECT_EQ(text.find("Read more"), std::string::npos);
}

TEST(ExtractTest, DropsUnnamedTeaserCardsInsideTheStory) {
  // Cards with neutral class names: the headline link of another story
  // makes the card a teaser, the paragraph alone looks like article text.
  std::string text = TextOf(
      "<html><body><article>" + std::string(kStory) +
      "<div class='box'><div><a href='/mayor'>Mayor resigns after weeks of "
      "pressure</a></div><p>The mayor stepped down on Monday after weeks "
      "of pressure from the opposition parties in the council.</p></div>"
      "</article></body></html>");
  EXPECT_NE(text.find("The city council voted"), std::string::npos);
  EXPECT_NE(text.find("detailed timetable"), std::string::npos);
  EXPECT_EQ(text.find("mayor stepped down"), std::string::npos);
}

TEST(ExtractTest, DropsCaptionsAndPhotoCredits) {
  std::string text = TextOf(
      "<html><body><article><figure><img src='a.jpg'><figcaption>The new "
      "tram at the depot. Photo: Jane Roe/Agency</figcaption></figure>" +
      std::string(kStory) +
      "<p class='photo-credit'>Photo: Getty Images</p></article></body>"
      "</html>");
  EXPECT_NE(text.find("The city council voted"), std::string::npos);
  EXPECT_EQ(text.find("depot"), std::string::npos);
  EXPECT_EQ(text.find("Getty"), std::string::npos);
}

TEST(ExtractTest, KeepsHeadingsListsAndQuotesInOrder) {
  auto article = Extract(
      "<html><head><title>Tram plan approved | City News</title></head>"
      "<body><article><h1>Tram plan approved</h1>" +
          std::string(kStory) +
          "<h2>What happens next</h2><ul><li>Tenders in "
          "February</li><li>Works from May</li></ul><blockquote><p>This is "
          "a historic day for the city and for everyone who lives "
          "here.</p></blockquote><p>The council will meet again in March "
          "to approve the final budget for the first phase.</p></article>"
          "</body></html>",
      ExtractOptions{});
  ASSERT_TRUE(article.ok());
  EXPECT_EQ(article->title, "Tram plan approved");
  const auto& p = article->paragraphs;
  ASSERT_GE(p.size(), 8u);
  // The <h1> repeats the title and is not part of the text.
  EXPECT_EQ(p[0].substr(0, 8), "The city");
  EXPECT_EQ(p[3], "What happens next");
  EXPECT_EQ(p[4], "Tenders in February");
  EXPECT_EQ(p[5], "Works from May");
  EXPECT_NE(article->html.find("<h2>What happens next</h2>"),
            std::string::npos);
  EXPECT_NE(article->html.find("<ul>\n<li>Tenders in February</li>"),
            std::string::npos);
  EXPECT_NE(article->html.find("<blockquote>This is a historic"),
            std::string::npos);
  EXPECT_GT(article->word_count, 60);
}

TEST(ExtractTest, SanitizedHtmlKeepsOnlyHttpLinksAndEscapes) {
  auto article = Extract(
      "<html><body><article>" + std::string(kStory) +
          "<p>See <a href='https://example.com/plan?a=1&amp;b=2'>the "
          "plan</a> and <a href='javascript:alert(1)'>this</a>, "
          "<em>all</em> of it &lt;script&gt; safe, as <strong>the "
          "council</strong> said on Tuesday evening.</p></article></body>"
          "</html>",
      ExtractOptions{});
  ASSERT_TRUE(article.ok());
  const std::string& html = article->html;
  EXPECT_NE(html.find("<a href=\"https://example.com/plan?a=1&amp;b=2\">the "
                      "plan</a>"),
            std::string::npos);
  EXPECT_EQ(html.find("javascript"), std::string::npos);
  EXPECT_NE(html.find("<em>all</em>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("<strong>the council</strong>"), std::string::npos);
}

TEST(ExtractTest, MalformedAndBinaryInputsGiveClearResults) {
  EXPECT_FALSE(Extract("", ExtractOptions{}).ok());
  std::string binary;
  for (int i = 0; i < 1000; ++i) binary.push_back(static_cast<char>(i % 8 + 1));
  EXPECT_EQ(Extract(binary, ExtractOptions{}).status().code(),
            StatusCode::kCorruption);
  auto unclosed = Extract("<html><body><div><p>" + std::string(kStory) +
                              "<div><span><table><tr><td>",
                          ExtractOptions{});
  ASSERT_TRUE(unclosed.ok());
  EXPECT_NE(unclosed->Text().find("tram network"), std::string::npos);
  // Deep nesting stays linear and does not crash.
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div>";
  deep += kStory;
  EXPECT_TRUE(Extract(deep, ExtractOptions{}).ok());
}

TEST(BoilerplatePhraseTest, RecognisesShortNotices) {
  EXPECT_TRUE(IsBoilerplatePhrase("Read more"));
  EXPECT_TRUE(IsBoilerplatePhrase("Weiterlesen …"));
  EXPECT_TRUE(IsBoilerplatePhrase("\xC2\xA9 2024 Example GmbH"));
  EXPECT_FALSE(IsBoilerplatePhrase("The council read more than 200 pages."));
}

TEST(BoilerplatePhraseTest, CopyrightNoticeOfAnyLengthIsBoilerplate) {
  EXPECT_TRUE(IsBoilerplatePhrase(
      "\xC2\xA9 2022, Example News. This article is the property of Example "
      "News. Written permission must be obtained before any reprint in "
      "online or print media; reprinting without permission is theft."));
}

TEST(ExtractTest, DropsBoxesAppendedAfterTheArticleText) {
  const std::string html =
      "<html><body><div class='wrap'><div class='body'>" + std::string(kStory) +
      "</div><div class='bio'><p>Jane Doe is a reporter who covers city "
      "politics and transport for our newsroom since 2015.</p></div>"
      "</div></body></html>";
  const std::string text = TextOf(html);
  EXPECT_NE(text.find("Construction is expected"), std::string::npos);
  EXPECT_EQ(text.find("Jane Doe"), std::string::npos);
}

TEST(ExtractTest, KeepsArticleSectionsOfTheSameShape) {
  const std::string html =
      "<html><body><div class='wrap'><section class='part'>" +
      std::string(kStory) +
      "</section><div class='ad'>Advertisement</div><section class='part'>"
      "<p>The second part of the story explains how the tram will be "
      "financed by the region and the state.</p></section></div></body>"
      "</html>";
  EXPECT_NE(TextOf(html).find("second part of the story"), std::string::npos);
}

TEST(ExtractTest, KeepsLeadSetInAHeading) {
  const std::string html =
      "<html><body><div class='wrap'><h2>The council approved the tram plan "
      "on Tuesday. It will cost 400 million euros and open in three "
      "years.</h2><div class='body'>" +
      std::string(kStory) + "</div></div></body></html>";
  EXPECT_NE(TextOf(html).find("It will cost 400 million"), std::string::npos);
}

TEST(ExtractTest, NulBytesDoNotCutThePage) {
  std::string html = "<html><body><div>" + std::string(kStory) + "</div>";
  html.append(3, '\0');
  html +=
      "<div><p>After the stray bytes the story goes on with a last, long "
      "paragraph about the tram and its timetable.</p></div></body></html>";
  EXPECT_NE(TextOf(html).find("After the stray bytes"), std::string::npos);
}

TEST(ExtractTest, UsesStructuredArticleBodyWhenThePageShowsLittleText) {
  // The JSON string holds escaped newlines between its paragraphs.
  std::string body;
  for (int i = 0; i < 12; ++i) {
    body += "Paragraph " + std::to_string(i) +
            " of a story that the page renders by script only.\\n";
  }
  const std::string html =
      "<html><head><script type='application/ld+json'>{\"@type\":"
      "\"NewsArticle\",\"headline\":\"Tram\",\"articleBody\":\"" +
      body +
      "\"}</script></head><body><div id='app'>Loading</div></body></html>";
  auto article = Extract(html, ExtractOptions{});
  ASSERT_TRUE(article.ok());
  ASSERT_EQ(article->paragraphs.size(), 12u);
  EXPECT_EQ(article->paragraphs[11],
            "Paragraph 11 of a story that the page renders by script only.");
}

}  // namespace
}  // namespace tidings::extract
