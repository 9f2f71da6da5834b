#include "text/language.h"

#include <gtest/gtest.h>

namespace tidings::text {
namespace {

TEST(DetectLanguageTest, DetectsMajorLanguages) {
  EXPECT_EQ(DetectLanguage("The government announced on Tuesday that the new "
                           "budget would include more money for schools "
                           "and hospitals across the country.",
                           ""),
            "en");
  EXPECT_EQ(DetectLanguage("Die Bundesregierung hat am Dienstag angekündigt, "
                           "dass der neue Haushalt mehr Geld für Schulen und "
                           "Krankenhäuser im ganzen Land vorsieht.",
                           ""),
            "de");
  EXPECT_EQ(DetectLanguage("Le gouvernement a annoncé mardi que le nouveau "
                           "budget prévoirait davantage d'argent pour les "
                           "écoles et les hôpitaux du pays.",
                           ""),
            "fr");
  EXPECT_EQ(
      DetectLanguage("政府周二宣布，新的预算将为全国的学校和医院提供更多资金"
                     "。这项计划得到了广泛支持。",
                     ""),
      "zh");
}

TEST(DetectLanguageTest, FallsBackToHintWhenUnreliable) {
  EXPECT_EQ(DetectLanguage("ok", "de-AT"), "de");
  EXPECT_EQ(DetectLanguage("", "nl"), "nl");
  EXPECT_EQ(DetectLanguage("", ""), "");
}

TEST(DetectLanguageTest, IllFormedUtf8) {
  std::string bad = "The government announced \xff\xfe on Tuesday";
  std::string lang = DetectLanguage(bad, "");
  EXPECT_TRUE(lang == "en" || lang.empty()) << lang;
}

}  // namespace
}  // namespace tidings::text
