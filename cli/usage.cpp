#include "usage.hpp"

#include <algorithm>
#include <regex>

namespace pmo::cli {

using model::Lang;
using model::tr;

namespace {

// "a, b, c" (zh "a、b、c") from CLI11's "a,b,c".
std::string list_text(const std::string& items, Lang lang) {
  std::string out;
  for (const char c : items) {
    if (c == ',')
      out += lang == Lang::zh ? "、" : ", ";
    else
      out += c;
  }
  return out;
}

std::string rejoin(const std::vector<std::string>& words, const char* separator) {
  std::string out;
  for (const auto& word : words)
    out += (out.empty() ? "" : separator) + word;
  return out;
}

} // namespace

std::string parse_error_text(const CLI::Error& error, Lang lang) {
  const std::string message = error.what();
  static const std::regex subcommand_required{R"(^A subcommand is required$)"};
  static const std::regex required{R"(^(.+) is required$)"};
  static const std::regex not_expected{
      R"(^The following arguments? (?:was|were) not expected: (.*)$)"};
  static const std::regex not_in{R"(^(.+): (.+) not in \{(.*)\}$)"};
  static const std::regex convert{R"(^Could not convert: (.+) = (.*)$)"};
  static const std::regex not_allowed{R"(^The value (.+) is not an allowed value for (.+)$)"};
  static const std::regex flag_inputs{R"(^(.+): too many inputs for a flag$)"};
  static const std::regex missing{R"(^(.+): (\d+) required (\S+) missing$)"};
  static const std::regex expected{
      R"(^Expected (exactly|at least) (\d+) arguments to (.+), got (\d+)$)"};
  static const std::regex at_most{R"(^(.+): At Most (\d+) required but received (\d+)$)"};
  static const std::regex requires_{R"(^(.+) requires (.+)$)"};
  static const std::regex excludes{R"(^(.+) excludes (.+)$)"};
  static const std::regex not_found{R"(^(.+) not found$)"};
  std::smatch m;
  const auto is = [&](const std::regex& shape) { return std::regex_match(message, m, shape); };

  if (dynamic_cast<const CLI::RequiredError*>(&error)) {
    if (is(subcommand_required))
      return tr(lang, "a command is required (see --help for the list)",
                "缺少子命令（用 --help 查看可用的子命令）");
    if (is(required))
      return tr(lang, "{} is required", "必须指定 {}", m[1].str());
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&error) && is(not_expected)) {
    const std::string args = m[1].str();
    return args.find(' ') == std::string::npos
               ? tr(lang, "unexpected argument: {}", "无法识别的参数：{}", args)
               : tr(lang, "unexpected arguments: {}", "无法识别的参数：{}", args);
  }
  if (dynamic_cast<const CLI::ValidationError*>(&error) && is(not_in))
    return tr(lang, "{}: '{}' is not one of {}", "{}：“{}”不是以下之一：{}", m[1].str(), m[2].str(),
              lang == Lang::zh ? m[3].str() : list_text(m[3].str(), lang));
  if (dynamic_cast<const CLI::ConversionError*>(&error)) {
    if (is(convert))
      return tr(lang, "{}: '{}' is not a valid value", "{}：无法识别取值“{}”", m[1].str(),
                m[2].str());
    if (is(not_allowed))
      return tr(lang, "{}: '{}' is not an allowed value", "{}：不允许取值“{}”", m[2].str(),
                m[1].str());
    if (is(flag_inputs))
      return tr(lang, "{} is a flag and takes no value", "{} 是开关，不带取值", m[1].str());
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error)) {
    if (is(missing))
      return tr(lang, "{} needs a value", "{}：缺少取值", m[1].str());
    if (is(expected))
      return m[1] == "exactly"
                 ? tr(lang, "{} takes {} value(s), got {}", "{} 需要 {} 个取值，实际为 {} 个",
                      m[3].str(), m[2].str(), m[4].str())
                 : tr(lang, "{} takes at least {} value(s), got {}",
                      "{} 至少需要 {} 个取值，实际为 {} 个", m[3].str(), m[2].str(), m[4].str());
    if (is(at_most))
      return tr(lang, "{} takes at most {} value(s), got {}", "{} 最多接受 {} 个取值，实际为 {} 个",
                m[1].str(), m[2].str(), m[3].str());
  }
  if (dynamic_cast<const CLI::RequiresError*>(&error) && is(requires_))
    return tr(lang, "{} needs {} as well", "{} 需要同时指定 {}", m[1].str(), m[2].str());
  if (dynamic_cast<const CLI::ExcludesError*>(&error) && is(excludes))
    return tr(lang, "{} cannot be used with {}", "{} 不能与 {} 同用", m[1].str(), m[2].str());
  if (dynamic_cast<const CLI::OptionNotFound*>(&error) && is(not_found))
    return tr(lang, "{} not found", "找不到 {}", m[1].str());
  return message;
}

