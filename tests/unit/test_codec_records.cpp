#include <pmo/codec/kinds.hpp>
#include <pmo/codec/records.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <random>

using namespace pmo::model;
using pmo::codec::decode_closure;
using pmo::codec::decode_decision;
using pmo::codec::decode_office;
using pmo::codec::decode_person;
using pmo::codec::decode_project;
using pmo::codec::encode_closure;
using pmo::codec::encode_decision;
using pmo::codec::encode_office;
using pmo::codec::encode_person;
using pmo::codec::encode_project;

namespace {

const char* const k_office = R"(office:
  name: 星河科技 PMO          # required, text
  language: zh
  type: controlling
  currency: CNY
roles:
  - id: business
    name: {zh: 业务, en: Business}
  - id: finance
    name: {zh: 财务, en: Finance}
  - id: pmo
    name: PMO
stages:
  initial: proposed
gates:
  - id: G1
    name: {zh: 立项审批, en: Initiation approval}
    stage: proposed
    enters: planning
    board: [business, finance]
    quorum: all
    excluded: [manager, sponsor]
    repeatable: false
    requires:
      - objectives
      - scope.in
  - id: G3
    name: {zh: 阶段评审, en: Phase review}
    stage: planning
    enters: planning
    board: [pmo]
    quorum: 1
    repeatable: true
    requires: []
)";

const char* const k_project = R"(title: 智能客服平台
sponsor: zhaomin
manager: chenjie
budget: 1200000
start: 2027-01-04
end: 2027-06-30
submitted: 2026-10-12
objectives:
  - 将人工客服工作量降低 40%
scope:
  in: [智能问答, 工单自动分派]
  out: 电话语音客服
strategic_alignment: 支撑"服务数字化"年度战略
business_case:
  benefits: [年节省人力成本约 300 万元]
  cost_estimate: 1200000
  roi: 150.5
feasibility: 技术成熟，已有试点数据
risks: [历史数据质量不足]
resources: [NLP 工程师 2 人]
plan:
  scope: 按 WBS 分解
  cost: 月度成本跟踪
milestones:
  - name: 上线
    date: 2027-06-01
    weight: 2
)";

const char* const k_closure = R"(acceptance: 客户签署验收单
deliverables:
  - name: 智能问答系统
    accepted: true
  - name: 运维手册
    accepted: false
    note: 需补充故障处理章节
actual_start: 2027-01-04
actual_end: 2027-07-15
actual_cost: 1250000
outcome: partially_achieved
evaluation:
  project:
    rating: 4
    comment: 按期交付主体功能
  manager:
    rating: 5
lessons:
  - kind: went_well
    text: 每周与业务方联调
    tags: [沟通, 需求]
  - kind: to_improve
    text: 尽早准备标注数据
    tags: 数据
)";

const char* const k_decision = R"(gate: G1
decision: approve-with-conditions
reviewer: lina
role: finance
decided_at: 2026-11-21T09:30:00Z
record: 3b18e512dba79e4c8300dd08aeb37f8e728b8dad
comment: 成本测算依据充分
conditions: [三个月内补充数据治理方案]
)";

std::string describe(const std::vector<Finding>& findings) {
  std::string all;
  for (const auto& x : findings)
    all += fmt::format("{} {}:{} {}\n", x.code, x.where.line, x.where.column, x.message);
  return all;
}

const Finding* find_code(const std::vector<Finding>& findings, const std::string& code) {
  auto it = std::find_if(findings.begin(), findings.end(),
                         [&](const Finding& f) { return f.code == code; });
  return it == findings.end() ? nullptr : &*it;
}

// The first finding of `code` is located at line:column.
void check_finding(const std::vector<Finding>& findings, const std::string& code, int line,
                   int column, Severity severity = Severity::error) {
  const Finding* f = find_code(findings, code);
  INFO(describe(findings));
  REQUIRE_MESSAGE(f, "no finding " << code);
  CHECK(f->where.line == line);
  CHECK(f->where.column == column);
  CHECK(f->severity == severity);
  CHECK_FALSE(f->message.empty());
}

Project decode_ok(const std::string& text) {
  auto d = decode_project(text, "projects/P1/project.yaml", "P1", Lang::en);
  INFO(describe(d.findings));
  CHECK(d.findings.empty());
  return d.value;
}

void check_same(const Project& a, const Project& b) {
  CHECK(a.title == b.title);
  CHECK(a.sponsor == b.sponsor);
  CHECK(a.manager == b.manager);
  CHECK(a.budget == b.budget);
  CHECK(a.start == b.start);
  CHECK(a.end == b.end);
  CHECK(a.submitted == b.submitted);
  CHECK(a.objectives == b.objectives);
  CHECK(a.scope.in == b.scope.in);
  CHECK(a.scope.out == b.scope.out);
  CHECK(a.strategic_alignment == b.strategic_alignment);
  CHECK(a.business_case.benefits == b.business_case.benefits);
  CHECK(a.business_case.cost_estimate == b.business_case.cost_estimate);
  CHECK(a.business_case.roi == b.business_case.roi);
  CHECK(a.feasibility == b.feasibility);
  CHECK(a.risks == b.risks);
  CHECK(a.resources == b.resources);
  for (auto name : k_plan_sections)
    CHECK(*plan_section(a.plan, name) == *plan_section(b.plan, name));
  REQUIRE(a.milestones.size() == b.milestones.size());
  for (std::size_t i = 0; i < a.milestones.size(); ++i) {
    CHECK(a.milestones[i].name == b.milestones[i].name);
    CHECK(a.milestones[i].date == b.milestones[i].date);
    CHECK(a.milestones[i].weight == b.milestones[i].weight);
  }
}

