#include <pmo/codec/records.hpp>
#include <pmo/git/graph.hpp>
#include <pmo/journal/journal.hpp>
#include <pmo/ledger/ledger.hpp>
#include <pmo/ledger/readahead.hpp>
#include <pmo/model/ids.hpp>
#include <pmo/model/lifecycle.hpp>
#include <pmo/store/store.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace pmo::ledger {

namespace {

using model::Lang;
using model::tr;
using Roster = std::map<std::string, model::Person, std::less<>>;

// The process and the roster in force at a commit: the last versions an authorised person
// committed (an unauthorised change is reported and does not take effect), and the ids of what
// the commit's tree holds, to see what the next commit changes.
struct Snapshot {
  std::shared_ptr<const model::Office> office;
  std::string office_blob;
  std::shared_ptr<const Roster> roster;
  std::string people_tree;
  model::Timestamp commit_time{};
};

std::string short_id(const std::string& id) { return id.substr(0, 7); }

bool holds_any(const model::Person& person, const std::vector<std::string>& roles) {
  return std::any_of(roles.begin(), roles.end(),
                     [&](const std::string& role) { return person.has_role(role); });
}

// What the walk reads of one commit, read ahead of it (Readahead): the commit, the tree entries
// and diffs the walk will ask for, and the decision record the commit adds, decoded. The walk
// takes each from here when it is here, and reads it for itself when not.
struct Prepared {
  git::CommitFacts facts;
  struct Entry {
    std::string commit;
    std::string path;
    std::string id;
  };
  std::vector<Entry> entries;
  struct Diff {
    std::string from;
    bool all = false;
    std::optional<std::vector<git::PathChange>> changes; // taken once
  };
  std::vector<Diff> diffs;
  std::string record_blob;
  std::optional<codec::Decoded<model::Decision>> record; // taken once
};

// Decoded project records by version, shared by the walk and the readers.
class ProjectVersions {
public:
  std::shared_ptr<const model::Project> get(const git::Graph& g, const std::string& blob,
                                            const std::string& id, Lang lang) {
    if (blob.empty())
      return nullptr;
    std::string key = id + ":" + blob;
    {
      std::lock_guard lock(m_mutex);
      if (auto it = m_decoded.find(key); it != m_decoded.end())
        return it->second;
    }
    std::shared_ptr<const model::Project> project;
    if (auto text = g.read_blob(blob)) {
      auto decoded = codec::decode_project(*text, "projects/" + id + "/project.yaml", id, lang);
      if (decoded.ok())
        project = std::make_shared<const model::Project>(std::move(decoded.value));
    }
    std::lock_guard lock(m_mutex);
    return m_decoded.emplace(std::move(key), std::move(project)).first->second;
  }

private:
  std::mutex m_mutex;
  std::map<std::string, std::shared_ptr<const model::Project>> m_decoded;
};

class Builder {
public:
  Builder(const git::Repository& repo, const git::Graph& graph, const Options& options)
      : m_repo(repo), m_g(graph), m_opt(options) {}

  Ledger run() {
    auto tip = m_g.resolve(m_opt.tip);
    if (!tip)
      throw std::invalid_argument(m_opt.tip);
    m_out.tip = *tip;
    if (m_g.is_shallow()) {
      m_out.shallow = true;
      return std::move(m_out);
    }
    std::vector<std::string> order;
    if (m_opt.since) {
      // Only the range is read. What came before it is taken as proved: the rules and the
      // roster at each boundary parent, and each project's decisions as the records at the
      // merge base hold them (seed), so the cost follows the range, not the history.
      auto since = m_g.resolve(*m_opt.since);
      if (!since)
        throw std::invalid_argument(*m_opt.since);
      order = m_g.commits(*tip, {*since});
      m_range.insert(order.begin(), order.end());
      m_base = m_g.merge_base(*since, *tip);
      m_out.commits = m_range.size();
    } else {
      order = m_g.commits(*tip);
      m_out.commits = order.size();
    }
    index_files();
    // Light mode over a range: the working tree's records of decisions before it must find
    // themselves in the state the range starts from, whether or not the range touches them.
    if (m_opt.since && m_base && m_opt.files) {
      if (!m_opt.only_projects.empty())
        for (const auto& project : m_opt.only_projects)
          seed(project);
      else if (m_opt.projects)
        for (const auto& project : *m_opt.projects)
          seed(project.id);
    }
    Readahead<Prepared> ahead(
        m_repo, order.size(), m_opt.readers.value_or(default_readers()),
        [&](const git::Graph& g, std::size_t i, Prepared& slot) { read_ahead(g, order[i], slot); });
    for (std::size_t i = 0; i < order.size(); ++i) {
      m_read = ahead.wait(i, m_g);
      if (m_read)
        visit(m_read->facts);
      else
        visit(m_g.commit(order[i]));
      m_read = nullptr;
      ahead.done(i);
      if (m_opt.progress && (i % 256 == 255 || i + 1 == order.size()))
        m_opt.progress(i + 1, order.size());
    }
    if (!order.empty()) {
      const Snapshot& at_tip = snapshot(*tip);
      m_out.office = at_tip.office;
      if (!at_tip.office_blob.empty() && at_tip.office)
        m_out.committed_office_in_force = office_of(at_tip.office_blob, nullptr) == at_tip.office;
    }
    return std::move(m_out);
  }

private:
  static unsigned default_readers() {
    const unsigned cores = std::thread::hardware_concurrency();
    return cores <= 1 ? 0 : std::min(cores, 8U);
  }

  // ---- reading ahead (on reader threads: only what depends on the commit alone) ----

