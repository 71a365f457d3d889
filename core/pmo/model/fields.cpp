#include <pmo/model/fields.hpp>

#include <algorithm>
#include <stdexcept>

namespace pmo::model {

namespace {

using T = FieldType;

bool blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}
bool any_text(const std::vector<std::string>& items) {
  return std::any_of(items.begin(), items.end(), [](const std::string& s) { return !blank(s); });
}

// A plan section (plan.<name>): filled when its text is.
template <std::string PlanSections::*Section> bool plan_filled(const Project& p) {
  return !blank(p.plan.*Section);
}

} // namespace

RecordFields::RecordFields(std::string_view kind, std::vector<FieldDef> fields)
    : m_kind(kind), m_fields(std::move(fields)) {
  for (const FieldDef& field : m_fields) {
    const std::size_t dot = field.path.rfind('.');
    const std::string prefix{dot == std::string_view::npos ? std::string_view{}
                                                           : field.path.substr(0, dot)};
    const std::string_view name =
        dot == std::string_view::npos ? field.path : field.path.substr(dot + 1);
    auto it = std::find_if(m_keys.begin(), m_keys.end(),
                           [&](const auto& entry) { return entry.first == prefix; });
    if (it == m_keys.end()) {
      m_keys.emplace_back(prefix, std::vector<std::string_view>{});
      it = std::prev(m_keys.end());
    }
    it->second.push_back(name);
    // Every prefix names a section or an item list of the same table.
    if (!prefix.empty()) {
      const std::string parent =
          prefix.ends_with("[]") ? prefix.substr(0, prefix.size() - 2) : prefix;
      const FieldDef* owner = find(parent);
      if (!owner || (owner->type != T::section && owner->type != T::items &&
                     owner->type != T::refs && owner->type != T::local_text))
        throw std::logic_error("field table " + m_kind + ": " + std::string{field.path} +
                               " is not below a section or a list of mappings");
    }
  }
}

const FieldDef* RecordFields::find(std::string_view path) const {
  for (const FieldDef& field : m_fields)
    if (field.path == path)
      return &field;
  return nullptr;
}

const std::vector<std::string_view>& RecordFields::keys(std::string_view prefix) const {
  for (const auto& [key, names] : m_keys)
    if (key == prefix)
      return names;
  throw std::logic_error("field table " + m_kind + " has no fields below '" + std::string{prefix} +
                         "'");
}

// The tables are laid out a field a line (or two), as a reader scans them.
// clang-format off

