#include <pmo/codec/decoding.hpp>
#include <pmo/codec/departments.hpp>
#include <pmo/model/fields.hpp>
#include <pmo/model/ids.hpp>

namespace pmo::codec {

using namespace detail;

namespace {

bool safe_path(std::string_view path) {
  if (path.empty() || path.front() == '/')
    return false;
  while (!path.empty()) {
    const auto slash = path.find('/');
    if (!model::is_valid_id(path.substr(0, slash)))
      return false;
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
  }
  return true;
}

} // namespace

Decoded<model::Departments> decode_departments(std::string_view text, const std::string& file,
                                               model::Lang lang) {
  Decoded<model::Departments> out;
  std::vector<model::Finding> ignored; // a text that is not YAML: decode_office says so
  Ctx quiet{file, lang, ignored};
  auto root = parse_root(quiet, text);
  if (!root)
    return out;
  const YAML::Node& top_node = *root;
  if (!top_node["departments"])
    return finish(std::move(out));
  Ctx ctx{file, lang, out.findings};
  YAML::Node only(YAML::NodeType::Map);
  only["departments"] = top_node["departments"];
  static const std::vector<std::string_view> k_top{"departments"};
  const auto& fields = model::office_fields();
  model::Departments& departments = out.value;
  Map top{ctx, only, "", departments.where, k_top};
  read_items(
      ctx, top, "departments", "id: ..., path: ...", departments.where,
      [&](const YAML::Node& node, const std::string& path) {
        model::DepartmentDef dept;
        Map m{ctx, node, path, departments.where, fields.keys("departments[]")};
        dept.at = m.at();
        read_id(ctx, m, "id", dept.id, true);
        require_text(ctx, m, "path", dept.path);
        read_text(ctx, m, "remote", dept.remote);
        while (dept.path.size() > 1 && dept.path.back() == '/')
          dept.path.pop_back();
        if (!dept.path.empty() && !safe_path(dept.path)) {
          ctx.error(m.get("path")->at, "bad-department",
                    tr(ctx.lang,
                       "{}.path '{}' must be a relative path inside this repository whose every "
                       "segment is an id (no '..', no '/' first)",
                       "{}.path “{}”必须是本仓库内的相对路径，且每一段都是标识（不含 ..，"
                       "不以 / 开头）",
                       path, dept.path));
          return;
        }
        for (const auto& other : departments.list) {
          if (!dept.id.empty() && other.id == dept.id) {
            ctx.error(m.at(), "duplicate-department",
                      tr(ctx.lang, "department '{}' is listed twice", "部门“{}”重复列出", dept.id));
            return;
          }
          if (!dept.path.empty() && other.path == dept.path) {
            ctx.error(m.at(), "duplicate-department",
                      tr(ctx.lang, "departments '{}' and '{}' have the same path {}",
                         "部门“{}”与“{}”的路径相同：{}", other.id, dept.id, dept.path));
            return;
          }
        }
        if (!dept.id.empty() && !dept.path.empty())
          departments.list.push_back(std::move(dept));
      });
  return finish(std::move(out));
}

} // namespace pmo::codec