  // What `visit` will ask of commit `id`, read on a reader's own graph. Mirrors the walk's
  // reads; whatever it misses the walk reads for itself.
  void read_ahead(const git::Graph& g, const std::string& id, Prepared& slot) const {
    slot.facts = g.commit(id);
    const git::CommitFacts& c = slot.facts;
    auto remember = [&](const std::string& commit, std::string path) {
      std::string entry = g.entry_id(commit, path);
      slot.entries.push_back({commit, std::move(path), entry});
      return entry;
    };
    remember(c.id, m_opt.prefix + "pmo.yaml");
    remember(c.id, m_opt.prefix + "people");
    if (!deep(c.id))
      return;
    auto diff = [&](const std::string& from, bool all) -> const std::vector<git::PathChange>& {
      slot.diffs.push_back({from, all, g.changes(from, c.id, descend(all))});
      return *slot.diffs.back().changes;
    };
    if (!journal::is_decision_commit(c.trailers)) {
      if (c.parents.empty())
        diff("", false);
      for (const auto& parent : c.parents)
        diff(parent, false);
      return;
    }
    std::string error;
    auto e = journal::parse(c.trailers, &error);
    if (!e || c.parents.size() != 1 ||
        (!m_opt.only_projects.empty() && !m_opt.only_projects.contains(e->project)))
      return;
    const std::string& parent = c.parents.front();
    for (const auto& change : diff(parent, true))
      if (auto rel = own_record(change, *e, c.author_time)) {
        if (auto text = g.read_blob(change.new_id)) {
          slot.record_blob = change.new_id;
          slot.record = codec::decode_decision(*text, *rel, e->project, m_opt.lang);
        }
        break;
      }
    const std::string file = "projects/" + e->project + "/project.yaml";
    m_projects.get(g, remember(parent, m_opt.prefix + file), e->project, m_opt.lang);
    if (!e->change.empty())
      remember(parent, m_opt.prefix + "projects/" + e->project + "/changes/" + e->change + ".yaml");
  }

  // The path (portfolio-relative) of `change` when it adds the decision record of `e`.
  std::optional<std::string> own_record(const git::PathChange& change, const journal::Entry& e,
                                        model::Timestamp at) const {
    std::string rel;
    if (change.kind != git::ChangeKind::added || !under_prefix(change.path, rel))
      return std::nullopt;
    auto path = journal::parse_record_path(rel);
    if (!path || path->project != e.project ||
        !journal::is_file_name_of(path->name, at, e.subject(), e.reviewer))
      return std::nullopt;
    return rel;
  }

  // The walk's reads: from the commit's slot when read ahead, else from the graph.
  std::string entry_id(const std::string& commit, const std::string& path) const {
    if (m_read)
      for (const auto& e : m_read->entries)
        if (e.commit == commit && e.path == path)
          return e.id;
    return m_g.entry_id(commit, path);
  }

  codec::Decoded<model::Decision> decode_record(const std::string& blob, const std::string& rel,
                                                const std::string& project) {
    if (m_read && m_read->record && m_read->record_blob == blob) {
      auto decoded = std::move(*m_read->record);
      m_read->record.reset();
      return decoded;
    }
    auto text = m_g.read_blob(blob);
    if (!text) {
      codec::Decoded<model::Decision> none;
      none.findings.push_back(model::Finding{});
      return none;
    }
    return codec::decode_decision(*text, rel, project, m_opt.lang);
  }

  bool in_range(const std::string& commit) const {
    return !m_opt.since || m_range.count(commit) > 0;
  }
  bool deep(const std::string& commit) const { return m_opt.deep && in_range(commit); }

  void finding(const git::CommitFacts& c, std::string code, std::string message,
               std::string file = {}, std::string project = {}) {
    if (!in_range(c.id))
      return;
    if (!project.empty())
      m_out.affected.insert(project);
    m_out.findings.push_back(
        Finding{c.id, std::move(file), std::move(project), std::move(code), std::move(message)});
  }

  // ---- the process and the roster as they stood ----

  std::shared_ptr<const model::Office> office_of(const std::string& blob, std::string* error) {
    if (auto it = m_offices.find(blob); it != m_offices.end()) {
      if (!it->second && error)
        *error = m_office_errors[blob];
      return it->second;
    }
    std::shared_ptr<const model::Office> office;
    auto text = m_g.read_blob(blob);
    if (text) {
      auto decoded = codec::decode_office(*text, "pmo.yaml", m_opt.lang);
      if (decoded.ok())
        office = std::make_shared<const model::Office>(std::move(decoded.value));
      else if (!decoded.findings.empty())
        m_office_errors[blob] = model::format_finding(decoded.findings.front(), m_opt.lang);
    } else {
      m_office_errors[blob] = "unreadable";
    }
    m_offices.emplace(blob, office);
    if (!office && error)
      *error = m_office_errors[blob];
    return office;
  }

  std::shared_ptr<const Roster> roster_of(const std::string& commit, const std::string& tree) {
    if (auto it = m_rosters.find(tree); it != m_rosters.end())
      return it->second;
    auto roster = std::make_shared<Roster>();
    if (!tree.empty()) {
      for (const auto& [name, blob] : m_g.list(commit, m_opt.prefix + "people/")) {
        if (!name.ends_with(".yaml"))
          continue;
        const std::string id = name.substr(0, name.size() - 5);
        auto text = m_g.read_blob(blob);
        if (!text || !model::is_valid_id(id))
          continue;
        auto decoded = codec::decode_person(*text, "people/" + name, id, m_opt.lang);
        if (decoded.ok())
          roster->emplace(id, std::move(decoded.value));
      }
    }
    m_rosters.emplace(tree, roster);
    return roster;
  }

  Snapshot fresh(const std::string& commit) {
    Snapshot s;
    s.commit_time = m_g.commit(commit).commit_time;
    s.office_blob = entry_id(commit, m_opt.prefix + "pmo.yaml");
    s.people_tree = entry_id(commit, m_opt.prefix + "people");
    if (!s.office_blob.empty())
      s.office = office_of(s.office_blob, nullptr);
    s.roster = roster_of(commit, s.people_tree);
    return s;
  }

