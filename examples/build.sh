#!/usr/bin/env bash
# Builds the demo portfolio of 星河科技 PMO by replaying its history, Aug–Nov 2026, with the real
# pmo binary. Every step runs at a fixed time (PMO_NOW, and the git dates of the hand edits), so two
# builds give the same files and the same commits.
#
#   bash examples/build.sh DIR        DIR must not exist or be empty
#   PMO=build/pmo bash examples/build.sh DIR
#
# The storyline is in examples/README.md.

# The comments quote with Chinese quotation marks “…” on purpose.
# shellcheck disable=SC1111
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pmo_bin=${PMO:-pmo}

if [[ $# -ne 1 ]]; then
  echo "usage: bash examples/build.sh DIR" >&2
  exit 2
fi
dir=$1
if [[ -e $dir && ! -d $dir ]] || { [[ -d $dir ]] && [[ -n $(ls -A "$dir") ]]; }; then
  echo "build.sh: $dir exists and is not an empty directory" >&2
  exit 2
fi
if ! command -v "$pmo_bin" >/dev/null; then
  echo "build.sh: pmo binary not found: $pmo_bin (set PMO=path/to/pmo)" >&2
  exit 3
fi

trap 'echo "build.sh: failed at line $LINENO" >&2' ERR
export TZ=UTC

# No personal git configuration may leak into the commits: pmo and git run with an empty HOME,
# and the portfolio's own configuration names the PMO office's operator (see below).
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME=$home XDG_CONFIG_HOME=$home/.config GIT_CONFIG_NOSYSTEM=1

# The people's names and e-mails, for the commits of hand edits.
declare -A person_name=()

# run WHEN ARGS...: one pmo command in the portfolio at the fixed time WHEN.
run() {
  local when=$1
  shift
  PMO_NOW=$when "$pmo_bin" -q -C "$dir" "$@" >/dev/null
}

# person WHEN ID NAME ARGS...: add a person to the roster (ARGS: --role ROLE..., --capacity FTE).
person() {
  local when=$1 id=$2 name=$3
  shift 3
  person_name[$id]=$name
  run "$when" people add "$id" --name "$name" --email "$id@xinghe.example" "$@"
}

# propose WHEN ID SLUG: register the proposal examples/proposals/SLUG.yaml as project ID.
propose() {
  local when=$1 id=$2 slug=$3
  run "$when" propose --id "$id" --from "$here/proposals/$slug.yaml"
}

# review WHEN ID GATE DECISION PERSON ROLE COMMENT [--condition TEXT]...: one gate decision.
review() {
  local when=$1 id=$2 gate=$3 decision=$4 as=$5 role=$6 comment=$7
  shift 7
  run "$when" review "$id" --gate "$gate" --decision "$decision" --as "$as" --role "$role" \
    --comment "$comment" "$@"
}

# edit WHEN ID FILE AUTHOR MESSAGE: the manager commits examples/edits/FILE.yaml by hand as the
# project's project.yaml (no pmo command involved), as AUTHOR at the fixed time WHEN.
edit() {
  local when=$1 id=$2 file=$3 author=$4 message=$5
  cp "$here/edits/$file.yaml" "$dir/projects/$id/project.yaml"
  GIT_AUTHOR_NAME=${person_name[$author]} GIT_AUTHOR_EMAIL=$author@xinghe.example \
    GIT_AUTHOR_DATE=$when \
    GIT_COMMITTER_NAME=${person_name[$author]} GIT_COMMITTER_EMAIL=$author@xinghe.example \
    GIT_COMMITTER_DATE=$when \
    git -C "$dir" commit -q -am "$message"
}

# ---------------------------------------------------------------------------------------------
# 2026-08-03: the office is set up, with its roster.

PMO_NOW=2026-08-03T01:00:00Z "$pmo_bin" -q init "$dir" --name "星河科技 PMO" --lang zh \
  --type controlling >/dev/null
# 郑晓雨, head of the PMO, runs pmo from here on: she registers people, proposals and decisions.
git -C "$dir" config user.name 郑晓雨
git -C "$dir" config user.email zhengxiaoyu@xinghe.example

person 2026-08-03T01:10:00Z wangjianguo 王建国 --role sponsor --capacity 0.2
person 2026-08-03T01:11:00Z zhaomin 赵敏 --role sponsor --role business --capacity 0.3
person 2026-08-03T01:12:00Z qianhui 钱慧 --role finance --role sponsor --capacity 0.2
person 2026-08-03T01:13:00Z liuyang 刘洋 --role business --capacity 0.3
person 2026-08-03T01:14:00Z sunli 孙立 --role technical --role sponsor --capacity 0.3
person 2026-08-03T01:15:00Z huangting 黄婷 --role manager --role technical
person 2026-08-03T01:16:00Z lina 李娜 --role finance --capacity 0.5
person 2026-08-03T01:17:00Z wufang 吴芳 --role legal --capacity 0.3
person 2026-08-03T01:18:00Z zhengxiaoyu 郑晓雨 --role pmo
person 2026-08-03T01:19:00Z hewei 何伟 --role pmo
person 2026-08-03T01:20:00Z chenjie 陈杰 --role manager
person 2026-08-03T01:21:00Z zhangwei 张伟 --role manager

# ---------------------------------------------------------------------------------------------
# August: three proposals, all approved at G1; the first two get their plan baseline.

propose 2026-08-03T02:00:00Z XH-2026-001 security-compliance

review 2026-08-10T02:00:00Z XH-2026-001 G1 approve liuyang business \
  "等保三级是政务、金融客户投标的准入门槛，业务价值明确，同意立项"
propose 2026-08-10T03:00:00Z XH-2026-002 smart-customer-service
review 2026-08-10T06:30:00Z XH-2026-001 G1 approve sunli technical \
  "整改以成熟商用安全产品为主，技术风险可控；设备割接须安排在业务低峰窗口并准备回退方案"
review 2026-08-11T01:30:00Z XH-2026-001 G1 approve lina finance \
  "安全设备与测评服务已做三家比价，68 万元的成本估算合理，同意"
review 2026-08-11T07:00:00Z XH-2026-001 G1 approve wufang legal \
  "等级保护是《网络安全法》规定的法定义务；与测评机构的合同须包含保密条款，同意"

review 2026-08-17T02:00:00Z XH-2026-002 G1 approve liuyang business \
  "客服中心人力成本压力大，项目目标可量化，与“服务数字化”战略一致，同意"
propose 2026-08-17T06:00:00Z XH-2026-003 data-platform
review 2026-08-18T02:00:00Z XH-2026-002 G1 approve sunli technical \
  "试点数据可信，私有化部署满足数据安全要求；须建立答案审核机制，防范大模型“幻觉”"
review 2026-08-18T06:00:00Z XH-2026-002 G1 approve qianhui finance \
  "年节省人力成本约 300 万元的测算依据充分，投资回收期约 5 个月，同意"
review 2026-08-19T02:00:00Z XH-2026-002 G1 approve wufang legal \
  "对话数据涉及个人信息，须按《个人信息保护法》完成告知与脱敏；供应商合同已含数据保密条款，同意"

review 2026-08-20T02:00:00Z XH-2026-001 G2 approve zhengxiaoyu pmo \
  "项目管理计划完整：46 项不符合项已分解到任务，里程碑与测评机构排期一致，风险应对明确，同意固化计划基线"

review 2026-08-24T02:00:00Z XH-2026-003 G1 approve zhaomin business \
  "统一指标口径是各业务部门的共同诉求，客服与销售分析都依赖这一数据底座，同意"
review 2026-08-25T02:00:00Z XH-2026-003 G1 approve sunli technical \
  "采用已采购的云数据仓库，技术路线成熟；ERP 替换的不确定性须在计划中设置接口冻结节点"
review 2026-08-25T06:00:00Z XH-2026-003 G1 approve lina finance \
  "成本估算已包含三年云资源订阅费用，测算合理；收益以人时节省为主，同意"
review 2026-08-26T02:00:00Z XH-2026-003 G1 approve wufang legal \
  "数据汇集须遵守数据分类分级与最小必要原则，个人信息字段应脱敏，同意"

# ---------------------------------------------------------------------------------------------
# September: the data platform gets its manager and plan; finance shared services is sent back.

edit 2026-09-01T02:00:00Z XH-2026-003 data-platform-plan huangting \
  "XH-2026-003 任命项目经理黄婷，补充预算与计划起止日期"
propose 2026-09-07T02:00:00Z XH-2026-004 finance-shared-services
review 2026-09-08T02:00:00Z XH-2026-002 G2 approve hewei pmo \
  "范围、进度、成本、质量、沟通与风险子计划齐全，WBS 分解到两周粒度，同意固化基线，进入执行"
review 2026-09-14T02:00:00Z XH-2026-004 G1 approve liuyang business \
  "财务共享是集团管控要求，业务部门支持报销流程线上化，同意"
review 2026-09-15T02:00:00Z XH-2026-003 G2 approve zhengxiaoyu pmo \
  "计划基线审查通过：预算 250 万元，工期 2026-09-21 至 2027-06-30；ERP 接口冻结节点与数据质量验收标准已列入计划"
review 2026-09-15T06:00:00Z XH-2026-004 G1 approve sunli technical \
  "标准产品成熟，与现有 ERP 集成可行，同意"
review 2026-09-16T02:00:00Z XH-2026-004 G1 revise lina finance \
  "成本估算只有总额，缺少软件许可、实施服务、接口开发与运维分项；ROI 220% 按减少 12 名核算人员测算，未考虑转岗与安置成本；海外子公司纳入一期不现实。请补充明细、调整范围后重新提交"
propose 2026-09-21T02:00:00Z XH-2026-005 crm-upgrade
edit 2026-09-28T02:00:00Z XH-2026-004 finance-shared-services-revised zhangwei \
  "XH-2026-004 按立项评审意见修改建议书：补充成本明细，下调 ROI，海外子公司移出一期范围"

# ---------------------------------------------------------------------------------------------
# October: a phase review, new proposals, one rejected, finance shared services approved.

review 2026-10-09T02:00:00Z XH-2026-001 G3 approve hewei pmo \
  "整改实施阶段评审：46 项不符合项已整改 44 项，其余 2 项有补偿措施；进度与成本均在基线范围内，同意进入测评阶段"
propose 2026-10-12T02:00:00Z XH-2026-006 idc-expansion
review 2026-10-13T02:00:00Z XH-2026-005 G1 approve liuyang business \
  "销售团队对移动端和回款跟踪的需求迫切，支撑 2027 年销售增长目标，同意"
review 2026-10-14T02:00:00Z XH-2026-005 G1 approve sunli technical \
  "厂商云版本升级路径可行；客户 360 视图依赖数据中台的客户主数据，须在计划中明确接口里程碑"
propose 2026-10-19T02:00:00Z XH-2026-007 devops-platform
review 2026-10-20T02:00:00Z XH-2026-005 G1 approve qianhui finance \
  "成本估算与厂商报价一致，收益测算保守可信，同意"
review 2026-10-23T02:00:00Z XH-2026-005 G1 approve wufang legal \
  "客户数据迁移上云须签订数据处理协议，并完成个人信息保护影响评估，同意"

review 2026-10-26T02:00:00Z XH-2026-004 G1 approve liuyang business \
  "修改后的范围聚焦境内 9 家公司，目标可衡量，同意"
review 2026-10-26T06:00:00Z XH-2026-006 G1 approve liuyang business \
  "业务增长带来的算力与存储需求真实存在，从业务角度同意"
review 2026-10-27T02:00:00Z XH-2026-004 G1 approve sunli technical \
  "POC 结果表明标准产品可满足 85% 的需求，接口方案清晰，同意"
review 2026-10-28T02:00:00Z XH-2026-006 G1 reject sunli technical \
  "与公司 2026 年技术规划确定的“核心业务全面上云”路线冲突；测算未计入五年电力、运维与设备折旧成本，节省结论不成立。建议改为评估公有云预留实例方案，另行提交"
review 2026-10-28T06:00:00Z XH-2026-004 G1 approve wufang legal \
  "电子会计档案须符合《会计档案管理办法》；供应商合同须包含数据安全与保密条款，同意"
review 2026-10-29T02:00:00Z XH-2026-004 G1 approve-with-conditions lina finance \
  "成本明细与 ROI 测算已补充，口径合理，附条件同意" \
  --condition "软件许可与实施服务须通过公司集中招标采购" \
  --condition "系统上线后 6 个月内向 PMO 提交收益复盘报告（人工节省与报销周期）"

# ---------------------------------------------------------------------------------------------
# November: a new proposal waits, DevOps half-approved, phase reviews, the first project closes.

propose 2026-11-02T02:00:00Z XH-2026-008 e-contract
review 2026-11-04T02:00:00Z XH-2026-007 G1 approve huangting technical \
  "技术方案基于两条产品线已验证的开源工具链，按产品线分批迁移，风险可控，同意"
review 2026-11-05T02:00:00Z XH-2026-007 G1 approve zhaomin business \
  "发布周期缩短能更快响应客户需求，对客服和销售都有直接价值，同意"
edit 2026-11-09T02:00:00Z XH-2026-001 security-compliance-closure zhangwei \
  "XH-2026-001 补充收尾信息：三级测评通过，实际成本与经验教训入库"
review 2026-11-10T02:00:00Z XH-2026-002 G3 approve zhengxiaoyu pmo \
  "第一阶段（需求、架构设计与知识库建设）评审：里程碑按期完成，成本偏差 -3%，知识库已收录 1800 条问答；同意进入开发与试点阶段"
review 2026-11-13T02:00:00Z XH-2026-001 G4 approve wangjianguo sponsor \
  "测评结论为“良”，已完成公安机关备案，交付物齐全，同意验收"
review 2026-11-16T02:00:00Z XH-2026-001 G4 approve zhengxiaoyu pmo \
  "收尾资料齐全：实际成本 65.2 万元，低于预算 4%；完成日期较计划延后 6 天，原因已说明；经验教训已录入知识库，同意关闭项目"
review 2026-11-17T02:00:00Z XH-2026-003 G3 hold hewei pmo \
  "集团 ERP 替换选型推迟到 2027 年一季度，财务与供应链数据接口无法冻结；暂停数据集成开发，团队转入指标体系梳理，待选型结论后重新评审"

# ---------------------------------------------------------------------------------------------

n_people=$(find "$dir/people" -name '*.yaml' | wc -l)
n_projects=$(find "$dir/projects" -mindepth 1 -maxdepth 1 -type d | wc -l)
n_decisions=$(find "$dir/projects" -path '*/decisions/*.yaml' | wc -l)
n_commits=$(git -C "$dir" rev-list --count HEAD)
echo "built 星河科技 PMO in $dir: $n_people people, $n_projects projects," \
  "$n_decisions decisions, $n_commits commits"
