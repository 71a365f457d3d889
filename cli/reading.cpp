#include "reading.hpp"

#include "progress.hpp"

#include <pmo/codec/records.hpp>
#include <pmo/ledger/ledger.hpp>
#include <pmo/model/ids.hpp>
#include <pmo/model/lifecycle.hpp>
#include <pmo/report/text.hpp>
#include <pmo/store/loader.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <unistd.h>

namespace pmo::cli {

namespace {

// The project a portfolio-relative path belongs to ("projects/<id>/…").
std::optional<std::string> project_of_path(std::string_view path) {
  if (!path.starts_with("projects/"))
    return std::nullopt;
  path.remove_prefix(9);
  const auto slash = path.find('/');
  if (slash == std::string_view::npos || slash == 0)
    return std::nullopt;
  return std::string(path.substr(0, slash));
}

// Shows on stderr what history does not prove, and takes note of the projects concerned.
void apply_ledger(const Context& ctx, Reading& r, const std::optional<std::string>& project) {
  LedgerScope scope;
  if (project) { // the project, and the ones it depends on that were loaded with it
    scope.projects.insert(*project);
    for (const auto& p : r.loaded.portfolio.projects)
      scope.projects.insert(p.id);
  }
  LedgerReading view = follow_ledger(ctx, r.ws, r.loaded.portfolio, r.lang, scope);
  if (!view.not_proved.empty() && !r.loaded.portfolio.decisions.empty())
    *ctx.err << view.not_proved << '\n';
  for (const auto& f : view.findings) {
    if (f.project.empty()) { // a change of the process or the roster that does not take effect
      *ctx.err << model::tr(r.lang, "warning: {}", "警告：{}", f.message) << '\n';
      continue;
    }
    r.unproved.push_back(f.file.empty() ? f.message : f.file + ": " + f.message);
    r.affected_projects.insert(f.project);
  }
  if (!view.office_note.empty())
    *ctx.err << view.office_note << '\n';
  if (!r.unproved.empty()) {
    *ctx.err << model::tr(r.lang,
                          "warning: history does not prove {} decision record(s); history "
                          "counts, not the files:",
                          "警告：有 {} 项决策记录未经历史证明；以历史为准，而非文件：",
                          r.unproved.size())
             << '\n';
    for (const auto& line : r.unproved)
      *ctx.err << "  " << line << '\n';
  }
}

// Pins the repository to the last commit at or before `as_of` (report --period).
void pin_to(Reading& r, model::Timestamp as_of) {
  const std::string day = model::format_date(std::chrono::floor<std::chrono::days>(as_of));
  if (!r.ws.repo || r.ws.repo->head_unborn())
    throw Failure(k_exit_env,
                  model::pick(r.lang,
                              "a report of a past period is made from the portfolio's "
                              "git history, and there is none here",
                              "过去周期的报告依据项目组合的 git 历史生成，而这里没有历史"));
  const auto commit = r.ws.repo->last_commit_until(as_of);
  if (!commit)
    throw Failure(k_exit_findings,
                  model::tr(r.lang,
                            "no commit of the portfolio by the end of {}: its history starts later",
                            "到 {} 结束时项目组合还没有任何提交：其历史开始得更晚", day));
  r.ws.repo->pin(*commit);
}

Reading load_reading(const Context& ctx, const std::optional<std::string>& project,
                     std::optional<model::Timestamp> as_of) {
  Reading r{open_workspace(ctx, false), {}, model::Lang::en, 0, {}, {}};
  r.lang = early_language(ctx, &r.ws);
  if (as_of)
    pin_to(r, *as_of);
  auto load = [&] {
    if (!project) {
      Progress progress(ctx, model::pick(r.lang, "reading the records", "读取记录"));
      return load_working_tree(r.ws, r.lang);
    }
    return store::load_project(*record_store(r.ws), r.lang, *project);
  };
  r.loaded = load();
  if (r.loaded.office_ok && ctx.language(r.loaded.portfolio.office.language) != r.lang) {
    r.lang = ctx.language(r.loaded.portfolio.office.language); // the cheap guess was wrong
    r.loaded = load();
  }
  if (!r.loaded.office_ok)
    require_loadable(r.loaded, r.lang); // throws
  std::set<std::string> bad;
  for (const auto& finding : r.loaded.findings)
    if (finding.severity == model::Severity::error) {
      bad.insert(finding.where.file);
      if (auto id = project_of_path(finding.where.file))
        r.affected_projects.insert(*id);
    }
  r.unreadable_files = static_cast<int>(bad.size());
  if (r.unreadable_files > 0)
    *ctx.err << model::tr(r.lang,
                          "warning: {} record file(s) could not be read and are left out; "
                          "run 'pmo validate' for details",
                          "警告：有 {} 个记录文件无法读取，已略过；详情请运行 pmo validate",
                          r.unreadable_files)
             << '\n';
  apply_ledger(ctx, r, project);
  attach_approved_plans(r.ws, r.loaded.portfolio, r.lang);
  if (!r.affected_projects.empty())
    *ctx.err << model::tr(r.lang,
                          "warning: what is shown of {} may be incomplete; run 'pmo validate' "
                          "and 'pmo verify'",
                          "警告：{} 的显示内容可能不完整；请运行 pmo validate 和 pmo verify",
                          fmt::join(r.affected_projects, ", "))
             << '\n';
  return r;
}

// The decision file a review commit wrote, portfolio-relative, from the commit alone: pmo names
// it decision_file_name(decided_at, gate or change, reviewer) and authors the commit at
// decided_at (cmd_review). "" when the commit records no decision.
std::string decision_path(const git::HistoryEntry& entry) {
  auto trailer = [&](const char* key) -> std::string {
    auto it = entry.trailers.find(key);
    return it == entry.trailers.end() ? std::string{} : it->second;
  };
  std::string project = trailer("Pmo-Project");
  std::string subject = trailer("Pmo-Gate");
  if (subject.empty())
    subject = trailer("Pmo-Change");
  std::string reviewer = trailer("Pmo-Reviewer");
  if (trailer("Pmo-Decision").empty() || !model::is_valid_id(project) ||
      !model::is_valid_id(subject) || !model::is_valid_id(reviewer))
    return {};
  return "projects/" + project + "/decisions/" +
         model::decision_file_name(entry.when, subject, reviewer);
}

// Hex object ids, whatever the case the decision record wrote them in.
bool same_blob(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

} // namespace

LedgerReading follow_ledger(const Context& ctx, const Workspace& ws, model::Portfolio& portfolio,
                            model::Lang lang, const LedgerScope& scope) {
  LedgerReading view;
  auto from_files = [&](std::string why) {
    view.not_proved = std::move(why);
    attach_rules(ws, portfolio, lang);
    return view;
  };
  if (!ws.repo || ws.repo->head_unborn())
    return from_files({});
  ledger::Options options;
  options.prefix = ws.prefix;
  options.lang = lang;
  options.now = ctx.clock.now;
  options.readers = ctx.history_readers;
  if (ws.repo->pinned())
    options.tip = ws.repo->head_id(); // a report of the past: history up to that commit
  options.files = &portfolio.decisions;
  options.projects = &portfolio.projects;
  options.only_projects = scope.projects;
  options.since = scope.since;
  ledger::Ledger proved;
  try {
    Progress progress(ctx, model::pick(lang, "reading history", "读取历史"));
    options.progress = [&](std::size_t done, std::size_t total) { progress.count(done, total); };
    proved = ledger::build(*ws.repo, options);
  } catch (const git::GitError& error) {
    return from_files(model::tr(lang,
                                "warning: the history could not be read ({}); decisions are "
                                "taken from the files, not proved",
                                "警告：无法读取历史（{}）；决策取自文件，未经历史证明",
                                error.what()));
  } catch (const std::invalid_argument&) {
    return from_files({});
  }
  if (proved.shallow)
    return from_files(
        model::pick(lang,
                    "warning: a shallow clone: decisions are taken from the files, "
                    "not proved by history (git fetch --unshallow)",
                    "警告：浅克隆：决策取自文件，未经历史证明（git fetch --unshallow）"));
  view.from_history = true;
  // A committed pmo.yaml that did not take effect (changed by someone not authorised) does not
  // decide what is shown either: the process in force does. An uncommitted edit stays (it is
  // judged when it is committed).
  if (!proved.committed_office_in_force && proved.office) {
    std::optional<std::string> on_disk;
    try {
      on_disk = record_store(ws)->read("pmo.yaml");
    } catch (const store::StoreError&) {
    }
    if (on_disk &&
        git::Repository::blob_id(*on_disk) == ws.repo->head_blob_id(ws.prefix + "pmo.yaml")) {
      portfolio.office = *proved.office;
      view.office_note = model::pick(
          lang,
          "warning: pmo.yaml as committed is not in force (see above); what is shown follows the "
          "pmo.yaml last changed by someone the office authorises",
          "警告：已提交的 pmo.yaml 未生效（见上）；显示内容依据最后一次由授权人员修改的 pmo.yaml");
    }
  }
  view.findings = ledger::reconcile(portfolio.decisions, proved, lang);
  for (auto& f : proved.findings)
    view.findings.push_back(std::move(f));
  portfolio.decisions = std::move(proved.decisions);
  portfolio.sort_decisions();
  return view;
}

int Reading::exit_code() const {
  return unreadable_files > 0 || !unproved.empty() ? k_exit_findings : k_exit_ok;
}

void attach_rules(const Workspace& ws, model::Portfolio& portfolio, model::Lang lang) {
  if (!ws.repo)
    return;
  std::map<std::string, std::shared_ptr<const model::Office>> offices;
  for (auto& d : portfolio.decisions) {
    if (d.rules_blob.empty() || d.rules)
      continue;
    auto [it, fresh] = offices.try_emplace(d.rules_blob);
    if (fresh) {
      std::optional<std::string> text;
      try {
        text = ws.repo->read_blob(d.rules_blob);
      } catch (const git::GitError&) {
      }
      if (text) {
        auto decoded = codec::decode_office(*text, "pmo.yaml", lang);
        if (decoded.ok())
          it->second = std::make_shared<const model::Office>(std::move(decoded.value));
      }
    }
    d.rules = it->second;
  }
}

Reading read_working_tree(const Context& ctx, std::optional<model::Timestamp> as_of) {
  return load_reading(ctx, std::nullopt, as_of);
}

Reading read_project(const Context& ctx, const std::string& id,
                     std::optional<model::Timestamp> as_of) {
  return load_reading(ctx, id, as_of);
}

void attach_approved_plans(const Workspace& ws, model::Portfolio& portfolio, model::Lang lang) {
  if (!ws.repo)
    return;
  const std::string& gate = portfolio.office.control.baseline_gate;
  const std::unique_ptr<store::Store> files = record_store(ws);
  for (const auto& project : portfolio.projects) {
    auto state = model::derive_state(portfolio.office, portfolio.decisions_of(project.id), lang);
    const model::GateProgress* progress = state.progress(gate);
    if (!progress || !progress->last_passed_by || progress->last_passed_by->record.empty())
      continue;
    const std::string& approved_blob = progress->last_passed_by->record;
    // Unchanged since the approval (the usual case): the record already loaded is the plan, and
    // a project without an entry uses it. Compared by blob id, so nothing is read from git.
    std::optional<std::string> current;
    try {
      current = files->read(project.file);
    } catch (const store::StoreError&) {
    }
    if (current && same_blob(git::Repository::blob_id(*current), approved_blob))
      continue;
    std::optional<std::string> text;
    try {
      text = ws.repo->read_blob(approved_blob);
    } catch (const git::GitError&) {
      continue;
    }
    if (!text)
      continue;
    auto decoded = codec::decode_project(*text, project.file, project.id, lang);
    if (decoded.ok())
      portfolio.approved_plans.emplace(project.id, std::move(decoded.value));
  }
}

std::string person_text(const model::Portfolio& portfolio, const std::string& id,
                        model::Lang lang) {
  if (id.empty())
    return {};
  const model::Person* person = portfolio.person(id);
  return person ? report::name_with_id(person->name, id, lang) : id;
}

bool data_color(const Context& ctx) {
  return ctx.color && (ctx.color_forced || (ctx.out == &std::cout && ::isatty(STDOUT_FILENO) != 0));
}

History read_history(const Workspace& ws, model::Lang lang, std::optional<model::Timestamp> since,
                     const std::set<std::string>* wanted) {
  History history;
  if (!ws.repo) {
    history.unavailable = model::pick(lang, "not a git repository", "不是 git 仓库");
    return history;
  }
  std::vector<report::HistoryRecord> records;
  if (wanted && wanted->empty()) {
    history.records = std::move(records); // nothing to look for
    return history;
  }
  std::set<std::string> seen;
  // The projects of the wanted paths ("projects/<id>/decisions/"): other commits are skipped.
  std::set<std::string, std::less<>> wanted_dirs;
  if (wanted)
    for (const auto& path : *wanted)
      wanted_dirs.insert(path.substr(0, path.rfind('/') + 1));
  // No tree is read for a commit whose decision file its trailers name (a diff reads every tree
  // on the way, and grows with the portfolio). Only when a wanted project has a decision commit
  // whose file is not among the wanted ones (named by hand) is that project's decisions/
  // directory compared with the parent's.
  std::string predicted; // the current commit's decision_path, shared by the two callbacks
  bool skip = false;     // the current commit is of no wanted project
  git::HistoryQuery query;
  query.since = since;
  query.added_under = [&](const git::HistoryEntry& entry) -> std::optional<std::string> {
    predicted.clear();
    skip = false;
    if (wanted) {
      auto project = entry.trailers.find("Pmo-Project");
      skip = project == entry.trailers.end() ||
             !wanted_dirs.count("projects/" + project->second + "/decisions/");
      if (skip)
        return std::nullopt;
    }
    predicted = decision_path(entry);
    if (!wanted || predicted.empty() || wanted->count(predicted))
      return std::nullopt;
    return ws.prefix + predicted.substr(0, predicted.rfind('/') + 1);
  };
  try {
    ws.repo->walk_history(
        [&](const git::HistoryEntry& entry) {
          if (skip)
            return true;
          report::HistoryRecord record;
          record.commit = entry.commit;
          record.when = entry.when;
          record.trailers = entry.trailers;
          for (const auto& path : entry.added_paths) {
            if (path.compare(0, ws.prefix.size(), ws.prefix) != 0)
              continue; // outside the portfolio's directory
            record.added_paths.push_back(path.substr(ws.prefix.size()));
          }
          if (record.added_paths.empty() && !predicted.empty())
            record.added_paths.push_back(predicted);
          if (wanted)
            for (const auto& path : record.added_paths)
              if (wanted->count(path))
                seen.insert(path);
          records.push_back(std::move(record));
          return !wanted || seen.size() < wanted->size();
        },
        query);
  } catch (const git::GitError& error) {
    // A shallow clone or a damaged repository: the report still has everything else.
    history.unavailable =
        model::tr(lang, "git history could not be read: {}", "无法读取 git 历史：{}", error.what());
    return history;
  }
  history.records = std::move(records);
  return history;
}

std::optional<model::ReportCommits> report_commits(const Workspace& ws, model::Lang lang,
                                                   int year) {
  using namespace std::chrono;
  const model::Timestamp since{sys_days{std::chrono::year{year - 1} / December / 1}};
  History history = read_history(ws, lang, since);
  if (!history.records)
    return std::nullopt;
  model::ReportCommits out;
  // Newest first: the oldest commit of a report (before any --amend) is written last.
  for (const auto& record : *history.records) {
    auto project = record.trailers.find("Pmo-Project");
    auto period = record.trailers.find("Pmo-Status");
    if (project != record.trailers.end() && period != record.trailers.end())
      out[{project->second, period->second}] = record.when;
  }
  return out;
}

ProjectPage project_page(const Context& ctx, const Reading& r, const std::string& id) {
  const model::Lang lang = r.lang;
  if (!model::is_valid_id(id))
    throw Failure(k_exit_usage, model::tr(lang, "'{}' is not a valid project id",
                                          "“{}”不是有效的项目编号", report::terminal_safe(id)));
  const model::Portfolio& portfolio = r.loaded.portfolio;
  ProjectPage page;
  page.project = portfolio.project(id);
  if (!page.project) {
    const std::string file = "projects/" + id + "/project.yaml";
    for (const auto& finding : r.loaded.findings)
      if (finding.where.file == file && finding.severity == model::Severity::error)
        throw Failure(k_exit_findings, model::tr(lang, "{} could not be read; run 'pmo validate'",
                                                 "{} 无法读取；请运行 pmo validate", file));
    throw Failure(k_exit_findings,
                  model::tr(lang, "no project '{}' in this portfolio", "组合中没有项目“{}”", id));
  }
  std::set<std::string> wanted;
  for (const model::Decision* d : portfolio.decisions_of(page.project->id))
    wanted.insert(d->file);
  page.history = read_history(r.ws, lang, std::nullopt, &wanted);
  page.detail = report::project_detail(portfolio, *page.project,
                                       page.history.records ? &*page.history.records : nullptr,
                                       ctx.clock, lang);
  return page;
}

} // namespace pmo::cli
