// The write use case (pmo::write::run) against throwaway repositories made with libgit2, checked
// with the real git command.

#include "temp_dir.hpp"

#include <pmo/git/repo.hpp>
#include <pmo/write/writer.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace {

using pmo::test::TempDir;

namespace fs = std::filesystem;
using pmo::git::Repository;
using pmo::git::Signature;
using pmo::write::Plan;
using pmo::write::Request;
using pmo::write::Scope;
using pmo::write::WriteError;

// The real git in `repo`, independent of the machine's configuration; stdout and stderr.
std::string git(const TempDir& home, const std::string& repo, const std::string& args) {
  const std::string command = "GIT_CONFIG_NOSYSTEM=1 HOME='" + home.path() +
                              "' GIT_COMMITTER_DATE=@1790000000 GIT_AUTHOR_DATE=@1790000000 "
                              "git -c user.name=Tester -c user.email=tester@example.com -C '" +
                              repo + "' " + args + " 2>&1";
  std::FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
    output.append(buffer, n);
  }
  ::pclose(pipe);
  while (!output.empty() && output.back() == '\n') {
    output.pop_back();
  }
  return output;
}

pmo::model::Timestamp at(long long seconds) {
  return pmo::model::Timestamp(std::chrono::seconds(seconds));
}

constexpr long long k_base = 1'790'000'000;

Signature person(long long when = k_base) {
  return Signature{"Lina", "lina@example.com", at(when)};
}

// A repository with one commit holding pmo.yaml and people/lina.yaml.
struct Fixture {
  TempDir tmp;
  std::string dir = tmp / "repo";
  Repository repo = Repository::init(dir);
  std::string first;

  Fixture() {
    first =
        *repo.commit("", {{"pmo.yaml", "office:\n  name: Test\n"}, {"people/lina.yaml", "x: 1\n"}},
                     person(), person(), "pmo: init\n\nPmo-Action: init\n");
  }

  Request request(std::function<Plan(const pmo::store::Loaded&)> build,
                  long long now = k_base + 60) {
    Request r;
    r.scope = Scope::office_only();
    r.now = at(now);
    r.committer = person(now);
    r.build = std::move(build);
    return r;
  }
};

Plan plan_of(std::string path, std::string content, std::vector<std::string> clean = {}) {
  Plan plan;
  plan.files.push_back({std::move(path), std::move(content)});
  plan.must_be_clean = std::move(clean);
  plan.author = person(k_base + 60);
  plan.message = "pmo: write\n\nPmo-Action: test\n";
  return plan;
}

} // namespace

TEST_CASE("write: one commit on HEAD, and the index and working tree match it") {
  Fixture f;
  int builds = 0;
  const std::string id = pmo::write::run(f.repo, f.request([&](const pmo::store::Loaded& head) {
    ++builds;
    CHECK(head.portfolio.projects.empty()); // the office only
    return plan_of("notes/a.txt", "hello\n");
  }));
  CHECK(builds == 1);
  CHECK(f.repo.head_id() == id);
  CHECK(git(f.tmp, f.dir, "rev-parse HEAD^") == f.first);
  CHECK(git(f.tmp, f.dir, "show HEAD:notes/a.txt") == "hello");
  CHECK(git(f.tmp, f.dir, "status --porcelain").empty());
  CHECK(git(f.tmp, f.dir, "diff-files --name-only").empty()); // stat data right: no re-read
  CHECK(!fs::exists(f.dir + "/.git/index.lock"));
}

TEST_CASE("write: a dirty path the plan depends on refuses the write, and nothing is committed") {
  Fixture f;
  std::ofstream(f.dir + "/people/lina.yaml") << "x: 2\n";
  try {
    (void)pmo::write::run(f.repo, f.request([&](const pmo::store::Loaded&) {
      return plan_of("notes/a.txt", "hello\n", {"people/lina.yaml"});
    }));
    FAIL("no refusal");
  } catch (const WriteError& error) {
    CHECK(error.category() == WriteError::Category::findings);
    CHECK(std::string(error.what()).find("people/lina.yaml") != std::string::npos);
  }
  CHECK(f.repo.head_id() == f.first);
  CHECK(!fs::exists(f.dir + "/notes/a.txt"));
  CHECK(!fs::exists(f.dir + "/.git/index.lock"));
}

TEST_CASE("write: when HEAD moves during the plan, the write plans again on the new HEAD") {
  Fixture f;
  int builds = 0;
  std::string other;
  const std::string id = pmo::write::run(f.repo, f.request([&](const pmo::store::Loaded&) {
    if (++builds == 1) {
      // Another writer moves the branch without the index (as a fetch or update-ref would).
      other = git(f.tmp, f.dir, "commit-tree HEAD^{tree} -p HEAD -m other");
      git(f.tmp, f.dir, "update-ref refs/heads/main " + other);
    }
    return plan_of("notes/a.txt", "hello\n");
  }));
  CHECK(builds == 2);
  CHECK(git(f.tmp, f.dir, "rev-parse HEAD") == id);
  CHECK(git(f.tmp, f.dir, "rev-parse HEAD^") == other); // the other writer's commit is kept
  CHECK(git(f.tmp, f.dir, "status --porcelain").empty());
}

TEST_CASE("write: a record the reader would refuse is never committed") {
  Fixture f;
  for (const std::string& content :
       {std::string("name: [unclosed\n"), std::string(4 * 1024 * 1024 + 1, 'x')}) {
    try {
      (void)pmo::write::run(f.repo, f.request([&](const pmo::store::Loaded&) {
        return plan_of("people/bad.yaml", content);
      }));
      FAIL("no refusal");
    } catch (const WriteError& error) {
      CHECK(error.category() == WriteError::Category::findings);
      REQUIRE(!error.findings().empty());
      CHECK(error.findings().front().where.file == "people/bad.yaml");
    }
    CHECK(f.repo.head_id() == f.first);
  }
}

TEST_CASE("write: a clock behind HEAD's commit time is refused, naming both times") {
  Fixture f;
  try {
    (void)pmo::write::run(
        f.repo,
        f.request([&](const pmo::store::Loaded&) { return plan_of("notes/a.txt", "hello\n"); },
                  k_base - 3600));
    FAIL("no refusal");
  } catch (const WriteError& error) {
    CHECK(error.category() == WriteError::Category::environment);
    const std::string message = error.what();
    CHECK(message.find(pmo::model::format_timestamp(at(k_base - 3600))) != std::string::npos);
    CHECK(message.find(pmo::model::format_timestamp(at(k_base))) != std::string::npos);
    CHECK(message.find("PMO_NOW") != std::string::npos);
  }
  CHECK(f.repo.head_id() == f.first);
}

TEST_CASE("write: git's index.lock is held for the whole write, and a held one is waited for") {
  Fixture f;
  bool held_during_plan = false;
  (void)pmo::write::run(f.repo, f.request([&](const pmo::store::Loaded&) {
    held_during_plan = fs::exists(f.dir + "/.git/index.lock");
    return plan_of("notes/a.txt", "hello\n");
  }));
  CHECK(held_during_plan);
  // A git holding index.lock: the write waits, then fails naming the lock file.
  std::ofstream(f.dir + "/.git/index.lock") << "";
  try {
    auto lock = f.repo.lock_for_write(1000, 100);
    FAIL("no refusal");
  } catch (const pmo::git::GitError& error) {
    CHECK(std::string(error.what()).find(f.dir + "/.git/index.lock") != std::string::npos);
  }
  fs::remove(f.dir + "/.git/index.lock");
}
