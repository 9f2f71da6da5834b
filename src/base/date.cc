#include "base/date.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "base/time_format.h"

namespace tidings {
namespace {

constexpr std::int64_t kSecondsPerMinute = 60;
constexpr std::int64_t kSecondsPerHour = 3600;
constexpr std::int64_t kSecondsPerDay = 86400;
// Real date strings are short; anything longer is prose, not a date, and
// scanning it would only invite false positives.
constexpr size_t kMaxDateLength = 256;
// feedparser's pivot for two-digit years: below it 20xx, else 19xx.
constexpr int kTwoDigitYearPivot = 90;
// Month-name prefixes shorter than this are too ambiguous ("ma", "ju").
constexpr size_t kMinMonthPrefix = 3;
constexpr int kMaxOffsetMinutes = 18 * 60;

struct Fields {
  int year = -1;
  int month = -1;
  int day = -1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int offset_minutes = 0;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
char Lower(char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30,
                                                31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

std::optional<UnixSeconds> Assemble(const Fields& f) {
  if (f.year < 1 || f.year > 9999 || f.month < 1 || f.month > 12 || f.day < 1 ||
      f.day > DaysInMonth(f.year, f.month)) {
    return std::nullopt;
  }
  // 24:00 is the end of the day; 60 a leap second.
  if (f.hour < 0 || f.hour > 24 || f.minute < 0 || f.minute > 59 ||
      f.second < 0 || f.second > 60) {
    return std::nullopt;
  }
  if (f.offset_minutes < -kMaxOffsetMinutes ||
      f.offset_minutes > kMaxOffsetMinutes) {
    return std::nullopt;
  }
  return DaysFromCivil(f.year, f.month, f.day) * kSecondsPerDay +
         f.hour * kSecondsPerHour + f.minute * kSecondsPerMinute + f.second -
         f.offset_minutes * kSecondsPerMinute;
}

int ExpandYear(int year, size_t digits) {
  if (digits <= 2 && year < 100) {
    return year + (year < kTwoDigitYearPivot ? 2000 : 1900);
  }
  return year;
}

// ---------------------------------------------------------------------------
// Named zones. Offsets in minutes east of UTC.

struct NamedZone {
  std::string_view name;
  int offset_minutes;
};

constexpr NamedZone kZones[] = {
    {"ut", 0},     {"utc", 0},    {"gmt", 0},     {"z", 0},       {"wet", 0},
    {"west", 60},  {"bst", 60},   {"cet", 60},    {"met", 60},    {"cest", 120},
    {"mest", 120}, {"mez", 60},   {"mesz", 120},  {"eet", 120},   {"eest", 180},
    {"msk", 180},  {"ist", 330},  {"hkt", 480},   {"sgt", 480},   {"awst", 480},
    {"jst", 540},  {"kst", 540},  {"acst", 570},  {"aest", 600},  {"aedt", 660},
    {"nzst", 720}, {"nzdt", 780}, {"adt", -180},  {"ast", -240},  {"at", -240},
    {"edt", -240}, {"est", -300}, {"et", -300},   {"cdt", -300},  {"cst", -360},
    {"ct", -360},  {"mdt", -360}, {"mst", -420},  {"mt", -420},   {"pdt", -420},
    {"pst", -480}, {"pt", -480},  {"akdt", -480}, {"akst", -540}, {"hst", -600},
    {"nst", -210}, {"ndt", -150},
};

// RFC 822 military zones: A..I = -1..-9, K..M = -10..-12, N..Y = +1..+12.
std::optional<int> MilitaryZone(char c) {
  c = Lower(c);
  if (c == 'z') return 0;
  if (c >= 'a' && c <= 'i') return -(c - 'a' + 1) * 60;
  if (c >= 'k' && c <= 'm') return -(c - 'k' + 10) * 60;
  if (c >= 'n' && c <= 'y') return (c - 'n' + 1) * 60;
  return std::nullopt;
}

std::optional<int> ZoneByName(std::string_view lower) {
  for (const NamedZone& z : kZones) {
    if (z.name == lower) return z.offset_minutes;
  }
  if (lower.size() == 1) return MilitaryZone(lower[0]);
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// Month names: full names (lower-case) in many languages; a word matches a
// month when it is one of them, or a prefix (at least kMinMonthPrefix bytes)
// of names of only that month.

struct MonthNames {
  int month;
  std::vector<std::string_view> names;
};

const std::vector<MonthNames>& Months() {
  static const auto* months = new std::vector<MonthNames>{
      {1,
       {"january", "januar", "janvier", "enero", "gennaio", "janeiro",
        "januari", "stycznia", "styczeń", "января", "январь", "ocak", "január",
        "jänner", "Ιαν", "Ιανουαρίου", "ιαν", "ιανουαρίου"}},
      {2,
       {"february", "februar", "février", "fevrier", "febrero", "febbraio",
        "fevereiro", "februari", "lutego", "luty", "февраля", "февраль",
        "şubat", "subat", "február", "Φεβ", "Φεβρουαρίου", "φεβ",
        "φεβρουαρίου"}},
      {3, {"march",   "märz",    "maerz", "mars",   "marzo", "março",
           "marco",   "maart",   "marca", "marzec", "марта", "март",
           "mart",    "március", "Μάρ",   "Μαρ",    "Μάώ",   "Μαώ",
           "Μαρτίου", "μάρ",     "μαρ",   "μαρτίου"}},
      {4,
       {"april", "avril", "abril", "aprile", "kwietnia", "kwiecień", "апреля",
        "апрель", "nisan", "április", "Απρ", "Απριλίου", "απρ", "απριλίου"}},
      {5, {"may",  "mai", "mayo",  "maggio", "maio",  "mei",   "maj",
           "maja", "мая", "май",   "mayıs",  "mayis", "május", "Μάι",
           "Μαϊ",  "Μαι", "Μαΐου", "μάι",    "μαϊ",   "μαι",   "μαΐου"}},
      {6,
       {"june", "juni", "juin", "junio", "giugno", "junho", "czerwca",
        "czerwiec", "июня", "июнь", "haziran", "június", "Ιούν", "Ιον",
        "Ιουνίου", "ιούν", "ιουνίου"}},
      {7,
       {"july", "juli", "juillet", "julio", "luglio", "julho", "lipca",
        "lipiec", "июля", "июль", "temmuz", "július", "Ιούλ", "Ιολ", "Ιουλίου",
        "ιούλ", "ιουλίου"}},
      {8,
       {"august", "août", "aout", "agosto", "augustus", "augusti", "sierpnia",
        "sierpień", "августа", "август", "ağustos", "agustos", "augusztus",
        "Αύγ", "Αυγ", "Αυγούστου", "αύγ", "αυγ", "αυγούστου"}},
      {9,
       {"september", "septembre", "septiembre", "settembre", "setembro",
        "września", "wrzesień", "сентября", "сентябрь", "eylül", "eylul",
        "szeptember", "Σεπ", "Σεπτεμβρίου", "σεπ", "σεπτεμβρίου"}},
      {10,
       {"october", "oktober", "octobre", "octubre", "ottobre", "outubro",
        "października", "październik", "октября", "октябрь", "ekim", "október",
        "Οκτ", "Οκτωβρίου", "οκτ", "οκτωβρίου"}},
      {11,
       {"november", "novembre", "noviembre", "novembro", "listopada",
        "listopad", "ноября", "ноябрь", "kasım", "kasim", "Νοέ", "Νοε",
        "Νοεμβρίου", "νοέ", "νοε", "νοεμβρίου"}},
      {12,
       {"december", "dezember", "décembre", "decembre", "diciembre", "dicembre",
        "dezembro", "grudnia", "grudzień", "декабря", "декабрь", "aralık",
        "aralik", "Δεκ", "Δεκεμβρίου", "δεκ", "δεκεμβρίου"}},
  };
  return *months;
}

std::optional<int> MonthByName(std::string_view word) {
  std::string lower = LowerAscii(word);
  while (!lower.empty() && lower.back() == '.') lower.pop_back();
  if (lower.size() < kMinMonthPrefix) return std::nullopt;
  int found = -1;
  for (const MonthNames& m : Months()) {
    for (std::string_view name : m.names) {
      if (name == lower) return m.month;
      if (name.size() > lower.size() && name.substr(0, lower.size()) == lower) {
        if (found != -1 && found != m.month) found = 0;  // Ambiguous.
        if (found == -1) found = m.month;
      }
    }
  }
  return found > 0 ? std::optional<int>(found) : std::nullopt;
}

// ---------------------------------------------------------------------------
// Strict-ish ISO 8601 / W3CDTF, extended and basic, with partial dates.

class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool Done() const { return pos_ >= s_.size(); }
  char Peek() const { return Done() ? '\0' : s_[pos_]; }
  bool Eat(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  size_t CountDigits() const {
    size_t n = 0;
    while (pos_ + n < s_.size() && IsDigit(s_[pos_ + n])) ++n;
    return n;
  }
  int ReadDigits(size_t n) {
    int v = 0;
    for (size_t i = 0; i < n; ++i) v = v * 10 + (s_[pos_++] - '0');
    return v;
  }
  void SkipDigits() {
    while (IsDigit(Peek())) ++pos_;
  }
  void SkipSpaces() {
    while (Peek() == ' ' || Peek() == '\t') ++pos_;
  }
  std::string_view Rest() const { return s_.substr(pos_); }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

// Sets month/day from an ISO week date (year, week 1..53, weekday 1..7).
bool FromWeekDate(int year, int week, int weekday, Fields* f) {
  if (week < 1 || week > 53 || weekday < 1 || weekday > 7) return false;
  // Week 1 holds January 4th; find the Monday of week 1.
  const std::int64_t jan4 = DaysFromCivil(year, 1, 4);
  // 1970-01-01 was a Thursday (ISO weekday 4).
  const std::int64_t jan4_weekday = ((jan4 % 7) + 7 + 3) % 7 + 1;
  const std::int64_t days =
      jan4 - (jan4_weekday - 1) + (week - 1) * 7 + (weekday - 1);
  // Back to civil (Hinnant's civil_from_days).
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe =
      (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  f->day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  f->month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  f->year = static_cast<int>(yoe + era * 400 + (f->month <= 2));
  return true;
}

bool FromOrdinal(int year, int ordinal, Fields* f) {
  if (ordinal < 1 || ordinal > (IsLeap(year) ? 366 : 365)) return false;
  int month = 1;
  while (ordinal > DaysInMonth(year, month)) {
    ordinal -= DaysInMonth(year, month);
    ++month;
  }
  f->year = year;
  f->month = month;
  f->day = ordinal;
  return true;
}

// Parses a zone at the cursor: "Z", "+hh", "+hhmm", "+hh:mm" or a name
// after optional spaces. Returns false on anything else but the end.
bool ParseIsoZone(Cursor& c, Fields* f) {
  c.SkipSpaces();
  if (c.Done()) return true;
  if (c.Peek() == 'Z' || c.Peek() == 'z') {
    c.Eat(c.Peek());
    c.SkipSpaces();
    return c.Done();
  }
  if (c.Peek() == '+' || c.Peek() == '-') {
    const int sign = c.Peek() == '+' ? 1 : -1;
    c.Eat(c.Peek());
    const size_t n = c.CountDigits();
    int hours = 0, minutes = 0;
    if (n == 4) {
      hours = c.ReadDigits(2);
      minutes = c.ReadDigits(2);
    } else if (n == 2 || n == 1) {
      hours = c.ReadDigits(n);
      if (c.Eat(':')) {
        if (c.CountDigits() != 2) return false;
        minutes = c.ReadDigits(2);
      }
    } else {
      return false;
    }
    if (minutes > 59) return false;
    f->offset_minutes = sign * (hours * 60 + minutes);
    c.SkipSpaces();
    return c.Done();
  }
  std::string name;
  while (!c.Done() && IsAsciiAlpha(c.Peek())) {
    name += Lower(c.Peek());
    c.Eat(c.Peek());
  }
  std::optional<int> zone = ZoneByName(name);
  if (!zone) return false;
  f->offset_minutes = *zone;
  c.SkipSpaces();
  return c.Done();
}

std::optional<UnixSeconds> ParseIsoLenient(std::string_view s) {
  Cursor c(s);
  Fields f;
  if (c.CountDigits() < 4) return std::nullopt;
  const size_t lead = c.CountDigits();
  if (lead == 4) {
    f.year = c.ReadDigits(4);
    if (c.Done()) {
      f.month = f.day = 1;
      return Assemble(f);
    }
    if (c.Eat('-')) {
      if (c.Eat('W') || c.Eat('w')) {
        if (c.CountDigits() != 2) return std::nullopt;
        const int week = c.ReadDigits(2);
        int weekday = 1;
        if (c.Eat('-')) {
          if (c.CountDigits() != 1) return std::nullopt;
          weekday = c.ReadDigits(1);
        }
        if (!FromWeekDate(f.year, week, weekday, &f)) return std::nullopt;
      } else if (c.CountDigits() == 3) {
        if (!FromOrdinal(f.year, c.ReadDigits(3), &f)) return std::nullopt;
      } else if (c.CountDigits() == 2 || c.CountDigits() == 1) {
        f.month = c.ReadDigits(c.CountDigits());
        f.day = 1;
        if (c.Eat('-')) {
          const size_t n = c.CountDigits();
          if (n != 2 && n != 1) return std::nullopt;
          f.day = c.ReadDigits(n);
        }
      } else {
        return std::nullopt;
      }
    } else if (c.Eat('W') || c.Eat('w')) {
      if (c.CountDigits() != 2 && c.CountDigits() != 3) return std::nullopt;
      const bool with_day = c.CountDigits() == 3;
      const int week = c.ReadDigits(2);
      const int weekday = with_day ? c.ReadDigits(1) : 1;
      if (!FromWeekDate(f.year, week, weekday, &f)) return std::nullopt;
    } else {
      return std::nullopt;
    }
  } else if (lead == 8) {
    f.year = c.ReadDigits(4);
    f.month = c.ReadDigits(2);
    f.day = c.ReadDigits(2);
  } else if (lead == 7) {
    f.year = c.ReadDigits(4);
    if (!FromOrdinal(f.year, c.ReadDigits(3), &f)) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (c.Done()) return Assemble(f);
  if (!c.Eat('T') && !c.Eat('t') && !c.Eat(' ')) {
    // A zone straight after a date ("2019-03-05Z") is fine.
    if (!ParseIsoZone(c, &f)) return std::nullopt;
    return Assemble(f);
  }
  c.SkipSpaces();
  const size_t n = c.CountDigits();
  if (n == 0) return std::nullopt;
  if (n == 6 || n == 4) {
    f.hour = c.ReadDigits(2);
    f.minute = c.ReadDigits(2);
    if (n == 6) f.second = c.ReadDigits(2);
  } else if (n <= 2) {
    f.hour = c.ReadDigits(n);
    if (c.Eat(':')) {
      if (c.CountDigits() != 2) return std::nullopt;
      f.minute = c.ReadDigits(2);
      if (c.Eat(':')) {
        if (c.CountDigits() != 2) return std::nullopt;
        f.second = c.ReadDigits(2);
      }
    }
  } else {
    return std::nullopt;
  }
  if (c.Peek() == '.' || c.Peek() == ',') {
    c.Eat(c.Peek());
    if (c.CountDigits() == 0) return std::nullopt;
    c.SkipDigits();
  }
  if (!ParseIsoZone(c, &f)) return std::nullopt;
  return Assemble(f);
}

// ---------------------------------------------------------------------------
// The general, token-based parser for everything else.

enum class TokenKind { kNumber, kWord, kPunct };

struct Token {
  TokenKind kind;
  std::string_view text;
  int value = 0;  // For numbers (saturated).
};

bool IsWordByte(unsigned char c) { return IsAsciiAlpha(c) || c >= 0x80; }

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (IsDigit(c)) {
      size_t j = i;
      int v = 0;
      while (j < s.size() && IsDigit(s[j])) {
        if (v < 100000000) v = v * 10 + (s[j] - '0');
        ++j;
      }
      tokens.push_back({TokenKind::kNumber, s.substr(i, j - i), v});
      i = j;
    } else if (IsWordByte(c)) {
      size_t j = i;
      while (j < s.size() && IsWordByte(static_cast<unsigned char>(s[j]))) {
        ++j;
      }
      // Keep "a.m." and "Jan." together.
      while (j < s.size() && s[j] == '.' && j > i) {
        ++j;
        if (j < s.size() && IsAsciiAlpha(s[j]) && j + 1 < s.size() &&
            s[j + 1] == '.') {
          j += 2;
        } else {
          break;
        }
      }
      tokens.push_back({TokenKind::kWord, s.substr(i, j - i)});
      i = j;
    } else {
      tokens.push_back({TokenKind::kPunct, s.substr(i, 1)});
      ++i;
    }
  }
  return tokens;
}

struct DateNumber {
  int value;
  size_t digits;
  size_t token_index;
};

std::optional<UnixSeconds> ParseGeneral(std::string_view s) {
  const std::vector<Token> t = Tokenize(s);
  Fields f;
  std::vector<DateNumber> numbers;
  int named_month = -1;
  size_t named_month_index = 0;
  bool have_time = false;
  bool have_zone = false;
  int meridiem = 0;  // -1 am, +1 pm.
  int marked_year = -1, marked_month = -1, marked_day = -1;

  auto is_punct = [&](size_t i, char c) {
    return i < t.size() && t[i].kind == TokenKind::kPunct && t[i].text[0] == c;
  };
  auto is_number = [&](size_t i) {
    return i < t.size() && t[i].kind == TokenKind::kNumber;
  };
  // Reads "+hh", "+hhmm", "+hh:mm" at i; returns tokens used or 0.
  auto read_offset = [&](size_t i) -> size_t {
    if (!(is_punct(i, '+') || is_punct(i, '-')) || !is_number(i + 1)) {
      return 0;
    }
    const int sign = t[i].text[0] == '+' ? 1 : -1;
    const Token& n = t[i + 1];
    int hours = 0, minutes = 0;
    size_t used = 2;
    if (n.text.size() <= 2) {
      hours = n.value;
      if (is_punct(i + 2, ':') && is_number(i + 3) &&
          t[i + 3].text.size() == 2) {
        minutes = t[i + 3].value;
        used = 4;
      }
    } else if (n.text.size() == 4 || n.text.size() == 3) {
      hours = n.value / 100;
      minutes = n.value % 100;
    } else {
      return 0;
    }
    if (minutes > 59) return 0;
    f.offset_minutes = sign * (hours * 60 + minutes);
    return used;
  };

  for (size_t i = 0; i < t.size(); ++i) {
    const Token& tok = t[i];
    if (tok.kind == TokenKind::kNumber) {
      // hh:mm[:ss[.frac]]
      if (!have_time && tok.text.size() <= 2 && is_punct(i + 1, ':') &&
          is_number(i + 2) && t[i + 2].text.size() == 2) {
        f.hour = tok.value;
        f.minute = t[i + 2].value;
        i += 2;
        if (is_punct(i + 1, ':') && is_number(i + 2) &&
            t[i + 2].text.size() <= 2) {
          f.second = t[i + 2].value;
          i += 2;
          if ((is_punct(i + 1, '.') || is_punct(i + 1, ',')) &&
              is_number(i + 2)) {
            i += 2;
          }
        }
        have_time = true;
        if (!have_zone) {
          if (size_t used = read_offset(i + 1)) {
            have_zone = true;
            i += used;
          }
        }
        continue;
      }
      // Korean/CJK markers: 2019년 3월 5일, 2019年3月5日.
      if (i + 1 < t.size() && t[i + 1].kind == TokenKind::kWord) {
        std::string_view next = t[i + 1].text;
        if (next == "년" || next == "年") {
          marked_year = tok.value;
          ++i;
          continue;
        }
        if (next == "월" || next == "月") {
          marked_month = tok.value;
          ++i;
          continue;
        }
        if (next == "일" || next == "日") {
          marked_day = tok.value;
          ++i;
          continue;
        }
      }
      numbers.push_back({tok.value, tok.text.size(), i});
      continue;
    }
    if (tok.kind == TokenKind::kWord) {
      const std::string lower = LowerAscii(tok.text);
      if (lower == "am" || lower == "a.m." || tok.text == "오전" ||
          tok.text == "午前") {
        meridiem = -1;
        continue;
      }
      if (lower == "pm" || lower == "p.m." || tok.text == "오후" ||
          tok.text == "午後") {
        meridiem = 1;
        continue;
      }
      if (have_time && !have_zone) {
        if (std::optional<int> zone = ZoneByName(lower)) {
          f.offset_minutes = *zone;
          have_zone = true;
          // "GMT+0100", "UTC-5".
          if (size_t used = read_offset(i + 1)) i += used;
          continue;
        }
      }
      if (std::optional<int> month = MonthByName(tok.text)) {
        named_month = *month;
        named_month_index = i;
        continue;
      }
      // Weekdays, "de", "of", "at", ordinal suffixes: ignored.
      continue;
    }
    // A sign before a number after the time is a zone even when a zone
    // name preceded it ("EST -0500" is rare; keep the first).
    if (have_time && !have_zone) {
      if (size_t used = read_offset(i)) {
        have_zone = true;
        i += used - 1;
        continue;
      }
    }
  }

  if (meridiem != 0 && have_time) {
    if (f.hour < 1 || f.hour > 12) return std::nullopt;
    f.hour = f.hour % 12 + (meridiem > 0 ? 12 : 0);
  }

  if (marked_year >= 0 || marked_month >= 0 || marked_day >= 0) {
    if (marked_year >= 0) f.year = ExpandYear(marked_year, 2);
    if (marked_month >= 0) f.month = marked_month;
    if (marked_day >= 0) f.day = marked_day;
    // Fill the rest from the plain numbers in order.
    size_t next = 0;
    if (f.year < 0 && next < numbers.size()) {
      f.year = ExpandYear(numbers[next].value, numbers[next].digits);
      ++next;
    }
    if (f.month < 0 && named_month > 0) f.month = named_month;
    if (f.month < 0 && next < numbers.size()) f.month = numbers[next++].value;
    if (f.day < 0 && next < numbers.size()) f.day = numbers[next++].value;
    return Assemble(f);
  }

  if (named_month > 0) {
    f.month = named_month;
    // The year: a number of three or more digits, else the one above 31.
    int year_at = -1;
    for (size_t k = 0; k < numbers.size(); ++k) {
      if (numbers[k].digits >= 3) {
        year_at = static_cast<int>(k);
        break;
      }
    }
    if (year_at < 0) {
      for (size_t k = 0; k < numbers.size(); ++k) {
        if (numbers[k].value > 31) {
          year_at = static_cast<int>(k);
          break;
        }
      }
    }
    int day_at = -1;
    if (year_at < 0 && numbers.size() >= 2) {
      // "5 Jan 06", "Jan 05 06": the day comes first.
      day_at = 0;
      year_at = 1;
    } else {
      // The day is the number nearest the month name.
      size_t best = SIZE_MAX;
      for (size_t k = 0; k < numbers.size(); ++k) {
        if (static_cast<int>(k) == year_at) continue;
        const size_t idx = numbers[k].token_index;
        const size_t dist = idx > named_month_index ? idx - named_month_index
                                                    : named_month_index - idx;
        if (dist < best) {
          best = dist;
          day_at = static_cast<int>(k);
        }
      }
    }
    if (year_at < 0 || day_at < 0) return std::nullopt;
    f.year = ExpandYear(numbers[year_at].value, numbers[year_at].digits);
    f.day = numbers[day_at].value;
    return Assemble(f);
  }

  if (numbers.size() == 1 && numbers[0].digits == 8) {
    // "20190305" with a time elsewhere.
    const int v = numbers[0].value;
    f.year = v / 10000;
    f.month = v / 100 % 100;
    f.day = v % 100;
    return Assemble(f);
  }
  if (numbers.size() < 3) return std::nullopt;
  const DateNumber& a = numbers[0];
  const DateNumber& b = numbers[1];
  const DateNumber& c = numbers[2];
  if (a.digits == 4) {
    f.year = a.value;
    f.month = b.value;
    f.day = c.value;
  } else {
    f.year = ExpandYear(c.value, c.digits);
    // Day first ("05.03.2019") unless that cannot be ("03/25/2019").
    if (b.value > 12 && a.value <= 12) {
      f.month = a.value;
      f.day = b.value;
    } else {
      f.day = a.value;
      f.month = b.value;
    }
  }
  return Assemble(f);
}

// ---------------------------------------------------------------------------
// Fast path for the canonical RFC 822 form nearly every RSS feed writes,
// "Tue, 05 Mar 2019 14:07:00 GMT": read in one pass without tokens or
// allocations. It accepts only inputs ParseGeneral reads the same way
// (English month abbreviation, four-digit year, a zone that ends the text)
// and leaves everything else to it.

constexpr std::string_view kWeekdayAbbreviations[] = {
    "mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::string_view kMonthAbbreviations[] = {"jan", "feb", "mar", "apr",
                                                    "may", "jun", "jul", "aug",
                                                    "sep", "oct", "nov", "dec"};
// Longest zone name in kZones.
constexpr size_t kMaxZoneName = 4;

// Reads exactly `n` digits.
bool ReadFixedDigits(std::string_view s, size_t* pos, size_t n, int* out) {
  if (*pos + n > s.size()) return false;
  int v = 0;
  for (size_t k = 0; k < n; ++k) {
    const char c = s[*pos + k];
    if (!IsDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  if (*pos + n < s.size() && IsDigit(s[*pos + n])) return false;
  *pos += n;
  *out = v;
  return true;
}

// Reads a run of letters, lower-cased into *out (at most `max` of them).
bool ReadWord(std::string_view s, size_t* pos, size_t max, std::string* out) {
  out->clear();
  while (*pos < s.size() && IsAsciiAlpha(s[*pos])) {
    if (out->size() == max) return false;
    out->push_back(Lower(s[(*pos)++]));
  }
  return !out->empty();
}

bool SkipSpaces(std::string_view s, size_t* pos) {
  const size_t start = *pos;
  while (*pos < s.size() && s[*pos] == ' ') ++*pos;
  return *pos > start;
}

std::optional<UnixSeconds> ParseRfc822Canonical(std::string_view s) {
  size_t pos = 0;
  std::string word;  // Short: stays in the small-string buffer.
  Fields f;
  if (IsAsciiAlpha(s[0])) {
    if (!ReadWord(s, &pos, 3, &word)) return std::nullopt;
    bool weekday = false;
    for (std::string_view w : kWeekdayAbbreviations) weekday |= w == word;
    if (!weekday || pos >= s.size() || s[pos] != ',') return std::nullopt;
    ++pos;
    SkipSpaces(s, &pos);
  }
  const size_t day_digits = pos + 1 < s.size() && IsDigit(s[pos + 1]) ? 2 : 1;
  if (!ReadFixedDigits(s, &pos, day_digits, &f.day)) return std::nullopt;
  if (!SkipSpaces(s, &pos) || !ReadWord(s, &pos, 3, &word)) {
    return std::nullopt;
  }
  for (size_t m = 0; m < std::size(kMonthAbbreviations); ++m) {
    if (kMonthAbbreviations[m] == word) f.month = static_cast<int>(m) + 1;
  }
  if (f.month < 0 || !SkipSpaces(s, &pos) ||
      !ReadFixedDigits(s, &pos, 4, &f.year) || !SkipSpaces(s, &pos)) {
    return std::nullopt;
  }
  const size_t hour_digits = pos + 1 < s.size() && IsDigit(s[pos + 1]) ? 2 : 1;
  if (!ReadFixedDigits(s, &pos, hour_digits, &f.hour) || pos >= s.size() ||
      s[pos++] != ':' || !ReadFixedDigits(s, &pos, 2, &f.minute)) {
    return std::nullopt;
  }
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!ReadFixedDigits(s, &pos, 2, &f.second)) return std::nullopt;
  }
  if (!SkipSpaces(s, &pos) || pos >= s.size()) return std::nullopt;
  if (s[pos] == '+' || s[pos] == '-') {
    const int sign = s[pos++] == '+' ? 1 : -1;
    int hours = 0, minutes = 0;
    if (pos + 2 < s.size() && s[pos + 2] == ':') {
      if (!ReadFixedDigits(s, &pos, 2, &hours)) return std::nullopt;
      ++pos;
      if (!ReadFixedDigits(s, &pos, 2, &minutes)) return std::nullopt;
    } else {
      int hhmm = 0;
      if (!ReadFixedDigits(s, &pos, 4, &hhmm)) return std::nullopt;
      hours = hhmm / 100;
      minutes = hhmm % 100;
    }
    if (minutes > 59) return std::nullopt;
    f.offset_minutes = sign * (hours * 60 + minutes);
  } else {
    if (!ReadWord(s, &pos, kMaxZoneName, &word)) return std::nullopt;
    std::optional<int> zone = ZoneByName(word);
    if (!zone) return std::nullopt;
    f.offset_minutes = *zone;
  }
  if (pos != s.size()) return std::nullopt;
  return Assemble(f);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' ||
                        s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' ||
                        s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::optional<UnixSeconds> ParseDate(std::string_view text) {
  text = Trim(text);
  if (text.empty() || text.size() > kMaxDateLength) return std::nullopt;
  if (IsDigit(text[0])) {
    if (auto iso = ParseIsoLenient(text)) return iso;
  }
  if (auto rfc822 = ParseRfc822Canonical(text)) return rfc822;
  return ParseGeneral(text);
}

}  // namespace tidings