void check_same(const Closure& a, const Closure& b) {
  CHECK(a.acceptance == b.acceptance);
  REQUIRE(a.deliverables.size() == b.deliverables.size());
  for (std::size_t i = 0; i < a.deliverables.size(); ++i) {
    CHECK(a.deliverables[i].name == b.deliverables[i].name);
    CHECK(a.deliverables[i].accepted == b.deliverables[i].accepted);
    CHECK(a.deliverables[i].note == b.deliverables[i].note);
  }
  CHECK(a.actual_start == b.actual_start);
  CHECK(a.actual_end == b.actual_end);
  CHECK(a.actual_cost == b.actual_cost);
  CHECK(a.outcome == b.outcome);
  CHECK(a.project_evaluation.rating == b.project_evaluation.rating);
  CHECK(a.project_evaluation.comment == b.project_evaluation.comment);
  CHECK(a.manager_evaluation.rating == b.manager_evaluation.rating);
  CHECK(a.manager_evaluation.comment == b.manager_evaluation.comment);
  REQUIRE(a.lessons.size() == b.lessons.size());
  for (std::size_t i = 0; i < a.lessons.size(); ++i) {
    CHECK(a.lessons[i].kind == b.lessons[i].kind);
    CHECK(a.lessons[i].text == b.lessons[i].text);
    CHECK(a.lessons[i].tags == b.lessons[i].tags);
  }
}

Closure closure_ok(const std::string& text) {
  auto d = decode_closure(text, "projects/P1/closure.yaml", Lang::en);
  INFO(describe(d.findings));
  CHECK(d.findings.empty());
  return d.value;
}

void check_same(const Office& a, const Office& b) {
  CHECK(a.name == b.name);
  CHECK(a.language == b.language);
  CHECK(a.type == b.type);
  CHECK(a.currency == b.currency);
  CHECK(a.initial_stage == b.initial_stage);
  REQUIRE(a.roles.size() == b.roles.size());
  for (std::size_t i = 0; i < a.roles.size(); ++i) {
    CHECK(a.roles[i].id == b.roles[i].id);
    CHECK(a.roles[i].name.zh == b.roles[i].name.zh);
    CHECK(a.roles[i].name.en == b.roles[i].name.en);
  }
  REQUIRE(a.gates.size() == b.gates.size());
  for (std::size_t i = 0; i < a.gates.size(); ++i) {
    const GateDef& x = a.gates[i];
    const GateDef& y = b.gates[i];
    CHECK(x.id == y.id);
    CHECK(x.name.zh == y.name.zh);
    CHECK(x.name.en == y.name.en);
    CHECK(x.stage == y.stage);
    CHECK(x.enters == y.enters);
    CHECK(x.board == y.board);
    CHECK(x.quorum.kind == y.quorum.kind);
    CHECK(x.quorum.count == y.quorum.count);
    CHECK(x.excluded == y.excluded);
    CHECK(x.repeatable == y.repeatable);
    CHECK(x.requires_fields == y.requires_fields);
  }
}

void check_same(const Person& a, const Person& b) {
  CHECK(a.name == b.name);
  CHECK(a.email == b.email);
  CHECK(a.roles == b.roles);
  CHECK(a.capacity == b.capacity);
}

void check_same(const Decision& a, const Decision& b) {
  CHECK(a.gate == b.gate);
  CHECK(a.verdict == b.verdict);
  CHECK(a.reviewer == b.reviewer);
  CHECK(a.role == b.role);
  CHECK(a.decided_at == b.decided_at);
  CHECK(a.record == b.record);
  CHECK(a.comment == b.comment);
  CHECK(a.conditions == b.conditions);
}

Project round_trip(const Project& p) {
  const std::string text = encode_project(p);
  INFO(text);
  auto d = decode_project(text, "projects/P1/project.yaml", "P1", Lang::en);
  INFO(describe(d.findings));
  CHECK(d.findings.empty());
  check_same(d.value, p);
  CHECK(encode_project(d.value) == text); // stable
  return d.value;
}

