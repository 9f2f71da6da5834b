// A tiny evaluator for the subset of Python expressions that feedparser's
// conformance files use in their "Expect:" lines, e.g.
//   not bozo and entries[0]['title_detail']['type'] == u'text/html'
// Supported: and/or/not, comparisons (== != < > <= >= in, not in, is),
// + on strings and numbers, unary minus, subscripts, attribute access on
// dicts, len(), ord(), dict.get()/has_key(), string/number/None/True/False
// literals (u'', b'', r'' prefixes and \x \u \U escapes), tuples, lists and
// dicts.
//
// Values may be "unsupported": a lookup of something the model does not
// express. Any expression touching one evaluates to unsupported, so the
// caller can count it apart from pass and fail.
//
// Thread-safety: values are immutable once built and may be shared.
#ifndef TIDINGS_FEED_PYEXPR_H_
#define TIDINGS_FEED_PYEXPR_H_

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tidings::feed::py {

class Value {
 public:
  enum class Kind {
    kNone,
    kBool,
    kInt,
    kFloat,
    kStr,
    kList,
    kTuple,
    kDict,
    // Something the model does not express.
    kUnsupported,
    // A Python exception (KeyError, TypeError…): the check fails.
    kError,
  };

  Value() = default;
  static Value None() { return Value(); }
  static Value Bool(bool b);
  static Value Int(std::int64_t i);
  static Value Float(double d);
  static Value Str(std::string s);
  static Value List(std::vector<Value> items);
  static Value Tuple(std::vector<Value> items);
  // A dict. Keys not present but named in `unmodelled_ok`… see Dict below.
  static Value Dict(std::vector<std::pair<std::string, Value>> entries);
  // A dict standing for a model object: a missing key listed in `modelled`
  // raises KeyError (kError); any other missing key is kUnsupported.
  static Value ModelDict(std::vector<std::pair<std::string, Value>> entries,
                         std::set<std::string> modelled);
  // The same with alternative key names (feedparser's "url" for "href"):
  // lookups of an alias read the aliased key; equality ignores aliases.
  static Value ModelDict(std::vector<std::pair<std::string, Value>> entries,
                         std::set<std::string> modelled,
                         std::map<std::string, std::string> aliases);
  static Value Unsupported(std::string why);
  static Value Error(std::string why);

  Kind kind() const { return kind_; }
  bool IsSpecial() const {
    return kind_ == Kind::kUnsupported || kind_ == Kind::kError;
  }
  bool b() const { return bool_; }
  std::int64_t i() const { return int_; }
  double f() const { return float_; }
  const std::string& s() const { return str_; }
  const std::vector<Value>& items() const { return *items_; }
  // Dict lookup with model semantics.
  Value Get(const std::string& key) const;
  bool Has(const std::string& key) const;
  std::size_t DictSize() const;

  // Python truthiness; requires !IsSpecial().
  bool Truthy() const;
  // Python equality; requires !IsSpecial() on both.
  bool Equals(const Value& other) const;

 private:
  Kind kind_ = Kind::kNone;
  bool bool_ = false;
  std::int64_t int_ = 0;
  double float_ = 0;
  std::string str_;  // kStr value (UTF-8) or the reason for special kinds.
  std::shared_ptr<const std::vector<Value>> items_;
  std::shared_ptr<const std::vector<std::pair<std::string, Value>>> dict_;
  std::shared_ptr<const std::set<std::string>> modelled_;
  std::shared_ptr<const std::map<std::string, std::string>> aliases_;
};

// Evaluates `expression` with `names` as the global variables. A syntax
// error gives kUnsupported ("syntax: …"): the evaluator, not the parser
// under test, fell short.
Value Evaluate(std::string_view expression,
               const std::map<std::string, Value>& names);

}  // namespace tidings::feed::py

#endif  // TIDINGS_FEED_PYEXPR_H_
