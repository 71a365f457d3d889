#pragma once
// Loads the whole portfolio from a Store through the codec, collecting every finding.

#include <pmo/model/records.hpp>
#include <pmo/store/store.hpp>

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace pmo::store {

struct Loaded {
  model::Portfolio portfolio;
  std::vector<model::Finding> findings; // syntax and schema findings, per file
  bool office_ok = false;               // pmo.yaml was read and decoded without error
};

// Reads pmo.yaml, people/*.yaml, projects/*/project.yaml, projects/*/decisions/*.yaml.
// Files that fail to decode are left out of the portfolio and reported in findings.
// Unexpected files and directories under people/ and projects/ are reported as warnings.
// Files are read and decoded on several threads when the store allows it; the result (findings
// included, in order) is the same as reading them one by one.
Loaded load_portfolio(const Store& store, model::Lang lang);

// The same, but of the projects only `project`: pmo.yaml, people/ and projects/<project>/, for
// commands about one project, and the projects it depends on (its depends_on, not theirs): a
// gate decision looks at where they stand. An invalid id or a missing directory loads no project.
Loaded load_project(const Store& store, model::Lang lang, const std::string& project);

// What `validate --changed-since` checks: the projects `changed` (ids; a project deleted is
// named too), every project that depends on one of them through depends_on (at any distance),
// and every project that shares an assigned person with one of them as they are now or as they
// were (`also_people`): `shown`, whose findings are those of a full check. Loaded with them,
// so that those findings are exact: everything a shown project depends on (at any distance) and
// every project that shares a person with a shown one. pmo.yaml and people/ are read whole,
// projects/ is listed (its problems reported), and every project.yaml is read as text to find
// who names a project or a person; only those that may are decoded.
struct Scope {
  Loaded loaded;
  std::set<std::string> shown;
};
class ProjectTexts;
// `ahead`, when given, holds the texts of project.yaml read ahead; those it lacks are read here.
Scope load_scope(const Store& store, model::Lang lang, const std::set<std::string>& changed,
                 const std::set<std::string>& also_people, ProjectTexts* ahead = nullptr);

// Every project's project.yaml as text, read ahead of load_scope, which searches them for who
// names what: made before the caller works out what changed (a walk of the index and the working
// tree), it reads on a thread of its own meanwhile. load_scope (finish) then reads what is left on
// the machine's threads. `store` must outlive it; one that may not be read from several threads is
// not read ahead. Nothing it finds is reported: load_scope lists projects/ and reads again what
// fails.
class ProjectTexts {
public:
  explicit ProjectTexts(const Store& store);
  ~ProjectTexts(); // stops reading, and waits for the thread
  ProjectTexts(const ProjectTexts&) = delete;
  ProjectTexts& operator=(const ProjectTexts&) = delete;

  // Reads what is left on the calling thread and helpers (up to 8 threads in all), then waits
  // until every text is read.
  void finish();
  // The text of projects/<id>/project.yaml, once finished; null when it was not read ahead
  // (not a directory listed then, or unreadable).
  const std::string* text(const std::string& id) const;

private:
  void read_next();

  const Store& m_store;
  std::vector<std::string> m_ids; // sorted, as listed
  std::vector<std::string> m_texts;
  std::vector<unsigned char> m_read; // whether m_texts[i] was read
  std::atomic<std::size_t> m_next{0};
  std::atomic<bool> m_stop{false};
  std::atomic<bool> m_listed{false};
  std::thread m_thread;
};

// pmo.yaml and people/ only, for writes about the office. With `project_ids`, also one Project
// per directory of projects/ with nothing but its id set (its files are not read): enough to
// tell whether an id is taken.
Loaded load_office(const Store& store, model::Lang lang, bool project_ids);

} // namespace pmo::store