Date date(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

// Texts that are hard to write in YAML.
const std::vector<std::string> k_tricky = {
    "智能客服平台",
    "目标：降低 40% 的工作量",
    "key: value",
    "a # not a comment",
    "# a comment?",
    "- not a list item",
    "-leading dash",
    "line one\nline two",
    "ends with a newline\n",
    "two trailing newlines\n\n",
    "\nleading newline",
    "  indented",
    "trailing space ",
    "line with trailing space \nnext",
    "blank\n\nline inside",
    "tab\there",
    "yes",
    "No",
    "null",
    "~",
    "true",
    "123",
    "1.5e3",
    "0x1F",
    ".inf",
    "2027-01-04",
    "12:30",
    "'single'",
    "\"double\"",
    "back\\slash",
    "@at",
    "`tick",
    "%percent",
    "!bang",
    "&amp",
    "*star",
    "|pipe",
    ">fold",
    "[bracket]",
    "{brace}",
    "comma, inside",
    "?question",
    "ends with colon:",
    "...",
    "---",
    "=",
    "<<",
    "\x1b[31mescape",
    "\xC2\x85nel",
    "\xE2\x80\xA8line separator",
    "\xEF\xBB\xBF"
    "bom",
    "emoji 😀",
    "x",
};

} // namespace

TEST_CASE("the office sample decodes with every field and its location") {
  auto d = decode_office(k_office, "pmo.yaml", Lang::en);
  CHECK(d.findings.empty());
  const Office& o = d.value;
  CHECK(o.name == "星河科技 PMO");
  CHECK(o.language == Lang::zh);
  CHECK(o.type == OfficeType::controlling);
  CHECK(o.currency == "CNY");
  REQUIRE(o.roles.size() == 3);
  CHECK(o.roles[0].id == "business");
  CHECK(o.roles[0].name.zh == "业务");
  CHECK(o.roles[0].name.en == "Business");
  CHECK(o.roles[2].name.zh == "PMO");
  CHECK(o.roles[2].name.en == "PMO");
  CHECK(o.initial_stage == "proposed");
  REQUIRE(o.gates.size() == 2);
  const GateDef& g1 = o.gates[0];
  CHECK(g1.id == "G1");
  CHECK(g1.name.en == "Initiation approval");
  CHECK(g1.stage == "proposed");
  CHECK(g1.enters == "planning");
  CHECK(g1.board == std::vector<std::string>{"business", "finance"});
  CHECK(g1.quorum.kind == Quorum::Kind::all);
  CHECK(g1.excluded == std::vector<Party>{Party::manager, Party::sponsor});
  CHECK_FALSE(g1.repeatable);
  CHECK(g1.requires_fields == std::vector<std::string>{"objectives", "scope.in"});
  const GateDef& g3 = o.gates[1];
  CHECK(g3.quorum.kind == Quorum::Kind::count);
  CHECK(g3.quorum.count == 1);
  CHECK(g3.repeatable);
  CHECK(g3.requires_fields.empty());

  CHECK(o.where.at("office.name").line == 2);
  CHECK(o.where.at("office.name").column == 9);
  CHECK(o.where.at("gates[1].board").line == 31);
  CHECK(o.where.at("gates[1].board").column == 12);
  CHECK(o.where.at("gates[0].requires[1]").line == 26);
  CHECK(o.where.at("gates[1]").line == 27);
  CHECK(o.where.at("roles[1].id").line == 9);
  CHECK(g3.where.at("board").line == 31);
  CHECK(g3.where.at("board").file == "pmo.yaml");
  CHECK(g1.where.at("requires[0]").line == 25);
}

TEST_CASE("the project sample decodes with every field and its location") {
  Project p = decode_ok(k_project);
  CHECK(p.id == "P1");
  CHECK(p.file == "projects/P1/project.yaml");
  CHECK(p.title == "智能客服平台");
  CHECK(p.sponsor == "zhaomin");
  CHECK(p.budget == 1200000.0);
  CHECK(p.start == date(2027, 1, 4));
  CHECK(p.end == date(2027, 6, 30));
  CHECK(p.submitted == date(2026, 10, 12));
  CHECK(p.objectives.size() == 1);
  CHECK(p.scope.in == std::vector<std::string>{"智能问答", "工单自动分派"});
  CHECK(p.scope.out == std::vector<std::string>{"电话语音客服"}); // a single text is a list
  CHECK(p.strategic_alignment == "支撑\"服务数字化\"年度战略");
  CHECK(p.business_case.cost_estimate == 1200000.0);
  CHECK(p.business_case.roi == 150.5);
  CHECK(p.plan.scope == "按 WBS 分解");
  REQUIRE(p.milestones.size() == 1);
  CHECK(p.milestones[0].date == date(2027, 6, 1));
  CHECK(p.where.at("business_case.cost_estimate").line == 16);
  CHECK(p.where.at("business_case.cost_estimate").column == 18);
  CHECK(p.where.at("plan.cost").line == 23);
  CHECK(p.where.at("scope.in[1]").line == 11);
  CHECK(p.where.at("title").file == "projects/P1/project.yaml");
}

TEST_CASE("the person sample decodes") {
  auto d =
      decode_person("name: 李娜\nemail: lina@xinghe.example\nroles: [finance]\ncapacity: 0.5\n",
                    "people/lina.yaml", "lina", Lang::en);
  CHECK(d.findings.empty());
  CHECK(d.value.id == "lina");
  CHECK(d.value.file == "people/lina.yaml");
  CHECK(d.value.name == "李娜");
  CHECK(d.value.email == "lina@xinghe.example");
  CHECK(d.value.roles == std::vector<std::string>{"finance"});
  CHECK(d.value.capacity == 0.5);
  CHECK(d.value.where.at("roles[0]").line == 3);
}

