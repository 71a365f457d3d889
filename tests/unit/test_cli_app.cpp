// The command line as a library (cli::run), in-process: exit codes, where output goes, and a
// write followed by a read without a process or a terminal.

#include "app.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <unistd.h>

namespace {

using pmo::test::TempDir;

namespace fs = std::filesystem;

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

Outcome run_pmo(std::vector<std::string> args, const std::string& dir = "/") {
  std::ostringstream out;
  std::ostringstream err;
  pmo::cli::Invocation invocation;
  invocation.args = std::move(args);
  invocation.start_dir = dir;
  invocation.out = &out;
  invocation.err = &err;
  const int code = pmo::cli::run(invocation);
  return {code, out.str(), err.str()};
}

} // namespace

TEST_CASE("cli::run: --version and usage errors go to the given streams with their exit codes") {
  const auto version = run_pmo({"--version"});
  CHECK(version.code == 0);
  CHECK(version.out.rfind("pmo ", 0) == 0);

  const auto unknown = run_pmo({"no-such-command"});
  CHECK(unknown.code == 2);
  CHECK(unknown.out.empty());
  CHECK_FALSE(unknown.err.empty());

  const auto bad_now = [] {
    ::setenv("PMO_NOW", "yesterday", 1);
    auto outcome = run_pmo({"status"});
    ::unsetenv("PMO_NOW");
    return outcome;
  }();
  CHECK(bad_now.code == 2);
  CHECK(bad_now.err.find("PMO_NOW='yesterday'") != std::string::npos);
}

TEST_CASE("cli::run: outside a portfolio, a read exits 3 and says where it looked") {
  TempDir dir;
  const auto outcome = run_pmo({"--lang", "en", "status"}, dir.path());
  CHECK(outcome.code == 3);
  CHECK(outcome.out.empty());
  CHECK(outcome.err.find("pmo: ") != std::string::npos);
}

TEST_CASE("cli::run: init, then people add, then validate and status, all in-process") {
  TempDir dir;
  ::setenv("PMO_NOW", "2026-03-02T09:00:00Z", 1);
  const std::string office = dir.path() + "/office";
  const auto init =
      run_pmo({"--lang", "en", "init", office, "--name", "Test PMO", "--lang", "en"}, dir.path());
  INFO(init.err);
  REQUIRE(init.code == 0);
  CHECK(fs::exists(office + "/pmo.yaml"));

  const auto add = run_pmo({"-C", office, "people", "add", "amy", "--name", "Amy", "--email",
                            "amy@example.com", "--role", "pmo"});
  INFO(add.err);
  CHECK(add.code == 0);
  CHECK(fs::exists(office + "/people/amy.yaml"));

  const auto validate = run_pmo({"-C", office, "-q", "validate"});
  INFO(validate.err);
  CHECK(validate.code == 0);

  const auto status = run_pmo({"-C", office, "status", "--json"});
  INFO(status.err);
  CHECK(status.code == 0);
  CHECK(status.out.find('{') != std::string::npos);
  ::unsetenv("PMO_NOW");
}
