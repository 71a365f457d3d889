#include <pmo/codec/records.hpp>
#include <pmo/store/loader.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <stdlib.h>

using namespace pmo::model;
using pmo::store::load_portfolio;
using pmo::store::Loaded;
using pmo::store::MemoryStore;

namespace {

const char* const k_person = "name: 李娜\nroles: [finance]\n";
const char* const k_project = "title: 智能客服平台\nsponsor: zhaomin\n";

std::string decision_text(const char* gate, const char* at) {
  return fmt::format("gate: {}\ndecision: approve\nreviewer: lina\nrole: finance\n"
                     "decided_at: {}\n",
                     gate, at);
}

MemoryStore good_store() {
  MemoryStore store;
  store.put("pmo.yaml",
            pmo::codec::encode_office(default_office("PMO", Lang::en, OfficeType::controlling)));
  store.put("people/zhaomin.yaml", "name: 赵敏\nroles: [sponsor]\n");
  store.put("people/lina.yaml", k_person);
  store.put("projects/P2/project.yaml", k_project);
  store.put("projects/P1/project.yaml", k_project);
  store.put("projects/P1/decisions/20261122T093000Z-G1-lina.yaml",
            decision_text("G1", "2026-11-22T09:30:00Z"));
  store.put("projects/P1/decisions/20261121T093000Z-G1-lina.yaml",
            decision_text("G1", "2026-11-21T09:30:00Z"));
  return store;
}

const Finding* find(const Loaded& loaded, const std::string& code, const std::string& file) {
  auto it = std::find_if(loaded.findings.begin(), loaded.findings.end(),
                         [&](const Finding& f) { return f.code == code && f.where.file == file; });
  return it == loaded.findings.end() ? nullptr : &*it;
}

std::string describe(const std::vector<Finding>& findings) {
  std::string all;
  for (const auto& f : findings)
    all += format_finding(f, Lang::en) + "\n";
  return all;
}

} // namespace

TEST_CASE("a well-formed portfolio loads with people, projects and decisions in order") {
  Loaded loaded = load_portfolio(good_store(), Lang::en);
  INFO(describe(loaded.findings));
  CHECK(loaded.findings.empty());
  CHECK(loaded.office_ok);
  const Portfolio& p = loaded.portfolio;
  CHECK(p.office.name == "PMO");
  CHECK(p.office.gates.size() == 4);
  REQUIRE(p.people.size() == 2);
  CHECK(p.people[0].id == "lina");
  CHECK(p.people[0].file == "people/lina.yaml");
  CHECK(p.people[1].id == "zhaomin");
  REQUIRE(p.projects.size() == 2);
  CHECK(p.projects[0].id == "P1");
  CHECK(p.projects[0].file == "projects/P1/project.yaml");
  CHECK(p.projects[1].id == "P2");
  REQUIRE(p.decisions.size() == 2);
  CHECK(p.decisions[0].project == "P1");
  CHECK(p.decisions[0].file == "projects/P1/decisions/20261121T093000Z-G1-lina.yaml");
  CHECK(p.decisions[1].file == "projects/P1/decisions/20261122T093000Z-G1-lina.yaml");
}

TEST_CASE("a missing pmo.yaml is an error and the office is not ok") {
  MemoryStore store;
  store.put("people/lina.yaml", k_person);
  Loaded loaded = load_portfolio(store, Lang::en);
  CHECK_FALSE(loaded.office_ok);
  const Finding* f = find(loaded, "missing-office", "pmo.yaml");
  REQUIRE(f);
  CHECK(f->severity == Severity::error);
  CHECK(loaded.portfolio.people.size() == 1); // the rest still loads
}

TEST_CASE("a pmo.yaml that does not decode leaves the office not ok") {
  MemoryStore store;
  store.put("pmo.yaml", "office: {name: x, type: strict}\n");
  Loaded loaded = load_portfolio(store, Lang::en);
  CHECK_FALSE(loaded.office_ok);
  const Finding* f = find(loaded, "bad-value", "pmo.yaml");
  REQUIRE(f);
  CHECK(f->where.line == 1);
}

