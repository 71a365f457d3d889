# 混合型 PMO as a user meets it: two departmental portfolios, each its own repository with its own
# pmo.yaml, people and ledger, rolled up by an enterprise office that lists them in pmo.yaml
# `departments` — as git submodules, and as plain clones — with status, report, kpi and resources
# across them, ids qualified, one person shared by both counted once, and nothing written to the
# departments.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "jq is needed"; exit 77; }

# Two departments, each with a project P-1 (the ids collide) that holds mgr (the same e-mail in
# both rosters) at 0.6 FTE over the same half-year: 0.6 of 1 in each, 1.2 across them.
for dept in it hr; do
  D=$T/$dept
  if [ $dept = it ]; then make_office "$D" --lang en; else make_office "$D" --lang zh; fi
  sed -i 's/^  cadence: weekly/  cadence: monthly/' "$D/pmo.yaml"
  git -C "$D" commit -qam "monthly status reports"
  write_proposal "$T/$dept.yaml"
  printf 'assignments: [{person: mgr, fte: 0.6}]\n' >>"$T/$dept.yaml"
  PMO_NOW=2026-12-01T09:00:00Z run -C "$D" propose --id P-1 --from "$T/$dept.yaml"
  expect_rc 0 "propose P-1 in $dept"
  for r in biz tech fin law; do
    PMO_NOW=2026-12-01T10:00:00Z run -C "$D" review P-1 --gate G1 --decision approve --as $r
    expect_rc 0 "G1 of $dept's P-1 by $r"
  done
  # Alone, no department sees an over-allocation.
  PMO_NOW=2026-12-01T11:00:00Z run -C "$D" resources --from 2027-01-01 --to 2027-06-30 --json
  expect_rc 0 "$dept resources"
  expect_eq "$(jq '.conflicts | length' "$OUT")" 0 "$dept alone: no over-allocation"
done
it_head=$(git -C "$T/it" rev-parse HEAD)
hr_head=$(git -C "$T/hr" rev-parse HEAD)

# The enterprise office: no projects of its own, its departments as git submodules.
E=$T/group
make_office "$E" --lang en
sed -i 's/^  cadence: weekly/  cadence: monthly/' "$E/pmo.yaml"
git -C "$E" -c protocol.file.allow=always submodule add -q "$T/it" depts/it || fail "submodule add it"
git -C "$E" -c protocol.file.allow=always submodule add -q "$T/hr" depts/hr || fail "submodule add hr"
cat >>"$E/pmo.yaml" <<YAML

departments:
  - {id: it, path: depts/it, remote: $T/it}
  - {id: hr, path: depts/hr, remote: $T/hr}
YAML
sed -i 's/^      business_case_complete: 1.0 /      business_case_complete: 0.9 /' "$E/pmo.yaml"
git -C "$E" add -A && git -C "$E" commit -qm "Roll up the IT and HR portfolios" || fail "commit"
run -C "$E" validate
expect_rc 0 "validate the enterprise office"
sub_state() { git -C "$E/depts/$1" rev-parse HEAD; git -C "$E/depts/$1" status --porcelain; }
it_before=$(sub_state it)
hr_before=$(sub_state hr)

PMO_NOW=2026-12-01T12:00:00Z run -C "$E" status
expect_rc 0 "status across departments"
expect_out "it/P-1"
expect_out "hr/P-1"
expect_out "Meg Manager (mgr)"
PMO_NOW=2026-12-01T12:00:00Z run -C "$E" status --json
expect_rc 0 "status --json"
expect_eq "$(jq -r '[.projects[].id] | join(" ")' "$OUT")" "it/P-1 hr/P-1" "qualified ids in JSON"
expect_eq "$(jq -r '[.departments[] | "\(.id):\(.path):\(.loaded):\(.projects)"] | join(" ")' "$OUT")" \
  "it:depts/it:true:1 hr:depts/hr:true:1" "departments in JSON"
expect_eq "$(jq -r '.projects[0].stage' "$OUT")" "planning" "each department's stage, from its ledger"
PMO_NOW=2026-12-01T12:00:00Z run -C "$E" --lang zh status
expect_rc 0 "status in Chinese"
expect_out "hr/P-1"
expect_out "规划中"

# One project of a department, by its qualified id.
PMO_NOW=2026-12-01T12:00:00Z run -C "$E" status hr/P-1
expect_rc 0 "status hr/P-1"
expect_out "Customer portal"
PMO_NOW=2026-12-01T12:00:00Z run -C "$E" status hr/P-1 --json
expect_eq "$(jq -r '.project.id // .id' "$OUT")" "P-1" "status hr/P-1 --json is the department's page"
run -C "$E" status fin/P-1
expect_rc 2 "a department pmo.yaml does not declare"
expect_err "fin/P-1: pmo.yaml declares no department 'fin'"
PMO_NOW=2026-12-01T12:00:00Z run -C "$E" report it/P-1
expect_rc 0 "report it/P-1"
expect_out "Customer portal"

