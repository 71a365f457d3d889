#include <pmo/codec/departments.hpp>
#include <pmo/codec/kinds.hpp>

#include <algorithm>
#include <iterator>
#include <stdexcept>

namespace pmo::codec {

namespace {

using model::Finding;
using model::Lang;
using model::Portfolio;

template <class R> bool take(Decoded<R>& decoded, std::vector<Finding>& findings) {
  const bool ok = decoded.ok();
  findings.insert(findings.end(), std::make_move_iterator(decoded.findings.begin()),
                  std::make_move_iterator(decoded.findings.end()));
  return ok;
}

// The decoders, each as (text, path, language).
Decoded<model::Person> person(std::string_view text, const RecordPath& at, Lang lang) {
  return decode_person(text, at.file, at.stem, lang);
}
Decoded<model::Project> project(std::string_view text, const RecordPath& at, Lang lang) {
  return decode_project(text, at.file, at.project, lang);
}
Decoded<model::Decision> decision(std::string_view text, const RecordPath& at, Lang lang) {
  return decode_decision(text, at.file, at.project, lang);
}
Decoded<model::StatusReport> status(std::string_view text, const RecordPath& at, Lang lang) {
  return decode_status_report(text, at.file, at.project, at.stem, lang);
}
Decoded<model::Risk> risk(std::string_view text, const RecordPath& at, Lang lang) {
  return decode_risk(text, at.file, at.project, at.stem, lang);
}
Decoded<model::Issue> issue(std::string_view text, const RecordPath& at, Lang lang) {
  return decode_issue(text, at.file, at.project, at.stem, lang);
}
Decoded<model::ChangeRequest> change(std::string_view text, const RecordPath& at, Lang lang) {
  return decode_change(text, at.file, at.project, at.stem, lang);
}
Decoded<model::ConditionMet> condition(std::string_view text, const RecordPath& at, Lang lang) {
  return decode_condition_met(text, at.file, at.project, at.stem, lang);
}

// A kind kept as a list of the portfolio.
template <class R, std::vector<R> Portfolio::*List,
          Decoded<R> (*Decode)(std::string_view, const RecordPath&, Lang),
          std::string (*Encode)(const R&)>
struct Listed {
  static bool decode(std::string_view text, const RecordPath& at, Lang lang, Portfolio* into,
                     std::vector<Finding>& findings) {
    auto decoded = Decode(text, at, lang);
    const bool ok = take(decoded, findings);
    if (ok && into)
      (into->*List).push_back(std::move(decoded.value));
    return ok;
  }
  static std::vector<std::string> encode_all(const Portfolio& portfolio) {
    std::vector<std::string> out;
    for (const R& record : portfolio.*List)
      out.push_back(Encode(record));
    return out;
  }
  static void files(const Portfolio& portfolio, std::vector<std::string>& out) {
    for (const R& record : portfolio.*List)
      out.push_back(record.file);
  }
  static std::size_t count(const Portfolio& portfolio) { return (portfolio.*List).size(); }
  static void reserve(Portfolio& portfolio, std::size_t total) { (portfolio.*List).reserve(total); }
  static void move(Portfolio& from, Portfolio& into) {
    auto& source = from.*List;
    auto& target = into.*List;
    target.insert(target.end(), std::make_move_iterator(source.begin()),
                  std::make_move_iterator(source.end()));
    source.clear();
  }
};

// pmo.yaml: the portfolio's office.
struct OfficeKind {
  static bool decode(std::string_view text, const RecordPath& at, Lang lang, Portfolio* into,
                     std::vector<Finding>& findings) {
    auto decoded = decode_office(text, at.file, lang);
    bool ok = take(decoded, findings);
    auto departments = decode_departments(text, at.file, lang); // the roll-up's (混合型 PMO)
    ok = take(departments, findings) && ok;
    if (ok && into)
      into->office = std::move(decoded.value);
    return ok;
  }
  static std::vector<std::string> encode_all(const Portfolio& portfolio) {
    return {encode_office(portfolio.office)};
  }
  static void files(const Portfolio&, std::vector<std::string>& out) {
    out.emplace_back("pmo.yaml");
  }
  static std::size_t count(const Portfolio&) { return 0; }
  static void reserve(Portfolio&, std::size_t) {}
  static void move(Portfolio&, Portfolio&) {}
};

// closure.yaml: part of its project's record.
struct ClosureKind {
  static bool decode(std::string_view text, const RecordPath& at, Lang lang, Portfolio* into,
                     std::vector<Finding>& findings) {
    auto decoded = decode_closure(text, at.file, lang);
    const bool ok = take(decoded, findings);
    if (ok && into && !into->projects.empty() && into->projects.back().id == at.project)
      into->projects.back().closure = std::move(decoded.value);
    return ok;
  }
  static std::vector<std::string> encode_all(const Portfolio& portfolio) {
    std::vector<std::string> out;
    for (const auto& p : portfolio.projects)
      if (p.closure)
        out.push_back(encode_closure(*p.closure));
    return out;
  }
  static void files(const Portfolio& portfolio, std::vector<std::string>& out) {
    for (const auto& p : portfolio.projects)
      if (p.closure)
        out.push_back(p.closure->file);
  }
  static std::size_t count(const Portfolio&) { return 0; }
  static void reserve(Portfolio&, std::size_t) {}
  static void move(Portfolio&, Portfolio&) {}
};

template <class K>
constexpr RecordKind row(std::string_view name, Place place, std::string_view path, Naming naming,
                         std::string_view form_en, std::string_view form_zh,
                         const model::RecordFields& (*fields)()) {
  return RecordKind{name,      place,         path,     naming,   form_en,    form_zh, fields,
                    K::decode, K::encode_all, K::files, K::count, K::reserve, K::move};
}

using P = Portfolio;
using PersonKind = Listed<model::Person, &P::people, person, encode_person>;
using ProjectKind = Listed<model::Project, &P::projects, project, encode_project>;
using StatusKind = Listed<model::StatusReport, &P::status_reports, status, encode_status_report>;
using RiskKind = Listed<model::Risk, &P::risks, risk, encode_risk>;
using IssueKind = Listed<model::Issue, &P::issues, issue, encode_issue>;
using ChangeKind = Listed<model::ChangeRequest, &P::changes, change, encode_change>;
using ConditionKind =
    Listed<model::ConditionMet, &P::conditions_met, condition, encode_condition_met>;
using DecisionKind = Listed<model::Decision, &P::decisions, decision, encode_decision>;

const RecordKind k_kinds[] = {
    row<OfficeKind>("office", Place::office, "pmo.yaml", Naming::id, "pmo.yaml", "pmo.yaml",
                    model::office_fields),
    row<PersonKind>("person", Place::person, "people", Naming::id, "<person-id>.yaml",
                    "<人员标识>.yaml", model::person_fields),
    row<ProjectKind>("project", Place::project, "project.yaml", Naming::id, "project.yaml",
                     "project.yaml", model::project_fields),
    row<ClosureKind>("closure", Place::project_file, "closure.yaml", Naming::id, "closure.yaml",
                     "closure.yaml", model::closure_fields),
    row<StatusKind>("status", Place::project_records, "status", Naming::period, "<period>.yaml",
                    "<报告周期>.yaml", model::status_fields),
    row<RiskKind>("risk", Place::project_records, "risks", Naming::id, "<risk-id>.yaml",
                  "<风险编号>.yaml", model::risk_fields),
    row<IssueKind>("issue", Place::project_records, "issues", Naming::id, "<issue-id>.yaml",
                   "<问题编号>.yaml", model::issue_fields),
    row<ChangeKind>("change", Place::project_records, "changes", Naming::id, "<change-id>.yaml",
                    "<变更编号>.yaml", model::change_fields),
    row<ConditionKind>("condition", Place::project_records, "conditions", Naming::id,
                       "<condition-id>.yaml", "<条件编号>.yaml", model::condition_fields),
    row<DecisionKind>("decision", Place::project_records, "decisions", Naming::decision,
                      "<stamp>-<gate>-<person>.yaml", "<时间>-<关口>-<人员>.yaml",
                      model::decision_fields),
};

} // namespace

std::span<const RecordKind> record_kinds() { return k_kinds; }

const RecordKind& record_kind(Place place) {
  for (const RecordKind& kind : k_kinds)
    if (kind.place == place)
      return kind;
  throw std::logic_error("no record kind at that place");
}

const RecordKind* find_record_kind(std::string_view name) {
  for (const RecordKind& kind : k_kinds)
    if (kind.name == name)
      return &kind;
  return nullptr;
}

std::string schema_path(const RecordKind& kind) {
  return std::string{k_schema_dir} + "/" + std::string{kind.name} + ".json";
}

std::string schema_modeline(const RecordKind& kind) {
  // How deep the record's directory lies below the portfolio's root.
  std::string up;
  switch (kind.place) {
  case Place::office:
    break;
  case Place::person:
    up = "../";
    break;
  case Place::project:
  case Place::project_file:
    up = "../../";
    break;
  case Place::project_records:
    up = "../../../";
    break;
  }
  return "# yaml-language-server: $schema=" + up + schema_path(kind) + "\n";
}

std::string schema_modeline(std::string_view kind) {
  const RecordKind* found = find_record_kind(kind);
  if (!found)
    throw std::logic_error("no record kind " + std::string{kind});
  return schema_modeline(*found);
}

std::vector<std::string> record_files(const model::Portfolio& portfolio) {
  std::vector<std::string> out;
  for (const RecordKind& kind : k_kinds)
    kind.files(portfolio, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

} // namespace pmo::codec
