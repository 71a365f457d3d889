// The decision journal: who signs a decision, as pmo's allowed-signers file names them.

#include <pmo/journal/journal.hpp>

#include <doctest/doctest.h>

namespace {

pmo::model::Person person(std::string id, std::string email, std::string ssh_key) {
  pmo::model::Person p;
  p.id = std::move(id);
  p.name = "Someone";
  p.email = std::move(email);
  p.roles = {"pmo"};
  p.ssh_key = std::move(ssh_key);
  return p;
}

const std::string k_key =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAII6y30M8mMZhg3hmUaNGbtVZq6YY+sWPfHIj920lE6OO";

} // namespace

TEST_CASE("journal: a reviewer signs as their commit e-mail, or <id>@pmo.invalid") {
  CHECK(pmo::journal::signer_principal(person("lina", "lina@xinghe.example", "")) ==
        "lina@xinghe.example");
  CHECK(pmo::journal::signer_principal(person("lina", "", "")) == "lina@pmo.invalid");
  // An e-mail that would be a pattern in an allowed-signers file names nobody else.
  CHECK(pmo::journal::signer_principal(person("eve", "*@xinghe.example", "")) == "eve@pmo.invalid");
}

TEST_CASE("journal: the allowed signers are the people with an ssh_key") {
  const auto lina = person("lina", "lina@xinghe.example", k_key + " lina@laptop");
  const auto wang = person("wang", "", k_key);
  const auto nokey = person("zhao", "zhao@xinghe.example", "");
  CHECK(pmo::journal::allowed_signers({&lina, &wang, &nokey}) ==
        "lina@xinghe.example namespaces=\"git\" " + k_key + "\n" +
            "wang@pmo.invalid namespaces=\"git\" " + k_key + "\n");
  CHECK(pmo::journal::allowed_signers({&nokey}).empty());
}
