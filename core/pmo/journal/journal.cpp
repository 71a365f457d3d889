#include <pmo/git/repo.hpp>
#include <pmo/journal/journal.hpp>
#include <pmo/model/ids.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace pmo::journal {

namespace {

std::string get(const std::map<std::string, std::string>& trailers, std::string_view key) {
  auto it = trailers.find(std::string(key));
  return it == trailers.end() ? std::string{} : it->second;
}

// "20261121T093000Z-G1-lina" for a decision at that time on G1 by lina.
std::string stem(model::Timestamp at, std::string_view subject, std::string_view reviewer) {
  std::string name = model::decision_file_name(at, subject, reviewer);
  name.resize(name.size() - 5); // ".yaml"
  return name;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool same_email(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

} // namespace

bool is_decision_commit(const std::map<std::string, std::string>& trailers) {
  return trailers.count(std::string(k_decision)) > 0;
}

std::optional<Entry> parse(const std::map<std::string, std::string>& trailers, std::string* error) {
  auto fail = [&](std::string why) -> std::optional<Entry> {
    if (error)
      *error = std::move(why);
    return std::nullopt;
  };
  if (error)
    error->clear();
  if (!is_decision_commit(trailers))
    return std::nullopt;
  Entry entry;
  entry.project = get(trailers, k_project);
  entry.gate = get(trailers, k_gate);
  entry.change = get(trailers, k_change);
  entry.reviewer = get(trailers, k_reviewer);
  entry.role = get(trailers, k_role);
  const std::string verdict = get(trailers, k_decision);
  if (!model::is_valid_id(entry.project))
    return fail(fmt::format("{} '{}' is not a project id", k_project, entry.project));
  if (entry.gate.empty() == entry.change.empty())
    return fail(fmt::format("a decision commit names either {} or {}", k_gate, k_change));
  if (!model::is_valid_id(entry.subject()))
    return fail(fmt::format("'{}' is not a gate or change request id", entry.subject()));
  if (!model::is_valid_id(entry.reviewer))
    return fail(fmt::format("{} '{}' is not a person id", k_reviewer, entry.reviewer));
  if (!model::is_valid_id(entry.role))
    return fail(fmt::format("{} '{}' is not a role id", k_role, entry.role));
  auto parsed = model::parse_verdict(verdict);
  if (!parsed)
    return fail(fmt::format("{} '{}' is not a decision", k_decision, verdict));
  entry.verdict = *parsed;
  return entry;
}

std::vector<std::pair<std::string, std::string>> trailers(const model::Decision& d) {
  const bool on_change = !d.change.empty();
  return {{std::string(k_project), d.project},
          {std::string(on_change ? k_change : k_gate), on_change ? d.change : d.gate},
          {std::string(k_decision), std::string(model::to_string(d.verdict))},
          {std::string(k_reviewer), d.reviewer},
          {std::string(k_role), d.role}};
}

std::string message(std::string_view subject, const std::vector<std::string>& body,
                    const model::Decision& decision) {
  return git::compose_message(subject, body, trailers(decision));
}

std::string decisions_dir(std::string_view project) {
  return fmt::format("projects/{}/decisions/", project);
}

std::string file_name(model::Timestamp at, std::string_view subject, std::string_view reviewer,
                      int nth) {
  if (nth <= 1)
    return model::decision_file_name(at, subject, reviewer);
  const std::string name = model::decision_file_name(at, subject, reviewer);
  const auto dash = name.find('-'); // after the stamp
  return fmt::format("{}.{}{}", name.substr(0, dash), nth, name.substr(dash));
}

std::string free_file_name(model::Timestamp at, std::string_view subject, std::string_view reviewer,
                           const std::vector<std::string>& taken) {
  // Decisions of the same second are numbered in the order they were recorded, so that their
  // names sort in that order ("…Z-G1-zed", "…Z.2-G1-amy").
  const std::string stamp = stem(at, "", "").substr(0, stem(at, "", "").find('-'));
  int nth = 1;
  for (const auto& name : taken)
    if (name.starts_with(stamp) && name.size() > stamp.size() &&
        (name[stamp.size()] == '-' || name[stamp.size()] == '.'))
      nth += 1;
  for (;; ++nth) {
    std::string name = file_name(at, subject, reviewer, nth);
    if (std::find(taken.begin(), taken.end(), name) == taken.end())
      return name;
  }
}

bool is_file_name_of(std::string_view name, model::Timestamp at, std::string_view subject,
                     std::string_view reviewer) {
  const std::string plain = model::decision_file_name(at, subject, reviewer);
  if (name == plain)
    return true;
  const auto dash = plain.find('-');
  const std::string_view stamp = std::string_view(plain).substr(0, dash);
  const std::string_view rest = std::string_view(plain).substr(dash);
  if (!name.starts_with(stamp) || !name.ends_with(rest) ||
      name.size() < stamp.size() + rest.size() + 2 || name[stamp.size()] != '.')
    return false;
  const std::string_view number =
      name.substr(stamp.size() + 1, name.size() - stamp.size() - 1 - rest.size());
  int nth = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), nth);
  return ec == std::errc{} && end == number.data() + number.size() && nth >= 2 &&
         number.front() != '0';
}

