#include "index_file.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <string_view>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pmo::git::detail {

// The whole file, mapped read-only (neither zero-filled nor copied, as reading it into a buffer
// would be: 11 MB at 93,000 entries); empty when it is absent or unreadable. git and libgit2
// replace the index by renaming a new file over it, never by rewriting it in place, so the
// mapped file cannot shrink while it is read.
class Mapping {
public:
  explicit Mapping(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
      return;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      void* at = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ,
                        MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (at != MAP_FAILED) {
        m_data = static_cast<const unsigned char*>(at);
        m_size = static_cast<std::size_t>(st.st_size);
      }
    }
    ::close(fd);
  }
  ~Mapping() {
    if (m_data)
      ::munmap(const_cast<unsigned char*>(m_data), m_size);
  }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  const unsigned char* data() const { return m_data; }
  std::size_t size() const { return m_size; }

private:
  const unsigned char* m_data = nullptr;
  std::size_t m_size = 0;
};

namespace {

constexpr std::size_t k_hash = 20;        // SHA-1, the index's trailing checksum and entry ids
constexpr std::size_t k_entry_fixed = 62; // stat data, id and flags before the path
constexpr std::uint16_t k_assume_valid = 0x8000;
constexpr std::uint16_t k_extended = 0x4000;
constexpr std::uint16_t k_stage = 0x3000;

// Big-endian reads over a bounded buffer; `ok` turns false at the first read past its end.
struct Cursor {
  const unsigned char* data;
  std::size_t size;
  std::size_t at = 0;
  bool ok = true;

  bool has(std::size_t n) const { return ok && at <= size && n <= size - at; }
  std::uint32_t u32(std::size_t offset) const {
    const unsigned char* p = data + offset;
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
  }
  std::uint16_t u16(std::size_t offset) const {
    return static_cast<std::uint16_t>((data[offset] << 8) | data[offset + 1]);
  }
  // The offset of the NUL ending the string at `from`, or nullopt.
  std::optional<std::size_t> nul(std::size_t from, std::size_t limit) const {
    const void* found = std::memchr(data + from, 0, limit - from);
    if (!found)
      return std::nullopt;
    return static_cast<std::size_t>(static_cast<const unsigned char*>(found) - data);
  }
};

// git's offset varint (varint.c): 7 bits a byte, high bit set on all but the last, and one
// added at each continuation.
std::optional<std::uint64_t> varint(Cursor& c, std::size_t limit) {
  if (c.at >= limit)
    return std::nullopt;
  unsigned char byte = c.data[c.at++];
  std::uint64_t value = byte & 127;
  while (byte & 128) {
    if (c.at >= limit || value > (UINT64_MAX >> 8))
      return std::nullopt;
    byte = c.data[c.at++];
    value = ((value + 1) << 7) | (byte & 127);
  }
  return value;
}

// The root of the TREE extension's cache (its first entry, path ""), when valid.
std::optional<git_oid> tree_root(const unsigned char* ext, std::size_t size) {
  // "\0" <entry count> " " <subtrees> "\n" then, when the count is not -1, the tree's id.
  if (size < 1 || ext[0] != 0)
    return std::nullopt;
  std::size_t at = 1;
  bool negative = false;
  if (at < size && ext[at] == '-') {
    negative = true;
    ++at;
  }
  const std::size_t digits = at;
  while (at < size && ext[at] >= '0' && ext[at] <= '9')
    ++at;
  if (at == digits || negative || at >= size || ext[at] != ' ')
    return std::nullopt;
  const std::size_t line_end =
      static_cast<std::size_t>(std::find(ext + at, ext + size, '\n') - ext);
  if (line_end >= size || size - line_end - 1 < k_hash)
    return std::nullopt;
  git_oid id{};
  std::memcpy(id.id, ext + line_end + 1, k_hash);
  return id;
}

} // namespace

IndexFile::IndexFile() = default;
IndexFile::IndexFile(IndexFile&&) noexcept = default;
IndexFile& IndexFile::operator=(IndexFile&&) noexcept = default;
IndexFile::~IndexFile() = default;