  const Snapshot& snapshot(const std::string& commit) {
    auto it = m_snaps.find(commit);
    if (it == m_snaps.end())
      it = m_snaps.emplace(commit, fresh(commit)).first; // outside the walk (a range boundary)
    return it->second;
  }

  // Whether the author of `c` may change the process and the roster, judged by the snapshot of
  // its parent. While nobody holds an authorised role (an office being set up), anyone may.
  bool may_change_rules(const git::CommitFacts& c, const Snapshot& before, std::string& who) {
    const std::vector<std::string> roles =
        before.office ? before.office->ledger.rule_changes : model::LedgerSettings{}.rule_changes;
    who = fmt::format("{} <{}>", c.author_name, c.author_email);
    if (!before.roster)
      return true;
    bool anyone_holds = false;
    for (const auto& [id, person] : *before.roster) {
      if (!holds_any(person, roles))
        continue;
      anyone_holds = true; // a retired holder keeps the office guarded, and may not act
      // By e-mail, git's identity: a hand edit of pmo.yaml carries the editor's own name.
      if (!person.retired && journal::person_with_email({&person}, c.author_email))
        return true;
    }
    return !anyone_holds;
  }

  Snapshot next_snapshot(const git::CommitFacts& c, bool decision_commit) {
    Snapshot now;
    now.office_blob = entry_id(c.id, m_opt.prefix + "pmo.yaml");
    now.people_tree = entry_id(c.id, m_opt.prefix + "people");
    if (c.parents.empty()) { // the root commit is where trust starts (pmo init)
      if (!now.office_blob.empty())
        now.office = office_of(now.office_blob, nullptr);
      now.roster = roster_of(c.id, now.people_tree);
      return now;
    }
    const Snapshot& base = snapshot(c.parents.front());
    now.office = base.office;
    now.roster = base.roster;
    // A version that one of the parents already had came with that parent's branch.
    const Snapshot* office_from = nullptr;
    const Snapshot* people_from = nullptr;
    for (const auto& parent : c.parents) {
      const Snapshot& s = snapshot(parent);
      if (!office_from && s.office_blob == now.office_blob)
        office_from = &s;
      if (!people_from && s.people_tree == now.people_tree)
        people_from = &s;
    }
    if (office_from)
      now.office = office_from->office;
    if (people_from)
      now.roster = people_from->roster;
    if (office_from && people_from)
      return now;

    std::string who;
    const bool allowed = may_change_rules(c, base, who);
    const std::vector<std::string> roles =
        base.office ? base.office->ledger.rule_changes : model::LedgerSettings{}.rule_changes;
    auto refuse = [&](std::string_view what) {
      if (decision_commit)
        return; // reported with the decision: a decision commit changes nothing else
      finding(c, "unauthorised-change",
              tr(m_opt.lang,
                 "{} changes {}, but {} holds none of the roles that may ({}) in the roster of "
                 "its parent; the change does not take effect",
                 "{} 修改了 {}，但在其父提交的人员名册中 {} 不具有可作此修改的角色（{}）；"
                 "该修改不生效",
                 short_id(c.id), what, who, fmt::join(roles, ", ")),
              std::string(what));
    };
    if (!office_from) {
      if (!allowed || decision_commit) {
        refuse("pmo.yaml");
      } else if (now.office_blob.empty()) {
        finding(c, "office-removed",
                tr(m_opt.lang, "{} deletes pmo.yaml", "{} 删除了 pmo.yaml", short_id(c.id)),
                "pmo.yaml");
      } else {
        std::string error;
        if (auto office = office_of(now.office_blob, &error))
          now.office = office;
        else
          finding(c, "office-invalid",
                  tr(m_opt.lang,
                     "{} commits a pmo.yaml that does not load ({}); it does not "
                     "take effect",
                     "{} 提交的 pmo.yaml 无法读取（{}）；该版本不生效", short_id(c.id), error),
                  "pmo.yaml");
      }
    }
    if (!people_from) {
      if (!allowed || decision_commit)
        refuse("people/");
      else
        now.roster = roster_of(c.id, now.people_tree);
    }
    return now;
  }

  // ---- decision records ----

  // Light mode: the working-tree records by project, to match decision commits with.
  void index_files() {
    if (!m_opt.files)
      return;
    for (const auto& d : *m_opt.files)
      m_files[d.project].push_back(&d);
    if (m_opt.projects)
      for (const auto& p : *m_opt.projects)
        m_current_projects[p.id] = &p;
  }

  std::shared_ptr<const model::Project> project_of_blob(const std::string& blob,
                                                        const std::string& id) {
    return m_projects.get(m_g, blob, id, m_opt.lang);
  }

  // Light mode: the working tree's project when it is the version `blob` names (unchanged
  // since the decision, the usual case), so that it need not be read from git and decoded.
  std::shared_ptr<const model::Project> current_if_decided_on(const std::string& id,
                                                              const std::string& blob) {
    auto it = m_current_projects.find(id);
    if (blob.empty() || it == m_current_projects.end())
      return nullptr;
    auto [known, fresh] = m_current_blobs.try_emplace(id);
    if (fresh && !m_repo.is_bare()) {
      try {
        if (auto text = store::FsStore(m_repo.workdir() + m_opt.prefix).read(it->second->file))
          known->second = git::Repository::blob_id(*text);
      } catch (const store::StoreError&) {
      }
    }
    if (known->second.empty() || !same_hex(known->second, blob))
      return nullptr;
    return std::shared_ptr<const model::Project>(std::shared_ptr<void>{}, it->second);
  }

  // The decision record a light walk pairs with a decision commit: the working-tree file of that
  // name whose fields agree with the commit.
  const model::Decision* matching_file(const journal::Entry& e, model::Timestamp at) {
    auto it = m_files.find(e.project);
    if (it == m_files.end())
      return nullptr;
    for (const model::Decision* d : it->second) {
      const std::string name = d->file.substr(d->file.rfind('/') + 1);
      if (m_claimed.count(d) || !journal::is_file_name_of(name, at, e.subject(), e.reviewer))
        continue;
      if (!journal::disagreements(e, at, *d, d->project).empty())
        continue;
      m_claimed.insert(d);
      return d;
    }
    return nullptr;
  }

