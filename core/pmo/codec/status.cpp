#include <pmo/codec/decoding.hpp>
#include <pmo/codec/kinds.hpp>
#include <pmo/codec/records.hpp>
#include <pmo/codec/writing.hpp>

namespace pmo::codec {

using namespace detail;

Decoded<model::StatusReport> decode_status_report(std::string_view text, const std::string& file,
                                                  const std::string& project,
                                                  const std::string& period, model::Lang lang) {
  Decoded<model::StatusReport> out;
  model::StatusReport& r = out.value;
  r.project = project;
  r.period = period;
  r.file = file;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  Map map{ctx, *root, "", r.where, model::status_fields().keys("")};
  if (auto v = read_bounded(ctx, map, "percent_complete", 0, 100, false, true))
    r.percent_complete = *v;
  if (map.require("actual_cost")) {
    std::optional<double> cost;
    read_amount(ctx, map, "actual_cost", cost);
    r.actual_cost = cost.value_or(0);
  }
  if (auto node = section(ctx, map, "forecasts")) {
    for (const auto& entry : *node) {
      if (!entry.first.IsScalar())
        continue;
      model::MilestoneForecast forecast;
      forecast.name = entry.first.Scalar();
      const Location at = ctx.loc(entry.second);
      r.where.set("forecasts." + forecast.name, at);
      auto date = entry.second.IsScalar() ? model::parse_date(entry.second.Scalar()) : std::nullopt;
      if (!date) {
        ctx.error(at, "bad-date",
                  tr(lang, "forecasts.{}: not a date (YYYY-MM-DD)",
                     "forecasts.{}：不是日期（YYYY-MM-DD）", forecast.name));
        continue;
      }
      forecast.date = *date;
      r.forecasts.push_back(std::move(forecast));
    }
  }
  if (auto node = section(ctx, map, "health")) {
    Map h{ctx, *node, "health", r.where, model::status_fields().keys("health")};
    for (auto dimension : model::k_dimensions) {
      std::optional<model::Rag> rag;
      read_enum(ctx, h, model::to_string(dimension), rag, model::parse_rag, "green, amber, red");
      if (rag)
        r.health[dimension] = *rag;
    }
  }
  read_text(ctx, map, "summary", r.summary);
  read_list(ctx, map, "accomplishments", r.where, r.accomplishments);
  read_list(ctx, map, "next_steps", r.where, r.next_steps);
  read_date(ctx, map, "amended", r.amended);
  return finish(std::move(out));
}

std::string encode_status_report(const model::StatusReport& r) {
  Writer w;
  w.verbatim(schema_modeline("status"));
  w.raw(0, "percent_complete", format_number(r.percent_complete));
  w.raw(0, "actual_cost", format_number(r.actual_cost));
  if (!r.forecasts.empty()) {
    w.heading(0, "forecasts");
    for (const auto& f : r.forecasts)
      w.raw(2, scalar(f.name), model::format_date(f.date));
  }
  if (!r.health.empty()) {
    w.heading(0, "health");
    for (const auto& [dimension, rag] : r.health)
      w.raw(2, model::to_string(dimension), model::to_string(rag));
  }
  w.text(0, "summary", r.summary);
  w.text_list(0, "accomplishments", r.accomplishments);
  w.text_list(0, "next_steps", r.next_steps);
  if (r.amended)
    w.raw(0, "amended", model::format_date(*r.amended));
  return std::move(w).str();
}

} // namespace pmo::codec
