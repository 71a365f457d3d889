#include <pmo/codec/decoding.hpp>
#include <pmo/codec/kinds.hpp>
#include <pmo/codec/records.hpp>
#include <pmo/codec/writing.hpp>

namespace pmo::codec {

using namespace detail;

Decoded<model::ChangeRequest> decode_change(std::string_view text, const std::string& file,
                                            const std::string& project, const std::string& id,
                                            model::Lang lang) {
  Decoded<model::ChangeRequest> out;
  model::ChangeRequest& r = out.value;
  r.project = project;
  r.id = id;
  r.file = file;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  Map map{ctx, *root, "", r.where, model::change_fields().keys("")};
  require_text(ctx, map, "title", r.title);
  require_text(ctx, map, "reason", r.reason);
  read_id(ctx, map, "requested_by", r.requested_by, false);
  read_date(ctx, map, "requested", r.requested);
  if (auto node = section(ctx, map, "impact")) {
    Map m{ctx, *node, "impact", r.where, model::change_fields().keys("impact")};
    read_text(ctx, m, "scope", r.scope_impact);
    if (auto v = read_bounded(ctx, m, "schedule_days", -3650, 3650, true, false))
      r.schedule_days = static_cast<int>(*v);
    if (auto v =
            read_bounded(ctx, m, "cost", -model::k_max_amount, model::k_max_amount, false, false))
      r.cost = *v;
    read_text(ctx, m, "quality", r.quality_impact);
  }
  read_list(ctx, map, "alternatives", r.where, r.alternatives);
  return finish(std::move(out));
}

std::string encode_change(const model::ChangeRequest& r) {
  Writer w;
  w.verbatim(schema_modeline("change"));
  w.text(0, "title", r.title);
  w.text(0, "reason", r.reason);
  w.text(0, "requested_by", r.requested_by);
  w.date(0, "requested", r.requested);
  w.heading(0, "impact");
  w.text(2, "scope", r.scope_impact);
  w.raw(2, "schedule_days", std::to_string(r.schedule_days));
  w.raw(2, "cost", format_number(r.cost));
  w.text(2, "quality", r.quality_impact);
  w.text_list(0, "alternatives", r.alternatives);
  return std::move(w).str();
}

} // namespace pmo::codec
