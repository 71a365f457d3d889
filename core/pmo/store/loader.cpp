#include <pmo/codec/kinds.hpp>
#include <pmo/model/ids.hpp>
#include <pmo/model/period.hpp>
#include <pmo/store/loader.hpp>

#include <algorithm>
#include <atomic>
#include <deque>
#include <exception>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <tuple>

namespace pmo::store {

namespace {

using model::Finding;
using model::Lang;
using model::pick;
using model::Severity;
using model::tr;

// Placeholder files that keep an empty directory in git.
bool is_placeholder(const std::string& name) { return name == ".gitkeep"; }

// A decision file name: "<stamp>-<gate>-<person>.yaml", checked loosely: a safe name ending in
// ".yaml".
bool is_decision_file_name(const std::string& name) {
  if (name.size() <= 5 || name.size() > 255 || !name.ends_with(".yaml") ||
      name.find("..") != std::string::npos)
    return false;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(name.front()))
    return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return alnum(c) || c == '.' || c == '_' || c == '-'; });
}

// A store refusal, in the user's language (the store itself writes English). The finding
// names the file, so the message does not repeat it.
Finding translate(Finding finding, Lang lang) {
  std::string detail = finding.message;
  const std::string prefix = finding.where.file + ": ";
  if (detail.starts_with(prefix))
    detail.erase(0, prefix.size());
  const std::string& code = finding.code;
  if (lang == Lang::en)
    finding.message = detail;
  else if (code == "symlink")
    finding.message = "是符号链接；pmo 不跟随符号链接";
  else if (code == "file-too-large")
    finding.message = "超过记录允许的大小";
  else if (code == "not-a-file")
    finding.message = "不是普通文件";
  else if (code == "unsafe-path")
    finding.message = "不是仓库内的安全路径";
  else
    finding.message = "无法读取（" + detail + "）";
  return finding;
}

class Loading {
public:
  Loading(const Store& store, Lang lang, Loaded& out) : m_store(store), m_lang(lang), m_out(out) {}

