// pmo's command line: parses the global options, dispatches to one command, and is the one place
// that turns failures into messages and exit codes.

#include "app.hpp"

#include "commands.hpp"
#include "context.hpp"
#include "usage.hpp"
#include "workspace.hpp"

#include <pmo/git/repo.hpp>
#include <pmo/model/types.hpp>
#include <pmo/report/findings.hpp>
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
#include <memory>
#include <ostream>
#include <vector>

namespace {

using namespace pmo;

// An environment variable that is set to something: no-color.org's NO_COLOR counts only so, and
// FORCE_COLOR=0 or CLICOLOR_FORCE=0 force nothing.
bool env_set(const char* name, bool zero_counts) {
  const char* value = std::getenv(name);
  return value && *value && (zero_counts || std::string_view{value} != "0");
}

// Whether to colour: never with --no-color or TERM=dumb; forced (even where output is no
// terminal, and over NO_COLOR) with FORCE_COLOR or CLICOLOR_FORCE; else on a terminal without
// NO_COLOR.
struct ColorChoice {
  bool color = false;
  bool forced = false;
};
ColorChoice want_color(bool no_color_flag, bool terminal) {
  const char* term = std::getenv("TERM");
  if (no_color_flag || (term && std::string_view{term} == "dumb"))
    return {};
  if (env_set("FORCE_COLOR", false) || env_set("CLICOLOR_FORCE", false))
    return {true, true};
  if (env_set("NO_COLOR", true))
    return {};
  return {terminal, false};
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
    std::error_code missing; // no pmo.yaml here is no error: look in the parent
    if (std::filesystem::is_regular_file(probe / "pmo.yaml", missing)) {
      cli::Workspace ws;
      ws.root = probe.string() + "/";
      return cli::early_language(ctx, &ws);
    }
    if (probe == probe.root_path())
      break;
  }
  return model::Lang::en;
}

// CLI11's help layout with its words in the help's language: labels, and the type of an option
// ("TEXT", or "TEXT:{zh,en}" with a check), which CLI11 looks up whole.
class HelpFormatter : public CLI::Formatter {
public:
  explicit HelpFormatter(model::Lang lang) : m_zh(lang == model::Lang::zh) {
    if (!m_zh)
      return;
    label("Usage", "用法");
    label("OPTIONS", "选项");
    label("SUBCOMMAND", "子命令");
    label("SUBCOMMANDS", "子命令");
    label("Positionals", "位置参数");
    label("REQUIRED", "必填");
    label("Env", "环境变量");
    label("Needs", "需要");
    label("Excludes", "不可与之同用");
    label("TEXT", "文本");
    label("INT", "整数");
    label("UINT", "非负整数");
    label("FLOAT", "数值");
    label("NUMBER", "数值");
  }
  // Headings end in the language's colon (CLI11 writes "Options:").
  std::string make_group(std::string group, bool is_positional,
                         std::vector<const CLI::Option*> opts) const override {
    std::string text = CLI::Formatter::make_group(group, is_positional, std::move(opts));
    return colon(text, group);
  }
  std::string make_subcommands(const CLI::App* app, CLI::AppFormatMode mode) const override {
    std::string text = CLI::Formatter::make_subcommands(app, mode);
    for (const CLI::App* sub : app->get_subcommands({}))
      text = colon(text, sub->get_group());
    return text;
  }
  std::string make_usage(const CLI::App* app, std::string name) const override {
    return colon(CLI::Formatter::make_usage(app, std::move(name)), get_label("Usage"));
  }
  // CLI11 pads the left column by bytes; Chinese takes three bytes and two columns.
  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    return row(make_option_name(opt, is_positional) + make_option_opts(opt), make_option_desc(opt));
  }
  std::string make_subcommand(const CLI::App* sub) const override {
    return row(sub->get_display_name(true), sub->get_description());
  }
  std::string make_option_opts(const CLI::Option* opt) const override {
    std::string text = CLI::Formatter::make_option_opts(opt);
    const std::string type = opt->get_type_name();
    if (!opt->get_option_text().empty() || type.empty())
      return text;
    const std::string plain = type.substr(0, type.find(':'));
    const std::string named = get_label(plain) + type.substr(plain.size());
    if (const auto at = text.find(" " + type); at != std::string::npos)
      text.replace(at + 1, type.size(), named);
    return text;
  }

