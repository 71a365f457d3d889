#include "people_list.hpp"

#include "render_json.hpp"
#include "render_table.hpp"

#include <pmo/model/lifecycle.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ostream>

namespace pmo::cli {

using model::pick;

void print_people(const Context& ctx, const model::Portfolio& portfolio, model::Lang lang,
                  bool json) {
  if (json) {
    nlohmann::json people = nlohmann::json::array();
    for (const auto& person : portfolio.people)
      people.push_back(
          {{"id", person.id},
           {"name", person.name},
           {"email", person.email},
           {"roles", person.roles},
           {"capacity", person.capacity},
           {"retired", person.retired ? nlohmann::json(model::format_date(*person.retired))
                                      : nlohmann::json(nullptr)}});
    *ctx.out << dump_json({{"schema_version", 1}, {"people", people}});
    return;
  }
  std::vector<TableColumn> columns = {
      {pick(lang, "ID", "编号")},        {pick(lang, "NAME", "姓名")},
      {pick(lang, "ROLES", "角色")},     {pick(lang, "E-MAIL", "电子邮箱")},
      {pick(lang, "FTE", "投入"), true}, {pick(lang, "RETIRED", "离任")}};
  std::vector<TableRow> rows;
  for (const auto& person : portfolio.people) {
    std::vector<std::string> roles;
    for (const auto& role : person.roles)
      roles.push_back(model::role_name(portfolio.office, role, lang));
    rows.push_back({{person.id},
                    {person.name},
                    {fmt::format("{}", fmt::join(roles, ", "))},
                    {person.email},
                    {fmt::format("{:.2g}", person.capacity)},
                    {person.retired ? model::format_date(*person.retired) : ""}});
  }
  *ctx.out << render_table(columns, rows, ctx.color);
}

} // namespace pmo::cli
