#include "warc/reader.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <sstream>
#include <system_error>

#include "base/time_format.h"

namespace tidings::warc {
namespace {

// Bytes read from disk at a time, and room made for inflate output per call.
// 256 KiB amortises syscalls and zlib calls without mattering for memory.
constexpr std::size_t kInputChunk = 256 << 10;
constexpr std::size_t kOutputChunk = 256 << 10;
// A block is reserved up front only up to this; beyond it the string grows,
// so that a lying Content-Length cannot make us allocate the whole cap.
constexpr std::size_t kMaxReserve = 1 << 20;
// zlib: 15-bit window, +16 = expect a gzip header and trailer.
constexpr int kGzipWindowBits = 15 + 16;
constexpr unsigned char kGzipMagic[] = {0x1f, 0x8b};
// Deflate is the only compression method gzip defines; requiring it makes
// resynchronisation on damaged data skip far fewer false starts.
constexpr unsigned char kGzipMethodDeflate = 0x08;
constexpr std::string_view kWarcMagic = "WARC/";
constexpr std::string_view kArcMagic = "filedesc://";
// Content-Length digits: 19 decimal digits always fit in 64 bits.
constexpr std::size_t kMaxLengthDigits = 19;
// "20170306040353": the 14-digit timestamp of WARC/0.x and ARC files.
constexpr std::size_t kCompactDateLength = 14;

bool AsciiEqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::optional<std::uint64_t> ParseLength(std::string_view s) {
  if (s.empty() || s.size() > kMaxLengthDigits) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

// "20170306040353" as written by WARC/0.x tools.
std::optional<UnixSeconds> ParseCompactDate(std::string_view s) {
  if (s.size() != kCompactDateLength) return std::nullopt;
  for (char c : s) {
    if (!IsDigit(c)) return std::nullopt;
  }
  auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  int month = num(4, 2), day = num(6, 2);
  int hour = num(8, 2), minute = num(10, 2), second = num(12, 2);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 ||
      minute > 59 || second > 60) {
    return std::nullopt;
  }
  return DaysFromCivil(num(0, 4), static_cast<unsigned>(month),
                       static_cast<unsigned>(day)) *
             86400 +
         hour * 3600 + minute * 60 + second;
}

bool IsVersion(std::string_view v) {
  // digits "." digits
  std::size_t dot = v.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == v.size()) {
    return false;
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i != dot && !IsDigit(v[i])) return false;
  }
  return true;
}

// Where the raw (possibly compressed) bytes come from.
class Source {
 public:
  virtual ~Source() = default;
  // Reads up to n bytes; 0 at end of input.
  virtual Result<std::size_t> Read(unsigned char* buf, std::size_t n) = 0;
  // Total size in bytes, 0 if unknown.
  virtual std::uint64_t Size() const = 0;
};

class FileSource final : public Source {
 public:
  FileSource(std::FILE* f, std::uint64_t size, std::string path)
      : file_(f), size_(size), path_(std::move(path)) {}
  ~FileSource() override { std::fclose(file_); }
  Result<std::size_t> Read(unsigned char* buf, std::size_t n) override {
    std::size_t got = std::fread(buf, 1, n, file_);
    if (got == 0 && std::ferror(file_)) {
      return Status::IoError("warc: " + path_ +
                             ": read failed: " + std::strerror(errno));
    }
    return got;
  }
  std::uint64_t Size() const override { return size_; }

 private:
  std::FILE* file_;
  std::uint64_t size_;
  std::string path_;
};

class StringSource final : public Source {
 public:
  explicit StringSource(std::string data) : data_(std::move(data)) {}
  Result<std::size_t> Read(unsigned char* buf, std::size_t n) override {
    std::size_t got = std::min(n, data_.size() - pos_);
    std::memcpy(buf, data_.data() + pos_, got);
    pos_ += got;
    return got;
  }
  std::uint64_t Size() const override { return data_.size(); }

 private:
  std::string data_;
  std::size_t pos_ = 0;
};

