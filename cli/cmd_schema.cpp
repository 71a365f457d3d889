// pmo schema [KIND] [--out DIR] — the JSON Schemas (draft-07) of the records, generated from the
// field tables the reader uses: one kind's on stdout, every kind's as one object keyed by kind,
// or one file per kind (<kind>.json) in DIR. Reads no portfolio; inside one, descriptions are in
// its language (or --lang's).

#include "commands.hpp"
#include "files.hpp"
#include "workspace.hpp"

#include <pmo/codec/kinds.hpp>
#include <pmo/report/schema.hpp>

#include <filesystem>
#include <ostream>
#include <stdexcept>

namespace pmo::cli {

namespace {

namespace fs = std::filesystem;
using model::Lang;
using model::tr;

struct SchemaOptions {
  std::string kind;
  std::string out;
};

// --lang, else the language of the portfolio around the start directory, else English.
Lang schema_language(const Context& ctx) {
  if (ctx.lang)
    return *ctx.lang;
  try {
    const Workspace ws = open_workspace(ctx, false);
    return early_language(ctx, &ws);
  } catch (const Failure&) {
    return Lang::en;
  }
}

int run_schema(Context& ctx, const SchemaOptions& opts) {
  const Lang lang = schema_language(ctx);
  std::vector<const codec::RecordKind*> kinds;
  if (opts.kind.empty()) {
    for (const codec::RecordKind& kind : codec::record_kinds())
      kinds.push_back(&kind);
  } else {
    // pmo.yaml is the office's record; CLI11 has checked the name against the table.
    const codec::RecordKind* kind =
        codec::find_record_kind(opts.kind == "pmo.yaml" ? "office" : opts.kind);
    if (!kind)
      throw std::logic_error("schema: no record kind " + opts.kind);
    kinds.push_back(kind);
  }

  if (opts.out.empty()) {
    *ctx.out << (opts.kind.empty() ? report::record_schemas(lang)
                                   : report::record_schema(*kinds.front(), lang));
    return k_exit_ok;
  }
  const fs::path dir = fs::path(ctx.start_dir) / opts.out;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir, ec))
    throw Failure(k_exit_env, tr(lang, "cannot create the directory {}: {}", "无法创建目录 {}：{}",
                                 dir.string(), ec ? ec.message() : std::string{"not a directory"}));
  for (const codec::RecordKind* kind : kinds) {
    const fs::path file = dir / (std::string{kind->name} + ".json");
    write_atomically(file, report::record_schema(*kind, lang), lang);
    *ctx.out << file.string() << '\n';
  }
  return k_exit_ok;
}

} // namespace

void add_schema(CLI::App& app, Action& action, const Help& help) {
  auto opts = std::make_shared<SchemaOptions>();
  CLI::App* cmd = app.add_subcommand(
      "schema", help("Print the JSON Schemas of the records (draft-07), for editors and CI",
                     "输出记录的 JSON Schema（draft-07），供编辑器与 CI 使用"));
  std::vector<std::string> names;
  for (const codec::RecordKind& kind : codec::record_kinds())
    names.emplace_back(kind.name);
  names.emplace_back("pmo.yaml");
  cmd->add_option("KIND", opts->kind,
                  help("A kind of record (office, person, project, ...; default: every kind)",
                       "记录类型（office、person、project 等；默认：全部）"))
      ->check(CLI::IsMember(names));
  cmd->add_option("--out", opts->out,
                  help("Write one file per kind, <kind>.json, into DIR (created if needed)",
                       "在该目录中为每种记录写一个文件 <类型>.json（目录不存在时创建）"))
      ->option_text(help("DIR", "目录"));
  cmd->callback(
      [&action, opts] { action = [opts](Context& ctx) { return run_schema(ctx, *opts); }; });
}

} // namespace pmo::cli
