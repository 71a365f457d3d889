#include <pmo/codec/calendar_data.hpp>
#include <pmo/codec/decoding.hpp>
#include <pmo/codec/kinds.hpp>
#include <pmo/codec/records.hpp>
#include <pmo/codec/writing.hpp>
#include <pmo/model/ids.hpp>

#include <algorithm>
#include <cmath>

namespace pmo::codec {

using namespace detail;

namespace {

// A gate, its fields located in `where` under `path` ("gates[0].board").
model::GateDef decode_gate(Ctx& ctx, const YAML::Node& node, const std::string& path,
                           FieldLocations& where) {
  model::GateDef gate;
  Map map{ctx, node, path, where, model::office_fields().keys("gates[]")};
  read_id(ctx, map, "id", gate.id, true);
  read_local_text(ctx, map, "name", where, gate.name);
  read_id(ctx, map, "stage", gate.stage, true);
  read_id(ctx, map, "enters", gate.enters, true);
  read_list(ctx, map, "board", where, gate.board, true);
  read_quorum(ctx, map, gate.quorum);
  if (const Field* field = map.get("excluded")) {
    FieldLocations items;
    auto words = list_of(ctx, *field, items, false);
    for (std::size_t i = 0; i < words.size(); ++i) {
      const Location at = items.at(fmt::format("{}[{}]", field->path, i));
      if (auto party = parse_party(words[i])) {
        where.set(fmt::format("{}[{}]", field->path, gate.excluded.size()), at);
        gate.excluded.push_back(*party);
      } else {
        ctx.error(at, "bad-value",
                  tr(ctx.lang, "{}: '{}' is not one of: manager, sponsor",
                     "{}：“{}”不是以下之一：manager, sponsor", field->path, words[i]));
      }
    }
  }
  read_flag(ctx, map, "repeatable", gate.repeatable);
  read_flag(ctx, map, "distinct_people", gate.distinct_people);
  read_list(ctx, map, "requires", where, gate.requires_fields);
  // The gate's own locations are relative to it ("board").
  gate.where = where.under(path + ".");
  return gate;
}

void decode_control(Ctx& ctx, const YAML::Node& node, FieldLocations& where,
                    model::ControlSettings& out) {
  Map map{ctx, node, "control", where, model::office_fields().keys("control")};
  read_enum(ctx, map, "cadence", out.cadence, model::parse_cadence, "weekly, monthly");
  read_id(ctx, map, "baseline_gate", out.baseline_gate, false);
  if (auto health = section(ctx, map, "health")) {
    Map h{ctx, *health, "control.health", where, model::office_fields().keys("control.health")};
    if (auto v = read_bounded(ctx, h, "green", 0, 10, false, false))
      out.green_at = *v;
    if (auto v = read_bounded(ctx, h, "amber", 0, 10, false, false))
      out.amber_at = *v;
    if (out.amber_at > out.green_at)
      ctx.error(h.at(), "bad-value",
                pick(ctx.lang, "control.health: amber must not be above green",
                     "control.health：amber 不能高于 green"));
  }
  if (auto v = read_bounded(ctx, map, "risk_escalation", 1, 25, true, false))
    out.escalate_at = static_cast<int>(*v);
  if (auto v = read_bounded(ctx, map, "report_grace", 0, 20, true, false))
    out.report_grace = static_cast<int>(*v);
  read_enum(ctx, map, "days", out.days, model::parse_day_count, "working, calendar");
  if (const Field* field = map.get("while_on_hold")) {
    FieldLocations items;
    std::vector<std::string> kinds;
    for (const auto& word : list_of(ctx, *field, items, false)) {
      if (std::find(std::begin(model::k_record_kinds), std::end(model::k_record_kinds), word) ==
          std::end(model::k_record_kinds))
        ctx.error(field->at, "bad-value",
                  tr(ctx.lang,
                     "{}: '{}' is not one of: status, risk, issue, change, condition, closure",
                     "{}：“{}”不是以下之一：status, risk, issue, change, condition, closure",
                     field->path, word));
      else if (std::find(kinds.begin(), kinds.end(), word) == kinds.end())
        kinds.push_back(word);
    }
    out.while_on_hold = std::move(kinds);
  }
  if (auto ccb = section(ctx, map, "ccb")) {
    Map c{ctx, *ccb, "control.ccb", where, model::office_fields().keys("control.ccb")};
    read_list(ctx, c, "board", where, out.ccb.board, true);
    read_quorum(ctx, c, out.ccb.quorum);
    read_flag(ctx, c, "distinct_people", out.ccb.distinct_people);
    if (const Field* field = c.get("excluded")) {
      out.ccb.excluded.clear();
      FieldLocations items;
      for (const auto& word : list_of(ctx, *field, items, false)) {
        if (auto party = parse_party(word))
          out.ccb.excluded.push_back(*party);
        else
          ctx.error(field->at, "bad-value",
                    tr(ctx.lang, "{}: '{}' is not one of: manager, sponsor",
                       "{}：“{}”不是以下之一：manager, sponsor", field->path, word));
      }
    }
  }
}

// pmo.yaml `priorities:`: the scoring model. Criteria written replace the defaults.
void decode_priorities(Ctx& ctx, const YAML::Node& node, FieldLocations& where,
                       model::PrioritySettings& out) {
  const auto& fields = model::office_fields();
  Map map{ctx, node, "priorities", where, fields.keys("priorities")};
  if (auto v = read_bounded(ctx, map, "scale", 2, 10, true, false))
    out.scale = static_cast<int>(*v);
  if (const Field* field = map.get("criteria"); field && !field->value.IsNull())
    out.criteria.clear();
  read_items(
      ctx, map, "criteria", "id: ..., name: ..., weight: ...", where,
      [&](const YAML::Node& item, const std::string& path) {
        model::Criterion criterion;
        Map m{ctx, item, path, where, fields.keys("priorities.criteria[]")};
        read_id(ctx, m, "id", criterion.id, true);
        read_local_text(ctx, m, "name", where, criterion.name);
        if (auto w = read_bounded(ctx, m, "weight", 0, 1e6, false, true)) {
          if (*w > 0)
            criterion.weight = *w;
          else
            ctx.error(m.get("weight")->at, "bad-value",
                      tr(ctx.lang, "{}.weight must be more than 0", "{}.weight 必须大于 0", path));
        }
        read_flag(ctx, m, "inverse", criterion.inverse);
        if (!criterion.id.empty() && out.criterion(criterion.id))
          ctx.error(
              m.at(), "duplicate-criterion",
              tr(ctx.lang, "criterion '{}' is listed twice", "评分标准“{}”重复", criterion.id));
        else
          out.criteria.push_back(std::move(criterion));
      });
}

// pmo.yaml `kpis:`: each year's targets. A key of a year's item that is not a KPI is an error
// (unknown-kpi), a rate outside 0..1 or a negative day count too (bad-kpi-target).
void decode_kpis(Ctx& ctx, const YAML::Node& node, FieldLocations& where, model::KpiSettings& out) {
  const auto& fields = model::office_fields();
  Map map{ctx, node, "kpis", where, fields.keys("kpis")};
  read_items(ctx, map, "targets", "year: ..., on_time_delivery: ...", where,
             [&](const YAML::Node& item, const std::string& path) {
               const auto& known = fields.keys("kpis.targets[]");
               // Unknown names are reported here, as unknown KPIs, and read by no one.
               std::vector<std::string> unknown;
               for (const auto& entry : item) {
                 const std::string name = entry.first.IsScalar() ? entry.first.Scalar() : "";
                 if (std::find(known.begin(), known.end(), name) != known.end())
                   continue;
                 ctx.error(ctx.loc(entry.first), "unknown-kpi",
                           tr(ctx.lang, "{}: '{}' is not a KPI; the KPIs are: {}",
                              "{}：“{}”不是 KPI；KPI 为：{}", path, name,
                              fmt::join(model::k_kpi_names, ", ")));
                 unknown.push_back(name);
               }
               std::vector<std::string_view> names(known.begin(), known.end());
               names.insert(names.end(), unknown.begin(), unknown.end());
               Map m{ctx, item, path, where, names};
               model::YearTargets year;
               if (auto v = read_bounded(ctx, m, "year", 1900, 9999, true, true))
                 year.year = static_cast<int>(*v);
               for (std::string_view kpi : model::k_kpi_names) {
                 const Field* field = m.get(kpi);
                 if (!field || field->value.IsNull())
                   continue;
                 auto value = number_of(ctx, *field);
                 if (!value)
                   continue;
                 if (model::is_day_kpi(kpi) ? *value < 0 : (*value < 0 || *value > 1)) {
                   ctx.error(field->at, "bad-kpi-target",
                             model::is_day_kpi(kpi)
                                 ? tr(ctx.lang, "{} is a number of days: not negative, not {}",
                                      "{} 是天数：不能为负数，而不是 {}", field->path,
                                      field->value.Scalar())
                                 : tr(ctx.lang, "{} is a rate from 0 to 1 (0.8 for 80%), not {}",
                                      "{} 是 0 到 1 之间的比率（80% 写作 0.8），而不是 {}",
                                      field->path, field->value.Scalar()));
                   continue;
                 }
                 year.targets.push_back({std::string{kpi}, *value});
               }
               if (year.year != 0 && out.year(year.year))
                 ctx.error(m.at(), "duplicate-kpi-year",
                           tr(ctx.lang, "kpis.targets: {} is listed twice",
                              "kpis.targets：{} 年重复列出", year.year));
               else if (year.year != 0)
                 out.targets.push_back(std::move(year));
             });
}

// pmo.yaml `ledger:`: who may change the process and the roster, and whether decisions are signed.
void decode_ledger(Ctx& ctx, const YAML::Node& node, FieldLocations& where,
                   model::LedgerSettings& out) {
  Map map{ctx, node, "ledger", where, model::office_fields().keys("ledger")};
  if (map.get("rule_changes"))
    read_list(ctx, map, "rule_changes", where, out.rule_changes, true);
  if (const Field* field = map.get("signing"); field && !field->value.IsNull()) {
    const std::string word = is_plain(field->value) ? field->value.Scalar() : std::string{};
    if (word == "required" || word == "optional")
      out.signing_required = word == "required";
    else
      ctx.error(field->at, "bad-value",
                tr(ctx.lang, "ledger.signing: {} is not one of: optional, required",
                   "ledger.signing：{}不是以下之一：optional, required",
                   describe(ctx, field->value)));
  }
}

} // namespace

Decoded<model::Office> decode_office(std::string_view text, const std::string& file,
                                     model::Lang lang) {
  Decoded<model::Office> out;
  model::Office& office = out.value;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  Map top{ctx, *root, "", office.where, model::office_fields().keys("")};

  if (const Field* field = top.require("office")) {
    if (!field->value.IsMap()) {
      ctx.error(field->at, "wrong-type",
                tr(lang, "office must be a mapping (name, language, type, currency), not {}",
                   "office 必须是映射（name、language、type、currency），而不是{}",
                   describe(ctx, field->value)));
    } else {
      Map map{ctx, field->value, "office", office.where, model::office_fields().keys("office")};
      require_text(ctx, map, "name", office.name);
      read_enum(ctx, map, "language", office.language, model::parse_lang, "zh, en");
      read_enum(ctx, map, "type", office.type, model::parse_office_type,
                "supportive, controlling, directive");
      read_text(ctx, map, "currency", office.currency);
    }
  }

  read_items(ctx, top, "roles", "id: ..., name: ...", office.where,
             [&](const YAML::Node& node, const std::string& path) {
               model::RoleDef role;
               Map map{ctx, node, path, office.where, model::office_fields().keys("roles[]")};
               read_id(ctx, map, "id", role.id, true);
               read_local_text(ctx, map, "name", office.where, role.name);
               office.roles.push_back(std::move(role));
             });

  if (const Field* field = top.get("stages"); field && !field->value.IsNull()) {
    if (!field->value.IsMap()) {
      ctx.error(field->at, "wrong-type",
                tr(lang, "stages must be a mapping (initial: ...), not {}",
                   "stages 必须是映射（initial: ...），而不是{}", describe(ctx, field->value)));
    } else {
      Map map{ctx, field->value, "stages", office.where, model::office_fields().keys("stages")};
      read_id(ctx, map, "initial", office.initial_stage, false);
    }
  }

  read_items(ctx, top, "gates", "id: ..., name: ..., board: [...]", office.where,
             [&](const YAML::Node& node, const std::string& path) {
               office.gates.push_back(decode_gate(ctx, node, path, office.where));
             });
  if (auto node = section(ctx, top, "control"))
    decode_control(ctx, *node, office.where, office.control);
  if (auto node = section(ctx, top, "ledger"))
    decode_ledger(ctx, *node, office.where, office.ledger);
  if (auto node = section(ctx, top, "priorities"))
    decode_priorities(ctx, *node, office.where, office.priorities);
  if (auto node = section(ctx, top, "resources")) {
    Map map{ctx, *node, "resources", office.where, model::office_fields().keys("resources")};
    read_enum(
        ctx, map, "over_allocation", office.resources.over_allocation_is_error,
        [](std::string_view word) -> std::optional<bool> {
          if (word == "error" || word == "warning")
            return word == "error";
          return std::nullopt;
        },
        "warning, error");
  }
  if (auto node = section(ctx, top, "kpis"))
    decode_kpis(ctx, *node, office.where, office.kpis);
  if (auto node = section(ctx, top, "calendar"))
    decode_calendar(ctx, *node, office.where, office.calendar_settings, office.calendar);
  return finish(std::move(out));
}

std::string encode_office(const model::Office& office) {
  Writer w;
  w.verbatim(schema_modeline("office"));
  if (office.language == Lang::zh)
    w.comment("PMO 办公室及其流程：角色、阶段和关口（按生命周期顺序）。");
  else
    w.comment("The PMO office and its process: roles, stages and gates (in lifecycle order).");
  w.heading(0, "office");
  w.text(2, "name", office.name);
  w.raw(2, "language", model::lang_code(office.language));
  w.raw(2, "type", model::to_string(office.type));
  w.text(2, "currency", office.currency);

  if (!office.roles.empty()) {
    w.blank();
    w.heading(0, "roles");
    for (const auto& role : office.roles) {
      Writer item;
      item.raw(4, "id", scalar(role.id));
      item.local_text(4, "name", role.name);
      w.list_item(2, item);
    }
  }

  w.blank();
  w.heading(0, "stages");
  w.raw(2, "initial", scalar(office.initial_stage));

  if (!office.gates.empty()) {
    w.blank();
    w.heading(0, "gates");
    for (const auto& gate : office.gates) {
      Writer item;
      item.raw(4, "id", scalar(gate.id));
      item.local_text(4, "name", gate.name);
      item.text(4, "stage", gate.stage);
      item.text(4, "enters", gate.enters);
      item.id_list(4, "board", gate.board);
      item.raw(4, "quorum", quorum_text(gate.quorum));
      std::vector<std::string> excluded;
      for (auto party : gate.excluded)
        excluded.emplace_back(party_name(party));
      item.id_list(4, "excluded", excluded);
      if (gate.repeatable)
        item.raw(4, "repeatable", "true");
      if (!gate.distinct_people)
        item.raw(4, "distinct_people", "false");
      item.id_list(4, "requires", gate.requires_fields);
      w.list_item(2, item);
    }
  }

  const auto& c = office.control;
  w.blank();
  w.heading(0, "control");
  w.raw(2, "cadence", model::to_string(c.cadence));
  w.raw(2, "baseline_gate", scalar(c.baseline_gate));
  w.raw(2, "health",
        fmt::format("{{green: {}, amber: {}}}", format_number(c.green_at),
                    format_number(c.amber_at)));
  w.raw(2, "risk_escalation", std::to_string(c.escalate_at));
  w.raw(2, "report_grace", std::to_string(c.report_grace));
  if (c.days != model::DayCount::calendar)
    w.raw(2, "days", model::to_string(c.days));
  w.raw(2, "while_on_hold", "[" + fmt::format("{}", fmt::join(c.while_on_hold, ", ")) + "]");
  w.heading(2, "ccb");
  w.id_list(4, "board", c.ccb.board);
  w.raw(4, "quorum", quorum_text(c.ccb.quorum));
  std::vector<std::string> ccb_excluded;
  for (auto party : c.ccb.excluded)
    ccb_excluded.emplace_back(party_name(party));
  w.id_list(4, "excluded", ccb_excluded);
  if (!c.ccb.distinct_people)
    w.raw(4, "distinct_people", "false");
  const model::PrioritySettings priorities = model::default_priorities();
  auto same = [](const model::Criterion& a, const model::Criterion& b) {
    return a.id == b.id && a.name.zh == b.name.zh && a.name.en == b.name.en &&
           a.weight == b.weight && a.inverse == b.inverse;
  };
  const auto& p = office.priorities;
  if (p.scale != priorities.scale ||
      !std::equal(p.criteria.begin(), p.criteria.end(), priorities.criteria.begin(),
                  priorities.criteria.end(), same)) {
    w.blank();
    w.heading(0, "priorities");
    w.raw(2, "scale", std::to_string(p.scale));
    if (p.criteria.empty())
      w.raw(2, "criteria", "[]");
    else
      w.heading(2, "criteria");
    for (const auto& criterion : p.criteria) {
      Writer item;
      item.raw(6, "id", scalar(criterion.id));
      item.local_text(6, "name", criterion.name);
      item.raw(6, "weight", format_number(criterion.weight));
      if (criterion.inverse)
        item.raw(6, "inverse", "true");
      w.list_item(4, item);
    }
  }
  if (office.resources.over_allocation_is_error) {
    w.blank();
    w.heading(0, "resources");
    w.raw(2, "over_allocation", "error");
  }
  if (!office.kpis.targets.empty()) {
    w.blank();
    w.heading(0, "kpis");
    w.heading(2, "targets");
    for (const auto& year : office.kpis.targets) {
      Writer item;
      item.raw(6, "year", std::to_string(year.year));
      for (const auto& t : year.targets)
        item.raw(6, t.kpi, format_number(t.value));
      w.list_item(4, item);
    }
  }
  if (const auto& cal = office.calendar_settings; cal.written) {
    w.blank();
    w.heading(0, "calendar");
    if (!cal.base.empty())
      w.raw(2, "base", scalar(cal.base));
    std::vector<std::string> week;
    for (unsigned iso = 1; iso <= 7; ++iso)
      if (cal.week[iso - 1])
        week.emplace_back(model::weekday_word(iso));
    w.raw(2, "week", "[" + fmt::format("{}", fmt::join(week, ", ")) + "]");
    for (const auto* list : {&cal.holidays, &cal.workdays}) {
      if (list->empty())
        continue;
      w.heading(2, list == &cal.holidays ? "holidays" : "workdays");
      for (const auto& day : *list) {
        Writer item;
        item.raw(6, "date", model::format_date(day.date));
        if (!day.name.empty())
          item.text(6, "name", day.name);
        w.list_item(4, item);
      }
    }
  }
  const model::LedgerSettings defaults;
  if (office.ledger.rule_changes != defaults.rule_changes || office.ledger.signing_required) {
    w.blank();
    w.heading(0, "ledger");
    w.id_list(2, "rule_changes", office.ledger.rule_changes);
    w.raw(2, "signing", office.ledger.signing_required ? "required" : "optional");
  }
  return std::move(w).str();
}

} // namespace pmo::codec
