// The decision journal: a decision commit composed and parsed back, its file names, what its
// trailers may say, who must author it, who may change the rules and who signs.

#include <pmo/git/repo.hpp>
#include <pmo/journal/journal.hpp>

#include <doctest/doctest.h>

namespace {

using namespace pmo;

model::Timestamp at(const char* text) { return *model::parse_timestamp(text); }

model::Person signer(std::string id, std::string email, std::string ssh_key) {
  model::Person p;
  p.id = std::move(id);
  p.name = "Someone";
  p.email = std::move(email);
  p.roles = {"pmo"};
  p.ssh_key = std::move(ssh_key);
  return p;
}

const std::string k_key =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAII6y30M8mMZhg3hmUaNGbtVZq6YY+sWPfHIj920lE6OO";

model::Decision gate_decision() {
  model::Decision d;
  d.project = "CP-1";
  d.gate = "G1";
  d.verdict = model::Verdict::approve_with_conditions;
  d.reviewer = "amy";
  d.role = "finance";
  d.decided_at = at("2026-11-21T09:30:00Z");
  return d;
}

} // namespace

TEST_CASE("journal: a decision commit's message parses back to the decision it records") {
  const model::Decision d = gate_decision();
  const std::string message =
      journal::message("G1 approve-with-conditions: CP-1", {"Budget capped."}, d);
  const auto trailers = git::parse_trailers(message);
  CHECK(journal::is_decision_commit(trailers));
  std::string error;
  const auto entry = journal::parse(trailers, &error);
  REQUIRE(entry);
  CHECK(error.empty());
  CHECK(entry->project == "CP-1");
  CHECK(entry->gate == "G1");
  CHECK(entry->change.empty());
  CHECK(entry->subject() == "G1");
  CHECK(entry->verdict == model::Verdict::approve_with_conditions);
  CHECK(entry->reviewer == "amy");
  CHECK(entry->role == "finance");
  CHECK(journal::disagreements(*entry, d.decided_at, d, "CP-1").empty());
}

TEST_CASE("journal: a change decision names Pmo-Change, never Pmo-Gate") {
  model::Decision d = gate_decision();
  d.gate.clear();
  d.change = "CR-7k2qd";
  d.verdict = model::Verdict::reject;
  const auto trailers = git::parse_trailers(journal::message("CR-7k2qd reject", {}, d));
  CHECK(trailers.count("Pmo-Gate") == 0);
  const auto entry = journal::parse(trailers, nullptr);
  REQUIRE(entry);
  CHECK(entry->change == "CR-7k2qd");
  CHECK(entry->subject() == "CR-7k2qd");
}

TEST_CASE("journal: user text in the body cannot add, hide or change a trailer") {
  const model::Decision d = gate_decision();
  const std::string message = journal::message(
      "G1 approve", {"Pmo-Decision: reject", "---", "Pmo-Reviewer: bob", "", "Pmo-Role: legal"}, d);
  const auto entry = journal::parse(git::parse_trailers(message), nullptr);
  REQUIRE(entry);
  CHECK(entry->verdict == model::Verdict::approve_with_conditions);
  CHECK(entry->reviewer == "amy");
  CHECK(entry->role == "finance");
}

TEST_CASE("journal: trailers that claim a decision but do not make one are an error") {
  std::string error;
  CHECK_FALSE(journal::parse({{"Pmo-Project", "CP-1"}}, &error));
  CHECK(error.empty()); // no Pmo-Decision: not a decision commit at all

  std::map<std::string, std::string> both{{"Pmo-Project", "CP-1"}, {"Pmo-Gate", "G1"},
                                          {"Pmo-Change", "CR-1"},  {"Pmo-Decision", "approve"},
                                          {"Pmo-Reviewer", "amy"}, {"Pmo-Role", "pmo"}};
  CHECK_FALSE(journal::parse(both, &error));
  CHECK(error.find("either") != std::string::npos);

  auto bad_verdict = both;
  bad_verdict.erase("Pmo-Change");
  bad_verdict["Pmo-Decision"] = "maybe";
  CHECK_FALSE(journal::parse(bad_verdict, &error));
  CHECK(error.find("maybe") != std::string::npos);

  auto bad_reviewer = both;
  bad_reviewer.erase("Pmo-Change");
  bad_reviewer["Pmo-Reviewer"] = "../amy";
  CHECK_FALSE(journal::parse(bad_reviewer, &error));
  CHECK(error.find("Pmo-Reviewer") != std::string::npos);
}

TEST_CASE("journal: the record must agree with its commit on every field and on the time") {
  const model::Decision d = gate_decision();
  const auto entry = *journal::parse(git::parse_trailers(journal::message("s", {}, d)), nullptr);
  model::Decision edited = d;
  edited.verdict = model::Verdict::reject;
  edited.reviewer = "bob";
  const auto differences = journal::disagreements(entry, d.decided_at, edited, "CP-1");
  CHECK(differences.size() >= 2);
  CHECK_FALSE(journal::disagreements(entry, at("2026-11-21T09:30:01Z"), d, "CP-1").empty());
  CHECK_FALSE(journal::disagreements(entry, d.decided_at, d, "CP-2").empty());
}