TEST_CASE("a person's capacity defaults to one") {
  auto d = decode_person("name: A\nroles: finance\n", "people/a.yaml", "a", Lang::en);
  CHECK(d.ok());
  CHECK(d.value.capacity == 1.0);
  CHECK(d.value.roles == std::vector<std::string>{"finance"});
}

TEST_CASE("the decision sample decodes, decided_at quoted or not") {
  auto d = decode_decision(k_decision, "projects/P1/decisions/x.yaml", "P1", Lang::en);
  CHECK(d.findings.empty());
  CHECK(d.value.project == "P1");
  CHECK(d.value.gate == "G1");
  CHECK(d.value.verdict == Verdict::approve_with_conditions);
  CHECK(d.value.reviewer == "lina");
  CHECK(d.value.role == "finance");
  CHECK(format_timestamp(d.value.decided_at) == "2026-11-21T09:30:00Z");
  CHECK(d.value.record == "3b18e512dba79e4c8300dd08aeb37f8e728b8dad");
  CHECK(d.value.conditions.size() == 1);
  std::string quoted = k_decision;
  quoted.replace(quoted.find("2026-11-21T09:30:00Z"), 20, "\"2026-11-21T09:30:00Z\"");
  auto q = decode_decision(quoted, "x.yaml", "P1", Lang::en);
  CHECK(q.ok());
  CHECK(q.value.decided_at == d.value.decided_at);
}

TEST_CASE("a wrong type is an error at the value") {
  auto d = decode_project("title: x\nbudget: [1]\n", "p.yaml", "P", Lang::en);
  check_finding(d.findings, "wrong-type", 2, 9);
  CHECK_FALSE(d.ok());
  auto e = decode_project("title: {a: 1}\n", "p.yaml", "P", Lang::en);
  check_finding(e.findings, "wrong-type", 1, 8);
  auto f = decode_project("title: x\nrisks: [a, [b]]\n", "p.yaml", "P", Lang::en);
  check_finding(f.findings, "wrong-type", 2, 12);
}

TEST_CASE("a quoted number is not a number") {
  auto d = decode_project("title: x\nbudget: \"1200000\"\n", "p.yaml", "P", Lang::en);
  check_finding(d.findings, "wrong-type", 2, 9);
  auto e = decode_project("title: x\nbudget: 1,200,000\n", "p.yaml", "P", Lang::en);
  check_finding(e.findings, "wrong-type", 2, 9);
  auto inf = decode_project("title: x\nbudget: .inf\n", "p.yaml", "P", Lang::en);
  CHECK_FALSE(inf.ok());
}

TEST_CASE("a bad enumeration value is an error at the value") {
  auto d = decode_decision("gate: G1\ndecision: approve-maybe\nreviewer: a\nrole: b\n"
                           "decided_at: 2026-11-21T09:30:00Z\n",
                           "d.yaml", "P", Lang::en);
  check_finding(d.findings, "bad-value", 2, 11);
  auto o = decode_office("office: {name: x, type: strict}\n", "pmo.yaml", Lang::en);
  check_finding(o.findings, "bad-value", 1, 25);
  auto q =
      decode_office("office: {name: x}\ngates:\n  - {id: G1, stage: a, enters: b, quorum: most}\n",
                    "pmo.yaml", Lang::en);
  check_finding(q.findings, "bad-value", 3, 43);
  auto x = decode_office(
      "office: {name: x}\ngates:\n  - {id: G1, stage: a, enters: b, excluded: [cfo]}\n", "pmo.yaml",
      Lang::en);
  check_finding(x.findings, "bad-value", 3, 46);
}

TEST_CASE("a bad date is an error at the value") {
  auto d = decode_project("title: x\nstart: 2027-02-30\n", "p.yaml", "P", Lang::en);
  check_finding(d.findings, "bad-date", 2, 8);
  auto e = decode_closure("acceptance: ok\nactual_end: 15/07/2027\n", "c.yaml", Lang::en);
  check_finding(e.findings, "bad-date", 2, 13);
  auto t =
      decode_decision("gate: G1\ndecision: hold\nreviewer: a\nrole: b\ndecided_at: yesterday\n",
                      "d.yaml", "P", Lang::en);
  check_finding(t.findings, "bad-date", 5, 13);
}

TEST_CASE("a negative amount is an error at the value") {
  auto d =
      decode_project("title: x\nbusiness_case:\n  cost_estimate: -5\n", "p.yaml", "P", Lang::en);
  check_finding(d.findings, "negative-amount", 3, 18);
  auto roi = decode_project("title: x\nbusiness_case:\n  roi: -5\n", "p.yaml", "P", Lang::en);
  CHECK(roi.ok()); // a return may be negative
  CHECK(roi.value.business_case.roi == -5.0);
}