const RecordFields& office_fields() {
  static const RecordFields fields{
      "office",
      {
          {"office", T::section, true, {}, 0, 0, "the office", "办公室"},
          {"office.name", T::text, true, {}, 0, 0, "the office's name", "办公室名称"},
          {"office.language", T::choice, false, "zh, en", 0, 0,
           "the language of what pmo writes and prints", "pmo 写入与输出所用的语言"},
          {"office.type", T::choice, false, "supportive, controlling, directive", 0, 0,
           "how strictly gates are enforced (支持型 / 控制型 / 战略型)",
           "关口执行的严格程度（支持型 / 控制型 / 战略型）"},
          {"office.currency", T::text, false, {}, 0, 0, "the currency of every amount",
           "所有金额的币种"},
          {"roles", T::items, false, {}, 0, 0, "the roles people may hold", "人员可担任的角色"},
          {"roles[].id", T::id, true, {}, 0, 0, "the role's id", "角色标识"},
          {"roles[].name", T::local_text, false, {}, 0, 0, "the role's name", "角色名称"},
          {"stages", T::section, false, {}, 0, 0, "the lifecycle's stages", "生命周期阶段"},
          {"stages.initial", T::id, false, {}, 0, 0, "the stage a new proposal is in",
           "新建议所处的阶段"},
          {"gates", T::items, false, {}, 0, 0, "the gates, in lifecycle order",
           "各关口，按生命周期顺序"},
          {"gates[].id", T::id, true, {}, 0, 0, "the gate's id (G1)", "关口标识（G1）"},
          {"gates[].name", T::local_text, false, {}, 0, 0, "the gate's name", "关口名称"},
          {"gates[].stage", T::id, true, {}, 0, 0, "the stage in which the gate is decided",
           "在哪个阶段决策该关口"},
          {"gates[].enters", T::id, true, {}, 0, 0, "the stage a project enters when it passes",
           "通过后项目进入的阶段"},
          {"gates[].board", T::ids, false, {}, 0, 0,
           "the roles that decide (sponsor: the project's own sponsor)",
           "决策的角色（sponsor：项目自己的发起人）"},
          {"gates[].quorum", T::quorum, false, {}, 0, 0,
           "how many board roles must approve in one round (all, majority or a number)",
           "一轮中须批准的角色数（all、majority 或数字）"},
          {"gates[].excluded", T::texts, false, "manager, sponsor", 0, 0,
           "project parties who may not decide on this gate", "不得决策该关口的项目相关方"},
          {"gates[].repeatable", T::flag, false, {}, 0, 0,
           "a checkpoint that may pass many times", "可多次通过的检查点"},
          {"gates[].distinct_people", T::flag, false, {}, 0, 0,
           "within a round a person counts once, whatever roles they hold",
           "同一轮中一人只计一次，无论其担任几个角色"},
          {"gates[].requires", T::ids, false, {}, 0, 0,
           "fields of the project (or closure.*) that must be filled",
           "必须填写的项目字段（或 closure.*）"},
          {"control", T::section, false, {}, 0, 0, "project control (项目监控)",
           "项目监控设置"},
          {"control.cadence", T::choice, false, "weekly, monthly", 0, 0,
           "how often status reports are due", "状态报告周期"},
          {"control.baseline_gate", T::id, false, {}, 0, 0, "the gate whose approval fixes the "
           "baseline", "其批准确定基线的关口"},
          {"control.health", T::section, false, {}, 0, 0, "SPI/CPI thresholds of health",
           "健康度的 SPI/CPI 阈值"},
          {"control.health.green", T::number, false, {}, 0, 10, "at or above: green",
           "不低于此值：绿"},
          {"control.health.amber", T::number, false, {}, 0, 10,
           "at or above: amber; below: red", "不低于此值：黄；低于：红"},
          {"control.risk_escalation", T::whole, false, {}, 1, 25,
           "an open risk scoring at or above this is escalated", "评分不低于此值的未关闭风险升级"},
          {"control.report_grace", T::whole, false, {}, 0, 20,
           "working days after a period's end before its report is late",
           "周期结束后报告逾期前的工作日数"},
          {"control.days", T::choice, false, "working, calendar", 0, 0,
           "how day figures count: working days of the calendar, or calendar days (default)",
           "天数的计算方式：按工作日历的工作日，或按日历天（默认）"},
          {"control.while_on_hold", T::texts, false,
           "status, risk, issue, change, condition, closure", 0, 0,
           "what a project on hold may still record", "暂停的项目仍可记录的内容"},
          {"control.ccb", T::section, false, {}, 0, 0, "the change control board",
           "变更控制委员会"},
          {"control.ccb.board", T::ids, false, {}, 0, 0, "the roles that decide changes",
           "决策变更的角色"},
          {"control.ccb.quorum", T::quorum, false, {}, 0, 0, "how many must approve",
           "须批准的角色数"},
          {"control.ccb.excluded", T::texts, false, "manager, sponsor", 0, 0,
           "project parties who may not decide", "不得决策的项目相关方"},
          {"control.ccb.distinct_people", T::flag, false, {}, 0, 0, "a person counts once",
           "一人只计一次"},
          {"calendar", T::section, false, {}, 0, 0,
           "the working calendar (工作日历): working week, holidays, make-up workdays",
           "工作日历：工作周、节假日与调休工作日"},
          {"calendar.base", T::choice, false, "cn", 0, 0,
           "a calendar pmo ships: cn, China's statutory holidays and 调休 by year",
           "pmo 自带的日历：cn 为中国法定节假日与调休安排（按年）"},
          {"calendar.week", T::texts, false, "mon, tue, wed, thu, fri, sat, sun", 0, 0,
           "the working week (default: mon to fri)", "工作周（默认周一至周五）"},
          {"calendar.holidays", T::items, false, {}, 0, 0,
           "the office's own days off (company holidays)", "本单位自己的休息日（公司假期）"},
          {"calendar.holidays[].date", T::date, true, {}, 0, 0, "the day", "日期"},
          {"calendar.holidays[].name", T::text, false, {}, 0, 0, "why", "名称"},
          {"calendar.workdays", T::items, false, {}, 0, 0,
           "the office's own days worked outside the week", "本单位在工作周以外的工作日"},
          {"calendar.workdays[].date", T::date, true, {}, 0, 0, "the day", "日期"},
          {"calendar.workdays[].name", T::text, false, {}, 0, 0, "why", "名称"},
          {"priorities", T::section, false, {}, 0, 0,
           "the scoring model that ranks projects (项目优先级排序)", "项目优先级排序的评分模型"},
          {"priorities.scale", T::whole, false, {}, 2, 10,
           "scores run from 1 to this (default 5)", "评分范围为 1 到此值（默认 5）"},
          {"priorities.criteria", T::items, false, {}, 0, 0, "the criteria, with their weights",
           "评分标准及其权重"},
          {"priorities.criteria[].id", T::id, true, {}, 0, 0, "the criterion's id",
           "标准标识"},
          {"priorities.criteria[].name", T::local_text, false, {}, 0, 0, "its name", "标准名称"},
          {"priorities.criteria[].weight", T::number, true, {}, 0, 1e6,
           "its weight (more than 0): its share of the total score",
           "权重（大于 0）：在总分中所占份额"},
          {"priorities.criteria[].inverse", T::flag, false, {}, 0, 0,
           "a high score is bad (risk, resource demand)", "分数越高越不利（风险、资源需求）"},
          {"resources", T::section, false, {}, 0, 0, "resource coordination (资源协调)",
           "资源协调"},
          {"resources.over_allocation", T::choice, false, "warning, error", 0, 0,
           "how validate reports a person loaded past their capacity",
           "人员负荷超过其产能时 validate 的报告级别"},
          {"kpis", T::section, false, {}, 0, 0,
           "the office's annual KPI targets (PMO 年度目标与 KPI)", "PMO 年度目标与 KPI"},
          {"kpis.targets", T::items, false, {}, 0, 0, "one item per year, with its targets",
           "每年一项，列出当年目标"},
          {"kpis.targets[].year", T::whole, true, {}, 1900, 9999, "the year the targets are for",
           "目标所属年份"},
          {"kpis.targets[].on_time_delivery", T::number, false, {}, 0, 1,
           "share of projects closed in the year that ended by their planned end (0 to 1)",
           "当年收尾的项目中按计划结束日期完成的比例（0 到 1）"},
          {"kpis.targets[].budget_adherence", T::number, false, {}, 0, 1,
           "share of projects closed in the year whose actual cost is within budget (0 to 1)",
           "当年收尾的项目中实际成本不超预算的比例（0 到 1）"},
          {"kpis.targets[].success_rate", T::number, false, {}, 0, 1,
           "share of projects closed in the year whose outcome is achieved (0 to 1)",
           "当年收尾的项目中目标达成的比例（0 到 1）"},
          {"kpis.targets[].gate_cycle_days", T::number, false, {}, 0, 1e6,
           "most average days from a gate opening to its passing", "关口从开放到通过的平均天数上限"},
          {"kpis.targets[].decision_latency_days", T::number, false, {}, 0, 1e6,
           "most average days from a gate opening to a board role's decision",
           "关口开放到评审角色决策的平均天数上限"},
          {"kpis.targets[].business_case_complete", T::number, false, {}, 0, 1,
           "share of the year's proposals with every field the first gate requires (0 to 1)",
           "当年提交的建议中首个关口所需字段齐全的比例（0 到 1）"},
          {"kpis.targets[].status_on_time", T::number, false, {}, 0, 1,
           "share of the status reports due in the year committed by their due day (0 to 1)",
           "当年应交的状态报告中按期提交的比例（0 到 1）"},
          {"departments", T::items, false, {}, 0, 0,
           "departmental portfolios this office rolls up (混合型 PMO)", "本办公室汇总的部门项目组合（混合型 PMO）"},
          {"departments[].id", T::id, true, {}, 0, 0,
           "the department's id, which qualifies its project ids (it/P-001)",
           "部门标识，用于限定其项目编号（it/P-001）"},
          {"departments[].path", T::text, true, {}, 0, 0,
           "its portfolio's directory, relative, inside this repository",
           "部门项目组合的目录：相对路径，位于本仓库内"},
          {"departments[].remote", T::text, false, {}, 0, 0,
           "where its repository lives (for people; pmo never fetches)",
           "部门仓库的地址（供人参考；pmo 不会拉取）"},
          {"ledger", T::section, false, {}, 0, 0, "how the decision ledger is kept",
           "决策台账的管理方式"},
          {"ledger.rule_changes", T::ids, false, {}, 0, 0,
           "roles whose holders may change pmo.yaml and people/",
           "可修改 pmo.yaml 与 people/ 的角色"},
          {"ledger.signing", T::choice, false, "optional, required", 0, 0,
           "whether each decision commit must be signed", "决策提交是否必须签名"},
      }};
  return fields;
}

