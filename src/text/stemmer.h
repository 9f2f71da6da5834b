// Snowball stemming (libstemmer) per language.
//
// Thread-safety: a Stemmer is NOT thread-safe (libstemmer keeps per-object
// state); use one per thread. Construction is cheap (microseconds).
#ifndef TIDINGS_TEXT_STEMMER_H_
#define TIDINGS_TEXT_STEMMER_H_

#include <string>
#include <string_view>

struct sb_stemmer;

namespace tidings::text {

class Stemmer {
 public:
  // `lang` is an ISO 639-1 code ("en", "de"; a region suffix is ignored) or
  // a Snowball algorithm name ("english", "porter" = Porter's original
  // 1980 algorithm). For a language libstemmer does not know, the stemmer
  // is the identity (ok() is false).
  explicit Stemmer(std::string_view lang);
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
  Stemmer(Stemmer&& other) noexcept;
  Stemmer& operator=(Stemmer&& other) noexcept;

  // True if a Snowball algorithm exists for the language.
  bool ok() const { return stemmer_ != nullptr; }

  // The stem of `word`, which should be a lower-case token (WordTokens).
  // Returns `word` unchanged when !ok() or libstemmer fails.
  std::string Stem(std::string_view word);

 private:
  sb_stemmer* stemmer_ = nullptr;
};

}  // namespace tidings::text

#endif  // TIDINGS_TEXT_STEMMER_H_