TEST_CASE("a record that does not decode is left out and reported at its place") {
  MemoryStore store = good_store();
  store.put("people/bad.yaml", "name: x\nroles: [finance]\nroles: [legal]\n");
  store.put("projects/P3/project.yaml", "title: [not text]\n");
  store.put("projects/P3/decisions/20261121T093000Z-G1-lina.yaml",
            decision_text("G1", "2026-11-21T09:30:00Z"));
  store.put("projects/P1/decisions/20261123T093000Z-G1-lina.yaml", "gate: G1\n");
  Loaded loaded = load_portfolio(store, Lang::en);
  CHECK(loaded.portfolio.people.size() == 2);
  CHECK(loaded.portfolio.projects.size() == 2);
  // The decision of P3 is well-formed but its project did not load; the bad P1 one is out.
  CHECK(loaded.portfolio.decisions.size() == 2);
  const Finding* dup = find(loaded, "yaml-duplicate-key", "people/bad.yaml");
  REQUIRE(dup);
  CHECK(dup->where.line == 3);
  CHECK(find(loaded, "wrong-type", "projects/P3/project.yaml"));
  CHECK(find(loaded, "missing-field", "projects/P1/decisions/20261123T093000Z-G1-lina.yaml"));
}

TEST_CASE("unexpected files under people and projects are warnings") {
  MemoryStore store = good_store();
  store.put("people/README.md", "# people");
  store.put("people/old/x.yaml", "name: x\nroles: [a]\n");
  store.put("people/.gitkeep", "");
  store.put("projects/notes.txt", "");
  store.put("projects/P1/notes.md", "");
  store.put("projects/P1/decisions/draft.txt", "");
  store.put("projects/P1/decisions/.gitkeep", "");
  store.put("README.md", "not under people or projects");
  Loaded loaded = load_portfolio(store, Lang::en);
  INFO(describe(loaded.findings));
  CHECK_FALSE(has_errors(loaded.findings));
  CHECK(loaded.findings.size() == 5);
  for (const char* file : {"people/README.md", "people/old", "projects/notes.txt",
                           "projects/P1/notes.md", "projects/P1/decisions/draft.txt"}) {
    CAPTURE(file);
    const Finding* f = find(loaded, "unexpected-entry", file);
    REQUIRE(f);
    CHECK(f->severity == Severity::warning);
  }
  CHECK(loaded.portfolio.people.size() == 2);
}

TEST_CASE("a file name that is not a valid id is an error") {
  MemoryStore store = good_store();
  store.put("people/Li Na.yaml", k_person);
  store.put("projects/-P9/project.yaml", k_project);
  Loaded loaded = load_portfolio(store, Lang::en);
  CHECK(find(loaded, "bad-id", "people/Li Na.yaml"));
  CHECK(find(loaded, "bad-id", "projects/-P9"));
  CHECK(loaded.portfolio.people.size() == 2);
  CHECK(loaded.portfolio.projects.size() == 2);
}

TEST_CASE("ids no Windows checkout could hold are errors: device names and a trailing dot") {
  MemoryStore store = good_store();
  store.put("people/CON.yaml", k_person);
  store.put("people/x..yaml", k_person); // the id "x."
  store.put("projects/nul/project.yaml", k_project);
  store.put("projects/Lpt1.x/project.yaml", k_project);
  Loaded loaded = load_portfolio(store, Lang::en);
  INFO(describe(loaded.findings));
  const Finding* con = find(loaded, "bad-id", "people/CON.yaml");
  REQUIRE(con);
  CHECK(con->message.find("Windows reserves") != std::string::npos);
  CHECK(find(loaded, "bad-id", "people/x..yaml"));
  CHECK(find(loaded, "bad-id", "projects/nul"));
  CHECK(find(loaded, "bad-id", "projects/Lpt1.x"));
  CHECK(loaded.portfolio.people.size() == 2);
  CHECK(loaded.portfolio.projects.size() == 2);
}

TEST_CASE("names that differ only in case are an error naming both") {
  MemoryStore store = good_store();
  const char* const risk = "description: a\nprobability: 2\nimpact: 2\nowner: lina\n"
                           "response: mitigate\nstatus: open\n";
  const char* const report = "percent_complete: 1\nactual_cost: 1\n";
  store.put("people/LINA.yaml", k_person);
  store.put("projects/p1/project.yaml", k_project);
  store.put("projects/P1/risks/R-k3x9q.yaml", risk);
  store.put("projects/P1/risks/r-K3X9Q.yaml", risk);
  store.put("projects/P1/status/2026-W47.yaml", report);
  store.put("projects/P1/status/2026-w47.yaml", report);
  Loaded loaded = load_portfolio(store, Lang::en);
  INFO(describe(loaded.findings));
  // Each pair once, at the name that sorts second, naming the first.
  const Finding* people = find(loaded, "case-collision", "people/lina.yaml");
  REQUIRE(people);
  CHECK(people->severity == Severity::error);
  CHECK(people->message ==
        "'lina.yaml' and 'LINA.yaml' in people/ differ only in case: a checkout on Windows or "
        "macOS holds only one of them; rename or remove one");
  CHECK_FALSE(find(loaded, "case-collision", "people/LINA.yaml"));
  CHECK(find(loaded, "case-collision", "projects/p1"));
  CHECK(find(loaded, "case-collision", "projects/P1/risks/r-K3X9Q.yaml"));
  CHECK(find(loaded, "case-collision", "projects/P1/status/2026-w47.yaml"));
  CHECK(std::count_if(loaded.findings.begin(), loaded.findings.end(),
                      [](const Finding& f) { return f.code == "case-collision"; }) == 4);
}