  // Loads everything (or, with `only_project`, pmo.yaml, people/ and that one project).
  void run(const std::optional<std::string>& only_project) {
    office();
    people();
    if (only_project)
      one_project(*only_project);
    else
      projects();
    run_units();
    if (only_project)
      needed_projects(*only_project);
    auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };
    std::sort(m_out.portfolio.people.begin(), m_out.portfolio.people.end(), by_id);
    std::sort(m_out.portfolio.projects.begin(), m_out.portfolio.projects.end(), by_id);
    m_out.portfolio.sort_records();
  }

  // pmo.yaml and people/ only; with `project_ids`, one Project per directory of projects/
  // holding only its id (nothing of projects/ is read but the listing).
  void run_office(bool project_ids) {
    office();
    people();
    run_units();
    if (project_ids)
      for (const Entry& entry : entries("projects"))
        if (!is_placeholder(entry.name)) {
          model::Project project;
          project.id = entry.name;
          m_out.portfolio.projects.push_back(std::move(project));
        }
    auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };
    std::sort(m_out.portfolio.people.begin(), m_out.portfolio.people.end(), by_id);
    std::sort(m_out.portfolio.projects.begin(), m_out.portfolio.projects.end(), by_id);
    m_out.portfolio.sort_records();
  }

  // pmo.yaml, people/, the listing of projects/, and the projects a check of `changed` needs
  // (see load_scope). Every project.yaml is read as text once, to find who names what.
  void run_scope(const std::set<std::string>& changed, const std::set<std::string>& also_people,
                 ProjectTexts* ahead, std::set<std::string>& shown) {
    office();
    people();
    std::vector<std::string> ids;
    projects(&ids);
    run_units();
    // Each project's text: read ahead (here, when the caller did not), or read now (a project
    // listed since, or a store that may not be read from several threads).
    std::optional<ProjectTexts> own;
    if (!ahead)
      ahead = &own.emplace(m_store);
    ahead->finish();
    std::vector<std::string_view> texts(ids.size());
    std::deque<std::string> read_now;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (const std::string* text = ahead->text(ids[i])) {
        texts[i] = *text;
        continue;
      }
      try {
        if (auto text = m_store.read("projects/" + ids[i] + "/project.yaml"))
          texts[i] = read_now.emplace_back(std::move(*text));
      } catch (const StoreError&) {
        // "": its loading reports it
      }
    }
    std::set<std::string> loaded;
    auto load = [&](const std::set<std::string>& wanted) {
      for (const auto& id : wanted)
        if (loaded.insert(id).second)
          one_project(id);
      run_units();
    };
    // The projects whose project.yaml could name one of `needles` (an id or a person): the
    // needle as a whole token, or any backslash (a double-quoted escape could spell it).
    auto naming = [&](const std::set<std::string>& needles) {
      std::set<std::string> found;
      if (needles.empty())
        return found;
      for (std::size_t i = 0; i < ids.size(); ++i)
        if (!loaded.contains(ids[i]) && names_any(texts[i], needles))
          found.insert(ids[i]);
      return found;
    };
    auto project = [&](const std::string& id) -> const model::Project* {
      for (const auto& p : m_out.portfolio.projects)
        if (p.id == id)
          return &p;
      return nullptr;
    };
    auto people_of = [&](const std::set<std::string>& of) {
      std::set<std::string> out;
      for (const auto& id : of)
        if (const model::Project* p = project(id))
          for (const auto& a : p->assignments)
            out.insert(a.person);
      return out;
    };

    shown = changed;
    load(changed);
    // What depends on a change, through depends_on, at any distance.
    for (std::set<std::string> frontier = changed; !frontier.empty();) {
      load(naming(frontier));
      std::set<std::string> next;
      for (const auto& p : m_out.portfolio.projects)
        if (!shown.contains(p.id))
          for (const auto& d : p.depends_on)
            if (frontier.contains(d.project))
              next.insert(p.id);
      shown.insert(next.begin(), next.end());
      frontier = std::move(next);
    }
    // Who shares a person with a change (as the projects are now, or were: `also_people`).
    std::set<std::string> people = people_of(changed);
    people.insert(also_people.begin(), also_people.end());
    load(naming(people));
    for (const auto& p : m_out.portfolio.projects)
      for (const auto& a : p.assignments)
        if (people.contains(a.person))
          shown.insert(p.id);
    // The context of what is shown: what it depends on, at any distance (a cycle through it),
    // and every project that shares one of its people.
    for (std::set<std::string> frontier = shown; !frontier.empty();) {
      std::set<std::string> needed;
      for (const auto& id : frontier)
        if (const model::Project* p = project(id))
          for (const auto& d : p->depends_on)
            if (!loaded.contains(d.project))
              needed.insert(d.project);
      load(needed);
      frontier = std::move(needed);
    }
    std::set<std::string> theirs = people_of(shown);
    for (const auto& person : people)
      theirs.erase(person);
    load(naming(theirs));

    auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };
    std::sort(m_out.portfolio.people.begin(), m_out.portfolio.people.end(), by_id);
    std::sort(m_out.portfolio.projects.begin(), m_out.portfolio.projects.end(), by_id);
    m_out.portfolio.sort_records();
  }