  // The decision record a decision commit added, read from the commit (light mode, when no
  // working-tree file agrees with it): the new name in its project's decisions/ that fits it.
  std::optional<model::Decision> committed_record(const git::CommitFacts& c,
                                                  const std::string& parent,
                                                  const journal::Entry& e, model::Timestamp at) {
    const std::string dir = journal::decisions_dir(e.project);
    std::set<std::string> before;
    for (const auto& [name, blob] : m_g.list(parent, m_opt.prefix + dir))
      before.insert(name);
    for (const auto& [name, blob] : m_g.list(c.id, m_opt.prefix + dir)) {
      if (before.count(name) || !journal::is_file_name_of(name, at, e.subject(), e.reviewer))
        continue;
      return record_of_blob(blob, record_file(e.project, name), e.project);
    }
    return std::nullopt;
  }

  static std::string record_file(const std::string& project, const std::string& name) {
    return journal::decisions_dir(project) + name;
  }

  // A decision record as committed (blob id), at portfolio-relative `file`; nullopt when it
  // cannot be read.
  std::optional<model::Decision> record_of_blob(const std::string& blob, const std::string& file,
                                                const std::string& project) {
    auto text = m_g.read_blob(blob);
    if (!text)
      return std::nullopt;
    auto decoded = codec::decode_decision(*text, file, project, m_opt.lang);
    if (!decoded.ok())
      return std::nullopt;
    decoded.value.project = project;
    decoded.value.file = file;
    return std::move(decoded.value);
  }

  bool under_prefix(std::string_view path, std::string& rel) const {
    if (!path.starts_with(m_opt.prefix))
      return false;
    rel = std::string(path.substr(m_opt.prefix.size()));
    return true;
  }

  // Deep: the changes of a commit to decision records (and, with `all`, to everything).
  std::vector<git::PathChange> changes(const std::string& from, const std::string& to, bool all) {
    if (m_read && m_read->facts.id == to)
      for (auto& diff : m_read->diffs)
        if (diff.from == from && diff.all == all && diff.changes) {
          auto out = std::move(*diff.changes);
          diff.changes.reset();
          return out;
        }
    return m_g.changes(from, to, descend(all));
  }

  // Which directories a diff descends into: all, or only the way to decision records.
  std::function<bool(std::string_view)> descend(bool all) const {
    return [this, all](std::string_view dir) {
      const std::string& prefix = m_opt.prefix;
      if (all)
        return true;
      if (prefix.starts_with(dir))
        return true; // on the way to the portfolio
      if (!dir.starts_with(prefix))
        return false;
      std::string_view rel = dir.substr(prefix.size());
      if (rel == "projects/")
        return true;
      if (!rel.starts_with("projects/"))
        return false;
      rel.remove_prefix(9);
      const auto slash = rel.find('/');
      return slash + 1 == rel.size() || rel.substr(slash) == "/decisions/";
    };
  }

  void check_non_decision(const git::CommitFacts& c) {
    if (c.parents.size() <= 1) {
      for (const auto& change : changes(c.parents.empty() ? "" : c.parents.front(), c.id, false))
        record_change(c, change, false);
      return;
    }
    // A merge: a decision record must come, unchanged, from one of the parents, and none may be
    // dropped.
    std::map<std::string, int> changed_against; // path -> parents it differs from
    for (const auto& parent : c.parents)
      for (const auto& change : changes(parent, c.id, false)) {
        std::string rel;
        if (!under_prefix(change.path, rel) || !journal::parse_record_path(rel))
          continue;
        if (change.kind == git::ChangeKind::deleted) {
          finding(c, "merge-drops-decision",
                  tr(m_opt.lang, "merge {} drops the decision record {} of one of its parents",
                     "合并提交 {} 丢弃了其某个父提交中的决策记录 {}", short_id(c.id), rel),
                  rel, journal::parse_record_path(rel)->project);
          continue;
        }
        changed_against[rel] += 1;
      }
    for (const auto& [rel, count] : changed_against)
      if (count == static_cast<int>(c.parents.size()))
        finding(c, "merge-introduces-decision",
                tr(m_opt.lang,
                   "merge {} brings in the decision record {}, which is in neither of its "
                   "parents: a decision is recorded by its own commit (pmo review)",
                   "合并提交 {} 引入了决策记录 {}，而它不在任何一个父提交中：决策须由其自身的"
                   "提交记录（pmo review）",
                   short_id(c.id), rel),
                rel, journal::parse_record_path(rel)->project);
  }

  // A change to a decision record by a commit that is not its decision commit.
  void record_change(const git::CommitFacts& c, const git::PathChange& change, bool in_decision) {
    std::string rel;
    if (!under_prefix(change.path, rel))
      return;
    auto path = journal::parse_record_path(rel);
    if (!path)
      return;
    const std::string project = path->project;
    switch (change.kind) {
    case git::ChangeKind::added:
      finding(c, "decision-outside-commit",
              tr(m_opt.lang,
                 "{} adds the decision record {} but is not its decision commit: a decision "
                 "written by hand, or a squash merge (merge or rebase portfolio pull requests, "
                 "never squash them)",
                 "{} 添加了决策记录 {}，但它不是该决策的提交：可能是手工编写的决策，或是压缩"
                 "合并（squash）所致（组合仓库的拉取请求请用合并或变基，不要压缩）",
                 short_id(c.id), rel),
              rel, project);
      break;
    case git::ChangeKind::modified:
      finding(c, "decision-edited",
              tr(m_opt.lang, "{} edits the decision record {}{}; a decision is never changed",
                 "{} 修改了决策记录 {}{}；决策一经记录不得修改", short_id(c.id), rel,
                 recorded_by(rel)),
              rel, project);
      break;
    case git::ChangeKind::deleted:
      finding(c, "decision-deleted",
              tr(m_opt.lang, "{} deletes the decision record {}{}", "{} 删除了决策记录 {}{}",
                 short_id(c.id), rel, recorded_by(rel)),
              rel, project);
      break;
    }
    (void)in_decision;
  }

