#include <pmo/codec/calendar_data.hpp>

#include <algorithm>

namespace pmo::codec {

using namespace detail;

namespace {

constexpr std::string_view k_bases[] = {"cn"};

const std::vector<std::string_view>& shipped_keys(std::string_view level) {
  static const std::vector<std::string_view> top{"base", "name", "week", "years"};
  static const std::vector<std::string_view> year{"year", "notices", "holidays", "workdays"};
  static const std::vector<std::string_view> day{"date", "name"};
  return level == "" ? top : level == "years[]" ? year : day;
}

// `week: [mon, tue, ...]` into week[iso - 1].
void read_week(Ctx& ctx, const Field& field, std::array<bool, 7>& out) {
  FieldLocations items;
  const auto words = list_of(ctx, field, items, false);
  std::array<bool, 7> week{};
  bool bad = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Location at = items.find(fmt::format("{}[{}]", field.path, i)).value_or(field.at);
    if (auto iso = model::parse_weekday(words[i])) {
      week[*iso - 1] = true;
    } else {
      bad = true;
      ctx.error(at, "bad-value",
                tr(ctx.lang, "{}: '{}' is not a weekday: mon, tue, wed, thu, fri, sat, sun",
                   "{}：“{}”不是星期几：mon, tue, wed, thu, fri, sat, sun", field.path, words[i]));
    }
  }
  if (bad)
    return;
  if (std::none_of(week.begin(), week.end(), [](bool b) { return b; })) {
    ctx.error(field.at, "bad-value",
              tr(ctx.lang, "{} names no working day", "{} 没有列出任何工作日", field.path));
    return;
  }
  out = week;
}

// A list of {date, name}: each day once; `other` holds the days already listed under the other
// key (holidays against workdays), where a day may not be listed too.
void read_days(Ctx& ctx, const Map& map, std::string_view name,
               const std::vector<std::string_view>& keys, FieldLocations& where,
               std::vector<model::CalendarDay>& out, const std::vector<model::CalendarDay>& other,
               std::string_view other_name) {
  read_items(ctx, map, name, "date: YYYY-MM-DD, name: ...", where,
             [&](const YAML::Node& node, const std::string& path) {
               Map m{ctx, node, path, where, keys};
               std::string day_name;
               read_text(ctx, m, "name", day_name);
               std::optional<model::Date> date;
               if (!m.require("date"))
                 return;
               read_date(ctx, m, "date", date);
               if (!date)
                 return;
               model::CalendarDay day{*date, std::move(day_name)};
               const Location at = m.get("date")->at;
               const auto same = [&](const model::CalendarDay& d) { return d.date == *date; };
               if (std::any_of(out.begin(), out.end(), same))
                 ctx.error(at, "calendar-conflict",
                           tr(ctx.lang, "{}: {} is listed twice", "{}：{} 重复列出", path,
                              model::format_date(*date)));
               else if (std::any_of(other.begin(), other.end(), same))
                 ctx.error(at, "calendar-conflict",
                           tr(ctx.lang, "{}: {} is also listed in {}: a day is off or worked",
                              "{}：{} 同时列在 {} 中：一天只能是休息日或工作日", path,
                              model::format_date(*date), other_name));
               else
                 out.push_back(std::move(day));
             });
}

} // namespace

Decoded<ShippedCalendar> decode_shipped_calendar(std::string_view text, const std::string& file,
                                                 model::Lang lang) {
  Decoded<ShippedCalendar> out;
  ShippedCalendar& cal = out.value;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  Map top{ctx, *root, "", cal.where, shipped_keys("")};
  require_text(ctx, top, "base", cal.base);
  read_local_text(ctx, top, "name", cal.where, cal.name);
  if (const Field* week = top.get("week"))
    read_week(ctx, *week, cal.week);
  read_items(ctx, top, "years", "year: ..., notices: [...], holidays: [...]", cal.where,
             [&](const YAML::Node& node, const std::string& path) {
               Map m{ctx, node, path, cal.where, shipped_keys("years[]")};
               model::CalendarYear year;
               if (auto v = read_bounded(ctx, m, "year", 1900, 9999, true, true))
                 year.year = static_cast<int>(*v);
               read_list(ctx, m, "notices", cal.where, year.notices);
               read_days(ctx, m, "holidays", shipped_keys("day"), cal.where, year.holidays, {},
                         "workdays");
               read_days(ctx, m, "workdays", shipped_keys("day"), cal.where, year.workdays,
                         year.holidays, path + ".holidays");
               // Days need not fall in the year: the 2023 notice lists 2022-12-31 (元旦).
               if (std::any_of(cal.years.begin(), cal.years.end(),
                               [&](const auto& y) { return y.year == year.year; }))
                 ctx.error(
                     m.at(), "calendar-conflict",
                     tr(ctx.lang, "{}: {} is listed twice", "{}：{} 年重复列出", path, year.year));
               else if (year.year != 0)
                 cal.years.push_back(std::move(year));
             });
  return finish(std::move(out));
}

const ShippedCalendar* shipped_calendar(std::string_view base) {
  // Decoded once; the unit tests hold the shipped files to no findings.
  static const auto decoded = [] {
    std::vector<std::pair<std::string_view, Decoded<ShippedCalendar>>> all;
    for (std::string_view name : k_bases) {
      const std::string file = fmt::format("calendar/{}.yaml", name);
      if (auto text = shipped_calendar_file(file))
        all.emplace_back(name,
                         decode_shipped_calendar(*text, "templates/" + file, model::Lang::en));
    }
    return all;
  }();
  for (const auto& [name, calendar] : decoded)
    if (name == base && calendar.ok())
      return &calendar.value;
  return nullptr;
}

std::string shipped_calendar_names() { return fmt::format("{}", fmt::join(k_bases, ", ")); }

namespace detail {

model::Calendar build_calendar(const model::CalendarSettings& settings) {
  model::Calendar calendar;
  if (const ShippedCalendar* base =
          settings.base.empty() ? nullptr : shipped_calendar(settings.base)) {
    calendar.set_week(base->week);
    for (const auto& year : base->years)
      calendar.add_year(year);
  }
  calendar.set_week(settings.week);
  for (const auto& day : settings.holidays)
    calendar.add_holiday(day);
  for (const auto& day : settings.workdays)
    calendar.add_workday(day);
  return calendar;
}

void decode_calendar(Ctx& ctx, const YAML::Node& node, FieldLocations& where,
                     model::CalendarSettings& settings, model::Calendar& calendar) {
  const auto& fields = model::office_fields();
  Map map{ctx, node, "calendar", where, fields.keys("calendar")};
  settings.written = true;
  if (const Field* field = map.get("base")) {
    if (auto text = text_of(ctx, *field)) {
      if (const ShippedCalendar* base = shipped_calendar(*text)) {
        settings.base = *text;
        settings.week = base->week; // unless the office writes its own
      } else
        ctx.error(field->at, "bad-value",
                  tr(ctx.lang, "calendar.base: '{}' is not a calendar pmo ships: {}",
                     "calendar.base：“{}”不是 pmo 自带的日历：{}", *text,
                     shipped_calendar_names()));
    }
  }
  if (const Field* week = map.get("week"); week && !week->value.IsNull())
    read_week(ctx, *week, settings.week);
  read_days(ctx, map, "holidays", fields.keys("calendar.holidays[]"), where, settings.holidays, {},
            "calendar.workdays");
  read_days(ctx, map, "workdays", fields.keys("calendar.workdays[]"), where, settings.workdays,
            settings.holidays, "calendar.holidays");
  calendar = build_calendar(settings);
}

} // namespace detail

} // namespace pmo::codec