const RecordFields& person_fields() {
  static const RecordFields fields{
      "person",
      {
          {"name", T::text, true, {}, 0, 0, "the person's name (it signs commits)",
           "姓名（用于提交署名）"},
          {"email", T::text, false, {}, 0, 0, "e-mail address", "电子邮箱"},
          {"roles", T::ids, true, {}, 0, 0, "the roles the person holds", "所担任的角色"},
          {"capacity", T::number, false, {}, 0, 1, "capacity in FTE (more than 0, at most 1)",
           "可用产能（全职当量，大于 0 且不超过 1）"},
          {"ssh_key", T::text, false, {}, 0, 0,
           "the SSH public key that signs the person's decisions", "签署其决策的 SSH 公钥"},
          {"retired", T::date, false, {}, 0, 0, "the day the person left", "离开的日期"},
      }};
  return fields;
}

const RecordFields& project_fields() {
  static const RecordFields fields{
      "project",
      {
          {"title", T::text, true, {}, 0, 0, "the project's title", "项目名称",
           [](const Project& p) { return !blank(p.title); }},
          {"sponsor", T::id, false, {}, 0, 0, "the sponsor (a person id)", "发起人（人员标识）",
           [](const Project& p) { return !p.sponsor.empty(); }},
          {"manager", T::id, false, {}, 0, 0, "the project manager (a person id)",
           "项目经理（人员标识）", [](const Project& p) { return !p.manager.empty(); }},
          {"budget", T::amount, false, {}, 0, 0, "the budget at completion", "完工预算",
           [](const Project& p) { return p.budget.has_value(); }},
          {"start", T::date, false, {}, 0, 0, "planned start", "计划开始日期",
           [](const Project& p) { return p.start.has_value(); }},
          {"end", T::date, false, {}, 0, 0, "planned end", "计划结束日期",
           [](const Project& p) { return p.end.has_value(); }},
          {"submitted", T::date, false, {}, 0, 0, "the day the proposal was made", "提交建议的日期",
           [](const Project& p) { return p.submitted.has_value(); }},
          {"objectives", T::texts, false, {}, 0, 0, "objectives", "项目目标",
           [](const Project& p) { return any_text(p.objectives); }},
          {"scope", T::section, false, {}, 0, 0, "scope", "项目范围"},
          {"scope.in", T::texts, false, {}, 0, 0, "in scope", "范围内",
           [](const Project& p) { return any_text(p.scope.in); }},
          {"scope.out", T::texts, false, {}, 0, 0, "out of scope", "范围外",
           [](const Project& p) { return any_text(p.scope.out); }},
          {"strategic_alignment", T::text, false, {}, 0, 0, "how it serves the strategy",
           "与战略的契合", [](const Project& p) { return !blank(p.strategic_alignment); }},
          {"business_case", T::section, false, {}, 0, 0, "the business case", "商业论证"},
          {"business_case.benefits", T::texts, false, {}, 0, 0, "expected benefits", "预期收益",
           [](const Project& p) { return any_text(p.business_case.benefits); }},
          {"business_case.cost_estimate", T::amount, false, {}, 0, 0, "estimated cost",
           "成本估算",
           [](const Project& p) { return p.business_case.cost_estimate.has_value(); }},
          {"business_case.roi", T::number, false, {}, 0, 0,
           "expected return on investment, percent", "预期投资回报率（百分比）",
           [](const Project& p) { return p.business_case.roi.has_value(); }},
          {"scores", T::scores, false, {}, 0, 0,
           "the project's score on each criterion of pmo.yaml priorities (1 to its scale)",
           "按 pmo.yaml priorities 各项标准的评分（1 到其上限）",
           [](const Project& p) { return !p.scores.empty(); }},
          {"feasibility", T::text, false, {}, 0, 0, "feasibility", "可行性分析",
           [](const Project& p) { return !blank(p.feasibility); }},
          {"risks", T::texts, false, {}, 0, 0, "key risks named in the proposal", "主要风险",
           [](const Project& p) { return any_text(p.risks); }},
          {"resources", T::texts, false, {}, 0, 0, "resources the proposal asks for", "资源需求",
           [](const Project& p) { return any_text(p.resources); }},
          {"plan", T::section, false, {}, 0, 0, "the project management plan", "项目管理计划"},
          {"plan.scope", T::text, false, {}, 0, 0, "scope management plan", "范围管理计划",
           plan_filled<&PlanSections::scope>},
          {"plan.schedule", T::text, false, {}, 0, 0, "schedule management plan", "进度管理计划",
           plan_filled<&PlanSections::schedule>},
          {"plan.cost", T::text, false, {}, 0, 0, "cost management plan", "成本管理计划",
           plan_filled<&PlanSections::cost>},
          {"plan.quality", T::text, false, {}, 0, 0, "quality management plan", "质量管理计划",
           plan_filled<&PlanSections::quality>},
          {"plan.resources", T::text, false, {}, 0, 0, "resource management plan",
           "资源管理计划", plan_filled<&PlanSections::resources>},
          {"plan.communication", T::text, false, {}, 0, 0, "communication management plan",
           "沟通管理计划", plan_filled<&PlanSections::communication>},
          {"plan.risk", T::text, false, {}, 0, 0, "risk management plan", "风险管理计划",
           plan_filled<&PlanSections::risk>},
          {"plan.procurement", T::text, false, {}, 0, 0, "procurement management plan",
           "采购管理计划", plan_filled<&PlanSections::procurement>},
          {"milestones", T::items, false, {}, 0, 0, "the milestones, in plan order",
           "里程碑，按计划顺序", [](const Project& p) { return !p.milestones.empty(); }},
          {"milestones[].name", T::text, true, {}, 0, 0, "the milestone's name", "里程碑名称"},
          {"milestones[].date", T::date, true, {}, 0, 0, "its planned date", "计划日期"},
          {"milestones[].weight", T::number, false, {}, 0, 1e9,
           "its weight in the planned value curve", "在计划价值曲线中的权重"},
          {"depends_on", T::refs, false, {}, 0, 0,
           "other projects this one needs (项目间依赖): a project id, or project with a stage or a milestone of it",
           "本项目依赖的其他项目（项目间依赖）：项目编号，或项目及其阶段或里程碑",
           [](const Project& p) { return !p.depends_on.empty(); }},
          {"depends_on[].project", T::id, true, {}, 0, 0, "the project needed", "所依赖的项目"},
          {"depends_on[].stage", T::id, false, {}, 0, 0,
           "needed at or past this stage (default: the last, closed)",
           "需达到或超过的阶段（默认：最后阶段，已收尾）"},
          {"depends_on[].milestone", T::text, false, {}, 0, 0,
           "or: needed up to this milestone of it", "或：需达到其某个里程碑"},
          {"assignments", T::items, false, {}, 0, 0,
           "the people the plan assigns, each with an FTE over a date range",
           "资源计划：投入的人员，各自的投入比例（FTE）与起止日期",
           [](const Project& p) { return !p.assignments.empty(); }},
          {"assignments[].person", T::id, true, {}, 0, 0, "the person (people/)", "人员（people/）"},
          {"assignments[].fte", T::number, true, {}, 0, 1,
           "their share of a full-time person (more than 0, at most 1)",
           "投入比例（全职当量，大于 0 且不超过 1）"},
          {"assignments[].from", T::date, false, {}, 0, 0, "from (default: the project's start)",
           "开始日期（默认：项目开始日期）"},
          {"assignments[].to", T::date, false, {}, 0, 0, "to (default: the project's end)",
           "结束日期（默认：项目结束日期）"},
          {"assignments[].role", T::text, false, {}, 0, 0, "what they do on the project",
           "在项目中的职责"},
          {"closure", T::moved, false, {}, 0, 0,
           "the closure report: its own record, closure.yaml", "收尾报告：单独的记录 closure.yaml",
           [](const Project& p) { return p.closure.has_value(); }},
      }};
  return fields;
}