TEST_CASE("a missing required field is an error at its mapping or its empty value") {
  auto d = decode_project("budget: 5\n", "p.yaml", "P", Lang::en);
  check_finding(d.findings, "missing-field", 1, 1);
  auto e = decode_project("budget: 5\ntitle:\n", "p.yaml", "P", Lang::en);
  check_finding(e.findings, "missing-field", 2, 1);
  auto f = decode_project("title: \"\"\n", "p.yaml", "P", Lang::en);
  check_finding(f.findings, "missing-field", 1, 8);
  auto person = decode_person("name: A\n", "people/a.yaml", "a", Lang::en);
  check_finding(person.findings, "missing-field", 1, 1);
  auto none = decode_person("name: A\nroles: []\n", "people/a.yaml", "a", Lang::en);
  check_finding(none.findings, "missing-field", 2, 8);
  auto decision = decode_decision("gate: G1\n", "d.yaml", "P", Lang::en);
  CHECK(std::count_if(decision.findings.begin(), decision.findings.end(),
                      [](const Finding& x) { return x.code == "missing-field"; }) == 4);
  auto office = decode_office("roles: []\n", "pmo.yaml", Lang::en);
  check_finding(office.findings, "missing-field", 1, 1);
  auto gate =
      decode_office("office: {name: x}\ngates:\n  - id: G1\n    stage: a\n", "pmo.yaml", Lang::en);
  check_finding(gate.findings, "missing-field", 3, 5);
  CHECK(gate.findings[0].message.find("gates[0].enters") != std::string::npos);
}

TEST_CASE("a bad id is an error at the value") {
  auto d = decode_project("title: x\nsponsor: ../etc\n", "p.yaml", "P", Lang::en);
  check_finding(d.findings, "bad-id", 2, 10);
  auto person =
      decode_person("name: A\nroles: [finance, 'has space']\n", "people/a.yaml", "a", Lang::en);
  check_finding(person.findings, "bad-id", 2, 18);
  auto decision = decode_decision("gate: G1\ndecision: hold\nreviewer: a/b\nrole: b\n"
                                  "decided_at: 2026-11-21\n",
                                  "d.yaml", "P", Lang::en);
  check_finding(decision.findings, "bad-id", 3, 11);
  const std::string long_id(65, 'a');
  auto too_long = decode_project("title: x\nmanager: " + long_id + "\n", "p.yaml", "P", Lang::en);
  check_finding(too_long.findings, "bad-id", 2, 10);
}

TEST_CASE("an unknown field is a warning at its key, with a suggestion") {
  auto d = decode_project("titel: x\ntitle: y\nscope:\n  inn: [a]\n", "p.yaml", "P", Lang::en);
  CHECK(d.ok());
  REQUIRE(d.findings.size() == 2);
  check_finding(d.findings, "unknown-field", 1, 1, Severity::warning);
  CHECK(d.findings[0].message.find("did you mean 'title'") != std::string::npos);
  CHECK(d.findings[1].where.line == 4);
  CHECK(d.findings[1].message.find("scope.inn") != std::string::npos);
}

TEST_CASE("an empty file or a non-mapping top level is an error") {
  for (const char* text : {"", "# only a comment\n", "~\n"}) {
    auto d = decode_person(text, "people/a.yaml", "a", Lang::en);
    CHECK_FALSE(d.ok());
    CHECK(d.findings.at(0).code == "empty-file");
  }
  auto list = decode_project("- a\n- b\n", "p.yaml", "P", Lang::en);
  check_finding(list.findings, "wrong-type", 1, 1);
  auto text = decode_office("just text\n", "pmo.yaml", Lang::en);
  check_finding(text.findings, "wrong-type", 1, 1);
}

TEST_CASE("a YAML error reaches the decoder's findings") {
  auto d = decode_project("title: x\ntitle: y\n", "p.yaml", "P", Lang::en);
  check_finding(d.findings, "yaml-duplicate-key", 2, 1);
  auto e = decode_decision("gate: &g G1\n", "d.yaml", "P", Lang::en);
  check_finding(e.findings, "yaml-alias", 1, 7);
}

TEST_CASE("a person's name may not carry what would break a commit signature") {
  auto d = decode_person("name: \"A <b>\"\nroles: [x]\n", "people/a.yaml", "a", Lang::en);
  check_finding(d.findings, "bad-value", 1, 7);
  auto nl = decode_person("name: \"A\\nB\"\nroles: [x]\n", "people/a.yaml", "a", Lang::en);
  CHECK_FALSE(nl.ok());
  auto mail =
      decode_person("name: A\nemail: not-an-address\nroles: [x]\n", "people/a.yaml", "a", Lang::en);
  check_finding(mail.findings, "bad-value", 2, 8);
}

TEST_CASE("capacity must be more than zero and at most one") {
  for (const char* value : {"0", "1.5", "-1"}) {
    auto d = decode_person(std::string{"name: A\nroles: [x]\ncapacity: "} + value + "\n",
                           "people/a.yaml", "a", Lang::en);
    check_finding(d.findings, "bad-value", 3, 11);
  }
}

TEST_CASE("a decision's record must be a git object id") {
  auto d = decode_decision("gate: G1\ndecision: hold\nreviewer: a\nrole: b\n"
                           "decided_at: 2026-11-21T09:30:00Z\nrecord: not-a-sha\n",
                           "d.yaml", "P", Lang::en);
  check_finding(d.findings, "bad-value", 6, 9);
}

