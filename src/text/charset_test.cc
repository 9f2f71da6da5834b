#include "text/charset.h"

#include <gtest/gtest.h>

#include <string>

namespace tidings::text {
namespace {

TEST(CanonicalCharsetTest, MapsLabelsAsWhatwgDoes) {
  EXPECT_EQ(CanonicalCharset("UTF-8"), "utf-8");
  EXPECT_EQ(CanonicalCharset(" utf8 "), "utf-8");
  EXPECT_EQ(CanonicalCharset("\"ISO-8859-1\""), "windows-1252");
  EXPECT_EQ(CanonicalCharset("latin1"), "windows-1252");
  EXPECT_EQ(CanonicalCharset("US-ASCII"), "windows-1252");
  EXPECT_EQ(CanonicalCharset("iso-8859-9"), "windows-1254");
  EXPECT_EQ(CanonicalCharset("tis-620"), "windows-874");
  EXPECT_EQ(CanonicalCharset("GB2312"), "gbk");
  EXPECT_EQ(CanonicalCharset("Shift_JIS"), "shift_jis");
  EXPECT_EQ(CanonicalCharset("x-sjis"), "shift_jis");
  EXPECT_EQ(CanonicalCharset("ks_c_5601-1987"), "euc-kr");
  EXPECT_EQ(CanonicalCharset("utf-16"), "utf-16le");
}

TEST(CanonicalCharsetTest, UnknownAndRefusedLabelsAreEmpty) {
  EXPECT_EQ(CanonicalCharset(""), "");
  EXPECT_EQ(CanonicalCharset("klingon"), "");
  EXPECT_EQ(CanonicalCharset("iso-2022-kr"), "");  // "replacement"
  EXPECT_EQ(CanonicalCharset("x-user-defined"), "");
}

TEST(CharsetFromContentTypeTest, ReadsTheParameter) {
  EXPECT_EQ(CharsetFromContentType("text/html; charset=ISO-8859-1"),
            "ISO-8859-1");
  EXPECT_EQ(CharsetFromContentType("text/html;charset=\"utf-8\""), "utf-8");
  EXPECT_EQ(CharsetFromContentType("text/html; Charset = koi8-r ; x=y"),
            "koi8-r");
  EXPECT_EQ(CharsetFromContentType("text/html"), "");
  EXPECT_EQ(CharsetFromContentType("text/html; xcharset=big5"), "");
  EXPECT_EQ(CharsetFromContentType(""), "");
}

TEST(DetectCharsetTest, BomWinsOverEverything) {
  EXPECT_EQ(DetectCharset("\xEF\xBB\xBF<meta charset=koi8-r>",
                          "text/html; charset=big5"),
            "utf-8");
  EXPECT_EQ(DetectCharset(std::string("\xFF\xFEh\0i\0", 6), ""), "utf-16le");
  EXPECT_EQ(DetectCharset(std::string("\xFE\xFF\0h\0i", 6), ""), "utf-16be");
}

TEST(DetectCharsetTest, HttpHeaderWinsOverMeta) {
  EXPECT_EQ(DetectCharset("<meta charset=\"koi8-r\">",
                          "text/html; charset=windows-1251"),
            "windows-1251");
}

TEST(DetectCharsetTest, NonAsciiUtf8OverridesALegacyDeclaration) {
  EXPECT_EQ(DetectCharset("<meta charset=iso-8859-15><p>Espa\xC3\xB1"
                          "a",
                          ""),
            "utf-8");
  EXPECT_EQ(DetectCharset("caf\xC3\xA9", "text/html; charset=iso-8859-1"),
            "utf-8");
  // Pure ASCII keeps its declaration; so does invalid UTF-8.
  EXPECT_EQ(DetectCharset("<meta charset=koi8-r>abc", ""), "koi8-r");
  EXPECT_EQ(DetectCharset("<meta charset=koi8-r>\xF0\xD2", ""), "koi8-r");
}

TEST(DetectCharsetTest, UnknownHeaderLabelFallsThroughToMeta) {
  EXPECT_EQ(DetectCharset("<meta charset=\"koi8-r\">",
                          "text/html; charset=no-such-thing"),
            "koi8-r");
}

TEST(DetectCharsetTest, MetaCharsetAttribute) {
  EXPECT_EQ(DetectCharset("<html><head><META CHARSET=Shift_JIS>", ""),
            "shift_jis");
  EXPECT_EQ(DetectCharset("<meta charset='iso-8859-2'/>", ""), "iso-8859-2");
}

TEST(DetectCharsetTest, MetaHttpEquivContentType) {
  EXPECT_EQ(DetectCharset("<head><meta http-equiv=\"Content-Type\" "
                          "content=\"text/html; charset=gb2312\"></head>",
                          ""),
            "gbk");
  // Attribute order does not matter.
  EXPECT_EQ(DetectCharset("<meta content='text/html; charset=EUC-KR' "
                          "http-equiv='content-type'>",
                          ""),
            "euc-kr");
}

TEST(DetectCharsetTest, MetaInsideACommentIsIgnored) {
  EXPECT_EQ(DetectCharset("<!-- <meta charset=koi8-r> --><p>abc", ""), "utf-8");
}

TEST(DetectCharsetTest, MetaBeyondTheScanWindowIsIgnored) {
  std::string page = "<html><head><script>" +
                     std::string(kCharsetScanBytes, 'x') +
                     "</script><meta charset=koi8-r>";
  EXPECT_EQ(DetectCharset(page, ""), "utf-8");
}

TEST(DetectCharsetTest, MetaUtf16MeansUtf8) {
  EXPECT_EQ(DetectCharset("<meta charset=utf-16>", ""), "utf-8");
}

TEST(DetectCharsetTest, XmlDeclaration) {
  EXPECT_EQ(DetectCharset("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>"
                          "<rss/>",
                          ""),
            "iso-8859-15");
}

TEST(DetectCharsetTest, FallsBackOnUtf8ValidityThenWindows1252) {
  EXPECT_EQ(DetectCharset("plain ascii", ""), "utf-8");
  EXPECT_EQ(DetectCharset("caf\xC3\xA9", ""), "utf-8");
  EXPECT_EQ(DetectCharset("caf\xE9", ""), "windows-1252");
  // A multi-byte sequence cut by the end of the input is still UTF-8 when
  // earlier ones were valid; alone it is more likely Latin-1.
  EXPECT_EQ(DetectCharset("caf\xC3\xA9 cr\xC3\xA8me br\xC3", ""), "utf-8");
  EXPECT_EQ(DetectCharset("caf\xC3", ""), "windows-1252");
}

TEST(IsValidUtf8Test, RejectsOverlongsSurrogatesAndTooLarge) {
  EXPECT_TRUE(IsValidUtf8("\xE2\x82\xAC"));       // €
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));   // 😀
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));
  EXPECT_TRUE(IsValidUtf8("\xE2\x82", /*allow_truncated_end=*/true));
  EXPECT_FALSE(IsValidUtf8("\xE2\x82x", /*allow_truncated_end=*/true));
}