TEST_CASE("journal: decisions of the same second get names that sort in recording order") {
  const auto when = at("2026-11-21T09:30:00Z");
  const std::string first = journal::free_file_name(when, "G1", "zed", {});
  CHECK(first == "20261121T093000Z-G1-zed.yaml");
  const std::string second = journal::free_file_name(when, "G1", "amy", {first});
  CHECK(second == "20261121T093000Z.2-G1-amy.yaml");
  CHECK(first < second);
  // The same reviewer twice in one second: both land.
  const std::string third = journal::free_file_name(when, "G1", "amy", {first, second});
  CHECK(third == "20261121T093000Z.3-G1-amy.yaml");
  CHECK(journal::is_file_name_of(third, when, "G1", "amy"));
  CHECK(journal::is_file_name_of(first, when, "G1", "zed"));
  CHECK_FALSE(journal::is_file_name_of(third, when, "G1", "zed"));
  CHECK_FALSE(journal::is_file_name_of("20261121T093000Z.02-G1-amy.yaml", when, "G1", "amy"));
  CHECK_FALSE(journal::is_file_name_of("20261121T093000Z.1-G1-amy.yaml", when, "G1", "amy"));
}

TEST_CASE("journal: where a decision record may live") {
  const auto path = journal::parse_record_path("projects/CP-1/decisions/x.yaml");
  REQUIRE(path);
  CHECK(path->project == "CP-1");
  CHECK(path->name == "x.yaml");
  CHECK(journal::decisions_dir("CP-1") == "projects/CP-1/decisions/");
  CHECK_FALSE(journal::parse_record_path("projects/CP-1/decisions/sub/x.yaml"));
  CHECK_FALSE(journal::parse_record_path("projects/CP-1/status/x.yaml"));
  CHECK_FALSE(journal::parse_record_path("projects/CP-1/decisions/x.yml"));
  CHECK_FALSE(journal::parse_record_path("people/x.yaml"));
}

TEST_CASE("journal: the author of a decision is the reviewer as the roster has them") {
  model::Person amy;
  amy.id = "amy";
  amy.name = "Amy Chen";
  amy.email = "Amy@Example.com";
  CHECK(journal::author_of(amy) ==
        std::pair<std::string, std::string>{"Amy Chen", "Amy@Example.com"});
  CHECK(journal::is_authored_by("Amy Chen", "amy@example.com", amy));
  CHECK_FALSE(journal::is_authored_by("Someone", "amy@example.com", amy));
  CHECK_FALSE(journal::is_authored_by("Amy Chen", "bob@example.com", amy));
  model::Person bob;
  bob.id = "bob";
  bob.name = "Bob";
  CHECK(journal::author_of(bob).second == "bob@pmo.invalid");
}

TEST_CASE("journal: who may change the rules: the holders of ledger.rule_changes, else anyone") {
  model::Portfolio portfolio;
  model::Person amy;
  amy.id = "amy";
  amy.email = "amy@example.com";
  amy.roles = {"finance"};
  model::Person pat;
  pat.id = "pat";
  pat.email = "pat@example.com";
  pat.roles = {"pmo"};
  portfolio.people = {amy};
  CHECK(journal::rule_changers(portfolio).empty()); // an office being set up
  portfolio.people = {amy, pat};
  auto changers = journal::rule_changers(portfolio);
  REQUIRE(changers.size() == 1);
  CHECK(changers.front()->id == "pat");
  CHECK(journal::person_with_email(changers, "PAT@example.com") == changers.front());
  CHECK(journal::person_with_email(changers, "amy@example.com") == nullptr);
  portfolio.office.ledger.rule_changes = {"finance", "pmo"};
  CHECK(journal::rule_changers(portfolio).size() == 2);
}

TEST_CASE("journal: a reviewer signs as their commit e-mail, or <id>@pmo.invalid") {
  CHECK(journal::signer_principal(signer("lina", "lina@xinghe.example", "")) ==
        "lina@xinghe.example");
  CHECK(journal::signer_principal(signer("lina", "", "")) == "lina@pmo.invalid");
  // An e-mail that would be a pattern in an allowed-signers file names nobody else.
  CHECK(journal::signer_principal(signer("eve", "*@xinghe.example", "")) == "eve@pmo.invalid");
}

TEST_CASE("journal: the allowed signers are the people with an ssh_key") {
  const auto lina = signer("lina", "lina@xinghe.example", k_key + " lina@laptop");
  const auto wang = signer("wang", "", k_key);
  const auto nokey = signer("zhao", "zhao@xinghe.example", "");
  CHECK(journal::allowed_signers({&lina, &wang, &nokey}) ==
        "lina@xinghe.example namespaces=\"git\" " + k_key + "\n" +
            "wang@pmo.invalid namespaces=\"git\" " + k_key + "\n");
  CHECK(journal::allowed_signers({&nokey}).empty());
}