const RecordFields& decision_fields() {
  static const RecordFields fields{
      "decision",
      {
          {"gate", T::id, false, {}, 0, 0, "the gate decided (or change)", "所决策的关口（或 change）"},
          {"change", T::id, false, {}, 0, 0, "the change request decided by the CCB",
           "变更控制委员会决策的变更申请"},
          {"decision", T::choice, true, "approve, approve-with-conditions, revise, reject, hold",
           0, 0, "the verdict", "决策结论"},
          {"reviewer", T::id, true, {}, 0, 0, "who decided (a person id)", "决策人（人员标识）"},
          {"role", T::id, true, {}, 0, 0, "the board role they decided in", "以何种角色决策"},
          {"decided_at", T::timestamp, true, {}, 0, 0, "when, in UTC", "决策时间（UTC）"},
          {"record", T::git_object, false, {}, 0, 0,
           "git blob id of the project.yaml decided on", "所决策的 project.yaml 的 git 对象 ID"},
          {"rules", T::git_object, false, {}, 0, 0,
           "git blob id of the pmo.yaml it was judged under", "据以判定的 pmo.yaml 的 git 对象 ID"},
          {"comment", T::text, false, {}, 0, 0, "the reviewer's comment", "评审意见"},
          {"conditions", T::texts, false, {}, 0, 0, "conditions of approval", "批准条件"},
      }};
  return fields;
}