struct Sample {
  const char* charset;
  std::string bytes;
  std::string utf8;
};

TEST(ToUtf8Test, TranscodesLegacyCharsets) {
  const Sample samples[] = {
      {"windows-1252", "caf\xE9 \x80 \x93quoted\x94",
       "caf\xC3\xA9 \xE2\x82\xAC \xE2\x80\x9Cquoted\xE2\x80\x9D"},
      {"iso-8859-1", "caf\xE9", "caf\xC3\xA9"},  // = windows-1252
      {"shift_jis", "\x93\xFA\x96\x7B\x8C\xEA", "日本語"},
      {"gb2312", "\xD6\xD0\xCE\xC4", "中文"},
      {"big5", "\xA4\xA4\xA4\xE5", "中文"},
      {"koi8-r", "\xF0\xD2\xC9\xD7\xC5\xD4", "Привет"},
      {"windows-1251", "\xCF\xF0\xE8\xE2\xE5\xF2", "Привет"},
      {"euc-kr", "\xC7\xD1\xB1\xB9", "한국"},
      {"euc-jp", "\xC6\xFC\xCB\xDC", "日本"},
      {"iso-8859-2", "\xAF\xF3\xB3\xE6", "Żółć"},
      {"iso-8859-7", "\xC3\xE5\xE9\xDC", "Γειά"},
      {"utf-16le", std::string("\xFF\xFEh\0i\0", 6), "hi"},
      {"utf-16be", std::string("\0h\0i", 4), "hi"},
  };
  for (const Sample& s : samples) {
    Result<std::string> out = ToUtf8(s.bytes, s.charset);
    ASSERT_TRUE(out.ok()) << s.charset << ": " << out.status().ToString();
    EXPECT_EQ(*out, s.utf8) << s.charset;
  }
}

