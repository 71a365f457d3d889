#include <pmo/store/store.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <stdlib.h>
#include <sys/stat.h>

using pmo::store::FsStore;
using pmo::store::is_safe_path;
using pmo::store::MemoryStore;
using pmo::store::Resolution;
using pmo::store::StoreError;

namespace fs = std::filesystem;

namespace {

constexpr std::size_t k_cap = 4 * 1024 * 1024; // FsStore's default

// A temporary directory removed at the end of the test.
class TempDir {
public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "pmo-store-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
      throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return m_path; }
  void write(const std::string& relative, const std::string& text) const {
    fs::path file = m_path / relative;
    fs::create_directories(file.parent_path());
    std::ofstream{file, std::ios::binary} << text;
  }

private:
  fs::path m_path;
};

// The code of the StoreError that `read` throws, or "" when it does not throw.
template <class F> std::string refusal(F&& read) {
  try {
    read();
  } catch (const StoreError& e) {
    return e.finding.code;
  }
  return "";
}

} // namespace

TEST_CASE("safe paths are relative, without dot segments, backslashes or NUL") {
  CHECK(is_safe_path("pmo.yaml"));
  CHECK(is_safe_path("people/lina.yaml"));
  CHECK(is_safe_path("projects/P2026-abc/decisions/20261121T093000Z-G1-lina.yaml"));
  CHECK(is_safe_path(".github/workflows/pmo.yml"));
  CHECK_FALSE(is_safe_path(""));
  CHECK_FALSE(is_safe_path("/etc/passwd"));
  CHECK_FALSE(is_safe_path("../outside"));
  CHECK_FALSE(is_safe_path("people/../../x"));
  CHECK_FALSE(is_safe_path("people/..hidden"));
  CHECK_FALSE(is_safe_path("./pmo.yaml"));
  CHECK_FALSE(is_safe_path("people//lina.yaml"));
  CHECK_FALSE(is_safe_path("people/"));
  CHECK_FALSE(is_safe_path("people\\lina.yaml"));
  CHECK_FALSE(is_safe_path(std::string_view{"a\0b", 3}));
}

TEST_CASE("a memory store reads, lists and knows directories") {
  MemoryStore store;
  store.put("pmo.yaml", "office: {}");
  store.put("people/b.yaml", "b");
  store.put("people/a.yaml", "a");
  store.put("projects/P1/project.yaml", "p");
  store.put("projects/P1/decisions/d.yaml", "d");
  CHECK(store.read("people/a.yaml") == "a");
  CHECK_FALSE(store.read("people/c.yaml"));
  CHECK(store.list("") == std::vector<std::string>{"people", "pmo.yaml", "projects"});
  CHECK(store.list("people") == std::vector<std::string>{"a.yaml", "b.yaml"});
  CHECK(store.list("projects/P1") == std::vector<std::string>{"decisions", "project.yaml"});
  CHECK(store.list("nowhere").empty());
  CHECK(store.is_dir("projects/P1/decisions"));
  CHECK(store.is_dir(""));
  CHECK_FALSE(store.is_dir("pmo.yaml"));
  CHECK_FALSE(store.is_dir("proj"));
}

TEST_CASE("a memory store refuses an unsafe path") {
  MemoryStore store;
  CHECK(refusal([&] { store.read("../x"); }) == "unsafe-path");
}

TEST_CASE("a file store reads files below its root") {
  for (Resolution resolution : {Resolution::kernel, Resolution::walk}) {
    CAPTURE(resolution == Resolution::kernel ? "openat2" : "lstat walk");
    TempDir dir;
    dir.write("pmo.yaml", "office:\n  name: 星河\n");
    dir.write("people/lina.yaml", "name: 李娜\n");
    FsStore store{dir.path().string() + "/", k_cap, resolution};
    CHECK(store.read("pmo.yaml") == "office:\n  name: 星河\n");
    CHECK(store.read("people/lina.yaml") == "name: 李娜\n");
    CHECK_FALSE(store.read("people/none.yaml"));
    CHECK_FALSE(store.read("nowhere/none.yaml"));
    CHECK_FALSE(store.read("pmo.yaml/below"));
  }
}