class StreamSource final : public Source {
 public:
  StreamSource(std::unique_ptr<std::istream> in, std::string name)
      : in_(std::move(in)), name_(std::move(name)) {
    auto here = in_->tellg();
    if (here != std::streampos(-1) && in_->seekg(0, std::ios::end)) {
      auto end = in_->tellg();
      if (end != std::streampos(-1) && end >= here) {
        size_ = static_cast<std::uint64_t>(end - here);
      }
      in_->seekg(here);
    }
    in_->clear();
  }
  Result<std::size_t> Read(unsigned char* buf, std::size_t n) override {
    if (in_->bad()) {
      return Status::IoError("warc: " + name_ + ": stream read failed");
    }
    in_->read(reinterpret_cast<char*>(buf), static_cast<std::streamsize>(n));
    if (in_->bad()) {
      return Status::IoError("warc: " + name_ + ": stream read failed");
    }
    return static_cast<std::size_t>(in_->gcount());
  }
  std::uint64_t Size() const override { return size_; }

 private:
  std::unique_ptr<std::istream> in_;
  std::string name_;
  std::uint64_t size_ = 0;
};

}  // namespace

std::string Record::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (AsciiEqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

// Two layers: a byte stream (the file, inflated if it is gzip) in a sliding
// buffer out_[out_begin_, out_end_), and the record parser on top of it.
class Reader::Impl {
 public:
  Impl(std::unique_ptr<Source> source, ReaderOptions options, std::string name)
      : source_(std::move(source)),
        options_(options),
        name_(std::move(name)),
        in_(kInputChunk) {}

  ~Impl() {
    if (zlib_ready_) inflateEnd(&zs_);
  }

  Result<bool> Next(Record* record) {
    if (!final_status_.ok()) return final_status_;
    *record = Record();
    Result<bool> result = NextImpl(record);
    if (!result.ok()) final_status_ = result.status();
    return result;
  }

  std::uint64_t bytes_consumed() const {
    if (gzip_) return in_base_ + in_pos_;
    return out_base_ + out_begin_;
  }
  std::uint64_t file_size() const { return source_->Size(); }
  bool compressed() const { return gzip_; }

 private:
  // ---- Messages.

  std::string At(std::uint64_t byte, std::string_view what) const {
    std::ostringstream s;
    s << "warc: " << name_ << ": at byte " << byte << ": " << what;
    return s.str();
  }

  // ---- The raw input.

  // Appends raw bytes to in_ (compacting first); sets source_eof_.
  Status ReadInput() {
    if (in_pos_ > 0) {
      std::memmove(in_.data(), in_.data() + in_pos_, in_len_ - in_pos_);
      in_base_ += in_pos_;
      in_len_ -= in_pos_;
      in_pos_ = 0;
    }
    if (in_len_ == in_.size()) return Status::Ok();
    TIDINGS_ASSIGN_OR_RETURN(
        std::size_t got,
        source_->Read(in_.data() + in_len_, in_.size() - in_len_));
    if (got == 0) source_eof_ = true;
    in_len_ += got;
    return Status::Ok();
  }

  // Reads the first bytes and decides between gzip and plain input.
  Status Start() {
    started_ = true;
    while (in_len_ < sizeof(kGzipMagic) && !source_eof_) {
      TIDINGS_RETURN_IF_ERROR(ReadInput());
    }
    gzip_ = in_len_ >= sizeof(kGzipMagic) && in_[0] == kGzipMagic[0] &&
            in_[1] == kGzipMagic[1];
    if (gzip_) {
      std::memset(&zs_, 0, sizeof(zs_));
      if (inflateInit2(&zs_, kGzipWindowBits) != Z_OK) {
        return Status::Internal("warc: " + name_ + ": inflateInit failed");
      }
      zlib_ready_ = true;
    } else {
      // Plain input: what was read so far is already stream data.
      if (in_len_ > 0) {
        EnsureSpace(in_len_);
        std::memcpy(out_.data() + out_end_, in_.data(), in_len_);
        out_end_ += in_len_;
      }
      in_base_ = in_len_;
      in_pos_ = in_len_ = 0;
      in_.clear();
      in_.shrink_to_fit();
    }
    return Status::Ok();
  }

  // ---- The decoded stream.

  std::size_t Avail() const { return out_end_ - out_begin_; }
  const char* Data() const { return out_.data() + out_begin_; }
  // Stream offset of the next unread byte.
  std::uint64_t Position() const { return out_base_ + out_begin_; }
  void Consume(std::size_t n) {
    TIDINGS_DCHECK(n <= Avail());
    out_begin_ += n;
    // Forget member starts that no record can begin in any more.
    while (members_.size() > 1 && members_[1].stream_offset <= Position()) {
      members_.pop_front();
    }
  }

  void EnsureSpace(std::size_t n) {
    if (out_.size() - out_end_ >= n) return;
    if (out_begin_ > 0) {
      std::memmove(out_.data(), out_.data() + out_begin_, Avail());
      out_base_ += out_begin_;
      out_end_ -= out_begin_;
      out_begin_ = 0;
    }
    if (out_.size() - out_end_ < n) out_.resize(out_end_ + n);
  }

  // Decodes some more bytes into out_, or sets decoded_eof_. Returns after
  // any progress, so callers loop.
  Status DecodeMore() {
    if (!gzip_) {
      EnsureSpace(kInputChunk);
      TIDINGS_ASSIGN_OR_RETURN(
          std::size_t got,
          source_->Read(
              reinterpret_cast<unsigned char*>(out_.data()) + out_end_,
              kInputChunk));
      if (got == 0) decoded_eof_ = true;
      out_end_ += got;
      return Status::Ok();
    }
    if (!member_active_) {
      while (in_len_ - in_pos_ < sizeof(kGzipMagic) && !source_eof_) {
        TIDINGS_RETURN_IF_ERROR(ReadInput());
      }
      std::size_t avail = in_len_ - in_pos_;
      if (avail == 0) {
        decoded_eof_ = true;
        return Status::Ok();
      }
      if (avail < sizeof(kGzipMagic) || in_[in_pos_] != kGzipMagic[0] ||
          in_[in_pos_ + 1] != kGzipMagic[1]) {
        gzip_damage_ = true;
        return Status::Corruption(At(
            in_base_ + in_pos_, "expected a gzip member, found other bytes"));
      }
      inflateReset(&zs_);
      member_active_ = true;
      member_start_ = in_base_ + in_pos_;
      members_.push_back({out_base_ + out_end_, member_start_});
    }
    if (in_pos_ == in_len_ && !source_eof_) {
      TIDINGS_RETURN_IF_ERROR(ReadInput());
    }
    EnsureSpace(kOutputChunk);
    zs_.next_in = in_.data() + in_pos_;
    zs_.avail_in = static_cast<uInt>(in_len_ - in_pos_);
    zs_.next_out = reinterpret_cast<Bytef*>(out_.data() + out_end_);
    zs_.avail_out = static_cast<uInt>(out_.size() - out_end_);
    int rc = inflate(&zs_, Z_NO_FLUSH);
    std::size_t consumed = (in_len_ - in_pos_) - zs_.avail_in;
    std::size_t produced = (out_.size() - out_end_) - zs_.avail_out;
    in_pos_ += consumed;
    out_end_ += produced;
    switch (rc) {
      case Z_STREAM_END:
        member_active_ = false;
        return Status::Ok();
      case Z_OK:
        return Status::Ok();
      case Z_BUF_ERROR:
        // No progress possible: zlib needs input that is not there.
        if (consumed == 0 && produced == 0 && in_pos_ == in_len_ &&
            source_eof_) {
          return Status::Corruption(
              At(member_start_, "truncated file: gzip member ends early"));
        }
        return Status::Ok();
      default:
        gzip_damage_ = true;
        return Status::Corruption(
            At(member_start_, std::string("bad gzip data: ") +
                                  (zs_.msg ? zs_.msg : "inflate failed")));
    }
  }

  // Decodes until more bytes are available; false at end of input.
  Result<bool> More() {
    std::size_t before = Avail();
    while (Avail() == before && !decoded_eof_) {
      TIDINGS_RETURN_IF_ERROR(DecodeMore());
    }
    return Avail() > before;
  }

  // Makes at least n bytes available, fewer only at end of input.
  Status Fill(std::size_t n) {
    while (Avail() < n) {
      TIDINGS_ASSIGN_OR_RETURN(bool more, More());
      if (!more) break;
    }
    return Status::Ok();
  }

  // Offset on disk of the record starting at stream offset `pos`.
  std::uint64_t FileOffsetOf(std::uint64_t pos) const {
    if (!gzip_) return pos;
    std::uint64_t offset = 0;
    for (const MemberStart& m : members_) {
      if (m.stream_offset > pos) break;
      offset = m.file_offset;
    }
    return offset;
  }

  // ---- Resynchronisation after a broken record.

  Status Resync() {
    if (!gzip_) return ScanForVersionLine();
    if (gzip_damage_) return ScanForGzipMember();
    return SkipToNextMember();
  }

  // Plain input: moves to the next line that starts with "WARC/<digit>".
  Status ScanForVersionLine() {
    static constexpr std::string_view kNeedle = "\nWARC/";
    const std::size_t keep = kNeedle.size();  // plus the digit after it
    while (true) {
      TIDINGS_RETURN_IF_ERROR(Fill(keep + 1));
      std::string_view window(Data(), Avail());
      for (std::size_t i = window.find(kNeedle); i != std::string_view::npos;
           i = window.find(kNeedle, i + 1)) {
        if (i + keep < window.size() && IsDigit(window[i + keep])) {
          Consume(i + 1);
          return Status::Ok();
        }
        if (i + keep >= window.size()) break;  // need the next byte
      }
      if (decoded_eof_) {
        Consume(Avail());
        return Status::Ok();
      }
      if (Avail() > keep) Consume(Avail() - keep);
      TIDINGS_ASSIGN_OR_RETURN(bool more, More());
      if (!more) {
        Consume(Avail());
        return Status::Ok();
      }
    }
  }

  // Gzip input with sound members: continues at the first member that
  // starts after the current position.
  Status SkipToNextMember() {
    std::optional<std::uint64_t> target;
    for (const MemberStart& m : members_) {
      if (m.stream_offset > Position()) {
        target = m.stream_offset;
        break;
      }
    }
    if (target && *target <= out_base_ + out_end_) {
      Consume(static_cast<std::size_t>(*target - Position()));
      return Status::Ok();
    }
    Consume(Avail());
    while (member_active_) {
      TIDINGS_RETURN_IF_ERROR(DecodeMore());
      Consume(Avail());
    }
    return Status::Ok();
  }

  // Gzip input with a damaged member: drops what was decoded and looks for
  // the next gzip header in the raw bytes.
  Status ScanForGzipMember() {
    gzip_damage_ = false;
    member_active_ = false;
    Consume(Avail());
    if (in_base_ + in_pos_ <= member_start_) {
      in_pos_ = static_cast<std::size_t>(member_start_ + 1 - in_base_);
    }
    while (true) {
      for (std::size_t i = in_pos_; i + 2 < in_len_; ++i) {
        if (in_[i] == kGzipMagic[0] && in_[i + 1] == kGzipMagic[1] &&
            in_[i + 2] == kGzipMethodDeflate) {
          in_pos_ = i;
          return Status::Ok();
        }
      }
      if (source_eof_) {
        in_pos_ = in_len_;
        decoded_eof_ = true;
        return Status::Ok();
      }
      // Keep the last two bytes: a header may straddle the reads.
      if (in_len_ - in_pos_ > 2) in_pos_ = in_len_ - 2;
      TIDINGS_RETURN_IF_ERROR(ReadInput());
    }
  }

  // ---- Records.

  // A decoding failure while reading a record: damaged gzip data becomes a
  // skipped record once the file is known to be WARC; anything else ends.
  Result<bool> OnStreamError(const Status& status, Record* record) {
    if (gzip_damage_ && records_parsed_ > 0) {
      record->offset = member_start_;
      record->skip_reason = std::string(kSkipBadGzip);
      record->skip_detail = status.message();
      record->block.clear();
      pending_resync_ = true;
      return true;
    }
    return status;
  }

  // A record whose framing is broken: skipped, then resynchronised; at the
  // start of the file it means the file is not WARC.
  Result<bool> Malformed(Record* record, std::string_view reason,
                         std::string_view what) {
    std::string detail = At(record->offset, what);
    if (records_parsed_ == 0) {
      return Status::Corruption(
          At(record->offset, "not a WARC file: " + std::string(what)));
    }
    record->skip_reason = std::string(reason);
    record->skip_detail = std::move(detail);
    record->block.clear();
    pending_resync_ = true;
    return true;
  }

  Result<bool> NextImpl(Record* record) {
    if (!started_) TIDINGS_RETURN_IF_ERROR(Start());
    if (pending_resync_) {
      pending_resync_ = false;
      Status s = Resync();
      // Damaged data met while skipping: look for the next member instead.
      if (!s.ok() && gzip_damage_) s = ScanForGzipMember();
      TIDINGS_RETURN_IF_ERROR(s);
    }
    // Blank lines between records are tolerated.
    while (true) {
      if (Status s = Fill(1); !s.ok()) return OnStreamError(s, record);
      if (Avail() == 0) return false;
      std::size_t n = 0;
      while (n < Avail() && (Data()[n] == '\r' || Data()[n] == '\n')) ++n;
      if (n == 0) break;
      Consume(n);
    }
    std::uint64_t start = Position();
    record->offset = FileOffsetOf(start);

    if (Status s = Fill(kArcMagic.size()); !s.ok()) {
      return OnStreamError(s, record);
    }
    std::string_view head(Data(), std::min(Avail(), kArcMagic.size()));
    if (records_parsed_ == 0 && head == kArcMagic) {
      return Status::Unsupported(
          At(record->offset, "ARC files are not supported, only WARC"));
    }
    std::size_t magic_len = std::min(head.size(), kWarcMagic.size());
    if (head.substr(0, magic_len) != kWarcMagic.substr(0, magic_len)) {
      return Malformed(record, kSkipMalformedHeader,
                       "expected a record starting with \"WARC/\"");
    }

    // Find the empty line that ends the header.
    std::size_t header_len = 0;
    std::size_t scan_from = 0;
    while (header_len == 0) {
      std::string_view window(Data(), Avail());
      for (std::size_t nl = window.find('\n', scan_from);
           nl != std::string_view::npos; nl = window.find('\n', nl + 1)) {
        if (nl + 1 < window.size() && window[nl + 1] == '\n') {
          header_len = nl + 2;
          break;
        }
        if (nl + 2 < window.size() && window[nl + 1] == '\r' &&
            window[nl + 2] == '\n') {
          header_len = nl + 3;
          break;
        }
        if (nl + 2 >= window.size()) break;  // undecided: need more bytes
        scan_from = nl + 1;
      }
      if (header_len > 0) break;
      if (Avail() >= kMaxHeaderBytes) {
        return Malformed(record, kSkipMalformedHeader,
                         "record header longer than 1 MiB");
      }
      scan_from = Avail() > 2 ? Avail() - 2 : 0;
      Result<bool> more = More();
      if (!more.ok()) return OnStreamError(more.status(), record);
      if (!*more) {
        if (records_parsed_ == 0 && Avail() < kWarcMagic.size()) {
          return Status::Corruption(
              At(record->offset, "not a WARC file: too short"));
        }
        return Status::Corruption(
            At(record->offset, "truncated file: record header incomplete"));
      }
    }

    std::string what;
    if (!ParseHeader(std::string_view(Data(), header_len), record, &what)) {
      return Malformed(record, kSkipMalformedHeader, what);
    }
    ++records_parsed_;
    Consume(header_len);

    // The block.
    std::uint64_t remaining = record->content_length;
    bool keep = remaining <= options_.max_block_bytes;
    if (keep) {
      record->block.reserve(static_cast<std::size_t>(
          std::min<std::uint64_t>(remaining, kMaxReserve)));
    } else {
      record->truncated_block = true;
      record->skip_reason = std::string(kSkipTooLarge);
      std::ostringstream detail;
      detail << "block of " << record->content_length
             << " bytes is over the cap of " << options_.max_block_bytes;
      record->skip_detail = At(record->offset, detail.str());
    }
    while (remaining > 0) {
      if (Status s = Fill(1); !s.ok()) return OnStreamError(s, record);
      if (Avail() == 0) {
        std::ostringstream what_s;
        what_s << "truncated file: record block has "
               << (record->content_length - remaining) << " of "
               << record->content_length << " bytes";
        return Status::Corruption(At(record->offset, what_s.str()));
      }
      std::size_t take =
          static_cast<std::size_t>(std::min<std::uint64_t>(remaining, Avail()));
      if (keep) record->block.append(Data(), take);
      Consume(take);
      remaining -= take;
    }

    // The end-of-record marker: CRLF CRLF. Lenient on bare LFs, on a
    // missing marker right before the next record and at end of input.
    if (Status s = Fill(4); !s.ok()) return OnStreamError(s, record);
    std::size_t i = 0;
    int line_ends = 0;
    while (line_ends < 2 && i < Avail()) {
      if (Data()[i] == '\n') {
        ++i;
      } else if (Data()[i] == '\r' && i + 1 < Avail() &&
                 Data()[i + 1] == '\n') {
        i += 2;
      } else {
        break;
      }
      ++line_ends;
    }
    Consume(i);
    // With one member per record, the member's end (its CRC and length
    // check) is still unread here; verify it now so that damage is charged
    // to this record rather than to the next one.
    if (gzip_ && member_active_ && Avail() == 0) {
      Result<bool> more = More();
      if (!more.ok()) return OnStreamError(more.status(), record);
    }
    if (line_ends < 2) {
      if (Status s = Fill(kWarcMagic.size()); !s.ok()) {
        return OnStreamError(s, record);
      }
      bool at_end = Avail() == 0;
      bool next_record =
          std::string_view(Data(), std::min(Avail(), kWarcMagic.size())) ==
          kWarcMagic;
      if (!at_end && !next_record) {
        std::ostringstream what_s;
        what_s << "record block is not followed by CRLF CRLF; its "
                  "Content-Length ("
               << record->content_length << ") looks wrong";
        // The header was sound, so this is a broken record, not a
        // non-WARC file.
        record->skip_reason = std::string(kSkipBadLength);
        record->skip_detail = At(record->offset, what_s.str());
        record->block.clear();
        record->truncated_block = false;
        pending_resync_ = true;
      }
    }
    return true;
  }

  // Parses the header lines into *record; false with *what on failure.
  bool ParseHeader(std::string_view header, Record* record, std::string* what) {
    std::size_t pos = 0;
    auto next_line = [&]() {
      std::size_t nl = header.find('\n', pos);
      std::string_view line = header.substr(pos, nl - pos);
      pos = nl + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      return line;
    };
    std::string_view first = next_line();
    std::string_view version =
        Trim(first.substr(std::min(first.size(), kWarcMagic.size())));
    if (!IsVersion(version)) {
      *what = "bad version line \"" +
              std::string(
                  first.substr(0, std::min<std::size_t>(first.size(), 40))) +
              "\"";
      return false;
    }
    record->version = std::string(version);
    while (pos < header.size()) {
      std::string_view line = next_line();
      if (line.empty()) break;
      if (line.front() == ' ' || line.front() == '\t') {
        if (record->headers.empty()) {
          *what = "continuation line before any field";
          return false;
        }
        std::string& value = record->headers.back().second;
        std::string_view more = Trim(line);
        if (!more.empty()) {
          if (!value.empty()) value += ' ';
          value += more;
        }
        continue;
      }
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos || colon == 0) {
        *what = "header line without a field name";
        return false;
      }
      record->headers.emplace_back(std::string(Trim(line.substr(0, colon))),
                                   std::string(Trim(line.substr(colon + 1))));
    }
    bool have_length = false;
    for (const auto& [name, value] : record->headers) {
      if (AsciiEqualsIgnoreCase(name, "Content-Length")) {
        std::optional<std::uint64_t> length = ParseLength(value);
        if (!length) {
          *what = "bad Content-Length \"" + value.substr(0, 40) + "\"";
          return false;
        }
        record->content_length = *length;
        have_length = true;
      } else if (AsciiEqualsIgnoreCase(name, "WARC-Type")) {
        record->type = value;
      } else if (AsciiEqualsIgnoreCase(name, "WARC-Target-URI")) {
        std::string_view uri = value;
        if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') {
          uri = uri.substr(1, uri.size() - 2);
        }
        record->target_uri = std::string(uri);
      } else if (AsciiEqualsIgnoreCase(name, "WARC-Date")) {
        record->date = ParseIso8601(value);
        if (!record->date) record->date = ParseCompactDate(value);
      } else if (AsciiEqualsIgnoreCase(name, "WARC-Record-ID")) {
        record->record_id = value;
      } else if (AsciiEqualsIgnoreCase(name, "Content-Type")) {
        record->content_type = value;
      }
    }
    if (!have_length) {
      *what = "no Content-Length field";
      return false;
    }
    return true;
  }

  struct MemberStart {
    std::uint64_t stream_offset;  // where its bytes begin in the stream
    std::uint64_t file_offset;    // where it begins on disk
  };

  std::unique_ptr<Source> source_;
  ReaderOptions options_;
  std::string name_;

  // Raw input: in_[in_pos_, in_len_) is unread; in_base_ is the file offset
  // of in_[0].
  std::vector<unsigned char> in_;
  std::size_t in_pos_ = 0;
  std::size_t in_len_ = 0;
  std::uint64_t in_base_ = 0;
  bool source_eof_ = false;

  // Decoded stream: out_[out_begin_, out_end_) is unread; out_base_ is the
  // stream offset of out_[0].
  std::vector<char> out_;
  std::size_t out_begin_ = 0;
  std::size_t out_end_ = 0;
  std::uint64_t out_base_ = 0;
  bool decoded_eof_ = false;

  bool started_ = false;
  bool gzip_ = false;
  z_stream zs_{};
  bool zlib_ready_ = false;
  bool member_active_ = false;
  bool gzip_damage_ = false;
  std::uint64_t member_start_ = 0;
  // Starts of the gzip members that may still hold unread bytes.
  std::deque<MemberStart> members_;

  std::uint64_t records_parsed_ = 0;
  bool pending_resync_ = false;
  Status final_status_;
};

