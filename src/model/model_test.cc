#include "model/model.h"

#include <gtest/gtest.h>

namespace tidings::model {
namespace {

TEST(Article, TextJoinsParagraphsWithBlankLines) {
  Article article;
  article.paragraphs = {"First.", "Second."};
  EXPECT_EQ(article.Text(), "First.\n\nSecond.");
}

TEST(Article, TextOfEmptyArticleIsEmpty) { EXPECT_EQ(Article().Text(), ""); }

}  // namespace
}  // namespace tidings::model