TEST_CASE("names that differ in more than case are not a collision") {
  MemoryStore store = good_store();
  store.put("people/lina2.yaml", k_person);
  store.put("people/Lin.yaml", k_person);
  Loaded loaded = load_portfolio(store, Lang::en);
  CHECK_FALSE(find(loaded, "case-collision", "people/lina2.yaml"));
  CHECK_FALSE(find(loaded, "case-collision", "people/Lin.yaml"));
}

TEST_CASE("a project directory without project.yaml is an error") {
  MemoryStore store = good_store();
  store.put("projects/P3/decisions/20261121T093000Z-G1-lina.yaml",
            decision_text("G1", "2026-11-21T09:30:00Z"));
  Loaded loaded = load_portfolio(store, Lang::en);
  CHECK(find(loaded, "missing-project", "projects/P3/project.yaml"));
  CHECK(loaded.portfolio.decisions.size() == 2);
}

TEST_CASE("loader messages follow the language") {
  MemoryStore store;
  Loaded en = load_portfolio(store, Lang::en);
  Loaded zh = load_portfolio(store, Lang::zh);
  REQUIRE(en.findings.size() == 1);
  REQUIRE(zh.findings.size() == 1);
  CHECK(zh.findings[0].message.find("缺少") != std::string::npos);
  CHECK(en.findings[0].message != zh.findings[0].message);
}

TEST_CASE("a symbolic link in a portfolio on disk becomes a finding, not an exception") {
  namespace fs = std::filesystem;
  std::string pattern = (fs::temp_directory_path() / "pmo-loader-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()));
  const fs::path root = pattern;
  struct Cleanup {
    fs::path path;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(path, ec);
    }
  } cleanup{root};
  fs::create_directories(root / "people");
  std::ofstream{root / "pmo.yaml"}
      << pmo::codec::encode_office(default_office("PMO", Lang::zh, OfficeType::controlling));
  std::ofstream{root / "people/lina.yaml"} << k_person;
  fs::create_symlink(root / "people/lina.yaml", root / "people/alias.yaml");
  fs::create_directory_symlink(root / "people", root / "projects");

  pmo::store::FsStore store{root.string()};
  Loaded loaded = load_portfolio(store, Lang::zh);
  INFO(describe(loaded.findings));
  CHECK(loaded.office_ok);
  const Finding* link = find(loaded, "symlink", "people/alias.yaml");
  REQUIRE(link);
  CHECK(link->message.find("符号链接") != std::string::npos);
  CHECK(find(loaded, "symlink", "projects"));
  REQUIRE(loaded.portfolio.people.size() == 1);
  CHECK(loaded.portfolio.people[0].id == "lina");
  CHECK(loaded.portfolio.projects.empty());
}

namespace {

// A store that, like the git tree store, may not be read from several threads.
class OneThreadStore final : public pmo::store::Store {
public:
  explicit OneThreadStore(const MemoryStore& inner) : m_inner(inner) {}
  std::optional<std::string> read(const std::string& path) const override {
    return m_inner.read(path);
  }
  std::vector<std::string> list(const std::string& dir) const override { return m_inner.list(dir); }
  bool is_dir(const std::string& path) const override { return m_inner.is_dir(path); }

private:
  const MemoryStore& m_inner;
};

} // namespace

