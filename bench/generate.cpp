// pmo-bench-generate PROJECTS [SEED] — writes a synthetic, realistic portfolio as a
// `git fast-import` stream on stdout: pmo.yaml and a roster in the first commit, then one commit
// per write in date order, as pmo makes them: a proposal per project (Pmo-Action: propose), one
// commit per gate decision (the reviewer as author, Pmo- trailers, `record` = the blob id of the
// proposal decided on), and a closure report (closure.yaml) before G4. After the baseline (G2),
// project control as pmo writes it: monthly status reports (up to 6), two risks, an issue for every
// other project, and for every third a change request with its two CCB decisions. Stage mix, per
// ten projects: 2 proposed, 1 rejected, 3 planning, 3 executing, 1 closed. Deterministic for a
// given SEED. bench/make-portfolio.sh turns the stream into a repository. With --tjp: the same
// portfolio as a TaskJuggler plan instead.

#include <fmt/format.h>
#include <git2.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <vector>

namespace {

constexpr std::int64_t k_start = 1767225600; // 2026-01-01T00:00:00Z
constexpr std::int64_t k_day = 86400;

struct Person {
  std::string id;
  std::string name;
  std::string role;
};

struct Roster {
  std::vector<Person> all;
  std::vector<std::vector<std::size_t>> by_role; // index into all, per role of k_roles
};

const std::vector<std::string> k_roles = {"business", "technical", "finance", "legal",
                                          "pmo",      "manager",   "sponsor"};
const std::vector<std::string> k_first = {"Wei",  "Fang", "Min", "Jing",  "Lei", "Na",
                                          "Yang", "Tao",  "Hui", "Qiang", "Li",  "Jun"};
const std::vector<std::string> k_last = {"Zhang", "Wang",  "Li", "Zhao", "Chen", "Liu",
                                         "Yang",  "Huang", "Wu", "Zhou", "Xu",   "Sun"};
const std::vector<std::string> k_topics = {
    "customer portal", "data platform",           "e-contract",
    "CRM upgrade",     "DevOps platform",         "IDC expansion",
    "security audit",  "HR self-service",         "finance shared services",
    "mobile banking",  "supply chain visibility", "smart customer service"};

std::string iso_date(std::int64_t t, bool with_time, bool compact) {
  // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
  std::int64_t days = t / k_day;
  const std::int64_t secs = t % k_day;
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (!with_time)
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
  const std::int64_t hh = secs / 3600, mm = secs % 3600 / 60, ss = secs % 60;
  if (compact)
    return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", y, m, d, hh, mm, ss);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", y, m, d, hh, mm, ss);
}

std::string blob_id(const std::string& content) {
  git_oid id{};
  if (git_odb_hash(&id, content.data(), content.size(), GIT_OBJECT_BLOB) != 0) {
    std::cerr << "git_odb_hash failed\n";
    std::exit(1);
  }
  char hex[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(hex, sizeof hex, &id);
  return hex;
}

const char* k_office = R"(office:
  name: Synthetic PMO
  language: en
  type: controlling
  currency: CNY
roles:
  - id: business
    name: {zh: 业务, en: Business}
  - id: technical
    name: {zh: 技术, en: Technical}
  - id: finance
    name: {zh: 财务, en: Finance}
  - id: legal
    name: {zh: 法务, en: Legal}
  - id: pmo
    name: {zh: 项目管理办公室, en: PMO}
  - id: manager
    name: {zh: 项目经理, en: Project manager}
  - id: sponsor
    name: {zh: 项目发起人, en: Sponsor}
stages:
  initial: proposed
gates:
  - id: G1
    name: {zh: 立项审批, en: Initiation approval}
    stage: proposed
    enters: planning
    board: [business, technical, finance, legal]
    quorum: all
    excluded: [manager, sponsor]
    repeatable: false
    requires: [objectives, scope.in, strategic_alignment, business_case.benefits,
               business_case.cost_estimate, feasibility, risks, resources, sponsor]
  - id: G2
    name: {zh: 计划基线, en: Plan baseline}
    stage: planning
    enters: executing
    board: [pmo]
    quorum: all
    excluded: [manager, sponsor]
    requires: [manager, budget, start, end]
  - id: G3
    name: {zh: 阶段评审, en: Phase review}
    stage: executing
    enters: executing
    board: [pmo]
    quorum: all
    excluded: [manager]
    repeatable: true
    requires: []
  - id: G4
    name: {zh: 收尾验收, en: Closure acceptance}
    stage: executing
    enters: closed
    board: [sponsor, pmo]
    quorum: all
    excluded: [manager]
    requires: [closure.acceptance, closure.actual_end, closure.actual_cost, closure.outcome,
               closure.lessons]
control:
  cadence: monthly
  baseline_gate: G2
  risk_escalation: 15
  ccb:
    board: [pmo, finance]
    quorum: all
    excluded: [manager, sponsor]
)";

