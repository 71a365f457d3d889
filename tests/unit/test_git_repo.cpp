// The git edge, in throwaway repositories under /tmp, checked with the real git command.

#include "temp_dir.hpp"

#include <pmo/git/index_file.hpp>
#include <pmo/git/repo.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using pmo::test::TempDir;

namespace fs = std::filesystem;
using pmo::git::FileWrite;
using pmo::git::GitError;
using pmo::git::Repository;
using pmo::git::Signature;

constexpr int k_git_einvalid = -21; // GIT_EINVALID
constexpr int k_git_elocked = -14;  // GIT_ELOCKED

std::string quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

// The real git, independent of the machine's configuration.
std::string git_command(const TempDir& home, const std::string& repo, const std::string& args) {
  return "GIT_CONFIG_NOSYSTEM=1 HOME=" + quote(home.path()) +
         " XDG_CONFIG_HOME=" + quote(home.path()) +
         " git -c user.name=Tester -c user.email=tester@example.com -C " + quote(repo) + " " + args;
}

std::string run(const std::string& command) {
  std::FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
    output.append(buffer, n);
  }
  ::pclose(pipe);
  return output;
}

int status_of(const std::string& command) {
  const int status = std::system((command + " >/dev/null 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string git(const TempDir& home, const std::string& repo, const std::string& args) {
  return run(git_command(home, repo, args) + " 2>&1");
}

int git_status(const TempDir& home, const std::string& repo, const std::string& args) {
  return status_of(git_command(home, repo, args));
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

pmo::model::Timestamp at(long long seconds) {
  return pmo::model::Timestamp(std::chrono::seconds(seconds));
}

Signature person(long long when = 1'790'000'000) {
  return Signature{"李娜 Lina", "lina@xinghe.example", at(when)};
}

std::string commit_ok(Repository& repo, const std::vector<FileWrite>& files,
                      const std::string& subject = "pmo: write", long long when = 1'790'000'000) {
  const auto id = repo.commit(repo.head_id(), files, person(when), person(when),
                              pmo::git::compose_message(subject, {}, {{"Pmo-Test", "yes"}}));
  REQUIRE(id.has_value());
  return *id;
}

} // namespace

TEST_CASE("git: init makes a repository on main; a commit leaves git status clean and fsck happy") {
  TempDir tmp;
  const std::string dir = tmp / "portfolio/nested";
  auto repo = Repository::init(dir);
  CHECK(repo.head_unborn());
  CHECK(repo.head_id().empty());
  CHECK(!repo.is_bare());
  CHECK(repo.workdir() == fs::canonical(dir).string() + "/");

  const auto first =
      repo.commit("", {{"pmo.yaml", "office: {}\n"}, {"people/lina.yaml", "x\n"}}, person(),
                  person(), pmo::git::compose_message("pmo: init", {}, {{"Pmo-Init", "1"}}));
  REQUIRE(first.has_value());
  CHECK(first->size() == 40);
  CHECK(repo.head_id() == *first);
  CHECK(!repo.head_unborn());
  CHECK(trimmed(git(tmp, dir, "rev-parse HEAD")) == *first);
  CHECK(trimmed(git(tmp, dir, "symbolic-ref HEAD")) == "refs/heads/main");
  CHECK(git(tmp, dir, "status --porcelain --untracked-files=all").empty());
  CHECK(git_status(tmp, dir, "fsck --strict --no-dangling") == 0);
  CHECK(git(tmp, dir, "show HEAD:people/lina.yaml") == "x\n");
  CHECK(trimmed(git(tmp, dir, "log -1 --format=%an%n%ae%n%at")) ==
        "李娜 Lina\nlina@xinghe.example\n1790000000");

  const auto second =
      repo.commit(*first, {{"people/lina.yaml", "y\n"}}, person(), person(), "pmo: second\n");
  REQUIRE(second.has_value());
  CHECK(trimmed(git(tmp, dir, "rev-parse HEAD~1")) == *first);
  CHECK(trimmed(run("cd " + quote(dir) + " && " + git_command(tmp, dir, "log --oneline") +
                    " | wc -l")) == "2");
  CHECK(git(tmp, dir, "status --porcelain --untracked-files=all").empty());
  CHECK(git_status(tmp, dir, "fsck --strict --no-dangling") == 0);

  // init on an existing repository opens it; discover walks up from a subdirectory.
  CHECK(Repository::init(dir).head_id() == *second);
  const auto found = Repository::discover(dir + "/people");
  REQUIRE(found.has_value());
  CHECK(found->head_id() == *second);
  CHECK(!Repository::discover(tmp / "").has_value());
}

TEST_CASE("git: a commit whose expected head is stale is refused without side effects") {
  TempDir tmp;
  const std::string dir = tmp / "repo";
  auto repo = Repository::init(dir);
  const std::string first = commit_ok(repo, {{"a.yaml", "1\n"}});
  const std::string second = commit_ok(repo, {{"a.yaml", "2\n"}});

  const auto stale = repo.commit(first, {{"b.yaml", "b\n"}}, person(), person(), "stale\n");
  CHECK(!stale.has_value());
  const auto as_root = repo.commit("", {{"b.yaml", "b\n"}}, person(), person(), "stale\n");
  CHECK(!as_root.has_value());
  CHECK(repo.head_id() == second);
  CHECK(!fs::exists(dir + "/b.yaml"));
  CHECK(git(tmp, dir, "status --porcelain --untracked-files=all").empty());
  CHECK(trimmed(git(tmp, dir, "rev-list --count HEAD")) == "2");

  // HEAD moved by someone else (the real git) is noticed too.
  write_file(dir + "/c.txt", "c\n");
  git(tmp, dir, "add c.txt");
  git(tmp, dir, "commit -q -m other");
  CHECK(!repo.commit(second, {{"b.yaml", "b\n"}}, person(), person(), "late\n").has_value());
  CHECK(trimmed(git(tmp, dir, "rev-list --count HEAD")) == "3");
}

TEST_CASE("git: committed files are written to the working tree and staged in the index") {
  TempDir tmp;
  const std::string dir = tmp / "repo";
  auto repo = Repository::init(dir);
  commit_ok(repo, {{"pmo.yaml", "v1\n"}});
  commit_ok(repo, {{"pmo.yaml", "v2\n"},
                   {"projects/p1/project.yaml", "title: 智能客服平台\n"},
                   {"projects/p1/decisions/20261121T093000Z-G1-lina.yaml", "gate: G1\n"}});
  CHECK(read_file(dir + "/pmo.yaml") == "v2\n");
  CHECK(read_file(dir + "/projects/p1/project.yaml") == "title: 智能客服平台\n");
  CHECK(git(tmp, dir, "status --porcelain --untracked-files=all").empty());
  CHECK(git_status(tmp, dir, "diff --cached --quiet") == 0);
  CHECK(git_status(tmp, dir, "diff --quiet") == 0);
  CHECK(git(tmp, dir, "ls-files --stage pmo.yaml").starts_with("100644 "));
  CHECK(repo.head_blob_id("pmo.yaml") == trimmed(git(tmp, dir, "rev-parse HEAD:pmo.yaml")));
  CHECK(repo.head_blob_id("missing.yaml").empty());
  CHECK(repo.head_blob_id("projects").empty());
  // A blob id computed from the content alone is git's.
  CHECK(Repository::blob_id("title: 智能客服平台\n") ==
        trimmed(git(tmp, dir, "rev-parse HEAD:projects/p1/project.yaml")));
  CHECK(Repository::blob_id("") == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
  // No temporary file is left behind.
  for (const auto& entry : fs::recursive_directory_iterator(dir + "/projects")) {
    CHECK(entry.path().filename().string().find(".pmo-") == std::string::npos);
  }
  // An unrelated staged change survives a pmo commit, still staged.
  write_file(dir + "/notes.txt", "mine\n");
  git(tmp, dir, "add notes.txt");
  commit_ok(repo, {{"pmo.yaml", "v3\n"}});
  CHECK(git(tmp, dir, "status --porcelain") == "A  notes.txt\n");
}

TEST_CASE("git: a commit refuses unsafe paths and paths through a symlink, making no commit") {
  TempDir tmp;
  const std::string dir = tmp / "repo";
  const std::string outside = tmp / "outside";
  fs::create_directories(outside);
  auto repo = Repository::init(dir);
  const std::string head = commit_ok(repo, {{"pmo.yaml", "v1\n"}});

  const auto refused = [&](const std::string& path) {
    try {
      (void)repo.commit(head, {{path, "evil\n"}}, person(), person(), "evil\n");
    } catch (const GitError& error) {
      return error.code() == k_git_einvalid;
    }
    return false;
  };
  CHECK(refused("../escape.yaml"));
  CHECK(refused("/etc/passwd"));
  CHECK(refused(".git/config"));
  CHECK(refused("sub/.GIT/hooks/pre-commit"));

  fs::create_directory_symlink(outside, dir + "/projects");
  CHECK(refused("projects/p1/project.yaml"));
  fs::create_symlink(outside + "/target.yaml", dir + "/link.yaml");
  CHECK(refused("link.yaml"));

  CHECK(repo.head_id() == head);
  CHECK(fs::is_empty(outside));
}

TEST_CASE("git: head_store reads the committed tree, not the working tree") {
  TempDir tmp;
  const std::string dir = tmp / "repo";
  auto repo = Repository::init(dir);
  {
    const auto empty = repo.head_store();
    CHECK(!empty->read("pmo.yaml").has_value());
    CHECK(empty->list("").empty());
    CHECK(!empty->is_dir("people"));
  }
  commit_ok(repo, {{"pmo.yaml", "committed\n"},
                   {"people/lina.yaml", "l\n"},
                   {"people/chen.yaml", "c\n"},
                   {"projects/p1/project.yaml", "p\n"}});
  write_file(dir + "/pmo.yaml", "edited in the working tree\n");
  write_file(dir + "/people/zhao.yaml", "untracked\n");

  const auto store = repo.head_store();
  CHECK(store->read("pmo.yaml") == std::optional<std::string>("committed\n"));
  CHECK(!store->read("people/zhao.yaml").has_value());
  CHECK_THROWS_AS((void)store->read("people"), pmo::store::StoreError); // as FsStore does
  CHECK(!store->read("pmo.yaml/x").has_value());
  CHECK(store->list("people") == std::vector<std::string>{"chen.yaml", "lina.yaml"});
  CHECK(store->list("") == std::vector<std::string>{"people", "pmo.yaml", "projects"});
  CHECK(store->list("missing").empty());
  CHECK(store->list("pmo.yaml").empty());
  CHECK(store->is_dir("projects/p1"));
  CHECK(!store->is_dir("projects/p1/project.yaml"));
  CHECK(!store->is_dir("nothing"));

  // A symlink and an oversized blob, committed by the real git, are refused with a finding.
  fs::create_symlink("/etc/passwd", dir + "/people/evil.yaml");
  write_file(dir + "/projects/big.yaml", std::string(4 * 1024 * 1024 + 1, 'x'));
  git(tmp, dir, "add -A");
  git(tmp, dir, "commit -q -m hostile");
  const auto hostile = repo.head_store();
  try {
    (void)hostile->read("people/evil.yaml");
    FAIL("a symlink was read");
  } catch (const pmo::store::StoreError& error) {
    CHECK(error.finding.where.file == "people/evil.yaml");
    CHECK(error.finding.code == "symlink");
  }
  try {
    (void)hostile->read("projects/big.yaml");
    FAIL("an oversized blob was read");
  } catch (const pmo::store::StoreError& error) {
    CHECK(error.finding.where.file == "projects/big.yaml");
    CHECK(error.finding.code == "file-too-large");
  }
  CHECK_THROWS_AS((void)hostile->read("../etc/passwd"), pmo::store::StoreError);
  CHECK_THROWS_AS((void)hostile->list("../etc"), pmo::store::StoreError);
  CHECK_THROWS_AS((void)hostile->entries("../etc"), pmo::store::StoreError);
  // Its entries from the trees' own listings: the names list gives, each a directory exactly
  // when is_dir says so (a symbolic link is not one).
  for (const char* sub : {"", "people", "projects", "projects/p1", "missing", "pmo.yaml"}) {
    CAPTURE(sub);
    const auto found = hostile->entries(sub);
    const auto names = hostile->list(sub);
    REQUIRE(found.size() == names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      CHECK(found[i].name == names[i]);
      CHECK(found[i].dir == hostile->is_dir(std::string(sub) + (*sub ? "/" : "") + names[i]));
    }
  }
  const auto people = hostile->entries("people");
  REQUIRE(people.size() == 4);
  CHECK((people[1].name == "evil.yaml" && !people[1].dir));
  const auto top = hostile->entries("");
  REQUIRE(top.size() == 3);
  CHECK((top[0].name == "people" && top[0].dir && !top[1].dir && top[2].dir));
}

TEST_CASE("git: a repository pinned to a past commit reads that commit and refuses writes") {
  TempDir tmp;
  const std::string dir = tmp / "repo";
  auto repo = Repository::init(dir);
  CHECK(!repo.last_commit_until(at(2'000'000'000)).has_value()); // unborn
  const std::string first = commit_ok(repo, {{"pmo.yaml", "one\n"}}, "first", 1'790'000'000);
  const std::string second = commit_ok(repo, {{"pmo.yaml", "two\n"}}, "second", 1'790'086'400);
  CHECK(repo.last_commit_until(at(1'789'999'999)) == std::nullopt);
  CHECK(repo.last_commit_until(at(1'790'000'000)) == first); // at the second counts
  CHECK(repo.last_commit_until(at(1'790'086'399)) == first);
  CHECK(repo.last_commit_until(at(2'000'000'000)) == second);

  CHECK(!repo.pinned());
  repo.pin(first);
  CHECK(repo.pinned());
  CHECK(repo.head_id() == first);
  CHECK(repo.head_time() == at(1'790'000'000));
  CHECK(repo.head_store()->read("pmo.yaml") == std::optional<std::string>("one\n"));
  CHECK_THROWS_AS(repo.lock_for_write(), GitError);
  // The branch itself did not move.
  CHECK(trimmed(git(tmp, dir, "rev-parse HEAD")) == second);
  CHECK_THROWS_AS(repo.pin(std::string(40, '0')), GitError); // no such commit
}

TEST_CASE("git: dirty_paths finds modified, staged, deleted and untracked paths") {
  TempDir tmp;
  const std::string dir = tmp / "repo";
  auto repo = Repository::init(dir);
  write_file(dir + "/early.txt", "untracked before the first commit\n");
  CHECK(repo.dirty_paths({"early.txt", "pmo.yaml"}) == std::vector<std::string>{"early.txt"});
  fs::remove(dir + "/early.txt");

  commit_ok(repo, {{"pmo.yaml", "1\n"},
                   {"people/lina.yaml", "l\n"},
                   {"people/chen.yaml", "c\n"},
                   {"projects/p1/project.yaml", "p\n"},
                   {"projects/p2/project.yaml", "p\n"}});
  const std::vector<std::string> all = {"pmo.yaml",    "people/lina.yaml", "people/chen.yaml",
                                        "projects/p1", "projects/p2",      "projects/p3",
                                        "people"};
  CHECK(repo.dirty_paths(all).empty());

  write_file(dir + "/pmo.yaml", "modified\n");
  CHECK(repo.dirty_paths(all) == std::vector<std::string>{"pmo.yaml"});

  write_file(dir + "/people/lina.yaml", "staged\n");
  git(tmp, dir, "add people/lina.yaml");
  fs::remove(dir + "/projects/p2/project.yaml");
  write_file(dir + "/projects/p3/decisions/d.yaml", "untracked in a new directory\n");
  CHECK(repo.dirty_paths(all) == std::vector<std::string>{"pmo.yaml", "people/lina.yaml",
                                                          "projects/p2", "projects/p3", "people"});
  CHECK(repo.dirty_paths({"people/chen.yaml", "projects/p1", "projects/p"}).empty());
  CHECK(repo.dirty_paths({"projects/p3/decisions/d.yaml"}) ==
        std::vector<std::string>{"projects/p3/decisions/d.yaml"});
  CHECK(repo.dirty_paths({}).empty());
}

TEST_CASE("git: walk_history returns pmo commits, newest first, with trailers and added paths") {
  TempDir tmp;
  const std::string dir = tmp / "repo";
  auto repo = Repository::init(dir);
  const auto write = [&](const std::vector<FileWrite>& files, const std::string& subject,
                         const std::vector<std::pair<std::string, std::string>>& trailers,
                         long long when) {
    const auto id = repo.commit(repo.head_id(), files, person(when), person(when),
                                pmo::git::compose_message(subject, {"body"}, trailers));
    REQUIRE(id.has_value());
    return *id;
  };
  const auto c1 = write({{"pmo.yaml", "o\n"}}, "pmo: init", {{"Pmo-Init", "1"}}, 1'000'000);
  const auto c2 = write({{"projects/p1/project.yaml", "p\n"}, {"pmo.yaml", "o2\n"}},
                        "pmo: propose p1", {{"Pmo-Project", "p1"}}, 2'000'000);
  write_file(dir + "/README.md", "by hand\n");
  git(tmp, dir, "add README.md");
  git(tmp, dir, "commit -q -m 'a hand-made commit' -m 'Pmo-Forged: in the body' -m 'Signed: x'");
  const auto c3 =
      write({{"projects/p1/decisions/d1.yaml", "d\n"}}, "pmo: review p1",
            {{"Pmo-Project", "p1"}, {"Pmo-Gate", "G1"}, {"Signed-off-by", "x"}}, 3'000'000);

  std::vector<pmo::git::HistoryEntry> entries;
  repo.walk_history([&](const pmo::git::HistoryEntry& entry) {
    entries.push_back(entry);
    return true;
  });
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].commit == c3);
  CHECK(entries[0].subject == "pmo: review p1");
  CHECK(entries[0].author_name == "李娜 Lina");
  CHECK(entries[0].author_email == "lina@xinghe.example");
  CHECK(entries[0].when == at(3'000'000));
  CHECK(entries[0].trailers ==
        std::map<std::string, std::string>{{"Pmo-Gate", "G1"}, {"Pmo-Project", "p1"}});
  CHECK(entries[0].added_paths == std::vector<std::string>{"projects/p1/decisions/d1.yaml"});
  CHECK(entries[1].commit == c2);
  CHECK(entries[1].added_paths == std::vector<std::string>{"projects/p1/project.yaml"});
  CHECK(entries[2].commit == c1);
  CHECK(entries[2].added_paths == std::vector<std::string>{"pmo.yaml"});

  std::vector<std::string> since;
  repo.walk_history(
      [&](const pmo::git::HistoryEntry& entry) {
        since.push_back(entry.commit);
        return true;
      },
      at(2'000'000));
  CHECK(since == std::vector<std::string>{c3, c2});

  int visited = 0;
  repo.walk_history([&](const pmo::git::HistoryEntry&) { return ++visited < 1; });
  CHECK(visited == 1);

  auto empty = Repository::init(tmp / "empty");
  empty.walk_history([](const pmo::git::HistoryEntry&) {
    FAIL("an unborn repository has no history");
    return true;
  });
}

TEST_CASE("git: walk_history reads only the trees a query asks for") {
  TempDir tmp;
  const std::string dir = tmp / "repo";
  auto repo = Repository::init(dir);
  commit_ok(repo, {{"pmo.yaml", "o\n"}}, "pmo: init", 1'000'000);
  const auto c2 =
      repo.commit(repo.head_id(),
                  {{"projects/p1/decisions/d1.yaml", "d\n"}, {"projects/p2/project.yaml", "p\n"}},
                  person(2'000'000), person(2'000'000),
                  pmo::git::compose_message("pmo: review p1", {}, {{"Pmo-Project", "p1"}}));
  REQUIRE(c2.has_value());
  commit_ok(repo, {{"projects/p1/decisions/d2.yaml", "d\n"}}, "pmo: review p1 again", 3'000'000);

  pmo::git::HistoryQuery query;
  std::vector<std::string> asked;
  query.added_under = [&](const pmo::git::HistoryEntry& entry) -> std::optional<std::string> {
    asked.push_back(entry.subject);
    if (entry.commit == *c2)
      return std::string{"projects/p1/"};
    return std::nullopt; // no tree read
  };
  std::vector<pmo::git::HistoryEntry> entries;
  repo.walk_history(
      [&](const pmo::git::HistoryEntry& entry) {
        entries.push_back(entry);
        return true;
      },
      query);
  REQUIRE(entries.size() == 3);
  CHECK(asked.size() == 3);
  CHECK(entries[0].added_paths.empty());
  CHECK(entries[1].commit == *c2);
  CHECK(entries[1].added_paths == std::vector<std::string>{"projects/p1/decisions/d1.yaml"});
  CHECK(entries[2].added_paths.empty());

  // A directory the commit did not touch, or that does not exist: nothing added there.
  query.added_under = [](const pmo::git::HistoryEntry&) -> std::optional<std::string> {
    return std::string{"projects/p9/"};
  };
  entries.clear();
  repo.walk_history(
      [&](const pmo::git::HistoryEntry& entry) {
        entries.push_back(entry);
        return true;
      },
      query);
  REQUIRE(entries.size() == 3);
  for (const auto& entry : entries)
    CHECK(entry.added_paths.empty());
}

TEST_CASE("git: walk_history lists files a merge brings in on the first-parent line") {
  TempDir tmp;
  const std::string dir = tmp / "repo";
  auto repo = Repository::init(dir);
  commit_ok(repo, {{"pmo.yaml", "o\n"}}, "pmo: init", 1'000'000);
  git(tmp, dir, "checkout -q -b side");
  write_file(dir + "/projects/p9/decisions/x.yaml", "x\n");
  git(tmp, dir, "add -A");
  git(tmp, dir, "commit -q -m side");
  git(tmp, dir, "checkout -q main");
  commit_ok(repo, {{"people/a.yaml", "a\n"}}, "pmo: person", 2'000'000);
  git(tmp, dir, "merge -q --no-edit --no-ff side -m 'merge side' -m 'Pmo-Merge: side'");
  std::vector<pmo::git::HistoryEntry> entries;
  repo.walk_history([&](const pmo::git::HistoryEntry& entry) {
    entries.push_back(entry);
    return true;
  });
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].trailers.at("Pmo-Merge") == "side");
  CHECK(entries[0].added_paths == std::vector<std::string>{"projects/p9/decisions/x.yaml"});
}

TEST_CASE("git: a trailer forged inside user text never parses as a trailer") {
  using pmo::git::compose_message;
  using pmo::git::parse_trailers;
  using Trailers = std::map<std::string, std::string>;

  const auto forged_subject =
      compose_message("approve\n\nPmo-Decision: reject", {}, {{"Pmo-Decision", "approve"}});
  CHECK(parse_trailers(forged_subject) == Trailers{{"Pmo-Decision", "approve"}});

  const auto forged_value = compose_message("s", {"comment\r\n\r\nPmo-Gate: G4"},
                                            {{"Pmo-Gate", "G1\n\nPmo-Decision: reject"}});
  CHECK(parse_trailers(forged_value) == Trailers{{"Pmo-Gate", "G1  Pmo-Decision: reject"}});

  // Without trailers the body is the last paragraph: still no trailer comes out of it.
  const auto body_only = compose_message("s", {"Pmo-Decision: reject"}, {});
  CHECK(parse_trailers(body_only).empty());
  CHECK(parse_trailers(compose_message("Pmo-Decision: reject", {}, {})).empty());

  const auto message = compose_message("pmo: review p1 G1 (approve)", {"line 1", "", "line 2"},
                                       {{"Pmo-Project", "p1"}, {"Pmo-Gate", "G1"}});
  CHECK(message == "pmo: review p1 G1 (approve)\n\nline 1\n\nline 2\n\n"
                   "Pmo-Project: p1\nPmo-Gate: G1\n");
  CHECK(parse_trailers(message) == Trailers{{"Pmo-Gate", "G1"}, {"Pmo-Project", "p1"}});
  CHECK_THROWS_AS(compose_message("s", {}, {{"Bad Key", "v"}}), std::invalid_argument);
}

TEST_CASE("git: parse_trailers reads only a last paragraph made entirely of trailers") {
  using pmo::git::parse_trailers;
  using Trailers = std::map<std::string, std::string>;
  CHECK(parse_trailers("s\n\nPmo-A: 1\nSigned-off-by: x\nPmo-B:  two words  \n\n\n  ") ==
        Trailers{{"Pmo-A", "1"}, {"Pmo-B", "two words"}});
  CHECK(parse_trailers("s\r\n\r\nPmo-A: 1\r\n") == Trailers{{"Pmo-A", "1"}});
  CHECK(parse_trailers("s\n\nPmo-A: 1\nnot a trailer\n").empty());
  CHECK(parse_trailers("s\n\nPmo-A: 1\n continued\n").empty());
  CHECK(parse_trailers("s\n\nPmo-A: 1\n\nbody after\n").empty());
  CHECK(parse_trailers("s\n\nPmo-A: 1\n   \nPmo-B: 2\n") == Trailers{{"Pmo-B", "2"}});
  CHECK(parse_trailers("Pmo-A: 1\nPmo-B: 2\n").empty());
  CHECK(parse_trailers("s\n\nPmo-A : 1\n").empty());
  CHECK(parse_trailers("s\n\npmo-a: 1\n").empty());
  CHECK(parse_trailers("").empty());
  CHECK(parse_trailers("\n\n\n").empty());
}

TEST_CASE("git: signature text with a newline or angle bracket is rejected") {
  using pmo::git::is_valid_signature_text;
  CHECK(is_valid_signature_text("李娜 Lina"));
  CHECK(is_valid_signature_text("lina@xinghe.example"));
  CHECK(is_valid_signature_text(""));
  CHECK(!is_valid_signature_text("Lina\nEvil"));
  CHECK(!is_valid_signature_text("Lina\r"));
  CHECK(!is_valid_signature_text("Lina\t"));
  CHECK(!is_valid_signature_text(std::string("Li\0na", 5)));
  CHECK(!is_valid_signature_text("Lina <x@y>"));
  CHECK(!is_valid_signature_text("x>y"));
  CHECK(!is_valid_signature_text("del\x7f"));

  TempDir tmp;
  auto repo = Repository::init(tmp / "repo");
  const auto refused = [&](const Signature& author) {
    try {
      (void)repo.commit("", {{"a.yaml", "a\n"}}, author, person(), "s\n");
    } catch (const GitError& error) {
      return error.code() == k_git_einvalid;
    }
    return false;
  };
  CHECK(refused({"Lina\nEvil", "a@b", at(0)}));
  CHECK(refused({"Lina", "a@b>\nparent 0000", at(0)}));
  CHECK(refused({"Lina <root@x>", "a@b", at(0)}));
  CHECK(refused({"", "a@b", at(0)}));
  CHECK(refused({"  ", "a@b", at(0)}));
  CHECK(repo.head_unborn());
}

TEST_CASE("git: the write lock times out naming the lock file, and dies with its holder") {
  TempDir tmp;
  const std::string dir = tmp / "repo";
  auto repo = Repository::init(dir);
  auto other = Repository::discover(dir);
  REQUIRE(other.has_value());
  const std::string lock_path = repo.gitdir() + "pmo.lock";
  {
    auto held = repo.lock_for_write();
    const auto start = std::chrono::steady_clock::now();
    try {
      (void)other->lock_for_write(200);
      FAIL("the lock was taken twice");
    } catch (const GitError& error) {
      CHECK(error.code() == k_git_elocked);
      CHECK(std::string(error.what()).find(lock_path) != std::string::npos);
    }
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(200));
    auto moved = std::move(held); // moving keeps the lock held
    CHECK_THROWS_AS((void)other->lock_for_write(0), GitError);
  }
  { auto again = other->lock_for_write(0); }

  // A holder killed without cleaning up leaves no stale lock behind.
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    try {
      auto mine = Repository::discover(dir);
      auto lock = mine->lock_for_write(1000);
      (void)!::write(ready[1], "x", 1);
      ::pause();
    } catch (...) {
    }
    ::_exit(1);
  }
  char byte = 0;
  REQUIRE(::read(ready[0], &byte, 1) == 1);
  CHECK_THROWS_AS((void)repo.lock_for_write(50), GitError);
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  ::close(ready[0]);
  ::close(ready[1]);
  CHECK_NOTHROW((void)repo.lock_for_write(1000));
}

TEST_CASE("git: a stale index or branch lock of git is reported with its path") {
  TempDir tmp;
  const std::string dir = tmp / "repo";
  auto repo = Repository::init(dir);
  const std::string head = commit_ok(repo, {{"a.yaml", "1\n"}});
  const auto refusal = [&](const std::string& lock_path) {
    write_file(lock_path, "");
    std::string message;
    try {
      (void)repo.commit(head, {{"a.yaml", "2\n"}}, person(), person(), "s\n");
    } catch (const GitError& error) {
      CHECK(error.code() == k_git_elocked);
      message = error.what();
    }
    fs::remove(lock_path);
    return message;
  };
  const std::string index_lock = repo.gitdir() + "index.lock";
  CHECK(refusal(index_lock).find(index_lock) != std::string::npos);
  CHECK(repo.head_id() == head); // refused before committing

  const std::string branch_lock = repo.gitdir() + "refs/heads/main.lock";
  CHECK(refusal(branch_lock).find(branch_lock) != std::string::npos);
  CHECK(repo.head_id() == head);
  CHECK(git(tmp, dir, "status --porcelain --untracked-files=all").empty());
  commit_ok(repo, {{"a.yaml", "2\n"}});
}

namespace {

// Each child makes `count` commits, re-reading HEAD and retrying whenever it loses the race.
void race(const TempDir& tmp, const std::string& dir, bool with_lock, int count) {
  std::vector<pid_t> children;
  for (int writer = 0; writer < 2; ++writer) {
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      int code = 0;
      try {
        auto repo = Repository::discover(dir);
        for (int i = 0; i < count; ++i) {
          const std::string path =
              "writer" + std::to_string(writer) + "/" + std::to_string(i) + ".yaml";
          for (int attempt = 0;; ++attempt) {
            if (attempt > 1000) {
              ::_exit(3);
            }
            std::optional<pmo::git::WriteLock> lock;
            if (with_lock) {
              lock.emplace(repo->lock_for_write(30000));
            }
            const std::string head = repo->head_id();
            if (repo->commit(head, {{path, path + "\n"}}, person(), person(),
                             pmo::git::compose_message("pmo: " + path, {}, {{"Pmo-W", path}}))) {
              break;
            }
          }
        }
      } catch (const std::exception& error) {
        std::fprintf(stderr, "writer %d: %s\n", writer, error.what());
        code = 2;
      }
      ::_exit(code);
    }
    children.push_back(child);
  }
  for (const pid_t child : children) {
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  const std::string log =
      run("cd " + quote(dir) + " && " + git_command(tmp, dir, "log --oneline") + " | wc -l");
  CHECK(trimmed(log) == std::to_string(2 * count));
  const std::string files = run("cd " + quote(dir) + " && " +
                                git_command(tmp, dir, "ls-tree -r --name-only HEAD") + " | wc -l");
  CHECK(trimmed(files) == std::to_string(2 * count));
  CHECK(git_status(tmp, dir, "fsck --strict --no-dangling") == 0);
}

} // namespace

TEST_CASE("git: two processes committing at once both land, with the write lock") {
  TempDir tmp;
  const std::string dir = tmp / "repo";
  (void)Repository::init(dir);
  race(tmp, dir, true, 15);
  // Under the lock the index is updated in turn as well: git status stays clean.
  CHECK(git(tmp, dir, "status --porcelain --untracked-files=all").empty());
}

TEST_CASE("git: two processes committing at once both land, by compare-and-swap alone") {
  TempDir tmp;
  const std::string dir = tmp / "repo";
  (void)Repository::init(dir);
  race(tmp, dir, false, 15); // from an unborn branch: the root commit is raced for too
}

TEST_CASE(
    "git: a signed commit carries the signer's signature in a gpgsig header over its buffer") {
  TempDir tmp;
  const std::string dir = tmp / "repo";
  auto repo = Repository::init(dir);
  std::string signed_buffer;
  const pmo::git::CommitSigner sign = [&](std::string_view buffer) {
    signed_buffer = std::string(buffer);
    return std::string("-----BEGIN SSH SIGNATURE-----\nU0lH\n-----END SSH SIGNATURE-----");
  };
  const auto first = repo.commit("", {{"a.yaml", "1\n"}}, person(), person(), "root\n", sign);
  REQUIRE(first.has_value());
  const auto second = repo.commit(*first, {{"a.yaml", "2\n"}}, person(), person(), "next\n", sign);
  REQUIRE(second.has_value());
  CHECK(repo.head_id() == *second);
  CHECK(trimmed(git(tmp, dir, "rev-parse HEAD~1")) == *first);
  const std::string raw = git(tmp, dir, "cat-file commit HEAD");
  CHECK(raw.find("\ngpgsig -----BEGIN SSH SIGNATURE-----\n U0lH\n -----END SSH SIGNATURE-----\n") !=
        std::string::npos);
  // What was signed is the commit without its signature, as git verifies it.
  CHECK(signed_buffer.find("next\n") != std::string::npos);
  CHECK(signed_buffer.find("gpgsig") == std::string::npos);
  CHECK(git(tmp, dir, "status --porcelain --untracked-files=all").empty());
  CHECK(git_status(tmp, dir, "fsck --strict --no-dangling") == 0);
  CHECK(trimmed(git(tmp, dir, "reflog -1 --format=%gs")) == "commit: next");
}

TEST_CASE("git: a signer that refuses leaves no commit; a branch moved while signing wins") {
  TempDir tmp;
  const std::string dir = tmp / "repo";
  auto repo = Repository::init(dir);
  const std::string first = commit_ok(repo, {{"a.yaml", "1\n"}});
  const pmo::git::CommitSigner refuse = [](std::string_view) -> std::string {
    throw GitError("ssh-keygen: not found", -3);
  };
  CHECK_THROWS_WITH_AS(repo.commit(first, {{"b.yaml", "b\n"}}, person(), person(), "b\n", refuse),
                       "ssh-keygen: not found", GitError);
  CHECK(repo.head_id() == first);
  CHECK(!fs::exists(dir + "/b.yaml"));
  CHECK(git(tmp, dir, "status --porcelain --untracked-files=all").empty());

  // Another writer commits while the signer runs (a passphrase prompt, say): compare-and-swap.
  const pmo::git::CommitSigner slow = [&](std::string_view) {
    write_file(dir + "/c.txt", "c\n");
    git(tmp, dir, "add c.txt");
    git(tmp, dir, "commit -q -m other");
    return std::string("-----BEGIN SSH SIGNATURE-----\nU0lH\n-----END SSH SIGNATURE-----");
  };
  CHECK(!repo.commit(first, {{"b.yaml", "b\n"}}, person(), person(), "b\n", slow).has_value());
  CHECK(trimmed(git(tmp, dir, "log -1 --format=%s")) == "other");
  CHECK(trimmed(git(tmp, dir, "rev-list --count HEAD")) == "2");
}

TEST_CASE("git: under the write lock, a write the branch moved under stages nothing; the retry "
          "lands alone") {
  TempDir tmp;
  const std::string dir = tmp / "repo";
  auto repo = Repository::init(dir);
  const std::string first = commit_ok(repo, {{"a.yaml", "1\n"}});
  {
    auto lock = repo.lock_for_write(1000);
    // index.lock is held, so no git commit can run: the branch is moved as a fetch or
    // `git update-ref` would, while the (slow) signer runs.
    const pmo::git::CommitSigner moved = [&](std::string_view) {
      const std::string other =
          trimmed(git(tmp, dir, "commit-tree -p HEAD -m other 'HEAD^{tree}'"));
      git(tmp, dir, "update-ref HEAD " + other);
      return std::string("-----BEGIN SSH SIGNATURE-----\nU0lH\n-----END SSH SIGNATURE-----");
    };
    CHECK(
        !repo.commit(first, {{"lost.yaml", "x\n"}}, person(), person(), "x\n", moved).has_value());
    // The retry, on the new HEAD, in the same write.
    const auto id = repo.commit(repo.head_id(), {{"b.yaml", "b\n"}}, person(), person(),
                                pmo::git::compose_message("b", {}, {{"Pmo-Test", "yes"}}));
    CHECK(id.has_value());
  }
  CHECK(trimmed(git(tmp, dir, "log --format=%s")) == "b\nother\npmo: write");
  // The attempt the branch moved under left nothing in the index or the working tree.
  CHECK(git(tmp, dir, "status --porcelain --untracked-files=all").empty());
  CHECK(trimmed(git(tmp, dir, "ls-files")) == "a.yaml\nb.yaml");
  CHECK(!fs::exists(dir + "/lost.yaml"));
  CHECK(!fs::exists(dir + "/.git/pmo-index.tmp"));

  // A write that commits nothing (refused after the lock) leaves no link to the index behind,
  // and the repository reads the index file again afterwards.
  { auto lock = repo.lock_for_write(1000); }
  CHECK(!fs::exists(dir + "/.git/pmo-index.tmp"));
  CHECK(!fs::exists(dir + "/.git/index.lock"));
  write_file(dir + "/c.txt", "c\n");
  git(tmp, dir, "add c.txt");
  CHECK(repo.dirty_paths({"c.txt"}) == std::vector<std::string>{"c.txt"});
}

namespace {

// What real git says differs between `base` and the working tree under `dir`: `git diff BASE`
// (the index and the working tree, staged or not) and the untracked files, sorted.
// What git says changed since `base` under `dir`: `git diff BASE`, and with `untracked` the files
// `git ls-files --others` lists.
std::vector<std::string> git_changed_since(const TempDir& home, const std::string& repo,
                                           const std::string& base, const std::string& dir,
                                           bool untracked = true) {
  const std::string spec = dir.empty() ? "." : dir;
  std::istringstream lines(
      git(home, repo, "diff --no-renames --name-only " + base + " -- " + spec) +
      (untracked ? git(home, repo, "ls-files --others --exclude-standard -- " + spec) : ""));
  std::vector<std::string> paths;
  for (std::string line; std::getline(lines, line);)
    if (!line.empty())
      paths.push_back(line);
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  return paths;
}

void set_mtime(const std::string& path, const struct timespec& when) {
  const struct timespec times[2] = {when, when};
  REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
}

struct timespec mtime_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mtim;
}

} // namespace

TEST_CASE("git: changed_since lists what the commits, the index and the working tree changed") {
  TempDir tmp;
  const std::string dir = tmp / "repo";
  auto repo = Repository::init(dir);
  const std::string base = commit_ok(repo, {{"pmo.yaml", "office\n"},
                                            {"people/lina.yaml", "l\n"},
                                            {"projects/p1/project.yaml", "p1\n"},
                                            {"projects/p2/project.yaml", "p2\n"},
                                            {"projects/p2/risks/r1.yaml", "r1\n"},
                                            {"projects/p3/project.yaml", "p3\n"},
                                            {"projects/p4/project.yaml", "p4\n"},
                                            {"projects/p5/project.yaml", "p5\n"},
                                            {"README.md", "readme\n"}});
  git(tmp, dir, "update-index --refresh"); // the stat data of the files as written
  using Paths = std::vector<std::string>;
  CHECK(repo.changed_since(base, "").empty());
  CHECK(git_changed_since(tmp, dir, base, "").empty());

  SUBCASE("committed since the base: a one-project commit reads that project") {
    commit_ok(repo, {{"projects/p2/risks/r2.yaml", "r2\n"}, {"README.md", "new\n"}});
    CHECK(repo.changed_since(base, "") == Paths{"README.md", "projects/p2/risks/r2.yaml"});
    CHECK(repo.changed_since(base, "projects/") == Paths{"projects/p2/risks/r2.yaml"});
    CHECK(repo.changed_since(base, "") == git_changed_since(tmp, dir, base, ""));
    CHECK(repo.changed_since(repo.head_id(), "").empty());
    CHECK(repo.changed_since(base, "", false) == repo.changed_since(base, ""));
  }
  SUBCASE("working-tree changes: unstaged, staged, untracked, deleted; changed back is none") {
    write_file(dir + "/projects/p1/project.yaml", "p1 modified, not staged\n");
    write_file(dir + "/projects/p2/project.yaml", "p2 staged\n");
    git(tmp, dir, "add projects/p2/project.yaml");
    write_file(dir + "/projects/p9/project.yaml", "a new project, untracked\n");
    write_file(dir + "/projects/p9/risks/r1.yaml", "untracked below it\n");
    fs::remove(dir + "/projects/p3/project.yaml");
    write_file(dir + "/projects/p4/project.yaml", "p4 changed, then changed back\n");
    write_file(dir + "/projects/p4/project.yaml", "p4\n");
    write_file(dir + "/projects/p5/project.yaml", "p5 staged, then changed back\n");
    git(tmp, dir, "add projects/p5/project.yaml");
    write_file(dir + "/projects/p5/project.yaml", "p5\n");
    write_file(dir + "/people/chen.yaml", "untracked person\n");
    write_file(dir + "/.gitignore", "*.tmp\n");
    write_file(dir + "/projects/p1/draft.tmp", "ignored\n");
    const Paths expected = {".gitignore",
                            "people/chen.yaml",
                            "projects/p1/project.yaml",
                            "projects/p2/project.yaml",
                            "projects/p3/project.yaml",
                            "projects/p5/project.yaml",
                            "projects/p9/project.yaml",
                            "projects/p9/risks/r1.yaml"};
    const Paths found = repo.changed_since(base, "");
    CHECK(found == expected);
    // p5 is staged, then changed back in the working tree: the index differs from the base, so
    // it counts (as it did with libgit2's diff of the tree against index and working tree); git
    // diff BASE reads the file and leaves it out. One project checked more is the safe side.
    Paths by_git = expected;
    std::erase(by_git, "projects/p5/project.yaml");
    CHECK(git_changed_since(tmp, dir, base, "") == by_git);
    CHECK(repo.changed_since(base, "projects/p9/") ==
          Paths{"projects/p9/project.yaml", "projects/p9/risks/r1.yaml"});
    CHECK(repo.changed_since(base, "people/") == Paths{"people/chen.yaml"});
    // Without untracked files: what git diff BASE says (p5 aside, as above).
    const Paths tracked = {"projects/p1/project.yaml", "projects/p2/project.yaml",
                           "projects/p3/project.yaml", "projects/p5/project.yaml"};
    CHECK(repo.changed_since(base, "", false) == tracked);
    Paths tracked_by_git = tracked;
    std::erase(tracked_by_git, "projects/p5/project.yaml");
    CHECK(git_changed_since(tmp, dir, base, "", false) == tracked_by_git);
    CHECK(repo.changed_since(base, "projects/p9/", false).empty());
    CHECK(repo.changed_since(base, "projects/p3/", false) == Paths{"projects/p3/project.yaml"});
  }
  SUBCASE("a project directory replaced by a symbolic link, and one by a file, not staged") {
    fs::remove_all(dir + "/projects/p2");
    fs::create_directory_symlink("p1", dir + "/projects/p2");
    fs::remove_all(dir + "/projects/p4");
    write_file(dir + "/projects/p4", "now a file\n");
    // Through the link, p2's files are not in the working tree: deleted, as git says.
    const Paths tracked = {"projects/p2/project.yaml", "projects/p2/risks/r1.yaml",
                           "projects/p4/project.yaml"};
    CHECK(repo.changed_since(base, "", false) == tracked);
    CHECK(git_changed_since(tmp, dir, base, "", false) == tracked);
    // With untracked files, the link and the file are new as well.
    const Paths all = {"projects/p2", "projects/p2/project.yaml", "projects/p2/risks/r1.yaml",
                       "projects/p4", "projects/p4/project.yaml"};
    CHECK(repo.changed_since(base, "") == all);
    CHECK(git_changed_since(tmp, dir, base, "") == all);
  }
  SUBCASE("a file replaced by a directory and a project directory replaced by a file") {
    fs::remove(dir + "/README.md");
    write_file(dir + "/README.md/part.md", "now a directory\n");
    fs::remove_all(dir + "/projects/p2");
    write_file(dir + "/projects/p2", "now a file\n");
    git(tmp, dir, "add -A");
    const Paths found = repo.changed_since(base, "");
    CHECK(found == Paths{"README.md", "README.md/part.md", "projects/p2",
                         "projects/p2/project.yaml", "projects/p2/risks/r1.yaml"});
    CHECK(found == git_changed_since(tmp, dir, base, ""));
  }
  SUBCASE("with conflicts in the index, the whole diff still answers") {
    git(tmp, dir, "checkout -q -b side");
    write_file(dir + "/projects/p1/project.yaml", "side\n");
    git(tmp, dir, "commit -qam side");
    git(tmp, dir, "checkout -q main");
    write_file(dir + "/projects/p1/project.yaml", "main\n");
    git(tmp, dir, "commit -qam main");
    CHECK(git_status(tmp, dir, "merge -q side") != 0); // a conflict in p1
    CHECK(repo.changed_since(base, "") == Paths{"projects/p1/project.yaml"});
    CHECK(repo.changed_since(base, "") == git_changed_since(tmp, dir, base, ""));
    write_file(dir + "/projects/p9/project.yaml", "untracked during the merge\n");
    CHECK(repo.changed_since(base, "", false) == Paths{"projects/p1/project.yaml"});
    CHECK(repo.changed_since(base, "") ==
          Paths{"projects/p1/project.yaml", "projects/p9/project.yaml"});
  }
}

TEST_CASE("git: changed_since reads a racily clean file: modified in the second the index was "
          "written, with the size and time it had") {
  TempDir tmp;
  const std::string dir = tmp / "repo";
  auto repo = Repository::init(dir);
  const std::string base = commit_ok(repo, {{"projects/p1/project.yaml", "aaaa\n"}});
  git(tmp, dir, "config core.trustctime false"); // only mtime, size and inode tell a change
  const std::string file = dir + "/projects/p1/project.yaml";
  const std::string index = dir + "/.git/index";
  git(tmp, dir, "update-index --refresh");
  const struct timespec recorded = mtime_of(file);

  // The same size, the same inode, the time the index recorded: only the content differs.
  write_file(file, "bbbb\n");
  set_mtime(file, recorded);
  SUBCASE("the index written in the same instant as the file: racy, so the file is read") {
    set_mtime(index, recorded);
    CHECK(repo.changed_since(base, "") == std::vector<std::string>{"projects/p1/project.yaml"});
    CHECK(repo.changed_since(base, "", false) ==
          std::vector<std::string>{"projects/p1/project.yaml"});
    CHECK(git_changed_since(tmp, dir, base, "") ==
          std::vector<std::string>{"projects/p1/project.yaml"});
  }
  SUBCASE("the index written later: the stat data is trusted, as git trusts it") {
    set_mtime(index, {recorded.tv_sec + 5, 0});
    CHECK(repo.changed_since(base, "").empty());
    CHECK(repo.changed_since(base, "", false).empty());
    CHECK(git_changed_since(tmp, dir, base, "").empty());
  }
}

namespace {

std::string hex_of(const git_oid& id) {
  std::string out;
  for (unsigned char byte : id.id)
    out += fmt::format("{:02x}", byte);
  return out;
}

// The index of `repo` as git itself lists it (ls-files --stage --debug), against
// read_index_file: the same entries, with the same ids, modes and stat data.
void same_as_git(const TempDir& home, const std::string& repo,
                 const pmo::git::detail::IndexFile& file) {
  std::istringstream lines(git(home, repo, "ls-files --stage --debug"));
  std::vector<std::string> listed;
  for (std::string line; std::getline(lines, line);)
    listed.push_back(line);
  REQUIRE(listed.size() == file.entries.size() * 6); // a line of its own and five of stat data
  for (std::size_t i = 0; i < file.entries.size(); ++i) {
    const git_index_entry e = pmo::git::detail::decode(file.entries[i]);
    const std::string* l = &listed[i * 6];
    CHECK(l[0] == fmt::format("{:o} {} 0\t{}", e.mode, hex_of(e.id), e.path));
    CHECK(l[1] == fmt::format("  ctime: {}:{}", e.ctime.seconds, e.ctime.nanoseconds));
    CHECK(l[2] == fmt::format("  mtime: {}:{}", e.mtime.seconds, e.mtime.nanoseconds));
    CHECK(l[3] == fmt::format("  dev: {}\tino: {}", e.dev, e.ino));
    CHECK(l[4] == fmt::format("  uid: {}\tgid: {}", e.uid, e.gid));
    CHECK(l[5].starts_with(fmt::format("  size: {}\tflags: ", e.file_size)));
  }
}

} // namespace

TEST_CASE("git: the index file read directly is what git lists, and nothing where it is not the "
          "plain case") {
  using pmo::git::detail::read_index_file;
  TempDir tmp;
  const std::string dir = tmp / "repo";
  auto repo = Repository::init(dir);
  const std::string base = commit_ok(repo, {{"pmo.yaml", "office\n"},
                                            {"people/lina.yaml", "l\n"},
                                            {"projects/p1/project.yaml", "p1\n"},
                                            {"projects/p1/risks/r1.yaml", "r1\n"},
                                            {"projects/p1-x/project.yaml", "p1-x\n"},
                                            {"projects/p10/project.yaml", "p10\n"}});
  git(tmp, dir, "read-tree HEAD"); // the cache of trees, as a checkout leaves it
  const std::string index = dir + "/.git/index";
  const std::string head_tree = trimmed(git(tmp, dir, "rev-parse HEAD^{tree}"));
  auto tree_of = [](const pmo::git::detail::IndexFile& file) { return hex_of(*file.tree); };

  SUBCASE("version 2 and version 4 (paths compressed against the one before)") {
    for (const char* version : {"2", "4"}) {
      CAPTURE(version);
      git(tmp, dir, std::string("update-index --index-version ") + version);
      const auto file = read_index_file(index);
      REQUIRE(file);
      same_as_git(tmp, dir, *file);
      REQUIRE(file->tree);
      CHECK(tree_of(*file) == head_tree);
      // changed_since takes this reading: the same answers as git's.
      write_file(dir + "/projects/p10/project.yaml", "p10 modified\n");
      write_file(dir + "/projects/p2/project.yaml", "untracked\n");
      CHECK(repo.changed_since(base, "") ==
            std::vector<std::string>{"projects/p10/project.yaml", "projects/p2/project.yaml"});
      CHECK(repo.changed_since(base, "", false) ==
            std::vector<std::string>{"projects/p10/project.yaml"});
      fs::remove_all(dir + "/projects/p2");
      write_file(dir + "/projects/p10/project.yaml", "p10\n");
    }
  }
  SUBCASE("a staged file leaves the cache of trees without a root: entries, no tree") {
    write_file(dir + "/projects/p3/project.yaml", "p3\n");
    git(tmp, dir, "add projects/p3/project.yaml");
    const auto file = read_index_file(index);
    REQUIRE(file);
    same_as_git(tmp, dir, *file);
    CHECK_FALSE(file->tree);
    CHECK(repo.changed_since(base, "", false) ==
          std::vector<std::string>{"projects/p3/project.yaml"});
  }
  SUBCASE("not the plain case: libgit2 reads it") {
    SUBCASE("intent to add (an extended flag)") {
      write_file(dir + "/projects/p3/project.yaml", "p3\n");
      git(tmp, dir, "add -N projects/p3/project.yaml");
      CHECK_FALSE(read_index_file(index));
    }
    SUBCASE("a split index") {
      git(tmp, dir, "update-index --split-index");
      CHECK_FALSE(read_index_file(index));
    }
    SUBCASE("cut short, or not an index") {
      const std::string text = read_file(index);
      for (std::size_t keep :
           {std::size_t{0}, std::size_t{11}, std::size_t{40}, text.size() / 2, text.size() - 21}) {
        CAPTURE(keep);
        write_file(index, text.substr(0, keep));
        CHECK_FALSE(read_index_file(index));
      }
      write_file(index, "DIRC" + std::string(64, '\xff'));
      CHECK_FALSE(read_index_file(index));
    }
    SUBCASE("absent") {
      fs::remove(index);
      CHECK_FALSE(read_index_file(index));
    }
  }
}