# resources: mgr is 1.2 of 1 from January to June — only the roll-up sees it.
PMO_NOW=2026-12-01T12:00:00Z run -C "$E" resources --from 2027-01-01 --to 2027-06-30
expect_rc 0 "resources across departments"
grep -E "^mgr +Meg Manager +1 +1.2! +1.2! +1.2! +1.2! +1.2! +1.2! +hr/P-1 it/P-1$" "$OUT" >/dev/null &&
  pass || fail "mgr's load per month across departments: $(grep '^mgr' "$OUT")"
expect_out "mgr at 1.2 FTE of 1 from 2027-01-04 to 2027-06-30: hr/P-1 0.6, it/P-1 0.6; it/P-1 should yield"
expect_out "[across departments: hr, it; no one department sees it]"
PMO_NOW=2026-12-01T12:00:00Z run -C "$E" resources --from 2027-01-01 --to 2027-06-30 --json
expect_eq "$(jq -r '.conflicts | length' "$OUT")" 1 "one conflict"
expect_eq "$(jq -r '.conflicts[0] | [.person, .load, (.departments | join(","))] | join(" ")' "$OUT")" \
  "mgr 1.2 hr,it" "the conflict in JSON"
expect_eq "$(jq -r '[.people[] | select(.person == "mgr")] | length' "$OUT")" 1 "mgr counted once"
PMO_NOW=2026-12-01T12:00:00Z run -C "$E" --lang zh resources --from 2027-01-01 --to 2027-06-30
expect_out "［跨部门：hr, it；任何单个部门都看不到］"

# kpi: over the union of the projects, against the enterprise's targets. Both proposals have a
# complete business case: 2 of 2.
PMO_NOW=2026-12-01T12:00:00Z run -C "$E" kpi --json
expect_rc 0 "kpi across departments"
expect_eq "$(jq -r '.figures[] | select(.kpi == "business_case_complete") | "\(.value) \(.target) \(.status)"' "$OUT")" \
  "1 0.9 met" "business_case_complete over the union"
expect_eq "$(jq -r '[.figures[] | select(.kpi == "business_case_complete") | .entries[].project] | join(" ")' "$OUT")" \
  "it/P-1 hr/P-1" "its projects, qualified"
expect_eq "$(jq -r '[.departments[].id] | join(" ")' "$OUT")" "it hr" "kpi: departments"
PMO_NOW=2026-12-01T12:00:00Z run -C "$E" --lang zh kpi
expect_rc 0 "kpi in Chinese"
expect_out "2026 年度 KPI — Test PMO"

# report: a Departments section, the projects of both, the conflict.
PMO_NOW=2026-12-01T12:00:00Z run -C "$E" report
expect_rc 0 "report across departments"
expect_out "## Departments"
expect_out '| `it` | depts/it |'
expect_out "it/P-1"
expect_out "hr/P-1"
expect_out '`hr/P-1` 0.6, `it/P-1` 0.6'
PMO_NOW=2026-12-01T12:00:00Z run -C "$E" report --json
expect_rc 0 "report --json"
expect_eq "$(jq -r '[.projects[].id] | join(" ")' "$OUT")" "it/P-1 hr/P-1" "report JSON: projects"
expect_eq "$(jq -r '.total' "$OUT")" 2 "report JSON: total"
expect_eq "$(jq -r '[.recent_decisions[].project] | unique | join(" ")' "$OUT")" "hr/P-1 it/P-1" \
  "report JSON: each department's decisions from its own history"
expect_eq "$(jq -r '.over_allocations[0].projects | map(.project) | join(" ")' "$OUT")" \
  "hr/P-1 it/P-1" "report JSON: the conflict (equal scores: by id)"
PMO_NOW=2026-12-01T12:00:00Z run -C "$E" --lang zh report
expect_out "## 部门"
# it counts calendar days (en) and hr working days (zh): no shared unit, so the enterprise's.
expect_eq "$(PMO_NOW=2026-12-01T12:00:00Z "$PMO" -C "$E" report --json | jq -r '.days')" \
  "$(grep -qE '^  days: working' "$E/pmo.yaml" && echo working || echo calendar)" \
  "report JSON: departments of two units take the enterprise's"
run -C "$E" report --period 2026-10
expect_rc 2 "report --period of a roll-up"

# Nothing was written to the departments, nor to the enterprise.
expect_eq "$(sub_state it)" "$it_before" "the it submodule untouched"
expect_eq "$(sub_state hr)" "$hr_before" "the hr submodule untouched"
expect_eq "$(git -C "$T/it" rev-parse HEAD)" "$it_head" "it's repository untouched"
expect_eq "$(git -C "$T/hr" rev-parse HEAD)" "$hr_head" "hr's repository untouched"
expect_git_clean "$T/it"
expect_git_clean "$T/hr"
expect_git_clean "$E"