const RecordFields& closure_fields() {
  static const RecordFields fields{
      "closure",
      {
          {"acceptance", T::text, false, {}, 0, 0, "acceptance of the deliverables", "交付物验收",
           [](const Project& p) { return p.closure && !blank(p.closure->acceptance); }},
          {"deliverables", T::items, false, {}, 0, 0, "deliverables handed over", "移交的交付物",
           [](const Project& p) { return p.closure && !p.closure->deliverables.empty(); }},
          {"deliverables[].name", T::text, true, {}, 0, 0, "the deliverable", "交付物"},
          {"deliverables[].accepted", T::flag, true, {}, 0, 0,
           "whether the customer accepted it", "客户是否验收通过"},
          {"deliverables[].note", T::text, false, {}, 0, 0, "a note", "备注"},
          {"actual_start", T::date, false, {}, 0, 0, "actual start", "实际开始日期",
           [](const Project& p) { return p.closure && p.closure->actual_start.has_value(); }},
          {"actual_end", T::date, false, {}, 0, 0, "actual end", "实际结束日期",
           [](const Project& p) { return p.closure && p.closure->actual_end.has_value(); }},
          {"actual_cost", T::amount, false, {}, 0, 0, "actual cost", "实际成本",
           [](const Project& p) { return p.closure && p.closure->actual_cost.has_value(); }},
          {"outcome", T::choice, false, "achieved, partially_achieved, not_achieved", 0, 0,
           "how the project ended against its objectives", "目标达成情况",
           [](const Project& p) { return p.closure && p.closure->outcome.has_value(); }},
          {"evaluation", T::section, false, {}, 0, 0, "the PMO's evaluation", "PMO 的评价"},
          {"evaluation.project", T::section, false, {}, 0, 0, "of the project", "项目评价",
           [](const Project& p) {
             return p.closure && p.closure->project_evaluation.rating.has_value();
           }},
          {"evaluation.project.rating", T::whole, true, {}, 1, 5, "1 (poor) to 5 (excellent)",
           "1（差）到 5（优）"},
          {"evaluation.project.comment", T::text, false, {}, 0, 0, "comment", "评语"},
          {"evaluation.manager", T::section, false, {}, 0, 0, "of the project manager",
           "项目经理评价",
           [](const Project& p) {
             return p.closure && p.closure->manager_evaluation.rating.has_value();
           }},
          {"evaluation.manager.rating", T::whole, true, {}, 1, 5, "1 (poor) to 5 (excellent)",
           "1（差）到 5（优）"},
          {"evaluation.manager.comment", T::text, false, {}, 0, 0, "comment", "评语"},
          {"lessons", T::items, false, {}, 0, 0, "lessons learned", "经验教训",
           [](const Project& p) { return p.closure && !p.closure->lessons.empty(); }},
          {"lessons[].kind", T::choice, true, "went_well, to_improve", 0, 0,
           "what went well, or what to improve", "做得好的，或需改进的"},
          {"lessons[].text", T::text, true, {}, 0, 0, "the lesson", "经验教训内容"},
          {"lessons[].tags", T::texts, false, {}, 0, 0, "tags for the knowledge base",
           "知识库标签"},
      }};
  return fields;
}

