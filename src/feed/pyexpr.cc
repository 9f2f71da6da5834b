#include "feed/pyexpr.h"

#include <cmath>
#include <cstdlib>
#include <functional>

namespace tidings::feed::py {

Value Value::Bool(bool b) {
  Value v;
  v.kind_ = Kind::kBool;
  v.bool_ = b;
  return v;
}
Value Value::Int(std::int64_t i) {
  Value v;
  v.kind_ = Kind::kInt;
  v.int_ = i;
  return v;
}
Value Value::Float(double d) {
  Value v;
  v.kind_ = Kind::kFloat;
  v.float_ = d;
  return v;
}
Value Value::Str(std::string s) {
  Value v;
  v.kind_ = Kind::kStr;
  v.str_ = std::move(s);
  return v;
}
Value Value::List(std::vector<Value> items) {
  Value v;
  v.kind_ = Kind::kList;
  v.items_ = std::make_shared<const std::vector<Value>>(std::move(items));
  return v;
}
Value Value::Tuple(std::vector<Value> items) {
  Value v = List(std::move(items));
  v.kind_ = Kind::kTuple;
  return v;
}
Value Value::Dict(std::vector<std::pair<std::string, Value>> entries) {
  Value v;
  v.kind_ = Kind::kDict;
  v.dict_ = std::make_shared<const std::vector<std::pair<std::string, Value>>>(
      std::move(entries));
  return v;
}
Value Value::ModelDict(std::vector<std::pair<std::string, Value>> entries,
                       std::set<std::string> modelled) {
  Value v = Dict(std::move(entries));
  v.modelled_ =
      std::make_shared<const std::set<std::string>>(std::move(modelled));
  return v;
}
Value Value::ModelDict(std::vector<std::pair<std::string, Value>> entries,
                       std::set<std::string> modelled,
                       std::map<std::string, std::string> aliases) {
  Value v = ModelDict(std::move(entries), std::move(modelled));
  v.aliases_ = std::make_shared<const std::map<std::string, std::string>>(
      std::move(aliases));
  return v;
}

Value Value::Unsupported(std::string why) {
  Value v;
  v.kind_ = Kind::kUnsupported;
  v.str_ = std::move(why);
  return v;
}
Value Value::Error(std::string why) {
  Value v;
  v.kind_ = Kind::kError;
  v.str_ = std::move(why);
  return v;
}

Value Value::Get(const std::string& key) const {
  for (const auto& [k, v] : *dict_) {
    if (k == key) return v;
  }
  if (aliases_) {
    auto it = aliases_->find(key);
    if (it != aliases_->end()) return Get(it->second);
  }
  if (modelled_ && !modelled_->count(key)) {
    return Unsupported("not modelled: " + key);
  }
  return Error("KeyError: " + key);
}

bool Value::Has(const std::string& key) const {
  for (const auto& entry : *dict_) {
    if (entry.first == key) return true;
  }
  if (aliases_) {
    auto it = aliases_->find(key);
    if (it != aliases_->end()) return Has(it->second);
  }
  return false;
}

std::size_t Value::DictSize() const { return dict_->size(); }

bool Value::Truthy() const {
  switch (kind_) {
    case Kind::kNone:
      return false;
    case Kind::kBool:
      return bool_;
    case Kind::kInt:
      return int_ != 0;
    case Kind::kFloat:
      return float_ != 0;
    case Kind::kStr:
      return !str_.empty();
    case Kind::kList:
    case Kind::kTuple:
      return !items_->empty();
    case Kind::kDict:
      return !dict_->empty();
    default:
      return false;
  }
}

namespace {

bool IsNumber(const Value& v) {
  return v.kind() == Value::Kind::kInt || v.kind() == Value::Kind::kFloat ||
         v.kind() == Value::Kind::kBool;
}
double AsDouble(const Value& v) {
  if (v.kind() == Value::Kind::kFloat) return v.f();
  if (v.kind() == Value::Kind::kBool) return v.b() ? 1 : 0;
  return static_cast<double>(v.i());
}

}  // namespace

bool Value::Equals(const Value& o) const {
  if (IsNumber(*this) && IsNumber(o)) return AsDouble(*this) == AsDouble(o);
  if (kind_ != o.kind_) return false;
  switch (kind_) {
    case Kind::kNone:
      return true;
    case Kind::kStr:
      return str_ == o.str_;
    case Kind::kList:
    case Kind::kTuple: {
      if (items_->size() != o.items_->size()) return false;
      for (std::size_t i = 0; i < items_->size(); ++i) {
        if (!(*items_)[i].Equals((*o.items_)[i])) return false;
      }
      return true;
    }
    case Kind::kDict: {
      if (dict_->size() != o.dict_->size()) return false;
      for (const auto& [k, v] : *dict_) {
        if (!o.Has(k) || !v.Equals(o.Get(k))) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

namespace {

// ---------------------------------------------------------------------------
// Tokens.

enum class Tok { kEnd, kName, kNumber, kString, kOp };

struct Token {
  Tok type = Tok::kEnd;
  std::string text;  // Name, operator, decoded string or number text.
};

void AppendUtf8(std::uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  bool Run(std::vector<Token>* out, std::string* error) {
    while (true) {
      while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' ||
                                  s_[pos_] == '\n' || s_[pos_] == '\r')) {
        ++pos_;
      }
      if (pos_ >= s_.size()) break;
      const char c = s_[pos_];
      // String prefixes.
      if ((c == 'u' || c == 'U' || c == 'b' || c == 'B' || c == 'r' ||
           c == 'R') &&
          pos_ + 1 < s_.size() &&
          (s_[pos_ + 1] == '\'' || s_[pos_ + 1] == '"')) {
        const bool raw = c == 'r' || c == 'R';
        const bool bytes = c == 'b' || c == 'B';
        ++pos_;
        Token t;
        if (!ReadString(raw, bytes, &t.text, error)) return false;
        t.type = Tok::kString;
        out->push_back(std::move(t));
        continue;
      }
      if (c == '\'' || c == '"') {
        Token t;
        if (!ReadString(false, false, &t.text, error)) return false;
        t.type = Tok::kString;
        out->push_back(std::move(t));
        continue;
      }
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        std::size_t j = pos_;
        while (
            j < s_.size() &&
            (std::isalnum(static_cast<unsigned char>(s_[j])) || s_[j] == '_')) {
          ++j;
        }
        out->push_back({Tok::kName, std::string(s_.substr(pos_, j - pos_))});
        pos_ = j;
        continue;
      }
      if (std::isdigit(static_cast<unsigned char>(c)) ||
          (c == '.' && pos_ + 1 < s_.size() &&
           std::isdigit(static_cast<unsigned char>(s_[pos_ + 1])))) {
        std::size_t j = pos_;
        while (
            j < s_.size() &&
            (std::isalnum(static_cast<unsigned char>(s_[j])) || s_[j] == '.')) {
          ++j;
        }
        out->push_back({Tok::kNumber, std::string(s_.substr(pos_, j - pos_))});
        pos_ = j;
        continue;
      }
      static constexpr std::string_view kTwo[] = {"==", "!=", "<=", ">="};
      bool matched = false;
      for (std::string_view op : kTwo) {
        if (s_.substr(pos_, 2) == op) {
          out->push_back({Tok::kOp, std::string(op)});
          pos_ += 2;
          matched = true;
          break;
        }
      }
      if (matched) continue;
      if (std::string_view("()[]{},:.+-*<>%").find(c) !=
          std::string_view::npos) {
        out->push_back({Tok::kOp, std::string(1, c)});
        ++pos_;
        continue;
      }
      *error = std::string("unexpected character '") + c + "'";
      return false;
    }
    out->push_back({Tok::kEnd, ""});
    return true;
  }

 private:
  bool ReadString(bool raw, bool bytes, std::string* out, std::string* error) {
    const char quote = s_[pos_];
    // Triple quotes.
    const bool triple = s_.substr(pos_, 3) == std::string(3, quote);
    pos_ += triple ? 3 : 1;
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (triple ? s_.substr(pos_, 3) == std::string(3, quote) : c == quote) {
        pos_ += triple ? 3 : 1;
        return true;
      }
      if (c == '\\' && pos_ + 1 < s_.size()) {
        const char e = s_[pos_ + 1];
        if (raw) {
          *out += c;
          *out += e;
          pos_ += 2;
          continue;
        }
        pos_ += 2;
        switch (e) {
          case 'n':
            *out += '\n';
            break;
          case 't':
            *out += '\t';
            break;
          case 'r':
            *out += '\r';
            break;
          case '0':
            *out += '\0';
            break;
          case '\\':
          case '\'':
          case '"':
            *out += e;
            break;
          case 'x':
          case 'u':
          case 'U': {
            const std::size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            if (pos_ + n > s_.size()) {
              *error = "bad escape";
              return false;
            }
            const std::string hex(s_.substr(pos_, n));
            const std::uint32_t cp = static_cast<std::uint32_t>(
                std::strtoul(hex.c_str(), nullptr, 16));
            pos_ += n;
            if (bytes && e == 'x') {
              *out += static_cast<char>(cp);
            } else {
              AppendUtf8(cp, out);
            }
            break;
          }
          case '\n':
            break;
          default:
            *out += '\\';
            *out += e;
        }
        continue;
      }
      *out += c;
      ++pos_;
    }
    *error = "unterminated string";
    return false;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

// ---------------------------------------------------------------------------
// AST, built by a recursive-descent parser and then evaluated (so that
// and/or short-circuit as in Python).

struct Node;
using NodePtr = std::unique_ptr<Node>;

struct Node {
  enum class Type {
    kLiteral,
    kName,
    kTuple,
    kList,
    kDict,
    kSubscript,
    kAttribute,
    kCall,
    kNot,
    kNeg,
    kAnd,
    kOr,
    kCompare,
    kBinary,
  } type;
  Value literal;
  std::string name;              // Name, attribute, operator.
  std::vector<NodePtr> kids;     // Operands / elements / call args.
  std::vector<std::string> ops;  // Chained comparison operators.
};

NodePtr MakeNode(Node::Type t) {
  auto n = std::make_unique<Node>();
  n->type = t;
  return n;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  NodePtr ParseAll(std::string* error) {
    NodePtr n = Expr();
    if (!error_.empty() || Peek().type != Tok::kEnd) {
      *error =
          error_.empty() ? "trailing tokens at '" + Peek().text + "'" : error_;
      return nullptr;
    }
    return n;
  }

 private:
  const Token& Peek(std::size_t ahead = 0) const {
    const std::size_t i = std::min(pos_ + ahead, t_.size() - 1);
    return t_[i];
  }
  bool IsOp(std::string_view op, std::size_t ahead = 0) const {
    return Peek(ahead).type == Tok::kOp && Peek(ahead).text == op;
  }
  bool IsName(std::string_view name, std::size_t ahead = 0) const {
    return Peek(ahead).type == Tok::kName && Peek(ahead).text == name;
  }
  bool Expect(std::string_view op) {
    if (!IsOp(op)) {
      if (error_.empty()) error_ = "expected '" + std::string(op) + "'";
      return false;
    }
    ++pos_;
    return true;
  }

  NodePtr Expr() {
    // Python's conditional expression is not used by the suite.
    return Or();
  }
  NodePtr Or() {
    NodePtr left = And();
    while (error_.empty() && IsName("or")) {
      ++pos_;
      NodePtr n = MakeNode(Node::Type::kOr);
      n->kids.push_back(std::move(left));
      n->kids.push_back(And());
      left = std::move(n);
    }
    return left;
  }
  NodePtr And() {
    NodePtr left = Not();
    while (error_.empty() && IsName("and")) {
      ++pos_;
      NodePtr n = MakeNode(Node::Type::kAnd);
      n->kids.push_back(std::move(left));
      n->kids.push_back(Not());
      left = std::move(n);
    }
    return left;
  }
  NodePtr Not() {
    if (IsName("not")) {
      ++pos_;
      NodePtr n = MakeNode(Node::Type::kNot);
      n->kids.push_back(Not());
      return n;
    }
    return Compare();
  }
  NodePtr Compare() {
    NodePtr first = Arith();
    NodePtr n;
    while (error_.empty()) {
      std::string op;
      if (IsOp("==") || IsOp("!=") || IsOp("<") || IsOp(">") || IsOp("<=") ||
          IsOp(">=")) {
        op = Peek().text;
        ++pos_;
      } else if (IsName("in")) {
        op = "in";
        ++pos_;
      } else if (IsName("not") && IsName("in", 1)) {
        op = "not in";
        pos_ += 2;
      } else if (IsName("is")) {
        ++pos_;
        op = "is";
        if (IsName("not")) {
          ++pos_;
          op = "is not";
        }
      } else {
        break;
      }
      if (!n) {
        n = MakeNode(Node::Type::kCompare);
        n->kids.push_back(std::move(first));
      }
      n->ops.push_back(op);
      n->kids.push_back(Arith());
    }
    return n ? std::move(n) : std::move(first);
  }
  NodePtr Arith() {
    NodePtr left = Term();
    while (error_.empty() && (IsOp("+") || IsOp("-"))) {
      NodePtr n = MakeNode(Node::Type::kBinary);
      n->name = Peek().text;
      ++pos_;
      n->kids.push_back(std::move(left));
      n->kids.push_back(Term());
      left = std::move(n);
    }
    return left;
  }
  NodePtr Term() {
    NodePtr left = Unary();
    while (error_.empty() && (IsOp("*") || IsOp("%"))) {
      NodePtr n = MakeNode(Node::Type::kBinary);
      n->name = Peek().text;
      ++pos_;
      n->kids.push_back(std::move(left));
      n->kids.push_back(Unary());
      left = std::move(n);
    }
    return left;
  }
  NodePtr Unary() {
    if (IsOp("-")) {
      ++pos_;
      NodePtr n = MakeNode(Node::Type::kNeg);
      n->kids.push_back(Unary());
      return n;
    }
    return Postfix();
  }
  NodePtr Postfix() {
    NodePtr n = Atom();
    while (error_.empty()) {
      if (IsOp("[")) {
        ++pos_;
        NodePtr s = MakeNode(Node::Type::kSubscript);
        s->kids.push_back(std::move(n));
        s->kids.push_back(Expr());
        Expect("]");
        n = std::move(s);
      } else if (IsOp(".")) {
        ++pos_;
        if (Peek().type != Tok::kName) {
          error_ = "expected attribute name";
          return n;
        }
        NodePtr a = MakeNode(Node::Type::kAttribute);
        a->name = Peek().text;
        ++pos_;
        a->kids.push_back(std::move(n));
        n = std::move(a);
      } else if (IsOp("(")) {
        ++pos_;
        NodePtr c = MakeNode(Node::Type::kCall);
        c->kids.push_back(std::move(n));
        while (error_.empty() && !IsOp(")")) {
          c->kids.push_back(Expr());
          if (!IsOp(",")) break;
          ++pos_;
        }
        Expect(")");
        n = std::move(c);
      } else {
        break;
      }
    }
    return n;
  }
  NodePtr Atom() {
    const Token tok = Peek();
    if (tok.type == Tok::kString) {
      std::string s;
      while (Peek().type == Tok::kString) {
        s += Peek().text;
        ++pos_;
      }
      NodePtr n = MakeNode(Node::Type::kLiteral);
      n->literal = Value::Str(std::move(s));
      return n;
    }
    if (tok.type == Tok::kNumber) {
      ++pos_;
      NodePtr n = MakeNode(Node::Type::kLiteral);
      std::string text = tok.text;
      if (!text.empty() && (text.back() == 'L' || text.back() == 'l')) {
        text.pop_back();
      }
      if (text.find('.') != std::string::npos ||
          text.find('e') != std::string::npos) {
        n->literal = Value::Float(std::strtod(text.c_str(), nullptr));
      } else if (text.size() > 1 && text[0] == '0' &&
                 (text[1] == 'x' || text[1] == 'X')) {
        n->literal = Value::Int(std::strtoll(text.c_str() + 2, nullptr, 16));
      } else {
        n->literal = Value::Int(std::strtoll(text.c_str(), nullptr, 10));
      }
      return n;
    }
    if (tok.type == Tok::kName) {
      ++pos_;
      NodePtr n = MakeNode(Node::Type::kLiteral);
      if (tok.text == "None") {
        n->literal = Value::None();
      } else if (tok.text == "True") {
        n->literal = Value::Bool(true);
      } else if (tok.text == "False") {
        n->literal = Value::Bool(false);
      } else {
        n->type = Node::Type::kName;
        n->name = tok.text;
      }
      return n;
    }
    if (IsOp("(")) {
      ++pos_;
      NodePtr t = MakeNode(Node::Type::kTuple);
      bool comma = false;
      while (error_.empty() && !IsOp(")")) {
        t->kids.push_back(Expr());
        if (!IsOp(",")) break;
        comma = true;
        ++pos_;
      }
      Expect(")");
      if (t->kids.size() == 1 && !comma) return std::move(t->kids[0]);
      return t;
    }
    if (IsOp("[")) {
      ++pos_;
      NodePtr l = MakeNode(Node::Type::kList);
      while (error_.empty() && !IsOp("]")) {
        l->kids.push_back(Expr());
        if (!IsOp(",")) break;
        ++pos_;
      }
      Expect("]");
      return l;
    }
    if (IsOp("{")) {
      ++pos_;
      NodePtr d = MakeNode(Node::Type::kDict);
      while (error_.empty() && !IsOp("}")) {
        d->kids.push_back(Expr());
        Expect(":");
        d->kids.push_back(Expr());
        if (!IsOp(",")) break;
        ++pos_;
      }
      Expect("}");
      return d;
    }
    if (error_.empty()) error_ = "unexpected token '" + tok.text + "'";
    ++pos_;
    return MakeNode(Node::Type::kLiteral);
  }

  std::vector<Token> t_;
  std::size_t pos_ = 0;
  std::string error_;
};

// ---------------------------------------------------------------------------
// Evaluation.

// Decodes the first UTF-8 code point of a one-character string.
Value Ord(const Value& v) {
  if (v.kind() != Value::Kind::kStr || v.s().empty()) {
    return Value::Error("TypeError: ord()");
  }
  const std::string& s = v.s();
  const unsigned char c = static_cast<unsigned char>(s[0]);
  std::uint32_t cp = c;
  std::size_t len = 1;
  if (c >= 0xF0) {
    cp = c & 0x07;
    len = 4;
  } else if (c >= 0xE0) {
    cp = c & 0x0F;
    len = 3;
  } else if (c >= 0xC0) {
    cp = c & 0x1F;
    len = 2;
  }
  if (s.size() != len) return Value::Error("TypeError: ord() of a string");
  for (std::size_t i = 1; i < len; ++i) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  }
  return Value::Int(cp);
}

std::size_t Utf8Length(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

class Evaluator {
 public:
  explicit Evaluator(const std::map<std::string, Value>& names)
      : names_(names) {}

  Value Eval(const Node& n) {
    switch (n.type) {
      case Node::Type::kLiteral:
        return n.literal;
      case Node::Type::kName: {
        auto it = names_.find(n.name);
        if (it != names_.end()) return it->second;
        if (n.name == "len" || n.name == "ord" || n.name == "str" ||
            n.name == "int") {
          return Value::Str("builtin:" + n.name);
        }
        return Value::Unsupported("name " + n.name);
      }
      case Node::Type::kTuple:
      case Node::Type::kList: {
        std::vector<Value> items;
        for (const NodePtr& k : n.kids) {
          Value v = Eval(*k);
          if (v.IsSpecial()) return v;
          items.push_back(std::move(v));
        }
        return n.type == Node::Type::kTuple ? Value::Tuple(std::move(items))
                                            : Value::List(std::move(items));
      }
      case Node::Type::kDict: {
        std::vector<std::pair<std::string, Value>> entries;
        for (std::size_t i = 0; i + 1 < n.kids.size(); i += 2) {
          Value k = Eval(*n.kids[i]);
          Value v = Eval(*n.kids[i + 1]);
          if (k.IsSpecial()) return k;
          if (v.IsSpecial()) return v;
          if (k.kind() != Value::Kind::kStr) {
            return Value::Unsupported("non-string dict key");
          }
          entries.emplace_back(k.s(), std::move(v));
        }
        return Value::Dict(std::move(entries));
      }
      case Node::Type::kSubscript: {
        Value base = Eval(*n.kids[0]);
        if (base.IsSpecial()) return base;
        Value index = Eval(*n.kids[1]);
        if (index.IsSpecial()) return index;
        return Subscript(base, index);
      }
      case Node::Type::kAttribute: {
        Value base = Eval(*n.kids[0]);
        if (base.IsSpecial()) return base;
        if (base.kind() == Value::Kind::kDict) return base.Get(n.name);
        return Value::Unsupported("attribute " + n.name);
      }
      case Node::Type::kCall:
        return Call(n);
      case Node::Type::kNot: {
        Value v = Eval(*n.kids[0]);
        if (v.IsSpecial()) return v;
        return Value::Bool(!v.Truthy());
      }
      case Node::Type::kNeg: {
        Value v = Eval(*n.kids[0]);
        if (v.IsSpecial()) return v;
        if (v.kind() == Value::Kind::kInt) return Value::Int(-v.i());
        if (v.kind() == Value::Kind::kFloat) return Value::Float(-v.f());
        return Value::Error("TypeError: unary -");
      }
      case Node::Type::kAnd: {
        Value l = Eval(*n.kids[0]);
        if (l.IsSpecial() || !l.Truthy()) return l;
        return Eval(*n.kids[1]);
      }
      case Node::Type::kOr: {
        Value l = Eval(*n.kids[0]);
        if (l.IsSpecial() || l.Truthy()) return l;
        return Eval(*n.kids[1]);
      }
      case Node::Type::kCompare: {
        Value left = Eval(*n.kids[0]);
        if (left.IsSpecial()) return left;
        for (std::size_t i = 0; i < n.ops.size(); ++i) {
          Value right = Eval(*n.kids[i + 1]);
          if (right.IsSpecial()) return right;
          Value r = CompareOp(n.ops[i], left, right);
          if (r.IsSpecial() || !r.Truthy()) return r;
          left = std::move(right);
        }
        return Value::Bool(true);
      }
      case Node::Type::kBinary: {
        Value l = Eval(*n.kids[0]);
        if (l.IsSpecial()) return l;
        Value r = Eval(*n.kids[1]);
        if (r.IsSpecial()) return r;
        if (n.name == "+") {
          if (l.kind() == Value::Kind::kStr && r.kind() == Value::Kind::kStr) {
            return Value::Str(l.s() + r.s());
          }
          if (l.kind() == Value::Kind::kInt && r.kind() == Value::Kind::kInt) {
            return Value::Int(l.i() + r.i());
          }
          if (IsNumber(l) && IsNumber(r)) {
            return Value::Float(AsDouble(l) + AsDouble(r));
          }
          return Value::Error("TypeError: +");
        }
        if (n.name == "-" && IsNumber(l) && IsNumber(r)) {
          if (l.kind() == Value::Kind::kInt && r.kind() == Value::Kind::kInt) {
            return Value::Int(l.i() - r.i());
          }
          return Value::Float(AsDouble(l) - AsDouble(r));
        }
        if (n.name == "*" && l.kind() == Value::Kind::kStr &&
            r.kind() == Value::Kind::kInt) {
          std::string out;
          for (std::int64_t k = 0; k < r.i() && k < 100000; ++k) out += l.s();
          return Value::Str(out);
        }
        if (n.name == "*" && IsNumber(l) && IsNumber(r)) {
          return Value::Float(AsDouble(l) * AsDouble(r));
        }
        return Value::Unsupported("operator " + n.name);
      }
    }
    return Value::Unsupported("node");
  }

 private:
  static Value Subscript(const Value& base, const Value& index) {
    switch (base.kind()) {
      case Value::Kind::kDict:
        if (index.kind() != Value::Kind::kStr) {
          return Value::Error("KeyError: non-string");
        }
        return base.Get(index.s());
      case Value::Kind::kList:
      case Value::Kind::kTuple: {
        if (index.kind() != Value::Kind::kInt) {
          return Value::Unsupported("slice");
        }
        std::int64_t i = index.i();
        const auto size = static_cast<std::int64_t>(base.items().size());
        if (i < 0) i += size;
        if (i < 0 || i >= size) return Value::Error("IndexError");
        return base.items()[static_cast<std::size_t>(i)];
      }
      case Value::Kind::kStr: {
        if (index.kind() != Value::Kind::kInt) {
          return Value::Unsupported("slice");
        }
        // Byte-wise is enough for the ASCII checks the suite makes.
        const std::string& s = base.s();
        std::int64_t i = index.i();
        if (i < 0) i += static_cast<std::int64_t>(s.size());
        if (i < 0 || i >= static_cast<std::int64_t>(s.size())) {
          return Value::Error("IndexError");
        }
        return Value::Str(std::string(1, s[static_cast<std::size_t>(i)]));
      }
      default:
        return Value::Error("TypeError: not subscriptable");
    }
  }

  static Value CompareOp(const std::string& op, const Value& l,
                         const Value& r) {
    if (op == "==") return Value::Bool(l.Equals(r));
    if (op == "!=") return Value::Bool(!l.Equals(r));
    if (op == "is") return Value::Bool(l.Equals(r) && l.kind() == r.kind());
    if (op == "is not") {
      return Value::Bool(!(l.Equals(r) && l.kind() == r.kind()));
    }
    if (op == "in" || op == "not in") {
      bool found = false;
      if (r.kind() == Value::Kind::kStr) {
        if (l.kind() != Value::Kind::kStr) return Value::Error("TypeError: in");
        found = r.s().find(l.s()) != std::string::npos;
      } else if (r.kind() == Value::Kind::kList ||
                 r.kind() == Value::Kind::kTuple) {
        for (const Value& item : r.items()) {
          if (item.Equals(l)) found = true;
        }
      } else if (r.kind() == Value::Kind::kDict) {
        if (l.kind() != Value::Kind::kStr) return Value::Bool(op != "in");
        found = r.Has(l.s());
        if (!found) {
          // Absent and not modelled: we cannot say.
          Value probe = r.Get(l.s());
          if (probe.kind() == Value::Kind::kUnsupported) return probe;
        }
      } else {
        return Value::Error("TypeError: in");
      }
      return Value::Bool(op == "in" ? found : !found);
    }
    // Ordering.
    if (IsNumber(l) && IsNumber(r)) {
      const double a = AsDouble(l), b = AsDouble(r);
      if (op == "<") return Value::Bool(a < b);
      if (op == ">") return Value::Bool(a > b);
      if (op == "<=") return Value::Bool(a <= b);
      if (op == ">=") return Value::Bool(a >= b);
    }
    if (l.kind() == Value::Kind::kStr && r.kind() == Value::Kind::kStr) {
      if (op == "<") return Value::Bool(l.s() < r.s());
      if (op == ">") return Value::Bool(l.s() > r.s());
      if (op == "<=") return Value::Bool(l.s() <= r.s());
      if (op == ">=") return Value::Bool(l.s() >= r.s());
    }
    return Value::Unsupported("comparison " + op);
  }

  Value Call(const Node& n) {
    const Node& callee = *n.kids[0];
    std::vector<Value> args;
    for (std::size_t i = 1; i < n.kids.size(); ++i) {
      Value v = Eval(*n.kids[i]);
      if (v.IsSpecial()) return v;
      args.push_back(std::move(v));
    }
    if (callee.type == Node::Type::kName) {
      if (callee.name == "len" && args.size() == 1) {
        const Value& a = args[0];
        switch (a.kind()) {
          case Value::Kind::kStr:
            return Value::Int(static_cast<std::int64_t>(Utf8Length(a.s())));
          case Value::Kind::kList:
          case Value::Kind::kTuple:
            return Value::Int(static_cast<std::int64_t>(a.items().size()));
          case Value::Kind::kDict:
            return Value::Unsupported("len of a model dict");
          default:
            return Value::Error("TypeError: len()");
        }
      }
      if (callee.name == "ord" && args.size() == 1) return Ord(args[0]);
      return Value::Unsupported("call " + callee.name);
    }
    if (callee.type == Node::Type::kAttribute) {
      Value self = Eval(*callee.kids[0]);
      if (self.IsSpecial()) return self;
      if (self.kind() == Value::Kind::kDict &&
          (callee.name == "get" || callee.name == "has_key") && !args.empty() &&
          args[0].kind() == Value::Kind::kStr) {
        Value v = self.Get(args[0].s());
        if (v.kind() == Value::Kind::kUnsupported) return v;
        const bool present = v.kind() != Value::Kind::kError;
        if (callee.name == "has_key") return Value::Bool(present);
        if (present) return v;
        return args.size() > 1 ? args[1] : Value::None();
      }
      return Value::Unsupported("method " + callee.name);
    }
    return Value::Unsupported("call");
  }

  const std::map<std::string, Value>& names_;
};

}  // namespace

Value Evaluate(std::string_view expression,
               const std::map<std::string, Value>& names) {
  std::vector<Token> tokens;
  std::string error;
  if (!Lexer(expression).Run(&tokens, &error)) {
    return Value::Unsupported("syntax: " + error);
  }
  Parser parser(std::move(tokens));
  NodePtr root = parser.ParseAll(&error);
  if (!root) return Value::Unsupported("syntax: " + error);
  return Evaluator(names).Eval(*root);
}

}  // namespace tidings::feed::py
