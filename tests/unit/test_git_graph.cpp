// The commit graph's tree reading (raw trees, compared by skipping identical bytes), checked
// against the real git: the changes between two commits are what `git diff-tree -r` lists, and
// every path resolves to what `git rev-parse` says, whatever the names (prefixes of one another,
// a file sorting between a directory and its siblings, a directory's implied '/').

#include "temp_dir.hpp"

#include <pmo/git/graph.hpp>
#include <pmo/git/repo.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unistd.h>

namespace {

using pmo::test::TempDir;

namespace fs = std::filesystem;

std::string sh(const std::string& dir, const std::string& command) {
  const std::string full = "cd '" + dir +
                           "' && GIT_CONFIG_NOSYSTEM=1 HOME=/nonexistent git -c user.name=T -c "
                           "user.email=t@example.com " +
                           command;
  std::FILE* pipe = ::popen(full.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
    output.append(buffer, n);
  ::pclose(pipe);
  return output;
}

void write(const std::string& root, const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(root + "/" + path).parent_path());
  std::ofstream(root + "/" + path) << text;
}

std::string head(const std::string& dir, const std::string& rev = "HEAD") {
  std::string id = sh(dir, "rev-parse " + rev);
  id.erase(id.find_last_not_of('\n') + 1);
  return id;
}

// "A path", "M path", "D path" lines, sorted, as git diff-tree -r prints them.
std::set<std::string> git_changes(const std::string& dir, const std::string& from,
                                  const std::string& to) {
  std::istringstream lines(sh(dir, "diff-tree -r --no-renames --name-status " + from + " " + to));
  std::set<std::string> out;
  for (std::string line; std::getline(lines, line);) {
    const auto tab = line.find('\t');
    out.insert(line.substr(0, tab) + " " + line.substr(tab + 1));
  }
  return out;
}

std::set<std::string> graph_changes(const pmo::git::Graph& graph, const std::string& from,
                                    const std::string& to) {
  std::set<std::string> out;
  for (const auto& c : graph.changes(from, to, [](std::string_view) { return true; })) {
    const char* kind = c.kind == pmo::git::ChangeKind::added      ? "A"
                       : c.kind == pmo::git::ChangeKind::modified ? "M"
                                                                  : "D";
    out.insert(std::string(kind) + " " + c.path);
  }
  return out;
}

} // namespace

TEST_CASE("git graph: changes and paths agree with git, names sorting every which way") {
  TempDir s;
  const std::string& d = s.path();
  sh(d, "init -q -b main .");
  // Names that are prefixes of one another, and files sorting between a directory "a" (sorted
  // as "a/") and its neighbours: "a-b" < "a.b" < "a/" < "a0" < "ab".
  for (const char* path : {"a", "a-b", "a.b", "a0", "ab", "b/x", "b/x.y", "b.txt"})
    write(d, path == std::string("a") ? "a/inner" : path, path);
  // A large directory: one entry changed in the middle, one removed, one added at each end.
  for (int i = 100; i < 400; ++i)
    write(d, "projects/P" + std::to_string(i) + "/project.yaml", "id: P" + std::to_string(i));
  sh(d, "add -A && git -c user.name=T -c user.email=t@example.com commit -q -m one");
  const std::string one = head(d);

  write(d, "projects/P250/project.yaml", "id: P250\nchanged: true");
  fs::remove_all(d + "/projects/P300");
  write(d, "projects/P000/project.yaml", "first");
  write(d, "projects/P999/decisions/x.yaml", "last");
  write(d, "a.b", "changed");
  write(d, "a/inner2", "new");
  fs::remove(d + "/a0");
  write(d, "b/x", "changed");
  sh(d, "add -A && git -c user.name=T -c user.email=t@example.com commit -q -m two");
  const std::string two = head(d);

  auto repo = pmo::git::Repository::discover(d);
  REQUIRE(repo);
  pmo::git::Graph graph(*repo);

  const auto expected = git_changes(d, one, two);
  CHECK(expected.size() == 8);
  CHECK(graph_changes(graph, one, two) == expected);
  CHECK(graph_changes(graph, two, one) == git_changes(d, two, one));
  CHECK(graph_changes(graph, one, one).empty());
  // From the empty tree: every file added.
  const auto all = graph_changes(graph, "", two);
  CHECK(all.size() == std::set<std::string>(all).size());
  CHECK(all.count("A projects/P999/decisions/x.yaml") == 1);
  CHECK(all.count("A a/inner") == 1);

  // Every path, file or directory, resolves to what git says; absent ones to "".
  for (const char* path :
       {"a", "a/inner", "a-b", "a.b", "ab", "b", "b/x", "b/x.y", "b.txt", "projects",
        "projects/P250/project.yaml", "projects/P399", "projects/P999/decisions/x.yaml"}) {
    std::string id = sh(d, std::string("rev-parse ") + two + ":" + path);
    id.erase(id.find_last_not_of('\n') + 1);
    CHECK_MESSAGE(graph.entry_id(two, path) == id, std::string(path));
  }
  for (const char* absent : {"a0", "projects/P300", "projects/P2", "zzz", "a.b/x", "A"})
    CHECK_MESSAGE(graph.entry_id(two, absent).empty(), std::string(absent));

  // A directory's files (not its subdirectories).
  const auto listed = graph.list(two, "b");
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].first == "x");
  CHECK(listed[1].first == "x.y");
  CHECK(graph.list(two, "nothing").empty());
}