TEST(ToUtf8Test, EveryCanonicalNameHasAConverter) {
  for (const char* label :
       {"utf-8",        "ibm866",       "iso-8859-2",   "iso-8859-3",
        "iso-8859-4",   "iso-8859-5",   "iso-8859-6",   "iso-8859-7",
        "iso-8859-8",   "iso-8859-8-i", "iso-8859-10",  "iso-8859-13",
        "iso-8859-14",  "iso-8859-15",  "koi8-r",       "koi8-u",
        "macintosh",    "windows-874",  "windows-1250", "windows-1251",
        "windows-1252", "windows-1253", "windows-1254", "windows-1255",
        "windows-1256", "windows-1257", "windows-1258", "x-mac-cyrillic",
        "gbk",          "gb18030",      "big5",         "euc-jp",
        "iso-2022-jp",  "shift_jis",    "euc-kr",       "utf-16be",
        "utf-16le"}) {
    Result<std::string> out = ToUtf8("abc", label);
    ASSERT_TRUE(out.ok()) << label << ": " << out.status().ToString();
    if (std::string(label).rfind("utf-16", 0) != 0) {
      EXPECT_EQ(*out, "abc") << label;
    }
  }
}

TEST(ToUtf8Test, StripsTheUtf8Bom) {
  EXPECT_EQ(ToUtf8("\xEF\xBB\xBFhello", "utf-8").value(), "hello");
}

TEST(ToUtf8Test, InvalidSequencesBecomeReplacementCharacters) {
  EXPECT_EQ(ToUtf8("a\xFF"
                   "b",
                   "utf-8")
                .value(),
            "a\xEF\xBF\xBD"
            "b");
  // A lone lead byte of a double-byte charset at the end.
  Result<std::string> sjis = ToUtf8("a\x93", "shift_jis");
  ASSERT_TRUE(sjis.ok());
  EXPECT_EQ(*sjis, "a\xEF\xBF\xBD");
}

TEST(ToUtf8Test, UnknownLabelIsUnsupported) {
  Result<std::string> out = ToUtf8("abc", "klingon-8");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(out.status().message().find("klingon-8"), std::string::npos);
  EXPECT_EQ(ToUtf8("abc", "replacement").status().code(),
            StatusCode::kUnsupported);
}

TEST(ToUtf8Test, OtherIcuNamesWork) {
  // Not a WHATWG label, but ICU knows it.
  Result<std::string> out = ToUtf8("\x82", "cp437");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, "\xC3\xA9");  // é
}

TEST(ToUtf8Test, LargeInputGrowsTheOutput) {
  // Every byte becomes three UTF-8 bytes: more than the first guess.
  std::string bytes(100000, '\xE0');  // Thai letter in windows-874
  Result<std::string> out = ToUtf8(bytes, "windows-874");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->size(), 300000u);
}

TEST(DecodeToUtf8Test, CombinesDetectionAndTranscoding) {
  EXPECT_EQ(DecodeToUtf8("<meta charset=koi8-r>\xF0\xD2\xC9\xD7\xC5\xD4", ""),
            "<meta charset=koi8-r>Привет");
  EXPECT_EQ(DecodeToUtf8("caf\xE9", "text/html; charset=iso-8859-1"),
            "caf\xC3\xA9");
  EXPECT_EQ(DecodeToUtf8("\xEF\xBB\xBFok", "text/html; charset=koi8-r"), "ok");
  EXPECT_EQ(DecodeToUtf8("caf\xE9", ""), "caf\xC3\xA9");
}

}  // namespace
}  // namespace tidings::text