# A clone without its submodules initialised: each department is named, not skipped; exit 1.
C=$T/clone
git clone -q "$E" "$C"
PMO_NOW=2026-12-01T12:00:00Z run -C "$C" status
expect_rc 1 "departments missing"
expect_err "error: department it: depts/it holds no pmo.yaml (an empty submodule? git submodule update --init)"
expect_err "error: department hr: depts/hr holds no pmo.yaml"
PMO_NOW=2026-12-01T12:00:00Z run -C "$C" status --json
expect_rc 1 "departments missing, JSON"
expect_eq "$(jq -r '[.departments[] | .loaded] | join(" ")' "$OUT")" "false false" "loaded: false"
git -C "$C" -c protocol.file.allow=always submodule -q update --init || fail "submodule update"
PMO_NOW=2026-12-01T12:00:00Z run -C "$C" status --json
expect_rc 0 "once initialised"
expect_eq "$(jq -r '.projects | length' "$OUT")" 2 "both departments"

# Plain clones as departments (no submodules), one of them absent.
F=$T/flat
make_office "$F" --lang zh
git clone -q "$T/it" "$F/it"
git clone -q "$T/hr" "$F/units/hr"
printf '/it/\n/units/\n' >"$F/.gitignore"
cat >>"$F/pmo.yaml" <<'YAML'

departments:
  - {id: it, path: it}
  - {id: hr, path: units/hr}
  - {id: fin, path: units/fin}
YAML
git -C "$F" add -A && git -C "$F" commit -qm "Roll up" || fail "commit flat"
PMO_NOW=2026-12-01T12:00:00Z run -C "$F" resources --from 2027-01-01 --to 2027-06-30 --json
expect_rc 1 "a department absent"
expect_err "错误：部门 fin：units/fin 不存在（子模块未初始化？git submodule update --init）"
expect_eq "$(jq -r '.conflicts[0].load' "$OUT")" 1.2 "plain clones: the conflict"
expect_eq "$(jq -r '[.departments[] | "\(.id):\(.loaded)"] | join(" ")' "$OUT")" \
  "it:true hr:true fin:false" "the absent department is listed"
PMO_NOW=2026-12-01T12:00:00Z run -C "$F" status
expect_rc 1 "status with a department absent"
expect_out "it/P-1"

# Hostile paths: a validate finding at pmo.yaml's line and column; a symbolic link out is refused.
H=$T/hostile
cp -r "$F" "$H"
sed -i 's|{id: fin, path: units/fin}|{id: fin, path: ../fin}|' "$H/pmo.yaml"
line=$(grep -n "path: ../fin" "$H/pmo.yaml" | cut -d: -f1)
run -C "$H" validate --format json
expect_rc 1 "validate: a path out of the repository"
expect_eq "$(jq -r '.findings[] | "\(.file):\(.line):\(.column) \(.code)"' "$OUT")" \
  "pmo.yaml:$line:21 bad-department" "the finding at its line and column"
run -C "$H" --lang en validate
expect_out "pmo.yaml:$line:21: error: departments[2].path '../fin' must be a relative path inside this repository"
run -C "$H" status
expect_rc 1 "status refuses the office"
sed -i 's|{id: fin, path: ../fin}|{id: fin, path: units/fin}|' "$H/pmo.yaml"
ln -s "$T/it" "$H/units/fin"
PMO_NOW=2026-12-01T12:00:00Z run -C "$H" status
expect_rc 1 "a symbolic link out"
expect_err "部门 fin：units/fin 指向本仓库之外"
expect_no_out "fin/P-1"

# examples/rollup.sh: the demo office and a small infrastructure department, where 黄婷 is 1.2 of 1
# in December 2026 only across the two.
X=$T/example
PMO=$PMO bash "$PMO_SOURCE_DIR/examples/rollup.sh" "$X" >/dev/null 2>&1 || fail "examples/rollup.sh"
PMO_NOW=2026-11-23T12:00:00Z run -C "$X/group" resources --from 2026-12-01 --to 2026-12-31
expect_rc 0 "the example's resources"
expect_out "huangting 负荷 1.2 FTE，超过产能 1（2026-12-01 至 2026-12-31）：xh/XH-2026-003 0.8，infra/INF-1 0.4；应由优先级最低的 infra/INF-1 让出资源［跨部门：xh, infra；任何单个部门都看不到］"
PMO_NOW=2026-11-23T12:00:00Z run -C "$X/group" status infra/INF-1
expect_rc 0 "the example's status infra/INF-1"
expect_out "机房 UPS 更换"
PMO_NOW=2026-11-23T12:00:00Z run -C "$X/group" validate
expect_rc 0 "the example validates, each department too"
expect_out "depts/xinghe/projects/XH-2026-005/project.yaml:"
# Both departments count working days (the zh template): the roll-up's figures say so too.
PMO_NOW=2026-11-23T12:00:00Z run -C "$X/group" report
expect_rc 0 "the example's report"
expect_out "（最长已等 25 个工作日）"
expect_out "| 编号 | 名称 | 阶段 | 项目经理 | 下一关口 | 本阶段工作日 |"
PMO_NOW=2026-11-23T12:00:00Z run -C "$X/group" kpi --json
expect_eq "$(jq -r '.days' "$OUT")" working "the example's KPIs in working days"

finish
