#include "feed/xml_util.h"

#include <gtest/gtest.h>
#include <libxml/tree.h>

#include <string>

#include "feed/encoding.h"

namespace tidings::feed {
namespace {

// Longer than one 16-byte scan block, so repairs land inside, at the edge
// of and after the blocks CleanXml skips whole.
const std::string kCleanPrefix(37, 'x');

TEST(CleanXml, ReturnsTheInputItselfWhenNothingNeedsRepair) {
  const std::string xml =
      "<a>" + kCleanPrefix + " &amp; &lt; &#233; &#x41;\n\t<![CDATA[ & ]]></a>";
  std::string storage;
  std::string problem;
  const std::string_view clean = CleanXml(xml, &storage, &problem);
  EXPECT_EQ(clean.data(), xml.data());
  EXPECT_EQ(clean.size(), xml.size());
  EXPECT_TRUE(problem.empty());
}

TEST(CleanXml, RepairsEntitiesAmpersandsAndControlsAnywhere) {
  std::string storage;
  std::string problem;
  const std::string xml = "<a>" + kCleanPrefix + "&nbsp;" + kCleanPrefix +
                          "R&D &bogus; &#X41;\x01" + kCleanPrefix + "\x02</a>";
  EXPECT_EQ(CleanXml(xml, &storage, &problem),
            "<a>" + kCleanPrefix + "&#160;" + kCleanPrefix +
                "R&amp;D &amp;bogus; &#x41;" + kCleanPrefix + "</a>");
  EXPECT_EQ(problem, "feed: undefined entity &nbsp;");
}

TEST(CleanXml, LeavesCdataCommentsAndDeclaredEntitiesAlone) {
  std::string storage;
  std::string problem;
  const std::string xml =
      "<!DOCTYPE a [<!ENTITY mine \"m\">]><a>&mine;<!-- & --><![CDATA[&x;]]>"
      "<?pi & ?></a>";
  EXPECT_EQ(CleanXml(xml, &storage, &problem), xml);
  EXPECT_TRUE(problem.empty());
}

TEST(DecodeToUtf8, ViewsUtf8InputAndConvertsOthers) {
  const std::string utf8 = "<?xml version=\"1.0\"?><a>caf\xC3\xA9</a>";
  std::string storage;
  const DecodedText same = DecodeToUtf8(utf8, "", &storage);
  EXPECT_EQ(same.utf8.data(), utf8.data());
  EXPECT_EQ(same.encoding, "utf-8");

  const std::string latin1 =
      "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>caf\xE9</a>";
  const DecodedText converted = DecodeToUtf8(latin1, "", &storage);
  EXPECT_EQ(
      converted.utf8,
      "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>caf\xC3\xA9</a>");
  EXPECT_TRUE(converted.problem.empty());
}

TEST(IsValidUtf8, ChecksMultibyteSequencesAfterLongAsciiRuns) {
  EXPECT_TRUE(IsValidUtf8(kCleanPrefix + "\xE2\x82\xAC" + kCleanPrefix));
  EXPECT_FALSE(IsValidUtf8(kCleanPrefix + "\xE2\x82" + kCleanPrefix));
  EXPECT_FALSE(IsValidUtf8(kCleanPrefix + "\xC0\xAF"));
  EXPECT_FALSE(IsValidUtf8(kCleanPrefix + "\xED\xA0\x80"));
}

// The fast paths of BaseAt and LanguageAt must answer as libxml2's
// xmlNodeGetBase / xmlNodeGetLang do.
TEST(XmlUtil, BaseAndLanguageMatchLibxml2) {
  std::string error;
  auto doc = ParseXml(
      R"(<feed xml:lang="en_GB"><a><b/></a><c xml:base="sub/" xml:lang="de">)"
      R"(<d xml:base="more/"><e/></d></c></feed>)",
      "http://example.com/dir/feed.xml", &error);
  ASSERT_TRUE(doc.ok());
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  const xmlNode* b = root->children->children;
  const xmlNode* e = root->children->next->children->children;
  EXPECT_EQ(BaseAt(b), "http://example.com/dir/feed.xml");
  EXPECT_EQ(LanguageAt(b), "en-GB");
  EXPECT_EQ(BaseAt(e), "http://example.com/dir/sub/more/");
  EXPECT_EQ(LanguageAt(e), "de");
  for (const xmlNode* n : {root, b, e}) {
    xmlChar* base = xmlNodeGetBase(n->doc, n);
    EXPECT_EQ(BaseAt(n), reinterpret_cast<const char*>(base));
    xmlFree(base);
  }
}

TEST(XmlUtil, NamespacesResolveTheSameWhenAskedTwice) {
  std::string error;
  auto doc = ParseXml(
      R"(<rss xmlns:DC="HTTP://purl.org/dc/elements/1.1/"><DC:creator/>)"
      R"(<DC:date/><media:content/><x:y xmlns:x="urn:other"/></rss>)",
      "", &error);
  ASSERT_TRUE(doc.ok());
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  const xmlNode* creator = root->children;
  const xmlNode* date = creator->next;
  const xmlNode* media = date->next;
  const xmlNode* other = media->next;
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(NodeNs(creator), Ns::kDc);
    EXPECT_EQ(NodeNs(date), Ns::kDc);
    EXPECT_EQ(NodeNs(media), Ns::kMedia);  // Undeclared prefix.
    EXPECT_EQ(NodeNs(other), Ns::kOther);
    EXPECT_EQ(NodeNs(root), Ns::kNone);
  }
}

TEST(XmlUtil, TextAndAttributesReadMixedContent) {
  std::string error;
  auto doc = ParseXml(R"(<!DOCTYPE a [<!ENTITY e "ent">]><a x=" v ">)"
                      R"( one <b>two</b><![CDATA[ three ]]>&e;</a>)",
                      "", &error);
  ASSERT_TRUE(doc.ok());
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  EXPECT_EQ(TextContent(root), " one two three ent");
  EXPECT_EQ(TrimmedText(root), "one two three ent");
  EXPECT_EQ(TrimmedText(root->children->next), "two");
  EXPECT_EQ(Attr(root, "x"), " v ");
  EXPECT_EQ(Attr(root, "missing"), "");
}

}  // namespace
}  // namespace tidings::feed
