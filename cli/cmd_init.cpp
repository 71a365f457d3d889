// pmo init [DIR] — creates the portfolio: git init when needed, pmo.yaml from the template and
// the records' JSON Schemas in .pmo/schema/, one first commit. Refuses to overwrite an existing
// portfolio.

#include "commands.hpp"
#include "templates.hpp"
#include "workspace.hpp"

#include <pmo/codec/kinds.hpp>
#include <pmo/codec/records.hpp>
#include <pmo/codec/scalar.hpp>
#include <pmo/model/kpi.hpp>
#include <pmo/report/schema.hpp>

#include <filesystem>
#include <ostream>

namespace pmo::cli {

namespace fs = std::filesystem;
using model::Lang;
using model::tr;

namespace {

struct InitOptions {
  std::string dir = ".";
  std::string name;
  std::string lang;
  std::string type = "controlling";
};

int run_init(Context& ctx, const InitOptions& opts) {
  Lang lang = opts.lang.empty() ? early_language(ctx, nullptr) : *model::parse_lang(opts.lang);
  Lang say = ctx.lang.value_or(lang);
  fs::path dir = fs::absolute(fs::path(ctx.start_dir) / opts.dir).lexically_normal();
  // "." normalises to "/work/office/": without the trailing separator, the portfolio's root and
  // its path inside the repository come out right ("pmo.yaml", not "/pmo.yaml").
  if (!dir.has_filename() && dir.has_parent_path() && dir != dir.root_path())
    dir = dir.parent_path();
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw Failure(k_exit_usage,
                  tr(say, "{} exists and is not a directory", "{} 已存在且不是目录", dir.string()));
  for (fs::path probe = dir;; probe = probe.parent_path()) {
    if (fs::exists(probe / "pmo.yaml", ec))
      throw Failure(
          k_exit_findings,
          probe == dir
              ? tr(say, "{} is already a pmo portfolio (pmo.yaml exists); nothing changed",
                   "{} 已经是 pmo 项目组合（pmo.yaml 已存在），未做任何修改", dir.string())
              : tr(say, "{} is inside the portfolio at {}; nothing changed",
                   "{} 位于已有项目组合 {} 之内，未做任何修改", dir.string(), probe.string()));
    if (probe.parent_path() == probe)
      break;
  }
  auto type = model::parse_office_type(opts.type);
  std::string name = opts.name.empty() ? dir.filename().string() : opts.name;
  if (name.empty() || name.find_first_of("\r\n") != std::string::npos)
    throw Failure(k_exit_usage,
                  tr(say, "--name must be one non-empty line", "--name 必须是非空的单行文本"));

  fs::create_directories(dir, ec);
  if (ec)
    throw Failure(k_exit_env,
                  tr(say, "cannot create {}: {}", "无法创建 {}：{}", dir.string(), ec.message()));
  bool created_repo = !git::Repository::discover(dir.string()).has_value();
  Workspace ws;
  ws.root = dir.string() + "/";
  ws.repo =
      created_repo ? git::Repository::init(dir.string()) : *git::Repository::discover(dir.string());
  std::string workdir = ws.repo->workdir();
  if (ws.root.compare(0, workdir.size(), workdir) == 0)
    ws.prefix = ws.root.substr(workdir.size());

  TemplateData data;
  data.scalars["name"] = codec::yaml_scalar(name);
  data.scalars["language"] = std::string{model::lang_code(lang)};
  data.scalars["type"] = std::string{model::to_string(*type)};
  data.scalars["currency"] = "CNY";
  data.scalars["year"] = std::to_string(model::year_of(ctx.clock.now));
  std::string text = render_template(lang == Lang::zh ? "zh-CN" : "en", "pmo.yaml", data);
  auto office = codec::decode_office(text, "pmo.yaml", say);
  if (!office.ok())
    throw Failure(k_exit_env,
                  tr(say, "internal error: the pmo.yaml template does not decode",
                     "内部错误：pmo.yaml 模板无法解析"),
                  office.findings);

  std::string commit =
      write_commit(ctx, ws, say, WriteScope::office_only(), [&](const store::Loaded&) {
        WritePlan plan;
        plan.files.push_back({"pmo.yaml", text});
        // The schemas every record's first line points editors at (yaml-language-server).
        for (const codec::RecordKind& kind : codec::record_kinds())
          plan.files.push_back({codec::schema_path(kind), report::record_schema(kind, lang)});
        plan.author = operator_signature(ws, ctx.clock.now);
        plan.message = git::compose_message(
            tr(lang, "pmo init: {}", "pmo 初始化：{}", name),
            {tr(lang, "Office type: {}; language: {}.", "办公室类型：{}；语言：{}。",
                model::to_string(*type), model::lang_code(lang))},
            {{"Pmo-Action", "init"}});
        return plan;
      });

  *ctx.out << dir.string() << '\n';
  if (!ctx.quiet) {
    *ctx.err << tr(say, "Initialised portfolio '{}' in {} ({}{}, commit {}).\n",
                   "已在 {1} 创建项目组合“{0}”（{2}{3}，提交 {4}）。\n", name, dir.string(),
                   created_repo ? tr(say, "new git repository, ", "新建 git 仓库，")
                                : std::string{},
                   model::office_type_name(*type, say), commit.substr(0, 7));
    *ctx.err << tr(say, "Next: pmo people add ID --name NAME --role ROLE\n",
                   "下一步：pmo people add 编号 --name 姓名 --role 角色\n");
  }
  return k_exit_ok;
}

} // namespace

void add_init(CLI::App& app, Action& action, const Help& help) {
  auto opts = std::make_shared<InitOptions>();
  CLI::App* cmd =
      app.add_subcommand("init", help("Create a portfolio (git init if needed, pmo.yaml)",
                                      "创建项目组合（必要时执行 git init，并生成 pmo.yaml）"));
  cmd->add_option(
      "DIR", opts->dir,
      help("Directory of the portfolio (default: current)", "项目组合的目录（默认：当前目录）"));
  cmd->add_option(
      "--name", opts->name,
      help("The office's name (default: the directory name)", "办公室名称（默认：目录名）"));
  cmd->add_option("--lang", opts->lang, help("Office language: zh or en", "办公室语言：zh 或 en"))
      ->check(CLI::IsMember({"zh", "en"}));
  cmd->add_option(
         "--type", opts->type,
         help("Office type: supportive, controlling or directive",
              "办公室类型：supportive（支持型）、controlling（控制型）或 directive（战略型）"))
      ->check(CLI::IsMember({"supportive", "controlling", "directive"}));
  cmd->callback(
      [&action, opts] { action = [opts](Context& ctx) { return run_init(ctx, *opts); }; });
}

} // namespace pmo::cli
