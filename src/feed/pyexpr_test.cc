#include "feed/pyexpr.h"

#include <gtest/gtest.h>

namespace tidings::feed::py {
namespace {

std::map<std::string, Value> Names() {
  return {
      {"bozo", Value::Bool(false)},
      {"feed", Value::ModelDict({{"title", Value::Str("T\u00e9")}},
                                {"title", "link"}, {{"name", "title"}})},
      {"entries",
       Value::List({Value::Dict(
           {{"tags", Value::List({Value::Dict({{"term", Value::Str("x")}})})},
            {"n", Value::Int(3)}})})},
  };
}

bool Passes(std::string_view expr) {
  Value v = Evaluate(expr, Names());
  return !v.IsSpecial() && v.Truthy();
}

TEST(Evaluate, HandlesTheSuiteSubset) {
  EXPECT_TRUE(Passes("not bozo and feed['title'] == u'T\\xe9'"));
  EXPECT_TRUE(Passes("feed.title == 'T' + '\\u00e9'"));
  EXPECT_TRUE(Passes("entries[0]['tags'][0]['term'] == 'x'"));
  EXPECT_TRUE(Passes("len(entries) == 1 and entries[0]['n'] >= 2"));
  EXPECT_TRUE(Passes("entries[0]['tags'] == [{'term': 'x'}]"));
  EXPECT_TRUE(Passes("(1, 2) == (1, 2) and 'a' in 'cat'"));
  EXPECT_TRUE(Passes("feed.get('link', 'none') == 'none'"));
  EXPECT_TRUE(Passes("feed['name'] == feed['title']"));
  EXPECT_TRUE(Passes("ord(u'\\u20ac') == 8364"));
  EXPECT_TRUE(Passes("1 < 2 < 3 and not (2 < 1)"));
  EXPECT_FALSE(Passes("feed['title'] == 'other'"));
}

TEST(Evaluate, SeparatesMissingFromUnmodelled) {
  // A modelled key that is absent is a KeyError: the check fails.
  EXPECT_EQ(Evaluate("feed['link'] == 'x'", Names()).kind(),
            Value::Kind::kError);
  // A key the model does not have is unsupported.
  EXPECT_EQ(Evaluate("feed['cloud'] == 'x'", Names()).kind(),
            Value::Kind::kUnsupported);
  // Short-circuit: a failing left side decides before an unsupported right.
  EXPECT_EQ(Evaluate("bozo and feed['cloud']", Names()).kind(),
            Value::Kind::kBool);
  EXPECT_EQ(Evaluate("feed['title'] ==", Names()).kind(),
            Value::Kind::kUnsupported);
}

}  // namespace
}  // namespace tidings::feed::py