TEST_CASE("messages are in the requested language") {
  auto en = decode_project("budget: -1\n", "p.yaml", "P", Lang::en);
  auto zh = decode_project("budget: -1\n", "p.yaml", "P", Lang::zh);
  REQUIRE(en.findings.size() == zh.findings.size());
  REQUIRE(zh.findings.size() == 2);
  CHECK(zh.findings[0].message.find("缺少") != std::string::npos);
  CHECK(zh.findings[1].message.find("负") != std::string::npos);
  CHECK(en.findings[0].message.find("missing") != std::string::npos);
}

TEST_CASE("empty values of optional fields are absent") {
  auto d = decode_project("title: x\nbudget:\nstart:\nobjectives:\n  -\nplan:\nscope: {}\n",
                          "p.yaml", "P", Lang::en);
  CHECK(d.findings.empty());
  CHECK_FALSE(d.value.budget);
  CHECK_FALSE(d.value.start);
  CHECK(d.value.objectives.empty());
  CHECK_FALSE(d.value.closure);
}

TEST_CASE("amounts are written as plain numbers") {
  Project p;
  p.title = "x";
  p.budget = 1200000;
  p.business_case.cost_estimate = 0.5;
  p.business_case.roi = 12.25;
  const std::string text = encode_project(p);
  CHECK(text.find("budget: 1200000\n") != std::string::npos);
  CHECK(text.find("cost_estimate: 0.5\n") != std::string::npos);
  CHECK(text.find("roi: 12.25\n") != std::string::npos);
  round_trip(p);
  Closure c;
  c.actual_cost = 98765432101.0;
  CHECK(encode_closure(c) == pmo::codec::schema_modeline("closure") + "actual_cost: 98765432101\n");
}

TEST_CASE("the project sample round-trips and keeps Chinese as UTF-8") {
  Project p = decode_ok(k_project);
  const std::string text = encode_project(p);
  CHECK(text.find("title: 智能客服平台\n") != std::string::npos);
  CHECK(text.find("\\u") == std::string::npos);
  CHECK(text.find("strategic_alignment: 支撑\"服务数字化\"年度战略\n") != std::string::npos);
  CHECK(text.find("start: 2027-01-04\n") != std::string::npos);
  // Fields come in the order of docs/FORMAT.md.
  CHECK(text.find("title:") < text.find("sponsor:"));
  CHECK(text.find("submitted:") < text.find("objectives:"));
  CHECK(text.find("resources:") < text.find("plan:"));
  CHECK(text.find("plan:") < text.find("milestones:"));
  round_trip(p);
}

TEST_CASE("every text field round-trips tricky text") {
  for (const auto& s : k_tricky) {
    CAPTURE(s);
    Project p;
    p.title = s;
    p.strategic_alignment = s;
    p.feasibility = s + s;
    p.objectives = {s, "plain", s};
    p.scope.in = {s};
    p.risks = {s + "\n" + s};
    round_trip(p);
    Closure c;
    c.acceptance = s;
    c.deliverables = {{s, false, s}};
    c.project_evaluation = {3, s};
    c.lessons = {{LessonKind::to_improve, s, {"t"}}};
    auto back = closure_ok(encode_closure(c));
    check_same(c, back);
  }
}

TEST_CASE("the closure report decodes, locates its fields and round-trips") {
  Closure c = closure_ok(k_closure);
  CHECK(c.acceptance == "客户签署验收单");
  REQUIRE(c.deliverables.size() == 2);
  CHECK_FALSE(c.deliverables[1].accepted);
  CHECK(c.deliverables[1].note == "需补充故障处理章节");
  CHECK(c.actual_start == date(2027, 1, 4));
  CHECK(c.actual_end == date(2027, 7, 15));
  CHECK(c.actual_cost == 1250000.0);
  CHECK(c.outcome == Outcome::partially_achieved);
  CHECK(c.project_evaluation.rating == 4);
  CHECK(c.manager_evaluation.rating == 5);
  CHECK(c.manager_evaluation.comment.empty());
  REQUIRE(c.lessons.size() == 2);
  CHECK(c.lessons[0].kind == LessonKind::went_well);
  CHECK(c.lessons[0].tags == std::vector<std::string>{"沟通", "需求"});
  CHECK(c.lessons[1].tags == std::vector<std::string>{"数据"}); // a single tag is a list
  CHECK(c.where.at("lessons[1]").line == 22);
  CHECK(c.where.at("evaluation.project.rating").line == 14);
  CHECK(c.file == "projects/P1/closure.yaml");
  const std::string text = encode_closure(c);
  check_same(c, closure_ok(text));
  CHECK(encode_closure(closure_ok(text)) == text);
  CHECK(encode_closure(Closure{}) == pmo::codec::schema_modeline("closure") + "{}\n");
  closure_ok(encode_closure(Closure{}));
}

