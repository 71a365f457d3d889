#include <pmo/codec/decoding.hpp>
#include <pmo/codec/kinds.hpp>
#include <pmo/codec/records.hpp>
#include <pmo/codec/writing.hpp>

namespace pmo::codec {

using namespace detail;

Decoded<model::Risk> decode_risk(std::string_view text, const std::string& file,
                                 const std::string& project, const std::string& id,
                                 model::Lang lang) {
  Decoded<model::Risk> out;
  model::Risk& r = out.value;
  r.project = project;
  r.id = id;
  r.file = file;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  Map map{ctx, *root, "", r.where, model::risk_fields().keys("")};
  require_text(ctx, map, "description", r.description);
  read_text(ctx, map, "cause", r.cause);
  if (auto v = read_bounded(ctx, map, "probability", 1, 5, true, true))
    r.probability = static_cast<int>(*v);
  if (auto v = read_bounded(ctx, map, "impact", 1, 5, true, true))
    r.impact = static_cast<int>(*v);
  read_id(ctx, map, "owner", r.owner, true);
  require_enum(ctx, map, "response", r.response, model::parse_risk_response,
               "avoid, mitigate, transfer, accept");
  read_list(ctx, map, "actions", r.where, r.actions);
  read_date(ctx, map, "due", r.due);
  require_enum(
      ctx, map, "status", r.open,
      [](std::string_view t) -> std::optional<bool> {
        if (t == "open")
          return true;
        if (t == "closed")
          return false;
        return std::nullopt;
      },
      "open, closed");
  read_date(ctx, map, "raised", r.raised);
  read_date(ctx, map, "closed", r.closed);
  return finish(std::move(out));
}

std::string encode_risk(const model::Risk& r) {
  Writer w;
  w.verbatim(schema_modeline("risk"));
  w.text(0, "description", r.description);
  w.text(0, "cause", r.cause);
  w.raw(0, "probability", std::to_string(r.probability));
  w.raw(0, "impact", std::to_string(r.impact));
  w.text(0, "owner", r.owner);
  w.raw(0, "response", model::to_string(r.response));
  w.text_list(0, "actions", r.actions);
  w.date(0, "due", r.due);
  w.raw(0, "status", r.open ? "open" : "closed");
  w.date(0, "raised", r.raised);
  w.date(0, "closed", r.closed);
  return std::move(w).str();
}

} // namespace pmo::codec