TEST_CASE("a file store lists entries sorted and knows directories") {
  for (Resolution resolution : {Resolution::kernel, Resolution::walk}) {
    CAPTURE(resolution == Resolution::kernel ? "openat2" : "lstat walk");
    TempDir dir;
    dir.write("people/b.yaml", "");
    dir.write("people/a.yaml", "");
    dir.write("people/sub/c.yaml", "");
    FsStore store{dir.path().string(), k_cap, resolution};
    CHECK(store.list("people") == std::vector<std::string>{"a.yaml", "b.yaml", "sub"});
    CHECK(store.list("") == std::vector<std::string>{"people"});
    CHECK(store.list("projects").empty());
    CHECK(store.is_dir("people/sub"));
    CHECK(store.is_dir(""));
    CHECK_FALSE(store.is_dir("people/a.yaml"));
    CHECK_FALSE(store.is_dir("projects"));
  }
}

TEST_CASE("a file store's entries say which are directories, as is_dir does, without a call "
          "per entry") {
  TempDir dir;
  TempDir outside;
  dir.write("projects/P1/project.yaml", "");
  dir.write("projects/P2", "a file where a project directory belongs\n");
  fs::create_directories(dir.path() / "projects/P3/status");
  fs::create_directory_symlink(outside.path(), dir.path() / "projects/P4");
  fs::create_symlink(dir.path() / "projects/P2", dir.path() / "projects/P5");
  REQUIRE(::mkfifo((dir.path() / "projects/P6").c_str(), 0600) == 0);
  for (Resolution resolution : {Resolution::kernel, Resolution::walk}) {
    CAPTURE(resolution == Resolution::kernel ? "openat2" : "lstat walk");
    FsStore store{dir.path().string(), k_cap, resolution};
    const std::vector<pmo::store::Entry> found = store.entries("projects");
    REQUIRE(found.size() == 6);
    for (const auto& entry : found) {
      CAPTURE(entry.name);
      CHECK(entry.dir == store.is_dir("projects/" + entry.name));
      CHECK(entry.dir == (entry.name == "P1" || entry.name == "P3"));
    }
    std::vector<std::string> names;
    for (const auto& entry : found)
      names.push_back(entry.name);
    CHECK(names == store.list("projects"));
    // The root, and the default (list and is_dir) a store without its own gives.
    const auto top = store.entries("");
    REQUIRE(top.size() == 1);
    CHECK(top[0].name == "projects");
    CHECK(top[0].dir);
    CHECK(store.entries("nowhere").empty());
    CHECK(refusal([&] { store.entries("projects/P4"); }) == "symlink");
  }
  MemoryStore memory;
  memory.put("projects/P1/project.yaml", "");
  memory.put("projects/P2", "");
  const auto found = memory.entries("projects");
  REQUIRE(found.size() == 2);
  CHECK((found[0].name == "P1" && found[0].dir));
  CHECK((found[1].name == "P2" && !found[1].dir));
}

TEST_CASE("a file store reads a file whole, whatever its size against the reads it takes") {
  TempDir dir;
  const std::string big(200000, 'y'); // more than one 64 KiB read after its size
  dir.write("empty.yaml", "");
  dir.write("big.yaml", big);
  dir.write("lines.yaml", "a: 1\nb: 2\n");
  for (Resolution resolution : {Resolution::kernel, Resolution::walk}) {
    CAPTURE(resolution == Resolution::kernel ? "openat2" : "lstat walk");
    FsStore store{dir.path().string(), k_cap, resolution};
    CHECK(store.read("empty.yaml") == "");
    CHECK(store.read("big.yaml") == big);
    CHECK(store.read("lines.yaml") == "a: 1\nb: 2\n");
    // At the cap exactly, and one byte over.
    FsStore capped{dir.path().string(), big.size(), resolution};
    CHECK(capped.read("big.yaml") == big);
    FsStore under{dir.path().string(), big.size() - 1, resolution};
    CHECK(refusal([&] { under.read("big.yaml"); }) == "file-too-large");
  }
}