TEST_CASE("closure report errors name the field") {
  auto bad = [](const std::string& text) {
    return decode_closure(text, "c.yaml", Lang::en).findings;
  };
  check_finding(bad("outcome: done\n"), "bad-value", 1, 10);
  check_finding(bad("evaluation:\n  manager: {rating: 7}\n"), "bad-value", 2, 21);
  check_finding(bad("evaluation:\n  project: {comment: ok}\n"), "missing-field", 2, 12);
  check_finding(bad("lessons:\n  - {kind: lucky, text: x}\n"), "bad-value", 2, 12);
  check_finding(bad("lessons:\n  - {kind: went_well}\n"), "missing-field", 2, 5);
  check_finding(bad("deliverables:\n  - {name: x, accepted: maybe}\n"), "bad-value", 2, 25);
  check_finding(bad("actual_start: 2027-02-01\nactual_end: 2027-01-01\n"), "end-before-start", 2,
                13);
  check_finding(bad("actual_cost: -5\n"), "negative-amount", 1, 14);
  check_finding(bad("lesson: x\n"), "unknown-field", 1, 1, Severity::warning);
}

TEST_CASE("a closure section in project.yaml points to closure.yaml") {
  auto d = decode_project("title: x\nclosure:\n  acceptance: ok\n", "projects/P/project.yaml", "P",
                          Lang::en);
  check_finding(d.findings, "moved-field", 3, 3);
  CHECK(d.findings[0].message.find("projects/P/closure.yaml") != std::string::npos);
  CHECK(d.findings[0].message.find("pmo close P") != std::string::npos);
}

TEST_CASE("random text round-trips") {
  const std::vector<std::string> alphabet = {"a",
                                             "Z",
                                             "0",
                                             "9",
                                             " ",
                                             " ",
                                             "\n",
                                             "\t",
                                             ":",
                                             "#",
                                             "-",
                                             "'",
                                             "\"",
                                             "\\",
                                             ",",
                                             "[",
                                             "]",
                                             "{",
                                             "}",
                                             "?",
                                             "&",
                                             "*",
                                             "!",
                                             "|",
                                             ">",
                                             "%",
                                             "@",
                                             "`",
                                             ".",
                                             "~",
                                             "中",
                                             "：",
                                             "\r",
                                             "\x01",
                                             "\x7f",
                                             "\xC2\x85",
                                             "\xE2\x80\xA8",
                                             "\xEF\xBB\xBF",
                                             "😀",
                                             "e",
                                             "1"};
  std::mt19937 random{20261121};
  std::uniform_int_distribution<std::size_t> pick_char{0, alphabet.size() - 1};
  std::uniform_int_distribution<int> length{1, 12};
  for (int i = 0; i < 3000; ++i) {
    std::string s;
    for (int n = length(random); n > 0; --n)
      s += alphabet[pick_char(random)];
    CAPTURE(s);
    Project p;
    p.title = s;
    p.risks = {s};
    const std::string text = encode_project(p);
    auto d = decode_project(text, "p.yaml", "P", Lang::en);
    REQUIRE_MESSAGE(d.findings.empty(), text);
    REQUIRE(d.value.title == s);
    REQUIRE(d.value.risks == std::vector<std::string>{s});
  }
}

TEST_CASE("multi-line text is written as a literal block") {
  Project p;
  p.title = "x";
  p.feasibility = "第一行\n第二行";
  p.risks = {"one\ntwo\n"};
  const std::string text = encode_project(p);
  CHECK(text.find("feasibility: |-\n  第一行\n  第二行\n") != std::string::npos);
  CHECK(text.find("risks:\n  - |\n    one\n    two\n") != std::string::npos);
  round_trip(p);
}

TEST_CASE("the default office round-trips and starts with a comment") {
  for (Lang lang : {Lang::zh, Lang::en}) {
    Office office = default_office("星河科技 PMO", lang, OfficeType::directive);
    office.currency = "EUR";
    office.initial_stage = "idea";
    office.gates[0].quorum = Quorum{Quorum::Kind::majority, 0};
    office.gates[1].quorum = Quorum{Quorum::Kind::count, 1};
    office.roles[0].name.en.clear();
    const std::string text = encode_office(office);
    INFO(text);
    CHECK(text.starts_with("# "));
    CHECK(text.find("name: {zh: 业务}\n") != std::string::npos);
    CHECK(text.find("    board: [business, technical, finance, legal]\n") != std::string::npos);
    CHECK(text.find("    quorum: 1\n") != std::string::npos);
    CHECK(text.find("    repeatable: true\n") != std::string::npos);
    CHECK(text.find("repeatable: false") == std::string::npos);
    auto d = decode_office(text, "pmo.yaml", Lang::en);
    CHECK(d.findings.empty());
    check_same(d.value, office);
    CHECK(encode_office(d.value) == text);
  }
}

TEST_CASE("an office with tricky names round-trips") {
  Office office = default_office("PMO: \"core\" # 1", Lang::en, OfficeType::supportive);
  office.roles[1].name = LocalText{"技术, 架构", "Tech: [core]"};
  office.gates[0].name = LocalText{"line\nbreak", "{x}"};
  office.gates[0].requires_fields = {"a b", "c,d", "yes", "1"};
  const std::string text = encode_office(office);
  INFO(text);
  auto d = decode_office(text, "pmo.yaml", Lang::en);
  CHECK(d.findings.empty());
  check_same(d.value, office);
}