std::vector<const CLI::App*> visible_subcommands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); });
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // d[i][j]: the distance between a's first i and b's first j characters.
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i)
    d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j)
    d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t change = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + change});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

std::optional<std::string> closest_name(std::string_view word,
                                        const std::vector<std::string>& names) {
  std::optional<std::string> best;
  std::size_t best_distance = word.size(); // as far as replacing every character: no suggestion
  for (const auto& name : names) {
    const std::size_t distance = edit_distance(word, name);
    if (distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  }
  return best;
}

namespace {

// Whether the option `arg` ("-C", "--lang") of `app` or of a parent it falls through to takes a
// value in the next word.
bool takes_value(const CLI::App& app, const std::string& arg) {
  for (const CLI::App* level = &app; level; level = level->get_parent()) {
    if (const CLI::Option* opt = level->get_option_no_throw(arg))
      return opt->get_expected_max() > 0;
    if (!level->get_fallthrough())
      break;
  }
  return false;
}

bool has_positionals(const CLI::App& app) {
  return !app.get_options([](const CLI::Option* opt) { return opt->get_positional(); }).empty();
}

} // namespace

std::optional<UnknownCommand> find_unknown_command(const CLI::App& app,
                                                   const std::vector<std::string>& args) {
  const CLI::App* current = &app;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--")
      return std::nullopt; // what follows is arguments
    if (arg.size() > 1 && arg[0] == '-') {
      // "--lang zh" and "-C dir" take the next word; "--lang=zh" and "-Cdir" do not.
      const bool joined = arg.find('=') != std::string::npos || (arg[1] != '-' && arg.size() > 2);
      if (!joined && takes_value(*current, arg))
        ++i;
      continue;
    }
    const auto subs = visible_subcommands(*current);
    if (subs.empty())
      return std::nullopt; // a command without commands: this is its argument
    const auto named = std::find_if(subs.begin(), subs.end(),
                                    [&](const CLI::App* sub) { return sub->check_name(arg); });
    if (named != subs.end()) {
      current = *named;
      continue;
    }
    if (has_positionals(*current))
      return std::nullopt;
    return UnknownCommand{current, arg};
  }
  return std::nullopt;
}

std::string command_path(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* level = &app; level->get_parent(); level = level->get_parent())
    names.insert(names.begin(), level->get_name());
  return rejoin(names, " ");
}

std::string unknown_command_text(const UnknownCommand& unknown, Lang lang) {
  const std::string path = command_path(*unknown.parent);
  const std::string prefix = path.empty() ? "" : path + " ";
  std::vector<std::string> names;
  for (const CLI::App* sub : visible_subcommands(*unknown.parent))
    names.push_back(sub->get_name());
  const std::string command = prefix + unknown.word;
  if (const auto best = closest_name(unknown.word, names))
    return tr(lang, "unknown command '{}' (did you mean '{}'?)", "未知命令“{}”（是否应为“{}”？）",
              command, prefix + *best);
  return tr(lang, "unknown command '{}'", "未知命令“{}”", command);
}

const CLI::App& deepest_parsed(const CLI::App& app) {
  const CLI::App* level = &app;
  while (true) {
    const auto parsed = level->get_subcommands();
    if (parsed.empty())
      return *level;
    level = parsed.front();
  }
}

} // namespace pmo::cli