const RecordFields& status_fields() {
  static const RecordFields fields{
      "status",
      {
          {"percent_complete", T::number, true, {}, 0, 100, "percent complete", "完成百分比"},
          {"actual_cost", T::amount, true, {}, 0, 0, "actual cost to date", "至今实际成本"},
          {"forecasts", T::dates_by_name, false, {}, 0, 0,
           "forecast date per milestone (name: date)", "各里程碑的预测日期（名称: 日期）"},
          {"health", T::section, false, {}, 0, 0, "the manager's rating per dimension",
           "项目经理对各维度的评级"},
          {"health.schedule", T::choice, false, "green, amber, red", 0, 0, "schedule", "进度"},
          {"health.cost", T::choice, false, "green, amber, red", 0, 0, "cost", "成本"},
          {"health.scope", T::choice, false, "green, amber, red", 0, 0, "scope", "范围"},
          {"health.quality", T::choice, false, "green, amber, red", 0, 0, "quality", "质量"},
          {"summary", T::text, false, {}, 0, 0, "summary", "摘要"},
          {"accomplishments", T::texts, false, {}, 0, 0, "done this period", "本期完成"},
          {"next_steps", T::texts, false, {}, 0, 0, "next steps", "下一步"},
          {"amended", T::date, false, {}, 0, 0, "the day the report was corrected", "更正日期"},
      }};
  return fields;
}

