#include "model/model.h"

namespace tidings::model {

std::string Article::Text() const {
  std::string text;
  for (const auto& paragraph : paragraphs) {
    if (!text.empty()) text += "\n\n";
    text += paragraph;
  }
  return text;
}

}  // namespace tidings::model