TEST_CASE("a load on several threads gives the findings and records of a load on one") {
  MemoryStore store = good_store();
  for (int i = 0; i < 200; ++i) {
    const std::string id = fmt::format("Q{:03}", i);
    store.put("projects/" + id + "/project.yaml", i % 7 == 0 ? "title: [broken\n" : k_project);
    store.put("projects/" + id + "/decisions/20261121T093000Z-G1-lina.yaml",
              i % 5 == 0 ? "gate: G1\ngate: G1\n" : decision_text("G1", "2026-11-21T09:30:00Z"));
    if (i % 11 == 0)
      store.put("projects/" + id + "/stray.txt", "x");
    if (i % 13 == 0)
      store.put("people/" + id + ".txt", "x");
  }
  Loaded many = load_portfolio(store, Lang::en);
  Loaded one = load_portfolio(OneThreadStore(store), Lang::en);
  CHECK(describe(many.findings) == describe(one.findings));
  CHECK(many.findings.size() > 40);
  REQUIRE(many.portfolio.projects.size() == one.portfolio.projects.size());
  for (std::size_t i = 0; i < many.portfolio.projects.size(); ++i)
    CHECK(many.portfolio.projects[i].id == one.portfolio.projects[i].id);
  REQUIRE(many.portfolio.decisions.size() == one.portfolio.decisions.size());
  for (std::size_t i = 0; i < many.portfolio.decisions.size(); ++i)
    CHECK(many.portfolio.decisions[i].file == one.portfolio.decisions[i].file);
  // In the order of the files: Q000's findings come before Q005's.
  const auto first_of = [&](const std::string& prefix) {
    return std::find_if(many.findings.begin(), many.findings.end(),
                        [&](const Finding& f) { return f.where.file.starts_with(prefix); });
  };
  CHECK(first_of("projects/Q000/") < first_of("projects/Q005/"));
}

TEST_CASE("load_project reads the office, the people and one project only") {
  MemoryStore store = good_store();
  store.put("projects/P2/decisions/bad.yaml", "gate: [\n");
  Loaded loaded = pmo::store::load_project(store, Lang::en, "P1");
  INFO(describe(loaded.findings));
  CHECK(loaded.findings.empty());
  CHECK(loaded.office_ok);
  CHECK(loaded.portfolio.people.size() == 2);
  REQUIRE(loaded.portfolio.projects.size() == 1);
  CHECK(loaded.portfolio.projects[0].id == "P1");
  CHECK(loaded.portfolio.decisions.size() == 2);

  CHECK(pmo::store::load_project(store, Lang::en, "P2").findings.size() == 1);
  CHECK(pmo::store::load_project(store, Lang::en, "P9").portfolio.projects.empty());
  CHECK(pmo::store::load_project(store, Lang::en, "../P1").portfolio.projects.empty());
}

TEST_CASE("load_scope with project texts read ahead is load_scope without them, whatever they "
          "lack") {
  MemoryStore store = good_store();
  store.put("projects/P3/project.yaml",
            std::string(k_project) + "depends_on:\n  - {project: P1, milestone: 上线}\n");
  store.put("projects/P4/project.yaml", k_project);
  const std::set<std::string> changed{"P1"};
  const pmo::store::Scope alone = pmo::store::load_scope(store, Lang::en, changed, {});
  INFO(describe(alone.loaded.findings));
  // P3 depends on P1; every project shares zhaomin, their sponsor, but not an assigned person.
  CHECK(alone.shown == std::set<std::string>{"P1", "P3"});

  auto same = [&](const pmo::store::Scope& scope) {
    CHECK(scope.shown == alone.shown);
    CHECK(describe(scope.loaded.findings) == describe(alone.loaded.findings));
    REQUIRE(scope.loaded.portfolio.projects.size() == alone.loaded.portfolio.projects.size());
    for (std::size_t i = 0; i < alone.loaded.portfolio.projects.size(); ++i)
      CHECK(scope.loaded.portfolio.projects[i].id == alone.loaded.portfolio.projects[i].id);
  };
  SUBCASE("read ahead from the same files") {
    pmo::store::ProjectTexts ahead(store);
    same(pmo::store::load_scope(store, Lang::en, changed, {}, &ahead));
    REQUIRE(ahead.text("P3"));
    CHECK(*ahead.text("P3") == *store.read("projects/P3/project.yaml"));
    CHECK_FALSE(ahead.text("P9"));
    // A second load (another language, as validate does) takes them again.
    same(pmo::store::load_scope(store, Lang::en, changed, {}, &ahead));
  }
  SUBCASE("read ahead before P3 was there: its text is read by load_scope") {
    MemoryStore before = good_store();
    pmo::store::ProjectTexts ahead(before);
    same(pmo::store::load_scope(store, Lang::en, changed, {}, &ahead));
    CHECK(ahead.text("P1"));
    CHECK_FALSE(ahead.text("P3"));
  }
  SUBCASE("made and dropped unused: it stops and waits for its thread") {
    pmo::store::ProjectTexts ahead(store);
  }
}