  std::string recorded_by(const std::string& rel) const {
    auto it = m_recorded.find(rel);
    if (it == m_recorded.end())
      return {};
    return tr(m_opt.lang, " (recorded by {})", "（由 {} 记录）", short_id(it->second));
  }

  // ---- the commit walk ----

  void visit(const git::CommitFacts& c) {
    std::string error;
    auto entry = journal::parse(c.trailers, &error);
    const bool decision_commit = journal::is_decision_commit(c.trailers);
    Snapshot snap = next_snapshot(c, decision_commit);
    if (!decision_commit) {
      if (deep(c.id))
        check_non_decision(c);
      note_project_creation(c);
      snap.commit_time = c.commit_time;
      m_snaps.emplace(c.id, std::move(snap));
      return;
    }
    if (!entry) {
      finding(c, "bad-trailers",
              tr(m_opt.lang, "{} claims a decision, but its trailers are malformed: {}",
                 "{} 声称记录了决策，但其 trailer 格式错误：{}", short_id(c.id), error));
    } else {
      decision(c, *entry);
    }
    if (!c.parents.empty()) // a decision commit changes nothing else: the parent's rules stay
      snap = snapshot(c.parents.front());
    snap.commit_time = c.commit_time;
    m_snaps.emplace(c.id, std::move(snap));
  }

  void note_project_creation(const git::CommitFacts& c) {
    auto action = c.trailers.find("Pmo-Action");
    auto project = c.trailers.find("Pmo-Project");
    if (action != c.trailers.end() && action->second == "propose" && project != c.trailers.end())
      m_project_since.emplace(project->second, c.author_time);
  }