private:
  // `text` with the colon after its heading `heading` (at a line's start) full-width, in zh.
  std::string colon(std::string text, const std::string& heading) const {
    if (!m_zh || heading.empty())
      return text;
    for (std::size_t at = 0; (at = text.find(heading + ":", at)) != std::string::npos;
         at += heading.size()) {
      if (at == 0 || text[at - 1] == '\n') {
        const std::size_t end = at + heading.size();
        const bool space = end + 1 < text.size() && text[end + 1] == ' ';
        text.replace(end, space ? 2 : 1, "：");
      }
    }
    return text;
  }
  bool m_zh = false;
  std::string row(const std::string& name, const std::string& description) const {
    const std::size_t width = get_column_width();
    std::string out = "  " + name;
    if (!description.empty()) {
      const auto used = static_cast<std::size_t>(report::display_width(out));
      out += used >= width ? "\n" + std::string(width, ' ') : std::string(width - used, ' ');
      for (const char c : description) {
        out += c;
        if (c == '\n')
          out += std::string(width, ' ');
      }
    }
    return out + "\n";
  }
};

// Whether the command line shows help text (so that its language must be looked up first): -h or
// --help, `pmo help`, `pmo completion` (whose descriptions are help's), or no command at all.
bool shows_help_text(int argc, const char* const* argv) {
  std::string_view command;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") // what follows is an argument, not an option
      break;
    if (arg == "-h" || arg == "--help")
      return true;
    if (arg == "-C" || arg == "--lang") // the global options that take the next word
      ++i;
    else if (command.empty() && !arg.starts_with("-"))
      command = arg;
  }
  return command.empty() || command == "help" || command == "completion";
}

// The help of every subcommand under `app` in its group (CLI11 names it "Subcommands").
void name_subcommand_groups(CLI::App& app, const std::string& group) {
  for (CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_group().empty())
      continue; // hidden
    sub->group(group);
    // A subcommand's -h,--help is made before it takes the parent's option defaults.
    if (CLI::Option* flag = sub->get_help_ptr(); flag && app.get_help_ptr())
      flag->group(app.get_help_ptr()->get_group());
    name_subcommand_groups(*sub, group);
  }
}

