// pmo's command line: parses the global options, dispatches to one command, and is the one place
// that turns failures into messages and exit codes.

#include "app.hpp"

#include "commands.hpp"
#include "context.hpp"
#include "workspace.hpp"

#include <pmo/git/repo.hpp>
#include <pmo/model/types.hpp>
#include <pmo/report/text.hpp>
#include <pmo/store/store.hpp>

#include <CLI/CLI.hpp>
#include <fmt/color.h>
#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <regex>
#include <vector>

namespace {

using namespace pmo;

bool want_color(bool no_color_flag, bool terminal) {
  if (no_color_flag || std::getenv("NO_COLOR"))
    return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view{term} == "dumb")
    return false;
  return terminal;
}

model::Clock make_clock(model::Lang lang) {
  // PMO_NOW fixes the clock (tests and the reproducible demo), like SOURCE_DATE_EPOCH.
  if (const char* fixed = std::getenv("PMO_NOW"); fixed && *fixed) {
    auto ts = model::parse_timestamp(fixed);
    if (!ts)
      throw cli::Failure(cli::k_exit_usage,
                         model::tr(lang, "PMO_NOW='{}' is not a UTC timestamp YYYY-MM-DDTHH:MM:SSZ",
                                   "PMO_NOW='{}' 不是 UTC 时间戳 YYYY-MM-DDTHH:MM:SSZ", fixed));
    return model::Clock{*ts};
  }
  return model::Clock{std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())};
}

// PMO_SEED fixes the random values new ids are drawn from (tests and the reproducible demo).
cli::RandomSource make_random(model::Lang lang) {
  const char* seed = std::getenv("PMO_SEED");
  if (!seed || !*seed)
    return cli::RandomSource{};
  std::uint64_t value = 0;
  std::string_view text{seed};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size())
    throw cli::Failure(cli::k_exit_usage, model::tr(lang, "PMO_SEED='{}' is not a whole number",
                                                    "PMO_SEED='{}' 不是非负整数", seed));
  return cli::RandomSource{value};
}

// PMO_THREADS sets how many threads read the history ahead of a ledger walk (benchmarks; 0 none).
std::optional<unsigned> history_readers(model::Lang lang) {
  const char* text = std::getenv("PMO_THREADS");
  if (!text || !*text)
    return std::nullopt;
  unsigned value = 0;
  std::string_view view{text};
  auto [end, ec] = std::from_chars(view.data(), view.data() + view.size(), value);
  if (ec != std::errc{} || end != view.data() + view.size() || value > 64)
    throw cli::Failure(cli::k_exit_usage,
                       model::tr(lang, "PMO_THREADS='{}' is not a whole number from 0 to 64",
                                 "PMO_THREADS='{}' 不是 0 到 64 之间的整数", text));
  return value;
}

// The language of a command line CLI11 refused: --lang when given, else the office's (pmo.yaml in
// the -C directory or the current one, or a parent).
model::Lang parse_error_language(int argc, const char* const* argv, const cli::Context& ctx) {
  std::filesystem::path dir = ctx.start_dir;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    std::string_view value;
    if (arg == "--lang" && i + 1 < argc)
      value = argv[i + 1];
    else if (arg.starts_with("--lang="))
      value = arg.substr(7);
    if (!value.empty())
      if (auto lang = model::parse_lang(value))
        return *lang;
    if (arg == "-C" && i + 1 < argc)
      dir = std::filesystem::path(ctx.start_dir) / argv[i + 1]; // an absolute one replaces it
  }
  std::error_code ec;
  for (auto probe = std::filesystem::absolute(dir, ec); !ec && !probe.empty();
       probe = probe.parent_path()) {
    if (std::filesystem::is_regular_file(probe / "pmo.yaml", ec)) {
      cli::Workspace ws;
      ws.root = probe.string() + "/";
      return cli::early_language(ctx, &ws);
    }
    if (probe == probe.root_path())
      break;
  }
  return model::Lang::en;
}

// CLI11's refusal of a command line in Chinese (its messages are English): the common ones by
// their shape; anything else as CLI11 says it.
std::string parse_error_zh(const std::string& message) {
  static const std::regex required{R"(^(.+) is required$)"};
  static const std::regex not_expected{
      R"(^The following arguments? (?:was|were) not expected: (.*)$)"};
  static const std::regex not_in{R"(^(.+): (.+) not in \{(.*)\}$)"};
  static const std::regex convert{R"(^Could not convert: (.+) = (.*)$)"};
  static const std::regex missing{R"(^(.+): (\d+) required (\S+) missing$)"};
  std::smatch m;
  if (message == "A subcommand is required")
    return "缺少子命令（用 --help 查看可用的子命令）";
  if (std::regex_match(message, m, required))
    return "必须指定 " + m[1].str();
  if (std::regex_match(message, m, not_expected))
    return "无法识别的参数：" + m[1].str();
  if (std::regex_match(message, m, not_in))
    return m[1].str() + "：“" + m[2].str() + "”不是以下之一：" + m[3].str();
  if (std::regex_match(message, m, convert))
    return m[1].str() + "：无法识别取值“" + m[2].str() + "”";
  if (std::regex_match(message, m, missing))
    return m[1].str() + "：缺少取值";
  return message;
}