Roster make_roster(std::size_t projects) {
  Roster roster;
  roster.by_role.resize(k_roles.size());
  const std::size_t per_role = 3 + projects / 200;
  std::size_t n = 0;
  for (std::size_t r = 0; r < k_roles.size(); ++r) {
    const std::size_t count =
        k_roles[r] == "manager" || k_roles[r] == "sponsor" ? 2 * per_role : per_role;
    for (std::size_t i = 0; i < count; ++i, ++n) {
      Person p;
      p.id = fmt::format("{}-{}", k_roles[r].substr(0, 3), i + 1);
      p.name = k_first[n % k_first.size()] + " " + k_last[(n / k_first.size()) % k_last.size()];
      p.role = k_roles[r];
      roster.by_role[r].push_back(roster.all.size());
      roster.all.push_back(p);
    }
  }
  return roster;
}

// TaskJuggler ids: letters, digits and '_'.
std::string tj_id(std::string id) {
  std::replace(id.begin(), id.end(), '-', '_');
  return id;
}

std::string person_yaml(const Person& p) {
  return fmt::format("name: {}\nemail: {}@example.com\nroles: [{}]\ncapacity: 1.0\n", p.name, p.id,
                     p.role);
}

// One project as a TaskJuggler task (for the `pmo report` vs tj3 comparison).
struct PlanRow {
  std::string id;
  std::string title;
  std::string manager;
  std::int64_t start;
  std::int64_t end;
  int complete;
};

struct Write {
  std::int64_t when;
  std::size_t seq; // tie-breaker: generation order
  std::string author_name;
  std::string author_email;
  std::string message;
  std::string path;
  std::string content;
};

class Generator {
public:
  Generator(std::size_t projects, unsigned seed)
      : m_projects(projects), m_random(seed), m_roster(make_roster(projects)) {}

  // The same portfolio as a TaskJuggler plan: a resource per person, a task per project (its
  // dates, its manager responsible, 0/50/100% complete by stage), and a CSV task report.
  void run_tjp(std::FILE* out) {
    for (std::size_t k = 0; k < m_projects; ++k)
      project(k);
    fmt::print(out,
               "project pmo \"Synthetic PMO\" {} +1200d {{\n  timezone \"UTC\"\n"
               "  currency \"CNY\"\n  now {}\n}}\n",
               iso_date(k_start - k_day, false, false),
               iso_date(k_start + 420 * k_day, false, false));
    for (const auto& p : m_roster.all)
      fmt::print(out, "resource {} \"{}\"\n", tj_id(p.id), p.name);
    for (const auto& row : m_plan)
      fmt::print(out,
                 "task {} \"{}\" {{\n  start {}\n  end {}\n  responsible {}\n  complete {}\n}}\n",
                 tj_id(row.id), row.title, iso_date(row.start, false, false),
                 iso_date(row.end, false, false), tj_id(row.manager), row.complete);
    fmt::print(out, "taskreport portfolio \"portfolio\" {{\n  formats csv\n"
                    "  columns id, name, start, end, complete, responsible\n}}\n");
  }

  void run(std::FILE* out) {
    emit_init(out);
    for (std::size_t k = 0; k < m_projects; ++k)
      project(k);
    std::sort(m_writes.begin(), m_writes.end(), [](const Write& a, const Write& b) {
      return a.when != b.when ? a.when < b.when : a.seq < b.seq;
    });
    for (const auto& w : m_writes)
      emit(out, w);
  }

private:
  const Person& pick(const std::string& role, std::size_t salt) const {
    const auto r =
        static_cast<std::size_t>(std::find(k_roles.begin(), k_roles.end(), role) - k_roles.begin());
    const auto& pool = m_roster.by_role[r];
    return m_roster.all[pool[salt % pool.size()]];
  }