void print_failure(const cli::Context& ctx, model::Lang lang, const std::string& message,
                   const std::vector<model::Finding>& findings) {
  std::ostream& err = *ctx.err;
  for (const auto& finding : findings)
    err << report::finding_text(finding, lang) << '\n';
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

// A command line CLI11 refused, said once on `err` in `lang`: the command list for `pmo` alone,
// a word that names no command with the closest one, or CLI11's message. Exit code 2 always.
int refuse_command_line(const CLI::App& app, const CLI::ParseError& error,
                        const std::vector<std::string>& args, model::Lang lang, std::ostream& err) {
  const auto see = [&](const CLI::App& level) {
    const std::string path = cli::command_path(level);
    const std::string help = "pmo " + (path.empty() ? "" : path + " ") + "--help";
    err << model::tr(lang, "See '{}'.", "用 {} 查看用法。", help) << '\n';
  };
  const CLI::App& reached = cli::deepest_parsed(app);
  if (const auto unknown = cli::find_unknown_command(app, args)) {
    err << "pmo: " << report::terminal_safe(cli::unknown_command_text(*unknown, lang)) << '\n';
    see(*unknown->parent);
  } else if (&reached == &app && dynamic_cast<const CLI::RequiredError*>(&error)) {
    err << app.get_formatter()->make_help(&app, "pmo", CLI::AppFormatMode::Normal); // `pmo`
  } else if (const auto subs = cli::visible_subcommands(reached);
             !subs.empty() && dynamic_cast<const CLI::RequiredError*>(&error)) {
    std::string names; // `pmo risk`: which commands it has
    for (const CLI::App* sub : subs)
      names += (names.empty() ? "" : model::pick(lang, ", ", "、")) + sub->get_name();
    err << "pmo: "
        << model::tr(lang, "'{}' needs a command: {}", "“{}”缺少子命令：{}",
                     cli::command_path(reached), names)
        << '\n';
    see(reached);
  } else {
    err << "pmo: " << report::terminal_safe(cli::parse_error_text(error, lang)) << '\n';
    see(reached);
  }
  return cli::k_exit_usage;
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

  // Help in the office's language (the office is looked up only when help text is shown).
  const cli::Help help{shows_help_text(argc, argv.data())
                           ? parse_error_language(argc, argv.data(), ctx)
                           : model::Lang::en};
  CLI::App app{help("pmo — the Project Management Office, as code (项目管理办公室)",
                    "pmo — 以代码管理的项目管理办公室（PMO）"),
               "pmo"};
  app.formatter(std::make_shared<HelpFormatter>(help.lang)); // subcommands share it
  app.option_defaults()->group(help("Options", "选项"));
  app.set_help_flag("-h,--help", help("Print this help message and exit", "显示本帮助并退出"));
  app.set_version_flag("--version", std::string{"pmo "} + PMO_VERSION,
                       help("Display program version information and exit", "显示版本并退出"));
  app.require_subcommand(1);
  app.fallthrough(); // global options are accepted after the command too
  std::string chdir;
  std::string lang_text;
  bool no_color = false;
  app.add_option("-C", chdir, help("Run as if pmo was started in DIR", "如同在该目录中启动 pmo"))
      ->option_text(help("DIR", "目录"));
  app.add_option("--lang", lang_text,
                 help("Language of messages and reports: zh or en", "消息与报告的语言：zh 或 en"))
      ->check(CLI::IsMember({"zh", "en", "zh-CN"}));
  app.add_flag("--no-color", no_color, help("No colour in output", "输出不带颜色"));
  app.add_flag(
      "-q,--quiet", ctx.quiet,
      help("Only data on stdout; no progress messages", "标准输出只给数据；不显示进度信息"));

  cli::Action action;
  cli::add_init(app, action, help);
  cli::add_people(app, action, help);
  cli::add_propose(app, action, help);
  cli::add_review(app, action, help);
  cli::add_status(app, action, help);
  cli::add_report(app, action, help);
  cli::add_validate(app, action, help);
  cli::add_update(app, action, help);
  cli::add_risk(app, action, help);
  cli::add_issue(app, action, help);
  cli::add_change(app, action, help);
  cli::add_condition(app, action, help);
  cli::add_close(app, action, help);
  cli::add_lessons(app, action, help);
  cli::add_verify(app, action, help);
  cli::add_portfolio(app, action, help);
  cli::add_resources(app, action, help);
  cli::add_schema(app, action, help);
  cli::add_kpi(app, action, help);
  cli::add_completion(app, action, help);
  cli::add_help(app, action, help);
  name_subcommand_groups(app, help("Subcommands", "子命令"));

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
      return refuse_command_line(app, e, invocation.args,
                                 parse_error_language(argc, argv.data(), ctx), *ctx.err);
    }
    if (!lang_text.empty())
      ctx.lang = model::parse_lang(lang_text);
    lang = ctx.lang.value_or(model::Lang::en);
    if (!chdir.empty())
      ctx.start_dir = std::filesystem::absolute(chdir, ec).string();
    const ColorChoice color = want_color(no_color, invocation.terminal);
    ctx.color = color.color;
    ctx.color_forced = color.forced;
    ctx.clock = make_clock(lang);
    ctx.random = make_random(lang);
    ctx.history_readers = history_readers(lang);
    {
      const char* term = std::getenv("TERM");
      ctx.progress =
          invocation.terminal && !ctx.quiet && !(term && std::string_view{term} == "dumb");
    }
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