void print_failure(const cli::Context& ctx, model::Lang lang, const std::string& message,
                   const std::vector<model::Finding>& findings) {
  std::ostream& err = *ctx.err;
  for (const auto& finding : findings)
    err << model::format_finding(finding, lang) << '\n';
  if (message.empty())
    return;
  // One line per problem (Problems joins several with newlines), each after the prefix.
  const std::string prefix = "pmo: ";
  std::string_view rest = message;
  while (true) {
    const auto end = rest.find('\n');
    if (ctx.color)
      err << fmt::format(fmt::fg(fmt::terminal_color::red), "{}", prefix);
    else
      err << prefix;
    err << report::terminal_safe(rest.substr(0, end)) << '\n'; // PMO_SEED=$'\e[2J'…
    if (end == std::string_view::npos)
      break;
    rest.remove_prefix(end + 1);
  }
}

} // namespace

int cli::run(const Invocation& invocation) {
  cli::Context ctx;
  ctx.out = invocation.out;
  ctx.err = invocation.err;
  ctx.start_dir = invocation.start_dir;
  std::error_code ec;
  std::vector<const char*> argv{"pmo"};
  for (const auto& arg : invocation.args)
    argv.push_back(arg.c_str());
  const int argc = static_cast<int>(argv.size());

  CLI::App app{"pmo — the Project Management Office, as code (项目管理办公室)", "pmo"};
  app.set_version_flag("--version", std::string{"pmo "} + PMO_VERSION);
  app.require_subcommand(1);
  app.fallthrough(); // global options are accepted after the command too
  std::string chdir;
  std::string lang_text;
  bool no_color = false;
  app.add_option("-C", chdir, "Run as if pmo was started in DIR")->option_text("DIR");
  app.add_option("--lang", lang_text, "Language of messages and reports: zh or en")
      ->check(CLI::IsMember({"zh", "en", "zh-CN"}));
  app.add_flag("--no-color", no_color, "No colour in output");
  app.add_flag("-q,--quiet", ctx.quiet, "Only data on stdout; no progress messages");

  cli::Action action;
  cli::add_init(app, action);
  cli::add_people(app, action);
  cli::add_propose(app, action);
  cli::add_review(app, action);
  cli::add_status(app, action);
  cli::add_report(app, action);
  cli::add_validate(app, action);
  cli::add_update(app, action);
  cli::add_risk(app, action);
  cli::add_issue(app, action);
  cli::add_change(app, action);
  cli::add_condition(app, action);
  cli::add_close(app, action);
  cli::add_lessons(app, action);
  cli::add_verify(app, action);

  model::Lang lang = model::Lang::en;
  try {
    // No option's text needs more: a record must stay readable (the reader takes 4 MiB) and a
    // commit message reasonable. Larger text belongs in a file (--from) or the repository.
    constexpr std::size_t k_max_argument_bytes = 65536;
    for (int i = 1; i < argc; ++i)
      if (std::strlen(argv[static_cast<std::size_t>(i)]) > k_max_argument_bytes)
        throw cli::Failure(cli::k_exit_usage,
                           fmt::format("argument {} is {} bytes long, more than {}: put long text "
                                       "in a file (or the repository) instead",
                                       i, std::strlen(argv[static_cast<std::size_t>(i)]),
                                       k_max_argument_bytes));
    try {
      app.parse(argc, argv.data());
    } catch (const CLI::Success& e) {
      return app.exit(e, *ctx.out, *ctx.err); // --help, --version
    } catch (const CLI::ParseError& e) {
      if (parse_error_language(argc, argv.data(), ctx) == model::Lang::zh) {
        *ctx.err << "pmo: " << report::terminal_safe(parse_error_zh(e.what()))
                 << "\n用 --help 查看用法。\n";
        return cli::k_exit_usage;
      }
      app.exit(e, *ctx.out, *ctx.err);
      return cli::k_exit_usage; // CLI11's own codes (100+) become 2
    }
    if (!lang_text.empty())
      ctx.lang = model::parse_lang(lang_text);
    lang = ctx.lang.value_or(model::Lang::en);
    if (!chdir.empty())
      ctx.start_dir = std::filesystem::absolute(chdir, ec).string();
    ctx.color = want_color(no_color, invocation.terminal);
    ctx.clock = make_clock(lang);
    ctx.random = make_random(lang);
    ctx.history_readers = history_readers(lang);
    return action(ctx);
  } catch (const cli::Failure& failure) {
    print_failure(ctx, ctx.lang.value_or(lang), failure.what(), failure.findings());
    return failure.exit_code();
  } catch (const git::GitError& error) {
    print_failure(ctx, lang, error.what(), {});
    return cli::k_exit_env;
  } catch (const store::StoreError& error) {
    print_failure(ctx, lang, {}, {error.finding});
    return cli::k_exit_findings;
  } catch (const std::bad_alloc&) {
    print_failure(ctx, lang, "out of memory", {});
    return cli::k_exit_env;
  } catch (const std::exception& error) {
    print_failure(ctx, lang, error.what(), {});
    return cli::k_exit_env;
  }
}