const RecordFields& risk_fields() {
  static const RecordFields fields{
      "risk",
      {
          {"description", T::text, true, {}, 0, 0, "the risk", "风险描述"},
          {"cause", T::text, false, {}, 0, 0, "its cause", "风险原因"},
          {"probability", T::whole, true, {}, 1, 5, "probability, 1 to 5", "概率，1 到 5"},
          {"impact", T::whole, true, {}, 1, 5, "impact, 1 to 5", "影响，1 到 5"},
          {"owner", T::id, true, {}, 0, 0, "who owns it (a person id)", "负责人（人员标识）"},
          {"response", T::choice, true, "avoid, mitigate, transfer, accept", 0, 0,
           "the response strategy", "应对策略"},
          {"actions", T::texts, false, {}, 0, 0, "response actions", "应对措施"},
          {"due", T::date, false, {}, 0, 0, "when the response is due", "应对期限"},
          {"status", T::choice, true, "open, closed", 0, 0, "open or closed", "未关闭或已关闭"},
          {"raised", T::date, false, {}, 0, 0, "the day it was raised", "提出日期"},
          {"closed", T::date, false, {}, 0, 0, "the day it was closed", "关闭日期"},
      }};
  return fields;
}

const RecordFields& issue_fields() {
  static const RecordFields fields{
      "issue",
      {
          {"description", T::text, true, {}, 0, 0, "the issue", "问题描述"},
          {"owner", T::id, true, {}, 0, 0, "who owns it (a person id)", "负责人（人员标识）"},
          {"priority", T::choice, true, "low, medium, high, critical", 0, 0, "priority",
           "优先级"},
          {"due", T::date, false, {}, 0, 0, "when it must be resolved", "解决期限"},
          {"raised", T::date, false, {}, 0, 0, "the day it was raised", "提出日期"},
          {"resolved", T::date, false, {}, 0, 0, "the day it was resolved", "解决日期"},
          {"resolution", T::text, false, {}, 0, 0, "how it was resolved", "解决方式"},
      }};
  return fields;
}

