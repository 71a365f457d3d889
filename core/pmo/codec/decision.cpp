#include <pmo/codec/decoding.hpp>
#include <pmo/codec/kinds.hpp>
#include <pmo/codec/records.hpp>
#include <pmo/codec/writing.hpp>

namespace pmo::codec {

using namespace detail;

Decoded<model::Decision> decode_decision(std::string_view text, const std::string& file,
                                         const std::string& project, model::Lang lang) {
  Decoded<model::Decision> out;
  model::Decision& decision = out.value;
  decision.project = project;
  decision.file = file;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  Map map{ctx, *root, "", decision.where, model::decision_fields().keys("")};

  if (map.get("change")) {
    read_id(ctx, map, "change", decision.change, true);
    if (map.get("gate"))
      ctx.error(map.get("gate")->at, "bad-value",
                pick(lang, "a decision is on a gate or on a change, not both",
                     "一项决策针对关口或变更申请，不能同时针对两者"));
  } else {
    read_id(ctx, map, "gate", decision.gate, true);
  }
  if (map.require("decision"))
    read_enum(ctx, map, "decision", decision.verdict, model::parse_verdict,
              "approve, approve-with-conditions, revise, reject, hold");
  read_id(ctx, map, "reviewer", decision.reviewer, true);
  read_id(ctx, map, "role", decision.role, true);
  if (const Field* field = map.require("decided_at")) {
    if (auto stamp = text_of(ctx, *field)) {
      if (auto ts = model::parse_timestamp(*stamp))
        decision.decided_at = *ts;
      else
        ctx.error(field->at, "bad-date",
                  tr(lang, "decided_at: '{}' is not a UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)",
                     "decided_at：“{}”不是 UTC 时间戳（YYYY-MM-DDTHH:MM:SSZ）", *stamp));
    }
  }
  if (const Field* field = map.get("record")) {
    if (auto record = text_of(ctx, *field)) {
      if (is_hex_id(*record))
        decision.record = std::move(*record);
      else
        ctx.error(field->at, "bad-value",
                  tr(lang, "record: '{}' is not a git object id (hexadecimal)",
                     "record：“{}”不是 git 对象 ID（十六进制）", *record));
    }
  }
  if (const Field* field = map.get("rules")) {
    if (auto rules = text_of(ctx, *field)) {
      if (is_hex_id(*rules))
        decision.rules_blob = std::move(*rules);
      else
        ctx.error(field->at, "bad-value",
                  tr(lang, "rules: '{}' is not a git object id (hexadecimal)",
                     "rules：“{}”不是 git 对象 ID（十六进制）", *rules));
    }
  }
  read_text(ctx, map, "comment", decision.comment);
  read_list(ctx, map, "conditions", decision.where, decision.conditions);
  return finish(std::move(out));
}

std::string encode_decision(const model::Decision& d) {
  Writer w;
  w.verbatim(schema_modeline("decision"));
  w.text(0, "gate", d.gate);
  w.text(0, "change", d.change);
  w.raw(0, "decision", model::to_string(d.verdict));
  w.text(0, "reviewer", d.reviewer);
  w.text(0, "role", d.role);
  w.raw(0, "decided_at", model::format_timestamp(d.decided_at));
  w.text(0, "record", d.record);
  w.text(0, "rules", d.rules_blob);
  w.text(0, "comment", d.comment);
  w.text_list(0, "conditions", d.conditions);
  return std::move(w).str();
}

} // namespace pmo::codec