  void decision(const git::CommitFacts& c, const journal::Entry& e) {
    if (!m_opt.only_projects.empty() && !m_opt.only_projects.contains(e.project))
      return;
    const model::Timestamp at = c.author_time;
    const std::string subject = e.subject();
    auto reject = [&](std::string code, std::string message, std::string file = {}) {
      finding(c, std::move(code),
              tr(m_opt.lang, "{} ({} {} on {} by {}): {}", "{}（{} {}，{}，评审人 {}）：{}",
                 short_id(c.id), subject, model::to_string(e.verdict), e.project, e.reviewer,
                 message),
              std::move(file), e.project);
      return false;
    };
    if (c.parents.size() != 1) {
      reject("decision-not-single-parent",
             tr(m_opt.lang, "a decision commit has exactly one parent; this one has {}",
                "决策提交必须恰好有一个父提交，而此提交有 {} 个", c.parents.size()));
      return;
    }
    const std::string& parent = c.parents.front();
    const Snapshot base = snapshot(parent); // copy: the map may grow below
    const std::string dir = journal::decisions_dir(e.project);
    if (!in_range(c.id)) {
      trusted(c, e, base);
      return;
    }
    seed(e.project);

    // Deep: the commit adds exactly its record, and the record agrees with the commit.
    model::Decision d = from_commit(c, e);
    bool ok = true;
    if (deep(c.id)) {
      bool found = false;
      for (const auto& change : changes(parent, c.id, true)) {
        std::string rel;
        const bool in_portfolio = under_prefix(change.path, rel);
        auto path = in_portfolio ? journal::parse_record_path(rel) : std::nullopt;
        if (!found && own_record(change, e, at)) {
          found = true;
          d.file = rel;
          auto decoded = decode_record(change.new_id, rel, e.project);
          if (!decoded.ok()) {
            ok = reject("record-invalid",
                        tr(m_opt.lang, "its record {} does not load", "其记录 {} 无法读取", rel),
                        rel);
            continue;
          }
          for (const auto& why : journal::disagreements(e, at, decoded.value, e.project))
            ok = reject("record-disagrees",
                        tr(m_opt.lang, "its record {} disagrees with it: {}",
                           "其记录 {} 与提交不一致：{}", rel, why),
                        rel);
          d.record = decoded.value.record;
          d.comment = decoded.value.comment;
          d.conditions = decoded.value.conditions;
          d.where = decoded.value.where;
          continue;
        }
        const std::string shown = in_portfolio ? rel : change.path;
        ok = reject("decision-changes-more",
                    tr(m_opt.lang, "a decision commit adds only its own record, but it also {} {}",
                       "决策提交只能添加其自身的记录，但它还{}了 {}",
                       change.kind == git::ChangeKind::added      ? pick("adds", "添加")
                       : change.kind == git::ChangeKind::modified ? pick("changes", "修改")
                                                                  : pick("deletes", "删除"),
                       shown),
                    shown);
        if (path && change.kind != git::ChangeKind::added)
          record_change(c, change, true);
      }
      if (!found)
        ok = reject("record-missing",
                    tr(m_opt.lang, "it adds no decision record {}<stamp>-{}-{}.yaml",
                       "它没有添加决策记录 {}<时间>-{}-{}.yaml", dir, subject, e.reviewer));
    } else {
      // Light: the rules and the roster of the parent must not change in a decision commit.
      const std::string office_now = entry_id(c.id, m_opt.prefix + "pmo.yaml");
      const std::string people_now = entry_id(c.id, m_opt.prefix + "people");
      if (office_now != base.office_blob || people_now != base.people_tree)
        ok = reject("decision-changes-more",
                    pick("a decision commit adds only its own record, but it also changes "
                         "pmo.yaml or people/",
                         "决策提交只能添加其自身的记录，但它还修改了 pmo.yaml 或 people/"));
      if (const model::Decision* file = matching_file(e, at)) {
        d.file = file->file;
        d.record = file->record;
        d.comment = file->comment;
        d.conditions = file->conditions;
        d.where = file->where;
      } else if (auto committed = committed_record(c, parent, e, at)) {
        // The working-tree file is missing or was edited: the record as committed counts.
        d.file = committed->file;
        d.record = committed->record;
        d.comment = committed->comment;
        d.conditions = committed->conditions;
        d.where = committed->where;
      }
    }
    if (in_range(c.id))
      m_recorded[d.file] = c.id;

    // The rules, the roster and the project as they stood at the parent.
    if (!base.office) {
      reject("no-process", pick("there is no readable pmo.yaml at its parent",
                                "其父提交中没有可读取的 pmo.yaml"));
      return;
    }
    const model::GateDef* gate =
        e.change.empty() ? base.office->gate(e.gate) : &base.office->control.ccb;
    if (!gate) {
      reject("unknown-gate", tr(m_opt.lang, "pmo.yaml at its parent defines no gate {}",
                                "其父提交的 pmo.yaml 中没有定义关口 {}", e.gate));
      return;
    }
    const model::Person* person = nullptr;
    if (auto it = base.roster->find(e.reviewer); it != base.roster->end())
      person = &it->second;
    if (!person) {
      reject("unknown-reviewer", tr(m_opt.lang, "{} is not in the roster at its parent",
                                    "{} 不在其父提交的人员名册中", e.reviewer));
      return;
    }
    if (!journal::is_authored_by(c.author_name, c.author_email, *person)) {
      const auto [name, email] = journal::author_of(*person);
      ok = reject("wrong-author",
                  tr(m_opt.lang,
                     "it is authored by {} <{}>, but the roster at its parent gives {} as {} <{}>",
                     "其作者为 {} <{}>，但父提交的人员名册中 {} 是 {} <{}>", c.author_name,
                     c.author_email, e.reviewer, name, email));
    }
    std::shared_ptr<const model::Project> project;
    if (deep(c.id)) {
      const std::string file = "projects/" + e.project + "/project.yaml";
      const std::string blob = entry_id(parent, m_opt.prefix + file);
      project = project_of_blob(blob, e.project);
      // The record decided on: the project record for a gate, the change request for the CCB.
      const std::string decided_file =
          e.change.empty() ? file : "projects/" + e.project + "/changes/" + e.change + ".yaml";
      const std::string decided_blob =
          e.change.empty() ? blob : entry_id(parent, m_opt.prefix + decided_file);
      if (!e.change.empty() && decided_blob.empty())
        ok = reject("unknown-change", tr(m_opt.lang, "there is no change request {} at its parent",
                                         "其父提交中没有变更申请 {}", e.change));
      else if (!decided_blob.empty() && !d.record.empty() && !same_hex(d.record, decided_blob))
        ok = reject("record-not-at-parent",
                    tr(m_opt.lang, "its record names {} version {}, but its parent has {}",
                       "其记录指向的 {} 版本为 {}，但父提交中为 {}", decided_file,
                       d.record.substr(0, 12), decided_blob.substr(0, 12)));
    } else {
      project = current_if_decided_on(e.project, d.record);
      if (!project)
        project = project_of_blob(d.record, e.project);
      if (!project) {
        auto it = m_current_projects.find(e.project);
        if (it != m_current_projects.end())
          project = std::shared_ptr<const model::Project>(std::shared_ptr<void>{}, it->second);
      }
    }
    if (!project) {
      reject("unknown-project", tr(m_opt.lang, "there is no project {} at its parent",
                                   "其父提交中没有项目 {}", e.project));
      return;
    }
    for (const auto& f : model::check_authority(*gate, *person, *project, e.role, m_opt.lang))
      ok = reject(f.code, f.message);
    // Signatures: present when required (light and deep); checked cryptographically by verify
    // (deep) only, and only on the commits that carry one.
    const bool signing_required = base.office->ledger.signing_required;
    if (signing_required && !c.is_signed)
      ok = reject("unsigned", pick("pmo.yaml requires signed decisions (ledger.signing: "
                                   "required), and this commit is not signed",
                                   "pmo.yaml 要求决策签名（ledger.signing: required），但此提交"
                                   "未签名"));
    else if (c.is_signed && deep(c.id))
      for (auto& [code, why] : signature_problems(c, *person, *base.roster, signing_required))
        ok = reject(std::move(code), std::move(why));

    // Time: not before what it builds on.
    if (c.commit_time == c.author_time && at < base.commit_time)
      ok = reject("backdated", tr(m_opt.lang, "it is dated {}, before its parent commit ({})",
                                  "其日期为 {}，早于其父提交（{}）", model::format_timestamp(at),
                                  model::format_timestamp(base.commit_time)));
    if (at > c.commit_time)
      ok = reject("dated-after-commit",
                  tr(m_opt.lang, "it is dated {}, after it was committed ({})",
                     "其日期为 {}，晚于其提交时间（{}）", model::format_timestamp(at),
                     model::format_timestamp(c.commit_time)));
    if (auto it = m_project_since.find(e.project); it != m_project_since.end() && at < it->second)
      ok = reject("before-project",
                  tr(m_opt.lang, "it is dated {}, before the project was proposed ({})",
                     "其日期为 {}，早于项目提出的时间（{}）", model::format_timestamp(at),
                     model::format_timestamp(it->second)));
    auto& accepted = m_accepted[e.project];
    if (!accepted.empty() && at < accepted.back().decided_at)
      ok = reject("before-previous",
                  tr(m_opt.lang, "it is dated {}, before the project's previous decision ({}, {})",
                     "其日期为 {}，早于该项目的上一个决策（{}，{}）", model::format_timestamp(at),
                     short_id(accepted.back().commit),
                     model::format_timestamp(accepted.back().decided_at)));
    if (!ok)
      return;

    accept(c, std::move(d), base, reject);
  }

