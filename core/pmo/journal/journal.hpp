#pragma once
// The decision journal: the one place that knows what a decision commit is. How its message and
// trailers are written and read, where its record lives, who must author it, and what else it may
// contain (nothing). `pmo review` composes with it; the ledger, `pmo verify`, status and report
// parse with it. Plain text and paths: no git, no files.

#include <pmo/model/records.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pmo::journal {

// The trailer keys of a decision commit, in the order they are written.
inline constexpr std::string_view k_project = "Pmo-Project";
inline constexpr std::string_view k_gate = "Pmo-Gate";
inline constexpr std::string_view k_change = "Pmo-Change";
inline constexpr std::string_view k_decision = "Pmo-Decision";
inline constexpr std::string_view k_reviewer = "Pmo-Reviewer";
inline constexpr std::string_view k_role = "Pmo-Role";

// What a decision commit says of itself.
struct Entry {
  std::string project;
  std::string gate;   // empty for a change decision
  std::string change; // the change request the CCB decided; empty for a gate decision
  model::Verdict verdict = model::Verdict::approve;
  std::string reviewer;
  std::string role;

  const std::string& subject() const { return change.empty() ? gate : change; }
};

// Whether a commit's trailers claim a decision (it carries Pmo-Decision).
bool is_decision_commit(const std::map<std::string, std::string>& trailers);

// The decision a commit's trailers record. nullopt with `error` set when they claim a decision
// but are incomplete or malformed; nullopt with `error` empty when they claim none.
std::optional<Entry> parse(const std::map<std::string, std::string>& trailers, std::string* error);

// The trailers of a decision commit, in order.
std::vector<std::pair<std::string, std::string>> trailers(const model::Decision& decision);

// The whole message of a decision commit: subject, body lines, trailers last (git::compose_message
// flattens user text, so it cannot add or change a trailer).
std::string message(std::string_view subject, const std::vector<std::string>& body,
                    const model::Decision& decision);

// "projects/<project>/decisions/", portfolio-relative.
std::string decisions_dir(std::string_view project);

// A decision record's file name: "<YYYYMMDDTHHMMSSZ>-<gate or change>-<reviewer>.yaml"; the
// second, third decision of a project in the same second get ".2", ".3" after the stamp, so that
// names sort in the order the decisions were recorded.
std::string file_name(model::Timestamp at, std::string_view subject, std::string_view reviewer,
                      int nth = 1);
// The name for a new decision among the names already in its project's decisions/.
std::string free_file_name(model::Timestamp at, std::string_view subject, std::string_view reviewer,
                           const std::vector<std::string>& taken);
// Whether `name` is the file name of a decision at `at` on `subject` by `reviewer` (any nth).
bool is_file_name_of(std::string_view name, model::Timestamp at, std::string_view subject,
                     std::string_view reviewer);

// A portfolio-relative path of a decision record, split: "projects/P/decisions/N.yaml".
struct RecordPath {
  std::string project;
  std::string name;
};
std::optional<RecordPath> parse_record_path(std::string_view path);

// The author a decision commit must have: the reviewer's name and e-mail in the roster (a person
// without an e-mail signs as <id>@pmo.invalid).
std::pair<std::string, std::string> author_of(const model::Person& reviewer);

// The principal a person signs decisions as, in the allowed-signers file pmo checks signatures
// with: their commit e-mail (author_of) when it names only itself in such a file, else
// <id>@pmo.invalid.
std::string signer_principal(const model::Person& person);

// The allowed-signers file (ssh-keygen -Y verify -f) of these people: each with an ssh_key, as
// signer_principal, for the namespace "git".
std::string allowed_signers(const std::vector<const model::Person*>& people);

// Whether a commit author is that person: the e-mail (case-insensitive) and the name.
bool is_authored_by(std::string_view author_name, std::string_view author_email,
                    const model::Person& person);

// Who may change the process (pmo.yaml) and the roster (people/), as `portfolio` stands: the
// people holding one of the office's `ledger.rule_changes` roles and not retired, in roster order.
std::vector<const model::Person*> rule_changers(const model::Portfolio& portfolio);
// Whether anybody holds such a role, retired or not. While nobody does (an office being set up),
// anyone may change both; once somebody has, only rule_changers may (a retired holder keeps the
// office guarded, so retiring the last one does not open it to everyone).
bool rules_guarded(const model::Portfolio& portfolio);

// The person of `people` whose e-mail is `email` (case-insensitive; a person without an e-mail
// is <id>@pmo.invalid), or nullptr.
const model::Person* person_with_email(const std::vector<const model::Person*>& people,
                                       std::string_view email);

// What a decision's record must agree on with its commit: the differences, as "field: record
// says X, the commit says Y" (empty when they agree). `authored` is the commit's author time.
std::vector<std::string> disagreements(const Entry& entry, model::Timestamp authored,
                                       const model::Decision& record, std::string_view project);

} // namespace pmo::journal