Reader::Reader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Reader::~Reader() = default;

Result<std::unique_ptr<Reader>> Reader::Open(const std::string& path,
                                             ReaderOptions options) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::IoError("warc: " + path + ": is a directory");
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return Status::IoError("warc: " + path +
                           ": cannot open: " + std::strerror(errno));
  }
  std::uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) size = 0;
  return std::unique_ptr<Reader>(new Reader(std::make_unique<Impl>(
      std::make_unique<FileSource>(f, size, path), options, path)));
}

std::unique_ptr<Reader> Reader::FromString(std::string data,
                                           ReaderOptions options,
                                           std::string name) {
  return std::unique_ptr<Reader>(new Reader(
      std::make_unique<Impl>(std::make_unique<StringSource>(std::move(data)),
                             options, std::move(name))));
}

std::unique_ptr<Reader> Reader::FromStream(std::unique_ptr<std::istream> in,
                                           ReaderOptions options,
                                           std::string name) {
  auto source = std::make_unique<StreamSource>(std::move(in), name);
  return std::unique_ptr<Reader>(new Reader(
      std::make_unique<Impl>(std::move(source), options, std::move(name))));
}

Result<bool> Reader::Next(Record* record) { return impl_->Next(record); }
std::uint64_t Reader::bytes_consumed() const { return impl_->bytes_consumed(); }
std::uint64_t Reader::file_size() const { return impl_->file_size(); }
bool Reader::compressed() const { return impl_->compressed(); }

}  // namespace tidings::warc
