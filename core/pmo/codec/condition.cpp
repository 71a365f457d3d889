#include <pmo/codec/decoding.hpp>
#include <pmo/codec/kinds.hpp>
#include <pmo/codec/records.hpp>
#include <pmo/codec/writing.hpp>

#include <cctype>

namespace pmo::codec {

using namespace detail;

Decoded<model::ConditionMet> decode_condition_met(std::string_view text, const std::string& file,
                                                  const std::string& project, const std::string& id,
                                                  model::Lang lang) {
  Decoded<model::ConditionMet> out;
  model::ConditionMet& r = out.value;
  r.project = project;
  r.id = id;
  r.file = file;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  Map map{ctx, *root, "", r.where, model::condition_fields().keys("")};
  if (const Field* field = map.require("decision")) {
    if (auto name = text_of(ctx, *field)) {
      const bool safe =
          name->size() > 5 && name->size() <= 255 && name->ends_with(".yaml") &&
          name->find("..") == std::string::npos &&
          std::isalnum(static_cast<unsigned char>(name->front())) &&
          std::all_of(name->begin(), name->end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
          });
      if (safe)
        r.decision = std::move(*name);
      else
        ctx.error(field->at, "bad-value",
                  tr(lang,
                     "decision: '{}' is not the file name of a decision record "
                     "(<stamp>-<gate>-<person>.yaml)",
                     "decision：“{}”不是决策记录的文件名（<时间>-<关口>-<人员>.yaml）", *name));
    }
  }
  if (auto number = read_bounded(ctx, map, "number", 1, 1000, true, true))
    r.number = static_cast<int>(*number);
  require_text(ctx, map, "condition", r.condition);
  if (map.require("met"))
    read_date(ctx, map, "met", r.met);
  read_id(ctx, map, "by", r.by, true);
  require_text(ctx, map, "evidence", r.evidence);
  return finish(std::move(out));
}

std::string encode_condition_met(const model::ConditionMet& r) {
  Writer w;
  w.verbatim(schema_modeline("condition"));
  w.text(0, "decision", r.decision);
  w.raw(0, "number", std::to_string(r.number));
  w.text(0, "condition", r.condition);
  w.date(0, "met", r.met);
  w.text(0, "by", r.by);
  w.text(0, "evidence", r.evidence);
  return std::move(w).str();
}

} // namespace pmo::codec