  std::size_t roll(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(m_random);
  }

  std::string proposal(std::size_t k, const Person& sponsor, const Person& manager,
                       std::int64_t submitted) {
    const std::string& topic = k_topics[k % k_topics.size()];
    const std::int64_t budget = 200000 + static_cast<std::int64_t>(roll(50)) * 50000;
    const std::int64_t start = submitted + 60 * k_day;
    const std::int64_t end = start + static_cast<std::int64_t>(90 + roll(270)) * k_day;
    m_start = start;
    m_end = end;
    m_budget = budget;
    m_ends.push_back(end);
    return fmt::format(
        "title: {} {} (wave {})\n"
        "sponsor: {}\n"
        "manager: {}\n"
        "budget: {}\n"
        "start: {}\n"
        "end: {}\n"
        "submitted: {}\n"
        "objectives:\n"
        "  - Reduce manual handling in {} by {}%\n"
        "  - Shorten the lead time of the {} process to {} days\n"
        "scope:\n"
        "  in: [Requirements and design, Build and integration, Data migration, Training]\n"
        "  out: [Hardware refresh, Changes to unrelated systems]\n"
        "strategic_alignment: Supports the {} digital service strategy and the cost programme\n"
        "business_case:\n"
        "  benefits: [Lower operating cost, Faster service, Fewer errors in {}]\n"
        "  cost_estimate: {}\n"
        "  roi: {}\n"
        "feasibility: Proven technology; a pilot in one business unit showed the expected gains\n"
        "risks: [Data quality of legacy records, Availability of key users, Vendor delivery]\n"
        "resources: [{} engineers, 1 business analyst, 1 architect part-time]\n"
        "milestones:\n"
        "  - {{name: Design signed off, date: {}, weight: 30}}\n"
        "  - {{name: Go-live, date: {}, weight: 70}}\n",
        topic, k + 1, k % 7 + 1, sponsor.id, manager.id, budget, iso_date(start, false, false),
        iso_date(end, false, false), iso_date(submitted, false, false), topic, 10 + roll(40), topic,
        2 + roll(10), 2026 + static_cast<int>(k % 3), topic, budget, 50 + roll(150), 2 + roll(6),
        iso_date(start + (end - start) * 3 / 10, false, false), iso_date(end, false, false));
  }

  // A gate decision, or with `on_change` a CCB decision on change request `gate`.
  void decision(const std::string& id, const std::string& record, std::int64_t when,
                const std::string& gate, const std::string& verdict, const Person& reviewer,
                const std::string& role, const std::string& title, bool on_change = false) {
    const char* key = on_change ? "change" : "gate";
    std::string y =
        fmt::format("{}: {}\ndecision: {}\nreviewer: {}\nrole: {}\ndecided_at: {}\n"
                    "record: {}\n",
                    key, gate, verdict, reviewer.id, role, iso_date(when, true, false), record);
    if (verdict == "approve-with-conditions")
      y += "conditions: [Complete the data compliance review before go-live]\n";
    else if (verdict == "reject")
      y += "comment: The business case does not hold at this cost\n";
    else
      y += "comment: Reviewed; no objection\n";
    const std::string path = fmt::format("projects/{}/decisions/{}-{}-{}.yaml", id,
                                         iso_date(when, true, true), gate, reviewer.id);
    std::string message =
        fmt::format("{} {}: {} {} — {} ({})\n\nPmo-Project: {}\nPmo-{}: {}\nPmo-Decision: {}\n"
                    "Pmo-Reviewer: {}\nPmo-Role: {}\n",
                    gate, verdict, id, title, reviewer.name, role, id,
                    on_change ? "Change" : "Gate", gate, verdict, reviewer.id, role);
    m_writes.push_back(Write{when, m_writes.size(), reviewer.name, reviewer.id + "@example.com",
                             std::move(message), path, std::move(y)});
  }