  // What is wrong with the signature of a signed decision commit, checked with ssh-keygen -Y
  // verify against the reviewer's ssh_key in the roster at its parent. With signing optional,
  // a signature pmo cannot check (not SSH: an OpenPGP key's, say) is left alone, and one whose
  // reviewer has no ssh_key is checked only to be intact.
  std::vector<std::pair<std::string, std::string>> signature_problems(const git::CommitFacts& c,
                                                                      const model::Person& reviewer,
                                                                      const Roster& roster,
                                                                      bool required) {
    const auto signed_data = m_g.signature(c.id);
    if (!signed_data)
      return {};
    const auto& [signature, data] = *signed_data;
    if (!git::is_ssh_signature(signature)) {
      if (!required)
        return {};
      return {{"bad-signature",
               pick("it is not signed with an SSH key (gpg.format=ssh), as ledger.signing: "
                    "required asks",
                    "它不是用 SSH 密钥签名的（gpg.format=ssh），而 ledger.signing: required "
                    "要求如此")}};
    }
    const bool has_key = git::parse_public_key(reviewer.ssh_key).has_value();
    if (!has_key && required)
      return {{"no-signing-key",
               tr(m_opt.lang,
                  "the roster at its parent has no ssh_key for {}, so its signature proves "
                  "nothing",
                  "其父提交的人员名册中 {} 没有 ssh_key，其签名无从验证", reviewer.id)}};
    const std::string principal = has_key ? journal::signer_principal(reviewer) : "";
    const auto check =
        ssh().verify(has_key ? allowed_signers_of(roster) : "", principal, signature, data);
    switch (check.verdict) {
    case git::SshKeygen::Verdict::good:
      return {};
    case git::SshKeygen::Verdict::bad:
      return {{"bad-signature",
               tr(m_opt.lang,
                  "its signature does not verify over the commit (changed after it was "
                  "signed?): {}",
                  "其签名与提交内容不符（签名后被修改？）：{}", check.detail)}};
    case git::SshKeygen::Verdict::other_key:
      break;
    }
    std::string signer;
    for (const auto& [id, person] : roster)
      if (!check.signer.empty() && journal::signer_principal(person) == check.signer)
        signer = id;
    return {{"signer-not-reviewer",
             signer.empty()
                 ? tr(m_opt.lang,
                      "it is signed with a key that is not in the roster at its parent, not with "
                      "{}'s ssh_key",
                      "其签名所用的密钥不在父提交的人员名册中，而不是 {} 的 ssh_key", reviewer.id)
                 : tr(m_opt.lang,
                      "it is signed with {}'s key, not with {}'s ssh_key in the roster at its "
                      "parent",
                      "其签名所用的是 {} 的密钥，而不是父提交人员名册中 {} 的 ssh_key", signer,
                      reviewer.id)}};
  }

  // ssh-keygen, started only when a signature is checked.
  git::SshKeygen& ssh() {
    if (!m_ssh)
      m_ssh = std::make_unique<git::SshKeygen>(m_repo.signing_config().program);
    return *m_ssh;
  }

  // The allowed-signers file of a roster: each person with an ssh_key.
  const std::string& allowed_signers_of(const Roster& roster) {
    auto it = m_allowed.find(&roster);
    if (it == m_allowed.end()) {
      std::vector<const model::Person*> people;
      for (const auto& [id, person] : roster)
        people.push_back(&person);
      it = m_allowed.emplace(&roster, journal::allowed_signers(people)).first;
    }
    return it->second;
  }

  // The decision a commit's trailers record, dated by its author time, at the file name pmo
  // gives it (the record itself, when read, may name a numbered variant).
  static model::Decision from_commit(const git::CommitFacts& c, const journal::Entry& e) {
    model::Decision d;
    d.project = e.project;
    d.gate = e.gate;
    d.change = e.change;
    d.verdict = e.verdict;
    d.reviewer = e.reviewer;
    d.role = e.role;
    d.decided_at = c.author_time;
    d.file = journal::decisions_dir(e.project) +
             model::decision_file_name(c.author_time, e.subject(), e.reviewer);
    return d;
  }

  // A decision commit outside a verified range, met on the walk (a range is walked alone, so
  // only through a merge's other parent): taken as proved; it only sets the state.
  void trusted(const git::CommitFacts& c, const journal::Entry& e, const Snapshot& base) {
    if (!base.office)
      return;
    auto ignore = [](auto&&...) { return false; };
    accept(c, from_commit(c, e), base, ignore);
  }

