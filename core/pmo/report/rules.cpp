#include <pmo/report/rules.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace pmo::report {

namespace {

using model::Severity;
constexpr Severity E = Severity::error;
constexpr Severity W = Severity::warning;

// Append only: a new code takes the next number. Grouped by where the check lives.
constexpr std::array k_rules{
    // Reading files (store, yaml_reader)
    Rule{"yaml-syntax", "PMO001", E, "The file is not well-formed YAML.",
         "文件不是格式正确的 YAML。"},
    Rule{"yaml-encoding", "PMO002", E,
         "The file is not UTF-8 text (or holds a byte order mark or NUL).",
         "文件不是 UTF-8 文本（或含有字节顺序标记、NUL）。"},
    Rule{"yaml-duplicate-key", "PMO003", E, "A mapping has the same key twice.",
         "映射中同一个键出现了两次。"},
    Rule{"yaml-alias", "PMO004", E, "YAML anchors and aliases are not allowed in records.",
         "记录中不允许使用 YAML 锚点和别名。"},
    Rule{"yaml-multi-document", "PMO005", E, "A record file holds more than one YAML document.",
         "记录文件包含多个 YAML 文档。"},
    Rule{"yaml-limit", "PMO006", E, "The file exceeds a reader limit (nodes, depth, length).",
         "文件超出读取限制（节点数、嵌套深度、长度）。"},
    Rule{"file-too-large", "PMO007", E, "The file is larger than a record may be.",
         "文件大于记录允许的大小。"},
    Rule{"empty-file", "PMO008", E, "The record file is empty.", "记录文件为空。"},
    Rule{"not-a-file", "PMO009", E,
         "Where a record belongs there is no regular file (a symlink, a device).",
         "记录所在位置不是普通文件（符号链接、设备等）。"},
    Rule{"unsafe-path", "PMO010", E, "A path that is not a safe repository path.",
         "不是安全的仓库路径。"},
    Rule{"io-error", "PMO011", E, "The file could not be read.", "无法读取该文件。"},
    Rule{"case-collision", "PMO012", E, "Two names differ only in case.", "两个名称仅大小写不同。"},
    Rule{"unexpected-entry", "PMO013", W, "A file or directory pmo does not expect here; ignored.",
         "此处不应出现的文件或目录；已忽略。"},
    Rule{"missing-office", "PMO014", E, "pmo.yaml is missing: not a portfolio.",
         "缺少 pmo.yaml：不是项目组合。"},
    Rule{"missing-project", "PMO015", E, "A project directory without project.yaml.",
         "项目目录中没有 project.yaml。"},
    // A record's fields (codec)
    Rule{"missing-field", "PMO016", E, "A required field is missing.", "缺少必填字段。"},
    Rule{"unknown-field", "PMO017", W, "A field pmo does not know (a typo?).",
         "未知字段（拼写错误？）。"},
    Rule{"moved-field", "PMO018", E, "A field that now lives in another record.",
         "该字段已移至另一条记录。"},
    Rule{"wrong-type", "PMO019", E, "A field has the wrong type (text, number, list, mapping).",
         "字段类型错误（文本、数字、列表、映射）。"},
    Rule{"bad-value", "PMO020", E, "A field's value is not one it may take.",
         "字段的值不在允许范围内。"},
    Rule{"bad-id", "PMO021", E, "An id that is not valid.", "标识无效。"},
    Rule{"bad-date", "PMO022", E, "A date that is not YYYY-MM-DD.", "日期不是 YYYY-MM-DD 格式。"},
    Rule{"bad-period", "PMO023", E, "A status report's file name is not a reporting period.",
         "状态报告的文件名不是报告周期。"},
    Rule{"negative-amount", "PMO024", E, "An amount of money is negative.", "金额为负数。"},
    Rule{"end-before-start", "PMO025", E, "An end date before its start date.",
         "结束日期早于开始日期。"},
    Rule{"duplicate-milestone", "PMO026", E, "A milestone is listed twice.", "里程碑重复列出。"},
    // The office and the roster (validate)
    Rule{"duplicate-role", "PMO027", E, "A role is defined or listed twice.",
         "角色重复定义或重复列出。"},
    Rule{"no-gates", "PMO028", E, "pmo.yaml defines no gates.", "pmo.yaml 没有定义关口。"},
    Rule{"duplicate-gate", "PMO029", E, "A gate is defined twice.", "关口重复定义。"},
    Rule{"unreachable-gate", "PMO030", E, "A gate is decided in a stage no earlier gate leads to.",
         "关口所在阶段无法由之前的关口到达。"},
    Rule{"empty-board", "PMO031", E, "A gate has no board.", "关口没有评审委员会。"},
    Rule{"unknown-role", "PMO032", E, "A role that pmo.yaml does not define.",
         "pmo.yaml 中未定义的角色。"},
    Rule{"contradictory-board", "PMO033", E, "A gate's board includes a role it also excludes.",
         "关口的评审委员会包含其同时排除的角色。"},
    Rule{"bad-quorum", "PMO034", E, "A gate's quorum cannot be met by its board.",
         "关口的法定人数无法由其评审委员会满足。"},
    Rule{"duplicate-email", "PMO035", W, "Two people share an e-mail address.",
         "两人使用同一电子邮箱。"},
    // References between records (validate)
    Rule{"unknown-person", "PMO036", E, "A person who is not in the roster (people/).",
         "人员不在人员名册（people/）中。"},
    Rule{"unknown-project", "PMO037", E, "A project that is not in the portfolio.",
         "项目不在项目组合中。"},
    Rule{"unknown-gate", "PMO038", E, "A gate that pmo.yaml does not define.",
         "pmo.yaml 中未定义的关口。"},
    Rule{"unknown-change", "PMO039", E, "A change request that is not in the project's changes/.",
         "变更申请不在项目的 changes/ 中。"},
    Rule{"unknown-decision", "PMO040", E, "A decision record that does not exist.",
         "决策记录不存在。"},
    Rule{"unknown-condition", "PMO041", E, "A condition number the decision does not set.",
         "该决策没有此编号的条件。"},
    Rule{"unknown-milestone", "PMO042", E, "A forecast for a milestone the project does not have.",
         "预测的里程碑不属于该项目。"},
    Rule{"condition-mismatch", "PMO043", E, "A condition's text differs from the decision's.",
         "条件文本与决策中的不一致。"},
    Rule{"condition-met-twice", "PMO044", W, "A condition is marked met by two records.",
         "同一条件被两条记录标记为已落实。"},
    // Gate decisions (model)
    Rule{"not-on-board", "PMO045", E, "A decision in a role that is not on the gate's board.",
         "决策所用角色不在该关口的评审委员会中。"},
    Rule{"not-sponsor", "PMO046", E, "A decision for the sponsor by someone else.",
         "非发起人以发起人身份决策。"},
    Rule{"role-not-held", "PMO047", E, "A decision in a role the reviewer does not hold.",
         "评审人不具有决策所用的角色。"},
    Rule{"segregation-of-duties", "PMO048", E, "A reviewer decides a gate of their own project.",
         "评审人对自己的项目关口作出决策。"},
    Rule{"role-twice", "PMO049", E, "A role approved the same gate twice in one round.",
         "同一角色在一轮中两次批准同一关口。"},
    Rule{"person-twice", "PMO050", E, "A person approved the same gate twice in different roles.",
         "同一人以不同角色两次批准同一关口。"},
    Rule{"gate-out-of-order", "PMO051", E, "A gate decided in a stage the project was not in.",
         "在项目未处于的阶段对关口作出决策。"},
    Rule{"gate-paused", "PMO052", E, "A decision while the project was on hold.",
         "项目暂停期间作出的决策。"},
    Rule{"decision-after-reject", "PMO053", E, "A decision after the project was rejected.",
         "项目被否决后作出的决策。"},
    Rule{"change-decided", "PMO054", E, "A decision on a change request that was already decided.",
         "对已有结论的变更申请再次决策。"},
    Rule{"conditions-missing", "PMO055", E, "An approve-with-conditions without conditions.",
         "“附条件批准”没有列出条件。"},
    Rule{"conditions-unexpected", "PMO056", E,
         "Conditions on a decision that is not approve-with-conditions.",
         "非“附条件批准”的决策列出了条件。"},
    Rule{"gate-requires", "PMO057", E, "A field a passed gate requires is empty.",
         "已通过关口所要求的字段为空。"},
    Rule{"loose-end", "PMO058", E, "A closed project with an open risk, issue or condition.",
         "项目已收尾，但仍有未关闭的风险、问题或条件。"},
    // Plans, dates and control records (model)
    Rule{"milestone-weight", "PMO059", E, "Milestones without their weights.", "里程碑缺少权重。"},
    Rule{"milestone-outside", "PMO060", E, "A milestone outside the project's dates.",
         "里程碑不在项目周期之内。"},
    Rule{"milestone-order", "PMO061", E, "Milestones not listed in date order.",
         "里程碑未按日期顺序列出。"},
    Rule{"report-before-baseline", "PMO062", W, "A status report before the baseline was fixed.",
         "基线确定之前的状态报告。"},
    Rule{"risk-status", "PMO063", E, "A risk's status and its closed date disagree.",
         "风险的状态与关闭日期不一致。"},
    Rule{"closure-early", "PMO064", W, "A closure report for a project not yet closing.",
         "项目尚未进入收尾阶段却已有收尾报告。"},
    Rule{"future-date", "PMO065", E, "A date that is after today.", "日期晚于今天。"},
    Rule{"future-period", "PMO066", E, "A status report for a period that has not started.",
         "状态报告所属的周期尚未开始。"},
    Rule{"period-before-start", "PMO067", W,
         "A status report for a period before the project started.",
         "状态报告所属的周期早于项目开始。"},
    Rule{"unlikely-date", "PMO068", W, "A date many years in the past (is the year right?).",
         "日期早于今天许多年（年份是否有误？）。"},
    Rule{"long-plan", "PMO069", W, "A plan longer than a project usually runs.",
         "计划周期超出项目的通常时长。"},
    // The decision ledger (ledger: validate and verify)
    Rule{"decision-unrecorded", "PMO070", E, "A decision record that no decision commit recorded.",
         "没有决策提交记录该决策。"},
    Rule{"decision-edited", "PMO071", E, "A decision record edited after its commit.",
         "决策记录在其提交之后被修改。"},
    Rule{"decision-deleted", "PMO072", E, "A decision record deleted from history.",
         "决策记录被删除。"},
    Rule{"decision-outside-commit", "PMO073", E,
         "A decision record added by a commit that is not its decision commit.",
         "决策记录由非其决策提交的提交添加。"},
    Rule{"decision-not-single-parent", "PMO074", E, "A decision commit with other than one parent.",
         "决策提交的父提交不止一个或没有。"},
    Rule{"decision-changes-more", "PMO075", E,
         "A decision commit that changes more than its record.",
         "决策提交除其记录外还修改了其他文件。"},
    Rule{"merge-drops-decision", "PMO076", E, "A merge drops a decision record of a parent.",
         "合并提交丢弃了父提交中的决策记录。"},
    Rule{"merge-introduces-decision", "PMO077", E,
         "A merge brings in a decision record neither parent has.",
         "合并提交引入了双方父提交都没有的决策记录。"},
    Rule{"bad-trailers", "PMO078", E, "A decision commit's trailers are malformed.",
         "决策提交的 trailer 格式错误。"},
    Rule{"record-missing", "PMO079", E, "A decision commit adds no decision record.",
         "决策提交没有添加决策记录。"},
    Rule{"record-invalid", "PMO080", E, "A decision commit's record does not load.",
         "决策提交的记录无法读取。"},
    Rule{"record-disagrees", "PMO081", E, "A decision record disagrees with its commit.",
         "决策记录与其提交不一致。"},
    Rule{"record-not-at-parent", "PMO082", E,
         "A decision names a record version its parent does not have.",
         "决策所指的记录版本与父提交中的不同。"},
    Rule{"no-process", "PMO083", E, "A decision commit whose parent has no readable pmo.yaml.",
         "决策提交的父提交中没有可读取的 pmo.yaml。"},
    Rule{"unknown-reviewer", "PMO084", E, "A decision by someone not in the roster at its parent.",
         "决策人不在父提交的人员名册中。"},
    Rule{"wrong-author", "PMO085", E, "A decision commit not authored by its reviewer.",
         "决策提交的作者不是其评审人。"},
    Rule{"dated-after-commit", "PMO086", E, "A decision dated after it was committed.",
         "决策日期晚于其提交时间。"},
    Rule{"before-project", "PMO087", E, "A decision dated before its project was proposed.",
         "决策日期早于项目提出。"},
    Rule{"before-previous", "PMO088", E, "A decision dated before the project's previous one.",
         "决策日期早于该项目的上一个决策。"},
    Rule{"bad-signature", "PMO089", E,
         "A decision commit's signature is missing or does not verify.",
         "决策提交缺少签名或签名无法验证。"},
    Rule{"no-signing-key", "PMO090", E,
         "The roster has no SSH key to check a decision's signature.",
         "人员名册中没有可用于验证决策签名的 SSH 密钥。"},
    Rule{"signer-not-reviewer", "PMO091", E,
         "A decision commit signed by someone other than its reviewer.",
         "决策提交的签名人不是其评审人。"},
    Rule{"unauthorised-change", "PMO092", W,
         "A change to the process or the roster by someone who may not make it.",
         "无权修改者对流程或人员名册的修改。"},
    Rule{"office-removed", "PMO093", W, "A commit deletes pmo.yaml.", "提交删除了 pmo.yaml。"},
    Rule{"office-invalid", "PMO094", W, "A commit's pmo.yaml does not load.",
         "提交中的 pmo.yaml 无法读取。"},
    // Refusals of a write (pmo review, pmo change)
    Rule{"not-authorised", "PMO095", E, "The reviewer holds no role on the gate's board.",
         "评审人不具有该关口评审委员会的任何角色。"},
    Rule{"role-ambiguous", "PMO096", E,
         "The reviewer holds several board roles; one must be chosen.",
         "评审人在评审委员会中有多个角色，须指定一个。"},
    Rule{"project-rejected", "PMO097", E, "The project was rejected; no further decision is taken.",
         "项目已被否决，不再接受决策。"},
    Rule{"wrong-stage", "PMO098", E, "The project is not in the stage this decision belongs to.",
         "项目不处于该决策所属的阶段。"},
    Rule{"comment-required", "PMO099", E,
         "A directive office needs a comment on a reject, revise or hold.",
         "战略型办公室的否决、退回修改或暂停必须附说明。"},
    Rule{"duplicate-criterion", "PMO100", E, "A criterion of pmo.yaml priorities is listed twice.",
         "pmo.yaml priorities 中的评分标准重复列出。"},
    Rule{"no-criteria", "PMO101", W,
         "pmo.yaml priorities lists no criteria: every project scores 0.",
         "pmo.yaml priorities 没有评分标准：所有项目得分为 0。"},
    Rule{"unknown-criterion", "PMO102", E,
         "A project is scored on a criterion pmo.yaml priorities does not have.",
         "项目按 pmo.yaml priorities 中没有的评分标准打分。"},
    Rule{"bad-score", "PMO103", E, "A project's score is outside 1 to the model's scale.",
         "项目的评分超出 1 到评分上限的范围。"},
    Rule{"dependency-cycle", "PMO104", E,
         "Projects depend on each other in a cycle (or one on itself): none can be met.",
         "项目之间循环依赖（或依赖自身）：依赖永远无法满足。"},
    Rule{"unknown-stage", "PMO105", E, "A dependency names a stage the lifecycle does not have.",
         "依赖指定的阶段不在生命周期中。"},
    Rule{"dependency-unmet", "PMO106", E,
         "A gate approval while a project it depends on is not at the stage or milestone needed.",
         "所依赖的项目尚未达到所需阶段或里程碑时批准关口。"},
    Rule{"over-allocated", "PMO107", W,
         "A person's assignments across the projects that hold people exceed their capacity.",
         "人员在各在建项目中的投入之和超过其产能。"},
    Rule{"assignment-dates", "PMO108", W,
         "An assignment without dates, or past the day its person left.",
         "资源投入缺少日期，或晚于该人员离开的日期。"},
    Rule{"unknown-kpi", "PMO109", E,
         "A year's targets in pmo.yaml kpis name a KPI pmo does not have.",
         "pmo.yaml kpis 的年度目标中有 pmo 不认识的 KPI。"},
    Rule{"bad-kpi-target", "PMO110", E,
         "A KPI target is a rate outside 0 to 1, or a negative number of days.",
         "KPI 目标为 0 到 1 以外的比率，或为负的天数。"},
    Rule{"duplicate-kpi-year", "PMO111", E, "pmo.yaml kpis lists the targets of a year twice.",
         "pmo.yaml kpis 重复列出同一年份的目标。"},
    // The working calendar (codec, validate)
    Rule{"calendar-uncovered", "PMO112", W,
         "Working days are counted in a year whose holidays the calendar does not have (not yet "
         "announced): that year is counted as a plain working week, an estimate.",
         "按工作日计算时用到了日历中没有节假日安排的年份（尚未公布）：该年按普通工作周估算。"},
    Rule{"calendar-conflict", "PMO113", E,
         "pmo.yaml calendar lists a day twice, or both as a holiday and as a workday.",
         "pmo.yaml calendar 重复列出某一天，或将同一天同时列为休息日和工作日。"},
    Rule{"bad-department", "PMO114", E,
         "A department of pmo.yaml departments has a path that leaves the repository (.., an "
         "absolute path, a symbolic link out), or its portfolio cannot be read.",
         "pmo.yaml departments 中的部门路径离开本仓库（..、绝对路径、指向外部的符号链接），"
         "或其项目组合无法读取。"},
    Rule{"duplicate-department", "PMO115", E,
         "pmo.yaml departments lists a department id or path twice.",
         "pmo.yaml departments 重复列出部门标识或路径。"},
    Rule{"missing-department", "PMO116", E,
         "A department's directory is absent or holds no pmo.yaml (a submodule not initialised: "
         "git submodule update --init).",
         "部门目录不存在或其中没有 pmo.yaml（子模块未初始化：git submodule update --init）。"},
};

std::string cell(std::string_view text) {
  std::string out;
  for (char c : text)
    out += c == '|' ? std::string{"\\|"} : std::string(1, c);
  return out;
}

} // namespace

std::span<const Rule> rules() { return k_rules; }

const Rule* find_rule(std::string_view code) {
  auto it = std::find_if(k_rules.begin(), k_rules.end(),
                         [&](const Rule& rule) { return rule.code == code; });
  return it == k_rules.end() ? nullptr : &*it;
}

std::string_view rule_id(std::string_view code) {
  const Rule* rule = find_rule(code);
  return rule ? rule->id : std::string_view{"PMO000"};
}

std::string_view rule_description(const Rule& rule, model::Lang lang) {
  return lang == model::Lang::zh ? rule.zh : rule.en;
}

std::string findings_table_markdown() {
  std::string out = "| Id | Code | Level | Meaning | 含义 |\n|---|---|---|---|---|\n";
  for (const Rule& rule : k_rules) {
    std::string anchor = std::string{rule.id};
    std::transform(anchor.begin(), anchor.end(), anchor.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    out +=
        fmt::format("| <a id=\"{}\"></a>{} | `{}` | {} | {} | {} |\n", anchor, rule.id, rule.code,
                    rule.level == E ? "error" : "warning", cell(rule.en), cell(rule.zh));
  }
  return out;
}

} // namespace pmo::report