  void project(std::size_t k) {
    const std::string id = fmt::format("P{:05}", k + 1);
    const std::int64_t span = 400 * k_day;
    const std::int64_t submitted =
        k_start + static_cast<std::int64_t>(k) * span / static_cast<std::int64_t>(m_projects);
    const Person& sponsor = pick("sponsor", k);
    const Person& manager = pick("manager", k * 7 + 3);
    const std::size_t kind =
        k % 10; // 0-1 proposed, 2 rejected, 3-5 planning, 6-8 executing, 9 closed
    std::int64_t t = submitted;
    const std::int64_t closed_at = submitted + 300 * k_day;
    const std::string text = proposal(k, sponsor, manager, submitted);
    const std::string title = text.substr(7, text.find('\n') - 7);
    m_plan.push_back(PlanRow{id, title, manager.id, m_start, m_end,
                             kind == 9   ? 100
                             : kind >= 6 ? 50
                                         : 0});
    m_writes.push_back(Write{
        t, m_writes.size(), m_operator.name, m_operator.id + "@example.com",
        fmt::format("Propose {}: {}\n\nPmo-Action: propose\nPmo-Project: {}\n", id, title, id),
        "projects/" + id + "/project.yaml", text});
    const std::string record = blob_id(text);
    const std::vector<std::string> board = {"business", "technical", "finance", "legal"};
    const std::size_t g1 = kind <= 1 ? k % 4 : kind == 2 ? 2 : 4;
    for (std::size_t b = 0; b < g1; ++b) {
      t += static_cast<std::int64_t>(1 + roll(5)) * k_day / 2;
      decision(id, record, t, "G1", b == 3 && k % 3 == 0 ? "approve-with-conditions" : "approve",
               pick(board[b], k + b), board[b], title);
    }
    if (kind == 2) {
      t += k_day;
      decision(id, record, t, "G1", "reject", pick("legal", k), "legal", title);
      return;
    }
    if (kind <= 5)
      return;
    t += 10 * k_day;
    decision(id, record, t, "G2", "approve", pick("pmo", k), "pmo", title);
    control(k, id, title, manager, sponsor, t, kind == 9 ? closed_at : t + 200 * k_day);
    const std::size_t g3 = kind == 9 ? 1 : k % 3;
    for (std::size_t i = 0; i < g3; ++i) {
      t += 45 * k_day;
      decision(id, record, t, "G3", "approve", pick("pmo", k + i + 1), "pmo", title);
    }
    if (kind != 9)
      return;
    // The closure report, as pmo close writes it, in its own commit before G4.
    t = std::max(t, closed_at) + k_day;
    const std::string closure = fmt::format(
        "acceptance: Signed acceptance by the business owner\n"
        "deliverables:\n  - name: System in production\n    accepted: true\n"
        "  - name: Operations handbook\n    accepted: {}\n"
        "actual_end: {}\nactual_cost: {}\noutcome: {}\n"
        "evaluation:\n  project:\n    rating: {}\n  manager:\n    rating: {}\n"
        "    comment: Kept the sponsor informed\n"
        "lessons:\n  - kind: went_well\n    text: Involve key users earlier\n"
        "    tags: [users, requirements]\n"
        "  - kind: to_improve\n    text: Plan the data migration first\n    tags: [migration]\n",
        k % 4 == 0 ? "false" : "true", iso_date(closed_at, false, false), 250000 + 10000 * (k % 20),
        k % 5 == 0 ? "partially_achieved" : "achieved", 3 + k % 3, 2 + k % 4);
    m_writes.push_back(Write{t, m_writes.size(), manager.name, manager.id + "@example.com",
                             fmt::format("Closure {}: {} — objectives achieved\n\nPmo-Project: "
                                         "{}\nPmo-Closure: recorded\n",
                                         id, title, id),
                             "projects/" + id + "/closure.yaml", closure});
    const std::string& closed_record = record; // project.yaml is unchanged by the closure
    t += k_day;
    decision(id, closed_record, t, "G4", "approve", sponsor, "sponsor", title);
    t += k_day;
    decision(id, closed_record, t, "G4", "approve", pick("pmo", k), "pmo", title);
  }

  void write(std::int64_t when, const Person& author, std::string message, std::string path,
             std::string content) {
    m_writes.push_back(Write{when, m_writes.size(), author.name, author.id + "@example.com",
                             std::move(message), std::move(path), std::move(content)});
  }

