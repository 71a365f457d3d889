#!/usr/bin/env bash
# Builds an enterprise office (混合型 PMO) that rolls up two departmental portfolios, each its own
# git repository: the demo office 星河科技 PMO (examples/build.sh) and a small infrastructure
# department (基础设施部) whose project plans 黄婷 at 0.4 FTE in December 2026. She is 0.8 on the
# demo's data platform then: 1.2 of 1, an over-allocation neither department sees alone.
#
#   bash examples/rollup.sh DIR        DIR must not exist or be empty
#   PMO=build/pmo bash examples/rollup.sh DIR
#
# Then: pmo -C DIR/group status | resources | kpi | report, pmo -C DIR/group status infra/INF-1.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pmo_bin=${PMO:-pmo}
if [[ $# -ne 1 ]]; then
  echo "usage: bash examples/rollup.sh DIR" >&2
  exit 2
fi
dir=$1
if [[ -e $dir && ! -d $dir ]] || { [[ -d $dir ]] && [[ -n $(ls -A "$dir") ]]; }; then
  echo "rollup.sh: $dir exists and is not an empty directory" >&2
  exit 2
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
trap 'echo "rollup.sh: failed at line $LINENO" >&2' ERR
export TZ=UTC
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME=$home XDG_CONFIG_HOME=$home/.config GIT_CONFIG_NOSYSTEM=1

# 1. The demo office, as its own repository.
PMO=$pmo_bin bash "$here/build.sh" "$dir/xinghe" >/dev/null

# 2. 基础设施部: its own office, roster and ledger. 黄婷 is in both rosters, with the same e-mail.
infra=$dir/infra
at() { PMO_NOW=$1 GIT_AUTHOR_DATE=$1 GIT_COMMITTER_DATE=$1 "${@:2}"; }
at 2026-11-23T13:00:00Z "$pmo_bin" -q init "$infra" --name "基础设施部 PMO" --lang zh >/dev/null
git -C "$infra" config user.name 何伟
git -C "$infra" config user.email hewei@xinghe.example
person() {
  at 2026-11-23T13:10:00Z "$pmo_bin" -q -C "$infra" people add "$1" --name "$2" \
    --email "$1@xinghe.example" "${@:3}" >/dev/null
}
person hewei 何伟 --role pmo
person huangting 黄婷 --role manager --role technical
person sunli 孙立 --role technical --role sponsor --capacity 0.3
person lina 李娜 --role finance --capacity 0.5
person liuyang 刘洋 --role business --capacity 0.3
person wufang 吴芳 --role legal --capacity 0.3
person chenjie 陈杰 --role technical
cat >"$dir/inf-1.yaml" <<'YAML'
title: 机房 UPS 更换
sponsor: sunli
manager: huangting
budget: 300000
start: 2026-12-01
end: 2026-12-31
objectives: [更换主机房 UPS，消除单点故障]
scope:
  in: [主机房 UPS 两台]
  out: [分支机构机房]
strategic_alignment: 基础设施可靠性
business_case:
  benefits: [避免断电停机]
  cost_estimate: 300000
feasibility: 供应商已评估
risks: [切换窗口停机]
resources: [两名工程师]
assignments:
  - {person: huangting, fte: 0.4, role: 项目经理}
YAML
at 2026-11-23T13:20:00Z "$pmo_bin" -q -C "$infra" propose --id INF-1 --from "$dir/inf-1.yaml" >/dev/null
rm "$dir/inf-1.yaml"
for reviewer in liuyang chenjie lina wufang; do
  at 2026-11-23T13:30:00Z "$pmo_bin" -q -C "$infra" review INF-1 --gate G1 --decision approve \
    --as "$reviewer" >/dev/null
done

# 3. The group office: no projects of its own; the departments as git submodules.
group=$dir/group
at 2026-11-23T14:00:00Z "$pmo_bin" -q init "$group" --name "星河集团 PMO" --lang zh >/dev/null
git -C "$group" config user.name 郑晓雨
git -C "$group" config user.email zhengxiaoyu@xinghe.example
at 2026-11-23T14:05:00Z "$pmo_bin" -q -C "$group" people add zhengxiaoyu --name 郑晓雨 \
  --email zhengxiaoyu@xinghe.example --role pmo >/dev/null
git -C "$group" -c protocol.file.allow=always submodule add -q "$dir/xinghe" depts/xinghe
git -C "$group" -c protocol.file.allow=always submodule add -q "$infra" depts/infra
cat >>"$group/pmo.yaml" <<'YAML'

departments:                  # 混合型 PMO：各部门的项目组合，各自一个仓库（git 子模块）
  - {id: xh, path: depts/xinghe}
  - {id: infra, path: depts/infra}
YAML
git -C "$group" add -A
at 2026-11-23T14:10:00Z git -C "$group" commit -qm "汇总星河科技与基础设施部的项目组合"
echo "$group"