const RecordFields& change_fields() {
  static const RecordFields fields{
      "change",
      {
          {"title", T::text, true, {}, 0, 0, "the change", "变更标题"},
          {"reason", T::text, true, {}, 0, 0, "why", "变更原因"},
          {"requested_by", T::id, false, {}, 0, 0, "who asked (a person id)",
           "申请人（人员标识）"},
          {"requested", T::date, false, {}, 0, 0, "the day it was asked", "申请日期"},
          {"impact", T::section, false, {}, 0, 0, "its impact", "变更影响"},
          {"impact.scope", T::text, false, {}, 0, 0, "on scope", "对范围的影响"},
          {"impact.schedule_days", T::whole, false, {}, -3650, 3650,
           "days it moves the baseline end", "基线结束日期的移动天数"},
          {"impact.cost", T::number, false, {}, -k_max_amount, k_max_amount,
           "what it adds to the budget (may be negative)", "对预算的增减（可为负）"},
          {"impact.quality", T::text, false, {}, 0, 0, "on quality", "对质量的影响"},
          {"alternatives", T::texts, false, {}, 0, 0, "alternatives considered", "备选方案"},
      }};
  return fields;
}

const RecordFields& condition_fields() {
  static const RecordFields fields{
      "condition",
      {
          {"decision", T::file_name, true, {}, 0, 0,
           "the decision record that set the condition (its file name)",
           "提出该条件的决策记录（文件名）"},
          {"number", T::whole, true, {}, 1, 1000, "which of its conditions, from 1",
           "该决策的第几个条件，从 1 起"},
          {"condition", T::text, true, {}, 0, 0, "the condition as the decision states it",
           "决策中所述的条件"},
          {"met", T::date, true, {}, 0, 0, "the day it was met", "落实日期"},
          {"by", T::id, true, {}, 0, 0, "who marked it met (a person id)", "标记人（人员标识）"},
          {"evidence", T::text, true, {}, 0, 0, "the evidence", "落实依据"},
      }};
  return fields;
}

// clang-format on

const FieldDef* requirable_field(std::string_view path) {
  const FieldDef* field = nullptr;
  if (path.starts_with("closure."))
    field = closure_fields().find(path.substr(8));
  else
    field = project_fields().find(path);
  return field && field->filled ? field : nullptr;
}

} // namespace pmo::model