TEST_CASE("a person's name must be one git keeps as an author's") {
  for (const char* name : {".", " , ", "'\"", ";", "\\"}) {
    CAPTURE(name);
    auto d = decode_person(fmt::format("name: '{}'\n", std::string(name) == "'\"" ? "''\"" : name),
                           "people/a.yaml", "a", Lang::en);
    const auto bad = std::find_if(d.findings.begin(), d.findings.end(),
                                  [](const auto& f) { return f.code == "bad-value"; });
    REQUIRE(bad != d.findings.end());
    CHECK(bad->where.line == 1);
    CHECK(bad->message.find("nothing git keeps") != std::string::npos);
  }
  CHECK(decode_person("name: J. R.\nroles: [pmo]\n", "people/a.yaml", "a", Lang::en)
            .findings.empty());
  CHECK(decode_person("name: 李\nroles: [pmo]\n", "people/a.yaml", "a", Lang::en).findings.empty());
  CHECK_FALSE(pmo::model::is_signable_name(""));
  CHECK_FALSE(pmo::model::is_signable_name(" . "));
  CHECK_FALSE(pmo::model::is_signable_name("a<b"));
  CHECK(pmo::model::is_signable_name(" .x. "));
}

TEST_CASE("a person round-trips") {
  Person p;
  p.name = "李娜";
  p.email = "lina@xinghe.example";
  p.roles = {"finance", "business"};
  const std::string text = encode_person(p);
  CHECK(text == "# yaml-language-server: $schema=../.pmo/schema/person.json\n"
                "name: 李娜\nemail: lina@xinghe.example\nroles: [finance, business]\n"
                "capacity: 1.0\n");
  for (double capacity : {1.0, 0.5, 0.1, 0.333}) {
    p.capacity = capacity;
    auto d = decode_person(encode_person(p), "people/lina.yaml", "lina", Lang::en);
    CHECK(d.findings.empty());
    check_same(d.value, p);
  }
  for (const auto& s : k_tricky) {
    if (s.find_first_of("<>\n\t\r\x1b") != std::string::npos || s.find("\xC2\x85") != s.npos ||
        !pmo::model::is_signable_name(s))
      continue; // not a valid name
    CAPTURE(s);
    p.name = s;
    auto d = decode_person(encode_person(p), "people/lina.yaml", "lina", Lang::en);
    CHECK(d.findings.empty());
    check_same(d.value, p);
  }
}

TEST_CASE("a decision round-trips") {
  Decision d;
  d.gate = "G1";
  d.verdict = Verdict::approve_with_conditions;
  d.reviewer = "lina";
  d.role = "finance";
  d.decided_at = *parse_timestamp("2026-11-21T09:30:00Z");
  d.record = "3b18e512dba79e4c8300dd08aeb37f8e728b8dad";
  d.comment = "成本测算依据充分: 见附件 #3\n- 第二行";
  d.conditions = {"三个月内补充数据治理方案", "- leading dash"};
  const std::string text = encode_decision(d);
  CHECK(text.starts_with("# yaml-language-server: $schema=../../../.pmo/schema/decision.json\n"
                         "gate: G1\ndecision: approve-with-conditions\nreviewer: lina\n"
                         "role: finance\ndecided_at: 2026-11-21T09:30:00Z\nrecord: 3b18e"));
  auto back = decode_decision(text, "d.yaml", "P1", Lang::en);
  CHECK(back.findings.empty());
  check_same(back.value, d);
  CHECK(encode_decision(back.value) == text);

  for (Verdict v : {Verdict::approve, Verdict::revise, Verdict::reject, Verdict::hold}) {
    Decision plain;
    plain.gate = "G2";
    plain.verdict = v;
    plain.reviewer = "true"; // an id that YAML would read as a boolean
    plain.role = "null";     // and one it would read as null
    plain.decided_at = *parse_timestamp("2027-01-01T00:00:00Z");
    const std::string t = encode_decision(plain);
    CHECK(t.find("record") == std::string::npos);
    CHECK(t.find("comment") == std::string::npos);
    auto b = decode_decision(t, "d.yaml", "P1", Lang::en);
    CHECK(b.findings.empty());
    check_same(b.value, plain);
  }
}

TEST_CASE("a milestone that is not a mapping says what one looks like, at its own position") {
  auto decoded = pmo::codec::decode_project("title: X\nmilestones:\n  - Design 2027-02-28\n"
                                            "  - {name: Go, date: 2027-13-01}\n",
                                            "p.yaml", "P1", pmo::model::Lang::en);
  REQUIRE(decoded.findings.size() == 2);
  CHECK(decoded.findings[0].message ==
        "each item of milestones must be a mapping (name: ..., date: YYYY-MM-DD, weight: ...), "
        "not 'Design 2027-02-28'");
  CHECK(decoded.findings[1].message.starts_with("milestones[1].date: '2027-13-01'"));
}