  // Project control after the baseline (G2 at `baselined`), as pmo update, pmo risk, pmo issue
  // and pmo change write it: a status report per month until `until` (at most 6), two risks
  // (one closed), an issue for every other project, and for every third a change request that
  // the CCB approves.
  void control(std::size_t k, const std::string& id, const std::string& title,
               const Person& manager, const Person& sponsor, std::int64_t baselined,
               std::int64_t until) {
    const std::string dir = "projects/" + id + "/";
    const std::string day0 = iso_date(baselined, false, false);
    int year = std::stoi(day0.substr(0, 4));
    int month = std::stoi(day0.substr(5, 2));
    std::int64_t t = baselined;
    for (int i = 1; i <= 6; ++i) {
      t += 30 * k_day;
      if (t >= until)
        break;
      if (++month > 12) {
        month = 1;
        ++year;
      }
      const std::string period = fmt::format("{}-{:02}", year, month);
      const int percent = std::min(100, 14 * i + static_cast<int>(k % 5));
      const std::int64_t cost =
          m_budget * percent / 100 * (90 + static_cast<std::int64_t>(roll(25))) / 100;
      const char* schedule = k % 4 == 0 && i > 2 ? "amber" : "green";
      write(t, manager,
            fmt::format("Status {}: {} {} — {}% complete, cost {}\n\nMonth {} of delivery\n\n"
                        "Pmo-Project: {}\nPmo-Status: {}\n",
                        period, id, title, percent, cost, i, id, period),
            dir + "status/" + period + ".yaml",
            fmt::format("percent_complete: {}\nactual_cost: {}\nforecasts:\n  Go-live: {}\n"
                        "health:\n  schedule: {}\n  cost: green\n"
                        "summary: Month {} of delivery; {}\n"
                        "accomplishments: [Sprint reviews held, Test cases written]\n"
                        "next_steps: [Integration testing, User training plan]\n",
                        percent, cost, iso_date(m_end_of(k), false, false), schedule, i,
                        schedule[0] == 'g' ? "on plan" : "two weeks behind on integration"));
    }
    const std::int64_t risk_at = baselined + 2 * k_day;
    const int probability = k % 3 == 0 ? 4 : 3;
    const std::string risk1 = fmt::format(
        "description: Key users may not be available for acceptance testing\n"
        "cause: Year-end workload in the business unit\nprobability: {}\nimpact: 4\n"
        "owner: {}\nresponse: mitigate\nactions: [Agree test windows with the business owner]\n"
        "due: {}\nstatus: open\nraised: {}\nclosed: ~\n",
        probability, manager.id, iso_date(risk_at + 60 * k_day, false, false),
        iso_date(risk_at, false, false));
    write(risk_at, m_operator,
          fmt::format("Risk R-001 raised: {} — score {}\n\nKey users may not be available\n\n"
                      "Pmo-Project: {}\nPmo-Risk: R-001\n{}",
                      id, probability * 4, id,
                      probability * 4 >= 15 ? fmt::format("Pmo-Escalated: {}\n", probability * 4)
                                            : std::string{}),
          dir + "risks/R-001.yaml", risk1);
    write(risk_at + k_day, m_operator,
          fmt::format("Risk R-002 raised: {} — score 6\n\nVendor delivery\n\n"
                      "Pmo-Project: {}\nPmo-Risk: R-002\n",
                      id, id),
          dir + "risks/R-002.yaml",
          fmt::format("description: The vendor may deliver the interface late\n"
                      "cause: Shared vendor team\nprobability: 2\nimpact: 3\nowner: {}\n"
                      "response: transfer\nactions: [Penalty clause in the contract]\n"
                      "due: {}\nstatus: closed\nraised: {}\nclosed: {}\n",
                      manager.id, iso_date(risk_at + 30 * k_day, false, false),
                      iso_date(risk_at + k_day, false, false),
                      iso_date(risk_at + 20 * k_day, false, false)));
    if (k % 2 == 0) {
      const std::int64_t at = baselined + 20 * k_day;
      write(at, m_operator,
            fmt::format("Issue I-001 raised: {} (high)\n\nTest environment\n\n"
                        "Pmo-Project: {}\nPmo-Issue: I-001\n",
                        id, id),
            dir + "issues/I-001.yaml",
            fmt::format("description: The test environment is not ready\nowner: {}\n"
                        "priority: high\ndue: {}\nraised: {}\nresolved: ~\nresolution: ~\n",
                        manager.id, iso_date(at + 14 * k_day, false, false),
                        iso_date(at, false, false)));
    }
    if (k % 3 == 1) {
      const std::int64_t at = baselined + 40 * k_day;
      const std::string change = fmt::format(
          "title: Add a reporting module\nreason: Requested by the business owner after the "
          "design review\nrequested_by: {}\nrequested: {}\nimpact:\n  scope: One more "
          "module\n  schedule_days: 14\n  cost: 50000\n  quality: No change\n"
          "alternatives: [Defer to a later release]\n",
          sponsor.id, iso_date(at, false, false));
      write(at, m_operator,
            fmt::format("Change request CR-001: {} Add a reporting module (+14 days, cost "
                        "+50000)\n\nRequested by the business owner\n\n"
                        "Pmo-Project: {}\nPmo-Change: CR-001\n",
                        id, id),
            dir + "changes/CR-001.yaml", change);
      const std::string record = blob_id(change);
      decision(id, record, at + 2 * k_day, "CR-001", "approve", pick("pmo", k + 2), "pmo", title,
               true);
      decision(id, record, at + 3 * k_day, "CR-001", "approve", pick("finance", k), "finance",
               title, true);
    }
  }

