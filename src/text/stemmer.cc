#include "text/stemmer.h"

#include <libstemmer.h>

#include <utility>

namespace tidings::text {
namespace {

// libstemmer accepts ISO 639-1 codes itself ("en"); Norwegian Bokmål ("nb")
// is the one common code it lacks.
std::string AlgorithmName(std::string_view lang) {
  size_t dash = lang.find_first_of("-_");
  if (dash != std::string_view::npos) lang = lang.substr(0, dash);
  std::string name(lang);
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (name == "nb" || name == "nn") name = "no";
  return name;
}

}  // namespace

Stemmer::Stemmer(std::string_view lang) {
  std::string name = AlgorithmName(lang);
  if (!name.empty()) stemmer_ = sb_stemmer_new(name.c_str(), "UTF_8");
}

Stemmer::~Stemmer() {
  if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
}

Stemmer::Stemmer(Stemmer&& other) noexcept
    : stemmer_(std::exchange(other.stemmer_, nullptr)) {}

Stemmer& Stemmer::operator=(Stemmer&& other) noexcept {
  if (this != &other) {
    if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
    stemmer_ = std::exchange(other.stemmer_, nullptr);
  }
  return *this;
}

std::string Stemmer::Stem(std::string_view word) {
  if (stemmer_ == nullptr || word.empty()) return std::string(word);
  const sb_symbol* out =
      sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
                      static_cast<int>(word.size()));
  if (out == nullptr) return std::string(word);
  return std::string(reinterpret_cast<const char*>(out),
                     static_cast<size_t>(sb_stemmer_length(stemmer_)));
}

}  // namespace tidings::text