git_index_entry decode(const IndexRecord& entry) {
  const Cursor c{entry.record, k_entry_fixed};
  git_index_entry e{};
  e.ctime.seconds = static_cast<std::int32_t>(c.u32(0));
  e.ctime.nanoseconds = c.u32(4);
  e.mtime.seconds = static_cast<std::int32_t>(c.u32(8));
  e.mtime.nanoseconds = c.u32(12);
  e.dev = c.u32(16);
  e.ino = c.u32(20);
  e.mode = c.u32(24);
  e.uid = c.u32(28);
  e.gid = c.u32(32);
  e.file_size = c.u32(36);
  std::memcpy(e.id.id, entry.record + 40, k_hash);
  e.flags = c.u16(60);
  e.path = entry.path;
  return e;
}

std::optional<IndexFile> read_index_file(const std::string& path) {
  auto file = std::make_unique<const Mapping>(path);
  if (!file->data() || file->size() < 12 + k_hash)
    return std::nullopt;
  Cursor c{file->data(), file->size()};
  if (std::memcmp(c.data, "DIRC", 4) != 0)
    return std::nullopt;
  const std::uint32_t version = c.u32(4);
  const std::uint32_t count = c.u32(8);
  if (version < 2 || version > 4)
    return std::nullopt;
  const std::size_t end = c.size - k_hash; // the checksum follows everything else
  if (count > end / k_entry_fixed)
    return std::nullopt;
  c.at = 12;

  IndexFile out;
  out.entries.reserve(count);
  std::vector<std::size_t> offsets; // version 4: of each path in out.names
  std::string_view previous;        // versions 2 and 3: the path before, in the mapping
  std::string joined;               // version 4: the path, whole
  std::string before;               // version 4: the one before
  for (std::uint32_t i = 0; i < count; ++i) {
    if (!c.has(k_entry_fixed) || c.at + k_entry_fixed > end)
      return std::nullopt;
    const std::size_t start = c.at;
    if (c.u16(start + 60) & (k_assume_valid | k_extended | k_stage))
      return std::nullopt;
    c.at = start + k_entry_fixed;
    if (version == 4) {
      before.swap(joined);
      const auto strip = varint(c, end);
      if (!strip || *strip > before.size())
        return std::nullopt;
      const auto nul = c.nul(c.at, end);
      if (!nul)
        return std::nullopt;
      joined.assign(before, 0, before.size() - static_cast<std::size_t>(*strip));
      joined.append(reinterpret_cast<const char*>(c.data + c.at), *nul - c.at);
      c.at = *nul + 1;
      if (joined.empty() || (i > 0 && !(before < joined)))
        return std::nullopt; // unsorted or repeated: not an index git wrote
      offsets.push_back(out.names.size());
      out.names.insert(out.names.end(), joined.begin(), joined.end());
      out.names.push_back('\0');
      out.entries.push_back(IndexRecord{nullptr, c.data + start});
      continue;
    }
    const auto nul = c.nul(c.at, end);
    if (!nul)
      return std::nullopt;
    const std::string_view name(reinterpret_cast<const char*>(c.data + c.at), *nul - c.at);
    // 1 to 8 NULs pad the entry to a multiple of 8 bytes.
    c.at = start + ((k_entry_fixed + name.size() + 8) / 8) * 8;
    if (c.at > end)
      return std::nullopt;
    if (name.empty() || (i > 0 && !(previous < name)))
      return std::nullopt; // unsorted or repeated: not an index git wrote
    previous = name;
    out.entries.push_back(IndexRecord{name.data(), c.data + start});
  }
  for (std::size_t i = 0; i < offsets.size(); ++i)
    out.entries[i].path = out.names.data() + offsets[i];

  while (c.at < end) {
    if (end - c.at < 8)
      return std::nullopt;
    const unsigned char* sig = c.data + c.at;
    const std::uint32_t size = c.u32(c.at + 4);
    c.at += 8;
    if (size > end - c.at)
      return std::nullopt;
    if (std::memcmp(sig, "TREE", 4) == 0)
      out.tree = tree_root(c.data + c.at, size);
    else if (sig[0] < 'A' || sig[0] > 'Z')
      return std::nullopt; // "link", "sdir": a reader must understand them
    c.at += size;
  }
  out.mapping = std::move(file);
  return out;
}

} // namespace pmo::git::detail
