#include "rollup.hpp"

#include <pmo/codec/departments.hpp>

#include <filesystem>
#include <ostream>
#include <sstream>

namespace pmo::cli {

namespace fs = std::filesystem;
using model::tr;

std::vector<report::DepartmentPart> RollupReading::parts() const {
  std::vector<report::DepartmentPart> out;
  if (!enterprise.loaded.portfolio.projects.empty() || !enterprise.loaded.portfolio.people.empty())
    out.push_back({"", &enterprise.loaded.portfolio});
  for (const auto& d : departments)
    if (d.reading)
      out.push_back({d.def.id, &d.reading->loaded.portfolio});
  return out;
}

std::vector<std::pair<std::string, const Reading*>> RollupReading::readings() const {
  std::vector<std::pair<std::string, const Reading*>> out;
  if (!enterprise.loaded.portfolio.projects.empty())
    out.emplace_back("", &enterprise);
  for (const auto& d : departments)
    if (d.reading)
      out.emplace_back(d.def.id, &*d.reading);
  return out;
}

int RollupReading::exit_code() const {
  int code = enterprise.exit_code();
  for (const auto& d : departments)
    if (!d.reading || d.reading->exit_code() != k_exit_ok)
      code = k_exit_findings;
  return code;
}

void locate_department(const Workspace& enterprise, DepartmentReading& dept, model::Lang lang) {
  std::error_code ec;
  // The enterprise portfolio's directory, without the trailing '/' (an empty last element).
  const fs::path base = fs::weakly_canonical(fs::path(enterprise.root).parent_path(), ec);
  const fs::path dir = fs::path(enterprise.root) / dept.def.path;
  if (!fs::exists(fs::symlink_status(dir, ec))) {
    dept.code = "missing-department";
    dept.problem = tr(lang,
                      "department {}: {} does not exist (a submodule not initialised? "
                      "git submodule update --init)",
                      "部门 {}：{} 不存在（子模块未初始化？git submodule update --init）",
                      dept.def.id, dept.def.path);
    return;
  }
  const fs::path real = fs::weakly_canonical(dir, ec);
  const auto [end, _] = std::mismatch(base.begin(), base.end(), real.begin(), real.end());
  if (ec || end != base.end()) {
    dept.code = "bad-department";
    dept.problem =
        tr(lang, "department {}: {} leads out of this repository (to {}); not read",
           "部门 {}：{} 指向本仓库之外（{}），不予读取", dept.def.id, dept.def.path, real.string());
    return;
  }
  const fs::path yaml = real / "pmo.yaml";
  const auto status = fs::symlink_status(yaml, ec);
  if (!fs::is_regular_file(status)) {
    dept.code = fs::exists(status) ? "bad-department" : "missing-department";
    dept.problem = tr(lang,
                      "department {}: {} holds no pmo.yaml (an empty submodule? git submodule "
                      "update --init)",
                      "部门 {}：{} 中没有 pmo.yaml（子模块为空？git submodule update --init）",
                      dept.def.id, dept.def.path);
    return;
  }
  dept.root = real.string();
  if (dept.root.back() != '/')
    dept.root += '/';
}

Context department_context(const Context& ctx, const std::string& root, model::Lang lang) {
  Context out = ctx;
  out.start_dir = root;
  out.lang = lang;
  return out;
}

std::vector<model::DepartmentDef> read_departments(const Workspace& ws, model::Lang lang) {
  std::optional<std::string> text;
  try {
    text = record_store(ws)->read("pmo.yaml");
  } catch (const store::StoreError&) {
  }
  if (!text)
    return {};
  auto decoded = codec::decode_departments(*text, "pmo.yaml", lang);
  if (!decoded.ok())
    throw Failure(k_exit_findings,
                  tr(lang, "pmo.yaml departments are not valid; nothing rolled up",
                     "pmo.yaml 的 departments 无效；未做汇总"),
                  decoded.findings);
  return std::move(decoded.value.list);
}

RollupReading read_rollup(const Context& ctx, Reading enterprise,
                          const std::vector<model::DepartmentDef>& departments) {
  RollupReading out{std::move(enterprise), {}};
  const model::Lang lang = out.enterprise.lang;
  for (const auto& def : departments) {
    DepartmentReading dept;
    dept.def = def;
    locate_department(out.enterprise.ws, dept, lang);
    if (!dept.root.empty()) {
      // The department's own warnings, each line named by the department.
      std::ostringstream messages;
      Context dctx = department_context(ctx, dept.root, lang);
      dctx.err = &messages;
      dctx.progress = false; // no progress line inside the department's messages
      try {
        dept.reading = read_working_tree(dctx);
      } catch (const Failure& failure) {
        dept.code = "bad-department";
        dept.problem = tr(lang, "department {}: {} cannot be read: {}", "部门 {}：无法读取 {}：{}",
                          def.id, def.path, failure.what());
        for (const auto& f : failure.findings())
          dept.problem += "\n  " + def.path + "/" + f.where.file + ":" +
                          std::to_string(f.where.line) + ":" + std::to_string(f.where.column) +
                          ": " + f.message;
      }
      std::istringstream lines(messages.str());
      for (std::string line; std::getline(lines, line);)
        *ctx.err << def.id << ": " << line << '\n';
    }
    if (!dept.problem.empty())
      *ctx.err << tr(lang, "error: {}", "错误：{}", dept.problem) << '\n';
    out.departments.push_back(std::move(dept));
  }
  return out;
}

std::optional<std::pair<model::DepartmentDef, std::string>>
department_of_id(const std::vector<model::DepartmentDef>& departments, const std::string& id,
                 model::Lang lang) {
  auto split = report::split_qualified(id);
  if (!split)
    return std::nullopt;
  for (const auto& def : departments)
    if (def.id == split->first)
      return std::pair{def, split->second};
  throw Failure(k_exit_usage, tr(lang, "{}: pmo.yaml declares no department '{}'",
                                 "{}：pmo.yaml 中没有部门“{}”", id, split->first));
}

std::optional<Context> department_for(const Context& ctx, std::string& id) {
  if (id.find('/') == std::string::npos)
    return std::nullopt;
  const Workspace ws = open_workspace(ctx, false);
  const model::Lang lang = early_language(ctx, &ws);
  auto named = department_of_id(read_departments(ws, lang), id, lang);
  if (!named)
    return std::nullopt;
  DepartmentReading dept;
  dept.def = named->first;
  locate_department(ws, dept, lang);
  if (!dept.problem.empty())
    throw Failure(k_exit_findings, dept.problem);
  id = named->second;
  return department_context(ctx, dept.root, lang);
}

nlohmann::json departments_json(const RollupReading& rr) {
  auto out = nlohmann::json::array();
  for (const auto& d : rr.departments)
    out.push_back(
        {{"id", d.def.id},
         {"path", d.def.path},
         {"remote", d.def.remote.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.def.remote)},
         {"loaded", d.reading.has_value()},
         {"projects", d.reading ? nlohmann::json(d.reading->loaded.portfolio.projects.size())
                                : nlohmann::json(nullptr)},
         {"problem", d.problem.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.problem)}});
  return out;
}

} // namespace pmo::cli
