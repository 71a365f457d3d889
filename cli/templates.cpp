#include "templates.hpp"

#include <kainjow/mustache.hpp>
#include <stdexcept>

namespace pmo::cli {

std::string render_template(std::string_view lang_dir, std::string_view name,
                            const TemplateData& data) {
  std::string path = std::string{lang_dir} + "/" + std::string{name};
  auto text = embedded_template(path);
  if (!text)
    throw std::runtime_error("no template " + path);
  kainjow::mustache::mustache tmpl{std::string{*text}};
  if (!tmpl.is_valid())
    throw std::runtime_error("template " + path + ": " + tmpl.error_message());
  kainjow::mustache::data values{kainjow::mustache::data::type::object};
  for (const auto& [key, value] : data.scalars)
    values.set(key, value);
  for (const auto& [key, items] : data.lists) {
    kainjow::mustache::data list{kainjow::mustache::data::type::list};
    for (const auto& item : items)
      list.push_back(kainjow::mustache::data{item});
    values.set(key, list);
  }
  return tmpl.render(values);
}

} // namespace pmo::cli
