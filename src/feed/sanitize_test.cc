#include "feed/sanitize.h"

#include <gtest/gtest.h>

namespace tidings::feed {
namespace {

TEST(SanitizeHtml, DropsScriptsHandlersAndScriptUrls) {
  EXPECT_EQ(SanitizeHtml("safe<script>alert(1)</script> text"), "safe text");
  EXPECT_EQ(SanitizeHtml("<img src=\"a.png\" onerror=\"x()\">"),
            "<img src=\"a.png\" />");
  EXPECT_EQ(SanitizeHtml("<a href=\" javascript:x()\">l</a>"), "<a>l</a>");
  EXPECT_EQ(SanitizeHtml("a<!-- c -->b<iframe src=x>c</iframe>"), "abc");
}

TEST(SanitizeHtml, KeepsSafeMarkupAndCleansStyles) {
  EXPECT_EQ(SanitizeHtml("<p class=x>Hi <b>there</b><br></p>"),
            "<p class=\"x\">Hi <b>there</b><br /></p>");
  EXPECT_EQ(SanitizeHtml("<span style=\"color: red; position:absolute; "
                         "background: url(x)\">t</span>"),
            "<span style=\"color: red;\">t</span>");
  EXPECT_EQ(SanitizeHtml("1 < 2 &amp; 3"), "1 &lt; 2 &amp; 3");
}

}  // namespace
}  // namespace tidings::feed