  std::int64_t m_end_of(std::size_t k) const { return m_ends.at(k); }

  void emit_init(std::FILE* out) {
    m_operator = Person{"operator", "PMO Operator", "pmo"};
    std::string files = data_line("pmo.yaml", k_office);
    for (const auto& p : m_roster.all)
      files += data_line("people/" + p.id + ".yaml", person_yaml(p));
    commit(out, k_start - k_day, m_operator.name, "operator@example.com",
           "Initialise the portfolio\n\nPmo-Action: init\n", files);
  }

  static std::string data_line(const std::string& path, const std::string& content) {
    return fmt::format("M 100644 inline {}\ndata {}\n{}\n", path, content.size(), content);
  }

  void commit(std::FILE* out, std::int64_t when, const std::string& name, const std::string& email,
              const std::string& message, const std::string& files) {
    fmt::print(out,
               "commit refs/heads/main\nauthor {0} <{1}> {2} +0000\n"
               "committer PMO Operator <operator@example.com> {2} +0000\ndata {3}\n{4}\n{5}\n",
               name, email, when, message.size(), message, files);
  }

  void emit(std::FILE* out, const Write& w) {
    commit(out, w.when, w.author_name, w.author_email, w.message, data_line(w.path, w.content));
  }

  std::size_t m_projects;
  std::int64_t m_start = 0; // of the last proposal made
  std::int64_t m_end = 0;
  std::int64_t m_budget = 0;        // of the last proposal made
  std::vector<std::int64_t> m_ends; // each project's planned end
  std::vector<PlanRow> m_plan;
  std::mt19937 m_random;
  Roster m_roster;
  Person m_operator;
  std::vector<Write> m_writes;
};

} // namespace

int main(int argc, char** argv) {
  // pmo-bench-generate [--tjp] PROJECTS [SEED]
  bool tjp = argc > 1 && std::string(argv[1]) == "--tjp";
  if (tjp) {
    --argc;
    ++argv;
  }
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: pmo-bench-generate PROJECTS [SEED] | git fast-import\n"
                 "       pmo-bench-generate --tjp PROJECTS [SEED] > plan.tjp\n";
    return 2;
  }
  const long projects = std::strtol(argv[1], nullptr, 10);
  const long seed = argc == 3 ? std::strtol(argv[2], nullptr, 10) : 1;
  if (projects <= 0 || projects > 1000000) {
    std::cerr << "PROJECTS: 1 to 1000000\n";
    return 2;
  }
  git_libgit2_init();
  Generator generator(static_cast<std::size_t>(projects), static_cast<unsigned>(seed));
  if (tjp)
    generator.run_tjp(stdout);
  else
    generator.run(stdout);
  git_libgit2_shutdown();
  return std::fflush(stdout) == 0 ? 0 : 1;
}
