// cli/usage.cpp: the closest command to a mistyped one, the word that names no command, and
// CLI11's refusals in both languages.

#include "usage.hpp"

#include <doctest/doctest.h>

using pmo::model::Lang;
namespace cli = pmo::cli;

TEST_CASE("edit distance counts insertions, deletions, substitutions and swapped neighbours") {
  CHECK(cli::edit_distance("", "") == 0);
  CHECK(cli::edit_distance("status", "status") == 0);
  CHECK(cli::edit_distance("stauts", "status") == 1); // one swap
  CHECK(cli::edit_distance("risk", "risks") == 1);
  CHECK(cli::edit_distance("kitten", "sitting") == 3);
  CHECK(cli::edit_distance("", "abc") == 3);
}

TEST_CASE("the closest command is suggested only when it keeps something of the word") {
  const std::vector<std::string> names{"init", "review", "validate", "verify", "help", "risk"};
  CHECK(cli::closest_name("frobnicate", names) == "validate");
  CHECK(cli::closest_name("reveiw", names) == "review");
  CHECK(cli::closest_name("verfy", names) == "verify");
  CHECK_FALSE(cli::closest_name("xyz", names)); // every candidate replaces all of it
  CHECK_FALSE(cli::closest_name("anything", {}));
}

TEST_CASE("the word that names no command is found past options and their values") {
  CLI::App app{"pmo", "pmo"};
  std::string dir;
  bool quiet = false;
  app.add_option("-C", dir);
  app.add_flag("-q", quiet);
  app.fallthrough();
  CLI::App* risk = app.add_subcommand("risk");
  risk->add_subcommand("add")->add_option("ID", dir);
  app.add_subcommand("status")->add_option("ID", dir);

  auto unknown = cli::find_unknown_command(app, {"-C", "risk", "-q", "frob"});
  REQUIRE(unknown);
  CHECK(unknown->word == "frob"); // "risk" is -C's value
  CHECK(unknown->parent == &app);
  unknown = cli::find_unknown_command(app, {"risk", "ad", "X"});
  REQUIRE(unknown);
  CHECK(unknown->word == "ad");
  CHECK(unknown->parent == risk);
  CHECK(cli::unknown_command_text(*unknown, Lang::en) ==
        "unknown command 'risk ad' (did you mean 'risk add'?)");
  CHECK(cli::unknown_command_text(*unknown, Lang::zh) ==
        "未知命令“risk ad”（是否应为“risk add”？）");
  CHECK_FALSE(cli::find_unknown_command(app, {"status", "P1", "extra"})); // an argument
  CHECK_FALSE(cli::find_unknown_command(app, {"--", "frob"}));
  CHECK_FALSE(cli::find_unknown_command(app, {"-Cfrob", "status"})); // -C's value joined
}

TEST_CASE("CLI11's refusals are reworded in English and in Chinese, others kept as they are") {
  CHECK(cli::parse_error_text(CLI::RequiredError("ID"), Lang::en) == "ID is required");
  CHECK(cli::parse_error_text(CLI::RequiredError("ID"), Lang::zh) == "必须指定 ID");
  // CLI11 keeps the extras in reverse and joins them back in order.
  CHECK(cli::parse_error_text(CLI::ExtrasError(std::vector<std::string>{"b", "a"}), Lang::en) ==
        "unexpected arguments: a b");
  CHECK(cli::parse_error_text(CLI::ConversionError("--budget", std::vector<std::string>{"x"}),
                              Lang::zh) == "--budget：无法识别取值“x”");
  CHECK(cli::parse_error_text(CLI::ValidationError("--lang", "fr not in {zh,en}"), Lang::en) ==
        "--lang: 'fr' is not one of zh, en");
  CHECK(cli::parse_error_text(CLI::ArgumentMismatch::TypedAtLeast("--gate", 1, "TEXT"), Lang::zh) ==
        "--gate：缺少取值");
  CHECK(cli::parse_error_text(CLI::ExcludesError("--a", "--b"), Lang::zh) == "--a 不能与 --b 同用");
  CHECK(cli::parse_error_text(CLI::OptionNotFound("--x"), Lang::zh) == "找不到 --x");
  CHECK(cli::parse_error_text(CLI::HorribleError("something odd"), Lang::zh) == "something odd");
}