private:
  // Whether `text` holds one of `needles` as a whole token (not inside a longer id), or a
  // backslash.
  static bool names_any(std::string_view text, const std::set<std::string>& needles) {
    if (text.find('\\') != std::string::npos)
      return true;
    auto id_char = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '.' || c == '_' || c == '-';
    };
    for (const auto& needle : needles) {
      if (needle.empty())
        continue;
      for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        const std::size_t end = at + needle.size();
        if ((at == 0 || !id_char(text[at - 1])) && (end == text.size() || !id_char(text[end])))
          return true;
      }
    }
    return false;
  }

  void add(Severity severity, const std::string& file, const char* code, std::string message) {
    m_out.findings.push_back(
        Finding{severity, model::Location{file, 0, 0}, code, std::move(message)});
  }

  // The file's text; nullopt when absent (`refused` says whether the store refused it).
  std::optional<std::string> read(const std::string& path, bool& refused) {
    refused = false;
    try {
      return m_store.read(path);
    } catch (const StoreError& e) {
      m_out.findings.push_back(translate(e.finding, m_lang));
      refused = true;
      return std::nullopt;
    }
  }

  // The entries of a directory, each with whether it is a directory; names that differ only in
  // case are reported (case_collisions).
  std::vector<Entry> entries(const std::string& dir) {
    try {
      std::vector<Entry> found = m_store.entries(dir);
      std::vector<std::string> names;
      names.reserve(found.size());
      for (const Entry& entry : found)
        names.push_back(entry.name);
      case_collisions(dir, names);
      return found;
    } catch (const StoreError& e) {
      m_out.findings.push_back(translate(e.finding, m_lang));
      return {};
    }
  }

  // Two entries of one directory whose names differ only in case ("lina.yaml", "LINA.yaml") are
  // one file on Windows and macOS: a checkout there keeps one and shows the other as modified.
  // Each name after the first (in byte order) is an error naming both.
  void case_collisions(const std::string& dir, const std::vector<std::string>& names) {
    if (names.size() < 2)
      return;
    std::vector<std::pair<std::string, const std::string*>> folded; // (lowercase, name)
    folded.reserve(names.size());
    for (const auto& name : names) {
      std::string lower = name;
      for (char& c : lower)
        if (c >= 'A' && c <= 'Z')
          c = static_cast<char>(c - 'A' + 'a');
      folded.emplace_back(std::move(lower), &name);
    }
    std::sort(folded.begin(), folded.end(), [](const auto& a, const auto& b) {
      return std::tie(a.first, *a.second) < std::tie(b.first, *b.second);
    });
    for (std::size_t i = 1, first = 0; i < folded.size(); ++i) {
      if (folded[i].first != folded[first].first) {
        first = i;
        continue;
      }
      const std::string& name = *folded[i].second;
      add(Severity::error, dir + "/" + name, "case-collision",
          tr(m_lang,
             "'{0}' and '{1}' in {2}/ differ only in case: a checkout on Windows or macOS holds "
             "only one of them; rename or remove one",
             "{2}/ 中的“{0}”与“{1}”仅大小写不同：在 Windows 或 macOS 上只能检出其中一个；"
             "请重命名或删除其一",
             name, *folded[first].second, dir));
    }
  }

  bool is_dir(const std::string& path) {
    try {
      return m_store.is_dir(path);
    } catch (const StoreError&) {
      return false;
    }
  }

  void unexpected(const std::string& path, const char* what_en, const char* what_zh) {
    unexpected(path, pick(m_lang, what_en, what_zh));
  }
  void unexpected(const std::string& path, const std::string& what) {
    add(Severity::warning, path, "unexpected-entry",
        tr(m_lang, "unexpected here ({}); ignored", "不应出现在此处（{}）；已忽略", what));
  }

  void office() {
    bool refused = false;
    auto text = read("pmo.yaml", refused);
    if (!text) {
      if (!refused)
        add(Severity::error, "pmo.yaml", "missing-office",
            pick(m_lang, "pmo.yaml is missing: not a portfolio (pmo init creates one)",
                 "缺少 pmo.yaml：这不是项目组合目录（可用 pmo init 创建）"));
      return;
    }
    const codec::RecordKind& kind = codec::record_kind(codec::Place::office);
    m_out.office_ok = kind.decode(*text, codec::RecordPath{"pmo.yaml", {}, {}}, m_lang,
                                  &m_out.portfolio, m_out.findings);
  }

  void people() {
    for (const Entry& entry : entries("people")) {
      const std::string& name = entry.name;
      const std::string path = "people/" + name;
      if (is_placeholder(name))
        continue;
      if (entry.dir) {
        unexpected(path, "a directory; people/ holds one <person-id>.yaml per person",
                   "目录；people/ 中每人一个 <人员标识>.yaml 文件");
        continue;
      }
      if (!name.ends_with(".yaml")) {
        unexpected(path, "not a .yaml file", "不是 .yaml 文件");
        continue;
      }
      const std::string id = name.substr(0, name.size() - 5);
      if (auto problem = model::id_problem(id); problem != model::IdProblem::none) {
        add(Severity::error, path, "bad-id",
            tr(m_lang, "'{}' is not a valid person id: {}", "“{}”不是有效的人员标识：{}", id,
               model::id_problem_text(problem, m_lang)));
        continue;
      }
      defer([path, id](Loading& unit) {
        bool refused = false;
        auto text = unit.read(path, refused);
        if (!text)
          return;
        codec::record_kind(codec::Place::person)
            .decode(*text, codec::RecordPath{path, {}, id}, unit.m_lang, &unit.m_out.portfolio,
                    unit.m_out.findings);
      });
    }
  }

  // Every directory of projects/ (problems with the listing reported); each valid one is loaded
  // unless `ids` is given, which then receives the valid ids instead.
  void projects(std::vector<std::string>* ids = nullptr) {
    for (const Entry& entry : entries("projects")) {
      const std::string& name = entry.name;
      const std::string dir = "projects/" + name;
      if (is_placeholder(name))
        continue;
      if (!entry.dir) {
        unexpected(dir, "projects/ holds one directory per project",
                   "projects/ 中每个项目一个目录");
        continue;
      }
      if (auto problem = model::id_problem(name); problem != model::IdProblem::none) {
        add(Severity::error, dir, "bad-id",
            tr(m_lang, "'{}' is not a valid project id: {}", "“{}”不是有效的项目标识：{}", name,
               model::id_problem_text(problem, m_lang)));
        continue;
      }
      if (ids)
        ids->push_back(name);
      else
        defer([name, dir](Loading& unit) { unit.project(name, dir); });
    }
  }

  // Only projects/<id>/, without listing projects/ (an invalid id or no such directory loads no
  // project; the caller says so).
  void one_project(const std::string& id) {
    const std::string dir = "projects/" + id;
    if (model::is_valid_id(id) && is_dir(dir))
      defer([id, dir](Loading& unit) { unit.project(id, dir); });
  }

  // The projects `id` depends on (depends_on), each once: a gate decision on `id` looks at where
  // they stand. One level only: what they depend on in turn does not change that.
  void needed_projects(const std::string& id) {
    std::vector<std::string> needed;
    for (const auto& p : m_out.portfolio.projects)
      if (p.id == id)
        for (const auto& d : p.depends_on)
          if (d.project != id && std::find(needed.begin(), needed.end(), d.project) == needed.end())
            needed.push_back(d.project);
    if (needed.empty())
      return;
    for (const auto& other : needed)
      one_project(other);
    run_units();
  }

  // Work on one file or one project, run later, maybe on another thread, into its own Loaded;
  // the parts are appended in the order they were deferred, so the result is the same as a
  // single-threaded load, finding for finding.
  void defer(std::function<void(Loading&)> work) {
    m_units.push_back(Unit{std::move(work), m_out.findings.size(), nullptr});
  }

  // Runs the deferred units, on several threads when the store allows it, then appends their
  // findings and records in order.
  void run_units() {
    const std::size_t count = m_units.size();
    const unsigned threads =
        m_store.concurrent_reads() && count >= 2
            ? std::min<unsigned>({std::max(1u, std::thread::hardware_concurrency()), 8u,
                                  static_cast<unsigned>(count)})
            : 1u;
    std::atomic<std::size_t> next{0};
    std::vector<std::exception_ptr> failures(threads);
    auto work = [&](unsigned slot) {
      try {
        for (std::size_t i = next++; i < count; i = next++) {
          Unit& unit = m_units[i];
          unit.out = std::make_unique<Loaded>();
          Loading loading{m_store, m_lang, *unit.out};
          unit.work(loading);
          unit.work = nullptr; // frees what the closure holds
        }
      } catch (...) {
        failures[slot] = std::current_exception();
        next = count; // the others stop too
      }
    };
    if (threads == 1) {
      work(0);
    } else {
      std::vector<std::thread> pool;
      for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(work, t);
      work(0);
      for (auto& thread : pool)
        thread.join();
    }
    for (const auto& failure : failures)
      if (failure)
        std::rethrow_exception(failure);

    // Merge: every list a unit can fill (people, and what project() loads) is appended here.
    std::vector<Finding> direct = std::move(m_out.findings);
    m_out.findings.clear();
    std::size_t taken = 0;
    auto& portfolio = m_out.portfolio;
    // Each list at its final size first: growing it by doubling would hold two copies at once.
    for (const codec::RecordKind& kind : codec::record_kinds()) {
      std::size_t total = kind.count(portfolio);
      for (const Unit& unit : m_units)
        total += kind.count(unit.out->portfolio);
      kind.reserve(portfolio, total);
    }
    for (Unit& unit : m_units) {
      for (; taken < unit.findings_before; ++taken)
        m_out.findings.push_back(std::move(direct[taken]));
      append(m_out.findings, unit.out->findings);
      for (const codec::RecordKind& kind : codec::record_kinds())
        kind.move(unit.out->portfolio, portfolio);
      unit.out.reset(); // frees the part as soon as it is merged
    }
    for (; taken < direct.size(); ++taken)
      m_out.findings.push_back(std::move(direct[taken]));
    m_units.clear();
  }

  template <class T> static void append(std::vector<T>& to, std::vector<T>& from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  }

  // The files of a record directory of the project (`kind.place` is project_records), each
  // decoded into the project's records when the project itself loaded.
  void records(const codec::RecordKind& kind, const std::string& project, const std::string& dir,
               bool loaded) {
    for (const Entry& entry : entries(dir)) {
      const std::string& name = entry.name;
      const std::string path = dir + "/" + name;
      if (is_placeholder(name))
        continue;
      if (kind.naming == codec::Naming::decision) {
        if (entry.dir) {
          unexpected(path, "a directory; decisions/ holds one .yaml file per decision",
                     "目录；decisions/ 中每个决策一个 .yaml 文件");
          continue;
        }
        if (!is_decision_file_name(name)) {
          unexpected(path, "not a decision file <stamp>-<gate>-<person>.yaml",
                     "不是决策文件 <时间>-<关口>-<人员>.yaml");
          continue;
        }
      } else {
        if (entry.dir || !name.ends_with(".yaml")) {
          unexpected(path, "not a record file", "不是记录文件");
          continue;
        }
      }
      const std::string stem = name.substr(0, name.size() - 5);
      if (kind.naming != codec::Naming::decision) {
        if (auto problem = model::id_problem(stem); problem != model::IdProblem::none) {
          add(Severity::error, path, "bad-id",
              tr(m_lang, "'{}' is not a valid file name here ({}): {}",
                 "“{}”不是有效的文件名（{}）：{}", name,
                 m_lang == Lang::zh ? kind.form_zh : kind.form_en,
                 model::id_problem_text(problem, m_lang)));
          continue;
        }
      }
      if (kind.naming == codec::Naming::period && !model::parse_period(stem)) {
        add(Severity::error, path, "bad-period",
            tr(m_lang, "'{}' is not a reporting period (2026-W47 or 2026-11)",
               "“{}”不是报告周期（2026-W47 或 2026-11）", stem));
        continue;
      }
      bool refused = false;
      if (auto text = read(path, refused))
        // A record of a project that failed to load is checked but left out.
        kind.decode(*text, codec::RecordPath{path, project, stem}, m_lang,
                    loaded ? &m_out.portfolio : nullptr, m_out.findings);
    }
  }

  // What a project directory may hold, from the kinds: "project.yaml, closure.yaml, status/, ...".
  std::string project_entries() const {
    std::vector<std::string> names;
    for (const codec::RecordKind& kind : codec::record_kinds())
      if (kind.place == codec::Place::project || kind.place == codec::Place::project_file)
        names.emplace_back(kind.path);
      else if (kind.place == codec::Place::project_records)
        names.push_back(std::string{kind.path} + "/");
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i > 0)
        out += i + 1 == names.size() ? pick(m_lang, " and ", "和") : pick(m_lang, ", ", "、");
      out += names[i];
    }
    return out;
  }

  void project(const std::string& id, const std::string& dir) {
    const codec::RecordKind& main = codec::record_kind(codec::Place::project);
    const std::string file = dir + "/" + std::string{main.path};
    bool loaded = false;
    bool refused = false;
    if (auto text = read(file, refused)) {
      loaded = main.decode(*text, codec::RecordPath{file, id, {}}, m_lang, &m_out.portfolio,
                           m_out.findings);
    } else if (!refused) {
      add(Severity::error, file, "missing-project",
          pick(m_lang, "missing: every project directory holds a project.yaml",
               "缺失：每个项目目录都应有 project.yaml"));
    }

    for (const Entry& entry : entries(dir)) {
      if (is_placeholder(entry.name))
        continue;
      const auto kinds = codec::record_kinds();
      const bool expected = std::any_of(kinds.begin(), kinds.end(), [&](const auto& kind) {
        if (kind.path != entry.name)
          return false;
        if (kind.place == codec::Place::project || kind.place == codec::Place::project_file)
          return true;
        return kind.place == codec::Place::project_records && entry.dir;
      });
      if (!expected)
        unexpected(dir + "/" + entry.name,
                   tr(m_lang, "a project holds {}", "项目目录只包含 {}", project_entries()));
    }

    for (const codec::RecordKind& kind : codec::record_kinds()) {
      const std::string path = dir + "/" + std::string{kind.path};
      if (kind.place == codec::Place::project_file) {
        if (auto text = read(path, refused))
          kind.decode(*text, codec::RecordPath{path, id, {}}, m_lang,
                      loaded ? &m_out.portfolio : nullptr, m_out.findings);
      } else if (kind.place == codec::Place::project_records) {
        records(kind, id, path, loaded);
      }
    }
  }

  struct Unit {
    std::function<void(Loading&)> work;
    std::size_t findings_before = 0; // findings added directly before this unit was deferred
    std::unique_ptr<Loaded> out;     // made by the thread that runs the unit
  };

  const Store& m_store;
  Lang m_lang;
  Loaded& m_out;
  std::vector<Unit> m_units;
};

} // namespace