TEST_CASE("git graph: a range and its merge base agree with git, also for a commit dated before "
          "its parent and through a merge") {
  TempDir tmp;
  const std::string dir = tmp / "repo";
  sh(tmp.path(), "init -q -b main repo");
  auto commit = [&](const std::string& file, const std::string& date) {
    write(dir, file, file + date + "\n");
    sh(dir, "add -A && GIT_AUTHOR_DATE='" + date + "' GIT_COMMITTER_DATE='" + date +
                "' git -c user.name=T -c user.email=t@example.com commit -qm " + file);
    return head(dir);
  };
  // Forty commits dated in 2027, then one dated in 2026 (a clock behind, as in the benchmark).
  for (int i = 0; i < 40; ++i)
    commit("f" + std::to_string(i), "2027-01-01T00:00:" + std::to_string(10 + i) + "Z");
  const std::string before = head(dir);
  const std::string late = commit("pr", "2026-12-06T00:00:00Z");
  auto repo = pmo::git::Repository::discover(dir);
  REQUIRE(repo.has_value());
  const pmo::git::Graph graph(*repo);
  auto git_range = [&](const std::string& from, const std::string& to) {
    std::istringstream lines(sh(dir, "rev-list --topo-order --reverse " + from + ".." + to));
    std::vector<std::string> out;
    for (std::string line; std::getline(lines, line);)
      out.push_back(line);
    return out;
  };

  CHECK(graph.merge_base(before, late) == before);
  CHECK(graph.merge_base(late, before) == before);
  CHECK(graph.merge_base(late, late) == late);
  CHECK(graph.commits(late, {before}) == std::vector<std::string>{late});
  CHECK(graph.commits(late, {head(dir, "HEAD~5")}) == git_range("HEAD~5", "HEAD"));
  CHECK(graph.commits(late, {late}).empty());

  // A side branch merged in: the range holds the merge and the side's commits, as git lists
  // them, and the merge base of the side with HEAD is where it forked.
  sh(dir, "checkout -q -b side HEAD~3");
  const std::string side = commit("side", "2027-02-01T00:00:00Z");
  sh(dir, "checkout -q main && git -c user.name=T -c user.email=t@example.com merge -q "
          "--no-edit side");
  const std::string merged = head(dir);
  CHECK(graph.merge_base(side, late) == head(dir, "HEAD~4"));
  CHECK(graph.merge_base(late, merged) == late);
  const auto range = graph.commits(merged, {before});
  CHECK(std::set<std::string>(range.begin(), range.end()) ==
        std::set<std::string>{late, side, merged});
  CHECK(range.back() == merged);
  CHECK(graph.commits(merged, {late}) == git_range(late, merged));
}
