#include <pmo/codec/decoding.hpp>
#include <pmo/codec/kinds.hpp>
#include <pmo/codec/records.hpp>
#include <pmo/codec/writing.hpp>

namespace pmo::codec {

using namespace detail;

Decoded<model::Issue> decode_issue(std::string_view text, const std::string& file,
                                   const std::string& project, const std::string& id,
                                   model::Lang lang) {
  Decoded<model::Issue> out;
  model::Issue& r = out.value;
  r.project = project;
  r.id = id;
  r.file = file;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  Map map{ctx, *root, "", r.where, model::issue_fields().keys("")};
  require_text(ctx, map, "description", r.description);
  read_id(ctx, map, "owner", r.owner, true);
  require_enum(ctx, map, "priority", r.priority, model::parse_priority,
               "low, medium, high, critical");
  read_date(ctx, map, "due", r.due);
  read_date(ctx, map, "raised", r.raised);
  read_date(ctx, map, "resolved", r.resolved);
  read_text(ctx, map, "resolution", r.resolution);
  if (r.resolved && r.resolution.empty())
    ctx.error(
        map.get("resolved")->at, "missing-field",
        pick(lang, "a resolved issue needs its resolution", "已解决的问题必须写明 resolution"));
  return finish(std::move(out));
}

std::string encode_issue(const model::Issue& r) {
  Writer w;
  w.verbatim(schema_modeline("issue"));
  w.text(0, "description", r.description);
  w.text(0, "owner", r.owner);
  w.raw(0, "priority", model::to_string(r.priority));
  w.date(0, "due", r.due);
  w.date(0, "raised", r.raised);
  w.date(0, "resolved", r.resolved);
  w.text(0, "resolution", r.resolution);
  return std::move(w).str();
}

} // namespace pmo::codec