TEST_CASE("a file store refuses a symbolic link to a file") {
  for (Resolution resolution : {Resolution::kernel, Resolution::walk}) {
    CAPTURE(resolution == Resolution::kernel ? "openat2" : "lstat walk");
    TempDir dir;
    TempDir outside;
    outside.write("secret.yaml", "secret");
    fs::create_directories(dir.path() / "people");
    fs::create_symlink(outside.path() / "secret.yaml", dir.path() / "people/lina.yaml");
    FsStore store{dir.path().string(), k_cap, resolution};
    StoreError error;
    try {
      store.read("people/lina.yaml");
      FAIL("a symbolic link was read");
    } catch (const StoreError& e) {
      error = e;
    }
    CHECK(error.finding.code == "symlink");
    CHECK(error.finding.where.file == "people/lina.yaml");
    CHECK(error.finding.severity == pmo::model::Severity::error);
    // Listing still names it, so the loader can report it.
    CHECK(store.list("people") == std::vector<std::string>{"lina.yaml"});
  }
}

TEST_CASE("a file store refuses a symbolic link anywhere along the path") {
  for (Resolution resolution : {Resolution::kernel, Resolution::walk}) {
    CAPTURE(resolution == Resolution::kernel ? "openat2" : "lstat walk");
    TempDir dir;
    TempDir outside;
    outside.write("P1/project.yaml", "title: elsewhere\n");
    fs::create_directories(dir.path() / "projects");
    fs::create_directory_symlink(outside.path() / "P1", dir.path() / "projects/P1");
    fs::create_directory_symlink(outside.path(), dir.path() / "people");
    FsStore store{dir.path().string(), k_cap, resolution};
    CHECK(refusal([&] { store.read("projects/P1/project.yaml"); }) == "symlink");
    CHECK(refusal([&] { store.list("projects/P1"); }) == "symlink");
    CHECK(refusal([&] { store.list("people"); }) == "symlink");
    CHECK_FALSE(store.is_dir("projects/P1"));
  }
}

TEST_CASE("a file store refuses a file over the size cap") {
  for (Resolution resolution : {Resolution::kernel, Resolution::walk}) {
    CAPTURE(resolution == Resolution::kernel ? "openat2" : "lstat walk");
    TempDir dir;
    dir.write("big.yaml", std::string(101, 'x'));
    dir.write("fits.yaml", std::string(100, 'x'));
    FsStore store{dir.path().string(), 100, resolution};
    CHECK(refusal([&] { store.read("big.yaml"); }) == "file-too-large");
    CHECK(store.read("fits.yaml")->size() == 100);
  }
}

TEST_CASE("a file store refuses unsafe paths and non-files") {
  for (Resolution resolution : {Resolution::kernel, Resolution::walk}) {
    CAPTURE(resolution == Resolution::kernel ? "openat2" : "lstat walk");
    TempDir dir;
    dir.write("people/a.yaml", "");
    FsStore store{dir.path().string(), k_cap, resolution};
    CHECK(refusal([&] { store.read("../etc/passwd"); }) == "unsafe-path");
    CHECK(refusal([&] { store.read("/etc/passwd"); }) == "unsafe-path");
    CHECK(refusal([&] { store.list("people/../.."); }) == "unsafe-path");
    CHECK(refusal([&] { store.read("people"); }) == "not-a-file");
    CHECK_FALSE(store.is_dir("../"));
  }
}

TEST_CASE("a file store refuses a FIFO without blocking on it") {
  for (Resolution resolution : {Resolution::kernel, Resolution::walk}) {
    CAPTURE(resolution == Resolution::kernel ? "openat2" : "lstat walk");
    TempDir dir;
    fs::create_directories(dir.path() / "people");
    REQUIRE(::mkfifo((dir.path() / "people/pipe.yaml").c_str(), 0600) == 0);
    FsStore store{dir.path().string(), k_cap, resolution};
    CHECK(refusal([&] { store.read("people/pipe.yaml"); }) == "not-a-file");
    CHECK_FALSE(store.is_dir("people/pipe.yaml"));
    CHECK(store.list("people") == std::vector<std::string>{"pipe.yaml"});
  }
}