Loaded load_portfolio(const Store& store, model::Lang lang) {
  Loaded out;
  Loading{store, lang, out}.run(std::nullopt);
  return out;
}

Loaded load_office(const Store& store, model::Lang lang, bool project_ids) {
  Loaded out;
  Loading{store, lang, out}.run_office(project_ids);
  return out;
}

Scope load_scope(const Store& store, model::Lang lang, const std::set<std::string>& changed,
                 const std::set<std::string>& also_people, ProjectTexts* ahead) {
  Scope out;
  Loading{store, lang, out.loaded}.run_scope(changed, also_people, ahead, out.shown);
  return out;
}

// --- ProjectTexts -------------------------------------------------------------------------------

ProjectTexts::ProjectTexts(const Store& store) : m_store(store) {
  if (!store.concurrent_reads())
    return;
  m_thread = std::thread([this] {
    try {
      for (const Entry& entry : m_store.entries("projects"))
        if (entry.dir && model::is_valid_id(entry.name))
          m_ids.push_back(entry.name);
    } catch (const StoreError&) {
      m_ids.clear(); // load_scope reports it
    }
    m_texts.resize(m_ids.size());
    m_read.assign(m_ids.size(), 0);
    m_listed = true;
    read_next();
  });
}

ProjectTexts::~ProjectTexts() {
  m_stop = true;
  if (m_thread.joinable())
    m_thread.join();
}

