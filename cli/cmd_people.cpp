// pmo people add|update|retire|list — the roster: one file per person under people/. A person who
// leaves is retired, never deleted: their decisions, risks and projects stay readable, and history
// keeps being judged under the roster of its time.

#include "commands.hpp"
#include "people_list.hpp"
#include "workspace.hpp"

#include <pmo/codec/records.hpp>
#include <pmo/journal/journal.hpp>
#include <pmo/model/ids.hpp>
#include <pmo/model/lifecycle.hpp>

#include <algorithm>
#include <filesystem>
#include <ostream>

namespace pmo::cli {

using model::Lang;
using model::tr;

namespace {

namespace fs = std::filesystem;

struct AddOptions {
  std::string id;
  std::string name;
  std::string email;
  std::vector<std::string> roles;
  double capacity = 1.0;
  std::string as;      // the roster person making the change (default: by git's user.email)
  std::string ssh_key; // a public key line, or a file holding one
};

// The public key line --ssh-key names: the text itself, or the first line of the file it names.
std::optional<std::string> ssh_key_line(const std::string& given) {
  std::string line = given;
  if (!git::parse_public_key(line)) {
    std::error_code ec;
    if (!fs::is_regular_file(given, ec))
      return std::nullopt;
    line = read_input(given, 64 * 1024);
  }
  line = line.substr(0, line.find_first_of("\r\n"));
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t'))
    line.pop_back();
  if (!git::parse_public_key(line) || !git::is_valid_signature_text(line))
    return std::nullopt;
  return line;
}

bool plausible_email(const std::string& email) {
  auto at = email.find('@');
  return at != std::string::npos && at > 0 && at + 1 < email.size() &&
         email.find('@', at + 1) == std::string::npos &&
         email.find_first_of(" \t") == std::string::npos && git::is_valid_signature_text(email);
}

// Who makes a change of the roster, as its commit's author: the person given by --as, or the one
// whose e-mail is git's user.email. Once somebody holds a role of pmo.yaml's
// ledger.rule_changes (default pmo), only those people may change the roster: pmo verify would
// report anyone else's change and it would not take effect, so it is refused here. While nobody
// holds such a role (an office being set up), anyone may, as their git identity.
git::Signature roster_change_author(const Workspace& ws, const model::Portfolio& portfolio,
                                    const std::string& as, Lang lang, model::Timestamp now) {
  const git::Signature operator_sig = operator_signature(ws, now);
  const model::Person* who = nullptr;
  if (!as.empty()) {
    who = portfolio.person(as);
    if (!who)
      throw Failure(k_exit_findings, tr(lang, "--as {}: no such person in the roster",
                                        "--as {}：人员名册中没有此人", as));
  }
  const auto changers = journal::rule_changers(portfolio);
  if (journal::rules_guarded(portfolio)) {
    if (!who)
      who = journal::person_with_email(changers, operator_sig.email);
    if (who && who->retired)
      throw Failure(k_exit_findings,
                    tr(lang, "{} retired on {} and may no longer change the roster",
                       "{} 已于 {} 离任，不能再修改人员名册", who->id,
                       model::format_date(*who->retired)));
    if (!who || std::find(changers.begin(), changers.end(), who) == changers.end()) {
      std::vector<std::string> ids;
      for (const model::Person* p : changers)
        ids.push_back(p->id);
      const std::string roles =
          fmt::format("{}", fmt::join(portfolio.office.ledger.rule_changes, ", "));
      throw Failure(
          k_exit_findings,
          who ? tr(lang,
                   "{} holds none of the roles that may change the roster ({}, pmo.yaml "
                   "ledger.rule_changes); {} may: run with --as one of them",
                   "{} 不具有可修改人员名册的角色（{}，见 pmo.yaml 的 ledger.rule_changes）；"
                   "可修改者：{}，请以 --as 指定其中一人",
                   who->id, roles, fmt::join(ids, ", "))
              : tr(lang,
                   "only {} may change the roster (roles {}, pmo.yaml ledger.rule_changes), and "
                   "your git identity <{}> is none of them: run with --as one of them",
                   "只有 {} 可修改人员名册（角色 {}，见 pmo.yaml 的 ledger.rule_changes），而你的 "
                   "git 身份 <{}> 不是其中之一：请以 --as 指定其中一人",
                   fmt::join(ids, ", "), roles, operator_sig.email));
    }
  }
  if (!who)
    return operator_sig;
  const auto [name, email] = journal::author_of(*who);
  return git::Signature{name, email, now};
}

int run_add(Context& ctx, const AddOptions& opts) {
  Workspace ws = open_workspace(ctx, true);
  Lang lang = early_language(ctx, &ws);
  if (auto problem = model::id_problem(opts.id); problem != model::IdProblem::none)
    throw Failure(k_exit_usage, tr(lang, "'{}' is not a valid id: {}", "“{}”不是有效编号：{}",
                                   opts.id, model::id_problem_text(problem, lang)));
  if (opts.name.empty() || !git::is_valid_signature_text(opts.name))
    throw Failure(k_exit_usage, tr(lang, "--name must be one line without '<' or '>'",
                                   "--name 必须是单行文本，且不含“<”“>”"));
  if (!model::is_signable_name(opts.name))
    throw Failure(k_exit_usage,
                  tr(lang,
                     "--name '{}' has nothing git keeps as an author's name (git drops spaces "
                     "and . , : ; \" \\ ' at either end); give the person's name",
                     "--name“{}”中没有 git 可保留为作者姓名的字符（git 会去掉两端的空格及 "
                     ". , : ; \" \\ '）；请填写姓名",
                     opts.name));
  if (!opts.email.empty() && !plausible_email(opts.email))
    throw Failure(k_exit_usage, tr(lang, "--email '{}' is not an e-mail address",
                                   "--email“{}”不是有效的电子邮箱", opts.email));
  if (!(opts.capacity > 0.0 && opts.capacity <= 1.0))
    throw Failure(k_exit_usage, tr(lang, "--capacity must be more than 0 and at most 1 (FTE)",
                                   "--capacity 必须大于 0 且不超过 1（FTE）"));

  std::string ssh_key;
  if (!opts.ssh_key.empty()) {
    auto line = ssh_key_line(opts.ssh_key);
    if (!line)
      throw Failure(k_exit_usage,
                    tr(lang,
                       "--ssh-key must be an SSH public key (ssh-ed25519 AAAA…) or a file holding "
                       "one (~/.ssh/id_ed25519.pub)",
                       "--ssh-key 必须是 SSH 公钥（ssh-ed25519 AAAA…）或存有公钥的文件"
                       "（~/.ssh/id_ed25519.pub）"));
    ssh_key = *line;
  }

  model::Person person;
  person.id = opts.id;
  person.ssh_key = ssh_key;
  person.name = opts.name;
  person.email = opts.email;
  person.capacity = opts.capacity;
  for (const auto& role : opts.roles)
    if (std::find(person.roles.begin(), person.roles.end(), role) == person.roles.end())
      person.roles.push_back(role);
  std::string path = "people/" + opts.id + ".yaml";

  std::string role_names; // as the office names them, for the message
  std::string commit =
      write_commit(ctx, ws, lang, WriteScope::office_only(), [&](const store::Loaded& head) {
        require_loadable(head, lang);
        const model::Office& office = head.portfolio.office;
        for (const auto& role : person.roles)
          if (!office.role(role)) {
            std::vector<std::string> known;
            for (const auto& r : office.roles)
              known.push_back(r.id);
            throw Failure(k_exit_findings,
                          tr(lang, "role '{}' is not defined in pmo.yaml (roles: {})",
                             "角色“{}”未在 pmo.yaml 中定义（已定义：{}）", role,
                             fmt::join(known, ", ")));
          }
        if (head.portfolio.person(person.id))
          throw Failure(k_exit_findings, tr(lang, "{} is already in the roster ({})",
                                            "{} 已在人员名册中（{}）", person.id, path));
        for (const auto& other : head.portfolio.people)
          if (model::same_id_ignoring_case(other.id, person.id))
            throw Failure(k_exit_findings,
                          tr(lang,
                             "'{}' differs only in case from '{}', already in the roster ({}): a "
                             "checkout on Windows or macOS could not hold both",
                             "“{}”与人员名册中已有的“{}”（{}）仅大小写不同：在 Windows 或 macOS "
                             "上无法同时检出",
                             person.id, other.id, other.file));
        std::vector<std::string> names;
        for (const auto& role : person.roles)
          names.push_back(model::role_name(office, role, lang));
        role_names = fmt::format("{}", fmt::join(names, lang == Lang::zh ? "、" : ", "));
        WritePlan plan;
        plan.files.push_back({path, codec::encode_person(person)});
        plan.author = roster_change_author(ws, head.portfolio, opts.as, lang, ctx.clock.now);
        plan.message = git::compose_message(
            tr(lang, "people: add {} ({})", "人员：新增 {}（{}）", person.id, person.name),
            {tr(lang, "Roles: {}.", "角色：{}。", fmt::join(person.roles, ", "))},
            {{"Pmo-Action", "people-add"}, {"Pmo-Person", person.id}});
        return plan;
      });
  *ctx.out << person.id << '\n';
  if (!ctx.quiet)
    *ctx.err << tr(lang, "Added {} ({}) with roles {} — {} (commit {}).\n",
                   "已添加 {}（{}），角色：{} —— {}（提交 {}）。\n", person.id, person.name,
                   role_names, path, commit.substr(0, 7));
  return k_exit_ok;
}

// pmo people update ID: what changes of a person; unset options leave a field as it is.
struct UpdateOptions {
  std::string id;
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::vector<std::string> add_roles;
  std::vector<std::string> remove_roles;
  std::optional<double> capacity;
  std::optional<std::string> ssh_key;
  std::string as;
};

struct RetireOptions {
  std::string id;
  std::string date; // YYYY-MM-DD; default today
  std::string as;
};

void check_roles_defined(const model::Office& office, const std::vector<std::string>& roles,
                         Lang lang) {
  for (const auto& role : roles)
    if (!office.role(role)) {
      std::vector<std::string> known;
      for (const auto& r : office.roles)
        known.push_back(r.id);
      throw Failure(k_exit_findings,
                    tr(lang, "role '{}' is not defined in pmo.yaml (roles: {})",
                       "角色“{}”未在 pmo.yaml 中定义（已定义：{}）", role, fmt::join(known, ", ")));
    }
}

const model::Person& roster_person(const model::Portfolio& portfolio, const std::string& id,
                                   Lang lang) {
  const model::Person* person = portfolio.person(id);
  if (!person)
    throw Failure(k_exit_findings, tr(lang, "{} is not in the roster (people/{}.yaml)",
                                      "{} 不在人员名册中（people/{}.yaml）", id, id));
  return *person;
}

// Refuses a change that leaves nobody active who may change the roster and the process, once
// somebody could: the office would be locked out of its own rules.
void keep_a_rule_changer(const model::Portfolio& portfolio, const model::Person& after, Lang lang) {
  if (!journal::rules_guarded(portfolio))
    return;
  model::Portfolio changed;
  changed.office = portfolio.office;
  changed.people = portfolio.people;
  for (auto& p : changed.people)
    if (p.id == after.id)
      p = after;
  if (journal::rule_changers(changed).empty())
    throw Failure(k_exit_findings,
                  tr(lang,
                     "{} is the last person who may change the roster and the process (roles {}, "
                     "pmo.yaml ledger.rule_changes): give one of those roles to someone else first",
                     "{} 是最后一位可修改人员名册和流程的人员（角色 {}，见 pmo.yaml 的 "
                     "ledger.rule_changes）：请先把其中一个角色授予他人",
                     after.id, fmt::join(portfolio.office.ledger.rule_changes, ", ")));
}

int run_update(Context& ctx, const UpdateOptions& opts) {
  Workspace ws = open_workspace(ctx, true);
  Lang lang = early_language(ctx, &ws);
  if (!model::is_valid_id(opts.id))
    throw Failure(k_exit_usage, tr(lang, "'{}' is not a valid id", "“{}”不是有效编号", opts.id));
  Problems problems;
  if (opts.name && (opts.name->empty() || !git::is_valid_signature_text(*opts.name) ||
                    !model::is_signable_name(*opts.name)))
    problems.add(tr(lang, "--name '{}' is not a name git can sign with (one line, no '<' or '>')",
                    "--name“{}”不能用作 git 署名（须为单行，且不含“<”“>”）", *opts.name));
  if (opts.email && !opts.email->empty() && !plausible_email(*opts.email))
    problems.add(tr(lang, "--email '{}' is not an e-mail address", "--email“{}”不是有效的电子邮箱",
                    *opts.email));
  if (opts.capacity && !(*opts.capacity > 0.0 && *opts.capacity <= 1.0))
    problems.add(tr(lang, "--capacity must be more than 0 and at most 1 (FTE)",
                    "--capacity 必须大于 0 且不超过 1（FTE）"));
  std::optional<std::string> ssh_key;
  if (opts.ssh_key) {
    if (opts.ssh_key->empty())
      ssh_key = "";
    else if (auto line = ssh_key_line(*opts.ssh_key))
      ssh_key = *line;
    else
      problems.add(pick(lang,
                        "--ssh-key must be an SSH public key (ssh-ed25519 AAAA…), a file holding "
                        "one, or '' to remove it",
                        "--ssh-key 必须是 SSH 公钥（ssh-ed25519 AAAA…）、存有公钥的文件，或用 '' "
                        "删除"));
  }
  for (const auto& role : opts.add_roles)
    if (std::find(opts.remove_roles.begin(), opts.remove_roles.end(), role) !=
        opts.remove_roles.end())
      problems.add(
          tr(lang, "role '{}' is both added and removed", "角色“{}”同时被添加和移除", role));
  if (!opts.name && !opts.email && opts.add_roles.empty() && opts.remove_roles.empty() &&
      !opts.capacity && !opts.ssh_key)
    problems.add(pick(lang,
                      "nothing to change: give --name, --email, --add-role, --remove-role, "
                      "--capacity or --ssh-key",
                      "没有要修改的内容：请指定 --name、--email、--add-role、--remove-role、"
                      "--capacity 或 --ssh-key"));
  problems.raise(k_exit_usage);

  std::string path = "people/" + opts.id + ".yaml";
  std::vector<std::string> changed;
  std::string commit =
      write_commit(ctx, ws, lang, WriteScope::office_only(), [&](const store::Loaded& head) {
        require_loadable(head, lang);
        const model::Portfolio& portfolio = head.portfolio;
        model::Person person = roster_person(portfolio, opts.id, lang);
        if (person.retired)
          throw Failure(k_exit_findings,
                        tr(lang, "{} retired on {}; a retired person's record stays as it was",
                           "{} 已于 {} 离任；离任人员的记录保持不变", person.id,
                           model::format_date(*person.retired)));
        check_roles_defined(portfolio.office, opts.add_roles, lang);
        changed.clear();
        if (opts.name && *opts.name != person.name) {
          person.name = *opts.name;
          changed.push_back(pick(lang, "name", "姓名"));
        }
        if (opts.email && *opts.email != person.email) {
          person.email = *opts.email;
          changed.push_back(pick(lang, "e-mail", "电子邮箱"));
        }
        for (const auto& role : opts.add_roles)
          if (!person.has_role(role)) {
            person.roles.push_back(role);
            changed.push_back("+" + role);
          }
        for (const auto& role : opts.remove_roles) {
          auto it = std::find(person.roles.begin(), person.roles.end(), role);
          if (it == person.roles.end())
            throw Failure(k_exit_findings, tr(lang, "{} does not hold the role '{}'",
                                              "{} 不具有角色“{}”", person.id, role));
          person.roles.erase(it);
          changed.push_back("-" + role);
        }
        if (person.roles.empty())
          throw Failure(
              k_exit_findings,
              tr(lang,
                 "{} would hold no role; a person holds at least one (retire them "
                 "with 'pmo people retire {}')",
                 "{} 将不再具有任何角色；每人至少一个角色（离任请用 pmo people retire {}）",
                 person.id, person.id));
        if (opts.capacity && *opts.capacity != person.capacity) {
          person.capacity = *opts.capacity;
          changed.push_back(pick(lang, "capacity", "投入"));
        }
        if (ssh_key && *ssh_key != person.ssh_key) {
          person.ssh_key = *ssh_key;
          changed.push_back("ssh_key");
        }
        if (changed.empty())
          throw Failure(k_exit_findings,
                        tr(lang, "{} already stands so in the roster; nothing to commit",
                           "人员名册中 {} 已是如此；无需提交", person.id));
        keep_a_rule_changer(portfolio, person, lang);
        WritePlan plan;
        plan.files.push_back({path, codec::encode_person(person)});
        plan.create_only = false;
        plan.author = roster_change_author(ws, portfolio, opts.as, lang, ctx.clock.now);
        plan.message = git::compose_message(
            tr(lang, "people: update {} ({})", "人员：更新 {}（{}）", person.id,
               fmt::join(changed, ", ")),
            {tr(lang, "Roles: {}.", "角色：{}。", fmt::join(person.roles, ", "))},
            {{"Pmo-Action", "people-update"}, {"Pmo-Person", person.id}});
        return plan;
      });
  *ctx.out << commit << '\n';
  if (!ctx.quiet)
    *ctx.err << tr(lang, "Updated {} ({}) — {} (commit {}).\n",
                   "已更新 {}（{}）—— {}（提交 {}）。\n", opts.id, fmt::join(changed, ", "), path,
                   commit.substr(0, 7));
  return k_exit_ok;
}

int run_retire(Context& ctx, const RetireOptions& opts) {
  Workspace ws = open_workspace(ctx, true);
  Lang lang = early_language(ctx, &ws);
  if (!model::is_valid_id(opts.id))
    throw Failure(k_exit_usage, tr(lang, "'{}' is not a valid id", "“{}”不是有效编号", opts.id));
  model::Date on = ctx.clock.today();
  if (!opts.date.empty()) {
    auto date = model::parse_date(opts.date);
    if (!date)
      throw Failure(k_exit_usage, tr(lang, "--date '{}' is not a date YYYY-MM-DD",
                                     "--date“{}”不是 YYYY-MM-DD 格式的日期", opts.date));
    if (*date > on)
      throw Failure(k_exit_usage,
                    tr(lang, "--date {} is in the future; retire a person on the day they leave",
                       "--date {} 是将来的日期；请在人员离开当天办理离任", opts.date));
    on = *date;
  }
  std::string path = "people/" + opts.id + ".yaml";
  std::vector<std::string> still;
  std::string commit =
      write_commit(ctx, ws, lang, WriteScope::whole_portfolio(), [&](const store::Loaded& head) {
        require_loadable(head, lang);
        const model::Portfolio& portfolio = head.portfolio;
        model::Person person = roster_person(portfolio, opts.id, lang);
        if (person.retired)
          throw Failure(k_exit_findings, tr(lang, "{} retired on {} already", "{} 已于 {} 离任",
                                            person.id, model::format_date(*person.retired)));
        person.retired = on;
        keep_a_rule_changer(portfolio, person, lang);
        // What they still hold, for the office to hand over (it stays valid: history keeps them);
        // the reason this write reads the whole portfolio.
        still.clear();
        for (const auto& p : portfolio.projects) {
          if (model::derive_state(portfolio.office, portfolio.decisions_of(p.id), lang).terminal())
            continue;
          if (p.manager == person.id)
            still.push_back(tr(lang, "manager of {}", "{} 的项目经理", p.id));
          if (p.sponsor == person.id)
            still.push_back(tr(lang, "sponsor of {}", "{} 的发起人", p.id));
        }
        for (const auto& r : portfolio.risks)
          if (r.open && r.owner == person.id)
            still.push_back(
                tr(lang, "owner of risk {} ({})", "风险 {}（{}）的负责人", r.id, r.project));
        for (const auto& i : portfolio.issues)
          if (!i.resolved && i.owner == person.id)
            still.push_back(
                tr(lang, "owner of issue {} ({})", "问题 {}（{}）的负责人", i.id, i.project));
        WritePlan plan;
        plan.files.push_back({path, codec::encode_person(person)});
        plan.create_only = false;
        plan.author = roster_change_author(ws, portfolio, opts.as, lang, ctx.clock.now);
        plan.message = git::compose_message(
            tr(lang, "people: retire {} ({}) on {}", "人员：{}（{}）于 {} 离任", person.id,
               person.name, model::format_date(on)),
            {pick(lang, "Kept in the roster for history; no longer eligible.",
                  "保留在人员名册中以备查；不再具有资格。")},
            {{"Pmo-Action", "people-retire"}, {"Pmo-Person", person.id}});
        return plan;
      });
  *ctx.out << commit << '\n';
  if (!ctx.quiet) {
    *ctx.err << tr(lang, "Retired {} on {} — {} (commit {}).\n",
                   "{} 已于 {} 离任 —— {}（提交 {}）。\n", opts.id, model::format_date(on), path,
                   commit.substr(0, 7));
    if (!still.empty())
      *ctx.err << tr(lang, "{} still holds: {}; hand these over.\n", "{} 仍担任：{}；请移交。\n",
                     opts.id, fmt::join(still, "; "));
  }
  return k_exit_ok;
}

struct ListOptions {
  bool json = false;
};

int run_list(Context& ctx, const ListOptions& opts) {
  Workspace ws = open_workspace(ctx, false);
  Lang early = early_language(ctx, &ws);
  store::Loaded loaded = load_working_tree(ws, early);
  require_loadable(loaded, early);
  Lang lang = ctx.language(loaded.portfolio.office.language);
  print_people(ctx, loaded.portfolio, lang, opts.json);
  return k_exit_ok;
}

} // namespace

void add_people(CLI::App& app, Action& action, const Help& help) {
  CLI::App* people = app.add_subcommand(
      "people", help("The roster: add, update, retire, list", "人员名册：添加、更新、离任、列出"));
  people->require_subcommand(1);

  auto add = std::make_shared<AddOptions>();
  CLI::App* add_cmd =
      people->add_subcommand("add", help("Add a person to the roster", "向人员名册添加人员"));
  add_cmd
      ->add_option("ID", add->id,
                   help("Person id (becomes people/ID.yaml)", "人员标识（即文件 people/ID.yaml）"))
      ->required();
  add_cmd->add_option("--name", add->name, help("Full name", "姓名"))->required();
  add_cmd->add_option("--email", add->email,
                      help("E-mail (used as commit author)", "电子邮箱（用作提交的作者）"));
  add_cmd
      ->add_option("--role", add->roles,
                   help("A role from pmo.yaml (repeatable)", "pmo.yaml 中定义的角色（可重复）"))
      ->required()
      ->allow_extra_args(false);
  add_cmd->add_option(
      "--capacity", add->capacity,
      help("Capacity in FTE, more than 0, at most 1", "投入（FTE），大于 0 且不超过 1"));
  add_cmd->add_option("--as", add->as,
                      help("Who makes the change (a person holding a role of ledger.rule_changes, "
                           "default pmo); default: the person whose e-mail is git's user.email",
                           "修改人（须具有 ledger.rule_changes 中的角色，默认为 pmo）；"
                           "默认：电子邮箱为 git user.email 的人员"));
  add_cmd->add_option("--ssh-key", add->ssh_key,
                      help("The SSH public key (or its .pub file) their decisions are signed with",
                           "其决策签名所用的 SSH 公钥（或其 .pub 文件）"));
  add_cmd->callback(
      [&action, add] { action = [add](Context& ctx) { return run_add(ctx, *add); }; });

  auto update = std::make_shared<UpdateOptions>();
  CLI::App* update_cmd = people->add_subcommand(
      "update", help("Change a person's name, e-mail, roles, capacity or key",
                     "修改人员的姓名、电子邮箱、角色、投入或密钥"));
  update_cmd->add_option("ID", update->id, help("Person id", "人员标识"))->required();
  update_cmd->add_option("--name", update->name, help("Full name", "姓名"));
  update_cmd->add_option("--email", update->email,
                         help("E-mail (used as commit author)", "电子邮箱（用作提交的作者）"));
  update_cmd
      ->add_option(
          "--add-role", update->add_roles,
          help("Give a role from pmo.yaml (repeatable)", "授予 pmo.yaml 中定义的角色（可重复）"))
      ->allow_extra_args(false);
  update_cmd
      ->add_option("--remove-role", update->remove_roles,
                   help("Take a role away (repeatable)", "收回一个角色（可重复）"))
      ->allow_extra_args(false);
  update_cmd->add_option(
      "--capacity", update->capacity,
      help("Capacity in FTE, more than 0, at most 1", "投入（FTE），大于 0 且不超过 1"));
  update_cmd->add_option("--ssh-key", update->ssh_key,
                         help("The SSH public key (or its .pub file); '' removes it",
                              "SSH 公钥（或其 .pub 文件）；'' 表示删除"));
  update_cmd->add_option(
      "--as", update->as,
      help("Who makes the change (as for people add)", "修改人（同 people add）"));
  update_cmd->callback(
      [&action, update] { action = [update](Context& ctx) { return run_update(ctx, *update); }; });

  auto retire = std::make_shared<RetireOptions>();
  CLI::App* retire_cmd = people->add_subcommand(
      "retire", help("Retire a person who left: kept for history, no longer eligible",
                     "为已离开的人员办理离任：保留以备查，不再具有资格"));
  retire_cmd->add_option("ID", retire->id, help("Person id", "人员标识"))->required();
  retire_cmd->add_option(
      "--date", retire->date,
      help("The day they left, YYYY-MM-DD; default today", "离开日期，YYYY-MM-DD；默认为今天"));
  retire_cmd->add_option(
      "--as", retire->as,
      help("Who makes the change (as for people add)", "修改人（同 people add）"));
  retire_cmd->callback(
      [&action, retire] { action = [retire](Context& ctx) { return run_retire(ctx, *retire); }; });

  auto list = std::make_shared<ListOptions>();
  CLI::App* list_cmd = people->add_subcommand("list", help("List the roster", "列出人员名册"));
  list_cmd->add_flag("--json", list->json, help("JSON on stdout", "在标准输出上输出 JSON"));
  list_cmd->callback(
      [&action, list] { action = [list](Context& ctx) { return run_list(ctx, *list); }; });
}

} // namespace pmo::cli