  // A range's starting state for `project` (verify A..B): the decision records at the merge base
  // of A and B, in the order their names sort (the order they were recorded), each under the
  // rules it names. Taken as proved, like the history they come from.
  void seed(const std::string& project) {
    if (!m_opt.since || !m_base || !m_seeded.insert(project).second)
      return;
    const std::string dir = journal::decisions_dir(project);
    const Snapshot& at_base = snapshot(*m_base);
    std::vector<model::Decision> found;
    for (const auto& [name, blob] : m_g.list(*m_base, m_opt.prefix + dir))
      if (auto record = record_of_blob(blob, record_file(project, name), project))
        found.push_back(std::move(*record));
    // "<stamp>-…" is the first of its second, "<stamp>.N-…" the Nth.
    auto nth = [](const model::Decision& d) {
      const std::string name = d.file.substr(d.file.rfind('/') + 1);
      const auto dot = name.find('.');
      const auto dash = name.find('-');
      int n = 1;
      if (dot != std::string::npos && dot < dash)
        std::from_chars(name.data() + dot + 1, name.data() + dash, n);
      return n;
    };
    std::stable_sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
      return std::make_tuple(a.decided_at, nth(a), a.file) <
             std::make_tuple(b.decided_at, nth(b), b.file);
    });
    auto& accepted = m_accepted[project];
    for (auto& d : found) {
      d.sequence = ++m_sequence;
      d.rules = d.rules_blob.empty() ? nullptr : office_of(d.rules_blob, nullptr);
      if (!d.rules)
        d.rules = at_base.office;
      if (!d.rules)
        continue;
      // The state only: a verified range's count is its own. In light mode (a reading of the
      // working tree) they are what the range starts from, so they count as proved.
      if (m_opt.files)
        m_out.decisions.push_back(d);
      accepted.push_back(std::move(d));
    }
  }

  // Counts `d` when the project's state, under the decisions accepted so far (each under its own
  // rules) and the process at the parent, lets it take effect; else `reject` says why.
  template <class Reject>
  void accept(const git::CommitFacts& c, model::Decision d, const Snapshot& base, Reject& reject) {
    d.commit = c.id;
    d.sequence = ++m_sequence;
    d.rules = base.office;
    auto& accepted = m_accepted[d.project];
    std::vector<const model::Decision*> so_far;
    for (const auto& prior : accepted)
      so_far.push_back(&prior);
    so_far.push_back(&d);
    if (!judge(d, so_far, *base.office, reject))
      return;
    accepted.push_back(d);
    m_out.decisions.push_back(std::move(d));
  }

  template <class Reject>
  bool judge(const model::Decision& d, const std::vector<const model::Decision*>& so_far,
             const model::Office& office, Reject& reject) {
    if (d.change.empty()) {
      const model::ProjectState state = model::derive_state(office, so_far, m_opt.lang);
      for (const auto& anomaly : state.anomalies)
        if (anomaly.decision == &d)
          return reject(anomaly.code, anomaly.message);
      return true;
    }
    // A change decision: the project is where the CCB decides, and the change still open.
    std::vector<const model::Decision*> gates;
    for (const auto* prior : so_far)
      if (prior->change.empty())
        gates.push_back(prior);
    const model::ProjectState state = model::derive_state(office, gates, m_opt.lang);
    if (state.stage != office.control.ccb.stage)
      return reject("wrong-stage",
                    tr(m_opt.lang, "the project was in stage '{}'; the CCB decides in '{}'",
                       "项目当时处于“{}”阶段；变更控制委员会在“{}”阶段决策", state.stage,
                       office.control.ccb.stage));
    model::ChangeRequest change;
    change.project = d.project;
    change.id = d.change;
    const model::ChangeState cs =
        model::derive_change_state(office.control.ccb, change, so_far, m_opt.lang);
    for (const auto& anomaly : cs.anomalies)
      if (anomaly.decision == &d)
        return reject(anomaly.code, anomaly.message);
    return true;
  }

  static bool same_hex(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) ==
                    std::tolower(static_cast<unsigned char>(y));
           });
  }

  std::string pick(const char* en, const char* zh) const { return model::pick(m_opt.lang, en, zh); }

  const git::Repository& m_repo;
  const git::Graph& m_g;
  Options m_opt;
  std::unique_ptr<git::SshKeygen> m_ssh;
  std::map<const Roster*, std::string> m_allowed; // rosters live in m_rosters
  Ledger m_out;
  std::unordered_set<std::string> m_range;
  std::unordered_map<std::string, Snapshot> m_snaps;
  std::map<std::string, std::shared_ptr<const model::Office>> m_offices;
  std::map<std::string, std::string> m_office_errors;
  std::map<std::string, std::shared_ptr<const Roster>> m_rosters;
  mutable ProjectVersions m_projects; // shared with the readers
  Prepared* m_read = nullptr;         // the slot of the commit being visited, when read ahead
  std::map<std::string, std::vector<const model::Decision*>> m_files;
  std::map<std::string, const model::Project*> m_current_projects;
  std::map<std::string, std::string> m_current_blobs; // project id -> its working-tree blob id
  std::set<const model::Decision*> m_claimed;
  std::map<std::string, std::string> m_recorded; // record path -> its decision commit
  std::map<std::string, model::Timestamp> m_project_since;
  std::map<std::string, std::deque<model::Decision>> m_accepted;
  std::uint64_t m_sequence = 0;
  std::optional<std::string> m_base; // the merge base of a range's A and B
  std::set<std::string> m_seeded;    // projects whose state before the range is seeded
};

} // namespace

Ledger build(const git::Repository& repo, const Options& options) {
  git::Graph graph(repo);
  return Builder(repo, graph, options).run();
}

std::vector<Finding> reconcile(const std::vector<model::Decision>& files, const Ledger& proved,
                               model::Lang lang) {
  std::unordered_map<std::string, const model::Decision*> counted;
  for (const auto& d : proved.decisions)
    counted.emplace(d.file, &d);
  // A file whose commit the ledger refused is named by that refusal already.
  std::unordered_set<std::string> refused;
  for (const auto& f : proved.findings)
    if (!f.file.empty())
      refused.insert(f.file);
  std::vector<Finding> out;
  for (const auto& d : files) {
    auto it = counted.find(d.file);
    if (it == counted.end()) {
      if (refused.contains(d.file))
        continue;
      out.push_back({{},
                     d.file,
                     d.project,
                     "decision-unrecorded",
                     model::pick(lang,
                                 "no decision commit recorded this decision, so it does not count "
                                 "(decisions are recorded by 'pmo review', one commit each)",
                                 "没有任何决策提交记录过此决策，不予计入（决策由 pmo review "
                                 "记录，每项一个提交）")});
      continue;
    }
    const model::Decision& p = *it->second;
    if (d.verdict != p.verdict || d.reviewer != p.reviewer || d.role != p.role ||
        d.gate != p.gate || d.change != p.change || d.decided_at != p.decided_at)
      out.push_back({p.commit, d.file, d.project, "decision-edited",
                     model::tr(lang,
                               "edited after commit {} recorded it ({} {} by {}); the commit "
                               "counts",
                               "在提交 {} 记录之后被修改（{} {}，{}）；以该提交为准",
                               p.commit.substr(0, 7), p.change.empty() ? p.gate : p.change,
                               model::to_string(p.verdict), p.reviewer)});
  }
  return out;
}

} // namespace pmo::ledger