std::optional<RecordPath> parse_record_path(std::string_view path) {
  constexpr std::string_view k_projects = "projects/";
  constexpr std::string_view k_decisions = "/decisions/";
  if (!path.starts_with(k_projects))
    return std::nullopt;
  path.remove_prefix(k_projects.size());
  const auto slash = path.find('/');
  if (slash == std::string_view::npos)
    return std::nullopt;
  RecordPath out{std::string(path.substr(0, slash)), {}};
  path.remove_prefix(slash);
  if (!path.starts_with(k_decisions))
    return std::nullopt;
  path.remove_prefix(k_decisions.size());
  if (path.empty() || path.find('/') != std::string_view::npos || !path.ends_with(".yaml"))
    return std::nullopt;
  out.name = std::string(path);
  return out;
}

std::pair<std::string, std::string> author_of(const model::Person& reviewer) {
  return {reviewer.name, reviewer.email.empty() ? reviewer.id + "@pmo.invalid" : reviewer.email};
}

std::string signer_principal(const model::Person& person) {
  std::string email = author_of(person).second;
  return git::is_literal_principal(email) ? email : person.id + "@pmo.invalid";
}

std::string allowed_signers(const std::vector<const model::Person*>& people) {
  std::vector<git::AllowedSigner> signers;
  for (const model::Person* person : people)
    if (auto key = git::parse_public_key(person->ssh_key))
      signers.push_back(git::AllowedSigner{signer_principal(*person), *key});
  return git::allowed_signers_text(signers);
}

bool is_authored_by(std::string_view author_name, std::string_view author_email,
                    const model::Person& person) {
  const auto [name, email] = author_of(person);
  return author_name == name && same_email(author_email, email);
}

namespace {
bool holds_rule_role(const model::Portfolio& portfolio, const model::Person& person) {
  const auto& roles = portfolio.office.ledger.rule_changes;
  return std::any_of(roles.begin(), roles.end(),
                     [&](const std::string& role) { return person.has_role(role); });
}
} // namespace

std::vector<const model::Person*> rule_changers(const model::Portfolio& portfolio) {
  std::vector<const model::Person*> out;
  for (const auto& person : portfolio.people)
    if (!person.retired && holds_rule_role(portfolio, person))
      out.push_back(&person);
  return out;
}

bool rules_guarded(const model::Portfolio& portfolio) {
  return std::any_of(
      portfolio.people.begin(), portfolio.people.end(),
      [&](const model::Person& person) { return holds_rule_role(portfolio, person); });
}

const model::Person* person_with_email(const std::vector<const model::Person*>& people,
                                       std::string_view email) {
  for (const model::Person* person : people)
    if (same_email(author_of(*person).second, email))
      return person;
  return nullptr;
}

std::vector<std::string> disagreements(const Entry& entry, model::Timestamp authored,
                                       const model::Decision& record, std::string_view project) {
  std::vector<std::string> out;
  auto compare = [&](std::string_view field, std::string_view in_record,
                     std::string_view in_commit) {
    if (in_record != in_commit)
      out.push_back(fmt::format("{}: the record says '{}', the commit says '{}'", field, in_record,
                                in_commit));
  };
  compare("project", project, entry.project);
  compare("gate", record.gate, entry.gate);
  compare("change", record.change, entry.change);
  compare("decision", model::to_string(record.verdict), model::to_string(entry.verdict));
  compare("reviewer", record.reviewer, entry.reviewer);
  compare("role", record.role, entry.role);
  compare("decided_at", model::format_timestamp(record.decided_at),
          model::format_timestamp(authored));
  return out;
}

} // namespace pmo::journal