void ProjectTexts::read_next() {
  for (std::size_t i = m_next++; i < m_ids.size() && !m_stop; i = m_next++) {
    try {
      if (auto text = m_store.read("projects/" + m_ids[i] + "/project.yaml")) {
        m_texts[i] = std::move(*text);
        m_read[i] = 1;
      }
    } catch (const StoreError&) {
    }
  }
}

void ProjectTexts::finish() {
  if (!m_thread.joinable())
    return;
  if (m_listed && m_next < m_ids.size()) { // else the thread is still listing: it reads the rest
    // What is left is read on as many threads as the machine has (up to 8), the caller's and
    // the reading thread's included.
    const unsigned threads = std::min(std::max(1U, std::thread::hardware_concurrency()), 8U);
    std::vector<std::thread> helpers;
    for (unsigned t = 2; t < threads; ++t)
      helpers.emplace_back([this] { read_next(); });
    read_next();
    for (auto& helper : helpers)
      helper.join();
  }
  m_thread.join();
}

const std::string* ProjectTexts::text(const std::string& id) const {
  if (m_thread.joinable())
    return nullptr; // not finished
  const auto at = std::lower_bound(m_ids.begin(), m_ids.end(), id);
  if (at == m_ids.end() || *at != id)
    return nullptr;
  const auto i = static_cast<std::size_t>(at - m_ids.begin());
  return m_read[i] ? &m_texts[i] : nullptr;
}

Loaded load_project(const Store& store, model::Lang lang, const std::string& project) {
  Loaded out;
  Loading{store, lang, out}.run(project);
  return out;
}

} // namespace pmo::store
